//! Build: runs the pipeline's stages in order; the only module that knows the order.
//!
//! config → load → parse → model → link → render → write. Every stage collects diagnostics;
//! rendered files stream into a staging folder inside the output folder, and only once the
//! whole site rendered without an error are they moved into place, so a failed build leaves
//! the previous output exactly as it was. [`check`] runs the same stages and writes nothing
//! (`shelf inspect`, which stops after `parse`, is [`crate::inspect`]). [`build_cached`] keeps a
//! [`Cache`] between builds (parse results, the compiled theme, which pages minify to
//! what), so `shelf serve` rebuilds only what changed and gets the same bytes as a full build.
//!
//! The parts: `kept.rs` (the [`Cache`]), `one_off.rs` ([`build`] and [`build_with`]: a
//! one-off build with the cache on disk), `memos.rs` and `parse_store.rs` (the memos and
//! structured seeds that cache stores), `problems.rs` (placing diagnostics).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Overrides, SiteConfig};
use crate::error::{Anchor, Diagnostic, Diagnostics, Error, Result};
use crate::load::{SITE_FILE, load_sources_cached, read_source, theme_names};
use crate::timing::measure;
use crate::write::{Discard, OutputCheck, Staging, WriteReport, check_output_folder};
use crate::{link, model, parse, render};

mod kept;
mod memos;
mod one_off;
mod parse_store;
mod problems;
pub use kept::Cache;
use kept::compile_theme;
pub use one_off::{CacheUse, build, build_with};
use problems::{drop_follow_ons, locate_anchors};

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
    /// What was computed rather than kept (see [`BuildReport::work`]).
    pub work: Work,
    /// Published articles.
    pub article_count: usize,
    /// Topics.
    pub topic_count: usize,
    /// Warnings found on the way.
    pub warnings: Vec<Diagnostic>,
    /// Articles and pages marked `draft = true` that were left out (0 with `--drafts`).
    pub draft_count: usize,
}

/// What a build did.
#[derive(Debug)]
pub struct BuildReport {
    /// HTML pages.
    pub page_count: usize,
    /// Pages and citation files kept from the last build without rendering them, because
    /// nothing they show changed (only with a [`Cache::for_rebuilds`]).
    pub kept_count: usize,
    /// What the build computed rather than took from its caches (kept in memory by `shelf
    /// serve`, or on disk for a one-off build).
    pub work: Work,
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
    /// Warnings (shown in full by `shelf check`; of a build that did not run, the message
    /// and file of each warning the last build found).
    pub warnings: Vec<Diagnostic>,
    /// Whether the build did not run because the cache on disk showed the output is already
    /// what it would write (see [`crate::cache`]).
    pub is_up_to_date: bool,
}

/// What a build computed rather than took from its caches: work to count in tests (never
/// time), to show that an edit costs the edit.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Work {
    /// Seeds structured.
    pub seeds_structured: usize,
    /// What linking computed.
    pub link: link::LinkWork,
    /// What storing the link memo wrote (a one-off build with the cache on disk): after
    /// one edit, the one or two shards of each kind holding what it changed.
    pub link_stored: link::StoreWork,
}

/// As [`build`], reusing and refreshing what `cache` kept from earlier builds (in memory;
/// the cache on disk is neither read nor written).
///
/// # Errors
/// As [`build`].
pub fn build_cached(options: &BuildOptions, cache: &mut Cache) -> Result<BuildReport> {
    let check = if cache.is_reused {
        OutputCheck::Exists
    } else {
        OutputCheck::Content
    };
    let (report, manifest) = build_keeping(options, cache, check)?;
    if cache.is_reused {
        cache.manifest = Some(manifest);
    }
    Ok(report)
}

/// As [`build_cached`], also returning the output's manifest as committed.
fn build_keeping(
    options: &BuildOptions,
    cache: &mut Cache,
    check: OutputCheck,
) -> Result<(BuildReport, crate::write::KeptManifest)> {
    let started = Instant::now();
    let (config, mut problems) = measure("config", || {
        load_config_or_stand_in(&options.root, &options.overrides)
    })?;
    let output = match check_output_folder(&options.root, &config.output) {
        Ok(output) => Some(output),
        Err(Error::Content(found)) => {
            problems.extend(found.into_iter().map(|d| output_refusal(d, options)));
            None
        }
        Err(other) => return Err(other),
    };
    let Some(output) = output.filter(|_| problems.is_empty()) else {
        // Nothing can be written, but every later stage still runs, so one run shows all
        // that is wrong (#13).
        return Err(find_problems(options, config, problems));
    };
    let memo = std::mem::take(&mut cache.minified);
    let staging = measure("write: begin", || {
        Staging::begin(
            &output,
            config.minify,
            cache.is_reused.then_some(&memo),
            cache.manifest.take(),
        )
        .map(|staging| staging.with_check(check))
    })?;
    let (site, rendered) =
        match render_into(options, config, cache, &staging, Diagnostics::default()) {
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
        let render::Rendered {
            files,
            epub,
            search,
            ..
        } = rendered;
        cache.rendered = files;
        cache.epub = epub;
        cache.search = search;
    } else if cache.is_stored {
        cache.rendered = rendered.files;
        cache.epub = rendered.epub;
        cache.search = rendered.search;
    }
    let report = BuildReport {
        page_count: site.page_count,
        kept_count: site.kept_count,
        work: site.work,
        article_count: site.article_count,
        topic_count: site.topic_count,
        write,
        output,
        elapsed: started.elapsed(),
        warnings: site.warnings,
        is_up_to_date: false,
    };
    Ok((report, manifest))
}

/// Runs every stage but `write`: validates the whole project, renders it and throws the
/// files away.
///
/// # Errors
/// As [`build`], without the writing.
pub fn check(options: &BuildOptions) -> Result<SiteOutput> {
    let (config, problems) = load_config_or_stand_in(&options.root, &options.overrides)?;
    if !problems.is_empty() {
        return Err(find_problems(options, config, problems));
    }
    render_into(
        options,
        config,
        &mut Cache::default(),
        &Discard,
        Diagnostics::default(),
    )
    .map(|(site, _)| site)
}

/// Runs every stage after a failed one into nothing and returns all problems: those given
/// and those found. Follows a `site.toml` that failed (then `config` is a stand-in) or an
/// output folder refused.
fn find_problems(options: &BuildOptions, config: SiteConfig, problems: Vec<Diagnostic>) -> Error {
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(problems);
    match render_into(
        options,
        config,
        &mut Cache::default(),
        &Discard,
        diagnostics,
    ) {
        Ok(_) => Error::Usage("a build that failed found no error".to_string()),
        Err(error) => error,
    }
}

/// The output refusal, pointing at `output` in site.toml when the folder was named there.
fn output_refusal(diagnostic: Diagnostic, options: &BuildOptions) -> Diagnostic {
    if options.overrides.output.is_some() {
        return diagnostic;
    }
    diagnostic
        .in_file(SITE_FILE)
        .anchored(Anchor::KeyValue("output".to_string()))
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
    mut diagnostics: Diagnostics,
) -> Result<(SiteOutput, render::Rendered)> {
    let root = &options.root;
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
    let seeds_structured = cache.parse.take_structured_count();
    let draft_count = if config.include_drafts {
        0
    } else {
        let articles = parsed.articles.iter().filter(|(_, raw)| raw.draft).count();
        articles
            + parsed
                .pages
                .iter()
                .filter(|(_, page)| page.meta.draft)
                .count()
    };
    let collection = measure("model", || {
        let seeds: model::SeedNames<'_> = sources.seeds.keys().map(String::as_str).collect();
        model::build_collection_cached(parsed, &seeds, &config, &mut diagnostics, &mut cache.model)
    });
    // The search postings leave the cache: the build patches them in place, so one that
    // fails leaves none, and the next build makes them all again.
    let tie = cache.tie.as_ref();
    let store_search = |memo: &render::SearchMemo| {
        if let Some(tie) = tie {
            tie.store_search(memo);
        }
    };
    let last = (cache.is_reused || cache.is_stored).then(|| render::LastBuild {
        files: &cache.rendered,
        epub: &cache.epub,
        search: cache.search.take(),
        store_search: tie.map(|_| &store_search as &dyn Fn(&render::SearchMemo)),
    });
    let rendered = link_and_render(
        &collection,
        &config,
        theme,
        diagnostics,
        (&mut cache.link, tie),
        (output, last, cache.is_verifying),
    );
    if cache.is_reused {
        cache.model.keep(collection);
    }
    let (rendered, warnings) =
        rendered.map_err(|error| locate_anchors(drop_follow_ons(error, sources), root))?;
    Ok((
        SiteOutput {
            page_count: rendered.page_count,
            kept_count: rendered.kept_count,
            work: Work {
                seeds_structured,
                link: cache.link.work(),
                link_stored: rendered.link_stored,
            },
            article_count: rendered.article_count,
            topic_count: rendered.topic_count,
            config,
            warnings,
            draft_count,
        },
        rendered.memo,
    ))
}

/// What [`link_and_render`] made: page, article and topic counts, and the render memos.
struct Rendered {
    link_stored: link::StoreWork,
    page_count: usize,
    kept_count: usize,
    article_count: usize,
    topic_count: usize,
    memo: render::Rendered,
}

/// Where rendering puts files: the output, what the last build left (when builds are
/// repeated) and whether to verify it.
type RenderTarget<'o> = (&'o dyn render::Output, Option<render::LastBuild<'o>>, bool);

/// Fails with the diagnostics of the stages so far if one is an error, else runs link and
/// render over the collection, giving every file to the target's output (with a tie, the
/// link memo is stored as soon as linking is done); returns the counts and every warning.
///
/// # Errors
/// [`Error::Content`] with every problem found.
fn link_and_render(
    collection: &model::Collection,
    config: &SiteConfig,
    theme: Option<render::Theme>,
    mut diagnostics: Diagnostics,
    (link_cache, tie): (&mut link::LinkCache, Option<&memos::Tie>),
    (output, last, is_verifying): RenderTarget<'_>,
) -> Result<(Rendered, Vec<Diagnostic>)> {
    let Some(theme) = theme else {
        return Err(Error::Content(diagnostics.into_vec()));
    };
    // After an error, rendering still runs, into nothing, for the errors only it finds
    // (broken `@/` links, unknown charts): one run reports every stage that can run (#13).
    let has_failed = diagnostics.has_errors();
    let (output, last, is_verifying) = if has_failed {
        (&Discard as &dyn render::Output, None, false)
    } else {
        (output, last, is_verifying)
    };
    let site = measure("link", || link::link(collection, config, link_cache));
    // Stored now and dropped, rather than held through rendering (see `memos::Tie`).
    let mut link_stored = link::StoreWork::default();
    if let Some(tie) = tie.filter(|_| !has_failed) {
        link_stored = measure("cache: store link memo", || tie.store_link(link_cache));
        link_cache.forget_memo();
    }
    diagnostics.extend(site.warnings.iter().cloned());
    let rendered = render::render_site(&site, &theme, output, last, is_verifying);
    let rendered = match rendered {
        Ok(rendered) if !has_failed => rendered,
        Ok(_) => return Err(Error::Content(diagnostics.into_vec())),
        Err(found) => {
            diagnostics.extend(found);
            return Err(Error::Content(diagnostics.into_vec()));
        }
    };
    let counts = Rendered {
        link_stored,
        page_count: rendered.page_count,
        kept_count: rendered.kept,
        memo: rendered,
        article_count: collection.articles.len(),
        topic_count: collection.topics.len(),
    };
    drop(site);
    Ok((counts, diagnostics.into_vec()))
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

/// As [`load_config`], but an invalid `site.toml` gives its problems and a stand-in (see
/// [`SiteConfig::from_source_or_stand_in`]); only a missing or unreadable one fails.
fn load_config_or_stand_in(
    root: &Path,
    overrides: &Overrides,
) -> Result<(SiteConfig, Vec<Diagnostic>)> {
    let file = read_source(root, Path::new(SITE_FILE))?;
    let themes = theme_names(root)?;
    Ok(SiteConfig::from_source_or_stand_in(
        &file, &themes, overrides,
    ))
}
