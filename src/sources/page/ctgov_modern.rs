//! ClinicalTrials.gov modern study page (`/study/NCT…`), read section by section from its
//! outline: copied text directly, saved HTML once rendered to the same outline.
//!
//! The page is a header (title, status, "ClinicalTrials.gov ID", "Sponsor", "Information
//! provided by", "Last Update Posted") and eight sections: "Study Overview", "Contacts and
//! Locations", "Participation Criteria", "Study Plan", "Collaborators and Investigators",
//! "Publications", "Study Record Dates", "More Information". Inside them every field is a
//! label on its own line with its value on the lines below, up to the next label; dates carry
//! "(Actual)" or "(Estimated)" on the label. Labels are found by name wherever they stand, so
//! a section missing, moved or wrapped differently still reads.
//!
//! The record is framed first: the title is the line above the status tag and the
//! "ClinicalTrials.gov ID" label (in saved HTML, the page's `<h1>`), so the U.S. government
//! banner, the glossary panel (whose terms are the page's own labels) and the footer never
//! reach a field. The site renders the study by script: a page saved before it did holds no
//! study and is named as such rather than read. Where a saved page embeds the study record
//! for its scripts, the dispatcher checks it against the visible text
//! ([`super::embedded`]).
//!
//! Fields filled: `ids` (NCT id, org study id, secondary ids), `titles`, `status` (overall,
//! why stopped, start / primary completion / completion with the type their label marks,
//! first submitted, first posted, last updated, verified), `sponsors` (lead name,
//! collaborators, information provider), `description`, `conditions`, `keywords`,
//! `mesh_terms`, `design` (study type, phases, allocation, models, time perspective,
//! purpose, masking), `enrollment`, `arms`, `interventions`, `outcomes`, `eligibility`,
//! `contacts` (central contacts, officials), `sites`, `references` (with their type).
//!
//! Fields it cannot fill, since the page does not show them: `sponsors.lead.class` and the
//! collaborators' classes, `responsible_party`'s type, title and affiliation (the page
//! names the party only, after the provider: "…, Org (Responsible Party)"),
//! `design.endpoint_classification`, `outcomes[].safety_issue`, `source.record_date`;
//! the embedded record, where a saved page has one, supplies the lead sponsor's class.

use std::sync::LazyLock;

use super::labels::{
    add_reference, before_first, cells, contact_line, count, date, dated, label_key,
    phrases_only_key, responsible_provider, set_ages, set_design, split_place, study_url,
    typed_intervention, yes_no, Design, Phrases,
};
use crate::error::Result;
use crate::model::*;
use crate::normalize::enums::Vocab;
use crate::normalize::{scan, text};
use crate::sources::find_nct_id;
use crate::sources::page::outline::{paragraphs, Line, Outline};
use crate::Format;

/// What a label's value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    NctId,
    Sponsor,
    InformationProvider,
    WhyStopped,
    BriefSummary,
    DetailedDescription,
    OfficialTitle,
    Acronym,
    Conditions,
    Keywords,
    Interventions,
    OtherIds,
    Start,
    PrimaryCompletion,
    Completion,
    Enrollment,
    StudyType,
    Phase,
    CentralContact,
    Locations,
    Criteria,
    Ages,
    Sex,
    HealthyVolunteers,
    Design(Design),
    Arms,
    Outcomes(OutcomeKind),
    Collaborators,
    Investigators,
    Publications(Option<ReferenceType>),
    FirstSubmitted,
    FirstPosted,
    LastUpdated,
    Verified,
    Mesh,
    /// A heading or label whose lines belong to no field.
    Chrome,
}

/// Labels, matched against a whole line (case and a trailing "(Actual)" / "(Estimated)"
/// aside). Section headings are chrome: they only end the field above them.
const LABELS: &[(&str, Field)] = &[
    ("ClinicalTrials.gov ID", Field::NctId),
    ("Sponsor", Field::Sponsor),
    ("Information provided by", Field::InformationProvider),
    ("Why Stopped", Field::WhyStopped),
    ("Brief Summary", Field::BriefSummary),
    ("Detailed Description", Field::DetailedDescription),
    ("Official Title", Field::OfficialTitle),
    ("Acronym", Field::Acronym),
    ("Conditions", Field::Conditions),
    ("Keywords", Field::Keywords),
    ("Intervention / Treatment", Field::Interventions),
    ("Other Study ID Numbers", Field::OtherIds),
    ("Study Start", Field::Start),
    ("Primary Completion", Field::PrimaryCompletion),
    ("Study Completion", Field::Completion),
    ("Enrollment", Field::Enrollment),
    ("Study Type", Field::StudyType),
    ("Phase", Field::Phase),
    ("Study Contact", Field::CentralContact),
    ("Study Contact Backup", Field::CentralContact),
    ("Study Locations", Field::Locations),
    ("Eligibility Criteria", Field::Criteria),
    ("Ages Eligible for Study", Field::Ages),
    ("Sexes Eligible for Study", Field::Sex),
    ("Accepts Healthy Volunteers", Field::HealthyVolunteers),
    ("Arms and Interventions", Field::Arms),
    (
        "Primary Outcome Measures",
        Field::Outcomes(OutcomeKind::Primary),
    ),
    (
        "Secondary Outcome Measures",
        Field::Outcomes(OutcomeKind::Secondary),
    ),
    (
        "Other Outcome Measures",
        Field::Outcomes(OutcomeKind::Other),
    ),
    ("Collaborators", Field::Collaborators),
    ("Investigators", Field::Investigators),
    (
        "General Publications",
        Field::Publications(Some(ReferenceType::Background)),
    ),
    (
        "Publications of Results",
        Field::Publications(Some(ReferenceType::Result)),
    ),
    (
        "From PubMed",
        Field::Publications(Some(ReferenceType::Derived)),
    ),
    ("Publications", Field::Publications(None)),
    ("First Submitted", Field::FirstSubmitted),
    ("First Posted", Field::FirstPosted),
    ("Last Update Posted", Field::LastUpdated),
    ("Last Verified", Field::Verified),
    ("Additional Relevant MeSH Terms", Field::Mesh),
    // Section headings and sub-headings.
    ("Study Overview", Field::Chrome),
    ("Contacts and Locations", Field::Chrome),
    ("Participation Criteria", Field::Chrome),
    ("Study Plan", Field::Chrome),
    ("Collaborators and Investigators", Field::Chrome),
    ("Study Record Dates", Field::Chrome),
    ("More Information", Field::Chrome),
    ("How is the study designed?", Field::Chrome),
    ("Design Details", Field::Chrome),
    ("What is the study measuring?", Field::Chrome),
    ("Study Registration Dates", Field::Chrome),
    ("Study Record Updates", Field::Chrome),
    ("First Submitted that Met QC Criteria", Field::Chrome),
    ("Last Update Submitted that met QC Criteria", Field::Chrome),
    ("Terms related to this study", Field::Chrome),
    ("Plan for Individual participant data (IPD)", Field::Chrome),
    (
        "Drug and device information, study documents",
        Field::Chrome,
    ),
    ("Studies a U.S. FDA-regulated drug product", Field::Chrome),
    ("Studies a U.S. FDA-regulated device product", Field::Chrome),
    ("Participating in a Clinical Study", Field::Chrome),
    ("Description", Field::Chrome),
];

/// A label line: the field, and whether the label says the date or count is estimated.
fn classify(s: &str) -> Option<(Field, Option<DateType>)> {
    // "Keywords Provided by <sponsor>" names its provider: `(?i)^Keywords Provided by\b`.
    if scan::fold_prefix(s, "keywords provided by").is_some_and(|n| scan::is_word_boundary(s, n)) {
        return Some((Field::Keywords, None));
    }
    let (name, kind) = match s.trim().strip_suffix(')').and_then(|r| r.rsplit_once(" (")) {
        Some((name, k)) if DateType::from_words(k).is_some() => (name, DateType::from_words(k)),
        _ => (s, None),
    };
    let name = name.trim().trim_end_matches(':');
    LABELS
        .iter()
        .find(|(l, _)| l.eq_ignore_ascii_case(name))
        .map(|(_, f)| *f)
        .or_else(|| name.parse().ok().map(Field::Design))
        .map(|f| (f, kind))
}

/// Reads a modern study page outline; `heading` is the page's `<h1>` where it was saved as
/// HTML.
pub fn read_outline(outline: &Outline, format: Format, heading: Option<&str>) -> Result<Trial> {
    let mut t = Trial::new(Registry::Ctgov, format);
    let framed = frame(&outline.lines, heading);
    t.titles.brief = framed.title;
    t.status.overall = t.enum_or_warn("status.overall", framed.status.as_deref());
    let mut fields: Vec<(Field, Option<DateType>, Vec<Line>)> = Vec::new();
    for l in &framed.lines {
        // A label may share its line with the value, after a tab (a table row's copy).
        let inline = l
            .text
            .split_once('\t')
            .and_then(|(head, rest)| classify(head).map(|(f, k)| (f, k, rest.trim().to_string())));
        if let Some((f, k, rest)) = inline {
            let value = Line {
                indent: 0,
                text: rest,
            };
            fields.push((f, k, vec![value]));
            continue;
        }
        match classify(&l.text) {
            // "Description" heads the criteria text itself; it does not end the field.
            Some((Field::Chrome, _))
                if l.text.eq_ignore_ascii_case("Description")
                    && fields.last().is_some_and(|(f, _, body)| {
                        *f == Field::Criteria && body.iter().all(Line::is_blank)
                    }) => {}
            Some((f, k)) => fields.push((f, k, Vec::new())),
            None => {
                if let Some(last) = fields.last_mut() {
                    last.2.push(l.clone())
                }
            }
        }
    }
    // Interventions come first: the arms table tells its interventions from its arms by them.
    for (f, _, body) in &fields {
        if *f == Field::Interventions {
            for v in values(body) {
                if let Some((kind, name)) = typed_intervention(v) {
                    t.interventions.push(Intervention {
                        kind: Some(kind),
                        name,
                        ..Intervention::default()
                    });
                }
            }
        }
    }
    for (f, kind, body) in &fields {
        field(&mut t, *f, *kind, body);
    }
    if t.ids.nct_id.is_none() && !fields.iter().any(|(f, _, _)| *f == Field::NctId) {
        return Err(crate::error::Error::NotAStudy(
            "a modern ClinicalTrials.gov page that shows no study: the site loads the study \
             by script, and this copy was saved before it had (save the page once it has \
             loaded, or copy its text)"
                .into(),
        ));
    }
    t.source.url = study_url(t.ids.nct_id.as_deref());
    crate::sources::require_nct_id(t, "ClinicalTrials.gov")
}

/// Reads a modern study page copied as text.
pub fn read(text: &str) -> Result<Trial> {
    read_outline(&Outline::from_text(text), Format::CtgovModernText, None)
}

fn values(body: &[Line]) -> Vec<&str> {
    body.iter()
        .filter(|l| !l.is_blank())
        .map(|l| l.text.as_str())
        .collect()
}

/// The record part of a modern page.
struct Frame {
    /// The brief title.
    title: Option<String>,
    /// The status tag printed between the title and the identifier.
    status: Option<String>,
    /// The lines from the identifier to the footer, furniture left out.
    lines: Vec<Line>,
}

/// Lines that are the site's furniture wherever they stand, as [`label_key`]s: the U.S.
/// government banner every USWDS site opens with, the glossary panel's controls, the tab
/// bar, toggles and the footer's links.
const FURNITURE: &[&str] = &[
    "skip to main content",
    "an official website of the united states government",
    "here's how you know",
    "here’s how you know",
    "official websites use .gov",
    "secure .gov websites use https",
    "hide glossary",
    "glossary",
    "search for terms",
    "study details",
    "researcher view",
    "no results posted",
    "results posted",
    "record history",
    "on this page",
    "show more",
    "show less",
    "show all",
    "expand all",
    "collapse all",
    "back to top",
    "save",
    "send",
    "print",
    "download",
    "share",
    "disclaimer",
    "how to read a study record",
];

/// Beginnings of furniture lines.
const FURNITURE_STARTS: &[&str] = &[
    "a .gov website belongs to an official government organization",
    "a lock ( ) or https:// means",
    "a lock () or https:// means",
    "study record managers: refer to the data element definitions",
    "the safety and scientific validity of this study",
    "read our disclaimer",
];

/// The site's footer links: the first line that is one of them, or several copied onto one
/// line, starts the footer.
const FOOTER: &[&str] = &[
    "connect with nlm",
    "national library of medicine",
    "u.s. national library of medicine",
    "for patients and families",
    "disclaimer",
    "web policies",
    "foia",
    "hhs vulnerability disclosure",
    "nlm support center",
    "accessibility",
    "careers",
    "nlm",
    "nih",
    "hhs",
    "usa.gov",
];

/// The footer's first line, or the glossary panel's (its terms are the page's labels, so
/// nothing after it is the record's).
fn is_footer_start(s: &str) -> bool {
    static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(FOOTER));
    let key = label_key(s);
    matches!(
        key.as_str(),
        "connect with nlm"
            | "national library of medicine"
            | "u.s. national library of medicine"
            | "hide glossary"
    ) || phrases_only_key(&key, &PHRASES).is_some_and(|n| n > 1)
}

fn is_furniture(s: &str) -> bool {
    let key = label_key(s);
    FURNITURE.contains(&key.as_str()) || FURNITURE_STARTS.iter().any(|p| key.starts_with(p))
}

/// The identifier's label ("ClinicalTrials.gov ID", alone or with the id after it).
fn is_id_label(s: &str) -> bool {
    let key = label_key(s.split('\t').next().unwrap_or(s));
    key == "clinicaltrials.gov id" || key.starts_with("clinicaltrials.gov id nct")
}

/// Finds the record in a page's lines: the title stands above the status tag and the
/// identifier (in HTML, it is the page's `<h1>`); whatever the site prints above it (the
/// banner, the glossary) and its footer are left out.
fn frame(lines: &[Line], heading: Option<&str>) -> Frame {
    let anchor = lines.iter().position(|l| is_id_label(&l.text));
    let Some(anchor) = anchor else {
        return Frame {
            title: heading.and_then(text::line),
            status: None,
            lines: body(lines),
        };
    };
    let above: Vec<&Line> = lines[..anchor]
        .iter()
        .filter(|l| !l.is_blank() && !is_furniture(&l.text))
        .collect();
    let by_heading = heading.and_then(|h| {
        let key = text::squash(h);
        above.iter().rposition(|l| text::squash(&l.text) == key)
    });
    // Above the identifier: the title, then the status tag.
    let title_at = by_heading.or_else(|| match above.len() {
        0 => None,
        1 => Some(0),
        n if OverallStatus::from_words(&above[n - 1].text).is_some() => Some(n - 2),
        n => Some(n - 1),
    });
    let title = title_at.and_then(|i| text::line(&above[i].text));
    let status = title_at
        .and_then(|i| above.get(i + 1))
        .map(|l| l.text.clone());
    Frame {
        title,
        status,
        lines: body(&lines[anchor..]),
    }
}

/// Lines up to the footer, furniture left out.
fn body(lines: &[Line]) -> Vec<Line> {
    lines
        .iter()
        .take_while(|l| !is_footer_start(&l.text))
        .filter(|l| l.is_blank() || !is_furniture(&l.text))
        .cloned()
        .collect()
}

fn field(t: &mut Trial, f: Field, kind: Option<DateType>, body: &[Line]) {
    // A copied table row has its cells on one line, apart by tabs; the outcomes table is
    // read by column, so it keeps its empty cells.
    let body = &cells(body, matches!(f, Field::Outcomes(_)));
    let vals = values(body);
    let first = vals.first().copied();
    match f {
        Field::NctId => t.ids.nct_id = first.and_then(find_nct_id),
        Field::Sponsor => {
            t.sponsors
                .lead
                .get_or_insert_with(Organization::default)
                .name = first.and_then(text::line)
        }
        Field::InformationProvider => {
            let value = first.and_then(text::line);
            // "Moti Moskovitz, Hadassah Medical Organization (Responsible Party)": the
            // provider is the responsible party, as the classic page's "Information provided
            // by (Responsible Party)" label says; the mark is the page's, not the name's.
            match value
                .as_deref()
                .and_then(|v| v.strip_suffix("(Responsible Party)"))
            {
                Some(party) => responsible_provider(t, party),
                None => t.sponsors.information_provider = value,
            }
        }
        Field::WhyStopped => t.status.why_stopped = text::line(&vals.join(" ")),
        Field::BriefSummary => t.description.brief_summary = paragraphs(body),
        Field::DetailedDescription => t.description.detailed_description = paragraphs(body),
        Field::OfficialTitle => t.titles.official = text::line(&vals.join(" ")),
        Field::Acronym => t.titles.acronym = first.and_then(text::line),
        Field::Conditions => t
            .conditions
            .extend(vals.iter().filter_map(|v| text::line(v))),
        Field::Keywords => t.keywords.extend(vals.iter().filter_map(|v| text::line(v))),
        Field::Interventions => {} // read before the other fields
        Field::OtherIds => {
            let mut ids = vals.iter().filter_map(|v| text::line(v));
            t.ids.org_study_id = ids.next();
            t.ids.secondary_ids.extend(ids);
        }
        Field::Start => t.status.start = dated(t, "status.start", first, kind),
        Field::PrimaryCompletion => {
            t.status.primary_completion = dated(t, "status.primary_completion", first, kind)
        }
        Field::Completion => t.status.completion = dated(t, "status.completion", first, kind),
        Field::Enrollment => {
            t.enrollment.count = count(t, "enrollment.count", first);
            if t.enrollment.count.is_some() {
                t.enrollment.kind = kind;
            }
        }
        Field::StudyType => t.design.study_type = t.enum_or_warn("design.study_type", first),
        Field::Phase => t.set_phases(vals.iter().flat_map(|v| v.split(['|', '/']))),
        Field::CentralContact => central(t, &vals),
        Field::Locations => locations(t, &vals),
        Field::Criteria => {
            let mut lines = body.to_vec();
            while lines.first().is_some_and(Line::is_blank) {
                lines.remove(0);
            }
            let text = Outline::render(&lines);
            t.eligibility.criteria_text = text::line(&text).map(|_| text.trim_end().to_string());
        }
        Field::Ages => set_ages(t, first),
        Field::Sex => t.eligibility.sex = t.enum_or_warn("eligibility.sex", first),
        Field::HealthyVolunteers => {
            t.eligibility.healthy_volunteers = yes_no(t, "eligibility.healthy_volunteers", first)
        }
        Field::Design(d) => set_design(t, d, first),
        Field::Arms => arms(t, &vals),
        Field::Outcomes(k) => outcomes(t, k, body),
        Field::Collaborators => {
            t.sponsors
                .collaborators
                .extend(vals.iter().map(|v| Organization {
                    name: text::line(v),
                    class: None,
                }))
        }
        Field::Investigators => investigators(t, &vals),
        Field::Publications(k) => publications(t, k, &vals),
        Field::FirstSubmitted => {
            t.status.first_submitted = date(t, "status.first_submitted", first)
        }
        Field::FirstPosted => t.status.first_posted = date(t, "status.first_posted", first),
        Field::LastUpdated => t.status.last_updated = date(t, "status.last_updated", first),
        Field::Verified => t.status.verified = date(t, "status.verified", first),
        Field::Mesh => t
            .mesh_terms
            .extend(vals.iter().filter_map(|v| text::line(v))),
        Field::Chrome => {}
    }
}

fn central(t: &mut Trial, vals: &[&str]) {
    // A name, then phone and email lines.
    for v in vals {
        let c = contact_line(v, None);
        match (t.contacts.central.last_mut(), c.name.is_some()) {
            (Some(last), false) => {
                last.phone = last.phone.take().or(c.phone);
                last.email = last.email.take().or(c.email);
            }
            _ => t.contacts.central.push(c),
        }
    }
}

fn locations(t: &mut Trial, vals: &[&str]) {
    // Sites are grouped under their country's name; each is "City, [State,] Country[, Zip]"
    // then the facility, then an optional status and "Contact:" lines.
    let mut i = 0;
    while i < vals.len() {
        let v = vals[i];
        if let Some(place) = split_place(v) {
            let facility = vals.get(i + 1).copied().filter(|n| {
                split_place(n).is_none() && crate::normalize::country::code(n).is_none()
            });
            i += 1 + usize::from(facility.is_some());
            t.sites.push(place.into_site(facility));
            continue;
        }
        i += 1;
        if crate::normalize::country::code(v).is_some() {
            continue; // a country group's heading
        }
        let Some(site) = t.sites.last_mut() else {
            before_first(t, "sites", "site", v);
            continue;
        };
        if let Some(c) = v.strip_prefix("Contact:") {
            site.contacts
                .push(contact_line(c, Some(ContactRole::Contact)));
        } else if let Some(c) = v.strip_prefix("Principal Investigator:") {
            site.contacts
                .push(contact_line(c, Some(ContactRole::PrincipalInvestigator)));
        } else if let Some(s) = OverallStatus::from_words(v) {
            site.status = Some(s);
        } else {
            t.warn(
                WarningCode::UnparsedText,
                "sites",
                format!("unrecognized location line {v:?}"),
            );
        }
    }
}

fn arms(t: &mut Trial, vals: &[&str]) {
    // A table of "Participant Group/Arm" and "Intervention/Treatment" cells: "<Arm type>:
    // <label>" and its description, then each intervention the overview lists as "<Type>:
    // <name>", its description and its "Other Names:".
    let mut current_iv: Option<usize> = None;
    let mut other_names = false;
    for v in vals {
        let squashed = text::squash(v);
        // The table's header row, on one line or cell by cell.
        if matches!(
            squashed.as_str(),
            "participantgrouparminterventiontreatment"
                | "participantgrouparm"
                | "interventiontreatment"
        ) {
            continue;
        }
        if let Some((kind, name)) = typed_intervention(v) {
            let known = t.interventions.iter().position(|iv| {
                iv.kind == Some(kind) && text::squash(&iv.name) == text::squash(&name)
            });
            if let (Some(i), Some(arm)) = (known, t.arms.last_mut()) {
                arm.intervention_names.push(format!(
                    "{}: {name}",
                    crate::normalize::enums::api_name(&kind)
                ));
                current_iv = Some(i);
                other_names = false;
                continue;
            }
        }
        if let Some((head, label)) = v.split_once(':') {
            if let Some(kind) = ArmType::from_words(head) {
                t.arms.push(Arm {
                    label: text::line(label).unwrap_or_default(),
                    kind: Some(kind),
                    ..Arm::default()
                });
                current_iv = None;
                other_names = false;
                continue;
            }
        }
        if squashed == "othernames" {
            other_names = true;
            continue;
        }
        match (current_iv, t.arms.last_mut()) {
            (Some(i), _) => {
                let iv = &mut t.interventions[i];
                if other_names {
                    let name = v.trim_start_matches(['•', '*', '-', ' ']);
                    if let Some(n) = text::line(name) {
                        if !iv.other_names.contains(&n) {
                            iv.other_names.push(n);
                        }
                    }
                } else if iv.description.is_none() {
                    iv.description = text::line(v);
                }
            }
            (None, Some(arm)) => {
                arm.description = text::line(&match arm.description.take() {
                    Some(d) => format!("{d} {v}"),
                    None => v.to_string(),
                })
            }
            (None, None) => before_first(t, "arms", "arm", v),
        }
    }
}

fn outcomes(t: &mut Trial, kind: OutcomeKind, body: &[Line]) {
    // A table: the header row, then per outcome its measure, description and time frame
    // cells, one line each; an empty cell is an empty line.
    let start = body
        .iter()
        .position(|l| text::squash(&l.text) == "outcomemeasuremeasuredescriptiontimeframe")
        .or_else(|| {
            // The header row cell by cell.
            let keys: Vec<String> = body.iter().map(|l| text::squash(&l.text)).collect();
            keys.windows(3)
                .position(|w| w == ["outcomemeasure", "measuredescription", "timeframe"])
                .map(|i| i + 2)
        })
        .map_or(0, |i| i + 1);
    let mut cells: Vec<&Line> = body[start..].iter().collect();
    while cells.first().is_some_and(|l| l.is_blank()) {
        cells.remove(0);
    }
    while cells.last().is_some_and(|l| l.is_blank()) {
        cells.pop();
    }
    for row in cells.chunks(3) {
        let cell = |i: usize| row.get(i).and_then(|l| text::line(&l.text));
        t.outcomes.push(Outcome {
            kind: Some(kind),
            measure: cell(0).unwrap_or_default(),
            description: cell(1),
            time_frame: cell(2),
            time_points: Vec::new(),
            safety_issue: None,
        });
    }
}

fn investigators(t: &mut Trial, vals: &[&str]) {
    // "Principal Investigator: Name, Affiliation".
    for v in vals {
        let Some((head, rest)) = v.split_once(':') else {
            continue;
        };
        let Some(role) = OfficialRole::from_words(head) else {
            continue;
        };
        let (name, affiliation) = match rest.split_once(", ") {
            Some((n, a)) if !looks_like_degree(a) => (n, Some(a)),
            _ => (rest, None),
        };
        t.contacts.officials.push(Official {
            name: text::line(name),
            role: Some(role),
            affiliation: affiliation.and_then(text::line),
        });
    }
}

/// "MD", "PhD", "MD PhD": a degree after a name, not an affiliation.
fn looks_like_degree(s: &str) -> bool {
    let first = s.split([',', ' ']).next().unwrap_or("");
    matches!(
        first.trim_end_matches('.').to_ascii_lowercase().as_str(),
        "md" | "phd" | "mph" | "msc" | "rn" | "pharmd" | "dds" | "do" | "ms" | "ma" | "mba"
    )
}

fn publications(t: &mut Trial, kind: Option<ReferenceType>, vals: &[&str]) {
    for v in vals {
        add_reference(&mut t.references, kind, v);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn criteria_under_a_description_heading_are_kept() {
        let t = read(
            "Title\nClinicalTrials.gov ID\nNCT00000001\nStudy Overview\nParticipation Criteria\n\
             Eligibility Criteria\nDescription\nInclusion Criteria:\n\n  • Adults\n\n\
             Exclusion Criteria:\n\n  • Children\n\nSexes Eligible for Study\nAll\n",
        )
        .unwrap();
        assert_eq!(
            t.eligibility.criteria_text.as_deref(),
            Some("Inclusion Criteria:\n\n  • Adults\n\nExclusion Criteria:\n\n  • Children")
        );
        assert_eq!(t.eligibility.sex, Some(Sex::All));
    }

    #[test]
    fn labels_with_estimated_or_actual() {
        assert_eq!(
            classify("Primary Completion (Estimated)"),
            Some((Field::PrimaryCompletion, Some(DateType::Estimated)))
        );
        assert_eq!(classify("Study Start"), Some((Field::Start, None)));
        assert_eq!(
            classify("Keywords Provided by Hadassah Medical Organization"),
            Some((Field::Keywords, None))
        );
        assert_eq!(classify("Healthy children"), None);
    }
}
