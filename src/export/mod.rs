//! Relational export: records as tables ([`tables`]) written as Parquet files, an SQLite
//! database or CSV files, all from the one row model.

pub mod csv;
pub mod parquet;
pub mod sqlite;
pub mod tables;

use std::path::Path;
use std::str::FromStr;

pub use tables::{Rows, TABLES};

/// An export target format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// One Parquet file per table in a directory.
    Parquet,
    /// One SQLite database file.
    Sqlite,
    /// One CSV file per table in a directory.
    Csv,
}

impl FromStr for Target {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        match s.to_ascii_lowercase().as_str() {
            "parquet" => Ok(Target::Parquet),
            "sqlite" => Ok(Target::Sqlite),
            "csv" => Ok(Target::Csv),
            _ => Err(format!(
                "unknown export format {s:?}; expected parquet, sqlite or csv"
            )),
        }
    }
}

/// Something that takes records' rows and writes tables.
pub trait TableWriter {
    /// Writes one record's rows.
    fn write(&mut self, rows: Rows) -> anyhow::Result<()>;
    /// Flushes everything and closes the files.
    fn finish(self: Box<Self>) -> anyhow::Result<()>;
}

/// Opens a writer for `target` at `path`: a directory for Parquet and CSV (created if
/// missing; existing table files are replaced), a file for SQLite (replaced if it exists).
pub fn open(target: Target, path: &Path) -> anyhow::Result<Box<dyn TableWriter>> {
    Ok(match target {
        Target::Parquet => Box::new(parquet::ParquetWriter::create(path)?),
        Target::Sqlite => Box::new(sqlite::SqliteWriter::create(path)?),
        Target::Csv => Box::new(csv::CsvWriter::create(path)?),
    })
}

/// Creates the directory for a one-file-per-table export.
fn table_dir(path: &Path) -> anyhow::Result<()> {
    use anyhow::Context;
    std::fs::create_dir_all(path).with_context(|| format!("cannot create {}", path.display()))
}
