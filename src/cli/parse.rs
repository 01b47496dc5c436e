//! `trialnorm parse` and `trialnorm detect`.

use std::cell::RefCell;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use clap::Args;

use super::batch::{drive, BatchArgs};

/// Arguments of `trialnorm parse`.
#[derive(Args)]
pub struct ParseArgs {
    #[command(flatten)]
    batch: BatchArgs,
    /// Indent the JSON (one record per block instead of per line).
    #[arg(long)]
    pretty: bool,
    /// Write the records to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// One line per trial: records that share a registry number (NCT, EudraCT, EU CT,
    /// ISRCTN, …) merged into one, `{"trial", "records", "fields", "members_from"}` (see the README's
    /// "One trial, many registries").
    #[arg(long, conflicts_with = "stream")]
    dedupe: bool,
    /// Write each record as soon as it is parsed, without the `same-trial-as` notes (which
    /// need the whole batch read first).
    #[arg(long)]
    stream: bool,
}

/// Arguments of `trialnorm detect`.
#[derive(Args)]
pub struct DetectArgs {
    /// Files, directories (read recursively) and glob patterns to examine, found as `parse`
    /// finds them; `-` reads standard input.
    #[arg(value_name = "INPUT", required = true)]
    inputs: Vec<String>,
}

/// Every input as one document each, through the batch layer's walk and reader: a
/// directory or glob gives its files, and a file that cannot be opened says so as `parse`
/// does (`cannot open: …`). `each` gets the name and the bytes or why there are none, and
/// says whether to go on.
pub(super) fn each_input(
    names: &[String],
    each: &mut dyn FnMut(String, Result<Vec<u8>, String>) -> bool,
) {
    trialnorm::batch::walk::for_each_source(names, &mut |source| {
        let (name, bytes) = trialnorm::batch::readers::read_whole(source);
        each(name, bytes)
    });
}

/// Parses every input, writing each record as it comes, in input order; returns whether all
/// parsed. Records are serialized on the parser threads, so this thread only writes bytes; what
/// is written is flushed whenever the pipeline waits.
pub fn run_parse(args: ParseArgs) -> anyhow::Result<bool> {
    if !args.stream {
        return super::same_trial::run(
            &args.batch,
            args.output.as_deref(),
            args.pretty,
            args.dedupe,
        );
    }
    let sink = super::sink(args.output.as_deref())?;
    // Small records are gathered into one write; a record at least this large goes to the
    // sink as it is, without a copy through the buffer (API v2 records with results are).
    let out = RefCell::new(BufWriter::with_capacity(32 * 1024, sink));
    let pretty = args.pretty;
    // Twice the largest record's size so far, up to 2 MiB, as the next one's buffer size: a
    // buffer grown from empty copies the record over and over as it doubles, and one huge
    // record must not make every later buffer huge. Twice, as the writer reserves six times
    // a text's length before writing it (room for its escapes): a record as large as the
    // largest would grow its buffer at its longest text.
    let largest = AtomicUsize::new(0);
    let finished = drive(
        &args.batch,
        move |trial| {
            let mut json = Vec::with_capacity(largest.load(Ordering::Relaxed).min(1 << 20) * 2);
            trialnorm::model::json::write(&mut json, &trial, pretty)
                .map_err(|e| format!("cannot serialize the record: {e}"))?;
            json.push(b'\n');
            largest.fetch_max(json.len(), Ordering::Relaxed);
            Ok(json)
        },
        |json| Ok(out.borrow_mut().write_all(&json)?),
        || Ok(out.borrow_mut().flush()?),
    )?;
    let flushed = out.borrow_mut().flush();
    finished.report_after(flushed.map_err(Into::into))
}

/// What `detect` says of one input, and whether all of it is recognized: a zip, a gzip file
/// or JSON Lines is named with what it holds (`zip: 2 ctgov-xml`), a document by its format,
/// else `unrecognized`; why a part is not recognized goes to standard error.
fn described(name: &str, bytes: Vec<u8>) -> (String, bool) {
    let c = match trialnorm::batch::contents::contents(name, bytes) {
        Ok(c) => c,
        Err(one) => return document(name, &one),
    };
    for (place, reason) in &c.problems {
        eprintln!("trialnorm: {place}: {reason}");
    }
    (c.to_string(), c.all_recognized())
}

/// One document, by its format.
fn document(name: &str, bytes: &[u8]) -> (String, bool) {
    match trialnorm::detect(bytes) {
        Ok(f) => (f.to_string(), true),
        Err(e) => {
            eprintln!("trialnorm: {name}: {e}");
            ("unrecognized".to_string(), false)
        }
    }
}

/// Prints `<input>\t<format>` for every input (`<input>\tzip: 2 ctgov-xml` for a zip or
/// gzip file, read as `parse` reads it); returns whether all were recognized.
pub fn run_detect(args: DetectArgs) -> anyhow::Result<bool> {
    let mut all_ok = true;
    let mut out = super::ClosedAware(io::stdout().lock());
    let mut failed_write = None;
    each_input(&args.inputs, &mut |name, bytes| {
        let (what, recognized) = match bytes {
            Ok(b) => described(&name, b),
            Err(e) => {
                eprintln!("trialnorm: {name}: {e}");
                ("unreadable".to_string(), false)
            }
        };
        all_ok &= recognized;
        if let Err(e) = writeln!(out, "{name}\t{what}") {
            failed_write = Some(anyhow::Error::from(e));
            return false;
        }
        true
    });
    match failed_write {
        Some(e) => Err(e),
        None => Ok(all_ok),
    }
}
