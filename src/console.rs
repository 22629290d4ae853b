//! Console: the one place shelf prints, and printing never fails the program.
//!
//! [`out!`](crate::out) and [`err!`](crate::err) write to stdout and stderr like `print!`
//! and `eprint!`, but a closed pipe (`shelf inspect x | head -1`), a full disk
//! (`>/dev/full`) or any other write error is ignored instead of panicking: what was asked
//! for still runs to its end and the exit code stays the one the run earned.
//!
//! Whether diagnostics on stderr are in colour is decided here too, once per run:
//! `--color always|never`, or with `auto` (the default) only on a terminal and only when
//! `NO_COLOR` is unset or empty (<https://no-color.org>).
//!
//! So is how much is said ([`Verbosity`]): `--quiet` keeps only errors (no warnings, no
//! summary line: the exit code tells), `--verbose` adds a line per build stage. Status lines
//! go through [`statusln!`](crate::statusln), which `--quiet` silences; what a command was
//! asked to print (a report, a script, JSON) goes through [`outln!`](crate::outln) and is
//! printed regardless. A progress bar on long builds is [`progress`].

pub mod progress;

use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicU8, Ordering};

/// When to colour what goes to stderr (`--color`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Always, even into a file or a pipe.
    Always,
    /// Never.
    Never,
}

static COLOR: AtomicU8 = AtomicU8::new(0);

/// How much shelf says on the way (`--quiet`, `--verbose`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Verbosity {
    /// `--quiet`: errors only.
    Quiet,
    /// Warnings, errors and one summary line.
    #[default]
    Normal,
    /// `--verbose`: also a line per build stage with its time and memory.
    Verbose,
}

static VERBOSITY: AtomicU8 = AtomicU8::new(1);

/// Sets how much is said, for the rest of the run.
pub fn set_verbosity(verbosity: Verbosity) {
    let code = match verbosity {
        Verbosity::Quiet => 0,
        Verbosity::Normal => 1,
        Verbosity::Verbose => 2,
    };
    VERBOSITY.store(code, Ordering::Relaxed);
}

/// How much is said now.
pub fn verbosity() -> Verbosity {
    match VERBOSITY.load(Ordering::Relaxed) {
        0 => Verbosity::Quiet,
        2 => Verbosity::Verbose,
        _ => Verbosity::Normal,
    }
}

/// Whether only errors are printed (`--quiet`).
pub fn is_quiet() -> bool {
    verbosity() == Verbosity::Quiet
}

/// Whether each build stage is reported (`--verbose`).
pub fn is_verbose() -> bool {
    verbosity() == Verbosity::Verbose
}

/// Sets when stderr is coloured, for the rest of the run.
pub fn set_color(choice: ColorChoice) {
    let code = match choice {
        ColorChoice::Auto => 0,
        ColorChoice::Always => 1,
        ColorChoice::Never => 2,
    };
    COLOR.store(code, Ordering::Relaxed);
}

/// Whether to colour what is written to stderr now.
pub fn is_stderr_styled() -> bool {
    let choice = match COLOR.load(Ordering::Relaxed) {
        1 => ColorChoice::Always,
        2 => ColorChoice::Never,
        _ => ColorChoice::Auto,
    };
    should_style(
        choice,
        std::env::var_os("NO_COLOR").as_deref(),
        std::io::stderr().is_terminal(),
    )
}

/// The rule itself: `always` and `never` win; `auto` colours a terminal when `NO_COLOR` is
/// unset or empty.
pub fn should_style(
    choice: ColorChoice,
    no_color: Option<&std::ffi::OsStr>,
    is_terminal: bool,
) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => is_terminal && no_color.is_none_or(|v| v.is_empty()),
    }
}

/// `1 article`, `2 articles`: a count and its noun, plural when it is not one (for the
/// summary lines of `build`, `check` and `serve`).
pub fn counted(count: usize, noun: &str) -> String {
    format!("{count} {noun}{}", if count == 1 { "" } else { "s" })
}

/// Writes `text` to stdout, ignoring any error.
pub fn to_stdout(text: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_fmt(text).and_then(|()| stdout.flush());
}

/// Writes `text` to stderr, ignoring any error; above the progress bar when one is shown.
pub fn to_stderr(text: std::fmt::Arguments<'_>) {
    progress::suspend(|| {
        let _ = std::io::stderr().lock().write_fmt(text);
    });
}

/// Writes a status line to stdout unless `--quiet`, ignoring any error.
pub fn status_to_stdout(text: std::fmt::Arguments<'_>) {
    if !is_quiet() {
        progress::suspend(|| to_stdout(text));
    }
}

/// `print!` that never panics (see [`console`](crate::console)).
#[macro_export]
macro_rules! out {
    ($($arg:tt)*) => { $crate::console::to_stdout(format_args!($($arg)*)) };
}

/// `eprint!` that never panics (see [`console`](crate::console)).
#[macro_export]
macro_rules! err {
    ($($arg:tt)*) => { $crate::console::to_stderr(format_args!($($arg)*)) };
}

/// `println!` that never panics (see [`console`](crate::console)).
#[macro_export]
macro_rules! outln {
    () => { $crate::console::to_stdout(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::console::to_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `println!` for a status line (a summary, what was guessed): never panics, and prints
/// nothing with `--quiet` (see [`console`](crate::console)).
#[macro_export]
macro_rules! statusln {
    ($($arg:tt)*) => {
        $crate::console::status_to_stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// `eprintln!` that never panics (see [`console`](crate::console)).
#[macro_export]
macro_rules! errln {
    () => { $crate::console::to_stderr(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::console::to_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ffi::OsStr;

    #[test]
    fn colour_only_on_a_terminal_without_no_color_unless_forced_16() {
        use ColorChoice::{Always, Auto, Never};
        assert!(should_style(Auto, None, true));
        assert!(should_style(Auto, Some(OsStr::new("")), true));
        assert!(!should_style(Auto, Some(OsStr::new("1")), true));
        assert!(!should_style(Auto, None, false));
        assert!(should_style(Always, Some(OsStr::new("1")), false));
        assert!(!should_style(Never, None, true));
    }
}
