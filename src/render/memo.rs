//! Memo: which output files a rebuild can keep, because nothing they show has changed.
//!
//! A page is a function of its inputs: the site-wide ones (configuration, theme, topics,
//! entities, events, data figures, which pages exist) and the articles it shows. Each input
//! has a fingerprint ([`Article::fingerprint`](crate::model::Article::fingerprint) for an
//! article, a hash of the value for the rest), and `page_key` hashes together the
//! fingerprints of exactly what one page's view reads. When a page's key equals the key it
//! had in the last build that was written, and that build's file is still in the output,
//! the page is neither rendered nor minified again: [`Output::keep`](super::Output::keep)
//! takes the file as it is. That check reads the output's manifest, not the disk, so that
//! a kept page costs a hash lookup: a page removed from the output folder by hand comes
//! back with the next build that renders it (any `shelf build`).
//!
//! The keys are written next to the views they describe (`page.rs`, `reference.rs`,
//! `view.rs`): a view that starts reading something new must add it to its key here.
//! `SHELF_VERIFY_MEMO=1` (or [`Cache::verifying`](crate::build::Cache::verifying)) renders
//! every page anyway and reports any page whose key was kept while its bytes changed; the
//! incremental-rebuild tests run that way.

use std::collections::HashMap;

use serde::Serialize;

use super::Shared;
use super::page::Job;
use super::view::page_range;

/// The environment variable that makes every build check its memo (see the module docs).
pub const VERIFY_VARIABLE: &str = "SHELF_VERIFY_MEMO";

/// What the last written build rendered: output path → the key of the page's inputs and
/// the hash of the bytes written.
#[derive(Debug, Default)]
pub struct RenderMemo {
    entries: HashMap<String, MemoEntry>,
    /// The EPUB's chapters, compressed, by chunk.
    pub(super) epub: super::epub::EpubMemo,
    /// The search index's postings; taken out by the build that patches them.
    pub(super) search: Option<super::search::SearchMemo>,
}

/// One output file's key, and what it was rendered into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MemoEntry {
    /// The hash of the page's inputs.
    pub(super) key: blake3::Hash,
    /// The hash of the file as the output holds it (after minifying).
    pub(super) written: blake3::Hash,
    /// Whether the page holds highlighted code (it then needs the code stylesheet).
    pub(super) has_code: bool,
}

impl RenderMemo {
    /// The entry for `path`, if its last key was `key`.
    pub(super) fn get(&self, path: &str, key: &blake3::Hash) -> Option<MemoEntry> {
        self.entries.get(path).filter(|e| e.key == *key).copied()
    }

    /// Records what `path` was rendered from and into.
    pub(super) fn insert(&mut self, path: String, entry: MemoEntry) {
        self.entries.insert(path, entry);
    }
}

/// The last written build's entry for `path` if its key was `key`, and whether `output`
/// can keep that file instead of a new rendering (never when verifying: the file is then
/// rendered, and [`changed_while_kept`] reports a difference).
pub(super) fn known_entry(
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    key: Option<&blake3::Hash>,
    path: &str,
    output: &dyn super::Output,
    is_verifying: bool,
) -> (Option<MemoEntry>, bool) {
    let known = memo
        .zip(key)
        .and_then(|((memo, _), key)| memo.get(path, key));
    let is_kept = known.is_some_and(|e| !is_verifying && output.has(path, &e.written));
    (known, is_kept)
}

/// The error of a verifying build when `what` (a file, or part of the EPUB) rendered to
/// other bytes although its key was unchanged.
pub(super) fn changed_while_kept(what: &str) -> crate::error::Diagnostic {
    crate::error::Diagnostic::error(format!(
        "internal: {what} changed although its inputs did not"
    ))
    .help("a view reads something its key in src/render/memo.rs leaves out; please report this")
}

/// Whether builds should check their memo (`SHELF_VERIFY_MEMO=1`).
pub fn is_verifying() -> bool {
    std::env::var_os(VERIFY_VARIABLE).is_some_and(|v| v == "1")
}

/// Builds a key from parts. Every part is length-prefixed, so two different sequences of
/// parts never hash alike.
pub(super) struct KeyBuilder(blake3::Hasher);

impl KeyBuilder {
    /// A key for `kind` of output, on top of the site-wide key.
    pub(super) fn new(site: &blake3::Hash, kind: &str) -> Self {
        let mut builder = KeyBuilder(blake3::Hasher::new());
        builder.hash(site).text(kind);
        builder
    }

    pub(super) fn bytes(&mut self, bytes: &[u8]) -> &mut Self {
        self.0.update(&(bytes.len() as u64).to_le_bytes());
        self.0.update(bytes);
        self
    }

    pub(super) fn text(&mut self, text: &str) -> &mut Self {
        self.bytes(text.as_bytes())
    }

    pub(super) fn number(&mut self, number: usize) -> &mut Self {
        self.0.update(&(number as u64).to_le_bytes());
        self
    }

    pub(super) fn hash(&mut self, hash: &blake3::Hash) -> &mut Self {
        self.0.update(hash.as_bytes());
        self
    }

    /// A list of indices.
    pub(super) fn numbers(&mut self, numbers: &[usize]) -> &mut Self {
        self.number(numbers.len());
        for &number in numbers {
            self.number(number);
        }
        self
    }

    /// Where an article's entity mentions are: what its text's entity links are made from.
    pub(super) fn mentions(&mut self, mentions: &[crate::link::ArticleMention]) -> &mut Self {
        self.number(mentions.len());
        for m in mentions {
            self.number(m.entity)
                .number(m.block)
                .number(m.line)
                .number(m.start)
                .number(m.end);
        }
        self
    }

    /// A value through its `Debug` form: for model values that derive it and hold no
    /// unordered maps, so the form is the same on every run.
    pub(super) fn debug(&mut self, value: &impl std::fmt::Debug) -> &mut Self {
        self.text(&format!("{value:?}"))
    }

    /// A view value through its JSON form: what the template sees.
    pub(super) fn json(&mut self, value: &impl Serialize) -> &mut Self {
        let mut writer = HashWriter(&mut self.0);
        // Views always serialize; a failure would only make the key differ, so a page is
        // rendered again.
        let _ = serde_json::to_writer(&mut writer, value);
        self.0.update(&[0xff]);
        self
    }

    /// An article, by its fingerprint: what its summary view (title, date, topics' names,
    /// reading time…) is made from, given the site-wide inputs.
    pub(super) fn article(&mut self, shared: &Shared<'_>, index: usize) -> &mut Self {
        let fingerprint = shared.site.collection.articles[index].fingerprint;
        self.hash(&fingerprint)
    }

    /// An optional article.
    pub(super) fn maybe_article(&mut self, shared: &Shared<'_>, index: Option<usize>) -> &mut Self {
        match index {
            Some(index) => self.number(1).article(shared, index),
            None => self.number(0),
        }
    }

    pub(super) fn finish(&self) -> blake3::Hash {
        self.0.finalize()
    }
}

struct HashWriter<'h>(&'h mut blake3::Hasher);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The key of everything every page reads: the configuration, the theme, the site view,
/// which pages exist (for `@/` links), topics, entities, events, data figures and pages.
/// When it changes, every page is rendered again.
pub(super) fn site_key(shared: &Shared<'_>, theme: &blake3::Hash) -> blake3::Hash {
    let site = shared.site;
    let collection = site.collection;
    let mut key = KeyBuilder(blake3::Hasher::new());
    key.text(env!("CARGO_PKG_VERSION"))
        .hash(theme)
        .debug(site.config)
        .json(&shared.site_view)
        .debug(&collection.topics)
        .debug(&collection.entities)
        .debug(&collection.events)
        .debug(&collection.datasets)
        .debug(&collection.pages)
        .json(&shared.topic_views)
        .json(&shared.charts);
    key.number(shared.known_pages.len());
    for page in &shared.known_pages {
        key.text(page);
    }
    key.finish()
}

/// The key of one page job: the site-wide key and the fingerprints of what its view reads.
pub(super) fn page_key(shared: &Shared<'_>, site_key: &blake3::Hash, job: &Job) -> blake3::Hash {
    let site = shared.site;
    match job {
        Job::Home(number) => {
            let mut key = KeyBuilder::new(site_key, "home");
            key.number(*number);
            let count = site.collection.articles.len();
            for index in page_range(count, site.config.per_page, *number) {
                key.article(shared, index);
            }
            key.finish()
        }
        Job::Topics => KeyBuilder::new(site_key, "topics").finish(),
        Job::NotFound => KeyBuilder::new(site_key, "404").finish(),
        Job::Search => KeyBuilder::new(site_key, "search").finish(),
        Job::Page(index) => KeyBuilder::new(site_key, "page").number(*index).finish(),
        Job::Topic(index, number) => {
            let mut key = KeyBuilder::new(site_key, "topic");
            key.number(*index).number(*number);
            let slug = &shared.topics[*index].slug;
            let all: &[usize] = site.topic_articles.get(slug).map_or(&[], Vec::as_slice);
            for &article in &all[page_range(all.len(), site.config.per_page, *number)] {
                key.article(shared, article);
            }
            key.finish()
        }
        Job::Entities => KeyBuilder::new(site_key, "entities")
            .json(&shared.entity_refs)
            .finish(),
        Job::Entity(index, number) => {
            let mut key = KeyBuilder::new(site_key, "entity");
            key.number(*index)
                .number(*number)
                .json(&shared.entity_refs[*index]);
            let all = &site.entity_articles[*index];
            for mention in &all[page_range(all.len(), site.config.per_page, *number)] {
                key.article(shared, mention.article).text(&mention.sentence);
            }
            key.finish()
        }
        Job::Timeline => {
            let mut key = KeyBuilder::new(site_key, "timeline");
            for articles in &site.event_articles {
                key.number(articles.len());
                for &article in articles {
                    key.article(shared, article);
                }
            }
            key.finish()
        }
        Job::Citation(index, template) => KeyBuilder::new(site_key, template)
            .article(shared, *index)
            .finish(),
        Job::Article(index) => article_page_key(shared, site_key, *index),
    }
}

/// An article page: the article, the entity links in its text, its related articles with
/// their reasons, its neighbours, the other parts of its series and the events citing it
/// (with the articles those cite).
fn article_page_key(shared: &Shared<'_>, site_key: &blake3::Hash, index: usize) -> blake3::Hash {
    let site = shared.site;
    let article = &site.collection.articles[index];
    let mut key = KeyBuilder::new(site_key, "article");
    key.article(shared, index)
        .mentions(&site.entity_links[index]);
    key.number(site.related[index].len());
    for related in &site.related[index] {
        key.article(shared, related.index)
            .numbers(&related.shared_topics)
            .numbers(&related.shared_entities)
            .number(usize::from(super::view::is_similar_wording(related)));
    }
    key.maybe_article(shared, site.newer[index])
        .maybe_article(shared, site.older[index]);
    article_links_key(shared, &mut key, article);
    key.number(site.article_events[index].len());
    for &event in &site.article_events[index] {
        key.number(event);
        for &cited in &site.event_articles[event] {
            key.article(shared, cited);
        }
    }
    key.finish()
}

/// What a chapter or page of an article reads of other articles besides the article
/// itself: the parts of its series that are in the collection.
pub(super) fn article_links_key(
    shared: &Shared<'_>,
    key: &mut KeyBuilder,
    article: &crate::model::Article,
) {
    let site = shared.site;
    if let Some(series) = &article.series {
        for number in 1..=series.parts.len() {
            let part = u32::try_from(number).unwrap_or(u32::MAX);
            let found = site
                .series_parts
                .get(&(series.title.clone(), part))
                .copied();
            key.maybe_article(shared, found);
        }
    }
}
