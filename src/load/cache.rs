//! Load cache: the sources of the last build and what each file looked like on disk then, so
//! a rebuild reads only the files that changed.
//!
//! Takes what [`super::load_sources_cached`] read; gives back, for a path whose [`Stamp`]
//! (size, modification time and, on Unix, inode and change time) is what it was, the file as
//! it was read then. A stamp is trusted only when the file's times are older than
//! [`RACY_MARGIN`] before it was taken: a file written again within the file system's clock
//! tick could otherwise keep its stamp and be missed (git's "racily clean" entries). A path
//! the watcher reported ([`SourceCache::forget`]) is read again whatever its stamp says. So
//! a rebuild reads the same bytes a full build would, even when a change event was missed.

use std::collections::{HashMap, HashSet};
use std::fs::Metadata;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::source::{SeedFile, SourceFile, Sources};

/// How long after a file's last change its stamp is trusted: above the timestamp granularity
/// of common file systems (ext4 and tmpfs tick in milliseconds, FAT in two seconds).
pub const RACY_MARGIN: Duration = Duration::from_secs(2);

/// What a file looked like when it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    #[cfg(unix)]
    inode: u64,
    #[cfg(unix)]
    changed: (i64, i64),
}

impl Stamp {
    /// The stamp of a file's metadata.
    pub fn of(metadata: &Metadata) -> Stamp {
        #[cfg(unix)]
        use std::os::unix::fs::MetadataExt;
        Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
            #[cfg(unix)]
            inode: metadata.ino(),
            #[cfg(unix)]
            changed: (metadata.ctime(), metadata.ctime_nsec()),
        }
    }

    /// Whether the stamp can vouch for the file's content: it was taken at `taken` (or later),
    /// more than [`RACY_MARGIN`] after the file's last change. A time in the future, or one
    /// the system does not report, vouches for nothing.
    pub fn is_trusted(&self, taken: SystemTime) -> bool {
        let Some(modified) = self.modified else {
            return false;
        };
        #[cfg(unix)]
        let changed = {
            let (seconds, nanos) = self.changed;
            let Ok(seconds) = u64::try_from(seconds) else {
                return false;
            };
            SystemTime::UNIX_EPOCH + Duration::new(seconds, u32::try_from(nanos).unwrap_or(0))
        };
        #[cfg(not(unix))]
        let changed = modified;
        let latest = modified.max(changed);
        latest
            .checked_add(RACY_MARGIN)
            .is_some_and(|safe| safe < taken)
    }
}

/// The sources of the last build, and the stamps that tell which of them are still current.
#[derive(Debug, Default)]
pub struct SourceCache {
    /// The sources the last build read.
    pub(super) sources: Sources,
    /// Trusted stamps of the files in `sources`, by path relative to the project root.
    pub(super) stamps: HashMap<PathBuf, Stamp>,
    /// Paths (files or folders) to read again whatever their stamps say.
    forgotten: HashSet<PathBuf>,
}

impl SourceCache {
    /// The sources of the last build.
    pub fn sources(&self) -> &Sources {
        &self.sources
    }

    /// Makes the next build read `path` (relative to the project root; a file or a folder)
    /// again, even when its stamp is unchanged.
    pub fn forget(&mut self, path: &Path) {
        self.forgotten.insert(path.to_path_buf());
    }

    /// How many files have a trusted stamp.
    pub fn stamp_count(&self) -> usize {
        self.stamps.len()
    }

    /// Takes what the last build kept, for the build that starts: the files by path, the
    /// stamps and the forgotten paths. The cache is empty afterwards, so a build that fails
    /// half-way reads everything the next time.
    pub(super) fn take(&mut self) -> Kept {
        let sources = std::mem::take(&mut self.sources);
        let mut texts = HashMap::new();
        for file in sources
            .articles
            .into_iter()
            .chain(sources.pages)
            .chain(sources.datasets)
        {
            texts.insert(file.path.clone(), file);
        }
        let seeds = sources
            .seeds
            .into_values()
            .map(|seed| (seed.path.clone(), seed))
            .collect();
        Kept {
            texts,
            seeds,
            stamps: std::mem::take(&mut self.stamps),
            forgotten: std::mem::take(&mut self.forgotten),
        }
    }
}

/// The last build's files, to take instead of reading them when they did not change.
#[derive(Debug, Default)]
pub(super) struct Kept {
    pub(super) texts: HashMap<PathBuf, SourceFile>,
    pub(super) seeds: HashMap<PathBuf, SeedFile>,
    stamps: HashMap<PathBuf, Stamp>,
    forgotten: HashSet<PathBuf>,
}

impl Kept {
    /// The trusted stamp of a file kept from the last build, unless the watcher reported it
    /// (or a folder holding it). `None` means: read the file.
    pub(super) fn stamp(&self, relative: &Path) -> Option<&Stamp> {
        let stamp = self.stamps.get(relative)?;
        let is_forgotten = !self.forgotten.is_empty()
            && relative
                .ancestors()
                .any(|ancestor| self.forgotten.contains(ancestor));
        (!is_forgotten).then_some(stamp)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp_at(modified: SystemTime) -> Stamp {
        Stamp {
            len: 1,
            modified: Some(modified),
            #[cfg(unix)]
            inode: 1,
            #[cfg(unix)]
            changed: (
                modified
                    .duration_since(SystemTime::UNIX_EPOCH)
                    .unwrap()
                    .as_secs() as i64,
                0,
            ),
        }
    }

    #[test]
    fn trusts_a_stamp_only_well_after_the_last_change() {
        let now = SystemTime::now();
        assert!(stamp_at(now - Duration::from_secs(60)).is_trusted(now));
        assert!(!stamp_at(now - Duration::from_millis(500)).is_trusted(now));
        assert!(!stamp_at(now + Duration::from_secs(60)).is_trusted(now));
    }

    #[test]
    fn a_forgotten_file_or_folder_has_no_stamp() {
        let stamp = stamp_at(SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000));
        let mut kept = Kept::default();
        for path in ["seeds/a.txt", "seeds/sub/b.txt", "seeds/c.txt"] {
            kept.stamps.insert(PathBuf::from(path), stamp);
        }
        kept.forgotten.insert(PathBuf::from("seeds/sub"));
        kept.forgotten.insert(PathBuf::from("seeds/c.txt"));
        assert!(kept.stamp(Path::new("seeds/a.txt")).is_some());
        assert!(kept.stamp(Path::new("seeds/sub/b.txt")).is_none());
        assert!(kept.stamp(Path::new("seeds/c.txt")).is_none());
    }
}
