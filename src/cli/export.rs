//! `trialnorm export`: records as relational tables (Parquet, SQLite or CSV).

use std::path::PathBuf;

use clap::Args;
use trialnorm::export::{self, tables, Target};

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

/// Exports every record; returns whether all parsed. Rows are built on the parser threads;
/// this thread numbers them in input order and writes them.
pub fn run_export(args: ExportArgs) -> anyhow::Result<bool> {
    let mut writer = export::open(args.target, &args.to)?;
    let mut record = 0u64;
    let all_ok = drive(
        &args.batch,
        |trial| Ok(tables::rows(&trial)),
        |mut rows| {
            record += 1;
            rows.set_record(record);
            Ok(writer.write(rows)?)
        },
        // The tables are written whole at the end: nothing to flush before.
        || Ok(()),
    )?;
    writer.finish()?;
    Ok(all_ok)
}
