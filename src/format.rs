//! The input formats, and detection of the format from the bytes.

use std::fmt;
use std::str::FromStr;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};

mod forced;
mod sites;

pub use forced::check_forced;

/// An input format trialnorm reads.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum Format {
    /// ClinicalTrials.gov classic study page (`/ct2/show/NCT…`), copied as text.
    CtgovClassicText,
    /// ClinicalTrials.gov classic study page, saved as HTML.
    CtgovClassicHtml,
    /// ClinicalTrials.gov modern study page (`/study/NCT…`), copied as text.
    CtgovModernText,
    /// ClinicalTrials.gov modern study page, saved as HTML.
    CtgovModernHtml,
    /// ClinicalTrials.gov API v2 study JSON (one study or a search page).
    CtgovApiV2Json,
    /// Retired ClinicalTrials.gov API v1 "full studies" JSON.
    CtgovApiV1Json,
    /// Legacy ClinicalTrials.gov public XML (`<clinical_study>`).
    CtgovXml,
    /// ClinicalTrials.Veeva study page, copied as text.
    VeevaText,
    /// ClinicalTrials.Veeva study page, saved as HTML.
    VeevaHtml,
    /// WHO ICTRP "Export results to XML" (`<Trials_downloaded_from_ICTRP>`): one record per
    /// `<Trial>`, from any of the platform's registries.
    WhoIctrpXml,
    /// EU Clinical Trials Register "full trial details" text download: one record per
    /// member-state protocol record (`Summary` … `P. End of Trial`).
    EuctrText,
    /// EU Clinical Trials Information System trial JSON: the public portal's
    /// `ctis-public-api/retrieve/{EU CT number}` answer (one trial; an array or JSON Lines
    /// of them).
    CtisJson,
    /// ISRCTN registry API XML (`<allTrials>` or `<fullTrial>`, namespace
    /// `http://www.67bricks.com/isrctn`).
    IsrctnXml,
}

impl Format {
    /// Every format, in declaration order.
    pub const ALL: [Format; 13] = [
        Format::CtgovClassicText,
        Format::CtgovClassicHtml,
        Format::CtgovModernText,
        Format::CtgovModernHtml,
        Format::CtgovApiV2Json,
        Format::CtgovApiV1Json,
        Format::CtgovXml,
        Format::VeevaText,
        Format::VeevaHtml,
        Format::WhoIctrpXml,
        Format::EuctrText,
        Format::CtisJson,
        Format::IsrctnXml,
    ];

    /// The format's name, as `--format` takes it and `source.format` writes it.
    pub fn name(self) -> &'static str {
        match self {
            Format::CtgovClassicText => "ctgov-classic-text",
            Format::CtgovClassicHtml => "ctgov-classic-html",
            Format::CtgovModernText => "ctgov-modern-text",
            Format::CtgovModernHtml => "ctgov-modern-html",
            Format::CtgovApiV2Json => "ctgov-api-v2-json",
            Format::CtgovApiV1Json => "ctgov-api-v1-json",
            Format::CtgovXml => "ctgov-xml",
            Format::VeevaText => "veeva-text",
            Format::VeevaHtml => "veeva-html",
            Format::WhoIctrpXml => "who-ictrp-xml",
            Format::EuctrText => "euctr-text",
            Format::CtisJson => "ctis-json",
            Format::IsrctnXml => "isrctn-xml",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Format {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(s.trim()))
            .ok_or_else(|| {
                let names: Vec<_> = Format::ALL.iter().map(|f| f.name()).collect();
                format!("unknown format {s:?}; expected one of {}", names.join(", "))
            })
    }
}

/// How many leading characters detection looks at for markers of each kind.
const SNIFF: usize = 64 * 1024;

/// Saved pages carry large inline scripts and styles before the content; detection of HTML
/// looks further.
const HTML_SNIFF: usize = 4 * 1024 * 1024;

/// Guesses the format of decoded text.
///
/// Detection reads markers, not file names: the JSON keys of each API, the XML root element,
/// and for pages the site's own labels and links. A registry document that is not a study
/// (an RSS feed, a search page, an error page) is [`Error::NotAStudy`].
pub fn detect_text(text: &str) -> Result<Format> {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    if body.is_empty() {
        return Err(Error::Empty);
    }
    let head = prefix(body, SNIFF);
    match body.as_bytes()[0] {
        b'{' | b'[' => detect_json(head).map_err(|e| match e {
            Error::UnknownFormat(_) => not_json(text, body).unwrap_or(e),
            e => e,
        }),
        b'<' => detect_markup(prefix(body, HTML_SNIFF)),
        _ => detect_page_text(head),
    }
}

fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The first key of the top-level JSON object (or of the first object of a top-level array).
fn first_json_key(head: &str) -> Option<&str> {
    static KEY: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"^\s*(?:\[\s*)?\{\s*"([^"\\]*)"\s*:"#).expect("valid regex")
    });
    KEY.captures(head)
        .and_then(|c| c.get(1))
        .map(|m| m.as_str())
}

fn detect_json(head: &str) -> Result<Format> {
    // The first key names the shape; a key further in could be text inside a record.
    match first_json_key(head) {
        Some("FullStudiesResponse") => return Ok(Format::CtgovApiV1Json),
        Some("StudyFieldsResponse") => {
            return Err(Error::NotAStudy(
                "API v1 study-fields response (no full study records)".into(),
            ))
        }
        Some(
            "protocolSection" | "derivedSection" | "resultsSection" | "annotationSection"
            | "documentSection" | "hasResults" | "studies" | "nextPageToken" | "totalCount"
            | "studyVersion",
        ) => return Ok(Format::CtgovApiV2Json),
        _ => {}
    }
    if head.contains("\"FullStudiesResponse\"") || head.contains("\"FullStudies\"") {
        return Ok(Format::CtgovApiV1Json);
    }
    if head.contains("\"StudyFieldsResponse\"") {
        return Err(Error::NotAStudy(
            "API v1 study-fields response (no full study records)".into(),
        ));
    }
    if let Some(ctis) = detect_ctis(head) {
        return ctis;
    }
    if head.contains("\"protocolSection\"") {
        return Ok(Format::CtgovApiV2Json);
    }
    Err(Error::UnknownFormat(
        "JSON, but neither an API v2 study (protocolSection), an API v1 FullStudiesResponse \
         nor a CTIS trial (ctNumber)"
            .into(),
    ))
}

/// Why `body`, which starts like JSON, is not JSON (nor JSON Lines: one value a line),
/// with serde_json's position in `text` (of which `body` is the part from its first
/// character on); `None` when it is JSON (of a shape no format has).
fn not_json(text: &str, body: &str) -> Option<Error> {
    use serde::de::IgnoredAny;
    let whole = serde_json::from_str::<IgnoredAny>(body).err()?;
    // JSON Lines: every line a value; a bad line's error is placed in the whole.
    let lines: Vec<&str> = body.lines().filter(|l| !l.trim().is_empty()).collect();
    if lines.len() > 1 && lines[0].trim_start().starts_with('{') {
        let bad = lines
            .iter()
            .find_map(|l| Some((l, serde_json::from_str::<IgnoredAny>(l).err()?)));
        return bad.map(|(line, e)| Error::bad_json(&e).within(text, line, None));
    }
    Some(Error::bad_json(&whole).within(text, body, None))
}

/// A CTIS answer: a trial of the `retrieve` endpoint (its EU CT number beside the
/// application CTIS authorized, or its public status), or the `search` endpoint's overview
/// rows, which are no trial records.
fn detect_ctis(head: &str) -> Option<Result<Format>> {
    if !head.contains("\"ctNumber\"") {
        return None;
    }
    let trial = [
        "\"authorizedApplication\"",
        "\"authorizedPartI\"",
        "\"ctPublicStatusCode\"",
    ];
    if first_json_key(head) == Some("ctNumber") || trial.iter().any(|k| head.contains(k)) {
        return Some(Ok(Format::CtisJson));
    }
    if head.contains("\"pagination\"") || head.contains("\"totalNumberEnrolled\"") {
        return Some(Err(Error::NotAStudy(
            "a CTIS search answer (overview rows, not trial records: fetch each trial by its \
             EU CT number)"
                .into(),
        )));
    }
    None
}

/// The local name of an XML document's root element, read without looking at (let alone
/// expanding) anything a DOCTYPE declares. `None` when the text has no readable root.
pub fn xml_root(text: &str) -> Option<String> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(text);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return Some(e.local_name().as_ref().to_owned())
            }
            Ok(Event::Text(t)) if !t.trim_ascii().is_empty() => return None,
            Ok(Event::Eof) | Err(_) => return None,
            Ok(_) => {}
        }
    }
}

fn detect_markup(head: &str) -> Result<Format> {
    match xml_root(head).as_deref() {
        Some("clinical_study") => return Ok(Format::CtgovXml),
        Some("Trials_downloaded_from_ICTRP") => return Ok(Format::WhoIctrpXml),
        Some("allTrials" | "fullTrial") => return Ok(Format::IsrctnXml),
        Some("rss") => return Err(Error::NotAStudy("an RSS feed of search results".into())),
        Some("search_results") => {
            return Err(Error::NotAStudy("an XML list of search results".into()))
        }
        _ => {}
    }
    let lower = head.to_ascii_lowercase();
    if lower.contains("<clinical_study") {
        return Ok(Format::CtgovXml);
    }
    if lower.contains("<rss") {
        return Err(Error::NotAStudy("an RSS feed of search results".into()));
    }
    if lower.contains("<search_results") {
        return Err(Error::NotAStudy("an XML list of search results".into()));
    }
    if lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body") {
        return detect_html(head, &lower);
    }
    Err(Error::UnknownFormat(
        "markup, but neither a <clinical_study> XML record, a WHO ICTRP or ISRCTN export \
         nor an HTML page"
            .into(),
    ))
}

fn detect_html(head: &str, lower: &str) -> Result<Format> {
    let veeva = lower.contains("ctv.veeva.com") || lower.contains("clinicaltrials.veeva");
    let ctgov = lower.contains("clinicaltrials.gov");
    if !veeva && !ctgov {
        return Err(Error::UnknownFormat(
            "an HTML page that is not from ClinicalTrials.gov or ClinicalTrials.Veeva".into(),
        ));
    }
    let site = if veeva {
        "ClinicalTrials.Veeva"
    } else {
        "ClinicalTrials.gov"
    };
    if let Some(what) = not_a_study_page(lower, veeva.then_some(head)) {
        return Err(Error::NotAStudy(format!("a {site} {what}")));
    }
    if veeva {
        return Ok(Format::VeevaHtml);
    }
    // The classic site's own element ids and classes, then the modern site's custom elements
    // and address; a page of one may link to the other, so its markup decides first.
    let has = |s: &str| lower.contains(s);
    if has("id=\"tab-body\"") || has("ct-header3") || has("ct-body3") || has("class=\"tr-") {
        return Ok(Format::CtgovClassicHtml);
    }
    if has("<ctg-") || has("/study/nct") {
        return Ok(Format::CtgovModernHtml);
    }
    if has("/ct2/show/") || has("clinicaltrials.gov identifier") {
        return Ok(Format::CtgovClassicHtml);
    }
    Err(Error::UnknownFormat(
        "a ClinicalTrials.gov HTML page that is neither a classic nor a modern study page".into(),
    ))
}

/// What a registry page that is not a study is: a search results page or an error page,
/// by its title or by naming no study at all. `any_registry` is the page as written, for a
/// site that lists trials of other registries too (ClinicalTrials.Veeva): there a page that
/// names an EU CT, EudraCT, ISRCTN or other registry number names a study.
fn not_a_study_page(lower: &str, any_registry: Option<&str>) -> Option<&'static str> {
    let title = lower
        .split_once("<title")
        .and_then(|(_, rest)| rest.split_once('>'))
        .and_then(|(_, rest)| rest.split_once("</title"))
        .map_or("", |(t, _)| t);
    let title_has = |words: &[&str]| words.iter().any(|w| title.contains(w));
    if title_has(&[
        "search results",
        "list results",
        "search of:",
        "find clinical trials",
    ]) || lower.contains("<ctg-search-results")
        || lower.contains("id=\"thedatatable\"")
    {
        return Some("search results page");
    }
    if title_has(&["not found", "404"]) {
        return Some("error page (not found)");
    }
    let other_registry = || {
        any_registry.is_some_and(|page| !crate::normalize::registry_ids::recognize(page).is_empty())
    };
    if !names_an_nct(lower) && !other_registry() {
        return Some("page that names no study (no registry identifier)");
    }
    None
}

/// True when `lower` holds "nct" and 8 decimal digits (what `nct\d{8}` finds): scanned, since
/// compiling that regex's Unicode digits was a twentieth of reading one page in a process.
fn names_an_nct(lower: &str) -> bool {
    lower.match_indices("nct").any(|(i, _)| {
        let mut after = lower[i + 3..].chars();
        (0..8).all(|_| after.next().is_some_and(crate::normalize::scan::is_digit))
    })
}

/// Page text by the sites' own lines: a page copied as text holds its site's section
/// headings and labels as lines (two at least, `sites::MIN_LINES`), where notes or a
/// README that mention a site hold none, or one.
fn detect_page_text(head: &str) -> Result<Format> {
    let has = |s: &str| head.contains(s);
    // The EU CTR download's own opening sentence, or its summary and protocol headings.
    if has("This file contains full details on each clinical trial")
        || (has("EudraCT Number:") && has("A. Protocol Information"))
    {
        return Ok(Format::EuctrText);
    }
    let mut best: Option<(usize, &sites::Site)> = None;
    for site in sites::SITES {
        let n = site.lines_in(head);
        if n >= sites::MIN_LINES && best.is_none_or(|(m, _)| n > m) {
            best = Some((n, site));
        }
    }
    match best {
        Some((_, site)) => Ok(site.formats[0]),
        None => Err(Error::UnknownFormat(
            "text that is not a ClinicalTrials.gov or ClinicalTrials.Veeva study page nor an EU CTR full-text download".into(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `names_an_nct` answers as the regex `nct\d{8}` does: on every fixture line, lower
    /// case, and on edge cases (7 digits, other decimal digits, a number cut by the end).
    #[test]
    fn names_an_nct_as_the_regex() {
        let re = regex::Regex::new(r"nct\d{8}").unwrap();
        let cases = [
            "nct0123456",
            "xnct01234567y",
            "nct０１２３４５６７",
            "nctnct12345678",
            "nct",
        ];
        let mut found = 0;
        for line in crate::test_texts::with_fixture_lines(&cases) {
            let lower = line.to_ascii_lowercase();
            assert_eq!(names_an_nct(&lower), re.is_match(&lower), "{lower:?}");
            found += usize::from(re.is_match(&lower));
        }
        assert!(found > 100, "{found}");
    }

    #[test]
    fn names_round_trip() {
        for f in Format::ALL {
            assert_eq!(f.name().parse::<Format>().unwrap(), f);
            assert_eq!(serde_json::to_value(f).unwrap(), f.name());
        }
        assert!("pdf".parse::<Format>().unwrap_err().contains("ctgov-xml"));
    }

    #[test]
    fn json_and_markup_markers() {
        assert_eq!(
            detect_text(r#"{"protocolSection":{}}"#),
            Ok(Format::CtgovApiV2Json)
        );
        assert_eq!(
            detect_text(r#"{"FullStudiesResponse":{}}"#),
            Ok(Format::CtgovApiV1Json)
        );
        assert_eq!(
            detect_text("<?xml version=\"1.0\"?>\n<clinical_study>"),
            Ok(Format::CtgovXml)
        );
        assert!(matches!(
            detect_text("<rss version=\"2.0\"><channel/></rss>"),
            Err(Error::NotAStudy(_))
        ));
        assert!(matches!(
            detect_text(r#"{"a": 1}"#),
            Err(Error::UnknownFormat(_))
        ));
        assert_eq!(detect_text(" \n\t"), Err(Error::Empty));
        // Not JSON at all: serde_json's reason and place, not "unrecognized format".
        let e = detect_text(r#"{"broken"#).unwrap_err();
        assert_eq!(
            e.to_string(),
            "malformed JSON: EOF while parsing a string at line 1 column 8"
        );
        // A bad line of JSON Lines, placed in the whole input.
        let e = detect_text("{\"a\": 1}\n{\"b\": ?}\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "malformed JSON: expected value at line 2 column 7"
        );
        // Valid JSON of an unknown shape stays unrecognized.
        assert!(matches!(
            detect_text("{\"a\": 1}\n{\"b\": 2}\n"),
            Err(Error::UnknownFormat(_))
        ));
    }
}
