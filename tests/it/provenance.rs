//! The "as copied" page (#12): each article's seed, every line, with what became of it and
//! why, so a reader can check that nothing was hidden or changed silently.

use shelf::build::{Cache, build_cached};
use shelf::serve::plan::ChangeKind;

use crate::Fixture;
use crate::serve::forget_changes;

const PAGE: &str = "public/articles/night-train/as-copied/index.html";
const SEED: &str = "seeds/night-train.txt";

/// The table row of line `number`, white space runs collapsed to one space.
fn row(page: &str, number: usize) -> String {
    let start = page
        .find(&format!("<tr id=\"line-{number}\""))
        .unwrap_or_else(|| panic!("no row for line {number} in {page}"));
    let end = start + page[start..].find("</tr>").expect("the row ends");
    page[start..end + "</tr>".len()]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_dropped_line_is_shown_with_its_rule_in_words() {
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.build().unwrap();
    let page = fixture.read(PAGE);
    assert_eq!(
        row(&page, 3),
        "<tr id=\"line-3\" class=\"dropped\"> <th scope=\"row\">3</th> \
         <td class=\"copied-text\">Share this article</td> <td class=\"fate\"><ul> \
         <li><strong>Dropped</strong>: a part of the original web page (a button, form, \
         sign-up or sharing label), not of the article <span class=\"rule\">(rule \
         <code>boilerplate-phrase</code>)</span></li> </ul></td> </tr>"
    );
    assert!(row(&page, 13).contains("<strong>Dropped</strong>"));
    // Blank lines are rows too, and the final newline is no line of its own.
    assert!(row(&page, 12).contains("(blank line)"));
    assert!(row(&page, 14).contains("(blank line)"));
    assert!(!page.contains("id=\"line-16\""));
}

#[test]
fn a_line_split_between_blocks_names_each_part() {
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.build().unwrap();
    let line = row(&fixture.read(PAGE), 15);
    assert!(
        line.starts_with("<tr id=\"line-15\" class=\"kept\">"),
        "{line}"
    );
    assert!(
        line.contains(
            "<li><strong>Dropped</strong> (the part “<span class=\"part\">river-view.JPG</span>”): \
             the file name of an image, stuck to the start of the line"
        ),
        "{line}"
    );
    assert!(
        line.contains(
            "<li><strong>Kept</strong> as a paragraph (the part “<span class=\"part\">The river \
             is wide and slow where the train crosses it.</span>”)"
        ),
        "{line}"
    );
}

#[test]
fn a_correction_shows_the_text_as_copied_the_correction_and_its_note() {
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.build().unwrap();
    let page = fixture.read(PAGE);
    assert_eq!(
        row(&page, 5),
        "<tr id=\"line-5\" class=\"kept\"> <th scope=\"row\">5</th> \
         <td class=\"copied-text\">The train leaves the capital at ten and reachs the border \
         town by dawn.</td> <td class=\"fate\"><ul> <li><strong>Kept</strong> as a paragraph: \
         running text <span class=\"rule\">(rule <code>paragraph</code>)</span></li> \
         <li><strong>Corrected</strong> by the editor (<code>[[corrections]] 1</code>): \
         “<del>reachs</del>” replaced by “<ins>reaches</ins>”. Note: a typing slip in the \
         original</li> <li>A reader sees: <q>The train leaves the capital at ten and reaches \
         the border town by dawn.</q></li> </ul></td> </tr>"
    );
}

#[test]
fn a_line_set_by_an_override_names_the_override_as_written() {
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.build().unwrap();
    let page = fixture.read(PAGE);
    let line = row(&page, 7);
    assert!(
        line.contains("<strong>Kept</strong> as a paragraph <strong>by the editor</strong>"),
        "{line}"
    );
    // As written: its white space is not collapsed (the structurer compares it collapsed).
    assert!(page.contains(
        "<code>[[structure.lines]] 1: prefix = &quot;ALL ABOARD   AT TEN&quot;, kind = &quot;paragraph&quot;</code>"
    ));
}

#[test]
fn seed_text_on_the_page_is_escaped_plain_text() {
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.build().unwrap();
    let page = fixture.read(PAGE);
    assert!(row(&page, 9).contains(
        "<td class=\"copied-text\">&lt;script&gt;alert(&quot;from the seed&quot;)&lt;/script&gt; was written"
    ));
    assert!(!page.contains("<script>alert"));
}

#[test]
fn the_article_links_to_it_and_the_sitemap_lists_it_but_feeds_and_search_do_not() {
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.build().unwrap();
    let article = fixture.read("public/articles/night-train/index.html");
    assert!(
        article.contains(
            "<a href=\"../../articles/night-train/as-copied/index.html\">The text as copied</a>"
        ),
        "{article}"
    );
    let sitemap = fixture.read("public/sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/articles/night-train/as-copied/</loc>"));
    assert!(!fixture.read("public/feed.xml").contains("as-copied"));
    for (path, bytes) in fixture.snapshot("public/search") {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("as-copied"),
            "search/{path} names the page"
        );
    }
}

#[test]
fn editing_the_seed_changes_the_page_in_a_rebuild() {
    let fixture = Fixture::from_dir("provenance/basic");
    let options = fixture.options();
    // Verifying: a page the memo would keep is rendered all the same, and a difference in
    // its bytes is an error, so a key that missed the edit fails the rebuild.
    let mut cache = Cache::for_rebuilds().verifying();
    build_cached(&options, &mut cache).unwrap();
    let before = fixture.read(PAGE);
    let seed = fixture.read(SEED).replace(
        "Share this article",
        "Share this article\n\nA new line, added later.",
    );
    fixture.write(SEED, seed);
    forget_changes(&mut cache, vec![(SEED, ChangeKind::Modified)]);
    build_cached(&options, &mut cache).unwrap();
    let after = fixture.read(PAGE);
    assert_ne!(before, after);
    assert!(row(&after, 5).contains("<td class=\"copied-text\">A new line, added later.</td>"));
    assert!(
        row(&after, 7).contains("reachs the border town"),
        "lines moved down"
    );
}

#[test]
fn a_theme_without_the_template_gets_the_default_one_with_a_warning() {
    let fixture = Fixture::from_dir("provenance/basic");
    std::fs::remove_file(
        fixture
            .root()
            .join("themes/default/templates/as_copied.html"),
    )
    .unwrap();
    let report = fixture.build().unwrap();
    let warning = report
        .warnings
        .iter()
        .map(ToString::to_string)
        .find(|w| w.contains("has no template `as_copied.html`"));
    assert!(
        warning.is_some_and(|w| w.contains("copy `templates/as_copied.html` from themes/default")),
        "{:?}",
        report.warnings
    );
    assert!(row(&fixture.read(PAGE), 3).contains("<strong>Dropped</strong>"));
}

#[test]
fn the_scorers_rules_are_given_in_words_issue_12() {
    // #12: lines the scorer drops (a recipe-card field, a plea to the reader) carry reasons
    // a reader follows, not just their rule's name. (The last line and the misspelling are
    // there for the fixture's override and correction.)
    let fixture = Fixture::from_dir("provenance/basic");
    fixture.write(
        SEED,
        "Night train to the coast\n\nPrep time: 10 minutes\n\nThe night train leaves the \
         city at ten and reachs the coast before dawn, running along the river for most of \
         the way.\nMost passengers sleep, but the dining car stays open until midnight for \
         those who do not.\n\nDid you ride it? Tell us about it in the comments below.\n\nALL ABOARD AT TEN\n",
    );
    fixture.build().unwrap();
    let page = fixture.read(PAGE);
    let field = row(&page, 3);
    assert!(
        field.contains(
            "<strong>Dropped</strong>: a field of the page’s metadata (a date, reference, \
             category or recipe card entry), not of the article <span class=\"rule\">(rule \
             <code>metadata-field</code>)</span>"
        ),
        "{field}"
    );
    let plea = row(&page, 8);
    assert!(
        plea.contains(
            "<strong>Dropped</strong>: it asks the reader to do something for the site \
             (follow, share, rate, subscribe) <span class=\"rule\">(rule \
             <code>call-to-action</code>)</span>"
        ),
        "{plea}"
    );
}

/// Every rule the structurer fires on the labelled pages and the seeds has its own words on
/// the as-copied page, in every shipped language: a new rule (or the learned model's, now
/// that its revisions are on) must not reach readers as the generic "reads as a paragraph".
/// The rules are collected by structuring the pages, so the list cannot go stale.
#[test]
fn every_rule_fired_on_the_labelled_pages_has_words_in_every_language() {
    use shelf::parse::text::{StructureRules, structure_text};
    use shelf::view::strings::{ENGLISH, JAPANESE, KOREAN};
    let root = crate::project_root();
    let mut fired = std::collections::BTreeSet::new();
    let mut pages = 0;
    for dir in [root.join("tests/fixtures/structure"), root.join("seeds")] {
        for entry in walkdir::WalkDir::new(dir) {
            let path = entry.unwrap().into_path();
            if path.extension().is_none_or(|e| e != "txt") {
                continue;
            }
            let raw = std::fs::read_to_string(&path).unwrap();
            let (document, _) = structure_text(&raw, &StructureRules::default());
            pages += 1;
            for line in document.classify_lines() {
                fired.insert(line.rule);
            }
        }
    }
    assert!(pages > 200, "{pages} pages");
    assert!(
        fired.contains("post-header") && fired.contains("learned-chrome"),
        "{fired:?}"
    );
    let missing: Vec<(&str, &str)> = fired
        .iter()
        .flat_map(|rule| {
            [("en", ENGLISH), ("ko", KOREAN), ("ja", JAPANESE)]
                .into_iter()
                .filter(|(_, strings)| strings.as_copied.reason(rule).is_none())
                .map(move |(language, _)| (*rule, language))
        })
        .collect();
    assert!(missing.is_empty(), "rules without words: {missing:?}");
}
