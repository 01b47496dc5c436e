//! The results tables: a record's posted results (`results`) as rows, named after AACT's
//! results tables where one fits (`result_groups`, `milestones`, `drop_withdrawals`,
//! `baseline_counts`, `baseline_measurements`, `outcome_counts`, `outcome_measurements`,
//! `outcome_analyses`, `reported_events`, `reported_event_totals`), plus `result_outcomes`
//! (AACT's results `outcomes`; this export's `outcomes` is the protocol's list). Every row
//! carries `record` and `nct_id`, so it joins `studies`; groups are named by the source's
//! group id (`group_id`), which joins `result_groups` within a record and part.

use super::columns::{int, real, text, Table, Value};
use super::tables::{count, e, n, nct_id, opt, record, s, txt};
use crate::model::results::{
    AdverseEvent, Affected, Category, Class, Denom, GroupCount, Measurement, OutcomeMeasure,
    Period, Results,
};
use crate::Trial;

fn results(t: &Trial) -> &Results {
    t.results
        .as_ref()
        .expect("a results row comes from a record with results")
}

fn f(v: Option<f64>) -> Value {
    v.map_or(Value::Null, Value::Real)
}

/// The parts of the results that name groups, as `result_groups.part` spells them.
const PARTS: [&str; 4] = [
    "participant_flow",
    "baseline",
    "outcome_measure",
    "adverse_events",
];

/// The keys of the rows of every outcome measure: `add` gives one measure's (the measure,
/// its index, the keys so far).
fn per_outcome<K>(t: &Trial, add: impl Fn(&OutcomeMeasure, usize, &mut Vec<K>)) -> Vec<K> {
    let mut out = Vec::new();
    for (o, m) in (t.results.iter()).flat_map(|r| r.outcome_measures.iter().enumerate()) {
        add(m, o, &mut out);
    }
    out
}

/// A group of one part: the part, the outcome measure (for that part), the group's index.
type GroupKey = (usize, usize, usize);

fn group_keys(t: &Trial) -> Vec<GroupKey> {
    let Some(r) = &t.results else {
        return vec![];
    };
    let mut out = Vec::new();
    let mut add = |part: usize, outcome: usize, n: usize| {
        out.extend((0..n).map(|i| (part, outcome, i)));
    };
    add(
        0,
        0,
        r.participant_flow.as_ref().map_or(0, |f| f.groups.len()),
    );
    add(1, 0, r.baseline.as_ref().map_or(0, |b| b.groups.len()));
    for (o, m) in r.outcome_measures.iter().enumerate() {
        add(2, o, m.groups.len());
    }
    add(
        3,
        0,
        r.adverse_events.as_ref().map_or(0, |a| a.groups.len()),
    );
    out
}

/// The id, title and description of a group by its key.
fn group<'a>(
    t: &'a Trial,
    &(part, o, i): &GroupKey,
) -> (&'a str, &'a Option<String>, &'a Option<String>) {
    let r = results(t);
    let g = match part {
        0 => &r.participant_flow.as_ref().expect("keyed").groups[i],
        1 => &r.baseline.as_ref().expect("keyed").groups[i],
        2 => &r.outcome_measures[o].groups[i],
        _ => {
            let g = &r.adverse_events.as_ref().expect("keyed").groups[i];
            return (&g.id, &g.title, &g.description);
        }
    };
    (&g.id, &g.title, &g.description)
}

pub(super) static RESULT_GROUPS: Table<Trial, GroupKey> = Table {
    name: "result_groups",
    doc: "groups of the posted results, per part (participant flow, baseline, each outcome measure, adverse events)",
    keys: group_keys,
    columns: &[
        record(),
        nct_id(),
        text(
            "part",
            "participant_flow, baseline, outcome_measure or adverse_events",
            |_, k| txt(PARTS[k.0]),
        ),
        int(
            "outcome",
            "`result_outcomes.outcome` of the measure; null for the other parts",
            |_, k| if k.0 == 2 { n(k.1 + 1) } else { Value::Null },
        ),
        text("group_id", "the source's group id (FG000, OG001; legacy XML P1, O2)", |t, k| {
            txt(group(t, k).0)
        }),
        text("title", "group title", |t, k| s(group(t, k).1)),
        text("description", "group description", |t, k| s(group(t, k).2)),
    ],
};

/// A count of the participant flow: period, milestone (or reason), group count.
type FlowKey = (usize, usize, usize);

fn flow_keys(t: &Trial, pick: fn(&Period) -> &[crate::model::results::FlowCount]) -> Vec<FlowKey> {
    let periods = t.results.as_ref().and_then(|r| r.participant_flow.as_ref());
    let mut out = Vec::new();
    for (p, period) in periods.map_or(&[][..], |f| &f.periods).iter().enumerate() {
        for (m, milestone) in pick(period).iter().enumerate() {
            out.extend((0..milestone.counts.len()).map(|c| (p, m, c)));
        }
    }
    out
}

fn period(t: &Trial, p: usize) -> &Period {
    &results(t).participant_flow.as_ref().expect("keyed").periods[p]
}

/// The columns of `milestones` and `drop_withdrawals`, whose rows differ only in the list.
macro_rules! flow_columns {
    ($list:ident, $what:literal) => {
        &[
            record(),
            nct_id(),
            int("period", "1-based number of the period", |_, k| n(k.0 + 1)),
            text(
                "period_title",
                "period title (\"Overall Study\")",
                |t, k| s(&period(t, k.0).title),
            ),
            int("position", "1-based order within the period", |_, k| {
                n(k.1 + 1)
            }),
            text("title", $what, |t, k| s(&period(t, k.0).$list[k.1].kind)),
            text(
                "group_id",
                "`result_groups.group_id` (part participant_flow)",
                |t, k| txt(&period(t, k.0).$list[k.1].counts[k.2].group_id),
            ),
            int("count", "participants (or units) counted", |t, k| {
                count(period(t, k.0).$list[k.1].counts[k.2].value)
            }),
            text(
                "count_raw",
                "the source's count when it is not a whole number",
                |t, k| s(&period(t, k.0).$list[k.1].counts[k.2].raw),
            ),
            text(
                "comment",
                "comment on the count or the milestone",
                |t, k| {
                    let m = &period(t, k.0).$list[k.1];
                    opt(m.counts[k.2].comment.as_ref().or(m.comment.as_ref()))
                },
            ),
        ]
    };
}

pub(super) static MILESTONES: Table<Trial, FlowKey> = Table {
    name: "milestones",
    doc: "participant flow milestones (STARTED, COMPLETED, ...) per period and group",
    keys: |t| flow_keys(t, |p| &p.milestones),
    columns: flow_columns!(
        milestones,
        "the milestone (STARTED, COMPLETED, NOT COMPLETED, ...)"
    ),
};

pub(super) static DROP_WITHDRAWALS: Table<Trial, FlowKey> = Table {
    name: "drop_withdrawals",
    doc: "reasons for leaving the study, per period and group",
    keys: |t| flow_keys(t, |p| &p.drop_withdraws),
    columns: flow_columns!(
        drop_withdraws,
        "the reason (\"Adverse Event\", \"Lost to Follow-up\")"
    ),
};

/// A denominator count: the outcome measure (for `outcome_counts`), denom, count.
type DenomKey = (usize, usize, usize);

fn denom_keys(denoms: &[Denom], outcome: usize, out: &mut Vec<DenomKey>) {
    for (d, denom) in denoms.iter().enumerate() {
        out.extend((0..denom.counts.len()).map(|c| (outcome, d, c)));
    }
}

fn baseline_denom<'a>(t: &'a Trial, k: &DenomKey) -> (&'a Denom, &'a GroupCount) {
    let d = &results(t).baseline.as_ref().expect("keyed").denoms[k.1];
    (d, &d.counts[k.2])
}

fn outcome_denom<'a>(t: &'a Trial, k: &DenomKey) -> (&'a Denom, &'a GroupCount) {
    let d = &results(t).outcome_measures[k.0].denoms[k.1];
    (d, &d.counts[k.2])
}

/// A numbers-analyzed table's columns: the ones given, then the count's, read through `get`
/// (`result_groups.part` of its groups named).
macro_rules! with_counts {
    ($get:ident, $part:literal; $($col:expr),* $(,)?) => {
        &[
            $($col,)*
            text("units", "what is counted (\"Participants\")", |t, k| s(&$get(t, k).0.units)),
            text(
                "group_id",
                concat!("`result_groups.group_id` (part ", $part, ")"),
                |t, k| txt(&$get(t, k).1.group_id),
            ),
            int("count", "the number analyzed", |t, k| count($get(t, k).1.value)),
            text("count_raw", "the source's count when it is not a whole number", |t, k| {
                s(&$get(t, k).1.raw)
            }),
        ]
    };
}

pub(super) static BASELINE_COUNTS: Table<Trial, DenomKey> = Table {
    name: "baseline_counts",
    doc: "numbers analyzed at baseline, per group",
    keys: |t| {
        let mut out = Vec::new();
        if let Some(b) = t.results.as_ref().and_then(|r| r.baseline.as_ref()) {
            denom_keys(&b.denoms, 0, &mut out);
        }
        out
    },
    columns: with_counts!(baseline_denom, "baseline"; record(), nct_id()),
};

pub(super) static OUTCOME_COUNTS: Table<Trial, DenomKey> = Table {
    name: "outcome_counts",
    doc: "numbers analyzed for each outcome measure, per group",
    keys: |t| per_outcome(t, |m, o, out| denom_keys(&m.denoms, o, out)),
    columns: with_counts!(
        outcome_denom, "outcome_measure";
        record(),
        nct_id(),
        int("outcome", "`result_outcomes.outcome`", |_, k| n(k.0 + 1)),
    ),
};

/// A measurement: measure (baseline measure or outcome measure), class, category, value.
type ValueKey = (usize, usize, usize, usize);

fn value_keys(classes: &[Class], measure: usize, out: &mut Vec<ValueKey>) {
    for (c, class) in classes.iter().enumerate() {
        for (g, cat) in class.categories.iter().enumerate() {
            out.extend((0..cat.measurements.len()).map(|i| (measure, c, g, i)));
        }
    }
}

fn baseline_value<'a>(t: &'a Trial, k: &ValueKey) -> (&'a Class, &'a Category, &'a Measurement) {
    value_in(
        &results(t).baseline.as_ref().expect("keyed").measures[k.0].classes,
        k,
    )
}

fn outcome_value<'a>(t: &'a Trial, k: &ValueKey) -> (&'a Class, &'a Category, &'a Measurement) {
    value_in(&results(t).outcome_measures[k.0].classes, k)
}

fn value_in<'a>(classes: &'a [Class], k: &ValueKey) -> (&'a Class, &'a Category, &'a Measurement) {
    let class = &classes[k.1];
    let cat = &class.categories[k.2];
    (class, cat, &cat.measurements[k.3])
}

/// A measurement table's columns: the ones given, then the value's, read through `get`.
macro_rules! with_values {
    ($get:ident; $($col:expr),* $(,)?) => {
        &[
            $($col,)*
            text("class", "class title (a subgroup); null for a simple measure", |t, k| {
                s(&$get(t, k).0.title)
            }),
            text("category", "category title (\"Female\"); null for a simple measure", |t, k| {
                s(&$get(t, k).1.title)
            }),
            text("group_id", "`result_groups.group_id`", |t, k| txt(&$get(t, k).2.group_id)),
            real("value", "the value, in the measure's unit", |t, k| f($get(t, k).2.value)),
            text("value_raw", "the source's value when it is not a number (\"NA\")", |t, k| {
                s(&$get(t, k).2.raw)
            }),
            real("spread", "the spread the dispersion type names", |t, k| {
                f($get(t, k).2.spread)
            }),
            text("spread_raw", "the source's spread when it is not a number", |t, k| {
                s(&$get(t, k).2.spread_raw)
            }),
            real("lower_limit", "lower limit of the range or interval", |t, k| {
                f($get(t, k).2.lower_limit)
            }),
            text("lower_limit_raw", "the source's lower limit when it is not a number", |t, k| {
                s(&$get(t, k).2.lower_limit_raw)
            }),
            real("upper_limit", "upper limit", |t, k| f($get(t, k).2.upper_limit)),
            text("upper_limit_raw", "the source's upper limit when it is not a number", |t, k| {
                s(&$get(t, k).2.upper_limit_raw)
            }),
            text("comment", "comment on the value (often why it is missing)", |t, k| {
                s(&$get(t, k).2.comment)
            }),
        ]
    };
}

fn baseline_measure(t: &Trial, m: usize) -> &crate::model::results::Measure {
    &results(t).baseline.as_ref().expect("keyed").measures[m]
}

pub(super) static BASELINE_MEASUREMENTS: Table<Trial, ValueKey> = Table {
    name: "baseline_measurements",
    doc: "baseline characteristics, one row per value (measure, class, category, group)",
    keys: |t| {
        let mut out = Vec::new();
        if let Some(b) = t.results.as_ref().and_then(|r| r.baseline.as_ref()) {
            for (m, measure) in b.measures.iter().enumerate() {
                value_keys(&measure.classes, m, &mut out);
            }
        }
        out
    },
    columns: with_values!(
        baseline_value;
        record(),
        nct_id(),
        int("measure", "1-based number of the measure", |_, k| n(k.0 + 1)),
        text("title", "measure title (\"Age, Continuous\")", |t, k| {
            s(&baseline_measure(t, k.0).title)
        }),
        text("param_type", "MEAN, MEDIAN, COUNT_OF_PARTICIPANTS, ...", |t, k| {
            e(baseline_measure(t, k.0).param_type.as_ref())
        }),
        text("dispersion_type", "STANDARD_DEVIATION, INTER_QUARTILE_RANGE, ...", |t, k| {
            e(baseline_measure(t, k.0).dispersion_type.as_ref())
        }),
        text("units", "unit of measure, as worded", |t, k| {
            s(&baseline_measure(t, k.0).unit)
        }),
    ),
};

fn outcome(t: &Trial, o: usize) -> &OutcomeMeasure {
    &results(t).outcome_measures[o]
}

pub(super) static RESULT_OUTCOMES: Table<Trial, usize> = Table {
    name: "result_outcomes",
    doc: "outcome measures with posted results",
    keys: |t| (0..t.results.as_ref().map_or(0, |r| r.outcome_measures.len())).collect(),
    columns: &[
        record(),
        nct_id(),
        int(
            "outcome",
            "1-based number of the outcome measure",
            |_, &o| n(o + 1),
        ),
        text("kind", "PRIMARY, SECONDARY, OTHER or POST_HOC", |t, &o| {
            e(outcome(t, o).kind.as_ref())
        }),
        text("title", "title", |t, &o| s(&outcome(t, o).title)),
        text("description", "description", |t, &o| {
            s(&outcome(t, o).description)
        }),
        text("time_frame", "time frame as worded", |t, &o| {
            s(&outcome(t, o).time_frame)
        }),
        text("population_description", "who was analyzed", |t, &o| {
            s(&outcome(t, o).population_description)
        }),
        text("reporting_status", "POSTED or NOT_POSTED", |t, &o| {
            e(outcome(t, o).reporting_status.as_ref())
        }),
        text(
            "param_type",
            "MEAN, MEDIAN, NUMBER, COUNT_OF_PARTICIPANTS, ...",
            |t, &o| e(outcome(t, o).param_type.as_ref()),
        ),
        text(
            "dispersion_type",
            "STANDARD_DEVIATION, CONFIDENCE_95, ...",
            |t, &o| e(outcome(t, o).dispersion_type.as_ref()),
        ),
        text("units", "unit of measure, as worded", |t, &o| {
            s(&outcome(t, o).unit)
        }),
    ],
};

pub(super) static OUTCOME_MEASUREMENTS: Table<Trial, ValueKey> = Table {
    name: "outcome_measurements",
    doc: "outcome measure values, one row per value (outcome, class, category, group)",
    keys: |t| per_outcome(t, |m, o, out| value_keys(&m.classes, o, out)),
    columns: with_values!(
        outcome_value;
        record(),
        nct_id(),
        int("outcome", "`result_outcomes.outcome`", |_, k| n(k.0 + 1)),
    ),
};

fn analysis<'a>(t: &'a Trial, &(o, a): &(usize, usize)) -> &'a crate::model::results::Analysis {
    &results(t).outcome_measures[o].analyses[a]
}

pub(super) static OUTCOME_ANALYSES: Table<Trial, (usize, usize)> = Table {
    name: "outcome_analyses",
    doc: "statistical analyses of the outcome measures",
    keys: |t| {
        per_outcome(t, |m, o, out| {
            out.extend((0..m.analyses.len()).map(|a| (o, a)));
        })
    },
    columns: &[
        record(),
        nct_id(),
        int("outcome", "`result_outcomes.outcome`", |_, k| n(k.0 + 1)),
        int(
            "position",
            "1-based order within the outcome measure",
            |_, k| n(k.1 + 1),
        ),
        text(
            "group_ids",
            "the groups compared, `|`-separated (`OG000|OG001`)",
            |t, k| {
                let ids = &analysis(t, k).group_ids;
                if ids.is_empty() {
                    Value::Null
                } else {
                    Value::Text(ids.join("|"))
                }
            },
        ),
        text(
            "non_inferiority_type",
            "SUPERIORITY, NON_INFERIORITY, ...",
            |t, k| e(analysis(t, k).non_inferiority_type.as_ref()),
        ),
        real(
            "p_value",
            "the p-value, the number after its sign",
            |t, k| f(analysis(t, k).p_value),
        ),
        text("p_value_operator", "=, <, <=, > or >=", |t, k| {
            s(&analysis(t, k).p_value_operator)
        }),
        text(
            "p_value_raw",
            "the source's p-value text (\"<0.001\")",
            |t, k| s(&analysis(t, k).p_value_raw),
        ),
        text("statistical_method", "method, as worded", |t, k| {
            s(&analysis(t, k).statistical_method)
        }),
        text("param_type", "estimated parameter, as worded", |t, k| {
            s(&analysis(t, k).param_type)
        }),
        real("param_value", "the estimate", |t, k| {
            f(analysis(t, k).param_value)
        }),
        real("ci_percent", "confidence level, in percent", |t, k| {
            f(analysis(t, k).ci_percent)
        }),
        text("ci_sides", "ONE_SIDED or TWO_SIDED", |t, k| {
            e(analysis(t, k).ci_sides.as_ref())
        }),
        real("ci_lower", "lower confidence limit", |t, k| {
            f(analysis(t, k).ci_lower)
        }),
        real("ci_upper", "upper confidence limit", |t, k| {
            f(analysis(t, k).ci_upper)
        }),
        text(
            "dispersion_type",
            "STANDARD_DEVIATION or STANDARD_ERROR_OF_MEAN",
            |t, k| e(analysis(t, k).dispersion_type.as_ref()),
        ),
        real("dispersion_value", "the estimate's dispersion", |t, k| {
            f(analysis(t, k).dispersion_value)
        }),
        text("estimate_comment", "comment on the estimate", |t, k| {
            s(&analysis(t, k).estimate_comment)
        }),
    ],
};

/// An adverse-event row: serious (0) or other (1), the term, the group's stats.
type EventKey = (usize, usize, usize);

fn event<'a>(t: &'a Trial, k: &EventKey) -> &'a AdverseEvent {
    let a = results(t).adverse_events.as_ref().expect("keyed");
    if k.0 == 0 {
        &a.serious[k.1]
    } else {
        &a.other[k.1]
    }
}

pub(super) static REPORTED_EVENTS: Table<Trial, EventKey> = Table {
    name: "reported_events",
    doc: "adverse events, one row per term and group",
    keys: |t| {
        let Some(a) = t.results.as_ref().and_then(|r| r.adverse_events.as_ref()) else {
            return vec![];
        };
        let mut out = Vec::new();
        for (kind, list) in [&a.serious, &a.other].into_iter().enumerate() {
            for (i, ev) in list.iter().enumerate() {
                out.extend((0..ev.stats.len()).map(|g| (kind, i, g)));
            }
        }
        out
    },
    columns: &[
        record(),
        nct_id(),
        text("event_type", "serious or other", |_, k| {
            txt(if k.0 == 0 { "serious" } else { "other" })
        }),
        int(
            "position",
            "1-based order of the term within its list",
            |_, k| n(k.1 + 1),
        ),
        text("organ_system", "organ system", |t, k| {
            s(&event(t, k).organ_system)
        }),
        text(
            "adverse_event_term",
            "the term",
            |t, k| s(&event(t, k).term),
        ),
        text("vocab", "vocabulary of the term", |t, k| {
            s(&event(t, k).source_vocabulary)
        }),
        text(
            "assessment",
            "SYSTEMATIC_ASSESSMENT or NON_SYSTEMATIC_ASSESSMENT",
            |t, k| e(event(t, k).assessment_type.as_ref()),
        ),
        text(
            "group_id",
            "`result_groups.group_id` (part adverse_events)",
            |t, k| txt(&event(t, k).stats[k.2].group_id),
        ),
        int("event_count", "number of events, when stated", |t, k| {
            count(event(t, k).stats[k.2].events)
        }),
        int("subjects_affected", "participants affected", |t, k| {
            count(event(t, k).stats[k.2].affected)
        }),
        int("subjects_at_risk", "participants at risk", |t, k| {
            count(event(t, k).stats[k.2].at_risk)
        }),
    ],
};

/// The totals of the adverse-event groups: group, classification (deaths, serious, other).
type TotalKey = (usize, usize);

const CLASSIFICATIONS: [&str; 3] = ["deaths", "serious", "other"];

fn total<'a>(t: &'a Trial, &(g, c): &TotalKey) -> &'a Affected {
    let g = &results(t).adverse_events.as_ref().expect("keyed").groups[g];
    [&g.deaths, &g.serious, &g.other][c]
        .as_ref()
        .expect("keyed")
}

pub(super) static REPORTED_EVENT_TOTALS: Table<Trial, TotalKey> = Table {
    name: "reported_event_totals",
    doc: "participants affected and at risk per adverse-event group: deaths, serious and other events",
    keys: |t| {
        let Some(a) = t.results.as_ref().and_then(|r| r.adverse_events.as_ref()) else {
            return vec![];
        };
        (a.groups.iter().enumerate())
            .flat_map(|(i, g)| {
                [&g.deaths, &g.serious, &g.other]
                    .into_iter()
                    .enumerate()
                    .filter(|(_, v)| v.is_some())
                    .map(move |(c, _)| (i, c))
            })
            .collect()
    },
    columns: &[
        record(),
        nct_id(),
        text("group_id", "`result_groups.group_id` (part adverse_events)", |t, k| {
            txt(&results(t).adverse_events.as_ref().expect("keyed").groups[k.0].id)
        }),
        text("classification", "deaths, serious or other", |_, k| {
            txt(CLASSIFICATIONS[k.1])
        }),
        int("subjects_affected", "participants affected", |t, k| count(total(t, k).affected)),
        int("subjects_at_risk", "participants at risk", |t, k| count(total(t, k).at_risk)),
    ],
};
