//! Identifiers, titles and where the record comes from.

use super::{md_line, moved, opt_line};
use crate::model::{paths, Trial, WarningCode};
use crate::normalize::{date, registry_ids};
use crate::sources::structured::wire::api_v2::{Derived, Identification};

/// `url` is the record's own link, where it states one (the legacy XML).
pub(super) fn ids(t: &mut Trial, id: Identification, url: Option<String>, d: &Derived) {
    t.ids.nct_id = moved(id.nct_id, opt_line).and_then(|mut n| {
        if is_nct_number(&n) {
            // Upper case: "nct01234567" is NCT01234567.
            n.make_ascii_uppercase();
            return Some(n);
        }
        let message = format!("\"{n}\" is not an NCT number (\"NCT\" and 8 digits)");
        t.warn(WarningCode::BadId, paths::IDS_NCT_ID, message);
        None
    });
    // The record's own link where it states one, else the canonical one.
    t.source.url =
        moved(url, opt_line).or_else(|| crate::sources::study_url(t.ids.nct_id.as_deref()));
    t.source.record_date = (d.misc_info_module.version_holder.as_deref()).and_then(date::iso);
    t.ids.org_study_id = moved(id.org_study_id_info.id, opt_line);
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
    t.ids.secondary_ids = (id.secondary_id_infos.into_iter())
        .filter_map(|i| moved(i.id, opt_line))
        .collect();
    t.ids.nct_aliases = (id.nct_id_aliases.into_iter())
        .filter_map(|a| moved(Some(a), opt_line))
        .collect();
    t.titles.brief = moved(id.brief_title, md_line);
    t.titles.official = moved(id.official_title, md_line);
    t.titles.acronym = moved(id.acronym, md_line);
}

/// Whether a record states an NCT number: "NCT" in any case and 8 digits.
fn is_nct_number(stated: &str) -> bool {
    let b = stated.as_bytes();
    b.len() == 11 && b[..3].eq_ignore_ascii_case(b"NCT") && b[3..].iter().all(u8::is_ascii_digit)
}
