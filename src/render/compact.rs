//! Compact HTML: one linear pass over a rendered page that drops what a browser ignores,
//! in place of a full minifier.
//!
//! The theme's templates already emit few bytes a reader does not need; what is left is the
//! layout white space between tags, the quotes around plain attribute values and the end
//! tags HTML lets a page omit. This pass removes exactly those, and nothing inside `<pre>`,
//! `<textarea>`, `<script>` or `<style>`, nor any white space inside text (the theme shows
//! copied text with `white-space: pre-wrap`, so a text's spaces are the reader's):
//!
//! - a run of white space between two tags is dropped when either tag is a block-level
//!   element (`<li>`, `<tr>`, `<div>`, `<p>`…), where a browser ignores it, and becomes one
//!   space between two inline tags (`</a> <span>`), where it shows as one;
//! - an attribute value made only of characters that need no quotes (no white space and
//!   none of `"'=<>` and backtick) loses its quotes: `class="kept"` becomes `class=kept`;
//! - the end tags of `li`, `dt`, `dd`, `td`, `th`, `tr`, `thead`, `tbody`, `option` and `p`
//!   are omitted where HTML says the next tag closes the element anyway;
//! - a void element's closing slash goes (`<br/>` becomes `<br>`, which HTML reads the same).
//!
//! Comments, the doctype and every byte of text are copied as they are. In a profile of a
//! full build the pass takes about a sixth of the samples minify-html took, and pages
//! come out 0.14 % larger than minify-html made them (see BENCHMARKS.md).

/// Whether a browser ignores layout white space beside the element `name` (lowercase):
/// block-level boxes, table parts, list items, line breaks, the head's elements and the
/// unseen `script` and `style`.
fn is_blockish(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"base"
            | b"blockquote"
            | b"body"
            | b"br"
            | b"caption"
            | b"col"
            | b"colgroup"
            | b"dd"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"dt"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"head"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"html"
            | b"li"
            | b"link"
            | b"main"
            | b"meta"
            | b"nav"
            | b"ol"
            | b"option"
            | b"p"
            | b"pre"
            | b"script"
            | b"section"
            | b"style"
            | b"summary"
            | b"table"
            | b"tbody"
            | b"td"
            | b"tfoot"
            | b"th"
            | b"thead"
            | b"title"
            | b"tr"
            | b"ul"
    )
}

/// Whether a start tag of `name` closes an open `<p>` (HTML's list of elements a `p` end
/// tag may be omitted before).
fn closes_p(name: &[u8]) -> bool {
    matches!(
        name,
        b"address"
            | b"article"
            | b"aside"
            | b"blockquote"
            | b"details"
            | b"dialog"
            | b"div"
            | b"dl"
            | b"fieldset"
            | b"figcaption"
            | b"figure"
            | b"footer"
            | b"form"
            | b"h1"
            | b"h2"
            | b"h3"
            | b"h4"
            | b"h5"
            | b"h6"
            | b"header"
            | b"hgroup"
            | b"hr"
            | b"main"
            | b"menu"
            | b"nav"
            | b"ol"
            | b"p"
            | b"pre"
            | b"search"
            | b"section"
            | b"table"
            | b"ul"
    )
}

/// Whether the end tag of the parent `name` keeps a `p` before it open.
fn keeps_p_open(name: &[u8]) -> bool {
    matches!(
        name,
        b"a" | b"audio" | b"del" | b"ins" | b"map" | b"noscript" | b"video"
    )
}

/// Whether the content of `name` is copied byte for byte.
fn is_verbatim(name: &[u8]) -> bool {
    matches!(name, b"pre" | b"textarea" | b"script" | b"style")
}

/// Whether `name` is a void element, which has no content and no end tag.
fn is_void(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"source"
            | b"track"
            | b"wbr"
    )
}

/// The longest element name the lists above hold; longer names match none of them.
const LONGEST_NAME: usize = 12;

/// A tag's name, lowercased, without allocating.
#[derive(Clone, Copy)]
struct Name {
    bytes: [u8; LONGEST_NAME],
    /// The name's length, or 0 when it is longer than any listed name.
    len: usize,
}

impl Name {
    /// The lowercased name, empty when it is longer than any listed name.
    fn get(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

/// A tag: its name, whether it is an end tag and where its name ends in the page.
struct TagStart {
    name: Name,
    is_end: bool,
    name_end: usize,
}

/// `html` with layout white space, needless attribute quotes and omissible end tags
/// removed (see the module documentation). Never fails: bytes it does not recognise as
/// a tag are copied as text.
#[must_use]
pub fn compact(html: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(html.len());
    // Whether the last thing written was a tag, and whether that tag was block-ish.
    let mut after_tag: Option<bool> = None;
    let mut i = 0;
    while i < html.len() {
        if html[i] == b'<' {
            if let Some(end) = copy_markup(html, i, &mut out, &mut after_tag) {
                i = end;
            } else {
                out.push(b'<');
                after_tag = None;
                i += 1;
            }
            continue;
        }
        // A text node: everything up to the next `<`.
        let end = memchr::memchr(b'<', &html[i..]).map_or(html.len(), |p| i + p);
        let text = &html[i..end];
        let between_tags = after_tag
            .filter(|_| text.iter().all(|b| is_space(*b)))
            .zip(tag_at(html, end));
        if let Some((before, next)) = between_tags {
            if !before && !is_blockish(next.name.get()) {
                out.push(b' ');
            }
        } else {
            out.extend_from_slice(text);
            after_tag = None;
        }
        i = end;
    }
    out
}

/// Copies (or drops) the markup that starts at `html[start] == b'<'`; returns where it
/// ends, or `None` when it is no markup (a lone `<` in text).
fn copy_markup(
    html: &[u8],
    start: usize,
    out: &mut Vec<u8>,
    after_tag: &mut Option<bool>,
) -> Option<usize> {
    let rest = &html[start..];
    if rest.starts_with(b"<!--") {
        let end = memchr::memmem::find(&html[start + 4..], b"-->")
            .map_or(html.len(), |at| start + 4 + at + 3);
        out.extend_from_slice(&html[start..end]);
        *after_tag = None;
        return Some(end);
    }
    if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
        let end = tag_end(html, start);
        out.extend_from_slice(&html[start..end]);
        *after_tag = Some(true);
        return Some(end);
    }
    let tag = tag_at(html, start)?;
    let name = tag.name.get();
    if tag.is_end {
        let end = tag_end(html, tag.name_end);
        if !may_omit_end(name, tag_at(html, skip_space(html, end)).as_ref()) {
            out.extend_from_slice(&html[start..end]);
        }
        *after_tag = Some(is_blockish(name));
        return Some(end);
    }
    out.extend_from_slice(&html[start..tag.name_end]);
    let mut end = copy_attributes(html, tag.name_end, is_void(name), out);
    *after_tag = Some(is_blockish(name));
    if is_verbatim(name) && !out.ends_with(b"/>") {
        let content_end = closing_tag(html, end, name).unwrap_or(html.len());
        if content_end > end {
            out.extend_from_slice(&html[end..content_end]);
            *after_tag = None;
        }
        end = content_end;
    }
    Some(end)
}

/// Copies a start tag's attributes from `html[at..]` up to and including its `>`, with
/// one space between attributes and plain values unquoted; a void element's `/>` (`<br/>`)
/// becomes `>`, which HTML reads the same. Returns where the tag ends.
fn copy_attributes(html: &[u8], mut at: usize, is_void: bool, out: &mut Vec<u8>) -> usize {
    loop {
        at = skip_space(html, at);
        match html.get(at) {
            None => return at,
            Some(b'>') => {
                out.push(b'>');
                return at + 1;
            }
            Some(b'/') if html.get(at + 1) == Some(&b'>') => {
                out.extend_from_slice(if is_void { b">" } else { b"/>" });
                return at + 2;
            }
            Some(_) => {}
        }
        let name_len = html[at..]
            .iter()
            .take_while(|b| !is_space(**b) && !matches!(**b, b'=' | b'>' | b'/'))
            .count()
            .max(1);
        out.push(b' ');
        out.extend_from_slice(&html[at..at + name_len]);
        at += name_len;
        let after_name = skip_space(html, at);
        if html.get(after_name) != Some(&b'=') {
            continue;
        }
        at = skip_space(html, after_name + 1);
        out.push(b'=');
        match html.get(at) {
            Some(&quote @ (b'"' | b'\'')) => {
                let value_end =
                    memchr::memchr(quote, &html[at + 1..]).map_or(html.len(), |p| at + 1 + p);
                let value = &html[at + 1..value_end];
                // `a=b/>` would read as the value `b/`, unless the slash is dropped.
                let closes_with_slash =
                    !is_void && html.get(skip_space(html, value_end + 1)) == Some(&b'/');
                if is_plain_value(value) && !closes_with_slash {
                    out.extend_from_slice(value);
                } else {
                    out.push(quote);
                    out.extend_from_slice(value);
                    out.push(quote);
                }
                at = (value_end + 1).min(html.len());
            }
            _ => {
                let value_len = html[at..]
                    .iter()
                    .take_while(|b| !is_space(**b) && **b != b'>')
                    .count();
                out.extend_from_slice(&html[at..at + value_len]);
                at += value_len;
            }
        }
    }
}

/// Whether the end tag of `name` may be left out when `next` is the tag that follows it
/// (after white space only; `None` when text or the end of the page follows).
fn may_omit_end(name: &[u8], next: Option<&TagStart>) -> bool {
    let Some(next) = next else { return false };
    let next_name = next.name.get();
    let starts = |names: &[&[u8]]| !next.is_end && names.contains(&next_name);
    match name {
        b"li" => next.is_end || starts(&[b"li"]),
        b"dt" => starts(&[b"dt", b"dd"]),
        b"dd" => next.is_end || starts(&[b"dt", b"dd"]),
        b"td" | b"th" => next.is_end || starts(&[b"td", b"th", b"tr"]),
        b"tr" => next.is_end || starts(&[b"tr"]),
        b"thead" => starts(&[b"tbody", b"tfoot"]),
        b"tbody" => next.is_end || starts(&[b"tbody", b"tfoot"]),
        b"option" => next.is_end || starts(&[b"option", b"optgroup"]),
        b"p" if next.is_end => !keeps_p_open(next_name),
        b"p" => closes_p(next_name),
        _ => false,
    }
}

/// The start or end tag that begins at `html[at]`, if one does (`<` and a letter, or
/// `</` and a letter).
fn tag_at(html: &[u8], at: usize) -> Option<TagStart> {
    if html.get(at) != Some(&b'<') {
        return None;
    }
    let is_end = html.get(at + 1) == Some(&b'/');
    let name_start = at + 1 + usize::from(is_end);
    if !html.get(name_start)?.is_ascii_alphabetic() {
        return None;
    }
    let len = html[name_start..]
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'-' || **b == b':')
        .count();
    let mut name = Name {
        bytes: [0; LONGEST_NAME],
        len: 0,
    };
    if len <= LONGEST_NAME {
        for (to, from) in name
            .bytes
            .iter_mut()
            .zip(&html[name_start..name_start + len])
        {
            *to = from.to_ascii_lowercase();
        }
        name.len = len;
    }
    Some(TagStart {
        name,
        is_end,
        name_end: name_start + len,
    })
}

/// Where the tag whose rest starts at `at` ends: just after its `>`.
fn tag_end(html: &[u8], at: usize) -> usize {
    memchr::memchr(b'>', &html[at..]).map_or(html.len(), |p| at + p + 1)
}

/// Where the end tag of the verbatim element `name` is, at or after `from`.
fn closing_tag(html: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(p) = memchr::memmem::find(&html[at..], b"</") {
        let candidate = at + p;
        let after = candidate + 2;
        if html
            .get(after..after + name.len())
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(candidate);
        }
        at = after;
    }
    None
}

/// HTML's white space characters.
fn is_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Where the white space from `at` ends.
fn skip_space(html: &[u8], at: usize) -> usize {
    at + html
        .get(at..)
        .map_or(0, |rest| rest.iter().take_while(|b| is_space(**b)).count())
}

/// Whether an attribute value may go without quotes.
fn is_plain_value(value: &[u8]) -> bool {
    !value.is_empty()
        && value
            .iter()
            .all(|b| !is_space(*b) && !matches!(*b, b'"' | b'\'' | b'=' | b'<' | b'>' | b'`'))
}

#[cfg(test)]
mod tests {
    use super::compact;

    fn compacted(html: &str) -> String {
        String::from_utf8(compact(html.as_bytes())).expect("compacting keeps UTF-8")
    }

    #[test]
    fn layout_white_space_between_block_tags_goes() {
        assert_eq!(
            compacted("<ul>\n  <li><a href=\"a.html\">A</a></li>\n  <li>B</li>\n</ul>\n<p>x</p>"),
            "<ul><li><a href=a.html>A</a><li>B</ul><p>x</p>"
        );
    }

    #[test]
    fn white_space_between_inline_tags_stays_one_space() {
        assert_eq!(
            compacted("<p><a href=\"#\">one</a>\n   <span>two</span></p>"),
            "<p><a href=#>one</a> <span>two</span></p>"
        );
    }

    #[test]
    fn text_keeps_every_space_and_line_break() {
        let text = "<td class=\"copied-text\">  two  spaces\n and a break </td>";
        assert_eq!(
            compacted(text),
            "<td class=copied-text>  two  spaces\n and a break </td>"
        );
    }

    #[test]
    fn values_that_need_quotes_keep_them() {
        assert_eq!(
            compacted(
                "<meta name=\"description\" content=\"two words\"><img alt=\"\" src=\"a=b\"><x y=\"z\"/>"
            ),
            "<meta name=description content=\"two words\"><img alt=\"\" src=\"a=b\"><x y=\"z\"/>"
        );
    }

    #[test]
    fn a_void_element_loses_its_closing_slash_and_others_keep_it() {
        assert_eq!(
            compacted("<p>line<br/>break <img src=\"x\"/> <br /><svg><path d=\"M0\"/></svg>"),
            "<p>line<br>break <img src=x><br><svg><path d=\"M0\"/></svg>"
        );
    }

    #[test]
    fn preformatted_script_and_style_content_is_copied_byte_for_byte() {
        let html = "<pre class=\"code\">\n  <span class=\"k\">fn</span>  main\n</pre>\n\
                    <script type=\"application/ld+json\">{\"a\": \"<b>  </b>\"}</script>\n\
                    <style>p  >  a { color: red }</style>";
        assert_eq!(
            compacted(html),
            "<pre class=code>\n  <span class=\"k\">fn</span>  main\n</pre>\
             <script type=application/ld+json>{\"a\": \"<b>  </b>\"}</script>\
             <style>p  >  a { color: red }</style>"
        );
    }

    #[test]
    fn table_and_list_end_tags_go_only_where_the_next_tag_closes_them() {
        assert_eq!(
            compacted(
                "<table><tbody><tr><th>1</th><td>a</td></tr>\n<tr><td>b</td></tr></tbody></table>"
            ),
            "<table><tbody><tr><th>1<td>a<tr><td>b</table>"
        );
        // A `p` inside a link, or followed by inline content, keeps its end tag.
        assert_eq!(
            compacted("<a href=\"x\"><p>a</p></a><p>b</p><span>c</span><p>d</p>text"),
            "<a href=x><p>a</p></a><p>b</p><span>c</span><p>d</p>text"
        );
        assert_eq!(
            compacted("<dl><dt>a</dt><dd>b</dd></dl>"),
            "<dl><dt>a<dd>b</dl>"
        );
    }

    #[test]
    fn comments_doctype_and_stray_brackets_are_copied() {
        assert_eq!(
            compacted("<!DOCTYPE html>\n<html lang=\"en\">\n<!-- a  b -->\n<p>1 < 2 </ p></p>"),
            "<!DOCTYPE html><html lang=en>\n<!-- a  b -->\n<p>1 < 2 </ p></p>"
        );
    }

    #[test]
    fn any_bytes_compact_without_panicking_and_stay_utf8() {
        for html in [
            "<",
            "</",
            "<a",
            "<a b",
            "<a b=",
            "<a b=\"",
            "<a b='x",
            "<!--",
            "<!",
            "<pre>",
            "<script>x",
            "</li>",
            "</li> ",
            "<p>é</p>\u{a0}<br>",
            "<a =x>",
            "<a / b>",
        ] {
            let out = compact(html.as_bytes());
            assert!(String::from_utf8(out).is_ok(), "{html}");
        }
    }
}
