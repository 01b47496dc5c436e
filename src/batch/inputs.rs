//! What the user named, expanded into sources: `-`, files, directories (recursive, in sorted
//! order so runs are reproducible) and glob patterns.

use std::path::{Path, PathBuf};

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
    },
    /// A name that gave nothing to read, and why.
    Missing {
        /// The name as given.
        name: String,
        /// Why nothing could be read.
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
    if path.is_dir() {
        return walk(path, emit);
    }
    if path.exists() || !is_pattern(name) {
        return emit(Source::File {
            path: path.to_path_buf(),
            name: name.to_string(),
        });
    }
    // Hidden files are skipped here as in directories: `*` does not match a leading dot.
    let options = glob::MatchOptions {
        require_literal_leading_dot: true,
        ..glob::MatchOptions::new()
    };
    let paths = match glob::glob_with(name, options) {
        Ok(p) => p,
        Err(e) => {
            return emit(Source::Missing {
                name: name.to_string(),
                reason: format!("bad glob pattern: {e}"),
            })
        }
    };
    let mut any = false;
    for entry in paths {
        any = true;
        let keep_going = match entry {
            Ok(p) if p.is_dir() => walk(&p, emit),
            Ok(p) => emit(Source::File {
                name: p.display().to_string(),
                path: p,
            }),
            Err(e) => emit(Source::Missing {
                name: e.path().display().to_string(),
                reason: e.error().to_string(),
            }),
        };
        if !keep_going {
            return false;
        }
    }
    any || emit(Source::Missing {
        name: name.to_string(),
        reason: "no file matches this pattern".into(),
    })
}

/// Glob metacharacters, as the `glob` crate reads them.
fn is_pattern(name: &str) -> bool {
    name.contains(['*', '?', '['])
}

/// Every file under `dir`, depth first, entries sorted by name; hidden files and folders
/// (`.DS_Store`, `.git`) are skipped.
fn walk(dir: &Path, emit: &mut dyn FnMut(Source) -> bool) -> bool {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let keep_going = match entry {
            Ok(e) if e.file_type().is_dir() => true,
            Ok(e) => emit(Source::File {
                name: e.path().display().to_string(),
                path: e.into_path(),
            }),
            Err(e) => emit(Source::Missing {
                name: e
                    .path()
                    .map_or_else(|| dir.display().to_string(), |p| p.display().to_string()),
                reason: e.to_string(),
            }),
        };
        if !keep_going {
            return false;
        }
    }
    true
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
                Source::Missing { name, reason } => format!("{name}: {reason}"),
            });
            true
        });
        out
    }

    #[test]
    fn directories_walk_sorted_and_globs_expand() {
        let dir = std::env::temp_dir().join(format!("trialnorm-inputs-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("b/sub")).unwrap();
        for f in ["b/sub/z.txt", "b/a.txt", "c.txt", "b/.hidden"] {
            std::fs::write(dir.join(f), "x").unwrap();
        }
        let d = dir.display().to_string();
        assert_eq!(
            names(&[&d]),
            [
                format!("{d}/b/a.txt"),
                format!("{d}/b/sub/z.txt"),
                format!("{d}/c.txt")
            ]
        );
        assert_eq!(
            names(&[&format!("{d}/**/*.txt"), "-"]),
            [
                format!("{d}/b/a.txt"),
                format!("{d}/b/sub/z.txt"),
                format!("{d}/c.txt"),
                "-".to_string()
            ]
        );
        let none = names(&[&format!("{d}/*.xml")]);
        assert_eq!(none, [format!("{d}/*.xml: no file matches this pattern")]);
        std::fs::remove_dir_all(dir).unwrap();
    }
}
