//! Relational export: records as tables ([`tables`], described column by column in
//! [`columns`]) written as Parquet files, an SQLite database or CSV files, or given as Arrow
//! record batches in memory ([`arrow`]); after them, the table of the run's trials
//! ([`same_trial`]: which records are records of one trial).
//!
//! The writers know only [`TableSpec`]s and rows, so any module can add tables: describe
//! them as [`columns::Table`]s, give the writer their specs ([`open_tables`]) and their rows.

pub mod arrow;
pub mod columns;
pub mod csv;
pub mod parquet;
mod results;
pub mod same_trial;
pub mod sqlite;
pub mod tables;

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::LazyLock;

pub use columns::TableSpec;
pub use tables::{Rows, TABLES};

/// Why an export failed.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ExportError {
    /// A file or directory could not be created or replaced.
    #[error("cannot {action} {}", path.display())]
    Io {
        /// What was being done: `create`, `replace`.
        action: &'static str,
        /// The file or directory.
        path: PathBuf,
        /// The operating system's error.
        #[source]
        source: std::io::Error,
    },
    /// Building an Arrow batch failed.
    #[error("building an Arrow batch")]
    Arrow(#[from] arrow_schema::ArrowError),
    /// Writing Parquet failed.
    #[error("writing Parquet")]
    Parquet(#[from] ::parquet::errors::ParquetError),
    /// Writing SQLite failed.
    #[error("writing SQLite")]
    Sqlite(#[from] rusqlite::Error),
    /// Writing CSV failed.
    #[error("writing CSV")]
    Csv(#[from] ::csv::Error),
}

impl ExportError {
    fn io<'a>(action: &'static str, path: &'a Path) -> impl FnOnce(std::io::Error) -> Self + 'a {
        move |source| ExportError::Io {
            action,
            path: path.to_path_buf(),
            source,
        }
    }
}

/// `Result` with [`ExportError`].
pub type Result<T, E = ExportError> = std::result::Result<T, E>;

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

    fn from_str(s: &str) -> std::result::Result<Self, String> {
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

/// Something that takes rows, table by table, and writes tables.
pub trait TableWriter {
    /// Writes rows: `rows.tables[i]` are rows of the writer's `i`-th table.
    fn write(&mut self, rows: Rows) -> Result<()>;
    /// Flushes everything and closes the files.
    fn finish(self: Box<Self>) -> Result<()>;
}

/// Every table `export` writes, in order: the record tables ([`TABLES`]), then
/// [`same_trial::SAME_TRIAL`].
pub fn specs() -> &'static [TableSpec] {
    static SPECS: LazyLock<Vec<TableSpec>> = LazyLock::new(|| {
        let mut all = tables::specs().to_vec();
        all.push(columns::TableOf::spec(&same_trial::SAME_TRIAL));
        all
    });
    &SPECS
}

/// Every table `export` writes and its columns as Markdown, as the README documents them.
pub fn markdown() -> String {
    columns::markdown(specs())
}

/// Opens a writer of every table ([`specs`]) for `target` at `path`: a directory for
/// Parquet and CSV (created if missing; existing table files are replaced), a file for
/// SQLite (replaced if it exists). Give it each record's [`tables::rows`], then the run's
/// [`same_trial::rows`].
pub fn open(target: Target, path: &Path) -> Result<Box<dyn TableWriter>> {
    open_tables(target, path, specs())
}

/// Opens a writer of any tables, as [`open`] does for the record tables.
pub fn open_tables(
    target: Target,
    path: &Path,
    tables: &[TableSpec],
) -> Result<Box<dyn TableWriter>> {
    Ok(match target {
        Target::Parquet => Box::new(parquet::ParquetWriter::create(path, tables)?),
        Target::Sqlite => Box::new(sqlite::SqliteWriter::create(path, tables)?),
        Target::Csv => Box::new(csv::CsvWriter::create(path, tables)?),
    })
}

/// Creates the directory for a one-file-per-table export.
fn table_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(ExportError::io("create", path))
}
