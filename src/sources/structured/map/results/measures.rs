//! Baseline characteristics and outcome measures: both are measures of groups, with
//! denominators and classes of categories of values; outcome measures add their kind,
//! reporting status and analyses.

use super::{
    checked_date, denoms, groups, id, md_line, md_paragraphs, moved, number_or_warn, real, vocab,
};
use crate::model::results::{
    Analysis, Baseline, Category, Class, Measure, MeasureDispersion, MeasureParam, Measurement,
    OutcomeMeasure,
};
use crate::model::Trial;
use crate::normalize::numbers;
use crate::sources::structured::map::yes_no;
use crate::sources::structured::wire::api_v2_results as w;

pub(super) fn baseline(t: &mut Trial, b: w::BaselineModule) -> Baseline {
    Baseline {
        population_description: moved(b.population_description, md_paragraphs),
        units_analyzed: moved(b.type_units_analyzed, md_line),
        groups: groups(b.groups),
        denoms: denoms(b.denoms),
        measures: (b.measures.into_iter().enumerate())
            .map(|(i, m)| measure(t, || format!("results.baseline.measures[{i}]"), m))
            .collect(),
    }
}

/// A measure; `path` builds its warning path, only for a warning.
fn measure(t: &mut Trial, path: impl Fn() -> String, m: w::Measure) -> Measure {
    Measure {
        title: moved(m.title, md_line),
        description: moved(m.description, md_paragraphs),
        population_description: moved(m.population_description, md_paragraphs),
        param_type: vocab::<MeasureParam>(
            t,
            || format!("{}.param_type", path()),
            m.param_type.as_deref(),
        ),
        dispersion_type: vocab::<MeasureDispersion>(
            t,
            || format!("{}.dispersion_type", path()),
            m.dispersion_type.as_deref(),
        ),
        unit: moved(m.unit_of_measure, md_line),
        denoms: denoms(m.denoms),
        classes: classes(m.classes),
    }
}

fn classes(list: Vec<w::Class>) -> Vec<Class> {
    list.into_iter()
        .map(|c| Class {
            title: moved(c.title, md_line),
            denoms: denoms(c.denoms),
            categories: (c.categories.into_iter())
                .map(|cat| Category {
                    title: moved(cat.title, md_line),
                    measurements: cat.measurements.into_iter().map(measurement).collect(),
                })
                .collect(),
        })
        .collect()
}

fn measurement(m: w::Measurement) -> Measurement {
    let (value, spread) = (real(m.value.as_ref()), real(m.spread.as_ref()));
    let (lower, upper) = (real(m.lower_limit.as_ref()), real(m.upper_limit.as_ref()));
    Measurement {
        group_id: id(m.group_id),
        value: value.value,
        spread: spread.value,
        lower_limit: lower.value,
        upper_limit: upper.value,
        comment: moved(m.comment, md_paragraphs),
        raw: value.raw,
        spread_raw: spread.raw,
        lower_limit_raw: lower.raw,
        upper_limit_raw: upper.raw,
    }
}

pub(super) fn outcome_measure(t: &mut Trial, i: usize, o: w::OutcomeMeasure) -> OutcomeMeasure {
    // Warning paths are built only for a warning: most measures give none.
    let path = || format!("results.outcome_measures[{i}]");
    OutcomeMeasure {
        kind: vocab(t, || format!("{}.kind", path()), o.kind.as_deref()),
        title: moved(o.title, md_line),
        description: moved(o.description, md_paragraphs),
        population_description: moved(o.population_description, md_paragraphs),
        reporting_status: vocab(
            t,
            || format!("{}.reporting_status", path()),
            o.reporting_status.as_deref(),
        ),
        anticipated_posting_date: checked_date(
            t,
            || format!("{}.anticipated_posting_date", path()),
            o.anticipated_posting_date.as_deref(),
        ),
        time_frame: moved(o.time_frame, md_line),
        time_points: Vec::new(),
        param_type: vocab(
            t,
            || format!("{}.param_type", path()),
            o.param_type.as_deref(),
        ),
        dispersion_type: vocab(
            t,
            || format!("{}.dispersion_type", path()),
            o.dispersion_type.as_deref(),
        ),
        unit: moved(o.unit_of_measure, md_line),
        units_analyzed: moved(o.type_units_analyzed, md_line),
        groups: groups(o.groups),
        denoms: denoms(o.denoms),
        classes: classes(o.classes),
        analyses: (o.analyses.into_iter().enumerate())
            .map(|(j, a)| analysis(t, || format!("{}.analyses[{j}]", path()), a))
            .collect(),
    }
}

/// An analysis; `path` builds its warning path, only for a warning.
fn analysis(t: &mut Trial, path: impl Fn() -> String, a: w::Analysis) -> Analysis {
    let p_raw = a.p_value.as_ref().map(w::Scalar::text);
    let p_raw = p_raw.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let p = p_raw.and_then(numbers::p_value);
    let (param, lower, upper) = (
        real(a.param_value.as_ref()),
        real(a.ci_lower_limit.as_ref()),
        real(a.ci_upper_limit.as_ref()),
    );
    let dispersion = real(a.dispersion_value.as_ref());
    let ci_comment: Vec<String> = [a.ci_lower_limit_comment, a.ci_upper_limit_comment]
        .into_iter()
        .filter_map(|c| moved(c, md_paragraphs))
        .collect();
    Analysis {
        group_ids: a.group_ids.into_iter().map(|g| id(Some(g))).collect(),
        groups_description: moved(a.group_description, md_paragraphs),
        tested_non_inferiority: yes_no(
            t,
            || format!("{}.tested_non_inferiority", path()),
            a.tested_non_inferiority.as_ref(),
        ),
        non_inferiority_type: vocab(
            t,
            || format!("{}.non_inferiority_type", path()),
            a.non_inferiority_type.as_deref(),
        ),
        non_inferiority_comment: moved(a.non_inferiority_comment, md_paragraphs),
        p_value: p.map(|(_, v)| v),
        p_value_operator: p.map(|(op, _)| op.to_string()),
        p_value_raw: p_raw.map(String::from),
        p_value_comment: moved(a.p_value_comment, md_paragraphs),
        statistical_method: moved(a.statistical_method, md_line),
        statistical_comment: moved(a.statistical_comment, md_paragraphs),
        param_type: moved(a.param_type, md_line),
        param_value: param.value,
        param_value_raw: param.raw,
        ci_percent: number_or_warn(
            t,
            || format!("{}.ci_percent", path()),
            a.ci_pct_value.as_ref(),
        ),
        ci_sides: vocab(
            t,
            || format!("{}.ci_sides", path()),
            a.ci_num_sides.as_deref(),
        ),
        ci_lower: lower.value,
        ci_upper: upper.value,
        ci_lower_raw: lower.raw,
        ci_upper_raw: upper.raw,
        ci_comment: (!ci_comment.is_empty()).then(|| ci_comment.join("\n\n")),
        dispersion_type: vocab(
            t,
            || format!("{}.dispersion_type", path()),
            a.dispersion_type.as_deref(),
        ),
        dispersion_value: dispersion.value,
        dispersion_value_raw: dispersion.raw,
        estimate_comment: moved(a.estimate_comment, md_paragraphs),
        other_description: moved(a.other_analysis_description, md_paragraphs),
    }
}
