//! `shelf check --external`: whether every external address in the editorial files still
//! works.
//!
//! Takes the project and its validated configuration; returns a [`Diagnostic`] for each place
//! an address is written that is broken, slow, unreachable (errors) or redirects (a warning
//! naming where to). The addresses are found in the text of `content/` (`scan`: article
//! sources, links in notes, summaries, pages, entities, timeline and data), each distinct one
//! is asked once (`probe`: `HEAD`, then `GET`), by at most [`ExternalOptions::concurrency`]
//! workers, one host per worker at a time and [`ExternalOptions::host_delay`] apart on the
//! same host, so no server sees more than one request at once from a check. Addresses found
//! working recently are not asked again (`cache`).

mod cache;
mod probe;
mod scan;

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use crate::build::BuildOptions;
use crate::config::SiteConfig;
use crate::error::{Diagnostic, Diagnostics, Result};
use cache::LinkCache;
use probe::{Outcome, Prober};

/// How external addresses are checked.
#[derive(Debug, Clone)]
pub struct ExternalOptions {
    /// How long each request may take, from connecting to the answer's headers.
    pub timeout: Duration,
    /// The least time between two requests to the same host.
    pub host_delay: Duration,
    /// How many hosts are asked at once.
    pub concurrency: usize,
    /// Ask every address again, even those the cache says worked lately.
    pub is_rechecking: bool,
}

impl Default for ExternalOptions {
    /// A 10 s timeout, 1 s between requests to one host, 8 hosts at once, the cache used.
    fn default() -> Self {
        ExternalOptions {
            timeout: Duration::from_secs(10),
            host_delay: Duration::from_secs(1),
            concurrency: 8,
            is_rechecking: false,
        }
    }
}

/// What a check of external addresses found.
#[derive(Debug, Default)]
pub struct ExternalReport {
    /// One per place an address that does not simply work is written.
    pub diagnostics: Vec<Diagnostic>,
    /// Distinct addresses asked this time.
    pub asked: usize,
    /// Distinct addresses not asked, because they worked less than a week ago.
    pub remembered: usize,
}

/// One place an address is written.
struct Place<'a> {
    path: &'a Path,
    text: &'a str,
    found: scan::Found,
}

/// Checks every external address in the project's editorial files.
///
/// # Errors
/// [`crate::Error::Io`] when a folder of `content/` cannot be read (a file that cannot be
/// read is a diagnostic).
pub fn check_external(
    options: &BuildOptions,
    config: &SiteConfig,
    external: &ExternalOptions,
) -> Result<ExternalReport> {
    let mut problems = Diagnostics::default();
    let sources = crate::load::load_sources(&options.root, &config.theme, &mut problems)?;
    let files = (sources.articles.iter())
        .chain(&sources.topics)
        .chain(&sources.entities)
        .chain(&sources.timeline)
        .chain(&sources.datasets)
        .chain(&sources.pages);
    let mut by_url: BTreeMap<String, Vec<Place<'_>>> = BTreeMap::new();
    for file in files {
        let is_toml = file.path.extension().is_some_and(|e| e == "toml");
        for found in scan::find_urls(&file.text, is_toml) {
            by_url
                .entry(without_fragment(&found.url).to_string())
                .or_default()
                .push(Place {
                    path: &file.path,
                    text: &file.text,
                    found,
                });
        }
    }
    let work_folder = crate::write::check_output_folder(&options.root, &config.output)
        .ok()
        .and_then(|output| crate::write::swap::work_folder(&output));
    let mut cache = LinkCache::open(work_folder.as_deref());
    let now = cache::now();
    let (remembered, to_ask): (Vec<&String>, Vec<&String>) = by_url
        .keys()
        .partition(|url| !external.is_rechecking && cache.is_fresh(url, now, cache::EXPIRY));
    let outcomes = ask_all(&to_ask, external);
    let mut report = ExternalReport {
        asked: to_ask.len(),
        remembered: remembered.len(),
        ..ExternalReport::default()
    };
    for (url, outcome) in &outcomes {
        if *outcome == Outcome::Works {
            cache.record(url, now);
            continue;
        }
        cache.forget(url);
        for place in by_url.get(url).into_iter().flatten() {
            report
                .diagnostics
                .push(diagnostic(place, outcome, external.timeout));
        }
    }
    cache.save(now, cache::EXPIRY);
    report.diagnostics.extend(problems.into_vec());
    Ok(report)
}

/// `url` without its `#fragment`, which is never sent to the server.
fn without_fragment(url: &str) -> &str {
    url.split_once('#').map_or(url, |(before, _)| before)
}

/// The host requests to `url` go to, for pacing (the whole address when it has none).
fn host_of(url: &str) -> String {
    url::Url::parse(url)
        .ok()
        .and_then(|parsed| parsed.host_str().map(str::to_ascii_lowercase))
        .unwrap_or_else(|| url.to_string())
}

/// Asks every address in `urls`, hosts in parallel and each host's addresses in turn;
/// returns each address with its outcome, in the order of `urls`.
fn ask_all(urls: &[&String], external: &ExternalOptions) -> Vec<(String, Outcome)> {
    let mut by_host: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for url in urls {
        by_host.entry(host_of(url)).or_default().push(url.as_str());
    }
    let hosts: Vec<Vec<&str>> = by_host.into_values().collect();
    let prober = Prober::new(external.timeout);
    let progress = crate::console::progress::counted("checked links", urls.len());
    let next_host = AtomicUsize::new(0);
    let outcomes: Mutex<BTreeMap<String, Outcome>> = Mutex::new(BTreeMap::new());
    let workers = external.concurrency.clamp(1, hosts.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                while let Some(host) = hosts.get(next_host.fetch_add(1, Ordering::Relaxed)) {
                    for (i, url) in host.iter().enumerate() {
                        if i > 0 {
                            std::thread::sleep(external.host_delay);
                        }
                        let outcome = match url::Url::parse(url) {
                            Ok(_) => prober.probe(url),
                            Err(why) => Outcome::Unreachable(format!("not an address ({why})")),
                        };
                        progress.advance();
                        outcomes
                            .lock()
                            .unwrap_or_else(PoisonError::into_inner)
                            .insert((*url).to_string(), outcome);
                    }
                }
            });
        }
    });
    let mut outcomes = outcomes
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    urls.iter()
        .filter_map(|url| Some(((*url).clone(), outcomes.remove(url.as_str())?)))
        .collect()
}

/// The diagnostic for one place of an address whose outcome is not [`Outcome::Works`].
fn diagnostic(place: &Place<'_>, outcome: &Outcome, timeout: Duration) -> Diagnostic {
    let url = &place.found.url;
    let at = |d: Diagnostic| {
        d.in_file(place.path)
            .at(place.text, place.found.span.clone())
    };
    match outcome {
        Outcome::Redirected { status, to } => at(Diagnostic::warning(format!(
            "external link `{url}` redirects to `{to}`"
        )))
        .label(format!("answered {status}, and the new address works"))
        .help(format!("write `{to}` instead")),
        Outcome::Broken {
            status,
            after_redirect_to,
        } => {
            let label = match after_redirect_to {
                Some(to) => format!("redirected to `{to}`, which answered {}", status_text(*status)),
                None => format!("answered {}", status_text(*status)),
            };
            at(Diagnostic::error(format!("external link `{url}` is broken")))
                .label(label)
                .help(
                    "open it in a browser; if the page moved, write its new address, or \
                     link a copy kept by a web archive",
                )
        }
        Outcome::TimedOut => at(Diagnostic::error(format!(
            "external link `{url}` did not answer"
        )))
        .label(format!("no answer within {} s", timeout.as_secs_f64()))
        .help("try again later, or wait longer with `--timeout SECS`"),
        Outcome::Unreachable(why) => at(Diagnostic::error(format!(
            "external link `{url}` cannot be reached"
        )))
        .label(why.clone())
        .help("check the host name in the address; if the site is gone, link a copy kept by a web archive"),
        Outcome::Works => at(Diagnostic::warning(format!("external link `{url}` works"))),
    }
}

/// `404 Not Found`, `503 Service Unavailable`: a status and its usual reason.
fn status_text(status: u16) -> String {
    let reason = match status {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        410 => "Gone",
        429 => "Too Many Requests",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    };
    if reason.is_empty() {
        status.to_string()
    } else {
        format!("{status} {reason}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_by_host_ignoring_case_and_port_and_drops_fragments() {
        assert_eq!(host_of("https://Example.org:8443/a"), "example.org");
        assert_eq!(host_of("http://127.0.0.1:9/x"), "127.0.0.1");
        assert_eq!(
            without_fragment("https://a.example/p#part-2"),
            "https://a.example/p"
        );
    }

    #[test]
    fn names_common_statuses() {
        assert_eq!(status_text(404), "404 Not Found");
        assert_eq!(status_text(418), "418");
    }
}
