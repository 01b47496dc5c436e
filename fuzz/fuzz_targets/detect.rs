//! Format detection on arbitrary bytes: never panics, and whatever it names, parsing as that
//! format answers (a record or an error) without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(format) = trialnorm::detect(data) {
        let _ = trialnorm::parse_all(data, Some(format));
    }
});
