//! Bad input gets a clear error or a valid record: never a panic, never an endless loop, never
//! a made-up record. Each case runs on its own thread with a deadline, so a hang fails the
//! test instead of stalling the suite. The deadline is generous (a debug build on a loaded
//! 2-core machine): this checks termination, not speed, which the benches measure.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use trialnorm::{parse_all, Error, Format, Trial};

const DEADLINE: Duration = Duration::from_secs(120);

type Outcome = Result<Vec<Result<Trial, Error>>, Error>;

/// Parses on a 2 MiB-stack thread (the size of a test or worker thread) and waits for it.
fn run(label: &str, bytes: Vec<u8>, format: Option<Format>) -> Outcome {
    run_within(label, bytes, format, DEADLINE)
}

/// [`run`] with its own deadline.
fn run_within(label: &str, bytes: Vec<u8>, format: Option<Format>, deadline: Duration) -> Outcome {
    let (tx, rx) = mpsc::channel();
    let handle = thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let _ = tx.send(parse_all(&bytes, format));
        })
        .unwrap();
    match rx.recv_timeout(deadline) {
        Ok(out) => {
            handle.join().unwrap();
            out
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{label}: no answer within {deadline:?}"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{label}: the parser panicked"),
    }
}

/// A record that came out of bad input must still be a record: it names its study, by its
/// NCT id or (a record of another registry) by its own number there.
fn assert_sane(label: &str, out: &Outcome) {
    if let Ok(records) = out {
        for t in records.iter().flatten() {
            let id = t.ids.nct_id.as_deref().unwrap_or("");
            let named = (id.len() == 11 && id.starts_with("NCT")) || !t.ids.registry_ids.is_empty();
            assert!(
                named,
                "{label}: a record without a valid NCT id or registry number came out: {id:?}"
            );
        }
    }
}

fn fixtures() -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures"
    ))];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "criteria") {
                    dirs.push(p);
                }
            } else if p.extension().is_some_and(|x| x != "md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn name(p: &Path) -> String {
    p.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(p)
        .display()
        .to_string()
}

/// A small deterministic generator: the cases must be the same on every run.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }
}

#[test]
fn empty_and_blank_inputs_are_empty() {
    for bytes in [
        &b""[..],
        b" ",
        b"\n\n\t  \r\n",
        b"\xEF\xBB\xBF",
        b"\xEF\xBB\xBF  \n",
    ] {
        let out = run("blank", bytes.to_vec(), None);
        assert!(matches!(out, Err(Error::Empty)), "{bytes:?} gave {out:?}");
    }
}

#[test]
fn random_bytes_are_rejected_not_read() {
    let mut rng = Lcg(7);
    for len in [1usize, 2, 16, 100, 4096, 65536] {
        for _ in 0..8 {
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            let out = run("random", bytes, None);
            assert!(out.is_err(), "random bytes of length {len} gave records");
        }
    }
}

#[test]
fn every_fixture_cut_short_errors_or_reads() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        let format = trialnorm::detect(&bytes).ok();
        let step = (bytes.len() / 24).max(1);
        let mut cuts: Vec<usize> = (0..bytes.len()).step_by(step).collect();
        cuts.extend([
            1,
            2,
            bytes.len().saturating_sub(1),
            bytes.len().saturating_sub(2),
        ]);
        for cut in cuts {
            let label = format!("{} cut at {cut}", name(&path));
            let piece = bytes[..cut.min(bytes.len())].to_vec();
            assert_sane(&label, &run(&label, piece.clone(), None));
            if format.is_some() {
                assert_sane(&label, &run(&label, piece, format));
            }
        }
    }
}

#[test]
fn every_fixture_under_every_other_format_errors_or_reads() {
    for path in fixtures() {
        let bytes = std::fs::read(&path).unwrap();
        for f in Format::ALL {
            let label = format!("{} as {f}", name(&path));
            assert_sane(&label, &run(&label, bytes.clone(), Some(f)));
        }
    }
}

#[test]
fn text_pages_of_one_registry_forced_as_the_other_are_errors() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds/");
    let classic = std::fs::read(format!("{dir}NCT00479934.txt")).unwrap();
    let veeva = std::fs::read(format!("{dir}NCT06722105.txt")).unwrap();
    assert!(matches!(
        run("classic as veeva", classic, Some(Format::VeevaText)),
        Err(_) | Ok(_)
    ));
    let out = run("veeva as classic", veeva, Some(Format::CtgovClassicText));
    let records: Vec<_> = out.into_iter().flatten().flatten().collect();
    assert!(
        records.is_empty(),
        "a Veeva page read as a classic page must not make a record"
    );
}

#[test]
fn invalid_utf8_and_legacy_encodings_are_decoded_with_a_warning() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seeds/NCT00479934.txt"
    );
    // "≤" has no Windows-1252 byte; everything else on the page has one.
    let utf8 = std::fs::read_to_string(path).unwrap().replace('≤', "<=");
    let want = trialnorm::parse(utf8.as_bytes(), None).unwrap();
    let (latin1, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&utf8);
    assert!(!unmappable, "the seed is representable in Windows-1252");
    let got = trialnorm::parse(&latin1, None).unwrap();
    assert_eq!(got.warnings.len(), 1);
    assert_eq!(got.warnings[0].code, trialnorm::WarningCode::LegacyEncoding);
    let mut without = got.clone();
    without.warnings.clear();
    assert_eq!(
        without, want,
        "a Windows-1252 copy of the page reads as the UTF-8 page"
    );
    assert!(got
        .sites
        .iter()
        .any(|s| s.facility.as_deref().is_some_and(|f| f.contains("Hôpital"))));

    // A stray invalid byte in otherwise UTF-8 text: read, with the warning, never a panic.
    let mut broken = utf8.into_bytes();
    broken.insert(100, 0xFF);
    let t = trialnorm::parse(&broken, None).unwrap();
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT00479934"));
    assert!(t
        .warnings
        .iter()
        .any(|w| w.code == trialnorm::WarningCode::LegacyEncoding));
}

#[test]
fn a_50_mb_single_line_is_a_clear_error() {
    let line = "x".repeat(50 * 1024 * 1024);
    let out = run("50 MB line", line.into_bytes(), None);
    assert!(
        matches!(out, Err(Error::UnknownFormat(_))),
        "{:?}",
        out.map(|r| r.len())
    );
    let mut page = b"ClinicalTrials.gov Identifier: ".to_vec();
    page.extend(std::iter::repeat_n(b'y', 50 * 1024 * 1024));
    let out = run("50 MB classic line", page, None);
    assert!(out.into_iter().flatten().flatten().next().is_none());
}

#[test]
fn deeply_nested_json_fails_cleanly() {
    let depth = 100_000;
    let mut s = String::from("{\"protocolSection\":");
    s.push_str(&"[".repeat(depth));
    s.push_str(&"]".repeat(depth));
    s.push('}');
    let out = run("deep JSON", s.into_bytes(), None);
    let records: Vec<_> = out.into_iter().flatten().flatten().collect();
    assert!(records.is_empty());
}

#[test]
fn xml_entities_are_never_expanded() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY xxe SYSTEM "file:///etc/passwd">
]>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>
<brief_title>&lol9; &xxe;</brief_title></clinical_study>"#;
    let out = run("entity bomb", bomb.as_bytes().to_vec(), None);
    if let Ok(records) = &out {
        for t in records.iter().flatten() {
            let title = t.titles.brief.clone().unwrap_or_default();
            assert!(title.len() < 1000, "entities were expanded");
            assert!(!title.contains("root:"), "an external entity was read");
        }
    }
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let mut page = String::from(
        "<!DOCTYPE html><html><body><p>ClinicalTrials.gov Identifier: NCT00479934</p>",
    );
    page.push_str(&"<div>".repeat(10_000));
    page.push_str("deep <script>var a = '</div>';</script><!-- <div> -->");
    page.push_str(&"</div>".repeat(10_000));
    page.push_str("<a href=\"/ct2/show/NCT00479934\">x</a></body></html>");
    let out = run("deep HTML", page.into_bytes(), None);
    assert_sane("deep HTML", &out);
}

#[test]
fn deeply_indented_criteria_do_not_overflow() {
    let mut page = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seeds/NCT00479934.txt"
    ))
    .unwrap();
    let mut deep = String::from("Inclusion Criteria:\n\n");
    for i in 0..5_000 {
        deep.push_str(&format!("{}- level {i}\n", " ".repeat(i)));
    }
    page = page.replacen("Inclusion Criteria:\n", &deep, 1);
    let out = run("deep criteria", page.into_bytes(), None);
    assert_sane("deep criteria", &out);
    let t = out.unwrap().remove(0).unwrap();
    serde_json::to_string(&t).expect("a deep record still serializes");
}

#[test]
fn registry_documents_that_are_not_studies_say_so() {
    let rss = br#"<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>ClinicalTrials.gov: covid-19</title></channel></rss>"#;
    assert!(matches!(
        run("rss", rss.to_vec(), None),
        Err(Error::NotAStudy(_))
    ));
}

#[test]
fn in_a_batch_every_input_is_accounted_for() {
    let dir = std::env::temp_dir().join(format!("trialnorm-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let seeds = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/seeds/");
    let good = std::fs::read(format!("{seeds}NCT00479934.txt")).unwrap();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("good.txt", good.clone()),
        ("empty.txt", Vec::new()),
        (
            "random.bin",
            (0..4096u32)
                .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
                .collect(),
        ),
        (
            "feed.xml",
            b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel/></rss>".to_vec(),
        ),
        ("truncated.txt", good[..good.len() / 3].to_vec()),
        (
            "veeva.txt",
            std::fs::read(format!("{seeds}NCT06722105.txt")).unwrap(),
        ),
    ];
    let mut args = vec!["parse".to_string()];
    for (name, bytes) in &cases {
        let p = dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        args.push(p.display().to_string());
    }
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(&args)
        .output()
        .unwrap();
    let records = String::from_utf8(out.stdout).unwrap().lines().count();
    let stderr = String::from_utf8(out.stderr).unwrap();
    let errors: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("trialnorm: "))
        .collect();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        records + errors.len(),
        cases.len(),
        "records and errors must add up: {stderr}"
    );
    for bad in ["empty.txt", "random.bin", "feed.xml"] {
        assert!(
            errors.iter().any(|e| e.contains(bad)),
            "{bad} is not named: {stderr}"
        );
    }
    std::fs::remove_dir_all(dir).unwrap();
}

/// Inputs on which fuzzing found a panic (`scripts/fuzz.sh`), kept with their fix: each must
/// give an error or a record. The `parse` target's files start with its selector byte.
#[test]
fn fuzz_regressions_error_or_read() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/fuzz-regressions");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let label = name(&path);
        assert_sane(&label, &run(&label, bytes.clone(), None));
        if let Some((&selector, rest)) = bytes.split_first() {
            let format = Format::ALL
                .get(selector as usize % (Format::ALL.len() + 1))
                .copied();
            assert_sane(&label, &run(&label, rest.to_vec(), format));
        }
        assert_sane(&label, &run(&label, bytes, Some(Format::CtgovXml)));
    }
}

/// Fuzzing found an 88 kB Veeva page whose criteria took 45 s in a release build (a regex set
/// scanned the whole text before every number). It now takes a fraction of a second even in a
/// debug build; the bound is loose for a loaded machine but far below the old time.
#[test]
fn the_fuzz_found_slow_page_reads_in_seconds() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz-regressions/regexset-scan-before-every-number.html"
    );
    let bytes = std::fs::read(path).unwrap();
    let out = run_within("slow page", bytes, None, Duration::from_secs(15));
    let records = out.expect("the page reads");
    assert_eq!(records.len(), 1);
    let trial = records[0].as_ref().expect("one record");
    assert_eq!(trial.ids.nct_id.as_deref(), Some("NCT06722105"));
}

/// Fuzzing found a 100 kB Veeva page (with NEL line breaks, so not ASCII) that took 2 s in a
/// release build and over 10 s under the fuzzer: the operator regexes, anchored at the end of
/// the text before each number, still scanned all of it (Unicode word boundaries on non-ASCII
/// text leave the regex crate no reverse search). Only the words just before a number are
/// looked at now: a fraction of a second even in a debug build; the bound is loose.
#[test]
fn the_fuzz_found_long_criteria_page_reads_in_seconds() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/fuzz-regressions/end-anchored-regexes-over-long-text.bin"
    );
    let bytes = std::fs::read(path).unwrap();
    // The first byte is the fuzzer's format selector (veeva-html).
    let out = run_within(
        "long criteria page",
        bytes[1..].to_vec(),
        Some(Format::VeevaHtml),
        Duration::from_secs(15),
    );
    let records = out.expect("the page reads");
    assert_eq!(records.len(), 1);
    assert!(records[0].is_ok(), "{:?}", records[0]);
}

/// Input that starts like JSON but is not JSON is `malformed JSON` with serde_json's reason
/// and place, alone and as a line of JSON Lines; valid JSON of no known shape stays
/// "unrecognized format".
#[test]
fn broken_json_is_malformed_json_with_its_place() {
    let dir = crate::util::scratch("bad_input", "broken-json");
    let one = dir.join("b.json");
    std::fs::write(&one, "{\"broken").unwrap();
    let lines = dir.join("b.jsonl");
    let study = String::from_utf8(crate::util::fixture("ctgov-api-v2/NCT00973089.json")).unwrap();
    let study: serde_json::Value = serde_json::from_str(&study).unwrap();
    std::fs::write(&lines, format!("{study}\n{{\"broken\n")).unwrap();
    let shape = dir.join("shape.json");
    std::fs::write(&shape, "{\"a\": 1}").unwrap();
    let (one, lines, shape) = (
        one.to_str().unwrap(),
        lines.to_str().unwrap(),
        shape.to_str().unwrap(),
    );
    let (code, out, err) = crate::util::cli(&["parse", "--quiet", one, lines, shape]);
    assert_eq!(code, Some(1));
    assert_eq!(out.lines().count(), 1, "the good line's record");
    let want = [
        format!("trialnorm: {one}: malformed JSON: EOF while parsing a string at line 1 column 8"),
        format!(
            "trialnorm: {lines}:line 2: malformed JSON: EOF while parsing a string at line 2 column 8"
        ),
        format!("trialnorm: {shape}: unrecognized format: JSON, but neither"),
    ];
    for w in &want {
        assert!(err.lines().any(|l| l.starts_with(w.as_str())), "{w}\n{err}");
    }
    assert_eq!(
        trialnorm::detect(b"{\"broken").unwrap_err(),
        trialnorm::Error::MalformedJson {
            reason: "EOF while parsing a string".into(),
            position: Some(trialnorm::error::Position { line: 1, column: 8 }),
        }
    );
}
