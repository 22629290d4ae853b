//! Every internal link and asset reference resolves to a file in the output, at the root,
//! under a sub-path, and from disk (which is what relative links with `index.html` give).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::Fixture;

/// Pulls `href="…"` and `src="…"` values out of HTML (quoted or, after minification, not).
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["href=", "src="] {
        let mut rest = html;
        while let Some(start) = rest.find(attribute) {
            rest = &rest[start + attribute.len()..];
            let value = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next().unwrap_or_default(),
                _ => rest
                    .split(|c: char| c.is_whitespace() || c == '>')
                    .next()
                    .unwrap_or_default(),
            };
            found.push(value.replace("&amp;", "&"));
        }
    }
    found
}

fn resolve(page: &Path, reference: &str) -> PathBuf {
    let without_fragment = reference.split('#').next().unwrap_or_default();
    let mut path: PathBuf = page.parent().unwrap().to_path_buf();
    for component in Path::new(without_fragment).components() {
        match component {
            Component::ParentDir => {
                assert!(
                    path.pop(),
                    "{reference} from {} leaves the site",
                    page.display()
                );
            }
            Component::Normal(name) => path.push(name),
            _ => {}
        }
    }
    path
}

/// Checks every relative reference of every HTML page; returns how many were checked.
fn check_internal_links(fixture: &Fixture) -> usize {
    let files: BTreeSet<PathBuf> = fixture
        .snapshot("public")
        .into_iter()
        .map(|(name, _)| PathBuf::from(name))
        .collect();
    let mut checked = 0;
    for page in files
        .iter()
        .filter(|f| f.extension().is_some_and(|e| e == "html"))
    {
        if page == Path::new("404.html") {
            continue;
        }
        let html = fixture.read(&format!("public/{}", page.display()));
        for reference in references(&html) {
            if reference.starts_with("http")
                || reference.starts_with("mailto:")
                || reference.starts_with("data:")
                || reference.starts_with('#')
            {
                continue;
            }
            assert!(
                !reference.starts_with('/'),
                "root-relative link {reference} in {}",
                page.display()
            );
            assert!(
                !reference.ends_with('/'),
                "directory link {reference} in {} breaks from disk",
                page.display()
            );
            let target = resolve(page, &reference);
            assert!(
                files.contains(&target),
                "{} links to missing {reference}",
                page.display()
            );
            checked += 1;
        }
    }
    checked
}

#[test]
fn every_internal_link_of_a_fixture_resolves() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    assert!(check_internal_links(&fixture) > 50);
}

#[test]
fn every_internal_link_of_the_real_collection_resolves() {
    let fixture = Fixture::collection();
    fixture.build().unwrap();
    assert!(check_internal_links(&fixture) > 100);
}

#[test]
fn the_404_page_links_under_the_base_path() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let html = fixture.read("public/404.html");
    let references = references(&html);
    let internal: Vec<&String> = references
        .iter()
        .filter(|r| !r.starts_with("http") && !r.starts_with('#'))
        .collect();
    assert!(!internal.is_empty());
    assert!(
        internal.iter().all(|r| r.starts_with("/reading/")),
        "{internal:?}"
    );
}

/// #16: opened from disk, the 404 page's links from the site's path would lead to the disk's
/// root; its script points them at the files beside it. What the script makes of each link
/// (the site's path cut off, as in the template) names a file of the build, read from
/// `public/404.html`.
#[test]
fn the_404_page_reaches_home_and_its_assets_from_disk_16() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let html = fixture.read("public/404.html");
    let script = html
        .split("<script data-shelf-root=\"/reading/\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .expect("the from-disk script, with the site's path");
    assert!(
        script.contains(r#"location.protocol === "file:""#),
        "{script}"
    );
    assert!(script.contains("value.slice(root.length)"), "{script}");
    let public = fixture.root().join("public");
    let mut checked = Vec::new();
    for reference in references(&html) {
        let Some(from_disk) = reference.strip_prefix("/reading/") else {
            continue;
        };
        let from_disk = if from_disk.is_empty() {
            "index.html"
        } else {
            from_disk
        };
        let target = resolve(Path::new("404.html"), from_disk);
        assert!(
            public.join(&target).is_file(),
            "{reference} -> {}",
            target.display()
        );
        checked.push(from_disk.to_string());
    }
    for needed in ["index.html", "topics/index.html", "feed.xml"] {
        assert!(
            checked.iter().any(|c| c == needed),
            "{needed} not linked: {checked:?}"
        );
    }
    assert!(checked.iter().any(|c| c.ends_with(".css")), "{checked:?}");
}

mod crossrefs {
    use crate::Fixture;

    fn built() -> Fixture {
        let fixture = Fixture::from_dir("links/crossrefs");
        fixture.build().unwrap();
        fixture
    }

    /// The related-article list of an article page, as (path, reason) pairs, in order.
    fn related(fixture: &Fixture, slug: &str) -> Vec<String> {
        let html = fixture.read(&format!("public/articles/{slug}/index.html"));
        let Some(start) = html.find("id=\"related-heading\"") else {
            return Vec::new();
        };
        let section = &html[start
            ..html[start..]
                .find("</section>")
                .map_or(html.len(), |end| start + end)];
        section
            .split("<li><a href=\"../../articles/")
            .skip(1)
            .map(|item| item.split('/').next().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn related_articles_rank_shared_entities_and_wording_above_a_shared_topic_alone() {
        let fixture = built();
        assert_eq!(
            related(&fixture, "river-one"),
            ["river-two", "border-three"]
        );
        assert_eq!(
            related(&fixture, "kitchen"),
            Vec::<String>::new(),
            "shares nothing"
        );
        let page = fixture.read("public/articles/river-one/index.html");
        assert!(
            page.contains("Also about: Border. Also mentions: Hoeryong."),
            "the reason is given"
        );
    }

    #[test]
    fn entity_pages_list_mentioning_articles_with_the_sentence() {
        let fixture = built();
        let page = fixture.read("public/entities/hoeryong/index.html");
        assert!(page.contains("Mentioned in 2 articles"));
        assert!(
            page.contains("<p>The guards crossed the Tumen River near Hoeryong in winter.</p>")
        );
        assert!(page.contains("Also written: Hoiryeong"));
        let index = fixture.read("public/entities/index.html");
        assert!(index.contains("<h2 id=\"kind-place\">Places</h2>"));
    }

    #[test]
    fn timeline_is_chronological_and_articles_show_their_events() {
        let fixture = built();
        let timeline = fixture.read("public/timeline/index.html");
        let range = timeline.find("A long range").unwrap();
        let second = timeline.find("Second report").unwrap();
        assert!(range < second, "1959 before 2011");
        assert!(
            timeline.contains(
                "<time datetime=\"1959\">1959</time>–<time datetime=\"1984\">1984</time>"
            )
        );
        assert!(timeline.contains("<em>decades</em>"));
        let article = fixture.read("public/articles/river-two/index.html");
        assert!(article.contains("<span class=\"when\">1959–1984</span> A long range"));
        assert!(article.contains("<span class=\"when\">2011</span> Second report"));
    }

    #[test]
    fn chart_directive_draws_an_accessible_svg_with_its_table() {
        let fixture = built();
        let article = fixture.read("public/articles/river-one/index.html");
        assert!(article.contains(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 640 320\" role=\"img\""
        ));
        assert!(article.contains("<desc id=\"chart-arrivals-svg-desc\">Arrivals. 2009: 2,914 people; 2021: 63 people.</desc>"));
        assert!(article.contains("<th scope=\"row\">2021</th><td>63</td><td>Low</td>"));
        assert!(!article.contains("```chart"));
    }

    #[test]
    fn series_box_links_parts_in_the_collection_and_originals_outside_it() {
        let fixture = built();
        let article = fixture.read("public/articles/river-one/index.html");
        assert!(
            article.contains("<strong aria-current=\"page\">River one</strong> (this article)")
        );
        assert!(
            article.contains("<a href=\"../../articles/river-two/index.html\">River two</a>"),
            "in the collection"
        );
        assert!(
            article.contains(
                "River three <span class=\"not-collected\">(not in this collection)</span>"
            )
        );
    }

    #[test]
    fn a_chart_naming_no_data_figure_is_an_error() {
        let fixture = Fixture::from_dir("links/crossrefs");
        let text = fixture
            .read("content/articles/river-one.toml")
            .replace("arrivals\n```", "arrivls\n```");
        fixture.write("content/articles/river-one.toml", text);
        let error = fixture.build().unwrap_err().to_string();
        assert!(
            error.contains(
                "error: chart `arrivls` names no data figure\n  --> content/articles/river-one.toml:10:1"
            ),
            "{error}"
        );
    }

    #[test]
    fn check_reports_dangling_timeline_references_and_shared_aliases() {
        let fixture = Fixture::from_dir("links/crossrefs");
        let timeline = fixture
            .read("content/timeline.toml")
            .replace("articles = [\"river-two\"]", "articles = [\"river-tw\"]");
        fixture.write("content/timeline.toml", timeline);
        let entities = fixture.read("content/entities.toml").replace(
            "aliases = [\"Tumen\"]",
            "aliases = [\"Tumen\", \"Hoiryeong\"]",
        );
        fixture.write("content/entities.toml", entities);
        let (code, _, stderr) = crate::run_shelf(&fixture, &["check"]);
        assert_eq!(code, 1);
        assert!(stderr.contains("error: `Hoiryeong` names two entities, `hoeryong` and `tumen-river`\n  --> content/entities.toml:10:21"), "{stderr}");
        assert!(
            stderr.contains(
                "error: event cites unknown article `river-tw`\n --> content/timeline.toml:4:13"
            ),
            "{stderr}"
        );
        assert!(
            stderr.contains("= help: did you mean `river-two`?"),
            "{stderr}"
        );
    }

    #[test]
    fn only_the_first_body_mention_of_each_entity_links_to_its_page() {
        let fixture = built();
        let page = fixture.read("public/articles/river-one/index.html");
        let hoeryong = "<a class=\"entity-link\" href=\"../../entities/hoeryong/index.html\">";
        assert_eq!(page.matches(hoeryong).count(), 1, "first mention only");
        assert!(page.contains("the <a class=\"entity-link\" href=\"../../entities/tumen-river/index.html\">Tumen River</a> near"));
        assert!(
            page.contains(&format!("near {hoeryong}Hoeryong</a> in winter")),
            "the longest name wins"
        );
        assert!(
            page.contains("Later the Tumen froze again."),
            "a second mention, by an alias, is not linked"
        );
        assert!(
            page.contains("Nobody mentions Tumenskaya here."),
            "whole words only"
        );
        assert!(
            page.contains(">Hoeryong at night</h2>"),
            "never inside a heading, and the marker is not shown"
        );
        assert!(
            page.contains(
                r#"<figcaption><span class="photo-placeholder">Photo not reproduced:</span> Hoeryong (ASIAPRESS)"#
            ),
            "never inside a caption"
        );
    }

    #[test]
    fn a_heading_mention_counts_for_the_entity_page_but_is_not_linked() {
        let fixture = Fixture::from_dir("links/crossrefs");
        fixture.write(
            "seeds/kitchen.txt",
            "◆ Bread from Hoeryong\n\nA recipe for bread.\n",
        );
        fixture.build().unwrap();
        assert!(
            fixture
                .read("public/entities/hoeryong/index.html")
                .contains("Mentioned in 3 articles")
        );
        assert!(
            !fixture
                .read("public/articles/kitchen/index.html")
                .contains("entity-link")
        );
    }
}
