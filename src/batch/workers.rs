//! The threads behind the pipeline: the walker (names to sources), one reader at a time
//! (sources to units; a stalled one is retired and replaced), and the parser threads (a parse
//! over the time budget is abandoned and its thread replaced).
//!
//! Rust cannot stop a thread from outside, so an abandoned thread is left to finish on its
//! own: its result is dropped and it exits when it does. The pipeline keeps at most
//! [`MAX_STUCK`](super::pipeline::MAX_STUCK) of them before it gives up.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, Sender, SyncSender};
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::time::Instant;

use super::readers::{self, Limits};
use super::walk::{self, Source};
use super::watch::Heartbeat;
use super::{parse_unit, ErrorRecord, Outcome, Unit};
use crate::{Format, Trial};

/// What the threads tell the pipeline.
pub(super) enum Event<T> {
    /// A reader of this generation read these units, in order.
    Units { generation: u64, units: Vec<Unit> },
    /// A reader of this generation has ended (no more sources, or it was retired).
    ReaderDone { generation: u64 },
    /// A parser thread finished a unit.
    Done { seq: u64, outcomes: Vec<Outcome<T>> },
}

/// The bound on what is in flight (read but not yet handed to the sink): units and bytes. The
/// reader takes room for each unit before handing it over (waiting while there is none; one
/// unit is always let through, whatever its size) and the pipeline gives it back when the
/// unit's outcomes are written.
///
/// A reader that had to wait goes on only once half the units' room is free again, and only
/// then is it woken: with a wake-up for every unit given back, the reader and the pipeline
/// took turns a unit at a time, three thread switches a record.
pub(super) struct Room {
    state: Mutex<Held>,
    freed: Condvar,
    max_units: usize,
    max_bytes: usize,
}

#[derive(Default)]
struct Held {
    units: usize,
    bytes: usize,
    closed: bool,
    /// Readers waiting for room (a retired reader may still be one).
    waiting: usize,
}

impl Held {
    /// Whether a unit of `bytes` may be taken with at most `units` units held.
    fn fits(&self, units: usize, bytes: usize, max_bytes: usize) -> bool {
        self.units < units.max(1) && (self.units == 0 || self.bytes + bytes <= max_bytes)
    }
}

impl Room {
    pub fn new(max_units: usize, max_bytes: usize) -> Self {
        Room {
            state: Mutex::default(),
            freed: Condvar::new(),
            max_units,
            max_bytes,
        }
    }

    fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Units held at most for a waiting reader to go on.
    fn low_water(&self) -> usize {
        self.max_units.div_ceil(2)
    }

    /// Takes room for a unit of `bytes` if there is some now, without waiting.
    pub fn try_take(&self, bytes: usize) -> bool {
        let mut held = self.held();
        if held.closed || !held.fits(self.max_units, bytes, self.max_bytes) {
            return false;
        }
        held.units += 1;
        held.bytes += bytes;
        true
    }

    /// Waits for room for a unit of `bytes`; `false` once closed.
    pub fn take(&self, bytes: usize) -> bool {
        let mut held = self.held();
        if !held.closed && !held.fits(self.max_units, bytes, self.max_bytes) {
            held.waiting += 1;
            while !held.closed && !held.fits(self.low_water(), bytes, self.max_bytes) {
                held = self.freed.wait(held).unwrap_or_else(|e| e.into_inner());
            }
            held.waiting -= 1;
        }
        if held.closed {
            return false;
        }
        held.units += 1;
        held.bytes += bytes;
        true
    }

    /// Gives back the room of a unit of `bytes`.
    pub fn give(&self, bytes: usize) {
        let mut held = self.held();
        held.units = held.units.saturating_sub(1);
        held.bytes = held.bytes.saturating_sub(bytes);
        if held.waiting > 0 && held.units < self.low_water() {
            self.freed.notify_all();
        }
    }

    /// Lets every waiting reader go (with `false`): the pipeline is stopping.
    pub fn close(&self) {
        self.held().closed = true;
        self.freed.notify_all();
    }
}

/// The bytes a unit holds.
pub(super) fn size(unit: &Unit) -> usize {
    unit.bytes.as_ref().map_or(0, Vec::len)
}

/// Starts the walker: every source of `names`, in order, into a bounded channel.
pub(super) fn spawn_walker(names: Vec<String>, sources: SyncSender<Source>) -> std::io::Result<()> {
    std::thread::Builder::new()
        .name("trialnorm-walk".into())
        .spawn(move || walk::for_each_source(&names, &mut |s| sources.send(s).is_ok()))
        .map(drop)
}

/// What a reader thread needs.
pub(super) struct ReaderParts<T> {
    pub sources: Arc<Mutex<Receiver<Source>>>,
    pub events: Sender<Event<T>>,
    pub room: Arc<Room>,
    pub limits: Limits,
}

/// Units a reader hands over together at most, and the bytes past which it hands them over.
/// Units travel together only while the next one is already in memory, so none waits on a
/// read: a JSON Lines file gives a read buffer's lines at a time, one message for them instead
/// of one a line (each message woke the pipeline's thread: a thread switch a record).
const BATCH_UNITS: usize = 16;
const BATCH_BYTES: usize = 64 * 1024;

/// Starts reader `generation`: it takes sources until there are none (or it is retired),
/// sending the units as events.
pub(super) fn spawn_reader<T: Send + 'static>(
    generation: u64,
    beat: Arc<Heartbeat>,
    parts: &ReaderParts<T>,
) -> std::io::Result<()> {
    let (sources, events, room, limits) = (
        Arc::clone(&parts.sources),
        parts.events.clone(),
        Arc::clone(&parts.room),
        parts.limits,
    );
    std::thread::Builder::new()
        .name(format!("trialnorm-read-{generation}"))
        .spawn(move || {
            let hand = Hand {
                generation,
                room: &room,
                events: &events,
                beat: &beat,
            };
            let mut batch = Vec::new();
            let mut bytes = 0;
            loop {
                beat.pause();
                let next = sources.lock().unwrap_or_else(|e| e.into_inner()).recv();
                let Ok(source) = next else { break };
                let mut emit = |unit: Unit, ahead: bool| {
                    bytes += size(&unit);
                    batch.push(unit);
                    if ahead && batch.len() < BATCH_UNITS && bytes < BATCH_BYTES {
                        return true;
                    }
                    bytes = 0;
                    hand.over(&mut batch)
                };
                let keep_going = readers::read_source_ahead(source, &limits, &beat, &mut emit);
                // A unit said more were in memory, then the source ended: none is left behind.
                if !(hand.over(&mut batch) && keep_going) {
                    break;
                }
            }
            let _ = events.send(Event::ReaderDone { generation });
        })
        .map(drop)
}

/// What a reader hands its units over with.
struct Hand<'a, T> {
    generation: u64,
    room: &'a Room,
    events: &'a Sender<Event<T>>,
    beat: &'a Heartbeat,
}

impl<T> Hand<'_, T> {
    /// Takes room for each unit of `batch` and sends them on, together as far as room allows
    /// (those that have room are sent before waiting for more); `false` once the pipeline has
    /// gone or the reader is retired.
    fn over(&self, batch: &mut Vec<Unit>) -> bool {
        let mut ready = Vec::with_capacity(batch.len());
        for unit in batch.drain(..) {
            let bytes = size(&unit);
            if self.room.try_take(bytes) {
                ready.push(unit);
                continue;
            }
            if !(ready.is_empty() || self.send(std::mem::take(&mut ready))) {
                return false;
            }
            // Waiting for room is not a stall.
            self.beat.pause();
            if !self.room.take(bytes) {
                return false;
            }
            ready.push(unit);
            if !self.beat.resume() {
                // Retired meanwhile: what took room is handed over (the pipeline gives it
                // back), and the reader stops.
                self.send(ready);
                return false;
            }
        }
        ready.is_empty() || self.send(ready)
    }

    fn send(&self, units: Vec<Unit>) -> bool {
        let generation = self.generation;
        self.events.send(Event::Units { generation, units }).is_ok()
    }
}

/// A unit handed to a parser thread: `Running`, then `Finished` by the thread or `Abandoned`
/// by the pipeline, whichever comes first.
pub(super) struct Job {
    pub started: OnceLock<Instant>,
    state: AtomicU8,
}

const RUNNING: u8 = 0;
const FINISHED: u8 = 1;
const ABANDONED: u8 = 2;

impl Job {
    pub fn new() -> Arc<Self> {
        Arc::new(Job {
            started: OnceLock::new(),
            state: AtomicU8::new(RUNNING),
        })
    }

    /// Marks the job abandoned, unless its thread has just finished it.
    pub fn abandon(&self) -> bool {
        self.state
            .compare_exchange(RUNNING, ABANDONED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }

    fn finish(&self) -> bool {
        self.state
            .compare_exchange(RUNNING, FINISHED, Ordering::AcqRel, Ordering::Acquire)
            .is_ok()
    }
}

/// Converts a parsed trial on the parser thread.
pub(super) type Convert<T> = Arc<dyn Fn(Trial) -> Result<T, String> + Send + Sync>;

/// A unit to parse: its sequence number, the unit, and its state.
pub(super) type Work = (u64, Unit, Arc<Job>);

/// What a parser thread needs.
pub(super) struct ParserParts<T> {
    pub jobs: Arc<Mutex<Receiver<Work>>>,
    pub events: Sender<Event<T>>,
    pub format: Option<Format>,
    pub convert: Convert<T>,
}

/// Starts a parser thread: it parses jobs until there are none, and ends after a job the
/// pipeline abandoned (a replacement has taken its place by then).
pub(super) fn spawn_parser<T: Send + 'static>(
    n: usize,
    parts: &ParserParts<T>,
) -> std::io::Result<()> {
    let (jobs, events, format, convert) = (
        Arc::clone(&parts.jobs),
        parts.events.clone(),
        parts.format,
        Arc::clone(&parts.convert),
    );
    std::thread::Builder::new()
        .name(format!("trialnorm-parse-{n}"))
        .spawn(move || loop {
            let next = jobs.lock().unwrap_or_else(|e| e.into_inner()).recv();
            let Ok((seq, unit, job)) = next else { return };
            let _ = job.started.set(Instant::now());
            let outcomes = guarded(unit, format, &*convert);
            let finished = job.finish();
            let _ = events.send(Event::Done { seq, outcomes });
            if !finished {
                return;
            }
        })
        .map(drop)
}

/// [`parse_unit`], with a parser panic turned into an error entry: one bad record must not
/// take down a batch of half a million.
pub(super) fn guarded<T>(
    unit: Unit,
    format: Option<Format>,
    convert: &(dyn Fn(Trial) -> Result<T, String> + Sync),
) -> Vec<Outcome<T>> {
    let (input, position) = (unit.input.clone(), unit.position.clone());
    catch_unwind(AssertUnwindSafe(|| parse_unit(unit, format, convert))).unwrap_or_else(|panic| {
        let message = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        vec![Outcome::Failed(ErrorRecord {
            input,
            position,
            format,
            reason: format!("internal error: the parser panicked: {message}"),
            at: None,
        })]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A reader that had to wait for room goes on only once half the units are given back,
    /// never past the window; one unit is always let through, whatever its size.
    #[test]
    fn a_waiting_reader_goes_on_at_half_the_window() {
        let room = Arc::new(Room::new(4, 100));
        assert!(room.take(1000), "one unit is always let through");
        room.give(1000);
        for _ in 0..4 {
            assert!(room.take(1));
        }
        let waiter = {
            let room = Arc::clone(&room);
            std::thread::spawn(move || room.take(1))
        };
        while room.held().waiting == 0 {
            std::thread::yield_now();
        }
        room.give(1);
        room.give(1);
        // Two of four held: not below half, so the reader still waits, whatever wakes it.
        let held = room.held();
        assert_eq!((held.units, held.waiting), (2, 1));
        drop(held);
        room.give(1);
        assert!(waiter.join().unwrap());
        assert_eq!(room.held().units, 2);
        room.close();
        assert!(!room.take(1));
    }
}
