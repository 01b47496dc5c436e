//! ClinicalTrials.gov classic study page (`/ct2/show/NCT…`), read section by section from its
//! outline: copied text directly, saved HTML once rendered to the same outline.
//!
//! The page is a header block (title, status sentence, "Information provided by", dates), then
//! labelled fields ("Study Type:", "Enrollment:") and headed sections ("Primary Outcome
//! Measures:", "Arms Assigned Interventions", "Contacts and Locations", ...). Sections are
//! found by their headings, so a page with one missing, moved or repeated still reads.
//! Anticipated values carry "Estimated" or "Anticipated" on the page; unmarked ones are actual.

use std::sync::LazyLock;

use regex::Regex;

use crate::error::Result;
use crate::model::*;
use crate::normalize::enums::Vocab;
use crate::normalize::{age, date, text};
use crate::sources::find_nct_id;
use crate::sources::page::outline::{paragraphs, Line, Outline};
use crate::Format;

/// The kinds of section the page has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Header,
    /// A "Label: value" field; the value may stand on the next line.
    Field(&'static str),
    Conditions,
    PrimaryOutcomes,
    SecondaryOutcomes,
    OtherOutcomes,
    Arms,
    DetailedDescription,
    Criteria,
    Locations,
    Sponsors,
    Keywords,
    Mesh,
    Publications,
    /// Page furniture whose lines belong to no field.
    Chrome,
}

/// Headings that open a multi-line section, matched at the start of a line.
const HEADINGS: &[(&str, Kind)] = &[
    ("Condition Intervention Phase", Kind::Conditions),
    ("Condition Intervention", Kind::Conditions),
    ("Condition Phase", Kind::Conditions),
    ("Primary Outcome Measures:", Kind::PrimaryOutcomes),
    ("Primary Outcome Measure:", Kind::PrimaryOutcomes),
    ("Secondary Outcome Measures:", Kind::SecondaryOutcomes),
    ("Secondary Outcome Measure:", Kind::SecondaryOutcomes),
    ("Other Outcome Measures:", Kind::OtherOutcomes),
    ("Arms Assigned Interventions", Kind::Arms),
    ("Arm Intervention/treatment", Kind::Arms),
    ("Detailed Description:", Kind::DetailedDescription),
    ("Inclusion Criteria", Kind::Criteria),
    ("Contacts and Locations", Kind::Locations),
    ("Locations", Kind::Locations),
    ("Sponsors and Collaborators", Kind::Sponsors),
    ("Keywords provided by", Kind::Keywords),
    ("Additional relevant MeSH terms:", Kind::Mesh),
    ("Publications", Kind::Publications),
    ("Resource links provided by NLM", Kind::Chrome),
    ("Further study details as provided by", Kind::Chrome),
    ("More Information", Kind::Chrome),
    ("Choosing to participate in a study", Kind::Chrome),
    (
        "Please refer to this study by its ClinicalTrials.gov identifier",
        Kind::Chrome,
    ),
    ("Health Authority:", Kind::Chrome),
    ("History of Changes", Kind::Chrome),
];

/// Labels of one-value fields. Longer labels first, so "Study First Received" wins over
/// "First Received".
const FIELDS: &[&str] = &[
    "Information provided by",
    "Information provided by (Responsible Party)",
    "ClinicalTrials.gov Identifier",
    "Study First Received",
    "First received",
    "First Posted",
    "Last updated",
    "Last Update Posted",
    "Last verified",
    "Study Type",
    "Study Design",
    "Allocation",
    "Endpoint Classification",
    "Intervention Model",
    "Observational Model",
    "Time Perspective",
    "Masking",
    "Primary Purpose",
    "Official Title",
    "Acronym",
    "Estimated Enrollment",
    "Actual Enrollment",
    "Enrollment",
    "Estimated Study Start Date",
    "Actual Study Start Date",
    "Study Start Date",
    "Study Start",
    "Estimated Study Completion Date",
    "Actual Study Completion Date",
    "Study Completion Date",
    "Estimated Primary Completion Date",
    "Actual Primary Completion Date",
    "Primary Completion Date",
    "Ages Eligible for Study",
    "Genders Eligible for Study",
    "Sexes Eligible for Study",
    "Accepts Healthy Volunteers",
    "Responsible Party",
    "Other Study ID Numbers",
    "Study Director",
    "Study Chair",
    "Principal Investigator",
    "Sub-Investigator",
    "Why Stopped",
    "Phase",
];

struct Section {
    kind: Kind,
    value: String,
    body: Vec<Line>,
}

fn classify(line: &Line) -> Option<(Kind, String)> {
    let t = line.text.as_str();
    for (h, kind) in HEADINGS {
        if t.get(..h.len()).is_some_and(|p| p.eq_ignore_ascii_case(h)) {
            // "Locations" alone is a heading; "Locations: ..." is not a field we know.
            if *kind == Kind::Locations && *h == "Locations" && t.len() != h.len() {
                continue;
            }
            return Some((*kind, t[h.len()..].trim().to_string()));
        }
    }
    let (label, value) = t.split_once(':')?;
    let label = label.trim();
    // "Study Design: Allocation: Randomized" carries the first design field inline.
    if label.eq_ignore_ascii_case("Study Design") {
        return classify(&Line {
            indent: line.indent,
            text: value.trim().to_string(),
        })
        .or(Some((
            Kind::Field("Study Design"),
            value.trim().to_string(),
        )));
    }
    FIELDS
        .iter()
        .find(|f| f.eq_ignore_ascii_case(label))
        .map(|f| (Kind::Field(f), value.trim().to_string()))
}

fn sections(lines: &[Line]) -> Vec<Section> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut current = (Kind::Header, String::new());
    let mut chrome = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(next) = classify(line) {
            // Page furniture is left out of the section it interrupts.
            if next.0 == Kind::Chrome {
                chrome.push(i);
                continue;
            }
            // Inside the locations, investigator lines belong to the site above.
            let site_person = matches!(
                next.0,
                Kind::Field(
                    "Principal Investigator"
                        | "Sub-Investigator"
                        | "Study Director"
                        | "Study Chair"
                )
            );
            if current.0 == Kind::Locations && site_person {
                continue;
            }
            out.push(Section {
                kind: current.0,
                value: std::mem::take(&mut current.1),
                body: body(lines, start, i, &chrome),
            });
            current = next;
            start = i + 1;
        }
    }
    out.push(Section {
        kind: current.0,
        value: current.1,
        body: body(lines, start, lines.len(), &chrome),
    });
    out
}

fn body(lines: &[Line], start: usize, end: usize, chrome: &[usize]) -> Vec<Line> {
    (start..end)
        .filter(|i| !chrome.contains(i))
        .map(|i| lines[i].clone())
        .collect()
}

fn nonblank(lines: &[Line]) -> impl Iterator<Item = &Line> {
    lines.iter().filter(|l| !l.is_blank())
}

/// Reads a classic study page outline.
pub fn read_outline(outline: &Outline, format: Format) -> Result<Trial> {
    let mut t = Trial::new(Registry::Ctgov, format);
    let secs = sections(&outline.lines);
    // Furniture lines still carry the id ("Please refer to this study by its
    // ClinicalTrials.gov identifier: NCT…") and the date of this copy.
    for l in &outline.lines {
        if classify(l).is_some_and(|(k, _)| k == Kind::Chrome) {
            if let Some(id) = find_nct_id(&l.text) {
                t.ids.nct_id.get_or_insert(id);
            }
        }
        record_date(&mut t, &l.text);
    }
    let mut seen_table = false;
    let mut estimated_enrollment = false;
    let mut criteria_lines: Vec<Line> = Vec::new();
    for sec in &secs {
        match sec.kind {
            Kind::Header => header(&mut t, &sec.body),
            Kind::Field(label) => {
                // A field's value may stand on the line after its label.
                let mut rest: &[Line] = &sec.body;
                let mut value = sec.value.clone();
                if value.is_empty() {
                    if let Some(pos) = rest.iter().position(|l| !l.is_blank()) {
                        value = rest[pos].text.clone();
                        rest = &rest[pos + 1..];
                    }
                }
                if label.starts_with("Estimated Enrollment") {
                    estimated_enrollment = true;
                }
                field(&mut t, label, &value);
                // Text after the header's last field, before the first section: the summary.
                if !seen_table
                    && matches!(label, "Last verified" | "Last updated" | "First received")
                {
                    if let Some(p) = paragraphs(rest) {
                        t.description.brief_summary = Some(p);
                    }
                }
            }
            Kind::Conditions => {
                seen_table = true;
                conditions_table(&mut t, &sec.body);
            }
            Kind::PrimaryOutcomes => outcomes(&mut t, OutcomeKind::Primary, sec),
            Kind::SecondaryOutcomes => outcomes(&mut t, OutcomeKind::Secondary, sec),
            Kind::OtherOutcomes => outcomes(&mut t, OutcomeKind::Other, sec),
            Kind::Arms => arms_table(&mut t, &sec.body),
            Kind::DetailedDescription => {
                let mut lines = sec.body.clone();
                if !sec.value.is_empty() {
                    lines.insert(
                        0,
                        Line {
                            indent: 0,
                            text: sec.value.clone(),
                        },
                    );
                }
                t.description.detailed_description = paragraphs(&lines);
            }
            Kind::Criteria => {
                criteria_lines.push(Line {
                    indent: 0,
                    text: format!("Inclusion Criteria{}", sec.value),
                });
                criteria_lines.extend(sec.body.iter().cloned());
            }
            Kind::Locations => locations(&mut t, &sec.body),
            Kind::Sponsors => sponsors(&mut t, &sec.body),
            Kind::Keywords => t
                .keywords
                .extend(nonblank(&sec.body).map(|l| l.text.clone())),
            Kind::Mesh => mesh(&mut t, &sec.body),
            Kind::Publications => publications(&mut t, &sec.body),
            Kind::Chrome => unreachable!("chrome lines open no section"),
        }
    }
    if !criteria_lines.is_empty() {
        let text = Outline::render(&criteria_lines);
        t.eligibility.criteria_text = Some(text.trim_end().to_string());
    }
    if t.enrollment.count.is_some() {
        t.enrollment.kind = Some(if estimated_enrollment {
            DateType::Estimated
        } else {
            DateType::Actual
        });
    }
    // Officials' affiliations are printed run together with their names; split them at an
    // organization the page itself names.
    split_official_affiliations(&mut t);
    t.source.url = t
        .ids
        .nct_id
        .as_ref()
        .map(|id| format!("https://clinicaltrials.gov/ct2/show/{id}"));
    crate::sources::require_nct_id(t, "ClinicalTrials.gov")
}

/// Reads a classic study page copied as text.
pub fn read(text: &str) -> Result<Trial> {
    read_outline(&Outline::from_text(text), Format::CtgovClassicText)
}

static PROCESSED: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)ClinicalTrials\.gov processed this record on (.+)").unwrap());

fn record_date(t: &mut Trial, line: &str) {
    if let Some(c) = PROCESSED.captures(line) {
        t.source.record_date = date::iso(&c[1]);
    }
}

fn header(t: &mut Trial, body: &[Line]) {
    let mut lines = nonblank(body);
    if let Some(title) = lines.next() {
        let (brief, acronym) = split_acronym(&title.text);
        t.titles.brief = Some(brief);
        t.titles.acronym = acronym;
    }
    for l in lines {
        if let Some(s) = OverallStatus::from_words(&l.text) {
            t.status.overall = Some(s);
        }
        record_date(t, &l.text);
    }
}

/// "Efficacy of X (ACRONYM)" → ("Efficacy of X", Some("ACRONYM")): the classic page prints
/// the acronym after the brief title.
fn split_acronym(title: &str) -> (String, Option<String>) {
    let title = title.trim();
    if let Some(open) = title.rfind(" (") {
        let inner = &title[open + 2..];
        if let Some(acr) = inner.strip_suffix(')') {
            let looks_like_acronym = !acr.is_empty()
                && !acr.contains(' ')
                && acr.chars().filter(|c| c.is_uppercase()).count() >= 2;
            if looks_like_acronym {
                return (title[..open].trim().to_string(), Some(acr.to_string()));
            }
        }
    }
    (title.to_string(), None)
}

fn dated(label: &str, value: &str) -> DatedEvent {
    let estimated = label.starts_with("Estimated") || value.contains("Anticipated");
    DatedEvent {
        date: date::iso(value),
        kind: Some(if estimated {
            DateType::Estimated
        } else {
            DateType::Actual
        }),
    }
}

fn field(t: &mut Trial, label: &'static str, value: &str) {
    let v = value.trim();
    match label {
        "Information provided by" | "Information provided by (Responsible Party)" => {
            t.sponsors.information_provider = text::line(v)
        }
        "ClinicalTrials.gov Identifier" => {
            if let Some(id) = find_nct_id(v) {
                t.ids.nct_id = Some(id);
            }
        }
        "Study First Received" | "First received" => t.status.first_submitted = date::iso(v),
        "First Posted" => t.status.first_posted = date::iso(v),
        "Last updated" | "Last Update Posted" => t.status.last_updated = date::iso(v),
        "Last verified" => t.status.verified = date::iso(v),
        "Study Type"
        | "Allocation"
        | "Endpoint Classification"
        | "Intervention Model"
        | "Observational Model"
        | "Time Perspective"
        | "Masking"
        | "Primary Purpose" => crate::normalize::design::design_field(t, label, v),
        "Official Title" => t.titles.official = text::line(v),
        "Acronym" => t.titles.acronym = text::line(v),
        "Estimated Enrollment" | "Actual Enrollment" | "Enrollment" => {
            t.enrollment.count = v
                .split_whitespace()
                .next()
                .and_then(|n| n.replace(',', "").parse().ok());
        }
        l if l.contains("Start") => t.status.start = dated(l, v),
        l if l.contains("Primary Completion") => t.status.primary_completion = dated(l, v),
        l if l.contains("Completion") => t.status.completion = dated(l, v),
        "Ages Eligible for Study" => {
            let (lo, hi) = age::range(v);
            t.eligibility.minimum_age = lo;
            t.eligibility.maximum_age = hi;
        }
        "Genders Eligible for Study" | "Sexes Eligible for Study" => {
            t.eligibility.sex = t.enum_or_warn("eligibility.sex", Some(v))
        }
        "Accepts Healthy Volunteers" => {
            t.eligibility.healthy_volunteers = match text::squash(v).as_str() {
                "yes" | "acceptshealthyvolunteers" => Some(true),
                "no" => Some(false),
                _ => None,
            }
        }
        "Responsible Party" => responsible_party(t, v),
        "Other Study ID Numbers" => {
            // Ids are separated by runs of spaces on the page; the first is the sponsor's.
            let ids: Vec<String> = Regex::new(r"\s{2,}|;")
                .expect("valid")
                .split(v)
                .filter_map(text::line)
                .collect();
            let mut ids = ids.into_iter();
            t.ids.org_study_id = ids.next();
            t.ids.secondary_ids.extend(ids);
        }
        "Study Director" | "Study Chair" | "Principal Investigator" | "Sub-Investigator" => {
            // A copy of the investigators' table separates name and affiliation with a tab.
            let (name, affiliation) = match v.split_once('\t') {
                Some((n, a)) => (n, text::line(a)),
                None => (v, None),
            };
            t.contacts.officials.push(Official {
                name: text::line(name),
                role: OfficialRole::from_words(label),
                affiliation,
            })
        }
        "Why Stopped" => t.status.why_stopped = text::line(v),
        "Phase" => t.set_phases([v]),
        _ => {}
    }
}

fn conditions_table(t: &mut Trial, body: &[Line]) {
    // Cells are copied one after another: conditions, then "Type: name" interventions,
    // then phases.
    let mut phases = Vec::new();
    for l in nonblank(body) {
        let s = l.text.as_str();
        if let Some((kind, name)) = typed_intervention(s) {
            t.interventions.push(Intervention {
                kind: Some(kind),
                name,
                ..Intervention::default()
            });
        } else if crate::normalize::enums::phases([s]).1.is_empty() {
            phases.push(s.to_string());
        } else {
            t.conditions.push(s.to_string());
        }
    }
    t.set_phases(phases.iter().map(String::as_str));
}

/// "Drug: imatinib mesylate" → (DRUG, "imatinib mesylate").
pub(crate) fn typed_intervention(s: &str) -> Option<(InterventionType, String)> {
    let (head, name) = s.split_once(':')?;
    let kind = InterventionType::from_words(head)?;
    Some((kind, text::line(name)?))
}

static OUTCOME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)^(?P<measure>.*?)\s*(?:\[\s*Time Frame:\s*(?P<tf>[^\]]*)\])?\s*(?:\[\s*Designated as safety issue:\s*(?P<safety>[^\]]*)\])?\s*$").unwrap()
});

fn outcomes(t: &mut Trial, kind: OutcomeKind, sec: &Section) {
    // Each outcome is a bullet; a line without a bullet continues the one above, and is the
    // outcome's description when the page prints one under the measure.
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    let inline = (!sec.value.is_empty()).then(|| sec.value.clone());
    for s in inline
        .into_iter()
        .chain(nonblank(&sec.body).map(|l| l.text.clone()))
    {
        match strip_bullet(&s) {
            Some(item) => items.push((item.to_string(), Vec::new())),
            None => match items.last_mut() {
                Some(last) => last.1.push(s),
                None => items.push((s, Vec::new())),
            },
        }
    }
    for (item, extra) in items {
        let c = OUTCOME
            .captures(&item)
            .expect("the pattern matches any text");
        let measure = c.name("measure").map_or("", |m| m.as_str());
        let tf = c
            .name("tf")
            .and_then(|m| text::line(m.as_str().trim_end_matches(',')));
        let safety = c
            .name("safety")
            .and_then(|m| match text::squash(m.as_str()).as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            });
        t.outcomes.push(Outcome {
            kind: Some(kind),
            measure: text::line(measure).unwrap_or_default(),
            description: text::line(&extra.join(" ")),
            time_frame: tf,
            time_points: Vec::new(),
            safety_issue: safety,
        });
    }
}

fn strip_bullet(s: &str) -> Option<&str> {
    let s = s.trim_start();
    for b in ["•", "·", "*", "-", "▪"] {
        if let Some(rest) = s.strip_prefix(b) {
            return Some(rest.trim_start());
        }
    }
    None
}

fn arms_table(t: &mut Trial, body: &[Line]) {
    // Rows: "<Arm type>: <label>", its description lines, then each assigned intervention as
    // "<Type>: <name>" followed by that intervention's description lines.
    let mut current_iv: Option<usize> = None;
    for l in nonblank(body) {
        let s = l.text.as_str();
        if let Some((head, label)) = s.split_once(':') {
            if let Some(kind) = ArmType::from_words(head) {
                t.arms.push(Arm {
                    label: text::line(label).unwrap_or_default(),
                    kind: Some(kind),
                    ..Arm::default()
                });
                current_iv = None;
                continue;
            }
        }
        let Some(arm) = t.arms.last_mut() else {
            t.warn(
                WarningCode::UnparsedText,
                "arms",
                format!("text before the first arm: {s:?}"),
            );
            continue;
        };
        if let Some((kind, name)) = typed_intervention(s) {
            arm.intervention_names
                .push(format!("{}: {name}", kind_label(kind)));
            let found = t.interventions.iter().position(|iv| {
                iv.kind == Some(kind) && text::squash(&iv.name) == text::squash(&name)
            });
            current_iv = Some(match found {
                Some(i) => i,
                None => {
                    t.interventions.push(Intervention {
                        kind: Some(kind),
                        name,
                        ..Intervention::default()
                    });
                    t.interventions.len() - 1
                }
            });
        } else if let Some(i) = current_iv {
            let iv = &mut t.interventions[i];
            let other = s
                .strip_prefix("Other Names:")
                .or_else(|| s.strip_prefix("Other Name:"));
            if let Some(names) = other {
                for n in names.split(';').filter_map(text::line) {
                    if !iv.other_names.contains(&n) {
                        iv.other_names.push(n);
                    }
                }
            } else if iv.description.is_none() {
                iv.description = text::line(s);
            } else if iv.description.as_deref() != Some(s) {
                // The same intervention's description is repeated under each arm; keep one.
                let d = iv.description.take().unwrap_or_default();
                if !d.contains(s) {
                    iv.description = text::line(&format!("{d} {s}"));
                } else {
                    iv.description = Some(d);
                }
            }
        } else {
            arm.description = Some(match arm.description.take() {
                Some(d) => format!("{d} {s}"),
                None => s.to_string(),
            });
        }
    }
}

fn kind_label(kind: InterventionType) -> String {
    crate::normalize::enums::api_name(&kind)
}

fn locations(t: &mut Trial, body: &[Line]) {
    // Sites are a facility line followed by "City, [State,] Country[, Zip]"; a status line
    // and "Contact:" lines may follow.
    let lines: Vec<&Line> = nonblank(body).collect();
    let mut i = 0;
    while i < lines.len() {
        let s = &lines[i].text;
        if let Some(site) = t.sites.last_mut() {
            if let Some(c) = s.strip_prefix("Contact:") {
                site.contacts
                    .push(contact_line(c, Some(ContactRole::Contact)));
                i += 1;
                continue;
            }
            if let Some(c) = s.strip_prefix("Principal Investigator:") {
                site.contacts
                    .push(contact_line(c, Some(ContactRole::PrincipalInvestigator)));
                i += 1;
                continue;
            }
            if let Some(status) = OverallStatus::from_words(s) {
                site.status = Some(status);
                i += 1;
                continue;
            }
        }
        if let Some(place) = lines.get(i + 1).and_then(|l| split_place(&l.text)) {
            t.sites.push(place.into_site(Some(s)));
            i += 2;
        } else if let Some(place) = split_place(s) {
            // A site with no facility name.
            t.sites.push(place.into_site(None));
            i += 1;
        } else {
            t.warn(
                WarningCode::UnparsedText,
                "sites",
                format!("unrecognized location line {s:?}"),
            );
            i += 1;
        }
    }
}

/// A place split into its parts.
pub struct Place {
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub state: Option<String>,
    /// Postal code.
    pub zip: Option<String>,
    /// Country name.
    pub country: Option<String>,
}

impl Place {
    /// A site at this place, with its facility name if the page gives one.
    pub fn into_site(self, facility: Option<&str>) -> Site {
        Site {
            facility: facility.and_then(text::line),
            city: self.city,
            state: self.state,
            zip: self.zip,
            country: self.country,
            ..Site::default()
        }
    }
}

/// "Bordeaux, France, 33076" or "Durham, North Carolina, United States, 27710": the part
/// that names a country splits the city (and state) before it from the postal code after.
pub fn split_place(s: &str) -> Option<Place> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    let ci = (1..parts.len())
        .rev()
        .find(|&i| crate::normalize::country::code(parts[i]).is_some())?;
    let city = text::line(parts[0]);
    let state = (ci > 1).then(|| parts[1..ci].join(", "));
    let zip = (ci + 1 < parts.len()).then(|| parts[ci + 1..].join(", "));
    Some(Place {
        city,
        state: state.and_then(|s| text::line(&s)),
        zip: zip.and_then(|s| text::line(&s)),
        country: text::line(parts[ci]),
    })
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").unwrap());
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\d[\d\s().-]{5,}\d(?:\s*(?:ext\.?|x)\s*\d+)?").unwrap());

/// "Jane Doe, MD  555-123-4567  jane@example.org" → a contact.
pub fn contact_line(s: &str, role: Option<ContactRole>) -> Contact {
    let email = EMAIL.find(s).map(|m| m.as_str().to_string());
    let phone = PHONE.find(s).and_then(|m| text::line(m.as_str()));
    let mut name = s.to_string();
    for found in [&email, &phone].into_iter().flatten() {
        name = name.replace(found.as_str(), " ");
    }
    Contact {
        name: text::line(&name),
        role,
        phone,
        email,
    }
}

fn sponsors(t: &mut Trial, body: &[Line]) {
    let mut names = nonblank(body)
        .map(|l| l.text.as_str())
        .filter(|s| classify_official(s).is_none());
    if let Some(lead) = names.next() {
        t.sponsors.lead = Some(Organization {
            name: text::line(lead),
            class: None,
        });
    }
    for c in names {
        t.sponsors.collaborators.push(Organization {
            name: text::line(c),
            class: None,
        });
    }
}

fn classify_official(s: &str) -> Option<OfficialRole> {
    let (head, _) = s.split_once(':')?;
    OfficialRole::from_words(head)
}

fn split_official_affiliations(t: &mut Trial) {
    let mut orgs: Vec<String> = t
        .sponsors
        .lead
        .iter()
        .chain(&t.sponsors.collaborators)
        .filter_map(|o| o.name.clone())
        .chain(t.sponsors.information_provider.clone())
        .collect();
    orgs.sort_by_key(|o| std::cmp::Reverse(o.len()));
    for o in &mut t.contacts.officials {
        if o.affiliation.is_some() {
            continue;
        }
        let Some(full) = o.name.clone() else { continue };
        let cut = orgs
            .iter()
            .filter_map(|org| full.find(org.as_str()))
            .filter(|&i| i > 0)
            .min();
        if let Some(i) = cut {
            o.name = text::line(&full[..i]);
            o.affiliation = text::line(&full[i..]);
        }
    }
}

fn responsible_party(t: &mut Trial, v: &str) {
    // Old pages: "Name / Official title, Organization"; newer ones name the sponsor or an
    // investigator with title and affiliation.
    let (name, rest) = match v.split_once(" / ") {
        Some((n, r)) => (text::line(n), Some(r)),
        None => (text::line(v), None),
    };
    let mut party = ResponsibleParty {
        kind: None,
        name,
        title: None,
        affiliation: None,
    };
    if let Some(rest) = rest {
        let orgs: Vec<String> = t
            .sponsors
            .lead
            .iter()
            .filter_map(|o| o.name.clone())
            .chain(t.sponsors.information_provider.clone())
            .collect();
        match orgs
            .iter()
            .find_map(|o| rest.rfind(o.as_str()).filter(|&i| i > 0))
        {
            Some(i) => {
                party.title = text::line(rest[..i].trim_end().trim_end_matches(','));
                party.affiliation = text::line(&rest[i..]);
            }
            None => party.title = text::line(rest),
        }
    }
    t.sponsors.responsible_party = Some(party);
}

fn mesh(t: &mut Trial, body: &[Line]) {
    for l in nonblank(body) {
        if PROCESSED.is_match(&l.text) {
            record_date(t, &l.text);
        } else {
            t.mesh_terms.push(l.text.clone());
        }
    }
}

fn publications(t: &mut Trial, body: &[Line]) {
    static PMID: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"PubMed\s*(\d+)|PMID:\s*(\d+)").unwrap());
    for l in nonblank(body) {
        if PROCESSED.is_match(&l.text) {
            record_date(t, &l.text);
            continue;
        }
        let pmid = PMID
            .captures(&l.text)
            .and_then(|c| c.get(1).or(c.get(2)))
            .map(|m| m.as_str().to_string());
        t.references.push(Reference {
            citation: text::line(&l.text),
            pmid,
            kind: None,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places() {
        let p = split_place("Toulouse, France, 31059 Toulouse Cedex").unwrap();
        assert_eq!(p.city.as_deref(), Some("Toulouse"));
        assert_eq!(p.country.as_deref(), Some("France"));
        assert_eq!(p.zip.as_deref(), Some("31059 Toulouse Cedex"));
        let p = split_place("Durham, North Carolina, United States, 27710").unwrap();
        assert_eq!(p.state.as_deref(), Some("North Carolina"));
        assert!(split_place("Service de Dermatologie - CHG Libourne").is_none());
    }

    #[test]
    fn acronym_after_title() {
        assert_eq!(
            split_acronym("Efficacy and Safety of Imatinib in Scleroderma (SCLEROGLIVEC)"),
            (
                "Efficacy and Safety of Imatinib in Scleroderma".into(),
                Some("SCLEROGLIVEC".into())
            )
        );
        assert_eq!(split_acronym("A study (in adults)").1, None);
    }
}
