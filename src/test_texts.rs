//! Texts for the tests that compare a scanner with the regex it replaces: every fixture file,
//! read once per test binary (pages, records, criteria texts: what the readers meet).

use std::sync::LazyLock;

static FIXTURE_FILES: LazyLock<Vec<String>> = LazyLock::new(|| {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    walkdir::WalkDir::new(fixtures)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.is_file())
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
});

static CHIA_TEXTS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let folder = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/criteria/chia-dev/texts"
    );
    let mut paths: Vec<_> = (std::fs::read_dir(folder).unwrap())
        .map(|e| e.unwrap().path())
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| std::fs::read_to_string(p).unwrap())
        .collect()
});

/// Every criteria text of the Chia development split (`fixtures/criteria/chia-dev/texts`), in
/// path order.
pub(crate) fn chia_texts() -> &'static [String] {
    &CHIA_TEXTS
}

/// `cases` (edge cases a test writes out), then every line of every fixture file, trimmed.
pub(crate) fn with_fixture_lines(cases: &[&str]) -> Vec<String> {
    let lines = fixture_files().iter().flat_map(|f| f.lines());
    (cases.iter().copied().chain(lines.map(str::trim)))
        .map(String::from)
        .collect()
}

/// Every fixture file that is UTF-8 text, whole, in path order.
pub(crate) fn fixture_files() -> &'static [String] {
    &FIXTURE_FILES
}
