//! CSV export: `<dir>/<table>.csv`, with a header row; null is an empty field.

use std::fs::File;
use std::path::Path;

use super::columns::{TableSpec, Value};
use super::{ExportError, Result, Rows, TableWriter};

/// Writes one CSV file per table.
pub struct CsvWriter {
    files: Vec<csv::Writer<File>>,
}

impl CsvWriter {
    /// Creates the directory and every table's file, headers written.
    pub fn create(dir: &Path, tables: &[TableSpec]) -> Result<Self> {
        super::table_dir(dir)?;
        let mut files = Vec::new();
        for table in tables {
            let path = dir.join(format!("{}.csv", table.name));
            let file = File::create(&path).map_err(ExportError::io("create", &path))?;
            let mut w = csv::Writer::from_writer(file);
            w.write_record(table.columns.iter().map(|c| c.name))?;
            files.push(w);
        }
        Ok(CsvWriter { files })
    }
}

impl TableWriter for CsvWriter {
    fn write(&mut self, rows: Rows) -> Result<()> {
        for (w, rows) in self.files.iter_mut().zip(rows.tables) {
            for row in rows {
                w.write_record(row.iter().map(|v| match v {
                    Value::Null => String::new(),
                    Value::Text(s) => s.clone(),
                    Value::Int(i) => i.to_string(),
                    Value::Real(f) => f.to_string(),
                    Value::Bool(b) => b.to_string(),
                }))?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<()> {
        for mut w in self.files {
            w.flush().map_err(|e| ExportError::Csv(e.into()))?;
        }
        Ok(())
    }
}
