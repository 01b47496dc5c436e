//! `trialnorm export`: records as relational tables (Parquet, SQLite or CSV).

use std::path::PathBuf;

use clap::Args;
use trialnorm::export::{self, same_trial, tables, Existing, ExportError, Target};

use super::batch::{drive, BatchArgs};

/// Arguments of `trialnorm export`.
#[derive(Args)]
pub struct ExportArgs {
    #[command(flatten)]
    batch: BatchArgs,
    /// Where to write: a directory for parquet and csv (one file per table), a file for sqlite.
    #[arg(long, value_name = "PATH")]
    to: PathBuf,
    /// Table format: parquet, sqlite or csv.
    #[arg(long = "as", value_name = "FORMAT")]
    target: Target,
    /// Replace what is already there: the sqlite file, or the table files (`<table>.csv`,
    /// `<table>.parquet`) in the directory. Without it, a file there that is not empty is
    /// refused before anything is read or written.
    #[arg(long)]
    force: bool,
}

/// What `--force` says of files already where tables go.
pub fn existing(force: bool) -> Existing {
    if force {
        Existing::Replace
    } else {
        Existing::Refuse
    }
}

/// An export's opening error, saying how to replace files that were refused.
pub fn open_error(e: ExportError) -> anyhow::Error {
    match e {
        ExportError::Exists(ref taken) => {
            let what = if taken.len() == 1 { "it" } else { "them" };
            anyhow::anyhow!("{e} (--force replaces {what})")
        }
        e => e.into(),
    }
}

/// Exports every record, then the run's `same_trial` table; returns whether all parsed.
/// Rows are built on the parser threads; this thread numbers them in input order and writes
/// them, keeping each record's registry numbers for the trials.
pub fn run_export(args: ExportArgs) -> anyhow::Result<bool> {
    let mut writer =
        export::open_with(args.target, &args.to, export::specs(), existing(args.force))
            .map_err(open_error)?;
    let mut ids = Vec::new();
    let finished = drive(
        &args.batch,
        |trial| Ok((tables::rows(&trial), trial.ids.registry_ids)),
        |(mut rows, registry_ids)| {
            ids.push(registry_ids);
            rows.set_record(ids.len() as u64);
            Ok(writer.write(rows)?)
        },
        // The tables are written whole at the end: nothing to flush before.
        || Ok(()),
    )?;
    let written = (writer.write(same_trial::rows(ids))).and_then(|()| writer.finish());
    finished.report_after(written.map_err(Into::into))
}
