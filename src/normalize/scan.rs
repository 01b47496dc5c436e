//! Hand-written scanners for patterns a regex would have to be compiled for per call (or a
//! Unicode class whose automaton costs more to build than all the matching it does). Each
//! states the regex it stands for; the tests compare them on tricky inputs.

use std::sync::LazyLock;

use regex_syntax::hir::{Class as Class_, HirKind};

/// A Unicode class as the regex crate reads it: its ranges taken from regex-syntax itself, so
/// the answer is the regex's own, with no automaton to build.
struct Class(LazyLock<Vec<(char, char)>>);

impl Class {
    const fn new(init: fn() -> Vec<(char, char)>) -> Class {
        Class(LazyLock::new(init))
    }

    fn contains(&self, c: char) -> bool {
        self.0
            .binary_search_by(|&(lo, hi)| {
                if hi < c {
                    std::cmp::Ordering::Less
                } else if lo > c {
                    std::cmp::Ordering::Greater
                } else {
                    std::cmp::Ordering::Equal
                }
            })
            .is_ok()
    }
}

fn ranges(class: &str) -> Vec<(char, char)> {
    let hir = regex_syntax::Parser::new()
        .parse(class)
        .expect("a valid class");
    match hir.kind() {
        HirKind::Class(Class_::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        _ => unreachable!("a Unicode class"),
    }
}

static LETTERS: Class = Class::new(|| ranges(r"\p{L}"));
static NUMBERS: Class = Class::new(|| ranges(r"\p{N}"));
static DIGITS: Class = Class::new(|| ranges(r"\d"));

/// `\p{L}`: a letter in Unicode's general category L (not `char::is_alphabetic`, which also
/// takes letter numbers and combining marks).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    LETTERS.contains(c)
}

/// `\p{N}`: a number of any kind (digits, letter numbers, fractions).
fn is_number(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    NUMBERS.contains(c)
}

/// `\d` in Unicode mode: a decimal digit of any script.
pub fn is_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    DIGITS.contains(c)
}

/// The matches of `\s{bullet}\s+[\p{L}(]` in `text`, leftmost first and not overlapping, as
/// `(start, at)`: where the white space before the bullet starts and where the letter or `(`
/// after it starts. `bullet` is not white space (it is a marker, trimmed).
pub fn bullet_runs(text: &str, bullet: char) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    for (p, _) in text.match_indices(bullet) {
        let Some(before) = text[..p].chars().next_back() else {
            continue;
        };
        let start = p - before.len_utf8();
        if !before.is_whitespace() || start < from {
            continue;
        }
        let after = &text[p + bullet.len_utf8()..];
        let body = after.trim_start_matches(char::is_whitespace);
        if body.len() == after.len() {
            continue; // `\s+` needs one white space at least
        }
        // `\s+` is greedy and the class after it holds no white space: the first other
        // character decides, no other length of the run could match.
        let Some(next) = body.chars().next() else {
            continue;
        };
        if next == '(' || is_letter(next) {
            let at = text.len() - body.len();
            out.push((start, at));
            from = at + next.len_utf8();
        }
    }
    out
}

/// The comparison operators of [`reversed_bounds`], in the regex's order of preference.
const COMPARATORS: [&str; 8] = ["≤", "<=", "=<", "<", "≥", ">=", "=>", ">"];

/// The first of [`COMPARATORS`] `text` starts with. A shorter one after a longer one never
/// matters: what follows it ("=") can start neither a name nor a number.
fn comparator(text: &str) -> Option<&'static str> {
    COMPARATORS.iter().find(|o| text.starts_with(**o)).copied()
}

/// Where the white space at `at` ends (`\s*`).
fn skip_space(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start_matches(char::is_whitespace).len()
}

/// Where the run of `\d` at `at` ends.
fn skip_digits(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start_matches(is_digit).len()
}

/// The regex `^\s*(?P<op>…)\s*\p{L}[\p{L}\p{N}\s()'-]{0,40}?\s*(?:…)\s*(?P<second>\d+(?:[.,]\d+)?)`
/// ("≤ BMI ≤ 32" after a first bound), scanned: its 40 repetitions of large Unicode classes
/// made it the costliest regex of the crate to compile. Returns the first operator and the
/// second number's span.
pub fn reversed_bounds(text: &str) -> Option<(&'static str, usize, usize)> {
    let at = skip_space(text, 0);
    let op = comparator(&text[at..])?;
    let mut at = skip_space(text, at + op.len());
    let first = text[at..].chars().next().filter(|&c| is_letter(c))?;
    at += first.len_utf8();
    // The lazy `{0,40}?`: the fewest name characters after which the second bound follows.
    for taken in 0..=40 {
        if let Some((start, end)) = second_bound(text, at) {
            return Some((op, start, end));
        }
        let c = text[at..].chars().next()?;
        let in_name = is_letter(c) || is_number(c) || c.is_whitespace() || "()'-".contains(c);
        if taken == 40 || !in_name {
            return None;
        }
        at += c.len_utf8();
    }
    None
}

/// `\s*(?:…)\s*(?P<second>\d+(?:[.,]\d+)?)` at `at`: the number's span.
fn second_bound(text: &str, at: usize) -> Option<(usize, usize)> {
    let at = skip_space(text, at);
    let op = comparator(&text[at..])?;
    let start = skip_space(text, at + op.len());
    let end = skip_digits(text, start);
    if end == start {
        return None;
    }
    let fraction = text[end..]
        .strip_prefix(['.', ','])
        .map(|rest| skip_digits(text, text.len() - rest.len()))
        .filter(|&e| e > end + 1);
    Some((start, fraction.unwrap_or(end)))
}

/// The regex `\d\s*[\p{L}%]{0,6}\s*\(\s*$` ("= 4 cm (" at the end of `text`), scanned from
/// the end: its six repetitions of `\p{L}` cost more to compile than any match. The letters
/// before the bracket are one run (neither white space nor a digit), so only the whole run
/// can be the `{0,6}`.
pub fn bracket_after_value(text: &str) -> bool {
    let Some(open) = text.trim_end_matches(char::is_whitespace).strip_suffix('(') else {
        return false;
    };
    let open = open.trim_end_matches(char::is_whitespace);
    let unit = open.trim_end_matches(|c: char| c == '%' || is_letter(c));
    if open[unit.len()..].chars().count() > 6 {
        return false;
    }
    unit.trim_end_matches(char::is_whitespace)
        .chars()
        .next_back()
        .is_some_and(is_digit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    fn by_regex(text: &str, b: char) -> Vec<(usize, usize)> {
        let pattern = format!(r"\s{}\s+[\p{{L}}(]", regex::escape(&b.to_string()));
        let re = Regex::new(&pattern).unwrap();
        re.find_iter(text)
            .map(|m| {
                let at = m.end() - m.as_str().chars().last().map_or(0, char::len_utf8);
                (m.start(), at)
            })
            .collect()
    }

    #[test]
    fn bullet_runs_match_the_regex() {
        let texts = [
            "a * b * (c) *  d *1 * * e",
            "x - - y - Ünter -\u{a0}é - 3 -\t\tZ",
            " • a • • b •",
            "•  a\u{2003}•\u{2003}ǅ • ʰ • \u{16EE} • \u{0301}",
            "a — b —— c — — d",
            "",
            "*",
            " *",
        ];
        for t in texts {
            for b in ['*', '-', '•', '—', '·'] {
                assert_eq!(bullet_runs(t, b), by_regex(t, b), "{t:?} {b:?}");
            }
        }
    }

    #[test]
    fn reversed_bounds_match_the_regex() {
        let re = Regex::new(
            r"^\s*(?P<op>≤|<=|=<|<|≥|>=|=>|>)\s*\p{L}[\p{L}\p{N}\s()'-]{0,40}?\s*(?:≤|<=|=<|<|≥|>=|=>|>)\s*(?P<second>\d+(?:[.,]\d+)?)",
        )
        .unwrap();
        let texts = [
            " ≤ BMI ≤ 32 kg/m2",
            "<= BMI <= 32.5",
            "< BMI <=x < 3,5,6",
            " =< age (years) => 70",
            ">age< 4 <5",
            "> a ≥ ٣٤.٥",
            "≥ BMI",
            "≥ 5 < 3",
            "< é-ü'(x) > 1.",
            "< aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa < 1",
            "< aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa < 1",
            "< aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa  < 1",
            "< a.b < 1",
            "<=< a < 1",
            "<= = a < 1",
            "< a <= =1",
            "< a <=1 > 2",
            "",
        ];
        for t in texts {
            let want = re.captures(t).map(|c| {
                let s = c.name("second").unwrap();
                (c.name("op").unwrap().as_str(), s.start(), s.end())
            });
            assert_eq!(reversed_bounds(t), want, "{t:?}");
        }
    }

    #[test]
    fn bracket_after_value_matches_the_regex() {
        let re = Regex::new(r"\d\s*[\p{L}%]{0,6}\s*\(\s*$").unwrap();
        let texts = [
            "= 4 cm (",
            "4cm(",
            "4 (  ",
            "4 abcdef (",
            "4 abcdefg (",
            "4 % (",
            "x (",
            "(",
            "4\u{a0}é (\n",
            "٣ mg (",
            "4 cm ( x",
            "4 c m (",
            "4 - (",
            "",
            "4)(",
        ];
        for t in texts {
            assert_eq!(bracket_after_value(t), re.is_match(t), "{t:?}");
        }
    }

    #[test]
    fn classes_are_the_regex_classes() {
        let letter = Regex::new(r"^\p{L}$").unwrap();
        let number = Regex::new(r"^\p{N}$").unwrap();
        let digit = Regex::new(r"^\d$").unwrap();
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut [0; 4]).to_string();
            assert_eq!(is_letter(c), letter.is_match(&s), "{c:?}");
            assert_eq!(is_number(c), number.is_match(&s), "{c:?}");
            assert_eq!(is_digit(c), digit.is_match(&s), "{c:?}");
        }
    }
}
