//! Parse cache: parse results kept between builds, so a rebuild parses only what changed.
//!
//! Takes the same inputs as the parsers and returns the same results; an entry is keyed by
//! the file's path and checked against the blake3 hash of its content (taken when the file
//! was read, so a lookup hashes nothing large), so a stale entry can never be returned, even
//! when a file-change event was missed. Only successful
//! parses are kept (a broken file is reparsed until it is fixed). Entries not used by a
//! build are dropped at [`ParseCache::finish_build`], so a deleted file leaves no trace.
//! The structured seeds can be stored between runs ([`ParseCache::seeds_for_storing`],
//! [`ParseCache::keep_stored_seed`], in the form of [`StoredSeed`]): a one-off `shelf
//! build` keeps them in the build cache on disk.

use std::any::Any;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use crate::error::Diagnostic;
use crate::load::{SeedFile, SourceFile};

use super::meta::{self, RawArticle};
use super::text::{self, Document};

mod stored;
pub use stored::StoredSeed;

/// A structured seed and the overrides that matched nothing in it.
pub type Structured = (Arc<Document>, Vec<text::UnmatchedOverride>);

/// Parsed article metadata and seed documents from earlier builds, by source path.
#[derive(Debug, Default)]
pub struct ParseCache {
    articles: Mutex<HashMap<PathBuf, Entry<Arc<RawArticle>>>>,
    documents: Mutex<HashMap<PathBuf, Entry<Structured>>>,
    /// Topics, entities, the timeline, data figures and pages: one kind per path.
    others: Mutex<HashMap<PathBuf, Entry<Arc<dyn Any + Send + Sync>>>>,
    /// How many seeds were structured (not taken from the cache) since the last
    /// [`ParseCache::take_structured_count`].
    structured: AtomicUsize,
    /// Whether to structure every seed anyway and fail if a kept result differs (see
    /// [`ParseCache::verifying`]).
    is_verifying: bool,
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
        cached(&self.articles, None, &file.path, file.hash, || {
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
        let structure = || {
            text::parse_seed_with(seed, rules)
                .map(|(document, unmatched)| (Arc::new(document), unmatched))
        };
        let counter = Some(&self.structured);
        let kept = cached(&self.documents, counter, &seed.path, hash, structure)?;
        if self.is_verifying {
            let fresh = structure()?;
            if *fresh.0 != *kept.0 || fresh.1 != kept.1 {
                return Err(Diagnostic::error(format!(
                    "the parse cache held another structure for `{}` than the structurer makes",
                    seed.path.display()
                ))
                .help("report this, and build with `--no-cache` meanwhile"));
            }
        }
        Ok(kept)
    }

    /// This cache, structuring every seed anyway and failing with an error naming the seed
    /// when a kept result differs from the fresh one (`SHELF_VERIFY_MEMO=1`).
    pub fn verifying(self, is_verifying: bool) -> ParseCache {
        ParseCache {
            is_verifying,
            ..self
        }
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
        let shared = cached(&self.others, None, &file.path, file.hash, || {
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

    /// How many seeds were structured rather than taken from the cache since the last call.
    pub fn take_structured_count(&self) -> usize {
        self.structured.swap(0, Ordering::Relaxed)
    }

    /// Every structured seed kept, with its path and key (the hash of its bytes and rules),
    /// in path order: what a build stores for the next one.
    pub fn seeds_for_storing(&self) -> Vec<(PathBuf, blake3::Hash, Structured)> {
        let entries = self.documents.lock().unwrap_or_else(|e| e.into_inner());
        let mut seeds: Vec<_> = entries
            .iter()
            .map(|(path, entry)| (path.clone(), entry.hash, entry.value.clone()))
            .collect();
        seeds.sort_by(|a, b| a.0.cmp(&b.0));
        seeds
    }

    /// Keeps a structured seed an earlier run stored under `path` and `hash` (see
    /// [`ParseCache::seeds_for_storing`]); used only if a build finds the same key.
    pub fn keep_stored_seed(&mut self, path: PathBuf, hash: blake3::Hash, value: Structured) {
        lock(&mut self.documents).insert(
            path,
            Entry {
                hash,
                value,
                is_used: false,
            },
        );
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
    parses: Option<&AtomicUsize>,
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
    if let Some(parses) = parses {
        parses.fetch_add(1, Ordering::Relaxed);
    }
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
    use crate::load::SeedFile;

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

    #[test]
    fn verifying_finds_a_kept_structure_that_differs_from_a_fresh_one() {
        let seed = SeedFile::new("seeds/a.txt", b"One line.\n\nAnother line.\n".to_vec());
        let rules = text::StructureRules::default();
        let hash = content_hash(&[seed.hash.as_bytes(), &serde_json::to_vec(&rules).unwrap()]);
        let (other, _) = text::parse_seed_with(
            &SeedFile::new("seeds/a.txt", b"Something else.\n".to_vec()),
            &rules,
        )
        .unwrap();
        let stored = (Arc::new(other), Vec::new());
        let mut trusting = ParseCache::default();
        trusting.keep_stored_seed(seed.path.clone(), hash, stored.clone());
        let kept = trusting.parse_seed_with(&seed, &rules).unwrap();
        assert_eq!(
            kept.0.text, "Something else.\n",
            "the kept entry is used as stored"
        );
        assert_eq!(trusting.take_structured_count(), 0);
        let mut verifying = ParseCache::default().verifying(true);
        verifying.keep_stored_seed(seed.path.clone(), hash, stored);
        let error = verifying.parse_seed_with(&seed, &rules).unwrap_err();
        assert!(error.message.contains("seeds/a.txt"), "{}", error.message);
    }
}
