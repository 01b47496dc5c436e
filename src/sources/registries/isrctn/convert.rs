//! One ISRCTN `<fullTrial>` → the API v2 shape.

use super::wire::{FullTrial, Measure};
use crate::model::{IdRegistry, WarningCode};
use crate::normalize::enums::Vocab;
use crate::normalize::{registry_ids, text};
use crate::sources::registries::Converted;
use crate::sources::structured::convert::{escape, md};
use crate::sources::structured::wire::api_v2 as v2;

fn line(raw: &Option<String>) -> Option<String> {
    raw.as_deref().and_then(text::line)
}

/// A date-time of the API ("2021-10-07T00:00:00.000Z") as its date.
fn day(raw: &Option<String>) -> Option<String> {
    line(raw).map(|d| d.split('T').next().unwrap_or(&d).to_string())
}

/// The record in the API v2 shape, its ISRCTN its own number.
pub fn convert(f: FullTrial) -> Converted {
    let t = &f.trial;
    let number = line(&t.isrctn.text).map(|n| format!("ISRCTN{}", n.trim_start_matches("ISRCTN")));
    let mut out = Converted {
        own_id: number.as_deref().and_then(registry_ids::parse),
        ..Converted::default()
    };
    let refs = &t.external_refs;
    let mut secondary: Vec<String> = Vec::new();
    for s in (refs.secondary_numbers.secondary_number.iter())
        .filter_map(|n| line(&n.text))
        .chain(line(&refs.eudract_number))
        .chain(line(&refs.clinical_trials_gov_number))
    {
        if !secondary.contains(&s) {
            secondary.push(s);
        }
    }
    let nct_id = line(&refs.clinical_trials_gov_number)
        .and_then(|n| registry_ids::parse(&n))
        .filter(|r| r.registry == IdRegistry::Ctgov)
        .map(|r| r.id);
    let d = &t.trial_description;
    let p = v2::Protocol {
        identification_module: v2::Identification {
            nct_id,
            org_study_id_info: v2::IdInfo {
                id: line(&refs.protocol_serial_number),
                ..Default::default()
            },
            secondary_id_infos: secondary.into_iter().map(v2::IdInfo::from).collect(),
            organization: None,
            brief_title: md(line(&d.title)),
            official_title: md(line(&d.scientific_title)),
            acronym: md(line(&d.acronym)),
            ..Default::default()
        },
        status_module: v2::StatusModule {
            overall_status: line(&t.participants.recruitment_status_override),
            start_date_struct: day(&t.trial_design.overall_start_date)
                .or(day(&t.participants.recruitment_start))
                .map(|date| v2::DateStruct {
                    date: Some(date),
                    kind: None,
                }),
            completion_date_struct: day(&t.trial_design.overall_end_date).map(|date| {
                v2::DateStruct {
                    date: Some(date),
                    kind: None,
                }
            }),
            study_first_submit_date: day(&t.isrctn.date_assigned),
            last_update_post_date_struct: day(&t.last_updated).map(|date| v2::DateStruct {
                date: Some(date),
                kind: None,
            }),
            ..Default::default()
        },
        sponsor_collaborators_module: sponsors(&f),
        description_module: v2::DescriptionModule {
            brief_summary: md(d
                .plain_english_summary
                .as_deref()
                .and_then(text::paragraphs)),
            detailed_description: md(d
                .study_hypothesis
                .as_deref()
                .and_then(text::line_paragraphs)),
        },
        conditions_module: v2::ConditionsModule {
            conditions: (t.conditions.condition.iter())
                .flat_map(|c| c.description.as_deref().unwrap_or_default().lines())
                .filter_map(text::line)
                .map(escape)
                .collect(),
            keywords: Vec::new(),
        },
        design_module: design(&f, &mut out),
        arms_interventions_module: v2::ArmsModule {
            arm_groups: Vec::new(),
            interventions: interventions(&f),
        },
        outcomes_module: v2::OutcomesModule {
            primary_outcomes: outcomes(&d.primary_outcomes.outcome_measure, &d.primary_outcome),
            secondary_outcomes: outcomes(
                &d.secondary_outcomes.outcome_measure,
                &d.secondary_outcome,
            ),
            other_outcomes: Vec::new(),
        },
        eligibility_module: eligibility(&f),
        contacts_locations_module: contacts(&f),
        references_module: v2::ReferencesModule::default(),
    };
    let url = number.map(|n| format!("https://www.isrctn.com/{n}"));
    out.study = v2::Study::of_protocol(p, url);
    out
}

/// The sponsors the trial lists, the first the lead, with their commercial status.
fn sponsors(f: &FullTrial) -> v2::SponsorModule {
    let mut all = (f.sponsor.iter()).map(|s| v2::Sponsor {
        name: line(&s.organisation),
        class: line(&s.commercial_status),
    });
    v2::SponsorModule {
        lead_sponsor: all.next(),
        collaborators: all.collect(),
        responsible_party: None,
    }
}

fn design(f: &FullTrial, out: &mut Converted) -> v2::DesignModule {
    let td = &f.trial.trial_design;
    let mut info = v2::DesignInfo::default();
    if let Some(i) = &td.interventional_trial_design {
        info.allocation = line(&i.allocation);
        info.masking_info.masking = line(&i.masking);
        info.intervention_model = line(&i.assignment);
        match i.purposes.purpose.as_slice() {
            [one] => info.primary_purpose = text::line(one),
            [] => {}
            several => out.note(
                WarningCode::UnmappedEnum,
                crate::model::paths::DESIGN_PRIMARY_PURPOSE,
                format!(
                    "the record lists {} purposes: no one primary purpose",
                    several.join(", ")
                ),
            ),
        }
    }
    let observational =
        line(&td.primary_study_design).is_some_and(|s| text::squash(&s) == "observational");
    let secondary = line(&td.secondary_study_design);
    if observational {
        info.observational_model = secondary;
    } else if td.interventional_trial_design.is_none() {
        // Older records state the allocation only here ("Randomised controlled trial").
        info.allocation = secondary.filter(|s| crate::model::Allocation::from_words(s).is_some());
    }
    let p = &f.trial.participants;
    // The final count once recruitment ended (0 until then), else the target.
    let actual = line(&p.total_final_enrolment).filter(|n| n != "0");
    let enrollment = match actual {
        Some(n) => Some((n, "Actual")),
        None => line(&p.target_enrolment).map(|n| (n, "Anticipated")),
    };
    let mut phases: Vec<String> = Vec::new();
    for ph in f
        .trial
        .interventions
        .intervention
        .iter()
        .filter_map(|i| line(&i.phase))
    {
        if !phases.contains(&ph) {
            phases.push(ph);
        }
    }
    v2::DesignModule {
        study_type: line(&td.primary_study_design),
        phases,
        design_info: info,
        enrollment_info: enrollment.map(|(n, kind)| v2::EnrollmentInfo {
            count: Some(v2::Count::Text(n)),
            kind: Some(kind.into()),
        }),
    }
}

/// Interventions: named by their drug names where given, else by their description.
fn interventions(f: &FullTrial) -> Vec<v2::Intervention> {
    (f.trial.interventions.intervention.iter())
        .filter_map(|i| {
            let description = i.description.as_deref().and_then(text::line);
            let name = line(&i.drug_names).or(description.clone())?;
            Some(v2::Intervention {
                kind: line(&i.intervention_type),
                description: description.filter(|d| *d != name).map(escape),
                name: Some(escape(name)),
                ..Default::default()
            })
        })
        .collect()
}

/// The structured measures (what, how, when), else the one text the older records give.
fn outcomes(measures: &[Measure], text_form: &Option<String>) -> Vec<v2::Outcome> {
    if measures.is_empty() {
        return line(text_form)
            .map(|m| v2::Outcome {
                measure: Some(escape(m)),
                ..Default::default()
            })
            .into_iter()
            .collect();
    }
    (measures.iter())
        .filter_map(|m| {
            Some(v2::Outcome {
                measure: Some(escape(line(&m.variable)?)),
                description: md(line(&m.method)),
                time_frame: md(line(&m.timepoints)),
                safety_issue: None,
            })
        })
        .collect()
}

fn eligibility(f: &FullTrial) -> v2::EligibilityModule {
    let p = &f.trial.participants;
    let criteria: Vec<String> = [
        ("Inclusion criteria:", &p.inclusion),
        ("Exclusion criteria:", &p.exclusion),
    ]
    .into_iter()
    .filter_map(|(h, c)| Some(format!("{h}\n{}", c.as_deref()?.trim())))
    .collect();
    v2::EligibilityModule {
        eligibility_criteria: (!criteria.is_empty()).then(|| escape(criteria.join("\n\n"))),
        healthy_volunteers: line(&p.healthy_volunteers_allowed).map(v2::YesNo::Text),
        sex: line(&p.gender),
        minimum_age: line(&p.lower_age_limit.text),
        maximum_age: line(&p.upper_age_limit.text),
        // Derived from the stated bounds as ClinicalTrials.gov's are (no limit: every group).
        std_ages: match (line(&p.lower_age_limit.text), line(&p.upper_age_limit.text)) {
            (Some(min), Some(max)) => (crate::normalize::age::std_ages_of_stated(&min, &max))
                .iter()
                .map(|a| a.name().to_string())
                .collect(),
            _ => Vec::new(),
        },
    }
}

/// The contacts, and the sites: the trial centres, then the recruitment countries no
/// centre is in.
fn contacts(f: &FullTrial) -> v2::ContactsModule {
    let p = &f.trial.participants;
    let mut locations: Vec<v2::Location> = (p.trial_centres.trial_centre.iter())
        .map(|c| v2::Location {
            facility: line(&c.name),
            city: line(&c.city),
            state: line(&c.state),
            zip: line(&c.zip),
            country: line(&c.country),
            ..Default::default()
        })
        .collect();
    // "England" and "United Kingdom" are one country (GB): compared by code.
    let code = |name: &str| match crate::normalize::country::lookup(name) {
        crate::normalize::country::Country::Code(c) => c.to_string(),
        _ => name.to_string(),
    };
    for country in p
        .recruitment_countries
        .country
        .iter()
        .filter_map(|c| text::line(c))
    {
        let known =
            (locations.iter()).any(|l| l.country.as_deref().map(code) == Some(code(&country)));
        if !known {
            locations.push(v2::Location {
                country: Some(country),
                ..Default::default()
            });
        }
    }
    v2::ContactsModule {
        central_contacts: (f.contact.iter())
            .map(|c| v2::Contact {
                name: text::line(&format!(
                    "{} {}",
                    c.forename.as_deref().unwrap_or_default(),
                    c.surname.as_deref().unwrap_or_default()
                )),
                role: Some("Contact".into()),
                phone: line(&c.contact_details.telephone),
                phone_ext: None,
                email: line(&c.contact_details.email),
            })
            .collect(),
        overall_officials: Vec::new(),
        locations,
    }
}
