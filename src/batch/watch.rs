//! Watching a reader thread: a heartbeat the pipeline checks against the time budget (a read
//! that makes no progress for that long is abandoned), and files that change size while they
//! are read.

use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The state of one reader thread, shared with the pipeline.
///
/// The reader says what it is reading ([`Heartbeat::start`], [`Heartbeat::at`]), ticks on every
/// read ([`Watched`] does it), and pauses while it waits for the pipeline (a wait for room is
/// not a stall). The pipeline retires a reader that has not ticked within the budget; from then
/// on every tick answers `false` and every [`Watched`] read fails, so the thread stops as soon
/// as its blocked system call returns, if ever.
#[derive(Debug, Default)]
pub struct Heartbeat {
    state: Mutex<Beat>,
}

#[derive(Debug, Default)]
struct Beat {
    input: String,
    position: Option<String>,
    /// The last sign of progress; `None` while paused or between sources.
    since: Option<Instant>,
    retired: bool,
}

impl Heartbeat {
    fn with<R>(&self, f: impl FnOnce(&mut Beat) -> R) -> R {
        // A panic elsewhere cannot leave a `Beat` half-written: every update is one assignment.
        let mut beat = self.state.lock().unwrap_or_else(|e| e.into_inner());
        f(&mut beat)
    }

    /// Starts reading `input`; `false` once retired.
    pub fn start(&self, input: &str) -> bool {
        self.with(|b| {
            b.input = input.to_string();
            b.position = None;
            b.since = Some(Instant::now());
            !b.retired
        })
    }

    /// Moves to `position` inside the current input (an archive entry).
    pub fn at(&self, position: Option<&str>) {
        self.with(|b| {
            b.position = position.map(str::to_string);
            b.since = Some(Instant::now());
        })
    }

    /// Progress was made; `false` once retired.
    pub fn tick(&self) -> bool {
        self.with(|b| {
            if b.since.is_some() {
                b.since = Some(Instant::now());
            }
            !b.retired
        })
    }

    /// Waiting for the pipeline (room for a unit, the next source): not a stall.
    pub fn pause(&self) {
        self.with(|b| b.since = None)
    }

    /// Back from a pause; `false` once retired.
    pub fn resume(&self) -> bool {
        self.with(|b| {
            b.since = Some(Instant::now());
            !b.retired
        })
    }

    /// The last sign of progress, if the reader is reading now.
    pub fn last_progress(&self) -> Option<Instant> {
        self.with(|b| b.since)
    }

    /// Retires the reader if it has been reading without progress for `budget`, giving the
    /// input and position it was stuck on.
    pub fn retire_if_stalled(&self, budget: Duration) -> Option<(String, Option<String>)> {
        self.with(|b| match b.since {
            Some(s) if !b.retired && s.elapsed() >= budget => {
                b.retired = true;
                Some((b.input.clone(), b.position.clone()))
            }
            _ => None,
        })
    }

    /// Retires the reader unconditionally (the pipeline is stopping).
    pub fn retire(&self) {
        self.with(|b| b.retired = true)
    }
}

/// A reader that ticks a [`Heartbeat`] on every read and, for a file opened with a known
/// length, fails when the file turns out shorter or longer than that length: a file changing
/// while it is read gives an error line, not a record of half its content.
pub struct Watched<'h, R> {
    inner: R,
    beat: &'h Heartbeat,
    /// The length when opened (`None` for pipes and standard input).
    len: Option<u64>,
    pos: u64,
}

impl<'h, R> Watched<'h, R> {
    /// Watches `inner`, expected to be `len` bytes long when that is known.
    pub fn new(inner: R, beat: &'h Heartbeat, len: Option<u64>) -> Self {
        Watched {
            inner,
            beat,
            len,
            pos: 0,
        }
    }

    fn changed(&self, now: u64) -> io::Error {
        let when_opened = self.len.unwrap_or_default();
        io::Error::other(format!(
            "changed size while being read ({when_opened} bytes when opened, {now} now)"
        ))
    }
}

/// The error a retired reader's reads fail with.
pub fn abandoned() -> io::Error {
    io::Error::other("abandoned: no progress within the time budget")
}

impl<R: Read> Read for Watched<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if !self.beat.tick() {
            return Err(abandoned());
        }
        let n = self.inner.read(buf)?;
        self.pos += n as u64;
        match self.len {
            Some(len) if self.pos > len => Err(self.changed(self.pos)),
            Some(len) if n == 0 && !buf.is_empty() && self.pos < len => Err(self.changed(self.pos)),
            _ => Ok(n),
        }
    }
}

impl<R: Seek> Seek for Watched<'_, R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.pos = self.inner.seek(to)?;
        Ok(self.pos)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_shrinks_or_grows_while_read_is_an_error() {
        let beat = Heartbeat::default();
        let shrunk = io::Cursor::new(vec![b'x'; 10]);
        let mut out = Vec::new();
        let err = Watched::new(shrunk, &beat, Some(20))
            .read_to_end(&mut out)
            .unwrap_err();
        assert_eq!(
            err.to_string(),
            "changed size while being read (20 bytes when opened, 10 now)"
        );
        let grown = io::Cursor::new(vec![b'x'; 30]);
        let err = Watched::new(grown, &beat, Some(20))
            .read_to_end(&mut out)
            .unwrap_err();
        assert!(err.to_string().starts_with("changed size"), "{err}");
        let same = io::Cursor::new(vec![b'x'; 20]);
        out.clear();
        Watched::new(same, &beat, Some(20))
            .read_to_end(&mut out)
            .unwrap();
        assert_eq!(out.len(), 20);
    }

    #[test]
    fn a_silent_reader_is_retired_once_and_then_stops() {
        let beat = Heartbeat::default();
        assert!(beat.start("slow.txt"));
        beat.at(Some("entry.xml"));
        assert_eq!(beat.retire_if_stalled(Duration::from_secs(60)), None);
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(
            beat.retire_if_stalled(Duration::from_millis(10)),
            Some(("slow.txt".to_string(), Some("entry.xml".to_string())))
        );
        assert_eq!(beat.retire_if_stalled(Duration::ZERO), None, "only once");
        assert!(!beat.tick());
        let mut r = Watched::new(io::Cursor::new(b"abc".to_vec()), &beat, None);
        assert!(r.read(&mut [0; 3]).is_err());
    }

    #[test]
    fn a_paused_reader_is_not_stalled() {
        let beat = Heartbeat::default();
        beat.start("a");
        beat.pause();
        std::thread::sleep(Duration::from_millis(5));
        assert_eq!(beat.retire_if_stalled(Duration::ZERO), None);
        assert!(beat.resume());
    }
}
