//! The structurer: normalized text + editorial rules → blocks.
//!
//! Splits the text into lines, decides each non-blank line (or each part of a line, when a
//! file name, dateline or pagination marker is glued to it) into a [`Piece`] with a kind and
//! the name of the rule that decided it, then merges neighbouring pieces into [`Block`]s.
//! Every non-blank line yields at least one piece, so every line ends in a block: rendered,
//! or dropped with its rule. Rules run in a fixed order, first match wins:
//!
//! 1. `override` (the editor's [`StructureRules::lines`]) and `cut`;
//! 2. the comment tail (see [`super::comments`]);
//! 3. `boilerplate-phrase`, `caption-toggle`, `comment-chrome` (a comment or update widget's
//!    label above the comments), `pagination`, `image-filename` /
//!    `glued-filename` (split off the start), `pagination` (split off the end);
//! 4. `duplicate-caption` (same text as one of the last captions), `credit-pattern`,
//!    `section-marker`, `series-listing`, `quote-marker`, `indented-quotation`,
//!    `list-marker`, `dateline` (first paragraph only), `byline`;
//! 5. for a standalone line (blank lines around it): `title-like` with `trailing-byline`,
//!    then `title-like`;
//! 6. `paragraph`, for the scorer ([`score::decide`]) to settle in context: `page-chrome`,
//!    `call-to-action`, `self-reference`, `metadata-field`, `title-like`, `entry-time`,
//!    `name-and-role`, then `caption-credit` for a line over a lone credit. Consecutive
//!    paragraph lines merge when the first does not end a sentence
//!    (hard-wrapped text); otherwise each line is its own paragraph, as scraped pages have it.
//!
//! Cost is linear in the text: each rule looks at one line (or a bounded window of it), and
//! the run-based rules (lists, series) make one pass each.

use std::ops::Range;

use super::boilerplate::{BOILERPLATE_PHRASES, matches_phrase};
use super::bylines::{dateline, is_byline, trailing_byline};
use super::comments::{self, CommentParser};
use super::credits::{is_bare_agency, is_credit};
use super::lines::Features;
use super::lines::{Line, Piece, lines_of};
use super::overrides::{
    OverrideField, OverrideKind, StructureRules, UnmatchedOverride, apply_corrections,
    starts_with_collapsed,
};
use super::rules::{
    SectionMarker, ends_sentence, glued_filename, is_caption_toggle, is_title_before_byline,
    is_wrapped_quotation, list_marker, pagination_start, quote_marker, section_marker, series_part,
};
use super::score;
use super::signals::document_language;
use super::{Block, BlockKind, LinePart};

/// How many earlier pieces a caption's duplicate may sit behind (NPR repeats a caption after
/// `hide caption`, `toggle caption` and the credit line).
const DUPLICATE_CAPTION_WINDOW: usize = 5;

/// A series listing's lines share at least this many characters before they differ.
const MIN_SERIES_PREFIX_CHARS: usize = 20;

/// Structures normalized text under `rules`.
pub(crate) fn structure(
    text: &str,
    rules: &StructureRules,
) -> (Vec<Block>, Vec<LinePart>, Vec<UnmatchedOverride>) {
    let lines = lines_of(text);
    let mut unmatched = Vec::new();
    let forced = forced_kinds(&lines, rules, &mut unmatched);
    let end = match &rules.cut_at {
        Some(marker) => {
            let at = lines
                .iter()
                .position(|l| !l.text.is_empty() && starts_with_collapsed(l.text, marker));
            if at.is_none() {
                unmatched.push(UnmatchedOverride {
                    field: OverrideField::CutAt,
                    index: None,
                    text: marker.clone(),
                });
            }
            at.unwrap_or(lines.len())
        }
        None => lines.len(),
    };
    let tail = comments::tail_start(&lines, end).unwrap_or(end);
    let mut body = Body {
        lines: &lines,
        lists: list_runs(&lines[..tail]),
        series: series_runs(&lines[..tail]),
        seen_paragraph: false,
        pieces: Vec::new(),
        candidates: Vec::new(),
    };
    let mut comment_parser = CommentParser::default();
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            comment_parser.blank();
            continue;
        }
        if index >= end {
            body.pieces
                .push(Piece::whole(line, BlockKind::Dropped, "cut"));
        } else if let Some(kind) = forced[index] {
            let piece = match kind {
                OverrideKind::Comment => comment_parser.forced(line),
                other => Piece::whole(line, other.block_kind(), "override"),
            };
            body.pieces.push(piece);
        } else if index >= tail {
            body.pieces.push(comment_parser.piece(line));
        } else {
            body.classify(index);
        }
    }
    comments::drop_trailing_widgets(&mut body.pieces, &lines);
    let latin = document_language(&language_sample(&lines[..tail]));
    score::decide(&mut body.pieces, &body.candidates, &lines, latin);
    mark_captions_above_credits(&mut body.pieces, &lines);
    let mut parts: Vec<LinePart> = body
        .pieces
        .iter()
        .map(|p| LinePart {
            line: lines[p.line].number,
            span: p.span.clone(),
            kind: p.kind,
            rule: p.rule,
            score: p.score,
            features: p.features,
            margin: p.margin,
        })
        .collect();
    let mut blocks = merge(body.pieces, &lines);
    if !rules.shows_comments() {
        for block in blocks.iter_mut().filter(|b| b.kind == BlockKind::Comment) {
            block.kind = BlockKind::Dropped;
            block.rule = "comments-hidden";
        }
        for part in parts.iter_mut().filter(|p| p.kind == BlockKind::Comment) {
            part.kind = BlockKind::Dropped;
            part.rule = "comments-hidden";
        }
    }
    let matched = apply_corrections(&mut blocks, &rules.corrections);
    for (index, correction) in rules.corrections.iter().enumerate() {
        if !matched[index] {
            unmatched.push(UnmatchedOverride {
                field: OverrideField::Corrections,
                index: Some(index),
                text: correction.find.clone(),
            });
        }
    }
    unmatched.sort_by_key(|u| (u.field as u8, u.index));
    (blocks, parts, unmatched)
}

/// The editor's kind for each line (the first matching override wins).
fn forced_kinds(
    lines: &[Line<'_>],
    rules: &StructureRules,
    unmatched: &mut Vec<UnmatchedOverride>,
) -> Vec<Option<OverrideKind>> {
    let mut forced = vec![None; lines.len()];
    for (index, line_override) in rules.lines.iter().enumerate() {
        let mut is_matched = false;
        for (slot, line) in forced.iter_mut().zip(lines) {
            if !line.text.is_empty() && starts_with_collapsed(line.text, &line_override.prefix) {
                is_matched = true;
                slot.get_or_insert(line_override.kind);
            }
        }
        if !is_matched {
            unmatched.push(UnmatchedOverride {
                field: OverrideField::Lines,
                index: Some(index),
                text: line_override.prefix.clone(),
            });
        }
    }
    forced
}

/// For each body line in a run of two or more list items: whether the list is ordered.
/// Blank lines may separate items; any other line ends the run.
fn list_runs(lines: &[Line<'_>]) -> Vec<Option<bool>> {
    let mut marks = vec![None; lines.len()];
    let mut run: Vec<usize> = Vec::new();
    let mut run_ordered = false;
    let flush = |run: &mut Vec<usize>, ordered: bool, marks: &mut Vec<Option<bool>>| {
        if run.len() >= 2 {
            for &i in run.iter() {
                marks[i] = Some(ordered);
            }
        }
        run.clear();
    };
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        let marker = list_marker(line.text).filter(|_| section_marker(line.text).is_none());
        match marker {
            Some((ordered, _)) if run.is_empty() || ordered == run_ordered => {
                run_ordered = ordered;
                run.push(index);
            }
            Some((ordered, _)) => {
                flush(&mut run, run_ordered, &mut marks);
                run_ordered = ordered;
                run.push(index);
            }
            None => flush(&mut run, run_ordered, &mut marks),
        }
    }
    flush(&mut run, run_ordered, &mut marks);
    marks
}

/// Marks lines of series listings: two or more consecutive lines (blank lines between are
/// fine) that each name a different `Part N` and share a prefix of
/// [`MIN_SERIES_PREFIX_CHARS`] or more.
fn series_runs(lines: &[Line<'_>]) -> Vec<bool> {
    let mut marks = vec![false; lines.len()];
    let mut run: Vec<(usize, u32)> = Vec::new();
    let flush = |run: &mut Vec<(usize, u32)>, marks: &mut Vec<bool>| {
        if run.len() >= 2 {
            let first = lines[run[0].0].text;
            let shared = run.iter().skip(1).fold(first.len(), |shared, &(i, _)| {
                common_prefix_len(&first[..shared], lines[i].text)
            });
            let mut parts: Vec<u32> = run.iter().map(|&(_, n)| n).collect();
            parts.sort_unstable();
            parts.dedup();
            if first[..shared].chars().count() >= MIN_SERIES_PREFIX_CHARS
                && parts.len() == run.len()
            {
                for &(i, _) in run.iter() {
                    marks[i] = true;
                }
            }
        }
        run.clear();
    };
    for (index, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        match series_part(line.text) {
            Some((_, number)) => run.push((index, number)),
            None => flush(&mut run, &mut marks),
        }
    }
    flush(&mut run, &mut marks);
    marks
}

/// Length in bytes of the longest common prefix, on a char boundary.
fn common_prefix_len(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|&((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i)
}

/// The body's classification state.
struct Body<'a, 'text> {
    lines: &'a [Line<'text>],
    lists: Vec<Option<bool>>,
    series: Vec<bool>,
    seen_paragraph: bool,
    pieces: Vec<Piece>,
    /// Indexes of the pieces no sure rule decided, for [`score::decide`].
    candidates: Vec<usize>,
}

impl Body<'_, '_> {
    /// Decides one non-blank body line into one or more pieces.
    fn classify(&mut self, index: usize) {
        let line = self.lines[index];
        let text = line.text;
        if matches_phrase(text, BOILERPLATE_PHRASES) {
            self.pieces.push(Piece::whole(
                &line,
                BlockKind::Dropped,
                "boilerplate-phrase",
            ));
            return;
        }
        if is_caption_toggle(text) {
            if let Some(previous) = self.pieces.last_mut()
                && previous.kind == BlockKind::Paragraph
                && previous.line + 2 >= index
            {
                previous.kind = BlockKind::Caption;
                previous.rule = "caption-toggle";
            }
            self.pieces
                .push(Piece::whole(&line, BlockKind::Dropped, "caption-toggle"));
            return;
        }
        if text.len() <= 40 && comments::is_comment_chrome(text) {
            // `Sort by: Latest first`, `いいね！`: a comment or update widget's label, which
            // may stand above the comment section as well as in it.
            self.pieces
                .push(Piece::whole(&line, BlockKind::Dropped, "comment-chrome"));
            return;
        }
        if pagination_start(text) == Some(0) {
            self.pieces
                .push(Piece::whole(&line, BlockKind::Dropped, "pagination"));
            return;
        }
        let mut from = 0;
        if let Some(name_end) = glued_filename(text) {
            let rule = if name_end == text.len() {
                "image-filename"
            } else {
                "glued-filename"
            };
            self.pieces
                .push(Piece::part(&line, 0..name_end, 0, BlockKind::Dropped, rule));
            from = text.len() - text[name_end..].trim_start().len();
            if from == text.len() {
                return;
            }
        }
        let mut to = text.len();
        let mut trailing = None;
        if let Some(at) = pagination_start(&text[from..]).filter(|&at| at > 0) {
            to = from + text[from..from + at].trim_end().len();
            trailing = Some(from + at..text.len());
        }
        self.classify_segment(&line, from..to);
        if let Some(range) = trailing {
            self.pieces.push(Piece::part(
                &line,
                range,
                0,
                BlockKind::Dropped,
                "pagination",
            ));
        }
    }

    /// Decides the part `range` of a line (the whole line unless something was split off).
    fn classify_segment(&mut self, line: &Line<'_>, range: Range<usize>) {
        let text = &line.text[range.clone()];
        let index = line.number - 1;
        let push = |pieces: &mut Vec<Piece>, kind, rule, skip| {
            pieces.push(Piece::part(line, range.clone(), skip, kind, rule));
        };
        // A credit alone (`(AP Photo/Marco Diaz)`) repeats under each photo of a gallery: right
        // under a new caption line it credits that caption, not a duplicate of the one before.
        let under_new_caption = self.pieces.last().is_some_and(|p| {
            p.kind == BlockKind::Paragraph && p.rule == "paragraph" && p.line + 1 == index
        });
        let is_lone_credit =
            under_new_caption && text.len() <= 240 && text.chars().count() <= 60 && is_credit(text);
        if !is_lone_credit && self.is_duplicate_caption(text) {
            push(&mut self.pieces, BlockKind::Dropped, "duplicate-caption", 0);
            return;
        }
        let follows_text = index > 0 && !self.lines[index - 1].text.is_empty();
        if is_credit(text) || follows_text && is_bare_agency(text) {
            push(&mut self.pieces, BlockKind::Caption, "credit-pattern", 0);
            return;
        }
        match section_marker(text) {
            Some(SectionMarker::Heading(skip))
                if super::signals::chrome_hint(&text[skip..])
                    == Some(super::signals::Hint::Strong) =>
            {
                // `▶ 관련기사 보기`: a marked link to other stories, not a section.
                push(&mut self.pieces, BlockKind::Dropped, "page-chrome", 0);
                return;
            }
            Some(SectionMarker::Heading(skip)) => {
                push(&mut self.pieces, BlockKind::Heading, "section-marker", skip);
                return;
            }
            Some(SectionMarker::Break) => {
                push(
                    &mut self.pieces,
                    BlockKind::SectionBreak,
                    "section-marker",
                    0,
                );
                return;
            }
            None => {}
        }
        if self.series[index] {
            push(&mut self.pieces, BlockKind::Series, "series-listing", 0);
            return;
        }
        if let Some(skip) = quote_marker(text) {
            push(&mut self.pieces, BlockKind::Quote, "quote-marker", skip);
            return;
        }
        if line.indent >= 2 && is_wrapped_quotation(text) {
            push(&mut self.pieces, BlockKind::Quote, "indented-quotation", 0);
            return;
        }
        if let (Some(ordered), Some((_, skip))) = (self.lists[index], list_marker(text)) {
            let mut piece = Piece::part(line, range.clone(), skip, BlockKind::List, "list-marker");
            piece.ordered = ordered;
            self.pieces.push(piece);
            return;
        }
        if let Some((dateline_end, rest)) = dateline(text)
            && (!self.seen_paragraph || names_agency(&text[..dateline_end]))
        {
            let (start, end) = (range.start, range.end);
            self.pieces.push(Piece::part(
                line,
                start..start + rest,
                0,
                BlockKind::Dateline,
                "dateline",
            ));
            if let Some(piece) = self.pieces.last_mut() {
                piece.text = Some(text[..dateline_end].trim().to_string());
            }
            self.pieces.push(Piece::part(
                line,
                start + rest..end,
                0,
                BlockKind::Paragraph,
                "paragraph",
            ));
            self.seen_paragraph = true;
            return;
        }
        if is_byline(text) {
            push(&mut self.pieces, BlockKind::Byline, "byline", 0);
            return;
        }
        if range.start == 0
            && self.is_standalone(index)
            && let Some(name_at) = trailing_byline(text)
        {
            let title = text[..name_at].trim_end();
            if is_title_before_byline(title) {
                self.pieces.push(Piece::part(
                    line,
                    0..title.len(),
                    0,
                    BlockKind::Heading,
                    "title-like",
                ));
                self.pieces.push(Piece::part(
                    line,
                    name_at..range.end,
                    0,
                    BlockKind::Byline,
                    "trailing-byline",
                ));
                return;
            }
        }
        self.candidates.push(self.pieces.len());
        push(&mut self.pieces, BlockKind::Paragraph, "paragraph", 0);
        // A dateline opens the first sentence, so a kicker or headline above it does not
        // count as the first paragraph.
        self.seen_paragraph |= ends_sentence(text);
    }

    /// Whether the lines before and after are blank (or the text's edges).
    fn is_standalone(&self, index: usize) -> bool {
        let blank = |i: Option<usize>| {
            i.and_then(|i| self.lines.get(i))
                .is_none_or(|l| l.text.is_empty())
        };
        blank(index.checked_sub(1)) && blank(Some(index + 1))
    }

    /// Whether `text` repeats one of the last captions (whitespace-insensitive).
    fn is_duplicate_caption(&self, text: &str) -> bool {
        self.pieces
            .iter()
            .rev()
            .take(DUPLICATE_CAPTION_WINDOW)
            .filter(|p| p.kind == BlockKind::Caption)
            .filter_map(|p| p.text.as_deref())
            .any(|caption| caption.split_whitespace().eq(text.split_whitespace()))
    }
}

/// `ROVIGO, Italy (AP) —`: a dateline naming its agency in parentheses opens a story even
/// after a gallery's captions, which read as sentences too.
fn names_agency(dateline: &str) -> bool {
    dateline
        .rsplit_once('(')
        .and_then(|(_, inner)| inner.split(')').next())
        .is_some_and(super::boilerplate::is_agency)
}

/// Merges neighbouring pieces into blocks (see the module docs for when they merge).
fn merge(pieces: Vec<Piece>, lines: &[Line<'_>]) -> Vec<Block> {
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

fn joins(previous: &Piece, piece: &Piece, block: &Block, lines: &[Line<'_>]) -> bool {
    if piece.kind != block.kind || piece.rule != block.rule {
        return false;
    }
    let is_next_line = piece.line == previous.line + 1;
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

/// Up to this many bytes of the longest-looking lines are enough for whatlang to name the
/// document's language.
const LANGUAGE_SAMPLE_BYTES: usize = 1200;

/// The body's long lines, joined, as a sample for [`document_language`].
fn language_sample(lines: &[Line<'_>]) -> String {
    let mut sample = String::new();
    for line in lines.iter().filter(|l| l.text.len() >= 80) {
        let end = super::rules::floor_char_boundary(
            line.text,
            LANGUAGE_SAMPLE_BYTES - sample.len().min(LANGUAGE_SAMPLE_BYTES),
        );
        sample.push_str(&line.text[..end]);
        sample.push(' ');
        if sample.len() >= LANGUAGE_SAMPLE_BYTES {
            break;
        }
    }
    sample
}

/// A caption running over two lines: the line right above a credit standing alone
/// (`REUTERS/Kim Hong-Ji`, `Photograph: Kiyoshi Ota/EPA`) is the caption it credits (rule
/// `caption-credit`), when it is a one-line paragraph of caption length.
fn mark_captions_above_credits(pieces: &mut [Piece], lines: &[Line<'_>]) {
    for i in 1..pieces.len() {
        let (before, after) = pieces.split_at_mut(i);
        let (previous, credit) = (&mut before[i - 1], &after[0]);
        let is_bare_credit = credit.rule == "credit-pattern"
            && credit.text.as_deref().is_some_and(|t| {
                // CJK captions carry their credit on the same line (`…모습 [연합뉴스 자료사진]`);
                // only a Latin credit line or a bare agency name stands under its caption.
                t.chars().count() <= 60
                    && !t.contains(". ")
                    && (!t.chars().any(super::signals::is_cjk) || is_bare_agency(t))
            });
        let previous_line = &lines[previous.line];
        let is_caption_sized = previous.kind == BlockKind::Paragraph
            && previous.rule == "paragraph"
            && previous.line + 1 == credit.line
            && previous.span.start == previous_line.start
            && previous_line.text.len() <= 400;
        if is_bare_credit && is_caption_sized {
            previous.kind = BlockKind::Caption;
            previous.rule = "caption-credit";
            previous.features.insert(Features::CREDIT_BELOW);
        }
    }
}
