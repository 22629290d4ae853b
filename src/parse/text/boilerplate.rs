//! The phrase tables: every fixed string the structurer recognizes, as data in one place.
//!
//! Takes nothing and decides nothing: the rules in [`super::rules`] and [`super::comments`]
//! read these tables. To teach the structurer a new share button, credit style or agency,
//! add a row here; no rule changes. Matching is case-insensitive on a line whose whitespace
//! runs are collapsed and whose ends are trimmed (see [`matches_phrase`]).

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// How a table row is compared with a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Match {
    /// The whole line, ignoring case and trailing `.`, `!`, `:` or `…`.
    Exact,
    /// The line starts with the phrase (and is short: see [`MAX_BOILERPLATE_CHARS`]).
    Prefix,
}

/// Lines longer than this are never boilerplate: a real paragraph may start with "Subscribe".
pub(crate) const MAX_BOILERPLATE_CHARS: usize = 160;

/// Form prompts, share buttons, subscription and cookie notices, navigation labels: lines that
/// the scraper picked up from the page around the article. A matching line becomes a dropped
/// block with the rule `boilerplate-phrase`.
pub(crate) static BOILERPLATE_PHRASES: PhraseTable = PhraseTable::new(BOILERPLATE_ROWS);

/// The rows of [`BOILERPLATE_PHRASES`].
const BOILERPLATE_ROWS: &[(&str, Match)] = &[
    // Comment forms.
    ("please enter your comment", Match::Exact),
    ("please enter your name here", Match::Exact),
    ("you have entered an incorrect email address", Match::Prefix),
    ("leave a reply", Match::Prefix),
    ("leave a comment", Match::Exact),
    ("add a comment", Match::Exact),
    ("cancel reply", Match::Exact),
    ("post comment", Match::Exact),
    ("reply", Match::Exact),
    ("log in to reply", Match::Exact),
    ("your email address will not be published", Match::Prefix),
    ("required fields are marked", Match::Prefix),
    ("save my name, email, and website", Match::Prefix),
    ("notify me of follow-up comments", Match::Prefix),
    ("notify me of new posts", Match::Prefix),
    ("this site uses akismet", Match::Prefix),
    ("what are your thoughts?", Match::Exact),
    ("write a comment", Match::Exact),
    ("write a reply", Match::Exact),
    ("コメントする", Match::Exact),
    ("コメントを投稿", Match::Exact),
    ("写评论", Match::Prefix),
    ("说点什么", Match::Prefix),
    ("發表留言", Match::Exact),
    ("发表评论", Match::Exact),
    ("댓글 쓰기", Match::Exact),
    ("댓글쓰기", Match::Exact),
    // The same forms in German, Dutch, French, Spanish, Italian and Turkish (WordPress's
    // `Schreibe einen Kommentar`, `Laisser un commentaire`; a news site's `Yorum yaz`).
    ("schreibe einen kommentar", Match::Exact),
    ("hinterlasse einen kommentar", Match::Prefix),
    ("kommentar schreiben", Match::Exact),
    ("kommentar verfassen", Match::Exact),
    ("plaats een reactie", Match::Prefix),
    ("geef een reactie", Match::Prefix),
    ("reactie plaatsen", Match::Exact),
    ("laisser un commentaire", Match::Prefix),
    ("laisser une réponse", Match::Prefix),
    ("deja un comentario", Match::Prefix),
    ("deja una respuesta", Match::Prefix),
    ("lascia un commento", Match::Prefix),
    ("yorum yaz", Match::Exact),
    ("yorum yap", Match::Exact),
    ("yorumunuzu yazın", Match::Prefix),
    // A forum topic's buttons (phpBB and its kin) in English, Dutch and German.
    ("search this topic", Match::Prefix),
    ("zoek in dit onderwerp", Match::Prefix),
    ("dieses thema durchsuchen", Match::Prefix),
    ("new topic", Match::Exact),
    ("nieuw onderwerp", Match::Exact),
    ("neues thema", Match::Exact),
    ("post reply", Match::Exact),
    // Share buttons.
    ("share this", Match::Exact),
    ("share this:", Match::Prefix),
    ("share this article", Match::Exact),
    ("share on facebook", Match::Exact),
    ("share on twitter", Match::Exact),
    ("click to share", Match::Prefix),
    ("click to email", Match::Prefix),
    ("click to print", Match::Prefix),
    ("tweet", Match::Exact),
    ("like this:", Match::Prefix),
    ("like loading", Match::Prefix),
    ("be the first to like this", Match::Exact),
    // The share row's buttons named by their network alone (`Facebook`, `WhatsApp`): a line
    // that is nothing but a platform's name is a button, never the article's text.
    ("facebook", Match::Exact),
    ("whatsapp", Match::Exact),
    ("pinterest", Match::Exact),
    ("linkedin", Match::Exact),
    ("telegram", Match::Exact),
    ("reddit", Match::Exact),
    ("twitter", Match::Exact),
    ("threads", Match::Exact),
    ("bluesky", Match::Exact),
    ("flipboard", Match::Exact),
    ("tumblr", Match::Exact),
    ("copy link", Match::Exact),
    // Share rows and `Like` widgets in German, Dutch, French, Spanish, Italian, Turkish.
    ("teilen mit", Match::Prefix),
    ("teilen", Match::Exact),
    ("artikel teilen", Match::Exact),
    ("delen", Match::Exact),
    ("deel dit", Match::Prefix),
    ("partager", Match::Exact),
    ("partager :", Match::Prefix),
    ("partager sur", Match::Prefix),
    ("compartir", Match::Exact),
    ("condividi", Match::Exact),
    ("paylaş", Match::Exact),
    ("haberi paylaş", Match::Exact),
    ("gefällt mir wird geladen", Match::Prefix),
    ("j'aime chargement", Match::Prefix),
    ("me gusta cargando", Match::Prefix),
    // Subscriptions and newsletters.
    ("subscribe", Match::Exact),
    ("subscribe to", Match::Prefix),
    ("sign up for our newsletter", Match::Prefix),
    ("follow us on", Match::Prefix),
    ("abonnieren", Match::Exact),
    ("abonneren", Match::Exact),
    ("s'abonner", Match::Exact),
    ("abone ol", Match::Exact),
    ("google news'te takip et", Match::Exact),
    ("auf google news folgen", Match::Exact),
    ("volg ons op", Match::Prefix),
    ("folge uns auf", Match::Prefix),
    ("suivez-nous sur", Match::Prefix),
    ("bizi takip edin", Match::Prefix),
    // Related and recommended links.
    ("recommendations", Match::Exact),
    ("related posts", Match::Prefix),
    ("related articles", Match::Exact),
    ("related stories", Match::Exact),
    ("you may also like", Match::Exact),
    ("read more", Match::Exact),
    ("advertisement", Match::Exact),
    ("sponsored content", Match::Exact),
    // The same link boxes in German, Dutch, French, Spanish, Italian and Turkish.
    ("ähnliche beiträge", Match::Exact),
    ("ähnliche artikel", Match::Exact),
    ("verwandte artikel", Match::Exact),
    ("das könnte dich auch interessieren", Match::Exact),
    ("das könnte sie auch interessieren", Match::Exact),
    ("weiterlesen", Match::Exact),
    ("gerelateerde berichten", Match::Exact),
    ("gerelateerde artikelen", Match::Exact),
    ("lees meer", Match::Exact),
    ("lees verder", Match::Exact),
    ("articles similaires", Match::Exact),
    ("articles liés", Match::Exact),
    ("à lire aussi", Match::Exact),
    ("lire la suite", Match::Exact),
    ("artículos relacionados", Match::Exact),
    ("articoli correlati", Match::Exact),
    ("ilgili haberler", Match::Exact),
    // `İlgili Haberler`: the dotted capital lowercases to `i` and a combining dot.
    ("i\u{307}lgili haberler", Match::Exact),
    ("benzer haberler", Match::Exact),
    ("çok okunanlar", Match::Exact),
    ("devamını oku", Match::Exact),
    ("son dakika", Match::Exact),
    ("reklam", Match::Exact),
    ("anzeige", Match::Exact),
    ("werbung", Match::Exact),
    ("advertentie", Match::Exact),
    ("publicité", Match::Exact),
    // Cookie notices.
    ("we use cookies", Match::Prefix),
    ("this website uses cookies", Match::Prefix),
    ("this site uses cookies", Match::Prefix),
    ("accept cookies", Match::Exact),
    ("accept all cookies", Match::Exact),
    ("cookie settings", Match::Exact),
    ("cookie policy", Match::Exact),
    // Korean and Japanese share and comment prompts.
    ("공유하기", Match::Exact),
    ("댓글을 입력하세요", Match::Prefix),
    ("シェアする", Match::Exact),
    ("コメントを書く", Match::Exact),
];

/// Standalone lines that open a comment section; the comment tail starts after them.
pub(crate) const COMMENT_HEADERS: &[(&str, Match)] = &[
    ("comments", Match::Exact),
    ("reader comments", Match::Exact),
    ("responses", Match::Exact),
    ("discussion", Match::Exact),
    ("join the conversation", Match::Exact),
    ("join the discussion", Match::Exact),
    ("conversation", Match::Exact),
    ("guest book", Match::Exact),
    ("discussion about this", Match::Prefix),
    ("guestbook", Match::Exact),
    ("condolences", Match::Exact),
    ("answers", Match::Exact),
    // The same header in the other languages of the blind sets (fr, it, pt, es, de, id, pl,
    // ru, vi): a word alone or with its count (`Commentaires (12)`, `Комментарии 17`).
    ("commentaires", Match::Exact),
    ("commenti", Match::Exact),
    ("comentários", Match::Exact),
    ("comentarios", Match::Exact),
    ("kommentare", Match::Exact),
    ("reacties", Match::Exact),
    ("yorumlar", Match::Exact),
    ("kommentarer", Match::Exact),
    ("komentar", Match::Exact),
    ("komentarze", Match::Exact),
    ("комментарии", Match::Exact),
    ("bình luận", Match::Exact),
    ("回答", Match::Exact),
    ("跟贴", Match::Exact),
    ("热门跟贴", Match::Exact),
    ("コメント一覧", Match::Exact),
    ("网友评论", Match::Exact),
    ("评论", Match::Exact),
    ("读者评论", Match::Exact),
    ("留言", Match::Exact),
    ("回复", Match::Exact),
    ("全部回复", Match::Exact),
    ("댓글", Match::Exact),
    ("コメント", Match::Exact),
    ("留言列表", Match::Exact),
    ("回应", Match::Exact),
    ("답변", Match::Exact),
    ("その他の回答", Match::Exact),
    ("ベストアンサー", Match::Exact),
];

/// Words after a count that make a comment header: `12 Comments`, `3 Responses to “…”`,
/// `5 thoughts on “…”`.
pub(crate) const COMMENT_COUNT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "response",
    "responses",
    "reply",
    "replies",
    "thought",
    "thoughts",
    "answer",
    "answers",
    "commentaires",
    "commenti",
    "comentários",
    "comentarios",
    "kommentare",
    "komentar",
    "komentarze",
    "комментария",
    "комментариев",
    // WordPress in German (`6 Gedanken zu „…“`), French (`3 réflexions sur « … »`), Dutch
    // and Turkish (`4 reacties op …`, `12 yorum`).
    "gedanken",
    "antworten",
    "kommentar",
    "réflexions",
    "réflexion",
    "réponses",
    "commentaire",
    "respuestas",
    "risposte",
    "reacties",
    "reactie",
    "reactions",
    "yorum",
    "kommentarer",
];

/// Labels that start a photo credit, at the start of a line or of a sentence inside it
/// (`… change. Photo: LiNK`). A line holding one is a caption (`credit-pattern`).
pub(crate) const CREDIT_LABELS: &[&str] = &[
    "photo:",
    "photos:",
    "photo by ",
    "photo taken ",
    "photo courtesy",
    "photograph:",
    "photographs:",
    "photographed ",
    "image:",
    "image by ",
    "image source",
    "image caption",
    "picture:",
    "credit:",
    "credits:",
    "file photo",
    "illustration:",
    "illustration by ",
    "photographs by ",
    "photograph by ",
    "photography by ",
    "写真は",
    "写真：",
    "图为",
    "사진=",
    // The same labels in German, Dutch, Turkish, French and Spanish (`Foto: Jana Roth`).
    "foto:",
    "fotos:",
    "foto's:",
    "bild:",
    "fotoğraf:",
    "crédit photo",
    "photo :",
];

/// Endings that make a line a caption in CJK pages: a photographer's `摄`, a stock photo's
/// `资料图`, `[연합뉴스 자료사진]`, `＝共同`.
pub(crate) const CJK_CREDIT_ENDINGS: &[&str] = &[
    "摄",
    "摄）",
    "资料图",
    "资料图片",
    "자료사진]",
    "제공]",
    "자료사진",
    "＝共同",
    "＝ロイター",
    "＝AP",
    "撮影）",
    "提供）",
    "/뉴스1",
    // Traditional characters (Hong Kong, Taiwan): `（何志強攝）`, `（資料圖片）`.
    "攝",
    "攝）",
    "資料圖片",
    "資料圖片）",
    "資料照片",
    "資料照）",
    "（本社ヘリから）",
];

/// Phrases that make a CJK line a caption wherever they appear.
pub(crate) const CJK_CREDIT_ANYWHERE: &[&str] = &[
    "图片来源",
    "圖片來源",
    "撮影・",
    "（撮影",
    "ロイター/",
    "共同/",
    "資料圖片／",
    "攝　",
];

/// Phrases that make a line a caption wherever they appear.
pub(crate) const CREDIT_ANYWHERE: &[&str] = &["getty images", "ap photo/", "afp photo", "/afp"];

/// Lines that photo widgets insert next to a caption (NPR's `hide caption`): dropped with the
/// rule `caption-toggle`, and the line before them is a caption.
pub(crate) const CAPTION_TOGGLES: &[&str] = &["hide caption", "toggle caption", "show caption"];

/// News and photo agencies: `(Reuters)` at the end of a line, or `Kim Hong-Ji/Reuters` as a
/// whole short line, is a photo credit. Compared case-insensitively.
pub(crate) const AGENCIES: &[&str] = &[
    "asiapress",
    "reuters",
    "ap",
    "afp",
    "associated press",
    "getty images",
    "epa",
    "epa-efe",
    "yonhap",
    "xinhua",
    "kcna",
    "kyodo",
    "kyodo news",
    "jiji press",
    "dpa",
    "upi",
    "bloomberg",
    "shutterstock",
    "alamy",
    "nk news",
    "daily nk",
    "wikimedia commons",
    "연합뉴스",
    "뉴스1",
    "뉴시스",
    "共同通信",
    "共同",
    "ロイター",
    "时事",
    "新华社",
    "中新社",
    "视觉中国",
];

/// Phrases that mark a line as page chrome wherever they stand in it: copyright and reuse
/// notices, paywall prompts, post metadata, newsletter and profile lines, in the languages of
/// the corpus. A hint, not a decision: the scorer weighs it with the line's length and
/// punctuation (see `score.rs`). ASCII phrases match whole words, ignoring case.
pub(crate) const STRONG_CHROME_PHRASES: &[&str] = &[
    "all rights reserved",
    "copyright",
    "©",
    "ⓒ",
    "(c) ",
    "may not be published, broadcast",
    "trust principles",
    "our standards:",
    "this article is for subscribers",
    "for subscribers only",
    "already a subscriber",
    "already have an account",
    "subscribe to continue",
    "free articles this month",
    "of 4 free articles",
    "log in to continue",
    "continue reading the main story",
    "skip advertisement",
    "listen to this article",
    "share full article",
    "gift this article",
    "reuse this content",
    "explore more on these topics",
    "this entry was posted in",
    "bookmark the permalink",
    "posted on ",
    "posted in ",
    "posted by ",
    "filed under",
    "tagged with",
    "previous post",
    "next post",
    "min read",
    "minute read",
    "read next",
    "most read",
    "more from this",
    "you might also like",
    "you may also like",
    "suggested topics",
    "related topics",
    "terms of service",
    "privacy policy",
    "contact us",
    "media contact",
    "for immediate release",
    "news release",
    "press release",
    "notes to editors",
    "for more information, contact",
    "we may earn a commission",
    "price at time of publish",
    "prices may vary",
    "shop the list",
    "next gallery",
    "this interview has been edited",
    "this article appears in",
    "is a staff writer",
    "is a contributing writer",
    "is the author of",
    "sign up for",
    "newsletter",
    "read more",
    "learn more",
    "continue reading",
    "story continues below",
    "continues below advertisement",
    "skip to content",
    "skip to main",
    "jump to recipe",
    // Korean.
    "무단 전재",
    "무단전재",
    "재배포 금지",
    "저작권자",
    "기사입력",
    "관련 기사",
    "관련기사",
    "많이 본 뉴스",
    "기자의 다른 기사",
    "이 기사를 추천",
    "구독",
    // Japanese.
    "無断転載",
    "複製を禁じ",
    "関連記事",
    "関連ニュース",
    "この記事をシェア",
    "続きを読む",
    "有料会員",
    "行動規範",
    // Chinese.
    "版权所有",
    "不得转载",
    "责任编辑",
    "【纠错】",
    "分享到",
    "相关新闻",
    "本文来源",
    "转载此文",
    "字号",
    "首页 >",
    // Traditional Chinese (Hong Kong, Taiwan).
    "版權所有",
    "不得轉載",
    "非經授權",
    "未經授權",
    "責任編輯",
    "相關新聞",
    // A video player or a tip line, not the story: `브라우저에서만…`, `▶ 제보하기 : …`.
    "브라우저",
    "제보하기",
    "for updates on this",
    "developing story",
];

/// Words that mark chrome on a short line (share and print buttons, section labels); in a
/// sentence they weigh little.
pub(crate) const CHROME_PHRASES: &[&str] = &[
    "share",
    "tweet",
    "email",
    "print",
    "subscribe",
    "sign in",
    "log in",
    "advertisement",
    "sponsored",
    "related",
    "updated",
    "published",
    "source",
    "contact",
    "ends",
    "top",
    "official website",
    "공유",
    "입력",
    "수정",
    "シェア",
    "更新",
    "来源",
    "发布时间",
    "pin",
    "はてなブックマーク",
    "採用情報",
];

/// English month names and their short forms (compared lowercased).
pub(crate) const MONTH_WORDS: &[&str] = &[
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Words a date or time stamp may hold besides numbers and [`MONTH_WORDS`] (compared
/// lowercased).
pub(crate) const STAMP_WORDS: &[&str] = &[
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "am",
    "pm",
    "a.m",
    "p.m",
    "gmt",
    "utc",
    "kst",
    "jst",
    "et",
    "est",
    "edt",
    "bst",
    "cet",
    "updated",
    "update",
    "published",
    "posted",
    "on",
    "at",
    "date",
    "hours",
    "hour",
    "minutes",
    "min",
    "ago",
    "yesterday",
    "today",
    "last",
    "edited",
    "입력",
    "수정",
    "기사입력",
    "업데이트",
    "更新",
    "公開",
    "配信",
    "发布时间",
    "发布",
    "时间",
    "来源",
    "本报",
    "h",
    "ago.",
    "asked",
    "answered",
    "modified",
    "viewed",
    "joined",
    "year",
    "years",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
];

/// Whether `word` (ASCII case aside) is one of [`MONTH_WORDS`] or [`STAMP_WORDS`].
pub(crate) fn is_stamp_word(word: &str) -> bool {
    MONTH_WORDS
        .iter()
        .chain(STAMP_WORDS)
        .any(|w| w.eq_ignore_ascii_case(word))
}

/// Image file extensions, longest first so `jpeg` wins over `jpg`.
pub(crate) const IMAGE_EXTENSIONS: &[&str] = &[
    "jpeg", "tiff", "webp", "heic", "jpg", "png", "gif", "bmp", "tif", "svg",
];

/// Words a pagination marker may hold besides numbers and arrows: `( To 3 >> )`, `Next page »`.
pub(crate) const PAGINATION_WORDS: &[&str] = &[
    "to",
    "next",
    "prev",
    "previous",
    "back",
    "page",
    "of",
    "go",
    "continued",
    "more",
];

/// A phrase table with its rows indexed by first character, built on first use.
///
/// [`matches_phrase`] runs for every line, several times; scanning the whole table for the
/// rows that share the line's first letter cost more than comparing those rows (perf:
/// `matches_phrase` 8% of the structurer, most of it `memcmp` in that filter).
pub(crate) struct PhraseTable {
    rows: &'static [(&'static str, Match)],
    by_first: OnceLock<FxHashMap<char, Vec<(&'static str, Match)>>>,
}

impl PhraseTable {
    const fn new(rows: &'static [(&'static str, Match)]) -> Self {
        Self {
            rows,
            by_first: OnceLock::new(),
        }
    }

    /// The rows whose phrase starts with `first`, in table order.
    fn starting_with(&self, first: char) -> &[(&'static str, Match)] {
        let index = self.by_first.get_or_init(|| {
            let mut index: FxHashMap<char, Vec<(&'static str, Match)>> = FxHashMap::default();
            for &(phrase, how) in self.rows {
                if let Some(c) = phrase.chars().next() {
                    index.entry(c).or_default().push((phrase, how));
                }
            }
            index
        });
        index.get(&first).map_or(&[], Vec::as_slice)
    }
}

/// Whether `line` (already trimmed) matches a row of `table`, case-insensitively, ignoring
/// whitespace runs and, for [`Match::Exact`], trailing `.`, `!`, `:` and `…`.
pub(crate) fn matches_phrase(line: &str, table: &PhraseTable) -> bool {
    if line.len() > MAX_BOILERPLATE_CHARS {
        return false;
    }
    // Compared as it is lowercased and collapsed, without a copy: only the rows that start
    // with the line's first letter can match, and only they are compared.
    let Some(first) = line.chars().next().and_then(|c| c.to_lowercase().next()) else {
        return false;
    };
    table.starting_with(first).iter().any(|&(phrase, how)| {
        let mut chars = collapsed_lowercase_chars(line);
        let phrase = match how {
            Match::Exact => phrase.trim_end_matches(':'),
            Match::Prefix => phrase,
        };
        if !phrase.chars().all(|p| chars.next() == Some(p)) {
            return false;
        }
        match how {
            Match::Exact => chars.all(|c| matches!(c, '.' | '!' | ':' | '…' | ' ')),
            Match::Prefix => true,
        }
    })
}

/// Words for the browser's cookies (`cookie` serves most European languages; Swedish
/// `kakor`, Finnish `evästeet`, Korean `쿠키`, Japanese `クッキー`).
const COOKIE_WORDS: &[&str] = &["cookie", "kakor", "eväste", "쿠키", "クッキー"];

/// `We use cookies to …`, `Vi använder kakor (cookies) för att webbplatsen ska fungera`: a
/// sentence about the site's cookies (30 characters or more, so not its `Accept` button).
/// Only the page's first lines are tested with it: a recipe's cookies are the article's.
pub(crate) fn is_cookie_notice(line: &str) -> bool {
    if line.len() > 600 || line.chars().count() < 30 {
        return false;
    }
    let lowered = line.to_lowercase();
    COOKIE_WORDS.iter().any(|w| lowered.contains(w))
}

/// The characters of [`collapse_lowercase`]`(line)`, one at a time.
fn collapsed_lowercase_chars(line: &str) -> impl Iterator<Item = char> + '_ {
    line.split_whitespace().enumerate().flat_map(|(i, word)| {
        (i > 0)
            .then_some(' ')
            .into_iter()
            .chain(word.chars().flat_map(char::to_lowercase))
    })
}

/// [`matches_phrase`] for a line already passed through [`collapse_lowercase`].
pub(crate) fn matches_lowered(lowered: &str, table: &[(&str, Match)]) -> bool {
    let exact = lowered.trim_end_matches(['.', '!', ':', '…', ' ']);
    table.iter().any(|&(phrase, how)| match how {
        Match::Exact => exact == phrase.trim_end_matches(':'),
        Match::Prefix => lowered.starts_with(phrase),
    })
}

/// Lowercases and collapses whitespace runs into one space (for short lines only).
pub(crate) fn collapse_lowercase(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    for word in line.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// Whether `name` (trimmed, any case) is a known agency.
pub(crate) fn is_agency(name: &str) -> bool {
    name.len() <= 40 && AGENCIES.contains(&collapse_lowercase(name).as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_form_prompts_exactly_and_share_buttons_by_prefix() {
        assert!(matches_phrase(
            "Please enter your comment!",
            &BOILERPLATE_PHRASES
        ));
        assert!(matches_phrase(
            "Please  enter your name here",
            &BOILERPLATE_PHRASES
        ));
        assert!(matches_phrase(
            "Click to share on X (Opens in new window)",
            &BOILERPLATE_PHRASES
        ));
        assert!(matches_phrase("RECOMMENDATIONS", &BOILERPLATE_PHRASES));
        assert!(!matches_phrase(
            "Subscribers were told the truth.",
            &BOILERPLATE_PHRASES
        ));
    }

    #[test]
    fn never_matches_long_lines() {
        let long = format!("Subscribe to {}", "words ".repeat(40));
        assert!(!matches_phrase(&long, &BOILERPLATE_PHRASES));
    }

    #[test]
    fn knows_agencies_in_any_case() {
        assert!(is_agency("ASIAPRESS"));
        assert!(is_agency(" reuters "));
        assert!(!is_agency("UN"));
    }
}
