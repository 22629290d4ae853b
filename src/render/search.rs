//! Search index: the articles → a sharded, static full-text index under `search/`.
//!
//! Takes the site-wide views, with every article's terms as [`crate::link::terms`]
//! found them; puts the index files into the output. `search/index.json` (the
//! manifest) holds the shard layout and the names of the topics and years a query can be
//! filtered by, so it stays a few kilobytes however large the collection. Term postings
//! live in `search/terms/<n>.json`, each a sorted range of terms cut at about
//! [`SHARD_TARGET_BYTES`], so a query fetches only the shards its terms (and their prefix
//! and typo expansions) fall in. What a result shows (title, path, source, date and the
//! opening of its text for the snippet) lives in `search/docs/<n>.json`, [`DOCS_PER_SHARD`]
//! articles a file, fetched only for the results shown. `search/facets.json` lists each
//! topic's and year's articles, fetched only when a filter is chosen. Output is
//! deterministic: terms are sorted and article numbers follow the collection's order,
//! never term numbers (which a vocabulary kept between builds does not give as a fresh
//! build would).
//!
//! [`normalize`] and [`terms_of`] (in `link::terms`) define the terms;
//! `themes/default/static/search.js` implements the same rules for queries, so a change
//! there must be made in both.

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::Serialize;

use super::memo::{MemoEntry, RenderMemo, changed_while_kept, known_entry};
use super::output::Output;
use super::postings::{Postings, encode_articles, postings_of};
pub use super::postings::{SearchMemo, decode_articles, decode_postings};
use crate::error::Diagnostic;
use crate::link::terms::{TermId, Vocabulary, searchable_lines};
pub use crate::link::terms::{normalize, terms_of};
use crate::model::DateCertainty;
use crate::view::key::KeyBuilder;
use crate::view::paths;
use crate::view::site::DateView;
use crate::view::site::Views;
use crate::view::strings::Strings;

/// Postings are cut into shards of about this many bytes (uncompressed), so a query's
/// download stays small: measured on a generated 10,000-article collection, see README.
pub const SHARD_TARGET_BYTES: usize = 64 * 1024;

/// The text kept per article for snippets is cut at this many bytes (at a character
/// boundary): about 500 words, enough for a snippet of a match in the opening; a match
/// further down shows the article's summary instead. 16 KiB before #17, when every
/// result's document was its own file.
pub const SNIPPET_TEXT_BYTES: usize = 3 * 1024;

/// Result documents per file `search/docs/<n>.json`: a small collection's results come in
/// one or two requests, and a file stays near 50 KB.
pub const DOCS_PER_SHARD: usize = 16;

/// The topic and year filters' article lists.
pub const FACETS_PATH: &str = "search/facets.json";

/// The index format, which the script checks.
const VERSION: u32 = 2;

/// The manifest, `search/index.json`.
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    /// Format version; the script refuses others.
    version: u32,
    /// Changes with any index byte; the script adds it to shard URLs to defeat stale caches.
    build: String,
    /// Number of articles; article `n` is entry `n % DOCS_PER_SHARD` of `docs/<n / DOCS_PER_SHARD>.json`.
    article_count: usize,
    /// Articles per result-document file.
    docs_per_shard: usize,
    /// The first term of each shard `terms/<i>.json`, in Unicode code point order.
    shards: Vec<String>,
    /// The topics a query can be narrowed to, as `[slug, name, articles]`, by name.
    topics: Vec<(&'a str, &'a str, usize)>,
    /// The years of publication, as `[year, articles]`, newest first.
    years: Vec<(u16, usize)>,
}

/// `search/facets.json`: each topic's and year's article numbers, encoded as postings
/// gaps without weights.
#[derive(Debug, Serialize)]
struct Facets<'a> {
    topics: BTreeMap<&'a str, String>,
    years: BTreeMap<u16, String>,
}

/// What a result shows, `search/docs/<n>.json`.
#[derive(Debug, Serialize)]
struct ResultDoc<'a> {
    title: &'a str,
    /// Root-relative path of the article page.
    path: &'a str,
    source: Option<&'a str>,
    /// The date as the lists show it, its certainty in words when it is not stated
    /// (`about 2007`, `2007 (inferred)`, #17).
    date: Cow<'a, str>,
    datetime: &'a str,
    /// The searchable text, paragraphs separated by newlines, cut at [`SNIPPET_TEXT_BYTES`];
    /// the summary when the article has no text.
    text: String,
    /// The summary, when the text was cut (a match beyond the cut shows it instead).
    #[serde(skip_serializing_if = "Option::is_none")]
    summary: Option<&'a str>,
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
    let vocabulary = &shared.site.vocabulary;
    let per_article = &shared.site.article_terms;
    let (postings, average_length, mismatch) =
        postings_of(vocabulary, per_article, previous, is_verifying);
    let mut errors: Vec<Diagnostic> = mismatch.into_iter().collect();
    crate::timing::report("search: postings", started);
    let (first_terms, shard_hashes) = write_shards(output, vocabulary, &postings);
    let docs = write_docs(shared, output, memo, is_verifying);
    let kept: Vec<(&str, blake3::Hash)> = docs
        .iter()
        .filter(|doc| doc.is_kept)
        .filter_map(|doc| doc.memo.as_ref())
        .map(|(path, entry)| (path.as_str(), entry.written))
        .collect();
    output.keep(&kept);
    drop(kept);
    // The manifest's build id changes with any byte of the index; each file's hash goes
    // into it in path order, whatever order the files were made in.
    let mut hasher = blake3::Hasher::new();
    for hash in shard_hashes.iter().chain(docs.iter().map(|doc| &doc.hash)) {
        hasher.update(hash.as_bytes());
    }
    let (facets, topics, years) = facets_of(shared);
    let facets = to_json(&facets);
    hasher.update(blake3::hash(&facets).as_bytes());
    output.put(FACETS_PATH, facets);
    let manifest = Manifest {
        version: VERSION,
        build: hasher.finalize().to_hex()[..10].to_string(),
        article_count: shared.site.collection.articles.len(),
        docs_per_shard: DOCS_PER_SHARD,
        shards: first_terms,
        topics,
        years,
    };
    output.put(paths::SEARCH_MANIFEST, to_json(&manifest));
    let mut entries = Vec::with_capacity(docs.len());
    for doc in docs {
        entries.extend(doc.memo);
        errors.extend(doc.error);
    }
    let kept = memo.map(|_| SearchMemo::new(vocabulary, per_article, average_length, postings));
    (entries, kept, errors)
}

/// Cuts the terms, in order, into shards of about [`SHARD_TARGET_BYTES`] and puts them in
/// `output`; returns each shard's first term and its share of the build id.
fn write_shards(
    output: &dyn Output,
    vocabulary: &Vocabulary,
    postings: &Postings,
) -> (Vec<String>, Vec<blake3::Hash>) {
    let (postings, encoded) = postings;
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
    (first_terms, shard_hashes)
}

/// A date as a result shows it: with "about" or "(inferred)" / "(disputed)" in the site's
/// language, as the lists of articles show it, so a search result does not state as a
/// fact what the editor inferred.
fn qualified_date<'a>(date: &'a DateView, strings: &Strings) -> Cow<'a, str> {
    match DateCertainty::parse(date.certainty) {
        Some(DateCertainty::Approximate) => {
            Cow::Owned(format!("{}{}", strings.about, date.display))
        }
        Some(DateCertainty::Inferred) => {
            Cow::Owned(format!("{} ({})", date.display, strings.inferred))
        }
        Some(DateCertainty::Disputed) => {
            Cow::Owned(format!("{} ({})", date.display, strings.disputed))
        }
        Some(DateCertainty::Stated) | None => Cow::Borrowed(&date.display),
    }
}

/// Puts every shard of result documents in `output`, or keeps the last build's when its
/// articles are unchanged: a document shows only its article (title, date, text), so a
/// shard's key is its articles' fingerprints.
fn write_docs(
    shared: &Views<'_>,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> Vec<DocOutcome> {
    let articles = &shared.site.collection.articles;
    let strings = shared.site_view.strings;
    (0..articles.len().div_ceil(DOCS_PER_SHARD))
        .into_par_iter()
        .map(|number| {
            let range = number * DOCS_PER_SHARD..articles.len().min((number + 1) * DOCS_PER_SHARD);
            let path = paths::search_doc(number);
            let key = memo.map(|(_, site_key)| {
                let mut key = KeyBuilder::new(site_key, &path);
                for article in &articles[range.clone()] {
                    key.article(article);
                }
                key.finish()
            });
            let (known, is_kept) = known_entry(memo, key.as_ref(), &path, output, is_verifying);
            if let Some(entry) = known.filter(|_| is_kept) {
                return DocOutcome {
                    hash: path_hash(&path, &entry.written),
                    memo: Some((path, entry)),
                    is_kept: true,
                    error: None,
                };
            }
            let docs: Vec<ResultDoc<'_>> = articles[range.clone()]
                .iter()
                .zip(&shared.summaries[range])
                .map(|(article, summary)| {
                    let lines: Vec<&str> = searchable_lines(article).collect();
                    let (text, is_cut) = snippet_text(&lines);
                    ResultDoc {
                        title: &article.title,
                        path: &summary.path,
                        source: summary.source_name.as_deref(),
                        date: qualified_date(&summary.published, strings),
                        datetime: &summary.published.iso,
                        text: if text.is_empty() {
                            article.summary.clone()
                        } else {
                            text
                        },
                        summary: is_cut.then_some(article.summary.as_str()),
                    }
                })
                .collect();
            let bytes = to_json(&docs);
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
        .collect()
}

/// The filters: every topic's and year's articles, and the manifest's lists of them.
/// Rewritten on every build: it is a few kilobytes, and any article's topics or date may
/// have changed.
#[allow(clippy::type_complexity)]
fn facets_of<'v>(
    shared: &'v Views<'_>,
) -> (
    Facets<'v>,
    Vec<(&'v str, &'v str, usize)>,
    Vec<(u16, usize)>,
) {
    let collection = &shared.site.collection;
    let mut by_topic: BTreeMap<&str, Vec<u32>> = BTreeMap::new();
    let mut by_year: BTreeMap<u16, Vec<u32>> = BTreeMap::new();
    for (number, article) in collection.articles.iter().enumerate() {
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        for topic in &article.topics {
            by_topic.entry(topic.as_str()).or_default().push(number);
        }
        by_year
            .entry(article.published.year)
            .or_default()
            .push(number);
    }
    let mut topics: Vec<(&str, &str, usize)> = by_topic
        .iter()
        .map(|(&slug, list)| {
            let name = collection
                .topics
                .values()
                .find(|t| t.slug.as_str() == slug)
                .map_or(slug, |t| t.name.as_str());
            (slug, name, list.len())
        })
        .collect();
    topics.sort_by(|a, b| sort_name(a.1).cmp(&sort_name(b.1)).then(a.0.cmp(b.0)));
    let years = by_year
        .iter()
        .rev()
        .map(|(&y, list)| (y, list.len()))
        .collect();
    let facets = Facets {
        topics: by_topic
            .into_iter()
            .map(|(slug, list)| (slug, encode_articles(&list)))
            .collect(),
        years: by_year
            .into_iter()
            .map(|(year, list)| (year, encode_articles(&list)))
            .collect(),
    };
    (facets, topics, years)
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

/// A topic's name as a list sorts it: lowercase, without a leading English article, so
/// "The China border" sorts under C (#17).
fn sort_name(name: &str) -> String {
    let lower = name.to_lowercase();
    ["the ", "a ", "an "]
        .iter()
        .find_map(|article| lower.strip_prefix(article))
        .map_or(lower.clone(), str::to_string)
}

/// The article's lines as paragraphs, cut at a character boundary, and whether it was cut.
fn snippet_text(lines: &[&str]) -> (String, bool) {
    let mut text = lines.join("\n");
    let is_cut = text.len() > SNIPPET_TEXT_BYTES;
    if is_cut {
        let mut end = SNIPPET_TEXT_BYTES;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
    }
    (text, is_cut)
}

fn to_json(value: &impl Serialize) -> Vec<u8> {
    // Serializing plain maps, strings and numbers cannot fail.
    serde_json::to_vec(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topic_names_sort_without_a_leading_article() {
        let mut names = vec![
            "Smuggling",
            "The China border",
            "Border closure",
            "An aside",
        ];
        names.sort_by_key(|n| sort_name(n));
        assert_eq!(
            names,
            [
                "An aside",
                "Border closure",
                "The China border",
                "Smuggling"
            ]
        );
    }

    #[test]
    fn snippet_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(SNIPPET_TEXT_BYTES);
        let (text, is_cut) = snippet_text(&[&long]);
        assert!(is_cut && text.len() <= SNIPPET_TEXT_BYTES && text.chars().all(|c| c == 'é'));
        assert_eq!(snippet_text(&["short"]), ("short".to_string(), false));
    }
}
