//! API v2 `resultsSection`, as the API spells it: participant flow, baseline
//! characteristics, outcome measures with their analyses, adverse events, and more
//! information. Like the rest of [`api_v2`](super::api_v2), this is also the shape the
//! older formats' results are converted into; the few facts only they state sit in fields
//! serde skips.
//!
//! Values are as the API writes them: counts of the adverse-event module are numbers,
//! every other count and value is text ("97", "39.9", "NA"), which [`Scalar`] and [`Real`]
//! take either way, so the converters can hand over the older formats' text unchanged.

use serde::Deserialize;

use super::api_v2::{Count, YesNo};
use crate::normalize::numbers;

/// A value as text or number: API v2 writes most numbers of the results as text ("39.9"),
/// a few as numbers; the older formats write text. A whole number past `i64` is a float.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

text_or!(
    Scalar,
    "a value: a number or text",
    visit_i64(i64) => Scalar::Int,
    visit_u64(u64) => |v: u64| i64::try_from(v).map_or(Scalar::Float(v as f64), Scalar::Int),
    visit_f64(f64) => Scalar::Float,
);

impl From<String> for Scalar {
    fn from(text: String) -> Self {
        Scalar::Text(text)
    }
}

/// A value that is a real number where it is one (a measurement, its spread and limits, an
/// estimate, a percentage): text that is one ([`numbers::number`]) is read as it is
/// deserialized, so only the text that is not ("NA") is kept as text.
#[derive(Debug, Clone, PartialEq)]
pub enum Real {
    Number(f64),
    Text(String),
}

impl From<String> for Real {
    fn from(text: String) -> Self {
        Real::Text(text)
    }
}

impl Real {
    /// Text that is a real number ([`numbers::number`]) as the number, other text kept.
    fn of_text<S: AsRef<str> + Into<String>>(s: S) -> Real {
        numbers::number(s.as_ref()).map_or_else(|| Real::Text(s.into()), Real::Number)
    }
}

text_or!(
    Real,
    "a value: a number or text",
    |s| Real::of_text(s),
    visit_i64(i64) => |v| Real::Number(v as f64),
    visit_u64(u64) => |v| Real::Number(v as f64),
    visit_f64(f64) => Real::Number,
);

impl Scalar {
    /// The value as the source wrote it: text borrowed, a number written out.
    pub fn text(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Scalar::Int(i) => i.to_string().into(),
            Scalar::Float(f) => f.to_string().into(),
            Scalar::Text(t) => t.as_str().into(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Results {
    pub participant_flow_module: Option<FlowModule>,
    pub baseline_characteristics_module: Option<BaselineModule>,
    pub outcome_measures_module: Option<OutcomeMeasuresModule>,
    pub adverse_events_module: Option<AdverseEventsModule>,
    pub more_info_module: Option<MoreInfoModule>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Group {
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FlowModule {
    pub pre_assignment_details: Option<String>,
    pub recruitment_details: Option<String>,
    pub type_units_analyzed: Option<String>,
    pub groups: Vec<Group>,
    pub periods: Vec<Period>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Period {
    pub title: Option<String>,
    pub milestones: Vec<Milestone>,
    pub drop_withdraws: Vec<DropWithdraw>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Milestone {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub comment: Option<String>,
    pub achievements: Vec<Achievement>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DropWithdraw {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub comment: Option<String>,
    pub reasons: Vec<Achievement>,
}

/// A milestone's or a reason's count in one group (`achievements[]`, `reasons[]`).
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Achievement {
    pub group_id: Option<String>,
    pub comment: Option<String>,
    pub num_subjects: Option<Scalar>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Denom {
    pub units: Option<String>,
    pub counts: Vec<DenomCount>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DenomCount {
    pub group_id: Option<String>,
    pub value: Option<Scalar>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct BaselineModule {
    pub population_description: Option<String>,
    pub type_units_analyzed: Option<String>,
    pub groups: Vec<Group>,
    pub denoms: Vec<Denom>,
    pub measures: Vec<Measure>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Measure {
    pub title: Option<String>,
    pub description: Option<String>,
    pub population_description: Option<String>,
    pub param_type: Option<String>,
    pub dispersion_type: Option<String>,
    pub unit_of_measure: Option<String>,
    pub denoms: Vec<Denom>,
    pub classes: Vec<Class>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Class {
    pub title: Option<String>,
    pub denoms: Vec<Denom>,
    pub categories: Vec<Category>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Category {
    pub title: Option<String>,
    pub measurements: Vec<Measurement>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Measurement {
    pub group_id: Option<String>,
    pub value: Option<Real>,
    pub spread: Option<Real>,
    pub lower_limit: Option<Real>,
    pub upper_limit: Option<Real>,
    pub comment: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OutcomeMeasuresModule {
    pub outcome_measures: Vec<OutcomeMeasure>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct OutcomeMeasure {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub population_description: Option<String>,
    pub reporting_status: Option<String>,
    pub anticipated_posting_date: Option<String>,
    pub param_type: Option<String>,
    pub dispersion_type: Option<String>,
    pub unit_of_measure: Option<String>,
    pub time_frame: Option<String>,
    pub type_units_analyzed: Option<String>,
    pub groups: Vec<Group>,
    pub denoms: Vec<Denom>,
    pub classes: Vec<Class>,
    pub analyses: Vec<Analysis>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Analysis {
    pub group_ids: Vec<String>,
    pub group_description: Option<String>,
    pub tested_non_inferiority: Option<YesNo>,
    pub non_inferiority_type: Option<String>,
    pub non_inferiority_comment: Option<String>,
    pub p_value: Option<Scalar>,
    pub p_value_comment: Option<String>,
    pub statistical_method: Option<String>,
    pub statistical_comment: Option<String>,
    pub param_type: Option<String>,
    pub param_value: Option<Real>,
    pub ci_pct_value: Option<Real>,
    pub ci_num_sides: Option<String>,
    pub ci_lower_limit: Option<Real>,
    pub ci_upper_limit: Option<Real>,
    pub ci_lower_limit_comment: Option<String>,
    pub ci_upper_limit_comment: Option<String>,
    pub dispersion_type: Option<String>,
    pub dispersion_value: Option<Real>,
    pub estimate_comment: Option<String>,
    pub other_analysis_description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct AdverseEventsModule {
    pub frequency_threshold: Option<Real>,
    pub time_frame: Option<String>,
    pub description: Option<String>,
    pub all_cause_mortality_comment: Option<String>,
    pub event_groups: Vec<EventGroup>,
    pub serious_events: Vec<Event>,
    pub other_events: Vec<Event>,
    /// The legacy XML's default vocabulary of its event lists (v2 states it per event).
    #[serde(skip)]
    pub default_vocabulary: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EventGroup {
    pub id: Option<String>,
    pub title: Option<String>,
    pub description: Option<String>,
    pub deaths_num_affected: Option<Count>,
    pub deaths_num_at_risk: Option<Count>,
    pub serious_num_affected: Option<Count>,
    pub serious_num_at_risk: Option<Count>,
    pub other_num_affected: Option<Count>,
    pub other_num_at_risk: Option<Count>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Event {
    pub term: Option<String>,
    pub organ_system: Option<String>,
    pub source_vocabulary: Option<String>,
    pub assessment_type: Option<String>,
    pub notes: Option<String>,
    pub stats: Vec<EventStats>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct EventStats {
    pub group_id: Option<String>,
    pub num_events: Option<Count>,
    pub num_affected: Option<Count>,
    pub num_at_risk: Option<Count>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct MoreInfoModule {
    pub limitations_and_caveats: Option<Limitations>,
    pub certain_agreement: Option<CertainAgreement>,
    pub point_of_contact: Option<PointOfContact>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct Limitations {
    pub description: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct CertainAgreement {
    pub pi_sponsor_employee: Option<YesNo>,
    pub restriction_type: Option<String>,
    pub restrictive_agreement: Option<YesNo>,
    pub other_details: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase")]
pub struct PointOfContact {
    pub title: Option<String>,
    pub organization: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub phone_ext: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::Real;

    #[test]
    fn reals_are_read_when_deserialized_and_other_text_kept() {
        let real = |json: &str| serde_json::from_str::<Real>(json).map_err(|e| e.to_string());
        assert_eq!(real(r#""39.9""#), Ok(Real::Number(39.9)));
        assert_eq!(real(r#"" -1.2E-4 ""#), Ok(Real::Number(-1.2e-4)));
        assert_eq!(real("12"), Ok(Real::Number(12.0)));
        assert_eq!(real("-3"), Ok(Real::Number(-3.0)));
        assert_eq!(real("0.5"), Ok(Real::Number(0.5)));
        for text in ["NA", " <0.5", "inf", "1,234", ""] {
            let json = serde_json::to_string(text).unwrap();
            assert_eq!(real(&json), Ok(Real::Text(text.into())), "{text:?}");
        }
        assert!(real("true").unwrap_err().contains("a number or text"));
    }
}
