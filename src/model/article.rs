//! Articles: one metadata file and its seed's document → a validated [`Article`].
//!
//! Takes a parsed `content/articles/<slug>.toml` ([`RawArticle`]), the documents of the seeds
//! and the names of the seeds there are; returns the article with every value checked (its
//! slug from the file name, its date at its precision, its topics as slugs, its language
//! tag and source address), or `None` with the problems in the diagnostics, each pointing
//! at the key that caused it. Also the collection's order (newest first) and the article's
//! fingerprint, which says when a rebuild can reuse it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

use super::date::{DateCertainty, PartialDate, date_certainty, error_at, published_date};
use super::series::{Series, validate_series};
use super::slug::Slug;
use super::text::Document;
use crate::error::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{SEEDS_DIR, SourceFile};
use crate::parse::meta::{RawArticle, RawSource, RawStructure};

/// The publication an article first appeared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Publication name.
    pub name: Option<String>,
    /// The original's address: an absolute http(s) URL.
    pub url: Option<String>,
}

/// One article: its editorial metadata and its structured text.
#[derive(Debug, Clone)]
pub struct Article {
    /// URL segment, from the metadata file's name.
    pub slug: Slug,
    /// `content/articles/<slug>.toml`.
    pub meta_path: PathBuf,
    /// `seeds/<file>`.
    pub seed_path: PathBuf,
    /// Headline.
    pub title: String,
    /// Second headline.
    pub subtitle: Option<String>,
    /// Original publication date.
    pub published: PartialDate,
    /// How the date is known.
    pub published_certainty: DateCertainty,
    /// The editor's reason for that certainty (plain text), when given.
    pub published_note: Option<String>,
    /// Authors of the original.
    pub authors: Vec<String>,
    /// Topics, in the order the editor listed them.
    pub topics: Vec<Slug>,
    /// Plain-text summary.
    pub summary: String,
    /// Language when it differs from the site's.
    pub language: Option<String>,
    /// Markdown: why the piece is here.
    pub editor_note: Option<String>,
    /// Warning shown before the text.
    pub content_note: Option<String>,
    /// The original publication.
    pub source: Option<Source>,
    /// Series membership.
    pub series: Option<Series>,
    /// Whether the article is a draft (only built with `--drafts`).
    pub is_draft: bool,
    /// Free-form `[extra]` data for themes.
    pub extra: toml::Table,
    /// The structured text.
    pub document: Arc<Document>,
    /// The editor's `[structure]` overrides as written, so a page can name the one that
    /// decided a line.
    pub overrides: EditorOverrides,
    /// Words a reader sees.
    pub word_count: usize,
    /// A hash of everything the article was made from (its metadata file and its
    /// document's fingerprint): equal fingerprints mean an unchanged article, so the render
    /// stage can reuse a page that shows only unchanged articles.
    pub fingerprint: blake3::Hash,
}

/// An article's `[structure]` as its metadata writes it (the structurer reads the same
/// table, already checked, through the parse stage's rules).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditorOverrides {
    /// `[[structure.lines]]`, in order: each `prefix` and `kind` as written.
    pub lines: Vec<(String, String)>,
    /// `cut_at`, when given.
    pub cut_at: Option<String>,
    /// `[[structure.site_replies]]`, in order: each `prefix` and `name` as written.
    pub site_replies: Vec<(String, Option<String>)>,
}

impl EditorOverrides {
    fn from_raw(raw: Option<&RawStructure>) -> Self {
        let Some(structure) = raw else {
            return EditorOverrides::default();
        };
        EditorOverrides {
            lines: structure
                .lines
                .iter()
                .map(|line| {
                    let line = line.get_ref();
                    (line.prefix.get_ref().clone(), line.kind.get_ref().clone())
                })
                .collect(),
            cut_at: structure.cut_at.as_ref().map(|c| c.get_ref().clone()),
            site_replies: structure
                .site_replies
                .iter()
                .map(|reply| {
                    let reply = reply.get_ref();
                    let name = reply.name.as_ref().map(|n| n.get_ref().clone());
                    (reply.prefix.get_ref().clone(), name)
                })
                .collect(),
        }
    }
}

/// The slug of the article whose metadata is `file`: its file name, which must be a valid
/// slug.
pub(super) fn article_slug(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<Slug> {
    let stem = file
        .path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    match Slug::parse(&stem) {
        Ok(slug) => Some(slug),
        Err(why) => {
            let help = match Slug::from_text(&stem) {
                Some(suggestion) => format!("{why}; rename the file to `{suggestion}.toml`"),
                None => why,
            };
            diagnostics.push(
                Diagnostic::error(format!("article file name `{stem}` is not a valid slug"))
                    .in_file(&file.path)
                    .help(help),
            );
            None
        }
    }
}

/// Builds the article `slug` from its metadata file and the document of the seed it names;
/// `None` when any value is invalid (each problem is in `diagnostics`).
// Kept whole: one destructure, one call per checked field, one struct literal; each check
// is its own function already, and the length is the article's field list.
pub(super) fn build_article(
    slug: Slug,
    file: &SourceFile,
    raw: RawArticle,
    seeds: &BTreeSet<&str>,
    documents: &BTreeMap<String, Arc<Document>>,
    diagnostics: &mut Diagnostics,
) -> Option<Article> {
    let RawArticle {
        seed,
        title,
        subtitle,
        published,
        published_certainty,
        published_note,
        authors,
        topics,
        summary,
        language,
        editor_note,
        content_note,
        draft,
        source,
        series,
        structure,
        corrections: _,
        extra,
    } = raw;
    let errors_before = diagnostics.error_count();
    check_seed(file, &seed, seeds, diagnostics);
    let published_date = published_date(file, &published, diagnostics);
    let certainty = date_certainty(
        file,
        published_certainty.as_ref(),
        published_note.as_ref(),
        diagnostics,
    );
    let topic_slugs = topic_slugs(file, &topics, diagnostics);
    for (name, value) in [("title", &title), ("summary", &summary)] {
        if value.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(format!("`{name}` is empty"))
                    .in_file(&file.path)
                    .help(format!("write the article's {name}")),
            );
        }
    }
    let language = language.and_then(|tag| language_tag(file, tag, diagnostics));
    let source = source.map(|raw_source| source_of(file, raw_source, diagnostics));
    let series = series.and_then(|spanned| validate_series(spanned, file, diagnostics));

    if diagnostics.error_count() > errors_before {
        return None;
    }
    let seed_name = seed.get_ref();
    // Shared: two articles may be made from one seed (a warning says so), and both are
    // published.
    let document = documents.get(seed_name).cloned()?;
    let word_count = document.word_count();
    let overrides = EditorOverrides::from_raw(structure.as_ref());
    let fingerprint = article_fingerprint(file, seed_name, &document);
    Some(Article {
        slug,
        meta_path: file.path.clone(),
        seed_path: Path::new(SEEDS_DIR).join(seed_name),
        title: title.trim().to_string(),
        subtitle,
        published: published_date?,
        published_certainty: certainty?,
        published_note: published_note
            .map(Spanned::into_inner)
            .map(|note| note.trim().to_string())
            .filter(|note| !note.is_empty()),
        authors,
        topics: topic_slugs,
        summary: summary.trim().to_string(),
        language,
        editor_note,
        content_note,
        source,
        series,
        is_draft: draft,
        extra,
        document,
        overrides,
        word_count,
        fingerprint,
    })
}

/// The seed must be a file name under `seeds/`, and one that exists.
fn check_seed(
    file: &SourceFile,
    seed: &Spanned<String>,
    seeds: &BTreeSet<&str>,
    diagnostics: &mut Diagnostics,
) {
    let seed_name = seed.get_ref();
    let escapes = seed_name.starts_with('/')
        || seed_name.contains('\\')
        || seed_name.split('/').any(|part| part == ".." || part == ".")
        || seed_name.contains(':');
    if escapes {
        diagnostics.push(
            error_at(file, format!("seed `{seed_name}` is outside seeds/"), seed.span())
                .label("a seed is a file name under seeds/")
                .help("copy the raw text into seeds/ and write its file name, like `seed = \"my-article.txt\"`"),
        );
    } else if !seeds.contains(seed_name.as_str()) {
        let help = match did_you_mean(seed_name, seeds.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "put the raw text in seeds/ under this name, or correct the name".to_string(),
        };
        diagnostics.push(
            error_at(
                file,
                format!("seed `{seed_name}` not found in seeds/"),
                seed.span(),
            )
            .label("no such file")
            .help(help),
        );
    }
}

/// `topics` as slugs, each once; none at all is a warning.
fn topic_slugs(
    file: &SourceFile,
    topics: &Spanned<Vec<Spanned<String>>>,
    diagnostics: &mut Diagnostics,
) -> Vec<Slug> {
    let mut topic_slugs = Vec::new();
    for topic in topics.get_ref() {
        match Slug::parse_unicode(topic.get_ref()) {
            Ok(topic_slug) if topic_slugs.contains(&topic_slug) => diagnostics.push(
                Diagnostic::warning(format!("topic `{topic_slug}` is listed twice"))
                    .in_file(&file.path)
                    .at(&file.text, topic.span()),
            ),
            Ok(topic_slug) => topic_slugs.push(topic_slug),
            Err(why) => {
                let help = Slug::from_text_unicode(topic.get_ref())
                    .map_or(why.clone(), |s| format!("write `\"{s}\"`"));
                diagnostics.push(
                    error_at(
                        file,
                        format!("invalid topic `{}`", topic.get_ref()),
                        topic.span(),
                    )
                    .label(why)
                    .help(help),
                );
            }
        }
    }
    if topics.get_ref().is_empty() {
        diagnostics.push(
            Diagnostic::warning("article has no topics")
                .in_file(&file.path)
                .at(&file.text, topics.span())
                .help("list one or more topic slugs, like `topics = [\"border-guards\"]`"),
        );
    }
    topic_slugs
}

/// `language`: a BCP 47 tag (letters and digits, in parts of 1 to 8 joined by `-`).
fn language_tag(
    file: &SourceFile,
    tag: Spanned<String>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    let is_valid = tag
        .get_ref()
        .split('-')
        .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if is_valid {
        Some(tag.into_inner())
    } else {
        diagnostics.push(
            error_at(
                file,
                format!("invalid `language` `{}`", tag.get_ref()),
                tag.span(),
            )
            .label("expected a language tag")
            .help("write a BCP 47 tag such as `en`, `ko` or `es`"),
        );
        None
    }
}

/// `[source]`: the publication, and its address when that is an absolute http(s) URL.
fn source_of(file: &SourceFile, raw_source: RawSource, diagnostics: &mut Diagnostics) -> Source {
    let url = raw_source.url.and_then(|url| {
        crate::config::url::check_link_in(
            url.get_ref(),
            "source `url`",
            file,
            url.span(),
            diagnostics,
        )
    });
    Source {
        name: raw_source.name,
        url,
    }
}

/// Sorts articles newest first, ties by slug (a stable sort). It sorts indices and then moves
/// each article once: an article is several hundred bytes, and sorting them in place moved
/// each one about log2(n) times, a large part of a rebuild's model stage at 10,000 articles.
pub(super) fn sort_newest_first(articles: &mut Vec<Article>) {
    let mut order: Vec<usize> = (0..articles.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&articles[a], &articles[b]);
        b.published
            .cmp(&a.published)
            .then_with(|| a.slug.cmp(&b.slug))
    });
    let mut slots: Vec<Option<Article>> = std::mem::take(articles).into_iter().map(Some).collect();
    articles.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The [`Article::fingerprint`] of the article made from `file` and the document of seed
/// `seed_name`. The metadata's text enters through the hash taken when it was read.
pub(super) fn article_fingerprint(
    file: &SourceFile,
    seed_name: &str,
    document: &Document,
) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    for part in [
        file.path.as_os_str().as_encoded_bytes(),
        file.hash.as_bytes(),
        seed_name.as_bytes(),
        document.fingerprint.as_bytes(),
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.finalize()
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::parse::meta::parse_article;
    use crate::parse::text::{StructureRules, structure_text};

    const META: &str = r#"seed = "one.txt"
title = " Slow reading "
summary = "Why it matters."
published = "2023-12"
topics = ["attention"]
"#;

    /// Builds the article `slow` from metadata `text`, with seed `one.txt` present.
    fn build(text: &str) -> (Option<Article>, Vec<Diagnostic>) {
        let file = SourceFile::new("content/articles/slow.toml", text);
        let raw = parse_article(&file).expect("the metadata parses");
        let (document, _) =
            structure_text("A first paragraph of text.\n", &StructureRules::default());
        let documents = BTreeMap::from([("one.txt".to_string(), Arc::new(document))]);
        let seeds = BTreeSet::from(["one.txt"]);
        let mut diagnostics = Diagnostics::default();
        let slug = Slug::parse("slow").unwrap();
        let article = build_article(slug, &file, raw, &seeds, &documents, &mut diagnostics);
        (article, diagnostics.into_vec())
    }

    /// An article `slug` filed under `topics`, for the other files' tests.
    pub(in crate::model) fn article_for_tests(slug: &str, topics: &[&str]) -> Article {
        let list: Vec<String> = topics.iter().map(|t| format!("{t:?}")).collect();
        let text = META.replace("[\"attention\"]", &format!("[{}]", list.join(", ")));
        let (article, _) = build(&text);
        Article {
            slug: Slug::parse(slug).unwrap(),
            meta_path: PathBuf::from(format!("content/articles/{slug}.toml")),
            ..article.expect("valid")
        }
    }

    #[test]
    fn valid_metadata_gives_a_trimmed_article() {
        let (article, diagnostics) = build(META);
        let article = article.expect("valid");
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert_eq!(article.title, "Slow reading");
        assert_eq!(article.published.iso(), "2023-12");
        assert_eq!(article.seed_path, Path::new("seeds/one.txt"));
        assert_eq!(article.topics, [Slug::parse("attention").unwrap()]);
    }

    #[test]
    fn a_missing_seed_suggests_the_closest_name() {
        let (article, diagnostics) = build(&META.replace("one.txt", "onee.txt"));
        assert!(article.is_none());
        assert_eq!(
            diagnostics[0].message,
            "seed `onee.txt` not found in seeds/"
        );
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some("did you mean `one.txt`?")
        );
    }

    #[test]
    fn a_seed_outside_the_folder_is_an_error() {
        let (article, diagnostics) = build(&META.replace("one.txt", "../one.txt"));
        assert!(article.is_none());
        assert_eq!(
            diagnostics[0].message,
            "seed `../one.txt` is outside seeds/"
        );
    }

    #[test]
    fn every_invalid_value_is_reported_in_one_pass() {
        let text = format!(
            "{}language = \"en_GB\"\n[source]\nurl = \"example.com\"\n",
            META.replace("2023-12", "December")
                .replace("\"attention\"", "\"Attention Span\"")
        );
        let (article, diagnostics) = build(&text);
        assert!(article.is_none());
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "invalid `published` date",
                "invalid topic `Attention Span`",
                "invalid `language` `en_GB`",
                "invalid source `url` `example.com`",
            ]
        );
    }

    #[test]
    fn a_date_can_be_marked_inferred_with_the_editors_reason_17() {
        let text = META.replace(
            "published = \"2023-12\"\n",
            "published = \"2023-12\"\npublished_certainty = \"inferred\"\npublished_note = \" from the reports it relays \"\n",
        );
        let (article, diagnostics) = build(&text);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        let article = article.expect("valid");
        assert_eq!(article.published_certainty, DateCertainty::Inferred);
        assert_eq!(
            article.published_note.as_deref(),
            Some("from the reports it relays")
        );
        let (plain, _) = build(META);
        assert_eq!(
            plain.expect("valid").published_certainty,
            DateCertainty::Stated
        );
    }

    #[test]
    fn an_unknown_certainty_is_an_error_with_a_suggestion_17() {
        let text = format!("{META}published_certainty = \"infered\"\n");
        let (article, diagnostics) = build(&text);
        assert!(article.is_none());
        assert_eq!(
            diagnostics[0].message,
            "invalid `published_certainty` `infered`"
        );
        let location = diagnostics[0].location.as_ref().unwrap();
        assert_eq!((location.line, location.column), (6, 23));
        assert_eq!(
            diagnostics[0].help.as_deref(),
            Some(
                "did you mean `inferred`? known values: `stated`, `inferred`, `approximate`, `disputed`"
            )
        );
    }

    #[test]
    fn a_date_note_needs_a_certainty_17() {
        let text = format!("{META}published_note = \"why\"\n");
        let (article, diagnostics) = build(&text);
        assert!(article.is_none());
        assert_eq!(
            diagnostics[0].message,
            "`published_note` without `published_certainty`"
        );
    }

    #[test]
    fn a_topic_listed_twice_is_a_warning_and_kept_once() {
        let (article, diagnostics) =
            build(&META.replace("[\"attention\"]", "[\"attention\", \"attention\"]"));
        assert_eq!(article.expect("still valid").topics.len(), 1);
        assert_eq!(diagnostics[0].message, "topic `attention` is listed twice");
        assert!(!diagnostics[0].is_error());
    }

    #[test]
    fn a_series_part_beyond_its_total_is_an_error() {
        let text = format!("{META}[series]\ntitle = \"S\"\npart = 3\ntotal = 2\n");
        let (article, diagnostics) = build(&text);
        assert!(article.is_none());
        assert_eq!(diagnostics[0].message, "invalid `[series]`");
    }

    #[test]
    fn articles_sort_newest_first_then_by_slug() {
        let (article, _) = build(META);
        let article = article.unwrap();
        let with = |slug: &str, published: &str| Article {
            slug: Slug::parse(slug).unwrap(),
            published: PartialDate::parse(published).unwrap(),
            ..article.clone()
        };
        let mut articles = vec![with("b", "2020"), with("c", "2021-05"), with("a", "2020")];
        sort_newest_first(&mut articles);
        let slugs: Vec<&str> = articles.iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(slugs, ["c", "a", "b"]);
    }

    #[test]
    fn the_fingerprint_changes_with_the_metadata_and_the_document() {
        let file = SourceFile::new("content/articles/slow.toml", META);
        let (one, _) = structure_text("One text.\n", &StructureRules::default());
        let (two, _) = structure_text("Another text.\n", &StructureRules::default());
        let edited = SourceFile::new("content/articles/slow.toml", format!("{META}\n"));
        let base = article_fingerprint(&file, "one.txt", &one);
        assert_eq!(base, article_fingerprint(&file, "one.txt", &one));
        assert_ne!(base, article_fingerprint(&file, "one.txt", &two));
        assert_ne!(base, article_fingerprint(&edited, "one.txt", &one));
        assert_ne!(base, article_fingerprint(&file, "two.txt", &one));
    }
}
