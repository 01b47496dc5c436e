//! The labelled constraint set (`fixtures/criteria/labels.txt`) and its scoring, shared by
//! `tests/criteria_eval.rs` and `examples/criteria_eval.rs`.
//!
//! A label matches an extracted constraint when the operator, the value (to 1e-9), the unit
//! and `multiple_of` are equal, `out_of` is equal where the label gives one, and the subject
//! agrees: same `key` when the label names a key; the extracted subject contains the label's
//! words when the label gives words (`~words`); any subject for `*` (an implicit time
//! window). Each extracted constraint matches at most one label.

use std::collections::BTreeMap;

use trialnorm::model::{Constraint, ConstraintKey, Operator, ReferenceRange};

/// One labelled constraint.
#[derive(Debug, Clone)]
pub struct Label {
    pub subject: Subject,
    pub operator: Operator,
    pub value: f64,
    pub unit: Option<String>,
    pub multiple_of: Option<String>,
    pub out_of: Option<f64>,
}

/// How a label names its subject.
#[derive(Debug, Clone)]
pub enum Subject {
    Key(String),
    Words(String),
    Any,
}

/// One labelled criterion.
#[derive(Debug, Clone)]
pub struct Case {
    pub record: String,
    pub text: String,
    pub labels: Vec<Label>,
}

fn operator(s: &str) -> Operator {
    match s {
        "<" => Operator::Lt,
        "<=" => Operator::Le,
        ">" => Operator::Gt,
        ">=" => Operator::Ge,
        "=" => Operator::Eq,
        "!=" => Operator::Ne,
        other => panic!("unknown operator {other:?} in labels"),
    }
}

/// Reads a label file of `fixtures/criteria/` (`labels.txt`, `heldout.txt`).
pub fn load(name: &str) -> Vec<Case> {
    let path = format!("{}/fixtures/criteria/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).expect("the label file exists");
    let mut cases: Vec<Case> = Vec::new();
    let mut record = String::new();
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(id) = line.strip_prefix("@ ") {
            record = id.trim().to_string();
        } else if let Some(t) = line.strip_prefix("> ") {
            cases.push(Case {
                record: record.clone(),
                text: t.to_string(),
                labels: Vec::new(),
            });
        } else {
            let cols: Vec<&str> = line.split('|').map(str::trim).collect();
            assert!(cols.len() >= 4, "label line needs 4 columns: {line}");
            let subject = match cols[0] {
                "*" => Subject::Any,
                s if s.starts_with('~') => Subject::Words(s[1..].to_lowercase()),
                s => Subject::Key(s.to_string()),
            };
            let extra = cols.get(4).copied().unwrap_or("");
            let label = Label {
                subject,
                operator: operator(cols[1]),
                value: cols[2].parse().expect("label value is a number"),
                unit: (cols[3] != "-").then(|| cols[3].to_string()),
                multiple_of: matches!(extra, "ULN" | "LLN" | "predicted")
                    .then(|| extra.to_string()),
                out_of: extra.strip_prefix('/').and_then(|n| n.parse().ok()),
            };
            cases
                .last_mut()
                .expect("a label follows a criterion line")
                .labels
                .push(label);
        }
    }
    cases
}

/// The name a label is counted under in per-subject figures.
pub fn group(l: &Label) -> String {
    match &l.subject {
        Subject::Key(k) => k.clone(),
        _ if l
            .unit
            .as_deref()
            .is_some_and(|u| ["a", "mo", "wk", "d", "h", "min"].contains(&u)) =>
        {
            "(time window)".to_string()
        }
        _ => "(other)".to_string(),
    }
}

fn group_of(c: &Constraint) -> String {
    match c.key {
        Some(k) => k.as_str().to_string(),
        None if c.time_window => "(time window)".to_string(),
        None => "(other)".to_string(),
    }
}

/// Whether an extracted constraint satisfies a label.
pub fn matches(l: &Label, c: &Constraint) -> bool {
    let subject = match &l.subject {
        Subject::Key(k) => c.key.map(ConstraintKey::as_str) == Some(k.as_str()),
        Subject::Words(w) => c.subject.to_lowercase().contains(w.as_str()),
        Subject::Any => true,
    };
    subject
        && l.operator == c.operator
        && (l.value - c.value).abs() < 1e-9
        && l.unit == c.unit
        && l.multiple_of.as_deref() == c.multiple_of.map(ReferenceRange::as_str)
        && l.out_of.is_none_or(|o| c.out_of == Some(o))
}

/// Counts per subject group: (true positives, labels, extracted).
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    pub hits: usize,
    pub labels: usize,
    pub extracted: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        if self.extracted == 0 {
            1.0
        } else {
            self.hits as f64 / self.extracted as f64
        }
    }
    pub fn recall(&self) -> f64 {
        if self.labels == 0 {
            1.0
        } else {
            self.hits as f64 / self.labels as f64
        }
    }
}

/// The scores: overall, per group, and the misses as text for diagnosis.
pub struct Report {
    pub total: Counts,
    pub by_group: BTreeMap<String, Counts>,
    pub misses: Vec<String>,
    pub records: usize,
}

/// Runs the extractor over every labelled criterion and scores it.
pub fn evaluate(cases: &[Case]) -> Report {
    let mut total = Counts::default();
    let mut by_group: BTreeMap<String, Counts> = BTreeMap::new();
    let mut misses = Vec::new();
    for case in cases {
        let got = trialnorm::normalize::constraints::extract(&case.text);
        let mut used = vec![false; got.len()];
        for l in &case.labels {
            let g = by_group.entry(group(l)).or_default();
            g.labels += 1;
            total.labels += 1;
            match (0..got.len()).find(|&i| !used[i] && matches(l, &got[i])) {
                Some(i) => {
                    used[i] = true;
                    total.hits += 1;
                    by_group.entry(group(l)).or_default().hits += 1;
                }
                None => misses.push(format!(
                    "MISSED {} {:?}\n    in: {}",
                    case.record, l, case.text
                )),
            }
        }
        for (i, c) in got.iter().enumerate() {
            total.extracted += 1;
            // An extraction is counted under the group of the label it matched, or its own.
            let g = if used[i] {
                case.labels
                    .iter()
                    .find(|l| matches(l, c))
                    .map(group)
                    .unwrap_or_else(|| group_of(c))
            } else {
                misses.push(format!(
                    "EXTRA  {} {} {:?} {} {:?} {:?} [{}]\n    in: {}",
                    case.record, c.subject, c.operator, c.value, c.unit, c.key, c.text, case.text
                ));
                group_of(c)
            };
            by_group.entry(g).or_default().extracted += 1;
        }
    }
    let records = cases
        .iter()
        .map(|c| c.record.as_str())
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    Report {
        total,
        by_group,
        misses,
        records,
    }
}

/// The figures as a table.
pub fn table(r: &Report) -> String {
    let mut out = format!(
        "{} records, {} labelled constraints, {} extracted\n{:<28} {:>6} {:>9} {:>6} {:>9}\n",
        r.records,
        r.total.labels,
        r.total.extracted,
        "subject",
        "labels",
        "precision",
        "found",
        "recall"
    );
    for (g, c) in &r.by_group {
        out.push_str(&format!(
            "{:<28} {:>6} {:>9.3} {:>6} {:>9.3}\n",
            g,
            c.labels,
            c.precision(),
            c.hits,
            c.recall()
        ));
    }
    out.push_str(&format!(
        "{:<28} {:>6} {:>9.3} {:>6} {:>9.3}\n",
        "ALL",
        r.total.labels,
        r.total.precision(),
        r.total.hits,
        r.total.recall()
    ));
    out
}
