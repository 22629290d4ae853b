//! Markdown for editorial fields and pages, with pulldown-cmark.
//!
//! Takes Markdown written by the editor (never seed text) and where the page sits; returns
//! HTML with footnotes, tables, strikethrough and smart punctuation, fenced code highlighted
//! by [`super::highlight`], and internal links written `@/articles/<slug>/` resolved relative
//! to the page (so the site works from a sub-path and from disk) or absolute in feeds.
//! An internal link to a page that does not exist is an error, not a broken link.

use std::collections::BTreeSet;

use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::highlight::highlight;

/// Renders a chart directive: takes the data figure's slug, returns its HTML, or `None`
/// when there is no such figure.
pub type ChartRenderer<'a> = &'a (dyn Fn(&str) -> Option<String> + Sync);

/// Where rendered Markdown will live, for resolving `@/` links and chart directives.
#[derive(Clone, Copy)]
pub struct LinkBase<'a> {
    /// Prefix from the page to the site root: `../../` on an article page, the base URL in feeds.
    pub root: &'a str,
    /// Every page path the site produces (`articles/x/index.html`), to check `@/` links.
    pub known_pages: &'a BTreeSet<String>,
    /// Draws ```` ```chart ```` blocks naming a data figure; without it they stay code.
    pub charts: Option<ChartRenderer<'a>>,
}

/// Rendered Markdown.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Markdown {
    /// The HTML.
    pub html: String,
    /// Whether a code block was highlighted, so the page links the code stylesheet.
    pub has_code: bool,
    /// `@/` links that point to no page.
    pub broken_links: Vec<String>,
    /// Chart directives naming no data figure.
    pub unknown_charts: Vec<String>,
}

/// Renders Markdown to HTML.
// Kept whole: one pass over the parser's events sharing six running values (code buffer,
// trusted indexes, sanitise flag, findings); split, each arm would thread them all.
pub fn render_markdown(source: &str, base: LinkBase<'_>) -> Markdown {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION;
    let mut has_code = false;
    let mut broken_links = Vec::new();
    let mut unknown_charts = Vec::new();
    let mut code: Option<(String, String)> = None;
    let mut events = Vec::new();
    // Raw HTML or a link outside the allowed schemes sends the whole text through the
    // sanitiser; the HTML shelf makes itself (code, charts) is kept apart from it (#13).
    let mut needs_sanitising = false;
    let mut trusted = Vec::new();
    for event in Parser::new_ext(source, options) {
        match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let language = match kind {
                    CodeBlockKind::Fenced(info) => info
                        .split_whitespace()
                        .next()
                        .unwrap_or_default()
                        .to_string(),
                    CodeBlockKind::Indented => String::new(),
                };
                code = Some((language, String::new()));
            }
            Event::Text(text) if code.is_some() => {
                if let Some((_, buffer)) = code.as_mut() {
                    buffer.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                let (language, buffer) = code.take().unwrap_or_default();
                if let (true, Some(charts)) = (language == "chart", base.charts) {
                    let name = buffer.trim();
                    match charts(name) {
                        Some(html) => {
                            trusted.push(events.len());
                            events.push(Event::Html(CowStr::from(html)));
                        }
                        None => unknown_charts.push(name.to_string()),
                    }
                    continue;
                }
                let highlighted = (!language.is_empty())
                    .then(|| highlight(&buffer, &language))
                    .flatten();
                has_code |= highlighted.is_some();
                let body = highlighted.unwrap_or_else(|| escape_html(&buffer));
                let class = if language.is_empty() {
                    String::new()
                } else {
                    format!(" data-lang=\"{}\"", escape_html(&language))
                };
                trusted.push(events.len());
                events.push(Event::Html(CowStr::from(format!(
                    "<pre class=\"code\"{class}><code>{body}</code></pre>\n"
                ))));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_link(dest_url, base, &mut broken_links);
                needs_sanitising |= super::sanitize::is_unsafe_url(&dest_url);
                events.push(Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let dest_url = resolve_link(dest_url, base, &mut broken_links);
                needs_sanitising |= super::sanitize::is_unsafe_url(&dest_url);
                events.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }));
            }
            other => {
                needs_sanitising |= matches!(other, Event::Html(_) | Event::InlineHtml(_));
                events.push(other);
            }
        }
    }
    if needs_sanitising {
        return Markdown {
            html: super::sanitize::sanitised_html(source, events, &trusted),
            has_code,
            broken_links,
            unknown_charts,
        };
    }
    let mut out = String::with_capacity(source.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    Markdown {
        html: out,
        has_code,
        broken_links,
        unknown_charts,
    }
}

fn resolve_link<'a>(dest: CowStr<'a>, base: LinkBase<'_>, broken: &mut Vec<String>) -> CowStr<'a> {
    let Some(target) = dest.strip_prefix("@/") else {
        return dest;
    };
    let (path, fragment) = target.split_once('#').map_or((target, ""), |(p, f)| (p, f));
    let page = if path.is_empty() || path.ends_with('/') {
        format!("{path}index.html")
    } else {
        path.to_string()
    };
    if !base.known_pages.contains(&page) {
        broken.push(dest.to_string());
    }
    let fragment = if fragment.is_empty() {
        String::new()
    } else {
        format!("#{fragment}")
    };
    CowStr::from(format!("{}{page}{fragment}", base.root))
}

/// Escapes text for HTML element content and attribute values.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(source: &str, root: &str) -> Markdown {
        let known: BTreeSet<String> = [
            "articles/a/index.html".to_string(),
            "index.html".to_string(),
        ]
        .into();
        render_markdown(
            source,
            LinkBase {
                root,
                known_pages: &known,
                charts: None,
            },
        )
    }

    #[test]
    fn resolves_internal_links_relative_to_the_page() {
        let out = render("See [a](@/articles/a/#notes) and [home](@/).", "../../");
        assert!(
            out.html
                .contains("href=\"../../articles/a/index.html#notes\""),
            "{}",
            out.html
        );
        assert!(
            out.html.contains("href=\"../../index.html\""),
            "{}",
            out.html
        );
        assert!(out.broken_links.is_empty());
    }

    #[test]
    fn reports_internal_links_to_missing_pages() {
        let out = render("[x](@/articles/nope/)", "");
        assert_eq!(out.broken_links, ["@/articles/nope/"]);
    }

    #[test]
    fn supports_footnotes_tables_and_smart_punctuation() {
        let out = render(
            "\"Hi\" -- x[^1]\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^1]: note\n",
            "",
        );
        assert!(out.html.contains("“Hi” –"), "{}", out.html);
        assert!(
            out.html.contains("<table>") && out.html.contains("footnote"),
            "{}",
            out.html
        );
    }

    #[test]
    fn renders_chart_directives_and_reports_unknown_figures() {
        let known = BTreeSet::new();
        let charts =
            |name: &str| (name == "arrivals").then(|| "<figure>chart</figure>".to_string());
        let base = LinkBase {
            root: "",
            known_pages: &known,
            charts: Some(&charts),
        };
        let out = render_markdown("```chart\narrivals\n```\n\n```chart\nnope\n```\n", base);
        assert!(out.html.contains("<figure>chart</figure>"), "{}", out.html);
        assert_eq!(out.unknown_charts, ["nope"]);
    }

    #[test]
    fn highlights_fenced_code_and_escapes_unknown_languages() {
        let out = render("```rust\nfn main() {}\n```\n\n```nope\n<x>\n```\n", "");
        assert!(out.has_code && out.html.contains("hl-"), "{}", out.html);
        assert!(out.html.contains("&lt;x&gt;"), "{}", out.html);
    }
}
