//! Pages: one job per output page, rendered through its template or kept from the last
//! build.
//!
//! Takes the site-wide views, the build's templates and a [`PageJob`]; asks the view stage
//! for the job's key and, unless the memo keeps the page, for its [`Page`] (template,
//! context, problems), renders it and hands the bytes to the [`Output`]. An article page
//! also receives its citation entries as `citation_files` (see `citations`).

use tera::Context;

use super::citations::{CitationLinks, Citations};
use super::memo::{MemoEntry, RenderMemo, changed_while_kept, known_entry};
use super::output::Output;
use super::theme::Templates;
use crate::error::Diagnostic;
use crate::view::jobs::PageJob;
use crate::view::page::Page;
use crate::view::site::Views;

/// What became of one page job.
pub(super) struct JobOutcome {
    /// Whether the job made an HTML page.
    pub(super) is_page: bool,
    /// Whether the page holds highlighted code.
    pub(super) has_code: bool,
    /// Whether the page was kept from the last build.
    pub(super) kept: bool,
    /// The page's memo entry for the next build.
    pub(super) memo: Option<(String, MemoEntry)>,
    /// Errors found rendering it.
    pub(super) diagnostics: Vec<Diagnostic>,
}

/// Renders one job into `output`, or, with a memo (the last written build's, and the
/// site-wide key), keeps the page the last build wrote when the job's key is unchanged.
/// Verifying renders it all the same and reports an error if its bytes changed.
/// `citations` holds every article's entries when `[outputs] citations` is on.
pub(super) fn render_or_keep(
    views: &Views<'_>,
    templates: &Templates<'_>,
    job: PageJob,
    output: &dyn Output,
    memo: Option<(&RenderMemo, &blake3::Hash)>,
    citations: Option<&Citations>,
    is_verifying: bool,
) -> JobOutcome {
    let key = memo.map(|(_, site_key)| job.key(views, site_key));
    let path = job.path(views);
    let is_page = path.ends_with(".html");
    let (known, is_kept) = known_entry(memo, key.as_ref(), &path, output, is_verifying);
    if let Some(entry) = known.filter(|_| is_kept) {
        return JobOutcome {
            is_page,
            has_code: entry.has_code,
            kept: true,
            memo: Some((path, entry)),
            diagnostics: Vec::new(),
        };
    }
    let started = crate::timing::enabled().then(std::time::Instant::now);
    let page = job.page(views);
    let has_code = page.has_code;
    let links = match job {
        PageJob::Article(index) => citations.and_then(|c| c.links(views, index)),
        _ => None,
    };
    let result = render_with(templates, page, links.as_ref());
    if let Some(started) = started {
        crate::timing::report_slow(&path, started);
    }
    let text = match result {
        Ok(text) => text,
        Err(found) => {
            return JobOutcome {
                is_page: false,
                has_code: false,
                kept: false,
                memo: None,
                diagnostics: found,
            };
        }
    };
    let written = output.put(&path, text.into_bytes());
    let mut diagnostics = Vec::new();
    if let (Some(entry), Some(written)) = (known, written)
        && entry.written != written
    {
        diagnostics.push(changed_while_kept(&format!("`{path}`")));
    }
    JobOutcome {
        is_page,
        has_code,
        // Verifying, a page the memo would have kept counts as kept.
        kept: known.is_some() && is_verifying,
        memo: key.zip(written).map(|(key, written)| {
            (
                path,
                MemoEntry {
                    key,
                    written,
                    has_code,
                },
            )
        }),
        diagnostics,
    }
}

/// A page's text through its template; the page's own problems (broken `@/` links,
/// unknown charts) fail it as a template error would.
pub(super) fn render_page<V: serde::Serialize>(
    templates: &Templates<'_>,
    page: Page<V>,
) -> Result<String, Vec<Diagnostic>> {
    render_with(templates, page, None)
}

/// [`render_page`], with an article's citation entries as `citation_files`.
fn render_with<V: serde::Serialize>(
    templates: &Templates<'_>,
    page: Page<V>,
    links: Option<&CitationLinks>,
) -> Result<String, Vec<Diagnostic>> {
    let Page {
        template,
        context,
        mut problems,
        ..
    } = page;
    let rendered = Context::from_serialize(&context)
        .map(|mut context| {
            if let Some(links) = links {
                context.insert("citation_files", links);
            }
            context
        })
        .map_err(|error| templates.error(&error, template))
        .and_then(|context| templates.render(template, &context));
    match rendered {
        Ok(text) if problems.is_empty() => Ok(text),
        Ok(_) => Err(problems),
        Err(error) => {
            problems.push(error);
            Err(problems)
        }
    }
}
