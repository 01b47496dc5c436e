//! Posted results, NCT aliases and the smaller pieces of #16, each pinned by facts read off
//! the real source files: groups, counts, measurements, analyses and adverse-event terms in
//! API v2 and the legacy XML (API v1 is pinned against the XML in `structured.rs`), `compare`
//! and `diff` on results, `detect` on archives, the record-history version wrapper, and
//! the export columns of every constraint field.

use crate::util::*;

use trialnorm::diff::{diff, DiffOptions};
use trialnorm::model::results::{
    CiSides, EventAssessment, MeasureDispersion, MeasureParam, NonInferiorityType, ReportingStatus,
    ResultOutcomeKind,
};

/// NCT02210780 (API v2, dupilumab): the numbers are the file's `resultsSection`.
#[test]
fn api_v2_groups_counts_values_and_events() {
    let t = one("corpus/ctgov-api-v2/NCT02210780.json");
    let r = t.results.as_ref().expect("the record has results");
    assert_eq!(r.first_posted.as_deref(), Some("2020-05-07"));
    let flow = r.participant_flow.as_ref().unwrap();
    let groups: Vec<(&str, &str)> = (flow.groups.iter())
        .map(|g| (g.id.as_str(), g.title.as_deref().unwrap()))
        .collect();
    assert_eq!(
        groups,
        [("FG000", "Placebo qw"), ("FG001", "Dupilumab 300 mg qw")]
    );
    let period = &flow.periods[0];
    assert_eq!(period.title.as_deref(), Some("Overall Study"));
    let counts = |i: usize| -> Vec<Option<u64>> {
        period.milestones[i]
            .counts
            .iter()
            .map(|c| c.value)
            .collect()
    };
    assert_eq!(period.milestones[0].kind.as_deref(), Some("STARTED"));
    assert_eq!(counts(0), [Some(97), Some(97)]);
    assert_eq!(counts(1), [Some(92), Some(89)]);
    assert_eq!(
        period.drop_withdraws[0].kind.as_deref(),
        Some("Adverse Event")
    );
    assert_eq!(period.drop_withdraws[0].counts[1].value, Some(5));

    let baseline = r.baseline.as_ref().unwrap();
    assert_eq!(baseline.groups[2].title.as_deref(), Some("Total"));
    let age = &baseline.measures[0];
    assert_eq!(age.title.as_deref(), Some("Age, Continuous"));
    assert_eq!(age.param_type, Some(MeasureParam::Mean));
    assert_eq!(
        age.dispersion_type,
        Some(MeasureDispersion::StandardDeviation)
    );
    assert_eq!(age.unit.as_deref(), Some("years"));
    assert_eq!(age.classes[0].denoms[0].counts[2].value, Some(194));
    let m = &age.classes[0].categories[0].measurements[0];
    assert_eq!(
        (m.group_id.as_str(), m.value, m.spread),
        ("BG000", Some(39.9), Some(14.04))
    );
    let sex = &baseline.measures[1].classes[0].categories;
    assert_eq!(sex[0].title.as_deref(), Some("Female"));
    assert_eq!(sex[0].measurements[2].value, Some(99.0));

    assert_eq!(r.outcome_measures.len(), 11);
    let primary = &r.outcome_measures[0];
    assert_eq!(primary.kind, Some(ResultOutcomeKind::Primary));
    assert_eq!(primary.reporting_status, Some(ReportingStatus::Posted));
    assert_eq!(primary.time_points, ["P16W"]);
    assert_eq!(primary.denoms[0].counts[1].value, Some(90));
    let values: Vec<Option<f64>> = (primary.classes[0].categories[0].measurements.iter())
        .map(|m| m.value)
        .collect();
    assert_eq!(values, [Some(83.7), Some(83.3)]);

    let ae = r.adverse_events.as_ref().unwrap();
    let g = &ae.groups[1];
    assert_eq!(g.id, "EG001");
    let serious = g.serious.as_ref().unwrap();
    assert_eq!((serious.affected, serious.at_risk), (Some(3), Some(97)));
    assert_eq!(g.other.as_ref().unwrap().affected, Some(30));
    assert_eq!(g.deaths.as_ref().unwrap().affected, Some(0));
    let e = &ae.serious[0];
    assert_eq!(e.term.as_deref(), Some("Serum sickness-like reaction"));
    assert_eq!(e.organ_system.as_deref(), Some("Immune system disorders"));
    assert_eq!(e.source_vocabulary.as_deref(), Some("MedDRA (18.0)"));
    assert_eq!(
        e.assessment_type,
        Some(EventAssessment::SystematicAssessment)
    );
    let stats: Vec<_> = (e.stats.iter())
        .map(|s| (s.group_id.as_str(), s.affected, s.at_risk))
        .collect();
    assert_eq!(
        stats,
        [("EG000", Some(0), Some(97)), ("EG001", Some(1), Some(97))]
    );
    // Every value names a group of its own part.
    for o in &r.outcome_measures {
        let ids: Vec<&str> = o.groups.iter().map(|g| g.id.as_str()).collect();
        for c in &o.classes {
            for cat in &c.categories {
                assert!(cat
                    .measurements
                    .iter()
                    .all(|m| ids.contains(&m.group_id.as_str())));
            }
        }
    }
}

/// NCT02278341 (API v2, certolizumab): an analysis with its p-value sign, estimate and
/// interval, and the point of contact's extension.
#[test]
fn api_v2_analysis_numbers_and_operator() {
    let t = one("ctgov-api-v2/NCT02278341.json");
    let r = t.results.unwrap();
    let a = (r.outcome_measures.iter())
        .flat_map(|o| &o.analyses)
        .next()
        .unwrap();
    assert_eq!(a.group_ids, ["OG000", "OG001"]);
    assert_eq!(a.p_value_raw.as_deref(), Some("<0.001"));
    assert_eq!(
        (a.p_value_operator.as_deref(), a.p_value),
        (Some("<"), Some(0.001))
    );
    assert_eq!(
        a.statistical_method.as_deref(),
        Some("Regression, Logistic")
    );
    assert_eq!(a.param_type.as_deref(), Some("Odds Ratio (OR)"));
    assert_eq!(a.param_value, Some(15.231));
    assert_eq!(
        (a.ci_percent, a.ci_sides),
        (Some(95.0), Some(CiSides::TwoSided))
    );
    assert_eq!((a.ci_lower, a.ci_upper), (Some(7.336), Some(31.623)));
    assert_eq!(a.non_inferiority_type, Some(NonInferiorityType::Other));
    let contact = r.more_info.unwrap().point_of_contact.unwrap();
    assert_eq!(contact.phone.as_deref(), Some("+1844 599 ext. 2273"));
}

/// NCT01065844 (legacy XML, nelfinavir): the "Total" rows become the group's totals, the
/// list's default vocabulary and assessment go to each event, the event's description is
/// its notes.
#[test]
fn legacy_xml_totals_defaults_and_flow() {
    let t = one("corpus/ctgov-xml/NCT01065844.xml");
    let r = t.results.unwrap();
    assert_eq!(r.first_posted.as_deref(), Some("2016-12-19"));
    let flow = r.participant_flow.unwrap();
    assert_eq!(flow.groups[0].id, "P1");
    let started = &flow.periods[0].milestones[0];
    assert_eq!(
        (started.kind.as_deref(), started.counts[0].value),
        (Some("STARTED"), Some(15))
    );
    let ae = r.adverse_events.unwrap();
    let g = &ae.groups[0];
    assert_eq!(g.id, "E1");
    assert_eq!(
        g.serious.as_ref().map(|s| (s.affected, s.at_risk)),
        Some((Some(0), Some(15)))
    );
    assert_eq!(
        g.other.as_ref().map(|s| (s.affected, s.at_risk)),
        Some((Some(5), Some(15)))
    );
    assert_eq!(g.deaths, None, "the file states no deaths");
    assert!(ae.serious.is_empty(), "the only serious row is the total");
    assert!(ae
        .other
        .iter()
        .all(|e| !e.term.as_deref().unwrap().starts_with("Total")));
    let platelets = (ae.other.iter())
        .find(|e| e.term.as_deref() == Some("platelet count decreased"))
        .unwrap();
    assert_eq!(
        platelets.organ_system.as_deref(),
        Some("Blood and lymphatic system disorders")
    );
    assert_eq!(platelets.source_vocabulary.as_deref(), Some("CTCAE (3.0)"));
    assert_eq!(
        platelets.assessment_type,
        Some(EventAssessment::SystematicAssessment)
    );
    assert_eq!(platelets.notes.as_deref(), Some("grade 3"));
    let s = &platelets.stats[0];
    assert_eq!(
        (s.events, s.affected, s.at_risk),
        (Some(1), Some(1), Some(15))
    );
    assert_eq!(ae.frequency_threshold, Some(0.0));
    assert_eq!(ae.source_vocabulary.as_deref(), Some("CTCAE (3.0)"));
}

/// Legacy XML text that is not a number is kept beside a null: "NA" values with their
/// comment (NCT02028676), a p-value ">0.05" (NCT01534533), anticipated postings.
#[test]
fn legacy_xml_text_kept_where_no_number() {
    let t = one("ctgov-xml/NCT02028676.xml");
    let b = t.results.unwrap().baseline.unwrap();
    let m = &b.measures[0].classes[0].categories[0].measurements[2];
    assert_eq!(m.group_id, "B3");
    assert_eq!((m.value, m.raw.as_deref()), (None, Some("NA")));
    assert_eq!(
        m.comment.as_deref(),
        Some("Different randomized comparison")
    );

    let t = one("corpus/ctgov-xml/NCT01534533.xml");
    let r = t.results.unwrap();
    let a = (r.outcome_measures.iter())
        .flat_map(|o| &o.analyses)
        .find(|a| a.p_value_raw.as_deref() == Some(">0.05"))
        .unwrap();
    assert_eq!(
        (a.p_value_operator.as_deref(), a.p_value),
        (Some(">"), Some(0.05))
    );
    assert_eq!(a.group_ids, ["O1", "O2", "O3"]);
    assert_eq!(
        a.non_inferiority_type,
        Some(NonInferiorityType::SuperiorityOrOther)
    );
    assert!(a
        .p_value_comment
        .as_deref()
        .unwrap()
        .starts_with("The a priori threshold"));
    // Outcomes still to be posted: no values, an anticipated date (the registry's own
    // placeholder year 3333, as the file says).
    let pending: Vec<_> = (r.outcome_measures.iter())
        .filter(|o| o.reporting_status == Some(ReportingStatus::NotPosted))
        .collect();
    assert_eq!(pending.len(), 3);
    assert!(pending.iter().all(|o| o.classes.is_empty()));
    assert_eq!(
        pending[0].anticipated_posting_date.as_deref(),
        Some("3333-12")
    );
}

/// A record without a results section has `results: null`; `ids.nct_aliases` is filled from
/// API v2 `nctIdAliases` and the legacy XML `<nct_alias>` (the field case and its real XML).
#[test]
fn no_results_is_null_and_aliases_hold() {
    assert!(one("ctgov-api-v2/NCT00465816.json").results.is_none());
    let v2 = one("field-cases/alias.json");
    assert_eq!(v2.ids.nct_id.as_deref(), Some("NCT00081588"));
    assert_eq!(v2.ids.nct_aliases, ["NCT00980226"]);
    let xml = one("corpus/ctgov-xml/NCT00081588.xml");
    assert_eq!(xml.ids.nct_aliases, ["NCT00980226"]);
    assert!(one("ctgov-api-v2/NCT00465816.json")
        .ids
        .nct_aliases
        .is_empty());
}

/// `trialnorm history --raw` writes `{"studyVersion": N, "study": {…}}`: `parse` reads it
/// as the study, with `source.version.number` N.
#[test]
fn a_history_version_wrapper_parses() {
    let study = String::from_utf8(fixture("ctgov-api-v2/NCT00465816.json")).unwrap();
    let wrapped = format!("{{\"studyVersion\": 3, \"study\": {study}}}");
    assert_eq!(
        trialnorm::detect(wrapped.as_bytes()),
        Ok(trialnorm::Format::CtgovApiV2Json)
    );
    let t = trialnorm::parse(wrapped.as_bytes(), None).unwrap();
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT00465816"));
    assert_eq!(t.source.version.as_ref().map(|v| v.number), Some(3));
    let plain = trialnorm::parse(study.as_bytes(), None).unwrap();
    let mut unwrapped = t.clone();
    unwrapped.source.version = None;
    assert_eq!(unwrapped, plain);
}

/// `detect` names a zip or gzip file with what it holds, as `parse` reads it.
#[test]
fn detect_names_archives_with_their_contents() {
    let (code, stdout, stderr) = cli(&["detect", "tests/data/batch/download_xml_files.zip"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout,
        "tests/data/batch/download_xml_files.zip\tzip: 2 ctgov-xml\n"
    );
    let dir = scratch("results", "detect");
    let json = fixture("ctgov-api-v2/NCT00465816.json");
    let xml = fixture("ctgov-xml/NCT03133988.xml");
    write(&dir, "one.json.gz", &gzip(&json));
    write(
        &dir,
        "mixed.zip",
        &zip(&[("a.json", &json), ("b.xml", &xml), ("c.txt", b"notes")]),
    );
    let gz = dir.join("one.json.gz");
    let mixed = dir.join("mixed.zip");
    let (code, stdout, _) = cli(&["detect", gz.to_str().unwrap(), mixed.to_str().unwrap()]);
    // What `detect` says of each input: its line's second column.
    let said = |stdout: &str| -> Vec<String> {
        (stdout.lines())
            .map(|l| l.split('\t').nth(1).unwrap().to_string())
            .collect()
    };
    assert_eq!(
        said(&stdout),
        [
            "gzip: 1 ctgov-api-v2-json",
            "zip: 1 ctgov-api-v2-json, 1 ctgov-xml, 1 unrecognized"
        ]
    );
    assert_eq!(code, Some(1), "an unrecognized entry fails detection");
    // A plain JSON Lines file is counted line by line, as its gzip copy is; a document of no
    // known format has its line too.
    let line =
        serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&json).unwrap()).unwrap();
    let lines = [&line[..], b"\n{\"broken\n", &line, b"\n"].concat();
    write(&dir, "studies.jsonl", &lines);
    write(&dir, "studies.jsonl.gz", &gzip(&lines));
    write(&dir, "notes.txt", b"just some words");
    // JSON Lines by its name, as `parse` reads it, whatever its first line is.
    let garbage_first = [&b"oops\n"[..], &line, b"\n", &line, b"\n"].concat();
    write(&dir, "garbage-first.jsonl", &garbage_first);
    let paths = [
        "studies.jsonl",
        "studies.jsonl.gz",
        "notes.txt",
        "garbage-first.jsonl",
    ]
    .map(|f| dir.join(f));
    let args: Vec<&str> = ["detect"]
        .into_iter()
        .chain(paths.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let (code, stdout, stderr) = cli(&args);
    assert_eq!(
        said(&stdout),
        [
            "jsonl: 2 ctgov-api-v2-json, 1 unrecognized",
            "gzip: 2 ctgov-api-v2-json, 1 unrecognized",
            "unrecognized",
            "jsonl: 1 unrecognized, 2 ctgov-api-v2-json"
        ]
    );
    assert_eq!(code, Some(1));
    // The broken line's place, as `parse` names it: its line, and the position in the file.
    assert!(
        stderr.contains("studies.jsonl:line 2: ") && stderr.contains("at line 2 column"),
        "{stderr}"
    );
    assert!(!stderr.contains("at line 1 column"), "{stderr}");
    std::fs::remove_dir_all(dir).unwrap();
}

/// `compare` shows each primary outcome's result per group and the adverse-event totals.
#[test]
fn compare_shows_primary_results_and_event_totals() {
    let trials = [
        one("corpus/ctgov-api-v2/NCT02210780.json"),
        one("ctgov-api-v2/NCT00465816.json"),
    ];
    let c = trialnorm::compare::compare(&trials);
    let row = |k: &str| c.rows.iter().find(|r| r.key == k).unwrap();
    let primary = &row("results.primary_outcomes").values;
    assert_eq!(primary[0].len(), 1);
    assert!(
        primary[0][0].ends_with(": Placebo qw 83.7; Dupilumab 300 mg qw 83.3"),
        "{}",
        primary[0][0]
    );
    assert!(primary[0][0].contains("[Percentage of participants]"));
    assert!(primary[1].is_empty());
    assert_eq!(
        row("results.adverse_events.serious").values[0],
        ["Placebo qw: 0 / 97", "Dupilumab 300 mg qw: 3 / 97"]
    );
    assert_eq!(
        row("results.adverse_events.other").values[0],
        ["Placebo qw: 29 / 97", "Dupilumab 300 mg qw: 30 / 97"]
    );
    assert!(row("results.adverse_events.serious").differs);
}

/// `diff` matches results items by identity: a changed value is one change at its group.
#[test]
fn diff_reports_a_changed_result_at_its_identity() {
    let left = one("corpus/ctgov-api-v2/NCT02210780.json");
    let mut right = left.clone();
    let r = right.results.as_mut().unwrap();
    r.outcome_measures[0].classes[0].categories[0].measurements[1].value = Some(80.0);
    r.adverse_events.as_mut().unwrap().serious.reverse();
    let changes = diff(&left, &right, DiffOptions::default());
    assert_eq!(changes.len(), 1, "{changes:?}");
    let path = &changes[0].path;
    assert!(
        path.starts_with("results.outcome_measures[\"PRIMARY\", "),
        "{path}"
    );
    assert!(
        path.ends_with(".classes[null].categories[null].measurements[\"OG001\"].value"),
        "{path}"
    );
}

/// Every field of a constraint has its column in the `constraints` table.
#[test]
fn every_constraint_field_has_a_column() {
    let schema = trialnorm::schema();
    let fields: Vec<&String> = schema["$defs"]["Constraint"]["properties"]
        .as_object()
        .unwrap()
        .keys()
        .collect();
    assert!(fields.len() >= 9, "{fields:?}");
    let spec = trialnorm::export::tables::specs()
        .iter()
        .find(|t| t.name == "constraints")
        .unwrap();
    let columns: Vec<&str> = spec.columns.iter().map(|c| c.name).collect();
    for f in fields {
        assert!(
            columns.contains(&f.as_str()),
            "no column for {f}: {columns:?}"
        );
    }
}

/// The legacy XML and API v1 copies of NCT00023673 name their result groups each its own
/// way (`E1`, `EG000`): `diff` compares them as one group, so what it reports under
/// `results` is what the registry changed (a measure renamed, a vocabulary and a limitation
/// dropped), not every group's values removed under one id and added under the other (898
/// lines before).
#[test]
fn diff_matches_legacy_and_api_group_ids() {
    let xml = one("ctgov-xml/NCT00023673.xml");
    let v1 = one("ctgov-api-v1/NCT00023673.json");
    let changes = diff(&xml, &v1, DiffOptions::default());
    let results: Vec<&str> = (changes.iter())
        .map(|c| c.path.as_str())
        .filter(|p| p.starts_with("results"))
        .collect();
    assert_eq!(
        results,
        [
            "results.baseline.measures[\"Age\"]",
            "results.baseline.measures[\"Age, Continuous\"]",
            "results.adverse_events.source_vocabulary",
            "results.more_info.limitations"
        ]
    );
    // Between two legacy records the ids stay the records' own.
    let mut changed = xml.clone();
    let m = &mut changed.results.as_mut().unwrap().outcome_measures[0].classes[0].categories[0]
        .measurements[0];
    m.value = Some(m.value.unwrap_or(0.0) + 1.0);
    let legacy = diff(&xml, &changed, DiffOptions::default());
    assert_eq!(legacy.len(), 1, "{legacy:?}");
    assert!(
        legacy[0].path.ends_with(".measurements[\"O1\"].value"),
        "{}",
        legacy[0].path
    );
    let mut renamed = serde_json::to_value(&xml).unwrap();
    trialnorm::diff::api_group_ids(&mut renamed);
    let groups = &renamed["results"]["adverse_events"]["groups"];
    assert_eq!(groups[0]["id"], "EG000", "{groups}");
    assert_eq!(
        xml.results
            .as_ref()
            .unwrap()
            .adverse_events
            .as_ref()
            .unwrap()
            .groups[0]
            .id,
        "E1"
    );
}
