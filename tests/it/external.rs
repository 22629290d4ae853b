//! `shelf check --external` (#16), against a server the test starts on 127.0.0.1: nothing
//! here reaches the internet. The server answers 200, 404, a 301 to a working page, a 405 to
//! `HEAD` (and 200 to `GET`), and one answer too slow for the timeout; it logs every request
//! and counts how many it serves at once.

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crate::Fixture;

/// The test's web server: its port, every request as `METHOD /path`, and the most requests
/// it served at one time (the slow one aside: the client gives up on it).
struct Server {
    port: u16,
    log: Arc<Mutex<Vec<String>>>,
    most_at_once: Arc<AtomicUsize>,
}

impl Server {
    fn start() -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let log = Arc::new(Mutex::new(Vec::new()));
        let now = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        let (log_, most_) = (Arc::clone(&log), Arc::clone(&most_at_once));
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let (log, now, most) = (Arc::clone(&log_), Arc::clone(&now), Arc::clone(&most_));
                std::thread::spawn(move || answer(stream, &log, &now, &most));
            }
        });
        Server {
            port,
            log,
            most_at_once,
        }
    }

    /// The requests since the last call.
    fn take_log(&self) -> Vec<String> {
        std::mem::take(&mut *self.log.lock().unwrap())
    }
}

fn answer(stream: TcpStream, log: &Mutex<Vec<String>>, now: &AtomicUsize, most: &AtomicUsize) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    reader.read_line(&mut request_line).unwrap_or_default();
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let mut words = request_line.split_whitespace();
    let (method, path) = (
        words.next().unwrap_or_default(),
        words.next().unwrap_or_default(),
    );
    log.lock().unwrap().push(format!("{method} {path}"));
    let is_slow = path == "/slow";
    if !is_slow {
        most.fetch_max(now.fetch_add(1, Ordering::SeqCst) + 1, Ordering::SeqCst);
    }
    let (status, extra) = match (method, path) {
        (_, "/ok") | ("GET", "/no-head") => ("200 OK", ""),
        ("HEAD", "/no-head") => ("405 Method Not Allowed", ""),
        (_, "/moved") => ("301 Moved Permanently", "Location: /ok\r\n"),
        (_, "/slow") => {
            std::thread::sleep(Duration::from_secs(8));
            ("200 OK", "")
        }
        _ => ("404 Not Found", ""),
    };
    let mut stream = stream;
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\n{extra}Content-Length: 0\r\nConnection: close\r\n\r\n"
    );
    if !is_slow {
        now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// The `external/links` fixture with its addresses pointing at `server`.
fn fixture_for(server: &Server) -> Fixture {
    let fixture = Fixture::from_dir("external/links");
    for file in [
        "content/articles/alpha.toml",
        "content/articles/beta.toml",
        "content/pages/about.md",
    ] {
        let text = fixture.read(file).replace("PORT", &server.port.to_string());
        fixture.write(file, text);
    }
    fixture
}

/// Runs `shelf` in the fixture with no proxy in the environment (so 127.0.0.1 is asked
/// directly); returns the exit code, stdout and stderr with the port as `PORT`.
fn check(fixture: &Fixture, server: &Server, args: &[&str]) -> (i32, String, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_shelf"));
    command.args(args).current_dir(fixture.root());
    for proxy in [
        "http_proxy",
        "HTTP_PROXY",
        "https_proxy",
        "HTTPS_PROXY",
        "all_proxy",
        "ALL_PROXY",
    ] {
        command.env_remove(proxy);
    }
    let output = command.output().unwrap();
    let port = server.port.to_string();
    // The carets' length depends on the port's digits: a run of them is kept as one.
    let text = |bytes: &[u8]| {
        let text = String::from_utf8_lossy(bytes).replace(&port, "PORT");
        let mut collapsed = String::with_capacity(text.len());
        for c in text.chars() {
            if !(c == '^' && collapsed.ends_with('^')) {
                collapsed.push(c);
            }
        }
        collapsed
    };
    (
        output.status.code().unwrap_or(-1),
        text(&output.stdout),
        text(&output.stderr),
    )
}

/// No delay between requests; a 2 s timeout, far above a local answer even on a loaded
/// machine, and far below the slow answer's 8 s.
const FAST: [&str; 6] = ["check", "--external", "--timeout", "2", "--host-delay", "0"];

const EXPECTED: &str = r#"warning: external link `http://127.0.0.1:PORT/moved` redirects to `http://127.0.0.1:PORT/ok`
 --> content/articles/alpha.toml:7:45
  |
7 | editor_note = "Compare the [earlier report](http://127.0.0.1:PORT/moved) with [beta](@/articles/beta/)."
  |                                             ^ answered 301, and the new address works
  |
  = help: write `http://127.0.0.1:PORT/ok` instead

error: external link `http://127.0.0.1:PORT/gone` is broken
  --> content/articles/beta.toml:10:8
   |
10 | url = "http://127.0.0.1:PORT/gone"
   |        ^ answered 404 Not Found
   |
   = help: open it in a browser; if the page moved, write its new address, or link a copy kept by a web archive

error: external link `http://127.0.0.1:PORT/slow#top` did not answer
 --> content/pages/about.md:7:10
  |
7 | [mirror](http://127.0.0.1:PORT/slow#top), and so is [alpha](@/articles/alpha/)'s source,
  |          ^ no answer within 2 s
  |
  = help: try again later, or wait longer with `--timeout SECS`

error: check failed with 2 errors
"#;

#[test]
fn reports_broken_slow_and_redirecting_links_where_they_are_written_16() {
    let server = Server::start();
    let fixture = fixture_for(&server);
    let (code, stdout, stderr) = check(&fixture, &server, &FAST);
    assert_eq!((code, stdout.as_str()), (1, ""), "{stderr}");
    assert_eq!(stderr, EXPECTED, "{stderr}");
    // Each distinct address once, one host's requests one at a time; HEAD refused or
    // failed falls back to GET; the redirect is followed; a commented-out address is not
    // asked, nor the slow one twice.
    assert_eq!(
        server.take_log(),
        [
            "HEAD /gone",
            "GET /gone",
            "HEAD /moved",
            "HEAD /ok",
            "HEAD /no-head",
            "GET /no-head",
            "HEAD /ok",
            "HEAD /slow"
        ]
    );
    assert_eq!(server.most_at_once.load(Ordering::SeqCst), 1);
}

#[test]
fn remembers_working_links_for_the_next_check_unless_told_to_recheck_16() {
    let server = Server::start();
    let fixture = fixture_for(&server);
    let (code, _, _) = check(&fixture, &server, &FAST);
    assert_eq!(code, 1);
    assert_eq!(server.take_log().len(), 8);
    let cache = fixture.read(".public.shelf/links.json");
    assert!(cache.contains("/no-head"), "{cache}");
    // /ok and /no-head worked: not asked again. The broken, slow and redirecting ones are.
    let (code, _, _) = check(&fixture, &server, &FAST);
    assert_eq!(code, 1);
    assert_eq!(
        server.take_log(),
        [
            "HEAD /gone",
            "GET /gone",
            "HEAD /moved",
            "HEAD /ok",
            "HEAD /slow"
        ]
    );
    let mut recheck = FAST.to_vec();
    recheck.push("--recheck");
    let (code, _, _) = check(&fixture, &server, &recheck);
    assert_eq!(code, 1);
    assert_eq!(server.take_log().len(), 8);
    assert!(!fixture.root().join("content/links.json").exists());
}

#[test]
fn external_results_in_json_name_file_line_and_column_16() {
    let server = Server::start();
    let fixture = fixture_for(&server);
    let mut args = FAST.to_vec();
    args.extend(["--format", "json"]);
    let (code, stdout, stderr) = check(&fixture, &server, &args);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(stderr, "error: check failed with 2 errors\n");
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(
        (report["errors"].as_u64(), report["warnings"].as_u64()),
        (Some(2), Some(1))
    );
    let gone = &report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap_or_default().contains("/gone"))
        .unwrap();
    assert_eq!(gone["file"], "content/articles/beta.toml");
    assert_eq!(
        (gone["line"].as_u64(), gone["column"].as_u64()),
        (Some(10), Some(8))
    );
}

#[test]
fn without_external_no_request_is_made_16() {
    let server = Server::start();
    let fixture = fixture_for(&server);
    let (code, _, stderr) = check(&fixture, &server, &["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(server.take_log().is_empty());
}

#[test]
fn a_check_whose_links_work_passes_and_counts_what_it_asked_16() {
    let server = Server::start();
    let fixture = fixture_for(&server);
    for file in ["content/articles/beta.toml", "content/pages/about.md"] {
        let text = fixture
            .read(file)
            .replace("/gone", "/ok")
            .replace("/slow", "/no-head");
        fixture.write(file, text);
    }
    let (code, stdout, stderr) = check(&fixture, &server, &FAST);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.starts_with("warning: external link `http://127.0.0.1:PORT/moved` redirects"));
    assert_eq!(
        stdout,
        "checked 2 articles, 1 topic and 10 pages: no errors, 1 warning; \
         3 external links (3 asked, 0 known to work from the last 7 days)\n"
    );
    let (code, stdout, _) = check(&fixture, &server, &FAST);
    assert_eq!(code, 0);
    assert!(
        stdout.ends_with("; 3 external links (1 asked, 2 known to work from the last 7 days)\n"),
        "{stdout}"
    );
}
