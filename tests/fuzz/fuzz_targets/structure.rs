//! Fuzzes the raw-text structurer (`shelf::parse::text`): `normalize`, `structure_text` and
//! `parse_seed_with`, under override rules derived from the input itself.
//!
//! Input layout: byte 0 picks the entry point and which rules to derive; the rest is the
//! seed's bytes (decoded lossily for `structure_text`, as-is for `parse_seed_with`).
//!
//! Invariants checked (see the docs of `src/parse/text/mod.rs`):
//! - no panic, and `normalize` is a fixed point without CR or a leading BOM;
//! - every block's span is in bounds, on char boundaries, ordered and non-overlapping;
//! - line ranges are 1-based, ordered, within the line count and agree with the span;
//! - nothing is lost: every non-whitespace character lies in some block's span;
//! - block lines (rendered data) never hold a `<` that neither the text nor the rules had.

#![no_main]

use libfuzzer_sys::fuzz_target;
use shelf::load::SeedFile;
use shelf::parse::text::{
    Correction, Document, LineOverride, OverrideKind, StructureRules, normalize, parse_seed_with,
    structure_text,
};

const KINDS: [OverrideKind; 6] = [
    OverrideKind::Caption,
    OverrideKind::Heading,
    OverrideKind::Quote,
    OverrideKind::Comment,
    OverrideKind::Drop,
    OverrideKind::Paragraph,
];

fuzz_target!(|data: &[u8]| {
    let (flags, body) = match data.split_first() {
        Some((&flags, body)) => (flags, body),
        None => (0, data),
    };
    let raw = String::from_utf8_lossy(body);

    let normalized = normalize(&raw);
    assert_eq!(normalize(&normalized), normalized, "normalize is not idempotent");
    assert!(!normalized.contains('\r'), "CR survived normalize");
    assert!(!normalized.starts_with('\u{feff}'), "BOM survived normalize");

    let rules = derive_rules(flags, &raw);
    if flags & 0x80 != 0 {
        let seed = SeedFile::new("seeds/fuzz.txt", body.to_vec());
        if let Ok((document, _)) = parse_seed_with(&seed, &rules) {
            check(&document, &rules);
        }
    } else {
        let (document, unmatched) = structure_text(&raw, &rules);
        assert_eq!(document.text, normalized);
        for u in &unmatched {
            let _ = u.key();
        }
        check(&document, &rules);
    }
});

/// Rules from the input: a line override whose prefix is the start of the first non-blank
/// line, a cut at the start of the last line, a correction of one word into another.
fn derive_rules(flags: u8, raw: &str) -> StructureRules {
    let mut rules = StructureRules::default();
    let lines: Vec<&str> = raw.lines().filter(|l| !l.trim().is_empty()).collect();
    let words: Vec<&str> = raw.split_whitespace().collect();
    if flags & 0x01 != 0
        && let Some(first) = lines.first()
    {
        let take = 1 + (flags as usize >> 4) % 8 * 3;
        let prefix: String = first.chars().take(take).collect();
        rules.lines.push(LineOverride {
            prefix,
            kind: KINDS[(flags as usize >> 1) % KINDS.len()],
        });
    }
    if flags & 0x08 != 0
        && let Some(last) = lines.last()
    {
        rules.cut_at = Some(last.chars().take(12).collect());
    }
    if flags & 0x10 != 0 {
        rules.show_comments = Some(false);
    }
    if flags & 0x20 != 0 && !words.is_empty() {
        let find = words[(flags as usize) % words.len()];
        let replace = words[words.len() - 1 - (flags as usize) % words.len()];
        rules.corrections.push(Correction {
            find: find.to_string(),
            replace: replace.to_string(),
            note: None,
            is_sic: flags & 0x40 != 0,
        });
    }
    rules
}

fn check(document: &Document, rules: &StructureRules) {
    let text = &document.text;
    let line_count = text.split('\n').count();
    let mut previous_end = 0;
    for block in &document.blocks {
        let span = &block.span;
        assert!(span.start >= previous_end, "overlap or disorder: {block:?}");
        assert!(span.start <= span.end && span.end <= text.len(), "span out of bounds: {block:?}");
        assert!(
            text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
            "span not on char boundaries: {block:?}"
        );
        let (first, last) = block.line_range;
        assert!(1 <= first && first <= last && last <= line_count, "bad line range: {block:?}");
        let start_line = text[..span.start].matches('\n').count() + 1;
        let end_line = text[..span.end].matches('\n').count() + 1;
        assert_eq!(block.line_range, (start_line, end_line), "{block:?}");
        previous_end = span.end;
    }

    let mut covered = vec![false; text.len()];
    for block in &document.blocks {
        covered[block.span.clone()].iter_mut().for_each(|c| *c = true);
    }
    for (at, c) in text.char_indices() {
        assert!(c.is_whitespace() || covered[at], "lost {c:?} at byte {at}");
    }

    let rules_have_lt = rules.lines.iter().any(|l| l.prefix.contains('<'))
        || rules.cut_at.as_deref().is_some_and(|c| c.contains('<'))
        || rules
            .corrections
            .iter()
            .any(|c| c.find.contains('<') || c.replace.contains('<'));
    if !text.contains('<') && !rules_have_lt {
        for block in &document.blocks {
            let all = block.lines.iter().chain(block.original_lines.iter().flatten());
            for line in all {
                assert!(!line.contains('<'), "`<` appeared in {block:?}");
            }
        }
    }

    let report = document.line_report();
    assert_eq!(report.len(), line_count);
    let _ = document.word_count();
}
