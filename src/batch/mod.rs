//! Batch ingestion: many inputs (files, directories, globs, zip archives, gzip files, JSON
//! Lines of raw records) read as one stream, parsed on several cores, written in input order,
//! with every record accounted for as an output or an error entry.
//!
//! The stages: [`walk`] expands what the user named into sources (walking directories as a
//! stream, following links, reporting loops and refusing pipes, sockets and devices);
//! [`readers`] turns each source into [`Unit`]s (one document, archive entry or JSON line
//! each) through [`archives`] and [`stream`], every unit capped in size as it is read;
//! [`pipeline`] parses units on parser threads (`workers`) and hands the outcomes back in
//! input order, with memory bounded by a window and a time budget per unit ([`watch`]);
//! [`summary`] counts them.
//!
//! Names: an archive entry is `archive.zip:entry.xml` (nested: `a.zip:b.zip:entry.xml`), a
//! JSON line `file.jsonl:line 3`, the n-th study of a document holding several `input#n`.

pub mod archives;
pub mod contents;
pub mod pipeline;
pub mod readers;
pub mod stream;
pub mod summary;
pub mod walk;
pub mod watch;
mod workers;

use serde::Serialize;

use crate::{Format, Trial};

pub use pipeline::{run, Options, Sink};
pub use readers::Limits;
pub use summary::Summary;

/// One piece of input that holds one document: a file, an archive entry or a JSON line.
#[derive(Debug)]
pub struct Unit {
    /// The input as the user named it (a path, `-`, or a file found under a directory).
    pub input: String,
    /// Where inside the input: an archive entry name or `line N` of a JSON Lines file.
    pub position: Option<String>,
    /// The line of the input (or of the archive entry) the bytes start on: `N` for `line N`
    /// of a JSON Lines file, 1 for a whole document. Errors count their line from it, so
    /// that a position is always a place in the input the label names.
    pub first_line: u64,
    /// The bytes, or why they could not be read.
    pub bytes: std::result::Result<Vec<u8>, String>,
}

/// Why one record (or one whole unit) gave no output: a line of the `--errors` file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ErrorRecord {
    /// The input as named (see [`Unit::input`]).
    pub input: String,
    /// Where inside the input: archive entry, `line N`, and `#n` for the n-th study of a
    /// multi-study document; `null` for a whole file.
    pub position: Option<String>,
    /// The format, when it was detected (or forced).
    pub format: Option<Format>,
    /// What went wrong.
    pub reason: String,
    /// Where in the input (or archive entry, or JSON Lines file) the reason's place is, when
    /// it has one (`at line L column C` of a malformed export); not written to `--errors`,
    /// whose `reason` says it.
    #[serde(skip)]
    pub at: Option<crate::error::Position>,
}

impl ErrorRecord {
    /// The input and position as one label: `input`, `input#2`, `archive.zip:entry.xml`.
    pub fn label(&self) -> String {
        place(&self.input, self.position.as_deref())
    }
}

/// An input and a position in it as error lines name them: `input:position`, or
/// `input#n` for a position that is a record's number (`#n`).
pub(crate) fn place(input: &str, position: Option<&str>) -> String {
    match position {
        None => input.to_string(),
        Some(p) if p.starts_with('#') => format!("{input}{p}"),
        Some(p) => format!("{input}:{p}"),
    }
}

/// What one input record gave: a converted record, or an error entry.
#[derive(Debug)]
pub enum Outcome<T> {
    /// A record parsed; `T` is what the caller's conversion made of the [`Trial`].
    Parsed {
        /// The format the record was read as.
        format: Format,
        /// The converted record.
        value: T,
    },
    /// The record, or the whole unit, failed.
    Failed(ErrorRecord),
}

/// Parses one unit into outcomes, one per study it holds (one for a unit that fails whole),
/// converting each parsed [`Trial`] with `convert` on the worker thread.
pub fn parse_unit<T>(
    unit: Unit,
    format: Option<Format>,
    convert: &(dyn Fn(Trial) -> std::result::Result<T, String> + Sync),
) -> Vec<Outcome<T>> {
    let failed = |position: Option<String>,
                  format: Option<Format>,
                  reason: String,
                  at: Option<crate::error::Position>| {
        Outcome::Failed(ErrorRecord {
            input: unit.input.clone(),
            position,
            format,
            reason,
            at,
        })
    };
    let fail = |position, format, reason| failed(position, format, reason, None);
    // A library error, its place counted from the unit's first line.
    let fail_with = |position, format, e: crate::Error| {
        let e = e.from_line(unit.first_line);
        failed(position, format, e.to_string(), e.position())
    };
    let bytes = match &unit.bytes {
        Ok(b) => b,
        Err(reason) => return vec![fail(unit.position.clone(), None, reason.clone())],
    };
    let records = match crate::parse_all(bytes, format) {
        Ok(r) if r.is_empty() => {
            let reason = "the input holds no study records".to_string();
            return vec![fail(unit.position.clone(), detected(bytes, format), reason)];
        }
        Ok(r) => r,
        Err(e) => {
            let f = error_format(&e).or_else(|| detected(bytes, format));
            return vec![fail_with(unit.position.clone(), f, e)];
        }
    };
    let many = records.len() > 1;
    let mut known = format;
    // Detected once for all the failures of the input (each would read it all again).
    let mut detected_once = None;
    records
        .into_iter()
        .enumerate()
        .map(|(i, r)| {
            let position = if many {
                Some(format!(
                    "{}#{}",
                    unit.position.as_deref().unwrap_or(""),
                    i + 1
                ))
            } else {
                unit.position.clone()
            };
            match r {
                Ok(trial) => {
                    let f = trial.source.format;
                    match (f, convert(trial)) {
                        (Some(format), Ok(value)) => {
                            known = Some(format);
                            Outcome::Parsed { format, value }
                        }
                        (None, _) => fail(position, None, "the reader set no format".into()),
                        (f, Err(reason)) => fail(position, f, reason),
                    }
                }
                Err(e) => {
                    let f = error_format(&e)
                        .or(known)
                        .or_else(|| *detected_once.get_or_insert_with(|| detected(bytes, format)));
                    fail_with(position, f, e)
                }
            }
        })
        .collect()
}

fn error_format(e: &crate::Error) -> Option<Format> {
    match e {
        crate::Error::Malformed { format, .. } => Some(*format),
        _ => None,
    }
}

/// The forced format, or the detected one; only called on failure paths.
fn detected(bytes: &[u8], forced: Option<Format>) -> Option<Format> {
    forced.or_else(|| crate::detect(bytes).ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unit(bytes: &[u8]) -> Unit {
        Unit {
            input: "in.txt".into(),
            position: None,
            first_line: 1,
            bytes: Ok(bytes.to_vec()),
        }
    }

    #[test]
    fn a_page_gives_one_record_and_garbage_one_error() {
        let page = std::fs::read("fixtures/seeds/NCT00479934.txt").unwrap();
        let out = parse_unit(unit(&page), None, &|t| Ok(t.ids.nct_id));
        assert!(matches!(
            &out[..],
            [Outcome::Parsed { format: Format::CtgovClassicText, value: Some(id) }] if id == "NCT00479934"
        ));
        let out = parse_unit(unit(b"just notes"), None, &|t| Ok(t.ids.nct_id));
        let [Outcome::Failed(e)] = &out[..] else {
            panic!("{out:?}")
        };
        assert_eq!(e.input, "in.txt");
        assert_eq!(e.format, None);
        assert!(e.reason.starts_with("unrecognized format"), "{}", e.reason);
    }

    #[test]
    fn labels_join_input_and_position() {
        let mut e = ErrorRecord {
            input: "a.zip".into(),
            position: Some("x.xml".into()),
            format: None,
            reason: String::new(),
            at: None,
        };
        assert_eq!(e.label(), "a.zip:x.xml");
        e.position = Some("#3".into());
        assert_eq!(e.label(), "a.zip#3");
        e.position = None;
        assert_eq!(e.label(), "a.zip");
    }
}
