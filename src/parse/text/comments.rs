//! The comment tail: reader comments scraped below an article.
//!
//! Takes the seed's lines and finds where the tail starts ([`tail_start`]); then turns each
//! tail line into a piece of a comment ([`CommentParser`]). Rules, documented once here:
//!
//! - The tail starts at a comment header (`Comments`, `12 Responses to …`) that comments
//!   follow: not one over the article's sentences (two, or three under a header with a count)
//!   before any author, time, widget or list line (a share row's `댓글` button); or at a
//!   prompt to comment (`コメントを書く`) over a time or author line; or at two comments
//!   signed on their own lines in a row (a BBS's `推 user: … 06/14 09:40` pushes; a Q&A's
//!   `… – Name Sep 1, 2022 at 21:50` comments just above its answers' header join the
//!   tail there); or at post 2 of a text board's thread copied whole (post headers
//!   numbered 1, then 2: [`post_header`]; a summary blog's selection, 1, 3, 5…, stays the
//!   page's text); or at the first
//!   comment of a suffix of the seed in which every line is blank, boilerplate, indented by two
//!   or more columns, or an author line (`Alice says:`), and which opens with an indented list
//!   item or an author line after two blank lines (or at the seed's first line).
//! - A list marker (`1.`, `•`, `-`) or an author line starts a comment; other lines continue
//!   the current one. Text dumps indent a top-level list by two spaces: markers at the first
//!   comment's indentation are top-level, deeper ones are replies, one level per deeper indent.
//!   A first comment indented past two columns is a reply whose parent was not captured.
//! - Boilerplate lines in the tail are dropped (`boilerplate-phrase`), headers too
//!   (`comment-header`), and widget lines: sort controls, reaction counts in a CJK script
//!   (`赞 56`, `추천 4 반대 0`). The labels after the last comment are the page's
//!   (`comment-chrome`), but a comment's stamp ends that run: a thread whose comments end
//!   with an emoji is still a thread; so does a date alone (`2025.12.02`), an answer's
//!   stamp rather than a widget's counts. The lines after the widget row and the blank line
//!   that close the last stamped comment are the page's too (`Reply`, a blank line, `많이 본
//!   뉴스`, `© 2024 …`), unless more comments follow ([`drop_footer_after_comments`]); and
//!   so are the short labels that end the page in its copyright line with no blank line
//!   before them, after the last comment button and below the line under the last stamp.

use super::boilerplate::{
    BOILERPLATE_PHRASES, COMMENT_COUNT_WORDS, COMMENT_HEADERS, collapse_lowercase, matches_lowered,
    matches_phrase,
};
use super::lines::{Line, Piece};
use super::rules::list_marker;
use super::{BlockKind, CommentInfo};

mod tail;

use tail::is_time;
pub(crate) use tail::tail_start;

/// Indentation at which a text dump puts a top-level list.
const TOP_LEVEL_INDENT: usize = 2;

/// `Comments`, `3 Comments`, `12 Responses to “…”`, `5 thoughts on “…”`.
pub(crate) fn is_comment_header(text: &str) -> bool {
    // Headers are short (`Comments (4)`) or open with their count (`12 Responses to …`):
    // other lines are not lowercased at all, which `tail_start` would do for every line.
    if text.len() > 160 || text.len() > 40 && !text.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let lowered = collapse_lowercase(text);
    if matches_lowered(&lowered, COMMENT_HEADERS) {
        return true;
    }
    // `Comments (4)`, `댓글 12`, `コメント 24件`, `网友评论 3条`: a header word and a count.
    let without_count = lowered
        .trim_end_matches(|c: char| c.is_ascii_digit() || " ()（）[]件개条".contains(c))
        .trim_end();
    if without_count.len() < lowered.len()
        && lowered.chars().any(|c| c.is_ascii_digit())
        && matches_lowered(without_count, COMMENT_HEADERS)
    {
        return true;
    }
    // `3 个回答`, `12 条评论`, `5件のコメント`, `3개의 댓글`: the count first, with a counter word.
    let after_count = lowered.trim_start_matches(|c: char| c.is_ascii_digit() || c == ',');
    if after_count.len() < lowered.len() {
        let header = after_count
            .trim_start()
            .trim_start_matches(['个', '条', '件', '개'])
            .trim_start_matches(['の', '의'])
            .trim_start();
        if !header.is_ascii() && matches_lowered(header, COMMENT_HEADERS) {
            return true;
        }
    }
    let mut words = lowered.split(' ');
    let count = words.next().unwrap_or("");
    let is_count = !count.is_empty() && count.chars().all(|c| c.is_ascii_digit())
        || COUNT_WORDS.contains(&count);
    is_count
        && words
            .next()
            .is_some_and(|w| COMMENT_COUNT_WORDS.contains(&w.trim_end_matches(':')))
}

/// Counts written in words (`Thirteen comments`).
const COUNT_WORDS: &[&str] = &[
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "thirteen", "fourteen", "fifteen", "twenty",
];

/// Lines of a comment widget that are not comments: `Reply · 12 likes`, `3 more replies`,
/// `Sort by: Newest`, `Load more comments`, `답글 2 공감 15`, `返信 3`, `Continue the discussion
/// at …`, a header's count where no comments follow (`댓글 4`). Short lines only.
pub(crate) fn is_comment_chrome(text: &str) -> bool {
    if text.len() > 120 {
        return false;
    }
    let lowered = collapse_lowercase(text);
    let first = lowered.split([' ', '·', '•']).next().unwrap_or("");
    if text.len() <= 40
        && (matches!(
            first,
            "reply" | "like" | "likes" | "login" | "solution" | "report" | "flag"
                // `Reply` in French, Italian, Portuguese and Spanish, Indonesian, Polish, Russian.
                | "répondre" | "rispondi" | "responder" | "balas" | "odpowiedz" | "ответить"
                // German, Dutch, Turkish and Swedish; `Beğen` is Turkish `Like`.
                | "antworten" | "beantwoorden" | "reageer" | "yanıtla" | "yanıt" | "cevapla"
                | "beğen" | "svara"
        ) || [
            "답글",
            "返信",
            "回复",
            "いいね",
            "赞同",
            "좋아요",
            "공감",
            "비공감",
            "신고",
            "댓글쓰기",
            "로그인",
            "이전글",
            "다음글",
            "舉報",
            "举报",
        ]
        .iter()
        .any(|w| first.starts_with(w)))
    {
        return true;
    }
    // `612 views`, `3 users`, `14 likes`: a count and what it counts.
    let mut words = lowered.split(' ');
    if let (Some(count), Some(noun), None) = (words.next(), words.next(), words.next())
        && count.chars().all(|c| c.is_ascii_digit() || c == ',')
        && !count.is_empty()
        && matches!(
            noun,
            "views" | "users" | "likes" | "links" | "votes" | "points" | "posts" | "replies"
        )
    {
        return true;
    }
    // `查看 36 条回复`, `共12条回复 >`, `他3件の返信`: a thread's hidden replies, counted.
    if text.len() <= 40
        && text.chars().any(|c| c.is_ascii_digit())
        && REPLY_COUNTERS.iter().any(|w| lowered.contains(w))
    {
        return true;
    }
    // `댓글 4`, `148コメント` where no comments follow: a count linking to them.
    if text.len() <= 40 && text.chars().any(|c| c.is_ascii_digit()) && is_comment_header(text) {
        return true;
    }
    if COMMENT_WIDGET_LABELS.contains(&lowered.as_str()) || is_profile_field(&lowered) {
        return true;
    }
    COMMENT_CHROME.iter().any(|p| lowered.starts_with(p))
        || lowered.split(' ').nth(1).is_some_and(|w| w == "more")
            && lowered
                .split(' ')
                .nth(2)
                .is_some_and(|w| w.starts_with("repl") || w.starts_with("comment"))
}

/// Starts of comment-widget lines (lowercased).
const COMMENT_CHROME: &[&str] = &[
    "sort by",
    "sorted by",
    "newest",
    "oldest",
    "load more",
    "show more",
    "view more",
    "more comments",
    "continue the discussion",
    "this topic was automatically closed",
    "new replies are no longer allowed",
    "log in to comment",
    "log in to reply",
    "댓글 더보기",
    "로그인하고",
    "join the discussion",
    "related topics",
    "more posts",
    "topic replies views",
    "최신순",
    "공감순",
    "더보기",
    "查看更多",
    "查看全部",
    "もっと見る",
    "按热度",
    "按时间",
    "並び替え",
    "おすすめ順",
    "新しい順",
    "古い順",
    "인기순",
    "등록순",
    "view all comments",
    "view all replies",
    "was this answer helpful",
    "was this helpful",
    "was this review helpful",
    // `See all comments`, `More comments` in German, Dutch, French and Turkish.
    "alle kommentare",
    "weitere kommentare",
    "alle reacties",
    "meer reacties",
    "voir tous les commentaires",
    "tüm yorumlar",
    "daha fazla yorum",
];

/// Fields of a forum poster's profile box (lowercased keys), shown beside every post:
/// `Posts: 212`, `Joined: Tue Apr 9, 2019`, phpBB's `Berichten:` and `Lid geworden op:`.
const PROFILE_KEYS: &[&str] = &[
    "posts",
    "joined",
    "berichten",
    "lid geworden op",
    "beiträge",
    "registriert",
    "mitglied seit",
    "messages",
    "inscrit le",
    "mesajlar",
    "katılım",
];

/// `posts: 4871`, `lid geworden op: vr 14 jan 2011, 09:02` (lowercased): a profile field
/// whose value holds a number (a count or a date), not a sentence about posts.
fn is_profile_field(lowered: &str) -> bool {
    lowered.len() <= 60
        && lowered.split_once(": ").is_some_and(|(key, value)| {
            PROFILE_KEYS.contains(&key)
                && value.chars().any(|c| c.is_ascii_digit())
                && value.split_whitespace().count() <= 6
        })
}

/// A counter word and the replies it counts, after a number: `36 条回复` (Chinese, simplified
/// and traditional), `3件の返信` (Japanese), `5개의 답글` (Korean).
const REPLY_COUNTERS: &[&str] = &[
    "条回复",
    "條回覆",
    "条回覆",
    "件の返信",
    "개의 답글",
    "개 답글",
];

/// Whole lines of a Q&A or forum post's action row (lowercased): `Share`, `Improve this
/// answer`, `Follow`.
const COMMENT_WIDGET_LABELS: &[&str] = &[
    "share",
    "follow",
    "edit",
    "cite",
    "improve this answer",
    "improve this question",
    "add a comment",
    "your answer",
    "post your answer",
    "highest score (default)",
    // A forum post's `Top` link, in Dutch, German and Turkish too (phpBB's `Omhoog`).
    "top",
    "back to top",
    "omhoog",
    "nach oben",
    "yukarı",
    "trả lời",
    // Sort tabs over a Chinese comment list (`最热` / `最新`: hottest, newest).
    "最热",
    "最新",
    "热门评论",
    "最新评论",
    "全部评论",
];

/// `赞 1,879`, `共感した 812`, `추천 15 반대 1`: reactions counted under a comment, each a
/// word in a CJK script and its count. Only read in the tail (in an article, `제 3` and the
/// like are headings' numbers).
fn is_reaction_count(text: &str) -> bool {
    if text.len() > 60 {
        return false;
    }
    // `赞(21)`, `支持（125）`, `Yes (41)`: a vote button and its count in parentheses.
    if let Some(open) = text.find(['(', '（']) {
        let (label, count) = text.split_at(open);
        let count = count
            .trim_start_matches(['(', '（'])
            .trim_end_matches([')', '）'])
            .replace(',', "");
        let label = label.trim();
        let is_count = !count.is_empty()
            && count.len() <= 9
            && count.chars().all(|c| c.is_ascii_digit())
            && text.ends_with([')', '）']);
        let is_label = !label.is_empty()
            && label.split_whitespace().count() <= 2
            && label.chars().count() <= 12
            && label.chars().all(|c| c.is_alphabetic() || c == ' ');
        if is_count && is_label {
            return true;
        }
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    words.len() >= 2
        && words.len().is_multiple_of(2)
        && words.chunks(2).all(|pair| {
            let word = pair[0].trim_end_matches(['!', '！']);
            !word.is_empty()
                && word.chars().count() <= 6
                && word.chars().all(super::signals::is_cjk)
                && pair[1].chars().all(|c| c.is_ascii_digit() || c == ',')
                && pair[1].starts_with(|c: char| c.is_ascii_digit())
        })
}

/// `greenrider · 2 hours ago`, `ㅇㅇ 2025.01.08 08:12`, `匿名さん 1時間前`: a short name
/// followed by a time.
fn is_name_and_time(text: &str) -> bool {
    name_before_time(text).is_some()
}

/// The name of a [`is_name_and_time`] line (`greenrider`, `小林`).
fn name_before_time(text: &str) -> Option<&str> {
    if text.len() > 80 {
        return None;
    }
    // `2楼 小林 2024-04-10 10:02`, `#3 Kim · 2h`: a reply's floor number comes first.
    let text = match text.split_once(' ') {
        Some((floor, rest))
            if floor.chars().any(|c| c.is_ascii_digit())
                && floor
                    .trim_start_matches('#')
                    .trim_end_matches(['楼', '층', '.'])
                    .chars()
                    .all(|c| c.is_ascii_digit()) =>
        {
            rest
        }
        _ => text,
    };
    let (name, time) = match text
        .split_once(" · ")
        .or_else(|| text.split_once(" • "))
        .or_else(|| text.split_once(" » "))
    {
        Some(split) => split,
        None => match text.find(|c: char| c.is_ascii_digit()) {
            Some(at) if at > 0 => (&text[..at], &text[at..]),
            _ => return None,
        },
    };
    let name = name.trim();
    let time = time.trim();
    // A label's separator ends no name (`出发时间 / 2024-05-03`, `许可证:0000`: a field's
    // row), and a bare number is a count, not a time (`收藏 312`).
    let is_label = name.ends_with(['/', ':', '：', '|', '=']);
    let is_count = time.chars().all(|c| c.is_ascii_digit() || c == ',');
    let is_named = !name.is_empty()
        && !is_label
        && !is_count
        && name.split_whitespace().count() <= 3
        && (super::signals::is_stamp(time) || time.ends_with("前") || time.ends_with("ago"));
    is_named.then_some(name)
}

/// Whether a line alone over a comment's text names its author: a person's name
/// (`Maria Chen`), a handle (`kwon_j`, `Olivia`, `햇살가득`), not a phrase (`Great piece`).
fn is_author_name(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let is_handle = words == 1
        && text.chars().count() <= 24
        && text.chars().any(char::is_alphabetic)
        && text
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.' | '\''));
    is_handle || super::bylines::is_person_name(text)
}

/// `Alice says:`, `Kim Min-ji on March 3, 2010 at 4:12 pm said: Great piece`: the author's
/// name and where the comment's own text starts (the line's length when it has none).
pub(crate) fn author_of(text: &str) -> Option<(&str, usize)> {
    let window = &text[..super::rules::floor_char_boundary(text, 120)];
    let (at, verb) = [" says:", " said:", " wrote:", " says"]
        .iter()
        .filter_map(|v| window.find(v).map(|i| (i, *v)))
        .min_by_key(|&(i, _)| i)?;
    let rest = &text[at + verb.len()..];
    if verb == " says" && !rest.is_empty() {
        return None;
    }
    let full = &text[..at];
    let name = full.split(" on ").next().unwrap_or(full).trim();
    let is_name = !name.is_empty()
        && name.split_whitespace().count() <= 6
        && !name.chars().next().is_some_and(char::is_lowercase);
    is_name.then(|| (name, text.len() - rest.trim_start().len()))
}

/// A comment signed on its own line: a BBS push (`推 coffeecat: 好吃 06/14 09:40`, marked
/// `推`, `噓` or `→`) or a Q&A's comment ending with its author and time (`… – Olsen Sep 1,
/// 2022 at 21:50`). Returns the author.
fn signed_comment(text: &str) -> Option<&str> {
    if text.len() > 600 {
        return None;
    }
    for marker in ["推 ", "噓 ", "→ "] {
        if let Some(rest) = text.strip_prefix(marker)
            && let Some((handle, said)) = rest.split_once(':')
            && !handle.is_empty()
            && !handle.contains(' ')
            && !said.trim().is_empty()
        {
            return Some(handle);
        }
    }
    let (said, signature) = text.rsplit_once(" – ")?;
    let name = name_before_time(signature)?;
    // `Olsen Carpentry Sep 1, 2022`: the month belongs to the time.
    let name = match name.rsplit_once(' ') {
        Some((before, month))
            if month.len() == 3 && month.starts_with(|c: char| c.is_ascii_uppercase()) =>
        {
            before
        }
        _ => name,
    };
    (!said.trim().is_empty()).then_some(name)
}

fn is_comment_start(line: &Line<'_>) -> bool {
    if is_name_and_time(line.text) {
        return true;
    }
    (line.indent >= TOP_LEVEL_INDENT && list_marker(line.text).is_some())
        || author_of(line.text).is_some()
}

/// `12 ：名無しさん：2025/10/03(金) 21:14:05 ID:k3Pq`, `3: Anonymous 2025/11/08 18:03`: the
/// header a text board (2ch, したらば and their kin) puts over each numbered post: the post's
/// number, a colon, the poster's name and the time. Returns the post's number.
pub(crate) fn post_header(text: &str) -> Option<u32> {
    if text.len() > 160 {
        return None;
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=4).contains(&digits) {
        return None;
    }
    let rest = text[digits..].trim_start();
    let rest = rest.strip_prefix(':').or_else(|| rest.strip_prefix('：'))?;
    let has_name = rest
        .trim_start()
        .starts_with(|c: char| !c.is_ascii_digit() && !c.is_whitespace());
    (has_name && super::dates::has_date_time(rest))
        .then(|| text[..digits].parse().ok())
        .flatten()
}

/// `Re: Flattening a warped board`: the title a forum puts over each reply.
fn is_reply_title(text: &str) -> bool {
    text.len() <= 200
        && ["Re: ", "RE: ", "Re：", "回复："]
            .iter()
            .any(|p| text.starts_with(p) && text.len() > p.len())
}

/// A line of a comment widget between comments: a short label with a button's wording
/// (`Share Improve this answer Follow`), or nothing but numbers (`2,410 12 30`).
fn is_widget_line(text: &str) -> bool {
    // Widget lines are short; a comment's text is not scanned for their wording.
    if text.len() > 80 {
        return false;
    }
    let words = text.split_whitespace().count();
    // A date alone (`2025.12.02`, `10:22`) is a comment's stamp, not a widget's counts.
    let is_date = text.contains(':') || text.matches('.').count() >= 2;
    let is_numbers = text.chars().any(|c| c.is_ascii_digit())
        && !is_date
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, ' ' | ',' | '.' | '·' | '•'));
    is_numbers
        || words <= 6
            && !super::rules::ends_sentence(text)
            && super::signals::chrome_hint(text) == Some(super::signals::Hint::Weak)
}

/// Lines of a page's footer run after the comments, its copyright line among them, that
/// end the comments with no blank line before them (`광고`, `회사소개`, `이용약관`, `©`).
const MIN_FOOTER_RUN: usize = 3;

/// Drops the run of short labels that ends a comment section after a blank line (`Return to
/// “Hand tools”`, `Who is online`, `リブログ`, `フォロー`), or with none when the page's
/// copyright line ends it: with no sentence among them they are the page's links below the
/// comments, not a comment (rule `comment-chrome`).
pub(crate) fn drop_trailing_widgets(pieces: &mut [Piece], lines: &[Line<'_>]) {
    let mut start = pieces.len();
    while start > 0 {
        let piece = &pieces[start - 1];
        let text = &lines[piece.line].text;
        // The line under a comment's stamp is that comment's text, however short
        // (`第三条扎心了……收藏了`): the run of the page's links ends below it.
        let under_stamp = piece.line > 0 && is_time(lines[piece.line - 1].text);
        let is_short_label = text.chars().count() <= 80
            && !super::rules::ends_sentence(text)
            && !is_name_and_time(text)
            && signed_comment(text).is_none()
            // A comment's stamp (`2025.10.20. 21:13`) ends the run: above it is a thread
            // whose comments end with an emoji, not the page's links.
            && !is_time(text);
        // `Copyright © …`, `By clicking “Post”, you agree to our terms`: the page's footer.
        let is_footer = super::signals::chrome_hint(text) == Some(super::signals::Hint::Strong);
        let is_label = piece.kind == BlockKind::Comment
            && piece.rule == "comment-tail"
            && !under_stamp
            && (is_short_label || is_footer);
        if !(is_label || piece.kind == BlockKind::Dropped) {
            break;
        }
        start -= 1;
    }
    // `Ready for more?` after a comment's `Reply` button: a last line with no author that
    // follows a widget line is the page's, not a comment.
    if start == pieces.len()
        && let [.., widget, last] = &mut pieces[..]
        && widget.kind == BlockKind::Dropped
        && widget.rule != "comment-header"
        && last.kind == BlockKind::Comment
        && lines[last.line].text.chars().count() <= 40
        && widget.line + 1 == last.line
    {
        last.kind = BlockKind::Dropped;
        last.rule = "comment-chrome";
        last.comment = None;
        return;
    }
    // The run starts after a blank line or a comment header, never inside a comment.
    while start < pieces.len() && pieces[start].kind == BlockKind::Dropped {
        start += 1;
    }
    let Some(first) = pieces.get(start) else {
        return;
    };
    let at = first.line;
    // After a widget's row too (`도움돼요 12`, `Reply`, a `Reply` button the phrase table
    // drops): it closes the last comment.
    let after_break = at == 0
        || lines[at - 1].text.is_empty()
        || start > 0
            && matches!(
                pieces[start - 1].rule,
                "comment-header" | "comment-chrome" | "boilerplate-phrase"
            );
    let start = if after_break {
        start
    } else if let Some(footer) = footer_run(&pieces[start..], lines) {
        start + footer
    } else {
        return;
    };
    for piece in &mut pieces[start..] {
        if piece.kind == BlockKind::Comment {
            piece.kind = BlockKind::Dropped;
            piece.rule = "comment-chrome";
            piece.comment = None;
            piece.continues = false;
        }
    }
}

/// Where the page's footer starts in a run of labels that ends the comments with no blank
/// line before it (`© 살림마당`, `Powered by Discuz!`): after the run's last comment button
/// (`Reply` closes the comment above it, so the lines before it are a comment's), when at
/// least [`MIN_FOOTER_RUN`] lines follow it and one is the site's copyright line. A comment
/// does not end in a copyright line; a site's footer does.
fn footer_run(run: &[Piece], lines: &[Line<'_>]) -> Option<usize> {
    let from = run
        .iter()
        .rposition(|p| is_comment_chrome(lines[p.line].text))
        .map_or(0, |i| i + 1);
    let footer = &run[from..];
    let copyright = footer.iter().any(|p| {
        super::signals::chrome_hint(lines[p.line].text) == Some(super::signals::Hint::Strong)
    });
    (copyright && footer.len() >= MIN_FOOTER_RUN).then_some(from)
}

/// `많이 본 뉴스`, `© 2024 …`, `Privacy` below the comments: once the last comment's stamp
/// (`2024.05.19 22:40`, `1 hour ago`) has had its widget row (`Reply`, `답글 1`, `赞(8)`)
/// and a blank line, the comment-tail lines that follow are the page's footer
/// (`comment-chrome`), unless more comments follow: the row's closing widget again (a
/// comment without a stamp), a comment header, a list item or an author line.
pub(crate) fn drop_footer_after_comments(pieces: &mut [Piece], lines: &[Line<'_>]) {
    let is_stamp = |p: &Piece| {
        let text = lines[p.line].text;
        p.kind == BlockKind::Comment
            && (is_time(text) || is_name_and_time(text) || signed_comment(text).is_some())
    };
    let is_widget = |p: &Piece| {
        p.kind == BlockKind::Dropped
            && matches!(
                p.rule,
                "comment-header" | "comment-chrome" | "boilerplate-phrase"
            )
    };
    let Some(stamp) = pieces.iter().rposition(is_stamp) else {
        return;
    };
    let Some(widget) = (stamp + 1..pieces.len()).find(|&i| is_widget(&pieces[i])) else {
        return;
    };
    // The row: widgets on consecutive lines.
    let mut row_end = widget;
    while row_end + 1 < pieces.len()
        && is_widget(&pieces[row_end + 1])
        && pieces[row_end + 1].line <= pieces[row_end].line + 1
    {
        row_end += 1;
    }
    let footer = row_end + 1;
    let Some(first) = pieces.get(footer) else {
        return;
    };
    let closing = lines[pieces[widget].line].text;
    let after_blank = first.line > pieces[row_end].line + 1;
    // `2 Answers` over numbered answers, `Alice says:`: more comments follow.
    let more_comments = pieces[footer..].iter().any(|p| {
        let text = lines[p.line].text;
        text == closing
            || p.rule == "comment-header"
            || is_numbered_comment(text)
            || author_of(text).is_some()
    });
    if !after_blank || more_comments {
        return;
    }
    for piece in &mut pieces[footer..] {
        if piece.kind == BlockKind::Comment && piece.rule == "comment-tail" {
            piece.kind = BlockKind::Dropped;
            piece.rule = "comment-chrome";
            piece.comment = None;
            piece.continues = false;
        }
    }
}

/// `1. Try the other cable first; it fixed mine.`: a numbered comment or answer, a sentence
/// or a long line after its marker, not a ranking box's title (`1 我市今年新增12条公交线路`).
fn is_numbered_comment(text: &str) -> bool {
    list_marker(text).is_some()
        && (super::rules::ends_sentence(text) || text.chars().count() > NUMBERED_TITLE_CHARS)
}

/// The longest line of a ranking box (`热点排行`, `Most read`) under the comments, in
/// characters: a numbered line longer than this is a comment.
const NUMBERED_TITLE_CHARS: usize = 60;

/// Turns tail lines into comment pieces, one line at a time, tracking reply depth.
#[derive(Debug, Default)]
pub(crate) struct CommentParser {
    /// Indentations of the open levels, outermost first.
    levels: Vec<usize>,
    /// Threads started so far.
    threads: usize,
    /// The comment the next plain line continues.
    current: Option<CommentInfo>,
    /// Whether a blank line came before the current one.
    after_blank: bool,
}

impl CommentParser {
    /// Classifies one non-blank tail line; `next` is the line after it, if any.
    pub(crate) fn piece(&mut self, line: &Line<'_>, next: Option<&Line<'_>>) -> Piece {
        if matches_phrase(line.text, &BOILERPLATE_PHRASES) {
            return Piece::whole(line, BlockKind::Dropped, "boilerplate-phrase");
        }
        if is_comment_header(line.text) {
            self.current = None;
            return Piece::whole(line, BlockKind::Dropped, "comment-header");
        }
        if is_comment_chrome(line.text) {
            return Piece::whole(line, BlockKind::Dropped, "comment-header");
        }
        if is_widget_line(line.text) || is_reaction_count(line.text) {
            return Piece::whole(line, BlockKind::Dropped, "comment-chrome");
        }
        let (marker_end, is_marked) = match list_marker(line.text) {
            Some((_, start)) => (start, true),
            None => (0, false),
        };
        let after_marker = &line.text[marker_end..];
        let is_name_line = self.after_blank && self.is_name_line(line.text);
        let text_below = next.is_some_and(|l| !l.text.is_empty());
        // `Alice says:`, `greenrider · 2 hours ago`, or a name alone over the comment's text:
        // the author, shown as such rather than as a line of the comment.
        // A signed comment keeps its whole line as its text (the signature is in it).
        let signed = signed_comment(line.text).map(|name| (name, 0));
        let author = signed
            .or_else(|| author_of(after_marker))
            .or_else(|| name_before_time(after_marker).map(|name| (name, after_marker.len())))
            .or_else(|| {
                (is_name_line && text_below && is_author_name(after_marker))
                    .then_some((after_marker, after_marker.len()))
            });
        let starts_comment = is_marked
            || post_header(line.text).is_some()
            || author.is_some()
            || is_name_and_time(line.text)
            || is_reply_title(line.text)
            || is_name_line;
        self.after_blank = false;
        if !starts_comment && let Some(info) = &self.current {
            let mut piece = Piece::whole(line, BlockKind::Comment, "comment-tail");
            piece.comment = Some(info.clone());
            piece.continues = true;
            return piece;
        }
        let depth = self.depth_at(line.indent);
        if depth == 0 || self.threads == 0 {
            self.threads += 1;
        }
        let info = CommentInfo {
            thread: self.threads - 1,
            depth,
            author: author.map(|(name, _)| name.to_string()),
            site_reply: None,
        };
        let text_start = marker_end + author.map_or(0, |(_, start)| start);
        let mut piece = Piece::whole(line, BlockKind::Comment, "comment-tail");
        let own_text = line.text[text_start..].trim();
        piece.text = (!own_text.is_empty()).then(|| own_text.to_string());
        piece.comment = Some(info.clone());
        self.current = Some(info);
        piece
    }

    /// Notes a blank line: a short name after one starts a new comment.
    pub(crate) fn blank(&mut self) {
        self.after_blank = true;
    }

    /// `Olivia`, `Paul R.`, `kwon_j`: a line of one to three words with no sentence in it,
    /// which in a comment section names the next comment's author.
    fn is_name_line(&self, text: &str) -> bool {
        let words = text.split_whitespace().count();
        (1..=3).contains(&words)
            && text.chars().count() <= 30
            && !text.ends_with(['!', '?', ':', '。'])
            && !text.contains(". ")
    }

    /// A line the editor declared a comment: a new top-level comment (rule `override`).
    pub(crate) fn forced(&mut self, line: &Line<'_>) -> Piece {
        self.levels.clear();
        self.levels.push(line.indent);
        self.threads += 1;
        let info = CommentInfo {
            thread: self.threads - 1,
            depth: 0,
            author: None,
            site_reply: None,
        };
        let mut piece = Piece::whole(line, BlockKind::Comment, "override");
        piece.comment = Some(info.clone());
        self.current = Some(info);
        piece
    }

    /// Reply depth of a comment starting at `indent`.
    fn depth_at(&mut self, indent: usize) -> usize {
        if self.levels.is_empty() && indent > TOP_LEVEL_INDENT {
            self.levels.push(TOP_LEVEL_INDENT);
        }
        while self.levels.last().is_some_and(|&top| top > indent) {
            self.levels.pop();
        }
        if self.levels.last() != Some(&indent) {
            self.levels.push(indent);
        }
        self.levels.len() - 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_headers_and_buttons_in_more_languages_issue_12() {
        assert!(is_comment_header("6 Gedanken zu „Ein Tag am See“"));
        assert!(is_comment_header("Yorumlar (3)"));
        assert!(is_comment_header("4 reacties"));
        assert!(is_comment_header("3 réflexions sur « Le marché »"));
        assert!(!is_comment_header("6 Kilometer zu Fuß"));
        for button in [
            "Antworten",
            "Yanıtla",
            "Beantwoorden",
            "Omhoog",
            "Tüm yorumları gör",
        ] {
            assert!(is_comment_chrome(button), "{button}");
        }
        assert!(!is_comment_chrome("Antwortenden danken wir"));
    }

    #[test]
    fn a_posters_profile_fields_are_chrome_but_a_sentence_about_posts_is_not_issue_12() {
        assert!(is_comment_chrome("Berichten: 212"));
        assert!(is_comment_chrome("Lid geworden op: vr 14 jan 2011, 09:02"));
        assert!(is_comment_chrome("Posts: 4871"));
        assert!(!is_comment_chrome("Posts: none yet"));
        assert!(!is_comment_chrome(
            "Posts: the city wants 12 more of them on the square"
        ));
    }

    #[test]
    fn recognizes_headers_and_authors() {
        assert!(is_comment_header("12 Responses to “Border guards”"));
        assert!(is_comment_header("Comments"));
        assert!(!is_comment_header("12 guards fled"));
        assert_eq!(author_of("Alice says:"), Some(("Alice", 11)));
        assert_eq!(
            author_of("Kim Min-ji on March 3, 2010 at 4:12 pm said: Great"),
            Some(("Kim Min-ji", 45))
        );
        assert_eq!(author_of("the minister says the plan works"), None);
    }

    /// Issue #12: headers with counts in words or after the word, in four languages.
    #[test]
    fn recognizes_headers_with_counts_anywhere() {
        for header in [
            "Thirteen comments",
            "Comments (4)",
            "댓글 12",
            "コメント 24件",
            "网友评论 3条",
            "Join the conversation",
            "3 Replies",
            "Commentaires (12)",
            "Комментарии 17",
            "12 commenti",
            "Komentar",
        ] {
            assert!(is_comment_header(header), "{header}");
        }
        assert!(!is_comment_header("Three guards fled"));
        assert!(!is_comment_header("Read 142 comments"));
        assert!(!is_comment_header(
            "Commentaires sur la réforme des retraites"
        ));
    }

    /// #12: the page's links after the last comment's `Reply` button (`See all responses`,
    /// `Help`, `Terms`) are the page's, not a comment's lines.
    #[test]
    fn links_after_the_last_reply_button_are_the_pages() {
        let text = "The river rose a metre overnight and the council closed the lower road until further notice.\n\nResponses (2)\nAnna Berg\nJan 15\nWe saw the water from the bridge this morning.\nReply\nTom Hale\nJan 16\nThe lower road floods every spring.\nReply\nSee all responses\nHelp\nPrivacy\nTerms\n";
        let (document, _) = crate::parse::text::structure_text(text, &Default::default());
        let report = document.line_report();
        let kind = |t: &str| report.iter().find(|l| l.text == t).map(|l| l.blocks[0].0);
        assert_eq!(
            kind("The lower road floods every spring."),
            Some(BlockKind::Comment)
        );
        for link in ["See all responses", "Help", "Privacy", "Terms"] {
            assert_eq!(kind(link), Some(BlockKind::Dropped), "{link}");
        }
    }

    /// #12: a text board's numbered post headers, in a thread copied whole (1, 2, 3…: the
    /// first post is the text, the replies comments) and in a summary blog's selection (1, 4,
    /// 9: every post's text is the page's), the headers dropped either way.
    #[test]
    fn a_text_boards_thread_is_topic_and_replies_and_a_selection_is_text() {
        assert_eq!(
            post_header("12 ：名無しの住人：2024/05/01(水) 09:14:05 ID:x8Fq"),
            Some(12)
        );
        assert_eq!(post_header("3: Anonymous 2024/05/01 09:20"), Some(3));
        assert_eq!(post_header("3: 2024/05/01 09:20"), None);
        assert_eq!(post_header("2024: the year the river froze"), None);
        let kinds = |text: &str| -> Vec<BlockKind> {
            let (document, _) = crate::parse::text::structure_text(text, &Default::default());
            document
                .line_report()
                .into_iter()
                .filter(|l| !l.text.is_empty())
                .map(|l| l.blocks[0].0)
                .collect()
        };
        let thread = "1 ：名無しの住人：2024/05/01(水) 09:14:05 ID:x8Fq\n川沿いの桜並木が伐採されるらしい\n2 ：名無しの住人：2024/05/01(水) 09:15:40 ID:Pk2w\nまじかよ\n3 ：名無しの住人：2024/05/01(水) 09:17:02 ID:x8Fq\n>>2\n市の広報に載ってた\n";
        use BlockKind::{Comment, Dropped, Paragraph};
        assert_eq!(
            kinds(thread),
            [
                Dropped, Paragraph, Comment, Comment, Comment, Comment, Comment
            ]
        );
        let selection = thread
            .replace("2 ：", "4 ：")
            .replace("3 ：", "9 ：")
            .replace(">>2", ">>4");
        assert_eq!(
            kinds(&selection),
            [
                Dropped, Paragraph, Dropped, Paragraph, Dropped, Paragraph, Paragraph
            ]
        );
    }

    /// #12: a comment list's vote buttons with their counts in parentheses, its sort tabs
    /// and its hidden replies' counts are the widget's, in four languages; a comment that
    /// mentions a number in parentheses is not.
    #[test]
    fn vote_counts_sort_tabs_and_reply_counts_are_widgets() {
        for widget in [
            "赞(21)",
            "支持（125）",
            "反对(9)",
            "Yes (41)",
            "No (2)",
            "추천(3)",
        ] {
            assert!(is_reaction_count(widget), "{widget}");
        }
        assert!(!is_reaction_count("I paid 3,200 (won)"));
        assert!(!is_reaction_count("We waited two hours (120)."));
        assert!(!is_reaction_count("Agreed, see page 4 of the report (2)"));
        for widget in [
            "查看 36 条回复",
            "共12条回复 >",
            "展开 3 条回复",
            "他3件の返信",
            "最热",
            "View all comments",
        ] {
            assert!(is_comment_chrome(widget), "{widget}");
        }
        assert!(!is_comment_chrome("最新的消息是周五停电"));
        assert!(!is_comment_chrome("回复晚了，抱歉，三条回复都看到了"));
    }

    #[test]
    fn tells_comment_widgets_and_author_lines() {
        assert!(is_comment_chrome("Reply · 12 likes"));
        assert!(is_comment_chrome("9 more replies"));
        assert!(is_comment_chrome("답글 2 공감 15 비공감 1"));
        assert!(is_comment_chrome(
            "Continue the discussion at forum.example.org"
        ));
        assert!(!is_comment_chrome(
            "Replying to everyone is hard, but I try."
        ));
        assert!(is_comment_chrome("612 views"));
        assert!(is_comment_chrome("비공감 3"));
        assert!(is_comment_chrome("Login"));
        assert!(!is_comment_chrome("3 cheers for the volunteers"));
        assert!(is_name_and_time("greenrider · 2 hours ago"));
        assert!(is_name_and_time("ㅇㅇ 2025.01.08 08:12"));
        assert!(is_name_and_time("匿名さん 1時間前"));
        assert!(is_name_and_time("2楼 小林 2024-04-10 10:02"));
        assert!(!is_name_and_time("The council voted 7 to 2 on Thursday."));
        assert_eq!(name_before_time("2楼 小林 2024-04-10 10:02"), Some("小林"));
        assert_eq!(
            name_before_time("Maria Chen · 3 days ago"),
            Some("Maria Chen")
        );
        assert!(is_author_name("kwon_j"));
        assert!(is_author_name("햇살가득"));
        assert!(is_author_name("Maria Chen"));
        assert!(!is_author_name("Great piece"));
    }

    /// Issue #12: a field's row and a count are not a name over a time.
    #[test]
    fn a_label_row_or_a_count_is_not_a_name_and_time() {
        assert!(!is_name_and_time("出发时间 / 2024-05-03"));
        assert!(!is_name_and_time("许可证:00000000000"));
        assert!(!is_name_and_time("收藏 312"));
        assert!(is_name_and_time("小林 2024-04-10 10:02"));
        assert!(is_name_and_time("Kim · 2h"));
    }
}
