//! SQLite export: one database file, one table per table described, written in one
//! transaction with prepared statements.

use std::path::Path;

use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use super::columns::{create_table, TableSpec, Value};
use super::{ExportError, Result, Rows, TableWriter};

/// Writes every table into one SQLite database.
pub struct SqliteWriter {
    conn: Connection,
    tables: Vec<TableSpec>,
    inserts: Vec<String>,
}

impl ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Value::Null => ValueRef::Null,
            Value::Text(s) => ValueRef::Text(s.as_bytes()),
            Value::Int(i) => ValueRef::Integer(*i),
            Value::Real(f) => ValueRef::Real(*f),
            Value::Bool(b) => ValueRef::Integer(i64::from(*b)),
        }))
    }
}

impl SqliteWriter {
    /// Creates the database (replacing any file at `path`: [`super::open_with`] checks first
    /// whether it may) and its tables.
    pub fn create(path: &Path, tables: &[TableSpec]) -> Result<Self> {
        if path.exists() {
            std::fs::remove_file(path).map_err(ExportError::io("replace", path))?;
        }
        let conn = Connection::open(path)?;
        // A fresh file written once: no journal to keep, and one transaction for speed.
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")?;
        let mut inserts = Vec::new();
        for table in tables {
            conn.execute_batch(&create_table(table))?;
            let marks = vec!["?"; table.columns.len()].join(", ");
            inserts.push(format!("INSERT INTO \"{}\" VALUES ({marks})", table.name));
        }
        Ok(SqliteWriter {
            conn,
            tables: tables.to_vec(),
            inserts,
        })
    }
}

impl TableWriter for SqliteWriter {
    fn write(&mut self, rows: Rows) -> Result<()> {
        for (sql, rows) in self.inserts.iter().zip(rows.tables) {
            if rows.is_empty() {
                continue;
            }
            let mut stmt = self.conn.prepare_cached(sql)?;
            for row in rows {
                stmt.execute(rusqlite::params_from_iter(row.iter()))?;
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<()> {
        for table in &self.tables {
            for key in ["nct_id", "record"] {
                if table.columns.iter().any(|c| c.name == key) {
                    self.conn.execute_batch(&format!(
                        "CREATE INDEX \"{0}_{key}\" ON \"{0}\" ({key});",
                        table.name
                    ))?;
                }
            }
        }
        self.conn.execute_batch("COMMIT;")?;
        self.conn.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}
