//! One CTIS trial → the API v2 shape. CTIS gives its enumerations as codes of its own lists
//! (phase, status, age group); each code is first written as the list's own wording (the
//! tables below), then read by the mapper through the `Vocab` aliases, like every other
//! registry's words.

use super::wire::{Application, Code, PartI, Trial};
use crate::model::{paths, WarningCode};
use crate::normalize::{numbers, registry_ids, text};
use crate::sources::registries::{wording, Converted};
use crate::sources::structured::convert::{escape, md};
use crate::sources::structured::wire::api_v2 as v2;

/// CTIS's trial phases (`trialCategory.trialPhase`), as its list words them (the list as
/// ctrdata's `R/f_trialPhase.R` documents it).
const PHASES: &[(&str, &str)] = &[
    (
        "1",
        "Human Pharmacology (Phase I) - First administration to humans",
    ),
    ("2", "Human Pharmacology (Phase I) - Bioequivalence Study"),
    ("3", "Human Pharmacology (Phase I) - Other"),
    ("4", "Therapeutic exploratory (Phase II)"),
    ("5", "Therapeutic confirmatory (Phase III)"),
    ("6", "Therapeutic use (Phase IV)"),
    (
        "7",
        "Phase I and Phase II (Integrated) - First administration to humans",
    ),
    (
        "8",
        "Phase I and Phase II (Integrated) - Bioequivalence Study",
    ),
    ("9", "Phase I and Phase II (Integrated) - Other"),
    ("10", "Phase II and Phase III (Integrated)"),
    ("11", "Phase III and phase IV (Integrated)"),
];

/// CTIS's public trial statuses (`ctPublicStatusCode`), as ctrdata's
/// `R/f_statusRecruitment.R` words them.
const STATUSES: &[(&str, &str)] = &[
    ("1", "Under evaluation"),
    ("2", "Authorised, recruitment pending"),
    ("3", "Authorised, recruiting"),
    ("4", "Ongoing, recruiting"),
    ("5", "Ongoing, recruitment ended"),
    ("6", "Temporarily halted"),
    ("7", "Suspended"),
    ("8", "Ended"),
    ("9", "Expired"),
    ("10", "Revoked"),
    ("11", "Not authorised"),
    ("12", "Cancelled"),
];

/// CTIS's age groups (`ageRanges[].ageRangeCategoryCode`) where the record gives the code
/// without its words; code 2 is the paediatric group (the search's `ageGroupCode: [2]`).
const AGE_GROUPS: &[(&str, &str)] = &[
    ("2", "0-17 years"),
    ("3", "18-64 years"),
    ("4", "65+ years"),
];

fn line(raw: &Option<String>) -> Option<String> {
    raw.as_deref().and_then(text::line)
}

/// A CTIS date (`2024-04-16`, `2024-04-16T00:00:00`, `16/04/2024`) as the mapper reads it.
fn date(raw: &Option<String>) -> Option<String> {
    line(raw).map(|d| wording::date(&d))
}

fn date_struct(date: Option<String>, kind: Option<&str>) -> Option<v2::DateStruct> {
    date.map(|d| v2::DateStruct {
        date: Some(d),
        kind: kind.map(String::from),
    })
}

/// The code's wording in `table`; a code the table lacks is noted and gives nothing, text
/// that is no number is CTIS's own wording already.
fn worded(
    out: &mut Converted,
    table: &[(&str, &str)],
    what: &str,
    path: &'static str,
    code: Option<&Code>,
) -> Option<String> {
    let raw = code?.text()?;
    if !raw.bytes().all(|b| b.is_ascii_digit()) {
        return Some(raw);
    }
    let found = table
        .iter()
        .find(|(c, _)| *c == raw)
        .map(|(_, w)| w.to_string());
    if found.is_none() {
        out.note(
            WarningCode::UnmappedEnum,
            path,
            format!("CTIS {what} code {raw:?} is not in the list trialnorm knows"),
        );
    }
    found
}

/// The phases a CTIS phase wording names, as "Phase I/Phase II" for the mapper: the
/// subtype after " - " dropped, "(Integrated)" phases split at " and ".
fn phase_words(label: &str) -> String {
    let label = label.split(" - ").next().unwrap_or(label);
    if !label.contains("(Integrated)") {
        return label.trim().to_string();
    }
    (label.replace("(Integrated)", "").split(" and "))
        .map(str::trim)
        .collect::<Vec<_>>()
        .join("/")
}

/// The record in the API v2 shape, its EU CT number its own.
pub fn convert(t: &Trial) -> Converted {
    let number = line(&t.ct_number);
    let mut out = Converted {
        own_id: number.as_deref().and_then(registry_ids::parse),
        ..Converted::default()
    };
    let app = t.application();
    let none = PartI::default();
    let part_i = app.part_i.as_ref().unwrap_or(&none);
    let details = &part_i.trial_details;
    let ids = &details.clinical_trial_identifiers;
    let numbers = &ids.secondary_identifying_numbers;
    let nct_id = line(&numbers.nct_number.number)
        .and_then(|n| registry_ids::parse(&n))
        .filter(|r| r.registry == crate::model::IdRegistry::Ctgov)
        .map(|r| r.id);
    let mut secondary: Vec<String> = Vec::new();
    let listed = [&app.eudra_ct.eudra_ct_code, &numbers.nct_number.number]
        .into_iter()
        .chain([
            &numbers.isrctn_number.number,
            &numbers.who_universal_trial_number.number,
        ])
        .chain(numbers.additional_registries.iter().map(|n| &n.number));
    for n in listed.filter_map(line) {
        if !secondary.contains(&n) {
            secondary.push(n);
        }
    }
    let p = v2::Protocol {
        identification_module: v2::Identification {
            nct_id,
            secondary_id_infos: (secondary.into_iter()).map(v2::IdInfo::from).collect(),
            brief_title: md(line(&ids.public_title)),
            official_title: md(line(&ids.full_title)),
            ..Default::default()
        },
        status_module: status(t, app, &mut out),
        sponsor_collaborators_module: sponsors(part_i),
        description_module: description(part_i),
        conditions_module: v2::ConditionsModule {
            conditions: conditions(part_i),
            keywords: Vec::new(),
        },
        design_module: design(app, part_i, &mut out),
        arms_interventions_module: v2::ArmsModule {
            arm_groups: Vec::new(),
            interventions: interventions(part_i),
        },
        outcomes_module: outcomes(part_i),
        eligibility_module: eligibility(part_i, &mut out),
        contacts_locations_module: contacts(app, part_i),
        references_module: v2::ReferencesModule::default(),
    };
    let url = number.map(|n| format!("https://euclinicaltrials.eu/ctis-public/view/{n}"));
    out.study = v2::Study::of_protocol(p, url);
    out
}

/// The status (its code, else its words; an ended trial that every member state ended
/// early was terminated), the start (the EU start, else the planned start of recruitment),
/// the end (the notified global end, else the planned one), the first application's
/// submission and the last publication.
fn status(t: &Trial, app: &Application, out: &mut Converted) -> v2::StatusModule {
    let code = t.ct_public_status_code.as_ref().or(t.ct_status.as_ref());
    let mut overall = worded(out, STATUSES, "status", paths::STATUS_OVERALL, code);
    let ended_early = (t.events.trial_events.iter())
        .filter(|e| {
            (e.events.iter())
                .filter_map(|n| n.notification_type.as_deref())
                .any(|n| text::squash(n).contains("earlytermination"))
        })
        .count();
    let states = app.member_states_concerned.len();
    if overall.as_deref() == Some("Ended") && ended_early > 0 && ended_early >= states {
        overall = Some("Prematurely ended".into());
    }
    let duration = (app.part_i.as_ref()).map(|p| &p.trial_details.trial_information.trial_duration);
    let planned =
        |f: fn(&super::wire::TrialDuration) -> &Option<String>| duration.and_then(|d| date(f(d)));
    let start = date_struct(date(&t.start_date_eu), None).or_else(|| {
        date_struct(
            planned(|d| &d.estimated_recruitment_start_date),
            Some("ESTIMATED"),
        )
    });
    let completion = date_struct(date(&t.events.trial_global_end_date), Some("ACTUAL"))
        .or_else(|| date_struct(planned(|d| &d.estimated_global_end_date), Some("ESTIMATED")))
        .or_else(|| date_struct(planned(|d| &d.estimated_end_date), Some("ESTIMATED")));
    let submitted = (app.application_info.items().iter())
        .filter_map(|a| date(&a.submission_date))
        .min();
    v2::StatusModule {
        overall_status: overall,
        start_date_struct: start,
        completion_date_struct: completion,
        study_first_submit_date: submitted,
        last_update_post_date_struct: date_struct(date(&t.publish_date), None),
        ..Default::default()
    }
}

/// The sponsors: the primary one leads, co-sponsors collaborate; "Commercial" or not.
fn sponsors(part_i: &PartI) -> v2::SponsorModule {
    let class = |s: &super::wire::Sponsor| {
        s.is_commercial
            .map(|c| if c { "Commercial" } else { "Non-commercial" }.to_string())
    };
    let all: Vec<(bool, v2::Sponsor)> = (part_i.sponsors.iter())
        .map(|s| {
            let sponsor = v2::Sponsor {
                name: line(&s.organisation.name),
                class: class(s),
            };
            (s.primary == Some(true), sponsor)
        })
        .collect();
    let lead = all.iter().position(|(primary, _)| *primary).unwrap_or(0);
    let mut module = v2::SponsorModule::default();
    for (i, (_, s)) in all.into_iter().enumerate() {
        if i == lead {
            module.lead_sponsor = Some(s);
        } else {
            module.collaborators.push(s);
        }
    }
    module
}

/// The objectives, as the summary: the main one, then the secondary ones.
fn description(part_i: &PartI) -> v2::DescriptionModule {
    let o = &part_i.trial_details.trial_information.trial_objective;
    let mut paragraphs: Vec<String> = line(&o.main_objective)
        .map(|m| format!("Main objective: {m}"))
        .into_iter()
        .collect();
    paragraphs.extend(
        (numbered(&o.secondary_objectives, |s| {
            (&s.number, &s.secondary_objective)
        })
        .into_iter())
        .map(|s| format!("Secondary objective: {s}")),
    );
    v2::DescriptionModule {
        brief_summary: (!paragraphs.is_empty()).then(|| escape(paragraphs.join("\n\n"))),
        detailed_description: None,
    }
}

/// The texts of numbered items, in their numbers' order (items without a number keep
/// their place after the numbered ones), blank ones dropped.
fn numbered<T>(items: &[T], get: impl Fn(&T) -> (&Option<Code>, &Option<String>)) -> Vec<String> {
    let mut all: Vec<(u64, usize, String)> = (items.iter().enumerate())
        .filter_map(|(i, item)| {
            let (n, text) = get(item);
            let n = n.as_ref().and_then(Code::text).and_then(|n| n.parse().ok());
            Some((n.unwrap_or(u64::MAX), i, line(text)?))
        })
        .collect();
    all.sort();
    all.into_iter().map(|(_, _, t)| t).collect()
}

fn conditions(part_i: &PartI) -> Vec<String> {
    let listed = &part_i.trial_details.trial_information.medical_condition;
    let conditions = if listed.part_i_medical_conditions.is_empty() {
        &part_i.medical_conditions
    } else {
        &listed.part_i_medical_conditions
    };
    (conditions.iter())
        .filter_map(|c| line(&c.medical_condition))
        .map(escape)
        .collect()
}

/// Every CTIS trial is an interventional clinical trial of a medicinal product: CTIS holds
/// the trials of Regulation (EU) No 536/2014, which covers nothing else.
fn design(app: &Application, part_i: &PartI, out: &mut Converted) -> v2::DesignModule {
    let info = &part_i.trial_details.trial_information;
    let phase = worded(
        out,
        PHASES,
        "trial phase",
        paths::DESIGN_PHASES,
        info.trial_category.trial_phase.as_ref(),
    );
    v2::DesignModule {
        study_type: Some("Interventional clinical trial of medicinal product".into()),
        phases: phase.map(|p| phase_words(&p)).into_iter().collect(),
        design_info: v2::DesignInfo::default(),
        enrollment_info: enrollment(app, part_i, out).map(|n| v2::EnrollmentInfo {
            count: Some(v2::Count::Number(n)),
            kind: Some("ESTIMATED".into()),
        }),
    }
}

/// The planned number of participants: each member state's (Parts II) and the rest of the
/// world's, added up, when every one of them is stated.
fn enrollment(app: &Application, part_i: &PartI, out: &mut Converted) -> Option<u64> {
    let mut read = |c: &Option<Code>| -> Option<Option<u64>> {
        let raw = c.as_ref()?.text()?;
        let n = numbers::written_count(&raw);
        if n.is_none() {
            let msg = format!("{raw:?} is not a number of participants");
            out.note(WarningCode::BadNumber, paths::ENROLLMENT_COUNT, msg);
        }
        Some(n)
    };
    let eea: Vec<Option<Option<u64>>> = (app.parts_ii.iter())
        .map(|p| read(&p.recruitment_subject_count))
        .collect();
    let rest = read(&part_i.row_subject_count);
    let eea_missing = eea.iter().any(Option::is_none)
        || (eea.is_empty() && !app.member_states_concerned.is_empty());
    let rest_missing = rest.is_none() && !part_i.row_countries_info.is_empty();
    let stated: Vec<u64> = eea
        .iter()
        .chain([&rest])
        .flatten()
        .flatten()
        .copied()
        .collect();
    if stated.is_empty() {
        return None;
    }
    if eea_missing || rest_missing {
        let msg = "planned numbers of participants are stated for some of the trial's \
                   countries only: no total"
            .to_string();
        out.note(WarningCode::BadNumber, paths::ENROLLMENT_COUNT, msg);
        return None;
    }
    let total = stated.iter().try_fold(0u64, |sum, &n| sum.checked_add(n));
    if total.is_none() {
        let msg = format!("the planned numbers of participants {stated:?} add up past any count");
        out.note(WarningCode::BadNumber, paths::ENROLLMENT_COUNT, msg);
    }
    total
}

/// The products: named by their name (else the dictionary's), the active substances their
/// other name where they differ, the pharmaceutical form their description.
fn interventions(part_i: &PartI) -> Vec<v2::Intervention> {
    (part_i.products.iter())
        .filter_map(|p| {
            let dict = &p.product_dictionary_info;
            let name = line(&p.product_name).or_else(|| line(&dict.prod_name))?;
            let substances: Vec<String> =
                [&p.json_active_substance_names, &dict.active_substance_name]
                    .into_iter()
                    .filter_map(line)
                    .filter(|s| !s.eq_ignore_ascii_case(&name))
                    .take(1)
                    .collect();
            Some(v2::Intervention {
                description: line(&p.pharmaceutical_form_display)
                    .map(|f| escape(format!("Pharmaceutical form: {f}"))),
                other_names: substances,
                name: Some(escape(name)),
                ..Default::default()
            })
        })
        .collect()
}

fn outcomes(part_i: &PartI) -> v2::OutcomesModule {
    let e = &part_i.trial_details.trial_information.end_point;
    let measures = |list: &[super::wire::EndPoint]| -> Vec<v2::Outcome> {
        (numbered(list, |p| (&p.number, &p.end_point)).into_iter())
            .map(|m| v2::Outcome {
                measure: Some(escape(m)),
                ..Default::default()
            })
            .collect()
    };
    v2::OutcomesModule {
        primary_outcomes: measures(&e.primary_end_points),
        secondary_outcomes: measures(&e.secondary_end_points),
        other_outcomes: Vec::new(),
    }
}

/// The principal criteria as one text with its headings and numbers, for the shared
/// criteria reader; sex from the female and male flags; the age groups.
fn eligibility(part_i: &PartI, out: &mut Converted) -> v2::EligibilityModule {
    let info = &part_i.trial_details.trial_information;
    let c = &info.eligibility_criteria;
    let inclusion = numbered(&c.principal_inclusion_criteria, |c| {
        (&c.number, &c.principal_inclusion_criteria)
    });
    let exclusion = numbered(&c.principal_exclusion_criteria, |c| {
        (&c.number, &c.principal_exclusion_criteria)
    });
    let criteria: Vec<String> = [
        ("Inclusion criteria:", inclusion),
        ("Exclusion criteria:", exclusion),
    ]
    .into_iter()
    .filter(|(_, items)| !items.is_empty())
    .map(|(heading, items)| {
        let items: Vec<String> = (items.iter().enumerate())
            .map(|(i, t)| format!("{}. {t}", i + 1))
            .collect();
        format!("{heading}\n{}", items.join("\n"))
    })
    .collect();
    let pop = &info.population_of_trial_subjects;
    let sex = match (pop.is_female_subjects, pop.is_male_subjects) {
        (Some(true), Some(true)) => Some("All"),
        (Some(true), _) => Some("Female"),
        (_, Some(true)) => Some("Male"),
        _ => None,
    };
    let std_ages = (pop.age_ranges.iter())
        .filter_map(|a| {
            line(&a.age_range_category).or_else(|| {
                let code = a.age_range_category_code.as_ref();
                worded(
                    out,
                    AGE_GROUPS,
                    "age group",
                    paths::ELIGIBILITY_STD_AGES,
                    code,
                )
            })
        })
        .collect();
    v2::EligibilityModule {
        eligibility_criteria: (!criteria.is_empty()).then(|| escape(criteria.join("\n\n"))),
        healthy_volunteers: None,
        sex: sex.map(String::from),
        minimum_age: None,
        maximum_age: None,
        std_ages,
    }
}

/// The sponsors' public contacts; the sites of each member state's Part II (its principal
/// investigator their contact), then the member states and the countries outside the EEA
/// no site is in.
fn contacts(app: &Application, part_i: &PartI) -> v2::ContactsModule {
    let central = (part_i.sponsors.iter())
        .flat_map(|s| &s.public_contacts)
        .map(|c| v2::Contact {
            name: line(&c.functional_name),
            role: Some("Contact".into()),
            phone: line(&c.telephone),
            phone_ext: None,
            email: line(&c.functional_email_address),
        })
        .collect();
    let mut locations: Vec<v2::Location> = Vec::new();
    for part in &app.parts_ii {
        let country = line(&part.msc_info.country_name).or_else(|| line(&part.msc_info.msc_name));
        for site in &part.trial_sites {
            let org = &site.organisation_address_info;
            let facility = [line(&org.organisation.name), line(&site.department_name)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(", ");
            let person = &site.person_info;
            let name = [line(&person.first_name), line(&person.last_name)]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" ");
            locations.push(v2::Location {
                facility: text::line(&facility),
                city: line(&org.address.city),
                zip: line(&org.address.postcode),
                country: line(&org.address.country_name).or_else(|| country.clone()),
                contacts: text::line(&name)
                    .map(|name| v2::Contact {
                        name: Some(name),
                        role: Some("Principal Investigator".into()),
                        phone: line(&person.telephone),
                        phone_ext: None,
                        email: line(&person.email),
                    })
                    .into_iter()
                    .collect(),
                ..Default::default()
            });
        }
    }
    let countries = (app.member_states_concerned.iter().map(|m| &m.msc_name))
        .chain(app.parts_ii.iter().map(|p| &p.msc_info.country_name))
        .chain(part_i.row_countries_info.iter().map(|c| &c.name))
        .filter_map(line);
    for country in countries {
        let key = text::squash(&country);
        let known = (locations.iter())
            .any(|l| l.country.as_deref().map(text::squash).as_deref() == Some(key.as_str()));
        if !known {
            locations.push(v2::Location {
                country: Some(country),
                ..Default::default()
            });
        }
    }
    v2::ContactsModule {
        central_contacts: central,
        overall_officials: Vec::new(),
        locations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phase_labels_name_their_phases() {
        assert_eq!(phase_words(PHASES[0].1), "Human Pharmacology (Phase I)");
        assert_eq!(phase_words(PHASES[8].1), "Phase I/Phase II");
        assert_eq!(phase_words(PHASES[9].1), "Phase II/Phase III");
        assert_eq!(phase_words(PHASES[10].1), "Phase III/phase IV");
        assert_eq!(
            phase_words("Therapeutic exploratory (Phase II)"),
            "Therapeutic exploratory (Phase II)"
        );
    }
}
