//! Search index: the articles → a sharded, static full-text index under `search/`.
//!
//! Takes the site-wide views, with every article's terms as [`crate::link::terms`]
//! found them; puts the index files into the output. `search/index.json` (the
//! manifest) holds only the shard layout, so it stays a few kilobytes however large the
//! collection. Term postings live in `search/terms/<n>.json`, each a sorted range of terms
//! cut at about [`SHARD_TARGET_BYTES`], so a query fetches only the shards its terms (and
//! their prefix expansions) fall in. What a result shows (title, path, source, date and the
//! text for its snippet) lives in `search/docs/<n>.json`, one per article, fetched only for
//! the top results. Output is deterministic: terms are sorted and article numbers follow
//! the collection's order, never term numbers (which a vocabulary kept between builds
//! does not give as a fresh build would).
//!
//! [`normalize`] and [`terms_of`] (in `link::terms`) define the terms;
//! `themes/default/static/search.js` implements the same rules for queries, so a change
//! there must be made in both.

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;

use super::memo::{MemoEntry, RenderMemo, changed_while_kept, known_entry};
use super::output::Output;
use crate::error::Diagnostic;
use crate::link::terms::{ArticleTerms, Occurrence, TermId, Vocabulary, searchable_lines};
pub use crate::link::terms::{normalize, terms_of};
use crate::view::key::KeyBuilder;
use crate::view::paths;
use crate::view::site::Views;

/// Postings are cut into shards of about this many bytes (uncompressed), so a query's
/// download stays small: measured on a generated 10,000-article collection, see README.
pub const SHARD_TARGET_BYTES: usize = 64 * 1024;

/// The text kept per article for snippets is cut at this many bytes (at a character
/// boundary), which holds an article of about 2,500 words whole.
pub const SNIPPET_TEXT_BYTES: usize = 16 * 1024;

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

/// The manifest, `search/index.json`.
#[derive(Debug, Serialize)]
struct Manifest {
    /// Format version; the script refuses others.
    version: u32,
    /// Changes with any index byte; the script adds it to shard URLs to defeat stale caches.
    build: String,
    /// Number of articles (`docs/0.json` … `docs/<n-1>.json`).
    article_count: usize,
    /// The first term of each shard `terms/<i>.json`, in Unicode code point order.
    shards: Vec<String>,
}

/// What a result shows, `search/docs/<n>.json`.
#[derive(Debug, Serialize)]
struct ResultDoc<'a> {
    title: &'a str,
    /// Root-relative path of the article page.
    path: &'a str,
    source: Option<&'a str>,
    date: &'a str,
    datetime: &'a str,
    summary: &'a str,
    /// The searchable text, paragraphs separated by newlines, cut at [`SNIPPET_TEXT_BYTES`].
    text: String,
}

/// Builds every file of the search index into `output`: the manifest, the term shards and
/// the result documents. With `memo` (the last written build's memo and the site-wide
/// key), a result document whose article is unchanged is kept as it is, and with
/// `previous` (the last written build's postings) only the changed articles' postings are
/// made again; returns this build's memo entries for the result documents and, with a
/// memo, its postings for the next build.
pub(super) fn render_search_index(
    shared: &Views<'_>,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    previous: Option<SearchMemo>,
    is_verifying: bool,
) -> (
    Vec<(String, MemoEntry)>,
    Option<SearchMemo>,
    Vec<Diagnostic>,
) {
    let started = std::time::Instant::now();
    let articles = &shared.site.collection.articles;
    let vocabulary = &shared.site.vocabulary;
    let per_article = &shared.site.article_terms;
    // Rounded, so that an edit rarely moves it and the postings of the terms it did not
    // touch keep their weights (see `patch_postings`).
    let average_length = (per_article.iter().map(|a| a.length).sum::<usize>() as f64
        / per_article.len().max(1) as f64)
        .round();
    let mut errors = Vec::new();
    let patched =
        previous.and_then(|kept| patch_postings(kept, vocabulary, per_article, average_length));
    let (postings, encoded) = match patched {
        Some(patched) if !is_verifying => patched,
        Some(patched) => {
            let full = all_postings(vocabulary, per_article, average_length);
            if full.1 != patched.1 {
                errors.push(Diagnostic::error(
                    "internal: the search postings patched after an edit differ from a full build's",
                ));
            }
            full
        }
        None => all_postings(vocabulary, per_article, average_length),
    };
    crate::timing::report("search: postings", started);
    // A vocabulary kept between builds can hold terms no article has any more; a fresh
    // build's has none, so leaving them out gives the same files either way.
    let order: Vec<TermId> = vocabulary
        .sorted()
        .iter()
        .copied()
        .filter(|&id| !postings[id as usize].is_empty())
        .collect();
    let mut shards: Vec<BTreeMap<&str, &str>> = Vec::new();
    let mut shard_bytes = SHARD_TARGET_BYTES;
    for &id in &order {
        let (term, encoded) = (vocabulary.term(id), encoded[id as usize].as_str());
        if shard_bytes >= SHARD_TARGET_BYTES {
            shards.push(BTreeMap::new());
            shard_bytes = 0;
        }
        // Quotes, colon and comma around each entry.
        shard_bytes += term.len() + encoded.len() + 6;
        if let Some(shard) = shards.last_mut() {
            shard.insert(term, encoded);
        }
    }
    // The manifest's build id changes with any byte of the index; each file's hash goes
    // into it in path order, whatever order the files were made in.
    let first_terms: Vec<String> = shards
        .iter()
        .map(|shard| {
            shard
                .keys()
                .next()
                .map(|t| t.to_string())
                .unwrap_or_default()
        })
        .collect();
    let shard_hashes: Vec<blake3::Hash> = shards
        .par_iter()
        .enumerate()
        .map(|(index, shard)| {
            let path = paths::search_terms(index);
            emit(output, &path, to_json(shard))
        })
        .collect();
    // A result document shows only its article (title, date, summary, text), so its key is
    // the article's fingerprint: most are kept from the last build as they are.
    let docs: Vec<DocOutcome> = articles
        .par_iter()
        .zip(&shared.summaries)
        .enumerate()
        .map(|(number, (article, summary))| {
            let path = paths::search_doc(number);
            let key = memo
                .map(|(_, site_key)| KeyBuilder::new(site_key, &path).article(article).finish());
            let (known, is_kept) = known_entry(memo, key.as_ref(), &path, output, is_verifying);
            if let Some(entry) = known.filter(|_| is_kept) {
                return DocOutcome {
                    hash: path_hash(&path, &entry.written),
                    memo: Some((path, entry)),
                    is_kept: true,
                    error: None,
                };
            }
            let doc = ResultDoc {
                title: &article.title,
                path: &summary.path,
                source: summary.source_name.as_deref(),
                date: &summary.published.display,
                datetime: &summary.published.iso,
                summary: &article.summary,
                text: snippet_text(&searchable_lines(article).collect::<Vec<_>>()),
            };
            let bytes = to_json(&doc);
            let written = blake3::hash(&bytes);
            let error = known
                .filter(|e| e.written != written)
                .map(|_| changed_while_kept(&format!("`{path}`")));
            let hash = path_hash(&path, &written);
            output.put(&path, bytes);
            DocOutcome {
                hash,
                memo: key.map(|key| {
                    let entry = MemoEntry {
                        key,
                        written,
                        has_code: false,
                    };
                    (path, entry)
                }),
                is_kept: false,
                error,
            }
        })
        .collect();
    let kept: Vec<(&str, blake3::Hash)> = docs
        .iter()
        .filter(|doc| doc.is_kept)
        .filter_map(|doc| doc.memo.as_ref())
        .map(|(path, entry)| (path.as_str(), entry.written))
        .collect();
    output.keep(&kept);
    drop(kept);
    let mut hasher = blake3::Hasher::new();
    for hash in shard_hashes.iter().chain(docs.iter().map(|doc| &doc.hash)) {
        hasher.update(hash.as_bytes());
    }
    let manifest = Manifest {
        version: 1,
        build: hasher.finalize().to_hex()[..10].to_string(),
        article_count: articles.len(),
        shards: first_terms,
    };
    output.put(paths::SEARCH_MANIFEST, to_json(&manifest));
    let mut entries = Vec::with_capacity(docs.len());
    for doc in docs {
        entries.extend(doc.memo);
        errors.extend(doc.error);
    }
    let kept = memo.map(|_| SearchMemo {
        vocabulary: Some(Arc::clone(vocabulary)),
        articles: per_article.clone(),
        average_length,
        postings,
        encoded,
    });
    (entries, kept, errors)
}

/// What the last written build's postings were made from, kept so that a rebuild patches
/// the postings of the articles that changed instead of making all of them again.
#[derive(Debug, Default)]
pub struct SearchMemo {
    /// The vocabulary the term numbers below refer to.
    vocabulary: Option<Arc<Vocabulary>>,
    /// Each article's terms, by article number.
    articles: Vec<Arc<ArticleTerms>>,
    /// The average length the weights were computed with.
    average_length: f64,
    /// Per term number: (article number, occurrence), sorted by article number.
    postings: Vec<Vec<(u32, Occurrence)>>,
    /// Per term number: its encoded postings (empty when no article has it).
    encoded: Vec<String>,
}

/// Per term number: (article number, occurrence) sorted by article number, and the same
/// encoded.
type Postings = (Vec<Vec<(u32, Occurrence)>>, Vec<String>);

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
        && kept.average_length == average_length
        && kept.postings.len() == old.len();
    if !is_comparable {
        return None;
    }
    let changed: Vec<usize> = (0..per_article.len())
        .filter(|&n| {
            !Arc::ptr_eq(&kept.articles[n], &per_article[n]) && kept.articles[n] != per_article[n]
        })
        .collect();
    if changed.len() > per_article.len() / 8 + 1 {
        return None;
    }
    let SearchMemo {
        mut postings,
        mut encoded,
        articles: old_articles,
        ..
    } = kept;
    postings.resize(vocabulary.len(), Vec::new());
    encoded.resize(vocabulary.len(), String::new());
    // A term is encoded again only when an article's entry in it appears, disappears or
    // changes its weight digit: a summary edit changes the article's length and counts,
    // but most of its terms keep their digit.
    let mut touched: Vec<TermId> = Vec::new();
    for &n in &changed {
        let number = n as u32;
        let (before, after) = (&old_articles[n], &per_article[n]);
        let digit = |terms: &ArticleTerms, o: Occurrence| {
            weight(o.count, o.in_title, terms.length, average_length)
        };
        for &(id, occurrence) in &before.terms {
            let is_kept = after
                .terms
                .binary_search_by_key(&id, |&(t, _)| t)
                .is_ok_and(|at| digit(after, after.terms[at].1) == digit(before, occurrence));
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

/// What became of one result document.
struct DocOutcome {
    /// [`path_hash`] of its path and bytes, for the manifest's build id.
    hash: blake3::Hash,
    /// Its memo entry for the next build.
    memo: Option<(String, MemoEntry)>,
    /// Whether the last build's file was kept.
    is_kept: bool,
    /// When verifying: the document changed although its key did not.
    error: Option<Diagnostic>,
}

/// Puts `bytes` at `path` in `output`, returning the [`path_hash`] of the two.
fn emit(output: &dyn Output, path: &str, bytes: Vec<u8>) -> blake3::Hash {
    let hash = path_hash(path, &blake3::hash(&bytes));
    output.put(path, bytes);
    hash
}

/// A file's share of the index's build id: its path and the hash of its bytes.
fn path_hash(path: &str, bytes: &blake3::Hash) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(path.as_bytes());
    hasher.update(bytes.as_bytes());
    hasher.finalize()
}

/// The article's lines as paragraphs, cut at a character boundary.
fn snippet_text(lines: &[&str]) -> String {
    let mut text = lines.join("\n");
    if text.len() > SNIPPET_TEXT_BYTES {
        let mut end = SNIPPET_TEXT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    text
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    // Serializing plain maps, strings and numbers cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let kept = SearchMemo {
            vocabulary: Some(Arc::clone(&vocabulary)),
            articles: before.clone(),
            average_length: average,
            postings,
            encoded,
        };
        let patched =
            patch_postings(kept, &vocabulary, &after, average).expect("two articles changed");
        assert_eq!(patched, all_postings(&vocabulary, &after, average));
        let other_average = SearchMemo {
            vocabulary: Some(Arc::clone(&vocabulary)),
            articles: before.clone(),
            average_length: average + 1.0,
            ..SearchMemo::default()
        };
        assert!(patch_postings(other_average, &vocabulary, &after, average).is_none());
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

    #[test]
    fn snippet_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(SNIPPET_TEXT_BYTES);
        let text = snippet_text(&[&long]);
        assert!(text.len() <= SNIPPET_TEXT_BYTES && text.chars().all(|c| c == 'é'));
    }
}
