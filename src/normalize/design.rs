//! The legacy design wording: the one-line design text of the old XML and the classic
//! study page ("Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study,
//! Masking: Double Blind (Subject, Investigator), Primary Purpose: Treatment") and its keys.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{paths, Trial};
use crate::normalize::text;

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
}
