//! Bytes to text: byte-order marks, UTF-8 checks, legacy encodings and binary rejection.

use std::borrow::Cow;

use crate::error::{Error, Result};

/// The largest input trialnorm reads as one document (256 MiB).
pub const MAX_INPUT_BYTES: usize = 256 * 1024 * 1024;

/// Text decoded from an input, with a note when it was not UTF-8.
#[derive(Debug)]
pub struct Decoded<'a> {
    /// The text, without a byte-order mark.
    pub text: Cow<'a, str>,
    /// The legacy encoding the bytes were decoded from, when they were not UTF-8.
    pub legacy_encoding: Option<&'static str>,
    /// The UTF-8 bytes ended inside a character, which the text leaves out: the input was
    /// cut short.
    pub cut_in_a_character: bool,
}

/// Decodes input bytes to text.
///
/// UTF-8 (with or without a BOM) is taken as is; a UTF-16 BOM is honoured. Bytes that are not
/// valid UTF-8 are decoded as Windows-1252 (the superset of Latin-1 that saved pages use), and
/// the caller is told so it can warn; UTF-8 text cut short inside a character stays UTF-8,
/// without that character. Input with NUL bytes or mostly control characters is
/// binary and rejected.
pub fn decode(bytes: &[u8]) -> Result<Decoded<'_>> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(Error::TooLarge {
            size: bytes.len(),
            limit: MAX_INPUT_BYTES,
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(Error::Empty);
    }
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        if encoding != encoding_rs::UTF_8 {
            let (text, _) = encoding.decode_without_bom_handling(&bytes[bom_len..]);
            return finish(text, Some(encoding.name()));
        }
    }
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(kind) = binary_kind(body) {
        return Err(Error::Binary(kind.to_string()));
    }
    match std::str::from_utf8(body) {
        Ok(text) => finish(Cow::Borrowed(text), None),
        // UTF-8 text (it holds UTF-8 characters beyond ASCII) that ends inside a character
        // (a download cut short): UTF-8, the partial character left out, not a legacy
        // encoding that would garble the rest. ASCII text ending in one high byte is as
        // likely Windows-1252 ("café" saved as Latin-1), and is read so, as before.
        Err(e) if e.error_len().is_none() && !body[..e.valid_up_to()].is_ascii() => {
            let text = std::str::from_utf8(&body[..e.valid_up_to()]).expect("valid up to here");
            let mut d = finish(Cow::Borrowed(text), None)?;
            d.cut_in_a_character = true;
            Ok(d)
        }
        Err(_) => {
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(body);
            finish(text, Some(encoding_rs::WINDOWS_1252.name()))
        }
    }
}

fn finish<'a>(text: Cow<'a, str>, legacy_encoding: Option<&'static str>) -> Result<Decoded<'a>> {
    if text.trim().is_empty() {
        return Err(Error::Empty);
    }
    Ok(Decoded {
        text,
        legacy_encoding,
        cut_in_a_character: false,
    })
}

/// Names what makes `bytes` binary, looking at the first 8 KiB.
fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(8192)];
    let magic: [(&[u8], &str); 6] = [
        (b"PK\x03\x04", "a zip archive"),
        (b"\x1f\x8b", "gzip data"),
        (b"%PDF", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xFF\xD8\xFF", "a JPEG image"),
        (b"SQLite format 3", "an SQLite database"),
    ];
    if let Some((_, name)) = magic.iter().find(|(m, _)| head.starts_with(m)) {
        return Some(name);
    }
    // Most inputs hold no control byte (so no NUL) at all: one fold without an early exit,
    // which the compiler vectorizes, says so; the checks below read byte by byte.
    if head.iter().fold(true, |ok, &b| ok & (b >= 0x20)) {
        return None;
    }
    if head.contains(&0) {
        return Some("contains NUL bytes");
    }
    let control = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    (control * 10 > head.len()).then_some("mostly control characters")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_bom_is_dropped() {
        let d = decode(b"\xEF\xBB\xBFhello").unwrap();
        assert_eq!(d.text, "hello");
        assert_eq!(d.legacy_encoding, None);
    }

    #[test]
    fn latin1_is_decoded_and_reported() {
        let d = decode(b"H\xf4pital").unwrap();
        assert_eq!(d.text, "Hôpital");
        assert_eq!(d.legacy_encoding, Some("windows-1252"));
    }

    #[test]
    fn utf8_cut_inside_a_character_stays_utf8() {
        // "Hôpital café" cut inside "é" (C3 A9): UTF-8 without the partial character.
        let d = decode(b"H\xc3\xb4pital caf\xc3").unwrap();
        assert_eq!(d.text, "Hôpital caf");
        assert_eq!(d.legacy_encoding, None);
        assert!(d.cut_in_a_character);
        // ASCII ending in one high byte: "café" in Windows-1252, as before.
        let d = decode(b"Hopital caf\xe9").unwrap();
        assert_eq!(d.text, "Hopital café");
        assert!(!d.cut_in_a_character);
        assert_eq!(d.legacy_encoding, Some("windows-1252"));
        // A high byte before the end is no cut: Windows-1252.
        let d = decode(b"H\xc3\xb4pital \xe9t\xc3").unwrap();
        assert_eq!(d.legacy_encoding, Some("windows-1252"));
    }

    #[test]
    fn binary_and_empty_are_rejected() {
        assert!(matches!(decode(b"  \n"), Err(Error::Empty)));
        assert!(matches!(decode(b"PK\x03\x04xx"), Err(Error::Binary(_))));
        assert!(matches!(decode(b"ab\0cd"), Err(Error::Binary(_))));
    }
}
