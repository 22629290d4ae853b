//! Context tests for the scorer ([`super::score`]): questions about a line that its
//! neighbours answer.
//!
//! Takes the pieces, their line scores and the seed's lines; each function answers for one
//! piece whether it opens the body's block (`Dear readers,` over the first paragraph), signs
//! off or continues the last paragraph's block, is a titled headline rather than a field, is
//! a name over a job title or date, and how much of a title line recurs in the first
//! paragraph. [`drop_bylines_in_tail_chrome`] is the one pass that changes pieces: an author
//! box's byline in the tail joins the chrome around it. Each test looks at a bounded window
//! of lines, so the scorer stays linear.

use super::BlockKind;
use super::dates::has_date_time;
use super::line_score::{ANCHOR_SCORE, LineScore, is_key_value};
use super::lines::Features;
use super::lines::{Line, Piece};
use super::signals::is_stamp;

/// Percent of a line's content words (four letters or more) found in `body` (lowercased);
/// `None` for a line with fewer than two such words.
pub(crate) fn title_overlap(line: &str, body: &str) -> Option<u8> {
    let words: Vec<String> = line
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.chars().count() >= 4)
        .map(str::to_lowercase)
        .collect();
    if words.len() < 2 {
        return None;
    }
    let found = words.iter().filter(|w| body.contains(w.as_str())).count();
    Some((found * 100 / words.len()) as u8)
}

/// Job titles that follow an author's name on its own line.
const ROLE_NOUNS: &[&str] = &[
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "columnist",
    "contributor",
    "producer",
    "journalist",
    "critic",
    "photographer",
    "analyst",
];

/// Whether `below` reads as the job line under a name: short, no sentence end, and a role
/// noun (`Business reporter`) or a place of work (`Product designer at a logistics company`)
/// with the post's time or a short label under it (`after`, the next line: a headline that
/// happens to read `Swimmer at centre of rescue praised` has the story under it).
fn is_role_line(below: &str, after: &str) -> bool {
    let words = below.split_whitespace().count();
    let has_role_noun = below
        .split(|c: char| !c.is_alphabetic())
        .any(|w| ROLE_NOUNS.iter().any(|r| r.eq_ignore_ascii_case(w)));
    // `Product designer at …`, `Lead engineer @ …`: a job (a noun of a doer, `-er`, `-or`,
    // `-ist`…) at a place of work; `Work begins at the harbour` is a headline.
    let works_at = (3..=8).contains(&words)
        && below.chars().next().is_some_and(char::is_uppercase)
        && below
            .split_once(" at ")
            .or_else(|| below.split_once(" @ "))
            .is_some_and(|(job, _)| {
                let last = job.rsplit(' ').next().unwrap_or("").to_lowercase();
                job.split_whitespace().count() <= 3
                    && ["er", "or", "ist", "ant", "ent", "ian", "ee", "lead", "head"]
                        .iter()
                        .any(|suffix| last.ends_with(suffix))
            })
        && (is_stamp(after)
            || has_date_time(after)
            || after.split_whitespace().count() <= 3 && !super::rules::ends_sentence(after));
    (1..=8).contains(&words) && !super::rules::ends_sentence(below) && (has_role_noun || works_at)
}

/// Whether the line at `at` is a person's name (two to four capitalized words) with a job
/// title or a date on the line right below (`Business reporter`, `Feb 11, 2025`), or, on a
/// Korean, Japanese or Chinese page, a short account name over the post's date and time
/// (`小周说生活` over `2024-01-03 10:02 河南`).
pub(crate) fn is_name_over_role(text: &str, at: usize, lines: &[Line<'_>]) -> bool {
    let below = lines.get(at + 1).map_or("", |l| l.text);
    if is_cjk_handle(text) {
        // The post's date and time right below (`小周说生活` over `2024-01-03 10:02`) or
        // right above (`更新日 2025-02-20` over `坂本ゆうき`).
        let above = at.checked_sub(1).map_or("", |i| lines[i].text);
        // Below a date only a Japanese writer's name in kana (`坂本ゆうき`), never a button
        // (`共有`, `分享`) or a label.
        let has_kana = text.chars().any(|c| ('\u{3040}'..='\u{309f}').contains(&c));
        let is_under_date = has_kana && text.chars().count() >= 3 && has_date_time(above);
        // Two characters are a section's name as often as a person's (`정치`, `国内`, `속보`).
        let is_over_date = text.chars().count() >= 3 && (is_stamp(below) || has_date_time(below));
        return super::signals::chrome_hint(text).is_none() && (is_over_date || is_under_date);
    }
    let is_name = super::bylines::is_person_name(text)
        && !text
            .split_whitespace()
            .any(|w| ROLE_NOUNS.iter().any(|r| r.eq_ignore_ascii_case(w)));
    // `Ines Carvalho` over `Feb 11, 2025`: the author over the post's date.
    let after = lines.get(at + 2).map_or("", |l| l.text);
    is_name && (is_role_line(below, after) || is_stamp(below))
}

/// Whether the line right above `at` is a name over this role line (`Daniel Osei` over
/// `Product designer at a logistics company`): the role belongs to the author's box.
pub(crate) fn is_role_under_name(text: &str, at: usize, lines: &[Line<'_>]) -> bool {
    at > 0
        && is_role_line(text, lines.get(at + 1).map_or("", |l| l.text))
        && !is_stamp(text)
        && is_name_over_role(lines[at - 1].text, at - 1, lines)
}

/// Endings of an outlet's or a page kind's name (`共同通信`, `每日新闻`, `연합뉴스`), never a
/// writer's handle.
const OUTLET_ENDINGS: &[&str] = &[
    "通信", "新聞", "新闻", "日报", "晚报", "社", "网", "台", "뉴스", "일보", "신문", "방송",
];

/// A short handle in CJK script: two to ten letters, no punctuation or digits, not an
/// agency or outlet, and not a katakana loanword alone (`プレスリリース` labels the page).
fn is_cjk_handle(text: &str) -> bool {
    let count = text.chars().count();
    let is_katakana = |c: char| ('\u{30a0}'..='\u{30ff}').contains(&c);
    (2..=10).contains(&count)
        && text.chars().all(super::signals::is_cjk)
        && !text.chars().all(is_katakana)
        && !OUTLET_ENDINGS.iter().any(|e| text.ends_with(e))
        && ![
            "株式会社",
            "有限会社",
            "公司",
            "会社",
            "市",
            "町",
            "村",
            "県",
            "区",
            "省",
        ]
        .iter()
        .any(|w| text.starts_with(w) || text.ends_with(w))
        && !super::boilerplate::is_agency(text)
}

/// Whether the head line `i` opens the block the body starts in: the line above is blank
/// (or the text's start) and the line right below is body text.
pub(crate) fn opens_body_block(
    pieces: &[Piece],
    scores: &[Option<LineScore>],
    i: usize,
    lines: &[Line<'_>],
) -> bool {
    let at = pieces[i].line;
    let above_blank = at == 0 || lines[at - 1].text.is_empty();
    let below = pieces.get(i + 1).filter(|p| p.line == at + 1);
    above_blank
        && below.is_some_and(|p| match scores[i + 1] {
            Some(n) => n.score >= ANCHOR_SCORE,
            None => matches!(p.kind, BlockKind::Paragraph | BlockKind::List),
        })
}

/// Whether the tail line `i` continues the block of the paragraph right above it (no blank
/// line between, no chrome wording or stamp): a name signing off (one to three words, no
/// digits, a blank line after), or a `Key: value` fact that is not page metadata.
pub(crate) fn is_signature(pieces: &[Piece], s: &LineScore, i: usize, lines: &[Line<'_>]) -> bool {
    let at = pieces[i].line;
    let text = pieces[i].text.as_deref().unwrap_or("");
    let below_blank = lines.get(at + 1).is_none_or(|l| l.text.is_empty());
    let is_name =
        (1..=3).contains(&s.words) && !text.chars().any(|c| c.is_ascii_digit()) && below_blank;
    // `Scorers: …`, `Attendance: 4,210` under the last paragraph: facts of the same block.
    let is_fact = is_key_value(text) && !s.features.contains(Features::METADATA);
    (is_name || is_fact)
        && s.hint.is_none()
        && !s.features.contains(Features::STAMP)
        && !s.features.contains(Features::DATED)
        && i > 0
        && pieces[i - 1].line + 1 == at
        && pieces[i - 1].kind == BlockKind::Paragraph
}

/// Whether a `Key: value` line (`Marathon day: road closures…`) is a titled headline rather
/// than a field: a key of two or more words, and no field on the lines around it.
pub(crate) fn is_titled_key(text: &str, at: usize, lines: &[Line<'_>]) -> bool {
    let key_words = text
        .split([':', '：'])
        .next()
        .map_or(0, |k| k.split_whitespace().count());
    let is_field = |i: Option<usize>| {
        i.and_then(|i| lines.get(i))
            .is_some_and(|l| !l.text.is_empty() && is_key_value(l.text))
    };
    // `Letters: Keep the night buses running`: a one-word label over a title in sentence
    // case (a name or a place, `Name: Park Ji-hoon`, has no lowercase word).
    let value = text.split_once([':', '：']).map_or("", |(_, v)| v.trim());
    let is_title_value = value.split_whitespace().count() >= 3
        && value.starts_with(char::is_uppercase)
        && value
            .split_whitespace()
            .skip(1)
            .any(|w| w.starts_with(char::is_lowercase));
    // `深水埗老字號涼茶舖結業　第三代店主：租金…`: a CJK headline quoting someone after a
    // colon; a field's label is short.
    let key = text.split([':', '：']).next().unwrap_or("");
    let is_long_cjk_key = key.chars().filter(|&c| super::signals::is_cjk(c)).count() >= 8;
    is_long_cjk_key
        || (key_words >= 2 || is_title_value)
            && !is_field(at.checked_sub(1))
            && !is_field(Some(at + 1))
}

/// An author line after the article's last paragraph next to chrome (`Written by …` over
/// `120 Followers` in an author box) belongs to the box, not to the article; a credit note
/// (`… contributed to this report.`, `Reporting by …`) stays.
pub(crate) fn drop_bylines_in_tail_chrome(pieces: &mut [Piece], last: usize) {
    let is_chrome = |p: &Piece| {
        p.kind == BlockKind::Dropped
            && p.text
                .as_deref()
                .is_some_and(|t| t.chars().any(char::is_alphanumeric))
    };
    for i in last + 1..pieces.len() {
        let piece = &pieces[i];
        let is_author_box_line = piece.kind == BlockKind::Byline
            && piece.rule == "byline"
            && piece
                .text
                .as_deref()
                .is_some_and(|t| t.starts_with("Written by ") || t.starts_with("By "));
        let next_to_chrome = is_chrome(&pieces[i - 1]) || pieces.get(i + 1).is_some_and(is_chrome);
        if is_author_box_line && next_to_chrome {
            let piece = &mut pieces[i];
            piece.kind = BlockKind::Dropped;
            piece.rule = "page-chrome";
            piece.score = -100;
            piece.features.insert(Features::TAIL);
            piece.features.insert(Features::AFTER_CHROME);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_job_lines_from_headlines() {
        assert!(is_role_line(
            "Product designer at a logistics company",
            "3d •"
        ));
        assert!(is_role_line(
            "Business reporter",
            "The council said on Monday it would act."
        ));
        assert!(!is_role_line("Work begins at the harbour wall", ""));
        assert!(!is_role_line("Fire at the old mill tonight", ""));
        assert!(!is_role_line(
            "Swimmer at centre of rescue praised",
            "A swimmer who pulled two children from the harbour was praised."
        ));
    }
}
