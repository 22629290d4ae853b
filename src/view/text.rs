//! An article's text as templates see it: blocks with their entity links, the table of
//! contents and the reader comments as threads.
//!
//! Takes a model [`Article`] and the entity mentions linking found in it; returns the
//! [`BlockView`]s of the body (no comments, nothing dropped; headings get anchor ids unique
//! in the article), the [`TocEntryView`]s and the [`CommentView`] threads.

use serde::Serialize;

use super::paths;
use super::strings::Strings;
use crate::link::ArticleMention;
use crate::model::Article;
use crate::model::reference::Entity;
use crate::model::text::{Block, BlockKind, heading_text};

/// A block of the article's structured text (comments and dropped blocks are not among
/// them, but for the mark where a dropped image stood: kind `dropped`, its file name as
/// its line).
#[derive(Debug, Clone, Serialize)]
pub struct BlockView {
    /// `paragraph`, `heading`, `caption`, `dateline`, `byline`, `quote`, `list`,
    /// `section_break` or `series`: the template chooses the markup.
    pub kind: BlockKind,
    /// Plain-text lines (list items for a list), escaped by the template.
    pub lines: Vec<String>,
    /// For a heading: its anchor id, unique in the article.
    pub id: Option<String>,
    /// For a list: whether it is numbered.
    pub ordered: bool,
    /// The editor's corrections to this block, for a "[corrected: …]" note.
    pub corrections: Vec<CorrectionView>,
    /// The lines again, cut where an entity's first mention links to its page. Templates
    /// render these for body text; each line is at least one segment.
    pub segments: Vec<Vec<SegmentView>>,
    /// For a quotation: the source its text credits at its end (`… [Daily NK]` gives
    /// `Daily NK`), taken off the last line (#17).
    pub source: Option<String>,
}

/// A piece of a line: plain text, the first mention of an entity with its link, or the
/// mark of a correction right after the words it corrected.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    /// The text, escaped by the template (empty for a mark).
    pub text: String,
    /// Root-relative path of the entity page, when the text is a mention.
    pub href: Option<String>,
    /// For a correction's mark: the correction's number (#17).
    pub mark: Option<usize>,
}

/// An editorial correction applied to a block.
#[derive(Debug, Clone, Serialize)]
pub struct CorrectionView {
    /// The original text.
    pub find: String,
    /// What the editor put instead.
    pub replace: String,
    /// Why.
    pub note: Option<String>,
    /// Kept as the original has it, marked `[sic]` in the text: no “corrected” note.
    pub is_sic: bool,
    /// The correction's number in the article (from 1), for a footnote-style mark in the
    /// text and its note after the text (#17); `None` for `[sic]`.
    pub number: Option<usize>,
    /// Whether the mark stands in the block's segments, right after the corrected words;
    /// when they cannot be found (the correction removed text, or the words were changed
    /// again), the template puts the mark at the end of the block.
    pub is_placed: bool,
}

/// An entry of an article's table of contents.
#[derive(Debug, Clone, Serialize)]
pub struct TocEntryView {
    /// The heading's anchor id.
    pub id: String,
    /// The heading's text.
    pub title: String,
}

/// A reader comment and its replies.
#[derive(Debug, Clone, Serialize)]
pub struct CommentView {
    /// The author's name, when the text gives it.
    pub author: Option<String>,
    /// Whether the comment is the site's own reply: its author is the article's author or
    /// outlet, or a site role (`Admin`, `관리자`, `編集部`), or the editor marked it so
    /// (`[[structure.site_replies]]`).
    pub is_site: bool,
    /// Plain-text lines.
    pub lines: Vec<String>,
    /// 0 for a top-level comment; replies are nested in `replies` up to depth 2, deeper
    /// ones join the replies at depth 2.
    pub depth: usize,
    /// Replies, in order.
    pub replies: Vec<CommentView>,
}

/// Ids the article template uses itself; heading anchors avoid them.
const RESERVED_IDS: &[&str] = &[
    "main",
    "editor-note-heading",
    "series-heading",
    "related-heading",
    "comments-heading",
    "toc-heading",
];

/// Headings an article needs before it gets a table of contents.
const MIN_TOC_HEADINGS: usize = 3;

/// Deepest reply level the comment view nests.
const MAX_COMMENT_DEPTH: usize = 2;

/// The blocks of an article's text a reader sees in the body: no comments, nothing dropped.
/// Headings get anchor ids, unique in the article.
pub fn blocks_of(
    article: &Article,
    links: &[ArticleMention],
    entities: &[Entity],
) -> Vec<BlockView> {
    let mut used = super::heading_id::HeadingIds::with_reserved(RESERVED_IDS);
    let mut numbered = 0;
    let blocks = &article.document.blocks;
    blocks
        .iter()
        .enumerate()
        .filter(|&(index, b)| {
            (b.kind.is_rendered() && b.kind != BlockKind::Comment)
                // One mark for a run of dropped images.
                || (is_image_gap(blocks, index) && !(index > 0 && is_image_gap(blocks, index - 1)))
        })
        .map(|(index, b)| {
            if b.kind == BlockKind::Dropped {
                return image_gap(blocks, index);
            }
            let mut corrections: Vec<CorrectionView> = b
                .corrections
                .iter()
                .map(|c| CorrectionView {
                    find: c.find.clone(),
                    replace: c.replace.clone(),
                    note: c.note.clone(),
                    is_sic: c.is_sic,
                    number: (!c.is_sic).then(|| {
                        numbered += 1;
                        numbered
                    }),
                    is_placed: false,
                })
                .collect();
            let marks = place_marks(&b.lines, &mut corrections);
            BlockView {
                segments: b
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(line, text)| {
                        let segments = segments_of(text, index, line, links, entities);
                        with_marks(segments, &marks[line])
                    })
                    .collect(),
                kind: b.kind,
                // The marker that made a line a heading (`◆`) is presentation, not text.
                lines: if b.kind == BlockKind::Heading {
                    b.lines
                        .iter()
                        .map(|l| heading_text(l).to_string())
                        .collect()
                } else {
                    b.lines.clone()
                },
                id: (b.kind == BlockKind::Heading).then(|| used.assign(&b.lines.join(" "))),
                ordered: b.ordered,
                corrections,
                source: None,
            }
        })
        .fold(Vec::new(), join_quotation)
}

/// Adds `block` to `blocks`: a quotation right after a quotation is one with it (#17: a
/// passage quoted from another outlet, five paragraphs, read as five quotations), until one
/// names its source; a quotation's source is taken off its end ([`quoted_source`]).
fn join_quotation(mut blocks: Vec<BlockView>, mut block: BlockView) -> Vec<BlockView> {
    if block.kind == BlockKind::Quote {
        block.source = quoted_source(&mut block);
    }
    match blocks.last_mut() {
        Some(last)
            if last.kind == BlockKind::Quote
                && block.kind == BlockKind::Quote
                && last.source.is_none() =>
        {
            last.lines.append(&mut block.lines);
            last.segments.append(&mut block.segments);
            last.corrections.append(&mut block.corrections);
            last.source = block.source;
        }
        _ => blocks.push(block),
    }
    blocks
}

/// The source a quotation credits in brackets at the end of its last line (`… about 2
/// days.   [Daily NK]`), taken off the line; `None`, and the line kept, when the last
/// segment is not plain text ending so, or the brackets hold an editor's mark (`[sic]`).
fn quoted_source(block: &mut BlockView) -> Option<String> {
    let segment = block.segments.last_mut()?.last_mut()?;
    if segment.href.is_some() || segment.mark.is_some() {
        return None;
    }
    let text = segment.text.trim_end();
    let open = text.strip_suffix(']')?.rfind('[')?;
    let name = text[open + 1..text.len() - 1].trim();
    let before = text[..open].trim_end();
    let is_name = (2..=40).contains(&name.chars().count())
        && name.chars().next().is_some_and(char::is_uppercase)
        && !name.contains(['[', ']'])
        && !name.eq_ignore_ascii_case("sic");
    // The credit follows the quoted words, never stands alone.
    if !is_name || before.is_empty() || text[before.len()..open].is_empty() {
        return None;
    }
    let (name, before) = (name.to_string(), before.to_string());
    let removed = text.len() - before.len();
    segment.text = before;
    // The line ends with its last segment's text.
    if let Some(line) = block.lines.last_mut() {
        let kept = line.trim_end().len().saturating_sub(removed);
        if line.is_char_boundary(kept) {
            line.truncate(kept);
        }
    }
    Some(name)
}

/// Rules of the structurer that drop an image's file name (alone on its line, or stuck to
/// the start of the text that follows it).
const IMAGE_NAME_RULES: &[&str] = &["image-filename", "glued-filename"];

/// Words a page puts where its image was (`[사진]`, `(Photo)`, `【写真】`), lowercased.
const IMAGE_WORDS: &[&str] = &[
    "photo",
    "image",
    "picture",
    "photograph",
    "사진",
    "이미지",
    "그림",
    "写真",
    "画像",
    "图片",
    "圖片",
    "照片",
];

/// Whether a dropped line is an image's place holder: one of [`IMAGE_WORDS`], alone or in
/// brackets.
fn is_image_placeholder(text: &str) -> bool {
    let inner = text
        .trim()
        .trim_matches(['[', ']', '(', ')', '【', '】', '（', '）', '〔', '〕']);
    IMAGE_WORDS.contains(&inner.trim().to_lowercase().as_str())
}

/// Whether block `index` is a dropped image (its file name or a place holder) the reader
/// should see a mark for (#17: "the bridge at left" referred to an image that left no
/// trace): not when a caption stands next to it (its box already says the photo is not
/// reproduced), nor among the comments.
fn is_image_gap(blocks: &[Block], index: usize) -> bool {
    let block = &blocks[index];
    let is_shown = |b: &&Block| b.kind.is_rendered();
    block.kind == BlockKind::Dropped
        && (IMAGE_NAME_RULES.contains(&block.rule)
            || (block.rule == "page-chrome" && block.lines.iter().all(|l| is_image_placeholder(l))))
        && !blocks[..index].iter().any(|b| b.kind == BlockKind::Comment)
        && blocks[..index].iter().rev().find(is_shown).map(|b| b.kind) != Some(BlockKind::Caption)
        && blocks[index + 1..].iter().find(is_shown).map(|b| b.kind) != Some(BlockKind::Caption)
}

/// The mark where dropped images stood: a `dropped` block whose one line holds what the
/// original had there (file names, place holders), for the run of image gaps that starts at
/// `index`.
fn image_gap(blocks: &[Block], index: usize) -> BlockView {
    let name = (index..blocks.len())
        .take_while(|&i| is_image_gap(blocks, i))
        .flat_map(|i| blocks[i].lines.iter().map(|l| l.trim()))
        .collect::<Vec<_>>()
        .join(" · ");
    BlockView {
        kind: BlockKind::Dropped,
        segments: vec![vec![SegmentView {
            text: name.clone(),
            href: None,
            mark: None,
        }]],
        lines: vec![name],
        id: None,
        ordered: false,
        corrections: Vec::new(),
        source: None,
    }
}

/// Cuts a line at the entity mentions that fall in it.
fn segments_of(
    text: &str,
    block: usize,
    line: usize,
    links: &[ArticleMention],
    entities: &[Entity],
) -> Vec<SegmentView> {
    let mut segments = Vec::new();
    let mut at = 0;
    for mention in links.iter().filter(|m| m.block == block && m.line == line) {
        let (Some(before), Some(name)) = (
            text.get(at..mention.start),
            text.get(mention.start..mention.end),
        ) else {
            continue;
        };
        if !before.is_empty() {
            segments.push(SegmentView {
                text: before.to_string(),
                href: None,
                mark: None,
            });
        }
        let href = entities
            .get(mention.entity)
            .map(|e| paths::href(&paths::entity(e.slug.as_str())));
        segments.push(SegmentView {
            text: name.to_string(),
            href,
            mark: None,
        });
        at = mention.end;
    }
    if at < text.len() || segments.is_empty() {
        segments.push(SegmentView {
            text: text[at..].to_string(),
            href: None,
            mark: None,
        });
    }
    segments
}

/// Where each numbered correction's mark goes: per line, the byte offsets just after the
/// corrected words (the first place, in order, where the replacement text stands), with the
/// correction's number. Marks it places are flagged `is_placed`.
fn place_marks(lines: &[String], corrections: &mut [CorrectionView]) -> Vec<Vec<(usize, usize)>> {
    let mut marks = vec![Vec::new(); lines.len()];
    let mut from = (0, 0);
    for correction in corrections.iter_mut() {
        let Some(number) = correction.number else {
            continue;
        };
        if correction.replace.is_empty() {
            continue;
        }
        let found = (from.0..lines.len()).find_map(|line| {
            let start = if line == from.0 { from.1 } else { 0 };
            let at = lines[line].get(start..)?.find(&correction.replace)?;
            Some((line, start + at + correction.replace.len()))
        });
        if let Some((line, end)) = found {
            marks[line].push((end, number));
            correction.is_placed = true;
            from = (line, end);
        }
    }
    marks
}

/// The segments of a line with the marks at `marks` (byte offsets in the line, in order)
/// put in: a text segment is cut at a mark; a mark inside an entity's link goes after it.
fn with_marks(segments: Vec<SegmentView>, marks: &[(usize, usize)]) -> Vec<SegmentView> {
    if marks.is_empty() {
        return segments;
    }
    let mark = |number| SegmentView {
        text: String::new(),
        href: None,
        mark: Some(number),
    };
    let mut out = Vec::with_capacity(segments.len() + marks.len() * 2);
    let mut pending = marks.iter().peekable();
    let mut start = 0;
    for segment in segments {
        let end = start + segment.text.len();
        if segment.href.is_some() {
            out.push(segment);
            while let Some(&(_, number)) = pending.next_if(|(at, _)| *at <= end) {
                out.push(mark(number));
            }
        } else {
            let mut cut = start;
            while let Some(&(at, number)) = pending.next_if(|(at, _)| *at <= end) {
                if let Some(piece) = segment.text.get(cut - start..at.max(cut) - start)
                    && !piece.is_empty()
                {
                    out.push(SegmentView {
                        text: piece.to_string(),
                        href: None,
                        mark: None,
                    });
                }
                cut = at.max(cut);
                out.push(mark(number));
            }
            if let Some(rest) = segment.text.get(cut - start..)
                && !rest.is_empty()
            {
                out.push(SegmentView {
                    text: rest.to_string(),
                    href: None,
                    mark: None,
                });
            }
        }
        start = end;
    }
    out.extend(pending.map(|&(_, number)| mark(number)));
    out
}

/// The table of contents: every heading, when there are at least three.
pub fn toc_of(blocks: &[BlockView]) -> Vec<TocEntryView> {
    let entries: Vec<TocEntryView> = blocks
        .iter()
        .filter_map(|b| {
            Some(TocEntryView {
                id: b.id.clone()?,
                title: b.lines.join(" "),
            })
        })
        .collect();
    if entries.len() >= MIN_TOC_HEADINGS {
        entries
    } else {
        Vec::new()
    }
}

/// The article's reader comments as nested threads, with their total number. A comment the
/// editor marked as the site's shows the name the mark gives, else the author the text
/// names, else the article's source, else `strings`' name for the original site.
pub fn comments_of(article: &Article, strings: &Strings) -> (Vec<CommentView>, usize) {
    let mut threads = Vec::new();
    let mut count = 0;
    let site_names = site_names_of(article);
    let source_name = article.source.as_ref().and_then(|s| s.name.clone());
    for block in article.document.comments() {
        let depth = block
            .comment
            .as_ref()
            .map_or(0, |c| c.depth)
            .min(MAX_COMMENT_DEPTH);
        let text_author = block.comment.as_ref().and_then(|c| c.author.clone());
        let mark = block.comment.as_ref().and_then(|c| c.site_reply.as_ref());
        let (author, is_site) = match mark {
            Some(mark) => (
                Some(
                    mark.name
                        .clone()
                        .or(text_author)
                        .or(source_name.clone())
                        .unwrap_or_else(|| strings.site_reply_author.to_string()),
                ),
                true,
            ),
            None => {
                let is_site = text_author
                    .as_deref()
                    .is_some_and(|a| is_site_author(a, &site_names));
                (text_author, is_site)
            }
        };
        let view = CommentView {
            is_site,
            author,
            lines: block.lines.clone(),
            depth,
            replies: Vec::new(),
        };
        insert_comment(&mut threads, view, depth);
        count += 1;
    }
    (threads, count)
}

/// Names a site replies under: a role (`Admin`, `관리자`, `編集部`), lowercased.
const SITE_ROLES: &[&str] = &[
    "admin",
    "administrator",
    "site admin",
    "moderator",
    "the editors",
    "editors",
    "editor",
    "author",
    "post author",
    "관리자",
    "운영자",
    "편집부",
    "編集部",
    "管理人",
    "管理者",
    "管理员",
    "小编",
    "站长",
    "编辑部",
];

/// The names the article's own side replies under, lowercased: its authors, its source,
/// and the names its bylines give (`By Jane Porter` → `jane porter`).
fn site_names_of(article: &Article) -> Vec<String> {
    let bylines = article
        .document
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Byline)
        .flat_map(|b| &b.lines)
        .map(|line| {
            let line = line.trim();
            line.strip_prefix("By ")
                .or_else(|| line.strip_prefix("Written by "))
                .unwrap_or(line)
                .to_string()
        });
    article
        .authors
        .iter()
        .cloned()
        .chain(article.source.as_ref().and_then(|s| s.name.clone()))
        .chain(bylines)
        .map(|name| name.trim().to_lowercase())
        .filter(|name| !name.is_empty())
        .collect()
}

/// Whether a comment's author is the site's side (see [`CommentView::is_site`]); a marked
/// author (`Jane Porter (Author)`, `Admin`) counts too.
fn is_site_author(author: &str, site_names: &[String]) -> bool {
    let lowered = author.trim().to_lowercase();
    let bare = lowered
        .trim_end_matches([')', ']'])
        .rsplit_once(['(', '['])
        .map(|(name, mark)| (name.trim(), mark.trim()));
    let is_marked = bare.is_some_and(|(_, mark)| SITE_ROLES.contains(&mark));
    let name = bare.map_or(lowered.as_str(), |(name, _)| name);
    is_marked
        || SITE_ROLES.contains(&lowered.as_str())
        || site_names
            .iter()
            .any(|site| site == name || site == &lowered)
}

/// Puts a comment under the last comment one level up; a reply without a parent stays at
/// the level it reached (its `depth` still says it is a reply).
fn insert_comment(list: &mut Vec<CommentView>, comment: CommentView, depth: usize) {
    match list.last_mut() {
        Some(parent) if depth > 0 => insert_comment(&mut parent.replies, comment, depth - 1),
        _ => list.push(comment),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quote(lines: &[&str]) -> BlockView {
        BlockView {
            kind: BlockKind::Quote,
            lines: lines.iter().map(|l| l.to_string()).collect(),
            id: None,
            ordered: false,
            corrections: Vec::new(),
            segments: lines.iter().map(|l| vec![text(l, None)]).collect(),
            source: None,
        }
    }

    #[test]
    fn a_run_of_quotations_is_one_and_its_bracketed_credit_its_source_17() {
        let paragraph = BlockView {
            kind: BlockKind::Paragraph,
            ..quote(&["The blogger’s own words."])
        };
        let blocks = [
            quote(&["On the 12th, a channel interviewed two guards."]),
            quote(&["“We came through the mountains.”   [Daily NK]"]),
            paragraph,
            quote(&["A word spelt wrong [sic]"]),
            quote(&["[Alone]"]),
        ]
        .into_iter()
        .fold(Vec::new(), join_quotation);
        let shown: Vec<(BlockKind, Vec<String>, Option<String>)> = blocks
            .into_iter()
            .map(|b| {
                let segments = b.segments.iter().map(|l| l[0].text.clone()).collect();
                assert_eq!(segments, b.lines, "lines and segments agree");
                (b.kind, segments, b.source)
            })
            .collect();
        assert_eq!(
            shown,
            [
                (
                    BlockKind::Quote,
                    vec![
                        "On the 12th, a channel interviewed two guards.".to_string(),
                        "“We came through the mountains.”".to_string()
                    ],
                    Some("Daily NK".to_string())
                ),
                (
                    BlockKind::Paragraph,
                    vec!["The blogger’s own words.".to_string()],
                    None
                ),
                (
                    BlockKind::Quote,
                    vec![
                        "A word spelt wrong [sic]".to_string(),
                        "[Alone]".to_string()
                    ],
                    None
                ),
            ]
        );
    }

    fn text(text: &str, href: Option<&str>) -> SegmentView {
        SegmentView {
            text: text.to_string(),
            href: href.map(str::to_string),
            mark: None,
        }
    }

    /// The segments as `text`, `[link]` and `†n`.
    fn shown(segments: &[SegmentView]) -> String {
        segments
            .iter()
            .map(|s| match (&s.mark, &s.href) {
                (Some(n), _) => format!("†{n}"),
                (None, Some(_)) => format!("[{}]", s.text),
                (None, None) => s.text.clone(),
            })
            .collect()
    }

    #[test]
    fn a_mark_cuts_its_text_and_follows_a_link_it_falls_in() {
        let line = vec![
            text("what the ", None),
            text("Daily NK", Some("e/")),
            text(" says: “quote”", None),
        ];
        assert_eq!(
            shown(&with_marks(line.clone(), &[(13, 1)])),
            "what the [Daily NK]†1 says: “quote”"
        );
        assert_eq!(
            shown(&with_marks(line.clone(), &[(17, 1)])),
            "what the [Daily NK]†1 says: “quote”"
        );
        assert_eq!(
            shown(&with_marks(line.clone(), &[(4, 1), (22, 2)])),
            "what†1 the [Daily NK] says†2: “quote”"
        );
        assert_eq!(
            shown(&with_marks(line, &[(100, 3)])),
            "what the [Daily NK] says: “quote”†3"
        );
    }

    #[test]
    fn marks_are_placed_in_order_after_each_replacement() {
        let lines = vec!["a cat and a cat".to_string(), "a dog".to_string()];
        let correction = |replace: &str, number| CorrectionView {
            find: String::new(),
            replace: replace.to_string(),
            note: None,
            is_sic: false,
            number: Some(number),
            is_placed: false,
        };
        let mut corrections = vec![
            correction("cat", 1),
            correction("cat", 2),
            correction("dog", 3),
            correction("", 4),
            correction("bird", 5),
        ];
        let marks = place_marks(&lines, &mut corrections);
        assert_eq!(marks, [vec![(5, 1), (15, 2)], vec![(5, 3)]]);
        let placed: Vec<bool> = corrections.iter().map(|c| c.is_placed).collect();
        assert_eq!(placed, [true, true, true, false, false]);
    }

    #[test]
    fn tells_the_sites_own_replies() {
        let names = vec!["jane porter".to_string(), "oakfield news".to_string()];
        assert!(is_site_author("Jane Porter", &names));
        assert!(is_site_author("Oakfield News", &names));
        assert!(is_site_author("Admin", &names));
        assert!(is_site_author("관리자", &names));
        assert!(is_site_author("編集部", &names));
        assert!(is_site_author("Tom Reed (Author)", &names));
        assert!(!is_site_author("Maria Chen", &names));
        assert!(!is_site_author("Janet Porter-Lee", &names));
    }
}
