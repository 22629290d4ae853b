//! Topic pages: a topic's description and its articles, a page at a time.
//!
//! [`TopicPage`] is what one page of a topic reads beyond the site-wide [`Views`] (which
//! topic, which page, which articles); its `key` hashes exactly that and its `page` builds
//! the view from it. The topic index entries themselves ([`TopicView`]) are site-wide.

use std::path::Path;

use serde::Serialize;

use super::key::KeyBuilder;
use super::page::{Head, MarkdownSink, Page, frame};
use super::pagination::{page_count, page_range, pagination_of};
use super::paths;
use super::site::{SummaryValue, TopicView, Views};
use crate::model::Topic;

/// What `topic.html` receives.
#[derive(Debug, Serialize)]
pub struct TopicPageView<'v> {
    /// The topic, with its description.
    pub topic: TopicView,
    /// This page's articles, newest first.
    pub articles: Vec<&'v SummaryValue>,
}

/// Page `number` of topic `index` (in slug order): the articles it shows.
pub struct TopicPage<'v> {
    index: usize,
    number: usize,
    topic: &'v Topic,
    /// Every article of the topic, newest first (the page count follows from it).
    all: &'v [usize],
    /// This page's share of them.
    range: std::ops::Range<usize>,
}

impl<'v> TopicPage<'v> {
    /// Gathers page `number` (from 1) of topic `index`.
    pub fn new(views: &Views<'v>, index: usize, number: usize) -> Self {
        let site = views.site;
        let topic = views.topics[index];
        let all: &[usize] = site
            .topic_articles
            .get(&topic.slug)
            .map_or(&[], Vec::as_slice);
        TopicPage {
            index,
            number,
            topic,
            all,
            range: page_range(all.len(), site.config.per_page, number),
        }
    }

    /// The page's key: which topic and page, and its articles. The topic itself and its
    /// article count are site-wide.
    pub fn key(&self, views: &Views<'_>, site_key: &blake3::Hash) -> blake3::Hash {
        let TopicPage {
            index,
            number,
            topic: _,
            all,
            range,
        } = self;
        let mut key = KeyBuilder::new(site_key, "topic");
        key.number(*index).number(*number);
        for &article in &all[range.clone()] {
            key.article(views.article(article));
        }
        key.finish()
    }

    /// The page.
    pub fn page(&self, views: &'v Views<'v>) -> Page<TopicPageView<'v>> {
        let config = views.site.config;
        let slug = self.topic.slug.as_str();
        let first = paths::topic(slug);
        let path = paths::list_page(&first, self.number);
        let mut markdown = MarkdownSink::new(views, &paths::root_for(&path));
        let mut topic = views.topic_views[self.index].clone();
        topic.description_html = self
            .topic
            .description
            .as_deref()
            .map(|md| markdown.render(md, Path::new("content/topics.toml")));
        let view = TopicPageView {
            topic,
            articles: self.all[self.range.clone()]
                .iter()
                .map(|&i| &views.summary_values[i])
                .collect(),
        };
        let pagination = pagination_of(
            &paths::href(&first),
            self.number,
            page_count(self.all.len(), config.per_page),
        );
        let description = self.topic.description.as_deref().map_or_else(
            || format!("Articles about {} in {}.", self.topic.name, config.title),
            plain_first_sentence,
        );
        let head = Head {
            template: "topic.html",
            title: self.topic.name.clone(),
            description,
            kind: "topic",
            language: None,
        };
        frame(views, path, head, view, Some(pagination), markdown)
    }
}

/// The first sentence of Markdown, without its emphasis and link marks: a meta description.
fn plain_first_sentence(markdown_text: &str) -> String {
    let plain: String = markdown_text
        .chars()
        .filter(|c| !matches!(c, '*' | '_' | '`' | '[' | ']'))
        .collect();
    let sentence = plain.split_inclusive(". ").next().unwrap_or(&plain).trim();
    sentence.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_gives_its_first_sentence_without_marks() {
        assert_eq!(
            plain_first_sentence("How *attention* is [paid](@/x/). And more."),
            "How attention is paid(@/x/)."
        );
    }
}
