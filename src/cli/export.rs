//! `trialnorm export`: records as relational tables (Parquet, SQLite or CSV).

use std::path::PathBuf;

use clap::Args;
use trialnorm::export::{self, same_trial, tables, Target};

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
}

/// Exports every record, then the run's `same_trial` table; returns whether all parsed.
/// Rows are built on the parser threads; this thread numbers them in input order and writes
/// them, keeping each record's registry numbers for the trials.
pub fn run_export(args: ExportArgs) -> anyhow::Result<bool> {
    let mut writer = export::open(args.target, &args.to)?;
    let mut ids = Vec::new();
    let all_ok = drive(
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
    writer.write(same_trial::rows(ids))?;
    writer.finish()?;
    Ok(all_ok)
}
