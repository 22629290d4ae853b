//! Reference data: entities, timeline events and data figures, validated.
//!
//! Takes the raw `entities.toml`, `timeline.toml` and `data/*.toml` and the slugs of every
//! article (drafts included, so citing a draft is not an error); returns [`Entity`],
//! [`Event`] and [`Dataset`] values, reporting each dangling reference, shared alias or
//! impossible date at the key that caused it.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use toml::Spanned;

use super::date::PartialDate;
use super::slug::Slug;
use crate::error::{Diagnostic, Diagnostics, did_you_mean};
use crate::load::SourceFile;
use crate::parse::reference::{RawDataset, RawEntity, RawTimeline};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    /// A person.
    Person,
    /// A place.
    Place,
    /// An organisation.
    Organisation,
    /// A term or concept.
    Term,
}

impl EntityKind {
    const NAMES: [(&'static str, EntityKind); 4] = [
        ("person", EntityKind::Person),
        ("place", EntityKind::Place),
        ("organisation", EntityKind::Organisation),
        ("term", EntityKind::Term),
    ];
}

/// A person, place, organisation or term that articles mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// URL segment.
    pub slug: Slug,
    /// Display name, matched in texts.
    pub name: String,
    /// What it is.
    pub kind: EntityKind,
    /// Other names matched in texts.
    pub aliases: Vec<String>,
    /// Markdown.
    pub description: Option<String>,
}

/// A dated fact, cited from one or more articles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// When it happened, or began.
    pub date: PartialDate,
    /// When a range ended.
    pub end: Option<PartialDate>,
    /// Short title.
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// The articles that state it.
    pub articles: Vec<Slug>,
}

/// One value of a data figure.
#[derive(Debug, Clone, PartialEq)]
pub struct Point {
    /// Category label.
    pub label: String,
    /// The value.
    pub value: f64,
    /// A remark.
    pub note: Option<String>,
}

/// A numeric series drawn as a chart with its data table.
#[derive(Debug, Clone, PartialEq)]
pub struct Dataset {
    /// From the file name; used in chart directives.
    pub slug: Slug,
    /// Title.
    pub title: String,
    /// Markdown.
    pub description: Option<String>,
    /// Where the numbers come from.
    pub source: String,
    /// Articles quoting the numbers.
    pub articles: Vec<Slug>,
    /// Horizontal axis label.
    pub x_label: String,
    /// Vertical axis label.
    pub y_label: String,
    /// Unit of the values.
    pub unit: Option<String>,
    /// The values in order.
    pub points: Vec<Point>,
    /// The data file.
    pub source_path: PathBuf,
}

/// Validates entities: kinds, slugs, and that no name or alias belongs to two entities.
// Kept whole: one loop over the entities, each check skipping the entity it fails, and the
// name-owner table shared across them; the loop reads top to bottom as the rules.
pub fn build_entities(
    raw: Option<(&SourceFile, BTreeMap<String, Spanned<RawEntity>>)>,
    diagnostics: &mut Diagnostics,
) -> Vec<Entity> {
    let Some((file, raw)) = raw else {
        return Vec::new();
    };
    let mut entities = Vec::new();
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    for (key, value) in raw {
        let span = value.span();
        let RawEntity {
            name,
            kind,
            aliases,
            description,
        } = value.into_inner();
        let at = |message: String, span: std::ops::Range<usize>| {
            Diagnostic::error(message)
                .in_file(&file.path)
                .at(&file.text, span)
        };
        let slug = match Slug::parse_unicode(&key) {
            Ok(slug) => slug,
            Err(why) => {
                diagnostics.push(at(format!("invalid entity slug `{key}`"), span).label(why));
                continue;
            }
        };
        let Some(kind_value) = EntityKind::NAMES
            .iter()
            .find(|(n, _)| n == kind.get_ref())
            .map(|(_, k)| *k)
        else {
            let names = EntityKind::NAMES
                .iter()
                .map(|(n, _)| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ");
            diagnostics.push(
                at(
                    format!("unknown entity kind `{}`", kind.get_ref()),
                    kind.span(),
                )
                .label("not a kind of entity")
                .help(format!("use one of {names}")),
            );
            continue;
        };
        let mut names = vec![(name.clone(), span.clone())];
        names.extend(aliases.iter().map(|a| (a.get_ref().clone(), a.span())));
        for (text, text_span) in &names {
            match owners.get(text) {
                Some(owner) if *owner != slug.as_str() => diagnostics.push(
                    at(
                        format!("`{text}` names two entities, `{owner}` and `{slug}`"),
                        text_span.clone(),
                    )
                    .label("already used by another entity")
                    .help("an alias must point to one entity; remove it from one of them"),
                ),
                Some(_) => diagnostics.push(
                    Diagnostic::warning(format!("entity `{slug}` lists `{text}` twice"))
                        .in_file(&file.path)
                        .at(&file.text, text_span.clone()),
                ),
                None => {
                    owners.insert(text.clone(), slug.to_string());
                }
            }
        }
        entities.push(Entity {
            slug,
            name,
            kind: kind_value,
            aliases: aliases.into_iter().map(Spanned::into_inner).collect(),
            description,
        });
    }
    entities
}

fn check_article_refs(
    refs: &[Spanned<String>],
    known: &BTreeSet<Slug>,
    file: &SourceFile,
    what: &str,
    diagnostics: &mut Diagnostics,
) -> Vec<Slug> {
    let mut slugs = Vec::new();
    for reference in refs {
        match Slug::parse_unicode(reference.get_ref())
            .ok()
            .filter(|s| known.contains(s))
        {
            Some(slug) => slugs.push(slug),
            // An article whose metadata already failed is not built, so citing it is not a
            // second mistake to report (#13).
            None if diagnostics.has_errors_in_file_named(
                &Path::new(crate::load::CONTENT_DIR).join("articles"),
                reference.get_ref(),
            ) => {}
            None => {
                let help = match did_you_mean(reference.get_ref(), known.iter().map(Slug::as_str)) {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => {
                        "articles are named by their metadata file, `content/articles/<slug>.toml`"
                            .to_string()
                    }
                };
                diagnostics.push(
                    Diagnostic::error(format!(
                        "{what} cites unknown article `{}`",
                        reference.get_ref()
                    ))
                    .in_file(&file.path)
                    .at(&file.text, reference.span())
                    .label("no such article")
                    .help(help),
                );
            }
        }
    }
    slugs
}

fn parse_date(
    value: &Spanned<toml::Value>,
    file: &SourceFile,
    key: &str,
    diagnostics: &mut Diagnostics,
) -> Option<PartialDate> {
    let result = match value.get_ref() {
        toml::Value::String(text) => PartialDate::parse(text),
        toml::Value::Datetime(datetime) => match datetime.date {
            Some(d) => PartialDate::parse(&format!("{:04}-{:02}-{:02}", d.year, d.month, d.day)),
            None => Err("a time without a date".into()),
        },
        other => Err(format!(
            "expected a date string, found {}",
            other.type_str()
        )),
    };
    result
        .map_err(|why| {
            diagnostics.push(
                Diagnostic::error(format!("invalid `{key}` date"))
                    .in_file(&file.path)
                    .at(&file.text, value.span())
                    .label(why)
                    .help(format!(
                        "write `{key} = \"2009\"`, `\"2020-08\"` or `\"2023-10-05\"`"
                    )),
            );
        })
        .ok()
}

/// Validates timeline events and sorts them chronologically (ties by title).
pub fn build_events(
    raw: Option<(&SourceFile, RawTimeline)>,
    known: &BTreeSet<Slug>,
    diagnostics: &mut Diagnostics,
) -> Vec<Event> {
    let Some((file, raw)) = raw else {
        return Vec::new();
    };
    let mut events = Vec::new();
    for event in raw.events {
        let span = event.span();
        let event = event.into_inner();
        let errors_before = diagnostics.error_count();
        let date = parse_date(&event.date, file, "date", diagnostics);
        let end = event
            .end
            .as_ref()
            .and_then(|e| parse_date(e, file, "end", diagnostics));
        let articles = check_article_refs(&event.articles, known, file, "event", diagnostics);
        if let (Some(date), Some(end)) = (date, end)
            && end < date
        {
            diagnostics.push(
                Diagnostic::error("event ends before it begins")
                    .in_file(&file.path)
                    .at(&file.text, span.clone())
                    .help("`end` must be later than `date`"),
            );
        }
        if event.articles.is_empty() {
            diagnostics.push(
                Diagnostic::error(format!("event `{}` cites no article", event.title))
                    .in_file(&file.path)
                    .at(&file.text, span)
                    .help("list the articles that state it: `articles = [\"<slug>\"]`"),
            );
        }
        if diagnostics.error_count() > errors_before {
            continue;
        }
        if let Some(date) = date {
            events.push(Event {
                date,
                end,
                title: event.title,
                description: event.description,
                articles,
            });
        }
    }
    events.sort_by(|a, b| {
        a.date
            .cmp(&b.date)
            .then_with(|| a.end.cmp(&b.end))
            .then_with(|| a.title.cmp(&b.title))
    });
    events
}

/// The largest value a data figure takes: 2⁵³, above which not every whole number has an
/// `f64`, so a figure could not be shown as the source gives it (and near `f64::MAX` the
/// chart's axis overflows to infinity).
pub const MAX_VALUE: f64 = 9_007_199_254_740_992.0;

/// Validates data figures.
pub fn build_datasets(
    raw: Vec<(&SourceFile, RawDataset)>,
    known: &BTreeSet<Slug>,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<Slug, Dataset> {
    let mut datasets = BTreeMap::new();
    for (file, raw) in raw {
        let stem = file
            .path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let Ok(slug) = Slug::parse(&stem) else {
            diagnostics.push(
                Diagnostic::error(format!("data file name `{stem}` is not a valid slug"))
                    .in_file(&file.path)
                    .help("name data files like `defector-arrivals.toml`"),
            );
            continue;
        };
        let errors_before = diagnostics.error_count();
        let articles = check_article_refs(&raw.articles, known, file, "data figure", diagnostics);
        for point in &raw.points {
            let value = point.get_ref().value;
            if !value.is_finite() || value < 0.0 {
                diagnostics.push(
                    Diagnostic::error(format!("invalid value `{value}` in a data figure"))
                        .in_file(&file.path)
                        .at(&file.text, point.span())
                        .label("charts draw values of zero or more")
                        .help("write the number as the source gives it, e.g. `value = 229`"),
                );
            } else if value > MAX_VALUE {
                diagnostics.push(
                    Diagnostic::error("value too large for a data figure")
                        .in_file(&file.path)
                        .at(&file.text, point.span())
                        .label("charts draw values up to 9,007,199,254,740,992 (2^53)")
                        .help("give the figure in a larger unit, e.g. `unit = \"million people\"` and `value = 2.9`"),
                );
            }
        }
        if raw.points.is_empty() {
            diagnostics.push(
                Diagnostic::error("data figure has no points")
                    .in_file(&file.path)
                    .help("add `[[points]]` tables with `label` and `value`"),
            );
        }
        if diagnostics.error_count() > errors_before {
            continue;
        }
        let points = raw
            .points
            .into_iter()
            .map(Spanned::into_inner)
            .map(|p| Point {
                label: p.label,
                value: p.value,
                note: p.note,
            })
            .collect();
        datasets.insert(
            slug.clone(),
            Dataset {
                slug,
                title: raw.title,
                description: raw.description,
                source: raw.source,
                articles,
                x_label: raw.x_label,
                y_label: raw.y_label,
                unit: raw.unit,
                points,
                source_path: file.path.clone(),
            },
        );
    }
    datasets
}
