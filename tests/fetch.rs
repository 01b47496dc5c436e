//! `trialnorm fetch` against a local API server that serves real study records and injects
//! the faults of a real network: 503, 429 with Retry-After, bodies shorter than their
//! Content-Length, 404, responses slower than the timeout. No test touches the internet.

use std::collections::HashSet;
use std::process::{Command, Output};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::local_api::{not_found, unavailable, Reply, Seen, Server};
use crate::util::assert_ends_quietly_on_a_closed_pipe;

/// The real API v2 records the server is built from (copies of corpus files).
const RECORDS: [&str; 3] = ["NCT00465816", "NCT00973089", "NCT03418623"];

/// A real record as the API sends it: compact JSON.
fn record(id: &str) -> Value {
    let path = format!("{}/tests/data/fetch/{id}.json", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A distinct study made from a real one by giving it another id.
fn synthesized(n: usize) -> (String, String) {
    let mut study = record(RECORDS[n % RECORDS.len()]);
    let id = format!("NCT9{n:07}");
    study["protocolSection"]["identificationModule"]["nctId"] = Value::String(id.clone());
    (id, serde_json::to_string(&study).unwrap())
}

/// Runs `trialnorm fetch` against `server` with short timeouts and backoffs.
fn fetch(server: &Server, args: &[&str], stdin: &[u8]) -> Output {
    server.run("fetch", args, stdin)
}

fn stdout_lines(out: &Output) -> Vec<String> {
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn nct_id_of(line: &str) -> String {
    let v: Value = serde_json::from_str(line).unwrap();
    v["protocolSection"]["identificationModule"]["nctId"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Serves the real records by id, each failing once first in its own way.
fn studies_server() -> Server {
    Server::start(|req, before| {
        let Some(id) = req.path.strip_prefix("/api/v2/studies/") else {
            return not_found();
        };
        if !RECORDS.contains(&id) {
            return not_found();
        }
        let body = serde_json::to_string(&record(id)).unwrap();
        match (id, before) {
            ("NCT00465816", 0) => unavailable(),
            ("NCT00973089", 0) => Reply::Truncated(body),
            ("NCT03418623", 0) => Reply::Slow(Duration::from_millis(1500), Box::new(unavailable())),
            _ => Reply::Json(body),
        }
    })
}

/// `trialnorm fetch … | head -c 0`: the reader is gone before the first record is written;
/// the command ends as `parse` does, killed by SIGPIPE, with nothing on standard error.
#[test]
fn a_closed_output_pipe_ends_fetch_quietly() {
    let body = serde_json::to_string(&record("NCT00465816")).unwrap();
    let server = Server::start(move |_, _| Reply::Json(body.clone()));
    for args in [&["NCT00465816"][..], &["--raw", "NCT00465816"]] {
        assert_ends_quietly_on_a_closed_pipe(server.command("fetch", args));
    }
}

#[test]
fn two_existing_ids_and_a_missing_one_give_two_records_and_name_the_missing() {
    let server = studies_server();
    let out = fetch(
        &server,
        &["--raw", "NCT00465816", "NCT00000000", "NCT00973089"],
        b"",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let lines = stdout_lines(&out);
    // Exactly the API's study objects, in the order asked, each once, despite a 503 and a
    // body cut short on the way.
    assert_eq!(
        lines,
        [
            serde_json::to_string(&record("NCT00465816")).unwrap(),
            serde_json::to_string(&record("NCT00973089")).unwrap(),
        ]
    );
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        ["trialnorm: NCT00000000: not found (404)"]
    );
    // The missing study is asked once (a 404 is not retried); the others twice.
    let requests = server.requests();
    let count = |id: &str| {
        requests
            .iter()
            .filter(|r| r.path == format!("/api/v2/studies/{id}"))
            .count()
    };
    assert_eq!(
        (
            count("NCT00465816"),
            count("NCT00000000"),
            count("NCT00973089")
        ),
        (2, 1, 2)
    );
}

#[test]
fn a_response_slower_than_the_timeout_is_retried() {
    let server = studies_server();
    let started = Instant::now();
    let out = fetch(&server, &["--raw", "nct03418623"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout_lines(&out).len(), 1);
    assert_eq!(nct_id_of(&stdout_lines(&out)[0]), "NCT03418623");
    // Not waiting out the server's 1.5 s: the 0.5 s timeout cut it.
    assert!(started.elapsed() < Duration::from_millis(1400));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn ids_from_standard_input_are_deduplicated_and_bad_ones_named() {
    let server = studies_server();
    let out = fetch(
        &server,
        &["--raw", "--ids", "-", "--retries", "3"],
        b"NCT00465816\n# a comment\nnct00465816, NCT0046581 # short\n\nNCT00973089\n",
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    let ids: Vec<String> = stdout_lines(&out).iter().map(|l| nct_id_of(l)).collect();
    assert_eq!(ids, ["NCT00465816", "NCT00973089"]);
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        ["trialnorm: NCT0046581: not an NCT id (expected NCT and 8 digits)"]
    );
}

/// An id on the command line of none of the forms fetch takes is a usage error, as clap's
/// own are: exit 2, the id and why named, nothing fetched. (Ids read from a file are input:
/// each bad one is named and the others fetched, above.)
#[test]
fn a_bad_id_argument_is_a_usage_error() {
    let server = studies_server();
    for (bad, why) in [
        ("NCT123", "not an NCT id (expected NCT and 8 digits)"),
        ("ISRCTN1234", "not an ISRCTN (expected ISRCTN and 8 digits)"),
        (
            "2022-003405-30",
            "not a study id: expected an NCT id (NCT and 8 digits), an ISRCTN (ISRCTN and 8 digits) or an EU CT number (such as 2023-507385-11-00)",
        ),
    ] {
        let out = fetch(&server, &["--raw", "NCT00465816", bad], b"");
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(2), "{bad}: {err}");
        assert!(out.stdout.is_empty());
        assert!(
            err.starts_with(&format!("error: invalid value '{bad}' for '[ID]...': {why}\n")),
            "{err}"
        );
    }
    assert!(server.requests().is_empty());
    // A file's id of no form says every form.
    let out = fetch(&server, &["--raw", "--ids", "-"], b"NCT00465816 foo\n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(stdout_lines(&out).len(), 1);
    assert!(stderr(&out).starts_with("trialnorm: foo: not a study id: expected an NCT id"));
}

#[test]
fn a_server_that_keeps_failing_is_given_up_on_naming_the_last_failure() {
    let server = Server::start(|req, _| {
        if req.path.ends_with("/NCT00465816") {
            Reply::Status(
                429,
                "Too Many Requests",
                vec![("Retry-After", "0".into())],
                String::new(),
            )
        } else {
            unavailable()
        }
    });
    let out = fetch(
        &server,
        &["--raw", "--retries", "2", "NCT00973089", "NCT00465816"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        [
            "trialnorm: NCT00973089: gave up after 3 attempts; last: HTTP 503 Service Unavailable",
            "trialnorm: NCT00465816: gave up after 3 attempts; last: HTTP 429 Too Many Requests",
        ]
    );
    assert_eq!(server.requests().len(), 6);
}

/// Serves `studies` as a search, `pageSize` at a time, page tokens being offsets.
fn page(studies: &[(String, String)], req: &Seen) -> Reply {
    let size: usize = req.query["pageSize"].parse().unwrap();
    let from: usize = req
        .query
        .get("pageToken")
        .map_or(0, |t| t.strip_prefix("after-").unwrap().parse().unwrap());
    let to = (from + size).min(studies.len());
    let mut body = String::from("{");
    if req.query.get("countTotal").map(String::as_str) == Some("true") {
        body.push_str(&format!("\"totalCount\":{},", studies.len()));
    }
    body.push_str("\"studies\":[");
    let texts: Vec<&str> = studies[from..to].iter().map(|(_, t)| t.as_str()).collect();
    body.push_str(&texts.join(","));
    body.push(']');
    if to < studies.len() {
        body.push_str(&format!(",\"nextPageToken\":\"after-{to}\""));
    }
    body.push('}');
    Reply::Json(body)
}

#[test]
fn a_search_over_three_pages_with_faults_gives_every_study_once() {
    let studies: Vec<(String, String)> = (0..300).map(synthesized).collect();
    let served = studies.clone();
    let server = Server::start(move |req, before| {
        assert_eq!(req.path, "/api/v2/studies");
        let token = req.query.get("pageToken").map(String::as_str);
        match (token, before) {
            (None, 0) => Reply::Status(
                429,
                "Too Many Requests",
                vec![("Retry-After", "1".into())],
                "slow down".into(),
            ),
            (Some("after-100"), 0) => Reply::Truncated(match page(&served, req) {
                Reply::Json(body) => body,
                _ => unreachable!(),
            }),
            (Some("after-100"), 1) => unavailable(),
            (Some("after-200"), 0) => {
                Reply::Slow(Duration::from_millis(1200), Box::new(unavailable()))
            }
            _ => page(&served, req),
        }
    });
    let out = fetch(
        &server,
        &[
            "--raw",
            "--query",
            "heart attack",
            "--status",
            "recruiting,completed",
            "--page-size",
            "100",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = stdout_lines(&out);
    assert_eq!(lines.len(), 300);
    let expected: Vec<&str> = studies.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(lines, expected, "every study once, in order, as served");
    let ids: HashSet<String> = lines.iter().map(|l| nct_id_of(l)).collect();
    assert_eq!(ids.len(), 300);

    let requests = server.requests();
    let tokens: Vec<Option<&str>> = requests
        .iter()
        .map(|r| r.query.get("pageToken").map(String::as_str))
        .collect();
    assert_eq!(
        tokens,
        [
            None,
            None,
            Some("after-100"),
            Some("after-100"),
            Some("after-100"),
            Some("after-200"),
            Some("after-200"),
        ]
    );
    for r in &requests {
        assert_eq!(r.query["query.term"], "heart attack");
        assert_eq!(r.query["filter.overallStatus"], "RECRUITING,COMPLETED");
        assert_eq!(r.query["pageSize"], "100");
        assert_eq!(
            r.query.contains_key("countTotal"),
            !r.query.contains_key("pageToken")
        );
    }
    // Retry-After: 1 was honoured although the backoff is 10 ms.
    assert!(requests[1].at - requests[0].at >= Duration::from_millis(950));
}

#[test]
fn a_search_dedupes_shifted_results_and_stops_at_max() {
    // The registry changed between pages: the second page repeats ten of the first.
    let mut studies: Vec<(String, String)> = (0..100).map(synthesized).collect();
    studies.extend((90..100).map(synthesized));
    studies.extend((100..290).map(synthesized));
    let served = studies.clone();
    let server = Server::start(move |req, _| page(&served, req));
    let out = fetch(
        &server,
        &[
            "--raw",
            "--condition",
            "asthma",
            "--page-size",
            "100",
            "--max",
            "250",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = stdout_lines(&out).iter().map(|l| nct_id_of(l)).collect();
    let expected: Vec<String> = (0..250).map(|n| format!("NCT9{n:07}")).collect();
    assert_eq!(ids, expected);
    // Three pages were needed (100 + 90 new + 60 of the third), no fourth.
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.query["query.cond"] == "asthma"));
}

#[test]
fn a_refused_search_names_the_api_reason() {
    let server = Server::start(|_, _| {
        Reply::Status(
            400,
            "Bad Request",
            vec![],
            "filter.overallStatus: unknown value BOGUS".into(),
        )
    });
    let out = fetch(&server, &["--query", "x", "--status", "bogus"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        ["trialnorm: search page 1: HTTP 400 Bad Request: filter.overallStatus: unknown value BOGUS"]
    );
    assert_eq!(server.requests().len(), 1, "a 400 is not retried");
}

#[test]
fn the_rate_limit_spaces_requests() {
    let server = studies_server();
    let out = Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(["fetch", "--raw", "--api-base", &server.base])
        .args(["--rate", "10", "--backoff", "0", "--timeout", "5"])
        .args(["NCT00000001", "NCT00000002", "NCT00000003", "NCT00000004"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let at: Vec<Instant> = server.requests().iter().map(|r| r.at).collect();
    assert_eq!(at.len(), 4);
    // Requests start 100 ms apart; the server sees each a little later, by a delay that
    // varies on a busy machine, so the bound is on the whole span, with slack.
    assert!(at[3] - at[0] >= Duration::from_millis(250), "{at:?}");
}

#[test]
fn the_api_base_comes_from_the_environment() {
    let server = studies_server();
    let out = Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args([
            "fetch",
            "--raw",
            "--rate",
            "0",
            "--backoff",
            "0",
            "NCT00973089",
        ])
        .env("TRIALNORM_API_BASE", &server.base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(nct_id_of(&stdout_lines(&out)[0]), "NCT00973089");
}

#[test]
fn ids_and_a_search_cannot_be_mixed() {
    let out = Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(["fetch", "NCT00973089", "--query", "x"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(["fetch"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn json_cut_short_without_a_content_length_is_retried() {
    let studies: Vec<(String, String)> = (0..30).map(synthesized).collect();
    let served = studies.clone();
    let server = Server::start(move |req, before| match (page(&served, req), before) {
        (Reply::Json(body), 0) => Reply::CutUnsized(body),
        (reply, _) => reply,
    });
    let out = fetch(
        &server,
        &["--raw", "--query", "x", "--page-size", "10"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines = stdout_lines(&out);
    let expected: Vec<&str> = studies.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(lines, expected);
    // Each of the three pages was cut once, then served whole.
    assert_eq!(server.requests().len(), 6);
}

#[test]
fn a_complete_answer_that_is_not_the_api_is_an_error_not_retried() {
    let server = Server::start(|_, _| Reply::Json("<html><body>Maintenance</body></html>".into()));
    let out = fetch(&server, &["--raw", "NCT00465816"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let err = stderr(&out);
    assert!(
        err.starts_with("trialnorm: NCT00465816: unexpected response: expected value at line 1"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_search_whose_pages_loop_stops_with_an_error() {
    let study = synthesized(0).1;
    let server = Server::start(move |req, _| {
        let next = match req.query.get("pageToken").map(String::as_str) {
            None | Some("b") => "a",
            Some(_) => "b",
        };
        Reply::Json(format!(
            "{{\"studies\":[{study}],\"nextPageToken\":\"{next}\"}}"
        ))
    });
    let out = fetch(&server, &["--raw", "--query", "loop"], b"");
    assert_eq!(out.status.code(), Some(1));
    // Pages 1 (→ a), 2 (a → b) and 3 (b → a again) are read; the study is written once.
    assert_eq!(stdout_lines(&out).len(), 1);
    assert_eq!(
        stderr(&out).lines().collect::<Vec<_>>(),
        ["trialnorm: search page 3: unexpected response: the next page token \"a\" was already followed: the pages loop"]
    );
    assert_eq!(server.requests().len(), 3);
}

#[test]
fn an_alias_served_as_a_study_already_written_is_not_written_again() {
    // The API answers an old id with the study it was merged into.
    let server = Server::start(|req, _| match req.path.rsplit('/').next() {
        Some("NCT00973089" | "NCT00000099") => {
            Reply::Json(serde_json::to_string(&record("NCT00973089")).unwrap())
        }
        _ => not_found(),
    });
    let out = fetch(
        &server,
        &["--raw", "NCT00973089", "NCT00000099", "NCT00973089"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = stdout_lines(&out).iter().map(|l| nct_id_of(l)).collect();
    assert_eq!(ids, ["NCT00973089"]);
    // The repeated id is not even asked again.
    assert_eq!(server.requests().len(), 2);
}

/// Runs `trialnorm parse` on `input` given on standard input.
fn parse_stdin(input: &[u8]) -> Output {
    crate::util::trialnorm_with_stdin(&["parse", "-"], input)
}

#[test]
fn normalized_records_by_default_and_a_raw_download_parses_to_the_same() {
    let server = studies_server();
    let out = fetch(&server, &["NCT00465816", "NCT00000000", "NCT00973089"], b"");
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert_eq!(
        err.lines().collect::<Vec<_>>(),
        ["trialnorm: NCT00000000: not found (404)"]
    );
    let normalized = stdout_lines(&out);
    assert_eq!(normalized.len(), 2);
    for (line, id) in normalized.iter().zip(["NCT00465816", "NCT00973089"]) {
        let trial: Value = serde_json::from_str(line).unwrap();
        let source = record(id);
        assert_eq!(trial["ids"]["nct_id"], id);
        assert_eq!(trial["source"]["format"], "ctgov-api-v2-json");
        assert_eq!(
            trial["ids"]["org_study_id"],
            source["protocolSection"]["identificationModule"]["orgStudyIdInfo"]["id"]
        );
    }
    // NCT00973089's brief title, as the record gives it.
    let second: Value = serde_json::from_str(&normalized[1]).unwrap();
    assert_eq!(
        second["titles"]["brief"],
        "Alternative Treatment of Deep Carious Lesions Based on Biological Evidences"
    );

    // The same studies downloaded raw, archived, and parsed later give the same records.
    let raw = fetch(&server, &["--raw", "NCT00465816", "NCT00973089"], b"");
    assert_eq!(raw.status.code(), Some(0), "{}", stderr(&raw));
    let reparsed = parse_stdin(&raw.stdout);
    assert_eq!(reparsed.status.code(), Some(0), "{}", stderr(&reparsed));
    assert_eq!(stdout_lines(&reparsed), normalized);
}

#[test]
fn a_normalized_search_over_three_pages_with_a_fault_gives_300_distinct_records() {
    let studies: Vec<(String, String)> = (0..300).map(synthesized).collect();
    let served = studies.clone();
    let server = Server::start(move |req, before| {
        match (req.query.get("pageToken").map(String::as_str), before) {
            (Some("after-200"), 0) => unavailable(),
            _ => page(&served, req),
        }
    });
    let out = fetch(&server, &["--query", "x", "--page-size", "100"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ids: Vec<String> = stdout_lines(&out)
        .iter()
        .map(|l| {
            let trial: Value = serde_json::from_str(l).unwrap();
            trial["ids"]["nct_id"].as_str().unwrap().to_string()
        })
        .collect();
    let expected: Vec<String> = studies.into_iter().map(|(id, _)| id).collect();
    assert_eq!(ids, expected);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 300);
    assert_eq!(server.requests().len(), 4);
}

#[test]
fn json_lines_of_studies_read_one_record_per_line_and_errors_name_their_line() {
    let mut input = String::new();
    for id in ["NCT00465816", "NCT00973089"] {
        input.push_str(&serde_json::to_string(&record(id)).unwrap());
        input.push('\n');
    }
    input.push_str("{\"protocolSection\": {\"identificationModule\": {\"nctId\": 5}}}\n\n");
    input.push_str(&serde_json::to_string(&record("NCT03418623")).unwrap());
    let records = trialnorm::parse_all(input.as_bytes(), None).unwrap();
    assert_eq!(records.len(), 4);
    let ids: Vec<Option<String>> = records
        .iter()
        .map(|r| r.as_ref().ok().and_then(|t| t.ids.nct_id.clone()))
        .collect();
    assert_eq!(
        ids,
        [
            Some("NCT00465816".to_string()),
            Some("NCT00973089".to_string()),
            None,
            Some("NCT03418623".to_string()),
        ]
    );
    let err = records[2].as_ref().unwrap_err().to_string();
    assert!(
        err.starts_with("malformed ctgov-api-v2-json: invalid type: integer `5`")
            && err.contains(" at line 3 column "),
        "{err}"
    );
}
