//! `trialnorm::model::json` (sonic-rs) against serde_json: the same bytes, compact and
//! pretty, on every fixture's records and on generated text, keys, numbers and shapes.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::json;

/// Both serializers' bytes for `v`, compact and pretty; fails naming `what` on a difference.
fn same<T: Serialize + ?Sized>(v: &T, what: &str) {
    for pretty in [false, true] {
        let ours = trialnorm::model::json::to_vec(v, pretty).expect("serializes");
        let theirs = if pretty {
            serde_json::to_vec_pretty(v)
        } else {
            serde_json::to_vec(v)
        }
        .expect("serializes");
        assert!(
            ours == theirs,
            "{what} (pretty: {pretty}):\n ours   {}\n serde_json {}",
            String::from_utf8_lossy(&ours),
            String::from_utf8_lossy(&theirs)
        );
    }
}

/// A linear congruential sequence: the same draws on every run.
struct Draws(u64);

impl Draws {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0
    }
}

#[test]
fn every_fixture_record_is_written_as_serde_json_writes_it() {
    let all = crate::one_tree::every_fixture_record_with_path();
    for (path, trial) in &all {
        same(trial, path);
    }
    // Every registry's fixtures: hundreds of records, results sections included.
    assert!(all.len() > 300, "only {} records", all.len());
}

/// Text that needs escapes (quotes, backslashes, every control character, DEL), slashes and
/// non-ASCII among plain letters, at every length up to 100 bytes and so at every place
/// around sonic-rs's 32-byte blocks; as values and as keys.
#[test]
fn text_and_keys_are_escaped_as_serde_json_escapes_them() {
    let mut pieces: Vec<String> = (0u8..0x20).map(|b| char::from(b).to_string()).collect();
    for p in [
        "\"", "\\", "/", "\u{7f}", "é", "中", "😀", "\u{2028}", "\u{feff}", "'",
    ] {
        pieces.push(p.to_string());
    }
    for piece in &pieces {
        same(piece, "one character");
    }
    let mut draws = Draws(7);
    for len in 0..=100 {
        for _ in 0..20 {
            let mut s = String::new();
            while s.len() < len {
                let r = draws.next() >> 33;
                if r % 8 == 0 {
                    s.push_str(&pieces[(r / 8) as usize % pieces.len()]);
                } else {
                    s.push(char::from(b'a' + (r % 26) as u8));
                }
            }
            same(&s, "generated text");
            same(&BTreeMap::from([(s.clone(), len)]), "generated key");
            same(&vec![s.clone(), s], "generated list");
        }
    }
}

/// Shortest round-trip floats, exponents both ways, signed zero, non-finite as `null`,
/// integers at their limits, and 20,000 floats from random bits.
#[test]
fn numbers_are_written_as_serde_json_writes_them() {
    let floats = [
        0.0,
        -0.0,
        1e-7,
        1e21,
        1e15,
        1e16,
        1e22,
        0.1 + 0.2,
        1.0 / 3.0,
        f64::MAX,
        f64::MIN,
        f64::MIN_POSITIVE,
        5e-324,
        9007199254740993.0,
        18446744073709551616.0,
        123456789012345680000.0,
        f64::NAN,
        f64::INFINITY,
        f64::NEG_INFINITY,
    ];
    for f in floats {
        same(&f, &format!("{f:e}"));
        same(&(f as f32), &format!("{f:e} as f32"));
    }
    let mut draws = Draws(11);
    for _ in 0..20_000 {
        let f = f64::from_bits(draws.next());
        same(&f, &format!("{f:e} ({:#x})", f.to_bits()));
        same(&f32::from_bits(draws.next() as u32), "an f32");
    }
    same(&[i64::MIN, i64::MAX, 0, -1], "i64");
    same(&[u64::MAX, 0], "u64");
    same(&[i128::MIN], "i128");
    same(&[u128::MAX], "u128");
}

/// Empty and nested lists and objects, null, booleans and an enum's forms: the pretty
/// printer's indentation and its `[]` and `{}` for empty ones.
#[test]
fn shapes_are_laid_out_as_serde_json_lays_them_out() {
    #[derive(Serialize)]
    enum E {
        Unit,
        New(u8),
        Tuple(u8, &'static str),
        Struct { a: Option<u8>, b: Vec<u8> },
    }
    same(
        &json!({"a": [], "b": {}, "c": [[], {}, [1, [2, {"d": null}]]], "e": true, "f": false}),
        "nested",
    );
    same(&json!([]), "empty list");
    same(&json!({}), "empty object");
    same(
        &(
            E::Unit,
            E::New(1),
            E::Tuple(2, "x"),
            E::Struct { a: None, b: vec![] },
        ),
        "enums",
    );
    same(&(Some(1), None::<u8>, (), 'x'), "a tuple");
}
