//! Write: rendered files → the output folder, touching only what changed.
//!
//! Takes each file as rendering finishes it ([`Staging`] is the renderer's
//! [`Output`]); minifies HTML (minify-html, in spec compliant mode
//! so the W3C checker still passes) and compares the bytes' hash with the one the last
//! build recorded. A changed or new file goes into a staging folder inside the output
//! folder, so memory holds one page at a time, not the site. Only when the whole site
//! rendered does [`Staging::commit`] move the staged files into place (each by a rename, so
//! a reader never sees half a file), remove files an earlier build wrote that this one no
//! longer produces, and record what it wrote in `.shelf-manifest`; a failed build calls
//! [`Staging::abort`] and the previous output stays exactly as it was. Files the user put
//! in the output folder (a `CNAME`, say) are never deleted. Nothing outside the output
//! folder is ever written, and an output folder that would overwrite the project is
//! refused.

use std::collections::{BTreeMap, HashMap};
use std::path::{Component, Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Diagnostic, Error, Result};
use crate::load::{CONTENT_DIR, SEEDS_DIR, THEMES_DIR};
use crate::render::Output;

/// The file listing what the last build wrote (path, tab, blake3 hash of the bytes),
/// inside the output folder.
pub const MANIFEST: &str = ".shelf-manifest";

/// The folder inside the output folder where a build puts changed files until it commits.
pub const STAGING: &str = ".shelf-staging";

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

/// A build's writes in progress: the [`Output`] rendering puts files into.
pub struct Staging<'m> {
    output: PathBuf,
    staging: PathBuf,
    /// Whether this build created the output folder (so abort removes it again).
    created_output: bool,
    minify: Option<minify_html::Cfg>,
    /// Path → hash, as the last build recorded them.
    previous: HashMap<String, blake3::Hash>,
    memo: Option<&'m MinifyMemo>,
    state: Mutex<StagingState>,
}

#[derive(Debug, Default)]
struct StagingState {
    /// Every file of this build: path → (hash, whether it is staged).
    files: BTreeMap<String, (blake3::Hash, bool)>,
    memo: MinifyMemo,
    /// The first write that failed.
    error: Option<Error>,
}

impl std::fmt::Debug for Staging<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Staging")
            .field("output", &self.output)
            .field("minify", &self.minify.is_some())
            .finish_non_exhaustive()
    }
}

impl<'m> Staging<'m> {
    /// Starts a build's writes into `output`, minifying HTML when `minify` is set. `memo`
    /// is the last build's [`MinifyMemo`], if one is kept.
    ///
    /// # Errors
    /// [`Error::Io`] when the output or staging folder cannot be created.
    pub fn begin(
        output: &Path,
        minify: bool,
        memo: Option<&'m MinifyMemo>,
        kept: Option<KeptManifest>,
    ) -> Result<Self> {
        let created_output = !output.exists();
        std::fs::create_dir_all(output).map_err(|e| Error::io("create folder", output, e))?;
        let staging = output.join(STAGING);
        // Left over from a build that was killed: nothing in it was committed.
        if staging.exists() {
            std::fs::remove_dir_all(&staging).map_err(|e| Error::io("remove", &staging, e))?;
        }
        let manifest = output.join(MANIFEST);
        // The manifest this process committed last, unless the file changed since.
        let previous = match kept
            .filter(|k| k.output == output && k.stamp.is_some() && k.stamp == stamp_of(&manifest))
        {
            Some(kept) => kept.files,
            None => read_manifest(&manifest),
        };
        let minify = minify.then(|| {
            let mut config = minify_html::Cfg::new();
            config.minify_css = true;
            config.minify_js = true;
            // `<html lang>` and `<head>` carry attributes and meaning for validators and readers.
            config.keep_html_and_head_opening_tags = true;
            config
        });
        Ok(Staging {
            output: output.to_path_buf(),
            staging,
            created_output,
            minify,
            previous,
            memo,
            state: Mutex::new(StagingState::default()),
        })
    }

    fn state(&self) -> std::sync::MutexGuard<'_, StagingState> {
        // A poisoned lock only means a render thread panicked; the state is still sound.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Whether the last build wrote `path` with this hash and the file is still there.
    fn is_on_disk(&self, path: &str, hash: &blake3::Hash) -> bool {
        self.previous.get(path) == Some(hash) && self.output.join(path).is_file()
    }

    fn stage(&self, path: &str, bytes: &[u8]) -> Result<()> {
        let staged = self.staging.join(path);
        if let Some(parent) = staged.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
        }
        std::fs::write(&staged, bytes).map_err(|e| Error::io("write", &staged, e))
    }

    /// This build's [`MinifyMemo`], to keep for the next build.
    pub fn take_memo(&self) -> MinifyMemo {
        std::mem::take(&mut self.state().memo)
    }

    /// Moves every staged file into place, removes the files of earlier builds this one no
    /// longer has, and records this build in the manifest.
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
    pub fn commit_keeping(self) -> Result<(WriteReport, KeptManifest)> {
        let state = std::mem::take(&mut *self.state());
        if let Some(error) = state.error {
            self.abort();
            return Err(error);
        }
        let staged: Vec<&String> = state
            .files
            .iter()
            .filter(|(_, (_, is_staged))| *is_staged)
            .map(|(path, _)| path)
            .collect();
        staged.par_iter().try_for_each(|path| {
            let target = self.output.join(path);
            if let Some(parent) = target.parent() {
                std::fs::create_dir_all(parent)
                    .map_err(|e| Error::io("create folder", parent, e))?;
            }
            let staged = self.staging.join(path);
            // A rename cannot cross file systems (a folder of the output may be a mount or a
            // link elsewhere); a copy can.
            std::fs::rename(&staged, &target)
                .or_else(|_| std::fs::copy(&staged, &target).map(|_| ()))
                .map_err(|e| Error::io("write", &target, e))
        })?;
        let mut report = WriteReport {
            written: staged.len(),
            unchanged: state.files.len() - staged.len(),
            removed: 0,
        };
        let mut stale: Vec<&String> = self
            .previous
            .keys()
            .filter(|p| !state.files.contains_key(*p))
            .collect();
        stale.sort();
        for stale in stale {
            let path = self.output.join(stale);
            match std::fs::remove_file(&path) {
                Ok(()) => report.removed += 1,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io("remove", path, e)),
            }
            remove_empty_parents(&self.output, &path);
        }
        let manifest: String = state
            .files
            .iter()
            .map(|(path, (hash, _))| format!("{path}\t{}\n", hash.to_hex()))
            .collect();
        let manifest_path = self.output.join(MANIFEST);
        let temporary = self.staging.join(MANIFEST);
        std::fs::create_dir_all(&self.staging)
            .map_err(|e| Error::io("create folder", &self.staging, e))?;
        std::fs::write(&temporary, manifest).map_err(|e| Error::io("write", &temporary, e))?;
        std::fs::rename(&temporary, &manifest_path)
            .map_err(|e| Error::io("write", &manifest_path, e))?;
        std::fs::remove_dir_all(&self.staging)
            .map_err(|e| Error::io("remove", &self.staging, e))?;
        let kept = KeptManifest {
            stamp: stamp_of(&manifest_path),
            files: state
                .files
                .into_iter()
                .map(|(path, (hash, _))| (path, hash))
                .collect(),
            output: self.output.clone(),
        };
        Ok((report, kept))
    }

    /// Throws away everything this build staged; the output folder is left as it was.
    pub fn abort(self) {
        // Best effort: what cannot be removed is only a hidden folder the next build clears.
        let _ = std::fs::remove_dir_all(&self.staging);
        if self.created_output {
            let _ = std::fs::remove_dir(&self.output);
        }
    }
}

impl Output for Staging<'_> {
    fn put(&self, path: &str, bytes: Vec<u8>) -> Option<blake3::Hash> {
        let minify = self.minify.as_ref().filter(|_| path.ends_with(".html"));
        let (hash, bytes) = match minify {
            Some(config) => {
                let rendered = blake3::hash(&bytes);
                let known = self.memo.and_then(|memo| memo.get(&rendered));
                if let Some(hash) = known.filter(|hash| self.is_on_disk(path, hash)) {
                    let mut state = self.state();
                    state.memo.insert(rendered, *hash);
                    state.files.insert(path.to_string(), (*hash, false));
                    return Some(*hash);
                }
                let minified = minify_html::minify(&bytes, config);
                let hash = blake3::hash(&minified);
                if self.memo.is_some() {
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
        self.previous.get(path) == Some(written)
    }

    fn keep(&self, files: &[(&str, blake3::Hash)]) {
        let mut state = self.state();
        for (path, written) in files {
            state.files.insert((*path).to_string(), (*written, false));
        }
    }
}

/// The manifest a build committed, for the next build into the same folder: its entries,
/// and the file's size and modification time when it was written, so that a manifest
/// changed since (by another build) is read again.
#[derive(Debug, Default)]
pub struct KeptManifest {
    output: PathBuf,
    files: HashMap<String, blake3::Hash>,
    stamp: Option<(u64, std::time::SystemTime)>,
}

/// A file's size and modification time, if it can be read.
fn stamp_of(path: &Path) -> Option<(u64, std::time::SystemTime)> {
    let metadata = std::fs::metadata(path).ok()?;
    Some((metadata.len(), metadata.modified().ok()?))
}

/// The manifest's entries with their hashes; entries that are unsafe or from an older
/// manifest without hashes are left out (their files are then written again).
fn read_manifest(path: &Path) -> HashMap<String, blake3::Hash> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return HashMap::new();
    };
    text.lines()
        .filter_map(|line| {
            let (path, hash) = line.split_once('\t')?;
            let hash = blake3::Hash::from_hex(hash).ok()?;
            is_safe_relative(path).then(|| (path.to_string(), hash))
        })
        .collect()
}

/// Writes `files` into `output` as one build, skipping identical files and removing stale
/// ones. For tools and tests; builds stream through [`Staging`].
///
/// # Errors
/// [`Error::Io`] for the first file or folder that cannot be written or removed.
pub fn write_to_disk(output: &Path, files: &BTreeMap<String, Vec<u8>>) -> Result<WriteReport> {
    let staging = Staging::begin(output, false, None, None)?;
    for (path, bytes) in files {
        staging.put(path, bytes.clone());
    }
    staging.commit()
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

fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && Path::new(path)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
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
    fn a_kept_manifest_is_used_until_the_file_changes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let staging = Staging::begin(&out, false, None, None).unwrap();
        staging.put("a.txt", b"A".to_vec());
        let (_, kept) = staging.commit_keeping().unwrap();
        assert_eq!(kept.files.len(), 1);
        // The kept manifest stands for the file: an entry only it has is seen.
        let mut marked = kept;
        marked.files.insert("only-kept".into(), blake3::hash(b"x"));
        let staging = Staging::begin(&out, false, None, Some(marked)).unwrap();
        assert!(staging.previous.contains_key("only-kept"));
        let (_, kept) = staging.commit_keeping().unwrap();
        // Another build rewrote the manifest: it is read again.
        std::fs::write(
            out.join(MANIFEST),
            format!("b.txt\t{}\n", blake3::hash(b"B").to_hex()),
        )
        .unwrap();
        let staging = Staging::begin(&out, false, None, Some(kept)).unwrap();
        assert!(staging.previous.contains_key("b.txt") && !staging.previous.contains_key("a.txt"));
        staging.abort();
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
    fn an_aborted_build_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_to_disk(&out, &files(&[("a/index.html", "A")])).unwrap();
        let before = std::fs::read(out.join(MANIFEST)).unwrap();
        let staging = Staging::begin(&out, false, None, None).unwrap();
        staging.put("a/index.html", b"changed".to_vec());
        staging.put("b/index.html", b"new".to_vec());
        staging.abort();
        assert_eq!(
            std::fs::read_to_string(out.join("a/index.html")).unwrap(),
            "A"
        );
        assert!(!out.join("b").exists() && !out.join(STAGING).exists());
        assert_eq!(std::fs::read(out.join(MANIFEST)).unwrap(), before);

        let fresh = dir.path().join("never-built");
        let staging = Staging::begin(&fresh, false, None, None).unwrap();
        staging.put("index.html", b"x".to_vec());
        staging.abort();
        assert!(
            !fresh.exists(),
            "a folder the build created is removed again"
        );
    }

    #[test]
    fn a_killed_builds_staging_is_cleared_and_deleted_files_come_back() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        write_to_disk(&out, &files(&[("a/index.html", "A"), ("b.css", "B")])).unwrap();
        std::fs::create_dir_all(out.join(STAGING).join("old")).unwrap();
        std::fs::write(out.join(STAGING).join("old/x.html"), "half").unwrap();
        std::fs::remove_file(out.join("b.css")).unwrap();
        let report = write_to_disk(&out, &files(&[("a/index.html", "A"), ("b.css", "B")]));
        assert_eq!(
            report.unwrap(),
            WriteReport {
                written: 1,
                unchanged: 1,
                removed: 0
            },
            "the manifest's hash alone does not make a deleted file unchanged"
        );
        assert_eq!(std::fs::read_to_string(out.join("b.css")).unwrap(), "B");
        assert!(!out.join(STAGING).exists());
        let manifest = std::fs::read_to_string(out.join(MANIFEST)).unwrap();
        assert_eq!(manifest.lines().count(), 2, "{manifest}");
        assert!(manifest.starts_with("a/index.html\t"), "{manifest}");
    }

    #[test]
    fn ignores_unsafe_manifest_entries() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(&out).unwrap();
        std::fs::write(dir.path().join("precious.txt"), "keep").unwrap();
        let hash = blake3::hash(b"keep").to_hex();
        std::fs::write(
            out.join(MANIFEST),
            format!("../precious.txt\t{hash}\n/etc/passwd\t{hash}\n"),
        )
        .unwrap();
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
