//! Self-describing tables: each column carries its name, type, documentation and the
//! function that reads its value, so a row can never drift from its column list, and the
//! writers, the SQL and Arrow schemas and the README's table documentation are all made
//! from the same description.
//!
//! A table's rows come from a source value `S` (a [`Trial`](crate::Trial) for the record
//! tables) and a row key `K` per row (an index into one of its lists): [`Table::keys`] lists
//! the keys, and each [`Column::value`] reads its cell from the source and the key. Adding a
//! table is describing its keys and columns; [`TableOf`] lets tables of different keys (and
//! other modules' tables) sit in one list.

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// UTF-8 text.
    Text,
    /// 64-bit integer.
    Int,
    /// 64-bit float.
    Real,
    /// Boolean.
    Bool,
}

impl Kind {
    /// The SQL name of the type.
    pub fn sql(self) -> &'static str {
        match self {
            Kind::Text => "TEXT",
            Kind::Int => "INTEGER",
            Kind::Real => "REAL",
            Kind::Bool => "BOOLEAN",
        }
    }
}

/// A cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// No value.
    Null,
    /// Text.
    Text(String),
    /// Integer.
    Int(i64),
    /// Float.
    Real(f64),
    /// Boolean.
    Bool(bool),
}

impl Value {
    /// Whether this value may stand in a column of `kind` (null may stand anywhere).
    pub fn fits(&self, kind: Kind) -> bool {
        matches!(
            (self, kind),
            (Value::Null, _)
                | (Value::Text(_), Kind::Text)
                | (Value::Int(_), Kind::Int)
                | (Value::Real(_), Kind::Real)
                | (Value::Bool(_), Kind::Bool)
        )
    }
}

/// A row: one value per column of its table.
pub type Row = Vec<Value>;

/// What a writer needs to know of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ColumnSpec {
    /// Column name.
    pub name: &'static str,
    /// Column type.
    pub kind: Kind,
    /// What the column holds.
    pub doc: &'static str,
}

/// What a writer needs to know of a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableSpec {
    /// Table name (also the file name of the Parquet and CSV exports).
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// The columns, in order.
    pub columns: Vec<ColumnSpec>,
}

/// A column of a table whose rows come from a source `S` and a row key `K`.
pub struct Column<S: 'static, K: 'static> {
    /// Column name.
    pub name: &'static str,
    /// Column type.
    pub kind: Kind,
    /// What the column holds.
    pub doc: &'static str,
    /// Reads the cell of the row `K` of the source.
    pub value: Reader<S, K>,
}

impl<S, K> Column<S, K> {
    /// The column without its reader.
    pub fn spec(&self) -> ColumnSpec {
        ColumnSpec {
            name: self.name,
            kind: self.kind,
            doc: self.doc,
        }
    }
}

/// What reads a cell: the source and the row's key give the value.
pub type Reader<S, K> = fn(&S, &K) -> Value;

/// A column of `kind`.
pub const fn column<S, K>(
    kind: Kind,
    name: &'static str,
    doc: &'static str,
    value: Reader<S, K>,
) -> Column<S, K> {
    Column {
        name,
        kind,
        doc,
        value,
    }
}

/// A text column.
pub const fn text<S, K>(name: &'static str, doc: &'static str, v: Reader<S, K>) -> Column<S, K> {
    column(Kind::Text, name, doc, v)
}

/// An integer column.
pub const fn int<S, K>(name: &'static str, doc: &'static str, v: Reader<S, K>) -> Column<S, K> {
    column(Kind::Int, name, doc, v)
}

/// A float column.
pub const fn real<S, K>(name: &'static str, doc: &'static str, v: Reader<S, K>) -> Column<S, K> {
    column(Kind::Real, name, doc, v)
}

/// A boolean column.
pub const fn boolean<S, K>(name: &'static str, doc: &'static str, v: Reader<S, K>) -> Column<S, K> {
    column(Kind::Bool, name, doc, v)
}

/// A table: its name, what one row is, the keys of its rows in a source, and its columns.
pub struct Table<S: 'static, K: 'static> {
    /// Table name.
    pub name: &'static str,
    /// What one row is.
    pub doc: &'static str,
    /// The rows of a source, in order, each as its key.
    pub keys: fn(&S) -> Vec<K>,
    /// The columns, in order.
    pub columns: &'static [Column<S, K>],
}

/// A table whose rows come from a source `S`, whatever its row keys.
pub trait TableOf<S>: Sync {
    /// The table as writers see it.
    fn spec(&self) -> TableSpec;
    /// The rows of one source, in order.
    fn rows(&self, source: &S) -> Vec<Row>;
}

impl<S, K> TableOf<S> for Table<S, K> {
    fn spec(&self) -> TableSpec {
        TableSpec {
            name: self.name,
            doc: self.doc,
            columns: self.columns.iter().map(Column::spec).collect(),
        }
    }

    fn rows(&self, source: &S) -> Vec<Row> {
        (self.keys)(source)
            .iter()
            .map(|k| self.columns.iter().map(|c| (c.value)(source, k)).collect())
            .collect()
    }
}

/// Tables and their columns as Markdown, as the README documents them.
pub fn markdown(tables: &[TableSpec]) -> String {
    let mut md = String::new();
    for table in tables {
        md.push_str(&format!("#### `{}`: {}\n\n", table.name, table.doc));
        md.push_str("| column | type | holds |\n| --- | --- | --- |\n");
        for c in &table.columns {
            md.push_str(&format!(
                "| `{}` | {} | {} |\n",
                c.name,
                c.kind.sql(),
                c.doc
            ));
        }
        md.push('\n');
    }
    md
}

/// The SQL `CREATE TABLE` statement of a table.
pub fn create_table(table: &TableSpec) -> String {
    let columns: Vec<String> = (table.columns.iter())
        .map(|c| format!("\"{}\" {}", c.name, c.kind.sql()))
        .collect();
    format!("CREATE TABLE \"{}\" ({});", table.name, columns.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    static SQUARES: Table<Vec<i64>, usize> = Table {
        name: "squares",
        doc: "one row per number",
        keys: |v| (0..v.len()).collect(),
        columns: &[
            int("n", "the number", |v, &i| Value::Int(v[i])),
            int("square", "its square", |v, &i| Value::Int(v[i] * v[i])),
            text("parity", "even or odd", |v, &i| {
                Value::Text(if v[i] % 2 == 0 { "even" } else { "odd" }.into())
            }),
        ],
    };

    #[test]
    fn a_table_is_its_columns() {
        let rows = SQUARES.rows(&vec![2, 3]);
        assert_eq!(
            rows,
            [
                vec![Value::Int(2), Value::Int(4), Value::Text("even".into())],
                vec![Value::Int(3), Value::Int(9), Value::Text("odd".into())],
            ]
        );
        let spec = SQUARES.spec();
        assert_eq!(
            create_table(&spec),
            "CREATE TABLE \"squares\" (\"n\" INTEGER, \"square\" INTEGER, \"parity\" TEXT);"
        );
        assert!(markdown(&[spec]).contains("| `parity` | TEXT | even or odd |"));
    }
}
