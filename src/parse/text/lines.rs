//! Lines and pieces: the units the structurer decides before it merges them into blocks.
//!
//! [`lines_of`] splits normalized text into [`Line`]s (trimmed, with their byte offset and
//! indentation); each rule turns a line, or part of one, into a [`Piece`] with a kind, the
//! rule that decided it, and the score and features behind the decision. Both the body rules
//! ([`super::structure`]) and the comment tail ([`super::comments`]) build pieces, so the
//! types live here and the two modules import them from one place.

use std::ops::Range;

use super::score::Features;
use super::{BlockKind, CommentInfo};

/// One line of the normalized text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Line<'a> {
    /// 1-based line number.
    pub(crate) number: usize,
    /// Byte offset of `text` in the normalized text.
    pub(crate) start: usize,
    /// The line without surrounding whitespace (empty for a blank line).
    pub(crate) text: &'a str,
    /// Columns of leading whitespace (a tab counts 4).
    pub(crate) indent: usize,
}

/// A decided part of one line, before merging.
#[derive(Debug, Clone)]
pub(crate) struct Piece {
    pub(crate) kind: BlockKind,
    pub(crate) rule: &'static str,
    /// Index of the line in the line list.
    pub(crate) line: usize,
    pub(crate) span: Range<usize>,
    /// The text the block keeps (marker stripped); `None` for an author line.
    pub(crate) text: Option<String>,
    pub(crate) ordered: bool,
    pub(crate) comment: Option<CommentInfo>,
    /// A comment line that continues the previous comment.
    pub(crate) continues: bool,
    /// How body-like the line scored (see [`super::score`]); rules that decide on their own
    /// give a fixed score of their side.
    pub(crate) score: i16,
    /// The features that decided it.
    pub(crate) features: Features,
    /// Distance of the score from the threshold that decided the piece, when one did.
    pub(crate) margin: Option<i16>,
}

impl Piece {
    /// The whole line as one piece.
    pub(crate) fn whole(line: &Line<'_>, kind: BlockKind, rule: &'static str) -> Piece {
        Piece::part(line, 0..line.text.len(), 0, kind, rule)
    }

    /// Bytes `range` of the line's text; the kept text starts `skip` bytes into it.
    pub(crate) fn part(
        line: &Line<'_>,
        range: Range<usize>,
        skip: usize,
        kind: BlockKind,
        rule: &'static str,
    ) -> Piece {
        let text = line.text[range.start + skip..range.end].trim();
        Piece {
            kind,
            rule,
            line: line.number - 1,
            span: line.start + range.start..line.start + range.end,
            text: Some(text.to_string()),
            ordered: false,
            comment: None,
            continues: false,
            score: default_score(kind),
            features: Features::default(),
            margin: None,
        }
    }
}

/// Splits normalized text into lines (the last one may be empty).
pub(crate) fn lines_of(text: &str) -> Vec<Line<'_>> {
    let mut offset = 0;
    text.split('\n')
        .enumerate()
        .map(|(index, raw)| {
            let leading = raw.len() - raw.trim_start().len();
            let indent = raw[..leading]
                .chars()
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            let line = Line {
                number: index + 1,
                start: offset + leading,
                text: raw.trim(),
                indent,
            };
            offset += raw.len() + 1;
            line
        })
        .collect()
}

/// The score a rule's decision carries when no scoring was needed: a sure body kind scores
/// high, a sure non-body kind low, so only scored lines sit near the boundary.
pub(crate) fn default_score(kind: BlockKind) -> i16 {
    match kind {
        BlockKind::Dropped | BlockKind::Caption | BlockKind::Comment => -100,
        _ => 100,
    }
}
