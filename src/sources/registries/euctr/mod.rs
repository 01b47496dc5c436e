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
use crate::model::Registry;
use crate::sources::Records;
use crate::Format;

/// Reads a download: one record per member-state protocol record, in order; a block with no
/// EudraCT number is an error of its own, the others still read.
pub fn read(text: &str) -> Result<Records> {
    Ok((wire::read(text)?.iter())
        .map(|r| {
            if convert::eudract(r).is_none() {
                return Err(Error::NotAStudy(format!(
                    "the EU CTR record at line {} has no EudraCT number",
                    r.line
                )));
            }
            Ok(convert::convert(r).into_record(Registry::Euctr, Format::EuctrText))
        })
        .collect())
}
