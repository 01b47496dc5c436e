//! The "Tabular View" tab: the whole record as one two-column table of the registry's own
//! field names ("First Submitted Date", "Current Primary Outcome Measures", "Sex/Gender"),
//! grouped under "Tracking Information", "Descriptive Information", "Recruitment
//! Information" and "Administrative Information". Labels may carry the "ICMJE" mark, a
//! "(submitted: …)" date and a footnote star; values "Not Provided" and "Same as current"
//! say nothing. Cells are read with the "Study Details" tab's field readers.

use crate::model::{DateType, OutcomeKind, Trial};
use crate::normalize::text;
use crate::sources::page::labels::label_key;
use crate::sources::page::outline::Line;

use super::fields::{field, lookup_field, Kind, Section};

/// The table's group rows.
const GROUPS: [&str; 4] = [
    "tracking information",
    "descriptive information",
    "recruitment information",
    "administrative information",
];

/// Row labels the "Study Details" tab does not share, as keys with the marks taken off
/// ([`row_key`]); the others ("Official Title", "Actual Enrollment", "Responsible Party")
/// are looked up in its table ([`fields::lookup_field`]).
const ROWS: &[(&str, Kind)] = &[
    ("first submitted date", Kind::FirstReceived),
    ("first received date", Kind::FirstReceived),
    ("first posted date", Kind::FirstPosted),
    ("last update posted date", Kind::LastUpdatePosted),
    ("last updated date", Kind::LastUpdatePosted),
    ("start date", Kind::Start(None)),
    (
        "current primary outcome measures",
        Kind::Outcomes(OutcomeKind::Primary),
    ),
    (
        "current secondary outcome measures",
        Kind::Outcomes(OutcomeKind::Secondary),
    ),
    (
        "current other outcome measures",
        Kind::Outcomes(OutcomeKind::Other),
    ),
    (
        "current other pre-specified outcome measures",
        Kind::Outcomes(OutcomeKind::Other),
    ),
    ("original primary outcome measures", Kind::Ignored),
    ("original secondary outcome measures", Kind::Ignored),
    ("original other outcome measures", Kind::Ignored),
    (
        "original other pre-specified outcome measures",
        Kind::Ignored,
    ),
    ("change history", Kind::Ignored),
    ("brief title", Kind::BriefTitle),
    ("study phase", Kind::Phase),
    ("study design", Kind::DesignLines),
    ("target follow-up duration", Kind::Ignored),
    ("biospecimen", Kind::Ignored),
    ("study population", Kind::Ignored),
    ("condition", Kind::Conditions),
    ("intervention", Kind::Interventions),
    ("study arms", Kind::Arms),
    ("study groups/cohorts", Kind::Arms),
    ("study group/cohort (s)", Kind::Arms),
    ("publications", Kind::Publications(None)),
    ("original enrollment", Kind::Ignored),
    ("original estimated enrollment", Kind::Ignored),
    ("completion date", Kind::Completion(None)),
    (
        "estimated completion date",
        Kind::Completion(Some(DateType::Estimated)),
    ),
    ("eligibility criteria", Kind::Criteria),
    ("sex/gender", Kind::Sex),
    ("gender", Kind::Sex),
    ("ages", Kind::Ages),
    ("contacts", Kind::CentralContacts),
    ("listed location countries", Kind::Countries),
    ("removed location countries", Kind::Ignored),
    ("nct number", Kind::NctId),
    ("u.s. fda-regulated product", Kind::Ignored),
    ("ipd sharing statement", Kind::Ignored),
    ("plan to share data", Kind::Ignored),
    ("study sponsor", Kind::Sponsor),
    ("investigators", Kind::Investigators),
    ("prs account", Kind::Ignored),
    ("verification date", Kind::Verified),
];

/// The status block above the table prints "Label : value" on one line.
const STATUS_BLOCK: [&str; 7] = [
    "clinicaltrials.gov identifier",
    "recruitment status",
    "first posted",
    "last update posted",
    "sponsor",
    "collaborators",
    "information provided by (responsible party)",
];

/// A row label without its marks: "Current Primary Outcome Measures ICMJE (submitted:
/// November 15, 2018)" → "current primary outcome measures".
fn row_key(label: &str) -> String {
    let mut key = label_key(label);
    if let Some(at) = key.find("(submitted") {
        key.truncate(at);
    }
    let key = key.replace("icmje", "");
    label_key(key.trim_end_matches(['*', ' ']))
}

/// What a line of the table opens: a row label before its first tab (or alone), or a group
/// row.
fn classify(line: &Line) -> Option<(Kind, String)> {
    // The label alone, "Label<tab>value" as a table row copies, or the status block's
    // "Label : value".
    let lookup = |label: &str| {
        let key = row_key(label);
        if GROUPS.contains(&key.as_str()) {
            return Some(Kind::Divider("group"));
        }
        let row = ROWS.iter().find(|(k, _)| *k == key).map(|(_, v)| *v);
        row.or_else(|| lookup_field(&key))
    };
    if let Some(kind) = lookup(&line.text) {
        return Some((kind, String::new()));
    }
    if let Some((label, value)) = line.text.split_once('\t') {
        return Some((lookup(label)?, value.trim().to_string()));
    }
    let (label, value) = crate::sources::page::labels::split_label(&line.text)?;
    let key = row_key(label);
    STATUS_BLOCK
        .contains(&key.as_str())
        .then(|| lookup_field(&key))
        .flatten()
        .map(|kind| (kind, value.to_string()))
}

/// "Not Provided" and "Same as current" state nothing; a label's "(submitted: …)" date
/// and the table's footnotes (on "ICMJE"
/// and "Publications *") are the site's.
fn says_nothing(s: &str) -> bool {
    let key = label_key(s);
    matches!(key.as_str(), "not provided" | "same as current")
        // A label's date, on its own line where the label breaks.
        || key.starts_with("(submitted:")
        || key.starts_with("* includes publications given by the data provider")
        || key.starts_with("icmje data element required by")
}

/// Reads a Tabular View into `t`; returns what a full record holds that this page cannot
/// or does not show.
pub(super) fn read(t: &mut Trial, lines: &[Line]) -> Vec<String> {
    let mut secs: Vec<Section> = Vec::new();
    let mut groups = 0;
    for l in lines {
        match classify(l) {
            Some((Kind::Divider(_), _)) => groups += 1,
            Some((kind, value)) => secs.push(Section {
                kind,
                value: if says_nothing(&value) {
                    String::new()
                } else {
                    value
                },
                body: Vec::new(),
            }),
            None => {
                if let Some(sec) = secs.last_mut() {
                    if !says_nothing(&l.text) {
                        sec.body.push(l.clone());
                    }
                }
            }
        }
    }
    let mut countries = Vec::new();
    let mut criteria = None;
    for sec in &mut secs {
        match sec.kind {
            // "Sexes Eligible for Study: All".
            Kind::Sex => {
                let first = super::value_lines(&sec.value, &sec.body).next();
                if let Some((_, v)) = first.and_then(|f| f.split_once(':')) {
                    sec.value = v.trim().to_string();
                }
            }
            Kind::Countries => {
                countries = super::value_lines(&sec.value, &sec.body)
                    .filter_map(text::line)
                    .collect()
            }
            Kind::Criteria => {
                let mut block = sec.body.clone();
                if !sec.value.is_empty() {
                    block.insert(
                        0,
                        Line {
                            indent: 0,
                            text: sec.value.clone(),
                        },
                    );
                }
                criteria = Some(block);
            }
            _ => {}
        }
        field(t, sec);
    }
    if let Some(block) = criteria {
        let text = crate::sources::page::outline::Outline::render(&block);
        t.eligibility.criteria_text = text::line(&text).map(|_| text.trim().to_string());
    }
    super::tables::split_official_affiliations(t);
    let mut missing = Vec::new();
    if groups < GROUPS.len() {
        missing.push(format!(
            "{} of the table's {} groups (cut short?)",
            GROUPS.len() - groups.min(GROUPS.len()),
            GROUPS.len()
        ));
    }
    if !countries.is_empty() {
        missing.push(format!(
            "the sites (the Tabular View names only their countries: {}) and the MeSH terms",
            countries.join(", ")
        ));
    }
    missing
}
