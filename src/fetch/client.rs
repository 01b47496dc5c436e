//! The HTTP client: timeouts, a polite request rate, and retries of what a faulty network
//! or a busy server gets wrong.

use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant, SystemTime};

use reqwest::StatusCode;
use tokio::runtime::Runtime;

use super::retry::parse_retry_after;
use super::{Config, Event, FetchError};

/// What one attempt at a request came to.
enum Attempt<T> {
    Done(T),
    /// Worth trying again: why, and the server's `Retry-After` if it gave one.
    Again(String, Option<Duration>),
    Fail(FetchError),
}

/// Why a response body could not be taken as what was asked for.
pub(crate) enum BodyError {
    /// The body stops early (JSON that ends mid-value): the transfer was cut, try again.
    Truncated(String),
    /// The body is complete but not what the API sends: trying again will not help.
    Malformed(String),
}

impl BodyError {
    /// The body as text; a body that is not UTF-8 is malformed.
    pub(crate) fn utf8(body: &[u8]) -> Result<&str, Self> {
        std::str::from_utf8(body).map_err(|e| BodyError::Malformed(format!("not UTF-8: {e}")))
    }

    /// Classifies a JSON error: an unexpected end of input is a cut transfer.
    pub(crate) fn from_json(e: serde_json::Error) -> Self {
        if e.classify() == serde_json::error::Category::Eof {
            BodyError::Truncated(format!("response body cut short ({e})"))
        } else {
            BodyError::Malformed(e.to_string())
        }
    }
}

/// Receives the [`Event`]s of a download.
type Observer = Box<dyn Fn(&Event) + Send + Sync>;

/// A ClinicalTrials.gov API client. Requests go out one at a time, no faster than the
/// configured rate, and each is retried per the [`RetryPolicy`](super::RetryPolicy).
pub struct Client {
    http: reqwest::Client,
    /// Drives one request at a time; the public API stays blocking.
    runtime: Runtime,
    config: Config,
    /// When the next request may start, for the rate limit.
    next_slot: Mutex<Instant>,
    observer: Option<Observer>,
}

impl Client {
    /// A client for `config`.
    pub fn new(config: Config) -> Result<Self, FetchError> {
        // A per-read timeout (reset by every successful read) suits large pages of unknown
        // size better than one deadline for the whole body; it needs the async client.
        let mut builder = reqwest::ClientBuilder::new()
            .connect_timeout(config.connect_timeout)
            .read_timeout(config.read_timeout)
            .user_agent(config.user_agent.clone())
            .gzip(true);
        if let Some(t) = config.request_timeout {
            builder = builder.timeout(t);
        }
        let http = builder
            .build()
            .map_err(|e| FetchError::Client(error_chain(&e)))?;
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| FetchError::Client(format!("cannot start the I/O runtime: {e}")))?;
        Ok(Client {
            http,
            runtime,
            config,
            next_slot: Mutex::new(Instant::now()),
            observer: None,
        })
    }

    /// Reports retries (and anything else worth showing) to `observer`.
    pub fn with_observer(mut self, observer: impl Fn(&Event) + Send + Sync + 'static) -> Self {
        self.observer = Some(Box::new(observer));
        self
    }

    /// The configuration this client was made with.
    pub fn config(&self) -> &Config {
        &self.config
    }

    pub(crate) fn notify(&self, event: &Event) {
        if let Some(o) = &self.observer {
            o(event);
        }
    }

    /// GETs `url` with `query`, then reads the body with `read`; retries connection errors,
    /// timeouts, 429, 5xx and bodies cut short. `what` names the request in events.
    pub(crate) fn get<T>(
        &self,
        what: &str,
        url: &str,
        query: &[(&str, String)],
        read: impl Fn(&[u8]) -> Result<T, BodyError>,
    ) -> Result<T, FetchError> {
        let policy = &self.config.retry;
        let mut retry = 0;
        loop {
            self.wait_for_slot();
            let (reason, retry_after) = match self.attempt(url, query, &read) {
                Attempt::Done(v) => return Ok(v),
                Attempt::Fail(e) => return Err(e),
                Attempt::Again(reason, after) => (reason, after),
            };
            if retry >= policy.retries {
                return Err(FetchError::GaveUp {
                    attempts: retry + 1,
                    last: reason,
                });
            }
            let wait = policy.wait(retry, retry_after);
            retry += 1;
            self.notify(&Event::Retry {
                what: what.to_string(),
                retry,
                of: policy.retries,
                wait,
                reason,
            });
            thread::sleep(wait);
        }
    }

    fn attempt<T>(
        &self,
        url: &str,
        query: &[(&str, String)],
        read: &impl Fn(&[u8]) -> Result<T, BodyError>,
    ) -> Attempt<T> {
        let (status, retry_after, body) = match self.runtime.block_on(self.exchange(url, query)) {
            Ok(parts) => parts,
            Err(attempt) => return attempt,
        };
        if status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error() {
            return Attempt::Again(status_line(status), retry_after);
        }
        if status == StatusCode::NOT_FOUND {
            return Attempt::Fail(FetchError::NotFound);
        }
        if !status.is_success() {
            return Attempt::Fail(FetchError::Status {
                status: status_line(status),
                body: excerpt(&body),
            });
        }
        match read(&body) {
            Ok(v) => Attempt::Done(v),
            Err(BodyError::Truncated(why)) => Attempt::Again(why, None),
            Err(BodyError::Malformed(why)) => Attempt::Fail(FetchError::Malformed(why)),
        }
    }

    /// Sends one request and reads its whole body: the status, the `Retry-After` delay and
    /// the body, or how the exchange failed.
    async fn exchange<T>(
        &self,
        url: &str,
        query: &[(&str, String)],
    ) -> Result<(StatusCode, Option<Duration>, bytes::Bytes), Attempt<T>> {
        let response = match self.http.get(url).query(query).send().await {
            Ok(r) => r,
            Err(e) if e.is_builder() => {
                return Err(Attempt::Fail(FetchError::Client(error_chain(&e))))
            }
            Err(e) => return Err(Attempt::Again(describe(&e), None)),
        };
        let status = response.status();
        let retry_after = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| parse_retry_after(v, SystemTime::now()));
        // The body is read whatever the status: a connection is reused only once drained,
        // and an error body often says why.
        match response.bytes().await {
            Ok(body) => Ok((status, retry_after, body)),
            Err(e) => Err(Attempt::Again(describe(&e), retry_after)),
        }
    }

    /// Sleeps until the rate limit lets the next request start, and books its slot.
    fn wait_for_slot(&self) {
        let Some(interval) = self.config.min_interval() else {
            return;
        };
        let start = {
            let mut next = self.next_slot.lock().unwrap_or_else(|e| e.into_inner());
            let start = (*next).max(Instant::now());
            *next = start + interval;
            start
        };
        let now = Instant::now();
        if start > now {
            thread::sleep(start - now);
        }
    }
}

fn status_line(status: StatusCode) -> String {
    match status.canonical_reason() {
        Some(reason) => format!("HTTP {} {reason}", status.as_u16()),
        None => format!("HTTP {}", status.as_u16()),
    }
}

/// Says what kind of network failure `e` was, with its underlying causes (reqwest's own
/// message is only "error sending request").
fn describe(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "connection failed"
    } else if e.is_body() || e.is_decode() {
        "response body cut short"
    } else {
        "request failed"
    };
    format!("{kind}: {}", error_chain(e))
}

/// `e` and its sources, joined with ": ".
fn error_chain(e: &dyn std::error::Error) -> String {
    let mut out = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !out.contains(&text) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = s.source();
    }
    out
}

/// The start of an error body, on one line, for an error message.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((i, _)) => format!("{}…", &line[..i]),
        None => line,
    }
}
