//! Signals: what one line of text says about itself, measured without looking at neighbours.
//!
//! Takes a trimmed line; returns numbers and flags the scorer ([`super::score`]) weighs:
//! its length with CJK characters counted for what they carry ([`weight`]), its script and
//! language, the share of its words that are stop words in that language ([`stop_share`]),
//! whether it is a date or time stamp ([`is_stamp`]), and which page-chrome phrase it holds
//! ([`chrome_hint`]). Every function reads at most [`SCAN_BYTES`] of the line (or a fixed
//! small multiple), so a 1 MB paragraph costs no more than a short one.
//!
//! Stop words come from the `stop-words` crate (the ISO lists), scripts and languages from
//! `whatlang`; the phrase tables are in [`super::boilerplate`].

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use rustc_hash::FxHashSet;
use whatlang::Lang;

use super::boilerplate::{CHROME_PHRASES, STRONG_CHROME_PHRASES, is_stamp_word};
use super::rules::floor_char_boundary;

/// Bytes of a line that the signals read; past this a line is long body text whatever it holds.
pub(crate) const SCAN_BYTES: usize = 600;

/// Length of `line` in Latin-character equivalents: a hangul syllable counts 2, a kanji, kana
/// or hanzi 3 (each carries about as much as a short word), anything else 1. Lines longer
/// than [`SCAN_BYTES`] count their bytes, which is less than their weight.
pub(crate) fn weight(line: &str) -> usize {
    if line.len() > SCAN_BYTES {
        return line.len();
    }
    line.chars().map(char_weight).sum()
}

fn char_weight(c: char) -> usize {
    match c {
        // A hangul syllable block carries about what a kana or hanzi does.
        '\u{ac00}'..='\u{d7a3}'
        | '\u{3040}'..='\u{30ff}'
        | '\u{3400}'..='\u{4dbf}'
        | '\u{4e00}'..='\u{9fff}' => 3,
        _ => 1,
    }
}

/// Whether the line holds CJK characters (then words are not split by spaces, or, in
/// Korean, carry their particles).
pub(crate) fn is_cjk(c: char) -> bool {
    char_weight(c) > 1
}

/// The language a line's stop words are looked up in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Language {
    /// Space-separated words, with the ISO 639-1 code of the stop-word list.
    Spaced(&'static str),
    /// Korean: words carry particles, so a word counts when it or its stem is a stop word.
    Korean,
    /// Japanese or Chinese: no spaces; the share of characters inside stop words.
    Unspaced(&'static str),
    /// No list for it.
    Unknown,
}

/// The document's language for Latin-script lines, from a sample of its longest lines.
pub(crate) fn document_language(sample: &str) -> Language {
    let code = match whatlang::detect_lang(sample) {
        Some(Lang::Spa) => "es",
        Some(Lang::Fra) => "fr",
        Some(Lang::Deu) => "de",
        Some(Lang::Por) => "pt",
        Some(Lang::Ita) => "it",
        Some(Lang::Nld) => "nl",
        // English is also the fallback: most scraped pages are, and a short sample may not say.
        _ => "en",
    };
    Language::Spaced(code)
}

/// The language of one line: its script decides, and Latin lines take `latin` (the
/// document's language, which whatlang names once per document).
///
/// The script is counted here over the first [`SCRIPT_SAMPLE_CHARS`] characters rather than
/// with `whatlang::detect_script`, which weighs 25 scripts per character: per line that cost
/// more than all other signals together (measured with `cargo bench --bench structure`).
pub(crate) fn line_language(line: &str, latin: Language) -> Language {
    let (mut hangul, mut kana, mut han, mut latin_letters) = (0usize, 0usize, 0usize, 0usize);
    for c in line.chars().take(SCRIPT_SAMPLE_CHARS) {
        match c {
            '\u{ac00}'..='\u{d7a3}' | '\u{1100}'..='\u{11ff}' | '\u{3130}'..='\u{318f}' => {
                hangul += 1;
            }
            '\u{3040}'..='\u{30ff}' => kana += 1,
            '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' => han += 1,
            c if c.is_ascii_alphabetic() || ('\u{c0}'..='\u{24f}').contains(&c) => {
                latin_letters += 1;
            }
            _ => {}
        }
    }
    let cjk = hangul + kana + han;
    if cjk == 0 {
        return if latin_letters > 0 {
            latin
        } else {
            Language::Unknown
        };
    }
    if latin_letters > cjk * 3 {
        latin
    } else if hangul >= kana + han {
        Language::Korean
    } else if kana > 0 {
        // Han characters with any kana: Japanese; without: Chinese.
        Language::Unspaced("ja")
    } else {
        Language::Unspaced("zh")
    }
}

/// Characters of a line whose script is counted.
const SCRIPT_SAMPLE_CHARS: usize = 120;

/// Bytes of a line that the stop-word share and the chrome wording read: a line's first
/// fifty words say enough, and long lines are body whatever they hold.
const WORD_SAMPLE_BYTES: usize = 300;

/// A stop-word list as a set (spaced languages) and as an automaton (unspaced ones).
struct StopList {
    words: FxHashSet<&'static str>,
    /// Bytes of the longest word: a longer word is no stop word, and is not looked up.
    longest: usize,
    finder: Option<AhoCorasick>,
}

impl StopList {
    fn contains(&self, word: &str) -> bool {
        word.len() <= self.longest && self.words.contains(word)
    }
}

fn stop_list(code: &'static str, unspaced: bool) -> StopList {
    let words: FxHashSet<&'static str> = stop_words::lookup(code)
        .unwrap_or(&[])
        .iter()
        .copied()
        // The ISO lists hold punctuation and digits too; only words weigh.
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let longest = words.iter().map(|w| w.len()).max().unwrap_or(0);
    let finder = unspaced
        .then(|| {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(words.iter())
                .ok()
        })
        .flatten();
    StopList {
        words,
        longest,
        finder,
    }
}

static LISTS: LazyLock<Vec<(&'static str, StopList)>> = LazyLock::new(|| {
    let mut lists: Vec<(&'static str, StopList)> = ["en", "es", "fr", "de", "pt", "it", "nl"]
        .into_iter()
        .map(|code| (code, stop_list(code, false)))
        .collect();
    lists.push(("ko", stop_list("ko", false)));
    lists.push(("ja", stop_list("ja", true)));
    lists.push(("zh", stop_list("zh", true)));
    lists
});

fn list_for(code: &str) -> Option<&'static StopList> {
    LISTS.iter().find(|(c, _)| *c == code).map(|(_, l)| l)
}

/// Percent of the line's words (or, for Japanese and Chinese, characters) that are stop
/// words; body text is full of them, page chrome has few. `None` when the line is too short
/// to say (under three words) or there is no list for its language.
pub(crate) fn stop_share(line: &str, language: Language) -> Option<u8> {
    let sample = &line[..floor_char_boundary(line, WORD_SAMPLE_BYTES)];
    match language {
        Language::Spaced(code) => {
            let list = list_for(code)?;
            let mut words = 0usize;
            let mut stops = 0usize;
            let mut buffer = String::new();
            for word in sample.split_whitespace() {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'');
                if word.is_empty() {
                    continue;
                }
                words += 1;
                // Most words are lowercase already: look them up without copying. ASCII words
                // (most of them) are checked by bytes, not by Unicode case tables.
                let has_upper = if word.is_ascii() {
                    word.bytes().any(|b| b.is_ascii_uppercase())
                } else {
                    word.chars().any(char::is_uppercase)
                };
                let is_stop = if has_upper {
                    buffer.clear();
                    buffer.extend(word.chars().flat_map(char::to_lowercase));
                    list.contains(buffer.as_str())
                } else {
                    list.contains(word)
                };
                stops += usize::from(is_stop);
            }
            (words >= 3).then(|| (stops * 100 / words) as u8)
        }
        Language::Korean => {
            let list = list_for("ko")?;
            let mut words = 0usize;
            let mut stops = 0usize;
            for word in sample.split_whitespace() {
                let word = word.trim_matches(|c: char| !c.is_alphanumeric());
                if word.is_empty() {
                    continue;
                }
                words += 1;
                // Korean words carry their particles (`협상을`, `국회의`): a word counts when it
                // is listed or ends in a listed one-syllable particle.
                let last = word.char_indices().next_back().map_or(0, |(i, _)| i);
                stops +=
                    usize::from(list.contains(word) || (last > 0 && list.contains(&word[last..])));
            }
            (words >= 3).then(|| (stops * 100 / words) as u8)
        }
        Language::Unspaced(code) => {
            let list = list_for(code)?;
            let finder = list.finder.as_ref()?;
            let total = sample.chars().filter(|&c| is_cjk(c)).count();
            if total < 6 {
                return None;
            }
            let covered: usize = finder
                .find_iter(sample)
                .map(|m| sample[m.range()].chars().count())
                .sum();
            Some((covered.min(total) * 100 / total) as u8)
        }
        Language::Unknown => None,
    }
}

/// A date, time or edition stamp standing alone (`March 4, 2025 7:12 AM GMT+9 Updated 2 hours
/// ago`, `입력 2024.03.05 10:22`, `2024年3月22日午後 3:04 更新`): every word is a number, a
/// date word or a label like `Updated`, and at least one holds a digit.
pub(crate) fn is_stamp(line: &str) -> bool {
    if line.len() > 120 {
        return false;
    }
    let mut has_digit = false;
    let mut words = 0;
    for word in line.split(|c: char| c.is_whitespace() || matches!(c, '·' | '|' | '•' | '　')) {
        let word = word.trim_matches(|c: char| {
            matches!(
                c,
                ',' | '.' | ':' | '(' | ')' | '[' | ']' | '：' | '（' | '）'
            )
        });
        if word.is_empty() {
            continue;
        }
        words += 1;
        let digits = word.chars().filter(char::is_ascii_digit).count();
        if digits > 0 {
            has_digit = true;
            // `2024.03.05`, `10:22`, `7:12`, `GMT+9`, `2024年3月22日午後`, `3min`.
            let other = word
                .chars()
                .filter(|c| !c.is_ascii_digit() && !matches!(c, '.' | '-' | '/' | ':' | '+'))
                .collect::<String>();
            if other.is_empty() || other.chars().count() <= 4 || is_stamp_word(&other) {
                continue;
            }
            if other
                .chars()
                .all(|c| "年月日時分秒午前後년월일시분초时".contains(c))
            {
                continue;
            }
            return false;
        }
        let lowered = word.to_lowercase();
        if !is_stamp_word(&lowered) {
            return false;
        }
    }
    has_digit && words > 0
}

/// How strongly a line reads as page chrome by its wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Hint {
    /// A phrase that rarely appears in article text (`All rights reserved`, `무단 전재`).
    Strong,
    /// A phrase that marks chrome on a short line (`Share`, `Related`, `Subscribe`).
    Weak,
}

/// [`STRONG_CHROME_PHRASES`] then [`CHROME_PHRASES`], found in one case-insensitive pass.
static CHROME_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        // A DFA: the fastest search, and the table is small (measured 3x faster per line).
        .kind(Some(AhoCorasickKind::DFA))
        .build(STRONG_CHROME_PHRASES.iter().chain(CHROME_PHRASES))
        // Fixed strings; the unit tests build this automaton.
        .expect("the chrome phrases make a valid automaton")
});

/// The strongest chrome phrase in the line's first [`WORD_SAMPLE_BYTES`], if any; also an e-mail
/// address or a bare web address (`press@…`, `forum.example.org`).
pub(crate) fn chrome_hint(line: &str) -> Option<Hint> {
    let sample = &line[..floor_char_boundary(line, WORD_SAMPLE_BYTES)];
    let mut best = None;
    for found in CHROME_FINDER.find_overlapping_iter(sample) {
        // `share` is chrome, `shares` is not: ASCII phrases match whole words only.
        let is_word_start = !sample[..found.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            || !sample[found.start()..].starts_with(|c: char| c.is_ascii_alphanumeric());
        let is_word_end = !sample[found.end()..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphanumeric())
            || !sample[..found.end()].ends_with(|c: char| c.is_ascii_alphanumeric());
        if !(is_word_start && is_word_end) {
            continue;
        }
        let hint = if found.pattern().as_usize() < STRONG_CHROME_PHRASES.len() {
            Hint::Strong
        } else {
            Hint::Weak
        };
        best = Some(best.map_or(hint, |b: Hint| b.min(hint)));
        if hint == Hint::Strong {
            break;
        }
    }
    if best != Some(Hint::Strong) && has_address(sample) {
        best = Some(Hint::Strong);
    }
    best
}

/// An e-mail address, `http`/`www` address or `name.tld/` path among the words.
fn has_address(line: &str) -> bool {
    line.split_whitespace().any(|word| {
        // Every address holds a dot; most words do not (a sentence's last word keeps its
        // full stop, which the trim below removes).
        if !word.contains('.') {
            return false;
        }
        let word = word.trim_matches(|c: char| !c.is_alphanumeric());
        let at = word.find('@');
        at.is_some_and(|i| i > 0 && word[i..].contains('.'))
            || word.starts_with("http")
            || word.starts_with("www.")
            || [".com", ".org", ".net", ".co.kr", ".example", ".jp", ".cn"]
                .iter()
                .any(|tld| word.ends_with(tld) && word.len() > tld.len() + 1)
    })
}

/// Share of words, in percent, that start with a capital letter (Latin lines with at least
/// two words), for kickers and Title Case headlines.
pub(crate) fn capital_share(line: &str) -> Option<u8> {
    let sample = &line[..floor_char_boundary(line, SCAN_BYTES)];
    let mut words = 0usize;
    let mut capitals = 0usize;
    for word in sample.split_whitespace() {
        let Some(first) = word.chars().find(|c| c.is_alphanumeric()) else {
            continue;
        };
        if !first.is_alphabetic() || is_cjk(first) {
            continue;
        }
        words += 1;
        capitals += usize::from(first.is_uppercase());
    }
    (words >= 2).then(|| (capitals * 100 / words) as u8)
}

/// Percent of the line's non-space characters that are digits.
pub(crate) fn digit_share(line: &str) -> u8 {
    let sample = &line[..floor_char_boundary(line, SCAN_BYTES)];
    let mut total = 0usize;
    let mut digits = 0usize;
    for c in sample.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        digits += usize::from(c.is_ascii_digit());
    }
    (digits * 100 / total.max(1)) as u8
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weighs_cjk_characters_for_what_they_carry() {
        assert_eq!(weight("abc"), 3);
        assert_eq!(weight("한국"), 6);
        assert_eq!(weight("日本語"), 9);
    }

    #[test]
    fn finds_the_language_of_a_line_by_its_script() {
        let english = Language::Spaced("en");
        assert_eq!(
            line_language("여야는 5일 협상을 이어갔다.", english),
            Language::Korean
        );
        assert_eq!(
            line_language("据え置きは9会合連続となる。", english),
            Language::Unspaced("ja")
        );
        assert_eq!(
            line_language("湖北等地已启动防汛应急响应。", english),
            Language::Unspaced("zh")
        );
        assert_eq!(line_language("The union said so.", english), english);
    }

    #[test]
    fn body_text_has_more_stop_words_than_chrome() {
        let english = Language::Spaced("en");
        let body = stop_share(
            "The union said that it would not return to the talks",
            english,
        );
        let chrome = stop_share("Terms Service Privacy Policy Contact", english);
        assert!(body > chrome, "{body:?} {chrome:?}");
        let body = stop_share(
            "市場では年内の利下げを予想する声が多い。",
            Language::Unspaced("ja"),
        );
        assert!(body.is_some_and(|s| s > 0), "{body:?}");
        assert_eq!(stop_share("Two words", english), None);
    }

    #[test]
    fn recognizes_stamps_in_four_languages() {
        assert!(is_stamp("March 4, 2025 7:12 AM GMT+9 Updated 2 hours ago"));
        assert!(is_stamp("입력 2024.03.05 10:22 수정 2024.03.05 11:40"));
        assert!(is_stamp("2024年3月22日午後 3:04 更新"));
        assert!(is_stamp("Jan. 14, 2025"));
        assert!(!is_stamp("March was cold in 2025"));
        assert!(!is_stamp("Senators reach a deal"));
    }

    #[test]
    fn hints_at_chrome_by_wording_and_addresses() {
        assert_eq!(
            chrome_hint("Copyright 2023. All rights reserved."),
            Some(Hint::Strong)
        );
        assert_eq!(chrome_hint("kms@yna.co.kr"), Some(Hint::Strong));
        assert_eq!(chrome_hint("Share"), Some(Hint::Weak));
        assert_eq!(chrome_hint("The river froze early that year."), None);
    }
}
