//! Tables as Arrow record batches in memory: what the Parquet writer writes, and what a
//! caller that speaks Arrow (through the Arrow C data interface, say) can take as it is.

use std::sync::Arc;

use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
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
    match kind {
        Kind::Text => {
            let mut b = StringBuilder::new();
            for v in values {
                b.append_option(match v {
                    Value::Text(s) => Some(s.as_str()),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
        Kind::Int => {
            let mut b = Int64Builder::new();
            b.extend(values.map(|v| match v {
                Value::Int(i) => Some(*i),
                _ => None,
            }));
            Arc::new(b.finish())
        }
        Kind::Real => {
            let mut b = Float64Builder::new();
            b.extend(values.map(|v| match v {
                Value::Real(f) => Some(*f),
                _ => None,
            }));
            Arc::new(b.finish())
        }
        Kind::Bool => {
            let mut b = BooleanBuilder::new();
            b.extend(values.map(|v| match v {
                Value::Bool(x) => Some(*x),
                _ => None,
            }));
            Arc::new(b.finish())
        }
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
