//! A file named `fuzz.zip` as a batch reads it: every entry (nested archives, gzip entries,
//! JSON Lines) within the limits, every unit parsed, nothing panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../common/batch.rs"]
mod batch;

fuzz_target!(|data: &[u8]| batch::read_as("fuzz.zip", data));
