//! Every parser on arbitrary bytes: the first byte picks a forced format (or detection), the
//! rest is the input. Records that come out must serialize.
#![no_main]

use libfuzzer_sys::fuzz_target;
use trialnorm::Format;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, input)) = data.split_first() else {
        return;
    };
    let all = Format::ALL;
    let format = all.get(selector as usize % (all.len() + 1)).copied();
    if let Ok(records) = trialnorm::parse_all(input, format) {
        for t in records.into_iter().flatten() {
            serde_json::to_string(&t).expect("a record serializes");
        }
    }
});
