//! Record history: every posted version of a study as a normalized record, what changed
//! from each version to the next, and the changes trial researchers study (outcome
//! switching, enrollment estimates, completion dates; see [`report`]).
//!
//! The versions come from ClinicalTrials.gov's record-history endpoints
//! ([`crate::fetch::history`]); each is read as API v2 JSON, and its `source.version` names
//! the version number, date and changed modules. What changed between two versions is
//! [`crate::diff`]'s answer, lists matched by identity.
//!
//! ```no_run
//! use trialnorm::fetch::{Client, Config};
//! use trialnorm::history::{self, Selection};
//! let client = Client::new(Config::default())?;
//! let study = history::fetch_study(&client, "NCT03418623", &Selection::All, |_| {})?;
//! for step in history::timeline(&study.versions) {
//!     println!("{step}");
//! }
//! println!("{:?}", history::report::report(&study));
//! # Ok::<(), trialnorm::fetch::FetchError>(())
//! ```

pub mod report;
pub mod tables;

use std::fmt;
use std::str::FromStr;

use serde::Serialize;

use crate::diff::{diff, Change, DiffOptions};
use crate::fetch::{Client, FetchError, StudyVersion, VersionEntry};
use crate::model::RecordVersion;
use crate::{Format, Trial};

/// Which versions of a study to fetch.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    /// Every posted version.
    #[default]
    All,
    /// The version first posted.
    First,
    /// The latest version.
    Last,
    /// These version numbers: inclusive ranges, from `3`, `0,4` or `2-5`.
    Numbers(Vec<(u32, u32)>),
}

impl FromStr for Selection {
    type Err = String;

    /// `all`, `first`, `last`, or version numbers and ranges separated by commas (`0,3-5`).
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "all" => return Ok(Selection::All),
            "first" => return Ok(Selection::First),
            "last" => return Ok(Selection::Last),
            _ => {}
        }
        let bad = || format!("{s:?} is not all, first, last, or version numbers such as 0,3-5");
        let number = |t: &str| t.trim().parse::<u32>().map_err(|_| bad());
        let ranges = s
            .split(',')
            .map(|part| match part.split_once('-') {
                Some((a, b)) => {
                    let (a, b) = (number(a)?, number(b)?);
                    if a <= b {
                        Ok((a, b))
                    } else {
                        Err(bad())
                    }
                }
                None => number(part).map(|n| (n, n)),
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Selection::Numbers(ranges))
    }
}

impl Selection {
    /// The listed versions this selection takes, in version order, and the numbers it
    /// names that are not listed (each an error for its study: never a silent gap).
    pub fn pick<'a>(&self, listed: &'a [VersionEntry]) -> (Vec<&'a VersionEntry>, Vec<u32>) {
        match self {
            Selection::All => (listed.iter().collect(), Vec::new()),
            Selection::First => (listed.iter().take(1).collect(), Vec::new()),
            Selection::Last => (listed.iter().last().into_iter().collect(), Vec::new()),
            Selection::Numbers(ranges) => {
                let wanted = |n: u32| ranges.iter().any(|&(a, b)| (a..=b).contains(&n));
                let picked = listed.iter().filter(|e| wanted(e.version)).collect();
                // Single numbers must exist; a range takes what it covers.
                let unlisted = ranges
                    .iter()
                    .filter(|(a, b)| a == b && !listed.iter().any(|e| e.version == *a))
                    .map(|&(a, _)| a)
                    .collect();
                (picked, unlisted)
            }
        }
    }
}

/// One version of a study: its history entry, the response as sent, the normalized record.
#[derive(Debug, Clone)]
pub struct Version {
    /// The entry of the history list.
    pub entry: VersionEntry,
    /// The version response as the registry sent it.
    pub raw: StudyVersion,
    /// The study as of this version, `source.version` set.
    pub trial: Trial,
}

/// A version that was asked for and could not be had.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Missing {
    /// The version number.
    pub version: u32,
    /// Its date, when the history list gives it.
    pub date: Option<String>,
    /// The modules the history list gives as changed in it.
    pub changed_modules: Vec<String>,
    /// Why it is missing.
    pub reason: String,
}

/// The versions of one study that were fetched.
#[derive(Debug, Clone)]
pub struct StudyHistory {
    /// The study asked for.
    pub nct_id: String,
    /// Every version the history lists (also those not selected).
    pub listed: Vec<VersionEntry>,
    /// The selected versions that were had, in version order.
    pub versions: Vec<Version>,
    /// The selected versions that were not.
    pub missing: Vec<Missing>,
}

/// What [`fetch_study`] reports as it goes.
#[derive(Debug)]
pub enum Fetched<'a> {
    /// The history list was read; this many versions will be fetched.
    Listed(usize),
    /// A version arrived and was read.
    Version(&'a Version),
    /// A version could not be had.
    Missing(&'a Missing),
}

/// Fetches the selected versions of a study, telling `each` about every one as it comes.
/// The error is for a study whose history list cannot be had; a version that cannot be
/// had (or read) is a [`Missing`] of the result.
pub fn fetch_study(
    client: &Client,
    id: &str,
    selection: &Selection,
    mut each: impl FnMut(Fetched<'_>),
) -> Result<StudyHistory, FetchError> {
    let list = client.history(id)?;
    let (picked, unlisted) = selection.pick(&list.versions);
    let mut study = StudyHistory {
        nct_id: list.nct_id.clone(),
        listed: list.versions.clone(),
        versions: Vec::new(),
        missing: Vec::new(),
    };
    let listed_numbers = || match (list.versions.first(), list.versions.last()) {
        (Some(a), Some(b)) if a.version != b.version => format!("{} to {}", a.version, b.version),
        (Some(a), _) => a.version.to_string(),
        _ => "none".into(),
    };
    for version in unlisted {
        let missing = Missing {
            version,
            date: None,
            changed_modules: Vec::new(),
            reason: format!(
                "version {version} is not in the record history (versions {})",
                listed_numbers()
            ),
        };
        each(Fetched::Missing(&missing));
        study.missing.push(missing);
    }
    each(Fetched::Listed(picked.len()));
    for entry in picked {
        match fetch_version(client, &list.nct_id, entry) {
            Ok(version) => {
                each(Fetched::Version(&version));
                study.versions.push(version);
            }
            Err(reason) => {
                let missing = Missing {
                    version: entry.version,
                    date: Some(entry.date.clone()),
                    changed_modules: entry.module_labels.clone(),
                    reason: format!("version {}: {reason}", entry.version),
                };
                each(Fetched::Missing(&missing));
                study.missing.push(missing);
            }
        }
    }
    Ok(study)
}

/// Fetches and reads one version.
fn fetch_version(client: &Client, id: &str, entry: &VersionEntry) -> Result<Version, String> {
    let raw = client
        .study_version(id, entry.version)
        .map_err(|e| e.to_string())?;
    let mut trial = crate::parse(raw.study.json.as_bytes(), Some(Format::CtgovApiV2Json))
        .map_err(|e| e.to_string())?;
    trial.source.version = Some(RecordVersion {
        number: entry.version,
        date: Some(entry.date.clone()),
        changed_modules: entry.module_labels.clone(),
    });
    Ok(Version {
        entry: entry.clone(),
        raw,
        trial,
    })
}

/// One change from a version to the next.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    /// The version where the change appears.
    pub version: u32,
    /// That version's date.
    pub date: String,
    /// The version compared against (the one before it that was had).
    pub from_version: u32,
    /// What changed.
    #[serde(flatten)]
    pub change: Change,
}

impl fmt::Display for Step {
    /// `version date path: old → new`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} {}", self.version, self.date, self.change)
    }
}

/// What changed from each version to the next, in version order: [`crate::diff`] of the
/// two records (lists matched by identity), `source` and `warnings` left out.
pub fn timeline(versions: &[Version]) -> Vec<Step> {
    versions
        .windows(2)
        .flat_map(|pair| {
            let (before, after) = (&pair[0], &pair[1]);
            diff(&before.trial, &after.trial, DiffOptions::default())
                .into_iter()
                .map(|change| Step {
                    version: after.entry.version,
                    date: after.entry.date.clone(),
                    from_version: before.entry.version,
                    change,
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries(numbers: &[u32]) -> Vec<VersionEntry> {
        numbers
            .iter()
            .map(|&version| VersionEntry {
                version,
                date: "2020-01-01".into(),
                status: None,
                module_labels: vec![],
            })
            .collect()
    }

    #[test]
    fn a_selection_picks_listed_versions_and_names_unlisted_numbers() {
        let listed = entries(&[0, 1, 2, 3, 4]);
        let numbers = |s: &str| {
            let (picked, unlisted) = s.parse::<Selection>().unwrap().pick(&listed);
            (
                picked.iter().map(|e| e.version).collect::<Vec<_>>(),
                unlisted,
            )
        };
        assert_eq!(numbers("all"), (vec![0, 1, 2, 3, 4], vec![]));
        assert_eq!(numbers("First"), (vec![0], vec![]));
        assert_eq!(numbers("last"), (vec![4], vec![]));
        assert_eq!(numbers("3"), (vec![3], vec![]));
        assert_eq!(numbers("4, 0-1"), (vec![0, 1, 4], vec![]));
        assert_eq!(numbers("2-9"), (vec![2, 3, 4], vec![]));
        assert_eq!(numbers("1,7"), (vec![1], vec![7]));
        for bad in ["", "some", "3-1", "-1", "1,,2", "x-2"] {
            assert!(bad.parse::<Selection>().is_err(), "{bad}");
        }
    }
}
