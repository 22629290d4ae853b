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

use shelf::build::{Cache, build, build_cached};
use shelf::serve::plan::ChangeKind;

use crate::serve::forget_changes;
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

/// A generated collection of `articles` (no Hugo twin), its `site.toml` passed through
/// `site`.
pub(crate) fn generated(
    articles: usize,
    seed: u64,
    site: impl FnOnce(String) -> String,
) -> Fixture {
    let fixture = Fixture::empty();
    let root = fixture.root();
    let mut options = options(root, articles, seed);
    options.hugo = None;
    generate(&options).unwrap();
    let text = std::fs::read_to_string(root.join("site.toml")).unwrap();
    std::fs::write(root.join("site.toml"), site(text)).unwrap();
    fixture
}

/// One edit of the random sequence below: what it changed, as the watcher would report it.
pub(crate) fn random_edit(
    root: &Path,
    step: usize,
    random: &mut u64,
) -> (String, Vec<(String, ChangeKind)>) {
    let mut next = |bound: usize| {
        *random = random
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((*random >> 33) as usize) % bound
    };
    let articles: Vec<String> = std::fs::read_dir(root.join("content/articles"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".toml"))
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .collect();
    let name = &articles[next(articles.len())];
    let path = format!("content/articles/{name}");
    let text = std::fs::read_to_string(root.join(&path)).unwrap();
    let replace_line = |text: &str, key: &str, line: &str| -> String {
        text.lines()
            .map(|l| if l.starts_with(key) { line } else { l })
            .collect::<Vec<_>>()
            .join("\n")
            + "\n"
    };
    let modified = |path: &str| vec![(path.to_string(), ChangeKind::Modified)];
    let write = |path: &str, text: String| std::fs::write(root.join(path), text).unwrap();
    match next(8) {
        0 => {
            write(
                &path,
                text.replacen("title = \"", &format!("title = \"Edit {step} "), 1),
            );
            (format!("retitle {name}"), modified(&path))
        }
        1 => {
            let date = format!("published = \"{}-{:02}\"", 1990 + next(35), 1 + next(12));
            write(&path, replace_line(&text, "published = ", &date));
            (format!("redate {name}"), modified(&path))
        }
        2 => {
            let topics = std::fs::read_to_string(root.join("content/topics.toml")).unwrap();
            let slugs: Vec<&str> = topics
                .lines()
                .filter_map(|l| l.strip_prefix('[')?.strip_suffix(']'))
                .collect();
            let line = format!("topics = [\"{}\"]", slugs[next(slugs.len())]);
            write(&path, replace_line(&text, "topics = ", &line));
            (format!("refile {name}"), modified(&path))
        }
        3 => {
            let seed = text
                .lines()
                .find_map(|l| l.strip_prefix("seed = \"")?.strip_suffix('"'))
                .unwrap()
                .to_string();
            let seed_path = format!("seeds/{seed}");
            let mut body = std::fs::read_to_string(root.join(&seed_path)).unwrap();
            let words = ["Hoeryong", "the river", "smuggling", "markets", "guards"];
            body = body.replacen(
                "\n\n",
                &format!("\n\nStep {step} adds {}.\n\n", words[next(5)]),
                1,
            );
            write(&seed_path, body);
            (format!("edit the seed of {name}"), modified(&seed_path))
        }
        4 => {
            let copy = format!("content/articles/b{step:03}-copy.toml");
            write(&copy, text.replacen("title = \"", "title = \"Copy ", 1));
            (format!("copy {name}"), vec![(copy, ChangeKind::Created)])
        }
        5 => {
            let summary = format!("summary = \"Summary {step}: rewritten by the editor.\"");
            write(&path, replace_line(&text, "summary = ", &summary));
            (format!("summarize {name}"), modified(&path))
        }
        6 => {
            let entities = std::fs::read_to_string(root.join("content/entities.toml")).unwrap();
            let count = entities.matches("aliases = []").count().max(1);
            let nth = next(count);
            let mut seen = 0;
            let edited: Vec<String> = entities
                .lines()
                .map(|l| {
                    if l == "aliases = []" {
                        seen += 1;
                        if seen == nth + 1 {
                            return format!("aliases = [\"Alias {step}\"]");
                        }
                    }
                    l.to_string()
                })
                .collect();
            write("content/entities.toml", edited.join("\n") + "\n");
            (
                "add an alias".to_string(),
                modified("content/entities.toml"),
            )
        }
        _ => {
            let timeline = std::fs::read_to_string(root.join("content/timeline.toml")).unwrap();
            let slug = name.trim_end_matches(".toml");
            write(
                "content/timeline.toml",
                format!(
                    "{timeline}\n[[events]]\ndate = \"2001\"\ntitle = \"Step {step}\"\narticles = [\"{slug}\"]\n"
                ),
            );
            (
                "add an event".to_string(),
                modified("content/timeline.toml"),
            )
        }
    }
}

#[test]
fn random_edits_rebuild_exactly_what_a_full_build_gives() {
    // Short pages, so that edits move articles between the pages of a list.
    let fixture = generated(16, 4, |site| format!("per_page = 3\n{site}"));
    let root = fixture.root();
    let into = |output: &Path| {
        let mut build = fixture.options();
        build.overrides.output = Some(output.to_path_buf());
        build
    };
    let incremental = root.join("incremental");
    // A verifying cache renders every page it would keep and fails the build if any
    // changed: a page whose key leaves out something its view reads is caught here.
    let mut cache = Cache::for_rebuilds().verifying();
    build_cached(&into(&incremental), &mut cache).unwrap();
    let mut random = 4;
    let mut kept = 0;
    for step in 0..18 {
        let (name, changes) = random_edit(root, step, &mut random);
        forget_changes(&mut cache, changes);
        let report = build_cached(&into(&incremental), &mut cache);
        let report = report.unwrap_or_else(|e| panic!("step {step}, `{name}`: {e}"));
        kept += report.kept_count;
        if step % 6 == 5 {
            let full = root.join(format!("full-{step}"));
            build(&into(&full)).unwrap();
            assert!(
                files_under(&incremental) == files_under(&full),
                "step {step}, `{name}`: the incremental output differs from a full build"
            );
        }
    }
    assert!(kept > 18 * 100, "pages were kept only {kept} times");
}

/// The related-articles links of every article page, in order.
fn related_links(public: &Path) -> Vec<(String, Vec<String>)> {
    files_under(public)
        .into_iter()
        .filter(|(name, _)| name.starts_with("articles/") && name.ends_with("/index.html"))
        .map(|(name, bytes)| {
            let page = String::from_utf8(bytes).unwrap();
            let section = page
                .split("<section class=\"related\"")
                .nth(1)
                .map(|rest| rest.split("</section>").next().unwrap_or_default())
                .unwrap_or_default();
            let links = section
                .split("href=\"")
                .skip(1)
                .filter_map(|rest| rest.split('"').next().map(String::from))
                .collect();
            (name, links)
        })
        .collect()
}

#[test]
fn rewording_a_summary_moves_no_related_article() {
    let fixture = generated(16, 5, |site| {
        site.replace("minify = true", "minify = false")
    });
    let root = fixture.root();
    fixture.build().unwrap();
    let before = related_links(&root.join("public"));
    assert!(before.iter().any(|(_, links)| links.len() > 1));
    // Every article's summary takes the words of another article's text.
    let articles = root.join("content/articles");
    let mut names: Vec<_> = std::fs::read_dir(&articles)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    let seeds: Vec<String> = std::fs::read_dir(root.join("seeds"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    for (path, seed) in names.iter().zip(seeds.iter().rev()) {
        let words: String = seed
            .split_whitespace()
            .filter(|w| w.chars().all(char::is_alphabetic))
            .take(1000)
            .collect::<Vec<_>>()
            .join(" ");
        let text = std::fs::read_to_string(path).unwrap();
        let edited: String = text
            .lines()
            .map(|l| {
                if l.starts_with("summary = ") {
                    format!("summary = \"{words}\"")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        std::fs::write(path, edited + "\n").unwrap();
    }
    fixture.build().unwrap();
    assert_eq!(related_links(&root.join("public")), before);
}
