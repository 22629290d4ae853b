//! Lines and pieces: the units the structurer decides before it merges them into blocks.
//!
//! [`lines_of`] splits normalized text into [`Line`]s (trimmed, with their byte offset and
//! indentation); each rule turns a line, or part of one, into a [`Piece`] with a kind, the
//! rule that decided it, and the score and features behind the decision. Both the body rules
//! ([`super::structure`]) and the comment tail ([`super::comments`]) build pieces, so the
//! types live here and the two modules import them from one place.

use std::ops::Range;

use serde::Serialize;

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

/// The features that decided a line, as a set of flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Features(u32);

macro_rules! features {
    ($($name:ident = $bit:expr, $label:expr;)*) => {
        impl Features {
            $(#[doc = concat!("`", $label, "`")] pub const $name: Features = Features(1 << $bit);)*
            const NAMES: &'static [(Features, &'static str)] = &[$((Features::$name, $label)),*];
        }
    };
}

features! {
    LONG = 0, "long";
    MEDIUM = 1, "medium";
    SHORT = 2, "short";
    SENTENCE_END = 3, "sentence-end";
    NO_SENTENCE_END = 4, "no-sentence-end";
    STOP_WORDS_HIGH = 5, "stop-words-high";
    STOP_WORDS_LOW = 6, "stop-words-low";
    STAMP = 7, "date-stamp";
    CHROME_WORDING = 8, "chrome-wording";
    CHROME_WORD = 9, "chrome-word";
    DIGITS = 10, "digits";
    SENTENCE_CASE = 11, "sentence-case";
    HEAD = 12, "head";
    TAIL = 13, "tail";
    BETWEEN_BODY = 14, "between-body";
    HEADLINE = 15, "headline";
    SITE_NAME = 16, "site-name";
    TITLE_LIKE = 17, "title-like";
    KEY_VALUE = 18, "key-value";
    BEFORE_BODY = 19, "before-body";
    CREDIT_BELOW = 20, "credit-below";
    RULE = 21, "rule";
    CALL_TO_ACTION = 22, "call-to-action";
    SELF_REFERENCE = 23, "self-reference";
    BREADCRUMB = 24, "breadcrumb";
    TAGS = 25, "tags";
    METADATA = 26, "metadata";
    CLOCK = 27, "clock";
    NEXT_TO_BODY = 28, "next-to-body";
    AFTER_CHROME = 29, "after-chrome";
    DATED = 30, "dated";
}

impl Features {
    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Features) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: Features) {
        self.0 |= other.0;
    }

    /// The flags as bits (bit `n` is the `n`th flag of [`Features::names`]' order).
    pub(crate) fn bits(self) -> u32 {
        self.0
    }

    /// The flags of `bits` (see [`Features::bits`]).
    pub(crate) fn from_bits(bits: u32) -> Features {
        Features(bits)
    }

    /// The names of the set flags, in a fixed order (`long`, `sentence-end`, `head`, …).
    pub fn names(self) -> Vec<&'static str> {
        Features::NAMES
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| *name)
            .collect()
    }
}

impl Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_features_in_a_fixed_order() {
        let mut features = Features::HEAD;
        features.insert(Features::LONG);
        assert_eq!(features.names(), ["long", "head"]);
        assert_eq!(
            serde_json::to_string(&features).unwrap(),
            r#"["long","head"]"#
        );
    }
}
