//! One trial, many registries: records of a batch that share a registry number
//! (`ids.registry_ids`: an NCT id, an EudraCT or EU CT number, an ISRCTN, …) are records of
//! one trial, whatever registry or format each came from, and whether they share it
//! directly or through another record (a JPRN record naming the NCT id and EudraCT number
//! that the ClinicalTrials.gov and EU CTR records carry).
//!
//! Two uses: [`same_trial_note`] marks each record of a group with a `same-trial-as`
//! warning naming the others; [`merge`] makes one record of a group, every registry's
//! numbers kept and each field taken from the most complete source that has it, with the
//! record each field came from named (see [`Merged`]).

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use crate::model::{IdRegistry, Registry, RegistryId, Trial, WarningCode};
use crate::Format;

/// The groups of records that share a registry number, directly or through others: each
/// group's members by their index in `ids`, in order, groups in the order of their first
/// member; records that share with none are in no group.
pub fn groups(ids: &[Vec<RegistryId>]) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..ids.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut first_with: std::collections::HashMap<&RegistryId, usize> = Default::default();
    for (i, list) in ids.iter().enumerate() {
        for id in list {
            match first_with.get(id) {
                Some(&j) => {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                    parent[a.max(b)] = a.min(b);
                }
                None => {
                    first_with.insert(id, i);
                }
            }
        }
    }
    let mut by_root: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..ids.len() {
        let r = root(&mut parent, i);
        by_root.entry(r).or_default().push(i);
    }
    by_root.into_values().filter(|g| g.len() > 1).collect()
}

/// Where a record came from, as the others of its group name it: "(registry, format, own
/// number)", to follow "record N" (its number in the batch's output, from 1).
pub fn source_of(t: &Trial) -> String {
    let registry = t.source.registry.map_or("-".to_string(), |r| json_name(&r));
    let format = t.source.format.map_or("-", Format::name);
    let own = t.ids.registry_ids.first().map_or(String::new(), |r| {
        let reg: &'static str = r.registry.into();
        format!(", {reg} {}", r.id)
    });
    format!("({registry}, {format}{own})")
}

fn json_name<T: Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

/// A registry number as notes and tables name it: its registry, a space, the number
/// (`CTGOV NCT04136184`).
pub fn label(r: &RegistryId) -> String {
    let reg: &'static str = r.registry.into();
    format!("{reg} {}", r.id)
}

/// The registry numbers record `i` of `group` (members by their index in `ids`) shares with
/// the group's other records, in its own order, each once.
pub fn shared(i: usize, group: &[usize], ids: &[Vec<RegistryId>]) -> Vec<RegistryId> {
    let mut shared: Vec<RegistryId> = Vec::new();
    for id in &ids[i] {
        let elsewhere = (group.iter()).any(|&m| m != i && ids[m].contains(id));
        if elsewhere && !shared.contains(id) {
            shared.push(id.clone());
        }
    }
    shared
}

/// Adds to `t` the `same-trial-as` warning: the other records of its group, each named
/// "record N" and its [`source_of`], and the registry numbers `t` shares with them.
pub fn same_trial_note(t: &mut Trial, others: &[String], shared: &[RegistryId]) {
    let shared: Vec<String> = shared.iter().map(label).collect();
    t.warn(
        WarningCode::SameTrialAs,
        "ids.registry_ids",
        format!(
            "same trial as {} (shared: {})",
            others.join(", "),
            shared.join(", ")
        ),
    );
}

/// One trial made of the records of a group (`parse --dedupe`): the merged record, the
/// records it was made of, and for each field the record it came from.
#[derive(Debug, Clone, Serialize)]
pub struct Merged {
    /// The merged record, in the shape of every record (`MODEL.md`): the first record's
    /// fields, each field it leaves empty taken from the next record that has it;
    /// `ids.registry_ids` and `ids.secondary_ids` hold every record's, each once.
    pub trial: Value,
    /// The records merged, most complete source first (the order fields are taken in).
    pub records: Vec<Member>,
    /// For each field of the record (a JSON pointer, `/design/phases`), the index in
    /// `records` of the record its value came from (for a field of [`UNIONS`], the first
    /// record that has members); fields no record fills are left out.
    pub fields: BTreeMap<String, usize>,
    /// For each field of [`UNIONS`] that some record fills, the indexes in `records` of the
    /// records that gave it members.
    pub members_from: BTreeMap<String, Vec<usize>>,
}

/// A record merged into a [`Merged`] trial.
#[derive(Debug, Clone, Serialize)]
pub struct Member {
    /// Its number in the batch's records (from 1), as `same-trial-as` names it.
    pub record: usize,
    /// The registry that published it (`source.registry`).
    pub registry: Option<Registry>,
    /// The format it was read from (`source.format`).
    pub format: Option<Format>,
    /// Its link (`source.url`).
    pub url: Option<String>,
    /// Its registry numbers, its own first.
    pub registry_ids: Vec<RegistryId>,
}

/// The fields merged, each whole: a field is taken from one record, never pieced together.
pub const FIELDS: &[&str] = &[
    "/ids/nct_id",
    "/ids/org_study_id",
    "/ids/nct_aliases",
    "/titles/brief",
    "/titles/official",
    "/titles/acronym",
    "/status/overall",
    "/status/why_stopped",
    "/status/start",
    "/status/primary_completion",
    "/status/completion",
    "/status/first_submitted",
    "/status/first_posted",
    "/status/last_updated",
    "/status/verified",
    "/sponsors/lead",
    "/sponsors/collaborators",
    "/sponsors/responsible_party",
    "/sponsors/information_provider",
    "/description/brief_summary",
    "/description/detailed_description",
    "/conditions",
    "/keywords",
    "/mesh_terms",
    "/design/study_type",
    "/design/phases",
    "/design/allocation",
    "/design/intervention_model",
    "/design/observational_model",
    "/design/time_perspective",
    "/design/primary_purpose",
    "/design/masking",
    "/design/endpoint_classification",
    "/enrollment",
    "/arms",
    "/interventions",
    "/outcomes",
    "/eligibility/sex",
    "/eligibility/minimum_age",
    "/eligibility/maximum_age",
    "/eligibility/std_ages",
    "/eligibility/healthy_volunteers",
    "/eligibility/criteria_text",
    "/contacts/central",
    "/contacts/officials",
    "/sites",
    "/references",
];

/// The list fields whose members each record gives of its own, merged as the union of every
/// record's (first seen first, each once) rather than taken whole from one record: the sites
/// (each EU CTR member-state record names its own country; a registry that lists countries
/// only adds a country no other record's sites are in), and the NCT ids a record was also
/// known by. Lists that are one description worded by each registry (conditions, keywords,
/// arms, outcomes, criteria) are taken whole from one record: their union would repeat one
/// thing in each registry's words.
pub const UNIONS: &[&str] = &["/sites", "/ids/nct_aliases"];

/// Whether `site` names nothing but a country (`country`, `country_code`), as registries
/// that list the recruitment countries write them.
fn country_only(site: &Value) -> bool {
    site.as_object().is_some_and(|o| {
        o.iter()
            .all(|(k, v)| k == "country" || k == "country_code" || empty(v))
    })
}

/// The union of the lists at `path` of `values`, first seen first, each member once (a
/// country-only site once its country has a site), and which of `values` gave members.
fn union_of(values: &[Value], path: &str) -> (Vec<Value>, Vec<usize>) {
    let mut out: Vec<Value> = Vec::new();
    let mut from = Vec::new();
    for (i, v) in values.iter().enumerate() {
        let mut gave = false;
        for x in v
            .pointer(path)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let covered = path == "/sites"
                && country_only(x)
                && (out.iter()).any(|s| {
                    let code = |s: &Value| s.get("country_code").cloned().filter(|c| !c.is_null());
                    code(s).is_some() && code(s) == code(x)
                });
            if !covered && !out.contains(x) {
                out.push(x.clone());
                gave = true;
            }
        }
        if gave {
            from.push(i);
        }
    }
    (out, from)
}

/// The order sources are preferred in: the registries' own structured records first, then
/// their pages and the platforms that copy them; among records of one source (the WHO
/// ICTRP's copies of several registries' records), the records of ClinicalTrials.gov, the
/// EU registers and ISRCTN before a national registry's, which often holds the country's
/// part of the trial only (jRCT2071210009 enrolls 14 of NCT04136184's 140).
fn rank(t: &Trial) -> (u8, bool) {
    let source = match t.source.registry {
        Some(Registry::Ctgov) => 0,
        Some(Registry::Ctis) => 1,
        Some(Registry::Euctr) => 2,
        Some(Registry::Isrctn) => 3,
        Some(Registry::WhoIctrp) => 4,
        Some(Registry::Veeva) => 5,
        None => 6,
    };
    let national = !matches!(
        t.ids.registry_ids.first().map(|r| r.registry),
        Some(IdRegistry::Ctgov | IdRegistry::Euct | IdRegistry::Eudract | IdRegistry::Isrctn)
    );
    (source, national)
}

/// Whether a value is empty: null, `[]`, `""`, or an object all of whose values are empty
/// (a date with neither date nor type, an enrollment with no count).
fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.is_empty(),
        Value::Object(o) => o.values().all(empty),
        _ => false,
    }
}

/// Merges the records of one group, each given with its number in the batch.
pub fn merge(records: &[(usize, Trial)]) -> Merged {
    let mut order: Vec<&(usize, Trial)> = records.iter().collect();
    order.sort_by_key(|(n, t)| (rank(t), *n));
    let values: Vec<Value> = (order.iter())
        .map(|(_, t)| serde_json::to_value(t).expect("a record serializes"))
        .collect();
    let mut trial = values.first().cloned().unwrap_or(Value::Null);
    let mut fields = BTreeMap::new();
    let mut members_from = BTreeMap::new();
    for path in FIELDS {
        if UNIONS.contains(path) {
            let (members, from) = union_of(&values, path);
            if let Some(&first) = from.first() {
                fields.insert(path.to_string(), first);
                members_from.insert(path.to_string(), from);
            }
            if let Some(slot) = trial.pointer_mut(path) {
                *slot = Value::Array(members);
            }
            continue;
        }
        let Some(i) = values
            .iter()
            .position(|v| v.pointer(path).is_some_and(|x| !empty(x)))
        else {
            continue;
        };
        fields.insert(path.to_string(), i);
        if i == 0 {
            continue;
        }
        let value = values[i].pointer(path).cloned().unwrap_or(Value::Null);
        if let Some(slot) = trial.pointer_mut(path) {
            *slot = value;
        }
        // The criteria's trees go with their text.
        if *path == "/eligibility/criteria_text" {
            for tree in ["/eligibility/inclusion", "/eligibility/exclusion"] {
                let v = values[i].pointer(tree).cloned().unwrap_or(Value::Null);
                if let Some(slot) = trial.pointer_mut(tree) {
                    *slot = v;
                }
            }
        }
    }
    let union = |key: &str| -> Value {
        let mut out: Vec<Value> = Vec::new();
        for v in &values {
            for x in v
                .pointer(key)
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if !out.contains(x) {
                    out.push(x.clone());
                }
            }
        }
        Value::Array(out)
    };
    for key in ["/ids/registry_ids", "/ids/secondary_ids", "/warnings"] {
        let merged = union(key);
        if let Some(slot) = trial.pointer_mut(key) {
            *slot = merged;
        }
    }
    let members = (order.iter())
        .map(|(n, t)| Member {
            record: *n,
            registry: t.source.registry,
            format: t.source.format,
            url: t.source.url.clone(),
            registry_ids: t.ids.registry_ids.clone(),
        })
        .collect();
    Merged {
        trial,
        records: members,
        fields,
        members_from,
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::IdRegistry;

    /// A registry number (for tests).
    pub(crate) fn id(registry: IdRegistry, id: &str) -> RegistryId {
        RegistryId {
            registry,
            id: id.into(),
        }
    }

    #[test]
    fn records_join_through_any_shared_number() {
        let nct = id(IdRegistry::Ctgov, "NCT04136184");
        let eu = id(IdRegistry::Eudract, "2019-001698-10");
        let ids = vec![
            vec![
                id(IdRegistry::Jprn, "jRCT2071210009"),
                nct.clone(),
                eu.clone(),
            ],
            vec![id(IdRegistry::Drks, "DRKS00032447")],
            vec![eu.clone()],
            vec![nct.clone()],
            vec![],
        ];
        assert_eq!(groups(&ids), [vec![0, 2, 3]]);
        assert!(groups(&ids[1..2]).is_empty());
    }

    #[test]
    fn merge_takes_each_field_from_the_first_source_that_has_it() {
        let mut ctgov = Trial::new(Registry::Ctgov, Format::CtgovApiV2Json);
        ctgov.ids.nct_id = Some("NCT04136184".into());
        ctgov.ids.registry_ids = vec![id(IdRegistry::Ctgov, "NCT04136184")];
        ctgov.titles.brief = Some("Brief".into());
        let mut eu = Trial::new(Registry::Euctr, Format::EuctrText);
        eu.ids.registry_ids = vec![
            id(IdRegistry::Eudract, "2019-001698-10"),
            id(IdRegistry::Ctgov, "NCT04136184"),
        ];
        eu.titles.brief = Some("Other brief".into());
        eu.enrollment.count = Some(140);
        let m = merge(&[(2, eu), (5, ctgov)]);
        // The ClinicalTrials.gov record comes first, whatever the batch order.
        assert_eq!(m.records[0].record, 5);
        assert_eq!(m.trial["titles"]["brief"], "Brief");
        assert_eq!(m.fields["/titles/brief"], 0);
        assert_eq!(m.trial["enrollment"]["count"], 140);
        assert_eq!(m.fields["/enrollment"], 1);
        assert_eq!(m.trial["ids"]["registry_ids"].as_array().unwrap().len(), 2);
        assert!(!m.fields.contains_key("/arms"));
    }

    #[test]
    fn sites_are_the_union_of_every_records() {
        use crate::model::Site;
        let site = |facility: Option<&str>, code: &str| Site {
            facility: facility.map(String::from),
            country: Some(code.into()),
            country_code: Some(code.into()),
            ..Default::default()
        };
        let mut a = Trial::new(Registry::Euctr, Format::EuctrText);
        a.sites = vec![site(None, "FR"), site(None, "ES")];
        let mut b = Trial::new(Registry::Euctr, Format::EuctrText);
        b.sites = vec![site(None, "ES"), site(None, "HU")];
        let mut c = Trial::new(Registry::Ctgov, Format::CtgovApiV2Json);
        c.sites = vec![site(Some("Hôpital Nord"), "FR")];
        let m = merge(&[(1, a), (2, b), (3, c)]);
        let codes: Vec<&str> = (m.trial["sites"].as_array().unwrap().iter())
            .map(|s| s["country_code"].as_str().unwrap())
            .collect();
        // The ClinicalTrials.gov site first; France's country-only site is covered by it;
        // Spain once; Hungary, only the third record's, kept.
        assert_eq!(codes, ["FR", "ES", "HU"]);
        assert_eq!(m.trial["sites"][0]["facility"], "Hôpital Nord");
        assert_eq!(m.fields["/sites"], 0);
        assert_eq!(m.members_from["/sites"], [0, 1, 2]);
        // Scalars still come whole from the first record that has them.
        assert!(!m.members_from.contains_key("/titles/brief"));
    }
}
