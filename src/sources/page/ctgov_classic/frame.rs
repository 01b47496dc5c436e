//! The classic page's frame: where the record starts (its title) and ends, and the site's
//! furniture around and between its sections, which no field may take.
//!
//! A copy of a page starts with whatever the site put above the record (the skip link,
//! menus, banners, "Save this study") and ends with its footer. The title is found by
//! structure: it is the line just above the status block ("ClinicalTrials.gov Identifier:",
//! "Recruitment Status :", or on older pages "This study has been completed."), past the
//! disclaimer the site prints between them. Saved HTML names it outright in its `<h1>`.

use crate::normalize::text;
use std::sync::LazyLock;

use crate::sources::page::labels::{label_key, phrases_only_key, strip_marker, Phrases};
use crate::sources::page::outline::Line;

/// The record part of a classic page.
pub(super) struct Frame {
    /// The brief title, as the page prints it (acronym included).
    pub title: Option<String>,
    /// The lines after the title up to the footer, furniture left out.
    pub lines: Vec<Line>,
}

/// Lines that are the site's furniture wherever they stand, compared as [`label_key`]s.
const FURNITURE: &[&str] = &[
    "skip to main content",
    "go to",
    "top of page",
    "to top",
    "back to top",
    "save this study",
    "study details",
    "full text view",
    "tabular view",
    "no results posted",
    "study results",
    "results submitted",
    "disclaimer",
    "how to read a study record",
    "see contacts and locations",
    "u.s. fda resources",
    "information from the national library of medicine",
    "resource links provided by the national library of medicine",
    "resource links provided by nlm",
    "history of changes",
    "key record dates",
    "about study results reporting on clinicaltrials.gov",
    "learn more.",
    "learn more",
    "show more",
    "show less",
    "hide glossary",
    "glossary",
    "search for terms",
];

/// Beginnings of furniture lines (banners, the disclaimer, the National Library of
/// Medicine's notes and resource links), compared as [`label_key`]s.
const FURNITURE_STARTS: &[&str] = &[
    "layout table for",
    "top of page ",
    "the safety and scientific validity of this study",
    "read our disclaimer",
    "listing a study does not mean",
    "choosing to participate in a study is an important personal decision",
    "to learn more about this study, you or your doctor may contact",
    "for general information,",
    "please refer to this study by its clinicaltrials.gov identifier",
    "genetics home reference related topics",
    "medlineplus related topics",
    "drug information available for",
    "genetic and rare diseases information center",
    "further study details as provided by",
    "health authority:",
    "we updated the design of this site",
    "we're building a better clinicaltrials.gov",
    "try the modernized clinicaltrials.gov",
    "study record managers: refer to the data element definitions",
    "no study results posted on clinicaltrials.gov",
    "results submitted - not posted on clinicaltrials.gov",
];

/// True for a line of the site's furniture.
pub(super) fn is_furniture(s: &str) -> bool {
    static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(FURNITURE));
    let s = strip_marker(s).unwrap_or(s);
    let key = label_key(s);
    FURNITURE.contains(&key.as_str())
        || FOOTER.contains(&key.as_str())
        || FURNITURE_STARTS.iter().any(|p| key.starts_with(p))
        || phrases_only_key(&key, &PHRASES).is_some()
}

/// The footer's links.
const FOOTER: &[&str] = &[
    "for patients and families",
    "for researchers",
    "for study record managers",
    "home",
    "rss feeds",
    "site map",
    "terms and conditions",
    "disclaimer",
    "customer support",
    "copyright",
    "privacy",
    "accessibility",
    "viewers and players",
    "freedom of information act",
    "usa.gov",
    "u.s. national library of medicine",
    "u.s. national institutes of health",
    "u.s. department of health and human services",
];

/// The first line of the footer, what follows it is the site's, not the record's: its
/// first link, several of its links copied onto one line, or the glossary panel.
fn is_footer_start(s: &str) -> bool {
    static PHRASES: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(FOOTER));
    let key = label_key(strip_marker(s).unwrap_or(s));
    matches!(key.as_str(), "for patients and families" | "hide glossary")
        || phrases_only_key(&key, &PHRASES).is_some_and(|n| n > 1)
}

/// The line at the foot of an older page: the date the registry produced it.
pub(super) fn is_processed_line(s: &str) -> bool {
    s.to_ascii_lowercase()
        .contains("clinicaltrials.gov processed this record on")
}

/// A line of the status block the title stands above.
fn is_status_block(s: &str) -> bool {
    let key = label_key(s);
    key.starts_with("clinicaltrials.gov identifier")
        || key == "recruitment status"
        || key.starts_with("recruitment status :")
        || key.starts_with("recruitment status:")
        || key.starts_with("this study ")
        || key.starts_with("the recruitment status of this study")
        || key.starts_with("recruitment status was")
}

/// Finds the record in a page's lines. `heading` is the page's `<h1>` where the page was
/// saved as HTML.
pub(super) fn frame(lines: &[Line], heading: Option<&str>) -> Frame {
    let by_heading = heading.and_then(|h| {
        let key = text::squash(h);
        lines
            .iter()
            .position(|l| !l.is_blank() && text::squash(&l.text) == key)
            .map(|i| (i, h.to_string()))
    });
    let found = by_heading.or_else(|| title_above_status(lines));
    let (start, title) = match found {
        Some((i, t)) => (i + 1, Some(t)),
        None => (0, None),
    };
    let mut body = Vec::new();
    for l in &lines[start.min(lines.len())..] {
        if is_footer_start(&l.text) {
            break;
        }
        // The date an older page was produced is the record's, not a field's line.
        if l.is_blank() || !(is_furniture(&l.text) || is_processed_line(&l.text)) {
            body.push(l.clone());
        }
    }
    Frame {
        title: title.and_then(|t| text::line(&t)),
        lines: body,
    }
}

/// The title as the line above the status block, past blank lines and furniture; with no
/// status block, the first line that is not furniture.
fn title_above_status(lines: &[Line]) -> Option<(usize, String)> {
    let is_text = |l: &&Line| !l.is_blank() && !is_furniture(&l.text);
    match lines.iter().position(|l| is_status_block(&l.text)) {
        Some(anchor) => lines[..anchor]
            .iter()
            .enumerate()
            .rev()
            .find(|(_, l)| is_text(l))
            .map(|(i, l)| (i, l.text.clone())),
        None => lines
            .iter()
            .enumerate()
            .find(|(_, l)| is_text(l))
            .map(|(i, l)| (i, l.text.clone())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::page::outline::Outline;

    #[test]
    fn the_title_stands_above_the_status_block_past_the_disclaimer() {
        let page = Outline::from_text(
            "Skip to Main Content\nFind Studies\nNew Search\nSave this study\n\n\
             A Study of Things\n\nThe safety and scientific validity of this study is the \
             responsibility of the study sponsor.\nClinicalTrials.gov Identifier: NCT01234567\n\
             Recruitment Status : Completed\nLayout table for study information\nStudy Type :\tX\n\
             To Top\nFor Patients and Families\nHome\n",
        );
        let f = frame(&page.lines, None);
        assert_eq!(f.title.as_deref(), Some("A Study of Things"));
        let texts: Vec<&str> = f.lines.iter().map(|l| l.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "",
                "ClinicalTrials.gov Identifier: NCT01234567",
                "Recruitment Status : Completed",
                "Study Type :\tX",
            ]
        );
    }
}
