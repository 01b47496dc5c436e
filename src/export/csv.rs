//! CSV export: `<dir>/<table>.csv`, with a header row; null is an empty field.

use std::fs::File;
use std::path::Path;

use anyhow::Context;

use super::tables::{Value, TABLES};
use super::{Rows, TableWriter};

/// Writes one CSV file per table.
pub struct CsvWriter {
    files: Vec<csv::Writer<File>>,
}

impl CsvWriter {
    /// Creates the directory and every table's file, headers written.
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        super::table_dir(dir)?;
        let mut files = Vec::new();
        for table in TABLES {
            let path = dir.join(format!("{}.csv", table.name));
            let mut w = csv::Writer::from_path(&path)
                .with_context(|| format!("cannot create {}", path.display()))?;
            w.write_record(table.columns.iter().map(|c| c.name))?;
            files.push(w);
        }
        Ok(CsvWriter { files })
    }
}

impl TableWriter for CsvWriter {
    fn write(&mut self, rows: Rows) -> anyhow::Result<()> {
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

    fn finish(self: Box<Self>) -> anyhow::Result<()> {
        for mut w in self.files {
            w.flush()?;
        }
        Ok(())
    }
}
