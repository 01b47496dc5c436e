//! What the batch-level targets share: bytes read as a batch reads a file of that name (zip and
//! gzip layers, JSON Lines), every unit parsed. Units must stay within the cap, failures must
//! say why, records must serialize.

use trialnorm::batch::{parse_unit, readers::read_memory, Limits, Outcome};

/// A small cap, so a bomb the fuzzer builds is cut short quickly.
const CAP: usize = 1 << 20;

pub fn read_as(name: &str, data: &[u8]) {
    let limits = Limits {
        max_unit_bytes: CAP,
        ..Limits::default()
    };
    let convert = |t: trialnorm::Trial| serde_json::to_string(&t).map_err(|e| e.to_string());
    read_memory(name, data.to_vec(), &limits, &mut |unit| {
        if let Ok(bytes) = &unit.bytes {
            assert!(bytes.len() <= CAP, "a unit of {} bytes, over the cap", bytes.len());
        }
        for outcome in parse_unit(unit, None, &convert) {
            if let Outcome::Failed(e) = outcome {
                assert!(!e.reason.is_empty(), "a failure with no reason: {e:?}");
            }
        }
        true
    });
}
