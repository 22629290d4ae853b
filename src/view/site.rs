//! The site-wide views: what every page can read, built once per build.
//!
//! Takes the linked [`Site`], the theme's asset paths and each data figure's chart HTML;
//! returns [`Views`]: the [`SiteView`] every template gets as `site`, every article's
//! [`ArticleSummaryView`], the topic and entity index entries, the set of pages `@/` links
//! may point to, and the [site key](Views::site_key) that hashes all of them. A page's own
//! inputs are gathered by its family's file; everything here goes into every page's key.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::key::KeyBuilder;
use super::pagination::page_count;
use super::paths;
use crate::link::Site;
use crate::model::reference::EntityKind;
use crate::model::{Article, DateCertainty, PartialDate, Topic};

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
    /// Whether `collection.epub` is written (`[outputs] epub`).
    pub has_epub: bool,
    /// Whether the search page and index are written (`[outputs] search`).
    pub has_search: bool,
    /// Whether the citation files are written (`[outputs] citations`): each article page's
    /// BibTeX and RIS links, and the collection's and topics' `citations.bib` and `.ris`.
    pub has_citation_files: bool,
    /// `shelf` and its version.
    pub generator: String,
    /// The interface strings in the site's language (#17).
    pub strings: &'static super::strings::Strings,
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
    /// How the date is known: `stated`, `inferred`, `approximate` or `disputed` (#17).
    pub certainty: &'static str,
    /// The editor's reason for that certainty, plain text.
    pub note: Option<String>,
    /// Whether the date may be given as machine-readable fact (JSON-LD, `<meta>`): not when
    /// it is only approximate or disputed.
    pub is_citable: bool,
}

impl DateView {
    /// Describes a partial date.
    pub fn new(date: &PartialDate) -> Self {
        DateView {
            iso: date.iso(),
            display: date.display(),
            precision: date.precision(),
            rfc3339: date.rfc3339(),
            certainty: DateCertainty::Stated.as_str(),
            note: None,
            is_citable: true,
        }
    }

    /// The date as readers of `language` write it: `2023년 12월 4일` in Korean,
    /// `2023年12月4日` in Japanese and Chinese, the English form otherwise (#17).
    pub fn display_in(date: &PartialDate, language: &str) -> String {
        let (year, month, day) = match primary_language(language) {
            "ko" => ("년", "월", "일"),
            "ja" | "zh" => ("年", "月", "日"),
            _ => return date.display(),
        };
        let separator = if primary_language(language) == "ko" {
            " "
        } else {
            ""
        };
        let mut out = format!("{}{year}", date.year);
        if let Some(m) = date.month {
            out.push_str(&format!("{separator}{m}{month}"));
            if let Some(d) = date.day {
                out.push_str(&format!("{separator}{d}{day}"));
            }
        }
        out
    }

    /// Describes an article's publication date, with how it is known.
    pub fn published(article: &Article) -> Self {
        DateView {
            certainty: article.published_certainty.as_str(),
            note: article.published_note.clone(),
            is_citable: article.published_certainty.is_citable(),
            ..DateView::new(&article.published)
        }
    }
}

/// A language tag's primary subtag, lowercased: `ko` for `ko-KR`.
fn primary_language(tag: &str) -> &str {
    let end = tag.find(['-', '_']).unwrap_or(tag.len());
    let primary = &tag[..end];
    match primary {
        "KO" | "Ko" => "ko",
        "JA" | "Ja" => "ja",
        "ZH" | "Zh" => "zh",
        _ => primary,
    }
}

/// Characters a reader of Korean, Japanese or Chinese reads in a minute: a middle figure
/// from reading studies (Japanese 400-600, Chinese about 260 characters a minute, Korean
/// about as Japanese), used where counting space-separated words means nothing.
pub const CJK_CHARACTERS_PER_MINUTE: usize = 500;

/// Whether `c` is written without spaces between words, or with syllable blocks: Han,
/// kana and hangul.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x11ff | 0x3040..=0x30ff | 0x3130..=0x318f | 0x31f0..=0x31ff
        | 0x3400..=0x4dbf | 0x4e00..=0x9fff | 0xac00..=0xd7af | 0xf900..=0xfaff
        | 0xff66..=0xff9f | 0x20000..=0x2ffff)
}

/// For an article in Korean, Japanese or Chinese whose text is mostly in those scripts:
/// the number of characters (spaces left out), the measure its length is given in.
fn character_count<'a>(language: &str, lines: impl Iterator<Item = &'a str>) -> Option<usize> {
    if !matches!(primary_language(language), "ko" | "ja" | "zh") {
        return None;
    }
    let (mut cjk, mut all) = (0usize, 0usize);
    for c in lines.flat_map(str::chars).filter(|c| !c.is_whitespace()) {
        all += 1;
        cjk += usize::from(is_cjk(c));
    }
    (all > 0 && cjk * 2 >= all).then_some(all)
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
    /// For a Korean, Japanese or Chinese text: its length in characters, which the page
    /// shows instead of words, and which its reading time is measured by.
    pub character_count: Option<usize>,
    /// The length the page shows (the characters when counted, else the words), its
    /// thousands grouped with commas as English, Korean and Japanese print them (`1,039`;
    /// #17: a page read "1039 words").
    pub length_figure: String,
    /// Minutes to read at the site's reading speed, at least 1.
    pub reading_minutes: usize,
    /// Topics, in the editor's order.
    pub topics: Vec<TopicRefView>,
    /// Whether the article is a draft (only built with `--drafts`).
    pub is_draft: bool,
    /// The article's language when it differs from the site's.
    pub language: Option<String>,
}

/// An article's summary as a template value, made once per build and shared by every page
/// that lists the article (#15). Tera 2 keeps maps behind an `Arc` and takes a `tera::Value`
/// met inside a serialized view as it is, so a list page clones a reference count per card
/// instead of serializing the summary's fifteen fields again (4.7 % of a 10,000-article
/// build's samples went to that). Outside tera it serializes as the summary would.
#[derive(Debug, Clone)]
pub struct SummaryValue(tera::Value);

impl SummaryValue {
    /// The value of `summary`.
    pub fn new(summary: &ArticleSummaryView) -> Self {
        // The summary holds only strings, numbers, options and lists, which tera's value
        // serializer always takes; the fallback (an empty value) keeps even that from
        // panicking.
        SummaryValue(
            tera::Value::try_from_serializable(summary).unwrap_or_else(|_| tera::Value::none()),
        )
    }
}

impl Serialize for SummaryValue {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
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
    /// Root-relative paths of its articles' `citations.bib` and `citations.ris`, when
    /// `[outputs] citations` is on.
    pub citation_paths: Option<[String; 2]>,
    /// Number of articles.
    pub count: usize,
}

/// An entity as listed in the index.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRefView {
    /// Slug.
    pub slug: String,
    /// Name.
    pub name: String,
    /// `person`, `place`, `organisation` or `term`.
    pub kind: EntityKind,
    /// Root-relative path of its page.
    pub path: String,
    /// How many articles mention it.
    pub count: usize,
}

/// Everything built once per build and shared by every page: the site graph it came from,
/// and the views made from it.
pub struct Views<'a> {
    /// The linked site.
    pub site: &'a Site<'a>,
    /// What every template receives as `site`.
    pub site_view: SiteView,
    /// Every article's summary, by article index.
    pub summaries: Vec<ArticleSummaryView>,
    /// The same summaries as template values, by article index: what lists hand their
    /// templates (see [`SummaryValue`]).
    pub summary_values: Vec<SummaryValue>,
    /// Every page `@/` links may point to (the first page of each list).
    pub known_pages: BTreeSet<String>,
    /// The second and later pages of the paginated lists (for the sitemap).
    pub list_pages: Vec<String>,
    /// The topics, in slug order (as `site.topic_articles` has them).
    pub topics: Vec<&'a Topic>,
    /// Each topic's index entry, in the same order.
    pub topic_views: Vec<TopicView>,
    /// Each entity's index entry, in collection order.
    pub entity_refs: Vec<EntityRefView>,
    /// Each data figure's chart HTML by slug, drawn once by the theme (charts hold no
    /// links, so one drawing serves every page); empty until the caller draws them from
    /// [`chart_views`](super::chart::chart_views).
    pub charts: BTreeMap<String, String>,
}

impl<'a> Views<'a> {
    /// The site-wide views of `site`, with the theme's asset paths (name in `static/` →
    /// hashed path).
    pub fn new(site: &'a Site<'a>, assets: BTreeMap<String, String>) -> Self {
        let collection = site.collection;
        let summaries = article_summaries(site);
        Views {
            site,
            site_view: site_view(site, assets),
            summary_values: summaries.iter().map(SummaryValue::new).collect(),
            summaries,
            known_pages: known_pages(site),
            list_pages: list_pages(site),
            topics: collection.topics.values().collect(),
            topic_views: topic_views(site),
            entity_refs: entity_refs(site),
            charts: BTreeMap::new(),
        }
    }

    /// Article `index` of the collection.
    pub fn article(&self, index: usize) -> &'a Article {
        &self.site.collection.articles[index]
    }

    /// The key of everything every page reads: the configuration, the theme, the site
    /// view, which pages exist (for `@/` links), topics, entities, events, data figures and
    /// pages. When it changes, every page is rendered again.
    pub fn site_key(&self, theme: &blake3::Hash) -> blake3::Hash {
        let Views {
            site,
            site_view,
            // Per article: each page's key hashes the articles it shows.
            summaries: _,
            // The same summaries again.
            summary_values: _,
            known_pages,
            // Follows from the articles per list, which the list pages hash.
            list_pages: _,
            // Hashed with the collection's topics below.
            topics: _,
            topic_views,
            // Only the entity pages show them, and hash them.
            entity_refs: _,
            charts,
        } = self;
        let collection = site.collection;
        let mut key = KeyBuilder::empty();
        key.text(env!("CARGO_PKG_VERSION"))
            .hash(theme)
            .debug(site.config)
            .json(site_view)
            .debug(&collection.topics)
            .debug(&collection.entities)
            .debug(&collection.events)
            .debug(&collection.datasets)
            .debug(&collection.pages)
            .json(topic_views)
            .json(charts);
        key.number(known_pages.len());
        for page in known_pages {
            key.text(page);
        }
        key.finish()
    }
}

fn site_view(site: &Site<'_>, assets: BTreeMap<String, String>) -> SiteView {
    let config = site.config;
    let collection = site.collection;
    SiteView {
        title: config.title.clone(),
        description: config.description.clone(),
        language: config.language.clone(),
        base_url: config.base_url.as_str().to_string(),
        editor: config.editor.clone(),
        nav: collection
            .pages
            .iter()
            .map(|p| LinkView {
                title: p.title.clone(),
                path: paths::page(p.slug.as_str()),
            })
            .collect(),
        assets,
        article_count: collection.articles.len(),
        topic_count: collection.topics.len(),
        has_entities: !collection.entities.is_empty(),
        has_timeline: !collection.events.is_empty(),
        has_epub: config.outputs.epub,
        has_search: config.outputs.search,
        has_citation_files: config.outputs.citations,
        generator: format!("shelf {}", env!("CARGO_PKG_VERSION")),
        strings: super::strings::strings_for(&config.language),
    }
}

/// Every page `@/` links may point to: the fixed pages, each article and its "as copied"
/// page, topic, Markdown page and entity, and the first page of each list.
pub fn known_pages(site: &Site<'_>) -> BTreeSet<String> {
    let collection = site.collection;
    let mut known: BTreeSet<String> = [paths::HOME, paths::TOPICS, paths::NOT_FOUND]
        .map(String::from)
        .into();
    if site.config.outputs.search {
        known.insert(paths::SEARCH.to_string());
    }
    known.extend(
        collection
            .articles
            .iter()
            .map(|a| paths::article(a.slug.as_str())),
    );
    known.extend(
        collection
            .articles
            .iter()
            .map(|a| paths::as_copied(a.slug.as_str())),
    );
    known.extend(collection.topics.keys().map(|s| paths::topic(s.as_str())));
    known.extend(
        collection
            .pages
            .iter()
            .map(|p| paths::page(p.slug.as_str())),
    );
    if !collection.entities.is_empty() {
        known.insert(paths::ENTITIES.to_string());
        known.extend(
            collection
                .entities
                .iter()
                .map(|e| paths::entity(e.slug.as_str())),
        );
    }
    if !collection.events.is_empty() {
        known.insert(paths::TIMELINE.to_string());
    }
    known
}

/// The second and later pages of long lists: in the sitemap, but not link targets for
/// `@/` (which page an article is on changes as the collection grows).
fn list_pages(site: &Site<'_>) -> Vec<String> {
    let collection = site.collection;
    let per_page = site.config.per_page;
    let later_pages = |first: String, length: usize| {
        (2..=page_count(length, per_page)).map(move |n| paths::list_page(&first, n))
    };
    let mut pages: Vec<String> =
        later_pages(paths::HOME.to_string(), collection.articles.len()).collect();
    for (slug, members) in &site.topic_articles {
        pages.extend(later_pages(paths::topic(slug.as_str()), members.len()));
    }
    if !collection.entities.is_empty() {
        for (entity, mentions) in collection.entities.iter().zip(&site.entity_articles) {
            pages.extend(later_pages(
                paths::entity(entity.slug.as_str()),
                mentions.len(),
            ));
        }
    }
    pages
}

fn topic_views(site: &Site<'_>) -> Vec<TopicView> {
    site.collection
        .topics
        .values()
        .map(|topic| TopicView {
            slug: topic.slug.to_string(),
            name: topic.name.clone(),
            description_html: None,
            path: paths::href(&paths::topic(topic.slug.as_str())),
            feed_path: site
                .config
                .topic_feeds
                .then(|| paths::href(&paths::topic_feed(topic.slug.as_str()))),
            citation_paths: site.config.outputs.citations.then(|| {
                [paths::CITATIONS_BIB, paths::CITATIONS_RIS]
                    .map(|file| paths::topic_citations(topic.slug.as_str(), file))
            }),
            count: site.topic_articles.get(&topic.slug).map_or(0, Vec::len),
        })
        .collect()
}

/// Every entity's index entry, in collection order.
fn entity_refs(site: &Site<'_>) -> Vec<EntityRefView> {
    site.collection
        .entities
        .iter()
        .zip(&site.entity_articles)
        .map(|(entity, mentions)| EntityRefView {
            slug: entity.slug.to_string(),
            name: entity.name.clone(),
            kind: entity.kind,
            path: paths::href(&paths::entity(entity.slug.as_str())),
            count: mentions.len(),
        })
        .collect()
}

/// Builds the summary of every article once; pages share them by index.
fn article_summaries(site: &Site<'_>) -> Vec<ArticleSummaryView> {
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
        path: paths::href(&paths::topic(topic.slug.as_str())),
    }
}

fn summary_of(
    article: &Article,
    topics: Vec<TopicRefView>,
    speed: usize,
    site_language: &str,
) -> ArticleSummaryView {
    let slug = article.slug.to_string();
    let language = article.language.as_deref().unwrap_or(site_language);
    let character_count = character_count(language, crate::link::terms::searchable_lines(article));
    let reading_minutes = match character_count {
        Some(count) => count.div_ceil(CJK_CHARACTERS_PER_MINUTE),
        None => article.word_count.div_ceil(speed),
    };
    // Lists are the site's chrome, so their dates are in the site's language; the
    // article's own page shows its date in the article's (`ArticleView`, #17).
    let mut published = DateView::published(article);
    published.display = DateView::display_in(&article.published, site_language);
    ArticleSummaryView {
        path: paths::article(&slug),
        url_path: paths::article_url(&slug),
        slug,
        title: article.title.clone(),
        subtitle: article.subtitle.clone(),
        published,
        source_name: article.source.as_ref().and_then(|s| s.name.clone()),
        authors: article.authors.clone(),
        summary: article.summary.clone(),
        word_count: article.word_count,
        length_figure: grouped(character_count.unwrap_or(article.word_count)),
        character_count,
        reading_minutes: reading_minutes.max(1),
        topics,
        is_draft: article.is_draft,
        language: article.language.clone().filter(|l| l != site_language),
    }
}

/// `n` with its thousands grouped by commas: `1039` → `1,039`.
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(digit);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary() -> ArticleSummaryView {
        ArticleSummaryView {
            slug: "slow-reading".to_string(),
            title: "On reading <slowly>".to_string(),
            subtitle: None,
            path: "articles/slow-reading/index.html".to_string(),
            url_path: "articles/slow-reading/".to_string(),
            published: DateView::new(&date(2023, Some(5), None)),
            source_name: Some("The Quarterly".to_string()),
            authors: vec!["A. Writer".to_string(), "B. Editor".to_string()],
            summary: "Why a page read twice stays.".to_string(),
            word_count: 1039,
            character_count: None,
            length_figure: "1,039".to_string(),
            reading_minutes: 5,
            topics: vec![TopicRefView {
                slug: "attention".to_string(),
                name: "Attention".to_string(),
                path: "topics/attention/index.html".to_string(),
            }],
            is_draft: false,
            language: Some("ko".to_string()),
        }
    }

    #[test]
    fn a_summary_value_is_what_serializing_the_summary_gives_15() {
        #[derive(Serialize)]
        struct List<T> {
            articles: Vec<T>,
            newer: Option<T>,
        }
        let view = summary();
        let shared = SummaryValue::new(&view);
        let from_values = tera::Value::try_from_serializable(&List {
            articles: vec![&shared, &shared],
            newer: Some(&shared),
        })
        .unwrap();
        let from_views = tera::Value::try_from_serializable(&List {
            articles: vec![&view, &view],
            newer: Some(&view),
        })
        .unwrap();
        assert_eq!(from_values, from_views);
        assert_ne!(from_values, tera::Value::none());
        // Outside tera (JSON for tests and tools) it serializes as the summary does.
        assert_eq!(
            serde_json::to_value(&shared).unwrap(),
            serde_json::to_value(&view).unwrap()
        );
    }

    #[test]
    fn a_length_groups_its_thousands_17() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1039), "1,039");
        assert_eq!(grouped(4230), "4,230");
        assert_eq!(grouped(1_234_567), "1,234,567");
    }

    fn date(year: u16, month: Option<u8>, day: Option<u8>) -> PartialDate {
        PartialDate { year, month, day }
    }

    #[test]
    fn dates_are_written_as_each_language_writes_them() {
        let day = date(2023, Some(5), Some(1));
        assert_eq!(DateView::display_in(&day, "en"), "1 May 2023");
        assert_eq!(DateView::display_in(&day, "ko"), "2023년 5월 1일");
        assert_eq!(DateView::display_in(&day, "ko-KR"), "2023년 5월 1일");
        assert_eq!(DateView::display_in(&day, "ja"), "2023年5月1日");
        assert_eq!(
            DateView::display_in(&date(2007, None, None), "ja"),
            "2007年"
        );
        assert_eq!(
            DateView::display_in(&date(2023, Some(12), None), "ko"),
            "2023년 12월"
        );
        assert_eq!(
            DateView::display_in(&date(2023, Some(12), None), "fr"),
            "December 2023"
        );
    }

    #[test]
    fn cjk_text_is_measured_in_characters_and_other_text_is_not() {
        // #17: a 4,230-character Japanese article showed "11 words · 1 min read".
        let japanese = "北朝鮮の国境は閉ざされた。 市場の世代が育った。";
        assert_eq!(character_count("ja", [japanese].into_iter()), Some(23));
        assert_eq!(
            character_count("en", [japanese].into_iter()),
            None,
            "an English page"
        );
        assert_eq!(
            character_count("ko", ["Mostly English text with 장마당 in it"].into_iter()),
            None,
            "a Korean-tagged text in Latin letters keeps its word count"
        );
        assert_eq!(character_count("ko", std::iter::empty()), None);
    }
}
