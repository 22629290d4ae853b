//! Model: parsed inputs → a validated [`Collection`] of articles, topics and pages.
//!
//! Takes the parse stage's output and the site configuration; returns the collection in
//! which every value has been normalized and checked (slugs are [`Slug`]s, dates are
//! [`PartialDate`]s keeping their precision, every topic and seed reference resolves).
//! Problems go to the diagnostics, each pointing at the key that caused it; an article with
//! an error is left out so the rest can still be checked in the same run.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use toml::Spanned;

mod date;
pub mod reference;
mod slug;

pub use date::PartialDate;
pub use slug::Slug;

use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::{CONTENT_DIR, SEEDS_DIR, SourceFile, Sources};
use crate::parse::Parsed;
use crate::parse::meta::{RawArticle, RawSeries};
use crate::parse::text::Document;

/// The publication an article first appeared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// Publication name.
    pub name: Option<String>,
    /// The original's address: an absolute http(s) URL.
    pub url: Option<String>,
}

/// An article's place in a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The series' name.
    pub title: String,
    /// This article's part, from 1.
    pub part: u32,
    /// Number of parts, when known.
    pub total: Option<u32>,
    /// Every part, in order.
    pub parts: Vec<SeriesPart>,
}

/// One part of a series as the metadata lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPart {
    /// The part's title.
    pub title: String,
    /// The original part's address, when known.
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
    /// Words a reader sees.
    pub word_count: usize,
    /// A hash of everything the article was made from (its metadata file and its
    /// document's fingerprint): equal fingerprints mean an unchanged article, so the render
    /// stage can reuse a page that shows only unchanged articles.
    pub fingerprint: blake3::Hash,
}

/// A topic articles can be filed under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Topic {
    /// URL segment and reference key.
    pub slug: Slug,
    /// Display name.
    pub name: String,
    /// One paragraph of Markdown, when `content/topics.toml` describes the topic.
    pub description: Option<String>,
}

/// A Markdown page such as About.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// URL segment.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// Markdown body.
    pub body: String,
    /// Navigation order.
    pub weight: i64,
    /// `content/pages/<file>.md`.
    pub source_path: PathBuf,
}

/// The whole validated collection.
#[derive(Debug, Clone, Default)]
pub struct Collection {
    /// Articles, newest first (ties by slug).
    pub articles: Vec<Article>,
    /// Every topic referenced or described, by slug.
    pub topics: BTreeMap<Slug, Topic>,
    /// Pages, in navigation order.
    pub pages: Vec<Page>,
    /// Entities, by slug order.
    pub entities: Vec<reference::Entity>,
    /// Timeline events, oldest first.
    pub events: Vec<reference::Event>,
    /// Data figures by slug.
    pub datasets: BTreeMap<Slug, reference::Dataset>,
}

/// URL segments the site itself uses; a page cannot take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "articles", "topics", "entities", "timeline", "static", "search", "feed", "sitemap", "404",
    "index",
];

/// Articles of the last build, reused when what they were made from is unchanged.
///
/// An article is kept with the warnings building it gave, and reused only when its
/// [`Article::fingerprint`] (metadata path and content, seed name, document fingerprint)
/// matches the current inputs: building it again would give the same article and the same
/// warnings. Articles with errors are never kept, so a broken article is checked again, and
/// reports the same errors, on every build.
#[derive(Debug, Default)]
pub struct ModelCache {
    /// The last build's articles (drafts left out included), by metadata path.
    kept: HashMap<PathBuf, KeptArticle>,
    /// The warnings of this build's articles, by metadata path (none: no entry).
    warnings: HashMap<PathBuf, Vec<Diagnostic>>,
    /// This build's drafts, left out of the collection.
    left_out: Vec<Article>,
}

#[derive(Debug)]
struct KeptArticle {
    article: Article,
    warnings: Vec<Diagnostic>,
}

impl ModelCache {
    /// Keeps the articles of the collection the build just used, for the next build.
    pub fn keep(&mut self, collection: Collection) {
        let mut warnings = std::mem::take(&mut self.warnings);
        self.kept = collection
            .articles
            .into_iter()
            .chain(std::mem::take(&mut self.left_out))
            .map(|article| {
                let warnings = warnings.remove(&article.meta_path).unwrap_or_default();
                let path = article.meta_path.clone();
                (path, KeptArticle { article, warnings })
            })
            .collect();
    }

    /// How many articles are kept.
    pub fn article_count(&self) -> usize {
        self.kept.len()
    }

    /// The article built from `file` in the last build, with its warnings, if it was made from
    /// the same inputs, sharing its document from `documents` as building it would.
    fn reuse(
        &mut self,
        file: &SourceFile,
        raw: &RawArticle,
        documents: &BTreeMap<String, Arc<Document>>,
    ) -> Option<(Article, Vec<Diagnostic>)> {
        // One lookup in each map when the article is reused (nearly always); put back
        // otherwise.
        let (path, kept) = self.kept.remove_entry(&file.path)?;
        let seed_name = raw.seed.get_ref();
        let Some(document) = documents.get(seed_name).cloned() else {
            self.kept.insert(path, kept);
            return None;
        };
        if kept.article.fingerprint != article_fingerprint(file, seed_name, &document) {
            self.kept.insert(path, kept);
            return None;
        }
        let KeptArticle {
            mut article,
            warnings,
        } = kept;
        article.document = document;
        Some((article, warnings))
    }
}

/// Builds the collection from parsed inputs.
pub fn build_collection(
    parsed: Parsed<'_>,
    sources: &Sources,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Collection {
    build_collection_cached(
        parsed,
        sources,
        config,
        diagnostics,
        &mut ModelCache::default(),
    )
}

/// As [`build_collection`], reusing the articles `cache` kept from the last build where they
/// were made from the same inputs. Give the collection back with [`ModelCache::keep`] once
/// the build is done with it.
pub fn build_collection_cached(
    parsed: Parsed<'_>,
    sources: &Sources,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
    cache: &mut ModelCache,
) -> Collection {
    let Parsed {
        articles: raw_articles,
        topics: raw_topics,
        pages: raw_pages,
        entities: raw_entities,
        timeline: raw_timeline,
        datasets: raw_datasets,
        documents,
    } = parsed;
    let mut collection = Collection::default();

    // A metadata file that could not be read or parsed may name any seed or topic, so none
    // can then be called unused without a false alarm.
    let can_tell_unused = !diagnostics.has_errors_in(&Path::new(CONTENT_DIR).join("articles"));
    let mut by_slug: BTreeMap<Slug, PathBuf> = BTreeMap::new();
    let mut by_seed: BTreeMap<String, PathBuf> = BTreeMap::new();
    for (file, raw) in raw_articles {
        let Some(slug) = article_slug(file, diagnostics) else {
            continue;
        };
        if let Some(first) = by_slug.get(&slug) {
            diagnostics.push(
                Diagnostic::error(format!("two articles have the slug `{slug}`"))
                    .in_file(&file.path)
                    .help(format!(
                        "`{}` already uses it; rename one of the files",
                        first.display()
                    )),
            );
            continue;
        }
        by_slug.insert(slug.clone(), file.path.clone());
        if let Some(first) = by_seed.get(raw.seed.get_ref()) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "seed `{}` is used by two articles",
                    raw.seed.get_ref()
                ))
                .in_file(&file.path)
                .at(&file.text, raw.seed.span())
                .help(format!("`{}` uses it too", first.display())),
            );
        }
        by_seed.insert(raw.seed.get_ref().clone(), file.path.clone());
        let (article, warnings) = match cache.reuse(file, &raw, &documents) {
            Some((article, warnings)) => (Some(article), warnings),
            None => {
                let mut found = Diagnostics::default();
                let raw = Arc::unwrap_or_clone(raw);
                let article = build_article(slug, file, raw, sources, &documents, &mut found);
                (article, found.into_vec())
            }
        };
        diagnostics.extend(warnings.iter().cloned());
        let Some(article) = article else {
            continue;
        };
        if !warnings.is_empty() {
            cache.warnings.insert(file.path.clone(), warnings);
        }
        if article.is_draft && !config.include_drafts {
            cache.left_out.push(article);
            continue;
        }
        collection.articles.push(article);
    }
    sort_newest_first(&mut collection.articles);

    for name in sources.seeds.keys() {
        if can_tell_unused && !by_seed.contains_key(name) {
            diagnostics.push(
                Diagnostic::warning(format!(
                    "seed `{name}` has no metadata and is not published"
                ))
                .in_file(Path::new(SEEDS_DIR).join(name))
                .help(format!(
                    "run `shelf new seeds/{name}` to start its metadata"
                )),
            );
        }
    }

    collection.topics = build_topics(
        raw_topics,
        &collection.articles,
        !diagnostics.has_errors_in(&Path::new(CONTENT_DIR).join("articles")),
        diagnostics,
    );
    let known: std::collections::BTreeSet<Slug> = by_slug.into_keys().collect();
    collection.entities = reference::build_entities(raw_entities, diagnostics);
    collection.events = reference::build_events(raw_timeline, &known, diagnostics);
    collection.datasets = reference::build_datasets(raw_datasets, &known, diagnostics);
    collection.pages = build_pages(raw_pages, config, diagnostics);
    collection
}

fn article_slug(file: &SourceFile, diagnostics: &mut Diagnostics) -> Option<Slug> {
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

fn build_article(
    slug: Slug,
    file: &SourceFile,
    raw: RawArticle,
    sources: &Sources,
    documents: &BTreeMap<String, Arc<Document>>,
    diagnostics: &mut Diagnostics,
) -> Option<Article> {
    let RawArticle {
        seed,
        title,
        subtitle,
        published,
        authors,
        topics,
        summary,
        language,
        editor_note,
        content_note,
        draft,
        source,
        series,
        structure: _,
        corrections: _,
        extra,
    } = raw;
    let errors_before = diagnostics.error_count();
    let at = |message: String, span: std::ops::Range<usize>| {
        Diagnostic::error(message)
            .in_file(&file.path)
            .at(&file.text, span)
    };

    let seed_name = seed.get_ref();
    let escapes = seed_name.starts_with('/')
        || seed_name.contains('\\')
        || seed_name.split('/').any(|part| part == ".." || part == ".")
        || seed_name.contains(':');
    if escapes {
        diagnostics.push(
            at(format!("seed `{seed_name}` is outside seeds/"), seed.span())
                .label("a seed is a file name under seeds/")
                .help("copy the raw text into seeds/ and write its file name, like `seed = \"my-article.txt\"`"),
        );
    } else if !sources.seeds.contains_key(seed_name) {
        let help = match did_you_mean(seed_name, sources.seeds.keys().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => "put the raw text in seeds/ under this name, or correct the name".to_string(),
        };
        diagnostics.push(
            at(
                format!("seed `{seed_name}` not found in seeds/"),
                seed.span(),
            )
            .label("no such file")
            .help(help),
        );
    }

    let published_date = match published.get_ref() {
        toml::Value::String(text) => PartialDate::parse(text),
        toml::Value::Datetime(datetime) => match datetime.date {
            Some(date) => PartialDate::parse(&format!(
                "{:04}-{:02}-{:02}",
                date.year, date.month, date.day
            )),
            None => Err("a time without a date".to_string()),
        },
        other => Err(format!(
            "expected a date string, found {}",
            other.type_str()
        )),
    };
    let published_date = match published_date {
        Ok(date) => Some(date),
        Err(why) => {
            diagnostics.push(
                at("invalid `published` date".to_string(), published.span())
                    .label(why)
                    .help("write `published = \"2023-12\"` (a year, a year and month, or a full date)"),
            );
            None
        }
    };

    let mut topic_slugs = Vec::new();
    for topic in topics.get_ref() {
        match Slug::parse(topic.get_ref()) {
            Ok(topic_slug) if topic_slugs.contains(&topic_slug) => diagnostics.push(
                Diagnostic::warning(format!("topic `{topic_slug}` is listed twice"))
                    .in_file(&file.path)
                    .at(&file.text, topic.span()),
            ),
            Ok(topic_slug) => topic_slugs.push(topic_slug),
            Err(why) => {
                let help = Slug::from_text(topic.get_ref())
                    .map_or(why.clone(), |s| format!("write `\"{s}\"`"));
                diagnostics.push(
                    at(format!("invalid topic `{}`", topic.get_ref()), topic.span())
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

    for (name, value) in [("title", &title), ("summary", &summary)] {
        if value.trim().is_empty() {
            diagnostics.push(
                Diagnostic::error(format!("`{name}` is empty"))
                    .in_file(&file.path)
                    .help(format!("write the article's {name}")),
            );
        }
    }

    let language = language.and_then(|tag| {
        let is_valid = tag
            .get_ref()
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
        if is_valid {
            Some(tag.into_inner())
        } else {
            diagnostics.push(
                at(
                    format!("invalid `language` `{}`", tag.get_ref()),
                    tag.span(),
                )
                .label("expected a language tag")
                .help("write a BCP 47 tag such as `en`, `ko` or `es`"),
            );
            None
        }
    });

    let source = source.map(|raw_source| {
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
    });

    let series = series.and_then(|spanned| validate_series(spanned, file, diagnostics));

    if diagnostics.error_count() > errors_before {
        return None;
    }
    // Shared: two articles may be made from one seed (a warning says so), and both are
    // published.
    let document = documents.get(seed_name).cloned()?;
    let word_count = document.word_count();
    let fingerprint = article_fingerprint(file, seed_name, &document);
    Some(Article {
        slug,
        meta_path: file.path.clone(),
        seed_path: Path::new(SEEDS_DIR).join(seed_name),
        title: title.trim().to_string(),
        subtitle,
        published: published_date?,
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
        word_count,
        fingerprint,
    })
}

/// Sorts articles newest first, ties by slug (a stable sort). It sorts indices and then moves
/// each article once: an article is several hundred bytes, and sorting them in place moved
/// each one about log2(n) times, a large part of a rebuild's model stage at 10,000 articles.
fn sort_newest_first(articles: &mut Vec<Article>) {
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
fn article_fingerprint(file: &SourceFile, seed_name: &str, document: &Document) -> blake3::Hash {
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

fn validate_series(
    spanned: Spanned<RawSeries>,
    file: &SourceFile,
    diagnostics: &mut Diagnostics,
) -> Option<Series> {
    let span = spanned.span();
    let RawSeries {
        title,
        part,
        total,
        parts,
    } = spanned.into_inner();
    let total = total.or((!parts.is_empty()).then_some(parts.len() as u32));
    let problem = if part == 0 {
        Some("parts are numbered from 1".to_string())
    } else if total.is_some_and(|t| part > t) {
        Some(format!(
            "part {part} of a {}-part series",
            total.unwrap_or_default()
        ))
    } else if total.is_some_and(|t| !parts.is_empty() && parts.len() as u32 != t) {
        Some(format!(
            "`total` is {} but `parts` lists {} titles",
            total.unwrap_or_default(),
            parts.len()
        ))
    } else {
        None
    };
    if let Some(why) = problem {
        diagnostics.push(
            Diagnostic::error("invalid `[series]`")
                .in_file(&file.path)
                .at(&file.text, span)
                .label(why)
                .help(
                    "`part` counts from 1 and is at most `total`; `parts` lists every part's title",
                ),
        );
        return None;
    }
    Some(Series {
        title,
        part,
        total,
        parts: parts
            .into_iter()
            .map(|part| match part {
                crate::parse::meta::RawSeriesPart::Title(title) => SeriesPart { title, url: None },
                crate::parse::meta::RawSeriesPart::Linked { title, url } => SeriesPart {
                    title,
                    url: url.and_then(|url| {
                        let what = "series part `url`";
                        let rest = span.start..file.text.len();
                        crate::config::url::check_link_in(&url, what, file, rest, diagnostics)
                    }),
                },
            })
            .collect(),
    })
}

fn build_topics(
    raw_topics: Option<(
        &SourceFile,
        BTreeMap<String, Spanned<crate::parse::meta::RawTopic>>,
    )>,
    articles: &[Article],
    can_tell_unused: bool,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<Slug, Topic> {
    let mut topics = BTreeMap::new();
    if let Some((file, raw)) = raw_topics {
        for (key, value) in raw {
            let span = value.span();
            let value = value.into_inner();
            match Slug::parse(&key) {
                Ok(slug) => {
                    let topic = Topic {
                        slug: slug.clone(),
                        name: value.name,
                        description: value.description,
                    };
                    topics.insert(slug, topic);
                }
                Err(why) => diagnostics.push(
                    Diagnostic::error(format!("invalid topic slug `{key}`"))
                        .in_file(&file.path)
                        .at(&file.text, span)
                        .label(why),
                ),
            }
        }
        let used: std::collections::BTreeSet<&Slug> =
            articles.iter().flat_map(|a| &a.topics).collect();
        for slug in topics.keys() {
            if can_tell_unused && !used.contains(slug) {
                diagnostics.push(
                    Diagnostic::warning(format!(
                        "topic `{slug}` is described but no article uses it"
                    ))
                    .in_file(&file.path)
                    .help("add it to an article's `topics`, or remove it from content/topics.toml"),
                );
            }
        }
    }
    for article in articles {
        for slug in &article.topics {
            if topics.contains_key(slug) {
                continue;
            }
            let known: Vec<&str> = topics.keys().map(Slug::as_str).collect();
            let help = match did_you_mean(slug.as_str(), known.iter().copied()) {
                Some(close) => {
                    format!("did you mean `{close}`? otherwise describe it in content/topics.toml")
                }
                None => format!(
                    "describe it in content/topics.toml: `[{slug}]` with `name` and `description`"
                ),
            };
            diagnostics.push(
                Diagnostic::warning(format!("topic `{slug}` has no description"))
                    .in_file(&article.meta_path)
                    .help(help),
            );
            let name = title_case(slug.as_str());
            topics.insert(
                slug.clone(),
                Topic {
                    slug: slug.clone(),
                    name,
                    description: None,
                },
            );
        }
    }
    topics
}

fn title_case(slug: &str) -> String {
    let mut name = slug.replace('-', " ");
    if let Some(first) = name.get(..1) {
        let upper = first.to_uppercase();
        name.replace_range(..1, &upper);
    }
    name
}

fn build_pages(
    raw_pages: Vec<(&SourceFile, crate::parse::meta::ParsedPage)>,
    config: &SiteConfig,
    diagnostics: &mut Diagnostics,
) -> Vec<Page> {
    let mut pages: Vec<Page> = Vec::new();
    for (file, parsed) in raw_pages {
        if parsed.meta.draft && !config.include_drafts {
            continue;
        }
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let (text, span) = match &parsed.meta.slug {
            Some(slug) => (slug.get_ref().clone(), Some(slug.span())),
            None => (stem, None),
        };
        let located = |d: Diagnostic| match &span {
            Some(span) => d.in_file(&file.path).at(&file.text, span.clone()),
            None => d.in_file(&file.path),
        };
        let slug = match Slug::parse(&text) {
            Ok(slug) if RESERVED_SLUGS.contains(&slug.as_str()) => {
                diagnostics.push(
                    located(Diagnostic::error(format!("page slug `{slug}` is reserved"))).help(
                        format!(
                            "the site uses `{slug}/` itself; set another `slug` in the front matter"
                        ),
                    ),
                );
                continue;
            }
            Ok(slug) => slug,
            Err(why) => {
                diagnostics.push(
                    located(Diagnostic::error(format!("invalid page slug `{text}`"))).help(why),
                );
                continue;
            }
        };
        if let Some(first) = pages.iter().find(|p| p.slug == slug) {
            diagnostics.push(
                located(Diagnostic::error(format!(
                    "two pages have the slug `{slug}`"
                )))
                .help(format!("`{}` already uses it", first.source_path.display())),
            );
            continue;
        }
        pages.push(Page {
            slug,
            title: parsed.meta.title,
            description: parsed.meta.description,
            body: parsed.body,
            weight: parsed.meta.weight,
            source_path: file.path.clone(),
        });
    }
    pages.sort_by(|a, b| a.weight.cmp(&b.weight).then_with(|| a.title.cmp(&b.title)));
    pages
}
