//! Mapping shared by the three structured ClinicalTrials.gov readers (legacy XML, API v1,
//! API v2): each reader deserializes its own shape, then hands the registry's values to
//! these helpers, so one wording gives one model value whatever the format.

use crate::model::WarningCode;
use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Age, Contact, ContactRole, DatedEvent, MaskingLevel, Official, Organization, ResponsibleParty,
    Trial,
};
use crate::normalize::enums::Vocab;
use crate::normalize::{age, date, text};

/// The canonical link of a study on ClinicalTrials.gov, built from its NCT id for the
/// formats that carry no link of their own (API v1 and v2).
pub fn study_url(nct_id: Option<&str>) -> Option<String> {
    nct_id.map(|id| format!("https://clinicaltrials.gov/study/{id}"))
}

/// A date with its ACTUAL/ESTIMATED type. A date the source gives without a type keeps a
/// `null` type: older records did not say, and guessing would invent a fact.
pub fn dated(
    t: &mut Trial,
    path: &str,
    raw_date: Option<&str>,
    raw_type: Option<&str>,
) -> DatedEvent {
    let date = iso_or_warn(t, path, raw_date);
    let kind = if date.is_some() {
        t.enum_or_warn(&format!("{path}.type"), raw_type)
    } else {
        None
    };
    DatedEvent { date, kind }
}

/// An ISO 8601 date, or `None` with a warning quoting a value that holds no date.
pub fn iso_or_warn(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<String> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let d = date::iso(raw);
    if d.is_none() {
        t.warn(WarningCode::BadDate, path, format!("{raw:?} is not a date"));
    }
    d
}

/// An age bound ("18 Years"); "N/A" and blanks are no bound, anything else unreadable is
/// warned about.
pub fn age_bound(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<Age> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let a = age::bound(raw);
    if a.is_none() && !matches!(text::squash(raw).as_str(), "na" | "none" | "notapplicable") {
        t.warn(WarningCode::BadAge, path, format!("{raw:?} is not an age"));
    }
    a
}

/// "Yes" / "Accepts Healthy Volunteers" / "No" to a boolean.
pub fn yes_no(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<bool> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    match text::squash(raw).as_str() {
        "yes" | "true" | "acceptshealthyvolunteers" => Some(true),
        "no" | "false" => Some(false),
        _ => {
            t.warn(
                WarningCode::UnmappedEnum,
                path,
                format!("{raw:?} is not yes or no"),
            );
            None
        }
    }
}

/// A sponsor from its name and agency class.
pub fn organization(
    t: &mut Trial,
    path: &str,
    name: Option<&str>,
    class: Option<&str>,
) -> Option<Organization> {
    let name = text::opt_line(name);
    let class = t.enum_or_warn(&format!("{path}.class"), class);
    (name.is_some() || class.is_some()).then_some(Organization { name, class })
}

/// Sets the responsible party from its parts, unless the record gives none of them.
pub fn set_responsible_party(
    t: &mut Trial,
    kind: Option<&str>,
    name: Option<&str>,
    title: Option<&str>,
    affiliation: Option<&str>,
) {
    let party = ResponsibleParty {
        kind: t.enum_or_warn("sponsors.responsible_party.type", kind),
        name: text::opt_line(name),
        title: text::opt_line(title),
        affiliation: text::opt_line(affiliation),
    };
    if party != ResponsibleParty::default() {
        t.sponsors.responsible_party = Some(party);
    }
}

/// A contact person; the phone extension, where given apart, is appended as "ext. N".
pub fn contact(
    t: &mut Trial,
    path: &str,
    name: Option<&str>,
    role: Option<&str>,
    phone: Option<&str>,
    ext: Option<&str>,
    email: Option<&str>,
) -> Contact {
    let phone = match (text::opt_line(phone), text::opt_line(ext)) {
        (Some(p), Some(e)) => Some(format!("{p} ext. {e}")),
        (p, _) => p,
    };
    Contact {
        name: text::opt_line(name),
        role: t.enum_or_warn::<ContactRole>(&format!("{path}.role"), role),
        phone,
        email: text::opt_line(email),
    }
}

/// An overall official.
pub fn official(
    t: &mut Trial,
    path: &str,
    name: Option<&str>,
    role: Option<&str>,
    affiliation: Option<&str>,
) -> Official {
    Official {
        name: text::opt_line(name),
        role: t.enum_or_warn(&format!("{path}.role"), role),
        affiliation: text::opt_line(affiliation),
    }
}

/// Masking given as a level and a separate list of roles (the APIs). The roles are written
/// back into the wording the legacy XML uses ("Quadruple (Participant, Care Provider)"), so
/// the level is counted from the roles in the same way for every format.
pub fn set_masking_parts(t: &mut Trial, level: Option<&str>, who: &[String]) {
    let level = level.map(str::trim).filter(|l| !l.is_empty());
    match (level, who.is_empty()) {
        (None, true) => {}
        (Some(l), true) => t.set_masking(l),
        (l, false) => {
            let roles = who.iter().map(|w| w.trim()).collect::<Vec<_>>().join(", ");
            t.set_masking(&format!("{} ({roles})", l.unwrap_or("")));
        }
    }
    // A level the API states but whose roles it does not list keeps the stated level.
    if t.design.masking.level.is_none() {
        if let Some(l) = level {
            t.design.masking.level = MaskingLevel::from_words(l);
        }
    }
}

/// Pushes a value once, keeping source order (MeSH terms repeat across lists).
pub fn push_unique(list: &mut Vec<String>, raw: &str) {
    if let Some(v) = text::line(raw) {
        if !list.contains(&v) {
            list.push(v);
        }
    }
}

static DESIGN_KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|,\s*)(Allocation|Endpoint Classification|Intervention Model|Observational Model|Time Perspective|Masking|Primary Purpose|Study Type):\s*",
    )
    .expect("valid regex")
});

/// The legacy one-line design text, "Allocation: Randomized, Endpoint Classification:
/// Safety/Efficacy Study, Masking: Double Blind (Subject, Investigator), Primary Purpose:
/// Treatment", as (key, value) pairs. Values may hold commas (inside the masking roles), so
/// the text is cut at the known keys only.
pub fn design_pairs(raw: &str) -> Vec<(&'static str, String)> {
    const KEYS: [&str; 8] = [
        "Allocation",
        "Endpoint Classification",
        "Intervention Model",
        "Observational Model",
        "Time Perspective",
        "Masking",
        "Primary Purpose",
        "Study Type",
    ];
    let marks: Vec<(usize, usize, &'static str)> = DESIGN_KEY
        .captures_iter(raw)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let key = KEYS.into_iter().find(|k| *k == &c[1])?;
            Some((whole.start(), whole.end(), key))
        })
        .collect();
    let mut out = Vec::new();
    for (i, (_, value_start, key)) in marks.iter().enumerate() {
        let value_end = marks.get(i + 1).map_or(raw.len(), |m| m.0);
        if let Some(v) = raw.get(*value_start..value_end).and_then(text::line) {
            out.push((*key, v));
        }
    }
    out
}

/// Sets one design field from its legacy key ("Intervention Model") and value.
pub fn design_field(t: &mut Trial, key: &str, value: &str) {
    let v = Some(value);
    match key {
        "Allocation" => t.design.allocation = t.enum_or_warn("design.allocation", v),
        "Endpoint Classification" => t.design.endpoint_classification = text::line(value),
        "Intervention Model" => {
            t.design.intervention_model = t.enum_or_warn("design.intervention_model", v)
        }
        "Observational Model" => {
            t.design.observational_model = t.enum_or_warn("design.observational_model", v)
        }
        "Time Perspective" => {
            t.design.time_perspective = t.enum_or_warn("design.time_perspective", v)
        }
        "Masking" => t.set_masking(value),
        "Primary Purpose" => t.design.primary_purpose = t.enum_or_warn("design.primary_purpose", v),
        "Study Type" => t.design.study_type = t.enum_or_warn("design.study_type", v),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_design_line() {
        let pairs = design_pairs(
            "Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study, \
             Intervention Model: Parallel Assignment, Masking: Double Blind (Subject, \
             Investigator), Primary Purpose: Treatment",
        );
        let keys: Vec<&str> = pairs.iter().map(|p| p.0).collect();
        assert_eq!(
            keys,
            [
                "Allocation",
                "Endpoint Classification",
                "Intervention Model",
                "Masking",
                "Primary Purpose"
            ]
        );
        assert_eq!(pairs[3].1, "Double Blind (Subject, Investigator)");
        assert_eq!(pairs[1].1, "Safety/Efficacy Study");
    }

    #[test]
    fn masking_from_api_parts() {
        let mut t = Trial::default();
        set_masking_parts(
            &mut t,
            Some("QUADRUPLE"),
            &["PARTICIPANT".into(), "INVESTIGATOR".into()],
        );
        // The roles listed are counted, as the contract says.
        assert_eq!(t.design.masking.level, Some(MaskingLevel::Double));
        assert_eq!(t.design.masking.who.len(), 2);
        let mut t = Trial::default();
        set_masking_parts(&mut t, Some("None (Open Label)"), &[]);
        assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    }

    #[test]
    fn phone_extension() {
        let mut t = Trial::default();
        let c = contact(
            &mut t,
            "c",
            Some(" Ann  Lee "),
            Some("Contact"),
            Some("555-1234"),
            Some("12"),
            None,
        );
        assert_eq!(c.phone.as_deref(), Some("555-1234 ext. 12"));
        assert_eq!(c.name.as_deref(), Some("Ann Lee"));
        assert_eq!(c.role, Some(ContactRole::Contact));
    }
}
