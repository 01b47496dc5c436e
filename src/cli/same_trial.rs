//! `trialnorm parse` over a whole batch: records are spooled to temporary files as they
//! are parsed (memory holds only each record's registry numbers and place in the spool),
//! then written in input order once the batch is read, each record of a trial found more
//! than once carrying its `same-trial-as` note, or, with `--dedupe`, one line per trial
//! (`trialnorm::dedupe`).
//!
//! Each parser thread writes the records it parses to a file of its own (a [`Part`]), so the
//! kernel's copy of the records into the page cache runs on the parser threads, side by side:
//! on the pipeline's thread it was a fifth of the process's time and capped two jobs at ~1.5×
//! one. A parser thread takes units in input order, so each part holds its records in input
//! order, and the second pass reads every part front to back.
//!
//! The second pass runs after every parser thread has finished, on one thread, so it is kept
//! to copying bytes: the parts are read in order, and a note is added to a record's compact
//! JSON by splicing it into the `warnings` array that closes the line, not by reading the
//! record back into a [`Trial`] and writing it again (which was a quarter of the batch's
//! instructions and capped two jobs at 1.3× one).

use std::cell::RefCell;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use anyhow::Context;
use trialnorm::dedupe;
use trialnorm::model::{RegistryId, Warning};
use trialnorm::words::counted;
use trialnorm::Trial;

use super::batch::{drive, BatchArgs};

/// The buffers of the spool and of the output: large enough that a record of a few kB is one
/// copy, not a system call.
const BUFFER: usize = 256 * 1024;

/// The largest serialization buffer a parser thread keeps for its next record: one huge
/// record must not keep its memory for the rest of the batch.
const KEPT_SCRATCH: usize = 1 << 20;

/// Where a record is in the spool: its part, its offset and length there, and how its
/// `warnings` end ([`warnings_end`]).
#[derive(Debug, Clone, Copy)]
struct Place {
    part: usize,
    at: u64,
    len: usize,
    end: Option<bool>,
}

/// One parser thread's file of the spool, and the buffer its records are serialized into.
struct Part {
    file: BufWriter<File>,
    /// Bytes written so far: the next record's offset.
    end: u64,
    scratch: Vec<u8>,
}

/// The files of one spool, made as parser threads first write to it, and removed when the
/// [`Spool`] that owns them is dropped (after which no new part is made: a parser thread that
/// outlived its time budget may still write).
struct Parts {
    /// Tells this spool's parts from those of an earlier spool in a thread's [`PART`].
    id: u64,
    /// The files' path up to the part number.
    stem: PathBuf,
    state: Mutex<PartsState>,
}

#[derive(Default)]
struct PartsState {
    parts: Vec<Arc<Mutex<Part>>>,
    paths: Vec<PathBuf>,
    /// Parts made before any thread asked (the first, so that a spool that cannot be made
    /// fails before the batch is read), for the next threads that ask.
    unclaimed: Vec<usize>,
    closed: bool,
}

/// Spools made so far in this process ([`Parts::id`]).
static SPOOLS: AtomicU64 = AtomicU64::new(0);

/// A part as a thread holds it: its spool's [`Parts::id`], its number, the part.
type Claimed = (u64, usize, Arc<Mutex<Part>>);

thread_local! {
    /// The part this thread writes to.
    static PART: RefCell<Option<Claimed>> = const { RefCell::new(None) };
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Parts {
    /// A spool with its first part made (unclaimed).
    fn new() -> anyhow::Result<Parts> {
        let stem = std::env::temp_dir().join(format!(
            "trialnorm-spool-{}-{}",
            std::process::id(),
            fastrand::u64(..)
        ));
        let parts = Parts {
            id: SPOOLS.fetch_add(1, Ordering::Relaxed),
            stem,
            state: Mutex::default(),
        };
        let first = parts.make(&mut lock(&parts.state))?;
        lock(&parts.state).unclaimed.push(first);
        Ok(parts)
    }

    /// Makes a part; its number.
    fn make(&self, state: &mut PartsState) -> anyhow::Result<usize> {
        anyhow::ensure!(!state.closed, "the spool is already removed");
        let n = state.parts.len();
        let mut path = self.stem.clone().into_os_string();
        path.push(format!("-{n}.jsonl"));
        let path = PathBuf::from(path);
        let file = File::create(&path)
            .with_context(|| format!("cannot create the spool file {}", path.display()))?;
        state.paths.push(path);
        state.parts.push(Arc::new(Mutex::new(Part {
            file: BufWriter::with_capacity(BUFFER, file),
            end: 0,
            scratch: Vec::new(),
        })));
        Ok(n)
    }

    /// This thread's part: claimed (or made) on its first record.
    fn claim(&self) -> anyhow::Result<Claimed> {
        let mut state = lock(&self.state);
        let n = match state.unclaimed.pop() {
            Some(n) => n,
            None => self.make(&mut state)?,
        };
        Ok((self.id, n, Arc::clone(&state.parts[n])))
    }

    /// Serializes `trial` into this thread's part (on a parser thread); where it went. A
    /// record that does not serialize is the outer error (a failed record), the spool's I/O
    /// the inner one (which stops the run).
    fn write(&self, trial: &Trial) -> Result<anyhow::Result<Place>, String> {
        PART.with_borrow_mut(|mine| {
            if !matches!(mine, Some((id, _, _)) if *id == self.id) {
                match self.claim() {
                    Ok(claimed) => *mine = Some(claimed),
                    Err(e) => return Ok(Err(e)),
                }
            }
            let (_, n, part) = mine.as_ref().expect("claimed above");
            let mut part = lock(part);
            let part = &mut *part;
            part.scratch.clear();
            trialnorm::model::json::write(&mut part.scratch, trial, false)
                .map_err(|e| format!("cannot serialize the record: {e}"))?;
            let json = &part.scratch;
            if let Err(e) = part.file.write_all(json) {
                return Ok(Err(e.into()));
            }
            let place = Place {
                part: *n,
                at: part.end,
                len: json.len(),
                end: warnings_end(json),
            };
            part.end += json.len() as u64;
            if part.scratch.capacity() > KEPT_SCRATCH {
                part.scratch = Vec::new();
            }
            Ok(Ok(place))
        })
    }

    /// Writes out what every part holds; the parts' paths.
    fn flush(&self) -> anyhow::Result<Vec<PathBuf>> {
        let state = lock(&self.state);
        for part in &state.parts {
            lock(part).file.flush()?;
        }
        Ok(state.paths.clone())
    }
}

/// The spool: the batch's records, one JSON line each, in temporary files removed when
/// dropped.
struct Spool {
    parts: Arc<Parts>,
    /// Each record's place.
    index: Vec<Place>,
    /// Each record's registry numbers.
    ids: Vec<Vec<RegistryId>>,
    /// Where each record came from (`dedupe::source_of`).
    names: Vec<String>,
}

impl Spool {
    fn new() -> anyhow::Result<Spool> {
        Ok(Spool {
            parts: Arc::new(Parts::new()?),
            index: Vec::new(),
            ids: Vec::new(),
            names: Vec::new(),
        })
    }

    fn push(&mut self, ids: Vec<RegistryId>, name: String, place: Place) {
        self.names.push(name);
        self.ids.push(ids);
        self.index.push(place);
    }
}

impl Drop for Spool {
    fn drop(&mut self) {
        let mut state = lock(&self.parts.state);
        state.closed = true;
        for path in &state.paths {
            let _ = std::fs::remove_file(path);
        }
    }
}

/// The spool's parts open for reading, each read front to back in the order its records
/// are asked for.
struct Reading {
    parts: Vec<BufReader<File>>,
    /// Where each part's reader is.
    pos: Vec<u64>,
}

impl Reading {
    fn open(paths: &[PathBuf]) -> anyhow::Result<Reading> {
        let parts = (paths.iter())
            .map(|p| Ok(BufReader::with_capacity(BUFFER, File::open(p)?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let pos = vec![0; parts.len()];
        Ok(Reading { parts, pos })
    }

    /// The reader of `place`'s part, at its record (the caller reads all of it). A part holds
    /// its records in input order, with records no outcome was kept for (a unit abandoned or
    /// failed after they were written) skipped.
    fn at(&mut self, place: &Place) -> anyhow::Result<&mut BufReader<File>> {
        let (reader, pos) = (&mut self.parts[place.part], &mut self.pos[place.part]);
        anyhow::ensure!(*pos <= place.at, "the spool is out of order");
        if *pos < place.at {
            reader.seek_relative((place.at - *pos) as i64)?;
        }
        *pos = place.at + place.len as u64;
        Ok(reader)
    }
}

/// Record `place`, as written, read at its place (for `--dedupe`, which reads a group's
/// records together); `files` are the parts.
fn read_at(files: &mut [File], place: &Place) -> anyhow::Result<Trial> {
    let file = &mut files[place.part];
    file.seek(SeekFrom::Start(place.at))?;
    let mut bytes = vec![0; place.len];
    file.read_exact(&mut bytes)?;
    Ok(serde_json::from_slice(&bytes)?)
}

/// Parses the batch into the spool, then writes it out annotated (or merged); returns
/// whether every input parsed.
pub fn run(
    batch: &BatchArgs,
    output: Option<&Path>,
    pretty: bool,
    merge: bool,
) -> anyhow::Result<bool> {
    // Created first: an output that cannot be created is said before the batch is read.
    let sink = super::sink(output)?;
    let spool = RefCell::new(Spool::new()?);
    let parts = Arc::clone(&spool.borrow().parts);
    let finished = drive(
        batch,
        move |trial| {
            let place = parts.write(&trial)?;
            let source = dedupe::source_of(&trial);
            Ok((trial.ids.registry_ids, source, place))
        },
        |(ids, source, place)| {
            spool.borrow_mut().push(ids, source, place?);
            Ok(())
        },
        || Ok(()),
    )?;
    let spool = spool.into_inner();
    finished.report_after(write_out(&spool, sink, pretty, merge))
}

/// The second pass: the spooled records written to `output` in input order, each noted with
/// its trial's other records (or merged into one line per trial).
fn write_out(spool: &Spool, sink: Box<dyn Write>, pretty: bool, merge: bool) -> anyhow::Result<()> {
    let paths = spool.parts.flush()?;
    let mut out = BufWriter::with_capacity(BUFFER, sink);
    let groups = dedupe::groups(&spool.ids);
    let plan = Plan {
        spool,
        paths: &paths,
        groups: &groups,
        pretty,
    };
    if merge {
        write_merged(&plan, &mut out)?;
    } else {
        write_noted(&plan, &mut out)?;
    }
    out.flush()?;
    Ok(())
}

/// What the second pass writes from: the spooled records, their trial groups, and how.
struct Plan<'a> {
    spool: &'a Spool,
    /// The spool's parts, written out.
    paths: &'a [PathBuf],
    groups: &'a [Vec<usize>],
    pretty: bool,
}

/// `--dedupe`: one line per trial, in the order of each trial's first record.
fn write_merged(plan: &Plan, out: &mut impl Write) -> anyhow::Result<()> {
    let (spool, groups) = (plan.spool, plan.groups);
    let pretty = plan.pretty;
    let mut files = (plan.paths.iter())
        .map(File::open)
        .collect::<io::Result<Vec<_>>>()?;
    let group_of = group_of(spool.index.len(), groups);
    for (i, group) in group_of.iter().enumerate() {
        let members = match *group {
            Some(g) if groups[g][0] != i => continue,
            Some(g) => groups[g].clone(),
            None => vec![i],
        };
        let records = (members.iter())
            .map(|&m| Ok((m + 1, read_at(&mut files, &spool.index[m])?)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        let line = to_json(&dedupe::merge(&records), pretty)?;
        out.write_all(&line)?;
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Every record in input order, those of a trial found more than once with their note: each
/// part of the spool is read once, front to back.
fn write_noted(plan: &Plan, out: &mut impl Write) -> anyhow::Result<()> {
    let (spool, groups) = (plan.spool, plan.groups);
    let pretty = plan.pretty;
    let mut reading = Reading::open(plan.paths)?;
    let group_of = group_of(spool.index.len(), groups);
    let mut notes = Notes::new(groups, &spool.ids, &spool.names);
    for (i, group) in group_of.iter().enumerate() {
        let place = &spool.index[i];
        let (len, end) = (place.len, place.end);
        let file = reading.at(place)?;
        let note = group.map(|g| notes.json(i, g));
        match (note, end) {
            (None, _) if !pretty => copy(file, len, out)?,
            (Some(note), Some(empty)) if !pretty => {
                copy(file, len - 2, out)?;
                file.read_exact(&mut [0; 2])?;
                close_warnings(empty, note, out)?;
            }
            _ => {
                let mut bytes = vec![0; len];
                file.read_exact(&mut bytes)?;
                let mut t: Trial = serde_json::from_slice(&bytes)?;
                if let Some(note) = note {
                    t.warnings.push(serde_json::from_slice(note)?);
                }
                out.write_all(&to_json(&t, pretty)?)?;
            }
        }
        out.write_all(b"\n")?;
    }
    Ok(())
}

/// Copies the next `len` bytes of `from` to `out`, straight from the read buffer.
fn copy(from: &mut impl BufRead, mut len: usize, out: &mut impl Write) -> anyhow::Result<()> {
    while len > 0 {
        let chunk = from.fill_buf()?;
        anyhow::ensure!(!chunk.is_empty(), "the spool file ended early");
        let n = chunk.len().min(len);
        out.write_all(&chunk[..n])?;
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
    Ok(trialnorm::model::json::to_vec(v, pretty)?)
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

    fn numbered(i: usize) -> Trial {
        let mut t = Trial::default();
        t.ids.nct_id = Some(format!("NCT{i:08}"));
        t
    }

    /// Records spooled by two threads, each into a part of its own, come back in input
    /// order, a record written but not kept (its unit abandoned) skipped; the parts are
    /// removed with the spool.
    #[test]
    fn parts_read_back_in_input_order() {
        let spool = Spool::new().unwrap();
        let threads: Vec<_> = (0..2)
            .map(|k| {
                let parts = Arc::clone(&spool.parts);
                std::thread::spawn(move || {
                    (0..10)
                        .filter(|i| i % 2 == k)
                        .map(|i| (i, parts.write(&numbered(i)).unwrap().unwrap()))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        let mut places: Vec<(usize, Place)> = (threads.into_iter())
            .flat_map(|t| t.join().unwrap())
            .collect();
        let part_of = |k: usize| places.iter().find(|(i, _)| i % 2 == k).unwrap().1.part;
        assert_ne!(part_of(0), part_of(1));
        assert!(places.iter().all(|(i, p)| p.part == part_of(i % 2)));
        places.sort_by_key(|&(i, _)| i);
        places.retain(|&(i, _)| i != 5);
        let paths = spool.parts.flush().unwrap();
        assert_eq!(paths.len(), 2);
        let mut reading = Reading::open(&paths).unwrap();
        for (i, place) in &places {
            let mut bytes = vec![0; place.len];
            reading.at(place).unwrap().read_exact(&mut bytes).unwrap();
            assert_eq!(
                bytes,
                serde_json::to_vec(&numbered(*i)).unwrap(),
                "record {i}"
            );
        }
        assert!(
            reading.at(&places[0].1).is_err(),
            "a part is read front to back"
        );
        drop(spool);
        assert!(paths.iter().all(|p| !p.exists()));
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
