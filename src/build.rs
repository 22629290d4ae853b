//! Build: runs the pipeline's stages in order; the only module that knows the order.
//!
//! config → load → parse → model → link → render → write. Every stage collects diagnostics;
//! rendered files stream into a staging folder inside the output folder, and only once the
//! whole site rendered without an error are they moved into place, so a failed build leaves
//! the previous output exactly as it was. [`check`] runs the same stages and writes nothing. [`build_cached`] keeps a
//! [`Cache`] between builds (parse results, the compiled theme, which pages minify to
//! what), so `shelf serve` rebuilds only what changed and gets the same bytes as a full build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Overrides, SiteConfig};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::load::{
    SITE_FILE, SourceCache, ThemeFiles, load_sources, load_sources_cached, read_source, theme_names,
};
use crate::parse::cache::ParseCache;
use crate::timing::measure;
use crate::write::{Discard, MinifyMemo, Staging, WriteReport, check_output_folder};
use crate::{link, model, parse, render};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder (holding `site.toml`).
    pub root: PathBuf,
    /// Command-line overrides of `site.toml`.
    pub overrides: Overrides,
}

/// What `shelf check` found: the counts of a build that was rendered and thrown away.
#[derive(Debug)]
pub struct SiteOutput {
    /// The validated configuration.
    pub config: SiteConfig,
    /// HTML pages.
    pub page_count: usize,
    /// Pages kept from the last build (see [`BuildReport::kept_count`]).
    pub kept_count: usize,
    /// Published articles.
    pub article_count: usize,
    /// Topics.
    pub topic_count: usize,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages.
    pub page_count: usize,
    /// Pages and citation files kept from the last build without rendering them, because
    /// nothing they show changed (only with a [`Cache::for_rebuilds`]).
    pub kept_count: usize,
    /// Published articles.
    pub article_count: usize,
    /// Topics.
    pub topic_count: usize,
    /// Files written, left alone and removed.
    pub write: WriteReport,
    /// The output folder.
    pub output: PathBuf,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// Warnings (shown in full by `shelf check`).
    pub warnings: Vec<Diagnostic>,
}

/// Builds the site and writes it to the output folder.
///
/// # Errors
/// [`Error::Content`] with every problem in the project (nothing is written then), or
/// [`Error::Io`] when the output cannot be written.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_cached(options, &mut Cache::default())
}

/// As [`build`], reusing and refreshing what `cache` kept from earlier builds.
///
/// # Errors
/// As [`build`].
pub fn build_cached(options: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let started = Instant::now();
    let config = measure("config", || load_config(&options.root, &options.overrides))?;
    let output = check_output_folder(&options.root, &config.output)?;
    let memo = std::mem::take(&mut cache.minified);
    let staging = measure("write: begin", || {
        Staging::begin(
            &output,
            config.minify,
            cache.is_reused.then_some(&memo),
            cache.manifest.take(),
        )
    })?;
    let (site, rendered) = match render_into(options, config, cache, &staging) {
        Ok(done) => done,
        Err(error) => {
            staging.abort();
            cache.minified = memo;
            return Err(error);
        }
    };
    if cache.is_reused {
        cache.minified = staging.take_memo();
    }
    let (write, manifest) = measure("write", || staging.commit_keeping())?;
    // Only now is the output what the memo describes: a failed build keeps the old memo,
    // like the old output.
    if cache.is_reused {
        cache.rendered = rendered;
        cache.manifest = Some(manifest);
    }
    Ok(BuildReport {
        page_count: site.page_count,
        kept_count: site.kept_count,
        article_count: site.article_count,
        topic_count: site.topic_count,
        write,
        output,
        elapsed: started.elapsed(),
        warnings: site.warnings,
    })
}

/// Runs every stage but `write`: validates the whole project, renders it and throws the
/// files away.
///
/// # Errors
/// As [`build`], without the writing.
pub fn check(options: &BuildOptions) -> Result<SiteOutput> {
    let config = load_config(&options.root, &options.overrides)?;
    render_into(options, config, &mut Cache::default(), &Discard).map(|(site, _)| site)
}

/// Runs load → parse → model → link → render, giving every file to `output`; returns
/// what was built and the memo of what each page was rendered from.
///
/// # Errors
/// [`Error::Content`] with every problem found, or [`Error::Io`] when a folder cannot be read.
fn render_into(
    options: &BuildOptions,
    config: SiteConfig,
    cache: &mut Cache,
    output: &dyn render::Output,
) -> Result<(SiteOutput, render::memo::RenderMemo)> {
    let root = &options.root;
    let mut diagnostics = Diagnostics::default();
    let sources = measure("load", || {
        load_sources_cached(root, &config.theme, &mut diagnostics, &mut cache.sources)
    })?;
    let theme = measure("compile theme", || {
        compile_theme(
            &mut cache.theme,
            &sources.theme,
            &config.theme,
            &mut diagnostics,
        )
    });
    let parsed = measure("parse", || {
        parse::parse_sources_cached(sources, &mut cache.parse, &mut diagnostics)
    });
    let collection = measure("model", || {
        model::build_collection_cached(parsed, sources, &config, &mut diagnostics, &mut cache.model)
    });
    let memo = cache.is_reused.then_some(&mut cache.rendered);
    let rendered = link_and_render(
        &collection,
        &config,
        theme,
        diagnostics,
        &mut cache.link,
        (output, memo, cache.is_verifying),
    );
    if cache.is_reused {
        cache.model.keep(collection);
    }
    let (rendered, warnings) = rendered?;
    Ok((
        SiteOutput {
            page_count: rendered.page_count,
            kept_count: rendered.kept_count,
            article_count: rendered.article_count,
            topic_count: rendered.topic_count,
            config,
            warnings,
        },
        rendered.memo,
    ))
}

/// What [`link_and_render`] made: page, article and topic counts, and the render memo.
struct Rendered {
    page_count: usize,
    kept_count: usize,
    article_count: usize,
    topic_count: usize,
    memo: render::memo::RenderMemo,
}

/// Where rendering puts files: the output, the last build's render memo (when builds are
/// repeated) and whether to verify it.
type RenderTarget<'o> = (
    &'o dyn render::Output,
    Option<&'o mut render::memo::RenderMemo>,
    bool,
);

/// Fails with the diagnostics of the stages so far if one is an error, else runs link and
/// render over the collection, giving every file to the target's output; returns the counts
/// and every warning.
///
/// # Errors
/// [`Error::Content`] with every problem found.
fn link_and_render(
    collection: &model::Collection,
    config: &SiteConfig,
    theme: Option<render::Theme>,
    mut diagnostics: Diagnostics,
    link_cache: &mut link::LinkCache,
    (output, memo, is_verifying): RenderTarget<'_>,
) -> Result<(Rendered, Vec<Diagnostic>)> {
    diagnostics.check()?;
    let Some(theme) = theme else {
        return Err(Error::Content(diagnostics.into_vec()));
    };
    let site = measure("link", || link::link(collection, config, link_cache));
    diagnostics.extend(site.warnings.iter().cloned());
    let rendered =
        render::render_site(&site, &theme, output, memo, is_verifying).map_err(|found| {
            diagnostics.extend(found);
            Error::Content(std::mem::take(&mut diagnostics).into_vec())
        })?;
    let counts = Rendered {
        page_count: rendered.page_count,
        kept_count: rendered.kept,
        memo: rendered.memo,
        article_count: collection.articles.len(),
        topic_count: collection.topics.len(),
    };
    drop(site);
    Ok((counts, diagnostics.into_vec()))
}

/// How the structurer read one article's seed, line by line, for `shelf inspect`.
#[derive(Debug)]
pub struct Inspection {
    /// The seed's path.
    pub seed_path: std::path::PathBuf,
    /// The metadata file whose `[structure]` rules applied.
    pub meta_path: std::path::PathBuf,
    /// Every line with the kind and rule of the blocks holding it.
    pub lines: Vec<crate::parse::text::LineReport>,
}

/// Structures one article's seed with its editorial overrides and reports every line.
///
/// # Errors
/// [`Error::Usage`] for an unknown slug (with a suggestion); [`Error::Content`] when its
/// metadata or seed cannot be read or an override matches nothing.
pub fn inspect(options: &BuildOptions, slug: &str) -> Result<Inspection> {
    let root = &options.root;
    let config = load_config(root, &options.overrides)?;
    let mut diagnostics = Diagnostics::default();
    let sources = load_sources(root, &config.theme, &mut diagnostics)?;
    let meta_path = Path::new(crate::load::CONTENT_DIR)
        .join("articles")
        .join(format!("{slug}.toml"));
    let Some(file) = sources.articles.iter().find(|f| f.path == meta_path) else {
        let slugs: Vec<String> = sources
            .articles
            .iter()
            .filter_map(|f| f.path.file_stem().map(|s| s.to_string_lossy().into_owned()))
            .collect();
        let hint = match crate::error::did_you_mean(slug, slugs.iter().map(String::as_str)) {
            Some(close) => format!("; did you mean `{close}`?"),
            None => String::new(),
        };
        return Err(Error::Usage(format!(
            "no article `{slug}` (looked for `{}`){hint}",
            meta_path.display()
        )));
    };
    let single = crate::load::Sources {
        articles: vec![file.clone()],
        ..sources.clone()
    };
    let mut parsed = parse::parse_sources(&single, &mut diagnostics);
    diagnostics.check()?;
    let Some((_, raw)) = parsed.articles.first() else {
        return Err(Error::Content(diagnostics.into_vec()));
    };
    let seed_name = raw.seed.get_ref().clone();
    let Some(document) = parsed.documents.remove(&seed_name) else {
        return Err(Error::Content(vec![
            Diagnostic::error(format!("seed `{seed_name}` not found in seeds/"))
                .in_file(&meta_path),
        ]));
    };
    Ok(Inspection {
        seed_path: Path::new(crate::load::SEEDS_DIR).join(&seed_name),
        meta_path,
        lines: document.line_report(),
    })
}

/// The report `shelf inspect` prints: a header, one row per line (number, kind, rule, the
/// start of the text), and a count of lines per kind.
pub fn format_inspection(inspection: &Inspection) -> String {
    let mut out = format!(
        "{} structured with the rules in {}\n\n",
        crate::load::slash_path(&inspection.seed_path),
        crate::load::slash_path(&inspection.meta_path)
    );
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for line in &inspection.lines {
        let preview: String = line.text.chars().take(60).collect();
        let ellipsis = if line.text.chars().count() > 60 {
            "…"
        } else {
            ""
        };
        if line.blocks.is_empty() {
            out.push_str(&format!("{:>5}  blank\n", line.number));
            continue;
        }
        for (i, (kind, rule)) in line.blocks.iter().enumerate() {
            let kind = serde_json::to_value(kind)
                .ok()
                .and_then(|v| v.as_str().map(String::from))
                .unwrap_or_default();
            *counts.entry(kind.clone()).or_default() += 1;
            let text = if i == 0 {
                format!("{preview}{ellipsis}")
            } else {
                "  (same line)".to_string()
            };
            out.push_str(&format!(
                "{:>5}  {:<13} {:<20} {}\n",
                line.number, kind, rule, text
            ));
        }
    }
    let summary: Vec<String> = counts
        .iter()
        .map(|(kind, n)| format!("{n} {kind}"))
        .collect();
    out.push_str(&format!(
        "\n{} lines: {}\n",
        inspection.lines.len(),
        summary.join(", ")
    ));
    out
}

/// What builds keep for the next one: the sources read (and what each file looked like on
/// disk), parse results by content hash, the articles modelled, what linking found per
/// document and article, the compiled theme until one of its files changes, and what each
/// page was rendered from. Every entry is checked against the current content (or, for a
/// source file, its size and times), so a cache can only make a build faster, never
/// different.
#[derive(Debug, Default)]
pub struct Cache {
    /// The last build's sources, read again only where a file changed.
    pub sources: SourceCache,
    /// Parsed article metadata and seed documents.
    pub parse: ParseCache,
    /// The last build's articles, reused where their inputs are unchanged.
    pub model: model::ModelCache,
    /// Mentions, terms and related articles found by earlier builds.
    link: link::LinkCache,
    /// The last theme that compiled, with the hash of its name and files.
    theme: Option<(blake3::Hash, render::Theme)>,
    /// Which minified page came from which rendered page: most pages are unchanged after
    /// an edit, and minifying is a large part of rendering.
    minified: MinifyMemo,
    /// What each page of the last written build was rendered from, so an unchanged page
    /// is kept instead of rendered again.
    rendered: render::memo::RenderMemo,
    /// The output's manifest as the last build wrote it, so the next need not read it back.
    manifest: Option<crate::write::KeptManifest>,
    /// Whether to render kept pages anyway and check they did not change (see
    /// [`render::memo`]).
    is_verifying: bool,
    /// Whether another build will use this cache; a one-off build keeps no minified copy
    /// of every page.
    is_reused: bool,
}

impl Cache {
    /// A cache for a series of builds (`shelf serve`): it also keeps every page's minified
    /// bytes. [`Cache::default`] is for one build.
    pub fn for_rebuilds() -> Cache {
        Cache {
            is_reused: true,
            is_verifying: render::memo::is_verifying(),
            link: link::LinkCache::for_rebuilds(),
            ..Cache::default()
        }
    }

    /// This cache, checking on every build that each page it keeps would render to the
    /// same bytes (an error names any that would not).
    pub fn verifying(self) -> Cache {
        Cache {
            is_verifying: true,
            ..self
        }
    }

    /// Forgets what was read and parsed from `path` (relative to the project root; a file or
    /// a folder), so the next build reads it again even if its size and times are unchanged.
    pub fn forget_file(&mut self, path: &Path) {
        self.sources.forget(path);
        self.parse.forget(path);
    }

    /// Forgets the compiled theme, so the next build compiles it again.
    pub fn forget_theme(&mut self) {
        self.theme = None;
    }

    /// Forgets everything.
    pub fn clear(&mut self) {
        let is_verifying = self.is_verifying;
        *self = if self.is_reused {
            Cache::for_rebuilds()
        } else {
            Cache::default()
        };
        self.is_verifying = is_verifying;
    }
}

/// [`render::compile_theme`], or the compiled theme kept (in `kept`) from the last build when
/// no template or static file changed.
fn compile_theme(
    kept: &mut Option<(blake3::Hash, render::Theme)>,
    files: &ThemeFiles,
    theme_name: &str,
    diagnostics: &mut Diagnostics,
) -> Option<render::Theme> {
    let hash = render::theme_fingerprint(files, theme_name);
    if let Some((cached, theme)) = kept {
        if *cached == hash {
            return Some(theme.clone());
        }
    }
    let theme = render::compile_theme(files, theme_name, diagnostics);
    *kept = theme.clone().map(|theme| (hash, theme));
    theme
}

/// Reads and validates `site.toml`.
///
/// # Errors
/// [`Error::Content`] when `site.toml` is missing, unreadable or invalid.
pub fn load_config(root: &Path, overrides: &Overrides) -> Result<SiteConfig> {
    let file = read_source(root, Path::new(SITE_FILE))?;
    let themes = theme_names(root)?;
    SiteConfig::from_source(&file, &themes, overrides).map_err(Error::Content)
}
