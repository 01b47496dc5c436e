//! The EU Clinical Trials Information System's public trial JSON (the portal's
//! `ctis-public-api/retrieve/{EU CT number}` answer): a wire module (`wire`) converted into
//! the API v2 shape (`convert`) for the shared mapper. `source.registry` is `CTIS`, the EU CT
//! number the first of `ids.registry_ids` (then the EudraCT number of a trial moved over
//! from the EU CTR, the NCT id and the other registries' numbers it lists), its page
//! `https://euclinicaltrials.eu/ctis-public/view/{EU CT number}` its `source.url`.

mod convert;
mod wire;

use crate::error::{Error, Result};
use crate::model::{IdRegistry, Registry};
use crate::sources::Records;
use crate::Format;

/// Reads a file of CTIS trials (one, an array, or one per line): one record per trial, in
/// order; a file cut short, the trials before the cut and an error for the rest. A trial
/// without an EU CT number, or without the application CTIS authorized (a row of the
/// search's overview), is an error of its own.
pub fn read(json: &str) -> Result<Records> {
    let (values, cut) = wire::values(json)?;
    if values.is_empty() {
        return Err(Error::NotAStudy("no CTIS trial in the JSON".into()));
    }
    let many = values.len() > 1 || cut.is_some();
    let mut places = crate::error::Places::new(json);
    let mut records: Records = (values.into_iter().enumerate())
        .map(|(i, v)| {
            let place = many.then(|| format!("trial {} of the list", i + 1));
            let t = wire::trial(v.get())
                .map_err(|e| e.within_at(places.of(v.get()), place.as_deref()))?;
            let c = convert::convert(&t);
            let what = place.unwrap_or_else(|| "the CTIS JSON".into());
            if c.own_id
                .as_ref()
                .is_none_or(|r| r.registry != IdRegistry::Euct)
            {
                return Err(Error::NotAStudy(format!(
                    "{what} has no EU CT number (ctNumber)"
                )));
            }
            if t.application().part_i.is_none() {
                return Err(Error::NotAStudy(format!(
                    "{what} has no authorized Part I: a row of the CTIS search's overview, \
                     not the trial's record"
                )));
            }
            Ok(c.into_record(Registry::Ctis, Format::CtisJson))
        })
        .collect();
    records.extend(cut.map(Err));
    Ok(records)
}
