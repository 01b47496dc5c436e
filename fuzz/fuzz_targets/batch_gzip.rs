//! A gzip file as a batch reads it: inflated (members, nested archives, JSON Lines) within the
//! limits, every unit parsed, nothing panics. Inputs without the gzip magic are skipped: the
//! other targets cover plain bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/batch.rs"]
mod batch;

fuzz_target!(|data: &[u8]| {
    if data.starts_with(b"\x1f\x8b") {
        batch::read_as("fuzz.gz", data);
    }
});
