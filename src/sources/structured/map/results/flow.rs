//! Participant flow: groups, periods, milestones and reasons for leaving.

use super::{group_count, groups, md_line, md_paragraphs, moved};
use crate::model::results::{FlowCount, ParticipantFlow, Period};
use crate::sources::structured::wire::api_v2_results as w;

pub(super) fn flow(f: w::FlowModule) -> ParticipantFlow {
    ParticipantFlow {
        recruitment_details: moved(f.recruitment_details, md_paragraphs),
        pre_assignment_details: moved(f.pre_assignment_details, md_paragraphs),
        units_analyzed: moved(f.type_units_analyzed, md_line),
        groups: groups(f.groups),
        periods: f.periods.into_iter().map(period).collect(),
    }
}

fn period(p: w::Period) -> Period {
    Period {
        title: moved(p.title, md_line),
        milestones: (p.milestones.into_iter())
            .map(|m| counted(m.kind, m.comment, m.achievements))
            .collect(),
        drop_withdraws: (p.drop_withdraws.into_iter())
            .map(|d| counted(d.kind, d.comment, d.reasons))
            .collect(),
    }
}

fn counted(
    kind: Option<String>,
    comment: Option<String>,
    counts: Vec<w::Achievement>,
) -> FlowCount {
    FlowCount {
        kind: moved(kind, md_line),
        comment: moved(comment, md_paragraphs),
        counts: (counts.into_iter())
            .map(|a| group_count(a.group_id, a.num_subjects.as_ref(), a.comment))
            .collect(),
    }
}
