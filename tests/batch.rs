//! Batch ingestion through the command line: a directory mixing plain files, a zip, a gzip
//! file and broken files, parsed with one command; every record is accounted for. (Hostile
//! file systems are `batch_hazards`.)

use crate::util::*;

use std::path::Path;

use serde_json::{json, Value};

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds/");

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(format!("{SEEDS}{name}")).unwrap()
}

fn json_lines(bytes: &[u8]) -> Vec<Value> {
    String::from_utf8(bytes.to_vec())
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The mixed directory: what each file holds is listed beside it, in walk order.
fn mixed_dir(dir: &Path) {
    let classic = seed("NCT00479934.txt");
    let veeva = seed("NCT06722105.txt");
    write(dir, "a-classic.txt", &classic); // NCT00479934
    write(dir, "b-empty.txt", b"  \n"); // error: empty
    write(
        dir,
        "c-pages.zip",
        &zip(&[
            ("veeva.txt", &veeva),                           // NCT06722105
            ("notes.txt", b"Meeting notes, no trial here."), // error: unrecognized
            ("classic.txt", &classic),                       // NCT00479934
        ]),
    );
    write(dir, "d-veeva.txt.gz", &gzip(&veeva)); // NCT06722105
    write(dir, "e/nested/classic.txt", &classic); // NCT00479934
    write(dir, "f-random.bin", &[0u8, 1, 2, 3, 0, 0, 7]); // error: binary
    write(dir, ".hidden.txt", &classic); // skipped: hidden
}

#[test]
fn a_mixed_directory_is_parsed_in_order_and_every_record_accounted_for() {
    let dir = scratch("batch", "mixed");
    let input = dir.join("in");
    mixed_dir(&input);
    let errors = dir.join("errors.jsonl");
    // A glob is expanded in sorted order (a directory walk takes the file system's order),
    // and a directory it matches (`e/`) is walked.
    let pattern = format!("{}/*", input.display());
    let args = [
        "parse",
        &pattern,
        "--errors",
        errors.to_str().unwrap(),
        "--jobs",
        "2",
    ];
    let out = trialnorm(&args);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{stderr}");

    let ids: Vec<String> = json_lines(&out.stdout)
        .iter()
        .map(|v| v["ids"]["nct_id"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "NCT00479934",
            "NCT06722105",
            "NCT00479934",
            "NCT06722105",
            "NCT00479934"
        ],
        "records in walk order: {stderr}"
    );

    let errs = json_lines(&std::fs::read(&errors).unwrap());
    let named: Vec<(String, Value, String)> = errs
        .iter()
        .map(|e| {
            let input = e["input"].as_str().unwrap();
            let file = Path::new(input)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .to_string();
            (
                file,
                e["position"].clone(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(named.len(), 3, "{errs:?}");
    assert_eq!(
        (named[0].0.as_str(), &named[0].1),
        ("b-empty.txt", &Value::Null)
    );
    assert_eq!(named[0].2, "empty input");
    assert_eq!(
        (named[1].0.as_str(), named[1].1.as_str()),
        ("c-pages.zip", Some("notes.txt"))
    );
    assert!(
        named[1].2.starts_with("unrecognized format"),
        "{}",
        named[1].2
    );
    assert_eq!(named[2].0, "f-random.bin");
    assert!(named[2].2.starts_with("binary data"), "{}", named[2].2);

    // The stderr lines name the same failures, and the summary adds up.
    let error_lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("trialnorm: "))
        .collect();
    assert_eq!(error_lines.len(), 3, "{stderr}");
    assert!(
        error_lines[1].contains("c-pages.zip:notes.txt: unrecognized format"),
        "{stderr}"
    );
    assert!(
        stderr.contains("summary: 8 records read, 5 parsed, 3 failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  ctgov-classic-text: 3 parsed, 0 failed"),
        "{stderr}"
    );
    assert!(
        stderr.contains("  veeva-text: 2 parsed, 0 failed"),
        "{stderr}"
    );
    assert!(stderr.contains("  unknown: 0 parsed, 3 failed"), "{stderr}");

    // One job gives the same bytes: the order does not depend on the threads.
    let one = trialnorm(&["parse", &pattern, "--jobs", "1"]);
    assert_eq!(one.stdout, out.stdout);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn globs_json_lines_and_quiet() {
    let dir = scratch("batch", "glob");
    mixed_dir(&dir);
    let pattern = format!("{}/*.txt", dir.display());
    let out = trialnorm(&["parse", &pattern, "--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        json_lines(&out.stdout).len(),
        1,
        "a-classic.txt only parses"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr.lines().count(),
        1,
        "only b-empty.txt's error line: {stderr}"
    );
    assert!(stderr.starts_with(&format!(
        "trialnorm: {}/b-empty.txt: empty input",
        dir.display()
    )));

    let none = trialnorm(&["parse", &format!("{}/*.nothing", dir.display())]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("no file matches this pattern"));

    // A directory with no file in it gives nothing: an error line, exit 1, in parse, detect
    // and compare (which would print a comparison of no trial).
    let empty = dir.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let empty = empty.display().to_string();
    for command in ["parse", "detect", "compare"] {
        let out = trialnorm(&[command, &empty]);
        assert_eq!(out.status.code(), Some(1), "{command}");
        // detect gives every input its line, as it does any unreadable one.
        let line = if command == "detect" {
            format!("{empty}\tunreadable\n")
        } else {
            String::new()
        };
        assert_eq!(String::from_utf8_lossy(&out.stdout), line, "{command}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with(&format!("trialnorm: {empty}: an empty directory")),
            "{command}: {stderr}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// One JSON document as one compact line, as `fetch --raw` writes each study.
fn compact(bytes: &[u8]) -> String {
    serde_json::to_string(&serde_json::from_slice::<Value>(bytes).unwrap()).unwrap()
}

/// The issue's "done when": every supported format, the real bulk-download zip, a gzip file,
/// a JSON Lines file of raw API records and broken files, in one directory and one command.
#[test]
fn every_format_archives_json_lines_and_broken_files_in_one_run() {
    let dir = scratch("batch", "every");
    let input = dir.join("in");
    let v2 = [
        "ctgov-api-v2/NCT00465816.json",
        "ctgov-api-v2/NCT00973089.json",
    ];
    // (file, bytes, records it holds, broken records among them)
    write(&input, "classic.txt", &seed("NCT00479934.txt")); // 1
    write(&input, "veeva.txt", &seed("NCT06722105.txt")); // 1
    write(&input, "study.xml", &fixture("ctgov-xml/NCT03133988.xml")); // 1
    write(&input, "v2.json", &fixture(v2[0])); // 1
    write(&input, "v1.json", &fixture("ctgov-api-v1/NCT00023673.json")); // 1
    write(
        &input,
        "bulk.zip",
        &file("tests/data/batch/download_xml_files.zip"),
    ); // 2
    write(
        &input,
        "gz/study.xml.gz",
        &gzip(&fixture("ctgov-xml/NCT03435185.xml")),
    ); // 1
    let jsonl = format!(
        "{}\n{}\n{{\"protocolSection\": [\"not a study\"]}}\n",
        compact(&fixture(v2[0])),
        compact(&fixture(v2[1]))
    );
    write(&input, "raw.jsonl", jsonl.as_bytes()); // 3, line 3 broken
    write(&input, "z-broken/empty.xml", b""); // 1 broken
    write(
        &input,
        "z-broken/cut.xml",
        &fixture("ctgov-xml/NCT03133988.xml")[..400],
    ); // 1 broken
    write(
        &input,
        "z-broken/feed.xml",
        &fixture("not-a-study/empty_search.xml"),
    ); // 1 broken
    let records_in = 1 + 1 + 1 + 1 + 1 + 2 + 1 + 3 + 3;

    let errors = dir.join("errors.jsonl");
    let out = trialnorm(&[
        "parse",
        input.to_str().unwrap(),
        "--errors",
        errors.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let records = json_lines(&out.stdout);
    let errs = json_lines(&std::fs::read(&errors).unwrap());
    assert_eq!(records.len() + errs.len(), records_in, "{stderr}");
    assert_eq!(errs.len(), 4, "{errs:#?}");
    assert!(stderr.contains(&format!(
        "summary: {records_in} records read, {} parsed, 4 failed",
        records_in - 4
    )));

    let formats: std::collections::BTreeSet<&str> = records
        .iter()
        .map(|r| r["source"]["format"].as_str().unwrap())
        .collect();
    assert_eq!(
        formats.into_iter().collect::<Vec<_>>(),
        [
            "ctgov-api-v1-json",
            "ctgov-api-v2-json",
            "ctgov-classic-text",
            "ctgov-xml",
            "veeva-text"
        ]
    );
    // Every study comes out (in the walk's order, which is the file system's: compared
    // sorted here; the order of a zip's entries and of JSON lines is pinned elsewhere).
    let mut ids: Vec<&str> = records
        .iter()
        .map(|r| r["ids"]["nct_id"].as_str().unwrap())
        .collect();
    ids.sort();
    let mut want = [
        "NCT00513591", // bulk.zip: NCT00513591.xml
        "NCT00482794", // bulk.zip: NCT00482794.xml
        "NCT00479934", // classic.txt
        "NCT03435185", // gz/study.xml.gz
        "NCT00465816", // raw.jsonl line 1
        "NCT00973089", // raw.jsonl line 2
        "NCT03133988", // study.xml
        "NCT00023673", // v1.json
        "NCT00465816", // v2.json
        "NCT06722105", // veeva.txt
    ];
    want.sort();
    assert_eq!(ids, want);

    // The errors file names each broken record, with its place and detected format.
    let prefix = format!("{}/", input.display());
    let mut named: Vec<(String, Value, Value)> = errs
        .iter()
        .map(|e| {
            let name = e["input"].as_str().unwrap();
            let rel = name.strip_prefix(&prefix).unwrap_or(name);
            (rel.to_string(), e["position"].clone(), e["format"].clone())
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        named,
        [
            (
                "raw.jsonl".into(),
                json!("line 3"),
                json!("ctgov-api-v2-json")
            ),
            ("z-broken/cut.xml".into(), Value::Null, json!("ctgov-xml")),
            ("z-broken/empty.xml".into(), Value::Null, Value::Null),
            ("z-broken/feed.xml".into(), Value::Null, Value::Null),
        ]
    );
    std::fs::remove_dir_all(dir).unwrap();
}

/// A malformed line of a JSON Lines file: the label names the line and the position counts
/// in the whole file too (line 5, not "line 1" of the line alone), plain or gzipped, as the
/// library's `parse_all` of the same bytes says.
#[test]
fn json_lines_errors_count_their_position_in_the_whole_file() {
    let dir = scratch("batch", "jsonl-position");
    let mut lines: Vec<String> = [
        "ctgov-api-v2/NCT00465816.json",
        "ctgov-api-v2/NCT00973089.json",
        "ctgov-api-v2/NCT03453554.json",
        "ctgov-api-v2/NCT03475563.json",
    ]
    .iter()
    .map(|rel| compact(&fixture(rel)))
    .collect();
    lines.push(r#"{"protocolSection": 5}"#.into());
    lines.push(compact(&fixture("ctgov-api-v2/NCT02278341.json")));
    let text = lines.join("\n") + "\n";
    write(&dir, "raw.jsonl", text.as_bytes());
    write(&dir, "raw.jsonl.gz", &gzip(text.as_bytes()));
    let library = trialnorm::parse_all(text.as_bytes(), None).unwrap();
    let Some(Err(e)) = library.get(4) else {
        panic!("the fifth record fails: {library:?}")
    };
    let at = "expected struct Protocol at line 5 column 21";
    assert!(e.to_string().ends_with(at), "{e}");
    for name in ["raw.jsonl", "raw.jsonl.gz"] {
        let path = dir.join(name);
        let errors = dir.join(format!("{name}.errors"));
        let (code, out, err) = cli(&[
            "parse",
            "--quiet",
            path.to_str().unwrap(),
            "--errors",
            errors.to_str().unwrap(),
        ]);
        assert_eq!(code, Some(1), "{err}");
        assert_eq!(out.lines().count(), 5);
        let label = format!("{}:line 5: malformed ctgov-api-v2-json: ", path.display());
        assert!(
            err.contains(&label) && err.trim_end().ends_with(at),
            "{err}"
        );
        let entry: Value =
            serde_json::from_str(&std::fs::read_to_string(&errors).unwrap()).unwrap();
        assert_eq!(entry["position"], "line 5");
        assert!(entry["reason"].as_str().unwrap().ends_with(at), "{entry}");
    }
}
