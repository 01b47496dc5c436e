//! What the other registries' exports write the same way: HTML line markup inside values
//! (`<br>`, `<p>`), day-first dates, "Label: yes" flag lines, ages with their own unit
//! spellings and group sizes (the design wording of the WHO primary registries is
//! `normalize::design::wording`, which the legacy XML shares). Each helper
//! only rewrites a value into a wording the shared mapper reads (an ISO date, "18 Years",
//! "Randomized"); the meaning is decided there, through the `Vocab` aliases.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::{numbers, text};
use crate::sources::structured::wire::api_v2 as v2;

/// Text with its line markup undone: `<br>`, `<br />`, `<p>` and `</p>` become line breaks,
/// other tags are dropped, entities decoded, carriage returns removed. Lines keep their
/// indentation (list structure); blank text is `None`.
pub fn plain(raw: &str) -> Option<String> {
    static BREAK: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)<\s*(?:br|/?p)\s*/?\s*>").expect("valid regex"));
    static TAG: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"</?[A-Za-z][^<>]{0,200}>").expect("valid regex"));
    let no_cr = raw.replace("\r\n", "\n").replace('\r', "");
    let broken = BREAK.replace_all(&no_cr, "\n");
    let untagged = TAG.replace_all(&broken, "");
    let decoded = html_escape::decode_html_entities(&untagged);
    let lines: Vec<&str> = decoded.lines().map(str::trim_end).collect();
    let first = lines.iter().position(|l| !l.trim().is_empty())?;
    let last = lines.iter().rposition(|l| !l.trim().is_empty())?;
    Some(lines[first..=last].join("\n"))
}

/// [`plain`] text folded to one line.
pub fn one_line(raw: &str) -> Option<String> {
    plain(raw).and_then(|p| text::line(&p))
}

/// The parts of a `;`-separated list, each on one line, blanks dropped.
pub fn list(raw: &str) -> Vec<String> {
    raw.split(';').filter_map(one_line).collect()
}

/// A day-first date ("16/04/2024", "16-04-2024") or a compact one ("20240416") in ISO 8601;
/// any other wording is given back as it is, for the shared date reader (which reads "April
/// 25, 2024", "2021-09-20", "2016/12/06", "January 2022" and warns on the rest).
pub fn date(raw: &str) -> String {
    static DMY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$").expect("valid regex")
    });
    static COMPACT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^(\d{4})(\d{2})(\d{2})$").expect("valid regex"));
    let s = raw.trim();
    if let Some(c) = DMY.captures(s) {
        return format!("{}-{:0>2}-{:0>2}", &c[3], &c[2], &c[1]);
    }
    if let Some(c) = COMPACT.captures(s) {
        return format!("{}-{}-{}", &c[1], &c[2], &c[3]);
    }
    s.to_string()
}

/// The "Label: yes" / "Label: no" flags of a text, in order, whatever separates them (line
/// breaks, " / ", or nothing but a space, as the EU registers' design and phase lines come
/// in the WHO export). `true` for yes; a value cut short ("n") reads as not yes.
pub fn flags(raw: &str) -> Vec<(String, bool)> {
    static FLAG: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)(?:^|[\s/])(?P<label>[A-Z][^:\n/]*?)\s*:[ \t]*(?P<value>yes|no|n)?\b")
            .expect("valid regex")
    });
    FLAG.captures_iter(raw)
        .filter_map(|c| {
            let value = c.name("value")?.as_str();
            let label = text::line(&c["label"])?;
            Some((label, value.eq_ignore_ascii_case("yes")))
        })
        .collect()
}

/// The labels of the flags that say yes.
pub fn yes_labels(raw: &str) -> Vec<String> {
    flags(raw)
        .into_iter()
        .filter_map(|(label, yes)| yes.then_some(label))
        .collect()
}

/// Whether the flag `label` (compared squashed) says yes: `None` when the text lacks it.
pub fn flag(flags: &[(String, bool)], label: &str) -> Option<bool> {
    let key = text::squash(label);
    flags
        .iter()
        .find(|(l, _)| text::squash(l) == key)
        .map(|(_, v)| *v)
}

/// An age bound as the WHO export writes one ("18 Years", "18", ">= 20age old",
/// "16years-old", "60(Year)", "2 Months") rewritten as "N Unit"; a bound that says there is
/// none ("N/A", "None", "Not applicable", "no limit", and "65+", the upper end of an open
/// age group) is `None`. Anything else is given back for the shared reader to warn about.
pub fn age(raw: &str) -> Option<String> {
    static AGE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?ix)^[<>=≤≥\s]*(?P<n>\d+(?:\.\d+)?)\s*\(?\s*
              (?P<unit>years?|yrs?|months?|weeks?|days?|hours?|minutes?|age)?\b[\s\w)-]*$",
        )
        .expect("valid regex")
    });
    let s = raw.trim();
    let squashed = text::squash(s);
    if matches!(
        squashed.as_str(),
        "" | "na" | "none" | "notapplicable" | "nolimit" | "notstated"
    ) || s.ends_with('+')
    {
        return None;
    }
    let Some(c) = AGE.captures(s) else {
        return Some(s.to_string());
    };
    let unit = match c.name("unit").map(|u| u.as_str().to_ascii_lowercase()) {
        None => "Years".to_string(),
        Some(u) if u == "age" || u.starts_with('y') => "Years".to_string(),
        Some(u) => u,
    };
    Some(format!("{} {unit}", &c["n"]))
}

/// A target size: a number, or group sizes ("control group:50;sepsis group:50;", as
/// ChiCTR lists them) added up. Anything else is given back for the shared reader to warn
/// about.
pub fn count(raw: &str) -> Option<String> {
    let s = raw.trim();
    if s.is_empty() {
        return None;
    }
    if s.contains(':') {
        // A group that is no count, or a sum past u64, leaves the text to be warned about.
        let sum = (s.split(';').map(str::trim).filter(|p| !p.is_empty()))
            .map(|p| {
                p.rsplit_once(':')
                    .and_then(|(_, n)| numbers::written_count(n))
            })
            .try_fold(0u64, |sum, n| sum.checked_add(n?));
        if let Some(sum) = sum {
            return Some(sum.to_string());
        }
    }
    Some(s.to_string())
}

/// The EU registers' design flags: randomised or not, the masking of the first of open,
/// single or double blind that says yes, and parallel group or cross over.
pub fn eu_design(info: &mut v2::DesignInfo, flags: &[(String, bool)]) {
    info.allocation = flag(flags, "Randomised")
        .map(|yes| if yes { "Randomised" } else { "Non-randomised" }.to_string());
    let first_yes = |labels: &[&str]| {
        (labels.iter())
            .find(|l| flag(flags, l) == Some(true))
            .map(|l| l.to_string())
    };
    info.masking_info.masking = first_yes(&["Double blind", "Single blind", "Open"]);
    info.intervention_model = first_yes(&["Parallel group", "Cross over"]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_becomes_lines() {
        assert_eq!(
            plain("&#x0D;<br>        Inclusion Criteria:\r<br>\r<br>  - a &amp; b<br />"),
            Some("        Inclusion Criteria:\n\n  - a & b".into())
        );
        assert_eq!(plain("<p> </p><br>"), None);
        assert_eq!(list("a;; b <br>c;"), ["a", "b c"]);
    }

    #[test]
    fn dates_day_first_and_compact() {
        assert_eq!(date("16/04/2024"), "2024-04-16");
        assert_eq!(date("1/9/2019"), "2019-09-01");
        assert_eq!(date("20240408"), "2024-04-08");
        assert_eq!(date("April 25, 2024"), "April 25, 2024");
    }

    #[test]
    fn flags_in_any_layout() {
        let f = flags("Controlled: no / Randomised:  / Open: yes / Single blind: no");
        assert_eq!(
            f,
            [
                ("Controlled".to_string(), false),
                ("Open".to_string(), true),
                ("Single blind".to_string(), false)
            ]
        );
        let phases = "Human pharmacology (Phase I): no Therapeutic exploratory (Phase II): yes \
                      Therapeutic confirmatory - (Phase III): yes Therapeutic use (Phase IV): n";
        assert_eq!(
            yes_labels(phases),
            [
                "Therapeutic exploratory (Phase II)",
                "Therapeutic confirmatory - (Phase III)"
            ]
        );
    }

    #[test]
    fn ages_in_each_registrys_spelling() {
        for (raw, want) in [
            ("18 Years", Some("18 Years")),
            ("18", Some("18 Years")),
            (">= 20age old", Some("20 Years")),
            ("<= 85age old", Some("85 Years")),
            ("16years-old", Some("16 Years")),
            ("60(Year)", Some("60 Years")),
            ("2 Months", Some("2 months")),
            ("N/A", None),
            ("Not applicable", None),
            ("65+", None),
            ("adults", Some("adults")),
        ] {
            assert_eq!(age(raw).as_deref(), want, "{raw}");
        }
    }

    #[test]
    fn group_sizes_add_up() {
        assert_eq!(
            count("control group:50;sepsis group:50;").as_deref(),
            Some("100")
        );
        assert_eq!(count(" 74 ").as_deref(), Some("74"));
        assert_eq!(count("about 40").as_deref(), Some("about 40"));
        assert_eq!(count("arm A:1,200;arm B:1,200").as_deref(), Some("2400"));
        // A group size that is no count leaves the whole text for the mapper to warn about.
        let huge = "a:18446744073709551615;b:1";
        assert_eq!(count(huge).as_deref(), Some(huge));
        assert_eq!(
            count("arm A:1,5;arm B:3").as_deref(),
            Some("arm A:1,5;arm B:3")
        );
    }
}
