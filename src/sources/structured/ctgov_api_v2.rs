//! ClinicalTrials.gov API v2 study JSON: one study object (`protocolSection`,
//! `derivedSection`, …) or a search page `{"studies": [...], "nextPageToken": ...}`. Each
//! study is read into the typed shape below, then mapped to [`Trial`]. Results, annotation
//! and document sections are not in the model and are skipped by serde.
//!
//! Text fields are Markdown: backslash escapes (`\>=`) are removed before cleaning.

use serde::Deserialize;
use serde_json::value::RawValue;

use super::ctgov_common::{self as common, push_unique};
use crate::error::{Error, Result};
use crate::model::*;
use crate::normalize::text;
use crate::sources::Records;
use crate::Format;

const FORMAT: Format = Format::CtgovApiV2Json;

/// The outer shape of an input: a search page has `studies`, a single study does not.
#[derive(Deserialize)]
struct Page<'a> {
    #[serde(borrow)]
    studies: Option<Vec<&'a RawValue>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Study {
    protocol_section: Option<Protocol>,
    derived_section: Derived,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
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
#[serde(default, rename_all = "camelCase")]
struct Identification {
    nct_id: Option<String>,
    org_study_id_info: IdInfo,
    secondary_id_infos: Vec<IdInfo>,
    brief_title: Option<String>,
    official_title: Option<String>,
    acronym: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct IdInfo {
    id: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct DateStruct {
    date: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct StatusModule {
    status_verified_date: Option<String>,
    overall_status: Option<String>,
    why_stopped: Option<String>,
    start_date_struct: Option<DateStruct>,
    primary_completion_date_struct: Option<DateStruct>,
    completion_date_struct: Option<DateStruct>,
    study_first_submit_date: Option<String>,
    study_first_post_date_struct: Option<DateStruct>,
    last_update_post_date_struct: Option<DateStruct>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct SponsorModule {
    responsible_party: Option<Party>,
    lead_sponsor: Option<Org>,
    collaborators: Vec<Org>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Party {
    #[serde(rename = "type")]
    kind: Option<String>,
    investigator_full_name: Option<String>,
    investigator_title: Option<String>,
    investigator_affiliation: Option<String>,
    old_name_title: Option<String>,
    old_organization: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Org {
    name: Option<String>,
    class: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DescriptionModule {
    brief_summary: Option<String>,
    detailed_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ConditionsModule {
    conditions: Vec<String>,
    keywords: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DesignModule {
    study_type: Option<String>,
    phases: Vec<String>,
    design_info: DesignInfo,
    enrollment_info: Option<EnrollmentInfo>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct DesignInfo {
    allocation: Option<String>,
    intervention_model: Option<String>,
    primary_purpose: Option<String>,
    observational_model: Option<String>,
    time_perspective: Option<String>,
    masking_info: MaskingInfo,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct MaskingInfo {
    masking: Option<String>,
    who_masked: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct EnrollmentInfo {
    count: Option<u64>,
    #[serde(rename = "type")]
    kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ArmsModule {
    arm_groups: Vec<ArmGroup>,
    interventions: Vec<V2Intervention>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ArmGroup {
    label: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    description: Option<String>,
    intervention_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct V2Intervention {
    #[serde(rename = "type")]
    kind: Option<String>,
    name: Option<String>,
    description: Option<String>,
    arm_group_labels: Vec<String>,
    other_names: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct OutcomesModule {
    primary_outcomes: Vec<V2Outcome>,
    secondary_outcomes: Vec<V2Outcome>,
    other_outcomes: Vec<V2Outcome>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct V2Outcome {
    measure: Option<String>,
    description: Option<String>,
    time_frame: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct EligibilityModule {
    eligibility_criteria: Option<String>,
    healthy_volunteers: Option<bool>,
    sex: Option<String>,
    minimum_age: Option<String>,
    maximum_age: Option<String>,
    std_ages: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct ContactsModule {
    central_contacts: Vec<V2Contact>,
    overall_officials: Vec<V2Official>,
    locations: Vec<V2Location>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct V2Contact {
    name: Option<String>,
    role: Option<String>,
    phone: Option<String>,
    phone_ext: Option<String>,
    email: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct V2Official {
    name: Option<String>,
    affiliation: Option<String>,
    role: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct V2Location {
    facility: Option<String>,
    status: Option<String>,
    city: Option<String>,
    state: Option<String>,
    zip: Option<String>,
    country: Option<String>,
    contacts: Vec<V2Contact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ReferencesModule {
    references: Vec<V2Reference>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct V2Reference {
    pmid: Option<String>,
    #[serde(rename = "type")]
    kind: Option<String>,
    citation: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Derived {
    misc_info_module: MiscInfo,
    condition_browse_module: BrowseModule,
    intervention_browse_module: BrowseModule,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct MiscInfo {
    version_holder: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct BrowseModule {
    meshes: Vec<Mesh>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct Mesh {
    term: Option<String>,
}

/// Reads a single study, a search page, or JSON Lines of studies (what `trialnorm fetch
/// --raw` writes), one record per study in order.
pub fn read(json: &str) -> Result<Records> {
    if is_json_lines(json) {
        return Ok(json_lines(json));
    }
    read_value(json)
}

/// Reads one JSON value: a study, a search page or an array of studies.
fn read_value(json: &str) -> Result<Records> {
    let malformed = |e: serde_json::Error| Error::malformed(FORMAT, e.to_string());
    if json.trim_start().starts_with('[') {
        // A bare array of studies, as tools that concatenate pages write them.
        let studies: Vec<&RawValue> = serde_json::from_str(json).map_err(malformed)?;
        return Ok(each(studies));
    }
    // Read as a study first (one pass over the bytes, the common case); only a value that
    // is not a study is looked at again as a search page.
    let not_a_study = match study(json) {
        e @ Err(Error::NotAStudy(_) | Error::Malformed { .. }) => e,
        one => return Ok(vec![one]),
    };
    let page: Page = serde_json::from_str(json).map_err(malformed)?;
    match page.studies {
        Some(studies) => Ok(each(studies)),
        None => Ok(vec![not_a_study]),
    }
}

/// Whether `json` is JSON Lines: its first non-blank line is a whole JSON value, and more
/// lines follow. (A pretty-printed study's first line, `{`, is not a whole value.)
fn is_json_lines(json: &str) -> bool {
    if !json.trim().contains('\n') {
        return false;
    }
    let mut lines = json.lines().filter(|l| !l.trim().is_empty());
    let first = lines.next();
    first.is_some_and(|l| serde_json::from_str::<&RawValue>(l).is_ok()) && lines.next().is_some()
}

/// The records of every non-blank line (a study, or a search page), in order; errors name
/// their line.
fn json_lines(json: &str) -> Records {
    json.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .flat_map(|(i, l)| {
            let at_line = |e: Error| match e {
                Error::Malformed { format, reason } => Error::Malformed {
                    format,
                    reason: format!("line {}: {reason}", i + 1),
                },
                other => other,
            };
            match read_value(l) {
                Ok(records) => records.into_iter().map(|r| r.map_err(at_line)).collect(),
                Err(e) => vec![Err(at_line(e))],
            }
        })
        .collect()
}

/// One result per study of a list; a failure names the study's place in the list, since
/// the parser's line and column are counted within that study.
fn each(studies: Vec<&RawValue>) -> Records {
    studies
        .into_iter()
        .enumerate()
        .map(|(i, s)| {
            study(s.get()).map_err(|e| match e {
                Error::Malformed { format, reason } => Error::Malformed {
                    format,
                    reason: format!("study {} of the list: {reason}", i + 1),
                },
                other => other,
            })
        })
        .collect()
}

fn study(json: &str) -> Result<Trial> {
    let s: Study =
        serde_json::from_str(json).map_err(|e| Error::malformed(FORMAT, e.to_string()))?;
    let p = s
        .protocol_section
        .ok_or_else(|| Error::NotAStudy("API v2 JSON without a protocolSection".into()))?;
    map(p, s.derived_section)
}

/// Markdown text as one line.
fn md_line(raw: Option<&str>) -> Option<String> {
    raw.and_then(|r| text::line(&text::unescape_markdown(r)))
}

fn map(p: Protocol, d: Derived) -> Result<Trial> {
    let mut t = Trial::new(Registry::Ctgov, FORMAT);
    let id = &p.identification_module;
    t.ids.nct_id = text::opt_line(id.nct_id.as_deref());
    if t.ids.nct_id.is_none() {
        return Err(Error::NotAStudy("API v2 study without an nctId".into()));
    }
    t.source.url = common::study_url(t.ids.nct_id.as_deref());
    t.source.record_date = d
        .misc_info_module
        .version_holder
        .as_deref()
        .and_then(crate::normalize::date::iso);
    t.ids.org_study_id = text::opt_line(id.org_study_id_info.id.as_deref());
    t.ids.secondary_ids = id
        .secondary_id_infos
        .iter()
        .filter_map(|i| text::opt_line(i.id.as_deref()))
        .collect();
    t.titles.brief = md_line(id.brief_title.as_deref());
    t.titles.official = md_line(id.official_title.as_deref());
    t.titles.acronym = md_line(id.acronym.as_deref());

    let st = &p.status_module;
    t.status.overall = t.enum_or_warn("status.overall", st.overall_status.as_deref());
    t.status.why_stopped = md_line(st.why_stopped.as_deref());
    let dated = |t: &mut Trial, path: &str, d: &Option<DateStruct>| match d {
        Some(d) => common::dated(t, path, d.date.as_deref(), d.kind.as_deref()),
        None => DatedEvent::default(),
    };
    t.status.start = dated(&mut t, "status.start", &st.start_date_struct);
    t.status.primary_completion = dated(
        &mut t,
        "status.primary_completion",
        &st.primary_completion_date_struct,
    );
    t.status.completion = dated(&mut t, "status.completion", &st.completion_date_struct);
    t.status.first_submitted = common::iso_or_warn(
        &mut t,
        "status.first_submitted",
        st.study_first_submit_date.as_deref(),
    );
    let posted = st
        .study_first_post_date_struct
        .as_ref()
        .and_then(|d| d.date.as_deref());
    t.status.first_posted = common::iso_or_warn(&mut t, "status.first_posted", posted);
    let updated = st
        .last_update_post_date_struct
        .as_ref()
        .and_then(|d| d.date.as_deref());
    t.status.last_updated = common::iso_or_warn(&mut t, "status.last_updated", updated);
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
            l.name.as_deref(),
            l.class.as_deref(),
        );
    }
    for (i, c) in sp.collaborators.iter().enumerate() {
        let path = format!("sponsors.collaborators[{i}]");
        if let Some(o) = common::organization(&mut t, &path, c.name.as_deref(), c.class.as_deref())
        {
            t.sponsors.collaborators.push(o);
        }
    }
    if let Some(r) = &sp.responsible_party {
        common::set_responsible_party(
            &mut t,
            r.kind.as_deref(),
            r.investigator_full_name
                .as_deref()
                .or(r.old_name_title.as_deref()),
            r.investigator_title.as_deref(),
            r.investigator_affiliation
                .as_deref()
                .or(r.old_organization.as_deref()),
        );
    }

    let md_paragraphs = |raw: &Option<String>| {
        raw.as_deref()
            .and_then(|r| text::line_paragraphs(&text::unescape_markdown(r)))
    };
    t.description.brief_summary = md_paragraphs(&p.description_module.brief_summary);
    t.description.detailed_description = md_paragraphs(&p.description_module.detailed_description);
    t.conditions = p
        .conditions_module
        .conditions
        .iter()
        .filter_map(|c| md_line(Some(c)))
        .collect();
    t.keywords = p
        .conditions_module
        .keywords
        .iter()
        .filter_map(|c| md_line(Some(c)))
        .collect();
    for m in d
        .condition_browse_module
        .meshes
        .iter()
        .chain(&d.intervention_browse_module.meshes)
    {
        if let Some(term) = &m.term {
            push_unique(&mut t.mesh_terms, term);
        }
    }

    let dm = &p.design_module;
    t.design.study_type = t.enum_or_warn("design.study_type", dm.study_type.as_deref());
    t.set_phases(dm.phases.iter().map(String::as_str));
    let di = &dm.design_info;
    t.design.allocation = t.enum_or_warn("design.allocation", di.allocation.as_deref());
    t.design.intervention_model = t.enum_or_warn(
        "design.intervention_model",
        di.intervention_model.as_deref(),
    );
    t.design.observational_model = t.enum_or_warn(
        "design.observational_model",
        di.observational_model.as_deref(),
    );
    t.design.time_perspective =
        t.enum_or_warn("design.time_perspective", di.time_perspective.as_deref());
    t.design.primary_purpose =
        t.enum_or_warn("design.primary_purpose", di.primary_purpose.as_deref());
    common::set_masking_parts(
        &mut t,
        di.masking_info.masking.as_deref(),
        &di.masking_info.who_masked,
    );
    if let Some(e) = &dm.enrollment_info {
        t.enrollment.count = e.count;
        t.enrollment.kind = t.enum_or_warn("enrollment.type", e.kind.as_deref());
    }

    let am = &p.arms_interventions_module;
    for (i, a) in am.arm_groups.iter().enumerate() {
        let kind = t.enum_or_warn(&format!("arms[{i}].type"), a.kind.as_deref());
        t.arms.push(Arm {
            label: md_line(a.label.as_deref()).unwrap_or_default(),
            kind,
            description: md_line(a.description.as_deref()),
            intervention_names: a
                .intervention_names
                .iter()
                .filter_map(|n| md_line(Some(n)))
                .collect(),
        });
    }
    for (i, iv) in am.interventions.iter().enumerate() {
        let kind = t.enum_or_warn(&format!("interventions[{i}].type"), iv.kind.as_deref());
        t.interventions.push(Intervention {
            kind,
            name: md_line(iv.name.as_deref()).unwrap_or_default(),
            description: md_line(iv.description.as_deref()),
            other_names: iv
                .other_names
                .iter()
                .filter_map(|n| md_line(Some(n)))
                .collect(),
            arm_labels: iv
                .arm_group_labels
                .iter()
                .filter_map(|n| md_line(Some(n)))
                .collect(),
        });
    }
    let om = &p.outcomes_module;
    for (kind, list) in [
        (OutcomeKind::Primary, &om.primary_outcomes),
        (OutcomeKind::Secondary, &om.secondary_outcomes),
        (OutcomeKind::Other, &om.other_outcomes),
    ] {
        for o in list {
            t.outcomes.push(Outcome {
                kind: Some(kind),
                measure: md_line(o.measure.as_deref()).unwrap_or_default(),
                description: md_line(o.description.as_deref()),
                time_frame: md_line(o.time_frame.as_deref()),
                time_points: Vec::new(),
                safety_issue: None,
            });
        }
    }

    let el = &p.eligibility_module;
    t.eligibility.sex = t.enum_or_warn("eligibility.sex", el.sex.as_deref());
    t.eligibility.minimum_age =
        common::age_bound(&mut t, "eligibility.minimum_age", el.minimum_age.as_deref());
    t.eligibility.maximum_age =
        common::age_bound(&mut t, "eligibility.maximum_age", el.maximum_age.as_deref());
    for (i, a) in el.std_ages.iter().enumerate() {
        if let Some(v) = t.enum_or_warn(&format!("eligibility.std_ages[{i}]"), Some(a)) {
            t.eligibility.std_ages.push(v);
        }
    }
    t.eligibility.healthy_volunteers = el.healthy_volunteers;
    t.eligibility.criteria_text = el
        .eligibility_criteria
        .as_deref()
        .and_then(|c| text::dedent(&text::unescape_markdown(c)));

    let cm = &p.contacts_locations_module;
    for (i, c) in cm.central_contacts.iter().enumerate() {
        let c = v2_contact(&mut t, &format!("contacts.central[{i}]"), c);
        t.contacts.central.push(c);
    }
    for (i, o) in cm.overall_officials.iter().enumerate() {
        let o = common::official(
            &mut t,
            &format!("contacts.officials[{i}]"),
            o.name.as_deref(),
            o.role.as_deref(),
            o.affiliation.as_deref(),
        );
        t.contacts.officials.push(o);
    }
    for (i, l) in cm.locations.iter().enumerate() {
        let status = t.enum_or_warn(&format!("sites[{i}].status"), l.status.as_deref());
        let contacts = l
            .contacts
            .iter()
            .enumerate()
            .map(|(j, c)| v2_contact(&mut t, &format!("sites[{i}].contacts[{j}]"), c))
            .collect();
        t.sites.push(Site {
            facility: text::opt_line(l.facility.as_deref()),
            status,
            city: text::opt_line(l.city.as_deref()),
            state: text::opt_line(l.state.as_deref()),
            zip: text::opt_line(l.zip.as_deref()),
            country: text::opt_line(l.country.as_deref()),
            country_code: None,
            contacts,
        });
    }
    for (i, r) in p.references_module.references.iter().enumerate() {
        let kind = t.enum_or_warn(&format!("references[{i}].type"), r.kind.as_deref());
        t.references.push(Reference {
            citation: md_line(r.citation.as_deref()),
            pmid: text::opt_line(r.pmid.as_deref()),
            kind,
        });
    }
    Ok(t)
}

fn v2_contact(t: &mut Trial, path: &str, c: &V2Contact) -> Contact {
    common::contact(
        t,
        path,
        c.name.as_deref(),
        c.role.as_deref(),
        c.phone.as_deref(),
        c.phone_ext.as_deref(),
        c.email.as_deref(),
    )
}
