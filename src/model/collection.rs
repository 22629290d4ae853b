//! The collection: every validated part of the project together, as the model returns it.

use std::collections::BTreeMap;

use super::article::Article;
use super::page::Page;
use super::reference;
use super::slug::Slug;
use super::topic::Topic;

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
