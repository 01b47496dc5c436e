//! Legacy XML `<clinical_results>` → API v2 `resultsSection`: list wrappers undone, attribute
//! values handed over as text, the "Total" category of each adverse-event list moved to the
//! event groups' totals (as API v2 keeps them), each list's default vocabulary and assessment
//! given to the events that state none, and the two standard sentences of the publication
//! agreements turned into the yes/no API v2 records.

use super::md;
use crate::sources::structured::wire::api_v2::{Count, YesNo};
use crate::sources::structured::wire::api_v2_results as v2;
use crate::sources::structured::wire::ctgov_xml_results as xml;

/// The results in the API v2 shape.
pub fn results(r: xml::ClinicalResults) -> v2::Results {
    v2::Results {
        participant_flow_module: r.participant_flow.map(flow),
        baseline_characteristics_module: r.baseline.map(baseline),
        outcome_measures_module: Some(v2::OutcomeMeasuresModule {
            outcome_measures: r.outcome_list.items.into_iter().map(outcome).collect(),
        })
        .filter(|m| !m.outcome_measures.is_empty()),
        adverse_events_module: r.reported_events.map(events),
        more_info_module: more_info(
            r.limitations_and_caveats,
            r.certain_agreements,
            r.point_of_contact,
        ),
    }
}

results_parts!(
    xml::GroupList,
    xml::ParticipantsList,
    xml::AnalyzedList,
    xml::ClassList,
    xml::Measure,
    xml::EventCounts,
    xml::Analysis,
    xml::PeriodList,
    xml::Milestone
);

fn flow(f: xml::ParticipantFlow) -> v2::FlowModule {
    v2::FlowModule {
        pre_assignment_details: md(f.pre_assignment_details),
        recruitment_details: md(f.recruitment_details),
        type_units_analyzed: None,
        groups: groups(f.group_list),
        // The XML gives a step no comment.
        periods: periods(f.period_list, |m| {
            (md(m.title), None, counts(m.participants_list))
        }),
    }
}

fn baseline(b: xml::Baseline) -> v2::BaselineModule {
    v2::BaselineModule {
        population_description: md(b.population),
        type_units_analyzed: None,
        groups: groups(b.group_list),
        denoms: denoms(b.analyzed_list),
        measures: (b.measure_list.items.into_iter()).map(measure).collect(),
    }
}

/// An outcome and its one measure: the outcome's title, description and population are
/// the measure's too (the XML repeats them; the outcome's are taken, the measure's where the
/// outcome has none).
fn outcome(o: xml::Outcome) -> v2::OutcomeMeasure {
    let m = o.measure.unwrap_or_default();
    // The XML does not say whether values are posted: an outcome with values is; one with
    // none and an anticipated posting date is not yet.
    let has_values = (m.classes.items.iter())
        .flat_map(|c| &c.categories.items)
        .any(|c| !c.measurements.items.is_empty());
    let reporting_status = match (has_values, &o.posting_date) {
        (true, _) => Some("POSTED".to_string()),
        (false, Some(_)) => Some("NOT_POSTED".to_string()),
        (false, None) => None,
    };
    v2::OutcomeMeasure {
        kind: o.kind,
        title: md(o.title.or(m.title)),
        description: md(o.description.or(m.description)),
        population_description: md(o.population.or(m.population_description)),
        reporting_status,
        anticipated_posting_date: o.posting_date,
        param_type: m.param_type,
        dispersion_type: m.dispersion_type,
        unit_of_measure: md(m.unit_of_measure),
        time_frame: md(o.time_frame),
        type_units_analyzed: md(m.units_analyzed),
        groups: groups(o.group_list),
        denoms: denoms(m.denoms),
        classes: classes(m.classes),
        analyses: o.analysis_list.items.into_iter().map(analysis).collect(),
    }
}

/// Which total a "Total" row of an event list is, by its wording.
#[derive(Clone, Copy, PartialEq)]
enum Total {
    Deaths,
    Serious,
    Other,
}

fn total(sub_title: &str) -> Option<Total> {
    let s = sub_title.trim().to_ascii_lowercase();
    let rest = s.strip_prefix("total")?.trim_start_matches([',', ' ']);
    if rest.contains("mortality") || rest.contains("death") {
        Some(Total::Deaths)
    } else if rest.starts_with("serious") {
        Some(Total::Serious)
    } else if rest.starts_with("other") {
        Some(Total::Other)
    } else {
        None
    }
}

fn events(r: xml::ReportedEvents) -> v2::AdverseEventsModule {
    let mut groups: Vec<v2::EventGroup> = (groups(r.group_list).into_iter())
        .map(|g| v2::EventGroup {
            id: g.id,
            title: g.title,
            description: g.description,
            ..v2::EventGroup::default()
        })
        .collect();
    let serious = r.serious_events.unwrap_or_default();
    let other = r.other_events.unwrap_or_default();
    let threshold = other
        .frequency_threshold
        .clone()
        .or(serious.frequency_threshold.clone());
    let vocabulary = (serious.default_vocab.clone()).or(other.default_vocab.clone());
    let serious_events = event_list(serious, &mut groups);
    let other_events = event_list(other, &mut groups);
    v2::AdverseEventsModule {
        frequency_threshold: text(threshold),
        time_frame: md(r.time_frame),
        description: md(r.desc),
        all_cause_mortality_comment: None,
        event_groups: groups,
        serious_events,
        other_events,
        default_vocabulary: md(vocabulary),
    }
}

/// The events of one list, by organ system; its totals rows set the groups' totals.
fn event_list(list: xml::Events, groups: &mut [v2::EventGroup]) -> Vec<v2::Event> {
    let mut out = Vec::new();
    for category in list.category_list.items {
        for e in category.event_list.items {
            let sub_title = e.sub_title.unwrap_or_default();
            let term = sub_title.text.unwrap_or_default();
            let is_total = category.title.as_deref().map(str::trim) == Some("Total");
            if let Some(which) = total(&term).filter(|_| is_total) {
                set_totals(groups, which, &e.counts);
                continue;
            }
            out.push(v2::Event {
                term: md(Some(term)),
                organ_system: md(category.title.clone()),
                source_vocabulary: md(sub_title.vocab.or(list.default_vocab.clone())),
                assessment_type: e.assessment.or(list.default_assessment.clone()),
                notes: md(e.description),
                stats: e.counts.into_iter().map(stats).collect(),
            });
        }
    }
    out
}

fn set_totals(groups: &mut [v2::EventGroup], which: Total, counts: &[xml::EventCounts]) {
    for c in counts {
        let Some(g) = groups.iter_mut().find(|g| g.id == c.group_id) else {
            continue;
        };
        let (affected, at_risk) = match which {
            Total::Deaths => (&mut g.deaths_num_affected, &mut g.deaths_num_at_risk),
            Total::Serious => (&mut g.serious_num_affected, &mut g.serious_num_at_risk),
            Total::Other => (&mut g.other_num_affected, &mut g.other_num_at_risk),
        };
        *affected = c.num_affected.clone().map(Count::Text);
        *at_risk = c.num_at_risk.clone().map(Count::Text);
    }
}

/// The agreements' standard sentences as API v2's yes/no; other text is the agreement's
/// details (the registry asked for them only where there is an agreement).
fn more_info(
    limitations: Option<String>,
    agreements: Option<xml::CertainAgreements>,
    contact: Option<xml::PointOfContact>,
) -> Option<v2::MoreInfoModule> {
    if limitations.is_none() && agreements.is_none() && contact.is_none() {
        return None;
    }
    let certain_agreement = agreements.map(|a| {
        let employed = a.pi_employee.map(|s| match standard(&s) {
            Some(yes) => YesNo::Bool(yes),
            None => YesNo::Text(s),
        });
        let (restrictive, details) = match a.restrictive_agreement {
            Some(s) => match standard(&s) {
                Some(yes) => (Some(YesNo::Bool(yes)), a.other_details),
                None => (Some(YesNo::Bool(true)), Some(s)),
            },
            None => (None, a.other_details),
        };
        v2::CertainAgreement {
            pi_sponsor_employee: employed,
            restriction_type: a.restriction_type,
            restrictive_agreement: restrictive,
            other_details: md(details),
        }
    });
    Some(v2::MoreInfoModule {
        limitations_and_caveats: limitations.map(|l| v2::Limitations {
            description: md(Some(l)),
        }),
        certain_agreement,
        point_of_contact: contact.map(|c| v2::PointOfContact {
            title: md(c.name_or_title),
            organization: md(c.organization),
            email: c.email,
            phone: c.phone,
            phone_ext: None,
        }),
    })
}

/// The registry's standard sentences: "Principal Investigators are NOT employed by …",
/// "All Principal Investigators ARE employed by …", "There is NOT an agreement …", "There
/// IS an agreement …"; and plain "Yes" / "No".
fn standard(sentence: &str) -> Option<bool> {
    let s = sentence.trim();
    match s.to_ascii_lowercase().as_str() {
        "yes" => return Some(true),
        "no" => return Some(false),
        _ => {}
    }
    let standard = s.starts_with("Principal Investigators are")
        || s.starts_with("All Principal Investigators")
        || s.starts_with("There is NOT an agreement")
        || s.starts_with("There IS an agreement");
    if !standard {
        return None;
    }
    Some(!(s.contains(" NOT ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn totals_rows_and_agreement_sentences() {
        assert!(total("Total, serious adverse events") == Some(Total::Serious));
        assert!(total("Total, other adverse events") == Some(Total::Other));
        assert!(total("Total, all-cause mortality") == Some(Total::Deaths));
        assert!(total("Anaemia").is_none());
        assert_eq!(
            standard("Principal Investigators are NOT employed by the organization sponsoring the study."),
            Some(false)
        );
        assert_eq!(
            standard("All Principal Investigators ARE employed by the organization sponsoring the study."),
            Some(true)
        );
        assert_eq!(standard("There is NOT an agreement between Principal Investigators and the Sponsor (or its agents) that restricts the PI's rights to discuss or publish trial results after the trial is completed. "), Some(false));
        assert_eq!(
            standard("GSK agreements may vary with individual investigators"),
            None
        );
    }
}
