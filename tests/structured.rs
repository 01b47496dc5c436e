//! The structured ClinicalTrials.gov readers (legacy XML, API v1, API v2) against facts read
//! off the corpus files, the XML ↔ API v1 agreement on the two studies present in both, and
//! bad inputs.

use crate::util::*;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use trialnorm::model::*;
use trialnorm::{Error, Format};

fn all(rel: &str) -> Vec<Trial> {
    trialnorm::parse_all(&fixture(rel), None)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("{rel}: {e}")))
        .collect()
}

#[test]
fn xml_nct02028676_facts() {
    let t = one("ctgov-xml/NCT02028676.xml");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT02028676"));
    assert_eq!(t.source.format, Some(Format::CtgovXml));
    assert_eq!(t.arms.len(), 9);
    assert_eq!(t.interventions.len(), 9);
    assert_eq!(t.sites.len(), 4);
    assert_eq!(t.enrollment.count, Some(1206));
    assert_eq!(t.enrollment.kind, Some(DateType::Actual));
    assert_eq!(t.design.phases, [Phase::Phase4]);
    assert_eq!(count(&t, OutcomeKind::Primary), 9);
    assert_eq!(count(&t, OutcomeKind::Secondary), 49);
    // <source>Medical Research Council</source>
    assert_eq!(
        t.sponsors.information_provider.as_deref(),
        Some("Medical Research Council")
    );
    // Every arm ↔ intervention link resolves both ways.
    for iv in &t.interventions {
        for l in &iv.arm_labels {
            let arm = t.arms.iter().find(|a| &a.label == l).expect("arm exists");
            assert!(arm.intervention_names.contains(&iv.name));
        }
    }
    assert!(t.warnings.is_empty(), "{:#?}", t.warnings);
}

#[test]
fn xml_nct00023673_facts() {
    let t = one("ctgov-xml/NCT00023673.xml");
    assert_eq!(t.arms.len(), 4);
    assert_eq!(t.interventions.len(), 3);
    assert_eq!(t.sites.len(), 41);
    assert_eq!(t.design.phases, [Phase::Phase1, Phase::Phase2]);
    // "ClinicalTrials.gov processed this data on May 11, 2018"
    assert_eq!(t.source.record_date.as_deref(), Some("2018-05-11"));
    assert_eq!(
        t.source.url.as_deref(),
        Some("https://clinicaltrials.gov/show/NCT00023673")
    );
    assert_eq!(t.ids.org_study_id.as_deref(), Some("RTOG L-0117"));
    assert_eq!(t.ids.secondary_ids, ["CDR0000068850", "NCI-2012-02401"]);
    // <start_date>July 2001</start_date> has no type: none is invented.
    assert_eq!(t.status.start.date.as_deref(), Some("2001-07"));
    assert_eq!(t.status.start.kind, None);
    assert_eq!(t.status.completion.date.as_deref(), Some("2013-11"));
    assert_eq!(t.status.completion.kind, Some(DateType::Actual));
    assert_eq!(t.design.allocation, Some(Allocation::NonRandomized));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    assert_eq!(t.sites[40].country_code.as_deref(), Some("CA"));
    assert_eq!(t.contacts.officials[0].role, Some(OfficialRole::StudyChair));
    // "Null hypothesis: p&lt;= 62.3%": entities decoded.
    assert!(t.outcomes[1]
        .description
        .as_deref()
        .unwrap()
        .starts_with("Null hypothesis: p<= 62.3%"));
    // Three results references, the first with PMID 20368547.
    assert_eq!(t.references.len(), 3);
    assert_eq!(t.references[0].pmid.as_deref(), Some("20368547"));
    assert_eq!(t.references[0].kind, Some(ReferenceType::Result));
    // Criteria: the textblock's 8-space indentation is removed, nesting kept.
    let crit = t.eligibility.criteria_text.as_deref().unwrap();
    assert!(crit.starts_with("DISEASE CHARACTERISTICS:\n\n  -  Histologically"));
    assert_eq!(t.eligibility.inclusion[0].children[0].children.len(), 4);
}

#[test]
fn xml_legacy_one_line_design() {
    // <study_design>Observational Model: Cohort, Time Perspective: Prospective</study_design>
    let t = one("ctgov-xml/NCT00513591_mod.xml");
    assert_eq!(t.design.study_type, Some(StudyType::Observational));
    assert_eq!(
        t.design.observational_model,
        Some(ObservationalModel::Cohort)
    );
    assert_eq!(
        t.design.time_perspective,
        Some(TimePerspective::Prospective)
    );
    // The edited copy gives <brief_summary> text without a <textblock>.
    assert!(t
        .description
        .brief_summary
        .as_deref()
        .unwrap()
        .starts_with("It is difficult to predict"));
    assert_eq!(t.titles.acronym.as_deref(), Some("DAP Registry"));
}

/// The downloads of 2007–2010 wrote the design values without their labels: each value goes
/// to the field whose vocabulary names it, and the one no field takes (the kind of control)
/// is a warning, not dropped; a withheld record's design "N/A" is no field's value.
#[test]
fn xml_unlabelled_design_of_the_older_downloads() {
    // <study_design>Treatment, Randomized, Open Label, Uncontrolled, Parallel Assignment,
    // Safety/Efficacy Study</study_design>
    let t = one("external/ctgov-xml/NCT00928707.xml");
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Treatment));
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    assert_eq!(t.design.masking.raw.as_deref(), Some("Open Label"));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::Parallel)
    );
    assert_eq!(
        t.design.endpoint_classification.as_deref(),
        Some("Safety/Efficacy Study")
    );
    let unread: Vec<_> = (t.warnings.iter())
        .filter(|w| w.code == WarningCode::UnparsedText)
        .map(|w| (w.path.as_deref(), w.message.as_str()))
        .collect();
    assert_eq!(
        unread,
        [(
            Some("design"),
            "\"Uncontrolled\" of the design wording names no design field"
        )]
    );
    // <study_design>N/A</study_design>
    let withheld = one("external/ctgov-xml/NCT01341288.xml");
    assert_eq!(withheld.design.allocation, None);
    assert!(!withheld
        .warnings
        .iter()
        .any(|w| w.path.as_deref() == Some("design")));
}

#[test]
fn xml_legacy_design_with_masking_roles_and_endpoint() {
    // "Allocation: Randomized, Endpoint Classification: Safety/Efficacy Study, Intervention
    // Model: Parallel Assignment, Masking: Open Label, Primary Purpose: Treatment" in the
    // modified copy of NCT02028676.
    let t = one("corpus/ctgov-xml/NCT02028676_modified.xml");
    let raw = std::fs::read_to_string(format!(
        "{}/fixtures/corpus/ctgov-xml/NCT02028676_modified.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let line = raw
        .lines()
        .find(|l| l.contains("<study_design>"))
        .expect("the file has a one-line design");
    assert!(line.contains("Endpoint Classification: "));
    assert!(t.design.endpoint_classification.is_some());
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert!(t.design.primary_purpose.is_some());
    assert!(t.design.masking.raw.is_some());
}

#[test]
fn xml_contacts_sites_and_investigators() {
    let t = one("corpus/ctgov-xml/NCT02798588.xml");
    // <overall_contact>: last_name, phone, phone_ext (+33, as the file has it), email.
    let c = &t.contacts.central[0];
    assert_eq!(c.name.as_deref(), Some("Florent GOBERT, MD"));
    assert_eq!(c.phone.as_deref(), Some("04 72 68 12 96 ext. +33"));
    assert_eq!(c.email.as_deref(), Some("florent.gobert01@chu-lyon.fr"));
    assert_eq!(c.role, Some(ContactRole::Contact));
    let s = &t.sites[0];
    assert_eq!(
        s.facility.as_deref(),
        Some("Réanimation polyvalente neurologique Hôpital Neurologique HCL")
    );
    assert_eq!(
        (s.city.as_deref(), s.state.as_deref(), s.zip.as_deref()),
        (Some("Bron"), None, Some("69500"))
    );
    assert_eq!(s.country_code.as_deref(), Some("FR"));
    assert_eq!(s.status, Some(OverallStatus::Recruiting));
    assert_eq!(s.contacts[0].role, Some(ContactRole::Contact));
    assert_eq!(s.contacts[1].name.as_deref(), Some("Frédéric DAILLER, MD"));
    assert_eq!(s.contacts[1].role, Some(ContactRole::SubInvestigator));
}

#[test]
fn api_v1_covid_search_gives_100_distinct_records() {
    let records = all("corpus/ctgov-api-v1/covid-19-search.json");
    assert_eq!(records.len(), 100);
    let ids: BTreeSet<_> = records.iter().map(|t| t.ids.nct_id.clone()).collect();
    assert_eq!(ids.len(), 100);
    // The first in rank order is NCT04973462; the response's DataVrs is 2022:12:21.
    assert_eq!(records[0].ids.nct_id.as_deref(), Some("NCT04973462"));
    for t in &records {
        assert_eq!(t.source.record_date.as_deref(), Some("2022-12-21"));
        assert_eq!(t.source.format, Some(Format::CtgovApiV1Json));
    }
    // v1 gives StdAgeList; it is kept.
    assert!(records.iter().all(|t| !t.eligibility.std_ages.is_empty()));
}

#[test]
fn api_v2_file_named_for_another_study_gives_its_own_id() {
    let t = one("ctgov-api-v2/NCT02278341.json");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT02552212"));
    assert_eq!(
        t.source.url.as_deref(),
        Some("https://clinicaltrials.gov/study/NCT02552212")
    );
}

#[test]
fn api_v2_withheld_record_has_only_its_ids_and_titles() {
    let t = one("ctgov-api-v2/NCT03453554.json");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT03453554"));
    assert_eq!(t.ids.org_study_id.as_deref(), Some("AZ150096"));
    assert_eq!(t.titles.brief.as_deref(), Some("Evaluating a Digital..."));
    assert_eq!(t.status.overall, None);
    assert!(t.arms.is_empty() && t.outcomes.is_empty() && t.sites.is_empty());
}

#[test]
fn api_v2_mesh_masking_and_markdown() {
    let t = one("ctgov-api-v2/NCT03475563.json");
    assert_eq!(t.design.study_type, Some(StudyType::Observational));
    let raw: Value = serde_json::from_slice(&fixture("ctgov-api-v2/NCT03475563.json")).unwrap();
    let meshes = |m: &str| -> Vec<String> {
        raw["derivedSection"][m]["meshes"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|x| x["term"].as_str().map(String::from))
            .collect()
    };
    let mut expected = meshes("conditionBrowseModule");
    expected.extend(meshes("interventionBrowseModule"));
    assert!(!expected.is_empty());
    assert_eq!(t.mesh_terms, expected);
    assert!(t
        .eligibility
        .criteria_text
        .iter()
        .all(|c| !c.contains("\\>") && !c.contains("\\<")));
}

#[test]
fn api_v2_search_page_and_array_give_one_record_per_study() {
    let a = String::from_utf8(fixture("ctgov-api-v2/NCT00973089.json")).unwrap();
    let b = String::from_utf8(fixture("ctgov-api-v2/NCT03475563.json")).unwrap();
    let page =
        format!(r#"{{"studies": [{a}, {{"derivedSection": {{}}}}, {b}], "nextPageToken": "x"}}"#);
    assert_eq!(
        trialnorm::detect(page.as_bytes()),
        Ok(Format::CtgovApiV2Json)
    );
    let out = trialnorm::parse_all(page.as_bytes(), None).unwrap();
    assert_eq!(out.len(), 3);
    assert_eq!(
        out[0].as_ref().unwrap().ids.nct_id.as_deref(),
        Some("NCT00973089")
    );
    // A study with no protocolSection fails alone; the others are kept, in order.
    assert!(matches!(out[1], Err(Error::NotAStudy(_))));
    assert_eq!(
        out[2].as_ref().unwrap().ids.nct_id.as_deref(),
        Some("NCT03475563")
    );
    // A study of the wrong shape is malformed, and the error names its place in the list.
    let bad = format!(r#"{{"studies": [{a}, {{"protocolSection": 5}}]}}"#);
    let out = trialnorm::parse_all(bad.as_bytes(), None).unwrap();
    match &out[1] {
        Err(Error::Malformed { reason, .. }) => {
            assert!(reason.starts_with("study 2 of the list"), "{reason}")
        }
        other => panic!("{other:?}"),
    }
    assert!(out[0].is_ok());
    let array = format!("[{a}, {b}]");
    assert_eq!(
        trialnorm::parse_all(array.as_bytes(), None).unwrap().len(),
        2
    );
}

#[test]
fn detect_names_each_structured_format() {
    for (rel, f) in [
        ("ctgov-xml/NCT00023673.xml", Format::CtgovXml),
        ("ctgov-xml/NCT00513591_mod.xml", Format::CtgovXml),
        ("ctgov-api-v1/NCT00023673.json", Format::CtgovApiV1Json),
        (
            "corpus/ctgov-api-v1/covid-19-search.json",
            Format::CtgovApiV1Json,
        ),
        ("ctgov-api-v2/NCT03453554.json", Format::CtgovApiV2Json),
        ("ctgov-api-v2/NCT02278341.json", Format::CtgovApiV2Json),
    ] {
        assert_eq!(trialnorm::detect(&fixture(rel)), Ok(f), "{rel}");
    }
    assert_eq!(
        trialnorm::detect(br#"{"studies": [], "nextPageToken": null}"#),
        Ok(Format::CtgovApiV2Json)
    );
}

#[test]
fn rss_feed_is_not_a_study() {
    let bytes = fixture("not-a-study/empty_search.xml");
    assert!(matches!(
        trialnorm::detect(&bytes),
        Err(Error::NotAStudy(_))
    ));
    assert!(matches!(
        trialnorm::parse(&bytes, None),
        Err(Error::NotAStudy(_))
    ));
    // Forcing the XML reader on it does not make an empty record either.
    assert!(matches!(
        trialnorm::parse(&bytes, Some(Format::CtgovXml)),
        Err(Error::NotAStudy(_))
    ));
}

#[test]
fn empty_structured_documents_are_not_studies() {
    for (text, f) in [
        ("<clinical_study></clinical_study>", Format::CtgovXml),
        ("{}", Format::CtgovApiV2Json),
        (r#"{"studies": []}"#, Format::CtgovApiV2Json),
        (
            r#"{"FullStudiesResponse": {"FullStudies": []}}"#,
            Format::CtgovApiV1Json,
        ),
        (r#"{"a": 1}"#, Format::CtgovApiV1Json),
    ] {
        let r = trialnorm::parse(text.as_bytes(), Some(f));
        assert!(matches!(r, Err(Error::NotAStudy(_))), "{text}: {r:?}");
    }
}

#[test]
fn xml_entities_are_never_expanded() {
    let bomb = r#"<?xml version="1.0"?>
<!DOCTYPE clinical_study [
  <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
  <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
  <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
  <!ENTITY ext SYSTEM "file:///etc/passwd">
]>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>
<brief_title>&c;</brief_title><official_title>&ext;</official_title></clinical_study>"#;
    assert_eq!(trialnorm::detect(bomb.as_bytes()), Ok(Format::CtgovXml));
    match trialnorm::parse(bomb.as_bytes(), None) {
        Err(Error::Malformed { format, reason, .. }) => {
            assert_eq!(format, Format::CtgovXml);
            assert!(
                reason.contains("entity") || reason.contains('&'),
                "{reason}"
            );
        }
        other => panic!("an undeclared-for-us entity must fail, got {other:?}"),
    }
    // The DOCTYPE alone (with the predefined entities in the body) is harmless.
    let plain = r#"<!DOCTYPE clinical_study [ <!ENTITY x "y"> ]>
<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><brief_title>A &amp; B &#38; C</brief_title></clinical_study>"#;
    let t = trialnorm::parse(plain.as_bytes(), None).unwrap();
    assert_eq!(t.titles.brief.as_deref(), Some("A & B & C"));
}

#[test]
fn deeply_nested_inputs_fail_cleanly() {
    let open = "[".repeat(100_000);
    let close = "]".repeat(100_000);
    // Where a value is read, the typed shape bounds the depth: a clean error.
    let typed = format!(
        r#"{{"protocolSection": {{"identificationModule": {{"nctId": "NCT00000001"}}, "conditionsModule": {{"conditions": {open}{close}}}}}}}"#
    );
    let r = trialnorm::parse(typed.as_bytes(), None);
    assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    // A study that is nothing but nesting: an error for that study.
    let page = format!(r#"{{"studies": [{open}{close}]}}"#);
    let r = trialnorm::parse(page.as_bytes(), None);
    assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    let v1 = format!(
        r#"{{"FullStudiesResponse": {{"FullStudies": [{{"Study": {}{}}}]}}}}"#,
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    assert!(trialnorm::parse(v1.as_bytes(), None).is_err());
    // A document that is nothing but nesting is not recognized at all.
    let bare = format!("{open}{close}");
    assert!(trialnorm::parse(bare.as_bytes(), None).is_err());
    // Where a value is not read, serde_json skips it without recursing: the record is read.
    let ignored = format!(
        r#"{{"protocolSection": {{"identificationModule": {{"nctId": "NCT00000001"}}}}, "x": {open}{close}}}"#
    );
    let t = trialnorm::parse(ignored.as_bytes(), None).unwrap();
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT00000001"));
    let deep_xml = format!(
        "<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info><x>{}{}</x><brief_title>T</brief_title></clinical_study>",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    // Unknown elements are skipped the same way.
    let t = trialnorm::parse(deep_xml.as_bytes(), None).unwrap();
    assert_eq!(t.titles.brief.as_deref(), Some("T"));
    let unclosed = format!("<clinical_study>{}", "<a>".repeat(100_000));
    assert!(trialnorm::parse(unclosed.as_bytes(), None).is_err());
}

#[test]
fn truncated_and_garbled_inputs_are_errors() {
    let xml = String::from_utf8(fixture("ctgov-xml/NCT03133988.xml")).unwrap();
    let json = String::from_utf8(fixture("ctgov-api-v2/NCT00973089.json")).unwrap();
    for cut in [10, 200, 1000, xml.len() / 2] {
        let part = xml.get(..cut).unwrap_or(&xml);
        let _ = trialnorm::parse_all(part.as_bytes(), Some(Format::CtgovXml));
    }
    for cut in [1, 10, 200, json.len() / 2] {
        let part = json.get(..cut).unwrap_or(&json);
        assert!(trialnorm::parse_all(part.as_bytes(), Some(Format::CtgovApiV2Json)).is_err());
        assert!(trialnorm::parse_all(part.as_bytes(), Some(Format::CtgovApiV1Json)).is_err());
    }
    // Wrong types where strings are expected.
    let r = trialnorm::parse(
        br#"{"protocolSection": {"identificationModule": {"nctId": 5}}}"#,
        None,
    );
    assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
}

// ---- XML ↔ API v1 agreement ----------------------------------------------------------

/// Fields one of the two copies lacks or that changed between the two downloads (the XML
/// was processed in May 2018, the v1 JSON in October 2023). `*` applies to both studies.
/// Every other field must be equal.
const ALLOWED: &[(&str, &str, &str)] = &[
    ("*", "/source/format", "the two inputs are different formats by construction"),
    ("*", "/source/record_date", "the XML was processed 2018-05-11, the v1 data version is 2023-10-17"),
    ("*", "/source/url", "the XML carries its own /show/ link; v1 carries none, so the canonical /study/ link is built"),
    ("*", "/description/", "API v1 served text with its list markers stripped; compared paragraph by paragraph with markers removed below"),
    ("*", "/eligibility/criteria_text", "as for descriptions: v1 stripped list markers; compared by content words below"),
    ("*", "/eligibility/inclusion", "v1 text lost its list markers and indentation, so the criteria reader cannot rebuild the nesting"),
    ("*", "/eligibility/exclusion", "as for inclusion"),
    ("*", "/mesh_terms", "MeSH terms are re-derived by the registry on each release; 2018 lists terms 2023 dropped"),
    ("NCT00023673", "/sponsors/lead/class", "the registry reclassified RTOG from OTHER (2018) to NETWORK (2023)"),
    ("NCT02028676", "/sponsors/lead/class", "the Medical Research Council was reclassified from OTHER to OTHER_GOV"),
    ("NCT02028676", "/sponsors/collaborators/0/class", "reclassified from OTHER to OTHER_GOV"),
    ("NCT02028676", "/contacts/officials/9/affiliation", "the unit was renamed in the record ('on Aids' → 'and LSHTM')"),
    ("NCT02028676", "/ids/registry_ids", "API v1 names the registry of the secondary id 24791884 (domain ISRCTN), so it is ISRCTN24791884; the XML gives the bare number"),
    ("NCT02028676", "/references", "the 2023 record adds a derived reference and updated citations"),
    ("*", "/results/adverse_events/source_vocabulary", "the XML states a default vocabulary for its event lists; API v1 states it per event only (each event's is compared)"),
    ("NCT02028676", "*/lower_limit_raw", "API v1 writes \"NA\" for the limits of a value that is \"NA\"; the XML leaves them out (the text is kept where given)"),
    ("NCT02028676", "*/upper_limit_raw", "as for the lower limit"),
    ("NCT02028676", "/results/baseline/measures/2", "the 2018 XML gives Gender as two classes (Female, Male), the 2023 API v1 as two categories of one class: the registry's data model changed; the counts are the same"),
    ("NCT02028676", "*/tested_non_inferiority", "the 2018 XML states no yes/no for the test (it has no <non_inferiority>); API v1 does"),
    ("NCT02028676", "/results/outcome_measures/18/analyses/0/ci_percent", "API v1 writes a confidence level of 0 where the XML states none"),
    ("*", "/results/baseline/measures/0/title", "the registry renamed the age measure 'Age' (2018 XML) to 'Age, Continuous' (2023 API v1); its values are the same"),
    ("NCT00023673", "/results/more_info/limitations", "the 2023 API v1 copy has no limitations and caveats; the 2018 XML has them"),
];

fn flatten(v: &Value, path: String, out: &mut BTreeMap<String, Value>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                flatten(x, format!("{path}/{k}"), out);
            }
        }
        Value::Array(a) => {
            out.insert(format!("{path}#len"), Value::from(a.len()));
            for (i, x) in a.iter().enumerate() {
                flatten(x, format!("{path}/{i}"), out);
            }
        }
        other => {
            out.insert(path, other.clone());
        }
    }
}

/// Text as its words, list markers ("-", "1.") dropped: what both copies say.
fn content_words(v: Option<&Value>) -> Vec<String> {
    let marker = regex::Regex::new(r"^(?:[-*•]|\d{1,2}[.)])$").unwrap();
    v.and_then(Value::as_str)
        .unwrap_or("")
        .split_whitespace()
        .filter(|w| !marker.is_match(w))
        .map(String::from)
        .collect()
}

/// Paragraphs with a leading list marker removed.
fn unmarked_paragraphs(v: Option<&Value>) -> Vec<String> {
    let marker = regex::Regex::new(r"^(?:[-*•]|\d{1,2}[.)])\s+").unwrap();
    v.and_then(Value::as_str)
        .unwrap_or("")
        .split("\n\n")
        .filter(|p| !p.is_empty())
        .map(|p| marker.replace(p, "").into_owned())
        .collect()
}

#[test]
fn xml_and_api_v1_copies_normalize_to_the_same_record() {
    for id in ["NCT00023673", "NCT02028676"] {
        let mut xml = serde_json::to_value(one(&format!("ctgov-xml/{id}.xml"))).unwrap();
        let v1 = serde_json::to_value(one(&format!("ctgov-api-v1/{id}.json"))).unwrap();
        // Results name their groups as each format does: the XML's P1, B2, O3, E1 are
        // API v1's FG000, BG001, OG002, EG000 (the registry's own renumbering).
        trialnorm::diff::api_group_ids(&mut xml);
        // The two list adverse events in different orders (each keeps its source's order):
        // compared by organ system and term.
        let (mut xml, mut v1) = (xml, v1);
        for r in [&mut xml, &mut v1] {
            for list in ["serious", "other"] {
                if let Some(events) = r["results"]["adverse_events"][list].as_array_mut() {
                    events.sort_by_key(|e| (e["organ_system"].to_string(), e["term"].to_string()));
                }
            }
        }
        let (mut a, mut b) = (BTreeMap::new(), BTreeMap::new());
        flatten(&xml, String::new(), &mut a);
        flatten(&v1, String::new(), &mut b);
        let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
        let mut differences = Vec::new();
        let mut used = BTreeSet::new();
        for k in keys {
            if a.get(k) == b.get(k) {
                continue;
            }
            match ALLOWED.iter().position(|(rec, p, _)| {
                let suffix = p.strip_prefix('*').is_some_and(|s| k.ends_with(s));
                (*rec == "*" || *rec == id) && (k.starts_with(p) || suffix)
            }) {
                Some(i) => {
                    used.insert(i);
                }
                None => differences.push(format!("{k}: xml={:?} v1={:?}", a.get(k), b.get(k))),
            }
        }
        assert!(
            differences.is_empty(),
            "{id}: fields differ:\n{}",
            differences.join("\n")
        );
        // The text the allow-list excuses still says the same in both copies: the same
        // paragraphs once list markers are removed, and the same criteria words.
        for p in [
            "/description/brief_summary",
            "/description/detailed_description",
        ] {
            let (x, v) = (
                unmarked_paragraphs(xml.pointer(p)),
                unmarked_paragraphs(v1.pointer(p)),
            );
            assert!(!x.is_empty(), "{id}{p}");
            assert_eq!(x, v, "{id}{p}");
        }
        let p = "/eligibility/criteria_text";
        assert_eq!(
            content_words(xml.pointer(p)),
            content_words(v1.pointer(p)),
            "{id}{p}"
        );
        // And the copies agree on many fields, so this test compares something.
        let equal = a.iter().filter(|(k, v)| b.get(*k) == Some(*v)).count();
        assert!(equal > 200, "{id}: only {equal} equal fields");
        for (i, (rec, p, _)) in ALLOWED.iter().enumerate() {
            if *rec == id {
                assert!(
                    used.contains(&i),
                    "{id}: allow-list entry {p} is not needed"
                );
            }
        }
    }
}

/// Cut and flipped copies of real files: every reader gives records or errors, never a panic.
#[test]
fn mutated_real_files_never_panic() {
    let inputs = [
        ("ctgov-xml/NCT03133988.xml", Format::CtgovXml),
        ("ctgov-xml/NCT00513591_mod.xml", Format::CtgovXml),
        ("ctgov-api-v2/NCT00973089.json", Format::CtgovApiV2Json),
        ("ctgov-api-v1/NCT00023673.json", Format::CtgovApiV1Json),
    ];
    // A fixed linear congruential sequence: the same mutations on every run.
    let mut state: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1);
        ((state >> 33) as usize) % n.max(1)
    };
    let junk: &[&[u8]] = &[
        b"<", b">", b"&", b"&x;", b"\"", b"{", b"}", b"[", b"]", b"\0", b"\xff", b"\xc3",
    ];
    let mut records = 0;
    for (rel, format) in inputs {
        let bytes = fixture(rel);
        for _ in 0..150 {
            let mut m = bytes.clone();
            for _ in 0..=next(3) {
                let at = next(m.len());
                let j = junk[next(junk.len())];
                match next(3) {
                    0 => m.truncate(at),
                    1 => {
                        m.splice(at..at, j.iter().copied());
                    }
                    _ => {
                        if at < m.len() {
                            m.remove(at);
                        }
                    }
                }
            }
            for f in [Some(format), None] {
                if let Ok(out) = trialnorm::parse_all(&m, f) {
                    records += out.iter().filter(|r| r.is_ok()).count();
                }
            }
        }
    }
    // Small damage often leaves a readable record: the readers are not simply failing.
    assert!(records > 0);
}

#[test]
fn cli_detect_names_the_structured_formats() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_trialnorm"))
        .arg("detect")
        .arg(format!("{dir}/ctgov-xml/NCT00023673.xml"))
        .arg(format!("{dir}/ctgov-api-v1/NCT00023673.json"))
        .arg(format!("{dir}/ctgov-api-v2/NCT02278341.json"))
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let formats: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.split('\t').nth(1))
        .collect();
    assert_eq!(
        formats,
        ["ctgov-xml", "ctgov-api-v1-json", "ctgov-api-v2-json"],
        "{stdout}"
    );
}

/// A malformed input's error says where: the line and column in the whole input (also for a
/// study inside a list) and the parser's own error as its `source()`.
#[test]
fn malformed_errors_keep_position_and_cause() {
    use std::error::Error as _;
    let xml = String::from_utf8(fixture("ctgov-xml/NCT03133988.xml")).unwrap();
    let cut = format!(
        "{}</nct_id></bogus>",
        &xml[..xml.find("</nct_id>").unwrap()]
    );
    let err = trialnorm::parse(cut.as_bytes(), None).unwrap_err();
    let Error::Malformed { position, .. } = &err else {
        panic!("{err:?}")
    };
    let line = cut.lines().position(|l| l.contains("</bogus>")).unwrap() as u64 + 1;
    assert_eq!(position.map(|p| p.line), Some(line), "{err}");
    assert!(
        err.to_string()
            .contains(&format!(" at line {line} column ")),
        "{err}"
    );
    let cause = err.source().expect("the parser's error");
    assert!(
        cause.downcast_ref::<quick_xml::DeError>().is_some(),
        "{cause:?}"
    );

    let a = String::from_utf8(fixture("ctgov-api-v2/NCT00973089.json")).unwrap();
    let bad = format!("{{\"studies\": [{a},\n {{\"protocolSection\": 5}}]}}");
    let out = trialnorm::parse_all(bad.as_bytes(), None).unwrap();
    let err = out[1].as_ref().unwrap_err();
    let Error::Malformed { position, .. } = err else {
        panic!("{err:?}")
    };
    // The place is counted in the whole page, not within the study.
    let p = position.expect("a position");
    assert_eq!(p.line, bad.lines().count() as u64, "{err}");
    let last = bad.lines().last().unwrap();
    assert_eq!(
        &last[..p.column as usize],
        " {\"protocolSection\": 5",
        "{err}"
    );
    assert!(err.source().unwrap().is::<serde_json::Error>());
}

/// The API v2 writes Markdown and its escapes are undone; the older formats' text is plain
/// and a backslash in it is kept: one mapper, told only by the converters.
#[test]
fn markdown_escapes_are_undone_for_v2_only() {
    let v2 = r#"{"protocolSection": {"identificationModule":
        {"nctId": "NCT00000001", "briefTitle": "Age \\>= 18 \\ years"}}}"#;
    let v1 = r#"{"FullStudiesResponse": {"FullStudies": [{"Study": {"ProtocolSection":
        {"IdentificationModule": {"NCTId": "NCT00000001", "BriefTitle": "Age \\>= 18 \\ years"}}}}]}}"#;
    let xml = r#"<clinical_study><id_info><nct_id>NCT00000001</nct_id></id_info>
        <brief_title>Age \>= 18 \ years</brief_title></clinical_study>"#;
    let title = |s: &str| trialnorm::parse(s.as_bytes(), None).unwrap().titles.brief;
    assert_eq!(title(v2).as_deref(), Some(r"Age >= 18 \ years"));
    assert_eq!(title(v1).as_deref(), Some(r"Age \>= 18 \ years"));
    assert_eq!(title(xml).as_deref(), Some(r"Age \>= 18 \ years"));
}

/// An NCT id that is not "NCT" and 8 digits is no NCT id: null, with a `bad-id` warning that
/// quotes it, in every structured format; one in lower case is read in upper case.
#[test]
fn a_malformed_nct_id_is_null_with_a_warning() {
    let v2 = |id: &str| {
        format!(r#"{{"protocolSection": {{"identificationModule": {{"nctId": "{id}"}}}}}}"#)
    };
    let v1 = |id: &str| {
        format!(
            r#"{{"FullStudiesResponse": {{"FullStudies": [{{"Study": {{"ProtocolSection":
            {{"IdentificationModule": {{"NCTId": "{id}", "BriefTitle": "A"}}}}}}}}]}}}}"#
        )
    };
    let xml = |id: &str| {
        format!("<clinical_study><id_info><nct_id>{id}</nct_id></id_info><brief_title>A</brief_title></clinical_study>")
    };
    for make in [&v2 as &dyn Fn(&str) -> String, &v1, &xml] {
        for bad in ["NCT123", "NCT1234567890", "NCTX2345678"] {
            let t = trialnorm::parse(make(bad).as_bytes(), None).unwrap();
            assert_eq!(t.ids.nct_id, None, "{bad}");
            assert!(
                t.ids.registry_ids.is_empty(),
                "{bad}: {:?}",
                t.ids.registry_ids
            );
            let w = &t.warnings[0];
            assert_eq!(
                (w.code, w.path.as_deref()),
                (WarningCode::BadId, Some("ids.nct_id"))
            );
            assert!(w.message.contains(bad), "{}", w.message);
        }
        let t = trialnorm::parse(make("nct01234567").as_bytes(), None).unwrap();
        assert_eq!(t.ids.nct_id.as_deref(), Some("NCT01234567"));
        assert!(t.warnings.is_empty(), "{:?}", t.warnings);
    }
}

/// A minimum age above the maximum age (a registrant's slip: "18 Years" to "6 Months") is
/// kept as stated, with one `contradictory-values` warning naming both, whatever the source;
/// bounds that are equal in years ("12 Months" to "1 Year") are no contradiction.
#[test]
fn a_minimum_age_above_the_maximum_is_kept_and_warned() {
    let contradictions = |t: &Trial| -> Vec<String> {
        (t.warnings.iter())
            .filter(|w| w.code == WarningCode::ContradictoryValues)
            .map(|w| format!("{} {}", w.path.as_deref().unwrap_or(""), w.message))
            .collect()
    };
    let edited = |rel: &str, edits: &[(&str, &str)]| {
        let mut text = String::from_utf8(fixture(rel)).unwrap();
        for (from, to) in edits {
            assert!(text.contains(from), "{rel}: {from}");
            text = text.replacen(from, to, 1);
        }
        trialnorm::parse(text.as_bytes(), None).unwrap()
    };
    let cases = [
        (
            "ctgov-api-v2/NCT00973089.json",
            "\"maximumAge\": \"8 Years\"",
            "\"maximumAge\": \"4 Years\"",
            "5 years",
            "4 years",
        ),
        (
            "ctgov-xml/NCT02028676.xml",
            "<minimum_age>3 Months</minimum_age>",
            "<minimum_age>18 Years</minimum_age>",
            "18 years",
            "17 years",
        ),
        (
            "pages/ctgov-classic/NCT02699827.copy.txt",
            "20 Years to 35 Years",
            "20 Years to 6 Months",
            "20 years",
            "6 months",
        ),
    ];
    for (rel, from, to, min, max) in cases {
        assert_eq!(contradictions(&one(rel)), Vec::<String>::new(), "{rel}");
        let t = edited(rel, &[(from, to)]);
        assert_eq!(
            contradictions(&t),
            [format!(
                "eligibility.minimum_age the minimum age ({min}) is above the maximum age \
                 ({max}); both are kept as the record states them"
            )],
            "{rel}"
        );
        let e = &t.eligibility;
        let said = |a: &Option<Age>| a.as_ref().map(|a| a.years);
        assert!(said(&e.minimum_age) > said(&e.maximum_age), "{rel}");
    }
    let t = edited(
        "ctgov-xml/NCT02028676.xml",
        &[
            ("<minimum_age>3 Months<", "<minimum_age>12 Months<"),
            ("<maximum_age>17 Years<", "<maximum_age>1 Year<"),
        ],
    );
    assert_eq!(contradictions(&t), Vec::<String>::new());
    assert_eq!(
        t.eligibility.maximum_age.as_ref().map(|a| a.years),
        Some(1.0)
    );
    // Bounds whose years round alike are still compared exactly; one unit is said singular.
    let t = edited(
        "ctgov-xml/NCT02028676.xml",
        &[
            ("<minimum_age>3 Months<", "<minimum_age>50 Minutes<"),
            ("<maximum_age>17 Years<", "<maximum_age>40 Minutes<"),
        ],
    );
    assert_eq!(contradictions(&t).len(), 1);
    let t = edited(
        "ctgov-xml/NCT02028676.xml",
        &[
            ("<minimum_age>3 Months<", "<minimum_age>18 Years<"),
            ("<maximum_age>17 Years<", "<maximum_age>1 Year<"),
        ],
    );
    let said = contradictions(&t);
    assert!(
        said[0].contains("(18 years) is above the maximum age (1 year)"),
        "{said:?}"
    );
}

/// A search page, a bare array and an API v1 response cut short (a download stopped, a
/// page copied in part) give every study that ends before the cut, the same records as the
/// whole list's, and one error for the study the cut falls in, named by its place; a cut
/// before the first whole study is the whole input's error, as before.
#[test]
fn a_list_cut_short_keeps_the_studies_before_the_cut() {
    let studies: Vec<String> = ["NCT00465816", "NCT00973089", "NCT02278341", "NCT03453554"]
        .iter()
        .map(|id| {
            let v: Value =
                serde_json::from_slice(&fixture(&format!("ctgov-api-v2/{id}.json"))).unwrap();
            v.to_string()
        })
        .collect();
    let whole: Vec<Trial> = (studies.iter())
        .map(|s| trialnorm::parse(s.as_bytes(), None).unwrap())
        .collect();
    for (head, tail) in [(r#"{"totalCount":4,"studies":["#, "]}"), ("[", "]")] {
        let mut text = head.to_string();
        let mut ends = Vec::new();
        for (i, s) in studies.iter().enumerate() {
            if i > 0 {
                text.push(',');
            }
            text.push_str(s);
            ends.push(text.len());
        }
        text.push_str(tail);
        let read: Vec<Trial> = (parse_text(&text, Format::CtgovApiV2Json)
            .unwrap()
            .into_iter())
        .map(Result::unwrap)
        .collect();
        assert_eq!(read, whole);
        for cut in (head.len() + 1..text.len() - tail.len()).step_by(4999) {
            let before = ends.iter().filter(|&&e| e <= cut).count();
            match parse_text(&text[..cut], Format::CtgovApiV2Json) {
                Ok(records) => {
                    let e = error_after_whole(&records, &whole, before, &format!("{head} {cut}"));
                    let place = format!("study {} of the list, cut short: EOF", before + 1);
                    assert!(e.contains(&place), "{e}");
                    assert!(e.ends_with(&format!("at line 1 column {cut}")), "{e}");
                }
                Err(e) => assert_eq!(before, 0, "{head} cut at {cut}: {e}"),
            }
        }
    }

    // Cut after the list, in the page's next token: every study, and the cut said so.
    let page = format!(r#"{{"studies":[{}],"nextPageToken":"ab"#, studies.join(","));
    let records = parse_text(&page, Format::CtgovApiV2Json).unwrap();
    let e = error_after_whole(&records, &whole, 4, "after the list");
    assert!(
        e.contains("cut short after the list, every study of which is read: EOF"),
        "{e}"
    );

    // Cut inside a character ("à" is two bytes) of UTF-8 text (an "É" before it): the
    // studies before read as UTF-8, not as a legacy encoding.
    let accented = format!(
        "[{},{}]",
        studies[0],
        studies[1].replacen("\"briefTitle\":\"", "\"briefTitle\":\"Étude à ", 1)
    );
    let in_e = accented.find('à').unwrap() + 1;
    let records = trialnorm::parse_all(&accented.as_bytes()[..in_e], None).unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0].as_ref().unwrap(), &whole[0]);

    // API v1: 100 studies; cut in the 58th, the response's DataVrs still dates the 57 before.
    let v1 = String::from_utf8(fixture("corpus/ctgov-api-v1/covid-19-search.json")).unwrap();
    let full = parse_text(&v1, Format::CtgovApiV1Json).unwrap();
    assert_eq!(full.len(), 100);
    let fifty_eighth = v1.match_indices("\"Rank\":").nth(57).unwrap().0;
    let records = parse_text(&v1[..fifty_eighth + 2000], Format::CtgovApiV1Json).unwrap();
    assert_eq!(records.len(), 58);
    for (r, w) in records.iter().zip(&full[..57]) {
        assert_eq!(r.as_ref().unwrap(), w.as_ref().unwrap());
    }
    assert_eq!(
        records[0].as_ref().unwrap().source.record_date.as_deref(),
        Some("2022-12-21")
    );
    let e = records[57].as_ref().unwrap_err().to_string();
    assert!(e.contains("study 58 of FullStudies, cut short: EOF"), "{e}");

    // Broken inside a study (not cut short): the whole input's error, as a whole list's.
    let broken = format!("[{},{{\"protocolSection\": }}]", studies[0]);
    assert!(parse_text(&broken, Format::CtgovApiV2Json).is_err());
}
