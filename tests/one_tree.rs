//! One study, one tree: wherever the fixtures hold the same study in two formats (legacy
//! XML, API v1, API v2, classic, modern and Veeva pages, as text or HTML), found by the
//! record's own NCT id, the two copies give equal inclusion and exclusion trees (texts,
//! nesting and constraints).
//!
//! One exception, decided from the text itself and not from a list of studies: a copy whose
//! criteria text carries no list structure at all (no marker, no indentation: API v1 served
//! some so) cannot show which items nest; there the two copies must give the same criteria
//! in the same order (a pre-order walk of texts and constraints), the nesting aside.

use std::collections::BTreeMap;
use std::path::Path;

use trialnorm::model::{Constraint, Criterion, Trial};

/// Every record of every fixture file that parses (the labelled criteria sets aside).
pub fn every_fixture_record() -> Vec<Trial> {
    every_fixture_record_with_path()
        .into_iter()
        .map(|(_, t)| t)
        .collect()
}

pub fn every_fixture_record_with_path() -> Vec<(String, Trial)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(&root).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let skip = !path.is_file()
            || name == "README.md"
            || name.ends_with(".expected.json")
            || path.starts_with(root.join("criteria"));
        if skip {
            continue;
        }
        let Ok(records) = trialnorm::parse_all(&std::fs::read(path).unwrap(), None) else {
            continue;
        };
        let rel = path.strip_prefix(&root).unwrap().display().to_string();
        out.extend(records.into_iter().flatten().map(|t| (rel.clone(), t)));
    }
    out
}

/// True when a criteria text has list markers or indented lines: its nesting can be read.
fn has_structure(text: &str) -> bool {
    let marker =
        regex::Regex::new(r"^\s*(?:[-*•·▪◦●○■□➢►✓]\s|\(?\d{1,2}[.)]\s|\(?[a-zA-Z][.)]\s)").unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .any(|l| l.starts_with(char::is_whitespace) || marker.is_match(l))
}

fn walk<'a>(c: &'a [Criterion], out: &mut Vec<(&'a str, &'a [Constraint])>) {
    for x in c {
        out.push((&x.text, &x.constraints));
        walk(&x.children, out);
    }
}

fn flat(c: &[Criterion]) -> Vec<(&str, &[Constraint])> {
    let mut out = Vec::new();
    walk(c, &mut out);
    out
}

#[test]
fn every_study_in_two_formats_reads_to_one_tree() {
    let mut by_id: BTreeMap<String, Vec<(String, Trial)>> = BTreeMap::new();
    for (rel, t) in every_fixture_record_with_path() {
        // Field cases are built on a real record's ids with made-up content (alias.json
        // carries NCT00081588's ids and alias, not its criteria): not a copy of the study.
        if rel.starts_with("field-cases/") {
            continue;
        }
        // The record's own NCT id: another registry's record that names it (a CTIS trial
        // listing its ClinicalTrials.gov number) is a record of its own, in its own words.
        let own = t.ids.registry_ids.first().map(|r| r.id.clone());
        if let Some(id) = t.ids.nct_id.clone().filter(|id| own.as_ref() == Some(id)) {
            by_id.entry(id).or_default().push((rel, t));
        }
    }
    let mut pairs = 0;
    let mut whole = 0;
    for (id, copies) in &by_id {
        for (i, (pa, a)) in copies.iter().enumerate() {
            for (pb, b) in &copies[i + 1..] {
                if a.source.format == b.source.format {
                    continue;
                }
                let (ea, eb) = (&a.eligibility, &b.eligibility);
                if ea.criteria_text.is_none() && eb.criteria_text.is_none() {
                    // Pages that show no criteria (a results tab): nothing to compare.
                    assert!(ea.inclusion.is_empty() && eb.inclusion.is_empty());
                    continue;
                }
                pairs += 1;
                let structured = [ea, eb]
                    .iter()
                    .all(|e| e.criteria_text.as_deref().is_some_and(has_structure));
                let what = format!("{id}: {pa} and {pb}");
                println!(
                    "{what} ({})",
                    if structured {
                        "whole trees"
                    } else {
                        "in order"
                    }
                );
                assert!(!ea.inclusion.is_empty(), "{what}: no criteria");
                if structured {
                    whole += 1;
                    assert_eq!(ea.inclusion, eb.inclusion, "{what}: inclusion trees differ");
                    assert_eq!(ea.exclusion, eb.exclusion, "{what}: exclusion trees differ");
                } else {
                    assert_eq!(
                        flat(&ea.inclusion),
                        flat(&eb.inclusion),
                        "{what}: inclusion"
                    );
                    assert_eq!(
                        flat(&ea.exclusion),
                        flat(&eb.exclusion),
                        "{what}: exclusion"
                    );
                }
            }
        }
    }
    // The fixtures hold such pairs: XML and API v1 (two studies), API v2 and the modern and
    // Veeva pages, XML and the classic page, the seeds as text and as HTML.
    assert!(pairs >= 14, "only {pairs} pairs");
    assert!(whole >= 10, "only {whole} pairs compared whole");
}
