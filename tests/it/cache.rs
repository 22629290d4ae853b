//! The build cache on disk (#15): a build with nothing changed does not run, any change to an
//! input, the output or the cache itself makes a full build, and what a build leaves is
//! byte for byte what a build without the cache leaves.

use std::path::{Path, PathBuf};

use shelf::build::{BuildReport, CacheUse, build_with};
use shelf::link::LinkWork;

use crate::{Fixture, files_under, run_shelf};

/// The cache's manifest of a fixture built into `public/`.
fn manifest_of(fixture: &Fixture) -> PathBuf {
    fixture.root().join(".public.shelf/cache/manifest")
}

fn build(fixture: &Fixture) -> BuildReport {
    build_with(&fixture.options(), CacheUse::Use).unwrap()
}

/// Builds the fixture as it is now into a folder of its own without any cache, and asserts
/// that `public/` holds exactly the same files and bytes.
fn assert_same_as_a_full_build(fixture: &Fixture, step: &str) {
    let full = fixture
        .root()
        .join(format!("full-{}", step.replace(' ', "-")));
    let mut options = fixture.options();
    options.overrides.output = Some(full.clone());
    let report = build_with(&options, CacheUse::Bypass).unwrap();
    assert!(!report.is_up_to_date);
    assert!(
        files_under(&fixture.root().join("public")) == files_under(&full),
        "after `{step}` the output differs from a full build"
    );
    std::fs::remove_dir_all(&full).unwrap();
    std::fs::remove_dir_all(fixture.root().join(format!(
        ".{}.shelf",
        full.file_name().unwrap().to_string_lossy()
    )))
    .unwrap();
}

#[test]
fn a_build_with_nothing_changed_does_not_run_and_reports_the_last_one() {
    let fixture = Fixture::from_dir("build/basic");
    let first = build(&fixture);
    assert!(!first.is_up_to_date);
    let before = fixture.snapshot("public");
    let second = build(&fixture);
    assert!(second.is_up_to_date, "the second build ran");
    assert_eq!(
        (second.page_count, second.article_count, second.topic_count),
        (first.page_count, first.article_count, first.topic_count)
    );
    assert_eq!(second.write.written, 0);
    assert_eq!(
        second.write.unchanged,
        first.write.written + first.write.unchanged
    );
    let messages = |report: &BuildReport| -> Vec<String> {
        report.warnings.iter().map(|w| w.message.clone()).collect()
    };
    assert_eq!(messages(&second), messages(&first));
    assert_eq!(fixture.snapshot("public"), before);
}

/// A change made to the project at this root.
type Edit = Box<dyn Fn(&Path)>;

/// Each edit a user or a tool could make, and what it changes.
fn edits() -> Vec<(&'static str, Edit)> {
    let append = |path: &'static str, text: &'static str| -> Edit {
        Box::new(move |root: &Path| {
            let old = std::fs::read_to_string(root.join(path)).unwrap();
            std::fs::write(root.join(path), format!("{old}{text}")).unwrap();
        })
    };
    vec![
        // Same length as the original first letter: only the bytes and times differ.
        (
            "one letter of a seed",
            Box::new(|root: &Path| {
                let path = root.join("seeds/alpha.txt");
                let text = std::fs::read_to_string(&path).unwrap();
                std::fs::write(&path, text.replacen("The first", "Tha first", 1)).unwrap();
            }),
        ),
        (
            "a comment in an article's metadata",
            append("content/articles/beta.toml", "\n# a comment\n"),
        ),
        (
            "a new article",
            Box::new(|root: &Path| {
                std::fs::write(root.join("seeds/gamma.txt"), "Gamma, a third text.\n").unwrap();
                std::fs::write(
                    root.join("content/articles/gamma.toml"),
                    "seed = \"gamma.txt\"\ntitle = \"Gamma\"\npublished = \"2020-01\"\n\
                     topics = [\"rivers\"]\nsummary = \"Gamma.\"\n",
                )
                .unwrap();
            }),
        ),
        (
            "a deleted article",
            Box::new(|root: &Path| {
                std::fs::remove_file(root.join("content/articles/gamma.toml")).unwrap();
            }),
        ),
        (
            "a template",
            append("themes/default/templates/article.html", "\n"),
        ),
        ("the site's title", {
            Box::new(|root: &Path| {
                let path = root.join("site.toml");
                let text = std::fs::read_to_string(&path).unwrap();
                let edited = text.replacen("title = \"", "title = \"New: ", 1);
                assert_ne!(text, edited);
                std::fs::write(&path, edited).unwrap();
            })
        }),
        (
            "a page",
            append("content/pages/about.md", "\nOne more line.\n"),
        ),
        ("an output file removed", {
            Box::new(|root: &Path| std::fs::remove_file(root.join("public/index.html")).unwrap())
        }),
        ("an output file replaced by a rename", {
            Box::new(|root: &Path| replace_by_rename(&root.join("public/index.html")))
        }),
        ("an output file edited in place", {
            Box::new(|root: &Path| edit_in_place(&root.join("public/feed.xml")))
        }),
    ]
}

#[test]
fn every_change_to_an_input_or_the_output_builds_again_as_a_full_build_would() {
    let fixture = Fixture::from_dir("build/basic");
    build(&fixture);
    for (name, edit) in edits() {
        edit(fixture.root());
        let report = build(&fixture);
        assert!(!report.is_up_to_date, "`{name}` did not build again");
        assert_same_as_a_full_build(&fixture, name);
        assert!(
            build(&fixture).is_up_to_date,
            "nothing changed after `{name}`, yet the build ran"
        );
    }
}

#[test]
fn a_flag_or_a_new_output_folder_builds_again() {
    let fixture = Fixture::from_dir("build/basic");
    build(&fixture);
    let mut drafts = fixture.options();
    drafts.overrides.include_drafts = true;
    assert!(!build_with(&drafts, CacheUse::Use).unwrap().is_up_to_date);
    assert!(!build(&fixture).is_up_to_date, "the drafts build was kept");
    std::fs::rename(fixture.root().join("public"), fixture.root().join("moved")).unwrap();
    assert!(!build(&fixture).is_up_to_date);
}

#[test]
fn a_torn_altered_or_foreign_cache_means_a_full_build_with_a_correct_site() {
    let fixture = Fixture::from_dir("build/basic");
    build(&fixture);
    let whole = std::fs::read(manifest_of(&fixture)).unwrap();
    let mut altered = whole.clone();
    let middle = altered.len() / 2;
    altered[middle] ^= 0x55;
    let mut foreign = whole.clone();
    // The format number follows the eight bytes of the file's mark.
    foreign[8] = foreign[8].wrapping_add(1);
    let cases: [(&str, &[u8]); 4] = [
        ("torn", &whole[..whole.len() / 3]),
        ("altered", &altered),
        ("of another format", &foreign),
        ("empty", b""),
    ];
    for (name, bytes) in cases {
        // Each case starts from a site built after an edit, with its cache whole.
        let about = fixture.read("content/pages/about.md");
        fixture.write(
            "content/pages/about.md",
            format!("{about}\nAbout, {name}.\n"),
        );
        build(&fixture);
        std::fs::write(manifest_of(&fixture), bytes).unwrap();
        let report = build(&fixture);
        assert!(!report.is_up_to_date, "a cache {name} was trusted");
        assert_same_as_a_full_build(&fixture, name);
        assert!(
            build(&fixture).is_up_to_date,
            "no cache recorded after {name}"
        );
    }
}

#[test]
fn no_cache_neither_reads_nor_keeps_it_and_clean_starts_it_again() {
    let fixture = Fixture::from_dir("build/basic");
    let (code, stdout, _) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0);
    assert!(stdout.starts_with("built "), "{stdout}");
    let (_, stdout, _) = run_shelf(&fixture, &["build"]);
    assert!(
        stdout.starts_with("nothing changed since the last build: kept "),
        "{stdout}"
    );
    let (_, stdout, _) = run_shelf(&fixture, &["build", "--no-cache"]);
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(!manifest_of(&fixture).exists());
    let (_, stdout, _) = run_shelf(&fixture, &["build"]);
    assert!(stdout.starts_with("built "), "{stdout}");
    let (_, stdout, _) = run_shelf(&fixture, &["build", "--clean"]);
    assert!(stdout.starts_with("built "), "{stdout}");
    assert!(manifest_of(&fixture).exists());
    let (_, stdout, _) = run_shelf(&fixture, &["build"]);
    assert!(stdout.starts_with("nothing changed"), "{stdout}");
    let (code, _, stderr) = run_shelf(&fixture, &["build", "--clean", "--no-cache"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn the_cache_lives_beside_the_output_never_among_the_sources() {
    let fixture = Fixture::from_dir("build/basic");
    build(&fixture);
    assert!(manifest_of(&fixture).is_file());
    for dir in ["seeds", "content", "themes", "public"] {
        let names: Vec<String> = files_under(&fixture.root().join(dir))
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        assert!(
            !names.iter().any(|name| name.contains("cache")),
            "{dir}: {names:?}"
        );
    }
}

#[test]
fn verifying_builds_what_the_cache_kept_and_finds_nothing_to_write() {
    let fixture = Fixture::from_dir("build/basic");
    let verify = || {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_shelf"))
            .arg("build")
            .env("SHELF_VERIFY_MEMO", "1")
            .current_dir(fixture.root())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        stdout
    };
    let (code, _, _) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0);
    for (name, edit) in edits() {
        edit(fixture.root());
        let (code, stdout, _) = run_shelf(&fixture, &["build"]);
        assert_eq!(code, 0);
        assert!(stdout.starts_with("built "), "`{name}`: {stdout}");
        // The cache calls the output up to date; the full build run to check that wrote
        // nothing, and it records the cache again.
        let stdout = verify();
        assert!(stdout.contains("(0 written, "), "`{name}`: {stdout}");
        assert!(stdout.contains(", 0 removed)"), "`{name}`: {stdout}");
        let (_, stdout, _) = run_shelf(&fixture, &["build"]);
        assert!(stdout.starts_with("nothing changed"), "`{name}`: {stdout}");
    }
}

/// Rewrites the file at `path` in place (the same inode, so also every hard link to it) with
/// other bytes of the same size, a second later than it was.
fn edit_in_place(path: &Path) {
    let old = std::fs::read(path).unwrap();
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    let flipped: Vec<u8> = old
        .iter()
        .map(|b| {
            if b.is_ascii_lowercase() {
                b.to_ascii_uppercase()
            } else {
                *b
            }
        })
        .collect();
    assert_ne!(old, flipped, "{} has no letter to change", path.display());
    let file = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    std::io::Write::write_all(&mut &file, &flipped).unwrap();
    file.set_modified(modified + std::time::Duration::from_secs(1))
        .unwrap();
}

/// Replaces the file at `path` by a rename of a new file holding other bytes.
fn replace_by_rename(path: &Path) {
    let beside = path.with_extension("new");
    std::fs::write(&beside, "not what shelf wrote").unwrap();
    std::fs::rename(&beside, path).unwrap();
}

#[test]
fn a_build_restores_output_files_edited_in_place_or_replaced_issue_15() {
    let fixture = Fixture::from_dir("build/basic");
    build(&fixture);
    let built = files_under(&fixture.root().join("public"));
    // Twice: the second round starts from a spare tree that holds the first round's edited
    // file (the old live folder), and one whose copy was edited through a hard link.
    for round in 0..2 {
        edit_in_place(&fixture.root().join("public/index.html"));
        replace_by_rename(&fixture.root().join("public/feed.xml"));
        assert_ne!(files_under(&fixture.root().join("public")), built);
        let report = build(&fixture);
        assert!(!report.is_up_to_date);
        assert_eq!(report.write.written, 2, "round {round}");
        assert!(
            files_under(&fixture.root().join("public")) == built,
            "round {round}: the edited files were not restored"
        );
        // An edit of an input makes the next build run; it must not bring an edited file
        // back from the spare tree.
        let about = fixture.read("content/pages/about.md");
        fixture.write(
            "content/pages/about.md",
            format!("{about}\nRound {round}.\n"),
        );
        build(&fixture);
        assert_same_as_a_full_build(&fixture, &format!("round {round}"));
        fixture.write("content/pages/about.md", about);
        build(&fixture);
        assert!(files_under(&fixture.root().join("public")) == built);
    }
    // Without the cache's stamps (`--no-cache`), the bytes are compared.
    edit_in_place(&fixture.root().join("public/index.html"));
    let report = build_with(&fixture.options(), CacheUse::Bypass).unwrap();
    assert_eq!(report.write.written, 1);
    assert!(files_under(&fixture.root().join("public")) == built);
}

#[test]
fn a_build_after_an_edit_renders_only_the_files_that_show_it_issue_15() {
    let fixture = Fixture::from_dir("build/basic");
    let first = build(&fixture);
    assert_eq!(
        first.kept_count, 0,
        "the first build has no memo to keep pages by"
    );
    // A comment changes the article's file (so the pages that show it are rendered again)
    // but no page's bytes.
    let beta = fixture.read("content/articles/beta.toml");
    fixture.write(
        "content/articles/beta.toml",
        format!("{beta}\n# a comment\n"),
    );
    let second = build(&fixture);
    assert!(!second.is_up_to_date);
    assert!(second.kept_count > 0, "{second:?}");
    assert_eq!(second.write.written, 0);
    // A new title shows on the article's page and on the lists that name it, not on
    // every page.
    fixture.write(
        "content/articles/beta.toml",
        beta.replacen("title = \"", "title = \"Renamed: ", 1),
    );
    let third = build(&fixture);
    assert!(third.kept_count > 0, "{third:?}");
    assert!(third.write.written > 0, "{third:?}");
    assert_same_as_a_full_build(&fixture, "a new title");
    // The memo of another binary, root or set of flags is not used.
    let mut drafts = fixture.options();
    drafts.overrides.include_drafts = true;
    let other = build_with(&drafts, CacheUse::Use).unwrap();
    assert_eq!(other.kept_count, 0, "{other:?}");
}

#[test]
fn random_edits_with_the_cache_on_disk_build_what_a_full_build_gives_issue_15() {
    // Short pages, so that edits move articles between the pages of a list.
    let fixture = crate::generate::generated(16, 4, |site| format!("per_page = 3\n{site}"));
    let root = fixture.root();
    // Each build is a new process reading the memo back from disk; verifying, it renders
    // every page it would keep and fails if any changed.
    let verified_build = |step: usize, name: &str| -> String {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_shelf"))
            .arg("build")
            .env("SHELF_VERIFY_MEMO", "1")
            .current_dir(root)
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(
            output.status.code(),
            Some(0),
            "step {step}, `{name}`: {stderr}"
        );
        stdout
    };
    verified_build(0, "the first build");
    let mut random = 4;
    for step in 0..12 {
        let (name, _) = crate::generate::random_edit(root, step, &mut random);
        verified_build(step, &name);
        if step % 4 == 3 {
            assert_same_as_a_full_build(&fixture, &format!("step {step}"));
        }
    }
    // Without verifying, the memo keeps pages (of this test's binary, which is not the
    // one whose memo is on disk: the first build here stores one).
    build(&fixture);
    let (name, _) = crate::generate::random_edit(root, 12, &mut random);
    let report = build(&fixture);
    assert!(
        report.kept_count > report.page_count / 2,
        "`{name}`: {report:?}"
    );
    assert_same_as_a_full_build(&fixture, "the last step");
}

/// Rewrites the `summary` line of the first article (in name order) of the project at `root`.
fn resummarize(root: &Path, summary: &str) {
    let dir = root.join("content/articles");
    let first = files_under(&dir).into_iter().next().unwrap().0;
    let text = std::fs::read_to_string(dir.join(&first)).unwrap();
    let edited: Vec<String> = text
        .lines()
        .map(|line| match line.starts_with("summary = ") {
            true => format!("summary = \"{summary}\""),
            false => line.to_string(),
        })
        .collect();
    assert_ne!(
        edited.join("\n") + "\n",
        text,
        "{first} has no summary to change"
    );
    std::fs::write(dir.join(&first), edited.join("\n") + "\n").unwrap();
}

#[test]
fn a_build_after_an_edit_structures_and_links_only_what_it_changed_issue_15() {
    let fixture = crate::generate::generated(12, 2, |site| site);
    let root = fixture.root();
    let first = build(&fixture);
    assert_eq!(first.work.seeds_structured, 12, "nothing stored yet");
    let all = LinkWork {
        documents_searched: 12,
        articles_read: 12,
        is_ranked: true,
    };
    assert_eq!(first.work.link, all);
    // A summary edit changes no seed: each one is read back from the store on disk. The
    // article's terms are read again; its text, and so the related ranking, is unchanged.
    resummarize(root, "A summary the editor rewrote.");
    let second = build(&fixture);
    assert!(!second.is_up_to_date);
    assert_eq!(second.work.seeds_structured, 0, "after a summary edit");
    let summary_only = LinkWork {
        documents_searched: 0,
        articles_read: 1,
        is_ranked: false,
    };
    assert_eq!(second.work.link, summary_only, "after a summary edit");
    assert_same_as_a_full_build(&fixture, "a summary edit");
    // One seed edited: that seed alone is structured, searched and read again.
    let seed = add_a_sentence_to_the_first_seed(root);
    let third = build(&fixture);
    assert_eq!(third.work.seeds_structured, 1, "after editing {seed}");
    let one_text = LinkWork {
        documents_searched: 1,
        articles_read: 1,
        is_ranked: true,
    };
    assert_eq!(third.work.link, one_text, "after editing {seed}");
    assert_same_as_a_full_build(&fixture, "a seed edit");
    // A torn shard costs only structuring its seeds again.
    let store = root.join(".public.shelf/parsed");
    let shards: Vec<PathBuf> = std::fs::read_dir(&store)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| std::fs::metadata(path).unwrap().len() > 200)
        .collect();
    assert!(!shards.is_empty());
    for shard in &shards {
        let whole = std::fs::read(shard).unwrap();
        std::fs::write(shard, &whole[..whole.len() / 2]).unwrap();
    }
    resummarize(root, "Rewritten once more.");
    let fourth = build(&fixture);
    assert_eq!(fourth.work.seeds_structured, 12, "every shard was torn");
    // The link memo is whole, and keyed by the documents' fingerprints, which are equal.
    assert_eq!(fourth.work.link, summary_only, "after tearing the shards");
    assert_same_as_a_full_build(&fixture, "torn shards");
    // A torn link memo (its head) means linking everything again; a torn search memo,
    // making all postings again.
    let link_memo = root.join(".public.shelf/link");
    for memo in [
        &link_memo.join("head"),
        &root.join(".public.shelf/cache/search-memo"),
    ] {
        let whole = std::fs::read(memo).unwrap();
        std::fs::write(memo, &whole[..whole.len() - 1]).unwrap();
    }
    resummarize(root, "And again.");
    let fifth = build(&fixture);
    assert_eq!(fifth.work.link, all, "after tearing the link memo");
    assert_same_as_a_full_build(&fixture, "a torn link memo");
    // `--no-cache` removes the stores.
    build_with(&fixture.options(), CacheUse::Bypass).unwrap();
    assert!(!store.exists(), "--no-cache left the parse store");
    assert!(!link_memo.exists(), "--no-cache left the link memo");
}

#[test]
fn a_build_that_fails_after_linking_leaves_the_output_and_keeps_what_linking_stored_issue_15() {
    // The link and search memos are written as soon as they are made and then dropped, not
    // held to the end of the build; what a failed build stored is still right for its inputs.
    let fixture = crate::generate::generated(12, 2, |site| site);
    let root = fixture.root();
    build(&fixture);
    let before = files_under(&root.join("public"));
    // The link memo's head is written by a rename: another inode each time.
    let link_memo = root.join(".public.shelf/link/head");
    let inode =
        |path: &Path| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(path).unwrap());
    let first_stored = inode(&link_memo);
    let dir = root.join("content/articles");
    let first = dir.join(files_under(&dir).into_iter().next().unwrap().0);
    let good = std::fs::read_to_string(&first).unwrap();
    // Only rendering finds a link to no page: every stage before it runs.
    let broken = good.replacen(
        "editor_note = \"\"\"",
        "editor_note = \"\"\"See [this](@/articles/no-such-article/).\n",
        1,
    );
    assert_ne!(broken, good);
    std::fs::write(&first, broken).unwrap();
    let error = build_with(&fixture.options(), CacheUse::Use).unwrap_err();
    assert!(
        format!("{error:?}").contains("points to no page"),
        "{error:?}"
    );
    assert!(
        files_under(&root.join("public")) == before,
        "a failed build changed the output"
    );
    // The failed build stored the link memo right after linking.
    assert_ne!(
        inode(&link_memo),
        first_stored,
        "linking ran, and stored its memo"
    );
    std::fs::write(&first, good).unwrap();
    let fixed = build(&fixture);
    assert_eq!(
        fixed.work.link.documents_searched, 0,
        "the mentions come from the memo the failed build stored"
    );
    assert_same_as_a_full_build(&fixture, "a failed build, then the link fixed");
}

#[test]
fn a_build_after_an_edit_writes_only_the_link_shards_it_changed_issue_15() {
    // The link memo is stored in shards by key: an edit rewrites the shards holding the
    // entries it changed, however large the collection.
    for articles in [12, 36] {
        let fixture = crate::generate::generated(articles, 2, |site| site);
        let root = fixture.root();
        let first = build(&fixture);
        let every = shelf::link::memo_parts::SHARDS * 2;
        assert_eq!(first.work.link_stored.shards, every, "nothing stored yet");
        assert_eq!(first.work.link_stored.entries, 2 * articles);
        // A summary edit changes one article's terms: its old and new text key's shards.
        resummarize(root, "A summary the editor rewrote.");
        let second = build(&fixture);
        assert!(
            (1..=2).contains(&second.work.link_stored.shards),
            "{articles} articles, a summary edit: {:?}",
            second.work.link_stored
        );
        assert_eq!(second.work.link.documents_searched, 0);
        assert_same_as_a_full_build(&fixture, "a summary edit");
        // A seed edit: one document's mentions and one article's terms, old and new.
        add_a_sentence_to_the_first_seed(root);
        let third = build(&fixture);
        assert!(
            (2..=4).contains(&third.work.link_stored.shards),
            "{articles} articles, a seed edit: {:?}",
            third.work.link_stored
        );
        assert_eq!(third.work.link.documents_searched, 1);
        assert_same_as_a_full_build(&fixture, "a seed edit");
        // A shard torn (the largest) costs its entries alone: the others are read.
        let torn = (0..shelf::link::memo_parts::SHARDS)
            .map(|index| root.join(format!(".public.shelf/link/m{index:02x}")))
            .max_by_key(|path| std::fs::metadata(path).unwrap().len())
            .unwrap();
        let whole = std::fs::read(&torn).unwrap();
        std::fs::write(&torn, &whole[..whole.len() - 1]).unwrap();
        resummarize(root, "Rewritten once more.");
        let fourth = build(&fixture);
        assert!(
            (1..articles / 2).contains(&fourth.work.link.documents_searched),
            "{articles} articles, a torn shard: {:?}",
            fourth.work.link
        );
        assert_same_as_a_full_build(&fixture, "a torn mentions shard");
    }
}

/// Adds a sentence after the first paragraph of the first seed (by name) under `root`;
/// gives that seed's name.
fn add_a_sentence_to_the_first_seed(root: &Path) -> String {
    let seed = files_under(&root.join("seeds"))
        .into_iter()
        .next()
        .unwrap()
        .0;
    let path = root.join("seeds").join(&seed);
    let text = std::fs::read_to_string(&path).unwrap();
    let edited = text.replacen("\n\n", "\n\nOne more sentence.\n\n", 1);
    assert_ne!(edited, text, "{seed} has a paragraph break");
    std::fs::write(&path, edited).unwrap();
    seed
}
