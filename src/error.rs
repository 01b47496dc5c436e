//! Errors: each says what went wrong with the input and why, and keeps the parser's own
//! error (its `source()`) and the place in the input where it happened.

use std::fmt;
use std::sync::Arc;

use crate::Format;

/// The error a parser gave (serde_json's, quick-xml's), kept as the `source()` of an
/// [`Error::Malformed`]: it derefs to the parser's error itself (so `downcast_ref` finds
/// it), and is shared, so errors stay cheap to clone.
#[derive(Clone)]
pub struct Cause(Arc<dyn std::error::Error + Send + Sync>);

impl Cause {
    /// Keeps `e` as a cause.
    pub fn new(e: impl std::error::Error + Send + Sync + 'static) -> Self {
        Cause(Arc::new(e))
    }
}

impl std::ops::Deref for Cause {
    type Target = dyn std::error::Error + Send + Sync;

    fn deref(&self) -> &Self::Target {
        &*self.0
    }
}

impl fmt::Debug for Cause {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
    }
}

/// A place in the input: 1-based line and column (columns count bytes, as serde_json's and
/// quick-xml's do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Position {
    /// Line, from 1.
    pub line: u64,
    /// Column within the line, from 1, in bytes.
    pub column: u64,
}

impl Position {
    /// The line and column of byte `offset` in `text` (an offset past the end is the end).
    pub fn of_offset(text: &str, offset: usize) -> Position {
        let before = &text.as_bytes()[..offset.min(text.len())];
        let line_start = before
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1);
        Position {
            line: 1 + before.iter().filter(|&&b| b == b'\n').count() as u64,
            column: 1 + (before.len() - line_start) as u64,
        }
    }

    /// This position, counted within `part`, as a position in `whole`, of which `part` is
    /// a slice (a study inside a list, a line of JSON Lines).
    pub fn within(self, whole: &str, part: &str) -> Position {
        let offset = (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize);
        self.after(Position::of_offset(whole, offset))
    }

    /// This position, counted within a part of a text that starts at `base` of the text, as
    /// a position in the text.
    pub fn after(self, base: Position) -> Position {
        Position {
            line: base.line + self.line - 1,
            column: if self.line == 1 {
                base.column + self.column - 1
            } else {
                self.column
            },
        }
    }
}

/// Positions of several places in one text, asked for in order (the studies of a list, the
/// trials of an export): each answer counts lines from the one before, so a text with many
/// failing parts is read once, not once per part.
pub(crate) struct Places<'a> {
    text: &'a str,
    /// The last offset asked for, the start of its line, and its line.
    offset: usize,
    line_start: usize,
    line: u64,
}

impl<'a> Places<'a> {
    /// Places in `text`, from its start.
    pub(crate) fn new(text: &'a str) -> Self {
        Places {
            text,
            offset: 0,
            line_start: 0,
            line: 1,
        }
    }

    /// The position of byte `offset` (as [`Position::of_offset`]); an offset before the last
    /// one asked for counts from the start again.
    pub(crate) fn at(&mut self, offset: usize) -> Position {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            *self = Places::new(self.text);
        }
        let between = &self.text.as_bytes()[self.offset..offset];
        for i in memchr::memchr_iter(b'\n', between) {
            self.line += 1;
            self.line_start = self.offset + i + 1;
        }
        self.offset = offset;
        Position {
            line: self.line,
            column: 1 + (offset - self.line_start) as u64,
        }
    }

    /// The position where `part`, a slice of the text, starts.
    pub(crate) fn of(&mut self, part: &str) -> Position {
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.at(offset)
    }
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {} column {}", self.line, self.column)
    }
}

/// Why an input could not be read as a trial record.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has no content (or only white space).
    #[error("empty input")]
    Empty,
    /// The input is binary data, not text.
    #[error("binary data ({0}), not a registry record")]
    Binary(String),
    /// The input is larger than trialnorm accepts.
    #[error("input is {size} bytes, over the limit of {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// No known format matches the input.
    #[error("unrecognized format: {0}")]
    UnknownFormat(String),
    /// The input is a registry document, but not a study record.
    #[error("not a study record: {0}")]
    NotAStudy(String),
    /// The input is not the format it was to be read as (a format given by the caller, not
    /// detected): another kind of document (HTML read as text, text read as JSON), or a page
    /// with none of its site's sections. The reason says what the input is and, by
    /// detection, which format it looks like.
    #[error("not {format}: {reason}")]
    NotFormat {
        /// The format it was to be read as.
        format: Format,
        /// What the input is instead.
        reason: String,
    },
    /// The input holds several study records where one was expected.
    #[error("the input holds {0} study records; read it with parse_all")]
    MultipleRecords(usize),
    /// The input claims a format but does not follow it. Written as `malformed <format>:
    /// <reason>`, then ` at line L column C` where the place is known.
    #[error("malformed {format}: {reason}{}", at(position))]
    Malformed {
        /// The format being read.
        format: Format,
        /// What was wrong (the parser's message without its position; where the input
        /// holds several studies, which one).
        reason: String,
        /// Where in the input, when the parser says.
        position: Option<Position>,
        /// The parser's own error, when there is one.
        #[source]
        source: Option<Cause>,
    },
    /// The input starts like JSON (`{` or `[`) but is not JSON, and no format's marker says
    /// which export it was meant to be: `malformed JSON: <serde_json's reason> at line L
    /// column C`. (A truncated API study, whose first key names its format, is
    /// [`Error::Malformed`] of that format.)
    #[error("malformed JSON: {reason}{}", at(position))]
    MalformedJson {
        /// serde_json's message, without its position.
        reason: String,
        /// Where in the input.
        position: Option<Position>,
    },
}

fn at(position: &Option<Position>) -> String {
    position.map_or_else(String::new, |p| format!(" at {p}"))
}

impl PartialEq for Error {
    /// Errors are equal when they say the same: same variant, fields and message (a
    /// parser error is compared by its message).
    fn eq(&self, other: &Self) -> bool {
        use Error::*;
        match (self, other) {
            (Empty, Empty) => true,
            (Binary(a), Binary(b))
            | (UnknownFormat(a), UnknownFormat(b))
            | (NotAStudy(a), NotAStudy(b)) => a == b,
            (TooLarge { size, limit }, TooLarge { size: s, limit: l }) => size == s && limit == l,
            (MultipleRecords(a), MultipleRecords(b)) => a == b,
            (
                MalformedJson { reason, position },
                MalformedJson {
                    reason: r,
                    position: p,
                },
            ) => reason == r && position == p,
            (
                NotFormat { format, reason },
                NotFormat {
                    format: f,
                    reason: r,
                },
            ) => format == f && reason == r,
            (
                Malformed {
                    format,
                    reason,
                    position,
                    source,
                },
                Malformed {
                    format: f,
                    reason: r,
                    position: p,
                    source: s,
                },
            ) => {
                let text = |c: &Option<Cause>| c.as_ref().map(|c| c.to_string());
                format == f && reason == r && position == p && text(source) == text(s)
            }
            _ => false,
        }
    }
}

/// serde_json's message without the position it appends, and that position (line and column
/// from 1), so the position is said once, wherever the error is placed.
fn json_reason(e: &serde_json::Error) -> (String, Option<Position>) {
    let position = (e.line() > 0).then(|| Position {
        line: e.line() as u64,
        column: e.column() as u64,
    });
    let full = e.to_string();
    let reason = match position {
        Some(p) => full
            .strip_suffix(&format!(" at {p}"))
            .unwrap_or(&full)
            .to_string(),
        None => full,
    };
    (reason, position)
}

impl Error {
    /// A [`Error::Malformed`] for `format` with no position or parser error.
    pub fn malformed(format: Format, reason: impl Into<String>) -> Self {
        Error::Malformed {
            format,
            reason: reason.into(),
            position: None,
            source: None,
        }
    }

    /// A [`Error::Malformed`] for `format` at `position`, with no parser error (a fault
    /// trialnorm finds itself).
    pub(crate) fn malformed_at(format: Format, reason: String, position: Position) -> Self {
        Error::Malformed {
            format,
            reason,
            position: Some(position),
            source: None,
        }
    }

    /// A [`Error::Malformed`] from serde_json's error: its message (without the position
    /// it appends), its line and column, and the error itself as the source.
    pub fn json(format: Format, e: serde_json::Error) -> Self {
        let (reason, position) = json_reason(&e);
        Error::Malformed {
            format,
            reason,
            position,
            source: Some(Cause::new(e)),
        }
    }

    /// A [`Error::MalformedJson`] from serde_json's error: its message without the position
    /// it appends, and its line and column.
    pub fn bad_json(e: &serde_json::Error) -> Self {
        let (reason, position) = json_reason(e);
        Error::MalformedJson { reason, position }
    }

    /// A [`Error::Malformed`] from quick-xml's error, placed at byte `offset` of `xml`.
    pub fn xml(format: Format, e: quick_xml::DeError, xml: &str, offset: usize) -> Self {
        Error::Malformed {
            format,
            reason: e.to_string(),
            position: Some(Position::of_offset(xml, offset)),
            source: Some(Cause::new(e)),
        }
    }

    /// A [`Error::Malformed`] from quick-xml's serde error while `de` read `xml`, placed at
    /// the start of the markup at fault for a syntax error, else where reading stopped.
    pub(crate) fn xml_read<'a>(
        format: Format,
        e: quick_xml::DeError,
        xml: &str,
        de: &quick_xml::de::Deserializer<'a, quick_xml::de::SliceReader<'a>>,
    ) -> Self {
        let reader = de.get_ref().get_ref();
        let offset = match reader.error_position() {
            0 => reader.buffer_position(),
            at => at,
        };
        Error::xml(
            format,
            e,
            xml,
            usize::try_from(offset).unwrap_or(usize::MAX),
        )
    }

    /// Where in the input the error is, when the parser said (a malformed export's line and
    /// column); `None` for every other error.
    pub fn position(&self) -> Option<Position> {
        match self {
            Error::Malformed { position, .. } | Error::MalformedJson { position, .. } => *position,
            _ => None,
        }
    }

    /// This error, found in a part of an input that starts at the beginning of line
    /// `first_line` (a JSON line read on its own), with its position counted in the whole
    /// input. Errors without a position are unchanged.
    pub fn from_line(self, first_line: u64) -> Self {
        self.placed(None, |p| Position {
            line: p.line + first_line.max(1) - 1,
            column: p.column,
        })
    }

    /// This error, found while reading `part` (a slice of `whole`: one study of a list, one
    /// line), as an error of `whole`: its position counted in `whole`, and `place` (which
    /// study) put before its reason. Errors other than malformed input are unchanged.
    pub fn within(self, whole: &str, part: &str, place: Option<&str>) -> Self {
        self.placed(place, |p| p.within(whole, part))
    }

    /// [`Error::within`] for a part that starts at `base` of the whole input (found with
    /// [`Places`], which reads a long input once for all its parts).
    pub(crate) fn within_at(self, base: Position, place: Option<&str>) -> Self {
        self.placed(place, |p| p.after(base))
    }

    /// A [`Error::Malformed`] from quick-xml's error at `position`.
    pub(crate) fn xml_at(format: Format, e: quick_xml::DeError, position: Position) -> Self {
        Error::Malformed {
            format,
            reason: e.to_string(),
            position: Some(position),
            source: Some(Cause::new(e)),
        }
    }

    /// This error with `place` (which study, which trial) put before its reason; its
    /// position as it is. Errors other than malformed input are unchanged.
    pub(crate) fn named(self, place: &str) -> Self {
        self.placed(Some(place), |p| p)
    }

    /// A malformed-input error with its position moved by `moved` and `place` put before its
    /// reason; every other error as it is.
    fn placed(self, place: Option<&str>, moved: impl Fn(Position) -> Position) -> Self {
        let reason_at = |reason: String| match place {
            Some(p) => format!("{p}: {reason}"),
            None => reason,
        };
        match self {
            Error::Malformed {
                format,
                reason,
                position,
                source,
            } => Error::Malformed {
                format,
                reason: reason_at(reason),
                position: position.map(&moved),
                source,
            },
            Error::MalformedJson { reason, position } => Error::MalformedJson {
                reason: reason_at(reason),
                position: position.map(&moved),
            },
            other => other,
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;
    use std::error::Error as _;

    #[test]
    fn json_errors_keep_message_position_and_cause() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": ?}").unwrap_err();
        let err = Error::json(Format::CtgovApiV2Json, e);
        assert_eq!(
            err.to_string(),
            "malformed ctgov-api-v2-json: expected value at line 2 column 8"
        );
        let Error::Malformed {
            reason, position, ..
        } = &err
        else {
            panic!("{err:?}")
        };
        assert_eq!(reason, "expected value");
        assert_eq!(*position, Some(Position { line: 2, column: 8 }));
        assert!(err.source().unwrap().is::<serde_json::Error>());
    }

    #[test]
    fn positions_in_a_part_count_in_the_whole() {
        let whole = "[\n  {\"a\": 1},\n  {\"b\": ?}\n]";
        let part = &whole[whole.find("{\"b\"").unwrap()..whole.len() - 2];
        let e = serde_json::from_str::<serde_json::Value>(part).unwrap_err();
        let err = Error::json(Format::CtgovApiV2Json, e).within(whole, part, Some("study 2"));
        assert_eq!(
            err.to_string(),
            "malformed ctgov-api-v2-json: study 2: expected value at line 3 column 9"
        );
        assert_eq!(
            Position::of_offset("ab\ncd", 4),
            Position { line: 2, column: 2 }
        );
    }
}
