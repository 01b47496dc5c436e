//! Adverse events: groups with their totals, and the serious and other events per term.

use super::{id, md_line, md_paragraphs, number_or_warn, whole};
use crate::model::results::{
    AdverseEvent, AdverseEvents, Affected, EventAssessment, EventGroup, EventStats,
};
use crate::model::Trial;
use crate::sources::structured::wire::api_v2_results as w;

pub(super) fn events(t: &mut Trial, a: &w::AdverseEventsModule) -> AdverseEvents {
    const AT: &str = "results.adverse_events";
    let groups = (a.event_groups.iter().enumerate())
        .map(|(i, g)| event_group(t, &format!("{AT}.groups[{i}]"), g))
        .collect();
    let mut list = |name: &str, events: &[w::Event]| -> Vec<AdverseEvent> {
        (events.iter().enumerate())
            .map(|(i, e)| event(t, &format!("{AT}.{name}[{i}]"), e))
            .collect()
    };
    let serious = list("serious", &a.serious_events);
    let other = list("other", &a.other_events);
    AdverseEvents {
        time_frame: md_paragraphs(a.time_frame.as_deref()),
        description: md_paragraphs(a.description.as_deref()),
        frequency_threshold: number_or_warn(
            t,
            &format!("{AT}.frequency_threshold"),
            a.frequency_threshold.as_ref(),
        ),
        source_vocabulary: md_line(a.default_vocabulary.as_deref()),
        all_cause_mortality_comment: md_paragraphs(a.all_cause_mortality_comment.as_deref()),
        groups,
        serious,
        other,
    }
}

fn event_group(t: &mut Trial, path: &str, g: &w::EventGroup) -> EventGroup {
    let mut pair = |what: &str, affected, at_risk| {
        let affected = whole(t, &format!("{path}.{what}.affected"), affected);
        let at_risk = whole(t, &format!("{path}.{what}.at_risk"), at_risk);
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
        id: id(g.id.as_deref()),
        title: md_line(g.title.as_deref()),
        description: md_paragraphs(g.description.as_deref()),
        deaths,
        serious,
        other,
    }
}

fn event(t: &mut Trial, path: &str, e: &w::Event) -> AdverseEvent {
    let stats = (e.stats.iter().enumerate())
        .map(|(i, s)| {
            let at = format!("{path}.stats[{i}]");
            EventStats {
                group_id: id(s.group_id.as_deref()),
                events: whole(t, &format!("{at}.events"), s.num_events.as_ref()),
                affected: whole(t, &format!("{at}.affected"), s.num_affected.as_ref()),
                at_risk: whole(t, &format!("{at}.at_risk"), s.num_at_risk.as_ref()),
            }
        })
        .collect();
    AdverseEvent {
        term: md_line(e.term.as_deref()),
        organ_system: md_line(e.organ_system.as_deref()),
        source_vocabulary: md_line(e.source_vocabulary.as_deref()),
        assessment_type: t.enum_or_warn::<EventAssessment>(
            &format!("{path}.assessment_type"),
            e.assessment_type.as_deref(),
        ),
        notes: md_paragraphs(e.notes.as_deref()),
        stats,
    }
}
