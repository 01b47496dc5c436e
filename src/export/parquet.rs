//! Parquet export: `<dir>/<table>.parquet`, Snappy-compressed, written in bounded row groups
//! so memory stays flat however many records go through.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use arrow_array::builder::{BooleanBuilder, Float64Builder, Int64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::tables::{Kind, Row, Table, Value, TABLES};
use super::{Rows, TableWriter};

/// Rows buffered per table before they become an Arrow batch.
const BATCH_ROWS: usize = 2048;

struct TableFile {
    table: &'static Table,
    schema: SchemaRef,
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
            let path = dir.join(format!("{}.parquet", table.name));
            let file =
                File::create(&path).with_context(|| format!("cannot create {}", path.display()))?;
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(props.clone()))?;
            files.push(TableFile {
                table,
                schema,
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
        let columns: Vec<ArrayRef> = self
            .table
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| column(c.kind, rows.iter().map(|r| &r[i])))
            .collect();
        let batch = RecordBatch::try_new(self.schema.clone(), columns)?;
        self.writer.write(&batch)?;
        Ok(())
    }
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
