//! Study type, phases, the design fields, masking and enrollment.

use super::{moved, opt_line};
use crate::model::{paths, MaskingLevel, Trial, WarningCode};
use crate::normalize::enums::Vocab;
use crate::normalize::numbers;
use crate::sources::structured::wire::api_v2::{Count, DesignModule, EnrollmentInfo, Legacy};

pub(super) fn design(t: &mut Trial, dm: DesignModule, legacy: Legacy) {
    t.design.study_type = t.enum_or_warn(paths::DESIGN_STUDY_TYPE, dm.study_type.as_deref());
    t.set_phases(dm.phases.iter().map(String::as_str));
    let di = &dm.design_info;
    t.design.allocation = t.enum_or_warn(paths::DESIGN_ALLOCATION, di.allocation.as_deref());
    t.design.intervention_model = t.enum_or_warn(
        paths::DESIGN_INTERVENTION_MODEL,
        di.intervention_model.as_deref(),
    );
    t.design.observational_model = t.enum_or_warn(
        paths::DESIGN_OBSERVATIONAL_MODEL,
        di.observational_model.as_deref(),
    );
    t.design.time_perspective = t.enum_or_warn(
        paths::DESIGN_TIME_PERSPECTIVE,
        di.time_perspective.as_deref(),
    );
    t.design.primary_purpose =
        t.enum_or_warn(paths::DESIGN_PRIMARY_PURPOSE, di.primary_purpose.as_deref());
    let masking = &di.masking_info;
    set_masking_parts(t, masking.masking.as_deref(), &masking.who_masked);
    t.design.endpoint_classification = moved(legacy.endpoint_classification, opt_line);
    for u in &legacy.design_unread {
        crate::normalize::design::warn_unread(t, u);
    }
    if let Some(e) = &dm.enrollment_info {
        enrollment(t, e);
    }
}

/// Masking given as a level and a separate list of roles. The roles are written back into
/// the legacy wording ("Quadruple (Participant, Care Provider)"), so the level is counted
/// from the roles in the same way for every source.
fn set_masking_parts(t: &mut Trial, level: Option<&str>, who: &[String]) {
    let level = level.map(str::trim).filter(|l| !l.is_empty());
    match (level, who.is_empty()) {
        (None, true) => {}
        (Some(l), true) => t.set_masking(l),
        (l, false) => {
            let roles = who.iter().map(|w| w.trim()).collect::<Vec<_>>().join(", ");
            t.set_masking(&format!("{} ({roles})", l.unwrap_or("")));
        }
    }
    // A level the source states but whose roles it does not list keeps the stated level.
    if t.design.masking.level.is_none() {
        if let Some(l) = level {
            t.design.masking.level = MaskingLevel::from_words(l);
        }
    }
}

/// The count, and its type only with a count (a type alone says nothing).
fn enrollment(t: &mut Trial, e: &EnrollmentInfo) {
    t.enrollment.count = match &e.count {
        Some(Count::Number(n)) => Some(*n),
        Some(Count::Text(raw)) => {
            let raw = Some(raw.trim()).filter(|v| !v.is_empty());
            let count = raw.and_then(numbers::written_count);
            if let (Some(v), None) = (raw, count) {
                let message = format!("{v:?} is not a count");
                t.warn(WarningCode::BadNumber, paths::ENROLLMENT_COUNT, message);
            }
            count
        }
        None => None,
    };
    if t.enrollment.count.is_some() {
        t.enrollment.kind = t.enum_or_warn(paths::ENROLLMENT_TYPE, e.kind.as_deref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_count_in_words_is_warned_about_and_drops_its_type() {
        let mut t = Trial::default();
        let e = EnrollmentInfo {
            count: Some(Count::Text("sixty".into())),
            kind: Some("Actual".into()),
        };
        enrollment(&mut t, &e);
        assert_eq!((t.enrollment.count, t.enrollment.kind), (None, None));
        assert_eq!(t.warnings[0].code, WarningCode::BadNumber);
    }

    /// A registry's target size in text ("1,500") reads as a page's does; "1,5" is no count.
    #[test]
    fn a_count_in_text_groups_thousands_by_threes() {
        for (raw, want) in [("1,500", Some(1500)), (" 80 ", Some(80)), ("1,5", None)] {
            let mut t = Trial::default();
            let e = EnrollmentInfo {
                count: Some(Count::Text(raw.into())),
                kind: Some("Actual".into()),
            };
            enrollment(&mut t, &e);
            assert_eq!(t.enrollment.count, want, "{raw:?}");
            assert_eq!(t.warnings.is_empty(), want.is_some(), "{raw:?}");
        }
    }
}
