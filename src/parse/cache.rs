//! Parse cache: parse results kept between builds, so a rebuild parses only what changed.
//!
//! Takes the same inputs as the parsers and returns the same results; an entry is keyed by
//! the file's path and checked against the blake3 hash of its content (taken when the file
//! was read, so a lookup hashes nothing large), so a stale entry can never be returned, even
//! when a file-change event was missed. Only successful
//! parses are kept (a broken file is reparsed until it is fixed). Entries not used by a
//! build are dropped at [`ParseCache::finish_build`], so a deleted file leaves no trace.

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::error::Diagnostic;
use crate::load::{SeedFile, SourceFile};

use super::meta::{self, RawArticle};
use super::text::{self, Document};

/// A structured seed and the overrides that matched nothing in it.
type Structured = (Arc<Document>, Vec<text::UnmatchedOverride>);

/// Parsed article metadata and seed documents from earlier builds, by source path.
#[derive(Debug, Default)]
pub struct ParseCache {
    articles: Mutex<HashMap<PathBuf, Entry<Arc<RawArticle>>>>,
    documents: Mutex<HashMap<PathBuf, Entry<Structured>>>,
    /// Topics, entities, the timeline, data figures and pages: one kind per path.
    others: Mutex<HashMap<PathBuf, Entry<Arc<dyn Any + Send + Sync>>>>,
}

#[derive(Debug)]
struct Entry<T> {
    hash: blake3::Hash,
    value: T,
    is_used: bool,
}

impl ParseCache {
    /// [`meta::parse_article`], from the cache when the file is unchanged; shared, so a
    /// cached result costs no copy.
    ///
    /// # Errors
    /// As [`meta::parse_article`].
    pub fn parse_article(&self, file: &SourceFile) -> Result<Arc<RawArticle>, Vec<Diagnostic>> {
        cached(&self.articles, &file.path, file.hash, || {
            meta::parse_article(file).map(Arc::new)
        })
    }

    /// [`text::parse_seed_with`], from the cache when neither the seed nor the editorial
    /// rules applied to it changed.
    ///
    /// # Errors
    /// As [`text::parse_seed_with`].
    pub fn parse_seed_with(
        &self,
        seed: &SeedFile,
        rules: &text::StructureRules,
    ) -> Result<Structured, Diagnostic> {
        // The rules are part of the key: editing `[structure]` must re-structure the seed.
        let rules_key = serde_json::to_vec(rules).unwrap_or_default();
        let hash = content_hash(&[seed.hash.as_bytes(), &rules_key]);
        cached(&self.documents, &seed.path, hash, || {
            text::parse_seed_with(seed, rules)
                .map(|(document, unmatched)| (Arc::new(document), unmatched))
        })
    }

    /// `parse(file)`, from the cache when the file is unchanged: for the files read whole
    /// into one value (topics, entities, the timeline, data figures, pages), whose TOML is
    /// large enough that parsing it again is most of a rebuild's parse stage.
    ///
    /// # Errors
    /// As `parse`.
    pub fn parse_file<T, E>(
        &self,
        file: &SourceFile,
        parse: impl Fn(&SourceFile) -> Result<T, E>,
    ) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
    {
        let shared = cached(&self.others, &file.path, file.hash, || {
            parse(file).map(|value| Arc::new(value) as Arc<dyn Any + Send + Sync>)
        })?;
        match shared.downcast_ref::<T>() {
            Some(value) => Ok(value.clone()),
            // Only if one path were parsed as two kinds of file: parse it as asked.
            None => parse(file),
        }
    }

    /// Drops the cached result for `path` (relative to the project root), if any.
    pub fn forget(&mut self, path: &Path) {
        lock(&mut self.articles).remove(path);
        lock(&mut self.documents).remove(path);
        lock(&mut self.others).remove(path);
    }

    /// Drops every entry the build that just ended did not use, and marks the rest unused
    /// for the next build.
    pub fn finish_build(&mut self) {
        retain_used(lock(&mut self.articles));
        retain_used(lock(&mut self.documents));
        retain_used(lock(&mut self.others));
    }

    /// How many parse results are cached (article metadata, seed documents).
    pub fn entry_counts(&self) -> (usize, usize) {
        fn count<T>(map: &Mutex<HashMap<PathBuf, Entry<T>>>) -> usize {
            map.lock().map_or(0, |entries| entries.len())
        }
        (count(&self.articles), count(&self.documents))
    }
}

/// A hash of several parts, each prefixed with its length so parts cannot run together.
fn content_hash(parts: &[&[u8]]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for part in parts {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()
}

fn cached<T: Clone, E>(
    map: &Mutex<HashMap<PathBuf, Entry<T>>>,
    path: &Path,
    hash: blake3::Hash,
    parse: impl FnOnce() -> Result<T, E>,
) -> Result<T, E> {
    // A poisoned lock only means another parse panicked; the map itself is still sound.
    let lookup = |map: &Mutex<HashMap<PathBuf, Entry<T>>>| {
        let mut entries = map.lock().unwrap_or_else(|e| e.into_inner());
        let entry = entries.get_mut(path).filter(|entry| entry.hash == hash)?;
        entry.is_used = true;
        Some(entry.value.clone())
    };
    if let Some(value) = lookup(map) {
        return Ok(value);
    }
    // Parse outside the lock, so parallel parses of different files do not wait on each other.
    let value = parse()?;
    map.lock().unwrap_or_else(|e| e.into_inner()).insert(
        path.to_path_buf(),
        Entry {
            hash,
            value: value.clone(),
            is_used: true,
        },
    );
    Ok(value)
}

fn lock<T>(map: &mut Mutex<T>) -> &mut T {
    map.get_mut().unwrap_or_else(|e| e.into_inner())
}

fn retain_used<T>(map: &mut HashMap<PathBuf, Entry<T>>) {
    map.retain(|_, entry| std::mem::take(&mut entry.is_used));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> SourceFile {
        SourceFile::new("content/articles/a.toml", text)
    }

    const VALID: &str = "seed = \"a.txt\"\ntitle = \"A\"\npublished = \"2020\"\ntopics = [\"t\"]\nsummary = \"S.\"\n";

    #[test]
    fn returns_cached_result_until_the_text_changes() {
        let cache = ParseCache::default();
        let first = cache.parse_article(&article(VALID)).unwrap();
        assert_eq!(first.title, "A");
        let changed = VALID.replace("\"A\"", "\"B\"");
        let second = cache.parse_article(&article(&changed)).unwrap();
        assert_eq!(second.title, "B");
    }

    #[test]
    fn parses_a_whole_file_again_only_when_its_text_changes() {
        let mut cache = ParseCache::default();
        let calls = std::sync::atomic::AtomicUsize::new(0);
        let count_lines = |file: &SourceFile| -> Result<usize, ()> {
            calls.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok(file.text.lines().count())
        };
        let topics = |text: &str| SourceFile::new("content/topics.toml", text);
        assert_eq!(cache.parse_file(&topics("a\nb\n"), count_lines), Ok(2));
        assert_eq!(cache.parse_file(&topics("a\nb\n"), count_lines), Ok(2));
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 1);
        assert_eq!(cache.parse_file(&topics("a\n"), count_lines), Ok(1));
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 2);
        cache.forget(Path::new("content/topics.toml"));
        assert_eq!(cache.parse_file(&topics("a\n"), count_lines), Ok(1));
        assert_eq!(calls.load(std::sync::atomic::Ordering::Relaxed), 3);
    }

    #[test]
    fn keeps_no_failed_parse_and_drops_unused_entries() {
        let mut cache = ParseCache::default();
        assert!(cache.parse_article(&article("title = ")).is_err());
        assert_eq!(cache.entry_counts(), (0, 0));
        cache.parse_article(&article(VALID)).unwrap();
        cache.finish_build();
        assert_eq!(cache.entry_counts(), (1, 0), "used in the build that ended");
        cache.finish_build();
        assert_eq!(cache.entry_counts(), (0, 0), "unused in the next build");
    }
}
