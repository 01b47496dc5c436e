//! Saved web pages: the HTML of a page gives the record its copied text gives, whatever the
//! layout; registry pages that are not studies are named, not read.

use crate::util::*;

use serde_json::Value;
use trialnorm::{detect, parse, Error, Format, Trial};

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

    // The modern page with its definition lists laid out as two-column tables instead.
    let modern = String::from_utf8(fixture("pages/ctgov-modern/NCT00973089.html")).unwrap();
    let tables = modern
        .replace("<dl", "<table")
        .replace("</dl>", "</table>")
        .replace("<dt>", "<tr><th>")
        .replace("</dt><dd>", "</th><td>")
        .replace("</dd>", "</td></tr>");
    assert!(tables.matches("<tr><th>").count() >= 14);
    let modern_text = parsed("pages/ctgov-modern/NCT00973089.txt");
    let read = parse(tables.as_bytes(), None).unwrap();
    assert_same(&read, &modern_text, "modern page with tables for lists");

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
            "pages/ctgov-classic/NCT02699827.html",
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

/// The JSON value at `pointer` in `v`, as a string.
fn s<'a>(v: &'a Value, pointer: &str) -> &'a str {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("{pointer} is a string in the API record"))
}

/// The modern page of NCT00973089, written from its API v2 record as the site lays it out,
/// gives that record's values. Fields the page does not show, and so are not compared:
/// - `sponsors.lead.class`, `responsible_party`: the page names the sponsor and prints the
///   responsible party only as "Information provided by …", without class, type or title;
/// - `status.start.type`: the record gives the start date no type, and the page marks none;
/// - `eligibility.criteria_text`: the page shows the criteria rendered (bullets, not the
///   record's Markdown `*`), so the parsed criteria are compared instead;
/// - `source.record_date`: the page does not say when it was produced.
#[test]
fn modern_page_of_a_real_study_gives_its_api_record() {
    let api: Value = serde_json::from_slice(&fixture(
        "pages/ctgov-modern/NCT00973089.api-v2.expected.json",
    ))
    .unwrap();
    let p = &api["protocolSection"];
    for page in [
        "pages/ctgov-modern/NCT00973089.html",
        "pages/ctgov-modern/NCT00973089.txt",
    ] {
        let t = parsed(page);
        let ctx = page;
        assert_eq!(
            t.ids.nct_id.as_deref(),
            Some(s(p, "/identificationModule/nctId")),
            "{ctx}"
        );
        assert_eq!(
            t.ids.org_study_id.as_deref(),
            Some(s(p, "/identificationModule/orgStudyIdInfo/id"))
        );
        assert_eq!(
            t.titles.brief.as_deref(),
            Some(s(p, "/identificationModule/briefTitle"))
        );
        assert_eq!(
            t.titles.official.as_deref(),
            Some(s(p, "/identificationModule/officialTitle"))
        );
        let st = &p["statusModule"];
        assert_eq!(
            serde_json::to_value(t.status.overall).unwrap(),
            st["overallStatus"]
        );
        assert_eq!(t.status.why_stopped.as_deref(), Some(s(st, "/whyStopped")));
        assert_eq!(
            t.status.start.date.as_deref(),
            Some(s(st, "/startDateStruct/date"))
        );
        assert_eq!(
            t.status.primary_completion.date.as_deref(),
            Some(s(st, "/primaryCompletionDateStruct/date"))
        );
        assert_eq!(
            serde_json::to_value(t.status.primary_completion.kind).unwrap(),
            st["primaryCompletionDateStruct"]["type"]
        );
        assert_eq!(
            t.status.completion.date.as_deref(),
            Some(s(st, "/completionDateStruct/date"))
        );
        assert_eq!(
            t.status.first_submitted.as_deref(),
            Some(s(st, "/studyFirstSubmitDate"))
        );
        assert_eq!(
            t.status.first_posted.as_deref(),
            Some(s(st, "/studyFirstPostDateStruct/date"))
        );
        assert_eq!(
            t.status.last_updated.as_deref(),
            Some(s(st, "/lastUpdatePostDateStruct/date"))
        );
        assert_eq!(
            t.status.verified.as_deref(),
            Some(s(st, "/statusVerifiedDate"))
        );
        let lead = t.sponsors.lead.as_ref().unwrap();
        assert_eq!(
            lead.name.as_deref(),
            Some(s(p, "/sponsorCollaboratorsModule/leadSponsor/name"))
        );
        assert_eq!(
            t.description.brief_summary.as_deref(),
            Some(s(p, "/descriptionModule/briefSummary"))
        );
        assert_eq!(
            t.description.detailed_description.as_deref(),
            Some(s(p, "/descriptionModule/detailedDescription"))
        );
        assert_eq!(
            serde_json::to_value(&t.conditions).unwrap(),
            p["conditionsModule"]["conditions"]
        );
        assert_eq!(
            serde_json::to_value(&t.keywords).unwrap(),
            p["conditionsModule"]["keywords"]
        );
        let d = &p["designModule"];
        assert_eq!(
            serde_json::to_value(t.design.study_type).unwrap(),
            d["studyType"]
        );
        assert_eq!(serde_json::to_value(&t.design.phases).unwrap(), d["phases"]);
        assert_eq!(
            serde_json::to_value(t.design.allocation).unwrap(),
            d["designInfo"]["allocation"]
        );
        assert_eq!(
            serde_json::to_value(t.design.intervention_model).unwrap(),
            d["designInfo"]["interventionModel"]
        );
        assert_eq!(
            serde_json::to_value(t.design.primary_purpose).unwrap(),
            d["designInfo"]["primaryPurpose"]
        );
        assert_eq!(
            serde_json::to_value(t.design.masking.level).unwrap(),
            d["designInfo"]["maskingInfo"]["masking"]
        );
        assert_eq!(
            serde_json::to_value(&t.design.masking.who).unwrap(),
            d["designInfo"]["maskingInfo"]["whoMasked"]
        );
        assert_eq!(
            serde_json::to_value(t.enrollment.count).unwrap(),
            d["enrollmentInfo"]["count"]
        );
        assert_eq!(
            serde_json::to_value(t.enrollment.kind).unwrap(),
            d["enrollmentInfo"]["type"]
        );
        let ai = &p["armsInterventionsModule"];
        let arms = ai["armGroups"].as_array().unwrap();
        assert_eq!(t.arms.len(), arms.len());
        for (a, want) in t.arms.iter().zip(arms) {
            assert_eq!(a.label, s(want, "/label"));
            assert_eq!(serde_json::to_value(a.kind).unwrap(), want["type"]);
            assert_eq!(a.description.as_deref(), Some(s(want, "/description")));
        }
        let ivs = ai["interventions"].as_array().unwrap();
        assert_eq!(t.interventions.len(), ivs.len());
        for (iv, want) in t.interventions.iter().zip(ivs) {
            assert_eq!(iv.name, s(want, "/name"));
            assert_eq!(serde_json::to_value(iv.kind).unwrap(), want["type"]);
            assert_eq!(iv.description.as_deref(), Some(s(want, "/description")));
            assert_eq!(
                serde_json::to_value(&iv.other_names).unwrap(),
                want["otherNames"]
            );
            assert_eq!(
                serde_json::to_value(&iv.arm_labels).unwrap(),
                want["armGroupLabels"]
            );
        }
        let outs = p["outcomesModule"]["primaryOutcomes"].as_array().unwrap();
        assert_eq!(t.outcomes.len(), outs.len());
        for (o, want) in t.outcomes.iter().zip(outs) {
            assert_eq!(o.measure, s(want, "/measure"));
            assert_eq!(o.time_frame.as_deref(), Some(s(want, "/timeFrame")));
            assert_eq!(
                o.description, None,
                "the record gives this outcome no description"
            );
        }
        let e = &p["eligibilityModule"];
        assert_eq!(serde_json::to_value(t.eligibility.sex).unwrap(), e["sex"]);
        assert_eq!(
            t.eligibility.healthy_volunteers,
            e["healthyVolunteers"].as_bool()
        );
        assert_eq!(
            serde_json::to_value(&t.eligibility.std_ages).unwrap(),
            e["stdAges"]
        );
        let min = t.eligibility.minimum_age.as_ref().unwrap();
        assert_eq!(format!("{} Years", min.value), s(e, "/minimumAge"));
        let max = t.eligibility.maximum_age.as_ref().unwrap();
        assert_eq!(format!("{} Years", max.value), s(e, "/maximumAge"));
        // Criteria: every "* item" line of the record is one parsed criterion, in order.
        let criteria = s(e, "/eligibilityCriteria");
        let (inc, exc) = criteria.split_once("Exclusion Criteria:").unwrap();
        let items = |block: &str| -> Vec<String> {
            block
                .lines()
                .filter_map(|l| l.trim().strip_prefix("* "))
                .map(str::to_string)
                .collect()
        };
        let texts = |c: &[trialnorm::model::Criterion]| -> Vec<String> {
            c.iter().map(|c| c.text.clone()).collect()
        };
        assert_eq!(texts(&t.eligibility.inclusion), items(inc));
        assert_eq!(texts(&t.eligibility.exclusion), items(exc));
        let locs = p["contactsLocationsModule"]["locations"]
            .as_array()
            .unwrap();
        assert_eq!(t.sites.len(), locs.len());
        for (site, want) in t.sites.iter().zip(locs) {
            assert_eq!(site.facility.as_deref(), Some(s(want, "/facility")));
            assert_eq!(site.city.as_deref(), Some(s(want, "/city")));
            assert_eq!(site.country.as_deref(), Some(s(want, "/country")));
        }
        let refs = p["referencesModule"]["references"].as_array().unwrap();
        assert_eq!(t.references.len(), refs.len());
        for (r, want) in t.references.iter().zip(refs) {
            assert_eq!(r.citation.as_deref(), Some(s(want, "/citation")));
            assert_eq!(r.pmid.as_deref(), Some(s(want, "/pmid")));
            assert_eq!(serde_json::to_value(r.kind).unwrap(), want["type"]);
        }
        let mesh: Vec<&str> = api["derivedSection"]["conditionBrowseModule"]["meshes"]
            .as_array()
            .unwrap()
            .iter()
            .chain(
                api["derivedSection"]["conditionBrowseModule"]["ancestors"]
                    .as_array()
                    .unwrap(),
            )
            .map(|m| s(m, "/term"))
            .collect();
        assert_eq!(t.mesh_terms, mesh);
        assert!(t.warnings.is_empty(), "{ctx}: {:?}", t.warnings);
    }
}

/// The value of the first `<tag>` element in legacy XML `xml`, white space folded.
fn xml_value(xml: &str, tag: &str) -> String {
    let open = format!("<{tag}");
    let start = xml
        .find(&open)
        .unwrap_or_else(|| panic!("<{tag}> in the XML"));
    let body = &xml[start..];
    let body = &body[body.find('>').unwrap() + 1..];
    let end = body.find(&format!("</{tag}>")).unwrap();
    body[..end]
        .replace("<textblock>", "")
        .replace("</textblock>", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every value of `<tag>` elements in `xml`, in order.
fn xml_values(xml: &str, tag: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while let Some(i) = rest.find(&format!("<{tag}>")) {
        out.push(xml_value(&rest[i..], tag));
        rest = &rest[i + tag.len() + 2..];
    }
    out
}

/// The classic page of NCT02699827, written from its legacy XML in the seed's layout, gives
/// that record's values. Not compared, since that page layout does not show them or shows
/// them differently:
/// - `sponsors.lead.class`, `responsible_party.type`: not printed;
/// - `status.first_posted`: the layout prints "First received", not the posting date;
/// - `status.last_updated`: the layout's "Last updated" is the date the record was last
///   submitted (`last_update_submitted`), not the XML's `last_update_posted`;
/// - `status.start.type`: the XML gives none; the layout marks only anticipated dates, so
///   the reader takes an unmarked date as actual;
/// - `eligibility.criteria_text`: rendered with bullets on the page, `-` in the XML; the
///   parsed criteria are compared instead.
#[test]
fn classic_page_of_a_real_study_gives_its_xml_record() {
    let xml = String::from_utf8(fixture("corpus/ctgov-xml/NCT02699827.xml")).unwrap();
    let t = parsed("pages/ctgov-classic/NCT02699827.html");
    assert_eq!(
        t.ids.nct_id.as_deref(),
        Some(xml_value(&xml, "nct_id").as_str())
    );
    assert_eq!(
        t.ids.org_study_id.as_deref(),
        Some(xml_value(&xml, "org_study_id").as_str())
    );
    assert_eq!(
        t.titles.brief.as_deref(),
        Some(xml_value(&xml, "brief_title").as_str())
    );
    assert_eq!(
        t.titles.official.as_deref(),
        Some(xml_value(&xml, "official_title").as_str())
    );
    assert_eq!(xml_value(&xml, "overall_status"), "Completed");
    assert_eq!(
        t.status.overall,
        Some(trialnorm::model::OverallStatus::Completed)
    );
    assert_eq!(xml_value(&xml, "start_date"), "March 2016");
    assert_eq!(t.status.start.date.as_deref(), Some("2016-03"));
    assert_eq!(xml_value(&xml, "completion_date"), "January 2017");
    assert_eq!(t.status.completion.date.as_deref(), Some("2017-01"));
    assert_eq!(xml_value(&xml, "primary_completion_date"), "January 2017");
    assert_eq!(t.status.primary_completion.date.as_deref(), Some("2017-01"));
    assert_eq!(xml_value(&xml, "study_first_submitted"), "March 1, 2016");
    assert_eq!(t.status.first_submitted.as_deref(), Some("2016-03-01"));
    assert_eq!(xml_value(&xml, "verification_date"), "June 2017");
    assert_eq!(t.status.verified.as_deref(), Some("2017-06"));
    assert_eq!(
        xml_value(&xml, "download_date"),
        "ClinicalTrials.gov processed this data on May 11, 2018"
    );
    assert_eq!(t.source.record_date.as_deref(), Some("2018-05-11"));
    let lead = t.sponsors.lead.as_ref().unwrap();
    assert_eq!(
        lead.name.as_deref(),
        Some(xml_value(&xml, "agency").as_str())
    );
    assert_eq!(
        t.description.brief_summary.as_deref(),
        Some(xml_value(&xml, "brief_summary").as_str())
    );
    assert_eq!(
        t.description.detailed_description.as_deref(),
        Some(xml_value(&xml, "detailed_description").as_str())
    );
    assert_eq!(t.conditions, xml_values(&xml, "condition"));
    assert_eq!(t.keywords, xml_values(&xml, "keyword"));
    assert_eq!(t.mesh_terms, xml_values(&xml, "mesh_term"));
    assert_eq!(xml_value(&xml, "phase"), "Phase 4");
    assert_eq!(t.design.phases, [trialnorm::model::Phase::Phase4]);
    assert_eq!(
        t.design.masking.raw.as_deref(),
        Some(xml_value(&xml, "masking").as_str())
    );
    assert_eq!(
        t.enrollment.count,
        xml_value(&xml, "enrollment").parse().ok()
    );
    let labels = xml_values(&xml, "arm_group_label");
    let arm_labels: Vec<&String> = t.arms.iter().map(|a| &a.label).collect();
    assert_eq!(arm_labels, labels.iter().take(2).collect::<Vec<_>>());
    let arm_descriptions: Vec<String> = t
        .arms
        .iter()
        .filter_map(|a| a.description.clone())
        .collect();
    assert_eq!(
        arm_descriptions,
        xml_values(&xml, "description")[1..3].to_vec()
    );
    let iv_names: Vec<&str> = t.interventions.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(iv_names, xml_values(&xml, "intervention_name"));
    let iv_descriptions: Vec<String> = t
        .interventions
        .iter()
        .filter_map(|i| i.description.clone())
        .collect();
    assert_eq!(
        iv_descriptions,
        xml_values(&xml, "description")[3..6].to_vec()
    );
    assert_eq!(
        t.interventions[0].other_names,
        xml_values(&xml, "other_name")
    );
    assert_eq!(t.interventions[0].arm_labels, labels[2..4].to_vec());
    let o = &t.outcomes[0];
    assert_eq!(t.outcomes.len(), 1);
    assert_eq!(o.measure, xml_value(&xml, "measure"));
    assert_eq!(
        o.time_frame.as_deref(),
        Some(xml_value(&xml, "time_frame").as_str())
    );
    assert_eq!(
        o.description.as_deref(),
        Some(xml_values(&xml, "description")[0].as_str())
    );
    assert_eq!(xml_value(&xml, "gender"), "Female");
    assert_eq!(t.eligibility.sex, Some(trialnorm::model::Sex::Female));
    assert_eq!(xml_value(&xml, "minimum_age"), "20 Years");
    assert_eq!(
        t.eligibility.minimum_age.as_ref().map(|a| a.value),
        Some(20.0)
    );
    assert_eq!(xml_value(&xml, "maximum_age"), "35 Years");
    assert_eq!(
        t.eligibility.maximum_age.as_ref().map(|a| a.value),
        Some(35.0)
    );
    assert_eq!(t.eligibility.healthy_volunteers, Some(false));
    let criteria = xml_value(&xml, "criteria");
    let (inc, exc) = criteria.split_once("Exclusion Criteria:").unwrap();
    let items = |block: &str| -> Vec<String> {
        block
            .split(" - ")
            .skip(1)
            .map(|s| s.trim().replace("&lt;", "<").replace("&gt;", ">"))
            .collect()
    };
    let texts = |c: &[trialnorm::model::Criterion]| -> Vec<String> {
        c.iter().map(|c| c.text.clone()).collect()
    };
    assert_eq!(texts(&t.eligibility.inclusion), items(inc));
    assert_eq!(texts(&t.eligibility.exclusion), items(exc));
    let officials: Vec<(String, String)> = t
        .contacts
        .officials
        .iter()
        .map(|o| (o.name.clone().unwrap(), o.affiliation.clone().unwrap()))
        .collect();
    let want: Vec<(String, String)> = xml_values(&xml, "last_name")
        .into_iter()
        .zip(xml_values(&xml, "affiliation"))
        .collect();
    assert_eq!(officials, want);
    let site = &t.sites[0];
    assert_eq!(t.sites.len(), 1);
    assert_eq!(
        site.facility.as_deref(),
        Some(xml_value(&xml, "name").as_str())
    );
    assert_eq!(site.city.as_deref(), Some(xml_value(&xml, "city").as_str()));
    assert_eq!(
        site.state.as_deref(),
        Some(xml_value(&xml, "state").as_str())
    );
    assert_eq!(site.zip.as_deref(), Some(xml_value(&xml, "zip").as_str()));
    assert_eq!(
        site.country.as_deref(),
        Some(xml_value(&xml, "country").as_str())
    );
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

/// The Veeva page of NCT00973089, written from the same API v2 record as Veeva lays it out,
/// gives that record's values for what the page shows. Veeva does not show, so not compared:
/// dates, official title, keywords, MeSH terms, outcomes, references, detailed description,
/// intervention descriptions and other names, who is masked (it prints "Single Blind"), the
/// "NA" phase (it prints no phase), why the study stopped, and the responsible party.
#[test]
fn veeva_page_of_a_real_study_gives_its_api_record() {
    let api: Value = serde_json::from_slice(&fixture(
        "pages/ctgov-modern/NCT00973089.api-v2.expected.json",
    ))
    .unwrap();
    let p = &api["protocolSection"];
    let t = parsed("pages/veeva/NCT00973089.html");
    assert_eq!(t.source.format, Some(Format::VeevaHtml));
    assert_eq!(
        t.ids.nct_id.as_deref(),
        Some(s(p, "/identificationModule/nctId"))
    );
    assert_eq!(
        t.ids.org_study_id.as_deref(),
        Some(s(p, "/identificationModule/orgStudyIdInfo/id"))
    );
    assert_eq!(
        t.titles.brief.as_deref(),
        Some(s(p, "/identificationModule/briefTitle"))
    );
    assert_eq!(
        serde_json::to_value(t.status.overall).unwrap(),
        p["statusModule"]["overallStatus"]
    );
    let lead = t.sponsors.lead.as_ref().unwrap();
    assert_eq!(
        lead.name.as_deref(),
        Some(s(p, "/sponsorCollaboratorsModule/leadSponsor/name"))
    );
    assert_eq!(
        serde_json::to_value(lead.class).unwrap(),
        p["sponsorCollaboratorsModule"]["leadSponsor"]["class"]
    );
    assert_eq!(
        t.description.brief_summary.as_deref(),
        Some(s(p, "/descriptionModule/briefSummary"))
    );
    assert_eq!(
        serde_json::to_value(&t.conditions).unwrap(),
        p["conditionsModule"]["conditions"]
    );
    let d = &p["designModule"];
    assert_eq!(
        serde_json::to_value(t.design.study_type).unwrap(),
        d["studyType"]
    );
    assert_eq!(
        serde_json::to_value(t.design.allocation).unwrap(),
        d["designInfo"]["allocation"]
    );
    assert_eq!(
        serde_json::to_value(t.design.intervention_model).unwrap(),
        d["designInfo"]["interventionModel"]
    );
    assert_eq!(
        serde_json::to_value(t.design.primary_purpose).unwrap(),
        d["designInfo"]["primaryPurpose"]
    );
    assert_eq!(
        serde_json::to_value(t.design.masking.level).unwrap(),
        d["designInfo"]["maskingInfo"]["masking"]
    );
    assert_eq!(
        serde_json::to_value(t.enrollment.count).unwrap(),
        d["enrollmentInfo"]["count"]
    );
    assert_eq!(
        serde_json::to_value(t.enrollment.kind).unwrap(),
        d["enrollmentInfo"]["type"]
    );
    let ai = &p["armsInterventionsModule"];
    for (a, want) in t.arms.iter().zip(ai["armGroups"].as_array().unwrap()) {
        assert_eq!(a.label, s(want, "/label"));
        assert_eq!(serde_json::to_value(a.kind).unwrap(), want["type"]);
        assert_eq!(a.description.as_deref(), Some(s(want, "/description")));
    }
    assert_eq!(t.arms.len(), 2);
    for (iv, want) in t
        .interventions
        .iter()
        .zip(ai["interventions"].as_array().unwrap())
    {
        assert_eq!(iv.name, s(want, "/name"));
        assert_eq!(serde_json::to_value(iv.kind).unwrap(), want["type"]);
        assert_eq!(
            serde_json::to_value(&iv.arm_labels).unwrap(),
            want["armGroupLabels"]
        );
    }
    assert_eq!(t.interventions.len(), 1);
    let e = &p["eligibilityModule"];
    assert_eq!(serde_json::to_value(t.eligibility.sex).unwrap(), e["sex"]);
    assert_eq!(
        t.eligibility.healthy_volunteers,
        e["healthyVolunteers"].as_bool()
    );
    assert_eq!(
        serde_json::to_value(&t.eligibility.std_ages).unwrap(),
        e["stdAges"]
    );
    let texts = |c: &[trialnorm::model::Criterion]| -> Vec<String> {
        c.iter().map(|c| c.text.clone()).collect()
    };
    let criteria = s(e, "/eligibilityCriteria");
    let wanted: Vec<String> = criteria
        .lines()
        .filter_map(|l| l.trim().strip_prefix("* "))
        .map(str::to_string)
        .collect();
    let got = [
        texts(&t.eligibility.inclusion),
        texts(&t.eligibility.exclusion),
    ]
    .concat();
    assert_eq!(got, wanted);
    assert_eq!(t.eligibility.inclusion.len(), 5);
    let loc = &p["contactsLocationsModule"]["locations"][0];
    assert_eq!(t.sites.len(), 1);
    assert_eq!(t.sites[0].facility.as_deref(), Some(s(loc, "/facility")));
    assert_eq!(t.sites[0].city.as_deref(), Some(s(loc, "/city")));
    assert_eq!(t.sites[0].country.as_deref(), Some(s(loc, "/country")));
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

/// Data a page embeds (schema.org JSON-LD) that disagrees with what the page shows is a
/// warning; the visible page wins.
#[test]
fn embedded_data_that_disagrees_is_a_warning() {
    let page = String::from_utf8(fixture("pages/veeva/NCT06722105.seed-lists.html")).unwrap();
    let changed = page.replace("\"value\": \"NCT06722105\"", "\"value\": \"NCT06722106\"");
    assert_ne!(page, changed, "the fixture embeds its NCT id");
    let t = parse(changed.as_bytes(), None).unwrap();
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT06722105"));
    assert_eq!(t.warnings.len(), 1, "{:?}", t.warnings);
    assert_eq!(t.warnings[0].code.as_str(), "embedded-data-disagrees");
    assert!(t.warnings[0].message.contains("NCT06722106"));
}

/// Removes the value at each JSON pointer (its parent object's key, or the whole list when
/// the pointer names a list) from `v`.
pub(crate) fn without(mut v: Value, pointers: &[&str]) -> Value {
    for p in pointers {
        let (parent, key) = p.rsplit_once('/').unwrap();
        if let Some(Value::Object(m)) = v.pointer_mut(parent) {
            m.remove(key);
        }
    }
    v
}

/// Compares a page's record with the record its structured copy gives, leaving out the
/// fields `except` names (each with the reason the page cannot give it), and names every
/// other field that differs.
pub(crate) fn assert_matches_structured(page: &Trial, structured: &Trial, except: &[(&str, &str)]) {
    let pointers: Vec<&str> = except.iter().map(|(p, _)| *p).collect();
    let a = without(serde_json::to_value(page).unwrap(), &pointers);
    let b = without(serde_json::to_value(structured).unwrap(), &pointers);
    let mut differing = Vec::new();
    for (section, va) in a.as_object().unwrap() {
        if va != &b[section] {
            differing.push(format!(
                "{section}:\n  page:       {va}\n  structured: {}",
                b[section]
            ));
        }
    }
    assert!(differing.is_empty(), "{}", differing.join("\n"));
}

/// The fields every page gives differently from a structured copy, whatever the page.
pub(crate) const PAGE_VS_STRUCTURED: &[(&str, &str)] = &[
    ("/source/format", "the format read is what differs"),
    (
        "/source/record_date",
        "the page does not say when it was produced; the API copy has its data version",
    ),
    (
        "/eligibility/criteria_text",
        "the page shows the criteria rendered (bullets), the copy its own markup (`*`, `-`); \
         the parsed inclusion and exclusion criteria are compared",
    ),
    ("/design/masking/raw", "the wording differs by design (\"Single (Investigator)\" vs \"SINGLE (INVESTIGATOR)\"); level and roles are compared"),
];

#[test]
fn page_records_match_their_structured_copies() {
    let api = parse(
        &fixture("pages/ctgov-modern/NCT00973089.api-v2.expected.json"),
        Some(Format::CtgovApiV2Json),
    )
    .unwrap();
    let modern_except: Vec<(&str, &str)> = PAGE_VS_STRUCTURED
        .iter()
        .copied()
        .chain([
            (
                "/sponsors/lead/class",
                "the modern page names the sponsor without its class",
            ),
            (
                "/sponsors/responsible_party",
                "the page prints the party only inside \"Information provided by\"",
            ),
            (
                "/sponsors/information_provider",
                "the page's \"Information provided by\" line has no field in the API record",
            ),
            (
                "/mesh_terms",
                "the page's \"Additional Relevant MeSH Terms\" also lists the terms' ancestors",
            ),
        ])
        .collect();
    for page in [
        "pages/ctgov-modern/NCT00973089.html",
        "pages/ctgov-modern/NCT00973089.txt",
    ] {
        assert_matches_structured(&parsed(page), &api, &modern_except);
    }

    let veeva_except: Vec<(&str, &str)> = modern_except
        .iter()
        .copied()
        .chain([
            ("/source/registry", "Veeva republishes the record"),
            ("/source/url", "Veeva's address is not the registry's"),
            ("/titles/official", "not shown by Veeva"),
            ("/status/why_stopped", "not shown by Veeva"),
            ("/status/start", "Veeva shows no dates"),
            ("/status/primary_completion", "Veeva shows no dates"),
            ("/status/completion", "Veeva shows no dates"),
            ("/status/first_submitted", "Veeva shows no dates"),
            ("/status/first_posted", "Veeva shows no dates"),
            ("/status/last_updated", "Veeva shows no dates"),
            ("/status/verified", "Veeva shows no dates"),
            ("/description/detailed_description", "Veeva shows the brief summary only"),
            ("/keywords", "not shown by Veeva"),
            ("/design/phases", "Veeva prints no phase for \"NA\""),
            ("/design/masking/who", "Veeva prints the level only (\"Single Blind\")"),
            ("/interventions", "Veeva lists interventions without descriptions or other names; compared field by field in veeva_page_of_a_real_study_gives_its_api_record"),
            ("/outcomes", "not shown by Veeva"),
            ("/references", "not shown by Veeva"),
        ])
        .filter(|(p, _)| *p != "/sponsors/lead/class")
        .collect();
    assert_matches_structured(&parsed("pages/veeva/NCT00973089.html"), &api, &veeva_except);

    let xml = parsed("corpus/ctgov-xml/NCT02699827.xml");
    let classic_except: Vec<(&str, &str)> = PAGE_VS_STRUCTURED
        .iter()
        .copied()
        .chain([
            ("/source/url", "the page's own address, not the XML's link"),
            (
                "/sponsors/lead/class",
                "the classic page names the sponsor without its class",
            ),
            (
                "/sponsors/responsible_party/type",
                "the classic page does not say the party's type",
            ),
            (
                "/status/first_posted",
                "this layout prints \"First received\", not the posting date",
            ),
            (
                "/status/last_updated",
                "this layout's \"Last updated\" is the last submission, not last_update_posted",
            ),
        ])
        .collect();
    assert_matches_structured(
        &parsed("pages/ctgov-classic/NCT02699827.html"),
        &xml,
        &classic_except,
    );
}
