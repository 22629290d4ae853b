//! Characters XML 1.0 allows, and the one filter every XML file shelf writes goes through.
//!
//! XML 1.0 allows tab, line feed, carriage return and every character from U+0020 on except
//! U+FFFE and U+FFFF (surrogates cannot occur in a Rust string). A NUL, ESC, backspace,
//! vertical tab or form feed copied into a seed or written as a TOML escape makes a feed or
//! an EPUB chapter that no XML reader opens (#13). Such characters are reported with their
//! place where text enters ([`crate::parse`]) and removed from the output here, as a last
//! guard, so no path to an XML file can carry one.

/// Whether XML 1.0 allows `c` in a document.
pub fn is_allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{fffe}' && c != '\u{ffff}')
}

/// The byte offset and the character of the first character XML does not allow.
pub fn find_disallowed(text: &str) -> Option<(usize, char)> {
    // Every disallowed character starts with a byte below 0x20 or with 0xEF (U+FFFE and
    // U+FFFF), so most texts are ruled out by a byte scan without decoding.
    if !text
        .bytes()
        .any(|b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0xEF)
    {
        return None;
    }
    text.char_indices().find(|&(_, c)| !is_allowed(c))
}

/// `text` without the characters XML does not allow; unchanged (and not copied) when it
/// has none.
pub fn remove_disallowed(text: String) -> String {
    if find_disallowed(&text).is_none() {
        return text;
    }
    text.chars().filter(|&c| is_allowed(c)).collect()
}

/// A byte that stands for the disallowed character `c` in the same number of bytes, so
/// byte spans into the text stay valid: a space for a control character, U+FFFD for
/// U+FFFE and U+FFFF.
pub fn same_length_replacement(c: char) -> char {
    if c.len_utf8() == 1 { ' ' } else { '\u{fffd}' }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn allows_what_xml_allows() {
        for c in [
            '\t',
            '\n',
            '\r',
            ' ',
            'a',
            '\u{7f}',
            '\u{a0}',
            '\u{fffd}',
            '\u{10ffff}',
        ] {
            assert!(is_allowed(c), "{c:?}");
        }
        for c in [
            '\0', '\u{1b}', '\u{8}', '\u{b}', '\u{c}', '\u{1f}', '\u{fffe}', '\u{ffff}',
        ] {
            assert!(!is_allowed(c), "{c:?}");
        }
    }

    #[test]
    fn removes_only_disallowed_characters() {
        assert_eq!(
            remove_disallowed("a\0b\u{1b}c\u{fffe}d\te\u{feff}".into()),
            "abcd\te\u{feff}"
        );
        assert_eq!(find_disallowed("ok \u{ff01}\u{fffd}"), None);
        assert_eq!(find_disallowed("ab\u{ffff}"), Some((2, '\u{ffff}')));
    }

    #[test]
    fn replacements_keep_byte_length() {
        for c in ['\0', '\u{b}', '\u{fffe}', '\u{ffff}'] {
            assert_eq!(same_length_replacement(c).len_utf8(), c.len_utf8(), "{c:?}");
            assert!(is_allowed(same_length_replacement(c)));
        }
    }
}
