//! Related articles: a documented score from shared topics, shared entities and wording.
//!
//! For articles `a` and `b` in a collection of `N` articles:
//!
//! ```text
//! score(a, b) = Σ idf(t) over topics both carry
//!             + Σ idf(e) over entities both mention
//!             + 3 × cosine(tfidf(a), tfidf(b))
//! idf(x)      = ln(1 + N / df(x))      (df: how many articles carry x)
//! ```
//!
//! A rare topic or entity counts more than one every article shares. The wording term is
//! the cosine of TF-IDF vectors of the article's text alone (never its title or summary:
//! editing those does not move related articles, nor rank the collection again), cut to
//! each article's 32 strongest words, so the vectors
//! are small; words among the strongest of more than a tenth of a large collection are left
//! out of the cosine as too common to tell articles apart. Ties go to the newer article, and
//! ties between words to the word first in text order, never to its number: the numbers
//! depend on the order the articles were read in, which a kept vocabulary does not repeat
//! (see [`Vocabulary`](super::terms::Vocabulary)). Each result carries its reasons.
//!
//! The cost stays linear in the size of the collection. Candidates come only from inverted
//! indexes (topic, entity and word postings), never from all pairs, and each posting gives
//! at most its [`CHAMPIONS`] first members (the newest articles of a topic or entity, the
//! strongest weights of a word): the classic champion lists of search engines. The
//! [`SHORTLIST`] best candidates by that partial score are then scored exactly. Where no
//! topic, entity or word is shared by more than [`CHAMPIONS`] articles, which is every
//! collection of that size or less, the result is exactly the ranking above; in a larger
//! collection, an article that shares only very common topics with another can be passed
//! over for newer articles sharing the same.

use std::collections::HashMap;
use std::sync::Arc;

use super::terms::TermId;

use rayon::prelude::*;

/// How many related articles an article lists.
pub const RELATED_LIMIT: usize = 4;
/// Strongest words kept per article for the wording similarity.
const TERMS_PER_ARTICLE: usize = 32;
/// Weight of the wording similarity against one shared rare topic.
const TEXT_WEIGHT: f64 = 3.0;
/// The most candidates one topic, entity or word contributes.
pub const CHAMPIONS: usize = 100;
/// Candidates scored exactly, per article.
pub const SHORTLIST: usize = 32;

/// What the ranking reads about one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Features {
    /// Topic indices, sorted.
    topics: Vec<usize>,
    /// Entity indices mentioned, sorted.
    entities: Vec<usize>,
    /// (term, count) for every distinct word of the text, sorted by term; shared with the
    /// article's [`ArticleTerms`](super::terms::ArticleTerms).
    terms: Arc<[(Term, u32)]>,
}

/// A word, by its number in the collection's vocabulary.
type Term = TermId;

/// A word, by its place in the text order of the vocabulary (see
/// [`Vocabulary::ranks`](super::terms::Vocabulary::ranks)): the ranking orders and breaks
/// ties between words only by this, so its result does not depend on the numbering.
type Rank = u32;

impl Features {
    /// A hash of the features: topics, entities and word counts.
    pub(super) fn key(&self) -> blake3::Hash {
        let mut bytes = Vec::with_capacity(
            16 + 8 * (self.topics.len() + self.entities.len() + self.terms.len()),
        );
        for list in [&self.topics, &self.entities] {
            bytes.extend_from_slice(&(list.len() as u64).to_le_bytes());
            for &id in list {
                bytes.extend_from_slice(&(id as u64).to_le_bytes());
            }
        }
        for &(term, count) in self.terms.iter() {
            bytes.extend_from_slice(&term.to_le_bytes());
            bytes.extend_from_slice(&count.to_le_bytes());
        }
        blake3::hash(&bytes)
    }

    /// The features of an article with these topics, entities and word counts (words
    /// sorted by term number, as [`ArticleTerms`](super::terms::ArticleTerms) has them).
    pub fn new(
        mut topics: Vec<usize>,
        mut entities: Vec<usize>,
        terms: Arc<[(Term, u32)]>,
    ) -> Self {
        topics.sort_unstable();
        topics.dedup();
        entities.sort_unstable();
        entities.dedup();
        Features {
            topics,
            entities,
            terms,
        }
    }
}

/// One related article and why.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Related {
    /// Index of the related article.
    pub index: usize,
    /// Shared topic indices, rarest first.
    pub shared_topics: Vec<usize>,
    /// Shared entity indices, rarest first.
    pub shared_entities: Vec<usize>,
    /// The cosine similarity of the wording, 0 to 1.
    pub text_similarity: f64,
    /// The total score.
    pub score: f64,
}

/// The inverted indexes and weights every article's ranking reads.
struct Index {
    topic_postings: HashMap<usize, Vec<usize>>,
    entity_postings: HashMap<usize, Vec<usize>>,
    topic_idf: HashMap<usize, f64>,
    entity_idf: HashMap<usize, f64>,
    /// Per article: unit TF-IDF weights of its strongest words, sorted by rank, common
    /// words left out.
    vectors: Vec<Vec<(Rank, f64)>>,
    /// Per word rank: (article, weight), strongest first, cut to [`CHAMPIONS`] + 1.
    term_postings: Vec<Vec<(usize, f64)>>,
}

/// Ranks related articles for every article; `ranks` gives each term number's place in
/// the text order of the vocabulary.
pub fn rank_related(features: &[Features], ranks: &[u32]) -> Vec<Vec<Related>> {
    let index = Index::new(features, ranks);
    // Each rayon task allocates its scratch once: tasks of at least 256 articles keep that
    // to a few dozen tables, not one per split.
    (0..features.len())
        .into_par_iter()
        .with_min_len(256)
        .map_init(
            || (vec![0.0f64; features.len()], Vec::new()),
            |(scores, touched), article| index.rank(features, article, scores, touched),
        )
        .collect()
}

impl Index {
    fn new(features: &[Features], ranks: &[u32]) -> Index {
        let total = features.len() as f64;
        let idf = |postings: &HashMap<usize, Vec<usize>>| -> HashMap<usize, f64> {
            postings
                .iter()
                .map(|(&id, members)| (id, (1.0 + total / members.len() as f64).ln()))
                .collect()
        };
        let topic_postings = postings(features.iter().map(|f| f.topics.as_slice()));
        let entity_postings = postings(features.iter().map(|f| f.entities.as_slice()));
        let mut vectors = tfidf_vectors(features, ranks);
        let mut term_postings: Vec<Vec<(usize, f64)>> = vec![Vec::new(); ranks.len()];
        for (article, vector) in vectors.iter().enumerate() {
            for &(term, weight) in vector {
                term_postings[term as usize].push((article, weight));
            }
        }
        let common = ((total * 0.1).ceil() as usize).max(50);
        for list in &mut term_postings {
            if list.len() > common {
                list.clear();
            }
        }
        for vector in &mut vectors {
            vector.retain(|(term, _)| !term_postings[*term as usize].is_empty());
        }
        for list in &mut term_postings {
            list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            list.truncate(CHAMPIONS + 1);
        }
        Index {
            topic_idf: idf(&topic_postings),
            entity_idf: idf(&entity_postings),
            topic_postings,
            entity_postings,
            vectors,
            term_postings,
        }
    }

    /// The related articles of `article`; `scores` (zeroed, one per article) and `touched`
    /// (empty) are scratch space, left as they were found.
    fn rank(
        &self,
        features: &[Features],
        article: usize,
        scores: &mut [f64],
        touched: &mut Vec<usize>,
    ) -> Vec<Related> {
        let mut add = |other: usize, weight: f64| {
            if scores[other] == 0.0 {
                touched.push(other);
            }
            scores[other] += weight;
        };
        let own = &features[article];
        for (ids, postings, idf) in [
            (&own.topics, &self.topic_postings, &self.topic_idf),
            (&own.entities, &self.entity_postings, &self.entity_idf),
        ] {
            for id in ids {
                let weight = idf[id];
                for &other in postings[id]
                    .iter()
                    .filter(|&&o| o != article)
                    .take(CHAMPIONS)
                {
                    add(other, weight);
                }
            }
        }
        for &(term, weight) in &self.vectors[article] {
            for &(other, other_weight) in self.term_postings[term as usize]
                .iter()
                .filter(|(o, _)| *o != article)
                .take(CHAMPIONS)
            {
                add(other, TEXT_WEIGHT * weight * other_weight);
            }
        }
        let mut shortlist: Vec<(f64, usize)> = touched.iter().map(|&o| (scores[o], o)).collect();
        for &other in touched.iter() {
            scores[other] = 0.0;
        }
        touched.clear();
        let by_score = |a: &(f64, usize), b: &(f64, usize)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
        if shortlist.len() > SHORTLIST {
            shortlist.select_nth_unstable_by(SHORTLIST - 1, by_score);
            shortlist.truncate(SHORTLIST);
        }
        let mut ranked: Vec<Related> = shortlist
            .into_iter()
            .map(|(_, other)| self.score(features, article, other))
            .filter(|r| r.score > 0.0)
            .collect();
        ranked.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.index.cmp(&b.index))
        });
        ranked.truncate(RELATED_LIMIT);
        ranked.shrink_to_fit();
        ranked
    }

    /// The exact score of `other` for `article`, with its reasons.
    fn score(&self, features: &[Features], article: usize, other: usize) -> Related {
        let shared = |own: &[usize], theirs: &[usize], idf: &HashMap<usize, f64>| {
            let mut found: Vec<(f64, usize)> = own
                .iter()
                .filter(|id| theirs.binary_search(id).is_ok())
                .map(|&id| (idf[&id], id))
                .collect();
            found.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            found
        };
        let (own, theirs) = (&features[article], &features[other]);
        let topics = shared(&own.topics, &theirs.topics, &self.topic_idf);
        let entities = shared(&own.entities, &theirs.entities, &self.entity_idf);
        let text = dot(&self.vectors[article], &self.vectors[other]);
        let score =
            topics.iter().chain(&entities).map(|(w, _)| w).sum::<f64>() + TEXT_WEIGHT * text;
        Related {
            index: other,
            shared_topics: topics.into_iter().map(|(_, t)| t).collect(),
            shared_entities: entities.into_iter().map(|(_, e)| e).collect(),
            text_similarity: text,
            score,
        }
    }
}

/// One more than the highest term number: the size of a table indexed by term.
fn term_count(features: &[Features]) -> usize {
    features
        .iter()
        .filter_map(|f| f.terms.last())
        .map(|&(term, _)| term as usize + 1)
        .max()
        .unwrap_or(0)
}

/// The dot product of two vectors sorted by rank.
fn dot(a: &[(Rank, f64)], b: &[(Rank, f64)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

fn postings<'a>(lists: impl Iterator<Item = &'a [usize]>) -> HashMap<usize, Vec<usize>> {
    let mut map: HashMap<usize, Vec<usize>> = HashMap::new();
    for (article, list) in lists.enumerate() {
        for &item in list {
            map.entry(item).or_default().push(article);
        }
    }
    map
}

/// Unit-length TF-IDF vectors of each article's strongest words, by rank and sorted by it.
fn tfidf_vectors(features: &[Features], ranks: &[u32]) -> Vec<Vec<(Rank, f64)>> {
    let mut document_frequency: Vec<u32> = vec![0; term_count(features)];
    for feature in features {
        for &(term, _) in feature.terms.iter() {
            document_frequency[term as usize] += 1;
        }
    }
    let total = features.len() as f64;
    features
        .par_iter()
        .map(|feature| {
            let mut weighted: Vec<(Rank, f64)> = feature
                .terms
                .iter()
                .map(|&(term, n)| {
                    let df = f64::from(document_frequency[term as usize]);
                    (
                        ranks[term as usize],
                        (1.0 + f64::from(n).ln()) * (total / df).ln(),
                    )
                })
                .filter(|(_, w)| *w > 0.0)
                .collect();
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weighted.truncate(TERMS_PER_ARTICLE);
            let norm = weighted.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for entry in &mut weighted {
                    entry.1 /= norm;
                }
            }
            weighted.sort_by_key(|&(rank, _)| rank);
            // Kept for the whole ranking: without this, each keeps room for every word.
            weighted.shrink_to_fit();
            weighted
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    thread_local! {
        static WORDS: std::cell::RefCell<Vec<String>> = const { std::cell::RefCell::new(Vec::new()) };
    }

    /// Numbers words by their text (a stand-in for the collection's vocabulary).
    fn features(topics: &[usize], entities: &[usize], text: &str) -> Features {
        let mut terms: Vec<(Term, u32)> = Vec::new();
        for word in text.split_whitespace() {
            let id = WORDS.with_borrow_mut(|words| {
                let position = words.iter().position(|w| w == word).unwrap_or_else(|| {
                    words.push(word.to_string());
                    words.len() - 1
                });
                position as Term
            });
            match terms.iter_mut().find(|(t, _)| *t == id) {
                Some(entry) => entry.1 += 1,
                None => terms.push((id, 1)),
            }
        }
        terms.sort_unstable();
        Features::new(topics.to_vec(), entities.to_vec(), terms.into())
    }

    /// Per word number: its place in the words' text order.
    fn ranks() -> Vec<u32> {
        WORDS.with_borrow(|words| {
            let mut sorted: Vec<usize> = (0..words.len()).collect();
            sorted.sort_by_key(|&i| &words[i]);
            let mut ranks = vec![0; words.len()];
            for (rank, &i) in (0u32..).zip(&sorted) {
                ranks[i] = rank;
            }
            ranks
        })
    }

    /// Words 0 to 40 (text order is word order) numbered `number(word)`, with their ranks.
    /// Article 0 has words 0..40: 24 words no other article has, and 16 it shares (0..8
    /// with article 1, 32..40 with article 2) of equal weight, of which it keeps 8 by the
    /// tie-break alone.
    fn tied_collection(number: impl Fn(u32) -> u32) -> (Vec<Features>, Vec<u32>) {
        let mut ranks = vec![0; 41];
        for word in 0..41 {
            ranks[number(word) as usize] = word;
        }
        let article = |words: std::ops::Range<u32>| {
            let mut terms: Vec<(Term, u32)> = words.map(|w| (number(w), 1)).collect();
            terms.sort_unstable();
            Features::new(Vec::new(), Vec::new(), terms.into())
        };
        let collection = vec![
            article(0..40),
            article(0..8),
            article(32..40),
            article(40..41),
        ];
        (collection, ranks)
    }

    #[test]
    fn the_ranking_does_not_depend_on_how_words_are_numbered() {
        let (forward, forward_ranks) = tied_collection(|w| w);
        let (backward, backward_ranks) = tied_collection(|w| 40 - w);
        let want = rank_related(&forward, &forward_ranks);
        assert_eq!(
            want[0].iter().map(|r| r.index).collect::<Vec<_>>(),
            [1],
            "the words first in text order are kept"
        );
        assert_eq!(rank_related(&backward, &backward_ranks), want);
        let by_number: Vec<u32> = (0..41).collect();
        assert_ne!(
            rank_related(&backward, &by_number),
            want,
            "the collection is one where ties between words decide the ranking"
        );
    }

    #[test]
    fn rare_shared_topics_outrank_common_ones() {
        let collection = [
            features(&[0, 1], &[], "alpha"),
            features(&[0], &[], "beta"),
            features(&[0, 1], &[], "gamma"),
            features(&[0], &[], "delta"),
        ];
        let related = rank_related(&collection, &ranks());
        assert_eq!(related[0][0].index, 2, "shares the rare topic 1");
        assert_eq!(related[0][0].shared_topics, [1, 0], "rarest first");
    }

    #[test]
    fn shared_entities_and_wording_count() {
        let collection = [
            features(&[], &[7], "border guards river smuggling"),
            features(&[], &[], "cooking recipes kitchen"),
            features(&[], &[7], "unrelated words entirely"),
            features(&[], &[], "border guards river smuggling bribes"),
        ];
        let related = rank_related(&collection, &ranks());
        let order: Vec<usize> = related[0].iter().map(|r| r.index).collect();
        assert_eq!(
            order[..2],
            [3, 2],
            "near-identical wording outweighs one shared entity: {:?}",
            related[0]
        );
        assert!(related[0][0].text_similarity > 0.5);
        assert_eq!(related[0][1].shared_entities, [7]);
        assert!(!order.contains(&1), "nothing shared, not related");
    }

    #[test]
    fn ties_go_to_the_newer_article_and_lists_are_capped() {
        let collection: Vec<Features> = (0..8).map(|_| features(&[0], &[], "")).collect();
        let related = rank_related(&collection, &ranks());
        assert_eq!(
            related[3].iter().map(|r| r.index).collect::<Vec<_>>(),
            [0, 1, 2, 4]
        );
    }
}
