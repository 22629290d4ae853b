//! Interface strings: the words the default theme puts around the collection's own text,
//! in English, Korean and Japanese (#17).
//!
//! Takes the site's language tag; returns the [`Strings`] table for its primary subtag,
//! English for any other. Templates read it as `site.strings` (`{{ site.strings.published }}`),
//! so a theme can translate its own words the same way and a missing key fails the build.

use serde::Serialize;

/// Every interface string an article page, a list, the header, the navigation and the
/// footer show. An article's own labels (its facts, its dates' certainty, the editor's note,
/// the contents) come from its language's table, the rest from the site's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Strings {
    /// The language these strings are in (`en`, `ko`, `ja`).
    pub language: &'static str,
    /// Label of the authors.
    pub by: &'static str,
    /// Label of the source.
    pub source: &'static str,
    /// Label of the publication date.
    pub published: &'static str,
    /// Label of the length.
    pub length: &'static str,
    /// Label of the topics.
    pub topics: &'static str,
    /// After a word count.
    pub words: &'static str,
    /// After a character count.
    pub characters: &'static str,
    /// After the reading time in minutes.
    pub min_read: &'static str,
    /// Heading of the editor's note.
    pub editor_note: &'static str,
    /// Opens the folded editor's note.
    pub read_editor_note: &'static str,
    /// Folds it again.
    pub hide_editor_note: &'static str,
    /// Heading of the contents list.
    pub contents: &'static str,
    /// Opens the reader comments.
    pub show_comments: &'static str,
    /// Folds them again.
    pub hide_comments: &'static str,
    /// The header search box's placeholder.
    pub search: &'static str,
    /// The dark-mode toggle's label.
    pub dark_mode: &'static str,
    /// Heading of the home page's list.
    pub articles_newest_first: &'static str,
    /// The home page of a collection with no articles.
    pub no_articles: &'static str,
    /// Between a number and its unit or counter: a space in English (`96 words`), none in
    /// Korean and Japanese (`96자`, `2件`).
    pub unit_space: &'static str,
    /// Heading of the editor's corrections after the text.
    pub corrections: &'static str,
    /// A correction mark's label, before its number.
    pub correction: &'static str,
    /// A correction note's link back to its mark.
    pub back_to_text: &'static str,
    /// The search page's button for the next results.
    pub more_results: &'static str,
    /// The search page's topic filter.
    pub filter_topic: &'static str,
    /// Its empty choice.
    pub any_topic: &'static str,
    /// The search page's year filter.
    pub filter_year: &'static str,
    /// Its empty choice.
    pub any_year: &'static str,
    /// In the footer, before the editor's name.
    pub curated_by: &'static str,
    /// The footer's link to the EPUB.
    pub epub_link: &'static str,
    /// The footer's note on what is reproduced.
    pub reproduced_note: &'static str,
    /// Before the citation files' links.
    pub download_citation: &'static str,
    /// Before the links to a topic's or the collection's file of every article's citation.
    pub download_citations: &'static str,
    /// The link to an article's text as copied.
    pub as_copied_link: &'static str,
    /// After that link.
    pub as_copied_explained: &'static str,
    /// A related article's shared topics.
    pub also_about: &'static str,
    /// A related article's shared entities.
    pub also_mentions: &'static str,
    /// A related article worded alike.
    pub similar_wording: &'static str,
    /// The header panel's link to the search page.
    pub search_all: &'static str,
    /// The header search box's label.
    pub search_label: &'static str,
    /// The header search box's description for assistive technology.
    pub search_keys: &'static str,
    /// The navigation's accessible name.
    pub site_navigation: &'static str,
    /// The header search's accessible name.
    pub site_search: &'static str,
    /// The results list's accessible name.
    pub results: &'static str,
    /// The accessible name of an article's newer/older links.
    pub newer_and_older: &'static str,
    /// The dark-mode toggle's state, on.
    pub toggle_on: &'static str,
    /// The dark-mode toggle's state, off.
    pub toggle_off: &'static str,
    /// The label of an article's content note.
    pub content_note: &'static str,
    /// After a count of one topic.
    pub topic_one: &'static str,
    /// After any other count of topics.
    pub topic_many: &'static str,
    /// The home page's counts: `{articles}` and `{topics}` are each a number with its word.
    pub collection_counts: &'static str,
    /// The messages `search.js` shows, read from the page (`search-strings`).
    pub search_messages: SearchMessages,
    /// Before a date known only roughly, its space included (`about 2007`).
    pub about: &'static str,
    /// A date the editor worked out.
    pub inferred: &'static str,
    /// A date sources disagree about.
    pub disputed: &'static str,
    /// A stated date given only as a year.
    pub known_to_the_year: &'static str,
    /// A stated date given only as a month.
    pub known_to_the_month: &'static str,
    /// The source link's text when the source has no name.
    pub the_original: &'static str,
    /// The navigation's link to the list of articles.
    pub nav_articles: &'static str,
    /// The navigation's link to the entities.
    pub nav_entities: &'static str,
    /// The navigation's link to the timeline.
    pub nav_timeline: &'static str,
    /// The skip link.
    pub skip_to_content: &'static str,
    /// After a count of one article.
    pub article_one: &'static str,
    /// After any other count of articles.
    pub article_many: &'static str,
    /// The link to the site's feed.
    pub atom_feed: &'static str,
    /// The link to a topic's feed.
    pub topic_feed: &'static str,
    /// The link to the next newer article or list page.
    pub newer: &'static str,
    /// The link to the next older article or list page.
    pub older: &'static str,
    /// Heading of an article's citation.
    pub cite_this_article: &'static str,
    /// Heading of an article's related articles.
    pub related_articles: &'static str,
}

/// The words `search.js` puts in its status line, with `{n}`, `{query}`, `{note}` and
/// `{terms}` filled in by the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SearchMessages {
    /// No article matches: placeholders `{query}` and `{note}`.
    pub none: &'static str,
    /// One article matches.
    pub one: &'static str,
    /// `{n}` articles match.
    pub many: &'static str,
    /// The `{note}` when misspelt words were read as others (`{terms}`).
    pub taken_as: &'static str,
    /// The search page with an empty box.
    pub type_a_word: &'static str,
    /// While a query runs.
    pub searching: &'static str,
    /// When the index cannot be loaded.
    pub failed: &'static str,
}

/// English, the default.
pub const ENGLISH: Strings = Strings {
    language: "en",
    by: "By",
    source: "Source",
    published: "Published",
    length: "Length",
    topics: "Topics",
    words: "words",
    characters: "characters",
    min_read: "min read",
    editor_note: "Editor’s note",
    read_editor_note: "Read the editor’s note",
    hide_editor_note: "Hide the editor’s note",
    contents: "Contents",
    show_comments: "Show the comments",
    hide_comments: "Hide the comments",
    search: "Search",
    dark_mode: "Dark mode",
    articles_newest_first: "Articles, newest first",
    no_articles: "The collection has no articles yet.",
    unit_space: " ",
    corrections: "Corrections",
    correction: "Correction",
    back_to_text: "Back to the text",
    more_results: "More results",
    filter_topic: "Topic",
    any_topic: "Any topic",
    filter_year: "Year",
    any_year: "Any year",
    curated_by: "curated by",
    epub_link: "The whole collection as an EPUB",
    reproduced_note: "The texts are reproduced as published by their original sources; editorial notes are the curator’s.",
    download_citation: "Download the citation:",
    download_citations: "Every article’s citation:",
    as_copied_link: "The text as copied",
    as_copied_explained: ": every line this article was made from, with what was dropped or corrected and why.",
    also_about: "Also about:",
    also_mentions: "Also mentions:",
    similar_wording: "Similar wording.",
    search_all: "Every result, with filters by topic and year",
    search_label: "Search the articles",
    search_keys: "Results appear as you type; the down arrow moves into them and Escape back. Slash or Control K comes back here.",
    site_navigation: "Site",
    site_search: "Site search",
    results: "Results",
    newer_and_older: "Newer and older articles",
    toggle_on: "on",
    toggle_off: "off",
    content_note: "Content note",
    topic_one: "topic",
    topic_many: "topics",
    collection_counts: "{articles} on {topics}",
    search_messages: SearchMessages {
        none: "No article matches “{query}”{note}.",
        one: "1 article matches “{query}”{note}.",
        many: "{n} articles match “{query}”{note}.",
        taken_as: " (taken as “{terms}”)",
        type_a_word: "Type a word to search.",
        searching: "Searching…",
        failed: "The search index could not be loaded. Search works when the site is served over HTTP, not opened from disk.",
    },
    about: "about ",
    inferred: "inferred",
    disputed: "disputed",
    known_to_the_year: "known to the year",
    known_to_the_month: "known to the month",
    the_original: "the original",
    nav_articles: "Articles",
    nav_entities: "People, places and terms",
    nav_timeline: "Timeline",
    skip_to_content: "Skip to the content",
    article_one: "article",
    article_many: "articles",
    atom_feed: "Atom feed",
    topic_feed: "Atom feed for this topic",
    newer: "Newer",
    older: "Older",
    cite_this_article: "Cite this article",
    related_articles: "Related articles",
};

/// Korean.
pub const KOREAN: Strings = Strings {
    language: "ko",
    by: "글",
    source: "출처",
    published: "발행",
    length: "분량",
    topics: "주제",
    words: "단어",
    characters: "자",
    min_read: "분",
    editor_note: "편집자 주",
    read_editor_note: "편집자 주 읽기",
    hide_editor_note: "편집자 주 접기",
    contents: "차례",
    show_comments: "댓글 보기",
    hide_comments: "댓글 접기",
    search: "검색",
    dark_mode: "어두운 화면",
    articles_newest_first: "글 목록 (최신순)",
    no_articles: "아직 글이 없습니다.",
    unit_space: "",
    corrections: "바로잡은 곳",
    correction: "바로잡음",
    back_to_text: "본문으로 돌아가기",
    more_results: "결과 더 보기",
    filter_topic: "주제",
    any_topic: "모든 주제",
    filter_year: "연도",
    any_year: "모든 연도",
    curated_by: "엮은이",
    epub_link: "모음 전체를 EPUB으로",
    reproduced_note: "글은 원 출처에 실린 그대로 옮겼으며, 편집자 주는 엮은이가 쓴 것입니다.",
    download_citation: "인용 정보 내려받기:",
    download_citations: "모든 글의 인용 정보:",
    as_copied_link: "옮겨 온 원문",
    as_copied_explained: ": 이 글을 만든 모든 줄과, 빠지거나 고친 부분과 그 까닭.",
    also_about: "같은 주제:",
    also_mentions: "함께 나오는 이름:",
    similar_wording: "표현이 비슷함.",
    search_all: "모든 결과 (주제·연도로 거르기)",
    search_label: "글 검색",
    search_keys: "입력하는 대로 결과가 나타납니다. 아래 화살표로 결과로 가고 Esc로 돌아옵니다. 슬래시나 Ctrl+K로 이곳에 다시 옵니다.",
    site_navigation: "사이트",
    site_search: "사이트 검색",
    results: "결과",
    newer_and_older: "최근 글과 이전 글",
    toggle_on: "켬",
    toggle_off: "끔",
    content_note: "내용 주의",
    topic_one: "개",
    topic_many: "개",
    collection_counts: "글 {articles} · 주제 {topics}",
    search_messages: SearchMessages {
        none: "“{query}”에 맞는 글이 없습니다{note}.",
        one: "“{query}”에 맞는 글 1편{note}.",
        many: "“{query}”에 맞는 글 {n}편{note}.",
        taken_as: " (“{terms}”(으)로 찾음)",
        type_a_word: "찾을 낱말을 입력하세요.",
        searching: "찾는 중…",
        failed: "검색 색인을 불러오지 못했습니다. 검색은 사이트를 HTTP로 열었을 때 작동하며, 디스크에서 바로 연 파일에서는 작동하지 않습니다.",
    },
    about: "약 ",
    inferred: "추정",
    disputed: "이견 있음",
    known_to_the_year: "연도까지만 확인",
    known_to_the_month: "월까지만 확인",
    the_original: "원문",
    nav_articles: "글",
    nav_entities: "인물·장소·용어",
    nav_timeline: "연표",
    skip_to_content: "본문으로 건너뛰기",
    article_one: "편",
    article_many: "편",
    atom_feed: "Atom 피드",
    topic_feed: "이 주제의 Atom 피드",
    newer: "최근 글",
    older: "이전 글",
    cite_this_article: "이 글 인용하기",
    related_articles: "관련 글",
};

/// Japanese.
pub const JAPANESE: Strings = Strings {
    language: "ja",
    by: "著者",
    source: "出典",
    published: "発行",
    length: "長さ",
    topics: "トピック",
    words: "語",
    characters: "字",
    min_read: "分",
    editor_note: "編集者注",
    read_editor_note: "編集者注を読む",
    hide_editor_note: "編集者注を閉じる",
    contents: "目次",
    show_comments: "コメントを表示",
    hide_comments: "コメントを閉じる",
    search: "検索",
    dark_mode: "ダークモード",
    articles_newest_first: "記事（新しい順）",
    no_articles: "まだ記事がありません。",
    unit_space: "",
    corrections: "訂正",
    correction: "訂正",
    back_to_text: "本文へ戻る",
    more_results: "さらに表示",
    filter_topic: "トピック",
    any_topic: "すべてのトピック",
    filter_year: "年",
    any_year: "すべての年",
    curated_by: "編者",
    epub_link: "コレクション全体を EPUB で",
    reproduced_note: "本文は元の掲載先のとおりに転載し、編集者注は編者によるものです。",
    download_citation: "引用情報をダウンロード：",
    download_citations: "全記事の引用情報：",
    as_copied_link: "転載したままの本文",
    as_copied_explained: "：この記事の元になったすべての行と、省いた・直した箇所とその理由。",
    also_about: "同じトピック：",
    also_mentions: "共通の言及：",
    similar_wording: "表現が似ている。",
    search_all: "すべての結果（トピック・年で絞り込み）",
    search_label: "記事を検索",
    search_keys: "入力に合わせて結果が表示されます。下矢印で結果へ移動し、Esc で戻ります。スラッシュか Ctrl+K でここに戻ります。",
    site_navigation: "サイト",
    site_search: "サイト内検索",
    results: "結果",
    newer_and_older: "新しい記事と古い記事",
    toggle_on: "オン",
    toggle_off: "オフ",
    content_note: "内容に関する注意",
    topic_one: "件",
    topic_many: "件",
    collection_counts: "記事 {articles}・トピック {topics}",
    search_messages: SearchMessages {
        none: "「{query}」に一致する記事はありません{note}。",
        one: "「{query}」に一致する記事：1件{note}。",
        many: "「{query}」に一致する記事：{n}件{note}。",
        taken_as: "（「{terms}」として検索）",
        type_a_word: "検索する語を入力してください。",
        searching: "検索中…",
        failed: "検索インデックスを読み込めませんでした。検索はサイトを HTTP で開いたときに使えます（ディスクから直接開いたファイルでは使えません）。",
    },
    about: "約",
    inferred: "推定",
    disputed: "異説あり",
    known_to_the_year: "年のみ判明",
    known_to_the_month: "月まで判明",
    the_original: "原文",
    nav_articles: "記事",
    nav_entities: "人物・場所・用語",
    nav_timeline: "年表",
    skip_to_content: "本文へ移動",
    article_one: "件",
    article_many: "件",
    atom_feed: "Atom フィード",
    topic_feed: "このトピックの Atom フィード",
    newer: "新しい記事",
    older: "古い記事",
    cite_this_article: "この記事を引用する",
    related_articles: "関連記事",
};

/// The strings for a language tag (`ko`, `ko-KR`, `ja`…); English for any other.
pub fn strings_for(language: &str) -> &'static Strings {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "ko" => &KOREAN,
        "ja" => &JAPANESE,
        _ => &ENGLISH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_tag_picks_its_table_and_others_get_english() {
        assert_eq!(strings_for("ko-KR").published, "발행");
        assert_eq!(strings_for("JA").contents, "目次");
        assert_eq!(strings_for("fr").published, "Published");
        assert_eq!(strings_for("").language, "en");
        assert_eq!(strings_for("ja-JP").inferred, "推定");
    }
}
