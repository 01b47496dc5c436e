//! Registries other than ClinicalTrials.gov, each read by a wire module converted into the
//! API v2 shape, which the one structured mapper turns into the model
//! (`sources::structured`): the WHO ICTRP export, the EU Clinical Trials Register's
//! full-text download, CTIS trial JSON and the ISRCTN API's XML.
//!
//! ```text
//! ICTRP XML ── ictrp::wire ── ictrp::convert ─┐
//! EU CTR text ─ euctr::wire ─ euctr::convert ─┼─ API v2 shape ─ structured mapper ─ Trial
//! CTIS JSON ── ctis::wire ─── ctis::convert ──┤   (+ the record's own registry number,
//! ISRCTN XML ─ isrctn::wire ─ isrctn::convert ┘      + notes on what was not read)
//! ```

pub mod ctis;
pub mod euctr;
pub mod ictrp;
pub mod isrctn;
mod products;
mod wording;
mod xml;

use crate::model::{Registry, RegistryId, Trial, WarningCode};
use crate::sources::structured::{self, wire::api_v2 as v2};
use crate::Format;

/// A registry record in the API v2 shape, with what the shape has no place for.
#[derive(Debug, Default)]
pub(crate) struct Converted {
    /// The record in the API v2 shape.
    pub study: v2::Study,
    /// The record's own number in its registry, first of `ids.registry_ids`.
    pub own_id: Option<RegistryId>,
    /// What the converter could not place: (code, JSON path, message).
    pub notes: Vec<(WarningCode, &'static str, String)>,
}

impl Converted {
    /// Notes a warning for the record.
    pub fn note(&mut self, code: WarningCode, path: &'static str, message: String) {
        self.notes.push((code, path, message));
    }

    /// The record: mapped by the shared mapper, its own number first, its notes after the
    /// mapper's warnings.
    pub fn into_record(mut self, registry: Registry, format: Format) -> Trial {
        let mut t = structured::mapped(registry, format, &mut self.study);
        if let Some(id) = self.own_id {
            t.ids.registry_ids.insert(0, id);
        }
        for (code, path, message) in self.notes {
            t.warn(code, path, message);
        }
        t
    }
}
