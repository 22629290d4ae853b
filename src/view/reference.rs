//! Entity pages and the timeline: the views `entities.html`, `entity.html` and
//! `timeline.html` receive, with their keys.
//!
//! Takes the site-wide [`Views`]; [`EntityPage`] is what one page of an entity reads (which
//! entity, which mentions), with its `key` and `page` side by side; the index and the
//! timeline read the index entries and the events, and hash what they read of articles.
//! Data-figure charts are in [`super::chart`].

use std::path::Path;

use serde::Serialize;

use super::key::KeyBuilder;
use super::page::{Head, MarkdownSink, Page, frame};
use super::pagination::{page_count, page_range, pagination_of};
use super::paths;
use super::site::{DateView, EntityRefView, LinkView, SummaryValue, Views};
use super::strings::Strings;
use crate::link::Site;
use crate::model::reference::{EntityKind, Event};

/// One kind of entity with its members, for the index.
#[derive(Debug, Clone, Serialize)]
pub struct EntityGroupView {
    /// The kind.
    pub kind: EntityKind,
    /// Its plural heading: `People`, `Places`, …
    pub label: &'static str,
    /// Members, by name.
    pub entities: Vec<EntityRefView>,
}

/// An article that mentions the entity, with the sentence: both borrowed from the
/// site-wide views, so a page copies no article's summary (#15).
#[derive(Debug, Clone, Serialize)]
pub struct EntityMentionView<'v> {
    /// The article.
    pub article: &'v SummaryValue,
    /// The sentence around the first mention, plain text.
    pub sentence: &'v str,
}

/// Everything an entity page shows.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView<'v> {
    /// The index fields.
    #[serde(flatten)]
    pub summary: EntityRefView,
    /// Singular label of the kind: `Person`, `Place`, …
    pub kind_label: &'static str,
    /// Other names matched in texts.
    pub aliases: Vec<String>,
    /// Description as HTML from Markdown (filled by the caller).
    pub description_html: Option<String>,
    /// The articles mentioning it, newest first.
    pub mentions: Vec<EntityMentionView<'v>>,
}

/// A timeline event.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Start.
    pub date: DateView,
    /// End of a range.
    pub end: Option<DateView>,
    /// `1959–1984`, `August 2020`.
    pub when: String,
    /// Title.
    pub title: String,
    /// Description as HTML (filled by the caller).
    pub description_html: Option<String>,
    /// The published articles that state it.
    pub articles: Vec<LinkView>,
}

/// Entities grouped by kind, each sorted by name.
pub fn entity_groups(refs: &[EntityRefView], strings: &Strings) -> Vec<EntityGroupView> {
    let mut groups: Vec<EntityGroupView> = Vec::new();
    let mut refs: Vec<EntityRefView> = refs.to_vec();
    refs.sort_by(|a, b| {
        a.kind
            .cmp(&b.kind)
            .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    for entity in refs {
        match groups.last_mut() {
            Some(group) if group.kind == entity.kind => group.entities.push(entity),
            _ => groups.push(EntityGroupView {
                kind: entity.kind,
                label: strings.entity_kinds(entity.kind),
                entities: vec![entity],
            }),
        }
    }
    groups
}

/// What `entities.html` receives.
#[derive(Debug, Serialize)]
pub struct EntitiesView {
    /// Entities by kind.
    pub groups: Vec<EntityGroupView>,
}

/// The entity index: its groups are made from the index entries alone.
pub fn entities_key(views: &Views<'_>, site_key: &blake3::Hash) -> blake3::Hash {
    KeyBuilder::new(site_key, "entities")
        .json(&views.entity_refs)
        .finish()
}

/// The entity index.
pub fn entities_page<'v>(views: &'v Views<'v>) -> Page<EntitiesView> {
    let config = views.site.config;
    let strings = views.site_view.strings;
    let head = Head {
        template: "entities.html",
        title: strings.nav_entities.to_string(),
        description: strings
            .entities_description
            .replace("{site}", &config.title),
        kind: "entities",
        language: None,
    };
    let view = EntitiesView {
        groups: entity_groups(&views.entity_refs, strings),
    };
    let markdown = MarkdownSink::new(views, "");
    frame(
        views,
        paths::ENTITIES.to_string(),
        head,
        view,
        None,
        markdown,
    )
}

/// What `entity.html` receives.
#[derive(Debug, Serialize)]
pub struct EntityPageView<'v> {
    /// The entity, with this page's mentions.
    pub entity: EntityView<'v>,
}

/// Page `number` of entity `index`: the mentions it shows.
pub struct EntityPage<'v> {
    index: usize,
    number: usize,
    /// Every article mentioning it, newest first.
    all: &'v [crate::link::EntityMention],
    /// This page's share of them.
    range: std::ops::Range<usize>,
}

impl<'v> EntityPage<'v> {
    /// Gathers page `number` (from 1) of entity `index`.
    pub fn new(views: &Views<'v>, index: usize, number: usize) -> Self {
        let all = &views.site.entity_articles[index];
        EntityPage {
            index,
            number,
            range: page_range(all.len(), views.site.config.per_page, number),
            all,
        }
    }

    /// The page's key: which entity and page, its index entry, and each mention's article
    /// and sentence.
    pub fn key(&self, views: &Views<'_>, site_key: &blake3::Hash) -> blake3::Hash {
        let EntityPage {
            index,
            number,
            all,
            range,
        } = self;
        let mut key = KeyBuilder::new(site_key, "entity");
        key.number(*index)
            .number(*number)
            .json(&views.entity_refs[*index]);
        for mention in &all[range.clone()] {
            key.article(views.article(mention.article))
                .text(&mention.sentence);
        }
        key.finish()
    }

    /// The page.
    pub fn page(&self, views: &'v Views<'v>) -> Page<EntityPageView<'v>> {
        let config = views.site.config;
        let strings = views.site_view.strings;
        let entity = &views.site.collection.entities[self.index];
        let first = paths::entity(entity.slug.as_str());
        let path = paths::list_page(&first, self.number);
        let mut markdown = MarkdownSink::new(views, &paths::root_for(&path));
        let mut view = entity_view(
            views.site,
            self.index,
            self.range.clone(),
            &views.summary_values,
            &views.entity_refs,
            strings,
        );
        let pagination = pagination_of(
            &paths::href(&first),
            self.number,
            page_count(self.all.len(), config.per_page),
        );
        view.description_html = entity
            .description
            .as_deref()
            .map(|md| markdown.render(md, Path::new("content/entities.toml")));
        let head = Head {
            template: "entity.html",
            title: entity.name.clone(),
            description: strings
                .entity_description
                .replace("{name}", &entity.name)
                .replace("{site}", &config.title),
            kind: "entity",
            language: None,
        };
        let view = EntityPageView { entity: view };
        frame(views, path, head, view, Some(pagination), markdown)
    }
}

/// The page of entity `index` with the mentions in `mentions` (a page of the list),
/// without its description HTML.
fn entity_view<'v>(
    site: &'v Site<'_>,
    index: usize,
    mentions: std::ops::Range<usize>,
    summaries: &'v [SummaryValue],
    refs: &[EntityRefView],
    strings: &Strings,
) -> EntityView<'v> {
    let entity = &site.collection.entities[index];
    EntityView {
        summary: refs[index].clone(),
        kind_label: strings.entity_kind(entity.kind),
        aliases: entity.aliases.clone(),
        description_html: None,
        mentions: site.entity_articles[index][mentions]
            .iter()
            .map(|m| EntityMentionView {
                article: &summaries[m.article],
                sentence: &m.sentence,
            })
            .collect(),
    }
}

/// Timeline event `index`, its description rendered into `markdown`.
pub fn event_view(views: &Views<'_>, index: usize, markdown: &mut MarkdownSink<'_>) -> EventView {
    let event: &Event = &views.site.collection.events[index];
    let summaries = &views.summaries;
    let when = match &event.end {
        Some(end) => format!("{}–{}", event.date.display(), end.display()),
        None => event.date.display(),
    };
    EventView {
        date: DateView::new(&event.date),
        end: event.end.as_ref().map(DateView::new),
        when,
        title: event.title.clone(),
        description_html: event
            .description
            .as_deref()
            .map(|md| markdown.render(md, Path::new("content/timeline.toml"))),
        articles: views.site.event_articles[index]
            .iter()
            .map(|&a| LinkView {
                title: summaries[a].title.clone(),
                path: summaries[a].path.clone(),
            })
            .collect(),
    }
}

/// Adds timeline event `index` to a key: the event is site-wide, the articles it cites are
/// not.
pub fn event_key(views: &Views<'_>, index: usize, key: &mut KeyBuilder) {
    let cited = &views.site.event_articles[index];
    key.number(cited.len());
    for &article in cited {
        key.article(views.article(article));
    }
}

/// What `timeline.html` receives.
#[derive(Debug, Serialize)]
pub struct TimelineView {
    /// Every event, oldest first.
    pub events: Vec<EventView>,
}

/// The timeline: every event, with the articles each cites.
pub fn timeline_key(views: &Views<'_>, site_key: &blake3::Hash) -> blake3::Hash {
    let mut key = KeyBuilder::new(site_key, "timeline");
    for event in 0..views.site.collection.events.len() {
        event_key(views, event, &mut key);
    }
    key.finish()
}

/// The timeline.
pub fn timeline_page<'v>(views: &'v Views<'v>) -> Page<TimelineView> {
    let config = views.site.config;
    let strings = views.site_view.strings;
    let mut markdown = MarkdownSink::new(views, &paths::root_for(paths::TIMELINE));
    let view = TimelineView {
        events: (0..views.site.collection.events.len())
            .map(|i| event_view(views, i, &mut markdown))
            .collect(),
    };
    let head = Head {
        template: "timeline.html",
        title: strings.nav_timeline.to_string(),
        description: strings
            .timeline_description
            .replace("{site}", &config.title),
        kind: "timeline",
        language: None,
    };
    frame(
        views,
        paths::TIMELINE.to_string(),
        head,
        view,
        None,
        markdown,
    )
}
