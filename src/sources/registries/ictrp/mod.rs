//! The WHO International Clinical Trials Registry Platform's XML export: a wire module
//! (`wire`, the file as the platform spells it) converted into the API v2 shape (`convert`)
//! for the shared mapper. One record per `<Trial>`; `source.registry` is `WHO_ICTRP` (the
//! record came through the platform) and the trial's own registry is the first of
//! `ids.registry_ids` (its TrialID, recognized by form) and `source.url` its page there.

mod convert;
mod wire;

use crate::error::{Error, Result};
use crate::model::Registry;
use crate::sources::Records;
use crate::Format;

/// Reads an export: one record per `<Trial>`, in order; a `<Trial>` without a `TrialID`,
/// or one that cannot be read, is an error of its own, the others still read. An export cut
/// short gives the trials before the cut and an error for the rest (`registries::xml`).
pub fn read(xml: &str) -> Result<Records> {
    let trials = wire::read(xml)?;
    Ok((trials.into_iter())
        .map(|r| {
            let (number, r) = r?;
            let has_id = r
                .trial_id
                .as_deref()
                .is_some_and(|id| !id.trim().is_empty());
            if !has_id {
                return Err(Error::NotAStudy(format!(
                    "<Trial> {number} of the ICTRP export has no <TrialID>"
                )));
            }
            Ok(convert::convert(r).into_record(Registry::WhoIctrp, Format::WhoIctrpXml))
        })
        .collect())
}
