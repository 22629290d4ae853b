//! Editorial overrides: what an article's metadata may tell the structurer.
//!
//! [`StructureRules`] is plain data (the model fills it from the article's TOML); the
//! structurer reads it in [`super::structure`]. Every override that matched nothing comes
//! back as an [`UnmatchedOverride`], so the caller can name the file and key in an error.

use serde::{Deserialize, Serialize};

use super::{Block, BlockKind};

/// Editorial corrections to the structurer's decisions for one seed.
///
/// The default changes nothing: no line overrides, no cut, comments shown, no corrections.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StructureRules {
    /// Lines whose kind the editor decides, matched by text prefix.
    pub lines: Vec<LineOverride>,
    /// Drops everything from the first line starting with this text (rule `cut`).
    pub cut_at: Option<String>,
    /// Whether reader comments are kept. `None` means yes: comments are shown, collapsed,
    /// after the article; `Some(false)` turns them into dropped blocks (rule `comments-hidden`).
    pub show_comments: Option<bool>,
    /// Find-and-replace fixes to the text of rendered blocks, each recorded on the block.
    pub corrections: Vec<Correction>,
}

impl StructureRules {
    /// Whether comments are kept (`show_comments`, default `true`).
    pub fn shows_comments(&self) -> bool {
        self.show_comments.unwrap_or(true)
    }
}

/// One line whose kind the editor decides.
///
/// Matches every line that starts with `prefix` once both have their whitespace runs
/// collapsed to one space and their ends trimmed, so `"  Photo:\u{a0} LiNK"` matches
/// `"Photo: LiNK"`. An empty prefix matches nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineOverride {
    /// The start of the line's text.
    pub prefix: String,
    /// What the line is.
    pub kind: OverrideKind,
}

/// What an overridden line becomes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideKind {
    /// A photo caption.
    Caption,
    /// A section heading.
    Heading,
    /// A quotation.
    Quote,
    /// A reader comment (top level).
    Comment,
    /// Not shown (rule `override`).
    Drop,
    /// Body text.
    Paragraph,
}

impl OverrideKind {
    /// The block kind the line gets.
    pub fn block_kind(self) -> BlockKind {
        match self {
            OverrideKind::Caption => BlockKind::Caption,
            OverrideKind::Heading => BlockKind::Heading,
            OverrideKind::Quote => BlockKind::Quote,
            OverrideKind::Comment => BlockKind::Comment,
            OverrideKind::Drop => BlockKind::Dropped,
            OverrideKind::Paragraph => BlockKind::Paragraph,
        }
    }
}

/// A find-and-replace fix, applied to every line of every rendered block (not comments) that
/// contains `find`. The block keeps its original lines and a record of the fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Correction {
    /// Exact text to find (within one line). An empty `find` matches nothing.
    pub find: String,
    /// What replaces it.
    pub replace: String,
    /// Why, for readers.
    pub note: Option<String>,
    /// Keep the text as the original has it and mark it `[sic]` (then `replace` is unused).
    #[serde(default)]
    pub is_sic: bool,
}

/// Which list of [`StructureRules`] an unmatched override came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum OverrideField {
    /// `lines[index]`.
    Lines,
    /// `cut_at`.
    CutAt,
    /// `corrections[index]`.
    Corrections,
}

/// An override that matched no line of the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedOverride {
    /// The list it came from.
    pub field: OverrideField,
    /// Its index in that list (`None` for `cut_at`).
    pub index: Option<usize>,
    /// The prefix, marker or `find` text that matched nothing.
    pub text: String,
}

impl UnmatchedOverride {
    /// The key as written in TOML: `lines[2]`, `cut_at`, `corrections[0]`.
    pub fn key(&self) -> String {
        match (self.field, self.index) {
            (OverrideField::Lines, Some(i)) => format!("lines[{i}]"),
            (OverrideField::Corrections, Some(i)) => format!("corrections[{i}]"),
            (OverrideField::Lines, None) => "lines".into(),
            (OverrideField::Corrections, None) => "corrections".into(),
            (OverrideField::CutAt, _) => "cut_at".into(),
        }
    }
}

/// A correction as applied to one block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppliedCorrection {
    /// Its index in [`StructureRules::corrections`].
    pub index: usize,
    /// The text found.
    pub find: String,
    /// What replaced it.
    pub replace: String,
    /// Why.
    pub note: Option<String>,
    /// Kept as in the original and marked `[sic]`.
    pub is_sic: bool,
}

/// Whether `line` starts with `prefix`, both with whitespace runs collapsed and ends trimmed.
/// Walks both once without allocating, so a 1 MB line costs no more than its prefix.
pub(crate) fn starts_with_collapsed(line: &str, prefix: &str) -> bool {
    let mut wanted = collapsed_chars(prefix).peekable();
    if wanted.peek().is_none() {
        return false;
    }
    let mut have = collapsed_chars(line);
    wanted.all(|c| have.next() == Some(c))
}

fn collapsed_chars(text: &str) -> impl Iterator<Item = char> + '_ {
    text.split_whitespace()
        .enumerate()
        .flat_map(|(i, word)| (i > 0).then_some(' ').into_iter().chain(word.chars()))
}

/// Applies the corrections to rendered, non-comment blocks; returns which ones matched.
pub(crate) fn apply_corrections(blocks: &mut [Block], corrections: &[Correction]) -> Vec<bool> {
    let mut matched = vec![false; corrections.len()];
    for block in blocks
        .iter_mut()
        .filter(|b| b.kind.is_rendered() && b.kind != BlockKind::Comment)
    {
        for (index, correction) in corrections.iter().enumerate() {
            if correction.find.is_empty()
                || !block.lines.iter().any(|l| l.contains(&correction.find))
            {
                continue;
            }
            if block.original_lines.is_none() {
                block.original_lines = Some(block.lines.clone());
            }
            let replacement = if correction.is_sic {
                format!("{} [sic]", correction.find)
            } else {
                correction.replace.clone()
            };
            for line in &mut block.lines {
                *line = line.replace(&correction.find, &replacement);
            }
            block.corrections.push(AppliedCorrection {
                index,
                find: correction.find.clone(),
                replace: replacement,
                note: correction.note.clone(),
                is_sic: correction.is_sic,
            });
            matched[index] = true;
        }
    }
    matched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefix_matching_ignores_whitespace_runs() {
        assert!(starts_with_collapsed(
            "  Photo:  LiNK and more",
            "Photo: LiNK"
        ));
        assert!(starts_with_collapsed("Photo: LiNK", " Photo:\tLiNK "));
        assert!(!starts_with_collapsed("Photo", "Photo: LiNK"));
        assert!(!starts_with_collapsed("anything", "   "));
    }

    #[test]
    fn names_keys_as_written_in_toml() {
        let unmatched = UnmatchedOverride {
            field: OverrideField::Corrections,
            index: Some(1),
            text: "x".into(),
        };
        assert_eq!(unmatched.key(), "corrections[1]");
    }
}
