//! `trialnorm fetch`: studies from the ClinicalTrials.gov API v2, by id or by search, and
//! trials of the ISRCTN registry and CTIS by their ids.

use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, IsTerminal, Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use clap::{ArgGroup, Args};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use trialnorm::fetch::{self, Client, Config, Event, RawStudy, RetryPolicy, Search};
use trialnorm::Format;

use super::write_record;

/// Arguments of `trialnorm fetch`.
#[derive(Args)]
#[command(group(ArgGroup::new("what").required(true).multiple(true)
    .args(["nct_ids", "ids_file", "query", "condition", "status"])))]
#[command(group(ArgGroup::new("search").multiple(true)
    .args(["query", "condition", "status"])))]
pub struct FetchArgs {
    /// Study ids to fetch: ClinicalTrials.gov's (`NCT` and 8 digits), the ISRCTN
    /// registry's (`ISRCTN` and 8 digits) or CTIS's EU CT numbers (`2023-507385-11-00`),
    /// told apart by their form.
    /// An id of none of these forms is a usage error (exit 2), before anything is fetched.
    #[arg(value_name = "ID", conflicts_with = "search", value_parser = study_id_arg)]
    nct_ids: Vec<String>,
    /// Read study ids from this file (`-`: standard input), one per line or separated by
    /// spaces or commas; `#` starts a comment.
    #[arg(long = "ids", value_name = "FILE", conflicts_with = "search")]
    ids_file: Option<String>,
    /// Search: free text over the whole record (the API's `query.term`).
    #[arg(long, value_name = "TEXT")]
    query: Option<String>,
    /// Search: a condition or disease (`query.cond`).
    #[arg(long, value_name = "CONDITION")]
    condition: Option<String>,
    /// Search: keep studies with this overall status, e.g. RECRUITING (`filter.overallStatus`;
    /// repeat or separate with commas for several).
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    status: Vec<String>,
    /// Search: stop after this many studies.
    #[arg(long, value_name = "N", requires = "search")]
    max: Option<usize>,
    /// Search: studies per page (the API allows 1 to 1000).
    #[arg(long, value_name = "N", default_value_t = fetch::search::MAX_PAGE_SIZE,
          value_parser = clap::value_parser!(u32).range(1..=1000))]
    page_size: u32,
    /// Write each registry's own answer (the ClinicalTrials.gov API's study JSON, ISRCTN's
    /// XML, CTIS's trial JSON), one study per line, instead of normalized records (to archive
    /// a download and parse it later with `trialnorm parse`).
    #[arg(long)]
    raw: bool,
    /// Indent the normalized JSON (one record per block instead of per line).
    #[arg(long, conflicts_with = "raw")]
    pretty: bool,
    /// Write the records to this file instead of standard output.
    #[arg(long, short)]
    output: Option<PathBuf>,
    #[command(flatten)]
    net: NetworkArgs,
    #[command(flatten)]
    registries: RegistryBases,
}

/// Where the other registries' APIs are (only `fetch` reads ISRCTN ids and EU CT numbers;
/// `history` takes NCT ids, so does not offer these).
#[derive(Args)]
pub struct RegistryBases {
    /// The ISRCTN registry API's base URL (for ISRCTN ids).
    #[arg(long, value_name = "URL", env = "TRIALNORM_ISRCTN_BASE",
          default_value = fetch::isrctn::DEFAULT_ISRCTN_BASE)]
    isrctn_base: String,
    /// The CTIS public API's base URL (for EU CT numbers).
    #[arg(long, value_name = "URL", env = "TRIALNORM_CTIS_BASE",
          default_value = fetch::ctis::DEFAULT_CTIS_BASE)]
    ctis_base: String,
}

/// Where the API is and how to talk to it (shared by `fetch` and `history`).
#[derive(Args)]
pub struct NetworkArgs {
    /// The API's base URL.
    #[arg(long, value_name = "URL", env = "TRIALNORM_API_BASE",
          default_value = fetch::DEFAULT_API_BASE)]
    api_base: String,
    /// Requests per second at most, retries included (0: no limit).
    #[arg(long, value_name = "PER_SECOND", default_value_t = 0.8)]
    rate: f64,
    /// How many times a failed request is tried again.
    #[arg(long, value_name = "N", default_value_t = 5)]
    retries: u32,
    /// Seconds to wait for a connection, and for each read from the server.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    timeout: f64,
    /// Seconds to wait before the first retry; each later retry waits twice as long, with
    /// jitter.
    #[arg(long, value_name = "SECONDS", default_value_t = 0.5, value_parser = seconds)]
    backoff: f64,
    /// The longest wait between two attempts, in seconds (a server's Retry-After is honoured
    /// up to 300 seconds).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = seconds)]
    max_backoff: f64,
}

fn seconds(s: &str) -> Result<f64, String> {
    match s.parse::<f64>() {
        Ok(v) if (0.0..1e9).contains(&v) => Ok(v),
        _ => Err(format!("{s:?} is not a number of seconds")),
    }
}

impl NetworkArgs {
    fn config(&self, registries: Option<&RegistryBases>) -> Config {
        let timeout = Duration::from_secs_f64(self.timeout);
        let defaults = Config::default();
        Config {
            api_base: self.api_base.clone(),
            isrctn_base: registries.map_or(defaults.isrctn_base, |r| r.isrctn_base.clone()),
            ctis_base: registries.map_or(defaults.ctis_base, |r| r.ctis_base.clone()),
            connect_timeout: timeout,
            read_timeout: timeout,
            rate: self.rate,
            retry: RetryPolicy {
                retries: self.retries,
                base: Duration::from_secs_f64(self.backoff),
                max: Duration::from_secs_f64(self.max_backoff),
                ..RetryPolicy::default()
            },
            ..defaults
        }
    }

    /// A client for these settings that reports each retry above `progress` (and counts
    /// them in its message).
    /// `registries`: the other registries' API bases, where the command reads their ids.
    pub fn client(
        &self,
        progress: &ProgressBar,
        registries: Option<&RegistryBases>,
    ) -> anyhow::Result<Client> {
        let progress = progress.clone();
        let retries = Arc::new(AtomicU64::new(0));
        Ok(
            Client::new(self.config(registries))?.with_observer(move |event| {
                if let Event::Retry {
                    what,
                    retry,
                    of,
                    wait,
                    reason,
                } = event
                {
                    let n = retries.fetch_add(1, Ordering::Relaxed) + 1;
                    progress.set_message(format!("({n} retries)"));
                    progress.println(format!(
                        "{what}: {reason}; retry {retry}/{of} in {:.1}s",
                        wait.as_secs_f64()
                    ));
                }
            }),
        )
    }
}

/// A progress bar on standard error when it is a terminal (hidden otherwise), drawn with
/// `template`.
pub fn progress_bar(template: &str) -> ProgressBar {
    let progress = if io::stderr().is_terminal() {
        ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(ProgressStyle::with_template(template).expect("a valid template"));
    progress.enable_steady_tick(Duration::from_millis(200));
    progress
}

/// Standard output (whose closing by its reader ends the command quietly, see
/// [`ClosedAware`]), or the file `path` names (created).
pub fn output(path: Option<&PathBuf>) -> anyhow::Result<BufWriter<Box<dyn Write>>> {
    Ok(BufWriter::new(super::sink(path.map(PathBuf::as_path))?))
}

impl FetchArgs {
    fn search(&self) -> Option<Search> {
        if self.query.is_none() && self.condition.is_none() && self.status.is_empty() {
            return None;
        }
        Some(Search {
            term: self.query.clone(),
            condition: self.condition.clone(),
            // `recruiting` or `active, not recruiting` as the API spells them.
            statuses: self
                .status
                .iter()
                .map(|s| s.trim().to_ascii_uppercase().replace([' ', '-'], "_"))
                .filter(|s| !s.is_empty())
                .collect(),
            page_size: self.page_size,
            max: self.max,
        })
    }

    /// The ids asked for, positional ones first, in order.
    fn ids(&self) -> anyhow::Result<Vec<String>> {
        let mut ids = self.nct_ids.clone();
        if let Some(name) = &self.ids_file {
            let mut text = String::new();
            if name == "-" {
                io::stdin().lock().read_to_string(&mut text)
            } else {
                File::open(name).and_then(|mut f| f.read_to_string(&mut text))
            }
            .with_context(|| format!("cannot read ids from {name}"))?;
            for line in text.lines() {
                let line = line.split('#').next().unwrap_or_default();
                ids.extend(
                    line.split(|c: char| c == ',' || c.is_whitespace())
                        .filter(|s| !s.is_empty())
                        .map(str::to_string),
                );
            }
        }
        Ok(ids)
    }
}

/// Checks a study id given on the command line: one of the forms `fetch` takes, or why not.
fn study_id_arg(text: &str) -> Result<String, String> {
    if fetch::nct_id(text).is_ok()
        || fetch::isrctn::isrctn(text).is_ok()
        || fetch::ctis::eu_ct_number(text).is_ok()
    {
        Ok(text.to_string())
    } else {
        Err(not_a_study_id(text))
    }
}

/// Why `text` is not a study id `fetch` takes: the form it seems meant as, or every form.
fn not_a_study_id(text: &str) -> String {
    let upper = text.trim().to_ascii_uppercase();
    if upper.starts_with("NCT") {
        fetch::nct_id(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    } else if upper.starts_with("ISRCTN") {
        fetch::isrctn::isrctn(text)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    } else {
        "not a study id: expected an NCT id (NCT and 8 digits), an ISRCTN (ISRCTN and 8 \
         digits) or an EU CT number (such as 2023-507385-11-00)"
            .to_string()
    }
}

/// Where records go, and how they are written.
struct Sink {
    out: BufWriter<Box<dyn Write>>,
    raw: bool,
    pretty: bool,
    progress: ProgressBar,
    all_ok: bool,
}

impl Sink {
    /// Writes one study; a study that does not parse is an error for it alone.
    fn write(&mut self, study: &RawStudy) -> anyhow::Result<()> {
        if self.raw {
            self.out.write_all(study.json.as_bytes())?;
            self.out.write_all(b"\n")?;
        } else {
            match trialnorm::parse(study.json.as_bytes(), Some(Format::CtgovApiV2Json)) {
                Ok(trial) => write_record(&mut self.out, &trial, self.pretty)?,
                Err(e) => self.fail(&study.nct_id, &e),
            }
        }
        self.progress.inc(1);
        Ok(())
    }

    /// Reports a failure on one line of standard error.
    fn fail(&mut self, what: &str, e: &dyn std::fmt::Display) {
        self.progress
            .suspend(|| eprintln!("trialnorm: {what}: {e}"));
        self.all_ok = false;
    }
}

/// Fetches the studies asked for, writing each as it comes; returns whether all succeeded.
pub fn run_fetch(args: FetchArgs) -> anyhow::Result<bool> {
    let progress = progress_bar("{spinner} {prefix} studies: {pos}/{len} {msg} [{elapsed}]");
    let client = args.net.client(&progress, Some(&args.registries))?;
    let mut sink = Sink {
        out: output(args.output.as_ref())?,
        raw: args.raw,
        pretty: args.pretty,
        progress: progress.clone(),
        all_ok: true,
    };
    match args.search() {
        Some(search) => fetch_search(&client, search, &mut sink)?,
        None => fetch_ids(&client, &args.ids()?, &mut sink)?,
    }
    sink.out.flush()?;
    progress.finish_and_clear();
    Ok(sink.all_ok)
}

fn fetch_ids(client: &Client, ids: &[String], sink: &mut Sink) -> anyhow::Result<()> {
    sink.progress.set_length(ids.len() as u64);
    let mut asked = HashSet::new();
    let mut written = HashSet::new();
    for given in ids {
        if let Ok(id) = fetch::isrctn::isrctn(given) {
            let get = |c: &Client| c.isrctn(&id).map(|r| r.xml);
            fetch_registry(client, &id, Format::IsrctnXml, get, &mut asked, sink)?;
            continue;
        }
        if let Ok(id) = fetch::ctis::eu_ct_number(given) {
            let get = |c: &Client| c.ctis(&id).map(|r| r.json);
            fetch_registry(client, &id, Format::CtisJson, get, &mut asked, sink)?;
            continue;
        }
        let Ok(id) = fetch::nct_id(given) else {
            // Only ids read from a file get here: the command line's were checked.
            sink.fail(given, &not_a_study_id(given));
            continue;
        };
        // The same id twice is fetched and written once.
        if !asked.insert(id.clone()) {
            sink.progress.dec_length(1);
            continue;
        }
        match client.study(&id) {
            // An alias is served as its study, which may already be written.
            Ok(study) if !written.insert(study.nct_id.clone()) => sink.progress.inc(1),
            Ok(study) => {
                sink.write(&study)?;
                sink.out.flush()?;
            }
            Err(e) => {
                sink.progress.inc(1);
                sink.fail(&id, &e);
            }
        }
    }
    Ok(())
}

/// Fetches one trial of another registry by its id (each id once) with `get`, writing its
/// record (the answer's record of that id), or with `--raw` the registry's answer on one
/// line.
fn fetch_registry(
    client: &Client,
    id: &str,
    format: Format,
    get: impl FnOnce(&Client) -> Result<String, fetch::FetchError>,
    asked: &mut HashSet<String>,
    sink: &mut Sink,
) -> anyhow::Result<()> {
    if !asked.insert(id.to_string()) {
        sink.progress.dec_length(1);
        return Ok(());
    }
    sink.progress.inc(1);
    let raw = match get(client) {
        Ok(raw) => raw,
        Err(e) => {
            sink.fail(id, &e);
            return Ok(());
        }
    };
    if sink.raw {
        sink.out.write_all(raw.trim_end().as_bytes())?;
        sink.out.write_all(b"\n")?;
    } else {
        let records = trialnorm::parse_all(raw.as_bytes(), Some(format))?;
        let own = |t: &trialnorm::Trial| t.ids.registry_ids.first().is_some_and(|r| r.id == id);
        for trial in records.into_iter().flatten().filter(own) {
            write_record(&mut sink.out, &trial, sink.pretty)?;
        }
    }
    sink.out.flush()?;
    Ok(())
}

fn fetch_search(client: &Client, search: Search, sink: &mut Sink) -> anyhow::Result<()> {
    let max = search.max;
    let mut pages = client.search(search);
    while let Some(page) = pages.next() {
        match page {
            Ok(studies) => {
                if let Some(total) = pages.total() {
                    let len = max.map_or(total, |m| total.min(m as u64));
                    sink.progress.set_length(len);
                }
                sink.progress.set_prefix(format!("page {}", pages.pages()));
                for study in &studies {
                    sink.write(study)?;
                }
                sink.out.flush()?;
            }
            Err(e) => {
                let what = format!("search page {}", pages.pages() + 1);
                sink.fail(&what, &e);
            }
        }
    }
    Ok(())
}
