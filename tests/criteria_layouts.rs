//! The criteria reader on real layouts that broke it (issue 14), one test per kind, on the
//! field cases (`fixtures/field-cases/`) and on real criteria texts of the fixtures and
//! corpus made into the layout at hand: headings and lists run into one line, sponsor
//! boilerplate before the first heading, plain sentences among bullets, sub-lists at the
//! margin, numbering that starts again, labels and upper-case sub-headings that hold their
//! items, subjects given by a parent label, and sub-study, cohort, part and phase headings
//! (ARROW's secondary randomisations, outline-numbered populations).

use trialnorm::model::{Constraint, ConstraintKey, Criterion, Operator, Trial};
use trialnorm::normalize::criteria::split;

use crate::util::{fixture, one};

fn texts(c: &[Criterion]) -> Vec<&str> {
    c.iter().map(|c| c.text.as_str()).collect()
}

fn preorder(c: &[Criterion]) -> Vec<String> {
    let mut out = Vec::new();
    for x in c {
        out.push(x.text.clone());
        out.extend(preorder(&x.children));
    }
    out
}

fn all_constraints(c: &[Criterion]) -> Vec<&Constraint> {
    c.iter()
        .flat_map(|x| x.constraints.iter().chain(all_constraints(&x.children)))
        .collect()
}

fn keyed(c: &[Criterion], key: ConstraintKey) -> Vec<(Operator, f64, Option<String>)> {
    all_constraints(c)
        .into_iter()
        .filter(|k| k.key == Some(key))
        .map(|k| (k.operator, k.value, k.unit.clone()))
        .collect()
}

fn real_text(name: &str) -> String {
    String::from_utf8(fixture(&format!("criteria/texts/{name}"))).unwrap()
}

/// A real text with its lines run into one paragraph, as exports and other tools flatten it.
fn one_paragraph(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn headings_inside_a_line_start_their_sections() {
    let records =
        trialnorm::parse_all(&fixture("field-cases/criteria-one-paragraph.json"), None).unwrap();
    let numbered = records[0].as_ref().unwrap();
    let e = &numbered.eligibility;
    assert_eq!(
        texts(&e.inclusion),
        [
            "Adults aged 18 to 65 years.",
            "Body mass index between 18.5 and 30 kg/m2."
        ]
    );
    assert_eq!(
        texts(&e.exclusion),
        ["Pregnancy or breastfeeding.", "eGFR < 60 mL/min/1.73 m2."]
    );
    assert_eq!(
        keyed(&e.exclusion, ConstraintKey::Egfr),
        [(Operator::Lt, 60.0, Some("mL/min/{1.73_m2}".into()))]
    );
    assert!(keyed(&e.inclusion, ConstraintKey::Egfr).is_empty());
    let bulleted = records[1].as_ref().unwrap();
    let e = &bulleted.eligibility;
    assert_eq!(
        texts(&e.inclusion),
        [
            "Age 50 to 85 years",
            "Mini-Mental State Exam score of 18 to 26"
        ]
    );
    assert_eq!(
        texts(&e.exclusion),
        [
            "Hamilton Depression rating scale score greater than 12",
            "Creatinine > 2.0 mg/dL"
        ]
    );
    assert_eq!(
        keyed(&e.exclusion, ConstraintKey::Hamd),
        [(Operator::Gt, 12.0, None)]
    );
    assert_eq!(
        keyed(&e.exclusion, ConstraintKey::Creatinine),
        [(Operator::Gt, 2.0, Some("mg/dL".into()))]
    );
    assert!(all_constraints(&e.inclusion)
        .iter()
        .all(|c| c.key != Some(ConstraintKey::Creatinine)));
}

/// A real API v2 text (NCT02210780, numbered, "Key Inclusion Criteria:") run into one
/// paragraph reads as the text itself: the same items in each section.
#[test]
fn a_numbered_text_in_one_paragraph_reads_as_the_text() {
    let raw = real_text("NCT02210780.v2.txt");
    // The closing note after the list would run into the last item once flattened.
    let list = raw
        .split("\n\nThe information listed above")
        .next()
        .unwrap();
    let (lines, flat) = (split(list), split(&one_paragraph(list)));
    assert_eq!(flat.inclusion.len(), 5);
    assert_eq!(flat.exclusion.len(), 7);
    assert_eq!(preorder(&flat.inclusion), preorder(&lines.inclusion));
    assert_eq!(preorder(&flat.exclusion), preorder(&lines.exclusion));
    assert_eq!(
        all_constraints(&flat.inclusion),
        all_constraints(&lines.inclusion)
    );
}

/// A real text bulleted with `*` (NCT02552212), then with `-`, run into one line: each
/// bullet is an item again (the sub-list's nesting cannot come back from one line).
#[test]
fn bullets_run_into_one_line_are_items_again() {
    let raw = real_text("NCT02552212.v2.txt");
    let lines = split(&raw);
    let starred = split(&one_paragraph(&raw));
    assert_eq!(preorder(&starred.inclusion), preorder(&lines.inclusion));
    assert_eq!(preorder(&starred.exclusion), preorder(&lines.exclusion));
    // Once dashes separate the items, an item's own " - " before a capital reads as one
    // more separator ("Class III or IV congestive heart failure - New York Heart
    // Association (NYHA)"): that is the one reading the flat line allows.
    let dashed = split(&one_paragraph(&raw.replace("* ", "- ")));
    let at_dashes = |items: Vec<String>| -> Vec<String> {
        let sep = regex::Regex::new(r" - ").unwrap();
        items
            .iter()
            .flat_map(|i| {
                let mut parts = Vec::new();
                let mut from = 0;
                for m in sep.find_iter(i) {
                    if i[m.end()..].starts_with(char::is_uppercase) {
                        parts.push(i[from..m.start()].to_string());
                        from = m.end();
                    }
                }
                parts.push(i[from..].to_string());
                parts
            })
            .collect()
    };
    assert_eq!(
        preorder(&dashed.inclusion),
        at_dashes(preorder(&lines.inclusion))
    );
    assert_eq!(
        preorder(&dashed.exclusion),
        at_dashes(preorder(&lines.exclusion))
    );
    // One dash inside an item is no list: "Clinical Global Impression - Severity".
    let c = split("- Clinical Global Impression - Severity of Illness ≥ 4");
    assert_eq!(
        texts(&c.inclusion),
        ["Clinical Global Impression - Severity of Illness ≥ 4"]
    );
}

/// "For more information regarding BMS clinical trial participation, please visit
/// www.BMSStudyConnect.com" heads many records (here NCT02481830, hard-wrapped): no criterion.
#[test]
fn sponsor_boilerplate_before_the_first_heading_is_no_criterion() {
    let t = one("corpus/ctgov-xml/NCT02481830.xml");
    let items = preorder(&t.eligibility.inclusion);
    assert!(items.iter().all(|i| !i.contains("For more information")));
    assert_eq!(
        items[0],
        "Histologically or cytologically confirmed small cell lung cancer (SCLC)"
    );
    // Within the list, the same words are a criterion like any other.
    let c = split(
        "Inclusion Criteria:\n- Adults\n- For more information, please visit www.example.org",
    );
    assert_eq!(c.inclusion.len(), 2);
}

/// NCT02970669's legacy XML puts a note paragraph at the margin between bullets: the bullets
/// after it are not its children, and the same text as API v2 Markdown (no indentation, `*`
/// bullets) splits the same way.
#[test]
fn plain_sentences_among_bullets_do_not_hold_them() {
    let t = one("corpus/ctgov-xml/NCT02970669.xml");
    let inc = &t.eligibility.inclusion;
    assert_eq!(inc.len(), 6);
    assert!(inc[3].text.starts_with("(Reduced ejection is defined"));
    assert!(inc.iter().all(|c| c.children.is_empty()));
    // The text as API v2 serves it: one line per paragraph or item, `*` bullets.
    let xml = t.eligibility.criteria_text.as_deref().unwrap();
    let markdown: String = xml
        .split("\n\n")
        .map(|block| one_paragraph(block).replacen("- ", "* ", 1))
        .collect::<Vec<_>>()
        .join("\n");
    let v2 = split(&markdown);
    assert_eq!(texts(&v2.inclusion), texts(inc));
    assert_eq!(texts(&v2.exclusion), texts(&t.eligibility.exclusion));
}

/// NCT02348489 (real legacy XML): "i." to "v." at the left margin belong to "2. <75 years
/// of age with at least 1 of the following:", and "1." to "4." to "ii.".
#[test]
fn roman_sub_lists_at_the_margin_stay_under_their_item() {
    let t = one("field-cases/NCT02348489-roman-sublists.xml");
    let inc = &t.eligibility.inclusion;
    assert_eq!(inc.len(), 4, "{:#?}", texts(inc));
    assert!(inc[3].text.starts_with("Creatinine clearance"));
    let either = &inc[2];
    assert!(either.text.ends_with("based on EITHER:"));
    assert_eq!(
        texts(&either.children),
        [
            "≥75 years of age OR",
            "<75 years of age with at least 1 of the following:"
        ]
    );
    let romans = &either.children[1].children;
    assert_eq!(romans.len(), 5);
    assert!(romans[0].text.starts_with("Poor performance status"));
    assert!(romans[4].text.starts_with("Other comorbidity"));
    assert_eq!(romans[1].children.len(), 4);
    assert!(romans[1].children[0]
        .text
        .starts_with("Left ventricular ejection fraction"));
    assert_eq!(t.eligibility.exclusion.len(), 9);
}

/// NCT04710303: item 9 ends "… any of the following questions:" and the questions are
/// numbered again from 1 at the margin, run into one paragraph.
#[test]
fn numbering_that_starts_again_is_a_sub_list() {
    let t = one("corpus/ctgov-xml/NCT04710303_covid_19_all_protocols.xml");
    let nine = t
        .eligibility
        .inclusion
        .iter()
        .find(|c| {
            c.text
                .starts_with("Male participants should all be at low risk")
        })
        .unwrap();
    assert_eq!(
        texts(&nine.children)[..2],
        [
            "Are you sexually abstinent?",
            "Are you in a mutually monogamous relationship with a known HIV-uninfected partner?"
        ]
    );
    assert_eq!(nine.children.len(), 3);
}

/// The PDQ layout (NCT00002475, real legacy XML): "Age:" over "18 and over" and "Life
/// expectancy:" over "At least 3 months" give the subject of the values under them.
#[test]
fn parent_labels_give_the_subject() {
    let t = one("corpus/ctgov-xml/example_study.xml");
    let inc = &t.eligibility.inclusion;
    assert_eq!(
        keyed(inc, ConstraintKey::Age),
        [(Operator::Ge, 18.0, Some("a".into()))]
    );
    assert_eq!(
        keyed(inc, ConstraintKey::LifeExpectancy),
        [(Operator::Ge, 3.0, Some("mo".into()))]
    );
    let expectancy = all_constraints(inc)
        .into_iter()
        .find(|c| c.key == Some(ConstraintKey::LifeExpectancy))
        .unwrap();
    assert_eq!(expectancy.subject, "Life expectancy");
    assert!(!expectancy.time_window);
    // The same label words over a value with its own subject leave it alone.
    let c = split("Chemotherapy:\n  - At least 4 weeks since prior chemotherapy");
    let own = &c.inclusion[0].children[0].constraints[0];
    assert_eq!(own.subject, "chemotherapy");
}

/// "PATIENT CHARACTERISTICS:" holds the labels after it, in the indented XML copy and in the
/// flat API v1 copy of NCT00023673 alike; no fixture has an upper-case sub-heading left
/// empty.
#[test]
fn sub_headings_hold_their_labels_and_are_never_empty() {
    for rel in ["ctgov-xml/NCT00023673.xml", "ctgov-api-v1/NCT00023673.json"] {
        let t = one(rel);
        let inc = &t.eligibility.inclusion;
        assert_eq!(
            texts(inc),
            [
                "DISEASE CHARACTERISTICS:",
                "PATIENT CHARACTERISTICS:",
                "PRIOR CONCURRENT THERAPY:"
            ],
            "{rel}"
        );
        let patient = &inc[1];
        assert_eq!(patient.children[0].text, "Age:", "{rel}");
        assert_eq!(texts(&patient.children[0].children), ["Not specified"]);
        assert_eq!(
            texts(&patient.children[3].children),
            [
                "Granulocyte count at least 1,500/mm^3",
                "Platelet count at least 100,000/mm^3"
            ],
            "{rel}"
        );
    }
    fn empty_sub_headings(c: &[Criterion], out: &mut Vec<String>) {
        for x in c {
            let t = x.text.trim();
            if t.ends_with(':') && !t.chars().any(char::is_lowercase) && x.children.is_empty() {
                out.push(x.text.clone());
            }
            empty_sub_headings(&x.children, out);
        }
    }
    let mut empty = Vec::new();
    for t in crate::one_tree::every_fixture_record() {
        let t: Trial = t;
        empty_sub_headings(&t.eligibility.inclusion, &mut empty);
        empty_sub_headings(&t.eligibility.exclusion, &mut empty);
    }
    assert!(empty.is_empty(), "{empty:?}");
}

/// The records of `id` in the WHO ICTRP export fixture (several trials, one file).
fn ictrp_all(id: &str) -> Vec<Trial> {
    let all: Vec<Trial> =
        trialnorm::parse_all(&fixture("corpus/who-ictrp/who-ictrp-export.xml"), None)
            .unwrap()
            .into_iter()
            .flatten()
            .filter(|t| t.ids.nct_id.as_deref() == Some(id))
            .collect();
    assert!(!all.is_empty(), "{id} in the ICTRP export");
    all
}

/// The first record of `id` in the WHO ICTRP export fixture.
fn ictrp(id: &str) -> Trial {
    ictrp_all(id).remove(0)
}

/// ARROW (NCT02028676): after the main pair, "Eligibility criteria for the secondary
/// randomisation to … lamivudine+abacavir Inclusion criteria" (wrapped over two lines in the
/// XML, one line in API v1) and the cotrimoxazole one open inclusion, each kept as the
/// parent of its items; the bare "Exclusion criteria" under each holds its item under the
/// sub-study's name, apart from the main study's seven.
#[test]
fn sub_study_headings_open_their_section_and_scope_the_next() {
    let lamivudine = "Eligibility criteria for the secondary randomisation to once vs twice daily lamivudine+abacavir";
    let cotrimoxazole = "Eligibility criteria for the secondary randomisation to stop or continue cotrimoxazole prophylaxis randomisation";
    let xml = split(&real_text("NCT02028676.xml.txt"));
    for (rel, e) in [
        ("criteria/texts/NCT02028676.xml.txt", xml),
        ("ctgov-xml/NCT02028676.xml", {
            let t = one("ctgov-xml/NCT02028676.xml");
            trialnorm::normalize::criteria::Criteria {
                inclusion: t.eligibility.inclusion,
                exclusion: t.eligibility.exclusion,
            }
        }),
        ("ctgov-api-v1/NCT02028676.json", {
            let t = one("ctgov-api-v1/NCT02028676.json");
            trialnorm::normalize::criteria::Criteria {
                inclusion: t.eligibility.inclusion,
                exclusion: t.eligibility.exclusion,
            }
        }),
    ] {
        let (inc, exc) = (&e.inclusion, &e.exclusion);
        let n = inc.len();
        assert_eq!(
            inc[n - 2].text,
            format!("{lamivudine} Inclusion criteria"),
            "{rel}"
        );
        assert_eq!(
            inc[n - 1].text,
            format!("{cotrimoxazole} Inclusion criteria"),
            "{rel}"
        );
        assert_eq!(
            texts(&inc[n - 1].children)[..2],
            ["Participating in ARROW", "Aged at least 3 years"],
            "{rel}"
        );
        assert_eq!(inc[n - 2].children.len(), 4, "{rel}");
        // "Aged at least 3 years" is an age bound of the sub-study's inclusion, never an
        // exclusion.
        assert!(
            preorder(exc).iter().all(|t| !t.contains("Aged at least")),
            "{rel}"
        );
        assert_eq!(
            keyed(&inc[n - 1].children, ConstraintKey::Age),
            [(Operator::Ge, 3.0, Some("a".into()))],
            "{rel}"
        );
        // The main study's seven (ten in API v1, which lost the nesting), then the two.
        let m = exc.len() - 2;
        assert_eq!(m, if rel.ends_with("json") { 10 } else { 7 }, "{rel}");
        assert_eq!(texts(&exc[m..]), [lamivudine, cotrimoxazole], "{rel}");
        assert_eq!(
            texts(&exc[m].children),
            ["Likely to switch to second-line therapy in the next 12 weeks"],
            "{rel}"
        );
        assert!(exc[m + 1].children[0]
            .text
            .starts_with("Previous diagnosis of Pneumocystis jiroveci pneumonia"));
    }
}

/// Real ICTRP texts with parts, cohorts and phases: an outline-numbered population
/// ("3.1.1. TTR mutation gene carriers 3.1.1.a. Inclusion criteria", then "3.1.1.b.
/// Exclusion criteria"), a named heading alone on its line ("Polyneuropathy Inclusion
/// Criteria:", never split into a criterion "Polyneuropathy" of the section before), and a
/// phase's heading among the items ("Additional exclusion criteria for the prospective
/// phase are:").
#[test]
fn cohort_part_and_phase_headings_hold_their_items() {
    let e = ictrp("NCT03588468").eligibility;
    assert_eq!(
        texts(&e.inclusion),
        [
            "For a subject to be eligible, all of the inclusion criteria and none of the exclusion criteria must be met.",
            "3.1.1. TTR mutation gene carriers 3.1.1.a. Inclusion criteria",
            "3.1.2. Healthy controls 3.1.2.a. Inclusion criteria",
        ]
    );
    assert_eq!(
        texts(&e.exclusion),
        [
            "3.1.1. TTR mutation gene carriers",
            "3.1.2. Healthy controls"
        ]
    );
    assert_eq!(
        preorder(&e.exclusion[1].children),
        [
            "Subjects with the following criteria will be excluded:",
            "Subject with a contraindication for MRI explorations",
            "Subject unable to understand the purpose and conditions of carrying out the study, unable to give consent",
        ]
    );
    assert!(preorder(&e.inclusion)
        .iter()
        .all(|t| !t.contains("contraindication")));

    let e = ictrp("NCT04601051").eligibility;
    assert_eq!(
        texts(&e.inclusion),
        [
            "Polyneuropathy Inclusion Criteria:",
            "Cardiomyopathy Inclusion Criteria (UK only):"
        ]
    );
    assert_eq!(
        texts(&e.exclusion),
        [
            "Polyneuropathy Exclusion Criteria:",
            "Cardiomyopathy Exclusion Criteria (UK only):"
        ]
    );
    assert_eq!(e.inclusion[0].children.len(), 4);

    let e = ictrp("NCT06414746").eligibility;
    assert_eq!(
        texts(&e.exclusion),
        [
            "for the retrospective phase are:",
            "Additional exclusion criteria for the prospective phase are:"
        ]
    );
    assert_eq!(e.exclusion[0].children.len(), 1);
    assert_eq!(
        e.exclusion[1].children[0].text,
        "Previously performed TTR genetic testing;"
    );
    assert_eq!(
        e.inclusion[1].text,
        "Additional inclusion criteria for the prospective phase are:"
    );
}

/// A sentence that ends on the section's words is no heading: "… would render a patient
/// unsuitable for inclusion:" (NCT04136184, an exclusion) keeps the exclusions after it in
/// the exclusion list, and "Does not meet Inclusion Criteria", capitalized and unmarked,
/// stays an exclusion. A heading named by a generic word ("Other Inclusion criteria") opens
/// its section but scopes nothing.
#[test]
fn sentences_ending_on_the_section_words_are_criteria() {
    // Its WHO copy wraps the sentence: "…in screening laboratory values that would render a
    // patient <br>unsuitable for inclusion:", which is one criterion.
    let unsuitable =
        "Screening laboratory results as follows, or any other clinically significant \
        abnormalities in screening laboratory values that would render a patient unsuitable for \
        inclusion:";
    let records = ictrp_all("NCT04136184");
    let with = records
        .iter()
        .filter(|t| {
            preorder(&t.eligibility.exclusion)
                .iter()
                .any(|t| t == unsuitable)
        })
        .collect::<Vec<_>>();
    assert_eq!(with.len(), 1);
    assert!(preorder(&with[0].eligibility.exclusion)
        .iter()
        .any(|t| t == "HbA1C * 7%"));
    for t in &records {
        assert!(preorder(&t.eligibility.inclusion)
            .iter()
            .all(|t| t != unsuitable && t != "HbA1C * 7%"));
    }

    let c = split(
        "Exclusion Criteria:\n\nPregnancy\n\nDoes not meet Inclusion Criteria\n\nAge over 80",
    );
    assert_eq!(
        texts(&c.exclusion),
        [
            "Pregnancy",
            "Does not meet Inclusion Criteria",
            "Age over 80"
        ]
    );
    assert!(c.inclusion.is_empty());

    let c = split("Other Inclusion criteria\n- Adults\nExclusion criteria\n- Pregnancy");
    assert_eq!(texts(&c.inclusion), ["Other Inclusion criteria"]);
    assert_eq!(texts(&c.exclusion), ["Pregnancy"]);
}

/// The WHO copy of NL-OMON55279 (the Dutch register's record of NCT04136184) wraps its
/// criteria flush left at 80 columns (" <br>"): a line that stopped mid-sentence goes on in
/// the next, so the five numbered inclusions read whole, with their lettered and roman
/// sub-lists under them, and no fragment ("requirements", "salpingectomy, …") is a
/// criterion of its own.
#[test]
fn text_wrapped_flush_left_is_joined_where_a_sentence_was_cut() {
    let records = ictrp_all("NCT04136184");
    let t = records
        .iter()
        .find(|t| t.ids.registry_ids.iter().any(|r| r.id == "NL-OMON55279"))
        .expect("the NL-OMON copy");
    let inc = &t.eligibility.inclusion;
    assert_eq!(
        inc[0].text,
        "Must have given written informed consent (signed and dated) and any authorizations \
         required by local law and be able to comply with all study requirements"
    );
    assert_eq!(
        inc[1].text,
        "Aged 18 to 82 years at the time of informed consent"
    );
    assert_eq!(
        texts(&inc[2].children),
        [
            "Females: must be non-pregnant and non-lactating and either:",
            "Males: Surgically sterile (i.e., bilateral orchidectomy) or, if engaged in sexual \
             relations with a woman of child bearing potential (WOCBP), the patient or the \
             patient*s non-pregnant female partner must use a highly effective contraceptive \
             method (refer to Section 6.3.1) from the time of signing the informed consent \
             form until at least 24 weeks after the last dose of ION*682884 or inotersen."
        ]
    );
    let females = &inc[2].children[0].children;
    assert_eq!(females.len(), 4, "i. to iv.: {:?}", texts(females));
    assert_eq!(
        females[0].text,
        "Surgically sterile (e.g., tubal occlusion, hysterectomy, bilateral salpingectomy, \
         bilateral oophorectomy)"
    );
    // "…in females <br>> 55 years of age": a wrapped line may start with a sign.
    assert!(females[1]
        .text
        .contains("amenorrhea in females > 55 years of age or"));
    // "…or Coutinho <br>Stage": cut mid-sentence, though the next line starts upper-case.
    let stage = preorder(inc)
        .into_iter()
        .find(|x| x.starts_with("Stage 1 (ambulatory"))
        .unwrap();
    assert!(
        stage.ends_with("Polyneuropathy (FAP) or Coutinho Stage"),
        "{stage}"
    );
    // "…contraceptive method … until at least 24 weeks after the last dose": a time after an
    // event, said of a woman, is not her age.
    let ages = keyed(inc, ConstraintKey::Age);
    assert!(
        ages.contains(&(Operator::Ge, 18.0, Some("a".into()))),
        "{ages:?}"
    );
    assert!(
        ages.contains(&(Operator::Le, 82.0, Some("a".into()))),
        "{ages:?}"
    );
    assert!(
        ages.iter().all(|(_, _, unit)| unit.as_deref() == Some("a")),
        "{ages:?}"
    );
    // "d. (ALT/AST) > 2 × upper <br>limit of normal (ULN)": the multiple is read whole.
    let ulns: Vec<_> = all_constraints(&t.eligibility.exclusion)
        .into_iter()
        .filter(|c| c.multiple_of.is_some())
        .map(|c| c.key)
        .collect();
    assert!(ulns.contains(&Some(ConstraintKey::Alt)), "{ulns:?}");
    // "h." then "i.": the ninth lab item is lettered, not a roman sub-item of the eighth.
    let labs = &t.eligibility.exclusion[1].children;
    assert_eq!(labs.len(), 9, "{:?}", texts(labs));
    assert!(labs[8].text.starts_with("Serum vitamin A (or retinol)"));
    assert!(labs.iter().all(|l| l.children.is_empty()));
}

/// Flush-left lines of 70 columns and more that leave off their full stops are a list, not
/// a wrapped paragraph, whether they start upper- or lower-case and whether they are marked:
/// each stays a criterion, and the heading after them opens its section.
#[test]
fn long_items_without_full_stops_are_not_joined() {
    let c = split(
        "Inclusion Criteria:\n\
         Men and women aged 18 to 75 years with a diagnosis of type 2 diabetes mellitus\n\
         Body mass index between 25 and 40 kg/m2 at the screening visit of this study\n\
         Stable dose of metformin for at least three months before the screening visit\n",
    );
    assert_eq!(c.inclusion.len(), 3, "{:?}", texts(&c.inclusion));

    let lower = "Inclusion criteria:\n\
        patients aged 18 years or older with histologically confirmed diagnosis of cancer\n\
        women of childbearing potential using effective contraception during the study\n\
        patients with adequate bone marrow function and normal renal function at baseline\n\
        Exclusion criteria:\n\
        pregnant or breastfeeding women or women planning pregnancy during the study period\n\
        patients with known hypersensitivity to any component of the study drug formulation\n";
    let c = split(lower);
    assert_eq!(c.inclusion.len(), 3, "{:?}", texts(&c.inclusion));
    assert_eq!(c.exclusion.len(), 2, "{:?}", texts(&c.exclusion));

    let lettered = "Inclusion criteria:\n\
        a. patients aged 18 years or older with histologically confirmed diagnosis of cancer\n\
        b. women of childbearing potential using effective contraception during the study\n\
        c. adequate bone marrow function and normal renal function at baseline visit\n\
        Exclusion criteria:\n\
        a. pregnancy\n\
        b. prior treatment with any investigational agent within four weeks\n";
    let c = split(lettered);
    assert_eq!(
        texts(&c.inclusion).last(),
        Some(&"adequate bone marrow function and normal renal function at baseline visit")
    );
    assert_eq!(
        texts(&c.exclusion),
        [
            "pregnancy",
            "prior treatment with any investigational agent within four weeks"
        ]
    );
}

/// "i." after "h." is the next letter only where nothing says it starts a roman list: not
/// under an item that announces one, not when "ii." follows, and not after a heading; "a."
/// then "i." always starts one.
#[test]
fn a_letter_i_after_h_only_where_no_roman_list_starts() {
    let letters = "a. A\nb. B\nc. C\nd. D\ne. E\nf. F\ng. G\n";
    let c = split(&format!("Inclusion Criteria:\n{letters}h. H\ni. Consent"));
    assert_eq!(c.inclusion.len(), 9, "{:?}", texts(&c.inclusion));
    assert!(c.inclusion.iter().all(|i| i.children.is_empty()));

    // Announced by "h.": its sub-list.
    let c = split(&format!(
        "Inclusion Criteria:\n{letters}h. Women must be either:\ni. surgically sterile\n\
         ii. postmenopausal"
    ));
    assert_eq!(
        texts(&c.inclusion[7].children),
        ["surgically sterile", "postmenopausal"]
    );
    // Under a number after a lettered list: "ii." follows, so a roman list.
    let c = split(&format!(
        "Inclusion Criteria:\n1. Adequate labs:\n{letters}h. H\n2. Women must be either\n\
         i. surgically sterile\nii. postmenopausal\n3. Consent"
    ));
    assert_eq!(
        texts(&c.inclusion),
        ["Adequate labs:", "Women must be either", "Consent"]
    );
    assert_eq!(
        texts(&c.inclusion[1].children),
        ["surgically sterile", "postmenopausal"]
    );
    // A new section's roman list.
    let c = split(&format!(
        "Inclusion Criteria:\n{letters}h. H\nExclusion Criteria:\ni. Pregnancy\nii. Cancer"
    ));
    assert_eq!(texts(&c.exclusion), ["Pregnancy", "Cancer"]);

    let c = split("Inclusion Criteria:\na. Women either:\ni. sterile\nii. post-menopausal\nb. Men");
    assert_eq!(texts(&c.inclusion), ["Women either:", "Men"]);
    assert_eq!(
        texts(&c.inclusion[0].children),
        ["sterile", "post-menopausal"]
    );
}

/// A span of time said of people is their age ("Children <= 12 years from participating
/// schools", "Infants < 6 months after birth"), unless an event follows it: "must use
/// contraception until at least 24 weeks after the last dose" is no age of the woman named
/// before it.
#[test]
fn a_time_after_an_event_is_not_an_age() {
    let c = split(
        "Inclusion Criteria:\n\
         * Children <= 12 years from participating schools\n\
         * Infants < 6 months after birth\n\
         * Women of child bearing potential must use contraception until at least 24 weeks \
         after the last dose\n\
         * Men and women must not have received chemotherapy for 12 weeks before the first dose",
    );
    assert_eq!(
        keyed(&c.inclusion, ConstraintKey::Age),
        [
            (Operator::Le, 12.0, Some("a".to_string())),
            (Operator::Lt, 6.0, Some("mo".to_string()))
        ]
    );
}

/// "AND" / "OR" / "and/or" on a line of its own between bullets ends the bullet before; it
/// is never a criterion of its own holding the bullets after it, in any indentation.
#[test]
fn a_connector_line_between_bullets_ends_the_bullet_before() {
    for connector in ["AND", "OR", "or", "and/or"] {
        let text = format!(
            "Inclusion Criteria:\n\n1. Confirmed diagnosis by the following:\n   \
             * Biopsy showing amyloid deposits\n   {connector}\n   \
             * Mass spectrometry of the deposits\n2. Age 18 years or older\n\n\
             Exclusion Criteria:\n\n* Pregnancy\n\n{connector}\n\n* Breast feeding\n"
        );
        let c = split(&text);
        assert_eq!(
            texts(&c.inclusion),
            [
                "Confirmed diagnosis by the following:",
                "Age 18 years or older"
            ],
            "{connector}"
        );
        assert_eq!(
            texts(&c.inclusion[0].children),
            [
                format!("Biopsy showing amyloid deposits {connector}").as_str(),
                "Mass spectrometry of the deposits"
            ]
        );
        assert_eq!(
            texts(&c.exclusion),
            [format!("Pregnancy {connector}").as_str(), "Breast feeding"]
        );
    }
}

/// "Cohort 2:" is a peer of "Cohort 1:" and holds the items after it, however it is
/// indented: NCT01298141 indents it under cohort 1's last item, then numbers cohort 2's one
/// item "4." at cohort 1's items' column.
#[test]
fn an_enumerated_label_is_a_peer_of_the_one_before_it() {
    let t = one("corpus/ctgov-xml/NCT01298141.xml");
    let inc = &t.eligibility.inclusion;
    assert_eq!(texts(inc), ["Cohort 1:", "Cohort 2:"]);
    assert_eq!(inc[0].children.len(), 3);
    assert_eq!(
        texts(&inc[1].children),
        ["Patient must have participated in Study REP001a."]
    );
    // The same in a text of its own.
    let c = split(
        "Inclusion Criteria:\n\nPart A:\n\n  1. Adults\n\n  2. Consent\n\n     Part B:\n\n  3. Children\n",
    );
    assert_eq!(texts(&c.inclusion), ["Part A:", "Part B:"]);
    assert_eq!(texts(&c.inclusion[1].children), ["Children"]);
}

/// "Minimum age" and "Maximum age" label the age they bound, with or without "of" or a
/// colon before the number ("Minimum age 18 years", "Maximum age: 65", "under age 60"); a
/// "maximum dose", a "Dosage:" or a "percentage" is no age.
#[test]
fn an_operator_word_labelling_the_age_bounds_it() {
    let c = split(
        "Inclusion Criteria:\n\
         * Minimum age 18 years\n\
         * Maximum age: 65 years\n\
         * Healthy adults under age 60\n\
         * Maximum dose 20 mg of prednisone\n\
         * Dosage: 5 mg\n\
         * percentage 50%",
    );
    assert_eq!(
        keyed(&c.inclusion, ConstraintKey::Age),
        [
            (Operator::Ge, 18.0, Some("a".to_string())),
            (Operator::Le, 65.0, Some("a".to_string())),
            (Operator::Lt, 60.0, Some("a".to_string()))
        ]
    );
    let others: Vec<_> = all_constraints(&c.inclusion[3..])
        .into_iter()
        .filter(|k| k.key == Some(ConstraintKey::Age))
        .collect();
    assert!(others.is_empty(), "{others:?}");
}

/// A bracket blanked out of the text before a value keeps every byte offset after it, even
/// after characters of more than one byte: the subject is the words before the value,
/// whole ("creatinine and bilirubin", not "nd bilirubin").
#[test]
fn a_bracket_after_wide_characters_keeps_the_subject_whole() {
    let c = split(
        "Inclusion Criteria:\n\
         * Adults – (any sex) – creatinine and bilirubin ≤ 1.5 × ULN\n\
         * Body mass index (BMI): 18 ≤ BMI ≤ 32 kg/m²",
    );
    let subjects: Vec<&str> = all_constraints(&c.inclusion)
        .iter()
        .map(|k| k.subject.as_str())
        .collect();
    assert_eq!(subjects[..2], ["creatinine and bilirubin"; 2]);
    assert_eq!(subjects.last(), Some(&"BMI"));
}

/// The WHO copies of EU CTR trial 2021-000037-14 (those with no NCT id) number their items with no space after the
/// dot ("1.Aged =18 years", "5.Confirmed diagnosis …"): each number that goes on with the
/// list is an item's marker, so "5.Confirmed …" after item 4's flush-left "-" sub-items is
/// item 5, never the rest of the sub-item before it. The sub-items stay under the item that
/// introduces them.
#[test]
fn numbers_run_into_their_text_go_on_with_the_list() {
    let records: Vec<Trial> =
        trialnorm::parse_all(&fixture("corpus/who-ictrp/who-ictrp-export.xml"), None)
            .unwrap()
            .into_iter()
            .flatten()
            .filter(|t| t.ids.registry_ids.iter().any(|r| r.id == "2021-000037-14"))
            .filter(|t| t.ids.nct_id.is_none())
            .collect();
    assert_eq!(records.len(), 3);
    for t in &records {
        let inc = &t.eligibility.inclusion;
        assert_eq!(inc.len(), 14);
        assert_eq!(inc[0].text, "Aged =18 years");
        assert_eq!(
            inc[3].text,
            "Confirmed diagnosis of AL amyloidosis by the following:"
        );
        assert_eq!(inc[3].children.len(), 2);
        assert!(inc[4]
            .text
            .starts_with("Confirmed diagnosis of AL amyloidosis by mass"));
        assert!(inc[9].text.starts_with("Seated systolic blood pressure"));
        let exc = &t.eligibility.exclusion;
        assert!(exc.iter().all(|c| !c.text.contains(" 15.History")));
        assert!(exc
            .iter()
            .any(|c| c.text.starts_with("Active malignancy") && c.children.len() == 4));
    }
    let c = split("1.Adults, either:\n-aged 18 to 65\n2.Consent");
    assert_eq!(texts(&c.inclusion), ["Adults, either:", "Consent"]);
    assert_eq!(texts(&c.inclusion[0].children), ["aged 18 to 65"]);
    // A number that does not go on with the list stays text.
    let c = split("1.Adults, either:\n-aged 18 to 65\n3.Consent");
    assert_eq!(texts(&c.inclusion[0].children), ["aged 18 to 65 3.Consent"]);
}
