//! Parse: raw inputs → structured data that still remembers where it came from.
//!
//! [`meta`] reads editorial TOML (article metadata, topics, page front matter) into `Raw*`
//! structs with spans; [`text`] turns a seed's raw text into a [`text::Document`] of blocks,
//! each with the byte span and lines it came from. Neither knows about templates or output.

pub mod cache;
pub mod meta;
pub mod reference;
pub mod text;
pub mod xml_chars;

use std::collections::BTreeMap;
use std::sync::Arc;

use rayon::prelude::*;
use toml::Spanned;

use crate::error::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, Sources};
use cache::ParseCache;

/// Everything the parsers produced, each item beside the file it came from.
#[derive(Debug, Default)]
pub struct Parsed<'a> {
    /// Article metadata files that parsed (shared with the parse cache).
    pub articles: Vec<(&'a SourceFile, Arc<meta::RawArticle>)>,
    /// `content/topics.toml`, if present and valid.
    pub topics: Option<(&'a SourceFile, BTreeMap<String, Spanned<meta::RawTopic>>)>,
    /// Markdown pages that parsed.
    pub pages: Vec<(&'a SourceFile, meta::ParsedPage)>,
    /// `content/entities.toml`, if present and valid.
    pub entities: Option<(
        &'a SourceFile,
        BTreeMap<String, Spanned<reference::RawEntity>>,
    )>,
    /// `content/timeline.toml`, if present and valid.
    pub timeline: Option<(&'a SourceFile, reference::RawTimeline)>,
    /// Data figures that parsed.
    pub datasets: Vec<(&'a SourceFile, reference::RawDataset)>,
    /// Structured seeds, by name under `seeds/`: only the seeds some metadata names.
    pub documents: BTreeMap<String, Arc<text::Document>>,
}

/// Parses every source; problems go to `diagnostics` and the item is left out.
pub fn parse_sources<'a>(sources: &'a Sources, diagnostics: &mut Diagnostics) -> Parsed<'a> {
    parse_sources_cached(sources, &mut ParseCache::default(), diagnostics)
}

/// As [`parse_sources`], reusing the results in `cache` for files whose content is unchanged
/// and leaving in it only what this build used.
pub fn parse_sources_cached<'a>(
    sources: &'a Sources,
    cache: &mut ParseCache,
    diagnostics: &mut Diagnostics,
) -> Parsed<'a> {
    let mut parsed = Parsed::default();
    let editorial = (sources.articles.iter())
        .chain(&sources.topics)
        .chain(&sources.entities)
        .chain(&sources.timeline)
        .chain(&sources.datasets)
        .chain(&sources.pages);
    diagnostics.extend(editorial.flat_map(xml_chars::check_editorial_text));
    let articles: Vec<_> = sources
        .articles
        .par_iter()
        .map(|f| (f, cache.parse_article(f)))
        .collect();
    for (file, result) in articles {
        match result {
            Ok(raw) => parsed.articles.push((file, raw)),
            Err(found) => diagnostics.extend(found),
        }
    }
    if let Some(file) = &sources.topics {
        match cache.parse_file(file, meta::parse_topics) {
            Ok(topics) => parsed.topics = Some((file, topics)),
            Err(found) => diagnostics.extend(found),
        }
    }
    if let Some(file) = &sources.entities {
        match cache.parse_file(file, reference::parse_entities) {
            Ok(entities) => parsed.entities = Some((file, entities)),
            Err(found) => diagnostics.extend(found),
        }
    }
    if let Some(file) = &sources.timeline {
        match cache.parse_file(file, reference::parse_timeline) {
            Ok(timeline) => parsed.timeline = Some((file, timeline)),
            Err(found) => diagnostics.extend(found),
        }
    }
    for file in &sources.datasets {
        match cache.parse_file(file, reference::parse_dataset) {
            Ok(dataset) => parsed.datasets.push((file, dataset)),
            Err(found) => diagnostics.extend(found),
        }
    }
    for file in &sources.pages {
        match cache.parse_file(file, meta::parse_page) {
            Ok(page) => parsed.pages.push((file, page)),
            Err(found) => diagnostics.extend(found),
        }
    }
    structure_seeds(sources, cache, &mut parsed, diagnostics);
    cache.finish_build();
    parsed
}

/// Structures the seeds the parsed articles name into `parsed.documents`: each seed once,
/// with the overrides of the first article that names it.
fn structure_seeds<'a>(
    sources: &'a Sources,
    cache: &ParseCache,
    parsed: &mut Parsed<'a>,
    diagnostics: &mut Diagnostics,
) {
    let mut wanted: BTreeMap<&str, (&SourceFile, &meta::RawArticle)> = BTreeMap::new();
    for (file, raw) in &parsed.articles {
        wanted
            .entry(raw.seed.get_ref().as_str())
            .or_insert((file, raw));
    }
    let progress = crate::console::progress::counted("structured seeds", wanted.len());
    let documents: Vec<_> = wanted
        .into_par_iter()
        .filter_map(|(name, (file, raw))| {
            let mut found = Vec::new();
            let (seed, warning) = xml_chars::seed_for_xml(sources.seeds.get(name)?);
            found.extend(warning);
            let rules = structure_rules(file, raw, &mut found);
            let result = cache
                .parse_seed_with(&seed, &rules)
                .map(|(document, unmatched)| {
                    found.extend(
                        unmatched
                            .iter()
                            .map(|u| unmatched_override(file, raw, name, u)),
                    );
                    document
                });
            Some((name, result, found))
        })
        .inspect(|_| progress.advance())
        .collect();
    for (name, result, found) in documents {
        diagnostics.extend(found);
        match result {
            Ok(document) => {
                parsed.documents.insert(name.to_string(), document);
            }
            Err(diagnostic) => diagnostics.push(diagnostic),
        }
    }
}

/// The structurer's rules from an article's `[structure]` and `[[corrections]]`.
fn structure_rules(
    file: &SourceFile,
    raw: &meta::RawArticle,
    found: &mut Vec<Diagnostic>,
) -> text::StructureRules {
    let mut rules = text::StructureRules::default();
    if let Some(structure) = &raw.structure {
        rules.cut_at = structure.cut_at.as_ref().map(|c| c.get_ref().clone());
        rules.show_comments = structure.show_comments;
        for line in &structure.lines {
            let kind_name = line.get_ref().kind.get_ref().as_str();
            let Some(kind) = OVERRIDE_KINDS
                .iter()
                .find(|(name, _)| *name == kind_name)
                .map(|(_, k)| *k)
            else {
                let names = OVERRIDE_KINDS
                    .iter()
                    .map(|(n, _)| format!("`{n}`"))
                    .collect::<Vec<_>>()
                    .join(", ");
                found.push(
                    Diagnostic::error(format!(
                        "unknown line kind `{kind_name}` in `[[structure.lines]]`"
                    ))
                    .in_file(&file.path)
                    .at(&file.text, line.get_ref().kind.span())
                    .label("not a kind of line")
                    .help(format!("use one of {names}")),
                );
                continue;
            };
            rules.lines.push(text::LineOverride {
                prefix: line.get_ref().prefix.get_ref().clone(),
                kind,
            });
        }
        for reply in &structure.site_replies {
            let reply = reply.get_ref();
            let name = match &reply.name {
                Some(name) if name.get_ref().trim().is_empty() => {
                    found.push(
                        Diagnostic::error("`name` of a site reply is empty")
                            .in_file(&file.path)
                            .at(&file.text, name.span())
                            .label("no name to show")
                            .help("write the name the reply is shown under (`name = \"The editors\"`), or leave `name` out to show the article's source"),
                    );
                    continue;
                }
                name => name.as_ref().map(|n| n.get_ref().trim().to_string()),
            };
            rules.site_replies.push(text::SiteReply {
                prefix: reply.prefix.get_ref().clone(),
                name,
            });
        }
    }
    for correction in &raw.corrections {
        let value = correction.get_ref();
        match (&value.replace, value.sic) {
            (Some(replace), false) => rules.corrections.push(text::Correction {
                find: value.find.get_ref().clone(),
                replace: replace.clone(),
                note: value.note.clone(),
                is_sic: false,
            }),
            (None, true) => rules.corrections.push(text::Correction {
                find: value.find.get_ref().clone(),
                replace: String::new(),
                note: value.note.clone(),
                is_sic: true,
            }),
            (replace, sic) => found.push(
                Diagnostic::error("a correction needs either `replace` or `sic = true`")
                    .in_file(&file.path)
                    .at(&file.text, correction.span())
                    .label(if sic && replace.is_some() { "both are given" } else { "neither is given" })
                    .help("write `replace = \"the right text\"` to correct it, or `sic = true` to keep it and mark it [sic]"),
            ),
        }
    }
    rules
}

const OVERRIDE_KINDS: [(&str, text::OverrideKind); 6] = [
    ("paragraph", text::OverrideKind::Paragraph),
    ("heading", text::OverrideKind::Heading),
    ("caption", text::OverrideKind::Caption),
    ("quote", text::OverrideKind::Quote),
    ("comment", text::OverrideKind::Comment),
    ("drop", text::OverrideKind::Drop),
];

/// An error naming a site-reply mark whose text is on a line that is not a reader comment.
fn misplaced_site_reply(
    file: &SourceFile,
    key: &str,
    span: Option<std::ops::Range<usize>>,
    seed: &str,
    line: usize,
    kind: text::BlockKind,
    unmatched: &text::UnmatchedOverride,
) -> Diagnostic {
    let diagnostic = Diagnostic::error(format!(
        "`{key}` marks line {line} of seed `{seed}`, which is not a reader comment: `{}`",
        unmatched.text
    ))
    .in_file(&file.path)
    .help(format!(
        "point `prefix` at a line of the site's reply (`shelf inspect` shows comment lines as `comment`), or, if line {line} is one, make it a comment first with `[[structure.lines]]` and `kind = \"comment\"`"
    ));
    let what = format!("line {line} is {}, not a comment", kind_phrase(kind));
    match span {
        Some(span) => diagnostic.at(&file.text, span).label(what),
        None => diagnostic.label(what),
    }
}

/// A block kind with its article, for messages (`a paragraph`, `dropped`).
fn kind_phrase(kind: text::BlockKind) -> String {
    match kind {
        text::BlockKind::Dropped => "dropped".to_string(),
        other => format!("a {}", other.name().replace('_', " ")),
    }
}

/// An error naming the override that matched nothing, at its place in the metadata file.
fn unmatched_override(
    file: &SourceFile,
    raw: &meta::RawArticle,
    seed: &str,
    unmatched: &text::UnmatchedOverride,
) -> Diagnostic {
    let structure = raw.structure.as_ref();
    let (key, span, what) = match (unmatched.field, unmatched.index) {
        (text::OverrideField::Lines, Some(i)) => (
            format!("[[structure.lines]] {}", i + 1),
            structure
                .and_then(|s| s.lines.get(i))
                .map(|l| l.get_ref().prefix.span()),
            "no line starts with this text",
        ),
        (text::OverrideField::Corrections, Some(i)) => (
            format!("[[corrections]] {}", i + 1),
            raw.corrections.get(i).map(|c| c.get_ref().find.span()),
            "the text to find is nowhere in the article's text",
        ),
        (text::OverrideField::SiteReplies, Some(i)) => {
            let key = format!("[[structure.site_replies]] {}", i + 1);
            let span = structure
                .and_then(|s| s.site_replies.get(i))
                .map(|r| r.get_ref().prefix.span());
            if let Some((line, kind)) = unmatched.misplaced {
                return misplaced_site_reply(file, &key, span, seed, line, kind, unmatched);
            }
            (key, span, "no line starts with this text")
        }
        _ => (
            "[structure] cut_at".to_string(),
            structure.and_then(|s| s.cut_at.as_ref()).map(|c| c.span()),
            "no line starts with this marker",
        ),
    };
    let diagnostic = Diagnostic::error(format!("`{key}` matches nothing in seed `{seed}`: `{}`", unmatched.text))
        .in_file(&file.path)
        .help("compare it with the text as `shelf inspect` shows it; white space may differ, letters may not");
    match span {
        Some(span) => diagnostic.at(&file.text, span).label(what),
        None => diagnostic.label(what),
    }
}
