//! `trialnorm parse` over a whole batch: records are spooled to a temporary file as they
//! are parsed (memory holds only each record's registry numbers and place in the spool),
//! then written in input order once the batch is read, each record of a trial found more
//! than once carrying its `same-trial-as` note, or, with `--dedupe`, one line per trial
//! (`trialnorm::dedupe`).
//!
//! The second pass runs after every parser thread has finished, on one thread, so it is kept
//! to copying bytes: the spool is read in order, and a note is added to a record's compact
//! JSON by splicing it into the `warnings` array that closes the line, not by reading the
//! record back into a [`Trial`] and writing it again (which was a quarter of the batch's
//! instructions and capped two jobs at 1.3× one).

use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use trialnorm::dedupe;
use trialnorm::model::{RegistryId, Warning};
use trialnorm::words::counted;
use trialnorm::Trial;

use super::batch::{drive, BatchArgs};
use super::written;

/// The buffers of the spool and of the output: large enough that a record of a few kB is one
/// copy, not a system call.
const BUFFER: usize = 256 * 1024;

/// The spool: the batch's records, one JSON line each, in a temporary file removed when
/// dropped.
struct Spool {
    path: PathBuf,
    file: BufWriter<File>,
    /// Each record's place in the file (offset, length) and how its `warnings` end
    /// ([`warnings_end`]).
    index: Vec<(u64, usize, Option<bool>)>,
    /// Each record's registry numbers.
    ids: Vec<Vec<RegistryId>>,
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
            file: BufWriter::with_capacity(BUFFER, file),
            index: Vec::new(),
            ids: Vec::new(),
            names: Vec::new(),
            end: 0,
        })
    }

    fn push(&mut self, ids: Vec<RegistryId>, name: String, json: &[u8]) -> io::Result<()> {
        self.file.write_all(json)?;
        self.names.push(name);
        self.ids.push(ids);
        self.index.push((self.end, json.len(), warnings_end(json)));
        self.end += json.len() as u64;
        Ok(())
    }

    /// Record `i` as written, read at its place (for `--dedupe`, which reads a group's
    /// records together).
    fn read(&self, file: &mut File, i: usize) -> anyhow::Result<Trial> {
        let (at, len, _) = self.index[i];
        file.seek(SeekFrom::Start(at))?;
        let mut bytes = vec![0; len];
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
    let mut out = BufWriter::with_capacity(BUFFER, sink);
    let groups = dedupe::groups(&spool.ids);
    let plan = Plan {
        spool: &spool,
        groups: &groups,
        pretty,
        to_stdout,
    };
    if merge {
        write_merged(&plan, &mut out)?;
    } else {
        write_noted(&plan, &mut out)?;
    }
    written(out.flush(), to_stdout)?;
    Ok(all_ok)
}

/// What the second pass writes from: the spooled records, their trial groups, and how.
struct Plan<'a> {
    spool: &'a Spool,
    groups: &'a [Vec<usize>],
    pretty: bool,
    /// Whether `out` is standard output (a closed pipe then ends quietly).
    to_stdout: bool,
}

/// `--dedupe`: one line per trial, in the order of each trial's first record.
fn write_merged(plan: &Plan, out: &mut impl Write) -> anyhow::Result<()> {
    let (spool, groups) = (plan.spool, plan.groups);
    let (pretty, to_stdout) = (plan.pretty, plan.to_stdout);
    let mut file = File::open(&spool.path)?;
    let group_of = group_of(spool.index.len(), groups);
    for (i, group) in group_of.iter().enumerate() {
        let members = match *group {
            Some(g) if groups[g][0] != i => continue,
            Some(g) => groups[g].clone(),
            None => vec![i],
        };
        let records = (members.iter())
            .map(|&m| Ok((m + 1, spool.read(&mut file, m)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let line = to_json(&dedupe::merge(&records), pretty)?;
        written(out.write_all(&line), to_stdout)?;
        written(out.write_all(b"\n"), to_stdout)?;
    }
    Ok(())
}

/// Every record in input order, those of a trial found more than once with their note: the
/// spool is read once, front to back.
fn write_noted(plan: &Plan, out: &mut impl Write) -> anyhow::Result<()> {
    let (spool, groups) = (plan.spool, plan.groups);
    let (pretty, to_stdout) = (plan.pretty, plan.to_stdout);
    let mut file = BufReader::with_capacity(BUFFER, File::open(&spool.path)?);
    let group_of = group_of(spool.index.len(), groups);
    let mut notes = Notes::new(groups, &spool.ids, &spool.names);
    for (i, group) in group_of.iter().enumerate() {
        let (_, len, end) = spool.index[i];
        let note = group.map(|g| notes.json(i, g));
        match (note, end) {
            (None, _) if !pretty => copy(&mut file, len, out, to_stdout)?,
            (Some(note), Some(empty)) if !pretty => {
                copy(&mut file, len - 2, out, to_stdout)?;
                file.read_exact(&mut [0; 2])?;
                written(close_warnings(empty, note, out), to_stdout)?;
            }
            _ => {
                let mut bytes = vec![0; len];
                file.read_exact(&mut bytes)?;
                let mut t: Trial = serde_json::from_slice(&bytes)?;
                if let Some(note) = note {
                    t.warnings.push(serde_json::from_slice(note)?);
                }
                written(out.write_all(&to_json(&t, pretty)?), to_stdout)?;
            }
        }
        written(out.write_all(b"\n"), to_stdout)?;
    }
    Ok(())
}

/// Copies the next `len` bytes of `from` to `out`, straight from the read buffer.
fn copy(
    from: &mut impl BufRead,
    mut len: usize,
    out: &mut impl Write,
    to_stdout: bool,
) -> anyhow::Result<()> {
    while len > 0 {
        let chunk = from.fill_buf()?;
        anyhow::ensure!(!chunk.is_empty(), "the spool file ended early");
        let n = chunk.len().min(len);
        written(out.write_all(&chunk[..n]), to_stdout)?;
        from.consume(n);
        len -= n;
    }
    Ok(())
}

/// For each record, the index of its group in `groups`, if it is in one.
fn group_of(records: usize, groups: &[Vec<usize>]) -> Vec<Option<usize>> {
    let mut group_of = vec![None; records];
    for (g, members) in groups.iter().enumerate() {
        for &m in members {
            group_of[m] = Some(g);
        }
    }
    group_of
}

/// How many other records a note names; a larger group is counted after them.
const NAMED: usize = 20;

/// The `same-trial-as` notes of a batch, as JSON. A large group's records past its first
/// [`NAMED`] + 1 all name the same others, so those with the same registry numbers share one
/// note, made once.
struct Notes<'a> {
    groups: &'a [Vec<usize>],
    ids: &'a [Vec<RegistryId>],
    /// How each group's first members are named ([`first_named`]).
    named: Vec<Vec<String>>,
    /// For each group, the note of the last record past its named members (and that record).
    tail: Vec<Option<(usize, Vec<u8>)>>,
    /// The note of a record among the named ones.
    head: Vec<u8>,
}

impl<'a> Notes<'a> {
    fn new(groups: &'a [Vec<usize>], ids: &'a [Vec<RegistryId>], names: &[String]) -> Self {
        Notes {
            groups,
            ids,
            named: groups.iter().map(|g| first_named(g, names)).collect(),
            tail: vec![None; groups.len()],
            head: Vec::new(),
        }
    }

    /// Record `i`'s note, as JSON; `g` is its group.
    fn json(&mut self, i: usize, g: usize) -> &[u8] {
        let group = &self.groups[g];
        let in_tail = group.len() > NAMED + 1 && i > group[NAMED];
        let ids = self.ids;
        let cached = matches!(&self.tail[g], Some((j, _)) if ids[*j] == ids[i]);
        if !(in_tail && cached) {
            let warning = note(i, group, &self.named[g], ids);
            let json = serde_json::to_vec(&warning).expect("a warning serializes into memory");
            if !in_tail {
                self.head = json;
                return &self.head;
            }
            self.tail[g] = Some((i, json));
        }
        &self.tail[g].as_ref().expect("a note made or kept").1
    }
}

/// How a group's first members are named in its notes (`record 3 (CTGOV, …)`): a note names
/// the first [`NAMED`] members other than its own record, so one more than that is enough.
fn first_named(group: &[usize], names: &[String]) -> Vec<String> {
    (group.iter().take(NAMED + 1))
        .map(|&m| format!("record {} {}", m + 1, names[m]))
        .collect()
}

/// Record `i`'s `same-trial-as` note: the other members of its group (the first [`NAMED`],
/// then how many more) and the numbers it shares with them. `named` is [`first_named`] of
/// the group (members in input order).
fn note(i: usize, group: &[usize], named: &[String], ids: &[Vec<RegistryId>]) -> Warning {
    let others = group.len() - 1;
    let mut listed: Vec<String> = (group.iter().zip(named))
        .filter(|(&m, _)| m != i)
        .take(NAMED)
        .map(|(_, name)| name.clone())
        .collect();
    if others > NAMED {
        listed.push(format!(
            "{} more",
            counted((others - NAMED) as u64, "record", "records")
        ));
    }
    // The note's words are `dedupe::same_trial_note`'s; it adds them to a record, so an
    // empty one lends it its warnings.
    let mut t = Trial::default();
    dedupe::same_trial_note(&mut t, &listed, &dedupe::shared(i, group, ids));
    t.warnings.pop().expect("same_trial_note adds a warning")
}

/// How a record's compact JSON ends: `warnings` is the record's last field, so its array
/// closes the line, `…,"warnings":[]}` (`Some(true)`, empty) or `…}]}` (`Some(false)`); `None`
/// for a line that does not end so, whose note is added by reading it back.
fn warnings_end(json: &[u8]) -> Option<bool> {
    if json.ends_with(b"\"warnings\":[]}") {
        Some(true)
    } else if json.ends_with(b"}]}") {
        Some(false)
    } else {
        None
    }
}

/// Writes what closes a record whose JSON was written up to the `]}` of its `warnings`, with
/// a warning (`note`, its compact JSON) added as `Trial::warnings.push` and
/// `serde_json::to_vec` would add it; `empty` says whether the array was ([`warnings_end`]).
fn close_warnings(empty: bool, note: &[u8], out: &mut impl Write) -> io::Result<()> {
    if !empty {
        out.write_all(b",")?;
    }
    out.write_all(note)?;
    out.write_all(b"]}")
}

fn to_json<T: serde::Serialize>(v: &T, pretty: bool) -> anyhow::Result<Vec<u8>> {
    Ok(if pretty {
        serde_json::to_vec_pretty(v)?
    } else {
        serde_json::to_vec(v)?
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use trialnorm::WarningCode;

    /// The splice gives the bytes of adding the warning and writing the record again, for a
    /// record with no warnings and for one with some.
    #[test]
    fn a_spliced_note_is_the_record_written_with_it() {
        let doc = std::fs::read("fixtures/ctgov-api-v2/NCT00465816.json").unwrap();
        let parsed = trialnorm::parse(&doc, None).unwrap();
        let note = Warning {
            code: WarningCode::SameTrialAs,
            message: "same trial as record 2 \"x\" (shared: CTGOV NCT00465816)".into(),
            path: Some("ids.registry_ids".into()),
        };
        let mut bare = parsed.clone();
        bare.warnings.clear();
        let mut warned = parsed;
        warned.warn(WarningCode::UnmappedEnum, "design.phases", "odd");
        for record in [bare, warned] {
            let bytes = serde_json::to_vec(&record).unwrap();
            let empty = warnings_end(&bytes).unwrap();
            assert_eq!(empty, record.warnings.is_empty());
            let mut spliced = bytes[..bytes.len() - 2].to_vec();
            close_warnings(empty, &serde_json::to_vec(&note).unwrap(), &mut spliced).unwrap();
            let mut want = record.clone();
            want.warnings.push(note.clone());
            assert_eq!(
                String::from_utf8(spliced).unwrap(),
                String::from_utf8(serde_json::to_vec(&want).unwrap()).unwrap()
            );
        }
        assert_eq!(warnings_end(b"{\"a\":[1]}"), None);
    }

    /// A note names the first twenty others of its group and counts the rest.
    #[test]
    fn a_note_names_twenty_others_and_counts_the_rest() {
        let id = RegistryId {
            registry: trialnorm::model::IdRegistry::Ctgov,
            id: "NCT00000001".into(),
        };
        let ids = vec![vec![id]; 25];
        let names: Vec<String> = (0..25).map(|i| format!("(src {i})")).collect();
        let group: Vec<usize> = (0..25).collect();
        let named = first_named(&group, &names);
        let w = note(3, &group, &named, &ids);
        let want = (0..21)
            .filter(|&m| m != 3)
            .map(|m| format!("record {} (src {m})", m + 1))
            .collect::<Vec<_>>()
            .join(", ");
        assert_eq!(
            w.message,
            format!("same trial as {want}, 4 records more (shared: CTGOV NCT00000001)")
        );
        assert_eq!(w.path.as_deref(), Some("ids.registry_ids"));
        let w = note(24, &group, &named, &ids);
        assert!(w.message.starts_with("same trial as record 1 (src 0), "));
        assert!(w.message.contains("record 20 (src 19), 4 records more"));
    }

    /// A note kept for the records past a large group's named ones is the note made afresh,
    /// also when one of them has numbers the others do not.
    #[test]
    fn kept_notes_are_the_notes_made_afresh() {
        let id = |registry, id: &str| RegistryId {
            registry,
            id: id.into(),
        };
        let nct = id(trialnorm::model::IdRegistry::Ctgov, "NCT00000001");
        let eudract = id(trialnorm::model::IdRegistry::Eudract, "2020-000001-01");
        let mut ids = vec![vec![nct.clone()]; 30];
        ids[26].push(eudract.clone());
        ids[28] = vec![eudract, nct];
        let names: Vec<String> = (0..30).map(|i| format!("(src {i})")).collect();
        let groups = dedupe::groups(&ids);
        assert_eq!(groups.len(), 1);
        let mut notes = Notes::new(&groups, &ids, &names);
        let named = first_named(&groups[0], &names);
        for i in 0..30 {
            let fresh = serde_json::to_vec(&note(i, &groups[0], &named, &ids)).unwrap();
            assert_eq!(notes.json(i, 0), &fresh[..], "record {i}");
        }
        assert!(String::from_utf8_lossy(notes.json(26, 0))
            .contains("(shared: CTGOV NCT00000001, EUDRACT 2020-000001-01)"));
    }
}
