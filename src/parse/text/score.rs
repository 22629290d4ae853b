//! The scoring classifier: decides the lines no sure rule claimed, the way reader-mode
//! extractors decide paragraphs (jusText, boilerpipe), but for plain text.
//!
//! Takes the pieces the rules made, with the indexes of the undecided ones (each a paragraph
//! for now); gives each undecided piece a **score** (positive: reads like body text; negative:
//! reads like page chrome) and the **features** behind it, then decides it in context:
//!
//! 1. *Per line* ([`line_score`]): length in Latin-character equivalents (CJK counted for what
//!    it carries), sentence-final punctuation (`.` `!` `?` `。` `！` `？`, or a Korean or
//!    Japanese verb ending), the share of stop words in the line's language, date stamps,
//!    chrome wording and addresses, digits, and the cues of [`super::cues`] (calls to action,
//!    lines about the page itself, breadcrumbs, hashtags, labelled links, metadata fields).
//! 2. *Anchors*: lines scoring [`ANCHOR_SCORE`] or more, and the paragraphs, list items and
//!    quotations that sure rules found, are body. Before the first anchor is the page's
//!    *head*, after the last its *tail*.
//! 3. *Context*: between anchors a line is body unless its wording is surely chrome (a short
//!    line between body blocks is body); in the head, the first title-like line is the
//!    headline (`title-like`), sentences and `Key: value` lines are body, and the rest (kickers,
//!    site names, stamps) is chrome; in the tail, runs of short lines without a sentence end are
//!    chrome, and so is everything after tail chrome. Chrome is dropped with the rule
//!    `page-chrome` (`call-to-action`, `self-reference` or `metadata-field` when that cue
//!    decided it). A name over a job title or date is a byline (`name-and-role`); a bare
//!    clock time before body text heads a live-blog entry (`entry-time`).
//! 4. A body line on its own that is short, has no final punctuation and is followed by body
//!    text is a heading (`title-like`), unless it reads `Key: value`.
//!
//! Every decision keeps its score and features (see [`Features::names`]), which
//! `shelf inspect` shows and [`super::Document::classify_lines`] returns. Cost: one bounded
//! look at each undecided line, then two passes over the pieces.

use serde::Serialize;

use super::BlockKind;
use super::context::{
    drop_bylines_in_tail_chrome, is_name_over_role, is_signature, is_titled_key, opens_body_block,
    title_overlap,
};
use super::cues::{
    ends_with_predicate, has_date_time, is_breadcrumb, is_call_to_action, is_clock, is_link_label,
    is_metadata_field, is_self_reference, is_tag_line,
};
use super::lines::{Line, Piece};
use super::rules::{ends_sentence, is_title_like};
use super::signals::{
    Hint, Language, capital_share, chrome_hint, digit_share, is_cjk, is_stamp, line_language,
    stop_share, weight,
};

/// A line scoring this much is body text wherever it stands.
pub(crate) const ANCHOR_SCORE: i16 = 40;

/// In the head, a line needs this much to be body.
const EDGE_BODY_SCORE: i16 = 20;

/// In the tail, a sentence needs this much to be body.
const TAIL_BODY_SCORE: i16 = 10;

/// Scores within this distance of the line's threshold are near the boundary: the editor is
/// told the override that would settle them (see [`super::Document::uncertain_lines`]).
pub(crate) const UNCERTAIN_MARGIN: i16 = 12;

/// The features that decided a line, as a set of flags.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct Features(u32);

macro_rules! features {
    ($($name:ident = $bit:expr, $label:expr;)*) => {
        impl Features {
            $(#[doc = concat!("`", $label, "`")] pub const $name: Features = Features(1 << $bit);)*
            const NAMES: &'static [(Features, &'static str)] = &[$((Features::$name, $label)),*];
        }
    };
}

features! {
    LONG = 0, "long";
    MEDIUM = 1, "medium";
    SHORT = 2, "short";
    SENTENCE_END = 3, "sentence-end";
    NO_SENTENCE_END = 4, "no-sentence-end";
    STOP_WORDS_HIGH = 5, "stop-words-high";
    STOP_WORDS_LOW = 6, "stop-words-low";
    STAMP = 7, "date-stamp";
    CHROME_WORDING = 8, "chrome-wording";
    CHROME_WORD = 9, "chrome-word";
    DIGITS = 10, "digits";
    SENTENCE_CASE = 11, "sentence-case";
    HEAD = 12, "head";
    TAIL = 13, "tail";
    BETWEEN_BODY = 14, "between-body";
    HEADLINE = 15, "headline";
    SITE_NAME = 16, "site-name";
    TITLE_LIKE = 17, "title-like";
    KEY_VALUE = 18, "key-value";
    BEFORE_BODY = 19, "before-body";
    CREDIT_BELOW = 20, "credit-below";
    RULE = 21, "rule";
    CALL_TO_ACTION = 22, "call-to-action";
    SELF_REFERENCE = 23, "self-reference";
    BREADCRUMB = 24, "breadcrumb";
    TAGS = 25, "tags";
    METADATA = 26, "metadata";
    CLOCK = 27, "clock";
    NEXT_TO_BODY = 28, "next-to-body";
    AFTER_CHROME = 29, "after-chrome";
    DATED = 30, "dated";
}

impl Features {
    /// Whether every flag of `other` is set.
    pub fn contains(self, other: Features) -> bool {
        self.0 & other.0 == other.0
    }

    /// Sets the flags of `other`.
    pub fn insert(&mut self, other: Features) {
        self.0 |= other.0;
    }

    /// The names of the set flags, in a fixed order (`long`, `sentence-end`, `head`, …).
    pub fn names(self) -> Vec<&'static str> {
        Features::NAMES
            .iter()
            .filter(|(flag, _)| self.contains(*flag))
            .map(|(_, name)| *name)
            .collect()
    }
}

impl Serialize for Features {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// What one line says about itself, before context.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineScore {
    pub(crate) score: i16,
    pub(crate) features: Features,
    pub(crate) hint: Option<Hint>,
    pub(crate) words: usize,
    pub(crate) weight: usize,
    pub(crate) ends_sentence: bool,
}

/// Scores one line on its own (step 1 of the module docs).
pub(crate) fn line_score(text: &str, latin: Language) -> LineScore {
    let mut features = Features::default();
    let mut score: i16 = 0;
    let weight = weight(text);
    // The word-count thresholds are small: counting the first bytes is enough.
    let words = text[..super::rules::floor_char_boundary(text, super::signals::SCAN_BYTES)]
        .split_whitespace()
        .count();
    // Verb endings are looked for only on lines short enough to be scored in full.
    let ends = ends_sentence(text)
        || text.len() <= super::signals::SCAN_BYTES && ends_with_predicate(text);
    if weight >= 200 {
        score += 40;
        features.insert(Features::LONG);
    } else if weight >= 100 {
        score += 25;
        features.insert(Features::MEDIUM);
    } else if weight >= 50 {
        score += 10;
        features.insert(Features::MEDIUM);
    } else if weight < 25 {
        score -= 15;
        features.insert(Features::SHORT);
    }
    if ends {
        score += 25;
        features.insert(Features::SENTENCE_END);
    } else if weight < 200 {
        score -= 10;
        features.insert(Features::NO_SENTENCE_END);
    }
    if text.len() > super::signals::SCAN_BYTES || weight >= 200 && ends {
        // A long sentence is body whatever it holds; its words need no reading (this keeps
        // the structurer above 50 MB/s: most lines of an article take this path).
        return LineScore {
            score,
            features,
            hint: None,
            words,
            weight,
            ends_sentence: ends,
        };
    }
    let language = line_language(text, latin);
    match stop_share(text, language) {
        Some(share) if share >= stop_floor(language) => {
            score += 15;
            features.insert(Features::STOP_WORDS_HIGH);
        }
        Some(share) if share < stop_floor(language) / 3 => {
            score -= 10;
            features.insert(Features::STOP_WORDS_LOW);
        }
        _ => {}
    }
    if words >= 6 && !text.chars().any(is_cjk) && capital_share(text).is_some_and(|s| s < 40) {
        score += 10;
        features.insert(Features::SENTENCE_CASE);
    }
    let stamp = is_stamp(text) || is_counter(text);
    if stamp {
        score -= 45;
        features.insert(Features::STAMP);
    }
    let mut hint = chrome_hint(text);
    // Wording that addresses the reader for the site, or describes the page itself, is
    // chrome as surely as a copyright line.
    for (is_cue, feature) in [
        (
            is_call_to_action as fn(&str) -> bool,
            Features::CALL_TO_ACTION,
        ),
        (is_self_reference, Features::SELF_REFERENCE),
        (is_breadcrumb, Features::BREADCRUMB),
        (is_tag_line, Features::TAGS),
        (is_link_label, Features::CHROME_WORDING),
    ] {
        if is_cue(text) {
            features.insert(feature);
            hint = Some(Hint::Strong);
        }
    }
    if is_metadata_field(text) {
        score -= 20;
        features.insert(Features::METADATA);
    }
    if !stamp && has_date_time(text) {
        score -= 20;
        features.insert(Features::DATED);
    }
    match hint {
        Some(Hint::Strong) => {
            score -= 45;
            features.insert(Features::CHROME_WORDING);
        }
        Some(Hint::Weak) if words <= 6 => {
            score -= 20;
            features.insert(Features::CHROME_WORD);
        }
        _ => {}
    }
    if !stamp && weight < 100 && digit_share(text) >= 30 {
        score -= 15;
        features.insert(Features::DIGITS);
    }
    LineScore {
        score,
        features,
        hint,
        words,
        weight,
        ends_sentence: ends,
    }
}

/// The share of stop words (percent) from which a line counts as rich in them.
fn stop_floor(language: Language) -> u8 {
    match language {
        Language::Unspaced(_) => 15,
        Language::Korean => 10,
        _ => 30,
    }
}

/// `Name: Park Ji-hoon`, `Age: 44`, `作者：周敏`: a short label, a colon, a value.
pub(crate) fn is_key_value(text: &str) -> bool {
    // The key is short, so the colon is near the start.
    let window = &text[..super::rules::floor_char_boundary(text, 80)];
    let Some(colon) = window.find(": ").or_else(|| window.find('：')) else {
        return false;
    };
    let key = &text[..colon];
    let value = text[colon..].trim_start_matches([':', '：']);
    let key_words = key.split_whitespace().count();
    let value = value.trim();
    // `In pictures: Lantern festival…` is a headline: a key of several words before a
    // capitalized value reads as a title, one word (`Name: Park`) or a lowercase or numeric
    // value (`Before this: principal…`, `Age: 44`) as a field.
    let is_field_value = key_words == 1
        || key.chars().any(is_cjk)
        || value
            .chars()
            .next()
            .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit());
    (1..=3).contains(&key_words)
        && key.chars().count() <= 24
        && key.chars().next().is_some_and(char::is_alphabetic)
        && !value.is_empty()
        && is_field_value
        && key.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// A line that can be a heading by its shape: short, no final punctuation, not opening in
/// lowercase, not `Key: value`, not ending with `,` `;` `:`.
fn is_heading_shape(text: &str, line: &LineScore) -> bool {
    if line.ends_sentence || line.weight > 200 {
        return false;
    }
    let is_cjk_line = text.chars().any(is_cjk);
    let limit = if is_cjk_line { 90 } else { 200 };
    !line.ends_sentence
        && !text.ends_with([',', ';', ':', '，', '、', '：'])
        && line.weight <= limit
        && line.words <= 20
        // Past ten words a Latin heading is in Title Case; a long sentence-case line without
        // its full stop is a paragraph.
        && (is_cjk_line || line.words <= 10 || capital_share(text).is_some_and(|s| s >= 60))
        && text.chars().any(char::is_alphabetic)
        && !text.chars().next().is_some_and(char::is_lowercase)
        && !is_key_value(text)
}

/// Separators between a headline and a site or section name (`Headline | Site`).
const SITE_SEPARATORS: &[&str] = &[" | ", " - ", " – ", " — ", " :: ", " · ", " > ", " » "];

/// Decides the undecided pieces `candidates` (indexes into `pieces`) in context; see the
/// module docs.
pub(crate) fn decide(
    pieces: &mut [Piece],
    candidates: &[usize],
    lines: &[Line<'_>],
    latin: Language,
) {
    if candidates.is_empty() {
        return;
    }
    let mut scores: Vec<Option<LineScore>> = vec![None; pieces.len()];
    for &i in candidates {
        let text = pieces[i].text.as_deref().unwrap_or("");
        scores[i] = Some(line_score(text, latin));
    }
    let is_anchor = |i: usize, pieces: &[Piece], scores: &[Option<LineScore>]| match scores[i] {
        // A short question (`Best way to store winter tyres?`) may be a headline: not an anchor.
        Some(s) => {
            s.score >= ANCHOR_SCORE
                && s.weight >= 50
                && !(i == candidates[0]
                    && s.weight < 100
                    && pieces[i].text.as_deref().is_some_and(|t| t.ends_with('?')))
        }
        None => {
            matches!(
                pieces[i].kind,
                BlockKind::Paragraph | BlockKind::List | BlockKind::Quote
            ) && pieces[i].rule != "override"
        }
    };
    let anchors: Vec<usize> = (0..pieces.len())
        .filter(|&i| is_anchor(i, pieces, &scores))
        .collect();
    let (first, last) = match (anchors.first(), anchors.last()) {
        (Some(&f), Some(&l)) => (f, l),
        // A question with only answers below (`为什么…？` over `3 个回答`): the page before the
        // comment section is all head, headline and chrome.
        _ if pieces.iter().any(|p| p.kind == BlockKind::Comment) => (pieces.len(), pieces.len()),
        _ => (usize::MAX, usize::MAX),
    };
    // The headline: the first title-shaped line of the head that is neither a kicker nor a
    // site name.
    let head: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| first == usize::MAX || i < first)
        .collect();
    let texts: Vec<&str> = head
        .iter()
        .map(|&i| pieces[i].text.as_deref().unwrap_or(""))
        .collect();
    let is_headline_shape = |&(&i, text): &(&usize, &&str)| {
        let Some(s) = scores[i] else { return false };
        let long_enough = s.words >= 3 || s.weight >= 15;
        let is_site_line = has_site_separator(text)
            && texts
                .iter()
                .any(|other| other != text && other.len() > 8 && text.contains(other))
            || text.contains(" | ");
        long_enough
            && !is_site_line
            && s.hint != Some(Hint::Strong)
            && !s.features.contains(Features::STAMP)
            && !s.features.contains(Features::DATED)
            && !s.features.contains(Features::METADATA)
            && (!s.ends_sentence || text.ends_with(['?', '!', '？', '！']) && s.words <= 14)
            && (!is_key_value(text) || is_titled_key(text, pieces[i].line, lines))
            && !text.ends_with(':')
    };
    // A line without a site separator wins over one with (`The Ledger - Breaking News`), and
    // a menu (`Home About Archive`) is much shorter than the headline after it: the headline
    // is the first shaped line at least 60% as long as the longest.
    let shaped: Vec<(&usize, &&str)> = head.iter().zip(&texts).filter(is_headline_shape).collect();
    let plain: Vec<&(&usize, &&str)> = shaped
        .iter()
        .filter(|(i, t)| !has_site_separator(t) && scores[**i].is_some_and(|s| s.hint.is_none()))
        .collect();
    let pool: Vec<&(&usize, &&str)> = if plain.is_empty() {
        shaped.iter().collect()
    } else {
        plain
    };
    let longest = pool
        .iter()
        .filter_map(|entry| scores[*entry.0].map(|s| s.weight))
        .max()
        .unwrap_or(0);
    let mut headline = pool
        .iter()
        .find(|entry| scores[*entry.0].is_some_and(|s| s.weight * 5 >= longest * 3))
        .map(|entry| *entry.0);
    // The title repeats in the first paragraph (`Stone bridge of Aldermoor` … `The stone
    // bridge of Aldermoor is…`); a site's tagline does not. When the pick shares no words
    // with the body, the shaped line that shares most of its words wins.
    if let Some(body) = pieces.get(first).and_then(|p| p.text.as_deref()) {
        let body = body.to_lowercase();
        let overlap = |i: usize| title_overlap(pieces[i].text.as_deref().unwrap_or(""), &body);
        if headline.is_some_and(|h| overlap(h) == Some(0)) {
            let best = shaped
                .iter()
                .filter_map(|entry| overlap(*entry.0).map(|o| (o, *entry.0)))
                .filter(|&(o, _)| o >= 50)
                .max_by_key(|&(o, i)| (o, std::cmp::Reverse(i)));
            if let Some((_, i)) = best {
                headline = Some(i);
            }
        }
    }
    let (mut chrome_scan, mut tail_has_chrome) = (last.saturating_add(1), false);
    for &i in candidates {
        let Some(mut s) = scores[i] else { continue };
        // A later line may have decided this one already (`hide caption` makes the line
        // above it a caption).
        if pieces[i].rule != "paragraph" {
            continue;
        }
        let text = pieces[i].text.as_deref().unwrap_or("");
        let next_is_body = (i + 1..pieces.len())
            .find(|&j| pieces[j].kind != BlockKind::Dropped || scores[j].is_some())
            .is_some_and(|j| match scores[j] {
                Some(n) => n.score >= EDGE_BODY_SCORE,
                // A photo may stand between a heading and its text.
                None => matches!(
                    pieces[j].kind,
                    BlockKind::Paragraph | BlockKind::List | BlockKind::Quote | BlockKind::Caption
                ),
            });
        let heading_shape = is_heading_shape(text, &s);
        if heading_shape {
            s.features.insert(Features::TITLE_LIKE);
        }
        if next_is_body {
            s.features.insert(Features::BEFORE_BODY);
        }
        let mut margin = None;
        let is_metadata = s.features.contains(Features::METADATA);
        let cue_rule = if s.features.contains(Features::CALL_TO_ACTION) {
            "call-to-action"
        } else if s.features.contains(Features::SELF_REFERENCE) {
            "self-reference"
        } else {
            "page-chrome"
        };
        let (kind, rule) = if !text.chars().any(char::is_alphanumeric) {
            // `___`, `---`: a rule drawn in characters.
            (BlockKind::Dropped, "page-chrome")
        } else if is_clock(text) && next_is_body {
            // A live blog heads each entry with its time.
            s.features.insert(Features::CLOCK);
            (BlockKind::Heading, "entry-time")
        } else if is_metadata && first != usize::MAX && Some(i) != headline {
            (BlockKind::Dropped, "metadata-field")
        } else if first == usize::MAX {
            // No anchor at all: a page of short lines; keep the plain rules.
            if is_title_like(text) && is_standalone(lines, pieces[i].line) {
                (BlockKind::Heading, "title-like")
            } else {
                (BlockKind::Paragraph, "paragraph")
            }
        } else if i < first {
            s.features.insert(Features::HEAD);
            if Some(i) == headline {
                s.features.insert(Features::HEADLINE);
                (BlockKind::Heading, "title-like")
            } else if is_name_over_role(text, pieces[i].line, lines) {
                // `Yuna Kang` over `Business reporter`: the author, named without `By`.
                (BlockKind::Byline, "name-and-role")
            } else if has_site_separator(text) && headline.is_some_and(|h| h > i) {
                s.features.insert(Features::SITE_NAME);
                s.score -= 30;
                (BlockKind::Dropped, "page-chrome")
            } else if s.hint.is_none()
                && !s.features.contains(Features::STAMP)
                && !s.features.contains(Features::DATED)
                && headline != Some(i + 1)
                && opens_body_block(pieces, &scores, i, lines)
            {
                // `Dear readers,` or a greeting: the first line of the block the body starts in.
                s.features.insert(Features::NEXT_TO_BODY);
                (BlockKind::Paragraph, "paragraph")
            } else if s.score >= EDGE_BODY_SCORE
                // With only comments below, a sentence of the page is its (short) text.
                || first == pieces.len() && s.ends_sentence && s.hint.is_none()
                || is_key_value(text) && s.hint.is_none() && !s.features.contains(Features::STAMP)
            {
                if is_key_value(text) {
                    s.features.insert(Features::KEY_VALUE);
                } else {
                    margin = Some(s.score - EDGE_BODY_SCORE);
                }
                (BlockKind::Paragraph, "paragraph")
            } else {
                margin = Some(s.score - EDGE_BODY_SCORE);
                (BlockKind::Dropped, cue_rule)
            }
        } else if i > last {
            s.features.insert(Features::TAIL);
            // After the article's last long paragraph, only sentences stay: short last
            // paragraphs do, link lists and labels do not.
            if s.ends_sentence && s.hint.is_none() {
                margin = Some(s.score - TAIL_BODY_SCORE);
            }
            // Once the page has turned to chrome after the article, a sentence there belongs
            // to the chrome (an author's profile, a product blurb), not to the article.
            // One scan over the whole tail, however many lines it has (no pass per line).
            while chrome_scan < i {
                tail_has_chrome |= pieces[chrome_scan].kind == BlockKind::Dropped;
                chrome_scan += 1;
            }
            let after_chrome = tail_has_chrome;
            if after_chrome {
                s.features.insert(Features::AFTER_CHROME);
            }
            if s.ends_sentence && s.score >= TAIL_BODY_SCORE && s.hint.is_none() && !after_chrome {
                (BlockKind::Paragraph, "paragraph")
            } else if heading_shape && next_is_body && s.hint.is_none() && !after_chrome {
                (BlockKind::Heading, "title-like")
            } else if !after_chrome && is_signature(pieces, &s, i, lines) {
                // A name signing off under the last paragraph, with no blank line between.
                s.features.insert(Features::NEXT_TO_BODY);
                (BlockKind::Paragraph, "paragraph")
            } else {
                (BlockKind::Dropped, cue_rule)
            }
        } else {
            s.features.insert(Features::BETWEEN_BODY);
            if is_name_over_role(text, pieces[i].line, lines) {
                s.features.insert(Features::BETWEEN_BODY);
                let piece = &mut pieces[i];
                piece.kind = BlockKind::Byline;
                piece.rule = "name-and-role";
                piece.score = s.score;
                piece.features = s.features;
                continue;
            }
            if s.hint == Some(Hint::Strong) {
                margin = Some(s.score);
            }
            if s.hint == Some(Hint::Strong) && s.score < 0
                || s.features.contains(Features::STAMP)
                || s.hint.is_some() && s.words <= 3 && !s.ends_sentence
            {
                (BlockKind::Dropped, cue_rule)
            } else if heading_shape && next_is_body {
                (BlockKind::Heading, "title-like")
            } else {
                if is_key_value(text) {
                    s.features.insert(Features::KEY_VALUE);
                }
                (BlockKind::Paragraph, "paragraph")
            }
        };
        let piece = &mut pieces[i];
        piece.kind = kind;
        piece.rule = rule;
        piece.score = s.score;
        piece.features = s.features;
        piece.margin = margin;
    }
    if last != usize::MAX {
        drop_bylines_in_tail_chrome(pieces, last);
    }
}

/// `1 of 8`, `3/12`: a gallery's counter.
fn is_counter(text: &str) -> bool {
    let mut parts = text.split(" of ");
    let is_number = |p: Option<&str>| {
        p.is_some_and(|p| !p.is_empty() && p.len() <= 4 && p.chars().all(|c| c.is_ascii_digit()))
    };
    let (a, b) = (parts.next(), parts.next());
    (is_number(a) && is_number(b) && parts.next().is_none())
        || text
            .split_once('/')
            .is_some_and(|(a, b)| is_number(Some(a.trim())) && is_number(Some(b.trim())))
}

fn has_site_separator(text: &str) -> bool {
    SITE_SEPARATORS.iter().any(|s| text.contains(s))
}

/// Whether the lines around line index `at` are blank (or the text's edges).
fn is_standalone(lines: &[Line<'_>], at: usize) -> bool {
    let blank = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_none_or(|l| l.text.is_empty())
    };
    blank(at.checked_sub(1)) && blank(Some(at + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ENGLISH: Language = Language::Spaced("en");

    #[test]
    fn long_sentences_score_as_body_and_stamps_as_chrome() {
        let body = line_score(
            "The union said about 4,000 members had joined the strike and that talks had broken down.",
            ENGLISH,
        );
        assert!(body.score >= ANCHOR_SCORE, "{body:?}");
        let stamp = line_score("March 4, 2025 7:12 AM GMT+9 Updated 2 hours ago", ENGLISH);
        assert!(
            stamp.score < 0 && stamp.features.contains(Features::STAMP),
            "{stamp:?}"
        );
    }

    #[test]
    fn cjk_sentences_are_not_short_for_their_characters() {
        let korean = line_score(
            "당초 이날 오후로 예정됐던 본회의는 다음 주로 미뤄졌다.",
            ENGLISH,
        );
        assert!(korean.score >= EDGE_BODY_SCORE, "{korean:?}");
        let chrome = line_score("무단 전재 및 재배포 금지", ENGLISH);
        assert!(chrome.score < 0, "{chrome:?}");
    }

    #[test]
    fn names_features_in_a_fixed_order() {
        let mut features = Features::HEAD;
        features.insert(Features::LONG);
        assert_eq!(features.names(), ["long", "head"]);
        assert_eq!(
            serde_json::to_string(&features).unwrap(),
            r#"["long","head"]"#
        );
    }

    #[test]
    fn key_value_lines_are_not_headings() {
        assert!(is_key_value("Name: Park Ji-hoon"));
        assert!(is_key_value("作者：周敏"));
        assert!(!is_key_value(
            "In pictures: Lantern festival lights up the old town"
        ));
        assert!(!is_key_value("Access to the outside"));
    }
}
