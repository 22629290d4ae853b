//! The `[outputs]` switches of site.toml (#15): each optional output is written by default,
//! and a switched-off one is neither written nor linked from any page.

use crate::Fixture;

/// The fixture's site.toml with an `[outputs]` table appended.
fn with_outputs(table: &str) -> Fixture {
    let fixture = Fixture::from_dir("outputs/basic");
    let site = fixture.read("site.toml");
    fixture.write("site.toml", format!("{site}\n[outputs]\n{table}"));
    fixture
}

/// Every output file's path, and the text of every HTML page joined.
fn built(fixture: &Fixture) -> (Vec<String>, String) {
    fixture.build().expect("the fixture builds");
    let files = fixture.snapshot("public");
    let html: String = files
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
        .collect();
    (files.into_iter().map(|(path, _)| path).collect(), html)
}

#[test]
fn every_optional_output_is_written_and_linked_by_default() {
    let (files, html) = built(&Fixture::from_dir("outputs/basic"));
    for path in [
        "collection.epub",
        "search/index.html",
        "search/index.json",
        "citations.bib",
        "citations.ris",
    ] {
        assert!(files.iter().any(|f| f == path), "{path} missing: {files:?}");
    }
    for link in [
        "collection.epub",
        "search/index.html",
        "citations.bib",
        "citations.ris",
        "data:application/x-bibtex;",
        "data:application/x-research-info-systems;",
    ] {
        assert!(html.contains(link), "no page links to {link}");
    }
}

#[test]
fn switched_off_outputs_are_neither_written_nor_linked() {
    let fixture = with_outputs("epub = false\nsearch = false\ncitations = false\n");
    let (files, html) = built(&fixture);
    let left: Vec<&String> = files
        .iter()
        .filter(|f| f.ends_with(".epub") || f.starts_with("search/") || f.contains("citations."))
        .collect();
    assert!(left.is_empty(), "still written: {left:?}");
    for link in [
        "collection.epub",
        "search/index.html",
        "citations.bib",
        "citations.ris",
        "data:application/",
    ] {
        assert!(!html.contains(link), "a page still links to {link}");
    }
    assert!(!fixture.read("public/sitemap.xml").contains("search/"));
    // The article page keeps its citation, without the files.
    assert!(
        fixture
            .read("public/articles/alpha/index.html")
            .contains("class=\"citation\"")
    );
    assert!(files.iter().any(|f| f == "articles/alpha/index.html"));
}

#[test]
fn each_switch_turns_off_only_its_own_output() {
    let (files, _) = built(&with_outputs("epub = false\n"));
    assert!(!files.iter().any(|f| f == "collection.epub"));
    assert!(files.iter().any(|f| f == "search/index.json"));
    assert!(files.iter().any(|f| f == "citations.ris"));
    let (files, _) = built(&with_outputs("citations = false\n"));
    assert!(files.iter().any(|f| f == "collection.epub"));
    assert!(!files.iter().any(|f| f.contains("citation")));
}

#[test]
fn a_link_to_the_search_page_is_an_error_when_search_is_off() {
    let fixture = with_outputs("search = false\n");
    let about = fixture.read("content/pages/about.md");
    fixture.write(
        "content/pages/about.md",
        format!("{about}\n[Search](@/search/)\n"),
    );
    let error = fixture.build().expect_err("the link points to no page");
    assert!(
        error.to_string().contains("points to no page")
            || format!("{error:?}").contains("points to no page"),
        "{error:?}"
    );
}

/// Every document of the fixture's book, by name.
fn book_documents(fixture: &Fixture) -> Vec<(String, String)> {
    let bytes = std::fs::read(fixture.root().join("public/collection.epub")).expect("a book");
    let mut book = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..book.len())
        .map(|index| {
            let mut entry = book.by_index(index).expect("an entry");
            let mut text = String::new();
            std::io::Read::read_to_string(&mut entry, &mut text).expect("a text entry");
            (entry.name().to_string(), text)
        })
        .collect()
}

#[test]
fn a_collection_larger_than_epub_articles_has_its_newest_in_the_book_and_all_online() {
    // #15: the book's size is bounded; alpha (2021) is newer than beta (2019).
    let fixture = with_outputs("epub_articles = 1\n");
    let (files, _) = built(&fixture);
    assert!(files.iter().any(|f| f == "articles/beta/index.html"));
    let documents = book_documents(&fixture);
    let chapters: Vec<&str> = documents
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| name.starts_with("EPUB/articles/"))
        .collect();
    assert_eq!(chapters, ["EPUB/articles/alpha.xhtml"]);
    let text_of = |wanted: &str| {
        documents
            .iter()
            .find(|(name, _)| name == wanted)
            .map(|(_, text)| text.clone())
            .unwrap_or_else(|| panic!("no {wanted} in the book"))
    };
    let title = text_of("EPUB/title.xhtml");
    assert!(
        title.contains("2 articles, of which this book holds the newest 1"),
        "{title}"
    );
    assert!(
        !title.contains("Beta") && !title.contains("beta"),
        "{title}"
    );
    // No document of the book links to a chapter it does not hold.
    for (name, text) in &documents {
        assert!(
            !text.contains("articles/beta.xhtml"),
            "{name} links to beta"
        );
    }
    // Under the default limit the book holds the whole collection and says nothing more.
    let whole = Fixture::from_dir("outputs/basic");
    built(&whole);
    let documents = book_documents(&whole);
    for chapter in ["EPUB/articles/alpha.xhtml", "EPUB/articles/beta.xhtml"] {
        assert!(
            documents.iter().any(|(name, _)| name == chapter),
            "{chapter}"
        );
    }
    assert!(
        !documents
            .iter()
            .any(|(_, text)| text.contains("of which this book holds"))
    );
}

/// The home page of the fixture built with `minify = <mode>`.
fn home_page_minified(mode: &str) -> String {
    let fixture = Fixture::from_dir("outputs/basic");
    let site = fixture
        .read("site.toml")
        .replace("minify = false", &format!("minify = {mode}"));
    fixture.write("site.toml", site);
    fixture.build().expect("the fixture builds");
    fixture.read("public/index.html")
}

#[test]
fn minify_compacts_in_one_pass_by_default_and_with_minify_html_when_full() {
    let off = home_page_minified("false");
    let compact = home_page_minified("true");
    let full = home_page_minified("\"full\"");
    assert!(off.contains("method=\"get\""), "as rendered: {off}");
    assert!(compact.len() < off.len() && full.len() <= compact.len());
    // The one-pass compaction keeps every attribute; minify-html drops default values.
    assert!(compact.contains("method=get"), "{compact}");
    assert!(!full.contains("method="), "{full}");
    for page in [&compact, &full] {
        let head = page.get(..29).unwrap_or_default().to_ascii_lowercase();
        assert_eq!(head, "<!doctype html><html lang=en>", "{page}");
        assert!(!page.contains(">\n<"), "layout white space left: {page}");
    }
}

#[test]
fn a_minify_mode_that_does_not_exist_is_an_error_at_its_place() {
    let fixture = Fixture::from_dir("outputs/basic");
    let site = fixture
        .read("site.toml")
        .replace("minify = false", "minify = \"max\"");
    fixture.write("site.toml", site);
    let (code, _, stderr) = crate::run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("expected `true`, `false` or `\"full\"`, found `\"max\"`")
            && stderr.contains("site.toml:7:"),
        "{stderr}"
    );
}

#[test]
fn citations_are_page_downloads_and_one_file_per_collection_and_topic_15() {
    // #15: two files per article were 44 % of the files a build wrote. The page now offers
    // its entries as `data:` links; the collection and each topic get one file per format.
    let fixture = Fixture::from_dir("outputs/basic");
    let (files, _) = built(&fixture);
    assert!(
        !files
            .iter()
            .any(|f| f.starts_with("articles/") && f.contains("citation")),
        "no citation file per article: {files:?}"
    );
    let (alpha_bib, beta_bib) = (
        fixture.citation("alpha", "bib"),
        fixture.citation("beta", "bib"),
    );
    assert!(alpha_bib.starts_with("@online{alpha"), "{alpha_bib}");
    assert!(beta_bib.starts_with("@online{beta"), "{beta_bib}");
    let alpha_ris = fixture.citation("alpha", "ris");
    assert!(alpha_ris.starts_with("TY  - ELEC\n"), "{alpha_ris}");
    // The collection's files hold every entry, as the pages offer them.
    let all_bib = fixture.read("public/citations.bib");
    assert!(all_bib.contains(alpha_bib.trim_end()) && all_bib.contains(beta_bib.trim_end()));
    assert_eq!(all_bib.matches("@online{").count(), 2, "{all_bib}");
    let all_ris = fixture.read("public/citations.ris");
    assert!(all_ris.contains(alpha_ris.trim_end()));
    assert_eq!(all_ris.matches("TY  - ").count(), 2, "{all_ris}");
    // A topic's files hold its articles' entries only, and its page links them.
    let borders = fixture.read("public/topics/borders/citations.bib");
    assert!(borders.contains("@online{alpha") && !borders.contains("@online{beta"));
    let rivers = fixture.read("public/topics/rivers/citations.ris");
    assert_eq!(rivers.matches("ER  - ").count(), 2, "{rivers}");
    let topic_page = fixture.read("public/topics/borders/index.html");
    assert!(topic_page.contains("citations.bib") && topic_page.contains("citations.ris"));
    // The browser saves each download under the article's name.
    let page = fixture.read("public/articles/alpha/index.html");
    assert!(page.contains("download=alpha.bib") || page.contains("download=\"alpha.bib\""));
}

#[test]
fn a_theme_written_before_the_collection_files_still_links_files_that_exist_15() {
    // #15: `article.citation.bibtex_path` named the article's own file; it now names the
    // collection's, so a theme copied before still builds and its links lead somewhere.
    let fixture = Fixture::from_dir("outputs/basic");
    let site = fixture.read("site.toml");
    fixture
        .write(
            "site.toml",
            site.replace("theme = \"default\"", "theme = \"old\""),
        )
        .write("themes/old/theme.toml", "extends = \"default\"\n")
        .write(
            "themes/old/templates/article.html",
            "<a href=\"{{ page.root }}{{ article.citation.bibtex_path }}\">BibTeX</a> \
             <a href=\"{{ page.root }}{{ article.citation.ris_path }}\">RIS</a>\n",
        );
    fixture.build().expect("the old theme builds");
    let page = fixture.read("public/articles/alpha/index.html");
    assert!(page.contains("href=\"../../citations.bib\""), "{page}");
    assert!(page.contains("href=\"../../citations.ris\""), "{page}");
    assert!(
        fixture
            .read("public/citations.bib")
            .contains("@online{alpha")
    );
}
