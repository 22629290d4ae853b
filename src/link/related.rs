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
//! the cosine of TF-IDF vectors cut to each article's 32 strongest words, so the vectors
//! are small. Candidates come only from inverted indexes (topic, entity and word postings),
//! never from all pairs, and words found in more than a tenth of a large collection are
//! skipped as too common to tell articles apart; the cost stays near-linear in the size of
//! the collection. Ties go to the newer article. Each result carries its reasons.

use std::collections::{BTreeMap, HashMap};

/// How many related articles an article lists.
pub const RELATED_LIMIT: usize = 4;
/// Strongest words kept per article for the wording similarity.
const TERMS_PER_ARTICLE: usize = 32;
/// Weight of the wording similarity against one shared rare topic.
const TEXT_WEIGHT: f64 = 3.0;

/// What the ranking reads about one article.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// Topic indices.
    pub topics: Vec<usize>,
    /// Entity indices mentioned.
    pub entities: Vec<usize>,
    /// Lowercased words of the text.
    pub words: Vec<String>,
}

/// One related article and why.
#[derive(Debug, Clone, PartialEq)]
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

#[derive(Default)]
struct Candidate {
    score: f64,
    topics: Vec<(f64, usize)>,
    entities: Vec<(f64, usize)>,
    text: f64,
}

/// Ranks related articles for every article.
pub fn rank_related(features: &[Features]) -> Vec<Vec<Related>> {
    let total = features.len() as f64;
    let topic_postings = postings(features.iter().map(|f| f.topics.as_slice()));
    let entity_postings = postings(features.iter().map(|f| f.entities.as_slice()));
    let vectors = tfidf_vectors(features);
    let mut word_postings: HashMap<usize, Vec<(usize, f64)>> = HashMap::new();
    for (article, vector) in vectors.iter().enumerate() {
        for &(term, weight) in vector {
            word_postings
                .entry(term)
                .or_default()
                .push((article, weight));
        }
    }
    let common = ((total * 0.1).ceil() as usize).max(50);

    (0..features.len())
        .map(|index| {
            let mut candidates: BTreeMap<usize, Candidate> = BTreeMap::new();
            for &topic in &features[index].topics {
                let members = &topic_postings[&topic];
                let weight = (1.0 + total / members.len() as f64).ln();
                for &other in members.iter().filter(|&&o| o != index) {
                    let c = candidates.entry(other).or_default();
                    c.score += weight;
                    c.topics.push((weight, topic));
                }
            }
            for &entity in &features[index].entities {
                let members = &entity_postings[&entity];
                let weight = (1.0 + total / members.len() as f64).ln();
                for &other in members.iter().filter(|&&o| o != index) {
                    let c = candidates.entry(other).or_default();
                    c.score += weight;
                    c.entities.push((weight, entity));
                }
            }
            for &(term, weight) in &vectors[index] {
                let list = &word_postings[&term];
                if list.len() > common {
                    continue;
                }
                for &(other, other_weight) in list.iter().filter(|(o, _)| *o != index) {
                    candidates.entry(other).or_default().text += weight * other_weight;
                }
            }
            let mut ranked: Vec<Related> = candidates
                .into_iter()
                .map(|(other, mut c)| {
                    c.topics
                        .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    c.entities
                        .sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
                    Related {
                        index: other,
                        shared_topics: c.topics.into_iter().map(|(_, t)| t).collect(),
                        shared_entities: c.entities.into_iter().map(|(_, e)| e).collect(),
                        text_similarity: c.text,
                        score: c.score + TEXT_WEIGHT * c.text,
                    }
                })
                .filter(|r| r.score > 0.0)
                .collect();
            ranked.sort_by(|a, b| {
                b.score
                    .total_cmp(&a.score)
                    .then_with(|| a.index.cmp(&b.index))
            });
            ranked.truncate(RELATED_LIMIT);
            ranked
        })
        .collect()
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

/// Unit-length TF-IDF vectors of each article's strongest words, as (term id, weight).
fn tfidf_vectors(features: &[Features]) -> Vec<Vec<(usize, f64)>> {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut counts: Vec<HashMap<usize, f64>> = Vec::with_capacity(features.len());
    let mut document_frequency: Vec<f64> = Vec::new();
    for feature in features {
        let mut tf: HashMap<usize, f64> = HashMap::new();
        for word in &feature.words {
            let next = ids.len();
            let id = *ids.entry(word.as_str()).or_insert(next);
            if id == document_frequency.len() {
                document_frequency.push(0.0);
            }
            *tf.entry(id).or_default() += 1.0;
        }
        for id in tf.keys() {
            document_frequency[*id] += 1.0;
        }
        counts.push(tf);
    }
    let total = features.len() as f64;
    counts
        .into_iter()
        .map(|tf| {
            let mut weighted: Vec<(usize, f64)> = tf
                .into_iter()
                .map(|(id, n)| (id, (1.0 + n.ln()) * (total / document_frequency[id]).ln()))
                .collect();
            weighted.retain(|(_, w)| *w > 0.0);
            weighted.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            weighted.truncate(TERMS_PER_ARTICLE);
            let norm = weighted.iter().map(|(_, w)| w * w).sum::<f64>().sqrt();
            if norm > 0.0 {
                for entry in &mut weighted {
                    entry.1 /= norm;
                }
            }
            weighted
        })
        .collect()
}

/// Words for the wording similarity: lowercase, letters only, three or more characters,
/// without the commonest English function words.
pub fn words_of(text: &str) -> impl Iterator<Item = String> + '_ {
    const STOP: &[&str] = &[
        "the", "and", "that", "with", "for", "was", "were", "are", "this", "from", "have", "has",
        "had", "not", "but", "they", "their", "them", "his", "her", "she", "you", "who", "which",
        "what", "been", "also", "into", "its", "there", "would", "could", "about", "than", "then",
        "when", "will", "can", "all", "our", "out", "one",
    ];
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 3 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .filter(|w| !STOP.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn features(topics: &[usize], entities: &[usize], text: &str) -> Features {
        Features {
            topics: topics.to_vec(),
            entities: entities.to_vec(),
            words: words_of(text).collect(),
        }
    }

    #[test]
    fn rare_shared_topics_outrank_common_ones() {
        let collection = [
            features(&[0, 1], &[], "alpha"),
            features(&[0], &[], "beta"),
            features(&[0, 1], &[], "gamma"),
            features(&[0], &[], "delta"),
        ];
        let related = rank_related(&collection);
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
        let related = rank_related(&collection);
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
        let related = rank_related(&collection);
        assert_eq!(
            related[3].iter().map(|r| r.index).collect::<Vec<_>>(),
            [0, 1, 2, 4]
        );
    }
}
