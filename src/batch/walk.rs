//! What the user named, expanded into sources: `-`, files, directories (recursive) and glob
//! patterns.
//!
//! Directories are walked as a stream (`walkdir`, unsorted: a directory of a million files
//! starts giving sources at once and is never listed whole in memory), in the order the file
//! system lists them. Links to files and directories are followed; a link back to a directory
//! the walk is inside (or to one that holds the directory named) is a loop, reported once as a
//! source that failed and not followed. Inside a walk or a glob only regular files are read:
//! named pipes, sockets and devices are failed sources, never opened. Hidden files and
//! folders (`.DS_Store`, `.git`) are skipped.

use std::fs::FileType;
use std::path::{Path, PathBuf};

/// Directories a walk keeps open at once (deeper levels are read into memory).
const MAX_OPEN_DIRS: usize = 64;

/// One source of bytes after expansion.
#[derive(Debug, Clone, PartialEq)]
pub enum Source {
    /// Standard input (`-`).
    Stdin,
    /// A file; `name` is how it is reported (the path as named or as found).
    File {
        /// The path to open.
        path: PathBuf,
        /// The name used in outputs and errors.
        name: String,
        /// Found by a walk or a glob: opened only if it is a regular file. A path named on the
        /// command line may also be a named pipe or a character device (`<(zcat x.gz)`), read
        /// as a stream.
        found: bool,
    },
    /// A name that gives nothing to read, and why.
    Failed {
        /// The name as given or found.
        name: String,
        /// Why nothing can be read.
        reason: String,
    },
}

/// Expands `names` in order, calling `emit` with each source as it is found (directories and
/// globs are walked lazily, so a huge tree is never listed up front). Stops early when `emit`
/// returns `false`.
pub fn for_each_source(names: &[String], emit: &mut dyn FnMut(Source) -> bool) {
    for name in names {
        if !expand(name, emit) {
            return;
        }
    }
}

fn expand(name: &str, emit: &mut dyn FnMut(Source) -> bool) -> bool {
    if name == "-" {
        return emit(Source::Stdin);
    }
    let path = Path::new(name);
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => {
            // A directory named with nothing in it is an input that gives nothing, as a
            // pattern that matches nothing is (a folder met inside a walk may be empty).
            let mut any = false;
            let keep_going = walk(path, &mut |source| {
                any = true;
                emit(source)
            });
            let reason = "an empty directory (no file to read; hidden files are skipped)";
            return keep_going && (any || emit(failed(name, reason.into())));
        }
        Ok(m) if !m.is_file() && !is_stream(&m.file_type()) => {
            return emit(failed(name, not_regular(&m.file_type())))
        }
        Ok(_) => return emit(file(path.to_path_buf(), false)),
        Err(_) if !is_pattern(name) => return emit(file(path.to_path_buf(), false)),
        Err(_) => {}
    }
    if name.contains("**") {
        return expand_recursive(name, emit);
    }
    let paths = match glob::glob_with(name, GLOB_OPTIONS) {
        Ok(p) => p,
        Err(e) => return emit(failed(name, format!("bad glob pattern: {e}"))),
    };
    // Whether anything was given: a pattern matching only empty directories gives nothing.
    let mut any = false;
    let mut counted = |source: Source| {
        any = true;
        emit(source)
    };
    for entry in paths {
        let keep_going = match entry {
            Ok(p) => match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => walk(&p, &mut counted),
                Ok(m) if !m.is_file() => counted(failed(&p, not_regular(&m.file_type()))),
                _ => counted(file(p, true)),
            },
            Err(e) => counted(failed(e.path(), format!("cannot read: {}", e.error()))),
        };
        if !keep_going {
            return false;
        }
    }
    any || emit(failed(name, "no file matches this pattern".into()))
}

fn file(path: PathBuf, found: bool) -> Source {
    Source::File {
        name: path.display().to_string(),
        path,
        found,
    }
}

fn failed(name: impl AsRef<Path>, reason: String) -> Source {
    Source::Failed {
        name: name.as_ref().display().to_string(),
        reason,
    }
}

/// Hidden files are skipped by patterns as in directories: `*` does not match a leading dot.
const GLOB_OPTIONS: glob::MatchOptions = glob::MatchOptions {
    case_sensitive: true,
    require_literal_separator: false,
    require_literal_leading_dot: true,
};

/// A pattern with `**`: the directory before its first pattern component is walked (the glob
/// crate's own recursion follows links without seeing loops, which a link loop turns into an
/// endless walk) and the files found are matched against it. Failures are reported when
/// their path matches, or when they are directories (a loop, a folder that cannot be listed).
fn expand_recursive(name: &str, emit: &mut dyn FnMut(Source) -> bool) -> bool {
    let pattern = match glob::Pattern::new(name) {
        Ok(p) => p,
        Err(e) => return emit(failed(name, format!("bad glob pattern: {e}"))),
    };
    let base: PathBuf = Path::new(name)
        .components()
        .take_while(|c| !is_pattern(&c.as_os_str().to_string_lossy()))
        .collect();
    let here = base.as_os_str().is_empty();
    let mut any = false;
    let keep_going = walk(if here { Path::new(".") } else { &base }, &mut |source| {
        let source = if here { strip_dot(source) } else { source };
        let wanted = match &source {
            Source::File { path, .. } => pattern.matches_path_with(path, GLOB_OPTIONS),
            Source::Failed { name, .. } => {
                pattern.matches_with(name, GLOB_OPTIONS) || Path::new(name).is_dir()
            }
            Source::Stdin => true,
        };
        any |= wanted;
        !wanted || emit(source)
    });
    keep_going && (any || emit(failed(name, "no file matches this pattern".into())))
}

/// A source found under `.`, named without the leading `./`.
fn strip_dot(source: Source) -> Source {
    match source {
        Source::File { path, found, .. } => {
            let path = path
                .strip_prefix(".")
                .map(Path::to_path_buf)
                .unwrap_or(path);
            file(path, found)
        }
        Source::Failed { name, reason } => Source::Failed {
            name: name.strip_prefix("./").map(str::to_string).unwrap_or(name),
            reason,
        },
        s => s,
    }
}

/// Glob metacharacters, as the `glob` crate reads them.
fn is_pattern(name: &str) -> bool {
    name.contains(['*', '?', '['])
}

/// A named pipe or character device: read as a stream when named on the command line.
pub(super) fn is_stream(kind: &FileType) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        kind.is_fifo() || kind.is_char_device()
    }
    #[cfg(not(unix))]
    {
        let _ = kind;
        false
    }
}

/// Why a file that is not a regular file is not read: `not a regular file (a named pipe)`.
pub fn not_regular(kind: &FileType) -> String {
    let what = if kind.is_dir() {
        "a directory"
    } else {
        special_kind(kind)
    };
    format!("not a regular file ({what})")
}

#[cfg(unix)]
fn special_kind(kind: &FileType) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    if kind.is_fifo() {
        "a named pipe"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() {
        "a character device"
    } else if kind.is_block_device() {
        "a block device"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &FileType) -> &'static str {
    "a special file"
}

/// Every file under `dir`, depth first, as the file system lists them.
fn walk(dir: &Path, emit: &mut dyn FnMut(Source) -> bool) -> bool {
    let root = std::fs::canonicalize(dir).ok();
    let mut walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .max_open(MAX_OPEN_DIRS)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    while let Some(entry) = walker.next() {
        let source = match entry {
            Ok(e) if e.file_type().is_dir() => match holds(e.path(), root.as_deref()) {
                Some(target) if e.path_is_symlink() => {
                    // walkdir has opened it already; do not descend.
                    walker.skip_current_dir();
                    let reason = format!(
                        "file system loop: links to {}, which holds {} (not followed)",
                        target.display(),
                        dir.display()
                    );
                    failed(e.path(), reason)
                }
                _ => continue,
            },
            Ok(e) if e.file_type().is_file() => file(e.into_path(), true),
            Ok(e) => failed(e.path(), not_regular(&e.file_type())),
            Err(e) => walk_error(&e, dir),
        };
        if !emit(source) {
            return false;
        }
    }
    true
}

/// The canonical `target` of a link when it is the walk's root or one of its ancestors:
/// walking it would come back here.
fn holds(link: &Path, root: Option<&Path>) -> Option<PathBuf> {
    let target = std::fs::canonicalize(link).ok()?;
    root.filter(|r| r.starts_with(&target)).map(|_| target)
}

fn walk_error(e: &walkdir::Error, dir: &Path) -> Source {
    let path = e.path().unwrap_or(dir);
    let reason = if let Some(ancestor) = e.loop_ancestor() {
        format!(
            "file system loop: links back to {} (not followed)",
            ancestor.display()
        )
    } else if let Some(io) = e.io_error() {
        let link = path.symlink_metadata().is_ok_and(|m| m.is_symlink());
        match (link, io.kind()) {
            (true, std::io::ErrorKind::NotFound) => format!("broken link: {io}"),
            (_, std::io::ErrorKind::PermissionDenied) if path.is_dir() => {
                format!("cannot list the directory: {io}")
            }
            _ => format!("cannot read: {io}"),
        }
    } else {
        e.to_string()
    };
    failed(path, reason)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(inputs: &[&str]) -> Vec<String> {
        let inputs: Vec<String> = inputs.iter().map(|s| s.to_string()).collect();
        let mut out = Vec::new();
        for_each_source(&inputs, &mut |s| {
            out.push(match s {
                Source::Stdin => "-".to_string(),
                Source::File { name, .. } => name,
                Source::Failed { name, reason } => format!("{name}: {reason}"),
            });
            true
        });
        out
    }

    fn scratch(test: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("trialnorm-walk-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn directories_walk_and_globs_expand() {
        let dir = scratch("walk");
        std::fs::create_dir_all(dir.join("b/sub")).unwrap();
        std::fs::create_dir_all(dir.join("x.json")).unwrap();
        for f in [
            "b/sub/z.txt",
            "b/a.txt",
            "c.txt",
            "b/.hidden",
            "x.json/in.txt",
        ] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let d = dir.display().to_string();
        let mut walked = names(&[&d]);
        walked.sort();
        assert_eq!(
            walked,
            [
                format!("{d}/b/a.txt"),
                format!("{d}/b/sub/z.txt"),
                format!("{d}/c.txt"),
                format!("{d}/x.json/in.txt"),
            ]
        );
        // A pattern without `**` is sorted (the glob crate sorts each directory it lists).
        assert_eq!(
            names(&[&format!("{d}/*.txt"), &format!("{d}/*/*.txt"), "-"]),
            [
                format!("{d}/c.txt"),
                format!("{d}/b/a.txt"),
                format!("{d}/x.json/in.txt"),
                "-".to_string()
            ]
        );
        // With `**` it walks, in the file system's order.
        let mut found = names(&[&format!("{d}/**/*.txt")]);
        found.sort();
        assert_eq!(found, walked);
        let none = names(&[&format!("{d}/*.xml")]);
        assert_eq!(none, [format!("{d}/*.xml: no file matches this pattern")]);
        // A directory named with no file in it (hidden ones aside) is a failure; an empty
        // folder inside a walk is not.
        std::fs::create_dir_all(dir.join("empty/.hidden")).unwrap();
        std::fs::write(dir.join("empty/.hidden/x.txt"), "x").unwrap();
        let empty = format!("{}/empty", dir.display());
        assert_eq!(
            names(&[&empty]),
            [format!(
                "{empty}: an empty directory (no file to read; hidden files are skipped)"
            )]
        );
        assert_eq!(
            names(&[&format!("{empty}*")]),
            [format!("{empty}*: no file matches this pattern")]
        );
        std::fs::create_dir_all(dir.join("b/nothing")).unwrap();
        let mut again = names(&[&d]);
        again.sort();
        assert_eq!(again, walked);
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[cfg(unix)]
    #[test]
    fn loops_are_reported_once_and_special_files_never_opened() {
        use std::os::unix::fs::symlink;
        let dir = scratch("loops");
        let d = dir.join("d");
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::write(d.join("a.txt"), "x").unwrap();
        symlink("..", d.join("up")).unwrap(); // to the parent of the walk root
        symlink("..", d.join("sub/back")).unwrap(); // to the walk root
        symlink("a.txt", d.join("alias.txt")).unwrap(); // a link to a file is read
        symlink("gone.txt", d.join("dangling.txt")).unwrap();
        let fifo = std::process::Command::new("mkfifo")
            .arg(d.join("pipe.txt"))
            .status()
            .unwrap();
        assert!(fifo.success());
        let dd = d.display().to_string();
        let mut walked = names(&[&dd]);
        walked.sort();
        let canonical = std::fs::canonicalize(&dir).unwrap();
        assert_eq!(
            walked,
            [
                format!("{dd}/a.txt"),
                format!("{dd}/alias.txt"),
                format!("{dd}/dangling.txt: broken link: No such file or directory (os error 2)"),
                format!("{dd}/pipe.txt: not a regular file (a named pipe)"),
                format!("{dd}/sub/back: file system loop: links back to {dd} (not followed)"),
                format!(
                    "{dd}/up: file system loop: links to {}, which holds {dd} (not followed)",
                    canonical.display()
                ),
            ]
        );
        // Named on the command line, a pipe is read as a stream (`<(zcat x.gz)`).
        assert_eq!(
            names(&[&format!("{dd}/pipe.txt")]),
            [format!("{dd}/pipe.txt")]
        );
        // A `**` pattern meets the same hazards once each (the glob crate alone would follow
        // the loops to the kernel's link limit, in every combination of them).
        let mut globbed = names(&[&format!("{dd}/**/*.txt")]);
        globbed.sort();
        assert_eq!(globbed, walked);
        let mut xml = names(&[&format!("{dd}/**/*.xml")]);
        xml.sort();
        assert_eq!(xml, walked[4..], "only the loops, which are folders");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
