//! Study pages saved as HTML: rendered to an outline ([`crate::sources::page::html`]) and read by the site's
//! own section reader, then checked against the data the page embeds for machines.
//!
//! A saved page may carry schema.org JSON-LD (`MedicalTrial`, `MedicalStudy`), which names
//! the study's identifier and title, and a server-rendered page the study record itself in
//! its script data ([`crate::sources::page::embedded`]). Where it does, it fills what the
//! visible page lacks and a disagreement with the visible page is a warning, since either
//! could be stale.

use crate::model::WarningCode;
use serde_json::Value;

use super::{ctgov_classic, ctgov_modern, veeva};
use crate::error::{Error, Result};
use crate::model::Trial;
use crate::normalize::text;
use crate::sources::find_nct_id;
use crate::Format;

/// A saved page read: the record its visible text gives, and the study records in the API
/// v2 shape it embeds (as JSON text), for the dispatcher to read and reconcile.
pub struct SavedPage {
    /// The record read from the visible page.
    pub trial: Trial,
    /// Study records the page embeds for its scripts.
    pub embedded_studies: Vec<String>,
}

/// Reads a saved study page of `format` (one of the HTML formats).
pub fn read(format: Format, html: &str) -> Result<SavedPage> {
    let page = crate::sources::page::html::read(html)
        .map_err(|why| Error::malformed(format, why.to_string()))?;
    let mut t = match format {
        Format::CtgovClassicHtml => {
            ctgov_classic::read_outline(&page.outline, format, page.heading.as_deref())?
        }
        Format::CtgovModernHtml => {
            ctgov_modern::read_outline(&page.outline, format, page.heading.as_deref())?
        }
        Format::VeevaHtml => veeva::read_outline(&page.outline, format)?,
        other => {
            return Err(Error::UnknownFormat(format!(
                "{other} is not an HTML page format"
            )))
        }
    };
    for v in &page.embedded {
        for study in studies(v) {
            apply(&mut t, study);
        }
    }
    Ok(SavedPage {
        trial: t,
        embedded_studies: crate::sources::page::embedded::studies(&page.embedded),
    })
}

/// The schema.org study objects in a JSON-LD value (alone, in an array or in `@graph`).
fn studies(v: &Value) -> Vec<&Value> {
    match v {
        Value::Array(items) => items.iter().flat_map(studies).collect(),
        Value::Object(map) => {
            let mut out: Vec<&Value> = map.get("@graph").map(studies).unwrap_or_default();
            let is_study = map
                .get("@type")
                .and_then(Value::as_str)
                .is_some_and(|t| matches!(t, "MedicalTrial" | "MedicalStudy"));
            if is_study {
                out.push(v);
            }
            out
        }
        _ => Vec::new(),
    }
}

/// Fills from `study` what the visible page lacks; warns where the two disagree.
fn apply(t: &mut Trial, study: &Value) {
    let ids: Vec<String> = match study.get("identifier") {
        Some(Value::Array(a)) => a.iter().filter_map(identifier).collect(),
        Some(v) => identifier(v).into_iter().collect(),
        None => Vec::new(),
    };
    if let Some(id) = ids.iter().find_map(|i| find_nct_id(i)) {
        match &t.ids.nct_id {
            None => t.ids.nct_id = Some(id),
            Some(shown) if *shown != id => t.warn(
                WarningCode::EmbeddedDataDisagrees,
                "ids.nct_id",
                format!("the page shows {shown} but its embedded data says {id}"),
            ),
            Some(_) => {}
        }
    }
    if let Some(name) = study
        .get("name")
        .and_then(Value::as_str)
        .and_then(text::line)
    {
        match &t.titles.brief {
            None => t.titles.brief = Some(name),
            Some(shown) if text::squash(shown) != text::squash(&name) => {
                let msg = format!(
                    "the page shows the title {shown:?} but its embedded data says {name:?}"
                );
                t.warn(WarningCode::EmbeddedDataDisagrees, "titles.brief", msg)
            }
            Some(_) => {}
        }
    }
}

/// An identifier as JSON-LD writes it: a string or a `PropertyValue`.
fn identifier(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Object(m) => m.get("value").and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_study_fills_and_disagrees() {
        let mut t = Trial::new(crate::model::Registry::Ctgov, Format::CtgovModernHtml);
        t.titles.brief = Some("Visible title".into());
        let ld: Value = serde_json::from_str(
            r#"{"@graph":[{"@type":"MedicalTrial","identifier":[{"@type":"PropertyValue","value":"NCT00973089"}],"name":"Another title"}]}"#,
        )
        .unwrap();
        for s in studies(&ld) {
            apply(&mut t, s);
        }
        assert_eq!(t.ids.nct_id.as_deref(), Some("NCT00973089"));
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].path.as_deref(), Some("titles.brief"));
    }
}
