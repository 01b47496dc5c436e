//! The study record a saved page may carry for its own scripts, checked against what the
//! page shows.
//!
//! A page rendered on the server can embed the data it was built from: Angular's transfer
//! state (`<script id="ng-state" type="application/json">`, on older versions with `&q;`
//! for quotes), Next.js's `__NEXT_DATA__`. Where that data holds a study in the API v2
//! shape (an object with a `protocolSection`), [`studies`] finds it; the dispatcher reads it
//! with the API v2 reader and [`reconcile`] compares it with the record read from the
//! visible text: a value the page does not show is filled from it, a value that differs is
//! kept as shown and an `embedded-data-disagrees` warning quotes both, since either could be
//! stale.

use serde_json::Value;

use crate::model::{Trial, WarningCode};
use crate::normalize::text;

/// How deep [`studies`] looks into embedded JSON.
const MAX_DEPTH: usize = 12;

/// The API v2-shaped study objects in embedded JSON values, each as JSON text.
pub fn studies(values: &[Value]) -> Vec<String> {
    let mut out = Vec::new();
    for v in values {
        find(v, 0, &mut out);
    }
    out
}

fn find(v: &Value, depth: usize, out: &mut Vec<String>) {
    if depth > MAX_DEPTH {
        return;
    }
    match v {
        Value::Object(map) if map.get("protocolSection").is_some_and(Value::is_object) => {
            out.push(v.to_string())
        }
        Value::Object(map) => map.values().for_each(|x| find(x, depth + 1, out)),
        Value::Array(items) => items.iter().for_each(|x| find(x, depth + 1, out)),
        _ => {}
    }
}

/// The fields compared, as JSON pointers into the record: those every study page shows.
const CHECKED: &[&str] = &[
    "/ids/nct_id",
    "/ids/org_study_id",
    "/titles/brief",
    "/titles/official",
    "/titles/acronym",
    "/status/overall",
    "/status/start/date",
    "/status/primary_completion/date",
    "/status/completion/date",
    "/status/first_posted",
    "/status/last_updated",
    "/sponsors/lead",
    "/sponsors/lead/class",
    "/design/study_type",
    "/design/phases",
    "/enrollment/count",
    "/eligibility/sex",
    "/conditions",
];

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Array(a) => a.is_empty(),
        Value::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Two values agree when they say the same in other words: text compared without case,
/// spaces or punctuation, dates at the coarser of their two precisions, organizations by
/// name.
fn agree(shown: &Value, data: &Value) -> bool {
    match (shown, data) {
        (Value::String(a), Value::String(b)) => {
            let (a, b) = (text::squash(a), text::squash(b));
            a == b || is_date_prefix(&a, &b) || is_date_prefix(&b, &a)
        }
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| agree(x, y))
        }
        (Value::Object(a), Value::Object(b)) => match (a.get("name"), b.get("name")) {
            (Some(x), Some(y)) => agree(x, y),
            _ => shown == data,
        },
        _ => shown == data,
    }
}

/// "201605" of "20160513": a date at month precision agrees with a day within it.
fn is_date_prefix(short: &str, long: &str) -> bool {
    short.len() >= 4 && short.bytes().all(|b| b.is_ascii_digit()) && long.starts_with(short)
}

/// Fills what the page does not show from the embedded record and warns where the two
/// disagree; the page's own values stand.
pub fn reconcile(t: &mut Trial, data: &Trial) {
    let (Ok(mut shown), Ok(embedded)) = (serde_json::to_value(&*t), serde_json::to_value(data))
    else {
        return;
    };
    let mut disagreements = Vec::new();
    for p in CHECKED {
        let Some(d) = embedded.pointer(p).filter(|d| !is_empty(d)) else {
            continue;
        };
        match shown.pointer_mut(p) {
            Some(s) if is_empty(s) => *s = d.clone(),
            Some(s) if !agree(s, d) => disagreements.push((*p, s.to_string(), d.to_string())),
            _ => {}
        }
    }
    if let Ok(filled) = serde_json::from_value::<Trial>(shown) {
        *t = filled;
    }
    for (p, s, d) in disagreements {
        let path = p.trim_start_matches('/').replace('/', ".");
        t.warn(
            WarningCode::EmbeddedDataDisagrees,
            &path,
            format!("the page shows {s} but the study record it embeds says {d}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Organization, OverallStatus};

    #[test]
    fn studies_are_found_at_any_depth() {
        let v: Value = serde_json::from_str(
            r#"{"k":{"body":{"protocolSection":{"identificationModule":{"nctId":"NCT00000001"}}}}}"#,
        )
        .unwrap();
        let found = studies(&[v]);
        assert_eq!(found.len(), 1);
        assert!(found[0].starts_with("{\"protocolSection\""));
    }

    #[test]
    fn shown_values_stand_missing_ones_are_filled() {
        let mut shown = Trial::default();
        shown.titles.brief = Some("Shown title".into());
        shown.status.start.date = Some("2016-05".into());
        let mut data = Trial::default();
        data.titles.brief = Some("Another title".into());
        data.status.start.date = Some("2016-05-13".into());
        data.status.overall = Some(OverallStatus::Completed);
        data.sponsors.lead = Some(Organization {
            name: Some("Sponsor".into()),
            class: None,
        });
        reconcile(&mut shown, &data);
        assert_eq!(shown.titles.brief.as_deref(), Some("Shown title"));
        assert_eq!(shown.status.overall, Some(OverallStatus::Completed));
        assert_eq!(
            shown.sponsors.lead.unwrap().name.as_deref(),
            Some("Sponsor")
        );
        assert_eq!(shown.warnings.len(), 1, "{:?}", shown.warnings);
        assert_eq!(shown.warnings[0].path.as_deref(), Some("titles.brief"));
    }
}
