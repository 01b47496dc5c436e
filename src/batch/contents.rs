//! What a container holds, as `detect` says it: a zip archive, a gzip file or a JSON Lines
//! file is named with the formats of the documents in it (`zip: 2 ctgov-xml`, `jsonl: 3
//! ctgov-api-v2-json, 1 unrecognized`), read exactly as `parse` reads it (the same archive
//! layers, caps and JSON Lines splitting, [`readers::read_memory`]), each document then
//! detected from its bytes.

use super::readers::{read_memory, Limits};
use super::stream::is_json_lines;

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
    /// `zip`, `gzip` or `jsonl`.
    pub kind: &'static str,
    /// `(what, count)`: a format name (`ctgov-xml`), or `unrecognized` / `unreadable` for
    /// documents detection or reading refused.
    pub counts: Vec<(String, usize)>,
    /// Why each unrecognized or unreadable document was: `(where, reason)`, where is the
    /// document's place in the container (`archive.zip:entry`, `file.jsonl.gz:line 3`) as
    /// `parse` names it.
    pub problems: Vec<(String, String)>,
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

/// The contents of a zip or gzip file, or of a JSON Lines file (as `parse` tells them: by the
/// name, or by the first two lines), called `name`; one document's bytes back as the error.
pub fn contents(name: &str, bytes: Vec<u8>) -> Result<Contents, Vec<u8>> {
    let kind = match container_kind(&bytes) {
        Some(kind) => kind,
        None if is_json_lines(name, &bytes) => "jsonl",
        None => return Err(bytes),
    };
    let mut counts: Vec<(String, usize)> = Vec::new();
    let mut problems = Vec::new();
    read_memory(name, bytes, &Limits::default(), &mut |unit| {
        let place = || super::place(&unit.input, unit.position.as_deref());
        let what = match &unit.bytes {
            Ok(b) => match crate::detect(b) {
                Ok(format) => format.name().to_string(),
                Err(e) => {
                    // Its place counted in the whole entry, as `parse` counts it.
                    problems.push((place(), e.from_line(unit.first_line).to_string()));
                    "unrecognized".to_string()
                }
            },
            Err(reason) => {
                problems.push((place(), reason.clone()));
                "unreadable".to_string()
            }
        };
        match counts.iter_mut().find(|(w, _)| *w == what) {
            Some((_, n)) => *n += 1,
            None => counts.push((what, 1)),
        }
        true
    });
    Ok(Contents {
        kind,
        counts,
        problems,
    })
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
        assert!(c.problems.is_empty());
        assert_eq!(contents("x.txt", b"plain".to_vec()), Err(b"plain".to_vec()));
        assert!(contents("one.json", b"{\"a\": 1}\n".to_vec()).is_err());
    }

    /// JSON Lines are counted line by line, and a line that is no record is named by its
    /// line, with the parser's position counted in the whole file, as `parse` names it.
    #[test]
    fn json_lines_are_counted_by_line() {
        let v2 = std::fs::read("fixtures/ctgov-api-v2/NCT00465816.json").unwrap();
        let line: Vec<u8> =
            serde_json::to_vec(&serde_json::from_slice::<serde_json::Value>(&v2).unwrap()).unwrap();
        let mut jsonl = [&line[..], b"\n", &line, b"\n{\"broken\n", &line, b"\n"].concat();
        let c = contents("studies.jsonl", jsonl.clone()).unwrap();
        assert_eq!(c.to_string(), "jsonl: 3 ctgov-api-v2-json, 1 unrecognized");
        assert!(!c.all_recognized());
        assert_eq!(c.problems[0].0, "studies.jsonl:line 3");
        assert!(
            c.problems[0].1.contains("line 3 column"),
            "{:?}",
            c.problems
        );
        // One line is JSON Lines by its name only; a pretty-printed document never is.
        jsonl.truncate(line.len() + 1);
        assert!(contents("one.json", jsonl.clone()).is_err());
        let one = contents("one.jsonl", jsonl).unwrap();
        assert_eq!(one.to_string(), "jsonl: 1 ctgov-api-v2-json");
        assert!(contents("pretty.json", v2).is_err());
    }

    /// A damaged gzip file and a zip holding a document of no known format are named with
    /// why, as `parse` would name them.
    #[test]
    fn what_cannot_be_read_or_recognized_says_why() {
        let full = std::fs::read("tests/data/batch/download_xml_files.zip").unwrap();
        let cut = contents("cut.zip", full[..full.len() / 2].to_vec()).unwrap();
        assert_eq!(cut.to_string(), "zip: 1 unreadable");
        assert_eq!(cut.problems.len(), 1);
        assert_eq!(cut.problems[0].0, "cut.zip");
        assert!(cut.problems[0].1.contains("zip"), "{:?}", cut.problems);
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        std::io::Write::write_all(&mut gz, b"just some words").unwrap();
        let words = contents("words.gz", gz.finish().unwrap()).unwrap();
        assert_eq!(words.to_string(), "gzip: 1 unrecognized");
        assert_eq!(words.problems[0].0, "words.gz");
        assert!(
            words.problems[0].1.contains("unrecognized"),
            "{:?}",
            words.problems
        );
    }
}
