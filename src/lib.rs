//! # trialnorm
//!
//! Reads clinical-trial registry records — ClinicalTrials.gov pages (classic and modern, as
//! text or HTML), ClinicalTrials.Veeva pages, ClinicalTrials.gov's structured exports (API
//! v2 JSON, retired API v1 JSON, legacy XML), WHO ICTRP XML exports, EU CTR full-text
//! downloads, CTIS trial JSON and ISRCTN XML — into one typed model, [`Trial`], whose JSON
//! form is the normalized record of `MODEL.md`.
//!
//! The pipeline: bytes are decoded ([`input`]) and their [`Format`] detected ([`detect`]);
//! one reader per format ([`sources`]) transcribes the record; shared normalizers
//! ([`normalize`]) clean dates, ages, durations, enums, places and criteria.
//!
//! ```
//! let page = std::fs::read("fixtures/seeds/NCT00479934.txt").unwrap();
//! let trial = trialnorm::parse(&page, None).unwrap();
//! assert_eq!(trial.ids.nct_id.as_deref(), Some("NCT00479934"));
//! ```

#![warn(missing_docs)]

pub mod batch;
pub mod compare;
pub mod dedupe;
pub mod diff;
pub mod error;
pub mod export;
pub mod fetch;
pub mod format;
pub mod history;
pub mod input;
pub mod model;
pub mod normalize;
pub mod sources;
#[cfg(test)]
mod test_texts;
pub mod words;

pub use error::{Error, Result};
pub use format::Format;
pub use model::{Trial, WarningCode};

/// Detects the format of an input.
pub fn detect(bytes: &[u8]) -> Result<Format> {
    let decoded = input::decode(bytes)?;
    format::detect_text(&decoded.text)
}

/// Parses an input holding one study record. The format is detected unless given.
///
/// An input that holds several studies (an API search page) is an error here; use
/// [`parse_all`] for those.
pub fn parse(bytes: &[u8], format: Option<Format>) -> Result<Trial> {
    let mut records = parse_all(bytes, format)?;
    match records.len() {
        1 => records.remove(0),
        0 => Err(Error::NotAStudy("the input holds no study records".into())),
        n => Err(Error::MultipleRecords(n)),
    }
}

/// Parses an input holding any number of study records, giving one result per study in
/// input order. The outer error is for an input that cannot be read at all.
pub fn parse_all(bytes: &[u8], format: Option<Format>) -> Result<Vec<Result<Trial>>> {
    let decoded = input::decode(bytes)?;
    let format = match format {
        Some(f) => {
            format::check_forced(f, &decoded.text)?;
            f
        }
        None => format::detect_text(&decoded.text)?,
    };
    let mut records = sources::read(format, &decoded.text)?;
    // The last record read up to the cut says so (a list's cut record is an error already).
    if let (true, Some(Ok(t))) = (decoded.cut_in_a_character, records.last_mut()) {
        t.warn(
            WarningCode::PartialPage,
            "",
            "the input ends inside a UTF-8 character: it was cut short, and what followed is \
             missing",
        );
    }
    if let Some(enc) = decoded.legacy_encoding {
        for t in records.iter_mut().flatten() {
            t.warn(
                WarningCode::LegacyEncoding,
                "",
                format!("the input is not UTF-8; it was decoded as {enc}"),
            );
        }
    }
    Ok(records)
}

/// The JSON Schema of the normalized record, generated from [`Trial`].
///
/// Every property is required, `null` where absent: the contract writes every key always.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Trial);
    let mut value = serde_json::to_value(schema).expect("a schema serializes");
    require_all_properties(&mut value);
    value
}

fn require_all_properties(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            if let Some(serde_json::Value::Object(props)) = map.get("properties") {
                let keys: Vec<serde_json::Value> = props
                    .keys()
                    .cloned()
                    .map(serde_json::Value::String)
                    .collect();
                map.insert("required".into(), serde_json::Value::Array(keys));
            }
            map.values_mut().for_each(require_all_properties);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(require_all_properties),
        _ => {}
    }
}
