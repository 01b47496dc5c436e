//! The EU Clinical Trials Register's full-text download ("Download full trial details"): a
//! wire module (`wire`, the text's fields by protocol code) converted into the API v2 shape
//! (`convert`) for the shared mapper.
//!
//! One record per member-state protocol record, never merged at reading: each is a record
//! the register publishes at its own address (`…/trial/2021-002179-21/FR/`), with its own
//! national status, national target size and competent-authority decisions, and sometimes
//! its own text (the two Swedish records of 2022-002568-62 in the shared download differ in
//! their inclusion criteria). Records of one trial share their EudraCT number, the first of
//! `ids.registry_ids`, so they carry a `same-trial-as` warning in a batch and `parse
//! --dedupe` merges them into one trial, naming the record each field came from (the same
//! grouping that merges a trial's records across registries).

mod convert;
mod wire;

use crate::error::{Error, Result};
use crate::model::{Registry, WarningCode};
use crate::sources::Records;
use crate::Format;

/// Reads a download: one record per member-state protocol record, in order; a block with no
/// EudraCT number is an error of its own, the others still read. The last record of a
/// download whose other records all end with section P ("P. End of Trial") and which lacks
/// it has a `partial-page` warning: the file was cut short in it (its later fields, the
/// target size, end points, sites, are missing, not empty).
pub fn read(text: &str) -> Result<Records> {
    let records = wire::read(text)?;
    let has_end = |r: &wire::Record| r.fields.iter().any(|f| f.code == "P.");
    let cut = match records.split_last() {
        Some((last, others)) => !others.is_empty() && others.iter().all(has_end) && !has_end(last),
        None => false,
    };
    Ok((records.iter().enumerate())
        .map(|(i, r)| {
            if convert::eudract(r).is_none() {
                return Err(Error::NotAStudy(format!(
                    "the EU CTR record at line {} has no EudraCT number",
                    r.line
                )));
            }
            let mut c = convert::convert(r);
            if cut && i + 1 == records.len() {
                c.note(
                    WarningCode::PartialPage,
                    "",
                    "the record stops before section P (End of Trial), which the download's \
                     other records end with: the file was cut short in it"
                        .to_string(),
                );
            }
            Ok(c.into_record(Registry::Euctr, Format::EuctrText))
        })
        .collect())
}
