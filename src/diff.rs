//! Field-level differences between two records, whatever formats they were read from.
//!
//! The diff walks the records' JSON values. Objects are compared key by key; lists are
//! matched item by item by an identity (an arm by its label, a site by facility and city),
//! not by position, so an inserted site is one addition rather than a cascade of changes,
//! and a list merely reordered is no difference. [`IDENTITIES`] says which identity each
//! list of the model has.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;
use serde_json::Value;

use crate::model::Trial;

/// What to compare beyond the trial itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct DiffOptions {
    /// Also compare `source` (registry, format, url, record date, parser version).
    pub include_source: bool,
    /// Also compare `warnings`.
    pub include_warnings: bool,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    /// Where: keys joined by `.`, list items by their identity in brackets
    /// (`sites["Hôpital Nord", "Paris"].status`).
    pub path: String,
    /// Added, removed or changed.
    pub change: ChangeKind,
    /// The left value; absent for an addition.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left: Option<Value>,
    /// The right value; absent for a removal.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right: Option<Value>,
}

/// Kind of difference.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Only the right record has it.
    Added,
    /// Only the left record has it.
    Removed,
    /// Both have it, with different values.
    Changed,
}

impl fmt::Display for Change {
    /// `path: left → right`, values as compact JSON, `(absent)` for a missing side.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |v: &Option<Value>| v.as_ref().map_or("(absent)".to_string(), Value::to_string);
        write!(
            f,
            "{}: {} → {}",
            self.path,
            show(&self.left),
            show(&self.right)
        )
    }
}

/// How the items of one list are told apart.
#[derive(Debug, Clone, Copy)]
pub enum Identity {
    /// By the whole item (lists of strings and enum members).
    Itself,
    /// By these fields together.
    Fields(&'static [&'static str]),
    /// By the first of these fields that is not null.
    FirstOf(&'static [&'static str]),
}

/// The identity of every list of the model, by its path with list items written `[]`.
/// Nested criteria share their parent list's entries: `inclusion[].children[].children` is
/// looked up as `inclusion[].children` (see [`pattern_key`]).
pub const IDENTITIES: &[(&str, Identity)] = &[
    ("ids.secondary_ids", Identity::Itself),
    ("ids.nct_aliases", Identity::Itself),
    ("ids.registry_ids", Identity::Itself),
    ("sponsors.collaborators", Identity::Fields(&["name"])),
    ("conditions", Identity::Itself),
    ("keywords", Identity::Itself),
    ("mesh_terms", Identity::Itself),
    ("design.phases", Identity::Itself),
    ("design.masking.who", Identity::Itself),
    ("arms", Identity::Fields(&["label"])),
    ("arms[].intervention_names", Identity::Itself),
    ("interventions", Identity::Fields(&["type", "name"])),
    ("interventions[].other_names", Identity::Itself),
    ("interventions[].arm_labels", Identity::Itself),
    ("outcomes", Identity::Fields(&["kind", "measure"])),
    ("outcomes[].time_points", Identity::Itself),
    ("eligibility.std_ages", Identity::Itself),
    ("eligibility.inclusion", Identity::Fields(&["text"])),
    (
        "eligibility.inclusion[].children",
        Identity::Fields(&["text"]),
    ),
    (
        "eligibility.inclusion[].constraints",
        Identity::Fields(&["text"]),
    ),
    ("eligibility.exclusion", Identity::Fields(&["text"])),
    (
        "eligibility.exclusion[].children",
        Identity::Fields(&["text"]),
    ),
    (
        "eligibility.exclusion[].constraints",
        Identity::Fields(&["text"]),
    ),
    ("contacts.central", Identity::Fields(&["name"])),
    ("contacts.officials", Identity::Fields(&["name"])),
    ("sites", Identity::Fields(&["facility", "city"])),
    ("sites[].contacts", Identity::Fields(&["name"])),
    ("references", Identity::FirstOf(&["pmid", "citation"])),
    ("results.participant_flow.groups", Identity::Fields(&["id"])),
    (
        "results.participant_flow.periods",
        Identity::Fields(&["title"]),
    ),
    (
        "results.participant_flow.periods[].milestones",
        Identity::Fields(&["type"]),
    ),
    (
        "results.participant_flow.periods[].milestones[].counts",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.participant_flow.periods[].drop_withdraws",
        Identity::Fields(&["type"]),
    ),
    (
        "results.participant_flow.periods[].drop_withdraws[].counts",
        Identity::Fields(&["group_id"]),
    ),
    ("results.baseline.groups", Identity::Fields(&["id"])),
    ("results.baseline.denoms", Identity::Fields(&["units"])),
    (
        "results.baseline.denoms[].counts",
        Identity::Fields(&["group_id"]),
    ),
    ("results.baseline.measures", Identity::Fields(&["title"])),
    (
        "results.baseline.measures[].denoms",
        Identity::Fields(&["units"]),
    ),
    (
        "results.baseline.measures[].denoms[].counts",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.baseline.measures[].classes",
        Identity::Fields(&["title"]),
    ),
    (
        "results.baseline.measures[].classes[].denoms",
        Identity::Fields(&["units"]),
    ),
    (
        "results.baseline.measures[].classes[].denoms[].counts",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.baseline.measures[].classes[].categories",
        Identity::Fields(&["title"]),
    ),
    (
        "results.baseline.measures[].classes[].categories[].measurements",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.outcome_measures",
        Identity::Fields(&["kind", "title"]),
    ),
    ("results.outcome_measures[].time_points", Identity::Itself),
    (
        "results.outcome_measures[].groups",
        Identity::Fields(&["id"]),
    ),
    (
        "results.outcome_measures[].denoms",
        Identity::Fields(&["units"]),
    ),
    (
        "results.outcome_measures[].denoms[].counts",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.outcome_measures[].classes",
        Identity::Fields(&["title"]),
    ),
    (
        "results.outcome_measures[].classes[].denoms",
        Identity::Fields(&["units"]),
    ),
    (
        "results.outcome_measures[].classes[].denoms[].counts",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.outcome_measures[].classes[].categories",
        Identity::Fields(&["title"]),
    ),
    (
        "results.outcome_measures[].classes[].categories[].measurements",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.outcome_measures[].analyses",
        Identity::Fields(&["group_ids", "param_type", "statistical_method"]),
    ),
    (
        "results.outcome_measures[].analyses[].group_ids",
        Identity::Itself,
    ),
    ("results.adverse_events.groups", Identity::Fields(&["id"])),
    (
        "results.adverse_events.serious",
        Identity::Fields(&["organ_system", "term"]),
    ),
    (
        "results.adverse_events.serious[].stats",
        Identity::Fields(&["group_id"]),
    ),
    (
        "results.adverse_events.other",
        Identity::Fields(&["organ_system", "term"]),
    ),
    (
        "results.adverse_events.other[].stats",
        Identity::Fields(&["group_id"]),
    ),
    ("warnings", Identity::Itself),
];

/// The differences between two trials; empty when they are the same. `source` and
/// `warnings` are left out unless `options` ask for them.
pub fn diff(left: &Trial, right: &Trial, options: DiffOptions) -> Vec<Change> {
    let prepare = |t: &Trial| {
        let mut v = serde_json::to_value(t).expect("a record serializes");
        if let Value::Object(map) = &mut v {
            if !options.include_source {
                map.shift_remove("source");
            }
            if !options.include_warnings {
                map.shift_remove("warnings");
            }
        }
        v
    };
    let (mut left, mut right) = (prepare(left), prepare(right));
    // The legacy XML numbers result groups P1, B2, O3, E1 where the APIs (and the registry's
    // own conversion) write FG000, BG001, OG002, EG000: one record of each, compared, would
    // show every group's values as removed under one id and added under the other.
    let styles = (group_id_style(&left), group_id_style(&right));
    match styles {
        (Some(GroupIds::Legacy), Some(GroupIds::Api)) => api_group_ids(&mut left),
        (Some(GroupIds::Api), Some(GroupIds::Legacy)) => api_group_ids(&mut right),
        _ => {}
    }
    diff_values(&left, &right)
}

/// How a record's results name their groups.
#[derive(Clone, Copy, PartialEq)]
enum GroupIds {
    /// The legacy XML's `P1`, `B1`, `O1`, `E1` (flow, baseline, outcome, adverse events).
    Legacy,
    /// The APIs' `FG000`, `BG000`, `OG000`, `EG000`.
    Api,
}

/// The keys of the results that hold group ids.
const GROUP_ID_KEYS: &[&str] = &["id", "group_id", "group_ids"];

/// The style of the first group id of a record's results, if it has any.
fn group_id_style(record: &Value) -> Option<GroupIds> {
    fn find(v: &Value, key: &str) -> Option<GroupIds> {
        match v {
            Value::Object(map) => map.iter().find_map(|(k, v)| find(v, k)),
            Value::Array(items) => items.iter().find_map(|v| find(v, key)),
            Value::String(s) if GROUP_ID_KEYS.contains(&key) => {
                if legacy_group_id(s).is_some() {
                    Some(GroupIds::Legacy)
                } else {
                    let (prefix, n) = s.split_at_checked(2)?;
                    let api = ["FG", "BG", "OG", "EG"].contains(&prefix)
                        && n.len() == 3
                        && n.bytes().all(|b| b.is_ascii_digit());
                    api.then_some(GroupIds::Api)
                }
            }
            _ => None,
        }
    }
    find(record.get("results")?, "")
}

/// A legacy group id as the API writes it: `P1` → `FG000`, `B2` → `BG001`.
fn legacy_group_id(id: &str) -> Option<String> {
    let prefix = match id.as_bytes().first()? {
        b'P' => "FG",
        b'B' => "BG",
        b'O' => "OG",
        b'E' => "EG",
        _ => return None,
    };
    let n: u32 = id[1..]
        .parse()
        .ok()
        .filter(|_| id[1..].bytes().all(|b| b.is_ascii_digit()))?;
    Some(format!("{prefix}{:03}", n.checked_sub(1)?))
}

/// Renames a record's legacy group ids (`P1`, `B2`, `O3`, `E1`) wherever its results name a
/// group, as the API writes them (`FG000`, `BG001`, `OG002`, `EG000`).
pub fn api_group_ids(record: &mut Value) {
    fn rename(v: &mut Value, key: &str) {
        match v {
            Value::Object(map) => map.iter_mut().for_each(|(k, v)| rename(v, k)),
            Value::Array(items) => items.iter_mut().for_each(|v| rename(v, key)),
            Value::String(s) if GROUP_ID_KEYS.contains(&key) => {
                if let Some(api) = legacy_group_id(s) {
                    *s = api;
                }
            }
            _ => {}
        }
    }
    if let Some(results) = record.get_mut("results") {
        rename(results, "");
    }
}

/// The differences between two record values (the JSON form of [`Trial`]).
pub fn diff_values(left: &Value, right: &Value) -> Vec<Change> {
    let mut out = Vec::new();
    let mut walker = Walker { out: &mut out };
    walker.value(&Path::default(), left, right);
    out
}

/// A place in the record: as shown to the user, and as looked up in [`IDENTITIES`].
#[derive(Default, Clone)]
struct Path {
    shown: String,
    pattern: String,
}

impl Path {
    fn key(&self, k: &str) -> Path {
        let join = |p: &str| {
            if p.is_empty() {
                k.to_string()
            } else {
                format!("{p}.{k}")
            }
        };
        Path {
            shown: join(&self.shown),
            pattern: join(&self.pattern),
        }
    }

    fn item(&self, id: &str) -> Path {
        Path {
            shown: format!("{}[{id}]", self.shown),
            pattern: format!("{}[]", self.pattern),
        }
    }
}

/// The table key of a list path: criteria nested at any depth fold onto their top list
/// (`eligibility.inclusion[].children[].constraints` → `eligibility.inclusion[].constraints`).
pub fn pattern_key(pattern: &str) -> String {
    let mut key = pattern.to_string();
    while key.contains("[].children[]") {
        key = key.replace("[].children[]", "[]");
    }
    key
}

fn identity_of(pattern: &str) -> Identity {
    let key = pattern_key(pattern);
    IDENTITIES
        .iter()
        .find(|(p, _)| *p == key)
        .map_or(Identity::Itself, |(_, id)| *id)
}

/// The identity of one item, as shown in its path: JSON values joined by `, `.
fn item_id(identity: Identity, item: &Value) -> String {
    let field = |f: &str| item.get(f).cloned().unwrap_or(Value::Null);
    match identity {
        Identity::Itself => item.to_string(),
        Identity::Fields(fields) => fields
            .iter()
            .map(|f| field(f).to_string())
            .collect::<Vec<_>>()
            .join(", "),
        Identity::FirstOf(fields) => fields
            .iter()
            .map(|f| field(f))
            .find(|v| !v.is_null())
            .unwrap_or_else(|| item.clone())
            .to_string(),
    }
}

/// Items of a list under their identities; the n-th repeat of an identity gets `#n`.
fn keyed(identity: Identity, items: &[Value]) -> Vec<(String, &Value)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    items
        .iter()
        .map(|item| {
            let id = item_id(identity, item);
            let n = seen.entry(id.clone()).or_default();
            *n += 1;
            let id = if *n == 1 { id } else { format!("{id}#{n}") };
            (id, item)
        })
        .collect()
}

struct Walker<'a> {
    out: &'a mut Vec<Change>,
}

impl Walker<'_> {
    fn push(
        &mut self,
        path: &Path,
        change: ChangeKind,
        left: Option<&Value>,
        right: Option<&Value>,
    ) {
        self.out.push(Change {
            path: path.shown.clone(),
            change,
            left: left.cloned(),
            right: right.cloned(),
        });
    }

    /// Compares two values at `path`. The depth is the record's, which the model bounds
    /// (criteria nesting is capped by the criteria reader).
    fn value(&mut self, path: &Path, left: &Value, right: &Value) {
        match (left, right) {
            (Value::Object(l), Value::Object(r)) => {
                for (k, lv) in l {
                    match r.get(k) {
                        Some(rv) => self.value(&path.key(k), lv, rv),
                        None => self.push(&path.key(k), ChangeKind::Removed, Some(lv), None),
                    }
                }
                for (k, rv) in r.iter().filter(|(k, _)| !l.contains_key(*k)) {
                    self.push(&path.key(k), ChangeKind::Added, None, Some(rv));
                }
            }
            (Value::Array(l), Value::Array(r)) => self.list(path, l, r),
            (l, r) if l != r => self.push(path, ChangeKind::Changed, Some(l), Some(r)),
            _ => {}
        }
    }

    fn list(&mut self, path: &Path, left: &[Value], right: &[Value]) {
        let identity = identity_of(&path.pattern);
        let l = keyed(identity, left);
        let r = keyed(identity, right);
        let r_index: HashMap<&str, &Value> = r.iter().map(|(id, v)| (id.as_str(), *v)).collect();
        let l_ids: std::collections::HashSet<&str> = l.iter().map(|(id, _)| id.as_str()).collect();
        for (id, lv) in &l {
            let at = path.item(id);
            match r_index.get(id.as_str()) {
                Some(rv) => self.value(&at, lv, rv),
                None => self.push(&at, ChangeKind::Removed, Some(lv), None),
            }
        }
        for (id, rv) in r.iter().filter(|(id, _)| !l_ids.contains(id.as_str())) {
            self.push(&path.item(id), ChangeKind::Added, None, Some(rv));
        }
    }
}
