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
