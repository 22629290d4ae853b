//! Text copied from anywhere (#13): data figures with extreme numbers, Markdown with raw
//! HTML, control characters in seeds and metadata. The build refuses what it cannot show
//! honestly, removes what is not allowed, and every XML file it writes parses.

use crate::{Fixture, run_shelf};

const FIGURE: &str = "content/data/defector-arrivals.toml";

#[test]
fn refuses_a_data_figure_value_too_large_to_show_exactly() {
    // #13: `1e19` was shown as 9,223,372,036,854,775,807 and 1.7e308 put `NaN` in the SVG.
    let fixture = Fixture::collection();
    let figure = fixture
        .read(FIGURE)
        .replace("value = 229", "value = 1.7e308");
    fixture.write(FIGURE, figure);
    let (status, stdout, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!((status, stdout.as_str()), (1, ""), "{stderr}");
    assert_eq!(
        stderr,
        "error: value too large for a data figure
  --> content/data/defector-arrivals.toml:14:1
   |
14 | [[points]]
   | ^^^^^^^^^^ charts draw values up to 9,007,199,254,740,992 (2^53)
   |
   = help: give the figure in a larger unit, e.g. `unit = \"million people\"` and `value = 2.9`

error: build failed with 1 error; nothing was written
"
    );
}

const ARTICLE: &str = "content/articles/jangmadang-generation.toml";

/// Every XML file of a built site, with its text: feeds, the sitemap and each XML document
/// inside the EPUB.
fn xml_outputs(fixture: &Fixture) -> Vec<(String, String)> {
    let mut found: Vec<(String, String)> = fixture
        .snapshot("public")
        .into_iter()
        .filter(|(name, _)| name.ends_with(".xml"))
        .map(|(name, bytes)| (name, String::from_utf8(bytes).unwrap()))
        .collect();
    let book = std::fs::read(fixture.root().join("public/collection.epub")).unwrap();
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    for index in 0..book.len() {
        let mut entry = book.by_index(index).unwrap();
        let name = entry.name().to_string();
        if [".xhtml", ".opf", ".xml"].iter().any(|e| name.ends_with(e)) {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).unwrap();
            found.push((format!("collection.epub/{name}"), text));
        }
    }
    found
}

/// Panics naming each XML output that does not parse.
fn assert_xml_parses(fixture: &Fixture) {
    let outputs = xml_outputs(fixture);
    assert!(outputs.len() > 10, "{} XML files", outputs.len());
    let broken: Vec<String> = outputs
        .iter()
        .filter_map(|(name, text)| {
            let options = roxmltree::ParsingOptions {
                allow_dtd: true,
                ..roxmltree::ParsingOptions::default()
            };
            roxmltree::Document::parse_with_options(text, options)
                .err()
                .map(|e| format!("{name}: {e}"))
        })
        .collect();
    assert!(broken.is_empty(), "{broken:#?}");
}

/// Sets the article's editor's note to `note` (a TOML literal string, so no escapes).
fn with_editor_note(fixture: &Fixture, note: &str) {
    let text = fixture.read(ARTICLE);
    let start = text.find("editor_note = \"\"\"").unwrap();
    let end = start + text[start..].find("\"\"\"\n").unwrap() + 4;
    let end = end + text[end..].find("\"\"\"\n").unwrap() + 4;
    let replaced = format!(
        "{}editor_note = '''\n{note}\n'''\n{}",
        &text[..start],
        &text[end..]
    );
    fixture.write(ARTICLE, replaced);
}

#[test]
fn markdown_html_is_sanitised_in_pages_feeds_and_the_epub() {
    // #13: raw HTML in Markdown reached pages and the EPUB as written, and a `<br>` or a
    // stray `</title>` made EPUB chapters that are not XML, with exit 0.
    let fixture = Fixture::collection();
    with_editor_note(
        &fixture,
        concat!(
            "Kept: line<br>break, <kbd>Ctrl</kbd>, a stray </title> end tag.\n\n",
            "<script>alert('script')</script><img src=x onerror=alert('onerror')>",
            "<iframe src=\"https://frame.example\"></iframe>\n\n",
            "[a](javascript:alert('href')) [b](data:text/html,x) ![c](vbscript:x) ",
            "<a href=\"JaVaScRiPt:alert(1)\">d</a>",
        ),
    );
    let (status, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(status, 0, "{stderr}");
    let page = fixture.read("public/articles/jangmadang-generation/index.html");
    assert!(
        page.contains("line<br>break") && page.contains("<kbd>Ctrl</kbd>"),
        "{page}"
    );
    let mut texts: Vec<(String, String)> = xml_outputs(&fixture);
    texts.push(("article page".into(), page));
    for (name, text) in &texts {
        for banned in [
            "alert(",
            "onerror",
            "<iframe",
            "frame.example",
            "javascript:",
            "JaVaScRiPt",
            "data:text",
            "vbscript",
        ] {
            assert!(!text.contains(banned), "`{banned}` in {name}");
        }
    }
    assert_xml_parses(&fixture);
}

#[test]
fn an_epub_template_that_is_not_xml_fails_the_build_naming_the_document_and_line() {
    let fixture = Fixture::collection();
    let template = "themes/default/templates/epub/topics.xhtml";
    let text = fixture
        .read(template)
        .replacen("<body>", "<body>\n<p>one<br>two</p>", 1);
    fixture.write(template, text);
    let (status, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(status, 1, "{stderr}");
    assert!(
        stderr.starts_with("error: EPUB document `EPUB/topics.xhtml` is not well-formed XML\n  --> collection.epub/EPUB/topics.xhtml:"),
        "{stderr}"
    );
    assert!(stderr.contains("epub/topics.xhtml"), "{stderr}");
}

#[test]
fn control_characters_are_reported_and_kept_out_of_every_xml_file() {
    // #13: NUL, ESC, backspace, vertical tab or U+FFFE in a seed or a TOML string made
    // feeds and EPUB chapters that are not XML, with exit 0 and no word.
    let fixture = Fixture::collection();
    let seed_name = "seeds/000_ceae0ede881b7f63.txt";
    let seed = fixture.read(seed_name);
    let (first, rest) = seed.split_at(seed.find('\n').unwrap() + 1);
    let seed =
        format!("{first}Copied\u{0} with \u{1b}[1m escapes\u{8}\u{b}\u{c} and \u{fffe}.\n\n{rest}");
    fixture.write(seed_name, seed);
    let article = fixture.read(ARTICLE).replacen(
        "summary = \"",
        "summary = \"A\\u0000 B\\e C\\b D\\f E\\uFFFE F. ",
        1,
    );
    fixture.write(ARTICLE, article);
    let (status, stdout, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stdout.contains("2 warnings, see `shelf check`"), "{stdout}");
    let (status, _, stderr) = run_shelf(&fixture, &["check"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains(
            "warning: seed has 6 characters not allowed in XML, the first `U+0000` (NUL)\n --> seeds/000_ceae0ede881b7f63.txt:2:7\n"
        ),
        "{stderr}"
    );
    let summary_line = fixture
        .read(ARTICLE)
        .lines()
        .position(|l| l.starts_with("summary = "))
        .unwrap()
        + 1;
    assert!(
        stderr.contains(&format!(
            "warning: string holds `U+0000` (NUL), not allowed in XML\n --> content/articles/jangmadang-generation.toml:{summary_line}:11\n"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains('\u{1b}'), "a raw ESC reached the terminal");
    assert_xml_parses(&fixture);
    let feed = fixture.read("public/feed.xml");
    assert!(
        feed.contains("A B C D E F. "),
        "the summary lost only its control characters"
    );
}

/// Text of any Unicode, with the characters that broke XML before made likely.
fn wild_text(max: usize) -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        4 => any::<char>().prop_map(String::from),
        2 => "[a-z]{1,8}",
        1 => prop::sample::select(vec![
            "\n", "\n\n", " ", "\0", "\u{1b}", "\u{8}", "\u{b}", "\u{c}", "\u{fffe}", "\u{ffff}",
            "\r\n", "◆ ", "<br>", "</title>", "<script>x</script>", "&nbsp;", "]]>", "&", "<",
            "[x](javascript:y)", "```\n", "@/", "{{ x }}", "\u{feff}",
        ])
        .prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// A TOML string literal holding `text` exactly (control characters as escapes).
fn toml_string(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig {
        cases: 12,
        failure_persistence: None,
        ..proptest::prelude::ProptestConfig::default()
    })]

    /// #13: any seed text and any metadata strings give a build that succeeds or reports
    /// content errors (never a panic, never an internal failure), and every XML file of a
    /// build that succeeds parses.
    #[test]
    fn any_text_builds_or_fails_cleanly_and_all_xml_parses(
        seed in wild_text(200),
        title in wild_text(12),
        summary in wild_text(30),
        note in wild_text(40),
        author in wild_text(6),
        site_title in wild_text(8),
    ) {
        let fixture = Fixture::from_dir("build/basic");
        fixture.write("seeds/alpha.txt", &seed);
        fixture.write(
            "content/articles/alpha.toml",
            format!(
                "seed = \"alpha.txt\"\ntitle = {}\npublished = \"2021-03-04\"\nauthors = [{}]\ntopics = [\"rivers\"]\nsummary = {}\neditor_note = {}\n",
                toml_string(&title),
                toml_string(&author),
                toml_string(&summary),
                toml_string(&note),
            ),
        );
        let site = fixture.read("site.toml").replacen(
            "title = \"Basic Shelf\"",
            &format!("title = {}", toml_string(&site_title)),
            1,
        );
        fixture.write("site.toml", site);
        match fixture.build() {
            Ok(_) => assert_xml_parses(&fixture),
            Err(error) => proptest::prop_assert_eq!(error.exit_code(), 1, "{}", error),
        }
    }
}
