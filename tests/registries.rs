//! Registries beyond ClinicalTrials.gov: the WHO ICTRP export (95 trials of 8 registries)
//! and the EU CTR full-text download (10 member-state records of 2 trials), each record
//! parsed and its registry ids shown; facts read from the files by hand, per registry.

use crate::util::*;

use trialnorm::model::*;
use trialnorm::Format;

const ICTRP: &str = "corpus/who-ictrp/who-ictrp-export.xml";
const EUCTR: &str = "corpus/euctr/euctr-full-text.txt";

fn all(rel: &str) -> Vec<Trial> {
    trialnorm::parse_all(&fixture(rel), None)
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .into_iter()
        .enumerate()
        .map(|(i, r)| r.unwrap_or_else(|e| panic!("{rel} record {i}: {e}")))
        .collect()
}

fn own(t: &Trial) -> (IdRegistry, &str) {
    let id = &t.ids.registry_ids[0];
    (id.registry, id.id.as_str())
}

fn by_own<'a>(trials: &'a [Trial], id: &str) -> &'a Trial {
    (trials.iter())
        .find(|t| t.ids.registry_ids.first().is_some_and(|r| r.id == id))
        .unwrap_or_else(|| panic!("no record of {id}"))
}

fn countries(t: &Trial) -> Vec<&str> {
    t.sites
        .iter()
        .filter_map(|s| s.country_code.as_deref())
        .collect()
}

fn years(a: &Option<Age>) -> Option<f64> {
    a.as_ref().map(|a| a.years)
}

#[test]
fn ictrp_export_is_detected_and_every_trial_reads_with_its_own_registry_first() {
    assert_eq!(trialnorm::detect(&fixture(ICTRP)), Ok(Format::WhoIctrpXml));
    let trials = all(ICTRP);
    assert_eq!(trials.len(), 95);
    let mut per_registry = std::collections::BTreeMap::new();
    for t in &trials {
        assert_eq!(t.source.registry, Some(Registry::WhoIctrp));
        assert!(t.source.url.is_some(), "{:?}", t.ids);
        *per_registry.entry(own(t).0).or_insert(0) += 1;
    }
    // The export's Source_Register counts: 47 ClinicalTrials.gov, 28 EU CTR, 9 JPRN, 6
    // DRKS, 2 NL-OMON, 1 CTIS, 1 ChiCTR, 1 CRIS.
    let want = [
        (IdRegistry::Ctgov, 47),
        (IdRegistry::Euct, 1),
        (IdRegistry::Eudract, 28),
        (IdRegistry::Chictr, 1),
        (IdRegistry::Drks, 6),
        (IdRegistry::Jprn, 9),
        (IdRegistry::Kct, 1),
        (IdRegistry::NlOmon, 2),
    ];
    assert_eq!(per_registry, want.into_iter().collect());
}

#[test]
fn ictrp_ctis_trial() {
    let trials = all(ICTRP);
    let t = by_own(&trials, "2023-507385-11-00");
    assert_eq!(own(t).0, IdRegistry::Euct);
    // Its secondary ids: U1111-1296-5487;2022-003405-30;NCT05697861.
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT05697861"));
    assert_eq!(t.ids.secondary_ids[0], "CTIS2023-507385-11-00");
    let ids: Vec<&str> = t.ids.registry_ids.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["2023-507385-11-00", "NCT05697861", "2022-003405-30"]);
    // "Not Recruiting" says neither recruiting nor which of the other states.
    assert_eq!(t.status.overall, None);
    assert!(t
        .warnings
        .iter()
        .any(|w| w.code == WarningCode::UnmappedEnum && w.message.contains("\"Not Recruiting\"")));
    // "Therapeutic exploratory (Phase II): yes Therapeutic confirmatory - (Phase III): yes"
    assert_eq!(t.design.phases, [Phase::Phase2, Phase::Phase3]);
    assert_eq!(t.design.study_type, Some(StudyType::Interventional));
    assert_eq!(t.design.allocation, Some(Allocation::NonRandomized));
    assert_eq!(t.enrollment.count, Some(74));
    assert_eq!(t.eligibility.sex, Some(Sex::All));
    // "18" to "65+": no upper bound.
    assert_eq!(years(&t.eligibility.minimum_age), Some(18.0));
    assert_eq!(t.eligibility.maximum_age, None);
    assert_eq!(countries(t), ["SE", "GB", "NZ"]);
    // "1. A subject has completed … received.,2. A subject has provided informed consent"
    assert_eq!(t.eligibility.inclusion.len(), 2);
    assert_eq!(t.eligibility.exclusion.len(), 1);
    assert_eq!(t.status.start.date.as_deref(), Some("2024-04-16"));
    assert_eq!(t.status.first_submitted.as_deref(), Some("2024-04-08"));
    assert_eq!(t.interventions[0].name, "NTLA-2001");
    assert_eq!(t.interventions[0].other_names, ["PRD8425756"]);
}

#[test]
fn ictrp_clinicaltrials_gov_trial() {
    let trials = all(ICTRP);
    let t = by_own(&trials, "NCT05023889");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT05023889"));
    assert_eq!(t.status.overall, Some(OverallStatus::Recruiting));
    assert_eq!(t.design.phases, [Phase::EarlyPhase1]);
    assert_eq!(t.design.allocation, Some(Allocation::Na));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::SingleGroup)
    );
    assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    assert_eq!(t.enrollment.count, Some(10));
    assert_eq!(years(&t.eligibility.minimum_age), Some(18.0));
    assert_eq!(t.eligibility.maximum_age, None);
    // The <br> markup undone: "Inclusion Criteria:" with items 1 to 8.
    assert_eq!(t.eligibility.inclusion.len(), 8);
    assert_eq!(t.eligibility.inclusion[0].text, "Male or female >18");
    // "Yessar Hussain, MD;Yessar M Hussain, M.D.": two contacts.
    assert_eq!(t.contacts.central.len(), 2);
    assert_eq!(t.contacts.central[1].phone.as_deref(), Some("512-920-0140"));
    assert_eq!(t.interventions[0].kind, Some(InterventionType::Drug));
    assert_eq!(t.interventions[0].name, "patisiran");
    assert_eq!(t.source.record_date.as_deref(), Some("2023-09-26"));
}

/// The export writes some records' fields three or four times over, `;` between the copies:
/// NCT00294671's criteria block (4 inclusion and 8 exclusion items, then a line holding only
/// ";", then the block again), its primary outcome ("Neurologic Impairment Score + 7
/// (NIS+7)" three times) and a secondary id. Each is read once; nothing of a copy is an item.
#[test]
fn ictrp_fields_the_export_repeats_are_read_once() {
    let trials = all(ICTRP);
    let t = by_own(&trials, "NCT00294671");
    let e = &t.eligibility;
    assert_eq!((e.inclusion.len(), e.exclusion.len()), (4, 8));
    assert_eq!(e.inclusion[0].text, "Age 18 to 75 years");
    assert_eq!(
        e.exclusion[7].text,
        "Non-steroidal or aspirin drug allergy/hypersensitivity"
    );
    let texts = (e.inclusion.iter().chain(&e.exclusion)).map(|c| c.text.as_str());
    assert!(
        texts.clone().all(|t| t != ";"),
        "{:?}",
        texts.collect::<Vec<_>>()
    );
    let text = t.eligibility.criteria_text.as_deref().unwrap_or_default();
    assert_eq!(text.matches("Inclusion Criteria:").count(), 1);
    let primary: Vec<&str> = (t.outcomes.iter())
        .filter(|o| o.kind == Some(OutcomeKind::Primary))
        .map(|o| o.measure.as_str())
        .collect();
    assert_eq!(primary, ["Neurologic Impairment Score + 7 (NIS+7)"]);
    assert_eq!(t.ids.secondary_ids, ["FD R 002532", "R01NS051306"]);
    // The same in the five other records written so, each block once.
    for (id, inclusion, exclusion) in [
        ("NCT00409175", 6, 11),
        ("NCT00630864", 6, 14),
        ("NCT00791492", 1, 1),
        ("NCT01435655", 2, 2),
        ("NCT01821118", 2, 4),
    ] {
        let e = &by_own(&trials, id).eligibility;
        assert_eq!(
            (e.inclusion.len(), e.exclusion.len()),
            (inclusion, exclusion),
            "{id}"
        );
    }
}

/// "AND" or "OR" on a line of its own between two bullets joins them (2015-004318-14's
/// "o Histochemical diagnosis … appearance" / "AND" / "o Confirmatory electron microscopy …"):
/// it ends the bullet before and is no criterion of its own.
#[test]
fn ictrp_a_connector_line_ends_the_item_before() {
    let trials = all(ICTRP);
    let t = by_own(&trials, "2015-004318-14");
    let second = &t.eligibility.inclusion[1];
    assert!(second
        .text
        .starts_with("Confirmed diagnosis of systemic AL amyloidosis"));
    assert_eq!(second.children.len(), 2);
    assert!(
        second.children[0].text.ends_with("appearance AND"),
        "{}",
        second.children[0].text
    );
    assert!(second.children[1]
        .text
        .starts_with("Confirmatory electron microscopy"));
    let all: Vec<&str> = t
        .eligibility
        .inclusion
        .iter()
        .map(|c| c.text.as_str())
        .collect();
    assert!(!all.iter().any(|t| *t == "AND" || *t == "OR"), "{all:?}");
}

/// The WHO export writes "≥" and "≤" as "=" (it holds no "≥" at all: NCT06414746's
/// "Unexplained weight loss =5 kilos", "presence of =1 of the following"): no equality is
/// read from it, which would be a bound the trial never set, and each record that had one
/// says which in one `unparsed-text` warning on its criteria text.
#[test]
fn ictrp_a_comparison_sign_the_export_lost_is_not_read_as_equality() {
    fn equalities(items: &[Criterion]) -> usize {
        (items.iter())
            .map(|c| {
                let own = c.constraints.iter().filter(|k| k.operator == Operator::Eq);
                own.count() + equalities(&c.children)
            })
            .sum()
    }
    let trials = all(ICTRP);
    let mut warned = 0;
    for t in &trials {
        let e = &t.eligibility;
        assert_eq!(equalities(&e.inclusion) + equalities(&e.exclusion), 0);
        let lost = t.warnings.iter().filter(|w| {
            w.code == WarningCode::UnparsedText
                && w.path.as_deref() == Some("eligibility.criteria_text")
        });
        warned += lost.count();
    }
    assert!(warned >= 20, "{warned}");
    let t = by_own(&trials, "NCT06414746");
    let w = t
        .warnings
        .iter()
        .find(|w| w.code == WarningCode::UnparsedText)
        .unwrap();
    assert!(
        w.message.contains("\"Unexplained weight loss =5\""),
        "{}",
        w.message
    );
    // A sign the export kept ("&gt;=", "<") is read as ever.
    let kept = (trials.iter())
        .flat_map(|t| {
            t.eligibility
                .inclusion
                .iter()
                .chain(&t.eligibility.exclusion)
        })
        .flat_map(|c| &c.constraints)
        .filter(|k| k.operator == Operator::Ge)
        .count();
    assert!(kept >= 10, "{kept}");
}

/// Age groups are derived from the stated bounds the same way for every reader: NCT06360289
/// states "N/A" to "N/A" in the WHO export and gets every group, as a legacy
/// ClinicalTrials.gov XML record with "N/A" to "N/A" does; a trial whose bounds are empty
/// elements gets none (nothing is made up).
#[test]
fn ictrp_age_groups_follow_the_stated_bounds_as_ctgov_xml_does() {
    use StdAge::*;
    let trials = all(ICTRP);
    let t = by_own(&trials, "NCT06360289");
    assert_eq!(t.eligibility.minimum_age, None);
    assert_eq!(t.eligibility.maximum_age, None);
    assert_eq!(t.eligibility.std_ages, [Child, Adult, OlderAdult]);
    let xml = String::from_utf8(fixture("ctgov-xml/NCT00023673.xml")).unwrap();
    let at = |tag: &str| {
        let (_, rest) = xml.split_once(&format!("<{tag}>")).unwrap();
        rest.split_once(&format!("</{tag}>")).unwrap().0.to_string()
    };
    let (min, max) = (at("minimum_age"), at("maximum_age"));
    let na = xml
        .replace(&format!("<minimum_age>{min}<"), "<minimum_age>N/A<")
        .replace(&format!("<maximum_age>{max}<"), "<maximum_age>N/A<");
    let legacy = trialnorm::parse(na.as_bytes(), None).unwrap();
    assert_eq!(legacy.eligibility.std_ages, t.eligibility.std_ages);
    // Records with empty <Inclusion_agemin/> and <Inclusion_agemax/> state no bounds.
    let raw = String::from_utf8(fixture(ICTRP)).unwrap();
    let blocks: Vec<&str> = raw.split("<Trial>").skip(1).collect();
    let empty = (blocks.iter())
        .filter(|b| b.contains("<Inclusion_agemin/>") && b.contains("<Inclusion_agemax/>"))
        .count();
    assert!(empty > 0);
    let unstated = (trials.iter())
        .filter(|t| t.eligibility.minimum_age.is_none() && t.eligibility.maximum_age.is_none())
        .filter(|t| t.eligibility.std_ages.is_empty())
        .count();
    assert!(unstated >= empty, "{unstated} < {empty}");
}

#[test]
fn ictrp_eu_ctr_member_state_record() {
    let trials = all(ICTRP);
    let es = (trials.iter())
        .find(|t| t.ids.secondary_ids.first().map(String::as_str) == Some("EUCTR2021-000037-14-ES"))
        .unwrap_or_else(|| panic!("the ES record"));
    assert_eq!(own(es), (IdRegistry::Eudract, "2021-000037-14"));
    assert_eq!(es.design.phases, [Phase::Phase3]);
    assert_eq!(es.design.allocation, Some(Allocation::Randomized));
    assert_eq!(es.design.masking.level, Some(MaskingLevel::Double));
    assert_eq!(es.enrollment.count, Some(150));
    // "<br>Female: yes<br>Male: yes<br>"
    assert_eq!(es.eligibility.sex, Some(Sex::All));
    let names: Vec<&str> = es.interventions.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(names, ["Birtamimab", "Placebo"]);
    // "Authorised" is the trial's authorisation, not a recruitment status.
    assert_eq!(es.status.overall, None);
    // Five member-state records of this trial are in the export, each its own record.
    let records = (trials.iter())
        .filter(|t| own(t) == (IdRegistry::Eudract, "2021-000037-14"))
        .count();
    assert_eq!(records, 5);
}

#[test]
fn ictrp_other_primary_registries() {
    let trials = all(ICTRP);
    // ChiCTR: group sizes "control group:50;sepsis group:50;" add up; "Both"; 18 to 90.
    let t = by_own(&trials, "ChiCTR2100050713");
    assert_eq!(t.enrollment.count, Some(100));
    assert_eq!(t.eligibility.sex, Some(Sex::All));
    assert_eq!(years(&t.eligibility.minimum_age), Some(18.0));
    assert_eq!(years(&t.eligibility.maximum_age), Some(90.0));
    assert_eq!(t.eligibility.inclusion.len(), 2);
    assert_eq!(t.eligibility.exclusion.len(), 13);
    assert_eq!(t.design.study_type, Some(StudyType::Observational));
    // Its phase "0" names no phase of an observational study.
    assert!(t.design.phases.is_empty());
    assert!(t.warnings.iter().any(|w| w.message.contains("\"0\"")));
    assert!(
        t.interventions.is_empty(),
        "control group:No;sepsis group:No"
    );
    // CRIS: "60(Year)" to "80(Year)", "Phase1/Phase2", the labelled design.
    let t = by_own(&trials, "KCT0000379");
    assert_eq!(years(&t.eligibility.minimum_age), Some(60.0));
    assert_eq!(years(&t.eligibility.maximum_age), Some(80.0));
    assert_eq!(t.design.phases, [Phase::Phase1, Phase::Phase2]);
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Diagnostic));
    assert_eq!(t.design.allocation, Some(Allocation::Na));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    assert_eq!(t.interventions[0].kind, Some(InterventionType::Radiation));
    assert_eq!(t.eligibility.inclusion.len(), 3);
    assert_eq!(t.eligibility.exclusion.len(), 2);
    assert_eq!(countries(t), ["KR"]);
    // JPRN: ">= 20age old" to "<= 82age old", the bare design list, NCT and EudraCT ids.
    let t = by_own(&trials, "jRCT2071210009");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT04136184"));
    assert!((t.ids.registry_ids.iter()).any(|r| r.id == "2019-001698-10"));
    assert_eq!(years(&t.eligibility.minimum_age), Some(20.0));
    assert_eq!(years(&t.eligibility.maximum_age), Some(82.0));
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::Parallel)
    );
    assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Treatment));
    assert_eq!(t.eligibility.inclusion.len(), 4);
    assert_eq!(t.eligibility.exclusion.len(), 10);
    // Japan listed after every other country once each.
    assert_eq!(countries(t).len(), 12);
    // DRKS: no lower bound, "18 Years" upper; the purpose of the labelled design.
    let t = by_own(&trials, "DRKS00032447");
    assert_eq!(t.eligibility.minimum_age, None);
    assert_eq!(years(&t.eligibility.maximum_age), Some(18.0));
    assert_eq!(
        t.design.primary_purpose,
        Some(PrimaryPurpose::HealthServicesResearch)
    );
    assert_eq!(countries(t), ["AT", "DE"]);
    assert_eq!(t.status.first_submitted.as_deref(), Some("2024-01-04"));
}

/// The records of an ICTRP export given as text, each read or failed.
fn ictrp_text(xml: &str) -> Vec<Result<Trial, trialnorm::Error>> {
    parse_text(xml, Format::WhoIctrpXml).unwrap_or_else(|e| panic!("the export as a whole: {e}"))
}

/// An export cut short (a download stopped, a copy truncated) gives every trial before the
/// cut, the same records as the whole export's, and one error for the trial it cuts, placed
/// at that trial's start tag; a cut between two trials says the rest of the download is
/// missing. Every cut is accounted for: the whole trials before it and one error.
#[test]
fn ictrp_an_export_cut_short_keeps_the_trials_before_the_cut() {
    let text = String::from_utf8(fixture(ICTRP)).unwrap();
    let whole = all(ICTRP);
    let starts: Vec<usize> = text.match_indices("<Trial>").map(|(i, _)| i).collect();
    assert_eq!(starts.len(), 95);

    // Inside trial 60, in the middle of an escaped `&lt;br&gt;` of its criteria.
    let cut_at = text[starts[59]..].find("&lt;br").unwrap() + starts[59] + 3;
    let e = error_after_whole(&ictrp_text(&text[..cut_at]), &whole, 59, "in trial 60");
    assert!(e.starts_with("malformed who-ictrp-xml: <Trial> 60"), "{e}");

    // Inside trial 95's last element: cut short, placed where the trial starts.
    let end = text.rfind("</Trial>").unwrap();
    let e = error_after_whole(&ictrp_text(&text[..end]), &whole, 94, "in trial 95");
    assert_eq!(
        e,
        format!(
            "malformed who-ictrp-xml: <Trial> 95 is cut short: the input ends before its \
             </Trial> at line {} column 3",
            text[..starts[94]].lines().count()
        )
    );

    // After trial 94's end tag: 94 trials and the missing rest.
    let records = ictrp_text(&text[..starts[94]]);
    let e = error_after_whole(&records, &whole, 94, "after trial 94");
    assert!(
        e.contains("ends before the root element's end tag, after 94 <Trial> element(s)"),
        "{e}"
    );

    // Any cut: the whole trials before it, read as in the whole export, and one error.
    for cut_at in (starts[0]..text.len()).step_by(7919) {
        let cut_at = (cut_at..).find(|&i| text.is_char_boundary(i)).unwrap();
        let records = ictrp_text(&text[..cut_at]);
        let whole_before = text[..cut_at].matches("</Trial>").count();
        error_after_whole(
            &records,
            &whole,
            whole_before,
            &format!("cut at byte {cut_at}"),
        );
    }
}

/// Markup broken inside one trial (an end tag that does not match) is an error naming that
/// trial and the place; reading goes on at the next trial, so every other trial is read as in
/// the whole export. A mismatched end tag is a fault of the markup, not a cut, even as the
/// last bytes of the input.
#[test]
fn ictrp_broken_markup_in_one_trial_is_its_error() {
    let text = String::from_utf8(fixture(ICTRP)).unwrap();
    let whole = all(ICTRP);
    let third = text.match_indices("<Trial>").nth(2).unwrap().0;
    let tag = third + text[third..].find("</Public_title>").unwrap();
    let broken = format!("{}</Public_titel>{}", &text[..tag], &text[tag + 15..]);
    let records = ictrp_text(&broken);
    assert_eq!(records.len(), 95);
    let e = records[2].as_ref().unwrap_err();
    assert!(
        e.to_string()
            .starts_with("malformed who-ictrp-xml: <Trial> 3: "),
        "{e}"
    );
    assert_eq!(
        e.position().map(|p| p.line as usize),
        Some(broken[..tag].lines().count())
    );
    for (i, (r, w)) in records.iter().zip(&whole).enumerate() {
        if i != 2 {
            assert_eq!(r.as_ref().unwrap(), w, "trial {}", i + 1);
        }
    }

    // The root's end tag misspelt, as the input's last bytes: all 95 trials, and the fault.
    let end = text.trim_end().len();
    let misspelt = format!(
        "{}</Trials_downloaded_from_ICTRQ>",
        &text[..text[..end].rfind("</").unwrap()]
    );
    let records = ictrp_text(&misspelt);
    assert_eq!(records.len(), 96);
    let e = records[95].as_ref().unwrap_err().to_string();
    assert!(e.contains("ICTRQ") && !e.contains("cut short"), "{e}");
}

/// After a fault, reading goes on at the next trial's start tag, which is never one inside
/// a comment or a CDATA section; an end tag that closes nothing is a fault of its own, not the
/// export's end; markup that swallows the rest of the file (a quote or a comment never closed)
/// is its own fault when trials follow it, not a cut. Every trial is a record or an error.
#[test]
fn ictrp_reading_goes_on_after_a_fault_at_the_next_trial() {
    let trial = |n: u32, extra: &str| {
        format!(
            "<Trial><TrialID>NCT0000000{n}</TrialID><Public_title>T{n}{extra}</Public_title></Trial>\n"
        )
    };
    let export = |body: String| {
        format!("<Trials_downloaded_from_ICTRP>\n{body}</Trials_downloaded_from_ICTRP>\n")
    };
    let outcome = |xml: &str| -> Vec<String> {
        (ictrp_text(xml).into_iter())
            .map(|r| match r {
                Ok(t) => t.ids.nct_id.unwrap(),
                Err(e) => format!("error: {e}"),
            })
            .collect()
    };
    let broken = "<Trial><TrialID>NCT00000001</TrialID><a></b></Trial>\n";

    // A comment and a CDATA section naming <Trial> after the fault are text, not trials.
    let xml = export(format!(
        "{broken}<!-- <Trial><TrialID>NCT00000009</TrialID></Trial> -->\n{}",
        trial(2, " <![CDATA[see <Trial> x]]>")
    ));
    let got = outcome(&xml);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(
        got[0].starts_with("error: malformed who-ictrp-xml: <Trial> 1: "),
        "{got:?}"
    );
    assert_eq!(got[1], "NCT00000002");

    // A stray end tag after the fault is a fault; the trial after it is read.
    let xml = export(format!("{broken}{}</Junk>\n{}", trial(2, ""), trial(3, "")));
    let got = outcome(&xml);
    assert_eq!(got.len(), 4, "{got:?}");
    assert_eq!(
        (got[1].as_str(), got[3].as_str()),
        ("NCT00000002", "NCT00000003")
    );
    assert!(got[2].contains("but `</Junk>` was found"), "{got:?}");

    // A quote never closed in trial 2's start tag: trial 2's fault, trials 3 and 4 read.
    let xml = export(format!(
        "{}<Trial note=\"x><TrialID>NCT00000002</TrialID></Trial>\n{}{}",
        trial(1, ""),
        trial(3, ""),
        trial(4, "")
    ));
    let got = outcome(&xml);
    assert_eq!(got.len(), 4, "{got:?}");
    assert!(
        got[1].starts_with("error: malformed who-ictrp-xml: <Trial> 2: "),
        "{got:?}"
    );
    assert_eq!(got[3], "NCT00000004");

    // A comment never closed before trials: its fault, then the trials.
    let xml = export(format!(
        "{}<!-- never closed\n{}",
        trial(1, ""),
        trial(3, "")
    ));
    let got = outcome(&xml);
    assert_eq!(got.len(), 3, "{got:?}");
    assert!(
        got[1].contains("comment not closed") && !got[1].contains("cut short"),
        "{got:?}"
    );
    assert_eq!(got[2], "NCT00000003");
}

/// ISRCTN's `<allTrials>` answer is read trial by trial too: one cut short in its second
/// `<fullTrial>` gives the first and an error for the second.
#[test]
fn isrctn_an_answer_cut_short_keeps_the_trials_before_the_cut() {
    let one_answer = String::from_utf8(fixture("isrctn/ISRCTN62918594.xml")).unwrap();
    let other = String::from_utf8(fixture("isrctn/ISRCTN54285094.xml")).unwrap();
    let trial = |answer: &str| {
        let start = answer.find("<fullTrial>").unwrap();
        let end = answer.rfind("</fullTrial>").unwrap() + "</fullTrial>".len();
        answer[start..end].to_string()
    };
    let second = trial(&other);
    let cut = &second[..second.len() / 2];
    let answer = format!(
        "<allTrials xmlns=\"http://www.67bricks.com/isrctn\" totalCount=\"2\">\n{}\n{cut}",
        trial(&one_answer)
    );
    let records = trialnorm::parse_all(answer.as_bytes(), None).unwrap();
    let whole = [one("isrctn/ISRCTN62918594.xml")];
    let e = error_after_whole(&records, &whole, 1, "in trial 2");
    assert!(
        e.starts_with("malformed isrctn-xml: <fullTrial> 2 is cut short"),
        "{e}"
    );
}

#[test]
fn euctr_every_member_state_record_is_its_own_record() {
    assert_eq!(trialnorm::detect(&fixture(EUCTR)), Ok(Format::EuctrText));
    let trials = all(EUCTR);
    let states: Vec<(&str, &str)> = (trials.iter())
        .map(|t| (own(t).1, t.sites[0].country.as_deref().unwrap()))
        .collect();
    assert_eq!(
        states,
        [
            ("2022-002568-62", "Spain"),
            ("2022-002568-62", "Sweden"),
            ("2022-002568-62", "Sweden"),
            ("2021-002179-21", "France"),
            ("2021-002179-21", "Spain"),
            ("2021-002179-21", "Greece"),
            ("2021-002179-21", "Poland"),
            ("2021-002179-21", "Poland"),
            ("2021-002179-21", "Portugal"),
            ("2021-002179-21", "Hungary"),
        ]
    );
    for t in &trials {
        assert_eq!(t.source.registry, Some(Registry::Euctr));
        assert_eq!(t.ids.nct_id, None);
        let url = t.source.url.as_deref().unwrap();
        assert!(url.contains(own(t).1), "{url}");
    }
}

/// A download cut short in its second record (a download stopped midway, a file truncated
/// by a copy): that record, whose target size, end points and section P are missing, says
/// so; the first, whole, does not, and no record of the whole download does.
#[test]
fn euctr_a_download_cut_short_says_so_on_its_last_record() {
    let whole = fixture(EUCTR);
    let text = String::from_utf8(whole.clone()).unwrap();
    // Cut in the second record's criteria, before its section P.
    let second = text.match_indices("\nSummary\n").nth(1).unwrap().0;
    let cut = &text[..second + 3000];
    let partial = |t: &Trial| {
        (t.warnings.iter())
            .filter(|w| w.code == WarningCode::PartialPage)
            .count()
    };
    let trials: Vec<Trial> = trialnorm::parse_all(cut.as_bytes(), None)
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .collect();
    assert_eq!(trials.len(), 2);
    assert_eq!(partial(&trials[0]), 0);
    assert_eq!(partial(&trials[1]), 1, "{:?}", trials[1].warnings);
    assert!(all(EUCTR).iter().all(|t| partial(t) == 0));
}

#[test]
fn euctr_facts_of_the_french_record() {
    let trials = all(EUCTR);
    let t = &trials[3];
    assert_eq!(t.ids.org_study_id.as_deref(), Some("AB21004"));
    // F.4.2.2 In the whole clinical trial: 600 (F.4.1 in the member state: 30).
    assert_eq!(t.enrollment.count, Some(600));
    assert_eq!(t.enrollment.kind, Some(DateType::Estimated));
    assert_eq!(t.design.phases, [Phase::Phase3]);
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::Double));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::Parallel)
    );
    // E.6.3 Therapy is the one scope that says yes.
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Treatment));
    let lead = t.sponsors.lead.as_ref().unwrap();
    assert_eq!(lead.name.as_deref(), Some("AB Science"));
    assert_eq!(lead.class, Some(AgencyClass::Industry));
    let masitinib = &t.interventions[0];
    assert_eq!(masitinib.kind, Some(InterventionType::Drug));
    assert_eq!(masitinib.other_names, ["AB1010", "Masitinib mesilate"]);
    assert_eq!(t.interventions[1].name, "Placebo");
    assert_eq!(t.eligibility.healthy_volunteers, Some(false));
    assert_eq!(t.eligibility.std_ages, [StdAge::Adult, StdAge::OlderAdult]);
    assert_eq!(t.eligibility.sex, Some(Sex::All));
    // Items 1 to 13, "Other inclusion criteria" between 7 and 8.
    assert_eq!(t.eligibility.inclusion.len(), 13);
    assert_eq!(t.status.first_submitted.as_deref(), Some("2022-03-10"));
    // E.1.1 is blank: the condition in lay language.
    assert_eq!(t.conditions, ["Alzheimer's disease"]);
    // "Ongoing" does not say whether the trial recruits.
    assert_eq!(t.status.overall, None);
}

#[test]
fn euctr_english_fields_only_and_the_scope_that_names_two_purposes() {
    let trials = all(EUCTR);
    let es = &trials[0];
    // The Spanish record's English criteria: 6 inclusion and 12 exclusion items (its
    // Spanish copy lists 9 and 21).
    assert_eq!(es.eligibility.inclusion.len(), 6);
    assert_eq!(es.eligibility.exclusion.len(), 12);
    assert_eq!(es.design.phases, [Phase::Phase1, Phase::Phase2]);
    assert_eq!(es.interventions[0].kind, Some(InterventionType::Genetic));
    assert_eq!(es.enrollment.count, Some(15));
    // E.6.1 Diagnosis: Yes and E.6.3 Therapy: Yes.
    assert_eq!(es.design.primary_purpose, None);
    assert!(es
        .warnings
        .iter()
        .any(|w| w.message.contains("Diagnosis and Therapy")));
    // The Swedish record's wrapped lines are joined: items 1 to 6 again.
    assert_eq!(trials[1].eligibility.inclusion.len(), 6);
    // The second Swedish record announces its list: one sentence over items 1 to 10.
    let second = &trials[2].eligibility.inclusion;
    assert_eq!(second.len(), 1);
    assert_eq!(second[0].children.len(), 10);
}

const VEEVA_EU: &str = "pages/veeva/EUCTR2018-002548-10.eu-only.txt";

#[test]
fn veeva_page_of_an_eu_only_trial_has_its_eudract_number_and_no_nct_id() {
    let t = one(VEEVA_EU);
    assert_eq!(t.source.registry, Some(Registry::Veeva));
    assert_eq!(t.ids.nct_id, None);
    assert_eq!(own(&t), (IdRegistry::Eudract, "2018-002548-10"));
    assert_eq!(t.ids.org_study_id.as_deref(), Some("CAAAMY"));
    assert_eq!(t.design.phases, [Phase::Phase3]);
    assert_eq!(t.eligibility.sex, Some(Sex::Male));
    assert_eq!(t.enrollment.count, Some(10));
    assert_eq!(t.eligibility.inclusion.len(), 3);
    assert_eq!(countries(&t), ["IT"]);
}

#[test]
fn veeva_an_nct_id_cited_in_prose_is_not_the_records_id() {
    // The seed page's summary cites an earlier trial, "ClinicalTrials.gov: NCT02213705";
    // with its Identifiers section naming an EU CT number instead of its own NCT id, the
    // record's id is the EU CT number and it has no NCT id.
    let page = String::from_utf8(fixture("pages/veeva/NCT06722105.seed-div-text.copy.txt"))
        .unwrap()
        .replace(
            "Identifiers\nNCT06722105\n",
            "Identifiers\n2024-512345-67-00\n",
        );
    assert!(page.contains("NCT02213705"));
    let t = trialnorm::parse(page.as_bytes(), None).unwrap();
    assert_eq!(t.ids.nct_id, None);
    assert_eq!(own(&t), (IdRegistry::Euct, "2024-512345-67-00"));
    assert!(t.ids.registry_ids.iter().all(|r| r.id != "NCT02213705"));
    // With no registry number at all in its Identifiers, the page is not a study record.
    let page = page.replace("Identifiers\n2024-512345-67-00\n", "Identifiers\n");
    let e = trialnorm::parse(page.as_bytes(), None).unwrap_err();
    assert!(matches!(e, trialnorm::Error::NotAStudy(_)), "{e}");
    assert!(e.to_string().contains("no registry identifier"), "{e}");
}

#[test]
fn isrctn_records_with_their_numbers_design_and_sites() {
    let t = one("isrctn/ISRCTN62918594.xml");
    assert_eq!(t.source.registry, Some(Registry::Isrctn));
    assert_eq!(
        t.source.url.as_deref(),
        Some("https://www.isrctn.com/ISRCTN62918594")
    );
    // Its own number first, then the NCT id and EudraCT number it states.
    let ids: Vec<&str> = t.ids.registry_ids.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["ISRCTN62918594", "NCT05057013", "2020-005891-36"]);
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT05057013"));
    // "Phase I/II", "Non-randomized controlled trial", "Open (masking not used)", "Parallel".
    assert_eq!(t.design.phases, [Phase::Phase1, Phase::Phase2]);
    assert_eq!(t.design.allocation, Some(Allocation::NonRandomized));
    assert_eq!(t.design.masking.level, Some(MaskingLevel::None));
    assert_eq!(
        t.design.intervention_model,
        Some(InterventionModel::Parallel)
    );
    assert_eq!(t.design.primary_purpose, Some(PrimaryPurpose::Treatment));
    // totalFinalEnrolment 25 of a target of 81.
    assert_eq!(
        (t.enrollment.count, t.enrollment.kind),
        (Some(25), Some(DateType::Actual))
    );
    assert_eq!(years(&t.eligibility.minimum_age), Some(16.0));
    assert_eq!(years(&t.eligibility.maximum_age), Some(110.0));
    assert_eq!(t.eligibility.healthy_volunteers, Some(false));
    assert_eq!(
        t.sponsors.lead.as_ref().unwrap().class,
        Some(AgencyClass::Other)
    );
    assert_eq!(t.interventions[0].name, "HMBD-001");
    assert_eq!(t.interventions[0].kind, Some(InterventionType::Drug));
    // Two centres in "England", and "United Kingdom": one country, GB.
    assert_eq!(countries(&t), ["GB", "GB"]);
    assert_eq!(t.conditions.len(), 10);
    assert_eq!(t.status.start.date.as_deref(), Some("2021-10-07"));
    assert_eq!(t.status.completion.date.as_deref(), Some("2025-09-10"));

    // The 2003 PACE record: text outcomes, the allocation only in its secondary design.
    let t = one("isrctn/ISRCTN54285094.xml");
    assert_eq!(t.ids.nct_id, None);
    assert_eq!(t.ids.org_study_id.as_deref(), Some("G0200434"));
    assert_eq!(t.design.allocation, Some(Allocation::Randomized));
    assert_eq!(t.design.phases, [Phase::Na]);
    assert_eq!(
        (t.enrollment.count, t.enrollment.kind),
        (Some(600), Some(DateType::Estimated))
    );
    assert_eq!(t.status.first_submitted.as_deref(), Some("2003-05-22"));
    assert_eq!(count(&t, OutcomeKind::Primary), 1);
}

/// Serves ISRCTN62918594 through the search endpoint, failing first with a 503 and then
/// with an answer cut short; any other ISRCTN gets an empty answer.
fn isrctn_server() -> crate::local_api::Server {
    use crate::local_api::{unavailable, Reply, Server};
    let xml = String::from_utf8(fixture("isrctn/ISRCTN62918594.xml")).unwrap();
    Server::start(move |req, before| {
        if !req.path.ends_with("/isrctn/query/format/default") {
            return crate::local_api::not_found();
        }
        match (req.query.get("q").map(String::as_str), before) {
            (Some("ISRCTN62918594"), 0) => unavailable(),
            (Some("ISRCTN62918594"), 1) => Reply::Truncated(xml.clone()),
            (Some("ISRCTN62918594"), _) => Reply::Json(xml.clone()),
            _ => Reply::Json(
                r#"<allTrials totalCount="0" xmlns="http://www.67bricks.com/isrctn"></allTrials>"#
                    .into(),
            ),
        }
    })
}

#[test]
fn fetch_takes_isrctn_ids_with_the_same_retries_and_accounting() {
    let server = isrctn_server();
    let base = server.base.replace("/api/v2", "/isrctn");
    let out = server.run(
        "fetch",
        &[
            "isrctn62918594",
            "ISRCTN62918594",
            "ISRCTN00000000",
            "--isrctn-base",
            &base,
        ],
        b"",
    );
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    // The id asked twice (in two spellings) is fetched and written once; the missing one
    // is named and makes the exit status 1.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let records: Vec<Trial> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1, "{stdout}");
    assert_eq!(own(&records[0]), (IdRegistry::Isrctn, "ISRCTN62918594"));
    assert_eq!(records[0].ids.nct_id.as_deref(), Some("NCT05057013"));
    assert!(stderr.contains("ISRCTN00000000"), "{stderr}");
    assert!(stderr.contains("holds no trial"), "{stderr}");
    // A 503 and an answer cut short were each tried again.
    assert_eq!(server.count("/isrctn/query/format/default"), 4, "{stderr}");
}

#[test]
fn a_batch_marks_records_of_one_trial_and_dedupe_merges_them() {
    let ictrp = format!("fixtures/{ICTRP}");
    let isrctn = "fixtures/isrctn/ISRCTN62918594.xml";
    let (code, out, err) = cli(&["parse", &ictrp, isrctn, "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    let records: Vec<Trial> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 96);
    let notes = |t: &Trial| {
        (t.warnings.iter())
            .filter(|w| w.code == WarningCode::SameTrialAs)
            .map(|w| w.message.clone())
            .collect::<Vec<_>>()
    };
    // The JPRN record (28th) names its NCT id and EudraCT number: the NL-OMON record
    // (32nd) and the EU CTR record (39th) of the same trial carry them too.
    let jprn = &records[27];
    assert_eq!(own(jprn).1, "jRCT2071210009");
    let note = &notes(jprn)[0];
    assert!(
        note.contains("record 32 (WHO_ICTRP, who-ictrp-xml, NL-OMON NL-OMON55279)"),
        "{note}"
    );
    assert!(
        note.contains("record 39 (WHO_ICTRP, who-ictrp-xml, EUDRACT 2019-001698-10)"),
        "{note}"
    );
    assert!(note.contains("CTGOV NCT04136184"), "{note}");
    // A trial found once has no note; the five EU CTR member-state records of
    // 2021-000037-14 each name the four others.
    assert!(notes(&records[0]).is_empty());
    let eu: Vec<&Trial> = (records.iter())
        .filter(|t| own(t) == (IdRegistry::Eudract, "2021-000037-14"))
        .collect();
    assert_eq!(eu.len(), 5);
    for t in eu {
        assert_eq!(notes(t)[0].matches("record ").count(), 4);
    }

    // --dedupe: one line per trial.
    let (code, out, err) = cli(&["parse", &ictrp, isrctn, "--dedupe", "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let merged = (lines.iter())
        .find(|l| {
            l["records"].as_array().unwrap().len() == 3
                && l["trial"]["ids"]["nct_id"] == "NCT04136184"
        })
        .expect("the JPRN, NL-OMON and EU CTR records as one trial");
    let ids: Vec<&str> = (merged["trial"]["ids"]["registry_ids"]
        .as_array()
        .unwrap()
        .iter())
    .map(|r| r["id"].as_str().unwrap())
    .collect();
    for id in [
        "jRCT2071210009",
        "NCT04136184",
        "2019-001698-10",
        "NL-OMON55279",
    ] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    // Each field names the record it came from (an index into "records"). The EU CTR copy
    // comes first, before the national registries' (JPRN 28th, NL-OMON 32nd, EU CTR 39th in
    // the input): its target size is the trial's 140, not the Japanese part's 14.
    let fields = merged["fields"].as_object().unwrap();
    assert!(fields.contains_key("/design/phases"));
    let first = &merged["records"][0]["registry_ids"][0]["id"];
    assert_eq!(first, "2019-001698-10", "{}", merged["records"]);
    assert_eq!(merged["trial"]["enrollment"]["count"], 140);
    assert_eq!(fields["/enrollment"], 0);
    let records_of_trials: usize = (lines.iter())
        .map(|l| l["records"].as_array().unwrap().len())
        .sum();
    assert_eq!(
        records_of_trials, 96,
        "every record is in exactly one trial"
    );
    // 96 records; groups: 2 + 5 + 3 + 2 + 2 + 2 + 2 + 2 + 2 + 2 records as 10 trials.
    assert_eq!(lines.len(), 96 - (24 - 10));
}

/// `--dedupe` of the EU CTR download: 2021-002179-21 is 7 member-state records, and only the
/// Hungarian one names Hungary; the merged trial's sites are every record's (each country
/// once, first seen first), its scalars the first record's.
#[test]
fn dedupe_merges_every_member_states_sites() {
    let path = format!("fixtures/{EUCTR}");
    let (code, out, err) = cli(&["parse", &path, "--dedupe", "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    let line: serde_json::Value = (out.lines())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap())
        .find(|l| l["records"][0]["registry_ids"][0]["id"] == "2021-002179-21")
        .expect("the trial 2021-002179-21");
    let records = line["records"].as_array().unwrap();
    assert_eq!(records.len(), 7);
    let each: Vec<Trial> = all(EUCTR)
        .into_iter()
        .filter(|t| own(t) == (IdRegistry::Eudract, "2021-002179-21"))
        .collect();
    assert_eq!(each.len(), 7);
    let codes: Vec<&str> = (line["trial"]["sites"].as_array().unwrap().iter())
        .filter_map(|s| s["country_code"].as_str())
        .collect();
    // Every country of every record, each once, the first record's first and in its order.
    let mut want: Vec<&str> = Vec::new();
    for t in &each {
        for c in countries(t) {
            if !want.contains(&c) {
                want.push(c);
            }
        }
    }
    assert!(!countries(&each[0]).contains(&"HU"));
    assert!(want.contains(&"HU"));
    assert_eq!(codes, want);
    assert_eq!(codes[..countries(&each[0]).len()], countries(&each[0])[..]);
    let from = line["members_from"]["/sites"].as_array().unwrap();
    assert!(from.len() > 1, "{from:?}");
    // A scalar is still the first record's.
    assert_eq!(
        line["trial"]["titles"]["brief"],
        serde_json::to_value(&each[0].titles.brief).unwrap()
    );
}
