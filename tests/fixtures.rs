//! Every file under `fixtures/` is parsed, checked against `schemas/trial.schema.json` and
//! snapshot-tested: adding a fixture adds its tests, with no code change.
//!
//! Files under `fixtures/corpus/` (the bulk of the real records) get a summary snapshot,
//! one line of counts per record, rather than the whole record; everything else is pinned
//! whole. Files named `README.md` or ending in `.expected.json` are not inputs.

use std::path::Path;

use serde_json::{json, Value};

fn is_input(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
    // fixtures/criteria/ holds the labelled constraint set, not records.
    !(name == "README.md"
        || name.ends_with(".expected.json")
        || name.starts_with('.')
        || path.starts_with(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/criteria")))
        && path.is_file()
}

fn validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/schemas/trial.schema.json"
        ))
        .expect("schemas/trial.schema.json exists"),
    )
    .expect("the schema is JSON");
    jsonschema::validator_for(&schema).expect("the schema compiles")
}

/// The whole output of one input: records as JSON, failures as their messages.
fn outputs(bytes: &[u8]) -> Vec<Value> {
    match trialnorm::parse_all(bytes, None) {
        Ok(records) => records
            .into_iter()
            .map(|r| match r {
                Ok(t) => serde_json::to_value(t).expect("a record serializes"),
                Err(e) => json!({ "error": e.to_string() }),
            })
            .collect(),
        Err(e) => vec![json!({ "error": e.to_string() })],
    }
}

fn summary(v: &Value) -> String {
    if let Some(e) = v.get("error") {
        return format!("error: {}", e.as_str().unwrap_or_default());
    }
    let len = |p: &str| v.pointer(p).and_then(Value::as_array).map_or(0, Vec::len);
    let s = |p: &str| {
        v.pointer(p)
            .and_then(Value::as_str)
            .unwrap_or("-")
            .to_string()
    };
    let codes: Vec<&str> = v["warnings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|w| w["code"].as_str())
        .collect();
    // A record of another registry is named by its own number there.
    let id = match s("/ids/nct_id").as_str() {
        "-" => s("/ids/registry_ids/0/id"),
        nct => nct.to_string(),
    };
    format!(
        "{} {} status={} arms={} interventions={} outcomes={} sites={} inclusion={} exclusion={} results={} warnings={:?}",
        id,
        s("/source/format"),
        s("/status/overall"),
        len("/arms"),
        len("/interventions"),
        len("/outcomes"),
        len("/sites"),
        len("/eligibility/inclusion"),
        len("/eligibility/exclusion"),
        results_summary(&v["results"]),
        codes
    )
}

/// The size of a record's results: groups per part (flow, baseline, outcome measures,
/// adverse events), baseline and outcome values, analyses, serious and other event terms;
/// `-` for none.
fn results_summary(r: &Value) -> String {
    if r.is_null() {
        return "-".into();
    }
    let len = |v: &Value| v.as_array().map_or(0, Vec::len);
    let outcomes = r["outcome_measures"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    let values = |measures: &[Value]| -> usize {
        (measures.iter())
            .flat_map(|m| m["classes"].as_array().cloned().unwrap_or_default())
            .flat_map(|c| c["categories"].as_array().cloned().unwrap_or_default())
            .map(|c| len(&c["measurements"]))
            .sum()
    };
    let baseline = r["baseline"]["measures"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    format!(
        "groups:F{}/B{}/O{}/E{} values:B{}/O{} outcomes:{} analyses:{} events:S{}/O{}",
        len(&r["participant_flow"]["groups"]),
        len(&r["baseline"]["groups"]),
        outcomes.iter().map(|o| len(&o["groups"])).sum::<usize>(),
        len(&r["adverse_events"]["groups"]),
        values(&baseline),
        values(&outcomes),
        outcomes.len(),
        outcomes.iter().map(|o| len(&o["analyses"])).sum::<usize>(),
        len(&r["adverse_events"]["serious"]),
        len(&r["adverse_events"]["other"]),
    )
}

#[test]
fn every_fixture_parses_validates_and_matches_its_snapshot() {
    let validator = validator();
    insta::glob!("../fixtures", "**/*", |path| {
        if !is_input(path) {
            return;
        }
        let bytes = std::fs::read(path).unwrap();
        let out = outputs(&bytes);
        for (i, v) in out.iter().enumerate() {
            if v.get("error").is_some() {
                continue;
            }
            let errors: Vec<String> = validator
                .iter_errors(v)
                .map(|e| format!("{e} at {}", e.instance_path))
                .collect();
            assert!(
                errors.is_empty(),
                "{} record {i} breaks the schema: {errors:#?}",
                path.display()
            );
        }
        let in_corpus = path.components().any(|c| c.as_os_str() == "corpus");
        if in_corpus {
            let lines: Vec<String> = out.iter().map(summary).collect();
            insta::assert_snapshot!(lines.join("\n"));
        } else if out.len() == 1 {
            insta::assert_json_snapshot!(out[0]);
        } else {
            insta::assert_json_snapshot!(out);
        }
    });
}
