//! The output folder (#13): a build writes and deletes only inside it, never through a
//! symbolic link; it changes all at once (a build killed at any step leaves the old site or
//! the new one); and a second build into the same folder at the same time is refused.

use std::path::Path;

use crate::{Fixture, copy_tree, run_shelf};

/// Every file and link under `dir` by relative path, with the hash of a file's bytes or a
/// link's target.
fn tree(dir: &Path) -> Vec<(String, String)> {
    let mut entries: Vec<(String, String)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            let what = if e.file_type().is_symlink() {
                format!("-> {}", std::fs::read_link(e.path()).unwrap().display())
            } else {
                blake3::hash(&std::fs::read(e.path()).unwrap())
                    .to_hex()
                    .to_string()
            };
            (name, what)
        })
        .collect();
    entries.sort();
    entries
}

const GAMMA_SEED: &str = "Gamma is a third text, about a delta.\n";
const GAMMA_META: &str = "seed = \"gamma.txt\"\ntitle = \"Gamma\"\npublished = \"2021-02\"\ntopics = [\"rivers\"]\nsummary = \"Gamma.\"\n";

#[test]
fn a_link_in_the_output_never_lets_a_build_write_into_the_sources() {
    // #13: `public/articles -> ../content` made the next build write pages into content/.
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let public = fixture.root().join("public");
    std::fs::remove_dir_all(public.join("articles")).unwrap();
    std::os::unix::fs::symlink("../content", public.join("articles")).unwrap();
    let content = tree(&fixture.root().join("content"));
    fixture
        .write("seeds/gamma.txt", GAMMA_SEED)
        .write("content/articles/gamma.toml", GAMMA_META);
    let content_with_gamma = tree(&fixture.root().join("content"));
    assert_ne!(content, content_with_gamma);
    let report = fixture.build();
    assert_eq!(
        tree(&fixture.root().join("content")),
        content_with_gamma,
        "nothing was written into content/ through the link"
    );
    report.unwrap();
    let articles = std::fs::symlink_metadata(public.join("articles")).unwrap();
    assert!(
        articles.is_dir(),
        "the site's folder takes the link's place"
    );
    assert!(
        fixture
            .read("public/articles/gamma/index.html")
            .contains("Gamma")
    );
    assert!(public.join("articles/alpha/index.html").is_file());
}

#[test]
fn stale_file_cleanup_never_deletes_through_a_link() {
    // #13: `public/topics -> elsewhere` let the removal of stale pages delete files there.
    let fixture = Fixture::from_dir("build/basic");
    fixture
        .write("seeds/gamma.txt", GAMMA_SEED)
        .write("content/articles/gamma.toml", GAMMA_META);
    fixture.build().unwrap();
    let public = fixture.root().join("public");
    let elsewhere = fixture.root().parent().unwrap().join("elsewhere");
    std::fs::rename(public.join("articles"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, public.join("articles")).unwrap();
    let outside = tree(&elsewhere);
    assert!(outside.iter().any(|(name, _)| name == "gamma/index.html"));
    std::fs::remove_file(fixture.root().join("content/articles/gamma.toml")).unwrap();
    let report = fixture.build();
    assert_eq!(
        tree(&elsewhere),
        outside,
        "no file outside the output folder was removed"
    );
    report.unwrap();
    assert!(!public.join("articles/gamma").exists());
    assert!(public.join("articles/alpha/index.html").is_file());
}

/// Changes one article's summary in the basic fixture, which changes some pages and not
/// others.
fn change_basic(fixture: &Fixture) {
    let beta = fixture.read("content/articles/beta.toml");
    fixture.write(
        "content/articles/beta.toml",
        beta.replace("Beta's summary.", "Beta, summed up again."),
    );
}

#[test]
#[cfg_attr(
    not(debug_assertions),
    ignore = "the fault-injection hook exists only in debug builds"
)]
fn a_build_killed_at_any_step_leaves_the_old_site_or_the_new_one() {
    // #13: a failed or killed commit left 4 new pages among 57 old ones. The hook aborts the
    // process (as `kill -9` would) just before the build's nth change on disk.
    let old = Fixture::from_dir("build/basic");
    old.build().unwrap();
    let old_site = old.snapshot("public");
    let new = Fixture::from_dir("build/basic");
    change_basic(&new);
    new.build().unwrap();
    let new_site = new.snapshot("public");
    assert_ne!(old_site, new_site);
    // The project after two builds (so the spare tree is in use) with the change made.
    let start = Fixture::from_dir("build/basic");
    start.build().unwrap();
    start.build().unwrap();
    change_basic(&start);
    for steps in 0.. {
        assert!(steps < 5_000, "the build never finished");
        let fixture = Fixture::empty();
        copy_tree(start.root(), fixture.root());
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_shelf"))
            .arg("build")
            .env(shelf::write::tree::FAULT_AFTER, steps.to_string())
            .current_dir(fixture.root())
            .output()
            .unwrap();
        let site = fixture.snapshot("public");
        assert!(
            site == old_site || site == new_site,
            "killed after {steps} steps, the output is a mix of two builds"
        );
        if run.status.success() {
            assert!(site == new_site, "a finished build made the new site");
            assert!(steps > 20, "the hook stopped the build only {steps} times");
            break;
        }
        assert_eq!(run.status.code(), None, "killed by the hook, not failed");
        // Building again after a kill makes the new site (checked at every few steps, to
        // keep the test short).
        if steps % 8 == 0 {
            fixture.build().unwrap();
            assert!(
                fixture.snapshot("public") == new_site,
                "the build after one killed after {steps} steps made the new site"
            );
        }
    }
}

#[test]
fn a_second_build_into_the_same_folder_is_refused_at_once() {
    // #13: two builds at once failed spuriously or left a mix.
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    let before = fixture.snapshot("public");
    let first = shelf::write::Staging::begin(
        &fixture.root().join("public"),
        shelf::config::Minify::Off,
        None,
        None,
    )
    .unwrap();
    change_basic(&fixture);
    let (code, _, stderr) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 2);
    assert_eq!(
        stderr,
        "error: another build is writing into `[ROOT]/public` now (it holds the lock \
         `[ROOT]/.public.shelf/lock`); wait for it to end and build again\n"
    );
    assert_eq!(fixture.snapshot("public"), before);
    first.abort();
    let (code, _, _) = run_shelf(&fixture, &["build"]);
    assert_eq!(code, 0);
}

#[test]
fn unchanged_files_keep_their_time_and_the_users_files_stay() {
    let fixture = Fixture::from_dir("build/basic");
    fixture.build().unwrap();
    fixture
        .write("public/CNAME", "example.org")
        .write("public/downloads/notes.txt", "mine");
    fixture.build().unwrap();
    let public = fixture.root().join("public");
    let modified = |path: &str| {
        std::fs::metadata(public.join(path))
            .unwrap()
            .modified()
            .unwrap()
    };
    let (alpha, beta) = (
        modified("articles/alpha/as-copied/index.html"),
        modified("articles/beta/index.html"),
    );
    std::thread::sleep(std::time::Duration::from_millis(20));
    change_basic(&fixture);
    let report = fixture.build().unwrap();
    assert!(report.write.written > 0);
    assert_eq!(
        modified("articles/alpha/as-copied/index.html"),
        alpha,
        "unchanged"
    );
    assert_ne!(modified("articles/beta/index.html"), beta, "changed");
    assert_eq!(fixture.read("public/CNAME"), "example.org");
    assert_eq!(fixture.read("public/downloads/notes.txt"), "mine");
    // A file the user removes stays removed, however often the two trees swap.
    std::fs::remove_file(public.join("downloads/notes.txt")).unwrap();
    for _ in 0..3 {
        fixture.build().unwrap();
        assert!(!public.join("downloads/notes.txt").exists());
        assert_eq!(fixture.read("public/CNAME"), "example.org");
    }
}
