//! Printing (#13): a closed or full stdout or stderr never makes shelf panic; it ends
//! quietly with the exit code it would have had.

use std::process::{Command, Stdio};

use crate::Fixture;

fn shelf(fixture: &Fixture, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_shelf"));
    command.args(args).current_dir(fixture.root());
    command
}

fn dev_full() -> Stdio {
    Stdio::from(
        std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap(),
    )
}

#[test]
fn a_full_stdout_or_stderr_ends_quietly_with_the_usual_exit_code() {
    // #13: `>/dev/full` panicked with exit 101.
    let fixture = Fixture::from_dir("build/basic");
    for (args, code) in [
        (&["inspect", "alpha"][..], 0),
        (&["check"][..], 0),
        (&["build"][..], 0),
        (&["inspect", "nobody"][..], 2),
    ] {
        let run = shelf(&fixture, args)
            .stdout(dev_full())
            .stderr(dev_full())
            .status()
            .unwrap();
        assert_eq!(run.code(), Some(code), "{args:?}");
        let run = shelf(&fixture, args).stdout(dev_full()).output().unwrap();
        assert_eq!(run.status.code(), Some(code), "{args:?}");
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
    }
}

#[test]
fn a_closed_pipe_ends_quietly_with_the_usual_exit_code() {
    // #13: `shelf inspect x | head -1` and `shelf check | head -1` panicked.
    let fixture = Fixture::from_dir("build/basic");
    for args in [&["inspect", "alpha"][..], &["check"][..]] {
        let mut child = shelf(&fixture, args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Closed before shelf has read its project, so every line it prints meets a
        // closed pipe.
        drop(child.stdout.take());
        drop(child.stderr.take());
        assert_eq!(child.wait().unwrap().code(), Some(0), "{args:?}");
    }
}

/// #16: diagnostics had no colour anywhere; `--color always` colours them even into a pipe,
/// and by default (not a terminal, as here and in CI logs) and with `never` there is none.
#[test]
fn colours_diagnostics_only_when_asked_or_on_a_terminal_16() {
    let fixture = Fixture::from_dir("errors/metadata_wrong_type");
    let stderr = |args: &[&str]| {
        let output = shelf(&fixture, args).output().unwrap();
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8(output.stderr).unwrap()
    };
    let coloured = stderr(&["--color", "always", "check"]);
    assert!(coloured.contains("\u{1b}["), "{coloured}");
    for args in [&["check"][..], &["check", "--color", "never"][..]] {
        let plain = stderr(args);
        assert!(!plain.contains('\u{1b}'), "{args:?}: {plain}");
        assert!(
            plain.starts_with("error: invalid value for `topics`"),
            "{plain}"
        );
    }
}

/// #16: completions and a man page come from the clap definition, so they list every
/// subcommand and flag there is.
#[test]
fn prints_completions_and_a_man_page_from_the_cli_definition_16() {
    let fixture = Fixture::empty();
    let stdout = |args: &[&str]| {
        let output = shelf(&fixture, args).output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let bash = stdout(&["completions", "bash"]);
    for word in ["build", "check", "serve", "inspect", "--format", "--color"] {
        assert!(bash.contains(word), "bash completions lack {word}");
    }
    let script = fixture.root().join("shelf.bash");
    std::fs::write(&script, &bash).unwrap();
    let syntax = Command::new("bash").arg("-n").arg(&script).status();
    if let Ok(syntax) = syntax {
        assert!(syntax.success(), "bash -n refuses the script");
    }
    assert!(stdout(&["completions", "zsh"]).starts_with("#compdef shelf"));
    assert!(stdout(&["completions", "fish"]).contains("complete -c shelf"));
    let man = stdout(&["man"]);
    assert!(man.contains(".TH shelf 1"), "{man}");
    for section in [".SH NAME", ".SH SYNOPSIS", ".SH SUBCOMMANDS"] {
        assert!(man.contains(section), "man page lacks {section}");
    }
    assert!(man.contains("shelf\\-check"), "{man}");
}
