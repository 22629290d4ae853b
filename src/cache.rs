//! Cache: what a finished `shelf build` leaves on disk for the next one, so a build with
//! nothing changed costs a walk of the sources and a `stat` of the outputs, not a build.
//!
//! Takes a [`Snapshot`] of every input before the build reads anything (each file under
//! `seeds/`, `content/` and `themes/`, and `site.toml`: path, size, modification and change
//! times, inode; the hash of the bytes where those times are too recent to vouch for the
//! content, see [`RACY_MARGIN`]), plus the identity of the running binary and a key of the
//! project root and the command-line overrides. After the build committed, [`record`] writes
//! that snapshot with the size, modification time and inode of every output file into
//! `cache/manifest` in the output's work folder (`.public.shelf/` beside `public/`, the
//! folder that also holds the spare tree and that deploy recipes exclude). The next build
//! compares ([`is_fresh`]): when every input, the binary, the key and every output file are
//! as recorded, the output is already what a build would write, and the build stops.
//!
//! Safe against crashes and tampering by construction: the file is written beside its place
//! and renamed over it, it opens with a format number and the binary's version, and its
//! body carries a blake3 checksum. A file that is torn, from another version or binary, or
//! unreadable is ignored, and the build is a full one. Any difference, even one that would
//! not change a page (a file touched, an output file replaced), also means a full build: the
//! check can be fooled only by a file rewritten with its size, times and inode restored.
//! The output stamps also serve the full build that follows a difference
//! ([`output_stamps`]): the write stage keeps a file only if it still has its stamp.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::Overrides;
use crate::error::Diagnostic;
pub use crate::load::cache::RACY_MARGIN;
use crate::load::{CONTENT_DIR, SEEDS_DIR, SITE_FILE, THEMES_DIR, is_ignored_name};
use crate::write::OutputStamp;
use crate::write::{inode_of, seconds_of};

/// The folder inside the output's work folder that holds the cache.
pub const CACHE_DIR: &str = "cache";

/// The cache's manifest file inside [`CACHE_DIR`].
pub const MANIFEST_FILE: &str = "manifest";

/// The file's first bytes, then the format number: a file of another layout is not read.
const MAGIC: &[u8; 8] = b"shelf-c\n";
const FORMAT: u32 = 1;
/// Magic, format and checksum come before the body.
const HEADER_LEN: usize = MAGIC.len() + 4 + 32;

/// What a file looked like: size, modification and change times (seconds and nanoseconds
/// since 1970) and inode. An output file records no change time, because hard-linking it
/// into the next build's spare tree changes that time and nothing else.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct FileStamp {
    len: u64,
    modified: (i64, u32),
    changed: (i64, u32),
    inode: u64,
}

impl FileStamp {
    fn of(metadata: &std::fs::Metadata) -> Option<FileStamp> {
        let modified = seconds_of(metadata.modified().ok()?);
        #[cfg(unix)]
        let changed = {
            use std::os::unix::fs::MetadataExt;
            (metadata.ctime(), u32::try_from(metadata.ctime_nsec()).ok()?)
        };
        #[cfg(not(unix))]
        let changed = modified;
        Some(FileStamp {
            len: metadata.len(),
            modified,
            changed,
            inode: inode_of(metadata),
        })
    }

    /// This stamp without the change time, for output files.
    fn without_change(self) -> FileStamp {
        FileStamp {
            changed: (0, 0),
            ..self
        }
    }

    /// Whether the stamp vouches for the content when taken at `taken`: the file's last
    /// change lies more than [`RACY_MARGIN`] before (a file written again within the clock's
    /// tick could otherwise keep its stamp).
    fn is_trusted(&self, taken: SystemTime) -> bool {
        let latest = self.modified.max(self.changed);
        let Ok(seconds) = u64::try_from(latest.0) else {
            return false;
        };
        (SystemTime::UNIX_EPOCH + Duration::new(seconds, latest.1))
            .checked_add(RACY_MARGIN)
            .is_some_and(|safe| safe < taken)
    }
}

/// One input file: its path relative to the project root (with `/`), its stamp, and the
/// hash of its bytes when the stamp was too recent to trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Input {
    path: String,
    stamp: FileStamp,
    hash: Option<[u8; 32]>,
}

/// Every input of a build, the binary and the key, taken before the build reads anything.
#[derive(Debug, Clone)]
pub struct Snapshot {
    root: PathBuf,
    binary: String,
    key: [u8; 32],
    inputs: Vec<Input>,
}

impl Snapshot {
    /// The running binary's identity and the key of the root and overrides: what a memo
    /// stored for later builds is tied to.
    pub(crate) fn identity(&self) -> (&str, &[u8; 32]) {
        (&self.binary, &self.key)
    }
}

/// What the last build showed, to report again when it is not run: its counts and the
/// messages and files of its warnings (`shelf check` shows them in full).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Summary {
    /// HTML pages.
    pub page_count: usize,
    /// Published articles.
    pub article_count: usize,
    /// Topics.
    pub topic_count: usize,
    /// Each warning's message and file.
    warnings: Vec<(String, Option<String>)>,
    /// Files in the output folder (set by [`record`]).
    output_count: usize,
}

impl Summary {
    /// The summary of a build with these counts and warnings.
    pub fn new(
        page_count: usize,
        article_count: usize,
        topic_count: usize,
        warnings: &[Diagnostic],
    ) -> Summary {
        Summary {
            page_count,
            article_count,
            topic_count,
            warnings: warnings
                .iter()
                .map(|d| {
                    let path = d.path.as_deref().map(crate::load::slash_path);
                    (d.message.clone(), path)
                })
                .collect(),
            output_count: 0,
        }
    }

    /// How many files the build left in the output folder.
    pub fn output_count(&self) -> usize {
        self.output_count
    }

    /// The warnings again, with their messages and files.
    pub fn warnings(&self) -> Vec<Diagnostic> {
        self.warnings
            .iter()
            .map(|(message, path)| match path {
                Some(path) => Diagnostic::warning(message).in_file(path),
                None => Diagnostic::warning(message),
            })
            .collect()
    }
}

/// The cache's manifest: the inputs a build read, the outputs it left, what it reported.
#[derive(Debug, Serialize, Deserialize)]
struct Recorded {
    binary: String,
    key: [u8; 32],
    inputs: Vec<Input>,
    /// The output's own manifest (`.shelf-manifest`), then every file the build wrote.
    outputs: Vec<(String, FileStamp)>,
    summary: Summary,
}

/// The cache folder of the output folder `output` (resolved): `.NAME.shelf/cache/`.
pub fn cache_dir(output: &Path) -> Option<PathBuf> {
    crate::write::swap::work_folder(output).map(|work| work.join(CACHE_DIR))
}

/// Removes the cache of `output`, so the next build is a full one. A missing cache is fine.
///
/// # Errors
/// [`crate::Error::Io`] when the cache exists but cannot be removed.
pub fn remove(output: &Path) -> crate::Result<()> {
    remove_dir_if_present(cache_dir(output))
}

/// Removes the folder `dir` and all it holds; no folder (or no `dir`) is fine. The one
/// removal the build's stores share (cache, parse store, link memo).
///
/// # Errors
/// [`crate::Error::Io`] when the folder exists but cannot be removed.
pub(crate) fn remove_dir_if_present(dir: Option<PathBuf>) -> crate::Result<()> {
    let Some(dir) = dir else {
        return Ok(());
    };
    match std::fs::remove_dir_all(&dir) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(crate::Error::io("remove", &dir, e)),
    }
}

/// Stamps every input of the project at `root`; `None` when a folder cannot be walked or the
/// running binary cannot be named (then nothing is cached).
pub fn snapshot(root: &Path, overrides: &Overrides) -> Option<Snapshot> {
    let binary = binary_identity()?;
    let root = std::fs::canonicalize(root).ok()?;
    let mut key = blake3::Hasher::new();
    key.update(root.as_os_str().as_encoded_bytes());
    key.update(b"\0");
    key.update(format!("{overrides:?}").as_bytes());
    let mut paths = Vec::new();
    if root.join(SITE_FILE).exists() {
        paths.push(PathBuf::from(SITE_FILE));
    }
    for dir in [CONTENT_DIR, SEEDS_DIR, THEMES_DIR] {
        walk(&root, Path::new(dir), &mut paths)?;
    }
    paths.sort();
    let taken = SystemTime::now();
    let inputs: Option<Vec<Input>> = paths
        .par_iter()
        .map(|relative| {
            let absolute = root.join(relative);
            // Followed like the loader follows them: a linked file counts as its target.
            let stamp = FileStamp::of(&std::fs::metadata(&absolute).ok()?)?;
            let hash = if stamp.is_trusted(taken) {
                None
            } else {
                Some(*blake3::hash(&std::fs::read(&absolute).ok()?).as_bytes())
            };
            Some(Input {
                path: crate::load::slash_path(relative),
                stamp,
                hash,
            })
        })
        .collect();
    Some(Snapshot {
        root,
        binary,
        key: *key.finalize().as_bytes(),
        inputs: inputs?,
    })
}

/// The files under `root/dir` the loader could read: everything but hidden files and
/// editor backups, not following links to folders. A missing folder adds nothing.
fn walk(root: &Path, dir: &Path, paths: &mut Vec<PathBuf>) -> Option<()> {
    let absolute = root.join(dir);
    if !absolute.is_dir() {
        return Some(());
    }
    let walker = walkdir::WalkDir::new(&absolute)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
    for entry in walker {
        let entry = entry.ok()?;
        if entry.file_type().is_dir() {
            continue;
        }
        paths.push(entry.path().strip_prefix(root).ok()?.to_path_buf());
    }
    Some(())
}

/// The running binary: its version and the size, times and inode of its file, so a
/// rebuilt binary never trusts a cache an older one wrote.
fn binary_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let stamp = FileStamp::of(&std::fs::metadata(&exe).ok()?)?;
    Some(format!(
        "{} {} {stamp:?}",
        env!("CARGO_PKG_VERSION"),
        exe.display()
    ))
}

/// The summary of the last build into `output` if its cache says nothing changed since:
/// the same binary, key and inputs as `snapshot`, and every output file as it was left.
/// `None` (build) when anything differs or the cache is missing, torn or of another version.
pub fn is_fresh(output: &Path, snapshot: &Snapshot) -> Option<Summary> {
    let recorded: Recorded = read(&cache_dir(output)?.join(MANIFEST_FILE))?;
    let is_same_build = recorded.binary == snapshot.binary
        && recorded.key == snapshot.key
        && recorded.inputs.len() == snapshot.inputs.len();
    if !is_same_build {
        return None;
    }
    let inputs_match = recorded
        .inputs
        .iter()
        .zip(&snapshot.inputs)
        .all(|(then, now)| then.path == now.path && then.stamp == now.stamp);
    if !inputs_match {
        return None;
    }
    // A stamp that was too recent to trust when recorded vouches only with the same bytes.
    let is_changed = recorded
        .inputs
        .par_iter()
        .zip(&snapshot.inputs)
        .filter(|(then, _)| then.hash.is_some())
        .any(|(then, now)| {
            let hash = now.hash.or_else(|| {
                let bytes = std::fs::read(snapshot.root.join(&now.path)).ok()?;
                Some(*blake3::hash(&bytes).as_bytes())
            });
            hash.is_none() || hash != then.hash
        });
    if is_changed {
        return None;
    }
    let outputs_match = recorded.outputs.par_iter().all(|(path, stamp)| {
        std::fs::symlink_metadata(output.join(path))
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| FileStamp::of(&m))
            .is_some_and(|now| now.without_change() == *stamp)
    });
    outputs_match.then_some(recorded.summary)
}

/// The stamps the cache of `output` recorded of each output file after the last build (path
/// → size, modification time, inode), whatever that build's inputs; `None` when the cache is
/// missing, torn or of another format.
pub fn output_stamps(output: &Path) -> Option<HashMap<String, OutputStamp>> {
    let recorded: Recorded = read(&cache_dir(output)?.join(MANIFEST_FILE))?;
    Some(
        recorded
            .outputs
            .into_iter()
            .map(|(path, stamp)| {
                let stamp = OutputStamp {
                    len: stamp.len,
                    modified: stamp.modified,
                    inode: stamp.inode,
                };
                (path, stamp)
            })
            .collect(),
    )
}

/// Records `snapshot` (taken before the build) with the output folder's files as the build
/// left them (`written`: every file's path in the output, `/`-separated) and the build's
/// summary. Best effort: a cache that cannot be written only means the next build is full.
pub fn record<'p>(
    output: &Path,
    snapshot: Snapshot,
    written: impl Iterator<Item = &'p str>,
    summary: Summary,
) {
    let Some(dir) = cache_dir(output) else {
        return;
    };
    let mut paths: Vec<&str> = std::iter::once(crate::write::MANIFEST)
        .chain(written)
        .collect();
    paths.sort_unstable();
    let outputs: Option<Vec<(String, FileStamp)>> = paths
        .par_iter()
        .map(|path| {
            let metadata = std::fs::symlink_metadata(output.join(path)).ok()?;
            let stamp = FileStamp::of(&metadata)?.without_change();
            Some(((*path).to_string(), stamp))
        })
        .collect();
    let Some(outputs) = outputs else {
        return;
    };
    let recorded = Recorded {
        binary: snapshot.binary,
        key: snapshot.key,
        inputs: snapshot.inputs,
        summary: Summary {
            output_count: outputs.len() - 1,
            ..summary
        },
        outputs,
    };
    let _ = write(&dir, MANIFEST_FILE, &recorded);
}

/// Writes `value` as the file `name` in `dir`: beside its place, then renamed over the old one.
fn write<T: Serialize>(dir: &Path, name: &str, value: &T) -> Option<()> {
    write_sealed(dir, name, &postcard::to_allocvec(value).ok()?)
}

/// Writes `body` as the file `name` in `dir` behind the cache's header (mark, format number,
/// checksum of the body): beside its place, then renamed over the old one.
pub(crate) fn write_sealed(dir: &Path, name: &str, body: &[u8]) -> Option<()> {
    write_sealed_with(dir, name, |mut sealed| {
        sealed.put(body);
        Some(sealed)
    })
}

/// As [`write_sealed`], the body streamed by `fill` into the file (as [`postcard::to_extend`]
/// does), so no copy of a large memo is held in memory to be written: the header is written
/// with room for the checksum, which is filled in once the body is through.
pub(crate) fn write_sealed_with(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(SealedBody) -> Option<SealedBody>,
) -> Option<()> {
    use std::io::{Seek, SeekFrom, Write};
    std::fs::create_dir_all(dir).ok()?;
    let temporary = dir.join(format!("{name}.new"));
    let mut file = std::fs::File::create(&temporary).ok()?;
    file.write_all(MAGIC).ok()?;
    file.write_all(&FORMAT.to_le_bytes()).ok()?;
    file.write_all(&[0; 32]).ok()?;
    let Some(body) = fill(SealedBody {
        file,
        buffer: Vec::with_capacity(SEALED_BUFFER),
        hasher: blake3::Hasher::new(),
        is_failed: false,
    }) else {
        let _ = std::fs::remove_file(&temporary);
        return None;
    };
    let SealedBody {
        mut file,
        buffer,
        mut hasher,
        is_failed,
    } = body;
    hasher.update(&buffer);
    let written = (!is_failed)
        .then(|| file.write_all(&buffer).ok())
        .flatten()
        .and_then(|()| {
            file.seek(SeekFrom::Start((MAGIC.len() + 4) as u64)).ok()?;
            file.write_all(hasher.finalize().as_bytes()).ok()
        });
    if written.is_none() {
        let _ = std::fs::remove_file(&temporary);
        return None;
    }
    std::fs::rename(&temporary, dir.join(name)).ok()
}

/// How many bytes of a sealed body are gathered before they go to the file and checksum.
const SEALED_BUFFER: usize = 1 << 16;

/// The body of a sealed file as it is written ([`write_sealed_with`]): bytes go to the file
/// and the checksum in runs of [`SEALED_BUFFER`]; a failed write is remembered, and the
/// file not kept.
pub(crate) struct SealedBody {
    file: std::fs::File,
    buffer: Vec<u8>,
    hasher: blake3::Hasher,
    is_failed: bool,
}

impl SealedBody {
    /// Adds `bytes` to the body.
    pub(crate) fn put(&mut self, bytes: &[u8]) {
        use std::io::Write;
        if self.buffer.len() + bytes.len() < SEALED_BUFFER {
            self.buffer.extend_from_slice(bytes);
            return;
        }
        self.flush();
        if !self.is_failed {
            self.hasher.update(bytes);
            self.is_failed = self.file.write_all(bytes).is_err();
        }
    }

    /// Sends the gathered bytes to the file and the checksum.
    fn flush(&mut self) {
        use std::io::Write;
        if !self.is_failed {
            self.hasher.update(&self.buffer);
            self.is_failed = self.file.write_all(&self.buffer).is_err();
        }
        self.buffer.clear();
    }
}

impl Extend<u8> for SealedBody {
    fn extend<I: IntoIterator<Item = u8>>(&mut self, bytes: I) {
        for byte in bytes {
            self.buffer.push(byte);
            if self.buffer.len() >= SEALED_BUFFER {
                self.flush();
            }
        }
    }
}

/// Reads a file [`write`] wrote; `None` for a missing, torn, altered or other-format file.
fn read<T: serde::de::DeserializeOwned>(path: &Path) -> Option<T> {
    postcard::from_bytes(&read_sealed(path)?).ok()
}

/// The body of a file [`write_sealed`] wrote; `None` for a missing, torn, altered or
/// other-format file.
pub(crate) fn read_sealed(path: &Path) -> Option<Vec<u8>> {
    let mut bytes = std::fs::read(path).ok()?;
    let (header, body) = bytes.split_at_checked(HEADER_LEN)?;
    let (magic, rest) = header.split_at(MAGIC.len());
    let (format, checksum) = rest.split_at(4);
    let is_valid = magic == MAGIC
        && format == FORMAT.to_le_bytes()
        && blake3::hash(body).as_bytes() == checksum;
    if !is_valid {
        return None;
    }
    bytes.drain(..HEADER_LEN);
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recorded() -> Recorded {
        Recorded {
            binary: "b".to_string(),
            key: [1; 32],
            inputs: Vec::new(),
            outputs: vec![("index.html".to_string(), stamp(5))],
            summary: Summary::default(),
        }
    }

    fn stamp(len: u64) -> FileStamp {
        FileStamp {
            len,
            modified: (1_000, 0),
            changed: (1_000, 0),
            inode: 7,
        }
    }

    #[test]
    fn a_streamed_body_is_sealed_as_a_whole_one_and_a_failed_one_leaves_no_file() {
        let dir = tempfile::tempdir().unwrap();
        // Longer than the buffer, in runs of every size, so each way into the file is taken.
        let body: Vec<u8> = (0..3 * SEALED_BUFFER + 17)
            .map(|i| (i % 251) as u8)
            .collect();
        write_sealed(dir.path(), "whole", &body).unwrap();
        write_sealed_with(dir.path(), "streamed", |mut sealed| {
            let (small, rest) = body.split_at(10);
            sealed.put(small);
            let (bytes, large) = rest.split_at(SEALED_BUFFER + 5);
            sealed.extend(bytes.iter().copied());
            sealed.put(large);
            Some(sealed)
        })
        .unwrap();
        let whole = std::fs::read(dir.path().join("whole")).unwrap();
        assert_eq!(std::fs::read(dir.path().join("streamed")).unwrap(), whole);
        assert_eq!(read_sealed(&dir.path().join("streamed")).unwrap(), body);
        assert!(write_sealed_with(dir.path(), "failed", |_| None).is_none());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 2, "{names:?}");
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), MANIFEST_FILE, &recorded()).unwrap();
        let read: Recorded = read(&dir.path().join(MANIFEST_FILE)).unwrap();
        assert_eq!(read.outputs, recorded().outputs);
        assert_eq!(read.key, [1; 32]);
    }

    #[test]
    fn a_torn_altered_or_foreign_manifest_is_not_read() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), MANIFEST_FILE, &recorded()).unwrap();
        let path = dir.path().join(MANIFEST_FILE);
        let read = |path: &Path| read::<Recorded>(path);
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 1]).unwrap();
        assert!(read(&path).is_none(), "torn");
        let mut altered = whole.clone();
        let last = altered.len() - 1;
        altered[last] ^= 1;
        std::fs::write(&path, &altered).unwrap();
        assert!(read(&path).is_none(), "altered");
        let mut other_format = whole.clone();
        other_format[MAGIC.len()] = 9;
        std::fs::write(&path, &other_format).unwrap();
        assert!(read(&path).is_none(), "another format");
        std::fs::write(&path, b"").unwrap();
        assert!(read(&path).is_none(), "empty");
        std::fs::write(&path, &whole).unwrap();
        assert!(read(&path).is_some());
    }

    #[test]
    fn trusts_a_stamp_only_well_after_its_last_change() {
        let recent = stamp(1);
        let taken = SystemTime::UNIX_EPOCH + Duration::from_secs(1_001);
        assert!(!recent.is_trusted(taken));
        let later = SystemTime::UNIX_EPOCH + Duration::from_secs(1_010);
        assert!(recent.is_trusted(later));
    }
}
