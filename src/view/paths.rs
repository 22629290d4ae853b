//! Paths: every URL the site produces, in one place.
//!
//! Each function returns a path relative to the site root (`articles/x/index.html`), the
//! form views carry and templates prefix with `root`. Nothing else in the crate spells an
//! output path, so a page cannot link to a place no page is written at.

/// The home page (the first page of the list of articles).
pub const HOME: &str = "index.html";
/// The index of every topic.
pub const TOPICS: &str = "topics/index.html";
/// The page served for any missing path.
pub const NOT_FOUND: &str = "404.html";
/// The search page.
pub const SEARCH: &str = "search/index.html";
/// The index of every entity.
pub const ENTITIES: &str = "entities/index.html";
/// The timeline.
pub const TIMELINE: &str = "timeline/index.html";
/// The collection's Atom feed.
pub const FEED: &str = "feed.xml";
/// The sitemap.
pub const SITEMAP: &str = "sitemap.xml";
/// The robots file.
pub const ROBOTS: &str = "robots.txt";
/// The whole collection as one EPUB book.
pub const EPUB: &str = "collection.epub";
/// The search index's manifest.
pub const SEARCH_MANIFEST: &str = "search/index.json";

/// An article page.
pub fn article(slug: &str) -> String {
    format!("articles/{slug}/index.html")
}

/// An article's URL path, for canonical and feed links: `articles/x/`.
pub fn article_url(slug: &str) -> String {
    format!("articles/{slug}/")
}

/// An article's "as copied" page: its seed's every line and what became of it.
pub fn as_copied(slug: &str) -> String {
    format!("articles/{slug}/as-copied/index.html")
}

/// Every article's BibTeX entry, in one file.
pub const CITATIONS_BIB: &str = "citations.bib";

/// Every article's RIS record, in one file.
pub const CITATIONS_RIS: &str = "citations.ris";

/// A topic's file of its articles' citations, `citations.bib` or `citations.ris`.
pub fn topic_citations(slug: &str, file: &str) -> String {
    format!("topics/{slug}/{file}")
}

/// A topic page.
pub fn topic(slug: &str) -> String {
    format!("topics/{slug}/index.html")
}

/// A topic's URL path, the alternate link of its feed: `topics/x/`.
pub fn topic_url(slug: &str) -> String {
    format!("topics/{slug}/")
}

/// A topic's Atom feed.
pub fn topic_feed(slug: &str) -> String {
    format!("topics/{slug}/feed.xml")
}

/// An entity page.
pub fn entity(slug: &str) -> String {
    format!("entities/{slug}/index.html")
}

/// A Markdown page.
pub fn page(slug: &str) -> String {
    format!("{slug}/index.html")
}

/// Page `number` of the list whose first page is `first_path` (`topics/x/index.html`): the
/// first page itself, then `…/page/2/index.html` and on.
pub fn list_page(first_path: &str, number: usize) -> String {
    if number <= 1 {
        return first_path.to_string();
    }
    let folder = first_path.trim_end_matches("index.html");
    format!("{folder}page/{number}/index.html")
}

/// A page's URL path: its path without `index.html` (`articles/x/`, `` for home).
pub fn url_path(path: &str) -> String {
    path.trim_end_matches("index.html").to_string()
}

/// A path as a link carries it (`topics/%EC%9E%A5…/index.html`): a Unicode topic or entity
/// slug percent-encoded (#17). The other functions here return the raw form, which is the
/// output file's name; links get this one.
pub fn href(path: &str) -> String {
    crate::model::encode_path(path).into_owned()
}

/// The prefix from the page at `path` back to the site root (`../../`, `` at the root).
pub fn root_for(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// A file of search result documents (`render::search::DOCS_PER_SHARD` articles each).
pub fn search_doc(number: usize) -> String {
    format!("search/docs/{number}.json")
}

/// A shard of the search index's postings.
pub fn search_terms(number: usize) -> String {
    format!("search/terms/{number}.json")
}

/// `static/<stem>.<hash>.<ext>`: a name that changes when the bytes do, for cache busting.
pub fn hashed_asset(name: &str, bytes: &[u8]) -> String {
    let hash = blake3::hash(bytes).to_hex();
    let short = &hash.as_str()[..10];
    match name.rsplit_once('.') {
        Some((stem, extension)) if !stem.is_empty() && !stem.ends_with('/') => {
            format!("static/{stem}.{short}.{extension}")
        }
        _ => format!("static/{name}.{short}"),
    }
}

/// The generated code stylesheet (computed only when a page has code).
pub fn code_stylesheet() -> String {
    hashed_asset("code.css", super::highlight::stylesheet().as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_list_pages_sit_under_the_first_pages_folder() {
        assert_eq!(list_page("index.html", 1), "index.html");
        assert_eq!(list_page("index.html", 3), "page/3/index.html");
        assert_eq!(
            list_page(&topic("attention"), 2),
            "topics/attention/page/2/index.html"
        );
    }

    #[test]
    fn roots_climb_one_level_per_folder() {
        assert_eq!(root_for(HOME), "");
        assert_eq!(root_for(&article("x")), "../../");
        assert_eq!(url_path(&article("x")), "articles/x/");
        assert_eq!(root_for(&as_copied("x")), "../../../");
    }

    #[test]
    fn hashed_assets_keep_their_extension() {
        let path = hashed_asset("style.css", b"body{}");
        assert!(
            path.starts_with("static/style.") && path.ends_with(".css"),
            "{path}"
        );
        assert_eq!(path.len(), "static/style..css".len() + 10);
        assert!(hashed_asset("LICENSE", b"x").starts_with("static/LICENSE."));
    }
}
