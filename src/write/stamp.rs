//! Stamps of output files: how the write stage tells that a file the last build left is
//! still the file it wrote, before keeping it.
//!
//! The output manifest records each file's hash, but a file can change under it: edited in
//! place (a hard link shares its bytes with the spare tree, so both change), or replaced by
//! a rename. A build that trusted the manifest alone would keep such a file for good. So a
//! file is kept only when the check of its kind vouches for it ([`OutputCheck`]): its size,
//! modification time and inode as the build cache recorded them after the last build, or,
//! with no record, its bytes hashed again. The spare tree is checked too: a file kept there
//! must be the very file (the same inode) that the live folder holds and that was vouched for.

use std::collections::HashMap;
use std::time::SystemTime;

/// A file's size, modification time (seconds and nanoseconds since 1970) and inode: what
/// changes when a file is written in place or replaced (the change time is left out, because
/// hard-linking a file into the spare tree changes it and nothing else).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputStamp {
    /// Size in bytes.
    pub len: u64,
    /// Modification time: seconds (negative before 1970) and nanoseconds.
    pub modified: (i64, u32),
    /// Inode number (0 where the platform has none).
    pub inode: u64,
}

impl OutputStamp {
    /// The stamp of a file from its metadata; `None` when its time cannot be read.
    pub fn of(metadata: &std::fs::Metadata) -> Option<OutputStamp> {
        Some(OutputStamp {
            len: metadata.len(),
            modified: seconds_of(metadata.modified().ok()?),
            inode: inode_of(metadata),
        })
    }
}

/// The inode of a file (0 where the platform has none).
pub(crate) fn inode_of(metadata: &std::fs::Metadata) -> u64 {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        metadata.ino()
    }
    #[cfg(not(unix))]
    {
        let _ = metadata;
        0
    }
}

/// Seconds and nanoseconds since 1970 (negative seconds before).
pub(crate) fn seconds_of(time: SystemTime) -> (i64, u32) {
    match time.duration_since(SystemTime::UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            after.subsec_nanos(),
        ),
        Err(before) => (
            -i64::try_from(before.duration().as_secs()).unwrap_or(i64::MAX),
            before.duration().subsec_nanos(),
        ),
    }
}

/// How a build tells that a file the last build wrote is still as written.
#[derive(Debug, Clone, Default)]
pub enum OutputCheck {
    /// The file exists: for a folder only shelf writes (`shelf serve`'s own), where nobody
    /// edits a file, and whose builds keep the manifest in memory.
    Exists,
    /// The file's stamp is the one recorded after the last build (path → stamp); a file
    /// with no recorded stamp is hashed again.
    Stamps(HashMap<String, OutputStamp>),
    /// The file's bytes hash to what the manifest says (no record of stamps: the first build
    /// with a cache, `--no-cache`, or a cache that was torn).
    #[default]
    Content,
}

/// What a check found of a live file the manifest lists with the right hash: `Some(inode)`
/// when it is still that file, `None` when it changed, is gone or is not a regular file.
pub(super) fn vouch(
    check: &OutputCheck,
    path: &str,
    absolute: &std::path::Path,
    hash: &blake3::Hash,
) -> Option<u64> {
    let metadata = std::fs::symlink_metadata(absolute)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    let inode = inode_of(&metadata);
    let is_same = match check {
        OutputCheck::Exists => true,
        OutputCheck::Stamps(stamps) => match stamps.get(path) {
            Some(recorded) => OutputStamp::of(&metadata).as_ref() == Some(recorded),
            None => has_bytes(absolute, hash),
        },
        OutputCheck::Content => has_bytes(absolute, hash),
    };
    is_same.then_some(inode)
}

/// Whether the file at `path` holds bytes with this hash.
fn has_bytes(path: &std::path::Path, hash: &blake3::Hash) -> bool {
    std::fs::read(path).is_ok_and(|bytes| blake3::hash(&bytes) == *hash)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stamp_changes_with_an_edit_in_place_and_a_rename() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.html");
        std::fs::write(&path, "first").unwrap();
        let hash = blake3::hash(b"first");
        let stamp = OutputStamp::of(&std::fs::metadata(&path).unwrap()).unwrap();
        let stamps = OutputCheck::Stamps(HashMap::from([("a.html".to_string(), stamp)]));
        assert!(vouch(&stamps, "a.html", &path, &hash).is_some());
        // Same size, other bytes, a later time.
        let later = SystemTime::now() + std::time::Duration::from_secs(5);
        let file = std::fs::OpenOptions::new().write(true).open(&path).unwrap();
        std::io::Write::write_all(&mut &file, b"FIRST").unwrap();
        file.set_modified(later).unwrap();
        drop(file);
        assert!(vouch(&stamps, "a.html", &path, &hash).is_none(), "in place");
        assert!(vouch(&OutputCheck::Content, "a.html", &path, &hash).is_none());
        assert!(vouch(&OutputCheck::Exists, "a.html", &path, &hash).is_some());
        // The right bytes again, by a rename: another inode.
        let beside = dir.path().join("new");
        std::fs::write(&beside, "first").unwrap();
        std::fs::rename(&beside, &path).unwrap();
        assert!(vouch(&OutputCheck::Content, "a.html", &path, &hash).is_some());
        let renamed = OutputStamp::of(&std::fs::metadata(&path).unwrap()).unwrap();
        assert_ne!(renamed, stamp);
    }
}
