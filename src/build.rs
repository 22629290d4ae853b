//! Build: runs the pipeline's stages in order; the only module that knows the order.
//!
//! config → load → parse → model → link → render → write. Every stage collects diagnostics;
//! rendered files stream into a staging folder inside the output folder, and only once the
//! whole site rendered without an error are they moved into place, so a failed build leaves
//! the previous output exactly as it was. [`check`] runs the same stages and writes nothing
//! (`shelf inspect`, which stops after `parse`, is [`crate::inspect`]). [`build_cached`] keeps a
//! [`Cache`] between builds (parse results, the compiled theme, which pages minify to
//! what), so `shelf serve` rebuilds only what changed and gets the same bytes as a full build.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::config::{Overrides, SiteConfig};
use crate::error::{Anchor, Diagnostic, Diagnostics, Error, Result};
use crate::load::{
    SITE_FILE, SourceCache, ThemeFiles, load_sources_cached, read_source, theme_names,
};
use crate::parse::cache::ParseCache;
use crate::timing::measure;
use crate::write::{Discard, MinifyMemo, OutputCheck, Staging, WriteReport, check_output_folder};
use crate::{link, model, parse, render};

mod memos;
mod parse_store;
mod problems;
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
}

/// How a one-off build uses the cache on disk (see [`crate::cache`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum CacheUse {
    /// Stop early when the cache says nothing changed since the last build; record this
    /// build for the next one.
    #[default]
    Use,
    /// `--no-cache`: build in full, neither reading nor recording the cache (a cache left
    /// from earlier is removed, so it cannot outlive this build's output).
    Bypass,
    /// `--clean`: remove the cache, build in full and record this build.
    Clean,
}

/// Builds the site and writes it to the output folder, or does nothing when the cache on
/// disk says the output is what this build would write ([`BuildReport::is_up_to_date`]).
///
/// # Errors
/// [`Error::Content`] with every problem in the project (nothing is written then), or
/// [`Error::Io`] when the output cannot be written.
pub fn build(options: &BuildOptions) -> Result<BuildReport> {
    build_with(options, CacheUse::Use)
}

/// As [`build`], using the cache on disk as `use_cache` says. With `SHELF_VERIFY_MEMO=1`
/// a build the cache calls up to date runs all the same and fails if it writes or removes
/// a file.
///
/// # Errors
/// As [`build`].
pub fn build_with(options: &BuildOptions, use_cache: CacheUse) -> Result<BuildReport> {
    let started = Instant::now();
    let snapshot = match use_cache {
        CacheUse::Use | CacheUse::Clean => measure("cache: snapshot", || {
            crate::cache::snapshot(&options.root, &options.overrides)
        }),
        CacheUse::Bypass => None,
    };
    let output = load_config(&options.root, &options.overrides)
        .ok()
        .and_then(|config| check_output_folder(&options.root, &config.output).ok())
        .and_then(|output| std::fs::canonicalize(output).ok());
    let mut was_up_to_date = false;
    if let (Some(snapshot), Some(output), CacheUse::Use) = (&snapshot, &output, use_cache)
        && let Some(report) = measure("cache: check", || up_to_date(output, snapshot, started))
    {
        // Verifying (`SHELF_VERIFY_MEMO=1`), the build runs all the same, and must find
        // nothing to write.
        if !render::memo::is_verifying() {
            return Ok(report);
        }
        was_up_to_date = true;
    }
    // The cache describes the last build's output; this build replaces that output. The
    // stamps it recorded of each output file tell the write stage which files are still as
    // written (without them, it hashes each file again).
    let check = output
        .as_deref()
        .and_then(|output| {
            measure("cache: output stamps", || {
                crate::cache::output_stamps(output)
            })
        })
        .map_or(OutputCheck::Content, OutputCheck::Stamps);
    // What the last build rendered, so only files whose inputs changed are rendered again
    // (kept files are checked on disk by `check`). Read before the cache is removed.
    let mut cache = Cache {
        is_stored: snapshot.is_some(),
        is_verifying: render::memo::is_verifying(),
        parse: ParseCache::default().verifying(render::memo::is_verifying()),
        ..Cache::default()
    };
    let mut parse_store = parse_store::ParseStore::default();
    if snapshot.is_some() {
        // Kept after the build, to be stored for the next.
        cache.link = link::LinkCache::for_rebuilds();
    }
    if let (Some(snapshot), Some(output), CacheUse::Use) = (&snapshot, &output, use_cache) {
        let stored = measure("cache: read memos", || {
            memos::read_all(output, snapshot, &mut cache.parse)
        });
        cache.rendered = stored.render.unwrap_or_default();
        cache.epub = stored.epub.unwrap_or_default();
        if let Some(link) = stored.link {
            cache.link = link;
        }
        cache.search = stored.search;
        parse_store = stored.parse;
    }
    if let Some(output) = &output {
        crate::cache::remove(output)?;
        if use_cache != CacheUse::Use {
            parse_store::remove(output)?;
        }
    }
    let (report, manifest) = build_keeping(options, &mut cache, check)?;
    if was_up_to_date && report.write.written + report.write.removed > 0 {
        return Err(Error::Content(vec![
            Diagnostic::error(format!(
                "the build cache called the output up to date, yet a full build wrote {} \
                 and removed {} files in `{}`",
                report.write.written,
                report.write.removed,
                report.output.display()
            ))
            .help("the output is now a full build's; report this, and build with `--no-cache` meanwhile"),
        ]));
    }
    if let Some(snapshot) = snapshot
        && let Ok(output) = std::fs::canonicalize(&report.output)
    {
        measure("cache: record", || {
            memos::record(&output, &snapshot, &cache.rendered, &cache.epub);
            memos::record_link_and_search(&output, &snapshot, &cache.link, cache.search.as_ref());
            parse_store::record(&output, &snapshot, &cache.parse, &parse_store);
            let summary = crate::cache::Summary::new(
                report.page_count,
                report.article_count,
                report.topic_count,
                &report.warnings,
            );
            crate::cache::record(&output, snapshot, manifest.paths(), summary);
        });
    }
    Ok(report)
}

/// The report of a build that need not run: the cache of `output` says its inputs, binary
/// and output are as `snapshot` and the folder show. Holds the output's lock while it looks,
/// so a build writing there meanwhile is not taken for a finished one.
fn up_to_date(
    output: &Path,
    snapshot: &crate::cache::Snapshot,
    started: Instant,
) -> Option<BuildReport> {
    let work = crate::write::swap::work_folder(output)?;
    let _lock = crate::write::swap::lock(&work.join(crate::write::swap::LOCK), output).ok()?;
    let summary = crate::cache::is_fresh(output, snapshot)?;
    Some(BuildReport {
        page_count: summary.page_count,
        kept_count: summary.page_count,
        work: Work::default(),
        article_count: summary.article_count,
        topic_count: summary.topic_count,
        write: WriteReport {
            written: 0,
            unchanged: summary.output_count(),
            removed: 0,
        },
        output: output.to_path_buf(),
        elapsed: started.elapsed(),
        warnings: summary.warnings(),
        is_up_to_date: true,
    })
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
    let last = (cache.is_reused || cache.is_stored).then(|| render::LastBuild {
        files: &cache.rendered,
        epub: &cache.epub,
        search: cache.search.take(),
    });
    let rendered = link_and_render(
        &collection,
        &config,
        theme,
        diagnostics,
        &mut cache.link,
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
        page_count: rendered.page_count,
        kept_count: rendered.kept,
        memo: rendered,
        article_count: collection.articles.len(),
        topic_count: collection.topics.len(),
    };
    drop(site);
    Ok((counts, diagnostics.into_vec()))
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
    /// The last written build's compressed EPUB chapters and documents.
    epub: render::EpubMemo,
    /// The last written build's search postings, patched by the next build.
    search: Option<render::SearchMemo>,
    /// The output's manifest as the last build wrote it, so the next need not read it back.
    manifest: Option<crate::write::KeptManifest>,
    /// Whether to render kept pages anyway and check they did not change (see
    /// [`render::memo`]).
    is_verifying: bool,
    /// Whether another build will use this cache; a one-off build keeps no minified copy
    /// of every page.
    is_reused: bool,
    /// Whether a one-off build stores what it rendered in the build cache on disk (then
    /// `rendered` holds what the last one stored, possibly nothing).
    is_stored: bool,
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
    if let Some((cached, theme)) = kept
        && *cached == hash
    {
        return Some(theme.clone());
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
