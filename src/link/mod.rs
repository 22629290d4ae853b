//! Link: the collection → a read-only [`Site`] graph of who points to whom.
//!
//! Takes the validated [`Collection`]; returns, per article, its newer and older neighbour,
//! its related articles with their reasons ([`related`]), the first mention of each entity
//! in its text ([`mentions`]), its search terms ([`terms`]) and the timeline events that cite
//! it; per topic and per entity, the articles that carry it. Everything is indices into the
//! collection's vectors, so the graph is cheap to build and to share across rendering
//! threads. A [`LinkCache`] keeps per-document and per-article results between builds, so
//! a rebuild redoes only what an edit changed.

mod memo;
mod mention;
pub mod mentions;
pub mod related;
pub mod terms;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::config::SiteConfig;
use crate::error::Diagnostic;
use crate::model::text::BlockKind;
use crate::model::{Collection, Slug};
use crate::timing::measure;
pub use memo::{LinkCache, LinkWork, StoreWork};

/// The names of the stored link memo's parts (see [`LinkCache::write_stored`]).
pub mod memo_parts {
    pub use super::memo::{HEAD, SHARDS};
}
use memo::{Mentions, RelatedMemo};
pub use mention::ArticleMention;
use mentions::MentionFinder;
pub use related::{RELATED_LIMIT, Related};

/// An article that mentions an entity, with the sentence around the first mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityMention {
    /// Index into `collection.articles`.
    pub article: usize,
    /// The sentence holding the mention.
    pub sentence: String,
}

/// The linked site: the collection plus every cross-reference the pages need.
#[derive(Debug)]
pub struct Site<'a> {
    /// The site configuration.
    pub config: &'a SiteConfig,
    /// The collection.
    pub collection: &'a Collection,
    /// Articles per topic, newest first, for every topic in `collection.topics`.
    pub topic_articles: BTreeMap<&'a Slug, Vec<usize>>,
    /// Per article: the next newer article, if any.
    pub newer: Vec<Option<usize>>,
    /// Per article: the next older article, if any.
    pub older: Vec<Option<usize>>,
    /// Per article: up to [`RELATED_LIMIT`] related articles, best first. Topic indices in
    /// it follow `collection.topics` order.
    pub related: Vec<Vec<Related>>,
    /// Per article: the first mention of each entity anywhere a reader sees it (captions
    /// and headings included), in text order.
    pub mentions: Vec<Vec<ArticleMention>>,
    /// Per article: the mentions that become links, the first of each entity in body text
    /// (never in a heading or a caption), in text order.
    pub entity_links: Vec<Vec<ArticleMention>>,
    /// Per entity: the articles mentioning it, newest first.
    pub entity_articles: Vec<Vec<EntityMention>>,
    /// Per article: indices of the timeline events citing it, oldest first.
    pub article_events: Vec<Vec<usize>>,
    /// Per event: indices of the published articles it cites.
    pub event_articles: Vec<Vec<usize>>,
    /// Articles by (series title, part number), to link the parts of a series.
    pub series_parts: BTreeMap<(String, u32), usize>,
    /// Every distinct term of the articles' titles and bodies (and, after earlier builds
    /// with the same [`LinkCache`], perhaps terms no article has any more).
    pub vocabulary: Arc<terms::Vocabulary>,
    /// Per article: its terms and their counts, for the search index and related articles.
    pub article_terms: Vec<Arc<terms::ArticleTerms>>,
    /// Warnings for `shelf check` (an entity never mentioned).
    pub warnings: Vec<Diagnostic>,
}

/// Whether entity links may go into a block: body text, never headings, captions or
/// credits, datelines, comments or dropped lines.
fn is_linkable(kind: BlockKind) -> bool {
    matches!(
        kind,
        BlockKind::Paragraph | BlockKind::Quote | BlockKind::List
    )
}

/// Whether a mention in the block counts for entity pages and related articles: any text
/// of the article a reader sees, captions and headings included.
fn is_readable(kind: BlockKind) -> bool {
    kind.is_article_text()
}

/// Builds the site graph, reusing and refreshing what `cache` kept from earlier builds.
pub fn link<'a>(
    collection: &'a Collection,
    config: &'a SiteConfig,
    cache: &mut LinkCache,
) -> Site<'a> {
    let count = collection.articles.len();
    let topic_articles = topic_articles(collection);
    let newer = (0..count).map(|i| i.checked_sub(1)).collect();
    let older = (0..count)
        .map(|i| (i + 1 < count).then_some(i + 1))
        .collect();

    let searched = std::sync::atomic::AtomicUsize::new(0);
    let found = measure("link: mentions", || {
        find_mentions(collection, &mut cache.mentions, cache.is_reused, &searched)
    });
    let (mentions, entity_links, entity_articles) =
        gather_mentions(found, collection.entities.len());
    let warnings = unmentioned_entities(collection, &entity_articles);

    let (generation, read) = (cache.terms.generation(), cache.terms.read_count());
    let (vocabulary, article_terms, words) = measure("link: terms", || {
        terms::index_terms(&collection.articles, &mut cache.terms, cache.is_reused)
    });
    // A memo that is not kept is emptied after the build: every article was read.
    let articles_read = match (cache.is_reused, cache.terms.generation() == generation) {
        (false, _) => count,
        (true, true) => cache.terms.read_count() - read,
        (true, false) => cache.terms.read_count(),
    };
    cache.work = LinkWork {
        documents_searched: searched.into_inner(),
        articles_read,
        is_ranked: true,
    };
    let related = rank(collection, &mentions, words, &vocabulary, cache);
    let (article_events, event_articles) = link_events(collection);
    let series_parts = collection
        .articles
        .iter()
        .enumerate()
        .filter_map(|(i, a)| a.series.as_ref().map(|s| ((s.title.clone(), s.part), i)))
        .collect();
    Site {
        vocabulary,
        article_terms,
        series_parts,
        config,
        collection,
        topic_articles,
        newer,
        older,
        related,
        mentions,
        entity_links,
        entity_articles,
        article_events,
        event_articles,
        warnings,
    }
}

/// The articles of every topic in `collection.topics`, in collection order (newest first).
fn topic_articles(collection: &Collection) -> BTreeMap<&Slug, Vec<usize>> {
    let mut topic_articles: BTreeMap<&Slug, Vec<usize>> =
        collection.topics.keys().map(|s| (s, Vec::new())).collect();
    for (index, article) in collection.articles.iter().enumerate() {
        for topic in &article.topics {
            if let Some(list) = topic_articles.get_mut(topic) {
                list.push(index);
            }
        }
    }
    topic_articles
}

/// Per article, its readable and its linkable mentions; per entity (of `entity_count`), the
/// articles mentioning it with the sentence around the mention.
type GatheredMentions = (
    Vec<Vec<ArticleMention>>,
    Vec<Vec<ArticleMention>>,
    Vec<Vec<EntityMention>>,
);

/// Spreads each article's found mentions into [`GatheredMentions`].
fn gather_mentions(found: Vec<Arc<Mentions>>, entity_count: usize) -> GatheredMentions {
    let mut entity_articles: Vec<Vec<EntityMention>> = vec![Vec::new(); entity_count];
    let mut mentions = Vec::with_capacity(found.len());
    let mut entity_links = Vec::with_capacity(found.len());
    for (article_index, found) in found.into_iter().enumerate() {
        // A one-off build holds the only reference: its lists move rather than copy.
        let found = Arc::try_unwrap(found).unwrap_or_else(|kept| Mentions::clone(&kept));
        for (mention, sentence) in found.readable.iter().zip(found.sentences) {
            entity_articles[mention.entity].push(EntityMention {
                article: article_index,
                sentence,
            });
        }
        mentions.push(found.readable);
        entity_links.push(found.linkable);
    }
    (mentions, entity_links, entity_articles)
}

/// A warning for each entity no article mentions.
fn unmentioned_entities(
    collection: &Collection,
    entity_articles: &[Vec<EntityMention>],
) -> Vec<Diagnostic> {
    collection
        .entities
        .iter()
        .zip(entity_articles)
        .filter(|(_, found)| found.is_empty())
        .map(|(entity, _)| {
            Diagnostic::warning(format!(
                "entity `{}` is never mentioned in an article",
                entity.slug
            ))
            .in_file("content/entities.toml")
            .help("add the spelling the texts use to its `aliases`, or remove the entity")
        })
        .collect()
}

/// Every article's related articles from its topics, mentioned entities and `words`; kept
/// from `cache` when the features and the terms' generation are unchanged.
fn rank(
    collection: &Collection,
    mentions: &[Vec<ArticleMention>],
    words: Vec<terms::Words>,
    vocabulary: &terms::Vocabulary,
    cache: &mut LinkCache,
) -> Vec<Vec<Related>> {
    let topic_index: BTreeMap<&Slug, usize> = collection
        .topics
        .keys()
        .enumerate()
        .map(|(i, s)| (s, i))
        .collect();
    let features: Vec<related::Features> = measure("link: features", || {
        words
            .into_par_iter()
            .zip(&collection.articles)
            .zip(mentions)
            .map(|((words, article), mentioned)| {
                related::Features::new(
                    article
                        .topics
                        .iter()
                        .filter_map(|t| topic_index.get(t).copied())
                        .collect(),
                    mentioned.iter().map(|m| m.entity).collect(),
                    words,
                )
            })
            .collect()
    });
    measure("link: related", || {
        let generation = cache.terms.generation();
        let key = memo::features_key(&features);
        if let Some(kept) = cache.related.as_ref().and_then(|m| m.get(generation, &key)) {
            cache.work.is_ranked = false;
            return kept.to_vec();
        }
        let related = related::rank_related(&features, vocabulary.ranks());
        cache.related = cache.is_reused.then(|| RelatedMemo {
            generation,
            features: key,
            related: related.clone(),
        });
        related
    })
}

/// Per article, the timeline events citing it; per event, the published articles it cites.
fn link_events(collection: &Collection) -> (Vec<Vec<usize>>, Vec<Vec<usize>>) {
    let article_index: BTreeMap<&Slug, usize> = collection
        .articles
        .iter()
        .enumerate()
        .map(|(i, a)| (&a.slug, i))
        .collect();
    let event_articles: Vec<Vec<usize>> = collection
        .events
        .iter()
        .map(|event| {
            event
                .articles
                .iter()
                .filter_map(|slug| article_index.get(slug).copied())
                .collect()
        })
        .collect();
    let mut article_events = vec![Vec::new(); collection.articles.len()];
    for (event, articles) in event_articles.iter().enumerate() {
        for &article in articles {
            article_events[article].push(event);
        }
    }
    (article_events, event_articles)
}

/// Every article's [`first_mentions`] with the sentences around them, found again only for
/// documents `memo` has not seen with these entity names; `is_kept` keeps this build's for
/// the next.
fn find_mentions(
    collection: &Collection,
    memo: &mut memo::MentionsMemo,
    is_kept: bool,
    searched: &std::sync::atomic::AtomicUsize,
) -> Vec<Arc<Mentions>> {
    memo.begin(&collection.entities);
    // Built only when some document is new: compiling the names is a fixed cost.
    let finder = std::sync::OnceLock::new();
    let found: Vec<Arc<Mentions>> = collection
        .articles
        .par_iter()
        .map(|article| {
            memo.get(&article.document.fingerprint).unwrap_or_else(|| {
                searched.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let finder = finder.get_or_init(|| {
                    MentionFinder::new(collection.entities.iter().enumerate().flat_map(
                        |(index, entity)| {
                            std::iter::once((index, entity.name.as_str()))
                                .chain(entity.aliases.iter().map(move |a| (index, a.as_str())))
                        },
                    ))
                });
                let (readable, linkable) = first_mentions(finder, &article.document);
                let sentences = readable
                    .iter()
                    .map(|m| {
                        let line = &article.document.blocks[m.block].lines[m.line];
                        sentence_around(line, m.start, m.end)
                    })
                    .collect();
                Arc::new(Mentions {
                    readable,
                    linkable,
                    sentences,
                })
            })
        })
        .collect();
    let entries: FxHashMap<blake3::Hash, Arc<Mentions>> = if is_kept {
        collection
            .articles
            .iter()
            .zip(&found)
            .map(|(article, found)| (article.document.fingerprint, Arc::clone(found)))
            .collect()
    } else {
        FxHashMap::default()
    };
    memo.keep(entries);
    found
}

/// One scan of an article's readable text: the first mention of each entity anywhere a
/// reader sees it, and the first in body text, which becomes the link. Linkable blocks are
/// a subset of readable ones, so one pass finds both.
fn first_mentions(
    finder: &MentionFinder,
    document: &crate::model::text::Document,
) -> (Vec<ArticleMention>, Vec<ArticleMention>) {
    let mut seen = std::collections::BTreeSet::new();
    let mut linked = std::collections::BTreeSet::new();
    let (mut readable, mut linkable) = (Vec::new(), Vec::new());
    for (block_index, block) in document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| is_readable(b.kind))
    {
        let is_body = is_linkable(block.kind);
        for (line_index, line) in block.lines.iter().enumerate() {
            for mention in finder.find(line) {
                let found = ArticleMention {
                    entity: mention.entity,
                    block: block_index,
                    line: line_index,
                    start: mention.start,
                    end: mention.end,
                };
                if is_body && linked.insert(mention.entity) {
                    linkable.push(found.clone());
                }
                if seen.insert(mention.entity) {
                    readable.push(found);
                }
            }
        }
    }
    (readable, linkable)
}

/// The sentence of `line` that holds the byte range, cut to about 300 characters.
fn sentence_around(line: &str, start: usize, end: usize) -> String {
    let boundary = |c: char| matches!(c, '.' | '!' | '?' | '。');
    let sentence_start = line[..start]
        .char_indices()
        .rev()
        .find(|(i, c)| boundary(*c) && line[i + c.len_utf8()..].starts_with(' '))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let sentence_end = line[end..]
        .char_indices()
        .find(|(i, c)| {
            boundary(*c)
                && line[end + i + c.len_utf8()..]
                    .chars()
                    .next()
                    .is_none_or(char::is_whitespace)
        })
        .map_or(line.len(), |(i, c)| end + i + c.len_utf8());
    let untrimmed = &line[sentence_start..sentence_end];
    let sentence = untrimmed.trim();
    if sentence.chars().count() <= 300 {
        return sentence.to_string();
    }
    // The mention's offset in the trimmed sentence (#13: it was counted in the untrimmed one).
    let leading = untrimmed.len() - untrimmed.trim_start().len();
    let mut offset = start
        .saturating_sub(sentence_start + leading)
        .min(sentence.len());
    while !sentence.is_char_boundary(offset) {
        offset -= 1;
    }
    let before: String = sentence[..offset]
        .chars()
        .rev()
        .take(140)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let after: String = sentence[offset..].chars().take(160).collect();
    format!("…{}{}…", before.trim_start(), after.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_around_finds_the_sentence_of_a_mention() {
        let line = "First one. The guards left Hoeryong at night. Then more.";
        let start = line.find("Hoeryong").unwrap();
        assert_eq!(
            sentence_around(line, start, start + 8),
            "The guards left Hoeryong at night."
        );
        assert_eq!(
            sentence_around("No stop Hoeryong here", 8, 16),
            "No stop Hoeryong here"
        );
    }

    #[test]
    fn sentence_around_clips_a_long_sentence_at_a_mention_starting_with_a_non_ascii_letter() {
        // #13: the offset of the mention was counted in the untrimmed sentence, so the cut
        // fell inside `Ō` and the build panicked.
        let line = format!(
            "Intro. {}Ōsaka lies by the sea{}.",
            "word ".repeat(80),
            " and more".repeat(30)
        );
        let start = line.find("Ōsaka").unwrap();
        let sentence = sentence_around(&line, start, start + "Ōsaka".len());
        let after: String = format!("Ōsaka lies by the sea{}", " and more".repeat(30))
            .chars()
            .take(160)
            .collect();
        let expected = format!("…{}{}…", "word ".repeat(28).trim_start(), after.trim_end());
        assert_eq!(sentence, expected);
    }

    #[test]
    fn sentence_around_keeps_numbers_with_decimal_points() {
        let line = "It was 1.5 km from Hoeryong. Next.";
        let start = line.find("Hoeryong").unwrap();
        assert_eq!(
            sentence_around(line, start, start + 8),
            "It was 1.5 km from Hoeryong."
        );
    }
}
