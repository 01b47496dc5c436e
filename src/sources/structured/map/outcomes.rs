//! Primary, secondary and other outcome measures.

use super::{md_line, moved, yes_no};
use crate::model::{paths, Outcome, OutcomeKind, Trial};
use crate::sources::structured::wire::api_v2::OutcomesModule;

pub(super) fn outcomes(t: &mut Trial, om: OutcomesModule) {
    for (kind, list) in [
        (OutcomeKind::Primary, om.primary_outcomes),
        (OutcomeKind::Secondary, om.secondary_outcomes),
        (OutcomeKind::Other, om.other_outcomes),
    ] {
        for o in list {
            let i = t.outcomes.len();
            let path = || paths::outcome_safety_issue(i);
            let safety_issue = yes_no(t, path, o.safety_issue.as_ref());
            t.outcomes.push(Outcome {
                kind: Some(kind),
                measure: moved(o.measure, md_line).unwrap_or_default(),
                description: moved(o.description, md_line),
                time_frame: moved(o.time_frame, md_line),
                time_points: Vec::new(),
                safety_issue,
            });
        }
    }
}
