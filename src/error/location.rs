//! Where a diagnostic points: a byte span turned into a line, a column and the quoted line.

use std::ops::Range;

/// Where in a file a diagnostic points: a 1-based line and column (in characters), the text of
/// that line, and how many characters to underline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// The whole line, without its line break.
    pub line_text: String,
    /// Characters to underline, at least one.
    pub width: usize,
}

impl Location {
    /// Finds the line and column of a byte span in `source`. Out-of-range or mid-character
    /// spans are clamped, so a wrong span never panics.
    pub fn from_span(source: &str, span: Range<usize>) -> Self {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        let line_start = source[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = source[start..]
            .find('\n')
            .map_or(source.len(), |i| start + i);
        let line = source[..start].matches('\n').count() + 1;
        let column = source[line_start..start].chars().count() + 1;
        let line_text = source[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let width = source[start..end.min(line_end).max(start)]
            .chars()
            .count()
            .max(1);
        Location {
            line,
            column,
            line_text,
            width,
        }
    }
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while index > 0 && !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn location_counts_lines_and_character_columns() {
        let text = "a = 1\ntitle = \"héllo\"\nx = 2\n";
        let start = text.find("héllo").unwrap();
        let location = Location::from_span(text, start..start + "héllo".len());
        assert_eq!((location.line, location.column, location.width), (2, 10, 5));
        assert_eq!(location.line_text, "title = \"héllo\"");
    }

    #[test]
    fn location_clamps_spans_out_of_range_and_inside_characters() {
        let location = Location::from_span("é", 1..99);
        assert_eq!((location.line, location.column), (1, 1));
    }
}
