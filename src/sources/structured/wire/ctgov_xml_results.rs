//! The legacy XML's `<clinical_results>`, as the schema spells it: every list wrapped in a
//! `…_list` element, group ids and numbers in attributes (`<measurement group_id="O1"
//! value="12.5" spread="3.1"/>`), comments as element text, and the adverse-event totals as
//! a "Total" category of each event list.

use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ClinicalResults {
    pub participant_flow: Option<ParticipantFlow>,
    pub baseline: Option<Baseline>,
    pub outcome_list: OutcomeList,
    pub reported_events: Option<ReportedEvents>,
    pub certain_agreements: Option<CertainAgreements>,
    pub limitations_and_caveats: Option<String>,
    pub point_of_contact: Option<PointOfContact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Group {
    #[serde(rename = "@group_id")]
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

list!(GroupList, "group", Group);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ParticipantFlow {
    pub recruitment_details: Option<String>,
    pub pre_assignment_details: Option<String>,
    pub group_list: GroupList,
    pub period_list: PeriodList,
}

list!(PeriodList, "period", Period);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Period {
    pub title: Option<String>,
    pub milestone_list: MilestoneList,
    pub drop_withdraw_reason_list: DropWithdrawList,
}

list!(MilestoneList, "milestone", Milestone);
list!(DropWithdrawList, "drop_withdraw_reason", Milestone);

/// A milestone or a reason for leaving: its title and the participants of each group.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Milestone {
    pub title: Option<String>,
    pub participants_list: ParticipantsList,
}

list!(ParticipantsList, "participants", Participants);

/// `<participants group_id="P1" count="97">comment</participants>`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Participants {
    #[serde(rename = "@group_id")]
    pub group_id: Option<String>,
    #[serde(rename = "@count")]
    pub num_subjects: Option<String>,
    #[serde(rename = "$text")]
    pub comment: Option<String>,
}

/// `<analyzed>`: a denominator (units, a count per group).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Analyzed {
    pub units: Option<String>,
    #[serde(rename = "count_list")]
    pub counts: CountList,
}

list!(AnalyzedList, "analyzed", Analyzed);
list!(CountList, "count", GroupValue);

/// `<count group_id="B1" value="97"/>`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct GroupValue {
    #[serde(rename = "@group_id")]
    pub group_id: Option<String>,
    #[serde(rename = "@value")]
    pub value: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Baseline {
    pub population: Option<String>,
    pub group_list: GroupList,
    pub analyzed_list: AnalyzedList,
    pub measure_list: MeasureList,
}

list!(MeasureList, "measure", Measure);

/// A baseline measure, or the one measure of an outcome.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Measure {
    pub title: Option<String>,
    pub description: Option<String>,
    #[serde(rename = "population")]
    pub population_description: Option<String>,
    #[serde(rename = "units")]
    pub unit_of_measure: Option<String>,
    #[serde(rename = "param")]
    pub param_type: Option<String>,
    #[serde(rename = "dispersion")]
    pub dispersion_type: Option<String>,
    pub units_analyzed: Option<String>,
    #[serde(rename = "analyzed_list")]
    pub denoms: AnalyzedList,
    #[serde(rename = "class_list")]
    pub classes: ClassList,
}

list!(ClassList, "class", Class);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Class {
    pub title: Option<String>,
    #[serde(rename = "analyzed_list")]
    pub denoms: AnalyzedList,
    #[serde(rename = "category_list")]
    pub categories: CategoryList,
}

list!(CategoryList, "category", Category);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Category {
    pub title: Option<String>,
    #[serde(rename = "measurement_list")]
    pub measurements: MeasurementList,
}

list!(MeasurementList, "measurement", Measurement);

/// `<measurement group_id="O1" value="NA" lower_limit="7.1">comment</measurement>`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Measurement {
    #[serde(rename = "@group_id")]
    pub group_id: Option<String>,
    #[serde(rename = "@value")]
    pub value: Option<String>,
    #[serde(rename = "@spread")]
    pub spread: Option<String>,
    #[serde(rename = "@lower_limit")]
    pub lower_limit: Option<String>,
    #[serde(rename = "@upper_limit")]
    pub upper_limit: Option<String>,
    #[serde(rename = "$text")]
    pub comment: Option<String>,
}

list!(OutcomeList, "outcome", Outcome);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Outcome {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub time_frame: Option<String>,
    pub posting_date: Option<String>,
    pub population: Option<String>,
    pub group_list: GroupList,
    pub measure: Option<Measure>,
    pub analysis_list: AnalysisList,
}

list!(AnalysisList, "analysis", Analysis);
list!(GroupIdList, "group_id", String);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Analysis {
    pub group_id_list: GroupIdList,
    pub groups_desc: Option<String>,
    pub non_inferiority: Option<String>,
    pub non_inferiority_type: Option<String>,
    pub non_inferiority_desc: Option<String>,
    pub p_value: Option<String>,
    pub p_value_desc: Option<String>,
    pub method: Option<String>,
    pub method_desc: Option<String>,
    pub param_type: Option<String>,
    pub param_value: Option<String>,
    pub dispersion_type: Option<String>,
    pub dispersion_value: Option<String>,
    pub ci_percent: Option<String>,
    pub ci_n_sides: Option<String>,
    pub ci_lower_limit: Option<String>,
    pub ci_upper_limit: Option<String>,
    pub ci_lower_limit_na_comment: Option<String>,
    pub ci_upper_limit_na_comment: Option<String>,
    pub estimate_desc: Option<String>,
    pub other_analysis_desc: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct ReportedEvents {
    pub time_frame: Option<String>,
    pub desc: Option<String>,
    pub group_list: GroupList,
    pub serious_events: Option<Events>,
    pub other_events: Option<Events>,
}

/// `<serious_events>`, `<other_events>`: defaults for their events, and the events by
/// organ system (the first category, "Total", holds the totals per group).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Events {
    pub frequency_threshold: Option<String>,
    pub default_vocab: Option<String>,
    pub default_assessment: Option<String>,
    pub category_list: EventCategoryList,
}

list!(EventCategoryList, "category", EventCategory);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventCategory {
    pub title: Option<String>,
    pub event_list: EventList,
}

list!(EventList, "event", Event);

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct Event {
    pub sub_title: Option<SubTitle>,
    pub assessment: Option<String>,
    pub description: Option<String>,
    pub counts: Vec<EventCounts>,
}

/// `<sub_title vocab="MedDRA 10.0">Anaemia</sub_title>`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SubTitle {
    #[serde(rename = "@vocab")]
    pub vocab: Option<String>,
    #[serde(rename = "$text")]
    pub text: Option<String>,
}

/// `<counts group_id="E1" events="2" subjects_affected="2" subjects_at_risk="15"/>`
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct EventCounts {
    #[serde(rename = "@group_id")]
    pub group_id: Option<String>,
    #[serde(rename = "@events")]
    pub num_events: Option<String>,
    #[serde(rename = "@subjects_affected")]
    pub num_affected: Option<String>,
    #[serde(rename = "@subjects_at_risk")]
    pub num_at_risk: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CertainAgreements {
    pub pi_employee: Option<String>,
    pub restrictive_agreement: Option<String>,
    pub restriction_type: Option<String>,
    pub other_details: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct PointOfContact {
    pub name_or_title: Option<String>,
    pub organization: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
}
