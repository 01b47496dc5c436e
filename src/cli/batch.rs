//! What `parse` and `export` share: the batch arguments, error lines, the `--errors` file,
//! the progress bar and the closing summary.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use trialnorm::batch::{self, Outcome, Summary};
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
}

/// Runs the batch, handing each converted record to `on_record` in input order; reports
/// failures as `trialnorm: <input>: <reason>` lines. Returns whether every record parsed.
pub fn drive<T, C, R>(args: &BatchArgs, convert: C, mut on_record: R) -> anyhow::Result<bool>
where
    T: Send + 'static,
    C: Fn(Trial) -> Result<T, String> + Send + Sync + 'static,
    R: FnMut(T) -> anyhow::Result<()>,
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
    };
    let mut errors = match &args.errors {
        Some(path) => {
            Some(BufWriter::new(File::create(path).with_context(|| {
                format!("cannot create {}", path.display())
            })?))
        }
        None => None,
    };
    let terminal = std::io::stderr().is_terminal();
    let progress = if terminal && !args.quiet {
        let bar = ProgressBar::new_spinner();
        bar.set_style(
            ProgressStyle::with_template(
                "{spinner} {human_pos} records, {per_sec}, {elapsed} ({msg} failed)",
            )
            .expect("a valid template"),
        );
        bar.set_message("0");
        bar
    } else {
        ProgressBar::hidden()
    };
    let mut summary = Summary::default();
    batch::run(&inputs, &options, convert, |outcome| {
        summary.count(&outcome);
        progress.inc(1);
        match outcome {
            Outcome::Parsed { value, .. } => on_record(value),
            Outcome::Failed(e) => {
                progress.set_message(summary.failed_total().to_string());
                progress.suspend(|| eprintln!("trialnorm: {}: {}", e.label(), e.reason));
                if let Some(w) = errors.as_mut() {
                    serde_json::to_writer(&mut *w, &e)?;
                    w.write_all(b"\n")?;
                }
                Ok(())
            }
        }
    })?;
    progress.finish_and_clear();
    if let Some(mut w) = errors {
        w.flush()?;
    }
    // Always, unless asked not to: a log of a night's run needs the account as much as a
    // terminal does.
    if !args.quiet {
        eprint!("{summary}");
    }
    Ok(summary.failed_total() == 0)
}
