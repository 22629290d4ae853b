//! Memos on disk: what a `shelf build` rendered, stored in the build cache so the next one
//! renders only what an edit changed, as `shelf serve` does with the same memos in memory.
//!
//! Three files in the cache folder (see [`crate::cache`]) and the link memo beside it,
//! each behind the cache's header
//! (mark, format number, blake3 checksum of the body) and tied to the binary's identity
//! and the key of the root and overrides, so another binary or another set of flags reads
//! none of it:
//!
//! - `render-memo`: output path → key of the file's inputs, hash of the bytes written
//!   (postcard; about 45,000 entries at 10,000 articles);
//! - `epub-memo`: the EPUB's deflated chunks of chapters and other documents by key (a
//!   postcard head listing keys, items and lengths, then the bytes themselves, about the
//!   size of the book);
//! - the link memo: what linking found per document and article (mentions, terms with the
//!   vocabulary numbering them, the related ranking with a hash of its features; see
//!   [`crate::link::LinkCache`]), not in the cache folder but in `link/` beside it: a head
//!   (vocabulary, ranking, what ties the entries to them) and 64 shards of mentions by
//!   document and 64 of terms by text, of which an edit rewrites the one or two holding
//!   the entries it changed;
//! - `search-memo`: the search index's postings and what they were made from, so the next
//!   build patches the changed articles' postings ([`crate::render::SearchMemo`]; it
//!   patches only when that gives what a full build gives, so the index stays exact).
//!
//! The last two (and each part of the link memo) are postcard behind a postcard head
//! naming the binary and key.
//!
//! All are streamed into their file ([`crate::cache::write_sealed_with`]: no copy of a
//! memo is held to be written; a link shard is encoded before it is written), renamed
//! into place, and read whole (the link shards in parallel). The link and search
//! memos are written as soon as they are made and then dropped ([`Tie`]), the other two
//! after the site committed. Safe when
//! older than the output (a build that stopped between the two): an entry only says that
//! inputs with this key render to these bytes. A kept page is moreover checked on disk by
//! the write stage (its manifest hash and the stamp the cache recorded).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::cache::{SealedBody, Snapshot, cache_dir, read_sealed, write_sealed_with};
use crate::timing::measure;

/// A manifest item of the EPUB as stored: id, path, title, whether it holds a chart.
type StoredItem = (String, String, String, bool);
use super::parse_store::ParseStore;
use crate::link::LinkCache;
use crate::parse::cache::ParseCache;
use crate::render::{EpubMemo, SearchMemo, memo::RenderMemo};

/// The render memo's file inside the cache folder.
pub(super) const RENDER_MEMO_FILE: &str = "render-memo";

/// The EPUB memo's file inside the cache folder.
pub(super) const EPUB_MEMO_FILE: &str = "epub-memo";

/// The link memo's folder inside the output's work folder (see [`link_dir`]).
pub(super) const LINK_DIR: &str = "link";

/// The search memo's file inside the cache folder.
pub(super) const SEARCH_MEMO_FILE: &str = "search-memo";

/// The render memo as stored.
#[derive(Debug, Serialize, Deserialize)]
struct StoredRender {
    binary: String,
    key: [u8; 32],
    render: Vec<crate::render::memo::StoredEntry>,
}

/// The head of the EPUB memo: what each stored run of bytes is, in order.
#[derive(Debug, Serialize, Deserialize)]
struct EpubHead {
    binary: String,
    key: [u8; 32],
    /// Per chunk of chapters: its key, manifest items and length in bytes.
    chapters: Vec<([u8; 32], Vec<StoredItem>, u64)>,
    /// Per other document: its key and length in bytes.
    documents: Vec<([u8; 32], u64)>,
}

/// Every memo the last build of `output` stored for `snapshot`, read in parallel; the
/// structured seeds go into `parse`.
pub(super) struct Stored {
    pub(super) render: Option<RenderMemo>,
    pub(super) epub: Option<EpubMemo>,
    pub(super) link: Option<LinkCache>,
    pub(super) search: Option<SearchMemo>,
    pub(super) parse: ParseStore,
}

/// Reads every memo into [`Stored`].
pub(super) fn read_all(output: &Path, snapshot: &Snapshot, parse: &mut ParseCache) -> Stored {
    let (((render, epub), (link, search)), parse) = rayon::join(
        || {
            rayon::join(
                || {
                    rayon::join(
                        || measure("cache: read render", || read_render_memo(output, snapshot)),
                        || measure("cache: read epub", || read_epub_memo(output, snapshot)),
                    )
                },
                || {
                    rayon::join(
                        || measure("cache: read link", || read_link_memo(output, snapshot)),
                        || measure("cache: read search", || read_search_memo(output, snapshot)),
                    )
                },
            )
        },
        || {
            measure("cache: read parsed", || {
                super::parse_store::read(output, snapshot, parse)
            })
        },
    );
    Stored {
        render,
        epub,
        link,
        search,
        parse,
    }
}

/// Whether a stored memo was made by the binary and for the key of `snapshot`.
fn is_ours(binary: &str, key: &[u8; 32], snapshot: &Snapshot) -> bool {
    (binary, key) == snapshot.identity()
}

/// The render memo the last build of `output` stored, if made for `snapshot`'s binary and
/// key; `None` when it is missing, torn, of another format or another build's.
pub(super) fn read_render_memo(output: &Path, snapshot: &Snapshot) -> Option<RenderMemo> {
    let body = read_sealed(&cache_dir(output)?.join(RENDER_MEMO_FILE))?;
    let stored: StoredRender = postcard::from_bytes(&body).ok()?;
    is_ours(&stored.binary, &stored.key, snapshot).then(|| RenderMemo::from_stored(stored.render))
}

/// The EPUB memo the last build of `output` stored, as [`read_render_memo`].
pub(super) fn read_epub_memo(output: &Path, snapshot: &Snapshot) -> Option<EpubMemo> {
    let body = read_sealed(&cache_dir(output)?.join(EPUB_MEMO_FILE))?;
    let (head_len, rest) = body.split_at_checked(8)?;
    let head_len = usize::try_from(u64::from_le_bytes(head_len.try_into().ok()?)).ok()?;
    let (head, mut blobs) = rest.split_at_checked(head_len)?;
    let head: EpubHead = postcard::from_bytes(head).ok()?;
    if !is_ours(&head.binary, &head.key, snapshot) {
        return None;
    }
    let mut take = |len: u64| -> Option<Vec<u8>> {
        let (blob, after) = blobs.split_at_checked(usize::try_from(len).ok()?)?;
        blobs = after;
        Some(blob.to_vec())
    };
    let mut chapters = Vec::with_capacity(head.chapters.len());
    for (key, items, len) in head.chapters {
        chapters.push((key, items, take(len)?));
    }
    let mut documents = Vec::with_capacity(head.documents.len());
    for (key, len) in head.documents {
        documents.push((key, take(len)?));
    }
    Some(EpubMemo::from_stored(chapters, documents))
}

/// The link memo the last build of `output` stored (its head and shards in [`LINK_DIR`]),
/// as [`read_render_memo`]; its shards are read and decoded in parallel.
pub(super) fn read_link_memo(output: &Path, snapshot: &Snapshot) -> Option<LinkCache> {
    let dir = link_dir(output)?;
    let head = read_tied_at(&dir.join(crate::link::memo_parts::HEAD), snapshot)?;
    LinkCache::from_stored(&head, &|name| read_tied_at(&dir.join(name), snapshot))
}

/// The link memo's folder for `output` (resolved): in the work folder beside `cache/`, not
/// in it, as the parse shards are, so it outlives the removal of `cache/` at the start of
/// every build (each entry is keyed by what it is computed from).
pub(super) fn link_dir(output: &Path) -> Option<std::path::PathBuf> {
    crate::write::swap::work_folder(output).map(|work| work.join(LINK_DIR))
}

/// Removes the stored link memo of `output` (`--clean`, `--no-cache`). A missing one is fine.
///
/// # Errors
/// [`crate::Error::Io`] when it exists but cannot be removed.
pub(super) fn remove_link(output: &Path) -> crate::Result<()> {
    crate::cache::remove_dir_if_present(link_dir(output))
}

/// The search memo the last build of `output` stored, as [`read_render_memo`].
pub(super) fn read_search_memo(output: &Path, snapshot: &Snapshot) -> Option<SearchMemo> {
    postcard::from_bytes(&read_tied(output, snapshot, SEARCH_MEMO_FILE)?).ok()
}

/// Where and for which build a one-off build stores its link and search memos, as soon as
/// each is made: the memo is written and dropped instead of held to the end of the build
/// (the link memo after linking, the search postings after the index), which keeps the
/// first build's peak memory near that of a build storing nothing. Written before the
/// output commits, as the parse shards may be: each entry is keyed by what it is computed
/// from, so a memo newer than the output only says what those inputs give.
#[derive(Debug, Clone)]
pub(super) struct Tie {
    /// The output folder (resolved when a memo is written: the build creates it).
    output: std::path::PathBuf,
    binary: String,
    key: [u8; 32],
}

impl Tie {
    /// The tie of memos stored into `output`'s cache for `snapshot`'s binary and key.
    pub(super) fn new(output: &Path, snapshot: &Snapshot) -> Tie {
        let (binary, key) = snapshot.identity();
        Tie {
            output: output.to_path_buf(),
            binary: binary.to_string(),
            key: *key,
        }
    }

    /// Stores the link memo: its head, then the shards whose entries changed since it
    /// was read (best effort, as [`record`]). Returns what was written.
    pub(super) fn store_link(&self, link: &LinkCache) -> crate::link::StoreWork {
        let Some(dir) = std::fs::canonicalize(&self.output)
            .ok()
            .and_then(|output| link_dir(&output))
        else {
            return crate::link::StoreWork::default();
        };
        let put = |name: &str, bytes: &[u8]| {
            self.write_at(&dir, name, |mut body| {
                body.put(bytes);
                Some(body)
            })
        };
        link.write_stored(&put).unwrap_or_default()
    }

    /// Stores the search memo (best effort, as [`record`]).
    pub(super) fn store_search(&self, search: &SearchMemo) {
        self.write(SEARCH_MEMO_FILE, |body| {
            postcard::to_extend(search, body).ok()
        });
    }

    /// Writes the memo file `name` of the cache folder, behind a head naming the binary
    /// and key, its body streamed by `fill`.
    fn write(&self, name: &str, fill: impl FnOnce(SealedBody) -> Option<SealedBody>) {
        let Some(dir) = std::fs::canonicalize(&self.output)
            .ok()
            .and_then(|output| cache_dir(&output))
        else {
            return;
        };
        self.write_at(&dir, name, fill);
    }

    /// As [`Tie::write`], into `dir`; whether the file was written.
    fn write_at(
        &self,
        dir: &Path,
        name: &str,
        fill: impl FnOnce(SealedBody) -> Option<SealedBody>,
    ) -> bool {
        let Ok(head) = postcard::to_allocvec(&(self.binary.as_str(), &self.key)) else {
            return false;
        };
        write_sealed_with(dir, name, |mut body| {
            body.put(&(head.len() as u64).to_le_bytes());
            body.put(&head);
            fill(body)
        })
        .is_some()
    }
}

/// The body of the memo file `name` of `output`'s cache, when its head names the binary and
/// key of `snapshot`.
fn read_tied(output: &Path, snapshot: &Snapshot, name: &str) -> Option<Vec<u8>> {
    read_tied_at(&cache_dir(output)?.join(name), snapshot)
}

/// The body of the memo file at `path`, when its head names the binary and key of
/// `snapshot`.
fn read_tied_at(path: &Path, snapshot: &Snapshot) -> Option<Vec<u8>> {
    let mut body = read_sealed(path)?;
    let (head_len, rest) = body.split_at_checked(8)?;
    let head_len = usize::try_from(u64::from_le_bytes(head_len.try_into().ok()?)).ok()?;
    let head = rest.get(..head_len)?;
    let (binary, key): (String, [u8; 32]) = postcard::from_bytes(head).ok()?;
    if !is_ours(&binary, &key, snapshot) {
        return None;
    }
    body.drain(..8 + head_len);
    Some(body)
}

/// Stores what the build just committed into `output` rendered, for the next build. Best
/// effort: a memo that cannot be written only means the next build renders more.
pub(super) fn record(output: &Path, snapshot: &Snapshot, render: &RenderMemo, epub: &EpubMemo) {
    let Some(dir) = cache_dir(output) else {
        return;
    };
    let (binary, key) = snapshot.identity();
    let stored = StoredRender {
        binary: binary.to_string(),
        key: *key,
        render: render.to_stored(),
    };
    let _ = write_sealed_with(&dir, RENDER_MEMO_FILE, |body| {
        postcard::to_extend(&stored, body).ok()
    });
    let (chapters, documents) = epub.to_stored();
    let head = EpubHead {
        binary: binary.to_string(),
        key: *key,
        chapters: chapters
            .iter()
            .map(|(key, items, bytes)| (*key, items.clone(), bytes.len() as u64))
            .collect(),
        documents: documents
            .iter()
            .map(|(key, bytes)| (*key, bytes.len() as u64))
            .collect(),
    };
    let Ok(head) = postcard::to_allocvec(&head) else {
        return;
    };
    let blobs = chapters
        .iter()
        .map(|(_, _, bytes)| *bytes)
        .chain(documents.iter().map(|(_, bytes)| *bytes));
    let _ = write_sealed_with(&dir, EPUB_MEMO_FILE, |mut body| {
        body.put(&(head.len() as u64).to_le_bytes());
        body.put(&head);
        for blob in blobs {
            body.put(blob);
        }
        Some(body)
    });
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    fn epub_memo() -> EpubMemo {
        let items = vec![("c1".into(), "c1.xhtml".into(), "One".into(), true)];
        EpubMemo::from_stored(
            vec![([1; 32], items, b"deflated chapters".to_vec())],
            vec![([2; 32], b"nav".to_vec()), ([3; 32], Vec::new())],
        )
    }

    /// A project folder with its output folder's work folder made, and its snapshot (for
    /// the tests of every store in the build cache).
    pub(in crate::build) fn project() -> (tempfile::TempDir, std::path::PathBuf, Snapshot) {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        std::fs::create_dir_all(&output).unwrap();
        let snapshot =
            crate::cache::snapshot(dir.path(), &crate::config::Overrides::default()).unwrap();
        (dir, output, snapshot)
    }

    #[test]
    fn the_memos_read_back_as_stored_and_only_for_their_build() {
        let (dir, output, snapshot) = project();
        let render = RenderMemo::from_stored(vec![("a/index.html".into(), [4; 32], [5; 32], true)]);
        record(&output, &snapshot, &render, &epub_memo());
        let read = read_render_memo(&output, &snapshot).unwrap();
        assert_eq!(read.to_stored(), render.to_stored());
        let read = read_epub_memo(&output, &snapshot).unwrap();
        assert_eq!(read.to_stored(), epub_memo().to_stored());
        let overrides = crate::config::Overrides {
            include_drafts: true,
            ..crate::config::Overrides::default()
        };
        let other = crate::cache::snapshot(dir.path(), &overrides).unwrap();
        assert!(read_render_memo(&output, &other).is_none());
        assert!(read_epub_memo(&output, &other).is_none());
    }

    #[test]
    fn a_torn_or_altered_epub_memo_is_not_read() {
        let (_dir, output, snapshot) = project();
        record(&output, &snapshot, &RenderMemo::default(), &epub_memo());
        let path = cache_dir(&output).unwrap().join(EPUB_MEMO_FILE);
        let whole = std::fs::read(&path).unwrap();
        std::fs::write(&path, &whole[..whole.len() - 2]).unwrap();
        assert!(read_epub_memo(&output, &snapshot).is_none(), "torn");
        let mut altered = whole.clone();
        altered[whole.len() - 3] ^= 1;
        std::fs::write(&path, &altered).unwrap();
        assert!(read_epub_memo(&output, &snapshot).is_none(), "altered");
        std::fs::write(&path, &whole).unwrap();
        assert!(read_epub_memo(&output, &snapshot).is_some());
    }
}
