//! Step 1 of the scorer ([`super::score`]): what one line says about itself, before context.
//!
//! [`line_score`] gives a line a score (positive: reads like body text; negative: reads like
//! page chrome) and the [`Features`] behind it, from its length in Latin-character
//! equivalents, sentence-final punctuation or verb ending, stop words, stamps, chrome wording
//! and the cues of [`super::cues`]. [`is_key_value`] tells a `Key: value` field from a
//! headline; both the scorer and its context tests ([`super::context`]) ask it. Each look is
//! bounded, so scoring a line costs at most a few kilobytes of reading.

use super::cues::{
    ends_with_predicate, is_breadcrumb, is_call_to_action, is_link_label, is_metadata_field,
    is_self_reference, is_tag_line,
};
use super::dates::has_date_time;
use super::lines::Features;
use super::rules::ends_sentence;
use super::signals::{
    Hint, Language, capital_share, chrome_hint, digit_share, is_cjk, is_stamp, line_language,
    stop_share, weight,
};

/// A line scoring this much is body text wherever it stands.
pub(crate) const ANCHOR_SCORE: i16 = 40;

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

// Kept whole: one additive term per feature, in a fixed order; split, the table scatters.
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
    if is_bracket_label(text) || is_edition_line(text) || is_image_word(text) {
        // `[리포트]`, `From the May 2025 issue`, a bare `写真`: a page's label, not the text.
        features.insert(Features::CHROME_WORDING);
        hint = Some(Hint::Strong);
    }
    if features.contains(Features::CHROME_WORDING) && is_link_label(text) {
        // `Video above: …`, `RELATED: …`: a link, even between paragraphs.
        score -= 30;
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

/// `[리포트]`, `【速報】`, `(Video)`: a short label in brackets, alone on its line.
fn is_bracket_label(text: &str) -> bool {
    let pairs = [
        ('[', ']'),
        ('【', '】'),
        ('［', '］'),
        ('(', ')'),
        ('〔', '〕'),
    ];
    pairs.iter().any(|&(open, close)| {
        text.strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
            .is_some_and(|inner| {
                (1..=10).contains(&inner.chars().count())
                    && !inner.contains([open, close])
                    && inner.chars().any(char::is_alphabetic)
            })
    })
}

/// `写真`, `사진`, `Photo`: the word an image slot leaves when copied without brackets, alone
/// on its line (#17: kept as a paragraph or a heading, where `[사진]` was already a label).
fn is_image_word(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "photo",
        "image",
        "사진",
        "이미지",
        "写真",
        "画像",
        "图片",
        "圖片",
        "照片",
    ];
    // Without a lowercase copy per line: no other character lowercases to these words'
    // ASCII letters, and the CJK ones have no case.
    let text = text.trim();
    WORDS.iter().any(|word| word.eq_ignore_ascii_case(text))
}

/// `From the May 2025 issue`, `In the spring edition`: a magazine's edition line.
fn is_edition_line(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (3..=8).contains(&words)
        && (text.starts_with("From the ") || text.starts_with("In the "))
        && (text.ends_with(" issue") || text.ends_with(" edition"))
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
    fn a_bare_image_word_is_a_page_label_and_dropped_like_a_bracketed_one_17() {
        for word in ["写真", "사진", "Photo", "[사진]"] {
            let label = line_score(word, ENGLISH);
            assert!(
                label.features.contains(Features::CHROME_WORDING)
                    && label.hint == Some(Hint::Strong),
                "{word}: {label:?}"
            );
            let text = format!(
                "The market opened at dawn and the traders set out their goods along the wall.\n\n{word}\n\nBy noon the square was full and the prices of rice had risen again."
            );
            let (document, _) = crate::parse::text::structure_text(&text, &Default::default());
            let kinds: Vec<_> = document.blocks.iter().map(|b| (b.kind, b.rule)).collect();
            assert_eq!(
                kinds[1],
                (crate::model::text::BlockKind::Dropped, "page-chrome"),
                "{word}: {kinds:?}"
            );
        }
        assert!(!is_image_word("Photo essay"));
        assert!(!is_image_word("写真展"));
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
