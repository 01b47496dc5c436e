//! Command-line interface: one module per subcommand.

mod batch;
mod compare;
mod diff;
mod export;
mod fetch;
mod history;
mod parse;
mod same_trial;

use std::io::{self, Write};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

/// Read clinical-trial registry records (ClinicalTrials.gov, ClinicalTrials.Veeva, WHO ICTRP,
/// EU CTR, CTIS, ISRCTN) and emit normalized JSON; the help's text is the crate's description.
#[derive(Parser)]
#[command(name = "trialnorm", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Each subcommand's usage line is written out: clap's own, after a usage error, lists the
/// options the user passed as if they were required (`--quiet`).
#[derive(Subcommand)]
enum Command {
    /// Parse records and write normalized JSON Lines.
    #[command(override_usage = "trialnorm parse [OPTIONS] [INPUT]...")]
    Parse(parse::ParseArgs),
    /// Parse records and write them as relational tables (Parquet, SQLite or CSV).
    #[command(override_usage = "trialnorm export [OPTIONS] --to <PATH> --as <FORMAT> [INPUT]...")]
    Export(export::ExportArgs),
    /// Print each input's detected format (named from its opening, without parsing it: a
    /// record cut short is still named by its format; `parse` tells whether it reads).
    #[command(override_usage = "trialnorm detect <INPUT>...")]
    Detect(parse::DetectArgs),
    /// Fetch studies by id or by search from the ClinicalTrials.gov API v2, and trials by
    /// ISRCTN or EU CT number from the ISRCTN registry and CTIS.
    #[command(
        override_usage = "trialnorm fetch [OPTIONS] <ID|--ids <FILE>|--query <TEXT>|--condition <CONDITION>|--status <STATUS>>"
    )]
    Fetch(fetch::FetchArgs),
    /// Every version of studies from ClinicalTrials.gov's record history, or what changed
    /// between them.
    #[command(override_usage = "trialnorm history [OPTIONS] <NCT_ID>...")]
    History(history::HistoryArgs),
    /// Print the JSON Schema of the normalized record, or the export tables' description.
    #[command(override_usage = "trialnorm schema [OPTIONS]")]
    Schema(SchemaArgs),
    /// Put trials side by side (Markdown, HTML, CSV or JSON), marking what differs.
    #[command(override_usage = "trialnorm compare [OPTIONS] <INPUT>...")]
    Compare(compare::CompareArgs),
    /// Field-level differences between two records; exit 0 when equal, 1 when they differ.
    #[command(override_usage = "trialnorm diff [OPTIONS] <A> <B>")]
    Diff(diff::DiffArgs),
}

/// Arguments of `trialnorm schema`.
#[derive(clap::Args)]
struct SchemaArgs {
    /// Describe the export tables instead: their columns as Markdown (the README's table
    /// section), or `sql` for the CREATE TABLE statements.
    #[arg(long, value_enum, num_args = 0..=1, default_missing_value = "markdown")]
    tables: Option<TablesForm>,
}

/// How `schema --tables` describes the tables.
#[derive(Clone, Copy, clap::ValueEnum)]
enum TablesForm {
    Markdown,
    Sql,
}

fn schema(tables: Option<TablesForm>) -> String {
    use trialnorm::export::{self, columns};
    match tables {
        None => {
            let schema = trialnorm::schema();
            let json = serde_json::to_string_pretty(&schema).expect("a schema serializes");
            format!("{json}\n")
        }
        Some(TablesForm::Markdown) => export::markdown(),
        Some(TablesForm::Sql) => (export::specs().iter())
            .map(|t| columns::create_table(t) + "\n")
            .collect(),
    }
}

/// Runs the command line; the exit code is 0 on success, 1 when any input failed and 2 for
/// usage errors.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run_parse(args),
        Command::Export(args) => export::run_export(args),
        Command::Detect(args) => parse::run_detect(args),
        Command::Compare(args) => compare::run(args),
        Command::Diff(args) => return diff::run(args),
        Command::Fetch(args) => fetch::run_fetch(args),
        Command::History(args) => history::run(args),
        Command::Schema(args) => {
            let text = schema(args.tables);
            let mut out = ClosedAware(io::stdout().lock());
            out.write_all(text.as_bytes())
                .map(|()| true)
                .map_err(Into::into)
        }
    };
    match result {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) if is_output_closed(&e) => end_on_closed_pipe(),
        Err(e) => {
            eprintln!("trialnorm: {}", message(&e));
            ExitCode::from(1)
        }
    }
}

/// An error and its causes on one line, as `{:#}` writes them, less each cause whose words the
/// line already holds: the library's errors name their cause in their own message and also
/// return it from `source()`, and `{:#}` wrote it twice (four times for nested XML errors).
fn message(error: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if line.contains(&text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&text);
    }
    line
}

/// Writes one record as a line of JSON (indented when `pretty`) with the library's one JSON
/// writer ([`trialnorm::model::json`]), so `fetch` and `history` write the bytes `parse` does.
pub(crate) fn write_record(
    out: &mut impl Write,
    trial: &trialnorm::Trial,
    pretty: bool,
) -> anyhow::Result<()> {
    let mut json = trialnorm::model::json::to_vec(trial, pretty)?;
    json.push(b'\n');
    out.write_all(&json)?;
    Ok(())
}

/// Standard output was closed by its reader (`trialnorm parse … | head`).
#[derive(Debug, thiserror::Error)]
#[error("standard output is closed")]
pub(crate) struct OutputClosed;

/// Where a command's output goes: standard output (see [`ClosedAware`]), or the file `path`
/// names, created (see [`NamedFile`]).
pub(crate) fn sink(path: Option<&std::path::Path>) -> anyhow::Result<Box<dyn Write>> {
    Ok(match path {
        Some(path) => Box::new(NamedFile {
            file: std::fs::File::create(path)
                .with_context(|| format!("cannot create {}", path.display()))?,
            path: path.to_path_buf(),
        }),
        None => Box::new(ClosedAware(io::stdout().lock())),
    })
}

/// An output file whose write errors name it ("cannot write out.jsonl: No space left on
/// device"), as every other error line names its file; the error's kind is kept.
struct NamedFile {
    file: std::fs::File,
    path: std::path::PathBuf,
}

impl NamedFile {
    fn named(&self, e: io::Error) -> io::Error {
        io::Error::new(
            e.kind(),
            format!("cannot write {}: {e}", self.path.display()),
        )
    }
}

impl Write for NamedFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf).map_err(|e| self.named(e))
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush().map_err(|e| self.named(e))
    }
}

/// Standard output as every command writes to it: a write refused because the reader closed
/// the pipe is an `io::Error` holding [`OutputClosed`], so that every `?` above it carries the
/// closing to `main`, which ends quietly.
pub(crate) struct ClosedAware<W>(pub W);

impl<W: Write> Write for ClosedAware<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0.write(buf).map_err(closed)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.0.flush().map_err(closed)
    }
}

fn closed(e: io::Error) -> io::Error {
    match e.kind() {
        io::ErrorKind::BrokenPipe => io::Error::new(io::ErrorKind::BrokenPipe, OutputClosed),
        _ => e,
    }
}

/// Whether `e` is standard output closed by its reader, as [`ClosedAware`] tells it.
pub(super) fn is_output_closed(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        (cause.downcast_ref::<io::Error>())
            .and_then(|io| io.get_ref())
            .is_some_and(|inner| inner.is::<OutputClosed>())
    })
}

/// Ends as a Unix filter does when its reader has gone: quietly, killed by `SIGPIPE` (status
/// 141 in a shell). Rust ignores `SIGPIPE`, which is how the closed pipe was seen as an error;
/// by now the files written are closed.
pub(crate) fn end_on_closed_pipe() -> ExitCode {
    #[cfg(unix)]
    // SAFETY: restores the default action of one signal and raises it, which ends the process;
    // no memory is touched.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
        libc::raise(libc::SIGPIPE);
    }
    ExitCode::from(141)
}

#[cfg(test)]
mod tests {
    use anyhow::Context;

    /// A cause the message already names is written once; one it does not name is added.
    #[test]
    fn message_names_each_cause_once() {
        let parsed = trialnorm::parse_all(
            br#"{"protocolSection":{"identificationModule":{"nctId":"NCT0"#,
            None,
        )
        .map(drop)
        .context("cut.json");
        let line = super::message(&parsed.unwrap_err());
        assert!(
            line.starts_with("cut.json: malformed ctgov-api-v2-json: EOF while parsing"),
            "{line}"
        );
        assert_eq!(line.matches("EOF while parsing").count(), 1, "{line}");
        let io = Err::<(), _>(std::io::Error::other("disk full")).context("cannot create out.csv");
        assert_eq!(
            super::message(&io.unwrap_err()),
            "cannot create out.csv: disk full"
        );
    }
}
