//! Batch input on a hostile file system, through the binary: a directory holding every hazard
//! of issue 18 (link loops, a named pipe, a socket, zip and gzip bombs, nested archives, a
//! directory named like a record, a vanished file) beside good records; an input that never
//! ends; an output pipe closed by its reader.
//!
//! Each run has a generous deadline against hangs, never a timing assertion. Run by root, the
//! hazard run drops to `nobody`, so the unreadable file and folder are unreadable to it. Peak memory is
//! the kernel's account of the process (`wait4`'s `ru_maxrss`), so the bound is checked
//! without sampling: the bombs hold gigabytes once inflated, the run may hold about one unit
//! cap (256 MiB).

use crate::util::*;

use std::ffi::CString;
use std::io::{BufRead, BufReader, Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// The cap on one unit (`trialnorm::input::MAX_INPUT_BYTES`).
const CAP: usize = trialnorm::input::MAX_INPUT_BYTES;

/// Long enough for a slow shared machine, short enough to fail a hang.
const DEADLINE: Duration = Duration::from_secs(180);

fn seed(name: &str) -> Vec<u8> {
    fixture(&format!("seeds/{name}"))
}

/// A gzip file of `mib` MiB of zero bytes, made of 1 MiB members (a reader must take
/// concatenated members as one stream), so it is cheap to build.
fn gzip_bomb(mib: usize) -> Vec<u8> {
    gzip(&vec![0; 1 << 20]).repeat(mib)
}

/// A zip whose entry `blank.xml` inflates to `mib` MiB of zero bytes but whose headers declare
/// 1 KiB, so only a cap checked while inflating stops it; `copy.xml` shares its compressed
/// data (an overlapping-entry bomb); `after.txt` is a good record.
fn zip_bomb(mib: usize) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let fast = zip::write::SimpleFileOptions::default().compression_level(Some(1));
    zip.start_file("blank.xml", fast).unwrap();
    let mib_of_zeros = vec![0u8; 1 << 20];
    for _ in 0..mib {
        zip.write_all(&mib_of_zeros).unwrap();
    }
    zip.shallow_copy_file("blank.xml", "copy.xml").unwrap();
    zip.start_file("after.txt", fast).unwrap();
    zip.write_all(&seed("NCT00479934.txt")).unwrap();
    let mut bytes = zip.finish().unwrap().into_inner();
    // The uncompressed size: at byte 22 of a local header, 24 of a central directory header.
    let size = ((mib << 20) as u32).to_le_bytes();
    let mut patched = 0;
    for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
        let mut at = 0;
        while let Some(i) = find(&bytes[at..], signature) {
            let field = at + i + offset;
            if bytes[field..field + 4] == size {
                bytes[field..field + 4].copy_from_slice(&1024u32.to_le_bytes());
                patched += 1;
            }
            at += i + 4;
        }
    }
    assert_eq!(
        patched, 3,
        "one local header, two central directory headers"
    );
    bytes
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn mkfifo(path: &Path) {
    let c = CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid NUL-terminated path; mkfifo only creates a file.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0, "mkfifo");
}

/// How a run of the binary ended.
struct Ended {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    /// The process's peak resident memory, in bytes.
    peak_rss: u64,
}

/// Reads a child's output on a thread, so a full pipe never blocks it.
fn drain(mut from: impl Read + Send + 'static) -> std::thread::JoinHandle<Vec<u8>> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        from.read_to_end(&mut bytes).unwrap();
        bytes
    })
}

/// Waits for `child` with a deadline (killing it and failing past it), reaping it with
/// `wait4` for its peak memory.
fn wait_bounded(child: Child) -> (ExitStatus, u64) {
    let pid = child.id() as libc::pid_t;
    let start = Instant::now();
    loop {
        let mut status = 0;
        // SAFETY: plain out-parameters for wait4; a zeroed rusage is a valid value.
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let r = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if r == pid {
            return (ExitStatus::from_raw(status), usage.ru_maxrss as u64 * 1024);
        }
        assert_eq!(r, 0, "wait4: {}", std::io::Error::last_os_error());
        if start.elapsed() > DEADLINE {
            // SAFETY: the child is ours and not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("trialnorm still running after {DEADLINE:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn command(args: &[&str], stdin: Stdio) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_trialnorm"));
    command
        .args(args)
        .current_dir(ROOT)
        .stdin(stdin)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

fn spawn(args: &[&str], stdin: Stdio) -> Child {
    command(args, stdin).spawn().unwrap()
}

/// Runs the binary to its end (or the deadline). Run by root, it runs as `nobody`, so that file
/// permissions hold for it.
fn run_bounded(args: &[&str]) -> Ended {
    use std::os::unix::process::CommandExt;
    let mut command = command(args, Stdio::null());
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } == 0 {
        command.uid(65534).gid(65534);
    }
    let mut child = command.spawn().unwrap();
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let (status, peak_rss) = wait_bounded(child);
    Ended {
        status,
        stdout: out.join().unwrap(),
        stderr: String::from_utf8(err.join().unwrap()).unwrap(),
        peak_rss,
    }
}

fn ids(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            v["ids"]["nct_id"].as_str().unwrap().to_string()
        })
        .collect()
}

#[test]
fn a_directory_of_hazards_gives_every_good_record_and_one_error_line_each() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let dir = scratch("hazards", "every");
    let input = dir.join("in");
    let classic = seed("NCT00479934.txt");
    let veeva = seed("NCT06722105.txt");
    // Good records: NCT00479934 ×3, NCT06722105 ×2.
    write(&input, "a-classic.txt", &classic);
    write(&input, "x.json/veeva.txt", &veeva); // a directory named like a record
    let inner = zip(&[("classic.txt", &classic), ("veeva.txt.gz", &gzip(&veeva))]);
    write(&input, "nested.zip", &zip(&[("inner.zip", &inner)]));
    // zip-bomb.zip: after.txt is the third NCT00479934.
    write(&input, "zip-bomb.zip", &zip_bomb(300));
    // Hazards, one error line each.
    write(&input, "gzip-bomb.txt.gz", &gzip_bomb(2048));
    let l4 = zip(&[("x.txt", &classic)]);
    let l3 = zip(&[("l4.zip", &l4)]);
    let l2 = zip(&[("l3.zip", &l3)]);
    write(&input, "deep.zip", &zip(&[("l2.zip", &l2)]));
    symlink("..", input.join("loop")).unwrap(); // the issue's `ln -s .. loop`
    std::fs::create_dir_all(input.join("sub")).unwrap();
    symlink("..", input.join("sub/back")).unwrap();
    mkfifo(&input.join("pipe.txt"));
    std::os::unix::net::UnixListener::bind(input.join("socket")).unwrap();
    symlink("gone.txt", input.join("vanished.txt")).unwrap();
    write(&input, "locked.txt", &classic);
    write(&input, "private/classic.txt", &classic);
    for locked in ["locked.txt", "private"] {
        let none = std::fs::Permissions::from_mode(0o000);
        std::fs::set_permissions(input.join(locked), none).unwrap();
    }

    let ended = run_bounded(&["parse", input.to_str().unwrap(), "--jobs", "2"]);
    let stderr = &ended.stderr;
    assert_eq!(ended.status.code(), Some(1), "{stderr}");

    let mut got = ids(&ended.stdout);
    got.sort();
    assert_eq!(
        got,
        [
            "NCT00479934",
            "NCT00479934",
            "NCT00479934",
            "NCT06722105",
            "NCT06722105"
        ],
        "{stderr}"
    );

    let i = input.display().to_string();
    let parent = std::fs::canonicalize(&dir).unwrap();
    let too_large = format!(
        "too large: over the limit of {CAP} bytes once decompressed (inflating stopped there)"
    );
    let mut want = [
        format!("{i}/zip-bomb.zip:blank.xml: {too_large}"),
        format!("{i}/zip-bomb.zip:copy.xml: its compressed data overlaps entry blank.xml's (a zip bomb): not inflated"),
        format!("{i}/gzip-bomb.txt.gz: {too_large}"),
        format!("{i}/deep.zip:l2.zip:l3.zip:l4.zip: an archive nested more than 3 deep: not opened"),
        format!("{i}/loop: file system loop: links to {}, which holds {i} (not followed)", parent.display()),
        format!("{i}/sub/back: file system loop: links back to {i} (not followed)"),
        format!("{i}/pipe.txt: not a regular file (a named pipe)"),
        format!("{i}/socket: not a regular file (a socket)"),
        format!("{i}/vanished.txt: broken link: No such file or directory (os error 2)"),
        format!("{i}/locked.txt: cannot open: Permission denied (os error 13)"),
        format!("{i}/private: cannot list the directory: Permission denied (os error 13)"),
    ];
    want.sort();
    let mut lines: Vec<String> = stderr
        .lines()
        .filter_map(|l| l.strip_prefix("trialnorm: "))
        .map(str::to_string)
        .collect();
    lines.sort();
    assert_eq!(lines, want, "{stderr}");
    let summary = format!(
        "summary: {} records read, 5 parsed, {} failed",
        5 + want.len(),
        want.len()
    );
    assert!(stderr.contains(&summary), "{stderr}");

    // The bombs hold 2.3 GiB once inflated; the run holds about one unit at most.
    eprintln!("peak memory: {} MiB", ended.peak_rss >> 20);
    assert!(
        ended.peak_rss < (CAP + CAP / 2) as u64,
        "peak memory {} MiB, over 1.5 × the 256 MiB unit cap",
        ended.peak_rss >> 20
    );
    std::fs::set_permissions(
        input.join("private"),
        std::fs::Permissions::from_mode(0o755),
    )
    .unwrap();
    std::fs::remove_dir_all(dir).unwrap();
}

/// Reads one line of the child's output on a thread, so a missing line fails at the deadline
/// instead of hanging the test.
fn first_line(stdout: ChildStdout) -> (String, BufReader<ChildStdout>) {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut reader = BufReader::new(stdout);
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let _ = tx.send((line, reader));
    });
    rx.recv_timeout(DEADLINE)
        .expect("a record before the stuck input ends")
}

/// Standard input that never ends (the test holds the pipe open) between two seeds: the record
/// before it is written while it is still stuck, and with a time budget it becomes an error line
/// and the record after it comes out.
#[test]
fn a_stuck_input_holds_back_nothing_already_parsed_and_times_out() {
    let a = "fixtures/seeds/NCT00479934.txt";
    let b = "fixtures/seeds/NCT06722105.txt";

    // No budget to speak of: the first record still arrives while standard input is open
    // (`--stream`: each record as it comes, without the notes that need the whole batch).
    let mut child = spawn(
        &["parse", a, "-", b, "--unit-timeout", "3600", "--stream"],
        Stdio::piped(),
    );
    let stdin = child.stdin.take().unwrap();
    let (line, rest) = first_line(child.stdout.take().unwrap());
    assert!(line.contains("\"NCT00479934\""), "{line}");
    drop(stdin); // now standard input ends: empty
    let out = drain(rest);
    let err = drain(child.stderr.take().unwrap());
    let (status, _) = wait_bounded(child);
    assert_eq!(ids(&out.join().unwrap()), ["NCT06722105"]);
    let stderr = String::from_utf8(err.join().unwrap()).unwrap();
    assert!(
        stderr.starts_with("trialnorm: -: empty input\n"),
        "{stderr}"
    );
    assert_eq!(status.code(), Some(1));

    // A one-second budget: the stuck input is an error line, the rest comes out.
    let mut child = spawn(
        &["parse", a, "-", b, "--unit-timeout", "1", "--quiet"],
        Stdio::piped(),
    );
    let stdin = child.stdin.take().unwrap();
    let out = drain(child.stdout.take().unwrap());
    let err = drain(child.stderr.take().unwrap());
    let (status, _) = wait_bounded(child);
    drop(stdin);
    assert_eq!(ids(&out.join().unwrap()), ["NCT00479934", "NCT06722105"]);
    let stderr = String::from_utf8(err.join().unwrap()).unwrap();
    assert_eq!(
        stderr,
        "trialnorm: -: no progress reading for 1 s: abandoned\n"
    );
    assert_eq!(status.code(), Some(1));
}

/// `trialnorm parse … | head -1`: the reader goes away, trialnorm ends as a Unix filter does,
/// killed by SIGPIPE, with nothing on standard error: no error line, and no summary, whether
/// records are written as parsed (`--stream`) or once the batch is read (the default).
#[test]
fn a_closed_output_pipe_ends_the_run_quietly() {
    let seed = "fixtures/seeds/NCT00479934.txt";
    for mode in [&["--stream"][..], &[]] {
        // Enough records to fill any pipe buffer many times over.
        let mut args = vec!["parse"];
        args.extend(mode);
        args.extend(std::iter::repeat_n(seed, 2000));
        let mut child = spawn(&args, Stdio::null());
        let err = drain(child.stderr.take().unwrap());
        let (line, rest) = first_line(child.stdout.take().unwrap());
        assert!(line.contains("\"NCT00479934\""), "{mode:?}");
        drop(rest);
        let (status, _) = wait_bounded(child);
        assert_eq!(status.signal(), Some(libc::SIGPIPE), "{mode:?}: {status:?}");
        assert_eq!(
            String::from_utf8(err.join().unwrap()).unwrap(),
            "",
            "{mode:?}"
        );
    }
}

/// The summary is the last thing a run prints: a log that takes both streams (`> run.log
/// 2>&1`) has every record and every error line before it, whether records are written as
/// parsed or once the batch is read.
#[test]
fn the_summary_comes_after_every_record() {
    let seed = "fixtures/seeds/NCT00479934.txt";
    let missing = "no-such-input.json";
    for mode in [&["--stream"][..], &[]] {
        let mut args = vec!["parse"];
        args.extend(mode);
        args.extend([seed, missing, seed]);
        let (status, text) = logged(&args, "summary_last");
        assert_eq!(status.code(), Some(1), "{args:?}");
        let summary = text.find("summary: 3 records read, 2 parsed, 1 failed");
        let summary = summary.unwrap_or_else(|| panic!("{args:?}: no summary in {text}"));
        let error = text
            .find("trialnorm: no-such-input.json: cannot open")
            .unwrap();
        let last_record = text.rfind("\"NCT00479934\"").unwrap();
        assert!(error < summary && last_record < summary, "{args:?}: {text}");
        // The per-format lines close the log.
        let tail = &text[summary..];
        assert!(
            tail.lines().skip(1).all(|l| l.starts_with("  ")),
            "{args:?}: {tail}"
        );
    }
}

/// An output file that cannot be created is said at once, before any input is read: a long
/// batch does not run only to fail at its end.
#[test]
fn an_output_that_cannot_be_created_fails_before_the_batch() {
    let args = [
        "parse",
        "-o",
        "/nonexistent-directory/out.jsonl",
        "fixtures/seeds/NCT00479934.txt",
    ];
    let (status, text) = logged(&args, "output_not_created");
    assert_eq!(status.code(), Some(1), "{text}");
    assert_eq!(
        text,
        "trialnorm: cannot create /nonexistent-directory/out.jsonl: No such file or directory (os error 2)\n"
    );
}

/// A run whose output cannot be written (a full disk: Linux's `/dev/full`) still gives its
/// summary, before the error that ends it, which names the output, whether the records are
/// written after the batch is read (the default) or as they come (`--stream`).
#[cfg(target_os = "linux")]
#[test]
fn the_summary_is_printed_when_the_output_cannot_be_written() {
    for mode in ["parse", "--stream"] {
        let mut args = vec!["parse", "-o", "/dev/full", "fixtures/seeds/NCT00479934.txt"];
        if mode != "parse" {
            args.push(mode);
        }
        let (status, text) = logged(&args, "summary_failed_write");
        assert_eq!(status.code(), Some(1), "{text}");
        let summary = text
            .find("summary: 1 record read, 1 parsed, 0 failed")
            .unwrap_or_else(|| panic!("{mode}: {text}"));
        let error = text
            .find("trialnorm: cannot write /dev/full: No space left on device")
            .unwrap_or_else(|| panic!("{mode}: {text}"));
        assert!(summary < error, "{text}");
    }
}

/// Runs trialnorm with standard output and standard error into one file, as a log takes them.
fn logged(args: &[&str], test: &str) -> (ExitStatus, String) {
    let dir = scratch("batch_hazards", test);
    let log_path = dir.join("run.log");
    let log = std::fs::File::create(&log_path).unwrap();
    let status = command(args, Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log)
        .status()
        .unwrap();
    let text = std::fs::read_to_string(&log_path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    (status, text)
}

/// Every command that writes to standard output ends the same quiet way when its reader is
/// already gone (`trialnorm schema | head -c 10`): killed by SIGPIPE, nothing on standard
/// error, never a panic or an error line.
#[test]
fn every_command_ends_quietly_on_a_closed_output_pipe() {
    let commands: [&[&str]; 5] = [
        &["schema"],
        &["schema", "--tables", "sql"],
        &[
            "compare",
            "fixtures/seeds/NCT00479934.txt",
            "fixtures/seeds/NCT06722105.txt",
        ],
        &[
            "diff",
            "fixtures/seeds/NCT00479934.txt",
            "fixtures/seeds/NCT06722105.txt",
        ],
        &["detect", "fixtures/seeds/NCT00479934.txt"],
    ];
    for args in commands {
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_trialnorm"));
        command.args(args);
        assert_ends_quietly_on_a_closed_pipe(command);
    }
}
