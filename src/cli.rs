//! CLI: clap types, and the mapping of each subcommand onto library calls.
//!
//! `shelf build`, `shelf check`, `shelf serve`, `shelf new`, `shelf inspect`, `shelf init` and
//! `shelf theme eject` each have an `*Args` struct whose `run` calls into the library and
//! prints one line of result; doc comments are the `--help` text. Without `--root`, a command
//! works on the nearest folder upward from the current one that holds `site.toml`, as Zola
//! and Hugo do, so it can be run from `content/` or `seeds/`.

use std::net::{IpAddr, Ipv4Addr};
use std::path::{Path, PathBuf};
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use crate::build::{BuildOptions, CacheUse, build_with, check};
use crate::config::{BaseUrl, Overrides, base_url_flag_error};
use crate::console::{ColorChoice, Verbosity, counted, progress};
use crate::error::{Diagnostic, Error, Result, render_all_styled};
use crate::external::{ExternalOptions, ExternalReport, check_external};
use crate::scaffold::scaffold_article;
use crate::serve::{ServeOptions, open_in_browser};
use crate::write::check_output_folder;

/// shelf: publish a curated reading collection as a static website.
///
/// A project holds raw article texts in seeds/, editorial metadata in content/, themes in
/// themes/ and settings in site.toml. See the README for every key.
#[derive(Debug, Parser)]
#[command(name = "shelf", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// When to colour messages: `auto` (on a terminal, unless NO_COLOR is set), `always`
    /// or `never`.
    #[arg(long, value_enum, global = true, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    color: ColorChoice,
    /// Print errors only: no warnings, no progress, no summary line (the exit code tells).
    #[arg(long, short, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Also print each build stage with its time and memory, and what a build kept.
    #[arg(long, short, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

impl Cli {
    /// The subcommand's name as typed (`build`, `check`, …), for the summary of a failure.
    pub fn command_name(&self) -> &'static str {
        match self.command {
            Command::Build(_) => "build",
            Command::Check(_) => "check",
            Command::Serve(_) => "serve",
            Command::New(_) => "new",
            Command::Inspect(_) => "inspect",
            Command::Init(_) => "init",
            Command::Theme(_) => "theme",
            Command::Completions(_) => "completions",
            Command::Man => "man",
        }
    }

    /// Runs the chosen subcommand.
    ///
    /// # Errors
    /// Whatever the subcommand fails with; the caller reports it and sets the exit code.
    pub fn run(self) -> Result<()> {
        crate::console::set_color(self.color);
        crate::console::set_verbosity(match (self.quiet, self.verbose) {
            (true, _) => Verbosity::Quiet,
            (false, true) => Verbosity::Verbose,
            (false, false) => Verbosity::Normal,
        });
        match self.command {
            Command::Build(args) => args.run(),
            Command::Check(args) => args.run(),
            Command::Serve(args) => args.run(),
            Command::New(args) => args.run(),
            Command::Inspect(args) => args.run(),
            Command::Init(args) => args.run(),
            Command::Theme(args) => args.run(),
            Command::Completions(args) => {
                crate::out!("{}", completions(args.shell));
                Ok(())
            }
            Command::Man => {
                crate::out!("{}", man_page()?);
                Ok(())
            }
        }
    }
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (public/ by default).
    Build(BuildArgs),
    /// Validate everything (metadata, seeds, theme, links) without writing; show warnings.
    Check(CheckArgs),
    /// Build into .shelf-serve/ beside the output folder, serve it, and rebuild and reload
    /// the browser on every change.
    Serve(ServeArgs),
    /// Start the metadata for a new raw text: writes content/articles/<slug>.toml as a draft.
    New(NewArgs),
    /// Show how an article's raw text was structured: each line's block kind and the rule
    /// that decided it, to check captions, headings and comments and write overrides.
    Inspect(InspectArgs),
    /// Start a new collection in DIR (default: the current folder, which must be empty):
    /// site.toml with every key explained, an About page, a topic and an example article.
    Init(InitArgs),
    /// Work with the theme: `shelf theme eject` copies the built-in default theme into
    /// themes/default/ to change it.
    Theme(ThemeArgs),
    /// Print a shell completion script: `shelf completions bash > ~/.local/share/bash-completion/completions/shelf`.
    Completions(CompletionsArgs),
    /// Print the man page (roff): `shelf man > ~/.local/share/man/man1/shelf.1`.
    Man,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

/// The completion script for `shell`, generated from the clap definition.
fn completions(shell: clap_complete::Shell) -> String {
    use clap::CommandFactory;
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "shelf", &mut script);
    String::from_utf8_lossy(&script).into_owned()
}

/// The man page, generated from the clap definition.
fn man_page() -> Result<String> {
    use clap::CommandFactory;
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .map_err(|e| Error::io("write", "the man page", e))?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// The project folder: `--root` when given, else the nearest folder upward from the current
/// one that holds `site.toml` (the current folder when none does, so the build reports the
/// missing file there).
fn project_root(root: Option<&Path>) -> Result<PathBuf> {
    let current = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
    if let Some(root) = root {
        return Ok(current.join(root));
    }
    let found = current
        .ancestors()
        .find(|folder| folder.join(crate::load::SITE_FILE).is_file());
    Ok(found.unwrap_or(&current).to_path_buf())
}

#[derive(Debug, Args)]
struct ProjectArgs {
    /// The project folder, holding site.toml (default: the nearest folder upward from here
    /// that has one).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// Include articles and pages marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

impl ProjectArgs {
    fn options(&self, output: Option<PathBuf>, base_url: Option<String>) -> Result<BuildOptions> {
        let current = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
        Ok(BuildOptions {
            root: project_root(self.root.as_deref())?,
            overrides: Overrides {
                output: output.map(|o| current.join(o)),
                base_url,
                include_drafts: self.drafts,
            },
        })
    }
}

#[derive(Debug, Args)]
struct BuildArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// Output folder (default: `output` in site.toml, or public/).
    #[arg(long, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Publish under another address than site.toml's `base_url`.
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Build in full without reading or recording the build cache (`.public.shelf/cache/`).
    #[arg(long, conflicts_with = "clean")]
    no_cache: bool,
    /// Remove the build cache first, then build in full and record the cache again.
    #[arg(long)]
    clean: bool,
}

impl BuildArgs {
    fn run(self) -> Result<()> {
        let options = self.project.options(self.output, self.base_url)?;
        // A bad flag is a usage error (exit 2), reported before any file is read; the same
        // values written in site.toml are configuration errors, reported by the build.
        check_base_url_flag(&options)?;
        if let Some(output) = &options.overrides.output {
            check_output_folder(&options.root, output).map_err(|e| match e {
                Error::Content(found) => match <[Diagnostic; 1]>::try_from(found) {
                    Ok([diagnostic]) => usage(diagnostic),
                    Err(found) => Error::Content(found),
                },
                other => other,
            })?;
        }
        let use_cache = match (self.no_cache, self.clean) {
            (true, _) => CacheUse::Bypass,
            (false, true) => CacheUse::Clean,
            (false, false) => CacheUse::Use,
        };
        progress::start();
        let report = build_with(&options, use_cache);
        progress::finish();
        let report = report?;
        let warnings = report.warnings.iter().filter(|d| !d.is_error()).count();
        crate::statusln!(
            "{} {} ({}, {}) in {} ms into {} ({} written, {} unchanged, {} removed){}",
            if report.is_up_to_date {
                "nothing changed since the last build: kept"
            } else {
                "built"
            },
            counted(report.page_count, "page"),
            counted(report.article_count, "article"),
            counted(report.topic_count, "topic"),
            report.elapsed.as_millis(),
            report.output.display(),
            report.write.written,
            report.write.unchanged,
            report.write.removed,
            match warnings {
                0 => String::new(),
                n => format!(
                    "; {n} warning{}, see `shelf check`",
                    if n == 1 { "" } else { "s" }
                ),
            }
        );
        if crate::console::is_verbose() {
            crate::statusln!(
                "  {} of {} pages kept from the last build without rendering",
                report.kept_count,
                report.page_count
            );
        }
        Ok(())
    }
}

/// A bad `--base-url` is a usage error (exit 2), reported before any file is read.
fn check_base_url_flag(options: &BuildOptions) -> Result<()> {
    match &options.overrides.base_url {
        Some(url) => BaseUrl::parse(url)
            .map(drop)
            .map_err(|why| usage(base_url_flag_error(url, &why))),
        None => Ok(()),
    }
}

/// A usage error rendered like a diagnostic, `help:` included.
fn usage(diagnostic: Diagnostic) -> Error {
    let rendered = diagnostic.to_string();
    let text = rendered.strip_prefix("error: ").unwrap_or(&rendered);
    Error::Usage(text.trim_end().to_string())
}

#[derive(Debug, Args)]
struct CheckArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// `text` for people; `json` prints every diagnostic (file, line, column, severity,
    /// message, label, help) and the counts on stdout, for tools and editors.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also ask every external address in content/ (article sources, links in notes and
    /// pages) whether it still works: HEAD, then GET; redirects followed and reported. Those
    /// that worked in the last 7 days are not asked again (the list is kept beside the
    /// output folder, in .public.shelf/links.json).
    #[arg(long)]
    external: bool,
    /// With `--external`: seconds to wait for each answer.
    #[arg(long, value_name = "SECS", default_value_t = 10, requires = "external",
          value_parser = clap::value_parser!(u64).range(1..=600))]
    timeout: u64,
    /// With `--external`: milliseconds between two requests to the same host.
    #[arg(long, value_name = "MS", default_value_t = 1000, requires = "external")]
    host_delay: u64,
    /// With `--external`: ask every address again, even those that worked lately.
    #[arg(long, requires = "external")]
    recheck: bool,
}

impl CheckArgs {
    fn run(self) -> Result<()> {
        let options = self.project.options(None, None)?;
        let external = self.external.then(|| ExternalOptions {
            timeout: Duration::from_secs(self.timeout),
            host_delay: Duration::from_millis(self.host_delay),
            is_rechecking: self.recheck,
            ..ExternalOptions::default()
        });
        if self.format == Format::Json {
            return check_json(&options, external.as_ref());
        }
        progress::start();
        let site = checked_with_external(&options, external.as_ref());
        progress::finish();
        let (site, links) = site?;
        if site.warnings.iter().any(Diagnostic::is_error) {
            return Err(Error::Content(site.warnings));
        }
        if !crate::console::is_quiet() {
            crate::err!(
                "{}",
                render_all_styled(&site.warnings, crate::console::is_stderr_styled())
            );
        }
        // Plain `check` leaves drafts out like `build`; it says so, since checking a new
        // draft is a step of adding an article (#16).
        let drafts = match site.draft_count {
            0 => String::new(),
            n => format!(
                "; skipped {} (check them with `--drafts`)",
                counted(n, "draft")
            ),
        };
        let links = match links {
            Some(links) => format!(
                "; {} ({} asked, {} known to work from the last 7 days)",
                counted(links.asked + links.remembered, "external link"),
                links.asked,
                links.remembered
            ),
            None => String::new(),
        };
        crate::statusln!(
            "checked {}, {} and {}: no errors, {}{drafts}{links}",
            counted(site.article_count, "article"),
            counted(site.topic_count, "topic"),
            counted(site.page_count, "page"),
            counted(site.warnings.len(), "warning"),
        );
        Ok(())
    }
}

/// What `check` found, the structurer's unsure lines and, when asked, what the external
/// addresses answered, all in the site's warnings (errors among them when a link is broken).
fn checked_with_external(
    options: &BuildOptions,
    external: Option<&ExternalOptions>,
) -> Result<(crate::build::SiteOutput, Option<ExternalReport>)> {
    let mut site = check(options)?;
    // The structurer's unsure lines are warnings of `check` alone: a build has no use for
    // them, and they name the override an editor would write.
    site.warnings
        .extend(crate::inspect::uncertain_line_warnings(options)?);
    let Some(external) = external else {
        return Ok((site, None));
    };
    let mut links = check_external(options, &site.config, external)?;
    site.warnings.append(&mut links.diagnostics);
    Ok((site, Some(links)))
}

/// `check --format json`: one JSON document on stdout, whether the check passed or not;
/// stderr gets only the failure's summary line.
fn check_json(options: &BuildOptions, external: Option<&ExternalOptions>) -> Result<()> {
    let (diagnostics, counts) = match checked_with_external(options, external) {
        Ok((site, links)) => {
            let mut counts = serde_json::json!({
                "articles": site.article_count,
                "topics": site.topic_count,
                "pages": site.page_count,
                "drafts_skipped": site.draft_count,
            });
            if let Some(links) = links {
                counts["external_links"] = serde_json::json!({
                    "asked": links.asked,
                    "known_to_work": links.remembered,
                });
            }
            (site.warnings, counts)
        }
        Err(Error::Content(found)) => (found, serde_json::Value::Null),
        Err(other) => return Err(other),
    };
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let report = serde_json::json!({
        "ok": errors == 0,
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "counts": counts,
        "diagnostics": crate::error::diagnostics_json(&diagnostics),
    });
    crate::outln!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
    match errors {
        0 => Ok(()),
        errors => Err(Error::Reported {
            command: "check",
            errors,
        }),
    }
}

#[derive(Debug, Args)]
struct InspectArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// The article's slug (its metadata file name without `.toml`).
    slug: String,
    /// `text` for people; `json` gives every line's kind, rule, score, deciding features and
    /// span, and the unsure lines with their overrides, for tools.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// For people, in the terminal.
    Text,
    /// For tools.
    Json,
}

impl InspectArgs {
    fn run(self) -> Result<()> {
        let options = self.project.options(None, None)?;
        let inspection = crate::inspect::inspect(&options, &self.slug)?;
        let report = match self.format {
            Format::Text => crate::inspect::format_inspection(&inspection),
            Format::Json => crate::inspect::inspection_json(&inspection),
        };
        crate::out!("{report}");
        Ok(())
    }
}

#[derive(Debug, Args)]
struct ServeArgs {
    #[command(flatten)]
    project: ProjectArgs,
    /// The port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    port: u16,
    /// The address to listen on. Only 127.0.0.1 (the default) keeps other machines out.
    #[arg(long, value_name = "ADDRESS", default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    bind: IpAddr,
    /// Open the site in the default browser.
    #[arg(long)]
    open: bool,
    /// Serve under another address than site.toml's `base_url`, e.g. to preview a site
    /// published under a sub-path (`--base-url http://127.0.0.1:1111/reading/`).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
}

impl ServeArgs {
    fn run(self) -> Result<()> {
        let build = self.project.options(None, self.base_url)?;
        check_base_url_flag(&build)?;
        let options = ServeOptions {
            build,
            bind: self.bind,
            port: self.port,
            is_quiet: crate::console::is_quiet(),
        };
        let serving = crate::serve::start(&options)?;
        let url = format!("http://{}/", serving.address());
        crate::statusln!(
            "serving {url} from {} (Ctrl-C to stop)",
            serving.site_dir().display()
        );
        if self.open {
            open_in_browser(&url);
        }
        serving.run_until_ctrl_c()?;
        crate::statusln!("stopped");
        Ok(())
    }
}

#[derive(Debug, Args)]
struct NewArgs {
    /// The project folder, holding site.toml (default: the nearest folder upward from here
    /// that has one).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
    /// The raw text, under seeds/ (`seeds/003_story.txt` or `003_story.txt`, from the
    /// project folder; or its path from the current folder).
    seed: PathBuf,
}

impl NewArgs {
    fn run(self) -> Result<()> {
        let current = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
        let root = project_root(self.root.as_deref())?;
        // A path that names a file from here (`../seeds/x.txt` run in content/) is taken as
        // such; otherwise it is read as a name under the project's seeds/.
        let from_here = current.join(&self.seed);
        let seed = if from_here.is_file() && root != current {
            from_here
        } else {
            self.seed
        };
        let created = scaffold_article(&root, &seed)?;
        crate::statusln!(
            "created {} (a draft: review every field, then set `draft = false`)",
            created.path.display()
        );
        for guess in &created.guesses {
            crate::statusln!("  guessed {guess}");
        }
        Ok(())
    }
}

#[derive(Debug, Args)]
struct InitArgs {
    /// The folder for the new collection; created if missing, refused if it holds files.
    #[arg(value_name = "DIR", default_value = ".")]
    dir: PathBuf,
}

impl InitArgs {
    fn run(self) -> Result<()> {
        let current = std::env::current_dir().map_err(|e| Error::io("read", ".", e))?;
        let dir = current.join(&self.dir);
        let written = crate::init::init_collection_named(&dir, &self.dir)?;
        crate::statusln!(
            "started a collection in {} ({} files; the default theme is built in)",
            self.dir.display(),
            written.len()
        );
        for path in &written {
            crate::statusln!("  {}", crate::load::slash_path(path));
        }
        let cd = if self.dir == Path::new(".") {
            String::new()
        } else {
            format!("cd {} && ", self.dir.display())
        };
        crate::statusln!("next: {cd}shelf build, then open public/index.html");
        Ok(())
    }
}

#[derive(Debug, Args)]
struct ThemeArgs {
    #[command(subcommand)]
    action: ThemeAction,
}

#[derive(Debug, Subcommand)]
enum ThemeAction {
    /// Copy the built-in default theme into themes/default/, to change it there. The
    /// project's copy is used from then on, whole.
    Eject {
        /// The project folder, holding site.toml (default: the nearest folder upward from
        /// here that has one).
        #[arg(long, value_name = "DIR")]
        root: Option<PathBuf>,
    },
}

impl ThemeArgs {
    fn run(self) -> Result<()> {
        let ThemeAction::Eject { root } = self.action;
        let written = crate::load::builtin::eject(&project_root(root.as_deref())?)?;
        crate::statusln!(
            "copied the built-in theme into {}/ (edit it there; it is used instead of the built-in one)",
            crate::load::slash_path(&written)
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
