//! Posted results: the API v2 `resultsSection` shape → `results` (one reading for API v2,
//! API v1 and the legacy XML, which `convert` put into this shape). One file per module of
//! the section; the shared pieces (groups, counts, denominators, classes of values) are
//! here.
//!
//! Numbers go through [`numbers`]: a value that is not a number keeps its text in the
//! field's `raw` companion. Enumerations go through the vocabularies, with an
//! `unmapped-enum` warning naming the field for a word that maps to no member.

mod events;
mod flow;
mod measures;
mod more_info;

use super::{checked_date, md_line, md_paragraphs, moved, opt_line, vocab};
use crate::model::results::{Denom, Group, GroupCount, Results};
use crate::model::{Trial, WarningCode};
use crate::normalize::{checked, numbers};
use crate::sources::structured::wire::api_v2::{Count, DateStruct};
use crate::sources::structured::wire::api_v2_results as w;

/// Fills `t.results` when the study has a results section; leaves it null otherwise. The
/// section is taken by value: its text is moved into the record (see [`moved`]).
pub(super) fn results(t: &mut Trial, r: Option<w::Results>, first_posted: Option<DateStruct>) {
    let Some(r) = r else {
        return;
    };
    let first_posted = checked::date(
        t,
        "results.first_posted",
        first_posted.as_ref().and_then(|d| d.date.as_deref()),
    );
    let mut out = Results {
        first_posted,
        ..Results::default()
    };
    out.participant_flow = r.participant_flow_module.map(flow::flow);
    out.baseline = (r.baseline_characteristics_module).map(|b| measures::baseline(t, b));
    if let Some(om) = r.outcome_measures_module {
        out.outcome_measures = (om.outcome_measures.into_iter().enumerate())
            .map(|(i, o)| measures::outcome_measure(t, i, o))
            .collect();
    }
    out.adverse_events = (r.adverse_events_module).map(|a| events::events(t, a));
    out.more_info = (r.more_info_module).map(|m| more_info::more_info(t, m));
    t.results = Some(out);
}

/// A group as the source names it; one without an id keeps an empty id.
fn group(g: w::Group) -> Group {
    Group {
        id: id(g.id),
        title: moved(g.title, md_line),
        description: moved(g.description, md_paragraphs),
    }
}

fn groups(list: Vec<w::Group>) -> Vec<Group> {
    list.into_iter().map(group).collect()
}

/// A group id, trimmed; empty when the source gives none.
fn id(raw: Option<String>) -> String {
    moved(raw, opt_line).unwrap_or_default()
}

/// A count of one group: the number, the text when it is not one, and a comment.
fn group_count(
    group_id: Option<String>,
    value: Option<&w::Scalar>,
    comment: Option<String>,
) -> GroupCount {
    let raw = value.map(w::Scalar::text);
    let read = numbers::read(raw.as_deref(), numbers::count);
    GroupCount {
        group_id: id(group_id),
        value: read.value,
        raw: read.raw,
        comment: moved(comment, md_paragraphs),
    }
}

fn denoms(list: Vec<w::Denom>) -> Vec<Denom> {
    list.into_iter()
        .map(|d| Denom {
            units: moved(d.units, md_line),
            counts: (d.counts.into_iter())
                .map(|c| group_count(c.group_id, c.value.as_ref(), None))
                .collect(),
        })
        .collect()
}

/// A number, with the text kept when it is not one.
fn real(v: Option<&w::Real>) -> numbers::Read<f64> {
    match v {
        Some(w::Real::Number(f)) => numbers::Read {
            value: Some(*f),
            raw: None,
        },
        Some(w::Real::Text(s)) => numbers::read(Some(s), numbers::number),
        None => numbers::Read::default(),
    }
}

/// A whole count from the API's number or the older formats' text; text that is not a
/// whole number gives none and a `bad-number` warning at `path` (built only then).
fn whole(t: &mut Trial, path: impl FnOnce() -> String, v: Option<&Count>) -> Option<u64> {
    match v? {
        Count::Number(n) => Some(*n),
        Count::Text(s) => {
            let n = numbers::count(s);
            if n.is_none() && !s.trim().is_empty() {
                t.warn(
                    WarningCode::BadNumber,
                    &path(),
                    format!("{:?} is not a whole number", s.trim()),
                );
            }
            n
        }
    }
}

/// A number where the registry allows only a number (a confidence level, a frequency
/// threshold): text that is not one gives none and a `bad-number` warning quoting it, at
/// `path` (built only then).
fn number_or_warn(
    t: &mut Trial,
    path: impl FnOnce() -> String,
    v: Option<&w::Real>,
) -> Option<f64> {
    let read = real(v);
    if let Some(raw) = &read.raw {
        t.warn(
            WarningCode::BadNumber,
            &path(),
            format!("{raw:?} is not a number"),
        );
    }
    read.value
}
