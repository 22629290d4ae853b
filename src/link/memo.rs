//! What linking keeps between builds, so a rebuild after an edit redoes only what the edit
//! changed: each document's entity mentions, each article's terms (with the vocabulary that
//! numbers them, see [`TermsMemo`]), and the last related-articles ranking with a hash of
//! the features it was ranked from.
//!
//! Every entry is keyed by exactly what its result is computed from, so a memo can only
//! make linking faster, never different. A one-off `shelf build` stores the memo in the
//! build cache on disk ([`LinkCache::write_stored`], [`LinkCache::from_stored`]), written
//! as soon as linking is done (then dropped), in parts: a head holding the vocabulary and
//! the ranking, and [`SHARDS`] shards of mentions by document fingerprint and as many of
//! terms by text key. Only the shards whose keys changed since the memo was read are
//! written again (one or two of each kind after one edit), and all are decoded in
//! parallel. Each shard says what its entries are tied to (the entity names, the
//! vocabulary's lineage and how many of its terms they number), and one tied to anything
//! else is not read: a stale or torn part only costs its entries' work again.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use super::mention::ArticleMention;
use super::related::{Features, Related};
use super::terms::{ArticleTerms, TermsMemo, Vocabulary, Words};
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
    /// What the memo read from the build cache on disk held (see
    /// [`LinkCache::write_stored`]).
    stored: Option<StoredState>,
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

    /// Drops the memo (what [`LinkCache::work`] says stays): once it is stored, a one-off
    /// build has no further use for it.
    pub fn forget_memo(&mut self) {
        *self = LinkCache {
            work: self.work,
            is_reused: self.is_reused,
            ..LinkCache::default()
        };
    }

    /// The memo in parts for the build cache on disk: the head (the
    /// vocabulary, the ranking and what ties the entries to them) for `put(HEAD, …)`, then
    /// each shard of entries whose keys differ from what [`LinkCache::from_stored`] read,
    /// each given to `put` as it is encoded. A shard is put only once the head was (`put`
    /// says whether a part was stored), so a shard on disk never holds term numbers its
    /// head lacks. Returns the shards put, or `None` if the head was not stored.
    pub fn write_stored(&self, put: &(dyn Fn(&str, &[u8]) -> bool + Sync)) -> Option<StoreWork> {
        let lineage = self.lineage();
        let head = StoredHead {
            lineage,
            entities: self.mentions.entities,
            vocabulary: std::borrow::Cow::Borrowed(&self.terms.vocabulary),
            read: self.terms.read,
            generation: self.terms.generation,
            related: self.related.as_ref().map(std::borrow::Cow::Borrowed),
        };
        let head = postcard::to_allocvec(&head).ok()?;
        if !put(HEAD, &head) {
            return None;
        }
        let mut mentions: Vec<Vec<(&blake3::Hash, &Arc<Mentions>)>> = vec![Vec::new(); SHARDS];
        for entry in &self.mentions.by_document {
            mentions[shard_of(entry.0)].push(entry);
        }
        let mut terms: Vec<Vec<TermsEntry<'_>>> = vec![Vec::new(); SHARDS];
        for (key, (found, words)) in &self.terms.by_text {
            terms[shard_of(key)].push((key, found, words));
        }
        let read = self.stored.as_ref();
        let mention_tie = tie_of(self.mentions.entities.as_ref().map(blake3::Hash::as_bytes));
        let terms_tie = tie_of(Some(&lineage));
        let work = mentions
            .into_par_iter()
            .enumerate()
            .map(|(index, mut entries)| {
                entries.sort_unstable_by_key(|(key, _)| *key.as_bytes());
                let digest = digest(&mention_tie, entries.iter().map(|(key, _)| *key));
                if read.is_some_and(|read| read.mentions[index] == Some(digest)) {
                    return StoreWork::default();
                }
                let shard = MentionShard {
                    entities: self.mentions.entities,
                    entries,
                };
                store_shard(put, &format!("m{index:02x}"), &shard, shard.entries.len())
            })
            .chain(
                terms
                    .into_par_iter()
                    .enumerate()
                    .map(|(index, mut entries)| {
                        entries.sort_unstable_by_key(|(key, ..)| *key.as_bytes());
                        let digest = digest(&terms_tie, entries.iter().map(|(key, ..)| *key));
                        if read.is_some_and(|read| read.terms[index] == Some(digest)) {
                            return StoreWork::default();
                        }
                        let shard = TermsShard {
                            lineage,
                            needs: needed_terms(entries.iter().map(|(_, found, _)| *found)),
                            entries,
                        };
                        store_shard(put, &format!("t{index:02x}"), &shard, shard.entries.len())
                    }),
            )
            .reduce(StoreWork::default, StoreWork::add);
        Some(work)
    }

    /// A cache for further builds holding the memo [`LinkCache::write_stored`] stored:
    /// `head` and each shard's bytes as `part(name)` gives them (`None` for a missing or
    /// unreadable file). `None` for a head it did not write; a shard that is missing,
    /// torn or tied to another vocabulary or other entity names only costs its entries'
    /// work again.
    pub fn from_stored(
        head: &[u8],
        part: &(dyn Fn(&str) -> Option<Vec<u8>> + Sync),
    ) -> Option<LinkCache> {
        let head: StoredHead<'static> = postcard::from_bytes(head).ok()?;
        let mention_tie = tie_of(head.entities.as_ref().map(blake3::Hash::as_bytes));
        let terms_tie = tie_of(Some(&head.lineage));
        let vocabulary_len = head.vocabulary.len();
        let mentions: Vec<Option<StoredMentionShard>> = (0..SHARDS)
            .into_par_iter()
            .map(|index| {
                let shard: StoredMentionShard =
                    postcard::from_bytes(&part(&format!("m{index:02x}"))?).ok()?;
                (shard.entities == head.entities
                    && shard.entries.iter().all(|(key, _)| shard_of(key) == index))
                .then_some(shard)
            })
            .collect();
        let terms: Vec<Option<StoredTermsShard>> = (0..SHARDS)
            .into_par_iter()
            .map(|index| {
                let shard: StoredTermsShard =
                    postcard::from_bytes(&part(&format!("t{index:02x}"))?).ok()?;
                let needs = needed_terms(shard.entries.iter().map(|(_, found, _)| found));
                (shard.lineage == head.lineage
                    && shard.needs == needs
                    && needs <= vocabulary_len
                    && shard.entries.iter().all(|(key, ..)| shard_of(key) == index))
                .then_some(shard)
            })
            .collect();
        let mut stored = StoredState {
            lineage: head.lineage,
            generation: head.generation,
            mentions: vec![None; SHARDS],
            terms: vec![None; SHARDS],
        };
        let mut by_document = FxHashMap::default();
        for (index, shard) in mentions.into_iter().enumerate() {
            let Some(shard) = shard else { continue };
            stored.mentions[index] = Some(digest(
                &mention_tie,
                shard.entries.iter().map(|(key, _)| key),
            ));
            by_document.extend(shard.entries);
        }
        let mut by_text = FxHashMap::default();
        for (index, shard) in terms.into_iter().enumerate() {
            let Some(shard) = shard else { continue };
            stored.terms[index] = Some(digest(
                &terms_tie,
                shard.entries.iter().map(|(key, ..)| key),
            ));
            by_text.extend(
                shard
                    .entries
                    .into_iter()
                    .map(|(key, found, words)| (key, (found, words))),
            );
        }
        Some(LinkCache {
            mentions: MentionsMemo {
                entities: head.entities,
                by_document,
            },
            terms: TermsMemo {
                vocabulary: head.vocabulary.into_owned().into(),
                by_text,
                read: head.read,
                generation: head.generation,
            },
            related: head.related.map(std::borrow::Cow::into_owned),
            work: LinkWork::default(),
            is_reused: true,
            stored: Some(stored),
        })
    }

    /// What ties the stored term entries to the vocabulary numbering them: kept from the
    /// memo read while the numbering is the same, else new, so entries of a numbering
    /// begun since (or of a build that stopped before its head was stored) are never read
    /// against this one's vocabulary.
    fn lineage(&self) -> [u8; 32] {
        if let Some(stored) = &self.stored
            && stored.generation == self.terms.generation
        {
            return stored.lineage;
        }
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"shelf link lineage");
        hasher.update(&self.terms.generation.to_le_bytes());
        hasher.update(&std::process::id().to_le_bytes());
        if let Ok(now) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
            hasher.update(&now.as_nanos().to_le_bytes());
        }
        *hasher.finalize().as_bytes()
    }
}

/// The name of the stored memo's head among its parts.
pub const HEAD: &str = "head";

/// How many shards the stored memo spreads each kind of entry over: an edit rewrites
/// the shards holding the entries it changed (one or two of each kind), about 1/64 of
/// the entries, and the shards are decoded in parallel.
pub const SHARDS: usize = 64;

/// What storing the memo wrote: shards and the entries in them (for tests).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct StoreWork {
    /// Shard files written.
    pub shards: usize,
    /// Entries in them.
    pub entries: usize,
}

impl StoreWork {
    fn add(self, other: StoreWork) -> StoreWork {
        StoreWork {
            shards: self.shards + other.shards,
            entries: self.entries + other.entries,
        }
    }
}

/// The shard of an entry keyed `key`.
fn shard_of(key: &blake3::Hash) -> usize {
    usize::from(key.as_bytes()[0]) % SHARDS
}

/// What a shard's entries are tied to, as bytes for its digest.
fn tie_of(tie: Option<&[u8; 32]>) -> [u8; 33] {
    let mut bytes = [0; 33];
    if let Some(tie) = tie {
        bytes[0] = 1;
        bytes[1..].copy_from_slice(tie);
    }
    bytes
}

/// The digest of a shard: its tie and its keys in order. Equal digests mean equal
/// shards, because every entry is computed from its key alone (given the tie).
fn digest<'a>(tie: &[u8; 33], keys: impl Iterator<Item = &'a blake3::Hash>) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(tie);
    for key in keys {
        hasher.update(key.as_bytes());
    }
    hasher.finalize()
}

/// How many terms of the vocabulary the entries' numbers need: the highest number + 1.
fn needed_terms<'a>(entries: impl Iterator<Item = &'a Arc<ArticleTerms>>) -> usize {
    entries
        .filter_map(|found| found.terms.iter().map(|&(id, _)| id as usize + 1).max())
        .max()
        .unwrap_or(0)
}

/// Encodes `shard` and puts it as `name`.
fn store_shard<T: Serialize>(
    put: &(dyn Fn(&str, &[u8]) -> bool + Sync),
    name: &str,
    shard: &T,
    entries: usize,
) -> StoreWork {
    match postcard::to_allocvec(shard) {
        Ok(bytes) if put(name, &bytes) => StoreWork { shards: 1, entries },
        _ => StoreWork::default(),
    }
}

/// What the memo read from disk held, so only the shards whose entries changed are
/// written again.
#[derive(Debug, Clone)]
pub(super) struct StoredState {
    lineage: [u8; 32],
    generation: u64,
    /// Per shard: its digest, `None` where it was missing or not read.
    mentions: Vec<Option<blake3::Hash>>,
    terms: Vec<Option<blake3::Hash>>,
}

/// The stored memo's head.
#[derive(Serialize, Deserialize)]
struct StoredHead<'a> {
    /// What ties the term shards to this vocabulary (see [`LinkCache::lineage`]).
    lineage: [u8; 32],
    /// The entity names the mentions were found with.
    entities: Option<blake3::Hash>,
    vocabulary: std::borrow::Cow<'a, Vocabulary>,
    read: usize,
    generation: u64,
    related: Option<std::borrow::Cow<'a, RelatedMemo>>,
}

/// A shard of mentions, by document fingerprint, as written.
#[derive(Serialize)]
struct MentionShard<'a> {
    entities: Option<blake3::Hash>,
    entries: Vec<(&'a blake3::Hash, &'a Arc<Mentions>)>,
}

/// A shard of mentions as read.
#[derive(Deserialize)]
struct StoredMentionShard {
    entities: Option<blake3::Hash>,
    entries: Vec<(blake3::Hash, Arc<Mentions>)>,
}

/// An entry of terms as written: text key, terms, words.
type TermsEntry<'a> = (&'a blake3::Hash, &'a Arc<ArticleTerms>, &'a Words);

/// A shard of terms, by text key, as written.
#[derive(Serialize)]
struct TermsShard<'a> {
    lineage: [u8; 32],
    /// How many terms its numbers need (checked when read).
    needs: usize,
    entries: Vec<TermsEntry<'a>>,
}

/// A shard of terms as read.
#[derive(Deserialize)]
struct StoredTermsShard {
    lineage: [u8; 32],
    needs: usize,
    entries: Vec<(blake3::Hash, Arc<ArticleTerms>, Words)>,
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
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct RelatedMemo {
    /// The [`TermsMemo::generation`] the features' term numbers belong to.
    pub(super) generation: u64,
    /// The hash of the features ranked ([`features_key`]): the features themselves hold
    /// every article's words, a fifth of the memo, and only their equality is asked.
    pub(super) features: blake3::Hash,
    pub(super) related: Vec<Vec<Related>>,
}

impl RelatedMemo {
    /// The kept ranking, when it was ranked from exactly these features (in this order)
    /// with the same term numbering. Equal term numbers are equal terms in one
    /// generation, and the ranking reads words only through their text order, which a term
    /// added since leaves the same among the old ones; so equal features give an equal
    /// ranking.
    pub(super) fn get(&self, generation: u64, features: &blake3::Hash) -> Option<&[Vec<Related>]> {
        (self.generation == generation && self.features == *features).then_some(&self.related)
    }
}

/// A hash of every article's features, in order: equal hashes are equal features.
pub(super) fn features_key(features: &[Features]) -> blake3::Hash {
    let each: Vec<[u8; 32]> = features
        .par_iter()
        .map(|features| *features.key().as_bytes())
        .collect();
    let mut hasher = blake3::Hasher::new();
    hasher.update(&(each.len() as u64).to_le_bytes());
    for key in &each {
        hasher.update(key);
    }
    hasher.finalize()
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

    /// A memo for rebuilds with `count` documents' mentions and `count` articles' terms
    /// (article `i` has the term `t{i}`), the vocabulary numbering them in `generation`.
    fn filled(count: usize, generation: u64) -> LinkCache {
        let entities = [entity("Tumen", &[])];
        let mut cache = LinkCache::for_rebuilds();
        cache.mentions.begin(&entities);
        let mut vocabulary = Vocabulary::default();
        for i in 0..count {
            let key = blake3::hash(format!("document {i}").as_bytes());
            cache
                .mentions
                .by_document
                .insert(key, Arc::new(Mentions::default()));
            let id = vocabulary.intern(&format!("t{i}"));
            let terms = ArticleTerms {
                terms: vec![(id, super::super::terms::Occurrence::default())],
                length: 1,
            };
            let key = blake3::hash(format!("text {i}").as_bytes());
            let words: Words = vec![(id, 1)].into();
            cache.terms.by_text.insert(key, (Arc::new(terms), words));
        }
        cache.terms.vocabulary = Arc::new(vocabulary);
        cache.terms.generation = generation;
        cache
    }

    /// A store of parts in memory.
    #[derive(Default)]
    struct Parts(std::sync::Mutex<std::collections::BTreeMap<String, Vec<u8>>>);

    impl Parts {
        fn write(&self, cache: &LinkCache) -> StoreWork {
            let put = |name: &str, bytes: &[u8]| {
                self.0
                    .lock()
                    .unwrap()
                    .insert(name.to_string(), bytes.to_vec());
                true
            };
            cache.write_stored(&put).unwrap()
        }

        fn read(&self) -> LinkCache {
            let parts = self.0.lock().unwrap().clone();
            LinkCache::from_stored(&parts[HEAD], &|name| parts.get(name).cloned()).unwrap()
        }
    }

    #[test]
    fn the_stored_memo_reads_back_and_only_changed_shards_are_written_again() {
        let parts = Parts::default();
        let first = filled(40, 0);
        let work = parts.write(&first);
        assert_eq!(
            work,
            StoreWork {
                shards: 2 * SHARDS,
                entries: 80
            }
        );
        let mut read = parts.read();
        assert_eq!(read.mentions.by_document.len(), 40);
        assert_eq!(read.terms.by_text.len(), 40);
        assert_eq!(read.terms.vocabulary.len(), 40);
        assert_eq!(parts.write(&read).shards, 0, "nothing changed");
        // One article's text changed: its old key's shard and its new one's.
        let (key, entry) = read
            .terms
            .by_text
            .iter()
            .next()
            .map(|(k, v)| (*k, v.clone()))
            .unwrap();
        read.terms.by_text.remove(&key);
        read.terms
            .by_text
            .insert(blake3::hash(b"text, edited"), entry);
        let work = parts.write(&read);
        assert!((1..=2).contains(&work.shards), "{work:?}");
        assert_eq!(parts.read().terms.by_text.len(), 40);
    }

    #[test]
    fn stored_terms_of_another_numbering_or_a_torn_shard_are_not_read() {
        let parts = Parts::default();
        parts.write(&filled(40, 0));
        let old = parts.0.lock().unwrap().clone();
        // Numbered anew: every terms shard is written again, tied to the new numbering.
        let mut renumbered = parts.read();
        renumbered.terms.generation = 1;
        let work = parts.write(&renumbered);
        assert_eq!(work.shards, SHARDS, "every terms shard, no mentions shard");
        // The old numbering's head beside the new shards: none of their terms is read.
        let mut mixed = parts.0.lock().unwrap().clone();
        mixed.insert(HEAD.to_string(), old[HEAD].clone());
        let read = LinkCache::from_stored(&mixed[HEAD], &|name| mixed.get(name).cloned()).unwrap();
        assert_eq!(read.terms.by_text.len(), 0);
        assert_eq!(
            read.mentions.by_document.len(),
            40,
            "mentions do not depend on it"
        );
        // A torn shard is left out; the others are read.
        let torn_name = (0..SHARDS)
            .map(|index| format!("t{index:02x}"))
            .find(|name| old[name].len() > 60)
            .unwrap();
        let mut torn = old.clone();
        let bytes = torn.get_mut(&torn_name).unwrap();
        bytes.truncate(bytes.len() - 1);
        let read = LinkCache::from_stored(&torn[HEAD], &|name| torn.get(name).cloned()).unwrap();
        assert!((30..40).contains(&read.terms.by_text.len()));
        // A vocabulary shorter than a shard's numbers (a head older than the shard): only
        // shards numbering no more terms than it has are read.
        let mut head: StoredHead<'static> = postcard::from_bytes(&old[HEAD]).unwrap();
        let mut smaller = Vocabulary::default();
        for i in 0..20 {
            smaller.intern(&format!("t{i}"));
        }
        head.vocabulary = std::borrow::Cow::Owned(smaller);
        let mut short = old.clone();
        short.insert(HEAD.to_string(), postcard::to_allocvec(&head).unwrap());
        let read = LinkCache::from_stored(&short[HEAD], &|name| short.get(name).cloned()).unwrap();
        assert!(read.terms.by_text.len() < 40);
        assert!(
            read.terms
                .by_text
                .values()
                .all(|(terms, _)| { terms.terms.iter().all(|&(id, _)| id < 20) })
        );
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
            features: features_key(&features),
            related: related.clone(),
        };
        let get = |generation, features: &[Features]| {
            memo.get(generation, &features_key(features))
                .map(<[Vec<Related>]>::to_vec)
        };
        assert_eq!(get(1, &features), Some(related.clone()));
        assert_eq!(get(2, &features), None, "terms numbered anew");
        let mut edited = features.clone();
        edited[1] = Features::new(vec![0, 1], vec![4], vec![(3, 2)].into());
        assert_eq!(get(1, &edited), None, "a count changed");
        let reordered = vec![features[1].clone(), features[0].clone()];
        assert_eq!(get(1, &reordered), None, "the articles changed places");
        assert_eq!(get(1, &features[..1]), None, "an article is gone");
    }
}
