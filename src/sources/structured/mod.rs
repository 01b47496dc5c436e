//! ClinicalTrials.gov's structured exports: API v2 JSON, the retired API v1 JSON and the
//! legacy XML. Each format's wire types ([`wire`]) read its own spelling; the older two are
//! converted into the API v2 shape (`convert`), and one mapper (`map`) turns that shape
//! into the model, so one registry value gives one model value whatever the format.
//!
//! ```text
//! api_v1 JSON ─ wire::api_v1 ─ convert ─┐
//! legacy XML ── wire::ctgov_xml ─ convert ─┼─ API v2 shape ─ map ─ Trial
//! api_v2 JSON ─ wire::api_v2 ───────────┘
//! ```

pub(crate) mod convert;
pub mod coverage;
mod map;
pub(crate) mod wire;

use crate::error::Result;
use crate::model::{Registry, Trial};
use crate::sources::Records;
use crate::Format;
use wire::api_v2::Study;

/// Reads API v2 JSON: a study, a search page, an array of studies or JSON Lines of them;
/// one record per study, in order.
pub fn read_api_v2(json: &str) -> Result<Records> {
    Ok(records(Format::CtgovApiV2Json, wire::api_v2::read(json)?))
}

/// Reads an API v1 `FullStudiesResponse`, one record per study, in response order.
pub fn read_api_v1(json: &str) -> Result<Records> {
    let studies = wire::api_v1::read(json)?;
    let studies = studies.into_iter().map(|s| s.map(convert::from_api_v1));
    Ok(records(Format::CtgovApiV1Json, studies))
}

/// Reads one legacy `<clinical_study>` document.
pub fn read_ctgov_xml(xml: &str) -> Result<Records> {
    let study = convert::from_ctgov_xml(wire::ctgov_xml::read(xml)?);
    Ok(records(Format::CtgovXml, [Ok(study)]))
}

fn records(format: Format, studies: impl IntoIterator<Item = Result<Study>>) -> Records {
    (studies.into_iter())
        .map(|s| {
            let mut s = s?;
            let mut t = mapped(Registry::Ctgov, format, &mut s);
            coverage::warn_unread(&mut t, format, &s.unread);
            Ok(t)
        })
        .collect()
}

/// One study in the API v2 shape mapped into a record of `registry`, read as `format`: the
/// one mapper the other registries' readers (`sources::registries`) feed too. The results
/// section is taken out of `s` (moved into the record).
pub(crate) fn mapped(registry: Registry, format: Format, s: &mut Study) -> Trial {
    let mut t = Trial::new(registry, format);
    map::study(&mut t, s);
    t
}
