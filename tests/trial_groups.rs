//! One trial, many registries, in the tables: `export`'s `same_trial` table maps every
//! record to its trial exactly as `parse --dedupe` groups the records (read back from
//! SQLite with rusqlite and from Parquet with the parquet crate).

use crate::util::*;

use std::collections::BTreeMap;

use serde_json::Value;

const INPUTS: [&str; 3] = [
    "fixtures/corpus/who-ictrp/who-ictrp-export.xml",
    "fixtures/isrctn/ISRCTN62918594.xml",
    "fixtures/ctis/2023-507385-11-00.json",
];

/// Each record's trial as `parse --dedupe` groups them: record number → the number of the
/// first record of its trial.
fn dedupe_trials() -> BTreeMap<i64, i64> {
    let (code, out, err) = cli(&[&["parse", "--dedupe", "--quiet"], &INPUTS[..]].concat());
    assert_eq!(code, Some(0), "{err}");
    let mut trial_of = BTreeMap::new();
    for line in out.lines() {
        let merged: Value = serde_json::from_str(line).unwrap();
        let records: Vec<i64> = (merged["records"].as_array().unwrap().iter())
            .map(|r| r["record"].as_i64().unwrap())
            .collect();
        let first = *records.iter().min().unwrap();
        for r in records {
            trial_of.insert(r, first);
        }
    }
    trial_of
}

fn export(target: &str, to: &std::path::Path) {
    let to = to.to_str().unwrap();
    let args = [
        &["export", "--quiet", "--to", to, "--as", target],
        &INPUTS[..],
    ]
    .concat();
    let (code, _, err) = cli(&args);
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn the_same_trial_table_groups_records_as_dedupe_does() {
    let want = dedupe_trials();
    // 95 ICTRP trials, one ISRCTN and one CTIS record.
    assert_eq!(want.len(), 97);
    let dir = scratch("trial_groups", "sqlite");
    let db = dir.join("trials.sqlite");
    export("sqlite", &db);
    let conn = rusqlite::Connection::open(&db).unwrap();
    let mut stmt = conn
        .prepare("SELECT record, trial, records, shared_ids FROM same_trial ORDER BY record")
        .unwrap();
    let rows: Vec<(i64, i64, i64, Option<String>)> = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let got: BTreeMap<i64, i64> = rows.iter().map(|r| (r.0, r.1)).collect();
    assert_eq!(got, want);
    // The CTIS record (the last) is one trial with the ICTRP copy of its record and the
    // ICTRP copy of its ClinicalTrials.gov record; it shares its EU CT number, NCT id and
    // EudraCT number with them.
    let ctis = rows.last().unwrap();
    assert_eq!(ctis.2, 3);
    assert_eq!(
        ctis.3.as_deref(),
        Some("EUCT 2023-507385-11-00|CTGOV NCT05697861|EUDRACT 2022-003405-30")
    );
    let own: String = conn
        .query_row(
            "SELECT s.nct_id FROM studies s JOIN same_trial t USING (record)
             WHERE t.record = ?1",
            [ctis.0],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(own, "NCT05697861");
    // Trials, not records: the trials of several records, counted by SQL.
    let trials: i64 = conn
        .query_row("SELECT count(DISTINCT trial) FROM same_trial", [], |r| {
            r.get(0)
        })
        .unwrap();
    let distinct: std::collections::BTreeSet<&i64> = want.values().collect();
    assert_eq!(trials as usize, distinct.len());
    // A trial found once is its record's own, with nothing shared.
    let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
    for t in want.values() {
        *sizes.entry(*t).or_default() += 1;
    }
    let alone: i64 = conn
        .query_row(
            "SELECT count(*) FROM same_trial
             WHERE records = 1 AND shared_ids IS NULL AND trial = record",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(alone as usize, sizes.values().filter(|&&n| n == 1).count());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn parquet_and_csv_hold_the_same_trials() {
    let want = dedupe_trials();
    let dir = scratch("trial_groups", "parquet");
    export("parquet", &dir);
    let batches = crate::export::parquet_batches(&dir.join("same_trial.parquet"));
    let records = crate::export::int_column(&batches, "record");
    let trials = crate::export::int_column(&batches, "trial");
    let got: BTreeMap<i64, i64> = records.into_iter().zip(trials).collect();
    assert_eq!(got, want);
    std::fs::remove_dir_all(&dir).unwrap();

    let dir = scratch("trial_groups", "csv");
    export("csv", &dir);
    let mut reader = csv::Reader::from_path(dir.join("same_trial.csv")).unwrap();
    let headers: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(headers, ["record", "trial", "records", "shared_ids"]);
    let got: BTreeMap<i64, i64> = (reader.records().map(Result::unwrap))
        .map(|r| (r[0].parse().unwrap(), r[1].parse().unwrap()))
        .collect();
    assert_eq!(got, want);
    std::fs::remove_dir_all(dir).unwrap();
}
