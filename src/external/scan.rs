//! Finding external addresses in editorial files: every `http://` or `https://` URL in the
//! text, with its byte span, so a diagnostic can point at it.
//!
//! The text is scanned as written rather than parsed, so an address is found wherever it
//! stands (an article's `[source] url`, a Markdown link in an editor's note or a page, an
//! autolink) and its span is exact in the file. In TOML files, comment lines are skipped.

use std::ops::Range;

/// One external address in a file: the URL as written and where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Found {
    /// The URL, as written.
    pub url: String,
    /// Its byte span in the file's text.
    pub span: Range<usize>,
}

/// Every `http(s)://` address in `text`, in order; `is_toml` skips `#` comment lines.
pub(crate) fn find_urls(text: &str, is_toml: bool) -> Vec<Found> {
    let mut found = Vec::new();
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let is_comment = is_toml && line.trim_start().starts_with('#');
        if !is_comment {
            found.extend(find_in_line(line).into_iter().map(|span| Found {
                url: line[span.clone()].to_string(),
                span: line_start + span.start..line_start + span.end,
            }));
        }
        line_start += line.len();
    }
    found
}

/// The spans of the addresses in one line.
fn find_in_line(line: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(offset) = line[from..].find("http") {
        let start = from + offset;
        from = start + 4;
        let rest = &line[start..];
        let scheme = if rest.starts_with("https://") {
            "https://"
        } else if rest.starts_with("http://") {
            "http://"
        } else {
            continue;
        };
        // `xhttp://` is not an address; `(http://`, `"http://` and `<http://` are.
        if line[..start]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
        {
            continue;
        }
        let end = start + url_length(rest);
        if end > start + scheme.len() {
            spans.push(start..end);
            from = end;
        }
    }
    spans
}

/// The length in bytes of the address `rest` starts with: up to a space, a quote or a
/// bracket that closes something the address did not open, without trailing punctuation.
fn url_length(rest: &str) -> usize {
    let mut open_parens = 0usize;
    let mut end = 0;
    for (i, c) in rest.char_indices() {
        let stops = match c {
            '(' => {
                open_parens += 1;
                false
            }
            ')' if open_parens > 0 => {
                open_parens -= 1;
                false
            }
            ')' => true,
            c if c.is_whitespace() => true,
            '"' | '\'' | '<' | '>' | '`' | '[' | ']' | '{' | '}' | '|' | '\\' | '^' => true,
            _ => false,
        };
        if stops {
            break;
        }
        end = i + c.len_utf8();
    }
    rest[..end]
        .trim_end_matches(['.', ',', ';', ':', '!', '?', '*', '_', '~'])
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn urls(text: &str, is_toml: bool) -> Vec<String> {
        find_urls(text, is_toml)
            .into_iter()
            .map(|f| f.url)
            .collect()
    }

    #[test]
    fn finds_a_source_url_with_its_exact_span() {
        let text = "title = \"x\"\n[source]\nurl = \"https://example.org/a?b=1\"\n";
        let found = find_urls(text, true);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].span.clone()], "https://example.org/a?b=1");
        assert_eq!(found[0].span.start, text.find("https").unwrap());
    }

    #[test]
    fn finds_markdown_links_and_autolinks_without_their_punctuation() {
        let text = "See [the report](https://example.org/r_(2024)), and <http://a.example/x>.\n\
                    Also https://b.example/page. And *https://c.example/*!";
        assert_eq!(
            urls(text, false),
            [
                "https://example.org/r_(2024)",
                "http://a.example/x",
                "https://b.example/page",
                "https://c.example/"
            ]
        );
    }

    #[test]
    fn skips_toml_comments_words_and_bare_schemes() {
        let text =
            "# old: https://gone.example/\nnote = \"xhttps://no.example/ and https:// alone\"\n";
        assert!(urls(text, true).is_empty());
        assert_eq!(urls(text, false), ["https://gone.example/"]);
    }

    #[test]
    fn spans_count_bytes_after_wide_text() {
        let text = "summary = \"회령 기사 https://example.org/회령\"\n";
        let found = find_urls(text, true);
        assert_eq!(&text[found[0].span.clone()], "https://example.org/회령");
    }
}
