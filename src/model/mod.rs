//! The normalized trial record: the output contract of `MODEL.md`, schema version 2.
//!
//! Field order here is the key order of the JSON output, so do not reorder fields.
//! Every key is always present: absent scalars serialize as `null`, absent lists as `[]`.
//! Enumerations use the ClinicalTrials.gov API v2 vocabulary (UPPER_SNAKE).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Declares an enumeration of the model's vocabulary: copyable and comparable, written in
/// the JSON and named by `strum` (`EnumIter`, `IntoStaticStr`) in the case given first
/// (`in "snake_case";`). Without a case: SCREAMING_SNAKE_CASE, the API v2 names, whose members
/// need no documentation. An enum adds what else it needs inside (`#[derive(Hash)]`, a
/// member's `#[serde(rename = …)]`).
macro_rules! vocabulary {
    (in $case:literal; $(#[$meta:meta])* pub enum $name:ident {
        $($(#[$vmeta:meta])* $variant:ident,)*
    }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
        #[serde(rename_all = $case)]
        #[derive(strum::EnumIter, strum::IntoStaticStr)]
        #[strum(serialize_all = $case)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }
    };
    ($($item:tt)*) => {
        vocabulary!(in "SCREAMING_SNAKE_CASE"; #[allow(missing_docs)] $($item)*);
    };
}

pub mod json;
pub mod paths;
pub mod results;
pub mod warnings;

pub use results::Results;
pub use warnings::WarningCode;

/// The schema version this crate writes into [`Trial::schema_version`].
pub const SCHEMA_VERSION: &str = "2";

/// One normalized clinical-trial record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Trial {
    /// Always `"2"` for this contract (`MODEL.md`, version 2).
    pub schema_version: String,
    /// Where this record came from.
    pub source: Source,
    /// Registry identifiers.
    pub ids: Ids,
    /// Titles of the study.
    pub titles: Titles,
    /// Recruitment status and key dates.
    pub status: Status,
    /// Lead sponsor, collaborators and responsible party.
    pub sponsors: Sponsors,
    /// Summary and detailed description.
    pub description: Description,
    /// Conditions studied, as the record lists them.
    pub conditions: Vec<String>,
    /// Keywords, as the record lists them.
    pub keywords: Vec<String>,
    /// Condition and intervention MeSH terms the record lists.
    pub mesh_terms: Vec<String>,
    /// Study design.
    pub design: Design,
    /// Enrollment (count and whether actual or estimated).
    pub enrollment: Enrollment,
    /// Arms or groups, in source order.
    pub arms: Vec<Arm>,
    /// Interventions, one per distinct (type, name), in source order.
    pub interventions: Vec<Intervention>,
    /// Outcome measures, primary first as the source lists them.
    pub outcomes: Vec<Outcome>,
    /// Who may take part.
    pub eligibility: Eligibility,
    /// Central contacts and overall officials.
    pub contacts: Contacts,
    /// Study sites.
    pub sites: Vec<Site>,
    /// Publications and other references.
    pub references: Vec<Reference>,
    /// Posted results; null when the record carries none.
    pub results: Option<Results>,
    /// What the parser could not map, and why.
    pub warnings: Vec<Warning>,
}

/// Who published the record and in what form trialnorm read it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The registry that published the record.
    pub registry: Option<Registry>,
    /// The input format trialnorm read.
    pub format: Option<crate::Format>,
    /// Link to the record, when known.
    pub url: Option<String>,
    /// Date the registry produced this copy (ISO 8601).
    pub record_date: Option<String>,
    /// `"trialnorm <crate version>"`.
    pub parser_version: String,
    /// Which posted version of the record this is, for a record read from the registry's
    /// record history (`trialnorm history`); `null` for a record read as it stands.
    pub version: Option<RecordVersion>,
}

/// One posted version of a registry record, as ClinicalTrials.gov's record history lists it
/// (the website's "History of Changes" tab and the `/api/int/studies/{nct_id}/history`
/// endpoint behind it).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RecordVersion {
    /// The registry's version number: `0` is the version first posted, then `1`, `2`, … in
    /// order (the endpoint's `version`).
    pub number: u32,
    /// The date the history list gives this version (ISO 8601; the endpoint's `date`).
    pub date: Option<String>,
    /// The record modules the registry lists as changed in this version, in its wording
    /// ("Study Status", "Outcome Measures"; the endpoint's `moduleLabels`); empty for the
    /// first version.
    pub changed_modules: Vec<String>,
}

vocabulary! {
    in "SCREAMING_SNAKE_CASE";
    /// The registry that published a record.
    #[derive(Hash)]
    pub enum Registry {
        /// ClinicalTrials.gov.
        Ctgov,
        /// ClinicalTrials.Veeva (ctv.veeva.com).
        Veeva,
        /// The WHO International Clinical Trials Registry Platform (its export merges the
        /// records of many registries).
        WhoIctrp,
        /// The EU Clinical Trials Register (EudraCT numbers, trials under the Directive).
        Euctr,
        /// The EU Clinical Trials Information System (EU CT numbers, trials under the
        /// Regulation).
        Ctis,
        /// The ISRCTN registry.
        Isrctn,
    }
}

/// Registry identifiers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Ids {
    /// `"NCT"` followed by 8 digits.
    pub nct_id: Option<String>,
    /// The sponsor's protocol id.
    pub org_study_id: Option<String>,
    /// Other ids the record lists.
    pub secondary_ids: Vec<String>,
    /// Older NCT ids that ClinicalTrials.gov merged into this one (API v2 `nctIdAliases`,
    /// legacy XML `<nct_alias>`), so data cited under them still joins.
    pub nct_aliases: Vec<String>,
    /// Every registry number the record states, the record's own first, each recognized by
    /// its form and normalized (no spaces, upper-case prefix).
    pub registry_ids: Vec<RegistryId>,
}

/// A trial's number in one registry.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
pub struct RegistryId {
    /// The registry that issued the number.
    pub registry: IdRegistry,
    /// The number, normalized (`NCT00479934`, `2021-002179-21`, `ISRCTN12345678`).
    pub id: String,
}

vocabulary! {
    in "SCREAMING_SNAKE_CASE";
    /// A registry that issues trial numbers: ClinicalTrials.gov, the EU registers, and the WHO
    /// primary registries, named as the WHO ICTRP spells them.
    #[derive(Hash, PartialOrd, Ord)]
    pub enum IdRegistry {
        /// ClinicalTrials.gov (`NCT` and 8 digits).
        Ctgov,
        /// EU CT number of the Clinical Trials Information System (`2023-500123-45-00`).
        Euct,
        /// EudraCT number of the EU Clinical Trials Register (`2021-002179-21`).
        Eudract,
        /// ISRCTN registry (`ISRCTN` and 8 digits).
        Isrctn,
        /// Australian New Zealand Clinical Trials Registry (`ACTRN` and 14 digits).
        Anzctr,
        /// Chinese Clinical Trial Registry (`ChiCTR…`).
        Chictr,
        /// Clinical Trials Registry – India (`CTRI/2020/05/025000`).
        Ctri,
        /// German Clinical Trials Register (`DRKS` and 8 digits).
        Drks,
        /// Japan Primary Registries Network (`JPRN-jRCT…`, `JPRN-UMIN…`, `jRCT…`, `UMIN…`).
        Jprn,
        /// Clinical Research Information Service, Republic of Korea (`KCT` and 7 digits).
        Kct,
        /// Netherlands Trial Register, older numbers (`NTR` and digits, `NL` and 4 digits; not the
        /// CCMO file numbers `NL46719.029.13`).
        Ntr,
        /// Overview of Medical Research in the Netherlands (`NL-OMON` and digits).
        #[serde(rename = "NL-OMON")]
        #[strum(serialize = "NL-OMON")]
        NlOmon,
        /// Brazilian Clinical Trials Registry (`RBR-` and a code).
        Rebec,
        /// Cuban Public Registry of Clinical Trials (`RPCEC` and digits).
        Rpcec,
        /// Pan African Clinical Trials Registry (`PACTR` and 15 digits).
        Pactr,
        /// Sri Lanka Clinical Trials Registry (`SLCTR/2019/001`).
        Slctr,
        /// Thai Clinical Trials Registry (`TCTR` and 11 digits).
        Tctr,
        /// Iranian Registry of Clinical Trials (`IRCT` and digits with an `N`).
        Irct,
        /// Lebanese Clinical Trials Registry (`LBCTR` and digits).
        Lbctr,
        /// International Traditional Medicine Clinical Trial Registry (`ITMCTR` and digits).
        Itmctr,
        /// Peruvian Clinical Trials Registry (`PER-` numbers).
        Repec,
    }
}

/// Titles of the study.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Titles {
    /// Brief (public) title.
    pub brief: Option<String>,
    /// Official (scientific) title.
    pub official: Option<String>,
    /// Acronym, if any.
    pub acronym: Option<String>,
}

/// Recruitment status and dates.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Status {
    /// Overall recruitment status.
    pub overall: Option<OverallStatus>,
    /// Why the study stopped, for suspended, terminated or withdrawn studies.
    pub why_stopped: Option<String>,
    /// Study start.
    pub start: DatedEvent,
    /// Primary completion.
    pub primary_completion: DatedEvent,
    /// Study completion.
    pub completion: DatedEvent,
    /// First submitted to the registry (ISO 8601).
    pub first_submitted: Option<String>,
    /// First posted by the registry (ISO 8601).
    pub first_posted: Option<String>,
    /// Last update posted (ISO 8601).
    pub last_updated: Option<String>,
    /// Status last verified (ISO 8601).
    pub verified: Option<String>,
}

/// A date that may be actual or estimated.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct DatedEvent {
    /// ISO 8601 date at the source's precision (`2007-12` or `2007-12-15`).
    pub date: Option<String>,
    /// Whether the date has happened or is planned.
    #[serde(rename = "type")]
    pub kind: Option<DateType>,
}

vocabulary! {
    in "SCREAMING_SNAKE_CASE";
    /// Whether a date or count is actual or estimated.
    pub enum DateType {
        /// It happened.
        Actual,
        /// It is planned or anticipated.
        Estimated,
    }
}

vocabulary! {
    /// Overall recruitment status (API v2 `OverallStatus`).
    #[derive(Hash)]
    pub enum OverallStatus {
        NotYetRecruiting,
        Recruiting,
        EnrollingByInvitation,
        ActiveNotRecruiting,
        Suspended,
        Terminated,
        Completed,
        Withdrawn,
        Unknown,
        Available,
        NoLongerAvailable,
        TemporarilyNotAvailable,
        ApprovedForMarketing,
        Withheld,
    }
}

/// Sponsors and the party responsible for the record.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Sponsors {
    /// The lead sponsor.
    pub lead: Option<Organization>,
    /// Collaborators, in source order.
    pub collaborators: Vec<Organization>,
    /// The responsible party.
    pub responsible_party: Option<ResponsibleParty>,
    /// Who provided the information ("Information provided by").
    pub information_provider: Option<String>,
}

/// A sponsoring organization.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Organization {
    /// Name as the record gives it.
    pub name: Option<String>,
    /// Agency class.
    pub class: Option<AgencyClass>,
}

vocabulary! {
    /// Agency class of a sponsor (API v2 `AgencyClass`).
    pub enum AgencyClass {
        Nih,
        Fed,
        OtherGov,
        Indiv,
        Industry,
        Network,
        Ambig,
        Other,
        Unknown,
    }
}

/// The responsible party.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ResponsibleParty {
    /// Kind of party.
    #[serde(rename = "type")]
    pub kind: Option<ResponsiblePartyType>,
    /// Person's name, when an investigator.
    pub name: Option<String>,
    /// Person's title.
    pub title: Option<String>,
    /// Person's affiliation.
    pub affiliation: Option<String>,
}

vocabulary! {
    /// Kind of responsible party (API v2 `ResponsiblePartyType`).
    pub enum ResponsiblePartyType {
        Sponsor,
        PrincipalInvestigator,
        SponsorInvestigator,
    }
}

/// Summary and detailed description.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Description {
    /// Brief summary; paragraphs separated by a blank line.
    pub brief_summary: Option<String>,
    /// Detailed description; paragraphs separated by a blank line.
    pub detailed_description: Option<String>,
}

/// Study design.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Design {
    /// Interventional, observational or expanded access.
    pub study_type: Option<StudyType>,
    /// Phases, sorted in vocabulary order.
    pub phases: Vec<Phase>,
    /// Allocation.
    pub allocation: Option<Allocation>,
    /// Intervention model.
    pub intervention_model: Option<InterventionModel>,
    /// Observational model.
    pub observational_model: Option<ObservationalModel>,
    /// Time perspective of an observational study.
    pub time_perspective: Option<TimePerspective>,
    /// Primary purpose.
    pub primary_purpose: Option<PrimaryPurpose>,
    /// Masking (blinding).
    pub masking: Masking,
    /// Legacy free-text endpoint classification ("Safety/Efficacy Study").
    pub endpoint_classification: Option<String>,
}

vocabulary! {
    /// Study type (API v2 `StudyType`).
    #[derive(Hash)]
    pub enum StudyType {
        Interventional,
        Observational,
        ExpandedAccess,
    }
}

vocabulary! {
    /// Trial phase (API v2 `Phase`); the declaration order is the sort order.
    #[derive(PartialOrd, Ord, Hash)]
    pub enum Phase {
        #[serde(rename = "EARLY_PHASE1")]
        #[strum(serialize = "EARLY_PHASE1")]
        EarlyPhase1,
        #[serde(rename = "PHASE1")]
        #[strum(serialize = "PHASE1")]
        Phase1,
        #[serde(rename = "PHASE2")]
        #[strum(serialize = "PHASE2")]
        Phase2,
        #[serde(rename = "PHASE3")]
        #[strum(serialize = "PHASE3")]
        Phase3,
        #[serde(rename = "PHASE4")]
        #[strum(serialize = "PHASE4")]
        Phase4,
        Na,
    }
}

vocabulary! {
    /// Allocation (API v2 `DesignAllocation`).
    pub enum Allocation {
        Randomized,
        NonRandomized,
        Na,
    }
}

vocabulary! {
    /// Intervention model (API v2 `InterventionalAssignment`).
    pub enum InterventionModel {
        SingleGroup,
        Parallel,
        Crossover,
        Factorial,
        Sequential,
    }
}

vocabulary! {
    /// Observational model (API v2 `ObservationalModel`).
    pub enum ObservationalModel {
        Cohort,
        CaseControl,
        CaseOnly,
        CaseCrossover,
        EcologicOrCommunity,
        FamilyBased,
        DefinedPopulation,
        NaturalHistory,
        Other,
    }
}

vocabulary! {
    /// Time perspective (API v2 `DesignTimePerspective`).
    pub enum TimePerspective {
        Retrospective,
        Prospective,
        CrossSectional,
        Other,
    }
}

vocabulary! {
    /// Primary purpose (API v2 `PrimaryPurpose`).
    pub enum PrimaryPurpose {
        Treatment,
        Prevention,
        Diagnostic,
        Ect,
        SupportiveCare,
        Screening,
        HealthServicesResearch,
        BasicScience,
        DeviceFeasibility,
        Other,
    }
}

/// Masking (blinding) of the study.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Masking {
    /// Level; where roles are listed, their count.
    pub level: Option<MaskingLevel>,
    /// Who is masked, in vocabulary order.
    pub who: Vec<MaskedRole>,
    /// The source wording.
    pub raw: Option<String>,
}

vocabulary! {
    /// Masking level (API v2 `DesignMasking`).
    pub enum MaskingLevel {
        None,
        Single,
        Double,
        Triple,
        Quadruple,
    }
}

vocabulary! {
    /// A masked role (API v2 `WhoMasked`); the declaration order is the sort order.
    #[derive(PartialOrd, Ord, Hash)]
    pub enum MaskedRole {
        Participant,
        CareProvider,
        Investigator,
        OutcomesAssessor,
    }
}

/// Enrollment.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Enrollment {
    /// Number of participants.
    pub count: Option<u64>,
    /// Actual or estimated.
    #[serde(rename = "type")]
    pub kind: Option<DateType>,
}

/// An arm or group of the study.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Arm {
    /// Label, unique within the record; interventions refer to arms by it.
    pub label: String,
    /// Arm type.
    #[serde(rename = "type")]
    pub kind: Option<ArmType>,
    /// Description.
    pub description: Option<String>,
    /// Names of the interventions given in this arm (`interventions[].name`).
    pub intervention_names: Vec<String>,
}

vocabulary! {
    /// Arm type (API v2 `ArmGroupType`).
    #[derive(Hash)]
    pub enum ArmType {
        Experimental,
        ActiveComparator,
        PlaceboComparator,
        ShamComparator,
        NoIntervention,
        Other,
    }
}

/// An intervention.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Intervention {
    /// Intervention type.
    #[serde(rename = "type")]
    pub kind: Option<InterventionType>,
    /// Name; arms refer to interventions by it.
    pub name: String,
    /// Description.
    pub description: Option<String>,
    /// Other names.
    pub other_names: Vec<String>,
    /// Labels of the arms that receive it (`arms[].label`).
    pub arm_labels: Vec<String>,
}

vocabulary! {
    /// Intervention type (API v2 `InterventionType`).
    #[derive(Hash)]
    pub enum InterventionType {
        Drug,
        Device,
        Biological,
        Procedure,
        Radiation,
        Behavioral,
        Genetic,
        DietarySupplement,
        CombinationProduct,
        DiagnosticTest,
        Other,
    }
}

/// An outcome measure.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Outcome {
    /// Primary, secondary or other.
    pub kind: Option<OutcomeKind>,
    /// What is measured.
    pub measure: String,
    /// Description.
    pub description: Option<String>,
    /// Time frame, as the source words it.
    pub time_frame: Option<String>,
    /// Time points of the time frame as ISO 8601 durations (`"P6M"`).
    pub time_points: Vec<String>,
    /// Legacy "Designated as safety issue".
    pub safety_issue: Option<bool>,
}

vocabulary! {
    /// Kind of outcome measure.
    #[derive(Hash)]
    pub enum OutcomeKind {
        Primary,
        Secondary,
        Other,
    }
}

/// Who may take part.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Eligibility {
    /// Sex of participants.
    pub sex: Option<Sex>,
    /// Lower age bound.
    pub minimum_age: Option<Age>,
    /// Upper age bound.
    pub maximum_age: Option<Age>,
    /// Age groups, derived from the bounds as the registry does.
    pub std_ages: Vec<StdAge>,
    /// Whether healthy volunteers are accepted.
    pub healthy_volunteers: Option<bool>,
    /// The whole criteria text, as given.
    pub criteria_text: Option<String>,
    /// Inclusion criteria, as a tree in source order.
    pub inclusion: Vec<Criterion>,
    /// Exclusion criteria, as a tree in source order.
    pub exclusion: Vec<Criterion>,
}

vocabulary! {
    /// Sex of participants (API v2 `Sex`).
    #[derive(Hash)]
    pub enum Sex {
        All,
        Female,
        Male,
    }
}

/// An age bound.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Age {
    /// The number the source gives.
    pub value: f64,
    /// The unit the source gives.
    pub unit: AgeUnit,
    /// The bound in years (365.25-day years for days, hours and minutes).
    pub years: f64,
}

vocabulary! {
    /// Unit of an age bound.
    #[derive(Hash)]
    pub enum AgeUnit {
        Years,
        Months,
        Weeks,
        Days,
        Hours,
        Minutes,
    }
}

vocabulary! {
    /// Age group (API v2 `StandardAge`).
    #[derive(PartialOrd, Ord, Hash)]
    pub enum StdAge {
        Child,
        Adult,
        OlderAdult,
    }
}

/// One eligibility criterion, with its sub-items.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Criterion {
    /// The criterion's own text, without its bullet or number.
    pub text: String,
    /// Nested sub-items.
    pub children: Vec<Criterion>,
    /// Comparisons the text states.
    pub constraints: Vec<Constraint>,
}

/// A comparison stated by a criterion ("hemoglobin < 11 g/dL").
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Constraint {
    /// What is compared, in the record's wording.
    pub subject: String,
    /// The comparison.
    pub operator: Operator,
    /// The number compared against.
    pub value: f64,
    /// Unit of the value, in one normalized spelling.
    pub unit: Option<String>,
    /// The span of the criterion text that states it.
    pub text: String,
    /// Normalized subject for the common ones (`age`, `hemoglobin`, `platelets`, `alt`,
    /// `lvef`, `ecog`, ...; see the README), so records compare across wordings.
    pub key: Option<ConstraintKey>,
    /// The reference the value is a multiple of (`ULN`, `LLN`: "> 1.5 × ULN", unit null),
    /// or, with unit `%`, a percentage of (`predicted`: "DLCO < 80% predicted").
    pub multiple_of: Option<ReferenceRange>,
    /// Top of the scale a score is stated on ("m-Rodnan score > 20/51" gives 51).
    pub out_of: Option<f64>,
    /// True when the value is a length of time around an event rather than a measurement
    /// ("surgery within 4 weeks", "dialysis for less than 3 months"); ages, life
    /// expectancy and gestational age are measurements and stay false.
    pub time_window: bool,
}

vocabulary! {
    in "snake_case";
    /// The normalized subject of a constraint: a closed set, spelled in `snake_case` in the
    /// JSON ("age", "fev1_fvc", "albumin_creatinine_ratio"). Subjects outside it keep only their
    /// wording (`Constraint::subject`) and a null key.
    #[derive(Hash, PartialOrd, Ord, strum::EnumString)]
    pub enum ConstraintKey {
        /// Age, in years unless another time unit is given.
        Age,
        /// Hemoglobin (also "anemia").
        Hemoglobin,
        /// Platelet count ("thrombopenia").
        Platelets,
        /// Neutrophil count ("ANC", "granulocytes", "neutropenia").
        Neutrophils,
        /// Lymphocyte count.
        Lymphocytes,
        /// White blood cell count.
        Leukocytes,
        /// CD4 cell count or percentage.
        Cd4,
        /// Serum creatinine.
        Creatinine,
        /// Creatinine clearance.
        CreatinineClearance,
        /// (estimated) glomerular filtration rate.
        Egfr,
        /// Urine albumin/creatinine ratio ("UACR").
        AlbuminCreatinineRatio,
        /// Bilirubin.
        Bilirubin,
        /// Aspartate aminotransferase ("ASAT", "SGOT").
        Ast,
        /// Alanine aminotransferase ("ALAT", "SGPT").
        Alt,
        /// Transaminases together ("LFTs").
        Transaminases,
        /// C-reactive protein.
        Crp,
        /// Left ventricular ejection fraction.
        Lvef,
        /// Diffusing capacity of the lung for carbon monoxide.
        Dlco,
        /// Forced vital capacity.
        Fvc,
        /// Forced expiratory volume in one second.
        Fev1,
        /// The FEV1/FVC ratio.
        Fev1Fvc,
        /// Systolic pulmonary artery pressure.
        Spap,
        /// Mean pulmonary artery pressure.
        Mpap,
        /// Pulmonary artery pressure, not said which.
        PulmonaryArteryPressure,
        /// Systolic blood pressure.
        SystolicBp,
        /// Diastolic blood pressure.
        DiastolicBp,
        /// Blood pressure, not said which.
        BloodPressure,
        /// Mean arterial pressure.
        Map,
        /// Body mass index.
        Bmi,
        /// Body weight.
        Weight,
        /// Height.
        Height,
        /// Birth weight.
        BirthWeight,
        /// Gestational age.
        GestationalAge,
        /// Life expectancy.
        LifeExpectancy,
        /// ECOG / Zubrod / WHO performance status.
        Ecog,
        /// Karnofsky performance status.
        Karnofsky,
        /// American Society of Anesthesiologists physical status class.
        Asa,
        /// New York Heart Association functional class.
        Nyha,
        /// Modified Rodnan skin score.
        Mrss,
        /// Glycated hemoglobin.
        Hba1c,
        /// Blood glucose.
        Glucose,
        /// LDL cholesterol.
        Ldl,
        /// International normalized ratio.
        Inr,
        /// Albumin.
        Albumin,
        /// Viral load ("HIV-1 RNA").
        ViralLoad,
        /// Prostate-specific antigen.
        Psa,
        /// Gleason score.
        Gleason,
        /// Body temperature ("fever").
        Temperature,
        /// Heart rate ("pulse").
        HeartRate,
        /// Respiratory rate.
        RespiratoryRate,
        /// Oxygen saturation.
        Spo2,
        /// Corrected QT interval.
        Qtc,
        /// Eczema Area and Severity Index.
        Easi,
        /// Investigator's Global Assessment.
        Iga,
        /// Bath Ankylosing Spondylitis Disease Activity Index.
        Basdai,
        /// Disease Activity Score in 28 joints.
        Das28,
        /// Clinical Global Impression.
        Cgi,
        /// Hamilton Depression rating scale.
        Hamd,
        /// Sequential Organ Failure Assessment score.
        Sofa,
        /// CURB-65 pneumonia severity score.
        Curb65,
        /// Apgar score.
        Apgar,
        /// Apnea-hypopnea index.
        Ahi,
        /// Pain score ("VAS", "NRS").
        Pain,
    }
}

impl ConstraintKey {
    /// The key as the JSON spells it ("fev1_fvc").
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

vocabulary! {
    in "SCREAMING_SNAKE_CASE";
    /// The reference a constraint's value is a multiple or a percentage of.
    #[derive(Hash)]
    pub enum ReferenceRange {
        /// The upper limit of normal ("> 1.5 × ULN", "ASAT, ALAT > 3 normal").
        #[serde(rename = "ULN")]
        #[strum(serialize = "ULN")]
        Uln,
        /// The lower limit of normal ("< 0.8 × LLN").
        #[serde(rename = "LLN")]
        #[strum(serialize = "LLN")]
        Lln,
        /// The predicted value, with unit `%` ("DLCO < 80% predicted").
        #[serde(rename = "predicted")]
        #[strum(serialize = "predicted")]
        Predicted,
    }
}

impl ReferenceRange {
    /// The reference as the JSON spells it ("ULN").
    pub fn as_str(self) -> &'static str {
        self.into()
    }
}

/// A comparison operator.
#[derive(
    Debug,
    Clone,
    Copy,
    Default,
    PartialEq,
    Eq,
    Hash,
    Serialize,
    Deserialize,
    JsonSchema,
    strum::EnumIter,
)]
#[allow(missing_docs)]
pub enum Operator {
    #[serde(rename = "<")]
    Lt,
    #[serde(rename = "<=")]
    Le,
    #[serde(rename = ">")]
    Gt,
    #[serde(rename = ">=")]
    Ge,
    #[default]
    #[serde(rename = "=")]
    Eq,
    #[serde(rename = "!=")]
    Ne,
}

/// Central contacts and overall officials.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contacts {
    /// Central contacts for the whole study.
    pub central: Vec<Contact>,
    /// Overall officials.
    pub officials: Vec<Official>,
}

/// A contact person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Contact {
    /// Name, with degrees as the source prints them.
    pub name: Option<String>,
    /// Role (API v2 `ContactRole`).
    pub role: Option<ContactRole>,
    /// Phone, with extension as "ext. N" where given.
    pub phone: Option<String>,
    /// Email.
    pub email: Option<String>,
}

vocabulary! {
    /// Role of a contact (API v2 `ContactRole`).
    pub enum ContactRole {
        StudyChair,
        StudyDirector,
        PrincipalInvestigator,
        SubInvestigator,
        Contact,
    }
}

/// An overall official.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Official {
    /// Name, with degrees as the source prints them.
    pub name: Option<String>,
    /// Role.
    pub role: Option<OfficialRole>,
    /// Affiliation.
    pub affiliation: Option<String>,
}

vocabulary! {
    /// Role of an overall official (API v2 `OfficialRole`).
    pub enum OfficialRole {
        StudyChair,
        StudyDirector,
        PrincipalInvestigator,
        SubInvestigator,
    }
}

/// A study site.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Site {
    /// Facility name.
    pub facility: Option<String>,
    /// Recruitment status at this site.
    pub status: Option<OverallStatus>,
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub state: Option<String>,
    /// Postal code.
    pub zip: Option<String>,
    /// Country name as the source gives it.
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 code of the country.
    pub country_code: Option<String>,
    /// Site contacts.
    pub contacts: Vec<Contact>,
}

/// A publication or other reference.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Reference {
    /// Citation text.
    pub citation: Option<String>,
    /// PubMed id.
    pub pmid: Option<String>,
    /// Kind of reference.
    #[serde(rename = "type")]
    pub kind: Option<ReferenceType>,
}

vocabulary! {
    /// Kind of reference (API v2 `ReferenceType`).
    pub enum ReferenceType {
        Background,
        Result,
        Derived,
    }
}

/// Something the parser could not map.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Warning {
    /// Stable machine-readable code, e.g. `unmapped-enum`.
    pub code: WarningCode,
    /// What happened, quoting the raw value.
    pub message: String,
    /// JSON path of the field concerned (`design.phases`), when there is one.
    pub path: Option<String>,
}

impl Trial {
    /// An empty record stamped with the schema and parser versions.
    pub fn new(registry: Registry, format: crate::Format) -> Self {
        Trial {
            schema_version: SCHEMA_VERSION.to_string(),
            source: Source {
                registry: Some(registry),
                format: Some(format),
                parser_version: format!("trialnorm {}", env!("CARGO_PKG_VERSION")),
                ..Source::default()
            },
            ..Trial::default()
        }
    }

    /// Records a warning.
    pub fn warn(&mut self, code: WarningCode, path: &str, message: impl Into<String>) {
        self.warnings.push(Warning {
            code,
            message: message.into(),
            path: if path.is_empty() {
                None
            } else {
                Some(path.to_string())
            },
        });
    }
}
