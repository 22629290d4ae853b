//! Reference data TOML → raw structs: entities, the timeline and data figures.
//!
//! Takes `content/entities.toml`, `content/timeline.toml` and `content/data/<name>.toml`;
//! returns them as written, with spans for the model's messages, or every problem found.

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::error::Diagnostic;
use crate::load::SourceFile;
use crate::schema::{Schema, read_toml};

/// One entity of `content/entities.toml`: a person, place, organisation or term.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEntity {
    /// Display name, also matched in article texts.
    pub name: String,
    /// `person`, `place`, `organisation` or `term`.
    pub kind: Spanned<String>,
    /// Other spellings matched in article texts.
    #[serde(default)]
    pub aliases: Vec<Spanned<String>>,
    /// One or two sentences of Markdown.
    #[serde(default)]
    pub description: Option<String>,
}

const ENTITY_SCHEMA: Schema = Schema {
    name: "an entity of content/entities.toml",
    keys: &["name", "kind", "aliases", "description"],
    required: &["name", "kind"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const ENTITIES_SCHEMA: Schema = Schema {
    name: "content/entities.toml",
    keys: &[],
    required: &[],
    tables: &[],
    is_free_form: false,
    values: Some(&ENTITY_SCHEMA),
};

/// `content/timeline.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTimeline {
    /// The events, in any order.
    #[serde(default)]
    pub events: Vec<Spanned<RawEvent>>,
}

/// One `[[events]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// `"YYYY"`, `"YYYY-MM"` or `"YYYY-MM-DD"`.
    pub date: Spanned<toml::Value>,
    /// The end of a range, same formats.
    #[serde(default)]
    pub end: Option<Spanned<toml::Value>>,
    /// Short plain-text title.
    pub title: String,
    /// Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// Slugs of the articles that state the fact.
    pub articles: Vec<Spanned<String>>,
}

const EVENT_SCHEMA: Schema = Schema {
    name: "`[[events]]` of content/timeline.toml",
    keys: &["date", "end", "title", "description", "articles"],
    required: &["date", "title", "articles"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const TIMELINE_SCHEMA: Schema = Schema {
    name: "content/timeline.toml",
    keys: &[],
    required: &[],
    tables: &[("events", &EVENT_SCHEMA)],
    is_free_form: false,
    values: None,
};

/// A data figure, `content/data/<slug>.toml`: one numeric series.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDataset {
    /// The chart's title.
    pub title: String,
    /// What the numbers are, Markdown.
    #[serde(default)]
    pub description: Option<String>,
    /// Where the numbers come from.
    pub source: String,
    /// Articles that quote the numbers.
    #[serde(default)]
    pub articles: Vec<Spanned<String>>,
    /// Label of the horizontal axis.
    pub x_label: String,
    /// Label of the vertical axis.
    pub y_label: String,
    /// Unit of the values, for screen readers (`people`).
    #[serde(default)]
    pub unit: Option<String>,
    /// The values, in order.
    pub points: Vec<Spanned<RawPoint>>,
}

/// One `[[points]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawPoint {
    /// Category label (a year).
    pub label: String,
    /// The value, zero or more.
    pub value: f64,
    /// A remark shown in the table.
    #[serde(default)]
    pub note: Option<String>,
}

const POINT_SCHEMA: Schema = Schema {
    name: "`[[points]]` of a data figure",
    keys: &["label", "value", "note"],
    required: &["label", "value"],
    tables: &[],
    is_free_form: false,
    values: None,
};

const DATASET_SCHEMA: Schema = Schema {
    name: "a data figure",
    keys: &[
        "title",
        "description",
        "source",
        "articles",
        "x_label",
        "y_label",
        "unit",
    ],
    required: &["title", "source", "x_label", "y_label", "points"],
    tables: &[("points", &POINT_SCHEMA)],
    is_free_form: false,
    values: None,
};

/// Parses `content/entities.toml`.
///
/// # Errors
/// Every syntax error and unknown or missing key, or the first wrongly typed value.
pub fn parse_entities(
    file: &SourceFile,
) -> Result<BTreeMap<String, Spanned<RawEntity>>, Vec<Diagnostic>> {
    read_toml(file, &file.text, 0, &ENTITIES_SCHEMA)
}

/// Parses `content/timeline.toml`.
///
/// # Errors
/// As [`parse_entities`].
pub fn parse_timeline(file: &SourceFile) -> Result<RawTimeline, Vec<Diagnostic>> {
    read_toml(file, &file.text, 0, &TIMELINE_SCHEMA)
}

/// Parses one data figure.
///
/// # Errors
/// As [`parse_entities`].
pub fn parse_dataset(file: &SourceFile) -> Result<RawDataset, Vec<Diagnostic>> {
    read_toml(file, &file.text, 0, &DATASET_SCHEMA)
}

#[cfg(test)]
mod tests {
    use crate::schema::assert_schema_matches;

    #[test]
    fn every_schema_lists_exactly_its_structs_keys() {
        assert_schema_matches::<RawEntity>(&ENTITY_SCHEMA);
        assert_schema_matches::<RawTimeline>(&TIMELINE_SCHEMA);
        assert_schema_matches::<RawEvent>(&EVENT_SCHEMA);
        assert_schema_matches::<RawDataset>(&DATASET_SCHEMA);
        assert_schema_matches::<RawPoint>(&POINT_SCHEMA);
    }

    use super::*;

    fn file(text: &str) -> SourceFile {
        SourceFile::new("content/x.toml", text)
    }

    #[test]
    fn parses_entities_and_reports_unknown_keys_in_each() {
        let ok = parse_entities(&file(
            "[hoeryong]\nname = \"Hoeryong\"\nkind = \"place\"\naliases = [\"Hoiryeong\"]\n",
        ))
        .unwrap();
        assert_eq!(ok["hoeryong"].get_ref().aliases[0].get_ref(), "Hoiryeong");
        let errors =
            parse_entities(&file("[a]\nname = \"A\"\nkind = \"term\"\nalias = []\n")).unwrap_err();
        assert_eq!(
            errors[0].message,
            "unknown key `alias` in an entity of content/entities.toml"
        );
    }

    #[test]
    fn parses_timeline_events_with_ranges() {
        let text =
            "[[events]]\ndate = \"1959\"\nend = \"1984\"\ntitle = \"t\"\narticles = [\"a\"]\n";
        let timeline = parse_timeline(&file(text)).unwrap();
        assert!(timeline.events[0].get_ref().end.is_some());
    }

    #[test]
    fn a_dataset_needs_points() {
        let errors = parse_dataset(&file(
            "title = \"t\"\nsource = \"s\"\nx_label = \"x\"\ny_label = \"y\"\n",
        ))
        .unwrap_err();
        assert_eq!(
            errors[0].message,
            "missing required key `points` in a data figure"
        );
    }
}
