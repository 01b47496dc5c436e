//! Numbers of posted results as the registry writes them: counts ("97"), measurements
//! ("39.9", "-0.25", "1.2E-4"), p-values with a comparison ("<0.001", "≤ .05", "=0.03"),
//! and the text that stands where a value is missing ("NA", "not estimable").
//!
//! A value is a number only when the whole text is one: "NA", "12 (approx.)" or "1,234"
//! (a thousands separator, or a decimal comma?) are not, and the caller keeps the text.

/// A number when the whole (trimmed) text is one decimal number: optional sign, digits
/// with an optional decimal point (".5" and "5." too), an optional exponent. Infinity and
/// NaN spellings are not numbers.
pub fn number(raw: &str) -> Option<f64> {
    let s = raw.trim();
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let digits = mantissa.bytes().filter(u8::is_ascii_digit).count();
    let dots = mantissa.bytes().filter(|&b| b == b'.').count();
    if digits == 0 || dots > 1 || digits + dots != mantissa.len() {
        return None;
    }
    if let Some(e) = exponent {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        if e.is_empty() || !e.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
    }
    s.parse::<f64>().ok().filter(|v| v.is_finite())
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
/// ("1,500", "12,000,000"). Not "1,5" or "15,00" (a decimal comma, or a slip?), "1.500" (a
/// decimal point, or a thousands point?), "-3", "9.5" or digits of other scripts: the caller
/// warns and keeps no number. Enrollment and target sizes go through this one reader whatever
/// the source (page, registry export, legacy text), so "1,500" reads the same everywhere.
pub fn written_count(raw: &str) -> Option<u64> {
    let s = raw.trim();
    if super::scan::digit_groups(s, ',', false) {
        // Grouped by threes, so the commas only separate thousands.
        return s.replace(',', "").parse().ok();
    }
    count(s)
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
            // A decimal comma, or a slip: no count.
            ("1,5", None),
            ("15,00", None),
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
