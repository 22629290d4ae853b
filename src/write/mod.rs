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

mod folder;
mod layout;
mod stamp;
pub mod swap;
pub mod tree;
mod user_files;

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

pub use folder::check_output_folder;
use layout::{Entries, LOCK_INSIDE, SPARE};
pub use layout::{MANIFEST, STAGING};
pub use stamp::{OutputCheck, OutputStamp};
pub(crate) use stamp::{inode_of, seconds_of};
use swap::Lock;
use tree::{Tree, step};
use user_files::{carry_user_entries, clear_unknown, entries_of, user_entries};

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

    /// Makes the new site live at once (see the module docs): the files of earlier builds
    /// this one no longer has are gone from it, and the manifest records this build.
    ///
    /// # Errors
    /// [`Error::Io`] for a file that could not be staged, moved or removed.
    pub fn commit(self) -> Result<WriteReport> {
        self.commit_keeping().map(|(report, _)| report)
    }

    /// As [`commit`](Staging::commit), also returning the manifest written, for the next
    /// build's [`begin`](Staging::begin) to use instead of reading the file back.
    ///
    /// # Errors
    /// As [`commit`](Staging::commit).
    pub fn commit_keeping(mut self) -> Result<(WriteReport, KeptManifest)> {
        let state = std::mem::take(&mut *self.state());
        if let Some(error) = state.error {
            self.abort();
            return Err(error);
        }
        let files = state.files;
        let live_inodes = state.live_inodes;
        let staged = files.values().filter(|(_, is_staged)| *is_staged).count();
        let stale: Vec<&String> = self
            .previous
            .keys()
            .filter(|path| !files.contains_key(*path))
            .collect();
        let report = WriteReport {
            written: staged,
            unchanged: files.len() - staged,
            removed: stale.iter().filter(|path| self.live.is_file(path)).count(),
        };
        let manifest: String = files
            .iter()
            .map(|(path, (hash, _))| format!("{path}\t{}\n", hash.to_hex()))
            .collect();
        let swapped_spare = match self.work.clone() {
            Some(work) => self.swap_in(&work.join(SPARE), &files, &live_inodes, &manifest)?,
            None => {
                let from = |path: &str| self.staging.path(path);
                self.apply_in_place(&files, &stale, &from, &manifest)?;
                None
            }
        };
        step();
        std::fs::remove_dir_all(self.staging.root())
            .map_err(|e| Error::io("remove", self.staging.root(), e))?;
        let kept = KeptManifest {
            stamp: stamp_of(&self.output.join(MANIFEST)),
            spare: swapped_spare,
            files: files
                .into_iter()
                .map(|(path, (hash, _))| (path, hash))
                .collect(),
            output: std::mem::take(&mut self.output),
        };
        Ok((report, kept))
    }

    /// Brings the spare tree at `spare` to the new site and swaps it with the output
    /// folder; where folders cannot be swapped, moves the changes into place instead.
    /// Returns the spare tree's manifest after the swap (the old site's).
    fn swap_in(
        &mut self,
        spare: &Path,
        files: &BTreeMap<String, (blake3::Hash, bool)>,
        live_inodes: &HashMap<String, u64>,
        manifest: &str,
    ) -> Result<Option<(Entries, Option<Stamp>)>> {
        let spare_manifest = spare.join(MANIFEST);
        let known = self.open_spare(spare)?;
        let tree = Tree::new(spare.to_path_buf(), true);
        self.fill_spare(&tree, &known, files, live_inodes)?;
        write_manifest(&tree, manifest)?;
        if swap::exchange(&self.output, spare)? {
            // The old site is the spare tree now. Where this build staged a file, the old
            // one may be missing (that is why it was staged): its entry stays, so the file
            // is removed or replaced, but with a hash that matches no file.
            let mut old = std::mem::take(&mut self.previous);
            for (path, (_, is_staged)) in files {
                if let Some(hash) = old.get_mut(path).filter(|_| *is_staged) {
                    *hash = blake3::Hash::from_bytes([0; 32]);
                }
            }
            return Ok(Some((old, stamp_of(&spare_manifest))));
        }
        let stale: Vec<&String> = self
            .previous
            .keys()
            .filter(|path| !files.contains_key(*path))
            .collect();
        let from = |path: &str| tree.path(path);
        self.apply_in_place(files, &stale, &from, manifest)?;
        Ok(None)
    }

    /// What the spare tree at `spare` holds (trusted from the last build or its manifest),
    /// or a new empty spare tree when it cannot be trusted; either way its manifest is
    /// removed, so a build stopped from here on leaves it marked half made.
    fn open_spare(&mut self, spare: &Path) -> Result<Entries> {
        let spare_manifest = spare.join(MANIFEST);
        let known = match self.kept_spare.take() {
            Some((entries, stamp)) if stamp.is_some() && stamp == stamp_of(&spare_manifest) => {
                Some(entries)
            }
            // A spare tree that is not a real folder is not trusted.
            _ if std::fs::symlink_metadata(spare).is_ok_and(|m| m.is_dir()) => {
                read_manifest(&spare_manifest)
            }
            _ => None,
        };
        let known = match known {
            Some(known) => known,
            None => {
                // Never finished, or left by a killed build: start it again from nothing.
                if std::fs::symlink_metadata(spare).is_ok() {
                    step();
                    std::fs::remove_dir_all(spare).map_err(|e| Error::io("remove", spare, e))?;
                }
                step();
                std::fs::create_dir(spare).map_err(|e| Error::io("create folder", spare, e))?;
                Entries::new()
            }
        };
        // From here on the spare tree is half made until its manifest is written again.
        if std::fs::symlink_metadata(&spare_manifest).is_ok() {
            step();
            std::fs::remove_file(&spare_manifest)
                .map_err(|e| Error::io("remove", &spare_manifest, e))?;
        }
        Ok(known)
    }

    /// Makes `tree` (the spare tree, holding `known`) the new site: clears what it should
    /// not hold, removes the stale files and links in every staged or changed one and the
    /// user's files. Where the spare tree was listed, a file it holds is kept only if it is
    /// the live file vouched for (`live_inodes`): a file edited in place through its other
    /// link, or replaced, is linked again.
    fn fill_spare(
        &self,
        tree: &Tree,
        known: &Entries,
        files: &BTreeMap<String, (blake3::Hash, bool)>,
        live_inodes: &HashMap<String, u64>,
    ) -> Result<()> {
        // The live folder is walked for the user's files and the spare tree for what it holds
        // (a series of builds trusts the spare tree's manifest instead); both at once.
        let (user, spare_entries) = if self.carries_user_files {
            let (user, spare_entries) = rayon::join(
                || user_entries(&self.output, &self.previous),
                || entries_of(tree.root()),
            );
            (user, Some(spare_entries))
        } else {
            (Vec::new(), None)
        };
        let present = spare_entries
            .map(|entries| clear_unknown(tree, entries, files, &user))
            .transpose()?;
        for path in known.keys().filter(|path| !files.contains_key(*path)) {
            tree.remove(path)?;
        }
        files
            .par_iter()
            .try_for_each(|(path, (hash, is_staged))| -> Result<()> {
                let is_there = known.get(path) == Some(hash)
                    && present.as_ref().is_none_or(|present| {
                        present.get(path).is_some_and(|inode| {
                            *inode != 0 && live_inodes.get(path) == Some(inode)
                        })
                    });
                if *is_staged {
                    tree.link(&self.staging.path(path), path)
                } else if is_there {
                    Ok(())
                } else {
                    tree.link(&self.live.path(path), path)
                }
            })?;
        carry_user_entries(tree, &self.live, files, &user)
    }

    /// Moves the changed files into the live output folder one by one (each by a rename,
    /// so a reader never sees half a file) and removes the stale ones.
    fn apply_in_place(
        &self,
        files: &BTreeMap<String, (blake3::Hash, bool)>,
        stale: &[&String],
        from: &(dyn Fn(&str) -> PathBuf + Sync),
        manifest: &str,
    ) -> Result<()> {
        let staged: Vec<&String> = files
            .iter()
            .filter(|(_, (_, is_staged))| *is_staged)
            .map(|(path, _)| path)
            .collect();
        staged
            .par_iter()
            .try_for_each(|path| self.live.link(&from(path), path))?;
        let mut stale = stale.to_vec();
        stale.sort();
        for path in stale {
            self.live.remove(path)?;
        }
        write_manifest(&self.live, manifest)
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

/// Writes `manifest` into `tree` by a rename, so it is whole or absent.
fn write_manifest(tree: &Tree, manifest: &str) -> Result<()> {
    let temporary = format!("{MANIFEST}.new");
    tree.write(&temporary, manifest.as_bytes())?;
    let target = tree.path(MANIFEST);
    step();
    std::fs::rename(tree.path(&temporary), &target).map_err(|e| Error::io("write", &target, e))
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
