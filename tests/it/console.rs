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

/// #16: `--quiet` prints errors only. A good build or check prints nothing at all (the exit
/// code tells), a failed one its errors without the warnings or the summary line.
#[test]
fn quiet_prints_errors_only_and_no_summary_16() {
    let good = Fixture::from_dir("errors/check_warnings");
    for args in [&["--quiet", "build"][..], &["check", "-q"][..]] {
        let (code, stdout, stderr) = crate::run_shelf(&good, args);
        assert_eq!(
            (code, stdout.as_str(), stderr.as_str()),
            (0, "", ""),
            "{args:?}"
        );
    }
    let bad = Fixture::from_dir("errors/seed_missing");
    let (code, stdout, stderr) = crate::run_shelf(&bad, &["build", "--quiet"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    assert!(
        stderr.starts_with("error: seed `betta.txt` not found in seeds/\n"),
        "{stderr}"
    );
    assert!(!stderr.contains("warning"), "{stderr}");
    assert!(!stderr.contains("build failed"), "{stderr}");
    // Without it, the same run shows the warning and ends with the summary.
    let (_, _, loud) = crate::run_shelf(&bad, &["build"]);
    assert!(loud.contains("warning: seed `beta.txt`"), "{loud}");
    assert!(loud.ends_with("error: build failed with 1 error; nothing was written\n"));
    // What a command is asked to print is printed all the same.
    let (code, stdout, _) = crate::run_shelf(&good, &["-q", "check", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(stdout.contains("\"warnings\": 1"), "{stdout}");
}

/// #16: `--verbose` adds a line per stage on stderr (time and memory) and what the build
/// kept; the summary line stays.
#[test]
fn verbose_reports_each_stage_and_what_was_kept_16() {
    let fixture = Fixture::from_dir("build/basic");
    let (code, stdout, stderr) = crate::run_shelf(&fixture, &["build", "--verbose"]);
    assert_eq!(code, 0, "{stderr}");
    let stages: Vec<&str> = stderr
        .lines()
        .filter_map(|line| line.strip_prefix("timing: "))
        .filter_map(|line| line.split("  ").next())
        .collect();
    for stage in [
        "config",
        "load",
        "parse",
        "model",
        "link",
        "render pages",
        "write",
    ] {
        assert!(stages.contains(&stage), "no `{stage}` line in {stderr}");
    }
    let mut lines = stdout.lines();
    assert!(
        lines.next().is_some_and(|l| l.starts_with("built ")),
        "{stdout}"
    );
    let kept = lines.next().unwrap_or_default();
    assert!(
        kept.starts_with("  0 of ")
            && kept.ends_with(" pages kept from the last build without rendering"),
        "{stdout}"
    );
    // Without it there is no stage line.
    let (_, _, plain) = crate::run_shelf(&fixture, &["build", "--no-cache"]);
    assert!(!plain.contains("timing:"), "{plain}");
    let (code, _, stderr) = crate::run_shelf(&fixture, &["-v", "-q", "build"]);
    assert_eq!(
        code, 2,
        "--quiet and --verbose together are a usage error: {stderr}"
    );
}

/// #16: the progress line is for a terminal only. Into a pipe (CI logs, tests) stderr holds
/// no progress byte: no carriage return, no escape code, no stage name.
#[test]
fn no_progress_bytes_when_stderr_is_not_a_terminal_16() {
    let fixture = Fixture::from_dir("build/basic");
    for args in [&["build", "--no-cache"][..], &["check"][..]] {
        let output = shelf(&fixture, args).env_remove("CI").output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains(['\r', '\u{1b}']), "{args:?}: {stderr:?}");
        for stage in ["starting", "rendered pages", "structured seeds", "parse"] {
            assert!(!stderr.contains(stage), "{args:?}: {stderr:?}");
        }
    }
}

/// #16: on a terminal the progress line names the stages and counts the pages, and is gone
/// before the summary; with `CI` set or `--quiet` there is none. Needs util-linux `script` to
/// give shelf a terminal; skipped where it is missing.
#[test]
fn progress_on_a_terminal_unless_ci_or_quiet_16() {
    let fixture = Fixture::from_dir("build/basic");
    let binary = env!("CARGO_BIN_EXE_shelf");
    let on_a_terminal = |args: &str, ci: bool| {
        let mut command = Command::new("script");
        command
            .args(["-qec", &format!("{binary} {args}"), "/dev/null"])
            .current_dir(fixture.root())
            .env_remove("CI");
        if ci {
            command.env("CI", "true");
        }
        command.output().ok().filter(|o| o.status.success())
    };
    let Some(shown) = on_a_terminal("build --no-cache", false) else {
        return;
    };
    let shown = String::from_utf8_lossy(&shown.stdout).into_owned();
    assert!(shown.contains("rendered pages"), "{shown}");
    assert!(shown.contains('\r'), "{shown}");
    // The line is cleared (`ESC [2K`) and the summary written where it was.
    let after_bar = shown.rsplit("\u{1b}[2K").next().unwrap_or_default();
    assert!(after_bar.starts_with("built 11 pages"), "{shown:?}");
    for (args, ci) in [
        ("build --no-cache", true),
        ("--quiet build --no-cache", false),
    ] {
        let Some(output) = on_a_terminal(args, ci) else {
            panic!("{args} failed on a terminal");
        };
        let text = String::from_utf8_lossy(&output.stdout);
        assert!(!text.contains("rendered pages"), "{args}: {text}");
        assert!(!text.contains("\u{1b}[2K"), "{args}: {text}");
    }
}
