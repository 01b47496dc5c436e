//! Saved web pages: the HTML of a page gives the record its copied text gives, whatever the
//! layout; registry pages that are not studies are named, not read.

use serde_json::Value;
use trialnorm::{detect, parse, Error, Format, Trial};

fn fixture(path: &str) -> Vec<u8> {
    std::fs::read(format!("{}/fixtures/{path}", env!("CARGO_MANIFEST_DIR")))
        .unwrap_or_else(|e| panic!("fixtures/{path}: {e}"))
}

/// The record as JSON, without `source.format` (the one field the two forms differ in).
fn record(t: &Trial) -> Value {
    let mut v = serde_json::to_value(t).unwrap();
    v["source"]
        .as_object_mut()
        .unwrap()
        .remove("format")
        .expect("source.format is written");
    v
}

/// Asserts two records are equal, naming the first differing top-level key.
fn assert_same(html: &Trial, text: &Trial, what: &str) {
    let (a, b) = (record(html), record(text));
    for (key, va) in a.as_object().unwrap() {
        assert_eq!(
            va, &b[key],
            "{what}: `{key}` differs between the HTML and the text"
        );
    }
    assert_eq!(a, b, "{what}");
}

fn parsed(path: &str) -> Trial {
    parse(&fixture(path), None).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn classic_seed_as_html_gives_the_record_of_its_text() {
    let text = parsed("seeds/NCT00479934.txt");
    for page in [
        "pages/ctgov-classic/NCT00479934.seed-tables.html",
        "pages/ctgov-classic/NCT00479934.seed-tabbed-saved.html",
    ] {
        let html = parsed(page);
        assert_eq!(html.source.format, Some(Format::CtgovClassicHtml), "{page}");
        assert_same(&html, &text, page);
    }
    // The comparison is not vacuous: the record is full.
    assert_eq!(text.sites.len(), 12);
    assert_eq!(text.eligibility.exclusion.len(), 13);
}

#[test]
fn veeva_seed_as_html_gives_the_record_of_its_text() {
    let text = parsed("seeds/NCT06722105.txt");
    for page in [
        "pages/veeva/NCT06722105.seed-lists.html",
        "pages/veeva/NCT06722105.seed-div-text.html",
    ] {
        let html = parsed(page);
        assert_eq!(html.source.format, Some(Format::VeevaHtml), "{page}");
        assert_same(&html, &text, page);
    }
    assert_eq!(text.arms.len(), 3);
    assert!(text
        .eligibility
        .criteria_text
        .as_deref()
        .unwrap()
        .contains("      1. respiratory"));
}

/// Wraps every element of `<body>` in two more layers and adds asides the reader must skip:
/// reading goes by structure, not by positions.
fn rewrap(html: &str) -> String {
    html.replace("<table", "<div class=\"wrap\"><section><table")
        .replace("</table>", "</table></section></div>")
        .replace("<ul", "<div><div class=\"list\"><ul")
        .replace("</ul>", "</ul></div></div>")
        .replace(
            "<body>",
            "<body><div id=\"onetrust-banner-sdk\"><p>We use cookies. Accept all</p></div>\
             <template><p>Study Type: Observational</p></template>\
             <div style=\"display:none\">Study Type: Observational</div>",
        )
}

#[test]
fn rewrapped_and_reordered_pages_still_read() {
    let text = parsed("seeds/NCT00479934.txt");
    let page =
        String::from_utf8(fixture("pages/ctgov-classic/NCT00479934.seed-tables.html")).unwrap();
    let wrapped = parse(rewrap(&page).as_bytes(), None).unwrap();
    assert_same(&wrapped, &text, "rewrapped classic page");

    // The "More Information" block moved before "Contacts and Locations".
    let more_at = page
        .find("<h2 class=\"tr-section-header\" id=\"more\">")
        .unwrap();
    let end = page.find("<div id=\"footer\"").unwrap();
    let locn_at = page
        .find("<h2 class=\"tr-section-header\" id=\"locn\">")
        .unwrap();
    let moved = format!(
        "{}{}</div>{}",
        &page[..locn_at],
        &page[more_at..end].trim_end().trim_end_matches("</div>"),
        &page[locn_at..more_at],
    );
    let reordered = parse(moved.as_bytes(), None).unwrap();
    assert_same(&reordered, &text, "reordered classic page");

    let veeva_text = parsed("seeds/NCT06722105.txt");
    let veeva = String::from_utf8(fixture("pages/veeva/NCT06722105.seed-lists.html")).unwrap();
    let wrapped = parse(rewrap(&veeva).as_bytes(), None).unwrap();
    assert_same(&wrapped, &veeva_text, "rewrapped Veeva page");
}

#[test]
fn pages_that_are_not_studies_are_named() {
    for (page, what) in [
        (
            "pages/not-a-study/ctgov-classic-search-results.html",
            "search results",
        ),
        (
            "pages/not-a-study/ctgov-modern-not-found.html",
            "error page",
        ),
        ("pages/not-a-study/veeva-search.html", "search results"),
    ] {
        let bytes = fixture(page);
        match detect(&bytes) {
            Err(Error::NotAStudy(msg)) => assert!(msg.contains(what), "{page}: {msg}"),
            other => panic!("{page}: expected NotAStudy, got {other:?}"),
        }
        // Forcing a page format does not make a record of it either.
        let forced = if page.contains("veeva") {
            Format::VeevaHtml
        } else if page.contains("modern") {
            Format::CtgovModernHtml
        } else {
            Format::CtgovClassicHtml
        };
        assert!(
            matches!(parse(&bytes, Some(forced)), Err(Error::NotAStudy(_))),
            "{page} forced as {forced}"
        );
    }
}

#[test]
fn detect_names_each_page_format() {
    for (page, format) in [
        (
            "pages/ctgov-classic/NCT00479934.seed-tables.html",
            Format::CtgovClassicHtml,
        ),
        (
            "pages/ctgov-classic/NCT00479934.seed-tabbed-saved.html",
            Format::CtgovClassicHtml,
        ),
        (
            "pages/ctgov-classic/NCT03133988.html",
            Format::CtgovClassicHtml,
        ),
        (
            "pages/ctgov-modern/NCT00973089.html",
            Format::CtgovModernHtml,
        ),
        (
            "pages/ctgov-modern/NCT00973089.txt",
            Format::CtgovModernText,
        ),
        ("pages/veeva/NCT06722105.seed-lists.html", Format::VeevaHtml),
        (
            "pages/veeva/NCT06722105.seed-div-text.html",
            Format::VeevaHtml,
        ),
        ("seeds/NCT00479934.txt", Format::CtgovClassicText),
        ("seeds/NCT06722105.txt", Format::VeevaText),
    ] {
        assert_eq!(detect(&fixture(page)), Ok(format), "{page}");
    }
}

#[test]
fn modern_html_and_its_copied_text_give_one_record() {
    let html = parsed("pages/ctgov-modern/NCT00973089.html");
    let text = parsed("pages/ctgov-modern/NCT00973089.txt");
    assert_eq!(html.source.format, Some(Format::CtgovModernHtml));
    assert_eq!(text.source.format, Some(Format::CtgovModernText));
    assert_same(&html, &text, "modern page NCT00973089");
}
