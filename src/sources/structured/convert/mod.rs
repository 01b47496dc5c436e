//! The older structured formats converted into the API v2 shape, which the one mapper
//! reads: fields are moved to where v2 keeps them, nothing is interpreted. Values keep the
//! older wording ("Non-Randomized", "Anticipated"), which the mapper's vocabularies read,
//! and text is written as v2 writes it, Markdown: plain text has its backslashes escaped,
//! so that the mapper's one unescaping gives it back unchanged.

/// The parts of posted results that API v1 and the legacy XML list as API v2 does: groups,
/// a flow step's counts per group, denominators (the numbers analyzed), classes of
/// measurements, a measure (baseline, or an outcome's), an adverse event's counts in one
/// group, an outcome's statistical analysis and the flow's periods, converted once for both.
/// The arguments are the format's wire types for them (the last, a flow step's), whose
/// members are named alike (`wire/api_v1_results`, `wire/ctgov_xml_results`); values are
/// handed over as text.
macro_rules! results_parts {
    (
        $groups:ty,
        $counts:ty,
        $denoms:ty,
        $classes:ty,
        $measure:ty,
        $stats:ty,
        $analysis:ty,
        $periods:ty,
        $step:ty
    ) => {
        fn text<T: From<String>>(v: Option<String>) -> Option<T> {
            v.map(T::from)
        }

        fn groups(list: $groups) -> Vec<v2::Group> {
            (list.items.into_iter())
                .map(|g| v2::Group {
                    id: g.id,
                    title: md(g.title),
                    description: md(g.description),
                })
                .collect()
        }

        fn counts(list: $counts) -> Vec<v2::Achievement> {
            (list.items.into_iter())
                .map(|a| v2::Achievement {
                    group_id: a.group_id,
                    comment: md(a.comment),
                    num_subjects: text(a.num_subjects),
                })
                .collect()
        }

        fn denoms(list: $denoms) -> Vec<v2::Denom> {
            (list.items.into_iter())
                .map(|d| v2::Denom {
                    units: md(d.units),
                    counts: (d.counts.items.into_iter())
                        .map(|c| v2::DenomCount {
                            group_id: c.group_id,
                            value: text(c.value),
                        })
                        .collect(),
                })
                .collect()
        }

        fn classes(list: $classes) -> Vec<v2::Class> {
            (list.items.into_iter())
                .map(|c| v2::Class {
                    title: md(c.title),
                    denoms: denoms(c.denoms),
                    categories: (c.categories.items.into_iter())
                        .map(|cat| v2::Category {
                            title: md(cat.title),
                            measurements: (cat.measurements.items.into_iter())
                                .map(|m| v2::Measurement {
                                    group_id: m.group_id,
                                    value: text(m.value),
                                    spread: text(m.spread),
                                    lower_limit: text(m.lower_limit),
                                    upper_limit: text(m.upper_limit),
                                    comment: md(m.comment),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect()
        }

        fn measure(m: $measure) -> v2::Measure {
            v2::Measure {
                title: md(m.title),
                description: md(m.description),
                population_description: md(m.population_description),
                param_type: m.param_type,
                dispersion_type: m.dispersion_type,
                unit_of_measure: md(m.unit_of_measure),
                denoms: denoms(m.denoms),
                classes: classes(m.classes),
            }
        }

        fn stats(s: $stats) -> v2::EventStats {
            v2::EventStats {
                group_id: s.group_id,
                num_events: s.num_events.map(Count::Text),
                num_affected: s.num_affected.map(Count::Text),
                num_at_risk: s.num_at_risk.map(Count::Text),
            }
        }

        fn analysis(a: $analysis) -> v2::Analysis {
            v2::Analysis {
                group_ids: a.group_id_list.items,
                group_description: md(a.groups_desc),
                tested_non_inferiority: a.non_inferiority.map(YesNo::Text),
                non_inferiority_type: a.non_inferiority_type,
                non_inferiority_comment: md(a.non_inferiority_desc),
                p_value: text(a.p_value),
                p_value_comment: md(a.p_value_desc),
                statistical_method: md(a.method),
                statistical_comment: md(a.method_desc),
                param_type: md(a.param_type),
                param_value: text(a.param_value),
                ci_pct_value: text(a.ci_percent),
                ci_num_sides: a.ci_n_sides,
                ci_lower_limit: text(a.ci_lower_limit),
                ci_upper_limit: text(a.ci_upper_limit),
                ci_lower_limit_comment: md(a.ci_lower_limit_na_comment),
                ci_upper_limit_comment: md(a.ci_upper_limit_na_comment),
                dispersion_type: a.dispersion_type,
                dispersion_value: text(a.dispersion_value),
                estimate_comment: md(a.estimate_desc),
                other_analysis_description: md(a.other_analysis_desc),
            }
        }

        /// The flow's periods, each step (a milestone or a reason for leaving) read by
        /// `step`.
        fn periods(list: $periods, step: impl Fn($step) -> super::Step + Copy) -> Vec<v2::Period> {
            (list.items.into_iter())
                .map(|p| {
                    super::period(
                        p.title,
                        p.milestone_list.items.into_iter().map(step),
                        p.drop_withdraw_reason_list.items.into_iter().map(step),
                    )
                })
                .collect()
        }
    };
}

mod api_v1;
mod api_v1_results;
mod ctgov_xml;
mod ctgov_xml_results;

pub use api_v1::from_api_v1;
pub use ctgov_xml::from_ctgov_xml;

/// A design wording's values (`normalize::design::wording`) in the API v2 shape: the design
/// fields, and what the shape keeps apart, the endpoint classification and the values that
/// name no field (shared by the legacy XML and the WHO registries).
pub(crate) fn design_info(
    words: crate::normalize::design::DesignWords,
) -> (super::wire::api_v2::DesignInfo, Option<String>, Vec<String>) {
    let mut info = super::wire::api_v2::DesignInfo {
        allocation: words.allocation,
        intervention_model: words.intervention_model,
        observational_model: words.observational_model,
        time_perspective: words.time_perspective,
        primary_purpose: words.primary_purpose,
        ..Default::default()
    };
    info.masking_info.masking = words.masking;
    (info, words.endpoint_classification, words.unread)
}

/// Plain text as Markdown: a backslash is written `\\`.
pub(crate) fn escape(text: String) -> String {
    if text.contains('\\') {
        text.replace('\\', "\\\\")
    } else {
        text
    }
}

/// [`escape`] for an optional text.
pub(crate) fn md(text: Option<String>) -> Option<String> {
    text.map(escape)
}

/// [`escape`] for every text of a list.
pub(crate) fn md_all(texts: Vec<String>) -> Vec<String> {
    texts.into_iter().map(escape).collect()
}

/// A step of a flow period (a milestone or a reason for leaving) as its kind, its comment and
/// its counts per group: what both older formats give for each of a period's two lists.
type Step = (
    Option<String>,
    Option<String>,
    Vec<crate::sources::structured::wire::api_v2_results::Achievement>,
);

/// A flow period from its title and its two lists of steps, which API v2 keeps as two types
/// alike but for the name of the counts (`achievements`, `reasons`).
fn period(
    title: Option<String>,
    milestones: impl Iterator<Item = Step>,
    drop_withdraws: impl Iterator<Item = Step>,
) -> crate::sources::structured::wire::api_v2_results::Period {
    use crate::sources::structured::wire::api_v2_results as v2;
    v2::Period {
        title: md(title),
        milestones: milestones
            .map(|(kind, comment, achievements)| v2::Milestone {
                kind,
                comment,
                achievements,
            })
            .collect(),
        drop_withdraws: drop_withdraws
            .map(|(kind, comment, reasons)| v2::DropWithdraw {
                kind,
                comment,
                reasons,
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::normalize::text::unescape_markdown;

    #[test]
    fn escaped_plain_text_unescapes_to_itself() {
        for plain in [
            r"a\>b",
            r"C:\path\n",
            r"\",
            r"\\",
            "no backslash",
            r"x \* y",
        ] {
            assert_eq!(unescape_markdown(&escape(plain.to_string())), plain);
        }
    }
}
