//! Watch: file-system events under the project → batches of [`Change`]s.
//!
//! Watches `seeds/`, `content/` and `themes/` recursively and the project folder itself (not
//! recursively, for `site.toml`: editors that save by renaming a temporary file over it would
//! defeat a watch on the file alone). Events are debounced with notify-debouncer-full, which
//! waits until a path has been quiet for [`DEBOUNCE`] and stitches a rename's two halves, so
//! an editor's save burst (temporary file, rename, metadata change) arrives as one batch.
//! Paths are made relative to the project root; a lost event becomes the empty path, which
//! [`super::plan`] reads as "look at everything again".

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

use notify_debouncer_full::notify::event::{ModifyKind, RenameMode};
use notify_debouncer_full::notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::plan::{Change, ChangeKind};
use crate::error::{Error, Result};
use crate::load::{CONTENT_DIR, SEEDS_DIR, THEMES_DIR};

/// How long a path must stay quiet before its events are reported. Long enough to merge an
/// editor's save burst (a few events within ~50 ms), short enough not to be noticed.
pub const DEBOUNCE: Duration = Duration::from_millis(80);

/// A running watcher; dropping it stops watching and closes its receiver.
pub struct Watcher {
    _debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
}

impl std::fmt::Debug for Watcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Watcher").finish_non_exhaustive()
    }
}

/// Starts watching the project at `root` (an absolute, canonical path). Each item received is
/// one debounced batch of changes.
///
/// # Errors
/// [`Error::Io`] when a folder cannot be watched.
pub fn watch_project(root: &Path) -> Result<(Watcher, Receiver<Vec<Change>>)> {
    let (sender, receiver) = channel();
    let base = root.to_path_buf();
    let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
        let changes = match result {
            Ok(events) => events
                .iter()
                .flat_map(|event| changes_of(&base, event))
                .collect(),
            Err(errors) => {
                for error in errors {
                    crate::errln!("warning: file watcher: {error}");
                }
                vec![everything()]
            }
        };
        // The receiver is gone only while the server shuts down.
        let _ = sender.send(changes);
    })
    .map_err(|e| Error::io("watch", root, std::io::Error::other(e)))?;
    debouncer
        .watch(root, RecursiveMode::NonRecursive)
        .map_err(|e| Error::io("watch", root, std::io::Error::other(e)))?;
    for folder in [SEEDS_DIR, CONTENT_DIR, THEMES_DIR] {
        let path = root.join(folder);
        if path.is_dir() {
            debouncer
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| Error::io("watch", &path, std::io::Error::other(e)))?;
        }
    }
    Ok((
        Watcher {
            _debouncer: debouncer,
        },
        receiver,
    ))
}

fn everything() -> Change {
    Change {
        path: PathBuf::new(),
        kind: ChangeKind::Modified,
    }
}

fn changes_of(root: &Path, event: &notify_debouncer_full::DebouncedEvent) -> Vec<Change> {
    if event.need_rescan() {
        return vec![everything()];
    }
    let relative = |path: &PathBuf| path.strip_prefix(root).ok().map(Path::to_path_buf);
    let change = |path: &PathBuf, kind| relative(path).map(|path| Change { path, kind });
    match event.kind {
        EventKind::Access(_) => Vec::new(),
        EventKind::Create(_) => event
            .paths
            .iter()
            .filter_map(|p| change(p, ChangeKind::Created))
            .collect(),
        EventKind::Remove(_) | EventKind::Modify(ModifyKind::Name(RenameMode::From)) => event
            .paths
            .iter()
            .filter_map(|p| change(p, ChangeKind::Removed))
            .collect(),
        EventKind::Modify(ModifyKind::Name(RenameMode::Both)) => {
            let mut found = Vec::new();
            if let Some(from) = event.paths.first() {
                found.extend(change(from, ChangeKind::Removed));
            }
            if let Some(to) = event.paths.get(1) {
                found.extend(change(to, ChangeKind::Created));
            }
            found
        }
        EventKind::Modify(ModifyKind::Name(RenameMode::To)) => event
            .paths
            .iter()
            .filter_map(|p| change(p, ChangeKind::Created))
            .collect(),
        _ => event
            .paths
            .iter()
            .filter_map(|p| change(p, ChangeKind::Modified))
            .collect(),
    }
}
