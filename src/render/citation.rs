//! Citations and machine-readable metadata: Chicago, BibTeX, RIS and JSON-LD.
//!
//! Takes an article and the site; returns a [`CitationView`] (the Chicago bibliography entry
//! as plain text, and the fields the `citation.bib` and `citation.ris` templates lay out) and
//! the schema.org `Article` object for JSON-LD. Also the template filters these formats need:
//! `bibtex` (escapes BibTeX's special characters), `ris` (one line, no tag breaks) and `json`
//! (JSON safe inside `<script>`).

use serde::Serialize;
use serde_json::{Value as Json, json};
use tera::{Kwargs, State, Tera, Value};

use super::view::ArticleSummaryView;
use crate::config::SiteConfig;
use crate::model::Article;

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
}

/// Root-relative path of an article's BibTeX file.
pub fn bibtex_path(slug: &str) -> String {
    format!("articles/{slug}/citation.bib")
}

/// Root-relative path of an article's RIS file.
pub fn ris_path(slug: &str) -> String {
    format!("articles/{slug}/citation.ris")
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
    chicago.push_str(&article.published.display());
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
        bibtex_path: bibtex_path(article.slug.as_str()),
        ris_path: ris_path(article.slug.as_str()),
        year: article.published.year.to_string(),
        month: article.published.month,
        collection_url,
    }
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
    original["datePublished"] = json!(article.published.iso());
    let mut value = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.summary,
        "url": config.base_url.join(&summary.url_path),
        "mainEntityOfPage": config.base_url.join(&summary.url_path),
        "datePublished": article.published.iso(),
        "inLanguage": article.language.as_deref().unwrap_or(&config.language),
        "wordCount": article.word_count,
        "keywords": summary.topics.iter().map(|t| t.name.as_str()).collect::<Vec<_>>(),
        "isBasedOn": original,
        "isPartOf": { "@type": "WebSite", "name": config.title, "url": config.base_url.as_str() },
        "editor": { "@type": "Person", "name": config.editor },
    });
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

/// Registers the `bibtex`, `ris` and `json` filters.
pub fn register_filters(tera: &mut Tera) {
    tera.register_filter("bibtex", |text: &str, _: Kwargs, _: &State| {
        escape_bibtex(text)
    });
    tera.register_filter("ris", |text: &str, _: Kwargs, _: &State| one_line(text));
    tera.register_filter("json", |value: Value, _: Kwargs, _: &State| {
        Value::safe_string(&script_safe_json(&value))
    });
}

/// Escapes `{}`, `\`, `%`, `&`, `$`, `#`, `_`, `~` and `^` for a BibTeX field in braces.
pub fn escape_bibtex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// Collapses line breaks and runs of white space, so a value cannot start a new RIS tag.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON that cannot close a `<script>` element or open a comment in it.
pub fn script_safe_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bibtex_escapes_special_characters_and_line_breaks() {
        assert_eq!(
            escape_bibtex("50% of {R&D}_x\nnext"),
            "50\\% of \\{R\\&D\\}\\_x next"
        );
    }

    #[test]
    fn json_cannot_close_a_script_element() {
        let text = script_safe_json(&json!({ "t": "</script><!-- & x" }));
        assert!(!text.contains("</") && !text.contains("<!--"), "{text}");
        assert_eq!(
            serde_json::from_str::<Json>(&text).unwrap()["t"],
            "</script><!-- & x"
        );
    }

    #[test]
    fn names_join_the_chicago_way() {
        assert_eq!(
            join_names(&["A".into(), "B".into(), "C".into()]),
            "A, B, and C"
        );
        assert_eq!(join_names(&["A".into(), "B".into()]), "A and B");
    }
}
