//! What earlier link checks found working, so a check does not ask every server again each
//! time: one JSON file, `links.json` in the output's work folder (`.public.shelf/`, beside the
//! output folder, never in `content/`).
//!
//! Only addresses that answered 2xx straight away are kept, each with when it was checked;
//! an entry older than the expiry is asked again. Broken, slow and redirecting addresses are
//! never kept, so their diagnostics come back on every check until they are fixed. A missing
//! or unreadable file is an empty cache, and failing to save it never fails a check.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// The file's name in the work folder.
pub(crate) const FILE: &str = "links.json";

/// How long an address found working is trusted: a week.
pub(crate) const EXPIRY: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// The addresses found working, with the time (seconds since 1970) each was checked.
#[derive(Debug, Default)]
pub(crate) struct LinkCache {
    path: Option<PathBuf>,
    checked: BTreeMap<String, u64>,
}

impl LinkCache {
    /// The cache in `work_folder` (none when there is no work folder).
    pub(crate) fn open(work_folder: Option<&Path>) -> LinkCache {
        let Some(path) = work_folder.map(|folder| folder.join(FILE)) else {
            return LinkCache::default();
        };
        let checked = std::fs::read(&path)
            .ok()
            .and_then(|bytes| serde_json::from_slice::<serde_json::Value>(&bytes).ok())
            .and_then(|value| value.get("checked").cloned())
            .and_then(|checked| serde_json::from_value(checked).ok())
            .unwrap_or_default();
        LinkCache {
            path: Some(path),
            checked,
        }
    }

    /// Whether `url` was found working less than `expiry` before `now`.
    pub(crate) fn is_fresh(&self, url: &str, now: u64, expiry: Duration) -> bool {
        self.checked
            .get(url)
            .is_some_and(|&at| at <= now && now - at < expiry.as_secs())
    }

    /// Notes that `url` works, as of `now`.
    pub(crate) fn record(&mut self, url: &str, now: u64) {
        self.checked.insert(url.to_string(), now);
    }

    /// Forgets `url` (it failed this time).
    pub(crate) fn forget(&mut self, url: &str) {
        self.checked.remove(url);
    }

    /// Drops the entries older than `expiry` and writes the file (best effort: through a
    /// temporary file and a rename, so it is whole or absent).
    pub(crate) fn save(mut self, now: u64, expiry: Duration) {
        let Some(path) = self.path.take() else {
            return;
        };
        self.checked
            .retain(|_, at| *at <= now && now - *at < expiry.as_secs());
        let json = serde_json::json!({ "version": 1, "checked": self.checked });
        let Some(folder) = path.parent() else {
            return;
        };
        let temporary = path.with_extension("json.new");
        let written = std::fs::create_dir_all(folder)
            .and_then(|()| std::fs::write(&temporary, json.to_string()))
            .and_then(|()| std::fs::rename(&temporary, &path));
        if written.is_err() {
            let _ = std::fs::remove_file(&temporary);
        }
    }
}

/// Now, in seconds since 1970 (0 if the clock is before it).
pub(crate) fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_what_worked_until_it_expires_across_saves() {
        let dir = tempfile::tempdir().unwrap();
        let day = 24 * 60 * 60;
        let mut cache = LinkCache::open(Some(dir.path()));
        cache.record("https://a.example/", 10 * day);
        cache.record("https://old.example/", day);
        cache.save(10 * day, EXPIRY);
        let cache = LinkCache::open(Some(dir.path()));
        assert!(cache.is_fresh("https://a.example/", 16 * day, EXPIRY));
        assert!(!cache.is_fresh("https://a.example/", 17 * day, EXPIRY));
        // Expired before the save, so not written at all.
        assert!(!cache.is_fresh("https://old.example/", 2 * day, EXPIRY));
        assert!(!cache.is_fresh("https://never.example/", 10 * day, EXPIRY));
    }

    #[test]
    fn an_unreadable_file_is_an_empty_cache() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE), "not json").unwrap();
        let cache = LinkCache::open(Some(dir.path()));
        assert!(!cache.is_fresh("https://a.example/", 1, EXPIRY));
    }
}
