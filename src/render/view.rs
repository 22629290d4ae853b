//! The `*View` structs templates receive: plain serializable data, built from the site graph.
//!
//! Templates never see model types, so renaming a model field cannot break a theme. Every
//! path in a view is relative to the site root (`articles/x/index.html`); templates prefix
//! it with `root`, the page's way back to the root (`../../`), so the output works at a
//! domain's root, under a sub-path and from disk. This file is the place to look for what a
//! template can use: each field is documented and the README lists them per template.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::link::{ArticleMention, Site};
use crate::model::reference::Entity;
use crate::model::{Article, PartialDate, Topic};
use crate::parse::text::BlockKind;

/// The whole site, the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The collection's name.
    pub title: String,
    /// One sentence about it.
    pub description: String,
    /// Default language.
    pub language: String,
    /// Absolute base URL, ending in `/`.
    pub base_url: String,
    /// The curator.
    pub editor: String,
    /// Markdown pages for the navigation, in order.
    pub nav: Vec<LinkView>,
    /// Content-hashed asset paths by their name in the theme's `static/` (`style.css`).
    pub assets: BTreeMap<String, String>,
    /// Number of articles and topics, for footers.
    pub article_count: usize,
    /// Number of topics.
    pub topic_count: usize,
    /// Whether there are entity pages to link to.
    pub has_entities: bool,
    /// Whether there is a timeline page to link to.
    pub has_timeline: bool,
    /// `shelf` and its version.
    pub generator: String,
}

/// A link: a title and a root-relative path.
#[derive(Debug, Clone, Serialize)]
pub struct LinkView {
    /// Link text.
    pub title: String,
    /// Root-relative path.
    pub path: String,
}

/// A date with its precision.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// For `<time datetime>`: `2010`, `2023-12` or `2023-12-04`.
    pub iso: String,
    /// For readers: `2010`, `December 2023`, `4 December 2023`.
    pub display: String,
    /// `year`, `month` or `day`.
    pub precision: &'static str,
    /// RFC 3339, for feeds.
    pub rfc3339: String,
}

impl DateView {
    /// Describes a partial date.
    pub fn new(date: &PartialDate) -> Self {
        DateView {
            iso: date.iso(),
            display: date.display(),
            precision: date.precision(),
            rfc3339: date.rfc3339(),
        }
    }
}

/// A topic as listed on an article or in the topic index.
#[derive(Debug, Clone, Serialize)]
pub struct TopicRefView {
    /// Slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Root-relative path of the topic page.
    pub path: String,
}

/// What article lists show: home, topic pages, related articles, feeds.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleSummaryView {
    /// Slug.
    pub slug: String,
    /// Headline.
    pub title: String,
    /// Second headline.
    pub subtitle: Option<String>,
    /// Root-relative path of the article page.
    pub path: String,
    /// Path for canonical and feed links, without `index.html` (`articles/x/`).
    pub url_path: String,
    /// Publication date of the original.
    pub published: DateView,
    /// Original publication's name.
    pub source_name: Option<String>,
    /// Authors of the original.
    pub authors: Vec<String>,
    /// Plain-text summary.
    pub summary: String,
    /// Words in the text.
    pub word_count: usize,
    /// Minutes to read at the site's reading speed, at least 1.
    pub reading_minutes: usize,
    /// Topics, in the editor's order.
    pub topics: Vec<TopicRefView>,
    /// Whether the article is a draft (only built with `--drafts`).
    pub is_draft: bool,
    /// The article's language when it differs from the site's.
    pub language: Option<String>,
}

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
    /// Plain-text lines.
    pub lines: Vec<String>,
    /// 0 for a top-level comment; replies are nested in `replies` up to depth 2, deeper
    /// ones join the replies at depth 2.
    pub depth: usize,
    /// Replies, in order.
    pub replies: Vec<CommentView>,
}

/// An article's series.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesView {
    /// The series' name.
    pub title: String,
    /// This part's number.
    pub part: u32,
    /// Number of parts, when known.
    pub total: Option<u32>,
    /// Every part, in order (may be empty).
    pub parts: Vec<SeriesPartView>,
}

/// One part of a series.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesPartView {
    /// Part number, from 1.
    pub number: u32,
    /// Title.
    pub title: String,
    /// Root-relative path when the part is in this collection.
    pub path: Option<String>,
    /// The original's address, when known.
    pub url: Option<String>,
    /// Whether it is the article being shown.
    pub is_current: bool,
}

/// A related article and why it is related.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    /// The article.
    pub article: ArticleSummaryView,
    /// Display names of the shared topics, rarest first.
    pub shared_topics: Vec<String>,
    /// Names of the entities both mention, rarest first.
    pub shared_entities: Vec<String>,
    /// Whether the wording is notably similar (TF-IDF cosine of at least 0.15).
    pub is_similar_wording: bool,
}

/// Everything an article page shows.
#[derive(Debug, Clone, Serialize)]
pub struct ArticleView {
    /// The summary fields.
    #[serde(flatten)]
    pub summary_view: ArticleSummaryView,
    /// The original's address.
    pub source_url: Option<String>,
    /// Warning before the text.
    pub content_note: Option<String>,
    /// Editor's note, as HTML from Markdown.
    pub editor_note_html: Option<String>,
    /// The series, if any.
    pub series: Option<SeriesView>,
    /// The structured text.
    pub blocks: Vec<BlockView>,
    /// The headings, when there are 3 or more (otherwise empty).
    pub toc: Vec<TocEntryView>,
    /// Reader comments as threads.
    pub comments: Vec<CommentView>,
    /// Number of reader comments, replies included.
    pub comment_count: usize,
    /// Related articles, best first.
    pub related: Vec<RelatedView>,
    /// The next newer article.
    pub newer: Option<ArticleSummaryView>,
    /// The next older article.
    pub older: Option<ArticleSummaryView>,
    /// Free-form `[extra]` data.
    pub extra: toml::Table,
    /// Timeline events that cite this article, oldest first.
    pub events: Vec<super::reference::EventView>,
    /// How to cite it.
    pub citation: super::citation::CitationView,
    /// schema.org `Article` for a JSON-LD script (render with the `json` filter).
    pub json_ld: serde_json::Value,
}

/// A topic page, or an entry of the topic index.
#[derive(Debug, Clone, Serialize)]
pub struct TopicView {
    /// Slug.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// Description, as HTML from Markdown.
    pub description_html: Option<String>,
    /// Root-relative path of the topic page.
    pub path: String,
    /// Root-relative path of its feed, when topic feeds are on.
    pub feed_path: Option<String>,
    /// Number of articles.
    pub count: usize,
}

/// A Markdown page.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
    /// One sentence.
    pub description: Option<String>,
    /// Body, as HTML from Markdown.
    pub body_html: String,
}

/// What every page template receives about the page itself.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Prefix from this page back to the site root (`../../`, or `` on the home page).
    pub root: String,
    /// This page's root-relative URL path (`articles/x/`), `` for home.
    pub url_path: String,
    /// Absolute canonical URL.
    pub canonical_url: String,
    /// Text for `<title>` (without the site name).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// `lang` of the page.
    pub language: String,
    /// Which template: `home`, `article`, `topics`, `topic`, `page`, `search`, `404`.
    pub kind: &'static str,
    /// Whether the page has highlighted code and needs the code stylesheet.
    pub has_code: bool,
    /// Root-relative path of the syntax stylesheet, when `has_code`.
    pub code_stylesheet: Option<String>,
}

/// Root-relative path of an article page.
pub fn article_path(slug: &str) -> String {
    format!("articles/{slug}/index.html")
}

/// Root-relative path of a topic page.
pub fn topic_path(slug: &str) -> String {
    format!("topics/{slug}/index.html")
}

/// How many pages a list of `length` items takes at `per_page` a page (at least one, so an
/// empty list still has its page).
pub fn page_count(length: usize, per_page: usize) -> usize {
    length.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `number` (from 1) of a list of `length` items.
pub fn page_range(length: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = (number.saturating_sub(1) * per_page).min(length);
    start..(start + per_page).min(length)
}

/// Page `number` of the list whose first page is `first_path` (`topics/x/index.html`): the
/// first page itself, then `…/page/2/index.html` and on.
pub fn list_page_path(first_path: &str, number: usize) -> String {
    if number <= 1 {
        return first_path.to_string();
    }
    let folder = first_path.trim_end_matches("index.html");
    format!("{folder}page/{number}/index.html")
}

/// A list's page links: where this page is among `count`, with the first, the last and
/// the pages around this one (a gap, `number: None`, stands for the ones left out).
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// This page, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// The previous page's path, if any.
    pub previous: Option<String>,
    /// The next page's path, if any.
    pub next: Option<String>,
    /// The page links to show, in order.
    pub pages: Vec<PageLinkView>,
}

/// One link of a [`PaginationView`].
#[derive(Debug, Clone, Serialize)]
pub struct PageLinkView {
    /// The page's number; `None` for a gap.
    pub number: Option<usize>,
    /// Its path.
    pub path: String,
    /// Whether it is the page being shown.
    pub is_current: bool,
}

/// The pagination of page `number` of `count` of the list whose first page is `first_path`.
pub fn pagination_of(first_path: &str, number: usize, count: usize) -> PaginationView {
    let shown = |n: usize| n == 1 || n == count || n.abs_diff(number) <= 2;
    let mut pages = Vec::new();
    for n in 1..=count {
        if shown(n) {
            pages.push(PageLinkView {
                number: Some(n),
                path: list_page_path(first_path, n),
                is_current: n == number,
            });
        } else if pages
            .last()
            .is_some_and(|p: &PageLinkView| p.number.is_some())
        {
            pages.push(PageLinkView {
                number: None,
                path: String::new(),
                is_current: false,
            });
        }
    }
    PaginationView {
        number,
        count,
        previous: (number > 1).then(|| list_page_path(first_path, number - 1)),
        next: (number < count).then(|| list_page_path(first_path, number + 1)),
        pages,
    }
}

/// Builds the summary of every article once; pages share them by index.
pub fn article_summaries(site: &Site<'_>) -> Vec<ArticleSummaryView> {
    let speed = site.config.reading_speed.max(1) as usize;
    site.collection
        .articles
        .iter()
        .map(|article| {
            let topics = article
                .topics
                .iter()
                .filter_map(|slug| site.collection.topics.get(slug))
                .map(topic_ref)
                .collect();
            summary_of(article, topics, speed, &site.config.language)
        })
        .collect()
}

fn topic_ref(topic: &Topic) -> TopicRefView {
    TopicRefView {
        slug: topic.slug.to_string(),
        name: topic.name.clone(),
        path: topic_path(topic.slug.as_str()),
    }
}

fn summary_of(
    article: &Article,
    topics: Vec<TopicRefView>,
    speed: usize,
    site_language: &str,
) -> ArticleSummaryView {
    let slug = article.slug.to_string();
    ArticleSummaryView {
        path: article_path(&slug),
        url_path: format!("articles/{slug}/"),
        slug,
        title: article.title.clone(),
        subtitle: article.subtitle.clone(),
        published: DateView::new(&article.published),
        source_name: article.source.as_ref().and_then(|s| s.name.clone()),
        authors: article.authors.clone(),
        summary: article.summary.clone(),
        word_count: article.word_count,
        reading_minutes: article.word_count.div_ceil(speed).max(1),
        topics,
        is_draft: article.is_draft,
        language: article.language.clone().filter(|l| l != site_language),
    }
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
                    .map(|l| crate::parse::text::heading_text(l).to_string())
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
            .map(|e| super::reference::entity_path(e.slug.as_str()));
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
    for block in article.document.comments() {
        let depth = block
            .comment
            .as_ref()
            .map_or(0, |c| c.depth)
            .min(MAX_COMMENT_DEPTH);
        let view = CommentView {
            author: block.comment.as_ref().and_then(|c| c.author.clone()),
            lines: block.lines.clone(),
            depth,
            replies: Vec::new(),
        };
        insert_comment(&mut threads, view, depth);
        count += 1;
    }
    (threads, count)
}

/// Puts a comment under the last comment one level up; a reply without a parent stays at
/// the level it reached (its `depth` still says it is a reply).
fn insert_comment(list: &mut Vec<CommentView>, comment: CommentView, depth: usize) {
    match list.last_mut() {
        Some(parent) if depth > 0 => insert_comment(&mut parent.replies, comment, depth - 1),
        _ => list.push(comment),
    }
}

/// Whether a related article is marked as worded alike.
pub fn is_similar_wording(related: &crate::link::Related) -> bool {
    related.text_similarity >= 0.15
}

/// The series box data: every part, linked when it is in the collection.
pub fn series_of(article: &Article, site: &Site<'_>) -> Option<SeriesView> {
    article.series.as_ref().map(|s| SeriesView {
        title: s.title.clone(),
        part: s.part,
        total: s.total,
        parts: s
            .parts
            .iter()
            .zip(1..)
            .map(|(part, number)| SeriesPartView {
                number,
                title: part.title.clone(),
                path: site
                    .series_parts
                    .get(&(s.title.clone(), number))
                    .map(|&i| article_path(site.collection.articles[i].slug.as_str())),
                url: part.url.clone(),
                is_current: number == s.part,
            })
            .collect(),
    })
}
