//! `trialnorm.ParseError`: a failure naming the input, where in it, the format and why.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use trialnorm::batch::ErrorRecord;

create_exception!(
    trialnorm,
    ParseError,
    PyValueError,
    "An input, or one study in it, could not be read as a trial record.\n\n\
     The message is `<input>: <reason>` (`<input>#<n>` for the n-th study of a multi-study\n\
     input, `<archive>:<entry>` inside a zip, `<file>:line N` in JSON Lines). Attributes:\n\
     `input` (the path as named, `<bytes>` or `<str>`), `position` (entry, line and/or `#n`,\n\
     or None), `format` (the format name when it was detected or forced, else None),\n\
     `line` and `column` (where in the input or entry the reason's place is, from 1, when it\n\
     has one: a malformed export; else None) and `reason` (what went wrong)."
);

/// The `ParseError` for one failure, its attributes set.
pub fn parse_error(py: Python<'_>, e: &ErrorRecord) -> PyErr {
    let err = ParseError::new_err(format!("{}: {}", e.label(), e.reason));
    let value = err.value(py);
    let set = || -> PyResult<()> {
        value.setattr("input", &e.input)?;
        value.setattr("position", e.position.as_deref())?;
        value.setattr("format", e.format.map(|f| f.name()))?;
        value.setattr("line", e.at.map(|p| p.line))?;
        value.setattr("column", e.at.map(|p| p.column))?;
        value.setattr("reason", &e.reason)
    };
    match set() {
        Ok(()) => err,
        Err(failed) => failed,
    }
}
