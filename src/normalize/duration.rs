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
/// ASCII letter words, the separators `, & / - –`, and vulgar fractions (`½`). [`scan`] finds
/// them by hand; this regex is the definition, used for text with non-ASCII numeric
/// characters (non-ASCII digits, which `\d` matches, and the fractions).
static TOKEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d+(?:[.,]\d+)*|[a-z]+|[,&/\-–]|[\u{BC}-\u{BE}\u{2150}-\u{215E}\u{2189}]").unwrap()
});

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

/// An ordinal number word ("first" … "nineteenth", "twentieth" … "ninetieth"): its value.
fn ordinal_word(w: &str) -> Option<u32> {
    const ONES: [&str; 19] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
    ];
    const TENS: [&str; 8] = [
        "twentieth",
        "thirtieth",
        "fortieth",
        "fiftieth",
        "sixtieth",
        "seventieth",
        "eightieth",
        "ninetieth",
    ];
    if let Some(i) = ONES.iter().position(|x| *x == w) {
        return u32::try_from(1 + i).ok();
    }
    TENS.iter()
        .position(|x| *x == w)
        .and_then(|i| u32::try_from(20 + 10 * i).ok())
}

/// The decimal digits of a vulgar fraction character ("½" → "5"): `Some(None)` for one no
/// decimal writes exactly ("⅓"), which gives no time point rather than a rounded one.
fn vulgar_fraction(tok: &str) -> Option<Option<&'static str>> {
    Some(match tok {
        "½" => Some("5"),
        "¼" => Some("25"),
        "¾" => Some("75"),
        "⅕" => Some("2"),
        "⅖" => Some("4"),
        "⅗" => Some("6"),
        "⅘" => Some("8"),
        "⅛" => Some("125"),
        "⅜" => Some("375"),
        "⅝" => Some("625"),
        "⅞" => Some("875"),
        "⅒" => Some("1"),
        "⅐" | "⅑" | "⅓" | "⅔" | "⅙" | "⅚" | "↉" => None,
        _ => return None,
    })
}

/// The decimal digits of an ASCII fraction "1/2", "1/4" or "3/4" (tokens `a`, `/`, `b`). Other
/// slashed numbers are lists ("1/3/6 months").
fn ascii_fraction(a: &str, b: &str) -> Option<&'static str> {
    match (a, b) {
        ("1", "2") => Some("5"),
        ("1", "4") => Some("25"),
        ("3", "4") => Some("75"),
        _ => None,
    }
}

/// The fraction after a whole number, from token `i`: "15 ½", "1 1/2 hours", "and a half".
/// The tokens it takes, and its decimal digits (`None` where no decimal writes it exactly).
fn fraction_after(toks: &[&str], gaps: &[&str], i: usize) -> Option<(usize, Option<&'static str>)> {
    let t = |k: usize| toks.get(k).copied().unwrap_or("");
    if let Some(f) = vulgar_fraction(t(i)).filter(|_| blank(gaps[i])) {
        return Some((1, f));
    }
    if toks.get(i..i + 3) == Some(&["and", "a", "half"]) {
        return Some((3, Some("5")));
    }
    // "1 and 1/2 years": a half after "and", a unit after it.
    if toks.get(i..i + 4) == Some(&["and", "1", "/", "2"]) && Unit::parse(t(i + 4)).is_some() {
        return Some((4, Some("5")));
    }
    let glued = |k: usize| k < toks.len() && gaps[k].is_empty();
    let spaced = i < toks.len() && !gaps[i].is_empty() && blank(gaps[i]);
    if !(spaced && t(i + 1) == "/" && glued(i + 1) && glued(i + 2))
        || (t(i + 3) == "/" && glued(i + 3))
        || Unit::parse(t(i + 3)).is_none()
    {
        return None;
    }
    ascii_fraction(t(i), t(i + 2)).map(|d| (3, Some(d)))
}

/// Separators that continue a list of numbers: "1, 3 and 6", "4-6", "1 to 3", "6 or 12".
const LINKERS: [&str; 8] = [",", "&", "/", "-", "–", "and", "or", "to"];

/// Separators inside a skipped value: "± 1-2 days", "Cycles = 21 or 28 days".
const SKIP_LINKERS: [&str; 4] = ["-", "–", "to", "or"];

/// Words that may stand between ordinals and their unit: "1st postoperative day".
const ORDINAL_QUALIFIERS: [&str; 9] = [
    "post",
    "postoperative",
    "postop",
    "operative",
    "op",
    "postpartum",
    "postnatal",
    "study",
    "treatment",
];

/// Words whose number names an item, not a duration: "cycle 1", "visit 3", "dose 2",
/// "phase 3", "grade 2". Their plurals take a list ("cycles 1, 2 and 4").
const LABELS: [&str; 17] = [
    "cycle",
    "course",
    "visit",
    "dose",
    "part",
    "phase",
    "stage",
    "grade",
    "score",
    "level",
    "session",
    "cohort",
    "arm",
    "round",
    "step",
    "injection",
    "infusion",
];

/// Whether a word is a label ([`LABELS`]), and if so whether it is plural.
fn label_word(w: &str) -> Option<bool> {
    if LABELS.contains(&w) {
        return Some(false);
    }
    w.strip_suffix('s')
        .filter(|s| LABELS.contains(s))
        .map(|_| true)
}

/// Words a number may be written against without being part of a name: the points a time is
/// counted from ("baseline-12 months"), prepositions and list words ("post-6 months", a typed
/// "2 and16 weeks").
const NOT_NAMES: [&str; 25] = [
    "baseline",
    "screening",
    "randomization",
    "randomisation",
    "enrollment",
    "enrolment",
    "admission",
    "discharge",
    "surgery",
    "post",
    "pre",
    "to",
    "from",
    "and",
    "or",
    "at",
    "of",
    "in",
    "on",
    "by",
    "for",
    "within",
    "after",
    "until",
    "upto",
];

/// Whether the number after `before` is part of a name: written straight after a word's letters
/// or joined to them by "+" or "-" ("FEV1", "NIS+7", "IL-6", "COVID-19"). A unit word is no
/// name ("week-4", "D28"), nor is a [`NOT_NAMES`] word.
fn in_name(before: &str) -> bool {
    let b = before.strip_suffix(['+', '-']).unwrap_or(before);
    let word = &b[b.trim_end_matches(char::is_alphabetic).len()..];
    !word.is_empty() && Unit::parse(word).is_none() && !NOT_NAMES.contains(&word)
}

/// Whether the number after `before` is a tolerance: "± 1 week", "+/-3 days", "plus or minus
/// 7 days" is the window around a time point, not one.
fn tolerance(before: &str) -> bool {
    const SIGNS: [&str; 8] = [
        "±",
        "+/-",
        "+/−",
        "+-",
        "+or-",
        "plusorminus",
        "plus/minus",
        "plus-minus",
    ];
    // Compared from the end, spaces aside, with no text built: most numbers have none.
    SIGNS.iter().any(|s| {
        let mut tail = before.chars().rev().filter(|c| !c.is_whitespace());
        s.chars().rev().all(|c| tail.next() == Some(c))
    })
}

/// Whether the text between two tokens is blank: punctuation there ("(", ";", "=") ends a list,
/// so in "cycle 1 (6 weeks)" the 1 does not take weeks.
fn blank(gap: &str) -> bool {
    gap.chars().all(char::is_whitespace)
}

/// A token of ASCII digits (a number).
fn is_digits(t: &str) -> bool {
    t.as_bytes()[0].is_ascii_digit()
}

/// A token that is a number, in digits or in words.
fn is_number(t: &&str) -> bool {
    is_digits(t) || number_word(t).is_some()
}

/// How many tokens from `at` are the numbers of the label word before it: "cycle 1", "cycle
/// 1-3", "cycles 1, 2, and 4". 0 where none, or where a unit word with no number of its own
/// follows: then they are a duration after all ("post-dose 2 hours"), while in "Cycle 1 Day 1"
/// the day has its own.
fn label_numbers(toks: &[&str], gaps: &[&str], at: usize, plural: bool) -> usize {
    let num = |k: usize| k < toks.len() && is_digits(toks[k]) && blank(gaps[k]);
    if !(at < toks.len() && is_digits(toks[at]) && blank(gaps[at].trim_end_matches('#'))) {
        return 0;
    }
    let mut j = at + 1;
    loop {
        let mut k = j;
        while k < toks.len() && blank(gaps[k]) && LINKERS.contains(&toks[k]) {
            // A singular label takes one range ("cycle 1-3"), a plural one a list.
            let range = matches!(toks[k], "-" | "–" | "to");
            if !plural && (k > j || !range) {
                break;
            }
            k += 1;
        }
        if k == j || !num(k) {
            break;
        }
        j = k + 1;
        if !plural {
            break;
        }
    }
    let unit_after = j < toks.len() && blank(gaps[j]) && Unit::parse(toks[j]).is_some();
    if unit_after && !num(j + 1) {
        0
    } else {
        j - at
    }
}

/// The reading of one time frame: the time points found, and the run of numbers and units
/// being read.
#[derive(Default)]
struct Run {
    out: Vec<String>,
    /// Numbers waiting for the unit after them ("1, 3 and 12" before "month").
    pending: Vec<String>,
    /// The unit before the numbers ("Weeks" in "Weeks 4, 8"), and whether it is plural.
    leading: Option<(Unit, bool)>,
    /// The run holds a number already.
    has_number: bool,
    /// A number now joins the run: after a list separator, or first after a unit word.
    joinable: bool,
    /// The pending numbers are ordinals ("3rd"): [`ORDINAL_QUALIFIERS`] may come before the unit.
    ordinal: bool,
    /// Numbers and one unit being skipped: a tolerance ("± 2 days"), a cycle's length
    /// ("Cycle = 21 days").
    skipping: bool,
}

impl Run {
    /// The run ends at a value that names no time ("every 2 weeks"): the value, with any
    /// range, fraction and unit of it, is skipped.
    fn skip(&mut self) {
        self.end();
        self.skipping = true;
    }

    /// The run ends: its numbers that have no unit name nothing.
    fn end(&mut self) {
        self.pending.clear();
        self.leading = None;
        self.has_number = false;
        self.joinable = false;
        self.ordinal = false;
    }

    fn push(&mut self, p: String) {
        if !self.out.contains(&p) {
            self.out.push(p);
        }
    }

    /// Numbers read: they join the run only as items of a list ("1, 3 and 6"), else start a
    /// new one ("NIS 7 at 18 months"). An ordinal names its own unit after it, never the one
    /// before ("Day 1, 2nd week").
    fn values(&mut self, values: &mut Vec<String>, ordinal: bool) {
        if (self.has_number && !self.joinable) || (ordinal && self.leading.is_some()) {
            self.end();
        }
        for n in values.drain(..) {
            match self.leading {
                Some((u, _)) => self.push(u.iso(&n)),
                None => self.pending.push(n),
            }
        }
        self.has_number = true;
        self.joinable = false;
        self.ordinal |= ordinal;
    }

    /// A unit word: the pending numbers take it, or it applies to the numbers after it.
    fn unit(&mut self, u: Unit, tok: &str) {
        if self.pending.is_empty() {
            self.end();
            self.leading = Some((u, tok.ends_with('s') && tok.len() >= 3));
            self.joinable = true;
        } else {
            let pending = std::mem::take(&mut self.pending);
            for n in pending {
                self.push(u.iso(&n));
            }
            self.end();
        }
    }
}

/// The time points a time frame names, as ISO 8601 durations, in source order without repeats.
///
/// Numbers before a unit take that unit ("1, 3 and 12 month"); a unit before numbers applies
/// to them ("Weeks 4, 8 and 12", "Day 28", "Days 1,8,15"). Number words compose
/// ("twenty-four weeks", "thirty six months"), ordinals count ("3rd month", "first week",
/// "postoperative 2nd hour"), fractions add ("15 ½ months", "1 1/2 hours", "half an hour").
/// Words other than separators break the run, so "2 times a day" names no time point, and a
/// unit goes back only over a list ("1, 3 and 6 months"; in "cycle 1 (6 weeks)" only 6).
/// Not durations: numbers of names ("mNIS+7", "IL-6") and of labels ("cycle 1", "visit 3"),
/// tolerances ("± 1 week", "+/- 3 days"), a cycle's length ("Cycle = 21 days"), offsets
/// before an event ("4-6 weeks prior to surgery", "within 6 months before the first dose"). "Baseline"
/// is the reference point the durations are counted from, not a duration: it gives none
/// ("Baseline, week 12" is `P12W`).
pub fn time_points(raw: &str) -> Vec<String> {
    let lower = if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        raw.to_lowercase()
    };
    let found = tokens(&lower);
    let t = Tokens {
        lower: &lower,
        tokens: found.iter().map(|&(_, t)| t).collect(),
        // The text before each token, from the end of the one before it.
        gaps: (0..found.len())
            .map(|k| {
                let from = k
                    .checked_sub(1)
                    .map_or(0, |p| found[p].0 + found[p].1.len());
                &lower[from..found[k].0]
            })
            .collect(),
        found: &found,
    };
    let mut run = Run::default();
    // The numbers of the current token, in one buffer for all of them.
    let mut values: Vec<String> = Vec::new();
    let mut i = 0;
    while i < t.tokens.len() {
        let at = i;
        let tok = t.tokens[i];
        i += 1;
        // A semicolon parts list items as a comma does ("Weeks 0; 4; 8"); brackets and other
        // signs end a list.
        let gap = t.gaps[at];
        if !blank(gap) {
            run.joinable = gap.contains(';') && gap.chars().all(|c| c.is_whitespace() || c == ';');
        }
        if run.skipping {
            let blank = blank(t.gaps[at]);
            if blank && t.in_skipped_value(at, &mut i) {
                continue;
            }
            run.skipping = false;
            // "Day 7 ± 2 days": the tolerance's unit is skipped with it; "12 ± 2 weeks": the
            // value before the tolerance waits for it, and takes it.
            if blank && Unit::parse(tok).is_some() && run.pending.is_empty() {
                continue;
            }
        }
        // "every ½ hour", "every half hour": how often, not when.
        if (tok == "half" || vulgar_fraction(tok).is_some()) && t.how_often(at, i, false) {
            run.skip();
            continue;
        }
        let Some(ordinal) = t.number((tok, at), &mut i, &mut run, &mut values) else {
            continue;
        };
        if values.len() == 1 {
            // "15 ½", "1 1/2 hours", "two and a half": a whole number and a fraction.
            if let Some((used, digits)) = fraction_after(&t.tokens, &t.gaps, i) {
                i += used;
                match digits.filter(|_| !values[0].contains('.')) {
                    Some(d) => values[0] = [values[0].as_str(), ".", d].concat(),
                    None => {
                        values.clear();
                        run.end();
                    }
                }
            }
        }
        if !values.is_empty() {
            // "Weeks 0 4 8": after a plural unit, numbers with only spaces between list too.
            let plural = run.leading.is_some_and(|(_, plural)| plural);
            if plural && is_digits(tok) && blank(gap) && is_digits(t.tokens[at - 1]) {
                run.joinable = true;
            }
            // "Day 90, 1 year", "Days 1, 2 and one week": a later item of a list after a
            // unit that has a unit of its own is read in that unit, not the one before.
            if run.leading.is_some() && run.has_number && run.joinable && t.list_unit_next(at, i) {
                run.end();
            }
            run.values(&mut values, ordinal);
        } else if is_digits(tok) || vulgar_fraction(tok).is_some() {
            // A whole number and a fraction no decimal writes ("2 ⅓"): nothing read.
        } else if let Some(u) = Unit::parse(tok) {
            t.unit(u, tok, &mut i, &mut run);
        } else if LINKERS.contains(&tok) {
            // Separators keep the run going.
            run.joinable = true;
        } else if !(run.ordinal && ORDINAL_QUALIFIERS.contains(&tok)) {
            run.end();
            t.label(at, &mut i, &mut run);
        }
    }
    run.out
}

/// A time frame's tokens, lower case, each with the text between it and the one before.
struct Tokens<'a> {
    lower: &'a str,
    found: &'a [(usize, &'a str)],
    tokens: Vec<&'a str>,
    gaps: Vec<&'a str>,
}

impl Tokens<'_> {
    /// The number at `at` (`next` the token after it) says how often, not when: after
    /// "every" ("every 2 days", "every 3rd day", "every second week"), or after "each" as an
    /// ordinal or before its unit ("each 3rd day", "each 2 wks") where no list or visit
    /// follows ("at each 3 and 6 month visit", "each 3 months, 6 months and 12 months
    /// follow-up" and "each 3rd and 6th month" count visits).
    fn how_often(&self, at: usize, next: usize, ordinal: bool) -> bool {
        let tokens = &self.tokens;
        match at.checked_sub(1).map(|p| tokens[p]) {
            Some("every") => true,
            Some("each") => {
                let mut after = next;
                if !ordinal {
                    after += usize::from(tokens.get(after) == Some(&"-"));
                    if tokens.get(after).is_none_or(|u| Unit::parse(u).is_none()) {
                        return false;
                    }
                    after += 1;
                }
                match tokens.get(after) {
                    Some(&("visit" | "visits" | "follow" | "followup" | "assessment")) => false,
                    Some(&("," | "and" | "or")) => !tokens.get(after + 1).is_some_and(is_number),
                    _ => true,
                }
            }
            _ => false,
        }
    }

    /// The token at `at` goes on a value being skipped (`i` is the next token; it moves past
    /// "a half"): a number, in digits or words, a fraction ("1/2", "½", "and a half") or a
    /// range's linker ("-", "to", "or"). A comma ends it: "Day 7 ± 2, Week 4" goes on with
    /// week 4.
    fn in_skipped_value(&self, at: usize, i: &mut usize) -> bool {
        let tok = self.tokens[at];
        if tok == "and" && self.tokens.get(*i..*i + 2) == Some(&["a", "half"]) {
            *i += 2;
            return true;
        }
        is_digits(tok)
            || SKIP_LINKERS.contains(&tok)
            || number_word(tok).is_some()
            || vulgar_fraction(tok).is_some()
            || (tok == "/" && self.glued(at) && self.glued(at + 1))
    }

    /// A unit word is token `i`, after a blank or a hyphen ("1 year", "12-month"), and is the
    /// unit of the number before it: no number follows it ("Hours 0, 2, 4 Day 1": there
    /// "Day" opens the next item).
    fn unit_next(&self, i: usize) -> bool {
        let i = i + usize::from(self.tokens.get(i) == Some(&"-") && self.glued(i));
        let number_after = self.tokens.get(i + 1).is_some_and(is_number);
        i < self.tokens.len()
            && blank(self.gaps[i])
            && Unit::parse(self.tokens[i]).is_some()
            && !number_after
    }

    /// [`Self::unit_next`], or a plural unit after more items of the list: "Day 1, 3 and 6
    /// months" reads 3 and 6 in months, as such a unit applies to the whole list before it
    /// ("Day 1, 15 and 1 year" reads 15 in days), unless the number at `at` ends a range
    /// ("Days 1-3, 2 weeks").
    fn list_unit_next(&self, at: usize, i: usize) -> bool {
        let range_end = at
            .checked_sub(1)
            .is_some_and(|p| matches!(self.tokens[p], "-" | "–" | "to"));
        let mut k = i;
        while !self.unit_next(k) {
            // ", 6", "and 6", ", and 6".
            let mut item = k;
            while self.tokens.get(item).is_some_and(|t| LINKERS.contains(t)) {
                item += 1;
            }
            if !self.tokens.get(item).is_some_and(is_number) {
                return false;
            }
            k = item + 1;
        }
        k == i || (!range_end && self.tokens[k].ends_with('s'))
    }

    /// The numbers of the token `tok`, at `at` (`i` is the next token; it moves past what
    /// they take) into `values`: digits, number words, ordinal words, fractions and "half"; and
    /// whether they are an ordinal. `None` where the token names no time (a tolerance, how
    /// often, what [`Tokens::digits`] passes over).
    fn number(
        &self,
        (tok, at): (&str, usize),
        i: &mut usize,
        run: &mut Run,
        values: &mut Vec<String>,
    ) -> Option<bool> {
        let mut ordinal = false;
        if is_digits(tok) {
            ordinal = self.digits(at, i, run, values)?;
        } else if let Some(n) = number_word(tok) {
            // "± two days": a tolerance, as in digits.
            if tolerance(self.before(at)) {
                run.skipping = true;
                return None;
            }
            let said = values.len();
            ordinal = self.number_word(n, i, values);
            if self.how_often(at, *i, ordinal) {
                values.truncate(said);
                run.skip();
                return None;
            }
        } else if let Some(n) = ordinal_word(tok) {
            if !self.how_often(at, *i, true) {
                ordinal = true;
                values.push(n.to_string());
            }
        } else if let Some(f) = vulgar_fraction(tok) {
            // "½ hour" (a fraction after a number joins it in `time_points`).
            match f {
                Some(digits) => values.push(["0.", digits].concat()),
                None => run.end(),
            }
        } else if tok == "half" {
            // "half an hour", "half a day", "half-hour".
            let article = usize::from(matches!(self.tokens.get(*i), Some(&("a" | "an" | "-"))));
            if (self.tokens.get(*i + article)).is_some_and(|t| Unit::parse(t).is_some()) {
                *i += article;
                values.push("0.5".to_string());
            }
        }
        Some(ordinal)
    }

    /// The whole text before the token at `at`.
    fn before(&self, at: usize) -> &str {
        &self.lower[..self.found[at].0]
    }

    /// Token `k` follows the one before it with nothing between.
    fn glued(&self, k: usize) -> bool {
        k < self.tokens.len() && self.gaps[k].is_empty()
    }

    /// The numbers of the digits at `at` (`i` is the next token; it moves past what they
    /// take: "/2" of a half, "rd" of an ordinal) into `values`, and whether they are an
    /// ordinal; `None` where they name no time (a signed offset, a tolerance, a name's
    /// number, "every 2", "every 3rd").
    fn digits(
        &self,
        at: usize,
        i: &mut usize,
        run: &mut Run,
        values: &mut Vec<String>,
    ) -> Option<bool> {
        let (tokens, tok) = (&self.tokens, self.tokens[at]);
        let before = self.before(at);
        // "Month -6" (six months before): a signed offset is no duration.
        if before.ends_with('-')
            && !before[..before.len() - 1].ends_with(|c: char| c.is_alphanumeric())
        {
            return None;
        }
        if tolerance(before) {
            run.skipping = true;
            return None;
        }
        if in_name(before) {
            run.end();
            return None;
        }
        // "1/2 hour": a fraction, where a unit follows and no unit before makes it a list.
        let n = *i;
        let half = (self.glued(n) && tokens[n] == "/" && self.glued(n + 1))
            // Only a half stands alone: "3/4 weeks" is as likely three or four weeks.
            .then(|| ascii_fraction(tok, tokens[n + 1]).filter(|d| *d == "5"))
            .flatten()
            .filter(|_| !(at > 0 && self.glued(at) && tokens[at - 1] == "/"))
            .filter(|_| !(self.glued(n + 2) && tokens[n + 2] == "/"))
            .filter(|_| tokens.get(n + 2).is_some_and(|t| Unit::parse(t).is_some()))
            .filter(|_| run.leading.is_none());
        if let Some(digits) = half {
            *i += 2;
            values.push(["0.", digits].concat());
            return Some(false);
        }
        // "3rd", "12th": an ordinal.
        let ordinal = self.glued(n) && matches!(tokens[n], "st" | "nd" | "rd" | "th");
        *i += usize::from(ordinal);
        if self.how_often(at, *i, ordinal) {
            // "every 1 to 3 months": the range and its unit go with it.
            run.skip();
            return None;
        }
        // A list around: "1, 2,5" or "2,5, 6", or a plural unit before ("Days 1,15").
        let is_num = |t: Option<&&str>| t.is_some_and(|t| is_digits(t));
        let list_around = (at >= 2 && tokens[at - 1] == "," && is_num(tokens.get(at - 2)))
            || (tokens.get(*i) == Some(&",") && is_num(tokens.get(*i + 1)))
            || run.leading.is_some_and(|(_, plural)| plural);
        numbers(tok, list_around, values);
        Some(ordinal)
    }

    /// A number word's value into `values` (`i` is the next token): "twenty-four", "thirty
    /// six" and "twenty-fourth" compose; true for an ordinal.
    fn number_word(&self, mut n: u32, i: &mut usize, values: &mut Vec<String>) -> bool {
        let mut ordinal = false;
        if n >= 20 {
            let tokens = &self.tokens;
            let skip = usize::from(tokens.get(*i) == Some(&"-") || tokens.get(*i) == Some(&"–"));
            if let Some(w) = tokens.get(*i + skip) {
                if let Some(u) = number_word(w).filter(|&u| u < 10) {
                    n += u;
                    *i += skip + 1;
                } else if let Some(u) = ordinal_word(w).filter(|&u| u < 10) {
                    n += u;
                    *i += skip + 1;
                    ordinal = true;
                }
            }
        }
        values.push(n.to_string());
        ordinal
    }

    /// A unit word (`i` is the next token): "1 year and a half" adds the half; the length of
    /// a cycle ("each 21-day cycle") names no time point.
    fn unit(&self, u: Unit, tok: &str, i: &mut usize, run: &mut Run) {
        if self.tokens.get(*i..*i + 3) == Some(&["and", "a", "half"]) {
            if let [n] = run.pending.as_mut_slice() {
                if !n.contains('.') {
                    n.push_str(".5");
                    *i += 3;
                }
            }
        }
        let next = self.tokens.get(*i);
        // "21 days cycles" is a cycle's length; "4-6 weeks prior to surgery", "within 6
        // months before the first dose" are offsets before the event, negative, so no time
        // point after it.
        let not_a_point =
            |t: &&str| matches!(*t, "cycle" | "cycles" | "prior" | "before" | "preceding");
        if next.is_some_and(not_a_point) && blank(self.gaps[*i]) {
            run.pending.clear();
        }
        run.unit(u, tok);
    }

    /// A word that ends the run, at `at` (`i` is the next token): a label word ("cycle",
    /// "visit") takes the numbers after it, so they name no time; "Cycle = 21 days" is how
    /// long a cycle is. After "post" or "pre" ("post-dose 2, 4 and 8 hours") it is no label.
    fn label(&self, at: usize, i: &mut usize, run: &mut Run) {
        let tokens = &self.tokens;
        let prefixed = (at >= 1 && matches!(tokens[at - 1], "post" | "pre"))
            || (at >= 2 && tokens[at - 1] == "-" && matches!(tokens[at - 2], "post" | "pre"));
        if let Some(plural) = label_word(tokens[at]).filter(|_| !prefixed) {
            if tokens.get(*i).is_some_and(|t| is_digits(t)) && self.gaps[*i].trim() == "=" {
                *i += 1;
                run.skipping = true;
            } else {
                *i += label_numbers(tokens, &self.gaps, *i, plural);
            }
        }
    }
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

    /// A unit before a list (items parted by commas, semicolons, "and", or spaces after a
    /// plural unit) applies to its items up to one with a unit of its own.
    #[test]
    fn an_item_with_its_own_unit_leaves_the_unit_before() {
        let cases: &[(&str, &[&str])] = &[
            ("Day 90, one year", &["P90D", "P1Y"]),
            ("Day 90, 1 year", &["P90D", "P1Y"]),
            ("week 4, two months", &["P4W", "P2M"]),
            ("Days 1, 2 and one week", &["P1D", "P2D", "P1W"]),
            ("Day 1, 12-month", &["P1D", "P12M"]),
            ("Day 1, 15 and 1 year", &["P1D", "P15D", "P1Y"]),
            ("Days 1-3, 2 weeks", &["P1D", "P3D", "P2W"]),
            ("Day 1, 1 1/2 years", &["P1D", "P1.5Y"]),
            // The same unit again, and a first number after its unit, read as before.
            ("Weeks 4, 8 and 12 weeks", &["P4W", "P8W", "P12W"]),
            ("Day 1 week 2", &["P1D", "P2W"]),
            // Spaces alone list numbers after a plural unit.
            ("Weeks 0 4 8", &["P0W", "P4W", "P8W"]),
            ("Days 1 2 hours post-dose", &["P1D", "PT2H"]),
            ("Day 1 8", &["P1D"]),
            // A unit word with a number after it opens the next item.
            (
                "Hours 0, 1, 2, 4 Day 1",
                &["PT0H", "PT1H", "PT2H", "PT4H", "P1D"],
            ),
            ("Weeks 0, 4, 8 Month 6", &["P0W", "P4W", "P8W", "P6M"]),
            ("Day 1, 15 Day 29", &["P1D", "P15D", "P29D"]),
            ("Hrs 0 1 2", &["PT0H", "PT1H", "PT2H"]),
            // A plural unit after a list is the whole list's; a singular one its last item's.
            ("Day 1, 3 and 6 months", &["P1D", "P3M", "P6M"]),
            ("Day 0, 3, 6, and 12 months", &["P0D", "P3M", "P6M", "P12M"]),
            ("Week 1, 2 and 3 hours", &["P1W", "PT2H", "PT3H"]),
            ("Days 1, 8 and 15 of cycle 1", &["P1D", "P8D", "P15D"]),
            ("Day 1, 15 and 30 days", &["P1D", "P15D", "P30D"]),
            // A semicolon parts a list as a comma does.
            ("Weeks 0; 4; 8; 12", &["P0W", "P4W", "P8W", "P12W"]),
            ("1, 3; 6 months", &["P1M", "P3M", "P6M"]),
            ("Baseline; 3; 6 and 12 months", &["P3M", "P6M", "P12M"]),
        ];
        for (frame, want) in cases {
            assert_eq!(time_points(frame), *want, "{frame}");
        }
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

    /// A number of a name ("mNIS+7", "IL-6", "FEV1") or of a label ("cycle 1", "visit 3") is
    /// no duration, and a unit goes back only over a list of bare numbers.
    #[test]
    fn numbers_of_names_and_labels_are_no_durations() {
        // Real time frames (ClinicalTrials.gov).
        assert_eq!(
            time_points("change from baseline of modified NIS+7 (mNIS+7) at 18 months"),
            ["P18M"]
        );
        assert_eq!(
            time_points("Change from Baseline in mNIS+7 at Week 66"),
            ["P66W"]
        );
        assert_eq!(
            time_points("Baseline and end of cycle 1 (6 weeks)"),
            ["P6W"]
        );
        assert_eq!(
            time_points("Day 1, Cycle 1, 2 hours after capecitabine dose (Cycle = 21 days)."),
            ["P1D", "PT2H"]
        );
        assert_eq!(
            time_points("Pre-treatment on Day 1 of Cycles 1 and 4 (Cycles = 21 or 28 days)."),
            ["P1D"]
        );
        // Offsets before an event: negative, no time point after baseline.
        assert_eq!(
            time_points("Baseline (within 6 months prior to first dose) up to Week 129"),
            ["P129W"]
        );
        assert_eq!(
            time_points("preoperatively (4-6 weeks prior to date of surgery) and 6 weeks (± 2 weeks) postoperatively"),
            ["P6W"]
        );
        assert_eq!(
            time_points("2 hours before and 4 hours after the infusion"),
            ["PT4H"]
        );
        assert_eq!(time_points("the 30 days preceding death"), [] as [&str; 0]);
        // Names.
        assert_eq!(time_points("IL-6 at 24 hours"), ["PT24H"]);
        assert_eq!(time_points("COVID-19 at 6 months"), ["P6M"]);
        assert_eq!(time_points("FEV1 at 6, 12 months"), ["P6M", "P12M"]);
        assert_eq!(time_points("EQ-5D at 6 months"), ["P6M"]);
        // Labels.
        assert_eq!(time_points("Visit 3 (Week 12)"), ["P12W"]);
        assert_eq!(time_points("grade 3 at 6 months"), ["P6M"]);
        assert_eq!(time_points("Cycles 1-3 Days 1 and 15"), ["P1D", "P15D"]);
        assert_eq!(time_points("Day 1 of each 21-day cycle"), ["P1D"]);
        // Not lists: "at" and punctuation part numbers.
        assert_eq!(time_points("Day 7 at 2 hours post-dose"), ["P7D", "PT2H"]);
        // Still durations.
        assert_eq!(time_points("Cycle 1 Day 1"), ["P1D"]);
        assert_eq!(
            time_points("post-dose 2, 4 and 8 hours"),
            ["PT2H", "PT4H", "PT8H"]
        );
        assert_eq!(time_points("Dose 1 and 2 weeks after dose 2"), ["P2W"]);
        assert_eq!(time_points("Week-4, D28"), ["P4W", "P28D"]);
        assert_eq!(time_points("Baseline-12 months"), ["P12M"]);
        assert_eq!(time_points("1, 3 and 6 months"), ["P1M", "P3M", "P6M"]);
        assert_eq!(time_points("6, 12 or 24 weeks"), ["P6W", "P12W", "P24W"]);
    }

    /// A tolerance is the window around a time point, not one.
    #[test]
    fn tolerances_are_no_time_points() {
        // Real time frames (ClinicalTrials.gov).
        assert_eq!(
            time_points("at 1 month (± 1 week), 3 months (±2 weeks), 6 months (± 1 month)"),
            ["P1M", "P3M", "P6M"]
        );
        assert_eq!(
            time_points("2 weeks (± 4 days) postoperatively and 6 weeks (± 2 weeks)"),
            ["P2W", "P6W"]
        );
        assert_eq!(time_points("Day 7 +/- 3 days"), ["P7D"]);
        assert_eq!(time_points("Day 7 ±3 days"), ["P7D"]);
        assert_eq!(time_points("Month 6 +/-1 week"), ["P6M"]);
        assert_eq!(time_points("Day 30 plus or minus 7 days"), ["P30D"]);
        assert_eq!(time_points("Day 14 (window of ± 2 days)"), ["P14D"]);
        // The list goes on after the tolerance.
        assert_eq!(
            time_points("Days 0, 7 (+/- 1 day), 14 (+/-2 days)"),
            ["P0D", "P7D", "P14D"]
        );
        assert_eq!(time_points("Day 7 ± 2, Week 4"), ["P7D", "P4W"]);
        // A tolerance before the unit: the unit is the value's too.
        assert_eq!(time_points("12 ± 2 weeks after randomization"), ["P12W"]);
        assert_eq!(time_points("48 +/- 6 hours post-dose"), ["PT48H"]);
        assert_eq!(time_points("6±1 months"), ["P6M"]);
        assert_eq!(
            time_points("10 ± 2 days and 30 ± 5 days after surgery"),
            ["P10D", "P30D"]
        );
    }

    /// Fractions: "3/4 weeks" is no three quarters; "1 and 1/2 years" is one and a half, "1/2
    /// hour" a half; after a plural unit "1 and 1/2" stays a list.
    #[test]
    fn fractions_and_no_made_up_quarters() {
        assert!(!time_points("3/4 weeks after surgery").contains(&"P0.75W".to_string()));
        assert_eq!(time_points("1 and 1/2 years after surgery"), ["P1.5Y"]);
        // After a plural unit it stays a list: days 1, 1 and 2.
        assert_eq!(time_points("Days 1 and 1/2"), ["P1D", "P2D"]);
        assert_eq!(time_points("1/2 hour after the dose"), ["PT0.5H"]);
    }

    /// Ordinals count like numbers: "3rd month" is month 3.
    #[test]
    fn ordinals_are_time_points() {
        // Real time frames (ClinicalTrials.gov).
        assert_eq!(
            time_points("on 3rd month, 6th month, 9th month, and 12th month after vaccination"),
            ["P3M", "P6M", "P9M", "P12M"]
        );
        assert_eq!(
            time_points(
                "At admission, 1st postoperative day, 5th postoperative day, on discharge day"
            ),
            ["P1D", "P5D"]
        );
        assert_eq!(time_points("pain at postoperative 2nd hour"), ["PT2H"]);
        assert_eq!(
            time_points("pain at postoperative 4th, 6th, 12th and 24th hour"),
            ["PT4H", "PT6H", "PT12H", "PT24H"]
        );
        // Ordinal words.
        assert_eq!(time_points("first week"), ["P1W"]);
        assert_eq!(time_points("second and third week"), ["P2W", "P3W"]);
        assert_eq!(time_points("the twenty-fourth hour"), ["PT24H"]);
        assert_eq!(
            time_points("during the first 5 days after surgery"),
            ["P5D"]
        );
        // How often, not when: with a count, a number word or a range, and the unit goes too.
        assert!(time_points("every second week").is_empty());
        assert!(time_points("every 3rd day").is_empty());
        // Real time frames (corpus NCT records, an ICTRP export).
        assert!(time_points("every 1 to 3 months").is_empty());
        assert_eq!(
            time_points("Assessed every 56 days up to 15 months"),
            ["P15M"]
        );
        assert_eq!(
            time_points("approximately every six months for approximately two years"),
            ["P2Y"]
        );
        assert_eq!(
            time_points("each 2 weeks, week 12 and 24"),
            ["P12W", "P24W"]
        );
        for (said, points) in [
            // A fraction or a range in words goes with the count it is part of.
            ("every one and a half years up to 6 years", &["P6Y"][..]),
            ("every 2½ weeks up to 12 weeks", &["P12W"]),
            ("every 1 1/2 years up to 6 years", &["P6Y"]),
            ("every three to six months up to 2 years", &["P2Y"]),
            // "each" before a list or a visit counts visits, not how often; before its unit
            // alone, however written, it is how often.
            ("at each 3 and 6 month visit", &["P3M", "P6M"]),
            (
                "at each 3 months, 6 months and 12 months follow-up",
                &["P3M", "P6M", "P12M"],
            ),
            ("at each 3 months visit", &["P3M"]),
            ("each 3rd and 6th month", &["P3M", "P6M"]),
            ("each 3 months until 2 years", &["P2Y"]),
            ("each 2 wks, week 12 and 24", &["P12W", "P24W"]),
            ("each 8 h for 48 h", &["PT48H"]),
            ("each 2-weeks until week 12", &["P12W"]),
            ("each 1 month up to 1 year", &["P1Y"]),
            // A lone half after "every" too.
            ("every half hour for 4 hours", &["PT4H"]),
            ("every ½ hour for 4 hours", &["PT4H"]),
            ("half an hour after dosing", &["PT0.5H"]),
        ] {
            assert_eq!(time_points(said), points, "{said}");
        }
        // A tolerance's number in words is skipped as its digits are.
        assert_eq!(time_points("Day 7 ± two days, week 12"), ["P7D", "P12W"]);
    }

    /// Fractions written as decimals, as "1.5 years" is; none where no decimal is exact.
    #[test]
    fn fractions_add() {
        // Real time frame (NCT00734539).
        assert_eq!(
            time_points("prior to hospital discharge, up to 15 ½ months"),
            ["P15.5M"]
        );
        assert_eq!(time_points("3¼ hours"), ["PT3.25H"]);
        assert_eq!(time_points("½ hour"), ["PT0.5H"]);
        assert_eq!(time_points("1/2 hour post dose"), ["PT0.5H"]);
        assert_eq!(time_points("1 1/2 hours"), ["PT1.5H"]);
        assert_eq!(time_points("half an hour"), ["PT0.5H"]);
        assert_eq!(time_points("two and a half years"), ["P2.5Y"]);
        assert_eq!(time_points("1 year and a half"), ["P1.5Y"]);
        assert!(time_points("2 ⅓ years").is_empty());
        // Slashes between numbers before a unit of their own list.
        assert_eq!(time_points("at 1/3/6 months"), ["P1M", "P3M", "P6M"]);
        assert_eq!(time_points("Day 1/2"), ["P1D", "P2D"]);
    }
}
