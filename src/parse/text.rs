//! Seed text → a [`Document`]: a sequence of typed blocks, each remembering its input lines.
//!
//! Takes a seed's bytes; returns its normalized text (BOM stripped, CRLF and CR turned into
//! LF, NFC) and the blocks found in it. The seed is never interpreted as markup: blocks hold
//! plain text, and escaping is the template engine's job. This is the stand-in structurer:
//! paragraphs split on blank lines. The raw-text structuring issue replaces it behind
//! [`parse_seed`].

use std::ops::Range;
use std::path::Path;

use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use crate::error::Diagnostic;
use crate::load::{SeedFile, decode};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Body text.
    Paragraph,
}

/// One block of a seed's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's lines, trimmed, in order.
    pub lines: Vec<String>,
    /// Byte range in the normalized text.
    pub span: Range<usize>,
    /// 1-based line numbers of the first and last input line.
    pub line_range: (usize, usize),
}

/// A structured seed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The normalized text the spans refer to.
    pub text: String,
    /// The blocks, in reading order.
    pub blocks: Vec<Block>,
}

impl Document {
    /// Words in the blocks a reader sees.
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .flat_map(|b| &b.lines)
            .map(|l| l.split_whitespace().count())
            .sum()
    }
}

/// Decodes and normalizes a seed, then splits it into blocks.
///
/// # Errors
/// A diagnostic when the seed is not UTF-8 (naming the bad byte's line and column) or holds
/// no text at all.
pub fn parse_seed(seed: &SeedFile) -> Result<Document, Diagnostic> {
    let file = decode(&seed.path, seed.bytes.clone())?;
    let text = normalize(&file.text);
    if text.trim().is_empty() {
        return Err(empty_seed(&seed.path));
    }
    Ok(Document {
        blocks: split_paragraphs(&text),
        text,
    })
}

fn empty_seed(path: &Path) -> Diagnostic {
    // Named as metadata names it (`seed = "x.txt"`), relative to seeds/.
    let name = crate::load::slash_path(path.strip_prefix(crate::load::SEEDS_DIR).unwrap_or(path));
    Diagnostic::error(format!("seed `{name}` is empty"))
        .in_file(path)
        .help("paste the article's text into the file, or remove the metadata that points to it")
}

/// Strips a BOM, turns CRLF and lone CR into LF and normalizes to NFC.
pub fn normalize(raw: &str) -> String {
    let without_bom = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let unified = without_bom.replace("\r\n", "\n").replace('\r', "\n");
    unified.nfc().collect()
}

fn split_paragraphs(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut current: Option<Block> = None;
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let content = line.trim_end_matches('\n');
        let trimmed = content.trim();
        let line_span = offset..offset + content.len();
        offset += line.len();
        if trimmed.is_empty() {
            blocks.extend(current.take());
            continue;
        }
        let block = current.get_or_insert_with(|| Block {
            kind: BlockKind::Paragraph,
            lines: Vec::new(),
            span: line_span.clone(),
            line_range: (index + 1, index + 1),
        });
        block.lines.push(trimmed.to_string());
        block.span.end = line_span.end;
        block.line_range.1 = index + 1;
    }
    blocks.extend(current);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(bytes: &[u8]) -> SeedFile {
        SeedFile {
            path: "seeds/t.txt".into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn splits_on_blank_lines_and_keeps_spans() {
        let document = parse_seed(&seed(b"one\ntwo\n\n  \nthree\n")).unwrap();
        assert_eq!(document.blocks.len(), 2);
        assert_eq!(document.blocks[0].lines, ["one", "two"]);
        assert_eq!(&document.text[document.blocks[1].span.clone()], "three");
        assert_eq!(document.blocks[1].line_range, (5, 5));
    }

    #[test]
    fn strips_bom_and_accepts_crlf() {
        let document = parse_seed(&seed("\u{feff}a\r\n\r\nb\rc".as_bytes())).unwrap();
        assert_eq!(document.text, "a\n\nb\nc");
        assert_eq!(document.blocks[1].lines, ["b", "c"]);
    }

    #[test]
    fn rejects_empty_and_whitespace_only_seeds() {
        assert_eq!(
            parse_seed(&seed(b" \n\n")).unwrap_err().message,
            "seed `t.txt` is empty"
        );
    }
}
