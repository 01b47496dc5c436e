//! `trialnorm diff`: field-level differences between two records, with diff(1)'s exit codes.

use std::io::{self, Write};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use trialnorm::diff::{diff, DiffOptions};
use trialnorm::Trial;

/// Arguments of `trialnorm diff`.
#[derive(Args)]
pub struct DiffArgs {
    /// The left record (a file, or `-` for standard input).
    #[arg(value_name = "A")]
    left: String,
    /// The right record.
    #[arg(value_name = "B")]
    right: String,
    /// Output form: `path: left → right` lines, or a JSON list of changes.
    #[arg(long = "as", value_enum, default_value_t = Form::Text)]
    form: Form,
    /// Also compare `source` (registry, format, url, record date).
    #[arg(long)]
    include_source: bool,
    /// Also compare `warnings`.
    #[arg(long)]
    include_warnings: bool,
}

/// Output form of `diff`.
#[derive(Clone, Copy, ValueEnum)]
enum Form {
    Text,
    Json,
}

/// Exit status like diff(1): 0 when the records are equal, 1 when they differ, 2 when an
/// input cannot be read as one record.
pub fn run(args: DiffArgs) -> ExitCode {
    let read = |name: &str| -> Result<Trial, String> {
        // Opened as `parse` opens a file (`cannot open: …`); a directory is no record.
        let bytes =
            trialnorm::batch::readers::read_named(name).map_err(|e| format!("{name}: {e}"))?;
        trialnorm::parse(&bytes, None).map_err(|e| match e {
            // The library's wording names parse_all; a CLI user splits the input instead.
            trialnorm::Error::MultipleRecords(n) => format!(
                "diff compares one record per input; {name} holds {n} (split them with \
                 `trialnorm parse`, or see them side by side with `trialnorm compare`)"
            ),
            e => format!("{name}: {e}"),
        })
    };
    let (left, right) = match (read(&args.left), read(&args.right)) {
        (Ok(l), Ok(r)) => (l, r),
        (l, r) => {
            for e in [l.err(), r.err()].into_iter().flatten() {
                eprintln!("trialnorm: {e}");
            }
            return ExitCode::from(2);
        }
    };
    let changes = diff(
        &left,
        &right,
        DiffOptions {
            include_source: args.include_source,
            include_warnings: args.include_warnings,
        },
    );
    let text = match args.form {
        Form::Text => changes.iter().map(|c| format!("{c}\n")).collect::<String>(),
        Form::Json => format!(
            "{:#}\n",
            serde_json::to_value(&changes).expect("changes serialize")
        ),
    };
    if let Err(e) = super::ClosedAware(io::stdout().lock()).write_all(text.as_bytes()) {
        let e = anyhow::Error::from(e);
        if super::is_output_closed(&e) {
            return super::end_on_closed_pipe();
        }
        eprintln!("trialnorm: {e}");
        return ExitCode::from(2);
    }
    if changes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
