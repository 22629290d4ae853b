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
    if first == '▲' && !text.is_empty() {
        // `▲ 마을 입구 공영주차장`: the triangle points up at the photo it captions
        // ([`photo_caption_marker`]), in Korean and Taiwanese pages.
        return None;
    }
    if first == '※' && !text.is_empty() {
        // `※ 각 전형 결과는 문자로 안내드립니다.`: a note mark (kome-jirushi) opens a note,
        // a remark or a page's notice, never a section's title.
        return None;
    }
    if text.is_empty() {
        Some(SectionMarker::Break)
    } else if line.len() <= MAX_SHORT_LINE_CHARS {
        Some(SectionMarker::Heading(line.len() - text.len()))
    } else {
        None
    }
}

/// `▲ 마을 입구 공영주차장.`, `▲店門口只有一塊紙板`: a caption under the photo the triangle
/// points at. Returns where the caption's text starts.
pub(crate) fn photo_caption_marker(line: &str) -> Option<usize> {
    let rest = line.strip_prefix('▲')?;
    let text = rest.trim_start();
    (!text.is_empty()
        && line.len() <= MAX_SHORT_LINE_CHARS
        && text.chars().any(char::is_alphabetic))
    .then(|| line.len() - text.len())
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

/// Markers that make a list only in a run of items whose numbers follow on (`a.` `b.`,
/// `가.` `나.`, `（一）` `（二）`, `Step 1` `Step 2`, `1 …` `2 …` before CJK text, `[1]` `[2]`,
/// `00:00 …` `03:15 …`), or that repeat (`↑`, `一、` before each item): one such line alone is
/// as likely a sentence (`a. m.`), a heading (`一、总则` over its text) or a counter (`2 没用`).
/// [`super::runs::list_runs`] checks the run; this reads one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct RunMarker {
    /// Which marker style it is: a run holds one style only.
    pub(crate) style: MarkerStyle,
    /// The item's number in its sequence (`b.` is 2, `（三）` is 3, `03:15` is 195 seconds).
    pub(crate) number: u32,
    /// Where the item's text starts.
    pub(crate) text_start: usize,
}

/// A [`RunMarker`]'s style, and what its run must look like.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MarkerStyle {
    /// `a.` `b)` `(c)`: lowercase Latin letters.
    LatinLetter,
    /// `가.` `나)` `(다)`: Hangul letters in their order 가나다라….
    HangulLetter,
    /// `（一）` `(二)`: CJK numerals in parentheses.
    CjkNumeralInParentheses,
    /// `一、` `二、`, or `一、` before every item.
    CjkNumeralComma,
    /// `第一条` `第2条`: articles of a rule book.
    Article,
    /// `Step 1` `STEP 2:`.
    Step,
    /// `1 每天…` `2 …`: a number and a space before CJK text.
    NumberBeforeCjk,
    /// `1.满足…` `2、具有…`: a number set flush against CJK text.
    NumberFlushCjk,
    /// `[1] …`: a footnote's number in brackets.
    BracketedNumber,
    /// `↑ …`: a footnote's back-link.
    UpArrow,
    /// `※ …。`: notes, each a sentence, one under the other.
    NoteMark,
    /// `00:00 …` `03:15 …`: a video's or podcast's chapter times, rising.
    ChapterTime,
}

impl MarkerStyle {
    /// Whether the items are numbered (rendered as an ordered list).
    pub(crate) fn is_ordered(self) -> bool {
        !matches!(self, MarkerStyle::UpArrow | MarkerStyle::NoteMark)
    }

    /// The fewest items that make a run of this style: three where a single line of the shape
    /// is common outside lists (`2 没用` counters, `1 아이돌…` ranking boxes, a live blog's
    /// times), two elsewhere.
    pub(crate) fn min_items(self) -> usize {
        match self {
            MarkerStyle::NumberBeforeCjk | MarkerStyle::ChapterTime => 3,
            _ => 2,
        }
    }

    /// Whether `next` may follow `previous` in a run: the next number, or, for a marker
    /// repeated before each item (`一、` `一、`), the same one; chapter times only rise.
    pub(crate) fn follows(self, previous: u32, next: u32) -> bool {
        match self {
            MarkerStyle::UpArrow | MarkerStyle::NoteMark => true,
            MarkerStyle::ChapterTime => next > previous,
            MarkerStyle::CjkNumeralComma => next == previous + 1 || next == previous && next == 1,
            _ => next == previous + 1,
        }
    }
}

/// Hangul letters in the order Korean documents number items with them.
const HANGUL_LETTERS: [char; 14] = [
    '가', '나', '다', '라', '마', '바', '사', '아', '자', '차', '카', '타', '파', '하',
];

/// The value of a CJK numeral of one to three characters (`三` 3, `十二` 12, `二十` 20,
/// `二十一` 21); `None` for anything else.
fn cjk_numeral(text: &str) -> Option<u32> {
    let digit = |c: char| "一二三四五六七八九".find(c).map(|at| at as u32 / 3 + 1);
    let chars: Vec<char> = text.chars().collect();
    match chars.as_slice() {
        [one] => digit(*one).or((*one == '十').then_some(10)),
        ['十', one] => Some(10 + digit(*one)?),
        [tens, '十'] => Some(digit(*tens)? * 10),
        [tens, '十', one] => Some(digit(*tens)? * 10 + digit(*one)?),
        _ => None,
    }
}

/// The item's text after a marker ending at byte `end`: it must not be empty, and the marker
/// is followed by a space unless `flush` allows the text to start right after it.
fn item_text_start(line: &str, end: usize, flush: bool) -> Option<usize> {
    let rest = &line[end..];
    let text = rest.trim_start();
    let spaced = text.len() < rest.len();
    (!text.is_empty() && (spaced || flush)).then(|| line.len() - text.len())
}

/// A marker that makes a list only in a run (see [`RunMarker`]); `None` for a line
/// [`list_marker`] already reads, or one without such a marker.
pub(crate) fn run_marker(line: &str) -> Option<RunMarker> {
    if line.len() > MAX_SHORT_LINE_CHARS * 4 {
        return None;
    }
    let marker = |style, number, text_start| {
        Some(RunMarker {
            style,
            number,
            text_start,
        })
    };
    let mut chars = line.chars();
    let first = chars.next()?;
    // `a.` `a)` `가.` `가)`, and the same in parentheses.
    let (inner, parenthesized) = match line.strip_prefix('(') {
        Some(inner) => (inner, true),
        None => (line, false),
    };
    let mut inner_chars = inner.chars();
    if let (Some(letter), Some(close)) = (inner_chars.next(), inner_chars.next()) {
        let closes = if parenthesized {
            close == ')'
        } else {
            matches!(close, '.' | ')')
        };
        let end = line.len() - inner_chars.as_str().len();
        if closes {
            if letter.is_ascii_lowercase() {
                let number = u32::from(letter) - u32::from('a') + 1;
                if let Some(start) = item_text_start(line, end, false) {
                    return marker(MarkerStyle::LatinLetter, number, start);
                }
            } else if let Some(at) = HANGUL_LETTERS.iter().position(|&h| h == letter)
                && let Some(start) = item_text_start(line, end, false)
            {
                return marker(MarkerStyle::HangulLetter, at as u32 + 1, start);
            }
        }
    }
    // `（一）` `(二)`.
    if let Some(inner) = line.strip_prefix('（').or_else(|| line.strip_prefix('(')) {
        let close = inner.find(['）', ')']).filter(|&at| at <= 9)?;
        if let Some(number) = inner.get(..close).and_then(cjk_numeral) {
            let close_len = inner[close..].chars().next().map_or(1, char::len_utf8);
            let end = line.len() - inner.len() + close + close_len;
            if let Some(start) = item_text_start(line, end, true) {
                return marker(MarkerStyle::CjkNumeralInParentheses, number, start);
            }
        }
        return None;
    }
    // `一、` `十二、`.
    if let Some(comma) = line.find('、').filter(|&at| at <= 9)
        && let Some(number) = cjk_numeral(&line[..comma])
    {
        let start = item_text_start(line, comma + '、'.len_utf8(), true)?;
        return marker(MarkerStyle::CjkNumeralComma, number, start);
    }
    // `第一条` `第12条` `第二條`.
    if let Some(rest) = line.strip_prefix('第')
        && let Some(at) = rest.find(['条', '條']).filter(|&at| at <= 9)
    {
        let number = cjk_numeral(&rest[..at]).or_else(|| rest[..at].parse().ok())?;
        let end = line.len() - rest.len() + at + '条'.len_utf8();
        let start = item_text_start(line, end, true)?;
        return marker(MarkerStyle::Article, number, start);
    }
    // `Step 1` `STEP 2:` `Step 3.`.
    if let Some(rest) = line
        .strip_prefix("Step ")
        .or_else(|| line.strip_prefix("STEP "))
    {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=2).contains(&digits) {
            let number = rest[..digits].parse().ok()?;
            let after = &rest[digits..];
            let after = after.strip_prefix([':', '.', ')']).unwrap_or(after);
            let end = line.len() - after.len();
            let start = item_text_start(line, end, false)?;
            return marker(MarkerStyle::Step, number, start);
        }
        return None;
    }
    // `[1] …`.
    if let Some(rest) = line.strip_prefix('[') {
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if (1..=3).contains(&digits) && rest[digits..].starts_with(']') {
            let number = rest[..digits].parse().ok()?;
            let start = item_text_start(line, 1 + digits + 1, false)?;
            return marker(MarkerStyle::BracketedNumber, number, start);
        }
        return None;
    }
    // `↑ …`.
    if first == '↑' {
        let start = item_text_start(line, first.len_utf8(), false)?;
        return marker(MarkerStyle::UpArrow, 0, start);
    }
    // `※ …。`: a note that is a sentence (`※ 發信站: …`, a board's stamp, is not).
    if first == '※' {
        let start = item_text_start(line, first.len_utf8(), true)?;
        return ends_sentence(line)
            .then_some(())
            .and_then(|()| marker(MarkerStyle::NoteMark, 0, start));
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=2).contains(&digits) {
        return None;
    }
    let number: u32 = line[..digits].parse().ok()?;
    let after = &line[digits..];
    // `03:15 …` `1:02:40 …`: a chapter time, as seconds.
    if after.starts_with(':') {
        let mut seconds = number;
        let mut rest = after;
        let mut fields = 0;
        while let Some(field) = rest.strip_prefix(':') {
            let two = field
                .get(..2)
                .filter(|f| f.bytes().all(|b| b.is_ascii_digit()))?;
            seconds = seconds * 60 + two.parse::<u32>().ok()?;
            rest = &field[2..];
            fields += 1;
        }
        if fields > 2 {
            return None;
        }
        let end = line.len() - rest.len();
        let start = item_text_start(line, end, false)?;
        return marker(MarkerStyle::ChapterTime, seconds, start);
    }
    // `1 每天…`: one space, then CJK text.
    if let Some(text) = after.strip_prefix(' ')
        && text.chars().next().is_some_and(super::signals::is_cjk)
    {
        return marker(MarkerStyle::NumberBeforeCjk, number, digits + 1);
    }
    // `1.满足…` `2、具有…`: flush against CJK text (`2.1万` is a number, not an item).
    let after = after.strip_prefix(['.', '、', '．'])?;
    let end = line.len() - after.len();
    (after.chars().next().is_some_and(super::signals::is_cjk))
        .then_some(())
        .and_then(|()| marker(MarkerStyle::NumberFlushCjk, number, end))
}

/// Where a list item's text starts, by its own marker ([`list_marker`]) or by one that needs
/// a run ([`run_marker`]): for a line the run rules found in a list.
pub(crate) fn item_start(line: &str) -> Option<usize> {
    list_marker(line)
        .map(|(_, start)| start)
        .or_else(|| run_marker(line).map(|m| m.text_start))
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
        // A note mark opens a note, not a section (#12); alone it still breaks.
        assert_eq!(
            section_marker("※ 각 전형 결과는 문자로 안내드립니다."),
            None
        );
        assert_eq!(section_marker("※雨天時は運休します。"), None);
        assert_eq!(section_marker("※"), Some(SectionMarker::Break));
        // An upward triangle points at a photo: a caption, not a section (#12).
        assert_eq!(section_marker("▲ 마을 입구 공영주차장"), None);
        assert_eq!(photo_caption_marker("▲ 마을 입구 공영주차장"), Some(4));
        assert_eq!(photo_caption_marker("▲店門口的紙板"), Some(3));
        assert_eq!(photo_caption_marker("▲"), None);
        assert_eq!(section_marker("▲"), Some(SectionMarker::Break));
        assert_eq!(photo_caption_marker("18,420 ▲ 1,130"), None);
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

    /// #12: markers read only in a run: letters (`b.`, `나.`), CJK numerals, steps, numbers
    /// before CJK text, footnotes and chapter times; near-misses are not markers.
    #[test]
    fn reads_markers_that_need_a_run() {
        let read = |line: &str| run_marker(line).map(|m| (m.style, m.number, m.text_start));
        use MarkerStyle::*;
        assert_eq!(read("b. Payment of the bills"), Some((LatinLetter, 2, 3)));
        assert_eq!(read("(c) the third case"), Some((LatinLetter, 3, 4)));
        assert_eq!(read("나. 신청 기간"), Some((HangulLetter, 2, 5)));
        assert_eq!(read("라) 준비물"), Some((HangulLetter, 4, 5)));
        assert_eq!(
            read("（三）物资储备情况；"),
            Some((CjkNumeralInParentheses, 3, 9))
        );
        assert_eq!(read("十二、附则"), Some((CjkNumeralComma, 12, 9)));
        assert_eq!(read("一、お茶の接待"), Some((CjkNumeralComma, 1, 6)));
        assert_eq!(
            read("第二十一条 本办法自发布之日起施行。"),
            Some((Article, 21, 16))
        );
        assert_eq!(read("Step 2 마른 팬에 볶는다"), Some((Step, 2, 7)));
        assert_eq!(read("STEP 3: Fold the dough"), Some((Step, 3, 8)));
        assert_eq!(read("2 用玻璃刮把水珠刮掉"), Some((NumberBeforeCjk, 2, 2)));
        assert_eq!(
            read("3.本项目不接受联合体投标。"),
            Some((NumberFlushCjk, 3, 2))
        );
        assert_eq!(read("2、具有相应资质"), Some((NumberFlushCjk, 2, 4)));
        assert_eq!(read("[2] Not confirmed."), Some((BracketedNumber, 2, 4)));
        assert_eq!(read("↑ Interview, 2023."), Some((UpArrow, 0, 4)));
        assert_eq!(
            read("03:15 Bread before yeast"),
            Some((ChapterTime, 195, 6))
        );
        assert_eq!(read("1:02:40 Questions"), Some((ChapterTime, 3760, 8)));
        // Near-misses: initials, prose, amounts, clock-only lines, a bare label.
        assert_eq!(read("A. Smith was there."), None);
        assert_eq!(read("a.m. is early"), None);
        assert_eq!(read("가나다 순서로"), None);
        assert_eq!(read("2.1万 阅读"), None);
        assert_eq!(read("2 days later we left."), None);
        assert_eq!(read("19:42"), None);
        assert_eq!(read("(2020) a year"), None);
        assert_eq!(read("Steps to take"), None);
        assert_eq!(read("第四十七章 旧怀表"), None);
        assert_eq!(read("[ⓒ 스타한빛]"), None);
        assert_eq!(read("↑"), None);
        assert_eq!(read("※雨天時は運休します。"), Some((NoteMark, 0, 3)));
        assert_eq!(read("※ 發信站: 批踢踢實業坊(ptt.cc)"), None);
    }

    #[test]
    fn reads_cjk_numerals() {
        assert_eq!(cjk_numeral("一"), Some(1));
        assert_eq!(cjk_numeral("十"), Some(10));
        assert_eq!(cjk_numeral("十三"), Some(13));
        assert_eq!(cjk_numeral("四十"), Some(40));
        assert_eq!(cjk_numeral("九十九"), Some(99));
        assert_eq!(cjk_numeral("排查"), None);
        assert_eq!(cjk_numeral("一一"), None);
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
