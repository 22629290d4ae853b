//! `shelf init`, the built-in theme and `shelf theme eject` (#16): a collection from nothing
//! builds with no theme folder, from any folder inside it.

use std::path::Path;
use std::process::Command;

use crate::{Fixture, project_root, run_shelf};

fn shelf_in(folder: &Path, args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_shelf"))
        .args(args)
        .current_dir(folder)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn init_starts_a_collection_that_builds_from_a_subfolder_without_a_theme_folder() {
    let fixture = Fixture::empty();
    let (code, stdout, stderr) = shelf_in(fixture.root(), &["init", "my-shelf"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stdout.starts_with(
            "started a collection in my-shelf (5 files; the default theme is built in)\n"
        ),
        "{stdout}"
    );
    let collection = fixture.root().join("my-shelf");
    assert!(!collection.join("themes").exists());
    let (code, stdout, stderr) = shelf_in(&collection.join("content"), &["build"]);
    assert_eq!(code, 0, "{stderr}");
    // #16: "1 articles, 1 topics", found building the Done-when transcript.
    assert!(
        stdout.starts_with("built 8 pages (1 article, 1 topic) in "),
        "{stdout}"
    );
    let article =
        std::fs::read_to_string(collection.join("public/articles/example/index.html")).unwrap();
    assert!(article.contains("Notes from a reading room"));
    assert!(
        !article.contains("Share this article"),
        "cut_at drops the page chrome"
    );
    assert_eq!(
        article.matches(">Notes from a Reading Room<").count(),
        0,
        "the headline is dropped from the body"
    );
    let (code, stdout, stderr) = shelf_in(&collection.join("seeds"), &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "checked 1 article, 1 topic and 8 pages: no errors, 0 warnings\n"
    );
}

#[test]
fn init_refuses_a_folder_with_files_and_changes_nothing() {
    let fixture = Fixture::from_dir("build/basic");
    let before = fixture.read("site.toml");
    let (code, _, stderr) = run_shelf(&fixture, &["init"]);
    assert_eq!(code, 1);
    assert!(stderr.starts_with("error: `.` is not empty\n"), "{stderr}");
    assert_eq!(fixture.read("site.toml"), before);
}

#[test]
fn ejected_theme_is_the_built_in_one_and_builds_the_same_bytes() {
    let fixture = Fixture::empty();
    let (code, _, stderr) = shelf_in(fixture.root(), &["init", "c"]);
    assert_eq!(code, 0, "{stderr}");
    let collection = fixture.root().join("c");
    assert_eq!(shelf_in(&collection, &["build"]).0, 0);
    let built_in = std::fs::read(collection.join("public/index.html")).unwrap();
    let (code, stdout, stderr) = shelf_in(&collection, &["theme", "eject"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        stdout,
        "copied the built-in theme into themes/default/ (edit it there; it is used instead of the built-in one)\n"
    );
    for file in [
        "templates/article.html",
        "static/style.css",
        "static/search.js",
    ] {
        assert_eq!(
            std::fs::read(collection.join("themes/default").join(file)).unwrap(),
            std::fs::read(project_root().join("themes/default").join(file)).unwrap(),
            "{file}"
        );
    }
    assert_eq!(shelf_in(&collection, &["build"]).0, 0);
    assert_eq!(
        std::fs::read(collection.join("public/index.html")).unwrap(),
        built_in
    );
    let (code, _, stderr) = shelf_in(&collection, &["theme", "eject"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("`themes/default` already exists"),
        "{stderr}"
    );
    // The project's copy is used from then on.
    let base = collection.join("themes/default/templates/base.html");
    let text = std::fs::read_to_string(&base).unwrap();
    std::fs::write(&base, text.replace("</body>", "<p>ejected copy</p></body>")).unwrap();
    assert_eq!(shelf_in(&collection, &["build", "--root", "."]).0, 0);
    let home = std::fs::read_to_string(collection.join("public/index.html")).unwrap();
    assert!(
        home.contains("ejected copy"),
        "the ejected copy is the one used"
    );
}

/// #16: no favicon (Lighthouse best-practices 96 on every page); the default theme links an
/// SVG one from every page, at any depth, and the built-in copy has it too.
#[test]
fn every_page_links_the_default_themes_favicon_16() {
    let fixture = crate::Fixture::from_dir("build/basic");
    std::fs::remove_dir_all(fixture.root().join("themes")).unwrap();
    fixture.build().unwrap();
    for (page, root) in [("index.html", ""), ("articles/alpha/index.html", "../../")] {
        let html = fixture.read(&format!("public/{page}"));
        let start = html.find("<link rel=\"icon\"").expect("a favicon link");
        let link = &html[start..start + html[start..].find('>').unwrap() + 1];
        let href = link
            .split("href=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        let file = href.strip_prefix(root).expect("relative to the page");
        assert!(
            file.starts_with("static/favicon.") && file.ends_with(".svg"),
            "{link}"
        );
        let svg = fixture.read(&format!("public/{file}"));
        assert!(svg.starts_with("<svg"), "{svg}");
    }
}
