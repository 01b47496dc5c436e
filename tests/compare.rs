//! `compare` of the two seed trials, in every form: the facts are the seeds' own (read from
//! `fixtures/seeds/*.txt`), and each form must carry them with the differing rows marked.

use crate::util::*;

use trialnorm::compare::{compare, Comparison, Row};
use trialnorm::Trial;

const SEEDS: [&str; 2] = [
    "fixtures/seeds/NCT00479934.txt",
    "fixtures/seeds/NCT06722105.txt",
];

fn seed(path: &str) -> Trial {
    let bytes = std::fs::read(format!("{}/{path}", env!("CARGO_MANIFEST_DIR"))).unwrap();
    trialnorm::parse(&bytes, None).unwrap()
}

fn seeds() -> Comparison {
    compare(&SEEDS.map(seed))
}

fn row<'a>(c: &'a Comparison, key: &str) -> &'a Row {
    c.rows
        .iter()
        .find(|r| r.key == key)
        .unwrap_or_else(|| panic!("no row {key}"))
}

fn cli_compare(form: &str) -> String {
    let (code, stdout, stderr) = cli(&["compare", "--as", form, SEEDS[0], SEEDS[1]]);
    assert_eq!(code, Some(0), "{stderr}");
    stdout
}

#[test]
fn the_table_holds_both_designs_and_marks_what_differs() {
    let c = seeds();
    assert_eq!(c.columns, ["NCT00479934", "NCT06722105"]);
    let cells = |key: &str| row(&c, key).values.clone();
    let one = |s: &str| vec![s.to_string()];
    // NCT00479934 is a phase 2 trial; NCT06722105 "Phase I/II".
    assert_eq!(
        cells("design.phases"),
        [one("PHASE2"), one("PHASE1, PHASE2")]
    );
    assert!(row(&c, "design.phases").differs);
    // "Double Blind (Subject, Caregiver, Investigator, Outcomes Assessor)" vs "Double Blind".
    assert_eq!(
        cells("design.masking.level"),
        [one("QUADRUPLE"), one("DOUBLE")]
    );
    assert!(row(&c, "design.masking.level").differs);
    // Both are randomized, parallel, treatment trials: those rows do not differ.
    for key in [
        "design.study_type",
        "design.allocation",
        "design.intervention_model",
        "design.primary_purpose",
        "eligibility.sex",
        "eligibility.minimum_age",
        "eligibility.healthy_volunteers",
    ] {
        assert!(!row(&c, key).differs, "{key} is the same in both seeds");
    }
    assert_eq!(
        cells("design.allocation"),
        [one("RANDOMIZED"), one("RANDOMIZED")]
    );
    assert_eq!(
        cells("enrollment"),
        [one("28 (ACTUAL)"), one("18 (ESTIMATED)")]
    );
    assert_eq!(
        cells("arms"),
        [
            vec![
                "1 (EXPERIMENTAL)".to_string(),
                "2 (PLACEBO_COMPARATOR)".into()
            ],
            vec![
                "2 infusions of MSC (EXPERIMENTAL)".to_string(),
                "1 infusion of MSC (EXPERIMENTAL)".into(),
                "Placebo (PLACEBO_COMPARATOR)".into()
            ]
        ]
    );
    assert_eq!(cells("interventions")[0], one("DRUG: imatinib mesylate"));
    assert!(cells("outcomes.primary")[0][0].ends_with("[P6M]"));
    assert!(
        cells("outcomes.primary")[1].is_empty(),
        "the Veeva seed lists no outcomes"
    );
    assert_eq!(cells("eligibility.maximum_age"), [vec![], one("70")]);
    assert_eq!(cells("eligibility.inclusion.count"), [one("8"), one("10")]);
    assert_eq!(cells("eligibility.exclusion.count"), [one("13"), one("14")]);
    assert_eq!(cells("sites.count"), [one("12"), one("0")]);
    assert_eq!(cells("sites.countries"), [one("France (12)"), vec![]]);
    assert_eq!(
        cells("sponsors.lead"),
        [
            one("University Hospital, Bordeaux"),
            one("Assistance Publique - Hôpitaux de Paris (OTHER)")
        ]
    );
    assert_eq!(cells("source.registry"), [one("CTGOV"), one("VEEVA")]);
}

#[test]
fn a_trial_compared_with_itself_differs_nowhere() {
    let t = seed(SEEDS[0]);
    let c = compare(&[t.clone(), t]);
    assert_eq!(c.columns, ["NCT00479934", "NCT00479934 (2)"]);
    assert!(c.rows.iter().all(|r| !r.differs));
}

#[test]
fn markdown_marks_the_differing_rows() {
    let md = cli_compare("markdown");
    let lines: Vec<&str> = md.lines().collect();
    assert!(
        lines.contains(&"|   | Field | NCT00479934 | NCT06722105 |"),
        "{md}"
    );
    assert!(
        lines.contains(&"| ≠ | **Phases** | PHASE2 | PHASE1, PHASE2 |"),
        "{md}"
    );
    assert!(
        lines.contains(&"| ≠ | **Masking** | QUADRUPLE | DOUBLE |"),
        "{md}"
    );
    assert!(
        lines.contains(&"|   | Allocation | RANDOMIZED | RANDOMIZED |"),
        "{md}"
    );
    assert!(
        lines.contains(&"| ≠ | **Arms** | 1 (EXPERIMENTAL)<br>2 (PLACEBO_COMPARATOR) | 2 infusions of MSC (EXPERIMENTAL)<br>1 infusion of MSC (EXPERIMENTAL)<br>Placebo (PLACEBO_COMPARATOR) |"),
        "{md}"
    );
    let marked = lines.iter().filter(|l| l.starts_with("| ≠ |")).count();
    let differing = seeds().rows.iter().filter(|r| r.differs).count();
    assert_eq!(marked, differing);
}

#[test]
fn csv_parses_back_with_every_row() {
    let text = cli_compare("csv");
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        header,
        ["section", "field", "differs", "NCT00479934", "NCT06722105"]
    );
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), seeds().rows.len());
    let find = |field: &str| {
        records
            .iter()
            .find(|r| &r[1] == field)
            .unwrap_or_else(|| panic!("no row {field}"))
            .iter()
            .map(String::from)
            .collect::<Vec<_>>()
    };
    assert_eq!(
        find("Phases"),
        ["Design", "Phases", "true", "PHASE2", "PHASE1, PHASE2"]
    );
    assert_eq!(
        find("Masking"),
        ["Design", "Masking", "true", "QUADRUPLE", "DOUBLE"]
    );
    assert_eq!(
        find("Allocation"),
        ["Design", "Allocation", "false", "RANDOMIZED", "RANDOMIZED"]
    );
    // A cell of many lines survives the round trip.
    assert_eq!(find("Arms")[3], "1 (EXPERIMENTAL)\n2 (PLACEBO_COMPARATOR)");
    // A comma inside a value is quoted, not a column break.
    assert_eq!(find("Lead sponsor")[3], "University Hospital, Bordeaux");
}

#[test]
fn json_has_the_columns_and_rows() {
    let v: serde_json::Value = serde_json::from_str(&cli_compare("json")).unwrap();
    assert_eq!(
        v["columns"],
        serde_json::json!(["NCT00479934", "NCT06722105"])
    );
    let rows = v["rows"].as_array().unwrap();
    assert_eq!(rows.len(), seeds().rows.len());
    let phases = rows.iter().find(|r| r["key"] == "design.phases").unwrap();
    assert_eq!(
        phases,
        &serde_json::json!({
            "section": "Design", "key": "design.phases", "label": "Phases", "differs": true,
            "values": [["PHASE2"], ["PHASE1, PHASE2"]]
        })
    );
}

#[test]
fn html_is_one_self_contained_well_formed_page() {
    let html = cli_compare("html");
    for external in ["http:", "https:", "src=", "<link", "<script", "url("] {
        assert!(!html.contains(external), "the page refers out: {external}");
    }
    let doc = scraper::Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "parse errors: {:?}", doc.errors);
    let sel = |s: &str| scraper::Selector::parse(s).unwrap();
    assert!(doc.select(&sel("head > style")).next().is_some());
    assert!(html.contains("@media print"));
    let heads: Vec<String> = doc
        .select(&sel("thead th"))
        .map(|th| th.text().collect())
        .collect();
    assert_eq!(heads, ["Field", "NCT00479934", "NCT06722105"]);
    let cells = |key: &str| -> Vec<String> {
        let row = doc
            .select(&sel(&format!("tr[data-key=\"{key}\"]")))
            .next()
            .unwrap_or_else(|| panic!("no row {key}"));
        row.select(&sel("td"))
            .map(|td| td.text().collect())
            .collect()
    };
    assert_eq!(cells("design.phases"), ["PHASE2", "PHASE1, PHASE2"]);
    assert_eq!(cells("design.masking.level"), ["QUADRUPLE", "DOUBLE"]);
    let differing: Vec<String> = doc
        .select(&sel("tr.differs"))
        .map(|tr| tr.value().attr("data-key").unwrap().to_string())
        .collect();
    let expected: Vec<String> = seeds()
        .rows
        .iter()
        .filter(|r| r.differs)
        .map(|r| r.key.to_string())
        .collect();
    assert_eq!(differing, expected);
    assert!(differing.contains(&"design.phases".to_string()));
    assert!(!differing.contains(&"design.allocation".to_string()));
    // A many-line cell is a list.
    let arms = doc.select(&sel("tr[data-key=\"arms\"] td")).nth(1).unwrap();
    assert_eq!(arms.select(&sel("li")).count(), 3);
}

#[test]
fn an_unreadable_input_is_named() {
    let (code, stdout, stderr) = cli(&["compare", SEEDS[0], "no/such/file.txt"]);
    assert_eq!(code, Some(1));
    assert!(stdout.is_empty());
    assert!(
        stderr.starts_with("trialnorm: no/such/file.txt: "),
        "{stderr}"
    );
}

/// A trial with no NCT id (WHO ICTRP records of trials registered in DRKS and the Chinese and
/// Japanese registries) is headed and named by its own registry number, never `trial N`.
#[test]
fn trials_without_an_nct_id_are_named_by_their_registry_numbers() {
    let bytes = std::fs::read(format!(
        "{}/fixtures/corpus/who-ictrp/who-ictrp-export.xml",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    let trials: Vec<Trial> = trialnorm::parse_all(&bytes, None)
        .unwrap()
        .into_iter()
        .map(Result::unwrap)
        .filter(|t| t.ids.nct_id.is_none())
        .take(3)
        .collect();
    let c = compare(&trials);
    assert_eq!(c.columns, ["DRKS00032447", "DRKS00031084", "DRKS00030545"]);
    let ids = &row(&c, "ids.registry_ids").values;
    assert_eq!(
        ids,
        &[["DRKS00032447"], ["DRKS00031084"], ["DRKS00030545"]]
            .map(|v| v.map(String::from).to_vec())
    );
    assert!(c.columns.iter().all(|h| !h.starts_with("trial ")));
}
