//! Masking wordings: "Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)",
//! "Quadruple (Participant, Care Provider, Investigator, Outcomes Assessor)", "None (Open Label)".

use super::enums::Vocab;
use super::text;
use crate::model::paths;
use crate::model::{MaskedRole, Masking, MaskingLevel, Trial};

const LEVELS: [MaskingLevel; 5] = [
    MaskingLevel::None,
    MaskingLevel::Single,
    MaskingLevel::Double,
    MaskingLevel::Triple,
    MaskingLevel::Quadruple,
];

/// Reads a masking wording. Where the roles are listed, the level is their count, as the
/// registry counts it; the wording alone gives the level otherwise.
pub fn parse(raw: &str) -> (Masking, Vec<String>) {
    let raw_clean = text::line(raw);
    let mut unknown = Vec::new();
    let (head, roles) = match (raw.find('('), raw.rfind(')')) {
        (Some(a), Some(b)) if a < b => (&raw[..a], &raw[a + 1..b]),
        _ => (raw, ""),
    };
    let mut who = Vec::new();
    for part in roles
        .split([',', ';', '/'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        match MaskedRole::from_words(part) {
            Some(r) => who.push(r),
            // "(Open Label)" is the level's own explanation, not a role.
            None if MaskingLevel::from_words(part) == Some(MaskingLevel::None) => {}
            None => unknown.push(part.to_string()),
        }
    }
    who.sort();
    who.dedup();
    let level = if who.is_empty() {
        MaskingLevel::from_words(head).or_else(|| MaskingLevel::from_words(raw))
    } else {
        LEVELS.get(who.len()).copied()
    };
    if level.is_none() && raw_clean.is_some() {
        unknown.push(raw.trim().to_string());
    }
    (
        Masking {
            level,
            who,
            raw: raw_clean,
        },
        unknown,
    )
}

impl Trial {
    /// Sets `design.masking` from a masking wording, warning on parts it cannot map.
    pub fn set_masking(&mut self, raw: &str) {
        let (masking, unknown) = parse(raw);
        self.design.masking = masking;
        self.warn_unmapped(paths::DESIGN_MASKING, unknown, "masking level or role");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legacy_double_blind_counts_roles() {
        let (m, bad) = parse("Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)");
        assert_eq!(m.level, Some(MaskingLevel::Quadruple));
        assert_eq!(
            m.who,
            [
                MaskedRole::Participant,
                MaskedRole::CareProvider,
                MaskedRole::Investigator,
                MaskedRole::OutcomesAssessor
            ]
        );
        assert!(bad.is_empty());
    }

    #[test]
    fn wording_without_roles() {
        assert_eq!(parse("Double Blind").0.level, Some(MaskingLevel::Double));
        let (m, bad) = parse("None (Open Label)");
        assert_eq!(
            (m.level, m.who.len(), bad.len()),
            (Some(MaskingLevel::None), 0, 0)
        );
        assert_eq!(
            parse("Single (Outcomes Assessor)").0.level,
            Some(MaskingLevel::Single)
        );
    }
}
