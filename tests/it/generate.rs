//! The benchmark generator, `examples/generate` (issue 7): the same seed gives the same bytes,
//! a generated collection checks and builds without warnings, and the structurer fires exactly
//! the rules the generator meant.
//!
//! The example is compiled into this binary as a module, so its logic is tested without
//! running cargo from a test; its `main` is unused here.

#[allow(dead_code)]
#[path = "../../examples/generate/main.rs"]
mod example;

use std::path::Path;

use crate::{Fixture, files_under, run_shelf};
use example::{MARKER, Options, generate};

fn options(out: &Path, articles: usize, seed: u64) -> Options {
    Options {
        articles,
        seed,
        out: out.to_path_buf(),
        hugo: Some(out.with_extension("hugo")),
        hugo_related: true,
        verify: false,
    }
}

#[test]
fn same_seed_gives_the_same_bytes_and_another_seed_differs() {
    let dir = tempfile::tempdir().unwrap();
    let tree = |name: &str, seed: u64| {
        let out = dir.path().join(name);
        generate(&options(&out, 30, seed)).unwrap();
        (files_under(&out), files_under(&out.with_extension("hugo")))
    };
    let first = tree("first", 1);
    let again = tree("again", 1);
    let other = tree("other", 2);
    assert!(first.0.len() > 100 && first.1.len() > 30);
    assert!(first == again, "seed 1 gave two different trees");
    assert!(
        first.0 != other.0 && first.1 != other.1,
        "seeds 1 and 2 gave the same tree"
    );
    // A folder the generator wrote is replaced, with the same result.
    assert_eq!(tree("first", 1), first);
}

#[test]
fn refuses_a_folder_it_did_not_generate() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let error = generate(&options(dir.path(), 3, 1)).unwrap_err();
    assert!(
        error
            .to_string()
            .contains(&format!("holds no `{MARKER}` file")),
        "{error}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn a_generated_collection_checks_and_builds_without_warnings() {
    let fixture = Fixture::empty();
    // Seed 2's thirty articles hold every kind of override (`[[structure.lines]]`, `cut_at`,
    // `show_comments`, corrections replaced and `sic`), reader comments and a byte order mark.
    let mut options = options(fixture.root(), 30, 2);
    options.hugo = None;
    generate(&options).unwrap();
    let (code, stdout, stderr) = run_shelf(&fixture, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.contains("30 articles") && stdout.contains("0 warnings"),
        "{stdout}{stderr}"
    );
    let (code, stdout, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("(30 articles, 40 topics)"), "{stdout}");
    let pages = files_under(&fixture.root().join("public"));
    let entity_pages = pages
        .iter()
        .filter(|(name, _)| {
            name.starts_with("entities/")
                && name.ends_with("/index.html")
                && name != "entities/index.html"
        })
        .count();
    assert_eq!(
        entity_pages, 300,
        "every entity is mentioned, so every one has a page"
    );
}

#[test]
fn the_structurer_fires_the_rules_the_generator_meant() {
    let dir = tempfile::tempdir().unwrap();
    let mut options = options(&dir.path().join("site"), 300, 7);
    options.hugo = None;
    options.verify = true;
    let report = generate(&options).unwrap();
    assert_eq!(report.mismatches, Vec::<String>::new());
    let fired: Vec<&str> = report.rules.keys().copied().collect();
    assert_eq!(
        fired,
        [
            "boilerplate-phrase",
            "byline",
            "caption-toggle",
            "comment-header",
            "comment-tail",
            "credit-pattern",
            "dateline",
            "duplicate-caption",
            "glued-filename",
            "indented-quotation",
            "list-marker",
            "pagination",
            "paragraph",
            "quote-marker",
            "section-marker",
            "series-listing",
            "title-like",
            "trailing-byline",
        ]
    );
}
