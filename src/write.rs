//! Write: rendered files → the output folder, touching only what changed.
//!
//! Takes the rendered files and the output folder; minifies HTML (minify-html, in spec
//! compliant mode so the W3C checker still passes), then writes each file whose bytes differ
//! from what is on disk (via a temporary file and a rename, so a reader never sees half a
//! file) and removes files an earlier build wrote that this one no longer produces. What
//! earlier builds wrote is listed in `.shelf-manifest` inside the output folder, so files the
//! user put there (a `CNAME`, say) are never deleted. Nothing outside the output folder is
//! ever written, and an output folder that would overwrite the project is refused.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::load::{CONTENT_DIR, SEEDS_DIR, THEMES_DIR};

/// The file listing what the last build wrote, inside the output folder.
pub const MANIFEST: &str = ".shelf-manifest";

/// What a write did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or whose bytes changed.
    pub written: usize,
    /// Files left alone because their bytes were already right.
    pub unchanged: usize,
    /// Files from an earlier build that were removed.
    pub removed: usize,
}

/// Minifies every HTML file in parallel.
pub fn minify_pages(files: &mut BTreeMap<String, Vec<u8>>) {
    let mut config = minify_html::Cfg::new();
    config.minify_css = true;
    config.minify_js = true;
    // `<html lang>` and `<head>` carry attributes and meaning for validators and readers.
    config.keep_html_and_head_opening_tags = true;
    files
        .par_iter_mut()
        .filter(|(path, _)| path.ends_with(".html"))
        .for_each(|(_, bytes)| {
            *bytes = minify_html::minify(bytes, &config);
        });
}

/// Checks that `output` (absolute, or relative to `root`) is safe to write: not the project
/// root, not an ancestor of it, and neither holding nor inside `seeds/`, `content/` or
/// `themes/`. Returns the absolute output path.
///
/// # Errors
/// [`Error::Content`] naming the folder and why it is refused.
pub fn check_output_folder(root: &Path, output: &Path) -> Result<PathBuf> {
    let absolute = if output.is_absolute() {
        output.to_path_buf()
    } else {
        root.join(output)
    };
    let absolute = normalize_lexically(&absolute);
    let resolved = resolve_existing_prefix(&absolute);
    // Named as the user would type it from the project folder (`seeds`, `.`), not as the
    // absolute path the command line turned it into.
    let shown = match absolute.strip_prefix(normalize_lexically(root)) {
        Ok(inside) if inside.as_os_str().is_empty() => ".".to_string(),
        Ok(inside) => crate::load::slash_path(inside),
        Err(_) => output.display().to_string(),
    };
    let root = std::fs::canonicalize(root).map_err(|e| Error::io("resolve", root, e))?;
    let refuse = |why: String| {
        Error::Content(vec![
            Diagnostic::error(format!("refusing to build into `{shown}`: {why}"))
                .help("choose a separate folder, like `--output public` (the default)"),
        ])
    };
    if root.starts_with(&resolved) {
        return Err(refuse("it is the project folder or contains it".into()));
    }
    for source in [SEEDS_DIR, CONTENT_DIR, THEMES_DIR] {
        let source_dir = root.join(source);
        if source_dir.starts_with(&resolved) || resolved.starts_with(&source_dir) {
            return Err(refuse(format!(
                "it would overwrite the sources in `{source}/`"
            )));
        }
    }
    Ok(absolute)
}

/// Removes `.` and resolves `..` by name, so `public/../seeds` is seen as `seeds`.
fn normalize_lexically(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normalized.pop();
            }
            other => normalized.push(other),
        }
    }
    normalized
}

/// Canonicalizes the longest existing prefix of `path` and appends the rest, so symlinks
/// cannot hide that a not-yet-created folder lies inside the project's sources.
fn resolve_existing_prefix(path: &Path) -> PathBuf {
    let mut existing = path.to_path_buf();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut resolved = std::fs::canonicalize(&existing).unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            resolved.pop();
        } else if name != "." {
            resolved.push(name);
        }
    }
    resolved
}

/// Writes `files` into `output`, skipping identical files and removing stale ones.
///
/// # Errors
/// [`Error::Io`] for the first file or folder that cannot be written or removed.
pub fn write_to_disk(output: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<WriteReport> {
    std::fs::create_dir_all(output).map_err(|e| Error::io("create folder", output, e))?;
    let manifest_path = output.join(MANIFEST);
    let previous: BTreeSet<String> = std::fs::read_to_string(&manifest_path)
        .map(|text| {
            text.lines()
                .filter(|l| is_safe_relative(l))
                .map(String::from)
                .collect()
        })
        .unwrap_or_default();

    let outcomes: Vec<Result<bool>> = files
        .par_iter()
        .map(|(path, bytes)| write_if_changed(&output.join(path), bytes))
        .collect();
    let mut report = WriteReport::default();
    for outcome in outcomes {
        if outcome? {
            report.written += 1;
        } else {
            report.unchanged += 1;
        }
    }
    for stale in previous.iter().filter(|p| !files.contains_key(*p)) {
        let path = output.join(stale);
        match std::fs::remove_file(&path) {
            Ok(()) => report.removed += 1,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io("remove", path, e)),
        }
        remove_empty_parents(output, &path);
    }
    let manifest: String = files.keys().map(|k| format!("{k}\n")).collect();
    write_if_changed(&manifest_path, manifest.as_bytes())?;
    Ok(report)
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Returns whether the file was written.
fn write_if_changed(path: &Path, bytes: &[u8]) -> Result<bool> {
    if let Ok(existing) = std::fs::read(path) {
        if existing == bytes {
            return Ok(false);
        }
    }
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    let mut temporary = path.as_os_str().to_os_string();
    temporary.push(".shelf-tmp");
    let temporary = PathBuf::from(temporary);
    std::fs::write(&temporary, bytes).map_err(|e| Error::io("write", &temporary, e))?;
    std::fs::rename(&temporary, path).map_err(|e| Error::io("write", path, e))?;
    Ok(true)
}

fn remove_empty_parents(output: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == output
            || !current.starts_with(output)
            || std::fs::remove_dir(current).is_err()
        {
            break;
        }
        dir = current.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(entries: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        entries
            .iter()
            .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn writes_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(out.join("CNAME"), "example.org").unwrap();
        let first = write_to_disk(
            &out,
            &files(&[("a/index.html", "A"), ("b/index.html", "B")]),
        )
        .unwrap();
        assert_eq!(
            first,
            WriteReport {
                written: 2,
                unchanged: 0,
                removed: 0
            }
        );
        let second = write_to_disk(&out, &files(&[("a/index.html", "A2")])).unwrap();
        assert_eq!(
            second,
            WriteReport {
                written: 1,
                unchanged: 0,
                removed: 1
            }
        );
        assert!(
            !out.join("b").exists(),
            "empty folders of stale files are removed"
        );
        assert_eq!(
            std::fs::read_to_string(out.join("CNAME")).unwrap(),
            "example.org"
        );
        let third = write_to_disk(&out, &files(&[("a/index.html", "A2")])).unwrap();
        assert_eq!(
            third,
            WriteReport {
                written: 0,
                unchanged: 1,
                removed: 0
            }
        );
    }

    #[test]
    fn ignores_unsafe_manifest_entries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        std::fs::write(out.join(MANIFEST), "../precious.txt\n/etc/passwd\n").unwrap();
        write_to_disk(&out, &files(&[("index.html", "x")])).unwrap();
        assert!(dir.path().join("precious.txt").exists());
    }

    #[test]
    fn refuses_output_folders_that_overlap_the_sources() {
        let dir = tempfile::tempdir().unwrap();
        for sub in ["seeds", "content", "themes"] {
            std::fs::create_dir_all(dir.path().join(sub)).unwrap();
        }
        for bad in [
            ".",
            "..",
            "seeds",
            "content/out",
            "themes/default/x",
            "public/../seeds",
        ] {
            assert!(
                check_output_folder(dir.path(), Path::new(bad)).is_err(),
                "{bad}"
            );
        }
        assert!(check_output_folder(dir.path(), Path::new("public")).is_ok());
    }
}
