//! Text hygiene: raw seed text → the normalized text every span refers to.
//!
//! Strips a BOM, turns CRLF and lone CR into LF, normalizes to NFC and tidies non-breaking
//! spaces (U+00A0), which scraped pages scatter inside sentences. Every other character is
//! kept byte for byte: hangul, kana, right-to-left text and emoji ZWJ sequences pass through.
//! The result is a fixed point: normalizing it again changes nothing.

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

const NBSP: char = '\u{a0}';

/// Strips a BOM, turns CRLF and lone CR into LF, normalizes to NFC and tidies NBSP runs.
///
/// A run of spaces that holds at least one NBSP becomes:
/// - nothing, when punctuation follows (`freedom\u{a0}.` → `freedom.`);
/// - one space per character at the start of a line, so indentation keeps its width;
/// - one space everywhere else (`20 \u{a0}North` → `20 North`).
pub fn normalize(raw: &str) -> String {
    let without_bom = raw.strip_prefix('\u{feff}').unwrap_or(raw);
    let unified = if without_bom.contains('\r') {
        without_bom.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        without_bom.to_string()
    };
    let composed = match is_nfc_quick(unified.chars()) {
        IsNormalized::Yes => unified,
        _ => unified.nfc().collect(),
    };
    if composed.contains(NBSP) {
        tidy_nbsp(&composed)
    } else {
        composed
    }
}

/// Punctuation that an NBSP run before it is dropped for (French-style spacing, scraping noise).
fn is_closing_punctuation(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | ';' | ':' | '!' | '?' | ')' | ']' | '}' | '”' | '’' | '»' | '…'
    )
}

fn tidy_nbsp(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.char_indices().peekable();
    let mut at_line_start = true;
    while let Some((start, c)) = chars.next() {
        if c != ' ' && c != NBSP {
            out.push(c);
            at_line_start = c == '\n';
            continue;
        }
        let mut end = start + c.len_utf8();
        let mut has_nbsp = c == NBSP;
        let mut width = 1;
        while let Some(&(i, next)) = chars.peek() {
            if next != ' ' && next != NBSP {
                break;
            }
            has_nbsp |= next == NBSP;
            width += 1;
            end = i + next.len_utf8();
            chars.next();
        }
        if !has_nbsp {
            out.push_str(&text[start..end]);
        } else if at_line_start {
            out.extend(std::iter::repeat_n(' ', width));
        } else if !chars
            .peek()
            .is_some_and(|&(_, next)| is_closing_punctuation(next))
        {
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drops_nbsp_before_punctuation() {
        assert_eq!(normalize("freedom\u{a0}."), "freedom.");
        assert_eq!(normalize("more\u{a0}strong\u{a0} ”."), "more strong”.");
    }

    #[test]
    fn collapses_mixed_nbsp_runs_to_one_space() {
        assert_eq!(normalize("20 \u{a0}North"), "20 North");
        assert_eq!(normalize("a.\u{a0} You"), "a. You");
        assert_eq!(normalize("plain  spaces stay"), "plain  spaces stay");
    }

    #[test]
    fn keeps_indentation_width_of_leading_nbsp() {
        assert_eq!(normalize("\u{a0}\u{a0} 1. x"), "   1. x");
    }

    #[test]
    fn strips_bom_and_unifies_line_ends() {
        assert_eq!(normalize("\u{feff}a\r\nb\rc"), "a\nb\nc");
    }

    #[test]
    fn keeps_hangul_kana_rtl_and_emoji_bytes() {
        let text = "한국어 日本語のテキスト שלום 👩‍👩‍👧 e\u{301}";
        assert_eq!(normalize(text), "한국어 日本語のテキスト שלום 👩‍👩‍👧 é");
    }

    #[test]
    fn is_a_fixed_point() {
        let once = normalize("x\u{a0} \u{a0}y\u{a0}, \u{a0}\u{a0}z\r\n\u{a0}w");
        assert_eq!(normalize(&once), once);
    }
}
