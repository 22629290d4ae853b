//! Which pages the site has, and for each the family that builds its view and its key.
//!
//! Takes the site-wide [`Views`]; returns every [`PageJob`] (one per output page), and for a job its path, its key and its [`Page`]. Both
//! [`PageJob::key`] and [`PageJob::page`] go through the same family's gathered inputs
//! (`HomePage`, `TopicPage`, `ArticleInputs`…), so what a page shows and what its key
//! hashes come from one struct.

use serde::Serialize;

use super::article::{self, ArticlePageView};
use super::lists::{self, HomePage, HomeView, MarkdownPageView, NoView, TopicsView};
use super::page::Page;
use super::pagination::page_count;
use super::paths;
use super::provenance::{AsCopiedPage, AsCopiedView};
use super::reference::{self, EntitiesView, EntityPage, EntityPageView, TimelineView};
use super::site::Views;
use super::topic::{TopicPage, TopicPageView};

/// One output page to render.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageJob {
    /// A page of the home page's list of articles (from 1).
    Home(usize),
    /// An article's page.
    Article(usize),
    /// An article's seed as copied, line by line.
    AsCopied(usize),
    /// The topic index.
    Topics,
    /// A topic, and a page of its list (from 1).
    Topic(usize, usize),
    /// A Markdown page.
    Page(usize),
    /// The 404 page.
    NotFound,
    /// The entity index.
    Entities,
    /// An entity, and a page of its list of mentions (from 1).
    Entity(usize, usize),
    /// The timeline.
    Timeline,
    /// The search page.
    Search,
}

/// Any family's view: what one page's template receives besides `page` and `pagination`.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum AnyView<'v> {
    /// `index.html`.
    Home(HomeView<'v>),
    /// `article.html`.
    Article(Box<ArticlePageView>),
    /// `as_copied.html`.
    AsCopied(Box<AsCopiedView>),
    /// `topics.html`.
    Topics(TopicsView<'v>),
    /// `topic.html`.
    Topic(TopicPageView<'v>),
    /// `page.html`.
    Page(MarkdownPageView),
    /// `search.html` and `404.html`.
    Nothing(NoView),
    /// `entities.html`.
    Entities(EntitiesView),
    /// `entity.html`.
    Entity(EntityPageView<'v>),
    /// `timeline.html`.
    Timeline(TimelineView),
}

/// Every page the site has, in a fixed order.
pub fn page_jobs(views: &Views<'_>) -> Vec<PageJob> {
    let site = views.site;
    let collection = site.collection;
    let per_page = site.config.per_page;
    let mut jobs = vec![PageJob::Topics, PageJob::NotFound];
    if site.config.outputs.search {
        jobs.push(PageJob::Search);
    }
    jobs.extend((1..=page_count(collection.articles.len(), per_page)).map(PageJob::Home));
    jobs.extend((0..collection.articles.len()).map(PageJob::Article));
    jobs.extend((0..collection.articles.len()).map(PageJob::AsCopied));
    for (index, members) in site.topic_articles.values().enumerate() {
        jobs.extend((1..=page_count(members.len(), per_page)).map(|n| PageJob::Topic(index, n)));
    }
    jobs.extend((0..collection.pages.len()).map(PageJob::Page));
    if !collection.entities.is_empty() {
        jobs.push(PageJob::Entities);
        for (index, mentions) in site.entity_articles.iter().enumerate() {
            jobs.extend(
                (1..=page_count(mentions.len(), per_page)).map(|n| PageJob::Entity(index, n)),
            );
        }
    }
    if !collection.events.is_empty() {
        jobs.push(PageJob::Timeline);
    }
    jobs
}

impl PageJob {
    /// The job's output path, relative to the output folder.
    pub fn path(self, views: &Views<'_>) -> String {
        let collection = views.site.collection;
        match self {
            PageJob::Home(number) => paths::list_page(paths::HOME, number),
            PageJob::Article(index) => paths::article(collection.articles[index].slug.as_str()),
            PageJob::AsCopied(index) => paths::as_copied(collection.articles[index].slug.as_str()),
            PageJob::Topics => paths::TOPICS.to_string(),
            PageJob::Topic(index, number) => {
                paths::list_page(&paths::topic(views.topics[index].slug.as_str()), number)
            }
            PageJob::Page(index) => paths::page(collection.pages[index].slug.as_str()),
            PageJob::Search => paths::SEARCH.to_string(),
            PageJob::NotFound => paths::NOT_FOUND.to_string(),
            PageJob::Entities => paths::ENTITIES.to_string(),
            PageJob::Entity(index, number) => paths::list_page(
                &paths::entity(collection.entities[index].slug.as_str()),
                number,
            ),
            PageJob::Timeline => paths::TIMELINE.to_string(),
        }
    }

    /// The job's key: the site-wide key and what its view reads (see each family).
    pub fn key(self, views: &Views<'_>, site_key: &blake3::Hash) -> blake3::Hash {
        match self {
            PageJob::Home(number) => HomePage::new(views, number).key(site_key),
            PageJob::Article(index) => article::page_key(views, site_key, index),
            PageJob::AsCopied(index) => AsCopiedPage::new(views, index).key(site_key),
            PageJob::Topics => lists::topics_key(site_key),
            PageJob::Topic(index, number) => {
                TopicPage::new(views, index, number).key(views, site_key)
            }
            PageJob::Page(index) => lists::markdown_page_key(site_key, index),
            PageJob::NotFound => lists::fixed_key(site_key, "404"),
            PageJob::Search => lists::fixed_key(site_key, "search"),
            PageJob::Entities => reference::entities_key(views, site_key),
            PageJob::Entity(index, number) => {
                EntityPage::new(views, index, number).key(views, site_key)
            }
            PageJob::Timeline => reference::timeline_key(views, site_key),
        }
    }

    /// The job's page: its template, its whole context and what its Markdown found.
    pub fn page<'v>(self, views: &'v Views<'v>) -> Page<AnyView<'v>> {
        match self {
            PageJob::Home(number) => HomePage::new(views, number).page(views).map(AnyView::Home),
            PageJob::Article(index) => {
                article::page(views, index).map(|view| AnyView::Article(Box::new(view)))
            }
            PageJob::AsCopied(index) => AsCopiedPage::new(views, index)
                .page(views)
                .map(|view| AnyView::AsCopied(Box::new(view))),
            PageJob::Topics => lists::topics_page(views).map(AnyView::Topics),
            PageJob::Topic(index, number) => TopicPage::new(views, index, number)
                .page(views)
                .map(AnyView::Topic),
            PageJob::Page(index) => lists::markdown_page(views, index).map(AnyView::Page),
            PageJob::NotFound => lists::not_found_page(views).map(AnyView::Nothing),
            PageJob::Search => lists::search_page(views).map(AnyView::Nothing),
            PageJob::Entities => reference::entities_page(views).map(AnyView::Entities),
            PageJob::Entity(index, number) => EntityPage::new(views, index, number)
                .page(views)
                .map(AnyView::Entity),
            PageJob::Timeline => reference::timeline_page(views).map(AnyView::Timeline),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use super::*;
    use crate::config::Overrides;
    use crate::error::Diagnostics;
    use crate::model::{Collection, SeedNames};

    /// The project's own collection (three articles with related articles, entities, a
    /// timeline and data figures), modelled; `edit` changes it before linking.
    fn collection() -> (crate::config::SiteConfig, Collection) {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let config = crate::build::load_config(root, &Overrides::default()).expect("site.toml");
        let mut diagnostics = Diagnostics::default();
        let sources =
            crate::load::load_sources(root, &config.theme, &mut diagnostics).expect("sources");
        let parsed = crate::parse::parse_sources(&sources, &mut diagnostics);
        let seeds: SeedNames<'_> = sources.seeds.keys().map(String::as_str).collect();
        let collection = crate::model::build_collection(parsed, &seeds, &config, &mut diagnostics);
        assert!(!diagnostics.has_errors(), "{:?}", diagnostics.into_vec());
        (config, collection)
    }

    /// Every job's path, key and whole template context as JSON.
    fn pages(
        config: &crate::config::SiteConfig,
        collection: &Collection,
    ) -> BTreeMap<String, (blake3::Hash, String)> {
        let mut cache = crate::link::LinkCache::default();
        let site = crate::link::link(collection, config, &mut cache);
        let views = Views::new(&site, BTreeMap::new());
        let site_key = views.site_key(&blake3::hash(b"theme"));
        page_jobs(&views)
            .into_iter()
            .map(|job| {
                let page = job.page(&views);
                let context = serde_json::to_string(&page.context).expect("views serialize");
                (job.path(&views), (job.key(&views, &site_key), context))
            })
            .collect()
    }

    #[test]
    fn a_page_whose_view_changes_gets_a_new_key_and_the_rest_keep_theirs() {
        let (config, before) = collection();
        let mut after = before.clone();
        // An edit to one article's title: its fingerprint changes with its metadata.
        let edited = &mut after.articles[1];
        edited.title.push_str(" (revised)");
        edited.fingerprint = blake3::hash(b"an edited metadata file");
        let (before, after) = (pages(&config, &before), pages(&config, &after));
        assert_eq!(
            before.keys().collect::<Vec<_>>(),
            after.keys().collect::<Vec<_>>()
        );
        let mut changed = 0;
        for (path, (key, view)) in &before {
            let (new_key, new_view) = &after[path];
            if view != new_view {
                changed += 1;
                assert_ne!(key, new_key, "{path} shows the edit but kept its key");
            } else {
                assert_eq!(
                    key, new_key,
                    "{path} does not show the edit but changed its key"
                );
            }
        }
        // The article, its "as copied" page, the home page and its topics' pages at least.
        assert!(changed >= 4, "only {changed} pages show the edited title");
        assert!(changed < before.len(), "every page changed");
    }
}
