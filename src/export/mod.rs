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
    /// Files the export would write already exist and are not empty, and replacing them was
    /// not asked for ([`Existing::Refuse`]).
    #[error("{}", exists_message(.0))]
    Exists(Vec<PathBuf>),
    /// A one-file-per-table export (CSV, Parquet) was given a path that is a file: its
    /// `--to` is a directory.
    #[error(
        "{} is a file, but {target} tables are written to a directory, one file per table \
         (a directory is made if missing; sqlite writes one file)",
        path.display()
    )]
    NotADirectory {
        /// The path given.
        path: PathBuf,
        /// The target's name: `csv`, `parquet`.
        target: &'static str,
    },
}

/// "FILE exists and is not empty", or for a directory's table files, how many and which.
fn exists_message(paths: &[PathBuf]) -> String {
    match paths {
        [one] => format!("{} exists and is not empty: not replaced", one.display()),
        _ => {
            let dir = paths[0].parent().unwrap_or(Path::new("."));
            let names: Vec<String> = paths
                .iter()
                .take(3)
                .filter_map(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()))
                .collect();
            let more = if paths.len() > 3 { ", …" } else { "" };
            format!(
                "{} holds {} table files that are not empty ({}{more}): not replaced",
                dir.display(),
                paths.len(),
                names.join(", ")
            )
        }
    }
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

/// What an export does with files already where it writes: the SQLite file, or the table
/// files (`<table>.csv`, `<table>.parquet`) in the directory. Other files are never touched,
/// and an empty file is written as if new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Existing {
    /// Fails with [`ExportError::Exists`], before writing anything, when any of them holds
    /// data (a text file, another application's database, an earlier export).
    #[default]
    Refuse,
    /// Replaces them (the command line's `--force`).
    Replace,
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
/// Parquet and CSV (created if missing), a file for SQLite; existing files that are not
/// empty are refused ([`Existing::Refuse`]). Give it each record's [`tables::rows`], then
/// the run's [`same_trial::rows`].
pub fn open(target: Target, path: &Path) -> Result<Box<dyn TableWriter>> {
    open_tables(target, path, specs())
}

/// Opens a writer of any tables, as [`open`] does for the record tables.
pub fn open_tables(
    target: Target,
    path: &Path,
    tables: &[TableSpec],
) -> Result<Box<dyn TableWriter>> {
    open_with(target, path, tables, Existing::Refuse)
}

/// Opens a writer of `tables`, doing with files already there what `existing` says.
pub fn open_with(
    target: Target,
    path: &Path,
    tables: &[TableSpec],
    existing: Existing,
) -> Result<Box<dyn TableWriter>> {
    let per_table = match target {
        Target::Parquet => Some("parquet"),
        Target::Csv => Some("csv"),
        Target::Sqlite => None,
    };
    if let Some(name) = per_table {
        if std::fs::metadata(path).is_ok_and(|m| !m.is_dir()) {
            return Err(ExportError::NotADirectory {
                path: path.to_path_buf(),
                target: name,
            });
        }
    }
    if existing == Existing::Refuse {
        let taken: Vec<PathBuf> = files(target, path, tables)
            .into_iter()
            .filter(|f| std::fs::metadata(f).is_ok_and(|m| m.is_dir() || m.len() > 0))
            .collect();
        if !taken.is_empty() {
            return Err(ExportError::Exists(taken));
        }
    }
    Ok(match target {
        Target::Parquet => Box::new(parquet::ParquetWriter::create(path, tables)?),
        Target::Sqlite => Box::new(sqlite::SqliteWriter::create(path, tables)?),
        Target::Csv => Box::new(csv::CsvWriter::create(path, tables)?),
    })
}

/// The files an export writes: the database, or one file per table in the directory.
fn files(target: Target, path: &Path, tables: &[TableSpec]) -> Vec<PathBuf> {
    let ext = match target {
        Target::Sqlite => return vec![path.to_path_buf()],
        Target::Parquet => "parquet",
        Target::Csv => "csv",
    };
    (tables.iter())
        .map(|t| path.join(format!("{}.{ext}", t.name)))
        .collect()
}

/// Creates the directory for a one-file-per-table export.
fn table_dir(path: &Path) -> Result<()> {
    std::fs::create_dir_all(path).map_err(ExportError::io("create", path))
}
