//! Fetching study records from the ClinicalTrials.gov API v2, over a network that may fail.
//!
//! A [`Client`] GETs one study (`{api}/studies/{nct_id}`, [`Client::study`]) or pages
//! through a search (`{api}/studies?query.term=…`, [`Client::search`]), retrying what a
//! faulty network or a busy server gets wrong (see [`RetryPolicy`]). What it gives back is
//! the API's own study JSON ([`RawStudy`]), unchanged; parse it with
//! [`crate::parse`] and [`crate::Format::CtgovApiV2Json`] for the normalized record.
//!
//! ```no_run
//! use trialnorm::fetch::{Client, Config, Search};
//! let client = Client::new(Config::default())?;
//! let study = client.study("NCT00479934")?;
//! let trial = trialnorm::parse(study.json.as_bytes(), Some(trialnorm::Format::CtgovApiV2Json));
//! for page in client.search(Search::term("glioblastoma").max(250)) {
//!     for study in page? {
//!         println!("{}", study.nct_id);
//!     }
//! }
//! # Ok::<(), trialnorm::fetch::FetchError>(())
//! ```

mod client;
pub mod ctis;
pub mod history;
pub mod isrctn;
mod retry;
pub mod search;

use std::time::Duration;

use serde::Deserialize;
use serde_json::value::RawValue;

pub use client::Client;
pub use history::{HistoryList, StudyVersion, VersionEntry};
pub use retry::{parse_retry_after, RetryPolicy};
pub use search::{Search, SearchPages};

use crate::model::IdRegistry;
use client::BodyError;

/// The public ClinicalTrials.gov API v2.
pub const DEFAULT_API_BASE: &str = "https://clinicaltrials.gov/api/v2";

/// How a [`Client`] talks to the API.
#[derive(Debug, Clone)]
pub struct Config {
    /// The API's base URL, without the `/studies` path.
    pub api_base: String,
    /// The ISRCTN registry API's base URL, without the `/query` path.
    pub isrctn_base: String,
    /// The CTIS public API's base URL, without the `/retrieve` path.
    pub ctis_base: String,
    /// How long to wait for a connection.
    pub connect_timeout: Duration,
    /// How long to wait for any one read from the server (headers or a piece of the body).
    pub read_timeout: Duration,
    /// How long one whole request may take, body included (`None`: no limit beyond the
    /// read timeout).
    pub request_timeout: Option<Duration>,
    /// Requests per second at most, retries included; `0` or less means no limit.
    pub rate: f64,
    /// When to try again and how long to wait.
    pub retry: RetryPolicy,
    /// The `User-Agent` header.
    pub user_agent: String,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            api_base: DEFAULT_API_BASE.to_string(),
            isrctn_base: isrctn::DEFAULT_ISRCTN_BASE.to_string(),
            ctis_base: ctis::DEFAULT_CTIS_BASE.to_string(),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            request_timeout: Some(Duration::from_secs(600)),
            // Under the ~50 requests a minute per address the registry is reported to allow.
            rate: 0.8,
            retry: RetryPolicy::default(),
            user_agent: format!("trialnorm/{}", env!("CARGO_PKG_VERSION")),
        }
    }
}

impl Config {
    /// The least time between the starts of two requests, if the rate is limited.
    pub fn min_interval(&self) -> Option<Duration> {
        (self.rate.is_finite() && self.rate > 0.0).then(|| Duration::from_secs_f64(1.0 / self.rate))
    }

    fn studies_url(&self) -> String {
        endpoint(&self.api_base, "studies")
    }

    /// The studies URL of the internal API beside the configured one, where the record
    /// history is (`…/api/v2` → `…/api/int/studies`): the base's last path segment is
    /// replaced by `int`.
    pub fn history_url(&self) -> Result<String, FetchError> {
        let base = self.api_base.trim_end_matches('/');
        let bad = || FetchError::Client(format!("cannot find the history API beside {base:?}"));
        let mut url = reqwest::Url::parse(base).map_err(|_| bad())?;
        url.path_segments_mut()
            .map_err(|_| bad())?
            .pop()
            .extend(["int", "studies"]);
        Ok(url.to_string())
    }
}

/// Something worth telling a user while a download runs.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Event {
    /// A request failed in a way worth trying again, and will be after `wait`.
    Retry {
        /// The request: a study id or a search page.
        what: String,
        /// Which retry this will be (1 for the first).
        retry: u32,
        /// How many retries are allowed.
        of: u32,
        /// How long the client waits first.
        wait: Duration,
        /// What went wrong.
        reason: String,
    },
}

/// Why a fetch failed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum FetchError {
    /// The text given as a study id is not one of the registry's ids; `expected` names the
    /// form (`"an NCT id (expected NCT and 8 digits)"`).
    #[error("not {expected}")]
    InvalidId {
        /// The form of the id asked for, with an article.
        expected: &'static str,
    },
    /// The API has no such study (HTTP 404).
    #[error("not found (404)")]
    NotFound,
    /// The API refused the request (a 4xx other than 404 and 429); not retried.
    #[error("{status}: {body}")]
    Status {
        /// The status line, e.g. `HTTP 400 Bad Request`.
        status: String,
        /// The start of the response body, where the API says why.
        body: String,
    },
    /// Every attempt failed in a retryable way.
    #[error("gave up after {attempts} attempt{}; last: {last}", if *attempts == 1 { "" } else { "s" })]
    GaveUp {
        /// How many attempts were made.
        attempts: u32,
        /// What went wrong the last time.
        last: String,
    },
    /// The response is complete but is not what the API sends.
    #[error("unexpected response: {0}")]
    Malformed(String),
    /// The HTTP client could not be set up or the request built (a bad API base URL).
    #[error("HTTP client: {0}")]
    Client(String),
}

/// One study as the API sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawStudy {
    /// The study's own id (`protocolSection.identificationModule.nctId`).
    pub nct_id: String,
    /// The study object's JSON text exactly as the API sent it, on one line.
    pub json: String,
}

impl RawStudy {
    /// Takes a study object from the API, keeping its text. The API sends compact JSON,
    /// kept byte for byte; a pretty-printed one (from another server) is compacted so that
    /// a study is always one line.
    fn from_raw(raw: &RawValue) -> Result<Self, BodyError> {
        #[derive(Deserialize)]
        struct Study {
            #[serde(rename = "protocolSection")]
            protocol: Option<Protocol>,
        }
        #[derive(Deserialize)]
        struct Protocol {
            #[serde(rename = "identificationModule")]
            identification: Option<Identification>,
        }
        #[derive(Deserialize)]
        struct Identification {
            #[serde(rename = "nctId")]
            nct_id: Option<String>,
        }
        let study: Study = serde_json::from_str(raw.get()).map_err(BodyError::from_json)?;
        let nct_id = study
            .protocol
            .and_then(|p| p.identification)
            .and_then(|i| i.nct_id)
            .ok_or_else(|| {
                BodyError::Malformed(
                    "a study without protocolSection.identificationModule.nctId".into(),
                )
            })?;
        Ok(RawStudy {
            nct_id,
            json: one_line(raw)?,
        })
    }
}

/// A path under a configured base URL, which may or may not end in `/`.
fn endpoint(base: &str, path: &str) -> String {
    format!("{}/{path}", base.trim_end_matches('/'))
}

/// The text of a JSON value on one line: as sent when it is (the API sends compact JSON),
/// else compacted.
fn one_line(raw: &RawValue) -> Result<String, BodyError> {
    let text = raw.get();
    if text.contains('\n') {
        let value: serde_json::Value = serde_json::from_str(text).map_err(BodyError::from_json)?;
        Ok(value.to_string())
    } else {
        Ok(text.to_string())
    }
}

/// Checks and canonicalizes a study id: `nct00479934` and ` NCT00479934 ` give
/// `NCT00479934`.
pub fn nct_id(text: &str) -> Result<String, FetchError> {
    let id = text.trim().to_ascii_uppercase();
    match id.strip_prefix("NCT") {
        Some(digits) if digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit()) => Ok(id),
        _ => Err(FetchError::InvalidId { expected: NCT_ID }),
    }
}

/// The form of an NCT id, as [`FetchError::InvalidId`] names it.
pub(crate) const NCT_ID: &str = "an NCT id (expected NCT and 8 digits)";

/// Checks and canonicalizes the number of a trial in `registry` (as
/// [`crate::normalize::registry_ids`] writes it), nothing else around it.
fn registry_number(
    text: &str,
    registry: IdRegistry,
    expected: &'static str,
) -> Result<String, FetchError> {
    let text = text.trim().to_ascii_uppercase();
    match crate::normalize::registry_ids::parse(&text) {
        Some(r) if r.registry == registry => Ok(r.id),
        _ => Err(FetchError::InvalidId { expected }),
    }
}

/// Whether a registry's complete answer, read, holds the trial `id` (as its own number).
fn holds(records: crate::Result<crate::sources::Records>, id: &str) -> Result<(), BodyError> {
    let records = records.map_err(|e| BodyError::Malformed(e.to_string()))?;
    let found =
        (records.iter().flatten()).any(|t| t.ids.registry_ids.first().is_some_and(|r| r.id == id));
    if !found {
        return Err(BodyError::Malformed(format!(
            "the answer holds no trial {id}"
        )));
    }
    Ok(())
}

impl Client {
    /// Fetches one study by id. The study served may carry another id than the one asked
    /// for (the API answers an alias with the study it now belongs to): see
    /// [`RawStudy::nct_id`].
    pub fn study(&self, id: &str) -> Result<RawStudy, FetchError> {
        let id = nct_id(id)?;
        let url = format!("{}/{id}", self.config().studies_url());
        self.get(&id, &url, &[], |body| {
            let text = BodyError::utf8(body)?;
            let raw: &RawValue = serde_json::from_str(text).map_err(BodyError::from_json)?;
            RawStudy::from_raw(raw)
        })
    }

    /// Pages through a search; see [`SearchPages`].
    pub fn search(&self, search: Search) -> SearchPages<'_> {
        SearchPages::new(self, search)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bad id is refused in the words of the registry it was asked of.
    #[test]
    fn a_bad_id_names_the_form_its_registry_takes() {
        let reason = |r: Result<String, FetchError>| r.unwrap_err().to_string();
        assert_eq!(
            reason(nct_id("NCT123")),
            "not an NCT id (expected NCT and 8 digits)"
        );
        assert_eq!(
            reason(isrctn::isrctn("ISRCTN123")),
            "not an ISRCTN (expected ISRCTN and 8 digits)"
        );
        assert!(reason(ctis::eu_ct_number("NCT00479934")).starts_with("not an EU CT number"));
    }

    #[test]
    fn ids_are_checked_and_canonicalized() {
        assert_eq!(nct_id(" nct00479934\n").unwrap(), "NCT00479934");
        for bad in [
            "NCT0047993",
            "NCT004799345",
            "00479934",
            "NCT0047993x",
            "NCT0047993٣",
        ] {
            assert_eq!(
                nct_id(bad),
                Err(FetchError::InvalidId { expected: NCT_ID }),
                "{bad}"
            );
        }
    }

    #[test]
    fn the_history_api_is_found_beside_the_configured_one() {
        let url = |base: &str| {
            Config {
                api_base: base.into(),
                ..Config::default()
            }
            .history_url()
        };
        assert_eq!(
            url(DEFAULT_API_BASE).unwrap(),
            "https://clinicaltrials.gov/api/int/studies"
        );
        assert_eq!(
            url("http://127.0.0.1:8080/api/v2/").unwrap(),
            "http://127.0.0.1:8080/api/int/studies"
        );
        assert!(matches!(url("not a url"), Err(FetchError::Client(m)) if m.contains("not a url")));
    }

    #[test]
    fn a_study_keeps_its_text_and_names_its_id() {
        let text =
            r#"{"protocolSection":{"identificationModule":{"nctId":"NCT01234567","x":1.50}}}"#;
        let raw: &RawValue = serde_json::from_str(text).unwrap();
        let study = RawStudy::from_raw(raw).ok().unwrap();
        assert_eq!(study.nct_id, "NCT01234567");
        assert_eq!(study.json, text);

        let pretty =
            "{\n  \"protocolSection\": {\"identificationModule\": {\"nctId\": \"NCT01234567\"}}\n}";
        let raw: &RawValue = serde_json::from_str(pretty).unwrap();
        let study = RawStudy::from_raw(raw).ok().unwrap();
        assert_eq!(
            study.json,
            r#"{"protocolSection":{"identificationModule":{"nctId":"NCT01234567"}}}"#
        );

        let raw: &RawValue = serde_json::from_str(r#"{"protocolSection":{}}"#).unwrap();
        assert!(matches!(
            RawStudy::from_raw(raw),
            Err(BodyError::Malformed(m)) if m.contains("nctId")
        ));
    }
}
