//! Captions found from their credits, after the scorer has decided the lines: the line over
//! a credit standing alone is the caption it credits, and a caption broken over two lines
//! mid-sentence, its credit at the end of the second, is one caption.
//!
//! Takes the decided pieces and the seed's lines; [`mark_captions_above_credits`] turns the
//! paragraph (or CJK line taken for a heading) right above such a credit into a caption
//! (rule `caption-credit`), and [`photographers`] collects the names the page credits, whose
//! name alone under a photo's caption credits it. One pass over the pieces, one over the
//! lines.

use super::BlockKind;
use super::credits::{is_bare_agency, is_credit};
use super::lines::{Features, Line, Piece};
use super::rules::ends_sentence;

/// Names of the photographers the page credits (`Photographs by Arvid Holm`, `Photograph:
/// Arvid Holm for The Longhand Review`), lowercased; a few at most.
pub(crate) fn photographers(lines: &[Line<'_>]) -> Vec<String> {
    let mut names = Vec::new();
    for line in lines
        .iter()
        .filter(|l| l.text.len() <= 200 && l.text.contains("Photograph"))
    {
        let Some(at) = [
            "Photographs by ",
            "Photograph by ",
            "Photograph: ",
            "Photographs: ",
        ]
        .iter()
        .find_map(|label| line.text.find(label).map(|i| i + label.len())) else {
            continue;
        };
        let rest = &line.text[at..];
        let name = rest.split([',', '/', ';']).next().unwrap_or(rest);
        let name = name.split(" for ").next().unwrap_or(name).trim();
        if super::bylines::is_person_name(name) && names.len() < 8 {
            names.push(name.to_lowercase());
        }
    }
    names
}

/// A caption running over two lines: the line right above a credit standing alone
/// (`REUTERS/Kim Hong-Ji`, `Photograph: Kiyoshi Ota/EPA`) is the caption it credits (rule
/// `caption-credit`), when it is a one-line paragraph of caption length.
pub(crate) fn mark_captions_above_credits(pieces: &mut [Piece], lines: &[Line<'_>]) {
    for i in 1..pieces.len() {
        let (before, after) = pieces.split_at_mut(i);
        let (previous, credit) = (&mut before[i - 1], &after[0]);
        let is_bare_credit = credit.rule == "credit-pattern"
            && credit.text.as_deref().is_some_and(|t| {
                // CJK captions carry their credit on the same line (`…모습 [연합뉴스 자료사진]`);
                // only a Latin credit line or a bare agency name stands under its caption.
                t.chars().count() <= 60
                    && !t.contains(". ")
                    && (!t.chars().any(super::signals::is_cjk)
                        || is_bare_agency(t)
                        // `사진=연합뉴스`, `（何志強攝）`, `＝4日午前…`: a credit line of its own
                        // (a caption with its credit on the same line starts with the caption).
                        || t.chars().count() <= 25 && opens_with_credit(t))
            });
        // `Salt harvest, Goreme flats, 12 August 2025. Photograph by Selin Arslan`: a place and
        // a date before the credit, on a line of its own.
        let is_dated_credit = credit.rule == "credit-pattern"
            && credit.text.as_deref().is_some_and(|t| {
                t.len() <= 120
                    && t.rsplit_once(". ").is_some_and(|(before, after)| {
                        before.split_whitespace().count() <= 8
                            && super::dates::has_date_time(before)
                            && is_credit(after)
                    })
            });
        let is_bare_credit = is_bare_credit || is_dated_credit;
        let previous_line = &lines[previous.line];
        // A short CJK line over its credit may have been taken for a heading.
        let is_cjk_title = previous.rule == "title-like"
            && !previous.features.contains(Features::HEADLINE)
            && previous_line.text.chars().any(super::signals::is_cjk);
        let is_caption_sized = (previous.kind == BlockKind::Paragraph
            && previous.rule == "paragraph"
            || is_cjk_title && is_bare_credit)
            && previous.line + 1 == credit.line
            && previous.span.start == previous_line.start
            && previous_line.text.len() <= 400;
        // `Firefighters work at a warehouse in the port of` over `Incheon on Tuesday. REUTERS/
        // Kim Hong-Ji`: a caption hard-wrapped mid-sentence, its credit on the second line.
        let continues_caption = credit.rule == "credit-pattern"
            && credit.kind == BlockKind::Caption
            && credit.span.start == lines[credit.line].start
            && breaks_mid_sentence(previous_line.text, lines[credit.line].text);
        if is_caption_sized && (is_bare_credit || continues_caption) {
            previous.kind = BlockKind::Caption;
            previous.rule = "caption-credit";
            previous.features.insert(Features::CREDIT_BELOW);
        }
    }
}

/// Short function words a hard-wrapped line may end on (`… in the port of`).
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "with", "from", "by", "and", "or", "as",
    "near", "after", "during",
];

/// Whether `line` stops mid-sentence and `next` carries on with it: no sentence end, and a
/// comma, a function word or a lowercase start at the break.
fn breaks_mid_sentence(line: &str, next: &str) -> bool {
    if ends_sentence(line) || line.chars().any(super::signals::is_cjk) {
        return false;
    }
    let last = line.rsplit(' ').next().unwrap_or("");
    line.ends_with([',', ';'])
        || FUNCTION_WORDS.contains(&last)
        || next.starts_with(|c: char| c.is_lowercase())
}

/// Whether a CJK line opens with its credit's label or bracket (`사진=`, `圖片來源`, `（`,
/// `＝`), so that the whole line is a credit rather than a caption ending with one.
fn opens_with_credit(text: &str) -> bool {
    text.starts_with(['（', '(', '＝', '=', '[', '［', '〔'])
        || [
            "사진", "출처", "圖片", "图片", "写真", "資料", "资料", "来源", "來源",
        ]
        .iter()
        .any(|label| text.starts_with(label))
}
