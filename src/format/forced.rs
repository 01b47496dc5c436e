//! A format given by the caller (`--format`) instead of detected: before its reader runs,
//! the input must be the kind of document the format is (text, HTML, JSON or XML) and, for a
//! study page, carry some of its site's own sections. Otherwise the reader would make a
//! record of whatever it found (an HTML page's tags read as a text copy's lines) or fail with
//! a reason about a page the input is not; instead the error says what the input is and,
//! by detection, which format it looks like.

use super::sites;
use super::{detect_text, prefix, xml_root, HTML_SNIFF};
use crate::error::{Error, Result};
use crate::Format;

/// The kinds of document the formats are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Html,
    Json,
    Xml,
}

impl Kind {
    /// What `body` (trimmed) is: JSON by its first character; markup is XML when its root is
    /// a registry export's, HTML when it has an `<html>` or `<body>` or starts with an HTML
    /// element (a page's fragment), XML otherwise; anything else is text.
    fn of(body: &str) -> Kind {
        match body.as_bytes().first() {
            Some(b'{' | b'[') => Kind::Json,
            Some(b'<') => {
                let head = prefix(body, HTML_SNIFF);
                let root = xml_root(head).map(|r| r.to_ascii_lowercase());
                let is = |names: &[&str]| root.as_deref().is_some_and(|r| names.contains(&r));
                if is(XML_ROOTS) {
                    Kind::Xml
                } else if is_html(head) || is(HTML_ROOTS) {
                    Kind::Html
                } else {
                    Kind::Xml
                }
            }
            _ => Kind::Text,
        }
    }

    /// The kind of document `format` reads.
    fn read_by(format: Format) -> Kind {
        match format {
            Format::CtgovClassicText
            | Format::CtgovModernText
            | Format::VeevaText
            | Format::EuctrText => Kind::Text,
            Format::CtgovClassicHtml | Format::CtgovModernHtml | Format::VeevaHtml => Kind::Html,
            Format::CtgovApiV2Json | Format::CtgovApiV1Json | Format::CtisJson => Kind::Json,
            Format::CtgovXml | Format::WhoIctrpXml | Format::IsrctnXml => Kind::Xml,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::Html => "an HTML page",
            Kind::Json => "JSON",
            Kind::Xml => "XML",
        }
    }
}

/// Root elements of the XML documents trialnorm knows (lower case): records, exports, feeds.
const XML_ROOTS: &[&str] = &[
    "clinical_study",
    "trials_downloaded_from_ictrp",
    "alltrials",
    "fulltrial",
    "rss",
    "search_results",
];

/// Elements a saved page's fragment may start with.
const HTML_ROOTS: &[&str] = &[
    "html", "head", "body", "div", "main", "section", "article", "table", "p", "span", "ul", "ol",
    "h1", "h2", "h3", "header", "nav", "footer", "form", "meta", "title", "link", "script",
    "style",
];

fn is_html(head: &str) -> bool {
    let lower = head.get(..head.len().min(64 * 1024)).unwrap_or(head);
    let lower = lower.to_ascii_lowercase();
    lower.contains("<html") || lower.contains("<!doctype html") || lower.contains("<body")
}

/// Checks that `text` can be read as `format`, given by the caller: [`Error::NotFormat`]
/// when it is another kind of document, or a page with none of the format's site's
/// sections; the reader's own checks follow.
pub fn check_forced(format: Format, text: &str) -> Result<()> {
    let body = text.trim_start_matches('\u{feff}').trim();
    if body.is_empty() {
        return Err(Error::Empty);
    }
    let (kind, wanted) = (Kind::of(body), Kind::read_by(format));
    if kind != wanted {
        let what = match kind {
            Kind::Xml => xml_root(prefix(body, HTML_SNIFF)).map_or("XML".to_string(), |root| {
                format!("XML (root element <{root}>)")
            }),
            k => k.name().to_string(),
        };
        return Err(not_format(
            format,
            text,
            format!("the input is {what}, not {}", wanted.name()),
        ));
    }
    let Some(site) = sites::of(format) else {
        return check_structured(format, text, body);
    };
    let found = match kind {
        Kind::Html => site.words_in(prefix(body, HTML_SNIFF)),
        _ => site.lines_in(body),
    };
    // Detection that agrees vouches for the page (saved HTML is known by its markup).
    if found < sites::MIN_LINES && detect_text(text) != Ok(format) {
        let how_many = if found == 0 { "none" } else { "only one" };
        return Err(not_format(
            format,
            text,
            format!(
                "{how_many} of the sections of a {} ({}) found",
                site.name,
                site.examples()
            ),
        ));
    }
    Ok(())
}

/// A structured format (an export, an API answer, the EU CTR download) forced on an input of
/// its kind that detection knows as another format: [`Error::NotFormat`] saying what the
/// format's reader looks for and what the input has instead. An input detection does not
/// know is left to the reader, whose own reason says what is wrong.
fn check_structured(format: Format, text: &str, body: &str) -> Result<()> {
    match detect_text(text) {
        Ok(other) if other != format => {}
        _ => return Ok(()),
    }
    let root = || {
        xml_root(prefix(body, HTML_SNIFF)).map_or("no readable root element".to_string(), |r| {
            format!("root element <{r}>")
        })
    };
    let found = match format {
        Format::CtgovApiV2Json => "JSON without a protocolSection or studies list".to_string(),
        Format::CtgovApiV1Json => "JSON without a FullStudiesResponse".to_string(),
        Format::CtisJson => "JSON without a CTIS trial's ctNumber".to_string(),
        Format::CtgovXml => format!("XML with {}, not <clinical_study>", root()),
        Format::WhoIctrpXml => format!("XML with {}, not <Trials_downloaded_from_ICTRP>", root()),
        Format::IsrctnXml => format!("XML with {}, not <allTrials> or <fullTrial>", root()),
        Format::EuctrText => "text without the EU CTR download's headings (EudraCT Number:, \
                              A. Protocol Information)"
            .to_string(),
        _ => return Ok(()),
    };
    Err(not_format(format, text, found))
}

/// The error for an input that is not `format`, saying what `found` and what detection
/// makes of the input. A registry document that is no study (a search results page) is
/// said to be that, whatever format it was to be read as.
fn not_format(format: Format, text: &str, found: String) -> Error {
    let looks = match detect_text(text) {
        Ok(other) if other != format => {
            format!("; it looks like {other} (read it as that, or let the format be detected)")
        }
        Ok(_) => String::new(),
        Err(e @ Error::NotAStudy(_)) => return e,
        Err(e) => format!("; nor is it any other format trialnorm reads ({e})"),
    };
    Error::NotFormat {
        format,
        reason: format!("{found}{looks}"),
    }
}
