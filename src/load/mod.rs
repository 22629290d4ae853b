//! Load: walks the project's source folders and reads their files; parses nothing.
//!
//! Takes the project root and the theme name; returns [`Sources`]: `site.toml`, every
//! `content/articles/*.toml`, `content/topics.toml`, `content/pages/*.md`, every seed under
//! `seeds/` (as bytes: decoding is the parser's job, so a bad byte is reported with its line)
//! and the theme's templates and static files. Everything is sorted by path so later stages
//! see the same order on every machine. Files are only ever read here.

pub mod builtin;
pub mod cache;
mod source;

use std::collections::{BTreeMap, HashMap};
use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::error::{Diagnostic, Diagnostics, Error, Result};
pub use cache::SourceCache;
use cache::{Kept, Stamp};
pub use source::{
    CONTENT_DIR, SEEDS_DIR, SITE_FILE, SeedFile, SourceFile, Sources, StaticFile, THEMES_DIR,
    ThemeFiles, slash_path,
};

/// Reads one text file under the project root.
///
/// # Errors
/// [`Error::Content`] when the file is missing or is not UTF-8, with the position of the
/// first bad byte.
pub fn read_source(root: &Path, relative: &Path) -> Result<SourceFile> {
    let bytes = std::fs::read(root.join(relative)).map_err(|e| {
        let diagnostic = if e.kind() == std::io::ErrorKind::NotFound {
            Diagnostic::error(format!("`{}` not found", relative.display())).help(format!(
                "run shelf from the project folder, or pass `--root DIR`; looked in `{}`",
                root.display()
            ))
        } else {
            Diagnostic::error(format!("cannot read `{}`: {e}", relative.display()))
        };
        Error::Content(vec![diagnostic])
    })?;
    decode(relative, bytes).map_err(|d| Error::Content(vec![d]))
}

/// Decodes UTF-8, naming the line and column of the first invalid byte.
///
/// # Errors
/// A diagnostic pointing at the first byte that is not UTF-8.
pub fn decode(relative: &Path, bytes: Vec<u8>) -> Result<SourceFile, Diagnostic> {
    decode_text(relative, bytes).map(|text| SourceFile::new(relative, text))
}

/// As [`decode`], without hashing the text.
///
/// # Errors
/// As [`decode`].
pub fn decode_text(relative: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) => {
            let valid_up_to = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let before = String::from_utf8_lossy(&bytes[..valid_up_to]);
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |i| i + 1);
            let column = before[line_start..].chars().count() + 1;
            let line_text = String::from_utf8_lossy(&bytes[line_start..])
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            Err(Diagnostic::error(format!(
                "`{}` is not valid UTF-8 (byte 0x{:02X} at offset {valid_up_to})",
                relative.display(),
                bytes[valid_up_to]
            ))
            .in_file(relative)
            .at_line(line, column, &line_text)
            .label("invalid byte here")
            .help("save the file as UTF-8 (most editors offer “Save with encoding”)"))
        }
    }
}

/// Names of the themes under `themes/` and the built-in one, sorted.
///
/// # Errors
/// [`Error::Io`] when `themes/` exists but cannot be listed.
pub fn theme_names(root: &Path) -> Result<Vec<String>> {
    let dir = root.join(THEMES_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(vec![builtin::BUILTIN_THEME.to_string()]);
    };
    let mut names = vec![builtin::BUILTIN_THEME.to_string()];
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("list", &dir, e))?;
        if entry.path().is_dir() {
            names.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    names.sort();
    names.dedup();
    Ok(names)
}

/// Reads every source the build needs.
///
/// # Errors
/// [`Error::Io`] when a folder cannot be walked. Files that are not UTF-8 become
/// diagnostics in `diagnostics` and are left out.
pub fn load_sources(root: &Path, theme: &str, diagnostics: &mut Diagnostics) -> Result<Sources> {
    let mut cache = SourceCache::default();
    load_sources_cached(root, theme, diagnostics, &mut cache)?;
    Ok(std::mem::take(&mut cache.sources))
}

/// As [`load_sources`], taking from `cache` the metadata, pages, data and seeds whose stamps
/// are unchanged (and that no one asked to [forget](SourceCache::forget)) instead of reading
/// them, and leaving this build's sources and stamps in it. The theme and the single files
/// (`content/topics.toml`…) are few and always read.
///
/// # Errors
/// As [`load_sources`].
pub fn load_sources_cached<'c>(
    root: &Path,
    theme: &str,
    diagnostics: &mut Diagnostics,
    cache: &'c mut SourceCache,
) -> Result<&'c Sources> {
    let mut loader = Loader {
        root,
        kept: cache.take(),
        stamps: HashMap::new(),
    };
    let content = Path::new(CONTENT_DIR);
    let articles = loader.texts(&content.join("articles"), "toml", true, diagnostics)?;
    let pages = loader.texts(&content.join("pages"), "md", true, diagnostics)?;
    let topics = read_optional(root, &content.join("topics.toml"), diagnostics)?;
    let entities = read_optional(root, &content.join("entities.toml"), diagnostics)?;
    let timeline = read_optional(root, &content.join("timeline.toml"), diagnostics)?;
    let datasets = loader.texts(&content.join("data"), "toml", true, diagnostics)?;
    let mut seeds = BTreeMap::new();
    for found in loader.tree(Path::new(SEEDS_DIR), None)? {
        let relative = found.relative;
        let name = slash_path(relative.strip_prefix(SEEDS_DIR).unwrap_or(&relative));
        let (seed, stamp) = match found.read {
            Some(read) => (
                SeedFile::new_hashed(relative, read.bytes, read.hash),
                read.stamp,
            ),
            None => match loader.kept.seeds.remove(&relative) {
                Some(seed) => (seed, found.stamp),
                None => {
                    let read = read_file(&root.join(&relative))?;
                    (
                        SeedFile::new_hashed(relative, read.bytes, read.hash),
                        read.stamp,
                    )
                }
            },
        };
        if let Some(stamp) = stamp {
            loader.stamps.insert(seed.path.clone(), stamp);
        }
        seeds.insert(name, seed);
    }
    let theme = read_theme(&mut loader, theme, diagnostics)?;
    cache.stamps = loader.stamps;
    cache.sources = Sources {
        articles,
        topics,
        entities,
        timeline,
        datasets,
        pages,
        seeds,
        theme,
    };
    Ok(&cache.sources)
}

/// The most themes one theme may extend through, so a cycle cannot loop forever.
const THEME_DEPTH: usize = 4;

/// Reads a theme and the themes it extends: `themes/<name>/theme.toml` may say
/// `extends = "default"`, and then every template and asset the child does not have comes
/// from the parent. Reading that one key is the only parsing done here, because it decides
/// which files to read.
fn read_theme(
    loader: &mut Loader<'_>,
    theme: &str,
    diagnostics: &mut Diagnostics,
) -> Result<ThemeFiles> {
    let root = loader.root;
    let chain = theme_chain(root, theme, diagnostics)?;
    let mut templates: BTreeMap<String, SourceFile> = BTreeMap::new();
    let mut static_files: BTreeMap<String, StaticFile> = BTreeMap::new();
    for name in chain.iter().rev() {
        let theme_dir = Path::new(THEMES_DIR).join(name);
        if builtin::is_builtin(name) && !root.join(&theme_dir).is_dir() {
            templates.extend(builtin::templates());
            static_files.extend(
                builtin::static_files()
                    .into_iter()
                    .map(|f| (f.name.clone(), f)),
            );
            continue;
        }
        let templates_dir = theme_dir.join("templates");
        for file in loader.texts(&templates_dir, "", false, diagnostics)? {
            let name = slash_path(file.path.strip_prefix(&templates_dir).unwrap_or(&file.path));
            templates.insert(name, file);
        }
        let static_dir = theme_dir.join("static");
        for found in loader.tree(&static_dir, None)? {
            let relative = found.relative;
            let bytes = match found.read {
                Some(read) => read.bytes,
                None => read_file(&root.join(&relative))?.bytes,
            };
            let name = slash_path(relative.strip_prefix(&static_dir).unwrap_or(&relative));
            static_files.insert(name.clone(), StaticFile { name, bytes });
        }
    }
    Ok(ThemeFiles {
        templates: templates.into_iter().collect(),
        static_files: static_files.into_values().collect(),
    })
}

/// The theme and the themes it extends, child first: follows `extends` in each
/// `theme.toml` up to [`THEME_DEPTH`] levels, stopping (with a diagnostic) at a bad name, a
/// cycle, an unknown theme or an unreadable manifest.
fn theme_chain(root: &Path, theme: &str, diagnostics: &mut Diagnostics) -> Result<Vec<String>> {
    let mut chain = vec![theme.to_string()];
    while chain.len() <= THEME_DEPTH {
        let manifest = Path::new(THEMES_DIR)
            .join(chain.last().map_or("", String::as_str))
            .join("theme.toml");
        let Some(file) = read_optional(root, &manifest, diagnostics)? else {
            break;
        };
        let manifest_read = toml::from_str::<ThemeManifest>(&file.text);
        if let Ok(ThemeManifest {
            extends: Some(parent),
        }) = &manifest_read
            && !is_theme_name(parent.get_ref())
        {
            diagnostics.push(
                Diagnostic::error(format!(
                    "theme `{}` extends `{}`, which is not a theme name",
                    chain.last().map_or("", String::as_str),
                    parent.get_ref()
                ))
                .in_file(&manifest)
                .at(&file.text, parent.span())
                .label("expected the name of a folder under themes/")
                .help("write a theme's folder name, like `extends = \"default\"`"),
            );
            break;
        }
        match manifest_read.map(|m| m.extends.map(toml::Spanned::into_inner)) {
            Ok(Some(parent)) if chain.contains(&parent) => {
                diagnostics.push(
                    Diagnostic::error(format!(
                        "themes extend each other in a cycle: {} → {parent}",
                        chain.join(" → ")
                    ))
                    .in_file(&manifest)
                    .help("remove `extends` from one of the theme.toml files"),
                );
                break;
            }
            Ok(Some(parent)) => {
                if !root.join(THEMES_DIR).join(&parent).is_dir() && !builtin::is_builtin(&parent) {
                    diagnostics.push(
                        Diagnostic::error(format!("theme extends unknown theme `{parent}`"))
                            .in_file(&manifest)
                            .help("`extends` names a folder under themes/"),
                    );
                    break;
                }
                chain.push(parent);
            }
            Ok(None) => break,
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                diagnostics.push(
                    Diagnostic::error("invalid theme.toml")
                        .in_file(&manifest)
                        .at(&file.text, span)
                        .label(e.message().to_string())
                        .help("theme.toml holds one key: `extends = \"default\"`"),
                );
                break;
            }
        }
    }
    Ok(chain)
}

/// `themes/<name>/theme.toml`.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeManifest {
    /// The theme this one builds on.
    #[serde(default)]
    extends: Option<toml::Spanned<String>>,
}

/// Whether `name` can only be a folder directly under `themes/`: one plain name, not hidden.
fn is_theme_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name)
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)))
}

/// Reads a file that may be absent; a file that is not UTF-8 becomes a diagnostic.
fn read_optional(
    root: &Path,
    relative: &Path,
    diagnostics: &mut Diagnostics,
) -> Result<Option<SourceFile>> {
    if !root.join(relative).is_file() {
        return Ok(None);
    }
    match read_source(root, relative) {
        Ok(file) => Ok(Some(file)),
        Err(Error::Content(found)) => {
            diagnostics.extend(found);
            Ok(None)
        }
        Err(other) => Err(other),
    }
}

/// Reads files for one build, taking unchanged ones from what the last build kept.
struct Loader<'r> {
    root: &'r Path,
    kept: Kept,
    /// Trusted stamps of the files read or kept for this build's sources.
    stamps: HashMap<PathBuf, Stamp>,
}

/// A file found under a folder: read now, or (`read` is `None`) unchanged since the last
/// build, with the stamp that says so.
struct Found {
    relative: PathBuf,
    read: Option<Read>,
    stamp: Option<Stamp>,
}

/// A file's bytes, their hash, and its stamp if one can be trusted.
struct Read {
    bytes: Vec<u8>,
    hash: blake3::Hash,
    stamp: Option<Stamp>,
}

impl Loader<'_> {
    /// The text files under `dir` (with this extension, unless it is empty); those that are
    /// not UTF-8 become diagnostics. With `is_kept`, unchanged files come from the last build
    /// and this build's are stamped for the next one.
    fn texts(
        &mut self,
        dir: &Path,
        extension: &str,
        is_kept: bool,
        diagnostics: &mut Diagnostics,
    ) -> Result<Vec<SourceFile>> {
        let wanted = (!extension.is_empty()).then_some(extension);
        let mut files = Vec::new();
        for found in self.tree(dir, wanted)? {
            let relative = found.relative;
            let kept = match found.read {
                Some(_) => None,
                None if is_kept => self.kept.texts.remove(&relative),
                None => None,
            };
            let (file, stamp) = match (kept, found.read) {
                (Some(file), _) => (file, found.stamp),
                (None, read) => {
                    let read = match read {
                        Some(read) => read,
                        None => read_file(&self.root.join(&relative))?,
                    };
                    match decode_text(&relative, read.bytes) {
                        Ok(text) => (
                            SourceFile {
                                path: relative,
                                text,
                                hash: read.hash,
                            },
                            read.stamp,
                        ),
                        Err(diagnostic) => {
                            diagnostics.push(diagnostic);
                            continue;
                        }
                    }
                }
            };
            if let Some(stamp) = stamp.filter(|_| is_kept) {
                self.stamps.insert(file.path.clone(), stamp);
            }
            files.push(file);
        }
        Ok(files)
    }

    /// Every regular file under `root/dir` (following no symlinks out of the tree),
    /// skipping hidden files and editor backups, sorted by path; a missing folder is empty.
    /// A file whose kept stamp still matches is not read.
    fn tree(&self, dir: &Path, extension: Option<&str>) -> Result<Vec<Found>> {
        let root = self.root;
        let absolute = root.join(dir);
        if !absolute.is_dir() {
            return Ok(Vec::new());
        }
        let mut paths = Vec::new();
        let walker = WalkDir::new(&absolute)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !is_ignored_name(&e.file_name().to_string_lossy()));
        for entry in walker {
            let entry = entry.map_err(|e| {
                let path = e.path().map_or_else(|| absolute.clone(), Path::to_path_buf);
                Error::io("walk", path, e.into())
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            if let Some(ext) = extension
                && entry.path().extension().and_then(|e| e.to_str()) != Some(ext)
            {
                continue;
            }
            paths.push(entry.into_path());
        }
        // Reading in parallel pays on disks that serve several requests at once; the first
        // failure in walking order is the one reported, as in a sequential read. A file
        // with a kept stamp costs one `stat`.
        let found: Vec<Result<Found>> = paths
            .par_iter()
            .map(|path| {
                let relative = path.strip_prefix(root).unwrap_or(path).to_path_buf();
                if let Some(kept) = self.kept.stamp(&relative) {
                    let current = std::fs::symlink_metadata(path).map(|m| Stamp::of(&m));
                    if current.is_ok_and(|current| current == *kept) {
                        let stamp = Some(*kept);
                        return Ok(Found {
                            relative,
                            read: None,
                            stamp,
                        });
                    }
                }
                let read = read_file(path)?;
                Ok(Found {
                    relative,
                    stamp: read.stamp,
                    read: Some(read),
                })
            })
            .collect();
        found.into_iter().collect()
    }
}

/// Reads a file, hashes its bytes and stamps it (the stamp is taken from the open file
/// before reading, so a write during the read leaves a stamp the next build will not match).
fn read_file(path: &Path) -> Result<Read> {
    let taken = SystemTime::now();
    let mut file = std::fs::File::open(path).map_err(|e| Error::io("read", path, e))?;
    let metadata = file.metadata().ok();
    let capacity = metadata
        .as_ref()
        .map_or(0, |m| usize::try_from(m.len()).unwrap_or(0));
    let mut bytes = Vec::with_capacity(capacity);
    file.read_to_end(&mut bytes)
        .map_err(|e| Error::io("read", path, e))?;
    let stamp = metadata
        .map(|m| Stamp::of(&m))
        .filter(|stamp| stamp.is_trusted(taken));
    Ok(Read {
        hash: blake3::hash(&bytes),
        bytes,
        stamp,
    })
}

/// Whether the build skips a file or folder of this name: hidden files and editor backups.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_names_line_and_column_of_bad_byte() {
        let error = decode(Path::new("seeds/x.txt"), b"ok\nab\xffc\n".to_vec()).unwrap_err();
        let location = error.location.unwrap();
        assert_eq!((location.line, location.column), (2, 3));
        assert!(
            error.message.contains("byte 0xFF at offset 5"),
            "{}",
            error.message
        );
    }
}
