//! `trialnorm history` against a local stand-in of ClinicalTrials.gov's record-history
//! endpoints serving three versions of NCT03418623 (built from the real API v2 record; see
//! `tests/data/history/README.md`), with a 503 on the way: every version comes out as a
//! record naming its number and date, `--changes` names what changed where, the report
//! pins outcome switching, enrollment and date slippage, and a list that changed shape is
//! a clear error. No test touches the internet.

use std::process::Output;

use serde_json::{json, Value};

use crate::local_api::{not_found, unavailable, Reply, Seen, Server};
use crate::util::{assert_ends_quietly_on_a_closed_pipe, file, trialnorm_with_stdin};

const ID: &str = "NCT03418623";
const LIST: &str = "/api/int/studies/NCT03418623/history";

/// The primary outcome as versions 1 and 2 word it (the real record's).
const GLUTAMATE: &str = "Concentrations of glutamate in dorsal...";
/// The same outcome as version 0 words it.
const GLUTAMATE_0: &str = "Concentrations of glutamate in dorsal anterior cingulate cortex";
/// The real record's secondary outcome that version 2 lists as primary.
const GABA: &str = "Concentrations of GABA in dorsal...";

/// The study as of `n`: version 2 is the real record with its GABA outcome made primary;
/// versions 0 and 1 write earlier states back into it.
fn study(n: u32) -> Value {
    let mut s: Value = serde_json::from_slice(&file("tests/data/fetch/NCT03418623.json")).unwrap();
    let outcomes = &mut s["protocolSection"]["outcomesModule"];
    assert_eq!(outcomes["primaryOutcomes"][0]["measure"], GLUTAMATE);
    if n == 2 {
        let gaba = outcomes["secondaryOutcomes"]
            .as_array_mut()
            .unwrap()
            .remove(0);
        assert_eq!(gaba["measure"], GABA);
        outcomes["primaryOutcomes"]
            .as_array_mut()
            .unwrap()
            .push(gaba);
        return s;
    }
    let mut set = |path: &str, value: Value| {
        *s.pointer_mut(&format!("/protocolSection/{path}")).unwrap() = value;
    };
    set("statusModule/overallStatus", json!("RECRUITING"));
    set("statusModule/statusVerifiedDate", json!("2018-09"));
    set(
        "statusModule/primaryCompletionDateStruct",
        json!({"date": "2019-12", "type": "ESTIMATED"}),
    );
    set(
        "statusModule/completionDateStruct",
        json!({"date": "2019-12", "type": "ESTIMATED"}),
    );
    set("statusModule/lastUpdateSubmitDate", json!("2018-09-14"));
    set(
        "statusModule/lastUpdatePostDateStruct",
        json!({"date": "2018-09-18", "type": "ACTUAL"}),
    );
    set(
        "designModule/enrollmentInfo",
        json!({"count": 30, "type": "ESTIMATED"}),
    );
    if n == 0 {
        set("statusModule/overallStatus", json!("NOT_YET_RECRUITING"));
        set("statusModule/statusVerifiedDate", json!("2018-01"));
        set(
            "statusModule/startDateStruct",
            json!({"date": "2018-02", "type": "ESTIMATED"}),
        );
        set("statusModule/lastUpdateSubmitDate", json!("2018-01-25"));
        set(
            "statusModule/lastUpdatePostDateStruct",
            json!({"date": "2018-02-01", "type": "ACTUAL"}),
        );
        set(
            "outcomesModule/primaryOutcomes/0/measure",
            json!(GLUTAMATE_0),
        );
    }
    s
}

/// The version response the endpoint sends for `n`.
fn version_body(n: u32) -> String {
    json!({"studyVersion": n, "study": study(n)}).to_string()
}

/// The stand-in: the list and three versions of NCT03418623, the list at `/history` (or
/// only as `?history=true` when `wrapped`), a 503 the first time version 1 is asked for,
/// and whatever `fault` says first.
fn server(wrapped: bool, fault: fn(&Seen, usize) -> Option<Reply>) -> Server {
    Server::start(move |req, before| {
        if let Some(reply) = fault(req, before) {
            return reply;
        }
        let list = || String::from_utf8(file("tests/data/history/NCT03418623.history.json"));
        match req.path.strip_prefix(LIST) {
            Some("") if !wrapped => Reply::Json(list().unwrap()),
            Some("/1") if before == 0 => unavailable(),
            Some(v) => match v.strip_prefix('/').and_then(|n| n.parse::<u32>().ok()) {
                Some(n) if n <= 2 => Reply::Json(version_body(n)),
                _ => not_found(),
            },
            None if wrapped && req.path == format!("/api/int/studies/{ID}") => {
                assert_eq!(req.query.get("history").map(String::as_str), Some("true"));
                Reply::Json(format!(r#"{{"study":{{}},"history":{}}}"#, list().unwrap()))
            }
            None => not_found(),
        }
    })
}

fn no_fault(_: &Seen, _: usize) -> Option<Reply> {
    None
}

fn history(server: &Server, args: &[&str]) -> Output {
    server.run("history", args, b"")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn records(out: &Output) -> Vec<Value> {
    stdout(out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn every_version_is_a_record_naming_its_number_and_date_despite_a_503() {
    let server = server(false, no_fault);
    let out = history(&server, &[ID]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let records = records(&out);
    let versions: Vec<&Value> = records.iter().map(|r| &r["source"]["version"]).collect();
    assert_eq!(
        versions,
        [
            &json!({"number": 0, "date": "2018-01-25", "changed_modules": []}),
            &json!({"number": 1, "date": "2018-09-14",
                    "changed_modules": ["Study Status", "Outcome Measures"]}),
            &json!({"number": 2, "date": "2020-10-05",
                    "changed_modules": ["Study Status", "Study Design", "Outcome Measures"]}),
        ]
    );
    let schema = jsonschema::validator_for(&trialnorm::schema()).unwrap();
    assert!(records.iter().all(|r| schema.is_valid(r)));
    // Each record is the study as of its version.
    let field = |p: &str| -> Vec<Value> {
        records
            .iter()
            .map(|r| r.pointer(p).unwrap().clone())
            .collect()
    };
    assert_eq!(
        field("/status/overall"),
        ["NOT_YET_RECRUITING", "RECRUITING", "COMPLETED"]
    );
    assert_eq!(field("/enrollment/count"), [30, 30, 24]);
    assert_eq!(field("/ids/nct_id"), [ID, ID, ID]);
    // The list once, each version once, version 1 twice (the 503, then the answer).
    assert_eq!(server.count(LIST), 1);
    let asked: Vec<usize> = (0..3)
        .map(|n| server.count(&format!("{LIST}/{n}")))
        .collect();
    assert_eq!(asked, [1, 2, 1]);
}

#[test]
fn raw_versions_are_the_responses_as_sent() {
    let server = server(false, no_fault);
    let out = history(&server, &["--raw", "--versions", "0,2", ID]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out).lines().collect::<Vec<_>>(),
        [version_body(0), version_body(2)]
    );
    assert_eq!(server.count(&format!("{LIST}/1")), 0);
    // `parse` reads what `--raw` wrote (JSON Lines of `{"studyVersion": N, "study": …}`):
    // the same studies as the history's records, numbered, without the list's date and
    // changed modules, which only the history list gives.
    // (`--stream`: versions of one study are one trial, and the notes saying so are not
    // what this compares.)
    let parsed = trialnorm_with_stdin(&["parse", "--quiet", "--stream"], &out.stdout);
    assert_eq!(parsed.status.code(), Some(0), "{}", stderr(&parsed));
    let parsed = records(&parsed);
    let listed = records(&history(&server, &["--versions", "0,2", ID]));
    assert_eq!(parsed.len(), 2);
    for (p, h) in parsed.iter().zip(&listed) {
        assert_eq!(
            p["source"]["version"]["number"],
            h["source"]["version"]["number"]
        );
        assert_eq!(p["source"]["version"]["date"], Value::Null);
        let strip = |v: &Value| {
            let mut v = v.clone();
            v["source"]["version"] = Value::Null;
            v
        };
        assert_eq!(strip(p), strip(h));
    }
}

#[test]
fn versions_first_last_and_unlisted_numbers() {
    let server = server(false, no_fault);
    let numbers = |args: &[&str]| -> (Option<i32>, Vec<Value>, String) {
        let out = history(&server, args);
        let got = records(&out)
            .iter()
            .map(|r| r["source"]["version"]["number"].clone())
            .collect();
        (out.status.code(), got, stderr(&out))
    };
    assert_eq!(
        numbers(&["--versions", "first", ID]),
        (Some(0), vec![json!(0)], String::new())
    );
    assert_eq!(
        numbers(&["--versions", "last", ID]),
        (Some(0), vec![json!(2)], String::new())
    );
    assert_eq!(
        numbers(&["--versions", "1,9", ID]),
        (
            Some(1),
            vec![json!(1)],
            format!("trialnorm: {ID}: version 9 is not in the record history (versions 0 to 2)\n")
        )
    );
    let out = history(&server, &["--versions", "newest", ID]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
}

#[test]
fn changes_name_the_outcome_enrollment_and_status_where_they_changed() {
    let server = server(false, no_fault);
    let out = history(&server, &["--changes", ID]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "NCT03418623: 3 of 3 versions read");
    for want in [
        r#"1 2018-09-14 status.overall: "NOT_YET_RECRUITING" → "RECRUITING""#,
        r#"1 2018-09-14 status.start.date: "2018-02" → "2018-03-08""#,
        r#"1 2018-09-14 status.start.type: "ESTIMATED" → "ACTUAL""#,
        r#"2 2020-10-05 status.overall: "RECRUITING" → "COMPLETED""#,
        "2 2020-10-05 enrollment.count: 30 → 24",
        r#"2 2020-10-05 enrollment.type: "ESTIMATED" → "ACTUAL""#,
        r#"2 2020-10-05 status.primary_completion.date: "2019-12" → "2020-03-13""#,
    ] {
        assert!(lines.contains(&want), "missing {want:?} in\n{text}");
    }
    // The reworded primary outcome: the old wording gone and the new one there, at version 1.
    let at = |prefix: &str| lines.iter().filter(|l| l.starts_with(prefix)).count();
    assert_eq!(
        at(&format!(
            r#"1 2018-09-14 outcomes["PRIMARY", "{GLUTAMATE_0}"]: {{"#
        )),
        1
    );
    assert_eq!(
        at(&format!(
            r#"1 2018-09-14 outcomes["PRIMARY", "{GLUTAMATE}"]: (absent) → {{"#
        )),
        1
    );
    assert_eq!(
        at(&format!(
            r#"2 2020-10-05 outcomes["PRIMARY", "{GABA}"]: (absent) → {{"#
        )),
        1
    );
    assert_eq!(
        at(&format!(
            r#"2 2020-10-05 outcomes["SECONDARY", "{GABA}"]: {{"#
        )),
        1
    );
    // Nothing changes in a version but where the versions differ.
    assert!(lines[1..]
        .iter()
        .take_while(|l| !l.starts_with("primary outcomes"))
        .all(|l| l.starts_with("1 2018-09-14 ") || l.starts_with("2 2020-10-05 ")));
    let report = &text[text.find("primary outcomes (").unwrap()..];
    assert_eq!(
        report,
        format!(
            "primary outcomes (start 2018-03-08 (ACTUAL, version 2), primary completion 2020-03-13 (ACTUAL, version 2)):\n\
             \x20 1 2018-09-14 REWORDED (after start, before primary completion): \"{GLUTAMATE_0}\" [After 5 doses of medication...] → \"{GLUTAMATE}\" [After 5 doses of medication...]\n\
             \x20 2 2020-10-05 ADDED (after start, after primary completion): \"{GABA}\" [After 5 doses of medication...]\n\
             \x20 after start: 1 added, 0 removed, 1 reworded, 0 time frame changed\n\
             \x20 after primary completion: 1 added, 0 removed, 0 reworded, 0 time frame changed\n\
             enrollment: estimated 30 (version 0, 2018-01-25), actual 24 (version 2, 2020-10-05), difference -6\n\
             primary completion: 2019-12 (ESTIMATED, version 0) → 2020-03-13 (ACTUAL, version 2): +103 days (month precision), 1 revision\n\
             completion: 2019-12 (ESTIMATED, version 0) → 2020-03-13 (ACTUAL, version 2): +103 days (month precision), 1 revision\n\n"
        )
    );
}

/// `trialnorm history … | head -c 0`: versions, changes and their JSON end as `parse` does
/// when the reader is gone, killed by SIGPIPE, with nothing on standard error.
#[test]
fn a_closed_output_pipe_ends_history_quietly() {
    let server = server(true, no_fault);
    for args in [
        &[ID][..],
        &["--changes", ID],
        &["--changes", "--as", "json", ID],
    ] {
        assert_ends_quietly_on_a_closed_pipe(server.command("history", args));
    }
}

#[test]
fn changes_as_json_hold_the_timeline_and_the_report() {
    let server = server(true, no_fault);
    let out = history(&server, &["--changes", "--as", "json", ID]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let studies = records(&out);
    assert_eq!(studies.len(), 1);
    let s = &studies[0];
    assert_eq!(s["read"], json!([0, 1, 2]));
    assert_eq!(s["listed"][1]["status"], "RECRUITING");
    assert_eq!(s["missing"], json!([]));
    let change = s["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["path"] == "enrollment.count")
        .unwrap();
    assert_eq!(
        change,
        &json!({"version": 2, "date": "2020-10-05", "from_version": 1,
                "path": "enrollment.count", "change": "changed", "left": 30, "right": 24})
    );
    let r = &s["report"];
    assert_eq!(
        r["after_start"],
        json!({"added": 1, "removed": 0, "reworded": 1, "time_frame_changed": 0})
    );
    assert_eq!(r["after_primary_completion"]["added"], 1);
    assert_eq!(r["primary_outcome_changes"][0]["kind"], "REWORDED");
    assert_eq!(r["enrollment"]["difference"], -6);
    assert_eq!(r["primary_completion_slip"]["days"], 103);
    // The list came from the `?history=true` form after the `/history` route gave 404.
    assert_eq!(server.count(LIST), 1);
    assert_eq!(server.count(&format!("/api/int/studies/{ID}")), 1);
}

#[test]
fn a_version_that_cannot_be_had_is_an_error_line_and_said_in_the_timeline() {
    let server = server(false, |req, _| {
        req.path.ends_with("/history/1").then(unavailable)
    });
    let out = history(&server, &["--retries", "1", "--changes", ID]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!("trialnorm: {ID}: version 1: gave up after 2 attempts; last: HTTP 503 Service Unavailable\n")
    );
    let text = stdout(&out);
    assert!(text.starts_with(&format!(
        "{ID}: 2 of 3 versions read\n1 2018-09-14 missing: version 1: gave up after 2 attempts; last: HTTP 503 Service Unavailable\n2 2020-10-05 "
    )), "{text}");
    // Version 2 is compared with version 0, the one before it that was had.
    assert!(
        text.contains(r#"2 2020-10-05 status.overall: "NOT_YET_RECRUITING" → "COMPLETED""#),
        "{text}"
    );

    let out = history(&server, &["--retries", "1", ID]);
    assert_eq!(out.status.code(), Some(1));
    let numbers: Vec<Value> = records(&out)
        .iter()
        .map(|r| r["source"]["version"]["number"].clone())
        .collect();
    assert_eq!(numbers, [0, 2]);
}

#[test]
fn a_list_that_changed_shape_is_a_clear_error() {
    let server = server(false, |req, _| {
        (req.path == LIST)
            .then(|| Reply::Json(r#"{"revisions":[{"version":0,"date":"2018-01-25"}]}"#.into()))
    });
    let out = history(&server, &[ID]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out),
        format!(
            "trialnorm: {ID}: unexpected response: the history list has no `changes` (its keys: revisions): the registry's record-history endpoint has changed shape\n"
        )
    );
    // A changed shape is not retried.
    assert_eq!(server.count(LIST), 1);
}

#[test]
fn a_study_without_history_is_not_found() {
    let server = server(false, no_fault);
    let out = history(&server, &["NCT00000000", ID]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stderr(&out), "trialnorm: NCT00000000: not found (404)\n");
    assert_eq!(records(&out).len(), 3);
}

#[test]
fn tables_hold_versions_changes_and_outcome_changes_and_name_a_missing_version() {
    let server = server(false, |req, _| {
        req.path.ends_with("/history/1").then(unavailable)
    });
    let dir = crate::util::scratch("history", "csv");
    let out = history(
        &server,
        &[
            "--retries",
            "0",
            "--to",
            dir.to_str().unwrap(),
            "--as",
            "csv",
            ID,
        ],
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(out.stdout.is_empty());
    let read = |name: &str| -> Vec<Vec<String>> {
        csv::Reader::from_path(dir.join(format!("{name}.csv")))
            .unwrap()
            .records()
            .map(|r| r.unwrap().iter().map(str::to_string).collect())
            .collect()
    };
    let versions = read("versions");
    let cells = |row: &[String], n: usize| row[..n].join(",");
    assert_eq!(
        versions.iter().map(|r| cells(r, 4)).collect::<Vec<_>>(),
        [
            format!("{ID},0,2018-01-25,"),
            format!("{ID},1,2018-09-14,Study Status|Outcome Measures"),
            format!("{ID},2,2020-10-05,Study Status|Study Design|Outcome Measures"),
        ]
    );
    // The missing version is a row saying why, with no data.
    assert_eq!(
        versions[1][4],
        "version 1: gave up after 1 attempt; last: HTTP 503 Service Unavailable"
    );
    assert!(versions[1][5..].iter().all(String::is_empty));
    assert_eq!(
        (versions[0][5].as_str(), versions[0][12].as_str()),
        ("NOT_YET_RECRUITING", "30")
    );
    assert_eq!(
        (versions[2][5].as_str(), versions[2][12].as_str()),
        ("COMPLETED", "24")
    );
    assert_eq!(versions[2][14], "2", "two primary outcomes in version 2");
    // Changes from version 0 straight to 2.
    let changes = read("changes");
    assert!(changes.iter().all(|r| r[1] == "2" && r[3] == "0"));
    assert!(changes.contains(
        &[
            ID,
            "2",
            "2020-10-05",
            "0",
            "enrollment.count",
            "changed",
            "30",
            "24"
        ]
        .map(String::from)
        .to_vec()
    ));
    let outcomes = read("outcome_changes");
    assert_eq!(
        outcomes
            .iter()
            .map(|r| format!("{} {} {} {} {}", r[1], r[4], r[5], r[7], r[10]))
            .collect::<Vec<_>>(),
        [
            format!("2 REWORDED {GLUTAMATE_0} {GLUTAMATE} true"),
            format!("2 ADDED  {GABA} true"),
        ]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn sqlite_and_parquet_tables_agree_with_the_json_changes() {
    let server = server(false, no_fault);
    let json = records(&history(&server, &["--changes", "--as", "json", ID]));
    let dir = crate::util::scratch("history", "tables");
    let db = dir.join("history.db");
    let out = history(
        &server,
        &["--to", db.to_str().unwrap(), "--as", "sqlite", ID],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let conn = rusqlite::Connection::open(&db).unwrap();
    let column = |sql: &str| -> Vec<String> {
        let mut stmt = conn.prepare(sql).unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    assert_eq!(
        column("SELECT enrollment || ' ' || enrollment_type FROM versions ORDER BY version"),
        ["30 ESTIMATED", "30 ESTIMATED", "24 ACTUAL"]
    );
    let n: i64 = conn
        .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
        .unwrap();
    let n = n as usize;
    assert_eq!(n, json[0]["changes"].as_array().unwrap().len());
    assert_eq!(
        column("SELECT version || ' ' || kind FROM outcome_changes ORDER BY version"),
        ["1 REWORDED", "2 ADDED"]
    );

    let parquet = dir.join("parquet");
    let out = history(
        &server,
        &["--to", parquet.to_str().unwrap(), "--as", "parquet", ID],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let batches = crate::export::parquet_batches(&parquet.join("versions.parquet"));
    assert_eq!(crate::export::int_column(&batches, "version"), [0, 1, 2]);
    assert_eq!(
        crate::export::int_column(&batches, "enrollment"),
        [30, 30, 24]
    );
    let batches = crate::export::parquet_batches(&parquet.join("changes.parquet"));
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), n);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn table_forms_need_a_path_and_a_path_needs_a_table_form() {
    let server = server(false, no_fault);
    for (args, want) in [
        (
            &["--as", "csv", ID][..],
            "--as parquet, sqlite or csv needs --to PATH",
        ),
        (
            &["--to", "x", ID][..],
            "--to needs --as parquet, sqlite or csv",
        ),
        (
            &["--as", "json", ID][..],
            "--as json is the form of --changes",
        ),
    ] {
        let out = history(&server, args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).contains(want), "{args:?}: {}", stderr(&out));
    }
    assert!(server.requests().is_empty());
}

/// An id that is no NCT id is a usage error, as clap's own are: exit 2, the id and why
/// named, nothing fetched (not even the good id beside it).
#[test]
fn a_bad_id_is_a_usage_error() {
    let server = server(false, no_fault);
    for bad in ["NCT123", "NCT0000000", "ISRCTN62918594", "foo"] {
        let out = history(&server, &[ID, bad]);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(out.stdout.is_empty());
        assert!(
            err.starts_with(&format!(
                "error: invalid value '{bad}' for '<NCT_ID>...': not an NCT id (expected NCT and 8 digits)"
            )),
            "{err}"
        );
    }
    assert_eq!(server.count(LIST), 0);
}
