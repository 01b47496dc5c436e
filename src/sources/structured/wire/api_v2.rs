//! ClinicalTrials.gov API v2 study JSON, as the API spells it: one study object
//! (`protocolSection`, `derivedSection`, …), a search page `{"studies": [...],
//! "nextPageToken": ...}`, a bare array of studies, or JSON Lines of either (what `trialnorm
//! fetch --raw` writes).
//!
//! This is also the one shape the mapper reads: the API v1 and legacy XML wire types are
//! converted into it (`convert.rs`). Three things make that possible without reshaping:
//! text is Markdown here (the converters escape plain text), a few scalars accept the text
//! older formats wrote ([`YesNo`], [`Count`]), and [`Legacy`] holds the facts only older
//! formats state (never read from v2 JSON).
//!
//! The results section's types are in [`api_v2_results`](super::api_v2_results). Members
//! the model does not carry are skipped by serde and named by the reader (see
//! `coverage.rs`): each is either declared there, with the reason, or reported in a
//! `not-carried` warning.

use serde::Deserialize;
use serde_json::value::RawValue;

use crate::error::{Error, Places, Result};
use crate::sources::structured::coverage::Unread;
use crate::Format;

const FORMAT: Format = Format::CtgovApiV2Json;

/// One study.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Study {
    pub protocol_section: Option<Protocol>,
    pub derived_section: Derived,
    /// Posted results (participant flow, baseline, outcome measures, adverse events).
    pub results_section: Option<super::api_v2_results::Results>,
    /// What only the legacy formats state; empty for v2 JSON.
    #[serde(skip)]
    pub legacy: Legacy,
    /// The members the reading skipped (`coverage.rs`).
    #[serde(skip)]
    pub unread: Unread,
    /// The version number of a record-history version (`{"studyVersion": N, "study": …}`).
    #[serde(skip)]
    pub study_version: Option<u32>,
}

impl Study {
    /// A study of a protocol section and the record's link, as a registry reader builds it.
    pub fn of_protocol(protocol: Protocol, url: Option<String>) -> Self {
        Study {
            protocol_section: Some(protocol),
            legacy: Legacy {
                url,
                ..Default::default()
            },
            ..Default::default()
        }
    }
}

/// Facts the legacy XML states that API v2 does not carry.
#[derive(Debug, Default)]
pub struct Legacy {
    /// `required_header/url`: the record's own link.
    pub url: Option<String>,
    /// The "Endpoint Classification" of the old one-line design text.
    pub endpoint_classification: Option<String>,
    /// Values of the old unlabelled design text that name no design field ("Uncontrolled",
    /// "Placebo Control": the kind of control, which API v2 does not keep).
    pub design_unread: Vec<String>,
}

protocol!("camelCase");

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Identification {
    pub nct_id: Option<String>,
    /// Older NCT ids merged into this one.
    pub nct_id_aliases: Vec<String>,
    pub org_study_id_info: IdInfo,
    pub secondary_id_infos: Vec<IdInfo>,
    /// The organization that provides the record (the legacy XML's `<source>`).
    pub organization: Option<Organization>,
    pub brief_title: Option<String>,
    pub official_title: Option<String>,
    pub acronym: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IdInfo {
    pub id: Option<String>,
    /// Who issued a secondary id ("ISRCTN", "UK Medical Research Council").
    pub domain: Option<String>,
}

/// An id whose issuer is not named.
impl From<String> for IdInfo {
    fn from(id: String) -> Self {
        IdInfo {
            id: Some(id),
            domain: None,
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Organization {
    pub full_name: Option<String>,
    pub class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct DateStruct {
    pub date: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct StatusModule {
    pub status_verified_date: Option<String>,
    pub overall_status: Option<String>,
    pub why_stopped: Option<String>,
    pub start_date_struct: Option<DateStruct>,
    pub primary_completion_date_struct: Option<DateStruct>,
    pub completion_date_struct: Option<DateStruct>,
    pub study_first_submit_date: Option<String>,
    pub study_first_post_date_struct: Option<DateStruct>,
    pub last_update_post_date_struct: Option<DateStruct>,
    pub results_first_post_date_struct: Option<DateStruct>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SponsorModule {
    pub responsible_party: Option<Party>,
    pub lead_sponsor: Option<Sponsor>,
    pub collaborators: Vec<Sponsor>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Party {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub investigator_full_name: Option<String>,
    pub investigator_title: Option<String>,
    pub investigator_affiliation: Option<String>,
    pub old_name_title: Option<String>,
    pub old_organization: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Sponsor {
    pub name: Option<String>,
    pub class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DescriptionModule {
    pub brief_summary: Option<String>,
    pub detailed_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ConditionsModule {
    pub conditions: Vec<String>,
    pub keywords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DesignModule {
    pub study_type: Option<String>,
    pub phases: Vec<String>,
    pub design_info: DesignInfo,
    pub enrollment_info: Option<EnrollmentInfo>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DesignInfo {
    pub allocation: Option<String>,
    pub intervention_model: Option<String>,
    pub primary_purpose: Option<String>,
    pub observational_model: Option<String>,
    pub time_perspective: Option<String>,
    pub masking_info: MaskingInfo,
}

/// Masking as a level and the roles masked; the legacy XML's whole wording ("Double Blind
/// (Subject, Investigator)") is a level with no roles listed apart.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MaskingInfo {
    pub masking: Option<String>,
    pub who_masked: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EnrollmentInfo {
    pub count: Option<Count>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

/// A count: a number in v2, the text the older formats wrote ("63") otherwise.
#[derive(Debug, Clone)]
pub enum Count {
    Number(u64),
    Text(String),
}

text_or!(Count, "a count: a whole number or text", visit_u64(u64) => Count::Number);

/// A yes/no: a boolean in v2, the text the older formats wrote ("Yes", "Accepts Healthy
/// Volunteers") otherwise.
#[derive(Debug, Clone)]
pub enum YesNo {
    Bool(bool),
    Text(String),
}

text_or!(YesNo, "yes or no: a boolean or text", visit_bool(bool) => YesNo::Bool);

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ArmsModule {
    pub arm_groups: Vec<ArmGroup>,
    pub interventions: Vec<Intervention>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ArmGroup {
    pub label: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub description: Option<String>,
    pub intervention_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Intervention {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    pub arm_group_labels: Vec<String>,
    pub other_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OutcomesModule {
    pub primary_outcomes: Vec<Outcome>,
    pub secondary_outcomes: Vec<Outcome>,
    pub other_outcomes: Vec<Outcome>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Outcome {
    pub measure: Option<String>,
    pub description: Option<String>,
    pub time_frame: Option<String>,
    /// The legacy XML's `<safety_issue>`; v2 has none.
    #[serde(skip)]
    pub safety_issue: Option<YesNo>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EligibilityModule {
    pub eligibility_criteria: Option<String>,
    pub healthy_volunteers: Option<YesNo>,
    pub sex: Option<String>,
    pub minimum_age: Option<String>,
    pub maximum_age: Option<String>,
    pub std_ages: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ContactsModule {
    pub central_contacts: Vec<Contact>,
    pub overall_officials: Vec<Official>,
    pub locations: Vec<Location>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Contact {
    pub name: Option<String>,
    pub role: Option<String>,
    pub phone: Option<String>,
    pub phone_ext: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Official {
    pub name: Option<String>,
    pub affiliation: Option<String>,
    pub role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Location {
    pub facility: Option<String>,
    pub status: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub country: Option<String>,
    pub contacts: Vec<Contact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReferencesModule {
    pub references: Vec<Reference>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub pmid: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub citation: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Derived {
    pub misc_info_module: MiscInfo,
    pub condition_browse_module: BrowseModule,
    pub intervention_browse_module: BrowseModule,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MiscInfo {
    /// When the registry produced this copy of the record.
    pub version_holder: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct BrowseModule {
    pub meshes: Vec<Mesh>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Mesh {
    pub term: Option<String>,
}

/// What a reading gives: the whole input failed, or one study (or an error) per study it
/// holds, in order. A study given is a study: it has a protocol section and an NCT id.
pub type Studies = Vec<Result<Study>>;

/// The outer shape of an input: a search page has `studies`, a single study does not; a
/// version of the record history (`trialnorm history --raw`) is `{"studyVersion": N,
/// "study": {…}}`.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    studies: Option<Vec<&'a RawValue>>,
    #[serde(rename = "studyVersion")]
    study_version: Option<u32>,
    #[serde(borrow)]
    study: Option<&'a RawValue>,
}

/// Reads a single study, a search page, an array of studies or JSON Lines of them.
pub fn read(json: &str) -> Result<Studies> {
    if is_json_lines(json) {
        return Ok(json_lines(json));
    }
    read_value(json)
}

/// Reads one JSON value: a study, a search page or an array of studies.
fn read_value(json: &str) -> Result<Studies> {
    if json.trim_start().starts_with('[') {
        // A bare array of studies, as tools that concatenate pages write them.
        return match serde_json::from_str(json) {
            Ok(studies) => Ok(each(json, studies)),
            Err(e) => cut_list(json, &[], e),
        };
    }
    // Read as a study first (one pass over the bytes, the common case); only a value that
    // is not a study is looked at again as a search page.
    let not_a_study = match study(json) {
        e @ Err(Error::NotAStudy(_) | Error::Malformed { .. }) => e,
        one => return Ok(vec![one]),
    };
    let page: Page = match serde_json::from_str(json) {
        Ok(page) => page,
        Err(e) => return cut_list(json, &["studies"], e),
    };
    match (page.studies, page.study) {
        (Some(studies), _) => Ok(each(json, studies)),
        (None, Some(one)) => {
            let place = "the version's study";
            let s = study(one.get()).map_err(|e| e.within(json, one.get(), Some(place)));
            Ok(vec![s.map(|mut s| {
                s.study_version = page.study_version;
                s
            })])
        }
        (None, None) => Ok(vec![not_a_study]),
    }
}

/// Whether `json` is JSON Lines: its first non-blank line is a whole JSON value, and more
/// lines follow. (A pretty-printed study's first line, `{`, is not a whole value.)
fn is_json_lines(json: &str) -> bool {
    if memchr::memchr(b'\n', json.trim().as_bytes()).is_none() {
        return false;
    }
    let mut lines = json.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next();
    first.is_some_and(|l| serde_json::from_str::<&RawValue>(l).is_ok()) && lines.next().is_some()
}

/// The studies of every non-blank line (a study, or a search page), in order; an error's
/// position is counted in the whole input.
fn json_lines(json: &str) -> Studies {
    let mut places = Places::new(json);
    let mut studies = Vec::new();
    for l in json.lines().filter(|l| !l.trim().is_empty()) {
        match read_value(l) {
            Ok(read) => studies
                .extend((read.into_iter()).map(|r| r.map_err(|e| e.within_at(places.of(l), None)))),
            Err(e) => studies.push(Err(e.within_at(places.of(l), None))),
        }
    }
    studies
}

/// A list (at `path`) that could not be read whole, `e` the error: cut short with whole
/// studies before the cut, the studies and the cut's error (`json_list`); else the error.
fn cut_list(json: &str, path: &[&str], e: serde_json::Error) -> Result<Studies> {
    use crate::sources::json_list;
    let Some(whole) = json_list::salvage(json, path, &e) else {
        return Err(Error::json(FORMAT, e));
    };
    let cut = json_list::cut_short(FORMAT, e, &whole, "study", "the list");
    let mut studies = each(json, whole.elements);
    studies.push(Err(cut));
    Ok(studies)
}

/// One result per study of a list; a failure names the study's place in the list.
fn each(json: &str, studies: Vec<&RawValue>) -> Studies {
    let mut places = Places::new(json);
    (studies.into_iter().enumerate())
        .map(|(i, s)| {
            let place = format!("study {} of the list", i + 1);
            study(s.get()).map_err(|e| e.within_at(places.of(s.get()), Some(&place)))
        })
        .collect()
}

json_study_reader!(
    "API v2 JSON without a protocolSection",
    "API v2 study without an nctId"
);
