//! `trialnorm parse` and `trialnorm detect`.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::PathBuf;

use anyhow::Context;
use clap::Args;
use trialnorm::Format;

/// Arguments of `trialnorm parse`.
#[derive(Args)]
pub struct ParseArgs {
    /// Files to read; `-` reads standard input (the default).
    #[arg(value_name = "INPUT")]
    inputs: Vec<String>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, short)]
    format: Option<Format>,
    /// Indent the JSON (one record per block instead of per line).
    #[arg(long)]
    pretty: bool,
    /// Write the records to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
}

/// Arguments of `trialnorm detect`.
#[derive(Args)]
pub struct DetectArgs {
    /// Files to examine; `-` reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
}

pub(super) fn read_input(name: &str) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if name == "-" {
        io::stdin().lock().read_to_end(&mut bytes)?;
    } else {
        File::open(name)?.read_to_end(&mut bytes)?;
    }
    Ok(bytes)
}

/// Parses every input, writing each record as it comes; returns whether all parsed.
pub fn run_parse(args: ParseArgs) -> anyhow::Result<bool> {
    let inputs = if args.inputs.is_empty() {
        vec!["-".to_string()]
    } else {
        args.inputs
    };
    let sink: Box<dyn Write> = match &args.output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::new(sink);
    let mut all_ok = true;
    for name in &inputs {
        let bytes = match read_input(name) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("trialnorm: {name}: {e}");
                all_ok = false;
                continue;
            }
        };
        let records = match trialnorm::parse_all(&bytes, args.format) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("trialnorm: {name}: {e}");
                all_ok = false;
                continue;
            }
        };
        let many = records.len() > 1;
        for (i, record) in records.into_iter().enumerate() {
            match record {
                Ok(trial) => {
                    if args.pretty {
                        serde_json::to_writer_pretty(&mut out, &trial)?;
                    } else {
                        serde_json::to_writer(&mut out, &trial)?;
                    }
                    out.write_all(b"\n")?;
                }
                Err(e) => {
                    let at = if many {
                        format!("{name}#{}", i + 1)
                    } else {
                        name.clone()
                    };
                    eprintln!("trialnorm: {at}: {e}");
                    all_ok = false;
                }
            }
        }
    }
    out.flush()?;
    Ok(all_ok)
}

/// Prints `<input>\t<format>` for every input; returns whether all were recognized.
pub fn run_detect(args: DetectArgs) -> anyhow::Result<bool> {
    let mut all_ok = true;
    for name in &args.inputs {
        match read_input(name)
            .map_err(|e| e.to_string())
            .and_then(|b| trialnorm::detect(&b).map_err(|e| e.to_string()))
        {
            Ok(f) => println!("{name}\t{f}"),
            Err(e) => {
                eprintln!("trialnorm: {name}: {e}");
                all_ok = false;
            }
        }
    }
    Ok(all_ok)
}
