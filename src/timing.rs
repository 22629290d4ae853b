//! Stage timings: with `--verbose` or `SHELF_TIMINGS=1` in the environment, each measured
//! stage prints `timing: <stage> <ms>` and the memory in use after it to stderr (and with
//! `SHELF_TIMINGS` alone, each page that took 20 ms or more). Each measured stage also names
//! itself on the progress line, when one is shown ([`crate::console::progress`]). Off by
//! default, and then free apart from one cached environment lookup.

use std::sync::OnceLock;
use std::time::Instant;

/// Whether timings are on (`--verbose`, or `SHELF_TIMINGS` set and not `0`).
pub fn enabled() -> bool {
    crate::console::is_verbose() || is_profiling()
}

/// Whether `SHELF_TIMINGS` is set and not `0`.
fn is_profiling() -> bool {
    static ENABLED: OnceLock<bool> = OnceLock::new();
    *ENABLED.get_or_init(|| std::env::var_os("SHELF_TIMINGS").is_some_and(|v| v != "0"))
}

/// Runs `work`, printing how long it took when timings are on.
pub fn measure<T>(stage: &str, work: impl FnOnce() -> T) -> T {
    crate::console::progress::stage(stage);
    if !enabled() {
        return work();
    }
    let started = Instant::now();
    let value = work();
    crate::errln!(
        "timing: {stage:<24} {:>9.1} ms{}",
        started.elapsed().as_secs_f64() * 1000.0,
        memory()
    );
    value
}

/// Prints how long a stage that began at `started` took, when timings are on.
pub fn report(stage: &str, started: Instant) {
    if enabled() {
        crate::errln!(
            "timing: {stage:<24} {:>9.1} ms{}",
            started.elapsed().as_secs_f64() * 1000.0,
            memory()
        );
    }
}

/// Prints that rendering the page at `path` took long, when `SHELF_TIMINGS` is on (not
/// `--verbose`: a page per line would drown the stages) and it took 20 ms or more since
/// `started`.
pub fn report_slow(path: &str, started: Instant) {
    let elapsed = started.elapsed().as_millis();
    if is_profiling() && elapsed >= 20 {
        crate::errln!("timing:   slow page {path}: {elapsed} ms");
    }
}

/// The resident and peak resident memory, where the system reports them (Linux).
fn memory() -> String {
    let Ok(status) = std::fs::read_to_string("/proc/self/status") else {
        return String::new();
    };
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| {
                rest.trim()
                    .trim_end_matches("kB")
                    .trim()
                    .parse::<u64>()
                    .ok()
            })
            .map_or(0, |kb| kb / 1024)
    };
    format!(
        "   rss {:>6} MiB   peak {:>6} MiB",
        field("VmRSS:"),
        field("VmHWM:")
    )
}
