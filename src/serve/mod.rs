//! Serve: watch → plan → rebuild → serve, with live reload in the browser.
//!
//! Takes the build options and where to listen. Builds the site once into the serve folder,
//! `.shelf-serve/` beside the output folder (so `public/` never receives drafts or a
//! half-edited site, and `shelf build` output never contains the reload script), then serves
//! it ([`server`]) while a watcher ([`watch`]) reports file changes. Each batch of changes is
//! mapped by [`plan`] onto what the [`Cache`] must forget, and the site is rebuilt on a
//! thread of its own, so the server answers while a rebuild runs. A rebuild writes only the
//! files whose bytes changed. A failed rebuild writes nothing: the last good site stays
//! served, the error is printed and pushed to open pages as an overlay, and the next good
//! rebuild clears it.

mod body;
pub mod plan;
mod resolve;
pub mod server;
pub mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Receiver;
use std::thread::JoinHandle;
use std::time::Instant;

use tokio::sync::watch as channel;

use crate::build::{BuildOptions, Cache, build_cached, load_config};
use crate::error::{Error, Result, render_all};
use crate::write::check_output_folder;
use plan::{Change, plan_rebuild};
use server::Status;

/// The serve folder's name, created beside the output folder.
pub const SERVE_DIR: &str = ".shelf-serve";

/// What to serve and where.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The project and its overrides; the output override is replaced by the serve folder.
    pub build: BuildOptions,
    /// The address to listen on (127.0.0.1 unless told otherwise).
    pub bind: IpAddr,
    /// The port; `0` picks a free one.
    pub port: u16,
    /// Print nothing but errors (`--quiet`, and tests).
    pub is_quiet: bool,
}

/// A running server: the watcher, the rebuild thread and the HTTP server.
#[derive(Debug)]
pub struct Serving {
    address: SocketAddr,
    site_dir: PathBuf,
    shutdown: channel::Sender<bool>,
    watcher: Option<watch::Watcher>,
    rebuilder: Option<JoinHandle<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl Serving {
    /// The address the server listens on.
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// The folder being served (absolute).
    pub fn site_dir(&self) -> &Path {
        &self.site_dir
    }

    /// Blocks until Ctrl-C, then stops.
    ///
    /// # Errors
    /// As [`Serving::stop`], or when Ctrl-C cannot be listened for.
    pub fn run_until_ctrl_c(self) -> Result<()> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| Error::Server(format!("cannot start the server: {e}")))?;
        runtime
            .block_on(tokio::signal::ctrl_c())
            .map_err(|e| Error::Server(format!("cannot listen for Ctrl-C: {e}")))?;
        self.stop()
    }

    /// Stops watching, waits for a running rebuild to end, closes open event streams and
    /// stops the server.
    ///
    /// # Errors
    /// [`Error::Server`] when the server had failed.
    pub fn stop(mut self) -> Result<()> {
        let _ = self.shutdown.send(true);
        // Dropping the watcher closes the change channel, which ends the rebuild loop.
        drop(self.watcher.take());
        if let Some(rebuilder) = self.rebuilder.take() {
            let _ = rebuilder.join();
        }
        match self.server.take().map(JoinHandle::join) {
            Some(Ok(Err(e))) => Err(Error::Server(format!("the server failed: {e}"))),
            Some(Err(_)) => Err(Error::Server("the server thread panicked".into())),
            _ => Ok(()),
        }
    }
}

/// Builds the site into the serve folder, starts watching and serving, and returns at once.
///
/// # Errors
/// [`Error::Content`] when `site.toml` is broken (other content errors are served as an
/// overlay instead), [`Error::Io`] when the serve folder cannot be written or the project
/// cannot be watched, and [`Error::Server`] when the address cannot be listened on (checked
/// before the first build, so a port in use fails at once).
pub fn start(options: &ServeOptions) -> Result<Serving> {
    let root = std::fs::canonicalize(&options.build.root)
        .map_err(|e| Error::io("resolve", &options.build.root, e))?;
    let config = load_config(&root, &options.build.overrides)?;
    let serve_dir = config
        .output
        .parent()
        .unwrap_or(Path::new(""))
        .join(SERVE_DIR);
    let site_dir = check_output_folder(&root, &serve_dir)?;
    let base_path = config.base_url.path().to_string();
    let mut build = options.build.clone();
    build.root = root.clone();
    build.overrides.output = Some(site_dir.clone());

    // The address is taken before the first build: a port in use fails at once, not after
    // a whole build (#16).
    let (runtime, listener, address) = listen(options)?;
    let mut cache = Cache::for_rebuilds();
    let (status_sender, status) = channel::channel(Status::default());
    first_build(&build, &mut cache, &status_sender, options.is_quiet)?;
    std::fs::create_dir_all(&site_dir).map_err(|e| Error::io("create folder", &site_dir, e))?;
    let canonical_site =
        std::fs::canonicalize(&site_dir).map_err(|e| Error::io("resolve", &site_dir, e))?;

    let (watcher, changes) = watch::watch_project(&root)?;
    let (shutdown, shutdown_receiver) = channel::channel(false);
    let is_quiet = options.is_quiet;
    let rebuilder = std::thread::Builder::new()
        .name("shelf-rebuild".into())
        .spawn(move || {
            rebuild_on_changes(
                &changes,
                &build,
                cache,
                &status_sender,
                is_quiet,
                build_cached,
            );
        })
        .map_err(|e| Error::Server(format!("cannot start the rebuild thread: {e}")))?;
    let server = std::thread::Builder::new()
        .name("shelf-http".into())
        .spawn(move || {
            runtime.block_on(server::serve(
                listener,
                (canonical_site, base_path),
                status,
                shutdown_receiver,
            ))
        })
        .map_err(|e| Error::Server(format!("cannot start the server thread: {e}")))?;
    Ok(Serving {
        address,
        site_dir,
        shutdown,
        watcher: Some(watcher),
        rebuilder: Some(rebuilder),
        server: Some(server),
    })
}

/// The server's runtime and its listener on the wanted address, with the address it got.
fn listen(
    options: &ServeOptions,
) -> Result<(tokio::runtime::Runtime, tokio::net::TcpListener, SocketAddr)> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("shelf-serve")
        .enable_all()
        .build()
        .map_err(|e| Error::Server(format!("cannot start the server: {e}")))?;
    let wanted = SocketAddr::new(options.bind, options.port);
    // tokio's listener keeps a long accept backlog, so a burst of connections is not refused.
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(wanted))
        .map_err(|e| Error::Server(format!("cannot listen on {wanted}: {e}")))?;
    let address = listener
        .local_addr()
        .map_err(|e| Error::Server(format!("cannot listen on {wanted}: {e}")))?;
    Ok((runtime, listener, address))
}

/// The first build into the serve folder: content errors go to `status_sender` (and the log) to
/// be served as an overlay; any other error stops `serve`.
fn first_build(
    build: &BuildOptions,
    cache: &mut Cache,
    status_sender: &channel::Sender<Status>,
    is_quiet: bool,
) -> Result<()> {
    let started = Instant::now();
    match build_cached(build, cache) {
        Ok(report) => {
            if !is_quiet {
                crate::outln!(
                    "built {} ({}, {}) in {} ms into {}",
                    crate::console::counted(report.page_count, "page"),
                    crate::console::counted(report.article_count, "article"),
                    crate::console::counted(report.topic_count, "topic"),
                    started.elapsed().as_millis(),
                    report.output.display()
                );
            }
        }
        Err(Error::Content(diagnostics)) => {
            let text = render_all(&diagnostics);
            crate::err!("{text}");
            crate::errln!(
                "error: the site has errors; serving them as an overlay until they are fixed"
            );
            status_sender.send_replace(Status {
                generation: 0,
                error: Some(text),
            });
        }
        Err(other) => return Err(other),
    }
    Ok(())
}

/// How a rebuild is run: [`build_cached`], or a stand-in in tests.
type Rebuild = fn(&BuildOptions, &mut Cache) -> Result<crate::build::BuildReport>;

/// Rebuilds (with `run`) after each batch of changes until the watcher stops. A rebuild
/// that panics is reported like a failed one (in the log and the overlay) and its cache is
/// dropped, so this loop never ends before the watcher does and the next edit rebuilds.
fn rebuild_on_changes(
    changes: &Receiver<Vec<Change>>,
    build: &BuildOptions,
    mut cache: Cache,
    status: &channel::Sender<Status>,
    is_quiet: bool,
    run: Rebuild,
) {
    while let Ok(mut batch) = changes.recv() {
        // Changes that arrived during the last rebuild are folded into this one.
        while let Ok(more) = changes.try_recv() {
            batch.extend(more);
        }
        let plan = plan_rebuild(&batch);
        if plan.is_empty() {
            continue;
        }
        plan.forget_in(&mut cache);
        let started = Instant::now();
        let changed: Vec<String> = batch
            .iter()
            .map(|change| change.path.display().to_string())
            .collect();
        let outcome =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(build, &mut cache)))
                .unwrap_or_else(|panic| {
                    // Half-updated by the panic: start again from nothing.
                    cache.clear();
                    let why = panic
                        .downcast_ref::<&str>()
                        .map(|s| (*s).to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    Err(Error::Server(format!(
                        "internal error while rebuilding (please report it): {why}"
                    )))
                });
        match outcome {
            Ok(report) => {
                let was_broken = status.borrow().error.is_some();
                let is_changed = report.write.written + report.write.removed > 0;
                if !is_quiet {
                    crate::outln!(
                        "rebuilt in {} ms: {} written, {} removed, {} kept without rendering ({})",
                        started.elapsed().as_millis(),
                        report.write.written,
                        report.write.removed,
                        report.kept_count,
                        changed.join(", ")
                    );
                }
                if was_broken || is_changed {
                    status.send_modify(|status| {
                        status.error = None;
                        if is_changed {
                            status.generation += 1;
                        }
                    });
                }
            }
            Err(error) => {
                let text = match &error {
                    Error::Content(diagnostics) => render_all(diagnostics),
                    other => format!("error: {other}\n"),
                };
                crate::err!("{text}");
                crate::errln!("error: rebuild failed; still serving the last good site");
                status.send_modify(|status| status.error = Some(text));
            }
        }
    }
}

/// Opens `url` in the default browser; failure is only a warning.
pub fn open_in_browser(url: &str) {
    let mut command = if cfg!(target_os = "macos") {
        std::process::Command::new("open")
    } else if cfg!(windows) {
        let mut command = std::process::Command::new("cmd");
        command.args(["/C", "start", ""]);
        command
    } else {
        std::process::Command::new("xdg-open")
    };
    if let Err(e) = command.arg(url).spawn() {
        crate::errln!("warning: cannot open a browser ({e}); open {url} yourself");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn panics_then_fails(_: &BuildOptions, _: &mut Cache) -> Result<crate::build::BuildReport> {
        if CALLS.fetch_add(1, Ordering::SeqCst) == 0 {
            panic!("a bug in some stage");
        }
        Err(Error::Usage("the second rebuild ran".into()))
    }

    #[test]
    fn a_panicking_rebuild_is_shown_and_the_next_edit_rebuilds() {
        // #13: a panic (under `serve | head`, from printing) ended the rebuild thread and the
        // server silently never rebuilt again.
        let (sender, changes) = std::sync::mpsc::channel();
        let edit = || {
            vec![Change {
                path: PathBuf::from("content/articles/a.toml"),
                kind: plan::ChangeKind::Modified,
            }]
        };
        let (status_sender, status) = channel::channel(Status::default());
        let build = BuildOptions {
            root: PathBuf::from("."),
            overrides: crate::config::Overrides::default(),
        };
        sender.send(edit()).unwrap();
        let rebuilder = std::thread::spawn(move || {
            rebuild_on_changes(
                &changes,
                &build,
                Cache::default(),
                &status_sender,
                true,
                panics_then_fails,
            );
        });
        // Wait for the first rebuild to be reported, then edit again.
        while status.borrow().error.is_none() && !rebuilder.is_finished() {
            std::thread::sleep(std::time::Duration::from_millis(1));
        }
        let first = status.borrow().error.clone().unwrap_or_default();
        assert!(
            first.contains("internal error") && first.contains("a bug in some stage"),
            "{first}"
        );
        sender.send(edit()).unwrap();
        drop(sender);
        rebuilder.join().expect("the rebuild thread did not die");
        assert_eq!(CALLS.load(Ordering::SeqCst), 2);
        let second = status.borrow().error.clone().unwrap();
        assert!(second.contains("the second rebuild ran"), "{second}");
    }
}
