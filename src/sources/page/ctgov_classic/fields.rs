//! The "Study Details" tab and the older print-style page: the status block, then labelled
//! fields ("Study Type :", "Enrollment:") and headed sections ("Primary Outcome Measures :",
//! "Condition or disease", "Contacts and Locations"). Sections are found by their headings,
//! so a page with one missing, moved or repeated still reads; the results tab's header
//! block is read by the same table.

use crate::model::*;
use crate::normalize::enums::Vocab;
use crate::normalize::text;
use crate::sources::find_nct_id;
use crate::sources::page::labels::{
    self, cells, count, dated, design_field, label_key, set_ages, split_label, yes_no,
};
use crate::sources::page::outline::{paragraphs, Line, Outline};

use super::tables;

/// What a heading or label opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Lines before the first label (older pages' status sentence).
    Header,
    /// A heading that only ends the section above it ("Study Design", "More Information").
    Divider(&'static str),
    /// A label or heading whose lines belong to no field of the model.
    Ignored,
    NctId,
    Status,
    FirstPosted,
    LastUpdatePosted,
    Verified,
    FirstReceived,
    LastUpdated,
    Sponsor,
    Collaborators,
    InformationProvider,
    /// "Information provided by (Responsible Party)": the information provider, who the page
    /// says is the responsible party too.
    ResponsibleProvider,
    WhyStopped,
    BriefSummary,
    DetailedDescription,
    Conditions,
    StudyType,
    /// A design key as the legacy XML names it ("Allocation", "Masking").
    Design(&'static str),
    OfficialTitle,
    Acronym,
    Enrollment(Option<DateType>),
    Start(Option<DateType>),
    PrimaryCompletion(Option<DateType>),
    Completion(Option<DateType>),
    Phase,
    Arms,
    Outcomes(OutcomeKind),
    Ages,
    Sex,
    HealthyVolunteers,
    Criteria,
    CentralContacts,
    Locations,
    Sponsors,
    Investigators,
    Official(OfficialRole),
    ResponsibleParty,
    OtherIds,
    Keywords,
    Mesh,
    Publications(Option<ReferenceType>),
    /// The Tabular View's "Brief Title" row.
    BriefTitle,
    /// The Tabular View's design cell: one "Key: value" line per design field.
    DesignLines,
    /// The Tabular View's intervention cell: "Drug: X", its description, other names.
    Interventions,
    /// The Tabular View's "Listed Location Countries".
    Countries,
}

/// Section headings, as [`label_key`]s of the whole line.
const HEADINGS: &[(&str, Kind)] = &[
    ("study description", Kind::Divider("Study Description")),
    ("study design", Kind::Divider("Study Design")),
    (
        "arms and interventions",
        Kind::Divider("Arms and Interventions"),
    ),
    ("groups and cohorts", Kind::Divider("Groups and Cohorts")),
    ("outcome measures", Kind::Divider("Outcome Measures")),
    (
        "eligibility criteria",
        Kind::Divider("Eligibility Criteria"),
    ),
    ("eligibility", Kind::Divider("Eligibility Criteria")),
    (
        "contacts and locations",
        Kind::Divider("Contacts and Locations"),
    ),
    ("more information", Kind::Divider("More Information")),
    ("brief summary", Kind::BriefSummary),
    ("detailed description", Kind::DetailedDescription),
    ("arm intervention/treatment", Kind::Arms),
    ("arms assigned interventions", Kind::Arms),
    ("group/cohort", Kind::Arms),
    ("group/cohort intervention/treatment", Kind::Arms),
    ("groups/cohorts assigned interventions", Kind::Arms),
    ("groups/cohorts", Kind::Arms),
    (
        "primary outcome measures",
        Kind::Outcomes(OutcomeKind::Primary),
    ),
    (
        "primary outcome measure",
        Kind::Outcomes(OutcomeKind::Primary),
    ),
    (
        "secondary outcome measures",
        Kind::Outcomes(OutcomeKind::Secondary),
    ),
    (
        "secondary outcome measure",
        Kind::Outcomes(OutcomeKind::Secondary),
    ),
    ("other outcome measures", Kind::Outcomes(OutcomeKind::Other)),
    (
        "other pre-specified outcome measures",
        Kind::Outcomes(OutcomeKind::Other),
    ),
    ("criteria", Kind::Criteria),
    ("study population", Kind::Ignored),
    ("contacts", Kind::CentralContacts),
    ("locations", Kind::Locations),
    ("sponsors and collaborators", Kind::Sponsors),
    ("investigators", Kind::Investigators),
    ("additional relevant mesh terms", Kind::Mesh),
    ("publications", Kind::Publications(None)),
    (
        "publications of results",
        Kind::Publications(Some(ReferenceType::Result)),
    ),
    ("additional information", Kind::Ignored),
    (
        "individual participant data (ipd) sharing statement",
        Kind::Ignored,
    ),
];

/// Headings matched at the start of the line ("Condition or disease Intervention/treatment
/// Phase", "Keywords provided by Wake Forest University Health Sciences:").
const HEADING_STARTS: &[(&str, Kind)] = &[
    ("condition or disease", Kind::Conditions),
    ("condition intervention", Kind::Conditions),
    ("condition phase", Kind::Conditions),
    ("keywords provided by", Kind::Keywords),
    (
        "publications automatically indexed to this study",
        Kind::Publications(Some(ReferenceType::Derived)),
    ),
    ("inclusion criteria", Kind::Criteria),
];

/// Field labels, as [`label_key`]s of the part before the colon.
const FIELDS: &[(&str, Kind)] = &[
    ("clinicaltrials.gov identifier", Kind::NctId),
    ("recruitment status", Kind::Status),
    ("recruitment status was", Kind::Ignored),
    ("first posted", Kind::FirstPosted),
    ("last update posted", Kind::LastUpdatePosted),
    ("results first posted", Kind::Ignored),
    ("last verified", Kind::Verified),
    ("first received", Kind::FirstReceived),
    ("study first received", Kind::FirstReceived),
    ("last updated", Kind::LastUpdated),
    ("sponsor", Kind::Sponsor),
    ("collaborators", Kind::Collaborators),
    ("collaborator", Kind::Collaborators),
    ("information provided by", Kind::InformationProvider),
    (
        "information provided by (responsible party)",
        Kind::ResponsibleProvider,
    ),
    ("why stopped", Kind::WhyStopped),
    ("brief summary", Kind::BriefSummary),
    ("detailed description", Kind::DetailedDescription),
    ("study type", Kind::StudyType),
    ("allocation", Kind::Design("Allocation")),
    (
        "endpoint classification",
        Kind::Design("Endpoint Classification"),
    ),
    ("intervention model", Kind::Design("Intervention Model")),
    ("observational model", Kind::Design("Observational Model")),
    ("time perspective", Kind::Design("Time Perspective")),
    ("masking", Kind::Design("Masking")),
    ("primary purpose", Kind::Design("Primary Purpose")),
    ("official title", Kind::OfficialTitle),
    ("acronym", Kind::Acronym),
    ("enrollment", Kind::Enrollment(None)),
    (
        "actual enrollment",
        Kind::Enrollment(Some(DateType::Actual)),
    ),
    (
        "estimated enrollment",
        Kind::Enrollment(Some(DateType::Estimated)),
    ),
    (
        "anticipated enrollment",
        Kind::Enrollment(Some(DateType::Estimated)),
    ),
    ("study start date", Kind::Start(None)),
    ("study start", Kind::Start(None)),
    (
        "actual study start date",
        Kind::Start(Some(DateType::Actual)),
    ),
    (
        "estimated study start date",
        Kind::Start(Some(DateType::Estimated)),
    ),
    ("primary completion date", Kind::PrimaryCompletion(None)),
    (
        "actual primary completion date",
        Kind::PrimaryCompletion(Some(DateType::Actual)),
    ),
    (
        "estimated primary completion date",
        Kind::PrimaryCompletion(Some(DateType::Estimated)),
    ),
    ("study completion date", Kind::Completion(None)),
    (
        "actual study completion date",
        Kind::Completion(Some(DateType::Actual)),
    ),
    (
        "estimated study completion date",
        Kind::Completion(Some(DateType::Estimated)),
    ),
    ("phase", Kind::Phase),
    ("ages eligible for study", Kind::Ages),
    ("genders eligible for study", Kind::Sex),
    ("sexes eligible for study", Kind::Sex),
    ("accepts healthy volunteers", Kind::HealthyVolunteers),
    ("responsible party", Kind::ResponsibleParty),
    ("other study id numbers", Kind::OtherIds),
    (
        "study director",
        Kind::Official(OfficialRole::StudyDirector),
    ),
    ("study chair", Kind::Official(OfficialRole::StudyChair)),
    (
        "principal investigator",
        Kind::Official(OfficialRole::PrincipalInvestigator),
    ),
    (
        "sub-investigator",
        Kind::Official(OfficialRole::SubInvestigator),
    ),
    // Printed, but held by no field of the model.
    ("intervention model description", Kind::Ignored),
    ("masking description", Kind::Ignored),
    ("sampling method", Kind::Ignored),
    ("biospecimen retention", Kind::Ignored),
    ("gender based", Kind::Ignored),
    ("gender eligibility description", Kind::Ignored),
    ("plan to share ipd", Kind::Ignored),
    ("ipd sharing statement description", Kind::Ignored),
    ("supporting materials", Kind::Ignored),
    ("time frame", Kind::Ignored),
    ("access criteria", Kind::Ignored),
    ("url", Kind::Ignored),
    ("studies a u.s. fda-regulated drug product", Kind::Ignored),
    ("studies a u.s. fda-regulated device product", Kind::Ignored),
    (
        "product manufactured in and exported from the u.s.",
        Kind::Ignored,
    ),
    (
        "device product not approved or cleared by u.s. fda",
        Kind::Ignored,
    ),
    (
        "pediatric postmarket surveillance of a device product",
        Kind::Ignored,
    ),
    ("has data monitoring committee", Kind::Ignored),
];

/// A section: what opened it, the value on its own line, the lines below.
pub(super) struct Section {
    pub kind: Kind,
    pub value: String,
    pub body: Vec<Line>,
}

fn lookup(table: &[(&str, Kind)], key: &str) -> Option<Kind> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// What a field label (a [`label_key`]) opens, by the "Study Details" tab's table.
pub(super) fn lookup_field(key: &str) -> Option<Kind> {
    lookup(FIELDS, key)
}

/// What a line opens, with the value it carries.
fn classify(line: &Line) -> Option<(Kind, String)> {
    let t = line.text.as_str();
    let whole = label_key(t);
    if let Some(kind) = lookup(HEADINGS, &whole) {
        // "Study Design:" with a value is the older pages' one-line design label.
        if !(matches!(kind, Kind::Divider("Study Design")) && t.contains(':')) {
            return Some((kind, String::new()));
        }
    }
    for (start, kind) in HEADING_STARTS {
        if whole.starts_with(start) {
            let value = match kind {
                Kind::Criteria => t.get(start.len()..).unwrap_or("").to_string(),
                _ => String::new(),
            };
            return Some((*kind, value));
        }
    }
    let (label, value) = split_label(t)?;
    let key = label_key(label);
    if key == "study design" {
        // "Study Design: Allocation: Randomized" carries the first design field inline.
        let inner = Line {
            indent: line.indent,
            text: value.to_string(),
        };
        return classify(&inner).or(Some((Kind::Design("Study Design"), value.to_string())));
    }
    lookup(FIELDS, &key)
        .or_else(|| lookup(HEADINGS, &key))
        .map(|k| (k, value.to_string()))
}

/// Cuts the lines into sections at headings and labels.
pub(super) fn sections(lines: &[Line]) -> Vec<Section> {
    let mut out = vec![Section {
        kind: Kind::Header,
        value: String::new(),
        body: Vec::new(),
    }];
    for line in lines {
        let current = out.last().map(|s| s.kind);
        match classify(line) {
            // Inside the locations, investigators belong to the site above.
            Some((Kind::Official(_), _)) if current == Some(Kind::Locations) => {}
            Some((kind, value)) => {
                out.push(Section {
                    kind,
                    value,
                    body: Vec::new(),
                });
                continue;
            }
            None => {}
        }
        out.last_mut().expect("never empty").body.push(line.clone());
    }
    out
}

fn nonblank(lines: &[Line]) -> impl Iterator<Item = &Line> {
    lines.iter().filter(|l| !l.is_blank())
}

/// A single value: on the label's line, or the first line below it.
fn single(sec: &Section) -> Option<&str> {
    let v = sec.value.trim();
    if !v.is_empty() {
        return Some(v);
    }
    nonblank(&sec.body).next().map(|l| l.text.as_str())
}

/// A text block: the value on the label's line and the paragraphs below it.
fn block(sec: &Section) -> Option<String> {
    let mut lines = sec.body.clone();
    if !sec.value.trim().is_empty() {
        lines.insert(
            0,
            Line {
                indent: 0,
                text: sec.value.clone(),
            },
        );
    }
    paragraphs(&lines)
}

/// Reads the sections of a "Study Details" or print-style page into `t`; returns the
/// sections a full page has that this one lacks.
pub(super) fn read(t: &mut Trial, lines: &[Line]) -> Vec<String> {
    let secs = sections(lines);
    let has_summary = secs.iter().any(|s| s.kind == Kind::BriefSummary);
    let mut in_header = true;
    let mut criteria: Vec<Line> = Vec::new();
    let mut sponsors_section: Option<&Section> = None;
    let mut dividers: Vec<&str> = Vec::new();
    for sec in &secs {
        match sec.kind {
            Kind::Divider(name) => {
                dividers.push(name);
                in_header = false;
            }
            Kind::Conditions | Kind::BriefSummary => in_header = false,
            _ => {}
        }
        match sec.kind {
            Kind::Header => header(t, &sec.body),
            Kind::Criteria => {
                if !sec.value.trim().is_empty() || criteria.is_empty() {
                    let heading = match sec.value.trim() {
                        "" => String::new(),
                        v => format!("Inclusion Criteria{v}"),
                    };
                    if !heading.is_empty() {
                        criteria.push(Line {
                            indent: 0,
                            text: heading,
                        });
                    }
                }
                criteria.extend(sec.body.iter().cloned());
            }
            Kind::Sponsors => sponsors_section = Some(sec),
            // Older pages list the sites right under the heading.
            Kind::Divider("Contacts and Locations") => tables::locations(t, &sec.body),
            Kind::FirstReceived | Kind::LastUpdated | Kind::Verified
                if in_header && !has_summary =>
            {
                // Older pages print the summary below the header's last date.
                field(t, sec);
                let below: Vec<Line> = sec
                    .body
                    .iter()
                    .skip_while(|l| l.is_blank())
                    .cloned()
                    .collect();
                let rest = if sec.value.trim().is_empty() {
                    &below[1.min(below.len())..]
                } else {
                    &below[..]
                };
                if let Some(p) = paragraphs(rest) {
                    t.description.brief_summary = Some(p);
                }
            }
            _ => field(t, sec),
        }
    }
    if let Some(sec) = sponsors_section {
        tables::sponsors(t, &sec.body);
    }
    let text = Outline::render(&criteria);
    t.eligibility.criteria_text = text::line(&text).map(|_| text.trim().to_string());
    tables::split_official_affiliations(t);
    missing(&dividers, &secs)
}

/// The sections a full page of its layout has and this one lacks: the "Study Details" tab
/// heads each of its sections; the older print-style page has eligibility, contacts and
/// "More Information" fields.
fn missing(dividers: &[&str], secs: &[Section]) -> Vec<String> {
    if dividers.contains(&"Study Description") || dividers.contains(&"Study Design") {
        return [
            "Study Description",
            "Study Design",
            "Eligibility Criteria",
            "Contacts and Locations",
            "More Information",
        ]
        .iter()
        .filter(|d| !dividers.contains(d))
        .map(|d| format!("its \"{d}\" section"))
        .collect();
    }
    let has = |k: Kind| secs.iter().any(|s| s.kind == k);
    let mut out = Vec::new();
    if !has(Kind::Ages) && !has(Kind::Criteria) {
        out.push("its eligibility section".to_string());
    }
    if !has(Kind::Divider("Contacts and Locations")) && !has(Kind::Sponsors) {
        out.push("its \"Contacts and Locations\" section".to_string());
    }
    if !has(Kind::ResponsibleParty) && !has(Kind::OtherIds) && !has(Kind::Mesh) {
        out.push("its \"More Information\" section".to_string());
    }
    out
}

/// Older pages' status sentence ("This study has been completed.") in the header lines.
fn header(t: &mut Trial, body: &[Line]) {
    for l in nonblank(body) {
        if let Some(s) = OverallStatus::from_words(&l.text) {
            t.status.overall = Some(s);
        }
    }
}

/// The type of a completion date or an enrollment: marked on the label, or ("Anticipated") on
/// older pages' value; an unmarked one on those pages is actual (the pages marked only the
/// anticipated ones, and the XML of the same records says `type="Actual"`).
fn date_kind(kind: Option<DateType>, value: &str) -> Option<DateType> {
    start_kind(kind, value).or(Some(DateType::Actual))
}

/// The type of a start date: marked on the label or the value, else none. Unlike completion
/// dates, the registry typed no start date before 2017 (its XML of the time gives
/// `<start_date>March 2016</start_date>`), so an unmarked one is not known to be actual.
fn start_kind(kind: Option<DateType>, value: &str) -> Option<DateType> {
    kind.or_else(|| {
        (value.contains("Anticipated") || value.contains("Estimated"))
            .then_some(DateType::Estimated)
    })
}

/// Where a dated event goes.
fn date_path(kind: Kind) -> &'static str {
    match kind {
        Kind::Start(_) => "status.start",
        Kind::PrimaryCompletion(_) => "status.primary_completion",
        _ => "status.completion",
    }
}

/// The Tabular View's own cells.
fn tabular_field(t: &mut Trial, sec: &Section, v: Option<&str>) {
    match sec.kind {
        Kind::BriefTitle if t.titles.brief.is_none() => t.titles.brief = v.and_then(text::line),
        Kind::DesignLines => {
            for l in super::value_lines(&sec.value, &sec.body) {
                let Some((key, value)) = split_label(l) else {
                    continue;
                };
                match lookup(FIELDS, &label_key(key)) {
                    Some(Kind::Design(key)) => design_field(t, key, value),
                    Some(Kind::StudyType) => {
                        t.design.study_type = t.enum_or_warn("design.study_type", Some(value))
                    }
                    _ => {}
                }
            }
        }
        Kind::Interventions => tables::interventions(t, &sec.value, &sec.body),
        _ => {}
    }
}

/// Sets the field a section holds.
pub(super) fn field(t: &mut Trial, sec: &Section) {
    let v = single(sec);
    match sec.kind {
        Kind::NctId => t.ids.nct_id = v.and_then(find_nct_id).or(t.ids.nct_id.take()),
        Kind::Status => t.status.overall = t.enum_or_warn("status.overall", v),
        Kind::FirstPosted => t.status.first_posted = labels::date(t, "status.first_posted", v),
        Kind::LastUpdatePosted | Kind::LastUpdated => {
            t.status.last_updated = labels::date(t, "status.last_updated", v)
        }
        Kind::Verified => t.status.verified = labels::date(t, "status.verified", v),
        Kind::FirstReceived => {
            t.status.first_submitted = labels::date(t, "status.first_submitted", v)
        }
        Kind::Sponsor
        | Kind::Collaborators
        | Kind::InformationProvider
        | Kind::ResponsibleProvider
        | Kind::ResponsibleParty
        | Kind::Investigators
        | Kind::Official(_) => people_field(t, sec, v),
        Kind::WhyStopped => t.status.why_stopped = v.and_then(text::line),
        Kind::BriefSummary => t.description.brief_summary = block(sec),
        Kind::DetailedDescription => t.description.detailed_description = block(sec),
        Kind::Conditions => {
            let mut lines = sec.body.clone();
            if !sec.value.trim().is_empty() {
                lines.insert(
                    0,
                    Line {
                        indent: 0,
                        text: sec.value.clone(),
                    },
                );
            }
            tables::conditions(t, &lines)
        }
        Kind::StudyType => t.design.study_type = t.enum_or_warn("design.study_type", v),
        Kind::Design(key) => {
            if let Some(v) = v {
                design_field(t, key, v)
            }
        }
        Kind::OfficialTitle => t.titles.official = v.and_then(text::line),
        Kind::Acronym => t.titles.acronym = v.and_then(text::line),
        Kind::Enrollment(kind) => {
            t.enrollment.count = count(t, "enrollment.count", v);
            t.enrollment.kind = t
                .enrollment
                .count
                .and(date_kind(kind, v.unwrap_or_default()));
        }
        Kind::Start(k) | Kind::PrimaryCompletion(k) | Kind::Completion(k) => {
            let value = v.unwrap_or_default();
            let kind = match sec.kind {
                Kind::Start(_) => start_kind(k, value),
                _ => date_kind(k, value),
            };
            let path = date_path(sec.kind);
            let event = dated(t, path, v, kind);
            match sec.kind {
                Kind::Start(_) => t.status.start = event,
                Kind::PrimaryCompletion(_) => t.status.primary_completion = event,
                _ => t.status.completion = event,
            }
        }
        Kind::Phase => t.set_phases(v),
        Kind::Arms => tables::arms(t, &sec.body),
        Kind::Outcomes(kind) => tables::outcomes(t, kind, &sec.value, &sec.body),
        Kind::Ages => set_ages(t, v),
        Kind::Sex => t.eligibility.sex = t.enum_or_warn("eligibility.sex", v),
        Kind::HealthyVolunteers => {
            t.eligibility.healthy_volunteers = yes_no(t, "eligibility.healthy_volunteers", v)
        }
        Kind::CentralContacts => tables::central_contacts(t, &sec.body),
        Kind::Locations => tables::locations(t, &sec.body),
        Kind::OtherIds => tables::other_ids(t, super::value_lines(&sec.value, &sec.body)),
        Kind::Keywords | Kind::Mesh => {
            let terms = cells(&sec.body, false)
                .iter()
                .filter_map(|l| text::line(&l.text))
                .collect::<Vec<_>>();
            match sec.kind {
                Kind::Keywords => t.keywords.extend(terms),
                _ => t.mesh_terms.extend(terms),
            }
        }
        Kind::Publications(kind) => tables::references(t, kind, &sec.body),
        Kind::BriefTitle | Kind::DesignLines | Kind::Interventions | Kind::Countries => {
            tabular_field(t, sec, v)
        }
        Kind::Header | Kind::Divider(_) | Kind::Ignored | Kind::Criteria | Kind::Sponsors => {}
    }
}

/// Sets a field of who runs the study: sponsor, collaborators, information provider,
/// responsible party, officials.
fn people_field(t: &mut Trial, sec: &Section, v: Option<&str>) {
    match sec.kind {
        Kind::Sponsor => {
            t.sponsors.lead = v.map(|n| Organization {
                name: text::line(n),
                class: None,
            })
        }
        Kind::Collaborators => {
            let names = super::value_lines(&sec.value, &sec.body);
            t.sponsors.collaborators = names
                .map(|n| Organization {
                    name: text::line(n),
                    class: None,
                })
                .collect();
        }
        Kind::InformationProvider => t.sponsors.information_provider = v.and_then(text::line),
        Kind::ResponsibleProvider => match v {
            Some(v) => labels::responsible_provider(t, v),
            None => t.sponsors.information_provider = None,
        },
        Kind::Investigators => {
            for l in super::value_lines(&sec.value, &sec.body) {
                let line = Line {
                    indent: 0,
                    text: l.to_string(),
                };
                if let Some((Kind::Official(role), value)) = classify(&line) {
                    tables::official(t, role, &value);
                }
            }
        }
        Kind::Official(role) => tables::official(t, role, v.unwrap_or_default()),
        Kind::ResponsibleParty => {
            if let Some(v) = v {
                labels::responsible_party(t, v)
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(s: &str) -> Option<Kind> {
        classify(&Line {
            indent: 0,
            text: s.into(),
        })
        .map(|k| k.0)
    }

    #[test]
    fn labels_with_the_glossary_space_and_tabs() {
        assert_eq!(kind("Recruitment Status : Completed"), Some(Kind::Status));
        assert_eq!(
            kind("Actual Enrollment :\t40 participants"),
            Some(Kind::Enrollment(Some(DateType::Actual)))
        );
        assert_eq!(
            kind("Primary Outcome Measures :"),
            Some(Kind::Outcomes(OutcomeKind::Primary))
        );
        assert_eq!(kind("Condition or disease"), Some(Kind::Conditions));
        assert_eq!(
            kind("Keywords provided by Wake Forest:"),
            Some(Kind::Keywords)
        );
        assert_eq!(
            kind("Study Design: Allocation: Randomized"),
            Some(Kind::Design("Allocation"))
        );
        assert_eq!(kind("CCCWFU 62A15 ( Other Identifier: NCI )"), None);
    }
}
