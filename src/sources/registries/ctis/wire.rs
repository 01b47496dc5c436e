//! The EU Clinical Trials Information System's public trial JSON as it spells it: the answer
//! of `GET https://euclinicaltrials.eu/ctis-public-api/retrieve/{EU CT number}` (one trial;
//! a file may hold an array of them, or one per line, as `trialnorm fetch --raw` writes).
//!
//! Only the keys the reader takes are typed; serde skips the rest (documents, results,
//! corrective measures, translations). Where the shape comes from, since CTIS publishes no
//! schema of it: the `ctrdata` R package, which loads this answer into its databases and
//! names its fields (`R/ctrLoadQueryIntoDbCtis.R`, the `R/f_*.R` trial concepts,
//! `R/util_fields.R`), and public clients' models of the answer (see `fixtures/README.md`).
//! Until mid-2024 the answer had Part I and Parts II at the top level ("CTIS1" in ctrdata);
//! since then they are inside `authorizedApplication`: both are read.
//!
//! CTIS writes `null` for lists and objects it has nothing for, and codes sometimes as
//! numbers, sometimes as strings: every list and object here reads `null` as empty, every
//! code either way.

use serde::{Deserialize, Deserializer};
use serde_json::value::RawValue;

use crate::error::{Error, Result};
use crate::Format;

const FORMAT: Format = Format::CtisJson;

/// `null` as the empty value, for lists and objects.
fn nullable<'de, D: Deserializer<'de>, T: Default + Deserialize<'de>>(d: D) -> Result<T, D::Error> {
    Ok(Option::<T>::deserialize(d)?.unwrap_or_default())
}

/// A code or count, as a number or as text (`4` or `"4"`).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Code {
    Number(serde_json::Number),
    Text(String),
    Other(serde::de::IgnoredAny),
}

impl Code {
    /// The code as text, `None` when blank (or neither a number nor text).
    pub fn text(&self) -> Option<String> {
        match self {
            Code::Number(n) => Some(n.to_string()),
            Code::Text(s) => crate::normalize::text::line(s),
            Code::Other(_) => None,
        }
    }
}

/// One object, or a list of them (`applicationInfo` comes as either).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum OneOrMany<T> {
    Many(Vec<T>),
    One(T),
}

impl<T> Default for OneOrMany<T> {
    fn default() -> Self {
        OneOrMany::Many(Vec::new())
    }
}

impl<T> OneOrMany<T> {
    /// Every item, in order.
    pub fn items(&self) -> &[T] {
        match self {
            OneOrMany::Many(v) => v,
            OneOrMany::One(t) => std::slice::from_ref(t),
        }
    }
}

/// One trial.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Trial {
    /// The EU CT number (`2023-507385-11-00`).
    pub ct_number: Option<String>,
    /// The trial's status in words ("Authorised", "Ended").
    pub ct_status: Option<Code>,
    /// The trial's public status as a code (1 "Under evaluation" … 12 "Cancelled").
    pub ct_public_status_code: Option<Code>,
    pub start_date_eu: Option<String>,
    pub end_date_eu: Option<String>,
    /// When the record was last published.
    pub publish_date: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub authorized_application: Option<Application>,
    /// Part I, Parts II and the rest at the top level: the answer's shape until mid-2024.
    #[serde(flatten)]
    pub top_level: Application,
    #[serde(deserialize_with = "nullable")]
    pub events: Events,
}

/// What CTIS authorized: Part I (the trial, for all member states), Parts II (one per
/// member state: its sites and planned count), the member states, the EudraCT number of a
/// trial moved over from the EU CTR, and the applications.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Application {
    #[serde(rename = "authorizedPartI", deserialize_with = "nullable")]
    pub part_i: Option<PartI>,
    #[serde(rename = "authorizedPartsII", deserialize_with = "nullable")]
    pub parts_ii: Vec<PartII>,
    #[serde(deserialize_with = "nullable")]
    pub member_states_concerned: Vec<MemberState>,
    #[serde(deserialize_with = "nullable")]
    pub eudra_ct: EudraCt,
    #[serde(deserialize_with = "nullable")]
    pub application_info: OneOrMany<ApplicationInfo>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EudraCt {
    pub is_transitioned: Option<bool>,
    pub eudra_ct_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ApplicationInfo {
    pub submission_date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MemberState {
    pub msc_name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PartI {
    /// Planned participants outside the EEA ("rest of the world").
    pub row_subject_count: Option<Code>,
    #[serde(deserialize_with = "nullable")]
    pub trial_details: TrialDetails,
    /// The countries outside the EEA.
    #[serde(deserialize_with = "nullable")]
    pub row_countries_info: Vec<Country>,
    #[serde(deserialize_with = "nullable")]
    pub products: Vec<Product>,
    /// The medical conditions, where `trialDetails` lists none.
    #[serde(deserialize_with = "nullable")]
    pub medical_conditions: Vec<MedicalCondition>,
    #[serde(deserialize_with = "nullable")]
    pub sponsors: Vec<Sponsor>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Country {
    pub name: Option<String>,
    pub iso_alpha2_code: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialDetails {
    #[serde(deserialize_with = "nullable")]
    pub clinical_trial_identifiers: Identifiers,
    #[serde(deserialize_with = "nullable")]
    pub trial_information: TrialInformation,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Identifiers {
    pub full_title: Option<String>,
    pub public_title: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub secondary_identifying_numbers: SecondaryNumbers,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecondaryNumbers {
    #[serde(deserialize_with = "nullable")]
    pub who_universal_trial_number: Number,
    #[serde(deserialize_with = "nullable")]
    pub nct_number: Number,
    #[serde(deserialize_with = "nullable")]
    pub isrctn_number: Number,
    #[serde(deserialize_with = "nullable")]
    pub additional_registries: Vec<Number>,
}

/// A number in another registry.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Number {
    pub number: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialInformation {
    #[serde(deserialize_with = "nullable")]
    pub trial_category: TrialCategory,
    #[serde(deserialize_with = "nullable")]
    pub medical_condition: MedicalConditions,
    #[serde(deserialize_with = "nullable")]
    pub trial_objective: TrialObjective,
    #[serde(deserialize_with = "nullable")]
    pub eligibility_criteria: EligibilityCriteria,
    #[serde(deserialize_with = "nullable")]
    pub end_point: EndPoints,
    #[serde(deserialize_with = "nullable")]
    pub trial_duration: TrialDuration,
    #[serde(deserialize_with = "nullable")]
    pub population_of_trial_subjects: Population,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialCategory {
    /// The phase as a code of CTIS's list (`4` is "Therapeutic exploratory (Phase II)").
    pub trial_phase: Option<Code>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MedicalConditions {
    #[serde(rename = "partIMedicalConditions", deserialize_with = "nullable")]
    pub part_i_medical_conditions: Vec<MedicalCondition>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MedicalCondition {
    pub medical_condition: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialObjective {
    pub main_objective: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub secondary_objectives: Vec<SecondaryObjective>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecondaryObjective {
    pub number: Option<Code>,
    pub secondary_objective: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EligibilityCriteria {
    #[serde(deserialize_with = "nullable")]
    pub principal_inclusion_criteria: Vec<InclusionCriterion>,
    #[serde(deserialize_with = "nullable")]
    pub principal_exclusion_criteria: Vec<ExclusionCriterion>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct InclusionCriterion {
    pub number: Option<Code>,
    pub principal_inclusion_criteria: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExclusionCriterion {
    pub number: Option<Code>,
    pub principal_exclusion_criteria: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EndPoints {
    #[serde(deserialize_with = "nullable")]
    pub primary_end_points: Vec<EndPoint>,
    #[serde(deserialize_with = "nullable")]
    pub secondary_end_points: Vec<EndPoint>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EndPoint {
    pub number: Option<Code>,
    pub end_point: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialDuration {
    pub estimated_recruitment_start_date: Option<String>,
    pub estimated_end_date: Option<String>,
    pub estimated_global_end_date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Population {
    pub is_female_subjects: Option<bool>,
    pub is_male_subjects: Option<bool>,
    #[serde(deserialize_with = "nullable")]
    pub age_ranges: Vec<AgeRange>,
}

/// An age group: a code of CTIS's list and its wording ("18-64 years").
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AgeRange {
    pub age_range_category_code: Option<Code>,
    pub age_range_category: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Product {
    pub product_name: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub product_dictionary_info: ProductDictionary,
    pub json_active_substance_names: Option<String>,
    pub pharmaceutical_form_display: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ProductDictionary {
    pub prod_name: Option<String>,
    pub active_substance_name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sponsor {
    pub primary: Option<bool>,
    #[serde(deserialize_with = "nullable")]
    pub organisation: Organisation,
    pub is_commercial: Option<bool>,
    #[serde(deserialize_with = "nullable")]
    pub public_contacts: Vec<PublicContact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Organisation {
    pub name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PublicContact {
    pub functional_name: Option<String>,
    pub functional_email_address: Option<String>,
    pub telephone: Option<String>,
}

/// One member state's part: its planned count and sites.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PartII {
    pub recruitment_subject_count: Option<Code>,
    #[serde(deserialize_with = "nullable")]
    pub msc_info: MscInfo,
    #[serde(deserialize_with = "nullable")]
    pub trial_sites: Vec<TrialSite>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MscInfo {
    pub country_name: Option<String>,
    pub msc_name: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialSite {
    pub department_name: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub organisation_address_info: OrganisationAddress,
    #[serde(deserialize_with = "nullable")]
    pub person_info: Person,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OrganisationAddress {
    #[serde(deserialize_with = "nullable")]
    pub organisation: Organisation,
    #[serde(deserialize_with = "nullable")]
    pub address: Address,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Address {
    pub city: Option<String>,
    pub postcode: Option<String>,
    pub country_name: Option<String>,
}

/// A site's principal investigator.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Person {
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub telephone: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Events {
    /// The trial's end in all countries, once notified.
    pub trial_global_end_date: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub trial_events: Vec<TrialEvent>,
}

/// A member state's notifications (start, end, early termination).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialEvent {
    pub msc_name: Option<String>,
    #[serde(deserialize_with = "nullable")]
    pub events: Vec<Notification>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Notification {
    pub notification_type: Option<String>,
}

impl Trial {
    /// The application: `authorizedApplication`, else the top-level parts of the older
    /// answer.
    pub fn application(&self) -> &Application {
        self.authorized_application
            .as_ref()
            .filter(|a| a.part_i.is_some() || !a.parts_ii.is_empty())
            .unwrap_or(&self.top_level)
    }
}

/// Every trial of a file, each as its JSON text: one trial, an array of them, or several
/// one after the other (JSON Lines). A file cut short gives the trials that end before the
/// cut and the cut's error (`json_list`); a file with none of them whole, or with a fault
/// that is not a cut, is an error.
pub fn values(json: &str) -> Result<(Vec<&RawValue>, Option<Error>)> {
    use crate::sources::json_list;
    if json.trim_start().starts_with('[') {
        return match serde_json::from_str(json) {
            Ok(values) => Ok((values, None)),
            Err(e) => match json_list::salvage(json, &[], &e) {
                Some(whole) => {
                    let cut = json_list::cut_short(FORMAT, e, &whole, "trial", "the list");
                    Ok((whole.elements, Some(cut)))
                }
                None => Err(Error::json(FORMAT, e)),
            },
        };
    }
    let mut values = Vec::new();
    for value in serde_json::Deserializer::from_str(json).into_iter::<&RawValue>() {
        match value {
            Ok(value) => values.push(value),
            // Only a cut leaves the trials before it whole; after a fault in the text the
            // reading cannot tell where the next trial starts, so the file fails as before.
            Err(e) if values.is_empty() || !e.is_eof() => return Err(Error::json(FORMAT, e)),
            Err(e) => {
                let whole = json_list::Whole {
                    elements: values,
                    closed: false,
                };
                let cut = json_list::cut_short(FORMAT, e, &whole, "trial", "the file");
                return Ok((whole.elements, Some(cut)));
            }
        }
    }
    Ok((values, None))
}

/// One trial's JSON.
pub fn trial(json: &str) -> Result<Trial> {
    serde_json::from_str(json).map_err(|e| Error::json(FORMAT, e))
}
