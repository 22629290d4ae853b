//! Asking a server whether an address works: `HEAD`, then `GET` when `HEAD` is refused or
//! fails, redirects followed one by one (so each hop is known), and a timeout on each request.
//!
//! Takes one URL, returns an [`Outcome`]; never reads a body, never panics, and never retries
//! a request that timed out (a slow server is reported, not asked twice as long).

use std::time::Duration;

use ureq::Agent;

/// How many redirects are followed before the address is called broken.
const MAX_REDIRECTS: usize = 10;

/// What asking for one address found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Outcome {
    /// It answered 2xx straight away.
    Works,
    /// It redirected (the first status), and where the redirects ended answered 2xx.
    Redirected {
        /// The status of the first answer (301, 302, 307, 308…).
        status: u16,
        /// The address the redirects ended at.
        to: String,
    },
    /// It (or where it redirected) answered 4xx or 5xx, to `GET` as well as `HEAD`.
    Broken {
        /// The status.
        status: u16,
        /// Where that answer came from, when redirects led there.
        after_redirect_to: Option<String>,
    },
    /// It did not answer within the timeout.
    TimedOut,
    /// It could not be asked: no such host, connection refused, a TLS failure, too many
    /// redirects. The reason, in a few words.
    Unreachable(String),
}

/// The one client of a check, shared by every worker.
#[derive(Debug)]
pub(crate) struct Prober {
    agent: Agent,
}

/// One answer: a status and the `Location` header, or why there was none.
enum Answer {
    Status(u16, Option<String>),
    TimedOut,
    Failed(String),
}

impl Prober {
    /// A client with `timeout` for each request (from connecting to the response's headers).
    pub(crate) fn new(timeout: Duration) -> Prober {
        let agent = Agent::config_builder()
            .timeout_global(Some(timeout))
            .max_redirects(0)
            .http_status_as_error(false)
            .user_agent(concat!(
                "shelf/",
                env!("CARGO_PKG_VERSION"),
                " (link check of a reading collection)"
            ))
            .build()
            .into();
        Prober { agent }
    }

    /// Asks for `url`, following redirects.
    pub(crate) fn probe(&self, url: &str) -> Outcome {
        let mut current = url.to_string();
        let mut first_redirect = None;
        for _ in 0..=MAX_REDIRECTS {
            match self.ask(&current) {
                Answer::Status(status, Some(location)) if (300..400).contains(&status) => {
                    let Some(next) = resolve(&current, &location) else {
                        return Outcome::Unreachable(format!(
                            "redirected ({status}) to `{location}`, which is not an address"
                        ));
                    };
                    first_redirect.get_or_insert(status);
                    current = next;
                }
                Answer::Status(status, _) if (200..300).contains(&status) => {
                    return match first_redirect {
                        None => Outcome::Works,
                        Some(status) => Outcome::Redirected {
                            status,
                            to: current,
                        },
                    };
                }
                Answer::Status(status, _) => {
                    return Outcome::Broken {
                        status,
                        after_redirect_to: first_redirect.map(|_| current),
                    };
                }
                Answer::TimedOut => return Outcome::TimedOut,
                Answer::Failed(why) => return Outcome::Unreachable(why),
            }
        }
        Outcome::Unreachable(format!("more than {MAX_REDIRECTS} redirects"))
    }

    /// One `HEAD`, and a `GET` instead when `HEAD` answers 4xx/5xx or fails other than by
    /// timing out: many servers refuse or mishandle `HEAD` (405, 403, 501) yet serve the page.
    fn ask(&self, url: &str) -> Answer {
        match self.send(url, true) {
            Answer::Status(status, _) if status >= 400 => self.send(url, false),
            Answer::Failed(_) => self.send(url, false),
            answer => answer,
        }
    }

    fn send(&self, url: &str, is_head: bool) -> Answer {
        let request = if is_head {
            self.agent.head(url).call()
        } else {
            self.agent.get(url).call()
        };
        match request {
            Ok(response) => {
                let location = response
                    .headers()
                    .get("location")
                    .and_then(|value| value.to_str().ok())
                    .map(str::to_string);
                Answer::Status(response.status().as_u16(), location)
            }
            Err(ureq::Error::Timeout(_)) => Answer::TimedOut,
            Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::TimedOut => Answer::TimedOut,
            Err(ureq::Error::HostNotFound) => Answer::Failed("no such host".to_string()),
            Err(ureq::Error::Io(e)) if e.kind() == std::io::ErrorKind::ConnectionRefused => {
                Answer::Failed("connection refused".to_string())
            }
            Err(ureq::Error::Io(e)) if e.to_string().contains("failed to lookup address") => {
                Answer::Failed("no such host".to_string())
            }
            Err(ureq::Error::Io(e)) => Answer::Failed(e.to_string()),
            Err(other) => Answer::Failed(other.to_string()),
        }
    }
}

/// `location` (absolute or relative) resolved against `base`.
fn resolve(base: &str, location: &str) -> Option<String> {
    let joined = url::Url::parse(base).ok()?.join(location).ok()?;
    matches!(joined.scheme(), "http" | "https").then(|| joined.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_relative_and_absolute_locations() {
        assert_eq!(
            resolve("http://a.example/x/y", "/z").as_deref(),
            Some("http://a.example/z")
        );
        assert_eq!(
            resolve("http://a.example/x/y", "w").as_deref(),
            Some("http://a.example/x/w")
        );
        assert_eq!(
            resolve("http://a.example/", "https://b.example/").as_deref(),
            Some("https://b.example/")
        );
        assert_eq!(resolve("http://a.example/", "ftp://b.example/"), None);
    }
}
