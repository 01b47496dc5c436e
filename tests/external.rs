//! Real ClinicalTrials.gov records that are not in the shared corpus (`fixtures/external/`,
//! provenance in `fixtures/README.md`), checked against facts read off the files themselves.

use crate::util::*;

use trialnorm::model::*;
use trialnorm::Format;

fn one(rel: &str) -> Trial {
    let path = format!("{}/fixtures/external/{rel}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    trialnorm::parse(&bytes, None).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// 2014 XML (`rank="1"`): one-line `<study_design>`, `<gender>Both</gender>`, both ages
/// `N/A`, `<start_date>September 1985</start_date>` without a type.
#[test]
fn xml_2014_nct00000122() {
    let t = one("ctgov-xml/NCT00000122.xml");
    assert_eq!(t.source.format, Some(Format::CtgovXml));
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT00000122"));
    assert_eq!(t.status.overall, Some(OverallStatus::Completed));
    assert_eq!(t.status.start.date.as_deref(), Some("1985-09"));
    assert_eq!(t.status.start.kind, None);
    assert_eq!(t.status.completion.date.as_deref(), Some("1988-06"));
    assert_eq!(t.status.completion.kind, Some(DateType::Actual));
    // "Allocation: Randomized, Masking: Double-Blind, Primary Purpose: Treatment"
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::Double));
    assert_eq!(t.design.masking.raw.as_deref(), Some("Double-Blind"));
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Treatment));
    assert_eq!(t.design.phases, [Phase::Phase3]);
    assert_eq!(t.eligibility.sex, Some(Sex::All));
    assert_eq!(t.eligibility.minimum_age, None);
    assert_eq!(t.eligibility.maximum_age, None);
    // lastchanged_date / firstreceived_date, the pre-2017 names.
    assert_eq!(t.status.last_updated.as_deref(), Some("2009-09-16"));
    assert_eq!(t.status.first_submitted.as_deref(), Some("1999-09-23"));
    let pmids: Vec<_> = t
        .references
        .iter()
        .filter_map(|r| r.pmid.as_deref())
        .collect();
    assert_eq!(pmids, ["2688428", "1575223", "8420383", "8604728"]);
    assert_eq!(t.mesh_terms, ["Glaucoma", "Fluorouracil"]);
}

/// A 2016 withheld device record: only ids, a redacted sponsor and dates; "N/A" study type.
#[test]
fn xml_withheld_nct01827488() {
    let t = one("ctgov-xml/NCT01827488.xml");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT01827488"));
    assert_eq!(t.ids.org_study_id.as_deref(), Some("ViaDor SR01"));
    assert_eq!(t.status.overall, Some(OverallStatus::Withheld));
    assert_eq!(t.status.start.date.as_deref(), Some("2013-04"));
    let lead = t.sponsors.lead.as_ref().expect("a lead sponsor");
    assert_eq!(lead.name.as_deref(), Some("[Redacted]"));
    assert_eq!(lead.class, Some(AgencyClass::Industry));
    assert_eq!(t.design.study_type, None);
    assert!(t.arms.is_empty() && t.interventions.is_empty() && t.sites.is_empty());
    assert!(t
        .warnings
        .iter()
        .any(|w| w.path.as_deref() == Some("design.study_type") && w.message.contains("N/A")));
}

/// 2021 XML whose text blocks end every line with `&#xD;`: the character references are
/// decoded, and no carriage return survives into the record.
#[test]
fn xml_carriage_return_references_nct04372602() {
    let t = one("ctgov-xml/NCT04372602_covid_19.xml");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT04372602"));
    assert_eq!(t.design.phases, [Phase::Phase2]);
    assert_eq!(t.arms.len(), 2);
    assert_eq!(t.interventions.len(), 3);
    assert_eq!(count(&t, OutcomeKind::Primary), 1);
    assert_eq!(count(&t, OutcomeKind::Secondary), 7);
    assert_eq!(t.sites.len(), 2);
    assert_eq!(t.enrollment.count, Some(28));
    assert_eq!(t.enrollment.kind, Some(DateType::Estimated));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::Triple));
    assert_eq!(
        t.design.masking.who,
        [
            MaskedRole::Participant,
            MaskedRole::CareProvider,
            MaskedRole::Investigator
        ]
    );
    let json = serde_json::to_string(&t).expect("serializes");
    assert!(!json.contains("\\r"), "a carriage return survived");
    // "First 10 patients enrolled&#xD;\nScreening, Day 2, ..." is one line of text.
    assert_eq!(
        t.interventions[1].description.as_deref(),
        Some(
            "First 10 patients enrolled Screening, Day 2, Day 4, Day 8, Day 10, Day 15, and Day 29"
        )
    );
    // The "Peripheral blood draw" procedure names both arms.
    assert_eq!(t.interventions[1].arm_labels, ["Duvelisib", "Placebo"]);
    // Four levels of nesting: "Critical disease ... any of the following:" holds "Cardiac
    // dysfunction defined by:", which holds two items.
    let first = &t.eligibility.inclusion[0];
    assert_eq!(first.children.len(), 2);
    let cardiac = &first.children[1].children[3];
    assert!(cardiac.text.starts_with("Cardiac dysfunction defined by"));
    assert_eq!(cardiac.children.len(), 2);
    assert_eq!(t.eligibility.exclusion.len(), 4);
    assert_eq!(t.eligibility.maximum_age, None);
}

/// API v2 cohort: arms without a type, 1 primary / 42 secondary / 5 other outcomes, sites in
/// Austria and Germany, no `healthyVolunteers` key.
#[test]
fn v2_observational_cohort_nct06323538() {
    let t = one("ctgov-api-v2/NCT06323538.json");
    assert_eq!(t.source.format, Some(Format::CtgovApiV2Json));
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT06323538"));
    assert_eq!(t.design.study_type, Some(StudyType::Observational));
    assert_eq!(
        t.design.observational_model,
        Some(ObservationalModel::Cohort)
    );
    assert!(t.design.phases.is_empty());
    assert_eq!(t.arms.len(), 4);
    assert!(t.arms.iter().all(|a| a.kind.is_none()));
    assert_eq!(count(&t, OutcomeKind::Primary), 1);
    assert_eq!(count(&t, OutcomeKind::Secondary), 42);
    assert_eq!(count(&t, OutcomeKind::Other), 5);
    // "5, 10, 20 years"
    assert_eq!(t.outcomes[0].time_points, ["P5Y", "P10Y", "P20Y"]);
    assert_eq!(t.sites.len(), 8);
    let codes: Vec<_> = t
        .sites
        .iter()
        .filter_map(|s| s.country_code.as_deref())
        .collect();
    assert_eq!(codes, ["AT", "DE", "DE", "DE", "DE", "DE", "DE", "DE"]);
    assert_eq!(t.sites[5].status, Some(OverallStatus::NotYetRecruiting));
    assert_eq!(t.contacts.officials.len(), 10);
    assert_eq!(t.sponsors.collaborators.len(), 7);
    assert_eq!(t.conditions.len(), 9);
    assert_eq!(t.keywords.len(), 23);
    assert_eq!(t.enrollment.count, Some(6000));
    assert_eq!(t.eligibility.healthy_volunteers, None);
    assert_eq!(t.eligibility.inclusion.len(), 10);
    assert_eq!(t.eligibility.exclusion.len(), 2);
    assert_eq!(t.status.completion.date.as_deref(), Some("2047-03-31"));
}

/// API v2 with `overallStatus: UNKNOWN`, phases `["NA"]` and nested numbered criteria.
#[test]
fn v2_unknown_status_nct04207047() {
    let t = one("ctgov-api-v2/NCT04207047.json");
    assert_eq!(t.status.overall, Some(OverallStatus::Unknown));
    assert_eq!(t.design.phases, [Phase::Na]);
    assert_eq!(t.arms.len(), 4);
    assert_eq!(t.interventions.len(), 5);
    // Group D names all five devices; Genius is in every group.
    assert_eq!(t.arms[3].intervention_names.len(), 5);
    assert_eq!(
        t.interventions[0].arm_labels,
        ["Group A", "Group B", "Group C", "Group D"]
    );
    assert_eq!(t.enrollment.count, Some(3));
    assert_eq!(t.enrollment.kind, Some(DateType::Actual));
    // 9 numbered inclusion items, the 7th with 3 sub-items; 19 exclusion items, the last
    // with 3 sub-items.
    assert_eq!(t.eligibility.inclusion.len(), 9);
    assert_eq!(t.eligibility.inclusion[6].children.len(), 3);
    assert_eq!(t.eligibility.exclusion.len(), 19);
    assert_eq!(t.eligibility.exclusion[18].children.len(), 3);
    assert_eq!(t.sites[0].zip.as_deref(), Some("01821"));
}

/// API v2 `phoneExt` holding a country code is appended as the contract says.
#[test]
fn v2_phone_extension_nct06171568() {
    let t = one("ctgov-api-v2/NCT06171568.json");
    assert_eq!(
        t.contacts.central[0].phone.as_deref(),
        Some("01.49.95.81.69 ext. +33")
    );
    assert_eq!(t.ids.secondary_ids, ["2023-A00386-39"]);
    assert_eq!(t.references.len(), 8);
    assert!(t
        .references
        .iter()
        .all(|r| r.kind == Some(ReferenceType::Background)));
    assert_eq!(t.sites[0].country_code.as_deref(), Some("FR"));
}

/// A retired API v1 search page of one study (a "heart attack" query).
#[test]
fn v1_registry_nct01874691() {
    let t = one("ctgov-api-v1/NCT01874691.json");
    assert_eq!(t.source.format, Some(Format::CtgovApiV1Json));
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT01874691"));
    assert_eq!(t.source.record_date.as_deref(), Some("2021-07-06"));
    assert_eq!(t.design.study_type, Some(StudyType::Observational));
    assert_eq!(
        t.design.observational_model,
        Some(ObservationalModel::CaseOnly)
    );
    assert_eq!(t.enrollment.count, Some(20000));
    assert_eq!(t.arms.len(), 1);
    assert_eq!(count(&t, OutcomeKind::Primary), 1);
    assert_eq!(count(&t, OutcomeKind::Secondary), 2);
    assert_eq!(count(&t, OutcomeKind::Other), 1);
    assert_eq!(
        t.eligibility.std_ages,
        [StdAge::Child, StdAge::Adult, StdAge::OlderAdult]
    );
    let rp = t
        .sponsors
        .responsible_party
        .as_ref()
        .expect("a responsible party");
    assert_eq!(rp.kind, Some(ResponsiblePartyType::PrincipalInvestigator));
    assert_eq!(rp.title.as_deref(), Some("Doctor"));
    assert_eq!(t.contacts.officials[0].role, Some(OfficialRole::StudyChair));
    let kinds: Vec<_> = t.references.iter().map(|r| r.kind).collect();
    assert_eq!(kinds.len(), 8);
    assert_eq!(kinds[0], Some(ReferenceType::Background));
    assert!(kinds[1..]
        .iter()
        .all(|k| *k == Some(ReferenceType::Derived)));
    assert_eq!(t.mesh_terms, ["Myocardial Infarction", "Infarction"]);
    assert_eq!(t.sites[0].country_code.as_deref(), Some("CN"));
}
