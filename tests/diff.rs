//! `diff`: field-level differences matched by identity, and diff(1)'s exit codes.

use crate::util::*;

use serde_json::{json, Value};
use trialnorm::diff::{diff, pattern_key, Change, ChangeKind, DiffOptions, IDENTITIES};
use trialnorm::model::Site;
use trialnorm::Trial;

const SEEDS: [&str; 2] = [
    "fixtures/seeds/NCT00479934.txt",
    "fixtures/seeds/NCT06722105.txt",
];

fn record(path: &str) -> Trial {
    let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    trialnorm::parse(&bytes, None).unwrap()
}

fn paths(changes: &[Change]) -> Vec<&str> {
    changes.iter().map(|c| c.path.as_str()).collect()
}

#[test]
fn a_record_against_itself_is_equal_and_exits_zero() {
    for seed in SEEDS {
        let (code, stdout, stderr) = cli(&["diff", seed, seed]);
        assert_eq!(code, Some(0), "{seed}: {stderr}");
        assert!(stdout.is_empty(), "{stdout}");
        let t = record(seed);
        let all = DiffOptions {
            include_source: true,
            include_warnings: true,
        };
        assert!(diff(&t, &t, all).is_empty());
    }
}

#[test]
fn an_inserted_site_is_one_addition() {
    let left = record(SEEDS[0]);
    let mut right = left.clone();
    assert_eq!(right.sites.len(), 12);
    right.sites.insert(
        3,
        Site {
            facility: Some("Hôpital Nord".into()),
            city: Some("Marseille".into()),
            country: Some("France".into()),
            ..Site::default()
        },
    );
    let changes = diff(&left, &right, DiffOptions::default());
    assert_eq!(paths(&changes), [r#"sites["Hôpital Nord", "Marseille"]"#]);
    assert_eq!(changes[0].change, ChangeKind::Added);
    assert_eq!(changes[0].left, None);
    assert_eq!(changes[0].right.as_ref().unwrap()["city"], "Marseille");
    // And the other way round, one removal.
    let back = diff(&right, &left, DiffOptions::default());
    assert_eq!(back.len(), 1);
    assert_eq!(back[0].change, ChangeKind::Removed);
}

#[test]
fn items_are_matched_by_identity_not_position() {
    let left = record(SEEDS[1]);
    let mut right = left.clone();
    // Reordering arms, interventions and criteria is no difference.
    right.arms.reverse();
    right.interventions.reverse();
    right.eligibility.exclusion.reverse();
    assert!(diff(&left, &right, DiffOptions::default()).is_empty());
    // A change inside an item is reported at the item's identity.
    right.arms[0].description = Some("Placebo infusions".into());
    let placebo = right
        .interventions
        .iter_mut()
        .find(|i| i.name == "Placebo")
        .unwrap();
    placebo.other_names.push("Saline".into());
    right.design.phases.remove(0);
    let changes = diff(&left, &right, DiffOptions::default());
    let lines: Vec<String> = changes.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            r#"design.phases["PHASE1"]: "PHASE1" → (absent)"#,
            r#"arms["Placebo"].description: null → "Placebo infusions""#,
            r#"interventions["OTHER", "Placebo"].other_names["Saline"]: (absent) → "Saline""#,
        ]
    );
}

#[test]
fn source_and_warnings_count_only_when_asked() {
    let left = record(SEEDS[0]);
    let mut right = left.clone();
    right.source.url = None;
    right.warn(
        trialnorm::WarningCode::UnparsedText,
        "design.phases",
        "made up for this test",
    );
    assert!(diff(&left, &right, DiffOptions::default()).is_empty());
    let with_source = diff(
        &left,
        &right,
        DiffOptions {
            include_source: true,
            include_warnings: false,
        },
    );
    assert_eq!(paths(&with_source), ["source.url"]);
    assert_eq!(
        with_source[0].left,
        Some(json!("https://clinicaltrials.gov/ct2/show/NCT00479934"))
    );
    let with_warnings = diff(
        &left,
        &right,
        DiffOptions {
            include_source: false,
            include_warnings: true,
        },
    );
    assert_eq!(with_warnings.len(), 1);
    assert!(with_warnings[0].path.starts_with("warnings["));
    assert_eq!(with_warnings[0].change, ChangeKind::Added);
}

#[test]
fn the_two_seeds_differ_in_their_designs() {
    let (code, stdout, stderr) = cli(&["diff", SEEDS[0], SEEDS[1]]);
    assert_eq!(code, Some(1), "{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    for expected in [
        r#"ids.nct_id: "NCT00479934" → "NCT06722105""#,
        r#"design.phases["PHASE1"]: (absent) → "PHASE1""#,
        r#"design.masking.level: "QUADRUPLE" → "DOUBLE""#,
        r#"enrollment.count: 28 → 18"#,
        r#"eligibility.maximum_age: null → {"value":70.0,"unit":"YEARS","years":70.0}"#,
    ] {
        assert!(lines.contains(&expected), "missing {expected}\n{stdout}");
    }
    // PHASE2 is in both, so it is not a difference.
    assert!(!stdout.contains(r#"design.phases["PHASE2"]"#));
    assert!(
        !lines.iter().any(|l| l.starts_with("source.")),
        "source is ignored by default"
    );

    let (code, stdout, _) = cli(&["diff", "--as", "json", SEEDS[0], SEEDS[1]]);
    assert_eq!(code, Some(1));
    let changes: Vec<Value> = serde_json::from_str(&stdout).unwrap();
    assert_eq!(changes.len(), lines.len());
    let masking = changes
        .iter()
        .find(|c| c["path"] == "design.masking.level")
        .unwrap();
    assert_eq!(
        masking,
        &json!({"path": "design.masking.level", "change": "changed", "left": "QUADRUPLE", "right": "DOUBLE"})
    );
}

#[test]
fn usage_errors_and_unreadable_inputs_exit_two() {
    let (code, _, _) = cli(&["diff", SEEDS[0]]);
    assert_eq!(code, Some(2));
    let (code, stdout, stderr) = cli(&["diff", SEEDS[0], "no/such/file.txt"]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("trialnorm: no/such/file.txt: "),
        "{stderr}"
    );
    assert_eq!(stderr.lines().count(), 1);
    let (code, _, stderr) = cli(&["diff", "Cargo.toml", SEEDS[0]]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("trialnorm: Cargo.toml: "), "{stderr}");
}

/// An input of several studies is named with its count and what a CLI user can do, not the
/// library's `parse_all`.
#[test]
fn an_input_of_many_studies_says_what_to_do_in_cli_words() {
    let many = "fixtures/corpus/who-ictrp/who-ictrp-export.xml";
    let n = trialnorm::parse_all(&fixture(many.trim_start_matches("fixtures/")), None)
        .unwrap()
        .len();
    assert!(n > 1);
    let (code, stdout, stderr) = cli(&["diff", SEEDS[0], many]);
    assert_eq!(code, Some(2));
    assert!(stdout.is_empty());
    assert_eq!(
        stderr,
        format!(
            "trialnorm: diff compares one record per input; {many} holds {n} (split them with \
             `trialnorm parse`, or see them side by side with `trialnorm compare`)\n"
        )
    );
    assert!(!stderr.contains("parse_all"));
}

/// Every list of the model, by path pattern, read from the generated JSON Schema.
fn list_patterns(node: &Value, defs: &Value, pattern: &str, depth: usize, out: &mut Vec<String>) {
    if depth > 12 {
        return;
    }
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        list_patterns(&defs[name], defs, pattern, depth + 1, out);
    }
    for alt in node
        .get("anyOf")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        list_patterns(alt, defs, pattern, depth + 1, out);
    }
    if let Some(items) = node.get("items") {
        out.push(pattern.to_string());
        list_patterns(items, defs, &format!("{pattern}[]"), depth + 1, out);
    }
    if let Some(props) = node.get("properties").and_then(Value::as_object) {
        for (k, v) in props {
            let p = if pattern.is_empty() {
                k.clone()
            } else {
                format!("{pattern}.{k}")
            };
            list_patterns(v, defs, &p, depth + 1, out);
        }
    }
}

#[test]
fn every_list_of_the_model_has_an_identity() {
    let schema = trialnorm::schema();
    let mut lists = Vec::new();
    list_patterns(&schema, &schema["$defs"], "", 0, &mut lists);
    assert!(lists.contains(&"sites".to_string()));
    assert!(lists.contains(&"eligibility.inclusion[].children[].constraints".to_string()));
    let missing: Vec<String> = lists
        .iter()
        .filter(|p| !p.starts_with("source"))
        .filter(|p| !IDENTITIES.iter().any(|(k, _)| *k == pattern_key(p)))
        .cloned()
        .collect();
    assert!(missing.is_empty(), "lists without an identity: {missing:?}");
}

#[test]
fn nested_criteria_are_matched_at_every_level() {
    let left = record(SEEDS[1]);
    let mut right = left.clone();
    // The Veeva seed's "Severe disease with either:" has sub-items two levels deep.
    let severe = right
        .eligibility
        .inclusion
        .iter_mut()
        .find(|c| c.text == "Severe disease with either:")
        .unwrap();
    let organ = severe
        .children
        .iter_mut()
        .find(|c| c.text.starts_with("mRSS ≥ 15 without any restriction"))
        .unwrap();
    let deepest = organ.children.remove(0);
    assert!(deepest.text.starts_with("respiratory involvement"));
    organ.children.push(deepest.clone());
    organ.children[0]
        .constraints
        .push(trialnorm::model::Constraint {
            subject: "FVC".into(),
            operator: trialnorm::model::Operator::Lt,
            value: 80.0,
            unit: Some("%".into()),
            text: "FVC < 80%".into(),
            ..Default::default()
        });
    let organ_path = format!(
        "eligibility.inclusion[\"Severe disease with either:\"].children[{}].children[{}]",
        serde_json::to_string(&organ.text).unwrap(),
        serde_json::to_string(&organ.children[0].text).unwrap()
    );
    let changes = diff(&left, &right, DiffOptions::default());
    // Moving the first sub-item to the end is no change; the new constraint is one addition.
    assert_eq!(
        paths(&changes),
        [format!("{organ_path}.constraints[\"FVC < 80%\"]")]
    );
    assert_eq!(changes[0].change, ChangeKind::Added);
}

#[test]
fn repeated_identities_are_told_apart_by_occurrence() {
    let left = record(SEEDS[0]);
    let mut right = left.clone();
    right.sites.push(right.sites[0].clone());
    right.sites[12].zip = Some("33000".into());
    let changes = diff(&left, &right, DiffOptions::default());
    assert_eq!(changes.len(), 1);
    assert!(changes[0]
        .path
        .starts_with("sites[\"Service de Dermatologie et services"));
    assert!(
        changes[0].path.ends_with("\"Bordeaux\"#2]"),
        "{}",
        changes[0].path
    );
    assert_eq!(changes[0].change, ChangeKind::Added);
}

/// The paths `diff` reports between two files, in order.
fn changed_paths(a: &str, b: &str) -> Vec<String> {
    paths(&diff(&record(a), &record(b), DiffOptions::default()))
        .into_iter()
        .map(str::to_string)
        .collect()
}

/// Three downloads of NCT00513591: the 2018 original, a 2016 redownload and an edited copy.
/// The expected paths were read off the XML files themselves (`diff --strip-trailing-cr`):
/// the 2016 copy has no completion date and no first-posted date (only the old
/// `firstreceived_date`), phase "N/A", enrollment 500, a December 2017 primary completion,
/// 2016 update and verification dates, no plain "Arthritis" MeSH term, and criteria wrapped
/// differently; the edited copy also changes the official title. Summary text that only wraps
/// differently and tags the model does not hold (`authority`, `gender_based`) change nothing.
#[test]
fn versions_of_one_xml_record_differ_in_exactly_the_changed_fields() {
    let original = "fixtures/corpus/ctgov-xml/NCT00513591.xml";
    let redownloaded = "fixtures/corpus/ctgov-xml/NCT00513591_redownloaded.xml";
    let modified = "fixtures/ctgov-xml/NCT00513591_mod.xml";
    let common = [
        "status.primary_completion.date",
        "status.completion.date",
        "status.completion.type",
        "status.first_posted",
        "status.last_updated",
        "status.verified",
        "mesh_terms[\"Arthritis\"]",
        "design.phases[\"NA\"]",
        "enrollment.count",
        "eligibility.criteria_text",
    ];
    let mut want: Vec<String> = common.iter().map(|s| s.to_string()).collect();
    let mut got = changed_paths(original, redownloaded);
    want.sort();
    got.sort();
    assert_eq!(got, want, "original → redownloaded");

    let mut want_mod = want.clone();
    want_mod.push("titles.official".to_string());
    want_mod.sort();
    let mut got = changed_paths(original, modified);
    got.sort();
    assert_eq!(got, want_mod, "original → mod");

    let mut got = changed_paths(modified, redownloaded);
    got.sort();
    assert_eq!(
        got,
        ["status.last_updated", "titles.official"],
        "mod → redownloaded"
    );

    let (code, stdout, _) = cli(&["diff", original, original]);
    assert_eq!((code, stdout.as_str()), (Some(0), ""));
    let (code, stdout, _) = cli(&["diff", original, modified]);
    assert_eq!(code, Some(1));
    assert!(stdout.contains("enrollment.count: 1000 → 500"), "{stdout}");
}
