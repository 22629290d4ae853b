//! Cues: what a line's wording says about whom it addresses and what it describes, for the
//! scorer ([`super::score`]).
//!
//! Takes a trimmed line; answers five questions, each a pure test that reads at most the
//! line's first [`CUE_SCAN_BYTES`]:
//!
//! - [`is_call_to_action`]: the line asks the reader to do something for the site (an
//!   imperative addressed to the reader that names the site as `us` or `our`, or a plea
//!   opening with `Please`): `Tag us on social media`, `please visit our store`.
//! - [`is_self_reference`]: the line talks about the page or the text itself rather than the
//!   article's subject: `This post may contain…`, `Transcripts are produced…`, `この記事が…`.
//! - [`is_breadcrumb`]: a path of section names (`Home / Notices`, `首页 > 新闻`).
//! - [`is_tag_line`]: nothing but hashtags (`#essay #work`).
//! - [`is_metadata_field`]: a `Key: value` line whose key labels the page (`Prep time`,
//!   `Reference`, `テーマ`) or whose value is a date, a duration or a code, unlike a body's
//!   `Age: 44` or `Name: Park`.
//!
//! Plus [`ends_with_predicate`]: Korean and Japanese blog lines often end a sentence without
//! a full stop, on the verb (`다녀왔다`, `待ちます`); such a line reads as a sentence.
//!
//! The word tables are small closed classes (imperative verbs, document nouns, metadata
//! keys), not sentences: they name *kinds* of wording that recur across sites.

use super::boilerplate::collapse_lowercase;
use super::rules::floor_char_boundary;
use super::signals::is_stamp;

/// Bytes of a line the cues read: calls to action and disclaimers are short.
const CUE_SCAN_BYTES: usize = 300;

/// Verbs that open an imperative addressed to the reader.
const READER_VERBS: &[&str] = &[
    "leave",
    "tag",
    "share",
    "rate",
    "tell",
    "follow",
    "subscribe",
    "sign",
    "click",
    "tap",
    "join",
    "download",
    "check",
    "visit",
    "support",
    "forward",
    "pin",
    "save",
    "send",
    "register",
    "contact",
    "comment",
    "give",
];

/// Requests to follow, like or subscribe in Chinese, Japanese and Korean (`点击上方蓝字关注我们`).
const CJK_CALLS_TO_ACTION: &[&str] = &[
    "关注我们",
    "点击上方",
    "扫码关注",
    "长按识别",
    "点个赞",
    "フォローしてね",
    "フォローお願い",
    "読者登録",
    "구독 부탁",
    "구독과 좋아요",
    "공감 부탁",
];

/// Reader verbs that only a site uses in the imperative.
const SITE_VERBS: &[&str] = &["subscribe", "click", "tap", "register", "download"];

/// Verbs that, after `Please`, ask for the site (`Please share this page`, `Please disable
/// your ad blocker`); as a sentence's first word most of them also instruct (`Follow the
/// river north`, `Like many towns…`), so only a plea counts them.
const PLEA_SITE_VERBS: &[&str] = &[
    "subscribe",
    "click",
    "tap",
    "register",
    "download",
    "share",
    "follow",
    "like",
    "rate",
    "log",
    "login",
    "disable",
    "whitelist",
    "donate",
];

/// Things only a site asks the reader about (`Please turn off your ad blocker`).
const SITE_NOUNS: &[&str] = &[
    "app",
    "account",
    "browser",
    "javascript",
    "cookies",
    "blocker",
    "subscription",
    "comments",
    "comment",
    "channel",
    "podcast",
    "audio",
    "video",
];

/// Keys of a link to another article (`RELATED: City budget…`, `READ MORE: …`).
const LINK_KEYS: &[&str] = &[
    "related",
    "read more",
    "read also",
    "also read",
    "see also",
    "watch",
    "listen",
    "more",
    "recommended",
    "trending",
    "most read",
    "popular",
    "video above",
    "video",
    "photos",
    "gallery",
];

/// `RELATED: City budget leaves little room`, `WATCH: …`: a link to another story, labelled.
pub(crate) fn is_link_label(line: &str) -> bool {
    line.len() <= 200
        && key_and_value(line)
            .is_some_and(|(key, _)| LINK_KEYS.contains(&collapse_lowercase(key).as_str()))
}

/// Words that name the site itself as the one asking.
const SITE_PRONOUNS: &[&str] = &["us", "our", "we"];

/// Nouns for the page or the text itself (`this post`, `our website`).
const DOCUMENT_NOUNS: &[&str] = &[
    "transcript",
    "transcripts",
    "article",
    "articles",
    "post",
    "page",
    "site",
    "website",
    "email",
    "newsletter",
    "episode",
    "recording",
    "links",
    "link",
    "content",
    "feed",
];

/// Words that point at a document noun as this page's (`this post`, `our site`).
const DOCUMENT_POINTERS: &[&str] = &["this", "our", "these"];

/// `この記事` (this article) and its kin in Japanese, Korean and Chinese.
const CJK_SELF_REFERENCES: &[&str] = &[
    "この記事",
    "本記事",
    "このブログ",
    "이 글",
    "이 기사",
    "이 포스팅",
    "这篇文章",
    "本文章",
    "本文转载",
];

/// Keys that label a page's metadata rather than a fact in the article.
const METADATA_KEYS: &[&str] = &[
    "date",
    "notice date",
    "release date",
    "published",
    "posted",
    "updated",
    "last updated",
    "last modified",
    "modified",
    "reference",
    "ref",
    "department",
    "issued by",
    "office",
    "category",
    "categories",
    "section",
    "tags",
    "tagged",
    "topics",
    "filed under",
    "source",
    "posts",
    "joined",
    "location",
    "reputation",
    "prep time",
    "cook time",
    "total time",
    "serves",
    "servings",
    "yield",
    "course",
    "cuisine",
    "calories",
    "keyword",
    "keywords",
    "difficulty",
    "author",
    "テーマ",
    "カテゴリ",
    "カテゴリー",
    "タグ",
    "分类",
    "标签",
    "来源",
    "日期",
    "카테고리",
    "태그",
    "출처",
    "views",
    // The same page fields in German, Dutch, French and Turkish.
    "datum",
    "veröffentlicht",
    "aktualisiert",
    "kategorie",
    "kategorien",
    "schlagwörter",
    "beiträge",
    "registriert",
    "wohnort",
    "geplaatst",
    "bijgewerkt",
    "categorie",
    "berichten",
    "lid geworden op",
    "woonplaats",
    "publié le",
    "mis à jour",
    "catégorie",
    "güncelleme",
    "yayınlanma",
    "etiketler",
    "kategori",
    "瀏覽次數",
    "浏览次数",
    "阅读量",
    "閲覧数",
];

/// Labels of a board's or blog's post fields, set before the value with a space and no
/// colon (`작성자 책벌레88`, `조회 1,204`, `投稿日 2025/07/09`).
const SPACED_FIELD_KEYS: &[&str] = &[
    "작성자",
    "글쓴이",
    "작성일",
    "등록일",
    "조회",
    "조회수",
    "추천",
    "비추천",
    "댓글",
    "投稿者",
    "投稿日",
    "閲覧数",
    "作者",
    "发布时间",
    "浏览",
    "阅读",
    "瀏覽",
];

fn sample(line: &str) -> &str {
    &line[..floor_char_boundary(line, CUE_SCAN_BYTES)]
}

/// The line's sentences, split after `.`, `!` or `?` and a space.
fn sentences(text: &str) -> impl Iterator<Item = &str> {
    text.split_inclusive(['.', '!', '?'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

/// A word without the punctuation around it (`“Subscribe,”` → `Subscribe`).
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric())
}

/// Whether `word` is in `list` (lowercase ASCII words), ignoring case; no copy is made, as
/// this runs for most words of most short lines.
fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

/// Whether the line asks the reader to act for the site (see the module docs).
pub(crate) fn is_call_to_action(line: &str) -> bool {
    let text = sample(line);
    if text.chars().any(super::signals::is_cjk) {
        return CJK_CALLS_TO_ACTION.iter().any(|p| text.contains(p));
    }
    let names_site = || {
        text.split_whitespace()
            .any(|w| is_in(bare(w), SITE_PRONOUNS))
    };
    sentences(text).any(|sentence| {
        let first = sentence.split_whitespace().next().map_or("", bare);
        if first.eq_ignore_ascii_case("please") {
            // `Please subscribe…`, `Please check the recording…` ask for the site or about
            // the page; `Please let us know if you can help…` is the author's own request,
            // part of the article.
            return sentence.split_whitespace().map(bare).any(|w| {
                is_in(w, PLEA_SITE_VERBS) || is_in(w, SITE_NOUNS) || is_in(w, DOCUMENT_NOUNS)
            });
        }
        // `To send flowers …, please visit our store`: the plea may follow a clause.
        let pleads = sentence.contains(", please ");
        let lets_know = first.eq_ignore_ascii_case("let")
            && sentence
                .get(..11)
                .is_some_and(|s| s.eq_ignore_ascii_case("let us know"));
        if is_in(first, SITE_VERBS) {
            // Some verbs ask for the site whoever is named: `Subscribe for free to …`.
            return true;
        }
        if !(is_in(first, READER_VERBS) || pleads || lets_know) || !names_site() {
            return false;
        }
        // `Join us at the hall`, `Contact us at the office`, `let us know if you can help`:
        // the author's own request, unless it names something of the site's (`visit our
        // website`, `send us a letter`, `let us know in the comments`).
        !(pleads || lets_know || is_in(first, SHARED_VERBS))
            || sentence
                .split_whitespace()
                .map(bare)
                .any(|w| is_in(w, SITE_NOUNS) || is_in(w, DOCUMENT_NOUNS) || is_in(w, OUTLET_NOUNS))
    })
}

/// Reader verbs an article's own author uses too (`Join us at the hall on Saturday`): with
/// `us` or `our` they ask for the site only when the sentence names something of the site's.
const SHARED_VERBS: &[&str] = &[
    "join", "visit", "contact", "give", "check", "save", "send", "tell", "let",
];

/// What a site or an outlet asks its readers for besides its pages (`send us a letter`,
/// `visit our store`, `tag us on social media`).
const OUTLET_NOUNS: &[&str] = &[
    "social",
    "media",
    "store",
    "shop",
    "letter",
    "letters",
    "tip",
    "tips",
    "inbox",
    "feedback",
    "twitter",
    "facebook",
    "instagram",
    "youtube",
    "journalism",
];

/// Whether the line talks about the page or the text itself (see the module docs).
pub(crate) fn is_self_reference(line: &str) -> bool {
    let text = sample(line);
    if !text.is_ascii() && CJK_SELF_REFERENCES.iter().any(|p| text.contains(p)) {
        return true;
    }
    let mut words = text.split_whitespace().map(bare);
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    // `Transcripts are produced with …`: the document kind is the sentence's subject.
    let subject = is_in(first, DOCUMENT_NOUNS)
        && first.ends_with('s')
        && first.len() > 5
        && is_in(second, &["are", "were", "may"]);
    if subject {
        return true;
    }
    let mut previous = first;
    for word in std::iter::once(second).chain(words) {
        if is_in(previous, DOCUMENT_POINTERS) && is_in(word, DOCUMENT_NOUNS) {
            return true;
        }
        previous = word;
    }
    false
}

/// Separators between the steps of a breadcrumb trail.
const CRUMB_SEPARATORS: &[&str] = &[" ‹ ", " › ", " » ", " > ", " / ", " < ", " » ", " ＞ "];

/// `Home / Public Works / Notices`, `Reviews › Headphones`, `首页 > 新闻 > 国内`: two or more
/// short steps joined by one separator, with no sentence in them.
pub(crate) fn is_breadcrumb(line: &str) -> bool {
    if line.len() > 160 || super::rules::ends_sentence(line) {
        return false;
    }
    CRUMB_SEPARATORS.iter().any(|separator| {
        let steps: Vec<&str> = line.split(separator).map(str::trim).collect();
        steps.len() >= 2
            && steps
                .iter()
                .all(|s| !s.is_empty() && s.split_whitespace().count() <= 4)
    })
}

/// `#essay #work #life`: every word a hashtag.
pub(crate) fn is_tag_line(line: &str) -> bool {
    let mut words = 0;
    for word in sample(line).split_whitespace() {
        if !(word.starts_with('#') || word.starts_with('＃')) || word.chars().count() < 2 {
            return false;
        }
        words += 1;
    }
    words >= 1
}

/// The key and value of a `Key: value` line, when the colon comes early.
fn key_and_value(line: &str) -> Option<(&str, &str)> {
    let window = &line[..floor_char_boundary(line, 60)];
    let (at, colon) = window
        .find(": ")
        .map(|i| (i, 2))
        .or_else(|| window.find('：').map(|i| (i, '：'.len_utf8())))?;
    let value = line[at + colon..].trim();
    (!value.is_empty()).then(|| (line[..at].trim(), value))
}

/// Keys of the links to the post before and after this one, and of the site that runs the
/// page (`上一篇：…`, `Next: …`, `主办单位：…`).
const NAVIGATION_KEYS: &[&str] = &[
    "previous",
    "prev",
    "next",
    "previous post",
    "next post",
    "上一篇",
    "下一篇",
    "上一則",
    "下一則",
    "이전글",
    "다음글",
    "前の記事",
    "次の記事",
    "主办单位",
    "主辦單位",
    "承办单位",
];

/// Whether `key` (lowercased, collapsed) labels the page or a link rather than a fact:
/// `Tags`, `Posted`, `Related`, `Photo`.
pub(crate) fn is_page_key(key: &str) -> bool {
    NAVIGATION_KEYS.contains(&key)
        || METADATA_KEYS.contains(&key)
        || LINK_KEYS.contains(&key)
        || super::boilerplate::CREDIT_LABELS
            .iter()
            .any(|label| label.strip_suffix(':') == Some(key))
}

/// Whether a `Key: value` line labels the page (see the module docs).
pub(crate) fn is_metadata_field(line: &str) -> bool {
    if line.len() > 120 || super::rules::ends_sentence(line) {
        return false;
    }
    if let Some((key, value)) = line.split_once(' ')
        && SPACED_FIELD_KEYS.contains(&key)
        && value.split_whitespace().count() <= 3
    {
        return true;
    }
    let Some((key, value)) = key_and_value(line) else {
        return false;
    };
    if key.is_empty() || key.split_whitespace().count() > 3 {
        return false;
    }
    let key = collapse_lowercase(key);
    if METADATA_KEYS.contains(&key.as_str()) {
        return true;
    }
    // `Date: 2024-07-03`, `Prep time: 10 minutes`, `Ref: PW-2025-031`: a value that is a
    // date, a duration or a code; a bare number (`Age: 44`) is a fact.
    let has_digits = value.chars().any(|c| c.is_ascii_digit());
    let is_dated = is_stamp(value)
        && (value.split_whitespace().count() >= 2
            || value.contains(['-', '/', ':', '.'])
            || value.chars().any(char::is_alphabetic));
    let is_code = has_digits
        && !value.contains(' ')
        && value.contains('-')
        && value.chars().any(|c| c.is_ascii_uppercase());
    let is_duration = value.split_whitespace().count() == 2
        && value.starts_with(|c: char| c.is_ascii_digit())
        && value
            .split_whitespace()
            .nth(1)
            .is_some_and(|u| matches!(u, "minutes" | "mins" | "min" | "hours" | "hour" | "hrs"));
    is_dated || is_code || is_duration
}

/// Whether a Korean or Japanese line ends on a verb or copula, as a sentence does when the
/// writer leaves out the full stop.
pub(crate) fn ends_with_predicate(line: &str) -> bool {
    let text = line.trim_end_matches(['~', '～', '♪', '♡', '☆', '!', '！', ' ']);
    let korean = ["다", "요", "죠", "니다", "네요", "어요"];
    let japanese = [
        "ます",
        "です",
        "ました",
        "でした",
        "ません",
        "ましょう",
        "だった",
        "った",
        "ている",
        "てる",
        "だ",
        "よね",
        "ですね",
        "ね",
        "よ",
    ];
    let has_hangul = text.chars().any(|c| ('\u{ac00}'..='\u{d7a3}').contains(&c));
    let has_kana = text.chars().any(|c| ('\u{3040}'..='\u{30ff}').contains(&c));
    // One word is a title or a label, not a sentence.
    let long_enough = text.chars().count() >= 6;
    long_enough
        && (has_hangul && text.contains(' ') && korean.iter().any(|e| text.ends_with(e))
            || has_kana && japanese.iter().any(|e| text.ends_with(e)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_calls_to_action_but_not_instructions() {
        assert!(is_call_to_action(
            "Did you make this recipe? Tag us on social media."
        ));
        assert!(is_call_to_action(
            "To send flowers to the family, please visit our floral store."
        ));
        assert!(is_call_to_action("Please check the audio before quoting."));
        assert!(is_call_to_action("Please subscribe to keep reading."));
        assert!(!is_call_to_action(
            "Please let us know if you can help set up tables on the morning."
        ));
        assert!(!is_call_to_action(
            "Join us at the village hall on Saturday."
        ));
        assert!(!is_call_to_action(
            "If you can lend a gazebo, please contact us before Friday."
        ));
        assert!(is_call_to_action("Have a view? Send us a letter."));
        assert!(is_call_to_action("Let us know in the comments."));
        assert!(is_call_to_action("Follow us on Instagram for more."));
        assert!(!is_call_to_action(
            "Like many towns, Oakfield lost its bank."
        ));
        assert!(!is_call_to_action("Follow the river north for two miles."));
        assert!(is_call_to_action("Please share this page with a friend."));
        assert!(!is_call_to_action("Leave the dough to rest for an hour."));
        assert!(!is_call_to_action(
            "Let us start with the obvious question about rivers."
        ));
    }

    #[test]
    fn finds_lines_about_the_page_itself() {
        assert!(is_self_reference("This post may contain affiliate links."));
        assert!(is_self_reference(
            "Transcripts are made by software and may differ from the audio."
        ));
        assert!(is_self_reference("この記事が気に入ったら応援してください"));
        assert!(!is_self_reference("The post office closed at noon."));
    }

    #[test]
    fn tells_breadcrumbs_tags_and_metadata() {
        assert!(is_breadcrumb("Home / Public Works / Notices"));
        assert!(is_breadcrumb("首页 > 新闻 > 国内"));
        assert!(!is_breadcrumb(
            "Rain / snow mix expected tonight in the hills and valleys of the north."
        ));
        assert!(is_tag_line("#essay #work"));
        assert!(!is_tag_line("#1 in the charts"));
        assert!(is_link_label("RELATED: City budget leaves little room"));
        assert!(!is_link_label("Related reading is rare in this town."));
        assert!(is_metadata_field("Prep time: 10 minutes"));
        assert!(is_metadata_field("Reference: PW-2025-031"));
        assert!(is_metadata_field("テーマ：日記"));
        assert!(is_metadata_field("Date: 2024-07-03"));
        assert!(!is_metadata_field("Age: 44"));
        assert!(is_metadata_field("작성자 책벌레88"));
        assert!(is_metadata_field("조회 1,204"));
        assert!(is_metadata_field("瀏覽次數：8,231"));
        assert!(!is_metadata_field("Name: Park Ji-hoon"));
        assert!(!is_metadata_field("HOST: Welcome back. Today we talk."));
    }

    #[test]
    fn reads_verb_final_cjk_lines_as_sentences() {
        assert!(ends_with_predicate("楽しみに待ちます"));
        assert!(ends_with_predicate("지난 주말에 친구와 다녀왔다"));
        assert!(!ends_with_predicate("はじめての陶芸教室"));
        assert!(!ends_with_predicate("제주 올레길 7코스 걷기 후기"));
    }
}
