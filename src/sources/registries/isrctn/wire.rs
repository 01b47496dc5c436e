//! The ISRCTN registry API's XML as it spells it (namespace
//! `http://www.67bricks.com/isrctn`): `<allTrials totalCount=…>` of `<fullTrial>`s (the
//! `/api/query/format/default` search answer), or one `<fullTrial>`. Each holds the
//! `<trial>` and its `<sponsor>`, `<funder>` and `<contact>` entries, which the trial names
//! by id. Read with quick-xml's serde support; results, data policies and attached files
//! are skipped.

use serde::Deserialize;

use super::super::xml;
use crate::error::{Error, Result};
use crate::Format;

const FORMAT: Format = Format::IsrctnXml;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct FullTrial {
    pub trial: Trial,
    pub sponsor: Vec<Sponsor>,
    pub contact: Vec<Contact>,
}

/// Element text with attributes.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Text {
    #[serde(rename = "@dateAssigned")]
    pub date_assigned: Option<String>,
    #[serde(rename = "@numberType")]
    pub number_type: Option<String>,
    #[serde(rename = "$text")]
    pub text: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Trial {
    #[serde(rename = "@lastUpdated")]
    pub last_updated: Option<String>,
    pub isrctn: Text,
    pub trial_description: Description,
    pub external_refs: ExternalRefs,
    pub trial_design: TrialDesign,
    pub participants: Participants,
    pub conditions: Conditions,
    pub interventions: Interventions,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Description {
    pub title: Option<String>,
    pub scientific_title: Option<String>,
    pub acronym: Option<String>,
    pub study_hypothesis: Option<String>,
    pub plain_english_summary: Option<String>,
    pub primary_outcomes: Measures,
    pub primary_outcome: Option<String>,
    pub secondary_outcomes: Measures,
    pub secondary_outcome: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Measures {
    pub outcome_measure: Vec<Measure>,
}

/// A structured outcome measure (records since 2025): what, how and when.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Measure {
    pub variable: Option<String>,
    pub method: Option<String>,
    pub timepoints: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct ExternalRefs {
    #[serde(rename = "eudraCTNumber")]
    pub eudract_number: Option<String>,
    pub clinical_trials_gov_number: Option<String>,
    pub protocol_serial_number: Option<String>,
    pub secondary_numbers: SecondaryNumbers,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct SecondaryNumbers {
    pub secondary_number: Vec<Text>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct TrialDesign {
    pub primary_study_design: Option<String>,
    pub secondary_study_design: Option<String>,
    pub interventional_trial_design: Option<InterventionalDesign>,
    pub overall_start_date: Option<String>,
    pub overall_end_date: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InterventionalDesign {
    pub allocation: Option<String>,
    pub masking: Option<String>,
    pub assignment: Option<String>,
    pub purposes: Purposes,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Purposes {
    pub purpose: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Participants {
    pub recruitment_countries: Countries,
    pub trial_centres: Centres,
    pub healthy_volunteers_allowed: Option<String>,
    pub inclusion: Option<String>,
    pub lower_age_limit: Text,
    pub upper_age_limit: Text,
    pub gender: Option<String>,
    pub target_enrolment: Option<String>,
    pub total_final_enrolment: Option<String>,
    pub exclusion: Option<String>,
    pub recruitment_start: Option<String>,
    pub recruitment_status_override: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Countries {
    pub country: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Centres {
    pub trial_centre: Vec<Centre>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Centre {
    pub name: Option<String>,
    pub city: Option<String>,
    pub state: Option<String>,
    pub country: Option<String>,
    pub zip: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Conditions {
    pub condition: Vec<Condition>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Condition {
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Interventions {
    pub intervention: Vec<Intervention>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Intervention {
    pub description: Option<String>,
    pub intervention_type: Option<String>,
    pub phase: Option<String>,
    pub drug_names: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Sponsor {
    pub organisation: Option<String>,
    pub commercial_status: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Contact {
    pub forename: Option<String>,
    pub surname: Option<String>,
    pub contact_details: ContactDetails,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ContactDetails {
    pub telephone: Option<String>,
    pub email: Option<String>,
}

/// Reads an API answer: every `<fullTrial>`, in order, each on its own, so that one broken
/// trial or an answer cut short costs only what it spoils (`registries::xml::items`): each
/// trial's number in the answer and what reading it gave.
pub fn read(xml: &str) -> Result<Vec<Result<(usize, FullTrial)>>> {
    match crate::format::xml_root(xml).as_deref() {
        Some("allTrials") => Ok(
            (xml::items(FORMAT, xml, "allTrials", "fullTrial").into_iter())
                .map(|item| item.and_then(|t| Ok((t.number, t.read(FORMAT, "fullTrial")?))))
                .collect(),
        ),
        Some("fullTrial") => {
            let mut de = quick_xml::de::Deserializer::from_str(xml);
            let trial =
                FullTrial::deserialize(&mut de).map_err(|e| Error::xml_read(FORMAT, e, xml, &de));
            Ok(vec![trial.map(|t| (1, t))])
        }
        Some(other) => Err(Error::NotAStudy(format!(
            "the XML root element is <{other}>, not ISRCTN's <allTrials> or <fullTrial>"
        ))),
        None => Err(Error::malformed(FORMAT, "no root element")),
    }
}
