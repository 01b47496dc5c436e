//! Errors: each says what went wrong with the input and why.

use crate::Format;

/// Why an input could not be read as a trial record.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
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
    /// The input holds several study records where one was expected.
    #[error("the input holds {0} study records; read it with parse_all")]
    MultipleRecords(usize),
    /// The input claims a format but does not follow it.
    #[error("malformed {format}: {reason}")]
    Malformed {
        /// The format being read.
        format: Format,
        /// What was wrong, and where.
        reason: String,
    },
}

impl Error {
    /// A [`Error::Malformed`] for `format`.
    pub fn malformed(format: Format, reason: impl Into<String>) -> Self {
        Error::Malformed {
            format,
            reason: reason.into(),
        }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
