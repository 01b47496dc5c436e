//! `trialnorm export`: the tables agree with the JSON records, read back with the real
//! clients (rusqlite for SQLite, the parquet crate's Arrow reader for Parquet, the csv crate for
//! CSV). `scripts/check_duckdb.sh` (run by `.ci/run`) also reads the Parquet files with DuckDB.

use crate::util::*;

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{json, Value};

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
    // Record by record, as export writes its tables (without the batch's same-trial-as notes).
    let out = trialnorm(&[&["parse", "--quiet", "--stream"], &INPUTS[..]].concat());
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
        ("registry_ids", sum(&|r| len(r, "/ids/registry_ids"))),
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
    let mut counts = counts;
    for (table, n) in results_counts(&records) {
        counts.insert(table, n);
    }
    (records, counts)
}

/// The items of every list at `path` (`[]` marks a list level, walked), counted.
fn items(v: &Value, path: &[&str]) -> usize {
    match path.split_first() {
        None => 1,
        Some((&"[]", rest)) => (v.as_array().into_iter().flatten())
            .map(|x| items(x, rest))
            .sum(),
        Some((key, rest)) => v.get(*key).map_or(0, |x| items(x, rest)),
    }
}

/// The rows the results tables must have, counted in the JSON records.
fn results_counts(records: &[Value]) -> BTreeMap<&'static str, usize> {
    let count = |path: &str| {
        let path: Vec<&str> = path.split('.').collect();
        records
            .iter()
            .map(|r| items(&r["results"], &path))
            .sum::<usize>()
    };
    let values = "classes.[].categories.[].measurements.[]";
    let totals: usize = records
        .iter()
        .flat_map(|r| {
            r.pointer("/results/adverse_events/groups")
                .and_then(Value::as_array)
        })
        .flatten()
        .map(|g| {
            ["deaths", "serious", "other"]
                .iter()
                .filter(|k| !g[**k].is_null())
                .count()
        })
        .sum();
    BTreeMap::from([
        (
            "result_groups",
            count("participant_flow.groups.[]")
                + count("baseline.groups.[]")
                + count("outcome_measures.[].groups.[]")
                + count("adverse_events.groups.[]"),
        ),
        (
            "milestones",
            count("participant_flow.periods.[].milestones.[].counts.[]"),
        ),
        (
            "drop_withdrawals",
            count("participant_flow.periods.[].drop_withdraws.[].counts.[]"),
        ),
        ("baseline_counts", count("baseline.denoms.[].counts.[]")),
        (
            "baseline_measurements",
            count(&format!("baseline.measures.[].{values}")),
        ),
        ("result_outcomes", count("outcome_measures.[]")),
        (
            "outcome_counts",
            count("outcome_measures.[].denoms.[].counts.[]"),
        ),
        (
            "outcome_measurements",
            count(&format!("outcome_measures.[].{values}")),
        ),
        ("outcome_analyses", count("outcome_measures.[].analyses.[]")),
        (
            "reported_events",
            count("adverse_events.serious.[].stats.[]") + count("adverse_events.other.[].stats.[]"),
        ),
        ("reported_event_totals", totals),
    ])
}

/// Per record with results: record number, NCT id, outcome values, adverse-event rows and
/// the participants affected they add up to — what the results joins give.
fn expected_results_join(records: &[Value]) -> Vec<Value> {
    let values = [
        "outcome_measures",
        "[]",
        "classes",
        "[]",
        "categories",
        "[]",
        "measurements",
        "[]",
    ];
    records
        .iter()
        .enumerate()
        .filter(|(_, r)| !r["results"].is_null())
        .map(|(i, r)| {
            let events = (["serious", "other"].iter())
                .flat_map(|k| {
                    r["results"]["adverse_events"][*k]
                        .as_array()
                        .into_iter()
                        .flatten()
                })
                .flat_map(|e| e["stats"].as_array().into_iter().flatten());
            let (rows, affected) = events.fold((0, 0), |(n, a), s| {
                (n + 1, a + s["affected"].as_i64().unwrap_or(0))
            });
            json!([
                i + 1,
                r["ids"]["nct_id"],
                items(&r["results"], &values),
                rows,
                affected
            ])
        })
        .collect()
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
    let dir = scratch("export", "sqlite");
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
    let join = five_columns(&mut stmt);
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
    // A record with no NCT id (a WHO, EU or ISRCTN record) is keyed by its own registry number.
    let mut stmt = conn
        .prepare(
            "SELECT s.record, r.registry, r.registry_id FROM studies s
             JOIN registry_ids r ON r.record = s.record AND r.position = 1
             WHERE s.nct_id IS NULL ORDER BY s.record",
        )
        .unwrap();
    let own: Vec<(i64, String, String)> = (stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))))
    .unwrap()
    .map(Result::unwrap)
    .collect();
    let want: Vec<(i64, String, String)> = (records.iter().enumerate())
        .filter(|(_, r)| r["ids"]["nct_id"].is_null())
        .map(|(i, r)| {
            let first = &r["ids"]["registry_ids"][0];
            let text = |k: &str| first[k].as_str().unwrap().to_string();
            (i as i64 + 1, text("registry"), text("id"))
        })
        .collect();
    assert!(want.len() >= 10, "{} records without an NCT id", want.len());
    assert_eq!(own, want);
    // Results: per record, its outcome values and adverse-event rows, joined to studies.
    let mut stmt = conn
        .prepare(
            "SELECT s.record, s.nct_id,
                (SELECT count(*) FROM outcome_measurements m WHERE m.record = s.record),
                (SELECT count(*) FROM reported_events e WHERE e.record = s.record),
                (SELECT coalesce(sum(e.subjects_affected), 0) FROM reported_events e
                   WHERE e.record = s.record)
             FROM studies s WHERE EXISTS (SELECT 1 FROM result_groups g WHERE g.record = s.record)
             ORDER BY s.record",
        )
        .unwrap();
    let join = five_columns(&mut stmt);
    let want = expected_results_join(&records);
    assert!(want.len() >= 20, "{} records with results", want.len());
    assert_eq!(join, want);
    std::fs::remove_dir_all(dir).unwrap();
}

/// The rows of a query of five columns: record, NCT id and three counts.
fn five_columns(stmt: &mut rusqlite::Statement) -> Vec<Value> {
    stmt.query_map([], |r| {
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
    .collect()
}

/// Reads a Parquet file back with the `parquet` crate's Arrow reader.
pub fn parquet_batches(path: &Path) -> Vec<arrow_array::RecordBatch> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The values of an integer column (`record`) across batches.
pub fn int_column(batches: &[arrow_array::RecordBatch], name: &str) -> Vec<i64> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    batches
        .iter()
        .flat_map(|b| {
            let col = b
                .column_by_name(name)
                .unwrap_or_else(|| panic!("no column {name}"));
            col.as_primitive::<Int64Type>().values().to_vec()
        })
        .collect()
}

#[test]
fn parquet_tables_read_back_agree_with_the_json() {
    let (records, counts) = expected();
    let dir = scratch("export", "parquet");
    export("parquet", &dir);
    let mut per_record: BTreeMap<&str, BTreeMap<i64, i64>> = BTreeMap::new();
    for (table, want) in &counts {
        let batches = parquet_batches(&dir.join(format!("{table}.parquet")));
        let rows: usize = batches.iter().map(|b| b.num_rows()).sum();
        assert_eq!(rows, *want, "rows of {table}");
        if ["conditions", "sites", "criteria"].contains(table) {
            let by = per_record.entry(table).or_default();
            for r in int_column(&batches, "record") {
                *by.entry(r).or_default() += 1;
            }
        }
    }
    // The same join the SQLite test makes: studies with their conditions, sites, criteria.
    let studies = parquet_batches(&dir.join("studies.parquet"));
    let ids: Vec<Option<String>> = studies
        .iter()
        .flat_map(|b| {
            use arrow_array::cast::AsArray;
            let col = b.column_by_name("nct_id").unwrap().as_string::<i32>();
            col.iter()
                .map(|v| v.map(str::to_string))
                .collect::<Vec<_>>()
        })
        .collect();
    let join: Vec<Value> = int_column(&studies, "record")
        .into_iter()
        .zip(ids)
        .map(|(r, id)| {
            let n = |t: &str| per_record[t].get(&r).copied().unwrap_or(0);
            json!([r, id, n("conditions"), n("sites"), n("criteria")])
        })
        .collect();
    assert_eq!(join, expected_join(&records));
    // Results: outcome values and adverse-event rows per record, and the participants
    // affected, from the Parquet files alone.
    let measurements = parquet_batches(&dir.join("outcome_measurements.parquet"));
    let events = parquet_batches(&dir.join("reported_events.parquet"));
    let groups = parquet_batches(&dir.join("result_groups.parquet"));
    let with_results: std::collections::BTreeSet<i64> =
        int_column(&groups, "record").into_iter().collect();
    let tally = |records: Vec<i64>, weights: Vec<i64>| {
        let mut by: BTreeMap<i64, (i64, i64)> = BTreeMap::new();
        for (r, w) in records.into_iter().zip(weights) {
            let e = by.entry(r).or_default();
            e.0 += 1;
            e.1 += w;
        }
        by
    };
    let m = tally(int_column(&measurements, "record"), vec![0; 1 << 20]);
    let affected = nullable_ints(&events, "subjects_affected");
    let ev = tally(int_column(&events, "record"), affected);
    let join: Vec<Value> = (int_column(&studies, "record").into_iter())
        .zip(&join)
        .filter(|(r, _)| with_results.contains(r))
        .map(|(r, row)| {
            let (values, _) = m.get(&r).copied().unwrap_or_default();
            let (rows, affected) = ev.get(&r).copied().unwrap_or_default();
            json!([r, row[1], values, rows, affected])
        })
        .collect();
    assert_eq!(join, expected_results_join(&records));
    std::fs::remove_dir_all(dir).unwrap();
}

/// The values of a nullable integer column, null as 0.
fn nullable_ints(batches: &[arrow_array::RecordBatch], name: &str) -> Vec<i64> {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Int64Type;
    batches
        .iter()
        .flat_map(|b| {
            let col = b.column_by_name(name).unwrap().as_primitive::<Int64Type>();
            col.iter().map(|v| v.unwrap_or(0)).collect::<Vec<_>>()
        })
        .collect()
}

#[test]
fn csv_tables_have_headers_and_the_same_rows() {
    let (_, counts) = expected();
    let dir = scratch("export", "csv");
    export("csv", &dir);
    for (table, want) in &counts {
        let mut reader = csv::Reader::from_path(dir.join(format!("{table}.csv"))).unwrap();
        assert_eq!(reader.headers().unwrap().get(0), Some("record"));
        assert_eq!(reader.records().count(), *want, "rows of {table}");
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Runs `export` of the seeds to `to` as `target` with `extra` options.
fn export_seeds(target: &str, to: &Path, extra: &[&str]) -> (Option<i32>, String) {
    let args = [
        &[
            "export",
            "--quiet",
            "--as",
            target,
            "--to",
            to.to_str().unwrap(),
        ][..],
        extra,
        &["fixtures/seeds"][..],
    ]
    .concat();
    let (code, _, err) = cli(&args);
    (code, err)
}

/// `--to FILE` never silently replaces a file that holds data (a text file, another
/// application's database): the export stops before reading, says so and how to replace it;
/// an empty file is written as if new; `--force` replaces.
#[test]
fn sqlite_export_refuses_a_file_that_holds_data_unless_forced() {
    let dir = scratch("export", "refuse-sqlite");
    let text = dir.join("precious.txt");
    std::fs::write(&text, "notes I keep\n").unwrap();
    let (code, err) = export_seeds("sqlite", &text, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains(&format!("{} exists and is not empty", text.display())),
        "{err}"
    );
    assert!(err.contains("--force replaces it"), "{err}");
    assert_eq!(std::fs::read_to_string(&text).unwrap(), "notes I keep\n");

    let app = dir.join("app.db");
    let conn = rusqlite::Connection::open(&app).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep');")
        .unwrap();
    drop(conn);
    let before = std::fs::read(&app).unwrap();
    let (code, err) = export_seeds("sqlite", &app, &[]);
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(std::fs::read(&app).unwrap(), before);

    let (code, err) = export_seeds("sqlite", &app, &["--force"]);
    assert_eq!(code, Some(0), "{err}");
    let conn = rusqlite::Connection::open(&app).unwrap();
    let studies: i64 = conn
        .query_row("SELECT count(*) FROM studies", [], |r| r.get(0))
        .unwrap();
    assert!(studies >= 2);
    assert!(conn.prepare("SELECT * FROM notes").is_err());

    let empty = dir.join("empty.db");
    std::fs::write(&empty, "").unwrap();
    let (code, err) = export_seeds("sqlite", &empty, &[]);
    assert_eq!(code, Some(0), "{err}");
    assert!(std::fs::metadata(&empty).unwrap().len() > 0);
}

/// CSV and Parquet: the table files already in the directory are refused as one (nothing
/// written), `--force` replaces them, and other files there are never touched.
#[test]
fn table_directories_refuse_existing_table_files_unless_forced() {
    for (target, ext) in [("csv", "csv"), ("parquet", "parquet")] {
        let dir = scratch("export", &format!("refuse-{target}"));
        std::fs::write(dir.join("notes.txt"), "mine").unwrap();
        let (code, err) = export_seeds(target, &dir, &[]);
        assert_eq!(
            code,
            Some(0),
            "{target}: an unrelated file is no obstacle: {err}"
        );
        let studies = dir.join(format!("studies.{ext}"));
        // An earlier export's table, edited by hand since: refused, left as it is.
        std::fs::write(&studies, "edited").unwrap();
        let (code, err) = export_seeds(target, &dir, &[]);
        assert_eq!(code, Some(1), "{target}: {err}");
        assert!(
            err.contains(&format!("{} holds", dir.display()))
                && err.contains(&format!("studies.{ext}"))
                && err.contains("--force replaces them"),
            "{target}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&studies).unwrap(), "edited");
        let (code, err) = export_seeds(target, &dir, &["--force"]);
        assert_eq!(code, Some(0), "{target}: {err}");
        assert_ne!(std::fs::read(&studies).unwrap(), b"edited");
        assert_eq!(
            std::fs::read_to_string(dir.join("notes.txt")).unwrap(),
            "mine"
        );
    }
}

/// `history --to` writes through the same writers and refuses the same way, before any
/// download (no server is running here: a download would fail otherwise).
#[test]
fn history_tables_refuse_a_file_that_holds_data() {
    let dir = scratch("export", "refuse-history");
    let db = dir.join("app.db");
    std::fs::write(&db, "precious").unwrap();
    let (code, _, err) = cli(&[
        "history",
        "--as",
        "sqlite",
        "--to",
        db.to_str().unwrap(),
        "--api-base",
        "http://127.0.0.1:9/api/v2",
        "--retries",
        "0",
        "NCT00000102",
    ]);
    assert_eq!(code, Some(1), "{err}");
    assert!(
        err.contains("exists and is not empty: not replaced (--force replaces it)"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&db).unwrap(), "precious");
    let (code, _, err) = cli(&["history", "--force", "NCT00000102"]);
    assert_eq!(
        code,
        Some(2),
        "--force without --to is a usage error: {err}"
    );
}

/// The README's list of what `export` takes is its help's: `parse`'s input options, not its
/// output options nor `--dedupe` (the `same_trial` table is export's form of it).
#[test]
fn export_takes_parse_input_options_and_not_dedupe() {
    let (code, help, _) = cli(&["export", "--help"]);
    assert_eq!(code, Some(0));
    for opt in [
        "--format",
        "--jobs",
        "--errors",
        "--quiet",
        "--unit-timeout",
        "--to",
        "--as",
        "--force",
    ] {
        assert!(help.contains(opt), "{opt}: {help}");
    }
    for opt in ["--dedupe", "--pretty", "--output", "--stream"] {
        assert!(!help.contains(opt), "{opt}: {help}");
    }
    let readme = std::fs::read_to_string("README.md").unwrap();
    assert!(
        readme.contains("`--quiet`, `--unit-timeout`). It does not take `parse`'s output options"),
        "README's export sentence"
    );
    assert!(readme.contains("the `same_trial` table (below) is export's form of\ndedupe"));
}

/// CSV and Parquet `--to` is a directory: a regular file there is named as such (not "cannot
/// create …: File exists"), and left as it is.
#[test]
fn a_table_directory_given_as_a_file_says_so() {
    for target in ["csv", "parquet"] {
        let dir = scratch("export", &format!("file-{target}"));
        let file = dir.join("file");
        std::fs::write(&file, "mine").unwrap();
        let (code, err) = export_seeds(target, &file, &["--force"]);
        assert_eq!(code, Some(1), "{target}: {err}");
        assert!(
            err.contains(&format!(
                "{} is a file, but {target} tables are written to a directory, one file per table",
                file.display()
            )) && !err.contains("File exists"),
            "{target}: {err}"
        );
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine");
    }
}

/// After a usage error, the usage line is the command's, not the options the user passed
/// written as if required ("--to <PATH> --as <FORMAT> --quiet").
#[test]
fn usage_after_an_error_lists_no_passed_options_as_required() {
    let (code, _, err) = cli(&["export", "--to", "x", "--as", "csv", "--quiet", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("Usage: trialnorm export [OPTIONS] --to <PATH> --as <FORMAT> [INPUT]...\n"),
        "{err}"
    );
    let (code, _, err) = cli(&["parse", "--quiet", "--pretty", "--bogus"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("Usage: trialnorm parse [OPTIONS] [INPUT]...\n"),
        "{err}"
    );
    // --help shows the same line.
    let (_, help, _) = cli(&["export", "--help"]);
    assert!(
        help.contains("Usage: trialnorm export [OPTIONS] --to <PATH> --as <FORMAT> [INPUT]...\n")
    );
}
