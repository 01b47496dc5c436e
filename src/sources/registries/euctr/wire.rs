//! The EU Clinical Trials Register's "full trial details" text download as the register
//! writes it: a preamble, then one block per member-state protocol record, each opening
//! with a `Summary` line, then sections A–P of lines "code label: value" ("A.3 Full title of
//! the trial: …", "B.3.1 and B.3.2\tStatus of the sponsor: Commercial", "D.IMP: 1",
//! "N. Competent Authority Decision: Authorised"). A value may run on over the lines after
//! its field (criteria, end points, the regions list); a field in a second language carries
//! its language after the label ("E.3 Principal inclusion criteria (es): …").

use std::sync::LazyLock;

use regex::Regex;

use crate::error::{Error, Result};
use crate::Format;

/// One field of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    /// The protocol field code (`E.3`, `D.IMP`, `N.`), or `Summary` for the summary lines.
    pub code: String,
    /// The field's label, without its language.
    pub label: String,
    /// The language of a translated field (`es`), `None` for English.
    pub lang: Option<String>,
    /// The value: the rest of the field's line and the lines that continue it.
    pub value: String,
}

/// One member-state protocol record: its fields in order, and where it starts in the file.
#[derive(Debug, Default)]
pub struct Record {
    /// The fields, in file order.
    pub fields: Vec<Field>,
    /// 1-based line of its `Summary` line.
    pub line: usize,
}

impl Record {
    /// The English value of the first field with `code`, trimmed; blank is `None`.
    pub fn get<'a>(&'a self, code: &'a str) -> Option<&'a str> {
        self.all(code).next()
    }

    /// The English values of every field with `code`, in order, blanks dropped.
    pub fn all<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        (self.fields.iter())
            .filter(move |f| f.code == code && f.lang.is_none())
            .map(|f| f.value.trim())
            .filter(|v| !v.is_empty())
    }

    /// The value of the summary line whose label is `label`.
    pub fn summary(&self, label: &str) -> Option<&str> {
        (self.fields.iter())
            .find(|f| f.code == "Summary" && f.label == label)
            .map(|f| f.value.trim())
            .filter(|v| !v.is_empty())
    }
}

/// The section headings the register writes with a bare letter code.
const HEADINGS: [&str; 8] = [
    "Protocol Information",
    "Sponsor Information",
    "Applicant Identification",
    "IMP Identification",
    "General Information on the Trial",
    "Population of Trial Subjects",
    "Investigator Networks",
    "Trial Sites",
];

/// A field line: its code and the rest.
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^(?P<code>[A-HNP]\.(?:IMP|\d+(?:\.\d+)*)?(?:[ \t]+(?:and|to)[ \t]+[A-H]\.\d+(?:\.\d+)*)?)(?P<rest>(?:[ \t:].*)?)$",
    )
    .expect("valid regex")
});

static LANG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?P<label>.*?)\s*\((?P<lang>[a-z]{2})\)$").expect("valid"));

/// The code and the rest of a line, when the line starts a field.
fn field_start(line: &str) -> Option<(String, &str)> {
    let c = FIELD.captures(line)?;
    let code = c["code"].replace(['\t', ' '], " ");
    let rest = c.name("rest").map_or("", |m| m.as_str());
    let bare = code.len() == 2;
    if bare && !code.starts_with(['N', 'P']) {
        let heading = rest.trim();
        if !HEADINGS.iter().any(|h| heading.starts_with(h)) {
            return None;
        }
    }
    Some((code, rest))
}

/// Label and value of the rest of a field line ("Full title of the trial: A Phase 1/2 …",
/// "Is a Placebo used in this Trial? Yes", ": 1").
fn label_value(rest: &str) -> (String, String) {
    let rest = rest.trim_start_matches([' ', '\t']);
    let (label, value) = match rest.split_once(':') {
        Some((l, v)) => (l, v),
        None => match rest.split_once('?') {
            Some((l, v)) => (l, v),
            None => (rest, ""),
        },
    };
    (label.trim().to_string(), value.trim_start().to_string())
}

/// Reads a download: one record per `Summary` block, in order. A text with no `Summary`
/// line is not a download of trial records.
pub fn read(text: &str) -> Result<Vec<Record>> {
    let mut records: Vec<Record> = Vec::new();
    let mut in_summary = false;
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim() == "Summary" {
            records.push(Record {
                fields: Vec::new(),
                line: i + 1,
            });
            in_summary = true;
            continue;
        }
        let Some(record) = records.last_mut() else {
            continue; // the preamble
        };
        if let Some((code, rest)) = field_start(line) {
            in_summary = false;
            let (label, value) = label_value(rest);
            let (label, lang) = match LANG.captures(&label) {
                Some(c) => (c["label"].to_string(), Some(c["lang"].to_string())),
                None => (label, None),
            };
            record.fields.push(Field {
                code,
                label,
                lang,
                value,
            });
        } else if in_summary && line.contains(':') {
            let (label, value) = label_value(line);
            record.fields.push(Field {
                code: "Summary".into(),
                label,
                lang: None,
                value,
            });
        } else if let Some(last) = record.fields.last_mut() {
            last.value.push('\n');
            last.value.push_str(line);
        }
    }
    if records.is_empty() {
        return Err(Error::malformed(
            Format::EuctrText,
            "no \"Summary\" line: the text holds no trial records",
        ));
    }
    Ok(records)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_codes_languages_and_continued_values() {
        let text = "preamble\n\nSummary\nEudraCT Number: 2022-002568-62\nLink: https://x/ES/\n\n\
                    A. Protocol Information\nA.2 EudraCT number: 2022-002568-62\n\
                    B.3.1 and B.3.2\tStatus of the sponsor: Commercial\n\
                    E.3 Principal inclusion criteria: 1. Adults;\n2. Consent\n\n\
                    E.3 Principal inclusion criteria (es): 1. Adultos\nD.IMP: 1\n\
                    D.8.1 Is a Placebo used in this Trial? Yes\nP. End of Trial Status: Ongoing\n\
                    A. Patients aged 18\n";
        let r = read(text).unwrap();
        assert_eq!(r.len(), 1);
        let r = &r[0];
        assert_eq!(r.line, 3);
        assert_eq!(r.summary("EudraCT Number"), Some("2022-002568-62"));
        assert_eq!(r.get("A.2"), Some("2022-002568-62"));
        assert_eq!(r.get("B.3.1 and B.3.2"), Some("Commercial"));
        assert_eq!(r.get("E.3"), Some("1. Adults;\n2. Consent"));
        assert_eq!(r.get("D.IMP"), Some("1"));
        assert_eq!(r.get("D.8.1"), Some("Yes"));
        // A line that only looks like a section heading continues the value before it.
        assert_eq!(r.get("P."), Some("Ongoing\nA. Patients aged 18"));
        let es = r.fields.iter().find(|f| f.lang.is_some()).unwrap();
        assert_eq!((es.code.as_str(), es.lang.as_deref()), ("E.3", Some("es")));
        assert!(read("no records here").is_err());
    }
}
