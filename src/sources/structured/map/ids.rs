//! Identifiers, titles and where the record comes from.

use super::{md_line, opt_line};
use crate::model::{paths, Trial, WarningCode};
use crate::normalize::{date, registry_ids};
use crate::sources::structured::wire::api_v2::{Derived, Identification, Legacy};

pub(super) fn ids(t: &mut Trial, id: &Identification, legacy: &Legacy, d: &Derived) {
    t.ids.nct_id = opt_line(id.nct_id.as_deref()).and_then(|n| match nct_number(&n) {
        Some(n) => Some(n),
        None => {
            let message = format!("\"{n}\" is not an NCT number (\"NCT\" and 8 digits)");
            t.warn(WarningCode::BadId, paths::IDS_NCT_ID, message);
            None
        }
    });
    // The record's own link where it states one (the legacy XML), else the canonical one.
    t.source.url = opt_line(legacy.url.as_deref())
        .or_else(|| crate::sources::study_url(t.ids.nct_id.as_deref()));
    t.source.record_date = (d.misc_info_module.version_holder.as_deref()).and_then(date::iso);
    t.ids.org_study_id = opt_line(id.org_study_id_info.id.as_deref());
    t.ids.secondary_ids = (id.secondary_id_infos.iter())
        .filter_map(|i| opt_line(i.id.as_deref()))
        .collect();
    // A bare number whose issuer names a registry ("24791884", domain "ISRCTN") is that
    // registry's number; numbers recognized by their own form are found by `finish`.
    let by_domain: Vec<_> = (id.secondary_id_infos.iter())
        .filter_map(|i| registry_ids::with_domain(i.id.as_deref()?, i.domain.as_deref()?))
        .collect();
    if !by_domain.is_empty() {
        // The record's own number first, as `registry_ids::fill` keeps what is here.
        t.ids.registry_ids = (t.ids.nct_id.iter())
            .flat_map(|n| registry_ids::recognize(n))
            .chain(by_domain)
            .collect();
    }
    t.ids.nct_aliases = (id.nct_id_aliases.iter())
        .filter_map(|a| opt_line(Some(a)))
        .collect();
    t.titles.brief = md_line(id.brief_title.as_deref());
    t.titles.official = md_line(id.official_title.as_deref());
    t.titles.acronym = md_line(id.acronym.as_deref());
}

/// The NCT number a record states, upper case ("nct01234567" is NCT01234567); none where it
/// is not "NCT" and 8 digits.
fn nct_number(stated: &str) -> Option<String> {
    let digits = stated.get(3..)?;
    (stated[..3].eq_ignore_ascii_case("NCT")
        && digits.len() == 8
        && digits.bytes().all(|b| b.is_ascii_digit()))
    .then(|| format!("NCT{digits}"))
}
