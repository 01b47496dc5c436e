//! `tables()`: the export's relational tables as `pyarrow.Table`s, built as Arrow record
//! batches in Rust and handed over through the Arrow C data interface (no copy through JSON
//! or Python objects).

use std::sync::Arc;

use arrow_array::{ArrayRef, RecordBatch, StringArray};
use arrow_pyarrow::IntoPyArrow;
use arrow_schema::{ArrowError, DataType, Field, Schema};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use trialnorm::batch::{self, ErrorRecord, Outcome};
use trialnorm::export::arrow::{record_batch, schema};
use trialnorm::export::columns::Row;
use trialnorm::export::tables::{rows, specs, Rows};

use crate::args::{batch_options, input_names, Errors, ALL_ERRORS};
use crate::errors::parse_error;

/// Rows buffered per table before they become an Arrow batch.
const BATCH_ROWS: usize = 4096;

/// The name of the extra table of failures that `errors="collect"` adds.
const ERRORS_TABLE: &str = "errors";

/// The tables being built: finished batches and the rows not yet in one, per table.
struct Builder {
    batches: Vec<Vec<RecordBatch>>,
    buffers: Vec<Vec<Row>>,
    records: u64,
}

impl Builder {
    fn new() -> Self {
        Builder {
            batches: specs().iter().map(|_| Vec::new()).collect(),
            buffers: specs().iter().map(|_| Vec::new()).collect(),
            records: 0,
        }
    }

    /// Adds one record's rows, numbered in input order as `trialnorm export` numbers them.
    fn add(&mut self, mut rows: Rows) -> Result<(), trialnorm::export::ExportError> {
        self.records += 1;
        rows.set_record(self.records);
        for (i, rows) in rows.tables.into_iter().enumerate() {
            self.buffers[i].extend(rows);
            if self.buffers[i].len() >= BATCH_ROWS {
                self.flush(i)?;
            }
        }
        Ok(())
    }

    fn flush(&mut self, i: usize) -> Result<(), trialnorm::export::ExportError> {
        let rows = std::mem::take(&mut self.buffers[i]);
        // An empty table still gets one (empty) batch: it carries the schema.
        if !rows.is_empty() || self.batches[i].is_empty() {
            let spec = &specs()[i];
            self.batches[i].push(record_batch(spec, schema(spec), &rows)?);
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Vec<Vec<RecordBatch>>, trialnorm::export::ExportError> {
        for i in 0..specs().len() {
            self.flush(i)?;
        }
        Ok(self.batches)
    }
}

/// Why a run gave no tables.
enum Stop {
    /// A record failed under `errors="raise"`.
    Failed(ErrorRecord),
    /// The run itself failed.
    Run(String),
}

/// Runs the batch (called without the GIL): every table's batches and the failures kept.
fn build(
    names: &[String],
    options: &batch::Options,
    mode: Errors,
) -> Result<(Vec<Vec<RecordBatch>>, Vec<ErrorRecord>), Stop> {
    let mut builder = Builder::new();
    let mut failures = Vec::new();
    let mut raised = None;
    let run = batch::run(
        names,
        options,
        |trial| Ok(rows(&trial)),
        |outcome| match outcome {
            Outcome::Parsed { value, .. } => Ok(builder.add(value)?),
            Outcome::Failed(e) => match mode {
                Errors::Collect => {
                    failures.push(e);
                    Ok(())
                }
                Errors::Ignore => Ok(()),
                Errors::Raise => {
                    raised = Some(e);
                    anyhow::bail!("a record failed")
                }
            },
        },
    );
    if let Some(e) = raised {
        return Err(Stop::Failed(e));
    }
    run.map_err(|e| Stop::Run(e.to_string()))?;
    let batches = builder.finish().map_err(|e| Stop::Run(e.to_string()))?;
    Ok((batches, failures))
}

/// The failures as a table: `input`, `position`, `format`, `reason` (as `ParseError`'s
/// attributes).
fn errors_batch(failures: &[ErrorRecord]) -> Result<RecordBatch, ArrowError> {
    let text = |name: &str| Field::new(name, DataType::Utf8, true);
    let schema = Schema::new(vec![
        text("input"),
        text("position"),
        text("format"),
        text("reason"),
    ]);
    let column = |f: &dyn Fn(&ErrorRecord) -> Option<&str>| -> ArrayRef {
        Arc::new(failures.iter().map(f).collect::<StringArray>())
    };
    RecordBatch::try_new(
        Arc::new(schema),
        vec![
            column(&|e| Some(&e.input)),
            column(&|e| e.position.as_deref()),
            column(&|e| e.format.map(|f| f.name())),
            column(&|e| Some(&e.reason)),
        ],
    )
}

fn to_pyarrow<'py>(py: Python<'py>, batches: Vec<RecordBatch>) -> PyResult<Bound<'py, PyAny>> {
    let schema = batches[0].schema();
    let table = arrow_pyarrow::Table::try_new(batches, schema)
        .map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    table.into_pyarrow(py)
}

/// Reads every record of `inputs` (as `read` does) into the relational tables of
/// `trialnorm export`, and returns them as a dict of table name to `pyarrow.Table`, in the
/// export's order: `studies` (one row per record), then `sponsors`, `secondary_ids`, `registry_ids`,
/// `conditions`, ..., `sites`, `contacts`, ..., `warnings`. Every table has `record`, the
/// record's 1-based number in this run (the n-th record `read` would yield), and `nct_id`;
/// child tables join `studies` on both. The columns are those of the Parquet export
/// (README, "Tables"): text, 64-bit integers, floats and booleans, every column nullable.
///
/// The tables are built as Arrow arrays in Rust and handed over through the Arrow C data
/// interface, without the GIL while reading. `duckdb.sql("select ... from studies")` reads
/// them where they are; `polars.from_arrow` takes them as they are.
///
/// `errors` as in `read`: `"collect"` (default) adds an `errors` table with one row per
/// failure (`input`, `position`, `format`, `reason`); `"raise"` raises `ParseError` at the
/// first failure and gives no tables; `"ignore"` leaves failures out.
#[pyfunction]
#[pyo3(signature = (inputs, jobs = None, errors = "collect", format = None))]
pub fn tables<'py>(
    py: Python<'py>,
    inputs: &Bound<'py, PyAny>,
    jobs: Option<usize>,
    errors: &str,
    format: Option<&str>,
) -> PyResult<Bound<'py, PyDict>> {
    let mode = Errors::of(errors, ALL_ERRORS)?;
    let options = batch_options(jobs, format)?;
    let names = input_names(inputs)?;
    let (batches, failures) = match py.detach(|| build(&names, &options, mode)) {
        Ok(built) => built,
        Err(Stop::Failed(e)) => return Err(parse_error(py, &e)),
        Err(Stop::Run(reason)) => {
            return Err(PyRuntimeError::new_err(format!(
                "the batch stopped: {reason}"
            )))
        }
    };
    let out = PyDict::new(py);
    for (table, batches) in specs().iter().zip(batches) {
        out.set_item(table.name, to_pyarrow(py, batches)?)?;
    }
    if mode == Errors::Collect {
        let batch = errors_batch(&failures).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
        out.set_item(ERRORS_TABLE, to_pyarrow(py, vec![batch])?)?;
    }
    Ok(out)
}
