//! Config: `site.toml` → a validated [`SiteConfig`].
//!
//! Takes the text of `site.toml`, the names of the installed themes and the command line's
//! overrides; returns a [`SiteConfig`] in which every value is checked (a [`BaseUrl`] is an
//! absolute http(s) URL ending in `/`, the theme exists, the output folder is not a source
//! folder) or every problem found, each pointing at its key.

pub mod url;

use std::path::PathBuf;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Diagnostic, did_you_mean};
use crate::load::SourceFile;
use crate::schema::{Schema, read_toml};

/// `site.toml` as written. Every key is documented in the README.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSiteConfig {
    /// The collection's name.
    pub title: String,
    /// One sentence about the collection, for the home page, feeds and search engines.
    pub description: String,
    /// Where the site will be published, e.g. `https://example.org/reading/`.
    pub base_url: Spanned<String>,
    /// The site's language (BCP 47), default for articles.
    pub language: Spanned<String>,
    /// Who curates the collection; credited in feeds and page footers.
    pub editor: String,
    /// Theme folder under `themes/`.
    pub theme: Spanned<String>,
    /// Output folder, relative to the project root (default `public`).
    #[serde(default)]
    pub output: Option<Spanned<String>>,
    /// How HTML is compacted: `true` (the default), `false` or `"full"`.
    #[serde(default)]
    pub minify: Option<Minify>,
    /// Markdown introduction shown on the home page.
    #[serde(default)]
    pub intro: Option<String>,
    /// Words per minute for reading times (default 230).
    #[serde(default)]
    pub reading_speed: Option<Spanned<u32>>,
    /// Articles per page of the home page, topic pages and entity pages (default 50).
    #[serde(default)]
    pub per_page: Option<Spanned<usize>>,
    /// Feed settings.
    #[serde(default)]
    pub feeds: RawFeeds,
    /// Which optional outputs are written.
    #[serde(default)]
    pub outputs: RawOutputs,
}

/// The `[outputs]` table: the outputs a collection may do without, each on unless switched
/// off. The README gives each one's cost, measured on a generated collection.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct RawOutputs {
    /// `collection.epub`, the collection as one book.
    pub epub: bool,
    /// The most articles the book holds: a collection with more has its newest
    /// `epub_articles` in the book (the site keeps them all), so the book's size and the
    /// time to pack it stay bounded however large an archive grows.
    pub epub_articles: usize,
    /// The search page and its index under `search/`.
    pub search: bool,
    /// BibTeX and RIS: each article page's download links (`data:` addresses) and the
    /// collection's and each topic's `citations.bib` and `citations.ris` (the Chicago
    /// citation on the article page stays).
    pub citations: bool,
}

impl Default for RawOutputs {
    /// `epub = true`, `epub_articles = 2000`, `search = true`, `citations = true`.
    fn default() -> Self {
        RawOutputs {
            epub: true,
            epub_articles: 2000,
            search: true,
            citations: true,
        }
    }
}

/// Which optional outputs a build writes (from `[outputs]`).
pub type Outputs = RawOutputs;

const OUTPUTS_SCHEMA: Schema = Schema {
    name: "`[outputs]` of site.toml",
    keys: &["epub", "epub_articles", "search", "citations"],
    required: &[],
    tables: &[],
    is_free_form: false,
    values: None,
};

/// The `[feeds]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFeeds {
    /// Newest entries per feed.
    pub limit: usize,
    /// Whether each topic gets its own feed.
    pub topics: bool,
}

impl Default for RawFeeds {
    /// `limit = 50`, `topics = true`.
    fn default() -> Self {
        RawFeeds {
            limit: 50,
            topics: true,
        }
    }
}

const FEEDS_SCHEMA: Schema = Schema {
    name: "`[feeds]` of site.toml",
    keys: &["limit", "topics"],
    required: &[],
    tables: &[],
    is_free_form: false,
    values: None,
};

const SITE_SCHEMA: Schema = Schema {
    name: "site.toml",
    keys: &[
        "title",
        "description",
        "base_url",
        "language",
        "editor",
        "theme",
        "output",
        "minify",
        "intro",
        "reading_speed",
        "per_page",
    ],
    required: &[
        "title",
        "description",
        "base_url",
        "language",
        "editor",
        "theme",
    ],
    tables: &[("feeds", &FEEDS_SCHEMA), ("outputs", &OUTPUTS_SCHEMA)],
    is_free_form: false,
    values: None,
};

/// Articles per page of a list when `site.toml` does not say: a page a reader can scan, and a
/// small page to render again when one of its articles changes.
pub const DEFAULT_PER_PAGE: usize = 50;

/// An absolute `http(s)` URL that ends with `/`: the root the site is published under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Checks and normalizes a base URL (adds the trailing `/`).
    ///
    /// # Errors
    /// A sentence saying what is wrong, for a diagnostic's label.
    pub fn parse(input: &str) -> Result<BaseUrl, String> {
        url::check_base(input)?;
        let mut url = input.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl(url))
    }

    /// The URL, always ending with `/`.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The path part (`/reading/` for `https://example.org/reading/`).
    pub fn path(&self) -> &str {
        let after_scheme = self.0.split_once("://").map_or("", |(_, rest)| rest);
        after_scheme.find('/').map_or("/", |i| &after_scheme[i..])
    }

    /// The absolute URL of a path relative to the site root (`articles/x/`), a Unicode
    /// slug in it percent-encoded (#17).
    pub fn join(&self, relative: &str) -> String {
        let relative = crate::model::encode_path(relative.trim_start_matches('/'));
        format!("{}{relative}", self.0)
    }
}

/// The error for a `--base-url` flag that [`BaseUrl::parse`] refused (`why`): written once,
/// for `build`, `serve` and the configuration alike.
pub fn base_url_flag_error(url: &str, why: &str) -> Diagnostic {
    Diagnostic::error(format!("invalid `--base-url` `{url}`: {why}"))
        .help("pass a URL like `--base-url https://example.org/reading/`")
}

/// What the command line may override.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `--output DIR`, relative to the current directory or absolute.
    pub output: Option<PathBuf>,
    /// `--base-url URL`.
    pub base_url: Option<String>,
    /// `--drafts`: include articles marked `draft = true`.
    pub include_drafts: bool,
}

/// The validated site configuration.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    /// The collection's name.
    pub title: String,
    /// One sentence about the collection.
    pub description: String,
    /// Where the site is published.
    pub base_url: BaseUrl,
    /// Default language.
    pub language: String,
    /// The curator.
    pub editor: String,
    /// Theme folder name.
    pub theme: String,
    /// Output folder: relative to the project root unless given absolute on the command line.
    pub output: PathBuf,
    /// How HTML is compacted.
    pub minify: Minify,
    /// Markdown for the home page.
    pub intro: Option<String>,
    /// Words per minute.
    pub reading_speed: u32,
    /// Articles per page of a list (home, topic, entity).
    pub per_page: usize,
    /// Entries per feed.
    pub feed_limit: usize,
    /// Whether topics get feeds.
    pub topic_feeds: bool,
    /// Whether drafts are built.
    pub include_drafts: bool,
    /// Which optional outputs are written.
    pub outputs: Outputs,
}

impl SiteConfig {
    /// Reads and validates `site.toml`.
    ///
    /// # Errors
    /// Every problem found, each pointing at its key in `site.toml`.
    pub fn from_source(
        file: &SourceFile,
        themes: &[String],
        overrides: &Overrides,
    ) -> Result<SiteConfig, Vec<Diagnostic>> {
        let raw: RawSiteConfig = read_toml(file, &file.text, 0, &SITE_SCHEMA)?;
        SiteConfig::from_raw(raw, file, themes, overrides)
    }

    /// As [`SiteConfig::from_source`], but when `site.toml` has problems, returns them with a
    /// stand-in configuration, so the content can still be checked in the same run (#13):
    /// the theme and output written in the file when they can be read and are valid, the
    /// built-in theme and `public/` otherwise, and defaults for the rest. A stand-in is only
    /// for finding more errors; nothing is ever written with it.
    pub fn from_source_or_stand_in(
        file: &SourceFile,
        themes: &[String],
        overrides: &Overrides,
    ) -> (SiteConfig, Vec<Diagnostic>) {
        match SiteConfig::from_source(file, themes, overrides) {
            Ok(config) => (config, Vec::new()),
            Err(problems) => (SiteConfig::stand_in(file, themes, overrides), problems),
        }
    }

    fn stand_in(file: &SourceFile, themes: &[String], overrides: &Overrides) -> SiteConfig {
        let table = toml::from_str::<toml::Table>(&file.text).unwrap_or_default();
        let text = |key: &str| table.get(key).and_then(toml::Value::as_str);
        let theme = text("theme")
            .filter(|theme| themes.iter().any(|t| t == theme))
            .unwrap_or(crate::load::builtin::BUILTIN_THEME);
        let output = match (&overrides.output, text("output")) {
            (Some(path), _) => path.clone(),
            (None, Some(path)) if !path.trim().is_empty() => PathBuf::from(path),
            (None, _) => PathBuf::from("public"),
        };
        SiteConfig {
            title: text("title").unwrap_or_default().to_string(),
            description: String::new(),
            base_url: BaseUrl("http://localhost/".to_string()),
            language: "en".to_string(),
            editor: String::new(),
            theme: theme.to_string(),
            output,
            minify: Minify::Off,
            intro: None,
            reading_speed: 230,
            per_page: DEFAULT_PER_PAGE,
            feed_limit: 50,
            topic_feeds: true,
            include_drafts: overrides.include_drafts,
            outputs: Outputs::default(),
        }
    }

    fn from_raw(
        raw: RawSiteConfig,
        file: &SourceFile,
        themes: &[String],
        overrides: &Overrides,
    ) -> Result<SiteConfig, Vec<Diagnostic>> {
        let RawSiteConfig {
            title,
            description,
            base_url,
            language,
            editor,
            theme,
            output,
            minify,
            intro,
            reading_speed,
            per_page,
            feeds: RawFeeds { limit, topics },
            outputs,
        } = raw;
        let mut problems = Vec::new();
        let base_url = checked_base_url(&base_url, file, overrides)
            .map_err(|d| problems.push(d))
            .ok();
        problems.extend(theme_problem(&theme, file, themes));
        problems.extend(language_problem(&language, file));
        let reading_speed = checked_reading_speed(reading_speed, file, &mut problems);
        let per_page = checked_per_page(per_page, file, &mut problems);
        let output = checked_output(output, file, overrides, &mut problems);

        match (problems.is_empty(), base_url) {
            (true, Some(base_url)) => Ok(SiteConfig {
                title,
                description,
                base_url,
                language: language.into_inner(),
                editor,
                theme: theme.into_inner(),
                output,
                minify: minify.unwrap_or(Minify::Compact),
                intro,
                reading_speed,
                per_page,
                feed_limit: limit,
                topic_feeds: topics,
                include_drafts: overrides.include_drafts,
                outputs,
            }),
            _ => Err(problems),
        }
    }
}

/// An error at `span` of `site.toml`.
fn error_at(file: &SourceFile, message: String, span: std::ops::Range<usize>) -> Diagnostic {
    Diagnostic::error(message)
        .in_file(&file.path)
        .at(&file.text, span)
}

/// The base URL, from `--base-url` when given (its error then names the flag), else from
/// `site.toml`.
fn checked_base_url(
    base_url: &Spanned<String>,
    file: &SourceFile,
    overrides: &Overrides,
) -> Result<BaseUrl, Diagnostic> {
    match &overrides.base_url {
        Some(url) => BaseUrl::parse(url).map_err(|why| base_url_flag_error(url, &why)),
        None => BaseUrl::parse(base_url.get_ref()).map_err(|why| {
            error_at(file, format!("invalid `base_url` `{}`", base_url.get_ref()), base_url.span())
                .label(why)
                .help("write `base_url = \"https://example.org/\"` (the address the site will be published at)")
        }),
    }
}

/// The problem with `theme` when no folder of that name is among `themes`.
fn theme_problem(
    theme: &Spanned<String>,
    file: &SourceFile,
    themes: &[String],
) -> Option<Diagnostic> {
    if themes.contains(theme.get_ref()) {
        return None;
    }
    let known = themes
        .iter()
        .map(|t| format!("`{t}`"))
        .collect::<Vec<_>>()
        .join(", ");
    let help = match did_you_mean(theme.get_ref(), themes.iter().map(String::as_str)) {
        Some(close) => format!("did you mean `{close}`? known themes: {known}"),
        None if themes.is_empty() => "there is no theme folder under themes/".to_string(),
        None => format!("known themes: {known} (`default` is built in)"),
    };
    Some(
        error_at(
            file,
            format!("unknown theme `{}`", theme.get_ref()),
            theme.span(),
        )
        .label("no such folder under themes/")
        .help(help),
    )
}

/// The problem with `language` when it is not a BCP 47-shaped tag.
fn language_problem(language: &Spanned<String>, file: &SourceFile) -> Option<Diagnostic> {
    let language_ok = !language.get_ref().is_empty()
        && language
            .get_ref()
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (!language_ok).then(|| {
        error_at(
            file,
            format!("invalid `language` `{}`", language.get_ref()),
            language.span(),
        )
        .label("expected a language tag")
        .help("write a BCP 47 tag such as `en`, `ko` or `en-GB`")
    })
}

/// Words per minute, 230 unless given; `0` is a problem.
fn checked_reading_speed(
    reading_speed: Option<Spanned<u32>>,
    file: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> u32 {
    match reading_speed {
        Some(speed) if *speed.get_ref() == 0 => {
            problems.push(
                error_at(
                    file,
                    "invalid `reading_speed` `0`".to_string(),
                    speed.span(),
                )
                .label("words per minute must be at least 1")
                .help("the usual figure for adults is `reading_speed = 230`"),
            );
            230
        }
        Some(speed) => speed.into_inner(),
        None => 230,
    }
}

/// Articles per list page, [`DEFAULT_PER_PAGE`] unless given; `0` is a problem.
fn checked_per_page(
    per_page: Option<Spanned<usize>>,
    file: &SourceFile,
    problems: &mut Vec<Diagnostic>,
) -> usize {
    match per_page {
        Some(count) if *count.get_ref() == 0 => {
            problems.push(
                error_at(file, "invalid `per_page` `0`".to_string(), count.span())
                    .label("a page must list at least one article")
                    .help(format!(
                        "write a number such as `per_page = {DEFAULT_PER_PAGE}`"
                    )),
            );
            DEFAULT_PER_PAGE
        }
        Some(count) => count.into_inner(),
        None => DEFAULT_PER_PAGE,
    }
}

/// The output folder: `--output` when given, else `output` in `site.toml`, else `public`;
/// an empty `output` is a problem.
fn checked_output(
    output: Option<Spanned<String>>,
    file: &SourceFile,
    overrides: &Overrides,
    problems: &mut Vec<Diagnostic>,
) -> PathBuf {
    match (&overrides.output, output) {
        (Some(path), _) => path.clone(),
        (None, Some(path)) if path.get_ref().trim().is_empty() => {
            problems.push(
                error_at(file, "empty `output` folder".to_string(), path.span())
                    .help("write `output = \"public\"`"),
            );
            PathBuf::from("public")
        }
        (None, Some(path)) => PathBuf::from(path.into_inner()),
        (None, None) => PathBuf::from("public"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_schema_lists_exactly_the_keys_the_raw_structs_accept() {
        // #14: a key added to a Raw* struct and not to its schema (or the other way round)
        // would be a silent hole in "unknown keys are errors".
        crate::schema::assert_schema_matches::<RawSiteConfig>(&SITE_SCHEMA);
        crate::schema::assert_schema_matches::<RawFeeds>(&FEEDS_SCHEMA);
        crate::schema::assert_schema_matches::<RawOutputs>(&OUTPUTS_SCHEMA);
    }

    #[test]
    fn base_url_is_normalized_and_knows_its_path() {
        let url = BaseUrl::parse("https://example.org/reading").unwrap();
        assert_eq!(url.as_str(), "https://example.org/reading/");
        assert_eq!(url.path(), "/reading/");
        assert_eq!(
            url.join("articles/a/"),
            "https://example.org/reading/articles/a/"
        );
        assert_eq!(BaseUrl::parse("http://localhost:1111").unwrap().path(), "/");
    }

    #[test]
    fn base_url_rejects_relative_and_hostless_urls() {
        assert!(BaseUrl::parse("example.org").is_err());
        assert!(BaseUrl::parse("https:///x").is_err());
        assert!(BaseUrl::parse("https://exa mple.org/").is_err());
        assert!(BaseUrl::parse("ftp://example.org/").is_err());
    }
}

/// How the write stage compacts each HTML page (`minify` in site.toml).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Minify {
    /// `minify = false`: pages as the templates render them.
    Off,
    /// `minify = true`, the default: one linear pass ([`crate::render::compact`]) takes out
    /// layout white space, needless attribute quotes and omissible end tags.
    Compact,
    /// `minify = "full"`: minify-html's full parse as well, which also minifies inline CSS and
    /// JavaScript and drops default attribute values; for themes that inline their styles or
    /// scripts. On the default theme it cost 27% of a build at 2,000 articles for 0.14% fewer
    /// bytes.
    Full,
}

impl<'de> Deserialize<'de> for Minify {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Mode;
        impl serde::de::Visitor<'_> for Mode {
            type Value = Minify;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("`true`, `false` or `\"full\"`")
            }
            fn visit_bool<E: serde::de::Error>(self, on: bool) -> Result<Minify, E> {
                Ok(if on { Minify::Compact } else { Minify::Off })
            }
            fn visit_str<E: serde::de::Error>(self, mode: &str) -> Result<Minify, E> {
                match mode {
                    "full" => Ok(Minify::Full),
                    other => Err(E::custom(format!(
                        "expected `true`, `false` or `\"full\"`, found `\"{other}\"`"
                    ))),
                }
            }
        }
        deserializer.deserialize_any(Mode)
    }
}
