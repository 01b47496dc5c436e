//! Numbers of posted results as the registry writes them: counts ("97"), measurements
//! ("39.9", "-0.25", "1.2E-4"), p-values with a comparison ("<0.001", "≤ .05", "=0.03"),
//! and the text that stands where a value is missing ("NA", "not estimable").
//!
//! A results value is a number only when the whole text is one: "NA", "12 (approx.)" or
//! "1,234" (a thousands separator, or a decimal comma?) are not, and the caller keeps the
//! text. Counts written in prose (enrollment on a page, a registry's target size) are read by
//! [`written_count`], where thousands separators are told apart from decimal ones.

/// A number when the whole (trimmed) text is one decimal number: optional sign, digits
/// with an optional decimal point (".5" and "5." too), an optional exponent. Infinity and
/// NaN spellings are not numbers.
pub fn number(raw: &str) -> Option<f64> {
    // Rust's float grammar is this one (sign, digits with one optional point, optional
    // exponent) plus the infinity and NaN spellings, which give no finite value: one pass.
    raw.trim().parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A whole number of participants (or events, or units): "97", "0"; not "-1", "9.5".
pub fn count(raw: &str) -> Option<u64> {
    let s = raw.trim();
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A count as people write one in text: "1500", or digits grouped by thousands with commas
/// or spaces ("1,500", "12 000 000"). Not "1,5", "15,00" or "0,500" (a decimal comma, or a
/// slip?), "1.500" (a decimal point, or a thousands point?), "-3", "9.5" or digits of other
/// scripts: the caller warns and keeps no number. Enrollment, target sizes and site counts
/// go through this one reader whatever the source (page, registry export, legacy text), so
/// "1,500" reads the same everywhere.
pub fn written_count(raw: &str) -> Option<u64> {
    let s = raw.trim();
    let spaced;
    let (s, sep) = if s.contains(char::is_whitespace) {
        spaced = s.split_whitespace().collect::<Vec<_>>().join(" ");
        (spaced.as_str(), ' ')
    } else {
        (s, ',')
    };
    // Grouped by threes after a first group that is no lone zero ("0,500" is a half): the
    // separators only split thousands.
    if !s.starts_with('0') && super::scan::digit_groups(s, sep, false) {
        return s.replace(sep, "").parse().ok();
    }
    count(s)
}

/// The count `text` starts with ("1,500 participants", "1 500"): its [`leading_number`],
/// ending as a count ends ([`ends_a_count`]), read by [`written_count`].
pub fn leading_count(text: &str) -> Option<u64> {
    leading_number(text)
        .filter(|&(_, rest)| ends_a_count(rest))
        .and_then(|(n, _)| written_count(n))
}

/// The number `text` starts with, as written, and the text after it: ASCII digits, and
/// commas or points between digits ("1,500", "18.5"), or single spaces before groups of three
/// ("1 500"). `None` when `text` does not start with a digit. What the number is, if any, is
/// [`written_count`]'s to say; whether it ends where a count ends, [`ends_a_count`]'s.
pub fn leading_number(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    let digits = |r: &[u8]| r.iter().take_while(|c| c.is_ascii_digit()).count();
    let mut end = digits(b);
    if end == 0 {
        return None;
    }
    loop {
        let sep = b.get(end).copied();
        let run = b.get(end + 1..).map_or(0, digits);
        let more = match sep {
            Some(b',' | b'.') => run > 0,
            Some(b' ') => run == 3,
            _ => false,
        };
        if !more {
            return Some((&text[..end], &text[end..]));
        }
        end += 1 + run;
    }
}

/// Whether the text after a number (see [`leading_number`]) leaves it a count: nothing,
/// white space, or a punctuation mark that no digit or separator follows; not a letter or
/// digit ("15x"), a range or fraction going on ("18-20", "18–20", "1/2") or a number written
/// another way ("1,,2").
pub fn ends_a_count(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        None => true,
        Some(c) if c.is_whitespace() => true,
        Some(c) if super::scan::is_word_char(c) => false,
        Some(_) => !chars
            .next()
            .is_some_and(|d| d.is_ascii_digit() || matches!(d, ',' | '.')),
    }
}

/// A value read as a number, with the source's text kept when it is not one.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Read<T> {
    /// The number.
    pub value: Option<T>,
    /// The trimmed text, when it is not a number; `None` for a number or no text.
    pub raw: Option<String>,
}

/// Reads `raw` with `parse`; blank is no value and no text.
pub fn read<T>(raw: Option<&str>, parse: fn(&str) -> Option<T>) -> Read<T> {
    let Some(text) = raw.map(str::trim).filter(|t| !t.is_empty()) else {
        return Read {
            value: None,
            raw: None,
        };
    };
    match parse(text) {
        Some(v) => Read {
            value: Some(v),
            raw: None,
        },
        None => Read {
            value: None,
            raw: Some(text.to_string()),
        },
    }
}

/// A p-value with its comparison: "0.03" is `= 0.03`, "<0.001" and "< .001" are
/// `< 0.001`, "≤0.05" and "<=0.05" are `<= 0.05`, ">0.99" is `> 0.99`. Text that is no
/// number after its sign ("NA", "not calculated") gives `None`.
pub fn p_value(raw: &str) -> Option<(&'static str, f64)> {
    let s = raw.trim();
    const SIGNS: [(&str, &str); 10] = [
        ("<=", "<="),
        ("=<", "<="),
        ("≤", "<="),
        ("< or =", "<="),
        (">=", ">="),
        ("=>", ">="),
        ("≥", ">="),
        ("<", "<"),
        (">", ">"),
        ("=", "="),
    ];
    let (op, rest) = SIGNS
        .iter()
        .find_map(|(sign, op)| s.strip_prefix(sign).map(|rest| (*op, rest)))
        .unwrap_or(("=", s));
    number(rest).map(|v| (op, v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_only() {
        assert_eq!(number("39.9"), Some(39.9));
        assert_eq!(number(" -0.25 "), Some(-0.25));
        assert_eq!(number(".5"), Some(0.5));
        assert_eq!(number("1.2E-4"), Some(1.2e-4));
        assert_eq!(number("+5."), Some(5.0));
        assert_eq!(number("1e+3"), Some(1000.0));
        assert_eq!(number("-0"), Some(-0.0));
        for not in [
            "NA",
            "",
            "1,234",
            "12 (approx.)",
            "inf",
            "NaN",
            "1.2.3",
            "-",
            "e5",
            ".",
            "-.",
            "1e",
            "1e+",
            "+-1",
            "--1",
            "1 000",
            "1_000",
            "0x10",
            "infinity",
            "-inf",
            "+NaN",
            "1e400",
            "\u{661}\u{662}",
        ] {
            assert_eq!(number(not), None, "{not}");
        }
        assert_eq!(count("97"), Some(97));
        assert_eq!(count("9.5"), None);
        assert_eq!(count("-1"), None);
    }

    #[test]
    fn written_counts_group_thousands_by_threes_only() {
        for (raw, want) in [
            ("1500", Some(1500)),
            (" 1,500 ", Some(1500)),
            ("12,000,000", Some(12_000_000)),
            ("0", Some(0)),
            ("1 500", Some(1500)),
            ("12\u{a0}000 000", Some(12_000_000)),
            // A decimal comma, or a slip: no count.
            ("1,5", None),
            ("15,00", None),
            ("0,500", None),
            ("00,100", None),
            ("1 50", None),
            ("+5", None),
            ("1,5000", None),
            (",500", None),
            ("1,", None),
            ("1,,500", None),
            // A decimal point, or a thousands point: no count.
            ("1.500", None),
            ("9.5", None),
            ("-3", None),
            ("\u{663}\u{664}", None),
            ("", None),
            ("sixty", None),
        ] {
            assert_eq!(written_count(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn a_leading_number_is_taken_whole_and_ends_where_a_count_ends() {
        for (text, want) in [
            ("1,500 participants", Some(("1,500", " participants"))),
            ("18 Estimated", Some(("18", " Estimated"))),
            ("18estimated", Some(("18", "estimated"))),
            ("1 500 actual", Some(("1 500", " actual"))),
            ("18 2019", Some(("18", " 2019"))),
            ("1.500 estimated", Some(("1.500", " estimated"))),
            ("18.5", Some(("18.5", ""))),
            ("1,", Some(("1", ","))),
            ("1,000,000 (estimated)", Some(("1,000,000", " (estimated)"))),
            ("18-20", Some(("18", "-20"))),
            ("x18", None),
            ("", None),
            (",5", None),
        ] {
            assert_eq!(leading_number(text), want, "{text:?}");
        }
        for (rest, ends) in [
            ("", true),
            (" participants", true),
            (",", true),
            (" (estimated)", true),
            ("x", false),
            ("\u{301}", false),
            ("-20", false),
            ("\u{2013}20", false),
            ("/2", false),
            ("-", true),
            (")", true),
            (",,2", false),
            (".,", false),
        ] {
            assert_eq!(ends_a_count(rest), ends, "{rest:?}");
        }
    }

    #[test]
    fn text_is_kept_where_no_number() {
        assert_eq!(
            read(Some("NA"), number),
            Read {
                value: None,
                raw: Some("NA".into())
            }
        );
        assert_eq!(
            read(Some(" 4 "), count),
            Read {
                value: Some(4),
                raw: None
            }
        );
        assert_eq!(read(Some("  "), number), Read::default());
    }

    #[test]
    fn p_values_keep_their_comparison() {
        assert_eq!(p_value("0.03"), Some(("=", 0.03)));
        assert_eq!(p_value("<0.001"), Some(("<", 0.001)));
        assert_eq!(p_value("< .001"), Some(("<", 0.001)));
        assert_eq!(p_value("≤0.05"), Some(("<=", 0.05)));
        assert_eq!(p_value("<=0.05"), Some(("<=", 0.05)));
        assert_eq!(p_value(">0.99"), Some((">", 0.99)));
        assert_eq!(p_value(">= 0.2"), Some((">=", 0.2)));
        assert_eq!(p_value("NA"), None);
        assert_eq!(p_value("<NA"), None);
    }
}
