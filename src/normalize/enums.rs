//! Registry wording to the model's enumerations (the API v2 vocabulary).
//!
//! Every enum matches its own API v2 name in any spelling ("Non-Randomized",
//! "NON_RANDOMIZED"); [`Vocab::ALIASES`] adds the other registries' words (legacy XML,
//! API v1, classic and modern pages, ClinicalTrials.Veeva).

use strum::IntoEnumIterator;

use super::text::squash;
use crate::model::*;

/// An enumeration of the model, read from registry wording. Its API v2 names come from the
/// `strum::IntoStaticStr` derive (the same names serde writes: a test checks).
pub trait Vocab:
    IntoEnumIterator
    + Into<&'static str>
    + serde::Serialize
    + serde::de::DeserializeOwned
    + Copy
    + Send
    + Sync
    + 'static
{
    /// Other wordings, as [`squash`]ed keys.
    const ALIASES: &'static [(&'static str, Self)] = &[];
    /// Trailing words that add nothing ("Parallel Assignment", "Experimental group").
    const SUFFIXES: &'static [&'static str] = &[];

    /// The member's API v2 name (`PLACEBO_COMPARATOR`).
    fn name(self) -> &'static str {
        self.into()
    }

    /// The member `raw` names, if any.
    fn from_words(raw: &str) -> Option<Self> {
        // Structured exports mostly spell the API name itself ("RECRUITING"): no allocation.
        let exact = serde::de::value::StrDeserializer::<NoMatch>::new(raw);
        if let Ok(v) = Self::deserialize(exact) {
            return Some(v);
        }
        let key = squash(raw);
        if key.is_empty() {
            return None;
        }
        let lookup = |key: &str| {
            Self::ALIASES
                .iter()
                .find(|(k, _)| *k == key)
                .map(|(_, v)| *v)
                .or_else(|| Self::iter().find(|v| squashes_to(v.name(), key)))
        };
        lookup(&key).or_else(|| {
            Self::SUFFIXES
                .iter()
                .find_map(|s| key.strip_suffix(s).filter(|k| !k.is_empty()))
                .and_then(lookup)
        })
    }
}

/// Whether `name` [`squash`]es to `key`, without building the squashed name.
fn squashes_to(name: &str, key: &str) -> bool {
    (name.bytes())
        .filter(u8::is_ascii_alphanumeric)
        .map(|b| b.to_ascii_lowercase())
        .eq(key.bytes())
}

/// The API v2 name of a member (`"PLACEBO_COMPARATOR"`).
pub fn api_name<T: Vocab>(v: &T) -> String {
    v.name().to_string()
}

impl Vocab for OverallStatus {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("unknownstatus", OverallStatus::Unknown),
        ("notyetenrolling", OverallStatus::NotYetRecruiting),
        ("enrolling", OverallStatus::Recruiting),
        ("activenotenrolling", OverallStatus::ActiveNotRecruiting),
        ("thisstudyhasbeencompleted", OverallStatus::Completed),
        (
            "thisstudyiscurrentlyrecruitingparticipants",
            OverallStatus::Recruiting,
        ),
        (
            "thisstudyisnotyetopenforparticipantrecruitment",
            OverallStatus::NotYetRecruiting,
        ),
        (
            "thisstudyisongoingbutnotrecruitingparticipants",
            OverallStatus::ActiveNotRecruiting,
        ),
        (
            "thisstudyisenrollingparticipantsbyinvitationonly",
            OverallStatus::EnrollingByInvitation,
        ),
        ("thisstudyhasbeenterminated", OverallStatus::Terminated),
        (
            "thisstudyhasbeenwithdrawnpriortoenrollment",
            OverallStatus::Withdrawn,
        ),
        ("thisstudyhasbeenwithdrawn", OverallStatus::Withdrawn),
        ("thisstudyhasbeensuspended", OverallStatus::Suspended),
        (
            "thisstudyhasbeensuspendedparticipantrecruitmentispaused",
            OverallStatus::Suspended,
        ),
        (
            "recruitmentstatusofthisstudyisunknown",
            OverallStatus::Unknown,
        ),
        ("thestatusofthisstudyisunknown", OverallStatus::Unknown),
        ("approvedformarketing", OverallStatus::ApprovedForMarketing),
        // The EU registers' end-of-trial statuses (EU CTR "P. End of Trial Status", CTIS).
        ("prematurelyended", OverallStatus::Terminated),
        ("temporarilyhalted", OverallStatus::Suspended),
        ("suspendedbyca", OverallStatus::Suspended),
        ("haltedprematurely", OverallStatus::Terminated),
        // CTIS's public statuses (its "Authorised" alone says neither whether recruitment
        // began nor whether it ended, and "Under evaluation", "Not authorised", "Revoked"
        // and "Cancelled" name no API v2 status). "Ended" with no early termination is the
        // trial's regular end; an authorisation "Expired" when no participant was included
        // within two years (Regulation (EU) No 536/2014, Art. 8(11)).
        (
            "authorisedrecruitmentpending",
            OverallStatus::NotYetRecruiting,
        ),
        ("authorisedrecruiting", OverallStatus::Recruiting),
        ("ongoingrecruiting", OverallStatus::Recruiting),
        (
            "ongoingrecruitmentended",
            OverallStatus::ActiveNotRecruiting,
        ),
        ("ended", OverallStatus::Completed),
        ("expired", OverallStatus::Withdrawn),
        // ISRCTN's overall trial status and recruitment status.
        ("stopped", OverallStatus::Terminated),
    ];
}

impl Vocab for Phase {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("notapplicable", Phase::Na),
        ("phase0", Phase::EarlyPhase1),
        ("earlyphasei", Phase::EarlyPhase1),
        ("phasei", Phase::Phase1),
        ("phaseii", Phase::Phase2),
        ("phaseiii", Phase::Phase3),
        ("phaseiv", Phase::Phase4),
        // Bare numbers (NL-OMON, ChiCTR: "3"); "0" is left unmapped: ChiCTR gives it to
        // observational studies, where it names no phase.
        // The second part of "Phase I/II" (ISRCTN), split at its slash.
        ("i", Phase::Phase1),
        ("ii", Phase::Phase2),
        ("iii", Phase::Phase3),
        ("iv", Phase::Phase4),
        ("1", Phase::Phase1),
        ("2", Phase::Phase2),
        ("3", Phase::Phase3),
        ("4", Phase::Phase4),
        // The EU registers' trial types (EU CTR E.7, the WHO export's EU lines, CTIS).
        ("humanpharmacologyphasei", Phase::Phase1),
        ("therapeuticexploratoryphaseii", Phase::Phase2),
        ("therapeuticconfirmatoryphaseiii", Phase::Phase3),
        ("therapeuticusephaseiv", Phase::Phase4),
    ];
}

impl Vocab for StudyType {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("observationalpatientregistry", StudyType::Observational),
        ("patientregistry", StudyType::Observational),
        // The WHO primary registries' wordings (ICTRP export, ISRCTN, CTIS, DRKS, NL-OMON).
        (
            "interventionalclinicaltrialofmedicinalproduct",
            StudyType::Interventional,
        ),
        ("interventionalstudy", StudyType::Interventional),
        ("interventionaltrial", StudyType::Interventional),
        ("observationalstudy", StudyType::Observational),
        ("observationalinvasive", StudyType::Observational),
        ("observationalnoninvasive", StudyType::Observational),
        // The EU CTR's trial types: every trial it holds is an interventional trial of a
        // medicinal product, in the EEA ("EEA CTA") or outside it.
        ("eeacta", StudyType::Interventional),
        ("outsideeueea", StudyType::Interventional),
    ];
}

impl Vocab for Allocation {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("notapplicable", Allocation::Na),
        ("nonrandomised", Allocation::NonRandomized),
        ("randomised", Allocation::Randomized),
        ("nonrandomised", Allocation::NonRandomized),
        // JPRN, NL-OMON, ISRCTN ("Randomized controlled trial"); UMIN ("Non-randomized").
        ("randomizedcontrolledtrial", Allocation::Randomized),
        ("randomisedcontrolledtrial", Allocation::Randomized),
        ("nonrandomizedcontrolledtrial", Allocation::NonRandomized),
        ("nonrandomisedcontrolledtrial", Allocation::NonRandomized),
        ("nonrandomizedtrial", Allocation::NonRandomized),
        ("randomizedtrial", Allocation::Randomized),
    ];
}

impl Vocab for InterventionModel {
    const ALIASES: &'static [(&'static str, Self)] = &[
        // JPRN ("single arm study", "single assignment"), UMIN ("Single arm"), EU
        // registers ("Parallel group", "Cross over").
        ("singlearm", InterventionModel::SingleGroup),
        ("singlearmstudy", InterventionModel::SingleGroup),
        ("single", InterventionModel::SingleGroup),
        ("parallelgroup", InterventionModel::Parallel),
    ];
    const SUFFIXES: &'static [&'static str] = &["assignment", "design"];
}

impl Vocab for ObservationalModel {
    // ISRCTN's secondary study design ("Cohort study", "Case-control study").
    const SUFFIXES: &'static [&'static str] = &["study"];
}

impl Vocab for TimePerspective {
    const ALIASES: &'static [(&'static str, Self)] =
        &[("crosssectional", TimePerspective::CrossSectional)];
}

impl Vocab for PrimaryPurpose {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("educationalcounselingtraining", PrimaryPurpose::Ect),
        ("educationcounselingtraining", PrimaryPurpose::Ect),
        // CRIS ("Diagnosis"), JPRN ("diagnostic purpose"), ISRCTN ("Device feasibility").
        ("diagnosis", PrimaryPurpose::Diagnostic),
        ("prevention", PrimaryPurpose::Prevention),
        ("supportive", PrimaryPurpose::SupportiveCare),
        // The EU CTR's scope of the trial (E.6), where one of them says yes.
        ("prophylaxis", PrimaryPurpose::Prevention),
        ("therapy", PrimaryPurpose::Treatment),
    ];
    const SUFFIXES: &'static [&'static str] = &["purpose"];
}

impl Vocab for MaskingLevel {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("noneopenlabel", MaskingLevel::None),
        ("openlabel", MaskingLevel::None),
        // ISRCTN, NL-OMON and JPRN "Open (masking not used)"; the EU registers' "Open".
        ("open", MaskingLevel::None),
        ("maskingnotused", MaskingLevel::None),
    ];
    const SUFFIXES: &'static [&'static str] = &["blind", "blinded", "masking", "study"];
}

impl Vocab for MaskedRole {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("subject", MaskedRole::Participant),
        ("caregiver", MaskedRole::CareProvider),
    ];
}

impl Vocab for ArmType {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("activecontrol", ArmType::ActiveComparator),
        ("shamcontrol", ArmType::ShamComparator),
    ];
    const SUFFIXES: &'static [&'static str] = &["group", "arm"];
}

impl Vocab for InterventionType {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("biologicalvaccine", InterventionType::Biological),
        ("biologic", InterventionType::Biological),
        ("proceduresurgery", InterventionType::Procedure),
        ("geneticproduct", InterventionType::Genetic),
        // The EU CTR's product origin flags (D.3.11), by the label of the one that says
        // yes; a placebo is a drug, as ClinicalTrials.gov counts it.
        ("genetherapymedicalproduct", InterventionType::Genetic),
        (
            "somaticcelltherapymedicinalproduct",
            InterventionType::Biological,
        ),
        ("tissueengineeredproduct", InterventionType::Biological),
        (
            "immunologicalmedicinalproductsuchasvaccineallergenimmuneserum",
            InterventionType::Biological,
        ),
        (
            "plasmaderivedmedicinalproduct",
            InterventionType::Biological,
        ),
        (
            "activesubstanceofbiologicalbiotechnologicaloriginotherthanadvancedtherapyimpatimp",
            InterventionType::Biological,
        ),
        ("activesubstanceofchemicalorigin", InterventionType::Drug),
        ("placebo", InterventionType::Drug),
        // ISRCTN's intervention types.
        ("behavioural", InterventionType::Behavioral),
        ("supplement", InterventionType::DietarySupplement),
    ];
}

impl Vocab for Sex {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("both", Sex::All),
        ("female", Sex::Female),
        ("male", Sex::Male),
        ("women", Sex::Female),
        ("men", Sex::Male),
        // The EU registers' flags as the WHO export writes them ("Female: yes Male: yes"),
        // CRIS and JPRN "Male and Female".
        ("femaleyesmaleyes", Sex::All),
        ("femaleyesmaleno", Sex::Female),
        ("femalenomaleyes", Sex::Male),
        ("maleandfemale", Sex::All),
        ("femaleandmale", Sex::All),
    ];
}

impl Vocab for AgencyClass {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("usfed", AgencyClass::Fed),
        ("federal", AgencyClass::Fed),
        ("othergovernment", AgencyClass::OtherGov),
        ("individual", AgencyClass::Indiv),
        ("ambiguous", AgencyClass::Ambig),
        // The EU registers' and ISRCTN's sponsor status: "Commercial" sponsors are
        // industry; "Non-commercial" ones (universities, hospitals, charities) are the
        // API's catch-all OTHER.
        ("commercial", AgencyClass::Industry),
        ("industry", AgencyClass::Industry),
        ("noncommercial", AgencyClass::Other),
    ];
}

impl Vocab for ResponsiblePartyType {}

impl Vocab for OfficialRole {}

impl Vocab for ContactRole {}

impl Vocab for ReferenceType {
    const ALIASES: &'static [(&'static str, Self)] = &[("results", ReferenceType::Result)];
}

impl Vocab for DateType {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("anticipated", DateType::Estimated),
        ("estimate", DateType::Estimated),
        // The EU CTR's "Planned number of subjects".
        ("planned", DateType::Estimated),
    ];
}

impl Vocab for StdAge {
    const ALIASES: &'static [(&'static str, Self)] = &[
        // The EU registers' age groups (EU CTR F.1, CTIS): adults 18-64, elderly 65 and
        // over, and the groups under 18.
        ("adults1864years", StdAge::Adult),
        ("elderly65years", StdAge::OlderAdult),
        ("inutero", StdAge::Child),
        (
            "pretermnewborninfantsuptogestationalage37weeks",
            StdAge::Child,
        ),
        ("newborns027days", StdAge::Child),
        ("infantsandtoddlers28days23months", StdAge::Child),
        ("children211years", StdAge::Child),
        ("adolescents1217years", StdAge::Child),
        // CTIS's age groups ("0-17 years", "18-64 years", "65+ years").
        ("017years", StdAge::Child),
        ("1864years", StdAge::Adult),
        ("65years", StdAge::OlderAdult),
    ];
}

impl Vocab for results::ResultOutcomeKind {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("otherprespecified", results::ResultOutcomeKind::Other),
        (
            "otherprespecifiedoutcome",
            results::ResultOutcomeKind::Other,
        ),
    ];
}

impl Vocab for results::ReportingStatus {}

impl Vocab for results::MeasureParam {
    const ALIASES: &'static [(&'static str, Self)] = &[
        (
            "numberofparticipants",
            results::MeasureParam::CountOfParticipants,
        ),
        ("countofunits", results::MeasureParam::CountOfUnits),
    ];
}

impl Vocab for results::MeasureDispersion {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("notapplicable", results::MeasureDispersion::Na),
        (
            "standarderrorofthemean",
            results::MeasureDispersion::StandardError,
        ),
        (
            "interquartilerange",
            results::MeasureDispersion::InterQuartileRange,
        ),
        (
            "80confidenceinterval",
            results::MeasureDispersion::Confidence80,
        ),
        (
            "90confidenceinterval",
            results::MeasureDispersion::Confidence90,
        ),
        (
            "95confidenceinterval",
            results::MeasureDispersion::Confidence95,
        ),
        (
            "975confidenceinterval",
            results::MeasureDispersion::Confidence975,
        ),
        (
            "99confidenceinterval",
            results::MeasureDispersion::Confidence99,
        ),
        (
            "otherconfidenceintervallevel",
            results::MeasureDispersion::ConfidenceOther,
        ),
        (
            "geometriccoefficientofvariation",
            results::MeasureDispersion::GeometricCoefficient,
        ),
    ];
}

impl Vocab for results::AnalysisDispersion {
    const ALIASES: &'static [(&'static str, Self)] = &[
        (
            "standarderrorofthemean",
            results::AnalysisDispersion::StandardErrorOfMean,
        ),
        (
            "standarderror",
            results::AnalysisDispersion::StandardErrorOfMean,
        ),
    ];
}

impl Vocab for results::NonInferiorityType {}

impl Vocab for results::CiSides {
    const ALIASES: &'static [(&'static str, Self)] = &[
        ("1sided", results::CiSides::OneSided),
        ("2sided", results::CiSides::TwoSided),
    ];
}

impl Vocab for results::EventAssessment {}

impl Vocab for results::RestrictionType {}

/// The phases a phase wording names: "Phase 1/Phase 2", "Phase 2 / Phase 1", "PHASE1, PHASE2",
/// "Phase 1|Phase 2". Returns the phases sorted and the parts that named none.
pub fn phases<'a, I: IntoIterator<Item = &'a str>>(raws: I) -> (Vec<Phase>, Vec<String>) {
    let mut out = Vec::new();
    let mut unknown = Vec::new();
    for raw in raws {
        // "N/A" is one value, not two parts of a "Phase 1/Phase 2" pair.
        let raw = raw.replace("N/A", "NA").replace("n/a", "NA");
        for part in raw.split(['/', '|', ',', ';', '\n']) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            match Phase::from_words(part) {
                Some(p) => out.push(p),
                None => unknown.push(part.to_string()),
            }
        }
    }
    out.sort();
    out.dedup();
    (out, unknown)
}

/// The error of [`Vocab::from_words`]'s exact reading: that the word is no API name, and
/// nothing else. serde's own value error writes a message listing every member, which cost
/// more than the rest of the reading when the source's wording is not the API name.
#[derive(Debug)]
struct NoMatch;

impl std::fmt::Display for NoMatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not an API name")
    }
}

impl std::error::Error for NoMatch {}

impl serde::de::Error for NoMatch {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        NoMatch
    }
}

impl Trial {
    /// Maps `raw` to a member of `E`; a wording that maps to no member gives `None` and an
    /// `unmapped-enum` warning quoting it.
    pub fn enum_or_warn<E: Vocab>(&mut self, path: &str, raw: Option<&str>) -> Option<E> {
        let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
        let v = E::from_words(raw);
        if v.is_none() {
            self.warn(
                WarningCode::UnmappedEnum,
                path,
                format!("{raw:?} is not a known value for {path}"),
            );
        }
        v
    }

    /// Sets `design.phases` from phase wordings, warning on parts that name no phase.
    pub fn set_phases<'a, I: IntoIterator<Item = &'a str>>(&mut self, raws: I) {
        let (phases, unknown) = phases(raws);
        self.design.phases = phases;
        self.warn_unmapped(paths::DESIGN_PHASES, unknown, "phase");
    }

    /// One `unmapped-enum` warning at `path` for each part of a wording that names no
    /// member: `"{part:?} is not a known {what}"`.
    pub(crate) fn warn_unmapped(&mut self, path: &str, parts: Vec<String>, what: &str) {
        for part in parts {
            self.warn(
                WarningCode::UnmappedEnum,
                path,
                format!("{part:?} is not a known {what}"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_names_in_any_spelling() {
        assert_eq!(
            Allocation::from_words("Non-Randomized"),
            Some(Allocation::NonRandomized)
        );
        assert_eq!(
            Allocation::from_words("NON_RANDOMIZED"),
            Some(Allocation::NonRandomized)
        );
        assert_eq!(
            OverallStatus::from_words("Active, not recruiting"),
            Some(OverallStatus::ActiveNotRecruiting)
        );
        assert_eq!(StdAge::from_words("Older Adult"), Some(StdAge::OlderAdult));
    }

    #[test]
    fn other_registries_words() {
        assert_eq!(
            OverallStatus::from_words("Not yet enrolling"),
            Some(OverallStatus::NotYetRecruiting)
        );
        assert_eq!(
            InterventionModel::from_words("Parallel Assignment"),
            Some(InterventionModel::Parallel)
        );
        assert_eq!(
            ArmType::from_words("Placebo Comparator group"),
            Some(ArmType::PlaceboComparator)
        );
        assert_eq!(
            MaskingLevel::from_words("Double Blind"),
            Some(MaskingLevel::Double)
        );
        assert_eq!(
            MaskingLevel::from_words("None (Open Label)"),
            Some(MaskingLevel::None)
        );
        assert_eq!(Sex::from_words("Both"), Some(Sex::All));
        assert_eq!(AgencyClass::from_words("U.S. Fed"), Some(AgencyClass::Fed));
        assert_eq!(
            DateType::from_words("Anticipated"),
            Some(DateType::Estimated)
        );
        assert_eq!(
            OverallStatus::from_words("This study has been completed."),
            Some(OverallStatus::Completed)
        );
        assert_eq!(ArmType::from_words("group"), None);
    }

    #[test]
    fn phase_lists() {
        let (p, bad) = phases(["Phase 2 / Phase 1"]);
        assert_eq!(p, vec![Phase::Phase1, Phase::Phase2]);
        assert!(bad.is_empty());
        let (p, bad) = phases(["Early Phase 1", "N/A", "Phase 9"]);
        assert_eq!(p, vec![Phase::EarlyPhase1, Phase::Na]);
        assert_eq!(bad, ["Phase 9"]);
    }

    /// Every member's strum name is the name serde writes, for every enumeration.
    #[test]
    fn names_are_the_json_names() {
        fn check<T: Vocab>() {
            for v in T::iter() {
                assert_eq!(serde_json::to_value(v).unwrap(), v.name(), "{}", v.name());
                assert_eq!(
                    T::from_words(&v.name().to_lowercase()).map(Vocab::name),
                    Some(v.name())
                );
            }
        }
        check::<OverallStatus>();
        check::<Phase>();
        check::<StudyType>();
        check::<Allocation>();
        check::<InterventionModel>();
        check::<ObservationalModel>();
        check::<TimePerspective>();
        check::<PrimaryPurpose>();
        check::<MaskingLevel>();
        check::<MaskedRole>();
        check::<ArmType>();
        check::<InterventionType>();
        check::<Sex>();
        check::<AgencyClass>();
        check::<ResponsiblePartyType>();
        check::<OfficialRole>();
        check::<ContactRole>();
        check::<ReferenceType>();
        check::<DateType>();
        check::<StdAge>();
        check::<results::ResultOutcomeKind>();
        check::<results::ReportingStatus>();
        check::<results::MeasureParam>();
        check::<results::MeasureDispersion>();
        check::<results::AnalysisDispersion>();
        check::<results::NonInferiorityType>();
        check::<results::CiSides>();
        check::<results::EventAssessment>();
        check::<results::RestrictionType>();
    }

    #[test]
    fn unmapped_values_warn() {
        let mut t = Trial::default();
        let v: Option<Sex> = t.enum_or_warn("eligibility.sex", Some("Unicorns"));
        assert_eq!(v, None);
        assert_eq!(t.warnings[0].code, WarningCode::UnmappedEnum);
        assert!(t.warnings[0].message.contains("Unicorns"));
    }
}
