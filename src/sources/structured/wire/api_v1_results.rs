//! Retired API v1 `ResultsSection`, as the API spelled it: the API v2 modules with every
//! member named after its struct (`FlowGroupId`, `BaselineGroupId`, `OutcomeGroupId`), every
//! list wrapped (`FlowGroupList.FlowGroup`), every value a string. One type serves each
//! kind of member wherever it appears: serde aliases take the other modules' names for it.

use serde::Deserialize;

use super::api_v2::Count;

/// A struct whose members each have the v1 name (and aliases) given.
macro_rules! v1 {
    ($name:ident { $($field:ident: $ty:ty = $key:literal $(| $alias:literal)*),* $(,)? }) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        pub struct $name {
            $(
                #[serde(rename = $key $(, alias = $alias)*)]
                pub $field: $ty,
            )*
        }
    };
}

v1!(Results {
    participant_flow_module: Option<FlowModule> = "ParticipantFlowModule",
    baseline_characteristics_module: Option<BaselineModule> = "BaselineCharacteristicsModule",
    outcome_measures_module: Option<OutcomeMeasuresModule> = "OutcomeMeasuresModule",
    adverse_events_module: Option<AdverseEventsModule> = "AdverseEventsModule",
    more_info_module: Option<MoreInfoModule> = "MoreInfoModule",
});

v1!(Group {
    id: Option<String> = "FlowGroupId" | "BaselineGroupId" | "OutcomeGroupId" | "EventGroupId",
    title: Option<String> = "FlowGroupTitle" | "BaselineGroupTitle" | "OutcomeGroupTitle" | "EventGroupTitle",
    description: Option<String> = "FlowGroupDescription" | "BaselineGroupDescription"
        | "OutcomeGroupDescription" | "EventGroupDescription",
    deaths_num_affected: Option<Count> = "EventGroupDeathsNumAffected",
    deaths_num_at_risk: Option<Count> = "EventGroupDeathsNumAtRisk",
    serious_num_affected: Option<Count> = "EventGroupSeriousNumAffected",
    serious_num_at_risk: Option<Count> = "EventGroupSeriousNumAtRisk",
    other_num_affected: Option<Count> = "EventGroupOtherNumAffected",
    other_num_at_risk: Option<Count> = "EventGroupOtherNumAtRisk",
});

list!(
    GroupList,
    "FlowGroup" | "BaselineGroup" | "OutcomeGroup" | "EventGroup",
    Group
);

v1!(FlowModule {
    pre_assignment_details: Option<String> = "FlowPreAssignmentDetails",
    recruitment_details: Option<String> = "FlowRecruitmentDetails",
    type_units_analyzed: Option<String> = "FlowTypeUnitsAnalyzed",
    groups: GroupList = "FlowGroupList",
    periods: PeriodList = "FlowPeriodList",
});

list!(PeriodList, "FlowPeriod", Period);

// The two lists named as the legacy XML names them, so that one converter reads both
// formats' periods (`convert::results_parts!`).
v1!(Period {
    title: Option<String> = "FlowPeriodTitle",
    milestone_list: MilestoneList = "FlowMilestoneList",
    drop_withdraw_reason_list: DropWithdrawList = "FlowDropWithdrawList",
});

list!(MilestoneList, "FlowMilestone", Milestone);
list!(DropWithdrawList, "FlowDropWithdraw", Milestone);

// A milestone or a reason for leaving.
v1!(Milestone {
    kind: Option<String> = "FlowMilestoneType" | "FlowDropWithdrawType",
    comment: Option<String> = "FlowMilestoneComment" | "FlowDropWithdrawComment",
    counts: AchievementList = "FlowAchievementList" | "FlowReasonList",
});

list!(
    AchievementList,
    "FlowAchievement" | "FlowReason",
    Achievement
);

v1!(Achievement {
    group_id: Option<String> = "FlowAchievementGroupId" | "FlowReasonGroupId",
    comment: Option<String> = "FlowAchievementComment" | "FlowReasonComment",
    num_subjects: Option<String> = "FlowAchievementNumSubjects" | "FlowReasonNumSubjects",
});

v1!(Denom {
    units: Option<String> = "BaselineDenomUnits" | "BaselineClassDenomUnits"
        | "OutcomeDenomUnits" | "OutcomeClassDenomUnits",
    counts: DenomCountList = "BaselineDenomCountList" | "BaselineClassDenomCountList"
        | "OutcomeDenomCountList" | "OutcomeClassDenomCountList",
});

list!(
    DenomList,
    "BaselineDenom" | "BaselineClassDenom" | "OutcomeDenom" | "OutcomeClassDenom",
    Denom
);
list!(
    DenomCountList,
    "BaselineDenomCount"
        | "BaselineClassDenomCount"
        | "OutcomeDenomCount"
        | "OutcomeClassDenomCount",
    DenomCount
);

v1!(DenomCount {
    group_id: Option<String> = "BaselineDenomCountGroupId" | "BaselineClassDenomCountGroupId"
        | "OutcomeDenomCountGroupId" | "OutcomeClassDenomCountGroupId",
    value: Option<String> = "BaselineDenomCountValue" | "BaselineClassDenomCountValue"
        | "OutcomeDenomCountValue" | "OutcomeClassDenomCountValue",
});

v1!(BaselineModule {
    population_description: Option<String> = "BaselinePopulationDescription",
    type_units_analyzed: Option<String> = "BaselineTypeUnitsAnalyzed",
    groups: GroupList = "BaselineGroupList",
    denoms: DenomList = "BaselineDenomList",
    measures: MeasureList = "BaselineMeasureList",
});

list!(MeasureList, "BaselineMeasure", Measure);

v1!(Measure {
    title: Option<String> = "BaselineMeasureTitle",
    description: Option<String> = "BaselineMeasureDescription",
    population_description: Option<String> = "BaselineMeasurePopulationDescription",
    param_type: Option<String> = "BaselineMeasureParamType",
    dispersion_type: Option<String> = "BaselineMeasureDispersionType",
    unit_of_measure: Option<String> = "BaselineMeasureUnitOfMeasure",
    denoms: DenomList = "BaselineMeasureDenomList",
    classes: ClassList = "BaselineClassList",
});

list!(ClassList, "BaselineClass" | "OutcomeClass", Class);

v1!(Class {
    title: Option<String> = "BaselineClassTitle" | "OutcomeClassTitle",
    denoms: DenomList = "BaselineClassDenomList" | "OutcomeClassDenomList",
    categories: CategoryList = "BaselineCategoryList" | "OutcomeCategoryList",
});

list!(
    CategoryList,
    "BaselineCategory" | "OutcomeCategory",
    Category
);

v1!(Category {
    title: Option<String> = "BaselineCategoryTitle" | "OutcomeCategoryTitle",
    measurements: MeasurementList = "BaselineMeasurementList" | "OutcomeMeasurementList",
});

list!(
    MeasurementList,
    "BaselineMeasurement" | "OutcomeMeasurement",
    Measurement
);

v1!(Measurement {
    group_id: Option<String> = "BaselineMeasurementGroupId" | "OutcomeMeasurementGroupId",
    value: Option<String> = "BaselineMeasurementValue" | "OutcomeMeasurementValue",
    spread: Option<String> = "BaselineMeasurementSpread" | "OutcomeMeasurementSpread",
    lower_limit: Option<String> = "BaselineMeasurementLowerLimit" | "OutcomeMeasurementLowerLimit",
    upper_limit: Option<String> = "BaselineMeasurementUpperLimit" | "OutcomeMeasurementUpperLimit",
    comment: Option<String> = "BaselineMeasurementComment" | "OutcomeMeasurementComment",
});

v1!(OutcomeMeasuresModule {
    outcome_measures: OutcomeMeasureList = "OutcomeMeasureList",
});

list!(OutcomeMeasureList, "OutcomeMeasure", OutcomeMeasure);

v1!(OutcomeMeasure {
    kind: Option<String> = "OutcomeMeasureType",
    title: Option<String> = "OutcomeMeasureTitle",
    description: Option<String> = "OutcomeMeasureDescription",
    population_description: Option<String> = "OutcomeMeasurePopulationDescription",
    reporting_status: Option<String> = "OutcomeMeasureReportingStatus",
    anticipated_posting_date: Option<String> = "OutcomeMeasureAnticipatedPostingDate",
    param_type: Option<String> = "OutcomeMeasureParamType",
    dispersion_type: Option<String> = "OutcomeMeasureDispersionType",
    unit_of_measure: Option<String> = "OutcomeMeasureUnitOfMeasure",
    time_frame: Option<String> = "OutcomeMeasureTimeFrame",
    type_units_analyzed: Option<String> = "OutcomeMeasureTypeUnitsAnalyzed",
    groups: GroupList = "OutcomeGroupList",
    denoms: DenomList = "OutcomeDenomList",
    classes: ClassList = "OutcomeClassList",
    analyses: AnalysisList = "OutcomeAnalysisList",
});

list!(AnalysisList, "OutcomeAnalysis", Analysis);
list!(GroupIdList, "OutcomeAnalysisGroupId", String);

// Members named as the legacy XML names them (`groups_desc`, `method`), so that one
// converter serves both (`convert::results_parts!`).
v1!(Analysis {
    group_id_list: GroupIdList = "OutcomeAnalysisGroupIdList",
    groups_desc: Option<String> = "OutcomeAnalysisGroupDescription",
    non_inferiority: Option<String> = "OutcomeAnalysisTestedNonInferiority",
    non_inferiority_type: Option<String> = "OutcomeAnalysisNonInferiorityType",
    non_inferiority_desc: Option<String> = "OutcomeAnalysisNonInferiorityComment",
    p_value: Option<String> = "OutcomeAnalysisPValue",
    p_value_desc: Option<String> = "OutcomeAnalysisPValueComment",
    method: Option<String> = "OutcomeAnalysisStatisticalMethod",
    method_desc: Option<String> = "OutcomeAnalysisStatisticalComment",
    param_type: Option<String> = "OutcomeAnalysisParamType",
    param_value: Option<String> = "OutcomeAnalysisParamValue",
    ci_percent: Option<String> = "OutcomeAnalysisCIPctValue",
    ci_n_sides: Option<String> = "OutcomeAnalysisCINumSides",
    ci_lower_limit: Option<String> = "OutcomeAnalysisCILowerLimit",
    ci_upper_limit: Option<String> = "OutcomeAnalysisCIUpperLimit",
    ci_lower_limit_na_comment: Option<String> = "OutcomeAnalysisCILowerLimitComment",
    ci_upper_limit_na_comment: Option<String> = "OutcomeAnalysisCIUpperLimitComment",
    dispersion_type: Option<String> = "OutcomeAnalysisDispersionType",
    dispersion_value: Option<String> = "OutcomeAnalysisDispersionValue",
    estimate_desc: Option<String> = "OutcomeAnalysisEstimateComment",
    other_analysis_desc: Option<String> = "OutcomeAnalysisOtherAnalysisDescription",
});

v1!(AdverseEventsModule {
    frequency_threshold: Option<String> = "EventsFrequencyThreshold",
    time_frame: Option<String> = "EventsTimeFrame",
    description: Option<String> = "EventsDescription",
    all_cause_mortality_comment: Option<String> = "EventsAllCauseMortalityComment",
    event_groups: GroupList = "EventGroupList",
    serious_events: EventList = "SeriousEventList",
    other_events: EventList = "OtherEventList",
});

list!(EventList, "SeriousEvent" | "OtherEvent", Event);

v1!(Event {
    term: Option<String> = "SeriousEventTerm" | "OtherEventTerm",
    organ_system: Option<String> = "SeriousEventOrganSystem" | "OtherEventOrganSystem",
    source_vocabulary: Option<String> = "SeriousEventSourceVocabulary" | "OtherEventSourceVocabulary",
    assessment_type: Option<String> = "SeriousEventAssessmentType" | "OtherEventAssessmentType",
    notes: Option<String> = "SeriousEventNotes" | "OtherEventNotes",
    stats: EventStatsList = "SeriousEventStatsList" | "OtherEventStatsList",
});

list!(
    EventStatsList,
    "SeriousEventStats" | "OtherEventStats",
    EventStats
);

v1!(EventStats {
    group_id: Option<String> = "SeriousEventStatsGroupId" | "OtherEventStatsGroupId",
    num_events: Option<String> = "SeriousEventStatsNumEvents" | "OtherEventStatsNumEvents",
    num_affected: Option<String> = "SeriousEventStatsNumAffected" | "OtherEventStatsNumAffected",
    num_at_risk: Option<String> = "SeriousEventStatsNumAtRisk" | "OtherEventStatsNumAtRisk",
});

v1!(MoreInfoModule {
    limitations_and_caveats: Option<Limitations> = "LimitationsAndCaveats",
    certain_agreement: Option<CertainAgreement> = "CertainAgreement",
    point_of_contact: Option<PointOfContact> = "PointOfContact",
});

v1!(Limitations {
    description: Option<String> = "LimitationsAndCaveatsDescription",
});

v1!(CertainAgreement {
    pi_sponsor_employee: Option<String> = "AgreementPISponsorEmployee",
    restriction_type: Option<String> = "AgreementRestrictionType",
    restrictive_agreement: Option<String> = "AgreementRestrictiveAgreement",
    other_details: Option<String> = "AgreementOtherDetails",
});

v1!(PointOfContact {
    title: Option<String> = "PointOfContactTitle",
    organization: Option<String> = "PointOfContactOrganization",
    email: Option<String> = "PointOfContactEMail",
    phone: Option<String> = "PointOfContactPhone",
    phone_ext: Option<String> = "PointOfContactPhoneExt",
});
