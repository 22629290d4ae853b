//! Credit rules: whether one trimmed line credits a photo or names its agency.
//!
//! [`is_credit`] finds a credit label (`Photo:`, `Photographed …`) at the start of the line
//! or of one of its sentences, an agency in parentheses or after a slash ending it, a short
//! `Name/Agency` line, a credit phrase anywhere (`Getty Images`), and the credit endings of
//! Korean, Japanese and Chinese pages; [`is_bare_agency`] is an agency's name alone. Like the
//! other line rules ([`super::rules`]) they read the phrase tables of [`super::boilerplate`],
//! never look at neighbours, and skip lines too long to be a caption.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::boilerplate::{
    CJK_CREDIT_ANYWHERE, CJK_CREDIT_ENDINGS, CREDIT_ANYWHERE, CREDIT_LABELS, is_agency,
};
use super::rules::{floor_char_boundary, trailing_parenthetical};

/// Captions run to a few hundred characters; a longer line is body text, whatever it holds.
/// Skipping them keeps a 1 MB paragraph from being lowercased and scanned for labels.
const MAX_CAPTION_BYTES: usize = 2000;

/// A photo credit: a label (`Photo:`, `Photographed …`) starting the line or one of its
/// sentences, an agency in parentheses ending it (`(ASIAPRESS)`, `(AP Photo/Ahn Young-joon)`),
/// a short `Name/Agency` line, or a phrase like `Getty Images`.
pub(crate) fn is_credit(line: &str) -> bool {
    if line.len() > MAX_CAPTION_BYTES {
        return false;
    }
    // One scan for every phrase and label, ignoring ASCII case (they are all ASCII).
    for found in CREDIT_FINDER.find_overlapping_iter(line) {
        if found.pattern().as_usize() < CREDIT_ANYWHERE.len()
            || starts_sentence(line, found.start())
        {
            return true;
        }
    }
    if let Some(inner) = trailing_parenthetical(line) {
        let inner = inner.trim();
        let head = inner.split(['/', ',']).next().unwrap_or(inner).trim();
        let head = head.strip_suffix(" Photo").unwrap_or(head);
        let lowered = inner.to_lowercase();
        // `(WLKS photo/Marcus Lee)`, `(Photo by …)`: a photo's credit in parentheses.
        if is_agency(head)
            || lowered.starts_with("photo")
            || lowered.contains(" photo/")
            || lowered.contains(" photos/")
        {
            return true;
        }
    }
    if line.chars().count() <= 60
        && line
            .rsplit_once('/')
            .is_some_and(|(name, agency)| !name.trim().is_empty() && is_agency(agency))
    {
        return true;
    }
    is_trailing_credit(line) || is_cjk_credit(line)
}

/// The words after a caption's last sentence credit the photo: `… 2025. REUTERS/Kim Soo-hyun`,
/// `REUTERS/Staff/File Photo`, `Kim Hong-Ji/Reuters 05 Oct 2024`, `Kyodo via REUTERS`, `…
/// 모습. 연합뉴스`. A date after the credit is allowed.
fn is_trailing_credit(line: &str) -> bool {
    let window_start = floor_char_boundary(line, line.len().saturating_sub(80));
    let window = &line[window_start..];
    let (tail, after_sentence) = match window.rfind(". ") {
        Some(at) => (&window[at + 2..], true),
        None if window_start == 0 => (window, false),
        None => return false,
    };
    let tail = strip_trailing_date(tail.trim());
    if tail.is_empty() || tail.chars().count() > 50 {
        return false;
    }
    // A bare agency name credits the caption before it; alone on its line it may be the
    // article's source (see `is_bare_agency`).
    if is_agency(tail) {
        return after_sentence;
    }
    if let Some((left, right)) = tail.split_once(" via ") {
        return is_agency(right) || is_agency(left);
    }
    let parts: Vec<&str> = tail.split('/').map(str::trim).collect();
    parts.len() >= 2
        && (is_agency(parts[0]) || parts.iter().skip(1).any(|p| is_agency(p)))
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.split_whitespace().count() <= 4)
}

/// `Kim Hong-Ji/Reuters 05 Oct 2024` → `Kim Hong-Ji/Reuters`: drops final words that are
/// numbers or month names.
fn strip_trailing_date(text: &str) -> &str {
    let mut end = text.len();
    for word in text.rsplit(' ') {
        let bare = word.trim_end_matches('.');
        let is_date_word = word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ','))
            || super::boilerplate::is_stamp_word(bare);
        if !is_date_word || word.is_empty() {
            break;
        }
        end = end.saturating_sub(word.len() + 1);
    }
    text[..floor_char_boundary(text, end)].trim_end()
}

/// Credits in Korean, Japanese and Chinese captions: an ending such as `摄` or `[연합뉴스
/// 자료사진]`, an agency in full-width parentheses (`（2024年 ロイター/Kim Hong-Ji）`), or a
/// phrase like `图片来源`.
fn is_cjk_credit(line: &str) -> bool {
    if !line.chars().any(|c| c as u32 >= 0x3000) {
        return false;
    }
    let trimmed = line.trim_end_matches(['。', '.', ' ']);
    if CJK_CREDIT_ENDINGS.iter().any(|e| trimmed.ends_with(e))
        || CJK_CREDIT_ANYWHERE.iter().any(|p| line.contains(p))
    {
        return true;
    }
    // `…の佐野さん（右）=8日、北浜市上川町`, `＝4日午前、東野市北原で`: a Japanese paper's
    // caption gives the day after `=`.
    if let Some(at) = line.find(['=', '＝']) {
        let after = line[at..].trim_start_matches(['=', '＝']);
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if (1..=2).contains(&digits) && after[digits..].starts_with('日') {
            return true;
        }
    }
    // `…있다. 사진 최영호 기자`: a photographer after the last sentence.
    if let Some((_, after)) = trimmed.rsplit_once(". ")
        && (after.starts_with("사진 ") || after.starts_with("사진="))
        && after.len() <= 40
    {
        return true;
    }
    // `…. 연합뉴스`, `…。新华社记者 王刚 摄`: an agency after the last sentence.
    let last = trimmed.rsplit(['。', '.', ' ']).next().unwrap_or("");
    is_agency(last) && last.len() < trimmed.len()
}

/// `SELIN ARSLAN`: a photographer's name in capitals, as galleries set it under each photo.
pub(crate) fn is_capitals_name(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=4).contains(&words)
        && line.len() <= 40
        && line
            .split_whitespace()
            .all(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        && line
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '-' | '.' | '\''))
}

/// A line that is only an agency's name (`Yonhap`, `共同通信`): a credit when it sits right
/// under a caption, a source line otherwise.
pub(crate) fn is_bare_agency(line: &str) -> bool {
    is_agency(line)
}

/// [`CREDIT_ANYWHERE`] then [`CREDIT_LABELS`], found in one pass.
static CREDIT_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(CREDIT_ANYWHERE.iter().chain(CREDIT_LABELS))
        // The phrases are fixed ASCII strings; the unit tests build this automaton.
        .expect("the credit phrases make a valid automaton")
});

/// Whether byte `at` of `line` starts the line or comes right after a sentence ends
/// (`. `, `” `, `) `), so `photographed` inside a sentence does not count.
fn starts_sentence(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end();
    at == 0
        || (before.len() < at
            && before.chars().next_back().is_some_and(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | '”' | '"' | ')' | '’' | '|' | '-' | '–' | '—'
                )
            }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognizes_credit_styles() {
        assert!(is_credit(
            "\"The Jangmadang generation\" star in a change. Photo: LiNK"
        ));
        assert!(is_credit("A map of North Korea (ASIAPRESS)"));
        assert!(is_credit("Protesters in Seoul. (AP Photo/Ahn Young-joon)"));
        assert!(is_credit("Kim Hong-Ji/Reuters"));
        assert!(is_credit("A field. Photographed from the Chinese side."));
        assert!(is_credit("Photo: Reuters/Kim Hong-Ji"));
        assert!(!is_credit("She photographed the notice and sent it."));
        assert!(!is_credit("(In May 2023, ten people defected by boat)"));
    }

    #[test]
    fn recognizes_agency_and_cjk_credits() {
        assert!(is_credit(
            "Ships wait outside the port, March 4, 2025. REUTERS/Kim Soo-hyun"
        ));
        assert!(is_credit("Kim Hong-Ji/Reuters 05 Oct 2024"));
        assert!(is_credit("Kyodo via REUTERS"));
        assert!(is_credit(
            "A worker at a plant in a file photo. REUTERS/Staff/File Photo"
        ));
        assert!(is_credit("Illustration: Mina Cho"));
        assert!(is_credit("국회 본회의장 모습 [연합뉴스 자료사진]"));
        assert!(is_credit(
            "大雪の中を歩く人たち（9日、札幌市中央区で）＝共同"
        ));
        assert!(is_credit(
            "6月19日，工作人员在江堤上巡查。新华社记者 王刚 摄"
        ));
        assert!(is_credit("지난해 열린 한일 정상회담 모습. 연합뉴스"));
        assert!(!is_credit("共同通信"), "alone it is a source line");
        assert!(is_credit(
            "A crane barge sits beside the pier. (WLKS photo/Marcus Lee)"
        ));
        assert!(is_credit("（何志強攝）"));
        assert!(is_credit("圖片來源：讀者提供"));
        assert!(is_credit("＝4日午前、東野市北原で（本社ヘリから）"));
        assert!(is_credit("説明する佐野さん（右）=8日、北浜市上川町"));
        assert!(is_credit(
            "Salt harvest, 12 August 2025. Photograph by Selin Arslan"
        ));
        assert!(is_capitals_name("SELIN ARSLAN"));
        assert!(!is_capitals_name("SEOUL"));
        assert!(!is_capitals_name("- END -"));
        assert!(!is_capitals_name("FOR IMMEDIATE RELEASE NOW TODAY"));
        assert!(!is_credit("The union said it would strike on Monday."));
        assert!(!is_credit(
            "He moved to Reuters in 2010 and then to the AP."
        ));
    }
}
