//! An article's text as templates see it: blocks with their entity links, the table of
//! contents and the reader comments as threads.
//!
//! Takes a model [`Article`] and the entity mentions linking found in it; returns the
//! [`BlockView`]s of the body (no comments, nothing dropped; headings get anchor ids unique
//! in the article), the [`TocEntryView`]s and the [`CommentView`] threads.

use serde::Serialize;

use super::paths;
use crate::link::ArticleMention;
use crate::model::Article;
use crate::model::reference::Entity;
use crate::model::text::{BlockKind, heading_text};

/// A block of the article's structured text (comments and dropped blocks are not among them).
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
}

/// A piece of a line: plain text, or the first mention of an entity with its link.
#[derive(Debug, Clone, Serialize)]
pub struct SegmentView {
    /// The text, escaped by the template.
    pub text: String,
    /// Root-relative path of the entity page, when the text is a mention.
    pub href: Option<String>,
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
    /// text and its note after the text (#17); `None` for `[sic]` and in a caption, whose
    /// note stays in the caption.
    pub number: Option<usize>,
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
    /// outlet, or a site role (`Admin`, `관리자`, `編集部`).
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
    let mut corrections = 0;
    article
        .document
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind.is_rendered() && b.kind != BlockKind::Comment)
        .map(|(index, b)| BlockView {
            segments: b
                .lines
                .iter()
                .enumerate()
                .map(|(line, text)| segments_of(text, index, line, links, entities))
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
            corrections: b
                .corrections
                .iter()
                .map(|c| CorrectionView {
                    find: c.find.clone(),
                    replace: c.replace.clone(),
                    note: c.note.clone(),
                    is_sic: c.is_sic,
                    number: (!c.is_sic && b.kind != BlockKind::Caption).then(|| {
                        corrections += 1;
                        corrections
                    }),
                })
                .collect(),
        })
        .collect()
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
            });
        }
        let href = entities
            .get(mention.entity)
            .map(|e| paths::href(&paths::entity(e.slug.as_str())));
        segments.push(SegmentView {
            text: name.to_string(),
            href,
        });
        at = mention.end;
    }
    if at < text.len() || segments.is_empty() {
        segments.push(SegmentView {
            text: text[at..].to_string(),
            href: None,
        });
    }
    segments
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

/// The article's reader comments as nested threads, with their total number.
pub fn comments_of(article: &Article) -> (Vec<CommentView>, usize) {
    let mut threads = Vec::new();
    let mut count = 0;
    let site_names = site_names_of(article);
    for block in article.document.comments() {
        let depth = block
            .comment
            .as_ref()
            .map_or(0, |c| c.depth)
            .min(MAX_COMMENT_DEPTH);
        let author = block.comment.as_ref().and_then(|c| c.author.clone());
        let view = CommentView {
            is_site: author
                .as_deref()
                .is_some_and(|a| is_site_author(a, &site_names)),
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
