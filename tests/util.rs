//! Helpers every test module shares: fixture paths, parsing a fixture, running the
//! `trialnorm` binary, scratch directories.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

use trialnorm::model::{OutcomeKind, Trial};

/// The crate root: fixtures, schemas and test data are found from here.
pub const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The bytes of `fixtures/<rel>`.
pub fn fixture(rel: &str) -> Vec<u8> {
    let path = format!("{ROOT}/fixtures/{rel}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The bytes of a file under the crate root (`tests/data/...`, `fixtures/...`).
pub fn file(rel: &str) -> Vec<u8> {
    let path = format!("{ROOT}/{rel}");
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The one record of `fixtures/<rel>`, detected by its bytes.
pub fn one(rel: &str) -> Trial {
    trialnorm::parse(&fixture(rel), None).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// How many outcomes of `kind` a record lists.
pub fn count(t: &Trial, kind: OutcomeKind) -> usize {
    t.outcomes.iter().filter(|o| o.kind == Some(kind)).count()
}

/// Runs the `trialnorm` binary in the crate root with no standard input.
pub fn trialnorm(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

/// Runs the `trialnorm` binary in the crate root, writing `stdin` to its standard input.
pub fn trialnorm_with_stdin(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .args(args)
        .current_dir(ROOT)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        // A command that stops reading early closes the pipe; that is its business.
        let _ = input.write_all(stdin);
    }
    child.wait_with_output().unwrap()
}

/// Runs the binary and gives its exit code, standard output and standard error as text.
pub fn cli(args: &[&str]) -> (Option<i32>, String, String) {
    let out = trialnorm(args);
    (
        out.status.code(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// A new empty directory for one test (`group` and `test` name it; the process id keeps
/// parallel runs apart).
pub fn scratch(group: &str, test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("trialnorm-{group}-{test}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// `bytes` gzipped (fast).
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(bytes).unwrap();
    gz.finish().unwrap()
}

/// A zip archive of `(name, bytes)` entries, deflated, in order.
pub fn zip(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        zip.start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// Writes `dir/name` (a relative path), creating its folders.
pub fn write(dir: &std::path::Path, name: &str, bytes: &[u8]) {
    let path = dir.join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, bytes).unwrap();
}

/// Runs `command` with its standard output a pipe whose reader is already gone (`… | head -c
/// 0`: its first write fails) and asserts that it ends as a Unix filter does: killed by
/// SIGPIPE, nothing on standard error, never a panic or an error line.
pub fn assert_ends_quietly_on_a_closed_pipe(mut command: Command) {
    use std::os::fd::{FromRawFd, OwnedFd};
    use std::os::unix::process::ExitStatusExt;
    // A pipe by libc (`std::io::pipe` is newer than the crate's rust-version), its read end
    // closed at once.
    let mut fds = [0; 2];
    // SAFETY: `fds` has room for the two descriptors `pipe` writes; each is owned once.
    let (reader, writer) = unsafe {
        assert_eq!(libc::pipe(fds.as_mut_ptr()), 0);
        (OwnedFd::from_raw_fd(fds[0]), OwnedFd::from_raw_fd(fds[1]))
    };
    drop(reader);
    let out = command
        .stdin(Stdio::null())
        .stdout(writer)
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    let what = format!("{:?}", command.get_args().collect::<Vec<_>>());
    assert_eq!(out.status.signal(), Some(libc::SIGPIPE), "{what}: {out:?}");
    assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{what}");
}

/// The records of `text` read as `format`, each read or failed; the error of the whole input
/// as an `Err`.
pub fn parse_text(
    text: &str,
    format: trialnorm::Format,
) -> Result<Vec<Result<Trial, trialnorm::Error>>, trialnorm::Error> {
    trialnorm::parse_all(text.as_bytes(), Some(format))
}

/// The text of the error that ends the records read from an input cut short, after checking
/// that they are `whole_before` records, each the same as the one at its place in `whole`
/// (the whole input's), then that one error: every cut accounted for. `context` names the
/// cut in a failure.
#[track_caller]
pub fn error_after_whole(
    records: &[Result<Trial, trialnorm::Error>],
    whole: &[Trial],
    whole_before: usize,
    context: &str,
) -> String {
    assert_eq!(records.len(), whole_before + 1, "{context}");
    assert!(
        whole_before <= whole.len(),
        "{context}: more records than the whole input's"
    );
    let (last, before) = records.split_last().unwrap();
    for (i, (r, w)) in before.iter().zip(whole).enumerate() {
        assert_eq!(r.as_ref().ok(), Some(w), "{context}: record {}", i + 1);
    }
    match last {
        Err(e) => e.to_string(),
        Ok(t) => panic!("{context}: the last record is no error: {:?}", t.ids.nct_id),
    }
}
