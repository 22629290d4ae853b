//! Views of the reference data: entity pages, the timeline and data-figure charts.
//!
//! Takes the site graph; returns the `*View` structs the `entities.html`, `entity.html`,
//! `timeline.html` and `partials/chart.html` templates receive. Chart geometry (bar
//! positions, axis ticks) is computed here as numbers, so the theme draws the SVG without
//! arithmetic and without JavaScript.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::Serialize;

use super::key::KeyBuilder;
use super::markdown::{LinkBase, render_markdown};
use super::page::{Head, MarkdownSink, Page, frame};
use super::pagination::{page_count, page_range, pagination_of};
use super::paths;
use super::site::{ArticleSummaryView, DateView, EntityRefView, LinkView, Views};
use crate::link::Site;
use crate::model::reference::{Dataset, EntityKind, Event};

/// An SVG coordinate, rounded to a tenth and written without `.0` when whole, so the markup
/// reads `x="72"` rather than `x="72.0"`.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Px(pub f64);

impl Serialize for Px {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let rounded = (self.0 * 10.0).round() / 10.0;
        if rounded.fract() == 0.0 && rounded.abs() < 1e9 {
            serializer.serialize_i64(rounded as i64)
        } else {
            serializer.serialize_f64(rounded)
        }
    }
}

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

/// An article that mentions the entity, with the sentence.
#[derive(Debug, Clone, Serialize)]
pub struct EntityMentionView {
    /// The article.
    pub article: ArticleSummaryView,
    /// The sentence around the first mention, plain text.
    pub sentence: String,
}

/// Everything an entity page shows.
#[derive(Debug, Clone, Serialize)]
pub struct EntityView {
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
    pub mentions: Vec<EntityMentionView>,
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

/// A bar of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct BarView {
    /// Category label.
    pub label: String,
    /// The value as text.
    pub value_text: String,
    /// A remark.
    pub note: Option<String>,
    /// Left edge.
    pub x: Px,
    /// Top edge.
    pub y: Px,
    /// Width.
    pub width: Px,
    /// Height.
    pub height: Px,
    /// Centre, for labels.
    pub center: Px,
}

/// A horizontal grid line of a chart.
#[derive(Debug, Clone, Serialize)]
pub struct TickView {
    /// Vertical position.
    pub y: Px,
    /// The value as text.
    pub text: String,
}

/// A data figure: an SVG bar chart and its table.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    /// Unique id on the page, for `aria-labelledby`.
    pub id: String,
    /// Title.
    pub title: String,
    /// Description as HTML.
    pub description_html: Option<String>,
    /// Where the numbers come from.
    pub source: String,
    /// Axis labels.
    pub x_label: String,
    /// Vertical axis label.
    pub y_label: String,
    /// Unit of the values.
    pub unit: Option<String>,
    /// A sentence listing every value, for screen readers.
    pub summary: String,
    /// SVG width.
    pub width: Px,
    /// SVG height.
    pub height: Px,
    /// Plot area: left edge.
    pub left: Px,
    /// Plot area: right edge.
    pub right: Px,
    /// Plot area: top edge.
    pub top: Px,
    /// Plot area: bottom edge (the baseline).
    pub bottom: Px,
    /// Bars, in order.
    pub bars: Vec<BarView>,
    /// Grid lines, bottom up.
    pub ticks: Vec<TickView>,
}

/// Entities grouped by kind, each sorted by name.
pub fn entity_groups(refs: &[EntityRefView]) -> Vec<EntityGroupView> {
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
                label: entity.kind.plural(),
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
    let head = Head {
        template: "entities.html",
        title: "People, places and terms".to_string(),
        description: format!(
            "The people, places, organisations and terms the articles of {} mention.",
            config.title
        ),
        kind: "entities",
        language: None,
    };
    let view = EntitiesView {
        groups: entity_groups(&views.entity_refs),
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
pub struct EntityPageView {
    /// The entity, with this page's mentions.
    pub entity: EntityView,
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
    pub fn page(&self, views: &'v Views<'v>) -> Page<EntityPageView> {
        let config = views.site.config;
        let entity = &views.site.collection.entities[self.index];
        let first = paths::entity(entity.slug.as_str());
        let path = paths::list_page(&first, self.number);
        let mut markdown = MarkdownSink::new(views, &paths::root_for(&path));
        let mut view = entity_view(
            views.site,
            self.index,
            self.range.clone(),
            &views.summaries,
            &views.entity_refs,
        );
        let pagination = pagination_of(
            &first,
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
            description: format!("{} in the articles of {}.", entity.name, config.title),
            kind: "entity",
            language: None,
        };
        let view = EntityPageView { entity: view };
        frame(views, path, head, view, Some(pagination), markdown)
    }
}

/// The page of entity `index` with the mentions in `mentions` (a page of the list),
/// without its description HTML.
fn entity_view(
    site: &Site<'_>,
    index: usize,
    mentions: std::ops::Range<usize>,
    summaries: &[ArticleSummaryView],
    refs: &[EntityRefView],
) -> EntityView {
    let entity = &site.collection.entities[index];
    EntityView {
        summary: refs[index].clone(),
        kind_label: match entity.kind {
            EntityKind::Person => "Person",
            EntityKind::Place => "Place",
            EntityKind::Organisation => "Organisation",
            EntityKind::Term => "Term",
        },
        aliases: entity.aliases.clone(),
        description_html: None,
        mentions: site.entity_articles[index][mentions]
            .iter()
            .map(|m| EntityMentionView {
                article: summaries[m.article].clone(),
                sentence: m.sentence.clone(),
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
    let mut markdown = MarkdownSink::new(views, &paths::root_for(paths::TIMELINE));
    let view = TimelineView {
        events: (0..views.site.collection.events.len())
            .map(|i| event_view(views, i, &mut markdown))
            .collect(),
    };
    let head = Head {
        template: "timeline.html",
        title: "Timeline".to_string(),
        description: format!(
            "The dated events the articles of {} report, in order.",
            config.title
        ),
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

/// Every data figure's chart, by slug, with its description as HTML (links in it checked
/// against `known_pages`; a chart cannot hold another chart).
pub fn chart_views(site: &Site<'_>, known_pages: &BTreeSet<String>) -> BTreeMap<String, ChartView> {
    site.collection
        .datasets
        .iter()
        .map(|(slug, dataset)| {
            let mut chart = chart_view(dataset, format!("chart-{slug}"));
            chart.description_html = dataset.description.as_deref().map(|md| {
                let base = LinkBase {
                    root: "",
                    known_pages,
                    charts: None,
                };
                render_markdown(md, base).html
            });
            (slug.to_string(), chart)
        })
        .collect()
}

const CHART_WIDTH: f64 = 640.0;
const CHART_HEIGHT: f64 = 320.0;

/// Lays out a bar chart of the data figure.
fn chart_view(dataset: &Dataset, id: String) -> ChartView {
    let (left, right, top, bottom) = (72.0, CHART_WIDTH - 16.0, 24.0, CHART_HEIGHT - 56.0);
    let max = dataset
        .points
        .iter()
        .map(|p| p.value)
        .fold(0.0_f64, f64::max);
    let step = nice_step(max / 4.0);
    let top_value = if max > 0.0 {
        (max / step).ceil() * step
    } else {
        1.0
    };
    let scale = |value: f64| bottom - (value / top_value) * (bottom - top);
    let band = (right - left) / dataset.points.len().max(1) as f64;
    let bars = dataset
        .points
        .iter()
        .enumerate()
        .map(|(i, point)| {
            let width = band * 0.6;
            let x = left + band * i as f64 + (band - width) / 2.0;
            let y = scale(point.value);
            BarView {
                label: point.label.clone(),
                value_text: format_number(point.value),
                note: point.note.clone(),
                x: Px(x),
                y: Px(y),
                width: Px(width),
                height: Px(bottom - y),
                center: Px(x + width / 2.0),
            }
        })
        .collect();
    let mut ticks = Vec::new();
    let mut value = 0.0;
    while value <= top_value + step / 2.0 && ticks.len() < 12 {
        ticks.push(TickView {
            y: Px(scale(value)),
            text: format_number(value),
        });
        value += step;
    }
    let unit = dataset
        .unit
        .as_deref()
        .map(|u| format!(" {u}"))
        .unwrap_or_default();
    let values: Vec<String> = dataset
        .points
        .iter()
        .map(|p| format!("{}: {}{unit}", p.label, format_number(p.value)))
        .collect();
    ChartView {
        id,
        title: dataset.title.clone(),
        description_html: None,
        source: dataset.source.clone(),
        x_label: dataset.x_label.clone(),
        y_label: dataset.y_label.clone(),
        unit: dataset.unit.clone(),
        summary: format!("{}. {}.", dataset.title, values.join("; ")),
        width: Px(CHART_WIDTH),
        height: Px(CHART_HEIGHT),
        left: Px(left),
        right: Px(right),
        top: Px(top),
        bottom: Px(bottom),
        bars,
        ticks,
    }
}

/// A round step (1, 2 or 5 times a power of ten) at least `rough`.
fn nice_step(rough: f64) -> f64 {
    if rough <= 0.0 || !rough.is_finite() {
        return 1.0;
    }
    let magnitude = 10f64.powf(rough.log10().floor());
    [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= rough)
        .unwrap_or(10.0 * magnitude)
}

/// `2914` → `2,914`; decimals kept to two places.
fn format_number(value: f64) -> String {
    if value.fract() != 0.0 {
        return format!("{value:.2}").trim_end_matches('0').to_string();
    }
    let digits = format!("{}", value as i64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Slug;
    use crate::model::reference::Point;

    fn dataset(values: &[f64]) -> Dataset {
        Dataset {
            slug: Slug::parse("d").unwrap(),
            title: "T".into(),
            description: None,
            source: "S".into(),
            articles: vec![],
            x_label: "Year".into(),
            y_label: "People".into(),
            unit: Some("people".into()),
            points: values
                .iter()
                .enumerate()
                .map(|(i, v)| Point {
                    label: format!("{}", 2020 + i),
                    value: *v,
                    note: None,
                })
                .collect(),
            source_path: "content/data/d.toml".into(),
        }
    }

    #[test]
    fn bars_scale_to_round_ticks() {
        let chart = chart_view(&dataset(&[2914.0, 229.0, 63.0]), "c".into());
        assert_eq!(chart.ticks.last().unwrap().text, "3,000");
        assert_eq!(chart.bars[0].value_text, "2,914");
        assert!(
            chart.bars[0].height > chart.bars[1].height
                && chart.bars[1].height > chart.bars[2].height
        );
        assert!((chart.bars[0].y.0 + chart.bars[0].height.0 - chart.bottom.0).abs() < 1e-9);
        assert_eq!(
            chart.summary,
            "T. 2020: 2,914 people; 2021: 229 people; 2022: 63 people."
        );
    }

    #[test]
    fn all_zero_values_do_not_divide_by_zero() {
        let chart = chart_view(&dataset(&[0.0, 0.0]), "c".into());
        assert!(
            chart
                .bars
                .iter()
                .all(|b| b.height.0 == 0.0 && b.y.0.is_finite())
        );
    }

    #[test]
    fn coordinates_serialize_without_trailing_zero() {
        assert_eq!(
            serde_json::to_string(&[Px(72.0), Px(12.345)]).unwrap(),
            "[72,12.3]"
        );
    }

    #[test]
    fn nice_steps_are_one_two_or_five() {
        assert_eq!(nice_step(728.5), 1000.0);
        assert_eq!(nice_step(180.0), 200.0);
        assert_eq!(nice_step(3.0), 5.0);
    }
}
