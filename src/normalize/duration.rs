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

    /// `n` of this unit as an ISO 8601 duration (`P6M`, `PT24H`); joined, not `format!`ted,
    /// which cost more than the rest of the time frame's reading.
    fn iso(self, n: &str) -> String {
        let (before, after) = match self {
            Unit::Year => ("P", "Y"),
            Unit::Month => ("P", "M"),
            Unit::Week => ("P", "W"),
            Unit::Day => ("P", "D"),
            Unit::Hour => ("PT", "H"),
            Unit::Minute => ("PT", "M"),
        };
        [before, n, after].concat()
    }
}

/// The value of a number word below twenty, or of a tens word ("twenty" … "ninety").
fn number_word(w: &str) -> Option<u32> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 8] = [
        "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    if let Some(i) = ONES.iter().position(|x| *x == w) {
        return u32::try_from(i).ok();
    }
    TENS.iter()
        .position(|x| *x == w)
        .and_then(|i| u32::try_from(20 + 10 * i).ok())
}

/// The tokens of a lowercased time frame: numbers (with `.` or `,` between digit runs),
/// ASCII letter words, and the separators `, & / - –`. [`scan`] finds them by hand; this
/// regex is the definition, used for text with non-ASCII digits (which `\d` matches).
static TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\d+(?:[.,]\d+)*|[a-z]+|[,&/\-–]").unwrap());

/// [`TOKEN`]'s matches as (start, text), found without the regex: a time frame is a few
/// words, and the regex search cost more than all the rest of the reading. `None` when the
/// text has a non-ASCII numeric character, which [`TOKEN`] reads as Unicode does.
fn scan(lower: &str) -> Option<Vec<(usize, &str)>> {
    let b = lower.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let start = i;
        match b[i] {
            b'0'..=b'9' => {
                i = digits(b, i);
                // `(?:[.,]\d+)*`: a separator counts only with a digit after it.
                while i + 1 < b.len() && matches!(b[i], b'.' | b',') && b[i + 1].is_ascii_digit() {
                    i = digits(b, i + 1);
                }
            }
            b'a'..=b'z' => {
                while i < b.len() && b[i].is_ascii_lowercase() {
                    i += 1;
                }
            }
            b',' | b'&' | b'/' | b'-' => i += 1,
            0..=0x7f => {
                i += 1;
                continue;
            }
            _ => {
                let c = lower[i..].chars().next().expect("a char starts here");
                i += c.len_utf8();
                if c.is_numeric() {
                    return None;
                }
                if c != '–' {
                    continue;
                }
            }
        }
        out.push((start, &lower[start..i]));
    }
    Some(out)
}

/// The end of the ASCII digit run at `i`.
fn digits(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// The tokens of a lowercased time frame, by [`scan`] or, where it declines, [`TOKEN`].
fn tokens(lower: &str) -> Vec<(usize, &str)> {
    scan(lower).unwrap_or_else(|| {
        (TOKEN.find_iter(lower))
            .map(|m| (m.start(), m.as_str()))
            .collect()
    })
}

/// The numbers one numeric token states. A comma is a decimal separator only where the
/// number's form says so: one or two digits after it, and no list around it ("1,5 years" is
/// 1.5); "1,8,15" and "0,4" in "Weeks 0,4,8" are lists, "1,000" groups thousands.
fn numbers(tok: &str, list_around: bool, out: &mut Vec<String>) {
    if !tok.contains(',') {
        // One number, most tokens: no parts to split.
        out.push(plain_number(tok));
        return;
    }
    let parts: Vec<&str> = tok.split(',').collect();
    let decimal = parts.len() == 2
        && (1..=2).contains(&parts[1].len())
        && !parts[0].contains('.')
        && !list_around;
    let grouped = parts.len() >= 2
        && parts[0].len() <= 3
        && !parts[0].contains('.')
        && parts[1..].iter().all(|p| p.len() == 3 && !p.contains('.'))
        && !list_around;
    if decimal {
        out.push(plain_number(&format!("{}.{}", parts[0], parts[1])));
    } else if grouped {
        out.push(plain_number(&parts.concat()));
    } else {
        out.extend(parts.into_iter().map(plain_number));
    }
}

/// A number without leading zeros (one before a decimal point) nor trailing decimal zeros.
fn plain_number(n: &str) -> String {
    let t = n.trim_start_matches('0');
    let t = if t.is_empty() || t.starts_with('.') {
        format!("0{t}")
    } else {
        t.to_string()
    };
    if t.contains('.') {
        t.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        t
    }
}

/// The time points a time frame names, as ISO 8601 durations, in source order without repeats.
///
/// Numbers before a unit take that unit ("1, 3 and 12 month"); a unit before numbers applies
/// to them ("Weeks 4, 8 and 12", "Day 28", "Days 1,8,15"). Number words compose
/// ("twenty-four weeks", "thirty six months"). Words other than separators break the run, so
/// "2 times a day" names no time point. "Baseline" is the reference point the durations are
/// counted from, not a duration: it gives none ("Baseline, week 12" is `P12W`).
pub fn time_points(raw: &str) -> Vec<String> {
    let lower = if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        raw.to_lowercase()
    };
    let found = tokens(&lower);
    let tokens: Vec<&str> = found.iter().map(|&(_, t)| t).collect();
    // "Month -6" (six months before): a signed offset is no duration.
    let negative = |i: usize| {
        let before = &lower[..found[i].0];
        before.ends_with('-')
            && !before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric())
    };
    let is_num = |t: Option<&&str>| t.is_some_and(|t| t.as_bytes()[0].is_ascii_digit());
    let mut out: Vec<String> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut leading: Option<(Unit, bool)> = None;
    let push = |out: &mut Vec<String>, p: String| {
        if !out.contains(&p) {
            out.push(p);
        }
    };
    // The numbers of the current token, in one buffer for all of them.
    let mut values: Vec<String> = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let tok = tokens[i];
        i += 1;
        if tok.as_bytes()[0].is_ascii_digit() {
            if negative(i - 1) {
                continue;
            }
            // A list around: "1, 2,5" or "2,5, 6", or a plural unit before ("Days 1,15").
            let list_around = (i >= 3 && tokens[i - 2] == "," && is_num(tokens.get(i - 3)))
                || (tokens.get(i) == Some(&",") && is_num(tokens.get(i + 1)))
                || leading.is_some_and(|(_, plural)| plural);
            numbers(tok, list_around, &mut values);
        } else if let Some(mut n) = number_word(tok) {
            // "twenty-four", "thirty six": a tens word and a unit word make one number.
            if n >= 20 {
                let skip = usize::from(tokens.get(i) == Some(&"-") || tokens.get(i) == Some(&"–"));
                if let Some(u) = tokens.get(i + skip).and_then(|w| number_word(w)) {
                    if u < 10 {
                        n += u;
                        i += skip + 1;
                    }
                }
            }
            values.push(n.to_string());
        }
        if !values.is_empty() {
            for n in values.drain(..) {
                match leading {
                    Some((u, _)) => push(&mut out, u.iso(&n)),
                    None => pending.push(n),
                }
            }
        } else if let Some(u) = Unit::parse(tok) {
            if pending.is_empty() {
                leading = Some((u, tok.ends_with('s') && tok.len() > 3));
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
    use super::{scan, time_points, TOKEN};

    /// The hand scanner finds what the regex finds, on edge cases and on every time frame
    /// of the JSON fixtures (lowercased as `time_points` does).
    #[test]
    fn scan_finds_the_regex_tokens() {
        let mut frames: Vec<String> = [
            "",
            "1",
            "1.",
            "1.5",
            "1,5,",
            "1,,5",
            "1.2.3,4 x",
            ".5",
            "a1b22c",
            "week-4 – 8/12 & 16",
            "day\u{a0}1 é 2",
            "12–24",
            "months -6",
            "x_y z9",
            "Weeks 0,4,8 and 12; 1,000 days, 2.5.6 h",
            "Day −1 (U+2212), 10\u{2013}12",
        ]
        .map(String::from)
        .into();
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        for entry in walkdir::WalkDir::new(fixtures) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "json") {
                let json = std::fs::read_to_string(&path).unwrap();
                for (i, _) in json.match_indices("\"timeFrame\"") {
                    let rest = json[i + 11..].trim_start_matches([':', ' ']);
                    if let Some(v) = rest.strip_prefix('"').and_then(|r| r.split('"').next()) {
                        frames.push(v.to_string());
                    }
                }
            }
        }
        assert!(frames.len() > 200, "{} time frames", frames.len());
        for f in &frames {
            let lower = f.to_lowercase();
            let by_regex: Vec<(usize, &str)> = (TOKEN.find_iter(&lower))
                .map(|m| (m.start(), m.as_str()))
                .collect();
            assert_eq!(scan(&lower), Some(by_regex), "{f:?}");
        }
        // Non-ASCII digits are the regex's to read.
        assert_eq!(scan("day \u{664}"), None);
    }

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

    /// A comma is a decimal separator only where the number's form says so.
    #[test]
    fn list_commas_are_not_decimal_commas() {
        // Real time frames of the shared corpus.
        assert_eq!(
            time_points("Weeks 0,4,8 and 12"),
            ["P0W", "P4W", "P8W", "P12W"]
        );
        assert_eq!(time_points("Days 1,8,15"), ["P1D", "P8D", "P15D"]);
        assert_eq!(time_points("Days 1,15"), ["P1D", "P15D"]);
        assert_eq!(time_points("at 1, 2,5 years"), ["P1Y", "P2Y", "P5Y"]);
        // A decimal comma where nothing lists: one or two digits after it.
        assert_eq!(time_points("1,5 years"), ["P1.5Y"]);
        assert_eq!(time_points("Day 0,25"), ["P0.25D"]);
        // Three digits after a comma group thousands.
        assert_eq!(time_points("1,000 days"), ["P1000D"]);
    }

    #[test]
    fn number_words_compose() {
        assert_eq!(time_points("Twenty-four weeks"), ["P24W"]);
        assert_eq!(time_points("thirty six months"), ["P36M"]);
        assert_eq!(time_points("Forty–eight hours"), ["PT48H"]);
        assert_eq!(time_points("twenty weeks"), ["P20W"]);
        assert_eq!(time_points("fifteen days"), ["P15D"]);
        // A tens word before a number that is not a unit word stays itself.
        assert_eq!(time_points("twenty, 30 days"), ["P20D", "P30D"]);
    }

    /// "Baseline" is the point durations are counted from: no duration of its own.
    #[test]
    fn baseline_is_no_duration() {
        assert!(time_points("Baseline").is_empty());
        assert_eq!(
            time_points("Baseline, week 12, and week 24"),
            ["P12W", "P24W"]
        );
        assert_eq!(time_points("Baseline (Week 0)"), ["P0W"]);
        assert!(time_points("Pre-baseline (Month -3)").is_empty());
        assert_eq!(
            time_points("Pre-baseline (Months -6 and -3), baseline, Months 3, 6, 9 and 12"),
            ["P3M", "P6M", "P9M", "P12M"]
        );
    }
}
