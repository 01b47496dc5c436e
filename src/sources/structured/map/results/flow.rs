//! Participant flow: groups, periods, milestones and reasons for leaving.

use super::{group_count, groups, md_line, md_paragraphs};
use crate::model::results::{FlowCount, ParticipantFlow, Period};
use crate::sources::structured::wire::api_v2_results as w;

pub(super) fn flow(f: &w::FlowModule) -> ParticipantFlow {
    ParticipantFlow {
        recruitment_details: md_paragraphs(f.recruitment_details.as_deref()),
        pre_assignment_details: md_paragraphs(f.pre_assignment_details.as_deref()),
        units_analyzed: md_line(f.type_units_analyzed.as_deref()),
        groups: groups(&f.groups),
        periods: f.periods.iter().map(period).collect(),
    }
}

fn period(p: &w::Period) -> Period {
    Period {
        title: md_line(p.title.as_deref()),
        milestones: (p.milestones.iter())
            .map(|m| counted(m.kind.as_deref(), m.comment.as_deref(), &m.achievements))
            .collect(),
        drop_withdraws: (p.drop_withdraws.iter())
            .map(|d| counted(d.kind.as_deref(), d.comment.as_deref(), &d.reasons))
            .collect(),
    }
}

fn counted(kind: Option<&str>, comment: Option<&str>, counts: &[w::Achievement]) -> FlowCount {
    FlowCount {
        kind: md_line(kind),
        comment: md_paragraphs(comment),
        counts: (counts.iter())
            .map(|a| {
                group_count(
                    a.group_id.as_deref(),
                    a.num_subjects.as_ref(),
                    a.comment.as_deref(),
                )
            })
            .collect(),
    }
}
