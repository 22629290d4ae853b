//! Byline and dateline rules: whether one trimmed line names the article's author or opens
//! the first paragraph with a dateline.
//!
//! [`is_byline`] knows `By …`, `Written by …`, `Reporting by …` and the reporter lines of
//! Korean, Japanese and Chinese pages; [`trailing_byline`] finds an author's name ending a
//! title line; [`dateline`] finds `SEOUL, March 3 (Reuters) - ` and its CJK forms. Like the
//! other line rules ([`super::rules`]) they never look at neighbours and bail out early on
//! lines too long to be what they look for.

use super::rules::{MAX_SHORT_LINE_CHARS, ends_sentence, floor_char_boundary};

/// A dateline opening the first paragraph: `NORTH KOREA (Conspiracy Talk News) – `,
/// `SEOUL, March 3 (Reuters) - `, `TOKYO — `. Returns the end of the dateline's text and the
/// start of the paragraph after the dash.
pub(crate) fn dateline(line: &str) -> Option<(usize, usize)> {
    if let Some(found) = cjk_dateline(line) {
        return Some(found);
    }
    let window = &line[..floor_char_boundary(line, 100)];
    let (dash_at, dash) = [" – ", " — ", " - ", " -- "]
        .iter()
        .filter_map(|d| window.find(d).map(|i| (i, *d)))
        .min_by_key(|&(i, _)| i)?;
    let prefix = line[..dash_at].trim_end();
    let place = match prefix
        .strip_suffix(')')
        .and_then(|p| p.rfind('(').map(|o| &p[..o]))
    {
        Some(before) => before.trim_end(),
        None => prefix,
    };
    let place = place.split(',').next().unwrap_or(place);
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let is_place = letters >= 3
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    let rest = dash_at + dash.len();
    (is_place && rest < line.len()).then_some((prefix.len(), rest))
}

/// Datelines of CJK agencies: `[ソウル 22日 ロイター] - `, `(서울=연합뉴스) 김민수 기자 = `,
/// `新华社武汉6月20日电（记者 李明）`.
fn cjk_dateline(line: &str) -> Option<(usize, usize)> {
    let window = &line[..floor_char_boundary(line, 120)];
    let rest_after = |end: usize| {
        let rest = line[end..].trim_start();
        (!rest.is_empty()).then(|| (line[..end].trim_end().len(), line.len() - rest.len()))
    };
    // `【上川】北浜市…`, `【本報訊】運輸署…`: a place or the paper's own wire in lenticular
    // brackets; `（中央社記者林怡君台北27日電）…`: an agency's wire line in parentheses.
    for (open, close, last) in [('【', '】', None), ('（', '）', Some(['電', '电']))] {
        if let Some(inner) = window.strip_prefix(open)
            && let Some(end) = inner.find(close)
        {
            let label = &inner[..end];
            let fits = match last {
                None => (1..=8).contains(&label.chars().count()),
                Some(marks) => label.chars().count() <= 30 && label.ends_with(marks),
            };
            if fits && !label.contains(['：', ':']) {
                return rest_after(open.len_utf8() + end + close.len_utf8());
            }
        }
    }
    if let Some(inner) = window
        .strip_prefix('[')
        .or_else(|| window.strip_prefix('［'))
    {
        let close = inner.find([']', '］'])?;
        let after = &inner[close..];
        let after = after.trim_start_matches([']', '］']).trim_start();
        let dash = ["- ", "– ", "— ", "－"]
            .iter()
            .find(|d| after.starts_with(*d))?;
        let end = window.len() - after.len() + dash.len();
        return rest_after(end);
    }
    if window.starts_with('(') || window.starts_with('（') {
        let close = window.find([')', '）'])?;
        if !window[..close].contains('=') {
            return None;
        }
        let after = &window[close..];
        let reporter_end = after.find(" = ").map(|i| i + 3)?;
        return rest_after(close + reporter_end);
    }
    for agency in ["新华社", "中新社", "中新网"] {
        if let Some(rest) = window.strip_prefix(agency) {
            let at = rest.find('电')?;
            let mut end = agency.len() + at + '电'.len_utf8();
            let after = &line[end..];
            if after.starts_with('（') {
                end += after.find('）').map(|i| i + '）'.len_utf8())?;
            }
            return rest_after(end);
        }
    }
    None
}

/// `By Kim Min-ji`, `By Jane Doe and John Roe`, `by ISHIMARU Jiro, ASIAPRESS`, `Written by …`,
/// `Reporting by …; Editing by …`, `… contributed to this report.`, and the reporter lines of
/// Korean, Japanese and Chinese pages (`김민수 기자`, `本报记者 陈静`, `作者：周敏`, `文・写真　山田花子`).
pub(crate) fn is_byline(line: &str) -> bool {
    if line.len() <= 200
        && (line.starts_with("Reporting by ")
            || line.starts_with("Written by ")
            || line.ends_with("contributed to this report.")
            || line.ends_with("contributed reporting."))
    {
        return true;
    }
    if is_cjk_byline(line) {
        return true;
    }
    if is_labelled_byline(line) || is_cjk_bracketed_byline(line) || is_broadcast_sign_off(line) {
        return true;
    }
    // `Posted by Jess Kowalczyk` names the author; `Posted by Grace on November 2` is the
    // post's metadata line (its `on` is lowercase, so it fails the names test below).
    // `von Jana Roth`, `door Henk`, `par Marie Dupont`: `by` in German, Dutch, French,
    // Spanish and Swedish, lowercase as blogs and forums set it; at most four names, since
    // the word also opens ordinary phrases (`von Bremen nach Hamburg` has a lowercase word).
    let foreign = ["von ", "door ", "par ", "por ", "av "]
        .iter()
        .find_map(|p| line.strip_prefix(p));
    let Some(names) = ["By ", "by ", "By: ", "by: ", "BY ", "Posted by "]
        .iter()
        .find_map(|p| line.strip_prefix(p))
        .or(foreign)
    else {
        return false;
    };
    let words: Vec<&str> = names.split_whitespace().collect();
    let most = if foreign.is_some() { 4 } else { 8 };
    // `by 달빛여행자`: a name in a script without capitals.
    let is_name = |w: &str| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || super::signals::is_cjk(c))
    };
    line.len() <= 80
        && !line.ends_with('.')
        && (1..=most).contains(&words.len())
        && words
            .iter()
            .all(|w| matches!(*w, "and" | "the" | "of") || is_name(w))
}

/// Words that say what the named person wrote or did (`Interview by …`, `Words by …`,
/// `Photographs and text: …`); one of [`WRITING_WORDS`] must be among them.
const CREDIT_ROLE_WORDS: &[&str] = &[
    "interview",
    "interviews",
    "words",
    "text",
    "story",
    "reporting",
    "report",
    "written",
    "author",
    "and",
    "photographs",
    "photos",
    "pictures",
    "video",
];

/// The words of [`CREDIT_ROLE_WORDS`] that name writing, not only pictures.
const WRITING_WORDS: &[&str] = &[
    "interview",
    "interviews",
    "words",
    "text",
    "story",
    "reporting",
    "report",
    "written",
    "author",
];

/// `Interview by Leo Martens`, `Words by Fiona Lindqvist`, `Photographs and text: Selin
/// Arslan`, `Author: Jenny Ortiz`: a short label naming the writing, then people's names.
fn is_labelled_byline(line: &str) -> bool {
    if line.len() > 100 {
        return false;
    }
    let Some((label, names)) = line.split_once(" by ").or_else(|| line.split_once(": ")) else {
        return false;
    };
    let label_words: Vec<&str> = label.split_whitespace().collect();
    let is_label = (1..=4).contains(&label_words.len())
        && label_words
            .iter()
            .all(|w| CREDIT_ROLE_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w)))
        && label_words
            .iter()
            .any(|w| WRITING_WORDS.iter().any(|r| r.eq_ignore_ascii_case(w)));
    is_label
        && names
            .split([',', '&'])
            .flat_map(|part| part.split(" and "))
            .all(|name| is_person_name(name.trim()))
}

/// `【記者：李家豪】`, `〔記者王志偉／高雄報導〕`, `（東野支局・川口美咲）`: a reporter named in
/// brackets, as Hong Kong, Taiwanese and Japanese papers set the byline.
fn is_cjk_bracketed_byline(line: &str) -> bool {
    let pairs = [
        ('【', '】'),
        ('〔', '〕'),
        ('（', '）'),
        ('［', '］'),
        ('[', ']'),
    ];
    let Some(inner) = pairs.iter().find_map(|&(open, close)| {
        line.strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
    }) else {
        return false;
    };
    inner.chars().count() <= 24
        && !inner.contains(['【', '〔', '（', '］', '。'])
        && [
            "記者",
            "记者",
            "기자",
            "支局",
            "報導",
            "报道",
            "特派員",
            "特派员",
            "通訊員",
            "撰文",
        ]
        .iter()
        .any(|w| inner.contains(w))
}

/// `한빛방송 뉴스 박서윤입니다.`: a Korean television report signs off with the outlet's
/// news and the reporter's name.
fn is_broadcast_sign_off(line: &str) -> bool {
    line.chars().count() <= 40
        && line.trim_end_matches('.').ends_with("입니다")
        && line.contains("뉴스 ")
        && !line.contains(", ")
}

/// `김민수 기자`, `글 박지현 기자 / 사진 최영호 기자`, `本报记者 陈静`, `作者：周敏`, `文・写真　山田花子`.
fn is_cjk_byline(line: &str) -> bool {
    if line.len() > 90 || line.contains('@') || line.ends_with(['。', '.']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_korean = words.len() <= 8
        && words
            .last()
            .is_some_and(|w| matches!(*w, "기자" | "특파원" | "선임기자"))
        && line.starts_with(|c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c));
    is_korean
        || is_cjk_labelled_names(line)
        || line.starts_with("本报记者")
        || line.starts_with("作者：")
        || line.starts_with("记者：")
        || line.starts_with("文・")
        || line.starts_with("文／")
        || line.starts_with("文：")
}

/// `文/赵一鸣`, `作者:梁思远`, `记者 周晓岚 实习生 何一帆`: a Chinese writer's or reporter's
/// label, a separator, and names only (two to four hanzi each, an intern's or a
/// correspondent's role between them).
fn is_cjk_labelled_names(line: &str) -> bool {
    let Some(names) = ["作者", "记者", "記者", "撰文", "文"]
        .iter()
        .find_map(|label| line.strip_prefix(label))
        .and_then(|rest| rest.strip_prefix([':', '：', '/', '／', ' ']))
    else {
        return false;
    };
    let words: Vec<&str> = names.split_whitespace().collect();
    let is_name =
        |w: &str| (2..=4).contains(&w.chars().count()) && w.chars().all(super::signals::is_cjk);
    (1..=6).contains(&words.len())
        && words.first().is_some_and(|w| is_name(w))
        && words
            .iter()
            .all(|w| is_name(w) || matches!(*w, "实习生" | "通讯员" | "見習" | "摄影"))
}

/// Words that name an organisation, a place's institution or a page section, never a person
/// (`Oakfield Community Association`, `Health A to Z`): a closed class of nouns.
const ORGANISATION_WORDS: &[&str] = &[
    "association",
    "council",
    "news",
    "times",
    "daily",
    "press",
    "media",
    "group",
    "company",
    "university",
    "college",
    "school",
    "club",
    "society",
    "office",
    "department",
    "desk",
    "staff",
    "team",
    "community",
    "centre",
    "center",
    "library",
    "foundation",
    "institute",
    "agency",
    "network",
    "radio",
    "magazine",
    "journal",
    "gazette",
    "herald",
    "weekly",
    "online",
    "blog",
    "events",
    "letters",
    "opinion",
    "home",
];

/// `Daniel Osei`, `Ines M. Carvalho`, `Jean-Luc O'Neill`, `KIM Soo-jin`: two to four
/// capitalized name words and nothing else (no organisation noun, no digits).
pub(crate) fn is_person_name(text: &str) -> bool {
    if text.len() > 60 {
        return false;
    }
    let mut count = 0;
    for word in text.split_whitespace() {
        count += 1;
        let mut chars = word.chars();
        let is_name_word = count <= 4
            && chars.next().is_some_and(char::is_uppercase)
            && chars.all(|c| c.is_alphabetic() || matches!(c, '-' | '.' | '\'' | '’'))
            && !ORGANISATION_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(word.trim_end_matches('.')));
        if !is_name_word {
            return false;
        }
    }
    (2..=4).contains(&count)
}

/// A reader's or writer's sign-off: `Ruth Adeyemi, Westbridge`, `Jane Doe, Leeds`, `— Jane`,
/// `– Tom Lee, editor`, or a person's name alone.
pub(crate) fn is_sign_off(text: &str) -> bool {
    if text.len() > 80 || ends_sentence(text) || text.chars().any(|c| c.is_ascii_digit()) {
        return false;
    }
    if let Some(rest) = ["— ", "– ", "―", "—", "-- "]
        .iter()
        .find_map(|dash| text.strip_prefix(dash))
    {
        let rest = rest.trim_start();
        let name = rest.split(", ").next().unwrap_or(rest);
        let words = name.split_whitespace().count();
        return (1..=4).contains(&words)
            && name
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    }
    match text.split_once(", ") {
        Some((name, place)) => {
            is_person_name(name)
                && (1..=5).contains(&place.split_whitespace().count())
                && place.chars().next().is_some_and(char::is_alphabetic)
        }
        None => is_person_name(text),
    }
}

/// A title ending with its author, family name in capitals (`… witnesses ISHIMARU Jiro`):
/// where the name starts.
pub(crate) fn trailing_byline(line: &str) -> Option<usize> {
    if line.len() > MAX_SHORT_LINE_CHARS * 2 || ends_sentence(line) {
        return None;
    }
    let words: Vec<(usize, &str)> = line
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.len() < 5 {
        return None;
    }
    let is_capitals =
        |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '-');
    let is_capitalized = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().next().is_some()
            && chars.all(|c| c.is_lowercase() || c == '-')
    };
    let (a_start, a) = words[words.len() - 2];
    let b = words[words.len() - 1].1;
    let is_name = (is_capitals(a) && is_capitalized(b)) || (is_capitalized(a) && is_capitals(b));
    let previous = words[words.len() - 3].1;
    let previous_is_name_like = is_capitals(previous) || is_capitalized(previous);
    (is_name && !previous_is_name_like).then_some(a_start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn by_in_german_dutch_and_french_opens_a_byline_issue_12() {
        assert!(is_byline("von Jana Brettschneider"));
        assert!(is_byline("door Henkvandevolkstuin"));
        assert!(is_byline("par Marie Dupont"));
        assert!(!is_byline("von Bremen nach Hamburg"));
        assert!(!is_byline("par Avion Express Livraison Rapide Partout"));
    }

    #[test]
    fn posted_by_a_name_and_chinese_labelled_names_are_bylines_issue_12() {
        assert!(is_byline("Posted by Jess Kowalczyk"));
        assert!(!is_byline("Posted by Grace on November 2, 2022"));
        assert!(is_byline("by 달빛여행자"));
        assert!(is_byline("文/赵一鸣"));
        assert!(is_byline("作者:梁思远"));
        assert!(is_byline("记者 周晓岚 实习生 何一帆"));
        assert!(!is_byline("文/图 来自网络的一张旧照片说明文字很长"));
        assert!(!is_byline("记者 在现场看到了什么"));
    }

    #[test]
    fn finds_cjk_bylines_and_datelines() {
        assert!(is_byline("김민수 기자"));
        assert!(is_byline("本报记者 陈静"));
        assert!(is_byline("Reporting by Hana Lee; Editing by Sam Holmes"));
        assert!(is_byline("By the Books Desk"));
        assert!(!is_byline("기자들은 모두 돌아갔다."));
        let line = "[ソウル 22日 ロイター] - 韓国銀行は据え置いた。";
        let (end, rest) = dateline(line).unwrap();
        assert_eq!(&line[..end], "[ソウル 22日 ロイター] -");
        assert_eq!(&line[rest..], "韓国銀行は据え置いた。");
        let line = "(서울=연합뉴스) 김민수 기자 = 여야는 협상을 이어갔다.";
        let (_, rest) = dateline(line).unwrap();
        assert_eq!(&line[rest..], "여야는 협상을 이어갔다.");
        let line = "新华社武汉6月20日电（记者 李明）记者20日获悉。";
        let (_, rest) = dateline(line).unwrap();
        assert_eq!(&line[rest..], "记者20日获悉。");
        assert!(dateline("(괄호 안의 말) 그리고 = 이어서").is_none());
        let line = "【上川】北浜市上川町で閉校した。";
        assert_eq!(
            &line[dateline(line).unwrap().1..],
            "北浜市上川町で閉校した。"
        );
        let line = "（中央社記者林怡君台北27日電）颱風外圍環流影響。";
        assert_eq!(&line[dateline(line).unwrap().1..], "颱風外圍環流影響。");
        assert!(dateline("【記者：李家豪】").is_none());
        assert!(dateline("（何志強攝）店主").is_none());
    }

    #[test]
    fn finds_datelines() {
        let line = "NORTH KOREA (Conspiracy Talk News) – This is NOT the typical story";
        assert_eq!(dateline(line), Some((34, 39)));
        assert!(dateline("SEOUL, March 3 (Reuters) - North Korea fired").is_some());
        assert!(dateline("The test - a short one - failed").is_none());
    }

    #[test]
    fn finds_bylines_of_more_shapes() {
        assert!(is_byline("Interview by Leo Martens"));
        assert!(is_byline("Words by Fiona Lindqvist"));
        assert!(is_byline("Photographs and text: Selin Arslan"));
        assert!(is_byline("Author: Jenny Ortiz"));
        assert!(is_byline("by: Dana Whitfield"));
        assert!(is_byline("【記者：李家豪】"));
        assert!(is_byline("〔記者王志偉／高雄報導〕"));
        assert!(is_byline("（東野支局・川口美咲）"));
        assert!(is_byline("한빛방송 뉴스 박서윤입니다."));
        assert!(!is_byline("Posted by Grace on November 2, 2022"));
        assert!(!is_byline("Sort by Best"));
        assert!(!is_byline("Photographs by Ken Ito"));
        assert!(!is_byline("（編輯：陳文傑）1140827"));
        assert!(!is_byline("Text: the council's full statement"));
    }

    #[test]
    fn tells_names_and_sign_offs() {
        assert!(is_person_name("Daniel Osei"));
        assert!(is_person_name("Ines M. Carvalho"));
        assert!(!is_person_name("Oakfield Community Association"));
        assert!(!is_person_name("Health A to Z"));
        assert!(!is_person_name("Clara"));
        assert!(is_sign_off("Ruth Adeyemi, Westbridge"));
        assert!(is_sign_off("— Jane"));
        assert!(is_sign_off("Tom Lee"));
        assert!(!is_sign_off("More letters"));
        assert!(!is_sign_off("Keep the night buses running, says council"));
        assert!(!is_sign_off("Updated, 3 May 2025"));
    }

    #[test]
    fn finds_bylines() {
        assert!(is_byline("By Kim Min-ji"));
        assert!(!is_byline("By the time we arrived, it was over."));
        let title = "Part 1: A blind spot with no outside witnesses ISHIMARU Jiro";
        assert_eq!(trailing_byline(title), Some(47));
        assert_eq!(
            trailing_byline("A short walk along the river Han Kang"),
            None
        );
    }
}
