//! Folder: which output folders a build may write, decided before anything is written.
//!
//! Takes the project folder and the output folder asked for; refuses the project itself,
//! a folder holding it, and any folder holding or inside `seeds/`, `content/` or `themes/`,
//! looking through symbolic links on the way.

use std::path::{Component, Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::load::{CONTENT_DIR, SEEDS_DIR, THEMES_DIR};

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
