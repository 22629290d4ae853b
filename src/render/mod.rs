//! Render: the site graph → every output file's bytes, through the theme's tera templates.
//!
//! Takes the linked [`Site`] and a compiled [`Theme`]; returns [`Rendered`]: a sorted map
//! from output path to bytes (HTML pages, Atom feeds, the sitemap, robots.txt, 404.html and
//! the theme's content-hashed assets). No HTML is assembled here: templates get `*View`
//! structs ([`view`]) and choose all markup; Rust only decides which pages exist. Pages are
//! rendered in parallel; template errors name the template file, line and column.
//! Reads no files.

pub mod citation;
mod epub;
mod feed;
pub mod heading_id;
pub mod memo;
mod page;

use memo::RenderMemo;
use page::{Job, JobOutcome};
pub mod highlight;
pub mod markdown;
pub mod reference;
pub mod sanitize;
pub mod search;
pub mod view;
mod xml_output;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use rayon::prelude::*;
use tera::{Context, Tera};

use crate::error::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::load::{SourceFile, THEMES_DIR, ThemeFiles};
use crate::timing::measure;
use markdown::{LinkBase, render_markdown};
use view::{
    ArticleSummaryView, ArticleView, LinkView, PageMeta, SiteView, TopicView, article_summaries,
    blocks_of, comments_of, page_count, series_of, topic_path,
};

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "article.html",
    "topics.html",
    "topic.html",
    "page.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "partials/article_body.html",
    "partials/chart.html",
    "entities.html",
    "entity.html",
    "timeline.html",
    "citation.bib",
    "citation.ris",
    "search.html",
];

/// The page links of a paginated list; optional (empty when a theme lacks it), so themes
/// made before pagination still build.
pub const PAGINATION_TEMPLATE: &str = "partials/pagination.html";

/// A theme whose templates compiled, with its assets under their hashed names.
#[derive(Clone)]
pub struct Theme {
    tera: Tera,
    template_files: BTreeMap<String, SourceFile>,
    /// Assets: name in `static/` → (output path, bytes).
    assets: BTreeMap<String, (String, Vec<u8>)>,
    /// [`theme_fingerprint`] of the files it was compiled from.
    fingerprint: blake3::Hash,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.template_files.keys())
            .finish_non_exhaustive()
    }
}

/// Compiles a theme's templates once per build, reporting every template with a syntax
/// error and every missing required template.
pub fn compile_theme(
    files: &ThemeFiles,
    theme_name: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
    let errors_before = diagnostics.error_count();
    let mut template_files: BTreeMap<String, SourceFile> =
        files.templates.iter().cloned().collect();
    for required in REQUIRED_TEMPLATES.iter().chain(epub::EPUB_TEMPLATES) {
        if !template_files.contains_key(*required) {
            diagnostics.push(
                Diagnostic::error(format!("theme `{theme_name}` has no template `{required}`"))
                    .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
                    .help(format!("add `templates/{required}` to the theme (copy it from themes/default to start)")),
            );
        }
    }
    // Themes copied before lists were paginated still build; they only lack the links (an
    // empty stand-in answers any include of the partial).
    if !template_files.contains_key(PAGINATION_TEMPLATE) {
        template_files.insert(
            PAGINATION_TEMPLATE.to_string(),
            SourceFile::new(
                Path::new(THEMES_DIR)
                    .join(theme_name)
                    .join("templates")
                    .join(PAGINATION_TEMPLATE),
                String::new(),
            ),
        );
        diagnostics.push(
            Diagnostic::warning(format!("theme `{theme_name}` has no template `{PAGINATION_TEMPLATE}`"))
                .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
                .help(format!("lists longer than `per_page` then show no links to their other pages; copy `templates/{PAGINATION_TEMPLATE}` from themes/default and include it in index.html, topic.html and entity.html")),
        );
    }
    // Each template alone first, so that every syntax error is reported, not just the first.
    for (name, file) in &template_files {
        let mut scratch = Tera::new();
        configure(&mut scratch);
        if let Err(error) = scratch.add_raw_template(name, &file.text) {
            if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) {
                diagnostics.push(template_diagnostic(
                    &error,
                    &template_files,
                    theme_name,
                    name,
                ));
            }
        }
    }
    if diagnostics.error_count() > errors_before {
        return None;
    }
    let mut tera = Tera::new();
    configure(&mut tera);
    if let Err(error) = tera.add_raw_templates(
        template_files
            .iter()
            .map(|(n, f)| (n.as_str(), f.text.as_str())),
    ) {
        diagnostics.push(template_diagnostic(
            &error,
            &template_files,
            theme_name,
            "index.html",
        ));
        return None;
    }
    let assets = files
        .static_files
        .iter()
        .map(|file| {
            (
                file.name.clone(),
                (hashed_name(&file.name, &file.bytes), file.bytes.clone()),
            )
        })
        .collect();
    Some(Theme {
        tera,
        template_files,
        assets,
        fingerprint: theme_fingerprint(files, theme_name),
    })
}

/// A hash of a theme's name, templates and static files: equal hashes mean the same theme.
pub fn theme_fingerprint(files: &ThemeFiles, theme_name: &str) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(theme_name.as_bytes());
    for (name, file) in &files.templates {
        for part in [name.as_bytes(), file.text.as_bytes()] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    for file in &files.static_files {
        for part in [file.name.as_bytes(), &file.bytes] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    hasher.finalize()
}

/// Filters and escaping every theme gets: XHTML and OPF (the EPUB's documents) are escaped
/// like HTML and XML.
fn configure(tera: &mut Tera) {
    tera.autoescape_on([".html", ".htm", ".xml", ".xhtml", ".opf"]);
    citation::register_filters(tera);
}

/// `static/<stem>.<hash>.<ext>`: a name that changes when the bytes do, for cache busting.
fn hashed_name(name: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("static/{stem}.{short}.{extension}")
        }
        _ => format!("static/{name}.{short}"),
    }
}

fn template_diagnostic(
    error: &tera::Error,
    files: &BTreeMap<String, SourceFile>,
    theme_name: &str,
    fallback: &str,
) -> Diagnostic {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() {
                fallback
            } else {
                report.filename()
            };
            let kind = if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) {
                "syntax error"
            } else {
                "error"
            };
            let diagnostic = Diagnostic::error(format!("template {kind} in `{name}`"));
            match files.get(name) {
                Some(file) => {
                    let span = report.span();
                    let line_text = file
                        .text
                        .lines()
                        .nth(span.start_line.saturating_sub(1))
                        .unwrap_or_default();
                    let mut located = diagnostic.in_file(&file.path).at_line(
                        span.start_line,
                        span.start_col + 1,
                        line_text,
                    );
                    if let Some(location) = located.location.as_mut() {
                        if span.end_line == span.start_line && span.end_col > span.start_col {
                            location.width = span.end_col - span.start_col;
                        }
                    }
                    label_and_help(located, report.message())
                }
                None => label_and_help(diagnostic, report.message()),
            }
        }
        _ => Diagnostic::error(format!("template error in theme `{theme_name}`"))
            .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
            .label(lowercase_first(&error.to_string())),
    }
}

/// Puts tera's message under the caret; its list of the fields a value has, which would make
/// the label run on for a whole screen line, becomes the `help:`.
fn label_and_help(diagnostic: Diagnostic, message: &str) -> Diagnostic {
    match message.split_once(". Available fields: ") {
        Some((what, fields)) => {
            let fields = fields
                .trim_end_matches('.')
                .split(", ")
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            diagnostic
                .label(lowercase_first(what))
                .help(format!("available fields: {fields}"))
        }
        None => diagnostic.label(lowercase_first(message)),
    }
}

fn lowercase_first(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}

/// Where rendered files go, as they are finished: the write stage's staging folder, or
/// nowhere for `shelf check`. Rendering never holds the whole site in memory.
pub trait Output: Sync {
    /// Takes one finished file, by path relative to the output folder. Called from many
    /// threads at once, once per path. Returns the hash of the bytes as the output holds
    /// them (after minifying), when it keeps files.
    fn put(&self, path: &str, bytes: Vec<u8>) -> Option<blake3::Hash>;

    /// Whether the last build wrote `path` with the hash `written`, so the file can be
    /// [kept](Output::keep) instead of put again. Only the output's record is read: a file
    /// removed from the output by hand comes back with the next build that renders it.
    fn has(&self, path: &str, written: &blake3::Hash) -> bool;

    /// Takes files the last build wrote (each checked with [`has`](Output::has)) as this
    /// build's, without writing them.
    fn keep(&self, files: &[(&str, blake3::Hash)]);
}

/// What rendering produced, besides the files it gave to the [`Output`].
#[derive(Debug, Default)]
pub struct Rendered {
    /// How many HTML pages there are.
    pub page_count: usize,
    /// What each page was rendered from, for the next build (empty without a memo).
    pub memo: RenderMemo,
    /// Pages kept from the last build without rendering them.
    pub kept: usize,
}

struct Shared<'a> {
    site: &'a Site<'a>,
    site_view: SiteView,
    tera: Tera,
    template_files: &'a BTreeMap<String, SourceFile>,
    summaries: Vec<ArticleSummaryView>,
    known_pages: BTreeSet<String>,
    /// The second and later pages of the paginated lists (for the sitemap).
    list_pages: Vec<String>,
    topics: Vec<&'a crate::model::Topic>,
    topic_views: Vec<TopicView>,
    entity_refs: Vec<reference::EntityRefView>,
    /// Each data figure's chart HTML, rendered once: charts hold no links, so one rendering
    /// serves every page.
    charts: BTreeMap<String, String>,
}

impl Shared<'_> {
    fn template_error(&self, error: &tera::Error, template: &str) -> Diagnostic {
        template_diagnostic(
            error,
            self.template_files,
            &self.site.config.theme,
            template,
        )
    }
}

/// Root-relative path of the generated code stylesheet (computed only when code exists).
fn code_stylesheet_path() -> String {
    hashed_name("code.css", highlight::stylesheet().as_bytes())
}

/// Renders every page, feed and asset into `output`. With `memo` (what the last written
/// build rendered), a page whose inputs are unchanged is kept as it is in the output
/// instead of being rendered again; `is_verifying` renders it all the same and reports an
/// error if its bytes changed.
///
/// # Errors
/// Every template error (with its template and line) and every `@/` link to a missing page.
/// Files finished before an error was found have gone to `output` all the same: the caller
/// throws them away.
pub fn render_site(
    site: &Site<'_>,
    theme: &Theme,
    output: &dyn Output,
    memo: Option<&mut RenderMemo>,
    is_verifying: bool,
) -> Result<Rendered, Vec<Diagnostic>> {
    // The search postings are patched in place, so they leave the memo: a build that fails
    // leaves none, and the next build makes them all again.
    let (memo, previous_search) = match memo {
        Some(memo) => {
            let search = memo.search.take();
            (Some(&*memo), search)
        }
        None => (None, None),
    };
    let started = std::time::Instant::now();
    let config = site.config;
    let collection = site.collection;
    let mut known_pages: BTreeSet<String> = [
        "index.html",
        "topics/index.html",
        "404.html",
        "search/index.html",
    ]
    .map(String::from)
    .into();
    known_pages.extend(
        collection
            .articles
            .iter()
            .map(|a| view::article_path(a.slug.as_str())),
    );
    known_pages.extend(collection.topics.keys().map(|s| topic_path(s.as_str())));
    known_pages.extend(
        collection
            .pages
            .iter()
            .map(|p| format!("{}/index.html", p.slug)),
    );
    let has_entities = !collection.entities.is_empty();
    let has_timeline = !collection.events.is_empty();
    if has_entities {
        known_pages.insert("entities/index.html".to_string());
        known_pages.extend(
            collection
                .entities
                .iter()
                .map(|e| reference::entity_path(e.slug.as_str())),
        );
    }
    if has_timeline {
        known_pages.insert("timeline/index.html".to_string());
    }
    // The second and later pages of long lists: in the sitemap, but not link targets for
    // `@/` (which page an article is on changes as the collection grows).
    let per_page = config.per_page;
    let later_pages = |first: String, length: usize| {
        (2..=page_count(length, per_page)).map(move |n| view::list_page_path(&first, n))
    };
    let mut list_pages: Vec<String> =
        later_pages("index.html".to_string(), collection.articles.len()).collect();
    for (slug, members) in &site.topic_articles {
        list_pages.extend(later_pages(topic_path(slug.as_str()), members.len()));
    }
    if has_entities {
        for (entity, mentions) in collection.entities.iter().zip(&site.entity_articles) {
            list_pages.extend(later_pages(
                reference::entity_path(entity.slug.as_str()),
                mentions.len(),
            ));
        }
    }

    let site_view = SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.as_str().to_string(),
        editor: config.editor.clone(),
        nav: collection
            .pages
            .iter()
            .map(|p| LinkView {
                title: p.title.clone(),
                path: format!("{}/index.html", p.slug),
            })
            .collect(),
        assets: theme
            .assets
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect(),
        article_count: collection.articles.len(),
        topic_count: collection.topics.len(),
        has_entities,
        has_timeline,
        generator: format!("shelf {}", env!("CARGO_PKG_VERSION")),
    };
    let mut tera = theme.tera.clone();
    tera.global_context().insert("site", &site_view);

    let topic_views = collection
        .topics
        .values()
        .map(|topic| {
            let count = site.topic_articles.get(&topic.slug).map_or(0, Vec::len);
            TopicView {
                slug: topic.slug.to_string(),
                name: topic.name.clone(),
                description_html: None,
                path: topic_path(topic.slug.as_str()),
                feed_path: config
                    .topic_feeds
                    .then(|| format!("topics/{}/feed.xml", topic.slug)),
                count,
            }
        })
        .collect();
    let mut diagnostics = Vec::new();
    let mut charts = BTreeMap::new();
    for (slug, dataset) in &collection.datasets {
        let mut chart = reference::chart_view(dataset, format!("chart-{slug}"));
        chart.description_html = dataset.description.as_deref().map(|md| {
            let base = LinkBase {
                root: "",
                known_pages: &known_pages,
                charts: None,
            };
            render_markdown(md, base).html
        });
        let mut context = Context::new();
        context.insert("chart", &chart);
        match tera.render("partials/chart.html", &context) {
            Ok(html) => {
                charts.insert(slug.to_string(), html);
            }
            Err(error) => diagnostics.push(template_diagnostic(
                &error,
                &theme.template_files,
                &config.theme,
                "partials/chart.html",
            )),
        }
    }
    let shared = Shared {
        site,
        site_view,
        tera,
        template_files: &theme.template_files,
        summaries: article_summaries(site),
        known_pages,
        list_pages,
        topics: collection.topics.values().collect(),
        topic_views,
        entity_refs: reference::entity_refs(site),
        charts,
    };

    let mut jobs = vec![Job::Topics, Job::NotFound, Job::Search];
    jobs.extend((1..=page_count(collection.articles.len(), per_page)).map(Job::Home));
    jobs.extend((0..collection.articles.len()).map(Job::Article));
    for (index, members) in site.topic_articles.values().enumerate() {
        jobs.extend((1..=page_count(members.len(), per_page)).map(|n| Job::Topic(index, n)));
    }
    jobs.extend((0..collection.pages.len()).map(Job::Page));
    for index in 0..collection.articles.len() {
        jobs.push(Job::Citation(index, "citation.bib"));
        jobs.push(Job::Citation(index, "citation.ris"));
    }
    if has_entities {
        jobs.push(Job::Entities);
        for (index, mentions) in site.entity_articles.iter().enumerate() {
            jobs.extend((1..=page_count(mentions.len(), per_page)).map(|n| Job::Entity(index, n)));
        }
    }
    if has_timeline {
        jobs.push(Job::Timeline);
    }
    crate::timing::report("render: shared views", started);
    let site_key = measure("render: site key", || {
        memo.map(|_| memo::site_key(&shared, &theme.fingerprint))
    });
    let results: Vec<JobOutcome> = measure("render pages", || {
        jobs.par_iter()
            .map(|job| {
                page::render_or_keep(
                    &shared,
                    job,
                    output,
                    memo.zip(site_key.as_ref()),
                    is_verifying,
                )
            })
            .collect()
    });

    let mut rendered = Rendered::default();
    let mut any_code = false;
    let kept: Vec<(&str, blake3::Hash)> = results
        .iter()
        .filter(|outcome| outcome.kept && !is_verifying)
        .filter_map(|outcome| outcome.memo.as_ref())
        .map(|(path, entry)| (path.as_str(), entry.written))
        .collect();
    output.keep(&kept);
    drop(kept);
    for outcome in results {
        rendered.page_count += usize::from(outcome.is_page);
        rendered.kept += usize::from(outcome.kept);
        any_code |= outcome.has_code;
        diagnostics.extend(outcome.diagnostics);
        if let Some((path, entry)) = outcome.memo {
            rendered.memo.insert(path, entry);
        }
    }
    if any_code {
        output.put(
            &code_stylesheet_path(),
            highlight::stylesheet().as_bytes().to_vec(),
        );
    }
    let feed_memo = memo.zip(site_key.as_ref());
    match measure("render feeds", || {
        feed::render_feeds_and_indexes(&shared, output, feed_memo, is_verifying)
    }) {
        Ok(entries) => {
            for (path, entry) in entries {
                rendered.memo.insert(path, entry);
            }
        }
        Err(found) => diagnostics.extend(found),
    }
    let search_memo = memo.zip(site_key.as_ref());
    let (entries, kept_search, found) = measure("render search index", || {
        search::render_search_index(&shared, output, search_memo, previous_search, is_verifying)
    });
    for (path, entry) in entries {
        rendered.memo.insert(path, entry);
    }
    rendered.memo.search = kept_search;
    diagnostics.extend(found);
    let epub_memo = memo.zip(site_key.as_ref()).map(|(m, key)| (&m.epub, key));
    match measure("render epub", || {
        epub::render_epub(&shared, epub_memo, is_verifying)
    }) {
        Ok((bytes, chunks)) => {
            output.put("collection.epub", bytes);
            rendered.memo.epub = chunks;
        }
        Err(found) => diagnostics.extend(found),
    }
    for (path, bytes) in theme.assets.values() {
        output.put(path, bytes.clone());
    }
    // A template error repeats on every page the template renders; report it once.
    let mut unique: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        if !unique.contains(&diagnostic) {
            unique.push(diagnostic);
        }
    }
    let diagnostics = unique;
    let errors: Vec<Diagnostic> = diagnostics
        .iter()
        .filter(|d| d.is_error())
        .cloned()
        .collect();
    if errors.is_empty() {
        Ok(rendered)
    } else {
        Err(diagnostics)
    }
}

/// An article's view for contexts outside the site (feed entries, the EPUB): links are
/// absolute, and page-only parts (related articles, neighbours) are left out.
fn detached_article_view(shared: &Shared<'_>, index: usize) -> (ArticleView, PageMeta) {
    let site = shared.site;
    let config = site.config;
    let article = &site.collection.articles[index];
    let root = config.base_url.as_str();
    let chart_lookup = |name: &str| shared.charts.get(name).cloned();
    let editor_note_html = article.editor_note.as_deref().map(|md| {
        render_markdown(
            md,
            LinkBase {
                root,
                known_pages: &shared.known_pages,
                charts: Some(&chart_lookup),
            },
        )
        .html
    });
    let blocks = blocks_of(
        article,
        &site.entity_links[index],
        &site.collection.entities,
    );
    let (comments, comment_count) = comments_of(article);
    let view = ArticleView {
        summary_view: shared.summaries[index].clone(),
        source_url: article.source.as_ref().and_then(|s| s.url.clone()),
        content_note: article.content_note.clone(),
        editor_note_html,
        series: series_of(article, site),
        // A contents list of in-page anchors means nothing outside the page.
        toc: Vec::new(),
        comments,
        comment_count,
        blocks,
        related: Vec::new(),
        newer: None,
        older: None,
        extra: article.extra.clone(),
        citation: citation::citation_of(article, &shared.summaries[index], config),
        json_ld: serde_json::Value::Null,
        events: Vec::new(),
    };
    let meta = PageMeta {
        root: root.to_string(),
        url_path: shared.summaries[index].url_path.clone(),
        canonical_url: config.base_url.join(&shared.summaries[index].url_path),
        title: article.title.clone(),
        description: article.summary.clone(),
        language: article
            .language
            .clone()
            .unwrap_or_else(|| config.language.clone()),
        kind: "detached",
        has_code: false,
        code_stylesheet: None,
    };
    (view, meta)
}
