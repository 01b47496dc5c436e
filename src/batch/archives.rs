//! Archive layers: zip archives (every entry a unit of its own, accounted for one by one) and
//! gzip streams (inflated on the fly), opened inside one another up to
//! [`Limits::max_archive_depth`](super::readers::Limits) deep.
//!
//! Sizes are capped while inflating, never after: an entry is read up to the unit cap and no
//! further, and an entry whose header already declares more is not inflated at all. A zip
//! entry whose compressed data overlaps another's (the overlapping-entry bomb, where every
//! entry inflates the same few kilobytes) is an error entry without being inflated.
//!
//! A long stream (JSON Lines inside a gzip file or a zip entry, where lines are the units) is
//! bounded too: once everything inflated from one source passes the unit cap, it may not
//! exceed [`MAX_INFLATION_RATIO`] times the bytes read from the source, across all its layers
//! (records compress 5 to 20 times; a bomb of blank bytes about 1,000 times per layer).
//!
//! Entries are named `archive.zip:entry.xml`, nested ones `a.zip:b.zip:entry.xml` (the
//! position is `b.zip:entry.xml`); a gzip layer adds no name.

use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{self, BufReader, Read, Seek, SeekFrom};

use super::readers::Ctx;
use super::stream::{is_jsonl_name, read_stream, too_large};

/// Past the unit cap, what one source may inflate to, in times the bytes read from it (the
/// limit Apache POI sets on zip entries by default).
pub const MAX_INFLATION_RATIO: u64 = 100;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// A zip archive by its magic, or by its name when it has content (a damaged `.zip` is
/// reported as an unreadable archive, not read as text).
pub(super) fn is_zip(head: &[u8], lower_name: &str) -> bool {
    head.starts_with(ZIP_MAGIC) || (lower_name.ends_with(".zip") && !head.is_empty())
}

/// Reads whatever `reader` holds, `depth` archives deep: a zip archive (read into memory up to
/// the unit cap, as zip needs to seek), a gzip stream (inflated as it is read), else one
/// document or JSON Lines. `lower_name` (the entry or file name, lower case) hints at zip and
/// JSON Lines; `inflated` says the bytes come out of a decompressor (for the error text).
pub(super) fn read_any(
    cx: &mut Ctx,
    input: &str,
    position: Option<&str>,
    lower_name: &str,
    inflated: bool,
    depth: usize,
    mut reader: Box<dyn Read + '_>,
) -> bool {
    let mut head = Vec::with_capacity(4);
    if let Err(e) = (&mut reader).take(4).read_to_end(&mut head) {
        return cx.fail(input, position, read_error(&e, inflated));
    }
    let zip = is_zip(&head, lower_name);
    let gzip = head.starts_with(GZIP_MAGIC);
    let reader = io::Cursor::new(head).chain(reader);
    if (zip || gzip) && depth >= cx.limits.max_archive_depth {
        let reason = format!(
            "an archive nested more than {} deep: not opened",
            cx.limits.max_archive_depth
        );
        return cx.fail(input, position, reason);
    }
    if zip {
        let cap = cx.limits.max_unit_bytes;
        let mut bytes = Vec::new();
        if let Err(e) = reader.take(cap as u64 + 1).read_to_end(&mut bytes) {
            return cx.fail(input, position, read_error(&e, inflated));
        }
        if bytes.len() > cap {
            return cx.fail(input, position, too_large(cap, inflated));
        }
        return read_zip(cx, input, position, io::Cursor::new(bytes), depth + 1);
    }
    if gzip {
        let inner = lower_name.strip_suffix(".gz").unwrap_or(lower_name);
        let gz = flate2::bufread::MultiGzDecoder::new(BufReader::new(reader));
        let gz = Box::new(Metered::inflated(gz, cx.meter));
        return read_any(cx, input, position, inner, true, depth + 1, gz);
    }
    let jsonl = is_jsonl_name(lower_name);
    // 64 kB reads: a JSON Lines file of small records was read 8 kB (two records) a call.
    let reader = BufReader::with_capacity(64 * 1024, reader);
    read_stream(cx, input, position, jsonl, inflated, reader)
}

/// The text of a read error: a decompressor's complaint says the data is corrupt.
pub(super) fn read_error(e: &io::Error, inflated: bool) -> String {
    if let Some(over) = e.get_ref().and_then(|e| e.downcast_ref::<Overinflated>()) {
        return format!("too large: {over} (inflating stopped there)");
    }
    match e.kind() {
        io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData if inflated => {
            format!("corrupt compressed data: {e}")
        }
        _ => format!("cannot read: {e}"),
    }
}

/// Every entry of a zip archive that is `depth` archives deep, in archive order: each gives
/// its units or one error entry. Directories and macOS resource forks (`__MACOSX/`) are
/// skipped.
pub(super) fn read_zip<R: Read + Seek>(
    cx: &mut Ctx,
    input: &str,
    outer: Option<&str>,
    reader: R,
    depth: usize,
) -> bool {
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(a) => a,
        Err(e) => return cx.fail(input, outer, format!("unreadable zip archive: {e}")),
    };
    let cap = cx.limits.max_unit_bytes;
    let mut spans = Spans::default();
    for i in 0..archive.len() {
        let name = archive
            .name_for_index(i)
            .map_or_else(|| format!("entry {}", i + 1), str::to_string);
        let position = match outer {
            Some(o) => format!("{o}:{name}"),
            None => name.clone(),
        };
        cx.beat.at(Some(&position));
        let entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                if !cx.fail(input, Some(&position), format!("unreadable entry: {e}")) {
                    return false;
                }
                continue;
            }
        };
        if entry.is_dir() || name.starts_with("__MACOSX/") {
            continue;
        }
        let inflated = entry.compression() != zip::CompressionMethod::Stored;
        let declared = entry.size();
        let keep_going = if declared > cap as u64 {
            let reason = format!(
                "too large: declares {declared} bytes once decompressed, over the limit of {cap} bytes (not inflated)"
            );
            cx.fail(input, Some(&position), reason)
        } else if let Some(other) = spans.overlap(&entry, i) {
            drop(entry);
            let other = archive.name_for_index(other).unwrap_or_default();
            let reason =
                format!("its compressed data overlaps entry {other}'s (a zip bomb): not inflated");
            cx.fail(input, Some(&position), reason)
        } else {
            let lower = name.to_ascii_lowercase();
            let entry = Box::new(Metered::inflated(entry, cx.meter));
            read_any(cx, input, Some(&position), &lower, inflated, depth, entry)
        };
        if !keep_going {
            return false;
        }
    }
    true
}

/// The byte spans (local header to end of data) of the entries read so far, to find entries
/// that share compressed data.
#[derive(Default)]
struct Spans {
    /// Start → (end, entry index).
    seen: BTreeMap<u64, (u64, usize)>,
}

impl Spans {
    /// The index of an entry read before whose span overlaps entry `index`'s, if any.
    fn overlap<R: Read>(
        &mut self,
        entry: &zip::read::ZipFile<'_, R>,
        index: usize,
    ) -> Option<usize> {
        let start = entry.header_start();
        let end = entry.data_start()? + entry.compressed_size();
        let before = self.seen.range(..=start).next_back();
        let after = self.seen.range(start..).next();
        let clash = before
            .filter(|(_, (e, _))| *e > start)
            .or(after.filter(|(s, _)| **s < end));
        if let Some((_, &(_, other))) = clash {
            return Some(other);
        }
        self.seen.insert(start, (end, index));
        None
    }
}

/// What one source has given so far: bytes read from it, and bytes inflated from it (at any
/// depth).
#[derive(Debug)]
pub(super) struct Meter {
    raw: Cell<u64>,
    inflated: Cell<u64>,
    cap: u64,
}

impl Meter {
    /// A meter for a source whose units are capped at `cap` bytes.
    pub fn new(cap: usize) -> Self {
        Meter {
            raw: Cell::new(0),
            inflated: Cell::new(0),
            cap: cap as u64,
        }
    }
}

/// Inflating went past the cap and [`MAX_INFLATION_RATIO`] times the bytes read.
#[derive(Debug, thiserror::Error)]
#[error("inflates to over {MAX_INFLATION_RATIO} times the bytes read, past {cap} bytes")]
struct Overinflated {
    cap: u64,
}

/// A reader that adds what it gives to a [`Meter`]: the source's own bytes, or inflated bytes,
/// which fail once they pass the budget.
pub(super) struct Metered<'m, R> {
    inner: R,
    meter: &'m Meter,
    inflated: bool,
}

impl<'m, R> Metered<'m, R> {
    /// The bytes of the source itself.
    pub fn raw(inner: R, meter: &'m Meter) -> Self {
        Metered {
            inner,
            meter,
            inflated: false,
        }
    }

    /// The output of a decompressor (or a stored zip entry).
    pub fn inflated(inner: R, meter: &'m Meter) -> Self {
        Metered {
            inner,
            meter,
            inflated: true,
        }
    }
}

impl<R: Read> Read for Metered<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let m = self.meter;
        // Checked before reading, so the read that crosses the unit cap still delivers: a
        // single document over the cap is reported as such by the reader that caps it.
        let inflated = m.inflated.get();
        if self.inflated
            && inflated > m.cap
            && inflated > m.raw.get().saturating_mul(MAX_INFLATION_RATIO)
        {
            return Err(io::Error::other(Overinflated { cap: m.cap }));
        }
        let n = self.inner.read(buf)?;
        let count = if self.inflated { &m.inflated } else { &m.raw };
        count.set(count.get() + n as u64);
        Ok(n)
    }
}

impl<R: Seek> Seek for Metered<'_, R> {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        self.inner.seek(to)
    }
}

#[cfg(test)]
mod tests {
    use super::super::readers::{read_memory, Limits};
    use super::super::Unit;
    use super::*;
    use std::io::Write;

    /// (position, bytes or error) of every unit of `bytes` read as `name`.
    fn units(name: &str, bytes: Vec<u8>, limits: Limits) -> Vec<(String, Result<Vec<u8>, String>)> {
        let mut out = Vec::new();
        read_memory(name, bytes, &limits, &mut |u: Unit| {
            out.push((u.position.unwrap_or_default(), u.bytes));
            true
        });
        out
    }

    fn small(max_unit_bytes: usize) -> Limits {
        Limits {
            max_unit_bytes,
            ..Limits::default()
        }
    }

    fn gzip(bytes: &[u8]) -> Vec<u8> {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(bytes).unwrap();
        gz.finish().unwrap()
    }

    fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        for (name, bytes) in entries {
            let opts = zip::write::SimpleFileOptions::default();
            zip.start_file(*name, opts).unwrap();
            zip.write_all(bytes).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    #[test]
    fn gzip_and_zip_are_opened_entry_by_entry() {
        let gz = gzip(b"{\"a\":1}\n{\"b\":2}\n");
        assert_eq!(units("-", gz, Limits::default()).len(), 2);

        let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.add_directory("d/", opts).unwrap();
        zip.start_file("d/one.xml", opts).unwrap();
        zip.write_all(b"<clinical_study/>").unwrap();
        zip.start_file("two.jsonl", opts).unwrap();
        zip.write_all(b"{}\n{}\n").unwrap();
        let zip = zip.finish().unwrap().into_inner();
        let positions: Vec<_> = units("x.zip", zip, Limits::default())
            .into_iter()
            .map(|(p, _)| p)
            .collect();
        assert_eq!(
            positions,
            ["d/one.xml", "two.jsonl:line 1", "two.jsonl:line 2"]
        );

        let broken = units("-", b"PK\x03\x04 truncated".to_vec(), Limits::default());
        assert!(broken[0]
            .1
            .as_ref()
            .unwrap_err()
            .starts_with("unreadable zip"));
    }

    #[test]
    fn archives_nest_to_a_fixed_depth() {
        let doc: &[u8] = b"<clinical_study/>";
        let inner = zip(&[("a.xml", doc), ("b.xml.gz", &gzip(doc))]);
        let middle = zip(&[("inner.zip", &inner)]);
        let outer = zip(&[("middle.zip", &middle), ("c.xml", doc)]);
        let got = units("outer.zip", outer.clone(), Limits::default());
        let want = [
            ("middle.zip:inner.zip:a.xml", Ok(doc.to_vec())),
            (
                "middle.zip:inner.zip:b.xml.gz",
                Err("an archive nested more than 3 deep: not opened".to_string()),
            ),
            ("c.xml", Ok(doc.to_vec())),
        ];
        let want: Vec<_> = want.into_iter().map(|(p, b)| (p.to_string(), b)).collect();
        assert_eq!(got, want);
        // The same archive, gzipped: one layer more, so inner.zip is now too deep.
        let got = units("outer.zip.gz", gzip(&outer), Limits::default());
        assert_eq!(got[0].0, "middle.zip:inner.zip");
        assert!(got[0]
            .1
            .as_ref()
            .unwrap_err()
            .starts_with("an archive nested"));
        assert_eq!(got[1], ("c.xml".to_string(), Ok(doc.to_vec())));
    }

    #[test]
    fn bombs_stop_at_the_cap_while_inflating() {
        // An endless stream of blank bytes ends at the cap; reading it all never would.
        let limits = small(1 << 20);
        let beat = super::super::watch::Heartbeat::default();
        let meter = Meter::new(limits.max_unit_bytes);
        let mut got = Vec::new();
        let mut cx = Ctx {
            limits,
            beat: &beat,
            meter: &meter,
            emit: &mut |u: Unit, _| {
                got.push(u.bytes);
                true
            },
        };
        read_any(&mut cx, "-", None, "", true, 1, Box::new(io::repeat(b' ')));
        assert_eq!(
            got,
            [Err("too large: over the limit of 1048576 bytes once decompressed (inflating stopped there)".to_string())]
        );

        let blank = vec![0u8; 4 << 20];
        let out = units("bomb.gz", gzip(&blank), limits);
        assert_eq!(out.len(), 1);
        assert!(out[0]
            .1
            .as_ref()
            .unwrap_err()
            .starts_with("too large: over the limit"));

        let out = units(
            "bomb.zip",
            zip(&[("blank.txt", &blank), ("ok.xml", b"<x/>")]),
            limits,
        );
        assert_eq!(out[0].0, "blank.txt");
        assert_eq!(
            out[0].1,
            Err("too large: declares 4194304 bytes once decompressed, over the limit of 1048576 bytes (not inflated)".to_string())
        );
        assert_eq!(out[1], ("ok.xml".to_string(), Ok(b"<x/>".to_vec())));
    }

    #[test]
    fn a_long_stream_may_pass_the_cap_but_not_inflate_like_a_bomb() {
        let limits = small(1 << 20);
        // 2 MiB of JSON lines that compress about 2 times: every line is read.
        let mut rng = fastrand::Rng::with_seed(18);
        let mut lines = Vec::new();
        for _ in 0..32 * 1024 {
            let text: String = (0..60).map(|_| rng.alphanumeric()).collect();
            lines.extend(format!("{{\"t\":\"{text}\"}}\n").bytes());
        }
        let out = units("records.jsonl.gz", gzip(&lines), limits);
        assert_eq!(out.len(), 32 * 1024);
        assert!(out.iter().all(|(_, b)| b.is_ok()));
        // 8 MiB of the same line, which compresses 1,000 times: stopped past the cap.
        let bomb = b"{}\n".repeat((8 << 20) / 3);
        let out = units("bomb.jsonl.gz", gzip(&bomb), limits);
        let (last, good) = out.split_last().unwrap();
        assert!(good.iter().all(|(_, b)| b.is_ok()));
        assert!(
            (1 << 20) / 4 < good.len() && good.len() < (2 << 20) / 3,
            "{}",
            good.len()
        );
        assert_eq!(
            last.1,
            Err("too large: inflates to over 100 times the bytes read, past 1048576 bytes (inflating stopped there)".to_string())
        );
    }

    #[test]
    fn overlapping_entries_are_not_inflated() {
        let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.start_file("one.txt", opts).unwrap();
        zip.write_all(&[b' '; 1000]).unwrap();
        zip.shallow_copy_file("one.txt", "two.txt").unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        let out = units("bomb.zip", bytes, Limits::default());
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].0, "one.txt");
        assert!(out[0].1.is_ok());
        assert_eq!(
            out[1],
            (
                "two.txt".to_string(),
                Err(
                    "its compressed data overlaps entry one.txt's (a zip bomb): not inflated"
                        .to_string()
                )
            )
        );
    }
}
