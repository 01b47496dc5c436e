//! What a container holds, as `detect` says it: a zip archive or a gzip file is named with
//! the formats of the documents in it (`zip: 2 ctgov-xml`), read exactly as `parse` reads
//! it (the same archive layers, caps and JSON Lines splitting, [`readers::read_memory`]),
//! each document then detected from its bytes.

use super::readers::{read_memory, Limits};

/// The kind of container bytes are, by their magic: `zip` or `gzip`.
pub fn container_kind(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"PK\x03\x04") {
        Some("zip")
    } else if bytes.starts_with(b"\x1f\x8b") {
        Some("gzip")
    } else {
        None
    }
}

/// What a container holds: its kind and, per format (or kind of failure), how many documents,
/// in order of first appearance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// `zip` or `gzip`.
    pub kind: &'static str,
    /// `(what, count)`: a format name (`ctgov-xml`), or `unrecognized` / `unreadable` for
    /// documents detection or reading refused.
    pub counts: Vec<(String, usize)>,
}

impl Contents {
    /// Whether every document is of a known format.
    pub fn all_recognized(&self) -> bool {
        !self.counts.is_empty()
            && (self.counts.iter()).all(|(w, _)| w != "unrecognized" && w != "unreadable")
    }
}

impl std::fmt::Display for Contents {
    /// `zip: 2 ctgov-xml, 1 unrecognized`; `gzip: empty` when it holds nothing.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.counts.is_empty() {
            return write!(f, "{}: empty", self.kind);
        }
        let parts: Vec<String> = (self.counts.iter())
            .map(|(what, n)| format!("{n} {what}"))
            .collect();
        write!(f, "{}: {}", self.kind, parts.join(", "))
    }
}

/// The contents of a zip or gzip file called `name` (its extension hints at JSON Lines, as
/// for `parse`); `None` for bytes that are neither.
pub fn contents(name: &str, bytes: Vec<u8>) -> Option<Contents> {
    let kind = container_kind(&bytes)?;
    let mut counts: Vec<(String, usize)> = Vec::new();
    read_memory(name, bytes, &Limits::default(), &mut |unit| {
        let what = match &unit.bytes {
            Ok(b) => match crate::detect(b) {
                Ok(format) => format.name().to_string(),
                Err(_) => "unrecognized".to_string(),
            },
            Err(_) => "unreadable".to_string(),
        };
        match counts.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => counts.push((what, 1)),
        }
        true
    });
    Some(Contents { kind, counts })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_bulk_zip_is_named_with_what_it_holds() {
        let zip = std::fs::read("tests/data/batch/download_xml_files.zip").unwrap();
        let c = contents("download_xml_files.zip", zip).unwrap();
        assert_eq!(c.to_string(), "zip: 2 ctgov-xml");
        assert!(c.all_recognized());
        assert_eq!(contents("x.txt", b"plain".to_vec()), None);
    }
}
