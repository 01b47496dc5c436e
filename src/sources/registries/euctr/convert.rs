//! One EU CTR member-state protocol record → the API v2 shape, field code by field code.
//! The English fields are read; the second-language copies some member states add are the
//! same fields translated and are left out.

use super::wire::Record;
use crate::model::{IdRegistry, InterventionType, RegistryId, StdAge, WarningCode};
use crate::normalize::enums::Vocab;
use crate::normalize::{registry_ids, text};
use crate::sources::registries::{wording, Converted};
use crate::sources::structured::convert::{escape, md};
use crate::sources::structured::wire::api_v2 as v2;

/// The record in the API v2 shape, with its EudraCT number as its own.
pub fn convert(r: &Record) -> Converted {
    let mut out = Converted {
        own_id: eudract(r),
        ..Converted::default()
    };
    let p = v2::Protocol {
        identification_module: identification(r),
        status_module: status(r),
        sponsor_collaborators_module: sponsors(r),
        description_module: v2::DescriptionModule {
            brief_summary: objectives(r),
            detailed_description: None,
        },
        conditions_module: v2::ConditionsModule {
            conditions: (r.get("E.1.1").or(r.get("E.1.1.1")))
                .and_then(text::line)
                .map(escape)
                .into_iter()
                .collect(),
            keywords: Vec::new(),
        },
        design_module: design(r, &mut out),
        arms_interventions_module: v2::ArmsModule {
            arm_groups: Vec::new(),
            interventions: products(r),
        },
        outcomes_module: v2::OutcomesModule {
            primary_outcomes: end_point(r, "E.5.1", "E.5.1.1"),
            secondary_outcomes: end_point(r, "E.5.2", "E.5.2.1"),
            other_outcomes: Vec::new(),
        },
        eligibility_module: eligibility(r),
        contacts_locations_module: contacts(r),
        references_module: v2::ReferencesModule::default(),
    };
    let url = r.summary("Link").and_then(text::line);
    out.study = v2::Study::of_protocol(p, url);
    out
}

/// A field's value on one line.
fn line(r: &Record, code: &str) -> Option<String> {
    r.get(code).and_then(text::line)
}

/// The value of the field with `code` whose label starts with `label` (the N. and P.
/// fields share their code).
fn labelled<'a>(r: &'a Record, code: &str, label: &str) -> Option<&'a str> {
    (r.fields.iter())
        .find(|f| f.code == code && f.lang.is_none() && f.label.starts_with(label))
        .map(|f| f.value.trim())
        .filter(|v| !v.is_empty())
}

fn identification(r: &Record) -> v2::Identification {
    // A.5.1 ISRCTN, A.5.2 US NCT number, A.5.3 WHO UTN, A.5.4 other identifiers.
    let secondary: Vec<String> = ["A.5.1", "A.5.2", "A.5.3", "A.5.4"]
        .into_iter()
        .flat_map(|c| r.all(c))
        .filter_map(text::line)
        .collect();
    let nct_id = (r.get("A.5.2").map(registry_ids::recognize))
        .and_then(|ids| ids.into_iter().find(|i| i.registry == IdRegistry::Ctgov))
        .map(|i| i.id);
    let short = line(r, "A.3.2");
    v2::Identification {
        nct_id,
        org_study_id_info: v2::IdInfo {
            id: line(r, "A.4.1").or(r
                .summary("Sponsor's Protocol Code Number")
                .map(String::from)),
            ..Default::default()
        },
        secondary_id_infos: secondary.into_iter().map(v2::IdInfo::from).collect(),
        organization: None,
        brief_title: md(line(r, "A.3.1").or(short.clone())),
        official_title: md(line(r, "A.3")),
        // The abbreviated title is an acronym where it is one word ("KEYNOTE-189").
        acronym: md(short.filter(|s| !s.contains(' '))),
        ..Default::default()
    }
}

fn status(r: &Record) -> v2::StatusModule {
    let ended = labelled(r, "P.", "Date of the global end of the trial");
    v2::StatusModule {
        overall_status: (labelled(r, "P.", "End of Trial Status").or(r.summary("Trial Status")))
            .and_then(text::line),
        completion_date_struct: ended.map(|d| v2::DateStruct {
            date: Some(d.to_string()),
            kind: Some("Actual".into()),
        }),
        study_first_submit_date: r
            .summary("Date on which this record was first entered in the EudraCT database")
            .map(String::from),
        ..Default::default()
    }
}

/// The sponsors in order (each opens with B.1.1), with their commercial status.
fn sponsors(r: &Record) -> v2::SponsorModule {
    let mut all: Vec<v2::Sponsor> = Vec::new();
    for f in r.fields.iter().filter(|f| f.lang.is_none()) {
        match f.code.as_str() {
            "B.1.1" => all.push(v2::Sponsor {
                name: text::line(&f.value),
                class: None,
            }),
            "B.3.1 and B.3.2" => {
                if let Some(s) = all.last_mut() {
                    s.class = text::line(&f.value);
                }
            }
            _ => {}
        }
    }
    let mut all = all.into_iter();
    v2::SponsorModule {
        lead_sponsor: all.next(),
        collaborators: all.collect(),
        responsible_party: None,
    }
}

/// The main and secondary objectives, with the register's labels: the trial's summary.
fn objectives(r: &Record) -> Option<String> {
    let paras: Vec<String> = [
        ("E.2.1", "Main objective"),
        ("E.2.2", "Secondary objectives"),
    ]
    .into_iter()
    .filter_map(|(code, label)| Some(format!("{label}: {}", line(r, code)?)))
    .collect();
    (!paras.is_empty()).then(|| escape(paras.join("\n")))
}

fn design(r: &Record, out: &mut Converted) -> v2::DesignModule {
    let flag = |code: &str, label: &str| {
        let v = text::squash(r.get(code).unwrap_or_default());
        matches!(v.as_str(), "yes" | "no").then(|| (label.to_string(), v == "yes"))
    };
    // The labels of the boxes ticked "yes".
    let ticked = |boxes: &[(&str, &str)]| -> Vec<String> {
        (boxes.iter())
            .filter_map(|(code, label)| flag(code, label).filter(|(_, yes)| *yes))
            .map(|(label, _)| label)
            .collect()
    };
    let phases = ticked(&[
        ("E.7.1", "Human pharmacology (Phase I)"),
        ("E.7.2", "Therapeutic exploratory (Phase II)"),
        ("E.7.3", "Therapeutic confirmatory (Phase III)"),
        ("E.7.4", "Therapeutic use (Phase IV)"),
    ]);
    let flags: Vec<(String, bool)> = [
        ("E.8.1.1", "Randomised"),
        ("E.8.1.2", "Open"),
        ("E.8.1.3", "Single blind"),
        ("E.8.1.4", "Double blind"),
        ("E.8.1.5", "Parallel group"),
        ("E.8.1.6", "Cross over"),
    ]
    .into_iter()
    .filter_map(|(code, label)| flag(code, label))
    .collect();
    let mut info = v2::DesignInfo::default();
    wording::eu_design(&mut info, &flags);
    let scopes = ticked(&[
        ("E.6.1", "Diagnosis"),
        ("E.6.2", "Prophylaxis"),
        ("E.6.3", "Therapy"),
    ]);
    match scopes.as_slice() {
        [one] => info.primary_purpose = Some(one.clone()),
        [] => {}
        several => out.note(
            WarningCode::UnmappedEnum,
            crate::model::paths::DESIGN_PRIMARY_PURPOSE,
            format!(
                "the scope of the trial (E.6) is {}: no one primary purpose",
                several.join(" and ")
            ),
        ),
    }
    // F.4.2.2 for a multinational trial, else the member state's own number (F.4.1).
    let planned = r.get("F.4.2.2").or(r.get("F.4.1"));
    v2::DesignModule {
        // The register holds clinical trials of medicinal products only (its type: "EEA
        // CTA", "Outside EU/EEA").
        study_type: r.summary("Clinical Trial Type").map(String::from),
        phases,
        design_info: info,
        enrollment_info: planned.map(|n| v2::EnrollmentInfo {
            count: Some(v2::Count::Text(n.to_string())),
            kind: Some("Planned".into()),
        }),
    }
}

/// The investigational products (each opens with D.IMP), then the placebo if one is used.
fn products(r: &Record) -> Vec<v2::Intervention> {
    let mut blocks: Vec<Vec<&super::wire::Field>> = Vec::new();
    let mut placebo = false;
    for f in r.fields.iter().filter(|f| f.lang.is_none()) {
        if f.code == "D.IMP" {
            blocks.push(Vec::new());
        } else if f.code == "D.8.1" && text::squash(&f.value) == "yes" {
            placebo = true;
        } else if f.code.starts_with("D.") && !f.code.starts_with("D.8") {
            if let Some(b) = blocks.last_mut() {
                b.push(f);
            }
        }
    }
    let mut out: Vec<v2::Intervention> = blocks.iter().filter_map(|b| product(b)).collect();
    let mut seen = std::collections::HashSet::new();
    out.retain(|i| seen.insert(i.name.clone()));
    if placebo {
        out.push(v2::Intervention {
            kind: Some("Placebo".into()),
            name: Some("Placebo".into()),
            ..Default::default()
        });
    }
    out
}

/// The origin flags (D.3.11) that name a product's kind, most specific first.
const ORIGINS: [&str; 7] = [
    "D.3.11.3.2",
    "D.3.11.3.1",
    "D.3.11.3.3",
    "D.3.11.6",
    "D.3.11.7",
    "D.3.11.2",
    "D.3.11.1",
];

fn product(block: &[&super::wire::Field]) -> Option<v2::Intervention> {
    let get = |code: &str| {
        (block.iter())
            .find(|f| f.code == code)
            .and_then(|f| text::line(&f.value))
    };
    let name = ["D.3.1", "D.2.1.1.1", "D.3.8", "D.3.2"]
        .into_iter()
        .find_map(get)?;
    let mut other_names: Vec<String> = Vec::new();
    for v in ["D.2.1.1.1", "D.3.2", "D.3.8", "D.3.9.2", "D.3.9.3"]
        .into_iter()
        .filter_map(get)
    {
        if !v.eq_ignore_ascii_case(&name) && !other_names.iter().any(|n| n.eq_ignore_ascii_case(&v))
        {
            other_names.push(v);
        }
    }
    // The kind as the register words it (the label of the first origin flag that says
    // yes), read by the mapper.
    let kind = ORIGINS.into_iter().find_map(|code| {
        let f = block.iter().find(|f| f.code == code)?;
        (text::squash(&f.value) == "yes").then(|| f.label.clone())
    });
    let described: Vec<String> = [
        ("D.1.2 and D.1.3", "IMP role"),
        ("D.3.4", "Pharmaceutical form"),
        ("D.3.7", "Route"),
    ]
    .into_iter()
    .filter_map(|(code, label)| Some(format!("{label}: {}", get(code)?)))
    .collect();
    Some(v2::Intervention {
        kind: kind.filter(|k| InterventionType::from_words(k).is_some()),
        name: Some(escape(name)),
        description: (!described.is_empty()).then(|| escape(described.join("; "))),
        other_names: other_names.into_iter().map(escape).collect(),
        arm_group_labels: Vec::new(),
    })
}

/// Text some member states hard-wrap mid-sentence, its wrapped lines joined: a line that
/// starts no item (no number, letter or bullet before it) continues a line before it that
/// ends no sentence (no `.`, `;` or `:` at its end).
fn unwrapped(text: &str) -> String {
    static ITEM: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"^\s*(?:\d{1,2}[.)]|[a-z][.)]\s|[-•*o·]\s|[ivx]+[.)])").expect("valid")
    });
    let mut out = String::new();
    let mut last = "";
    for line in text.lines() {
        let ends = last.trim_end().ends_with(['.', ';', ':']) || last.trim().is_empty();
        if !out.is_empty() && !ends && !line.trim().is_empty() && !ITEM.is_match(line) {
            out.push(' ');
            out.push_str(line.trim());
        } else {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(line);
        }
        last = line;
    }
    out
}

fn end_point(r: &Record, code: &str, timepoints: &str) -> Vec<v2::Outcome> {
    let Some(measure) = r.get(code).and_then(text::line) else {
        return Vec::new();
    };
    vec![v2::Outcome {
        measure: Some(escape(measure)),
        description: None,
        time_frame: md(line(r, timepoints)),
        safety_issue: None,
    }]
}

fn eligibility(r: &Record) -> v2::EligibilityModule {
    let criteria: Vec<String> = [
        ("E.3", "Inclusion criteria:"),
        ("E.4", "Exclusion criteria:"),
    ]
    .into_iter()
    .filter_map(|(code, heading)| Some(format!("{heading}\n{}", unwrapped(r.get(code)?))))
    .collect();
    let sex = match (r.get("F.2.1"), r.get("F.2.2")) {
        (None, None) => None,
        (f, m) => Some(format!(
            "Female: {} Male: {}",
            f.unwrap_or_default(),
            m.unwrap_or_default()
        )),
    };
    // The age groups that say yes, in the register's words, each group once.
    let mut groups: Vec<(StdAge, String)> = Vec::new();
    for f in r
        .fields
        .iter()
        .filter(|f| f.lang.is_none() && f.code.starts_with("F.1."))
    {
        if text::squash(&f.value) != "yes" {
            continue;
        }
        if let Some(age) = StdAge::from_words(&f.label) {
            if !groups.iter().any(|(a, _)| *a == age) {
                groups.push((age, f.label.clone()));
            }
        }
    }
    groups.sort_by_key(|(a, _)| *a);
    v2::EligibilityModule {
        eligibility_criteria: (!criteria.is_empty()).then(|| escape(criteria.join("\n\n"))),
        healthy_volunteers: r.get("F.3.1").map(|v| v2::YesNo::Text(v.to_string())),
        sex,
        minimum_age: None,
        maximum_age: None,
        std_ages: groups.into_iter().map(|(_, l)| l).collect(),
    }
}

/// The sponsor's contact point, and the countries: the member state concerned (with its
/// status there) and the countries the trial plans sites in (E.8.6.3).
fn contacts(r: &Record) -> v2::ContactsModule {
    let contact = v2::Contact {
        name: line(r, "B.5.2").or(line(r, "B.5.1")),
        role: Some("Contact".into()),
        phone: line(r, "B.5.4"),
        phone_ext: None,
        email: line(r, "B.5.6"),
    };
    let has_contact = contact.name.is_some() || contact.email.is_some() || contact.phone.is_some();
    let member_state = (r.get("A.1").or(r.summary("National Competent Authority")))
        .map(|m| m.split(" - ").next().unwrap_or(m).trim().to_string());
    let mut countries: Vec<String> = member_state.iter().cloned().collect();
    for c in r
        .get("E.8.6.3")
        .unwrap_or_default()
        .lines()
        .filter_map(text::line)
    {
        if !countries.contains(&c) {
            countries.push(c);
        }
    }
    v2::ContactsModule {
        central_contacts: has_contact.then_some(contact).into_iter().collect(),
        overall_officials: Vec::new(),
        locations: (countries.into_iter())
            .map(|country| v2::Location {
                country: Some(country),
                ..Default::default()
            })
            .collect(),
    }
}

/// The record's EudraCT number (A.2, else the summary's).
pub fn eudract(r: &Record) -> Option<RegistryId> {
    (r.get("A.2").or(r.summary("EudraCT Number")))
        .and_then(registry_ids::parse)
        .filter(|id| id.registry == IdRegistry::Eudract)
}
