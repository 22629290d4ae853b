//! Plan: file changes → what a rebuild must redo. Pure: no files, no clocks.
//!
//! Takes the [`Change`]s a watcher saw (paths relative to the project root) and returns a
//! [`RebuildPlan`]: `site.toml` (or a change the watcher could not follow) → everything; a
//! file under `themes/` → compile the theme again; a file under `seeds/` or `content/` →
//! parse just that file again. Hidden files and editor backups, which the build never reads,
//! and anything outside those places (the output folders, `.git/`) plan nothing.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::build::Cache;
use crate::load::{CONTENT_DIR, SEEDS_DIR, SITE_FILE, THEMES_DIR, is_ignored_name};

/// What happened to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeKind {
    /// The path appeared (created, or the target of a rename).
    Created,
    /// Its content or metadata changed.
    Modified,
    /// It disappeared (removed, or the source of a rename).
    Removed,
}

/// One file-system change, relative to the project root. The empty path stands for the
/// whole project: the watcher lost track of events and everything must be looked at again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The changed file or folder, relative to the project root.
    pub path: PathBuf,
    /// What happened to it.
    pub kind: ChangeKind,
}

/// What a rebuild must redo; anything not named is taken from the cache.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RebuildPlan {
    /// Start from nothing: `site.toml` changed, or the watcher lost events.
    pub is_everything: bool,
    /// Compile the theme again: a template or static file changed.
    pub is_theme: bool,
    /// Metadata, seeds and pages to read and parse again (created, modified or removed).
    pub reparse: BTreeSet<PathBuf>,
}

impl RebuildPlan {
    /// Whether the changes need no rebuild at all.
    pub fn is_empty(&self) -> bool {
        !self.is_everything && !self.is_theme && self.reparse.is_empty()
    }

    /// Makes `cache` forget what this plan redoes, before the rebuild.
    pub fn forget_in(&self, cache: &mut Cache) {
        if self.is_everything {
            cache.clear();
        }
        if self.is_theme {
            cache.forget_theme();
        }
        for path in &self.reparse {
            cache.forget_file(path);
        }
    }
}

/// Maps a batch of changes onto one plan.
pub fn plan_rebuild(changes: &[Change]) -> RebuildPlan {
    let mut plan = RebuildPlan::default();
    for change in changes {
        let path = &change.path;
        if path.as_os_str().is_empty() || path == Path::new(SITE_FILE) {
            plan.is_everything = true;
            continue;
        }
        let is_ignored = path.components().any(|component| match component {
            Component::Normal(name) => is_ignored_name(&name.to_string_lossy()),
            _ => true,
        });
        if is_ignored {
            continue;
        }
        match path.components().next() {
            Some(Component::Normal(top)) if top == THEMES_DIR => plan.is_theme = true,
            Some(Component::Normal(top)) if top == SEEDS_DIR || top == CONTENT_DIR => {
                plan.reparse.insert(path.clone());
            }
            _ => {}
        }
    }
    if plan.is_everything {
        plan.is_theme = false;
        plan.reparse.clear();
    }
    plan
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(entries: &[(&str, ChangeKind)]) -> Vec<Change> {
        entries
            .iter()
            .map(|(path, kind)| Change {
                path: PathBuf::from(path),
                kind: *kind,
            })
            .collect()
    }

    fn reparse(paths: &[&str]) -> BTreeSet<PathBuf> {
        paths.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn article_metadata_or_seed_change_reparses_just_that_file() {
        let plan = plan_rebuild(&changes(&[
            ("content/articles/alpha.toml", ChangeKind::Modified),
            ("seeds/001_alpha.txt", ChangeKind::Created),
        ]));
        assert_eq!(
            plan,
            RebuildPlan {
                is_everything: false,
                is_theme: false,
                reparse: reparse(&["content/articles/alpha.toml", "seeds/001_alpha.txt"]),
            }
        );
    }

    #[test]
    fn removed_and_renamed_files_are_reparsed_under_both_names() {
        let plan = plan_rebuild(&changes(&[
            ("content/articles/old.toml", ChangeKind::Removed),
            ("content/articles/new.toml", ChangeKind::Created),
        ]));
        assert_eq!(
            plan.reparse,
            reparse(&["content/articles/new.toml", "content/articles/old.toml"])
        );
    }

    #[test]
    fn template_or_static_change_recompiles_the_theme() {
        for path in [
            "themes/default/templates/article.html",
            "themes/default/static/style.css",
        ] {
            let plan = plan_rebuild(&changes(&[(path, ChangeKind::Modified)]));
            assert!(plan.is_theme && plan.reparse.is_empty(), "{path}");
        }
    }

    #[test]
    fn site_toml_change_rebuilds_everything() {
        let plan = plan_rebuild(&changes(&[
            ("content/articles/alpha.toml", ChangeKind::Modified),
            ("site.toml", ChangeKind::Modified),
        ]));
        assert_eq!(
            plan,
            RebuildPlan {
                is_everything: true,
                ..RebuildPlan::default()
            }
        );
    }

    #[test]
    fn lost_events_rebuild_everything() {
        let plan = plan_rebuild(&changes(&[("", ChangeKind::Modified)]));
        assert!(plan.is_everything);
    }

    #[test]
    fn editor_backups_hidden_files_and_outputs_plan_nothing() {
        let plan = plan_rebuild(&changes(&[
            ("content/articles/.alpha.toml.swp", ChangeKind::Created),
            ("content/articles/alpha.toml~", ChangeKind::Modified),
            ("seeds/.hidden/x.txt", ChangeKind::Modified),
            ("public/index.html", ChangeKind::Modified),
            (".shelf-serve/index.html", ChangeKind::Modified),
            (".git/index", ChangeKind::Modified),
            ("README.md", ChangeKind::Modified),
        ]));
        assert!(plan.is_empty(), "{plan:?}");
    }

    #[test]
    fn editor_save_burst_plans_one_reparse() {
        // Write to a temporary file, then rename it over the original.
        let plan = plan_rebuild(&changes(&[
            ("content/articles/.alpha.toml.tmp", ChangeKind::Created),
            ("content/articles/.alpha.toml.tmp", ChangeKind::Removed),
            ("content/articles/alpha.toml", ChangeKind::Created),
            ("content/articles/alpha.toml", ChangeKind::Modified),
        ]));
        assert_eq!(plan.reparse, reparse(&["content/articles/alpha.toml"]));
    }
}
