//! The scoring classifier: decides the lines no sure rule claimed, the way reader-mode
//! extractors decide paragraphs (jusText, boilerpipe), but for plain text.
//!
//! Takes the pieces the rules made, with the indexes of the undecided ones (each a paragraph
//! for now); gives each undecided piece a **score** (positive: reads like body text; negative:
//! reads like page chrome) and the **features** behind it, then decides it in context:
//!
//! 1. *Per line* ([`line_score`]): length in Latin-character equivalents (CJK counted for what
//!    it carries), sentence-final punctuation (`.` `!` `?` `。` `！` `？`, or a Korean or
//!    Japanese verb ending), the share of stop words in the line's language, date stamps,
//!    chrome wording and addresses, digits, and the cues of [`super::cues`] (calls to action,
//!    lines about the page itself, breadcrumbs, hashtags, labelled links, metadata fields).
//! 2. *Anchors*: lines scoring [`ANCHOR_SCORE`] or more, and the paragraphs, list items and
//!    quotations that sure rules found, are body. Before the first anchor is the page's
//!    *head*, after the last its *tail*.
//! 3. *Context*: between anchors a line is body unless its wording is surely chrome (a short
//!    line between body blocks is body); in the head, the title-like line nearest the body
//!    is the headline (`title-like`, see [`super::headline`]), sentences and `Key: value` lines are body, and the rest (kickers,
//!    site names, stamps) is chrome; in the tail, runs of short lines without a sentence end are
//!    chrome, and so is everything after tail chrome; anywhere, a short label that stands
//!    alone on three or more lines (`编辑` under each section) is chrome. Chrome is dropped with the rule
//!    `page-chrome` (`call-to-action`, `self-reference` or `metadata-field` when that cue
//!    decided it). A name over a job title or date is a byline (`name-and-role`), and so is
//!    a name signing off under a paragraph (`sign-off`: `Ruth Adeyemi, Westbridge`); a bare
//!    clock time before body text heads a live-blog entry (`entry-time`).
//! 4. A body line on its own that is short, has no final punctuation and is followed by body
//!    text is a heading (`title-like`), unless it reads `Key: value`.
//!
//! Every decision keeps its score and features (see [`Features::names`]), which
//! `shelf inspect` shows and [`super::Document::classify_lines`] returns. Cost: one bounded
//! look at each undecided line, then two passes over the pieces.

use std::collections::HashSet;

use rustc_hash::FxHashMap;

use super::BlockKind;
use super::bylines::is_sign_off;
use super::context::{
    drop_bylines_in_tail_chrome, is_name_over_role, is_role_under_name, is_signature,
    opens_body_block,
};
use super::dates::is_clock;
use super::headline::pick_headline;
use super::line_score::{ANCHOR_SCORE, LineScore, is_key_value, line_score};
use super::lines::{Features, Line, Piece};
use super::rules::is_title_like;
use super::signals::{Hint, Language, capital_share, is_cjk};

/// The line scores of a document's candidates, by their span in the text: a candidate's text
/// is its span's, trimmed, and the document's language is one, so a score computed in the
/// structurer's first pass holds in its second (which scored every line again).
#[derive(Default)]
pub(crate) struct ScoreCache {
    scores: FxHashMap<(usize, usize), LineScore>,
}

/// In the head, a line needs this much to be body.
const EDGE_BODY_SCORE: i16 = 20;

/// In the tail, a sentence needs this much to be body.
const TAIL_BODY_SCORE: i16 = 10;

/// Scores within this distance of the line's threshold are near the boundary: the editor is
/// told the override that would settle them (see [`super::Document::uncertain_lines`]).
pub(crate) const UNCERTAIN_MARGIN: i16 = 12;

/// A line that can be a heading by its shape: short, no final punctuation, not opening in
/// lowercase, not `Key: value`, not ending with `,` `;` `:`.
fn is_heading_shape(text: &str, line: &LineScore) -> bool {
    if line.ends_sentence || line.weight > 200 {
        return false;
    }
    let is_cjk_line = text.chars().any(is_cjk);
    let limit = if is_cjk_line { 90 } else { 200 };
    !line.ends_sentence
        && !text.ends_with([',', ';', ':', '，', '、', '：'])
        && line.weight <= limit
        && line.words <= 20
        // Past ten words a Latin heading is in Title Case; a long sentence-case line without
        // its full stop is a paragraph.
        && (is_cjk_line || line.words <= 10 || capital_share(text).is_some_and(|s| s >= 60))
        && text.chars().any(char::is_alphabetic)
        && !text.chars().next().is_some_and(char::is_lowercase)
        && !is_key_value(text)
}

/// Separators between a headline and a site or section name (`Headline | Site`).
pub(crate) const SITE_SEPARATORS: &[&str] =
    &[" | ", " - ", " – ", " — ", " :: ", " · ", " > ", " » "];

// Kept whole: one pass over the candidates; each region's decision is its own function
// (`Head::decide`, `decide_tail`, `decide_between`), what stays is the shared set-up per line.
/// Decides the undecided pieces `candidates` (indexes into `pieces`) in context; see the
/// module docs.
pub(crate) fn decide(
    pieces: &mut [Piece],
    candidates: &[usize],
    lines: &[Line<'_>],
    latin: Language,
    repeated: &HashSet<&str>,
    cache: &mut ScoreCache,
) {
    if candidates.is_empty() {
        return;
    }
    let (scores, first, last) = score_and_anchor(pieces, candidates, latin, cache);
    let headline = pick_headline(pieces, candidates, &scores, first, lines);
    let (mut chrome_scan, mut tail_has_chrome) = (last.saturating_add(1), false);
    for &i in candidates {
        let Some(mut s) = scores[i] else { continue };
        // A later line may have decided this one already (`hide caption` makes the line
        // above it a caption).
        if pieces[i].rule != "paragraph" {
            continue;
        }
        let text = pieces[i].text.as_deref().unwrap_or("");
        let next_is_body = (i + 1..pieces.len())
            .find(|&j| pieces[j].kind != BlockKind::Dropped || scores[j].is_some())
            .is_some_and(|j| match scores[j] {
                Some(n) => n.score >= EDGE_BODY_SCORE,
                // A photo may stand between a heading and its text.
                None => matches!(
                    pieces[j].kind,
                    BlockKind::Paragraph | BlockKind::List | BlockKind::Quote | BlockKind::Caption
                ),
            });
        let heading_shape = is_heading_shape(text, &s);
        if heading_shape {
            s.features.insert(Features::TITLE_LIKE);
        }
        if next_is_body {
            s.features.insert(Features::BEFORE_BODY);
        }
        let mut margin = None;
        let is_metadata = s.features.contains(Features::METADATA);
        let cue_rule = if s.features.contains(Features::CALL_TO_ACTION) {
            "call-to-action"
        } else if s.features.contains(Features::SELF_REFERENCE) {
            "self-reference"
        } else {
            "page-chrome"
        };
        let (kind, rule) = if !text.chars().any(char::is_alphanumeric) {
            // `___`, `---`: a rule drawn in characters.
            (BlockKind::Dropped, "page-chrome")
        } else if !s.ends_sentence && repeated.contains(text) {
            // `编辑`, `Edit`, `Reply` after every section or post: a widget's label.
            s.features.insert(Features::CHROME_WORDING);
            (BlockKind::Dropped, "page-chrome")
        } else if is_clock(text) && next_is_body {
            // A live blog heads each entry with its time.
            s.features.insert(Features::CLOCK);
            (BlockKind::Heading, "entry-time")
        } else if is_metadata && first != usize::MAX && Some(i) != headline {
            (BlockKind::Dropped, "metadata-field")
        } else if first == usize::MAX {
            // No anchor at all: a page of short lines; keep the plain rules.
            if is_title_like(text) && is_standalone(lines, pieces[i].line) {
                (BlockKind::Heading, "title-like")
            } else {
                (BlockKind::Paragraph, "paragraph")
            }
        } else if i < first {
            let head = Head {
                pieces,
                scores: &scores,
                lines,
                first,
                headline,
            };
            head.decide(i, text, &mut s, &mut margin, cue_rule)
        } else if i > last {
            s.features.insert(Features::TAIL);
            // After the article's last long paragraph, only sentences stay: short last
            // paragraphs do, link lists and labels do not.
            if s.ends_sentence && s.hint.is_none() {
                margin = Some(s.score - TAIL_BODY_SCORE);
            }
            // Once the page has turned to chrome after the article, a sentence there belongs
            // to the chrome (an author's profile, a product blurb), not to the article.
            // One scan over the whole tail, however many lines it has (no pass per line).
            while chrome_scan < i {
                tail_has_chrome |= pieces[chrome_scan].kind == BlockKind::Dropped;
                chrome_scan += 1;
            }
            // `店家資訊` over the fact box's rows: the box's heading.
            let at = pieces[i].line;
            let over_facts = (at + 1..at + 3).all(|a| lines.get(a).is_some_and(is_fact_line));
            let titled = heading_shape && (next_is_body || over_facts);
            decide_tail(i, &mut s, titled, tail_has_chrome, cue_rule, pieces, lines)
        } else {
            let titled = heading_shape && next_is_body;
            decide_between(i, pieces, &mut s, &mut margin, titled, cue_rule, lines)
        };
        let piece = &mut pieces[i];
        piece.kind = kind;
        piece.rule = rule;
        piece.score = s.score;
        piece.features = s.features;
        piece.margin = margin;
    }
    if last != usize::MAX {
        drop_bylines_in_tail_chrome(pieces, last);
    }
}

/// What deciding a line of the page's head looks at: the pieces, their scores, the lines,
/// the first anchor and the headline picked.
struct Head<'a, 'l> {
    pieces: &'a [Piece],
    scores: &'a [Option<LineScore>],
    lines: &'a [Line<'l>],
    first: usize,
    headline: Option<usize>,
}

impl Head<'_, '_> {
    /// Step 3 in the head (before the first anchor): the headline, a name over a role, a
    /// site name, the line opening the body's block, body-scored sentences and fields, and
    /// chrome; sets the line's features and margin.
    fn decide(
        &self,
        i: usize,
        text: &str,
        s: &mut LineScore,
        margin: &mut Option<i16>,
        cue_rule: &'static str,
    ) -> (BlockKind, &'static str) {
        s.features.insert(Features::HEAD);
        if Some(i) == self.headline {
            s.features.insert(Features::HEADLINE);
            (BlockKind::Heading, "title-like")
        } else if is_name_over_role(text, self.pieces[i].line, self.lines) {
            // `Yuna Kang` over `Business reporter`: the author, named without `By`.
            (BlockKind::Byline, "name-and-role")
        } else if is_role_under_name(text, self.pieces[i].line, self.lines) {
            // The job line of that author's box, not a headline.
            (BlockKind::Dropped, "page-chrome")
        } else if has_site_separator(text) && self.headline.is_some_and(|h| h > i) {
            s.features.insert(Features::SITE_NAME);
            s.score -= 30;
            (BlockKind::Dropped, "page-chrome")
        } else if s.hint.is_none()
            && !s.features.contains(Features::STAMP)
            && !s.features.contains(Features::DATED)
            && self.headline != Some(i + 1)
            && opens_body_block(self.pieces, self.scores, i, self.lines)
        {
            // `Dear readers,` or a greeting: the first line of the block the body starts in.
            s.features.insert(Features::NEXT_TO_BODY);
            (BlockKind::Paragraph, "paragraph")
        } else if s.score >= EDGE_BODY_SCORE
            // With only comments below, a sentence of the page is its (short) text.
            || self.first == self.pieces.len() && s.ends_sentence && s.hint.is_none()
            || is_key_value(text) && s.hint.is_none() && !s.features.contains(Features::STAMP)
        {
            if is_key_value(text) {
                s.features.insert(Features::KEY_VALUE);
            } else {
                *margin = Some(s.score - EDGE_BODY_SCORE);
            }
            (BlockKind::Paragraph, "paragraph")
        } else {
            *margin = Some(s.score - EDGE_BODY_SCORE);
            (BlockKind::Dropped, cue_rule)
        }
    }
}

/// Step 3 in the tail (after the last anchor): sentences scoring as body stay, and so do a
/// heading over body text (`titled`) and a signature, unless the tail has turned to chrome
/// before them (`after_chrome`); the rest is chrome.
fn decide_tail(
    i: usize,
    s: &mut LineScore,
    titled: bool,
    after_chrome: bool,
    cue_rule: &'static str,
    pieces: &[Piece],
    lines: &[Line<'_>],
) -> (BlockKind, &'static str) {
    if after_chrome {
        s.features.insert(Features::AFTER_CHROME);
    }
    if s.ends_sentence && s.score >= TAIL_BODY_SCORE && s.hint.is_none() && !after_chrome {
        (BlockKind::Paragraph, "paragraph")
    } else if !after_chrome && signs_off(pieces, i, lines) {
        // `Martin Hale, Eastford` under the last letter: its writer.
        s.features.insert(Features::NEXT_TO_BODY);
        (BlockKind::Byline, "sign-off")
    } else if titled && s.hint.is_none() && !after_chrome {
        (BlockKind::Heading, "title-like")
    } else if !after_chrome && is_fact_row(pieces, s, i, lines) {
        // `營業時間：…` over `公休：…`: a fact box's rows under the last paragraph.
        s.features.insert(Features::KEY_VALUE);
        (BlockKind::Paragraph, "paragraph")
    } else if !after_chrome && is_signature(pieces, s, i, lines) {
        // A name signing off under the last paragraph, with no blank line between.
        s.features.insert(Features::NEXT_TO_BODY);
        (BlockKind::Paragraph, "paragraph")
    } else {
        (BlockKind::Dropped, cue_rule)
    }
}

/// Step 3 between anchors, for the line at line index `at`: a name over a role is a byline, surely chrome wording and stamps
/// are chrome, a heading over body text (`titled`) is a heading, and the rest is body.
fn decide_between(
    i: usize,
    pieces: &[Piece],
    s: &mut LineScore,
    margin: &mut Option<i16>,
    titled: bool,
    cue_rule: &'static str,
    lines: &[Line<'_>],
) -> (BlockKind, &'static str) {
    let (at, text) = (pieces[i].line, pieces[i].text.as_deref().unwrap_or(""));
    s.features.insert(Features::BETWEEN_BODY);
    if is_name_over_role(text, at, lines) {
        return (BlockKind::Byline, "name-and-role");
    }
    if signs_off(pieces, i, lines) {
        // `Ruth Adeyemi, Westbridge` between two readers' letters.
        s.features.insert(Features::NEXT_TO_BODY);
        return (BlockKind::Byline, "sign-off");
    }
    if s.hint == Some(Hint::Strong) {
        *margin = Some(s.score);
    }
    if s.hint == Some(Hint::Strong) && s.score < 0
        || s.features.contains(Features::STAMP)
        || s.hint.is_some() && s.words <= 3 && !s.ends_sentence
    {
        (BlockKind::Dropped, cue_rule)
    } else if titled {
        (BlockKind::Heading, "title-like")
    } else {
        if is_key_value(text) {
            s.features.insert(Features::KEY_VALUE);
        }
        (BlockKind::Paragraph, "paragraph")
    }
}

/// A line that can be a fact box's row: `Key: value`, not page metadata, no chrome wording.
fn is_fact_line(line: &Line<'_>) -> bool {
    !line.text.is_empty()
        && is_key_value(line.text)
        && !super::cues::is_metadata_field(line.text)
        && super::signals::chrome_hint(line.text).is_none()
}

/// Short lines ([`MAX_LABEL_CHARS`] characters or fewer) that stand alone on
/// [`LABEL_REPEATS`] or more lines of the seed: a widget's label repeated under each section
/// or post (`编辑`, `播报`, `Edit`), never a sentence of the article.
pub(crate) fn repeated_labels<'t>(lines: &[Line<'t>]) -> HashSet<&'t str> {
    let mut counts: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for line in lines {
        if !line.text.is_empty() && line.text.chars().nth(MAX_LABEL_CHARS).is_none() {
            *counts.entry(line.text).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= LABEL_REPEATS)
        .map(|(text, _)| text)
        .collect()
}

/// Longest line, in characters, that [`repeated_labels`] counts.
const MAX_LABEL_CHARS: usize = 12;

/// How often a short line must stand alone to be a repeated label.
const LABEL_REPEATS: usize = 3;

/// Whether piece `i` is a row of a fact box: a `Key: value` line that is not page metadata,
/// stamp or chrome wording, with another such row right above or below it (no blank line
/// between). A post's metadata (`Posted: …`, `Tags: …`) is caught by its keys or values.
fn is_fact_row(pieces: &[Piece], s: &LineScore, i: usize, lines: &[Line<'_>]) -> bool {
    let at = pieces[i].line;
    let text = pieces[i].text.as_deref().unwrap_or("");
    let neighbour = at.checked_sub(1).is_some_and(|a| is_fact_line(&lines[a]))
        || lines.get(at + 1).is_some_and(is_fact_line);
    is_key_value(text)
        && neighbour
        && s.hint.is_none()
        && !s.features.contains(Features::METADATA)
        && !s.features.contains(Features::STAMP)
}

/// Whether piece `i` signs off the paragraph above it: a sign-off's shape
/// ([`is_sign_off`]), right under a paragraph that ends a sentence (at most one blank line
/// between), and, unless it carries a place or a dash (`Jane Doe, Leeds`, `— Jane`), with no
/// text right below it (a name over text is that text's heading).
fn signs_off(pieces: &[Piece], i: usize, lines: &[Line<'_>]) -> bool {
    let (at, text) = (pieces[i].line, pieces[i].text.as_deref().unwrap_or(""));
    if i == 0 || !is_sign_off(text) {
        return false;
    }
    let above = &pieces[i - 1];
    let is_under_paragraph = above.kind == BlockKind::Paragraph
        && above.line + 2 >= at
        && above
            .text
            .as_deref()
            .is_some_and(super::rules::ends_sentence);
    let is_marked = text.contains(", ") || !text.starts_with(char::is_alphabetic);
    let below_blank = lines.get(at + 1).is_none_or(|l| l.text.is_empty());
    is_under_paragraph && (is_marked || below_blank && above.line + 1 == at)
}

/// Steps 1 and 2: each candidate's line score, and the indexes of the first and last anchor
/// (`usize::MAX` for both when there is none and no comment section; the pieces' length when
/// only comments stand below).
fn score_and_anchor(
    pieces: &[Piece],
    candidates: &[usize],
    latin: Language,
    cache: &mut ScoreCache,
) -> (Vec<Option<LineScore>>, usize, usize) {
    let mut scores: Vec<Option<LineScore>> = vec![None; pieces.len()];
    for &i in candidates {
        let piece = &pieces[i];
        let score = *cache
            .scores
            .entry((piece.span.start, piece.span.end))
            .or_insert_with(|| line_score(piece.text.as_deref().unwrap_or(""), latin));
        scores[i] = Some(score);
    }
    let is_anchor = |i: usize, pieces: &[Piece], scores: &[Option<LineScore>]| match scores[i] {
        // A short question (`Best way to store winter tyres?`) may be a headline: not an anchor.
        Some(s) => {
            s.score >= ANCHOR_SCORE
                && s.weight >= 50
                && !(i == candidates[0]
                    && s.weight < 100
                    && pieces[i].text.as_deref().is_some_and(|t| t.ends_with('?')))
        }
        None => {
            matches!(
                pieces[i].kind,
                BlockKind::Paragraph | BlockKind::List | BlockKind::Quote
            ) && pieces[i].rule != "override"
        }
    };
    let anchors: Vec<usize> = (0..pieces.len())
        .filter(|&i| is_anchor(i, pieces, &scores))
        .collect();
    let (first, last) = match (anchors.first(), anchors.last()) {
        (Some(&f), Some(&l)) => (f, l),
        // A question with only answers below (`为什么…？` over `3 个回答`): the page before the
        // comment section is all head, headline and chrome.
        _ if pieces.iter().any(|p| p.kind == BlockKind::Comment) => (pieces.len(), pieces.len()),
        _ => (usize::MAX, usize::MAX),
    };
    (scores, first, last)
}

pub(crate) fn has_site_separator(text: &str) -> bool {
    SITE_SEPARATORS.iter().any(|s| text.contains(s))
}

/// Whether the lines around line index `at` are blank (or the text's edges).
fn is_standalone(lines: &[Line<'_>], at: usize) -> bool {
    let blank = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_none_or(|l| l.text.is_empty())
    };
    blank(at.checked_sub(1)) && blank(Some(at + 1))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::signals::Language;

    /// #12: a short label standing alone under every section (`编辑`, a wiki's edit link) is
    /// chrome, however it sits between the sections' paragraphs.
    #[test]
    fn a_label_repeated_under_every_section_is_chrome() {
        let text = "青砖茶是一种紧压黑茶，主要产于湖北，历史很长，制作讲究，饮用方便，很受欢迎。\n历史\n编辑\n据地方志记载，这一带在明代已开始制作紧压茶，清代中期以后产量逐年增加。\n工艺\n编辑\n制作分为初制和复制两个阶段，需要经过杀青、揉捻、渥堆和干燥等工序。\n饮用\n编辑\n饮用时一般先将茶砖撬开，再用沸水冲泡，也可以煮饮，味道醇和。\n";
        let (document, _) = crate::parse::text::structure_text(text, &Default::default());
        for line in document.line_report() {
            if line.text == "编辑" {
                assert_eq!(line.blocks[0].0, BlockKind::Dropped, "{}", line.number);
            }
        }
    }

    /// #12: a fact box after the article's last paragraph (`営業時間：…` rows under a short
    /// label) is the article's, its label a heading; a lone field there is still chrome.
    #[test]
    fn a_fact_box_in_the_tail_is_body_under_its_heading() {
        let text = "The stall by the market has sold the same rice cakes for forty years, and the owner still makes every one of them by hand before dawn.\n\nShe says the price has gone up only twice since she opened, and that she has no plans to stop.\n\nお店の情報\n住所：港町3丁目2番\n営業時間：朝7時から売り切れまで\n定休日：毎週火曜日\n\nCopyright 2025 Harbour Notes. All rights reserved.\n";
        let (document, _) = crate::parse::text::structure_text(text, &Default::default());
        let kinds: Vec<_> = document
            .line_report()
            .into_iter()
            .filter(|l| !l.text.is_empty())
            .map(|l| l.blocks[0].0)
            .collect();
        assert_eq!(
            kinds[2..],
            [
                BlockKind::Heading,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Dropped
            ],
            "{kinds:?}"
        );
    }

    #[test]
    fn cjk_sentences_are_not_short_for_their_characters() {
        let korean = line_score(
            "당초 이날 오후로 예정됐던 본회의는 다음 주로 미뤄졌다.",
            Language::Spaced("en"),
        );
        assert!(korean.score >= EDGE_BODY_SCORE, "{korean:?}");
        let chrome = line_score("무단 전재 및 재배포 금지", Language::Spaced("en"));
        assert!(chrome.score < 0, "{chrome:?}");
    }
}
