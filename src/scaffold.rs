//! Scaffold: `shelf new` — starts the metadata file for a raw text added to `seeds/`.
//!
//! Takes a seed's path; structures its text with the same parser the build uses, guesses a
//! title (the first headline-like line of the text), a summary (the opening of the first real
//! paragraph) and a slug (the seed's file name when it reads as words, else the title's first
//! words transliterated to ASCII), and writes `content/articles/<slug>.toml` marked
//! `draft = true`, so it stays unpublished until the editor has reviewed it.
//!
//! It never invents a fact: `published` is left commented out (with a date the text states, if
//! it finds one, as a suggestion), so `shelf check` points at that line until the editor fills
//! it in. When the headline becomes the title, a `[[structure.lines]]` override drops it from
//! the body, visible in the file, so the page does not show it twice. Never overwrites an
//! existing file. [`Scaffolded`] says what was guessed and from which line.

use std::path::{Component, Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::load::{CONTENT_DIR, SEEDS_DIR, SeedFile};
use crate::model::Slug;
use crate::parse::text::{Block, BlockKind, Document, parse_seed};

/// What `shelf new` wrote and what it guessed, for the editor to review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scaffolded {
    /// The metadata file written, relative to the project root.
    pub path: PathBuf,
    /// One sentence per guess: what was guessed, and from where.
    pub guesses: Vec<String>,
}

/// Why `shelf new` cannot read the seed `name` (at `relative`): a missing one names the
/// closest seed there is, when one is close (#16: it printed the OS error's own words).
fn unreadable_seed(root: &Path, name: &str, relative: &Path, error: &std::io::Error) -> Diagnostic {
    let shown = crate::load::slash_path(relative);
    if error.kind() != std::io::ErrorKind::NotFound {
        return Diagnostic::error(format!("cannot read seed `{shown}`: {error}"))
            .help("check that the file is readable, then run `shelf new` again");
    }
    let seeds: Vec<String> = std::fs::read_dir(root.join(SEEDS_DIR))
        .into_iter()
        .flatten()
        .filter_map(|entry| entry.ok()?.file_name().into_string().ok())
        .collect();
    let diagnostic = Diagnostic::error(format!("seed `{shown}` not found"));
    // Compared without `.txt`, which every name shares and would make any two look close.
    fn stem(name: &str) -> &str {
        name.strip_suffix(".txt").unwrap_or(name)
    }
    let close = crate::error::did_you_mean(stem(name), seeds.iter().map(|s| stem(s)))
        .and_then(|close| seeds.iter().find(|s| stem(s) == close));
    match close {
        Some(close) => diagnostic.help(format!("did you mean `shelf new seeds/{close}`?")),
        None => diagnostic
            .help("copy the raw text into seeds/ first, then run `shelf new seeds/<file>`"),
    }
}

/// Writes a draft metadata file for `seed` and says what it guessed.
///
/// # Errors
/// [`Error::Content`] when the seed is outside `seeds/`, missing, empty or not UTF-8, or the
/// metadata file already exists; [`Error::Io`] when it cannot be written.
pub fn scaffold_article(root: &Path, seed: &Path) -> Result<Scaffolded> {
    let name = seed_name(root, seed)?;
    let relative = Path::new(SEEDS_DIR).join(&name);
    let bytes = std::fs::read(root.join(&relative))
        .map_err(|e| Error::Content(vec![unreadable_seed(root, &name, &relative, &e)]))?;
    let document =
        parse_seed(&SeedFile::new(relative.clone(), bytes)).map_err(|d| Error::Content(vec![d]))?;
    let stem = Path::new(&name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let headline = guess_headline(&document);
    let title = headline
        .as_ref()
        .map_or_else(|| stem.clone(), |h| h.text.clone());
    let (slug, slug_from) = guess_slug(&stem, &title);
    let target = Path::new(CONTENT_DIR)
        .join("articles")
        .join(format!("{slug}.toml"));
    if root.join(&target).exists() {
        return Err(Error::Content(vec![
            Diagnostic::error(format!("`{}` already exists", target.display()))
                .help("edit that file, or rename it first if it belongs to another article"),
        ]));
    }
    let stated_date = find_stated_date(&document);
    let guesses = describe_guesses(headline.as_ref(), &slug, slug_from, stated_date.as_ref());
    let draft = Draft {
        seed: &name,
        title: &title,
        summary: &guess_summary(&document),
        stated_date: stated_date.as_ref(),
        dropped_headline: headline.as_ref().filter(|h| h.is_own_block),
    };
    let absolute = root.join(&target);
    if let Some(parent) = absolute.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io("create folder", parent, e))?;
    }
    std::fs::write(&absolute, draft.to_toml()).map_err(|e| Error::io("write", &absolute, e))?;
    Ok(Scaffolded {
        path: target,
        guesses,
    })
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

/// The line taken as the title.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Headline {
    /// The title, as written (trimmed, without a final full stop).
    text: String,
    /// The line as it stands in the seed, for the override that drops it.
    line: String,
    /// 1-based line number in the seed.
    number: usize,
    /// Whether the line is a block of its own (a heading or a one-line paragraph before the
    /// body), so dropping it removes the headline and nothing else.
    is_own_block: bool,
}

/// Kinds of block whose lines can be the headline: text a reader sees as the article's.
fn can_hold_headline(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Heading | BlockKind::Paragraph)
}

/// The first line of the text (captions, bylines, comments and dropped chrome skipped) with
/// 2 to 20 words and a letter in it.
fn guess_headline(document: &Document) -> Option<Headline> {
    document
        .blocks
        .iter()
        .filter(|b| can_hold_headline(b.kind))
        .find_map(|block| {
            let (offset, line) = block.lines.iter().enumerate().find(|(_, line)| {
                let words = line.split_whitespace().count();
                (2..=20).contains(&words) && line.chars().any(char::is_alphabetic)
            })?;
            Some(Headline {
                text: line.trim().trim_end_matches('.').to_string(),
                line: line.trim().to_string(),
                number: block.line_range.0 + offset,
                is_own_block: block.lines.len() == 1 && !is_sentence(line),
            })
        })
}

/// Whether a line reads as a sentence of running text rather than a headline: long, or ending
/// a sentence the way body text does.
fn is_sentence(line: &str) -> bool {
    let line = line.trim();
    line.split_whitespace().count() > 20
        || (line.ends_with(['.', '!', '?', '。', '！', '？']) && !line.ends_with("..."))
}

/// Where the slug came from, for the guesses the editor is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SlugSource {
    FileName,
    Title,
    Fallback,
}

/// The slug: the seed's file name when it reads as words (`003_border-markets.txt` gives
/// `border-markets`; a hash like `9abef900650fa3d1` does not), else the title's first words
/// up to a colon or dash, transliterated to ASCII (`Hoeryŏng` gives `hoeryong`).
fn guess_slug(stem: &str, title: &str) -> (String, SlugSource) {
    let without_number = stem
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['_', '-', '.', ' ']);
    let name = if without_number.is_empty() {
        stem
    } else {
        without_number
    };
    if reads_as_words(name)
        && let Some(slug) = Slug::from_text(&deunicode::deunicode(name))
    {
        return (slug.to_string(), SlugSource::FileName);
    }
    if let Some(slug) = Slug::from_text(&deunicode::deunicode(&short_title(title))) {
        return (slug.to_string(), SlugSource::Title);
    }
    ("article".to_string(), SlugSource::Fallback)
}

/// Whether a file name is made of words (letters only, not a hash mixing letters and digits).
fn reads_as_words(name: &str) -> bool {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let is_word = |w: &str| w.chars().all(char::is_alphabetic) && w.chars().count() >= 2;
    words.iter().any(|w| is_word(w))
        && words
            .iter()
            .all(|w| is_word(w) || w.chars().all(|c| c.is_ascii_digit()))
}

/// The title up to its first colon or dash, at most six words: the part that names it.
fn short_title(title: &str) -> String {
    let head = title
        .split([':', '|', '–', '—'])
        .next()
        .unwrap_or(title)
        .split(" - ")
        .next()
        .unwrap_or(title);
    head.split_whitespace()
        .take(6)
        .collect::<Vec<_>>()
        .join(" ")
}

fn guess_summary(document: &Document) -> String {
    let readable = |b: &&Block| matches!(b.kind, BlockKind::Paragraph);
    let paragraph = document
        .blocks
        .iter()
        .filter(readable)
        .map(|b| b.lines.join(" "))
        .find(|text| text.split_whitespace().count() >= 25)
        .or_else(|| {
            document
                .blocks
                .iter()
                .find(readable)
                .map(|b| b.lines.join(" "))
        })
        .unwrap_or_default();
    let words: Vec<&str> = paragraph.split_whitespace().collect();
    if words.len() > 40 {
        format!("{}…", words[..40].join(" "))
    } else {
        words.join(" ")
    }
}

/// A date written in the text near its head, offered as the publication date for the editor
/// to confirm.
#[derive(Debug, Clone, PartialEq, Eq)]
struct StatedDate {
    /// `YYYY-MM-DD`.
    iso: String,
    /// 1-based line number in the seed.
    line_number: usize,
    /// The line that states it, clipped for the comment.
    line: String,
}

/// Looks for a full date (`2021-03-04`, `2021.03.04`, `4 March 2021`, `March 4, 2021`,
/// `2021年3月4日`, `2021년 3월 4일`) in the first lines of the seed and in its bylines and
/// datelines, where a page states when it appeared. Comments are skipped: their dates are
/// the readers'.
fn find_stated_date(document: &Document) -> Option<StatedDate> {
    const HEAD_LINES: usize = 15;
    document
        .blocks
        .iter()
        .filter(|b| b.kind != BlockKind::Comment)
        .filter(|b| {
            b.line_range.0 <= HEAD_LINES
                || matches!(b.kind, BlockKind::Byline | BlockKind::Dateline)
        })
        .flat_map(|b| {
            let first = b.line_range.0;
            b.lines.iter().enumerate().map(move |(i, l)| (first + i, l))
        })
        .find_map(|(line_number, line)| {
            let iso = date_in(line)?;
            Some(StatedDate {
                iso,
                line_number,
                line: clip(line.trim(), 70),
            })
        })
}

fn clip(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        return text.to_string();
    }
    let cut: String = text.chars().take(max_chars).collect();
    format!("{cut}…")
}

const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The first full, possible date in `line`, as `YYYY-MM-DD`.
fn date_in(line: &str) -> Option<String> {
    let tokens: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
        .map(str::to_lowercase)
        .collect();
    let number = |t: &str| t.parse::<u32>().ok();
    let month_name = |t: &str| {
        (t.len() >= 3)
            .then(|| MONTH_NAMES.iter().position(|m| m.starts_with(t)))
            .flatten()
            .map(|i| i as u32 + 1)
    };
    // CJK dates read 2021年3月4日 / 2021년 3월 4일: digits split from their unit signs.
    let cjk_units = |t: &str| {
        let digits: String = t.chars().filter(char::is_ascii_digit).collect();
        (!digits.is_empty() && t.chars().any(|c| "年月日년월일".contains(c))).then_some(digits)
    };
    let tokens: Vec<String> = tokens
        .iter()
        .flat_map(|t| {
            if cjk_units(t).is_some() {
                t.split(|c: char| !c.is_ascii_digit())
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            } else {
                vec![t.clone()]
            }
        })
        .collect();
    for window in tokens.windows(3) {
        let [a, b, c] = [&window[0], &window[1], &window[2]].map(String::as_str);
        let candidate = if a.len() == 4 {
            // 2021 03 04 (ISO, dotted, CJK)
            number(a)
                .zip(number(b))
                .zip(number(c))
                .map(|((y, m), d)| (y, m, d))
        } else if let Some(m) = month_name(b) {
            // 4 March 2021
            number(a).zip(number(c)).map(|(d, y)| (y, m, d))
        } else if let Some(m) = month_name(a) {
            // March 4 2021
            number(b).zip(number(c)).map(|(d, y)| (y, m, d))
        } else {
            None
        };
        if let Some((year, month, day)) = candidate {
            let iso = format!("{year:04}-{month:02}-{day:02}");
            let plausible = (1800..=2200).contains(&year) && c.len() <= 4;
            if plausible && crate::model::PartialDate::parse(&iso).is_ok() {
                return Some(iso);
            }
        }
    }
    None
}

fn describe_guesses(
    headline: Option<&Headline>,
    slug: &str,
    slug_from: SlugSource,
    stated_date: Option<&StatedDate>,
) -> Vec<String> {
    let mut guesses = Vec::new();
    match headline {
        Some(h) if h.is_own_block => guesses.push(format!(
            "title: line {} (dropped from the body by a `[[structure.lines]]` override, so it is not shown twice)",
            h.number
        )),
        Some(h) => guesses.push(format!("title: line {}", h.number)),
        None => guesses.push("title: the seed's file name (no headline-like line found)".into()),
    }
    guesses.push(match slug_from {
        SlugSource::FileName => format!("slug `{slug}`: the seed's file name"),
        SlugSource::Title => format!("slug `{slug}`: the title's first words"),
        SlugSource::Fallback => {
            format!("slug `{slug}`: neither the file name nor the title gave one")
        }
    });
    guesses.push("summary: the opening of the first long paragraph".into());
    guesses.push(match stated_date {
        Some(d) => format!(
            "published: left commented out; line {} states {}: confirm it is the publication date",
            d.line_number, d.iso
        ),
        None => {
            "published: left commented out; the text states no date, fill it in from the source"
                .into()
        }
    });
    guesses
}

/// The metadata file's parts, written as commented TOML.
struct Draft<'a> {
    seed: &'a str,
    title: &'a str,
    summary: &'a str,
    stated_date: Option<&'a StatedDate>,
    dropped_headline: Option<&'a Headline>,
}

impl Draft<'_> {
    fn to_toml(&self) -> String {
        let quote = |s: &str| toml::Value::String(s.to_string()).to_string();
        let published = match self.stated_date {
            Some(date) => format!(
                "# The original's publication date. Line {} of the seed reads\n\
                 # {}\n\
                 # If that is when the original appeared, remove the `# ` below; if not, write\n\
                 # the right date (\"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\").\n\
                 # published = \"{}\"\n",
                date.line_number,
                quote(&date.line),
                date.iso
            ),
            None => "# The original's publication date: \"YYYY\", \"YYYY-MM\" or \"YYYY-MM-DD\". The\n\
                     # text states none that shelf recognised, and shelf never invents one: find it\n\
                     # in the source, write it below and remove the `# `.\n\
                     # published = \"\"\n"
                .to_string(),
        };
        let headline = match self.dropped_headline {
            Some(h) => format!(
                "\n# The headline (line {}) is the title above; this keeps it out of the body.\n\
                 [[structure.lines]]\n\
                 prefix = {}\n\
                 kind = \"drop\"\n",
                h.number,
                quote(&h.line)
            ),
            None => String::new(),
        };
        format!(
            "# Started by `shelf new`: every value below is a guess. Review it against the text,\n\
             # then set `draft = false` to publish. The README lists every key.\n\
             seed = {}\n\
             title = {}\n\
             {published}\
             # authors = [\"Name as the text gives it\"]\n\
             topics = []\n\
             summary = {}\n\
             # editor_note = \"\"\"Why this piece is in the collection (Markdown).\"\"\"\n\
             # content_note = \"What the text describes that a reader may want warning of.\"\n\
             draft = true\n\
             \n\
             # [source]\n\
             # name = \"Publication\"\n\
             # url = \"https://…\"\n\
             {headline}",
            quote(self.seed),
            quote(self.title),
            quote(self.summary)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft<'a>(title: &'a str, summary: &'a str, date: Option<&'a StatedDate>) -> Draft<'a> {
        Draft {
            seed: "a.txt",
            title,
            summary,
            stated_date: date,
            dropped_headline: None,
        }
    }

    #[test]
    fn metadata_text_is_valid_toml_with_escaped_values() {
        let text = draft("He said \"no\" & <left>", "x\\y", None).to_toml();
        let value: toml::Table = toml::from_str(&text).unwrap();
        assert_eq!(value["title"].as_str(), Some("He said \"no\" & <left>"));
        assert_eq!(value["summary"].as_str(), Some("x\\y"));
        assert_eq!(value["draft"].as_bool(), Some(true));
    }

    #[test]
    fn never_writes_a_published_date() {
        let stated = StatedDate {
            iso: "2021-03-04".into(),
            line_number: 3,
            line: "Posted on \"March\" 4, 2021".into(),
        };
        for date in [None, Some(&stated)] {
            let text = draft("t", "s", date).to_toml();
            let value: toml::Table = toml::from_str(&text).unwrap();
            assert!(!value.contains_key("published"), "{text}");
            assert!(text.contains("\n# published = \""), "{text}");
        }
        assert!(
            draft("t", "s", Some(&stated))
                .to_toml()
                .contains("# published = \"2021-03-04\"")
        );
    }

    #[test]
    fn dropped_headline_is_a_structure_override() {
        let headline = Headline {
            text: "A \"quoted\" headline".into(),
            line: "A \"quoted\" headline".into(),
            number: 2,
            is_own_block: true,
        };
        let text = Draft {
            dropped_headline: Some(&headline),
            ..draft("t", "s", None)
        }
        .to_toml();
        let value: toml::Table = toml::from_str(&text).unwrap();
        let lines = value["structure"]["lines"].as_array().unwrap();
        assert_eq!(lines[0]["prefix"].as_str(), Some("A \"quoted\" headline"));
        assert_eq!(lines[0]["kind"].as_str(), Some("drop"));
    }

    #[test]
    fn finds_dates_in_the_forms_pages_state_them() {
        assert_eq!(
            date_in("Posted on March 4, 2021 by Kim").as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(
            date_in("4 Feb 2007 | ASIAPRESS").as_deref(),
            Some("2007-02-04")
        );
        assert_eq!(
            date_in("Updated 2023-12-04 09:00").as_deref(),
            Some("2023-12-04")
        );
        assert_eq!(
            date_in("입력 2023.05.01 오전 9:12").as_deref(),
            Some("2023-05-01")
        );
        assert_eq!(date_in("2023년 5월 1일").as_deref(), Some("2023-05-01"));
        assert_eq!(
            date_in("2022年11月30日 10時").as_deref(),
            Some("2022-11-30")
        );
        assert_eq!(date_in("In 2020 the border closed"), None);
        assert_eq!(date_in("2023-02-30 is not a day"), None);
        assert_eq!(
            date_in("may 5 people 2000 more"),
            None,
            "`may` with a number that is no day"
        );
    }

    #[test]
    fn slug_comes_from_a_worded_file_name_or_the_short_title() {
        assert_eq!(
            guess_slug("003_border-markets", "Anything"),
            ("border-markets".into(), SlugSource::FileName)
        );
        assert_eq!(
            guess_slug(
                "9abef900650fa3d1",
                "Smuggling operations heat up: feature, state, civilian"
            ),
            ("smuggling-operations-heat-up".into(), SlugSource::Title)
        );
        assert_eq!(
            guess_slug("001_9abef900650fa3d1", "Guards at Hoeryŏng speak"),
            ("guards-at-hoeryong-speak".into(), SlugSource::Title)
        );
        assert_eq!(guess_slug("12", "").1, SlugSource::Fallback);
    }

    #[test]
    fn headline_skips_chrome_and_sentences_stay_in_the_body() {
        assert!(is_sentence("The border closed in 2020."));
        assert!(!is_sentence("The border closes"));
        assert!(!is_sentence("Wait for it..."));
    }
}
