//! Render: the views → every output file's bytes, through the theme's tera templates.
//!
//! Takes the linked [`Site`] and a compiled [`Theme`]; asks the view stage
//! ([`crate::view`]) for the site-wide views, every page's key and view, and gives each
//! finished file to an [`Output`]: HTML pages, citation files, Atom feeds, the sitemap,
//! robots.txt, the search index, the EPUB, the citation files (`citations`) and the
//! theme's content-hashed assets. No HTML is
//! assembled here and no view is built here: templates choose all markup, the view stage
//! chooses what they show. Pages are rendered in parallel; with the last build's memos, a
//! file whose key is unchanged is kept instead of rendered. Reads no files.
//!
//! The parts: [`theme`] (compiling a theme, template errors), `page` (the page job
//! loop), `feed`, [`search`] (and `postings`, its term index), `epub`, [`filters`] (the `bibtex`, `ris` and `json`
//! template filters), [`memo`] (which files a rebuild keeps) and [`output`].

mod citations;
pub mod compact;
mod epub;
mod feed;
pub mod filters;
pub mod memo;
pub mod output;
mod page;
mod postings;
pub mod search;
pub mod theme;
mod xml_output;

use rayon::prelude::*;
use tera::Context;

pub use epub::EpubMemo;
use memo::RenderMemo;
pub use output::Output;
use page::JobOutcome;
pub use search::SearchMemo;
pub use theme::{
    AS_COPIED_TEMPLATE, EPUB_TEMPLATES, PAGINATION_TEMPLATE, REQUIRED_TEMPLATES, Templates, Theme,
    compile_theme, theme_fingerprint,
};

use crate::error::Diagnostic;
use crate::link::Site;
use crate::timing::measure;
use crate::view::chart::chart_views;
use crate::view::jobs::page_jobs;
use crate::view::site::Views;
use crate::view::{highlight, paths};

/// What the last written build left for this one: the key and hash of every file it
/// rendered, the EPUB's compressed parts and the search postings (taken: the build patches
/// them in place, so one that fails leaves none).
pub struct LastBuild<'m> {
    /// Every page, feed and search document's key and written hash.
    pub files: &'m RenderMemo,
    /// The EPUB's compressed chapters and documents.
    pub epub: &'m EpubMemo,
    /// The search index's postings.
    pub search: Option<SearchMemo>,
    /// Where the new postings go as soon as they are made, instead of into
    /// [`Rendered::search`] (a one-off build stores them on disk and need not hold them).
    pub store_search: Option<&'m dyn Fn(&SearchMemo)>,
}

/// What rendering produced, besides the files it gave to the [`Output`].
#[derive(Debug, Default)]
pub struct Rendered {
    /// How many HTML pages there are.
    pub page_count: usize,
    /// Pages kept from the last build without rendering them.
    pub kept: usize,
    /// What each file was rendered from, for the next build (empty without a last build).
    pub files: RenderMemo,
    /// The EPUB's compressed parts, for the next build.
    pub epub: EpubMemo,
    /// The search postings, for the next build (only with a last build).
    pub search: Option<SearchMemo>,
}

/// Renders every page, feed and asset into `output`. With `last` (what the last written
/// build rendered), a file whose inputs are unchanged is kept as it is in the output
/// instead of being rendered again; `is_verifying` renders it all the same and reports an
/// error if its bytes changed.
///
/// # Errors
/// Every template error (with its template and line) and every `@/` link to a missing page.
/// Files finished before an error was found have gone to `output` all the same: the caller
/// throws them away.
pub fn render_site(
    site: &Site<'_>,
    theme: &Theme,
    output: &dyn Output,
    last: Option<LastBuild<'_>>,
    is_verifying: bool,
) -> Result<Rendered, Vec<Diagnostic>> {
    let (files, last_epub, previous_search, store_search) = match last {
        Some(LastBuild {
            files,
            epub,
            search,
            store_search,
        }) => (Some(files), Some(epub), search, store_search),
        None => (None, None, None, None),
    };
    let started = std::time::Instant::now();
    let config = site.config;
    let mut views = Views::new(site, theme.asset_paths());
    let templates = Templates::new(theme, &config.theme, &views.site_view);
    let mut diagnostics = draw_charts(&mut views, &templates);
    let views = views;
    crate::timing::report("render: shared views", started);
    let site_key = measure("render: site key", || {
        files.map(|_| views.site_key(theme.fingerprint()))
    });
    let memo = files.zip(site_key.as_ref());
    let mut rendered = Rendered::default();
    let citations = match config.outputs.citations.then(|| {
        measure("render citations", || {
            citations::Citations::render(&views, &templates)
        })
    }) {
        Some(Ok(citations)) => {
            citations.write_files(&views, output);
            Some(citations)
        }
        Some(Err(found)) => {
            diagnostics.extend(found);
            None
        }
        None => None,
    };
    render_pages(
        &views,
        &templates,
        output,
        (memo, citations.as_ref()),
        is_verifying,
        &mut rendered,
        &mut diagnostics,
    );
    drop(citations);
    match measure("render feeds", || {
        feed::render_feeds_and_indexes(&views, &templates, output, memo, is_verifying)
    }) {
        Ok(entries) => {
            for (path, entry) in entries {
                rendered.files.insert(path, entry);
            }
        }
        Err(found) => diagnostics.extend(found),
    }
    if config.outputs.search {
        let (entries, kept_search, found) = measure("render search index", || {
            search::render_search_index(&views, output, memo, previous_search, is_verifying)
        });
        for (path, entry) in entries {
            rendered.files.insert(path, entry);
        }
        rendered.search = match (kept_search, store_search) {
            (Some(memo), Some(store)) => {
                measure("cache: store search memo", || store(&memo));
                None
            }
            (kept, _) => kept,
        };
        diagnostics.extend(found);
    }
    if config.outputs.epub {
        let epub_memo = last_epub.zip(site_key.as_ref());
        match measure("render epub", || {
            epub::render_epub(&views, &templates, epub_memo, is_verifying)
        }) {
            Ok((bytes, chunks)) => {
                output.put(paths::EPUB, bytes);
                rendered.epub = chunks;
            }
            Err(found) => diagnostics.extend(found),
        }
    }
    for (path, bytes) in theme.assets() {
        output.put(path, bytes.clone());
    }
    report_once(diagnostics, rendered)
}

/// Renders (or keeps) every page job (from `page_jobs`) in parallel, into `output` and
/// `rendered`, with the memo and the citation entries; adds the code stylesheet when a
/// page holds highlighted code.
fn render_pages(
    views: &Views<'_>,
    templates: &Templates<'_>,
    output: &dyn Output,
    (memo, citations): (
        Option<(&RenderMemo, &blake3::Hash)>,
        Option<&citations::Citations>,
    ),
    is_verifying: bool,
    rendered: &mut Rendered,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let jobs = page_jobs(views);
    let results: Vec<JobOutcome> = measure("render pages", || {
        let progress = crate::console::progress::counted("rendered pages", jobs.len());
        jobs.par_iter()
            .map(|&job| {
                page::render_or_keep(views, templates, job, output, memo, citations, is_verifying)
            })
            .inspect(|_| progress.advance())
            .collect()
    });
    let any_code = collect_pages(results, output, is_verifying, rendered, diagnostics);
    if any_code {
        output.put(
            &paths::code_stylesheet(),
            highlight::stylesheet().as_bytes().to_vec(),
        );
    }
}

/// `rendered`, or the errors among `diagnostics`: a template error repeats on every page
/// the template renders, so each distinct diagnostic is reported once.
fn report_once(
    diagnostics: Vec<Diagnostic>,
    rendered: Rendered,
) -> Result<Rendered, Vec<Diagnostic>> {
    let mut unique: Vec<Diagnostic> = Vec::with_capacity(diagnostics.len());
    for diagnostic in diagnostics {
        if !unique.contains(&diagnostic) {
            unique.push(diagnostic);
        }
    }
    if unique.iter().any(Diagnostic::is_error) {
        Err(unique)
    } else {
        Ok(rendered)
    }
}

/// Draws every data figure's chart once through `partials/chart.html` into the views;
/// returns the template errors.
fn draw_charts(views: &mut Views<'_>, templates: &Templates<'_>) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for (slug, chart) in chart_views(views.site, &views.known_pages) {
        let mut context = Context::new();
        context.insert("chart", &chart);
        match templates.render("partials/chart.html", &context) {
            Ok(html) => {
                views.charts.insert(slug, html);
            }
            Err(error) => errors.push(error),
        }
    }
    errors
}

/// Gives the output the pages the memo kept, and counts and records every page job's
/// outcome; returns whether any page holds highlighted code.
fn collect_pages(
    results: Vec<JobOutcome>,
    output: &dyn Output,
    is_verifying: bool,
    rendered: &mut Rendered,
    diagnostics: &mut Vec<Diagnostic>,
) -> bool {
    let mut any_code = false;
    let kept: Vec<(&str, blake3::Hash)> = results
        .iter()
        .filter(|outcome| outcome.kept && !is_verifying)
        .filter_map(|outcome| outcome.memo.as_ref())
        .map(|(path, entry)| (path.as_str(), entry.written))
        .collect();
    output.keep(&kept);
    drop(kept);
    for outcome in results {
        rendered.page_count += usize::from(outcome.is_page);
        rendered.kept += usize::from(outcome.kept);
        any_code |= outcome.has_code;
        diagnostics.extend(outcome.diagnostics);
        if let Some((path, entry)) = outcome.memo {
            rendered.files.insert(path, entry);
        }
    }
    any_code
}
