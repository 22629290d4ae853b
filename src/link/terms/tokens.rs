//! Tokens: how text becomes terms, the rules search queries follow too.
//!
//! [`normalize`] folds case and diacritics; [`terms_of`] cuts folded text into words, and
//! runs of Chinese, Japanese or Korean characters into overlapping pairs.
//! `themes/default/static/search.js` implements the same rules for queries, so a change here
//! must be made there too.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds text for matching: lowercase, diacritics removed (NFD, then the combining
/// diacritical marks dropped, then NFC again so Hangul syllables and kana voicing marks
/// stay whole), and final sigma read as sigma. "Hoeryöng" → "hoeryong".
pub fn normalize(text: &str) -> String {
    let lower = text.to_lowercase();
    // Most text needs nothing more, and the Unicode tables are the slow part.
    if lower.chars().all(is_plain) {
        return lower;
    }
    // Only the words holding other characters go through them: a space never combines
    // with its neighbours, so each space-separated piece normalizes on its own.
    let mut folded = String::with_capacity(lower.len());
    for (index, piece) in lower.split(' ').enumerate() {
        if index > 0 {
            folded.push(' ');
        }
        if piece.chars().all(is_plain) {
            folded.push_str(piece);
        } else {
            folded.extend(
                piece
                    .nfd()
                    .filter(|&c| !is_diacritic(c))
                    .nfc()
                    .map(|c| if c == 'ς' { 'σ' } else { c }),
            );
        }
    }
    folded
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
        if let Some((start, last_is_cjk)) = run
            && last_is_cjk != is_cjk(c)
            && !is_combining_mark(c)
        {
            flush(&normalized[start..at], &mut terms);
            run = None;
        }
        let start = run.map_or(at, |(start, _)| start);
        run = Some((start, is_cjk(c)));
    }
    if let Some((start, _)) = run {
        flush(&normalized[start..], &mut terms);
    }
    terms
}
