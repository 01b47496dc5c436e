//! Legacy XML → API v2: flat elements gathered into v2's modules, the one-line design text
//! split into its fields, people's name parts joined, wrapped textblocks unwrapped.

use super::{escape, md, md_all};
use crate::normalize::enums::Vocab;
use crate::normalize::{age, design, text};
use crate::sources::structured::wire::api_v2 as v2;
use crate::sources::structured::wire::ctgov_xml as xml;

/// One `<clinical_study>` in the API v2 shape.
pub fn from_ctgov_xml(mut s: xml::ClinicalStudy) -> v2::Study {
    let mut legacy = v2::Legacy {
        url: s.required_header.url.take(),
        ..Default::default()
    };
    let design_module = design_module(&mut s, &mut legacy);
    // "ClinicalTrials.gov processed this data on May 11, 2018"
    let version = (s.required_header.download_date.take()).map(|d| {
        d.rsplit_once(" on ")
            .map_or(d.clone(), |(_, d)| d.to_string())
    });
    let meshes = |terms: Vec<String>| v2::BrowseModule {
        meshes: terms
            .into_iter()
            .map(|t| v2::Mesh { term: Some(t) })
            .collect(),
    };
    let derived = v2::Derived {
        misc_info_module: v2::MiscInfo {
            version_holder: version,
        },
        condition_browse_module: meshes(std::mem::take(&mut s.condition_browse.mesh_term)),
        intervention_browse_module: meshes(std::mem::take(&mut s.intervention_browse.mesh_term)),
    };
    let results_posted = s.results_first_posted.take();
    let mut protocol = v2::Protocol {
        identification_module: identification(&mut s),
        status_module: status(&mut s),
        sponsor_collaborators_module: sponsors(&mut s),
        description_module: v2::DescriptionModule {
            // Wrapped at a fixed width: the lines of a paragraph are joined here.
            brief_summary: unwrapped(s.brief_summary.take()),
            detailed_description: unwrapped(s.detailed_description.take()),
        },
        conditions_module: v2::ConditionsModule {
            conditions: md_all(std::mem::take(&mut s.condition)),
            keywords: md_all(std::mem::take(&mut s.keyword)),
        },
        design_module,
        arms_interventions_module: arms(&mut s),
        outcomes_module: outcomes(&mut s),
        eligibility_module: eligibility(std::mem::take(&mut s.eligibility)),
        contacts_locations_module: contacts(&mut s),
        references_module: references(&mut s),
    };
    protocol.status_module.results_first_post_date_struct =
        results_posted.map(|d| v2::DateStruct {
            date: d.value,
            kind: d.kind,
        });
    v2::Study {
        protocol_section: Some(protocol),
        derived_section: derived,
        results_section: s
            .clinical_results
            .take()
            .map(super::ctgov_xml_results::results),
        legacy,
        unread: std::mem::take(&mut s.unread),
        study_version: None,
    }
}

/// A hard-wrapped textblock as paragraphs, one line each.
fn unwrapped(block: Option<xml::TextBlock>) -> Option<String> {
    md(block
        .as_ref()
        .and_then(|b| b.get())
        .and_then(text::paragraphs))
}

fn identification(s: &mut xml::ClinicalStudy) -> v2::Identification {
    let id = std::mem::take(&mut s.id_info);
    v2::Identification {
        nct_id: id.nct_id,
        nct_id_aliases: id.nct_alias,
        org_study_id_info: v2::IdInfo {
            id: id.org_study_id,
            domain: None,
        },
        secondary_id_infos: (id.secondary_id.into_iter())
            .map(v2::IdInfo::from)
            .collect(),
        // `<source>`: who provides the record.
        organization: s.source.take().map(|name| v2::Organization {
            full_name: Some(name),
            class: None,
        }),
        brief_title: md(s.brief_title.take()),
        official_title: md(s.official_title.take()),
        acronym: md(s.acronym.take()),
    }
}

fn status(s: &mut xml::ClinicalStudy) -> v2::StatusModule {
    let dated = |d: Option<xml::Typed>| {
        d.map(|d| v2::DateStruct {
            date: d.value,
            kind: d.kind,
        })
    };
    // Each date under its newer name, else its older one.
    let updated = (s.last_update_posted.take().and_then(|d| d.value)).or(s.lastchanged_date.take());
    v2::StatusModule {
        status_verified_date: s.verification_date.take(),
        overall_status: s.overall_status.take(),
        why_stopped: md(s.why_stopped.take()),
        start_date_struct: dated(s.start_date.take()),
        primary_completion_date_struct: dated(s.primary_completion_date.take()),
        completion_date_struct: dated(s.completion_date.take()),
        study_first_submit_date: s
            .study_first_submitted
            .take()
            .or(s.firstreceived_date.take()),
        study_first_post_date_struct: dated(s.study_first_posted.take()),
        last_update_post_date_struct: Some(v2::DateStruct {
            date: updated,
            kind: None,
        }),
        results_first_post_date_struct: None,
    }
}

fn sponsors(s: &mut xml::ClinicalStudy) -> v2::SponsorModule {
    let sponsor = |a: xml::Agency| v2::Sponsor {
        name: a.agency,
        class: a.agency_class,
    };
    let sp = std::mem::take(&mut s.sponsors);
    v2::SponsorModule {
        responsible_party: s.responsible_party.take().map(|r| v2::Party {
            kind: r.responsible_party_type,
            investigator_full_name: r.investigator_full_name,
            investigator_title: r.investigator_title,
            investigator_affiliation: r.investigator_affiliation,
            old_name_title: r.name_title,
            old_organization: r.organization,
        }),
        lead_sponsor: sp.lead_sponsor.map(sponsor),
        collaborators: sp.collaborator.into_iter().map(sponsor).collect(),
    }
}

/// Study type, phase, enrollment and the design fields, from the one-line `<study_design>`
/// ("Allocation: Randomized, Masking: Double Blind (Subject), ...", or its values alone in
/// the older downloads) and the newer `<study_design_info>` elements, the later overriding.
fn design_module(s: &mut xml::ClinicalStudy, legacy: &mut v2::Legacy) -> v2::DesignModule {
    let mut study_type = s.study_type.take();
    let mut info = v2::DesignInfo::default();
    let line = s.study_design.take().unwrap_or_default();
    let elements = s.study_design_info.take().unwrap_or_default();
    let elements = [
        ("Allocation", elements.allocation),
        ("Intervention Model", elements.intervention_model),
        ("Observational Model", elements.observational_model),
        ("Time Perspective", elements.time_perspective),
        ("Masking", elements.masking),
        ("Primary Purpose", elements.primary_purpose),
    ]
    .into_iter()
    .filter_map(|(key, v)| Some((key, v.filter(|v| !v.trim().is_empty())?)));
    let pairs = design::design_pairs(&line);
    // The downloads of 2007–2010 wrote the values alone ("Treatment, Randomized, Open Label,
    // Uncontrolled, Parallel Assignment, Safety/Efficacy Study"); "N/A" alone (withheld device
    // records) says there is no design, not that allocation is N/A.
    if pairs.is_empty() && !design::names_no_design(&line) {
        let (values, endpoint, unread) = super::design_info(design::wording(&line));
        info = values;
        legacy.endpoint_classification = endpoint;
        legacy.design_unread = unread;
    }
    for (key, value) in pairs.into_iter().chain(elements) {
        let slot = match key {
            "Allocation" => &mut info.allocation,
            "Endpoint Classification" => &mut legacy.endpoint_classification,
            "Intervention Model" => &mut info.intervention_model,
            "Observational Model" => &mut info.observational_model,
            "Time Perspective" => &mut info.time_perspective,
            // The whole wording: its roles are counted by the masking reader.
            "Masking" => &mut info.masking_info.masking,
            "Primary Purpose" => &mut info.primary_purpose,
            "Study Type" => &mut study_type,
            _ => continue,
        };
        *slot = Some(value);
    }
    v2::DesignModule {
        study_type,
        phases: (s.phase.take().filter(|p| !p.trim().is_empty()))
            .into_iter()
            .collect(),
        design_info: info,
        enrollment_info: s.enrollment.take().map(|e| v2::EnrollmentInfo {
            count: e.value.map(v2::Count::Text),
            kind: e.kind,
        }),
    }
}

fn arms(s: &mut xml::ClinicalStudy) -> v2::ArmsModule {
    v2::ArmsModule {
        arm_groups: (std::mem::take(&mut s.arm_group).into_iter())
            .map(|a| v2::ArmGroup {
                label: md(a.arm_group_label),
                kind: a.arm_group_type,
                description: md(a.description),
                intervention_names: Vec::new(),
            })
            .collect(),
        interventions: (std::mem::take(&mut s.intervention).into_iter())
            .map(|i| v2::Intervention {
                kind: i.intervention_type,
                name: md(i.intervention_name),
                description: md(i.description),
                arm_group_labels: md_all(i.arm_group_label),
                other_names: md_all(i.other_name),
            })
            .collect(),
    }
}

fn outcomes(s: &mut xml::ClinicalStudy) -> v2::OutcomesModule {
    let list = |list: Vec<xml::Outcome>| {
        (list.into_iter())
            .map(|o| v2::Outcome {
                measure: md(o.measure),
                description: md(o.description),
                time_frame: md(o.time_frame),
                safety_issue: o.safety_issue.map(v2::YesNo::Text),
            })
            .collect()
    };
    v2::OutcomesModule {
        primary_outcomes: list(std::mem::take(&mut s.primary_outcome)),
        secondary_outcomes: list(std::mem::take(&mut s.secondary_outcome)),
        other_outcomes: list(std::mem::take(&mut s.other_outcome)),
    }
}

fn eligibility(e: xml::Eligibility) -> v2::EligibilityModule {
    // The XML states both bounds always, "N/A" for none: the registry's age groups follow
    // from them even when neither is set (no bound: every group).
    let std_ages = match (&e.minimum_age, &e.maximum_age) {
        (Some(min), Some(max)) => (age::std_ages_of_stated(min, max).iter())
            .map(|a| a.name().to_string())
            .collect(),
        _ => Vec::new(),
    };
    v2::EligibilityModule {
        eligibility_criteria: e
            .criteria
            .as_ref()
            .and_then(|c| c.get())
            .map(|c| escape(c.to_string())),
        healthy_volunteers: e.healthy_volunteers.map(v2::YesNo::Text),
        sex: e.gender,
        minimum_age: e.minimum_age,
        maximum_age: e.maximum_age,
        std_ages,
    }
}

/// A person as the XML names one (officials, contacts, site investigators): the registry
/// puts the whole name, degrees included, in `last_name`; the schema's separate parts are
/// joined where a file uses them.
fn name(p: &xml::Person) -> Option<String> {
    let parts: Vec<&str> = [&p.first_name, &p.middle_name, &p.last_name]
        .into_iter()
        .filter_map(|p| p.as_deref())
        .collect();
    let name = text::line(&parts.join(" "))?;
    Some(match text::opt_line(p.degrees.as_deref()) {
        Some(d) => format!("{name}, {d}"),
        None => name,
    })
}

/// A contact from a person element; `role` is the role the element implies when it names
/// none (`<contact>` is a contact, `<investigator>` says its role).
fn contact(p: xml::Person, role: Option<&str>) -> v2::Contact {
    v2::Contact {
        name: name(&p),
        role: p.role.or(role.map(String::from)),
        phone: p.phone,
        phone_ext: p.phone_ext,
        email: p.email,
    }
}

fn contacts(s: &mut xml::ClinicalStudy) -> v2::ContactsModule {
    let central = [s.overall_contact.take(), s.overall_contact_backup.take()];
    v2::ContactsModule {
        central_contacts: (central.into_iter().flatten())
            .map(|p| contact(p, Some("Contact")))
            .collect(),
        overall_officials: (std::mem::take(&mut s.overall_official).into_iter())
            .map(|p| v2::Official {
                name: name(&p),
                affiliation: p.affiliation,
                role: p.role,
            })
            .collect(),
        locations: (std::mem::take(&mut s.location).into_iter())
            .map(location)
            .collect(),
    }
}

fn location(l: xml::Location) -> v2::Location {
    let people = [l.contact, l.contact_backup]
        .into_iter()
        .flatten()
        .map(|p| contact(p, Some("Contact")))
        .chain(l.investigator.into_iter().map(|p| contact(p, None)));
    let a = l.facility.address;
    v2::Location {
        facility: l.facility.name,
        status: l.status,
        city: a.city,
        state: a.state,
        zip: a.zip,
        country: a.country,
        contacts: people.collect(),
    }
}

/// `<reference>` (of no stated type) and `<results_reference>` (a RESULT).
fn references(s: &mut xml::ClinicalStudy) -> v2::ReferencesModule {
    let typed = |list: Vec<xml::Reference>, kind: Option<&'static str>| {
        list.into_iter().map(move |r| v2::Reference {
            pmid: r.pmid,
            kind: kind.map(String::from),
            citation: md(r.citation),
        })
    };
    let background = typed(std::mem::take(&mut s.reference), None);
    let results = typed(std::mem::take(&mut s.results_reference), Some("RESULT"));
    v2::ReferencesModule {
        references: background.chain(results).collect(),
    }
}
