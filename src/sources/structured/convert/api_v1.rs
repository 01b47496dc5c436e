//! API v1 → API v2: the same modules, PascalCase names and `...List` wrappers undone.

use super::{escape, md, md_all};
use crate::sources::structured::wire::api_v1 as v1;
use crate::sources::structured::wire::api_v2 as v2;

/// One API v1 study in the API v2 shape; the response's data version becomes the study's
/// version date.
pub fn from_api_v1(s: v1::Study) -> v2::Study {
    let p = s.protocol_section.unwrap_or_default();
    let d = s.derived_section;
    let meshes = |terms: Vec<Option<String>>| v2::BrowseModule {
        meshes: terms.into_iter().map(|term| v2::Mesh { term }).collect(),
    };
    let derived = v2::Derived {
        misc_info_module: v2::MiscInfo {
            version_holder: s.data_version,
        },
        condition_browse_module: meshes(
            (d.condition_browse_module
                .condition_mesh_list
                .items
                .into_iter())
            .map(|m| m.condition_mesh_term)
            .collect(),
        ),
        intervention_browse_module: meshes(
            (d.intervention_browse_module
                .intervention_mesh_list
                .items
                .into_iter())
            .map(|m| m.intervention_mesh_term)
            .collect(),
        ),
    };
    v2::Study {
        protocol_section: Some(protocol(p)),
        derived_section: derived,
        results_section: s.results_section.map(super::api_v1_results::results),
        unread: s.unread,
        study_version: None,
        legacy: v2::Legacy::default(),
    }
}

fn protocol(p: v1::Protocol) -> v2::Protocol {
    let c = p.conditions_module;
    v2::Protocol {
        identification_module: identification(p.identification_module),
        status_module: status(p.status_module),
        sponsor_collaborators_module: sponsors(p.sponsor_collaborators_module),
        description_module: v2::DescriptionModule {
            brief_summary: md(p.description_module.brief_summary),
            detailed_description: md(p.description_module.detailed_description),
        },
        conditions_module: v2::ConditionsModule {
            conditions: md_all(c.condition_list.items),
            keywords: md_all(c.keyword_list.items),
        },
        design_module: design(p.design_module),
        arms_interventions_module: arms(p.arms_interventions_module),
        outcomes_module: outcomes(p.outcomes_module),
        eligibility_module: eligibility(p.eligibility_module),
        contacts_locations_module: contacts(p.contacts_locations_module),
        references_module: v2::ReferencesModule {
            references: (p.references_module.reference_list.items.into_iter())
                .map(|r| v2::Reference {
                    pmid: r.reference_pmid,
                    kind: r.reference_type,
                    citation: md(r.reference_citation),
                })
                .collect(),
        },
    }
}

fn identification(id: v1::Identification) -> v2::Identification {
    v2::Identification {
        nct_id: id.nct_id,
        nct_id_aliases: id.nct_id_alias_list.items,
        org_study_id_info: v2::IdInfo {
            id: id.org_study_id_info.org_study_id,
            domain: None,
        },
        secondary_id_infos: (id.secondary_id_info_list.items.into_iter())
            .map(|i| v2::IdInfo {
                id: i.secondary_id,
                domain: i.secondary_id_domain,
            })
            .collect(),
        organization: id.organization.map(|o| v2::Organization {
            full_name: o.org_full_name,
            class: o.org_class,
        }),
        brief_title: md(id.brief_title),
        official_title: md(id.official_title),
        acronym: md(id.acronym),
    }
}

fn status(st: v1::StatusModule) -> v2::StatusModule {
    let dated = |date, kind| Some(v2::DateStruct { date, kind });
    let (start, primary, completion) = (
        st.start_date_struct,
        st.primary_completion_date_struct,
        st.completion_date_struct,
    );
    let results = st.results_first_post_date_struct;
    let (posted, updated) = (
        st.study_first_post_date_struct,
        st.last_update_post_date_struct,
    );
    v2::StatusModule {
        status_verified_date: st.status_verified_date,
        overall_status: st.overall_status,
        why_stopped: md(st.why_stopped),
        start_date_struct: dated(start.date, start.kind),
        primary_completion_date_struct: dated(primary.date, primary.kind),
        completion_date_struct: dated(completion.date, completion.kind),
        study_first_submit_date: st.study_first_submit_date,
        study_first_post_date_struct: dated(posted.date, posted.kind),
        last_update_post_date_struct: dated(updated.date, updated.kind),
        results_first_post_date_struct: results.date.is_some().then_some(v2::DateStruct {
            date: results.date,
            kind: results.kind,
        }),
    }
}

fn sponsors(sp: v1::SponsorModule) -> v2::SponsorModule {
    v2::SponsorModule {
        responsible_party: sp.responsible_party.map(|r| v2::Party {
            kind: r.responsible_party_type,
            investigator_full_name: r.responsible_party_investigator_full_name,
            investigator_title: r.responsible_party_investigator_title,
            investigator_affiliation: r.responsible_party_investigator_affiliation,
            old_name_title: r.responsible_party_old_name_title,
            old_organization: r.responsible_party_old_organization,
        }),
        lead_sponsor: sp.lead_sponsor.map(sponsor),
        collaborators: (sp.collaborator_list.items.into_iter())
            .map(sponsor)
            .collect(),
    }
}

fn sponsor(s: v1::Sponsor) -> v2::Sponsor {
    v2::Sponsor {
        name: s.name,
        class: s.class,
    }
}

fn design(dm: v1::DesignModule) -> v2::DesignModule {
    let di = dm.design_info;
    let masking = di.design_masking_info;
    v2::DesignModule {
        study_type: dm.study_type,
        phases: dm.phase_list.items,
        design_info: v2::DesignInfo {
            allocation: di.design_allocation,
            intervention_model: di.design_intervention_model,
            primary_purpose: di.design_primary_purpose,
            // The lists hold one value in practice; the model holds one.
            observational_model: di.design_observational_model_list.items.into_iter().next(),
            time_perspective: di.design_time_perspective_list.items.into_iter().next(),
            masking_info: v2::MaskingInfo {
                masking: masking.design_masking,
                who_masked: masking.design_who_masked_list.items,
            },
        },
        enrollment_info: dm.enrollment_info.map(|e| v2::EnrollmentInfo {
            count: e.enrollment_count.map(v2::Count::Text),
            kind: e.enrollment_type,
        }),
    }
}

fn arms(am: v1::ArmsModule) -> v2::ArmsModule {
    v2::ArmsModule {
        arm_groups: (am.arm_group_list.items.into_iter())
            .map(|a| v2::ArmGroup {
                label: md(a.arm_group_label),
                kind: a.arm_group_type,
                description: md(a.arm_group_description),
                intervention_names: md_all(a.arm_group_intervention_list.items),
            })
            .collect(),
        interventions: (am.intervention_list.items.into_iter())
            .map(|i| v2::Intervention {
                kind: i.intervention_type,
                name: md(i.intervention_name),
                description: md(i.intervention_description),
                arm_group_labels: md_all(i.intervention_arm_group_label_list.items),
                other_names: md_all(i.intervention_other_name_list.items),
            })
            .collect(),
    }
}

fn outcomes(om: v1::OutcomesModule) -> v2::OutcomesModule {
    let list = |l: v1::Outcomes| {
        (l.items.into_iter())
            .map(|o| v2::Outcome {
                measure: md(o.measure),
                description: md(o.description),
                time_frame: md(o.time_frame),
                safety_issue: None,
            })
            .collect()
    };
    v2::OutcomesModule {
        primary_outcomes: list(om.primary_outcome_list),
        secondary_outcomes: list(om.secondary_outcome_list),
        other_outcomes: list(om.other_outcome_list),
    }
}

fn eligibility(el: v1::EligibilityModule) -> v2::EligibilityModule {
    v2::EligibilityModule {
        eligibility_criteria: el.eligibility_criteria.map(escape),
        healthy_volunteers: el.healthy_volunteers.map(v2::YesNo::Text),
        sex: el.gender,
        minimum_age: el.minimum_age,
        maximum_age: el.maximum_age,
        std_ages: el.std_age_list.items,
    }
}

fn contacts(cm: v1::ContactsModule) -> v2::ContactsModule {
    v2::ContactsModule {
        central_contacts: (cm.central_contact_list.items.into_iter())
            .map(contact)
            .collect(),
        overall_officials: (cm.overall_official_list.items.into_iter())
            .map(|o| v2::Official {
                name: o.overall_official_name,
                affiliation: o.overall_official_affiliation,
                role: o.overall_official_role,
            })
            .collect(),
        locations: cm.location_list.items.into_iter().map(location).collect(),
    }
}

fn location(l: v1::Location) -> v2::Location {
    v2::Location {
        facility: l.location_facility,
        status: l.location_status,
        city: l.location_city,
        state: l.location_state,
        zip: l.location_zip,
        country: l.location_country,
        contacts: (l.location_contact_list.items.into_iter())
            .map(contact)
            .collect(),
    }
}

fn contact(c: v1::Contact) -> v2::Contact {
    v2::Contact {
        name: c.name,
        role: c.role,
        phone: c.phone,
        phone_ext: c.phone_ext,
        email: c.email,
    }
}
