//! Pages: one job per output page, rendered through its template.
//!
//! Takes the shared render state and a [`Job`] (home, an article, a topic, an entity…);
//! builds that page's `*View` context, renders its template, and returns the bytes with any
//! problems found on the way (`@/` links to missing pages, unknown charts, template errors).

use std::path::{Path, PathBuf};

use tera::Context;

use super::markdown::{LinkBase, Markdown, render_markdown};
use super::memo::{MemoEntry, RenderMemo, changed_while_kept, known_entry};
use super::view::{
    self, ArticleSummaryView, ArticleView, PageMeta, PageView, PaginationView, RelatedView,
    blocks_of, comments_of, list_page_path, page_count, page_range, pagination_of, series_of,
    toc_of, topic_path,
};
use super::{Output, Shared, citation, code_stylesheet_path, reference};
use crate::error::{Diagnostic, did_you_mean};

pub(super) enum Job {
    /// A page of the home page's list of articles (from 1).
    Home(usize),
    Article(usize),
    Topics,
    /// A topic, and a page of its list (from 1).
    Topic(usize, usize),
    Page(usize),
    NotFound,
    Entities,
    /// An entity, and a page of its list of mentions (from 1).
    Entity(usize, usize),
    Timeline,
    /// An article's BibTeX or RIS file: the template name says which.
    Citation(usize, &'static str),
    Search,
}

pub(super) struct PageResult {
    pub(super) path: String,
    pub(super) output: Result<String, Vec<Diagnostic>>,
    pub(super) has_code: bool,
}

fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// What became of one page job.
pub(super) struct JobOutcome {
    /// Whether the job made an HTML page (and not a citation file).
    pub(super) is_page: bool,
    /// Whether the page holds highlighted code.
    pub(super) has_code: bool,
    /// Whether the page was kept from the last build.
    pub(super) kept: bool,
    /// The page's memo entry for the next build.
    pub(super) memo: Option<(String, MemoEntry)>,
    /// Errors found rendering it.
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Renders one job into `output`, or, with a memo (the last written build's, and the
/// site-wide key), keeps the page the last build wrote when the job's key is unchanged.
/// Verifying renders it all the same and reports an error if its bytes changed.
pub(super) fn render_or_keep(
    shared: &Shared<'_>,
    job: &Job,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    is_verifying: bool,
) -> JobOutcome {
    let key = memo.map(|(_, site_key)| super::memo::page_key(shared, site_key, job));
    let path = path_of(shared, job);
    let is_page = path.ends_with(".html");
    let (known, is_kept) = known_entry(memo, key.as_ref(), &path, output, is_verifying);
    if let Some(entry) = known.filter(|_| is_kept) {
        return JobOutcome {
            is_page,
            has_code: entry.has_code,
            kept: true,
            memo: Some((path, entry)),
            diagnostics: Vec::new(),
        };
    }
    let started = crate::timing::enabled().then(std::time::Instant::now);
    let PageResult {
        path,
        output: result,
        has_code,
    } = render_job(shared, job);
    if let Some(started) = started.filter(|s| s.elapsed().as_millis() >= 20) {
        eprintln!(
            "timing:   slow page {path}: {} ms",
            started.elapsed().as_millis()
        );
    }
    let text = match result {
        Ok(text) => text,
        Err(found) => {
            return JobOutcome {
                is_page: false,
                has_code: false,
                kept: false,
                memo: None,
                diagnostics: found,
            };
        }
    };
    let written = output.put(&path, text.into_bytes());
    let mut diagnostics = Vec::new();
    if let (Some(entry), Some(written)) = (known, written) {
        if entry.written != written {
            diagnostics.push(changed_while_kept(&format!("`{path}`")));
        }
    }
    JobOutcome {
        is_page,
        has_code,
        // Verifying, a page the memo would have kept counts as kept.
        kept: known.is_some() && is_verifying,
        memo: key.zip(written).map(|(key, written)| {
            (
                path,
                MemoEntry {
                    key,
                    written,
                    has_code,
                },
            )
        }),
        diagnostics,
    }
}

fn render_job(shared: &Shared<'_>, job: &Job) -> PageResult {
    let site = shared.site;
    let config = site.config;
    let collection = site.collection;
    let mut context = Context::new();
    let mut broken: Vec<(PathBuf, String)> = Vec::new();
    let mut missing_charts: Vec<(PathBuf, String)> = Vec::new();
    let mut has_code = false;
    let chart_lookup = |name: &str| shared.charts.get(name).cloned();
    let mut markdown = |source: &str, root: &str, origin: &Path| -> String {
        let Markdown {
            html,
            has_code: code,
            broken_links,
            unknown_charts,
        } = render_markdown(
            source,
            LinkBase {
                root,
                known_pages: &shared.known_pages,
                charts: Some(&chart_lookup),
            },
        );
        has_code |= code;
        broken.extend(broken_links.into_iter().map(|l| (origin.to_path_buf(), l)));
        missing_charts.extend(
            unknown_charts
                .into_iter()
                .map(|c| (origin.to_path_buf(), c)),
        );
        html
    };
    let path = path_of(shared, job);
    let per_page = config.per_page;
    let mut pagination: Option<PaginationView> = None;
    let (template, mut meta_title, description, kind, language) = match job {
        Job::Home(number) => {
            let root = root_for(&path);
            let intro = config
                .intro
                .as_deref()
                .filter(|_| *number == 1)
                .map(|md| markdown(md, &root, Path::new(crate::load::SITE_FILE)));
            let all = &shared.summaries;
            context.insert("intro_html", &intro);
            context.insert("articles", &all[page_range(all.len(), per_page, *number)]);
            context.insert("topics", &shared.topic_views);
            pagination = Some(pagination_of(
                "index.html",
                *number,
                page_count(all.len(), per_page),
            ));
            (
                "index.html",
                config.title.clone(),
                config.description.clone(),
                "home",
                None,
            )
        }
        Job::Article(index) => {
            let article = &collection.articles[*index];
            let root = root_for(&path);
            let editor_note_html = article
                .editor_note
                .as_deref()
                .map(|md| markdown(md, &root, &article.meta_path));
            let blocks = blocks_of(article, &site.entity_links[*index], &collection.entities);
            let (comments, comment_count) = comments_of(article);
            let view = ArticleView {
                summary_view: shared.summaries[*index].clone(),
                source_url: article.source.as_ref().and_then(|s| s.url.clone()),
                content_note: article.content_note.clone(),
                editor_note_html,
                series: series_of(article, site),
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
                            .map(|&t| shared.topics[t].name.clone())
                            .collect(),
                        shared_entities: r
                            .shared_entities
                            .iter()
                            .map(|&e| collection.entities[e].name.clone())
                            .collect(),
                        is_similar_wording: view::is_similar_wording(r),
                    })
                    .collect(),
                newer: site.newer[*index].map(|i| shared.summaries[i].clone()),
                older: site.older[*index].map(|i| shared.summaries[i].clone()),
                extra: article.extra.clone(),
                citation: citation::citation_of(article, &shared.summaries[*index], config),
                json_ld: citation::json_ld_of(article, &shared.summaries[*index], config),
                events: site.article_events[*index]
                    .iter()
                    .map(|&i| {
                        let mut event = reference::event_view(site, i, &shared.summaries);
                        event.description_html = collection.events[i]
                            .description
                            .as_deref()
                            .map(|md| markdown(md, &root, Path::new("content/timeline.toml")));
                        event
                    })
                    .collect(),
            };
            context.insert("article", &view);
            let language = article.language.clone();
            (
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
                "topics.html",
                "Topics".to_string(),
                description,
                "topics",
                None,
            )
        }
        Job::Topic(index, number) => {
            let topic = shared.topics[*index];
            let slug = &topic.slug;
            let root = root_for(&path);
            let mut topic_view = shared.topic_views[*index].clone();
            topic_view.description_html = topic
                .description
                .as_deref()
                .map(|md| markdown(md, &root, Path::new("content/topics.toml")));
            let all: &[usize] = site.topic_articles.get(slug).map_or(&[], Vec::as_slice);
            let members: Vec<&ArticleSummaryView> = all[page_range(all.len(), per_page, *number)]
                .iter()
                .map(|&i| &shared.summaries[i])
                .collect();
            context.insert("topic", &topic_view);
            context.insert("articles", &members);
            pagination = Some(pagination_of(
                &topic_path(slug.as_str()),
                *number,
                page_count(all.len(), per_page),
            ));
            let description = topic.description.as_deref().map_or_else(
                || format!("Articles about {} in {}.", topic.name, config.title),
                plain_first_sentence,
            );
            ("topic.html", topic.name.clone(), description, "topic", None)
        }
        Job::Page(index) => {
            let page = &collection.pages[*index];
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
            ("page.html", page.title.clone(), description, "page", None)
        }
        Job::Search => {
            let description = format!("Search the articles of {}.", config.title);
            (
                "search.html",
                "Search".to_string(),
                description,
                "search",
                None,
            )
        }
        Job::NotFound => (
            "404.html",
            "Page not found".to_string(),
            config.description.clone(),
            "404",
            None,
        ),
        Job::Entities => {
            context.insert("groups", &reference::entity_groups(site));
            let description = format!(
                "The people, places, organisations and terms the articles of {} mention.",
                config.title
            );
            (
                "entities.html",
                "People, places and terms".to_string(),
                description,
                "entities",
                None,
            )
        }
        Job::Entity(index, number) => {
            let entity = &collection.entities[*index];
            let root = root_for(&path);
            let count = site.entity_articles[*index].len();
            let range = page_range(count, per_page, *number);
            let mut view =
                reference::entity_view(site, *index, range, &shared.summaries, &shared.entity_refs);
            pagination = Some(pagination_of(
                &reference::entity_path(entity.slug.as_str()),
                *number,
                page_count(count, per_page),
            ));
            view.description_html = entity
                .description
                .as_deref()
                .map(|md| markdown(md, &root, Path::new("content/entities.toml")));
            context.insert("entity", &view);
            let description = format!("{} in the articles of {}.", entity.name, config.title);
            (
                "entity.html",
                entity.name.clone(),
                description,
                "entity",
                None,
            )
        }
        Job::Citation(index, template) => {
            let article = &collection.articles[*index];
            let summary = &shared.summaries[*index];
            context.insert("article", summary);
            context.insert(
                "source_url",
                &article.source.as_ref().and_then(|s| s.url.clone()),
            );
            context.insert("citation", &citation::citation_of(article, summary, config));
            (
                *template,
                article.title.clone(),
                article.summary.clone(),
                "citation",
                None,
            )
        }
        Job::Timeline => {
            let root = "../".to_string();
            let events: Vec<reference::EventView> = (0..collection.events.len())
                .map(|i| {
                    let mut event = reference::event_view(site, i, &shared.summaries);
                    event.description_html = collection.events[i]
                        .description
                        .as_deref()
                        .map(|md| markdown(md, &root, Path::new("content/timeline.toml")));
                    event
                })
                .collect();
            context.insert("events", &events);
            let description = format!(
                "The dated events the articles of {} report, in order.",
                config.title
            );
            (
                "timeline.html",
                "Timeline".to_string(),
                description,
                "timeline",
                None,
            )
        }
    };
    if let Some(pagination) = &pagination {
        if pagination.number > 1 {
            meta_title = format!(
                "{meta_title} (page {} of {})",
                pagination.number, pagination.count
            );
        }
    }
    context.insert("pagination", &pagination);
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
    for (origin, chart) in missing_charts {
        errors.push(
            Diagnostic::error(format!("chart `{chart}` names no data figure"))
                .in_file(origin)
                .help(format!(
                    "add `content/data/{chart}.toml`, or correct the name in the ```chart block"
                )),
        );
    }
    for (origin, link) in broken {
        let forms =
            "internal links look like `@/articles/<slug>/`, `@/topics/<slug>/` or `@/<page-slug>/`";
        let known_links = shared
            .known_pages
            .iter()
            .map(|p| format!("@/{}", p.trim_end_matches("index.html")));
        let known_links: Vec<String> = known_links.collect();
        let help = match did_you_mean(&link, known_links.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`? {forms}"),
            None => forms.to_string(),
        };
        errors.push(
            Diagnostic::error(format!("link `{link}` points to no page"))
                .in_file(origin)
                .help(help),
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

/// The output path of a job's page, relative to the output folder.
pub(super) fn path_of(shared: &Shared<'_>, job: &Job) -> String {
    let collection = shared.site.collection;
    match job {
        Job::Home(number) => list_page_path("index.html", *number),
        Job::Article(index) => view::article_path(collection.articles[*index].slug.as_str()),
        Job::Topics => "topics/index.html".to_string(),
        Job::Topic(index, number) => {
            list_page_path(&topic_path(shared.topics[*index].slug.as_str()), *number)
        }
        Job::Page(index) => format!("{}/index.html", collection.pages[*index].slug),
        Job::Search => "search/index.html".to_string(),
        Job::NotFound => "404.html".to_string(),
        Job::Entities => "entities/index.html".to_string(),
        Job::Entity(index, number) => list_page_path(
            &reference::entity_path(collection.entities[*index].slug.as_str()),
            *number,
        ),
        Job::Timeline => "timeline/index.html".to_string(),
        Job::Citation(index, template) => {
            let slug = collection.articles[*index].slug.as_str();
            if *template == "citation.bib" {
                citation::bibtex_path(slug)
            } else {
                citation::ris_path(slug)
            }
        }
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
