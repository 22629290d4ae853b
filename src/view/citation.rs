//! Citations and machine-readable metadata: Chicago, BibTeX, RIS and JSON-LD.
//!
//! Takes an article and the site; returns a [`CitationView`] (the Chicago bibliography entry
//! as plain text, and the fields the `citation.bib` and `citation.ris` templates lay out) and
//! the schema.org `Article` object for JSON-LD; and the page family of an article's
//! `citation.bib` and `citation.ris` files, with their key. The template filters these
//! formats need (`bibtex`, `ris`, `json`) belong to the templates, in `render`.

use serde::Serialize;
use serde_json::{Value as Json, json};

use super::key::KeyBuilder;
use super::page::{Head, MarkdownSink, Page, frame};
use super::paths;
use super::site::{ArticleSummaryView, Views};
use crate::config::SiteConfig;
use crate::model::{Article, DateCertainty};

/// How to cite one article.
#[derive(Debug, Clone, Serialize)]
pub struct CitationView {
    /// Chicago-style bibliography entry, plain text.
    pub chicago: String,
    /// BibTeX key: the article's slug with the year, `hoeryong-border-guards2007`.
    pub key: String,
    /// Root-relative path of the `.bib` download.
    pub bibtex_path: String,
    /// Root-relative path of the `.ris` download.
    pub ris_path: String,
    /// Year of the original.
    pub year: String,
    /// Month of the original (1-12), when known.
    pub month: Option<u8>,
    /// Absolute URL of the article in this collection.
    pub collection_url: String,
    /// How the date is known when the text does not state it, with the editor's reason,
    /// for the files' notes: `Date inferred by the editor: …` (#17).
    pub date_note: Option<String>,
}

/// Builds the citation of an article as reproduced in this collection.
pub fn citation_of(
    article: &Article,
    summary: &ArticleSummaryView,
    config: &SiteConfig,
) -> CitationView {
    let collection_url = config.base_url.join(&summary.url_path);
    let mut chicago = String::new();
    if !article.authors.is_empty() {
        chicago.push_str(&join_names(&article.authors));
        chicago.push_str(". ");
    }
    chicago.push_str(&format!("“{}.” ", article.title.trim_end_matches('.')));
    if let Some(name) = article.source.as_ref().and_then(|s| s.name.as_deref()) {
        chicago.push_str(&format!("{name}, "));
    }
    chicago.push_str(&cited_date(article));
    if let Some(url) = article.source.as_ref().and_then(|s| s.url.as_deref()) {
        chicago.push_str(&format!(". {url}"));
    }
    chicago.push_str(&format!(
        ". Reproduced in {}, curated by {}. {collection_url}.",
        config.title, config.editor
    ));
    CitationView {
        chicago,
        key: format!("{}{}", article.slug, article.published.year),
        bibtex_path: paths::bibtex(article.slug.as_str()),
        ris_path: paths::ris(article.slug.as_str()),
        year: article.published.year.to_string(),
        month: article.published.month,
        collection_url,
        date_note: date_note(article),
    }
}

/// The date as a citation gives it: a date the editor supplied in brackets, `[2007]`; one
/// known roughly after `ca.`; a disputed one as a conjecture, `[2007?]` (#17).
fn cited_date(article: &Article) -> String {
    let date = article.published.display();
    match article.published_certainty {
        DateCertainty::Stated => date,
        DateCertainty::Inferred => format!("[{date}]"),
        DateCertainty::Approximate => format!("ca. {date}"),
        DateCertainty::Disputed => format!("[{date}?]"),
    }
}

/// What the BibTeX and RIS notes say about a date the text does not state.
fn date_note(article: &Article) -> Option<String> {
    let how = match article.published_certainty {
        DateCertainty::Stated => return article.published_note.clone(),
        DateCertainty::Inferred => "Date inferred by the editor",
        DateCertainty::Approximate => "Date approximate",
        DateCertainty::Disputed => "Date disputed",
    };
    Some(match &article.published_note {
        Some(note) => format!("{how}: {note}"),
        None => how.to_string(),
    })
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => format!("{first} and {second}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// The schema.org `Article` for JSON-LD: the original (`isBasedOn`), its publisher and
/// date at its precision, and this collection's page.
pub fn json_ld_of(article: &Article, summary: &ArticleSummaryView, config: &SiteConfig) -> Json {
    let mut original = json!({ "@type": "CreativeWork", "name": article.title });
    if let Some(url) = article.source.as_ref().and_then(|s| s.url.as_deref()) {
        original["url"] = json!(url);
    }
    if let Some(name) = article.source.as_ref().and_then(|s| s.name.as_deref()) {
        original["publisher"] = json!({ "@type": "Organization", "name": name });
    }
    if article.published_certainty.is_citable() {
        original["datePublished"] = json!(article.published.iso());
    }
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "url": config.base_url.join(&summary.url_path),
        "mainEntityOfPage": config.base_url.join(&summary.url_path),
        "inLanguage": article.language.as_deref().unwrap_or(&config.language),
        "wordCount": article.word_count,
        "keywords": summary.topics.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "isBasedOn": original,
        "isPartOf": { "@type": "WebSite", "name": config.title, "url": config.base_url.as_str() },
        "editor": { "@type": "Person", "name": config.editor },
    });
    if article.published_certainty.is_citable() {
        value["datePublished"] = json!(article.published.iso());
    }
    if !article.authors.is_empty() {
        value["author"] = Json::Array(
            article
                .authors
                .iter()
                .map(|name| json!({ "@type": "Person", "name": name }))
                .collect(),
        );
    }
    if let Some(name) = article.source.as_ref().and_then(|s| s.name.as_deref()) {
        value["publisher"] = json!({ "@type": "Organization", "name": name });
    }
    value
}

/// Which of an article's citation files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CitationFormat {
    /// `citation.bib`.
    Bibtex,
    /// `citation.ris`.
    Ris,
}

impl CitationFormat {
    /// The template, which is also the file's name.
    pub fn template(self) -> &'static str {
        match self {
            CitationFormat::Bibtex => "citation.bib",
            CitationFormat::Ris => "citation.ris",
        }
    }

    /// The file's path for the article with `slug`.
    pub fn path(self, slug: &str) -> String {
        match self {
            CitationFormat::Bibtex => paths::bibtex(slug),
            CitationFormat::Ris => paths::ris(slug),
        }
    }
}

/// What `citation.bib` and `citation.ris` receive.
#[derive(Debug, Serialize)]
pub struct CitationFileView<'v> {
    /// The article's summary.
    pub article: &'v ArticleSummaryView,
    /// The original's address.
    pub source_url: Option<String>,
    /// How to cite it.
    pub citation: CitationView,
}

/// An article's citation file: it shows the article alone.
pub struct CitationFile<'v> {
    index: usize,
    article: &'v Article,
    format: CitationFormat,
}

impl<'v> CitationFile<'v> {
    /// Gathers the `format` file of article `index`.
    pub fn new(views: &Views<'v>, index: usize, format: CitationFormat) -> Self {
        CitationFile {
            index,
            article: views.article(index),
            format,
        }
    }

    /// The file's key: its format and its article.
    pub fn key(&self, site_key: &blake3::Hash) -> blake3::Hash {
        let CitationFile {
            index: _,
            article,
            format,
        } = self;
        KeyBuilder::new(site_key, format.template())
            .article(article)
            .finish()
    }

    /// The file.
    pub fn page(&self, views: &'v Views<'v>) -> Page<CitationFileView<'v>> {
        let article = self.article;
        let summary = &views.summaries[self.index];
        let view = CitationFileView {
            article: summary,
            source_url: article.source.as_ref().and_then(|s| s.url.clone()),
            citation: citation_of(article, summary, views.site.config),
        };
        let head = Head {
            template: self.format.template(),
            title: article.title.clone(),
            description: article.summary.clone(),
            kind: "citation",
            language: None,
        };
        let path = self.format.path(article.slug.as_str());
        let markdown = MarkdownSink::new(views, "");
        frame(views, path, head, view, None, markdown)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_join_the_chicago_way() {
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B, and C"
        );
        assert_eq!(join_names(&["A".into(), "B".into()]), "A and B");
    }
}
