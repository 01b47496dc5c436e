//! Counting a batch: records read, parsed and failed, per format, and the time taken.

use std::collections::BTreeMap;
use std::fmt;
use std::time::{Duration, Instant};

use super::Outcome;

/// Running counts of a batch.
#[derive(Debug, Clone)]
pub struct Summary {
    started: Instant,
    /// When the batch's last record was counted ([`Summary::stop`]); until then, now.
    stopped: Option<Instant>,
    /// Records parsed, per format name.
    pub parsed: BTreeMap<String, u64>,
    /// Records (or whole units) failed, per format name (`unknown` when none was detected).
    pub failed: BTreeMap<String, u64>,
}

impl Default for Summary {
    fn default() -> Self {
        Summary {
            started: Instant::now(),
            stopped: None,
            parsed: BTreeMap::new(),
            failed: BTreeMap::new(),
        }
    }
}

impl Summary {
    /// Counts one outcome.
    pub fn count<T>(&mut self, outcome: &Outcome<T>) {
        let (counts, name) = match outcome {
            Outcome::Parsed { format, .. } => (&mut self.parsed, format.name()),
            Outcome::Failed(e) => (&mut self.failed, e.format.map_or("unknown", |f| f.name())),
        };
        // A format's name is allocated once, not once a record.
        match counts.get_mut(name) {
            Some(n) => *n += 1,
            None => {
                counts.insert(name.to_string(), 1);
            }
        }
    }

    /// Records parsed.
    pub fn parsed_total(&self) -> u64 {
        self.parsed.values().sum()
    }

    /// Records that failed.
    pub fn failed_total(&self) -> u64 {
        self.failed.values().sum()
    }

    /// Records read: every one either parsed or failed.
    pub fn read_total(&self) -> u64 {
        self.parsed_total() + self.failed_total()
    }

    /// Marks the batch as read to its end: [`Summary::elapsed`] is frozen there, so a summary
    /// printed after the command has written its output (the default `parse` writes its
    /// records in a second pass) still gives the time the batch took to read and parse.
    pub fn stop(&mut self) {
        self.stopped.get_or_insert_with(Instant::now);
    }

    /// Time from the batch's start to [`Summary::stop`], or to now before it.
    pub fn elapsed(&self) -> Duration {
        self.stopped.unwrap_or_else(Instant::now) - self.started
    }
}

/// The closing report: a totals line, then one line per format.
impl fmt::Display for Summary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let secs = self.elapsed().as_secs_f64();
        writeln!(
            f,
            "summary: {} read, {} parsed, {} failed in {secs:.2} s ({:.0} records/s)",
            crate::words::counted(self.read_total(), "record", "records"),
            self.parsed_total(),
            self.failed_total(),
            self.read_total() as f64 / secs.max(1e-9),
        )?;
        let mut formats: Vec<&String> = self.parsed.keys().chain(self.failed.keys()).collect();
        formats.sort();
        formats.dedup();
        for name in formats {
            writeln!(
                f,
                "  {name}: {} parsed, {} failed",
                self.parsed.get(name).copied().unwrap_or(0),
                self.failed.get(name).copied().unwrap_or(0)
            )?;
        }
        Ok(())
    }
}
