//! The parse cache on disk: the structured seeds of the last `shelf build`, stored so the
//! next build structures only the seeds an edit changed.
//!
//! Layout: [`SHARDS`] files, `parsed/00` … `parsed/3f`, in the output's work folder
//! (beside `cache/`, not inside it: `cache/` is removed at the start of every build, while
//! these entries stay true whatever happens to the output). A seed goes to the shard its path
//! hashes to. Each shard is a postcard body (the binary's identity and the build key, then
//! path, key and [`StoredSeed`] per seed, in path order) behind the cache's sealed header
//! (mark, format, blake3 checksum), written beside its place and renamed over it. Sharding
//! lets an edit rewrite one shard (about 1/64 of the store) and lets the shards be read
//! and decoded in parallel; one snapshot would be rewritten whole after every edit, and a file
//! per seed would cost 10,000 opens at 10,000 articles.
//!
//! Safe by construction: an entry is used only when the seed's bytes and the rules applied
//! to it hash to its key, so a stale shard only costs structuring again; a torn, altered or
//! foreign shard (another binary, another root or overrides) is not read at all.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cache::{Snapshot, read_sealed, write_sealed_with};
use crate::parse::cache::{ParseCache, StoredSeed, Structured};

/// The folder of the shards inside the output's work folder.
pub(super) const PARSE_DIR: &str = "parsed";

/// How many shards the seeds are spread over.
const SHARDS: usize = 64;

/// One shard as stored.
#[derive(Debug, Serialize, Deserialize)]
struct Shard {
    binary: String,
    key: [u8; 32],
    /// Path (with `/`), key of bytes and rules, the structured seed.
    seeds: Vec<(String, [u8; 32], StoredSeed)>,
}

/// What the shards held when read: per shard, the digest of its paths and keys (`None`
/// when it was missing or not ours), so only shards whose entries changed are written.
#[derive(Debug, Default)]
pub(super) struct ParseStore {
    digests: Vec<Option<blake3::Hash>>,
}

/// The shards' folder for `output` (resolved).
fn parse_dir(output: &Path) -> Option<PathBuf> {
    crate::write::swap::work_folder(output).map(|work| work.join(PARSE_DIR))
}

/// The shard a seed at `path` belongs to.
fn shard_of(path: &str) -> usize {
    usize::from(blake3::hash(path.as_bytes()).as_bytes()[0]) % SHARDS
}

/// The digest of a shard's paths and keys, in order.
fn digest<'a>(entries: impl Iterator<Item = (&'a str, &'a [u8; 32])>) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for (path, key) in entries {
        hasher.update(&(path.len() as u64).to_le_bytes());
        hasher.update(path.as_bytes());
        hasher.update(key);
    }
    hasher.finalize()
}

/// Reads every shard the last build of `output` stored for `snapshot`'s binary and key into
/// `cache`; returns what was read, for [`record`].
pub(super) fn read(output: &Path, snapshot: &Snapshot, cache: &mut ParseCache) -> ParseStore {
    let Some(dir) = parse_dir(output) else {
        return ParseStore::default();
    };
    let (binary, key) = snapshot.identity();
    let shards: Vec<Option<Vec<(PathBuf, blake3::Hash, Structured)>>> = (0..SHARDS)
        .into_par_iter()
        .map(|index| {
            let body = read_sealed(&dir.join(format!("{index:02x}")))?;
            let shard: Shard = postcard::from_bytes(&body).ok()?;
            if (shard.binary.as_str(), &shard.key) != (binary, key) {
                return None;
            }
            let wrong_shard = shard.seeds.iter().any(|(path, ..)| shard_of(path) != index);
            if wrong_shard {
                return None;
            }
            shard
                .seeds
                .into_iter()
                .map(|(path, hash, seed)| {
                    Some((
                        PathBuf::from(path),
                        blake3::Hash::from_bytes(hash),
                        seed.restore()?,
                    ))
                })
                .collect()
        })
        .collect();
    let mut digests = Vec::with_capacity(SHARDS);
    for shard in shards {
        let Some(seeds) = shard else {
            digests.push(None);
            continue;
        };
        let names: Vec<(String, [u8; 32])> = seeds
            .iter()
            .map(|(path, hash, _)| (slashed(path), *hash.as_bytes()))
            .collect();
        digests.push(Some(digest(names.iter().map(|(p, k)| (p.as_str(), k)))));
        for (path, hash, value) in seeds {
            cache.keep_stored_seed(path, hash, value);
        }
    }
    ParseStore { digests }
}

/// `path` with `/` between its parts, as stored.
fn slashed(path: &Path) -> String {
    path.components()
        .map(|part| part.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// Stores the seeds `cache` holds after a build of `output` that committed: writes each
/// shard whose paths or keys differ from what [`read`] found. Best effort: a shard that
/// cannot be written only means the next build structures its seeds again. Returns how
/// many shards were written.
pub(super) fn record(
    output: &Path,
    snapshot: &Snapshot,
    cache: &ParseCache,
    store: &ParseStore,
) -> usize {
    let Some(dir) = parse_dir(output) else {
        return 0;
    };
    let mut by_shard: Vec<Vec<(String, [u8; 32], &Structured)>> = vec![Vec::new(); SHARDS];
    let seeds = cache.seeds_for_storing();
    for (path, hash, value) in &seeds {
        let path = slashed(path);
        by_shard[shard_of(&path)].push((path, *hash.as_bytes(), value));
    }
    let (binary, key) = snapshot.identity();
    by_shard
        .into_par_iter()
        .enumerate()
        .filter(|(index, entries)| {
            let now = digest(entries.iter().map(|(p, k, _)| (p.as_str(), k)));
            store.digests.get(*index).copied().flatten() != Some(now)
        })
        .filter_map(|(index, entries)| {
            let shard = Shard {
                binary: binary.to_string(),
                key: *key,
                seeds: entries
                    .into_iter()
                    .map(|(path, hash, (document, unmatched))| {
                        (path, hash, StoredSeed::of(document, unmatched))
                    })
                    .collect(),
            };
            write_sealed_with(&dir, &format!("{index:02x}"), |body| {
                postcard::to_extend(&shard, body).ok()
            })
        })
        .count()
}

/// Removes the stored parse results of `output` (`--clean`, `--no-cache`). A missing store
/// is fine.
///
/// # Errors
/// [`crate::Error::Io`] when the store exists but cannot be removed.
pub(super) fn remove(output: &Path) -> crate::Result<()> {
    crate::cache::remove_dir_if_present(parse_dir(output))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::build::memos::tests::project;
    use crate::load::SeedFile;
    use crate::parse::text::StructureRules;

    fn structure(cache: &ParseCache, name: &str, text: &str) {
        let seed = SeedFile::new(format!("seeds/{name}"), text.as_bytes().to_vec());
        cache
            .parse_seed_with(&seed, &StructureRules::default())
            .unwrap();
    }

    #[test]
    fn stored_seeds_are_not_structured_again_and_only_changed_shards_are_written() {
        let (_dir, output, snapshot) = project();
        let mut cache = ParseCache::default();
        for i in 0..20 {
            structure(
                &cache,
                &format!("s{i}.txt"),
                &format!("Seed {i}.\n\nIts text.\n"),
            );
        }
        cache.finish_build();
        assert_eq!(cache.take_structured_count(), 20);
        let written = record(&output, &snapshot, &cache, &ParseStore::default());
        assert_eq!(
            written, SHARDS,
            "with nothing read, every shard (empty ones too)"
        );

        let mut again = ParseCache::default();
        let store = read(&output, &snapshot, &mut again);
        for i in 0..20 {
            let text = if i == 7 {
                "Seed 7, edited.\n"
            } else {
                "Its text.\n"
            };
            let text = if i == 7 {
                text.to_string()
            } else {
                format!("Seed {i}.\n\n{text}")
            };
            structure(&again, &format!("s{i}.txt"), &text);
        }
        again.finish_build();
        assert_eq!(again.take_structured_count(), 1, "only the edited seed");
        assert_eq!(record(&output, &snapshot, &again, &store), 1, "its shard");
        assert_eq!(
            record(
                &output,
                &snapshot,
                &again,
                &read(&output, &snapshot, &mut ParseCache::default())
            ),
            0
        );
    }

    #[test]
    fn a_torn_or_foreign_shard_is_not_read() {
        let (dir, output, snapshot) = project();
        let mut cache = ParseCache::default();
        structure(&cache, "a.txt", "A seed.\n");
        cache.finish_build();
        record(&output, &snapshot, &cache, &ParseStore::default());
        let shard = parse_dir(&output)
            .unwrap()
            .join(format!("{:02x}", shard_of("seeds/a.txt")));
        let whole = std::fs::read(&shard).unwrap();

        std::fs::write(&shard, &whole[..whole.len() - 1]).unwrap();
        let mut torn = ParseCache::default();
        read(&output, &snapshot, &mut torn);
        assert_eq!(torn.entry_counts(), (0, 0), "torn");

        std::fs::write(&shard, &whole).unwrap();
        let overrides = crate::config::Overrides {
            include_drafts: true,
            ..crate::config::Overrides::default()
        };
        let other = crate::cache::snapshot(dir.path(), &overrides).unwrap();
        let mut foreign = ParseCache::default();
        read(&output, &other, &mut foreign);
        assert_eq!(foreign.entry_counts(), (0, 0), "another build's key");

        let mut ours = ParseCache::default();
        read(&output, &snapshot, &mut ours);
        assert_eq!(ours.entry_counts(), (0, 1));
        remove(&output).unwrap();
        let mut removed = ParseCache::default();
        read(&output, &snapshot, &mut removed);
        assert_eq!(removed.entry_counts(), (0, 0));
    }
}
