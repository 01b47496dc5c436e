//! Parquet export: `<dir>/<table>.parquet`, Snappy-compressed, written in bounded row groups
//! so memory stays flat however many records go through.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::tables::{Kind, Row, Table, Value, TABLES};
use super::{Rows, TableWriter};

/// Rows buffered per table before they become an Arrow batch.
const BATCH_ROWS: usize = 2048;

struct TableFile {
    table: &'static Table,
    writer: ArrowWriter<File>,
    buffer: Vec<Row>,
}

/// Writes one Parquet file per table.
pub struct ParquetWriter {
    files: Vec<TableFile>,
}

impl ParquetWriter {
    /// Creates the directory and every table's file.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        super::table_dir(dir)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(64 * 1024))
            .set_max_row_group_bytes(Some(32 * 1024 * 1024))
            .build();
        let mut files = Vec::new();
        for table in TABLES {
            let schema = arrow_schema(table);
            let path = dir.join(format!("{}.parquet", table.name));
            let file =
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let writer = ArrowWriter::try_new(file, schema, Some(props.clone()))?;
            files.push(TableFile {
                table,
                writer,
                buffer: Vec::new(),
            });
        }
        Ok(ParquetWriter { files })
    }
}

impl TableFile {
    fn flush(&mut self) -> anyhow::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.buffer);
        let batch = record_batch(self.table, &rows)?;
        self.writer.write(&batch)?;
        Ok(())
    }
}

/// The Arrow schema of a table: text `Utf8`, int `Int64`, real `Float64`, bool `Boolean`,
/// every column nullable.
fn arrow_schema(table: &Table) -> SchemaRef {
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
    Arc::new(Schema::new(fields))
}

/// Rows of `table` (from [`super::tables::rows`]) as one Arrow record batch in memory, with
/// the column types of the Parquet files (see `arrow_schema`); no rows give an empty batch
/// that still carries the schema. The Python package builds its `pyarrow` tables from these.
pub fn record_batch(table: &Table, rows: &[Row]) -> Result<RecordBatch, ArrowError> {
    let columns: Vec<ArrayRef> = (0..table.columns.len())
        .map(|i| column(table.columns[i].kind, rows.iter().map(|r| &r[i])))
        .collect();
    RecordBatch::try_new(arrow_schema(table), columns)
}

/// One column's values as an Arrow array; a value of another type than the column's is null
/// (the row builder never makes one).
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
            for v in values {
                b.append_option(match v {
                    Value::Int(i) => Some(*i),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
        Kind::Real => {
            let mut b = Float64Builder::new();
            for v in values {
                b.append_option(match v {
                    Value::Real(f) => Some(*f),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
        Kind::Bool => {
            let mut b = BooleanBuilder::new();
            for v in values {
                b.append_option(match v {
                    Value::Bool(x) => Some(*x),
                    _ => None,
                });
            }
            Arc::new(b.finish())
        }
    }
}

impl TableWriter for ParquetWriter {
    fn write(&mut self, rows: Rows) -> anyhow::Result<()> {
        for (file, rows) in self.files.iter_mut().zip(rows.tables) {
            file.buffer.extend(rows);
            if file.buffer.len() >= BATCH_ROWS {
                file.flush()?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> anyhow::Result<()> {
        for mut file in self.files {
            file.flush()?;
            file.writer.close()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use arrow_array::{Array, StringArray};

    use super::*;
    use crate::export::tables::{index, rows};

    #[test]
    fn a_record_batch_holds_the_rows_and_no_rows_keep_the_schema() {
        let page = std::fs::read("fixtures/seeds/NCT00479934.txt").unwrap();
        let rows = rows(&crate::parse(&page, None).unwrap());
        let studies = &TABLES[index("studies").unwrap()];
        let batch = record_batch(studies, rows.of("studies")).unwrap();
        assert_eq!(batch.num_rows(), 1);
        let ids = batch.column_by_name("nct_id").unwrap();
        let ids = ids.as_any().downcast_ref::<StringArray>().unwrap();
        assert_eq!(ids.value(0), "NCT00479934");
        let sites = &TABLES[index("sites").unwrap()];
        let empty = record_batch(sites, &[]).unwrap();
        assert_eq!(empty.num_rows(), 0);
        let names: Vec<_> = empty
            .schema()
            .fields()
            .iter()
            .map(|f| f.name().clone())
            .collect();
        let want: Vec<_> = sites.columns.iter().map(|c| c.name.to_string()).collect();
        assert_eq!(names, want);
    }
}
