//! A study's record history: the list of its posted versions, and the study as of each.
//!
//! ClinicalTrials.gov's documented API v2 has no history; the website's "History of
//! Changes" tab reads two undocumented endpoints of its internal API, beside v2
//! (`…/api/int` for `…/api/v2`):
//!
//! - `GET {int}/studies/{nct_id}/history`: the list,
//!   `{"changes": [{"version": 0, "date": "2020-04-29", "status": "NOT_YET_RECRUITING",
//!   "studyType": "INTERVENTIONAL", "moduleLabels": [], "lastUpdateSubmitQcDate":
//!   "2020-04-29"}, …], "lastUpdateVersions": {…}, "originalData": {…},
//!   "outcomesUpdateCount": 0}`. The same list comes as `history.changes` of
//!   `GET {int}/studies/{nct_id}?history=true`, the form the R packages cthist
//!   (`R/clinicaltrials_gov_dates.R`) and ctrdata (`R/ctrLoadQueryIntoDbCtgov2.R`) read; it
//!   is asked for when the first answers 404.
//! - `GET {int}/studies/{nct_id}/history/{version}`: the study as of that version,
//!   `{"studyVersion": 3, "study": {"protocolSection": …}}`, the study in the API v2 shape
//!   (cthist's `R/clinicaltrials_gov_version.R` reads `study.protocolSection`, ctrdata
//!   reads `studyVersion` and `study`).
//!
//! Versions are numbered from 0 (the version first posted). Being undocumented, the shape
//! may change without notice: the readers here take only what they need, ignore what they
//! do not know, and answer a change in what they need with a [`FetchError::Malformed`]
//! naming the member that changed, never a guess.

use std::collections::HashMap;

use serde_json::value::RawValue;
use serde_json::Value;

use super::client::BodyError;
use super::{nct_id, Client, FetchError, RawStudy};

/// One entry of a study's history list: a posted version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionEntry {
    /// The version number (`version`), 0 for the version first posted.
    pub version: u32,
    /// The version's date (`date`), ISO 8601.
    pub date: String,
    /// The overall status in this version (`status`), an API v2 member, as listed.
    pub status: Option<String>,
    /// The record modules listed as changed in this version (`moduleLabels`).
    pub module_labels: Vec<String>,
}

/// A study's history list, versions in ascending order, each once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryList {
    /// The study asked for.
    pub nct_id: String,
    /// Every posted version.
    pub versions: Vec<VersionEntry>,
}

/// One version of a study, as the version endpoint sent it.
#[derive(Debug, Clone, PartialEq)]
pub struct StudyVersion {
    /// The version number.
    pub version: u32,
    /// The study as of this version (the response's `study`), its text as sent.
    pub study: RawStudy,
    /// The whole response body as sent (on one line), for archiving.
    pub body: String,
}

impl Client {
    /// Fetches the list of a study's posted versions. A study the registry does not know
    /// is [`FetchError::NotFound`].
    pub fn history(&self, id: &str) -> Result<HistoryList, FetchError> {
        let id = nct_id(id)?;
        let studies = self.config().history_url()?;
        let what = format!("{id} history");
        let read = |body: &[u8]| read_history(BodyError::utf8(body)?);
        let versions = match self.get(&what, &format!("{studies}/{id}/history"), &[], read) {
            Err(FetchError::NotFound) => self.get(
                &what,
                &format!("{studies}/{id}"),
                &[("history", "true".to_string())],
                read,
            )?,
            other => other?,
        };
        Ok(HistoryList {
            nct_id: id,
            versions,
        })
    }

    /// Fetches a study as of one version.
    pub fn study_version(&self, id: &str, version: u32) -> Result<StudyVersion, FetchError> {
        let id = nct_id(id)?;
        let url = format!("{}/{id}/history/{version}", self.config().history_url()?);
        self.get(&format!("{id} version {version}"), &url, &[], |body| {
            read_version(BodyError::utf8(body)?, version)
        })
    }
}

/// What a reader of these endpoints says when a member it needs is not as expected.
fn drift(what: String) -> BodyError {
    BodyError::Malformed(format!(
        "{what}: the registry's record-history endpoint has changed shape"
    ))
}

/// The keys of an object, for an error message.
fn keys<'a>(keys: impl Iterator<Item = &'a String>) -> String {
    let mut keys: Vec<&str> = keys.map(String::as_str).collect();
    keys.sort_unstable();
    if keys.is_empty() {
        "none".to_string()
    } else {
        keys.join(", ")
    }
}

/// The JSON type of a value, for an error message.
fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Reads a history list: `changes` at the top or under `history`.
fn read_history(text: &str) -> Result<Vec<VersionEntry>, BodyError> {
    let value: Value = serde_json::from_str(text).map_err(BodyError::from_json)?;
    let Value::Object(top) = &value else {
        return Err(drift(format!(
            "the history list is {}, not an object",
            kind(&value)
        )));
    };
    let changes = top
        .get("changes")
        .or_else(|| top.get("history").and_then(|h| h.get("changes")))
        .ok_or_else(|| {
            drift(format!(
                "the history list has no `changes` (its keys: {})",
                keys(top.keys())
            ))
        })?;
    let Value::Array(changes) = changes else {
        return Err(drift(format!(
            "`changes` is {}, not an array",
            kind(changes)
        )));
    };
    let mut versions = changes
        .iter()
        .enumerate()
        .map(|(i, c)| entry(i, c))
        .collect::<Result<Vec<_>, _>>()?;
    if versions.is_empty() {
        return Err(drift("the history list has no versions".into()));
    }
    versions.sort_by_key(|v| v.version);
    if let Some(w) = versions.windows(2).find(|w| w[0].version == w[1].version) {
        return Err(drift(format!("version {} is listed twice", w[0].version)));
    }
    Ok(versions)
}

/// Reads `changes[i]`: `version` and `date` are needed, `status` and `moduleLabels` taken
/// when present, anything else ignored.
fn entry(i: usize, c: &Value) -> Result<VersionEntry, BodyError> {
    let at = |member: &str| format!("`changes[{i}].{member}`");
    let Value::Object(c) = c else {
        return Err(drift(format!(
            "`changes[{i}]` is {}, not an object",
            kind(c)
        )));
    };
    let version = match c.get("version") {
        None => return Err(drift(format!("{} is missing", at("version")))),
        Some(v) => v
            .as_u64()
            .and_then(|n| u32::try_from(n).ok())
            .ok_or_else(|| drift(format!("{} is {v}, not a version number", at("version"))))?,
    };
    let date = match c.get("date") {
        None => return Err(drift(format!("{} is missing", at("date")))),
        Some(Value::String(s)) => crate::normalize::date::iso(s)
            .ok_or_else(|| drift(format!("{} is {s:?}, not a date", at("date"))))?,
        Some(v) => return Err(drift(format!("{} is {}, not a date", at("date"), kind(v)))),
    };
    let status = match c.get("status") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(v) => {
            return Err(drift(format!(
                "{} is {}, not a string",
                at("status"),
                kind(v)
            )))
        }
    };
    let module_labels = match c.get("moduleLabels") {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(labels)) => labels
            .iter()
            .map(|l| l.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| drift(format!("{} holds a non-string", at("moduleLabels"))))?,
        Some(v) => {
            return Err(drift(format!(
                "{} is {}, not an array",
                at("moduleLabels"),
                kind(v)
            )))
        }
    };
    Ok(VersionEntry {
        version,
        date,
        status,
        module_labels,
    })
}

/// Reads a version response: `{"studyVersion": n, "study": {…}}`, or a bare study.
fn read_version(text: &str, asked: u32) -> Result<StudyVersion, BodyError> {
    let top: HashMap<String, &RawValue> = serde_json::from_str(text).map_err(|e| {
        if e.classify() == serde_json::error::Category::Data {
            drift("the version response is not an object".into())
        } else {
            BodyError::from_json(e)
        }
    })?;
    if let Some(v) = top.get("studyVersion") {
        let n: Value = serde_json::from_str(v.get()).map_err(BodyError::from_json)?;
        if n.as_u64() != Some(u64::from(asked)) {
            return Err(drift(format!(
                "asked for version {asked}, the response's `studyVersion` is {n}"
            )));
        }
    }
    let study = match top.get("study") {
        Some(s) => *s,
        // A bare study (a proxy that unwraps it) is the study itself.
        None if top.contains_key("protocolSection") => {
            serde_json::from_str(text).map_err(BodyError::from_json)?
        }
        None => {
            return Err(drift(format!(
                "the version response has no `study` (its keys: {})",
                keys(top.keys())
            )))
        }
    };
    let study = RawStudy::from_raw(study)?;
    let raw: &RawValue = serde_json::from_str(text).map_err(BodyError::from_json)?;
    Ok(StudyVersion {
        version: asked,
        study,
        body: super::one_line(raw)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err<T: std::fmt::Debug>(r: Result<T, BodyError>) -> String {
        match r {
            Err(BodyError::Malformed(m)) => m,
            Err(BodyError::Truncated(m)) => format!("truncated: {m}"),
            Ok(v) => panic!("read: {v:?}"),
        }
    }

    #[test]
    fn a_list_is_read_at_the_top_or_under_history_and_sorted() {
        let list = r#"{"changes":[
            {"version":1,"date":"2020-05-04","status":"RECRUITING","studyType":"INTERVENTIONAL",
             "moduleLabels":["Study Status","Outcome Measures"],"lastUpdateSubmitQcDate":"2020-05-04"},
            {"version":0,"date":"2020-04-29","status":"NOT_YET_RECRUITING","moduleLabels":[]}],
            "lastUpdateVersions":{},"originalData":{},"outcomesUpdateCount":1,"newKey":7}"#;
        let versions = read_history(list).ok().unwrap();
        assert_eq!(
            versions,
            [
                VersionEntry {
                    version: 0,
                    date: "2020-04-29".into(),
                    status: Some("NOT_YET_RECRUITING".into()),
                    module_labels: vec![],
                },
                VersionEntry {
                    version: 1,
                    date: "2020-05-04".into(),
                    status: Some("RECRUITING".into()),
                    module_labels: vec!["Study Status".into(), "Outcome Measures".into()],
                },
            ]
        );
        let wrapped = format!(r#"{{"study":{{}},"history":{list}}}"#);
        assert_eq!(read_history(&wrapped).ok().unwrap(), versions);
    }

    #[test]
    fn a_list_that_changed_shape_names_the_member() {
        let cases = [
            (
                r#"{"versions":[],"count":0}"#,
                "the history list has no `changes` (its keys: count, versions)",
            ),
            (r#"{"changes":{}}"#, "`changes` is an object, not an array"),
            (r#"{"changes":[]}"#, "the history list has no versions"),
            (r#"[1]"#, "the history list is an array, not an object"),
            (
                r#"{"changes":[{"date":"2020-01-01"}]}"#,
                "`changes[0].version` is missing",
            ),
            (
                r#"{"changes":[{"version":"0","date":"2020-01-01"}]}"#,
                "`changes[0].version` is \"0\", not a version number",
            ),
            (
                r#"{"changes":[{"version":0,"submitted":"2020-01-01"}]}"#,
                "`changes[0].date` is missing",
            ),
            (
                r#"{"changes":[{"version":0,"date":"soon"}]}"#,
                "`changes[0].date` is \"soon\", not a date",
            ),
            (
                r#"{"changes":[{"version":0,"date":"2020-01-01","moduleLabels":"Study Status"}]}"#,
                "`changes[0].moduleLabels` is a string, not an array",
            ),
            (
                r#"{"changes":[{"version":0,"date":"2020-01-01"},{"version":0,"date":"2020-01-02"}]}"#,
                "version 0 is listed twice",
            ),
        ];
        for (body, want) in cases {
            let got = err(read_history(body));
            assert!(got.starts_with(want), "{body}: {got}");
            assert!(got.ends_with("has changed shape"), "{got}");
        }
        assert!(err(read_history(r#"{"changes":[{"vers"#)).starts_with("truncated"));
    }

    #[test]
    fn a_version_is_its_study_with_the_number_checked() {
        let study = r#"{"protocolSection":{"identificationModule":{"nctId":"NCT03418623"}}}"#;
        let body = format!(r#"{{"studyVersion":2,"study":{study}}}"#);
        let v = read_version(&body, 2).ok().unwrap();
        assert_eq!(v.study.json, study);
        assert_eq!(v.study.nct_id, "NCT03418623");
        assert_eq!(v.body, body);
        assert_eq!(read_version(study, 2).ok().unwrap().study.json, study);

        let got = err(read_version(&body, 3));
        assert!(got.starts_with("asked for version 3, the response's `studyVersion` is 2"));
        let got = err(read_version(r#"{"version":2,"record":{}}"#, 2));
        assert!(got.starts_with("the version response has no `study` (its keys: record, version)"));
        let got = err(read_version(r#"{"studyVersion":2,"study":{"x":1}}"#, 2));
        assert!(got.contains("nctId"), "{got}");
        let got = err(read_version("[]", 2));
        assert!(
            got.starts_with("the version response is not an object"),
            "{got}"
        );
    }
}
