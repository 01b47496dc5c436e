//! Every parser on arbitrary bytes: the first byte picks a forced format (or detection), the
//! rest is the input. Records that come out must serialize, and the CLI's writer
//! (`trialnorm::model::json`, sonic-rs) must write serde_json's bytes for them.
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
            let want = serde_json::to_vec(&t).expect("a record serializes");
            let ours = trialnorm::model::json::to_vec(&t, false).expect("a record serializes");
            assert!(ours == want, "the writer's bytes differ from serde_json's");
        }
    }
});
