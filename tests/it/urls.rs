//! URL fields (#13): every one is an absolute `http(s)` URL checked by a real parser;
//! queries and fragments are fine in links, script and user names are not. And the site's
//! own URLs with Unicode slugs (#17): a hangul topic or entity is a file named in hangul and
//! a percent-encoded link, in pages, feeds, the sitemap and search.

use crate::reader::fragment;
use crate::{Fixture, run_shelf};

/// `장마당` and `두만강` as links carry them.
const JANGMADANG: &str = "%EC%9E%A5%EB%A7%88%EB%8B%B9";
const TUMEN: &str = "%EB%91%90%EB%A7%8C%EA%B0%95";

/// The basic fixture with alpha's source `url` replaced.
fn with_source_url(url: &str) -> Fixture {
    let fixture = Fixture::from_dir("build/basic");
    let alpha = fixture.read("content/articles/alpha.toml");
    fixture.write(
        "content/articles/alpha.toml",
        alpha.replace("https://alpha.example.com/story", url),
    );
    fixture
}

#[test]
fn a_source_url_may_have_a_query_a_fragment_and_a_quote() {
    // #13: `?`, `&` and `'` were refused because the base_url parser was reused.
    let fixture = with_source_url("https://alpha.example.com/o'neil?id=4&page=2#part");
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    let bib = fixture.citation("alpha", "bib");
    assert!(
        bib.contains("url = {https://alpha.example.com/o'neil?id=4&page=2#part},"),
        "{bib}"
    );
}

#[test]
fn a_brace_in_a_source_url_cannot_break_the_bibtex_entry() {
    // #13: `}` was accepted and ended the BibTeX field early.
    let fixture = with_source_url("https://alpha.example.com/a}b{c");
    fixture.build().unwrap();
    let bib = fixture.citation("alpha", "bib");
    assert!(
        bib.contains("url = {https://alpha.example.com/a%7Db%7Bc},"),
        "{bib}"
    );
}

#[test]
fn a_script_url_in_series_parts_is_an_error_at_its_place() {
    // #13: `javascript:alert(1)` in `[series] parts` became a live link.
    let fixture = Fixture::from_dir("build/basic");
    let beta = fixture.read("content/articles/beta.toml");
    fixture.write(
        "content/articles/beta.toml",
        format!(
            "{beta}\n[series]\ntitle = \"Rivers\"\npart = 1\nparts = [\n  {{ title = \"One\", url = \"javascript:alert(1)\" }},\n]\n"
        ),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1);
    let expected = r#"error: invalid series part `url` `javascript:alert(1)`
  --> content/articles/beta.toml:11:27
   |
11 |   { title = "One", url = "javascript:alert(1)" },
   |                           ^^^^^^^^^^^^^^^^^^^ expected an absolute URL starting with `https://` or `http://`
   |
   = help: copy the original's full address (`https://…`) from the browser, or leave `url` out

error: build failed with 1 error; nothing was written
"#;
    assert!(stderr.ends_with(expected), "{stderr}");
}

#[test]
fn a_base_url_with_a_user_name_is_refused() {
    // #13: `https://host@evil/` was accepted, so every absolute link pointed at `evil`.
    let fixture = Fixture::from_dir("build/basic");
    let site = fixture.read("site.toml");
    fixture.write(
        "site.toml",
        site.replace(
            "https://example.org/reading/",
            "https://example.org@evil.test/",
        ),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("the part before `@` is a user name, so the host would be `evil.test`"),
        "{stderr}"
    );
}

#[test]
fn a_hangul_topic_is_a_file_named_in_hangul_and_a_percent_encoded_link_17() {
    // #17: topic slugs had to be ASCII, so a Korean collection could not have `장마당`.
    let fixture = Fixture::from_dir("reader/korean");
    fixture.build().unwrap();
    let topic = fixture.read("public/topics/장마당/index.html");
    assert_eq!(fragment(&topic, "<h1>", "</h1>"), "장마당");
    assert_eq!(
        fragment(&topic, r#"<link rel="canonical" href=""#, r#"">"#),
        format!("https://example.org/seoga/topics/{JANGMADANG}/")
    );
    assert_eq!(
        fragment(&topic, r#"<p class="meta">2편 · <a href=""#, r#"">"#),
        format!("../../topics/{JANGMADANG}/feed.xml"),
        "the topic's own feed"
    );
    let article = fixture.read("public/articles/river-crossing/index.html");
    assert_eq!(
        fragment(&article, r#"<ul class="topic-list">"#, "</ul>"),
        format!(
            r#"<li><a href="../../topics/%EA%B5%AD%EA%B2%BD/index.html">국경</a></li><li><a href="../../topics/{JANGMADANG}/index.html">장마당</a></li>"#
        )
    );
    assert_eq!(
        fragment(&article, r#"<a class="entity-link" href=""#, "</a>"),
        format!(r#"../../entities/{TUMEN}/index.html">두만강"#),
        "a hangul entity found in the text links to its page"
    );
    let entity = fixture.read("public/entities/두만강/index.html");
    assert_eq!(fragment(&entity, "<h1>", "</h1>"), "두만강");
    // A Markdown link written with the raw slug resolves and is encoded.
    let border = fixture.read("public/topics/국경/index.html");
    assert_eq!(
        fragment(&border, "그 경계를 넘어 <a href=\"", "</a>"),
        format!(r#"../../topics/{JANGMADANG}/index.html">장마당"#)
    );

    let sitemap = fixture.read("public/sitemap.xml");
    let locations: Vec<&str> = sitemap
        .lines()
        .filter(|l| l.contains("/topics/%") || l.contains("/entities/%"))
        .map(str::trim)
        .collect();
    assert_eq!(
        locations,
        [
            format!("<url><loc>https://example.org/seoga/entities/{TUMEN}/</loc></url>"),
            format!("<url><loc>https://example.org/seoga/entities/{JANGMADANG}/</loc></url>"),
            "<url><loc>https://example.org/seoga/topics/%EA%B5%AD%EA%B2%BD/</loc></url>".into(),
            format!("<url><loc>https://example.org/seoga/topics/{JANGMADANG}/</loc></url>"),
        ]
    );
    let feed = fixture.read("public/topics/장마당/feed.xml");
    assert_eq!(
        fragment(
            &feed,
            r#"<link rel="self" type="application/atom+xml" href=""#,
            r#""/>"#
        ),
        format!("https://example.org/seoga/topics/{JANGMADANG}/feed.xml")
    );
    assert_eq!(feed.matches("<entry>").count(), 2, "both articles: {feed}");

    let manifest: serde_json::Value =
        serde_json::from_str(&fixture.read("public/search/index.json")).unwrap();
    assert_eq!(
        manifest["topics"],
        serde_json::json!([["국경", "국경", 1], ["장마당", "장마당", 2]]),
        "the search filter lists the hangul topics"
    );
}

#[test]
fn a_topic_slug_in_decomposed_hangul_is_the_composed_topic_17() {
    // Jamo typed one by one (as some systems store them) name the same topic and file.
    let fixture = Fixture::from_dir("reader/korean");
    let meta = fixture.read("content/articles/jangmadang.toml");
    let decomposed = "\u{110c}\u{1161}\u{11bc}\u{1106}\u{1161}\u{1103}\u{1161}\u{11bc}";
    fixture.write(
        "content/articles/jangmadang.toml",
        meta.replace("\"장마당\"", &format!("\"{decomposed}\"")),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
    let topic = fixture.read("public/topics/장마당/index.html");
    assert_eq!(fragment(&topic, r#"<p class="meta">"#, " · "), "2편");
}

#[test]
fn an_invalid_hangul_topic_is_an_error_with_a_hyphenated_suggestion_17() {
    let fixture = Fixture::from_dir("reader/korean");
    let meta = fixture.read("content/articles/jangmadang.toml");
    fixture.write(
        "content/articles/jangmadang.toml",
        meta.replace("\"장마당\"", "\"장마당 세대\""),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1, "{stderr}");
    let expected = r#"error: invalid topic `장마당 세대`
 --> content/articles/jangmadang.toml:4:11
  |
4 | topics = ["장마당 세대"]
  |           ^^^^^^^^^^^^^ a topic or entity slug is lowercase letters (of any script), digits and single hyphens, like `border-guards` or `장마당`
  |
  = help: write `"장마당-세대"`

error: build failed with 1 error; nothing was written
"#;
    assert!(stderr.ends_with(expected), "{stderr}");
}

#[test]
fn an_undescribed_hangul_topic_is_described_with_a_quoted_key_17() {
    // TOML's bare keys are ASCII: `[장마당]` would be a syntax error, so the help quotes it.
    let fixture = Fixture::from_dir("reader/korean");
    let meta = fixture.read("content/articles/jangmadang.toml");
    fixture.write(
        "content/articles/jangmadang.toml",
        meta.replace("\"장마당\"", "\"식량-배급\""),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    let expected = r#"warning: topic `식량-배급` has no description
--> content/articles/jangmadang.toml
 = help: describe it in content/topics.toml: `["식량-배급"]` with `name` and `description`

"#;
    assert_eq!(stderr, expected);
}
