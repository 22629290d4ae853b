//! List pages and the fixed pages: home (the articles, a page at a time), the topic index,
//! Markdown pages, search and 404.
//!
//! Each page here is a struct of what its view reads beyond the site-wide [`Views`], with
//! `new` (gather it), `key` (hash every field of it, on top of the site key) and `page`
//! (build the view from it): the three sit together, so a field the view starts to read
//! is one the key hashes.

use std::path::Path;

use serde::Serialize;

use super::key::KeyBuilder;
use super::page::{Head, MarkdownSink, Page, frame};
use super::pagination::{page_count, page_range, pagination_of};
use super::paths;
use super::site::{SummaryValue, TopicView, Views};
use crate::model::Article;

/// What `index.html` receives.
#[derive(Debug, Serialize)]
pub struct HomeView<'v> {
    /// The editor's introduction (first page only), as HTML from Markdown.
    pub intro_html: Option<String>,
    /// This page's articles, newest first.
    pub articles: &'v [SummaryValue],
    /// Every topic.
    pub topics: &'v [TopicView],
}

/// Page `number` of the home page's list: the articles it shows.
pub struct HomePage<'v> {
    number: usize,
    range: std::ops::Range<usize>,
    articles: &'v [Article],
}

impl<'v> HomePage<'v> {
    /// Gathers page `number` (from 1).
    pub fn new(views: &Views<'v>, number: usize) -> Self {
        let articles = &views.site.collection.articles;
        let range = page_range(articles.len(), views.site.config.per_page, number);
        HomePage {
            number,
            articles: &articles[range.clone()],
            range,
        }
    }

    /// The page's key: its number and its articles.
    pub fn key(&self, site_key: &blake3::Hash) -> blake3::Hash {
        let HomePage {
            number,
            range: _,
            articles,
        } = self;
        let mut key = KeyBuilder::new(site_key, "home");
        key.number(*number);
        for article in *articles {
            key.article(article);
        }
        key.finish()
    }

    /// The page.
    pub fn page(&self, views: &'v Views<'v>) -> Page<HomeView<'v>> {
        let config = views.site.config;
        let path = paths::list_page(paths::HOME, self.number);
        let mut markdown = MarkdownSink::new(views, &paths::root_for(&path));
        let intro_html = config
            .intro
            .as_deref()
            .filter(|_| self.number == 1)
            .map(|md| markdown.render(md, Path::new(crate::load::SITE_FILE)));
        let all = views.summaries.len();
        let pagination = pagination_of(paths::HOME, self.number, page_count(all, config.per_page));
        let view = HomeView {
            intro_html,
            articles: &views.summary_values[self.range.clone()],
            topics: &views.topic_views,
        };
        let head = Head {
            template: "index.html",
            title: config.title.clone(),
            description: config.description.clone(),
            kind: "home",
            language: None,
        };
        frame(views, path, head, view, Some(pagination), markdown)
    }
}

/// What `topics.html` receives.
#[derive(Debug, Serialize)]
pub struct TopicsView<'v> {
    /// Every topic.
    pub topics: &'v [TopicView],
}

/// The topic index: reads only site-wide views.
pub fn topics_key(site_key: &blake3::Hash) -> blake3::Hash {
    KeyBuilder::new(site_key, "topics").finish()
}

/// The topic index.
pub fn topics_page<'v>(views: &'v Views<'v>) -> Page<TopicsView<'v>> {
    let config = views.site.config;
    let strings = views.site_view.strings;
    let head = Head {
        template: "topics.html",
        title: strings.topics.to_string(),
        description: strings.topics_description.replace("{site}", &config.title),
        kind: "topics",
        language: None,
    };
    let view = TopicsView {
        topics: &views.topic_views,
    };
    let markdown = MarkdownSink::new(views, "");
    frame(views, paths::TOPICS.to_string(), head, view, None, markdown)
}

/// What a page with nothing of its own receives (search, 404): only `page` and `site`.
#[derive(Debug, Serialize)]
pub struct NoView {}

/// The search page and the 404 page: they read only site-wide views.
pub fn fixed_key(site_key: &blake3::Hash, kind: &str) -> blake3::Hash {
    KeyBuilder::new(site_key, kind).finish()
}

/// The search page.
pub fn search_page<'v>(views: &'v Views<'v>) -> Page<NoView> {
    let config = views.site.config;
    let strings = views.site_view.strings;
    let head = Head {
        template: "search.html",
        title: strings.search.to_string(),
        description: strings.search_description.replace("{site}", &config.title),
        kind: "search",
        language: None,
    };
    let markdown = MarkdownSink::new(views, "");
    frame(
        views,
        paths::SEARCH.to_string(),
        head,
        NoView {},
        None,
        markdown,
    )
}

/// The page served for any missing path.
pub fn not_found_page<'v>(views: &'v Views<'v>) -> Page<NoView> {
    let config = views.site.config;
    let head = Head {
        template: "404.html",
        title: views.site_view.strings.not_found.to_string(),
        description: config.description.clone(),
        kind: "404",
        language: None,
    };
    let markdown = MarkdownSink::new(views, "");
    frame(
        views,
        paths::NOT_FOUND.to_string(),
        head,
        NoView {},
        None,
        markdown,
    )
}

/// A Markdown page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// Body, as HTML from Markdown.
    pub body_html: String,
}

/// What `page.html` receives.
#[derive(Debug, Serialize)]
pub struct MarkdownPageView {
    /// The page.
    pub content: PageView,
}

/// Markdown page `index`: pages are site-wide inputs, so the key is its number.
pub fn markdown_page_key(site_key: &blake3::Hash, index: usize) -> blake3::Hash {
    KeyBuilder::new(site_key, "page").number(index).finish()
}

/// Markdown page `index`.
pub fn markdown_page<'v>(views: &'v Views<'v>, index: usize) -> Page<MarkdownPageView> {
    let config = views.site.config;
    let page = &views.site.collection.pages[index];
    let path = paths::page(page.slug.as_str());
    let mut markdown = MarkdownSink::new(views, &paths::root_for(&path));
    let body_html = markdown.render(&page.body, &page.source_path);
    let view = MarkdownPageView {
        content: PageView {
            slug: page.slug.to_string(),
            title: page.title.clone(),
            description: page.description.clone(),
            body_html,
        },
    };
    let head = Head {
        template: "page.html",
        title: page.title.clone(),
        description: page
            .description
            .clone()
            .unwrap_or_else(|| config.description.clone()),
        kind: "page",
        language: None,
    };
    frame(views, path, head, view, None, markdown)
}
