//! What a reader sees (#17): dates and lengths in the collection's language, the
//! navigation's current item, and a collection with nothing in it yet.

use crate::Fixture;

/// The text of the first element that starts with `open`, up to its `close`, with the
/// markers left out; panics with the page when there is none.
pub(crate) fn fragment<'a>(page: &'a str, open: &str, close: &str) -> &'a str {
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
        fragment(&page, "<dt>발행</dt><dd>", "</dd>"),
        r#"<time datetime="2023-05-01">2023년 5월 1일</time>"#,
        "the label from the theme's Korean strings"
    );
    // The seed's three sentences: 96 letters and punctuation marks, spaces left out.
    assert_eq!(
        fragment(&page, "<dt>분량</dt><dd>", "</dd>"),
        "96 자 · 1 분"
    );
    assert_eq!(
        fragment(&page, r#"<span class="when-closed">"#, "</span>"),
        "편집자 주 읽기",
        "{page}"
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
    let topic = fixture.read("public/topics/장마당/index.html");
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

/// The real collection, built without minifying so its pages can be read here.
fn real_collection() -> Fixture {
    let fixture = Fixture::collection();
    let site = fixture
        .read("site.toml")
        .replace("minify = true", "minify = false");
    std::fs::write(fixture.root().join("site.toml"), site).unwrap();
    fixture.build().unwrap();
    fixture
}

/// `html` with its tags dropped and its spaces collapsed.
fn text_of(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn the_about_page_dates_each_article_as_the_build_does() {
    // #17: the About page promised "(inferred)" while every page said "known to the year".
    let fixture = real_collection();
    let about = fixture.read("content/pages/about.md");
    let home = fixture.read("public/index.html");
    let mut rows = 0;
    for line in about.lines().filter(|l| l.contains("](@/articles/")) {
        let slug = fragment(line, "](@/articles/", "/)");
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        let date = cells[cells.len() - 2];
        let summary = fragment(
            &home,
            &format!(r#"<a href="articles/{slug}/index.html""#),
            "</article>",
        );
        let meta = text_of(fragment(summary, r#"<p class="meta">"#, "</p>"));
        assert!(
            meta.split(" · ").any(|part| part == date),
            "the About page dates `{slug}` {date:?}; the home page says {meta:?}"
        );
        rows += 1;
    }
    assert_eq!(rows, 3, "one row per article");
}

#[test]
fn the_about_page_describes_corrections_and_dropped_lines_as_the_build_makes_them() {
    let fixture = real_collection();
    let about = fixture.read("content/pages/about.md");
    let articles = [
        "hoeryong-border-guards",
        "jangmadang-generation",
        "border-closure-defections",
    ];
    let pages: Vec<String> = articles
        .iter()
        .map(|slug| fixture.read(&format!("public/articles/{slug}/index.html")))
        .collect();
    // Corrections: the page may promise "never into the text" only if no text has a mark,
    // and it describes the mark the pages show.
    let is_marked = pages
        .iter()
        .any(|p| p.contains(r#"<small class="correction">[corrected: "#));
    assert!(
        is_marked,
        "the collection has a correction to check against"
    );
    assert!(
        !about.contains("never into the text"),
        "the About page denies corrections the texts show"
    );
    assert!(
        about.contains("\"[corrected: …]\""),
        "the About page does not show the mark"
    );
    let is_sic = pages.iter().any(|p| p.contains("[sic]"));
    assert_eq!(
        about.contains("[sic]"),
        is_sic,
        "the About page and the texts disagree on [sic]"
    );
    // Comment-form prompts: the About page says they are dropped and listed as dropped.
    assert!(about.contains("prompts of a comment form and the other pieces of the web page"));
    assert!(about.contains("are dropped"));
    let prompt = "Please enter your comment!";
    let jangmadang = &pages[1];
    assert!(
        !jangmadang.contains(prompt),
        "the prompt reached the article page"
    );
    let copied = fixture.read("public/articles/jangmadang-generation/as-copied/index.html");
    let row = fragment(&copied, prompt, "</tr>");
    assert!(
        text_of(row).contains("Dropped"),
        "the as-copied page does not mark it dropped: {row}"
    );
}
