//! Init: `shelf init [DIR]` — a working collection from nothing.
//!
//! Writes `site.toml` (every key commented), an About page, one topic, and an example seed
//! with its metadata, from the skeleton under `src/init/skeleton/` compiled into the binary.
//! No theme folder is written: the default theme is built in (see [`crate::load::builtin`]),
//! so the new collection builds at once. Refuses a folder that already holds files, so
//! nothing is ever overwritten.

use std::path::{Path, PathBuf};

use include_dir::{Dir, DirEntry, include_dir};

use crate::error::{Diagnostic, Error, Result};

static SKELETON: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/src/init/skeleton");

/// Writes a new collection into `dir` (created if missing) and returns the files written,
/// relative to `dir`, sorted.
///
/// # Errors
/// [`Error::Content`] when `dir` exists and is not an empty folder; [`Error::Io`] when a
/// folder or file cannot be created.
pub fn init_collection(dir: &Path) -> Result<Vec<PathBuf>> {
    init_collection_named(dir, dir)
}

/// As [`init_collection`], naming the folder `shown` in messages (as the user wrote it).
///
/// # Errors
/// As [`init_collection`].
pub fn init_collection_named(dir: &Path, shown: &Path) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        let is_empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io("list", dir, e))?
            .next()
            .is_none();
        if !is_empty {
            return Err(Error::Content(vec![
                Diagnostic::error(format!("`{}` is not empty", shown.display())).help(
                    "`shelf init` starts a collection in a new or empty folder: give it one, like `shelf init my-shelf`",
                ),
            ]));
        }
    }
    let mut files = Vec::new();
    collect(&SKELETON, &mut files);
    files.sort();
    for (path, bytes) in &files {
        let destination = dir.join(path);
        if let Some(parent) = destination.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        std::fs::write(&destination, bytes).map_err(|e| Error::io("write", &destination, e))?;
    }
    Ok(files.into_iter().map(|(path, _)| path).collect())
}

fn collect(dir: &Dir<'static>, files: &mut Vec<(PathBuf, &'static [u8])>) {
    for entry in dir.entries() {
        match entry {
            DirEntry::Dir(sub) => collect(sub, files),
            DirEntry::File(file) => files.push((file.path().to_path_buf(), file.contents())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_a_folder_that_holds_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let Err(Error::Content(found)) = init_collection(dir.path()) else {
            panic!("a folder with files must be refused");
        };
        assert!(
            found[0].message.ends_with("is not empty"),
            "{}",
            found[0].message
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("notes.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn writes_the_skeleton_into_an_empty_folder() {
        let dir = tempfile::tempdir().unwrap();
        let written = init_collection(dir.path()).unwrap();
        let names: Vec<String> = written.iter().map(|p| crate::load::slash_path(p)).collect();
        assert_eq!(
            names,
            [
                "content/articles/example.toml",
                "content/pages/about.md",
                "content/topics.toml",
                "seeds/example.txt",
                "site.toml"
            ]
        );
    }
}
