//! Outcome time frames to ISO 8601 durations: "6 month" → `P6M`, "1, 3 and 12 month" →
//! `P1M P3M P12M`, "At 1, 3, 6 month and 1 year" → `P1M P3M P6M P1Y`, "Day 28" → `P28D`.

use std::sync::LazyLock;

use regex::Regex;

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Year,
    Month,
    Week,
    Day,
    Hour,
    Minute,
}

impl Unit {
    fn parse(word: &str) -> Option<Unit> {
        Some(match word {
            "year" | "years" | "yr" | "yrs" | "y" => Unit::Year,
            "month" | "months" | "mo" | "mos" | "mths" | "mois" => Unit::Month,
            "week" | "weeks" | "wk" | "wks" | "w" => Unit::Week,
            "day" | "days" | "d" => Unit::Day,
            "hour" | "hours" | "hr" | "hrs" | "h" => Unit::Hour,
            "minute" | "minutes" | "min" | "mins" => Unit::Minute,
            _ => return None,
        })
    }

    fn iso(self, n: &str) -> String {
        match self {
            Unit::Year => format!("P{n}Y"),
            Unit::Month => format!("P{n}M"),
            Unit::Week => format!("P{n}W"),
            Unit::Day => format!("P{n}D"),
            Unit::Hour => format!("PT{n}H"),
            Unit::Minute => format!("PT{n}M"),
        }
    }
}

fn number_word(w: &str) -> Option<&'static str> {
    const WORDS: [&str; 13] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve",
    ];
    const DIGITS: [&str; 13] = [
        "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12",
    ];
    WORDS.iter().position(|x| *x == w).map(|i| DIGITS[i])
}

static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)?|[a-z]+|[,&/\-–]").unwrap());

/// The time points a time frame names, as ISO 8601 durations, in source order without repeats.
///
/// Numbers before a unit take that unit ("1, 3 and 12 month"); a unit before numbers applies
/// to them ("Weeks 4, 8 and 12", "Day 28"). Words other than separators break the run, so
/// "2 times a day" names no time point.
pub fn time_points(raw: &str) -> Vec<String> {
    let lower = raw.to_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut leading: Option<Unit> = None;
    let push = |out: &mut Vec<String>, p: String| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    for tok in TOKEN.find_iter(&lower).map(|m| m.as_str()) {
        let number = if tok.as_bytes()[0].is_ascii_digit() {
            Some(tok.replace(',', "."))
        } else {
            number_word(tok).map(str::to_string)
        };
        if let Some(n) = number {
            let n = n.trim_end_matches(".0").to_string();
            match leading {
                Some(u) => push(&mut out, u.iso(&n)),
                None => pending.push(n),
            }
        } else if let Some(u) = Unit::parse(tok) {
            if pending.is_empty() {
                leading = Some(u);
            } else {
                for n in pending.drain(..) {
                    push(&mut out, u.iso(&n));
                }
                leading = None;
            }
        } else if matches!(
            tok,
            "," | "&" | "/" | "-" | "–" | "and" | "or" | "to" | "at"
        ) {
            // Separators keep the run going.
        } else {
            pending.clear();
            leading = None;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::time_points;

    #[test]
    fn seed_time_frames() {
        assert_eq!(time_points("6 month"), ["P6M"]);
        assert_eq!(time_points("1, 3 and 12 month"), ["P1M", "P3M", "P12M"]);
        assert_eq!(
            time_points("At 1, 3, 6 month and 1 year,"),
            ["P1M", "P3M", "P6M", "P1Y"]
        );
        assert!(time_points("All along the trial").is_empty());
    }

    #[test]
    fn other_shapes() {
        assert_eq!(time_points("Day 28"), ["P28D"]);
        assert_eq!(time_points("Baseline, Week 4, Week 8"), ["P4W", "P8W"]);
        assert_eq!(time_points("Weeks 4, 8 and 12"), ["P4W", "P8W", "P12W"]);
        assert_eq!(time_points("up to 24 hours"), ["PT24H"]);
        assert_eq!(time_points("12-month follow-up"), ["P12M"]);
        assert_eq!(time_points("two years"), ["P2Y"]);
        assert_eq!(time_points("1.5 years"), ["P1.5Y"]);
        assert!(time_points("2 times a day").is_empty());
    }
}
