//! The words of the "as copied" page (#17): its headings, the sentences around each line's
//! fate, the block kinds and the structurer's reasons, in each shipped language.
//!
//! [`AsCopiedStrings`] is one field of [`super::Strings`], so a Korean or Japanese article's
//! page explains its lines in its own language. [`AsCopiedStrings::reason`] maps a rule's
//! name (as `shelf inspect` gives it) to its words; a rule named nowhere here gets
//! [`AsCopiedStrings::reads_as`] or [`AsCopiedStrings::not_part`] in the page's language.
//! Strings holding `<…>` are HTML from this table (trusted); a `{…}` placeholder that a
//! template fills with a writer's text is filled escaped.

use serde::Serialize;

use crate::model::text::BlockKind;

/// The as-copied page's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct AsCopiedStrings {
    /// The page's title: `{title}` is the article's.
    pub title: &'static str,
    /// The page's description: `{title}`.
    pub description: &'static str,
    /// Above the title.
    pub kicker: &'static str,
    /// The link back to the article.
    pub back_to_article: &'static str,
    /// The link to the original.
    pub the_original: &'static str,
    /// The first paragraph (HTML): `{source}` then `{seed}` (the seed's file name in code).
    pub intro: &'static str,
    /// `{source}` when the source has no name.
    pub the_original_page: &'static str,
    /// The count of lines.
    pub count_lines: &'static str,
    /// After it: `{n}` blank lines.
    pub count_blank: &'static str,
    /// The count of kept lines.
    pub count_kept: &'static str,
    /// The count of dropped lines.
    pub count_dropped: &'static str,
    /// The count of corrected lines.
    pub count_corrected: &'static str,
    /// The count of lines an editor's setting decided.
    pub count_editorial: &'static str,
    /// The table's caption.
    pub caption: &'static str,
    /// The line number's column.
    pub line: &'static str,
    /// The text's column.
    pub text_as_copied: &'static str,
    /// The fate's column.
    pub what_became: &'static str,
    /// A blank line's text.
    pub blank_line: &'static str,
    /// A kept line's fate (HTML): `{kind}` is the block kind in words.
    pub kept_as: &'static str,
    /// A dropped line's fate (HTML).
    pub dropped: &'static str,
    /// After the fate when an editor's setting decided it (HTML).
    pub by_the_editor: &'static str,
    /// The part of a split line: `{part}`.
    pub the_part: &'static str,
    /// Between the fate and its reason.
    pub colon: &'static str,
    /// After a dropped image's reason, its punctuation included.
    pub image_marked: &'static str,
    /// Before the rule's name.
    pub rule: &'static str,
    /// Before the setting, as written in the metadata.
    pub setting: &'static str,
    /// A correction (HTML): `{entry}`, then `{find}`, then `{replace}`.
    pub corrected_line: &'static str,
    /// A `[sic]` mark (HTML): `{entry}`, then `{find}`, then `{replace}`.
    pub sic_line: &'static str,
    /// After either, the editor's `{note}`.
    pub note: &'static str,
    /// Before the line as a reader sees it.
    pub reader_sees: &'static str,
    /// Each block kind in words.
    pub kinds: KindNames,
    /// Each rule's reason.
    pub reasons: Reasons,
    /// The reason of a kept line whose rule has no words: `{kind}`.
    pub reads_as: &'static str,
    /// The reason of a dropped line whose rule has no words.
    pub not_part: &'static str,
}

/// A block kind in words, for readers (`quotation`, `reader comment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct KindNames {
    /// The `paragraph` kind.
    pub paragraph: &'static str,
    /// The `heading` kind.
    pub heading: &'static str,
    /// The `caption` kind.
    pub caption: &'static str,
    /// The `dateline` kind.
    pub dateline: &'static str,
    /// The `byline` kind.
    pub byline: &'static str,
    /// The `quote` kind.
    pub quote: &'static str,
    /// The `list` kind.
    pub list: &'static str,
    /// The `section_break` kind.
    pub section_break: &'static str,
    /// The `comment` kind.
    pub comment: &'static str,
    /// The `series` kind.
    pub series: &'static str,
    /// The `dropped` kind.
    pub dropped: &'static str,
}

/// Why each rule of the structurer decided what it did, one field per rule (the rule's name
/// with `_` for `-`; `override` is `editor_override`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Reasons {
    /// Rule `override`.
    pub editor_override: &'static str,
    /// Rule `cut`.
    pub cut: &'static str,
    /// Rule `comments-hidden`.
    pub comments_hidden: &'static str,
    /// Rule `site-reply`.
    pub site_reply: &'static str,
    /// Rule `boilerplate-phrase`.
    pub boilerplate_phrase: &'static str,
    /// Rule `caption-toggle`.
    pub caption_toggle: &'static str,
    /// Rule `pagination`.
    pub pagination: &'static str,
    /// Rule `image-filename`.
    pub image_filename: &'static str,
    /// Rule `glued-filename`.
    pub glued_filename: &'static str,
    /// Rule `duplicate-caption`.
    pub duplicate_caption: &'static str,
    /// Rule `comment-header`.
    pub comment_header: &'static str,
    /// Rule `comment-tail`.
    pub comment_tail: &'static str,
    /// Rule `credit-pattern`.
    pub credit_pattern: &'static str,
    /// Rule `section-marker`.
    pub section_marker: &'static str,
    /// Rule `series-listing`.
    pub series_listing: &'static str,
    /// Rule `quote-marker`.
    pub quote_marker: &'static str,
    /// Rule `indented-quotation`.
    pub indented_quotation: &'static str,
    /// Rule `list-marker`.
    pub list_marker: &'static str,
    /// Rule `dateline`.
    pub dateline: &'static str,
    /// Rule `byline`.
    pub byline: &'static str,
    /// Rule `title-like`.
    pub title_like: &'static str,
    /// Rule `trailing-byline`.
    pub trailing_byline: &'static str,
    /// Rule `paragraph`.
    pub paragraph: &'static str,
    /// Rule `page-chrome`.
    pub page_chrome: &'static str,
    /// Rule `caption-credit`.
    pub caption_credit: &'static str,
    /// Rule `call-to-action`.
    pub call_to_action: &'static str,
    /// Rule `self-reference`.
    pub self_reference: &'static str,
    /// Rule `metadata-field`.
    pub metadata_field: &'static str,
    /// Rule `comment-chrome`.
    pub comment_chrome: &'static str,
    /// Rule `entry-time`.
    pub entry_time: &'static str,
    /// Rule `name-and-role`.
    pub name_and_role: &'static str,
    /// Rule `sign-off`.
    pub sign_off: &'static str,
    /// Rule `unmarked-list`.
    pub unmarked_list: &'static str,
    /// Rule `field-list`.
    pub field_list: &'static str,
    /// Rule `caption-marker`.
    pub caption_marker: &'static str,
    /// Rule `post-header`.
    pub post_header: &'static str,
    /// Rule `post-text`.
    pub post_text: &'static str,
    /// Rule `learned-body`.
    pub learned_body: &'static str,
    /// Rule `learned-chrome`.
    pub learned_chrome: &'static str,
    /// Rule `learned-comment`.
    pub learned_comment: &'static str,
    /// Rule `learned-heading`.
    pub learned_heading: &'static str,
    /// Rule `learned-caption`.
    pub learned_caption: &'static str,
}

impl AsCopiedStrings {
    /// `kind` in words.
    pub fn kind_name(&self, kind: BlockKind) -> &'static str {
        let k = &self.kinds;
        match kind {
            BlockKind::Paragraph => k.paragraph,
            BlockKind::Heading => k.heading,
            BlockKind::Caption => k.caption,
            BlockKind::Dateline => k.dateline,
            BlockKind::Byline => k.byline,
            BlockKind::Quote => k.quote,
            BlockKind::List => k.list,
            BlockKind::SectionBreak => k.section_break,
            BlockKind::Comment => k.comment,
            BlockKind::Series => k.series,
            BlockKind::Dropped => k.dropped,
        }
    }

    /// Why `rule` decided what it did; `None` for a rule with no words here (a new one).
    pub fn reason(&self, rule: &str) -> Option<&'static str> {
        let r = &self.reasons;
        Some(match rule {
            "override" => r.editor_override,
            "cut" => r.cut,
            "comments-hidden" => r.comments_hidden,
            "site-reply" => r.site_reply,
            "boilerplate-phrase" => r.boilerplate_phrase,
            "caption-toggle" => r.caption_toggle,
            "pagination" => r.pagination,
            "image-filename" => r.image_filename,
            "glued-filename" => r.glued_filename,
            "duplicate-caption" => r.duplicate_caption,
            "comment-header" => r.comment_header,
            "comment-tail" => r.comment_tail,
            "credit-pattern" => r.credit_pattern,
            "section-marker" => r.section_marker,
            "series-listing" => r.series_listing,
            "quote-marker" => r.quote_marker,
            "indented-quotation" => r.indented_quotation,
            "list-marker" => r.list_marker,
            "dateline" => r.dateline,
            "byline" => r.byline,
            "title-like" => r.title_like,
            "trailing-byline" => r.trailing_byline,
            "paragraph" => r.paragraph,
            "page-chrome" => r.page_chrome,
            "caption-credit" => r.caption_credit,
            "call-to-action" => r.call_to_action,
            "self-reference" => r.self_reference,
            "metadata-field" => r.metadata_field,
            "comment-chrome" => r.comment_chrome,
            "entry-time" => r.entry_time,
            "name-and-role" => r.name_and_role,
            "sign-off" => r.sign_off,
            "unmarked-list" => r.unmarked_list,
            "field-list" => r.field_list,
            "caption-marker" => r.caption_marker,
            "post-header" => r.post_header,
            "post-text" => r.post_text,
            "learned-body" => r.learned_body,
            "learned-chrome" => r.learned_chrome,
            "learned-comment" => r.learned_comment,
            "learned-heading" => r.learned_heading,
            "learned-caption" => r.learned_caption,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{ENGLISH, JAPANESE, KOREAN};

    #[test]
    fn every_language_orders_the_placeholders_the_page_splits_on() {
        // The template cuts these strings at their placeholders, in this order, so that a
        // writer's text is never searched for a placeholder.
        for strings in [ENGLISH, KOREAN, JAPANESE] {
            let s = strings.as_copied;
            for (text, order) in [
                (s.intro, &["{source}", "{seed}"][..]),
                (s.corrected_line, &["{entry}", "{find}", "{replace}"][..]),
                (s.sic_line, &["{entry}", "{find}", "{replace}"][..]),
            ] {
                let at: Vec<usize> = order
                    .iter()
                    .map(|p| {
                        assert_eq!(
                            text.matches(p).count(),
                            1,
                            "{}: {p} in {text}",
                            strings.language
                        );
                        text.find(p).unwrap_or_default()
                    })
                    .collect();
                assert!(at.is_sorted(), "{}: {text}", strings.language);
            }
            for (text, placeholder) in [
                (s.title, "{title}"),
                (s.description, "{title}"),
                (s.count_blank, "{n}"),
                (s.kept_as, "{kind}"),
                (s.the_part, "{part}"),
                (s.note, "{note}"),
                (s.reads_as, "{kind}"),
            ] {
                assert_eq!(
                    text.matches(placeholder).count(),
                    1,
                    "{}: {text}",
                    strings.language
                );
            }
        }
    }

    #[test]
    fn each_language_names_a_rule_in_its_own_words() {
        assert_eq!(
            ENGLISH.as_copied.reason("page-chrome"),
            Some(
                "it scored as part of the web page around the article (a menu, label, date stamp, site name or notice), not as its text"
            )
        );
        assert_eq!(KOREAN.as_copied.reason("paragraph"), Some("이어지는 본문"));
        assert_eq!(
            JAPANESE.as_copied.reason("image-filename"),
            Some("画像のファイル名")
        );
        assert_eq!(ENGLISH.as_copied.reason("a-future-rule"), None);
        assert_eq!(
            KOREAN
                .as_copied
                .kind_name(crate::model::text::BlockKind::Quote),
            "인용문"
        );
    }
}
