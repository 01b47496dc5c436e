//! Registry dates to ISO 8601, at the precision the source gives.

use chrono::NaiveDate;

/// Parses the date forms registries print ("May 29, 2007", "December 2007", "2007-12-15",
/// "2007-12", "2022:12:21 23:28:10") into ISO 8601 (`2007-05-29`, `2007-12`).
/// Returns `None` when the text holds no date.
pub fn iso(raw: &str) -> Option<String> {
    let s = raw.trim().trim_end_matches('.');
    if s.is_empty() {
        return None;
    }
    if let Some(d) = iso_numeric(s) {
        return Some(d);
    }
    let s = s.replace(',', " ");
    let words: Vec<&str> = s.split_whitespace().collect();
    let day_formats = ["%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"];
    for n in [3usize, 2] {
        if words.len() < n {
            continue;
        }
        // The date may be followed by a note: "June 2010 (Final data collection date ...)".
        let year = words[n - 1];
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let candidate = words[..n].join(" ");
        if n == 3 {
            for f in day_formats {
                if let Ok(d) = NaiveDate::parse_from_str(&candidate, f) {
                    return Some(d.format("%Y-%m-%d").to_string());
                }
            }
        } else {
            for f in ["%d %B %Y", "%d %b %Y"] {
                if let Ok(d) = NaiveDate::parse_from_str(&format!("1 {candidate}"), f) {
                    return Some(d.format("%Y-%m").to_string());
                }
            }
        }
    }
    None
}

/// `2007-12-15`, `2007-12`, `2007`, `12/2007` and `2007:12:15 …` (API v1 data version
/// stamps).
fn iso_numeric(s: &str) -> Option<String> {
    if let Some(d) = api_form(s) {
        return d;
    }
    numeric(s)
}

/// `2007-12-15` and `2007-12`, the API's forms, read without the general reading's
/// allocations: such a date is its own ISO form once checked. `None` for other shapes;
/// `Some` of [`numeric`]'s answer for these (a test checks).
fn api_form(s: &str) -> Option<Option<String>> {
    let [y0, y1, y2, y3, b'-', m0, m1, ref rest @ ..] = *s.as_bytes() else {
        return None;
    };
    if ![y0, y1, y2, y3, m0, m1].iter().all(u8::is_ascii_digit) {
        return None;
    }
    let two = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
    let m = two(m0, m1);
    match *rest {
        [] => Some((1..=12).contains(&m).then(|| s.to_owned())),
        [b'-', d0, d1] if d0.is_ascii_digit() && d1.is_ascii_digit() => {
            let y: i32 = s[..4].parse().ok()?;
            Some(NaiveDate::from_ymd_opt(y, m, two(d0, d1)).map(|_| s.to_owned()))
        }
        _ => None,
    }
}

/// [`iso_numeric`] for every shape.
fn numeric(s: &str) -> Option<String> {
    let head: String = s
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != 'T')
        .collect();
    let parts: Vec<&str> = head.split(['-', ':', '/']).collect();
    if !parts
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let nums: Vec<u32> = parts
        .iter()
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    match (parts.first()?.len(), nums.as_slice()) {
        (4, [y, m, d]) => NaiveDate::from_ymd_opt(*y as i32, *m, *d).map(|d| d.to_string()),
        (4, [y, m]) if (1..=12).contains(m) => Some(format!("{y:04}-{m:02}")),
        (4, [y]) if head.len() == s.len() => Some(format!("{y:04}")),
        // "12/2020": the legacy XML's month and year (anticipated posting dates).
        (1 | 2, [m, y]) if head.contains('/') && parts[1].len() == 4 && (1..=12).contains(m) => {
            Some(format!("{y:04}-{m:02}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::iso;

    #[test]
    fn page_and_api_forms() {
        assert_eq!(iso("May 29, 2007").as_deref(), Some("2007-05-29"));
        assert_eq!(iso("December 2007").as_deref(), Some("2007-12"));
        assert_eq!(iso("Dec 2007").as_deref(), Some("2007-12"));
        assert_eq!(iso("2019-09-13").as_deref(), Some("2019-09-13"));
        assert_eq!(iso("2022-10").as_deref(), Some("2022-10"));
        assert_eq!(
            iso("2022:12:21 23:28:10.325").as_deref(),
            Some("2022-12-21")
        );
        assert_eq!(
            iso("June 2010 (Final data collection date for primary outcome measure)").as_deref(),
            Some("2010-06")
        );
        assert_eq!(iso("2024-06-10T12:00").as_deref(), Some("2024-06-10"));
        assert_eq!(iso("01/2020").as_deref(), Some("2020-01"));
    }

    /// The API forms' shortcut answers as the general reading does.
    #[test]
    fn api_forms_read_as_numeric_dates() {
        let mut checked = 0;
        for y in ["0000", "0999", "1999", "2000", "2020", "2100", "9999"] {
            for m in 0..=13 {
                let month = format!("{y}-{m:02}");
                assert_eq!(super::api_form(&month), Some(super::numeric(&month)));
                for d in 0..=32 {
                    let day = format!("{month}-{d:02}");
                    assert_eq!(super::api_form(&day), Some(super::numeric(&day)), "{day}");
                    checked += usize::from(super::numeric(&day).is_some());
                }
            }
        }
        assert!(checked > 2_000, "{checked} days");
        for other in [
            "2019-1",
            "2019-09-1",
            "2019-09-13x",
            "2019-09-13 10:00",
            "12/2020",
            "x",
        ] {
            assert_eq!(super::api_form(other), None, "{other}");
        }
    }

    #[test]
    fn rejects_non_dates() {
        assert_eq!(iso(""), None);
        assert_eq!(iso("soon"), None);
        assert_eq!(iso("February 30, 2007"), None);
        assert_eq!(iso("2007-13"), None);
        assert_eq!(iso("13/2020"), None);
        assert_eq!(iso("12/20"), None);
    }
}
