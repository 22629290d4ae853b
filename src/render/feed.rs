//! Feeds and indexes: Atom feeds (whole collection and per topic), the sitemap, robots.txt.
//!
//! Takes the site-wide views and the build's templates; returns the files through the theme's `feed.xml`,
//! `sitemap.xml` and `robots.txt` templates. Entry bodies use the theme's
//! `partials/article_body.html` with absolute links, rendered once per article however many
//! feeds list it. Feeds carry no build time: `updated` is the newest entry's date.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;
use tera::Context;

use super::memo::{MemoEntry, RenderMemo, changed_while_kept, known_entry};
use super::output::Output;
use super::theme::Templates;
use crate::error::Diagnostic;
use crate::view::article::{ArticleInputs, detached};
use crate::view::key::KeyBuilder;
use crate::view::paths;
use crate::view::site::{SummaryValue, Views};

/// One entry of an Atom feed.
#[derive(Debug, Serialize)]
struct FeedEntryView<'a> {
    article: &'a SummaryValue,
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

/// Renders the feeds, the sitemap and robots.txt into `output`. With `memo` (the last
/// written build's memo and the site-wide key), a feed whose entries are unchanged is kept
/// as it is. Returns this build's memo entries for these files.
pub(super) fn render_feeds_and_indexes(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> Result<Vec<(String, MemoEntry)>, Vec<Diagnostic>> {
    let keyed = feed_jobs(shared, output, memo, is_verifying);
    let mut entries: Vec<(String, MemoEntry)> = keyed
        .iter()
        .filter(|job| job.is_kept)
        .filter_map(|job| Some((job.path.clone(), job.known?)))
        .collect();
    let kept: Vec<(&str, blake3::Hash)> = entries
        .iter()
        .map(|(path, entry)| (path.as_str(), entry.written))
        .collect();
    output.keep(&kept);
    drop(kept);
    let bodies = render_bodies(shared, templates, &keyed)?;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for job in keyed.into_iter().filter(|job| !job.is_kept) {
        match render_feed(shared, templates, job, &bodies) {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    render_sitemap_and_robots(shared, templates, &mut files, &mut errors);
    if !errors.is_empty() {
        return Err(errors);
    }
    for (path, bytes, key, known) in files {
        let written = output.put(&path, bytes);
        if let (Some(known), Some(written)) = (known, written)
            && known.written != written
        {
            errors.push(changed_while_kept(&format!("`{path}`")));
        }
        if let Some((key, written)) = key.zip(written) {
            let has_code = false;
            entries.push((
                path,
                MemoEntry {
                    key,
                    written,
                    has_code,
                },
            ));
        }
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// A finished file: its path, bytes, key and the last build's entry for it.
type FeedFile = (String, Vec<u8>, Option<blake3::Hash>, Option<MemoEntry>);

/// Every feed (the whole collection's, then each topic's), with its key and whether the
/// last written build's copy is kept.
fn feed_jobs(
    shared: &Views<'_>,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> Vec<FeedJob> {
    let site = shared.site;
    let config = site.config;
    let mut feeds: Vec<(String, String, String, String, Vec<usize>)> = Vec::new();
    let newest: Vec<usize> = (0..site.collection.articles.len())
        .take(config.feed_limit)
        .collect();
    feeds.push((
        paths::FEED.into(),
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
                paths::topic_feed(topic.slug.as_str()),
                format!("{} — {}", config.title, topic.name),
                format!("Articles about {} in {}.", topic.name, config.title),
                paths::topic_url(topic.slug.as_str()),
                members,
            ));
        }
    }
    // A feed is kept when its key (the site-wide key and each entry's detached article
    // inputs, as its body reads them) is the one the last written build recorded.
    feeds
        .into_iter()
        .map(|(path, title, subtitle, alternate, members)| {
            let key = memo.map(|(_, site_key)| {
                let mut key = KeyBuilder::new(site_key, &path);
                key.text(&title).text(&subtitle).text(&alternate);
                for &index in &members {
                    ArticleInputs::detached(shared, index).key(shared, &mut key);
                }
                key.finish()
            });
            let (known, is_kept) = known_entry(memo, key.as_ref(), &path, output, is_verifying);
            FeedJob {
                path,
                title,
                subtitle,
                alternate,
                members,
                key,
                known,
                is_kept,
            }
        })
        .collect()
}

/// The entry body of every article a feed that is not kept lists, rendered once per
/// article however many feeds list it; every template error, when there are any.
fn render_bodies(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    keyed: &[FeedJob],
) -> Result<BTreeMap<usize, String>, Vec<Diagnostic>> {
    let mut bodies: BTreeMap<usize, Result<String, Diagnostic>> = BTreeMap::new();
    let needed: BTreeSet<usize> = keyed
        .iter()
        .filter(|job| !job.is_kept)
        .flat_map(|job| job.members.iter().copied())
        .collect();
    let rendered: Vec<(usize, Result<String, Diagnostic>)> = needed
        .into_par_iter()
        .map(|i| (i, render_feed_body(shared, templates, i)))
        .collect();
    bodies.extend(rendered);
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
    Ok(bodies
        .into_iter()
        .filter_map(|(index, body)| Some((index, body.ok()?)))
        .collect())
}

/// One feed's file from its entries' bodies.
fn render_feed(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    job: FeedJob,
    bodies: &BTreeMap<usize, String>,
) -> Result<FeedFile, Diagnostic> {
    let site = shared.site;
    let config = site.config;
    let FeedJob {
        path,
        title,
        subtitle,
        alternate,
        members,
        key,
        known,
        ..
    } = job;
    let entries = members
        .iter()
        .map(|&i| FeedEntryView {
            article: &shared.summary_values[i],
            url: config.base_url.join(&shared.summaries[i].url_path),
            content_html: bodies.get(&i).cloned().unwrap_or_default(),
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
    let xml = templates.render("feed.xml", &context)?;
    Ok((
        path,
        super::xml_output::cleaned(xml).into_bytes(),
        key,
        known,
    ))
}

/// The sitemap and robots.txt, into `files`, their template errors into `errors`.
fn render_sitemap_and_robots(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    files: &mut Vec<FeedFile>,
    errors: &mut Vec<Diagnostic>,
) {
    let config = shared.site.config;
    // Every page the site has, from the same list `@/` links are checked against, so a new
    // kind of page cannot be left out. The 404 page is not a page to index. No `lastmod`:
    // the site does not know when a page last changed, and the original's date is not that.
    let urls: Vec<SitemapEntry> = shared
        .known_pages
        .iter()
        .chain(&shared.list_pages)
        .filter(|path| path.as_str() != paths::NOT_FOUND)
        .map(|path| SitemapEntry {
            loc: config.base_url.join(&paths::url_path(path)),
        })
        .collect();
    let mut context = Context::new();
    context.insert("urls", &urls);
    match templates.render("sitemap.xml", &context) {
        Ok(xml) => {
            let xml = super::xml_output::cleaned(xml);
            files.push((paths::SITEMAP.into(), xml.into_bytes(), None, None));
        }
        Err(error) => errors.push(error),
    }
    let mut context = Context::new();
    context.insert("sitemap_url", &config.base_url.join(paths::SITEMAP));
    match templates.render("robots.txt", &context) {
        Ok(text) => files.push((paths::ROBOTS.into(), text.into_bytes(), None, None)),
        Err(error) => errors.push(error),
    }
}

/// A feed to render or keep.
struct FeedJob {
    path: String,
    title: String,
    subtitle: String,
    alternate: String,
    /// Its entries' articles, newest first.
    members: Vec<usize>,
    /// Its key, with a memo.
    key: Option<blake3::Hash>,
    /// What the last build recorded under the same key.
    known: Option<MemoEntry>,
    /// Whether the output kept the last build's file.
    is_kept: bool,
}

/// An article's body for a feed: the theme's `partials/article_body.html`, with links
/// made absolute because feed readers have no page to resolve them against.
fn render_feed_body(
    shared: &Views<'_>,
    templates: &Templates<'_>,
    index: usize,
) -> Result<String, Diagnostic> {
    let (view, meta) = detached(shared, index);
    let mut context = Context::new();
    context.insert("article", &view);
    context.insert("page", &meta);
    templates.render("partials/article_body.html", &context)
}
