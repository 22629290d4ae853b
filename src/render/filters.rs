//! Template filters for the formats templates write besides HTML: `bibtex` (escapes
//! BibTeX's special characters), `ris` (one line, no tag breaks) and `json` (JSON safe
//! inside `<script>`).
//!
//! Takes a tera instance and registers the filters on it; each filter is a pure function of
//! its input, tested here.

use serde::Serialize;
use tera::{Kwargs, State, Tera, Value};

/// Registers the `bibtex`, `ris` and `json` filters.
pub fn register_filters(tera: &mut Tera) {
    tera.register_filter("bibtex", |text: &str, _: Kwargs, _: &State| {
        escape_bibtex(text)
    });
    tera.register_filter("ris", |text: &str, _: Kwargs, _: &State| one_line(text));
    tera.register_filter("json", |value: Value, _: Kwargs, _: &State| {
        Value::safe_string(&script_safe_json(&value))
    });
}

/// Escapes `{}`, `\`, `%`, `&`, `$`, `#`, `_`, `~` and `^` for a BibTeX field in braces.
pub fn escape_bibtex(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in one_line(text).chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' | '}' | '%' | '&' | '$' | '#' | '_' => {
                out.push('\\');
                out.push(c);
            }
            '~' => out.push_str("\\textasciitilde{}"),
            '^' => out.push_str("\\textasciicircum{}"),
            c => out.push(c),
        }
    }
    out
}

/// Collapses line breaks and runs of white space, so a value cannot start a new RIS tag.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// JSON that cannot close a `<script>` element or open a comment in it.
pub fn script_safe_json(value: &impl Serialize) -> String {
    serde_json::to_string(value)
        .unwrap_or_else(|_| "null".to_string())
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value as Json, json};

    #[test]
    fn bibtex_escapes_special_characters_and_line_breaks() {
        assert_eq!(
            escape_bibtex("50% of {R&D}_x\nnext"),
            "50\\% of \\{R\\&D\\}\\_x next"
        );
    }

    #[test]
    fn json_cannot_close_a_script_element() {
        let text = script_safe_json(&json!({ "t": "</script><!-- & x" }));
        assert!(!text.contains("</") && !text.contains("<!--"), "{text}");
        assert_eq!(
            serde_json::from_str::<Json>(&text).unwrap()["t"],
            "</script><!-- & x"
        );
    }
}
