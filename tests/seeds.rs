//! Facts of the two seed pages, read off the pages themselves.

use trialnorm::model::*;
use trialnorm::{parse, Format, Trial};

fn seed(name: &str) -> (Vec<u8>, Trial) {
    let path = format!("{}/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(path).unwrap();
    let trial = parse(&bytes, None).unwrap();
    (bytes, trial)
}

fn count(c: &[Criterion]) -> usize {
    c.len()
}

#[test]
fn classic_page_nct00479934() {
    let (_, t) = seed("NCT00479934.txt");
    assert_eq!(t.source.format, Some(Format::CtgovClassicText));
    assert_eq!(t.source.registry, Some(Registry::Ctgov));
    assert_eq!(t.source.record_date.as_deref(), Some("2016-05-26"));
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT00479934"));
    assert_eq!(t.ids.org_study_id.as_deref(), Some("CHUBX 2006/05"));
    assert_eq!(t.ids.secondary_ids, ["2006/017"]);
    assert_eq!(t.titles.acronym.as_deref(), Some("SCLEROGLIVEC"));
    assert_eq!(t.status.overall, Some(OverallStatus::Completed));
    assert_eq!(t.status.first_submitted.as_deref(), Some("2007-05-29"));
    assert_eq!(t.status.last_updated.as_deref(), Some("2011-03-03"));
    assert_eq!(t.status.verified.as_deref(), Some("2011-03"));
    assert_eq!(t.status.start.date.as_deref(), Some("2007-12"));
    assert_eq!(t.status.primary_completion.date.as_deref(), Some("2010-06"));
    assert_eq!(t.status.completion.date.as_deref(), Some("2010-12"));
    assert_eq!(t.design.phases, [Phase::Phase2]);
    assert_eq!(t.design.study_type, Some(StudyType::Interventional));
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::Parallel)
    );
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Treatment));
    assert_eq!(
        t.design.endpoint_classification.as_deref(),
        Some("Safety/Efficacy Study")
    );
    assert_eq!(t.design.masking.level, Some(MaskingLevel::Quadruple));
    assert_eq!(t.design.masking.who.len(), 4);
    assert_eq!(
        t.enrollment,
        Enrollment {
            count: Some(28),
            kind: Some(DateType::Actual)
        }
    );
    assert_eq!(
        t.conditions,
        ["Scleroderma, Localized", "Scleroderma, Systemic"]
    );

    let arms: Vec<(&str, Option<ArmType>)> =
        t.arms.iter().map(|a| (a.label.as_str(), a.kind)).collect();
    assert_eq!(
        arms,
        [
            ("1", Some(ArmType::Experimental)),
            ("2", Some(ArmType::PlaceboComparator))
        ]
    );
    assert_eq!(t.interventions.len(), 1);
    let iv = &t.interventions[0];
    assert_eq!(
        (iv.kind, iv.name.as_str()),
        (Some(InterventionType::Drug), "imatinib mesylate")
    );
    assert_eq!(iv.arm_labels, ["1", "2"]);
    for a in &t.arms {
        assert_eq!(a.intervention_names, ["imatinib mesylate"]);
    }

    assert_eq!(t.outcomes.len(), 6);
    let primary: Vec<&Outcome> = t
        .outcomes
        .iter()
        .filter(|o| o.kind == Some(OutcomeKind::Primary))
        .collect();
    assert_eq!(primary.len(), 1);
    assert_eq!(primary[0].time_points, ["P6M"]);
    assert_eq!(primary[0].safety_issue, Some(false));
    assert_eq!(t.outcomes[3].time_points, ["P1M", "P3M", "P6M", "P1Y"]);
    assert_eq!(t.outcomes[4].safety_issue, Some(true));

    let e = &t.eligibility;
    assert_eq!(
        e.minimum_age.as_ref().map(|a| (a.value, a.unit)),
        Some((18.0, AgeUnit::Years))
    );
    assert_eq!(e.maximum_age, None);
    assert_eq!(e.sex, Some(Sex::All));
    assert_eq!(e.healthy_volunteers, Some(false));
    assert_eq!(count(&e.inclusion), 8);
    assert_eq!(count(&e.exclusion), 13);
    assert_eq!(e.inclusion[0].text, "More than 18 years old");
    assert_eq!(
        e.exclusion[12].text,
        "Non observance anticipated and absence of informed consent"
    );

    assert_eq!(t.sites.len(), 12);
    assert!(t
        .sites
        .iter()
        .all(|s| s.country_code.as_deref() == Some("FR")));
    assert_eq!(t.sites[9].city.as_deref(), Some("Toulouse"));
    assert_eq!(t.sites[9].zip.as_deref(), Some("31059 Toulouse Cedex"));

    let roles: Vec<Option<OfficialRole>> = t.contacts.officials.iter().map(|o| o.role).collect();
    assert_eq!(
        roles,
        [
            Some(OfficialRole::StudyDirector),
            Some(OfficialRole::StudyChair),
            Some(OfficialRole::PrincipalInvestigator)
        ]
    );
    assert_eq!(
        t.contacts.officials[1].name.as_deref(),
        Some("Geneviève CHENE, Pr")
    );
    assert_eq!(
        t.contacts.officials[1].affiliation.as_deref(),
        Some("University Hospital, Bordeaux, France")
    );
    assert_eq!(
        t.sponsors.lead.as_ref().and_then(|o| o.name.as_deref()),
        Some("University Hospital, Bordeaux")
    );
    assert_eq!(t.sponsors.collaborators.len(), 1);
    assert_eq!(
        t.sponsors.information_provider.as_deref(),
        Some("University Hospital, Bordeaux")
    );
    assert_eq!(t.mesh_terms.len(), 10);
    assert!(t.keywords.is_empty());
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn classic_page_chrome_never_leaks() {
    let (_, t) = seed("NCT00479934.txt");
    let json = serde_json::to_string(&t).unwrap();
    for chrome in [
        "Choosing to participate",
        "Resource links provided by NLM",
        "Further study details",
        "Please refer to this study",
        "History of Changes",
        "Contacts and Locations",
    ] {
        assert!(
            !json.contains(chrome),
            "page chrome {chrome:?} leaked into the record"
        );
    }
}

#[test]
fn veeva_page_nct06722105() {
    let (_, t) = seed("NCT06722105.txt");
    assert_eq!(t.source.registry, Some(Registry::Veeva));
    assert_eq!(t.source.format, Some(Format::VeevaText));
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT06722105"));
    assert_eq!(t.ids.org_study_id.as_deref(), Some("APHP211026"));
    assert_eq!(t.titles.acronym.as_deref(), Some("MSC-AT-SSc"));
    assert_eq!(t.status.overall, Some(OverallStatus::NotYetRecruiting));
    assert_eq!(t.design.phases, [Phase::Phase1, Phase::Phase2]);
    assert_eq!(t.design.masking.level, Some(MaskingLevel::Double));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::Parallel)
    );
    assert_eq!(t.conditions, ["Severe Systemic Sclerosis"]);
    assert_eq!(
        t.sponsors.lead,
        Some(Organization {
            name: Some("Assistance Publique - Hôpitaux de Paris".into()),
            class: Some(AgencyClass::Other)
        })
    );
    assert_eq!(t.arms.len(), 3);
    assert_eq!(t.interventions.len(), 3);
    assert_eq!(t.arms[2].kind, Some(ArmType::PlaceboComparator));
    assert_eq!(t.arms[2].intervention_names, ["Placebo"]);
    let placebo = t
        .interventions
        .iter()
        .find(|i| i.name == "Placebo")
        .unwrap();
    assert_eq!(
        (placebo.kind, placebo.arm_labels.clone()),
        (Some(InterventionType::Other), vec!["Placebo".to_string()])
    );
    assert_eq!(
        t.enrollment,
        Enrollment {
            count: Some(18),
            kind: Some(DateType::Estimated)
        }
    );
    let e = &t.eligibility;
    assert_eq!(
        e.minimum_age.as_ref().map(|a| (a.value, a.unit)),
        Some((18.0, AgeUnit::Years))
    );
    assert_eq!(e.maximum_age.as_ref().map(|a| a.years), Some(70.0));
    assert_eq!(e.healthy_volunteers, Some(false));
    assert_eq!(e.inclusion.len(), 10);
    assert_eq!(e.exclusion.len(), 14);
    let fifth = &e.inclusion[4];
    assert_eq!(fifth.text, "Severe disease with either:");
    assert_eq!(fifth.children.len(), 2);
    assert_eq!(
        fifth.children[1].children.len(),
        3,
        "the fifth criterion nests two levels deep"
    );
    assert!(fifth.children[1].children[2]
        .text
        .starts_with("cardiac involvement"));
    assert!(t.sites.is_empty());
    let names: Vec<_> = t
        .contacts
        .central
        .iter()
        .map(|c| c.name.as_deref().unwrap())
        .collect();
    assert_eq!(names, ["Dominique Farge, MD PhD", "Jérôme Lambert, MD PhD"]);
    let json = serde_json::to_string(&t).unwrap();
    for chrome in [
        "Loading...",
        "Copyright",
        "Menu",
        "Find clinical trials",
        "Data sourced from",
    ] {
        assert!(
            !json.contains(chrome),
            "page chrome {chrome:?} leaked into the record"
        );
    }
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

/// CRLF line endings, a BOM, non-breaking spaces and trailing blanks give the same record.
#[test]
fn text_variations_give_the_same_record() {
    for name in ["NCT00479934.txt", "NCT06722105.txt"] {
        let (bytes, want) = seed(name);
        let text = String::from_utf8(bytes).unwrap();
        let variants = [
            ("crlf", text.replace('\n', "\r\n")),
            ("bom", format!("\u{feff}{text}")),
            (
                "nbsp",
                text.replace("  ", "\u{a0}\u{a0}").replace(": ", ":\u{a0}"),
            ),
            (
                "trailing blanks",
                text.lines()
                    .map(|l| format!("{l}  \t"))
                    .collect::<Vec<_>>()
                    .join("\n"),
            ),
        ];
        for (what, v) in variants {
            let got =
                parse(v.as_bytes(), None).unwrap_or_else(|e| panic!("{name} with {what}: {e}"));
            assert_eq!(got, want, "{name} with {what} gives a different record");
        }
    }
}
