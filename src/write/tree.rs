//! Tree: the one place that changes files in an output folder, and it never follows a link.
//!
//! A `Tree` is a folder the build writes: the live output folder, the spare tree the next
//! site is put together in, or the staging folder. Every path given to it is relative and
//! made only of plain names, and every folder on the way is checked with `lstat` (not
//! `stat`) to be a real folder, so a symbolic link inside the tree is never followed: the
//! link `public/articles -> ../content` cannot make a write land in `content/`, and a stale
//! page under `public/topics -> /elsewhere` is left alone rather than deleted there. In a
//! tree only shelf writes (`is_owned`), a link or file standing where the site needs a
//! folder is removed (it is the build's copy of the user's link, not the user's); in the
//! live output folder such a write is refused with an error. Folders found real are
//! remembered for the tree's life, so the check costs one `lstat` per folder per build.
//!
//! Every change goes through `step`, the fault-injection hook: in debug builds,
//! `SHELF_FAULT_AFTER=N` aborts the process just before the change after the `N`th, as a
//! `kill -9` at that instant would, so tests can check that a build killed at any step
//! leaves a complete site.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};

/// The environment variable of the fault-injection hook (debug builds only).
pub const FAULT_AFTER: &str = "SHELF_FAULT_AFTER";

/// Called before every change a build makes on disk; aborts the process at the configured
/// step in debug builds (see the module docs), and does nothing in release builds.
pub(crate) fn step() {
    #[cfg(debug_assertions)]
    {
        use std::sync::OnceLock;
        use std::sync::atomic::{AtomicUsize, Ordering};
        static LIMIT: OnceLock<Option<usize>> = OnceLock::new();
        static DONE: AtomicUsize = AtomicUsize::new(0);
        let limit = LIMIT.get_or_init(|| std::env::var(FAULT_AFTER).ok()?.parse().ok());
        if let Some(limit) = limit
            && DONE.fetch_add(1, Ordering::SeqCst) >= *limit
        {
            std::process::abort();
        }
    }
}

/// A folder the build writes, with the folders inside it already found real.
#[derive(Debug)]
pub(crate) struct Tree {
    root: PathBuf,
    is_owned: bool,
    real_folders: Mutex<HashSet<String>>,
}

/// The folders of a relative path, outermost first: `a/b/c.html` → `a`, `a/b`.
fn folders_of(relative: &str) -> impl Iterator<Item = &str> {
    relative
        .match_indices('/')
        .map(move |(index, _)| &relative[..index])
}

impl Tree {
    /// The tree at `root`; `is_owned` when only shelf writes inside it.
    pub(crate) fn new(root: PathBuf, is_owned: bool) -> Tree {
        Tree {
            root,
            is_owned,
            real_folders: Mutex::new(HashSet::new()),
        }
    }

    /// The tree's folder.
    pub(crate) fn root(&self) -> &Path {
        &self.root
    }

    /// The full path of `relative`.
    pub(crate) fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    fn known(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        // A poisoned lock only means another thread panicked; the set is still sound.
        self.real_folders.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether every folder on the way to `relative` is a real folder (no link).
    pub(crate) fn is_reachable(&self, relative: &str) -> bool {
        folders_of(relative).all(|folder| {
            if self.known().contains(folder) {
                return true;
            }
            let is_real = std::fs::symlink_metadata(self.path(folder)).is_ok_and(|m| m.is_dir());
            if is_real {
                self.known().insert(folder.to_string());
            }
            is_real
        })
    }

    /// Whether `relative` is a regular file reached through real folders only.
    pub(crate) fn is_file(&self, relative: &str) -> bool {
        self.is_reachable(relative)
            && std::fs::symlink_metadata(self.path(relative)).is_ok_and(|m| m.is_file())
    }

    /// Creates the folders of `relative` that are missing, each a real folder.
    ///
    /// # Errors
    /// [`Error::Io`] when a folder cannot be made, or when a link or file stands in the
    /// way in a tree that is not shelf's own.
    fn make_folders(&self, relative: &str) -> Result<()> {
        for folder in folders_of(relative) {
            if self.known().contains(folder) {
                continue;
            }
            let path = self.path(folder);
            match std::fs::symlink_metadata(&path) {
                Ok(metadata) if metadata.is_dir() => {}
                Ok(_) if self.is_owned => {
                    step();
                    std::fs::remove_file(&path).map_err(|e| Error::io("remove", &path, e))?;
                    step();
                    std::fs::create_dir(&path).map_err(|e| Error::io("create folder", &path, e))?;
                }
                Ok(_) => {
                    return Err(Error::io(
                        "write into",
                        &path,
                        io::Error::other(
                            "it is a link or a file, not a folder; shelf never writes \
                             through a link in the output folder (remove it and build again)",
                        ),
                    ));
                }
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    step();
                    match std::fs::create_dir(&path) {
                        Ok(()) => {}
                        // Another render thread made it first.
                        Err(e) if e.kind() == io::ErrorKind::AlreadyExists => {
                            if !std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
                                return Err(Error::io("create folder", &path, e));
                            }
                        }
                        Err(e) => return Err(Error::io("create folder", &path, e)),
                    }
                }
                Err(e) => return Err(Error::io("create folder", &path, e)),
            }
            self.known().insert(folder.to_string());
        }
        Ok(())
    }

    /// In a tree of shelf's own, removes a folder standing where `relative` must be a file.
    fn clear_folder_at(&self, relative: &str) -> Result<()> {
        let path = self.path(relative);
        if self.is_owned && std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            step();
            std::fs::remove_dir_all(&path).map_err(|e| Error::io("remove", &path, e))?;
            self.known()
                .retain(|known| !Path::new(known).starts_with(relative));
        }
        Ok(())
    }

    /// Writes a new file at `relative`.
    ///
    /// # Errors
    /// [`Error::Io`] when a folder or the file cannot be written.
    pub(crate) fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        self.make_folders(relative)?;
        self.clear_folder_at(relative)?;
        let path = self.path(relative);
        step();
        std::fs::write(&path, bytes).map_err(|e| Error::io("write", &path, e))
    }

    /// Puts the regular file `from` at `relative` as a hard link (so its bytes and
    /// modification time stay those of `from`), replacing what is there in one rename.
    /// Where no link can be made (another file system), the file is copied with its
    /// modification time.
    ///
    /// # Errors
    /// [`Error::Io`] when the file cannot be linked, copied or moved into place.
    pub(crate) fn link(&self, from: &Path, relative: &str) -> Result<()> {
        self.make_folders(relative)?;
        self.clear_folder_at(relative)?;
        let target = self.path(relative);
        let temporary = self.temporary_beside(relative);
        remove_if_there(&temporary)?;
        step();
        if std::fs::hard_link(from, &temporary).is_err() {
            copy_keeping_time(from, &temporary).map_err(|e| Error::io("copy", from, e))?;
        }
        step();
        std::fs::rename(&temporary, &target).map_err(|e| Error::io("write", &target, e))
    }

    /// Puts a symbolic link to `destination` at `relative` (a copy of a link the user made).
    ///
    /// # Errors
    /// [`Error::Io`] when the link cannot be made.
    pub(crate) fn symlink(&self, destination: &Path, relative: &str) -> Result<()> {
        self.make_folders(relative)?;
        self.clear_folder_at(relative)?;
        let target = self.path(relative);
        let temporary = self.temporary_beside(relative);
        remove_if_there(&temporary)?;
        step();
        make_symlink(destination, &temporary).map_err(|e| Error::io("link", &temporary, e))?;
        step();
        std::fs::rename(&temporary, &target).map_err(|e| Error::io("write", &target, e))
    }

    fn temporary_beside(&self, relative: &str) -> PathBuf {
        let (folder, name) = relative.rsplit_once('/').unwrap_or(("", relative));
        self.path(folder).join(format!(".shelf-new-{name}"))
    }

    /// Removes the file or link at `relative` and then the folders it leaves empty. A path
    /// reached through a link is left alone: it is not inside the tree. Returns whether
    /// something was removed.
    ///
    /// # Errors
    /// [`Error::Io`] when the file exists but cannot be removed.
    pub(crate) fn remove(&self, relative: &str) -> Result<bool> {
        if !self.is_reachable(relative) {
            return Ok(false);
        }
        let path = self.path(relative);
        if std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir()) {
            return Ok(false);
        }
        step();
        match std::fs::remove_file(&path) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(false),
            Err(e) => return Err(Error::io("remove", &path, e)),
        }
        let folders: Vec<&str> = folders_of(relative).collect();
        for folder in folders.into_iter().rev() {
            step();
            if std::fs::remove_dir(self.path(folder)).is_err() {
                break;
            }
            self.known().remove(folder);
        }
        Ok(true)
    }
}

fn remove_if_there(path: &Path) -> Result<()> {
    if std::fs::symlink_metadata(path).is_ok() {
        step();
        std::fs::remove_file(path).map_err(|e| Error::io("remove", path, e))?;
    }
    Ok(())
}

fn copy_keeping_time(from: &Path, to: &Path) -> io::Result<()> {
    std::fs::copy(from, to)?;
    let modified = std::fs::metadata(from)?.modified()?;
    std::fs::File::options()
        .write(true)
        .open(to)?
        .set_modified(modified)
}

#[cfg(unix)]
fn make_symlink(destination: &Path, at: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(destination, at)
}

#[cfg(not(unix))]
fn make_symlink(_destination: &Path, _at: &Path) -> io::Result<()> {
    Err(io::Error::other("links are not copied on this system"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_live_tree_refuses_to_write_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let (live, outside) = (dir.path().join("public"), dir.path().join("content"));
        std::fs::create_dir_all(&live).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, live.join("articles")).unwrap();
        let tree = Tree::new(live.clone(), false);
        let error = tree.write("articles/a/index.html", b"x").unwrap_err();
        assert!(
            error.to_string().contains("never writes through a link"),
            "{error}"
        );
        assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
        assert!(!tree.is_file("articles/a/index.html"));
        std::fs::write(outside.join("kept.html"), "keep").unwrap();
        assert!(!tree.remove("articles/kept.html").unwrap());
        assert!(outside.join("kept.html").exists());
    }

    #[test]
    fn an_owned_tree_replaces_a_link_by_a_folder() {
        let dir = tempfile::tempdir().unwrap();
        let (spare, outside) = (dir.path().join("spare"), dir.path().join("content"));
        std::fs::create_dir_all(&spare).unwrap();
        std::fs::create_dir_all(&outside).unwrap();
        std::os::unix::fs::symlink(&outside, spare.join("articles")).unwrap();
        let tree = Tree::new(spare.clone(), true);
        tree.write("articles/a/index.html", b"x").unwrap();
        assert!(std::fs::read_dir(&outside).unwrap().next().is_none());
        assert!(tree.is_file("articles/a/index.html"));
        assert!(tree.remove("articles/a/index.html").unwrap());
        assert!(!spare.join("articles").exists(), "emptied folders go too");
    }

    #[test]
    fn a_link_keeps_the_file_and_its_time() {
        let dir = tempfile::tempdir().unwrap();
        let from = dir.path().join("from.html");
        std::fs::write(&from, "page").unwrap();
        let tree = Tree::new(dir.path().join("spare"), true);
        std::fs::create_dir_all(tree.root()).unwrap();
        tree.write("a/index.html", b"old").unwrap();
        tree.link(&from, "a/index.html").unwrap();
        let linked = tree.path("a/index.html");
        assert_eq!(std::fs::read_to_string(&linked).unwrap(), "page");
        assert_eq!(
            std::fs::metadata(&linked).unwrap().modified().unwrap(),
            std::fs::metadata(&from).unwrap().modified().unwrap()
        );
        let names: Vec<_> = std::fs::read_dir(tree.path("a")).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary file is left");
    }
}
