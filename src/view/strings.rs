//! Interface strings: the words the default theme puts around the collection's own text,
//! in English, Korean and Japanese (#17).
//!
//! Takes the site's language tag; returns the [`Strings`] table for its primary subtag,
//! English for any other. Templates read it as `site.strings` (`{{ site.strings.published }}`),
//! so a theme can translate its own words the same way and a missing key fails the build.

use serde::Serialize;

use crate::model::reference::EntityKind;

mod as_copied;
mod english;
mod japanese;
mod korean;

pub use as_copied::{AsCopiedStrings, KindNames, Reasons};
pub use english::ENGLISH;
pub use japanese::JAPANESE;
pub use korean::KOREAN;

/// Every interface string an article page, a list, the header, the navigation and the
/// footer show. An article's own labels (its facts, its dates' certainty, the editor's note,
/// the contents) come from its language's table, the rest from the site's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Strings {
    /// The language these strings are in (`en`, `ko`, `ja`).
    pub language: &'static str,
    /// Label of the authors.
    pub by: &'static str,
    /// Label of the source.
    pub source: &'static str,
    /// Label of the publication date.
    pub published: &'static str,
    /// Label of the length.
    pub length: &'static str,
    /// Label of the topics.
    pub topics: &'static str,
    /// After a word count.
    pub words: &'static str,
    /// After a character count.
    pub characters: &'static str,
    /// After the reading time in minutes.
    pub min_read: &'static str,
    /// Heading of the editor's note.
    pub editor_note: &'static str,
    /// Opens the folded editor's note.
    pub read_editor_note: &'static str,
    /// Folds it again.
    pub hide_editor_note: &'static str,
    /// Heading of the contents list.
    pub contents: &'static str,
    /// Opens the reader comments.
    pub show_comments: &'static str,
    /// Folds them again.
    pub hide_comments: &'static str,
    /// The header search box's placeholder.
    pub search: &'static str,
    /// The dark-mode toggle's label.
    pub dark_mode: &'static str,
    /// Heading of the home page's list.
    pub articles_newest_first: &'static str,
    /// The home page of a collection with no articles.
    pub no_articles: &'static str,
    /// Between a number and its unit or counter: a space in English (`96 words`), none in
    /// Korean and Japanese (`96자`, `2件`).
    pub unit_space: &'static str,
    /// Heading of the editor's corrections after the text.
    pub corrections: &'static str,
    /// A correction mark's label, before its number.
    pub correction: &'static str,
    /// A correction note's link back to its mark.
    pub back_to_text: &'static str,
    /// The search page's button for the next results.
    pub more_results: &'static str,
    /// The search page's topic filter.
    pub filter_topic: &'static str,
    /// Its empty choice.
    pub any_topic: &'static str,
    /// The search page's year filter.
    pub filter_year: &'static str,
    /// Its empty choice.
    pub any_year: &'static str,
    /// In the footer, before the editor's name.
    pub curated_by: &'static str,
    /// The footer's link to the EPUB.
    pub epub_link: &'static str,
    /// The footer's note on what is reproduced.
    pub reproduced_note: &'static str,
    /// Before the citation files' links.
    pub download_citation: &'static str,
    /// Before the links to a topic's or the collection's file of every article's citation.
    pub download_citations: &'static str,
    /// The link to an article's text as copied.
    pub as_copied_link: &'static str,
    /// After that link.
    pub as_copied_explained: &'static str,
    /// A related article's shared topics.
    pub also_about: &'static str,
    /// A related article's shared entities.
    pub also_mentions: &'static str,
    /// A related article worded alike.
    pub similar_wording: &'static str,
    /// The header panel's link to the search page.
    pub search_all: &'static str,
    /// The header search box's label.
    pub search_label: &'static str,
    /// The header search box's description for assistive technology.
    pub search_keys: &'static str,
    /// The navigation's accessible name.
    pub site_navigation: &'static str,
    /// The header search's accessible name.
    pub site_search: &'static str,
    /// The results list's accessible name.
    pub results: &'static str,
    /// The accessible name of an article's newer/older links.
    pub newer_and_older: &'static str,
    /// The dark-mode toggle's state, on.
    pub toggle_on: &'static str,
    /// The dark-mode toggle's state, off.
    pub toggle_off: &'static str,
    /// The label of an article's content note.
    pub content_note: &'static str,
    /// After a count of one topic.
    pub topic_one: &'static str,
    /// After any other count of topics.
    pub topic_many: &'static str,
    /// The home page's counts: `{articles}` and `{topics}` are each a number with its word.
    pub collection_counts: &'static str,
    /// The messages `search.js` shows, read from the page (`search-strings`).
    pub search_messages: SearchMessages,
    /// Before a date known only roughly, its space included (`about 2007`).
    pub about: &'static str,
    /// A date the editor worked out.
    pub inferred: &'static str,
    /// A date sources disagree about.
    pub disputed: &'static str,
    /// A stated date given only as a year.
    pub known_to_the_year: &'static str,
    /// A stated date given only as a month.
    pub known_to_the_month: &'static str,
    /// The source link's text when the source has no name.
    pub the_original: &'static str,
    /// The navigation's link to the list of articles.
    pub nav_articles: &'static str,
    /// The navigation's link to the entities.
    pub nav_entities: &'static str,
    /// The navigation's link to the timeline.
    pub nav_timeline: &'static str,
    /// The skip link.
    pub skip_to_content: &'static str,
    /// After a count of one article.
    pub article_one: &'static str,
    /// After any other count of articles.
    pub article_many: &'static str,
    /// The link to the site's feed.
    pub atom_feed: &'static str,
    /// The link to a topic's feed.
    pub topic_feed: &'static str,
    /// The link to the next newer article or list page.
    pub newer: &'static str,
    /// The link to the next older article or list page.
    pub older: &'static str,
    /// Heading of an article's citation.
    pub cite_this_article: &'static str,
    /// Heading of an article's related articles.
    pub related_articles: &'static str,
    /// The search page's form, its accessible name.
    pub search_collection: &'static str,
    /// The search page's box label: `{articles}` is the count with its word.
    pub search_in: &'static str,
    /// The search page's help under the box (HTML: trusted, from this table).
    pub search_help: &'static str,
    /// The search page without JavaScript: `{home}` and `{topics}` become links.
    pub search_noscript: &'static str,
    /// The `{home}` link's text.
    pub home_page: &'static str,
    /// The `{topics}` link's text.
    pub topics_link: &'static str,
    /// The search page's description: `{site}` is the site's title.
    pub search_description: &'static str,
    /// The 404 page's title.
    pub not_found: &'static str,
    /// The 404 page's explanation.
    pub not_found_text: &'static str,
    /// The 404 page's way on: `{articles}` and `{topics}` become links.
    pub not_found_next: &'static str,
    /// Its `{articles}` link.
    pub go_to_articles: &'static str,
    /// Its `{topics}` link.
    pub browse_topics: &'static str,
    /// The topic index's description: `{site}` is the site's title.
    pub topics_description: &'static str,
    /// The entity index's description.
    pub entities_description: &'static str,
    /// The entity index's first line.
    pub entities_lede: &'static str,
    /// An entity page's description: `{name}` and `{site}`.
    pub entity_description: &'static str,
    /// The heading of the people.
    pub people: &'static str,
    /// The heading of the places.
    pub places: &'static str,
    /// The heading of the organisations.
    pub organisations: &'static str,
    /// The heading of the terms.
    pub terms: &'static str,
    /// One person's kind.
    pub person: &'static str,
    /// One place's kind.
    pub place: &'static str,
    /// One organisation's kind.
    pub organisation: &'static str,
    /// One term's kind.
    pub term: &'static str,
    /// Before an entity's other spellings.
    pub also_written: &'static str,
    /// An entity page's list heading: `{articles}` is the count with its word.
    pub mentioned_in: &'static str,
    /// An entity page with no mentions.
    pub no_mentions: &'static str,
    /// The site feed's title, after the site's.
    pub all_articles: &'static str,
    /// After a list's heading on its later pages: `{n}` of `{count}`.
    pub page_of: &'static str,
    /// The accessible name of a list's page links.
    pub list_pages: &'static str,
    /// The timeline's first line.
    pub timeline_lede: &'static str,
    /// The timeline's description: `{site}` is the site's title.
    pub timeline_description: &'static str,
    /// Before an event's articles.
    pub event_sources: &'static str,
    /// An article's events heading.
    pub on_the_timeline: &'static str,
    /// Its link to the timeline.
    pub whole_timeline: &'static str,
    /// An article's series box heading: `{title}`.
    pub series_heading: &'static str,
    /// Which part of a series: `{part}` of `{total}`.
    pub part_of: &'static str,
    /// Which part, when the total is unknown.
    pub part: &'static str,
    /// The series box with no list of parts.
    pub this_is_part_of: &'static str,
    /// The same when the total is unknown.
    pub this_is_part: &'static str,
    /// After the current part.
    pub this_article: &'static str,
    /// After a part that is only online.
    pub original_not_collected: &'static str,
    /// After a part that is nowhere.
    pub not_collected: &'static str,
    /// The accessible name of a series list copied from the original.
    pub series_listing: &'static str,
    /// The comments' heading.
    pub reader_comments: &'static str,
    /// Under it: what the comments are.
    pub comments_note: &'static str,
    /// After the comments' heading, one comment, in the language's parentheses.
    pub comment_count_one: &'static str,
    /// The same for `{n}` comments.
    pub comment_count_many: &'static str,
    /// A comment whose author the text does not name.
    pub unnamed_reader: &'static str,
    /// After the author of the site's own reply.
    pub site_reply: &'static str,
    /// The author of a reply the editor marks as the site's when neither the editor, the
    /// text nor the article's source names one.
    pub site_reply_author: &'static str,
    /// After the author of a reply.
    pub reply: &'static str,
    /// Before a caption whose photo is not reproduced.
    pub photo_not_reproduced: &'static str,
    /// Where the text refers to an image the structurer dropped (a file name or a placeholder).
    pub image_not_reproduced: &'static str,
    /// Inside a correction note, before what was changed.
    pub corrected: &'static str,
    /// The book's byline: `{authors}`.
    pub by_line: &'static str,
    /// The book's link to the original.
    pub original_source: &'static str,
    /// The book's link to the article online.
    pub in_online_collection: &'static str,
    /// The book's title page: `{editor}`, with the space before the next sentence
    /// (none in Japanese).
    pub book_curated: &'static str,
    /// Then: `{articles}` is the count with its word.
    pub book_holds: &'static str,
    /// Or, when the book holds only the newest `{n}`.
    pub book_holds_newest: &'static str,
    /// The title page's link to the site.
    pub online_edition: &'static str,
    /// The words of an article's "as copied" page, its reasons included.
    pub as_copied: AsCopiedStrings,
}

/// The words `search.js` puts in its status line, with `{n}`, `{query}`, `{note}` and
/// `{terms}` filled in by the script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SearchMessages {
    /// No article matches: placeholders `{query}` and `{note}`.
    pub none: &'static str,
    /// One article matches.
    pub one: &'static str,
    /// `{n}` articles match.
    pub many: &'static str,
    /// The `{note}` when misspelt words were read as others (`{terms}`).
    pub taken_as: &'static str,
    /// The search page with an empty box.
    pub type_a_word: &'static str,
    /// While a query runs.
    pub searching: &'static str,
    /// When the index cannot be loaded.
    pub failed: &'static str,
}

impl Strings {
    /// The heading of a kind of entity on the index (`People`, `인물`).
    pub fn entity_kinds(&self, kind: EntityKind) -> &'static str {
        match kind {
            EntityKind::Person => self.people,
            EntityKind::Place => self.places,
            EntityKind::Organisation => self.organisations,
            EntityKind::Term => self.terms,
        }
    }

    /// One entity's kind on its page (`Person`, `인물`).
    pub fn entity_kind(&self, kind: EntityKind) -> &'static str {
        match kind {
            EntityKind::Person => self.person,
            EntityKind::Place => self.place,
            EntityKind::Organisation => self.organisation,
            EntityKind::Term => self.term,
        }
    }

    /// A count of articles with its word: `1 article`, `3 articles`, `3편`, `3件`.
    pub fn articles(&self, count: usize) -> String {
        let word = if count == 1 {
            self.article_one
        } else {
            self.article_many
        };
        format!("{count}{}{word}", self.unit_space)
    }
}

/// The strings for a language tag (`ko`, `ko-KR`, `ja`…); English for any other.
pub fn strings_for(language: &str) -> &'static Strings {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "ko" => &KOREAN,
        "ja" => &JAPANESE,
        _ => &ENGLISH,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_language_tag_picks_its_table_and_others_get_english() {
        assert_eq!(strings_for("ko-KR").published, "발행");
        assert_eq!(strings_for("JA").contents, "目次");
        assert_eq!(strings_for("fr").published, "Published");
        assert_eq!(strings_for("").language, "en");
        assert_eq!(strings_for("ja-JP").inferred, "推定");
    }

    #[test]
    fn counts_and_entity_kinds_come_from_each_language_s_table() {
        assert_eq!(ENGLISH.articles(1), "1 article");
        assert_eq!(ENGLISH.articles(3), "3 articles");
        assert_eq!(KOREAN.articles(3), "3편");
        assert_eq!(JAPANESE.articles(3), "3件");
        assert_eq!(KOREAN.entity_kinds(EntityKind::Person), "인물");
        assert_eq!(
            ENGLISH.entity_kind(EntityKind::Organisation),
            "Organisation"
        );
        assert_eq!(JAPANESE.entity_kinds(EntityKind::Place), "場所");
    }
}
