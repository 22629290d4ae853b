//! The structurer: normalized text + editorial rules → blocks.
//!
//! Splits the text into lines, decides each non-blank line (or each part of a line, when a
//! file name, dateline or pagination marker is glued to it) into a [`Piece`] with a kind and
//! the name of the rule that decided it, then merges neighbouring pieces into [`Block`]s.
//! Every non-blank line yields at least one piece, so every line ends in a block: rendered,
//! or dropped with its rule. Rules run in a fixed order, first match wins:
//!
//! 1. `override` (the editor's [`StructureRules::lines`]) and `cut`; after merging, `site-reply`
//!    (a comment the editor marks as the site's own, [`StructureRules::site_replies`]);
//! 2. the comment tail (see [`super::comments`]);
//! 3. `boilerplate-phrase`, `page-chrome` for a contents box (`Contents` over `1 History`,
//!    `2 Legacy`…, whose titles recur below: [`contents_runs`]), `post-header` (a text board's numbered post header, `1 ：名無しさん：
//!    2025/10/03 21:14 ID:k3Pq`) and `post-text` (the post's lines right under it, body),
//!    `caption-toggle`, `comment-chrome` (a comment or update widget's
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

use std::collections::HashSet;
use std::ops::Range;

use super::boilerplate::{BOILERPLATE_PHRASES, matches_phrase};
use super::bylines::{dateline, is_byline, trailing_byline};
use super::captions;
use super::comments::{self, CommentParser};
use super::credits::{is_bare_agency, is_capitals_name, is_credit};
use super::learned;
use super::lines::{Line, Piece, lines_of};
use super::merge::merge;
use super::overrides::{
    OverrideField, OverrideKind, StructureRules, UnmatchedOverride, apply_corrections,
    apply_site_replies, starts_with_collapsed,
};
use super::rules::{
    SectionMarker, ends_sentence, glued_filename, is_caption_toggle, is_title_before_byline,
    is_wrapped_quotation, item_start, pagination_start, quote_marker, section_marker,
};
use super::runs::{bare_list_runs, contents_runs, field_list_runs, list_runs, series_runs};
use super::score;
use super::signals::{Language, document_language};
use super::{Block, BlockKind, LinePart};

/// How many earlier pieces a caption's duplicate may sit behind (NPR repeats a caption after
/// `hide caption`, `toggle caption` and the credit line).
const DUPLICATE_CAPTION_WINDOW: usize = 5;

/// Structures normalized text under `rules`: the rules decide every line (pass one), the
/// learned model revises the lines it is sure the rules got wrong ([`learned::revise`]), and
/// when it revised any, the rules run again with those lines fixed (pass two), so the lines
/// around them are decided in the revised context.
pub(crate) fn structure(
    text: &str,
    rules: &StructureRules,
) -> (Vec<Block>, Vec<LinePart>, Vec<UnmatchedOverride>) {
    let lines = lines_of(text);
    let mut unmatched = Vec::new();
    let mut forced: Vec<Option<Forced>> = forced_kinds(&lines, rules, &mut unmatched)
        .into_iter()
        .map(|kind| kind.map(|kind| (kind, "override", None)))
        .collect();
    let end = cut_end(&lines, rules, &mut unmatched);
    let mut document = Document::read(&lines, end);
    let mut pieces = decide_pieces(&lines, &forced, end, &mut document);
    let revisions = learned::revise(&lines, &parts_of(&pieces, &lines), document.latin);
    let mut revised = false;
    for (slot, revision) in forced.iter_mut().zip(revisions) {
        if slot.is_none()
            && let Some(revision) = revision
        {
            *slot = Some((revision.kind, revision.rule, Some(revision)));
            revised = true;
        }
    }
    if revised {
        pieces = decide_pieces(&lines, &forced, end, &mut document);
    }
    let mut parts = parts_of(&pieces, &lines);
    let mut blocks = merge(pieces, &lines);
    // Before comments are hidden: a hidden comment the editor marked is no error.
    unmatched.extend(apply_site_replies(
        &mut blocks,
        &mut parts,
        &lines,
        &rules.site_replies,
    ));
    if !rules.shows_comments() {
        hide_comments(&mut blocks, &mut parts);
    }
    let matched = apply_corrections(&mut blocks, &rules.corrections);
    for (index, correction) in rules.corrections.iter().enumerate() {
        if !matched[index] {
            unmatched.push(UnmatchedOverride {
                field: OverrideField::Corrections,
                index: Some(index),
                text: correction.find.clone(),
                misplaced: None,
            });
        }
    }
    unmatched.sort_by_key(|u| (u.field as u8, u.index));
    (blocks, parts, unmatched)
}

/// The rules' pass alone (no learned revision, no editor's rules), for training: the line
/// parts it decided and the document's language for Latin lines.
pub(crate) fn rules_pass(text: &str) -> (Vec<LinePart>, Language) {
    let lines = lines_of(text);
    let forced = vec![None; lines.len()];
    let mut document = Document::read(&lines, lines.len());
    let pieces = decide_pieces(&lines, &forced, lines.len(), &mut document);
    (parts_of(&pieces, &lines), document.latin)
}

/// A line's kind fixed before the rules run: by the editor (`override`) or by the learned
/// model (its rule, score and margin).
type Forced = (OverrideKind, &'static str, Option<learned::Revision>);

fn parts_of(pieces: &[Piece], lines: &[Line<'_>]) -> Vec<LinePart> {
    pieces
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
        .collect()
}

/// What the rules read from the whole document before deciding any line: the comment
/// tail's start, the run-based rules' lines, the photographers the credits name, the Latin
/// lines' language and the repeated labels. None of it depends on a line's decided kind, so
/// pass two reuses pass one's (with the score cache, 24.9% fewer instructions on the bench).
struct Document<'text> {
    tail: usize,
    lists: Vec<Option<bool>>,
    bare_lists: Vec<bool>,
    field_lists: Vec<bool>,
    series: Vec<bool>,
    contents: Vec<bool>,
    photographers: Vec<String>,
    latin: Language,
    repeated: HashSet<&'text str>,
    /// Line scores of the scorer's candidates, by span, shared by both passes.
    scores: score::ScoreCache,
}

impl<'text> Document<'text> {
    fn read(lines: &[Line<'text>], end: usize) -> Document<'text> {
        let tail = comments::tail_start(lines, end).unwrap_or(end);
        let body = &lines[..tail];
        Document {
            tail,
            lists: list_runs(body),
            bare_lists: bare_list_runs(body),
            field_lists: field_list_runs(body),
            series: series_runs(body),
            contents: contents_runs(body),
            photographers: captions::photographers(body),
            latin: document_language(&language_sample(body)),
            repeated: score::repeated_labels(lines),
            scores: score::ScoreCache::default(),
        }
    }
}

/// Every non-blank line's pieces, decided by the rules and the scorer, lines in `forced`
/// taking their fixed kind and lines from `end` on cut.
fn decide_pieces(
    lines: &[Line<'_>],
    forced: &[Option<Forced>],
    end: usize,
    document: &mut Document<'_>,
) -> Vec<Piece> {
    let tail = document.tail;
    let mut body = Body {
        lines,
        lists: &document.lists,
        bare_lists: &document.bare_lists,
        field_lists: &document.field_lists,
        series: &document.series,
        contents: &document.contents,
        photographers: &document.photographers,
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
        } else if let Some((kind, rule, revision)) = &forced[index] {
            let mut piece = match kind {
                OverrideKind::Comment => comment_parser.forced(line),
                other => Piece::whole(line, other.block_kind(), rule),
            };
            piece.rule = rule;
            if let Some(revision) = revision {
                piece.score = revision.score;
                piece.margin = Some(revision.margin);
            }
            body.pieces.push(piece);
        } else if index >= tail {
            body.pieces
                .push(comment_parser.piece(line, lines.get(index + 1)));
        } else {
            body.classify(index);
        }
    }
    let Body {
        mut pieces,
        candidates,
        ..
    } = body;
    comments::drop_trailing_widgets(&mut pieces, lines);
    comments::drop_footer_after_comments(&mut pieces, lines);
    score::decide(
        &mut pieces,
        &candidates,
        lines,
        document.latin,
        &document.repeated,
        &mut document.scores,
    );
    captions::mark_captions_above_credits(&mut pieces, lines);
    pieces
}

/// Index of the line the editor's `cut_at` marker starts (all lines when there is none, or
/// when it matches no line, which is then reported unmatched).
fn cut_end(
    lines: &[Line<'_>],
    rules: &StructureRules,
    unmatched: &mut Vec<UnmatchedOverride>,
) -> usize {
    let Some(marker) = &rules.cut_at else {
        return lines.len();
    };
    let at = lines
        .iter()
        .position(|l| !l.text.is_empty() && starts_with_collapsed(l.text, marker));
    if at.is_none() {
        unmatched.push(UnmatchedOverride {
            field: OverrideField::CutAt,
            index: None,
            text: marker.clone(),
            misplaced: None,
        });
    }
    at.unwrap_or(lines.len())
}

/// Drops the comment blocks and line parts, for a site that does not show comments.
fn hide_comments(blocks: &mut [Block], parts: &mut [LinePart]) {
    for block in blocks.iter_mut().filter(|b| b.kind == BlockKind::Comment) {
        block.kind = BlockKind::Dropped;
        block.rule = "comments-hidden";
    }
    for part in parts.iter_mut().filter(|p| p.kind == BlockKind::Comment) {
        part.kind = BlockKind::Dropped;
        part.rule = "comments-hidden";
    }
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
                misplaced: None,
            });
        }
    }
    forced
}

/// A cookie banner is among the page's first this many non-blank lines.
const COOKIE_NOTICE_REACH: usize = 3;

/// The body's classification state.
struct Body<'a, 'text> {
    lines: &'a [Line<'text>],
    lists: &'a [Option<bool>],
    /// Items of lists whose markers were lost ([`bare_list_runs`]).
    bare_lists: &'a [bool],
    /// Rows of a fact box inside the article ([`field_list_runs`]).
    field_lists: &'a [bool],
    series: &'a [bool],
    /// A contents box's lines and its label ([`contents_runs`]).
    contents: &'a [bool],
    /// Photographers the page's credits name (lowercased), whose name alone under a photo's
    /// caption credits it.
    photographers: &'a [String],
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
        if matches_phrase(text, &BOILERPLATE_PHRASES) {
            self.pieces.push(Piece::whole(
                &line,
                BlockKind::Dropped,
                "boilerplate-phrase",
            ));
            return;
        }
        if self.contents[index] {
            // `Contents` over `1 History`, `2 Legacy`: links to the sections below.
            self.pieces
                .push(Piece::whole(&line, BlockKind::Dropped, "page-chrome"));
            return;
        }
        if comments::post_header(text).is_some() {
            // `1 ：名無しさん：2025/10/03(金) 21:14:05 ID:k3Pq`: a text board's post header,
            // the board's; the post's lines below it are the text.
            self.pieces
                .push(Piece::whole(&line, BlockKind::Dropped, "post-header"));
            return;
        }
        if self
            .pieces
            .last()
            .is_some_and(|p| matches!(p.rule, "post-header" | "post-text") && p.line + 1 == index)
            && !matches_phrase(text, &BOILERPLATE_PHRASES)
        {
            self.pieces
                .push(Piece::whole(&line, BlockKind::Paragraph, "post-text"));
            self.seen_paragraph = true;
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
        if let Some((kind, rule, skip)) = self.marked_kind(line, text) {
            self.pieces
                .push(Piece::part(line, range.clone(), skip, kind, rule));
            return;
        }
        if let (Some(ordered), Some(skip)) = (self.lists[index], item_start(text)) {
            let mut piece = Piece::part(line, range.clone(), skip, BlockKind::List, "list-marker");
            piece.ordered = ordered;
            self.pieces.push(piece);
            return;
        }
        if !self.seen_paragraph
            && range.start == 0
            && let Some(skip) = super::headline::title_label_len(text)
        {
            // `제목 [잡담] …`: the post's title, after the board's label.
            self.pieces.push(Piece::part(
                line,
                range.clone(),
                skip,
                BlockKind::Heading,
                "title-like",
            ));
            return;
        }
        if self.bare_lists[index] && range.start == 0 {
            self.pieces.push(Piece::part(
                line,
                range.clone(),
                0,
                BlockKind::List,
                "unmarked-list",
            ));
            return;
        }
        if self.field_lists[index] && range.start == 0 {
            // `Scale: 00 (4mm:1ft)` in a fact box inside the article.
            self.pieces.push(Piece::part(
                line,
                range.clone(),
                0,
                BlockKind::List,
                "field-list",
            ));
            return;
        }
        if self.split_dateline(line, range.clone()) {
            return;
        }
        if is_byline(text) && !self.is_among_fields(index, text) {
            self.pieces.push(Piece::part(
                line,
                range.clone(),
                0,
                BlockKind::Byline,
                "byline",
            ));
            return;
        }
        if range.start == 0
            && self.is_standalone(index)
            && self.split_trailing_byline(line, range.end)
        {
            return;
        }
        self.candidates.push(self.pieces.len());
        self.pieces.push(Piece::part(
            line,
            range.clone(),
            0,
            BlockKind::Paragraph,
            "paragraph",
        ));
        // A dateline opens the first sentence, so a kicker or headline above it does not
        // count as the first paragraph.
        self.seen_paragraph |= ends_sentence(text);
    }

    /// The rules of step 4 that decide a segment by a mark of its own, before lists:
    /// `boilerplate-phrase` (a cookie banner among the first lines), `duplicate-caption`,
    /// `credit-pattern`, `caption-marker`, `section-marker` (or `page-chrome` for a
    /// marked link), `series-listing`, `quote-marker`, `indented-quotation`. Returns the kind,
    /// the rule and how many bytes of marker the kept text skips.
    fn marked_kind(&self, line: &Line<'_>, text: &str) -> Option<(BlockKind, &'static str, usize)> {
        let index = line.number - 1;
        // `Vi använder kakor (cookies) för att … upplevelse.` over its buttons (`Godkänn
        // alla kakor`): a cookie banner copied with the page's head, in any language.
        // (Fewer pieces than that so far: fewer lines, so the test costs nothing further down.)
        if self.pieces.len() < COOKIE_NOTICE_REACH
            && super::boilerplate::is_cookie_notice(text)
            && ends_sentence(text)
            && self.lines[index + 1..]
                .iter()
                .find(|l| !l.text.is_empty())
                .is_some_and(|l| l.text.split_whitespace().count() <= 4 && !ends_sentence(l.text))
        {
            return Some((BlockKind::Dropped, "boilerplate-phrase", 0));
        }
        // A credit alone (`(AP Photo/Marco Diaz)`) repeats under each photo of a gallery: right
        // under a new caption line it credits that caption, not a duplicate of the one before.
        let under_new_caption = self.pieces.last().is_some_and(|p| {
            p.kind == BlockKind::Paragraph && p.rule == "paragraph" && p.line + 1 == index
        });
        let follows_text = index > 0 && !self.lines[index - 1].text.is_empty();
        // `SELIN ARSLAN` or `Arvid Holm` (named in a credit elsewhere) right under a caption's
        // prose.
        let is_named_photographer = follows_text
            && text.len() <= 40
            && self.lines[index - 1].text.split_whitespace().count() >= 6
            && (is_capitals_name(text) && super::signals::chrome_hint(text).is_none()
                || super::bylines::is_person_name(text)
                    && self
                        .photographers
                        .iter()
                        .any(|p| p.eq_ignore_ascii_case(text)));
        let credit = is_credit(text) || is_named_photographer;
        let is_lone_credit =
            under_new_caption && credit && text.len() <= 240 && text.chars().count() <= 60;
        if !is_lone_credit && self.is_duplicate_caption(text) {
            return Some((BlockKind::Dropped, "duplicate-caption", 0));
        }
        if credit || follows_text && is_bare_agency(text) {
            return Some((BlockKind::Caption, "credit-pattern", 0));
        }
        if let Some(skip) = super::rules::photo_caption_marker(text) {
            return Some((BlockKind::Caption, "caption-marker", skip));
        }
        match section_marker(text) {
            Some(SectionMarker::Heading(skip))
                if super::signals::chrome_hint(&text[skip..])
                    == Some(super::signals::Hint::Strong) =>
            {
                // `▶ 관련기사 보기`: a marked link to other stories, not a section.
                return Some((BlockKind::Dropped, "page-chrome", 0));
            }
            Some(SectionMarker::Heading(skip)) => {
                return Some((BlockKind::Heading, "section-marker", skip));
            }
            Some(SectionMarker::Break) => {
                return Some((BlockKind::SectionBreak, "section-marker", 0));
            }
            None => {}
        }
        if self.series[index] {
            return Some((BlockKind::Series, "series-listing", 0));
        }
        if let Some(skip) = quote_marker(text) {
            return Some((BlockKind::Quote, "quote-marker", skip));
        }
        if line.indent >= 2 && is_wrapped_quotation(text) {
            return Some((BlockKind::Quote, "indented-quotation", 0));
        }
        None
    }

    /// `dateline`: splits a dateline off the segment's start (in the first paragraph, or
    /// anywhere when it names its agency) into a dateline piece and a paragraph piece.
    /// Returns whether it did.
    fn split_dateline(&mut self, line: &Line<'_>, range: Range<usize>) -> bool {
        let text = &line.text[range.clone()];
        let Some((dateline_end, rest)) = dateline(text).filter(|&(end, rest)| {
            !self.seen_paragraph || names_agency(&text[..end]) || names_region(&text[..rest])
        }) else {
            return false;
        };
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
        true
    }

    /// `title-like` with `trailing-byline`: a standalone line `0..end` that is a title ending
    /// with its author's name becomes a heading and a byline. Returns whether it did.
    fn split_trailing_byline(&mut self, line: &Line<'_>, end: usize) -> bool {
        let text = &line.text[..end];
        let Some(name_at) = trailing_byline(text) else {
            return false;
        };
        let title = text[..name_at].trim_end();
        if !is_title_before_byline(title) {
            return false;
        }
        self.pieces.push(Piece::part(
            line,
            0..title.len(),
            0,
            BlockKind::Heading,
            "title-like",
        ));
        self.pieces.push(Piece::part(
            line,
            name_at..end,
            0,
            BlockKind::Byline,
            "trailing-byline",
        ));
        true
    }

    /// Whether a `Key: value` line has a field right above or below it (`Author: …` among a
    /// recipe card's fields is the card's, not the article's byline); the post's dates
    /// (`Posted: Mar 12, 2025`) stand beside a byline, and do not count.
    fn is_among_fields(&self, index: usize, text: &str) -> bool {
        let is_field = |i: Option<usize>| {
            i.and_then(|i| self.lines.get(i)).is_some_and(|l| {
                !l.text.is_empty()
                    && super::line_score::is_key_value(l.text)
                    && !super::dates::has_date_time(l.text)
            })
        };
        text.contains(": ") && (is_field(index.checked_sub(1)) || is_field(Some(index + 1)))
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

/// `GREENVALE, Ohio —`: a place in capitals with its region, before a dash, opens a story even
/// after a standfirst that ends a sentence.
fn names_region(dateline: &str) -> bool {
    let dateline = dateline.trim_end();
    let Some((place, region)) = dateline.split_once(", ") else {
        return false;
    };
    let region = region.trim_end_matches(['—', '–', '-', ' ']);
    place.chars().filter(|c| c.is_alphabetic()).count() >= 4
        && !place.chars().any(char::is_lowercase)
        && region.starts_with(char::is_uppercase)
        && region.split_whitespace().count() <= 3
        && (dateline.ends_with('—') || dateline.ends_with('–'))
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
