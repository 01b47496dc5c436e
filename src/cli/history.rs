//! `trialnorm history`: every version of a study from ClinicalTrials.gov's record history, as
//! records, or as what changed between them.

use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

use clap::{Args, ValueEnum};
use indicatif::ProgressBar;
use serde_json::json;
use trialnorm::export::Target;
use trialnorm::fetch::{self, Client};
use trialnorm::history::tables::HistoryWriter;
use trialnorm::history::{self, report, Fetched, Selection, StudyHistory};
use trialnorm::words::counted;

use super::fetch::{output, progress_bar, NetworkArgs};
use super::write_record;

/// Arguments of `trialnorm history`.
#[derive(Args)]
pub struct HistoryArgs {
    /// Study ids (`NCT` and 8 digits); another is a usage error (exit 2), before anything is
    /// fetched.
    #[arg(value_name = "NCT_ID", required = true, value_parser = nct_id_arg)]
    nct_ids: Vec<String>,
    /// Which versions: `all`, `first`, `last`, or version numbers and ranges such as `0,3-5`
    /// (versions are numbered from 0, the version first posted).
    #[arg(long, value_name = "N|all|first|last", default_value = "all")]
    versions: Selection,
    /// Write each version's response as the registry sent it, one per line, instead of
    /// normalized records.
    #[arg(long, conflicts_with = "changes")]
    raw: bool,
    /// Write what changed from each version to the next, and the primary-outcome, enrollment
    /// and completion-date report, instead of the records.
    #[arg(long)]
    changes: bool,
    /// Form of `--changes` (text lines, or one JSON object per study), or of the tables
    /// written `--to` a path (parquet, sqlite, csv).
    #[arg(long = "as", value_enum, default_value_t = Form::Text)]
    form: Form,
    /// Write the `versions`, `changes` and `outcome_changes` tables here (a directory for
    /// parquet and csv, a file for sqlite) instead of records.
    #[arg(long, value_name = "PATH", conflicts_with_all = ["raw", "changes", "pretty", "output"])]
    to: Option<PathBuf>,
    /// With `--to`: replace what is already there (the sqlite file, or the table files in the
    /// directory); without it, a file there that is not empty is refused before any download.
    #[arg(long, requires = "to")]
    force: bool,
    /// Indent the normalized JSON.
    #[arg(long, conflicts_with_all = ["raw", "changes"])]
    pretty: bool,
    /// Write to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    net: NetworkArgs,
}

/// Output form of `--changes`, or of the tables.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Form {
    Text,
    Json,
    Parquet,
    Sqlite,
    Csv,
}

impl Form {
    fn target(self) -> Option<Target> {
        match self {
            Form::Text | Form::Json => None,
            Form::Parquet => Some(Target::Parquet),
            Form::Sqlite => Some(Target::Sqlite),
            Form::Csv => Some(Target::Csv),
        }
    }
}

impl HistoryArgs {
    /// Where the tables go, if they do; a form that does not fit the other options is a
    /// usage error (exit status 2).
    fn tables(&self) -> Option<(Target, &PathBuf)> {
        let usage = |msg: &str| -> ! {
            clap::Error::raw(clap::error::ErrorKind::ArgumentConflict, format!("{msg}\n")).exit()
        };
        match (self.form.target(), &self.to) {
            (Some(target), Some(path)) => Some((target, path)),
            (Some(_), None) => usage("--as parquet, sqlite or csv needs --to PATH"),
            (None, Some(_)) => usage("--to needs --as parquet, sqlite or csv"),
            (None, None) if self.form != Form::Text && !self.changes => {
                usage("--as json is the form of --changes")
            }
            (None, None) => None,
        }
    }
}

/// Where the output goes and whether anything failed.
struct Out {
    out: std::io::BufWriter<Box<dyn Write>>,
    /// Where the tables go, when they are asked for instead of records.
    tables: Option<HistoryWriter>,
    progress: ProgressBar,
    all_ok: bool,
}

impl Out {
    /// Reports a failure on one line of standard error.
    fn fail(&mut self, what: &str, e: &dyn std::fmt::Display) {
        self.progress
            .suspend(|| eprintln!("trialnorm: {what}: {e}"));
        self.all_ok = false;
    }
}

/// Fetches the versions asked for; returns whether every one was had.
pub fn run(args: HistoryArgs) -> anyhow::Result<bool> {
    let tables = match args.tables() {
        Some((target, path)) => Some(
            HistoryWriter::create(target, path, super::export::existing(args.force))
                .map_err(super::export::open_error)?,
        ),
        None => None,
    };
    let progress = progress_bar("{spinner} {prefix} versions: {pos}/{len} {msg} [{elapsed}]");
    progress.set_length(0);
    let client = args.net.client(&progress, None)?;
    let mut out = Out {
        out: output(args.output.as_ref())?,
        tables,
        progress: progress.clone(),
        all_ok: true,
    };
    let mut asked = HashSet::new();
    // The ids were checked and canonicalized as arguments.
    for id in &args.nct_ids {
        if asked.insert(id.clone()) {
            progress.set_prefix(id.clone());
            study(&client, id, &args, &mut out)?;
        }
    }
    out.out.flush()?;
    if let Some(tables) = out.tables.take() {
        tables.finish()?;
    }
    progress.finish_and_clear();
    Ok(out.all_ok)
}

/// Checks and canonicalizes a study id given on the command line (`nct00479934` gives
/// `NCT00479934`), or says why it is none.
fn nct_id_arg(text: &str) -> Result<String, String> {
    fetch::nct_id(text).map_err(|e| e.to_string())
}

/// One study: its versions written as they come, or its changes once all are in.
fn study(client: &Client, id: &str, args: &HistoryArgs, out: &mut Out) -> anyhow::Result<()> {
    let mut written: anyhow::Result<()> = Ok(());
    let progress = out.progress.clone();
    let fetched = history::fetch_study(client, id, &args.versions, |event| match event {
        Fetched::Listed(n) => progress.inc_length(n as u64),
        Fetched::Missing(m) => {
            out.fail(id, &m.reason);
            progress.inc(1);
        }
        Fetched::Version(v) => {
            progress.inc(1);
            if written.is_ok() && !args.changes && args.to.is_none() {
                written = write_version(out, v, args);
            }
        }
    });
    written?;
    match fetched {
        Err(e) => out.fail(id, &e),
        Ok(study) => {
            if let Some(tables) = &mut out.tables {
                tables.add(&study)?;
            } else if args.changes {
                write_changes(out, &study, args.form)?;
            }
        }
    }
    out.out.flush()?;
    Ok(())
}

fn write_version(out: &mut Out, v: &history::Version, args: &HistoryArgs) -> anyhow::Result<()> {
    if args.raw {
        out.out.write_all(v.raw.body.as_bytes())?;
        out.out.write_all(b"\n")?;
        return Ok(());
    }
    write_record(&mut out.out, &v.trial, args.pretty)
}

/// The timeline and the report of one study, as text or as one JSON object.
fn write_changes(out: &mut Out, study: &StudyHistory, form: Form) -> anyhow::Result<()> {
    let steps = history::timeline(&study.versions);
    let report = report::report(study);
    if form == Form::Json {
        let value = json!({
            "nct_id": study.nct_id,
            "listed": study.listed.iter().map(|e| json!({
                "version": e.version,
                "date": e.date,
                "status": e.status,
                "changed_modules": e.module_labels,
            })).collect::<Vec<_>>(),
            "read": study.versions.iter().map(|v| v.entry.version).collect::<Vec<_>>(),
            "missing": study.missing,
            "changes": steps,
            "report": report,
        });
        out.out
            .write_all(&trialnorm::model::json::to_vec(&value, false)?)?;
        out.out.write_all(b"\n")?;
        return Ok(());
    }
    writeln!(
        out.out,
        "{}: {} of {} read",
        study.nct_id,
        study.versions.len(),
        counted(study.listed.len() as u64, "version", "versions")
    )?;
    // Changes and missing versions in version order: a missing version is said, not skipped.
    let mut lines: Vec<(u32, String)> = steps.iter().map(|s| (s.version, s.to_string())).collect();
    for m in &study.missing {
        let date = m.date.as_deref().unwrap_or("-");
        lines.push((
            m.version,
            format!("{} {date} missing: {}", m.version, m.reason),
        ));
    }
    lines.sort_by_key(|(v, _)| *v);
    for (_, line) in lines {
        writeln!(out.out, "{line}")?;
    }
    write!(out.out, "{report}")?;
    writeln!(out.out)?;
    Ok(())
}
