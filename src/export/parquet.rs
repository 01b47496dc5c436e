//! Parquet export: `<dir>/<table>.parquet`, Snappy-compressed, written in bounded row groups
//! so memory stays flat however many records go through.

use std::fs::File;
use std::path::Path;

use arrow_schema::SchemaRef;
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::properties::WriterProperties;

use super::arrow::{record_batch, schema};
use super::columns::{Row, TableSpec};
use super::{ExportError, Result, Rows, TableWriter};

/// Rows buffered per table before they become an Arrow batch.
const BATCH_ROWS: usize = 2048;

struct TableFile {
    table: TableSpec,
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
    pub fn create(dir: &Path, tables: &[TableSpec]) -> Result<Self> {
        super::table_dir(dir)?;
        let props = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_max_row_group_row_count(Some(64 * 1024))
            .set_max_row_group_bytes(Some(32 * 1024 * 1024))
            .build();
        let mut files = Vec::new();
        for table in tables {
            let schema = schema(table);
            let path = dir.join(format!("{}.parquet", table.name));
            let file = File::create(&path).map_err(ExportError::io("create", &path))?;
            let writer = ArrowWriter::try_new(file, schema.clone(), Some(props.clone()))?;
            files.push(TableFile {
                table: table.clone(),
                schema,
                writer,
                buffer: Vec::new(),
            });
        }
        Ok(ParquetWriter { files })
    }
}

impl TableFile {
    fn flush(&mut self) -> Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let rows = std::mem::take(&mut self.buffer);
        let batch = record_batch(&self.table, self.schema.clone(), &rows)?;
        self.writer.write(&batch)?;
        Ok(())
    }
}

impl TableWriter for ParquetWriter {
    fn write(&mut self, rows: Rows) -> Result<()> {
        for (file, rows) in self.files.iter_mut().zip(rows.tables) {
            file.buffer.extend(rows);
            if file.buffer.len() >= BATCH_ROWS {
                file.flush()?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<()> {
        for mut file in self.files {
            file.flush()?;
            file.writer.close()?;
        }
        Ok(())
    }
}
