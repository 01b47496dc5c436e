//! Sources to [`Unit`]s: files, standard input and bytes in memory, each handed to
//! `archives::read_any`, which opens zip and gzip layers and splits JSON Lines.
//!
//! What one reader holds is bounded by [`Limits`]: a unit (a document, an archive entry once
//! decompressed, a JSON line) is read up to `max_unit_bytes` and no further, so a bomb costs
//! at most that much memory and time before it is an error entry; archives are opened
//! `max_archive_depth` deep.

use std::fs::{File, OpenOptions};
use std::io::{self, Read, Seek};
use std::path::Path;

use super::archives::{self, is_zip, Meter, Metered};
use super::walk::{self, Source};
use super::watch::{Heartbeat, Watched};
use super::Unit;
use crate::input::MAX_INPUT_BYTES;

/// Archive layers opened inside one another (`a.zip` holding `b.zip` holding `c.xml.gz` is
/// three); an archive deeper than this is an error entry.
pub const MAX_ARCHIVE_DEPTH: usize = 3;

/// What one reader may hold and open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest unit read, in bytes: a document, an archive entry once decompressed, a JSON
    /// line, or a nested archive (which is read into memory to be opened). The default is the
    /// cap on one input, [`MAX_INPUT_BYTES`].
    pub max_unit_bytes: usize,
    /// How many archives deep entries are opened (default [`MAX_ARCHIVE_DEPTH`]).
    pub max_archive_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_unit_bytes: MAX_INPUT_BYTES,
            max_archive_depth: MAX_ARCHIVE_DEPTH,
        }
    }
}

/// Where a reader's units go, each with whether the next one is already in memory ([`Ahead`]).
pub(super) type Emit<'a> = dyn FnMut(Unit, Ahead) -> bool + 'a;

/// Whether the unit after this one is already in memory: then the reader can hand it over
/// without reading more, so the two may travel together; otherwise the next read may block
/// (a pipe, a slow disk), and a unit kept back meanwhile would be held up by it.
pub(super) type Ahead = bool;

/// A reader at work on one source: its limits, its heartbeat, what the source has given so
/// far, and where its units go.
pub(super) struct Ctx<'a> {
    pub limits: Limits,
    pub beat: &'a Heartbeat,
    pub meter: &'a Meter,
    pub emit: &'a mut Emit<'a>,
}

impl Ctx<'_> {
    /// Emits a unit that could not be read; `false` when the consumer has gone.
    pub fn fail(&mut self, input: &str, position: Option<&str>, reason: String) -> bool {
        let unit = Unit {
            input: input.to_string(),
            position: position.map(str::to_string),
            first_line: 1,
            bytes: Err(reason),
        };
        (self.emit)(unit, false)
    }

    /// Emits a unit read whole; `false` when the consumer has gone.
    pub fn unit(&mut self, input: &str, position: Option<&str>, bytes: Vec<u8>) -> bool {
        self.line(input, position, 1, bytes, false)
    }

    /// Emits a unit that starts on line `first_line` of its input (a JSON line), and whether
    /// the next one is already in memory; `false` when the consumer has gone.
    pub fn line(
        &mut self,
        input: &str,
        position: Option<&str>,
        first_line: u64,
        bytes: Vec<u8>,
        ahead: Ahead,
    ) -> bool {
        let unit = Unit {
            input: input.to_string(),
            position: position.map(str::to_string),
            first_line,
            bytes: Ok(bytes),
        };
        (self.emit)(unit, ahead)
    }
}

/// Reads `source`, calling `emit` with each unit in order; stops early (returning `false`)
/// when `emit` returns `false` (the consumer has gone) or the heartbeat is retired.
pub fn read_source(
    source: Source,
    limits: &Limits,
    beat: &Heartbeat,
    emit: &mut dyn FnMut(Unit) -> bool,
) -> bool {
    read_source_ahead(source, limits, beat, &mut |unit, _| emit(unit))
}

/// [`read_source`], telling `emit` with each unit whether the next is already in memory
/// ([`Ahead`]).
pub(super) fn read_source_ahead(
    source: Source,
    limits: &Limits,
    beat: &Heartbeat,
    emit: &mut Emit,
) -> bool {
    let meter = Meter::new(limits.max_unit_bytes);
    let mut cx = Ctx {
        limits: *limits,
        beat,
        meter: &meter,
        emit,
    };
    match source {
        Source::Failed { name, reason } => cx.fail(&name, None, reason),
        Source::Stdin => {
            if !beat.start("-") {
                return false;
            }
            let stdin = Watched::new(io::stdin().lock(), beat, None);
            let stdin = Box::new(Metered::raw(stdin, &meter));
            archives::read_any(&mut cx, "-", None, "", false, 0, stdin)
        }
        Source::File { path, name, found } => {
            beat.start(&name) && read_file(&mut cx, &name, &path, found)
        }
    }
}

/// Reads bytes already in memory as if they were a file called `name` (its extension hints
/// at zip and JSON Lines, as for a file). For tests and fuzzing.
pub fn read_memory(
    name: &str,
    bytes: Vec<u8>,
    limits: &Limits,
    emit: &mut dyn FnMut(Unit) -> bool,
) -> bool {
    read_memory_ahead(name, bytes, limits, &mut |unit, _| emit(unit))
}

/// [`read_memory`], telling `emit` with each unit whether the next is already in memory
/// ([`Ahead`]).
pub(super) fn read_memory_ahead(
    name: &str,
    bytes: Vec<u8>,
    limits: &Limits,
    emit: &mut Emit,
) -> bool {
    let beat = Heartbeat::default();
    let meter = Meter::new(limits.max_unit_bytes);
    let mut cx = Ctx {
        limits: *limits,
        beat: &beat,
        meter: &meter,
        emit,
    };
    let lower = name.to_ascii_lowercase();
    let reader = Box::new(Metered::raw(io::Cursor::new(bytes), &meter));
    archives::read_any(&mut cx, name, None, &lower, false, 0, reader)
}

/// One source's bytes whole, with its name, for commands that look at each input as one
/// document (`detect`, `compare`, `diff`): opened as [`read_source`] opens it, with the same
/// reasons (`cannot open: …`, `not a regular file (a directory)`). Standard input is read
/// whole.
pub fn read_whole(source: Source) -> (String, Result<Vec<u8>, String>) {
    match source {
        Source::Failed { name, reason } => (name, Err(reason)),
        Source::Stdin => {
            let mut bytes = Vec::new();
            let read = io::stdin().lock().read_to_end(&mut bytes);
            let bytes = read.map(|_| bytes).map_err(|e| format!("cannot read: {e}"));
            ("-".to_string(), bytes)
        }
        Source::File { path, name, found } => {
            let bytes = open(&path, found).and_then(|(mut file, _)| {
                let mut bytes = Vec::new();
                (file.read_to_end(&mut bytes))
                    .map(|_| bytes)
                    .map_err(|e| format!("cannot read: {e}"))
            });
            (name, bytes)
        }
    }
}

/// One named input's bytes whole (a file, or `-`), opened as [`read_whole`] opens it; a name
/// that is a directory or a pattern is not expanded.
pub fn read_named(name: &str) -> Result<Vec<u8>, String> {
    let source = if name == "-" {
        Source::Stdin
    } else {
        match std::fs::metadata(name) {
            Ok(m) if m.is_dir() => {
                return Err(walk::not_regular(&m.file_type()));
            }
            _ => Source::File {
                path: name.into(),
                name: name.to_string(),
                found: false,
            },
        }
    };
    read_whole(source).1
}

fn read_file(cx: &mut Ctx, name: &str, path: &Path, found: bool) -> bool {
    let (file, len) = match open(path, found) {
        Ok(f) => f,
        Err(reason) => return cx.fail(name, None, reason),
    };
    let lower = name.to_ascii_lowercase();
    let mut file = Metered::raw(Watched::new(file, cx.beat, len), cx.meter);
    if len.is_some() {
        // A regular file: a zip archive is read in place, as zip needs to seek.
        let mut head = Vec::with_capacity(4);
        let sniffed = (&mut file)
            .take(4)
            .read_to_end(&mut head)
            .and_then(|_| file.rewind());
        if let Err(e) = sniffed {
            return cx.fail(name, None, format!("cannot read: {e}"));
        }
        if is_zip(&head, &lower) {
            let reader = io::BufReader::with_capacity(64 * 1024, file);
            return archives::read_zip(cx, name, None, reader, 1);
        }
    }
    archives::read_any(cx, name, None, &lower, false, 0, Box::new(file))
}

/// Opens a file, with its length when it is a regular file.
///
/// A file found by a walk or a glob is opened without blocking (a named pipe swapped in since
/// the walk looked would otherwise block the open) and read only if it is a regular file.
fn open(path: &Path, found: bool) -> Result<(File, Option<u64>), String> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    if found {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    let file = options
        .open(path)
        .map_err(|e| format!("cannot open: {e}"))?;
    let meta = file.metadata().map_err(|e| format!("cannot open: {e}"))?;
    if meta.is_file() {
        return Ok((file, Some(meta.len())));
    }
    if !found && walk::is_stream(&meta.file_type()) {
        return Ok((file, None));
    }
    Err(walk::not_regular(&meta.file_type()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_that_vanished_after_the_walk_listed_it_is_an_error_entry() {
        let dir = std::env::temp_dir().join(format!("trialnorm-vanish-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.txt"), "x").unwrap();
        let mut sources = Vec::new();
        walk::for_each_source(&[dir.display().to_string()], &mut |s| {
            sources.push(s);
            true
        });
        std::fs::remove_dir_all(&dir).unwrap();
        let mut units = Vec::new();
        for s in sources {
            read_source(s, &Limits::default(), &Heartbeat::default(), &mut |u| {
                units.push(u);
                true
            });
        }
        let [unit] = &units[..] else {
            panic!("{units:?}")
        };
        assert!(unit.input.ends_with("a.txt"));
        assert_eq!(
            unit.bytes,
            Err("cannot open: No such file or directory (os error 2)".to_string())
        );
    }
}
