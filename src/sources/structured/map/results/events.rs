//! Adverse events: groups with their totals, and the serious and other events per term.

use super::{id, md_line, md_paragraphs, moved, number_or_warn, vocab, whole};
use crate::model::results::{
    AdverseEvent, AdverseEvents, Affected, EventAssessment, EventGroup, EventStats,
};
use crate::model::Trial;
use crate::sources::structured::wire::api_v2_results as w;

/// Where the warnings of the module point.
const AT: &str = "results.adverse_events";

pub(super) fn events(t: &mut Trial, a: w::AdverseEventsModule) -> AdverseEvents {
    let groups = (a.event_groups.into_iter().enumerate())
        .map(|(i, g)| event_group(t, i, g))
        .collect();
    let mut list = |name: &str, events: Vec<w::Event>| -> Vec<AdverseEvent> {
        (events.into_iter().enumerate())
            .map(|(i, e)| event(t, (name, i), e))
            .collect()
    };
    let serious = list("serious", a.serious_events);
    let other = list("other", a.other_events);
    AdverseEvents {
        time_frame: moved(a.time_frame, md_paragraphs),
        description: moved(a.description, md_paragraphs),
        frequency_threshold: number_or_warn(
            t,
            || format!("{AT}.frequency_threshold"),
            a.frequency_threshold.as_ref(),
        ),
        source_vocabulary: moved(a.default_vocabulary, md_line),
        all_cause_mortality_comment: moved(a.all_cause_mortality_comment, md_paragraphs),
        groups,
        serious,
        other,
    }
}

/// The `i`th group (warnings name `results.adverse_events.groups[i]`).
fn event_group(t: &mut Trial, i: usize, g: w::EventGroup) -> EventGroup {
    let path = || format!("{AT}.groups[{i}]");
    let mut pair = |what: &str, affected, at_risk| {
        let affected = whole(t, || format!("{}.{what}.affected", path()), affected);
        let at_risk = whole(t, || format!("{}.{what}.at_risk", path()), at_risk);
        (affected.is_some() || at_risk.is_some()).then_some(Affected { affected, at_risk })
    };
    let deaths = pair(
        "deaths",
        g.deaths_num_affected.as_ref(),
        g.deaths_num_at_risk.as_ref(),
    );
    let serious = pair(
        "serious",
        g.serious_num_affected.as_ref(),
        g.serious_num_at_risk.as_ref(),
    );
    let other = pair(
        "other",
        g.other_num_affected.as_ref(),
        g.other_num_at_risk.as_ref(),
    );
    EventGroup {
        id: id(g.id),
        title: moved(g.title, md_line),
        description: moved(g.description, md_paragraphs),
        deaths,
        serious,
        other,
    }
}

/// The `i`th event of the `list` named (warnings name
/// `results.adverse_events.<list>[i]`).
fn event(t: &mut Trial, (list, i): (&str, usize), e: w::Event) -> AdverseEvent {
    let path = || format!("{AT}.{list}[{i}]");
    let stats = (e.stats.into_iter().enumerate())
        .map(|(j, s)| {
            let at = |what: &str| format!("{}.stats[{j}].{what}", path());
            EventStats {
                group_id: id(s.group_id),
                events: whole(t, || at("events"), s.num_events.as_ref()),
                affected: whole(t, || at("affected"), s.num_affected.as_ref()),
                at_risk: whole(t, || at("at_risk"), s.num_at_risk.as_ref()),
            }
        })
        .collect();
    AdverseEvent {
        term: moved(e.term, md_line),
        organ_system: moved(e.organ_system, md_line),
        source_vocabulary: moved(e.source_vocabulary, md_line),
        assessment_type: vocab::<EventAssessment>(
            t,
            || format!("{}.assessment_type", path()),
            e.assessment_type.as_deref(),
        ),
        notes: moved(e.notes, md_paragraphs),
        stats,
    }
}
