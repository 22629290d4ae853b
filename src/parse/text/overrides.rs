//! Editorial overrides: what an article's metadata may tell the structurer.
//!
//! [`StructureRules`] is plain data (the model fills it from the article's TOML); the
//! structurer reads it in [`super::structure`]. Every override that matched nothing comes
//! back as an [`UnmatchedOverride`], so the caller can name the file and key in an error;
//! so does a site-reply mark that found its text on a line that is not a reader comment.

use serde::{Deserialize, Serialize};

use super::lines::Line;
use super::{Block, BlockKind, LinePart};

/// The rule a comment marked as the site's own reply gets (`[[structure.site_replies]]`).
pub(crate) const SITE_REPLY_RULE: &str = "site-reply";

/// Editorial corrections to the structurer's decisions for one seed.
///
/// The default changes nothing: no line overrides, no cut, comments shown, no corrections,
/// no comment marked as the site's.
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
    /// Reader comments that are the site's own replies, matched by text prefix (#17: a
    /// reply that names nobody read "Unnamed reader"). Left out of the serialized rules
    /// when empty, so documents structured without any keep their fingerprints.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub site_replies: Vec<SiteReply>,
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

/// A reader comment the editor marks as the site's own reply (the text names no author, or
/// a name the structurer does not know as the site's).
///
/// Matches the comment holding a line that starts with `prefix`, compared as
/// [`LineOverride::prefix`] is: against the line as copied or as the comment shows it (its
/// list marker or author taken off). Every line it matches must be part of a reader comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteReply {
    /// The start of one of the comment's lines.
    pub prefix: String,
    /// The name to show as the reply's author; `None` leaves the comment's own author, or
    /// the article's source, to the page.
    pub name: Option<String>,
}

/// The editor's mark on a comment that is the site's own reply, as the structurer applied it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteReplyMark {
    /// Its index in [`StructureRules::site_replies`].
    pub index: usize,
    /// The name to show, when the editor gave one.
    pub name: Option<String>,
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
    /// `site_replies[index]`.
    SiteReplies,
}

/// An override that matched no line of the seed, or none it can apply to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnmatchedOverride {
    /// The list it came from.
    pub field: OverrideField,
    /// Its index in that list (`None` for `cut_at`).
    pub index: Option<usize>,
    /// The prefix, marker or `find` text that matched nothing.
    pub text: String,
    /// When the text was found but on a line the override cannot apply to (a site reply's
    /// prefix on a line that is not a reader comment): that line's number and what the
    /// structurer made of it. `None` when the text matched no line at all.
    pub misplaced: Option<(usize, BlockKind)>,
}

impl UnmatchedOverride {
    /// The key as written in TOML: `lines[2]`, `cut_at`, `corrections[0]`.
    pub fn key(&self) -> String {
        match (self.field, self.index) {
            (OverrideField::Lines, Some(i)) => format!("lines[{i}]"),
            (OverrideField::Corrections, Some(i)) => format!("corrections[{i}]"),
            (OverrideField::SiteReplies, Some(i)) => format!("site_replies[{i}]"),
            (OverrideField::Lines, None) => "lines".into(),
            (OverrideField::Corrections, None) => "corrections".into(),
            (OverrideField::SiteReplies, None) => "site_replies".into(),
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

/// Marks the comments the editor names as the site's own replies (rule `site-reply`, in
/// the blocks and in the line parts of their lines); returns the marks that found no line,
/// or found their text on a line that is not a reader comment (the first such line).
pub(crate) fn apply_site_replies(
    blocks: &mut [Block],
    parts: &mut [LinePart],
    lines: &[Line<'_>],
    replies: &[SiteReply],
) -> Vec<UnmatchedOverride> {
    let mut unmatched = Vec::new();
    for (index, reply) in replies.iter().enumerate() {
        // Each block holding a matched line (as copied or as shown), in order.
        let holds_match = |block: &Block| {
            block
                .lines
                .iter()
                .any(|l| starts_with_collapsed(l, &reply.prefix))
                || lines
                    .get(block.line_range.0.saturating_sub(1)..block.line_range.1.min(lines.len()))
                    .is_some_and(|held| {
                        held.iter().any(|l| {
                            !l.text.is_empty() && starts_with_collapsed(l.text, &reply.prefix)
                        })
                    })
        };
        let matched: Vec<usize> = (0..blocks.len())
            .filter(|&i| holds_match(&blocks[i]))
            .collect();
        let misplaced = matched
            .iter()
            .map(|&i| &blocks[i])
            .find(|b| b.kind != BlockKind::Comment)
            .map(|b| (b.line_range.0, b.kind));
        if matched.is_empty() || misplaced.is_some() {
            unmatched.push(UnmatchedOverride {
                field: OverrideField::SiteReplies,
                index: Some(index),
                text: reply.prefix.clone(),
                misplaced,
            });
            continue;
        }
        for i in matched {
            let block = &mut blocks[i];
            let Some(comment) = block.comment.as_mut() else {
                continue;
            };
            // The first mark that names a comment wins, as for line overrides.
            if comment.site_reply.is_some() {
                continue;
            }
            comment.site_reply = Some(SiteReplyMark {
                index,
                name: reply.name.clone(),
            });
            block.rule = SITE_REPLY_RULE;
            let (first, last) = block.line_range;
            for part in parts
                .iter_mut()
                .filter(|p| p.kind == BlockKind::Comment && (first..=last).contains(&p.line))
            {
                part.rule = SITE_REPLY_RULE;
            }
        }
    }
    unmatched
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
            misplaced: None,
        };
        assert_eq!(unmatched.key(), "corrections[1]");
    }
}
