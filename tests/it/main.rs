//! Integration tests: build fixture collections and the real one, and assert on the output.
//!
//! One binary, a module per feature. Fixtures live in `tests/fixtures/<feature>/<case>/`; each
//! is a tiny complete site. A fixture without `themes/` gets the project's default theme, so a
//! theme change is tested everywhere without copying templates into every case. A fixture with
//! only `themes/default/templates/<one>.html` gets the default theme with that one template
//! replaced, so a broken template is a one-file fixture.

mod build;
mod cache;
mod console;
mod deploy;
mod errors;
mod external;
mod generate;
mod init;
mod links;
mod output;
mod outputs;
mod provenance;
mod reader;
mod search;
mod serve;
mod structure;
mod themes;
mod untrusted;
mod urls;

use std::path::{Path, PathBuf};
use std::process::Output;

use shelf::build::{BuildOptions, BuildReport};
use shelf::config::Overrides;

/// The project's own folder (where Cargo.toml is).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture site copied into a temporary folder, so tests may change and build it freely.
pub struct Fixture {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Fixture {
    /// Copies `tests/fixtures/<case>`: the default theme first (unless the case has its own
    /// `themes/` holding anything but `themes/default/`), then the case's files over it.
    pub fn from_dir(case: &str) -> Fixture {
        let source = project_root().join("tests/fixtures").join(case);
        assert!(source.is_dir(), "no fixture at {}", source.display());
        let fixture = Fixture::empty();
        let has_own_theme = std::fs::read_dir(source.join("themes"))
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .any(|e| e.file_name() != "default")
            })
            .unwrap_or(false);
        if !has_own_theme {
            copy_tree(
                &project_root().join("themes/default"),
                &fixture.root.join("themes/default"),
            );
        }
        copy_tree(&source, &fixture.root);
        fixture
    }

    /// Copies the project's own collection: site.toml, seeds, content and themes.
    pub fn collection() -> Fixture {
        let fixture = Fixture::empty();
        for part in ["seeds", "content", "themes"] {
            copy_tree(&project_root().join(part), &fixture.root.join(part));
        }
        std::fs::copy(
            project_root().join("site.toml"),
            fixture.root.join("site.toml"),
        )
        .unwrap();
        fixture
    }

    /// An empty project folder, for tests that write a whole site into it.
    pub fn empty() -> Fixture {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(&root).unwrap();
        Fixture { _dir: dir, root }
    }

    /// The fixture's project folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Build options for this fixture with default overrides.
    pub fn options(&self) -> BuildOptions {
        BuildOptions {
            root: self.root.clone(),
            overrides: Overrides::default(),
        }
    }

    /// Builds through the library.
    pub fn build(&self) -> shelf::Result<BuildReport> {
        shelf::build::build(&self.options())
    }

    /// Runs the `shelf` binary in the fixture's folder.
    pub fn run(&self, args: &[&str]) -> Output {
        std::process::Command::new(env!("CARGO_BIN_EXE_shelf"))
            .args(args)
            .current_dir(&self.root)
            .output()
            .unwrap()
    }

    /// Reads a file of the fixture (output or source) as text.
    pub fn read(&self, relative: &str) -> String {
        let path = self.root.join(relative);
        std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
    }

    /// Writes (or replaces) a file of the fixture.
    pub fn write(&self, relative: &str, text: impl AsRef<[u8]>) -> &Self {
        let path = self.root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
        self
    }

    /// Every file under `relative` with its bytes, sorted by path.
    pub fn snapshot(&self, relative: &str) -> Vec<(String, Vec<u8>)> {
        files_under(&self.root.join(relative))
    }

    /// The BibTeX (`bib`) or RIS (`ris`) entry that article `slug`'s built page offers as
    /// a download (a `data:` link since #15), decoded.
    pub fn citation(&self, slug: &str, format: &str) -> String {
        let page = self.read(&format!("public/articles/{slug}/index.html"));
        let media = match format {
            "bib" => "data:application/x-bibtex;charset=utf-8,",
            _ => "data:application/x-research-info-systems;charset=utf-8,",
        };
        let start = page
            .find(media)
            .unwrap_or_else(|| panic!("no {media} link on {slug}'s page"))
            + media.len();
        let end = start + page[start..].find(['"', ' ', '>']).expect("link end");
        let bytes = &page.as_bytes()[start..end];
        let mut decoded = Vec::new();
        let mut at = 0;
        while at < bytes.len() {
            if bytes[at] == b'%' {
                let hex = std::str::from_utf8(&bytes[at + 1..at + 3]).unwrap();
                decoded.push(u8::from_str_radix(hex, 16).expect("percent escape"));
                at += 3;
            } else {
                decoded.push(bytes[at]);
                at += 1;
            }
        }
        String::from_utf8(decoded).expect("UTF-8 entry")
    }
}

/// Runs the binary and returns (exit code, stdout, stderr with temp paths as `[ROOT]`).
pub fn run_shelf(fixture: &Fixture, args: &[&str]) -> (i32, String, String) {
    let output = fixture.run(args);
    let root = fixture.root().display().to_string();
    let normalize = |bytes: &[u8]| String::from_utf8_lossy(bytes).replace(&root, "[ROOT]");
    (
        output.status.code().unwrap_or(-1),
        normalize(&output.stdout),
        normalize(&output.stderr),
    )
}

pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from)
        .into_iter()
        .filter_map(Result::ok)
    {
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Every file under `dir` with its bytes, by `/`-separated relative path, sorted.
pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let name = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}
