//! Series: an article's `[series]` table → its validated place in a [`Series`].
//!
//! Takes the parsed table with its span; returns the series with `total` filled in from
//! `parts` when only they are given, or an error at the table when the numbers disagree.

use toml::Spanned;

use crate::error::{Diagnostic, Diagnostics};
use crate::load::SourceFile;
use crate::parse::meta::{RawSeries, RawSeriesPart};

/// An article's place in a series.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// The series' name.
    pub title: String,
    /// This article's part, from 1.
    pub part: u32,
    /// Number of parts, when known.
    pub total: Option<u32>,
    /// Every part, in order.
    pub parts: Vec<SeriesPart>,
}

/// One part of a series as the metadata lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeriesPart {
    /// The part's title.
    pub title: String,
    /// The original part's address, when known.
    pub url: Option<String>,
}

/// `[series]`: parts count from 1, at most `total`, and `parts` lists them all.
pub(super) fn validate_series(
    spanned: Spanned<RawSeries>,
    file: &SourceFile,
    diagnostics: &mut Diagnostics,
) -> Option<Series> {
    let span = spanned.span();
    let RawSeries {
        title,
        part,
        total,
        parts,
    } = spanned.into_inner();
    let total = total.or((!parts.is_empty()).then_some(parts.len() as u32));
    let problem = if part == 0 {
        Some("parts are numbered from 1".to_string())
    } else if total.is_some_and(|t| part > t) {
        Some(format!(
            "part {part} of a {}-part series",
            total.unwrap_or_default()
        ))
    } else if total.is_some_and(|t| !parts.is_empty() && parts.len() as u32 != t) {
        Some(format!(
            "`total` is {} but `parts` lists {} titles",
            total.unwrap_or_default(),
            parts.len()
        ))
    } else {
        None
    };
    if let Some(why) = problem {
        diagnostics.push(
            Diagnostic::error("invalid `[series]`")
                .in_file(&file.path)
                .at(&file.text, span)
                .label(why)
                .help(
                    "`part` counts from 1 and is at most `total`; `parts` lists every part's title",
                ),
        );
        return None;
    }
    Some(Series {
        title,
        part,
        total,
        parts: parts
            .into_iter()
            .map(|part| match part {
                RawSeriesPart::Title(title) => SeriesPart { title, url: None },
                RawSeriesPart::Linked { title, url } => SeriesPart {
                    title,
                    url: url.and_then(|url| {
                        let what = "series part `url`";
                        let rest = span.start..file.text.len();
                        crate::config::url::check_link_in(&url, what, file, rest, diagnostics)
                    }),
                },
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn series(part: u32, total: Option<u32>, parts: &[&str]) -> (Option<Series>, Vec<Diagnostic>) {
        let file = SourceFile::new("content/articles/a.toml", "[series]\n");
        let raw = RawSeries {
            title: "S".into(),
            part,
            total,
            parts: parts
                .iter()
                .map(|t| RawSeriesPart::Title(t.to_string()))
                .collect(),
        };
        let mut diagnostics = Diagnostics::default();
        let found = validate_series(Spanned::new(0..8, raw), &file, &mut diagnostics);
        (found, diagnostics.into_vec())
    }

    #[test]
    fn the_total_follows_from_the_parts_listed() {
        let (found, diagnostics) = series(2, None, &["One", "Two", "Three"]);
        assert!(diagnostics.is_empty());
        let found = found.expect("valid");
        assert_eq!(found.total, Some(3));
        assert_eq!(found.parts[1].title, "Two");
    }

    #[test]
    fn numbers_that_disagree_are_an_error() {
        for (part, total, parts) in [
            (0, None, &[][..]),
            (3, Some(2), &[][..]),
            (1, Some(2), &["A", "B", "C"][..]),
        ] {
            let (found, diagnostics) = series(part, total, parts);
            assert!(found.is_none(), "{part} {total:?}");
            assert_eq!(diagnostics[0].message, "invalid `[series]`");
        }
    }
}
