//! `trialnorm export`: the tables agree with the JSON records, read back with the real
//! clients (rusqlite for SQLite, DuckDB's Python package for Parquet, the csv crate for CSV).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn trialnorm(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(args)
        .current_dir(ROOT)
        .output()
        .unwrap()
}

fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trialnorm-export-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The inputs: every fixture and the batch test data (a real bulk-download zip).
const INPUTS: [&str; 2] = ["fixtures", "tests/data/batch"];

fn criteria_count(list: &Value) -> usize {
    list.as_array()
        .into_iter()
        .flatten()
        .map(|c| 1 + criteria_count(&c["children"]))
        .sum()
}

fn len(v: &Value, pointer: &str) -> usize {
    v.pointer(pointer)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// The JSON records of `parse` over the same inputs, and the row counts they imply.
fn expected() -> (Vec<Value>, BTreeMap<&'static str, usize>) {
    let out = trialnorm(&[&["parse", "--quiet"], &INPUTS[..]].concat());
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(records.len() >= 2, "the inputs give records");
    let sum = |f: &dyn Fn(&Value) -> usize| records.iter().map(f).sum::<usize>();
    let counts = BTreeMap::from([
        ("studies", records.len()),
        ("conditions", sum(&|r| len(r, "/conditions"))),
        ("keywords", sum(&|r| len(r, "/keywords"))),
        ("mesh_terms", sum(&|r| len(r, "/mesh_terms"))),
        ("secondary_ids", sum(&|r| len(r, "/ids/secondary_ids"))),
        ("arms", sum(&|r| len(r, "/arms"))),
        ("interventions", sum(&|r| len(r, "/interventions"))),
        (
            "arm_interventions",
            sum(&|r| {
                r["arms"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|a| len(a, "/intervention_names"))
                    .sum()
            }),
        ),
        ("outcomes", sum(&|r| len(r, "/outcomes"))),
        (
            "criteria",
            sum(&|r| {
                criteria_count(&r["eligibility"]["inclusion"])
                    + criteria_count(&r["eligibility"]["exclusion"])
            }),
        ),
        ("sites", sum(&|r| len(r, "/sites"))),
        (
            "contacts",
            sum(&|r| {
                len(r, "/contacts/central")
                    + r["sites"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|s| len(s, "/contacts"))
                        .sum::<usize>()
            }),
        ),
        ("officials", sum(&|r| len(r, "/contacts/officials"))),
        ("references", sum(&|r| len(r, "/references"))),
        ("warnings", sum(&|r| len(r, "/warnings"))),
    ]);
    (records, counts)
}

/// Per record: record number, NCT id, conditions, sites, criteria — what the joins give.
fn expected_join(records: &[Value]) -> Vec<Value> {
    records
        .iter()
        .enumerate()
        .map(|(i, r)| {
            json!([
                i + 1,
                r["ids"]["nct_id"],
                len(r, "/conditions"),
                len(r, "/sites"),
                criteria_count(&r["eligibility"]["inclusion"])
                    + criteria_count(&r["eligibility"]["exclusion"])
            ])
        })
        .collect()
}

fn export(target: &str, to: &Path) {
    let to = to.to_str().unwrap();
    let out = trialnorm(
        &[
            &["export", "--quiet", "--to", to, "--as", target],
            &INPUTS[..],
        ]
        .concat(),
    );
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn sqlite_tables_agree_with_the_json() {
    let (records, counts) = expected();
    let dir = scratch("sqlite");
    let db = dir.join("trials.sqlite");
    export("sqlite", &db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    for (table, want) in &counts {
        let got: i64 = conn
            .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(got as usize, *want, "rows of {table}");
    }
    let mut stmt = conn
        .prepare(
            "SELECT s.record, s.nct_id,
                (SELECT count(*) FROM conditions c WHERE c.record = s.record),
                (SELECT count(*) FROM sites x WHERE x.record = s.record),
                (SELECT count(*) FROM criteria k WHERE k.record = s.record)
             FROM studies s ORDER BY s.record",
        )
        .unwrap();
    let join: Vec<Value> = stmt
        .query_map([], |r| {
            Ok(json!([
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, i64>(3)?,
                r.get::<_, i64>(4)?
            ]))
        })
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert_eq!(join, expected_join(&records));
    // A criterion's parent is a criterion of the same record, one level up.
    let orphans: i64 = conn
        .query_row(
            "SELECT count(*) FROM criteria c WHERE c.parent IS NOT NULL AND NOT EXISTS
               (SELECT 1 FROM criteria p WHERE p.record = c.record AND p.id = c.parent
                AND p.depth = c.depth - 1)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(orphans, 0);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn parquet_tables_read_by_duckdb_agree_with_the_json() {
    let (records, counts) = expected();
    let dir = scratch("parquet");
    export("parquet", &dir);
    let tables: Vec<&str> = counts.keys().copied().collect();
    let out = Command::new("python3")
        .arg(format!("{ROOT}/tests/helpers/duckdb_tables.py"))
        .arg(&dir)
        .args(&tables)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "the DuckDB check failed (is the duckdb Python package installed? .ci/run installs it): {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got: Value = serde_json::from_slice(&out.stdout).unwrap();
    for (table, want) in &counts {
        assert_eq!(got["counts"][table], json!(want), "rows of {table}");
    }
    assert_eq!(got["join"], json!(expected_join(&records)));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn csv_tables_have_headers_and_the_same_rows() {
    let (_, counts) = expected();
    let dir = scratch("csv");
    export("csv", &dir);
    for (table, want) in &counts {
        let mut reader = csv::Reader::from_path(dir.join(format!("{table}.csv"))).unwrap();
        assert_eq!(reader.headers().unwrap().get(0), Some("record"));
        assert_eq!(reader.records().count(), *want, "rows of {table}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}
