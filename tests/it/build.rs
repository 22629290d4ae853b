//! `shelf build`: the page set, escaping, determinism, atomic failure, incremental writes.

use crate::{Fixture, run_shelf};

const BASIC_PAGES: &[&str] = &[
    ".shelf-manifest",
    "404.html",
    "about/index.html",
    "articles/alpha/as-copied/index.html",
    "articles/alpha/index.html",
    "articles/beta/as-copied/index.html",
    "articles/beta/index.html",
    "citations.bib",
    "citations.ris",
    "collection.epub",
    "feed.xml",
    "index.html",
    "robots.txt",
    "search/docs/0.json",
    "search/facets.json",
    "search/index.html",
    "search/index.json",
    "search/terms/0.json",
    "sitemap.xml",
    "topics/borders/citations.bib",
    "topics/borders/citations.ris",
    "topics/borders/feed.xml",
    "topics/borders/index.html",
    "topics/index.html",
    "topics/rivers/citations.bib",
    "topics/rivers/citations.ris",
    "topics/rivers/feed.xml",
    "topics/rivers/index.html",
];

#[test]
fn builds_every_page_of_a_small_collection() {
    let fixture = Fixture::from_dir("build/basic");
    let report = fixture.build().unwrap();
    assert_eq!(
        (report.page_count, report.article_count, report.topic_count),
        (11, 2, 2)
    );
    let names: Vec<String> = fixture
        .snapshot("public")
        .into_iter()
        .map(|(name, _)| name)
        .collect();
    let without_assets: Vec<&str> = names
        .iter()
        .map(String::as_str)
        .filter(|n| !n.starts_with("static/"))
        .collect();
    assert_eq!(without_assets, BASIC_PAGES);
    let assets: Vec<&String> = names.iter().filter(|n| n.starts_with("static/")).collect();
    assert_eq!(
        assets.len(),
        5,
        "the theme's stylesheet, two scripts and favicon, and the code stylesheet: {assets:?}"
    );
    assert!(
        assets.iter().all(|a| a.matches('.').count() == 2),
        "asset names carry a content hash: {assets:?}"
    );
}

#[test]
fn lists_articles_newest_first_with_their_facts() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let home = fixture.read("public/index.html");
    let alpha = home.find("articles/alpha/index.html").unwrap();
    let beta = home.find("articles/beta/index.html").unwrap();
    assert!(alpha < beta, "2021 comes before 2019");
    assert!(home.contains("<time datetime=\"2021-03-04\">4 March 2021</time>"));
    assert!(home.contains("<time datetime=\"2019\">2019</time>"));
    assert!(home.contains("The Alpha Times"));
    let article = fixture.read("public/articles/alpha/index.html");
    assert!(article.contains("href=\"https://alpha.example.com/story\""));
    assert!(!article.contains("(known to the day)") && article.contains("By</dt><dd>A. Writer"));
    assert!(
        article.contains("href=\"../../articles/beta/index.html\""),
        "editor's note link resolved"
    );
    assert!(
        article.contains("Also about: Rivers"),
        "related article with its reason"
    );
    assert!(article.contains("rel=\"prev\" href=\"../../articles/beta/index.html\""));
    let beta_page = fixture.read("public/articles/beta/index.html");
    assert!(beta_page.contains("(known to the year)"));
}

#[test]
fn long_lists_continue_on_numbered_pages() {
    let fixture = Fixture::from_dir("build/basic");
    let site = fixture.read("site.toml");
    fixture.write("site.toml", format!("{site}per_page = 1\n"));
    fixture.build().unwrap();
    let home = fixture.read("public/index.html");
    assert!(
        home.contains("articles/alpha/index.html") && !home.contains("articles/beta/index.html\">")
    );
    assert!(
        home.contains("<a href=\"page/2/index.html\" rel=\"next\">Older →</a>"),
        "{home}"
    );
    assert!(home.contains("<a href=\"index.html\" aria-current=\"page\">1</a>"));
    let second = fixture.read("public/page/2/index.html");
    assert!(
        second.contains("<title>Basic Shelf (page 2 of 2)"),
        "{second}"
    );
    assert!(second.contains("href=\"../../articles/beta/index.html\""));
    assert!(second.contains("<a href=\"../../index.html\" rel=\"prev\">← Newer</a>"));
    assert!(!second.contains("rel=\"next\""));
    // `rivers` holds both articles; `borders` only alpha, so it has one page.
    let rivers = fixture.read("public/topics/rivers/page/2/index.html");
    assert!(
        rivers.contains("../../../../articles/beta/index.html"),
        "{rivers}"
    );
    assert!(!fixture.root().join("public/topics/borders/page").exists());
    let sitemap = fixture.read("public/sitemap.xml");
    for url in [
        "reading/page/2/</loc>",
        "reading/topics/rivers/page/2/</loc>",
    ] {
        assert!(sitemap.contains(url), "{url} missing from {sitemap}");
    }
}

#[test]
fn a_theme_without_page_links_still_builds_with_a_warning() {
    let fixture = Fixture::from_dir("build/basic");
    std::fs::remove_file(
        fixture
            .root()
            .join("themes/default/templates/partials/pagination.html"),
    )
    .unwrap();
    let site = fixture.read("site.toml");
    fixture.write("site.toml", format!("{site}per_page = 1\n"));
    let report = fixture.build().unwrap();
    let warning = report
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("partials/pagination.html"));
    assert!(warning.is_some_and(|w| w.contains("copy `templates/partials/pagination.html`")));
    assert!(
        fixture
            .read("public/page/2/index.html")
            .contains("articles/beta/index.html")
    );
}

#[test]
fn two_articles_from_one_seed_are_both_published_with_a_warning() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.write(
        "content/articles/gamma.toml",
        "seed = \"alpha.txt\"\ntitle = \"Gamma\"\npublished = \"2022\"\ntopics = [\"rivers\"]\nsummary = \"The same text again.\"\n",
    );
    let report = fixture.build().unwrap();
    assert_eq!(report.article_count, 3);
    assert!(
        fixture
            .read("public/articles/gamma/index.html")
            .contains("Gamma")
    );
    assert!(
        fixture
            .read("public/articles/alpha/index.html")
            .contains("He said")
    );
    assert!(report.warnings.iter().any(|w| {
        w.to_string()
            .contains("seed `alpha.txt` is used by two articles")
    }));
}

#[test]
fn a_page_size_of_zero_is_an_error_at_its_key() {
    let fixture = Fixture::from_dir("build/basic");
    let site = fixture.read("site.toml");
    fixture.write("site.toml", format!("{site}per_page = 0\n"));
    let error = fixture.build().unwrap_err().to_string();
    assert!(
        error.contains("invalid `per_page` `0`") && error.contains("site.toml:8:12"),
        "{error}"
    );
}

#[test]
fn escapes_metadata_and_seed_text_everywhere() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let article = fixture.read("public/articles/alpha/index.html");
    assert!(
        article.contains("<title>He said &quot;no&quot; &amp; &lt;left&gt; · Basic Shelf</title>"),
        "{article}"
    );
    assert!(article.contains("<h1>He said &quot;no&quot; &amp; &lt;left&gt;</h1>"));
    assert!(
        article.contains("content=\"He said &quot;no&quot; &amp; &lt;left&gt;\""),
        "attribute escaping"
    );
    assert!(article.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(!article.contains("<script>alert"));
    assert!(
        article.contains("{{ site.title }}"),
        "seed text is never template code"
    );
    assert!(
        article.contains("*stars* and _underscores_ and # a hash"),
        "seed text is never Markdown"
    );
    let feed = fixture.read("public/feed.xml");
    assert!(feed.contains("<title>He said &quot;no&quot; &amp; &lt;left&gt;</title>"));
    assert!(
        feed.contains("&amp;lt;script&amp;gt;"),
        "seed text is escaped inside the escaped HTML content"
    );
    let home = fixture.read("public/index.html");
    assert!(
        home.contains("Alpha&#39;s summary with &lt;b&gt;tags&lt;/b&gt; &amp; ampersands.")
            || home.contains("Alpha's summary with &lt;b&gt;tags&lt;/b&gt; &amp; ampersands.")
    );
}

#[test]
fn uses_absolute_urls_only_where_formats_need_them() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let article = fixture.read("public/articles/alpha/index.html");
    assert!(
        article.contains(
            "<link rel=\"canonical\" href=\"https://example.org/reading/articles/alpha/\">"
        )
    );
    let feed = fixture.read("public/feed.xml");
    assert!(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/reading/articles/alpha/\"/>"));
    assert!(
        feed.contains("https://example.org/reading/articles/beta/index.html"),
        "feed content links are absolute"
    );
    let sitemap = fixture.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/reading/topics/rivers/</loc>"));
    // Regression: the search page was listed only when the collection had entities.
    assert!(sitemap.contains("<loc>https://example.org/reading/search/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/reading/about/</loc>"));
    assert!(!sitemap.contains("404"));
    assert!(
        fixture
            .read("public/robots.txt")
            .contains("Sitemap: https://example.org/reading/sitemap.xml")
    );
    let not_found = fixture.read("public/404.html");
    assert!(
        not_found.contains("href=\"/reading/index.html\""),
        "404 links work at any depth"
    );
}

#[test]
fn highlights_code_only_where_there_is_code() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let about = fixture.read("public/about/index.html");
    assert!(
        about.contains("static/code."),
        "the page with code links the code stylesheet"
    );
    assert!(about.contains("class=\"hl-"));
    assert!(!fixture.read("public/index.html").contains("static/code."));
}

#[test]
fn two_builds_are_byte_identical() {
    let first = Fixture::from_dir("build/basic");
    let second = Fixture::from_dir("build/basic");
    first.build().unwrap();
    second.build().unwrap();
    assert_eq!(first.snapshot("public"), second.snapshot("public"));
}

const GAMMA_SEED: &str = "Gamma is a third text.\n";
const GAMMA_META: &str = "seed = \"gamma.txt\"\ntitle = \"Gamma\"\npublished = \"2020-01\"\ntopics = [\"rivers\"]\nsummary = \"Gamma.\"\n";

#[test]
fn rebuild_writes_only_changed_files_and_removes_stale_ones() {
    let fixture = Fixture::from_dir("build/basic");
    fixture
        .write("seeds/gamma.txt", GAMMA_SEED)
        .write("content/articles/gamma.toml", GAMMA_META);
    fixture.build().unwrap();
    assert!(
        fixture
            .read("public/index.html")
            .contains("articles/gamma/")
    );
    let again = fixture.build().unwrap();
    assert_eq!((again.write.written, again.write.removed), (0, 0));
    std::fs::remove_file(fixture.root().join("content/articles/gamma.toml")).unwrap();
    let after_delete = fixture.build().unwrap();
    assert_eq!(
        after_delete.write.removed, 2,
        "the page and its \"as copied\" page (its search document shares a file with the \
         others' since #17, its citations are in the collection's and topics' files since #15)"
    );
    assert!(!fixture.root().join("public/articles/gamma").exists());
    assert!(
        !fixture
            .read("public/index.html")
            .contains("articles/gamma/")
    );
    assert!(
        !fixture
            .read("public/topics/rivers/index.html")
            .contains("articles/gamma/")
    );
}

#[test]
fn a_link_to_a_draft_is_an_error_in_a_published_article() {
    let fixture = Fixture::from_dir("build/basic");
    let beta = fixture.read("content/articles/beta.toml");
    fixture.write(
        "content/articles/beta.toml",
        format!("{beta}draft = true\n"),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "error: link `@/articles/beta/` points to no page\n --> content/articles/alpha.toml"
        ),
        "{stderr}"
    );
}

#[test]
fn failed_build_leaves_previous_output_untouched() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let before = fixture.snapshot("public");
    fixture.write(
        "content/articles/beta.toml",
        "seed = \"beta.txt\"\ntitle = \"Beta\"\n",
    );
    fixture.write("themes/default/templates/topic.html", "{% if %}");
    assert!(fixture.build().is_err());
    assert_eq!(fixture.snapshot("public"), before);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.write("seeds/gamma.txt", GAMMA_SEED).write(
        "content/articles/gamma.toml",
        format!("{GAMMA_META}draft = true\n"),
    );
    fixture.build().unwrap();
    assert!(!fixture.root().join("public/articles/gamma").exists());
    let (code, stdout, _) = run_shelf(&fixture, &["build", "--drafts"]);
    assert_eq!(code, 0);
    assert!(
        stdout.starts_with("built 13 pages (3 articles, 2 topics)"),
        "{stdout}"
    );
    assert!(fixture.read("public/index.html").contains("Draft"));
}

#[test]
fn minifies_html_by_default_and_stays_readable_when_off() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let plain = fixture.read("public/index.html");
    let site = fixture.read("site.toml").replace("minify = false\n", "");
    fixture.write("site.toml", site);
    fixture.build().unwrap();
    let minified = fixture.read("public/index.html");
    assert!(
        minified.len() < plain.len() * 9 / 10,
        "{} vs {}",
        minified.len(),
        plain.len()
    );
    assert!(minified.starts_with("<!DOCTYPE html>") || minified.starts_with("<!doctype html>"));
    assert!(minified.contains("lang=en"));
}

#[test]
fn cli_overrides_output_and_base_url() {
    let fixture = Fixture::from_dir("build/basic");
    let (code, stdout, stderr) = run_shelf(
        &fixture,
        &[
            "build",
            "--output",
            "out/site",
            "--base-url",
            "https://other.example/x",
        ],
    );
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("[ROOT]/out/site"), "{stdout}");
    assert!(
        fixture
            .read("out/site/articles/beta/index.html")
            .contains("https://other.example/x/articles/beta/")
    );
}

#[test]
fn builds_the_real_collection() {
    let fixture = Fixture::collection();
    let report = fixture.build().unwrap();
    assert_eq!(report.article_count, 3);
    for slug in [
        "jangmadang-generation",
        "border-closure-defections",
        "hoeryong-border-guards",
    ] {
        let page = fixture.read(&format!("public/articles/{slug}/index.html"));
        assert!(page.contains("Editor’s note"), "{slug}");
    }
    assert!(
        fixture
            .read("public/about/index.html")
            .contains("How the collection is curated")
    );
}

#[test]
fn new_scaffolds_a_draft_that_builds_once_its_date_is_filled_in() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.write("seeds/gamma.txt", "Gamma Rises Again\n\nBy Lee Min-ho | 4 March 2021\n\nThe gamma article tells a long story about a river town and the people who live there, with enough words in this paragraph to be a summary of it.\n");
    let (code, stdout, stderr) = run_shelf(&fixture, &["new", "seeds/gamma.txt"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "created content/articles/gamma.toml (a draft: review every field, then set `draft = false`)\n\
         \x20 guessed title: line 1 (dropped from the body by a `[[structure.lines]]` override, so it is not shown twice)\n\
         \x20 guessed slug `gamma`: the seed's file name\n\
         \x20 guessed summary: the opening of the first long paragraph\n\
         \x20 guessed published: left commented out; line 3 states 2021-03-04: confirm it is the publication date\n"
    );
    let text = fixture.read("content/articles/gamma.toml");
    assert!(text.contains("title = \"Gamma Rises Again\"") && text.contains("draft = true"));
    // #16: the date is never invented; `check` points at the line to fill in.
    let (code, _, stderr) = run_shelf(&fixture, &["check", "--drafts"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains(
            "error: missing required key `published` in article metadata\n --> content/articles/gamma.toml:9:1\n"
        ) && stderr.contains("= help: fill in `published` here and remove the leading `#`"),
        "{stderr}"
    );
    fixture.write(
        "content/articles/gamma.toml",
        text.replace("# published = \"2021-03-04\"", "published = \"2021-03-04\""),
    );
    let (code, _, stderr) = run_shelf(&fixture, &["build", "--drafts"]);
    assert_eq!(code, 0, "{stderr}");
    // The headline is the page's title and no longer also a line of the body.
    let page = fixture.read("public/articles/gamma/index.html");
    assert_eq!(page.matches(">Gamma Rises Again<").count(), 1, "{page}");
    let (code, _, stderr) = run_shelf(&fixture, &["new", "seeds/gamma.txt"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("already exists"), "{stderr}");
}

#[test]
fn a_theme_can_extend_another_and_override_only_what_it_changes() {
    let fixture = Fixture::from_dir("build/basic");
    crate::copy_tree(
        &crate::project_root().join("themes/newspaper"),
        &fixture.root().join("themes/newspaper"),
    );
    let site = fixture
        .read("site.toml")
        .replace("theme = \"default\"", "theme = \"newspaper\"");
    fixture.write("site.toml", site);
    fixture.build().unwrap();
    let home = fixture.read("public/index.html");
    assert!(
        home.contains("class=\"site-header masthead\""),
        "the child's base.html"
    );
    assert!(
        home.contains("static/newspaper.") && home.contains("static/style."),
        "assets of both themes"
    );
    assert!(
        fixture
            .read("public/articles/alpha/index.html")
            .contains("Editor’s note"),
        "the parent's article.html"
    );
}

#[test]
fn a_theme_extending_itself_is_an_error() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.write("themes/default/theme.toml", "extends = \"default\"\n");
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: themes extend each other in a cycle: default → default\n--> themes/default/theme.toml\n"),
        "{stderr}"
    );
}

#[test]
fn the_real_collection_builds_byte_identical_twice_and_checks_clean() {
    let first = Fixture::collection();
    let second = Fixture::collection();
    first.build().unwrap();
    second.build().unwrap();
    assert_eq!(first.snapshot("public"), second.snapshot("public"));
    let (code, stdout, stderr) = run_shelf(&first, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.ends_with("no errors, 0 warnings\n"),
        "{stdout}{stderr}"
    );
}

#[test]
fn articles_carry_json_ld_and_citations() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let page = fixture.read("public/articles/alpha/index.html");
    let start = page.find("<script type=\"application/ld+json\">").unwrap() + 35;
    let end = start + page[start..].find("</script>").unwrap();
    let json: serde_json::Value = serde_json::from_str(&page[start..end]).unwrap();
    assert_eq!(json["@type"], "Article");
    assert_eq!(json["headline"], "He said \"no\" & <left>");
    assert_eq!(json["datePublished"], "2021-03-04");
    assert_eq!(json["isBasedOn"]["url"], "https://alpha.example.com/story");
    assert_eq!(json["isBasedOn"]["publisher"]["name"], "The Alpha Times");
    assert_eq!(json["author"][0]["name"], "A. Writer");
    assert!(
        !page[start..end].contains('<'),
        "no raw < inside the script element"
    );
    assert!(page.contains(
        "A. Writer. “He said ‘no’ &amp; &lt;left&gt;.” The Alpha Times, March 4, 2021. https://alpha.example.com/story. Reproduced in Basic Shelf, curated by Fixture Editor. https://example.org/reading/articles/alpha/."
    ));
    let bib = fixture.citation("alpha", "bib");
    let field = |name: &str| {
        bib.lines()
            .find_map(|l| l.trim().strip_prefix(&format!("{name} = {{")))
            .map(|v| v.trim_end_matches("},").to_string())
    };
    assert!(bib.starts_with("@online{alpha2021,\n"), "{bib}");
    assert_eq!(field("title").as_deref(), Some("He said \"no\" \\& <left>"));
    assert_eq!(field("author").as_deref(), Some("A. Writer"));
    assert_eq!(field("year").as_deref(), Some("2021"));
    assert_eq!(field("month").as_deref(), Some("3"));
    assert_eq!(
        field("url").as_deref(),
        Some("https://alpha.example.com/story")
    );
    let ris = fixture.citation("alpha", "ris");
    assert!(
        ris.starts_with("TY  - ELEC\nTI  - He said \"no\" & <left>\nAU  - A. Writer\n"),
        "{ris}"
    );
    assert!(ris.trim_end().ends_with("ER  -"));
}

/// The text between `start` and the next `end` after it, in `page`.
fn fragment<'p>(page: &'p str, start: &str, end: &str) -> &'p str {
    let from = page
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {page}"));
    let to = from + page[from..].find(end).expect("fragment end");
    &page[from..to]
}

/// The JSON-LD object of an article page.
fn json_ld(page: &str) -> serde_json::Value {
    let script = fragment(page, "<script type=\"application/ld+json\">", "</script>");
    serde_json::from_str(&script[35..]).expect("valid JSON-LD")
}

#[test]
fn an_inferred_date_says_so_with_the_editors_reason_17() {
    let fixture = Fixture::from_dir("build/basic");
    let alpha = fixture.read("content/articles/alpha.toml").replace(
        "published = \"2021-03-04\"\n",
        "published = \"2021\"\npublished_certainty = \"inferred\"\npublished_note = \"from the events it reports\"\n",
    );
    fixture.write("content/articles/alpha.toml", alpha);
    fixture.build().unwrap();
    let page = fixture.read("public/articles/alpha/index.html");
    assert_eq!(
        fragment(&page, "<dt>Published", "</div>"),
        "<dt>Published</dt><dd><time datetime=\"2021\">2021</time> <span class=\"precision\">(inferred: from the events it reports)</span></dd>"
    );
    assert_eq!(
        fragment(&page, "class=\"citation\">", "</p>"),
        "class=\"citation\">A. Writer. “He said ‘no’ &amp; &lt;left&gt;.” The Alpha Times, [2021]. https://alpha.example.com/story. Reproduced in Basic Shelf, curated by Fixture Editor. https://example.org/reading/articles/alpha/."
    );
    let json = json_ld(&page);
    assert_eq!(
        json["datePublished"], "2021",
        "an inferred year is still the best value"
    );
    let bib = fixture.citation("alpha", "bib");
    assert_eq!(
        fragment(&bib, "  note = {", ", https"),
        "  note = {Date inferred by the editor: from the events it reports. Reproduced in Basic Shelf, curated by Fixture Editor"
    );
    let ris = fixture.citation("alpha", "ris");
    assert_eq!(
        fragment(&ris, "N1  - ", "\nN1  - Reproduced"),
        "N1  - Date inferred by the editor: from the events it reports"
    );
    let home = fixture.read("public/index.html");
    assert!(
        home.contains("<time datetime=\"2021\">2021</time> (inferred)"),
        "lists mark the date too: {home}"
    );
}

#[test]
fn an_approximate_date_reads_about_and_is_no_machine_readable_fact_17() {
    let fixture = Fixture::from_dir("build/basic");
    let beta = fixture.read("content/articles/beta.toml").replace(
        "published = \"2019\"\n",
        "published = \"2019\"\npublished_certainty = \"approximate\"\n",
    );
    fixture.write("content/articles/beta.toml", beta);
    fixture.build().unwrap();
    let page = fixture.read("public/articles/beta/index.html");
    assert_eq!(
        fragment(&page, "<dt>Published", "</div>"),
        "<dt>Published</dt><dd>about <time datetime=\"2019\">2019</time></dd>"
    );
    assert_eq!(
        fragment(&page, "class=\"citation\">", ". Reproduced"),
        "class=\"citation\">“Beta.” ca. 2019"
    );
    let json = json_ld(&page);
    assert_eq!(json["datePublished"], serde_json::Value::Null);
    assert_eq!(json["isBasedOn"]["datePublished"], serde_json::Value::Null);
    assert!(!page.contains("article:published_time"));
    let ris = fixture.citation("beta", "ris");
    assert!(!ris.contains("DA  - "), "{ris}");
    assert!(ris.contains("N1  - Date approximate\n"), "{ris}");
}

#[test]
fn citations_follow_chicago_names_quotes_and_dates_17() {
    let fixture = Fixture::from_dir("build/basic");
    let alpha = fixture
        .read("content/articles/alpha.toml")
        .replace(
            "title = \"He said \\\"no\\\" & <left>\"",
            "title = \"The “Jangmadang Generation” at the Border\"",
        )
        .replace(
            "authors = [\"A. Writer\"]",
            "authors = [\"ISHIMARU Jiro\", \"A. Writer\"]",
        );
    fixture.write("content/articles/alpha.toml", alpha);
    fixture.build().unwrap();
    let page = fixture.read("public/articles/alpha/index.html");
    assert_eq!(
        fragment(&page, "class=\"citation\">", ". Reproduced"),
        "class=\"citation\">Ishimaru, Jiro, and A. Writer. “The ‘Jangmadang Generation’ at the Border.” The Alpha Times, March 4, 2021. https://alpha.example.com/story"
    );
    let bib = fixture.citation("alpha", "bib");
    assert_eq!(
        fragment(&bib, "  author = {", "},"),
        "  author = {Ishimaru, Jiro and A. Writer"
    );
    let ris = fixture.citation("alpha", "ris");
    assert_eq!(
        fragment(&ris, "AU  - ", "\nPB"),
        "AU  - Ishimaru, Jiro\nAU  - A. Writer"
    );
    assert_eq!(
        fragment(&page, "<dt>By</dt>", "</div>"),
        "<dt>By</dt><dd>ISHIMARU Jiro, A. Writer</dd>",
        "the page names the authors as the text does"
    );
}
