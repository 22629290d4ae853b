//! Link: the collection → a read-only [`Site`] graph of who points to whom.
//!
//! Takes the validated [`Collection`]; returns, per article, its newer and older neighbour
//! and its related articles with the reason they are related, and per topic the articles
//! filed under it (newest first). Everything is indices into `collection.articles`, so the
//! graph is cheap to build and to share across rendering threads.

pub mod mentions;

use std::collections::BTreeMap;

use crate::config::SiteConfig;
use crate::model::{Collection, Slug};

/// How many related articles an article page lists.
pub const RELATED_LIMIT: usize = 4;

/// One related article and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// Index into `collection.articles`.
    pub index: usize,
    /// Topics both articles share, rarest first.
    pub shared_topics: Vec<Slug>,
    /// The ranking score: the sum of the shared topics' inverse document frequencies.
    pub score: f64,
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
    /// Per article: up to [`RELATED_LIMIT`] related articles, best first.
    pub related: Vec<Vec<Related>>,
}

/// Builds the site graph.
pub fn link<'a>(collection: &'a Collection, config: &'a SiteConfig) -> Site<'a> {
    let count = collection.articles.len();
    let mut topic_articles: BTreeMap<&Slug, Vec<usize>> =
        collection.topics.keys().map(|s| (s, Vec::new())).collect();
    for (index, article) in collection.articles.iter().enumerate() {
        for topic in &article.topics {
            if let Some(list) = topic_articles.get_mut(topic) {
                list.push(index);
            }
        }
    }
    let newer = (0..count).map(|i| i.checked_sub(1)).collect();
    let older = (0..count)
        .map(|i| (i + 1 < count).then_some(i + 1))
        .collect();
    let related = (0..count)
        .map(|i| related_articles(collection, &topic_articles, i))
        .collect();
    Site {
        config,
        collection,
        topic_articles,
        newer,
        older,
        related,
    }
}

/// Ranks other articles by the topics they share with article `index`: each shared topic
/// adds `ln(1 + N / df)`, so a rare topic counts more than one every article carries. Only
/// articles reached through the topic index are scored, never all pairs. Ties go to the
/// newer article.
fn related_articles(
    collection: &Collection,
    topic_articles: &BTreeMap<&Slug, Vec<usize>>,
    index: usize,
) -> Vec<Related> {
    let total = collection.articles.len() as f64;
    let mut scores: BTreeMap<usize, (f64, Vec<(f64, Slug)>)> = BTreeMap::new();
    for topic in &collection.articles[index].topics {
        let Some(members) = topic_articles.get(topic) else {
            continue;
        };
        let weight = (1.0 + total / members.len() as f64).ln();
        for &other in members.iter().filter(|&&other| other != index) {
            let entry = scores.entry(other).or_default();
            entry.0 += weight;
            entry.1.push((weight, topic.clone()));
        }
    }
    let mut ranked: Vec<Related> = scores
        .into_iter()
        .map(|(other, (score, mut topics))| {
            topics.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            Related {
                index: other,
                shared_topics: topics.into_iter().map(|(_, t)| t).collect(),
                score,
            }
        })
        .collect();
    ranked.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.index.cmp(&b.index))
    });
    ranked.truncate(RELATED_LIMIT);
    ranked
}
