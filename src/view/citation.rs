//! Citations and machine-readable metadata: Chicago, BibTeX, RIS and JSON-LD.
//!
//! Takes an article and the site; returns a [`CitationView`] (the Chicago bibliography entry
//! as plain text, and the fields the `citation.bib` and `citation.ris` templates lay out) and
//! the schema.org `Article` object for JSON-LD; and the view of an article's BibTeX or RIS
//! entry ([`CitationFile`]), which `render` turns into the page's `data:` links and the
//! collection's and topics' `citations.bib` and `citations.ris`. The template filters these
//! formats need (`bibtex`, `ris`, `json`) belong to the templates, in `render`.

use serde::Serialize;
use serde_json::{Value as Json, json};

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
    /// Root-relative path of the collection's `citations.bib` (every article's entry;
    /// before #15 this named the article's own file, so a theme copied then still links
    /// a file that exists).
    pub bibtex_path: &'static str,
    /// Root-relative path of the collection's `citations.ris`.
    pub ris_path: &'static str,
    /// Year of the original.
    pub year: String,
    /// Month of the original (1-12), when known.
    pub month: Option<u8>,
    /// Absolute URL of the article in this collection.
    pub collection_url: String,
    /// How the date is known when the text does not state it, with the editor's reason,
    /// for the files' notes: `Date inferred by the editor: …` (#17).
    pub date_note: Option<String>,
    /// The authors as reference managers want them: `Family, Given` when the name marks
    /// its family name in capitals (`ISHIMARU Jiro` → `Ishimaru, Jiro`), else as written.
    pub authors: Vec<String>,
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
        chicago.push_str(&bibliography_names(&article.authors));
        if !chicago.ends_with('.') {
            chicago.push('.');
        }
        chicago.push(' ');
    }
    chicago.push_str(&quoted_title(&article.title));
    chicago.push(' ');
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
        bibtex_path: paths::CITATIONS_BIB,
        ris_path: paths::CITATIONS_RIS,
        year: article.published.year.to_string(),
        month: article.published.month,
        collection_url,
        date_note: date_note(article),
        authors: article.authors.iter().map(|a| family_first(a)).collect(),
    }
}

/// The date as a citation gives it: a date the editor supplied in brackets, `[2007]`; one
/// known roughly after `ca.`; a disputed one as a conjecture, `[2007?]` (#17).
fn cited_date(article: &Article) -> String {
    let date = article.published.chicago();
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

/// Chicago's bibliography names: the first author family name first when the name marks
/// it, the others as written, joined with commas and `and`.
fn bibliography_names(names: &[String]) -> String {
    match names {
        [first, second] if family_first(first) != *first => {
            // The inverted name's own comma calls for one before `and` too.
            format!("{}, and {second}", family_first(first))
        }
        [first, rest @ ..] => {
            let mut shown = vec![family_first(first)];
            shown.extend(rest.iter().cloned());
            join_names(&shown)
        }
        [] => String::new(),
    }
}

/// `Family, Given` for a name whose family name is written in capitals, in either order
/// (`ISHIMARU Jiro`, `Jiro ISHIMARU`), the convention for East Asian names in English; a
/// name that marks no family name is kept as written, since its order cannot be known.
fn family_first(name: &str) -> String {
    let words: Vec<&str> = name.split_whitespace().collect();
    let is_capitals = |word: &str| {
        word.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && word.chars().all(|c| !c.is_lowercase())
            && word.chars().any(char::is_uppercase)
    };
    let family: Vec<usize> = (0..words.len())
        .filter(|&i| is_capitals(words[i]))
        .collect();
    let [family] = family[..] else {
        return name.to_string();
    };
    if words.len() < 2 {
        return name.to_string();
    }
    let given: Vec<&str> = words
        .iter()
        .enumerate()
        .filter(|&(i, _)| i != family)
        .map(|(_, w)| *w)
        .collect();
    format!("{}, {}", capitalize_name(words[family]), given.join(" "))
}

/// `ISHIMARU` → `Ishimaru`, `KIM-LEE` → `Kim-Lee`.
fn capitalize_name(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    let mut is_start = true;
    for c in word.chars() {
        if is_start {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        is_start = !c.is_alphabetic();
    }
    out
}

fn join_names(names: &[String]) -> String {
    match names {
        [] => String::new(),
        [one] => one.clone(),
        [first, second] => format!("{first} and {second}"),
        [rest @ .., last] => format!("{}, and {last}", rest.join(", ")),
    }
}

/// A title in double quotes, as Chicago sets it: quotation marks inside become single,
/// and a period goes inside the closing marks unless the title ends in `?` or `!`.
fn quoted_title(title: &str) -> String {
    let title = title.trim().trim_end_matches('.');
    let mut inner = String::with_capacity(title.len());
    let mut previous: Option<char> = None;
    for c in title.chars() {
        inner.push(match c {
            '“' => '‘',
            '”' => '’',
            '"' if previous.is_none_or(|p| p.is_whitespace() || "([{‘—–-/".contains(p)) => {
                '‘'
            }
            '"' => '’',
            other => other,
        });
        previous = Some(c);
    }
    let ends_in_quote = title.ends_with(['”', '"']);
    if inner
        .strip_suffix('’')
        .filter(|_| ends_in_quote)
        .unwrap_or(&inner)
        .ends_with(['?', '!'])
    {
        return format!("“{inner}”");
    }
    // The period goes inside a closing quotation mark too, `‘the plan.’”`; an apostrophe
    // the title itself ends with is left alone.
    if ends_in_quote {
        inner.pop();
        return format!("“{inner}.’”");
    }
    format!("“{inner}.”")
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

/// Which citation format: each article's entry is rendered through the template of
/// that name, and the entries go into the collection's and each topic's `citations.*`.
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

    /// The collection's file of every article's citation in this format.
    pub fn collection_path(self) -> &'static str {
        match self {
            CitationFormat::Bibtex => paths::CITATIONS_BIB,
            CitationFormat::Ris => paths::CITATIONS_RIS,
        }
    }

    /// The file of the citations of the articles of the topic with `slug`.
    pub fn topic_path(self, slug: &str) -> String {
        paths::topic_citations(slug, self.collection_path())
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

/// An article's citation entry in one format: it shows the article alone. Its inputs are
/// the article's page's too, so the page's key covers it.
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

    /// The entry, through the format's template.
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
        // Rendered into the article's page and the collection's files, at the root.
        let path = self.format.collection_path().to_string();
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

    fn names(list: &[&str]) -> String {
        let list: Vec<String> = list.iter().map(|n| n.to_string()).collect();
        bibliography_names(&list)
    }

    #[test]
    fn a_family_name_in_capitals_comes_first_17() {
        assert_eq!(family_first("ISHIMARU Jiro"), "Ishimaru, Jiro");
        assert_eq!(family_first("Jiro ISHIMARU"), "Ishimaru, Jiro");
        assert_eq!(family_first("KIM Min-ji"), "Kim, Min-ji");
        assert_eq!(family_first("PARK-LEE Soo"), "Park-Lee, Soo");
    }

    #[test]
    fn a_name_that_marks_no_family_name_is_kept_as_written_17() {
        for name in [
            "Sokeel Park",
            "A. Writer",
            "ASIAPRESS",
            "Kim Jong-un",
            "J. R. R. TOLKIEN SMITH",
        ] {
            assert_eq!(family_first(name), name);
        }
    }

    #[test]
    fn only_the_first_author_is_inverted_in_the_bibliography_17() {
        assert_eq!(names(&["ISHIMARU Jiro"]), "Ishimaru, Jiro");
        assert_eq!(
            names(&["ISHIMARU Jiro", "Sokeel Park"]),
            "Ishimaru, Jiro, and Sokeel Park"
        );
        assert_eq!(
            names(&["Sokeel Park", "ISHIMARU Jiro"]),
            "Sokeel Park and ISHIMARU Jiro"
        );
        assert_eq!(
            names(&["KANG Mi-jin", "Danbi Kim", "Shimon Huh"]),
            "Kang, Mi-jin, Danbi Kim, and Shimon Huh"
        );
    }

    #[test]
    fn quotation_marks_inside_a_quoted_title_become_single_17() {
        assert_eq!(
            quoted_title("The “Jangmadang Generation”: Young North Koreans"),
            "“The ‘Jangmadang Generation’: Young North Koreans.”"
        );
        assert_eq!(
            quoted_title("He said \"no\" to \"the plan\""),
            "“He said ‘no’ to ‘the plan.’”"
        );
        assert_eq!(
            quoted_title("Who Guards the Guards?"),
            "“Who Guards the Guards?”"
        );
        assert_eq!(quoted_title("A Blind Spot."), "“A Blind Spot.”");
        assert_eq!(quoted_title("Asking “Why?”"), "“Asking ‘Why?’”");
        assert_eq!(quoted_title("The Guards’"), "“The Guards’.”");
    }
}
