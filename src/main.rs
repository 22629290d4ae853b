//! The `shelf` binary: parses the command line, runs it, reports, sets the exit code.

use std::process::ExitCode;

use clap::Parser;
use shelf::cli::Cli;

fn main() -> ExitCode {
    let Err(err) = Cli::parse().run() else {
        return ExitCode::SUCCESS;
    };
    err.report_to_stderr()
}
