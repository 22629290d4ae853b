//! Writing the generated trees: folders made ready, files written and counted, TOML strings.
//!
//! Takes paths and text; writes them. A folder is only ever emptied when it holds the
//! [`MARKER`] file of an earlier generation, so a mistyped `--out` cannot wipe a project.

use std::fmt::Write as _;
use std::io;
use std::path::{Path, PathBuf};

/// The file that marks a folder as generated, so a later run may replace it.
pub const MARKER: &str = ".generated";

/// Makes `dir` ready: creates it, accepts it empty, or empties it when it holds [`MARKER`].
pub fn prepare(dir: &Path) -> io::Result<()> {
    if !dir.exists() {
        return std::fs::create_dir_all(dir);
    }
    if std::fs::read_dir(dir)?.next().is_none() {
        return Ok(());
    }
    if !dir.join(MARKER).is_file() {
        return Err(io::Error::other(format!(
            "refusing to write into `{}`: it is not empty and holds no `{MARKER}` file \
             from an earlier generation",
            dir.display()
        )));
    }
    std::fs::remove_dir_all(dir)?;
    std::fs::create_dir_all(dir)
}

/// Writes files under a root and counts them.
pub struct Tree {
    root: PathBuf,
    /// Files written.
    pub files: usize,
    /// Bytes written under `seeds/`.
    pub seed_bytes: u64,
    /// Bytes written under `content/` and to `site.toml`.
    pub content_bytes: u64,
}

impl Tree {
    /// A tree at `root`, which must exist.
    pub fn new(root: &Path) -> Tree {
        Tree {
            root: root.to_path_buf(),
            files: 0,
            seed_bytes: 0,
            content_bytes: 0,
        }
    }

    /// Writes `text` at `relative`, creating folders.
    ///
    /// # Errors
    ///
    /// Any I/O error.
    pub fn write(&mut self, relative: &str, text: &str) -> io::Result<()> {
        let path = self.root.join(relative);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, text)?;
        self.files += 1;
        if relative.starts_with("seeds/") {
            self.seed_bytes += text.len() as u64;
        } else if relative.starts_with("content/") || relative == "site.toml" {
            self.content_bytes += text.len() as u64;
        }
        Ok(())
    }
}

/// Copies a folder, its entries in name order.
pub fn copy_dir(from: &Path, to: &Path, files: &mut usize) -> io::Result<()> {
    std::fs::create_dir_all(to)?;
    let mut entries: Vec<_> = std::fs::read_dir(from)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &target, files)?;
        } else {
            std::fs::copy(entry.path(), &target)?;
            *files += 1;
        }
    }
    Ok(())
}

/// A TOML basic string.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A TOML multi-line basic string, as the real metadata writes editor's notes.
pub fn multiline(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('"', "\\\"");
    format!("\"\"\"\n{escaped}\n\"\"\"")
}

pub fn quoted_list<S: AsRef<str>>(items: &[S]) -> String {
    let items: Vec<String> = items.iter().map(|i| quoted(i.as_ref())).collect();
    format!("[{}]", items.join(", "))
}
