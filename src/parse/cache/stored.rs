//! A structured seed as the build cache stores it: [`StoredSeed`] mirrors the structurer's
//! [`Document`] (and the overrides that matched nothing) field by field in plain data that
//! serde can write and read back, so the structurer's own types carry no storage format.
//!
//! Rule names are `&'static str` in a [`Document`]; read back, each distinct name is
//! interned once ([`intern`]), so reading a cache many times does not grow memory.
//!
//! The shape is not versioned here: every store that holds it is sealed with the identity
//! of the binary that wrote it (`build/parse_store.rs`, `cache.rs`), so a binary whose
//! shape differs never reads an older one's entries (#17 added the site-reply mark to
//! comments and the misplaced line to unmatched overrides).

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::parse::text::{
    AppliedCorrection, Block, BlockKind, CommentInfo, Document, Features, LinePart, OverrideField,
    SiteReplyMark, UnmatchedOverride,
};

/// A structured seed and its unmatched overrides, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredSeed {
    text: String,
    blocks: Vec<StoredBlock>,
    parts: Vec<StoredPart>,
    fingerprint: [u8; 32],
    unmatched: Vec<StoredUnmatched>,
}

/// Field, index, text, and the misplaced line's number and kind.
type StoredUnmatched = (u8, Option<usize>, String, Option<(usize, u8)>);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredBlock {
    kind: u8,
    lines: Vec<String>,
    span: (usize, usize),
    line_range: (usize, usize),
    rule: String,
    ordered: bool,
    /// Thread, depth, author, and the site-reply mark's index and name.
    comment: Option<StoredComment>,
    original_lines: Option<Vec<String>>,
    /// Index, find, replace, note, whether `[sic]`.
    corrections: Vec<(usize, String, String, Option<String>, bool)>,
    score: i16,
    features: u32,
}

/// Thread, depth, author, and the site-reply mark's index and name.
type StoredComment = (
    usize,
    usize,
    Option<String>,
    Option<(usize, Option<String>)>,
);

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct StoredPart {
    line: usize,
    span: (usize, usize),
    kind: u8,
    rule: String,
    score: i16,
    features: u32,
    margin: Option<i16>,
}

/// Every block kind, by its stored number.
const KINDS: [BlockKind; 11] = [
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

/// The stored number of `kind` (a new kind fails to compile here until it is numbered).
fn kind_number(kind: BlockKind) -> u8 {
    match kind {
        BlockKind::Paragraph => 0,
        BlockKind::Heading => 1,
        BlockKind::Caption => 2,
        BlockKind::Dateline => 3,
        BlockKind::Byline => 4,
        BlockKind::Quote => 5,
        BlockKind::List => 6,
        BlockKind::SectionBreak => 7,
        BlockKind::Comment => 8,
        BlockKind::Series => 9,
        BlockKind::Dropped => 10,
    }
}

fn kind_of(number: u8) -> Option<BlockKind> {
    KINDS.get(usize::from(number)).copied()
}

fn field_number(field: OverrideField) -> u8 {
    match field {
        OverrideField::Lines => 0,
        OverrideField::CutAt => 1,
        OverrideField::Corrections => 2,
        OverrideField::SiteReplies => 3,
    }
}

fn field_of(number: u8) -> Option<OverrideField> {
    [
        OverrideField::Lines,
        OverrideField::CutAt,
        OverrideField::Corrections,
        OverrideField::SiteReplies,
    ]
    .get(usize::from(number))
    .copied()
}

/// `name` as a `&'static str`, leaked once per distinct name: rule names are a small fixed
/// set, so this holds a few hundred bytes however often a cache is read.
fn intern(name: &str) -> &'static str {
    static NAMES: Mutex<Option<HashSet<&'static str>>> = Mutex::new(None);
    let mut names = NAMES.lock().unwrap_or_else(|e| e.into_inner());
    let names = names.get_or_insert_with(HashSet::new);
    if let Some(known) = names.get(name) {
        return known;
    }
    let leaked: &'static str = Box::leak(name.to_string().into_boxed_str());
    names.insert(leaked);
    leaked
}

impl StoredSeed {
    /// The stored form of a structured seed.
    pub fn of(document: &Document, unmatched: &[UnmatchedOverride]) -> StoredSeed {
        StoredSeed {
            text: document.text.clone(),
            blocks: document.blocks.iter().map(StoredBlock::of).collect(),
            parts: document.parts.iter().map(StoredPart::of).collect(),
            fingerprint: *document.fingerprint.as_bytes(),
            unmatched: unmatched
                .iter()
                .map(|u| {
                    let misplaced = u.misplaced.map(|(line, kind)| (line, kind_number(kind)));
                    (field_number(u.field), u.index, u.text.clone(), misplaced)
                })
                .collect(),
        }
    }

    /// The structured seed stored; `None` when a number names no kind (a cache written by
    /// a binary whose kinds differ is not read at all; this only guards against it).
    pub fn restore(self) -> Option<(Arc<Document>, Vec<UnmatchedOverride>)> {
        let blocks = self
            .blocks
            .into_iter()
            .map(StoredBlock::restore)
            .collect::<Option<Vec<_>>>()?;
        let parts = self
            .parts
            .into_iter()
            .map(StoredPart::restore)
            .collect::<Option<Vec<_>>>()?;
        let unmatched = self
            .unmatched
            .into_iter()
            .map(|(field, index, text, misplaced)| {
                let misplaced = match misplaced {
                    Some((line, kind)) => Some((line, kind_of(kind)?)),
                    None => None,
                };
                Some(UnmatchedOverride {
                    field: field_of(field)?,
                    index,
                    text,
                    misplaced,
                })
            })
            .collect::<Option<Vec<_>>>()?;
        let document = Document {
            text: self.text,
            blocks,
            parts,
            fingerprint: blake3::Hash::from_bytes(self.fingerprint),
        };
        Some((Arc::new(document), unmatched))
    }
}

impl StoredBlock {
    fn of(block: &Block) -> StoredBlock {
        StoredBlock {
            kind: kind_number(block.kind),
            lines: block.lines.clone(),
            span: (block.span.start, block.span.end),
            line_range: block.line_range,
            rule: block.rule.to_string(),
            ordered: block.ordered,
            comment: block.comment.as_ref().map(|c| {
                let mark = (c.site_reply.as_ref()).map(|m| (m.index, m.name.clone()));
                (c.thread, c.depth, c.author.clone(), mark)
            }),
            original_lines: block.original_lines.clone(),
            corrections: block
                .corrections
                .iter()
                .map(|c| {
                    let (find, replace) = (c.find.clone(), c.replace.clone());
                    (c.index, find, replace, c.note.clone(), c.is_sic)
                })
                .collect(),
            score: block.score,
            features: block.features.bits(),
        }
    }

    fn restore(self) -> Option<Block> {
        Some(Block {
            kind: kind_of(self.kind)?,
            lines: self.lines,
            span: self.span.0..self.span.1,
            line_range: self.line_range,
            rule: intern(&self.rule),
            ordered: self.ordered,
            comment: self
                .comment
                .map(|(thread, depth, author, mark)| CommentInfo {
                    thread,
                    depth,
                    author,
                    site_reply: mark.map(|(index, name)| SiteReplyMark { index, name }),
                }),
            original_lines: self.original_lines,
            corrections: self
                .corrections
                .into_iter()
                .map(|(index, find, replace, note, is_sic)| AppliedCorrection {
                    index,
                    find,
                    replace,
                    note,
                    is_sic,
                })
                .collect(),
            score: self.score,
            features: Features::from_bits(self.features),
        })
    }
}

impl StoredPart {
    fn of(part: &LinePart) -> StoredPart {
        StoredPart {
            line: part.line,
            span: (part.span.start, part.span.end),
            kind: kind_number(part.kind),
            rule: part.rule.to_string(),
            score: part.score,
            features: part.features.bits(),
            margin: part.margin,
        }
    }

    fn restore(self) -> Option<LinePart> {
        Some(LinePart {
            line: self.line,
            span: self.span.0..self.span.1,
            kind: kind_of(self.kind)?,
            rule: intern(&self.rule),
            score: self.score,
            features: Features::from_bits(self.features),
            margin: self.margin,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SeedFile;
    use crate::parse::text::{Correction, LineOverride, OverrideKind, SiteReply, StructureRules};

    /// Stores `document` and `unmatched` through postcard and asserts that what reads back
    /// is equal to them.
    fn assert_reads_back_equal(document: &Document, unmatched: &[UnmatchedOverride]) {
        let stored = StoredSeed::of(document, unmatched);
        let bytes = postcard::to_allocvec(&stored).unwrap();
        let read: StoredSeed = postcard::from_bytes(&bytes).unwrap();
        let (restored, restored_unmatched) = read.restore().unwrap();
        assert_eq!(*restored, *document);
        assert_eq!(restored_unmatched, unmatched);
    }

    #[test]
    fn every_kind_reads_back_as_its_number() {
        for (number, kind) in KINDS.iter().enumerate() {
            assert_eq!(usize::from(kind_number(*kind)), number);
            assert_eq!(kind_of(kind_number(*kind)), Some(*kind));
        }
        assert_eq!(kind_of(11), None);
    }

    #[test]
    fn a_structured_seed_reads_back_equal_through_postcard() {
        let text = "A headline of some length\n\nBy Kim Sora\n\nThe river rose overnight \
                    and the wrong word was printed.\n\n***\n\n1. First point\n2. Second point\n\n\
                    Photo: the bridge at dawn (Reuters)\n\nComments\n\nAlice says:\nA fine piece.\n";
        let rules = StructureRules {
            corrections: vec![Correction {
                find: "wrong".to_string(),
                replace: "right".to_string(),
                note: Some("a typo".to_string()),
                is_sic: false,
            }],
            lines: vec![LineOverride {
                prefix: "No such line".to_string(),
                kind: OverrideKind::Drop,
            }],
            ..StructureRules::default()
        };
        let seed = SeedFile::new("seeds/a.txt", text.as_bytes().to_vec());
        let (document, unmatched) = crate::parse::text::parse_seed_with(&seed, &rules).unwrap();
        assert!(!unmatched.is_empty(), "the override matches nothing");
        assert!(
            document.blocks.iter().any(|b| !b.corrections.is_empty()),
            "a correction applied"
        );
        assert_reads_back_equal(&document, &unmatched);
    }

    #[test]
    fn a_site_reply_mark_and_a_misplaced_one_read_back_equal_17() {
        let text = "The river rose overnight and the town was warned.\n\nComments\n\n\
                    Alice says:\nA fine piece.\n\nThe Ledger says:\nThank you, corrected now.\n";
        let reply = |prefix: &str, name: Option<&str>| SiteReply {
            prefix: prefix.to_string(),
            name: name.map(str::to_string),
        };
        let rules = StructureRules {
            site_replies: vec![
                reply("Thank you, corrected", Some("The editors")),
                reply("The river rose", None),
            ],
            ..StructureRules::default()
        };
        let seed = SeedFile::new("seeds/a.txt", text.as_bytes().to_vec());
        let (document, unmatched) = crate::parse::text::parse_seed_with(&seed, &rules).unwrap();
        let marked = document
            .comments()
            .find_map(|b| b.comment.as_ref()?.site_reply.clone())
            .expect("the reply is marked");
        assert_eq!(marked.name.as_deref(), Some("The editors"));
        assert_eq!(unmatched.len(), 1, "{unmatched:?}");
        assert_eq!(unmatched[0].misplaced, Some((1, BlockKind::Paragraph)));
        assert_reads_back_equal(&document, &unmatched);
    }
}
