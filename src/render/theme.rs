//! Theme: a theme's files → compiled tera templates and hashed assets, and the template
//! errors rendering reports.
//!
//! Takes the theme's templates and static files as `load` read them; returns a [`Theme`]
//! (every syntax error and every missing required template reported, not just the first)
//! and, per build, the [`Templates`] every output renders through, with the site view as
//! the global `site`. A template error names the template file, line and column.

use std::collections::BTreeMap;
use std::path::Path;

use tera::{Context, Tera};

use super::filters;
use crate::error::{Diagnostic, Diagnostics};
use crate::load::{SourceFile, THEMES_DIR, ThemeFiles};
use crate::view::paths;
use crate::view::site::SiteView;

/// Templates every theme must provide.
pub const REQUIRED_TEMPLATES: &[&str] = &[
    "index.html",
    "article.html",
    "topics.html",
    "topic.html",
    "page.html",
    "404.html",
    "feed.xml",
    "sitemap.xml",
    "robots.txt",
    "partials/article_body.html",
    "partials/chart.html",
    "entities.html",
    "entity.html",
    "timeline.html",
    "citation.bib",
    "citation.ris",
    "search.html",
];

/// The page links of a paginated list; optional (empty when a theme lacks it), so themes
/// made before pagination still build.
pub const PAGINATION_TEMPLATE: &str = "partials/pagination.html";

/// An article's seed as copied, line by line; optional (the default theme's own is used
/// when a theme lacks it), so themes made before the page existed still build.
pub const AS_COPIED_TEMPLATE: &str = "as_copied.html";

/// The default theme's [`AS_COPIED_TEMPLATE`]: the stand-in for a theme without one. It
/// extends the theme's own `base.html`, so the page keeps the theme's frame.
const DEFAULT_AS_COPIED: &str = include_str!("../../themes/default/templates/as_copied.html");

/// Templates an EPUB needs, under the theme's `templates/epub/`.
pub const EPUB_TEMPLATES: &[&str] = &[
    "epub/container.xml",
    "epub/package.opf",
    "epub/nav.xhtml",
    "epub/title.xhtml",
    "epub/chapter.xhtml",
    "epub/topics.xhtml",
    "epub/page.xhtml",
    "epub/style.css",
];

/// A theme whose templates compiled, with its assets under their hashed names.
#[derive(Clone)]
pub struct Theme {
    tera: Tera,
    template_files: BTreeMap<String, SourceFile>,
    /// Assets: name in `static/` → (output path, bytes).
    assets: BTreeMap<String, (String, Vec<u8>)>,
    /// [`theme_fingerprint`] of the files it was compiled from.
    fingerprint: blake3::Hash,
}

impl std::fmt::Debug for Theme {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Theme")
            .field("templates", &self.template_files.keys())
            .finish_non_exhaustive()
    }
}

impl Theme {
    /// Each asset's hashed path, by its name in the theme's `static/`.
    pub fn asset_paths(&self) -> BTreeMap<String, String> {
        self.assets
            .iter()
            .map(|(name, (path, _))| (name.clone(), path.clone()))
            .collect()
    }

    /// Each asset's hashed path and bytes.
    pub fn assets(&self) -> impl Iterator<Item = &(String, Vec<u8>)> {
        self.assets.values()
    }

    /// [`theme_fingerprint`] of the files it was compiled from.
    pub fn fingerprint(&self) -> &blake3::Hash {
        &self.fingerprint
    }
}

/// A theme's templates for one build, with the site view as the global `site`.
pub struct Templates<'t> {
    tera: Tera,
    template_files: &'t BTreeMap<String, SourceFile>,
    theme_name: &'t str,
}

impl<'t> Templates<'t> {
    /// The theme's templates, every one seeing `site`.
    pub fn new(theme: &'t Theme, theme_name: &'t str, site: &SiteView) -> Self {
        let mut tera = theme.tera.clone();
        tera.global_context().insert("site", site);
        Templates {
            tera,
            template_files: &theme.template_files,
            theme_name,
        }
    }

    /// Renders `template` with `context`.
    ///
    /// # Errors
    /// The template error, with the template's file, line and column.
    pub fn render(&self, template: &str, context: &Context) -> Result<String, Diagnostic> {
        self.tera
            .render(template, context)
            .map_err(|error| self.error(&error, template))
    }

    /// The diagnostic of a template error found rendering `template`.
    pub fn error(&self, error: &tera::Error, template: &str) -> Diagnostic {
        template_diagnostic(error, self.template_files, self.theme_name, template)
    }
}

/// Compiles a theme's templates once per build, reporting every template with a syntax
/// error and every missing required template.
pub fn compile_theme(
    files: &ThemeFiles,
    theme_name: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Theme> {
    let errors_before = diagnostics.error_count();
    let template_files = complete_templates(files, theme_name, diagnostics);
    // Each template alone first, so that every syntax error is reported, not just the first.
    for (name, file) in &template_files {
        let mut scratch = Tera::new();
        configure(&mut scratch);
        if let Err(error) = scratch.add_raw_template(name, &file.text)
            && matches!(error.kind(), tera::ErrorKind::SyntaxError(_))
        {
            diagnostics.push(template_diagnostic(
                &error,
                &template_files,
                theme_name,
                name,
            ));
        }
    }
    if diagnostics.error_count() > errors_before {
        return None;
    }
    let mut tera = Tera::new();
    configure(&mut tera);
    if let Err(error) = tera.add_raw_templates(
        template_files
            .iter()
            .map(|(n, f)| (n.as_str(), f.text.as_str())),
    ) {
        diagnostics.push(template_diagnostic(
            &error,
            &template_files,
            theme_name,
            "index.html",
        ));
        return None;
    }
    let assets = files
        .static_files
        .iter()
        .map(|file| {
            (
                file.name.clone(),
                (
                    paths::hashed_asset(&file.name, &file.bytes),
                    file.bytes.clone(),
                ),
            )
        })
        .collect();
    Some(Theme {
        tera,
        template_files,
        assets,
        fingerprint: theme_fingerprint(files, theme_name),
    })
}

/// The theme's templates, each required one missing reported as an error, and an empty
/// pagination partial (with a warning) when the theme lacks one.
fn complete_templates(
    files: &ThemeFiles,
    theme_name: &str,
    diagnostics: &mut Diagnostics,
) -> BTreeMap<String, SourceFile> {
    let mut template_files: BTreeMap<String, SourceFile> =
        files.templates.iter().cloned().collect();
    for required in REQUIRED_TEMPLATES.iter().chain(EPUB_TEMPLATES) {
        if !template_files.contains_key(*required) {
            diagnostics.push(
                Diagnostic::error(format!("theme `{theme_name}` has no template `{required}`"))
                    .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
                    .help(format!("add `templates/{required}` to the theme (copy it from themes/default to start)")),
            );
        }
    }
    // Themes copied before lists were paginated still build; they only lack the links (an
    // empty stand-in answers any include of the partial).
    if !template_files.contains_key(PAGINATION_TEMPLATE) {
        template_files.insert(
            PAGINATION_TEMPLATE.to_string(),
            SourceFile::new(
                Path::new(THEMES_DIR)
                    .join(theme_name)
                    .join("templates")
                    .join(PAGINATION_TEMPLATE),
                String::new(),
            ),
        );
        diagnostics.push(
            Diagnostic::warning(format!("theme `{theme_name}` has no template `{PAGINATION_TEMPLATE}`"))
                .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
                .help(format!("lists longer than `per_page` then show no links to their other pages; copy `templates/{PAGINATION_TEMPLATE}` from themes/default and include it in index.html, topic.html and entity.html")),
        );
    }
    // Themes copied before the "as copied" page existed get the default theme's (a page
    // every article links to cannot be left empty).
    if !template_files.contains_key(AS_COPIED_TEMPLATE) {
        template_files.insert(
            AS_COPIED_TEMPLATE.to_string(),
            SourceFile::new(
                Path::new(THEMES_DIR)
                    .join(theme_name)
                    .join("templates")
                    .join(AS_COPIED_TEMPLATE),
                DEFAULT_AS_COPIED.to_string(),
            ),
        );
        diagnostics.push(
            Diagnostic::warning(format!("theme `{theme_name}` has no template `{AS_COPIED_TEMPLATE}`"))
                .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
                .help(format!("each article's \"as copied\" page uses the default theme's template, inside this theme's `base.html`; copy `templates/{AS_COPIED_TEMPLATE}` from themes/default to change it, and link it from article.html with `article.as_copied_path`")),
        );
    }
    template_files
}

/// A hash of a theme's name, templates and static files: equal hashes mean the same theme.
pub fn theme_fingerprint(files: &ThemeFiles, theme_name: &str) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(theme_name.as_bytes());
    for (name, file) in &files.templates {
        for part in [name.as_bytes(), file.text.as_bytes()] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    for file in &files.static_files {
        for part in [file.name.as_bytes(), &file.bytes] {
            hasher.update(&(part.len() as u64).to_le_bytes());
            hasher.update(part);
        }
    }
    hasher.finalize()
}

/// Filters and escaping every theme gets: XHTML and OPF (the EPUB's documents) are escaped
/// like HTML and XML.
fn configure(tera: &mut Tera) {
    tera.autoescape_on([".html", ".htm", ".xml", ".xhtml", ".opf"]);
    filters::register_filters(tera);
}

fn template_diagnostic(
    error: &tera::Error,
    files: &BTreeMap<String, SourceFile>,
    theme_name: &str,
    fallback: &str,
) -> Diagnostic {
    match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let name = if report.filename().is_empty() {
                fallback
            } else {
                report.filename()
            };
            let kind = if matches!(error.kind(), tera::ErrorKind::SyntaxError(_)) {
                "syntax error"
            } else {
                "error"
            };
            let diagnostic = Diagnostic::error(format!("template {kind} in `{name}`"));
            match files.get(name) {
                Some(file) => {
                    let span = report.span();
                    let line_text = file
                        .text
                        .lines()
                        .nth(span.start_line.saturating_sub(1))
                        .unwrap_or_default();
                    let mut located = diagnostic.in_file(&file.path).at_line(
                        span.start_line,
                        span.start_col + 1,
                        line_text,
                    );
                    if let Some(location) = located.location.as_mut()
                        && span.end_line == span.start_line
                        && span.end_col > span.start_col
                    {
                        location.width = span.end_col - span.start_col;
                    }
                    label_and_help(located, report.message())
                }
                None => label_and_help(diagnostic, report.message()),
            }
        }
        _ => Diagnostic::error(format!("template error in theme `{theme_name}`"))
            .in_file(Path::new(THEMES_DIR).join(theme_name).join("templates"))
            .label(lowercase_first(&error.to_string())),
    }
}

/// Puts tera's message under the caret; its list of the fields a value has, which would make
/// the label run on for a whole screen line, becomes the `help:`.
fn label_and_help(diagnostic: Diagnostic, message: &str) -> Diagnostic {
    match message.split_once(". Available fields: ") {
        Some((what, fields)) => {
            let fields = fields
                .trim_end_matches('.')
                .split(", ")
                .map(|f| format!("`{f}`"))
                .collect::<Vec<_>>()
                .join(", ");
            diagnostic
                .label(lowercase_first(what))
                .help(format!("available fields: {fields}"))
        }
        None => diagnostic.label(lowercase_first(message)),
    }
}

fn lowercase_first(message: &str) -> String {
    let message = message.trim_end_matches('.');
    let mut chars = message.chars();
    match chars.next() {
        Some(first) if chars.clone().next().is_some_and(char::is_lowercase) => {
            first.to_lowercase().chain(chars).collect()
        }
        _ => message.to_string(),
    }
}
