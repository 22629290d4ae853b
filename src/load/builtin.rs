//! The built-in theme: `themes/default` compiled into the binary, so a collection with no
//! `themes/` folder builds, and `shelf theme eject` can copy it out to be changed.
//!
//! A project's own `themes/default/` folder, when it exists, is used instead (whole: the two
//! are never mixed), and a project theme may `extends = "default"` without a copy.
//! `include_dir!` includes each file with `include_bytes!`, so cargo rebuilds when one
//! changes; a file *added* to `themes/default/` needs a `touch src/load/builtin.rs`.

use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};

use super::source::{SourceFile, StaticFile, THEMES_DIR, slash_path};
use crate::error::{Diagnostic, Error, Result};

/// The name of the theme built into the binary.
pub const BUILTIN_THEME: &str = "default";

static DEFAULT_THEME: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// Whether `name` is the built-in theme.
pub fn is_builtin(name: &str) -> bool {
    name == BUILTIN_THEME
}

/// The built-in theme's templates, named by their path under `templates/`, each with the path
/// it would have in a project (`themes/default/templates/article.html`) for messages.
pub(super) fn templates() -> Vec<(String, SourceFile)> {
    let mut found = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("templates") {
        collect(dir, &mut |path, bytes| {
            let name = slash_path(path.strip_prefix("templates").unwrap_or(path));
            let text = String::from_utf8_lossy(bytes).into_owned();
            let project_path = Path::new(THEMES_DIR).join(BUILTIN_THEME).join(path);
            found.push((name, SourceFile::new(project_path, text)));
        });
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    found
}

/// The built-in theme's assets under `static/`, sorted by name.
pub(super) fn static_files() -> Vec<StaticFile> {
    let mut found = Vec::new();
    if let Some(dir) = DEFAULT_THEME.get_dir("static") {
        collect(dir, &mut |path, bytes| {
            let name = slash_path(path.strip_prefix("static").unwrap_or(path));
            found.push(StaticFile {
                name,
                bytes: bytes.to_vec(),
            });
        });
    }
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found
}

fn collect(dir: &Dir<'static>, visit: &mut impl FnMut(&Path, &[u8])) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => collect(sub, visit),
            DirEntry::File(file) => visit(file.path(), file.contents()),
        }
    }
}

/// Copies the built-in theme into `root/themes/default/` and returns the folder written,
/// relative to `root`. Refuses when that folder exists, so nothing is overwritten.
///
/// # Errors
/// [`Error::Content`] when `themes/default/` exists; [`Error::Io`] when a file cannot be
/// written.
pub fn eject(root: &Path) -> Result<PathBuf> {
    let relative = Path::new(THEMES_DIR).join(BUILTIN_THEME);
    let target = root.join(&relative);
    if target.exists() {
        return Err(Error::Content(vec![
            Diagnostic::error(format!("`{}` already exists", slash_path(&relative)))
                .help("the project has its own copy already: edit it, or move it away to eject a fresh one"),
        ]));
    }
    let mut files = Vec::new();
    collect(&DEFAULT_THEME, &mut |path, bytes| {
        files.push((path.to_path_buf(), bytes.to_vec()));
    });
    for (path, bytes) in files {
        let destination = target.join(path);
        if let Some(parent) = destination.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        std::fs::write(&destination, bytes).map_err(|e| Error::io("write", &destination, e))?;
    }
    Ok(relative)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_the_default_themes_templates_and_assets() {
        let names: Vec<String> = templates().into_iter().map(|(n, _)| n).collect();
        for required in [
            "article.html",
            "base.html",
            "index.html",
            "partials/nav.html",
        ] {
            assert!(
                names.iter().any(|n| n == required),
                "{required} in {names:?}"
            );
        }
        let (_, article) = templates()
            .into_iter()
            .find(|(n, _)| n == "article.html")
            .unwrap();
        assert_eq!(
            article.path,
            Path::new("themes/default/templates/article.html")
        );
        let on_disk = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/article.html"),
        )
        .unwrap();
        assert_eq!(article.text, on_disk, "the binary holds the theme as it is");
        assert!(static_files().iter().any(|f| f.name == "style.css"));
    }
}
