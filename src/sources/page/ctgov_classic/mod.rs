//! ClinicalTrials.gov classic study page (`/ct2/show/NCT…`, retired in 2024), in every layout
//! the site served: the older print-style page, the tabbed "Study Details" (Full Text View),
//! the "Tabular View" (the record as one two-column table) and the results tab. Copied text
//! is read directly; saved HTML once rendered to the same outline.
//!
//! The record is framed first (module `frame`): its title is the line above the status block (the
//! `<h1>` in HTML) and its end is the site footer, so menus, banners and footers never reach
//! a field, and the site's furniture between sections ("Layout table for …", "Go to", the
//! disclaimer, the National Library of Medicine's notes) is left out. Labels are matched
//! with or without the glossary's space before the colon ("Recruitment Status :"), and
//! tables ("Condition or disease", "Arm / Intervention/treatment", "Group/Cohort") are read
//! by their header rows.
//!
//! A page that lacks sections a full record of its kind has (the results tab, which carries
//! only the header block; a page cut short) says so in a `partial-page` warning naming what
//! is missing.
//!
//! Fields filled: `ids` (NCT id, org study id, secondary ids), `titles`, `status` (overall,
//! why stopped, start / primary completion / completion with their type, first submitted,
//! first posted, last updated, verified), `sponsors` (lead and collaborator names,
//! responsible party, information provider), `description`, `conditions`, `keywords`,
//! `mesh_terms`, `design` (study type, phases, allocation, models, time perspective,
//! purpose, masking, endpoint classification), `enrollment`, `arms`, `interventions`,
//! `outcomes`, `eligibility` (sex, ages, healthy volunteers, criteria), `contacts`
//! (central contacts, officials), `sites`, `references`, `source.record_date` (older pages).
//!
//! Fields it cannot fill, since no layout prints them: `sponsors.lead.class` and
//! collaborators' classes, `responsible_party.type`, `references[].type` on the "Study
//! Details" tab (its "Publications" heading does not say background or result), PubMed ids
//! where the page links the citation without printing its id; the Tabular View lists the
//! sites' countries, not the sites, and no MeSH terms; the results tab carries the header
//! block only (its posted results wait for the model's `results` section).

mod fields;
mod frame;
mod tables;
mod tabular;

use crate::error::Result;
use crate::model::{Registry, Trial, WarningCode};
use crate::normalize::{date, text};
use crate::sources::find_nct_id;
use crate::sources::page::labels::{label_key, split_acronym};
use crate::sources::page::outline::{Line, Outline};
use crate::Format;

/// Which tab or layout of the classic site a page is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// The "Study Details" tab (2017 on) or the older print-style page.
    FullText,
    /// The "Tabular View" tab.
    Tabular,
    /// The results tab.
    Results,
}

/// Reads a classic study page copied as text.
pub fn read(text: &str) -> Result<Trial> {
    read_outline(&Outline::from_text(text), Format::CtgovClassicText, None)
}

/// Reads a classic study page outline; `heading` is the page's `<h1>` where it was saved
/// as HTML.
pub fn read_outline(outline: &Outline, format: Format, heading: Option<&str>) -> Result<Trial> {
    let mut t = Trial::new(Registry::Ctgov, format);
    // The identifier the site repeats in its notes, and the date an older page was made.
    for l in &outline.lines {
        if frame::is_processed_line(&l.text) {
            t.source.record_date = record_date(&l.text);
        }
        if label_key(&l.text).starts_with("please refer to this study by its") {
            t.ids.nct_id = t.ids.nct_id.take().or_else(|| find_nct_id(&l.text));
        }
    }
    let framed = frame::frame(&outline.lines, heading);
    if let Some(title) = &framed.title {
        let (brief, acronym) = split_acronym(title);
        t.titles.brief = Some(brief);
        t.titles.acronym = acronym;
    }
    let missing = match layout(&outline.lines) {
        Layout::Tabular => tabular::read(&mut t, &framed.lines),
        Layout::FullText => fields::read(&mut t, &framed.lines),
        Layout::Results => {
            fields::read(&mut t, &framed.lines);
            vec![
                "its protocol sections (the results tab carries the header block only: \
                  description, design, arms, outcome measures, eligibility and locations \
                  are on the \"Study Details\" tab)"
                    .to_string(),
            ]
        }
    };
    if !missing.is_empty() {
        t.warn(
            WarningCode::PartialPage,
            "",
            format!("the page lacks {}", missing.join(", ")),
        );
    }
    t.source.url = t
        .ids
        .nct_id
        .as_ref()
        .map(|id| format!("https://clinicaltrials.gov/ct2/show/{id}"));
    crate::sources::require_nct_id(t, "ClinicalTrials.gov")
}

/// The layout, from lines only a layout has: the Tabular View's registry field names, the
/// results tab's headings.
fn layout(lines: &[Line]) -> Layout {
    let keys: Vec<String> = lines
        .iter()
        .filter(|l| !l.is_blank())
        .map(|l| label_key(l.text.split('\t').next().unwrap_or("")))
        .collect();
    let has = |k: &str| {
        keys.iter().any(|x| {
            x.strip_prefix(k)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
    };
    if has("tracking information") || has("first submitted date") || has("first received date") {
        return Layout::Tabular;
    }
    let protocol = ["study description", "study design", "eligibility criteria"]
        .iter()
        .any(|k| has(k))
        || has("inclusion criteria")
        || has("ages eligible for study");
    let results_tab = has("no study results posted on clinicaltrials.gov for this study")
        || has("results submitted - not posted on clinicaltrials.gov")
        || has("study results") && has("participant flow");
    if results_tab && !protocol {
        Layout::Results
    } else {
        Layout::FullText
    }
}

/// "ClinicalTrials.gov processed this record on May 26, 2016" → 2016-05-26.
fn record_date(line: &str) -> Option<String> {
    let lower = line.to_ascii_lowercase();
    let at = lower.find("processed this record on")? + "processed this record on".len();
    date::iso(line.get(at..)?.trim())
}

/// The value of a field split into lines: the inline value, then the lines below it.
fn value_lines<'a>(value: &'a str, body: &'a [Line]) -> impl Iterator<Item = &'a str> {
    std::iter::once(value)
        .chain(body.iter().map(|l| l.text.as_str()))
        .filter(|s| text::line(s).is_some())
}
