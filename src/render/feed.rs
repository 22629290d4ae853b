//! Feeds and indexes: Atom feeds (whole collection and per topic), the sitemap, robots.txt.
//!
//! Takes the shared render state; returns the files through the theme's `feed.xml`,
//! `sitemap.xml` and `robots.txt` templates. Entry bodies use the theme's
//! `partials/article_body.html` with absolute links, rendered once per article however many
//! feeds list it. Feeds carry no build time: `updated` is the newest entry's date.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::view::ArticleSummaryView;
use super::{Shared, detached_article_view};
use crate::error::Diagnostic;

/// One entry of an Atom feed.
#[derive(Debug, Serialize)]
struct FeedEntryView<'a> {
    article: &'a ArticleSummaryView,
    url: String,
    content_html: String,
}

#[derive(Debug, Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: String,
    self_url: String,
    alternate_url: String,
    updated: String,
    entries: Vec<FeedEntryView<'a>>,
}

#[derive(Debug, Serialize)]
struct SitemapEntry {
    loc: String,
}

pub(super) fn render_feeds_and_indexes(
    shared: &Shared<'_>,
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let site = shared.site;
    let config = site.config;
    let mut feeds: Vec<(String, String, String, String, Vec<usize>)> = Vec::new();
    let newest: Vec<usize> = (0..site.collection.articles.len())
        .take(config.feed_limit)
        .collect();
    feeds.push((
        "feed.xml".into(),
        config.title.clone(),
        config.description.clone(),
        String::new(),
        newest,
    ));
    if config.topic_feeds {
        for topic in site.collection.topics.values() {
            let members = site
                .topic_articles
                .get(&topic.slug)
                .cloned()
                .unwrap_or_default();
            let members: Vec<usize> = members.into_iter().take(config.feed_limit).collect();
            feeds.push((
                format!("topics/{}/feed.xml", topic.slug),
                format!("{} — {}", config.title, topic.name),
                format!("Articles about {} in {}.", topic.name, config.title),
                format!("topics/{}/", topic.slug),
                members,
            ));
        }
    }
    // Entry bodies are rendered once per article, however many feeds list it.
    let mut bodies: BTreeMap<usize, Result<String, Diagnostic>> = BTreeMap::new();
    let needed: BTreeSet<usize> = feeds.iter().flat_map(|f| f.4.iter().copied()).collect();
    let rendered: Vec<(usize, Result<String, Diagnostic>)> = needed
        .into_par_iter()
        .map(|i| (i, render_feed_body(shared, i)))
        .collect();
    bodies.extend(rendered);

    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (_, body) in bodies.iter() {
        if let Err(e) = body {
            errors.push(e.clone());
        }
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(errors);
    }
    for (path, title, subtitle, alternate, members) in feeds {
        let entries = members
            .iter()
            .map(|&i| FeedEntryView {
                article: &shared.summaries[i],
                url: config.base_url.join(&shared.summaries[i].url_path),
                content_html: bodies
                    .get(&i)
                    .and_then(|b| b.as_ref().ok())
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        // The feed changes when its newest entry does; no build timestamps, so output is stable.
        let updated = members
            .iter()
            .map(|&i| &site.collection.articles[i].published)
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
        let feed = FeedView {
            title,
            subtitle,
            self_url: config.base_url.join(&path),
            alternate_url: config.base_url.join(&alternate),
            updated,
            entries,
        };
        let mut context = Context::new();
        context.insert("feed", &feed);
        match shared.tera.render("feed.xml", &context) {
            Ok(xml) => files.push((path, xml.into_bytes())),
            Err(error) => errors.push(shared.template_error(&error, "feed.xml")),
        }
    }

    // Every page the site has, from the same list `@/` links are checked against, so a new
    // kind of page cannot be left out. The 404 page is not a page to index. No `lastmod`:
    // the site does not know when a page last changed, and the original's date is not that.
    let urls: Vec<SitemapEntry> = shared
        .known_pages
        .iter()
        .filter(|path| path.as_str() != "404.html")
        .map(|path| SitemapEntry {
            loc: config.base_url.join(path.trim_end_matches("index.html")),
        })
        .collect();
    let mut context = Context::new();
    context.insert("urls", &urls);
    match shared.tera.render("sitemap.xml", &context) {
        Ok(xml) => files.push(("sitemap.xml".into(), xml.into_bytes())),
        Err(error) => errors.push(shared.template_error(&error, "sitemap.xml")),
    }
    let mut context = Context::new();
    context.insert("sitemap_url", &config.base_url.join("sitemap.xml"));
    match shared.tera.render("robots.txt", &context) {
        Ok(text) => files.push(("robots.txt".into(), text.into_bytes())),
        Err(error) => errors.push(shared.template_error(&error, "robots.txt")),
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// An article's body for a feed: the theme's `partials/article_body.html`, with links
/// made absolute because feed readers have no page to resolve them against.
fn render_feed_body(shared: &Shared<'_>, index: usize) -> Result<String, Diagnostic> {
    let (view, meta) = detached_article_view(shared, index);
    let mut context = Context::new();
    context.insert("article", &view);
    context.insert("page", &meta);
    shared
        .tera
        .render("partials/article_body.html", &context)
        .map_err(|error| shared.template_error(&error, "partials/article_body.html"))
}
