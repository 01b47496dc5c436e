//! Overall status and the study's dates.

use super::{md_line, moved, vocab};
use crate::model::{paths, DatedEvent, Trial};
use crate::normalize::checked;
use crate::sources::structured::wire::api_v2::{DateStruct, StatusModule};

pub(super) fn status(t: &mut Trial, st: StatusModule) {
    t.status.overall = t.enum_or_warn(paths::STATUS_OVERALL, st.overall_status.as_deref());
    t.status.why_stopped = moved(st.why_stopped, md_line);
    t.status.start = dated(t, paths::STATUS_START, &st.start_date_struct);
    t.status.primary_completion = dated(
        t,
        paths::STATUS_PRIMARY_COMPLETION,
        &st.primary_completion_date_struct,
    );
    t.status.completion = dated(t, paths::STATUS_COMPLETION, &st.completion_date_struct);
    let submitted = st.study_first_submit_date.as_deref();
    t.status.first_submitted = checked::date(t, paths::STATUS_FIRST_SUBMITTED, submitted);
    let posted = date_of(&st.study_first_post_date_struct);
    t.status.first_posted = checked::date(t, paths::STATUS_FIRST_POSTED, posted);
    let updated = date_of(&st.last_update_post_date_struct);
    t.status.last_updated = checked::date(t, paths::STATUS_LAST_UPDATED, updated);
    let verified = st.status_verified_date.as_deref();
    t.status.verified = checked::date(t, paths::STATUS_VERIFIED, verified);
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
    let date = checked::date(t, path, d.date.as_deref());
    let kind = match date {
        Some(_) => vocab(t, || paths::kind(path), d.kind.as_deref()),
        None => None,
    };
    DatedEvent { date, kind }
}
