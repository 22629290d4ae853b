//! Inspect: how the structurer read one article's seed, line by line (`shelf inspect`).
//!
//! Takes the project and an article's slug; runs `config`, `load` and `parse` only, and
//! returns an [`Inspection`]: every line of the seed with the kind and rule of the blocks
//! holding it, and the structurer's per-line classification (kind, rule, score, deciding
//! features, span) with the lines it was unsure of. [`format_inspection`] lays it out for the
//! terminal and [`inspection_json`] for tools (`shelf inspect --format json`).
//! [`uncertain_line_warnings`] turns the unsure lines of every article into `shelf check`
//! warnings, each with the override that would settle it.

use std::collections::BTreeMap;
use std::path::Path;

use crate::build::{BuildOptions, load_config};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::load::{Sources, load_sources};
use crate::parse;
use crate::parse::text::BlockKind;

/// How the structurer read one article's seed, line by line, for `shelf inspect`.
#[derive(Debug)]
pub struct Inspection {
    /// The seed's path.
    pub seed_path: std::path::PathBuf,
    /// The metadata file whose `[structure]` rules applied.
    pub meta_path: std::path::PathBuf,
    /// Every line with the kind and rule of the blocks holding it.
    pub lines: Vec<crate::parse::text::LineReport>,
    /// Every non-blank line's kind, rule, score, deciding features and span.
    pub classifications: Vec<crate::parse::text::LineClassification>,
    /// The lines whose score lay near the boundary that decided them.
    pub uncertain: Vec<crate::parse::text::UncertainLine>,
    /// The normalized text the spans refer to.
    pub text: String,
}

/// Structures one article's seed with its editorial overrides and reports every line.
///
/// # Errors
/// [`Error::Usage`] for an unknown slug (with a suggestion); [`Error::Content`] when its
/// metadata or seed cannot be read or an override matches nothing.
pub fn inspect(options: &BuildOptions, slug: &str) -> Result<Inspection> {
    let root = &options.root;
    let config = load_config(root, &options.overrides)?;
    let mut diagnostics = Diagnostics::default();
    let mut sources = load_sources(root, &config.theme, &mut diagnostics)?;
    let meta_path = Path::new(crate::load::CONTENT_DIR)
        .join("articles")
        .join(format!("{slug}.toml"));
    // Only this article's metadata is parsed (with everything else, whose errors still
    // stop the report): its seed is structured with its overrides alone.
    let is_other = |f: &crate::load::SourceFile| f.path != meta_path;
    if sources.articles.iter().all(is_other) {
        return Err(unknown_slug(&sources, slug, &meta_path));
    }
    sources.articles.retain(|f| !is_other(f));
    let mut parsed = parse::parse_sources(&sources, &mut diagnostics);
    diagnostics.check()?;
    let Some((_, raw)) = parsed.articles.first() else {
        return Err(Error::Content(diagnostics.into_vec()));
    };
    let seed_name = raw.seed.get_ref().clone();
    let Some(document) = parsed.documents.remove(&seed_name) else {
        return Err(Error::Content(vec![
            Diagnostic::error(format!("seed `{seed_name}` not found in seeds/"))
                .in_file(&meta_path),
        ]));
    };
    Ok(Inspection {
        seed_path: Path::new(crate::load::SEEDS_DIR).join(&seed_name),
        meta_path,
        lines: document.line_report(),
        classifications: document.classify_lines(),
        uncertain: document.uncertain_lines(),
        text: document.text.clone(),
    })
}

/// The report `shelf inspect` prints: a header, one row per line (number, kind, rule, the
/// start of the text), and a count of lines per kind.
pub fn format_inspection(inspection: &Inspection) -> String {
    let mut out = format!(
        "{} structured with the rules in {}\n\n",
        crate::load::slash_path(&inspection.seed_path),
        crate::load::slash_path(&inspection.meta_path)
    );
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for line in &inspection.lines {
        let preview: String = line.text.chars().take(60).collect();
        let ellipsis = if line.text.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        if line.blocks.is_empty() {
            out.push_str(&format!("{:>5}  blank\n", line.number));
            continue;
        }
        for (i, (kind, rule)) in line.blocks.iter().enumerate() {
            let kind = kind.name();
            *counts.entry(kind).or_default() += 1;
            let text = if i == 0 {
                format!("{preview}{ellipsis}")
            } else {
                "  (same line)".to_string()
            };
            out.push_str(&format!(
                "{:>5}  {:<13} {:<20} {}\n",
                line.number, kind, rule, text
            ));
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    out.push_str(&format!(
        "\n{} lines: {}\n",
        inspection.lines.len(),
        summary.join(", ")
    ));
    out
}

/// The inspection as JSON for tools: the seed and metadata paths, then every non-blank line
/// with its number, text, kind, rule, score, deciding features and byte span (into the
/// normalized text), then the unsure lines with the override that would settle each.
pub fn inspection_json(inspection: &Inspection) -> String {
    let lines: Vec<serde_json::Value> = inspection
        .classifications
        .iter()
        .map(|line| {
            let mut value = serde_json::to_value(line).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                let text = inspection.text.get(line.span.clone()).unwrap_or_default();
                object.insert("text".into(), text.into());
            }
            value
        })
        .collect();
    let uncertain: Vec<serde_json::Value> = inspection
        .uncertain
        .iter()
        .map(|line| {
            let mut value = serde_json::to_value(line).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.insert("override".into(), line.suggestion_toml().into());
            }
            value
        })
        .collect();
    let report = serde_json::json!({
        "seed": crate::load::slash_path(&inspection.seed_path),
        "metadata": crate::load::slash_path(&inspection.meta_path),
        "lines": lines,
        "uncertain": uncertain,
    });
    let mut out = serde_json::to_string_pretty(&report).unwrap_or_default();
    out.push('\n');
    out
}

/// At most this many unsure lines are named per article in `shelf check`; the rest are
/// counted, and `shelf inspect` lists them all.
const UNCERTAIN_PER_ARTICLE: usize = 3;

/// `shelf check` warnings for the lines the structurer was unsure of in every article's seed,
/// each at the seed's line with the `[[structure.lines]]` override that would make the other
/// choice (writing the decided kind instead confirms it and silences the warning).
///
/// # Errors
/// [`Error::Content`] when the sources cannot be parsed (the check already reported why).
pub fn uncertain_line_warnings(options: &BuildOptions) -> Result<Vec<Diagnostic>> {
    let root = &options.root;
    let config = load_config(root, &options.overrides)?;
    let mut diagnostics = Diagnostics::default();
    let sources = load_sources(root, &config.theme, &mut diagnostics)?;
    let parsed = parse::parse_sources(&sources, &mut diagnostics);
    let mut warnings = Vec::new();
    for (file, raw) in &parsed.articles {
        if raw.draft && !options.overrides.include_drafts {
            continue;
        }
        let seed_name = raw.seed.get_ref();
        let (Some(document), Some(seed)) = (
            parsed.documents.get(seed_name),
            sources.seeds.get(seed_name),
        ) else {
            continue;
        };
        let uncertain = document.uncertain_lines();
        for line in uncertain.iter().take(UNCERTAIN_PER_ARTICLE) {
            let kind = line.kind.name();
            warnings.push(
                Diagnostic::warning(format!(
                    "the structurer was unsure of this line (made it {kind} by `{}`, score {}); settle it in {}",
                    line.rule,
                    line.score,
                    crate::load::slash_path(&file.path)
                ))
                .in_file(&seed.path)
                .at(&document.text, line.span.clone())
                .help(format!(
                    "add to {}:\n{}{}",
                    crate::load::slash_path(&file.path),
                    line.suggestion_toml(),
                    confirming_kind(line.kind)
                        .map(|k| format!("\n(or `kind = \"{k}\"` to keep it as it is)"))
                        .unwrap_or_default()
                )),
            );
        }
        if uncertain.len() > UNCERTAIN_PER_ARTICLE {
            let slug = file.path.file_stem().unwrap_or_default().to_string_lossy();
            warnings.push(
                Diagnostic::warning(format!(
                    "{} more unsure lines in this seed",
                    uncertain.len() - UNCERTAIN_PER_ARTICLE
                ))
                .in_file(&seed.path)
                .help(format!(
                    "`shelf inspect {slug}` lists them all, each with its override"
                )),
            );
        }
    }
    Ok(warnings)
}

/// The override kind that keeps a line as the structurer made it, when one exists.
fn confirming_kind(kind: BlockKind) -> Option<&'static str> {
    match kind {
        BlockKind::Paragraph => Some("paragraph"),
        BlockKind::Heading => Some("heading"),
        BlockKind::Caption => Some("caption"),
        BlockKind::Quote => Some("quote"),
        BlockKind::Comment => Some("comment"),
        BlockKind::Dropped => Some("drop"),
        _ => None,
    }
}

/// The error for a slug no metadata file has, with the closest one.
fn unknown_slug(sources: &Sources, slug: &str, meta_path: &Path) -> Error {
    let slugs: Vec<String> = sources
        .articles
        .iter()
        .filter_map(|f| f.path.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    let hint = match crate::error::did_you_mean(slug, slugs.iter().map(String::as_str)) {
        Some(close) => format!("; did you mean `{close}`?"),
        None => String::new(),
    };
    Error::Usage(format!(
        "no article `{slug}` (looked for `{}`){hint}",
        meta_path.display()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kind_names_are_the_names_templates_see() {
        let kinds = [
            BlockKind::Paragraph,
            BlockKind::Heading,
            BlockKind::Caption,
            BlockKind::Dateline,
            BlockKind::Byline,
            BlockKind::Quote,
            BlockKind::List,
            BlockKind::SectionBreak,
            BlockKind::Comment,
            BlockKind::Series,
            BlockKind::Dropped,
        ];
        for kind in kinds {
            let serialized = serde_json::to_value(kind).unwrap();
            assert_eq!(serialized.as_str(), Some(kind.name()));
        }
    }
}
