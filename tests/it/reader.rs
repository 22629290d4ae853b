//! What a reader sees (#17): dates, lengths and the interface in the collection's language
//! and an article's own labels in its language, the navigation's current item, and a
//! collection with nothing in it yet.

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
        "96자 · 1분",
        "no space before a Korean counter"
    );
    assert_eq!(
        fragment(&page, r#"<span class="when-closed">"#, "</span>"),
        "편집자 주 읽기",
        "{page}"
    );
    let home = fixture.read("public/index.html");
    assert_eq!(
        fragment(&home, r#"<p class="lede">"#, "</section>")
            .lines()
            .nth(1)
            .map(str::trim),
        Some(r#"<p class="meta">글 2편 · 주제 2개</p>"#),
        "the collection's counts in Korean"
    );
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
    assert_eq!(
        search[1]["date"], "2021년 2월 (추정)",
        "#17: an inferred date says so in a search result as in the lists"
    );
}

#[test]
fn a_topic_page_marks_topics_as_the_current_section() {
    let fixture = Fixture::from_dir("reader/korean");
    fixture.build().unwrap();
    let topic = fixture.read("public/topics/장마당/index.html");
    assert_eq!(
        fragment(&topic, r#"<a href="../../topics/index.html""#, "</a>"),
        r#" aria-current="true">주제"#
    );
    let index = fixture.read("public/topics/index.html");
    assert_eq!(
        fragment(&index, r#"<a href="../topics/index.html""#, "</a>"),
        r#" aria-current="page">주제"#
    );
    // The entity pages mark theirs too, and the navigation, the index's heading and an
    // entity page's way back name the entities page alike (#17 polish: they differed).
    let entity = fixture.read("public/entities/두만강/index.html");
    let nav_item = fragment(&entity, r#"<a href="../../entities/index.html""#, "</a>");
    assert_eq!(nav_item, r#" aria-current="true">인물·장소·용어"#);
    let kicker = fragment(&entity, r#"<p class="kicker">"#, "</p>");
    assert_eq!(
        fragment(kicker, r#"<a href="../../entities/index.html">"#, "</a>"),
        "인물·장소·용어"
    );
    let entities = fixture.read("public/entities/index.html");
    assert_eq!(
        fragment(&entities, r#"<a href="../entities/index.html""#, "</a>"),
        r#" aria-current="page">인물·장소·용어"#
    );
    assert!(entities.contains("<h1>인물·장소·용어</h1>"), "{entities}");
}

#[test]
fn a_korean_site_s_chrome_is_korean_too() {
    // #17: the navigation, counts, feed links and pagination were English on a `ko` site.
    let fixture = Fixture::from_dir("reader/korean");
    fixture.build().unwrap();
    let topic = fixture.read("public/topics/장마당/index.html");
    assert_eq!(
        fragment(
            &topic,
            r#"<nav class="site-nav" aria-label="사이트">"#,
            "</nav>"
        )
        .split("</a>")
        .filter_map(|item| item.rsplit('>').next())
        .filter(|label| !label.trim().is_empty())
        .collect::<Vec<_>>(),
        ["글", "주제", "인물·장소·용어"]
    );
    assert_eq!(
        text_of(fragment(&topic, r#"<p class="meta">2"#, "</p>")),
        "편 · 이 주제의 Atom 피드",
        "2편, with no space before the counter"
    );
    assert_eq!(
        fragment(&topic, r##"<a class="skip-link" href="#main">"##, "</a>"),
        "본문으로 건너뛰기"
    );
    let article = fixture.read("public/articles/river-crossing/index.html");
    assert_eq!(
        fragment(&article, "<dt>발행</dt><dd>", "</dd>"),
        r#"<time datetime="2021-02">2021년 2월</time> <span class="precision">(추정: 글에 날짜가 없어, 편집자가 언급된 겨울로 추정했다.)</span>"#,
        "an inferred date says so in Korean"
    );
}

#[test]
fn a_japanese_article_in_an_english_site_has_japanese_labels_in_english_chrome_17() {
    // #17: an article's own labels and date follow its `language`; the page's chrome, its
    // `<html lang>` and the lists stay in the site's.
    let fixture = Fixture::from_dir("build/basic");
    let alpha = fixture.read("content/articles/alpha.toml");
    fixture.write(
        "content/articles/alpha.toml",
        alpha.replace("published = ", "language = \"ja\"\npublished = "),
    );
    fixture.build().unwrap();
    let page = fixture.read("public/articles/alpha/index.html");
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"),
        "{page}"
    );
    assert_eq!(
        fragment(&page, r#"<article class="article""#, ">"),
        r#" lang="ja""#
    );
    let facts: Vec<String> = fragment(&page, r#"<dl class="facts">"#, "</dl>")
        .split("</div>")
        .map(text_of)
        .filter(|f| !f.is_empty())
        .collect();
    assert_eq!(
        facts,
        [
            "著者A. Writer",
            "出典The Alpha Times",
            "発行2021年3月4日",
            "長さ23語 · 1分",
            "トピックRiversBorders"
        ]
    );
    assert_eq!(
        fragment(&page, r##"<a class="skip-link" href="#main">"##, "</a>"),
        "Skip to the content"
    );
    assert_eq!(
        fragment(&page, r#"<h2 id="cite-heading">"#, "</h2>"),
        "Cite this article"
    );
    let home = fixture.read("public/index.html");
    assert_eq!(
        fragment(&home, r#"<time datetime="2021-03-04">"#, "</time>"),
        "4 March 2021",
        "the home page lists it in English"
    );
    // Its as-copied page explains its lines in Japanese, marked as such, in English chrome.
    let copied = fixture.read("public/articles/alpha/as-copied/index.html");
    assert_eq!(
        fragment(&copied, r#"<article class="as-copied""#, ">"),
        r#" lang="ja""#
    );
    assert_eq!(
        fragment(&copied, r#"<p class="kicker">"#, "</p>"),
        "コピーしたままの本文"
    );
    assert!(
        copied.contains("<strong>残した</strong>（段落）：本文"),
        "{copied}"
    );
    assert_eq!(
        fragment(&copied, r##"<a class="skip-link" href="#main">"##, "</a>"),
        "Skip to the content"
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
    // #17: the note was inline, and could stand between a colon and the quote it
    // introduced; the text now carries a footnote-style mark.
    let marks = pages
        .iter()
        .filter(|p| p.contains(r##"<sup class="correction-mark"><a href="#correction_1""##))
        .count();
    assert!(marks > 0, "no page shows a correction mark");
    assert!(
        about.contains("a small numbered mark (\"†1\") that leads to a note after the text"),
        "the About page does not describe the mark the pages show"
    );
    // #17: a dropped image's mark, described as the pages show it.
    let is_image_marked = pages.iter().any(|p| {
        p.contains(
            r#"<p class="image-gap"><span class="photo-placeholder">Image not reproduced:</span>"#,
        )
    });
    assert!(
        is_image_marked,
        "the collection has a dropped image to check against"
    );
    assert!(
        about.contains("one quiet line (\"Image not reproduced: …\")"),
        "the About page does not describe the image mark the pages show"
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

#[test]
fn feeds_and_the_epub_say_when_a_date_is_inferred_17() {
    // #17: a date the editor inferred read as a fact outside the site. Atom has no field
    // for it (and `<published>` must be a full date), so the entry says it in words.
    let fixture = Fixture::from_dir("reader/korean");
    fixture.build().unwrap();
    let feed = fixture.read("public/feed.xml");
    let entry = fragment(
        &feed,
        "<title>얼어붙은 강을 건너는 물건들</title>",
        "</entry>",
    );
    let note = "발행 2021년 2월 (추정): 글에 날짜가 없어, 편집자가 언급된 겨울로 추정했다.";
    assert_eq!(
        fragment(entry, "<summary>", "</summary>"),
        format!("겨울 강을 건너 시장으로 들어오는 물건에 관한 짧은 글. [{note}]")
    );
    assert_eq!(
        fragment(entry, r#"<content type="html">"#, "\n"),
        format!(r#"&lt;p class="date-note"&gt;&lt;em&gt;{note}&lt;/em&gt;&lt;/p&gt;"#)
    );
    let stated = fragment(&feed, "<title>장마당에서 자란 세대</title>", "</entry>");
    assert_eq!(
        fragment(stated, "<summary>", "</summary>"),
        "시장에서 자란 젊은 세대의 이야기.",
        "a stated date needs no note"
    );
    assert!(!stated.contains("date-note"), "{stated}");

    let epub = std::fs::File::open(fixture.root().join("public/collection.epub")).unwrap();
    let mut book = zip::ZipArchive::new(epub).unwrap();
    let mut chapter = String::new();
    std::io::Read::read_to_string(
        &mut book.by_name("EPUB/articles/river-crossing.xhtml").unwrap(),
        &mut chapter,
    )
    .unwrap();
    assert_eq!(
        fragment(&chapter, r#"<p class="meta">"#, "</p>"),
        r#"<time datetime="2021-02">2021년 2월</time> (추정: 글에 날짜가 없어, 편집자가 언급된 겨울로 추정했다.). 77자."#,
        "the chapter's header says it, and counts characters"
    );
}

#[test]
fn a_correction_mark_follows_the_corrected_words_and_its_note_the_text_17() {
    // #17: "[corrected: …]" stood inside the text, between a colon and the quote it
    // introduced; then a mark stood at the end of the block, far from the corrected words.
    // Now the mark follows the words it corrects and the note follows the text.
    let fixture = real_collection();
    let page = fixture.read("public/articles/hoeryong-border-guards/index.html");
    let mark = r##"<sup class="correction-mark"><a href="#correction_1" id="correction_1_mark"><span class="visually-hidden">Correction </span>†1</a></sup>"##;
    assert_eq!(
        fragment(&page, "than what the Daily NK", " is giving us?"),
        mark,
        "the mark follows the corrected name"
    );
    assert_eq!(
        fragment(&page, "in case you were wondering:", "<"),
        "",
        "nothing between the colon and the quote it introduces"
    );
    assert_eq!(page.matches(mark).count(), 1, "one mark");
    assert_eq!(
        page.matches(r#"<small class="correction">"#).count(),
        1,
        "one note, after the text"
    );
    let notes = fragment(
        &page,
        r#"<aside class="corrections" aria-labelledby="corrections_heading">"#,
        "</aside>",
    );
    assert_eq!(
        notes.trim(),
        r##"<h2 id="corrections_heading">Corrections</h2>
  <ol><li id="correction_1"><small class="correction">[corrected: “Dailly NK” → “Daily NK”; misspelled in the original post]</small> <a href="#correction_1_mark" aria-label="Back to the text">↩</a></li></ol>"##
    );
}

#[test]
fn a_correction_in_a_caption_is_a_mark_too_and_a_removal_marks_its_block_s_end_17() {
    // #17: a caption's correction was a "[corrected: …]" note inside the caption.
    let fixture = Fixture::from_dir("structure/captions_comments");
    let meta = fixture.read("content/articles/harbour.toml");
    fixture.write(
        "content/articles/harbour.toml",
        format!(
            "{meta}\n[[corrections]]\nfind = \"concrete blocks\"\nreplace = \"concrete slabs\"\nnote = \"the photo shows slabs\"\n\n[[corrections]]\nfind = \" after years of patching\"\nreplace = \"\"\nnote = \"a clause repeated from another story\"\n"
        ),
    );
    fixture.build().unwrap();
    let page = fixture.read("public/articles/harbour/index.html");
    let caption = fragment(&page, "<figcaption>", "</figcaption>");
    assert_eq!(
        text_of(caption),
        "Photo not reproduced: Cranes lift concrete slabsCorrection †1 onto the damaged section of the wall in the harbour of Westport on Monday, March 3, 2025. REUTERS/Sam Holt",
        "{caption}"
    );
    assert!(!caption.contains("[corrected"), "{caption}");
    assert_eq!(
        fragment(&page, "the repairs had finally started", "</p>"),
        r##".<sup class="correction-mark"><a href="#correction_2" id="correction_2_mark"><span class="visually-hidden">Correction </span>†2</a></sup>"##,
        "nothing to follow when words were removed: the mark ends the block"
    );
    let notes = fragment(&page, r#"<aside class="corrections""#, "</aside>");
    assert_eq!(notes.matches("<li id=\"correction_").count(), 2, "{notes}");
    assert!(
        notes.contains("[corrected: “concrete blocks” → “concrete slabs”; the photo shows slabs]")
    );
}

/// Text a reader meets in an HTML or XHTML document: the text between tags (not inside
/// `script`, `style` or `code`: a rule's or a setting's name, a file name, is not a word of
/// the interface) and the attributes read aloud or shown (`aria-label`, `title`,
/// `placeholder`, `alt`), one entry each, entities left as written.
fn visible_texts(html: &str) -> Vec<String> {
    let mut texts = Vec::new();
    let mut rest = html;
    let mut hidden_until: Option<&str> = None;
    while let Some(open) = rest.find('<') {
        let text = rest[..open].trim();
        if hidden_until.is_none() && !text.is_empty() {
            texts.push(text.to_string());
        }
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        rest = &rest[open + close + 1..];
        let name: String = tag
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
            .collect::<String>()
            .to_ascii_lowercase();
        match (hidden_until, name.as_str()) {
            (Some(end), name) if name == end => hidden_until = None,
            (Some(_), _) => continue,
            (None, "script") => hidden_until = Some("/script"),
            (None, "style") => hidden_until = Some("/style"),
            (None, "code") => hidden_until = Some("/code"),
            _ => {}
        }
        for attribute in ["aria-label=\"", "title=\"", "placeholder=\"", "alt=\""] {
            let found = tag
                .match_indices(attribute)
                .filter(|(at, _)| *at == 0 || tag.as_bytes()[at - 1] == b' ');
            for (at, _) in found {
                let value = &tag[at + attribute.len()..];
                texts.push(value[..value.find('"').unwrap_or(value.len())].to_string());
            }
        }
    }
    texts
}

/// Every string of a strings table, by its field's name (`search_messages.none`…).
fn table_values(table: &shelf::view::strings::Strings) -> Vec<(String, String)> {
    fn walk(prefix: &str, value: &serde_json::Value, out: &mut Vec<(String, String)>) {
        match value {
            serde_json::Value::Object(fields) => {
                for (name, value) in fields {
                    walk(&format!("{prefix}{name}."), value, out);
                }
            }
            serde_json::Value::String(text) => {
                out.push((prefix.trim_end_matches('.').to_string(), text.clone()))
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk("", &serde_json::to_value(table).unwrap(), &mut out);
    out
}

/// The pieces of an English string a page must not show: the parts between its `{…}`
/// placeholders and HTML tags with at least four letters (shorter ones, `on`, `of`, are
/// words of too many texts to search for).
fn english_pieces(value: &str) -> Vec<String> {
    value
        .split(['{', '}', '<', '>'])
        .enumerate()
        .filter(|(i, _)| i % 2 == 0)
        .map(|(_, piece)| piece.trim().trim_matches([':', '.', ',', '(', ')']).trim())
        .filter(|piece| piece.chars().filter(char::is_ascii_alphabetic).count() >= 4)
        .map(str::to_string)
        .collect()
}

/// Whether `piece` stands in `text` as words: no letter just before or after it.
fn has_words(text: &str, piece: &str) -> bool {
    text.match_indices(piece).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + piece.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// Every piece of the English strings table that a page or the EPUB of the built
/// `fixture` shows a reader, but for the allowed ones, when the site's language is `table`'s.
fn english_left_on(fixture: &Fixture, table: &shelf::view::strings::Strings) -> Vec<String> {
    let english = shelf::view::strings::ENGLISH;
    let own = table_values(table);
    let pieces: Vec<(String, String)> = table_values(&english)
        .into_iter()
        // A value the language keeps as it is (none today) is not a leftover.
        .filter(|(field, value)| !own.contains(&(field.clone(), value.clone())))
        .flat_map(|(field, value)| {
            english_pieces(&value)
                .into_iter()
                .map(move |piece| (field.clone(), piece))
        })
        .collect();
    assert!(pieces.len() > 100, "the table has its pieces: {pieces:?}");
    // Allowed, each for its reason: (document path contains, piece).
    let allowed: &[(&str, &str, &str)] = &[
        (
            "search/",
            "hoer",
            "the search help's example is a romanised name, searched the same in any language",
        ),
        (
            "articles/",
            "curated by",
            "the citation follows the Chicago Manual's English notes-bibliography form",
        ),
    ];
    let mut documents: Vec<(String, String)> = crate::files_under(&fixture.root().join("public"))
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect();
    let html_pages = documents.len();
    let epub = std::fs::File::open(fixture.root().join("public/collection.epub")).unwrap();
    let mut book = zip::ZipArchive::new(epub).unwrap();
    for index in 0..book.len() {
        let mut entry = book.by_index(index).unwrap();
        if entry.name().ends_with(".xhtml") {
            let name = format!("collection.epub:{}", entry.name());
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
            documents.push((name, text));
        }
    }
    assert!(
        html_pages >= 12 && documents.len() > html_pages + 3,
        "{documents:?}"
    );
    let mut found = Vec::new();
    for (path, document) in &documents {
        for text in visible_texts(document) {
            // Addresses are not words: `…/articles/…` is a path, not the label.
            let text: Vec<&str> = text
                .split_whitespace()
                .filter(|word| !word.contains("://"))
                .collect();
            let text = text.join(" ");
            for (field, piece) in &pieces {
                let is_allowed = allowed.iter().any(|(where_, what, _)| {
                    path.contains(where_) && (what.is_empty() || piece == what)
                });
                if !is_allowed && has_words(&text, piece) {
                    found.push(format!("{path}: `{field}` ({piece:?}) in {text:?}"));
                }
            }
        }
    }
    found
}

#[test]
fn no_english_interface_string_is_left_on_a_korean_or_japanese_site_or_in_its_book_17() {
    // #17: on a `ko` site the search page's help, its labels and `<noscript>`, the entity
    // kind headings, the 404 page, the comments and the EPUB's labels were English.
    let fixture = Fixture::from_dir("reader/korean");
    // Lines the structurer drops, for rules' reasons on the as-copied page (#17: they were
    // English whatever the language).
    let seed = fixture.read("seeds/jangmadang.txt");
    let seed = seed.replacen(
        "그들은 어려서부터",
        "market-stall.jpg\n\n사진\n\n이 기사를 공유하세요\n\n그들은 어려서부터",
        1,
    ) + "\n* 첫째, 배급이 끊겼다.\n* 둘째, 시장이 섰다.\n\n1 2 3 다음\n";
    fixture.write("seeds/jangmadang.txt", seed);
    fixture.build().unwrap();
    let copied = fixture.read("public/articles/jangmadang/as-copied/index.html");
    let mut rules: Vec<&str> = copied
        .split(r#"<span class="rule">"#)
        .skip(1)
        .map(|rest| fragment(rest, "<code>", "</code>"))
        .collect();
    rules.sort_unstable();
    rules.dedup();
    assert_eq!(
        rules,
        [
            "image-filename",
            "list-marker",
            "page-chrome",
            "paragraph",
            "self-reference"
        ],
        "the reasons the scan below reads"
    );
    let found = english_left_on(&fixture, &shelf::view::strings::KOREAN);
    assert!(
        found.is_empty(),
        "English on the Korean site:\n{}",
        found.join("\n")
    );
    // The comments in Korean, counted with their counter.
    let article = fixture.read("public/articles/river-crossing/index.html");
    let comments = fragment(&article, r#"<section class="comments""#, "</section>");
    assert_eq!(
        fragment(comments, r#"<h2 id="comments-heading">"#, "</h2>"),
        r#"독자 댓글 <span class="comment-count">(댓글 2개)</span>"#
    );
    assert_eq!(
        text_of(fragment(comments, "<summary>", "</summary>")),
        "댓글 보기댓글 접기"
    );
    assert!(
        comments.contains(r#"<p class="comment-author">관리자 <span class="site-reply">(사이트의 답글)</span></p>"#),
        "{comments}"
    );
    let entities = fixture.read("public/entities/index.html");
    assert_eq!(
        entities
            .split(r#"<h2 id="kind-"#)
            .skip(1)
            .map(|rest| fragment(rest, ">", "<"))
            .collect::<Vec<_>>(),
        ["장소", "용어"]
    );
    // The same collection with `language = "ja"`.
    // The book holds only the newest article, so its title page says so, in Japanese.
    let site = fixture
        .read("site.toml")
        .replace("language = \"ko\"", "language = \"ja\"")
        + "\n[outputs]\nepub_articles = 1\n";
    fixture.write("site.toml", site);
    fixture.build().unwrap();
    let found = english_left_on(&fixture, &shelf::view::strings::JAPANESE);
    assert!(
        found.is_empty(),
        "English on the Japanese site:\n{}",
        found.join("\n")
    );
    let epub = std::fs::File::open(fixture.root().join("public/collection.epub")).unwrap();
    let mut title = String::new();
    std::io::Read::read_to_string(
        &mut zip::ZipArchive::new(epub)
            .unwrap()
            .by_name("EPUB/title.xhtml")
            .unwrap(),
        &mut title,
    )
    .unwrap();
    assert!(
        title.contains("<p>編者：Fixture Editor。記事2件のうち新しい1件を収録（オンライン版にはすべてあります）。新しい順：</p>"),
        "{title}"
    );
    let home = fixture.read("public/index.html");
    assert!(
        home.starts_with("<!DOCTYPE html>\n<html lang=\"ja\">"),
        "{home}"
    );
    let article = fixture.read("public/articles/river-crossing/index.html");
    assert_eq!(
        fragment(&article, r#"<h2 id="comments-heading">"#, "</h2>"),
        r#"読者のコメント <span class="comment-count">（コメント2件）</span>"#
    );
}

#[test]
fn the_scan_for_english_finds_words_and_not_parts_of_words() {
    assert!(has_words("Search the 2 articles", "Search"));
    assert!(!has_words("Researching", "Search"));
    assert_eq!(english_pieces("Search the {articles}"), ["Search the"]);
    assert_eq!(
        english_pieces("{n} comments left on the {home}."),
        ["comments left on the"]
    );
    assert_eq!(english_pieces("(reply)"), ["reply"]);
    assert_eq!(
        visible_texts(
            r#"<p class="x" title="Hi there">One<script>var a = "Two";</script> three <code>page-chrome</code>.</p>"#
        ),
        ["Hi there", "One", "three", "."]
    );
}

#[test]
fn comments_are_counted_in_words_in_the_article_s_language_17() {
    // #17: "Reader comments (4)" and "Show the comments" in English whatever the language.
    let fixture = Fixture::from_dir("structure/captions_comments");
    fixture.build().unwrap();
    let heading = |page: &str| fragment(page, r#"<h2 id="comments-heading">"#, "</h2>").to_string();
    let page = fixture.read("public/articles/harbour/index.html");
    assert_eq!(
        heading(&page),
        r#"Reader comments <span class="comment-count">(4 comments)</span>"#
    );
    let meta = fixture.read("content/articles/harbour.toml");
    fixture.write(
        "content/articles/harbour.toml",
        format!("language = \"ja\"\n{meta}"),
    );
    fixture.build().unwrap();
    let page = fixture.read("public/articles/harbour/index.html");
    assert_eq!(
        heading(&page),
        r#"読者のコメント <span class="comment-count">（コメント4件）</span>"#
    );
    let comments = fragment(&page, r#"<section class="comments""#, "</section>");
    assert_eq!(
        text_of(fragment(comments, "<summary>", "</summary>")),
        "コメントを表示コメントを閉じる"
    );
    assert!(comments.contains("Admin <span class=\"site-reply\">（サイト自身の返信）</span>"));
    // One comment: the seed cut after the first.
    let seed = fixture.read("seeds/harbour.txt");
    let first = seed.find("\nkwon_j").expect("the second comment");
    fixture.write("seeds/harbour.txt", &seed[..first]);
    fixture.write("content/articles/harbour.toml", meta);
    fixture.build().unwrap();
    let page = fixture.read("public/articles/harbour/index.html");
    assert_eq!(
        heading(&page),
        r#"Reader comments <span class="comment-count">(1 comment)</span>"#
    );
}

#[test]
fn a_dropped_image_leaves_a_quiet_mark_where_it_stood_17() {
    // #17: a dropped image file name left "the bridge at left" referring to nothing.
    let fixture = real_collection();
    let page = fixture.read("public/articles/hoeryong-border-guards/index.html");
    let gap = r#"<p class="image-gap"><span class="photo-placeholder">Image not reproduced:</span> hoeryong-border.JPG</p>"#;
    assert_eq!(page.matches(gap).count(), 1, "one mark");
    let after = fragment(&page, gap, "</p>");
    assert!(
        after.trim_start().starts_with("<p>Here’s a"),
        "the mark stands just before the text that refers to the image: {after}"
    );
    let copied = fixture.read("public/articles/hoeryong-border-guards/as-copied/index.html");
    let row = fragment(&copied, "hoeryong-border.JPGHere’s a", "</tr>");
    assert!(
        text_of(row)
            .contains("stuck to the start of the line; the article marks where the image stood"),
        "the as-copied page says what the reader sees: {row}"
    );

    // Beside a caption, the caption's box already says the photo is not reproduced.
    let fixture = Fixture::from_dir("structure/captions_comments");
    let seed = fixture.read("seeds/harbour.txt");
    let seed = seed.replace("Cranes lift", "harbour-wall.jpg\n\nCranes lift");
    let seed = seed.replace("Residents said", "storm-damage.png\n\nResidents said");
    fixture.write("seeds/harbour.txt", seed);
    fixture.build().unwrap();
    let page = fixture.read("public/articles/harbour/index.html");
    let gaps: Vec<&str> = page
        .split(r#"<p class="image-gap">"#)
        .skip(1)
        .map(|rest| fragment(rest, "</span> ", "</p>"))
        .collect();
    assert_eq!(
        gaps,
        ["storm-damage.png"],
        "no second mark beside the caption"
    );

    // A place holder the page left (`[사진]`) is an image gap too; a run of them is one mark.
    let fixture = Fixture::from_dir("reader/korean");
    let seed = fixture.read("seeds/jangmadang.txt");
    let seed = seed.replacen("그들은 어려서부터", "[사진]\n\n그들은 어려서부터", 1);
    let seed = seed.replacen(
        "어느 상인은",
        "market-stall.jpg\n\n(사진)\n\n어느 상인은",
        1,
    );
    fixture.write("seeds/jangmadang.txt", seed);
    fixture.build().unwrap();
    let page = fixture.read("public/articles/jangmadang/index.html");
    let gaps: Vec<String> = page
        .split(r#"<p class="image-gap">"#)
        .skip(1)
        .map(|rest| text_of(fragment(rest, "", "</p>")))
        .collect();
    assert_eq!(
        gaps,
        [
            "이미지 생략: [사진]",
            "이미지 생략: market-stall.jpg · (사진)"
        ]
    );

    // A bare `사진`, `写真` or `Photo` line, as an image slot is copied without its
    // brackets, was a block of its own (#17); it is the same quiet mark.
    for word in ["사진", "写真", "Photo"] {
        let fixture = Fixture::from_dir("reader/korean");
        let seed = fixture.read("seeds/jangmadang.txt");
        let seed = seed.replacen(
            "그들은 어려서부터",
            &format!("{word}\n\n그들은 어려서부터"),
            1,
        );
        fixture.write("seeds/jangmadang.txt", seed);
        fixture.build().unwrap();
        let page = fixture.read("public/articles/jangmadang/index.html");
        let main = fragment(&page, "<main", "</main>");
        // Main made it a heading here (`<h2 id="写真">写真</h2>`), a paragraph elsewhere.
        assert_eq!(
            main.matches(&format!(">{word}<")).count(),
            0,
            "not a block of its own: {main}"
        );
        let gap = format!(
            r#"<p class="image-gap"><span class="photo-placeholder">이미지 생략:</span> {word}</p>"#
        );
        assert_eq!(main.matches(&gap).count(), 1, "{word}: {main}");
    }
}

#[test]
fn a_passage_quoted_from_another_outlet_is_a_quotation_with_its_source_17() {
    // #17: the DailyNK passage the blogger quotes read as the blogger's own words, five
    // paragraphs with "[Daily NK]" left at the end of the last.
    let fixture = real_collection();
    let page = fixture.read("public/articles/hoeryong-border-guards/index.html");
    let text = fragment(&page, r#"<div class="article-text">"#, "</div>");
    assert_eq!(text.matches(r#"<figure class="quotation">"#).count(), 1);
    let quotation = fragment(text, r#"<figure class="quotation">"#, "</figure>");
    let quoted = fragment(quotation, "<blockquote>", "</blockquote>");
    assert_eq!(quoted.matches("<p>").count(), 5, "{quoted}");
    assert!(text_of(quoted).starts_with("On the 12th, Japan’s Asahi TV interviewed"));
    assert!(
        text_of(quoted).ends_with("It took about 2 days."),
        "{quoted}"
    );
    assert!(
        quotation.ends_with("</blockquote><figcaption>— <cite>Daily NK</cite></figcaption>"),
        "{quotation}"
    );
    assert!(!text.contains("[Daily NK]"));
    // The blogger's own words stay outside it, and the guards' confession is a quotation too.
    assert!(text_of(fragment(text, "<p>", "</p>")).starts_with("A remarkable new report"));
    assert!(
        text.contains("wondering:</p>\n<blockquote><p>“We smuggled"),
        "{text}"
    );
    // The as-copied page says the editor decided it.
    let copied = fixture.read("public/articles/hoeryong-border-guards/as-copied/index.html");
    let row = fragment(&copied, "When asked on which path", "</tr>");
    assert!(
        text_of(row)
            .contains("Kept as a quotation by the editor: the editor decided what this line is"),
        "{row}"
    );
}

#[test]
fn a_length_over_a_thousand_groups_its_digits_17() {
    // #17 (screenshots): the Jangmadang piece read "1039 words".
    let fixture = real_collection();
    let page = fixture.read("public/articles/jangmadang-generation/index.html");
    assert_eq!(
        fragment(&page, "<dt>Length</dt><dd>", "</dd>"),
        "1,039 words · 5 min read"
    );
}

/// The author lines of an article page's comments, in order, their markup kept.
fn comment_authors(page: &str) -> Vec<String> {
    let comments = fragment(page, r#"<section class="comments""#, "</section>");
    comments
        .split(r#"<p class="comment-author">"#)
        .skip(1)
        .map(|rest| rest[..rest.find("</p>").expect("closed")].to_string())
        .collect()
}

const FERRY: &str = "content/articles/ferry.toml";
const FERRY_PAGE: &str = "public/articles/ferry/index.html";

#[test]
fn a_reply_the_editor_marks_is_the_site_s_own_under_the_source_s_name_17() {
    // #17: a site's reply that names nobody read "Unnamed reader (reply)".
    let fixture = Fixture::from_dir("reader/site_reply");
    fixture.build().unwrap();
    assert_eq!(
        comment_authors(&fixture.read(FERRY_PAGE)),
        [
            "Olivia Grant",
            r#"Island Courier <span class="site-reply">(the site’s own reply)</span>"#,
        ]
    );
    // The name the editor gives wins.
    let meta = fixture.read(FERRY);
    fixture.write(
        FERRY,
        meta.replace(
            "prefix = \"Thank you for pointing that out\"",
            "prefix = \"Thank you for pointing that out\"\nname = \"The editors\"",
        ),
    );
    fixture.build().unwrap();
    assert_eq!(
        comment_authors(&fixture.read(FERRY_PAGE))[1],
        r#"The editors <span class="site-reply">(the site’s own reply)</span>"#
    );
    // With no name and no source, the original site, in the article's language; the mark
    // also matches the line as the comment shows it (its list marker taken off).
    let bare = meta
        .replace("[source]\nname = \"Island Courier\"\n", "")
        .replace("summary =", "language = \"ko\"\nsummary =");
    fixture.write(FERRY, bare);
    fixture.build().unwrap();
    assert_eq!(
        comment_authors(&fixture.read(FERRY_PAGE))[1],
        r#"원 사이트 <span class="site-reply">(사이트의 답글)</span>"#
    );
    // Unmarked, the same reply is an unnamed reader's, with the note that it is a reply; a
    // marked one carries the site's label alone, not both notes.
    fixture.write(
        FERRY,
        meta.split("[[structure.site_replies]]").next().unwrap(),
    );
    fixture.build().unwrap();
    assert_eq!(
        comment_authors(&fixture.read(FERRY_PAGE))[1],
        r#"Unnamed reader <span class="reply-note">(reply)</span>"#
    );
}

#[test]
fn the_as_copied_page_names_the_site_reply_setting_as_written_17() {
    let fixture = Fixture::from_dir("reader/site_reply");
    fixture.build().unwrap();
    let copied = fixture.read("public/articles/ferry/as-copied/index.html");
    for line in [16, 18] {
        let row = fragment(&copied, &format!(r#"<tr id="line-{line}""#), "</tr>");
        assert_eq!(
            text_of(fragment(row, r#"<td class="fate">"#, "</td>")),
            "Kept as a reader comment by the editor: the editor marked this reader comment as \
             the site’s own reply (rule site-reply)Setting: [[structure.site_replies]] 1: \
             prefix = &quot;Thank you for pointing that out&quot;",
            "line {line}"
        );
    }
    // Olivia's comment is the structurer's, as before.
    let row = fragment(&copied, r#"<tr id="line-14""#, "</tr>");
    assert!(text_of(row).contains("(rule comment-tail)"), "{row}");
}

#[test]
fn a_site_reply_mark_on_a_line_that_is_not_a_comment_is_an_error_17() {
    let fixture = Fixture::from_dir("reader/site_reply");
    let meta = fixture.read(FERRY);
    let mark = |prefix: &str| {
        meta.replace(
            "prefix = \"Thank you for pointing that out\"",
            &format!("prefix = \"{prefix}\""),
        )
    };
    fixture.write(FERRY, mark("The morning boat leaves"));
    let error = fixture.build().unwrap_err().to_string();
    assert_eq!(
        error,
        "error: `[[structure.site_replies]] 1` marks line 7 of seed `ferry.txt`, which is not a \
         reader comment: `The morning boat leaves`\n  --> content/articles/ferry.toml:13:10\n   \
         |\n13 | prefix = \"The morning boat leaves\"\n   |          ^^^^^^^^^^^^^^^^^^^^^^^^^ \
         line 7 is a paragraph, not a comment\n   |\n   = help: point `prefix` at a line of the \
         site's reply (`shelf inspect` shows comment lines as `comment`), or, if line 7 is one, \
         make it a comment first with `[[structure.lines]]` and `kind = \"comment\"`\n\n"
    );
    // A dropped line is no comment either.
    fixture.write(FERRY, mark("2 Responses"));
    let error = fixture.build().unwrap_err().to_string();
    assert!(
        error.contains("line 11 is dropped, not a comment"),
        "{error}"
    );
    // Text found nowhere is the error every override gets.
    fixture.write(FERRY, mark("No such reply"));
    let error = fixture.build().unwrap_err().to_string();
    assert!(
        error.starts_with(
            "error: `[[structure.site_replies]] 1` matches nothing in seed `ferry.txt`: `No such reply`\n  --> content/articles/ferry.toml:13:10\n"
        ),
        "{error}"
    );
    // An empty name is an error too.
    fixture.write(
        FERRY,
        meta.replace(
            "prefix = \"Thank you for pointing that out\"",
            "prefix = \"Thank you for pointing that out\"\nname = \" \"",
        ),
    );
    let error = fixture.build().unwrap_err().to_string();
    assert!(
        error.starts_with(
            "error: `name` of a site reply is empty\n  --> content/articles/ferry.toml:14:8\n"
        ),
        "{error}"
    );
}

#[test]
fn the_jangmadang_site_s_reply_is_the_site_s_and_the_about_page_says_so_17() {
    // #17's last item: the site's answer to a reader read "Unnamed reader (reply)".
    let fixture = real_collection();
    let about = fixture.read("content/pages/about.md");
    let page = fixture.read("public/articles/jangmadang-generation/index.html");
    assert_eq!(
        comment_authors(&page),
        [r#"Conspiracy Talk News <span class="site-reply">(the site’s own reply)</span>"#]
    );
    assert!(
        about.contains("The site's reply is shown among the comments under the site's name, labelled as the site's own reply"),
        "the About page does not describe the site's reply as the page shows it"
    );
    // Readers' comments the text names nobody for are unnamed, as the About page says.
    let border = fixture.read("public/articles/hoeryong-border-guards/index.html");
    assert!(
        comment_authors(&border)
            .iter()
            .all(|a| a.starts_with("Unnamed reader")),
        "{:?}",
        comment_authors(&border)
    );
    assert!(about.contains("is otherwise from an \"Unnamed reader\""));
}
