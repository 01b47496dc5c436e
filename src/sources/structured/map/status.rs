//! Overall status and the study's dates.

use super::md_line;
use crate::model::{paths, DatedEvent, Trial, WarningCode};
use crate::normalize::date;
use crate::sources::structured::wire::api_v2::{DateStruct, StatusModule};

pub(super) fn status(t: &mut Trial, st: &StatusModule) {
    t.status.overall = t.enum_or_warn(paths::STATUS_OVERALL, st.overall_status.as_deref());
    t.status.why_stopped = md_line(st.why_stopped.as_deref());
    t.status.start = dated(t, paths::STATUS_START, &st.start_date_struct);
    t.status.primary_completion = dated(
        t,
        paths::STATUS_PRIMARY_COMPLETION,
        &st.primary_completion_date_struct,
    );
    t.status.completion = dated(t, paths::STATUS_COMPLETION, &st.completion_date_struct);
    let submitted = st.study_first_submit_date.as_deref();
    t.status.first_submitted = iso_or_warn(t, paths::STATUS_FIRST_SUBMITTED, submitted);
    let posted = date_of(&st.study_first_post_date_struct);
    t.status.first_posted = iso_or_warn(t, paths::STATUS_FIRST_POSTED, posted);
    let updated = date_of(&st.last_update_post_date_struct);
    t.status.last_updated = iso_or_warn(t, paths::STATUS_LAST_UPDATED, updated);
    let verified = st.status_verified_date.as_deref();
    t.status.verified = iso_or_warn(t, paths::STATUS_VERIFIED, verified);
}

fn date_of(d: &Option<DateStruct>) -> Option<&str> {
    d.as_ref().and_then(|d| d.date.as_deref())
}

/// A date with its ACTUAL/ESTIMATED type. A date the source gives without a type keeps a
/// `null` type: older records did not say, and guessing would invent a fact.
fn dated(t: &mut Trial, path: &str, d: &Option<DateStruct>) -> DatedEvent {
    let Some(d) = d else {
        return DatedEvent::default();
    };
    let date = iso_or_warn(t, path, d.date.as_deref());
    let kind = match date {
        Some(_) => t.enum_or_warn(&paths::kind(path), d.kind.as_deref()),
        None => None,
    };
    DatedEvent { date, kind }
}

/// An ISO 8601 date, or `None` with a warning quoting a value that holds no date.
fn iso_or_warn(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<String> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let d = date::iso(raw);
    if d.is_none() {
        t.warn(WarningCode::BadDate, path, format!("{raw:?} is not a date"));
    }
    d
}
