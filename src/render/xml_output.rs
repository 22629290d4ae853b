//! The last guard before an XML file leaves the render stage: characters XML does not
//! allow are removed ([`crate::xml_char`]), and each EPUB document is checked to parse.
//!
//! Takes a rendered XML document and its name; returns it cleaned, and an error naming the
//! document, line and column when it is not well-formed (#13: a stray `</title>` in
//! Markdown made EPUB chapters no reader opens, and the build said nothing). The check uses
//! `roxmltree`, a strict, dependency-free XML 1.0 parser: it refuses what a streaming reader
//! lets through (undefined entities such as `&nbsp;`, duplicate attributes, text after the
//! root), which is what an EPUB reader refuses too.

use crate::error::Diagnostic;

/// Longest stretch of a document's line quoted in an error.
const QUOTED_CHARS: usize = 120;

/// `xml` without disallowed characters, for a feed or the sitemap.
pub(super) fn cleaned(xml: String) -> String {
    crate::xml_char::remove_disallowed(xml)
}

/// An EPUB document (`entry`: its path in the book, from `template`), cleaned and checked;
/// an error goes to `errors`. CSS and other non-XML documents are only cleaned.
pub(super) fn checked_epub_document(
    entry: &str,
    template: &str,
    xml: String,
    errors: &mut Vec<Diagnostic>,
) -> String {
    let xml = cleaned(xml);
    let is_xml = [".xhtml", ".opf", ".xml"]
        .iter()
        .any(|e| entry.ends_with(e));
    if is_xml && let Err(error) = roxmltree::Document::parse_with_options(&xml, parsing_options()) {
        errors.push(not_well_formed(entry, template, &xml, &error));
    }
    xml
}

/// XHTML documents start with `<!DOCTYPE html>`, which a strict parser refuses unless told.
fn parsing_options<'input>() -> roxmltree::ParsingOptions<'input> {
    roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    }
}

fn not_well_formed(entry: &str, template: &str, xml: &str, error: &roxmltree::Error) -> Diagnostic {
    let position = error.pos();
    let line = xml
        .lines()
        .nth((position.row as usize).saturating_sub(1))
        .unwrap_or_default();
    // Quote the stretch of a long line around the column, not the whole line.
    let column = position.col as usize;
    let skip = column.saturating_sub(QUOTED_CHARS / 2 + 1);
    let quoted: String = line.chars().skip(skip).take(QUOTED_CHARS).collect();
    let message = error.to_string();
    let reason = message
        .rsplit_once(" at ")
        .map_or(message.as_str(), |(reason, _)| reason);
    Diagnostic::error(format!("EPUB document `{entry}` is not well-formed XML"))
        .in_file(format!("collection.epub/{entry}"))
        .at_line(position.row as usize, column - skip, &quoted)
        .label(reason.to_string())
        .help(format!(
            "the document comes from the theme's `{template}`: check its markup, and any HTML \
             written by a filter it uses; the HTML made from Markdown is always well-formed"
        ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_a_document_that_is_not_xml_with_its_line() {
        let mut errors = Vec::new();
        let xml = "<html>\n<body><p>a<br>b</p></body>\n</html>\n".to_string();
        checked_epub_document(
            "EPUB/articles/x.xhtml",
            "epub/chapter.xhtml",
            xml,
            &mut errors,
        );
        assert_eq!(errors.len(), 1);
        let error = &errors[0];
        assert_eq!(
            error.path.as_deref(),
            Some(std::path::Path::new(
                "collection.epub/EPUB/articles/x.xhtml"
            ))
        );
        let location = error.location.as_deref().unwrap();
        assert_eq!(
            (location.line, location.line_text.as_str()),
            (2, "<body><p>a<br>b</p></body>")
        );
        assert!(error.message.contains("EPUB/articles/x.xhtml"), "{error:?}");
    }

    #[test]
    fn passes_well_formed_documents_and_css_and_removes_control_characters() {
        let mut errors = Vec::new();
        let xml = checked_epub_document("t.xhtml", "t", "<p>a\u{0}b\u{1b}</p>".into(), &mut errors);
        assert_eq!((xml.as_str(), errors.len()), ("<p>ab</p>", 0));
        let css = checked_epub_document("style.css", "s", "p { } <".into(), &mut errors);
        assert_eq!((css.as_str(), errors.len()), ("p { } <", 0));
    }

    #[test]
    fn quotes_a_stretch_of_a_long_line() {
        let mut errors = Vec::new();
        let xml = format!("<p>{}&nbsp;{}</p>", "a".repeat(5_000), "b".repeat(5_000));
        checked_epub_document("t.xhtml", "t", xml, &mut errors);
        let location = errors[0].location.as_deref().unwrap();
        assert!(
            location.line_text.chars().count() <= QUOTED_CHARS,
            "{location:?}"
        );
        assert!(location.line_text.contains("&nbsp;"), "{location:?}");
    }
}
