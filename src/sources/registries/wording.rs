//! What the other registries' exports write the same way: HTML line markup inside values
//! (`<br>`, `<p>`), day-first dates, "Label: yes" flag lines, ages with their own unit
//! spellings, group sizes, and the design wording of the WHO primary registries. Each helper
//! only rewrites a value into a wording the shared mapper reads (an ISO date, "18 Years",
//! "Randomized"); the meaning is decided there, through the `Vocab` aliases.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{Allocation, InterventionModel, MaskingLevel, PrimaryPurpose};
use crate::normalize::enums::Vocab;
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

/// The design fields a design wording states, in the registry's words, for the mapper's
/// vocabularies; and the parts no field takes.
#[derive(Debug, Default, PartialEq)]
pub struct DesignWords {
    /// Allocation wording ("Randomized", "Non-randomized controlled trial").
    pub allocation: Option<String>,
    /// Intervention model wording ("Single Group Assignment", "Parallel").
    pub intervention_model: Option<String>,
    /// Masking wording ("None (Open Label)", "open(masking not used)").
    pub masking: Option<String>,
    /// Primary purpose wording ("Treatment", "diagnostic purpose").
    pub primary_purpose: Option<String>,
    /// Parts of the wording that name none of these.
    pub unread: Vec<String>,
}

/// The labels registries put before design values, and the field each fills.
const DESIGN_LABELS: &[(&str, Field)] = &[
    ("allocation", Field::Allocation),
    ("intervention model", Field::Model),
    ("assignment", Field::Model),
    ("masking", Field::Masking),
    ("blinding/masking", Field::Masking),
    ("primary purpose", Field::Purpose),
    ("study design purpose", Field::Purpose),
    ("purpose", Field::Purpose),
];

#[derive(Debug, Clone, Copy, PartialEq)]
enum Field {
    Allocation,
    Model,
    Masking,
    Purpose,
}

impl DesignWords {
    fn slot(&mut self, f: Field) -> &mut Option<String> {
        match f {
            Field::Allocation => &mut self.allocation,
            Field::Model => &mut self.intervention_model,
            Field::Masking => &mut self.masking,
            Field::Purpose => &mut self.primary_purpose,
        }
    }

    fn set(&mut self, f: Field, value: String) {
        let slot = self.slot(f);
        if slot.is_none() {
            *slot = Some(value);
        }
    }
}

/// A design wording of the WHO primary registries: labelled ("Allocation: N/A. Intervention
/// model: Single Group Assignment. Primary purpose: Treatment. Masking: None (Open Label).",
/// "Primary Purpose : Diagnosis, Blinding/Masking : Open", "Allocation: ; Study design
/// purpose: screening") or a list of bare values ("randomized controlled trial,
/// open(masking not used), historical control, parallel assignment, treatment purpose",
/// "Single arm Non-randomized"), each bare value given to the field whose vocabulary names it.
pub fn design(raw: &str) -> DesignWords {
    static LABELLED: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)(?:^|[.,;]\s*)(allocation|intervention model|assignment|blinding/masking|masking|primary purpose|study design purpose|control|endpoint classification)\s*:",
        )
        .expect("valid regex")
    });
    let mut out = DesignWords::default();
    let raw = raw.trim();
    let marks: Vec<(usize, usize, String)> = LABELLED
        .captures_iter(raw)
        .filter_map(|c| {
            let whole = c.get(0)?;
            Some((whole.start(), whole.end(), c[1].to_ascii_lowercase()))
        })
        .collect();
    if marks.is_empty() {
        for part in raw.split([',', ';']).filter_map(text::line) {
            bare(&mut out, &part);
        }
        return out;
    }
    for (i, (_, start, label)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(raw.len(), |m| m.0);
        let value = raw[*start..end].trim().trim_end_matches(['.', ',', ';']);
        let Some(value) = text::line(value) else {
            continue;
        };
        match DESIGN_LABELS.iter().find(|(l, _)| l == label) {
            Some((_, field)) => out.set(*field, value),
            // "Control: Active": the kind of control, which the model does not keep.
            None => out.unread.push(format!("{label}: {value}")),
        }
    }
    out
}

/// A bare design value: the field whose vocabulary names it, or two halves each naming
/// one ("Single arm Non-randomized"); "Other" alone names no one field and stays unread.
fn bare(out: &mut DesignWords, part: &str) {
    if text::squash(part) == "other" {
        out.unread.push(part.to_string());
        return;
    }
    if let Some(f) = field_of(part) {
        out.set(f, part.to_string());
        return;
    }
    let words: Vec<&str> = part.split_whitespace().collect();
    for cut in 1..words.len() {
        let (a, b) = (words[..cut].join(" "), words[cut..].join(" "));
        if let (Some(fa), Some(fb)) = (field_of(&a), field_of(&b)) {
            out.set(fa, a);
            out.set(fb, b);
            return;
        }
    }
    out.unread.push(part.to_string());
}

fn field_of(words: &str) -> Option<Field> {
    if Allocation::from_words(words).is_some() {
        Some(Field::Allocation)
    } else if InterventionModel::from_words(words).is_some() {
        Some(Field::Model)
    } else if MaskingLevel::from_words(words.split('(').next().unwrap_or(words)).is_some() {
        Some(Field::Masking)
    } else if PrimaryPurpose::from_words(words).is_some() {
        Some(Field::Purpose)
    } else {
        None
    }
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

    #[test]
    fn design_labelled_and_bare() {
        let bare = "randomized controlled trial, open(masking not used), historical control, parallel assignment, treatment purpose";
        // Allocation, intervention model, primary purpose and masking, as each wording gives them.
        for (raw, want) in [
            (
                "Allocation: N/A. Intervention model: Single Group Assignment. Primary purpose: Treatment. Masking: None (Open Label).",
                [Some("N/A"), Some("Single Group Assignment"), Some("Treatment"), Some("None (Open Label)")],
            ),
            (
                bare,
                [Some("randomized controlled trial"), Some("parallel assignment"), Some("treatment purpose"), Some("open(masking not used)")],
            ),
            (
                "Single arm Non-randomized",
                [Some("Non-randomized"), Some("Single arm"), None, None],
            ),
            (
                "Primary Purpose : Diagnosis, Intervention Model : Others, Blinding/Masking : Open, Allocation : Not Applicable",
                [Some("Not Applicable"), Some("Others"), Some("Diagnosis"), Some("Open")],
            ),
            (
                "Allocation: ; Masking: ; Control: ; Assignment: ; Study design purpose: health services research",
                [None, None, Some("health services research"), None],
            ),
        ] {
            let d = design(raw);
            let got = [&d.allocation, &d.intervention_model, &d.primary_purpose, &d.masking];
            assert_eq!(got.map(|v| v.as_deref()), want, "{raw}");
        }
        assert_eq!(design(bare).unread, ["historical control"]);
    }
}
