//! Url: what a URL field may hold, checked with a real URL parser (the `url` crate).
//!
//! Takes the text of a URL field (`base_url`, a source's `url`, a `[series] parts` entry's
//! `url`); returns it when it is an absolute `http://` or `https://` URL with a host, and a
//! sentence saying what is wrong otherwise. So `javascript:`, `data:` and relative addresses
//! never become a link. Queries (`?a=1&b=2`), fragments and `'` are accepted in links, where
//! they are common. A link is kept as written, except that `{` and `}` are
//! percent-encoded, so it can stand inside a BibTeX field. A base URL is stricter: no
//! user name (`https://host@evil/` names the host `evil`), no query and no fragment, since
//! page paths are appended to it.

use std::ops::Range;

use crate::error::{Diagnostic, Diagnostics};
use crate::load::SourceFile;

/// Checks a link to a page elsewhere (a source's or a series part's `url`) and returns the
/// form to keep.
///
/// # Errors
/// A sentence saying what is wrong, for a diagnostic's label.
pub fn parse_link(input: &str) -> Result<String, String> {
    let url = parse_web(input)?;
    if !url.username().is_empty() || url.password().is_some() {
        return Err("a link cannot carry a user name or password (`user@`)".into());
    }
    Ok(input.replace('{', "%7B").replace('}', "%7D"))
}

/// Checks a base URL: as [`parse_link`], and without a query or fragment.
///
/// # Errors
/// A sentence saying what is wrong, for a diagnostic's label.
pub fn check_base(input: &str) -> Result<(), String> {
    let url = parse_web(input)?;
    if !url.username().is_empty() || url.password().is_some() {
        let host = url.host_str().unwrap_or_default();
        return Err(format!(
            "the part before `@` is a user name, so the host would be `{host}`"
        ));
    }
    if let Some(bad) = input
        .chars()
        .find(|c| matches!(c, '?' | '#' | '"' | '<' | '>' | '{' | '}' | '\''))
    {
        return Err(format!("a base URL cannot contain `{bad}`"));
    }
    Ok(())
}

/// Parses an absolute `http(s)` URL with a host, refusing what the parser would silently
/// drop or rewrite (spaces, control characters, backslashes).
fn parse_web(input: &str) -> Result<url::Url, String> {
    if !(input.starts_with("https://") || input.starts_with("http://")) {
        return Err("expected an absolute URL starting with `https://` or `http://`".into());
    }
    if let Some(bad) = input
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || *c == '\\')
    {
        return Err(format!("a URL cannot contain `{}`", bad.escape_default()));
    }
    // The parser would read `https:///x` as the host `x`.
    let after_scheme = input.split_once("://").map_or("", |(_, rest)| rest);
    if after_scheme.is_empty() || after_scheme.starts_with(['/', ':', '@']) {
        return Err("the URL has no host name".into());
    }
    let url = url::Url::parse(input).map_err(|e| format!("not a valid URL: {e}"))?;
    if url.host_str().is_none_or(str::is_empty) {
        return Err("the URL has no host name".into());
    }
    Ok(url)
}

/// Checks the link `url` of the field `what` in `file`, whose value lies at or inside the
/// byte range `within`; an invalid one is reported at its place and gives `None`.
pub fn check_link_in(
    url: &str,
    what: &str,
    file: &SourceFile,
    within: Range<usize>,
    diagnostics: &mut Diagnostics,
) -> Option<String> {
    match parse_link(url) {
        Ok(link) => Some(link),
        Err(why) => {
            let region = file.text.get(within.clone()).unwrap_or_default();
            let span = region
                .find(url)
                .filter(|_| !url.is_empty())
                .map_or(within.clone(), |at| {
                    within.start + at..within.start + at + url.len()
                });
            diagnostics.push(
                Diagnostic::error(format!("invalid {what} `{url}`"))
                    .in_file(&file.path)
                    .at(&file.text, span)
                    .label(why)
                    .help("copy the original's full address (`https://…`) from the browser, or leave `url` out"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_links_with_queries_fragments_and_quotes() {
        // #13: `?`, `&` and `'` were refused because the base URL rules were reused.
        for link in [
            "https://example.org/story?id=4&page=2",
            "https://example.org/o'brien#part-2",
            "http://example.org",
        ] {
            assert_eq!(parse_link(link).as_deref(), Ok(link));
        }
    }

    #[test]
    fn refuses_what_is_not_a_web_link() {
        for bad in [
            "javascript:alert(1)",
            "data:text/html,x",
            "//example.org/x",
            "/articles/x/",
            "https://",
            "https:///x",
            "https://exa mple.org/",
            "https://example.org/a\\b",
            "ftp://example.org/",
        ] {
            assert!(parse_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn encodes_braces_so_a_link_fits_in_bibtex() {
        assert_eq!(
            parse_link("https://example.org/a}b?c={d}").as_deref(),
            Ok("https://example.org/a%7Db?c=%7Bd%7D")
        );
    }

    #[test]
    fn a_base_url_has_no_user_name_query_or_fragment() {
        // #13: `https://host@evil/` was accepted as base_url.
        let why = check_base("https://example.org@evil.test/").unwrap_err();
        assert_eq!(
            why,
            "the part before `@` is a user name, so the host would be `evil.test`"
        );
        assert!(check_base("https://example.org/?x").is_err());
        assert!(check_base("https://example.org/#x").is_err());
        assert!(check_base("https://example.org/reading").is_ok());
    }
}
