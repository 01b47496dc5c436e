//! Record histories as tables (`trialnorm history --to PATH --as parquet|sqlite|csv`): one
//! `versions` row per version asked for, one `changes` row per change between consecutive
//! versions, one `outcome_changes` row per primary-outcome change of the report.
//!
//! The tables are described with [`crate::export::tables`]' types (name, type, doc per
//! column) and written as Parquet files, an SQLite database or CSV files, like `export`'s.
//! Histories are small (a study has tens of versions), so rows are kept until
//! [`HistoryWriter::finish`] writes each table at once.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};

use super::report;
use super::{timeline, StudyHistory};
use crate::export::tables::{Column, Kind, Row, Table, Value};
use crate::export::Target;

const fn col(name: &'static str, kind: Kind, doc: &'static str) -> Column {
    Column { name, kind, doc }
}

const NCT_ID: Column = col("nct_id", Kind::Text, "the study's NCT id");
const VERSION: Column = col(
    "version",
    Kind::Int,
    "the registry's version number, 0 for the version first posted",
);
const DATE: Column = col("date", Kind::Text, "the version's date in the history list");

/// The history tables, in output order.
pub static TABLES: &[Table] = &[
    Table {
        name: "versions",
        doc: "one row per version asked for; a version that could not be had has `error` set and no data",
        columns: &[
            NCT_ID,
            VERSION,
            DATE,
            col("changed_modules", Kind::Text, "modules listed as changed, `|`-separated"),
            col("error", Kind::Text, "why the version could not be had"),
            col("overall_status", Kind::Text, "overall recruitment status"),
            col("start_date", Kind::Text, "study start"),
            col("start_date_type", Kind::Text, "ACTUAL or ESTIMATED"),
            col("primary_completion_date", Kind::Text, "primary completion"),
            col("primary_completion_date_type", Kind::Text, "ACTUAL or ESTIMATED"),
            col("completion_date", Kind::Text, "study completion"),
            col("completion_date_type", Kind::Text, "ACTUAL or ESTIMATED"),
            col("enrollment", Kind::Int, "enrollment count"),
            col("enrollment_type", Kind::Text, "ACTUAL or ESTIMATED"),
            col("primary_outcomes", Kind::Int, "number of primary outcomes"),
            col("secondary_outcomes", Kind::Int, "number of secondary outcomes"),
            col("arms", Kind::Int, "number of arms"),
            col("sites", Kind::Int, "number of sites"),
            col("last_updated", Kind::Text, "last update posted, as the version states"),
        ],
    },
    Table {
        name: "changes",
        doc: "one row per change from a version to the next one had (`diff`, lists matched by identity)",
        columns: &[
            NCT_ID,
            VERSION,
            DATE,
            col("from_version", Kind::Int, "the version compared against"),
            col("path", Kind::Text, "where, as `diff` writes it"),
            col("change", Kind::Text, "added, removed or changed"),
            col("old", Kind::Text, "the value before, as JSON"),
            col("new", Kind::Text, "the value after, as JSON"),
        ],
    },
    Table {
        name: "outcome_changes",
        doc: "one row per primary-outcome change (the `--changes` report)",
        columns: &[
            NCT_ID,
            VERSION,
            DATE,
            col("from_version", Kind::Int, "the version compared against"),
            col("kind", Kind::Text, "ADDED, REMOVED, REWORDED or TIME_FRAME_CHANGED"),
            col("measure_before", Kind::Text, "the measure before"),
            col("time_frame_before", Kind::Text, "its time frame"),
            col("measure_after", Kind::Text, "the measure after"),
            col("time_frame_after", Kind::Text, "its time frame"),
            col("after_start", Kind::Bool, "dated after the start date (null: cannot tell)"),
            col(
                "after_primary_completion",
                Kind::Bool,
                "dated after the primary completion date (null: cannot tell)",
            ),
        ],
    },
];

fn text(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

fn int(n: impl TryInto<i64>) -> Value {
    n.try_into().map_or(Value::Null, Value::Int)
}

/// Module labels, `|`-separated; null when none.
fn modules(labels: &[String]) -> Value {
    if labels.is_empty() {
        Value::Null
    } else {
        Value::Text(labels.join("|"))
    }
}

/// An enum member as its JSON name (`ACTIVE_NOT_RECRUITING`).
fn member<T: serde::Serialize>(v: Option<T>) -> Value {
    match v.map(|v| serde_json::to_value(v)) {
        Some(Ok(serde_json::Value::String(s))) => Value::Text(s),
        _ => Value::Null,
    }
}

/// One study's rows, per table in [`TABLES`] order.
pub fn rows(study: &StudyHistory) -> Vec<Vec<Row>> {
    vec![version_rows(study), change_rows(study), outcome_rows(study)]
}

fn version_rows(study: &StudyHistory) -> Vec<Row> {
    let id = Value::Text(study.nct_id.clone());
    let mut rows: Vec<(u32, Row)> = study
        .versions
        .iter()
        .map(|v| {
            let t = &v.trial;
            let st = &t.status;
            let outcomes = |k| t.outcomes.iter().filter(|o| o.kind == Some(k)).count();
            let row = vec![
                id.clone(),
                int(v.entry.version),
                text(Some(&v.entry.date)),
                modules(&v.entry.module_labels),
                Value::Null,
                member(st.overall),
                text(st.start.date.as_deref()),
                member(st.start.kind),
                text(st.primary_completion.date.as_deref()),
                member(st.primary_completion.kind),
                text(st.completion.date.as_deref()),
                member(st.completion.kind),
                t.enrollment.count.map_or(Value::Null, int),
                member(t.enrollment.kind),
                int(outcomes(crate::model::OutcomeKind::Primary)),
                int(outcomes(crate::model::OutcomeKind::Secondary)),
                int(t.arms.len()),
                int(t.sites.len()),
                text(st.last_updated.as_deref()),
            ];
            (v.entry.version, row)
        })
        .collect();
    for m in &study.missing {
        let mut row = vec![Value::Null; TABLES[0].columns.len()];
        row[0] = id.clone();
        row[1] = int(m.version);
        row[2] = text(m.date.as_deref());
        row[3] = modules(&m.changed_modules);
        row[4] = Value::Text(m.reason.clone());
        rows.push((m.version, row));
    }
    rows.sort_by_key(|(v, _)| *v);
    rows.into_iter().map(|(_, r)| r).collect()
}

fn change_rows(study: &StudyHistory) -> Vec<Row> {
    let json = |v: &Option<serde_json::Value>| text(v.as_ref().map(|v| v.to_string()).as_deref());
    timeline(&study.versions)
        .into_iter()
        .map(|s| {
            vec![
                Value::Text(study.nct_id.clone()),
                int(s.version),
                Value::Text(s.date.clone()),
                int(s.from_version),
                Value::Text(s.change.path.clone()),
                member(Some(s.change.change)),
                json(&s.change.left),
                json(&s.change.right),
            ]
        })
        .collect()
}

fn outcome_rows(study: &StudyHistory) -> Vec<Row> {
    let flag = |b: Option<bool>| b.map_or(Value::Null, Value::Bool);
    report::report(study)
        .primary_outcome_changes
        .into_iter()
        .map(|c| {
            let side = |o: &Option<report::OutcomeText>| match o {
                Some(o) => [text(Some(&o.measure)), text(o.time_frame.as_deref())],
                None => [Value::Null, Value::Null],
            };
            let [measure_before, time_frame_before] = side(&c.before);
            let [measure_after, time_frame_after] = side(&c.after);
            vec![
                Value::Text(study.nct_id.clone()),
                int(c.version),
                Value::Text(c.date.clone()),
                int(c.from_version),
                member(Some(c.kind)),
                measure_before,
                time_frame_before,
                measure_after,
                time_frame_after,
                flag(c.after_start),
                flag(c.after_primary_completion),
            ]
        })
        .collect()
}

/// Collects the rows of many studies and writes the tables at the end.
pub struct HistoryWriter {
    target: Target,
    path: std::path::PathBuf,
    tables: Vec<Vec<Row>>,
}

impl HistoryWriter {
    /// A writer to `path` (a directory for Parquet and CSV, a file for SQLite), checked
    /// writable now so that a bad path fails before any download.
    pub fn create(target: Target, path: &Path) -> anyhow::Result<Self> {
        match target {
            Target::Sqlite => {
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            }
            Target::Parquet | Target::Csv => std::fs::create_dir_all(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
        }
        Ok(HistoryWriter {
            target,
            path: path.to_path_buf(),
            tables: vec![Vec::new(); TABLES.len()],
        })
    }

    /// Adds one study's rows.
    pub fn add(&mut self, study: &StudyHistory) {
        for (all, rows) in self.tables.iter_mut().zip(rows(study)) {
            all.extend(rows);
        }
    }

    /// Writes every table.
    pub fn finish(self) -> anyhow::Result<()> {
        match self.target {
            Target::Parquet => {
                for (table, rows) in TABLES.iter().zip(&self.tables) {
                    write_parquet(table, rows, &self.path)?;
                }
                Ok(())
            }
            Target::Csv => {
                for (table, rows) in TABLES.iter().zip(&self.tables) {
                    write_csv(table, rows, &self.path)?;
                }
                Ok(())
            }
            Target::Sqlite => write_sqlite(&self.tables, &self.path),
        }
    }
}

fn write_parquet(table: &Table, rows: &[Row], dir: &Path) -> anyhow::Result<()> {
    let path = dir.join(format!("{}.parquet", table.name));
    let fields: Vec<Field> = table
        .columns
        .iter()
        .map(|c| {
            let t = match c.kind {
                Kind::Text => DataType::Utf8,
                Kind::Int => DataType::Int64,
                Kind::Real => DataType::Float64,
                Kind::Bool => DataType::Boolean,
            };
            Field::new(c.name, t, true)
        })
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let columns: Vec<ArrayRef> = table
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| array(c.kind, rows.iter().map(|r| &r[i])))
        .collect();
    let file = File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, schema.clone(), None)?;
    writer.write(&RecordBatch::try_new(schema, columns)?)?;
    writer.close()?;
    Ok(())
}

/// One column's values as an Arrow array.
fn array<'a>(kind: Kind, values: impl Iterator<Item = &'a Value>) -> ArrayRef {
    macro_rules! build {
        ($builder:ty, $variant:ident) => {{
            let mut b = <$builder>::new();
            for v in values {
                b.append_option(match v {
                    Value::$variant(x) => Some(x.clone()),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }};
    }
    match kind {
        Kind::Text => build!(StringBuilder, Text),
        Kind::Int => build!(Int64Builder, Int),
        Kind::Real => build!(Float64Builder, Real),
        Kind::Bool => build!(BooleanBuilder, Bool),
    }
}

fn write_csv(table: &Table, rows: &[Row], dir: &Path) -> anyhow::Result<()> {
    let path = dir.join(format!("{}.csv", table.name));
    let mut w = csv::Writer::from_path(&path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    w.write_record(table.columns.iter().map(|c| c.name))?;
    for row in rows {
        w.write_record(row.iter().map(|v| match v {
            Value::Null => String::new(),
            Value::Text(s) => s.clone(),
            Value::Int(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
            Value::Bool(b) => b.to_string(),
        }))?;
    }
    w.flush()?;
    Ok(())
}

fn write_sqlite(tables: &[Vec<Row>], path: &Path) -> anyhow::Result<()> {
    std::fs::remove_file(path).with_context(|| format!("cannot replace {}", path.display()))?;
    let mut conn = rusqlite::Connection::open(path)
        .with_context(|| format!("cannot create {}", path.display()))?;
    let tx = conn.transaction()?;
    for (table, rows) in TABLES.iter().zip(tables) {
        let columns: Vec<String> = table
            .columns
            .iter()
            .map(|c| format!("\"{}\" {}", c.name, c.kind.sql()))
            .collect();
        tx.execute_batch(&format!(
            "CREATE TABLE \"{0}\" ({1}); CREATE INDEX \"{0}_nct_id\" ON \"{0}\" (nct_id, version);",
            table.name,
            columns.join(", ")
        ))?;
        let marks = vec!["?"; table.columns.len()].join(", ");
        let mut insert = tx.prepare(&format!("INSERT INTO \"{}\" VALUES ({marks})", table.name))?;
        for row in rows {
            insert.execute(rusqlite::params_from_iter(row.iter()))?;
        }
    }
    tx.commit()?;
    Ok(())
}
