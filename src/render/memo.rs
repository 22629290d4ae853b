//! Memo: which output files a rebuild can keep, because nothing they show has changed.
//!
//! A page is a function of its inputs: the site-wide ones (configuration, theme, topics,
//! entities, events, data figures, which pages exist) and the articles it shows. Each input
//! has a fingerprint ([`Article::fingerprint`](crate::model::Article::fingerprint) for an
//! article, a hash of the value for the rest), and a page's key hashes together the
//! fingerprints of exactly what its view reads. When a page's key equals the key it
//! had in the last build that was written, and that build's file is still in the output,
//! the page is neither rendered nor minified again: [`Output::keep`]
//! takes the file as it is. In `shelf serve` that check reads the output's manifest, not
//! the disk, so that a kept page costs a hash lookup; a `shelf build` that reads the memo
//! back from the build cache ([`RenderMemo::to_stored`]) also checks that the file on disk
//! is the one the last build left (its size, time and inode), so a page edited or removed
//! in the output folder is rendered again.
//!
//! The keys are computed in the view stage, beside the views they describe (each family's
//! file in [`crate::view`]); this module only stores and compares them.
//! `SHELF_VERIFY_MEMO=1` (or [`Cache::verifying`](crate::build::Cache::verifying)) renders
//! every page anyway and reports any page whose key was kept while its bytes changed; the
//! incremental-rebuild tests run that way.

use std::collections::HashMap;

use super::output::Output;

/// The environment variable that makes every build check its memo (see the module docs).
pub const VERIFY_VARIABLE: &str = "SHELF_VERIFY_MEMO";

/// What the last written build rendered: output path → the key of the page's inputs and
/// the hash of the bytes written.
#[derive(Debug, Default)]
pub struct RenderMemo {
    entries: HashMap<String, MemoEntry>,
}

/// One output file's key, and what it was rendered into.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct MemoEntry {
    /// The hash of the page's inputs.
    pub(super) key: blake3::Hash,
    /// The hash of the file as the output holds it (after minifying).
    pub(super) written: blake3::Hash,
    /// Whether the page holds highlighted code (it then needs the code stylesheet).
    pub(super) has_code: bool,
}

/// One file's entry as the build cache stores it: output path, key, hash of the bytes
/// written, and whether the page holds highlighted code.
pub type StoredEntry = (String, [u8; 32], [u8; 32], bool);

impl RenderMemo {
    /// Every entry, ordered by path, for the build cache on disk.
    pub fn to_stored(&self) -> Vec<StoredEntry> {
        let mut stored: Vec<StoredEntry> = self
            .entries
            .iter()
            .map(|(path, e)| {
                let (key, written) = (*e.key.as_bytes(), *e.written.as_bytes());
                (path.clone(), key, written, e.has_code)
            })
            .collect();
        stored.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        stored
    }

    /// The memo of entries stored by [`RenderMemo::to_stored`].
    pub fn from_stored(stored: Vec<StoredEntry>) -> RenderMemo {
        let entries = stored
            .into_iter()
            .map(|(path, key, written, has_code)| {
                let entry = MemoEntry {
                    key: blake3::Hash::from_bytes(key),
                    written: blake3::Hash::from_bytes(written),
                    has_code,
                };
                (path, entry)
            })
            .collect();
        RenderMemo { entries }
    }

    /// How many files the memo describes.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the memo describes no file.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entry for `path`, if its last key was `key`.
    pub(super) fn get(&self, path: &str, key: &blake3::Hash) -> Option<MemoEntry> {
        self.entries.get(path).filter(|e| e.key == *key).copied()
    }

    /// Records what `path` was rendered from and into.
    pub(super) fn insert(&mut self, path: String, entry: MemoEntry) {
        self.entries.insert(path, entry);
    }
}

/// The last written build's entry for `path` if its key was `key`, and whether `output`
/// can keep that file instead of a new rendering (never when verifying: the file is then
/// rendered, and [`changed_while_kept`] reports a difference).
pub(super) fn known_entry(
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    key: Option<&blake3::Hash>,
    path: &str,
    output: &dyn Output,
    is_verifying: bool,
) -> (Option<MemoEntry>, bool) {
    let known = memo
        .zip(key)
        .and_then(|((memo, _), key)| memo.get(path, key));
    let is_kept = known.is_some_and(|e| !is_verifying && output.has(path, &e.written));
    (known, is_kept)
}

/// The error of a verifying build when `what` (a file, or part of the EPUB) rendered to
/// other bytes although its key was unchanged.
pub(super) fn changed_while_kept(what: &str) -> crate::error::Diagnostic {
    crate::error::Diagnostic::error(format!(
        "internal: {what} changed although its inputs did not"
    ))
    .help("a view reads something its key in src/view/ leaves out; please report this")
}

/// Whether builds should check their memo (`SHELF_VERIFY_MEMO=1`).
pub fn is_verifying() -> bool {
    std::env::var_os(VERIFY_VARIABLE).is_some_and(|v| v == "1")
}
