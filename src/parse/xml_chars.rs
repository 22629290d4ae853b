//! Characters XML does not allow, found where text enters: in seeds and in TOML strings.
//!
//! Takes seeds and editorial files as loaded; returns warnings naming the file, line and
//! column of the first such character (#13: a NUL, ESC, backspace, vertical tab or U+FFFE
//! made feeds and EPUB chapters no XML reader opens, with exit 0). A seed's characters are
//! replaced before it is structured, each by one of the same byte length (a space, or
//! U+FFFD for U+FFFE and U+FFFF), so every byte span into the text stays valid. Editorial
//! text is left as written (TOML has no raw control characters; they arrive as escapes
//! such as `\u0000` or `\e`), and every XML writer removes them ([`crate::xml_char`]).

use std::borrow::Cow;

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::Diagnostic;
use crate::load::{SeedFile, SourceFile};
use crate::xml_char::{find_disallowed, is_allowed, same_length_replacement};

/// The seed with every character XML does not allow replaced, and a warning, or the seed
/// as it is when it has none. A seed that is not UTF-8 is left to the parser's error.
pub fn seed_for_xml(seed: &SeedFile) -> (Cow<'_, SeedFile>, Option<Diagnostic>) {
    let Ok(text) = std::str::from_utf8(&seed.bytes) else {
        return (Cow::Borrowed(seed), None);
    };
    let Some((first, c)) = find_disallowed(text) else {
        return (Cow::Borrowed(seed), None);
    };
    let count = text.chars().filter(|&c| !is_allowed(c)).count();
    let replaced: String = text
        .chars()
        .map(|c| {
            if is_allowed(c) {
                c
            } else {
                same_length_replacement(c)
            }
        })
        .collect();
    let warning = Diagnostic::warning(format!(
        "seed has {count} character{} not allowed in XML, the first {}",
        if count == 1 { "" } else { "s" },
        describe(c)
    ))
    .in_file(&seed.path)
    .at(&quotable(text), first..first + c.len_utf8())
    .label("shown as a space (or U+FFFD), and in no feed or EPUB")
    .help("remove the character from the seed, or replace it with the one the text meant");
    (
        Cow::Owned(SeedFile::new(seed.path.clone(), replaced.into_bytes())),
        Some(warning),
    )
}

/// A warning for each TOML string in `file` (metadata, or a page's front matter) holding a
/// character XML does not allow, written as an escape; for a page, also the first such
/// character written as it is in its Markdown.
pub fn check_editorial_text(file: &SourceFile) -> Vec<Diagnostic> {
    let text = file.text.as_str();
    let is_toml = file.path.extension().is_some_and(|e| e == "toml");
    let mut found = Vec::new();
    if let Some((at, c)) = find_disallowed(text).filter(|_| !is_toml) {
        found.push(
            Diagnostic::warning(format!("page holds {}, not allowed in XML", describe(c)))
                .in_file(&file.path)
                .at(&quotable(text), at..at + c.len_utf8())
                .label("left out of feeds and the EPUB")
                .help("remove the character, or replace it with the one the text meant"),
        );
    }
    let toml_part = if is_toml {
        Some((0, text))
    } else {
        front_matter(text)
    };
    let Some((offset, toml_text)) = toml_part.filter(|(_, t)| may_escape_disallowed(t)) else {
        return found;
    };
    let Ok(table) = DeTable::parse(toml_text) else {
        // The real parser reports the syntax error.
        return found;
    };
    visit_table(
        table.get_ref(),
        &mut |value: &Spanned<DeValue<'_>>, s: &str| {
            if let Some((_, c)) = find_disallowed(s) {
                let span = value.span();
                found.push(
                    Diagnostic::warning(format!(
                        "string holds {}, not allowed in XML",
                        describe(c)
                    ))
                    .in_file(&file.path)
                    // The opening quote: a long string underlined whole says no more.
                    .at(
                        &quotable(text),
                        offset + span.start..offset + span.start + 1,
                    )
                    .label("this string; the character is left out of feeds and the EPUB")
                    .help("remove the escape, or write the character the text meant"),
                );
            }
        },
    );
    found
}

/// Whether TOML text has an escape that can stand for a control character or U+FFFE/FFFF:
/// `\u`, `\U`, `\b`, `\f` or `\e`. Most files have none, and skip the second parse.
fn may_escape_disallowed(text: &str) -> bool {
    text.as_bytes()
        .windows(2)
        .any(|w| w[0] == b'\\' && matches!(w[1], b'u' | b'U' | b'b' | b'f' | b'e'))
}

/// A page's TOML front matter, between its `+++` lines, with its byte offset.
fn front_matter(text: &str) -> Option<(usize, &str)> {
    let start = text.find("+++")? + 3;
    let length = text[start..].find("\n+++")?;
    Some((start, &text[start..start + length]))
}

fn visit_table(table: &DeTable<'_>, visit: &mut dyn FnMut(&Spanned<DeValue<'_>>, &str)) {
    for value in table.values() {
        visit_value(value, visit);
    }
}

fn visit_value(value: &Spanned<DeValue<'_>>, visit: &mut dyn FnMut(&Spanned<DeValue<'_>>, &str)) {
    match value.get_ref() {
        DeValue::String(s) => visit(value, s),
        DeValue::Array(items) => items.iter().for_each(|item| visit_value(item, visit)),
        DeValue::Table(table) => visit_table(table, visit),
        _ => {}
    }
}

/// `U+001B (ESC)`: how a character nobody can see is named in a message.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => " (NUL)",
        '\u{8}' => " (backspace)",
        '\u{b}' => " (vertical tab)",
        '\u{c}' => " (form feed)",
        '\u{1b}' => " (ESC)",
        _ => "",
    };
    format!("`U+{:04X}`{name}", c as u32)
}

/// The text as a message may quote it: the line is printed under the error, and a raw
/// control character there would act on the terminal, so each one is shown as a space.
fn quotable(text: &str) -> Cow<'_, str> {
    if find_disallowed(text).is_none() && !text.contains('\u{7f}') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_allowed(c) && c != '\u{7f}' {
                    c
                } else {
                    same_length_replacement(c)
                }
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_a_seeds_characters_keeping_its_length() {
        let seed = SeedFile::new(
            "seeds/a.txt",
            "One\ntwo\u{1b}[31m th\u{0}ree\u{fffe}\n".into(),
        );
        let (clean, warning) = seed_for_xml(&seed);
        assert_eq!(clean.bytes.len(), seed.bytes.len());
        assert_eq!(
            std::str::from_utf8(&clean.bytes).unwrap(),
            "One\ntwo [31m th ree\u{fffd}\n"
        );
        let warning = warning.unwrap();
        assert_eq!(
            warning.message,
            "seed has 3 characters not allowed in XML, the first `U+001B` (ESC)"
        );
        let location = warning.location.unwrap();
        assert_eq!((location.line, location.column), (2, 4));
        assert_eq!(location.line_text, "two [31m th ree\u{fffd}");
    }

    #[test]
    fn leaves_a_clean_seed_borrowed() {
        let seed = SeedFile::new("seeds/a.txt", "Tab\tand line\r\n and \u{feff}".into());
        assert!(matches!(seed_for_xml(&seed), (Cow::Borrowed(_), None)));
    }

    #[test]
    fn finds_escaped_control_characters_in_toml_strings() {
        let file = SourceFile::new(
            "content/articles/a.toml",
            "title = \"A\\u0000B\"\nsummary = 'literal \\u0000 is fine'\n[[x]]\nnote = [\"\\e[1m\"]\nok = \"\\u00e9\"\n",
        );
        let found = check_editorial_text(&file);
        let places: Vec<(usize, usize, &str)> = found
            .iter()
            .map(|d| {
                let l = d.location.as_deref().unwrap();
                (l.line, l.column, d.message.as_str())
            })
            .collect();
        assert_eq!(
            places,
            [
                (1, 9, "string holds `U+0000` (NUL), not allowed in XML"),
                (4, 9, "string holds `U+001B` (ESC), not allowed in XML"),
            ]
        );
    }

    #[test]
    fn finds_them_in_a_pages_front_matter() {
        let file = SourceFile::new(
            "content/pages/about.md",
            "+++\ntitle = \"A\\bB\"\n+++\nBody \\b.\n",
        );
        let found = check_editorial_text(&file);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].location.as_deref().map(|l| l.line), Some(2));
        let file = SourceFile::new(
            "content/pages/about.md",
            "+++\ntitle = \"A\"\n+++\nBo\u{c}dy.\n",
        );
        let found = check_editorial_text(&file);
        assert_eq!(
            found[0].message,
            "page holds `U+000C` (form feed), not allowed in XML"
        );
        assert_eq!(
            found[0].location.as_deref().map(|l| (l.line, l.column)),
            Some((4, 3))
        );
    }
}
