//! Pagination: how long lists (home, a topic, an entity's mentions) are cut into pages.
//!
//! Takes a list's length, `per_page` and a page number; returns the range of items the page
//! shows and the [`PaginationView`] its `partials/pagination.html` receives. Pure arithmetic:
//! the paths come from [`super::paths::list_page`].

use serde::Serialize;

use super::paths;

/// How many pages a list of `length` items takes at `per_page` a page (at least one, so an
/// empty list still has its page).
pub fn page_count(length: usize, per_page: usize) -> usize {
    length.div_ceil(per_page.max(1)).max(1)
}

/// The items of page `number` (from 1) of a list of `length` items.
pub fn page_range(length: usize, per_page: usize, number: usize) -> std::ops::Range<usize> {
    let per_page = per_page.max(1);
    let start = (number.saturating_sub(1) * per_page).min(length);
    start..(start + per_page).min(length)
}

/// A list's page links: where this page is among `count`, with the first, the last and
/// the pages around this one (a gap, `number: None`, stands for the ones left out).
#[derive(Debug, Clone, Serialize)]
pub struct PaginationView {
    /// This page, from 1.
    pub number: usize,
    /// How many pages the list has.
    pub count: usize,
    /// The previous page's path, if any.
    pub previous: Option<String>,
    /// The next page's path, if any.
    pub next: Option<String>,
    /// The page links to show, in order.
    pub pages: Vec<PageLinkView>,
}

/// One link of a [`PaginationView`].
#[derive(Debug, Clone, Serialize)]
pub struct PageLinkView {
    /// The page's number; `None` for a gap.
    pub number: Option<usize>,
    /// Its path.
    pub path: String,
    /// Whether it is the page being shown.
    pub is_current: bool,
}

/// The pagination of page `number` of `count` of the list whose first page is `first_path`.
pub fn pagination_of(first_path: &str, number: usize, count: usize) -> PaginationView {
    let shown = |n: usize| n == 1 || n == count || n.abs_diff(number) <= 2;
    let mut pages = Vec::new();
    for n in 1..=count {
        if shown(n) {
            pages.push(PageLinkView {
                number: Some(n),
                path: paths::list_page(first_path, n),
                is_current: n == number,
            });
        } else if pages
            .last()
            .is_some_and(|p: &PageLinkView| p.number.is_some())
        {
            pages.push(PageLinkView {
                number: None,
                path: String::new(),
                is_current: false,
            });
        }
    }
    PaginationView {
        number,
        count,
        previous: (number > 1).then(|| paths::list_page(first_path, number - 1)),
        next: (number < count).then(|| paths::list_page(first_path, number + 1)),
        pages,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_list_still_has_one_page() {
        assert_eq!(page_count(0, 10), 1);
        assert_eq!(page_count(21, 10), 3);
        assert_eq!(page_range(21, 10, 3), 20..21);
        assert_eq!(page_range(5, 10, 2), 5..5);
    }

    #[test]
    fn far_pages_collapse_into_one_gap() {
        let view = pagination_of("index.html", 1, 9);
        let numbers: Vec<Option<usize>> = view.pages.iter().map(|p| p.number).collect();
        assert_eq!(numbers, [Some(1), Some(2), Some(3), None, Some(9)]);
        assert_eq!(view.previous, None);
        assert_eq!(view.next.as_deref(), Some("page/2/index.html"));
    }
}
