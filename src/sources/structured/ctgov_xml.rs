//! Legacy ClinicalTrials.gov public XML (`<clinical_study>`, the AllPublicXML download),
//! read with quick-xml's serde support into the typed shape below, then mapped to [`Trial`].
//!
//! Both generations of the schema are read: the older one-line `<study_design>` text and
//! `firstreceived_date`/`lastchanged_date`, and the newer `<study_design_info>` elements and
//! `study_first_submitted`/`last_update_posted`. Results, oversight and document sections are
//! not in the model and are skipped by serde.
//!
//! Entities: quick-xml expands only the five predefined XML entities and character
//! references; a DOCTYPE's entity declarations are never expanded, and a reference to an
//! undeclared entity is a parse error, so no entity bomb or external entity can be read.

use serde::Deserialize;

use super::ctgov_common::{self as common, push_unique};
use crate::error::{Error, Result};
use crate::model::*;
use crate::normalize::text;
use crate::sources::Records;
use crate::Format;

const FORMAT: Format = Format::CtgovXml;

/// Element text that is either wrapped in `<textblock>` (the registry's own files) or given
/// directly (hand-edited copies).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TextBlock {
    textblock: Option<String>,
    #[serde(rename = "$text")]
    text: Option<String>,
}

impl TextBlock {
    fn get(&self) -> Option<&str> {
        self.textblock.as_deref().or(self.text.as_deref())
    }
}

/// Element text with a `type` attribute (`<start_date type="Actual">`).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Typed {
    #[serde(rename = "@type")]
    kind: Option<String>,
    #[serde(rename = "$text")]
    value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ClinicalStudy {
    required_header: RequiredHeader,
    id_info: IdInfo,
    brief_title: Option<String>,
    acronym: Option<String>,
    official_title: Option<String>,
    sponsors: Sponsors,
    source: Option<String>,
    brief_summary: Option<TextBlock>,
    detailed_description: Option<TextBlock>,
    overall_status: Option<String>,
    why_stopped: Option<String>,
    start_date: Option<Typed>,
    completion_date: Option<Typed>,
    primary_completion_date: Option<Typed>,
    phase: Option<String>,
    study_type: Option<String>,
    study_design: Option<String>,
    study_design_info: Option<StudyDesignInfo>,
    primary_outcome: Vec<XOutcome>,
    secondary_outcome: Vec<XOutcome>,
    other_outcome: Vec<XOutcome>,
    enrollment: Option<Typed>,
    condition: Vec<String>,
    arm_group: Vec<ArmGroup>,
    intervention: Vec<XIntervention>,
    eligibility: XEligibility,
    overall_official: Vec<Person>,
    overall_contact: Option<Person>,
    overall_contact_backup: Option<Person>,
    location: Vec<Location>,
    reference: Vec<XReference>,
    results_reference: Vec<XReference>,
    verification_date: Option<String>,
    study_first_submitted: Option<String>,
    firstreceived_date: Option<String>,
    study_first_posted: Option<Typed>,
    last_update_posted: Option<Typed>,
    lastchanged_date: Option<String>,
    responsible_party: Option<XResponsibleParty>,
    keyword: Vec<String>,
    condition_browse: Browse,
    intervention_browse: Browse,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct RequiredHeader {
    download_date: Option<String>,
    url: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct IdInfo {
    org_study_id: Option<String>,
    secondary_id: Vec<String>,
    nct_id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Sponsors {
    lead_sponsor: Option<Agency>,
    collaborator: Vec<Agency>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Agency {
    agency: Option<String>,
    agency_class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StudyDesignInfo {
    allocation: Option<String>,
    intervention_model: Option<String>,
    primary_purpose: Option<String>,
    observational_model: Option<String>,
    time_perspective: Option<String>,
    masking: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct XOutcome {
    measure: Option<String>,
    time_frame: Option<String>,
    description: Option<String>,
    safety_issue: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ArmGroup {
    arm_group_label: Option<String>,
    arm_group_type: Option<String>,
    description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct XIntervention {
    intervention_type: Option<String>,
    intervention_name: Option<String>,
    description: Option<String>,
    arm_group_label: Vec<String>,
    other_name: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct XEligibility {
    criteria: Option<TextBlock>,
    gender: Option<String>,
    minimum_age: Option<String>,
    maximum_age: Option<String>,
    healthy_volunteers: Option<String>,
}

/// A person as the XML names one: officials, contacts, site investigators.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Person {
    first_name: Option<String>,
    middle_name: Option<String>,
    last_name: Option<String>,
    degrees: Option<String>,
    role: Option<String>,
    affiliation: Option<String>,
    phone: Option<String>,
    phone_ext: Option<String>,
    email: Option<String>,
}

impl Person {
    /// The registry puts the whole name, degrees included, in `last_name`; the schema's
    /// separate parts are joined where a file uses them.
    fn name(&self) -> Option<String> {
        let parts: Vec<&str> = [&self.first_name, &self.middle_name, &self.last_name]
            .into_iter()
            .filter_map(|p| p.as_deref())
            .collect();
        let name = text::line(&parts.join(" "))?;
        Some(match text::opt_line(self.degrees.as_deref()) {
            Some(d) => format!("{name}, {d}"),
            None => name,
        })
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Location {
    facility: Facility,
    status: Option<String>,
    contact: Option<Person>,
    contact_backup: Option<Person>,
    investigator: Vec<Person>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Facility {
    name: Option<String>,
    address: Address,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Address {
    city: Option<String>,
    state: Option<String>,
    zip: Option<String>,
    country: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct XReference {
    citation: Option<String>,
    #[serde(rename = "PMID")]
    pmid: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct XResponsibleParty {
    responsible_party_type: Option<String>,
    investigator_full_name: Option<String>,
    investigator_title: Option<String>,
    investigator_affiliation: Option<String>,
    /// Older schema: a name and title in one, and an organization.
    name_title: Option<String>,
    organization: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Browse {
    mesh_term: Vec<String>,
}

/// Reads one `<clinical_study>` document.
pub fn read(xml: &str) -> Result<Records> {
    match crate::format::xml_root(xml) {
        Some(root) if root == "clinical_study" => {}
        Some(root) => {
            return Err(Error::NotAStudy(format!(
                "the XML root element is <{root}>, not <clinical_study>"
            )))
        }
        None => return Err(Error::malformed(FORMAT, "no root element")),
    }
    let study: ClinicalStudy =
        quick_xml::de::from_str(xml).map_err(|e| Error::malformed(FORMAT, e.to_string()))?;
    Ok(vec![map(study)])
}

fn map(s: ClinicalStudy) -> Result<Trial> {
    let mut t = Trial::new(Registry::Ctgov, FORMAT);
    t.ids.nct_id = text::opt_line(s.id_info.nct_id.as_deref());
    if t.ids.nct_id.is_none() {
        return Err(Error::NotAStudy(
            "<clinical_study> without an <nct_id>".into(),
        ));
    }
    t.source.url = text::opt_line(s.required_header.url.as_deref());
    // "ClinicalTrials.gov processed this data on May 11, 2018"
    t.source.record_date = s
        .required_header
        .download_date
        .as_deref()
        .and_then(|d| d.rsplit_once(" on ").map_or(Some(d), |(_, d)| Some(d)))
        .and_then(crate::normalize::date::iso);
    t.ids.org_study_id = text::opt_line(s.id_info.org_study_id.as_deref());
    t.ids.secondary_ids = s
        .id_info
        .secondary_id
        .iter()
        .filter_map(|i| text::line(i))
        .collect();

    t.titles.brief = text::opt_line(s.brief_title.as_deref());
    t.titles.official = text::opt_line(s.official_title.as_deref());
    t.titles.acronym = text::opt_line(s.acronym.as_deref());

    status(&mut t, &s);
    sponsors(&mut t, &s);

    t.description.brief_summary = s
        .brief_summary
        .as_ref()
        .and_then(|b| b.get())
        .and_then(text::paragraphs);
    t.description.detailed_description = s
        .detailed_description
        .as_ref()
        .and_then(|b| b.get())
        .and_then(text::paragraphs);
    t.conditions = s.condition.iter().filter_map(|c| text::line(c)).collect();
    t.keywords = s.keyword.iter().filter_map(|c| text::line(c)).collect();
    for m in s
        .condition_browse
        .mesh_term
        .iter()
        .chain(&s.intervention_browse.mesh_term)
    {
        push_unique(&mut t.mesh_terms, m);
    }

    design(&mut t, &s);
    if let Some(e) = &s.enrollment {
        let raw = e.value.as_deref().map(str::trim).filter(|v| !v.is_empty());
        t.enrollment.count = raw.and_then(|v| v.parse().ok());
        if let (Some(v), None) = (raw, t.enrollment.count) {
            t.warn(
                WarningCode::BadNumber,
                "enrollment.count",
                format!("{v:?} is not a count"),
            );
        }
        if t.enrollment.count.is_some() {
            t.enrollment.kind = t.enum_or_warn("enrollment.type", e.kind.as_deref());
        }
    }

    for (i, a) in s.arm_group.iter().enumerate() {
        let kind = t.enum_or_warn(&format!("arms[{i}].type"), a.arm_group_type.as_deref());
        t.arms.push(Arm {
            label: text::opt_line(a.arm_group_label.as_deref()).unwrap_or_default(),
            kind,
            description: text::opt_line(a.description.as_deref()),
            intervention_names: Vec::new(),
        });
    }
    for (i, iv) in s.intervention.iter().enumerate() {
        let kind = t.enum_or_warn(
            &format!("interventions[{i}].type"),
            iv.intervention_type.as_deref(),
        );
        t.interventions.push(Intervention {
            kind,
            name: text::opt_line(iv.intervention_name.as_deref()).unwrap_or_default(),
            description: text::opt_line(iv.description.as_deref()),
            other_names: iv.other_name.iter().filter_map(|n| text::line(n)).collect(),
            arm_labels: iv
                .arm_group_label
                .iter()
                .filter_map(|n| text::line(n))
                .collect(),
        });
    }
    for (kind, list) in [
        (OutcomeKind::Primary, &s.primary_outcome),
        (OutcomeKind::Secondary, &s.secondary_outcome),
        (OutcomeKind::Other, &s.other_outcome),
    ] {
        for o in list {
            let i = t.outcomes.len();
            let safety_issue = common::yes_no(
                &mut t,
                &format!("outcomes[{i}].safety_issue"),
                o.safety_issue.as_deref(),
            );
            t.outcomes.push(Outcome {
                kind: Some(kind),
                measure: text::opt_line(o.measure.as_deref()).unwrap_or_default(),
                description: text::opt_line(o.description.as_deref()),
                time_frame: text::opt_line(o.time_frame.as_deref()),
                time_points: Vec::new(),
                safety_issue,
            });
        }
    }

    eligibility(&mut t, &s.eligibility);
    contacts(&mut t, &s);
    sites(&mut t, &s.location);
    for (kind, list) in [
        (None, &s.reference),
        (Some(ReferenceType::Result), &s.results_reference),
    ] {
        for r in list {
            t.references.push(Reference {
                citation: text::opt_line(r.citation.as_deref()),
                pmid: text::opt_line(r.pmid.as_deref()),
                kind,
            });
        }
    }
    Ok(t)
}

fn status(t: &mut Trial, s: &ClinicalStudy) {
    t.status.overall = t.enum_or_warn("status.overall", s.overall_status.as_deref());
    t.status.why_stopped = text::opt_line(s.why_stopped.as_deref());
    let dated = |t: &mut Trial, path: &str, d: &Option<Typed>| match d {
        Some(d) => common::dated(t, path, d.value.as_deref(), d.kind.as_deref()),
        None => DatedEvent::default(),
    };
    t.status.start = dated(t, "status.start", &s.start_date);
    t.status.primary_completion = dated(t, "status.primary_completion", &s.primary_completion_date);
    t.status.completion = dated(t, "status.completion", &s.completion_date);
    let submitted = s
        .study_first_submitted
        .as_deref()
        .or(s.firstreceived_date.as_deref());
    t.status.first_submitted = common::iso_or_warn(t, "status.first_submitted", submitted);
    let posted = s
        .study_first_posted
        .as_ref()
        .and_then(|d| d.value.as_deref());
    t.status.first_posted = common::iso_or_warn(t, "status.first_posted", posted);
    let updated = s
        .last_update_posted
        .as_ref()
        .and_then(|d| d.value.as_deref())
        .or(s.lastchanged_date.as_deref());
    t.status.last_updated = common::iso_or_warn(t, "status.last_updated", updated);
    t.status.verified = common::iso_or_warn(t, "status.verified", s.verification_date.as_deref());
}

fn sponsors(t: &mut Trial, s: &ClinicalStudy) {
    if let Some(l) = &s.sponsors.lead_sponsor {
        t.sponsors.lead = common::organization(
            t,
            "sponsors.lead",
            l.agency.as_deref(),
            l.agency_class.as_deref(),
        );
    }
    for (i, c) in s.sponsors.collaborator.iter().enumerate() {
        let path = format!("sponsors.collaborators[{i}]");
        if let Some(o) =
            common::organization(t, &path, c.agency.as_deref(), c.agency_class.as_deref())
        {
            t.sponsors.collaborators.push(o);
        }
    }
    if let Some(r) = &s.responsible_party {
        common::set_responsible_party(
            t,
            r.responsible_party_type.as_deref(),
            r.investigator_full_name
                .as_deref()
                .or(r.name_title.as_deref()),
            r.investigator_title.as_deref(),
            r.investigator_affiliation
                .as_deref()
                .or(r.organization.as_deref()),
        );
    }
    t.sponsors.information_provider = text::opt_line(s.source.as_deref());
}

fn design(t: &mut Trial, s: &ClinicalStudy) {
    t.design.study_type = t.enum_or_warn("design.study_type", s.study_type.as_deref());
    if let Some(p) = s.phase.as_deref().filter(|p| !p.trim().is_empty()) {
        t.set_phases([p]);
    }
    if let Some(line) = &s.study_design {
        for (key, value) in common::design_pairs(line) {
            common::design_field(t, key, &value);
        }
    }
    if let Some(d) = &s.study_design_info {
        for (key, value) in [
            ("Allocation", &d.allocation),
            ("Intervention Model", &d.intervention_model),
            ("Observational Model", &d.observational_model),
            ("Time Perspective", &d.time_perspective),
            ("Masking", &d.masking),
            ("Primary Purpose", &d.primary_purpose),
        ] {
            if let Some(v) = value.as_deref().filter(|v| !v.trim().is_empty()) {
                common::design_field(t, key, v);
            }
        }
    }
}

fn eligibility(t: &mut Trial, e: &XEligibility) {
    t.eligibility.sex = t.enum_or_warn("eligibility.sex", e.gender.as_deref());
    t.eligibility.minimum_age =
        common::age_bound(t, "eligibility.minimum_age", e.minimum_age.as_deref());
    t.eligibility.maximum_age =
        common::age_bound(t, "eligibility.maximum_age", e.maximum_age.as_deref());
    // The XML states both bounds always, "N/A" for none: the registry's age groups follow
    // from them even when neither is set (no bound: every group).
    if e.minimum_age.is_some() && e.maximum_age.is_some() {
        t.eligibility.std_ages = crate::normalize::age::std_ages(
            t.eligibility.minimum_age.as_ref(),
            t.eligibility.maximum_age.as_ref(),
        );
    }
    t.eligibility.healthy_volunteers = common::yes_no(
        t,
        "eligibility.healthy_volunteers",
        e.healthy_volunteers.as_deref(),
    );
    t.eligibility.criteria_text = e
        .criteria
        .as_ref()
        .and_then(|c| c.get())
        .and_then(text::dedent);
}

fn contacts(t: &mut Trial, s: &ClinicalStudy) {
    for (i, p) in [&s.overall_contact, &s.overall_contact_backup]
        .into_iter()
        .flatten()
        .enumerate()
    {
        let c = person_contact(t, &format!("contacts.central[{i}]"), p, Some("Contact"));
        t.contacts.central.push(c);
    }
    for (i, p) in s.overall_official.iter().enumerate() {
        let name = p.name();
        let o = common::official(
            t,
            &format!("contacts.officials[{i}]"),
            name.as_deref(),
            p.role.as_deref(),
            p.affiliation.as_deref(),
        );
        t.contacts.officials.push(o);
    }
}

/// A contact from a person element; `role` is the role the element implies when it names
/// none (`<contact>` is a contact, `<investigator>` says its role).
fn person_contact(t: &mut Trial, path: &str, p: &Person, role: Option<&str>) -> Contact {
    let name = p.name();
    common::contact(
        t,
        path,
        name.as_deref(),
        p.role.as_deref().or(role),
        p.phone.as_deref(),
        p.phone_ext.as_deref(),
        p.email.as_deref(),
    )
}

fn sites(t: &mut Trial, locations: &[Location]) {
    for (i, l) in locations.iter().enumerate() {
        let status = t.enum_or_warn(&format!("sites[{i}].status"), l.status.as_deref());
        let mut contacts = Vec::new();
        let people = [&l.contact, &l.contact_backup]
            .into_iter()
            .flatten()
            .map(|p| (p, Some("Contact")))
            .chain(l.investigator.iter().map(|p| (p, None)));
        for (p, role) in people {
            let path = format!("sites[{i}].contacts[{}]", contacts.len());
            contacts.push(person_contact(t, &path, p, role));
        }
        let a = &l.facility.address;
        t.sites.push(Site {
            facility: text::opt_line(l.facility.name.as_deref()),
            status,
            city: text::opt_line(a.city.as_deref()),
            state: text::opt_line(a.state.as_deref()),
            zip: text::opt_line(a.zip.as_deref()),
            country: text::opt_line(a.country.as_deref()),
            country_code: None,
            contacts,
        });
    }
}
