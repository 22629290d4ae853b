//! Errors and diagnostics: what went wrong, where, and how to fix it.
//!
//! Stages never stop at the first problem in a user's files. They collect [`Diagnostic`]s
//! (each with a file, a line and column when known, a label under the offending text and a
//! `help:` hint), and the build reports all of them at once, sorted by path, before failing.
//! [`Error`] is what the library returns; [`Error::exit_code`] maps it onto the CLI contract:
//! `1` for content or configuration errors, `2` for usage, I/O or internal failures.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod location;
mod suggest;
pub use location::Location;
pub use suggest::{did_you_mean, edit_distance};

/// The library's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything the library can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The collection, its metadata, the theme or `site.toml` has problems; all are listed.
    #[error("{}", render_all(.0))]
    Content(Vec<Diagnostic>),
    /// Reading or writing a file failed for a reason outside the user's content.
    #[error("cannot {action} `{}`: {source}", .path.display())]
    Io {
        /// What the build was doing, as a verb phrase (`read`, `write`, `create folder`).
        action: &'static str,
        /// The file or folder concerned.
        path: PathBuf,
        /// The operating system's error.
        source: std::io::Error,
    },
    /// The command line asked for something that cannot be done.
    #[error("{0}")]
    Usage(String),
    /// The problems were already reported (as JSON on stdout, by `check --format json`);
    /// only the exit code and a summary line on stderr remain.
    #[error("{command} failed with {errors} error{}", if *.errors == 1 { "" } else { "s" })]
    Reported {
        /// The subcommand that failed.
        command: &'static str,
        /// How many errors were reported.
        errors: usize,
    },
    /// The preview server could not start or failed while running (listening, its
    /// threads, its runtime): not something the command line asked wrongly.
    #[error("{0}")]
    Server(String),
}

impl Error {
    /// Wraps an I/O error with the path and action it happened on.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            action,
            path: path.into(),
            source,
        }
    }

    /// The process exit code for this error: `1` for content, `2` for everything else.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::Content(_) | Error::Reported { .. } => 1,
            Error::Io { .. } | Error::Usage(_) | Error::Server(_) => 2,
        }
    }

    /// Prints the error to stderr the way the CLI shows it, ending with a summary true for
    /// `command` (the subcommand's name: only `build` promises that nothing was written),
    /// and returns the exit code.
    /// With `--quiet`, only the errors are printed: no warnings and no summary line.
    pub fn report_to_stderr(&self, command: &str) -> ExitCode {
        let is_quiet = crate::console::is_quiet();
        match self {
            Error::Content(diagnostics) => {
                let is_styled = crate::console::is_stderr_styled();
                if is_quiet {
                    let errors: Vec<Diagnostic> = diagnostics
                        .iter()
                        .filter(|d| d.is_error())
                        .cloned()
                        .collect();
                    crate::err!("{}", render_all_styled(&errors, is_styled));
                } else {
                    crate::err!("{}", render_all_styled(diagnostics, is_styled));
                    crate::errln!("error: {}", failure_summary(command, diagnostics));
                }
            }
            // Its errors are on stdout already; the line left is a summary.
            Error::Reported { .. } if is_quiet => {}
            other => crate::errln!("error: {other}"),
        }
        ExitCode::from(self.exit_code())
    }
}

/// The last line of a failed command: `build failed with 2 errors; nothing was written`,
/// `check failed with 1 error`.
pub fn failure_summary(command: &str, diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let plural = if errors == 1 { "" } else { "s" };
    let written = if command == "build" {
        "; nothing was written"
    } else {
        ""
    };
    format!("{command} failed with {errors} error{plural}{written}")
}

/// Diagnostics as JSON for tools, in the order [`render_all`] prints them: an array of
/// objects with `file`, `line` and `column` (1-based, `null` when unknown), `severity`
/// (`error` or `warning`), `message`, `label` and `help` (`null` when absent).
pub fn diagnostics_json(diagnostics: &[Diagnostic]) -> serde_json::Value {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    sorted
        .into_iter()
        .map(|d| {
            serde_json::json!({
                "file": d.path.as_ref().map(|p| p.display().to_string().replace('\\', "/")),
                "line": d.location.as_ref().map(|l| l.line),
                "column": d.location.as_ref().map(|l| l.column),
                "severity": match d.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                },
                "message": d.message,
                "label": d.label,
                "help": d.help,
            })
        })
        .collect()
}

/// Renders diagnostics in a stable order: by path, then line, then message.
pub fn render_all(diagnostics: &[Diagnostic]) -> String {
    render_all_styled(diagnostics, false)
}

/// As [`render_all`], in terminal colours when `is_styled`.
pub fn render_all_styled(diagnostics: &[Diagnostic], is_styled: bool) -> String {
    let mut sorted: Vec<&Diagnostic> = diagnostics.iter().collect();
    sorted.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    let mut out = String::new();
    for diagnostic in sorted {
        out.push_str(&diagnostic.render(is_styled));
        out.push('\n');
    }
    out
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build cannot go on.
    Error,
    /// The build goes on; `shelf check` shows it.
    Warning,
}

/// One problem found in the user's files, with everything needed to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong: lowercase, no trailing period, keys and values in backticks.
    pub message: String,
    /// The file, relative to the project root.
    pub path: Option<PathBuf>,
    /// Line and column inside `path` (boxed to keep `Result<_, Diagnostic>` small).
    pub location: Option<Box<Location>>,
    /// Shown under the underlined text.
    pub label: Option<String>,
    /// How to fix it, when that is clear.
    pub help: Option<String>,
    /// Text to look for in the file when the stage that found the problem had no span
    /// (rendered Markdown, a folder named in `site.toml`); the build turns it into a
    /// [`Location`] when it reports the diagnostic.
    pub anchor: Option<Box<Anchor>>,
}

/// What to find in a file to point a diagnostic at, when no span is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Anchor {
    /// This text, as written (a link target such as `@/articles/beta/`).
    Text(String),
    /// A line holding only this text, spaces aside (a chart's name under its fence).
    Line(String),
    /// The value of the `KEY = value` line for this key.
    KeyValue(String),
}

impl Anchor {
    /// The byte span of the `nth` (from 0) place in `text` this anchor names.
    fn find(&self, text: &str, nth: usize) -> Option<Range<usize>> {
        match self {
            Anchor::Text(needle) if !needle.is_empty() => text
                .match_indices(needle.as_str())
                .nth(nth)
                .map(|(i, m)| i..i + m.len()),
            Anchor::Text(_) => None,
            Anchor::Line(wanted) => lines_with_offsets(text)
                .filter(|(_, line)| line.trim() == wanted)
                .nth(nth)
                .map(|(start, line)| {
                    let indent = line.len() - line.trim_start().len();
                    start + indent..start + indent + wanted.len()
                }),
            Anchor::KeyValue(key) => lines_with_offsets(text).find_map(|(start, line)| {
                let rest = line.trim_start().strip_prefix(key.as_str())?;
                let value = rest.trim_start().strip_prefix('=')?;
                let value_start = start + (line.len() - value.len());
                let value_start = value_start + (value.len() - value.trim_start().len());
                Some(value_start..start + line.trim_end().len())
            }),
        }
    }
}

/// Each line of `text` without its line break, with the byte offset it starts at.
fn lines_with_offsets(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |start, line| {
        let here = *start;
        *start += line.len();
        Some((here, line.trim_end_matches(['\n', '\r'])))
    })
}

impl Diagnostic {
    /// A new error with only a message.
    pub fn error(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            path: None,
            location: None,
            label: None,
            help: None,
            anchor: None,
        }
    }

    /// A new warning with only a message.
    pub fn warning(message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(message)
        }
    }

    /// Names the file the diagnostic is about.
    pub fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        self.path = Some(path.as_ref().to_path_buf());
        self
    }

    /// Points at a byte span of the file's text.
    pub fn at(mut self, source: &str, span: Range<usize>) -> Self {
        self.location = Some(Box::new(Location::from_span(source, span)));
        self
    }

    /// Points at a known line and column (1-based) when no byte span exists.
    pub fn at_line(mut self, line: usize, column: usize, line_text: &str) -> Self {
        self.location = Some(Box::new(Location {
            line,
            column,
            line_text: line_text.to_string(),
            width: 1,
        }));
        self
    }

    /// Names text to find in the file, for a stage that has no span (see [`Anchor`]).
    pub fn anchored(mut self, anchor: Anchor) -> Self {
        self.anchor = Some(Box::new(anchor));
        self
    }

    /// Points at the `nth` (from 0) place in `text`, the file's contents, that the anchor
    /// names; leaves the diagnostic as it was when there is none.
    pub fn locate_anchor(&mut self, text: &str, nth: usize) {
        if let Some(span) = self.anchor.as_ref().and_then(|a| a.find(text, nth)) {
            self.location = Some(Box::new(Location::from_span(text, span)));
        }
    }

    /// Text printed under the underlined span.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// A hint on how to fix the problem.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this diagnostic fails the build.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    fn sort_key(&self) -> (Option<&PathBuf>, usize, usize, Severity, &str) {
        let (line, column) = self
            .location
            .as_ref()
            .map_or((0, 0), |l| (l.line, l.column));
        (
            self.path.as_ref(),
            line,
            column,
            self.severity,
            &self.message,
        )
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl Diagnostic {
    /// The diagnostic as the CLI prints it, rustc's way (by `annotate-snippets`): the
    /// message, the file, line and column, the quoted line with carets under the span
    /// (counted in display columns, so wide Hangul or emoji are underlined whole), the
    /// label and the help. With `is_styled`, in terminal colours.
    pub fn render(&self, is_styled: bool) -> String {
        use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};
        let level = match self.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
        };
        let path = self
            .path
            .as_ref()
            .map(|p| p.display().to_string().replace('\\', "/"));
        let mut elements: Vec<annotate_snippets::Element<'_>> = Vec::new();
        match (&self.location, &path) {
            (Some(l), _) => {
                let text = l.line_text.as_str();
                let start = byte_of_char(text, l.column.saturating_sub(1));
                let end = byte_of_char(text, l.column.saturating_sub(1) + l.width);
                let mut annotation = AnnotationKind::Primary.span(start..end.max(start));
                if let Some(label) = self.distinct_label() {
                    annotation = annotation.label(label);
                }
                let mut snippet = Snippet::source(text)
                    .line_start(l.line)
                    .annotation(annotation);
                if let Some(path) = &path {
                    snippet = snippet.path(path.as_str());
                }
                elements.push(snippet.into());
            }
            (None, Some(path)) => elements.push(Origin::path(path.as_str()).into()),
            (None, None) => {}
        }
        if let (None, Some(label)) = (&self.location, self.distinct_label()) {
            elements.push(Level::NOTE.no_name().message(label).into());
        }
        if let Some(help) = &self.help {
            elements.push(Level::HELP.message(help.as_str()).into());
        }
        let group =
            annotate_snippets::Group::with_title(level.primary_title(self.message.as_str()))
                .elements(elements);
        let renderer = if is_styled {
            Renderer::styled()
        } else {
            Renderer::plain()
        };
        let mut out = renderer.render(&[group]);
        out.push('\n');
        out
    }
}

impl Diagnostic {
    /// The label, unless it says what the message or the help already says (#16: the same
    /// sentence twice reads as a fault).
    fn distinct_label(&self) -> Option<&str> {
        let same = |a: &str, b: &str| {
            let norm = |t: &str| t.trim().trim_end_matches('.').to_lowercase();
            norm(a) == norm(b)
        };
        let label = self.label.as_deref()?;
        let repeats =
            same(label, &self.message) || self.help.as_deref().is_some_and(|h| same(label, h));
        (!repeats).then_some(label)
    }
}

/// The byte offset of the `n`th character of `text` (its length past the end).
fn byte_of_char(text: &str, n: usize) -> usize {
    text.char_indices().nth(n).map_or(text.len(), |(i, _)| i)
}

/// Collects diagnostics across a stage so they can be reported together.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&mut self, diagnostics: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(diagnostics);
    }

    /// Whether any collected diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Whether an error was collected about a file under `folder` (relative to the root).
    pub fn has_errors_in(&self, folder: &Path) -> bool {
        self.items
            .iter()
            .any(|d| d.is_error() && d.path.as_ref().is_some_and(|p| p.starts_with(folder)))
    }

    /// Whether an error was collected about a file under `folder` whose name without its
    /// extension is `stem` (an article's metadata file, found by the article's slug).
    pub fn has_errors_in_file_named(&self, folder: &Path, stem: &str) -> bool {
        self.items.iter().any(|d| {
            d.is_error()
                && d.path.as_ref().is_some_and(|p| {
                    p.starts_with(folder) && p.file_stem().is_some_and(|s| s == stem)
                })
        })
    }

    /// How many errors (not warnings) were collected: compare before and after a step to
    /// learn whether that step failed.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Fails with every diagnostic collected so far if any is an error.
    ///
    /// # Errors
    /// [`Error::Content`] holding all diagnostics (warnings included) when one is an error.
    pub fn check(&self) -> Result<()> {
        if self.has_errors() {
            Err(Error::Content(self.items.clone()))
        } else {
            Ok(())
        }
    }

    /// The warnings and errors collected, in insertion order.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.items
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_diagnostic_with_caret_label_and_help() {
        let text = "seed = \"a.txt\"\ntopics = \"attention\"\n";
        let start = text.find("\"attention\"").unwrap();
        let rendered = Diagnostic::error("invalid metadata for article `slow-reading`")
            .in_file("content/articles/slow-reading.toml")
            .at(text, start..start + 11)
            .label("expected a list of topic slugs, found a string")
            .help("write `topics = [\"attention\"]`")
            .to_string();
        assert_eq!(
            rendered,
            "error: invalid metadata for article `slow-reading`\n \
             --> content/articles/slow-reading.toml:2:10\n  |\n\
             2 | topics = \"attention\"\n  |          ^^^^^^^^^^^ expected a list of topic slugs, found a string\n  |\n  \
             = help: write `topics = [\"attention\"]`\n"
        );
    }

    /// #13 finding 7: a 1 MB title was quoted whole (twice its size with the carets); the
    /// renderer quotes a stretch of the line around the span.
    #[test]
    fn quotes_a_stretch_of_a_long_line_13() {
        let text = format!("title = \"{}\"\nx = 1\n", "é".repeat(1_000_000));
        let start = text.find('"').unwrap();
        let rendered = Diagnostic::error("invalid title")
            .in_file("a.toml")
            .at(&text, start..start + 2_000_002)
            .label("too long")
            .to_string();
        assert!(rendered.len() < 1_000, "{} bytes", rendered.len());
        assert!(rendered.contains("^ too long"), "{rendered}");
    }

    /// #16: carets were counted in characters, so under wide text they were too short and
    /// landed early; they follow display columns (two per Hangul syllable or emoji).
    #[test]
    fn underlines_wide_text_by_display_width_16() {
        let text = "title = \"국경 도시\"\nsummary = \"🌊🌊 rivers\"\n";
        let hangul = text.find("도시").unwrap();
        let rendered = Diagnostic::error("hangul")
            .in_file("a.toml")
            .at(text, hangul..hangul + "도시".len())
            .label("here")
            .to_string();
        assert_eq!(
            rendered,
            "error: hangul\n --> a.toml:1:13\n  |\n1 | title = \"국경 도시\"\n  |               ^^^^ here\n"
        );
        let rivers = text.find("rivers").unwrap();
        let rendered = Diagnostic::warning("emoji")
            .in_file("a.toml")
            .at(text, rivers..rivers + "rivers".len())
            .help("a hint")
            .to_string();
        assert_eq!(
            rendered,
            "warning: emoji\n --> a.toml:2:15\n  |\n2 | summary = \"🌊🌊 rivers\"\n  |                 ^^^^^^\n  |\n  = help: a hint\n"
        );
    }

    /// #16: the label and the help repeated one sentence.
    #[test]
    fn never_prints_the_same_sentence_as_label_and_help_16() {
        let text = "a = 1\n";
        let rendered = Diagnostic::error("bad value")
            .at(text, 4..5)
            .label("Write a string.")
            .help("write a string")
            .to_string();
        assert_eq!(rendered.matches("rite a string").count(), 1, "{rendered}");
        let styled = Diagnostic::error("bad value").at(text, 4..5).render(true);
        assert!(styled.contains("\u{1b}["), "{styled:?}");
        assert!(
            !Diagnostic::error("bad value")
                .at(text, 4..5)
                .to_string()
                .contains('\u{1b}')
        );
    }

    /// #16: `check` and `new` said "build failed … nothing was written".
    #[test]
    fn failure_summary_is_true_for_each_command() {
        let one = [Diagnostic::error("a"), Diagnostic::warning("b")];
        assert_eq!(
            failure_summary("build", &one),
            "build failed with 1 error; nothing was written"
        );
        let two = [Diagnostic::error("a"), Diagnostic::error("b")];
        assert_eq!(failure_summary("check", &two), "check failed with 2 errors");
        assert_eq!(failure_summary("new", &one), "new failed with 1 error");
    }
}
