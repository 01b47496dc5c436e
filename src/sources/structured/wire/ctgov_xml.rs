//! Legacy ClinicalTrials.gov public XML (`<clinical_study>`, the AllPublicXML download), as
//! the schema spells it, read with quick-xml's serde support.
//!
//! Both generations of the schema are read: the older one-line `<study_design>` text and
//! `firstreceived_date`/`lastchanged_date`, and the newer `<study_design_info>` elements and
//! `study_first_submitted`/`last_update_posted`. Results are in
//! [`ctgov_xml_results`](super::ctgov_xml_results); elements the model does not carry are
//! skipped by serde and named by the reader (see `coverage.rs`). Text is plain and hard-wrapped (textblocks are indented by depth).
//!
//! Entities: quick-xml expands only the five predefined XML entities and character
//! references; a DOCTYPE's entity declarations are never expanded, and a reference to an
//! undeclared entity is a parse error, so no entity bomb or external entity can be read.

use serde::Deserialize;

use crate::error::{Error, Result};
use crate::sources::structured::coverage::Unread;
use crate::Format;

const FORMAT: Format = Format::CtgovXml;

/// Element text that is either wrapped in `<textblock>` (the registry's own files) or given
/// directly (hand-edited copies).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct TextBlock {
    pub textblock: Option<String>,
    #[serde(rename = "$text")]
    pub text: Option<String>,
}

impl TextBlock {
    pub fn get(&self) -> Option<&str> {
        self.textblock.as_deref().or(self.text.as_deref())
    }
}

/// Element text with a `type` attribute (`<start_date type="Actual">`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Typed {
    #[serde(rename = "@type")]
    pub kind: Option<String>,
    #[serde(rename = "$text")]
    pub value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClinicalStudy {
    pub required_header: RequiredHeader,
    pub id_info: IdInfo,
    pub brief_title: Option<String>,
    pub acronym: Option<String>,
    pub official_title: Option<String>,
    pub sponsors: Sponsors,
    pub source: Option<String>,
    pub brief_summary: Option<TextBlock>,
    pub detailed_description: Option<TextBlock>,
    pub overall_status: Option<String>,
    pub why_stopped: Option<String>,
    pub start_date: Option<Typed>,
    pub completion_date: Option<Typed>,
    pub primary_completion_date: Option<Typed>,
    pub phase: Option<String>,
    pub study_type: Option<String>,
    pub study_design: Option<String>,
    pub study_design_info: Option<StudyDesignInfo>,
    pub primary_outcome: Vec<Outcome>,
    pub secondary_outcome: Vec<Outcome>,
    pub other_outcome: Vec<Outcome>,
    pub enrollment: Option<Typed>,
    pub condition: Vec<String>,
    pub arm_group: Vec<ArmGroup>,
    pub intervention: Vec<Intervention>,
    pub eligibility: Eligibility,
    pub overall_official: Vec<Person>,
    pub overall_contact: Option<Person>,
    pub overall_contact_backup: Option<Person>,
    pub location: Vec<Location>,
    pub reference: Vec<Reference>,
    pub results_reference: Vec<Reference>,
    pub verification_date: Option<String>,
    pub study_first_submitted: Option<String>,
    pub firstreceived_date: Option<String>,
    pub study_first_posted: Option<Typed>,
    pub last_update_posted: Option<Typed>,
    pub lastchanged_date: Option<String>,
    pub responsible_party: Option<ResponsibleParty>,
    pub keyword: Vec<String>,
    pub condition_browse: Browse,
    pub intervention_browse: Browse,
    pub results_first_posted: Option<Typed>,
    pub clinical_results: Option<super::ctgov_xml_results::ClinicalResults>,
    /// The elements and attributes the reading skipped (`coverage.rs`).
    #[serde(skip)]
    pub unread: Unread,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct RequiredHeader {
    pub download_date: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct IdInfo {
    pub org_study_id: Option<String>,
    pub secondary_id: Vec<String>,
    pub nct_id: Option<String>,
    /// Older NCT ids merged into this one.
    pub nct_alias: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Sponsors {
    pub lead_sponsor: Option<Agency>,
    pub collaborator: Vec<Agency>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Agency {
    pub agency: Option<String>,
    pub agency_class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct StudyDesignInfo {
    pub allocation: Option<String>,
    pub intervention_model: Option<String>,
    pub primary_purpose: Option<String>,
    pub observational_model: Option<String>,
    pub time_perspective: Option<String>,
    pub masking: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Outcome {
    pub measure: Option<String>,
    pub time_frame: Option<String>,
    pub description: Option<String>,
    pub safety_issue: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ArmGroup {
    pub arm_group_label: Option<String>,
    pub arm_group_type: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Intervention {
    pub intervention_type: Option<String>,
    pub intervention_name: Option<String>,
    pub description: Option<String>,
    pub arm_group_label: Vec<String>,
    pub other_name: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Eligibility {
    pub criteria: Option<TextBlock>,
    pub gender: Option<String>,
    pub minimum_age: Option<String>,
    pub maximum_age: Option<String>,
    pub healthy_volunteers: Option<String>,
}

/// A person as the XML names one: officials, contacts, site investigators.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Person {
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub degrees: Option<String>,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub phone: Option<String>,
    pub phone_ext: Option<String>,
    pub email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Location {
    pub facility: Facility,
    pub status: Option<String>,
    pub contact: Option<Person>,
    pub contact_backup: Option<Person>,
    pub investigator: Vec<Person>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Facility {
    pub name: Option<String>,
    pub address: Address,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Address {
    pub city: Option<String>,
    pub state: Option<String>,
    pub zip: Option<String>,
    pub country: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Reference {
    pub citation: Option<String>,
    #[serde(rename = "PMID")]
    pub pmid: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ResponsibleParty {
    pub responsible_party_type: Option<String>,
    pub investigator_full_name: Option<String>,
    pub investigator_title: Option<String>,
    pub investigator_affiliation: Option<String>,
    /// Older schema: a name and title in one, and an organization.
    pub name_title: Option<String>,
    pub organization: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Browse {
    pub mesh_term: Vec<String>,
}

/// Reads one `<clinical_study>` document; one with no NCT id is not a study.
pub fn read(xml: &str) -> Result<ClinicalStudy> {
    match crate::format::xml_root(xml) {
        Some(root) if root == "clinical_study" => {}
        Some(root) => {
            return Err(Error::NotAStudy(format!(
                "the XML root element is <{root}>, not <clinical_study>"
            )))
        }
        None => return Err(Error::malformed(FORMAT, "no root element")),
    }
    let mut de = quick_xml::de::Deserializer::from_str(xml);
    let mut unread = Unread::default();
    let read = serde_ignored::deserialize(&mut de, |p| unread.push(&p, false));
    let mut study: ClinicalStudy = read.map_err(|e| Error::xml_read(FORMAT, e, xml, &de))?;
    if crate::normalize::text::opt_line(study.id_info.nct_id.as_deref()).is_none() {
        return Err(Error::NotAStudy(
            "<clinical_study> without an <nct_id>".into(),
        ));
    }
    unread_attributes(xml, &mut unread);
    study.unread = unread;
    Ok(study)
}

/// The attributes the wire types read, by element. quick-xml reads an element that has
/// attributes into text (`<brief_title lang="en">`) without a word about them, so the
/// reader looks for other attributes itself.
const READ_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("start_date", &["type"]),
    ("completion_date", &["type"]),
    ("primary_completion_date", &["type"]),
    ("enrollment", &["type"]),
    ("study_first_posted", &["type"]),
    ("last_update_posted", &["type"]),
    ("results_first_posted", &["type"]),
    ("group", &["group_id"]),
    ("participants", &["group_id", "count"]),
    ("count", &["group_id", "value"]),
    (
        "measurement",
        &["group_id", "value", "spread", "lower_limit", "upper_limit"],
    ),
    (
        "counts",
        &[
            "group_id",
            "events",
            "subjects_affected",
            "subjects_at_risk",
        ],
    ),
    ("sub_title", &["vocab"]),
];

/// Adds to `unread` every attribute of the document that no wire type reads, as
/// `element.path.@name` (the root's as `@name`). One pass over the markup's tags.
fn unread_attributes(xml: &str, unread: &mut Unread) {
    use quick_xml::events::{BytesStart, Event};
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut path: Vec<String> = Vec::new();
    let mut check = |e: &BytesStart, path: &[String]| {
        let name = AsRef::<str>::as_ref(&e.local_name()).to_string();
        let read = (READ_ATTRIBUTES.iter())
            .find(|(el, _)| *el == name)
            .map_or(&[][..], |(_, attrs)| *attrs);
        for a in e.attributes().flatten() {
            let attr = AsRef::<str>::as_ref(&a.key.local_name()).to_string();
            if path.is_empty() || read.contains(&attr.as_str()) {
                // The root's own attributes are met by serde.
                continue;
            }
            let mut p: Vec<&str> = path[1..].iter().map(String::as_str).collect();
            p.push(&name);
            unread.push_path(format!("{}.@{attr}", p.join(".")));
        }
        name
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                let name = check(&e, &path);
                path.push(name);
            }
            Ok(Event::Empty(e)) => {
                check(&e, &path);
            }
            Ok(Event::End(_)) => {
                path.pop();
            }
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
}
