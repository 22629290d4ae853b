//! A one-off build (`shelf build`) with the build cache on disk: stops early when nothing
//! changed ([`crate::cache`]), else reads back every memo the last build stored
//! ([`memos`](super::memos), [`parse_store`](super::parse_store)), builds, and stores them
//! again for the next.

use std::path::Path;
use std::time::Instant;

use super::{BuildOptions, BuildReport, Cache, Work, build_keeping, load_config};
use super::{memos, parse_store};
use crate::error::{Diagnostic, Error, Result};
use crate::parse::cache::ParseCache;
use crate::timing::measure;
use crate::write::{OutputCheck, WriteReport, check_output_folder};
use crate::{link, render};

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
    let named_output = load_config(&options.root, &options.overrides)
        .ok()
        .and_then(|config| check_output_folder(&options.root, &config.output).ok());
    let output = named_output
        .as_ref()
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
        tie: snapshot
            .as_ref()
            .zip(named_output.as_deref())
            .map(|(snapshot, output)| memos::Tie::new(output, snapshot)),
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
            memos::remove_link(output)?;
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
