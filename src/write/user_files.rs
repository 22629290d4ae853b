//! The files a user put in the output folder (a `CNAME`, say): found by walking the live
//! folder, kept out of the spare tree's clean-up, and carried into each new site except
//! where the new site has a file or folder at the same place. Nothing here follows a
//! symbolic link.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use super::layout::{Entries, LOCK_INSIDE, MANIFEST, STAGING};
use super::tree::Tree;
use crate::error::Result;

/// Whether a name in an output folder is shelf's own: the manifest, staging folder and lock
/// at the top, a file on its way into place anywhere.
pub(super) fn is_internal(name: &str, depth: usize) -> bool {
    name.starts_with(".shelf-new-")
        || (depth == 1 && (name == MANIFEST || name == STAGING || name == LOCK_INSIDE))
}

/// The files and links in `output` that no build wrote (not in `previous`), with whether
/// each is a link.
pub(super) fn user_entries(output: &Path, previous: &Entries) -> Vec<(String, bool)> {
    walkdir::WalkDir::new(output)
        .min_depth(1)
        .into_iter()
        .filter_entry(|entry| !is_internal(&entry.file_name().to_string_lossy(), entry.depth()))
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_type().is_dir())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(output).ok()?;
            let relative = crate::load::slash_path(relative);
            (!previous.contains_key(&relative)).then(|| (relative, entry.file_type().is_symlink()))
        })
        .collect()
}

/// Every file and link under `root` (not following links): relative path, whether it is a
/// regular file, and its inode (0 where the platform has none; read from the folder, no
/// `stat`).
pub(super) fn entries_of(root: &Path) -> Vec<(String, bool, u64)> {
    walkdir::WalkDir::new(root)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|entry| !entry.file_type().is_dir())
        .filter_map(|entry| {
            let relative = entry.path().strip_prefix(root).ok()?;
            Some((
                crate::load::slash_path(relative),
                entry.file_type().is_file(),
                inode_of(&entry),
            ))
        })
        .collect()
}

/// The inode of a folder entry, as the folder listing gave it.
fn inode_of(entry: &walkdir::DirEntry) -> u64 {
    #[cfg(unix)]
    {
        walkdir::DirEntryExt::ino(entry)
    }
    #[cfg(not(unix))]
    {
        let _ = entry;
        0
    }
}

/// Removes from the spare tree (whose `entries` were listed) every file and link that is
/// neither in the new site nor a user's entry, and returns the files it holds with their
/// inodes.
pub(super) fn clear_unknown(
    tree: &Tree,
    entries: Vec<(String, bool, u64)>,
    files: &BTreeMap<String, (blake3::Hash, bool)>,
    user: &[(String, bool)],
) -> Result<HashMap<String, u64>> {
    let user: HashSet<&str> = user.iter().map(|(path, _)| path.as_str()).collect();
    let mut present = HashMap::new();
    for (relative, is_file, inode) in entries {
        if is_file && files.contains_key(&relative) {
            present.insert(relative, inode);
        } else if !user.contains(relative.as_str()) {
            tree.remove(&relative)?;
        }
    }
    Ok(present)
}

/// Puts the user's files and links from the live site into the spare tree, except where
/// the new site has a file or folder at the same place.
pub(super) fn carry_user_entries(
    tree: &Tree,
    live: &Tree,
    files: &BTreeMap<String, (blake3::Hash, bool)>,
    user: &[(String, bool)],
) -> Result<()> {
    if user.is_empty() {
        return Ok(());
    }
    let folders: HashSet<&str> = files
        .keys()
        .flat_map(|path| path.match_indices('/').map(move |(i, _)| &path[..i]))
        .collect();
    for (path, is_link) in user {
        let is_taken = files.contains_key(path)
            || folders.contains(path.as_str())
            || path
                .match_indices('/')
                .any(|(i, _)| files.contains_key(&path[..i]));
        if is_taken || !live.is_reachable(path) {
            continue;
        }
        let source = live.path(path);
        if is_same_entry(&source, &tree.path(path)) {
            continue;
        }
        if *is_link {
            if let Ok(destination) = std::fs::read_link(&source) {
                tree.symlink(&destination, path)?;
            }
        } else {
            tree.link(&source, path)?;
        }
    }
    Ok(())
}

/// Whether two paths are one file (a hard link) or equal links.
pub(super) fn is_same_entry(a: &Path, b: &Path) -> bool {
    let (Ok(first), Ok(second)) = (std::fs::symlink_metadata(a), std::fs::symlink_metadata(b))
    else {
        return false;
    };
    if first.file_type().is_symlink() {
        return second.file_type().is_symlink()
            && std::fs::read_link(a).ok() == std::fs::read_link(b).ok();
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        first.dev() == second.dev() && first.ino() == second.ino()
    }
    #[cfg(not(unix))]
    {
        false
    }
}
