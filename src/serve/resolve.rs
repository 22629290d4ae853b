//! Request paths: where a raw, percent-encoded request path leads inside the served folder.
//!
//! Each segment is decoded on its own and refused if it decodes to `.`, `..` or holds a `/`,
//! `\` or NUL byte; hidden names are not found; the result is canonicalized and must lie
//! inside the canonical folder, so a symlink cannot lead out of it.

use std::path::{Path, PathBuf};

/// Where a request path leads inside the served folder.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// A file inside the folder (canonical path).
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect there, so relative links work.
    Redirect(String),
    /// Nothing servable there.
    NotFound,
    /// A path no file can have (`..`, encoded slashes, bad escapes).
    BadRequest,
}

/// Resolves a request's raw (still percent-encoded) path inside `site_dir` (canonical).
pub(super) fn resolve(site_dir: &Path, raw_path: &str) -> Target {
    let Some(rest) = raw_path.strip_prefix('/') else {
        return Target::BadRequest;
    };
    let mut path = site_dir.to_path_buf();
    for segment in rest.split('/').filter(|s| !s.is_empty()) {
        let Some(decoded) = percent_decode(segment) else {
            return Target::BadRequest;
        };
        let Ok(name) = String::from_utf8(decoded) else {
            return Target::BadRequest;
        };
        if name == "." || name == ".." || name.contains(['/', '\\', '\0']) {
            return Target::BadRequest;
        }
        if name.starts_with('.') {
            return Target::NotFound;
        }
        path.push(name);
    }
    let Some(found) = inside(site_dir, &path) else {
        return Target::NotFound;
    };
    if found.is_dir() {
        if !raw_path.ends_with('/') {
            // Rebuilt from the segments: `//x` must not become the other-host URL `//x/`.
            let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
            return Target::Redirect(format!("/{}/", segments.join("/")));
        }
        return match inside(site_dir, &found.join("index.html")) {
            Some(index) if index.is_file() => Target::File(index),
            _ => Target::NotFound,
        };
    }
    if found.is_file() {
        Target::File(found)
    } else {
        Target::NotFound
    }
}

/// The canonical form of `path` if it exists and lies inside `site_dir` after resolving
/// symlinks.
pub(super) fn inside(site_dir: &Path, path: &Path) -> Option<PathBuf> {
    let canonical = std::fs::canonicalize(path).ok()?;
    canonical.starts_with(site_dir).then_some(canonical)
}

fn percent_decode(segment: &str) -> Option<Vec<u8>> {
    let bytes = segment.as_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'%' {
            let hex = bytes.get(index + 1..index + 3)?;
            let value = u8::from_str_radix(std::str::from_utf8(hex).ok()?, 16).ok()?;
            decoded.push(value);
            index += 3;
        } else {
            decoded.push(bytes[index]);
            index += 1;
        }
    }
    Some(decoded)
}
