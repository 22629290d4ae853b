//! Scaffold: `shelf new` — starts the metadata file for a raw text added to `seeds/`.
//!
//! Takes a seed's path; structures its text with the same parser the build uses, guesses a
//! title (the first short line) and a summary (the opening of the first real paragraph), and
//! writes `content/articles/<slug>.toml` marked `draft = true`, so it stays unpublished until
//! the editor has reviewed it. Never overwrites an existing file.

use std::path::{Component, Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::load::{CONTENT_DIR, SEEDS_DIR, SeedFile};
use crate::model::Slug;
use crate::parse::text::{Document, parse_seed};

/// Writes a draft metadata file for `seed` and returns its path relative to `root`.
///
/// # Errors
/// [`Error::Content`] when the seed is outside `seeds/`, missing, empty or not UTF-8, or the
/// metadata file already exists; [`Error::Io`] when it cannot be written.
pub fn scaffold_article(root: &Path, seed: &Path) -> Result<PathBuf> {
    let name = seed_name(root, seed)?;
    let relative = Path::new(SEEDS_DIR).join(&name);
    let bytes = std::fs::read(root.join(&relative)).map_err(|e| {
        Error::Content(vec![
            Diagnostic::error(format!("cannot read seed `{}`: {e}", relative.display()))
                .help("copy the raw text into seeds/ first, then run `shelf new seeds/<file>`"),
        ])
    })?;
    let document =
        parse_seed(&SeedFile::new(relative.clone(), bytes)).map_err(|d| Error::Content(vec![d]))?;
    let title = guess_title(&document).unwrap_or_else(|| name.clone());
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let slug = Slug::from_text(&title)
        .or_else(|| Slug::from_text(&stem))
        .map_or_else(|| "article".to_string(), |s| s.to_string());
    let target = Path::new(CONTENT_DIR)
        .join("articles")
        .join(format!("{slug}.toml"));
    if root.join(&target).exists() {
        return Err(Error::Content(vec![
            Diagnostic::error(format!("`{}` already exists", target.display()))
                .help("edit that file, or rename it first if it belongs to another article"),
        ]));
    }
    let text = metadata_text(&name, &title, &guess_summary(&document), current_year());
    let absolute = root.join(&target);
    if let Some(parent) = absolute.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    std::fs::write(&absolute, text).map_err(|e| Error::io("write", &absolute, e))?;
    Ok(target)
}

/// The seed's name under `seeds/`, from `seeds/x.txt`, `x.txt` or an absolute path.
fn seed_name(root: &Path, seed: &Path) -> Result<String> {
    let seeds = root.join(SEEDS_DIR);
    let inside = if seed.is_absolute() {
        let canonical_seeds = std::fs::canonicalize(&seeds).unwrap_or(seeds.clone());
        let canonical = std::fs::canonicalize(seed).unwrap_or_else(|_| seed.to_path_buf());
        canonical
            .strip_prefix(&canonical_seeds)
            .map(Path::to_path_buf)
            .ok()
    } else {
        Some(seed.strip_prefix(SEEDS_DIR).unwrap_or(seed).to_path_buf())
    };
    match inside {
        Some(path) if !path.as_os_str().is_empty() && path.components().all(|c| matches!(c, Component::Normal(_))) => {
            Ok(crate::load::slash_path(&path))
        }
        _ => Err(Error::Content(vec![
            Diagnostic::error(format!("`{}` is not under seeds/", seed.display()))
                .help("copy the raw text into the project's seeds/ folder, then run `shelf new seeds/<file>`"),
        ])),
    }
}

fn guess_title(document: &Document) -> Option<String> {
    document
        .blocks
        .iter()
        .flat_map(|b| &b.lines)
        .find(|line| {
            let words = line.split_whitespace().count();
            (2..=20).contains(&words) && line.chars().any(char::is_alphabetic)
        })
        .map(|line| line.trim().trim_end_matches('.').to_string())
}

fn guess_summary(document: &Document) -> String {
    let paragraph = document
        .blocks
        .iter()
        .map(|b| b.lines.join(" "))
        .find(|text| text.split_whitespace().count() >= 25)
        .or_else(|| document.blocks.first().map(|b| b.lines.join(" ")))
        .unwrap_or_default();
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.len() > 40 {
        format!("{}…", words[..40].join(" "))
    } else {
        words.join(" ")
    }
}

fn metadata_text(seed: &str, title: &str, summary: &str, year: u64) -> String {
    let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
    format!(
        "# Started by `shelf new`: every value below is a guess. Review it against the text,\n\
         # then set `draft = false` to publish. The README lists every key.\n\
         seed = {}\n\
         title = {}\n\
         # The original's publication date: \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\".\n\
         published = \"{year}\"\n\
         # authors = [\"Name as the text gives it\"]\n\
         topics = []\n\
         summary = {}\n\
         # editor_note = \"\"\"Why this piece is in the collection (Markdown).\"\"\"\n\
         # content_note = \"What the text describes that a reader may want warning of.\"\n\
         draft = true\n\
         \n\
         # [source]\n\
         # name = \"Publication\"\n\
         # url = \"https://…\"\n",
        quote(seed),
        quote(title),
        quote(summary)
    )
}

/// The current year in UTC, as the date placeholder; only used for this scaffold.
fn current_year() -> u64 {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    // Days to civil year (Howard Hinnant's algorithm), to avoid a date crate for one number.
    let days = seconds / 86_400 + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    year_of_era + era * 400 + u64::from(month_index >= 10)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metadata_text_is_valid_toml_with_escaped_values() {
        let text = metadata_text("a.txt", "He said \"no\" & <left>", "x\\y", 2026);
        let value: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(value["title"].as_str(), Some("He said \"no\" & <left>"));
        assert_eq!(value["summary"].as_str(), Some("x\\y"));
        assert_eq!(value["draft"].as_bool(), Some(true));
    }

    #[test]
    fn current_year_is_plausible() {
        assert!((2024..2200).contains(&current_year()));
    }
}
