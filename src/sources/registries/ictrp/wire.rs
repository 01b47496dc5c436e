//! The WHO ICTRP "Export results to XML" file as the platform spells it: a
//! `<Trials_downloaded_from_ICTRP>` root, one `<Trial>` per trial, one element per field of
//! the WHO Trial Registration Data Set (values on their own line after the tag, lists
//! `;`-separated, long texts as escaped `<br>` markup). Read with quick-xml's serde support;
//! fields trialnorm does not read (ethics review, results links, the retrospective flag)
//! are skipped by serde.

use serde::Deserialize;

use super::super::xml;
use crate::error::{Error, Result};
use crate::Format;

const FORMAT: Format = Format::WhoIctrpXml;

/// One trial as the platform exports it (element names as the file spells them).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Record {
    #[serde(rename = "TrialID")]
    pub trial_id: Option<String>,
    #[serde(rename = "Last_Refreshed_on")]
    pub last_refreshed_on: Option<String>,
    #[serde(rename = "Public_title")]
    pub public_title: Option<String>,
    #[serde(rename = "Scientific_title")]
    pub scientific_title: Option<String>,
    #[serde(rename = "Acronym")]
    pub acronym: Option<String>,
    #[serde(rename = "Primary_sponsor")]
    pub primary_sponsor: Option<String>,
    #[serde(rename = "Secondary_Sponsor")]
    pub secondary_sponsor: Option<String>,
    /// Registration date in the primary registry, `yyyymmdd`.
    #[serde(rename = "Date_registration3")]
    pub date_registration3: Option<String>,
    /// The same date, `dd/mm/yyyy` (or as the registry writes it).
    #[serde(rename = "Date_registration")]
    pub date_registration: Option<String>,
    #[serde(rename = "Source_Register")]
    pub source_register: Option<String>,
    #[serde(rename = "web_address")]
    pub web_address: Option<String>,
    #[serde(rename = "Recruitment_Status")]
    pub recruitment_status: Option<String>,
    #[serde(rename = "Inclusion_agemin")]
    pub inclusion_agemin: Option<String>,
    #[serde(rename = "Inclusion_agemax")]
    pub inclusion_agemax: Option<String>,
    #[serde(rename = "Inclusion_gender")]
    pub inclusion_gender: Option<String>,
    /// Date of first enrolment, in whatever form the primary registry gave.
    #[serde(rename = "Date_enrollement")]
    pub date_enrollement: Option<String>,
    #[serde(rename = "Target_size")]
    pub target_size: Option<String>,
    #[serde(rename = "Study_type")]
    pub study_type: Option<String>,
    #[serde(rename = "Study_design")]
    pub study_design: Option<String>,
    #[serde(rename = "Phase")]
    pub phase: Option<String>,
    #[serde(rename = "Countries")]
    pub countries: Option<String>,
    #[serde(rename = "Contact_Firstname")]
    pub contact_firstname: Option<String>,
    #[serde(rename = "Contact_Lastname")]
    pub contact_lastname: Option<String>,
    #[serde(rename = "Contact_Email")]
    pub contact_email: Option<String>,
    #[serde(rename = "Contact_Tel")]
    pub contact_tel: Option<String>,
    #[serde(rename = "Inclusion_Criteria")]
    pub inclusion_criteria: Option<String>,
    #[serde(rename = "Exclusion_Criteria")]
    pub exclusion_criteria: Option<String>,
    #[serde(rename = "Condition")]
    pub condition: Option<String>,
    #[serde(rename = "Intervention")]
    pub intervention: Option<String>,
    #[serde(rename = "Primary_outcome")]
    pub primary_outcome: Option<String>,
    #[serde(rename = "Secondary_outcome")]
    pub secondary_outcome: Option<String>,
    #[serde(rename = "Secondary_ID")]
    pub secondary_id: Option<String>,
}

/// Reads an export: every `<Trial>`, in order, each on its own, so that one broken trial
/// or a download cut short costs only what it spoils (`registries::xml::items`): each trial's
/// number in the export and what reading it gave. A document whose root is another element is
/// not an ICTRP export.
pub fn read(xml: &str) -> Result<Vec<Result<(usize, Record)>>> {
    match crate::format::xml_root(xml) {
        Some(root) if root == "Trials_downloaded_from_ICTRP" => {}
        Some(root) => {
            return Err(Error::NotAStudy(format!(
                "the XML root element is <{root}>, not <Trials_downloaded_from_ICTRP>"
            )))
        }
        None => return Err(Error::malformed(FORMAT, "no root element")),
    }
    Ok(
        (xml::items(FORMAT, xml, "Trials_downloaded_from_ICTRP", "Trial").into_iter())
            .map(|item| item.and_then(|t| Ok((t.number, t.read(FORMAT, "Trial")?))))
            .collect(),
    )
}
