//! The frame every page shares: its [`PageMeta`], its pagination, the Markdown it renders
//! and the problems that Markdown had.
//!
//! Takes a page family's view, its head (title, description, kind, language) and its path;
//! returns a [`Page`]: the template to render, the whole context the template receives
//! (`page`, `pagination` and the family's own names), and the `@/` links and chart
//! directives that pointed nowhere, as errors naming the file they were written in.

use std::path::{Path, PathBuf};

use serde::Serialize;

use super::markdown::{LinkBase, Markdown, render_markdown};
use super::pagination::PaginationView;
use super::paths;
use super::site::Views;
use crate::error::{Anchor, Diagnostic, did_you_mean};

/// What every page template receives about the page itself.
#[derive(Debug, Clone, Serialize)]
pub struct PageMeta {
    /// Prefix from this page back to the site root (`../../`, or `` on the home page).
    pub root: String,
    /// This page's root-relative URL path (`articles/x/`), `` for home.
    pub url_path: String,
    /// Absolute canonical URL.
    pub canonical_url: String,
    /// Text for `<title>` (without the site name).
    pub title: String,
    /// Meta description.
    pub description: String,
    /// `lang` of the page.
    pub language: String,
    /// Which template: `home`, `article`, `topics`, `topic`, `page`, `search`, `404`.
    pub kind: &'static str,
    /// Whether the page has highlighted code and needs the code stylesheet.
    pub has_code: bool,
    /// Root-relative path of the syntax stylesheet, when `has_code`.
    pub code_stylesheet: Option<String>,
}

/// What a page says about itself, for its [`PageMeta`].
pub struct Head {
    /// The template.
    pub template: &'static str,
    /// Text for `<title>`, before any "(page n of m)".
    pub title: String,
    /// Meta description.
    pub description: String,
    /// Which template, for `page.kind`.
    pub kind: &'static str,
    /// The page's language when not the site's.
    pub language: Option<String>,
}

/// The whole context of one page's template: the family's own names (`article`,
/// `articles`, `topic`…), `pagination` (null on pages that are not lists) and `page`.
#[derive(Debug, Serialize)]
pub struct PageContext<V> {
    /// The family's view.
    #[serde(flatten)]
    pub view: V,
    /// Where the page is in its list.
    pub pagination: Option<PaginationView>,
    /// The page itself.
    pub page: PageMeta,
}

/// One page, ready for its template.
#[derive(Debug)]
pub struct Page<V> {
    /// Output path.
    pub path: String,
    /// The template to render.
    pub template: &'static str,
    /// What the template receives.
    pub context: PageContext<V>,
    /// Broken `@/` links and unknown charts in the page's Markdown.
    pub problems: Vec<Diagnostic>,
    /// Whether the page holds highlighted code.
    pub has_code: bool,
}

impl<V> Page<V> {
    /// The same page with its view wrapped (into the one type every family's view fits).
    pub fn map<W>(self, wrap: impl FnOnce(V) -> W) -> Page<W> {
        let Page {
            path,
            template,
            context,
            problems,
            has_code,
        } = self;
        Page {
            path,
            template,
            context: PageContext {
                view: wrap(context.view),
                pagination: context.pagination,
                page: context.page,
            },
            problems,
            has_code,
        }
    }
}

/// Renders one page's Markdown with the page's root, remembering what it found: code (for
/// the stylesheet), `@/` links to no page and charts naming no data figure.
pub struct MarkdownSink<'v> {
    views: &'v Views<'v>,
    root: String,
    has_code: bool,
    broken: Vec<(PathBuf, String)>,
    missing_charts: Vec<(PathBuf, String)>,
}

impl<'v> MarkdownSink<'v> {
    /// A sink for Markdown on a page whose links start with `root`.
    pub fn new(views: &'v Views<'v>, root: &str) -> Self {
        MarkdownSink {
            views,
            root: root.to_string(),
            has_code: false,
            broken: Vec::new(),
            missing_charts: Vec::new(),
        }
    }

    /// The HTML of `source`, written in the file at `origin`.
    pub fn render(&mut self, source: &str, origin: &Path) -> String {
        let chart_lookup = |name: &str| self.views.charts.get(name).cloned();
        let Markdown {
            html,
            has_code,
            broken_links,
            unknown_charts,
        } = render_markdown(
            source,
            LinkBase {
                root: &self.root,
                known_pages: &self.views.known_pages,
                charts: Some(&chart_lookup),
            },
        );
        self.has_code |= has_code;
        self.broken
            .extend(broken_links.into_iter().map(|l| (origin.to_path_buf(), l)));
        self.missing_charts.extend(
            unknown_charts
                .into_iter()
                .map(|c| (origin.to_path_buf(), c)),
        );
        html
    }

    /// Whether some Markdown held highlighted code, and an error for each chart directive
    /// naming no figure and each `@/` link to no page.
    pub fn finish(self) -> (bool, Vec<Diagnostic>) {
        let mut errors = Vec::new();
        for (origin, chart) in self.missing_charts {
            errors.push(
                Diagnostic::error(format!("chart `{chart}` names no data figure"))
                    .in_file(origin)
                    .anchored(Anchor::Line(chart.clone()))
                    .help(format!(
                        "add `content/data/{chart}.toml`, or correct the name in the ```chart block"
                    )),
            );
        }
        for (origin, link) in self.broken {
            let forms = "internal links look like `@/articles/<slug>/`, `@/topics/<slug>/` or `@/<page-slug>/`";
            let known_links: Vec<String> = self
                .views
                .known_pages
                .iter()
                .map(|p| format!("@/{}", paths::url_path(p)))
                .collect();
            let help = match did_you_mean(&link, known_links.iter().map(String::as_str)) {
                Some(close) => format!("did you mean `{close}`? {forms}"),
                None => forms.to_string(),
            };
            errors.push(
                Diagnostic::error(format!("link `{link}` points to no page"))
                    .in_file(origin)
                    .anchored(Anchor::Text(link.clone()))
                    .help(help),
            );
        }
        (self.has_code, errors)
    }
}

/// Puts a family's view in its frame: the page's [`PageMeta`] (its title gets
/// "(page n of m)" past a list's first page) and what its Markdown found.
pub fn frame<V>(
    views: &Views<'_>,
    path: String,
    head: Head,
    view: V,
    pagination: Option<PaginationView>,
    markdown: MarkdownSink<'_>,
) -> Page<V> {
    let config = views.site.config;
    let (has_code, problems) = markdown.finish();
    let Head {
        template,
        mut title,
        description,
        kind,
        language,
    } = head;
    if let Some(pagination) = pagination.as_ref().filter(|p| p.number > 1) {
        title = format!(
            "{title} (page {} of {})",
            pagination.number, pagination.count
        );
    }
    // The 404 page is served at any depth, so its links start from the site's path.
    let root = if kind == "404" {
        config.base_url.path().to_string()
    } else {
        paths::root_for(&path)
    };
    let url_path = paths::href(&paths::url_path(&path));
    let page = PageMeta {
        canonical_url: config.base_url.join(&url_path),
        url_path,
        root,
        title,
        description,
        language: language.unwrap_or_else(|| config.language.clone()),
        kind,
        has_code,
        code_stylesheet: has_code.then(paths::code_stylesheet),
    };
    Page {
        path,
        template,
        context: PageContext {
            view,
            pagination,
            page,
        },
        problems,
        has_code,
    }
}
