//! The ISRCTN registry's API XML (`/api/query/format/default`, one `<fullTrial>` per trial):
//! a wire module (`wire`) converted into the API v2 shape (`convert`) for the shared mapper.
//! `source.registry` is `ISRCTN`, the record's own number (`ISRCTN` and 8 digits) the first
//! of `ids.registry_ids`, its page `https://www.isrctn.com/ISRCTN…` its `source.url`.

mod convert;
mod wire;

use crate::error::{Error, Result};
use crate::model::Registry;
use crate::sources::Records;
use crate::Format;

/// Reads an API answer: one record per `<fullTrial>`, in order; one without an ISRCTN is an
/// error of its own.
pub fn read(xml: &str) -> Result<Records> {
    Ok((wire::read(xml)?.into_iter())
        .map(|f| {
            let (number, f) = f?;
            let c = convert::convert(f);
            if c.own_id.is_none() {
                return Err(Error::NotAStudy(format!(
                    "<fullTrial> {number} of the ISRCTN answer has no ISRCTN"
                )));
            }
            Ok(c.into_record(Registry::Isrctn, Format::IsrctnXml))
        })
        .collect())
}
