//! Server: HTTP for the serve folder, and live reload over Server-Sent Events.
//!
//! Takes a listening socket, the folder to serve and a [`Status`] channel; serves until told
//! to stop. Every response comes from inside the folder: each path segment is percent-decoded
//! on its own and refused (400) if it decodes to `.`, `..` or holds a `/`, `\` or NUL byte;
//! hidden names (`.shelf-manifest`) are not served; the resolved file is canonicalized and
//! must still lie inside the canonical folder, so a symlink cannot lead out of it. Folders
//! serve their `index.html` (never a listing), a missing file serves the site's `404.html`
//! with status 404, and GET and HEAD carry an `ETag` so a browser's conditional request gets
//! 304. The live-reload script ([`RELOAD_SCRIPT`]) is added to HTML responses here, in
//! memory: files on disk stay exactly what `shelf build` writes. The script listens on
//! [`EVENTS_PATH`] for `reload` (a rebuild changed the site), `build-error` (whose data is the
//! overlay markup from [`overlay_html`]) and `build-ok` (remove the overlay). A new stream
//! first gets `connected`, or `build-error` when the build is broken at that moment.

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use futures_util::Stream;
use tokio::net::TcpListener;
use tokio::sync::watch;

use super::body::{Contents, content_type, is_fresh, open, stream_file};
use super::resolve::{Target, inside, resolve};

/// The path the reload script listens on for events.
pub const EVENTS_PATH: &str = "/__shelf/events";

/// Added before `</body>` of every HTML response while serving, never written to disk.
pub const RELOAD_SCRIPT: &str = r#"<script data-shelf-live-reload>(() => {
  const hide = () => document.getElementById("shelf-error-overlay")?.remove();
  const events = new EventSource("/__shelf/events");
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("build-error", (event) => {
    hide();
    document.body.insertAdjacentHTML("beforeend", event.data);
  });
  events.addEventListener("build-ok", hide);
})();</script>"#;

/// What the browsers are told: the number of the last successful rebuild, and the error of
/// the last failed one (the Display text of its diagnostics) while it is not fixed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Status {
    /// Counts successful builds that changed the site; a new value means "reload".
    pub generation: u64,
    /// The current build error, if the last build failed.
    pub error: Option<String>,
}

struct App {
    site_dir: PathBuf,
    /// The path of the site's `base_url` (`/reading/`): also served from, see [`under_base`].
    base_path: String,
    status: watch::Receiver<Status>,
    shutdown: watch::Receiver<bool>,
}

/// How long a connection may take to send a request's headers before it is closed, so slow
/// or idle connections do not pile up.
pub const HEADER_READ_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(10);

/// Serves `site_dir` on `listener` until `shutdown` turns true; open event streams end then too.
/// The site is served at `/` and, when `base_path` (the path of `base_url`) is not `/`,
/// under it too, so root-relative links (the 404 page's) work as published.
///
/// # Errors
/// The I/O error that stopped the server.
pub async fn serve(
    listener: TcpListener,
    (site_dir, base_path): (PathBuf, String),
    status: watch::Receiver<Status>,
    shutdown: watch::Receiver<bool>,
) -> std::io::Result<()> {
    serve_with_timeout(
        listener,
        (site_dir, base_path),
        status,
        shutdown,
        HEADER_READ_TIMEOUT,
    )
    .await
}

/// As [`serve`], closing a connection that has not sent a request's headers within
/// `header_timeout`. hyper's own connection builder is used instead of `axum::serve`,
/// which has no such timeout.
async fn serve_with_timeout(
    listener: TcpListener,
    (site_dir, base_path): (PathBuf, String),
    status: watch::Receiver<Status>,
    shutdown: watch::Receiver<bool>,
    header_timeout: std::time::Duration,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let app = Arc::new(App {
        site_dir,
        base_path,
        status,
        shutdown: shutdown.clone(),
    });
    let router = Router::new()
        .route(EVENTS_PATH, get(events))
        .fallback(file)
        .with_state(app);
    let service = hyper_util::service::TowerToHyperService::new(router);
    let mut stop = shutdown.clone();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            () = is_stopping(&mut stop) => return Ok(()),
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors under a flood, or a connection reset before it was
                // accepted: wait a moment rather than spin, and go on serving.
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = service.clone();
        let mut stopping = shutdown.clone();
        tokio::spawn(async move {
            let connection = hyper::server::conn::http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(header_timeout)
                .serve_connection(TokioIo::new(stream), service);
            tokio::pin!(connection);
            tokio::select! {
                _ = connection.as_mut() => {}
                () = is_stopping(&mut stopping) => {
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
        });
    }
}

/// Waits until `shutdown` turns true (or its sender is gone).
async fn is_stopping(shutdown: &mut watch::Receiver<bool>) {
    let _ = shutdown.wait_for(|is_stopping| *is_stopping).await;
}

/// The overlay shown over the page while the build is broken: the diagnostics' text,
/// HTML-escaped, in a `<pre>` inside `<div id="shelf-error-overlay">`.
pub fn overlay_html(error: &str) -> String {
    format!(
        concat!(
            r#"<div id="shelf-error-overlay" role="alert" style="position:fixed;inset:0;z-index:2147483647;"#,
            r#"overflow:auto;margin:0;padding:2rem;background:rgba(24,24,24,.95);color:#eee;"#,
            r#"font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;text-align:left">"#,
            r#"<p style="margin:0 0 1rem;color:#ff8a80;font-weight:bold">"#,
            "shelf: the last edit broke the build; this page is the last good version</p>",
            r#"<pre style="margin:0;white-space:pre-wrap">{}</pre></div>"#
        ),
        escape_html(error)
    )
}

fn escape_html(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            // A carriage return would end an SSE data line early.
            '\r' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

async fn events(State(app): State<Arc<App>>) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    struct Listener {
        status: watch::Receiver<Status>,
        shutdown: watch::Receiver<bool>,
        generation: u64,
        showing_error: bool,
        is_new: bool,
    }
    let mut status = app.status.clone();
    let generation = status.borrow_and_update().generation;
    let listener = Listener {
        status,
        shutdown: app.shutdown.clone(),
        generation,
        showing_error: false,
        is_new: true,
    };
    let stream = futures_util::stream::unfold(listener, |mut listener| async move {
        loop {
            if listener.is_new {
                listener.is_new = false;
                // Tells a client the stream is live; a page opened while the build is broken
                // gets the overlay straight away.
                let event = match listener.status.borrow().error.clone() {
                    Some(error) => {
                        listener.showing_error = true;
                        Event::default()
                            .event("build-error")
                            .data(overlay_html(&error))
                    }
                    None => Event::default()
                        .event("connected")
                        .data(listener.generation.to_string()),
                };
                return Some((Ok(event), listener));
            }
            if *listener.shutdown.borrow() {
                return None;
            }
            tokio::select! {
                changed = listener.status.changed() => changed.ok()?,
                _ = listener.shutdown.changed() => return None,
            }
            let current = listener.status.borrow_and_update().clone();
            let event = match current.error {
                Some(error) => {
                    listener.showing_error = true;
                    Event::default()
                        .event("build-error")
                        .data(overlay_html(&error))
                }
                None if current.generation != listener.generation => {
                    listener.generation = current.generation;
                    listener.showing_error = false;
                    Event::default()
                        .event("reload")
                        .data(current.generation.to_string())
                }
                None if listener.showing_error => {
                    listener.showing_error = false;
                    Event::default().event("build-ok").data("ok")
                }
                None => continue,
            };
            return Some((Ok(event), listener));
        }
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

/// Adds [`RELOAD_SCRIPT`] before the last `</body>`, or at the end when there is none.
fn inject_reload_script(html: &[u8]) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + RELOAD_SCRIPT.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(RELOAD_SCRIPT.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

/// Answers a GET or HEAD for a file in the folder (405 for any other method).
async fn file(
    State(app): State<Arc<App>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let Some((status, body, location)) = locate(&app, &uri).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(location) = location {
        return match HeaderValue::from_str(&location) {
            Ok(value) => (status, [(header::LOCATION, value)]).into_response(),
            Err(_) => StatusCode::BAD_REQUEST.into_response(),
        };
    }
    let (status, path, contents) = match (status, body) {
        (status, Some((path, contents))) => (status, path, contents),
        (StatusCode::OK, None) | (StatusCode::NOT_FOUND, None) => (
            StatusCode::NOT_FOUND,
            PathBuf::from("404.html"),
            Contents::Whole(
                b"<!doctype html><title>Not found</title><body><h1>Not found</h1></body>".to_vec(),
            ),
        ),
        (status, None) => (
            status,
            PathBuf::from("400.html"),
            Contents::Whole(
                b"<!doctype html><title>Bad request</title><body><h1>Bad request</h1></body>"
                    .to_vec(),
            ),
        ),
    };
    respond(status, &path, contents, &method, &headers)
}

/// What a request path found: its status, the file to answer with (if any could be opened)
/// and a redirect location.
type Located = (StatusCode, Option<(PathBuf, Contents)>, Option<String>);

/// Resolves and opens the request's file off the connection threads (file reads block);
/// `None` if that blocking task failed.
async fn locate(app: &App, uri: &Uri) -> Option<Located> {
    let site_dir = app.site_dir.clone();
    let raw_path = uri.path().to_string();
    let base_path = app.base_path.clone();
    tokio::task::spawn_blocking(move || {
        let target = match resolve(&site_dir, &raw_path) {
            Target::NotFound => under_base(&raw_path, &base_path)
                .map_or(Target::NotFound, |inner| resolve(&site_dir, &inner)),
            found => found,
        };
        let read = |path: &Path| open(path).map(|contents| (path.to_path_buf(), contents));
        match target {
            Target::File(path) => (StatusCode::OK, read(&path), None),
            Target::Redirect(location) => (StatusCode::MOVED_PERMANENTLY, None, Some(location)),
            Target::BadRequest => (StatusCode::BAD_REQUEST, None, None),
            Target::NotFound => {
                let page = inside(&site_dir, &site_dir.join("404.html"));
                (StatusCode::NOT_FOUND, page.as_deref().and_then(read), None)
            }
        }
    })
    .await
    .ok()
}

/// `raw_path` inside the site when it starts with the site's `base_path` (`/reading/x` is
/// `/x` for the base path `/reading/`; `/reading` is `/`), for a request not found at the
/// root. The 404 page links from the base path, since it answers at any depth; served at
/// `/` alone, its stylesheet and links would miss under `shelf serve` (#16).
fn under_base(raw_path: &str, base_path: &str) -> Option<String> {
    let prefix = base_path.trim_end_matches('/');
    if prefix.is_empty() {
        return None;
    }
    let rest = raw_path.strip_prefix(prefix)?;
    match rest {
        "" => Some("/".to_string()),
        rest if rest.starts_with('/') => Some(rest.to_string()),
        _ => None,
    }
}

/// The response for `contents` (found at `path`) with `status`: headers, the reload script
/// in HTML, the `ETag` and a 304 when the client's copy is fresh, no body for HEAD.
fn respond(
    status: StatusCode,
    path: &Path,
    contents: Contents,
    method: &Method,
    headers: &HeaderMap,
) -> Response {
    let content_type = content_type(path);
    let (length, etag, body) = match contents {
        Contents::Whole(bytes) => {
            let bytes = if content_type.starts_with("text/html") {
                inject_reload_script(&bytes)
            } else {
                bytes
            };
            let etag = format!("\"{}\"", &blake3::hash(&bytes).to_hex()[..20]);
            (bytes.len() as u64, etag, Body::from(bytes))
        }
        Contents::Streamed { file, length, etag } => (length, etag, stream_file(file)),
    };
    let mut response = Response::builder()
        .header(header::CONTENT_TYPE, content_type)
        .header(header::CACHE_CONTROL, "no-cache")
        .header(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    if status == StatusCode::OK {
        response = response.header(header::ETAG, &etag);
        if is_fresh(headers, &etag) {
            return response
                .status(StatusCode::NOT_MODIFIED)
                .body(Body::empty())
                .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response());
        }
    }
    let response = response
        .status(status)
        .header(header::CONTENT_LENGTH, length);
    let body = if method == Method::HEAD {
        Body::empty()
    } else {
        body
    };
    response
        .body(body)
        .unwrap_or_else(|_| StatusCode::INTERNAL_SERVER_ERROR.into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_under_the_base_path_are_found_inside_the_site_16() {
        assert_eq!(
            under_base("/reading/static/a.css", "/reading/").as_deref(),
            Some("/static/a.css")
        );
        assert_eq!(under_base("/reading", "/reading/").as_deref(), Some("/"));
        assert_eq!(under_base("/readings/x", "/reading/"), None);
        assert_eq!(under_base("/other/x", "/reading/"), None);
        assert_eq!(under_base("/x", "/"), None);
    }

    fn site() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path().join("site");
        std::fs::create_dir_all(site.join("articles/a")).unwrap();
        std::fs::write(site.join("articles/a/index.html"), "<p>a</p>").unwrap();
        std::fs::write(site.join("index.html"), "<p>home</p>").unwrap();
        std::fs::write(site.join(".shelf-manifest"), "index.html\n").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        let site = std::fs::canonicalize(site).unwrap();
        (dir, site)
    }

    #[test]
    fn resolves_files_and_folder_indexes() {
        let (_dir, site) = site();
        assert_eq!(resolve(&site, "/"), Target::File(site.join("index.html")));
        assert_eq!(
            resolve(&site, "/articles/a/"),
            Target::File(site.join("articles/a/index.html"))
        );
        assert_eq!(
            resolve(&site, "/articles/%61/index.html"),
            Target::File(site.join("articles/a/index.html"))
        );
        assert_eq!(
            resolve(&site, "/articles/a"),
            Target::Redirect("/articles/a/".into())
        );
    }

    #[test]
    fn a_doubled_slash_redirects_inside_the_site() {
        // #13: `GET //x` redirected to `//x/`, which a browser reads as another host.
        let (_dir, site) = site();
        assert_eq!(
            resolve(&site, "//articles//a"),
            Target::Redirect("/articles/a/".into())
        );
    }

    #[test]
    fn a_connection_that_sends_no_whole_header_is_closed() {
        // #13: a slow or idle connection was never closed.
        use std::io::{Read, Write};
        let (_dir, site) = site();
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        let listener = runtime.block_on(TcpListener::bind("127.0.0.1:0")).unwrap();
        let address = listener.local_addr().unwrap();
        let (_status_sender, status) = watch::channel(Status::default());
        let (stop, shutdown) = watch::channel(false);
        let server = runtime.spawn(serve_with_timeout(
            listener,
            (site, "/".to_string()),
            status,
            shutdown,
            std::time::Duration::from_millis(100),
        ));
        let mut slow = std::net::TcpStream::connect(address).unwrap();
        slow.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
        // Only a guard against hanging: the server closes the connection long before.
        slow.set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        let mut rest = Vec::new();
        let closed = slow.read_to_end(&mut rest);
        assert!(
            closed.is_ok()
                || closed
                    .as_ref()
                    .is_err_and(|e| e.kind() == std::io::ErrorKind::ConnectionReset),
            "{closed:?}"
        );
        let _ = stop.send(true);
        runtime.block_on(server).unwrap().unwrap();
    }

    #[test]
    fn refuses_every_way_out_of_the_folder() {
        let (_dir, site) = site();
        for path in [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/..%2fsecret.txt",
            "/articles/..%2f..%2fsecret.txt",
            "/articles%5c..%5c..%5csecret.txt",
            "/%00",
            "/%zz",
            "secret.txt",
        ] {
            assert_eq!(resolve(&site, path), Target::BadRequest, "{path}");
        }
        for path in ["/.shelf-manifest", "/missing.html", "//secret.txt"] {
            assert_eq!(resolve(&site, path), Target::NotFound, "{path}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn refuses_symlinks_that_lead_out_of_the_folder() {
        let (dir, site) = site();
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), site.join("link.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), site.join("up")).unwrap();
        assert_eq!(resolve(&site, "/link.txt"), Target::NotFound);
        assert_eq!(resolve(&site, "/up/secret.txt"), Target::NotFound);
    }

    #[test]
    fn injects_the_script_before_the_closing_body_tag() {
        let html = inject_reload_script(b"<html><body><p>x</p></BODY></html>");
        let html = String::from_utf8(html).unwrap();
        assert!(
            html.ends_with(&format!("{RELOAD_SCRIPT}</BODY></html>")),
            "{html}"
        );
    }

    #[test]
    fn overlay_escapes_the_error_text() {
        let overlay = overlay_html("error: bad `<b>` & co\r\n --> a.toml:2:1");
        assert!(overlay.starts_with(r#"<div id="shelf-error-overlay""#));
        assert!(overlay.contains("error: bad `&lt;b&gt;` &amp; co\n --&gt; a.toml:2:1"));
    }

    #[test]
    fn text_types_carry_a_charset() {
        assert_eq!(
            content_type(Path::new("a/index.html")),
            "text/html; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("feed.xml")),
            "application/atom+xml; charset=utf-8"
        );
        assert_eq!(
            content_type(Path::new("static/style.1.css")),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type(Path::new("x.bin")), "application/octet-stream");
    }
}
