//! Write: rendered files → the output folder, all at once, touching only what changed.
//!
//! Takes each file as rendering finishes it ([`Staging`] is the renderer's [`Output`]);
//! compacts HTML (one pass of [`compact`](crate::render::compact) by default; minify-html's
//! full parse with `minify = "full"`, see [`Minify`]) and compares the bytes' hash with the one the last build recorded in `.shelf-manifest`; a file
//! with the same hash is kept only if it is still the file that build wrote (its stamp as
//! the build cache recorded it, or its bytes hashed again: see [`OutputCheck`]), so a file
//! edited in place or replaced is written again. A changed or new file goes into a staging
//! folder, so memory holds one page at a time, not the site. Only when the whole site rendered does [`Staging::commit`] make it live:
//!
//! 1. The spare tree beside the output folder (see [`swap`]) is brought to the new site:
//!    staged files are moved in, unchanged files are hard-linked from the live site (so
//!    their modification times stay and a deploy skips them), and what the new site lacks
//!    is removed. The spare tree is the site two builds ago, so this costs what changed in
//!    the last two builds, not the size of the site. Its manifest is removed first and
//!    written last: a spare tree without one is rebuilt from the live site next time.
//! 2. The spare tree and the output folder are swapped in one system call
//!    (`renameat2(RENAME_EXCHANGE)`): a reader, a server or a deploy sees the old site or
//!    the new one, never a mix, and a build killed at any instant leaves one of the two.
//!
//! Files the user put in the output folder (a `CNAME`, say) are carried into each new site
//! (found by walking the live folder; skipped for `shelf serve`'s own folder, where nobody
//! puts files), except where the new site has a file or folder at the same place. Every
//! write and delete goes through `tree::Tree`, which never follows a symbolic link, so
//! nothing outside the output folder is ever written or deleted; an output folder that
//! would overwrite the project is refused ([`check_output_folder`]). A lock on the output
//! folder refuses a second build into it while one runs. Where folders cannot be swapped,
//! the changed files are moved into place one by one instead (see [`swap`]). A failed
//! build calls [`Staging::abort`] and the output stays exactly as it was.
//!
//! This file stages; `commit.rs` makes a build live (the spare tree and the swap), and the
//! smaller parts are one file each: `folder.rs`, `layout.rs`, `stamp.rs`, `swap.rs`,
//! `tree.rs`, `user_files.rs`.

mod commit;
mod folder;
mod layout;
mod stamp;
pub mod swap;
pub mod tree;
mod user_files;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

pub use folder::check_output_folder;
use layout::{Entries, LOCK_INSIDE};
pub use layout::{MANIFEST, STAGING};
pub use stamp::{OutputCheck, OutputStamp};
pub(crate) use stamp::{inode_of, seconds_of};
use swap::Lock;
use tree::{Tree, step};

use crate::config::Minify;
use crate::error::{Error, Result};
use crate::render::Output;

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

/// Which minified page came from which rendered page: blake3 of the page as rendered →
/// blake3 of it minified. With it, a rebuild skips minifying a page that rendered as
/// before and is already on disk.
pub type MinifyMemo = HashMap<blake3::Hash, blake3::Hash>;

/// How [`Staging`] compacts HTML pages: one pass of [`compact`](crate::render::compact), or
/// minify-html with these settings for [`Minify::Full`] ([`Minify::Off`] has none).
struct Compaction {
    /// minify-html's settings for [`Minify::Full`]; `None` for the one-pass compaction.
    full: Option<minify_html::Cfg>,
}

impl Compaction {
    /// The compaction of `mode`; `None` for [`Minify::Off`].
    fn of(mode: Minify) -> Option<Compaction> {
        let full = match mode {
            Minify::Off => return None,
            Minify::Compact => None,
            Minify::Full => {
                let mut config = minify_html::Cfg::new();
                config.minify_css = true;
                config.minify_js = true;
                // `<html lang>` and `<head>` carry attributes and meaning for validators.
                config.keep_html_and_head_opening_tags = true;
                Some(config)
            }
        };
        Some(Compaction { full })
    }

    /// The page compacted.
    fn apply(&self, page: &[u8]) -> Vec<u8> {
        match &self.full {
            Some(config) => minify_html::minify(page, config),
            None => crate::render::compact::compact(page),
        }
    }

    /// The memo's key for `page`: its hash, salted with the mode.
    fn key(&self, page: &[u8]) -> blake3::Hash {
        let mut hasher = blake3::Hasher::new();
        hasher.update(&[u8::from(self.full.is_some())]);
        hasher.update(page);
        hasher.finalize()
    }
}

/// An output that writes nothing: for `shelf check`.
#[derive(Debug, Default)]
pub struct Discard;

impl Output for Discard {
    fn put(&self, _path: &str, _bytes: Vec<u8>) -> Option<blake3::Hash> {
        None
    }

    fn has(&self, _path: &str, _written: &blake3::Hash) -> bool {
        false
    }

    fn keep(&self, _files: &[(&str, blake3::Hash)]) {}
}

/// A file's size and modification time.
type Stamp = (u64, std::time::SystemTime);

/// A build's writes in progress: the [`Output`] rendering puts files into.
pub struct Staging<'m> {
    /// The output folder, resolved.
    output: PathBuf,
    live: Tree,
    staging: Tree,
    /// The work folder beside the output, when one could be made.
    work: Option<PathBuf>,
    _lock: Lock,
    /// Whether this build created the output folder (so abort removes it again).
    created_output: bool,
    /// Whether files the user put in the output folder are looked for and carried over.
    carries_user_files: bool,
    /// How HTML pages are compacted, with minify-html's settings for [`Minify::Full`].
    minify: Option<Compaction>,
    /// Path → hash, as the last build recorded them.
    previous: Entries,
    /// The spare tree's manifest as the last build of this process left it.
    kept_spare: Option<(Entries, Option<Stamp>)>,
    memo: Option<&'m MinifyMemo>,
    /// How a file the last build wrote is found still as written.
    check: OutputCheck,
    state: Mutex<StagingState>,
}

#[derive(Debug, Default)]
struct StagingState {
    /// Every file of this build: path → (hash, whether it is staged).
    files: BTreeMap<String, (blake3::Hash, bool)>,
    memo: MinifyMemo,
    /// The inode of each live file vouched for as the last build left it.
    live_inodes: HashMap<String, u64>,
    /// The first write that failed.
    error: Option<Error>,
}

impl std::fmt::Debug for Staging<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staging")
            .field("output", &self.output)
            .field(
                "full_minify",
                &self.minify.as_ref().map(|c| c.full.is_some()),
            )
            .finish_non_exhaustive()
    }
}

impl<'m> Staging<'m> {
    /// Starts a build's writes into `output`, minifying HTML when `minify` is set, and takes
    /// the output folder's lock. `memo` is the last build's [`MinifyMemo`] in a series of
    /// builds (`shelf serve`); such a series writes a folder of its own, so files nobody
    /// but shelf put there are not looked for. `kept` is the manifest the last build of
    /// this process committed.
    ///
    /// # Errors
    /// [`Error::Usage`] when another build holds the lock; [`Error::Io`] when the output
    /// or staging folder cannot be created.
    pub fn begin(
        output: &Path,
        minify: Minify,
        memo: Option<&'m MinifyMemo>,
        kept: Option<KeptManifest>,
    ) -> Result<Self> {
        let created_output = std::fs::symlink_metadata(output).is_err();
        if created_output {
            step();
        }
        std::fs::create_dir_all(output).map_err(|e| Error::io("create folder", output, e))?;
        // An output folder that is a link is swapped where it points, so the link stays.
        let output = std::fs::canonicalize(output).map_err(|e| Error::io("resolve", output, e))?;
        let work = swap::work_folder(&output).filter(|work| {
            std::fs::symlink_metadata(work).is_ok_and(|m| m.is_dir()) || {
                step();
                std::fs::create_dir(work).is_ok()
            }
        });
        let (lock, staging) = match &work {
            Some(work) => (
                swap::lock(&work.join(swap::LOCK), &output)?,
                work.join(STAGING),
            ),
            None => (
                swap::lock(&output.join(LOCK_INSIDE), &output)?,
                output.join(STAGING),
            ),
        };
        // Left over from a build that was killed: nothing in it was committed.
        if std::fs::symlink_metadata(&staging).is_ok() {
            step();
            std::fs::remove_dir_all(&staging).map_err(|e| Error::io("remove", &staging, e))?;
        }
        step();
        std::fs::create_dir_all(&staging).map_err(|e| Error::io("create folder", &staging, e))?;
        let manifest = output.join(MANIFEST);
        // The manifests this process committed last, unless the files changed since.
        let kept = kept.filter(|k| k.output == output);
        let (previous, kept_spare) = match kept {
            Some(kept) if kept.stamp.is_some() && kept.stamp == stamp_of(&manifest) => {
                (kept.files, kept.spare)
            }
            _ => (read_manifest(&manifest).unwrap_or_default(), None),
        };
        let minify = Compaction::of(minify);
        Ok(Staging {
            live: Tree::new(output.clone(), false),
            staging: Tree::new(staging, true),
            output,
            work,
            _lock: lock,
            created_output,
            carries_user_files: memo.is_none(),
            minify,
            previous,
            kept_spare,
            check: if memo.is_some() {
                OutputCheck::Exists
            } else {
                OutputCheck::Content
            },
            memo,
            state: Mutex::new(StagingState::default()),
        })
    }

    /// These writes, finding the last build's files still as written by `check` (by default
    /// their bytes are hashed again, or, in a series of builds, their existence is enough).
    pub fn with_check(self, check: OutputCheck) -> Self {
        Staging { check, ..self }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, StagingState> {
        // A poisoned lock only means a render thread panicked; the state is still sound.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the last build wrote `path` with this hash and the file is still as written
    /// (see [`OutputCheck`]); remembers the inode of a file that is.
    fn is_on_disk(&self, path: &str, hash: &blake3::Hash) -> bool {
        if self.previous.get(path) != Some(hash) || !self.live.is_reachable(path) {
            return false;
        }
        let Some(inode) = stamp::vouch(&self.check, path, &self.live.path(path), hash) else {
            return false;
        };
        if !matches!(self.check, OutputCheck::Exists) {
            self.state().live_inodes.insert(path.to_string(), inode);
        }
        true
    }

    fn stage(&self, path: &str, bytes: &[u8]) -> Result<()> {
        if !is_safe_relative(path) {
            return Err(Error::io(
                "write",
                path,
                std::io::Error::other("not a path inside the output folder"),
            ));
        }
        self.staging.write(path, bytes)
    }

    /// This build's [`MinifyMemo`], to keep for the next build.
    pub fn take_memo(&self) -> MinifyMemo {
        std::mem::take(&mut self.state().memo)
    }

    /// Throws away everything this build staged; the output folder is left as it was.
    pub fn abort(self) {
        // Best effort: what cannot be removed is only a hidden folder the next build clears.
        let _ = std::fs::remove_dir_all(self.staging.root());
        if self.created_output {
            let _ = std::fs::remove_dir(&self.output);
            if let Some(work) = &self.work {
                let _ = std::fs::remove_dir_all(work);
            }
        }
    }
}

impl Output for Staging<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Option<blake3::Hash> {
        let minify = self.minify.as_ref().filter(|_| path.ends_with(".html"));
        let (hash, bytes) = match minify {
            Some(compaction) => {
                // Only a series of builds keeps a memo; a one-off build need not hash the
                // page twice (the hash of the rendered page, and of the mode, is the memo's
                // key, so a memo of one mode never answers for another).
                let rendered = self.memo.map(|memo| (memo, compaction.key(&bytes)));
                let known =
                    rendered.and_then(|(memo, rendered)| Some((memo.get(&rendered)?, rendered)));
                if let Some((hash, rendered)) =
                    known.filter(|(hash, _)| self.is_on_disk(path, hash))
                {
                    let mut state = self.state();
                    state.memo.insert(rendered, *hash);
                    state.files.insert(path.to_string(), (*hash, false));
                    return Some(*hash);
                }
                let minified = compaction.apply(&bytes);
                let hash = blake3::hash(&minified);
                if let Some((_, rendered)) = rendered {
                    self.state().memo.insert(rendered, hash);
                }
                (hash, minified)
            }
            None => (blake3::hash(&bytes), bytes),
        };
        let is_staged = !self.is_on_disk(path, &hash);
        let failed = if is_staged {
            self.stage(path, &bytes).err()
        } else {
            None
        };
        let mut state = self.state();
        state.files.insert(path.to_string(), (hash, is_staged));
        if let Some(error) = failed {
            state.error.get_or_insert(error);
        }
        Some(hash)
    }

    fn has(&self, path: &str, written: &blake3::Hash) -> bool {
        // A series of builds into its own folder trusts its manifest, as it always did (a
        // `stat` of every kept page would cost more than the edit).
        match self.check {
            OutputCheck::Exists => self.previous.get(path) == Some(written),
            _ => self.is_on_disk(path, written),
        }
    }

    fn keep(&self, files: &[(&str, blake3::Hash)]) {
        let mut state = self.state();
        for (path, written) in files {
            state.files.insert((*path).to_string(), (*written, false));
        }
    }
}

/// The manifests a build committed, for the next build into the same folder: the live
/// site's entries and the spare tree's, and each file's size and modification time when it
/// was written, so that a manifest changed since (by another build) is read again.
#[derive(Debug, Default)]
pub struct KeptManifest {
    output: PathBuf,
    files: Entries,
    stamp: Option<Stamp>,
    spare: Option<(Entries, Option<Stamp>)>,
}

impl KeptManifest {
    /// The path of every file the build wrote or kept, relative to the output folder.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }
}

/// A file's size and modification time, if it can be read.
fn stamp_of(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// The manifest's entries with their hashes, or `None` without a manifest; entries that are
/// unsafe or from an older manifest without hashes are left out (their files are then
/// written again).
fn read_manifest(path: &Path) -> Option<Entries> {
    let text = std::fs::read_to_string(path).ok()?;
    Some(
        text.lines()
            .filter_map(|line| {
                let (path, hash) = line.split_once('\t')?;
                let hash = blake3::Hash::from_hex(hash).ok()?;
                is_safe_relative(path).then(|| (path.to_string(), hash))
            })
            .collect(),
    )
}

/// Writes `files` into `output` as one build, skipping identical files and removing stale
/// ones. For tools and tests; builds stream through [`Staging`].
///
/// # Errors
/// [`Error::Io`] for the first file or folder that cannot be written or removed.
pub fn write_to_disk(output: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<WriteReport> {
    let staging = Staging::begin(output, Minify::Off, None, None)?;
    for (path, bytes) in files {
        staging.put(path, bytes.clone());
    }
    staging.commit()
}

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && !path.contains('\\')
}

#[cfg(test)]
mod tests;
