//! Unit tests of reading TOML against a schema: every problem in one pass, with spans.

use super::*;
use serde::Deserialize;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Raw {
    title: String,
    topics: Vec<String>,
    #[serde(default)]
    source: Option<RawSource>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct RawSource {
    name: String,
}

const SOURCE: Schema = Schema {
    name: "`[source]`",
    keys: &["name"],
    required: &["name"],
    tables: &[],
    is_free_form: false,
    values: None,
};
const RAW: Schema = Schema {
    name: "test metadata",
    keys: &["title", "topics"],
    required: &["title", "topics"],
    tables: &[("source", &SOURCE)],
    is_free_form: false,
    values: None,
};

fn file(text: &str) -> SourceFile {
    SourceFile::new("t.toml", text)
}

fn read(text: &str) -> Result<Raw, Vec<Diagnostic>> {
    let f = file(text);
    read_toml(&f, &f.text, 0, &RAW)
}

#[test]
fn a_schema_that_drifts_from_its_struct_fails_the_check() {
    assert_schema_matches::<RawSource>(&SOURCE);
    assert_eq!(struct_fields::<Raw>(), ["title", "topics", "source"]);
    let missing_a_field =
        std::panic::catch_unwind(|| assert_schema_matches::<Raw>(&Schema { tables: &[], ..RAW }));
    assert!(missing_a_field.is_err());
}

#[test]
fn reports_every_unknown_and_missing_key_at_once() {
    let errors = read("titel = \"a\"\ncolor = 1\n[source]\nnmae = \"x\"\n").unwrap_err();
    let mut messages: Vec<_> = errors.iter().map(|d| d.message.as_str()).collect();
    messages.sort();
    assert_eq!(
        messages,
        [
            "missing required key `name` in `[source]`",
            "missing required key `title` in test metadata",
            "missing required key `topics` in test metadata",
            "unknown key `color` in test metadata",
            "unknown key `nmae` in `[source]`",
            "unknown key `titel` in test metadata",
        ]
    );
    let titel = errors.iter().find(|d| d.message.contains("titel")).unwrap();
    assert!(
        titel
            .help
            .as_deref()
            .unwrap()
            .starts_with("did you mean `title`?")
    );
    let nmae = errors.iter().find(|d| d.message.contains("nmae")).unwrap();
    assert_eq!(nmae.location.as_ref().unwrap().line, 4);
}

#[test]
fn reports_type_error_at_the_value() {
    let errors = read("title = \"a\"\ntopics = \"attention\"\n").unwrap_err();
    let location = errors[0].location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (2, 10));
    assert_eq!(
        errors[0].label.as_deref(),
        Some("expected a list, found a string")
    );
}

#[test]
fn names_the_key_and_suggests_a_list_for_a_string() {
    let errors = read("title = \"a\"\ntopics = \"attention\"\n").unwrap_err();
    assert_eq!(
        errors[0].message,
        "invalid value for `topics` in test metadata"
    );
    assert_eq!(
        errors[0].help.as_deref(),
        Some("write `topics = [\"attention\"]`")
    );
}

#[test]
fn missing_top_level_key_names_the_file_without_a_line() {
    let errors = read("title = \"a\"\n").unwrap_err();
    assert_eq!(
        errors[0].message,
        "missing required key `topics` in test metadata"
    );
    assert!(errors[0].location.is_none());
    let nested = read("title = \"a\"\ntopics = []\n[source]\n").unwrap_err();
    assert_eq!(nested[0].location.as_ref().unwrap().line, 3);
}

#[test]
fn missing_key_points_at_its_commented_line() {
    let errors = read("title = \"a\"\n# a note\n  # topics = [\"x\"]\n").unwrap_err();
    assert_eq!(
        errors[0].message,
        "missing required key `topics` in test metadata"
    );
    let location = errors[0].location.as_ref().unwrap();
    assert_eq!((location.line, location.column), (3, 3));
    assert_eq!(
        errors[0].help.as_deref(),
        Some("fill in `topics` here and remove the leading `#`")
    );
    // A comment that only mentions the key is not the line to fill.
    let errors = read("title = \"a\"\n# topics are listed below\n").unwrap_err();
    assert!(errors[0].location.is_none());
}

#[test]
fn reports_syntax_errors_with_position() {
    let errors = read("title = \"a\ntopics = []\n").unwrap_err();
    assert_eq!(errors[0].message, "invalid TOML in test metadata");
    assert_eq!(errors[0].location.as_ref().unwrap().line, 1);
}
