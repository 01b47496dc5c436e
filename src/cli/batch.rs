//! What `parse` and `export` share: the batch arguments, error lines, the `--errors` file,
//! the progress bar and the closing summary.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use trialnorm::batch::{self, Outcome, Sink, Summary};
use trialnorm::{Format, Trial};

/// Inputs and batch options.
#[derive(Args)]
pub struct BatchArgs {
    /// Files, directories (read recursively), glob patterns, `.zip` archives, `.gz` files and
    /// JSON Lines files of raw records; `-` reads standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, short)]
    pub format: Option<Format>,
    /// Parser threads (default: one per core).
    #[arg(long, short, value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
    /// Also write every failure as a JSON line (input, position, format, reason) to this file.
    #[arg(long, value_name = "FILE")]
    pub errors: Option<PathBuf>,
    /// No progress bar and no closing summary (failures are still reported).
    #[arg(long, short)]
    pub quiet: bool,
    /// The time budget of one input, in seconds (at most a week): a read that makes no
    /// progress for this long, or a parse that runs this long, is abandoned and reported as a
    /// failure.
    #[arg(long, value_name = "SECONDS", default_value_t = batch::pipeline::DEFAULT_UNIT_TIMEOUT.as_secs(),
          value_parser = clap::value_parser!(u64).range(1..=7 * 24 * 3600))]
    pub unit_timeout: u64,
}

/// Runs the batch, handing each converted record to `on_record` in input order and calling
/// `flush` whenever the pipeline waits (so records already parsed are never held back by a slow
/// input); reports failures as `trialnorm: <input>: <reason>` lines. Returns the batch's
/// account, which the caller prints with [`Finished::report_after`] once its output is written.
pub fn drive<T, C, R, F>(
    args: &BatchArgs,
    convert: C,
    on_record: R,
    flush: F,
) -> anyhow::Result<Finished>
where
    T: Send + 'static,
    C: Fn(Trial) -> Result<T, String> + Send + Sync + 'static,
    R: FnMut(T) -> anyhow::Result<()>,
    F: FnMut() -> anyhow::Result<()>,
{
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs.clone()
    };
    let options = batch::Options {
        jobs: args.jobs.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            usize::from,
        ),
        format: args.format,
        limits: batch::Limits::default(),
        unit_timeout: Duration::from_secs(args.unit_timeout),
    };
    let errors = match &args.errors {
        Some(path) => {
            Some(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot create {}", path.display())
            })?))
        }
        None => None,
    };
    let progress = progress_bar(args.quiet);
    let mut report = Report {
        summary: Summary::default(),
        shown: !progress.is_hidden(),
        progress,
        errors,
        on_record,
        flush,
    };
    let ran = batch::run(&inputs, &options, convert, &mut report);
    report.progress.finish_and_clear();
    let flushed = match report.errors.as_mut() {
        Some(w) => w.flush(),
        None => Ok(()),
    };
    report.summary.stop();
    let finished = Finished {
        summary: report.summary,
        quiet: args.quiet,
    };
    // A record that could not be written (`--stream` to a full disk) ends the batch: the
    // counts so far are still printed, before the error.
    match ran.and(flushed.map_err(Into::into)) {
        Ok(()) => Ok(finished),
        Err(e) => Err(finished.fail(e)),
    }
}

/// A batch read to its end: its counts, not yet printed.
#[must_use = "the summary is printed by `report_after`"]
pub struct Finished {
    summary: Summary,
    quiet: bool,
}

impl Finished {
    /// The closing summary, printed to standard error (unless `--quiet`) once `written` (the
    /// writing of the command's output) is done, so that it is the last thing a run prints:
    /// after the output, and also when writing it failed (a file that cannot be created, a
    /// full disk), before the error is returned, so the counts are never lost; only when the
    /// reader closed standard output (`| head`) is nothing more printed. Returns whether every
    /// record parsed.
    pub fn report_after(self, written: anyhow::Result<()>) -> anyhow::Result<bool> {
        match written {
            Ok(()) => Ok(self.report()),
            Err(e) => Err(self.fail(e)),
        }
    }

    /// The summary printed before `e`, the error that ends the run, is returned (none when
    /// the reader closed standard output).
    fn fail(self, e: anyhow::Error) -> anyhow::Error {
        if !super::is_output_closed(&e) {
            self.report();
        }
        e
    }

    /// Prints the closing summary to standard error (unless `--quiet`) and returns whether
    /// every record parsed.
    fn report(self) -> bool {
        // Always, unless asked not to: a log of a night's run needs the account as much as a
        // terminal does.
        if !self.quiet {
            eprint!("{}", self.summary);
        }
        self.summary.failed_total() == 0
    }
}

/// A spinner on a terminal (unless `quiet`), nothing otherwise.
fn progress_bar(quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} records: {human_pos} read, {msg} failed, {per_sec}, {elapsed}",
        )
        .expect("a valid template"),
    );
    bar.set_message("0");
    bar
}

/// Where outcomes go: records to the caller, failures to standard error and the errors file,
/// every one to the summary.
struct Report<R, F> {
    summary: Summary,
    progress: ProgressBar,
    /// Whether the bar is drawn: a hidden one still reads the clock and updates its rate on
    /// every `inc`, ~700 instructions a record on the thread every record passes through.
    shown: bool,
    errors: Option<BufWriter<File>>,
    on_record: R,
    flush: F,
}

impl<T, R, F> Sink<T> for &mut Report<R, F>
where
    R: FnMut(T) -> anyhow::Result<()>,
    F: FnMut() -> anyhow::Result<()>,
{
    fn outcome(&mut self, outcome: Outcome<T>) -> anyhow::Result<()> {
        self.summary.count(&outcome);
        if self.shown {
            self.progress.inc(1);
        }
        match outcome {
            Outcome::Parsed { value, .. } => (self.on_record)(value),
            Outcome::Failed(e) => {
                self.progress
                    .set_message(self.summary.failed_total().to_string());
                self.progress
                    .suspend(|| eprintln!("trialnorm: {}: {}", e.label(), e.reason));
                if let Some(w) = self.errors.as_mut() {
                    serde_json::to_writer(&mut *w, &e)?;
                    w.write_all(b"\n")?;
                }
                Ok(())
            }
        }
    }

    fn idle(&mut self) -> anyhow::Result<()> {
        if let Some(w) = self.errors.as_mut() {
            w.flush()?;
        }
        (self.flush)()
    }
}
