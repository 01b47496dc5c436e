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

/// `\w` in Unicode mode: regex-syntax's own table (ASCII looked up first).
pub fn is_word_char(c: char) -> bool {
    regex_syntax::is_word_character(c)
}

/// `text` after the `word` it starts with, case aside ([`fold_prefix`]).
pub fn strip_fold_prefix<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    fold_prefix(text, word).map(|n| &text[n..])
}

/// Where `word` (ASCII, lower case) ends when `text` starts with it as a case-insensitive
/// regex reads it: ASCII letters in either case, and the two characters Unicode folds to an
/// ASCII letter (KELVIN SIGN to `k`, LONG S to `s`).
pub fn fold_prefix(text: &str, word: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for b in word.bytes() {
        let (_, c) = chars.next()?;
        let same = (c.is_ascii() && (c as u8).eq_ignore_ascii_case(&b))
            || (c == '\u{17F}' && b == b's')
            || (c == '\u{212A}' && b == b'k');
        if !same {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(i, _)| i))
}

/// The regex `(?i)^(?:w1|w2|…)$` of `words` (ASCII, lower case): `text` is one of them,
/// case aside. A list of words is a lookup, not an automaton to compile.
pub fn is_one_of(text: &str, words: &[&str]) -> bool {
    words
        .iter()
        .any(|w| fold_prefix(text, w) == Some(text.len()))
}

/// The regex `(?i)^(?:(?:w1|w2|…)\W*)+$` of `words` (ASCII, lower case): `text` is one or
/// more of them, each followed by any non-word characters. Read by marking the places a
/// word and its non-word characters can end (every decomposition, as the regex tries).
pub fn is_words_of(text: &str, words: &[&str]) -> bool {
    if text.is_empty() {
        return false;
    }
    let mut reach = vec![false; text.len() + 1];
    reach[0] = true;
    for i in 0..text.len() {
        if !reach[i] || !text.is_char_boundary(i) {
            continue;
        }
        for w in words {
            let Some(len) = fold_prefix(&text[i..], w) else {
                continue;
            };
            let mut end = i + len;
            reach[end] = true;
            for c in text[end..].chars().take_while(|&c| !is_word_char(c)) {
                end += c.len_utf8();
                reach[end] = true;
            }
        }
    }
    reach[text.len()]
}

/// Whether `\b` (Unicode) holds at byte `at` of `text`.
pub fn is_word_boundary(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back().is_some_and(is_word_char);
    let after = text[at..].chars().next().is_some_and(is_word_char);
    before != after
}

/// True at `at` when no word character follows (`\b` after a word character).
fn word_ends(text: &str, at: usize) -> bool {
    !text[at..].chars().next().is_some_and(is_word_char)
}

/// Where `word` (ASCII, lower case), case aside, ends when `text` has it at `at`.
fn word_at(text: &str, at: usize, word: &str) -> Option<usize> {
    fold_prefix(&text[at..], word).map(|len| at + len)
}

/// The regex `(?i)^\s*of\s`: "of" and a space after the spaces that start `text`.
pub fn of_next(text: &str) -> bool {
    word_at(text, skip_space(text, 0), "of")
        .is_some_and(|end| text[end..].starts_with(char::is_whitespace))
}

/// The regex `(?:^|[\s(\[:;,=<>]|≤|≥)(?:-|−|–)\s?$`: `text` ends with a minus sign of
/// its own (after a space, a bracket, a sign or nothing), and at most one space.
pub fn ends_with_minus(text: &str) -> bool {
    let ends = |t: &str| {
        t.strip_suffix(['-', '−', '–']).is_some_and(|rest| {
            rest.is_empty()
                || rest.ends_with(|c: char| c.is_whitespace() || "([:;,=<>≤≥".contains(c))
        })
    };
    let last_space = text
        .chars()
        .next_back()
        .filter(|c| c.is_whitespace())
        .map(|c| &text[..text.len() - c.len_utf8()]);
    ends(text) || last_space.is_some_and(ends)
}

/// The regex `(?i)^\s*(?:%|per ?cent\b|percent\b)`: where its match ends.
pub fn percent_end(text: &str) -> Option<usize> {
    let at = skip_space(text, 0);
    if text[at..].starts_with('%') {
        return Some(at + 1);
    }
    let per = word_at(text, at, "per")?;
    let cent = if text[per..].starts_with(' ') {
        per + 1
    } else {
        per
    };
    // "per ?cent" when the space is there, then "percent" (the same match without it).
    [cent, per]
        .into_iter()
        .find_map(|at| word_at(text, at, "cent"))
        .filter(|&end| word_ends(text, end))
}

/// The regex `(?i)^\s*(?:of\s+)?(?:the\s+)?(?:predicted|expected)\b`: where its match
/// ends. Each optional word is taken when there (no other word starts as it does).
pub fn predicted_end(text: &str) -> Option<usize> {
    let mut at = skip_space(text, 0);
    for word in ["of", "the"] {
        if let Some(end) = word_at(text, at, word) {
            let spaces = skip_space(&text[end..], 0);
            if spaces > 0 {
                at = end + spaces;
            }
        }
    }
    ["predicted", "expected"]
        .into_iter()
        .find_map(|w| word_at(text, at, w))
        .filter(|&end| word_ends(text, end))
}

/// The regex `(?i)^\s*(?:old|of age|years? old|-?old)\b`: where its match ends.
pub fn age_after_end(text: &str) -> Option<usize> {
    let at = skip_space(text, 0);
    ["old", "of age", "years old", "year old", "-old"]
        .into_iter()
        .filter_map(|w| word_at(text, at, w))
        .find(|&end| word_ends(text, end))
}

/// The regex `(?i)\b(?:or|and|and/or)\s*$`: `text` ends with "or" or "and" as a word of its
/// own, spaces aside ("and/or" ends with "or" after a slash).
pub fn ends_with_joint(text: &str) -> bool {
    let t = text.trim_end_matches(char::is_whitespace);
    ["or", "and"].into_iter().any(|w| {
        t.len() >= w.len()
            && t.is_char_boundary(t.len() - w.len())
            && t[t.len() - w.len()..].eq_ignore_ascii_case(w)
            && !t[..t.len() - w.len()]
                .chars()
                .next_back()
                .is_some_and(is_word_char)
    })
}

/// The regex `(?i)\b(?:w1|w2|…)\b` of `words` (ASCII, lower case): one of the words is a
/// word of `text` of its own (a run of word characters between non-word ones), case aside.
pub fn has_word_of(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !is_word_char(c))
        .any(|run| is_one_of(run, words))
}

/// The regex `(?i)^(?:[\s,/&]|\bw1\b|\bw2\b|…)*$` of `words` (ASCII, lower case, word
/// characters only): `text` is made of those words, white space, commas, slashes and
/// ampersands. A word between `\b`s is a whole run of word characters.
pub fn is_glue_of(text: &str, words: &[&str]) -> bool {
    text.split(|c: char| !is_word_char(c))
        .all(|run| run.is_empty() || is_one_of(run, words))
        && text
            .chars()
            .all(|c| is_word_char(c) || c.is_whitespace() || matches!(c, ',' | '/' | '&'))
}

/// The regex `(?i)^(?:w1|w2|…)\b.{0,40}$` of `words` (ASCII, lower case, none a prefix of
/// another followed by a word character): `text` starts with one of the words, as a word,
/// and at most 40 characters, no line break among them, follow it.
pub fn starts_with_word_of(text: &str, words: &[&str]) -> bool {
    words
        .iter()
        .filter_map(|w| word_at(text, 0, w))
        .find(|&end| word_ends(text, end))
        .is_some_and(|end| {
            let rest = &text[end..];
            !rest.contains('\n') && rest.chars().count() <= 40
        })
}

/// The regex `\(([^()\s]+(?:\s[^()\s]+)?)\)\s*$`: the span of the one or two words in
/// brackets that end `text` ("function (LVEF) "), spaces aside. The words are whole runs
/// of characters that are no bracket and no space, so the match is read back from the end.
pub fn trailing_group(text: &str) -> Option<(usize, usize)> {
    let end = text
        .trim_end_matches(char::is_whitespace)
        .strip_suffix(')')?
        .len();
    let word_start = |at: usize| {
        text[..at]
            .trim_end_matches(|c: char| !(c.is_whitespace() || c == '(' || c == ')'))
            .len()
    };
    let second = word_start(end);
    if second == end {
        return None;
    }
    let before = text[..second].chars().next_back()?;
    if before == '(' {
        return Some((second, end));
    }
    if !before.is_whitespace() {
        return None;
    }
    let gap = second - before.len_utf8();
    let first = word_start(gap);
    (first < gap && text[..first].ends_with('(')).then_some((first, end))
}

/// Where `\s*/\s*` at byte `at` of `text` ends.
fn slash_at(text: &str, at: usize) -> Option<usize> {
    let slash = skip_space(text, at);
    text[slash..]
        .strip_prefix('/')
        .map(|_| skip_space(text, slash + 1))
}

/// `^\s*/\s*\d+` at the start of `text`: where the digits start and end (a whole run).
fn slash_digits(text: &str) -> Option<(usize, usize)> {
    let at = slash_at(text, 0)?;
    let end = skip_digits(text, at);
    (end > at).then_some((at, end))
}

/// The regex `^\s*/\s*(?P<max>\d+)\b` ("/51" after a score): the maximum and where the
/// match ends (the digits are a whole run: a shorter one is followed by a digit, no boundary).
pub fn out_of(text: &str) -> Option<(&str, usize)> {
    let (at, end) = slash_digits(text)?;
    word_ends(text, end).then(|| (&text[at..end], end))
}

/// The regex `(?i)^\s*/\s*(?P<dia>\d+)\s*mm\s*hg\b` ("120/80 mmHg" after the 120): the
/// diastolic value and where the match ends.
pub fn bp_pair(text: &str) -> Option<(&str, usize)> {
    let (at, digits) = slash_digits(text)?;
    let mm = word_at(text, skip_space(text, digits), "mm")?;
    let end = word_at(text, skip_space(text, mm), "hg")?;
    word_ends(text, end).then(|| (&text[at..digits], end))
}

/// The regex `^\s+(?P<d>[0-6])\s*/\s*7\b` ("28 0/7 weeks" after the 28): the days and
/// where the match ends.
pub fn sevenths(text: &str) -> Option<(u8, usize)> {
    let at = skip_space(text, 0);
    let day = text
        .as_bytes()
        .get(at)
        .filter(|b| (b'0'..=b'6').contains(b))?;
    if at == 0 {
        return None;
    }
    let seven = slash_at(text, at + 1)?;
    let end = seven + text[seven..].strip_prefix('7').map(|_| 1)?;
    word_ends(text, end).then_some((day - b'0', end))
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
pub(crate) fn skip_space(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start_matches(char::is_whitespace).len()
}

/// Where the run of `\d` at `at` ends.
pub(crate) fn skip_digits(text: &str, at: usize) -> usize {
    text.len() - text[at..].trim_start_matches(is_digit).len()
}

/// The regex `^\s*(?P<op>…)\s*[\p{L}"“][\p{L}\p{N}\s()'’"“”/-]{0,40}?\s*(?:…)\s*(?P<second>\d+(?:[.,]\d+)?)`
/// ("≤ BMI ≤ 32" after a first bound), scanned: its 40 repetitions of large Unicode classes
/// made it the costliest regex of the crate to compile. Returns the first operator and the
/// second number's span.
pub fn reversed_bounds(text: &str) -> Option<(&'static str, usize, usize)> {
    let at = skip_space(text, 0);
    let op = comparator(&text[at..])?;
    let mut at = skip_space(text, at + op.len());
    // A name may be quoted ("“HAM-D”"), possessive ("Crohn’s") or two ("AST/ALT ratio").
    let first = text[at..]
        .chars()
        .next()
        .filter(|&c| is_letter(c) || "\"“".contains(c))?;
    at += first.len_utf8();
    // The lazy `{0,40}?`: the fewest name characters after which the second bound follows.
    for taken in 0..=40 {
        if let Some((start, end)) = second_bound(text, at) {
            return Some((op, start, end));
        }
        let c = text[at..].chars().next()?;
        let in_name = is_letter(c) || is_number(c) || c.is_whitespace() || "()'’\"“”/-".contains(c);
        if taken == 40 || !in_name {
            return None;
        }
        at += c.len_utf8();
    }
    None
}

/// Where the subject between the bounds that [`reversed_bounds`] finds is: "BMI" in " ≤ BMI
/// ≤ 32".
pub fn reversed_subject(text: &str) -> Option<std::ops::Range<usize>> {
    let (op, second, _) = reversed_bounds(text)?;
    let from = skip_space(text, skip_space(text, 0) + op.len());
    let name = text.get(from..second)?.trim_end();
    let name = name.trim_end_matches(['<', '>', '=', '≤', '≥']).trim_end();
    Some(from..from + name.len())
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

/// The regex `^\s*(\p{L}+)`: the run of letters that starts `text` once white space is
/// skipped (`\s` is Unicode's White_Space, as `char::is_whitespace`). A Unicode build of
/// `\p{L}+` cost more to compile than every search of it in a one-record process.
pub fn next_word(text: &str) -> Option<&str> {
    let rest = text.trim_start_matches(char::is_whitespace);
    let end = rest.find(|c: char| !is_letter(c)).unwrap_or(rest.len());
    (end > 0).then(|| &rest[..end])
}

/// The words `connected_rest` strips, as whole words, case aside ("and/or" is "and", "/",
/// "or").
const CONNECTOR_WORDS: [&str; 4] = ["and", "or", "but", "to"];

/// Where the connector at `at` ends: a space, `,`, `/`, `&`, `-` or `–`, or one of
/// `CONNECTOR_WORDS` as a whole word.
fn connector_end(text: &str, at: usize) -> Option<usize> {
    let c = text[at..].chars().next()?;
    if c.is_whitespace() || ",/&-–".contains(c) {
        return Some(at + c.len_utf8());
    }
    if text[..at].chars().next_back().is_some_and(is_word_char) {
        return None;
    }
    CONNECTOR_WORDS
        .iter()
        .filter_map(|w| word_at(text, at, w))
        .find(|&end| word_ends(text, end))
}

/// The group `rest` of the regex
/// `(?i)^(?:[\s,/&\-–]|\band/or\b|\band\b|\bor\b|\bbut\b|\bto\b)*(?P<rest>.*?)(?:…the same…)*$`:
/// `text` without the connectors around it, or `None` where the regex finds no match (a line
/// break inside what is left). Leading connectors are taken as far as they go; what is left
/// ends at the first place from which only connectors follow (found from the end, so the
/// scan is linear). A Unicode build of the pattern cost ~0.7 M to compile.
pub fn connected_rest(text: &str) -> Option<&str> {
    let mut start = 0;
    while let Some(end) = connector_end(text, start) {
        start = end;
    }
    // only_connectors[i]: text[i..] is connectors alone (at char boundaries).
    let mut only_connectors = vec![false; text.len() + 1];
    only_connectors[text.len()] = true;
    for (i, _) in text.char_indices().rev() {
        only_connectors[i] = connector_end(text, i).is_some_and(|end| only_connectors[end]);
    }
    let end = (start..=text.len())
        .find(|&i| text.is_char_boundary(i) && only_connectors[i])
        .unwrap_or(text.len());
    let rest = &text[start..end];
    (!rest.contains('\n')).then_some(rest)
}

/// Digits grouped by threes: the regex `^\d{1,3}(?:\.\d{3})+$` with `sep` `.` and no
/// `fraction`, `^\d{1,3}(?:,\d{3})+(?:\.\d+)?$` with `sep` `,` and a `fraction` allowed
/// (`\d` of any script, as in Unicode mode).
pub fn digit_groups(text: &str, sep: char, fraction: bool) -> bool {
    let digits = |s: &str, min: usize, max: usize| {
        let n = s.chars().count();
        (min..=max).contains(&n) && s.chars().all(is_digit)
    };
    let (int, frac) = match text.split_once('.') {
        Some((int, frac)) if fraction => (int, Some(frac)),
        _ => (text, None),
    };
    if frac.is_some_and(|f| !digits(f, 1, usize::MAX)) {
        return false;
    }
    let mut groups = int.split(sep);
    let first = groups.next().is_some_and(|g| digits(g, 1, 3));
    let mut more = 0;
    first
        && groups.all(|g| {
            more += 1;
            digits(g, 3, 3)
        })
        && more > 0
}

/// The regex `(?i)^\s*(?:-|–|—|to|and)\s*(?:≤|<=)?\s*$`: `text` is the joint of a range
/// ("18 to 70", "18-70", "≥ 18 and ≤ 70"), spaces aside.
pub fn range_joint(text: &str) -> bool {
    let t = text.trim_matches(char::is_whitespace);
    let rest = (["-", "–", "—"].iter().find_map(|j| t.strip_prefix(j))).or_else(|| {
        ["to", "and"]
            .iter()
            .find_map(|w| Some(&t[fold_prefix(t, w)?..]))
    });
    rest.is_some_and(|r| matches!(r.trim_start_matches(char::is_whitespace), "" | "≤" | "<="))
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
            r#"^\s*(?P<op>≤|<=|=<|<|≥|>=|=>|>)\s*[\p{L}"“][\p{L}\p{N}\s()'’"“”/-]{0,40}?\s*(?:≤|<=|=<|<|≥|>=|=>|>)\s*(?P<second>\d+(?:[.,]\d+)?)"#,
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
            " ≤ “HAM-D” ≤ 25",
            " ≤ Crohn’s Disease Activity Index ≤ 450",
            " ≤ AST/ALT ratio ≤ 2",
            "< \"x\" < 1",
            "< ”x < 1",
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
    fn connected_rest_matches_the_regex() {
        let re = Regex::new(r"(?i)^(?:[\s,/&\-–]|\band/or\b|\band\b|\bor\b|\bbut\b|\bto\b)*(?P<rest>.*?)(?:[\s,/&\-–]|\band/or\b|\band\b|\bor\b|\bbut\b|\bto\b)*$").unwrap();
        let mut texts: Vec<String> = [
            "",
            " and ",
            "and/or",
            "AND/OR x TO",
            "Andrew",
            "to–",
            "\n",
            "x\ny",
            " , x\n",
            "and\nor",
            "x and\n",
            "\u{a0}but ",
            "tomorrow",
            "x-",
            "–x–",
            "or,or",
            ", total and ",
            "x or_y or",
            "é and",
            "and é",
            "xand",
            "ands",
            " ALT, and",
            "at screening or ",
            "(x) and ",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::chia_texts() {
            let starts: Vec<usize> = all.char_indices().map(|(i, _)| i).step_by(7).collect();
            for w in starts.windows(6) {
                texts.push(all[w[0]..w[5]].to_string());
                texts.push(all[w[0]..w[2]].to_string());
            }
        }
        let mut stripped = 0;
        for t in &texts {
            let want = re.captures(t).map(|c| c.name("rest").unwrap().as_str());
            assert_eq!(connected_rest(t), want, "{t:?}");
            stripped += usize::from(want.is_some_and(|r| r.len() < t.len()));
        }
        assert!(stripped > 1_000, "{stripped}");
    }

    #[test]
    fn digit_groups_match_the_regexes() {
        let dotted = Regex::new(r"^\d{1,3}(?:\.\d{3})+$").unwrap();
        let grouped = Regex::new(r"^\d{1,3}(?:,\d{3})+(?:\.\d+)?$").unwrap();
        let mut texts: Vec<String> = [
            "",
            "1",
            "1.000",
            "1.000.000",
            "1000.000",
            "1,000.5",
            "1,000.",
            "1,00",
            ",000",
            "12,345,678.9",
            "\u{663}.\u{660}\u{660}\u{660}",
            "1,000\n",
            "1,000.5.5",
            "1.000,5",
            "1.00",
            "1,0000",
            "100,000",
            "1234,000",
            "1,000,",
            ".000",
            "1..000",
            "1,000.x",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::chia_texts() {
            let numbers = all.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','));
            texts.extend(numbers.filter(|n| !n.is_empty()).map(String::from));
        }
        let (mut d, mut g) = (0, 0);
        for t in &texts {
            assert_eq!(digit_groups(t, '.', false), dotted.is_match(t), "{t:?}");
            assert_eq!(digit_groups(t, ',', true), grouped.is_match(t), "{t:?}");
            d += usize::from(dotted.is_match(t));
            g += usize::from(grouped.is_match(t));
        }
        assert!(d > 3 && g > 5, "{d} {g}");
    }

    #[test]
    fn range_joint_matches_the_regex() {
        let re = Regex::new(r"(?i)^\s*(?:-|–|—|to|and)\s*(?:≤|<=)?\s*$").unwrap();
        let mut texts: Vec<String> = [
            "",
            " ",
            "-",
            " - ",
            "–",
            "—",
            "to",
            " TO ",
            "And",
            "and ≤",
            "and<=",
            "to < =",
            "to≤ x",
            "tox",
            "andto",
            "- -",
            "\u{a0}to\u{2003}",
            "\nand\n<=\n",
            "≤",
            "an",
            "t",
            "–≤",
            "- <",
            "- <=  ",
            "a\u{17F}",
            "and ≤≤",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::chia_texts() {
            let gaps = all.split(|c: char| c.is_ascii_digit());
            texts.extend(gaps.filter(|g| g.len() < 12).map(String::from));
        }
        let mut joints = 0;
        for t in &texts {
            assert_eq!(range_joint(t), re.is_match(t), "{t:?}");
            joints += usize::from(re.is_match(t));
        }
        assert!(joints > 50, "{joints}");
    }

    #[test]
    fn next_word_matches_the_regex() {
        let re = Regex::new(r"^\s*(\p{L}+)").unwrap();
        let mut texts: Vec<String> = sample_words();
        for t in [
            "  patients with",
            "\u{a0}\u{2003}\tévénements",
            "\n\u{85}Ωmega7",
            "\u{1F}x",
            " 3 times",
            "ǅungla",
            "\u{2160}II",
            "x\u{301}y",
            "   ",
        ] {
            texts.push(t.to_string());
        }
        let mut compared = 0;
        for w in &texts {
            for t in [
                w.clone(),
                format!(" {w} more words"),
                format!("\u{3000}{w}"),
            ] {
                let want = re.captures(&t).map(|c| c.get(1).unwrap().as_str());
                assert_eq!(next_word(&t), want, "{t:?}");
                compared += 1;
            }
        }
        assert!(compared > 1_000, "{compared}");
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

    /// Words of the Chia criteria (each as written, and with the punctuation around it),
    /// and spellings that only Unicode case folding or a missing word makes tricky.
    fn sample_words() -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for all in crate::test_texts::chia_texts() {
            for w in all.split_whitespace() {
                words.push(w.to_string());
                words.push(w.trim_matches(|c: char| !c.is_alphanumeric()).to_string());
            }
        }
        for w in [
            "",
            "AND",
            "And/Or",
            "a",
            "A",
            "e.g",
            "E.G",
            "eg.",
            "ie",
            "i.e",
            "iſ",
            "\u{212A}ey",
            "taKing",
            "\u{17F}ubject\u{17F}",
            "adultsmen",
            "men,women",
            "Adults-",
            "adults é",
            "male or female",
            "male  or female",
            "male or female,",
            "whose)",
            "patients’",
            "children(",
            "child1",
            "child_",
            "women\u{a0}",
            "people\u{2014}who",
            "ſ",
            "K",
        ] {
            words.push(w.to_string());
        }
        words.sort();
        words.dedup();
        words
    }

    #[test]
    fn word_lists_match_their_regexes() {
        let list = [
            "with", "a", "and/or", "e.g", "i.e", "ie", "is", "who", "key",
        ];
        let one_of = Regex::new(r"(?i)^(?:with|a|and/or|e\.g|i\.e|ie|is|who|key)$").unwrap();
        let words_of = Regex::new(
            r"(?i)^(?:(?:adults?|men|women|males?|male or female|children|child|who|is|or)\W*)+$",
        )
        .unwrap();
        let people = [
            "adults",
            "adult",
            "men",
            "women",
            "males",
            "male",
            "male or female",
            "children",
            "child",
            "who",
            "is",
            "or",
        ];
        let words = sample_words();
        assert!(words.len() > 5_000, "{}", words.len());
        let (mut ones, mut wordss) = (0, 0);
        for w in &words {
            assert_eq!(is_one_of(w, &list), one_of.is_match(w), "{w:?}");
            assert_eq!(is_words_of(w, &people), words_of.is_match(w), "{w:?}");
            ones += usize::from(one_of.is_match(w));
            wordss += usize::from(words_of.is_match(w));
        }
        assert!(ones > 10 && wordss > 20, "{ones} {wordss}");
    }

    #[test]
    fn folds_to_ascii_letters_are_kelvin_and_long_s() {
        let letter = Regex::new("(?i)^[a-z]$").unwrap();
        for c in (0x80..0x3_0000u32).filter_map(char::from_u32) {
            let s = c.to_string();
            let folds = c == '\u{212A}' || c == '\u{17F}';
            assert_eq!(letter.is_match(&s), folds, "{c:?}");
        }
        assert_eq!(fold_prefix("\u{212A}", "k"), Some(3));
        assert_eq!(fold_prefix("\u{17F}", "s"), Some(2));
        assert_eq!(fold_prefix("\u{17F}", "k"), None);
    }

    #[test]
    fn classes_are_the_regex_classes() {
        let letter = Regex::new(r"^\p{L}$").unwrap();
        let number = Regex::new(r"^\p{N}$").unwrap();
        let digit = Regex::new(r"^\d$").unwrap();
        let word = Regex::new(r"^\w$").unwrap();
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut [0; 4]).to_string();
            assert_eq!(is_letter(c), letter.is_match(&s), "{c:?}");
            assert_eq!(is_number(c), number.is_match(&s), "{c:?}");
            assert_eq!(is_digit(c), digit.is_match(&s), "{c:?}");
            assert_eq!(is_word_char(c), word.is_match(&s), "{c:?}");
        }
    }
}
