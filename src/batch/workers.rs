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
    /// A parser thread finished a unit the pipeline had abandoned (its outcomes are dropped).
    Done { seq: u64, outcomes: Vec<Outcome<T>> },
    /// Outcomes wait in the [`Outbox`]: enough of them, or a parser thread has run out of
    /// work.
    Ready,
}

/// The bound on what is in flight (read but not yet handed to the sink): units and bytes. The
/// reader takes room for each unit before handing it over (waiting while there is none; one
/// unit is always let through, whatever its size) and the pipeline gives it back when the
/// unit's outcomes are written. Beyond it: the batch the reader gathers before taking room
/// (at most 16 units or 64 kB, and the unit after them).
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

    /// Takes room for as many of the next units (their sizes, in order) as there is room
    /// for now, without waiting; how many. One lock for a reader's batch, not one a unit
    /// (the pipeline's thread gives room back under the same lock).
    pub fn try_take_many(&self, sizes: impl Iterator<Item = usize>) -> usize {
        let mut held = self.held();
        let mut taken = 0;
        for bytes in sizes {
            if held.closed || !held.fits(self.max_units, bytes, self.max_bytes) {
                break;
            }
            held.units += 1;
            held.bytes += bytes;
            taken += 1;
        }
        taken
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

    /// Gives back the room of `units` units of `bytes` in all.
    pub fn give(&self, units: usize, bytes: usize) {
        let mut held = self.held();
        held.units = held.units.saturating_sub(units);
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
        let mut units = batch.drain(..);
        loop {
            let fit = self.room.try_take_many(units.as_slice().iter().map(size));
            ready.extend(units.by_ref().take(fit));
            let Some(unit) = units.next() else { break };
            let bytes = size(&unit);
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
    /// When its thread started it, and the unit's input and position (for the error entry
    /// should it be abandoned: named by the parser thread, not by the pipeline's thread that
    /// every unit passes through).
    pub started: OnceLock<(Instant, (String, Option<String>))>,
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
    pub outbox: Arc<Outbox<T>>,
    pub format: Option<Format>,
    pub convert: Convert<T>,
}

/// The outcomes parser threads have finished, until the pipeline takes them. A message for
/// each unit woke the pipeline's thread once a record (and the waking thread often gave up its
/// core to it); outcomes are left here instead, and the pipeline is woken ([`Event::Ready`])
/// once `wake_at` wait or a parser thread runs out of work. It also looks whenever it is
/// woken for anything else, and at least every 50 ms while units are being parsed, so an
/// outcome waits no longer than the output's own flush.
pub(super) struct Outbox<T> {
    done: Mutex<Vec<(u64, Vec<Outcome<T>>)>>,
    wake_at: usize,
}

impl<T> Outbox<T> {
    pub fn new(wake_at: usize) -> Self {
        Outbox {
            done: Mutex::new(Vec::new()),
            wake_at: wake_at.max(1),
        }
    }

    fn done(&self) -> std::sync::MutexGuard<'_, Vec<(u64, Vec<Outcome<T>>)>> {
        self.done.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Leaves a unit's outcomes; whether the pipeline should be woken for them.
    fn put(&self, seq: u64, outcomes: Vec<Outcome<T>>) -> bool {
        let mut done = self.done();
        done.push((seq, outcomes));
        done.len() == self.wake_at
    }

    /// Whether any outcomes wait.
    fn any(&self) -> bool {
        !self.done().is_empty()
    }

    /// Every outcome waiting, by unit.
    pub fn take(&self) -> Vec<(u64, Vec<Outcome<T>>)> {
        std::mem::take(&mut *self.done())
    }
}

/// Starts a parser thread: it parses jobs until there are none, and ends after a job the
/// pipeline abandoned (a replacement has taken its place by then).
pub(super) fn spawn_parser<T: Send + 'static>(
    n: usize,
    parts: &ParserParts<T>,
) -> std::io::Result<()> {
    let (jobs, events, outbox, format, convert) = (
        Arc::clone(&parts.jobs),
        parts.events.clone(),
        Arc::clone(&parts.outbox),
        parts.format,
        Arc::clone(&parts.convert),
    );
    std::thread::Builder::new()
        .name(format!("trialnorm-parse-{n}"))
        .spawn(move || loop {
            // Out of work (none queued, or another parser thread already waits for the next
            // job): the pipeline is woken to take what is done before this thread waits.
            let idle = || {
                if outbox.any() {
                    let _ = events.send(Event::Ready);
                }
            };
            let next = match jobs.try_lock() {
                Ok(jobs) => jobs.try_recv().or_else(|_| {
                    idle();
                    jobs.recv()
                }),
                Err(_) => {
                    idle();
                    let jobs = jobs.lock().unwrap_or_else(|e| e.into_inner());
                    jobs.recv()
                }
            };
            let Ok((seq, unit, job)) = next else { return };
            let name = (unit.input.clone(), unit.position.clone());
            let _ = job.started.set((Instant::now(), name));
            let outcomes = guarded(unit, format, &*convert);
            if !job.finish() {
                let _ = events.send(Event::Done { seq, outcomes });
                return;
            }
            if outbox.put(seq, outcomes) {
                let _ = events.send(Event::Ready);
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
        room.give(1, 1000);
        for _ in 0..4 {
            assert!(room.take(1));
        }
        assert_eq!(
            room.try_take_many([1, 1].into_iter()),
            0,
            "the window is full"
        );
        let waiter = {
            let room = Arc::clone(&room);
            std::thread::spawn(move || room.take(1))
        };
        while room.held().waiting == 0 {
            std::thread::yield_now();
        }
        room.give(1, 1);
        room.give(1, 1);
        // Two of four held: not below half, so the reader still waits, whatever wakes it.
        let held = room.held();
        assert_eq!((held.units, held.waiting), (2, 1));
        drop(held);
        room.give(1, 1);
        assert!(waiter.join().unwrap());
        assert_eq!(room.held().units, 2);
        room.close();
        assert!(!room.take(1));
    }

    /// The pipeline is asked for once as many outcomes as asked wait, not for each one.
    #[test]
    fn the_outbox_asks_for_the_pipeline_once_enough_wait() {
        let outbox = Outbox::<()>::new(3);
        assert!(!outbox.any());
        assert!(!outbox.put(0, vec![]));
        assert!(!outbox.put(1, vec![]));
        assert!(outbox.put(2, vec![]));
        assert!(!outbox.put(3, vec![]), "once per filling");
        let seqs: Vec<u64> = outbox.take().into_iter().map(|(s, _)| s).collect();
        assert_eq!(seqs, [0, 1, 2, 3]);
        assert!(!outbox.any());
        assert!(!outbox.put(4, vec![]));
    }
}
