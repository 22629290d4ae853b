//! Sanitising editorial Markdown's HTML: the safe subset of HTML an editor may write.
//!
//! Takes the HTML pulldown-cmark made from an editor's Markdown; returns it with every tag,
//! attribute and URL outside the subset removed (by `ammonia`, a maintained sanitiser built
//! on the browsers' HTML parsing rules) and written so that it is also well-formed XHTML
//! (void elements closed with ` />`, no `&nbsp;`), because the same HTML goes into the EPUB.
//! The subset is listed in the README ("Markdown and HTML"); keep the two in step.
//!
//! Markdown with no raw HTML and no link outside `http`, `https`, `mailto` and relative URLs
//! is not sanitised at all: pulldown-cmark escapes every text and attribute it writes, so its
//! output is already inside the subset, and it stays byte for byte what it was.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use pulldown_cmark::{CowStr, Event};

/// Elements an editor may write in Markdown, besides what Markdown itself produces.
pub const ALLOWED_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "caption",
    "cite",
    "code",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "mark",
    "ol",
    "p",
    "pre",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "time",
    "tr",
    "u",
    "ul",
    "var",
];

/// URL schemes a link or image may use; relative URLs (the resolved `@/` links) pass too.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// Elements that have no end tag, written ` />` so the HTML is also XML.
const VOID_TAGS: &[&str] = &["br", "hr", "img", "wbr", "col"];

/// The sanitiser, configured once: building it is a few dozen set insertions.
static SANITISER: LazyLock<ammonia::Builder<'static>> = LazyLock::new(|| {
    let mut builder = ammonia::Builder::empty();
    let tag_attributes: HashMap<&str, HashSet<&str>> = [
        ("a", &["href"][..]),
        ("img", &["src", "alt", "width", "height"]),
        ("td", &["colspan", "rowspan", "style"]),
        ("th", &["colspan", "rowspan", "style"]),
        ("ol", &["start"]),
        ("time", &["datetime"]),
        // Footnote definitions and headings carry anchor ids.
        ("div", &["id"]),
        ("h1", &["id"]),
        ("h2", &["id"]),
        ("h3", &["id"]),
        ("h4", &["id"]),
        ("h5", &["id"]),
        ("h6", &["id"]),
    ]
    .into_iter()
    .map(|(tag, attributes)| (tag, attributes.iter().copied().collect()))
    .collect();
    // The classes pulldown-cmark gives footnotes, which the theme styles.
    let classes: HashMap<&str, HashSet<&str>> = [
        ("div", &["footnote-definition"][..]),
        ("sup", &["footnote-definition-label", "footnote-reference"]),
    ]
    .into_iter()
    .map(|(tag, names)| (tag, names.iter().copied().collect()))
    .collect();
    builder
        .tags(ALLOWED_TAGS.iter().copied().collect())
        .clean_content_tags(["script", "style"].into_iter().collect())
        .generic_attributes(["title", "lang"].into_iter().collect())
        .tag_attributes(tag_attributes)
        .allowed_classes(classes)
        // Table cells are aligned with `style="text-align: …"`; nothing else in a style.
        .filter_style_properties(["text-align"].into_iter().collect())
        .url_schemes(ALLOWED_SCHEMES.iter().copied().collect())
        .url_relative(ammonia::UrlRelative::PassThrough)
        // Links stay as written: the same Markdown gives the same link with or without
        // raw HTML beside it.
        .link_rel(None)
        .strip_comments(true);
    builder
});

/// Whether a link or image URL needs the sanitiser: it names a scheme (a `:` before any
/// `/`, `?` or `#`) other than the allowed ones, or holds a character a browser would skip
/// while reading the scheme (`java\tscript:`).
pub fn is_unsafe_url(url: &str) -> bool {
    if url
        .chars()
        .any(|c| c.is_ascii_control() || c.is_whitespace())
    {
        return true;
    }
    let head = url.split(['/', '?', '#']).next().unwrap_or_default();
    match head.split_once(':') {
        Some((scheme, _)) => !ALLOWED_SCHEMES
            .iter()
            .any(|allowed| scheme.eq_ignore_ascii_case(allowed)),
        None => false,
    }
}

/// Writes Markdown's events as sanitised HTML. The events at `trusted` are HTML shelf made
/// itself (highlighted code, charts): they stand in the sanitiser's input as placeholders
/// and are put back afterwards. A placeholder holds a hash of the Markdown source, so text
/// in the source cannot forge one.
pub fn sanitised_html(source: &str, mut events: Vec<Event<'_>>, trusted: &[usize]) -> String {
    let nonce = blake3::hash(source.as_bytes()).to_hex();
    let nonce = &nonce.as_str()[..16];
    let placeholder = |n: usize| format!("\u{fdd0}shelf-{nonce}-{n}\u{fdd0}");
    let mut fragments = Vec::with_capacity(trusted.len());
    for (n, &index) in trusted.iter().enumerate() {
        if let Some(event) = events.get_mut(index) {
            let taken = std::mem::replace(event, Event::Text(CowStr::from(placeholder(n))));
            if let Event::Html(html) = taken {
                fragments.push(html.into_string());
            } else {
                fragments.push(String::new());
            }
        }
    }
    let mut html = String::with_capacity(source.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events.into_iter());
    let mut clean = sanitise(&html);
    for (n, fragment) in fragments.iter().enumerate() {
        clean = clean.replacen(&placeholder(n), fragment, 1);
    }
    clean
}

/// Sanitises HTML made from an editor's Markdown, returning it as XHTML-compatible HTML.
pub fn sanitise(html: &str) -> String {
    let clean = SANITISER.clean(html).to_string();
    to_xhtml_compatible(&clean)
}

/// Rewrites the sanitiser's HTML serialisation so it is also XML: void elements end in
/// ` />` and `&nbsp;` (not an XML entity) becomes the character. The serialisation always
/// quotes attribute values and escapes `"` inside them, so a tag ends at the first `>`
/// outside quotes.
fn to_xhtml_compatible(html: &str) -> String {
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        out.push_str(&rest[..start].replace("&nbsp;", "\u{a0}"));
        let tag = &rest[start..];
        let mut in_quotes = false;
        let end = tag
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    in_quotes = !in_quotes;
                }
                c == '>' && !in_quotes
            })
            .map_or(tag.len(), |(i, _)| i + 1);
        let (tag, after) = tag.split_at(end);
        let name: String = tag[1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let tag = tag.replace("&nbsp;", "\u{a0}");
        match tag.strip_suffix('>') {
            Some(open) if VOID_TAGS.contains(&name.as_str()) && !open.ends_with('/') => {
                out.push_str(open);
                out.push_str(" />");
            }
            _ => out.push_str(&tag),
        }
        rest = after;
    }
    out.push_str(&rest.replace("&nbsp;", "\u{a0}"));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unsafe_urls() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "java\tscript:x",
            " javascript:x",
            "file:///etc/passwd",
        ] {
            assert!(is_unsafe_url(url), "{url}");
        }
        for url in [
            "https://example.org/a?b=c:d",
            "http://x",
            "mailto:a@b.c",
            "../../articles/a/index.html#notes",
            "#fn-1",
            "a/b:c",
            "",
        ] {
            assert!(!is_unsafe_url(url), "{url}");
        }
    }

    use std::collections::BTreeSet;

    use crate::view::markdown::{LinkBase, render_markdown};

    fn render(source: &str) -> String {
        let known: BTreeSet<String> = ["articles/a/index.html".to_string()].into();
        let charts = |name: &str| {
            (name == "arrivals").then(|| "<figure><svg viewBox=\"0 0 1 1\"></svg></figure>".into())
        };
        render_markdown(
            source,
            LinkBase {
                root: "../../",
                known_pages: &known,
                charts: Some(&charts),
            },
        )
        .html
    }

    /// Parses HTML as XML (inside one root element), as the EPUB's reader will.
    fn parses_as_xml(html: &str) -> bool {
        roxmltree::Document::parse(&format!("<div>{html}</div>")).is_ok()
    }

    #[test]
    fn removes_script_handlers_frames_and_unsafe_urls() {
        // #13: these reached pages and the EPUB as written.
        let html = render(concat!(
            "<script>alert(1)</script><img src=x onerror=alert(1)>",
            "<iframe src=\"https://evil.example\"></iframe>\n\n",
            "[a](javascript:alert(1)) [b](data:text/html,x) ![c](vbscript:x) ",
            "[d](&#106;avascript:alert(1)) <a href=\"JaVaScRiPt:alert(1)\">e</a> ",
            "<a href=\"java&#9;script:alert(1)\">f</a> <b onclick=\"x()\">g</b>",
        ));
        assert_eq!(
            html,
            "<img src=\"x\" />\n<p><a>a</a> <a>b</a> <img alt=\"c\" /> <a>d</a> <a>e</a> \
             <a>f</a> <b>g</b></p>\n"
        );
    }

    #[test]
    fn keeps_the_documented_subset() {
        let html = render(concat!(
            "Press <kbd>Ctrl</kbd>, H<sub>2</sub>O, <abbr title=\"Democratic People’s Republic of Korea\">DPRK</abbr>[^1]\n\n",
            "| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n",
            "<h3 id=\"later\">Later</h3>\n\n",
            "[x](@/articles/a/#n) [y](https://example.org/?a=1&b=2) [z](mailto:e@example.org)\n\n",
            "[^1]: A note.\n",
        ));
        for kept in [
            "<kbd>Ctrl</kbd>",
            "H<sub>2</sub>O",
            "<abbr title=\"Democratic People’s Republic of Korea\">DPRK</abbr>",
            "<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup>",
            "<div class=\"footnote-definition\" id=\"1\">",
            "<th style=\"text-align:center\">a</th>",
            "<h3 id=\"later\">Later</h3>",
            "<a href=\"../../articles/a/index.html#n\">x</a>",
            "<a href=\"https://example.org/?a=1&amp;b=2\">y</a>",
            "<a href=\"mailto:e@example.org\">z</a>",
        ] {
            assert!(html.contains(kept), "{kept} not in {html}");
        }
    }

    #[test]
    fn raw_html_still_gives_well_formed_xml() {
        // #13: `<br>` or a stray `</title>` made EPUB chapters that are not XML.
        for source in [
            "a<br>b",
            "a</title>b",
            "<p>unclosed <em>tags",
            "<table><tr><td>x</table>",
            "x &nbsp; y <hr> z",
            "<img src=\"a.png\" alt=\"1 < 2\">",
        ] {
            let html = render(source);
            assert!(parses_as_xml(&html), "{source:?} gave {html}");
        }
    }

    #[test]
    fn keeps_highlighted_code_and_charts_beside_raw_html() {
        let html = render("<b>x</b>\n\n```rust\nfn main() {}\n```\n\n```chart\narrivals\n```\n");
        assert!(html.contains("<b>x</b>"), "{html}");
        assert!(
            html.contains("<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-"),
            "{html}"
        );
        assert!(
            html.contains("<figure><svg viewBox=\"0 0 1 1\"></svg></figure>"),
            "{html}"
        );
        assert!(!html.contains('\u{fdd0}'), "{html}");
    }

    #[test]
    fn text_cannot_forge_a_placeholder() {
        let forged =
            "\u{fdd0}shelf-0000000000000000-0\u{fdd0} <b>x</b>\n\n```chart\narrivals\n```\n";
        let html = render(forged);
        assert_eq!(html.matches("<figure>").count(), 1, "{html}");
    }

    #[test]
    fn markdown_without_raw_html_is_not_rewritten() {
        let source = "A \"quote\" & [link](https://example.org/it's?a=1&b=2)  \nnext<br/>";
        let plain = "A \"quote\" & [link](https://example.org/it's?a=1&b=2)  \nnext";
        let mut expected = String::new();
        pulldown_cmark::html::push_html(
            &mut expected,
            pulldown_cmark::Parser::new_ext(
                plain,
                pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION,
            ),
        );
        assert_eq!(render(plain), expected);
        assert!(render(source).contains("next<br />"));
    }

    #[test]
    fn writes_void_elements_and_spaces_as_xml() {
        assert_eq!(
            sanitise("<p>a<br>b&nbsp;c<img src=\"x.png\" alt=\"a > b\"></p><hr>"),
            "<p>a<br />b\u{a0}c<img src=\"x.png\" alt=\"a &gt; b\" /></p><hr />"
        );
    }
}
