//! The command line: exit codes, error lines and output shape.

use crate::util::*;

#[test]
fn parse_writes_json_lines_and_exits_zero() {
    let out = trialnorm(&[
        "parse",
        "fixtures/seeds/NCT00479934.txt",
        "fixtures/seeds/NCT06722105.txt",
    ]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let ids: Vec<String> = stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["ids"]["nct_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids, ["NCT00479934", "NCT06722105"]);
}

#[test]
fn a_bad_input_fails_alone_with_one_named_error_line() {
    let out = trialnorm_with_stdin(
        &[
            "parse",
            "fixtures/seeds/NCT00479934.txt",
            "-",
            "no/such/file.txt",
        ],
        b"\x00\x01binary",
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap().lines().count(),
        1,
        "the good record is still written"
    );
    let stderr = String::from_utf8(out.stderr).unwrap();
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("trialnorm: "))
        .collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        stderr.contains("summary: 3 records read, 1 parsed, 2 failed"),
        "the closing summary accounts for every input: {stderr}"
    );
    assert!(
        lines[0].starts_with("trialnorm: -: binary data"),
        "{stderr}"
    );
    assert!(
        lines[1].starts_with("trialnorm: no/such/file.txt: "),
        "{stderr}"
    );
}

#[test]
fn empty_and_unknown_inputs_are_named_errors() {
    let out = trialnorm_with_stdin(&["parse", "-"], b"   \n");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).lines().next(),
        Some("trialnorm: -: empty input")
    );
    assert!(out.stdout.is_empty());
    let out = trialnorm_with_stdin(&["parse"], b"Just some notes about a trial.");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unrecognized format"));
}

#[test]
fn usage_errors_exit_two() {
    assert_eq!(
        trialnorm(&["parse", "--format", "pdf", "x"]).status.code(),
        Some(2)
    );
    assert_eq!(trialnorm(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn detect_prints_input_and_format() {
    let out = trialnorm(&[
        "detect",
        "fixtures/seeds/NCT06722105.txt",
        "fixtures/seeds/NCT00479934.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "fixtures/seeds/NCT06722105.txt\tveeva-text\nfixtures/seeds/NCT00479934.txt\tctgov-classic-text\n"
    );
}

#[test]
fn forced_format_of_the_wrong_site_is_an_error_not_a_record() {
    let out = trialnorm(&[
        "parse",
        "--format",
        "veeva-text",
        "fixtures/seeds/NCT00479934.txt",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
}

#[test]
fn pretty_output_and_output_file() {
    let dir = std::env::temp_dir().join(format!("trialnorm-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("out.json");
    let out = trialnorm(&[
        "parse",
        "--pretty",
        "--output",
        file.to_str().unwrap(),
        "fixtures/seeds/NCT06722105.txt",
    ]);
    assert_eq!(out.status.code(), Some(0));
    let written = std::fs::read_to_string(&file).unwrap();
    assert!(written.starts_with("{\n  \"schema_version\": \"2\""));
    let v: serde_json::Value = serde_json::from_str(&written).unwrap();
    assert_eq!(v["source"]["registry"], "VEEVA");
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn schema_command_prints_the_checked_in_schema() {
    let out = trialnorm(&["schema"]);
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let on_disk: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/trial.schema.json"
        ))
        .unwrap(),
    )
    .unwrap();
    assert_eq!(printed, on_disk);
}

/// Counts agree with their nouns: one record read is "1 record", a comparison of one trial is
/// "1 trial"; other counts keep the plural.
#[test]
fn printed_counts_agree_with_their_nouns() {
    let (code, _, err) = cli(&["parse", "fixtures/seeds/NCT00479934.txt"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("summary: 1 record read, 1 parsed, 0 failed"),
        "{err}"
    );
    let (code, _, err) = cli(&[
        "parse",
        "fixtures/seeds/NCT00479934.txt",
        "fixtures/seeds/NCT06722105.txt",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        err.contains("summary: 2 records read, 2 parsed, 0 failed"),
        "{err}"
    );
    let (code, out, err) = cli(&["compare", "fixtures/seeds/NCT00479934.txt"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.starts_with("# Comparison of 1 trial\n"), "{out}");
    assert!(
        out.contains("marks the 0 rows whose values differ"),
        "{out}"
    );
    let (code, out, err) = cli(&[
        "compare",
        "--as",
        "html",
        "fixtures/seeds/NCT00479934.txt",
        "fixtures/seeds/NCT06722105.txt",
    ]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("<h1>Comparison of 2 trials</h1>"), "{out}");
}

/// The help says what the tool reads and fetches: every registry it has a reader for, and
/// fetch's three kinds of id.
#[test]
fn help_names_every_registry_read_and_fetched() {
    let (code, help, _) = cli(&["--help"]);
    assert_eq!(code, Some(0));
    for source in [
        "ClinicalTrials.gov",
        "ClinicalTrials.Veeva",
        "WHO ICTRP",
        "EU CTR",
        "CTIS",
        "ISRCTN",
    ] {
        assert!(
            help.lines().next().unwrap().contains(source),
            "{source}: {help}"
        );
    }
    assert!(help.contains("Fetch studies by id or by search from the ClinicalTrials.gov API v2, and trials by ISRCTN or EU CT number"), "{help}");
    let (code, help, _) = cli(&["fetch", "--help"]);
    assert_eq!(code, Some(0));
    assert!(help.starts_with("Fetch studies by id or by search from the ClinicalTrials.gov API v2, and trials by ISRCTN or EU CT number from the ISRCTN registry and CTIS\n"), "{help}");
    assert!(help.contains("ISRCTN's XML, CTIS's trial JSON"), "{help}");
    assert!(
        help.contains("--isrctn-base") && help.contains("--ctis-base"),
        "{help}"
    );
}

/// `history` takes NCT ids only: it offers the ClinicalTrials.gov API's options, not the
/// other registries' API bases that only `fetch` uses.
#[test]
fn history_help_offers_no_other_registry_bases() {
    let (code, help, _) = cli(&["history", "--help"]);
    assert_eq!(code, Some(0));
    assert!(
        help.contains("--api-base") && help.contains("--rate"),
        "{help}"
    );
    assert!(
        !help.contains("--isrctn-base") && !help.contains("--ctis-base"),
        "{help}"
    );
    let (code, _, err) = cli(&["history", "--isrctn-base", "http://x", "NCT00000102"]);
    assert_eq!(code, Some(2), "{err}");
}

/// `detect` and `compare` read inputs through the batch layer as `parse` does: a directory
/// gives its files, and a missing file is `cannot open: …` in every command (`diff` too,
/// which takes two files).
#[test]
fn detect_compare_and_diff_read_inputs_as_parse_does() {
    let missing = "no/such/input.json";
    let cannot = format!("trialnorm: {missing}: cannot open: No such file or directory");
    let (code, out, err) = cli(&["detect", "fixtures/ctgov-xml", missing]);
    assert_eq!(code, Some(1), "{err}");
    let files = std::fs::read_dir("fixtures/ctgov-xml").unwrap().count();
    // A line for every input, the one that cannot be opened too (its reason on stderr).
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), files + 1, "{out}");
    assert!(
        lines[..files]
            .iter()
            .all(|l| l.starts_with("fixtures/ctgov-xml/") && l.ends_with("\tctgov-xml")),
        "{out}"
    );
    assert_eq!(lines[files], format!("{missing}\tunreadable"));
    assert!(
        err.contains(&cannot) && !err.contains("Is a directory"),
        "{err}"
    );
    let (code, out, err) = cli(&["compare", "fixtures/ctis", "--as", "csv"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(
        out.starts_with("section,field,differs,NCT05697861\n"),
        "{out}"
    );
    let (code, _, err) = cli(&["compare", "fixtures/ctis", missing]);
    assert_eq!(code, Some(1));
    assert!(err.contains(&cannot), "{err}");
    let (code, _, err) = cli(&["diff", missing, "fixtures/seeds/NCT00479934.txt"]);
    assert_eq!(code, Some(2));
    assert!(err.contains(&cannot), "{err}");
    let (code, _, err) = cli(&["parse", "--quiet", missing]);
    assert_eq!(code, Some(1));
    assert!(err.contains(&cannot), "{err}");
    let (code, _, err) = cli(&["diff", "fixtures/ctis", "fixtures/seeds/NCT00479934.txt"]);
    assert_eq!(code, Some(2));
    assert!(
        err.contains("trialnorm: fixtures/ctis: not a regular file (a directory)"),
        "{err}"
    );
}
