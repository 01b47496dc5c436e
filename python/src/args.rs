//! The arguments the calls share: `format`, `errors`, `jobs` and the `inputs` of a batch.

use std::path::PathBuf;

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use trialnorm::Format;

/// A format name as `--format` takes it, or `ValueError` listing the names.
pub fn format_arg(name: Option<&str>) -> PyResult<Option<Format>> {
    name.map(|n| n.parse().map_err(PyValueError::new_err))
        .transpose()
}

/// What a call does with a record that fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Errors {
    /// Keep going; keep the failure where the call documents (`Reader.errors`, the `errors`
    /// table).
    Collect,
    /// Raise `ParseError` at the first failure.
    Raise,
    /// Keep going; count the failure only.
    Ignore,
}

impl Errors {
    fn name(self) -> &'static str {
        match self {
            Errors::Collect => "collect",
            Errors::Raise => "raise",
            Errors::Ignore => "ignore",
        }
    }

    /// The mode named `name`, if it is one of `allowed`; else `ValueError`.
    pub fn of(name: &str, allowed: &[Errors]) -> PyResult<Errors> {
        allowed
            .iter()
            .copied()
            .find(|e| e.name() == name)
            .ok_or_else(|| {
                let names: Vec<String> =
                    allowed.iter().map(|e| format!("{:?}", e.name())).collect();
                PyValueError::new_err(format!(
                    "errors must be one of {}, not {name:?}",
                    names.join(", ")
                ))
            })
    }
}

/// Every mode.
pub const ALL_ERRORS: &[Errors] = &[Errors::Collect, Errors::Raise, Errors::Ignore];

/// The batch options: `jobs` parser threads (default: one per core) and a forced format.
pub fn batch_options(
    jobs: Option<usize>,
    format: Option<&str>,
) -> PyResult<trialnorm::batch::Options> {
    let jobs = match jobs {
        Some(0) => return Err(PyValueError::new_err("jobs must be at least 1")),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    Ok(trialnorm::batch::Options {
        jobs,
        format: format_arg(format)?,
        ..Default::default()
    })
}

/// The inputs of a batch: one path (`str` or `os.PathLike`) or an iterable of them. Paths
/// name files, directories (read recursively), glob patterns, `.zip`, `.gz` and JSON Lines
/// files, as on the command line.
pub fn input_names(inputs: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if let Ok(one) = path_name(inputs) {
        return Ok(vec![one]);
    }
    if inputs.is_instance_of::<pyo3::types::PyBytes>() {
        return Err(PyTypeError::new_err(
            "inputs are paths (str or os.PathLike) or an iterable of paths; parse bytes with parse() or parse_all()",
        ));
    }
    let iter = inputs.try_iter().map_err(|_| {
        PyTypeError::new_err(format!(
            "inputs must be a path (str or os.PathLike) or an iterable of paths, not {}",
            type_name(inputs)
        ))
    })?;
    iter.map(|item| path_name(&item?)).collect()
}

fn path_name(item: &Bound<'_, PyAny>) -> PyResult<String> {
    let path: PathBuf = item.extract().map_err(|_| {
        PyTypeError::new_err(format!(
            "an input must be a path (str or os.PathLike), not {}",
            type_name(item)
        ))
    })?;
    path.into_os_string()
        .into_string()
        .map_err(|p| PyValueError::new_err(format!("the path {p:?} is not valid UTF-8")))
}

fn type_name(item: &Bound<'_, PyAny>) -> String {
    item.get_type()
        .name()
        .map_or_else(|_| "an unknown type".into(), |n| n.to_string())
}
