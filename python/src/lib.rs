//! `trialnorm._trialnorm`: the native half of the `trialnorm` Python package.
//!
//! Every call goes through the Rust library: [`trialnorm::batch::parse_unit`] for one input
//! (so `parse`, `parse_all` and `read` name inputs, positions, formats and reasons alike),
//! [`trialnorm::batch::run`] for many, and the export's table rows for `tables`. The GIL is
//! released while bytes are read and parsed; it is held only to build the Python objects.

mod args;
mod errors;
mod reader;
mod tables;

use std::io::Read;
use std::path::PathBuf;

use pyo3::exceptions::PyOSError;
use pyo3::prelude::*;
use pyo3::pybacked::{PyBackedBytes, PyBackedStr};
use pyo3::types::PyList;
use trialnorm::batch::{self, Outcome, Unit};
use trialnorm::{Format, Trial};

use crate::args::{format_arg, Errors};
use crate::errors::{parse_error, ParseError};

/// One input as `parse` takes it: bytes are the document, `str` is its text, an
/// `os.PathLike` names a file.
#[derive(FromPyObject)]
enum Data {
    Bytes(PyBackedBytes),
    Text(PyBackedStr),
    Path(PathBuf),
}

/// Reads and parses one input without the GIL: the input's name, and one outcome per study
/// it holds (one failure for an input that cannot be parsed), or the file that could not be
/// read.
fn outcomes(
    py: Python<'_>,
    data: Data,
    format: Option<Format>,
) -> Result<(String, Vec<Outcome<Trial>>), FileError> {
    py.detach(move || {
        let unit = match data {
            Data::Bytes(b) => unit("<bytes>".into(), Ok(b.to_vec())),
            Data::Text(s) if is_path(&s) => {
                let path = PathBuf::from(&*s);
                unit(s.to_string(), Ok(read_file(&path)?))
            }
            Data::Text(s) => unit("<str>".into(), Ok(s.as_bytes().to_vec())),
            Data::Path(path) => unit(path.display().to_string(), Ok(read_file(&path)?)),
        };
        Ok((unit.input.clone(), batch::parse_unit(unit, format, &Ok)))
    })
}

/// Whether a `str` names a file rather than holding a document: one line (no line break),
/// not blank, not JSON or markup (`{`, `[`, `<` first), as no registry record is.
fn is_path(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && !s.contains(['\n', '\r']) && !t.starts_with(['{', '[', '<']) && s.len() <= 4096
}

/// A file that could not be opened or read: raised as Python's `OSError` of its kind.
struct FileError {
    path: PathBuf,
    error: std::io::Error,
}

impl From<FileError> for PyErr {
    /// `OSError(errno, strerror, filename)`, which Python makes the subclass of its errno
    /// (`FileNotFoundError`, `PermissionError`, `IsADirectoryError`, …).
    fn from(e: FileError) -> PyErr {
        let filename = e.path.display().to_string();
        match e.error.raw_os_error() {
            Some(errno) => {
                let text = e.error.to_string();
                let suffix = format!(" (os error {errno})");
                let strerror = text.strip_suffix(&suffix).unwrap_or(&text).to_string();
                PyOSError::new_err((errno, strerror, filename))
            }
            None => PyOSError::new_err(format!("{filename}: {}", e.error)),
        }
    }
}

fn unit(input: String, bytes: Result<Vec<u8>, String>) -> Unit {
    Unit {
        input,
        position: None,
        first_line: 1,
        bytes,
    }
}

/// A file's bytes, read no further than the library's input limit (a larger input is then
/// refused as too large rather than read whole).
fn read_file(path: &std::path::Path) -> Result<Vec<u8>, FileError> {
    let failed = |error| FileError {
        path: path.to_path_buf(),
        error,
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let mut bytes = Vec::new();
    file.take(trialnorm::input::MAX_INPUT_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    Ok(bytes)
}

/// A parsed record as Python objects: dicts in the record's key order, lists, str, int,
/// float, bool and None.
pub(crate) fn to_python<'py>(py: Python<'py>, trial: &Trial) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, trial)?)
}

/// Parses an input holding one study record and returns the normalized record as a dict
/// (every key of the record, in order; see `schema()`).
///
/// `data` is the document as `bytes` (or `bytearray`), a file as an `os.PathLike`
/// (`pathlib.Path`), or a `str`: a file's path when it is one line that is not JSON or
/// markup (no line break, not starting with `{`, `[` or `<`), else the document's text. The
/// format is detected from the content unless `format` names one (see `FORMATS`).
///
/// Raises `ParseError` when the input is not one readable study (empty, binary, of no known
/// format, not a study, malformed, or holding several studies: use `parse_all` for those),
/// `OSError` (`FileNotFoundError`, `PermissionError`, …, with `errno` and `filename`) when
/// the file cannot be read, and `ValueError` for an unknown `format` name. The GIL is
/// released while parsing.
#[pyfunction]
#[pyo3(signature = (data, format = None))]
fn parse<'py>(py: Python<'py>, data: Data, format: Option<&str>) -> PyResult<Bound<'py, PyAny>> {
    let format = format_arg(format)?;
    let (input, mut outcomes) = outcomes(py, data, format)?;
    if outcomes.len() > 1 {
        // As the library's `parse`: one study expected, several found.
        let error = batch::ErrorRecord {
            input,
            position: None,
            format: outcomes.iter().find_map(|o| match o {
                Outcome::Parsed { format, .. } => Some(*format),
                Outcome::Failed(e) => e.format,
            }),
            reason: trialnorm::Error::MultipleRecords(outcomes.len()).to_string(),
            at: None,
        };
        return Err(parse_error(py, &error));
    }
    match outcomes.pop() {
        Some(Outcome::Parsed { value, .. }) => to_python(py, &value),
        Some(Outcome::Failed(e)) => Err(parse_error(py, &e)),
        None => unreachable!("parse_unit gives at least one outcome"),
    }
}

/// Parses an input holding any number of study records (an API search page, a one-study
/// page) and returns one dict per study, in input order. `data` and `format` are as in
/// `parse`.
///
/// `errors="raise"` (the default) raises `ParseError` for the first study that fails (its
/// `position` is `#n`, the study's 1-based place in the input) or for an input that cannot
/// be read at all; `errors="ignore"` leaves failed studies out. To keep every failure while
/// reading on, use `read()`.
#[pyfunction]
#[pyo3(signature = (data, format = None, errors = "raise"))]
fn parse_all<'py>(
    py: Python<'py>,
    data: Data,
    format: Option<&str>,
    errors: &str,
) -> PyResult<Bound<'py, PyList>> {
    let format = format_arg(format)?;
    let errors = Errors::of(errors, &[Errors::Raise, Errors::Ignore])?;
    let list = PyList::empty(py);
    for outcome in outcomes(py, data, format)?.1 {
        match outcome {
            Outcome::Parsed { value, .. } => list.append(to_python(py, &value)?)?,
            Outcome::Failed(e) if errors == Errors::Raise => return Err(parse_error(py, &e)),
            Outcome::Failed(_) => {}
        }
    }
    Ok(list)
}

/// The JSON Schema (draft 2020-12) of the normalized record, as a dict: the same document as
/// `trialnorm schema` prints.
#[pyfunction]
fn schema(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    Ok(pythonize::pythonize(py, &trialnorm::schema())?)
}

#[pymodule]
fn _trialnorm(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    let formats: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
    m.add("FORMATS", pyo3::types::PyTuple::new(py, formats)?)?;
    m.add("ParseError", py.get_type::<ParseError>())?;
    m.add_class::<reader::Reader>()?;
    m.add_function(wrap_pyfunction!(parse, m)?)?;
    m.add_function(wrap_pyfunction!(parse_all, m)?)?;
    m.add_function(wrap_pyfunction!(reader::read, m)?)?;
    m.add_function(wrap_pyfunction!(tables::tables, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    Ok(())
}
