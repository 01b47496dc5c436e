//! The ordered pipeline: a walker thread expands the names, a reader thread turns sources
//! into units, parser threads parse them, and this thread hands the outcomes to the caller's
//! sink in input order.
//!
//! Bounds:
//! - Memory: at most `128 × jobs` units, and at most `8 MiB × jobs` of their bytes (or
//!   `max_unit_bytes`, when smaller; one unit is always let through, whatever its size), are
//!   in flight between the reader and the sink; the reader holds one unit more while it waits
//!   for room, plus a nested zip archive per level it is inside (each at most
//!   `max_unit_bytes`).
//! - Time: a read that makes no progress for `unit_timeout`, or a parse that runs longer, is
//!   abandoned and becomes an error entry in its place, so the ordered output moves on. The
//!   abandoned thread is left to finish on its own (Rust cannot stop a thread); after
//!   [`MAX_STUCK`] such threads are alive at once the run stops with an error.
//! - Output: outcomes are handed over as soon as every earlier one is and the pipeline has
//!   taken them from the parser threads (within 50 ms; see `workers::Outbox`), and the sink is
//!   told when the pipeline waits ([`Sink::idle`], at most every 50 ms) so it can flush: a
//!   stuck unit never holds back records parsed before it.

use std::collections::VecDeque;
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use super::readers::Limits;
use super::watch::Heartbeat;
use super::workers::{self, Event, Job, Outbox, ParserParts, ReaderParts, Room, Work};
use super::{ErrorRecord, Outcome};
use crate::{Format, Trial};

/// The default time budget of one unit (see [`Options::unit_timeout`]).
pub const DEFAULT_UNIT_TIMEOUT: Duration = Duration::from_secs(300);

/// Threads abandoned past their time budget that may still be running before the run stops.
pub const MAX_STUCK: usize = 16;

/// How often, at most, the sink is told to flush while the pipeline waits.
const FLUSH_EVERY: Duration = Duration::from_millis(50);

/// Sources the walker may find ahead of the reader.
const SOURCES_AHEAD: usize = 64;

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct Options {
    /// Parser threads (at least 1).
    pub jobs: usize,
    /// Read every input as this format instead of detecting it.
    pub format: Option<Format>,
    /// What one reader may hold and open.
    pub limits: Limits,
    /// The time budget of one unit: a read that makes no progress for this long, or a parse
    /// that runs this long, is abandoned and reported as an error entry.
    pub unit_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            jobs: 1,
            format: None,
            limits: Limits::default(),
            unit_timeout: DEFAULT_UNIT_TIMEOUT,
        }
    }
}

impl Options {
    /// Units in flight: enough to keep every thread busy while a slow one finishes, and to
    /// hand records over in batches. With 16 units a job, the parser threads woke the
    /// pipeline's thread every 4 records (an interrupt to the other core, a thread switch): on
    /// the API v2 bench, 128 units a job made 1 job 20 % faster and 2 jobs 15 %.
    fn window(&self) -> usize {
        self.jobs.max(1) * 128
    }

    /// Bytes of units in flight: a whole window of 50 kB API v2 records, while units of 100 kB
    /// and more (the legacy XML) are held to 8 MiB a job, not a window's worth.
    fn window_bytes(&self) -> usize {
        (self.jobs.max(1) * (8 << 20)).min(self.limits.max_unit_bytes)
    }
}

/// Where the outcomes go, in input order.
pub trait Sink<T> {
    /// Takes the next outcome; an error stops the run.
    fn outcome(&mut self, outcome: Outcome<T>) -> anyhow::Result<()>;
    /// The pipeline is waiting: a moment to flush what was written.
    fn idle(&mut self) -> anyhow::Result<()> {
        Ok(())
    }
}

impl<T, F: FnMut(Outcome<T>) -> anyhow::Result<()>> Sink<T> for F {
    fn outcome(&mut self, outcome: Outcome<T>) -> anyhow::Result<()> {
        self(outcome)
    }
}

/// Reads every input named in `inputs`, parses each record on `options.jobs` threads,
/// converts each parsed [`Trial`] with `convert` (on the parser thread) and hands every
/// outcome to `sink` in input order. Stops at the first error from `sink`, without waiting
/// for the threads still working.
pub fn run<T, C>(
    inputs: &[String],
    options: &Options,
    convert: C,
    mut sink: impl Sink<T>,
) -> anyhow::Result<()>
where
    T: Send + 'static,
    C: Fn(Trial) -> Result<T, String> + Send + Sync + 'static,
{
    let (events_tx, events) = mpsc::channel();
    let (sources_tx, sources) = mpsc::sync_channel(SOURCES_AHEAD);
    workers::spawn_walker(inputs.to_vec(), sources_tx)?;
    let room = Arc::new(Room::new(options.window(), options.window_bytes()));
    let (jobs, jobs_rx) = mpsc::channel();
    let mut run = Ordered {
        options: options.clone(),
        issued: 0,
        emitted: 0,
        slots: VecDeque::new(),
        running: 0,
        stuck: 0,
        generation: 0,
        beat: Arc::default(),
        reader_done: false,
        next_check: after(Instant::now(), options.unit_timeout),
        parsers_started: 0,
        readers: ReaderParts {
            sources: Arc::new(Mutex::new(sources)),
            events: events_tx.clone(),
            room: Arc::clone(&room),
            limits: options.limits,
        },
        parsers: ParserParts {
            jobs: Arc::new(Mutex::new(jobs_rx)),
            events: events_tx,
            // A quarter of the window: the reader, waiting for half of it, is let go in time.
            outbox: Arc::new(Outbox::new(options.window() / 4)),
            format: options.format,
            convert: Arc::new(convert),
        },
        jobs,
    };
    let result = run.start().and_then(|()| run.drive(&events, &mut sink));
    // Readers waiting for room and idle parser threads end; stuck ones are left behind.
    room.close();
    run.beat.retire();
    result
}

/// A unit between its reading and its output.
struct Slot<T> {
    /// The room (bytes) the unit holds; `None` for an error entry that took none (a reader
    /// abandoned).
    bytes: Option<usize>,
    /// While it is on a parser thread: its job (which names it, should it be abandoned).
    running: Option<Arc<Job>>,
    /// Its outcomes, once it has them, until every earlier unit's are handed over.
    outcomes: Option<Vec<Outcome<T>>>,
}

/// The state of one run, on the caller's thread.
struct Ordered<T> {
    options: Options,
    /// Units numbered so far; `emitted` of them have been handed to the sink.
    issued: u64,
    emitted: u64,
    /// The units numbered `emitted` to `issued`, in order: unit `seq` at `seq - emitted` (a
    /// queue, not a map keyed by `seq`: no hashing, a few instructions a unit on this thread,
    /// which every record passes through).
    slots: VecDeque<Slot<T>>,
    /// Units in `slots` on a parser thread.
    running: usize,
    /// Abandoned threads that have not ended yet.
    stuck: usize,
    /// The current reader, its heartbeat, and whether it has read everything.
    generation: u64,
    beat: Arc<Heartbeat>,
    reader_done: bool,
    /// No time budget can run out before this.
    next_check: Instant,
    parsers_started: usize,
    readers: ReaderParts<T>,
    parsers: ParserParts<T>,
    jobs: Sender<Work>,
}

impl<T: Send + 'static> Ordered<T> {
    fn start(&mut self) -> anyhow::Result<()> {
        for _ in 0..self.options.jobs.max(1) {
            self.spawn_parser()?;
        }
        workers::spawn_reader(self.generation, Arc::clone(&self.beat), &self.readers)?;
        Ok(())
    }

    fn spawn_parser(&mut self) -> anyhow::Result<()> {
        workers::spawn_parser(self.parsers_started, &self.parsers)?;
        self.parsers_started += 1;
        Ok(())
    }

    fn drive(
        &mut self,
        events: &Receiver<Event<T>>,
        sink: &mut impl Sink<T>,
    ) -> anyhow::Result<()> {
        let mut unflushed = false;
        let mut last_flush = Instant::now();
        loop {
            self.collect();
            unflushed |= self.emit_ready(sink)?;
            if self.reader_done && self.emitted == self.issued {
                return Ok(());
            }
            let event = match events.try_recv() {
                Ok(e) => Some(e),
                Err(_) => {
                    if unflushed && last_flush.elapsed() >= FLUSH_EVERY {
                        sink.idle()?;
                        (unflushed, last_flush) = (false, Instant::now());
                    }
                    let mut wait = self.next_check.saturating_duration_since(Instant::now());
                    if unflushed {
                        wait = wait.min(FLUSH_EVERY.saturating_sub(last_flush.elapsed()));
                    }
                    if self.running > 0 {
                        // Outcomes left in the outbox are taken within this.
                        wait = wait.min(FLUSH_EVERY);
                    }
                    events.recv_timeout(wait).ok()
                }
            };
            if let Some(event) = event {
                self.handle(event);
            }
            self.check_budgets()?;
        }
    }

    /// Takes the outcomes the parser threads have finished.
    fn collect(&mut self) {
        for (seq, outcomes) in self.parsers.outbox.take() {
            // A unit its thread finished is never abandoned after (`Job::finish` comes
            // first), so it is still running here.
            if self.finished(seq).is_some() {
                self.slot(seq).outcomes = Some(outcomes);
            }
        }
    }

    /// Hands every outcome whose turn has come to the sink; whether any was.
    fn emit_ready(&mut self, sink: &mut impl Sink<T>) -> anyhow::Result<bool> {
        // Their room first, all at once (one lock, the reader woken at most once).
        let (mut ready, mut units, mut bytes) = (0, 0, 0);
        for slot in self.slots.iter().take_while(|s| s.outcomes.is_some()) {
            ready += 1;
            if let Some(b) = slot.bytes {
                (units, bytes) = (units + 1, bytes + b);
            }
        }
        if units > 0 {
            self.readers.room.give(units, bytes);
        }
        for _ in 0..ready {
            let slot = self.slots.pop_front().expect("a ready slot");
            self.emitted += 1;
            for outcome in slot.outcomes.expect("outcomes in the slot") {
                sink.outcome(outcome)?;
            }
        }
        Ok(ready > 0)
    }

    fn handle(&mut self, event: Event<T>) {
        match event {
            Event::Units { generation, units } if generation != self.generation => {
                // From a reader abandoned since: its source is already reported.
                let bytes = units.iter().map(workers::size).sum();
                self.readers.room.give(units.len(), bytes);
            }
            Event::Units { units, .. } => {
                for unit in units {
                    self.issue(unit);
                }
            }
            Event::ReaderDone { generation } if generation == self.generation => {
                self.reader_done = true;
            }
            Event::ReaderDone { .. } => self.stuck = self.stuck.saturating_sub(1),
            Event::Ready => {} // the outbox is taken at the top of every turn
            Event::Done { seq, outcomes } => match self.finished(seq) {
                Some(_) => self.slot(seq).outcomes = Some(outcomes),
                // Abandoned before it finished: its error entry is already in place.
                None => self.stuck = self.stuck.saturating_sub(1),
            },
        }
    }

    /// Numbers a unit read and hands it to the parser threads (or, unread, straight to its
    /// error entry).
    fn issue(&mut self, unit: super::Unit) {
        let seq = self.issued;
        self.issued += 1;
        let bytes = Some(workers::size(&unit));
        if unit.bytes.is_err() {
            let outcomes = Some(workers::guarded(unit, None, &*self.parsers.convert));
            self.slots.push_back(Slot {
                bytes,
                running: None,
                outcomes,
            });
            return;
        }
        let job = Job::new();
        self.slots.push_back(Slot {
            bytes,
            running: Some(Arc::clone(&job)),
            outcomes: None,
        });
        self.running += 1;
        // The parser threads outlive this run's end, so the send cannot fail.
        let _ = self.jobs.send((seq, unit, job));
    }

    /// Unit `seq`'s slot (`seq` is neither emitted nor unissued).
    fn slot(&mut self, seq: u64) -> &mut Slot<T> {
        &mut self.slots[(seq - self.emitted) as usize]
    }

    /// Unit `seq` is off its parser thread: its job, unless it was abandoned (its error
    /// entry already in its place, or handed over).
    fn finished(&mut self, seq: u64) -> Option<Arc<Job>> {
        let i = usize::try_from(seq.checked_sub(self.emitted)?).ok()?;
        let job = self.slots.get_mut(i)?.running.take()?;
        self.running -= 1;
        Some(job)
    }

    /// Abandons the parses and the read that have run past the time budget, each replaced by
    /// an error entry and a fresh thread.
    fn check_budgets(&mut self) -> anyhow::Result<()> {
        let now = Instant::now();
        if now < self.next_check {
            return Ok(());
        }
        let budget = self.options.unit_timeout;
        let mut next = after(now, budget);
        let mut overdue = Vec::new();
        let jobs = self.slots.iter().enumerate();
        for (i, job) in jobs.filter_map(|(i, s)| Some((i, s.running.as_ref()?))) {
            match job.started.get().map(|&(s, _)| after(s, budget)) {
                Some(deadline) if deadline <= now => overdue.push(self.emitted + i as u64),
                Some(deadline) => next = next.min(deadline),
                None => {}
            }
        }
        for seq in overdue {
            let job = self
                .slot(seq)
                .running
                .as_ref()
                .expect("overdue units are running");
            if !job.abandon() {
                continue; // it finished just now; its outcomes are on their way
            }
            let job = self.finished(seq).expect("overdue units are running");
            let (input, position) = job.started.get().expect("an overdue job started").1.clone();
            let reason = format!(
                "parsing took longer than {} s: abandoned",
                budget.as_secs_f64()
            );
            self.slot(seq).outcomes = Some(vec![failed(input, position, reason)]);
            self.stuck += 1;
            self.spawn_parser()?;
        }
        if let Some((input, position)) = self.beat.retire_if_stalled(budget) {
            self.issued += 1;
            let reason = format!(
                "no progress reading for {} s: abandoned",
                budget.as_secs_f64()
            );
            self.slots.push_back(Slot {
                bytes: None,
                running: None,
                outcomes: Some(vec![failed(input, position, reason)]),
            });
            self.stuck += 1;
            self.generation += 1;
            self.beat = Arc::default();
            workers::spawn_reader(self.generation, Arc::clone(&self.beat), &self.readers)?;
        } else if let Some(progress) = self.beat.last_progress() {
            next = next.min(after(progress, budget));
        }
        anyhow::ensure!(
            self.stuck <= MAX_STUCK,
            "{} units are stuck past the time budget of {} s; stopping",
            self.stuck,
            budget.as_secs_f64()
        );
        self.next_check = next;
        Ok(())
    }
}

/// `budget` after `from`; a budget too long for the clock never runs out.
fn after(from: Instant, budget: Duration) -> Instant {
    from.checked_add(budget)
        .unwrap_or_else(|| from + Duration::from_secs(100 * 365 * 24 * 3600))
}

fn failed<T>(input: String, position: Option<String>, reason: String) -> Outcome<T> {
    Outcome::Failed(ErrorRecord {
        input,
        position,
        format: None,
        reason,
        at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn options(jobs: usize) -> Options {
        Options {
            jobs,
            ..Options::default()
        }
    }

    #[test]
    fn outcomes_come_back_in_input_order_whatever_the_jobs() {
        let seeds = [
            "fixtures/seeds/NCT00479934.txt",
            "fixtures/seeds/NCT06722105.txt",
            "no/such/file",
        ];
        let inputs: Vec<String> = (0..40).map(|i| seeds[i % 3].to_string()).collect();
        for jobs in [1, 3] {
            let mut seen = Vec::new();
            run(
                &inputs,
                &options(jobs),
                |t| Ok(t.ids.nct_id.unwrap_or_default()),
                |o| {
                    seen.push(match o {
                        Outcome::Parsed { value, .. } => value,
                        Outcome::Failed(e) => e.input,
                    });
                    Ok(())
                },
            )
            .unwrap();
            let want: Vec<&str> = (0..40)
                .map(|i| ["NCT00479934", "NCT06722105", "no/such/file"][i % 3])
                .collect();
            assert_eq!(seen, want, "jobs = {jobs}");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let inputs = vec!["fixtures/seeds/NCT00479934.txt".to_string(); 100];
        let mut n = 0;
        let r = run(
            &inputs,
            &options(2),
            |_| Ok(()),
            |_| {
                n += 1;
                anyhow::ensure!(n < 5, "disk full");
                Ok(())
            },
        );
        assert_eq!(r.unwrap_err().to_string(), "disk full");
        assert_eq!(n, 5);
    }

    /// A parse that never ends (here the conversion of one record sleeps for an hour) becomes
    /// an error entry after the budget, and everything after it still comes out, in order.
    #[test]
    fn a_stuck_parse_is_abandoned_and_the_run_moves_on() {
        let inputs: Vec<String> = [
            "fixtures/seeds/NCT00479934.txt",
            "fixtures/seeds/NCT06722105.txt",
            "fixtures/seeds/NCT00479934.txt",
        ]
        .map(String::from)
        .to_vec();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let options = Options {
                jobs: 1,
                unit_timeout: Duration::from_millis(300),
                ..Options::default()
            };
            let mut seen = Vec::new();
            let convert = |t: Trial| {
                let id = t.ids.nct_id.unwrap_or_default();
                if id == "NCT06722105" {
                    std::thread::sleep(Duration::from_secs(3600));
                }
                Ok(id)
            };
            let r = run(&inputs, &options, convert, |o| {
                seen.push(match o {
                    Outcome::Parsed { value, .. } => value,
                    Outcome::Failed(e) => format!("{}: {}", e.label(), e.reason),
                });
                Ok(())
            });
            let _ = tx.send((r.map_err(|e| e.to_string()), seen));
        });
        // A generous deadline against a hang, not a timing assertion.
        let (r, seen) = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("the run ends");
        r.unwrap();
        assert_eq!(
            seen,
            [
                "NCT00479934",
                "fixtures/seeds/NCT06722105.txt: parsing took longer than 0.3 s: abandoned",
                "NCT00479934"
            ]
        );
    }
}
