//! Posted results (`MODEL.md`, version 2: `results`): the registry's results section with
//! numbers as numbers.
//!
//! The shape follows ClinicalTrials.gov's API v2 `resultsSection` (its data element names
//! are given on each field), which the retired API v1 `ResultsSection` and the legacy XML
//! `<clinical_results>` are converted into before mapping. Groups are identified by the ids
//! the source gives them (`FG000`, `BG001`, `OG002`, `EG000` in API v2; `P1`, `B1`, `O1`,
//! `E1` in the legacy XML): every count and measurement names its group by that id, so flow,
//! baseline, outcomes and adverse events can be joined on them.
//!
//! Numbers: a count is an integer, a measurement, spread, limit, p-value or estimate a
//! float. Where the source's text is not a plain number ("NA", "<0.001", "not estimable"),
//! the number is null (or, for a p-value, the number after its comparison sign) and the text
//! is kept in the field's `raw` companion; a `raw` field is null when the number says it all.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A study's posted results.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Results {
    /// Date the results were first posted (ISO 8601; API v2
    /// `statusModule.resultsFirstPostDateStruct.date`, legacy XML `results_first_posted`).
    pub first_posted: Option<String>,
    /// Who started, completed and left each period, per group (`participantFlowModule`).
    pub participant_flow: Option<ParticipantFlow>,
    /// Baseline characteristics per group (`baselineCharacteristicsModule`).
    pub baseline: Option<Baseline>,
    /// Outcome measures with their values and analyses (`outcomeMeasuresModule`), in
    /// source order.
    pub outcome_measures: Vec<OutcomeMeasure>,
    /// Adverse events (`adverseEventsModule`).
    pub adverse_events: Option<AdverseEvents>,
    /// Limitations, publication agreements and the results point of contact
    /// (`moreInfoModule`).
    pub more_info: Option<MoreInfo>,
}

/// A group of participants as one part of the results names it (`groups[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Group {
    /// The source's id of the group (`FG000`, `OG001`; legacy XML `P1`, `O2`), which counts
    /// and measurements refer to.
    pub id: String,
    /// Title (`title`).
    pub title: Option<String>,
    /// Description (`description`).
    pub description: Option<String>,
}

/// A number of participants (or other units) in one group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct GroupCount {
    /// `Group::id` of the group.
    pub group_id: String,
    /// The count (`numSubjects`, `value`); null when the source's text is not a whole
    /// number.
    pub value: Option<u64>,
    /// The source's text when it is not a whole number.
    pub raw: Option<String>,
    /// A comment on the count (`achievements[].comment`; legacy XML: the text of
    /// `<participants>`).
    pub comment: Option<String>,
}

/// The participant flow (`participantFlowModule`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ParticipantFlow {
    /// Recruitment details (`recruitmentDetails`).
    pub recruitment_details: Option<String>,
    /// Pre-assignment details (`preAssignmentDetails`).
    pub pre_assignment_details: Option<String>,
    /// What is counted when it is not participants (`typeUnitsAnalyzed`: "Eyes").
    pub units_analyzed: Option<String>,
    /// The flow's groups (`groups[]`, ids `FG…`).
    pub groups: Vec<Group>,
    /// The periods of the study (`periods[]`), in order.
    pub periods: Vec<Period>,
}

/// One period of the participant flow (`periods[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Period {
    /// Title ("Overall Study").
    pub title: Option<String>,
    /// Milestones (`milestones[]`: STARTED, COMPLETED, NOT COMPLETED and others).
    pub milestones: Vec<FlowCount>,
    /// Reasons for leaving (`dropWithdraws[]`: "Adverse Event", "Lost to Follow-up").
    pub drop_withdraws: Vec<FlowCount>,
}

/// A milestone or a reason for leaving, counted per group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct FlowCount {
    /// What is counted, as the source words it (`type`: "STARTED", "Adverse Event").
    #[serde(rename = "type")]
    pub kind: Option<String>,
    /// A comment on the milestone or reason (`comment`).
    pub comment: Option<String>,
    /// The count in each group (`achievements[]`, `reasons[]`: `numSubjects`).
    pub counts: Vec<GroupCount>,
}

/// Numbers analyzed (`denoms[]`): how many participants (or other units) each group's
/// values stand on.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Denom {
    /// What is counted ("Participants", "Eyes"; `units`).
    pub units: Option<String>,
    /// The number in each group (`counts[]`: `groupId`, `value`).
    pub counts: Vec<GroupCount>,
}

/// The baseline characteristics (`baselineCharacteristicsModule`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Baseline {
    /// Who the baseline describes (`populationDescription`).
    pub population_description: Option<String>,
    /// What is counted when it is not participants (`typeUnitsAnalyzed`).
    pub units_analyzed: Option<String>,
    /// The baseline's groups (`groups[]`, ids `BG…`; the last is often the total).
    pub groups: Vec<Group>,
    /// Overall numbers analyzed (`denoms[]`).
    pub denoms: Vec<Denom>,
    /// The characteristics (`measures[]`: age, sex, region...).
    pub measures: Vec<Measure>,
}

/// One baseline characteristic (`measures[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measure {
    /// Title ("Age, Continuous").
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Who the measure describes, where it differs from the whole baseline
    /// (`populationDescription`).
    pub population_description: Option<String>,
    /// Measure type (`paramType`).
    pub param_type: Option<MeasureParam>,
    /// Measure of dispersion (`dispersionType`).
    pub dispersion_type: Option<MeasureDispersion>,
    /// Unit of measure, as worded (`unitOfMeasure`: "years", "Participants").
    pub unit: Option<String>,
    /// Numbers analyzed for this measure, where they differ from the baseline's (`denoms[]`).
    pub denoms: Vec<Denom>,
    /// Values (`classes[]`).
    pub classes: Vec<Class>,
}

/// A row group of a measure's values (`classes[]`): a subgroup ("Europe", "Week 12") or,
/// untitled, the whole.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Class {
    /// Title; null for the one class of a simple measure.
    pub title: Option<String>,
    /// Numbers analyzed in this class, where they differ (`denoms[]`).
    pub denoms: Vec<Denom>,
    /// Categories (`categories[]`: "Female", "Male"; one untitled category for a simple
    /// measure).
    pub categories: Vec<Category>,
}

/// A category of a class (`categories[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Category {
    /// Title; null for the one category of a simple measure.
    pub title: Option<String>,
    /// One value per group (`measurements[]`).
    pub measurements: Vec<Measurement>,
}

/// One group's value (`measurements[]`), in the measure's unit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Measurement {
    /// `Group::id` of the group.
    pub group_id: String,
    /// The value (`value`); null when not a number ("NA").
    pub value: Option<f64>,
    /// The spread (`spread`: standard deviation, standard error...), as the measure's
    /// dispersion type says.
    pub spread: Option<f64>,
    /// Lower limit of a range or interval (`lowerLimit`).
    pub lower_limit: Option<f64>,
    /// Upper limit (`upperLimit`).
    pub upper_limit: Option<f64>,
    /// A comment, often why a value is missing (`comment`; legacy XML: the text of
    /// `<measurement>`).
    pub comment: Option<String>,
    /// The source's `value` text when it is not a number ("NA", "<0.5").
    pub raw: Option<String>,
    /// The source's `spread` text when it is not a number.
    pub spread_raw: Option<String>,
    /// The source's `lowerLimit` text when it is not a number.
    pub lower_limit_raw: Option<String>,
    /// The source's `upperLimit` text when it is not a number.
    pub upper_limit_raw: Option<String>,
}

/// An outcome measure's posted results (`outcomeMeasures[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct OutcomeMeasure {
    /// Primary, secondary, other pre-specified or post hoc (`type`).
    pub kind: Option<ResultOutcomeKind>,
    /// Title (`title`).
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Who was analyzed (`populationDescription`).
    pub population_description: Option<String>,
    /// Whether the values are posted (`reportingStatus`).
    pub reporting_status: Option<ReportingStatus>,
    /// When results not yet posted are expected (`anticipatedPostingDate`, ISO 8601).
    pub anticipated_posting_date: Option<String>,
    /// Time frame, as worded (`timeFrame`).
    pub time_frame: Option<String>,
    /// Time points of the time frame as ISO 8601 durations (`"P12W"`), read as
    /// `outcomes[].time_points` are.
    pub time_points: Vec<String>,
    /// Measure type (`paramType`).
    pub param_type: Option<MeasureParam>,
    /// Measure of dispersion (`dispersionType`).
    pub dispersion_type: Option<MeasureDispersion>,
    /// Unit of measure, as worded (`unitOfMeasure`).
    pub unit: Option<String>,
    /// What is counted when it is not participants (`typeUnitsAnalyzed`).
    pub units_analyzed: Option<String>,
    /// The measure's groups (`groups[]`, ids `OG…`).
    pub groups: Vec<Group>,
    /// Numbers analyzed (`denoms[]`).
    pub denoms: Vec<Denom>,
    /// Values (`classes[]`).
    pub classes: Vec<Class>,
    /// Statistical analyses (`analyses[]`).
    pub analyses: Vec<Analysis>,
}

/// A statistical analysis of an outcome measure (`analyses[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Analysis {
    /// The groups compared (`groupIds[]`, `Group::id`s of the measure).
    pub group_ids: Vec<String>,
    /// Comparison group selection, as worded (`groupDescription`).
    pub groups_description: Option<String>,
    /// Whether a non-inferiority or equivalence test was done (`testedNonInferiority`).
    pub tested_non_inferiority: Option<bool>,
    /// Type of the test (`nonInferiorityType`).
    pub non_inferiority_type: Option<NonInferiorityType>,
    /// Details of the non-inferiority or equivalence test (`nonInferiorityComment`).
    pub non_inferiority_comment: Option<String>,
    /// The p-value (`pValue`), the number after its comparison sign ("<0.001" gives 0.001).
    pub p_value: Option<f64>,
    /// The comparison the source states: `=` for a plain value, `<`, `<=`, `>`, `>=`.
    pub p_value_operator: Option<String>,
    /// The source's p-value text, as given ("<0.001", "0.03", "NA").
    pub p_value_raw: Option<String>,
    /// Comment on the p-value (`pValueComment`).
    pub p_value_comment: Option<String>,
    /// Statistical method, as worded (`statisticalMethod`: "ANCOVA", "Log Rank").
    pub statistical_method: Option<String>,
    /// Comment on the method (`statisticalComment`).
    pub statistical_comment: Option<String>,
    /// Estimated parameter, as worded (`paramType`: "Odds Ratio (OR)", "Mean Difference
    /// (Final Values)").
    pub param_type: Option<String>,
    /// Its estimate (`paramValue`).
    pub param_value: Option<f64>,
    /// The source's estimate text when it is not a number.
    pub param_value_raw: Option<String>,
    /// Confidence level, in percent (`ciPctValue`: 95).
    pub ci_percent: Option<f64>,
    /// One- or two-sided interval (`ciNumSides`).
    pub ci_sides: Option<CiSides>,
    /// Lower confidence limit (`ciLowerLimit`).
    pub ci_lower: Option<f64>,
    /// Upper confidence limit (`ciUpperLimit`).
    pub ci_upper: Option<f64>,
    /// The source's lower-limit text when it is not a number ("NA").
    pub ci_lower_raw: Option<String>,
    /// The source's upper-limit text when it is not a number ("NA").
    pub ci_upper_raw: Option<String>,
    /// Why a limit is not given (`ciLowerLimitComment`, `ciUpperLimitComment`, joined).
    pub ci_comment: Option<String>,
    /// Dispersion of the estimate (`dispersionType`).
    pub dispersion_type: Option<AnalysisDispersion>,
    /// Its value (`dispersionValue`).
    pub dispersion_value: Option<f64>,
    /// The source's dispersion text when it is not a number.
    pub dispersion_value_raw: Option<String>,
    /// Comment on the estimate (`estimateComment`).
    pub estimate_comment: Option<String>,
    /// An analysis of another kind, described (`otherAnalysisDescription`).
    pub other_description: Option<String>,
}

/// Adverse events (`adverseEventsModule`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AdverseEvents {
    /// Over what time events were collected (`timeFrame`).
    pub time_frame: Option<String>,
    /// How they were collected and defined (`description`).
    pub description: Option<String>,
    /// Frequency threshold for reporting other events, in percent (`frequencyThreshold`).
    pub frequency_threshold: Option<f64>,
    /// The vocabulary the events are named in by default (legacy XML `default_vocab`; API
    /// v2 states it per event only).
    pub source_vocabulary: Option<String>,
    /// Comment on all-cause mortality (`allCauseMortalityComment`).
    pub all_cause_mortality_comment: Option<String>,
    /// The groups with their totals (`eventGroups[]`, ids `EG…`).
    pub groups: Vec<EventGroup>,
    /// Serious adverse events, one per term (`seriousEvents[]`).
    pub serious: Vec<AdverseEvent>,
    /// Other (not serious) adverse events, one per term (`otherEvents[]`).
    pub other: Vec<AdverseEvent>,
}

/// An adverse-event group with its totals (`eventGroups[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventGroup {
    /// `EG000` (legacy XML `E1`).
    pub id: String,
    /// Title.
    pub title: Option<String>,
    /// Description.
    pub description: Option<String>,
    /// Deaths from any cause (`deathsNumAffected`, `deathsNumAtRisk`).
    pub deaths: Option<Affected>,
    /// Participants with a serious adverse event (`seriousNumAffected`, `seriousNumAtRisk`;
    /// legacy XML: the "Total, serious adverse events" row).
    pub serious: Option<Affected>,
    /// Participants with another adverse event (`otherNumAffected`, `otherNumAtRisk`;
    /// legacy XML: the "Total, other adverse events" row).
    pub other: Option<Affected>,
}

/// How many participants of a group were affected, of how many at risk.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct Affected {
    /// Participants affected.
    pub affected: Option<u64>,
    /// Participants at risk.
    pub at_risk: Option<u64>,
}

/// One adverse-event term (`seriousEvents[]`, `otherEvents[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct AdverseEvent {
    /// The term ("Anaemia"; `term`).
    pub term: Option<String>,
    /// Organ system ("Blood and lymphatic system disorders"; `organSystem`).
    pub organ_system: Option<String>,
    /// Vocabulary of the term ("MedDRA (18.0)"; `sourceVocabulary`).
    pub source_vocabulary: Option<String>,
    /// Systematic or not (`assessmentType`).
    pub assessment_type: Option<EventAssessment>,
    /// Notes on the term (`notes`; legacy XML `description`).
    pub notes: Option<String>,
    /// Counts per group (`stats[]`).
    pub stats: Vec<EventStats>,
}

/// One group's counts for an adverse-event term (`stats[]`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct EventStats {
    /// `EventGroup::id` of the group.
    pub group_id: String,
    /// Number of events (`numEvents`), when stated.
    pub events: Option<u64>,
    /// Participants affected (`numAffected`).
    pub affected: Option<u64>,
    /// Participants at risk (`numAtRisk`).
    pub at_risk: Option<u64>,
}

/// Limitations, agreements and the point of contact (`moreInfoModule`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct MoreInfo {
    /// Limitations and caveats (`limitationsAndCaveats.description`).
    pub limitations: Option<String>,
    /// Agreements restricting the investigators' publication (`certainAgreement`).
    pub certain_agreement: Option<CertainAgreement>,
    /// Whom to ask about the results (`pointOfContact`).
    pub point_of_contact: Option<PointOfContact>,
}

/// Agreements between investigators and the sponsor (`certainAgreement`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct CertainAgreement {
    /// Whether the principal investigators are employed by the sponsor
    /// (`piSponsorEmployee`).
    pub pi_sponsor_employee: Option<bool>,
    /// Whether an agreement restricts the investigators' rights to discuss or publish the
    /// results (`restrictiveAgreement`).
    pub restrictive_agreement: Option<bool>,
    /// The embargo the agreement allows (`restrictionType`).
    pub restriction_type: Option<RestrictionType>,
    /// The agreement, as worded (`otherDetails`; legacy XML: the agreement text when it is
    /// not one of the registry's two standard sentences).
    pub other_details: Option<String>,
}

/// The results point of contact (`pointOfContact`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct PointOfContact {
    /// Name or official title (`title`).
    pub title: Option<String>,
    /// Organization.
    pub organization: Option<String>,
    /// Email.
    pub email: Option<String>,
    /// Phone, with extension as "ext. N" where given.
    pub phone: Option<String>,
}

/// Kind of a posted outcome measure (API v2 `OutcomeMeasureType`; its
/// `OTHER_PRE_SPECIFIED` is `OTHER`, as in `outcomes[].kind`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum ResultOutcomeKind {
    Primary,
    Secondary,
    Other,
    PostHoc,
}

/// Whether an outcome measure's values are posted (API v2 `ReportingStatus`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum ReportingStatus {
    NotPosted,
    Posted,
}

/// Measure type (API v2 `MeasureParam`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum MeasureParam {
    GeometricMean,
    GeometricLeastSquaresMean,
    LeastSquaresMean,
    LogMean,
    Mean,
    Median,
    Number,
    CountOfParticipants,
    CountOfUnits,
}

/// Measure of dispersion (API v2 `MeasureDispersionType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum MeasureDispersion {
    Na,
    StandardDeviation,
    StandardError,
    InterQuartileRange,
    FullRange,
    #[serde(rename = "CONFIDENCE_80")]
    #[strum(serialize = "CONFIDENCE_80")]
    Confidence80,
    #[serde(rename = "CONFIDENCE_90")]
    #[strum(serialize = "CONFIDENCE_90")]
    Confidence90,
    #[serde(rename = "CONFIDENCE_95")]
    #[strum(serialize = "CONFIDENCE_95")]
    Confidence95,
    #[serde(rename = "CONFIDENCE_975")]
    #[strum(serialize = "CONFIDENCE_975")]
    Confidence975,
    #[serde(rename = "CONFIDENCE_99")]
    #[strum(serialize = "CONFIDENCE_99")]
    Confidence99,
    ConfidenceOther,
    GeometricCoefficient,
}

/// Dispersion of an analysis's estimate (API v2 `AnalysisDispersionType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum AnalysisDispersion {
    StandardDeviation,
    StandardErrorOfMean,
}

/// Type of a non-inferiority or equivalence analysis (API v2 `NonInferiorityType`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum NonInferiorityType {
    Superiority,
    NonInferiority,
    Equivalence,
    Other,
    NonInferiorityOrEquivalence,
    SuperiorityOrOther,
    NonInferiorityOrEquivalenceLegacy,
    SuperiorityOrOtherLegacy,
}

/// Sides of a confidence interval (API v2 `ConfidenceIntervalNumSides`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum CiSides {
    OneSided,
    TwoSided,
}

/// How adverse events were collected (API v2 `EventAssessment`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum EventAssessment {
    NonSystematicAssessment,
    SystematicAssessment,
}

/// The embargo a publication agreement allows (API v2 `AgreementRestrictionType`): at
/// most 60 days, more than 60 days, or another restriction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[derive(strum::EnumIter, strum::IntoStaticStr)]
#[strum(serialize_all = "SCREAMING_SNAKE_CASE")]
#[allow(missing_docs)]
pub enum RestrictionType {
    #[serde(rename = "LTE60")]
    #[strum(serialize = "LTE60")]
    Lte60,
    #[serde(rename = "GT60")]
    #[strum(serialize = "GT60")]
    Gt60,
    Other,
}
