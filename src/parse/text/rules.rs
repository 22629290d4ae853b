//! Line rules: pure tests on one trimmed line of normalized text.
//!
//! Each function takes a line (trimmed, whitespace as in the normalized text) and answers
//! whether a rule applies and where the line splits. They read the phrase tables in
//! [`super::boilerplate`] and never look at neighbours: context (first paragraph, blank lines
//! around, the comment tail) is the structurer's business. All of them run in time linear in
//! the line's length, and the ones meant for short lines bail out early on long ones.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use super::boilerplate::{
    CAPTION_TOGGLES, CJK_CREDIT_ANYWHERE, CJK_CREDIT_ENDINGS, CREDIT_ANYWHERE, CREDIT_LABELS,
    IMAGE_EXTENSIONS, PAGINATION_WORDS, collapse_lowercase, is_agency,
};

/// Headings, bylines and datelines are short; longer lines skip those rules at once.
const MAX_SHORT_LINE_CHARS: usize = 200;

/// Captions run to a few hundred characters; a longer line is body text, whatever it holds.
/// Skipping them keeps a 1 MB paragraph from being lowercased and scanned for labels.
const MAX_CAPTION_BYTES: usize = 2000;

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

/// A photo credit: a label (`Photo:`, `Photographed …`) starting the line or one of its
/// sentences, an agency in parentheses ending it (`(ASIAPRESS)`, `(AP Photo/Ahn Young-joon)`),
/// a short `Name/Agency` line, or a phrase like `Getty Images`.
pub(crate) fn is_credit(line: &str) -> bool {
    if line.len() > MAX_CAPTION_BYTES {
        return false;
    }
    // One scan for every phrase and label, ignoring ASCII case (they are all ASCII).
    for found in CREDIT_FINDER.find_overlapping_iter(line) {
        if found.pattern().as_usize() < CREDIT_ANYWHERE.len()
            || starts_sentence(line, found.start())
        {
            return true;
        }
    }
    if let Some(inner) = trailing_parenthetical(line) {
        let inner = inner.trim();
        let head = inner.split(['/', ',']).next().unwrap_or(inner).trim();
        let head = head.strip_suffix(" Photo").unwrap_or(head);
        if is_agency(head) || inner.to_lowercase().starts_with("photo") {
            return true;
        }
    }
    if line.chars().count() <= 60
        && line
            .rsplit_once('/')
            .is_some_and(|(name, agency)| !name.trim().is_empty() && is_agency(agency))
    {
        return true;
    }
    is_trailing_credit(line) || is_cjk_credit(line)
}

/// The words after a caption's last sentence credit the photo: `… 2025. REUTERS/Kim Soo-hyun`,
/// `REUTERS/Staff/File Photo`, `Kim Hong-Ji/Reuters 05 Oct 2024`, `Kyodo via REUTERS`, `…
/// 모습. 연합뉴스`. A date after the credit is allowed.
fn is_trailing_credit(line: &str) -> bool {
    let window_start = floor_char_boundary(line, line.len().saturating_sub(80));
    let window = &line[window_start..];
    let (tail, after_sentence) = match window.rfind(". ") {
        Some(at) => (&window[at + 2..], true),
        None if window_start == 0 => (window, false),
        None => return false,
    };
    let tail = strip_trailing_date(tail.trim());
    if tail.is_empty() || tail.chars().count() > 50 {
        return false;
    }
    // A bare agency name credits the caption before it; alone on its line it may be the
    // article's source (see `is_bare_agency`).
    if is_agency(tail) {
        return after_sentence;
    }
    if let Some((left, right)) = tail.split_once(" via ") {
        return is_agency(right) || is_agency(left);
    }
    let parts: Vec<&str> = tail.split('/').map(str::trim).collect();
    parts.len() >= 2
        && (is_agency(parts[0]) || parts.iter().skip(1).any(|p| is_agency(p)))
        && parts
            .iter()
            .all(|p| !p.is_empty() && p.split_whitespace().count() <= 4)
}

/// `Kim Hong-Ji/Reuters 05 Oct 2024` → `Kim Hong-Ji/Reuters`: drops final words that are
/// numbers or month names.
fn strip_trailing_date(text: &str) -> &str {
    let mut end = text.len();
    for word in text.rsplit(' ') {
        let bare = word.trim_end_matches('.');
        let is_date_word = word
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | ','))
            || super::boilerplate::STAMP_WORDS
                .iter()
                .any(|w| w.eq_ignore_ascii_case(bare));
        if !is_date_word || word.is_empty() {
            break;
        }
        end = end.saturating_sub(word.len() + 1);
    }
    text[..floor_char_boundary(text, end)].trim_end()
}

/// Credits in Korean, Japanese and Chinese captions: an ending such as `摄` or `[연합뉴스
/// 자료사진]`, an agency in full-width parentheses (`（2024年 ロイター/Kim Hong-Ji）`), or a
/// phrase like `图片来源`.
fn is_cjk_credit(line: &str) -> bool {
    if !line.chars().any(|c| c as u32 >= 0x3000) {
        return false;
    }
    let trimmed = line.trim_end_matches(['。', '.', ' ']);
    if CJK_CREDIT_ENDINGS.iter().any(|e| trimmed.ends_with(e))
        || CJK_CREDIT_ANYWHERE.iter().any(|p| line.contains(p))
    {
        return true;
    }
    // `…있다. 사진 최영호 기자`: a photographer after the last sentence.
    if let Some((_, after)) = trimmed.rsplit_once(". ")
        && (after.starts_with("사진 ") || after.starts_with("사진="))
        && after.len() <= 40
    {
        return true;
    }
    // `…. 연합뉴스`, `…。新华社记者 王刚 摄`: an agency after the last sentence.
    let last = trimmed.rsplit(['。', '.', ' ']).next().unwrap_or("");
    is_agency(last) && last.len() < trimmed.len()
}

/// A line that is only an agency's name (`Yonhap`, `共同通信`): a credit when it sits right
/// under a caption, a source line otherwise.
pub(crate) fn is_bare_agency(line: &str) -> bool {
    is_agency(line)
}

/// [`CREDIT_ANYWHERE`] then [`CREDIT_LABELS`], found in one pass.
static CREDIT_FINDER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(aho_corasick::AhoCorasickKind::DFA))
        .build(CREDIT_ANYWHERE.iter().chain(CREDIT_LABELS))
        // The phrases are fixed ASCII strings; the unit tests build this automaton.
        .expect("the credit phrases make a valid automaton")
});

/// Whether byte `at` of `line` starts the line or comes right after a sentence ends
/// (`. `, `” `, `) `), so `photographed` inside a sentence does not count.
fn starts_sentence(line: &str, at: usize) -> bool {
    let before = line[..at].trim_end();
    at == 0
        || (before.len() < at
            && before.chars().next_back().is_some_and(|c| {
                matches!(
                    c,
                    '.' | '!' | '?' | '”' | '"' | ')' | '’' | '|' | '-' | '–' | '—'
                )
            }))
}

/// The text inside a final `( … )`, when the line ends with one.
fn trailing_parenthetical(line: &str) -> Option<&str> {
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

/// A dateline opening the first paragraph: `NORTH KOREA (Conspiracy Talk News) – `,
/// `SEOUL, March 3 (Reuters) - `, `TOKYO — `. Returns the end of the dateline's text and the
/// start of the paragraph after the dash.
pub(crate) fn dateline(line: &str) -> Option<(usize, usize)> {
    if let Some(found) = cjk_dateline(line) {
        return Some(found);
    }
    let window = &line[..floor_char_boundary(line, 100)];
    let (dash_at, dash) = [" – ", " — ", " - ", " -- "]
        .iter()
        .filter_map(|d| window.find(d).map(|i| (i, *d)))
        .min_by_key(|&(i, _)| i)?;
    let prefix = line[..dash_at].trim_end();
    let place = match prefix
        .strip_suffix(')')
        .and_then(|p| p.rfind('(').map(|o| &p[..o]))
    {
        Some(before) => before.trim_end(),
        None => prefix,
    };
    let place = place.split(',').next().unwrap_or(place);
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let is_place = letters >= 3
        && place
            .chars()
            .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '’' | '-'));
    let rest = dash_at + dash.len();
    (is_place && rest < line.len()).then_some((prefix.len(), rest))
}

/// Datelines of CJK agencies: `[ソウル 22日 ロイター] - `, `(서울=연합뉴스) 김민수 기자 = `,
/// `新华社武汉6月20日电（记者 李明）`.
fn cjk_dateline(line: &str) -> Option<(usize, usize)> {
    let window = &line[..floor_char_boundary(line, 120)];
    let rest_after = |end: usize| {
        let rest = line[end..].trim_start();
        (!rest.is_empty()).then(|| (line[..end].trim_end().len(), line.len() - rest.len()))
    };
    if let Some(inner) = window
        .strip_prefix('[')
        .or_else(|| window.strip_prefix('［'))
    {
        let close = inner.find([']', '］'])?;
        let after = &inner[close..];
        let after = after.trim_start_matches([']', '］']).trim_start();
        let dash = ["- ", "– ", "— ", "－"]
            .iter()
            .find(|d| after.starts_with(*d))?;
        let end = window.len() - after.len() + dash.len();
        return rest_after(end);
    }
    if window.starts_with('(') || window.starts_with('（') {
        let close = window.find([')', '）'])?;
        if !window[..close].contains('=') {
            return None;
        }
        let after = &window[close..];
        let reporter_end = after.find(" = ").map(|i| i + 3)?;
        return rest_after(close + reporter_end);
    }
    for agency in ["新华社", "中新社", "中新网"] {
        if let Some(rest) = window.strip_prefix(agency) {
            let at = rest.find('电')?;
            let mut end = agency.len() + at + '电'.len_utf8();
            let after = &line[end..];
            if after.starts_with('（') {
                end += after.find('）').map(|i| i + '）'.len_utf8())?;
            }
            return rest_after(end);
        }
    }
    None
}

/// `By Kim Min-ji`, `By Jane Doe and John Roe`, `by ISHIMARU Jiro, ASIAPRESS`, `Written by …`,
/// `Reporting by …; Editing by …`, `… contributed to this report.`, and the reporter lines of
/// Korean, Japanese and Chinese pages (`김민수 기자`, `本报记者 陈静`, `作者：周敏`, `文・写真　山田花子`).
pub(crate) fn is_byline(line: &str) -> bool {
    if line.len() <= 200
        && (line.starts_with("Reporting by ")
            || line.starts_with("Written by ")
            || line.ends_with("contributed to this report.")
            || line.ends_with("contributed reporting."))
    {
        return true;
    }
    if is_cjk_byline(line) {
        return true;
    }
    let Some(names) = line
        .strip_prefix("By ")
        .or_else(|| line.strip_prefix("by "))
    else {
        return false;
    };
    let words: Vec<&str> = names.split_whitespace().collect();
    line.len() <= 80
        && !line.ends_with('.')
        && (1..=8).contains(&words.len())
        && words.iter().all(|w| {
            matches!(*w, "and" | "the" | "of") || w.chars().next().is_some_and(char::is_uppercase)
        })
}

/// `김민수 기자`, `글 박지현 기자 / 사진 최영호 기자`, `本报记者 陈静`, `作者：周敏`, `文・写真　山田花子`.
fn is_cjk_byline(line: &str) -> bool {
    if line.len() > 90 || line.contains('@') || line.ends_with(['。', '.']) {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let is_korean = words.len() <= 8
        && words
            .last()
            .is_some_and(|w| matches!(*w, "기자" | "특파원" | "선임기자"))
        && line.starts_with(|c: char| ('\u{ac00}'..='\u{d7a3}').contains(&c));
    is_korean
        || line.starts_with("本报记者")
        || line.starts_with("作者：")
        || line.starts_with("记者：")
        || line.starts_with("文・")
        || line.starts_with("文／")
        || line.starts_with("文：")
}

/// A title ending with its author, family name in capitals (`… witnesses ISHIMARU Jiro`):
/// where the name starts.
pub(crate) fn trailing_byline(line: &str) -> Option<usize> {
    if line.len() > MAX_SHORT_LINE_CHARS * 2 || ends_sentence(line) {
        return None;
    }
    let words: Vec<(usize, &str)> = line
        .split(' ')
        .scan(0, |at, w| {
            let start = *at;
            *at += w.len() + 1;
            Some((start, w))
        })
        .filter(|(_, w)| !w.is_empty())
        .collect();
    if words.len() < 5 {
        return None;
    }
    let is_capitals =
        |w: &str| w.chars().count() >= 2 && w.chars().all(|c| c.is_uppercase() || c == '-');
    let is_capitalized = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.clone().next().is_some()
            && chars.all(|c| c.is_lowercase() || c == '-')
    };
    let (a_start, a) = words[words.len() - 2];
    let b = words[words.len() - 1].1;
    let is_name = (is_capitals(a) && is_capitalized(b)) || (is_capitalized(a) && is_capitals(b));
    let previous = words[words.len() - 3].1;
    let previous_is_name_like = is_capitals(previous) || is_capitalized(previous);
    (is_name && !previous_is_name_like).then_some(a_start)
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

/// A list item marker: `- `, `* `, `• `, `◦ `, `1. `, `12) `. Returns whether the list is
/// ordered and where the item's text starts.
pub(crate) fn list_marker(line: &str) -> Option<(bool, usize)> {
    // `^ ` opens each entry of an encyclopedia's reference list.
    for bullet in ["- ", "* ", "• ", "◦ ", "‣ ", "· ", "^ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            let text = rest.trim_start();
            return (!text.is_empty()).then(|| (false, line.len() - text.len()));
        }
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return None;
    }
    let rest = line[digits..].strip_prefix(['.', ')'])?;
    let text = rest.strip_prefix(' ')?.trim_start();
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
    fn recognizes_credit_styles() {
        assert!(is_credit(
            "\"The Jangmadang generation\" star in a change. Photo: LiNK"
        ));
        assert!(is_credit("A map of North Korea (ASIAPRESS)"));
        assert!(is_credit("Protesters in Seoul. (AP Photo/Ahn Young-joon)"));
        assert!(is_credit("Kim Hong-Ji/Reuters"));
        assert!(is_credit("A field. Photographed from the Chinese side."));
        assert!(is_credit("Photo: Reuters/Kim Hong-Ji"));
        assert!(!is_credit("She photographed the notice and sent it."));
        assert!(!is_credit("(In May 2023, ten people defected by boat)"));
    }

    /// Issue #12: credits in the styles agencies use, and in CJK scripts.
    #[test]
    fn recognizes_agency_and_cjk_credits() {
        assert!(is_credit(
            "Ships wait outside the port, March 4, 2025. REUTERS/Kim Soo-hyun"
        ));
        assert!(is_credit("Kim Hong-Ji/Reuters 05 Oct 2024"));
        assert!(is_credit("Kyodo via REUTERS"));
        assert!(is_credit(
            "A worker at a plant in a file photo. REUTERS/Staff/File Photo"
        ));
        assert!(is_credit("Illustration: Mina Cho"));
        assert!(is_credit("국회 본회의장 모습 [연합뉴스 자료사진]"));
        assert!(is_credit(
            "大雪の中を歩く人たち（9日、札幌市中央区で）＝共同"
        ));
        assert!(is_credit(
            "6月19日，工作人员在江堤上巡查。新华社记者 王刚 摄"
        ));
        assert!(is_credit("지난해 열린 한일 정상회담 모습. 연합뉴스"));
        assert!(!is_credit("共同通信"), "alone it is a source line");
        assert!(!is_credit("The union said it would strike on Monday."));
        assert!(!is_credit(
            "He moved to Reuters in 2010 and then to the AP."
        ));
    }

    /// Issue #12: bylines and datelines of Korean, Japanese and Chinese pages.
    #[test]
    fn finds_cjk_bylines_and_datelines() {
        assert!(is_byline("김민수 기자"));
        assert!(is_byline("本报记者 陈静"));
        assert!(is_byline("Reporting by Hana Lee; Editing by Sam Holmes"));
        assert!(is_byline("By the Books Desk"));
        assert!(!is_byline("기자들은 모두 돌아갔다."));
        let line = "[ソウル 22日 ロイター] - 韓国銀行は据え置いた。";
        let (end, rest) = dateline(line).unwrap();
        assert_eq!(&line[..end], "[ソウル 22日 ロイター] -");
        assert_eq!(&line[rest..], "韓国銀行は据え置いた。");
        let line = "(서울=연합뉴스) 김민수 기자 = 여야는 협상을 이어갔다.";
        let (_, rest) = dateline(line).unwrap();
        assert_eq!(&line[rest..], "여야는 협상을 이어갔다.");
        let line = "新华社武汉6月20日电（记者 李明）记者20日获悉。";
        let (_, rest) = dateline(line).unwrap();
        assert_eq!(&line[rest..], "记者20日获悉。");
        assert!(dateline("(괄호 안의 말) 그리고 = 이어서").is_none());
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
    fn finds_datelines() {
        let line = "NORTH KOREA (Conspiracy Talk News) – This is NOT the typical story";
        assert_eq!(dateline(line), Some((34, 39)));
        assert!(dateline("SEOUL, March 3 (Reuters) - North Korea fired").is_some());
        assert!(dateline("The test - a short one - failed").is_none());
    }

    #[test]
    fn finds_bylines() {
        assert!(is_byline("By Kim Min-ji"));
        assert!(!is_byline("By the time we arrived, it was over."));
        let title = "Part 1: A blind spot with no outside witnesses ISHIMARU Jiro";
        assert_eq!(trailing_byline(title), Some(47));
        assert_eq!(
            trailing_byline("A short walk along the river Han Kang"),
            None
        );
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
        assert_eq!(quote_marker("> said"), Some(2));
        assert!(is_wrapped_quotation("“We crossed the river.”"));
        assert!(!is_wrapped_quotation("“One,” she said, “two.”"));
    }
}
