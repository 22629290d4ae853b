//! The "as copied" page: an article's seed, every line of it, and what became of each.
//!
//! Takes an article (its structured document and the editor's overrides as written);
//! returns an [`AsCopiedView`] with one [`CopiedLineView`] per line of the seed's text (as
//! normalized: see the README), each saying which block kept it and why, or which rule
//! dropped it, which corrections changed it (both texts and the note), and which of the
//! editor's settings decided it. A reader can check that nothing was hidden or changed
//! silently. The page shows the article alone, so [`AsCopiedPage::key`] is the site key and
//! the article's fingerprint (its metadata file and its document). Seed text stays plain
//! text: the template escapes it like any other value. The page's words, the block kinds
//! and the reasons are in the article's language (its `language`, else the site's), from
//! [`super::strings::AsCopiedStrings`] (#17: they were English on a Korean site).

use serde::Serialize;

use super::key::KeyBuilder;
use super::page::{Head, MarkdownSink, Page, frame};
use super::paths;
use super::site::{SummaryValue, Views};
use super::strings::{AsCopiedStrings, Strings, strings_for};
use crate::model::text::{Block, BlockKind};
use crate::model::{Article, EditorOverrides};

/// A kept part of a split line is named when at most this long (a dateline, a short
/// heading); a longer one is the rest of the line. Dropped parts are always named.
const MAX_KEPT_PART_CHARS: usize = 80;

/// What `as_copied.html` receives.
#[derive(Debug, Serialize)]
pub struct AsCopiedView {
    /// The article the seed became.
    pub article: SummaryValue,
    /// The original's address.
    pub source_url: Option<String>,
    /// The seed's file name under `seeds/`.
    pub seed_name: String,
    /// Every line of the seed, in order, blank ones included.
    pub lines: Vec<CopiedLineView>,
    /// How many lines of each fate there are.
    pub counts: LineCounts,
    /// The interface strings in the article's language, which the page's words and the
    /// reasons follow (#17); the site's chrome keeps `site.strings`.
    pub strings: &'static Strings,
}

/// How many lines the page shows, by what became of them.
#[derive(Debug, Default, Serialize)]
pub struct LineCounts {
    /// Every line.
    pub lines: usize,
    /// Lines with no text.
    pub blank: usize,
    /// Lines a reader sees (in part or whole).
    pub kept: usize,
    /// Lines a reader does not see at all.
    pub dropped: usize,
    /// Lines whose text the editor corrected or marked `[sic]`.
    pub corrected: usize,
    /// Lines an editor's setting decided (an override, the cut, hidden comments).
    pub editorial: usize,
}

/// One line of the seed.
#[derive(Debug, Serialize)]
pub struct CopiedLineView {
    /// 1-based line number.
    pub number: usize,
    /// The line as copied (surrounding white space trimmed); plain text.
    pub text: String,
    /// Whether the line has no text.
    pub is_blank: bool,
    /// `blank`, `kept` (a reader sees some of it) or `dropped` (a reader sees none of it).
    pub status: &'static str,
    /// What each block holding part of the line made of it (one, unless a file name or a
    /// page marker was split off the line).
    pub fates: Vec<FateView>,
    /// The editor's corrections of this line, in the order they were applied.
    pub corrections: Vec<LineCorrectionView>,
    /// The line as a reader sees it after the corrections, when any applied.
    pub corrected_text: Option<String>,
}

/// What one block made of a line.
#[derive(Debug, Serialize)]
pub struct FateView {
    /// Whether a reader sees it.
    pub is_kept: bool,
    /// The block's kind (`paragraph`, `section_break`, `dropped`…).
    pub kind: BlockKind,
    /// The kind in words (`section break`).
    pub kind_name: &'static str,
    /// The part of the line it took, when the line was split between blocks (a file name
    /// or a page marker split off); `None` when it took the whole line.
    pub part: Option<String>,
    /// The rule that decided it, as `shelf inspect` names it.
    pub rule: &'static str,
    /// Why, in plain words.
    pub reason: String,
    /// The editor's setting that decided it, as written in the metadata
    /// (`[[structure.lines]] 2: prefix = "…", kind = "drop"`), when one did.
    pub setting: Option<String>,
}

/// One correction of a line.
#[derive(Debug, Serialize)]
pub struct LineCorrectionView {
    /// The text as copied.
    pub find: String,
    /// What a reader sees instead (for `[sic]`, the text with the mark).
    pub replace: String,
    /// Whether the text was kept as written and marked `[sic]`.
    pub is_sic: bool,
    /// The editor's note, when given.
    pub note: Option<String>,
    /// Which `[[corrections]]` entry it is, from 1.
    pub number: usize,
}

/// An article's "as copied" page: it shows the article alone.
pub struct AsCopiedPage<'v> {
    index: usize,
    article: &'v Article,
}

impl<'v> AsCopiedPage<'v> {
    /// Gathers the page of article `index`.
    pub fn new(views: &Views<'v>, index: usize) -> Self {
        AsCopiedPage {
            index,
            article: views.article(index),
        }
    }

    /// The page's key: its article, whose fingerprint covers the seed's document and the
    /// metadata (overrides, title, source) the page shows.
    pub fn key(&self, site_key: &blake3::Hash) -> blake3::Hash {
        let AsCopiedPage { index: _, article } = self;
        KeyBuilder::new(site_key, "as-copied")
            .article(article)
            .finish()
    }

    /// The page.
    pub fn page(&self, views: &'v Views<'v>) -> Page<AsCopiedView> {
        let article = self.article;
        let language = article
            .language
            .as_deref()
            .unwrap_or(&views.site.config.language);
        let strings = strings_for(language);
        let view = as_copied_view(article, &views.summary_values[self.index], strings);
        let head = Head {
            template: "as_copied.html",
            title: strings.as_copied.title.replace("{title}", &article.title),
            description: strings
                .as_copied
                .description
                .replace("{title}", &article.title),
            kind: "as-copied",
            language: None,
        };
        let path = paths::as_copied(article.slug.as_str());
        let markdown = MarkdownSink::new(views, &paths::root_for(&path));
        frame(views, path, head, view, None, markdown)
    }
}

/// The view of `article`'s seed, line by line.
// Kept whole: one walk over the seed's lines that builds each line's view and the counts
// together; the steps share the line report, the holders and the line starts.
pub fn as_copied_view(
    article: &Article,
    summary: &SummaryValue,
    strings: &'static Strings,
) -> AsCopiedView {
    let document = &article.document;
    let mut report = document.line_report();
    // The newline ending the last line starts no line of its own.
    if document.text.ends_with('\n') && report.last().is_some_and(|l| l.text.is_empty()) {
        report.pop();
    }
    // For each line, the blocks holding part of it, in order.
    let mut holders: Vec<Vec<&Block>> = vec![Vec::new(); report.len()];
    for block in &document.blocks {
        let (first, last) = block.line_range;
        for number in first.max(1)..=last {
            if let Some(slot) = holders.get_mut(number - 1) {
                slot.push(block);
            }
        }
    }
    // Where each line starts in the normalized text (lines end with LF there).
    let line_starts: Vec<usize> = std::iter::once(0)
        .chain(document.text.match_indices('\n').map(|(at, _)| at + 1))
        .collect();
    let mut counts = LineCounts::default();
    let lines: Vec<CopiedLineView> = report
        .into_iter()
        .zip(holders)
        .map(|(line, blocks)| {
            let is_blank = line.text.is_empty();
            let blocks: Vec<&Block> = if is_blank { Vec::new() } else { blocks };
            let mut fates: Vec<FateView> = blocks
                .iter()
                .map(|block| fate_of(block, &line.text, &article.overrides, &strings.as_copied))
                .collect();
            if fates.len() > 1 {
                let start = line_starts
                    .get(line.number.saturating_sub(1))
                    .copied()
                    .unwrap_or(0);
                let end = line_starts
                    .get(line.number)
                    .copied()
                    .unwrap_or(document.text.len());
                for (fate, block) in fates.iter_mut().zip(&blocks) {
                    let is_kept = fate.is_kept;
                    fate.part = document
                        .text
                        .get(block.span.start.max(start)..block.span.end.min(end))
                        .map(|part| part.trim().to_string())
                        // A long kept part is the rest of the line, shown beside it already.
                        .filter(|part| {
                            !part.is_empty()
                                && (!is_kept || part.chars().count() <= MAX_KEPT_PART_CHARS)
                        });
                }
            }
            let corrections: Vec<LineCorrectionView> = blocks
                .iter()
                .flat_map(|block| &block.corrections)
                .filter(|c| !c.find.is_empty() && line.text.contains(&c.find))
                .map(|c| LineCorrectionView {
                    find: c.find.clone(),
                    replace: c.replace.clone(),
                    is_sic: c.is_sic,
                    note: c.note.clone(),
                    number: c.index + 1,
                })
                .collect();
            let corrected_text = (!corrections.is_empty()).then(|| {
                corrections.iter().fold(line.text.clone(), |text, c| {
                    text.replace(&c.find, &c.replace)
                })
            });
            let status = if is_blank {
                counts.blank += 1;
                "blank"
            } else if fates.iter().any(|f| f.is_kept) {
                counts.kept += 1;
                "kept"
            } else {
                counts.dropped += 1;
                "dropped"
            };
            counts.lines += 1;
            counts.corrected += usize::from(!corrections.is_empty());
            counts.editorial += usize::from(fates.iter().any(|f| f.setting.is_some()));
            CopiedLineView {
                number: line.number,
                text: line.text,
                is_blank,
                status,
                fates,
                corrections,
                corrected_text,
            }
        })
        .collect();
    AsCopiedView {
        strings,
        article: summary.clone(),
        source_url: article.source.as_ref().and_then(|s| s.url.clone()),
        seed_name: article
            .seed_path
            .strip_prefix(crate::load::SEEDS_DIR)
            .map_or_else(
                |_| crate::load::slash_path(&article.seed_path),
                crate::load::slash_path,
            ),
        lines,
        counts,
    }
}

/// What `block` made of the line `text`.
fn fate_of(
    block: &Block,
    text: &str,
    overrides: &EditorOverrides,
    strings: &AsCopiedStrings,
) -> FateView {
    let setting = match block.rule {
        "override" => Some(line_override_for(text, overrides).map_or_else(
            || "[[structure.lines]]".to_string(),
            |(number, prefix, kind)| {
                format!("[[structure.lines]] {number}: prefix = {prefix:?}, kind = {kind:?}")
            },
        )),
        "cut" => Some(match &overrides.cut_at {
            Some(marker) => format!("[structure] cut_at = {marker:?}"),
            None => "[structure] cut_at".to_string(),
        }),
        "comments-hidden" => Some("[structure] show_comments = false".to_string()),
        "site-reply" => Some(site_reply_setting(block, overrides)),
        _ => None,
    };
    FateView {
        is_kept: block.kind.is_rendered(),
        kind: block.kind,
        kind_name: strings.kind_name(block.kind),
        part: None,
        rule: block.rule,
        reason: reason(strings, block.kind, block.rule),
        setting,
    }
}

/// The `[[structure.site_replies]]` entry that marked the comment `block`, as written.
fn site_reply_setting(block: &Block, overrides: &EditorOverrides) -> String {
    let mark = block.comment.as_ref().and_then(|c| c.site_reply.as_ref());
    let Some((index, (prefix, name))) =
        mark.and_then(|m| Some((m.index, overrides.site_replies.get(m.index)?)))
    else {
        return "[[structure.site_replies]]".to_string();
    };
    let number = index + 1;
    match name {
        Some(name) => {
            format!("[[structure.site_replies]] {number}: prefix = {prefix:?}, name = {name:?}")
        }
        None => format!("[[structure.site_replies]] {number}: prefix = {prefix:?}"),
    }
}

/// The first `[[structure.lines]]` entry (numbered from 1) whose prefix starts `text`, as
/// the structurer matches them: white space runs collapsed, ends trimmed, first one wins.
fn line_override_for<'o>(
    text: &str,
    overrides: &'o EditorOverrides,
) -> Option<(usize, &'o str, &'o str)> {
    overrides
        .lines
        .iter()
        .zip(1..)
        .find(|((prefix, _), _)| starts_with_collapsed(text, prefix))
        .map(|((prefix, kind), number)| (number, prefix.as_str(), kind.as_str()))
}

fn starts_with_collapsed(text: &str, prefix: &str) -> bool {
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let prefix = collapse(prefix);
    !prefix.is_empty() && collapse(text).starts_with(&prefix)
}

/// Why a rule decided what it did, in words a reader follows (in `strings`' language). A
/// rule not named there (a new one) is described by its kind alone; the page shows its name
/// all the same.
fn reason(strings: &AsCopiedStrings, kind: BlockKind, rule: &str) -> String {
    match strings.reason(rule) {
        Some(why) => why.to_string(),
        None if kind.is_rendered() => strings.reads_as.replace("{kind}", strings.kind_name(kind)),
        None => strings.not_part.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::text::BlockKind;
    use crate::view::strings::{ENGLISH, JAPANESE, KOREAN};

    #[test]
    fn an_override_is_named_by_its_place_in_the_metadata() {
        let overrides = EditorOverrides {
            lines: vec![
                ("Other".into(), "heading".into()),
                ("Share   this".into(), "drop".into()),
                ("Share this page".into(), "paragraph".into()),
            ],
            cut_at: None,
            site_replies: Vec::new(),
        };
        assert_eq!(
            line_override_for("Share  this page now", &overrides),
            Some((2, "Share   this", "drop"))
        );
        assert_eq!(line_override_for("Nothing", &overrides), None);
        assert!(!starts_with_collapsed("any", "  "));
    }

    #[test]
    fn every_rule_the_structurer_names_today_has_words() {
        for rule in [
            "override",
            "cut",
            "comments-hidden",
            "site-reply",
            "boilerplate-phrase",
            "pagination",
            "credit-pattern",
            "title-like",
            "paragraph",
            "page-chrome",
            "caption-credit",
            "call-to-action",
            "self-reference",
            "metadata-field",
            "comment-chrome",
            "entry-time",
            "name-and-role",
            "sign-off",
            "unmarked-list",
            "field-list",
            "caption-marker",
        ] {
            for strings in [ENGLISH, KOREAN, JAPANESE] {
                let strings = &strings.as_copied;
                assert_ne!(
                    reason(strings, BlockKind::Paragraph, rule),
                    strings.reads_as.replace("{kind}", strings.kinds.paragraph),
                    "{rule}"
                );
            }
        }
        let english = &ENGLISH.as_copied;
        assert_eq!(
            reason(english, BlockKind::Dropped, "a-future-rule"),
            "it is not part of the article"
        );
        assert_eq!(
            reason(english, BlockKind::SectionBreak, "a-future-rule"),
            "it reads as a section break"
        );
        assert_eq!(
            reason(&KOREAN.as_copied, BlockKind::SectionBreak, "a-future-rule"),
            "구분선(으)로 읽힘"
        );
    }
}
