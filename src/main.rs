//! The `shelf` binary: parses the command line, runs it, reports, sets the exit code.

use std::process::ExitCode;

use clap::Parser;
use shelf::cli::Cli;

/// mimalloc instead of the system allocator: a build allocates millions of small strings on
/// every thread, and glibc's malloc spent a fifth of a 10,000-article build's time in
/// `malloc` and `free` (see BENCHMARKS.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let command = cli.command_name();
    let Err(err) = cli.run() else {
        return ExitCode::SUCCESS;
    };
    err.report_to_stderr(command)
}
