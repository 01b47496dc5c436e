//! API v1 `ResultsSection` → API v2 `resultsSection`: the same modules with their members'
//! prefixes and list wrappers undone; values stay text.

use super::md;
use crate::sources::structured::wire::api_v1_results as v1;
use crate::sources::structured::wire::api_v2::{Count, YesNo};
use crate::sources::structured::wire::api_v2_results as v2;

/// The results in the API v2 shape.
pub fn results(r: v1::Results) -> v2::Results {
    v2::Results {
        participant_flow_module: r.participant_flow_module.map(flow),
        baseline_characteristics_module: r.baseline_characteristics_module.map(|b| {
            v2::BaselineModule {
                population_description: md(b.population_description),
                type_units_analyzed: md(b.type_units_analyzed),
                groups: groups(b.groups),
                denoms: denoms(b.denoms),
                measures: b.measures.items.into_iter().map(measure).collect(),
            }
        }),
        outcome_measures_module: r
            .outcome_measures_module
            .map(|o| v2::OutcomeMeasuresModule {
                outcome_measures: (o.outcome_measures.items.into_iter())
                    .map(outcome)
                    .collect(),
            }),
        adverse_events_module: r.adverse_events_module.map(events),
        more_info_module: r.more_info_module.map(more_info),
    }
}

results_parts!(
    v1::GroupList,
    v1::AchievementList,
    v1::DenomList,
    v1::ClassList,
    v1::Measure,
    v1::EventStats,
    v1::Analysis,
    v1::PeriodList,
    v1::Milestone
);

fn flow(f: v1::FlowModule) -> v2::FlowModule {
    v2::FlowModule {
        pre_assignment_details: md(f.pre_assignment_details),
        recruitment_details: md(f.recruitment_details),
        type_units_analyzed: md(f.type_units_analyzed),
        groups: groups(f.groups),
        periods: periods(f.periods, |m| (md(m.kind), md(m.comment), counts(m.counts))),
    }
}

fn outcome(o: v1::OutcomeMeasure) -> v2::OutcomeMeasure {
    v2::OutcomeMeasure {
        kind: o.kind,
        title: md(o.title),
        description: md(o.description),
        population_description: md(o.population_description),
        reporting_status: o.reporting_status,
        anticipated_posting_date: o.anticipated_posting_date,
        param_type: o.param_type,
        dispersion_type: o.dispersion_type,
        unit_of_measure: md(o.unit_of_measure),
        time_frame: md(o.time_frame),
        type_units_analyzed: md(o.type_units_analyzed),
        groups: groups(o.groups),
        denoms: denoms(o.denoms),
        classes: classes(o.classes),
        analyses: o.analyses.items.into_iter().map(analysis).collect(),
    }
}

fn events(a: v1::AdverseEventsModule) -> v2::AdverseEventsModule {
    let list = |l: v1::EventList| {
        (l.items.into_iter())
            .map(|e| v2::Event {
                term: md(e.term),
                organ_system: md(e.organ_system),
                source_vocabulary: md(e.source_vocabulary),
                assessment_type: e.assessment_type,
                notes: md(e.notes),
                stats: e.stats.items.into_iter().map(stats).collect(),
            })
            .collect()
    };
    v2::AdverseEventsModule {
        frequency_threshold: text(a.frequency_threshold),
        time_frame: md(a.time_frame),
        description: md(a.description),
        all_cause_mortality_comment: md(a.all_cause_mortality_comment),
        event_groups: (a.event_groups.items.into_iter())
            .map(|g| v2::EventGroup {
                id: g.id,
                title: md(g.title),
                description: md(g.description),
                deaths_num_affected: g.deaths_num_affected,
                deaths_num_at_risk: g.deaths_num_at_risk,
                serious_num_affected: g.serious_num_affected,
                serious_num_at_risk: g.serious_num_at_risk,
                other_num_affected: g.other_num_affected,
                other_num_at_risk: g.other_num_at_risk,
            })
            .collect(),
        serious_events: list(a.serious_events),
        other_events: list(a.other_events),
        default_vocabulary: None,
    }
}

fn more_info(m: v1::MoreInfoModule) -> v2::MoreInfoModule {
    v2::MoreInfoModule {
        limitations_and_caveats: m.limitations_and_caveats.map(|l| v2::Limitations {
            description: md(l.description),
        }),
        certain_agreement: m.certain_agreement.map(|a| v2::CertainAgreement {
            pi_sponsor_employee: a.pi_sponsor_employee.map(YesNo::Text),
            restriction_type: a.restriction_type,
            restrictive_agreement: a.restrictive_agreement.map(YesNo::Text),
            other_details: md(a.other_details),
        }),
        point_of_contact: m.point_of_contact.map(|p| v2::PointOfContact {
            title: md(p.title),
            organization: md(p.organization),
            email: p.email,
            phone: p.phone,
            phone_ext: p.phone_ext,
        }),
    }
}
