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

/// Tidies every run of spaces that holds an NBSP; the text between such runs is copied
/// whole (one look per NBSP, not per space: most spaces are plain).
fn tidy_nbsp(text: &str) -> String {
    const NBSP_BYTES: [u8; 2] = [0xc2, 0xa0];
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // `text[..copied]` is in `out` already.
    let mut copied = 0;
    while let Some(found) = text[copied..].find(NBSP).map(|i| copied + i) {
        // The run starts at the first space or NBSP before this one (not before a run
        // already tidied, which ended at a non-space).
        let mut start = found;
        loop {
            if start > copied && bytes[start - 1] == b' ' {
                start -= 1;
            } else if start >= copied + 2 && bytes[start - 2..start] == NBSP_BYTES {
                start -= 2;
            } else {
                break;
            }
        }
        out.push_str(&text[copied..start]);
        let at_line_start = start == 0 || bytes[start - 1] == b'\n';
        let mut end = start;
        let mut width = 0;
        loop {
            if bytes.get(end) == Some(&b' ') {
                end += 1;
            } else if bytes[end..].starts_with(&NBSP_BYTES) {
                end += 2;
            } else {
                break;
            }
            width += 1;
        }
        if at_line_start {
            out.extend(std::iter::repeat_n(' ', width));
        } else if !text[end..]
            .chars()
            .next()
            .is_some_and(is_closing_punctuation)
        {
            out.push(' ');
        }
        copied = end;
    }
    out.push_str(&text[copied..]);
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
    fn tidies_each_run_and_copies_the_text_between() {
        assert_eq!(
            normalize("a \u{a0}b  c\u{a0}\n\u{a0}d e\u{a0}!\u{a0}"),
            "a b  c \n d e! "
        );
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
