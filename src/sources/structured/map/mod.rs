//! The API v2 shape → the model: one file per section of the record, each a few helpers of
//! a screen. The mapper reads only the API v2 shape (the older formats are converted into
//! it first), so every value goes through one reading: Markdown is unescaped here, yes/no,
//! dates, ages, counts and enumerations are read here, whatever the source.
//!
//! Sections are filled in the record's order, so warnings come in that order too.

mod arms;
mod contacts;
mod description;
mod design;
mod eligibility;
mod ids;
mod outcomes;
mod references;
mod results;
mod sites;
mod sponsors;
mod status;

use std::borrow::Cow;

use super::wire::api_v2::{Protocol, Study, YesNo};
use crate::model::Trial;
use crate::normalize::enums::Vocab;
use crate::normalize::{checked, date, text};

/// Fills `t` from one study.
pub fn study(t: &mut Trial, s: &Study) {
    let none = Protocol::default();
    let p = s.protocol_section.as_ref().unwrap_or(&none);
    let id = &p.identification_module;
    ids::ids(t, id, &s.legacy, &s.derived_section);
    // A version of the record history (`trialnorm history --raw`) says which it is; its
    // date and changed modules are in the history list, which `history` reads.
    t.source.version = s.study_version.map(|number| crate::model::RecordVersion {
        number,
        date: None,
        changed_modules: Vec::new(),
    });
    status::status(t, &p.status_module);
    sponsors::sponsors(t, &p.sponsor_collaborators_module, id.organization.as_ref());
    description::description(t, p, &s.derived_section);
    design::design(t, &p.design_module, &s.legacy);
    arms::arms(t, &p.arms_interventions_module);
    outcomes::outcomes(t, &p.outcomes_module);
    eligibility::eligibility(t, &p.eligibility_module);
    contacts::contacts(t, &p.contacts_locations_module);
    sites::sites(t, &p.contacts_locations_module.locations);
    references::references(t, &p.references_module);
    results::results(t, s.results_section.as_ref(), &p.status_module);
}

/// Markdown text with its escapes undone; borrowed when it has none (most text), so the
/// normalizer reads it without a copy first.
fn unescaped(raw: &str) -> Cow<'_, str> {
    if raw.contains('\\') {
        Cow::Owned(text::unescape_markdown(raw))
    } else {
        Cow::Borrowed(raw)
    }
}

/// Markdown text as one line.
fn md_line(raw: Option<&str>) -> Option<String> {
    raw.and_then(|r| text::line(&unescaped(r)))
}

/// Markdown texts as lines, blank ones dropped.
fn md_lines(raws: &[String]) -> Vec<String> {
    raws.iter().filter_map(|r| md_line(Some(r))).collect()
}

/// Markdown text as paragraphs: each line the source keeps is one.
fn md_paragraphs(raw: Option<&str>) -> Option<String> {
    raw.and_then(|r| text::line_paragraphs(&unescaped(r)))
}

// The warning path of a value is built (`format!`) only when the value gives a warning:
// the readers below take it as a closure, since most values read cleanly and building
// every path cost more than reading the values.

/// A yes/no: v2's boolean as it is; older text read by [`checked::yes_no`].
fn yes_no(t: &mut Trial, path: impl FnOnce() -> String, raw: Option<&YesNo>) -> Option<bool> {
    match raw? {
        YesNo::Bool(b) => Some(*b),
        YesNo::Text(raw) => checked::yes_no(t, &path(), Some(raw)),
    }
}

/// [`Trial::enum_or_warn`], the same reading and warning, with the path built only for a
/// warning.
fn vocab<E: Vocab>(t: &mut Trial, path: impl FnOnce() -> String, raw: Option<&str>) -> Option<E> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    E::from_words(raw).or_else(|| t.enum_or_warn(&path(), Some(raw)))
}

/// [`checked::date`], the same reading and warning, with the path built only for a
/// warning.
fn checked_date(t: &mut Trial, path: impl FnOnce() -> String, raw: Option<&str>) -> Option<String> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    date::iso(raw).or_else(|| checked::date(t, &path(), Some(raw)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WarningCode;

    #[test]
    fn yes_no_reads_booleans_and_words() {
        let mut t = Trial::default();
        let text = |s: &str| YesNo::Text(s.into());
        let p = || "p".to_string();
        assert_eq!(yes_no(&mut t, p, Some(&YesNo::Bool(false))), Some(false));
        assert_eq!(yes_no(&mut t, p, Some(&text(" Yes "))), Some(true));
        assert_eq!(
            yes_no(&mut t, p, Some(&text("Accepts Healthy Volunteers"))),
            Some(true)
        );
        assert_eq!(yes_no(&mut t, p, Some(&text(""))), None);
        assert!(t.warnings.is_empty());
        assert_eq!(yes_no(&mut t, p, Some(&text("Maybe"))), None);
        assert_eq!(t.warnings[0].code, WarningCode::UnmappedEnum);
        assert_eq!(t.warnings[0].path.as_deref(), Some("p"));
    }
}
