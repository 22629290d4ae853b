//! Citation files: every article's BibTeX and RIS entry, rendered once through the theme's
//! `citation.bib` and `citation.ris` templates, and given to readers three ways.
//!
//! - On the article page, each entry as a `data:` link (`citation_files.bibtex` and
//!   `citation_files.ris` in `article.html`'s context), which a browser saves as a file
//!   without the site writing one: two files per article were 44 % of the files a build
//!   wrote, for 1.5 % of its bytes (#15).
//! - `citations.bib` and `citations.ris` at the site's root: every article's entry, in
//!   collection order.
//! - `topics/<slug>/citations.bib` and `.ris`: the entries of the topic's articles, in the
//!   topic's order.
//!
//! The entries are rendered whether or not the article pages are kept from the last build:
//! the collection's files need all of them, and an entry is a few hundred bytes.

use rayon::prelude::*;
use serde::Serialize;

use super::output::Output;
use super::page::render_page;
use super::theme::Templates;
use crate::error::Diagnostic;
use crate::view::citation::{CitationFile, CitationFormat};
use crate::view::site::Views;

/// Every article's BibTeX and RIS entry, by article index.
pub(super) struct Citations {
    entries: Vec<[String; 2]>,
}

/// What an article page's template receives as `citation_files`: its two entries as
/// `data:` addresses, and the file names a browser saves them under.
#[derive(Debug, Serialize)]
pub(super) struct CitationLinks {
    /// `data:application/x-bibtex;charset=utf-8,…`
    pub(super) bibtex: String,
    /// `data:application/x-research-info-systems;charset=utf-8,…`
    pub(super) ris: String,
    /// `<slug>.bib`.
    pub(super) bibtex_name: String,
    /// `<slug>.ris`.
    pub(super) ris_name: String,
}

const FORMATS: [CitationFormat; 2] = [CitationFormat::Bibtex, CitationFormat::Ris];

impl Citations {
    /// Renders every article's two entries (in parallel).
    ///
    /// # Errors
    /// The template errors of `citation.bib` and `citation.ris`.
    pub(super) fn render(
        views: &Views<'_>,
        templates: &Templates<'_>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let count = views.site.collection.articles.len();
        let rendered: Vec<Result<[String; 2], Vec<Diagnostic>>> = (0..count)
            .into_par_iter()
            .map(|index| {
                let [bibtex, ris] = FORMATS.map(|format| {
                    render_page(
                        templates,
                        CitationFile::new(views, index, format).page(views),
                    )
                });
                Ok([bibtex?, ris?])
            })
            .collect();
        let mut entries = Vec::with_capacity(count);
        let mut errors = Vec::new();
        for entry in rendered {
            match entry {
                Ok(entry) => entries.push(entry),
                Err(found) => errors.extend(found),
            }
        }
        if errors.is_empty() {
            Ok(Citations { entries })
        } else {
            Err(errors)
        }
    }

    /// Article `index`'s entries as links for its page.
    pub(super) fn links(&self, views: &Views<'_>, index: usize) -> Option<CitationLinks> {
        let [bibtex, ris] = self.entries.get(index)?;
        let slug = views.article(index).slug.as_str();
        Some(CitationLinks {
            bibtex: data_address("application/x-bibtex", bibtex),
            ris: data_address("application/x-research-info-systems", ris),
            bibtex_name: format!("{slug}.bib"),
            ris_name: format!("{slug}.ris"),
        })
    }

    /// Writes the collection's and each topic's `citations.bib` and `citations.ris`.
    pub(super) fn write_files(&self, views: &Views<'_>, output: &dyn Output) {
        let all: Vec<usize> = (0..self.entries.len()).collect();
        self.write_pair(output, &all, |format| format.collection_path().to_string());
        for (topic, members) in views.topics.iter().zip(views.site.topic_articles.values()) {
            let slug = topic.slug.as_str();
            self.write_pair(output, members, |format| format.topic_path(slug));
        }
    }

    fn write_pair(
        &self,
        output: &dyn Output,
        articles: &[usize],
        path: impl Fn(CitationFormat) -> String,
    ) {
        for (at, format) in FORMATS.into_iter().enumerate() {
            let text = joined(
                articles
                    .iter()
                    .filter_map(|&i| self.entries.get(i))
                    .map(|e| e[at].as_str()),
            );
            output.put(&path(format), text.into_bytes());
        }
    }
}

/// Entries one after the other, each ending in a line break and separated by a blank
/// line (BibTeX and RIS readers both take that).
fn joined<'a>(entries: impl Iterator<Item = &'a str>) -> String {
    let mut text = String::new();
    for entry in entries {
        if !text.is_empty() {
            text.push('\n');
        }
        text.push_str(entry.trim_end_matches('\n'));
        text.push('\n');
    }
    text
}

/// A `data:` address holding `text` (RFC 2397): every byte but letters, digits and
/// `-._~!$()*+,;=:@/?` percent-encoded, so the address is valid in an HTML attribute
/// without escaping and survives any white space in the text.
fn data_address(media_type: &str, text: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut address = format!("data:{media_type};charset=utf-8,");
    address.reserve(text.len() * 2);
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~!$()*+,;=:@/?".contains(&byte) {
            address.push(char::from(byte));
        } else {
            address.push('%');
            address.push(char::from(HEX[usize::from(byte >> 4)]));
            address.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
    address
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_data_address_encodes_what_a_url_may_not_hold_15() {
        assert_eq!(
            data_address("text/plain", "a {b} é\n&'\"<%"),
            "data:text/plain;charset=utf-8,a%20%7Bb%7D%20%C3%A9%0A%26%27%22%3C%25"
        );
        assert_eq!(
            data_address("text/plain", "url = https://x.org/a?b=1,"),
            "data:text/plain;charset=utf-8,url%20=%20https://x.org/a?b=1,"
        );
    }

    #[test]
    fn entries_are_joined_by_one_blank_line_15() {
        assert_eq!(joined(["A\n", "B", "C\n\n"].into_iter()), "A\n\nB\n\nC\n");
        assert_eq!(joined(std::iter::empty()), "");
    }
}
