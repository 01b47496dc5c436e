//! Values read with a warning when unreadable: the one place every reader (structured
//! mapper and page layer alike) turns a raw date, age bound or yes/no into a value, so the
//! same bad value gives the same warning whatever the source.

use crate::model::{Age, Trial, WarningCode};
use crate::normalize::{age, date, text};

/// An ISO 8601 date, or `None` with a `bad-date` warning quoting a value that holds no
/// date. Blank is no value, without a warning.
pub fn date(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<String> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let d = date::iso(raw);
    if d.is_none() {
        t.warn(WarningCode::BadDate, path, format!("{raw:?} is not a date"));
    }
    d
}

/// An age bound ("18 Years"); "N/A", "None" and blanks are no bound, anything else
/// unreadable is `None` with a `bad-age` warning.
pub fn age_bound(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<Age> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let a = age::bound(raw);
    if a.is_none() && !matches!(text::squash(raw).as_str(), "na" | "none" | "notapplicable") {
        t.warn(WarningCode::BadAge, path, format!("{raw:?} is not an age"));
    }
    a
}

/// A yes/no in words ("Yes", "No", "true", "Accepts Healthy Volunteers"); anything else is
/// `None` with an `unmapped-enum` warning. Blank is no value, without a warning.
pub fn yes_no(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<bool> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    match text::squash(raw).as_str() {
        "yes" | "true" | "acceptshealthyvolunteers" => Some(true),
        "no" | "false" => Some(false),
        _ => {
            t.warn(
                WarningCode::UnmappedEnum,
                path,
                format!("{raw:?} is not yes or no"),
            );
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unreadable_values_warn_once_and_blanks_do_not() {
        let mut t = Trial::default();
        assert_eq!(
            date(&mut t, "p", Some("March 3, 2020")).as_deref(),
            Some("2020-03-03")
        );
        assert_eq!(date(&mut t, "p", Some("  ")), None);
        assert_eq!(date(&mut t, "p", Some("soon")), None);
        assert_eq!(age_bound(&mut t, "p", Some("N/A")), None);
        assert_eq!(age_bound(&mut t, "p", Some("old")), None);
        assert_eq!(
            yes_no(&mut t, "p", Some("Accepts Healthy Volunteers")),
            Some(true)
        );
        assert_eq!(yes_no(&mut t, "p", Some("No")), Some(false));
        assert_eq!(yes_no(&mut t, "p", Some("Maybe")), None);
        let codes: Vec<_> = t.warnings.iter().map(|w| w.code).collect();
        assert_eq!(
            codes,
            [
                WarningCode::BadDate,
                WarningCode::BadAge,
                WarningCode::UnmappedEnum
            ]
        );
    }
}
