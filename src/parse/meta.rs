//! Editorial TOML → raw metadata structs, with spans kept for the model's messages.
//!
//! Takes an article's `.toml`, `content/topics.toml` or a page's `+++` front matter; returns
//! the `Raw*` struct exactly as written (no normalization: that is `model`'s job) or every
//! problem found, each with its file, line and column.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Diagnostic;
use crate::load::SourceFile;
use crate::schema::{Schema, read_toml};

/// An article's metadata file, `content/articles/<slug>.toml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawArticle {
    /// File name under `seeds/`.
    pub seed: Spanned<String>,
    /// Headline.
    pub title: String,
    /// Second headline line.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// `"2023"`, `"2023-12"`, `"2023-12-01"` or a TOML date.
    pub published: Spanned<toml::Value>,
    /// How `published` is known: `stated` (default), `inferred`, `approximate`, `disputed`.
    #[serde(default)]
    pub published_certainty: Option<Spanned<String>>,
    /// The editor's reason for that certainty, shown with the date.
    #[serde(default)]
    pub published_note: Option<Spanned<String>>,
    /// Authors of the original, as the text names them.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Topic slugs.
    pub topics: Spanned<Vec<Spanned<String>>>,
    /// Plain-text summary.
    pub summary: String,
    /// Language of the article when it differs from the site's.
    #[serde(default)]
    pub language: Option<Spanned<String>>,
    /// Markdown: why the piece is in the collection.
    #[serde(default)]
    pub editor_note: Option<String>,
    /// Plain-text warning shown before the text.
    #[serde(default)]
    pub content_note: Option<String>,
    /// Left out of the build unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The original publication.
    #[serde(default)]
    pub source: Option<RawSource>,
    /// The series the article belongs to.
    #[serde(default)]
    pub series: Option<Spanned<RawSeries>>,
    /// Editorial corrections to the structured text.
    #[serde(default)]
    pub structure: Option<RawStructure>,
    /// Corrections of the original's errors, shown to readers.
    #[serde(default)]
    pub corrections: Vec<Spanned<RawCorrection>>,
    /// Free-form data for themes.
    #[serde(default)]
    pub extra: toml::Table,
}

/// `[source]`: where the text was published first.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSource {
    /// Publication name.
    #[serde(default)]
    pub name: Option<String>,
    /// The original's address.
    #[serde(default)]
    pub url: Option<Spanned<String>>,
}

/// `[series]`: the article is one part of several.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSeries {
    /// The series' name.
    pub title: String,
    /// This article's part number, from 1.
    pub part: u32,
    /// How many parts the series has.
    #[serde(default)]
    pub total: Option<u32>,
    /// Every part, in order: a title, or `{ title = "…", url = "https://…" }`.
    #[serde(default)]
    pub parts: Vec<RawSeriesPart>,
}

/// One entry of `[series] parts`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawSeriesPart {
    /// Just the part's title.
    Title(String),
    /// The title and where the original part is published.
    Linked {
        /// The part's title.
        title: String,
        /// The original part's address.
        #[serde(default)]
        url: Option<String>,
    },
}

/// `[structure]`: where the structurer's rules are wrong for this article.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStructure {
    /// Drop everything from the first line that starts with this text.
    #[serde(default)]
    pub cut_at: Option<Spanned<String>>,
    /// Show the reader comments found at the end of the text (default `true`).
    #[serde(default)]
    pub show_comments: Option<bool>,
    /// Lines whose kind the editor decides.
    #[serde(default)]
    pub lines: Vec<Spanned<RawLineOverride>>,
    /// Reader comments that are the site's own replies.
    #[serde(default)]
    pub site_replies: Vec<Spanned<RawSiteReply>>,
}

/// `[[structure.site_replies]]`: the comment holding the line starting with `prefix` is the
/// site's own reply, shown under `name` (default: the comment's author, else the source).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSiteReply {
    /// The start of one of the comment's lines, compared with runs of white space collapsed.
    pub prefix: Spanned<String>,
    /// The name to show as the reply's author.
    #[serde(default)]
    pub name: Option<Spanned<String>>,
}

/// `[[structure.lines]]`: the line starting with `prefix` is a `kind`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLineOverride {
    /// The start of the line, compared with runs of white space collapsed.
    pub prefix: Spanned<String>,
    /// `paragraph`, `heading`, `caption`, `quote`, `comment` or `drop`.
    pub kind: Spanned<String>,
}

/// `[[corrections]]`: an error in the original, corrected for readers or marked `[sic]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCorrection {
    /// The text as the original has it.
    pub find: Spanned<String>,
    /// What readers see instead.
    #[serde(default)]
    pub replace: Option<String>,
    /// Keep the original text and mark it `[sic]`.
    #[serde(default)]
    pub sic: bool,
    /// Why, shown to readers.
    #[serde(default)]
    pub note: Option<String>,
}

const LINE_OVERRIDE_SCHEMA: Schema = Schema {
    name: "`[[structure.lines]]`",
    keys: &["prefix", "kind"],
    required: &["prefix", "kind"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const SITE_REPLY_SCHEMA: Schema = Schema {
    name: "`[[structure.site_replies]]`",
    keys: &["prefix", "name"],
    required: &["prefix"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const STRUCTURE_SCHEMA: Schema = Schema {
    name: "`[structure]`",
    keys: &["cut_at", "show_comments"],
    required: &[],
    tables: &[
        ("lines", &LINE_OVERRIDE_SCHEMA),
        ("site_replies", &SITE_REPLY_SCHEMA),
    ],
    is_free_form: false,
    values: None,
};

const CORRECTION_SCHEMA: Schema = Schema {
    name: "`[[corrections]]`",
    keys: &["find", "replace", "sic", "note"],
    required: &["find"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const SOURCE_SCHEMA: Schema = Schema {
    name: "`[source]`",
    keys: &["name", "url"],
    required: &[],
    tables: &[],
    is_free_form: false,
    values: None,
};

const SERIES_SCHEMA: Schema = Schema {
    name: "`[series]`",
    keys: &["title", "part", "total", "parts"],
    required: &["title", "part"],
    tables: &[],
    is_free_form: false,
    values: None,
};

/// The keys of an article's metadata, in README order.
pub const ARTICLE_SCHEMA: Schema = Schema {
    name: "article metadata",
    keys: &[
        "seed",
        "title",
        "subtitle",
        "published",
        "published_certainty",
        "published_note",
        "authors",
        "topics",
        "summary",
        "language",
        "editor_note",
        "content_note",
        "draft",
    ],
    required: &["seed", "title", "published", "topics", "summary"],
    tables: &[
        ("source", &SOURCE_SCHEMA),
        ("series", &SERIES_SCHEMA),
        ("structure", &STRUCTURE_SCHEMA),
        ("corrections", &CORRECTION_SCHEMA),
        ("extra", &Schema::FREE_FORM),
    ],
    is_free_form: false,
    values: None,
};

/// One topic's description in `content/topics.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTopic {
    /// Display name.
    pub name: String,
    /// One paragraph, Markdown.
    #[serde(default)]
    pub description: Option<String>,
}

const TOPIC_SCHEMA: Schema = Schema {
    name: "a topic of content/topics.toml",
    keys: &["name", "description"],
    required: &["name"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const TOPICS_SCHEMA: Schema = Schema {
    name: "content/topics.toml",
    keys: &[],
    required: &[],
    tables: &[],
    is_free_form: false,
    values: Some(&TOPIC_SCHEMA),
};

/// A Markdown page's `+++` front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPage {
    /// Page title.
    pub title: String,
    /// One sentence for search engines.
    #[serde(default)]
    pub description: Option<String>,
    /// URL segment; defaults to the file name.
    #[serde(default)]
    pub slug: Option<Spanned<String>>,
    /// Order in the navigation (lower first; default 0, then by title).
    #[serde(default)]
    pub weight: i64,
    /// Left out unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
}

const PAGE_SCHEMA: Schema = Schema {
    name: "page front matter",
    keys: &["title", "description", "slug", "weight", "draft"],
    required: &["title"],
    tables: &[],
    is_free_form: false,
    values: None,
};

/// A page split into its front matter and Markdown body.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// The front matter.
    pub meta: RawPage,
    /// Markdown after the closing `+++`.
    pub body: String,
}

/// Parses an article's metadata file.
///
/// # Errors
/// Every syntax error, unknown or missing key, or the first wrongly typed value.
pub fn parse_article(file: &SourceFile) -> Result<RawArticle, Vec<Diagnostic>> {
    read_toml(file, &file.text, 0, &ARTICLE_SCHEMA)
}

/// Parses `content/topics.toml`: a table per topic slug.
///
/// # Errors
/// As [`parse_article`].
pub fn parse_topics(
    file: &SourceFile,
) -> Result<BTreeMap<String, Spanned<RawTopic>>, Vec<Diagnostic>> {
    read_toml(file, &file.text, 0, &TOPICS_SCHEMA)
}

/// Splits a page into front matter and body and parses the front matter.
///
/// # Errors
/// A missing or unclosed `+++` block, or any problem in the TOML between the fences.
pub fn parse_page(file: &SourceFile) -> Result<ParsedPage, Vec<Diagnostic>> {
    let text = file.text.strip_prefix('\u{feff}').unwrap_or(&file.text);
    let bom = file.text.len() - text.len();
    let fence_help = "start the file with a `+++` line, then TOML such as `title = \"About\"`, then another `+++` line";
    let Some(after_open) = text
        .strip_prefix("+++\n")
        .or_else(|| text.strip_prefix("+++\r\n"))
    else {
        return Err(vec![
            Diagnostic::error("page has no front matter")
                .in_file(&file.path)
                .at(&file.text, bom..bom)
                .help(fence_help),
        ]);
    };
    let open_len = text.len() - after_open.len();
    let close = after_open
        .match_indices("+++")
        .find(|(i, _)| {
            (*i == 0 || after_open.as_bytes()[i - 1] == b'\n')
                && after_open[i + 3..]
                    .chars()
                    .next()
                    .is_none_or(|c| c == '\n' || c == '\r')
        })
        .map(|(i, _)| i);
    let Some(close) = close else {
        return Err(vec![
            Diagnostic::error("front matter is never closed")
                .in_file(&file.path)
                .at(&file.text, bom..bom + 3)
                .label("opened here")
                .help("end the front matter with a line holding only `+++`"),
        ]);
    };
    let front = &after_open[..close];
    let body_start = close + 3;
    let body = after_open[body_start..]
        .trim_start_matches(['\r', '\n'])
        .to_string();
    let offset = bom + open_len;
    let mut meta: RawPage = read_toml(file, front, offset, &PAGE_SCHEMA)?;
    // Spans serde keeps are inside the front matter; the model points into the whole file.
    meta.slug = meta.slug.map(|slug| {
        let span = slug.span();
        Spanned::new(span.start + offset..span.end + offset, slug.into_inner())
    });
    Ok(ParsedPage { meta, body })
}

#[cfg(test)]
mod tests {
    use crate::schema::assert_schema_matches;

    #[test]
    fn every_schema_lists_exactly_its_structs_keys() {
        assert_schema_matches::<RawArticle>(&ARTICLE_SCHEMA);
        assert_schema_matches::<RawSource>(&SOURCE_SCHEMA);
        assert_schema_matches::<RawSeries>(&SERIES_SCHEMA);
        assert_schema_matches::<RawStructure>(&STRUCTURE_SCHEMA);
        assert_schema_matches::<RawLineOverride>(&LINE_OVERRIDE_SCHEMA);
        assert_schema_matches::<RawSiteReply>(&SITE_REPLY_SCHEMA);
        assert_schema_matches::<RawCorrection>(&CORRECTION_SCHEMA);
        assert_schema_matches::<RawTopic>(&TOPIC_SCHEMA);
        assert_schema_matches::<RawPage>(&PAGE_SCHEMA);
    }

    use super::*;

    fn file(path: &str, text: &str) -> SourceFile {
        SourceFile::new(path, text)
    }

    #[test]
    fn parses_page_front_matter_and_body() {
        let page = parse_page(&file(
            "content/pages/about.md",
            "+++\ntitle = \"About\"\n+++\n\n# Hi\n",
        ))
        .unwrap();
        assert_eq!(page.meta.title, "About");
        assert_eq!(page.body, "# Hi\n");
    }

    #[test]
    fn page_errors_point_into_the_whole_file() {
        let errors = parse_page(&file(
            "p.md",
            "+++\ntitle = \"About\"\ncolour = 1\n+++\nbody",
        ))
        .unwrap_err();
        let location = errors[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (3, 1));
        assert_eq!(
            errors[0].message,
            "unknown key `colour` in page front matter"
        );
    }

    /// #13 finding 7: the slug's span was counted from the end of the opening `+++`, so
    /// its caret landed four bytes early.
    #[test]
    fn page_slug_span_points_into_the_whole_file_13() {
        let text = "+++\ntitle = \"About\"\nslug = \"Not A Slug\"\n+++\nbody";
        let page = parse_page(&file("p.md", text)).unwrap();
        let slug = page.meta.slug.unwrap();
        assert_eq!(&text[slug.span()], "\"Not A Slug\"");
    }

    #[test]
    fn rejects_unclosed_front_matter() {
        let errors = parse_page(&file("p.md", "+++\ntitle = \"x\"\n")).unwrap_err();
        assert_eq!(errors[0].message, "front matter is never closed");
    }

    #[test]
    fn rejects_unknown_metadata_key_with_suggestion() {
        let text = "seed = \"a.txt\"\ntitle = \"t\"\npublished = \"2010\"\ntopics = []\nsummary = \"s\"\nauther = \"x\"\n";
        let errors = parse_article(&file("content/articles/a.toml", text)).unwrap_err();
        assert_eq!(
            errors[0].message,
            "unknown key `auther` in article metadata"
        );
        assert!(
            errors[0]
                .help
                .as_deref()
                .unwrap()
                .starts_with("did you mean `authors`?")
        );
    }

    #[test]
    fn topics_check_every_entry() {
        let errors = parse_topics(&file(
            "content/topics.toml",
            "[a]\nname = \"A\"\ndescripton = \"x\"\n[b]\n",
        ))
        .unwrap_err();
        let messages: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "unknown key `descripton` in a topic of content/topics.toml",
                "missing required key `name` in a topic of content/topics.toml"
            ]
        );
    }
}
