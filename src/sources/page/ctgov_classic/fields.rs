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
#[rustfmt::skip]
const HEADINGS: &[(Kind, &[&str])] = &[
    (Kind::Divider("Study Description"), &["study description"]),
    (Kind::Divider("Study Design"), &["study design"]),
    (Kind::Divider("Arms and Interventions"), &["arms and interventions"]),
    (Kind::Divider("Groups and Cohorts"), &["groups and cohorts"]),
    (Kind::Divider("Outcome Measures"), &["outcome measures"]),
    (Kind::Divider("Eligibility Criteria"), &["eligibility criteria", "eligibility"]),
    (Kind::Divider("Contacts and Locations"), &["contacts and locations"]),
    (Kind::Divider("More Information"), &["more information"]),
    (Kind::BriefSummary, &["brief summary"]),
    (Kind::DetailedDescription, &["detailed description"]),
    (Kind::Arms, &[
        "arm intervention/treatment", "arms assigned interventions", "group/cohort",
        "group/cohort intervention/treatment", "groups/cohorts assigned interventions",
        "groups/cohorts",
    ]),
    (Kind::Outcomes(OutcomeKind::Primary), &[
        "primary outcome measures", "primary outcome measure",
    ]),
    (Kind::Outcomes(OutcomeKind::Secondary), &[
        "secondary outcome measures", "secondary outcome measure",
    ]),
    (Kind::Outcomes(OutcomeKind::Other), &[
        "other outcome measures", "other pre-specified outcome measures",
    ]),
    (Kind::Criteria, &["criteria"]),
    (Kind::Ignored, &[
        "study population", "additional information",
        "individual participant data (ipd) sharing statement",
    ]),
    (Kind::CentralContacts, &["contacts"]),
    (Kind::Locations, &["locations"]),
    (Kind::Sponsors, &["sponsors and collaborators"]),
    (Kind::Investigators, &["investigators"]),
    (Kind::Mesh, &["additional relevant mesh terms"]),
    (Kind::Publications(None), &["publications"]),
    (Kind::Publications(Some(ReferenceType::Result)), &["publications of results"]),
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
#[rustfmt::skip]
const FIELDS: &[(Kind, &[&str])] = &[
    (Kind::NctId, &["clinicaltrials.gov identifier"]),
    (Kind::Status, &["recruitment status"]),
    (Kind::FirstPosted, &["first posted"]),
    (Kind::LastUpdatePosted, &["last update posted"]),
    (Kind::Verified, &["last verified"]),
    (Kind::FirstReceived, &["first received", "study first received"]),
    (Kind::LastUpdated, &["last updated"]),
    (Kind::Sponsor, &["sponsor"]),
    (Kind::Collaborators, &["collaborators", "collaborator"]),
    (Kind::InformationProvider, &["information provided by"]),
    (Kind::ResponsibleProvider, &["information provided by (responsible party)"]),
    (Kind::WhyStopped, &["why stopped"]),
    (Kind::BriefSummary, &["brief summary"]),
    (Kind::DetailedDescription, &["detailed description"]),
    (Kind::StudyType, &["study type"]),
    (Kind::Design("Allocation"), &["allocation"]),
    (Kind::Design("Endpoint Classification"), &["endpoint classification"]),
    (Kind::Design("Intervention Model"), &["intervention model"]),
    (Kind::Design("Observational Model"), &["observational model"]),
    (Kind::Design("Time Perspective"), &["time perspective"]),
    (Kind::Design("Masking"), &["masking"]),
    (Kind::Design("Primary Purpose"), &["primary purpose"]),
    (Kind::OfficialTitle, &["official title"]),
    (Kind::Acronym, &["acronym"]),
    (Kind::Enrollment(None), &["enrollment"]),
    (Kind::Enrollment(Some(DateType::Actual)), &["actual enrollment"]),
    (Kind::Enrollment(Some(DateType::Estimated)), &[
        "estimated enrollment", "anticipated enrollment",
    ]),
    (Kind::Start(None), &["study start date", "study start"]),
    (Kind::Start(Some(DateType::Actual)), &["actual study start date"]),
    (Kind::Start(Some(DateType::Estimated)), &["estimated study start date"]),
    (Kind::PrimaryCompletion(None), &["primary completion date"]),
    (Kind::PrimaryCompletion(Some(DateType::Actual)), &["actual primary completion date"]),
    (Kind::PrimaryCompletion(Some(DateType::Estimated)), &["estimated primary completion date"]),
    (Kind::Completion(None), &["study completion date"]),
    (Kind::Completion(Some(DateType::Actual)), &["actual study completion date"]),
    (Kind::Completion(Some(DateType::Estimated)), &["estimated study completion date"]),
    (Kind::Phase, &["phase"]),
    (Kind::Ages, &["ages eligible for study"]),
    (Kind::Sex, &["genders eligible for study", "sexes eligible for study"]),
    (Kind::HealthyVolunteers, &["accepts healthy volunteers"]),
    (Kind::ResponsibleParty, &["responsible party"]),
    (Kind::OtherIds, &["other study id numbers"]),
    (Kind::Official(OfficialRole::StudyDirector), &["study director"]),
    (Kind::Official(OfficialRole::StudyChair), &["study chair"]),
    (Kind::Official(OfficialRole::PrincipalInvestigator), &["principal investigator"]),
    (Kind::Official(OfficialRole::SubInvestigator), &["sub-investigator"]),
    // Printed, but held by no field of the model.
    (Kind::Ignored, &[
        "recruitment status was", "results first posted", "intervention model description",
        "masking description", "sampling method", "biospecimen retention", "gender based",
        "gender eligibility description", "plan to share ipd", "ipd sharing statement description",
        "supporting materials", "time frame", "access criteria", "url",
        "studies a u.s. fda-regulated drug product", "studies a u.s. fda-regulated device product",
        "product manufactured in and exported from the u.s.",
        "device product not approved or cleared by u.s. fda",
        "pediatric postmarket surveillance of a device product", "has data monitoring committee",
    ]),
];

/// A section: what opened it, the value on its own line, the lines below.
pub(super) struct Section {
    pub kind: Kind,
    pub value: String,
    pub body: Vec<Line>,
}

/// What `key` opens by a table of labels grouped by what they open.
fn lookup(table: &[(Kind, &[&str])], key: &str) -> Option<Kind> {
    let (kind, _) = table.iter().find(|(_, keys)| keys.contains(&key))?;
    Some(*kind)
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

/// The section's lines: the value on the label's line (when there is one), then the body.
fn all_lines(sec: &Section) -> Vec<Line> {
    let value = Some(&sec.value).filter(|v| !v.trim().is_empty());
    let first = value.map(|v| Line {
        indent: 0,
        text: v.clone(),
    });
    first.into_iter().chain(sec.body.iter().cloned()).collect()
}

/// A text block: the value on the label's line and the paragraphs below it.
fn block(sec: &Section) -> Option<String> {
    paragraphs(&all_lines(sec))
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
        Kind::Conditions => tables::conditions(t, &all_lines(sec)),
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
