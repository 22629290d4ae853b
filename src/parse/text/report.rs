//! What the structurer decided, line by line, for tools and for the editor.
//!
//! Takes a [`Document`]; returns [`LineClassification`]s (every non-blank line's kind, rule,
//! score, features and byte span, serializable for `shelf inspect --format json`) and
//! [`UncertainLine`]s (the lines whose score lay near the boundary that decided them, each with
//! the override that would settle it, for `shelf check` warnings). Both read the per-line
//! [`LinePart`]s the structurer keeps in [`Document::parts`]; nothing is recomputed.

use std::ops::Range;

use serde::Serialize;

use super::lines::Features;
use super::score::UNCERTAIN_MARGIN;
use super::{BlockKind, Document, LineOverride, OverrideKind};

/// One decided part of one input line: the whole line, or a piece of it when a dateline,
/// file name or pagination marker was split off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinePart {
    /// 1-based line number.
    pub line: usize,
    /// Byte range in the normalized text.
    pub span: Range<usize>,
    /// What the part became.
    pub kind: BlockKind,
    /// The rule that decided it (the names `shelf inspect` shows).
    pub rule: &'static str,
    /// Positive reads as article text, negative as chrome, credit or comment; ±100 when a
    /// sure rule decided without scoring.
    pub score: i16,
    /// The features that decided it (serialized as their names: `["short", "head"]`).
    pub features: Features,
    /// How far the score lay from the threshold of the decision, when the line was scored:
    /// small means the structurer was unsure.
    pub margin: Option<i16>,
}

/// Every non-blank line's classification, for tools.
///
/// `kind`, `rule`, `score` and `features` are those of the line's largest part; `parts`
/// lists all of them (two or more when part of the line was split off, as a dateline is).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LineClassification {
    /// 1-based line number.
    pub number: usize,
    /// Byte range of the line's text (trimmed) in the normalized text.
    pub span: Range<usize>,
    /// Kind of the line's largest part.
    pub kind: BlockKind,
    /// Rule of the line's largest part.
    pub rule: &'static str,
    /// Score of the line's largest part.
    pub score: i16,
    /// Features of the line's largest part.
    pub features: Features,
    /// All parts of the line, in order.
    pub parts: Vec<LinePart>,
}

/// A line the structurer was unsure of, with the override that would settle it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UncertainLine {
    /// 1-based line number.
    pub number: usize,
    /// Byte range of the decided part.
    pub span: Range<usize>,
    /// What the structurer made of it.
    pub kind: BlockKind,
    /// The rule that decided it.
    pub rule: &'static str,
    /// Its score.
    pub score: i16,
    /// Distance from the threshold (at most the uncertainty margin, 12).
    pub margin: i16,
    /// The override that makes the other choice; writing the decided kind instead confirms it.
    pub suggestion: LineOverride,
}

impl UncertainLine {
    /// The suggestion as the TOML an editor adds to the article's metadata.
    pub fn suggestion_toml(&self) -> String {
        let kind = serde_json::to_value(self.suggestion.kind)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let prefix = serde_json::to_string(&self.suggestion.prefix).unwrap_or_default();
        format!("[[structure.lines]]\nprefix = {prefix}\nkind = \"{kind}\"")
    }
}

/// Characters of a line that make an override's prefix: enough to be unique in practice,
/// short enough to read.
const PREFIX_CHARS: usize = 48;

impl Document {
    /// Every non-blank line with its kind, rule, score, features and span (see
    /// [`LineClassification`]), in line order.
    pub fn classify_lines(&self) -> Vec<LineClassification> {
        let mut out: Vec<LineClassification> = Vec::new();
        for part in &self.parts {
            match out.last_mut() {
                Some(line) if line.number == part.line => {
                    line.span.start = line.span.start.min(part.span.start);
                    line.span.end = line.span.end.max(part.span.end);
                    let largest = line.parts.iter().map(|p| p.span.len()).max().unwrap_or(0);
                    if part.span.len() > largest {
                        line.kind = part.kind;
                        line.rule = part.rule;
                        line.score = part.score;
                        line.features = part.features;
                    }
                    line.parts.push(part.clone());
                }
                _ => out.push(LineClassification {
                    number: part.line,
                    span: part.span.clone(),
                    kind: part.kind,
                    rule: part.rule,
                    score: part.score,
                    features: part.features,
                    parts: vec![part.clone()],
                }),
            }
        }
        out
    }

    /// The lines whose score lay within the uncertainty margin of the threshold that decided
    /// them, each with the [`LineOverride`] that would make the other choice (`drop` for a
    /// line kept as body, `paragraph` or `heading` for a line dropped), in line order.
    pub fn uncertain_lines(&self) -> Vec<UncertainLine> {
        self.parts
            .iter()
            .filter_map(|part| {
                let margin = part.margin?;
                if margin.abs() > UNCERTAIN_MARGIN {
                    return None;
                }
                let text = self.text.get(part.span.clone()).unwrap_or("");
                let other = match part.kind {
                    BlockKind::Dropped if part.features.contains(Features::TITLE_LIKE) => {
                        OverrideKind::Heading
                    }
                    BlockKind::Dropped | BlockKind::Caption => OverrideKind::Paragraph,
                    _ => OverrideKind::Drop,
                };
                Some(UncertainLine {
                    number: part.line,
                    span: part.span.clone(),
                    kind: part.kind,
                    rule: part.rule,
                    score: part.score,
                    margin,
                    suggestion: LineOverride {
                        prefix: prefix_of(text),
                        kind: other,
                    },
                })
            })
            .collect()
    }
}

/// The start of `text` for an override's prefix: whole words up to [`PREFIX_CHARS`]
/// characters (or that many characters of an unspaced script).
fn prefix_of(text: &str) -> String {
    let cut = text
        .char_indices()
        .nth(PREFIX_CHARS)
        .map_or(text.len(), |(i, _)| i);
    if cut == text.len() {
        return text.to_string();
    }
    let head = &text[..cut];
    match head.rfind(' ') {
        Some(space) if space > head.len() / 2 => head[..space].to_string(),
        _ => head.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::super::{StructureRules, structure_text};
    use super::*;

    const PAGE: &str = "World News\n\nHarbour cranes idle as dock workers walk out\n\n\
        March 4, 2025 7:12 AM\n\nA day of talks.\n\nDock workers at the country's largest port stopped work on \
        Tuesday over a pay dispute, leaving dozens of ships waiting offshore.\n\
        Leaders hope to vote soon.\n";

    #[test]
    fn classifies_every_non_blank_line_with_kind_rule_score_and_span() {
        let (document, _) = structure_text(PAGE, &StructureRules::default());
        let lines = document.classify_lines();
        let numbers: Vec<usize> = lines.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [1, 3, 5, 7, 9, 10]);
        let kicker = &lines[0];
        assert_eq!(
            (kicker.kind, kicker.rule),
            (BlockKind::Dropped, "page-chrome")
        );
        assert!(kicker.features.contains(Features::HEAD));
        assert_eq!(&document.text[kicker.span.clone()], "World News");
        assert_eq!(
            (lines[1].kind, lines[1].rule),
            (BlockKind::Heading, "title-like")
        );
        assert!(lines[4].score >= 40, "{:?}", lines[4]);
        let json = serde_json::to_value(&lines[0]).unwrap();
        assert_eq!(json["kind"], "dropped");
        assert_eq!(json["span"]["start"], 0);
        assert!(
            json["features"]
                .as_array()
                .unwrap()
                .contains(&"head".into())
        );
    }

    #[test]
    fn lists_lines_near_the_boundary_with_the_override_that_settles_them() {
        let (document, _) = structure_text(PAGE, &StructureRules::default());
        let unsure = document.uncertain_lines();
        let numbers: Vec<usize> = unsure.iter().map(|l| l.number).collect();
        assert_eq!(numbers, [7], "{unsure:?}");
        for line in &unsure {
            assert!(line.margin.abs() <= UNCERTAIN_MARGIN);
            let settled = StructureRules {
                lines: vec![line.suggestion.clone()],
                ..StructureRules::default()
            };
            let (again, unmatched) = structure_text(PAGE, &settled);
            assert!(unmatched.is_empty(), "{line:?}");
            let part = again.parts.iter().find(|p| p.line == line.number).unwrap();
            assert_eq!(part.rule, "override");
            assert_ne!(part.kind, line.kind, "{line:?}");
        }
        let toml = unsure[0].suggestion_toml();
        assert!(
            toml.starts_with("[[structure.lines]]\nprefix = \""),
            "{toml}"
        );
    }

    #[test]
    fn prefixes_end_on_whole_words() {
        assert_eq!(prefix_of("Short line"), "Short line");
        let long = "Leaders hope to hold a vote before the end of the week, aides said";
        assert_eq!(
            prefix_of(long),
            "Leaders hope to hold a vote before the end of"
        );
    }
}
