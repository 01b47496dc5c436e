//! The table-row model every export writer shares: the tables, their typed and documented
//! columns, and one record's rows.
//!
//! Tables follow the spirit of AACT (the relational ClinicalTrials.gov database): one
//! `studies` row per record, and child tables keyed by `nct_id` with a 1-based `position` in
//! source order. Every table also has `record`, the record's 1-based number in the run (its
//! line number in `trialnorm parse` output of the same inputs), because one batch may hold
//! several copies of one study.

use serde::Serialize;

use crate::model::{Contact, Criterion};
use crate::Trial;

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Real,
    /// Boolean.
    Bool,
}

impl Kind {
    /// The SQL name of the type.
    pub fn sql(self) -> &'static str {
        match self {
            Kind::Text => "TEXT",
            Kind::Int => "INTEGER",
            Kind::Real => "REAL",
            Kind::Bool => "BOOLEAN",
        }
    }
}

/// A column: name, type and what it holds.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// Column name.
    pub name: &'static str,
    /// Column type.
    pub kind: Kind,
    /// What the column holds.
    pub doc: &'static str,
}

/// A table: name, what one row is, and its columns.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// Table name (also the file name of the Parquet and CSV exports).
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// The columns, in order.
    pub columns: &'static [Column],
}

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// Text.
    Text(String),
    /// Integer.
    Int(i64),
    /// Float.
    Real(f64),
    /// Boolean.
    Bool(bool),
}

/// A row: one value per column of its table.
pub type Row = Vec<Value>;

const fn text(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Text,
        doc,
    }
}
const fn int(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Int,
        doc,
    }
}
const fn real(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Real,
        doc,
    }
}
const fn boolean(name: &'static str, doc: &'static str) -> Column {
    Column {
        name,
        kind: Kind::Bool,
        doc,
    }
}

const RECORD: Column = int(
    "record",
    "the record's number in the run (its line in `parse` output)",
);
const NCT_ID: Column = text("nct_id", "the study's NCT id");
const POSITION: Column = int("position", "1-based order within the record");

/// Every table, in export order.
pub static TABLES: &[Table] = &[
    Table {
        name: "studies",
        doc: "one row per record",
        columns: &[
            RECORD,
            NCT_ID,
            text("org_study_id", "the sponsor's protocol id"),
            text("registry", "CTGOV or VEEVA"),
            text("format", "input format read"),
            text("url", "link to the record"),
            text("record_date", "date the registry produced this copy"),
            text("parser_version", "trialnorm version"),
            text("brief_title", "brief title"),
            text("official_title", "official title"),
            text("acronym", "acronym"),
            text("overall_status", "overall recruitment status"),
            text("why_stopped", "why the study stopped"),
            text("start_date", "study start"),
            text("start_date_type", "ACTUAL or ESTIMATED"),
            text("primary_completion_date", "primary completion"),
            text("primary_completion_date_type", "ACTUAL or ESTIMATED"),
            text("completion_date", "study completion"),
            text("completion_date_type", "ACTUAL or ESTIMATED"),
            text("first_submitted", "first submitted"),
            text("first_posted", "first posted"),
            text("last_updated", "last update posted"),
            text("verified", "status last verified"),
            text("lead_sponsor", "lead sponsor name"),
            text("lead_sponsor_class", "lead sponsor agency class"),
            text("responsible_party_type", "responsible party type"),
            text("responsible_party_name", "responsible investigator's name"),
            text(
                "responsible_party_title",
                "responsible investigator's title",
            ),
            text(
                "responsible_party_affiliation",
                "responsible investigator's affiliation",
            ),
            text("information_provider", "who provided the information"),
            text("brief_summary", "brief summary"),
            text("detailed_description", "detailed description"),
            text(
                "study_type",
                "INTERVENTIONAL, OBSERVATIONAL or EXPANDED_ACCESS",
            ),
            text("phases", "phases, `|`-separated (`PHASE1|PHASE2`)"),
            text("allocation", "allocation"),
            text("intervention_model", "intervention model"),
            text("observational_model", "observational model"),
            text("time_perspective", "time perspective"),
            text("primary_purpose", "primary purpose"),
            text("masking", "masking level"),
            text("masked_roles", "who is masked, `|`-separated"),
            text("masking_raw", "the source's masking wording"),
            text("endpoint_classification", "legacy endpoint classification"),
            int("enrollment", "enrollment count"),
            text("enrollment_type", "ACTUAL or ESTIMATED"),
            text("sex", "ALL, FEMALE or MALE"),
            real("minimum_age", "lower age bound, in its unit"),
            text("minimum_age_unit", "unit of the lower bound"),
            real("minimum_age_years", "lower age bound in years"),
            real("maximum_age", "upper age bound, in its unit"),
            text("maximum_age_unit", "unit of the upper bound"),
            real("maximum_age_years", "upper age bound in years"),
            text("std_ages", "age groups, `|`-separated"),
            boolean("healthy_volunteers", "healthy volunteers accepted"),
            text("criteria_text", "the whole eligibility criteria text"),
            int("warnings", "number of parser warnings (see `warnings`)"),
        ],
    },
    Table {
        name: "sponsors",
        doc: "lead sponsor and collaborators",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("role", "LEAD or COLLABORATOR"),
            text("name", "organization name"),
            text("class", "agency class"),
        ],
    },
    Table {
        name: "secondary_ids",
        doc: "other ids of the study",
        columns: &[RECORD, NCT_ID, POSITION, text("secondary_id", "the id")],
    },
    Table {
        name: "conditions",
        doc: "conditions studied",
        columns: &[RECORD, NCT_ID, POSITION, text("condition", "the condition")],
    },
    Table {
        name: "keywords",
        doc: "keywords",
        columns: &[RECORD, NCT_ID, POSITION, text("keyword", "the keyword")],
    },
    Table {
        name: "mesh_terms",
        doc: "condition and intervention MeSH terms",
        columns: &[RECORD, NCT_ID, POSITION, text("mesh_term", "the term")],
    },
    Table {
        name: "arms",
        doc: "arms or groups",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("label", "arm label (unique in the record)"),
            text("type", "arm type"),
            text("description", "description"),
        ],
    },
    Table {
        name: "interventions",
        doc: "interventions, one per distinct (type, name)",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("type", "intervention type"),
            text("name", "name (arms refer to it)"),
            text("description", "description"),
            text("other_names", "other names, `|`-separated"),
        ],
    },
    Table {
        name: "arm_interventions",
        doc: "which intervention each arm gives",
        columns: &[
            RECORD,
            NCT_ID,
            text("arm_label", "`arms.label`"),
            text("intervention_name", "`interventions.name`"),
        ],
    },
    Table {
        name: "outcomes",
        doc: "outcome measures",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("kind", "PRIMARY, SECONDARY or OTHER"),
            text("measure", "what is measured"),
            text("description", "description"),
            text("time_frame", "time frame as worded"),
            text(
                "time_points",
                "time points as ISO 8601 durations, `|`-separated (`P6M|P1Y`)",
            ),
            boolean("safety_issue", "legacy designated safety issue"),
        ],
    },
    Table {
        name: "criteria",
        doc: "eligibility criteria, one row per criterion at any depth, in tree order",
        columns: &[
            RECORD,
            NCT_ID,
            int(
                "id",
                "1-based number of the criterion within the record, in tree order",
            ),
            text("kind", "INCLUSION or EXCLUSION"),
            int(
                "depth",
                "0 for a top-level criterion, 1 for its sub-items, ...",
            ),
            int(
                "parent",
                "`id` of the parent criterion; null at the top level",
            ),
            int("position", "1-based order among its siblings"),
            text("text", "the criterion's text"),
        ],
    },
    Table {
        name: "constraints",
        doc: "comparisons stated by criteria (\"hemoglobin < 11 g/dL\")",
        columns: &[
            RECORD,
            NCT_ID,
            int("criterion", "`criteria.id` of the criterion stating it"),
            POSITION,
            text("subject", "what is compared"),
            text("operator", "<, <=, >, >=, = or !="),
            real("value", "the number compared against"),
            text("unit", "unit of the value"),
            text("text", "the span of the criterion text that states it"),
        ],
    },
    Table {
        name: "sites",
        doc: "study sites",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("facility", "facility name"),
            text("status", "recruitment status at the site"),
            text("city", "city"),
            text("state", "state or region"),
            text("zip", "postal code"),
            text("country", "country as given"),
            text("country_code", "ISO 3166-1 alpha-2 code"),
        ],
    },
    Table {
        name: "contacts",
        doc: "central contacts and site contacts",
        columns: &[
            RECORD,
            NCT_ID,
            int(
                "site",
                "`sites.position` of the site; null for a central contact",
            ),
            POSITION,
            text("name", "name"),
            text("role", "role"),
            text("phone", "phone"),
            text("email", "email"),
        ],
    },
    Table {
        name: "officials",
        doc: "overall officials",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("name", "name"),
            text("role", "role"),
            text("affiliation", "affiliation"),
        ],
    },
    Table {
        name: "references",
        doc: "publications and other references",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("citation", "citation"),
            text("pmid", "PubMed id"),
            text("type", "BACKGROUND, RESULT or DERIVED"),
        ],
    },
    Table {
        name: "warnings",
        doc: "what the parser could not map",
        columns: &[
            RECORD,
            NCT_ID,
            POSITION,
            text("code", "warning code"),
            text("message", "what happened"),
            text("path", "field concerned"),
        ],
    },
];

/// The index of a table in [`TABLES`].
pub fn index(name: &str) -> Option<usize> {
    TABLES.iter().position(|t| t.name == name)
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

fn s(v: &Option<String>) -> Value {
    v.as_ref().map_or(Value::Null, |s| Value::Text(s.clone()))
}

fn t(v: &str) -> Value {
    Value::Text(v.to_string())
}

/// An enum member as its JSON name (`ACTIVE_NOT_RECRUITING`).
fn e<T: Serialize>(v: Option<&T>) -> Value {
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

fn n(v: usize) -> Value {
    Value::Int(v as i64)
}

/// Builds one record's rows (with `record` left as null until [`Rows::set_record`]).
pub fn rows(trial: &Trial) -> Rows {
    let mut out = Rows {
        tables: vec![Vec::new(); TABLES.len()],
    };
    let id = s(&trial.ids.nct_id);
    let mut push = |table: &str, mut cells: Vec<Value>| {
        let i = index(table).expect("a known table");
        cells.insert(0, Value::Null);
        cells.insert(1, id.clone());
        debug_assert_eq!(cells.len(), TABLES[i].columns.len(), "{table}");
        out.tables[i].push(cells);
    };
    let st = &trial.status;
    let sp = &trial.sponsors;
    let rp = sp.responsible_party.as_ref();
    let d = &trial.design;
    let el = &trial.eligibility;
    let age = |a: &Option<crate::model::Age>| match a {
        Some(a) => [Value::Real(a.value), e(Some(&a.unit)), Value::Real(a.years)],
        None => [Value::Null, Value::Null, Value::Null],
    };
    let [min, min_unit, min_years] = age(&el.minimum_age);
    let [max, max_unit, max_years] = age(&el.maximum_age);
    push(
        "studies",
        vec![
            s(&trial.ids.org_study_id),
            e(trial.source.registry.as_ref()),
            e(trial.source.format.as_ref()),
            s(&trial.source.url),
            s(&trial.source.record_date),
            t(&trial.source.parser_version),
            s(&trial.titles.brief),
            s(&trial.titles.official),
            s(&trial.titles.acronym),
            e(st.overall.as_ref()),
            s(&st.why_stopped),
            s(&st.start.date),
            e(st.start.kind.as_ref()),
            s(&st.primary_completion.date),
            e(st.primary_completion.kind.as_ref()),
            s(&st.completion.date),
            e(st.completion.kind.as_ref()),
            s(&st.first_submitted),
            s(&st.first_posted),
            s(&st.last_updated),
            s(&st.verified),
            s(&sp.lead.as_ref().and_then(|l| l.name.clone())),
            e(sp.lead.as_ref().and_then(|l| l.class.as_ref())),
            e(rp.and_then(|r| r.kind.as_ref())),
            s(&rp.and_then(|r| r.name.clone())),
            s(&rp.and_then(|r| r.title.clone())),
            s(&rp.and_then(|r| r.affiliation.clone())),
            s(&sp.information_provider),
            s(&trial.description.brief_summary),
            s(&trial.description.detailed_description),
            e(d.study_type.as_ref()),
            joined(&d.phases),
            e(d.allocation.as_ref()),
            e(d.intervention_model.as_ref()),
            e(d.observational_model.as_ref()),
            e(d.time_perspective.as_ref()),
            e(d.primary_purpose.as_ref()),
            e(d.masking.level.as_ref()),
            joined(&d.masking.who),
            s(&d.masking.raw),
            s(&d.endpoint_classification),
            trial
                .enrollment
                .count
                .map_or(Value::Null, |c| Value::Int(c.min(i64::MAX as u64) as i64)),
            e(trial.enrollment.kind.as_ref()),
            e(el.sex.as_ref()),
            min,
            min_unit,
            min_years,
            max,
            max_unit,
            max_years,
            joined(&el.std_ages),
            el.healthy_volunteers.map_or(Value::Null, Value::Bool),
            s(&el.criteria_text),
            n(trial.warnings.len()),
        ],
    );
    let lead = sp.lead.iter().map(|o| ("LEAD", o));
    let collaborators = sp.collaborators.iter().map(|o| ("COLLABORATOR", o));
    for (i, (role, o)) in lead.chain(collaborators).enumerate() {
        push(
            "sponsors",
            vec![n(i + 1), t(role), s(&o.name), e(o.class.as_ref())],
        );
    }
    let lists = [
        ("secondary_ids", &trial.ids.secondary_ids),
        ("conditions", &trial.conditions),
        ("keywords", &trial.keywords),
        ("mesh_terms", &trial.mesh_terms),
    ];
    for (table, items) in lists {
        for (i, item) in items.iter().enumerate() {
            push(table, vec![n(i + 1), t(item)]);
        }
    }
    for (i, a) in trial.arms.iter().enumerate() {
        push(
            "arms",
            vec![n(i + 1), t(&a.label), e(a.kind.as_ref()), s(&a.description)],
        );
        for name in &a.intervention_names {
            push("arm_interventions", vec![t(&a.label), t(name)]);
        }
    }
    for (i, iv) in trial.interventions.iter().enumerate() {
        push(
            "interventions",
            vec![
                n(i + 1),
                e(iv.kind.as_ref()),
                t(&iv.name),
                s(&iv.description),
                joined(&iv.other_names),
            ],
        );
    }
    for (i, o) in trial.outcomes.iter().enumerate() {
        push(
            "outcomes",
            vec![
                n(i + 1),
                e(o.kind.as_ref()),
                t(&o.measure),
                s(&o.description),
                s(&o.time_frame),
                joined(&o.time_points),
                o.safety_issue.map_or(Value::Null, Value::Bool),
            ],
        );
    }
    let mut next_id = 0;
    let mut criteria = Vec::new();
    for (kind, list) in [("INCLUSION", &el.inclusion), ("EXCLUSION", &el.exclusion)] {
        flatten(kind, list, 0, None, &mut next_id, &mut criteria);
    }
    for (row, constraints) in criteria {
        let criterion = row[0].clone();
        push("criteria", row);
        for (i, c) in constraints.iter().enumerate() {
            push(
                "constraints",
                vec![
                    criterion.clone(),
                    n(i + 1),
                    t(&c.subject),
                    e(Some(&c.operator)),
                    Value::Real(c.value),
                    s(&c.unit),
                    t(&c.text),
                ],
            );
        }
    }
    for (i, site) in trial.sites.iter().enumerate() {
        push(
            "sites",
            vec![
                n(i + 1),
                s(&site.facility),
                e(site.status.as_ref()),
                s(&site.city),
                s(&site.state),
                s(&site.zip),
                s(&site.country),
                s(&site.country_code),
            ],
        );
    }
    let central = trial.contacts.central.iter().map(|c| (Value::Null, c));
    let at_sites = trial
        .sites
        .iter()
        .enumerate()
        .flat_map(|(i, site)| site.contacts.iter().map(move |c| (n(i + 1), c)));
    let mut position = 0;
    let mut last_site = Value::Int(-1);
    for (site, c) in central.chain(at_sites) {
        // Positions count within each site (and within the central contacts).
        if site != last_site {
            position = 0;
            last_site = site.clone();
        }
        position += 1;
        push("contacts", contact_row(site, position, c));
    }
    for (i, o) in trial.contacts.officials.iter().enumerate() {
        push(
            "officials",
            vec![n(i + 1), s(&o.name), e(o.role.as_ref()), s(&o.affiliation)],
        );
    }
    for (i, r) in trial.references.iter().enumerate() {
        push(
            "references",
            vec![n(i + 1), s(&r.citation), s(&r.pmid), e(r.kind.as_ref())],
        );
    }
    for (i, w) in trial.warnings.iter().enumerate() {
        push(
            "warnings",
            vec![n(i + 1), t(w.code.as_str()), t(&w.message), s(&w.path)],
        );
    }
    out
}

fn contact_row(site: Value, position: usize, c: &Contact) -> Vec<Value> {
    vec![
        site,
        n(position),
        s(&c.name),
        e(c.role.as_ref()),
        s(&c.phone),
        s(&c.email),
    ]
}

/// A criteria row without `record` and `nct_id`, with the criterion's constraints.
type CriterionRow<'a> = (Vec<Value>, &'a [crate::model::Constraint]);

/// Criteria in tree order (a criterion, then its sub-items), numbering each.
fn flatten<'a>(
    kind: &str,
    list: &'a [Criterion],
    depth: usize,
    parent: Option<usize>,
    next_id: &mut usize,
    out: &mut Vec<CriterionRow<'a>>,
) {
    for (i, c) in list.iter().enumerate() {
        *next_id += 1;
        let id = *next_id;
        out.push((
            vec![
                n(id),
                t(kind),
                n(depth),
                parent.map_or(Value::Null, n),
                n(i + 1),
                t(&c.text),
            ],
            &c.constraints,
        ));
        // Depth is bounded by the criteria reader's nesting cap, so this recursion is too.
        flatten(kind, &c.children, depth + 1, Some(id), next_id, out);
    }
}

/// The tables and their columns as Markdown, as the README documents them.
pub fn markdown() -> String {
    let mut md = String::new();
    for table in TABLES {
        md.push_str(&format!("#### `{}`: {}\n\n", table.name, table.doc));
        md.push_str("| column | type | holds |\n| --- | --- | --- |\n");
        for c in table.columns {
            md.push_str(&format!(
                "| `{}` | {} | {} |\n",
                c.name,
                c.kind.sql(),
                c.doc
            ));
        }
        md.push('\n');
    }
    md
}

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
        for (table, rows) in TABLES.iter().zip(&rows.tables) {
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
