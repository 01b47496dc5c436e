//! Age bounds ("18 Years", "18 Years and older", "18 to 70 years old") and the registry's
//! standard age groups.

use super::lean::Lean;
use crate::model::{Age, AgeUnit, StdAge};

/// Days in a year, for converting days, hours and minutes to years.
const DAYS_PER_YEAR: f64 = 365.25;

fn unit_of(word: &str) -> Option<AgeUnit> {
    let w = word.to_ascii_lowercase();
    let w = w.trim_end_matches('s');
    Some(match w {
        "year" | "yr" | "y" => AgeUnit::Years,
        "month" | "mo" | "mth" => AgeUnit::Months,
        "week" | "wk" => AgeUnit::Weeks,
        "day" | "d" => AgeUnit::Days,
        "hour" | "hr" | "h" => AgeUnit::Hours,
        "minute" | "min" => AgeUnit::Minutes,
        _ => return None,
    })
}

/// Builds an [`Age`], computing its value in years (rounded to 4 decimals).
pub fn age(value: f64, unit: AgeUnit) -> Age {
    Age {
        value,
        unit,
        years: (in_years(value, unit) * 10_000.0).round() / 10_000.0,
    }
}

/// `value` in `unit` as years, unrounded: 12 months and 365.25 days are a year.
fn in_years(value: f64, unit: AgeUnit) -> f64 {
    match unit {
        AgeUnit::Years => value,
        AgeUnit::Months => value / 12.0,
        AgeUnit::Weeks => value * 7.0 / DAYS_PER_YEAR,
        AgeUnit::Days => value / DAYS_PER_YEAR,
        AgeUnit::Hours => value / 24.0 / DAYS_PER_YEAR,
        AgeUnit::Minutes => value / 1440.0 / DAYS_PER_YEAR,
    }
}

/// A `Lean` (as `RANGE`): compiled without Unicode for the ASCII text records hold.
static BOUND: Lean = Lean::new(r"(?i)^\s*(\d+(?:[.,]\d+)?)\s*([a-z]+)\b");

/// One bound: "18 Years", "6 months", "N/A" (none). The unit defaults to years when absent.
pub fn bound(raw: &str) -> Option<Age> {
    let s = raw.trim();
    if let Some(c) = BOUND.captures(s) {
        let group = |i| c.get(i).map_or("", |g| g.as_str());
        let value: f64 = group(1).replace(',', ".").parse().ok()?;
        return Some(age(value, unit_of(group(2))?));
    }
    let value: f64 = s.parse().ok()?;
    Some(age(value, AgeUnit::Years))
}

/// A `Lean`: its Unicode build (`\s`, `\d` and case-folded `[a-z]`, eight groups) was 3 M
/// instructions to compile, most of a page's age line; page ages are ASCII.
static RANGE: Lean = Lean::new(
    r"(?ix)
        (?P<min>\d+(?:[.,]\d+)?)\s*(?P<minunit>[a-z]+)?\s*(?:to|-|–|and)\s*(?P<max>\d+(?:[.,]\d+)?)\s*(?P<maxunit>[a-z]+)
        |(?P<lo>\d+(?:[.,]\d+)?)\s*(?P<lounit>[a-z]+)\s*(?:and\s+(?:older|over|above)|\+|or\s+older|and\s+up)
        |(?:up\s+to|under|younger\s+than|less\s+than)\s*(?P<hi>\d+(?:[.,]\d+)?)\s*(?P<hiunit>[a-z]+)
        |(?P<only>\d+(?:[.,]\d+)?)\s*(?P<onlyunit>[a-z]+)",
);

/// A range as pages print it: "18 Years and older", "18 to 70 years old",
/// "18 Years to 65 Years (Adult)", "up to 17 Years". Returns (minimum, maximum).
pub fn range(raw: &str) -> (Option<Age>, Option<Age>) {
    let num = |s: &str| s.replace(',', ".").parse::<f64>().ok();
    let Some(c) = RANGE.captures(raw) else {
        return (None, None);
    };
    if let (Some(min), Some(max)) = (c.name("min"), c.name("max")) {
        let max_unit = c.name("maxunit").and_then(|u| unit_of(u.as_str()));
        let min_unit = c
            .name("minunit")
            .and_then(|u| unit_of(u.as_str()))
            .or(max_unit);
        let make = |v: Option<f64>, u: Option<AgeUnit>| Some(age(v?, u?));
        return (
            make(num(min.as_str()), min_unit),
            make(num(max.as_str()), max_unit),
        );
    }
    let one = |v: &str, u: &str| Some(age(num(v)?, unit_of(u)?));
    if let (Some(v), Some(u)) = (c.name("lo"), c.name("lounit")) {
        return (one(v.as_str(), u.as_str()), None);
    }
    if let (Some(v), Some(u)) = (c.name("hi"), c.name("hiunit")) {
        return (None, one(v.as_str(), u.as_str()));
    }
    if let (Some(v), Some(u)) = (c.name("only"), c.name("onlyunit")) {
        return (one(v.as_str(), u.as_str()), None);
    }
    (None, None)
}

/// The registry's age groups for a range: child under 18, adult 18–64, older adult 65 and over.
pub fn std_ages(min: Option<&Age>, max: Option<&Age>) -> Vec<StdAge> {
    let lo = min.map_or(0.0, |a| a.years);
    let hi = max.map_or(f64::INFINITY, |a| a.years);
    let mut out = Vec::new();
    if lo < 18.0 {
        out.push(StdAge::Child);
    }
    if lo < 65.0 && hi >= 18.0 {
        out.push(StdAge::Adult);
    }
    if hi >= 65.0 {
        out.push(StdAge::OlderAdult);
    }
    out
}

/// The message for age bounds that contradict each other, a minimum above the maximum
/// (compared in unrounded years, not [`Age::years`]' 4 decimals: "24 Months" is above "1
/// Year", "12 Months" is not, "50 Minutes" is above "40 Minutes"): `None` when they do not,
/// or when either is missing. Both bounds are kept as stated; this only says so.
pub fn reversed(min: Option<&Age>, max: Option<&Age>) -> Option<String> {
    let (min, max) = (min?, max?);
    let years = |a: &Age| in_years(a.value, a.unit);
    let said = |a: &Age| {
        let unit: &str = a.unit.into();
        let unit = unit.to_ascii_lowercase();
        match a.value == 1.0 {
            true => format!("1 {}", unit.trim_end_matches('s')),
            false => format!("{} {unit}", a.value),
        }
    };
    (years(min) > years(max)).then(|| {
        format!(
            "the minimum age ({}) is above the maximum age ({}); both are kept as the record \
             states them",
            said(min),
            said(max)
        )
    })
}

/// A bound as a record states it: an age (`Some(Some(age))`), or no bound (`Some(None)`:
/// "N/A", "None", "No limit", "Not applicable"); `None` when it states neither (empty,
/// "Not stated", words that are no age), so that no groups are made up for it.
pub fn stated_bound(raw: &str) -> Option<Option<Age>> {
    let s = raw.trim();
    let squashed: String = (s.chars())
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    if matches!(
        squashed.as_str(),
        "na" | "none" | "notapplicable" | "nolimit" | "nolimits"
    ) {
        return Some(None);
    }
    bound(s).map(Some)
}

/// The registry's age groups of a record that states both bounds (ClinicalTrials.gov's XML
/// always does, "N/A" for none; WHO ICTRP and ISRCTN records do too): derived from them as
/// ClinicalTrials.gov derives its own, no bound being every group ("N/A" to "N/A": child,
/// adult and older adult). Empty when either bound is not stated.
pub fn std_ages_of_stated(min: &str, max: &str) -> Vec<StdAge> {
    match (stated_bound(min), stated_bound(max)) {
        (Some(lo), Some(hi)) => std_ages(lo.as_ref(), hi.as_ref()),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bounds() {
        assert_eq!(bound("18 Years"), Some(age(18.0, AgeUnit::Years)));
        assert_eq!(bound("6 Months").unwrap().years, 0.5);
        assert_eq!(bound("N/A"), None);
        assert_eq!(bound("28 Days").unwrap().unit, AgeUnit::Days);
    }

    #[test]
    fn ranges() {
        let (lo, hi) = range("18 Years and older");
        assert_eq!((lo.unwrap().value, hi), (18.0, None));
        let (lo, hi) = range("18 to 70 years old");
        assert_eq!((lo.unwrap().years, hi.unwrap().years), (18.0, 70.0));
        let (lo, hi) = range("18 Years to 65 Years   (Adult)");
        assert_eq!((lo.unwrap().years, hi.unwrap().years), (18.0, 65.0));
        let (lo, hi) = range("up to 17 Years");
        assert_eq!((lo, hi.unwrap().years), (None, 17.0));
        let (lo, hi) = range("6 months to 5 years");
        assert_eq!((lo.unwrap().years, hi.unwrap().years), (0.5, 5.0));
    }

    /// The ASCII builds of `BOUND` and `RANGE` match where the Unicode ones do, on age
    /// wordings as records and pages write them.
    #[test]
    fn ascii_builds_match_as_unicode_ones() {
        let mut texts = Vec::new();
        for n in ["18", "6", "0.5", "2,5", "65"] {
            for unit in ["", " Years", "years", " Months", " wk", " days (Child)"] {
                for joint in [
                    " to ",
                    "-",
                    " and ",
                    " ",
                    " and older",
                    "+",
                    " or older",
                    " and up",
                ] {
                    texts.push(format!("{n}{unit}{joint}70 Years (Adult, Older Adult)"));
                    texts.push(format!("Ages: {n}{unit}{joint}"));
                    texts.push(format!("up to {n}{unit}{joint}"));
                    texts.push(format!("younger  than {n}{unit}"));
                }
            }
        }
        assert_eq!(BOUND.check_builds_agree(&texts), texts.len());
        assert_eq!(RANGE.check_builds_agree(&texts), texts.len());
    }

    #[test]
    fn std_age_groups() {
        let a = |y| Some(age(y, AgeUnit::Years));
        use StdAge::*;
        assert_eq!(std_ages(a(18.0).as_ref(), None), vec![Adult, OlderAdult]);
        assert_eq!(
            std_ages(a(18.0).as_ref(), a(70.0).as_ref()),
            vec![Adult, OlderAdult]
        );
        assert_eq!(std_ages(a(18.0).as_ref(), a(64.0).as_ref()), vec![Adult]);
        assert_eq!(std_ages(None, a(17.0).as_ref()), vec![Child]);
        assert_eq!(std_ages(None, None), vec![Child, Adult, OlderAdult]);
        let all = vec![Child, Adult, OlderAdult];
        assert_eq!(std_ages_of_stated("N/A", "N/A"), all);
        assert_eq!(std_ages_of_stated("None", "Not applicable"), all);
        assert_eq!(
            std_ages_of_stated("18 Years", "N/A"),
            vec![Adult, OlderAdult]
        );
        assert_eq!(std_ages_of_stated("N/A", "17 Years"), vec![Child]);
        // A bound not stated (empty, "Not stated", no age) makes no groups.
        assert_eq!(std_ages_of_stated("", ""), vec![]);
        assert_eq!(std_ages_of_stated("Not stated", "N/A"), vec![]);
        assert_eq!(std_ages_of_stated("N/A", "adults"), vec![]);
    }
}
