//! One ICTRP `<Trial>` → the API v2 shape. Values are moved to where v2 keeps them and
//! rewritten only in form (markup undone, day-first dates in ISO, ages as "N Unit", the EU
//! registers' "Label: yes" lines picked); their meaning is read by the shared mapper.

use super::wire::Record;
use crate::model::{IdRegistry, RegistryId, WarningCode};
use crate::normalize::enums::Vocab;
use crate::normalize::{registry_ids, text};
use crate::sources::registries::{wording, Converted};
use crate::sources::structured::convert::{design_info, escape, md};
use crate::sources::structured::wire::api_v2 as v2;

/// The record in the API v2 shape, with its own number and the notes on what was not read.
pub fn convert(r: Record) -> Converted {
    let mut out = Converted::default();
    let own = own_id(r.trial_id.as_deref().unwrap_or_default());
    let mut secondary = distinct(r.secondary_id.as_deref().unwrap_or_default());
    // The platform's own id of the record where it is not the registry's number as such
    // ("EUCTR2021-000037-14-ES" names the Spanish record of EudraCT 2021-000037-14).
    let trial_id = one(&r.trial_id).unwrap_or_default();
    if own.as_ref().is_some_and(|o| o.id != trial_id) {
        secondary.insert(0, trial_id);
    }
    let nct_id = match &own {
        Some(id) if id.registry == IdRegistry::Ctgov => Some(id.id.clone()),
        _ => stated_nct_id(&secondary),
    };
    let (design, endpoint_classification) = design_module(&r, &mut out);
    let p = v2::Protocol {
        identification_module: v2::Identification {
            nct_id,
            secondary_id_infos: (secondary.into_iter()).map(v2::IdInfo::from).collect(),
            brief_title: md(one(&r.public_title)),
            official_title: md(one(&r.scientific_title)),
            acronym: md(one(&r.acronym)),
            ..Default::default()
        },
        status_module: status(&r),
        sponsor_collaborators_module: v2::SponsorModule {
            lead_sponsor: one(&r.primary_sponsor).map(|name| v2::Sponsor {
                name: Some(name),
                class: None,
            }),
            collaborators: (wording::list(r.secondary_sponsor.as_deref().unwrap_or_default()))
                .into_iter()
                .map(|name| v2::Sponsor {
                    name: Some(name),
                    class: None,
                })
                .collect(),
            responsible_party: None,
        },
        description_module: v2::DescriptionModule {
            brief_summary: objectives(&r),
            detailed_description: None,
        },
        conditions_module: v2::ConditionsModule {
            conditions: conditions(r.condition.as_deref().unwrap_or_default()),
            keywords: Vec::new(),
        },
        design_module: design,
        arms_interventions_module: v2::ArmsModule {
            arm_groups: Vec::new(),
            interventions: interventions(r.intervention.as_deref().unwrap_or_default()),
        },
        outcomes_module: v2::OutcomesModule {
            primary_outcomes: outcomes(r.primary_outcome.as_deref()),
            secondary_outcomes: outcomes(r.secondary_outcome.as_deref()),
            other_outcomes: Vec::new(),
        },
        eligibility_module: eligibility(&r),
        contacts_locations_module: v2::ContactsModule {
            central_contacts: contacts(&r),
            overall_officials: Vec::new(),
            locations: distinct(r.countries.as_deref().unwrap_or_default())
                .into_iter()
                .map(|country| v2::Location {
                    country: Some(country),
                    ..Default::default()
                })
                .collect(),
        },
        references_module: v2::ReferencesModule::default(),
    };
    out.study = v2::Study {
        derived_section: v2::Derived {
            misc_info_module: v2::MiscInfo {
                version_holder: one(&r.last_refreshed_on),
            },
            ..Default::default()
        },
        ..v2::Study::of_protocol(p, one(&r.web_address))
    };
    out.study.legacy.endpoint_classification = endpoint_classification;
    out.own_id = own;
    out
}

fn one(raw: &Option<String>) -> Option<String> {
    raw.as_deref().and_then(wording::one_line)
}

/// The trial's number in its primary registry, from the platform's TrialID: the EU
/// registers' ids lose the platform's prefix and member-state suffix (`EUCTR2021-000037-14-ES`
/// is EudraCT 2021-000037-14, `CTIS2023-507385-11-00` is EU CT 2023-507385-11-00).
pub fn own_id(trial_id: &str) -> Option<RegistryId> {
    let id = trial_id.trim();
    let id = id.strip_prefix("CTIS").unwrap_or(id);
    registry_ids::parse(id).or_else(|| registry_ids::recognize(id).into_iter().next())
}

/// The trial's NCT id where its secondary ids state exactly one.
fn stated_nct_id(secondary: &[String]) -> Option<String> {
    let mut ncts: Vec<String> = (secondary.iter())
        .flat_map(|s| registry_ids::recognize(s))
        .filter(|r| r.registry == IdRegistry::Ctgov)
        .map(|r| r.id)
        .collect();
    ncts.dedup();
    (ncts.len() == 1).then(|| ncts.remove(0))
}

fn status(r: &Record) -> v2::StatusModule {
    let dated = |raw: &Option<String>| {
        one(raw).map(|d| v2::DateStruct {
            date: Some(wording::date(&d)),
            kind: None,
        })
    };
    let registered = one(&r.date_registration3).or_else(|| one(&r.date_registration));
    v2::StatusModule {
        overall_status: one(&r.recruitment_status),
        start_date_struct: dated(&r.date_enrollement),
        study_first_submit_date: registered.map(|d| wording::date(&d)),
        ..Default::default()
    }
}

/// Study type, phases, design and target size; and the legacy endpoint classification, which
/// the API v2 shape keeps apart (`Legacy`).
fn design_module(r: &Record, out: &mut Converted) -> (v2::DesignModule, Option<String>) {
    let phase = r
        .phase
        .as_deref()
        .and_then(wording::plain)
        .unwrap_or_default();
    let phases = if phase.contains("(Phase") {
        // The EU registers' lines: "Therapeutic exploratory (Phase II): yes".
        wording::yes_labels(&phase)
    } else {
        match text::squash(&phase).as_str() {
            "" | "notselected" => Vec::new(),
            _ => vec![text::line(&phase).unwrap_or_default()],
        }
    };
    let design = r.study_design.as_deref().and_then(wording::plain);
    let mut info = v2::DesignInfo::default();
    let endpoint = design.and_then(|d| fill_design(&mut info, &d, out));
    let module = v2::DesignModule {
        study_type: one(&r.study_type),
        phases,
        design_info: info,
        enrollment_info: (r.target_size.as_deref())
            .and_then(wording::count)
            .map(|c| v2::EnrollmentInfo {
                count: Some(v2::Count::Text(c)),
                kind: None,
            }),
    };
    (module, endpoint)
}

/// Design fields from a design wording: the EU registers' "Randomised: yes" lines, or a
/// labelled or bare wording of the other registries (`normalize::design::wording`); returns
/// the endpoint classification it states.
fn fill_design(info: &mut v2::DesignInfo, d: &str, out: &mut Converted) -> Option<String> {
    // The EU registers' lines, "Controlled: yes" first, even with their values left blank.
    if d.trim_start().starts_with("Controlled:") {
        wording::eu_design(info, &wording::flags(d));
        return None;
    }
    let (values, endpoint, unread) = design_info(crate::normalize::design::wording(d));
    *info = values;
    for u in unread {
        let message = crate::normalize::design::unread_message(&u);
        out.note(WarningCode::UnparsedText, "design", message);
    }
    endpoint
}

/// The EU registers' objectives ("Main Objective:", "Secondary Objective:"), which the
/// export puts before the end points: the trial's summary, with the registry's labels.
fn objectives(r: &Record) -> Option<String> {
    let parts = labelled_parts(r.primary_outcome.as_deref().unwrap_or_default());
    let paras: Vec<String> = (parts.iter())
        .filter(|(label, _)| label.as_deref().is_some_and(|l| l.contains("Objective")))
        .map(|(label, value)| format!("{}: {value}", label.as_deref().unwrap_or_default()))
        .collect();
    (!paras.is_empty()).then(|| escape(paras.join("\n")))
}

/// A `;`-separated list whose parts may start with one of the EU registers' labels
/// ("Primary end point(s):"); a part without a label continues the labelled one before it
/// (a `;` inside the text).
fn labelled_parts(raw: &str) -> Vec<(Option<String>, String)> {
    const LABELS: [&str; 6] = [
        "Main Objective",
        "Secondary Objective",
        "Primary end point(s)",
        "Secondary end point(s)",
        "Timepoint(s) of evaluation of this end point",
        "Timepoints of evaluation of this end point",
    ];
    let mut out: Vec<(Option<String>, String)> = Vec::new();
    for part in raw.split(';') {
        let Some(part) = wording::one_line(part) else {
            continue;
        };
        let labelled = LABELS.iter().find_map(|l| {
            let rest = part.strip_prefix(l)?.trim_start().strip_prefix(':')?;
            Some((l.to_string(), rest.trim().to_string()))
        });
        match (labelled, out.last_mut()) {
            (Some((l, v)), _) => out.push((Some(l), v)),
            (None, Some((Some(_), v))) => {
                v.push_str("; ");
                v.push_str(&part);
            }
            (None, _) => out.push((None, part)),
        }
    }
    out
}

/// Outcomes: the EU registers' end points with their time points, or one outcome per
/// list item.
fn outcomes(raw: Option<&str>) -> Vec<v2::Outcome> {
    let mut out: Vec<v2::Outcome> = Vec::new();
    for (label, value) in labelled_parts(raw.unwrap_or_default()) {
        match label.as_deref() {
            Some(l) if l.contains("Objective") => {}
            Some(l) if l.starts_with("Timepoint") => match out.last_mut() {
                Some(o) if o.time_frame.is_none() => o.time_frame = Some(escape(value)),
                _ => {}
            },
            _ if value.is_empty() => {}
            _ => out.push(v2::Outcome {
                measure: Some(escape(value)),
                ..Default::default()
            }),
        }
    }
    // The export repeats some records' lists whole ("A;B;A;B") or item by item ("A;A;A;B;B"):
    // an outcome the list names again in the same words (a full stop at the end aside) with
    // the same time frame is the same outcome, read once.
    let key = |o: &v2::Outcome| {
        let measure = o.measure.as_deref().unwrap_or_default();
        (
            measure.trim_end_matches('.').to_string(),
            o.time_frame.clone(),
        )
    };
    let mut seen = Vec::new();
    out.retain(|o| {
        let k = key(o);
        let new = !seen.contains(&k);
        seen.push(k);
        new
    });
    out
}

/// Conditions: the list's items, one per line where an item holds several, bullets taken
/// off; the EU registers' MedDRA and therapeutic-area classification lines are codes, not
/// conditions as the record words them, and are left out.
fn conditions(raw: &str) -> Vec<String> {
    const CODES: [&str; 6] = [
        "MedDRA",
        "Therapeutic area",
        "Level:",
        "Classification code",
        "Term:",
        "System Organ Class",
    ];
    let mut out: Vec<String> = Vec::new();
    for part in raw.split(';') {
        let Some(p) = wording::plain(part) else {
            continue;
        };
        for l in p.lines() {
            let l = l.trim().trim_start_matches(['-', '•']).trim();
            if l.is_empty() || CODES.iter().any(|c| l.starts_with(c)) {
                continue;
            }
            if let Some(l) = text::line(l).map(escape) {
                if !out.contains(&l) {
                    out.push(l);
                }
            }
        }
    }
    out
}

/// Interventions: the EU registers' product blocks, or list items "Type: name" (the type
/// read by the mapper where the prefix is one), the rest of an item's lines its
/// description. A group listed with no intervention ("control group:No", as ChiCTR lists
/// them) is none.
fn interventions(raw: &str) -> Vec<v2::Intervention> {
    let text = wording::plain(raw).unwrap_or_default();
    if text.contains("Product Name:") || text.contains("Trade Name:") {
        return super::super::products::products(&text);
    }
    let mut out = Vec::new();
    for part in raw.split(';') {
        let Some(p) = wording::plain(part) else {
            continue;
        };
        let mut lines = p.lines().filter_map(text::line);
        let Some(first) = lines.next() else {
            continue;
        };
        let rest: Vec<String> = lines.collect();
        let (kind, name) = match first.split_once(':') {
            Some((k, n)) if crate::model::InterventionType::from_words(k).is_some() => {
                (Some(k.trim().to_string()), n.trim().to_string())
            }
            Some((_, n)) if matches!(text::squash(n).as_str(), "no" | "none") => continue,
            _ => (None, first.clone()),
        };
        out.push(v2::Intervention {
            kind,
            name: Some(escape(name)),
            description: (!rest.is_empty()).then(|| escape(rest.join(" "))),
            ..Default::default()
        });
    }
    out
}

/// The items of a `;`-separated list, each once: the export lists some twice (countries,
/// secondary ids).
fn distinct(raw: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for c in wording::list(raw) {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

fn eligibility(r: &Record) -> v2::EligibilityModule {
    // CTIS items joined with commas by the export ("received.,2. A subject") are put back
    // on lines of their own.
    static JOINED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"\.,\s*(\d{1,2}\.\s)").expect("valid regex")
    });
    // The export's own heading, "Inclusion criteria: " before the first item, is put on a
    // line of its own, so that the first item is an item like the others.
    static HEADING: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*((?:In|Ex)clusion criteria:)[ \t]*").expect("valid regex")
    });
    let parts: Vec<String> = [&r.inclusion_criteria, &r.exclusion_criteria]
        .into_iter()
        .filter_map(|c| c.as_deref().and_then(wording::plain))
        .map(|c| distinct_copies(&c))
        .map(|c| JOINED.replace_all(&c, ".\n$1").into_owned())
        .map(|c| HEADING.replace(&c, "$1\n").into_owned())
        .collect();
    v2::EligibilityModule {
        eligibility_criteria: (!parts.is_empty()).then(|| escape(parts.join("\n\n"))),
        sex: r.inclusion_gender.as_deref().and_then(wording::one_line),
        minimum_age: (r.inclusion_agemin.as_deref()).and_then(wording::age),
        maximum_age: (r.inclusion_agemax.as_deref()).and_then(wording::age),
        std_ages: stated_std_ages(r.inclusion_agemin.as_deref(), r.inclusion_agemax.as_deref()),
        ..Default::default()
    }
}

/// The criteria text with each copy once: the export joins the values of a field with `;`,
/// and writes some records' whole criteria block three or four times over, a line holding
/// only `;` between the copies (NCT00294671). Copies that differ are all kept, a blank line
/// between them instead of the `;`.
fn distinct_copies(text: &str) -> String {
    let mut copies: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == ";" {
            copies.push(&text[start..at]);
            start = at + line.len();
        }
        at += line.len();
    }
    if copies.is_empty() {
        return text.to_string();
    }
    copies.push(&text[start..]);
    let same = |a: &str, b: &str| a.split_whitespace().eq(b.split_whitespace());
    let mut kept: Vec<&str> = Vec::new();
    for c in copies {
        if !c.trim().is_empty() && !kept.iter().any(|k| same(k, c)) {
            kept.push(c.trim_end());
        }
    }
    kept.join("\n\n")
}

/// The age groups from the bounds the record states, derived as ClinicalTrials.gov's are
/// (`age::std_ages_of_stated`: "N/A" to "N/A" is every group); none when a bound is absent.
fn stated_std_ages(min: Option<&str>, max: Option<&str>) -> Vec<String> {
    let (Some(min), Some(max)) = (min, max) else {
        return Vec::new();
    };
    // The export's own forms ("18age old", "60(Year)") read as ages first.
    let read = |raw: &str| wording::age(raw).unwrap_or_else(|| raw.to_string());
    (crate::normalize::age::std_ages_of_stated(&read(min), &read(max)).iter())
        .map(|a| a.name().to_string())
        .collect()
}

/// The contacts, from the parallel `;`-separated name, e-mail and phone lists.
fn contacts(r: &Record) -> Vec<v2::Contact> {
    let split = |raw: &Option<String>| -> Vec<String> {
        let raw = raw.as_deref().unwrap_or_default();
        raw.split(';')
            .map(|p| wording::one_line(p).unwrap_or_default())
            .collect()
    };
    let (first, last) = (split(&r.contact_firstname), split(&r.contact_lastname));
    let (email, tel) = (split(&r.contact_email), split(&r.contact_tel));
    let n = [first.len(), last.len(), email.len(), tel.len()]
        .into_iter()
        .max()
        .unwrap_or(0);
    let at = |v: &[String], i: usize| v.get(i).filter(|s| !s.is_empty()).cloned();
    (0..n)
        .filter_map(|i| {
            let name = text::line(&format!(
                "{} {}",
                at(&first, i).unwrap_or_default(),
                at(&last, i).unwrap_or_default()
            ));
            let c = v2::Contact {
                name,
                role: Some("Contact".into()),
                phone: at(&tel, i),
                email: at(&email, i),
                phone_ext: None,
            };
            (c.name.is_some() || c.phone.is_some() || c.email.is_some()).then_some(c)
        })
        .collect()
}
