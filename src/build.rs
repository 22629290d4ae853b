//! Build: runs the pipeline's stages in order; the only module that knows the order.
//!
//! config → load → parse → model → link → render → write. Every stage before `write` runs
//! into memory and collects diagnostics; the output folder is touched only once the whole
//! site rendered without an error, so a failed build leaves the previous output exactly as it
//! was. [`check`] runs the same stages and writes nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Overrides, SiteConfig};
use crate::error::{Diagnostic, Diagnostics, Error, Result};
use crate::load::{SITE_FILE, load_sources, read_source, theme_names};
use crate::write::{WriteReport, check_output_folder, minify_pages, write_to_disk};
use crate::{link, model, parse, render};

/// What to build and how.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The project folder (holding `site.toml`).
    pub root: PathBuf,
    /// Command-line overrides of `site.toml`.
    pub overrides: Overrides,
}

/// The site, rendered in memory.
#[derive(Debug)]
pub struct SiteOutput {
    /// The validated configuration.
    pub config: SiteConfig,
    /// Output path → bytes, minified if the site asks for it.
    pub files: BTreeMap<String, Vec<u8>>,
    /// HTML pages.
    pub page_count: usize,
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
    let started = Instant::now();
    let site = render_site(options)?;
    let output = check_output_folder(&options.root, &site.config.output)?;
    let write = write_to_disk(&output, &site.files)?;
    Ok(BuildReport {
        page_count: site.page_count,
        article_count: site.article_count,
        topic_count: site.topic_count,
        write,
        output,
        elapsed: started.elapsed(),
        warnings: site.warnings,
    })
}

/// Runs every stage but `write`: validates the whole project.
///
/// # Errors
/// As [`build`], without the writing.
pub fn check(options: &BuildOptions) -> Result<SiteOutput> {
    render_site(options)
}

/// Runs config → load → parse → model → link → render (and minify) into memory.
///
/// # Errors
/// [`Error::Content`] with every problem found, or [`Error::Io`] when a folder cannot be read.
pub fn render_site(options: &BuildOptions) -> Result<SiteOutput> {
    let root = &options.root;
    let config = load_config(root, &options.overrides)?;
    let mut diagnostics = Diagnostics::default();
    let sources = load_sources(root, &config.theme, &mut diagnostics)?;
    let theme = render::compile_theme(&sources.theme, &config.theme, &mut diagnostics);
    let parsed = parse::parse_sources(&sources, &mut diagnostics);
    let collection = model::build_collection(parsed, &sources, &config, &mut diagnostics);
    diagnostics.check()?;
    let Some(theme) = theme else {
        return Err(Error::Content(diagnostics.into_vec()));
    };
    let site = link::link(&collection, &config);
    diagnostics.extend(site.warnings.iter().cloned());
    let mut rendered = render::render_site(&site, &theme).map_err(|found| {
        diagnostics.extend(found);
        Error::Content(std::mem::take(&mut diagnostics).into_vec())
    })?;
    if config.minify {
        minify_pages(&mut rendered.files);
    }
    Ok(SiteOutput {
        page_count: rendered.page_count,
        article_count: collection.articles.len(),
        topic_count: collection.topics.len(),
        files: rendered.files,
        config,
        warnings: diagnostics.into_vec(),
    })
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
