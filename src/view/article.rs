//! Article pages: everything one article page shows, and the same article outside the site
//! (feed entries and EPUB chapters).
//!
//! [`ArticleInputs`] is what an article's view reads beyond the site-wide [`Views`]: the
//! article, the entity links in its text, the parts of its series in the collection, and
//! on its page also its related articles, neighbours and the events citing it.
//! [`ArticleInputs::key`] hashes every field of it and [`ArticleInputs::view`] builds the
//! [`ArticleView`] from it alone, so pages, feeds and the EPUB share one constructor and one
//! key. [`ArticleInputs::detached`] leaves the page-only parts out.

use serde::Serialize;

use super::citation::{CitationView, citation_of, json_ld_of};
use super::key::KeyBuilder;
use super::page::{Head, MarkdownSink, Page, PageMeta, frame};
use super::paths;
use super::reference::{EventView, event_key, event_view};
use super::site::{ArticleSummaryView, DateView, SummaryValue, Views};
use super::text::{
    BlockView, CommentView, CorrectionView, TocEntryView, blocks_of, comments_of, toc_of,
};
use crate::link::{ArticleMention, Related};
use crate::model::Article;

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
    pub article: SummaryValue,
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
    /// The note's first sentence as HTML-escaped text with no tags (at most
    /// [`NOTE_LEAD_CHARS`] characters), shown above the text while the whole note is folded.
    pub editor_note_lead: Option<String>,
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
    pub newer: Option<SummaryValue>,
    /// The next older article.
    pub older: Option<SummaryValue>,
    /// Free-form `[extra]` data.
    pub extra: toml::Table,
    /// Timeline events that cite this article, oldest first.
    pub events: Vec<EventView>,
    /// How to cite it.
    pub citation: CitationView,
    /// Root-relative path of its "as copied" page (its seed, line by line).
    pub as_copied_path: String,
    /// schema.org `Article` for a JSON-LD script (render with the `json` filter).
    pub json_ld: serde_json::Value,
    /// The editor's numbered corrections, in text order, for the notes after the text
    /// that the marks in it point to (#17).
    pub corrections: Vec<CorrectionView>,
    /// The interface strings in the article's language (#17): its own labels follow its
    /// `language`, while the site's chrome keeps `site.strings`.
    pub strings: &'static super::strings::Strings,
}

/// The longest lead of an editor's note, in characters; a longer first sentence is cut at
/// a word and ends in an ellipsis.
pub const NOTE_LEAD_CHARS: usize = 180;

/// The first sentence of a note's first paragraph, from its sanitized HTML: the tags
/// dropped (the text between them is already escaped, so it stays safe to show as HTML),
/// cut after the first full stop, question or exclamation mark that ends a sentence, or at
/// a word before [`NOTE_LEAD_CHARS`]. `None` when the note opens with no paragraph.
fn note_lead(html: &str) -> Option<String> {
    let start = html.find("<p>")? + "<p>".len();
    let end = html[start..].find("</p>").map_or(html.len(), |e| start + e);
    let mut text = String::new();
    let mut in_tag = false;
    for c in html[start..end].chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => text.push(c),
            _ => {}
        }
    }
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let chars: Vec<char> = text.chars().collect();
    // A sentence ends at `.`, `?` or `!` followed by a space and not inside a short
    // abbreviation such as "N.Korea" (no space) or "Mr." (too early to be a lead).
    let sentence_end = (0..chars.len().saturating_sub(1))
        .find(|&i| matches!(chars[i], '.' | '?' | '!') && chars[i + 1] == ' ' && i >= 40);
    let lead: String = match sentence_end {
        Some(i) if i < NOTE_LEAD_CHARS => chars[..=i].iter().collect(),
        None if chars.len() <= NOTE_LEAD_CHARS => text.clone(),
        _ => {
            let cut: String = chars[..NOTE_LEAD_CHARS].iter().collect();
            // An entity such as `&amp;` must not be cut in two.
            let cut = match (cut.rfind('&'), cut.rfind(';')) {
                (Some(amp), semicolon) if semicolon.is_none_or(|s| s < amp) => {
                    cut[..amp].to_string()
                }
                _ => cut,
            };
            let at_word = cut.rfind(' ').map_or(cut.as_str(), |space| &cut[..space]);
            format!("{}…", at_word.trim_end_matches([',', ';', ':', ' ']))
        }
    };
    (!lead.is_empty()).then_some(lead)
}

/// Where an article's view is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// Its own page: links relative to the page, with everything the page shows.
    Page,
    /// Outside the site (a feed entry, an EPUB chapter): links absolute, and no contents
    /// list, related articles, neighbours, events or JSON-LD.
    Detached,
}

/// What one article's view reads beyond the site-wide views; its key hashes every field.
pub struct ArticleInputs<'v> {
    index: usize,
    placement: Placement,
    article: &'v Article,
    /// The mentions that become entity links in its text.
    mentions: &'v [ArticleMention],
    /// For each part of its series (from 1), the article holding it, if in the collection.
    series_parts: Vec<Option<usize>>,
    /// Page only: related articles, best first.
    related: &'v [Related],
    /// Page only: the next newer article.
    newer: Option<usize>,
    /// Page only: the next older article.
    older: Option<usize>,
    /// Page only: the timeline events citing it.
    events: &'v [usize],
}

impl<'v> ArticleInputs<'v> {
    /// What article `index`'s page reads.
    pub fn page(views: &Views<'v>, index: usize) -> Self {
        let site = views.site;
        ArticleInputs {
            related: &site.related[index],
            newer: site.newer[index],
            older: site.older[index],
            events: &site.article_events[index],
            placement: Placement::Page,
            ..ArticleInputs::detached(views, index)
        }
    }

    /// What article `index` reads outside the site: the page's inputs without related
    /// articles, neighbours and events.
    pub fn detached(views: &Views<'v>, index: usize) -> Self {
        let site = views.site;
        let article = views.article(index);
        let series_parts = article.series.as_ref().map_or_else(Vec::new, |series| {
            (1..=series.parts.len())
                .map(|number| {
                    let part = u32::try_from(number).unwrap_or(u32::MAX);
                    site.series_parts
                        .get(&(series.title.clone(), part))
                        .copied()
                })
                .collect()
        });
        ArticleInputs {
            index,
            placement: Placement::Detached,
            article,
            mentions: &site.entity_links[index],
            series_parts,
            related: &[],
            newer: None,
            older: None,
            events: &[],
        }
    }

    /// Adds every input to `key`: the article and each article it shows by fingerprint,
    /// with the mentions, reasons and events that place them. The fingerprint covers every
    /// metadata value the view shows, the date's certainty and note included, since it
    /// hashes the metadata file.
    pub fn key(&self, views: &Views<'_>, key: &mut KeyBuilder) {
        let ArticleInputs {
            index: _,
            placement,
            article,
            mentions,
            series_parts,
            related,
            newer,
            older,
            events,
        } = self;
        let shown = |index: &Option<usize>| index.map(|i| views.article(i));
        key.number(usize::from(*placement == Placement::Page))
            .article(article)
            .mentions(mentions);
        key.number(series_parts.len());
        for part in series_parts {
            key.maybe_article(shown(part));
        }
        key.number(related.len());
        for related in *related {
            key.article(views.article(related.index))
                .numbers(&related.shared_topics)
                .numbers(&related.shared_entities)
                .number(usize::from(is_similar_wording(related)));
        }
        key.maybe_article(shown(newer)).maybe_article(shown(older));
        key.number(events.len());
        for &event in *events {
            key.number(event);
            event_key(views, event, key);
        }
    }

    /// The article's view, its Markdown rendered into `markdown` (whose root says where
    /// links start from).
    pub fn view(&self, views: &Views<'_>, markdown: &mut MarkdownSink<'_>) -> ArticleView {
        let article = self.article;
        let config = views.site.config;
        let summary = &views.summaries[self.index];
        let is_page = self.placement == Placement::Page;
        let editor_note_html = article
            .editor_note
            .as_deref()
            .map(|md| markdown.render(md, &article.meta_path));
        let editor_note_lead = editor_note_html.as_deref().and_then(note_lead);
        let blocks = blocks_of(article, self.mentions, &views.site.collection.entities);
        let language = article.language.as_deref().unwrap_or(&config.language);
        let strings = super::strings::strings_for(language);
        let (comments, comment_count) = comments_of(article, strings);
        let corrections = blocks
            .iter()
            .flat_map(|b| &b.corrections)
            .filter(|c| c.number.is_some())
            .cloned()
            .collect();
        let mut summary_view = summary.clone();
        summary_view.published.display = DateView::display_in(&article.published, language);
        ArticleView {
            strings,
            corrections,
            summary_view,
            source_url: article.source.as_ref().and_then(|s| s.url.clone()),
            content_note: article.content_note.clone(),
            editor_note_html,
            editor_note_lead,
            series: self.series(views),
            // A contents list of in-page anchors means nothing outside the page.
            toc: if is_page { toc_of(&blocks) } else { Vec::new() },
            comments,
            comment_count,
            blocks,
            related: self
                .related
                .iter()
                .map(|r| related_view(views, r))
                .collect(),
            newer: self.newer.map(|i| views.summary_values[i].clone()),
            older: self.older.map(|i| views.summary_values[i].clone()),
            extra: article.extra.clone(),
            citation: citation_of(article, summary, config),
            as_copied_path: paths::as_copied(article.slug.as_str()),
            json_ld: if is_page {
                json_ld_of(article, summary, config)
            } else {
                serde_json::Value::Null
            },
            events: self
                .events
                .iter()
                .map(|&i| event_view(views, i, markdown))
                .collect(),
        }
    }

    /// The series box: every part, linked when it is in the collection.
    fn series(&self, views: &Views<'_>) -> Option<SeriesView> {
        self.article.series.as_ref().map(|s| SeriesView {
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
                    path: self
                        .series_parts
                        .get(number as usize - 1)
                        .copied()
                        .flatten()
                        .map(|i| paths::article(views.article(i).slug.as_str())),
                    url: part.url.clone(),
                    is_current: number == s.part,
                })
                .collect(),
        })
    }
}

fn related_view(views: &Views<'_>, related: &Related) -> RelatedView {
    RelatedView {
        article: views.summary_values[related.index].clone(),
        shared_topics: related
            .shared_topics
            .iter()
            .map(|&t| views.topics[t].name.clone())
            .collect(),
        shared_entities: related
            .shared_entities
            .iter()
            .map(|&e| views.site.collection.entities[e].name.clone())
            .collect(),
        is_similar_wording: is_similar_wording(related),
    }
}

/// Whether a related article is marked as worded alike.
pub fn is_similar_wording(related: &Related) -> bool {
    related.text_similarity >= 0.15
}

/// Article `index` as shown outside the site: its view, with links absolute, and the
/// page head its templates receive.
pub fn detached(views: &Views<'_>, index: usize) -> (ArticleView, PageMeta) {
    let config = views.site.config;
    let root = config.base_url.as_str();
    let mut markdown = MarkdownSink::new(views, root);
    let view = ArticleInputs::detached(views, index).view(views, &mut markdown);
    let article = views.article(index);
    let url_path = views.summaries[index].url_path.clone();
    let meta = PageMeta {
        root: root.to_string(),
        canonical_url: config.base_url.join(&url_path),
        url_path,
        title: article.title.clone(),
        description: article.summary.clone(),
        language: article
            .language
            .clone()
            .unwrap_or_else(|| config.language.clone()),
        kind: "detached",
        has_code: false,
        code_stylesheet: None,
    };
    (view, meta)
}

/// What `article.html` receives.
#[derive(Debug, Serialize)]
pub struct ArticlePageView {
    /// The article.
    pub article: ArticleView,
}

/// The key of article `index`'s page.
pub fn page_key(views: &Views<'_>, site_key: &blake3::Hash, index: usize) -> blake3::Hash {
    let mut key = KeyBuilder::new(site_key, "article");
    ArticleInputs::page(views, index).key(views, &mut key);
    key.finish()
}

/// Article `index`'s page.
pub fn page<'v>(views: &'v Views<'v>, index: usize) -> Page<ArticlePageView> {
    let article = views.article(index);
    let path = paths::article(article.slug.as_str());
    let mut markdown = MarkdownSink::new(views, &paths::root_for(&path));
    let view = ArticleInputs::page(views, index).view(views, &mut markdown);
    let head = Head {
        template: "article.html",
        title: article.title.clone(),
        description: article.summary.clone(),
        kind: "article",
        // The page's chrome is in the site's language; `<article lang>` carries the
        // article's (#17), so a screen reader switches voice where the text does.
        language: None,
    };
    let view = ArticlePageView { article: view };
    frame(views, path, head, view, None, markdown)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn note_lead_is_the_first_sentence_without_tags() {
        let html = "<p>The date is <em>inferred</em> from the figures it cites. It may be later.</p>\n<p>More.</p>";
        assert_eq!(
            note_lead(html).as_deref(),
            Some("The date is inferred from the figures it cites.")
        );
    }

    #[test]
    fn note_lead_keeps_a_dot_inside_a_name_and_cuts_a_long_sentence_at_a_word() {
        let long = format!(
            "<p>Reporting from N.Korea {}</p>",
            "and more words ".repeat(30)
        );
        let lead = note_lead(&long).unwrap_or_default();
        assert!(lead.starts_with("Reporting from N.Korea and"), "{lead}");
        assert!(lead.ends_with("and…"), "cut after a whole word: {lead}");
        assert!(lead.chars().count() <= NOTE_LEAD_CHARS + 1, "{lead}");
    }

    #[test]
    fn note_lead_never_cuts_an_escaped_character_in_two() {
        let text = format!("{}&amp; more", "x".repeat(NOTE_LEAD_CHARS - 3));
        let lead = note_lead(&format!("<p>{text} and then some words</p>")).unwrap_or_default();
        assert!(!lead.contains("&am…") && !lead.contains("&a…"), "{lead}");
    }

    #[test]
    fn note_lead_is_none_without_a_paragraph() {
        assert_eq!(note_lead("<ul><li>one</li></ul>"), None);
    }
}
