//! Merging: the structurer's decided pieces → blocks.
//!
//! Neighbouring pieces of the same kind and rule join one block when their kind allows it:
//! hard-wrapped paragraph lines (the first not ending a sentence), a caption and the credit
//! line right under it, quotation lines in a row,
//! items of one list, a series listing, dropped runs, and a comment's continuation lines. A
//! block keeps the score and features of its least sure line. One pass over the pieces.

use super::lines::{Line, Piece};
use super::rules::ends_sentence;
use super::{Block, BlockKind};

/// Merges neighbouring pieces into blocks (see the module docs for when they merge).
pub(crate) fn merge(pieces: Vec<Piece>, lines: &[Line<'_>]) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut last: Option<Piece> = None;
    for piece in pieces {
        let joins = match (&last, blocks.last()) {
            (Some(previous), Some(block)) => joins(previous, &piece, block, lines),
            _ => false,
        };
        match blocks.last_mut() {
            Some(block) if joins => {
                // A block is as sure as its least sure line.
                if piece.score.abs() < block.score.abs() {
                    block.score = piece.score;
                    block.features = piece.features;
                }
                block.span.end = piece.span.end;
                block.line_range.1 = lines[piece.line].number;
                block.lines.extend(piece.text.clone());
            }
            _ => blocks.push(Block {
                kind: piece.kind,
                lines: piece.text.clone().into_iter().collect(),
                span: piece.span.clone(),
                line_range: (lines[piece.line].number, lines[piece.line].number),
                rule: piece.rule,
                ordered: piece.ordered,
                comment: piece.comment.clone(),
                original_lines: None,
                corrections: Vec::new(),
                score: piece.score,
                features: piece.features,
            }),
        }
        last = Some(piece);
    }
    blocks
}

/// Whether `piece` continues `block`, whose last piece is `previous`.
fn joins(previous: &Piece, piece: &Piece, block: &Block, lines: &[Line<'_>]) -> bool {
    let is_next_line = piece.line == previous.line + 1;
    // A caption over two lines, its credit on the second, is one caption.
    if block.kind == BlockKind::Caption
        && previous.rule == "caption-credit"
        && piece.kind == BlockKind::Caption
        && piece.rule == "credit-pattern"
    {
        return is_next_line;
    }
    if piece.kind != block.kind || piece.rule != block.rule {
        return false;
    }
    match piece.kind {
        BlockKind::Paragraph => {
            let previous_line = &lines[previous.line];
            let previous_ends_line =
                previous.span.end == previous_line.start + previous_line.text.len();
            let piece_starts_line = piece.span.start == lines[piece.line].start;
            piece.rule == "paragraph"
                && is_next_line
                && previous_ends_line
                && piece_starts_line
                && !previous.text.as_deref().is_some_and(ends_sentence)
        }
        BlockKind::Quote => is_next_line,
        BlockKind::List => piece.ordered == block.ordered,
        BlockKind::Series | BlockKind::Dropped => true,
        BlockKind::Comment => piece.continues,
        _ => false,
    }
}
