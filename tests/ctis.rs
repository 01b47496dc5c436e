//! CTIS (the EU Clinical Trials Information System): the trial JSON of its public API read
//! into the record, facts pinned from the fixture (`fixtures/ctis/`, built from the real
//! WHO ICTRP record of 2023-507385-11-00: see `fixtures/README.md`); CTIS's codes read
//! through their wordings; the trial found again in the ICTRP export; `fetch` by EU CT
//! number against a stand-in of the API on 127.0.0.1.

use crate::util::*;

use serde_json::{json, Value};
use trialnorm::model::*;
use trialnorm::Format;

const FIXTURE: &str = "ctis/2023-507385-11-00.json";
const EU_CT: &str = "2023-507385-11-00";

fn fixture_json() -> Value {
    serde_json::from_slice(&fixture(FIXTURE)).unwrap()
}

/// The record of the fixture changed by `edit`.
fn edited(edit: impl FnOnce(&mut Value)) -> Trial {
    let mut v = fixture_json();
    edit(&mut v);
    trialnorm::parse(v.to_string().as_bytes(), None).unwrap()
}

fn ids(t: &Trial) -> Vec<(IdRegistry, &str)> {
    (t.ids.registry_ids.iter())
        .map(|r| (r.registry, r.id.as_str()))
        .collect()
}

fn countries(t: &Trial) -> Vec<&str> {
    (t.sites.iter())
        .filter_map(|s| s.country_code.as_deref())
        .collect()
}

fn unmapped(t: &Trial) -> Vec<&str> {
    (t.warnings.iter())
        .filter(|w| w.code == WarningCode::UnmappedEnum)
        .map(|w| w.message.as_str())
        .collect()
}

fn part_i(v: &mut Value) -> &mut Value {
    &mut v["authorizedApplication"]["authorizedPartI"]
}

fn trial_information(v: &mut Value) -> &mut Value {
    &mut part_i(v)["trialDetails"]["trialInformation"]
}

#[test]
fn the_trial_reads_with_its_numbers_and_facts() {
    assert_eq!(trialnorm::detect(&fixture(FIXTURE)), Ok(Format::CtisJson));
    let t = one(FIXTURE);
    assert_eq!(t.source.registry, Some(Registry::Ctis));
    assert_eq!(t.source.format, Some(Format::CtisJson));
    assert_eq!(
        t.source.url.as_deref(),
        Some("https://euclinicaltrials.eu/ctis-public/view/2023-507385-11-00")
    );
    // Its EU CT number first, then the NCT id and the EudraCT number it lists.
    assert_eq!(
        ids(&t),
        [
            (IdRegistry::Euct, EU_CT),
            (IdRegistry::Ctgov, "NCT05697861"),
            (IdRegistry::Eudract, "2022-003405-30"),
        ]
    );
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT05697861"));
    assert!(t.ids.secondary_ids.contains(&"U1111-1296-5487".to_string()));
    assert_eq!(
        t.titles.brief.as_deref(),
        Some("Long-Term Follow-Up of Subjects Treated With NTLA-2001")
    );
    // Phase code 10: "Phase II and Phase III (Integrated)".
    assert_eq!(t.design.phases, [Phase::Phase2, Phase::Phase3]);
    assert_eq!(t.design.study_type, Some(StudyType::Interventional));
    // The record states no status: none is made up.
    assert_eq!(t.status.overall, None);
    assert_eq!(t.status.start.date.as_deref(), Some("2024-04-16"));
    assert_eq!(t.status.start.kind, Some(DateType::Estimated));
    assert_eq!(t.status.first_submitted.as_deref(), Some("2024-04-08"));
    assert_eq!(
        t.sponsors.lead.as_ref().and_then(|l| l.name.as_deref()),
        Some("Intellia Therapeutics Inc.")
    );
    assert_eq!(t.conditions.len(), 2);
    assert_eq!(t.eligibility.sex, Some(Sex::All));
    // "18-64 years" and "65+ years"; no age bound is stated.
    assert_eq!(t.eligibility.std_ages, [StdAge::Adult, StdAge::OlderAdult]);
    assert_eq!(t.eligibility.minimum_age, None);
    assert_eq!(t.eligibility.inclusion.len(), 2);
    assert_eq!(t.eligibility.exclusion.len(), 1);
    assert_eq!(count(&t, OutcomeKind::Primary), 1);
    assert_eq!(count(&t, OutcomeKind::Secondary), 1);
    assert_eq!(t.interventions[0].name, "NTLA-2001");
    assert_eq!(
        t.contacts.central[0].email.as_deref(),
        Some("clinicalscience@intelliatx.com")
    );
    // Sweden, the member state concerned; the United Kingdom and New Zealand, outside the EEA.
    assert_eq!(countries(&t), ["SE", "GB", "NZ"]);
    // No planned count is stated for any country.
    assert_eq!(t.enrollment.count, None);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

#[test]
fn status_codes_read_through_their_wordings() {
    let with_code = |code: Value| edited(|v| v["ctPublicStatusCode"] = code);
    let status = |code: Value| with_code(code).status.overall;
    assert_eq!(status(json!(2)), Some(OverallStatus::NotYetRecruiting));
    assert_eq!(status(json!("3")), Some(OverallStatus::Recruiting));
    assert_eq!(status(json!(4)), Some(OverallStatus::Recruiting));
    assert_eq!(status(json!(5)), Some(OverallStatus::ActiveNotRecruiting));
    assert_eq!(status(json!(6)), Some(OverallStatus::Suspended));
    assert_eq!(status(json!(8)), Some(OverallStatus::Completed));
    assert_eq!(status(json!(9)), Some(OverallStatus::Withdrawn));
    // "Not authorised" names no API v2 status: null, and the wording quoted.
    let t = with_code(json!(11));
    assert_eq!(t.status.overall, None);
    assert!(
        unmapped(&t)[0].contains("\"Not authorised\""),
        "{:?}",
        t.warnings
    );
    // A code the list lacks is said so.
    let t = with_code(json!(13));
    assert_eq!(t.status.overall, None);
    assert!(
        unmapped(&t)[0].contains("status code \"13\""),
        "{:?}",
        t.warnings
    );
    // The words alone: "Authorised" says neither recruiting nor not.
    let t = edited(|v| v["ctStatus"] = json!("Authorised"));
    assert_eq!(t.status.overall, None);
    assert!(unmapped(&t)[0].contains("\"Authorised\""));
    // Ended, with an early termination notified in its one member state: terminated.
    let t = edited(|v| {
        v["ctPublicStatusCode"] = json!(8);
        v["events"] = json!({"trialEvents": [{"mscName": "Sweden",
            "events": [{"notificationType": "EARLY_TERMINATION", "date": "2024-05-01"}]}]});
    });
    assert_eq!(t.status.overall, Some(OverallStatus::Terminated));
}

#[test]
fn phase_and_age_codes_are_ctis_lists_not_numbers() {
    let phases = |code: Value| {
        edited(|v| trial_information(v)["trialCategory"]["trialPhase"] = code)
            .design
            .phases
    };
    // Code 4 is "Therapeutic exploratory (Phase II)", not phase 4.
    assert_eq!(phases(json!(4)), [Phase::Phase2]);
    assert_eq!(phases(json!("1")), [Phase::Phase1]);
    assert_eq!(phases(json!(6)), [Phase::Phase4]);
    assert_eq!(phases(json!(9)), [Phase::Phase1, Phase::Phase2]);
    assert_eq!(phases(json!(11)), [Phase::Phase3, Phase::Phase4]);
    let t = edited(|v| trial_information(v)["trialCategory"]["trialPhase"] = json!(12));
    assert!(t.design.phases.is_empty());
    assert!(unmapped(&t)[0].contains("trial phase code \"12\""));
    // An age group given by its code alone; the paediatric group is CHILD.
    let t = edited(|v| {
        trial_information(v)["populationOfTrialSubjects"]["ageRanges"] =
            json!([{"ageRangeCategoryCode": 2}, {"ageRangeCategoryCode": "3"}]);
    });
    assert_eq!(t.eligibility.std_ages, [StdAge::Child, StdAge::Adult]);
    let t = edited(|v| {
        trial_information(v)["populationOfTrialSubjects"]["isMaleSubjects"] = json!(false);
    });
    assert_eq!(t.eligibility.sex, Some(Sex::Female));
}

#[test]
fn the_planned_count_adds_every_countrys_when_all_are_stated() {
    let parts = json!([{"recruitmentSubjectCount": 30, "mscInfo": {"countryName": "Sweden"},
        "trialSites": [{"organisationAddressInfo": {"organisation": {"name": "Karolinska"},
            "address": {"city": "Stockholm", "countryName": "Sweden"}},
            "personInfo": {"firstName": "A", "lastName": "B"}}]}]);
    let t = edited(|v| {
        v["authorizedApplication"]["authorizedPartsII"] = parts.clone();
        part_i(v)["rowSubjectCount"] = json!(44);
    });
    assert_eq!(
        (t.enrollment.count, t.enrollment.kind),
        (Some(74), Some(DateType::Estimated))
    );
    // The site, its investigator its contact; no second Swedish site from the member state.
    assert_eq!(t.sites[0].facility.as_deref(), Some("Karolinska"));
    assert_eq!(
        t.sites[0].contacts[0].role,
        Some(ContactRole::PrincipalInvestigator)
    );
    assert_eq!(countries(&t), ["SE", "GB", "NZ"]);
    // Sweden's 30 without the rest of the world's count is no total.
    let t = edited(|v| v["authorizedApplication"]["authorizedPartsII"] = parts.clone());
    assert_eq!(t.enrollment.count, None);
    assert!(t.warnings.iter().any(|w| w.code == WarningCode::BadNumber));
}

#[test]
fn the_older_answer_with_part_i_at_the_top_level_reads_the_same() {
    let mut v = fixture_json();
    let app = v["authorizedApplication"].take();
    v["authorizedPartI"] = app["authorizedPartI"].clone();
    v["memberStatesConcerned"] = app["memberStatesConcerned"].clone();
    v["eudraCt"] = app["eudraCt"].clone();
    let old = trialnorm::parse(v.to_string().as_bytes(), None).unwrap();
    let mut now = one(FIXTURE);
    now.source
        .parser_version
        .clone_from(&old.source.parser_version);
    // Only the application's submission is not in the older answer.
    now.status.first_submitted = None;
    assert_eq!(old, now);
}

#[test]
fn a_file_of_many_trials_and_what_is_not_a_trial() {
    let line = fixture_json().to_string();
    let lines = format!("{line}\n{line}\n");
    let records = trialnorm::parse_all(lines.as_bytes(), None).unwrap();
    assert_eq!(records.len(), 2);
    assert!(records.iter().all(Result::is_ok));
    let array = format!("[{line}, {line}]");
    assert_eq!(
        trialnorm::parse_all(array.as_bytes(), None).unwrap().len(),
        2
    );
    // The search's overview rows are no trial records.
    let search = json!({"pagination": {"totalRecords": 1},
        "data": [{"ctNumber": EU_CT, "ctStatus": 2, "ctTitle": "Long-Term Follow-Up"}]});
    let e = trialnorm::parse(search.to_string().as_bytes(), None).unwrap_err();
    assert!(matches!(e, trialnorm::Error::NotAStudy(_)), "{e}");
    let row = json!({"ctNumber": EU_CT, "ctStatus": 2, "ctTitle": "Long-Term Follow-Up"});
    let e = trialnorm::parse(row.to_string().as_bytes(), None).unwrap_err();
    assert!(e.to_string().contains("overview"), "{e}");
    let e = edited_err(|v| v["ctNumber"] = json!("2024-001"));
    assert!(e.to_string().contains("no EU CT number"), "{e}");
}

#[test]
fn nulls_where_ctis_has_nothing_read_as_nothing() {
    let t = edited(|v| {
        for key in ["sponsors", "products", "rowCountriesInfo"] {
            part_i(v)[key] = Value::Null;
        }
        trial_information(v)["eligibilityCriteria"] = Value::Null;
        trial_information(v)["populationOfTrialSubjects"]["ageRanges"] = Value::Null;
        v["events"] = Value::Null;
        v["ctStatus"] = Value::Null;
    });
    assert_eq!(t.sponsors.lead, None);
    assert!(t.interventions.is_empty() && t.eligibility.inclusion.is_empty());
    assert!(t.eligibility.std_ages.is_empty());
    assert_eq!(countries(&t), ["SE"]);
    // What is stated still reads.
    assert_eq!(t.design.phases, [Phase::Phase2, Phase::Phase3]);
    assert!(t.warnings.is_empty(), "{:?}", t.warnings);
}

fn edited_err(edit: impl FnOnce(&mut Value)) -> trialnorm::Error {
    let mut v = fixture_json();
    edit(&mut v);
    trialnorm::parse(v.to_string().as_bytes(), Some(Format::CtisJson)).unwrap_err()
}

#[test]
fn the_trial_is_one_with_its_ictrp_copies() {
    let ictrp = "fixtures/corpus/who-ictrp/who-ictrp-export.xml";
    let ctis = format!("fixtures/{FIXTURE}");
    let (code, out, err) = cli(&["parse", ictrp, &ctis, "--dedupe", "--quiet"]);
    assert_eq!(code, Some(0), "{err}");
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let merged = (lines.iter())
        .find(|l| l["records"][0]["registry"] == "CTIS")
        .expect("the CTIS record in a trial");
    // The CTIS record, its ICTRP copy and the ICTRP copy of its ClinicalTrials.gov record.
    let members: Vec<(&str, &str)> = (merged["records"].as_array().unwrap().iter())
        .map(|r| {
            (
                r["registry"].as_str().unwrap(),
                r["registry_ids"][0]["id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        members,
        [
            ("CTIS", EU_CT),
            ("WHO_ICTRP", EU_CT),
            ("WHO_ICTRP", "NCT05697861")
        ]
    );
    // CTIS's own fields first; what it leaves empty from the copies, each field named.
    let fields = merged["fields"].as_object().unwrap();
    assert_eq!(fields["/titles/brief"], 0);
    assert_eq!(fields["/design/phases"], 0);
    assert_eq!(merged["trial"]["enrollment"]["count"], 74);
    assert_ne!(fields["/enrollment"], 0);
}

/// Serves the fixture at `/ctis-public-api/retrieve/2023-507385-11-00`, failing first with
/// a 503 and then with JSON cut mid-value; other trials are not found.
fn ctis_server() -> crate::local_api::Server {
    use crate::local_api::{not_found, unavailable, Reply, Server};
    let json = String::from_utf8(fixture(FIXTURE)).unwrap();
    Server::start(move |req, before| match (req.path.as_str(), before) {
        ("/ctis-public-api/retrieve/2023-507385-11-00", 0) => unavailable(),
        ("/ctis-public-api/retrieve/2023-507385-11-00", 1) => Reply::CutUnsized(json.clone()),
        ("/ctis-public-api/retrieve/2023-507385-11-00", _) => Reply::Json(json.clone()),
        _ => not_found(),
    })
}

#[test]
fn fetch_takes_eu_ct_numbers_with_the_same_retries_and_accounting() {
    let server = ctis_server();
    let base = server.base.replace("/api/v2", "/ctis-public-api");
    let args = [
        EU_CT,
        " 2023-507385-11-00",
        "2024-512345-67-00",
        "--ctis-base",
        &base,
    ];
    let out = server.run("fetch", &args, b"");
    let stdout = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    // The number asked twice is fetched and written once; the missing one is named and
    // makes the exit status 1.
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let records: Vec<Trial> = stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), 1, "{stdout}");
    assert_eq!(records[0], one(FIXTURE));
    assert!(
        stderr.contains("trialnorm: 2024-512345-67-00: not found (404)"),
        "{stderr}"
    );
    // A 503 and an answer cut short were each tried again.
    let path = format!("/ctis-public-api/retrieve/{EU_CT}");
    assert_eq!(server.count(&path), 3, "{stderr}");

    // --raw: the API's JSON on one line, which parse reads back to the same record.
    let out = server.run("fetch", &["--raw", EU_CT, "--ctis-base", &base], b"");
    assert_eq!(out.status.code(), Some(0));
    let raw = String::from_utf8(out.stdout).unwrap();
    assert_eq!(raw.lines().count(), 1);
    assert_eq!(serde_json::from_str::<Value>(&raw).unwrap(), fixture_json());
    assert_eq!(
        trialnorm::parse(raw.as_bytes(), None).unwrap(),
        one(FIXTURE)
    );
}

/// An array of trials cut short, and trials one after the other cut short: the trials
/// before the cut, as read whole, and an error for the one cut.
#[test]
fn trials_cut_short_keep_the_trials_before_the_cut() {
    let trial = fixture_json().to_string();
    let read = trialnorm::parse(trial.as_bytes(), None).unwrap();
    let whole = [read.clone(), read.clone(), read];
    for (text, place) in [
        (
            format!("[{trial},{trial},{trial}]"),
            "trial 3 of the list, cut short",
        ),
        (
            format!("{trial}\n{trial}\n{trial}\n"),
            "trial 3 of the file, cut short",
        ),
    ] {
        let cut = &text[..2 * trial.len() + trial.len() / 2];
        let records = parse_text(cut, Format::CtisJson).unwrap();
        let e = error_after_whole(&records, &whole, 2, place);
        assert!(
            e.starts_with(&format!("malformed ctis-json: {place}: EOF")),
            "{e}"
        );
    }
    // A fault that is not a cut: where the next trial starts cannot be told, so the file fails
    // as a whole, as before (never a trial silently left out).
    let faulty = format!("{trial}\n{{\"x\": nope}}\n{trial}\n");
    assert!(parse_text(&faulty, Format::CtisJson).is_err());
}
