//! The headline: which line of the page's head is the article's title.
//!
//! Takes the pieces, the undecided ones among them, their line scores and the index of the
//! first body anchor (see [`super::score`]); returns the piece that heads the article, if
//! any. A page's head holds many title-shaped lines (the site's name, a menu, a kicker, the
//! headline, a standfirst); the headline is the one **nearest the body** that is at least
//! 60% as long as the longest, with three corrections:
//!
//! - a standfirst in sentence case right under a title-shaped line is the text's first
//!   paragraph, and the line above it is the headline;
//! - a line that repeats as the site's name elsewhere (`… | Oakfield News`, `© 2025 Oakfield
//!   News`) or a name's job line is never the headline;
//! - the title usually recurs in the text (`Chilblains` over `Chilblains are small…`), a
//!   tagline does not: a pick that shares no word with the first paragraph gives way to a
//!   shaped line that shares most of its words, and a one-word line the first paragraph
//!   opens with may head it.
//!
//! Cost: one pass over the head's candidates, plus one over the lines to collect the few
//! that can name the site.

use super::context::{is_role_under_name, is_titled_key, title_overlap};
use super::line_score::{LineScore, is_key_value};
use super::lines::{Features, Line, Piece};
use super::score::has_site_separator;
use super::signals::{Hint, capital_share};

/// At most this many lines are kept as ones that may name the site (copyright lines, titles
/// with a separator): they are few on any page.
const MAX_SITE_LINES: usize = 16;

/// The headline among the candidates before `first` (all candidates when there is no anchor).
pub(crate) fn pick_headline(
    pieces: &[Piece],
    candidates: &[usize],
    scores: &[Option<LineScore>],
    first: usize,
    lines: &[Line<'_>],
) -> Option<usize> {
    let head: Vec<usize> = candidates
        .iter()
        .copied()
        .filter(|&i| first == usize::MAX || i < first)
        .collect();
    // A title a sure rule found (`제목 …`, a title ending with its author) heads the page.
    let end = first.min(pieces.len());
    if head.is_empty()
        || pieces[..end]
            .iter()
            .any(|p| p.kind == super::BlockKind::Heading && p.rule == "title-like")
    {
        return None;
    }
    let texts: Vec<&str> = head
        .iter()
        .map(|&i| pieces[i].text.as_deref().unwrap_or(""))
        .collect();
    let body = pieces
        .get(first)
        .and_then(|p| p.text.as_deref())
        .map(str::to_lowercase);
    let site_lines = site_lines(lines);
    let is_headline_shape = |&(&i, text): &(&usize, &&str)| {
        let Some(s) = scores[i] else { return false };
        let opens_body = s.words <= 2 && body.as_deref().is_some_and(|b| opens_with(b, text));
        let long_enough = s.words >= 3 || s.weight >= 15 || opens_body;
        let is_site_line = has_site_separator(text)
            && texts
                .iter()
                .any(|other| other != text && other.len() > 8 && text.contains(other))
            || text.contains(" | ")
            || names_site(text, pieces[i].line, &site_lines);
        long_enough
            && !is_site_line
            && s.hint != Some(Hint::Strong)
            && !s.features.contains(Features::STAMP)
            && !s.features.contains(Features::DATED)
            && !s.features.contains(Features::METADATA)
            && (!s.ends_sentence || text.ends_with(['?', '!', '？', '！']) && s.words <= 14)
            && (!is_key_value(text) || is_titled_key(text, pieces[i].line, lines))
            && !text.ends_with(':')
            && !starts_with_decimal(text)
            && !is_role_under_name(text, pieces[i].line, lines)
    };
    // A line without a site separator wins over one with (`The Ledger - Breaking News`), and
    // a menu (`Home About Archive`) is much shorter than the headline after it.
    let shaped: Vec<(&usize, &&str)> = head.iter().zip(&texts).filter(is_headline_shape).collect();
    let plain: Vec<&(&usize, &&str)> = shaped
        .iter()
        .filter(|(i, t)| !has_site_separator(t) && scores[**i].is_some_and(|s| s.hint.is_none()))
        .collect();
    let pool: Vec<&(&usize, &&str)> = if plain.is_empty() {
        shaped.iter().collect()
    } else {
        plain
    };
    let weight_of = |i: usize| scores[i].map_or(0, |s| s.weight);
    let longest = pool
        .iter()
        .map(|entry| weight_of(*entry.0))
        .max()
        .unwrap_or(0);
    let qualified: Vec<usize> = pool
        .iter()
        .map(|entry| *entry.0)
        .filter(|&i| weight_of(i) * 5 >= longest * 3)
        .collect();
    let mut headline = qualified.last().copied();
    if let [.., above, last] = qualified[..]
        && last == above + 1
        && is_standfirst(pieces[last].text.as_deref().unwrap_or(""), weight_of(last))
        && weight_of(above) <= weight_of(last)
    {
        headline = Some(above);
    }
    // The title repeats in the first paragraph (`Stone bridge of Aldermoor` … `The stone
    // bridge of Aldermoor is…`); a site's tagline does not. When the pick shares no words
    // with the body, the shaped line that shares most of its words wins.
    if let Some(body) = body {
        let overlap = |i: usize| title_overlap(pieces[i].text.as_deref().unwrap_or(""), &body);
        if headline.is_some_and(|h| overlap(h) == Some(0)) {
            let best = shaped
                .iter()
                .filter_map(|entry| overlap(*entry.0).map(|o| (o, *entry.0)))
                .filter(|&(o, _)| o >= 50)
                .max_by_key(|&(o, i)| (o, i));
            if let Some((_, i)) = best {
                headline = Some(i);
            }
        }
    }
    headline
}

/// Labels a board or form sets before a post's title.
const TITLE_LABELS: &[&str] = &[
    "제목 ",
    "제목:",
    "タイトル：",
    "タイトル:",
    "標題：",
    "标题：",
    "Title: ",
];

/// When the line is a post's title after its label (`제목 [잡담] 동네 도서관이…`), the
/// label's length.
pub(crate) fn title_label_len(text: &str) -> Option<usize> {
    TITLE_LABELS
        .iter()
        .find(|label| text.len() > label.len() + 3 && text.starts_with(*label))
        .map(|label| label.len())
}

/// A standfirst: six words or more in sentence case, as long as a headline or longer.
fn is_standfirst(text: &str, weight: usize) -> bool {
    text.split_whitespace().count() >= 6
        && weight >= 30
        && capital_share(text).is_some_and(|share| share < 50)
}

/// Whether the lowercased `body` opens with the words of `text` (`Chilblains` over
/// `Chilblains are small…`).
fn opens_with(body: &str, text: &str) -> bool {
    let text = text.to_lowercase();
    body.strip_prefix(text.as_str())
        .is_some_and(|rest| rest.starts_with(|c: char| !c.is_alphanumeric()))
}

/// `4.8 from 56 reviews`: a rating, not a title.
fn starts_with_decimal(text: &str) -> bool {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0
        && text[digits..]
            .strip_prefix(['.', ','])
            .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
}

/// The lines (index and text) that may name the site: a copyright notice, or a title with
/// a ` | ` separator.
fn site_lines<'t>(lines: &[Line<'t>]) -> Vec<(usize, &'t str)> {
    lines
        .iter()
        .enumerate()
        .filter(|(_, l)| {
            l.text.len() <= 200
                && (l.text.contains('©')
                    || l.text.contains(" | ")
                    || l.text.contains("Copyright")
                    || l.text.contains("(c) "))
        })
        .take(MAX_SITE_LINES)
        .map(|(i, l)| (i, l.text))
        .collect()
}

/// Whether another line names `text` as the site: `© 2025 Oakfield News`, `Headline |
/// Oakfield News`.
fn names_site(text: &str, at: usize, site_lines: &[(usize, &str)]) -> bool {
    text.len() >= 4
        && site_lines.iter().any(|&(i, line)| {
            i != at
                && line.contains(text)
                && (line.contains('©')
                    || line.contains("Copyright")
                    || line.contains("(c) ")
                    || line.ends_with(text) && line.contains(" | "))
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::text::lines::lines_of;

    #[test]
    fn tells_standfirsts_ratings_and_site_names() {
        assert!(is_standfirst(
            "New center will employ 120 engineers working on vision",
            55
        ));
        assert!(!is_standfirst("Harbor Robotics Opens Research Center", 36));
        assert!(starts_with_decimal("4.8 from 56 reviews"));
        assert!(!starts_with_decimal("5 ways to keep a garden"));
        assert!(opens_with(
            "chilblains are small, itchy swellings",
            "Chilblains"
        ));
        assert!(!opens_with("chilblainsare", "Chilblains"));
        let lines =
            lines_of("Oakfield News\nA headline\n© 2025 Oakfield News. All rights reserved.");
        let site = site_lines(&lines);
        assert!(names_site("Oakfield News", 0, &site));
        assert!(!names_site("A headline", 1, &site));
    }
}
