//! Retired ClinicalTrials.gov API v1 "full studies" JSON, as the API spelled it: a
//! `FullStudiesResponse` holding any number of studies, each with PascalCase modules,
//! `...List` wrappers around every list, and fields named after their struct
//! (`StartDate.StartDate`). Results are in [`api_v1_results`](super::api_v1_results); members the
//! model does not carry are skipped by serde and named by the reader (see `coverage.rs`).
//!
//! The v1 API served its values in the legacy XML's wording ("Non-Randomized",
//! "Anticipated", "July 2001") and its text unformatted (not Markdown).

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Result};
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

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Study {
    pub protocol_section: Option<Protocol>,
    pub derived_section: Derived,
    pub results_section: Option<super::api_v1_results::Results>,
    /// The response's `DataVrs` (when the registry produced the data: "2022:12:21
    /// 23:28:10.325"), given to each of its studies.
    #[serde(skip)]
    pub data_version: Option<String>,
    /// The members the reading skipped (`coverage.rs`).
    #[serde(skip)]
    pub unread: crate::sources::structured::coverage::Unread,
}

protocol!("PascalCase");

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Identification {
    #[serde(rename = "NCTId")]
    pub nct_id: Option<String>,
    #[serde(rename = "NCTIdAliasList")]
    pub nct_id_alias_list: NctIdAliases,
    pub org_study_id_info: OrgStudyIdInfo,
    pub organization: Option<Organization>,
    pub secondary_id_info_list: SecondaryIds,
    pub brief_title: Option<String>,
    pub official_title: Option<String>,
    pub acronym: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct OrgStudyIdInfo {
    pub org_study_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Organization {
    pub org_full_name: Option<String>,
    pub org_class: Option<String>,
}

list!(SecondaryIds, "SecondaryIdInfo", SecondaryId);
list!(NctIdAliases, "NCTIdAlias", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SecondaryId {
    pub secondary_id: Option<String>,
    pub secondary_id_domain: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct StatusModule {
    pub status_verified_date: Option<String>,
    pub overall_status: Option<String>,
    pub why_stopped: Option<String>,
    pub start_date_struct: StartDate,
    pub primary_completion_date_struct: PrimaryCompletionDate,
    pub completion_date_struct: CompletionDate,
    pub study_first_submit_date: Option<String>,
    pub study_first_post_date_struct: FirstPostDate,
    pub last_update_post_date_struct: LastUpdatePostDate,
    pub results_first_post_date_struct: ResultsFirstPostDate,
}

/// The v1 date structs name their fields after themselves (`StartDate`, `StartDateType`).
macro_rules! date_struct {
    ($name:ident, $date:literal, $kind:literal) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        pub struct $name {
            #[serde(rename = $date)]
            pub date: Option<String>,
            #[serde(rename = $kind)]
            pub kind: Option<String>,
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
    ResultsFirstPostDate,
    "ResultsFirstPostDate",
    "ResultsFirstPostDateType"
);
date_struct!(
    LastUpdatePostDate,
    "LastUpdatePostDate",
    "LastUpdatePostDateType"
);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct SponsorModule {
    pub responsible_party: Option<Party>,
    pub lead_sponsor: Option<Sponsor>,
    pub collaborator_list: Collaborators,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Party {
    pub responsible_party_type: Option<String>,
    pub responsible_party_investigator_full_name: Option<String>,
    pub responsible_party_investigator_title: Option<String>,
    pub responsible_party_investigator_affiliation: Option<String>,
    pub responsible_party_old_name_title: Option<String>,
    pub responsible_party_old_organization: Option<String>,
}

list!(Collaborators, "Collaborator", Sponsor);

/// The lead sponsor or a collaborator: one type, whose members each kind names after itself
/// (`LeadSponsorName`, `CollaboratorName`), so that one conversion serves both.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Sponsor {
    #[serde(rename = "LeadSponsorName", alias = "CollaboratorName")]
    pub name: Option<String>,
    #[serde(rename = "LeadSponsorClass", alias = "CollaboratorClass")]
    pub class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DescriptionModule {
    pub brief_summary: Option<String>,
    pub detailed_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ConditionsModule {
    pub condition_list: Conditions,
    pub keyword_list: Keywords,
}

list!(Conditions, "Condition", String);
list!(Keywords, "Keyword", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DesignModule {
    pub study_type: Option<String>,
    pub phase_list: Phases,
    pub design_info: DesignInfo,
    pub enrollment_info: Option<EnrollmentInfo>,
}

list!(Phases, "Phase", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct DesignInfo {
    pub design_allocation: Option<String>,
    pub design_intervention_model: Option<String>,
    pub design_primary_purpose: Option<String>,
    pub design_observational_model_list: ObservationalModels,
    pub design_time_perspective_list: TimePerspectives,
    pub design_masking_info: MaskingInfo,
}

list!(ObservationalModels, "DesignObservationalModel", String);
list!(TimePerspectives, "DesignTimePerspective", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct MaskingInfo {
    pub design_masking: Option<String>,
    pub design_who_masked_list: WhoMasked,
}

list!(WhoMasked, "DesignWhoMasked", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct EnrollmentInfo {
    /// A string in v1 ("63").
    pub enrollment_count: Option<String>,
    pub enrollment_type: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ArmsModule {
    pub arm_group_list: ArmGroups,
    pub intervention_list: Interventions,
}

list!(ArmGroups, "ArmGroup", ArmGroup);
list!(Interventions, "Intervention", Intervention);
list!(ArmInterventionNames, "ArmGroupInterventionName", String);
list!(ArmLabels, "InterventionArmGroupLabel", String);
list!(OtherNames, "InterventionOtherName", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ArmGroup {
    pub arm_group_label: Option<String>,
    pub arm_group_type: Option<String>,
    pub arm_group_description: Option<String>,
    pub arm_group_intervention_list: ArmInterventionNames,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Intervention {
    pub intervention_type: Option<String>,
    pub intervention_name: Option<String>,
    pub intervention_description: Option<String>,
    pub intervention_arm_group_label_list: ArmLabels,
    pub intervention_other_name_list: OtherNames,
}

/// An outcome of any of the three lists: one type, whose members each list names after its
/// kind (`PrimaryOutcomeMeasure`, `SecondaryOutcomeMeasure`), so that one conversion serves
/// all three.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Outcome {
    #[serde(
        rename = "PrimaryOutcomeMeasure",
        alias = "SecondaryOutcomeMeasure",
        alias = "OtherOutcomeMeasure"
    )]
    pub measure: Option<String>,
    #[serde(
        rename = "PrimaryOutcomeDescription",
        alias = "SecondaryOutcomeDescription",
        alias = "OtherOutcomeDescription"
    )]
    pub description: Option<String>,
    #[serde(
        rename = "PrimaryOutcomeTimeFrame",
        alias = "SecondaryOutcomeTimeFrame",
        alias = "OtherOutcomeTimeFrame"
    )]
    pub time_frame: Option<String>,
}

list!(
    Outcomes,
    "PrimaryOutcome" | "SecondaryOutcome" | "OtherOutcome",
    Outcome
);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct OutcomesModule {
    pub primary_outcome_list: Outcomes,
    pub secondary_outcome_list: Outcomes,
    pub other_outcome_list: Outcomes,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct EligibilityModule {
    pub eligibility_criteria: Option<String>,
    pub healthy_volunteers: Option<String>,
    pub gender: Option<String>,
    pub minimum_age: Option<String>,
    pub maximum_age: Option<String>,
    pub std_age_list: StdAges,
}

list!(StdAges, "StdAge", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ContactsModule {
    pub central_contact_list: CentralContacts,
    pub overall_official_list: Officials,
    pub location_list: Locations,
}

list!(CentralContacts, "CentralContact", Contact);
list!(Officials, "OverallOfficial", Official);
list!(Locations, "Location", Location);
list!(LocationContacts, "LocationContact", Contact);

/// A central contact or a site's contact: one type, whose members each kind names after
/// itself (`CentralContactName`, `LocationContactName`), so that one conversion serves both.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Contact {
    #[serde(rename = "CentralContactName", alias = "LocationContactName")]
    pub name: Option<String>,
    #[serde(rename = "CentralContactRole", alias = "LocationContactRole")]
    pub role: Option<String>,
    #[serde(rename = "CentralContactPhone", alias = "LocationContactPhone")]
    pub phone: Option<String>,
    #[serde(rename = "CentralContactPhoneExt", alias = "LocationContactPhoneExt")]
    pub phone_ext: Option<String>,
    #[serde(rename = "CentralContactEMail", alias = "LocationContactEMail")]
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Official {
    pub overall_official_name: Option<String>,
    pub overall_official_affiliation: Option<String>,
    pub overall_official_role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Location {
    pub location_facility: Option<String>,
    pub location_status: Option<String>,
    pub location_city: Option<String>,
    pub location_state: Option<String>,
    pub location_zip: Option<String>,
    pub location_country: Option<String>,
    pub location_contact_list: LocationContacts,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ReferencesModule {
    pub reference_list: References,
}

list!(References, "Reference", Reference);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Reference {
    #[serde(rename = "ReferencePMID")]
    pub reference_pmid: Option<String>,
    pub reference_type: Option<String>,
    pub reference_citation: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct Derived {
    pub condition_browse_module: ConditionBrowse,
    pub intervention_browse_module: InterventionBrowse,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ConditionBrowse {
    pub condition_mesh_list: ConditionMeshes,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct InterventionBrowse {
    pub intervention_mesh_list: InterventionMeshes,
}

list!(ConditionMeshes, "ConditionMesh", ConditionMesh);
list!(InterventionMeshes, "InterventionMesh", InterventionMesh);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct ConditionMesh {
    pub condition_mesh_term: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "PascalCase")]
pub struct InterventionMesh {
    pub intervention_mesh_term: Option<String>,
}

/// Reads a `FullStudiesResponse`: one study (or an error) per study, in response order. A
/// response cut short gives the studies before the cut and an error for the rest.
pub fn read(json: &str) -> Result<Vec<Result<Study>>> {
    let (response, cut) = match serde_json::from_str::<Envelope>(json) {
        Ok(env) => {
            let response = env.response.ok_or_else(|| {
                Error::NotAStudy("API v1 JSON without a FullStudiesResponse".into())
            })?;
            (response, None)
        }
        Err(e) => cut_response(json, e).map(|(response, cut)| (response, Some(cut)))?,
    };
    let data_version = response.data_version;
    let mut places = crate::error::Places::new(json);
    let mut studies: Vec<_> = (response.full_studies.into_iter().enumerate())
        .map(|(i, f)| {
            let place = format!("study {} of FullStudies", i + 1);
            let raw = f
                .study
                .ok_or_else(|| Error::malformed(FORMAT, format!("{place}: no Study")))?;
            let mut s =
                study(raw.get()).map_err(|e| e.within_at(places.of(raw.get()), Some(&place)))?;
            s.data_version = data_version.clone();
            Ok(s)
        })
        .collect();
    studies.extend(cut.map(Err));
    Ok(studies)
}

/// A response that could not be read whole, `e` the error: cut short with whole studies
/// before the cut, the response as far as it goes (its `DataVrs`, those studies) and the
/// cut's error (`json_list`); else the error.
fn cut_response(json: &str, e: serde_json::Error) -> Result<(Response<'_>, Error)> {
    use crate::sources::json_list;
    const RESPONSE: &str = "FullStudiesResponse";
    let Some(whole) = json_list::salvage(json, &[RESPONSE, "FullStudies"], &e) else {
        return Err(Error::json(FORMAT, e));
    };
    let full_studies: Vec<FullStudy> = match (whole.elements.iter())
        .map(|raw| serde_json::from_str(raw.get()))
        .collect()
    {
        Ok(full_studies) => full_studies,
        Err(_) => return Err(Error::json(FORMAT, e)),
    };
    let data_version = json_list::member(json, &[RESPONSE, "DataVrs"])
        .and_then(|raw| serde_json::from_str::<Option<String>>(raw.get()).ok())
        .flatten();
    let cut = json_list::cut_short(FORMAT, e, &whole, "study", "FullStudies");
    let response = Response {
        data_version,
        full_studies,
    };
    Ok((response, cut))
}

json_study_reader!(
    "API v1 study without a ProtocolSection",
    "API v1 study without an NCTId"
);
