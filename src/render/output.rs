//! Output: where rendered files go, as they are finished.
//!
//! The [`Output`] trait is what rendering writes through: the write stage's staging folder,
//! or nothing for `shelf check`. Rendering never holds the whole site in memory.

/// Where rendered files go, as they are finished: the write stage's staging folder, or
/// nowhere for `shelf check`. Rendering never holds the whole site in memory.
pub trait Output: Sync {
    /// Takes one finished file, by path relative to the output folder. Called from many
    /// threads at once, once per path. Returns the hash of the bytes as the output holds
    /// them (after minifying), when it keeps files.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Option<blake3::Hash>;

    /// Whether the last build wrote `path` with the hash `written`, so the file can be
    /// [kept](Output::keep) instead of put again. Only the output's record is read: a file
    /// removed from the output by hand comes back with the next build that renders it.
    fn has(&self, path: &str, written: &blake3::Hash) -> bool;

    /// Takes files the last build wrote (each checked with [`has`](Output::has)) as this
    /// build's, without writing them.
    fn keep(&self, files: &[(&str, blake3::Hash)]);
}
