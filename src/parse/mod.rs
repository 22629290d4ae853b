//! Parse: raw inputs → structured data that still remembers where it came from.
//!
//! [`meta`] reads editorial TOML (article metadata, topics, page front matter) into `Raw*`
//! structs with spans; [`text`] turns a seed's raw text into a [`text::Document`] of blocks,
//! each with the byte span and lines it came from. Neither knows about templates or output.

pub mod cache;
pub mod meta;
pub mod text;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use toml::Spanned;

use crate::error::Diagnostics;
use crate::load::{SourceFile, Sources};
use cache::ParseCache;

/// Everything the parsers produced, each item beside the file it came from.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    /// Article metadata files that parsed.
    pub articles: Vec<(&'a SourceFile, meta::RawArticle)>,
    /// `content/topics.toml`, if present and valid.
    pub topics: Option<(&'a SourceFile, BTreeMap<String, Spanned<meta::RawTopic>>)>,
    /// Markdown pages that parsed.
    pub pages: Vec<(&'a SourceFile, meta::ParsedPage)>,
    /// Structured seeds, by name under `seeds/`: only the seeds some metadata names.
    pub documents: BTreeMap<String, text::Document>,
}

/// Parses every source; problems go to `diagnostics` and the item is left out.
pub fn parse_sources<'a>(sources: &'a Sources, diagnostics: &mut Diagnostics) -> Parsed<'a> {
    parse_sources_cached(sources, &mut ParseCache::default(), diagnostics)
}

/// As [`parse_sources`], reusing the results in `cache` for files whose content is unchanged
/// (article metadata and seeds) and leaving in it only what this build used.
pub fn parse_sources_cached<'a>(
    sources: &'a Sources,
    cache: &mut ParseCache,
    diagnostics: &mut Diagnostics,
) -> Parsed<'a> {
    let mut parsed = Parsed::default();
    let articles: Vec<_> = sources
        .articles
        .par_iter()
        .map(|f| (f, cache.parse_article(f)))
        .collect();
    for (file, result) in articles {
        match result {
            Ok(raw) => parsed.articles.push((file, raw)),
            Err(found) => diagnostics.extend(found),
        }
    }
    if let Some(file) = &sources.topics {
        match meta::parse_topics(file) {
            Ok(topics) => parsed.topics = Some((file, topics)),
            Err(found) => diagnostics.extend(found),
        }
    }
    for file in &sources.pages {
        match meta::parse_page(file) {
            Ok(page) => parsed.pages.push((file, page)),
            Err(found) => diagnostics.extend(found),
        }
    }
    let wanted: BTreeSet<&str> = parsed
        .articles
        .iter()
        .map(|(_, raw)| raw.seed.get_ref().as_str())
        .collect();
    let documents: Vec<_> = wanted
        .into_par_iter()
        .filter_map(|name| {
            sources
                .seeds
                .get(name)
                .map(|seed| (name, cache.parse_seed(seed)))
        })
        .collect();
    for (name, result) in documents {
        match result {
            Ok(document) => {
                parsed.documents.insert(name.to_string(), document);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
    cache.finish_build();
    parsed
}
