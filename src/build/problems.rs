//! A failed build's problems, made ready to report: follow-on problems left out and
//! anchored diagnostics given their line and column. Only runs when a build fails.

use std::path::{Path, PathBuf};

use crate::error::{Anchor, Diagnostic, Error};
use crate::load::{CONTENT_DIR, SEEDS_DIR, SourceFile, Sources};

/// Leaves out the problems that only follow from an error already reported: a link to an
/// article whose metadata or seed failed, or to a page whose file failed, is not a second
/// mistake (#13).
pub(super) fn drop_follow_ons(error: Error, sources: &Sources) -> Error {
    let Error::Content(found) = error else {
        return error;
    };
    let failed: Vec<&Path> = found
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| d.path.as_deref())
        .collect();
    let has_failed = |path: &Path| failed.contains(&path);
    let named = |files: &'_ [SourceFile], stem: &str| {
        files
            .iter()
            .find(|f| f.path.file_stem().is_some_and(|s| s == stem))
            .map(|f| (f.path.clone(), f.text.clone()))
    };
    let content = Path::new(CONTENT_DIR);
    let has_failed_named = |folder: &Path, stem: &str| {
        failed
            .iter()
            .any(|p| p.starts_with(folder) && p.file_stem().is_some_and(|s| s == stem))
    };
    let is_follow_on = |diagnostic: &Diagnostic| {
        let link = match diagnostic.anchor.as_deref() {
            Some(Anchor::Text(link)) => link,
            // A chart whose data figure failed.
            Some(Anchor::Line(chart)) => return has_failed_named(&content.join("data"), chart),
            _ => return false,
        };
        let Some(target) = link.strip_prefix("@/") else {
            return false;
        };
        let mut parts = target.split(['/', '#']).filter(|p| !p.is_empty());
        match (parts.next(), parts.next()) {
            (Some("articles"), Some(slug)) if has_failed_named(&content.join("articles"), slug) => {
                true
            }
            (Some("articles"), Some(slug)) => {
                named(&sources.articles, slug).is_some_and(|(path, text)| {
                    let seed = toml::from_str::<toml::Table>(&text)
                        .ok()
                        .and_then(|t| t.get("seed")?.as_str().map(str::to_string));
                    has_failed(&path)
                        || seed.is_some_and(|seed| has_failed(&Path::new(SEEDS_DIR).join(seed)))
                })
            }
            (Some(page), None) => has_failed_named(&content.join("pages"), page),
            _ => false,
        }
    };
    let kept = found.iter().filter(|d| !is_follow_on(d)).cloned().collect();
    Error::Content(kept)
}

/// Gives the diagnostics that name a text to find (see [`Anchor`]) their line and column,
/// reading the files they are about: only when a build fails, so the cost is no concern.
pub(super) fn locate_anchors(error: Error, root: &Path) -> Error {
    let Error::Content(mut found) = error else {
        return error;
    };
    let mut seen: Vec<(PathBuf, Anchor)> = Vec::new();
    for diagnostic in &mut found {
        let (Some(path), Some(anchor), None) =
            (&diagnostic.path, &diagnostic.anchor, &diagnostic.location)
        else {
            continue;
        };
        let key = (path.clone(), Anchor::clone(anchor));
        let nth = seen.iter().filter(|k| **k == key).count();
        seen.push(key);
        if let Ok(text) = std::fs::read_to_string(root.join(path)) {
            diagnostic.locate_anchor(&text, nth);
        }
    }
    Error::Content(found)
}
