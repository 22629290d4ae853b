//! Search index: the articles → a sharded, static full-text index under `search/`.
//!
//! Takes the shared render state; returns the index files. `search/index.json` (the
//! manifest) holds only the shard layout, so it stays a few kilobytes however large the
//! collection. Term postings live in `search/terms/<n>.json`, each a sorted range of terms
//! cut at about [`SHARD_TARGET_BYTES`], so a query fetches only the shards its terms (and
//! their prefix expansions) fall in. What a result shows (title, path, source, date and the
//! text for its snippet) lives in `search/docs/<n>.json`, one per article, fetched only for
//! the top results. Output is deterministic: terms are sorted and article numbers follow
//! the collection's order.
//!
//! [`normalize`] and [`terms_of`] define the terms; `themes/default/static/search.js`
//! implements the same rules for queries, so a change here must be made there too.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Shared;
use crate::parse::text::BlockKind;

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

/// Whether a block's text goes into the index: only text a reader sees as the article's
/// text (not comments, dropped lines or credits once the structurer finds them).
fn is_searchable(kind: BlockKind) -> bool {
    kind.is_article_text()
}

/// Folds text for matching: lowercase, diacritics removed (NFD, then the combining
/// diacritical marks dropped, then NFC again so Hangul syllables and kana voicing marks
/// stay whole), and final sigma read as sigma. "Hoeryöng" → "hoeryong".
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase();
    // Most text needs nothing more, and the Unicode tables are the slow part.
    if lower.chars().all(is_plain) {
        return lower;
    }
    lower
        .nfd()
        .filter(|&c| !is_diacritic(c))
        .nfc()
        .map(|c| if c == 'ς' { 'σ' } else { c })
        .collect()
}

/// Whether a lowercase character is left alone by [`normalize`]: no canonical decomposition,
/// not a combining mark, never composed with a neighbour. ASCII and Latin-1 punctuation, and
/// the dashes, quotes and ellipsis of General Punctuation.
fn is_plain(c: char) -> bool {
    c < '\u{c0}' || ('\u{2010}'..='\u{205f}').contains(&c)
}

/// The combining marks [`normalize`] drops: the diacritics of Latin, Greek and Cyrillic.
/// Other marks (Indic vowel signs, kana voicing) change the letter, so they stay.
fn is_diacritic(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

/// Whether a character belongs to a word: letters, digits and marks.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Hangul, kana and Han: scripts indexed as character bigrams, because Chinese and
/// Japanese write no spaces and Korean attaches particles to words ("회령에서").
fn is_cjk(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{11ff}' | '\u{3040}'..='\u{30ff}' | '\u{3130}'..='\u{318f}'
        | '\u{31f0}'..='\u{31ff}' | '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}'
        | '\u{ac00}'..='\u{d7af}' | '\u{f900}'..='\u{faff}' | '\u{ff66}'..='\u{ff9f}'
        | '\u{20000}'..='\u{2ffff}')
}

/// The terms of already [normalized](normalize) text, in order: each run of word
/// characters, split where it changes between CJK and other scripts; a CJK run gives its
/// overlapping character bigrams (a lone character gives itself). Terms are slices of the
/// text, so finding them allocates nothing per term.
pub fn terms_of(normalized: &str) -> Vec<&str> {
    fn flush<'t>(run: &'t str, terms: &mut Vec<&'t str>) {
        let is_cjk_run = run.chars().next().is_some_and(is_cjk);
        let starts: Vec<usize> = if is_cjk_run {
            run.char_indices().map(|(i, _)| i).collect()
        } else {
            Vec::new()
        };
        if is_cjk_run && starts.len() > 1 {
            for (k, &start) in starts.iter().enumerate().take(starts.len() - 1) {
                let end = starts.get(k + 2).copied().unwrap_or(run.len());
                terms.push(&run[start..end]);
            }
        } else if !run.is_empty() {
            terms.push(run);
        }
    }
    let mut terms = Vec::new();
    // The run being read: its start, and whether its last character is CJK.
    let mut run: Option<(usize, bool)> = None;
    for (at, c) in normalized.char_indices() {
        if !is_word_char(c) {
            if let Some((start, _)) = run.take() {
                flush(&normalized[start..at], &mut terms);
            }
            continue;
        }
        // A mark belongs to the run it follows, whatever its script.
        if let Some((start, last_is_cjk)) = run {
            if !is_combining_mark(c) && last_is_cjk != is_cjk(c) {
                flush(&normalized[start..at], &mut terms);
                run = None;
            }
        }
        let start = run.map_or(at, |(start, _)| start);
        run = Some((start, is_cjk(c)));
    }
    if let Some((start, _)) = run {
        flush(&normalized[start..], &mut terms);
    }
    terms
}

/// What one article contributes to the index: per term, its count in the body (summary,
/// authors, source and text) and whether the title has it, sorted by term.
#[derive(Debug, Default)]
struct ArticleTerms {
    terms: Vec<(String, Occurrence)>,
    length: usize,
}

/// A term in one article: its count in the body, and whether the title has it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
struct Occurrence {
    count: u32,
    in_title: bool,
}

fn article_terms(title: &str, body: &[&str]) -> ArticleTerms {
    let normalized_title = normalize(title);
    let normalized_body: Vec<String> = body.iter().map(|part| normalize(part)).collect();
    let mut terms: FxHashMap<&str, Occurrence> = FxHashMap::default();
    let mut length = 0;
    for term in terms_of(&normalized_title) {
        terms.entry(term).or_default().in_title = true;
    }
    for part in &normalized_body {
        for term in terms_of(part) {
            length += 1;
            terms.entry(term).or_default().count += 1;
        }
    }
    let mut terms: Vec<(String, Occurrence)> = terms
        .into_iter()
        .map(|(term, occurrence)| (term.to_string(), occurrence))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    ArticleTerms { terms, length }
}

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
/// the result documents.
pub(super) fn render_search_index(shared: &Shared<'_>, output: &dyn super::Output) {
    let articles = &shared.site.collection.articles;
    // Articles are read in chunks, each chunk in parallel, and merged into one posting map
    // that holds every term once: memory grows with the postings, not with every article's
    // term list at once. A posting keeps the raw count until the average length is known.
    let mut postings: FxHashMap<String, Vec<(u32, Occurrence)>> = FxHashMap::default();
    let mut lengths: Vec<usize> = Vec::with_capacity(articles.len());
    for (chunk_number, chunk) in articles.chunks(1024).enumerate() {
        let found: Vec<ArticleTerms> = chunk
            .par_iter()
            .map(|article| {
                let mut body: Vec<&str> = vec![article.summary.as_str()];
                body.extend(article.subtitle.as_deref());
                body.extend(article.authors.iter().map(String::as_str));
                body.extend(article.source.as_ref().and_then(|s| s.name.as_deref()));
                body.extend(searchable_lines(article));
                article_terms(&article.title, &body)
            })
            .collect();
        for (offset, article) in found.into_iter().enumerate() {
            let number = (chunk_number * 1024 + offset) as u32;
            lengths.push(article.length);
            for (term, occurrence) in article.terms {
                postings.entry(term).or_default().push((number, occurrence));
            }
        }
    }
    let average_length = lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64;
    let mut postings: Vec<(String, Vec<(u32, Occurrence)>)> = postings.into_iter().collect();
    postings.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));

    let encoded: Vec<String> = postings
        .par_iter()
        .map(|(_, list)| {
            let weighted: Vec<(u32, u8)> = list
                .iter()
                .map(|&(number, o)| {
                    let length = lengths[number as usize];
                    (number, weight(o.count, o.in_title, length, average_length))
                })
                .collect();
            encode_postings(&weighted)
        })
        .collect();
    let mut shards: Vec<BTreeMap<&str, &str>> = Vec::new();
    let mut shard_bytes = SHARD_TARGET_BYTES;
    for ((term, _), encoded) in postings.iter().zip(&encoded) {
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
        .map(|(index, shard)| emit(output, format!("search/terms/{index}.json"), shard))
        .collect();
    let doc_hashes: Vec<blake3::Hash> = articles
        .par_iter()
        .zip(&shared.summaries)
        .enumerate()
        .map(|(number, (article, summary))| {
            let doc = ResultDoc {
                title: &article.title,
                path: &summary.path,
                source: summary.source_name.as_deref(),
                date: &summary.published.display,
                datetime: &summary.published.iso,
                summary: &article.summary,
                text: snippet_text(&searchable_lines(article)),
            };
            emit(output, format!("search/docs/{number}.json"), &doc)
        })
        .collect();
    let mut hasher = blake3::Hasher::new();
    for hash in shard_hashes.iter().chain(&doc_hashes) {
        hasher.update(hash.as_bytes());
    }
    let manifest = Manifest {
        version: 1,
        build: hasher.finalize().to_hex()[..10].to_string(),
        article_count: articles.len(),
        shards: first_terms,
    };
    output.put("search/index.json", to_json(&manifest));
}

/// Serializes `value` to `path` in `output`, returning the hash of the path and bytes.
fn emit(output: &dyn super::Output, path: String, value: &impl Serialize) -> blake3::Hash {
    let bytes = to_json(value);
    let mut hasher = blake3::Hasher::new();
    hasher.update(path.as_bytes());
    hasher.update(&bytes);
    let hash = hasher.finalize();
    output.put(&path, bytes);
    hash
}

/// The lines of an article's text that go into the index.
fn searchable_lines(article: &crate::model::Article) -> Vec<&str> {
    article
        .document
        .blocks
        .iter()
        .filter(|b| is_searchable(b.kind))
        .flat_map(|b| b.lines.iter().map(String::as_str))
        .collect()
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

    #[test]
    fn normalize_folds_case_and_diacritics() {
        assert_eq!(normalize("Hoeryöng"), "hoeryong");
        assert_eq!(normalize("ÉCOLE Straße"), "ecole straße");
        assert_eq!(normalize("İstanbul"), "istanbul");
        assert_eq!(normalize("ΟΔΟΣ"), "οδοσ");
    }

    #[test]
    fn normalize_keeps_hangul_syllables_and_kana_voicing() {
        assert_eq!(normalize("회령"), "회령");
        assert_eq!(normalize("が"), "が");
    }

    #[test]
    fn terms_split_on_anything_but_letters_digits_and_marks() {
        assert_eq!(
            terms_of(&normalize("Kim's 2023 report—on the Tumen (river).")),
            ["kim", "s", "2023", "report", "on", "the", "tumen", "river"]
        );
    }

    #[test]
    fn cjk_runs_become_bigrams() {
        assert_eq!(terms_of("회령에서 왔다"), ["회령", "령에", "에서", "왔다"]);
        assert_eq!(terms_of("중국 국경"), ["중국", "국경"]);
        assert_eq!(terms_of("강"), ["강"]);
        assert_eq!(terms_of("kbs뉴스"), ["kbs", "뉴스"]);
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
    fn article_terms_count_body_and_flag_title() {
        let found = article_terms("The Tumen", &["tumen river", "the Tumen"]);
        assert_eq!(found.length, 4);
        let term = |t: &str| {
            found
                .terms
                .iter()
                .find(|(term, _)| term == t)
                .map(|(_, o)| *o)
        };
        assert_eq!(
            term("tumen"),
            Some(Occurrence {
                count: 2,
                in_title: true
            })
        );
        assert_eq!(
            term("river"),
            Some(Occurrence {
                count: 1,
                in_title: false
            })
        );
    }

    #[test]
    fn snippet_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(SNIPPET_TEXT_BYTES);
        let text = snippet_text(&[&long]);
        assert!(text.len() <= SNIPPET_TEXT_BYTES && text.chars().all(|c| c == 'é'));
    }
}
