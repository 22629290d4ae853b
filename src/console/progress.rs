//! Progress on long builds: one line on stderr naming the stage running and, for the stages
//! that go item by item (structuring seeds, rendering pages), how far they are (`rendered
//! 1200/45379`).
//!
//! Shown only when [`start`] finds stderr a terminal, `CI` unset and no `--quiet`
//! ([`should_show`]), so logs, pipes and tests never hold a progress byte. The line is
//! cleared by [`finish`] before the summary is printed, and whatever goes to stderr meanwhile
//! is printed above it ([`suspend`]). Until [`start`] (in `shelf serve`, in tests, in library
//! use) every function here does nothing but look at an empty slot.

use std::ffi::OsStr;
use std::io::IsTerminal;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// The bar of this run, once [`start`] decided to show one.
static BAR: Mutex<Option<ProgressBar>> = Mutex::new(None);

/// The bar, if one is shown.
fn current() -> Option<ProgressBar> {
    BAR.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// The rule: a bar only on a terminal, never when `CI` is set (CI logs are often
/// terminals to the program) and never with `--quiet`.
pub fn should_show(is_terminal: bool, ci: Option<&OsStr>, is_quiet: bool) -> bool {
    is_terminal && ci.is_none() && !is_quiet
}

/// Shows a progress line on stderr for the rest of the run, when [`should_show`] says so.
pub fn start() {
    let is_shown = should_show(
        std::io::stderr().is_terminal(),
        std::env::var_os("CI").as_deref(),
        crate::console::is_quiet(),
    );
    if !is_shown {
        return;
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    bar.set_style(spinner_style());
    bar.set_message("starting");
    bar.enable_steady_tick(Duration::from_millis(120));
    *BAR.lock().unwrap_or_else(PoisonError::into_inner) = Some(bar);
}

/// Clears the progress line (before the summary is printed).
pub fn finish() {
    if let Some(bar) = BAR.lock().unwrap_or_else(PoisonError::into_inner).take() {
        bar.finish_and_clear();
    }
}

/// Names the stage now running.
pub fn stage(name: &str) {
    if let Some(bar) = current() {
        bar.set_style(spinner_style());
        bar.set_message(name.to_string());
    }
}

/// Starts a stage of `total` items, named `name` (`rendered`, `structured`); each item done
/// is told to the [`Counter`].
pub fn counted(name: &str, total: usize) -> Counter {
    let bar = current();
    if let Some(bar) = &bar {
        bar.set_style(counter_style());
        bar.set_message(name.to_string());
        bar.set_position(0);
        bar.set_length(u64::try_from(total).unwrap_or(u64::MAX));
    }
    Counter { bar }
}

/// Runs `print` with the progress line out of the way, so what it prints stays above it.
pub fn suspend<R>(print: impl FnOnce() -> R) -> R {
    match current() {
        Some(bar) => bar.suspend(print),
        None => print(),
    }
}

/// Counts the items of one stage (see [`counted`]); shareable between threads.
#[derive(Debug)]
pub struct Counter {
    bar: Option<ProgressBar>,
}

impl Counter {
    /// One more item done.
    pub fn advance(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

fn counter_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {msg} {pos}/{len} [{bar:30}] ({elapsed})")
        .map(|style| style.progress_chars("=> "))
        .unwrap_or_else(|_| ProgressStyle::default_bar())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bar_only_on_a_terminal_outside_ci_and_not_quiet_16() {
        assert!(should_show(true, None, false));
        assert!(!should_show(false, None, false));
        assert!(!should_show(true, Some(OsStr::new("true")), false));
        assert!(!should_show(true, Some(OsStr::new("")), false));
        assert!(!should_show(true, None, true));
    }

    #[test]
    fn without_a_bar_counting_and_printing_do_nothing_else() {
        let counter = counted("rendered", 3);
        counter.advance();
        assert!(counter.bar.is_none());
        assert_eq!(suspend(|| 7), 7);
    }
}
