//! Commit: makes a build's staged files the live site at once (see the [module
//! docs](super)): the spare tree is brought to the new site (staged files moved in, unchanged
//! ones hard-linked from the live site, stale ones removed, the user's files carried over)
//! and swapped with the output folder; where folders cannot be swapped, the changes are
//! moved into place one by one.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::layout::{Entries, SPARE};
use super::tree::{Tree, step};
use super::user_files::{carry_user_entries, clear_unknown, entries_of, user_entries};
use super::{KeptManifest, MANIFEST, Staging, Stamp, WriteReport, read_manifest, stamp_of, swap};
use crate::error::{Error, Result};

impl Staging<'_> {
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
}

/// Writes `manifest` into `tree` by a rename, so it is whole or absent.
fn write_manifest(tree: &Tree, manifest: &str) -> Result<()> {
    let temporary = format!("{MANIFEST}.new");
    tree.write(&temporary, manifest.as_bytes())?;
    let target = tree.path(MANIFEST);
    step();
    std::fs::rename(tree.path(&temporary), &target).map_err(|e| Error::io("write", &target, e))
}
