//! Reads a TOML file against a [`Schema`] and turns every problem into a [`Diagnostic`].
//!
//! Takes a [`SourceFile`] and the keys its `Raw*` struct accepts; returns the deserialized
//! struct or the diagnostics. Syntax errors, unknown keys (with "did you mean") and missing
//! required keys are all reported in one pass, each with its line and column; only then does
//! serde run, so its type errors (one per file) come with the span of the offending value.
//! Used by `config` for `site.toml` and by `parse::meta` for metadata and front matter.

use serde::de::DeserializeOwned;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{Diagnostic, did_you_mean};
use crate::load::SourceFile;

/// The keys one TOML table accepts.
#[derive(Debug)]
pub struct Schema {
    /// What the table is, for messages: `article metadata`, `site.toml`, `[source]`.
    pub name: &'static str,
    /// Every key the table accepts, in the order the docs list them.
    pub keys: &'static [&'static str],
    /// Keys that must be present.
    pub required: &'static [&'static str],
    /// Keys whose value is a table (or array of tables) checked against its own schema.
    pub tables: &'static [(&'static str, &'static Schema)],
    /// Whether any key is allowed (the free-form `[extra]` table).
    pub is_free_form: bool,
    /// For tables keyed by user-chosen names (`topics.toml`): the schema of every value.
    pub values: Option<&'static Schema>,
}

impl Schema {
    /// A schema that accepts any key: for `[extra]`.
    pub const FREE_FORM: Schema = Schema {
        name: "[extra]",
        keys: &[],
        required: &[],
        tables: &[],
        is_free_form: true,
        values: None,
    };
}

/// Parses `text` (which belongs to `file`, perhaps as a slice starting at byte `offset`,
/// as for front matter) against `schema` and deserializes it.
///
/// # Errors
/// Every syntax error, unknown key and missing required key; or, when the document is
/// well-formed, serde's first type error with the span of the value.
pub fn read_toml<T: DeserializeOwned>(
    file: &SourceFile,
    text: &str,
    offset: usize,
    schema: &Schema,
) -> Result<T, Vec<Diagnostic>> {
    let locate = |diagnostic: Diagnostic, span: Option<std::ops::Range<usize>>| match span {
        Some(span) => diagnostic
            .in_file(&file.path)
            .at(&file.text, span.start + offset..span.end + offset),
        None => diagnostic.in_file(&file.path),
    };
    let (document, syntax_errors) = DeTable::parse_recoverable(text);
    if !syntax_errors.is_empty() {
        return Err(syntax_errors
            .iter()
            .map(|e| {
                let span = e.span().unwrap_or(0..0);
                locate(
                    Diagnostic::error(format!("invalid TOML in {}", schema.name)),
                    Some(span),
                )
                .label(e.message().trim_end_matches('\n').to_string())
            })
            .collect());
    }
    let mut problems = Vec::new();
    check_table(text, &document, schema, true, &mut problems);
    if !problems.is_empty() {
        problems.sort_by_key(|(_, span)| span.as_ref().map_or(0, |s| s.start));
        return Err(problems
            .into_iter()
            .map(|(d, span)| locate(d, span))
            .collect());
    }
    deserialize_every_error(text, document, schema, locate)
}

/// At most this many type errors are reported per file; past that the file is likely not
/// the kind of file it is read as, and more would bury the first.
const MAX_TYPE_ERRORS: usize = 50;

/// Deserializes `document` into `T`, reporting every wrongly typed value instead of serde's
/// first (#13): after each error, the entry holding the bad value is taken out and serde
/// runs again. Serde visits entries in order and checks for missing fields only after the
/// last one, so a "missing field" error after a removal means every other value was read
/// and the list is complete. Each retry visits fewer entries, so the loop ends.
fn deserialize_every_error<T: DeserializeOwned>(
    text: &str,
    mut document: Spanned<DeTable<'_>>,
    schema: &Schema,
    locate: impl Fn(Diagnostic, Option<std::ops::Range<usize>>) -> Diagnostic,
) -> Result<T, Vec<Diagnostic>> {
    let mut problems = Vec::new();
    let end = text.len();
    for _ in 0..MAX_TYPE_ERRORS {
        let error = match T::deserialize(toml::de::Deserializer::from(document.clone())) {
            Ok(value) if problems.is_empty() => return Ok(value),
            Ok(_) => break,
            Err(error) => error,
        };
        let is_missing = error.message().starts_with("missing field");
        if is_missing && !problems.is_empty() {
            // A table whose bad value was taken out is now incomplete: take the whole
            // table out too and go on with the rest of the file.
            match error.span() {
                Some(span) if remove_value(document.get_mut(), &span, true) => continue,
                _ => break,
            }
        }
        let span = error.span().unwrap_or(0..end.min(1));
        problems.push(type_error(text, schema, &error, &locate));
        if !remove_value(document.get_mut(), &span, false) {
            break;
        }
    }
    Err(problems)
}

/// The diagnostic for one of serde's type errors, at the offending value.
fn type_error(
    text: &str,
    schema: &Schema,
    error: &toml::de::Error,
    locate: &impl Fn(Diagnostic, Option<std::ops::Range<usize>>) -> Diagnostic,
) -> Diagnostic {
    let span = error.span().unwrap_or(0..text.len().min(1));
    let key = key_before(text, span.start);
    let message = match key {
        Some(key) => format!("invalid value for `{key}` in {}", schema.name),
        None => format!("invalid value in {}", schema.name),
    };
    let mut diagnostic = locate(Diagnostic::error(message), Some(span.clone()))
        .label(friendly_serde_message(error.message()));
    let value = text.get(span).unwrap_or_default();
    if let Some(key) = key.filter(|_| error.message().ends_with("expected a sequence"))
        && (value.starts_with('"') || value.starts_with('\''))
    {
        diagnostic = diagnostic.help(format!("write `{key} = [{value}]`"));
    }
    diagnostic
}

/// Takes out of `table` the deepest entry whose text holds `span` (with `whole`, the entry
/// whose value is exactly `span`: a table found incomplete, named by its header). Returns
/// whether one was taken out.
fn remove_value(table: &mut DeTable<'_>, span: &std::ops::Range<usize>, whole: bool) -> bool {
    let mut found = None;
    for (key, value) in table.iter_mut() {
        if whole && value.span() == *span {
            found = Some(key.get_ref().to_string());
            break;
        }
        let extent = entry_extent(key.span(), value);
        let holds = extent.start <= span.start && span.end <= extent.end;
        if !holds && !whole {
            continue;
        }
        let removed_inside = match value.get_mut() {
            DeValue::Table(inner) => remove_value(inner, span, whole),
            DeValue::Array(items) => items.iter_mut().any(|item| match item.get_mut() {
                DeValue::Table(inner) => remove_value(inner, span, whole),
                _ => false,
            }),
            _ => false,
        };
        if removed_inside {
            return true;
        }
        if holds && !whole {
            found = Some(key.get_ref().to_string());
            break;
        }
    }
    let Some(name) = found else {
        return false;
    };
    // A TOML table cannot hold a key twice, so the name identifies the entry.
    let entries = std::mem::take(table);
    *table = entries
        .into_iter()
        .filter(|(key, _)| key.get_ref().as_ref() != name)
        .collect();
    true
}

/// The bytes an entry covers: its key, its value and, for a table (whose span is only its
/// `[header]`), every entry inside it.
fn entry_extent(
    key: std::ops::Range<usize>,
    value: &Spanned<DeValue<'_>>,
) -> std::ops::Range<usize> {
    let mut extent = key.start.min(value.span().start)..key.end.max(value.span().end);
    let mut widen = |inner: std::ops::Range<usize>| {
        extent.start = extent.start.min(inner.start);
        extent.end = extent.end.max(inner.end);
    };
    match value.get_ref() {
        DeValue::Table(inner) => {
            for (k, v) in inner.iter() {
                widen(entry_extent(k.span(), v));
            }
        }
        DeValue::Array(items) => {
            for item in items.iter() {
                if let DeValue::Table(inner) = item.get_ref() {
                    for (k, v) in inner.iter() {
                        widen(entry_extent(k.span(), v));
                    }
                }
            }
        }
        _ => {}
    }
    extent
}

/// The key of a `key = value` line whose value starts at byte `value_start`, for messages
/// about that value; `None` when the value is not written on its key's line.
fn key_before(text: &str, value_start: usize) -> Option<&str> {
    let before = text.get(..value_start)?;
    let line = &before[before.rfind('\n').map_or(0, |i| i + 1)..];
    let key = line.trim_end().strip_suffix('=')?.trim();
    (!key.is_empty() && !key.contains(['[', '{', ',', '"', '\''])).then_some(key)
}

fn check_table(
    text: &str,
    table: &Spanned<DeTable<'_>>,
    schema: &Schema,
    is_root: bool,
    problems: &mut Vec<(Diagnostic, Option<std::ops::Range<usize>>)>,
) {
    if schema.is_free_form {
        return;
    }
    for (key, value) in table.get_ref().iter() {
        let name: &str = key.get_ref();
        if let Some(nested) = schema.values {
            check_nested(text, value, nested, problems);
            continue;
        }
        if let Some((_, nested)) = schema.tables.iter().find(|(k, _)| *k == name) {
            match value.get_ref() {
                DeValue::Table(_) => check_nested(text, value, nested, problems),
                DeValue::Array(items) => {
                    for item in items.iter() {
                        check_nested(text, item, nested, problems);
                    }
                }
                _ => {}
            }
            continue;
        }
        if schema.keys.contains(&name) {
            continue;
        }
        let help = match did_you_mean(name, schema.keys.iter().copied()) {
            Some(close) => format!("did you mean `{close}`? known keys: {}", list_keys(schema)),
            None => format!("known keys: {}", list_keys(schema)),
        };
        problems.push((
            Diagnostic::error(format!("unknown key `{name}` in {}", schema.name)).help(help),
            Some(key.span()),
        ));
    }
    for required in schema.required {
        if !table.get_ref().iter().any(|(k, _)| k.get_ref() == required) {
            let diagnostic = Diagnostic::error(format!(
                "missing required key `{required}` in {}",
                schema.name
            ));
            // A key left commented out (`# published = …`, as `shelf new` writes a value it
            // could not know) is pointed at: that is the line to fill. Any other missing
            // top-level key belongs to no line, so only the file is named; a nested table's
            // header is pointed at.
            let commented = is_root
                .then(|| commented_key_line(text, required))
                .flatten();
            let problem = match commented {
                Some(line) => (
                    diagnostic.label("this line is commented out").help(format!(
                        "fill in `{required}` here and remove the leading `#`"
                    )),
                    Some(line),
                ),
                None => {
                    let start = table.span().start;
                    (
                        diagnostic.help(format!(
                            "add `{required} = …`; required keys: {}",
                            list_required(schema)
                        )),
                        (!is_root).then_some(start..start),
                    )
                }
            };
            problems.push(problem);
        }
    }
}

/// The byte range of the first line that reads `# KEY = …` (a key left commented out).
fn commented_key_line(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let uncommented = body.trim_start().strip_prefix('#').map(str::trim_start);
        let is_key_line = uncommented
            .and_then(|rest| rest.strip_prefix(key))
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if is_key_line {
            let indent = body.len() - body.trim_start().len();
            return Some(start + indent..start + body.len());
        }
        start += line.len();
    }
    None
}

fn check_nested(
    text: &str,
    value: &Spanned<DeValue<'_>>,
    schema: &Schema,
    problems: &mut Vec<(Diagnostic, Option<std::ops::Range<usize>>)>,
) {
    if let DeValue::Table(table) = value.get_ref() {
        // The nested table is re-wrapped so its span is the value's, which points at the
        // table header or the inline table in messages about missing keys.
        let spanned = Spanned::new(value.span(), table.clone());
        check_table(text, &spanned, schema, false, problems);
    }
}

fn list_keys(schema: &Schema) -> String {
    let all = schema
        .keys
        .iter()
        .chain(schema.tables.iter().map(|(k, _)| k));
    all.map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ")
}

fn list_required(schema: &Schema) -> String {
    schema
        .required
        .iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Rewrites serde's wording into the project's vocabulary: `invalid type: string "x",
/// expected a sequence` becomes `expected a list, found a string` (the value is underlined).
fn friendly_serde_message(message: &str) -> String {
    let message = message.trim_end_matches('\n');
    let Some((found, expected)) = message
        .strip_prefix("invalid type: ")
        .and_then(|rest| rest.split_once(", expected "))
    else {
        return message.to_string();
    };
    let found = match found.split_once(' ').map_or(found, |(kind, _)| kind) {
        "string" => "a string",
        "integer" => "a number",
        "floating" => "a decimal number",
        "boolean" => "`true` or `false`",
        "sequence" => "a list",
        "map" => "a table",
        "date" | "datetime" => "a date",
        _ => found,
    };
    let expected = match expected {
        "a sequence" => "a list",
        "a map" => "a table",
        "a boolean" => "`true` or `false`",
        "u32" | "u64" | "usize" => "a whole number, 0 or more",
        "i32" | "i64" => "a whole number",
        other if other.starts_with("struct ") => "a table",
        other => other,
    };
    format!("expected {expected}, found {found}")
}

/// The field names serde accepts for `T`, a `deny_unknown_fields` struct: read from the
/// error serde gives for a key no struct has, which lists every field.
#[cfg(test)]
fn struct_fields<T: DeserializeOwned>() -> Vec<String> {
    let Err(error) = toml::from_str::<T>("__no_such_key__ = 0") else {
        panic!("a struct that denies unknown fields refuses `__no_such_key__`");
    };
    let message = error.message().trim_end().to_string();
    let expected = message
        .split_once(", expected ")
        .map(|(_, rest)| rest.to_string())
        .unwrap_or_else(|| panic!("serde lists the expected fields: {message}"));
    if expected == "there are no fields" {
        return Vec::new();
    }
    // serde writes `a`, `a` or `b`, or one of `a`, `b`, `c`.
    expected
        .trim_start_matches("one of ")
        .split(", ")
        .flat_map(|part| part.split(" or "))
        .map(|field| field.trim_matches('`').to_string())
        .collect()
}

/// Test support: asserts that `schema` lists exactly the keys the struct `T` accepts (keys
/// and nested tables together), that its required keys are among them, and that a near
/// miss of each key (`<key>x`) is reported as an unknown key. Called by each module that
/// declares a schema, once per schema and struct, so the two cannot drift apart.
#[cfg(test)]
pub(crate) fn assert_schema_matches<T: DeserializeOwned>(schema: &Schema) {
    let mut documented: Vec<&str> = schema
        .keys
        .iter()
        .copied()
        .chain(schema.tables.iter().map(|(key, _)| *key))
        .collect();
    documented.sort_unstable();
    let mut accepted = struct_fields::<T>();
    accepted.sort_unstable();
    assert_eq!(
        documented, accepted,
        "the keys of {} differ from its struct's fields",
        schema.name
    );
    for required in schema.required {
        assert!(
            documented.contains(required),
            "{}: required key `{required}` is not a key",
            schema.name
        );
    }
    for key in &documented {
        let file = SourceFile::new("near-miss.toml", format!("{key}x = 0\n"));
        let errors = read_toml::<toml::Table>(&file, &file.text, 0, schema)
            .expect_err("a near miss is refused");
        let unknown = format!("unknown key `{key}x` in {}", schema.name);
        assert!(
            errors.iter().any(|e| e.message == unknown),
            "{unknown}: {errors:?}"
        );
    }
}

#[cfg(test)]
mod tests;
