//! An article's body as blocks, and its two renderings: the raw seed text that shelf's
//! structurer must take apart again, and the Markdown of the equivalent Hugo page.
//!
//! Takes blocks; returns strings. The seed rendering writes each feature the way the rules in
//! `src/parse/text/` recognise it (the comments name the rule); the Markdown rendering keeps
//! what shelf shows (paragraphs, headings, captions, lists, quotes, comments) and leaves out
//! what it drops (boilerplate, pagination, image file names, repeated captions).

use std::collections::BTreeSet;

/// One piece of an article's body.
#[derive(Debug, Clone)]
pub enum Block {
    /// The headline repeated at the top of the text (`title-like`).
    Title(String),
    /// A headline ending with its author, family name in capitals (`trailing-byline`).
    TitleWithByline { title: String, author: String },
    /// `By A and B` (`byline`).
    Byline(String),
    /// A photo caption with its credit (`credit-pattern`, `caption-toggle`).
    Caption(Caption),
    /// `◆ Text` (`section-marker`), or a short standalone line (`title-like`) without a marker.
    Heading { marker: Option<char>, text: String },
    /// `* * *`, `***` or a lone marker (`section-marker`).
    Break(&'static str),
    /// Body text, possibly opened by a dateline or an image file name and closed by a
    /// pagination marker.
    Paragraph(Paragraph),
    /// Two or more `- item` lines (`list-marker`).
    List { ordered: bool, items: Vec<String> },
    /// `> text` (`quote-marker`).
    Quote(String),
    /// An indented `“…”` line (`indented-quotation`).
    IndentedQuote(String),
    /// Lines that differ only in `Part N` (`series-listing`).
    Series(Vec<String>),
    /// Share buttons, form prompts, navigation labels (`boilerplate-phrase`, `pagination`).
    Boilerplate(Vec<&'static str>),
    /// Reader comments after the article (`comment-tail`, `comment-header`).
    Comments(Comments),
}

/// A caption and the style of its credit.
#[derive(Debug, Clone)]
pub struct Caption {
    /// The caption's sentence, ending with a full stop.
    pub text: String,
    /// How the credit is written.
    pub credit: Credit,
    /// Whether the scraper repeated the caption on the next line (`duplicate-caption`).
    pub is_repeated: bool,
}

/// The credit styles of `CREDIT_LABELS`, `AGENCIES` and `CAPTION_TOGGLES`.
#[derive(Debug, Clone)]
pub enum Credit {
    /// `… (ASIAPRESS)`.
    Agency(&'static str),
    /// `… Photo: Name`.
    Label(String),
    /// `… (AP Photo/Name)`.
    ApPhoto(String),
    /// `… Photographed from … in June 2019.`
    Photographed(String),
    /// NPR's widget: the text, `hide caption`, `toggle caption`, `Name/Agency`, the text again.
    Toggle { name: String, agency: &'static str },
}

/// A paragraph and what the scraper glued to it.
#[derive(Debug, Clone, Default)]
pub struct Paragraph {
    /// The text: whole sentences.
    pub text: String,
    /// `SEOUL (Bench Wire)`: written before the text with a dash (`dateline`).
    pub dateline: Option<String>,
    /// `border-view.JPG` glued to the start (`glued-filename`).
    pub glued_image: Option<String>,
    /// `( To 3 >> )` after the text (`pagination`).
    pub next_page: Option<usize>,
}

/// A comment section.
#[derive(Debug, Clone)]
pub struct Comments {
    /// `12 Comments`, `3 Responses to “…”`; `None` when the tail starts after blank lines.
    pub header: Option<String>,
    /// How the comments are laid out.
    pub style: CommentStyle,
    /// The comments in order; a reply follows its parent.
    pub comments: Vec<Comment>,
}

/// Comment layouts seen in the real seeds and fixtures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentStyle {
    /// `  1. text` with `    - reply` (seeds/002).
    Numbered,
    /// `    • text` with no parent captured (seeds/000).
    Bulleted,
    /// `  1. Name on DATE said:`, text, `Reply` (the WordPress fixture).
    WordPress,
}

/// One reader comment.
#[derive(Debug, Clone)]
pub struct Comment {
    /// `Name says:` when the layout names authors.
    pub author: Option<String>,
    /// `on March 3, 2021 at 4:12 pm`, written between the author and `said:`.
    pub date: Option<String>,
    /// 0 for a top-level comment, 1 for a reply.
    pub depth: usize,
    /// The comment's lines of text.
    pub lines: Vec<String>,
}

/// How the seed's bytes are encoded.
#[derive(Debug, Clone, Copy, Default)]
pub struct Encoding {
    /// CRLF line endings (`normalize` turns them into LF).
    pub is_crlf: bool,
    /// A byte order mark first (`normalize` strips it).
    pub has_bom: bool,
}

/// The raw seed text of `blocks`.
pub fn to_seed(blocks: &[Block], encoding: Encoding) -> String {
    let mut out = String::new();
    if encoding.has_bom {
        out.push('\u{feff}');
    }
    for (index, block) in blocks.iter().enumerate() {
        if index > 0 {
            // The tail rule needs two blank lines before an unheaded comment section.
            out.push_str(match block {
                Block::Comments(c) if c.header.is_none() => "\n\n\n\n",
                _ => "\n\n",
            });
        }
        write_seed_block(&mut out, block);
    }
    out.push('\n');
    if encoding.is_crlf {
        out = out.replace('\n', "\r\n");
    }
    out
}

fn write_seed_block(out: &mut String, block: &Block) {
    match block {
        Block::Title(title) => out.push_str(title),
        Block::TitleWithByline { title, author } => {
            out.push_str(&format!("{title} {author}"));
        }
        Block::Byline(names) => out.push_str(&format!("By {names}")),
        Block::Caption(caption) => write_seed_caption(out, caption),
        Block::Heading { marker, text } => match marker {
            Some(marker) => out.push_str(&format!("{marker} {text}")),
            None => out.push_str(text),
        },
        Block::Break(text) => out.push_str(text),
        Block::Paragraph(paragraph) => {
            if let Some(name) = &paragraph.glued_image {
                out.push_str(name);
            }
            if let Some(dateline) = &paragraph.dateline {
                out.push_str(&format!("{dateline} – "));
            }
            out.push_str(&paragraph.text);
            if let Some(page) = paragraph.next_page {
                out.push_str(&format!(" ( To {page} >> )"));
            }
        }
        Block::List { ordered, items } => {
            let lines: Vec<String> = items
                .iter()
                .enumerate()
                .map(|(i, item)| match ordered {
                    true => format!("{}. {item}", i + 1),
                    false => format!("- {item}"),
                })
                .collect();
            out.push_str(&lines.join("\n"));
        }
        Block::Quote(text) => out.push_str(&format!("> {text}")),
        Block::IndentedQuote(text) => out.push_str(&format!("    “{text}”")),
        Block::Series(lines) => out.push_str(&lines.join("\n\n")),
        Block::Boilerplate(lines) => out.push_str(&lines.join("\n")),
        Block::Comments(comments) => write_seed_comments(out, comments),
    }
}

fn write_seed_caption(out: &mut String, caption: &Caption) {
    let text = &caption.text;
    let line = match &caption.credit {
        Credit::Agency(agency) => format!("{text} ({agency})"),
        Credit::Label(name) => format!("{text}\u{a0}Photo: {name}"),
        Credit::ApPhoto(name) => format!("{text} (AP Photo/{name})"),
        Credit::Photographed(when) => format!("{text} Photographed {when}."),
        Credit::Toggle { name, agency } => {
            out.push_str(&format!(
                "{text}\nhide caption\ntoggle caption\n{name}/{agency}\n{text}"
            ));
            return;
        }
    };
    out.push_str(&line);
    if caption.is_repeated {
        out.push('\n');
        out.push_str(&line);
    }
}

fn write_seed_comments(out: &mut String, comments: &Comments) {
    if let Some(header) = &comments.header {
        out.push_str(header);
        out.push_str("\n\n");
    }
    let mut number = 0;
    let mut lines: Vec<String> = Vec::new();
    for comment in &comments.comments {
        match comments.style {
            CommentStyle::Numbered => {
                let (indent, marker) = match comment.depth {
                    0 => {
                        number += 1;
                        ("  ".to_string(), format!("{number}. "))
                    }
                    depth => (" ".repeat(2 + 4 * depth), "- ".to_string()),
                };
                if !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.push(format!("{indent}{marker}{}", comment.lines[0]));
                for more in &comment.lines[1..] {
                    lines.push(String::new());
                    lines.push(format!("{indent}  {more}"));
                }
            }
            CommentStyle::Bulleted => {
                let indent = " ".repeat(4 + 2 * comment.depth);
                if !lines.is_empty() {
                    lines.push(String::new());
                }
                lines.push(format!("{indent}• {}", comment.lines[0]));
                for more in &comment.lines[1..] {
                    lines.push(String::new());
                    lines.push(format!("{indent}  {more}"));
                }
            }
            CommentStyle::WordPress => {
                let indent = " ".repeat(2 + 5 * comment.depth);
                let marker = match comment.depth {
                    0 => {
                        number += 1;
                        format!("{number}. ")
                    }
                    _ => "• ".to_string(),
                };
                let author = comment.author.as_deref().unwrap_or("Anonymous");
                let said = match &comment.date {
                    Some(date) => format!("{author} on {date} said:"),
                    None => format!("{author} says:"),
                };
                lines.push(format!("{indent}{marker}{said}"));
                for line in &comment.lines {
                    lines.push(format!("{indent}   {line}"));
                }
                lines.push(format!("{indent}   Reply"));
            }
        }
    }
    out.push_str(&lines.join("\n"));
}

/// The structurer rules that `blocks` should fire under default rules (no overrides): the
/// names in `src/parse/text/structure.rs`, as `shelf inspect` prints them.
pub fn expected_rules(blocks: &[Block]) -> BTreeSet<&'static str> {
    let mut rules = BTreeSet::new();
    for block in blocks {
        match block {
            Block::Title(_) => rules.insert("title-like"),
            Block::TitleWithByline { .. } => {
                rules.insert("title-like");
                rules.insert("trailing-byline")
            }
            Block::Byline(_) => rules.insert("byline"),
            Block::Caption(caption) => {
                rules.insert("credit-pattern");
                if let Credit::Toggle { .. } = caption.credit {
                    rules.insert("caption-toggle");
                }
                if caption.is_repeated || matches!(caption.credit, Credit::Toggle { .. }) {
                    rules.insert("duplicate-caption");
                }
                true
            }
            Block::Heading {
                marker: Some(_), ..
            }
            | Block::Break(_) => rules.insert("section-marker"),
            Block::Heading { marker: None, .. } => rules.insert("title-like"),
            Block::Paragraph(paragraph) => {
                if paragraph.dateline.is_some() {
                    rules.insert("dateline");
                }
                if paragraph.glued_image.is_some() {
                    rules.insert("glued-filename");
                }
                if paragraph.next_page.is_some() {
                    rules.insert("pagination");
                }
                rules.insert("paragraph")
            }
            Block::List { .. } => rules.insert("list-marker"),
            Block::Quote(_) => rules.insert("quote-marker"),
            Block::IndentedQuote(_) => rules.insert("indented-quotation"),
            Block::Series(_) => rules.insert("series-listing"),
            Block::Boilerplate(_) => rules.insert("boilerplate-phrase"),
            Block::Comments(comments) => {
                if comments.header.is_some() {
                    rules.insert("comment-header");
                }
                if comments.style == CommentStyle::WordPress {
                    rules.insert("boilerplate-phrase");
                }
                rules.insert("comment-tail")
            }
        };
    }
    rules
}

/// The Markdown of `blocks` for a Hugo page: what shelf shows, with Markdown's special
/// characters escaped, since seed text is never markup.
pub fn to_markdown(blocks: &[Block]) -> String {
    let mut parts: Vec<String> = Vec::new();
    for block in blocks {
        match block {
            Block::Title(title) => parts.push(format!("## {}", escape(title))),
            Block::TitleWithByline { title, author } => {
                parts.push(format!("## {}", escape(title)));
                parts.push(format!("*{}*", escape(author)));
            }
            Block::Byline(names) => parts.push(format!("*By {}*", escape(names))),
            Block::Caption(caption) => parts.push(format!("*{}*", escape(&caption_text(caption)))),
            Block::Heading { text, .. } => parts.push(format!("## {}", escape(text))),
            Block::Break(_) => parts.push("***".to_string()),
            Block::Paragraph(paragraph) => {
                let text = match &paragraph.dateline {
                    Some(dateline) => format!("{dateline} – {}", paragraph.text),
                    None => paragraph.text.clone(),
                };
                parts.push(escape(&text));
            }
            Block::List { ordered, items } => {
                let lines: Vec<String> = items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| match ordered {
                        true => format!("{}. {}", i + 1, escape(item)),
                        false => format!("- {}", escape(item)),
                    })
                    .collect();
                parts.push(lines.join("\n"));
            }
            Block::Quote(text) => parts.push(format!("> {}", escape(text))),
            Block::IndentedQuote(text) => parts.push(format!("> “{}”", escape(text))),
            Block::Series(lines) => parts.extend(lines.iter().map(|l| escape(l))),
            Block::Boilerplate(_) => {}
            Block::Comments(comments) => {
                parts.push("## Reader comments".to_string());
                for comment in &comments.comments {
                    let prefix = "> ".repeat(comment.depth + 1);
                    let mut lines = Vec::new();
                    if let Some(author) = &comment.author {
                        lines.push(format!("{prefix}**{}**", escape(author)));
                        lines.push(prefix.trim_end().to_string());
                    }
                    for (i, line) in comment.lines.iter().enumerate() {
                        if i > 0 {
                            lines.push(prefix.trim_end().to_string());
                        }
                        lines.push(format!("{prefix}{}", escape(line)));
                    }
                    parts.push(lines.join("\n"));
                }
            }
        }
    }
    parts.join("\n\n") + "\n"
}

/// A caption as one line of text, credit included.
fn caption_text(caption: &Caption) -> String {
    let text = &caption.text;
    match &caption.credit {
        Credit::Agency(agency) => format!("{text} ({agency})"),
        Credit::Label(name) => format!("{text} Photo: {name}"),
        Credit::ApPhoto(name) => format!("{text} (AP Photo/{name})"),
        Credit::Photographed(when) => format!("{text} Photographed {when}."),
        Credit::Toggle { name, agency } => format!("{text} {name}/{agency}"),
    }
}

/// Escapes the characters that would make Markdown of plain text: emphasis, links, HTML,
/// code, tables, and a leading `#`, `-`, `+` or `1.` that would start a block.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '['
                | ']'
                | '<'
                | '>'
                | '|'
                | '#'
                | '!'
                | '~'
                | '{'
                | '}'
                | '&'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    if out.starts_with(['-', '+', '=']) {
        out.insert(0, '\\');
    }
    let digits = out.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 && out[digits..].starts_with(['.', ')']) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown_but_not_prose() {
        assert_eq!(escape("a *b* [c](d) <e>"), "a \\*b\\* \\[c\\](d) \\<e\\>");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("In 2009, 2,914 arrived."), "In 2009, 2,914 arrived.");
    }

    #[test]
    fn writes_unheaded_comments_after_two_blank_lines() {
        let comments = Block::Comments(Comments {
            header: None,
            style: CommentStyle::Numbered,
            comments: vec![Comment {
                author: None,
                date: None,
                depth: 0,
                lines: vec!["First.".into()],
            }],
        });
        let paragraph = Block::Paragraph(Paragraph {
            text: "Body.".into(),
            ..Paragraph::default()
        });
        let seed = to_seed(&[paragraph, comments], Encoding::default());
        assert_eq!(seed, "Body.\n\n\n\n  1. First.\n");
    }
}
