//! What linking keeps between builds, so a rebuild after an edit redoes only what the edit
//! changed: each document's entity mentions, each article's terms (with the vocabulary that
//! numbers them, see [`TermsMemo`]), and the last related-articles ranking with the
//! features it was ranked from.
//!
//! Every entry is keyed by exactly what its result is computed from, so a memo can only
//! make linking faster, never different. A one-off `shelf build` stores the memo in the
//! build cache on disk ([`LinkCache::write_stored`], [`LinkCache::from_stored`]): postcard,
//! written as soon as linking is done (then dropped), read whole by the next build.

use std::sync::Arc;

use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::mention::ArticleMention;
use super::related::{Features, Related};
use super::terms::TermsMemo;
use crate::model::reference::Entity;

/// What [`link`](super::link) keeps between builds. [`LinkCache::default`] is for one
/// build; [`LinkCache::for_rebuilds`] also keeps what only a later build can use.
#[derive(Debug, Default)]
pub struct LinkCache {
    pub(super) mentions: MentionsMemo,
    pub(super) terms: TermsMemo,
    pub(super) related: Option<RelatedMemo>,
    /// What the last build's linking did (not stored).
    pub(super) work: LinkWork,
    /// Whether another build will use this cache: a one-off build keeps no copy of the
    /// mentions, features or ranking.
    pub(super) is_reused: bool,
}

impl LinkCache {
    /// A cache for a series of builds (`shelf serve`, or a one-off build that stores it).
    pub fn for_rebuilds() -> LinkCache {
        LinkCache {
            is_reused: true,
            ..LinkCache::default()
        }
    }

    /// What the last [`link`](super::link) with this cache computed rather than kept.
    pub fn work(&self) -> LinkWork {
        self.work
    }

    /// The memo as bytes for the build cache on disk, given to `writer` as they are made;
    /// `None` if it cannot be encoded.
    pub fn write_stored<W: Extend<u8>>(&self, writer: W) -> Option<W> {
        postcard::to_extend(&(&self.mentions, &self.terms, &self.related), writer).ok()
    }

    /// Drops the memo (what [`LinkCache::work`] says stays): once it is stored, a one-off
    /// build has no further use for it.
    pub fn forget_memo(&mut self) {
        *self = LinkCache {
            work: self.work,
            is_reused: self.is_reused,
            ..LinkCache::default()
        };
    }

    /// A cache for further builds holding the memo [`LinkCache::write_stored`] gave; `None`
    /// for bytes it did not give.
    pub fn from_stored(bytes: &[u8]) -> Option<LinkCache> {
        let (mentions, terms, related) = postcard::from_bytes(bytes).ok()?;
        Some(LinkCache {
            mentions,
            terms,
            related,
            work: LinkWork::default(),
            is_reused: true,
        })
    }
}

/// What one [`link`](super::link) computed rather than took from its memo: work to count
/// in tests, never to time.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LinkWork {
    /// Documents searched for entity mentions.
    pub documents_searched: usize,
    /// Articles whose text was read for terms.
    pub articles_read: usize,
    /// Whether the related articles were ranked again (not kept).
    pub is_ranked: bool,
}

/// Each document's mentions by its fingerprint, for one list of entity names.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct MentionsMemo {
    /// The [`entities_key`] the mentions were found with.
    entities: Option<blake3::Hash>,
    by_document: FxHashMap<blake3::Hash, Arc<Mentions>>,
}

/// What one document holds of the entities.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub(super) struct Mentions {
    /// The first mention of each entity anywhere a reader sees it, in text order.
    pub(super) readable: Vec<ArticleMention>,
    /// The first of each entity in body text, in text order.
    pub(super) linkable: Vec<ArticleMention>,
    /// Per readable mention: the sentence around it, for the entity's page.
    pub(super) sentences: Vec<String>,
}

impl MentionsMemo {
    /// Forgets every entry found with other entity names than `entities`.
    pub(super) fn begin(&mut self, entities: &[Entity]) {
        let key = entities_key(entities);
        if self.entities != Some(key) {
            self.by_document.clear();
            self.entities = Some(key);
        }
    }

    /// The mentions kept for the document with this fingerprint.
    pub(super) fn get(&self, document: &blake3::Hash) -> Option<Arc<Mentions>> {
        self.by_document.get(document).cloned()
    }

    /// Keeps exactly these entries (those of the current build).
    pub(super) fn keep(&mut self, entries: FxHashMap<blake3::Hash, Arc<Mentions>>) {
        self.by_document = entries;
    }
}

/// A hash of what the mention finder is built from: every entity's name and aliases, by
/// index.
fn entities_key(entities: &[Entity]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for (index, entity) in entities.iter().enumerate() {
        hasher.update(&(index as u64).to_le_bytes());
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            hasher.update(&(name.len() as u64).to_le_bytes());
            hasher.update(name.as_bytes());
        }
        hasher.update(&u64::MAX.to_le_bytes());
    }
    hasher.finalize()
}

/// The last ranking and what it was ranked from.
#[derive(Debug, Serialize, Deserialize)]
pub(super) struct RelatedMemo {
    /// The [`TermsMemo::generation`] the features' term numbers belong to.
    pub(super) generation: u64,
    pub(super) features: Vec<Features>,
    pub(super) related: Vec<Vec<Related>>,
}

impl RelatedMemo {
    /// The kept ranking, when it was ranked from exactly these features (in this order)
    /// with the same term numbering. Equal term numbers are equal terms in one
    /// generation, and the ranking reads words only through their text order, which a term
    /// added since leaves the same among the old ones; so equal features give an equal
    /// ranking.
    pub(super) fn get(&self, generation: u64, features: &[Features]) -> Option<&[Vec<Related>]> {
        (self.generation == generation && self.features == features).then_some(&self.related)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;
    use crate::model::reference::EntityKind;

    fn entity(name: &str, aliases: &[&str]) -> Entity {
        Entity {
            slug: Slug::from_text(name).unwrap(),
            name: name.to_string(),
            kind: EntityKind::Place,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            description: None,
        }
    }

    fn memo_with_one_entry(entities: &[Entity]) -> (MentionsMemo, blake3::Hash) {
        let mut memo = MentionsMemo::default();
        memo.begin(entities);
        let document = blake3::hash(b"a document");
        memo.keep(FxHashMap::from_iter([(
            document,
            Arc::new(Mentions::default()),
        )]));
        (memo, document)
    }

    #[test]
    fn mentions_are_kept_while_the_entity_names_stay_the_same() {
        let entities = [entity("Tumen", &["Tumen River"])];
        let (mut memo, document) = memo_with_one_entry(&entities);
        memo.begin(&entities);
        assert!(memo.get(&document).is_some());
    }

    #[test]
    fn mentions_are_forgotten_when_a_name_or_alias_changes() {
        let entities = [entity("Tumen", &["Tumen River"])];
        for changed in [
            vec![entity("Tumen", &["Tuman"])],
            vec![entity("Tuman", &["Tumen River"])],
            // The same names split differently between name and aliases.
            vec![entity("Tumen", &[]), entity("Tumen River", &[])],
            vec![entity("Hoeryong", &[]), entity("Tumen", &["Tumen River"])],
        ] {
            let (mut memo, document) = memo_with_one_entry(&entities);
            memo.begin(&changed);
            assert!(memo.get(&document).is_none(), "{changed:?}");
        }
    }

    #[test]
    fn the_ranking_is_reused_only_for_equal_features_and_numbering() {
        let features = vec![
            Features::new(vec![0], vec![], vec![(0, 2), (3, 1)].into()),
            Features::new(vec![0, 1], vec![4], vec![(3, 1)].into()),
        ];
        let related = crate::link::related::rank_related(&features, &[0, 1, 2, 3]);
        let memo = RelatedMemo {
            generation: 1,
            features: features.clone(),
            related: related.clone(),
        };
        assert_eq!(memo.get(1, &features), Some(related.as_slice()));
        assert_eq!(memo.get(2, &features), None, "terms numbered anew");
        let mut edited = features.clone();
        edited[1] = Features::new(vec![0, 1], vec![4], vec![(3, 2)].into());
        assert_eq!(memo.get(1, &edited), None, "a count changed");
        let reordered = vec![features[1].clone(), features[0].clone()];
        assert_eq!(memo.get(1, &reordered), None, "the articles changed places");
        assert_eq!(memo.get(1, &features[..1]), None, "an article is gone");
    }
}
