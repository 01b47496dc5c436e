//! What trial researchers ask of a record's history, as data: the primary outcomes added,
//! removed or reworded after the study started and after its primary completion ("outcome
//! switching"), the enrollment estimated against the enrollment actual, and how far the
//! completion dates slipped.
//!
//! Reference dates are the latest version's: the start and primary completion dates the
//! registry states last (usually `ACTUAL`), with their type, so a consumer sees when one is
//! still an estimate. A version is "after" a date when its history date falls after it;
//! when the date is only a month (`2018-03`) and the version falls within that month, it
//! is neither (`null`): the record does not say. Day counts take a month-precision date as
//! its first day, as cthist does (`R/clinicaltrials_gov_version.R`), and say so
//! (`approximate`).

use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use super::{StudyHistory, Version};
use crate::model::{DateType, DatedEvent, OutcomeKind};

/// The report on one study's history.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    /// The study.
    pub nct_id: String,
    /// How many versions the report reads.
    pub versions: usize,
    /// The start date changes are measured against: the latest version's.
    pub start: Option<DateAt>,
    /// The primary completion date changes are measured against: the latest version's.
    pub primary_completion: Option<DateAt>,
    /// Every change to the primary outcomes, in version order.
    pub primary_outcome_changes: Vec<OutcomeChange>,
    /// Of those, the ones after the start date.
    pub after_start: Counts,
    /// Of those, the ones after the primary completion date.
    pub after_primary_completion: Counts,
    /// Enrollment estimated against actual.
    pub enrollment: EnrollmentDrift,
    /// How far the primary completion date moved from its first statement to its last.
    pub primary_completion_slip: Option<Slip>,
    /// How far the study completion date moved.
    pub completion_slip: Option<Slip>,
}

/// A date as one version states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateAt {
    /// The date (ISO 8601, at the record's precision).
    pub date: String,
    /// Actual or estimated, as the version says.
    #[serde(rename = "type")]
    pub kind: Option<DateType>,
    /// The version that states it.
    pub version: u32,
    /// That version's date.
    pub version_date: String,
}

/// How a primary outcome changed from one version to the next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum OutcomeChangeKind {
    /// A primary outcome appears.
    Added,
    /// A primary outcome is gone.
    Removed,
    /// A primary outcome's measure is worded differently: one gone and one new in the same
    /// version whose content words mostly agree (see [`similarity`]).
    Reworded,
    /// The same measure with another time frame.
    TimeFrameChanged,
}

/// A primary outcome as one version words it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeText {
    /// What is measured.
    pub measure: String,
    /// When.
    pub time_frame: Option<String>,
}

/// One change to the primary outcomes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OutcomeChange {
    /// The version where it appears.
    pub version: u32,
    /// That version's date.
    pub date: String,
    /// The version compared against.
    pub from_version: u32,
    /// What happened.
    pub kind: OutcomeChangeKind,
    /// The outcome before (absent for an addition).
    pub before: Option<OutcomeText>,
    /// The outcome after (absent for a removal).
    pub after: Option<OutcomeText>,
    /// Whether the version is dated after the start date (`null`: cannot tell).
    pub after_start: Option<bool>,
    /// Whether the version is dated after the primary completion date.
    pub after_primary_completion: Option<bool>,
}

/// Primary outcome changes counted by kind.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Outcomes added.
    pub added: usize,
    /// Outcomes removed.
    pub removed: usize,
    /// Outcomes reworded.
    pub reworded: usize,
    /// Outcomes given another time frame.
    pub time_frame_changed: usize,
}

/// An enrollment count as one version states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EnrollmentAt {
    /// Participants.
    pub count: u64,
    /// The version that states it.
    pub version: u32,
    /// That version's date.
    pub version_date: String,
}

/// Enrollment estimated against actual.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct EnrollmentDrift {
    /// The first count stated as an estimate (the original estimated enrollment).
    pub estimated: Option<EnrollmentAt>,
    /// The last count stated as actual.
    pub actual: Option<EnrollmentAt>,
    /// Actual minus estimated, when both are stated.
    pub difference: Option<i64>,
}

/// How far a date moved from its first statement to its last.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Slip {
    /// The date as first stated.
    pub first: DateAt,
    /// The date as last stated.
    pub last: DateAt,
    /// Days from the first to the last (negative: moved earlier).
    pub days: i64,
    /// Whether a month-precision date was taken as its first day.
    pub approximate: bool,
    /// In how many versions the date changed.
    pub revisions: usize,
}

/// The report on the versions of `study` that were had.
pub fn report(study: &StudyHistory) -> Report {
    let versions = &study.versions;
    let latest = |event: fn(&Version) -> &DatedEvent| {
        versions.iter().rev().find_map(|v| date_at(v, event(v)))
    };
    let start = latest(|v| &v.trial.status.start);
    let primary_completion = latest(|v| &v.trial.status.primary_completion);
    let mut changes = primary_outcome_changes(versions);
    for c in &mut changes {
        c.after_start = start.as_ref().and_then(|s| after(&c.date, &s.date));
        c.after_primary_completion = primary_completion
            .as_ref()
            .and_then(|p| after(&c.date, &p.date));
    }
    let count = |flag: fn(&OutcomeChange) -> Option<bool>| {
        let mut counts = Counts::default();
        for c in changes.iter().filter(|c| flag(c) == Some(true)) {
            *match c.kind {
                OutcomeChangeKind::Added => &mut counts.added,
                OutcomeChangeKind::Removed => &mut counts.removed,
                OutcomeChangeKind::Reworded => &mut counts.reworded,
                OutcomeChangeKind::TimeFrameChanged => &mut counts.time_frame_changed,
            } += 1;
        }
        counts
    };
    Report {
        nct_id: study.nct_id.clone(),
        versions: versions.len(),
        after_start: count(|c| c.after_start),
        after_primary_completion: count(|c| c.after_primary_completion),
        start,
        primary_completion,
        primary_outcome_changes: changes,
        enrollment: enrollment(versions),
        primary_completion_slip: slip(versions, |v| &v.trial.status.primary_completion),
        completion_slip: slip(versions, |v| &v.trial.status.completion),
    }
}

fn date_at(v: &Version, event: &DatedEvent) -> Option<DateAt> {
    Some(DateAt {
        date: event.date.clone()?,
        kind: event.kind,
        version: v.entry.version,
        version_date: v.entry.date.clone(),
    })
}

/// The primary outcomes of a version, in order.
fn primaries(v: &Version) -> Vec<OutcomeText> {
    v.trial
        .outcomes
        .iter()
        .filter(|o| o.kind == Some(OutcomeKind::Primary))
        .map(|o| OutcomeText {
            measure: o.measure.clone(),
            time_frame: o.time_frame.clone(),
        })
        .collect()
}

/// The primary outcome changes between consecutive versions (dates not yet judged).
fn primary_outcome_changes(versions: &[Version]) -> Vec<OutcomeChange> {
    let mut out = Vec::new();
    for pair in versions.windows(2) {
        let (before, after) = (primaries(&pair[0]), primaries(&pair[1]));
        let change =
            |kind, before: Option<&OutcomeText>, after: Option<&OutcomeText>| OutcomeChange {
                version: pair[1].entry.version,
                date: pair[1].entry.date.clone(),
                from_version: pair[0].entry.version,
                kind,
                before: before.cloned(),
                after: after.cloned(),
                after_start: None,
                after_primary_completion: None,
            };
        let measures = |list: &[OutcomeText]| -> HashSet<String> {
            list.iter().map(|o| o.measure.clone()).collect()
        };
        let (kept_before, kept_after) = (measures(&before), measures(&after));
        for b in &before {
            let same = after.iter().find(|a| a.measure == b.measure);
            if let Some(a) = same.filter(|a| a.time_frame != b.time_frame) {
                out.push(change(
                    OutcomeChangeKind::TimeFrameChanged,
                    Some(b),
                    Some(a),
                ));
            }
        }
        let gone: Vec<&OutcomeText> = before
            .iter()
            .filter(|b| !kept_after.contains(&b.measure))
            .collect();
        let new: Vec<&OutcomeText> = after
            .iter()
            .filter(|a| !kept_before.contains(&a.measure))
            .collect();
        let (pairs, gone, new) = pair_rewordings(&gone, &new);
        for (b, a) in pairs {
            out.push(change(OutcomeChangeKind::Reworded, Some(b), Some(a)));
        }
        out.extend(
            gone.into_iter()
                .map(|b| change(OutcomeChangeKind::Removed, Some(b), None)),
        );
        out.extend(
            new.into_iter()
                .map(|a| change(OutcomeChangeKind::Added, None, Some(a))),
        );
    }
    out
}

type Pairing<'a> = (
    Vec<(&'a OutcomeText, &'a OutcomeText)>,
    Vec<&'a OutcomeText>,
    Vec<&'a OutcomeText>,
);

/// Pairs outcomes gone with outcomes new that are rewordings of each other, most similar
/// first; gives the pairs, then what stays gone and new.
fn pair_rewordings<'a>(gone: &[&'a OutcomeText], new: &[&'a OutcomeText]) -> Pairing<'a> {
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (i, g) in gone.iter().enumerate() {
        for (j, n) in new.iter().enumerate() {
            let s = similarity(&g.measure, &n.measure);
            if s >= REWORDED_AT_LEAST {
                candidates.push((s, i, j));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.partial_cmp(&a.0).unwrap_or(Ordering::Equal));
    let (mut used_gone, mut used_new) = (vec![false; gone.len()], vec![false; new.len()]);
    let mut pairs = Vec::new();
    for (_, i, j) in candidates {
        if !used_gone[i] && !used_new[j] {
            used_gone[i] = true;
            used_new[j] = true;
            pairs.push((i, j));
        }
    }
    // Report pairs in the order of the outcomes before.
    pairs.sort_unstable();
    let pairs = pairs.into_iter().map(|(i, j)| (gone[i], new[j])).collect();
    let rest = |list: &[&'a OutcomeText], used: &[bool]| {
        list.iter()
            .zip(used)
            .filter(|(_, u)| !**u)
            .map(|(o, _)| *o)
            .collect()
    };
    (pairs, rest(gone, &used_gone), rest(new, &used_new))
}

/// How similar two measures must be to count as one outcome reworded.
pub const REWORDED_AT_LEAST: f64 = 0.5;

/// Words that say nothing of what is measured.
pub const STOP_WORDS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with",
];

/// The Dice coefficient of two measures' content words (lower case, letters and digits,
/// [`STOP_WORDS`] left out): 1 for the same words, 0 for none in common. "Concentrations of
/// glutamate in dorsal anterior cingulate cortex" and "Concentrations of glutamate in
/// dorsal..." share 3 of 6 + 3 content words: 0.67, reworded; "Overall survival" and
/// "Progression-free survival" share 1 of 2 + 3: 0.4, one outcome replaced by another.
pub fn similarity(a: &str, b: &str) -> f64 {
    let words = |s: &str| -> HashSet<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .map(str::to_lowercase)
            .filter(|w| !w.is_empty() && !STOP_WORDS.contains(&w.as_str()))
            .collect()
    };
    let (a, b) = (words(a), words(b));
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.intersection(&b).count() as f64 / (a.len() + b.len()) as f64
}

/// The first estimate and the last actual count.
fn enrollment(versions: &[Version]) -> EnrollmentDrift {
    let at = |v: &Version, kind: DateType| {
        let e = &v.trial.enrollment;
        (e.kind == Some(kind)).then_some(())?;
        Some(EnrollmentAt {
            count: e.count?,
            version: v.entry.version,
            version_date: v.entry.date.clone(),
        })
    };
    let estimated = versions.iter().find_map(|v| at(v, DateType::Estimated));
    let actual = versions.iter().rev().find_map(|v| at(v, DateType::Actual));
    let difference = match (&estimated, &actual) {
        (Some(e), Some(a)) => Some(a.count as i64 - e.count as i64),
        _ => None,
    };
    EnrollmentDrift {
        estimated,
        actual,
        difference,
    }
}

/// How far a date moved from the first version stating it to the last.
fn slip(versions: &[Version], event: fn(&Version) -> &DatedEvent) -> Option<Slip> {
    let stated: Vec<DateAt> = versions
        .iter()
        .filter_map(|v| date_at(v, event(v)))
        .collect();
    let (first, last) = (stated.first()?, stated.last()?);
    let revisions = stated.windows(2).filter(|w| w[0].date != w[1].date).count();
    let (a, b) = (day(&first.date)?, day(&last.date)?);
    Some(Slip {
        days: (b.0 - a.0).num_days(),
        approximate: a.1 || b.1,
        revisions,
        first: first.clone(),
        last: last.clone(),
    })
}

/// An ISO 8601 date as a day, and whether it was only a month or year (taken as its first
/// day).
fn day(iso: &str) -> Option<(NaiveDate, bool)> {
    let parts = parts(iso)?;
    let date = NaiveDate::from_ymd_opt(
        parts[0] as i32,
        *parts.get(1).unwrap_or(&1),
        *parts.get(2).unwrap_or(&1),
    )?;
    Some((date, parts.len() < 3))
}

/// The numbers of an ISO 8601 date: year, then month and day when given.
fn parts(iso: &str) -> Option<Vec<u32>> {
    let parts = iso
        .split('-')
        .map(|p| p.parse::<u32>().ok())
        .collect::<Option<Vec<_>>>()?;
    (1..=3).contains(&parts.len()).then_some(parts)
}

/// Whether `when` falls after `reference`, compared at the coarser of their precisions:
/// `None` when they agree that far but one is less precise (the record does not say).
pub fn after(when: &str, reference: &str) -> Option<bool> {
    let (a, b) = (parts(when)?, parts(reference)?);
    let n = a.len().min(b.len());
    match a[..n].cmp(&b[..n]) {
        Ordering::Greater => Some(true),
        Ordering::Less => Some(false),
        Ordering::Equal if a.len() == 3 && b.len() == 3 => Some(false),
        Ordering::Equal => None,
    }
}

impl fmt::Display for DateAt {
    /// `2020-03-13 (ACTUAL, version 2)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.kind {
            Some(k) => write!(
                f,
                "{} ({}, version {})",
                self.date,
                type_name(k),
                self.version
            ),
            None => write!(f, "{} (version {})", self.date, self.version),
        }
    }
}

fn type_name(k: DateType) -> &'static str {
    match k {
        DateType::Actual => "ACTUAL",
        DateType::Estimated => "ESTIMATED",
    }
}

impl fmt::Display for Counts {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} added, {} removed, {} reworded, {} time frame changed",
            self.added, self.removed, self.reworded, self.time_frame_changed
        )
    }
}

impl fmt::Display for Report {
    /// The report as indented lines, for `history --changes`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |d: &Option<DateAt>| d.as_ref().map_or("not stated".into(), |d| d.to_string());
        writeln!(
            f,
            "primary outcomes (start {}, primary completion {}):",
            show(&self.start),
            show(&self.primary_completion)
        )?;
        if self.primary_outcome_changes.is_empty() {
            writeln!(f, "  no change")?;
        }
        for c in &self.primary_outcome_changes {
            writeln!(f, "  {c}")?;
        }
        writeln!(f, "  after start: {}", self.after_start)?;
        writeln!(
            f,
            "  after primary completion: {}",
            self.after_primary_completion
        )?;
        let e = &self.enrollment;
        let count = |x: &Option<EnrollmentAt>| {
            x.as_ref().map_or("not stated".into(), |x| {
                format!("{} (version {}, {})", x.count, x.version, x.version_date)
            })
        };
        write!(
            f,
            "enrollment: estimated {}, actual {}",
            count(&e.estimated),
            count(&e.actual)
        )?;
        match e.difference {
            Some(d) => writeln!(f, ", difference {d:+}")?,
            None => writeln!(f)?,
        }
        for (name, s) in [
            ("primary completion", &self.primary_completion_slip),
            ("completion", &self.completion_slip),
        ] {
            match s {
                Some(s) => writeln!(
                    f,
                    "{name}: {} → {}: {:+} days{}, {} revision{}",
                    s.first,
                    s.last,
                    s.days,
                    if s.approximate {
                        " (month precision)"
                    } else {
                        ""
                    },
                    s.revisions,
                    if s.revisions == 1 { "" } else { "s" }
                )?,
                None => writeln!(f, "{name}: not stated")?,
            }
        }
        Ok(())
    }
}

impl fmt::Display for OutcomeChange {
    /// `2 2020-06-01 ADDED (after start, after primary completion): "measure" [time frame]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            OutcomeChangeKind::Added => "ADDED",
            OutcomeChangeKind::Removed => "REMOVED",
            OutcomeChangeKind::Reworded => "REWORDED",
            OutcomeChangeKind::TimeFrameChanged => "TIME_FRAME_CHANGED",
        };
        let when = |flag: Option<bool>, name: &str| match flag {
            Some(true) => format!("after {name}"),
            Some(false) => format!("before {name}"),
            None => format!("{name} undetermined"),
        };
        write!(
            f,
            "{} {} {kind} ({}, {}): ",
            self.version,
            self.date,
            when(self.after_start, "start"),
            when(self.after_primary_completion, "primary completion")
        )?;
        let text = |o: &OutcomeText| match &o.time_frame {
            Some(t) => format!("{:?} [{t}]", o.measure),
            None => format!("{:?}", o.measure),
        };
        match (&self.before, &self.after) {
            (Some(b), Some(a)) => write!(f, "{} → {}", text(b), text(a)),
            (Some(b), None) => write!(f, "{}", text(b)),
            (None, Some(a)) => write!(f, "{}", text(a)),
            (None, None) => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fetch::{RawStudy, StudyVersion, VersionEntry};
    use crate::model::{Outcome, Registry, Trial};

    /// A version dated `date` with these primary outcomes (measure, time frame).
    fn version(number: u32, date: &str, primaries: &[(&str, &str)]) -> Version {
        let mut trial = Trial::new(Registry::Ctgov, crate::Format::CtgovApiV2Json);
        trial.status.start = DatedEvent {
            date: Some("2018-03-08".into()),
            kind: Some(DateType::Actual),
        };
        trial.status.primary_completion = DatedEvent {
            date: Some("2020-03".into()),
            kind: Some(DateType::Actual),
        };
        trial.outcomes = primaries
            .iter()
            .map(|(m, t)| Outcome {
                kind: Some(OutcomeKind::Primary),
                measure: m.to_string(),
                time_frame: Some(t.to_string()),
                ..Outcome::default()
            })
            .collect();
        Version {
            entry: VersionEntry {
                version: number,
                date: date.into(),
                status: None,
                module_labels: vec![],
            },
            raw: StudyVersion {
                version: number,
                study: RawStudy {
                    nct_id: "NCT03418623".into(),
                    json: "{}".into(),
                },
                body: "{}".into(),
            },
            trial,
        }
    }

    fn study(versions: Vec<Version>) -> StudyHistory {
        StudyHistory {
            nct_id: "NCT03418623".into(),
            listed: versions.iter().map(|v| v.entry.clone()).collect(),
            versions,
            missing: vec![],
        }
    }

    const GLU: &str = "Concentrations of glutamate in dorsal anterior cingulate cortex";
    const GLU2: &str = "Concentrations of glutamate in dorsal...";
    const GABA: &str = "Concentrations of GABA in dorsal anterior cingulate cortex";

    #[test]
    fn an_outcome_reworded_after_start_is_reworded_after_start() {
        let r = report(&study(vec![
            version(0, "2018-01-26", &[(GLU, "After 5 doses")]),
            version(1, "2018-09-14", &[(GLU2, "After 5 doses")]),
        ]));
        assert_eq!(r.primary_outcome_changes.len(), 1);
        let c = &r.primary_outcome_changes[0];
        assert_eq!(
            (c.version, c.from_version, c.kind),
            (1, 0, OutcomeChangeKind::Reworded)
        );
        assert_eq!(c.before.as_ref().unwrap().measure, GLU);
        assert_eq!(c.after.as_ref().unwrap().measure, GLU2);
        assert_eq!(
            (c.after_start, c.after_primary_completion),
            (Some(true), Some(false))
        );
        assert_eq!(r.after_start.reworded, 1);
        assert_eq!(r.after_primary_completion, Counts::default());
    }

    #[test]
    fn an_outcome_added_after_primary_completion_counts_after_both() {
        let r = report(&study(vec![
            version(0, "2018-01-26", &[(GLU, "After 5 doses")]),
            version(
                1,
                "2020-06-01",
                &[(GLU, "After 5 doses"), (GABA, "After 5 doses")],
            ),
        ]));
        assert_eq!(r.primary_outcome_changes.len(), 1);
        let c = &r.primary_outcome_changes[0];
        assert_eq!(c.kind, OutcomeChangeKind::Added);
        assert_eq!(c.before, None);
        assert_eq!(c.after.as_ref().unwrap().measure, GABA);
        assert_eq!(
            (c.after_start, c.after_primary_completion),
            (Some(true), Some(true))
        );
        assert_eq!(r.after_primary_completion.added, 1);
        assert_eq!(r.after_start.added, 1);
    }

    #[test]
    fn no_outcome_changed_gives_no_change_and_zero_counts() {
        let same = [(GLU, "After 5 doses")];
        let r = report(&study(vec![
            version(0, "2018-01-26", &same),
            version(1, "2018-09-14", &same),
            version(2, "2020-06-01", &same),
        ]));
        assert_eq!(r.primary_outcome_changes, []);
        assert_eq!(r.after_start, Counts::default());
        assert_eq!(r.after_primary_completion, Counts::default());
        assert_eq!(r.versions, 3);
        assert!(r.to_string().contains("  no change\n"), "{r}");
    }

    #[test]
    fn a_replaced_outcome_is_removed_and_added_and_a_new_time_frame_is_named() {
        let r = report(&study(vec![
            version(
                0,
                "2018-01-26",
                &[("Overall survival", "5 years"), (GLU, "Day 5")],
            ),
            version(
                1,
                "2020-03-20",
                &[("Progression-free survival", "5 years"), (GLU, "Day 7")],
            ),
        ]));
        let kinds: Vec<_> = r.primary_outcome_changes.iter().map(|c| c.kind).collect();
        assert_eq!(
            kinds,
            [
                OutcomeChangeKind::TimeFrameChanged,
                OutcomeChangeKind::Removed,
                OutcomeChangeKind::Added
            ]
        );
        // Within the month of a month-precision primary completion: the record does not say.
        assert!(r
            .primary_outcome_changes
            .iter()
            .all(|c| c.after_primary_completion.is_none() && c.after_start == Some(true)));
        assert_eq!(r.after_primary_completion, Counts::default());
    }

    #[test]
    fn enrollment_and_dates_drift_from_first_statement_to_last() {
        // A version stating an enrollment and a primary completion date, both of one kind.
        let stating = |number, date, count, completion: &str, kind| {
            let mut v = version(number, date, &[]);
            v.trial.enrollment = crate::model::Enrollment {
                count: Some(count),
                kind: Some(kind),
            };
            v.trial.status.primary_completion = DatedEvent {
                date: Some(completion.into()),
                kind: Some(kind),
            };
            v
        };
        let r = report(&study(vec![
            stating(0, "2018-01-26", 30, "2019-12", DateType::Estimated),
            stating(1, "2018-09-14", 30, "2019-12", DateType::Estimated),
            stating(2, "2020-06-01", 24, "2020-03-13", DateType::Actual),
        ]));
        let e = &r.enrollment;
        assert_eq!(
            (e.estimated.as_ref().map(|x| (x.count, x.version))),
            Some((30, 0))
        );
        assert_eq!(
            e.actual.as_ref().map(|x| (x.count, x.version)),
            Some((24, 2))
        );
        assert_eq!(e.difference, Some(-6));
        let s = r.primary_completion_slip.unwrap();
        // 2019-12-01 to 2020-03-13.
        assert_eq!((s.days, s.approximate, s.revisions), (103, true, 1));
        assert_eq!((s.first.version, s.last.version), (0, 2));
        let s = r.completion_slip;
        assert_eq!(s, None);
    }

    #[test]
    fn after_compares_at_the_coarser_precision() {
        assert_eq!(after("2018-09-14", "2018-03-08"), Some(true));
        assert_eq!(after("2018-01-26", "2018-03-08"), Some(false));
        assert_eq!(after("2018-03-08", "2018-03-08"), Some(false));
        assert_eq!(after("2018-03-20", "2018-03"), None);
        assert_eq!(after("2018-04-01", "2018-03"), Some(true));
        assert_eq!(after("2017-12-31", "2018"), Some(false));
        assert_eq!(after("soon", "2018"), None);
    }

    #[test]
    fn similarity_counts_content_words() {
        assert!((similarity(GLU, GLU2) - 2.0 / 3.0).abs() < 1e-9);
        assert!((similarity("Overall survival", "Progression-free survival") - 0.4).abs() < 1e-9);
        assert_eq!(similarity("Pain", "pain"), 1.0);
        assert_eq!(similarity("Pain", "Fatigue"), 0.0);
    }
}
