//! A format given instead of detected (`--format`, `parse(…, Some(format))`) never makes a
//! record of an input that is not that format: every format forced on a real fixture of every
//! other format is an error, and the error says what the input is (its kind, or that the
//! site's sections are missing) and which format it looks like, never a reason about a page
//! the input is not. Detection of page text needs a site's section headings as lines: notes
//! and READMEs that mention the sites are no page.

use trialnorm::{parse, parse_all, Error, Format};

use crate::util::{cli, fixture};

/// A real fixture of each format (two layouts where a format has very different ones).
const SAMPLES: &[(&str, Format)] = &[
    (
        "pages/ctgov-classic/NCT00479934.seed-tables.copy.txt",
        Format::CtgovClassicText,
    ),
    (
        "pages/ctgov-classic/NCT02422290.results-tab.2018.copy.txt",
        Format::CtgovClassicText,
    ),
    (
        "pages/ctgov-classic/NCT03746262.full-text-view.2019.html",
        Format::CtgovClassicHtml,
    ),
    (
        "pages/ctgov-classic/NCT00479934.seed-tabbed-saved.html",
        Format::CtgovClassicHtml,
    ),
    (
        "pages/ctgov-modern/NCT00973089.txt",
        Format::CtgovModernText,
    ),
    (
        "pages/ctgov-modern/NCT00973089.html",
        Format::CtgovModernHtml,
    ),
    ("ctgov-api-v2/NCT00973089.json", Format::CtgovApiV2Json),
    ("ctgov-api-v1/NCT00023673.json", Format::CtgovApiV1Json),
    ("ctgov-xml/NCT00023673.xml", Format::CtgovXml),
    ("seeds/NCT06722105.txt", Format::VeevaText),
    (
        "pages/veeva/EUCTR2018-002548-10.eu-only.txt",
        Format::VeevaText,
    ),
    ("pages/veeva/NCT06722105.seed-lists.html", Format::VeevaHtml),
    ("corpus/who-ictrp/who-ictrp-export.xml", Format::WhoIctrpXml),
    ("corpus/euctr/euctr-full-text.txt", Format::EuctrText),
    ("isrctn/ISRCTN54285094.xml", Format::IsrctnXml),
    ("ctis/2023-507385-11-00.json", Format::CtisJson),
];

/// The kind of document a format reads, as the errors name it.
fn kind(f: Format) -> &'static str {
    let name = f.name();
    if name.ends_with("-text") {
        "text"
    } else if name.ends_with("-html") {
        "an HTML page"
    } else if name.ends_with("-json") {
        "JSON"
    } else {
        "XML"
    }
}

/// Whether a format reads a study page of a site (its sections are checked).
fn is_page(f: Format) -> bool {
    matches!(
        f,
        Format::CtgovClassicText
            | Format::CtgovClassicHtml
            | Format::CtgovModernText
            | Format::CtgovModernHtml
            | Format::VeevaText
            | Format::VeevaHtml
    )
}

/// The errors of a forced read: the input's, or each study's; panics on any record.
fn errors(rel: &str, forced: Format) -> Vec<Error> {
    match parse_all(&fixture(rel), Some(forced)) {
        Err(e) => vec![e],
        Ok(records) => records
            .into_iter()
            .map(|r| match r {
                Ok(t) => panic!(
                    "{rel} forced as {forced}: a record (title {:?}, id {:?})",
                    t.titles.brief, t.ids.nct_id
                ),
                Err(e) => e,
            })
            .collect(),
    }
}

#[test]
fn every_format_forced_on_every_other_is_an_error_that_says_what_the_input_is() {
    for &(rel, own) in SAMPLES {
        let bytes = fixture(rel);
        assert_eq!(trialnorm::detect(&bytes), Ok(own), "{rel}");
        // The right format, given, reads it.
        let read = parse_all(&bytes, Some(own)).unwrap();
        assert!(read.iter().any(Result::is_ok), "{rel} as {own}");
        for forced in Format::ALL.into_iter().filter(|&f| f != own) {
            for e in errors(rel, forced) {
                let msg = e.to_string();
                let looks = format!("it looks like {own}");
                if kind(own) != kind(forced) {
                    assert!(matches!(e, Error::NotFormat { format, .. } if format == forced));
                    let is = format!("the input is {}", kind(own));
                    assert!(
                        msg.contains(&is) && msg.contains(&looks),
                        "{rel} as {forced}: {msg}"
                    );
                } else if is_page(forced) {
                    assert!(
                        msg.starts_with(&format!("not {forced}: none of the sections of a "))
                            && msg.contains(&looks),
                        "{rel} as {forced}: {msg}"
                    );
                } else {
                    // Same kind, structured: what the format's reader looks for is missing,
                    // and detection names the format the input is (never "not a study
                    // record" or a reader's "malformed" of an input that is another format).
                    assert!(
                        matches!(e, Error::NotFormat { format, .. } if format == forced),
                        "{rel} as {forced}: {msg}"
                    );
                    assert!(
                        msg.starts_with(&format!("not {forced}: {} with", kind(own)))
                            && msg.contains(&looks)
                            && !msg.contains(" page"),
                        "{rel} as {forced}: {msg}"
                    );
                }
            }
        }
    }
}

/// The user's cases: a saved classic page read as a text copy made a record titled
/// "<!DOCTYPE html>" with tags for MeSH terms; forced readers said "the site loads the study
/// by script", "no NCT identifier" (the copy holds NCT03746262) and "a ClinicalTrials.Veeva
/// page" of inputs that are none of these.
#[test]
fn the_reported_forced_reads_say_what_the_input_is() {
    let (code, out, err) = cli(&[
        "parse",
        "--format",
        "ctgov-classic-text",
        "fixtures/pages/ctgov-classic/NCT03746262.full-text-view.2019.html",
    ]);
    assert_eq!(code, Some(1));
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains(
            "fixtures/pages/ctgov-classic/NCT03746262.full-text-view.2019.html: not ctgov-classic-text: \
             the input is an HTML page, not text; it looks like ctgov-classic-html"
        ),
        "{err}"
    );
    for (rel, forced, untrue) in [
        (
            "seeds/NCT00479934.txt",
            Format::CtgovModernText,
            "loads the study by script",
        ),
        (
            "pages/ctgov-classic/NCT03746262.full-text-view.2019.copy.txt",
            Format::CtgovClassicHtml,
            "no NCT identifier",
        ),
        (
            "pages/ctgov-classic/NCT03746262.full-text-view.2019.html",
            Format::VeevaHtml,
            "ClinicalTrials.Veeva page with",
        ),
    ] {
        let [e] = &errors(rel, forced)[..] else {
            panic!("{rel}: one error")
        };
        let msg = e.to_string();
        assert!(!msg.contains(untrue), "{rel} as {forced}: {msg}");
        let looks = if rel.ends_with(".html") {
            "it looks like ctgov-classic-html"
        } else {
            "it looks like ctgov-classic-text"
        };
        assert!(msg.contains(looks), "{rel} as {forced}: {msg}");
    }
}

/// Notes and READMEs that name the sites, quote their labels or even hold one of them as a
/// line are no study page: detection says so, without a reason about a page, and no forced
/// page format reads them.
#[test]
fn texts_that_mention_the_sites_are_no_pages() {
    let notes = [
        String::from_utf8(fixture("README.md")).unwrap(),
        String::from_utf8(fixture("not-a-study/shared-corpus-readme.md")).unwrap(),
        String::from_utf8(fixture("not-a-study/shared-real-pages-readme.md")).unwrap(),
        "Notes on ClinicalTrials.Veeva\nWe saved its pages; the Trial design section lists the groups.\n"
            .into(),
        "Identifiers\nNCT00479934, from ClinicalTrials.Veeva.\n".into(),
        "Notes\nClinicalTrials.gov Identifier: NCT00479934 is the study we discussed.\n".into(),
        "Study Overview\nThe modern ClinicalTrials.gov page puts Participation Criteria and Study Plan after it.\n"
            .into(),
    ];
    for text in &notes {
        let first = text.lines().next().unwrap();
        match trialnorm::detect(text.as_bytes()) {
            Err(Error::UnknownFormat(why)) => assert!(!why.contains("page with"), "{first}: {why}"),
            other => panic!("{first}: {other:?}"),
        }
        for forced in [
            Format::CtgovClassicText,
            Format::CtgovModernText,
            Format::VeevaText,
        ] {
            match parse(text.as_bytes(), Some(forced)) {
                Err(Error::NotFormat { format, reason }) => {
                    assert_eq!(format, forced);
                    assert!(reason.contains("of the sections of a"), "{first}: {reason}");
                }
                other => panic!("{first} as {forced}: {other:?}"),
            }
        }
    }
    // From standard input, as reported: the reason is the format, not a missing id.
    let out = crate::util::trialnorm_with_stdin(
        &["parse", "-"],
        b"Notes on ClinicalTrials.Veeva\nWe read its pages.\n",
    );
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        err.contains("-: unrecognized format: text that is not a ClinicalTrials.gov or ClinicalTrials.Veeva study page nor an EU CTR full-text download"),
        "{err}"
    );
}

/// The user's cases for structured formats: an API v1 study forced as API v2 was "not a study
/// record: API v2 JSON without a protocolSection", Veeva text forced as EU CTR text was
/// "malformed euctr-text: no Summary line"; both now say what the input looks like.
#[test]
fn the_reported_structured_forced_reads_say_what_the_input_looks_like() {
    let (code, _, err) = cli(&[
        "parse",
        "--format",
        "ctgov-api-v2-json",
        "fixtures/ctgov-api-v1/NCT00023673.json",
    ]);
    assert_eq!(code, Some(1));
    assert!(
        err.contains(
            "fixtures/ctgov-api-v1/NCT00023673.json: not ctgov-api-v2-json: JSON without a \
             protocolSection or studies list; it looks like ctgov-api-v1-json (read it as that, \
             or let the format be detected)"
        ),
        "{err}"
    );
    for (rel, forced, own) in [
        (
            "seeds/NCT06722105.txt",
            Format::EuctrText,
            Format::VeevaText,
        ),
        (
            "seeds/NCT00479934.txt",
            Format::EuctrText,
            Format::CtgovClassicText,
        ),
        (
            "corpus/who-ictrp/who-ictrp-export.xml",
            Format::CtgovXml,
            Format::WhoIctrpXml,
        ),
        (
            "ctgov-xml/NCT00023673.xml",
            Format::IsrctnXml,
            Format::CtgovXml,
        ),
    ] {
        let [e] = &errors(rel, forced)[..] else {
            panic!("{rel}: one error")
        };
        let msg = e.to_string();
        assert!(msg.starts_with(&format!("not {forced}: ")), "{msg}");
        assert!(msg.contains(&format!("it looks like {own}")), "{msg}");
    }
}
