//! Terms: every article's text → the terms search and related articles share.
//!
//! Takes the collection's articles; returns a [`Vocabulary`] (each distinct term once,
//! numbered) and, per article, its terms with their counts ([`ArticleTerms`]). The text is
//! read once here: the search index encodes these postings and the related-articles
//! ranking weighs the same counts, so neither tokenizes again. A [`TermsMemo`] keeps the
//! vocabulary and each article's terms between builds, so a rebuild reads only edited
//! articles; term numbers then differ from a fresh build's, so outputs use the terms' text
//! order ([`Vocabulary::sorted`], [`Vocabulary::ranks`]), never the numbers.
//!
//! [`normalize`] and [`terms_of`] define the terms; `themes/default/static/search.js`
//! implements the same rules for queries, so a change here must be made there too.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
mod tokens;

pub use tokens::{normalize, terms_of};

use crate::model::Article;

/// A term's number in the [`Vocabulary`].
pub type TermId = u32;

/// Every distinct term of the collection, numbered in the order the articles first use it.
///
/// A [`TermsMemo`] keeps the vocabulary between builds, so after an edit the numbers are
/// not those a fresh build would give, and terms no article uses any more may remain.
/// Nothing written may depend on the numbers: [`Vocabulary::sorted`] and
/// [`Vocabulary::ranks`] give the terms' text order, which is the same however they were
/// numbered.
#[derive(Debug, Default, Clone, serde::Serialize, serde::Deserialize)]
pub struct Vocabulary {
    terms: Vec<Box<str>>,
    /// Per term: whether it is a word for the wording similarity of related articles.
    is_word: Vec<bool>,
    numbers: FxHashMap<Box<str>, TermId>,
    /// Every term number, in the terms' text (code point) order.
    sorted: Vec<TermId>,
    /// Per term number: its place in `sorted`.
    ranks: Vec<u32>,
}

impl Vocabulary {
    /// The term numbered `id`.
    pub fn term(&self, id: TermId) -> &str {
        &self.terms[id as usize]
    }

    /// How many distinct terms there are.
    pub fn len(&self) -> usize {
        self.terms.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Whether the term counts for the wording similarity of related articles: letters
    /// only, three or more of them, and not one of the commonest English function words.
    pub fn is_word(&self, id: TermId) -> bool {
        self.is_word[id as usize]
    }

    /// Every term number, in the terms' text (code point) order.
    pub fn sorted(&self) -> &[TermId] {
        &self.sorted
    }

    /// Per term number: its place in the terms' text order, a numbering that does not
    /// depend on the order articles were read in.
    pub fn ranks(&self) -> &[u32] {
        &self.ranks
    }

    /// The number of `term`, numbering it if it is new.
    pub(crate) fn intern(&mut self, term: &str) -> TermId {
        if let Some(&id) = self.numbers.get(term) {
            return id;
        }
        let id = self.terms.len() as TermId;
        self.terms.push(term.into());
        self.is_word.push(is_word(term));
        self.numbers.insert(term.into(), id);
        id
    }

    /// Puts the terms numbered since `first_new` into the text order.
    fn order_new_terms(&mut self, first_new: usize) {
        if first_new == self.terms.len() {
            return;
        }
        let mut new: Vec<TermId> = (first_new as TermId..self.terms.len() as TermId).collect();
        new.par_sort_unstable_by(|&a, &b| self.terms[a as usize].cmp(&self.terms[b as usize]));
        let old = std::mem::take(&mut self.sorted);
        let mut merged = Vec::with_capacity(old.len() + new.len());
        let (mut i, mut j) = (0, 0);
        while i < old.len() && j < new.len() {
            if self.terms[old[i] as usize] < self.terms[new[j] as usize] {
                merged.push(old[i]);
                i += 1;
            } else {
                merged.push(new[j]);
                j += 1;
            }
        }
        merged.extend_from_slice(&old[i..]);
        merged.extend_from_slice(&new[j..]);
        self.ranks = vec![0; merged.len()];
        for (rank, &id) in (0u32..).zip(&merged) {
            self.ranks[id as usize] = rank;
        }
        self.sorted = merged;
    }
}

/// A term in one article: its count in the body (summary, subtitle, authors, source and
/// text), and whether the title has it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Occurrence {
    /// Times in the body.
    pub count: u32,
    /// Whether the title has it.
    pub in_title: bool,
}

/// What one article's text holds.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ArticleTerms {
    /// Each distinct term with its occurrence, sorted by term number.
    pub terms: Vec<(TermId, Occurrence)>,
    /// How many terms the body has, counting repeats.
    pub length: usize,
}

/// An article's body [words](Vocabulary::is_word) with their counts, sorted by term
/// number: what the related-articles ranking weighs. Collected once when the article is
/// read, so an unchanged article's are shared with the ranking's memo; apart from
/// [`ArticleTerms`], so a one-off build drops them after ranking.
pub type Words = Arc<[(TermId, u32)]>;

/// One article's distinct terms before numbering: their text back to back, and each
/// term's end in it with its occurrence, in term order.
struct Found {
    text: String,
    /// Per term: where its text ends in `text`, its occurrence, and its count in the
    /// article's text alone.
    terms: Vec<(usize, Occurrence, u32)>,
    length: usize,
}

/// Articles tokenized in parallel per chunk before their terms are numbered: memory holds
/// one chunk's term texts at a time, not the whole collection's.
const CHUNK: usize = 1024;

/// A kept vocabulary starts again only after twice this many articles or twice the
/// collection were read: a small collection would otherwise renumber every few edits, and
/// the terms left behind by this many articles are a few megabytes at most.
const READS_BEFORE_RENUMBERING: usize = 1000;

/// What [`index_terms`] keeps between builds: the vocabulary, and each article's terms by
/// a hash of the text they were read from, so an unchanged article is not read again and
/// keeps its term numbers.
#[derive(Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct TermsMemo {
    pub(super) vocabulary: Arc<Vocabulary>,
    pub(super) by_text: FxHashMap<blake3::Hash, (Arc<ArticleTerms>, Words)>,
    /// Articles read since the vocabulary was started: each edit can leave terms behind,
    /// so past two collections' worth (see [`READS_BEFORE_RENUMBERING`]) the vocabulary
    /// starts again, bounding the terms no article uses to about those of one collection.
    pub(super) read: usize,
    /// Changes whenever the numbering starts again, so memos holding term numbers can
    /// tell theirs apart.
    pub(super) generation: u64,
}

impl TermsMemo {
    /// Which numbering the current term numbers belong to.
    pub fn generation(&self) -> u64 {
        self.generation
    }

    /// How many articles were read since the numbering started (see [`TermsMemo::generation`]).
    pub fn read_count(&self) -> usize {
        self.read
    }
}

/// Reads every article's title and body once: the collection's vocabulary, and each
/// article's terms and words. Articles whose text `memo` has seen are not read again; `is_kept`
/// keeps this build's for the next (a one-off build would only hold them longer).
pub fn index_terms(
    articles: &[Article],
    memo: &mut TermsMemo,
    is_kept: bool,
) -> (Arc<Vocabulary>, Vec<Arc<ArticleTerms>>, Vec<Words>) {
    if memo.read > 2 * articles.len().max(READS_BEFORE_RENUMBERING) {
        *memo = TermsMemo {
            generation: memo.generation + 1,
            ..TermsMemo::default()
        };
    }
    let keys: Vec<blake3::Hash> = articles.par_iter().map(text_key).collect();
    let mut all: Vec<Option<(Arc<ArticleTerms>, Words)>> = keys
        .iter()
        .map(|key| memo.by_text.get(key).cloned())
        .collect();
    let unread: Vec<usize> = (0..articles.len()).filter(|&i| all[i].is_none()).collect();
    memo.read += unread.len();
    let vocabulary = Arc::make_mut(&mut memo.vocabulary);
    let first_new = vocabulary.len();
    for chunk in unread.chunks(CHUNK) {
        let found: Vec<Found> = chunk
            .par_iter()
            .map(|&index| {
                let article = &articles[index];
                let mut editorial: Vec<&str> = vec![article.summary.as_str()];
                editorial.extend(article.subtitle.as_deref());
                editorial.extend(article.authors.iter().map(String::as_str));
                editorial.extend(article.source.as_ref().and_then(|s| s.name.as_deref()));
                let text: Vec<&str> = searchable_lines(article).collect();
                find_terms(&article.title, &editorial, &text)
            })
            .collect();
        for (&index, article) in chunk.iter().zip(found) {
            let mut start = 0;
            let mut terms: Vec<(TermId, Occurrence, u32)> = article
                .terms
                .iter()
                .map(|&(end, occurrence, in_text)| {
                    let term = &article.text[start..end];
                    start = end;
                    (vocabulary.intern(term), occurrence, in_text)
                })
                .collect();
            terms.sort_unstable_by_key(|&(id, _, _)| id);
            // The wording of related articles is the text's alone (see `link::related`).
            let words = terms
                .iter()
                .filter(|&&(id, _, in_text)| in_text > 0 && vocabulary.is_word(id))
                .map(|&(id, _, in_text)| (id, in_text))
                .collect();
            let terms = terms.into_iter().map(|(id, o, _)| (id, o)).collect();
            let terms = ArticleTerms {
                terms,
                length: article.length,
            };
            all[index] = Some((Arc::new(terms), words));
        }
    }
    vocabulary.order_new_terms(first_new);
    let all: Vec<(Arc<ArticleTerms>, Words)> =
        all.into_iter().map(Option::unwrap_or_default).collect();
    if is_kept {
        memo.by_text = keys.into_iter().zip(all.iter().cloned()).collect();
    }
    let (article_terms, words) = all.into_iter().unzip();
    if !is_kept {
        let kept = std::mem::replace(
            memo,
            TermsMemo {
                generation: memo.generation + 1,
                ..TermsMemo::default()
            },
        );
        return (kept.vocabulary, article_terms, words);
    }
    (Arc::clone(&memo.vocabulary), article_terms, words)
}

/// A hash of everything [`index_terms`] reads of an article: title, summary, subtitle,
/// authors, source name and its document (by fingerprint, which fixes its searchable
/// lines).
fn text_key(article: &Article) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    let mut part = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    part(article.title.as_bytes());
    part(article.summary.as_bytes());
    for optional in [
        article.subtitle.as_deref(),
        article.source.as_ref().and_then(|s| s.name.as_deref()),
    ] {
        match optional {
            Some(text) => {
                part(b"some");
                part(text.as_bytes());
            }
            None => part(b"none"),
        }
    }
    part(&(article.authors.len() as u64).to_le_bytes());
    for author in &article.authors {
        part(author.as_bytes());
    }
    part(article.document.fingerprint.as_bytes());
    hasher.finalize()
}

/// The lines of an article's text that search reads (for its terms here, and for result
/// snippets): only text a reader sees as the article's, not comments, dropped lines or
/// credits.
pub fn searchable_lines(article: &Article) -> impl Iterator<Item = &str> {
    article
        .document
        .blocks
        .iter()
        .filter(|b| b.kind.is_article_text())
        .flat_map(|b| b.lines.iter().map(String::as_str))
}

/// The distinct terms of a title and body (the editorial parts, then the text), sorted, so
/// that numbering them is the same on every run; each with its occurrence and how many
/// times the text alone has it.
fn find_terms(title: &str, editorial: &[&str], text: &[&str]) -> Found {
    let normalized_title = normalize(title);
    let normalized_editorial: Vec<String> = editorial.iter().map(|part| normalize(part)).collect();
    let normalized_text: Vec<String> = text.iter().map(|part| normalize(part)).collect();
    let mut terms: FxHashMap<&str, (Occurrence, u32)> = FxHashMap::default();
    let mut length = 0;
    for term in terms_of(&normalized_title) {
        terms.entry(term).or_default().0.in_title = true;
    }
    for (part, is_text) in normalized_editorial
        .iter()
        .map(|p| (p, false))
        .chain(normalized_text.iter().map(|p| (p, true)))
    {
        for term in terms_of(part) {
            length += 1;
            let entry = terms.entry(term).or_default();
            entry.0.count += 1;
            entry.1 += u32::from(is_text);
        }
    }
    let mut sorted: Vec<(&str, (Occurrence, u32))> = terms.into_iter().collect();
    sorted.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut text = String::with_capacity(sorted.iter().map(|(t, _)| t.len()).sum());
    let terms = sorted
        .into_iter()
        .map(|(term, (occurrence, in_text))| {
            text.push_str(term);
            (text.len(), occurrence, in_text)
        })
        .collect();
    Found {
        text,
        terms,
        length,
    }
}

/// Whether a term is a word for the wording similarity: letters only, three or more of
/// them, not a function word.
fn is_word(term: &str) -> bool {
    term.chars().nth(2).is_some() && term.chars().all(char::is_alphabetic) && !is_stop_word(term)
}

/// The commonest English function words of three letters or more.
fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "and"
            | "that"
            | "with"
            | "for"
            | "was"
            | "were"
            | "are"
            | "this"
            | "from"
            | "have"
            | "has"
            | "had"
            | "not"
            | "but"
            | "they"
            | "their"
            | "them"
            | "his"
            | "her"
            | "she"
            | "you"
            | "who"
            | "which"
            | "what"
            | "been"
            | "also"
            | "into"
            | "its"
            | "there"
            | "would"
            | "could"
            | "about"
            | "than"
            | "then"
            | "when"
            | "will"
            | "can"
            | "all"
            | "our"
            | "out"
            | "one"
    )
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
        assert_eq!(
            normalize("From Hoeryŏng to Sinŭiju, “Ça va”"),
            "from hoeryong to sinuiju, “ca va”"
        );
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
    fn find_terms_counts_body_and_flags_title() {
        let found = find_terms("The Tumen", &["tumen river"], &["the Tumen"]);
        assert_eq!(found.length, 4);
        assert_eq!(found.text, "rivertheTumen".to_lowercase());
        let occurrence = |count, in_title| Occurrence { count, in_title };
        assert_eq!(
            found.terms,
            [
                (5, occurrence(1, false), 0),
                (8, occurrence(1, true), 1),
                (13, occurrence(2, true), 1),
            ],
            "the last number counts the text alone, without the summary"
        );
    }

    #[test]
    fn the_text_order_takes_in_terms_numbered_later() {
        let mut vocabulary = Vocabulary::default();
        for term in ["tumen", "river", "border"] {
            vocabulary.intern(term);
        }
        vocabulary.order_new_terms(0);
        assert_eq!(
            vocabulary.intern("river"),
            1,
            "a known term keeps its number"
        );
        for term in ["apple", "sinuiju", "river", "회령", "bridge"] {
            vocabulary.intern(term);
        }
        vocabulary.order_new_terms(3);
        let sorted: Vec<&str> = vocabulary
            .sorted()
            .iter()
            .map(|&id| vocabulary.term(id))
            .collect();
        assert_eq!(
            sorted,
            [
                "apple", "border", "bridge", "river", "sinuiju", "tumen", "회령"
            ]
        );
        for (rank, &id) in (0u32..).zip(vocabulary.sorted()) {
            assert_eq!(vocabulary.ranks()[id as usize], rank);
        }
    }

    #[test]
    fn words_for_related_articles_skip_short_numeric_and_function_words() {
        assert!(is_word("tumen") && is_word("회령에서"));
        assert!(!is_word("the") && !is_word("to") && !is_word("2023") && !is_word("kbs2"));
    }
}
