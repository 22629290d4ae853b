//! Source files: what [`super::load_sources`] returns (text files with their hashes, seeds as
//! bytes, the theme's files), shared by the loader, its cache and the built-in theme, with
//! the project's folder names and the `/`-separated form of a path used in names and URLs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// Folder names under the project root, relative.
pub const SEEDS_DIR: &str = "seeds";
/// Editorial metadata and pages.
pub const CONTENT_DIR: &str = "content";
/// Themes, one folder each.
pub const THEMES_DIR: &str = "themes";
/// The site configuration file.
pub const SITE_FILE: &str = "site.toml";

/// A relative path with `/` separators on every platform, for names and URLs.
pub fn slash_path(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A text file, with its path relative to the project root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceFile {
    /// Path relative to the project root, used in every message about the file.
    pub path: PathBuf,
    /// The file's text.
    pub text: String,
    /// A blake3 hash of the text, taken when the file was read, so caches keyed by content
    /// need not hash it again.
    pub hash: blake3::Hash,
}

impl SourceFile {
    /// A text file and the hash of its text.
    pub fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> SourceFile {
        let text = text.into();
        SourceFile {
            path: path.into(),
            hash: blake3::hash(text.as_bytes()),
            text,
        }
    }
}

/// A raw article text under `seeds/`, kept as bytes until the parser decodes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeedFile {
    /// Path relative to the project root (`seeds/<name>`).
    pub path: PathBuf,
    /// The file's bytes, exactly as on disk.
    pub bytes: Vec<u8>,
    /// A blake3 hash of the bytes, taken when the file was read.
    pub hash: blake3::Hash,
}

impl SeedFile {
    /// A seed and the hash of its bytes.
    pub fn new(path: impl Into<PathBuf>, bytes: Vec<u8>) -> SeedFile {
        let hash = blake3::hash(&bytes);
        SeedFile::new_hashed(path.into(), bytes, hash)
    }

    pub(super) fn new_hashed(path: PathBuf, bytes: Vec<u8>, hash: blake3::Hash) -> SeedFile {
        SeedFile { path, bytes, hash }
    }
}

/// A theme's static asset, copied to the output under a content-hashed name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaticFile {
    /// Path relative to the theme's `static/` folder, with `/` separators.
    pub name: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The files of the theme chosen in `site.toml`.
#[derive(Debug, Clone, Default)]
pub struct ThemeFiles {
    /// Templates, named by their path under `templates/` (`article.html`).
    pub templates: Vec<(String, SourceFile)>,
    /// Assets under `static/`.
    pub static_files: Vec<StaticFile>,
}

/// Everything the build reads, in a stable order.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    /// `content/articles/*.toml`, sorted by path.
    pub articles: Vec<SourceFile>,
    /// `content/topics.toml`, if present.
    pub topics: Option<SourceFile>,
    /// `content/entities.toml`, if present.
    pub entities: Option<SourceFile>,
    /// `content/timeline.toml`, if present.
    pub timeline: Option<SourceFile>,
    /// `content/data/*.toml`: data figures, sorted by path.
    pub datasets: Vec<SourceFile>,
    /// `content/pages/*.md`, sorted by path.
    pub pages: Vec<SourceFile>,
    /// Seeds by their name under `seeds/` (`001_x.txt`, or `sub/x.txt` in a subfolder).
    pub seeds: BTreeMap<String, SeedFile>,
    /// The theme's files.
    pub theme: ThemeFiles,
}
