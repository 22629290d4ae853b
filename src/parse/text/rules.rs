//! Line rules: pure tests on one trimmed line of normalized text.
//!
//! This file holds the shape rules (section markers, captions' widget labels, glued file
//! names, pagination, titles, sentence ends, list and quotation markers, series parts); the
//! credit rules are in [`super::credits`] and the byline and dateline rules in
//! [`super::bylines`].
//!
//! Each function takes a line (trimmed, whitespace as in the normalized text) and answers
//! whether a rule applies and where the line splits. They read the phrase tables in
//! [`super::boilerplate`] and never look at neighbours: context (first paragraph, blank lines
//! around, the comment tail) is the structurer's business. All of them run in time linear in
//! the line's length, and the ones meant for short lines bail out early on long ones.

use super::boilerplate::{CAPTION_TOGGLES, IMAGE_EXTENSIONS, PAGINATION_WORDS, collapse_lowercase};

/// Headings, bylines and datelines are short; longer lines skip those rules at once.
pub(crate) const MAX_SHORT_LINE_CHARS: usize = 200;

/// Characters that open a section heading (`◆ A dramatic fall…`) in Asian and European news sites.
pub(crate) const SECTION_MARKERS: &[char] = &[
    '◆', '◇', '■', '□', '●', '○', '▲', '△', '▶', '▷', '►', '★', '☆', '※',
];

/// What a section marker line holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SectionMarker {
    /// A heading whose text starts at this byte offset.
    Heading(usize),
    /// A bare break (`***`, `* * *`, a lone `◆`).
    Break,
}

/// `◆ Title` is a heading; `***`, `* * *` or a lone marker is a section break.
pub(crate) fn section_marker(line: &str) -> Option<SectionMarker> {
    if !line.is_empty()
        && line.chars().all(|c| c == '*' || c == ' ')
        && line.matches('*').count() >= 3
    {
        return Some(SectionMarker::Break);
    }
    let first = line.chars().next()?;
    if let Some(rest) = line.strip_prefix("***") {
        let text = rest.trim_start_matches('*').trim_start();
        return (!text.is_empty() && line.len() <= MAX_SHORT_LINE_CHARS)
            .then(|| SectionMarker::Heading(line.len() - text.len()));
    }
    if !SECTION_MARKERS.contains(&first) {
        return None;
    }
    let text = line[first.len_utf8()..].trim_start();
    if text.is_empty() {
        Some(SectionMarker::Break)
    } else if line.len() <= MAX_SHORT_LINE_CHARS {
        Some(SectionMarker::Heading(line.len() - text.len()))
    } else {
        None
    }
}

/// The text inside a final `( … )`, when the line ends with one.
pub(crate) fn trailing_parenthetical(line: &str) -> Option<&str> {
    let body = line.strip_suffix(')')?;
    let open = body.rfind('(')?;
    let inner = &body[open + 1..];
    (inner.len() <= 80).then_some(inner)
}

/// `hide caption`, `toggle caption`: widget labels around a caption.
pub(crate) fn is_caption_toggle(line: &str) -> bool {
    line.len() <= 20 && CAPTION_TOGGLES.contains(&collapse_lowercase(line).as_str())
}

/// Where an image file name glued to the start of the line ends (`hoeryong-border.JPGHere…`
/// → 19). The name has no spaces and ends in an image extension followed by the end of the
/// line, whitespace, punctuation or a capital letter (the next sentence).
pub(crate) fn glued_filename(line: &str) -> Option<usize> {
    // Only ASCII characters are scanned, so 120 is a char boundary when reached.
    let name_end = line
        .char_indices()
        .take(120)
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '%' | '~')))
        .map_or(line.len().min(120), |(i, _)| i);
    let candidate = &line[..name_end];
    let mut best = None;
    for (dot, _) in candidate.match_indices('.') {
        if dot == 0 {
            continue;
        }
        let after = &candidate[dot + 1..];
        for extension in IMAGE_EXTENSIONS {
            let Some(head) = after.get(..extension.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(extension) {
                continue;
            }
            let end = dot + 1 + extension.len();
            let mut next = line[end..].chars();
            let is_boundary = match next.next() {
                None => true,
                Some(c) if !c.is_ascii_alphanumeric() => true,
                // `…JPGHere`: a capital starting a word, not more capitals of the extension.
                Some(c) if c.is_ascii_uppercase() => {
                    next.next().is_none_or(|d| !d.is_ascii_uppercase())
                }
                Some(_) => false,
            };
            if is_boundary {
                best = Some(end);
                break;
            }
        }
        if best.is_some() {
            break;
        }
    }
    best
}

/// Where a pagination marker starts: the whole line (`0`) for `Next page »` or `( 2 / 3 )`,
/// or a final `( To 3 >> )` after the text.
pub(crate) fn pagination_start(line: &str) -> Option<usize> {
    if line.len() <= 40 && is_pagination(line) {
        return Some(0);
    }
    if let Some(inner) = trailing_parenthetical(line) {
        let open = line.len() - inner.len() - 2;
        if is_pagination(&line[open..]) {
            return Some(open);
        }
    }
    // `… a loaded sledge. Next page »`: a short marker after the last sentence.
    let window_start = floor_char_boundary(line, line.len().saturating_sub(40));
    // The mark may be wider than a byte (`。` is three), so step over all of it.
    let (after_sentence, mark) = line[window_start..]
        .rmatch_indices(['.', '!', '?', '。'])
        .next()?;
    let at = window_start + after_sentence + mark.len();
    let rest = line[at..].trim_start();
    let start = line.len() - rest.len();
    (!rest.is_empty() && start > 0 && is_pagination(rest)).then_some(start)
}

fn is_pagination(text: &str) -> bool {
    let mut has_arrow = false;
    let mut has_number = false;
    let mut has_word = false;
    let spaced = text
        .replace(['(', ')', '[', ']', '|', '/'], " ")
        .replace(">>", " » ")
        .replace("<<", " « ");
    for token in spaced.split_whitespace() {
        if matches!(token, "»" | "«" | "→" | "←" | ">" | "<" | "›" | "‹") {
            has_arrow = true;
        } else if token.len() <= 4 && token.chars().all(|c| c.is_ascii_digit()) {
            has_number = true;
        } else if PAGINATION_WORDS.contains(&token.to_lowercase().as_str()) {
            has_word = true;
        } else {
            return false;
        }
    }
    has_arrow && (has_number || has_word) || has_word && has_number && text.contains('/')
}

/// A short standalone line that reads like a title: few words, no final sentence punctuation,
/// not opening with a quotation mark or bracket, not starting lowercase. Up to 10 words, or up
/// to 20 when the long words are capitalized (Title Case).
pub(crate) fn is_title_like(line: &str) -> bool {
    if line.len() > MAX_SHORT_LINE_CHARS
        || ends_sentence(line)
        || line.ends_with([',', ';', ':', '?'])
    {
        return false;
    }
    let Some(first) = line.chars().next() else {
        return false;
    };
    if first.is_lowercase() || !(first.is_alphanumeric()) || !line.chars().any(char::is_alphabetic)
    {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    if words.len() <= 10 {
        return true;
    }
    let long: Vec<&&str> = words.iter().filter(|w| w.chars().count() >= 4).collect();
    let capitalized = long
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    words.len() <= 20 && capitalized * 5 >= long.len() * 4
}

/// The title part of a title line that ends with its author: looser than [`is_title_like`]
/// (series titles run long), but still no final sentence punctuation, a capital first letter
/// and at most 40 words.
pub(crate) fn is_title_before_byline(title: &str) -> bool {
    title.len() <= MAX_SHORT_LINE_CHARS * 2
        && !ends_sentence(title)
        && !title.ends_with([',', ';', ':'])
        && title.chars().next().is_some_and(char::is_uppercase)
        && title.split_whitespace().count() <= 40
}

/// Whether a line ends a sentence (`.`, `!`, `?`, `…`, possibly inside closing quotes).
pub(crate) fn ends_sentence(line: &str) -> bool {
    strip_footnote_marks(line)
        .trim_end_matches(['”', '"', '’', '\'', ')', '」', '』'])
        .ends_with(['.', '!', '?', '…', '。', '！', '？'])
}

/// `… the upstream side.[2]` → `… the upstream side.`: footnote marks after the sentence.
fn strip_footnote_marks(line: &str) -> &str {
    let mut text = line;
    while let Some(rest) = text.strip_suffix(']') {
        match rest.rfind('[') {
            Some(open)
                if rest.len() - open <= 5
                    && rest[open + 1..].chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                text = &rest[..open];
            }
            _ => break,
        }
    }
    text
}

/// A list item marker: `- `, `* `, `• `, `◦ `, `・`, `1. `, `12) `, `(1) `, `（1）`, `①`.
/// Returns whether the list is ordered and where the item's text starts.
pub(crate) fn list_marker(line: &str) -> Option<(bool, usize)> {
    // `^ ` opens each entry of an encyclopedia's reference list.
    for bullet in ["- ", "* ", "• ", "◦ ", "‣ ", "· ", "^ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            let text = rest.trim_start();
            return (!text.is_empty()).then(|| (false, line.len() - text.len()));
        }
    }
    // Japanese and Chinese pages set `・` and circled numbers flush against the item's text.
    let mut chars = line.chars();
    if let Some(first) = chars.next() {
        let ordered = match first {
            '・' | '･' | '▪' | '▫' => Some(false),
            '①'..='⑳' | '❶'..='❿' => Some(true),
            _ => None,
        };
        if let Some(ordered) = ordered {
            let text = chars.as_str().trim_start();
            return (!text.is_empty() && !text.starts_with(first))
                .then(|| (ordered, line.len() - text.len()));
        }
    }
    // `(1) `, `（1）`, `1）`: numbers in parentheses, half- or full-width.
    let (open, inner) = match line.strip_prefix('(').or_else(|| line.strip_prefix('（')) {
        Some(inner) => (true, inner),
        None => (false, line),
    };
    let digits = inner.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let after = &inner[digits..];
    let rest = if let Some(rest) = after.strip_prefix('）') {
        // A full-width parenthesis needs no space after it.
        rest.trim_start()
    } else {
        let closes: &[char] = if open { &[')'] } else { &['.', ')'] };
        after.strip_prefix(closes)?.strip_prefix(' ')?.trim_start()
    };
    let text = rest;
    (!text.is_empty()).then(|| (true, line.len() - text.len()))
}

/// `> quoted text`: where the quotation starts.
pub(crate) fn quote_marker(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('>')?;
    if rest.starts_with('>') {
        return None;
    }
    let text = rest.trim_start();
    (!text.is_empty()).then(|| line.len() - text.len())
}

/// A line wholly inside one pair of quotation marks (`“…”`, `"…"`, `「…」`).
pub(crate) fn is_wrapped_quotation(line: &str) -> bool {
    let pairs = [
        ('“', '”'),
        ('"', '"'),
        ('«', '»'),
        ('「', '」'),
        ('『', '』'),
    ];
    // Trailing `.`/`,` after the closing mark are allowed; look inside the marks, not past them.
    let quoted = line.trim_end_matches(['.', ',']);
    pairs.iter().any(|&(open, close)| {
        quoted.len() >= open.len_utf8() + close.len_utf8()
            && quoted.starts_with(open)
            && quoted.ends_with(close)
            && line.chars().count() > 2
            && !quoted[open.len_utf8()..quoted.len() - close.len_utf8()].contains([open, close])
    })
}

/// `Part 3`, `part 3:` in a line: the byte offset of `Part` and the number.
pub(crate) fn series_part(line: &str) -> Option<(usize, u32)> {
    if line.len() > MAX_SHORT_LINE_CHARS * 2 {
        return None;
    }
    for (at, _) in line
        .match_indices("Part ")
        .chain(line.match_indices("part "))
    {
        let digits: String = line[at + 5..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(number) = digits.parse() {
            return Some((at, number));
        }
    }
    None
}

/// The largest char boundary at or below `index`.
pub(crate) fn floor_char_boundary(text: &str, index: usize) -> usize {
    let mut at = index.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_section_markers_and_breaks() {
        assert_eq!(section_marker("◆ A fall"), Some(SectionMarker::Heading(4)));
        assert_eq!(section_marker("***"), Some(SectionMarker::Break));
        assert_eq!(section_marker("* * *"), Some(SectionMarker::Break));
        assert_eq!(section_marker("*** Coda"), Some(SectionMarker::Heading(4)));
        assert_eq!(section_marker("* item"), None);
    }

    #[test]
    fn splits_glued_image_names() {
        assert_eq!(glued_filename("hoeryong-border.JPGHere’s a GE"), Some(19));
        assert_eq!(glued_filename("IMG_0042.jpeg"), Some(13));
        assert_eq!(glued_filename("photo.jpg The border"), Some(9));
        assert_eq!(glued_filename("Node.js is a runtime"), None);
        assert_eq!(glued_filename("example.pngs are"), None);
    }

    #[test]
    fn finds_pagination() {
        let line = "loved ones in North Korea. ( To 3 >> )";
        assert_eq!(pagination_start(line), Some(27));
        assert_eq!(pagination_start("Next page »"), Some(0));
        assert_eq!(pagination_start("« Previous | Next »"), Some(0));
        assert_eq!(pagination_start("(Page 2 / 3)"), Some(0));
        assert_eq!(pagination_start("He left (in 2008)"), None);
        assert_eq!(pagination_start("a sledge. Next page »"), Some(10));
        assert_eq!(pagination_start("To be continued"), None);
    }

    #[test]
    fn tells_titles_from_sentences() {
        assert!(is_title_like("Access to the outside"));
        assert!(is_title_like(
            "Japanese TV Interviews Two of the North Korean Border Guards Who Deserted at Hoeryong"
        ));
        assert!(!is_title_like(
            "The stories of the young speak for themselves."
        ));
        assert!(!is_title_like(
            "On the other hand, you can excuse some pretty awful things when the alternative is starvation"
        ));
        assert!(!is_title_like("“A quotation without a stop"));
    }

    #[test]
    fn finds_list_markers_and_quotes() {
        assert_eq!(list_marker("- milk"), Some((false, 2)));
        assert_eq!(list_marker("12) eggs"), Some((true, 4)));
        assert_eq!(list_marker("2020. The year"), None);
        assert_eq!(list_marker("・商品名：豆乳"), Some((false, 3)));
        assert_eq!(list_marker("① 準備する"), Some((true, 4)));
        assert_eq!(list_marker("（1）準備"), Some((true, 7)));
        assert_eq!(list_marker("(2) eggs"), Some((true, 4)));
        assert_eq!(list_marker("(2020) a year"), None);
        assert_eq!(list_marker("・・・"), None);
        assert_eq!(quote_marker("> said"), Some(2));
        assert!(is_wrapped_quotation("“We crossed the river.”"));
        assert!(!is_wrapped_quotation("“One,” she said, “two.”"));
    }
}
