//! The legacy design wording: the one-line design text of the old XML and the classic
//! study page ("Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study,
//! Masking: Double Blind (Subject, Investigator), Primary Purpose: Treatment") and its keys.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    paths, Allocation, InterventionModel, MaskingLevel, ObservationalModel, PrimaryPurpose,
    TimePerspective, Trial, WarningCode,
};
use crate::normalize::enums::Vocab;
use crate::normalize::lean::Lean;
use crate::normalize::text;

/// A key of the one-line design text, at its start or after a comma. A `Lean`: as a
/// `regex::Regex` its literal prefilter was a tenth of a one-record process.
static DESIGN_KEY: Lean = Lean::new(
    r"(?:^|,\s*)(Allocation|Endpoint Classification|Intervention Model|Observational Model|Time Perspective|Masking|Primary Purpose|Study Type):\s*",
);

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
            let (whole, name) = (c.get(0)?, c.get(1)?.as_str());
            let key = KEYS.into_iter().find(|k| *k == name)?;
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
        "Allocation" => t.design.allocation = t.enum_or_warn(paths::DESIGN_ALLOCATION, v),
        "Endpoint Classification" => t.design.endpoint_classification = text::line(value),
        "Intervention Model" => {
            t.design.intervention_model = t.enum_or_warn(paths::DESIGN_INTERVENTION_MODEL, v)
        }
        "Observational Model" => {
            t.design.observational_model = t.enum_or_warn(paths::DESIGN_OBSERVATIONAL_MODEL, v)
        }
        "Time Perspective" => {
            t.design.time_perspective = t.enum_or_warn(paths::DESIGN_TIME_PERSPECTIVE, v)
        }
        "Masking" => t.set_masking(value),
        "Primary Purpose" => {
            t.design.primary_purpose = t.enum_or_warn(paths::DESIGN_PRIMARY_PURPOSE, v)
        }
        "Study Type" => t.design.study_type = t.enum_or_warn(paths::DESIGN_STUDY_TYPE, v),
        // The classic page of the same years as the legacy XML's unlabelled design line.
        "Study Design" if !names_no_design(value) => {
            let w = wording(value);
            let fields = [
                ("Allocation", w.allocation),
                ("Intervention Model", w.intervention_model),
                ("Observational Model", w.observational_model),
                ("Time Perspective", w.time_perspective),
                ("Masking", w.masking),
                ("Primary Purpose", w.primary_purpose),
                ("Endpoint Classification", w.endpoint_classification),
            ];
            for (key, value) in fields {
                if let Some(value) = value {
                    design_field(t, key, &value);
                }
            }
            for u in &w.unread {
                warn_unread(t, u);
            }
        }
        _ => {}
    }
}

/// Whether a design wording says there is none: blank, or "N/A" alone (the legacy XML's
/// withheld device records), which is not an allocation of N/A.
pub fn names_no_design(raw: &str) -> bool {
    matches!(text::squash(raw).as_str(), "" | "na" | "notapplicable")
}

/// The warning for a value of a design wording that no design field takes ("Uncontrolled").
pub fn warn_unread(t: &mut Trial, value: &str) {
    t.warn(WarningCode::UnparsedText, "design", unread_message(value));
}

/// The message of [`warn_unread`]'s warning, for converters that note it before the record is
/// mapped.
pub fn unread_message(value: &str) -> String {
    format!("{value:?} of the design wording names no design field")
}

/// The design fields a design wording states, in the registry's words, for the mapper's
/// vocabularies; and the parts no field takes.
#[derive(Debug, Default, PartialEq)]
pub struct DesignWords {
    /// Allocation wording ("Randomized", "Non-randomized controlled trial").
    pub allocation: Option<String>,
    /// Intervention model wording ("Single Group Assignment", "Parallel").
    pub intervention_model: Option<String>,
    /// Masking wording ("None (Open Label)", "open(masking not used)").
    pub masking: Option<String>,
    /// Primary purpose wording ("Treatment", "diagnostic purpose").
    pub primary_purpose: Option<String>,
    /// The legacy endpoint classification ("Safety/Efficacy Study").
    pub endpoint_classification: Option<String>,
    /// Observational model wording ("Cohort", "Case Control").
    pub observational_model: Option<String>,
    /// Time perspective wording ("Prospective", "Cross-Sectional").
    pub time_perspective: Option<String>,
    /// Parts of the wording that name none of these.
    pub unread: Vec<String>,
}

/// The labels registries put before design values, and the field each fills.
const DESIGN_LABELS: &[(&str, Field)] = &[
    ("allocation", Field::Allocation),
    ("intervention model", Field::Model),
    ("assignment", Field::Model),
    ("masking", Field::Masking),
    ("blinding/masking", Field::Masking),
    ("primary purpose", Field::Purpose),
    ("study design purpose", Field::Purpose),
    ("purpose", Field::Purpose),
    ("endpoint classification", Field::Endpoint),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Allocation,
    Model,
    Masking,
    Purpose,
    Endpoint,
    ObservationalModel,
    TimePerspective,
}

impl DesignWords {
    fn slot(&mut self, f: Field) -> &mut Option<String> {
        match f {
            Field::Allocation => &mut self.allocation,
            Field::Model => &mut self.intervention_model,
            Field::Masking => &mut self.masking,
            Field::Purpose => &mut self.primary_purpose,
            Field::Endpoint => &mut self.endpoint_classification,
            Field::ObservationalModel => &mut self.observational_model,
            Field::TimePerspective => &mut self.time_perspective,
        }
    }

    fn set(&mut self, f: Field, value: String) {
        let slot = self.slot(f);
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// A design wording of the WHO primary registries, or of the registry's own downloads before
/// its values were labelled (the legacy XML's `<study_design>` of 2007–2010, "Treatment,
/// Randomized, Open Label, Uncontrolled, Parallel Assignment, Safety/Efficacy Study"):
/// labelled ("Allocation: N/A. Intervention model: Single Group Assignment. Primary purpose:
/// Treatment. Masking: None (Open Label).", "Primary Purpose : Diagnosis, Blinding/Masking : Open", "Allocation: ; Study design
/// purpose: screening") or a list of bare values ("randomized controlled trial,
/// open(masking not used), historical control, parallel assignment, treatment purpose",
/// "Single arm Non-randomized"), each bare value given to the field whose vocabulary names it.
pub fn wording(raw: &str) -> DesignWords {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[.,;]\s*)(allocation|intervention model|assignment|blinding/masking|masking|primary purpose|study design purpose|control|endpoint classification)\s*:",
        )
        .expect("valid regex")
    });
    let mut out = DesignWords::default();
    let raw = raw.trim();
    let marks: Vec<(usize, usize, String)> = LABELLED
        .captures_iter(raw)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some((whole.start(), whole.end(), c[1].to_ascii_lowercase()))
        })
        .collect();
    if marks.is_empty() {
        for part in bare_parts(raw).filter_map(text::line) {
            bare(&mut out, &part);
        }
        return out;
    }
    for (i, (_, start, label)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(raw.len(), |m| m.0);
        let value = raw[*start..end].trim().trim_end_matches(['.', ',', ';']);
        let Some(value) = text::line(value) else {
            continue;
        };
        match DESIGN_LABELS.iter().find(|(l, _)| l == label) {
            Some((_, field)) => out.set(*field, value),
            // "Control: Active": the kind of control, which the model does not keep.
            None => out.unread.push(format!("{label}: {value}")),
        }
    }
    out
}

/// A bare design value: the field whose vocabulary names it, or two halves each naming
/// one ("Single arm Non-randomized"); "Other" alone names no one field and stays unread.
fn bare(out: &mut DesignWords, part: &str) {
    if text::squash(part) == "other" {
        out.unread.push(part.to_string());
        return;
    }
    if let Some(f) = field_of(part) {
        out.set(f, part.to_string());
        return;
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    for cut in 1..words.len() {
        let (a, b) = (words[..cut].join(" "), words[cut..].join(" "));
        if let (Some(fa), Some(fb)) = (field_of(&a), field_of(&b)) {
            out.set(fa, a);
            out.set(fb, b);
            return;
        }
    }
    out.unread.push(part.to_string());
}

fn field_of(words: &str) -> Option<Field> {
    if Allocation::from_words(words).is_some() {
        Some(Field::Allocation)
    } else if InterventionModel::from_words(words).is_some() {
        Some(Field::Model)
    } else if MaskingLevel::from_words(words.split('(').next().unwrap_or(words)).is_some() {
        Some(Field::Masking)
    } else if PrimaryPurpose::from_words(words).is_some() {
        Some(Field::Purpose)
    } else if is_endpoint_classification(words) {
        Some(Field::Endpoint)
    } else if ObservationalModel::from_words(words).is_some() {
        Some(Field::ObservationalModel)
    } else if TimePerspective::from_words(words).is_some() {
        Some(Field::TimePerspective)
    } else {
        None
    }
}

/// The bare values of a wording: cut at commas and semicolons outside parentheses, so that a
/// masking's roles stay with it ("Double Blind (Subject, Investigator)").
/// Where the parentheses do not pair ("open(masking not used, parallel assignment"), at every
/// comma and semicolon, as a parenthesis left open must not swallow the values after it.
fn bare_parts(raw: &str) -> impl Iterator<Item = &str> {
    let paired = raw.matches('(').count() == raw.matches(')').count();
    let mut depth = 0usize;
    raw.split(move |c: char| {
        match c {
            '(' if paired => depth += 1,
            ')' if paired => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0 && (c == ',' || c == ';')
    })
}

/// The legacy endpoint classifications ("Safety Study", "Efficacy Study", "Safety/Efficacy
/// Study", "Bio-equivalence Study", "Pharmacokinetics/Dynamics Study"): "Study" after words
/// of what the study measures.
fn is_endpoint_classification(words: &str) -> bool {
    const MEASURES: [&str; 7] = [
        "safety",
        "efficacy",
        "bioequivalence",
        "bioavailability",
        "pharmacokinetics",
        "pharmacodynamics",
        "dynamics",
    ];
    let words = words.trim();
    let Some(what) = (words.len().checked_sub(5))
        .filter(|&at| words.is_char_boundary(at) && words[at..].eq_ignore_ascii_case("study"))
        .map(|at| &words[..at])
    else {
        return false;
    };
    let mut parts = what
        .split(['/', ' '])
        .map(text::squash)
        .filter(|w| !w.is_empty());
    let first = parts.next();
    first.is_some()
        && first
            .into_iter()
            .chain(parts)
            .all(|w| MEASURES.contains(&w.as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII build of `DESIGN_KEY` finds what the Unicode one finds, on every fixture
    /// line and among neutral signs.
    #[test]
    fn design_key_builds_agree() {
        let neutral = "Allocation: Non-Randomized, Endpoint Classification: Safety – Masking: Open";
        assert!(DESIGN_KEY.check_on_fixture_lines(&[neutral]) > 10_000);
    }

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
    fn wording_labelled_and_bare() {
        let bare = "randomized controlled trial, open(masking not used), historical control, parallel assignment, treatment purpose";
        // Allocation, intervention model, primary purpose and masking, as each wording gives them.
        for (raw, want) in [
            (
                "Allocation: N/A. Intervention model: Single Group Assignment. Primary purpose: Treatment. Masking: None (Open Label).",
                [Some("N/A"), Some("Single Group Assignment"), Some("Treatment"), Some("None (Open Label)")],
            ),
            (
                bare,
                [Some("randomized controlled trial"), Some("parallel assignment"), Some("treatment purpose"), Some("open(masking not used)")],
            ),
            (
                "Single arm Non-randomized",
                [Some("Non-randomized"), Some("Single arm"), None, None],
            ),
            (
                "Primary Purpose : Diagnosis, Intervention Model : Others, Blinding/Masking : Open, Allocation : Not Applicable",
                [Some("Not Applicable"), Some("Others"), Some("Diagnosis"), Some("Open")],
            ),
            (
                "Allocation: ; Masking: ; Control: ; Assignment: ; Study design purpose: health services research",
                [None, None, Some("health services research"), None],
            ),
        ] {
            let d = wording(raw);
            let got = [&d.allocation, &d.intervention_model, &d.primary_purpose, &d.masking];
            assert_eq!(got.map(|v| v.as_deref()), want, "{raw}");
        }
        assert_eq!(wording(bare).unread, ["historical control"]);
    }

    /// The legacy XML's unlabelled design text (NCT00928707, downloaded 2009): each value to
    /// its field, a masking's roles kept whole, the kind of control (no field) unread.
    #[test]
    fn wording_of_the_unlabelled_legacy_design() {
        let d = wording(
            "Treatment, Randomized, Double Blind (Subject, Caregiver, Investigator), \
             Placebo Control, Parallel Assignment, Safety/Efficacy Study",
        );
        assert_eq!(d.primary_purpose.as_deref(), Some("Treatment"));
        assert_eq!(d.allocation.as_deref(), Some("Randomized"));
        assert_eq!(
            d.masking.as_deref(),
            Some("Double Blind (Subject, Caregiver, Investigator)")
        );
        assert_eq!(d.intervention_model.as_deref(), Some("Parallel Assignment"));
        assert_eq!(
            d.endpoint_classification.as_deref(),
            Some("Safety/Efficacy Study")
        );
        assert_eq!(d.unread, ["Placebo Control"]);
        // An observational study's values; a parenthesis left open does not swallow the rest.
        let d = wording("Cohort, Prospective");
        assert_eq!(d.observational_model.as_deref(), Some("Cohort"));
        assert_eq!(d.time_perspective.as_deref(), Some("Prospective"));
        assert!(d.unread.is_empty());
        let d = wording("open(masking not used, parallel assignment, treatment purpose");
        assert_eq!(d.intervention_model.as_deref(), Some("parallel assignment"));
        assert_eq!(d.primary_purpose.as_deref(), Some("treatment purpose"));
        assert_eq!(
            wording("Safety study").endpoint_classification.as_deref(),
            Some("Safety study")
        );
        for (raw, endpoint) in [
            ("Pharmacokinetics/Dynamics Study", true),
            ("Bio-equivalence Study", true),
            ("Efficacy Study", true),
            ("Cohort Study", false),
            ("Study", false),
            ("Safety", false),
        ] {
            assert_eq!(is_endpoint_classification(raw), endpoint, "{raw}");
        }
    }
}
