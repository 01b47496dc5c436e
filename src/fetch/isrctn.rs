//! The ISRCTN registry's API: one trial by its ISRCTN, through the search endpoint
//! (`{base}/query/format/default?q=ISRCTN…`, XML `<allTrials>` of `<fullTrial>`s, the
//! answer `ctrdata` reads), with the client's rate limit, retries and Retry-After.

use super::client::BodyError;
use super::{Client, FetchError};
use crate::model::IdRegistry;

/// The ISRCTN registry's API.
pub const DEFAULT_ISRCTN_BASE: &str = "https://www.isrctn.com/api";

/// One ISRCTN trial as the API sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawIsrctn {
    /// The trial's ISRCTN (`ISRCTN` and 8 digits).
    pub isrctn: String,
    /// The API's XML answer, as sent.
    pub xml: String,
}

/// Checks and canonicalizes an ISRCTN: ` isrctn62918594 ` gives `ISRCTN62918594`.
pub fn isrctn(text: &str) -> Result<String, FetchError> {
    super::registry_number(
        text,
        IdRegistry::Isrctn,
        "an ISRCTN (expected ISRCTN and 8 digits)",
    )
}

impl Client {
    /// Fetches one ISRCTN trial. An answer that stops before its closing `</allTrials>` was
    /// cut and is asked again; a complete one that does not hold the trial asked for is an
    /// error.
    pub fn isrctn(&self, id: &str) -> Result<RawIsrctn, FetchError> {
        let id = isrctn(id)?;
        let url = super::endpoint(&self.config().isrctn_base, "query/format/default");
        let query = [("q", id.clone()), ("limit", "10".to_string())];
        self.get(&id, &url, &query, |body| {
            let xml = BodyError::utf8(body)?;
            let end = xml.trim_end();
            if !(end.ends_with("</allTrials>")
                || end.ends_with("/>")
                || end.ends_with("</fullTrial>"))
            {
                return Err(BodyError::Truncated("XML answer cut short".into()));
            }
            super::holds(crate::sources::registries::isrctn::read(xml), &id)?;
            Ok(RawIsrctn {
                isrctn: id.clone(),
                xml: xml.to_string(),
            })
        })
    }
}
