//! Seed text → a [`Document`]: typed blocks, each remembering its input lines and the rule
//! that decided it.
//!
//! Takes a seed's bytes (and, optionally, the editor's [`StructureRules`]); returns the
//! normalized text ([`normalize()`]: BOM stripped, LF line ends, NFC, NBSP runs tidied) and the
//! blocks found in it. Guarantees, checked by property tests:
//!
//! - nothing is lost silently: every non-whitespace character of the normalized text lies in
//!   some block's span, rendered or dropped, and every block names its rule
//!   ([`Document::line_report`] shows it per line, for `shelf inspect`);
//! - block spans are in bounds, ordered and non-overlapping, and their line ranges agree with
//!   the newlines before them;
//! - blocks hold plain text, never markup: escaping is the template engine's job;
//! - cost is linear in the input, with no regular expressions.
//!
//! The parts, one file each under `src/parse/text/`: `normalize.rs` (text hygiene),
//! `boilerplate.rs` (every phrase table), `rules.rs`, `credits.rs` and `bylines.rs` (tests on
//! one line: shapes, photo credits, bylines and datelines), `captions.rs` (captions found
//! from the credits under them), `dates.rs` (dates and times inside a line), `runs.rs` (lists and series
//! listings), `comments.rs` (the reader-comment tail), `structure.rs` (the rule order; read
//! its docs for the full list of rules), `merge.rs` (pieces into blocks), `lines.rs` (the
//! line, piece and feature types), `line_score.rs`, `score.rs`, `context.rs` and
//! `headline.rs` (the scorer: one line on its own, then in context, and which head line is the
//! title) and `overrides.rs` (the editor's
//! [`StructureRules`]).

mod boilerplate;
mod bylines;
mod captions;
mod comments;
mod context;
mod credits;
mod cues;
mod dates;
mod headline;
#[doc(hidden)]
pub mod learned;
mod line_score;
mod lines;
mod merge;
mod normalize;
mod overrides;
mod report;
mod rules;
mod runs;
mod score;
mod signals;
mod structure;
#[cfg(test)]
mod tests;
#[doc(hidden)]
pub mod training;
mod weights;

use std::ops::Range;
use std::path::Path;

use serde::Serialize;

use crate::error::Diagnostic;
use crate::load::{SeedFile, decode_text};

pub use lines::Features;
pub use normalize::normalize;
pub use report::{LineClassification, LinePart, UncertainLine};

/// Strips a leading section marker (`◆ `, `■ `…) from a heading's text for display.
pub fn heading_text(line: &str) -> &str {
    line.trim_start_matches(rules::SECTION_MARKERS).trim_start()
}
pub use overrides::{
    AppliedCorrection, Correction, LineOverride, OverrideField, OverrideKind, SiteReply,
    SiteReplyMark, StructureRules, UnmatchedOverride,
};

/// What a block is. Serialized in snake_case (`section_break`) for templates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// Body text.
    Paragraph,
    /// A section heading (`◆ …`, or a short title-like standalone line).
    Heading,
    /// A photo or figure caption with its credit; the photo itself is not in the seed.
    Caption,
    /// Place and source opening the first paragraph (`SEOUL (Reuters) –`).
    Dateline,
    /// The author line (`By …`, or a name after a title line).
    Byline,
    /// A quotation set apart from the text.
    Quote,
    /// List items, one per line ([`Block::ordered`] tells numbered lists apart).
    List,
    /// A bare section break (`***`).
    SectionBreak,
    /// A reader comment ([`Block::comment`] holds its thread, depth and author).
    Comment,
    /// A listing of a series' parts.
    Series,
    /// Kept for the record but not rendered: boilerplate, pagination, duplicates, cuts.
    Dropped,
}

impl BlockKind {
    /// The kind's name as templates, `shelf inspect` and the outline files spell it
    /// (`section_break`): the same as its serialized form.
    pub fn name(self) -> &'static str {
        match self {
            BlockKind::Paragraph => "paragraph",
            BlockKind::Heading => "heading",
            BlockKind::Caption => "caption",
            BlockKind::Dateline => "dateline",
            BlockKind::Byline => "byline",
            BlockKind::Quote => "quote",
            BlockKind::List => "list",
            BlockKind::SectionBreak => "section_break",
            BlockKind::Comment => "comment",
            BlockKind::Series => "series",
            BlockKind::Dropped => "dropped",
        }
    }

    /// Whether a reader sees the block (everything but [`BlockKind::Dropped`]).
    pub fn is_rendered(self) -> bool {
        self != BlockKind::Dropped
    }

    /// Whether the block is article text whose words count for reading time (not comments,
    /// series listings, breaks or dropped blocks).
    pub fn is_article_text(self) -> bool {
        !matches!(
            self,
            BlockKind::Comment | BlockKind::Series | BlockKind::SectionBreak | BlockKind::Dropped
        )
    }
}

/// Where a reader comment sits in the comment section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommentInfo {
    /// 0-based thread: each top-level comment starts one, replies join it.
    pub thread: usize,
    /// 0 for a top-level comment, 1 for a reply, 2 for a reply to a reply…
    pub depth: usize,
    /// The author's name, when the text gives it (`Alice says:`).
    pub author: Option<String>,
    /// The editor's mark when the comment is the site's own reply
    /// (`[[structure.site_replies]]`, #17).
    pub site_reply: Option<SiteReplyMark>,
}

/// One block of a seed's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// What the block is.
    pub kind: BlockKind,
    /// The block's text, one entry per input line (or list item), trimmed, markers stripped.
    pub lines: Vec<String>,
    /// Byte range in the normalized text.
    pub span: Range<usize>,
    /// 1-based line numbers of the first and last input line.
    pub line_range: (usize, usize),
    /// The rule that decided the block (`credit-pattern`, `override`, …).
    pub rule: &'static str,
    /// For a list: whether it is numbered.
    pub ordered: bool,
    /// For a comment: its thread, depth and author.
    pub comment: Option<CommentInfo>,
    /// The lines before the editor's corrections, when any applied.
    pub original_lines: Option<Vec<String>>,
    /// The corrections applied to this block, in the order of the rules.
    pub corrections: Vec<AppliedCorrection>,
    /// How body-like the block scored: positive reads as article text, negative as page
    /// chrome, credit or comment; ±100 when a sure rule decided it (see `score.rs`). For a
    /// block of several lines, the score of its least sure line.
    pub score: i16,
    /// The features behind the score ([`Features::names`]).
    pub features: Features,
}

/// A structured seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The normalized text the spans refer to.
    pub text: String,
    /// The blocks, in reading order, dropped ones included.
    pub blocks: Vec<Block>,
    /// Every decided part of every line, with its score and features, in order (see
    /// [`Document::classify_lines`] and [`Document::uncertain_lines`]).
    pub parts: Vec<LinePart>,
    /// A hash of everything the document was made from (the normalized text and the
    /// structure rules): equal fingerprints mean equal documents, so later stages can reuse
    /// what they derived from it without comparing the text.
    pub fingerprint: blake3::Hash,
}

/// What became of one input line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineReport {
    /// 1-based line number.
    pub number: usize,
    /// The line, trimmed.
    pub text: String,
    /// Kind and rule of each block holding part of the line, in order; empty for a blank line.
    pub blocks: Vec<(BlockKind, &'static str)>,
}

impl Document {
    /// Words in the article's text (see [`BlockKind::is_article_text`]).
    pub fn word_count(&self) -> usize {
        self.blocks
            .iter()
            .filter(|b| b.kind.is_article_text())
            .flat_map(|b| &b.lines)
            .map(|l| l.split_whitespace().count())
            .sum()
    }

    /// The reader comments, in order.
    pub fn comments(&self) -> impl Iterator<Item = &Block> {
        self.blocks.iter().filter(|b| b.kind == BlockKind::Comment)
    }

    /// For every line of the normalized text: the kind and rule of the blocks holding it.
    pub fn line_report(&self) -> Vec<LineReport> {
        let lines = lines::lines_of(&self.text);
        let mut report: Vec<LineReport> = lines
            .iter()
            .map(|l| LineReport {
                number: l.number,
                text: l.text.to_string(),
                blocks: Vec::new(),
            })
            .collect();
        for block in &self.blocks {
            for entry in &mut report[block.line_range.0 - 1..block.line_range.1] {
                if !entry.text.is_empty() && entry.blocks.last() != Some(&(block.kind, block.rule))
                {
                    entry.blocks.push((block.kind, block.rule));
                }
            }
        }
        report
    }
}

/// Decodes, normalizes and structures a seed with no editorial rules.
///
/// # Errors
/// A diagnostic when the seed is not UTF-8 (naming the bad byte's line and column) or holds
/// no text at all.
pub fn parse_seed(seed: &SeedFile) -> Result<Document, Diagnostic> {
    parse_seed_with(seed, &StructureRules::default()).map(|(document, _)| document)
}

/// Decodes, normalizes and structures a seed under the editor's `rules`; also returns the
/// overrides that matched nothing, for the caller to report with the metadata file's path.
///
/// # Errors
/// As [`parse_seed`].
pub fn parse_seed_with(
    seed: &SeedFile,
    rules: &StructureRules,
) -> Result<(Document, Vec<UnmatchedOverride>), Diagnostic> {
    let raw = decode_text(&seed.path, seed.bytes.clone())?;
    let text = normalize(&raw);
    if text.trim().is_empty() {
        return Err(empty_seed(&seed.path));
    }
    let (blocks, parts, unmatched) = structure::structure(&text, rules);
    let fingerprint = fingerprint_of(&text, rules);
    Ok((
        Document {
            text,
            blocks,
            parts,
            fingerprint,
        },
        unmatched,
    ))
}

/// Structures text that is already decoded (normalizing it first), under `rules`.
pub fn structure_text(raw: &str, rules: &StructureRules) -> (Document, Vec<UnmatchedOverride>) {
    let text = normalize(raw);
    let (blocks, parts, unmatched) = structure::structure(&text, rules);
    let fingerprint = fingerprint_of(&text, rules);
    (
        Document {
            text,
            blocks,
            parts,
            fingerprint,
        },
        unmatched,
    )
}

/// The [`Document::fingerprint`] of normalized text structured under `rules`.
fn fingerprint_of(text: &str, rules: &StructureRules) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(&(text.len() as u64).to_le_bytes());
    hasher.update(text.as_bytes());
    hasher.update(&serde_json::to_vec(rules).unwrap_or_default());
    hasher.finalize()
}

fn empty_seed(path: &Path) -> Diagnostic {
    // Named as metadata names it (`seed = "x.txt"`), relative to seeds/.
    let name = crate::load::slash_path(path.strip_prefix(crate::load::SEEDS_DIR).unwrap_or(path));
    Diagnostic::error(format!("seed `{name}` is empty"))
        .in_file(path)
        .help("paste the article's text into the file, or remove the metadata that points to it")
}
