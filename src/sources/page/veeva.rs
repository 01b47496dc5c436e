//! ClinicalTrials.Veeva study page (`ctv.veeva.com/study/<slug>`), read section by section
//! from its outline: copied text directly, saved HTML once rendered to the same outline.
//!
//! The page is a title, the sponsor, then headed sections ("Status and phase", "Conditions",
//! "Treatments", ..., "Trial design", "Central trial contact"). Headings are whole lines;
//! the menu, "Loading...", the footer ("Data sourced from clinicaltrials.gov" on) and the
//! copyright are page furniture. The title and sponsor are the lines just above the first
//! heading (past the sponsor's avatar letter), so whatever the site prints above them is
//! left out.
//!
//! Fields filled: `ids` (the registry numbers the Identifiers section lists, by form: NCT,
//! EU CT, EudraCT, ISRCTN, …, the first the record's own; org study id, secondary ids), `titles` (brief, acronym),
//! `status.overall`, `sponsors.lead` (name; its class where the page lists one funder type),
//! `description.brief_summary`, `conditions`, `design` (study type, phases, allocation,
//! models, time perspective, purpose, masking level), `enrollment`, `arms`,
//! `interventions` (type and name), `eligibility`, `contacts.central` (names, phones,
//! emails), `sites` (those the page lists; a count it gives but does not list is warned).
//!
//! Fields it cannot fill, since the page does not show them: `titles.official`, every date
//! in `status` and `status.why_stopped`, collaborators, `responsible_party`,
//! `description.detailed_description`, `keywords`, `mesh_terms`, the masked roles,
//! interventions' descriptions and other names, `outcomes`, `contacts.officials`,
//! `references`, `source.url` (the page's own address is not in it), `source.record_date`.

use crate::normalize::scan::{fold_prefix, is_digit, is_word_boundary, strip_fold_prefix};

use super::labels::{
    contact_line, count, label_key, set_ages, set_design, split_acronym, split_place, yes_no,
    Design,
};
use crate::error::Result;
use crate::model::*;
use crate::normalize::enums::Vocab;
use crate::normalize::{numbers, text};
use crate::sources::page::outline::{paragraphs, Line, Outline};
use crate::Format;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Header,
    StatusPhase,
    Conditions,
    Treatments,
    StudyType,
    FunderTypes,
    Identifiers,
    About,
    Enrollment,
    Sex,
    Ages,
    Volunteers,
    Inclusion,
    Exclusion,
    TrialDesign,
    Design(Design),
    Sites,
    CentralContact,
    Chrome,
}

const HEADINGS: &[(&str, Kind)] = &[
    ("Status and phase", Kind::StatusPhase),
    ("Status", Kind::StatusPhase),
    ("Conditions", Kind::Conditions),
    ("Treatments", Kind::Treatments),
    ("Study type", Kind::StudyType),
    ("Funder types", Kind::FunderTypes),
    ("Identifiers", Kind::Identifiers),
    ("Details and patient eligibility", Kind::Chrome),
    ("About", Kind::About),
    ("Enrollment", Kind::Enrollment),
    ("Sex", Kind::Sex),
    ("Ages", Kind::Ages),
    ("Volunteers", Kind::Volunteers),
    ("Inclusion criteria", Kind::Inclusion),
    ("Exclusion criteria", Kind::Exclusion),
    ("Trial design", Kind::Chrome),
    ("Trial contacts and locations", Kind::Sites),
    ("Central trial contact", Kind::CentralContact),
    ("Data sourced from clinicaltrials.gov", Kind::Chrome),
    ("Clinical trials", Kind::Chrome),
    ("Menu", Kind::Chrome),
];

/// Lines that are page furniture wherever they stand: the site's name and menu, the
/// loading notes of the parts the page fills by script, the footer's links.
fn is_chrome(s: &str) -> bool {
    matches!(
        label_key(s).as_str(),
        "clinicaltrials.veeva"
            | "loading..."
            | "menu"
            | "skip to main content"
            | "sign in"
            | "log in"
            | "search"
            | "trials by location"
            | "clinical trials"
            | "privacy policy"
            | "terms of use"
            | "cookie preferences"
    ) || s.starts_with('©')
        || s.starts_with("Find clinical trials")
        || s.starts_with("Copyright")
}

/// The first line of the footer: "Data sourced from clinicaltrials.gov" (or from the
/// other registry a trial's record comes from).
fn is_footer(s: &str) -> bool {
    label_key(s).starts_with("data sourced from")
}

/// "18 participants in 3 patient groups, including a placebo group" opens the groups: the
/// line as the reader first matched it; `opens_groups` reads it now, and the tests check it
/// against this pattern.
#[cfg(test)]
const GROUPS: &str = r"(?i)^[\d,]+\s+participants?\s+in\s+\d+\s+patient\s+groups?";

/// True where [`GROUPS`] matches `s`, scanned: numbers (digits of any script, commas),
/// words compared as `(?i)` folds them (only "s" has a non-ASCII fold among their letters,
/// "ſ"), white space between them (one character at least). Lines that start with a number
/// are many, and the pattern's build cost more than reading them.
fn opens_groups(s: &str) -> bool {
    fn number(s: &str, comma: bool) -> Option<&str> {
        let rest = s.trim_start_matches(|c: char| is_digit(c) || (comma && c == ','));
        (rest.len() < s.len()).then_some(rest)
    }
    fn spaced(s: &str) -> Option<&str> {
        let rest = s.trim_start();
        (rest.len() < s.len()).then_some(rest)
    }
    let read = || {
        let s = strip_fold_prefix(spaced(number(s, true)?)?, "participant")?;
        let s = strip_fold_prefix(spaced(strip_fold_prefix(s, "s").unwrap_or(s))?, "in")?;
        let s = spaced(number(spaced(s)?, false)?)?;
        strip_fold_prefix(spaced(strip_fold_prefix(s, "patient")?)?, "group")
    };
    read().is_some()
}

fn classify(s: &str) -> Option<Kind> {
    if opens_groups(s) {
        return Some(Kind::TrialDesign);
    }
    HEADINGS
        .iter()
        .find(|(h, _)| h.eq_ignore_ascii_case(s))
        .map(|(_, k)| *k)
        .or_else(|| s.parse().ok().map(Kind::Design))
}

/// Reads a Veeva study page outline.
pub fn read_outline(outline: &Outline, format: Format) -> Result<Trial> {
    let mut t = Trial::new(Registry::Veeva, format);
    let mut sections: Vec<(Kind, Vec<Line>)> = vec![(Kind::Header, Vec::new())];
    for l in outline.lines.iter().take_while(|l| !is_footer(&l.text)) {
        if is_chrome(&l.text) {
            continue;
        }
        match classify(&l.text) {
            Some(k) => sections.push((k, Vec::new())),
            None => sections.last_mut().expect("never empty").1.push(l.clone()),
        }
    }
    let mut inclusion: Option<Vec<Line>> = None;
    let mut exclusion: Option<Vec<Line>> = None;
    for (kind, body) in &sections {
        let values: Vec<&str> = body
            .iter()
            .filter(|l| !l.is_blank())
            .map(|l| l.text.as_str())
            .collect();
        let first = values.first().copied();
        match kind {
            Kind::Header => header(&mut t, &values),
            Kind::StatusPhase => {
                let mut phases = Vec::new();
                for v in &values {
                    if let Some(s) = OverallStatus::from_words(v) {
                        t.status.overall = Some(s);
                    } else {
                        phases.push(*v);
                    }
                }
                t.set_phases(phases);
            }
            Kind::Conditions => t.conditions.extend(values.iter().map(|s| s.to_string())),
            Kind::Treatments => {
                for v in &values {
                    let (kind, name) = typed(v);
                    t.interventions.push(Intervention {
                        kind,
                        name,
                        ..Intervention::default()
                    });
                }
            }
            Kind::StudyType => t.design.study_type = t.enum_or_warn("design.study_type", first),
            Kind::FunderTypes => {
                // The page lists the funders' classes without saying which is the lead's;
                // a single class can only be the lead sponsor's.
                if let [only] = values.as_slice() {
                    let class = t.enum_or_warn("sponsors.lead.class", Some(only));
                    t.sponsors
                        .lead
                        .get_or_insert_with(Organization::default)
                        .class = class;
                }
            }
            Kind::Identifiers => identifiers(&mut t, &values),
            Kind::About => t.description.brief_summary = paragraphs(body),
            Kind::Enrollment => enrollment(&mut t, first),
            Kind::Sex => t.eligibility.sex = t.enum_or_warn("eligibility.sex", first),
            Kind::Ages => set_ages(&mut t, first),
            Kind::Volunteers => {
                // "No Healthy Volunteers" / "Accepts Healthy Volunteers".
                let v = first.map(|v| match text::squash(v) {
                    k if k.starts_with("no") => "No",
                    k if k.contains("healthyvolunteers") => "Yes",
                    _ => v,
                });
                t.eligibility.healthy_volunteers =
                    yes_no(&mut t, "eligibility.healthy_volunteers", v)
            }
            Kind::Inclusion => inclusion = Some(body.clone()),
            Kind::Exclusion => exclusion = Some(body.clone()),
            Kind::TrialDesign => groups(&mut t, &values),
            Kind::Design(d) => set_design(&mut t, *d, first),
            Kind::Sites => sites(&mut t, &values),
            Kind::CentralContact => central_contacts(&mut t, &values),
            Kind::Chrome => {}
        }
    }
    criteria(&mut t, inclusion, exclusion);
    crate::sources::require_registry_id(t, "ClinicalTrials.Veeva")
}

/// The Identifiers section: the trial's numbers in the registries (NCT, EU CT, EudraCT,
/// ISRCTN, …, recognized by form), the first of them its own, and the sponsor's ids. The
/// site lists trials of every registry it draws on, so a page need not have an NCT id; an
/// NCT id cited elsewhere on the page (an earlier trial the summary names) is not the
/// record's.
fn identifiers(t: &mut Trial, values: &[&str]) {
    for v in values {
        match crate::normalize::registry_ids::parse(v) {
            Some(id) if id.registry == IdRegistry::Ctgov && t.ids.nct_id.is_none() => {
                t.ids.nct_id = Some(id.id.clone());
                t.ids.registry_ids.push(id);
            }
            Some(id) => {
                t.ids.secondary_ids.push(v.to_string());
                t.ids.registry_ids.push(id);
            }
            None if t.ids.org_study_id.is_none() => t.ids.org_study_id = text::line(v),
            None => t.ids.secondary_ids.push(v.to_string()),
        }
    }
}

/// Reads a Veeva study page copied as text.
pub fn read(text: &str) -> Result<Trial> {
    read_outline(&Outline::from_text(text), Format::VeevaText)
}

fn header(t: &mut Trial, values: &[&str]) {
    // The lines just above the first heading: the title, the sponsor's avatar letter (a lone
    // character) and the sponsor. Whatever stands above them is the site's.
    let (title, sponsor) = match values {
        [] => (None, None),
        [only] => (Some(*only), None),
        [.., title, avatar, sponsor] if avatar.chars().count() == 1 => {
            (Some(*title), Some(*sponsor))
        }
        [.., title, sponsor] => (Some(*title), Some(*sponsor)),
    };
    if let Some(title) = title {
        let (brief, acronym) = split_acronym(title);
        t.titles.brief = Some(brief);
        t.titles.acronym = acronym;
    }
    if let Some(sponsor) = sponsor {
        t.sponsors
            .lead
            .get_or_insert_with(Organization::default)
            .name = text::line(sponsor);
    }
}

/// "Biological: 2 infusions of MSC" → (BIOLOGICAL, "2 infusions of MSC").
fn typed(s: &str) -> (Option<InterventionType>, String) {
    if let Some((head, name)) = s.split_once(':') {
        if let Some(k) = InterventionType::from_words(head) {
            return (Some(k), text::line(name).unwrap_or_default());
        }
    }
    (None, s.trim().to_string())
}

/// The words that may follow the enrollment's number.
const ENROLLMENT_KINDS: [&str; 3] = ["estimated", "actual", "anticipated"];

/// The enrollment value's number as written and the kind word after it, case aside:
/// "1,234 estimated", "18 Actual participants", "18estimated". The number is taken whole
/// ([`numbers::leading_number`]: "1,5x" is not "1", "1.500" not "1"); without a kind word it
/// must end where a count ends ([`numbers::ends_a_count`]: not "15x", "18-20").
fn enrollment_parts(v: &str) -> Option<(&str, Option<&str>)> {
    let (number, rest) = numbers::leading_number(v)?;
    let at = v.len() - rest.trim_start_matches(char::is_whitespace).len();
    for word in ENROLLMENT_KINDS {
        if let Some(len) = fold_prefix(&v[at..], word) {
            if is_word_boundary(v, at + len) {
                return Some((number, Some(&v[at..at + len])));
            }
        }
    }
    numbers::ends_a_count(rest).then_some((number, None))
}

/// The count and, only with a count, its kind. A value that holds no count ("about 60",
/// "1,5 estimated") is null with the warning a count gives on any page.
fn enrollment(t: &mut Trial, v: Option<&str>) {
    let parts = v.and_then(enrollment_parts);
    match parts.and_then(|(n, kind)| Some((numbers::written_count(n)?, kind))) {
        Some((n, kind)) => {
            t.enrollment.count = Some(n);
            t.enrollment.kind = kind.and_then(DateType::from_words);
        }
        None => t.enrollment.count = count(t, "enrollment.count", v),
    }
}

fn groups(t: &mut Trial, values: &[&str]) {
    // Each group after "N participants in M patient groups": its label, its type
    // ("Experimental group"), optional description lines, "Treatment:" and "Type: name" lines.
    let mut i = 0;
    while i < values.len() {
        let v = values[i];
        let next_is_type = typed(v).0.is_none()
            && values
                .get(i + 1)
                .is_some_and(|n| ArmType::from_words(n).is_some());
        if next_is_type {
            t.arms.push(Arm {
                label: v.to_string(),
                kind: ArmType::from_words(values[i + 1]),
                ..Arm::default()
            });
            i += 2;
            continue;
        }
        if let Some(arm) = t.arms.last_mut() {
            if matches!(text::squash(v).as_str(), "treatment" | "treatments") {
            } else if let (Some(kind), name) = typed(v) {
                arm.intervention_names.push(format!(
                    "{}: {name}",
                    crate::normalize::enums::api_name(&kind)
                ));
            } else {
                arm.description = Some(match arm.description.take() {
                    Some(d) => format!("{d} {v}"),
                    None => v.to_string(),
                });
            }
        }
        i += 1;
    }
}

fn sites(t: &mut Trial, values: &[&str]) {
    // The number of sites ("12", "1,050"), then those a copy of the page holds, a name line
    // and a place line each (the rest are loaded by script). Without a number, every line is
    // read as a site's.
    let number = values
        .first()
        .filter(|v| numbers::leading_number(v).is_some_and(|(_, r)| r.is_empty()));
    let count = number.and_then(|n| numbers::written_count(n));
    if let (Some(n), None) = (number, count) {
        t.warn(
            WarningCode::BadNumber,
            "sites",
            format!("{n:?} is not a count of sites"),
        );
    }
    let listed = if number.is_some() {
        &values[1..]
    } else {
        values
    };
    let mut i = 0;
    while i < listed.len() {
        let place = listed.get(i + 1).and_then(|p| split_place(p));
        match place {
            Some(p) => {
                t.sites.push(p.into_site(Some(listed[i])));
                i += 2;
            }
            None => i += 1,
        }
    }
    if let Some(n) = count.filter(|&n| n != t.sites.len() as u64) {
        t.warn(
            WarningCode::SitesNotListed,
            "sites",
            format!(
                "the page counts {} but lists {}",
                crate::words::counted(n, "site", "sites"),
                t.sites.len()
            ),
        );
    }
}

fn central_contacts(t: &mut Trial, values: &[&str]) {
    // Names are separated by ";" on one line; phone and email lines may follow.
    for v in values {
        if v.contains('@') || v.chars().filter(char::is_ascii_digit).count() >= 6 {
            let c = contact_line(v, None);
            if let Some(last) = t.contacts.central.last_mut() {
                last.phone = last.phone.take().or(c.phone);
                last.email = last.email.take().or(c.email);
            }
            continue;
        }
        for name in v.split(';').filter_map(text::line) {
            t.contacts.central.push(Contact {
                name: Some(name),
                ..Contact::default()
            });
        }
    }
}

fn criteria(t: &mut Trial, inclusion: Option<Vec<Line>>, exclusion: Option<Vec<Line>>) {
    let mut lines = Vec::new();
    for (heading, body) in [
        ("Inclusion criteria", inclusion),
        ("Exclusion criteria", exclusion),
    ] {
        if let Some(mut body) = body {
            while body.last().is_some_and(Line::is_blank) {
                body.pop();
            }
            if !lines.is_empty() {
                lines.push(Line {
                    indent: 0,
                    text: String::new(),
                });
            }
            lines.push(Line {
                indent: 0,
                text: heading.to_string(),
            });
            lines.extend(body);
        }
    }
    if !lines.is_empty() {
        let text = Outline::render(&lines);
        t.eligibility.criteria_text = Some(text.trim().to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `opens_groups` says what [`GROUPS`] says, on every line of the fixtures and on edge
    /// cases (case, "ſ", white space, numbers of other scripts, commas).
    #[test]
    fn groups_scanner_matches_the_regex() {
        let regex = regex::Regex::new(GROUPS).unwrap();
        let cases = [
            "18 participants in 3 patient groups",
            "1,200 PARTICIPANTS IN 2 PATIENT GROUP, x",
            "18 participant in 3 patient groupies",
            "18 participan\u{17F} in 3 patient groups",
            ",\u{2003}participants\tin\n\u{663}  patient group",
            "18participants in 3 patient groups",
            "18 participants in3 patient groups",
            "18 participants in , patient groups",
            "18 participantss in 3 patient groups",
            "\u{663}\u{663} participants in 3 patient grou",
            "x18 participants in 3 patient groups",
            "",
        ];
        let lines = crate::test_texts::with_fixture_lines(&cases);
        let mut found = 0;
        for (i, l) in lines.iter().enumerate() {
            let want = regex.is_match(l);
            assert_eq!(opens_groups(l), want, "{l:?}");
            found += usize::from(want && i >= cases.len());
        }
        // The Veeva fixtures' own lines ("18 participants in 3 patient groups", …).
        assert!(found >= 4, "{found}");
    }

    /// A large trial's site count has a thousands comma; the sites a copy holds are still
    /// read, and the shortfall is told.
    #[test]
    fn sites_are_read_under_a_count_with_a_thousands_comma() {
        let mut t = Trial::default();
        let lines = [
            "1,050",
            "Hadassah Medical Organization",
            "Jerusalem, Israel",
            "IRCCS Ospedale San Raffaele",
            "Milan, Italy",
        ];
        sites(&mut t, &lines);
        let names: Vec<_> = t.sites.iter().map(|s| s.facility.as_deref()).collect();
        assert_eq!(
            names,
            [
                Some("Hadassah Medical Organization"),
                Some("IRCCS Ospedale San Raffaele")
            ]
        );
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].code, WarningCode::SitesNotListed);
        assert_eq!(
            t.warnings[0].message,
            "the page counts 1050 sites but lists 2"
        );
    }

    /// A site count that is no count ("1.050": a thousand and fifty, or one?) is told, and the
    /// lines after it are still read as sites.
    #[test]
    fn an_unreadable_site_count_warns() {
        let mut t = Trial::default();
        sites(
            &mut t,
            &[
                "1.050",
                "Hadassah Medical Organization",
                "Jerusalem, Israel",
            ],
        );
        assert_eq!(t.sites.len(), 1);
        let codes: Vec<_> = t.warnings.iter().map(|w| w.code).collect();
        assert_eq!(codes, [WarningCode::BadNumber]);
    }

    /// The enrollment line: its number read whole (thousands by threes), its kind word case
    /// aside and only at a word's end, and no count made up from part of a number.
    #[test]
    fn enrollment_reads_the_whole_number_and_its_kind() {
        let (est, act) = (Some(DateType::Estimated), Some(DateType::Actual));
        let cases: [(&str, Option<u64>, Option<DateType>, bool); 26] = [
            ("18", Some(18), None, false),
            ("1,234 estimated", Some(1234), est, false),
            ("18 Estimated", Some(18), est, false),
            ("18 ESTIMATED participants", Some(18), est, false),
            ("18estimated", Some(18), est, false),
            ("18 estimatedx", Some(18), None, false),
            ("18 actualy", Some(18), None, false),
            ("18 anticipated.", Some(18), est, false),
            ("18\nactual", Some(18), act, false),
            ("12 \u{a0}actual", Some(12), act, false),
            ("1,000,000 (estimated)", Some(1_000_000), None, false),
            ("1,", Some(1), None, false),
            ("18 x", Some(18), None, false),
            ("1 500 actual", Some(1500), act, false),
            // No number, part of a word, a decimal comma, digits of another script: no count,
            // no kind, a warning.
            ("1,5x", None, None, true),
            ("1,5 actual", None, None, true),
            ("1,,2 actual", None, None, true),
            ("18x", None, None, true),
            ("x18", None, None, true),
            (",", None, None, true),
            ("\u{663}\u{664} actual", None, None, true),
            ("about 60", None, None, true),
            ("1.500 estimated", None, None, true),
            ("18.5", None, None, true),
            ("18-20 estimated", None, None, true),
            ("0,500 actual", None, None, true),
        ];
        for (value, count, kind, warns) in cases {
            let mut t = Trial::default();
            enrollment(&mut t, Some(value));
            let got = (
                t.enrollment.count,
                t.enrollment.kind,
                !t.warnings.is_empty(),
            );
            assert_eq!(got, (count, kind, warns), "{value:?}");
        }
        // The fixtures' own enrollment lines ("18 Estimated", …) all read with their kind.
        let lines = crate::test_texts::with_fixture_lines(&[]);
        let kinds = (lines.iter())
            .filter_map(|l| enrollment_parts(l))
            .filter(|(n, k)| k.is_some() && numbers::written_count(n).is_some())
            .count();
        assert!(kinds >= 5, "{kinds}");
    }
}
