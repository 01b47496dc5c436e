//! Sources to [`Unit`]s: plain documents, zip archives (each entry a unit), gzip files
//! (decompressed as a stream) and JSON Lines files of raw records (each line a unit).
//!
//! Everything streams: a document is read whole (it must be, to be parsed) but capped at
//! [`MAX_INPUT_BYTES`]; archives, gzip files and JSON Lines files are read piece by piece.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek};

use super::inputs::Source;
use super::Unit;
use crate::input::MAX_INPUT_BYTES;

const ZIP_MAGIC: &[u8] = b"PK\x03\x04";
const GZIP_MAGIC: &[u8] = b"\x1f\x8b";

/// Reads `source`, calling `emit` with each unit in order; stops early when `emit` returns
/// `false` (the consumer has gone).
pub fn read_source(source: Source, emit: &mut dyn FnMut(Unit) -> bool) -> bool {
    match source {
        Source::Missing { name, reason } => emit(failed(name, None, reason)),
        Source::Stdin => {
            let mut bytes = Vec::new();
            match io::stdin()
                .lock()
                .take(MAX_INPUT_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
            {
                Ok(_) => read_bytes("-".into(), bytes, emit),
                Err(e) => emit(failed("-".into(), None, e.to_string())),
            }
        }
        Source::File { path, name } => match File::open(&path) {
            Ok(file) => read_file(name, file, emit),
            Err(e) => emit(failed(name, None, e.to_string())),
        },
    }
}

fn failed(input: String, position: Option<String>, reason: String) -> Unit {
    Unit {
        input,
        position,
        bytes: Err(reason),
    }
}

fn read_file(name: String, file: File, emit: &mut dyn FnMut(Unit) -> bool) -> bool {
    let mut reader = BufReader::with_capacity(256 * 1024, file);
    let head = match reader.fill_buf() {
        Ok(h) => h,
        Err(e) => return emit(failed(name, None, e.to_string())),
    };
    let lower = name.to_ascii_lowercase();
    if head.starts_with(ZIP_MAGIC) || (lower.ends_with(".zip") && !head.is_empty()) {
        let mut file = reader.into_inner();
        if let Err(e) = file.rewind() {
            return emit(failed(name, None, e.to_string()));
        }
        return read_zip(name, file, emit);
    }
    if head.starts_with(GZIP_MAGIC) {
        let inner = lower.strip_suffix(".gz").unwrap_or(&lower).to_string();
        let gz = BufReader::new(flate2::bufread::MultiGzDecoder::new(reader));
        return read_stream(&name, None, is_jsonl_name(&inner), gz, emit);
    }
    read_stream(&name, None, is_jsonl_name(&lower), reader, emit)
}

/// Bytes already in memory (standard input): same dispatch as for a file.
fn read_bytes(name: String, bytes: Vec<u8>, emit: &mut dyn FnMut(Unit) -> bool) -> bool {
    if bytes.starts_with(ZIP_MAGIC) {
        return read_zip(name, io::Cursor::new(bytes), emit);
    }
    if bytes.starts_with(GZIP_MAGIC) {
        let gz = BufReader::new(flate2::read::MultiGzDecoder::new(io::Cursor::new(bytes)));
        return read_stream(&name, None, false, gz, emit);
    }
    read_stream(&name, None, false, io::Cursor::new(bytes), emit)
}

fn is_jsonl_name(lower: &str) -> bool {
    lower.ends_with(".jsonl") || lower.ends_with(".ndjson")
}

/// Every file entry of a zip archive, in archive order; a gzip entry is decompressed and a
/// JSON Lines entry split into lines. macOS resource forks (`__MACOSX/`) are skipped.
fn read_zip<R: Read + Seek>(name: String, reader: R, emit: &mut dyn FnMut(Unit) -> bool) -> bool {
    let mut archive = match zip::ZipArchive::new(reader) {
        Ok(a) => a,
        Err(e) => return emit(failed(name, None, format!("unreadable zip archive: {e}"))),
    };
    for i in 0..archive.len() {
        let entry = match archive.by_index(i) {
            Ok(e) => e,
            Err(e) => {
                let position = Some(format!("entry {}", i + 1));
                if !emit(failed(name.clone(), position, e.to_string())) {
                    return false;
                }
                continue;
            }
        };
        let entry_name = entry.name().to_string();
        if entry.is_dir() || entry_name.starts_with("__MACOSX/") {
            continue;
        }
        let lower = entry_name.to_ascii_lowercase();
        let keep_going = if lower.ends_with(".gz") {
            let inner = lower.strip_suffix(".gz").unwrap_or(&lower);
            let gz = BufReader::new(flate2::read::MultiGzDecoder::new(entry));
            read_stream(&name, Some(&entry_name), is_jsonl_name(inner), gz, emit)
        } else {
            let jsonl = is_jsonl_name(&lower);
            read_stream(&name, Some(&entry_name), jsonl, BufReader::new(entry), emit)
        };
        if !keep_going {
            return false;
        }
    }
    true
}

/// One stream: JSON Lines (by name, or when the first line is a whole JSON object and more
/// follows) gives a unit per non-blank line; anything else is one document.
fn read_stream(
    name: &str,
    position: Option<&str>,
    jsonl_by_name: bool,
    mut reader: impl BufRead,
    emit: &mut dyn FnMut(Unit) -> bool,
) -> bool {
    let at = |line: Option<usize>| match (position, line) {
        (Some(p), Some(n)) => Some(format!("{p}:line {n}")),
        (None, Some(n)) => Some(format!("line {n}")),
        (p, None) => p.map(str::to_string),
    };
    let mut first = Vec::new();
    let first_read = match read_line(&mut reader, &mut first) {
        Ok(r) => r,
        Err(e) => return emit(failed(name.into(), at(None), e.to_string())),
    };
    let jsonl =
        jsonl_by_name || (first_read == Line::Full && looks_like_jsonl(&first, &mut reader));
    if !jsonl {
        // One document: the first line, then the rest, up to the size cap (decode reports
        // anything over it as too large).
        let mut bytes = first;
        let rest = MAX_INPUT_BYTES as u64 + 1 - (bytes.len() as u64).min(MAX_INPUT_BYTES as u64);
        if first_read != Line::TooLong {
            if let Err(e) = reader.take(rest).read_to_end(&mut bytes) {
                return emit(failed(name.into(), at(None), e.to_string()));
            }
        }
        return emit(Unit {
            input: name.into(),
            position: at(None),
            bytes: Ok(bytes),
        });
    }
    let mut line_no = 1;
    let mut line = first;
    let mut read = first_read;
    loop {
        let unit = match read {
            Line::Eof => return true,
            Line::TooLong => Some(failed(
                name.into(),
                at(Some(line_no)),
                format!("line is over the limit of {MAX_INPUT_BYTES} bytes"),
            )),
            Line::Full | Line::Last if line.trim_ascii().is_empty() => None,
            Line::Full | Line::Last => Some(Unit {
                input: name.into(),
                position: at(Some(line_no)),
                bytes: Ok(line.trim_ascii_end().to_vec()),
            }),
        };
        if let Some(unit) = unit {
            if !emit(unit) {
                return false;
            }
        }
        if read == Line::Last {
            return true;
        }
        line.clear();
        line_no += 1;
        read = match read_line(&mut reader, &mut line) {
            Ok(r) => r,
            Err(e) => return emit(failed(name.into(), at(Some(line_no)), e.to_string())),
        };
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
    /// Over [`MAX_INPUT_BYTES`]: the rest of it was skipped.
    TooLong,
}

/// Reads one line (with its newline) into `buf`, never holding more than the size cap.
fn read_line(reader: &mut impl BufRead, buf: &mut Vec<u8>) -> io::Result<Line> {
    let n = reader
        .by_ref()
        .take(MAX_INPUT_BYTES as u64 + 1)
        .read_until(b'\n', buf)?;
    if n == 0 {
        return Ok(Line::Eof);
    }
    if buf.last() == Some(&b'\n') {
        return Ok(Line::Full);
    }
    if buf.len() > MAX_INPUT_BYTES {
        buf.clear();
        // Skip to the end of the overlong line, a buffer at a time.
        loop {
            let chunk = reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok(Line::TooLong);
            }
            match chunk.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    reader.consume(i + 1);
                    return Ok(Line::TooLong);
                }
                None => {
                    let len = chunk.len();
                    reader.consume(len);
                }
            }
        }
    }
    Ok(Line::Last)
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
    use super::*;

    type Piece = (Option<String>, Result<Vec<u8>, String>);

    fn units(bytes: &[u8]) -> Vec<Piece> {
        let mut out = Vec::new();
        read_bytes("-".into(), bytes.to_vec(), &mut |u| {
            out.push((u.position, u.bytes));
            true
        });
        out
    }

    #[test]
    fn json_lines_are_split_by_content_and_blank_lines_skipped() {
        let out = units(b"{\"a\":1}\n\n{\"b\":2}\r\n{\"c\":3}");
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
        assert_eq!(units(doc), [(None, Ok(doc.to_vec()))]);
        let one_line = b"{\"a\":1}\n";
        assert_eq!(units(one_line), [(None, Ok(one_line.to_vec()))]);
        let text = b"Study page\nline two\n";
        assert_eq!(units(text), [(None, Ok(text.to_vec()))]);
    }

    #[test]
    fn gzip_and_zip_are_opened() {
        use std::io::Write;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"a\":1}\n{\"b\":2}\n").unwrap();
        let gz = gz.finish().unwrap();
        assert_eq!(units(&gz).len(), 2);

        let mut zip = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let opts = zip::write::SimpleFileOptions::default();
        zip.add_directory("d/", opts).unwrap();
        zip.start_file("d/one.xml", opts).unwrap();
        zip.write_all(b"<clinical_study/>").unwrap();
        zip.start_file("two.jsonl", opts).unwrap();
        zip.write_all(b"{}\n{}\n").unwrap();
        let zip = zip.finish().unwrap().into_inner();
        let positions: Vec<_> = units(&zip).into_iter().map(|(p, _)| p.unwrap()).collect();
        assert_eq!(
            positions,
            ["d/one.xml", "two.jsonl:line 1", "two.jsonl:line 2"]
        );

        let broken = units(b"PK\x03\x04 truncated");
        assert!(broken[0]
            .1
            .as_ref()
            .unwrap_err()
            .starts_with("unreadable zip"));
    }
}
