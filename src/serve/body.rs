//! Response bodies: a file's content type, how it is read (whole or streamed) and its
//! `ETag`, and whether a conditional request is already fresh.

use std::path::Path;

use axum::body::Body;
use axum::http::{HeaderMap, header};

/// The `Content-Type` for `path`, from its extension (`feed.xml` is Atom).
pub(super) fn content_type(path: &Path) -> &'static str {
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    let is_feed = path.file_name().is_some_and(|name| name == "feed.xml");
    match extension.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "xml" if is_feed => "application/atom+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "md" => "text/markdown; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "otf" => "font/otf",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// A file to answer with: HTML read whole (the reload script goes into it), anything else
/// opened and streamed, so a large file never sits in memory whole.
pub(super) enum Contents {
    Whole(Vec<u8>),
    Streamed {
        file: std::fs::File,
        length: u64,
        /// From the file's size, modification time and inode: a rebuild replaces a changed
        /// file by a new one, so these change with its bytes.
        etag: String,
    },
}

/// Opens `path` for an answer (see [`Contents`]).
pub(super) fn open(path: &Path) -> Option<Contents> {
    if content_type(path).starts_with("text/html") {
        return std::fs::read(path).ok().map(Contents::Whole);
    }
    let file = std::fs::File::open(path).ok()?;
    let metadata = file.metadata().ok()?;
    let modified = metadata
        .modified()
        .ok()
        .and_then(|time| time.duration_since(std::time::UNIX_EPOCH).ok())
        .unwrap_or_default();
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0u64;
    let etag = format!(
        "\"{:x}-{:x}-{:x}\"",
        metadata.len(),
        modified.as_nanos(),
        inode
    );
    Some(Contents::Streamed {
        file,
        length: metadata.len(),
        etag,
    })
}

/// How much of a streamed file is read at a time.
const CHUNK: usize = 64 * 1024;

/// A body that reads `file` a chunk at a time, off the connection threads.
pub(super) fn stream_file(file: std::fs::File) -> Body {
    let chunks = futures_util::stream::unfold(Some(file), |file| async move {
        let mut file = file?;
        let read = tokio::task::spawn_blocking(move || {
            use std::io::Read;
            let mut chunk = vec![0; CHUNK];
            let read = file.read(&mut chunk).map(|n| {
                chunk.truncate(n);
                chunk
            });
            (file, read)
        })
        .await;
        match read {
            Ok((_, Ok(chunk))) if chunk.is_empty() => None,
            Ok((file, Ok(chunk))) => Some((Ok(axum::body::Bytes::from(chunk)), Some(file))),
            Ok((_, Err(e))) => Some((Err(e), None)),
            Err(e) => Some((Err(std::io::Error::other(e)), None)),
        }
    });
    Body::from_stream(chunks)
}

/// Whether the client's `If-None-Match` already names `etag`.
pub(super) fn is_fresh(headers: &HeaderMap, etag: &str) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|tag| tag.trim().trim_start_matches("W/"))
        .any(|tag| tag == etag || tag == "*")
}
