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

use rayon::prelude::*;
use serde::Serialize;

use super::memo::{MemoEntry, RenderMemo, changed_while_kept, known_entry};
use super::output::Output;
use super::postings::{Postings, postings_of};
pub use super::postings::{SearchMemo, decode_postings};
use crate::error::Diagnostic;
use crate::link::terms::{TermId, Vocabulary, searchable_lines};
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
    let manifest = Manifest {
        version: 1,
        build: hasher.finalize().to_hex()[..10].to_string(),
        article_count: shared.site.collection.articles.len(),
        shards: first_terms,
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

/// Puts every article's result document in `output`, or keeps the last build's when its
/// article is unchanged: a document shows only its article (title, date, summary, text), so
/// its key is the article's fingerprint.
fn write_docs(
    shared: &Views<'_>,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> Vec<DocOutcome> {
    shared
        .site
        .collection
        .articles
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
        .collect()
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

    #[test]
    fn snippet_text_is_cut_at_a_character_boundary() {
        let long = "é".repeat(SNIPPET_TEXT_BYTES);
        let text = snippet_text(&[&long]);
        assert!(text.len() <= SNIPPET_TEXT_BYTES && text.chars().all(|c| c == 'é'));
    }
}
