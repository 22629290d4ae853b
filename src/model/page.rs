//! Pages: `content/pages/*.md` → the Markdown [`Page`]s, in navigation order.
//!
//! Takes the parsed pages and the configuration; returns every page that is not a draft
//! (unless drafts are built), each with a valid slug no other page and no part of the site
//! itself ([`RESERVED_SLUGS`]) uses, sorted by `weight` and then title.

use std::path::PathBuf;

use super::slug::Slug;
use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::parse::meta::ParsedPage;

/// A Markdown page such as About.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// URL segment.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// Markdown body.
    pub body: String,
    /// Navigation order.
    pub weight: i64,
    /// `content/pages/<file>.md`.
    pub source_path: PathBuf,
}

/// URL segments the site itself uses; a page cannot take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "articles", "topics", "entities", "timeline", "static", "search", "feed", "sitemap", "404",
    "index",
];

/// Every page to publish, in navigation order.
pub(super) fn build_pages(
    raw_pages: Vec<(&SourceFile, ParsedPage)>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for (file, parsed) in raw_pages {
        if parsed.meta.draft && !config.include_drafts {
            continue;
        }
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (text, span) = match &parsed.meta.slug {
            Some(slug) => (slug.get_ref().clone(), Some(slug.span())),
            None => (stem, None),
        };
        let located = |d: Diagnostic| match &span {
            Some(span) => d.in_file(&file.path).at(&file.text, span.clone()),
            None => d.in_file(&file.path),
        };
        let slug = match Slug::parse(&text) {
            Ok(slug) if RESERVED_SLUGS.contains(&slug.as_str()) => {
                diagnostics.push(
                    located(Diagnostic::error(format!("page slug `{slug}` is reserved"))).help(
                        format!(
                            "the site uses `{slug}/` itself; set another `slug` in the front matter"
                        ),
                    ),
                );
                continue;
            }
            Ok(slug) => slug,
            Err(why) => {
                diagnostics.push(
                    located(Diagnostic::error(format!("invalid page slug `{text}`"))).help(why),
                );
                continue;
            }
        };
        if let Some(first) = pages.iter().find(|p| p.slug == slug) {
            diagnostics.push(
                located(Diagnostic::error(format!(
                    "two pages have the slug `{slug}`"
                )))
                .help(format!("`{}` already uses it", first.source_path.display())),
            );
            continue;
        }
        pages.push(Page {
            slug,
            title: parsed.meta.title,
            description: parsed.meta.description,
            body: parsed.body,
            weight: parsed.meta.weight,
            source_path: file.path.clone(),
        });
    }
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Overrides;
    use crate::parse::meta::parse_page;

    fn config() -> SiteConfig {
        let file = SourceFile::new(
            "site.toml",
            "title = \"T\"\ndescription = \"D\"\nbase_url = \"https://example.org/\"\nlanguage = \"en\"\neditor = \"E\"\ntheme = \"default\"\n",
        );
        SiteConfig::from_source(&file, &["default".to_string()], &Overrides::default())
            .expect("the configuration is valid")
    }

    fn pages(files: &[(&str, &str)]) -> (Vec<Page>, Vec<Diagnostic>) {
        let files: Vec<SourceFile> = files
            .iter()
            .map(|(path, text)| SourceFile::new(format!("content/pages/{path}"), *text))
            .collect();
        let parsed = files
            .iter()
            .map(|f| (f, parse_page(f).expect("the page parses")))
            .collect();
        let mut diagnostics = Diagnostics::default();
        let pages = build_pages(parsed, &config(), &mut diagnostics);
        (pages, diagnostics.into_vec())
    }

    #[test]
    fn pages_sort_by_weight_then_title() {
        let (pages, diagnostics) = pages(&[
            ("b.md", "+++\ntitle = \"B\"\nweight = 2\n+++\nBody"),
            ("c.md", "+++\ntitle = \"C\"\nweight = 1\n+++\nBody"),
            ("a.md", "+++\ntitle = \"A\"\nweight = 2\n+++\nBody"),
        ]);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let slugs: Vec<&str> = pages.iter().map(|p| p.slug.as_str()).collect();
        assert_eq!(slugs, ["c", "a", "b"]);
    }

    #[test]
    fn a_reserved_slug_is_an_error() {
        let (pages, diagnostics) = pages(&[("topics.md", "+++\ntitle = \"T\"\n+++\nBody")]);
        assert!(pages.is_empty());
        assert_eq!(diagnostics[0].message, "page slug `topics` is reserved");
    }

    #[test]
    fn two_pages_with_one_slug_keep_the_first() {
        let (pages, diagnostics) = pages(&[
            ("about.md", "+++\ntitle = \"About\"\n+++\nBody"),
            (
                "other.md",
                "+++\ntitle = \"Other\"\nslug = \"about\"\n+++\nBody",
            ),
        ]);
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].title, "About");
        assert_eq!(diagnostics[0].message, "two pages have the slug `about`");
    }

    #[test]
    fn drafts_are_left_out() {
        let (pages, _) = pages(&[("draft.md", "+++\ntitle = \"D\"\ndraft = true\n+++\nBody")]);
        assert!(pages.is_empty());
    }
}
