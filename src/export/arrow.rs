//! Tables as Arrow record batches in memory: what the Parquet writer writes, and what a
//! caller that speaks Arrow (through the Arrow C data interface, say) can take as it is.

use std::sync::Arc;

use arrow_array::{ArrayRef, BooleanArray, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};

use super::columns::{Kind, Row, TableSpec, Value};
use super::{tables, Result};
use crate::Trial;

/// The Arrow schema of a table: every column nullable.
pub fn schema(table: &TableSpec) -> SchemaRef {
    let fields: Vec<Field> = (table.columns.iter())
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
    Arc::new(Schema::new(fields))
}

/// Rows of a table as one record batch of `schema` (the table's [`schema`]).
pub fn record_batch(table: &TableSpec, schema: SchemaRef, rows: &[Row]) -> Result<RecordBatch> {
    let columns: Vec<ArrayRef> = (table.columns.iter().enumerate())
        .map(|(i, c)| column(c.kind, rows.iter().map(|r| &r[i])))
        .collect();
    Ok(RecordBatch::try_new(schema, columns)?)
}

/// The record tables of `trials` (numbered 1, 2, … in `record`), one batch per table in
/// [`tables::TABLES`] order, with the table's name.
pub fn record_batches(trials: &[Trial]) -> Result<Vec<(&'static str, RecordBatch)>> {
    let specs = tables::specs();
    let mut all: Vec<Vec<Row>> = vec![Vec::new(); specs.len()];
    for (i, trial) in trials.iter().enumerate() {
        let mut rows = tables::rows(trial);
        rows.set_record(i as u64 + 1);
        for (table, rows) in all.iter_mut().zip(rows.tables) {
            table.extend(rows);
        }
    }
    (specs.iter().zip(all))
        .map(|(spec, rows)| Ok((spec.name, record_batch(spec, schema(spec), &rows)?)))
        .collect()
}

/// One column's values as an Arrow array; a value of another type than the column's is null
/// (the tables never make one: a test checks).
fn column<'a>(kind: Kind, values: impl Iterator<Item = &'a Value>) -> ArrayRef {
    /// The array of one type from the cells of its variant, every other cell null.
    macro_rules! array {
        ($array:ty, $variant:ident($x:ident) => $get:expr) => {
            Arc::new(
                values
                    .map(|v| match v {
                        Value::$variant($x) => Some($get),
                        _ => None,
                    })
                    .collect::<$array>(),
            )
        };
    }
    match kind {
        Kind::Text => array!(StringArray, Text(s) => s.as_str()),
        Kind::Int => array!(Int64Array, Int(i) => *i),
        Kind::Real => array!(Float64Array, Real(f) => *f),
        Kind::Bool => array!(BooleanArray, Bool(b) => *b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow_array::cast::AsArray;

    #[test]
    fn trials_become_one_batch_per_table() {
        let page = std::fs::read("fixtures/seeds/NCT00479934.txt").unwrap();
        let trial = crate::parse(&page, None).unwrap();
        let batches = record_batches(&[trial.clone(), trial.clone()]).unwrap();
        assert_eq!(batches.len(), tables::TABLES.len());
        let (name, studies) = &batches[0];
        assert_eq!(*name, "studies");
        assert_eq!(studies.num_rows(), 2);
        let record = studies.column_by_name("record").unwrap();
        let record = record.as_primitive::<arrow_array::types::Int64Type>();
        assert_eq!(record.values().to_vec(), [1, 2]);
        let sites = &batches.iter().find(|(n, _)| *n == "sites").unwrap().1;
        assert_eq!(sites.num_rows(), 2 * trial.sites.len());
    }
}
