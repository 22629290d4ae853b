//! Model: parsed inputs → a validated [`Collection`] of articles, topics and pages.
//!
//! Takes the parse stage's output, the names of the seeds there are and the site
//! configuration; returns the collection in which every value has been normalized and
//! checked (slugs are [`Slug`]s, dates are [`PartialDate`]s keeping their precision, every
//! topic and seed reference resolves). Problems go to the diagnostics, each pointing at the
//! key that caused it; an article with an error is left out so the rest can still be
//! checked in the same run.
//!
//! One file per concept: [`article`] (an article from its metadata and seed), [`series`], [`topic`],
//! [`page`] (Markdown pages), [`reference`](mod@reference) (entities, timeline events, data figures),
//! [`date`](PartialDate), [`slug`](Slug), [`text`] (the article text later stages read),
//! [`collection`](Collection) and [`cache`] (articles reused between builds).
//! This file puts them together in the collection's order.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub mod article;
pub mod cache;
mod collection;
mod date;
pub mod page;
pub mod reference;
pub mod series;
mod slug;
pub mod text;
pub mod topic;

pub use article::{Article, EditorOverrides, Source};
pub use cache::ModelCache;
pub use collection::Collection;
pub use date::{DateCertainty, PartialDate};
pub use page::{Page, RESERVED_SLUGS};
pub use series::{Series, SeriesPart};
pub use slug::{Slug, encode_path};
pub use topic::Topic;

use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::{CONTENT_DIR, SEEDS_DIR};
use crate::parse::Parsed;

/// The names of the seeds under `seeds/` (`001_x.txt`, `sub/x.txt`), in order: what an
/// article's `seed` may name.
pub type SeedNames<'a> = BTreeSet<&'a str>;

/// Builds the collection from parsed inputs.
pub fn build_collection(
    parsed: Parsed<'_>,
    seeds: &SeedNames<'_>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Collection {
    build_collection_cached(
        parsed,
        seeds,
        config,
        diagnostics,
        &mut ModelCache::default(),
    )
}

/// As [`build_collection`], reusing the articles `cache` kept from the last build where they
/// were made from the same inputs. Give the collection back with [`ModelCache::keep`] once
/// the build is done with it.
pub fn build_collection_cached(
    parsed: Parsed<'_>,
    seeds: &SeedNames<'_>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
    cache: &mut ModelCache,
) -> Collection {
    let Parsed {
        articles: raw_articles,
        topics: raw_topics,
        pages: raw_pages,
        entities: raw_entities,
        timeline: raw_timeline,
        datasets: raw_datasets,
        documents,
    } = parsed;
    let mut collection = Collection::default();

    // A metadata file that could not be read or parsed may name any seed or topic, so none
    // can then be called unused without a false alarm.
    let can_tell_unused = !diagnostics.has_errors_in(&Path::new(CONTENT_DIR).join("articles"));
    let Articles {
        articles,
        by_slug,
        by_seed,
    } = build_articles(raw_articles, &documents, seeds, config, diagnostics, cache);
    collection.articles = articles;
    for name in seeds {
        if can_tell_unused && !by_seed.contains_key(*name) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "seed `{name}` has no metadata and is not published"
                ))
                .in_file(Path::new(SEEDS_DIR).join(name))
                .help(format!(
                    "run `shelf new seeds/{name}` to start its metadata"
                )),
            );
        }
    }

    collection.topics = topic::build_topics(
        raw_topics,
        &collection.articles,
        !diagnostics.has_errors_in(&Path::new(CONTENT_DIR).join("articles")),
        diagnostics,
    );
    let known: BTreeSet<Slug> = by_slug.into_keys().collect();
    collection.entities = reference::build_entities(raw_entities, diagnostics);
    collection.events = reference::build_events(raw_timeline, &known, diagnostics);
    collection.datasets = reference::build_datasets(raw_datasets, &known, diagnostics);
    collection.pages = page::build_pages(raw_pages, config, diagnostics);
    collection
}

/// The published articles, newest first, with where each slug and seed was first used.
struct Articles {
    articles: Vec<Article>,
    /// Every article's slug (drafts left out included), with its metadata file.
    by_slug: BTreeMap<Slug, PathBuf>,
    /// Every seed an article names, with the last metadata file naming it.
    by_seed: BTreeMap<String, PathBuf>,
}

/// Builds (or reuses from `cache`) every article; two articles with one slug are an error,
/// two with one seed a warning, and drafts are left out unless the site builds them.
fn build_articles(
    raw_articles: Vec<(
        &crate::load::SourceFile,
        Arc<crate::parse::meta::RawArticle>,
    )>,
    documents: &BTreeMap<String, Arc<text::Document>>,
    seeds: &SeedNames<'_>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
    cache: &mut ModelCache,
) -> Articles {
    let mut articles = Vec::new();
    let mut by_slug: BTreeMap<Slug, PathBuf> = BTreeMap::new();
    let mut by_seed: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (file, raw) in raw_articles {
        let Some(slug) = article::article_slug(file, diagnostics) else {
            continue;
        };
        if let Some(first) = by_slug.get(&slug) {
            diagnostics.push(
                Diagnostic::error(format!("two articles have the slug `{slug}`"))
                    .in_file(&file.path)
                    .help(format!(
                        "`{}` already uses it; rename one of the files",
                        first.display()
                    )),
            );
            continue;
        }
        by_slug.insert(slug.clone(), file.path.clone());
        if let Some(first) = by_seed.get(raw.seed.get_ref()) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "seed `{}` is used by two articles",
                    raw.seed.get_ref()
                ))
                .in_file(&file.path)
                .at(&file.text, raw.seed.span())
                .help(format!("`{}` uses it too", first.display())),
            );
        }
        by_seed.insert(raw.seed.get_ref().clone(), file.path.clone());
        let (article, warnings) = match cache.reuse(file, &raw, documents) {
            Some((article, warnings)) => (Some(article), warnings),
            None => {
                let mut found = Diagnostics::default();
                let raw = Arc::unwrap_or_clone(raw);
                let article = article::build_article(slug, file, raw, seeds, documents, &mut found);
                (article, found.into_vec())
            }
        };
        diagnostics.extend(warnings.iter().cloned());
        let Some(article) = article else {
            continue;
        };
        if !warnings.is_empty() {
            cache.record_warnings(file.path.clone(), warnings);
        }
        if article.is_draft && !config.include_drafts {
            cache.leave_out(article);
            continue;
        }
        articles.push(article);
    }
    article::sort_newest_first(&mut articles);
    Articles {
        articles,
        by_slug,
        by_seed,
    }
}
