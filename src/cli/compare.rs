//! `trialnorm compare`: trials side by side.

use std::io::{self, Write};

use anyhow::{anyhow, Context};
use clap::{Args, ValueEnum};
use trialnorm::compare::compare;
use trialnorm::{Format, Trial};

/// Arguments of `trialnorm compare`.
#[derive(Args)]
pub struct CompareArgs {
    /// Files, directories (read recursively) and glob patterns to compare (a file holding
    /// several studies gives a column each); `-` reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
    /// Output form.
    #[arg(long = "as", value_enum, default_value_t = Form::Markdown)]
    form: Form,
    /// Read every input as this format instead of detecting it.
    #[arg(long, short)]
    format: Option<Format>,
}

/// Output form of `compare`.
#[derive(Clone, Copy, ValueEnum)]
enum Form {
    Markdown,
    Html,
    Csv,
    Json,
}

/// Reads every input, then writes the comparison. Any input that cannot be read or parsed
/// stops the comparison with `trialnorm: <input>: <reason>`: a table missing a column would
/// mislead.
pub fn run(args: CompareArgs) -> anyhow::Result<bool> {
    let mut trials: Vec<Trial> = Vec::new();
    let mut failed = None;
    // Inputs as `parse` reads them: directories and globs give their files.
    super::parse::each_input(&args.inputs, &mut |name, bytes| {
        let read = || -> anyhow::Result<()> {
            let bytes = bytes.map_err(|e| anyhow!("{name}: {e}"))?;
            let records =
                trialnorm::parse_all(&bytes, args.format).with_context(|| name.clone())?;
            let many = records.len() > 1;
            for (i, record) in records.into_iter().enumerate() {
                let at = if many {
                    format!("{name}#{}", i + 1)
                } else {
                    name.clone()
                };
                trials.push(record.map_err(|e| anyhow!("{at}: {e}"))?);
            }
            Ok(())
        };
        match read() {
            Ok(()) => true,
            Err(e) => {
                failed = Some(e);
                false
            }
        }
    });
    if let Some(e) = failed {
        return Err(e);
    }
    let table = compare(&trials);
    let text = match args.form {
        Form::Markdown => table.to_markdown(),
        Form::Html => table.to_html(),
        Form::Csv => table.to_csv()?,
        Form::Json => format!("{:#}\n", table.to_json()),
    };
    super::ClosedAware(io::stdout().lock()).write_all(text.as_bytes())?;
    Ok(true)
}
