//! Writing records as JSON: serde_json's bytes through sonic-rs's serializer.
//!
//! serde_json scans text for bytes to escape one byte at a time and writes each string in
//! three pieces; on API v2 records with results that was a quarter of the cost of a record.
//! sonic-rs scans 32 bytes at a time and writes the same bytes: its serializer and
//! formatters (compact, and pretty with two spaces) follow serde_json's, floats are written
//! by the same crate (zmij, shortest form; non-finite as `null`), and text escapes only `"`,
//! `\` and control characters (`\b \f \n \r \t`, others `\u00XX` in lowercase hex).
//! `tests/json_writer.rs` compares the two on every fixture's record and on generated values.

use serde::Serialize;

/// Appends `value` as JSON to `out`: compact, or indented by two spaces when `pretty`;
/// byte for byte what `serde_json::to_writer` / `to_writer_pretty` would write.
pub fn write<T: Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    pretty: bool,
) -> Result<(), sonic_rs::Error> {
    if pretty {
        sonic_rs::to_writer_pretty(out, value)
    } else {
        sonic_rs::to_writer(out, value)
    }
}

/// `value` as JSON in a new buffer (see [`write`]).
pub fn to_vec<T: Serialize + ?Sized>(value: &T, pretty: bool) -> Result<Vec<u8>, sonic_rs::Error> {
    let mut out = Vec::with_capacity(128);
    write(&mut out, value, pretty)?;
    Ok(out)
}
