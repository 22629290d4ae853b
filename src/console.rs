//! Console: the one place shelf prints, and printing never fails the program.
//!
//! [`out!`](crate::out) and [`err!`](crate::err) write to stdout and stderr like `print!`
//! and `eprint!`, but a closed pipe (`shelf inspect x | head -1`), a full disk
//! (`>/dev/full`) or any other write error is ignored instead of panicking: what was asked
//! for still runs to its end and the exit code stays the one the run earned.

use std::io::Write;

/// Writes `text` to stdout, ignoring any error.
pub fn to_stdout(text: std::fmt::Arguments<'_>) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_fmt(text).and_then(|()| stdout.flush());
}

/// Writes `text` to stderr, ignoring any error.
pub fn to_stderr(text: std::fmt::Arguments<'_>) {
    let _ = std::io::stderr().lock().write_fmt(text);
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

/// `eprintln!` that never panics (see [`console`](crate::console)).
#[macro_export]
macro_rules! errln {
    () => { $crate::console::to_stderr(format_args!("\n")) };
    ($($arg:tt)*) => {
        $crate::console::to_stderr(format_args!("{}\n", format_args!($($arg)*)))
    };
}
