//! Hand-written scanners for patterns a regex would have to be compiled for per call (or a
//! Unicode class whose automaton costs more to build than all the matching it does). Each
//! states the regex it stands for; the tests compare them on tricky inputs.

use std::sync::LazyLock;

use regex_syntax::hir::{Class, HirKind};

/// The ranges of `\p{L}` (general category Letter) as the regex crate reads them: taken from
/// regex-syntax itself, so the answer is the regex's own, with no automaton to build.
static LETTER_RANGES: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
    let hir = regex_syntax::Parser::new()
        .parse(r"\p{L}")
        .expect("\\p{L} is a valid class");
    match hir.kind() {
        HirKind::Class(Class::Unicode(class)) => class
            .ranges()
            .iter()
            .map(|r| (r.start(), r.end()))
            .collect(),
        _ => unreachable!("\\p{{L}} parses to a Unicode class"),
    }
});

/// `\p{L}`: a letter in Unicode's general category L (not `char::is_alphabetic`, which also
/// takes letter numbers and combining marks).
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphabetic();
    }
    let ranges = &*LETTER_RANGES;
    ranges
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
    fn letters_are_the_regex_letters() {
        let re = Regex::new(r"^\p{L}$").unwrap();
        for c in (0..0x3_0000u32).filter_map(char::from_u32) {
            assert_eq!(
                is_letter(c),
                re.is_match(c.encode_utf8(&mut [0; 4])),
                "{c:?}"
            );
        }
    }
}
