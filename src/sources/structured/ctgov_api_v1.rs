//! Retired ClinicalTrials.gov API v1 "full studies" JSON: a `FullStudiesResponse` holding
//! any number of studies, each with PascalCase modules and `...List` wrappers. Each study is
//! read into the typed shape below, then mapped to [`Trial`]; results, annotation and
//! document sections are not in the model and are skipped by serde.
//!
//! The v1 API served its values in the legacy XML's wording ("Non-Randomized", "Anticipated",
//! "July 2001"), so the same vocabularies apply as for the XML.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::ctgov_common::{self as common, push_unique};
use crate::error::{Error, Result};
use crate::model::*;
use crate::normalize::text;
use crate::sources::Records;
use crate::Format;

const FORMAT: Format = Format::CtgovApiV1Json;

#[derive(Deserialize)]
struct Envelope<'a> {
    #[serde(rename = "FullStudiesResponse", borrow)]
    response: Option<Response<'a>>,
}

#[derive(Deserialize)]
struct Response<'a> {
    /// When the registry produced the data: "2022:12:21 23:28:10.325".
    #[serde(rename = "DataVrs")]
    data_version: Option<String>,
    #[serde(rename = "FullStudies", default, borrow)]
    full_studies: Vec<FullStudy<'a>>,
}

#[derive(Deserialize)]
struct FullStudy<'a> {
    #[serde(rename = "Study", borrow)]
    study: Option<&'a RawValue>,
}

/// `{"Items": [...]}` wrappers: the v1 API wraps every list in an object named for it.
macro_rules! list {
    ($name:ident, $key:literal, $item:ty) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        struct $name {
            #[serde(rename = $key)]
            items: Vec<$item>,
        }
    };
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Study {
    protocol_section: Option<Protocol>,
    derived_section: Derived,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Protocol {
    identification_module: Identification,
    status_module: StatusModule,
    sponsor_collaborators_module: SponsorModule,
    description_module: DescriptionModule,
    conditions_module: ConditionsModule,
    design_module: DesignModule,
    arms_interventions_module: ArmsModule,
    outcomes_module: OutcomesModule,
    eligibility_module: EligibilityModule,
    contacts_locations_module: ContactsModule,
    references_module: ReferencesModule,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Identification {
    #[serde(rename = "NCTId")]
    nct_id: Option<String>,
    org_study_id_info: OrgStudyIdInfo,
    secondary_id_info_list: SecondaryIds,
    brief_title: Option<String>,
    official_title: Option<String>,
    acronym: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct OrgStudyIdInfo {
    org_study_id: Option<String>,
}

list!(SecondaryIds, "SecondaryIdInfo", SecondaryId);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SecondaryId {
    secondary_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct StatusModule {
    status_verified_date: Option<String>,
    overall_status: Option<String>,
    why_stopped: Option<String>,
    start_date_struct: StartDate,
    primary_completion_date_struct: PrimaryCompletionDate,
    completion_date_struct: CompletionDate,
    study_first_submit_date: Option<String>,
    study_first_post_date_struct: FirstPostDate,
    last_update_post_date_struct: LastUpdatePostDate,
}

/// The v1 date structs name their fields after themselves (`StartDate`, `StartDateType`).
macro_rules! date_struct {
    ($name:ident, $date:literal, $kind:literal) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        struct $name {
            #[serde(rename = $date)]
            date: Option<String>,
            #[serde(rename = $kind)]
            kind: Option<String>,
        }
    };
}

date_struct!(StartDate, "StartDate", "StartDateType");
date_struct!(
    PrimaryCompletionDate,
    "PrimaryCompletionDate",
    "PrimaryCompletionDateType"
);
date_struct!(CompletionDate, "CompletionDate", "CompletionDateType");
date_struct!(
    FirstPostDate,
    "StudyFirstPostDate",
    "StudyFirstPostDateType"
);
date_struct!(
    LastUpdatePostDate,
    "LastUpdatePostDate",
    "LastUpdatePostDateType"
);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct SponsorModule {
    responsible_party: Option<Party>,
    lead_sponsor: Option<LeadSponsor>,
    collaborator_list: Collaborators,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Party {
    responsible_party_type: Option<String>,
    responsible_party_investigator_full_name: Option<String>,
    responsible_party_investigator_title: Option<String>,
    responsible_party_investigator_affiliation: Option<String>,
    responsible_party_old_name_title: Option<String>,
    responsible_party_old_organization: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct LeadSponsor {
    lead_sponsor_name: Option<String>,
    lead_sponsor_class: Option<String>,
}

list!(Collaborators, "Collaborator", Collaborator);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Collaborator {
    collaborator_name: Option<String>,
    collaborator_class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct DescriptionModule {
    brief_summary: Option<String>,
    detailed_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ConditionsModule {
    condition_list: Conditions,
    keyword_list: Keywords,
}

list!(Conditions, "Condition", String);
list!(Keywords, "Keyword", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct DesignModule {
    study_type: Option<String>,
    phase_list: Phases,
    design_info: DesignInfo,
    enrollment_info: Option<EnrollmentInfo>,
}

list!(Phases, "Phase", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct DesignInfo {
    design_allocation: Option<String>,
    design_intervention_model: Option<String>,
    design_primary_purpose: Option<String>,
    design_observational_model_list: ObservationalModels,
    design_time_perspective_list: TimePerspectives,
    design_masking_info: MaskingInfo,
}

list!(ObservationalModels, "DesignObservationalModel", String);
list!(TimePerspectives, "DesignTimePerspective", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct MaskingInfo {
    design_masking: Option<String>,
    design_who_masked_list: WhoMasked,
}

list!(WhoMasked, "DesignWhoMasked", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct EnrollmentInfo {
    /// A string in v1 ("63").
    enrollment_count: Option<String>,
    enrollment_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ArmsModule {
    arm_group_list: ArmGroups,
    intervention_list: Interventions,
}

list!(ArmGroups, "ArmGroup", ArmGroup);
list!(Interventions, "Intervention", V1Intervention);
list!(ArmInterventionNames, "ArmGroupInterventionName", String);
list!(ArmLabels, "InterventionArmGroupLabel", String);
list!(OtherNames, "InterventionOtherName", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ArmGroup {
    arm_group_label: Option<String>,
    arm_group_type: Option<String>,
    arm_group_description: Option<String>,
    arm_group_intervention_list: ArmInterventionNames,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct V1Intervention {
    intervention_type: Option<String>,
    intervention_name: Option<String>,
    intervention_description: Option<String>,
    intervention_arm_group_label_list: ArmLabels,
    intervention_other_name_list: OtherNames,
}

/// The v1 outcome lists name their fields after the kind (`PrimaryOutcomeMeasure`).
macro_rules! outcome_struct {
    ($name:ident, $measure:literal, $description:literal, $time:literal) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        struct $name {
            #[serde(rename = $measure)]
            measure: Option<String>,
            #[serde(rename = $description)]
            description: Option<String>,
            #[serde(rename = $time)]
            time_frame: Option<String>,
        }
    };
}

outcome_struct!(
    PrimaryOutcome,
    "PrimaryOutcomeMeasure",
    "PrimaryOutcomeDescription",
    "PrimaryOutcomeTimeFrame"
);
outcome_struct!(
    SecondaryOutcome,
    "SecondaryOutcomeMeasure",
    "SecondaryOutcomeDescription",
    "SecondaryOutcomeTimeFrame"
);
outcome_struct!(
    OtherOutcome,
    "OtherOutcomeMeasure",
    "OtherOutcomeDescription",
    "OtherOutcomeTimeFrame"
);
list!(PrimaryOutcomes, "PrimaryOutcome", PrimaryOutcome);
list!(SecondaryOutcomes, "SecondaryOutcome", SecondaryOutcome);
list!(OtherOutcomes, "OtherOutcome", OtherOutcome);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct OutcomesModule {
    primary_outcome_list: PrimaryOutcomes,
    secondary_outcome_list: SecondaryOutcomes,
    other_outcome_list: OtherOutcomes,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct EligibilityModule {
    eligibility_criteria: Option<String>,
    healthy_volunteers: Option<String>,
    gender: Option<String>,
    minimum_age: Option<String>,
    maximum_age: Option<String>,
    std_age_list: StdAges,
}

list!(StdAges, "StdAge", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ContactsModule {
    central_contact_list: CentralContacts,
    overall_official_list: Officials,
    location_list: Locations,
}

list!(CentralContacts, "CentralContact", CentralContact);
list!(Officials, "OverallOfficial", V1Official);
list!(Locations, "Location", V1Location);
list!(LocationContacts, "LocationContact", LocationContact);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct CentralContact {
    central_contact_name: Option<String>,
    central_contact_role: Option<String>,
    central_contact_phone: Option<String>,
    central_contact_phone_ext: Option<String>,
    #[serde(rename = "CentralContactEMail")]
    central_contact_email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct V1Official {
    overall_official_name: Option<String>,
    overall_official_affiliation: Option<String>,
    overall_official_role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct V1Location {
    location_facility: Option<String>,
    location_status: Option<String>,
    location_city: Option<String>,
    location_state: Option<String>,
    location_zip: Option<String>,
    location_country: Option<String>,
    location_contact_list: LocationContacts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct LocationContact {
    location_contact_name: Option<String>,
    location_contact_role: Option<String>,
    location_contact_phone: Option<String>,
    location_contact_phone_ext: Option<String>,
    #[serde(rename = "LocationContactEMail")]
    location_contact_email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ReferencesModule {
    reference_list: References,
}

list!(References, "Reference", V1Reference);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct V1Reference {
    #[serde(rename = "ReferencePMID")]
    reference_pmid: Option<String>,
    reference_type: Option<String>,
    reference_citation: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct Derived {
    condition_browse_module: ConditionBrowse,
    intervention_browse_module: InterventionBrowse,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ConditionBrowse {
    condition_mesh_list: ConditionMeshes,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct InterventionBrowse {
    intervention_mesh_list: InterventionMeshes,
}

list!(ConditionMeshes, "ConditionMesh", ConditionMesh);
list!(InterventionMeshes, "InterventionMesh", InterventionMesh);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct ConditionMesh {
    condition_mesh_term: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
struct InterventionMesh {
    intervention_mesh_term: Option<String>,
}

/// Reads a `FullStudiesResponse`, one record per study in response order.
pub fn read(json: &str) -> Result<Records> {
    let env: Envelope =
        serde_json::from_str(json).map_err(|e| Error::malformed(FORMAT, e.to_string()))?;
    let response = env
        .response
        .ok_or_else(|| Error::NotAStudy("API v1 JSON without a FullStudiesResponse".into()))?;
    let record_date = response
        .data_version
        .as_deref()
        .and_then(crate::normalize::date::iso);
    Ok(response
        .full_studies
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            // Line and column in an error are counted within the study: name its place.
            let place = |reason: String| {
                Error::malformed(FORMAT, format!("study {} of FullStudies: {reason}", i + 1))
            };
            let raw = f.study.ok_or_else(|| place("no Study".into()))?;
            let mut t = study(raw.get()).map_err(|e| match e {
                Error::Malformed { reason, .. } => place(reason),
                other => other,
            })?;
            t.source.record_date = record_date.clone();
            Ok(t)
        })
        .collect())
}

fn study(json: &str) -> Result<Trial> {
    let s: Study =
        serde_json::from_str(json).map_err(|e| Error::malformed(FORMAT, e.to_string()))?;
    let p = s
        .protocol_section
        .ok_or_else(|| Error::NotAStudy("API v1 study without a ProtocolSection".into()))?;
    map(p, s.derived_section)
}

fn lines(items: &[String]) -> Vec<String> {
    items.iter().filter_map(|i| text::line(i)).collect()
}

fn map(p: Protocol, d: Derived) -> Result<Trial> {
    let mut t = Trial::new(Registry::Ctgov, FORMAT);
    let id = &p.identification_module;
    t.ids.nct_id = text::opt_line(id.nct_id.as_deref());
    if t.ids.nct_id.is_none() {
        return Err(Error::NotAStudy("API v1 study without an NCTId".into()));
    }
    t.source.url = common::study_url(t.ids.nct_id.as_deref());
    t.ids.org_study_id = text::opt_line(id.org_study_id_info.org_study_id.as_deref());
    t.ids.secondary_ids = id
        .secondary_id_info_list
        .items
        .iter()
        .filter_map(|i| text::opt_line(i.secondary_id.as_deref()))
        .collect();
    t.titles.brief = text::opt_line(id.brief_title.as_deref());
    t.titles.official = text::opt_line(id.official_title.as_deref());
    t.titles.acronym = text::opt_line(id.acronym.as_deref());

    let st = &p.status_module;
    t.status.overall = t.enum_or_warn("status.overall", st.overall_status.as_deref());
    t.status.why_stopped = text::opt_line(st.why_stopped.as_deref());
    let s = &st.start_date_struct;
    t.status.start = common::dated(&mut t, "status.start", s.date.as_deref(), s.kind.as_deref());
    let s = &st.primary_completion_date_struct;
    t.status.primary_completion = common::dated(
        &mut t,
        "status.primary_completion",
        s.date.as_deref(),
        s.kind.as_deref(),
    );
    let s = &st.completion_date_struct;
    t.status.completion = common::dated(
        &mut t,
        "status.completion",
        s.date.as_deref(),
        s.kind.as_deref(),
    );
    t.status.first_submitted = common::iso_or_warn(
        &mut t,
        "status.first_submitted",
        st.study_first_submit_date.as_deref(),
    );
    t.status.first_posted = common::iso_or_warn(
        &mut t,
        "status.first_posted",
        st.study_first_post_date_struct.date.as_deref(),
    );
    t.status.last_updated = common::iso_or_warn(
        &mut t,
        "status.last_updated",
        st.last_update_post_date_struct.date.as_deref(),
    );
    t.status.verified = common::iso_or_warn(
        &mut t,
        "status.verified",
        st.status_verified_date.as_deref(),
    );

    let sp = &p.sponsor_collaborators_module;
    if let Some(l) = &sp.lead_sponsor {
        t.sponsors.lead = common::organization(
            &mut t,
            "sponsors.lead",
            l.lead_sponsor_name.as_deref(),
            l.lead_sponsor_class.as_deref(),
        );
    }
    for (i, c) in sp.collaborator_list.items.iter().enumerate() {
        let path = format!("sponsors.collaborators[{i}]");
        if let Some(o) = common::organization(
            &mut t,
            &path,
            c.collaborator_name.as_deref(),
            c.collaborator_class.as_deref(),
        ) {
            t.sponsors.collaborators.push(o);
        }
    }
    if let Some(r) = &sp.responsible_party {
        common::set_responsible_party(
            &mut t,
            r.responsible_party_type.as_deref(),
            r.responsible_party_investigator_full_name
                .as_deref()
                .or(r.responsible_party_old_name_title.as_deref()),
            r.responsible_party_investigator_title.as_deref(),
            r.responsible_party_investigator_affiliation
                .as_deref()
                .or(r.responsible_party_old_organization.as_deref()),
        );
    }

    t.description.brief_summary = p
        .description_module
        .brief_summary
        .as_deref()
        .and_then(text::line_paragraphs);
    t.description.detailed_description = p
        .description_module
        .detailed_description
        .as_deref()
        .and_then(text::line_paragraphs);
    t.conditions = lines(&p.conditions_module.condition_list.items);
    t.keywords = lines(&p.conditions_module.keyword_list.items);
    let condition_mesh = d
        .condition_browse_module
        .condition_mesh_list
        .items
        .iter()
        .filter_map(|m| m.condition_mesh_term.as_deref());
    let intervention_mesh = d
        .intervention_browse_module
        .intervention_mesh_list
        .items
        .iter()
        .filter_map(|m| m.intervention_mesh_term.as_deref());
    for m in condition_mesh.chain(intervention_mesh) {
        push_unique(&mut t.mesh_terms, m);
    }

    design(&mut t, &p.design_module);

    let am = &p.arms_interventions_module;
    for (i, a) in am.arm_group_list.items.iter().enumerate() {
        let kind = t.enum_or_warn(&format!("arms[{i}].type"), a.arm_group_type.as_deref());
        t.arms.push(Arm {
            label: text::opt_line(a.arm_group_label.as_deref()).unwrap_or_default(),
            kind,
            description: text::opt_line(a.arm_group_description.as_deref()),
            intervention_names: lines(&a.arm_group_intervention_list.items),
        });
    }
    for (i, iv) in am.intervention_list.items.iter().enumerate() {
        let kind = t.enum_or_warn(
            &format!("interventions[{i}].type"),
            iv.intervention_type.as_deref(),
        );
        t.interventions.push(Intervention {
            kind,
            name: text::opt_line(iv.intervention_name.as_deref()).unwrap_or_default(),
            description: text::opt_line(iv.intervention_description.as_deref()),
            other_names: lines(&iv.intervention_other_name_list.items),
            arm_labels: lines(&iv.intervention_arm_group_label_list.items),
        });
    }
    let om = &p.outcomes_module;
    let outcome =
        |kind, measure: &Option<String>, desc: &Option<String>, tf: &Option<String>| Outcome {
            kind: Some(kind),
            measure: text::opt_line(measure.as_deref()).unwrap_or_default(),
            description: text::opt_line(desc.as_deref()),
            time_frame: text::opt_line(tf.as_deref()),
            time_points: Vec::new(),
            safety_issue: None,
        };
    for o in &om.primary_outcome_list.items {
        let o = outcome(
            OutcomeKind::Primary,
            &o.measure,
            &o.description,
            &o.time_frame,
        );
        t.outcomes.push(o);
    }
    for o in &om.secondary_outcome_list.items {
        let o = outcome(
            OutcomeKind::Secondary,
            &o.measure,
            &o.description,
            &o.time_frame,
        );
        t.outcomes.push(o);
    }
    for o in &om.other_outcome_list.items {
        let o = outcome(
            OutcomeKind::Other,
            &o.measure,
            &o.description,
            &o.time_frame,
        );
        t.outcomes.push(o);
    }

    let el = &p.eligibility_module;
    t.eligibility.sex = t.enum_or_warn("eligibility.sex", el.gender.as_deref());
    t.eligibility.minimum_age =
        common::age_bound(&mut t, "eligibility.minimum_age", el.minimum_age.as_deref());
    t.eligibility.maximum_age =
        common::age_bound(&mut t, "eligibility.maximum_age", el.maximum_age.as_deref());
    for (i, a) in el.std_age_list.items.iter().enumerate() {
        if let Some(v) = t.enum_or_warn(&format!("eligibility.std_ages[{i}]"), Some(a)) {
            t.eligibility.std_ages.push(v);
        }
    }
    t.eligibility.healthy_volunteers = common::yes_no(
        &mut t,
        "eligibility.healthy_volunteers",
        el.healthy_volunteers.as_deref(),
    );
    t.eligibility.criteria_text = el.eligibility_criteria.as_deref().and_then(text::dedent);

    let cm = &p.contacts_locations_module;
    for (i, c) in cm.central_contact_list.items.iter().enumerate() {
        let c = common::contact(
            &mut t,
            &format!("contacts.central[{i}]"),
            c.central_contact_name.as_deref(),
            c.central_contact_role.as_deref(),
            c.central_contact_phone.as_deref(),
            c.central_contact_phone_ext.as_deref(),
            c.central_contact_email.as_deref(),
        );
        t.contacts.central.push(c);
    }
    for (i, o) in cm.overall_official_list.items.iter().enumerate() {
        let o = common::official(
            &mut t,
            &format!("contacts.officials[{i}]"),
            o.overall_official_name.as_deref(),
            o.overall_official_role.as_deref(),
            o.overall_official_affiliation.as_deref(),
        );
        t.contacts.officials.push(o);
    }
    for (i, l) in cm.location_list.items.iter().enumerate() {
        let status = t.enum_or_warn(&format!("sites[{i}].status"), l.location_status.as_deref());
        let contacts = l
            .location_contact_list
            .items
            .iter()
            .enumerate()
            .map(|(j, c)| {
                common::contact(
                    &mut t,
                    &format!("sites[{i}].contacts[{j}]"),
                    c.location_contact_name.as_deref(),
                    c.location_contact_role.as_deref(),
                    c.location_contact_phone.as_deref(),
                    c.location_contact_phone_ext.as_deref(),
                    c.location_contact_email.as_deref(),
                )
            })
            .collect();
        t.sites.push(Site {
            facility: text::opt_line(l.location_facility.as_deref()),
            status,
            city: text::opt_line(l.location_city.as_deref()),
            state: text::opt_line(l.location_state.as_deref()),
            zip: text::opt_line(l.location_zip.as_deref()),
            country: text::opt_line(l.location_country.as_deref()),
            country_code: None,
            contacts,
        });
    }
    for (i, r) in p.references_module.reference_list.items.iter().enumerate() {
        let kind = t.enum_or_warn(
            &format!("references[{i}].type"),
            r.reference_type.as_deref(),
        );
        t.references.push(Reference {
            citation: text::opt_line(r.reference_citation.as_deref()),
            pmid: text::opt_line(r.reference_pmid.as_deref()),
            kind,
        });
    }
    Ok(t)
}

fn design(t: &mut Trial, dm: &DesignModule) {
    t.design.study_type = t.enum_or_warn("design.study_type", dm.study_type.as_deref());
    t.set_phases(dm.phase_list.items.iter().map(String::as_str));
    let di = &dm.design_info;
    t.design.allocation = t.enum_or_warn("design.allocation", di.design_allocation.as_deref());
    t.design.intervention_model = t.enum_or_warn(
        "design.intervention_model",
        di.design_intervention_model.as_deref(),
    );
    // The lists hold one value in practice; the model holds one.
    t.design.observational_model = t.enum_or_warn(
        "design.observational_model",
        di.design_observational_model_list
            .items
            .first()
            .map(String::as_str),
    );
    t.design.time_perspective = t.enum_or_warn(
        "design.time_perspective",
        di.design_time_perspective_list
            .items
            .first()
            .map(String::as_str),
    );
    t.design.primary_purpose = t.enum_or_warn(
        "design.primary_purpose",
        di.design_primary_purpose.as_deref(),
    );
    common::set_masking_parts(
        t,
        di.design_masking_info.design_masking.as_deref(),
        &di.design_masking_info.design_who_masked_list.items,
    );
    if let Some(e) = &dm.enrollment_info {
        let raw = e
            .enrollment_count
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty());
        t.enrollment.count = raw.and_then(|v| v.parse().ok());
        if let (Some(v), None) = (raw, t.enrollment.count) {
            t.warn(
                WarningCode::BadNumber,
                "enrollment.count",
                format!("{v:?} is not a count"),
            );
        }
        if t.enrollment.count.is_some() {
            t.enrollment.kind = t.enum_or_warn("enrollment.type", e.enrollment_type.as_deref());
        }
    }
}
