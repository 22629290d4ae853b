//! Postings: every term's articles and weights, encoded for the search index's shards.
//!
//! Takes each article's terms (as [`crate::link::terms`] found them) and the vocabulary;
//! returns per term the (article number, occurrence) pairs and their compact encoding:
//! article-number gaps and a weight digit, 6 bits a digit, all safe in a JSON string. A
//! rebuild patches the last build's postings ([`SearchMemo`]) for the articles that
//! changed instead of making all of them again, and verifying compares with a full build.

use std::sync::Arc;

use rayon::prelude::*;

use crate::error::Diagnostic;
use crate::link::terms::{ArticleTerms, Occurrence, TermId, Vocabulary};

/// BM25 parameters: term-frequency saturation and length normalization.
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The digits of the postings encoding: 6 bits each, all safe in a JSON string.
const DIGITS: &[u8; 64] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// Marker in a posting's weight digit: the term is in the article's title.
const IN_TITLE: u8 = 32;

/// The weight digit of a posting: BM25's term-frequency part scaled to 0..=31, plus
/// [`IN_TITLE`]. The query side multiplies it by the term's IDF, which it computes from the
/// number of postings, so the index holds no floating-point numbers.
fn weight(count: u32, in_title: bool, length: usize, average_length: f64) -> u8 {
    let count = f64::from(count);
    let norm = K1 * (1.0 - B + B * length as f64 / average_length.max(1.0));
    let saturated = count * (K1 + 1.0) / (count + norm) / (K1 + 1.0);
    // Any body occurrence keeps at least 1, so it still counts after rounding.
    let scaled = if count > 0.0 {
        ((saturated * 31.0).round() as u8).clamp(1, 31)
    } else {
        0
    };
    scaled | if in_title { IN_TITLE } else { 0 }
}

/// Appends `value` in base 32 with a continuation bit: most significant group first, every
/// digit but the last has bit 5 set.
fn push_varint(out: &mut String, value: u32) {
    let mut groups = Vec::new();
    let mut rest = value;
    loop {
        groups.push((rest & 31) as u8);
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for (index, group) in groups.iter().rev().enumerate() {
        let more = if index + 1 < groups.len() { 32 } else { 0 };
        out.push(char::from(DIGITS[usize::from(group | more)]));
    }
}

/// Encodes one term's postings (article number, weight digit; sorted by article) as
/// article-number gaps and weights.
fn encode_postings(postings: &[(u32, u8)]) -> String {
    let mut out = String::with_capacity(postings.len() * 2);
    let mut previous = 0;
    for &(article, weight) in postings {
        push_varint(&mut out, article - previous);
        out.push(char::from(DIGITS[usize::from(weight)]));
        previous = article;
    }
    out
}

/// Encodes a sorted list of article numbers as gaps alone (no weight digits), as the
/// index's topic and year filters list their articles.
pub(super) fn encode_articles(articles: &[u32]) -> String {
    let mut out = String::with_capacity(articles.len() * 2);
    let mut previous = 0;
    for &article in articles {
        push_varint(&mut out, article - previous);
        previous = article;
    }
    out
}

/// Decodes a filter's list of article numbers (gaps in the postings digits, no weights), for tests and tools;
/// `None` when it is malformed.
pub fn decode_articles(encoded: &str) -> Option<Vec<u32>> {
    let mut articles = Vec::new();
    let mut article = 0u32;
    let mut gap = 0u32;
    let mut is_open = false;
    for byte in encoded.bytes() {
        let digit = DIGITS.iter().position(|&d| d == byte)? as u32;
        gap = gap.checked_mul(32)? + (digit & 31);
        is_open = digit & 32 != 0;
        if !is_open {
            article = article.checked_add(gap)?;
            articles.push(article);
            gap = 0;
        }
    }
    (!is_open).then_some(articles)
}

/// Decodes a term's postings string into (article number, weight digit) pairs, for tests
/// and tools; `None` when it is malformed.
pub fn decode_postings(encoded: &str) -> Option<Vec<(u32, u8)>> {
    let mut digits = encoded
        .bytes()
        .map(|b| DIGITS.iter().position(|&d| d == b).map(|p| p as u8));
    let mut postings = Vec::new();
    let mut article = 0u32;
    while let Some(first) = digits.next() {
        let mut digit = first?;
        let mut gap = 0u32;
        loop {
            gap = gap.checked_mul(32)? + u32::from(digit & 31);
            if digit & 32 == 0 {
                break;
            }
            digit = digits.next()??;
        }
        article += gap;
        postings.push((article, digits.next()??));
    }
    Some(postings)
}

/// This build's postings and the average article length they were weighed with: patched
/// from `previous` (the last written build's) when that gives what a full build gives, else
/// made whole. Verifying makes them whole anyway and returns an error if a patch differed.
pub(super) fn postings_of(
    vocabulary: &Arc<Vocabulary>,
    per_article: &[Arc<ArticleTerms>],
    previous: Option<SearchMemo>,
    is_verifying: bool,
) -> (Postings, f64, Option<Diagnostic>) {
    // Rounded, so that an edit rarely moves it and the postings of the terms it did not
    // touch keep their weights (see `patch_postings`).
    let average_length = (per_article.iter().map(|a| a.length).sum::<usize>() as f64
        / per_article.len().max(1) as f64)
        .round();
    let patched =
        previous.and_then(|kept| patch_postings(kept, vocabulary, per_article, average_length));
    let mut mismatch = None;
    let postings = match patched {
        Some(patched) if !is_verifying => patched,
        Some(patched) => {
            let full = all_postings(vocabulary, per_article, average_length);
            if full.1 != patched.1 {
                mismatch = Some(Diagnostic::error(
                    "internal: the search postings patched after an edit differ from a full build's",
                ));
            }
            full
        }
        None => all_postings(vocabulary, per_article, average_length),
    };
    (postings, average_length, mismatch)
}

impl SearchMemo {
    /// What this build's postings were made from, for the next build.
    pub(super) fn new(
        vocabulary: &Arc<Vocabulary>,
        per_article: &[Arc<ArticleTerms>],
        average_length: f64,
        (postings, encoded): Postings,
    ) -> Self {
        SearchMemo {
            vocabulary: Some(Arc::clone(vocabulary)),
            articles: keys_of(per_article),
            lengths: per_article.iter().map(|terms| terms.length).collect(),
            average_length,
            postings,
            encoded,
        }
    }
}

/// Each article's [`terms_key`], computed in parallel.
fn keys_of(per_article: &[Arc<ArticleTerms>]) -> Vec<[u8; 32]> {
    per_article
        .par_iter()
        .map(|terms| terms_key(terms))
        .collect()
}

/// A hash of an article's terms: equal hashes are equal terms.
fn terms_key(terms: &ArticleTerms) -> [u8; 32] {
    let mut bytes = Vec::with_capacity(8 + 9 * terms.terms.len());
    bytes.extend_from_slice(&(terms.length as u64).to_le_bytes());
    for &(id, occurrence) in &terms.terms {
        bytes.extend_from_slice(&id.to_le_bytes());
        bytes.extend_from_slice(&occurrence.count.to_le_bytes());
        bytes.push(u8::from(occurrence.in_title));
    }
    *blake3::hash(&bytes).as_bytes()
}

/// What the last written build's postings were made from, kept so that a rebuild patches
/// the postings of the articles that changed instead of making all of them again.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct SearchMemo {
    /// The vocabulary the term numbers below refer to.
    vocabulary: Option<Arc<Vocabulary>>,
    /// Each article's [`terms_key`], by article number: enough to tell which changed (the
    /// terms themselves are in the postings, and the link memo; storing them again made
    /// this memo a third larger).
    articles: Vec<[u8; 32]>,
    /// Each article's length, by article number, as its weights were computed with.
    lengths: Vec<usize>,
    /// The average length the weights were computed with.
    average_length: f64,
    /// Per term number: (article number, occurrence), sorted by article number.
    postings: Vec<Vec<(u32, Occurrence)>>,
    /// Per term number: its encoded postings (empty when no article has it).
    encoded: Vec<String>,
}

/// Per term number: (article number, occurrence) sorted by article number, and the same
/// encoded.
pub(super) type Postings = (Vec<Vec<(u32, Occurrence)>>, Vec<String>);

/// Every term's postings and their encoding, from every article's terms.
fn all_postings(
    vocabulary: &Vocabulary,
    per_article: &[Arc<ArticleTerms>],
    average_length: f64,
) -> Postings {
    let mut postings: Vec<Vec<(u32, Occurrence)>> = vec![Vec::new(); vocabulary.len()];
    for (number, found) in (0u32..).zip(per_article) {
        for &(id, occurrence) in &found.terms {
            postings[id as usize].push((number, occurrence));
        }
    }
    let encoded = postings
        .par_iter()
        .map(|list| encode_term(list, per_article, average_length))
        .collect();
    (postings, encoded)
}

/// The postings of the last build with the changed articles' entries replaced, and only
/// the terms they touch encoded again; `None` when that would not give what
/// [`all_postings`] gives (another numbering, other article numbers, another average
/// length) or would not pay (more than an eighth of the articles changed).
fn patch_postings(
    mut kept: SearchMemo,
    vocabulary: &Arc<Vocabulary>,
    per_article: &[Arc<ArticleTerms>],
    average_length: f64,
) -> Option<Postings> {
    let old = kept.vocabulary.take()?;
    let same_numbers = Arc::ptr_eq(&old, vocabulary)
        || (old.len() <= vocabulary.len()
            && (0..old.len() as TermId).all(|id| old.term(id) == vocabulary.term(id)));
    let is_comparable = same_numbers
        && kept.articles.len() == per_article.len()
        && kept.lengths.len() == per_article.len()
        && kept.average_length == average_length
        && kept.postings.len() == old.len();
    if !is_comparable {
        return None;
    }
    let keys = keys_of(per_article);
    let changed: Vec<usize> = (0..per_article.len())
        .filter(|&n| kept.articles[n] != keys[n])
        .collect();
    if changed.len() > per_article.len() / 8 + 1 {
        return None;
    }
    let SearchMemo {
        mut postings,
        mut encoded,
        lengths: old_lengths,
        ..
    } = kept;
    // The changed articles' old terms, gathered from the postings in one pass.
    let mut is_changed = vec![false; per_article.len()];
    for &n in &changed {
        is_changed[n] = true;
    }
    let mut old_terms: std::collections::HashMap<u32, Vec<(TermId, Occurrence)>> =
        changed.iter().map(|&n| (n as u32, Vec::new())).collect();
    for (id, list) in (0 as TermId..).zip(&postings) {
        for &(number, occurrence) in list {
            if is_changed.get(number as usize) == Some(&true) {
                old_terms.entry(number).or_default().push((id, occurrence));
            }
        }
    }
    postings.resize(vocabulary.len(), Vec::new());
    encoded.resize(vocabulary.len(), String::new());
    // A term is encoded again only when an article's entry in it appears, disappears or
    // changes its weight digit: a summary edit changes the article's length and counts,
    // but most of its terms keep their digit.
    let mut touched: Vec<TermId> = Vec::new();
    for &n in &changed {
        let number = n as u32;
        let (before, after) = (&old_terms[&number], &per_article[n]);
        let old_length = old_lengths[n];
        for &(id, occurrence) in before {
            let is_kept = after
                .terms
                .binary_search_by_key(&id, |&(t, _)| t)
                .is_ok_and(|at| {
                    let now = after.terms[at].1;
                    weight(now.count, now.in_title, after.length, average_length)
                        == weight(
                            occurrence.count,
                            occurrence.in_title,
                            old_length,
                            average_length,
                        )
                });
            if !is_kept {
                let list = &mut postings[id as usize];
                if let Ok(at) = list.binary_search_by_key(&number, |&(a, _)| a) {
                    list.remove(at);
                }
                touched.push(id);
            }
        }
        for &(id, occurrence) in &after.terms {
            let list = &mut postings[id as usize];
            match list.binary_search_by_key(&number, |&(a, _)| a) {
                Ok(at) => list[at] = (number, occurrence),
                Err(at) => {
                    list.insert(at, (number, occurrence));
                    touched.push(id);
                }
            }
        }
    }
    touched.sort_unstable();
    touched.dedup();
    for id in touched {
        encoded[id as usize] = encode_term(&postings[id as usize], per_article, average_length);
    }
    Some((postings, encoded))
}

/// One term's postings, weighted and encoded.
fn encode_term(
    list: &[(u32, Occurrence)],
    per_article: &[Arc<ArticleTerms>],
    average_length: f64,
) -> String {
    if list.is_empty() {
        return String::new();
    }
    let weighted: Vec<(u32, u8)> = list
        .iter()
        .map(|&(number, o)| {
            let length = per_article[number as usize].length;
            (number, weight(o.count, o.in_title, length, average_length))
        })
        .collect();
    encode_postings(&weighted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filter_lists_round_trip_through_their_encoding() {
        let articles = [0, 1, 31, 32, 33, 1_000, 70_000];
        let encoded = encode_articles(&articles);
        assert_eq!(decode_articles(&encoded), Some(articles.to_vec()));
        assert_eq!(decode_articles(""), Some(Vec::new()));
        assert_eq!(decode_articles("!"), None, "not a digit");
        assert_eq!(decode_articles("W"), None, "a gap left open");
    }

    /// Forty articles over twelve terms, each with a term count and a length.
    fn collection(vocabulary: &mut Vocabulary, seed: u32) -> Vec<Arc<ArticleTerms>> {
        let ids: Vec<TermId> = (0..12)
            .map(|t| vocabulary.intern(&format!("term{t}")))
            .collect();
        (0..40u32)
            .map(|n| {
                let terms = ids
                    .iter()
                    .filter(|&&id| (n * 7 + id * 3 + seed) % 5 < 2)
                    .map(|&id| {
                        let count = 1 + (n + id) % 4;
                        (
                            id,
                            Occurrence {
                                count,
                                in_title: (n + id) % 6 == 0,
                            },
                        )
                    })
                    .collect();
                Arc::new(ArticleTerms {
                    terms,
                    length: 100 + (n as usize % 7) * 10,
                })
            })
            .collect()
    }

    #[test]
    fn patched_postings_equal_postings_made_from_scratch() {
        let mut vocabulary = Vocabulary::default();
        let before = collection(&mut vocabulary, 0);
        let mut after = before.clone();
        // Article 3 loses and gains terms (same length, so the average stays); article 17
        // takes a term new to the vocabulary.
        let fresh = vocabulary.intern("fresh");
        after[3] = Arc::new(ArticleTerms {
            terms: collection(&mut vocabulary, 2)[3].terms.clone(),
            length: after[3].length,
        });
        let mut terms = after[17].terms.clone();
        terms.push((
            fresh,
            Occurrence {
                count: 2,
                in_title: true,
            },
        ));
        after[17] = Arc::new(ArticleTerms {
            terms,
            length: after[17].length,
        });
        let vocabulary = Arc::new(vocabulary);
        let average = 130.0;
        let (postings, encoded) = all_postings(&vocabulary, &before, average);
        let kept = SearchMemo::new(&vocabulary, &before, average, (postings, encoded));
        let patched =
            patch_postings(kept, &vocabulary, &after, average).expect("two articles changed");
        assert_eq!(patched, all_postings(&vocabulary, &after, average));
        let other_average = SearchMemo {
            average_length: average + 1.0,
            ..SearchMemo::new(&vocabulary, &before, average, Default::default())
        };
        assert!(patch_postings(other_average, &vocabulary, &after, average).is_none());
    }

    #[test]
    fn the_memo_keeps_a_key_per_article_not_a_copy_of_its_terms() {
        let mut vocabulary = Vocabulary::default();
        let ids: Vec<TermId> = (0..50)
            .map(|i| vocabulary.intern(&format!("w{i}")))
            .collect();
        let per_article: Vec<Arc<ArticleTerms>> = (0..100u32)
            .map(|n| {
                Arc::new(ArticleTerms {
                    terms: ids
                        .iter()
                        .map(|&id| {
                            let count = (id + n) % 7 + 1;
                            (
                                id,
                                Occurrence {
                                    count,
                                    in_title: false,
                                },
                            )
                        })
                        .collect(),
                    length: 200,
                })
            })
            .collect();
        let vocabulary = Arc::new(vocabulary);
        let postings = all_postings(&vocabulary, &per_article, 200.0);
        let without = postcard::to_allocvec(&(&vocabulary, &postings.0, &postings.1))
            .unwrap()
            .len();
        let memo = SearchMemo::new(&vocabulary, &per_article, 200.0, postings);
        let with = postcard::to_allocvec(&memo).unwrap().len();
        // A key and a length per article, not its 50 terms again.
        assert!(
            with - without < 100 * 40,
            "{} bytes per article",
            (with - without) / 100
        );
    }

    #[test]
    fn postings_round_trip_through_the_encoding() {
        let postings = vec![(0, 0), (1, 31), (33, 63), (1_100, 5), (40_000, 32)];
        let encoded = encode_postings(&postings);
        assert!(encoded.bytes().all(|b| DIGITS.contains(&b)));
        assert_eq!(decode_postings(&encoded), Some(postings));
        assert_eq!(encode_postings(&[(3, 1)]), "31");
        assert_eq!(decode_postings("!"), None);
    }

    #[test]
    fn weight_marks_titles_and_saturates() {
        assert_eq!(weight(0, true, 100, 100.0), IN_TITLE);
        let once = weight(1, false, 100, 100.0);
        let often = weight(20, false, 100, 100.0);
        assert!(0 < once && once < often && often <= 31, "{once} {often}");
        assert!(
            weight(1, false, 1_000, 100.0) < once,
            "long texts weigh less"
        );
    }
}
