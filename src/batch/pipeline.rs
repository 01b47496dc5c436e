//! The ordered parallel pipeline: a reader thread produces units, a rayon pool parses them,
//! and the caller's sink receives the outcomes in input order.
//!
//! Memory is bounded by the window: at most `window` units are read but not yet handed to the
//! sink (parsed results wait in a reorder buffer keyed by sequence number until every earlier
//! unit is done), and the reader blocks on a bounded channel when it is ahead.

use std::collections::BTreeMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{mpsc, Arc};

use super::{inputs, parse_unit, readers, ErrorRecord, Outcome, Unit};
use crate::{Format, Trial};

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Parser threads (at least 1).
    pub jobs: usize,
    /// Read every input as this format instead of detecting it.
    pub format: Option<Format>,
}

impl Options {
    /// Units in flight: enough to keep every thread busy while a slow one finishes.
    fn window(&self) -> usize {
        self.jobs.max(1) * 16
    }
}

/// Reads every input named in `inputs`, parses each record on `options.jobs` threads,
/// converts each parsed [`Trial`] with `convert` (on the worker) and hands every outcome to
/// `sink` in input order. Stops at the first error from `sink`.
pub fn run<T, C, S>(
    inputs: &[String],
    options: &Options,
    convert: C,
    mut sink: S,
) -> anyhow::Result<()>
where
    T: Send + 'static,
    C: Fn(Trial) -> Result<T, String> + Send + Sync + 'static,
    S: FnMut(Outcome<T>) -> anyhow::Result<()>,
{
    let window = options.window();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("trialnorm-parse-{i}"))
        .build()?;
    let (unit_tx, unit_rx) = mpsc::sync_channel::<Unit>(window);
    let names = inputs.to_vec();
    let reader = std::thread::Builder::new()
        .name("trialnorm-read".into())
        .spawn(move || {
            inputs::for_each_source(&names, &mut |source| {
                readers::read_source(source, &mut |unit| unit_tx.send(unit).is_ok())
            })
        })?;
    let convert = Arc::new(convert);
    let (done_tx, done_rx) = mpsc::channel::<(u64, Vec<Outcome<T>>)>();
    let mut issued = 0u64;
    let mut emitted = 0u64;
    let mut pending: BTreeMap<u64, Vec<Outcome<T>>> = BTreeMap::new();
    let mut units_left = true;
    let result = (|| loop {
        while units_left && issued - emitted < window as u64 {
            let Ok(unit) = unit_rx.recv() else {
                units_left = false;
                break;
            };
            let (seq, tx, convert, format) = (
                issued,
                done_tx.clone(),
                Arc::clone(&convert),
                options.format,
            );
            pool.spawn(move || {
                let _ = tx.send((seq, guarded(unit, format, &*convert)));
            });
            issued += 1;
        }
        if emitted == issued {
            return Ok(());
        }
        let (seq, outcomes) = done_rx.recv()?;
        pending.insert(seq, outcomes);
        while let Some(outcomes) = pending.remove(&emitted) {
            for outcome in outcomes {
                sink(outcome)?;
            }
            emitted += 1;
        }
    })();
    // On an early stop the reader sees the channel close and ends.
    drop(unit_rx);
    let _ = reader.join();
    result
}

/// [`parse_unit`], with a parser panic turned into an error entry: one bad record must not
/// take down a batch of half a million.
fn guarded<T>(
    unit: Unit,
    format: Option<Format>,
    convert: &(dyn Fn(Trial) -> Result<T, String> + Sync),
) -> Vec<Outcome<T>> {
    let (input, position) = (unit.input.clone(), unit.position.clone());
    catch_unwind(AssertUnwindSafe(|| parse_unit(unit, format, convert))).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        vec![Outcome::Failed(ErrorRecord {
            input,
            position,
            format,
            reason: format!("internal error: the parser panicked: {message}"),
        })]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outcomes_come_back_in_input_order_whatever_the_jobs() {
        let seeds = [
            "fixtures/seeds/NCT00479934.txt",
            "fixtures/seeds/NCT06722105.txt",
            "no/such/file",
        ];
        let inputs: Vec<String> = (0..40).map(|i| seeds[i % 3].to_string()).collect();
        for jobs in [1, 3] {
            let mut seen = Vec::new();
            run(
                &inputs,
                &Options { jobs, format: None },
                |t| Ok(t.ids.nct_id.unwrap_or_default()),
                |o| {
                    seen.push(match o {
                        Outcome::Parsed { value, .. } => value,
                        Outcome::Failed(e) => e.input,
                    });
                    Ok(())
                },
            )
            .unwrap();
            let want: Vec<&str> = (0..40)
                .map(|i| ["NCT00479934", "NCT06722105", "no/such/file"][i % 3])
                .collect();
            assert_eq!(seen, want, "jobs = {jobs}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let inputs = vec!["fixtures/seeds/NCT00479934.txt".to_string(); 100];
        let mut n = 0;
        let r = run(
            &inputs,
            &Options {
                jobs: 2,
                format: None,
            },
            |_| Ok(()),
            |_| {
                n += 1;
                anyhow::ensure!(n < 5, "disk full");
                Ok(())
            },
        );
        assert_eq!(r.unwrap_err().to_string(), "disk full");
        assert_eq!(n, 5);
    }
}
