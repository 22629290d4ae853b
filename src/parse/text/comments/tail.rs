//! Where the comment tail starts ([`tail_start`]): at a header that comments follow, at a
//! prompt to comment over a stamped comment, at two signed comments in a row, at a forum
//! reply's title, or at an indented or author-marked suffix of the seed (the rules are
//! documented once, in [`super`]).

use super::super::boilerplate::{BOILERPLATE_PHRASES, collapse_lowercase, matches_phrase};
use super::super::lines::Line;
use super::super::rules::list_marker;
use super::{
    TOP_LEVEL_INDENT, author_of, is_author_name, is_comment_chrome, is_comment_header,
    is_comment_start, is_name_and_time, is_reply_title, signed_comment,
};

/// Where the comment tail starts, if the seed has one (only lines before `end` count).
pub(crate) fn tail_start(lines: &[Line<'_>], end: usize) -> Option<usize> {
    let lines = &lines[..end];
    let header = lines
        .iter()
        .enumerate()
        .position(|(i, l)| is_comment_header(l.text) && opens_comments(l.text, &lines[i + 1..]));
    // Comments on a question just above the answers' header are the thread's first.
    if let Some(start) = header.map(|h| signed_before(lines, h)) {
        return Some(start);
    }
    if let Some(prompt) = lines
        .iter()
        .enumerate()
        .position(|(i, l)| opens_after_prompt(l.text, &lines[i + 1..]))
    {
        return Some(prompt);
    }
    // A text board's thread copied whole (posts numbered 1, 2, 3…): the first post is the
    // topic, the replies from post 2 on are comments. A selection (1, 3, 5…: a summary
    // blog's) is the page's own text.
    let mut posts = lines
        .iter()
        .enumerate()
        .filter_map(|(i, l)| super::post_header(l.text).map(|n| (i, n)));
    if let (Some((_, 1)), Some((second, 2))) = (posts.next(), posts.next()) {
        return Some(second);
    }
    // A forum's first reply repeats the topic's title after `Re:`.
    let first_text = lines.iter().position(|l| !l.text.is_empty());
    if let Some(reply) = lines
        .iter()
        .enumerate()
        .position(|(i, l)| Some(i) != first_text && is_reply_title(l.text))
    {
        return Some(reply);
    }
    // Two signed comments in a row (a BBS's pushes) start the tail.
    let signed = |i: usize| !lines[i].text.is_empty() && signed_comment(lines[i].text).is_some();
    let mut previous = None;
    for (i, line) in lines.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        if signed(i) && previous.is_some_and(signed) {
            return previous;
        }
        previous = Some(i);
    }
    let mut suffix_start = lines.len();
    while suffix_start > 0 {
        let line = &lines[suffix_start - 1];
        let is_tail_line = line.text.is_empty()
            || line.indent >= TOP_LEVEL_INDENT
            || matches_phrase(line.text, &BOILERPLATE_PHRASES)
            || author_of(line.text).is_some();
        if !is_tail_line {
            break;
        }
        suffix_start -= 1;
    }
    let first = (suffix_start..lines.len()).find(|&i| is_comment_start(&lines[i]))?;
    let blanks_before = lines[..first]
        .iter()
        .rev()
        .take_while(|l| l.text.is_empty())
        .count();
    (blanks_before >= 2 || blanks_before == first).then_some(first)
}

/// Where the tail starts given a header at `header`: at the first of the signed comments
/// just above it (with blank and widget lines between them, `Add a comment`), else at it.
fn signed_before(lines: &[Line<'_>], header: usize) -> usize {
    let mut start = header;
    let mut at = header;
    while at > 0 {
        at -= 1;
        let text = lines[at].text;
        if signed_comment(text).is_some() {
            start = at;
        } else if !(text.is_empty() || is_comment_chrome(text)) {
            break;
        }
    }
    start
}

/// Whether the lines after a comment header read as a comment section: the first non-blank
/// one starts a comment, is numbered, or is short (a name, a sort control), not a long line
/// of text; and the article does not go on below it.
/// A count linking to the comments (`12コメント` under a headline) opens no section, nor does
/// a `댓글` button in the row of share buttons under a headline: there, sentences of the
/// article follow before any sign of a comment ([`continues_article`]).
fn opens_comments(header: &str, after: &[Line<'_>]) -> bool {
    let opens = after.iter().find(|l| !l.text.is_empty()).is_none_or(|l| {
        is_comment_start(l)
            || is_comment_chrome(l.text)
            || list_marker(l.text).is_some()
            || super::super::signals::weight(l.text) <= 40
    });
    // A header with its count (`3 个回答`) announces comments, and an answer of two
    // sentences may stand before its stamp; a bare word (`댓글`) may be a button's label.
    let sentences = if header.chars().any(|c| c.is_ascii_digit()) {
        3
    } else {
        2
    };
    opens && !continues_article(after, sentences)
}

/// A comment's time: `2025.03.10. 14:40`, `8月14日`, `3 hours ago`, `1時間前`, not a bare
/// count (`148件`).
pub(super) fn is_time(text: &str) -> bool {
    let groups = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|g| !g.is_empty())
        .count();
    super::super::signals::is_stamp(text)
        && (groups >= 2 || text.ends_with('前') || text.ends_with("ago"))
}

/// Lines looked at below a comment header for a sign of comments (bounded, so finding the
/// tail stays linear in the seed's length).
const EVIDENCE_WINDOW: usize = 12;

/// Whether, within [`EVIDENCE_WINDOW`] non-blank lines below a header, `limit` sentences
/// come before the first sign of a comment ([`is_comment_evidence`]): the article's
/// paragraphs under a share-button row, not comments under their header.
fn continues_article(after: &[Line<'_>], limit: usize) -> bool {
    scan_below(after, limit, false) == Some(false)
}

/// Prompts to write a comment, which some pages put above the comments (`コメントを書く`,
/// `Leave a comment`) and others below them (lowercased, whole lines).
const COMMENT_PROMPTS: &[&str] = &[
    "leave a comment",
    "leave a reply",
    "add a comment",
    "コメントを書く",
    "コメントする",
    "댓글쓰기",
    "댓글 쓰기",
    "发表评论",
    "發表留言",
    "schreibe einen kommentar",
    "kommentar schreiben",
    "plaats een reactie",
    "laisser un commentaire",
    "deja un comentario",
    "yorum yaz",
    "yorum yap",
];

/// A prompt to comment that a comment follows: within [`EVIDENCE_WINDOW`] lines, a sign of
/// a comment comes before two sentences (a prompt alone is no evidence, unlike a header).
fn opens_after_prompt(text: &str, after: &[Line<'_>]) -> bool {
    text.len() <= 40
        && COMMENT_PROMPTS.contains(&collapse_lowercase(text).as_str())
        && scan_below(after, 2, true) == Some(true)
}

/// Reads down to [`EVIDENCE_WINDOW`] non-blank lines: `Some(true)` at the first sign of a
/// comment (only a time or an author line when `strict`), `Some(false)` once `limit`
/// sentences came before any, `None` if neither.
fn scan_below(after: &[Line<'_>], limit: usize, strict: bool) -> Option<bool> {
    let mut sentences = 0;
    let mut seen = 0;
    for (i, line) in after.iter().enumerate() {
        if line.text.is_empty() {
            continue;
        }
        seen += 1;
        if seen > EVIDENCE_WINDOW {
            break;
        }
        // A name right under the header is no sign: a share-button row has such labels.
        let blank_before = i > 0 && after[i - 1].text.is_empty();
        let is_evidence = if strict {
            is_time(line.text) || is_name_and_time(line.text) || author_of(line.text).is_some()
        } else {
            is_comment_evidence(line, blank_before, after.get(i + 1))
        };
        if is_evidence {
            return Some(true);
        }
        if super::super::rules::ends_sentence(line.text)
            && super::super::signals::weight(line.text) > 20
        {
            sentences += 1;
            if sentences >= limit {
                return Some(false);
            }
        }
    }
    None
}

/// A sign that a comment section has started: a comment's first line (an author line, a
/// name and a time), a widget's line (`Reply`, `좋아요 3`), a time alone (`2025.03.10.
/// 14:40`, the stamp under a comment) or a name alone after a blank line over text.
fn is_comment_evidence(line: &Line<'_>, blank_before: bool, next: Option<&Line<'_>>) -> bool {
    is_comment_start(line)
        || list_marker(line.text).is_some()
        || is_comment_chrome(line.text)
        || is_comment_header(line.text)
        || is_reply_title(line.text)
        || is_time(line.text)
        || blank_before
            && next.is_some_and(|l| !l.text.is_empty())
            && line.text.chars().count() <= 24
            && is_author_name(line.text)
}
