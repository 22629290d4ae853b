//! Interface strings: the words the default theme puts around the collection's own text,
//! in English, Korean and Japanese (#17).
//!
//! Takes the site's language tag; returns the [`Strings`] table for its primary subtag,
//! English for any other. Templates read it as `site.strings` (`{{ site.strings.published }}`),
//! so a theme can translate its own words the same way and a missing key fails the build.

use serde::Serialize;

/// Every interface string an article page, a list and the header show.
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
    }
}
