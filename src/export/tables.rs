//! The record tables: what one [`Trial`] gives to each table, described column by column
//! ([`columns`](super::columns)), and one record's rows.
//!
//! Tables follow the spirit of AACT (the relational ClinicalTrials.gov database): one
//! `studies` row per record, and child tables keyed by `nct_id` with a 1-based `position` in
//! source order. Every table's first column is `record`, the record's 1-based number in the
//! run (its line number in `trialnorm parse` output of the same inputs), because one batch
//! may hold several copies of one study; it is set once the number is known
//! ([`Rows::set_record`]).

use std::sync::LazyLock;

use serde::Serialize;

use super::columns::{boolean, int, real, text, Column, Row, Table, TableOf, TableSpec, Value};
use super::results;
use crate::model::{Age, Criterion, Organization};
use crate::Trial;

/// Every record table, in export order.
pub static TABLES: &[&dyn TableOf<Trial>] = &[
    &STUDIES,
    &SPONSORS,
    &SECONDARY_IDS,
    &REGISTRY_IDS,
    &CONDITIONS,
    &KEYWORDS,
    &MESH_TERMS,
    &ARMS,
    &INTERVENTIONS,
    &ARM_INTERVENTIONS,
    &OUTCOMES,
    &CRITERIA,
    &CONSTRAINTS,
    &SITES,
    &CONTACTS,
    &OFFICIALS,
    &REFERENCES,
    &results::RESULT_GROUPS,
    &results::MILESTONES,
    &results::DROP_WITHDRAWALS,
    &results::BASELINE_COUNTS,
    &results::BASELINE_MEASUREMENTS,
    &results::RESULT_OUTCOMES,
    &results::OUTCOME_COUNTS,
    &results::OUTCOME_MEASUREMENTS,
    &results::OUTCOME_ANALYSES,
    &results::REPORTED_EVENTS,
    &results::REPORTED_EVENT_TOTALS,
    &WARNINGS,
];

/// The record tables as writers see them, in [`TABLES`] order.
pub fn specs() -> &'static [TableSpec] {
    static SPECS: LazyLock<Vec<TableSpec>> =
        LazyLock::new(|| TABLES.iter().map(|t| t.spec()).collect());
    &SPECS
}

/// The index of a table in [`TABLES`].
pub fn index(name: &str) -> Option<usize> {
    specs().iter().position(|t| t.name == name)
}

/// One record's rows, per table in [`TABLES`] order.
#[derive(Debug, Clone, PartialEq)]
pub struct Rows {
    /// `tables[i]` holds the rows of `TABLES[i]`.
    pub tables: Vec<Vec<Row>>,
}

impl Rows {
    /// Sets the `record` column (always first) of every row; the number is only known in
    /// input order, after the parallel part.
    pub fn set_record(&mut self, record: u64) {
        for row in self.tables.iter_mut().flatten() {
            row[0] = Value::Int(record as i64);
        }
    }

    /// The rows of the named table.
    pub fn of(&self, name: &str) -> &[Row] {
        index(name).map_or(&[], |i| &self.tables[i])
    }
}

/// Builds one record's rows (with `record` left as null until [`Rows::set_record`]).
pub fn rows(trial: &Trial) -> Rows {
    Rows {
        tables: TABLES.iter().map(|t| t.rows(trial)).collect(),
    }
}

/// The tables and their columns as Markdown, as the README documents them.
pub fn markdown() -> String {
    super::columns::markdown(specs())
}

pub(super) fn s(v: &Option<String>) -> Value {
    opt(v.as_ref())
}

pub(super) fn opt(v: Option<&String>) -> Value {
    v.map_or(Value::Null, |s| Value::Text(s.clone()))
}

pub(super) fn txt(v: &str) -> Value {
    Value::Text(v.to_string())
}

fn b(v: Option<bool>) -> Value {
    v.map_or(Value::Null, Value::Bool)
}

pub(super) fn n(v: usize) -> Value {
    Value::Int(v as i64)
}

/// A count, capped at the largest integer a cell holds.
pub(super) fn count(v: Option<u64>) -> Value {
    v.map_or(Value::Null, |c| Value::Int(c.min(i64::MAX as u64) as i64))
}

/// An enum member (or any value serialized as a string) as its JSON name
/// (`ACTIVE_NOT_RECRUITING`).
pub(crate) fn e<T: Serialize>(v: Option<&T>) -> Value {
    match v.map(serde_json::to_value) {
        Some(Ok(serde_json::Value::String(s))) => Value::Text(s),
        _ => Value::Null,
    }
}

/// A list of enum members or strings as one `|`-separated cell; null when empty.
fn joined<T: Serialize>(items: &[T]) -> Value {
    if items.is_empty() {
        return Value::Null;
    }
    let parts: Vec<String> = items
        .iter()
        .filter_map(|i| match serde_json::to_value(i) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        })
        .collect();
    Value::Text(parts.join("|"))
}

fn age_value(a: &Option<Age>) -> Value {
    a.as_ref().map_or(Value::Null, |a| Value::Real(a.value))
}

fn age_unit(a: &Option<Age>) -> Value {
    e(a.as_ref().map(|a| &a.unit))
}

fn age_years(a: &Option<Age>) -> Value {
    a.as_ref().map_or(Value::Null, |a| Value::Real(a.years))
}

/// `record`: set by [`Rows::set_record`].
pub(super) const fn record<K>() -> Column<Trial, K> {
    int(
        "record",
        "the record's number in the run (its line in `parse` output)",
        |_, _| Value::Null,
    )
}

pub(super) const fn nct_id<K>() -> Column<Trial, K> {
    text("nct_id", "the study's NCT id", |t, _| s(&t.ids.nct_id))
}

/// `position` of a row keyed by its index in a list.
const fn position() -> Column<Trial, usize> {
    int("position", "1-based order within the record", |_, &i| {
        n(i + 1)
    })
}

/// The indices of a list.
fn indices<T>(list: &[T]) -> Vec<usize> {
    (0..list.len()).collect()
}

static STUDIES: Table<Trial, ()> = Table {
    name: "studies",
    doc: "one row per record",
    keys: |_| vec![()],
    columns: &[
        record(),
        nct_id(),
        text("org_study_id", "the sponsor's protocol id", |t, _| {
            s(&t.ids.org_study_id)
        }),
        text(
            "registry",
            "CTGOV, VEEVA, WHO_ICTRP, EUCTR, CTIS or ISRCTN: the registry whose record this is",
            |t, _| e(t.source.registry.as_ref()),
        ),
        text("format", "input format read", |t, _| {
            e(t.source.format.as_ref())
        }),
        text("url", "link to the record", |t, _| s(&t.source.url)),
        text(
            "record_date",
            "date the registry produced this copy",
            |t, _| s(&t.source.record_date),
        ),
        text("parser_version", "trialnorm version", |t, _| {
            txt(&t.source.parser_version)
        }),
        text("brief_title", "brief title", |t, _| s(&t.titles.brief)),
        text("official_title", "official title", |t, _| {
            s(&t.titles.official)
        }),
        text("acronym", "acronym", |t, _| s(&t.titles.acronym)),
        text("overall_status", "overall recruitment status", |t, _| {
            e(t.status.overall.as_ref())
        }),
        text("why_stopped", "why the study stopped", |t, _| {
            s(&t.status.why_stopped)
        }),
        text("start_date", "study start", |t, _| s(&t.status.start.date)),
        text("start_date_type", "ACTUAL or ESTIMATED", |t, _| {
            e(t.status.start.kind.as_ref())
        }),
        text("primary_completion_date", "primary completion", |t, _| {
            s(&t.status.primary_completion.date)
        }),
        text(
            "primary_completion_date_type",
            "ACTUAL or ESTIMATED",
            |t, _| e(t.status.primary_completion.kind.as_ref()),
        ),
        text("completion_date", "study completion", |t, _| {
            s(&t.status.completion.date)
        }),
        text("completion_date_type", "ACTUAL or ESTIMATED", |t, _| {
            e(t.status.completion.kind.as_ref())
        }),
        text("first_submitted", "first submitted", |t, _| {
            s(&t.status.first_submitted)
        }),
        text("first_posted", "first posted", |t, _| {
            s(&t.status.first_posted)
        }),
        text("last_updated", "last update posted", |t, _| {
            s(&t.status.last_updated)
        }),
        text("verified", "status last verified", |t, _| {
            s(&t.status.verified)
        }),
        text("lead_sponsor", "lead sponsor name", |t, _| {
            opt(t.sponsors.lead.as_ref().and_then(|l| l.name.as_ref()))
        }),
        text("lead_sponsor_class", "lead sponsor agency class", |t, _| {
            e(t.sponsors.lead.as_ref().and_then(|l| l.class.as_ref()))
        }),
        text(
            "responsible_party_type",
            "responsible party type",
            |t, _| {
                e(t.sponsors
                    .responsible_party
                    .as_ref()
                    .and_then(|r| r.kind.as_ref()))
            },
        ),
        text(
            "responsible_party_name",
            "responsible investigator's name",
            |t, _| {
                opt(t
                    .sponsors
                    .responsible_party
                    .as_ref()
                    .and_then(|r| r.name.as_ref()))
            },
        ),
        text(
            "responsible_party_title",
            "responsible investigator's title",
            |t, _| {
                opt(t
                    .sponsors
                    .responsible_party
                    .as_ref()
                    .and_then(|r| r.title.as_ref()))
            },
        ),
        text(
            "responsible_party_affiliation",
            "responsible investigator's affiliation",
            |t, _| {
                opt(t
                    .sponsors
                    .responsible_party
                    .as_ref()
                    .and_then(|r| r.affiliation.as_ref()))
            },
        ),
        text(
            "information_provider",
            "who provided the information",
            |t, _| s(&t.sponsors.information_provider),
        ),
        text("brief_summary", "brief summary", |t, _| {
            s(&t.description.brief_summary)
        }),
        text("detailed_description", "detailed description", |t, _| {
            s(&t.description.detailed_description)
        }),
        text(
            "study_type",
            "INTERVENTIONAL, OBSERVATIONAL or EXPANDED_ACCESS",
            |t, _| e(t.design.study_type.as_ref()),
        ),
        text(
            "phases",
            "phases, `|`-separated (`PHASE1|PHASE2`)",
            |t, _| joined(&t.design.phases),
        ),
        text("allocation", "allocation", |t, _| {
            e(t.design.allocation.as_ref())
        }),
        text("intervention_model", "intervention model", |t, _| {
            e(t.design.intervention_model.as_ref())
        }),
        text("observational_model", "observational model", |t, _| {
            e(t.design.observational_model.as_ref())
        }),
        text("time_perspective", "time perspective", |t, _| {
            e(t.design.time_perspective.as_ref())
        }),
        text("primary_purpose", "primary purpose", |t, _| {
            e(t.design.primary_purpose.as_ref())
        }),
        text("masking", "masking level", |t, _| {
            e(t.design.masking.level.as_ref())
        }),
        text("masked_roles", "who is masked, `|`-separated", |t, _| {
            joined(&t.design.masking.who)
        }),
        text("masking_raw", "the source's masking wording", |t, _| {
            s(&t.design.masking.raw)
        }),
        text(
            "endpoint_classification",
            "legacy endpoint classification",
            |t, _| s(&t.design.endpoint_classification),
        ),
        int("enrollment", "enrollment count", |t, _| {
            count(t.enrollment.count)
        }),
        text("enrollment_type", "ACTUAL or ESTIMATED", |t, _| {
            e(t.enrollment.kind.as_ref())
        }),
        text("sex", "ALL, FEMALE or MALE", |t, _| {
            e(t.eligibility.sex.as_ref())
        }),
        real("minimum_age", "lower age bound, in its unit", |t, _| {
            age_value(&t.eligibility.minimum_age)
        }),
        text("minimum_age_unit", "unit of the lower bound", |t, _| {
            age_unit(&t.eligibility.minimum_age)
        }),
        real("minimum_age_years", "lower age bound in years", |t, _| {
            age_years(&t.eligibility.minimum_age)
        }),
        real("maximum_age", "upper age bound, in its unit", |t, _| {
            age_value(&t.eligibility.maximum_age)
        }),
        text("maximum_age_unit", "unit of the upper bound", |t, _| {
            age_unit(&t.eligibility.maximum_age)
        }),
        real("maximum_age_years", "upper age bound in years", |t, _| {
            age_years(&t.eligibility.maximum_age)
        }),
        text("std_ages", "age groups, `|`-separated", |t, _| {
            joined(&t.eligibility.std_ages)
        }),
        boolean(
            "healthy_volunteers",
            "healthy volunteers accepted",
            |t, _| b(t.eligibility.healthy_volunteers),
        ),
        text(
            "criteria_text",
            "the whole eligibility criteria text",
            |t, _| s(&t.eligibility.criteria_text),
        ),
        int(
            "warnings",
            "number of parser warnings (see `warnings`)",
            |t, _| n(t.warnings.len()),
        ),
    ],
};

/// The lead sponsor (first, when there is one) and the collaborators, by position.
fn sponsor(t: &Trial, i: usize) -> (&'static str, &Organization) {
    match (&t.sponsors.lead, i) {
        (Some(lead), 0) => ("LEAD", lead),
        (Some(_), i) => ("COLLABORATOR", &t.sponsors.collaborators[i - 1]),
        (None, i) => ("COLLABORATOR", &t.sponsors.collaborators[i]),
    }
}

static SPONSORS: Table<Trial, usize> = Table {
    name: "sponsors",
    doc: "lead sponsor and collaborators",
    keys: |t| {
        (0..usize::from(t.sponsors.lead.is_some()) + t.sponsors.collaborators.len()).collect()
    },
    columns: &[
        record(),
        nct_id(),
        position(),
        text("role", "LEAD or COLLABORATOR", |t, &i| txt(sponsor(t, i).0)),
        text("name", "organization name", |t, &i| {
            s(&sponsor(t, i).1.name)
        }),
        text("class", "agency class", |t, &i| {
            e(sponsor(t, i).1.class.as_ref())
        }),
    ],
};

/// A table of one of the record's lists of text: a row per item, its `position` and the
/// item in `$column`.
macro_rules! text_list {
    ($name:literal, $doc:literal, $($list:ident).+, $column:literal, $what:literal) => {
        Table {
            name: $name,
            doc: $doc,
            keys: |t| indices(&t.$($list).+),
            columns: &[
                record(),
                nct_id(),
                position(),
                text($column, $what, |t, &i| txt(&t.$($list).+[i])),
            ],
        }
    };
}

static SECONDARY_IDS: Table<Trial, usize> = text_list!(
    "secondary_ids",
    "other ids of the study",
    ids.secondary_ids,
    "secondary_id",
    "the id"
);

/// Every trial number the record states, by registry: the only key of a record with no NCT id
/// (a WHO, EU or ISRCTN record of a trial not registered at ClinicalTrials.gov).
static REGISTRY_IDS: Table<Trial, usize> = Table {
    name: "registry_ids",
    doc: "the trial's numbers in the registries (`ids.registry_ids`): the record's own first, then those it states",
    keys: |t| indices(&t.ids.registry_ids),
    columns: &[
        record(),
        nct_id(),
        position(),
        text(
            "registry",
            "the registry that issued the number (CTGOV, EUDRACT, EUCT, ISRCTN, DRKS, …)",
            |t, &i| e(Some(&t.ids.registry_ids[i].registry)),
        ),
        text(
            "registry_id",
            "the number, normalized (NCT00479934, 2021-002179-21, DRKS00032447)",
            |t, &i| txt(&t.ids.registry_ids[i].id),
        ),
    ],
};

static CONDITIONS: Table<Trial, usize> = text_list!(
    "conditions",
    "conditions studied",
    conditions,
    "condition",
    "the condition"
);

static KEYWORDS: Table<Trial, usize> =
    text_list!("keywords", "keywords", keywords, "keyword", "the keyword");

static MESH_TERMS: Table<Trial, usize> = text_list!(
    "mesh_terms",
    "condition and intervention MeSH terms",
    mesh_terms,
    "mesh_term",
    "the term"
);

static ARMS: Table<Trial, usize> = Table {
    name: "arms",
    doc: "arms or groups",
    keys: |t| indices(&t.arms),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("label", "arm label (unique in the record)", |t, &i| {
            txt(&t.arms[i].label)
        }),
        text("type", "arm type", |t, &i| e(t.arms[i].kind.as_ref())),
        text("description", "description", |t, &i| {
            s(&t.arms[i].description)
        }),
    ],
};

static ARM_INTERVENTIONS: Table<Trial, (usize, usize)> = Table {
    name: "arm_interventions",
    doc: "which intervention each arm gives",
    keys: |t| {
        (t.arms.iter().enumerate())
            .flat_map(|(a, arm)| (0..arm.intervention_names.len()).map(move |i| (a, i)))
            .collect()
    },
    columns: &[
        record(),
        nct_id(),
        text("arm_label", "`arms.label`", |t, &(a, _)| {
            txt(&t.arms[a].label)
        }),
        text("intervention_name", "`interventions.name`", |t, &(a, i)| {
            txt(&t.arms[a].intervention_names[i])
        }),
    ],
};

static INTERVENTIONS: Table<Trial, usize> = Table {
    name: "interventions",
    doc: "interventions, one per distinct (type, name)",
    keys: |t| indices(&t.interventions),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("type", "intervention type", |t, &i| {
            e(t.interventions[i].kind.as_ref())
        }),
        text("name", "name (arms refer to it)", |t, &i| {
            txt(&t.interventions[i].name)
        }),
        text("description", "description", |t, &i| {
            s(&t.interventions[i].description)
        }),
        text("other_names", "other names, `|`-separated", |t, &i| {
            joined(&t.interventions[i].other_names)
        }),
    ],
};

static OUTCOMES: Table<Trial, usize> = Table {
    name: "outcomes",
    doc: "outcome measures",
    keys: |t| indices(&t.outcomes),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("kind", "PRIMARY, SECONDARY or OTHER", |t, &i| {
            e(t.outcomes[i].kind.as_ref())
        }),
        text("measure", "what is measured", |t, &i| {
            txt(&t.outcomes[i].measure)
        }),
        text("description", "description", |t, &i| {
            s(&t.outcomes[i].description)
        }),
        text("time_frame", "time frame as worded", |t, &i| {
            s(&t.outcomes[i].time_frame)
        }),
        text(
            "time_points",
            "time points as ISO 8601 durations, `|`-separated (`P6M|P1Y`)",
            |t, &i| joined(&t.outcomes[i].time_points),
        ),
        boolean("safety_issue", "legacy designated safety issue", |t, &i| {
            b(t.outcomes[i].safety_issue)
        }),
    ],
};

/// A criterion's place: its number in the record (tree order), list, depth, parent, and
/// the path of indices that leads to it.
#[derive(Debug, Clone)]
struct CriterionKey {
    id: usize,
    exclusion: bool,
    depth: usize,
    parent: Option<usize>,
    path: Vec<usize>,
}

impl CriterionKey {
    fn get<'a>(&self, t: &'a Trial) -> &'a Criterion {
        let el = &t.eligibility;
        let mut list = if self.exclusion {
            &el.exclusion
        } else {
            &el.inclusion
        };
        let mut c = &list[self.path[0]];
        for &i in &self.path[1..] {
            list = &c.children;
            c = &list[i];
        }
        c
    }
}

/// Every criterion of a record in tree order (a criterion, then its sub-items).
fn criteria(t: &Trial) -> Vec<CriterionKey> {
    let mut out = Vec::new();
    let el = &t.eligibility;
    for (exclusion, list) in [(false, &el.inclusion), (true, &el.exclusion)] {
        walk(list, exclusion, None, &mut Vec::new(), &mut out);
    }
    out
}

fn walk(
    list: &[Criterion],
    exclusion: bool,
    parent: Option<usize>,
    path: &mut Vec<usize>,
    out: &mut Vec<CriterionKey>,
) {
    for (i, c) in list.iter().enumerate() {
        path.push(i);
        let id = out.len() + 1;
        out.push(CriterionKey {
            id,
            exclusion,
            depth: path.len() - 1,
            parent,
            path: path.clone(),
        });
        // Depth is bounded by the criteria reader's nesting cap, so this recursion is too.
        walk(&c.children, exclusion, Some(id), path, out);
        path.pop();
    }
}

static CRITERIA: Table<Trial, CriterionKey> = Table {
    name: "criteria",
    doc: "eligibility criteria, one row per criterion at any depth, in tree order",
    keys: criteria,
    columns: &[
        record(),
        nct_id(),
        int(
            "id",
            "1-based number of the criterion within the record, in tree order",
            |_, k| n(k.id),
        ),
        text("kind", "INCLUSION or EXCLUSION", |_, k| {
            txt(if k.exclusion {
                "EXCLUSION"
            } else {
                "INCLUSION"
            })
        }),
        int(
            "depth",
            "0 for a top-level criterion, 1 for its sub-items, ...",
            |_, k| n(k.depth),
        ),
        int(
            "parent",
            "`id` of the parent criterion; null at the top level",
            |_, k| k.parent.map_or(Value::Null, n),
        ),
        int("position", "1-based order among its siblings", |_, k| {
            n(k.path[k.path.len() - 1] + 1)
        }),
        text("text", "the criterion's text", |t, k| txt(&k.get(t).text)),
    ],
};

static CONSTRAINTS: Table<Trial, (CriterionKey, usize)> = Table {
    name: "constraints",
    doc: "comparisons stated by criteria (\"hemoglobin < 11 g/dL\")",
    keys: |t| {
        (criteria(t).into_iter())
            .flat_map(|k| (0..k.get(t).constraints.len()).map(move |i| (k.clone(), i)))
            .collect()
    },
    columns: &[
        record(),
        nct_id(),
        int("criterion", "`criteria.id` of the criterion stating it", |_, (k, _)| n(k.id)),
        int("position", "1-based order within the record", |_, &(_, i)| n(i + 1)),
        text("subject", "what is compared", |t, (k, i)| txt(&k.get(t).constraints[*i].subject)),
        text("operator", "<, <=, >, >=, = or !=", |t, (k, i)| {
            e(Some(&k.get(t).constraints[*i].operator))
        }),
        real("value", "the number compared against", |t, (k, i)| {
            Value::Real(k.get(t).constraints[*i].value)
        }),
        text("unit", "unit of the value (UCUM)", |t, (k, i)| s(&k.get(t).constraints[*i].unit)),
        text("text", "the span of the criterion text that states it", |t, (k, i)| {
            txt(&k.get(t).constraints[*i].text)
        }),
        text("key", "normalized subject (`hemoglobin`, `age`, ...)", |t, (k, i)| {
            e(k.get(t).constraints[*i].key.as_ref())
        }),
        text(
            "multiple_of",
            "`ULN` or `LLN` when the value is a multiple of a normal limit, `predicted` for a percentage of the predicted value",
            |t, (k, i)| e(k.get(t).constraints[*i].multiple_of.as_ref()),
        ),
        real("out_of", "top of the scale a score is stated on", |t, (k, i)| {
            k.get(t).constraints[*i].out_of.map_or(Value::Null, Value::Real)
        }),
        boolean(
            "time_window",
            "the value is a length of time around an event",
            |t, (k, i)| Value::Bool(k.get(t).constraints[*i].time_window),
        ),
    ],
};

static SITES: Table<Trial, usize> = Table {
    name: "sites",
    doc: "study sites",
    keys: |t| indices(&t.sites),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("facility", "facility name", |t, &i| s(&t.sites[i].facility)),
        text("status", "recruitment status at the site", |t, &i| {
            e(t.sites[i].status.as_ref())
        }),
        text("city", "city", |t, &i| s(&t.sites[i].city)),
        text("state", "state or region", |t, &i| s(&t.sites[i].state)),
        text("zip", "postal code", |t, &i| s(&t.sites[i].zip)),
        text(
            "country",
            "country as given",
            |t, &i| s(&t.sites[i].country),
        ),
        text("country_code", "ISO 3166-1 alpha-2 code", |t, &i| {
            s(&t.sites[i].country_code)
        }),
    ],
};

/// A contact: central (no site) or of the site at that index, and its index in its list.
fn contact<'a>(t: &'a Trial, &(site, i): &(Option<usize>, usize)) -> &'a crate::model::Contact {
    match site {
        None => &t.contacts.central[i],
        Some(s) => &t.sites[s].contacts[i],
    }
}

static CONTACTS: Table<Trial, (Option<usize>, usize)> = Table {
    name: "contacts",
    doc: "central contacts and site contacts",
    keys: |t| {
        let central = (0..t.contacts.central.len()).map(|i| (None, i));
        let at_sites = (t.sites.iter().enumerate())
            .flat_map(|(s, site)| (0..site.contacts.len()).map(move |i| (Some(s), i)));
        central.chain(at_sites).collect()
    },
    columns: &[
        record(),
        nct_id(),
        int(
            "site",
            "`sites.position` of the site; null for a central contact",
            |_, &(site, _)| site.map_or(Value::Null, |s| n(s + 1)),
        ),
        // Positions count within each site (and within the central contacts).
        int(
            "position",
            "1-based order within the record",
            |_, &(_, i)| n(i + 1),
        ),
        text("name", "name", |t, k| s(&contact(t, k).name)),
        text("role", "role", |t, k| e(contact(t, k).role.as_ref())),
        text("phone", "phone", |t, k| s(&contact(t, k).phone)),
        text("email", "email", |t, k| s(&contact(t, k).email)),
    ],
};

static OFFICIALS: Table<Trial, usize> = Table {
    name: "officials",
    doc: "overall officials",
    keys: |t| indices(&t.contacts.officials),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("name", "name", |t, &i| s(&t.contacts.officials[i].name)),
        text("role", "role", |t, &i| {
            e(t.contacts.officials[i].role.as_ref())
        }),
        text("affiliation", "affiliation", |t, &i| {
            s(&t.contacts.officials[i].affiliation)
        }),
    ],
};

static REFERENCES: Table<Trial, usize> = Table {
    name: "references",
    doc: "publications and other references",
    keys: |t| indices(&t.references),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("citation", "citation", |t, &i| s(&t.references[i].citation)),
        text("pmid", "PubMed id", |t, &i| s(&t.references[i].pmid)),
        text("type", "BACKGROUND, RESULT or DERIVED", |t, &i| {
            e(t.references[i].kind.as_ref())
        }),
    ],
};

static WARNINGS: Table<Trial, usize> = Table {
    name: "warnings",
    doc: "what the parser could not map",
    keys: |t| indices(&t.warnings),
    columns: &[
        record(),
        nct_id(),
        position(),
        text("code", "warning code", |t, &i| {
            txt(t.warnings[i].code.as_str())
        }),
        text("message", "what happened", |t, &i| {
            txt(&t.warnings[i].message)
        }),
        text("path", "field concerned", |t, &i| s(&t.warnings[i].path)),
    ],
};

#[cfg(test)]
mod tests {
    use super::*;

    fn classic() -> Trial {
        crate::parse(
            &std::fs::read("fixtures/seeds/NCT00479934.txt").unwrap(),
            None,
        )
        .unwrap()
    }

    fn count(list: &[Criterion]) -> usize {
        list.iter().map(|c| 1 + count(&c.children)).sum()
    }

    #[test]
    fn every_row_fits_its_table_and_counts_match_the_record() {
        let trial = classic();
        let mut rows = rows(&trial);
        rows.set_record(7);
        for (table, rows) in specs().iter().zip(&rows.tables) {
            for row in rows {
                assert_eq!(row.len(), table.columns.len(), "{}", table.name);
                assert_eq!(row[0], Value::Int(7));
                assert_eq!(row[1], Value::Text("NCT00479934".into()));
            }
        }
        assert_eq!(rows.of("studies").len(), 1);
        assert_eq!(rows.of("conditions").len(), trial.conditions.len());
        assert_eq!(rows.of("arms").len(), trial.arms.len());
        assert_eq!(rows.of("sites").len(), trial.sites.len());
        let el = &trial.eligibility;
        let criteria = rows.of("criteria");
        assert_eq!(criteria.len(), count(&el.inclusion) + count(&el.exclusion));
        assert!(!criteria.is_empty());
        // The first criterion is the first inclusion criterion, at the top level.
        assert_eq!(criteria[0][3], Value::Text("INCLUSION".into()));
        assert_eq!(criteria[0][5], Value::Null);
        assert_eq!(criteria[0][7], Value::Text(el.inclusion[0].text.clone()));
    }

    #[test]
    fn children_point_at_their_parent() {
        let leaf = |t: &str| Criterion {
            text: t.into(),
            ..Criterion::default()
        };
        let mut trial = Trial::default();
        trial.eligibility.inclusion = vec![
            Criterion {
                text: "a".into(),
                children: vec![leaf("a1"), leaf("a2")],
                constraints: vec![],
            },
            leaf("b"),
        ];
        trial.eligibility.exclusion = vec![leaf("x")];
        let rows = rows(&trial);
        let got: Vec<(Value, Value, Value, Value, Value)> = rows
            .of("criteria")
            .iter()
            .map(|r| {
                (
                    r[2].clone(),
                    r[4].clone(),
                    r[5].clone(),
                    r[6].clone(),
                    r[7].clone(),
                )
            })
            .collect();
        use Value::*;
        assert_eq!(
            got,
            [
                (Int(1), Int(0), Null, Int(1), Text("a".into())),
                (Int(2), Int(1), Int(1), Int(1), Text("a1".into())),
                (Int(3), Int(1), Int(1), Int(2), Text("a2".into())),
                (Int(4), Int(0), Null, Int(2), Text("b".into())),
                (Int(5), Int(0), Null, Int(1), Text("x".into())),
            ]
        );
    }

    /// Every value of every fixture's rows has its column's type, so the writers (which
    /// write a value of another type as null) lose nothing.
    #[test]
    fn every_value_has_its_columns_type() {
        let mut checked = 0;
        for dir in [
            "fixtures/seeds",
            "fixtures/ctgov-xml",
            "fixtures/ctgov-api-v2",
        ] {
            for entry in std::fs::read_dir(dir).unwrap() {
                let bytes = std::fs::read(entry.unwrap().path()).unwrap();
                for trial in crate::parse_all(&bytes, None)
                    .unwrap()
                    .into_iter()
                    .flatten()
                {
                    let mut rows = rows(&trial);
                    rows.set_record(1);
                    for (table, rows) in specs().iter().zip(&rows.tables) {
                        for row in rows {
                            for (c, v) in table.columns.iter().zip(row) {
                                assert!(v.fits(c.kind), "{}.{}: {v:?}", table.name, c.name);
                                checked += usize::from(*v != Value::Null);
                            }
                        }
                    }
                }
            }
        }
        assert!(checked > 1000, "{checked}");
    }

    #[test]
    fn the_readme_documents_every_table_and_column() {
        let readme = std::fs::read_to_string("README.md").unwrap();
        let md = markdown();
        if !readme.contains(md.trim_end()) {
            std::fs::write("target/tables.md", &md).unwrap();
            panic!("README.md's ## Tables section is stale: paste target/tables.md into it");
        }
    }
}
