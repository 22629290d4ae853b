//! Render: the site graph → every output file's bytes, through the theme's tera templates.
//!
//! Takes the linked [`Site`] and a compiled [`Theme`]; returns [`Rendered`]: a sorted map
//! from output path to bytes (HTML pages, Atom feeds, the sitemap, robots.txt, 404.html and
//! the theme's content-hashed assets). No HTML is assembled here: templates get `*View`
//! structs ([`view`]) and choose all markup; Rust only decides which pages exist. Pages are
//! rendered in parallel; template errors name the template file, line and column.
//! Reads no files.

pub mod highlight;
pub mod markdown;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::Serialize;
use tera::{Context, Tera};

use crate::error::{Diagnostic, Diagnostics};
use crate::link::Site;
use crate::load::{SourceFile, THEMES_DIR, ThemeFiles};
use markdown::{LinkBase, Markdown, render_markdown};
use view::{
    ArticleSummaryView, ArticleView, LinkView, PageMeta, PageView, RelatedView, SiteView,
    TopicView, article_summaries, blocks_of, comments_of, series_of, toc_of, topic_path,
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
];

/// A theme whose templates compiled, with its assets under their hashed names.
#[derive(Clone)]
pub struct Theme {
    tera: Tera,
    template_files: BTreeMap<String, SourceFile>,
    /// Assets: name in `static/` → (output path, bytes).
    assets: BTreeMap<String, (String, Vec<u8>)>,
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
    let template_files: BTreeMap<String, SourceFile> = files.templates.iter().cloned().collect();
    for required in REQUIRED_TEMPLATES {
        if !template_files.contains_key(*required) {
            diagnostics.push(
                Diagnostic::error(format!("theme `{theme_name}` has no template `{required}`"))
                    .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
                    .help(format!("add `templates/{required}` to the theme (copy it from themes/default to start)")),
            );
        }
    }
    // Each template alone first, so that every syntax error is reported, not just the first.
    for (name, file) in &template_files {
        let mut scratch = Tera::new();
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
    })
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
                    located.label(lowercase_first(report.message()))
                }
                None => diagnostic.label(lowercase_first(report.message())),
            }
        }
        _ => Diagnostic::error(format!("template error in theme `{theme_name}`"))
            .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
            .label(lowercase_first(&error.to_string())),
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

/// Every output file, by path relative to the output folder.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Output path → bytes, sorted.
    pub files: BTreeMap<String, Vec<u8>>,
    /// How many HTML pages there are.
    pub page_count: usize,
}

enum Job {
    Home,
    Article(usize),
    Topics,
    Topic(usize),
    Page(usize),
    NotFound,
}

struct Shared<'a> {
    site: &'a Site<'a>,
    tera: Tera,
    template_files: &'a BTreeMap<String, SourceFile>,
    summaries: Vec<ArticleSummaryView>,
    known_pages: BTreeSet<String>,
    topics: Vec<&'a crate::model::Topic>,
    topic_views: Vec<TopicView>,
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

/// Renders every page, feed and asset.
///
/// # Errors
/// Every template error (with its template and line) and every `@/` link to a missing page.
pub fn render_site(site: &Site<'_>, theme: &Theme) -> Result<Rendered, Vec<Diagnostic>> {
    let config = site.config;
    let collection = site.collection;
    let mut known_pages: BTreeSet<String> = ["index.html", "topics/index.html", "404.html"]
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
    let shared = Shared {
        site,
        tera,
        template_files: &theme.template_files,
        summaries: article_summaries(site),
        known_pages,
        topics: collection.topics.values().collect(),
        topic_views,
    };

    let mut jobs = vec![Job::Home, Job::Topics, Job::NotFound];
    jobs.extend((0..collection.articles.len()).map(Job::Article));
    jobs.extend((0..collection.topics.len()).map(Job::Topic));
    jobs.extend((0..collection.pages.len()).map(Job::Page));
    let results: Vec<PageResult> = jobs
        .par_iter()
        .map(|job| render_job(&shared, job))
        .collect();

    let mut diagnostics = Vec::new();
    let mut rendered = Rendered::default();
    let mut any_code = false;
    for result in results {
        match result.output {
            Ok(html) => {
                any_code |= result.has_code;
                rendered.files.insert(result.path, html.into_bytes());
                rendered.page_count += 1;
            }
            Err(found) => diagnostics.extend(found),
        }
    }
    if any_code {
        rendered.files.insert(
            code_stylesheet_path(),
            highlight::stylesheet().as_bytes().to_vec(),
        );
    }
    match render_feeds_and_indexes(&shared) {
        Ok(files) => rendered.files.extend(files),
        Err(found) => diagnostics.extend(found),
    }
    for (path, bytes) in theme.assets.values() {
        rendered.files.insert(path.clone(), bytes.clone());
    }
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

struct PageResult {
    path: String,
    output: Result<String, Vec<Diagnostic>>,
    has_code: bool,
}

fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

fn render_job(shared: &Shared<'_>, job: &Job) -> PageResult {
    let site = shared.site;
    let config = site.config;
    let collection = site.collection;
    let mut context = Context::new();
    let mut broken: Vec<(PathBuf, String)> = Vec::new();
    let mut has_code = false;
    let mut markdown = |source: &str, root: &str, origin: &Path| -> String {
        let Markdown {
            html,
            has_code: code,
            broken_links,
        } = render_markdown(
            source,
            LinkBase {
                root,
                known_pages: &shared.known_pages,
            },
        );
        has_code |= code;
        broken.extend(broken_links.into_iter().map(|l| (origin.to_path_buf(), l)));
        html
    };
    let (path, template, meta_title, description, kind, language) = match job {
        Job::Home => {
            let root = String::new();
            let intro = config
                .intro
                .as_deref()
                .map(|md| markdown(md, &root, Path::new(crate::load::SITE_FILE)));
            context.insert("intro_html", &intro);
            context.insert("articles", &shared.summaries);
            context.insert("topics", &shared.topic_views);
            (
                "index.html".to_string(),
                "index.html",
                config.title.clone(),
                config.description.clone(),
                "home",
                None,
            )
        }
        Job::Article(index) => {
            let article = &collection.articles[*index];
            let path = view::article_path(article.slug.as_str());
            let root = root_for(&path);
            let editor_note_html = article
                .editor_note
                .as_deref()
                .map(|md| markdown(md, &root, &article.meta_path));
            let blocks = blocks_of(article);
            let (comments, comment_count) = comments_of(article);
            let view = ArticleView {
                summary_view: shared.summaries[*index].clone(),
                source_url: article.source.as_ref().and_then(|s| s.url.clone()),
                content_note: article.content_note.clone(),
                editor_note_html,
                series: series_of(article),
                toc: toc_of(&blocks),
                comments,
                comment_count,
                blocks,
                related: site.related[*index]
                    .iter()
                    .map(|r| RelatedView {
                        article: shared.summaries[r.index].clone(),
                        shared_topics: r
                            .shared_topics
                            .iter()
                            .filter_map(|t| collection.topics.get(t))
                            .map(|t| t.name.clone())
                            .collect(),
                    })
                    .collect(),
                newer: site.newer[*index].map(|i| shared.summaries[i].clone()),
                older: site.older[*index].map(|i| shared.summaries[i].clone()),
                extra: article.extra.clone(),
            };
            context.insert("article", &view);
            let language = article.language.clone();
            (
                path,
                "article.html",
                article.title.clone(),
                article.summary.clone(),
                "article",
                language,
            )
        }
        Job::Topics => {
            context.insert("topics", &shared.topic_views);
            let description = format!("Every topic of {}, with its articles.", config.title);
            (
                "topics/index.html".to_string(),
                "topics.html",
                "Topics".to_string(),
                description,
                "topics",
                None,
            )
        }
        Job::Topic(index) => {
            let topic = shared.topics[*index];
            let slug = &topic.slug;
            let path = topic_path(slug.as_str());
            let root = root_for(&path);
            let mut topic_view = shared.topic_views[*index].clone();
            topic_view.description_html = topic
                .description
                .as_deref()
                .map(|md| markdown(md, &root, Path::new("content/topics.toml")));
            let members: Vec<&ArticleSummaryView> = site
                .topic_articles
                .get(slug)
                .map(|list| list.iter().map(|&i| &shared.summaries[i]).collect())
                .unwrap_or_default();
            context.insert("topic", &topic_view);
            context.insert("articles", &members);
            let description = topic.description.as_deref().map_or_else(
                || format!("Articles about {} in {}.", topic.name, config.title),
                plain_first_sentence,
            );
            (
                path,
                "topic.html",
                topic.name.clone(),
                description,
                "topic",
                None,
            )
        }
        Job::Page(index) => {
            let page = &collection.pages[*index];
            let path = format!("{}/index.html", page.slug);
            let root = root_for(&path);
            let body_html = markdown(&page.body, &root, &page.source_path);
            let view = PageView {
                slug: page.slug.to_string(),
                title: page.title.clone(),
                description: page.description.clone(),
                body_html,
            };
            context.insert("content", &view);
            let description = page
                .description
                .clone()
                .unwrap_or_else(|| config.description.clone());
            (
                path,
                "page.html",
                page.title.clone(),
                description,
                "page",
                None,
            )
        }
        Job::NotFound => (
            "404.html".to_string(),
            "404.html",
            "Page not found".to_string(),
            config.description.clone(),
            "404",
            None,
        ),
    };
    // The 404 page is served at any depth, so its links start from the site's path.
    let root = if kind == "404" {
        config.base_url.path().to_string()
    } else {
        root_for(&path)
    };
    let url_path = path.trim_end_matches("index.html").to_string();
    let meta = PageMeta {
        canonical_url: config.base_url.join(&url_path),
        url_path,
        root,
        title: meta_title,
        description,
        language: language.unwrap_or_else(|| config.language.clone()),
        kind,
        has_code,
        code_stylesheet: has_code.then(code_stylesheet_path),
    };
    context.insert("page", &meta);
    let mut errors = Vec::new();
    for (origin, link) in broken {
        errors.push(
            Diagnostic::error(format!("link `{link}` points to no page"))
                .in_file(origin)
                .help("internal links look like `@/articles/<slug>/`, `@/topics/<slug>/` or `@/<page-slug>/`"),
        );
    }
    let output = match shared.tera.render(template, &context) {
        Ok(html) if errors.is_empty() => Ok(html),
        Ok(_) => Err(errors),
        Err(error) => {
            errors.push(shared.template_error(&error, template));
            Err(errors)
        }
    };
    PageResult {
        path,
        output,
        has_code,
    }
}

fn plain_first_sentence(markdown_text: &str) -> String {
    let plain: String = markdown_text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']'))
        .collect();
    let sentence = plain.split_inclusive(". ").next().unwrap_or(&plain).trim();
    sentence.to_string()
}

/// One entry of an Atom feed.
#[derive(Debug, Serialize)]
struct FeedEntryView<'a> {
    article: &'a ArticleSummaryView,
    url: String,
    content_html: String,
}

#[derive(Debug, Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: String,
    self_url: String,
    alternate_url: String,
    updated: String,
    entries: Vec<FeedEntryView<'a>>,
}

#[derive(Debug, Serialize)]
struct SitemapEntry {
    loc: String,
}

fn render_feeds_and_indexes(
    shared: &Shared<'_>,
) -> Result<Vec<(String, Vec<u8>)>, Vec<Diagnostic>> {
    let site = shared.site;
    let config = site.config;
    let base = config.base_url.as_str();
    let mut feeds: Vec<(String, String, String, String, Vec<usize>)> = Vec::new();
    let newest: Vec<usize> = (0..site.collection.articles.len())
        .take(config.feed_limit)
        .collect();
    feeds.push((
        "feed.xml".into(),
        config.title.clone(),
        config.description.clone(),
        String::new(),
        newest,
    ));
    if config.topic_feeds {
        for topic in site.collection.topics.values() {
            let members = site
                .topic_articles
                .get(&topic.slug)
                .cloned()
                .unwrap_or_default();
            let members: Vec<usize> = members.into_iter().take(config.feed_limit).collect();
            feeds.push((
                format!("topics/{}/feed.xml", topic.slug),
                format!("{} — {}", config.title, topic.name),
                format!("Articles about {} in {}.", topic.name, config.title),
                format!("topics/{}/", topic.slug),
                members,
            ));
        }
    }
    // Entry bodies are rendered once per article, however many feeds list it.
    let mut bodies: BTreeMap<usize, Result<String, Diagnostic>> = BTreeMap::new();
    let needed: BTreeSet<usize> = feeds.iter().flat_map(|f| f.4.iter().copied()).collect();
    let rendered: Vec<(usize, Result<String, Diagnostic>)> = needed
        .into_par_iter()
        .map(|i| (i, render_feed_body(shared, i)))
        .collect();
    bodies.extend(rendered);

    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (_, body) in bodies.iter() {
        if let Err(e) = body {
            errors.push(e.clone());
        }
    }
    if !errors.is_empty() {
        errors.dedup();
        return Err(errors);
    }
    for (path, title, subtitle, alternate, members) in feeds {
        let entries = members
            .iter()
            .map(|&i| FeedEntryView {
                article: &shared.summaries[i],
                url: config.base_url.join(&shared.summaries[i].url_path),
                content_html: bodies
                    .get(&i)
                    .and_then(|b| b.as_ref().ok())
                    .cloned()
                    .unwrap_or_default(),
            })
            .collect::<Vec<_>>();
        // The feed changes when its newest entry does; no build timestamps, so output is stable.
        let updated = members
            .iter()
            .map(|&i| &site.collection.articles[i].published)
            .max()
            .map_or_else(|| "1970-01-01T00:00:00Z".to_string(), |d| d.rfc3339());
        let feed = FeedView {
            title,
            subtitle,
            self_url: config.base_url.join(&path),
            alternate_url: config.base_url.join(&alternate),
            updated,
            entries,
        };
        let mut context = Context::new();
        context.insert("feed", &feed);
        match shared.tera.render("feed.xml", &context) {
            Ok(xml) => files.push((path, xml.into_bytes())),
            Err(error) => errors.push(shared.template_error(&error, "feed.xml")),
        }
    }

    // No `lastmod`: the site does not know when a page last changed, and the original's
    // publication date is not that.
    let mut urls = vec![SitemapEntry {
        loc: base.to_string(),
    }];
    urls.extend(shared.summaries.iter().map(|s| SitemapEntry {
        loc: config.base_url.join(&s.url_path),
    }));
    urls.push(SitemapEntry {
        loc: config.base_url.join("topics/"),
    });
    urls.extend(shared.topic_views.iter().map(|t| SitemapEntry {
        loc: config.base_url.join(t.path.trim_end_matches("index.html")),
    }));
    urls.extend(site.collection.pages.iter().map(|p| SitemapEntry {
        loc: config.base_url.join(&format!("{}/", p.slug)),
    }));
    let mut context = Context::new();
    context.insert("urls", &urls);
    match shared.tera.render("sitemap.xml", &context) {
        Ok(xml) => files.push(("sitemap.xml".into(), xml.into_bytes())),
        Err(error) => errors.push(shared.template_error(&error, "sitemap.xml")),
    }
    let mut context = Context::new();
    context.insert("sitemap_url", &config.base_url.join("sitemap.xml"));
    match shared.tera.render("robots.txt", &context) {
        Ok(text) => files.push(("robots.txt".into(), text.into_bytes())),
        Err(error) => errors.push(shared.template_error(&error, "robots.txt")),
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(errors)
    }
}

/// An article's body for a feed: the theme's `partials/article_body.html`, with links
/// made absolute because feed readers have no page to resolve them against.
fn render_feed_body(shared: &Shared<'_>, index: usize) -> Result<String, Diagnostic> {
    let site = shared.site;
    let config = site.config;
    let article = &site.collection.articles[index];
    let root = config.base_url.as_str();
    let editor_note_html = article.editor_note.as_deref().map(|md| {
        render_markdown(
            md,
            LinkBase {
                root,
                known_pages: &shared.known_pages,
            },
        )
        .html
    });
    let blocks = blocks_of(article);
    let (comments, comment_count) = comments_of(article);
    let view = ArticleView {
        summary_view: shared.summaries[index].clone(),
        source_url: article.source.as_ref().and_then(|s| s.url.clone()),
        content_note: article.content_note.clone(),
        editor_note_html,
        series: series_of(article),
        toc: toc_of(&blocks),
        comments,
        comment_count,
        blocks,
        related: Vec::new(),
        newer: None,
        older: None,
        extra: article.extra.clone(),
    };
    let mut context = Context::new();
    context.insert("article", &view);
    context.insert(
        "page",
        &PageMeta {
            root: root.to_string(),
            url_path: shared.summaries[index].url_path.clone(),
            canonical_url: config.base_url.join(&shared.summaries[index].url_path),
            title: article.title.clone(),
            description: article.summary.clone(),
            language: article
                .language
                .clone()
                .unwrap_or_else(|| config.language.clone()),
            kind: "feed",
            has_code: false,
            code_stylesheet: None,
        },
    );
    shared
        .tera
        .render("partials/article_body.html", &context)
        .map_err(|error| shared.template_error(&error, "partials/article_body.html"))
}
