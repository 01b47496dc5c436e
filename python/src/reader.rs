//! `read()`: every record of many inputs, as an iterator fed by the library's batch pipeline
//! running on its own threads.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::Mutex;
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyList;
use trialnorm::batch::{self, Outcome};
use trialnorm::Trial;

use crate::args::{batch_options, input_names, Errors, ALL_ERRORS};
use crate::errors::parse_error;

/// Outcomes waiting for Python to take them: the pipeline runs ahead by this many, then waits.
const AHEAD: usize = 256;

/// What the pipeline thread sends: an outcome, or why the run itself stopped (not one
/// record's failure).
type Message = Result<Outcome<Trial>, String>;

/// An iterator over every record of a batch of inputs, in input order (see `read`).
///
/// Attributes, current as iteration goes: `errors` (the failures kept with
/// `errors="collect"`, as `ParseError` instances), `parsed` and `failed` (counts).
#[pyclass(module = "trialnorm")]
pub struct Reader {
    /// `None` once the run is over (or was stopped by a raised failure).
    outcomes: Mutex<Option<Receiver<Message>>>,
    mode: Errors,
    /// The failures kept with `errors="collect"`, in input order.
    #[pyo3(get)]
    errors: Py<PyList>,
    /// Records yielded so far.
    #[pyo3(get)]
    parsed: u64,
    /// Records (or whole inputs) that failed so far.
    #[pyo3(get)]
    failed: u64,
}

#[pymethods]
impl Reader {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(mut slf: PyRefMut<'py, Self>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let py = slf.py();
        loop {
            let Some(message) = next_message(py, &slf.outcomes)? else {
                return Ok(None);
            };
            match message {
                Ok(Outcome::Parsed { value, .. }) => {
                    slf.parsed += 1;
                    return Ok(Some(crate::to_python(py, &value)?));
                }
                Ok(Outcome::Failed(e)) => {
                    slf.failed += 1;
                    match slf.mode {
                        Errors::Collect => slf.errors.bind(py).append(parse_error(py, &e))?,
                        Errors::Ignore => {}
                        Errors::Raise => {
                            slf.close();
                            return Err(parse_error(py, &e));
                        }
                    }
                }
                Err(reason) => {
                    slf.close();
                    return Err(PyRuntimeError::new_err(format!(
                        "the batch stopped: {reason}"
                    )));
                }
            }
        }
    }

    /// Stops the run: the parser threads finish the records in flight and end. Iteration
    /// then stops. Dropping the reader does the same.
    fn close(&self) {
        if let Ok(mut outcomes) = self.outcomes.lock() {
            outcomes.take();
        }
    }
}

/// The next message, waited for without the GIL (and with Ctrl-C still heard); `None` when
/// the run is over.
fn next_message(
    py: Python<'_>,
    slot: &Mutex<Option<Receiver<Message>>>,
) -> PyResult<Option<Message>> {
    let lock = || {
        slot.lock()
            .map_err(|_| PyRuntimeError::new_err("the reader failed in another thread"))
    };
    let Some(mut outcomes) = lock()?.take() else {
        return Ok(None);
    };
    loop {
        let got;
        (outcomes, got) = py.detach(move || {
            let got = outcomes.recv_timeout(Duration::from_millis(100));
            (outcomes, got)
        });
        match got {
            Ok(message) => {
                *lock()? = Some(outcomes);
                return Ok(Some(message));
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(None),
            Err(RecvTimeoutError::Timeout) => {
                // A KeyboardInterrupt here drops `outcomes`, which stops the run.
                py.check_signals()?;
            }
        }
    }
}

/// Reads every record of `inputs` and yields each as a dict (as `parse` gives), in input
/// order, while the records after it are parsed on `jobs` threads (default: one per core).
///
/// `inputs` is a path (`str` or `os.PathLike`) or an iterable of paths: files, directories
/// (read recursively, in sorted order), glob patterns, `.zip` archives (each entry),
/// `.gz` files and JSON Lines files of raw records (each line); a file holding many studies
/// gives one record per study. `format` forces one format for every input.
///
/// Every record is either yielded or a failure naming its input, position and reason;
/// `errors` says what happens to failures:
///
/// - `"collect"` (default): reading goes on; each failure is appended, as a `ParseError`,
///   to the returned reader's `errors` list.
/// - `"raise"`: the first failure raises `ParseError` from the iteration (after every record
///   before it was yielded); the run stops.
/// - `"ignore"`: reading goes on; failures are only counted in `failed`.
///
/// The returned `Reader` also counts `parsed` and `failed`. An input that does not exist is
/// a failure, not an exception. Parsing runs without the GIL.
#[pyfunction]
#[pyo3(signature = (inputs, jobs = None, errors = "collect", format = None))]
pub fn read(
    py: Python<'_>,
    inputs: &Bound<'_, PyAny>,
    jobs: Option<usize>,
    errors: &str,
    format: Option<&str>,
) -> PyResult<Reader> {
    let mode = Errors::of(errors, ALL_ERRORS)?;
    let options = batch_options(jobs, format)?;
    let names = input_names(inputs)?;
    let (tx, rx) = mpsc::sync_channel(AHEAD);
    std::thread::Builder::new()
        .name("trialnorm-batch".into())
        .spawn(move || {
            let sink = tx.clone();
            let run = batch::run(&names, &options, Ok, move |outcome| {
                // Fails only when the reader is gone: that ends the run.
                sink.send(Ok(outcome))
                    .map_err(|_| anyhow::anyhow!("the reader was closed"))
            });
            if let Err(e) = run {
                let _ = tx.send(Err(e.to_string()));
            }
        })
        .map_err(|e| PyRuntimeError::new_err(format!("cannot start the batch: {e}")))?;
    Ok(Reader {
        outcomes: Mutex::new(Some(rx)),
        mode,
        errors: PyList::empty(py).unbind(),
        parsed: 0,
        failed: 0,
    })
}
