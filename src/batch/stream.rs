//! One stream of bytes (a file, an archive entry, a gzip stream) as units: JSON Lines give a
//! unit per line, anything else is one document. Both are capped at the unit size, checked as
//! the bytes arrive: a stream over the cap is an error entry once the cap is passed, whatever
//! follows.

use std::io::{self, BufRead, BufReader, Read};

use super::archives::read_error;
use super::readers::Ctx;

/// The file name says JSON Lines.
pub(super) fn is_jsonl_name(lower: &str) -> bool {
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// The error text of a unit over the cap of `limit` bytes.
pub(super) fn too_large(limit: usize, inflated: bool) -> String {
    if inflated {
        format!("too large: over the limit of {limit} bytes once decompressed (inflating stopped there)")
    } else {
        format!("too large: over the limit of {limit} bytes (reading stopped there)")
    }
}

/// One stream: JSON Lines (by name, or when the first line is a whole JSON object and more
/// follows) gives a unit per non-blank line; anything else is one document.
pub(super) fn read_stream(
    cx: &mut Ctx,
    input: &str,
    position: Option<&str>,
    jsonl_by_name: bool,
    inflated: bool,
    mut reader: BufReader<impl Read>,
) -> bool {
    let cap = cx.limits.max_unit_bytes;
    let mut first = Vec::new();
    let first_read = match read_line(&mut reader, &mut first, cap) {
        Ok(r) => r,
        Err(e) => return cx.fail(input, position, read_error(&e, inflated)),
    };
    let jsonl =
        jsonl_by_name || (first_read == Line::Full && looks_like_jsonl(&first, &mut reader));
    if jsonl {
        return read_lines(cx, input, position, inflated, reader, (first, first_read));
    }
    // One document: the first line, then the rest, up to the cap and one byte more.
    if first_read == Line::TooLong {
        return cx.fail(input, position, too_large(cap, inflated));
    }
    let mut bytes = first;
    let room = (cap + 1).saturating_sub(bytes.len()) as u64;
    if let Err(e) = reader.take(room).read_to_end(&mut bytes) {
        return cx.fail(input, position, read_error(&e, inflated));
    }
    if bytes.len() > cap {
        return cx.fail(input, position, too_large(cap, inflated));
    }
    cx.unit(input, position, bytes)
}

/// The lines of a JSON Lines stream, the first already read.
fn read_lines(
    cx: &mut Ctx,
    input: &str,
    position: Option<&str>,
    inflated: bool,
    mut reader: BufReader<impl Read>,
    (mut line, mut read): (Vec<u8>, Line),
) -> bool {
    let cap = cx.limits.max_unit_bytes;
    let at = |n: usize| match position {
        Some(p) => format!("{p}:line {n}"),
        None => format!("line {n}"),
    };
    let mut line_no = 1;
    // About the longest recent line, up to 256 KiB: the next line's buffer is made that large,
    // so that lines of mixed lengths seldom grow (and copy) a buffer made for a shorter one. It
    // fades by an eighth a line, so one huge line does not size the buffers of all the lines
    // after it (each buffer travels with its unit: a window of them is alive at once).
    let mut longest: usize = 0;
    loop {
        let keep_going = match read {
            Line::Eof => return true,
            Line::TooLong => {
                let reason = format!("too large: the line is over the limit of {cap} bytes");
                // The rest of the line is skipped, a buffer at a time.
                cx.fail(input, Some(&at(line_no)), reason) && skip_line(&mut reader).is_ok()
            }
            Line::Full | Line::Last if line.trim_ascii().is_empty() => true,
            Line::Full | Line::Last => {
                // The line's buffer goes with the unit (no copy); the next gets one as large as
                // `longest` (a unit's room counts its length, not what its buffer reserves).
                let (kept, len) = (line.trim_ascii_end().len(), line.len());
                longest = (longest - longest / 8).max(len).min(1 << 18);
                let next = Vec::with_capacity(longest);
                let mut bytes = std::mem::replace(&mut line, next);
                bytes.truncate(kept);
                let ahead = read == Line::Full && next_line_held(reader.buffer());
                cx.line(input, Some(&at(line_no)), line_no as u64, bytes, ahead)
            }
        };
        if !keep_going || read == Line::Last {
            return keep_going;
        }
        line.clear();
        line_no += 1;
        read = match read_line(&mut reader, &mut line, cap) {
            Ok(r) => r,
            Err(e) => return cx.fail(input, Some(&at(line_no)), read_error(&e, inflated)),
        };
    }
}

/// Whether the next line that is not blank is whole in `held` (what the read buffer holds):
/// then the reader gets to it without reading more.
fn next_line_held(held: &[u8]) -> bool {
    match held.iter().position(|b| !b.is_ascii_whitespace()) {
        Some(start) => memchr::memchr(b'\n', &held[start..]).is_some(),
        None => false,
    }
}

/// How a line read ended.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Line {
    /// Nothing was left.
    Eof,
    /// A line ending in a newline.
    Full,
    /// The last line, without a newline.
    Last,
    /// Over the cap: `buf` is cleared and the rest of the line is left unread.
    TooLong,
}

/// Reads one line (with its newline) into `buf`, never holding more than `cap` bytes: what
/// `reader.take(cap + 1).read_until(b'\n', buf)` reads (`lines_are_read_as_read_until_reads`),
/// with the newline found by `memchr`, many bytes a step, where `read_until` looks at one.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>, cap: usize) -> io::Result<Line> {
    let limit = cap.saturating_add(1);
    let mut n = 0;
    while n < limit {
        let available = match reader.fill_buf() {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let available = &available[..available.len().min(limit - n)];
        let (used, ended) = match memchr::memchr(b'\n', available) {
            Some(i) => (i + 1, true),
            None => (available.len(), available.is_empty()),
        };
        if buf.is_empty() && buf.capacity() < used {
            // A fresh buffer, not a grown one: growing copies the whole old allocation (the
            // previous line's size) though it holds nothing yet.
            *buf = Vec::with_capacity(used);
        }
        buf.extend_from_slice(&available[..used]);
        reader.consume(used);
        n += used;
        if ended {
            break;
        }
    }
    if n == 0 {
        return Ok(Line::Eof);
    }
    if buf.len() > cap {
        // Freed, not cleared: the next line's buffer travels with its unit, and must not
        // carry this one's over-the-limit allocation with it.
        *buf = Vec::new();
        return Ok(Line::TooLong);
    }
    if buf.last() == Some(&b'\n') {
        return Ok(Line::Full);
    }
    Ok(Line::Last)
}

/// Skips to just past the next newline (or the end).
fn skip_line(reader: &mut impl BufRead) -> io::Result<()> {
    loop {
        let chunk = reader.fill_buf()?;
        if chunk.is_empty() {
            return Ok(());
        }
        match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => {
                reader.consume(i + 1);
                return Ok(());
            }
            None => {
                let len = chunk.len();
                reader.consume(len);
            }
        }
    }
}

/// Whether a plain file (no zip or gzip file) called `name` holding `bytes` is read as JSON
/// Lines, as [`read_stream`] decides it: by its name (`.jsonl`, `.ndjson`), or by its first
/// line and the next ([`looks_like_jsonl`]).
pub(super) fn is_json_lines(name: &str, bytes: &[u8]) -> bool {
    if is_jsonl_name(&name.to_ascii_lowercase()) {
        return true;
    }
    let Some(newline) = bytes.iter().position(|&b| b == b'\n') else {
        return false;
    };
    let (first, mut rest) = bytes.split_at(newline + 1);
    looks_like_jsonl(first, &mut rest)
}

/// A first line that is a whole JSON object, followed by another line starting with `{`:
/// JSON Lines, as `fetch --raw` writes them. A pretty-printed document's first line is `{`
/// alone, which is not a whole object.
fn looks_like_jsonl(first: &[u8], reader: &mut impl BufRead) -> bool {
    let trimmed = first.trim_ascii();
    if !(trimmed.starts_with(b"{") && trimmed.ends_with(b"}")) {
        return false;
    }
    let next = match reader.fill_buf() {
        Ok(b) => b,
        Err(_) => return false,
    };
    if next.trim_ascii_start().first() != Some(&b'{') {
        return false;
    }
    serde_json::from_slice::<serde::de::IgnoredAny>(trimmed).is_ok()
}

#[cfg(test)]
mod tests {
    use super::super::readers::{read_memory, Limits};
    use super::super::Unit;

    type Piece = (Option<String>, Result<Vec<u8>, String>);

    fn units(bytes: &[u8], limits: Limits) -> Vec<Piece> {
        let mut out = Vec::new();
        read_memory("-", bytes.to_vec(), &limits, &mut |u: Unit| {
            out.push((u.position, u.bytes));
            true
        });
        out
    }

    #[test]
    fn json_lines_are_split_by_content_and_blank_lines_skipped() {
        let out = units(b"{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}", Limits::default());
        let lines: Vec<_> = out
            .iter()
            .map(|(p, b)| {
                (
                    p.clone().unwrap(),
                    String::from_utf8(b.clone().unwrap()).unwrap(),
                )
            })
            .collect();
        assert_eq!(
            lines,
            [
                ("line 1".to_string(), "{\"a\":1}".to_string()),
                ("line 3".to_string(), "{\"b\":2}".to_string()),
                ("line 4".to_string(), "{\"c\":3}".to_string())
            ]
        );
    }

    #[test]
    fn pretty_json_and_text_stay_whole() {
        let doc = b"{\n  \"a\": 1\n}\n";
        assert_eq!(units(doc, Limits::default()), [(None, Ok(doc.to_vec()))]);
        let one_line = b"{\"a\":1}\n";
        assert_eq!(
            units(one_line, Limits::default()),
            [(None, Ok(one_line.to_vec()))]
        );
        let text = b"Study page\nline two\n";
        assert_eq!(units(text, Limits::default()), [(None, Ok(text.to_vec()))]);
    }

    #[test]
    fn a_document_over_the_cap_is_too_large_not_empty() {
        let limits = Limits {
            max_unit_bytes: 100,
            ..Limits::default()
        };
        let too_large = "too large: over the limit of 100 bytes (reading stopped there)";
        // Blank bytes with no newline (once "empty input"), and lines of them.
        for bytes in [vec![b' '; 101], vec![0; 500], b"\n".repeat(101)] {
            assert_eq!(units(&bytes, limits), [(None, Err(too_large.to_string()))]);
        }
        let exact = vec![b'x'; 100];
        assert_eq!(units(&exact, limits), [(None, Ok(exact.clone()))]);
        // In JSON Lines, one line over the cap is one error entry; the next line still reads.
        let mut lines = b"{\"a\":1}\n{\"b\":\"".to_vec();
        lines.extend(vec![b'x'; 200]);
        lines.extend(b"\"}\n{\"c\":3}\n");
        let out = units(&lines, limits);
        assert_eq!(out.len(), 3);
        assert_eq!(
            out[1],
            (
                Some("line 2".into()),
                Err("too large: the line is over the limit of 100 bytes".into())
            )
        );
        assert_eq!(out[2], (Some("line 3".into()), Ok(b"{\"c\":3}".to_vec())));
    }

    #[test]
    fn the_next_line_is_held_only_when_whole() {
        for (held, want) in [
            (&b""[..], false),
            (b"{\"a\":1}\n", true),
            (b"{\"a\"", false),
            (b"\n\r\n{\"a\":1}\n", true),
            (b"\n\n{\"a\"", false),
            (b"  \r\n\n", false),
        ] {
            assert_eq!(super::next_line_held(held), want, "{held:?}");
        }
    }

    /// Every line comes once, in order; a line is said to have the next one in memory except
    /// where the next one runs past the 64 kB read buffer, and at the end.
    #[test]
    fn lines_say_whether_the_next_is_in_memory() {
        use super::super::readers::read_memory_ahead;
        let line = format!("{{\"a\":\"{}\"}}\n", "x".repeat(990));
        let bytes = line.repeat(200).into_bytes();
        let mut seen = Vec::new();
        read_memory_ahead("big.jsonl", bytes, &Limits::default(), &mut |u, ahead| {
            seen.push((u.first_line, ahead));
            true
        });
        let lines: Vec<u64> = seen.iter().map(|&(n, _)| n).collect();
        assert_eq!(lines, (1..=200).collect::<Vec<u64>>());
        let not_ahead: Vec<u64> = seen.iter().filter(|s| !s.1).map(|s| s.0).collect();
        // 200 kB through a 64 kB buffer: three refills, then the last line.
        assert_eq!(not_ahead.len(), 4, "{not_ahead:?}");
        assert_eq!(not_ahead.last(), Some(&200));
    }

    /// A line over the cap leaves no allocation behind: the next line's buffer travels with
    /// its unit, and the room a unit takes counts its length only.
    #[test]
    fn a_line_over_the_cap_frees_its_buffer() {
        use super::{read_line, Line};
        let text = format!("{}\n{{}}\n", "x".repeat(10_000));
        let mut reader = std::io::BufReader::with_capacity(64, text.as_bytes());
        let mut buf = Vec::new();
        assert!(read_line(&mut reader, &mut buf, 1_000).unwrap() == Line::TooLong);
        assert_eq!(buf.capacity(), 0);
        super::skip_line(&mut reader).unwrap();
        assert!(read_line(&mut reader, &mut buf, 1_000).unwrap() == Line::Full);
        assert_eq!(buf, b"{}\n");
        assert!(buf.capacity() < 1_000, "{}", buf.capacity());
    }

    /// `read_line` reads what `take(cap + 1).read_until(b'\n', …)` reads, line after line,
    /// whatever the read buffer's size: lines shorter than, as long as and longer than the
    /// cap, a last line without a newline, blank lines.
    #[test]
    fn lines_are_read_as_read_until_reads() {
        use super::{read_line, Line};
        use std::io::{BufRead, BufReader, Read};
        let text = b"{\"a\":1}\n\n  \r\n0123456789\n012345678\n01234567890123456789\nend";
        for cap in [1, 5, 9, 10, 11, 64] {
            for buffer in [1, 3, 7, 64] {
                let mut ours = BufReader::with_capacity(buffer, &text[..]);
                let mut std = BufReader::with_capacity(buffer, &text[..]);
                loop {
                    let mut got = Vec::new();
                    let read = read_line(&mut ours, &mut got, cap).unwrap();
                    let mut want = Vec::new();
                    let n = (&mut std)
                        .take(cap as u64 + 1)
                        .read_until(b'\n', &mut want)
                        .unwrap();
                    if want.len() > cap {
                        want.clear();
                    }
                    assert_eq!(got, want, "cap {cap}, buffer {buffer}");
                    assert_eq!(read == Line::Eof, n == 0, "cap {cap}, buffer {buffer}");
                    if read == Line::TooLong {
                        super::skip_line(&mut ours).unwrap();
                        super::skip_line(&mut std).unwrap();
                    }
                    if n == 0 {
                        break;
                    }
                }
                assert!(ours.fill_buf().unwrap().is_empty());
            }
        }
    }
}
