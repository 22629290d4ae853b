//! Checks a generated seed against the generator's intent, with shelf's own structurer.
//!
//! Takes a seed's text and the blocks it was written from; structures the text under default
//! rules (no overrides) and compares the rules that fired, and the number of paragraphs, with
//! what the blocks were written to trigger ([`expected_rules`]); then checks that every
//! override of the article's metadata matches the text. A difference means either the
//! generator wrote a feature the structurer does not see, or its prose set off a rule by
//! accident; both make a benchmark measure something other than intended.

use std::collections::BTreeSet;

use shelf::parse::text::{
    BlockKind, Correction, LineOverride, OverrideKind, StructureRules, structure_text,
};

use super::article::Overrides;
use super::blocks::{Block, expected_rules};

/// The rules that fired, or a description of how they differ from the intent.
///
/// # Errors
///
/// The rules fired but not meant, meant but not fired, and the paragraph counts, when they
/// differ.
pub fn check_seed(text: &str, blocks: &[Block]) -> Result<BTreeSet<&'static str>, String> {
    let (document, _) = structure_text(text, &StructureRules::default());
    let fired: BTreeSet<&'static str> = document.blocks.iter().map(|b| b.rule).collect();
    let expected = expected_rules(blocks);
    let paragraphs = document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .count();
    let written = blocks
        .iter()
        .filter(|b| matches!(b, Block::Paragraph(_)))
        .count();
    if fired == expected && paragraphs == written {
        return Ok(fired);
    }
    Err(format!(
        "fired but not meant: {:?}; meant but not fired: {:?}; {paragraphs} paragraphs \
         found, {written} written",
        fired.difference(&expected).collect::<Vec<_>>(),
        expected.difference(&fired).collect::<Vec<_>>()
    ))
}

/// Whether every override of the article's metadata matches its seed, as `shelf check`
/// requires.
///
/// # Errors
///
/// The overrides that match nothing.
pub fn check_overrides(text: &str, overrides: &Overrides) -> Result<(), String> {
    let rules = StructureRules {
        lines: overrides
            .drop_title
            .iter()
            .map(|prefix| LineOverride {
                prefix: prefix.clone(),
                kind: OverrideKind::Drop,
            })
            .collect(),
        cut_at: overrides.cut_at.clone(),
        show_comments: overrides.hide_comments.then_some(false),
        corrections: overrides
            .correction
            .iter()
            .map(|c| Correction {
                find: c.wrong.to_string(),
                replace: c.right.to_string(),
                note: None,
                is_sic: c.is_sic,
            })
            .collect(),
        site_replies: Vec::new(),
    };
    let (_, unmatched) = structure_text(text, &rules);
    match unmatched.is_empty() {
        true => Ok(()),
        false => Err(format!(
            "overrides that match nothing: {:?}",
            unmatched.iter().map(|u| u.key()).collect::<Vec<_>>()
        )),
    }
}
