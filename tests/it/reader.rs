//! What a reader sees (#17): dates and lengths in the collection's language, the
//! navigation's current item, and a collection with nothing in it yet.

use crate::Fixture;

/// The text of the first element that starts with `open`, up to its `close`, with the
/// markers left out; panics with the page when there is none.
fn fragment<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
    let start = page
        .find(open)
        .unwrap_or_else(|| panic!("no `{open}` in:\n{page}"))
        + open.len();
    let end = page[start..].find(close).expect("closed") + start;
    &page[start..end]
}

#[test]
fn a_korean_collection_dates_in_korean_and_measures_in_characters() {
    // #17: dates were English only and a CJK text's length was counted in space-separated
    // words ("11 words · 1 min read" for 4,230 Japanese characters).
    let fixture = Fixture::from_dir("reader/korean");
    fixture.build().unwrap();
    let page = fixture.read("public/articles/jangmadang/index.html");
    assert_eq!(
        fragment(&page, "<dt>Published</dt><dd>", "</dd>"),
        r#"<time datetime="2023-05-01">2023년 5월 1일</time>"#
    );
    // The seed's three sentences: 96 letters and punctuation marks, spaces left out.
    assert_eq!(
        fragment(&page, "<dt>Length</dt><dd>", "</dd>"),
        "96 characters · 1 min read"
    );
    let home = fixture.read("public/index.html");
    assert_eq!(
        fragment(
            &home,
            r#"<p class="meta"><time datetime="2023-05-01">"#,
            "</time>"
        ),
        "2023년 5월 1일"
    );
    let search: serde_json::Value =
        serde_json::from_str(&fixture.read("public/search/docs/0.json")).unwrap();
    assert_eq!(search[0]["date"], "2023년 5월 1일", "search results too");
}

#[test]
fn a_topic_page_marks_topics_as_the_current_section() {
    let fixture = Fixture::from_dir("reader/korean");
    fixture.build().unwrap();
    let topic = fixture.read("public/topics/markets/index.html");
    assert_eq!(
        fragment(&topic, r#"<a href="../../topics/index.html""#, "</a>"),
        r#" aria-current="true">Topics"#
    );
    let index = fixture.read("public/topics/index.html");
    assert_eq!(
        fragment(&index, r#"<a href="../topics/index.html""#, "</a>"),
        r#" aria-current="page">Topics"#
    );
}

#[test]
fn an_empty_collection_says_so_on_its_home_page() {
    // #17: it showed "Articles, newest first" over nothing.
    let fixture = Fixture::from_dir("reader/empty");
    fixture.build().unwrap();
    let home = fixture.read("public/index.html");
    let section = fragment(&home, r#"<h2 id="articles-heading">"#, "</ol>");
    assert_eq!(
        section,
        "Articles</h2>\n  <p class=\"empty\">The collection has no articles yet.</p><ol class=\"article-list\">\n    \n  "
    );
}
