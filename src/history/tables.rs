//! Record histories as tables (`trialnorm history --to PATH --as parquet|sqlite|csv`): one
//! `versions` row per version asked for, one `changes` row per change between consecutive
//! versions, one `outcome_changes` row per primary-outcome change of the report.
//!
//! The tables are described column by column ([`crate::export::columns`]) and written by
//! `export`'s own writers ([`crate::export::open_tables`]), one study at a time.

use std::path::Path;

use super::report::{self, OutcomeChange, OutcomeText};
use super::{timeline, Step, StudyHistory, Version};
use crate::export::columns::{boolean, int, text, Column, Table, TableOf, TableSpec, Value};
use crate::export::tables::e;
use crate::export::{self, Existing, Rows, TableWriter, Target};
use crate::model::{DatedEvent, OutcomeKind};
use crate::normalize::enums::Vocab;

/// A row of `versions`: the index of a version that was had, or of one that was not.
#[derive(Clone, Copy)]
enum VersionRow {
    Had(usize),
    Missing(usize),
}

fn t(s: Option<&str>) -> Value {
    s.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

fn n(n: impl TryInto<i64>) -> Value {
    n.try_into().map_or(Value::Null, Value::Int)
}

/// An enum member as its JSON name (`ACTIVE_NOT_RECRUITING`).
fn member<T: Vocab>(v: Option<T>) -> Value {
    t(v.map(Vocab::name))
}

/// Module labels, `|`-separated; null when none.
fn modules(labels: &[String]) -> Value {
    if labels.is_empty() {
        Value::Null
    } else {
        Value::Text(labels.join("|"))
    }
}

/// A value of a version that was had; null for a missing one.
fn had(s: &StudyHistory, r: &VersionRow, f: impl Fn(&Version) -> Value) -> Value {
    match *r {
        VersionRow::Had(i) => f(&s.versions[i]),
        VersionRow::Missing(_) => Value::Null,
    }
}

fn date(s: &StudyHistory, r: &VersionRow, event: fn(&Version) -> &DatedEvent) -> Value {
    had(s, r, |v| t(event(v).date.as_deref()))
}

fn date_type(s: &StudyHistory, r: &VersionRow, event: fn(&Version) -> &DatedEvent) -> Value {
    had(s, r, |v| member(event(v).kind))
}

fn outcomes(s: &StudyHistory, r: &VersionRow, kind: OutcomeKind) -> Value {
    had(s, r, |v| {
        n(v.trial
            .outcomes
            .iter()
            .filter(|o| o.kind == Some(kind))
            .count())
    })
}

const fn nct_id<K>() -> Column<StudyHistory, K> {
    text("nct_id", "the study's NCT id", |s, _| {
        Value::Text(s.nct_id.clone())
    })
}

/// The versions had and not had, in version order.
fn version_rows(s: &StudyHistory) -> Vec<VersionRow> {
    let mut rows: Vec<(u32, VersionRow)> = (s.versions.iter().enumerate())
        .map(|(i, v)| (v.entry.version, VersionRow::Had(i)))
        .chain((s.missing.iter().enumerate()).map(|(i, m)| (m.version, VersionRow::Missing(i))))
        .collect();
    rows.sort_by_key(|(v, _)| *v);
    rows.into_iter().map(|(_, r)| r).collect()
}

static VERSIONS: Table<StudyHistory, VersionRow> = Table {
    name: "versions",
    doc:
        "one row per version asked for; a version that could not be had has `error` set and no data",
    keys: version_rows,
    columns: &[
        nct_id(),
        int(
            "version",
            "the registry's version number, 0 for the version first posted",
            |s, r| match *r {
                VersionRow::Had(i) => n(s.versions[i].entry.version),
                VersionRow::Missing(i) => n(s.missing[i].version),
            },
        ),
        text(
            "date",
            "the version's date in the history list",
            |s, r| match *r {
                VersionRow::Had(i) => t(Some(&s.versions[i].entry.date)),
                VersionRow::Missing(i) => t(s.missing[i].date.as_deref()),
            },
        ),
        text(
            "changed_modules",
            "modules listed as changed, `|`-separated",
            |s, r| match *r {
                VersionRow::Had(i) => modules(&s.versions[i].entry.module_labels),
                VersionRow::Missing(i) => modules(&s.missing[i].changed_modules),
            },
        ),
        text(
            "error",
            "why the version could not be had",
            |s, r| match *r {
                VersionRow::Had(_) => Value::Null,
                VersionRow::Missing(i) => Value::Text(s.missing[i].reason.clone()),
            },
        ),
        text("overall_status", "overall recruitment status", |s, r| {
            had(s, r, |v| member(v.trial.status.overall))
        }),
        text("start_date", "study start", |s, r| {
            date(s, r, |v| &v.trial.status.start)
        }),
        text("start_date_type", "ACTUAL or ESTIMATED", |s, r| {
            date_type(s, r, |v| &v.trial.status.start)
        }),
        text("primary_completion_date", "primary completion", |s, r| {
            date(s, r, |v| &v.trial.status.primary_completion)
        }),
        text(
            "primary_completion_date_type",
            "ACTUAL or ESTIMATED",
            |s, r| date_type(s, r, |v| &v.trial.status.primary_completion),
        ),
        text("completion_date", "study completion", |s, r| {
            date(s, r, |v| &v.trial.status.completion)
        }),
        text("completion_date_type", "ACTUAL or ESTIMATED", |s, r| {
            date_type(s, r, |v| &v.trial.status.completion)
        }),
        int("enrollment", "enrollment count", |s, r| {
            had(s, r, |v| v.trial.enrollment.count.map_or(Value::Null, n))
        }),
        text("enrollment_type", "ACTUAL or ESTIMATED", |s, r| {
            had(s, r, |v| member(v.trial.enrollment.kind))
        }),
        int("primary_outcomes", "number of primary outcomes", |s, r| {
            outcomes(s, r, OutcomeKind::Primary)
        }),
        int(
            "secondary_outcomes",
            "number of secondary outcomes",
            |s, r| outcomes(s, r, OutcomeKind::Secondary),
        ),
        int("arms", "number of arms", |s, r| {
            had(s, r, |v| n(v.trial.arms.len()))
        }),
        int("sites", "number of sites", |s, r| {
            had(s, r, |v| n(v.trial.sites.len()))
        }),
        text(
            "last_updated",
            "last update posted, as the version states",
            |s, r| had(s, r, |v| t(v.trial.status.last_updated.as_deref())),
        ),
    ],
};

fn json_text(v: &Option<serde_json::Value>) -> Value {
    t(v.as_ref().map(|v| v.to_string()).as_deref())
}

/// The columns of a table of changes (`changes`, `outcome_changes`): the study, the version
/// where the change appears, its date and the version compared against; then the ones given.
macro_rules! change_columns {
    ($($col:expr),* $(,)?) => {
        &[
            nct_id(),
            int("version", "the version where the change appears", |_, c| n(c.version)),
            text("date", "that version's date", |_, c| t(Some(&c.date))),
            int("from_version", "the version compared against", |_, c| n(c.from_version)),
            $($col,)*
        ]
    };
}

static CHANGES: Table<StudyHistory, Step> = Table {
    name: "changes",
    doc:
        "one row per change from a version to the next one had (`diff`, lists matched by identity)",
    keys: |s| timeline(&s.versions),
    columns: change_columns![
        text("path", "where, as `diff` writes it", |_, c| {
            t(Some(&c.change.path))
        }),
        text("change", "added, removed or changed", |_, c| {
            e(Some(&c.change.change))
        }),
        text("old", "the value before, as JSON", |_, c| {
            json_text(&c.change.left)
        }),
        text("new", "the value after, as JSON", |_, c| {
            json_text(&c.change.right)
        }),
    ],
};

fn measure(o: &Option<OutcomeText>) -> Value {
    t(o.as_ref().map(|o| o.measure.as_str()))
}

fn time_frame(o: &Option<OutcomeText>) -> Value {
    t(o.as_ref().and_then(|o| o.time_frame.as_deref()))
}

fn flag(b: Option<bool>) -> Value {
    b.map_or(Value::Null, Value::Bool)
}

static OUTCOME_CHANGES: Table<StudyHistory, OutcomeChange> = Table {
    name: "outcome_changes",
    doc: "one row per primary-outcome change (the `--changes` report)",
    keys: |s| report::report(s).primary_outcome_changes,
    columns: change_columns![
        text(
            "kind",
            "ADDED, REMOVED, REWORDED or TIME_FRAME_CHANGED",
            |_, c| e(Some(&c.kind)),
        ),
        text("measure_before", "the measure before", |_, c| {
            measure(&c.before)
        }),
        text("time_frame_before", "its time frame", |_, c| {
            time_frame(&c.before)
        }),
        text("measure_after", "the measure after", |_, c| {
            measure(&c.after)
        }),
        text("time_frame_after", "its time frame", |_, c| {
            time_frame(&c.after)
        }),
        boolean(
            "after_start",
            "dated after the start date (null: cannot tell)",
            |_, c| flag(c.after_start),
        ),
        boolean(
            "after_primary_completion",
            "dated after the primary completion date (null: cannot tell)",
            |_, c| flag(c.after_primary_completion),
        ),
    ],
};

/// The history tables, in output order.
pub static TABLES: [&dyn TableOf<StudyHistory>; 3] = [&VERSIONS, &CHANGES, &OUTCOME_CHANGES];

/// The history tables as writers see them.
pub fn specs() -> Vec<TableSpec> {
    TABLES.iter().map(|t| t.spec()).collect()
}

/// One study's rows, per table in [`TABLES`] order.
pub fn rows(study: &StudyHistory) -> Rows {
    Rows {
        tables: TABLES.iter().map(|t| t.rows(study)).collect(),
    }
}

/// Writes the history tables study by study through `export`'s writers.
pub struct HistoryWriter {
    writer: Box<dyn TableWriter>,
}

impl HistoryWriter {
    /// A writer to `path` (a directory for Parquet and CSV, a file for SQLite), opened now
    /// so that a bad path, or files there that `existing` does not let it replace, fail
    /// before any download.
    pub fn create(target: Target, path: &Path, existing: Existing) -> export::Result<Self> {
        Ok(HistoryWriter {
            writer: export::open_with(target, path, &specs(), existing)?,
        })
    }

    /// Adds one study's rows.
    pub fn add(&mut self, study: &StudyHistory) -> export::Result<()> {
        self.writer.write(rows(study))
    }

    /// Writes every table and closes the files.
    pub fn finish(self) -> export::Result<()> {
        self.writer.finish()
    }
}
