//! The EU Clinical Trials Information System's public API: one trial by its EU CT number
//! (`{base}/retrieve/{EU CT number}`, the trial's JSON, the answer `ctrdata` loads), with the
//! client's rate limit, retries and Retry-After.

use serde_json::value::RawValue;

use super::client::BodyError;
use super::{one_line, Client, FetchError};
use crate::model::IdRegistry;

/// The CTIS public portal's API.
pub const DEFAULT_CTIS_BASE: &str = "https://euclinicaltrials.eu/ctis-public-api";

/// One CTIS trial as the API sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct RawCtis {
    /// The trial's EU CT number (`2023-507385-11-00`).
    pub ct_number: String,
    /// The API's JSON answer, on one line (compacted if it came indented).
    pub json: String,
}

/// The form of an EU CT number, as [`FetchError::InvalidId`] names it.
const EU_CT: &str = "an EU CT number (expected YYYY-5NNNNN-NN-NN, such as 2023-507385-11-00)";

/// Checks and canonicalizes an EU CT number (`YYYY-5NNNNN-NN-NN`): ` 2023-507385-11-00 `
/// gives `2023-507385-11-00`.
pub fn eu_ct_number(text: &str) -> Result<String, FetchError> {
    super::registry_number(text, IdRegistry::Euct, EU_CT)
}

impl Client {
    /// Fetches one CTIS trial. JSON that stops mid-value was cut and is asked again; a
    /// complete answer that is not the trial asked for (an empty answer, another trial) is
    /// an error.
    pub fn ctis(&self, id: &str) -> Result<RawCtis, FetchError> {
        let id = eu_ct_number(id)?;
        let url = super::endpoint(&self.config().ctis_base, &format!("retrieve/{id}"));
        self.get(&id, &url, &[], |body| {
            let text = BodyError::utf8(body)?;
            if text.trim().is_empty() {
                return Err(BodyError::Malformed(format!(
                    "an empty answer: no trial {id}"
                )));
            }
            let raw: &RawValue = serde_json::from_str(text).map_err(BodyError::from_json)?;
            super::holds(crate::sources::registries::ctis::read(raw.get()), &id)?;
            Ok(RawCtis {
                ct_number: id.clone(),
                json: one_line(raw)?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eu_ct_numbers_are_checked() {
        assert_eq!(
            eu_ct_number(" 2023-507385-11-00\n").unwrap(),
            "2023-507385-11-00"
        );
        // A EudraCT number is no EU CT number; nor is a number with more around it.
        for bad in ["2022-003405-30", "EU CT 2023-507385-11-00", "NCT05697861"] {
            assert_eq!(
                eu_ct_number(bad),
                Err(FetchError::InvalidId { expected: EU_CT }),
                "{bad}"
            );
        }
    }
}
