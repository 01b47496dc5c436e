//! SQLite export: one database file, one table per [`TABLES`] entry, written in one
//! transaction with prepared statements.

use std::path::Path;

use anyhow::Context;
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql};

use super::tables::{Value, TABLES};
use super::{Rows, TableWriter};

/// Writes every table into one SQLite database.
pub struct SqliteWriter {
    conn: Connection,
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
    /// Creates the database (replacing any file at `path`) and its tables.
    pub fn create(path: &Path) -> anyhow::Result<Self> {
        if path.exists() {
            std::fs::remove_file(path)
                .with_context(|| format!("cannot replace {}", path.display()))?;
        }
        let conn =
            Connection::open(path).with_context(|| format!("cannot create {}", path.display()))?;
        // A fresh file written once: no journal to keep, and one transaction for speed.
        conn.execute_batch("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; BEGIN;")?;
        let mut inserts = Vec::new();
        for table in TABLES {
            let columns: Vec<String> = table
                .columns
                .iter()
                .map(|c| format!("\"{}\" {}", c.name, c.kind.sql()))
                .collect();
            conn.execute_batch(&format!(
                "CREATE TABLE \"{}\" ({});",
                table.name,
                columns.join(", ")
            ))?;
            let marks = vec!["?"; table.columns.len()].join(", ");
            inserts.push(format!("INSERT INTO \"{}\" VALUES ({marks})", table.name));
        }
        Ok(SqliteWriter { conn, inserts })
    }
}

impl TableWriter for SqliteWriter {
    fn write(&mut self, rows: Rows) -> anyhow::Result<()> {
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

    fn finish(self: Box<Self>) -> anyhow::Result<()> {
        for table in TABLES {
            if table.columns.iter().any(|c| c.name == "nct_id") {
                self.conn.execute_batch(&format!(
                    "CREATE INDEX \"{0}_nct_id\" ON \"{0}\" (nct_id); CREATE INDEX \"{0}_record\" ON \"{0}\" (record);",
                    table.name
                ))?;
            }
        }
        self.conn.execute_batch("COMMIT;")?;
        self.conn.close().map_err(|(_, e)| e)?;
        Ok(())
    }
}
