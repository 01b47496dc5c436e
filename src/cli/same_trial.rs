//! `trialnorm parse` over a whole batch: records are spooled to a temporary file as they
//! are parsed (memory holds only each record's registry numbers and place in the spool),
//! then written in input order once the batch is read, each record of a trial found more
//! than once carrying its `same-trial-as` note, or, with `--dedupe`, one line per trial
//! (`trialnorm::dedupe`).

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use trialnorm::dedupe;
use trialnorm::model::RegistryId;
use trialnorm::words::counted;
use trialnorm::Trial;

use super::batch::{drive, BatchArgs};
use super::written;

/// The spool: the batch's records, one JSON line each, in a temporary file removed when
/// dropped.
struct Spool {
    path: PathBuf,
    file: BufWriter<File>,
    /// Each record's place in the file and its registry numbers.
    index: Vec<(u64, usize, Vec<RegistryId>)>,
    /// Where each record came from (`dedupe::source_of`).
    names: Vec<String>,
    end: u64,
}

impl Spool {
    fn new() -> anyhow::Result<Spool> {
        let path = std::env::temp_dir().join(format!(
            "trialnorm-spool-{}-{}.jsonl",
            std::process::id(),
            fastrand::u64(..)
        ));
        let file = File::create(&path)
            .with_context(|| format!("cannot create the spool file {}", path.display()))?;
        Ok(Spool {
            path,
            file: BufWriter::new(file),
            index: Vec::new(),
            names: Vec::new(),
            end: 0,
        })
    }

    fn push(&mut self, ids: Vec<RegistryId>, name: String, json: &[u8]) -> io::Result<()> {
        self.file.write_all(json)?;
        self.names.push(name);
        self.index.push((self.end, json.len(), ids));
        self.end += json.len() as u64;
        Ok(())
    }

    /// Record `i` as written.
    fn read(&self, file: &mut File, i: usize) -> anyhow::Result<Trial> {
        let (at, len, _) = &self.index[i];
        file.seek(SeekFrom::Start(*at))?;
        let mut bytes = vec![0; *len];
        file.read_exact(&mut bytes)?;
        Ok(serde_json::from_slice(&bytes)?)
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Parses the batch into the spool, then writes it out annotated (or merged); returns
/// whether every input parsed.
pub fn run(
    batch: &BatchArgs,
    output: Option<&Path>,
    pretty: bool,
    merge: bool,
) -> anyhow::Result<bool> {
    let spool = std::cell::RefCell::new(Spool::new()?);
    let all_ok = drive(
        batch,
        |trial| {
            let json = serde_json::to_vec(&trial)
                .map_err(|e| format!("cannot serialize the record: {e}"))?;
            let source = dedupe::source_of(&trial);
            Ok((trial.ids.registry_ids, source, json))
        },
        |(ids, source, json)| Ok(spool.borrow_mut().push(ids, source, &json)?),
        || Ok(()),
    )?;
    let mut spool = spool.into_inner();
    spool.file.flush()?;
    let to_stdout = output.is_none();
    let sink: Box<dyn Write> = match output {
        Some(path) => Box::new(
            File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        ),
        None => Box::new(io::stdout().lock()),
    };
    let mut out = BufWriter::with_capacity(256 * 1024, sink);
    let mut file = File::open(&spool.path)?;
    let ids: Vec<Vec<RegistryId>> = spool.index.iter().map(|(_, _, i)| i.clone()).collect();
    let groups = dedupe::groups(&ids);
    let mut group_of = vec![None; ids.len()];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = Some(g);
        }
    }
    for (i, group) in group_of.iter().enumerate() {
        let line = match (merge, *group) {
            (true, Some(g)) if groups[g][0] != i => continue,
            (true, g) => {
                let members = g.map_or(vec![i], |g| groups[g].clone());
                let records = (members.iter())
                    .map(|&m| Ok((m + 1, spool.read(&mut file, m)?)))
                    .collect::<anyhow::Result<Vec<_>>>()?;
                to_json(&dedupe::merge(&records), pretty)?
            }
            (false, Some(g)) => {
                let mut t = spool.read(&mut file, i)?;
                noted(&mut t, i, &groups[g], &ids, &spool.names);
                to_json(&t, pretty)?
            }
            (false, None) if pretty => to_json(&spool.read(&mut file, i)?, true)?,
            (false, None) => {
                let (at, len, _) = &spool.index[i];
                let mut bytes = vec![0; *len];
                file.seek(SeekFrom::Start(*at))?;
                file.read_exact(&mut bytes)?;
                bytes
            }
        };
        written(out.write_all(&line), to_stdout)?;
        written(out.write_all(b"\n"), to_stdout)?;
    }
    written(out.flush(), to_stdout)?;
    Ok(all_ok)
}

/// How many other records a note names; a larger group is counted after them.
const NAMED: usize = 20;

/// Adds record `i`'s `same-trial-as` note: the other members of its group (the first
/// [`NAMED`], then how many more) and the numbers it shares with them.
fn noted(t: &mut Trial, i: usize, group: &[usize], ids: &[Vec<RegistryId>], names: &[String]) {
    let others: Vec<usize> = group.iter().copied().filter(|&m| m != i).collect();
    let mut named: Vec<String> = (others.iter().take(NAMED))
        .map(|&m| format!("record {} {}", m + 1, names[m]))
        .collect();
    if others.len() > NAMED {
        named.push(format!(
            "{} more",
            counted((others.len() - NAMED) as u64, "record", "records")
        ));
    }
    dedupe::same_trial_note(t, &named, &dedupe::shared(i, group, ids));
}

fn to_json<T: serde::Serialize>(v: &T, pretty: bool) -> anyhow::Result<Vec<u8>> {
    Ok(if pretty {
        serde_json::to_vec_pretty(v)?
    } else {
        serde_json::to_vec(v)?
    })
}
