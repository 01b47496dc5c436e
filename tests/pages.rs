//! Real saved pages and real copies: the facts of the two real classic pages
//! (`/work/shared/real-pages/README.md`, copied into `fixtures/pages/ctgov-classic/`), the
//! Tabular View and results tab read as records, text copies read as their pages, seeds
//! wrapped in the sites' chrome read as the seeds, and no field of any page fixture holding
//! the sites' furniture.

use crate::html::{assert_matches_structured, PAGE_VS_STRUCTURED};
use crate::util::*;

use serde_json::Value;
use trialnorm::model::*;
use trialnorm::{parse, Error, Format, Trial};

fn parsed(path: &str) -> Trial {
    parse(&fixture(path), None).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn text(path: &str) -> String {
    String::from_utf8(fixture(path)).unwrap()
}

fn codes(t: &Trial) -> Vec<&'static str> {
    t.warnings.iter().map(|w| w.code.as_str()).collect()
}

const FULL_TEXT_VIEW: &str = "pages/ctgov-classic/NCT03746262.full-text-view.2019.html";
const RESULTS_TAB: &str = "pages/ctgov-classic/NCT02422290.results-tab.2018.html";

/// Every fact the real-pages README states of the 2019 "Study Details" page, read from the
/// saved page and from a browser's text copy of it.
#[test]
fn the_real_full_text_view_gives_every_fact_of_the_page() {
    for page in [
        FULL_TEXT_VIEW.to_string(),
        FULL_TEXT_VIEW.replace(".html", ".copy.txt"),
    ] {
        let t = parsed(&page);
        let ctx = page.as_str();
        assert_eq!(t.ids.nct_id.as_deref(), Some("NCT03746262"), "{ctx}");
        assert_eq!(
            t.titles.brief.as_deref(),
            Some("Changes in Circulating Tumor-Specific DNA in Patients With Non-Metastatic Non-Small Cell Lung Cancer"),
            "{ctx}: the title is the page's h1, not the skip link"
        );
        assert_eq!(t.titles.acronym, None, "{ctx}");
        assert_eq!(t.status.overall, Some(OverallStatus::Completed), "{ctx}");
        assert_eq!(t.conditions, ["Non Small Cell Lung Cancer"], "{ctx}");
        assert_eq!(t.design.study_type, Some(StudyType::Observational), "{ctx}");
        let groups: Vec<&str> = t.arms.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(
            groups,
            [
                "Patients - Stage I treated with surgery",
                "Patients - Stage I treated with radiotherapy",
                "Patients - Stage II treated with surgery & chemotherapy",
                "Patients - Stage III treated with chemoradiotherapy",
            ],
            "{ctx}"
        );
        assert!(t.arms.iter().all(|a| a.kind.is_none()
            && a.description
                .as_deref()
                .is_some_and(|d| d.starts_with("ctDNA measures"))));
        assert_eq!(count(&t, OutcomeKind::Primary), 3, "{ctx}");
        assert_eq!(count(&t, OutcomeKind::Secondary), 4, "{ctx}");
        assert_eq!(t.outcomes[0].time_frame.as_deref(), Some("up to 12 months"));
        assert!(t.outcomes[0]
            .description
            .as_deref()
            .unwrap()
            .starts_with("ctDNA levels in patients with Stage I or II NSCLC"));
        assert_eq!(
            t.enrollment,
            Enrollment {
                count: Some(40),
                kind: Some(DateType::Actual)
            },
            "{ctx}"
        );
        assert_eq!(
            t.status.start,
            DatedEvent {
                date: Some("2016-05-13".into()),
                kind: Some(DateType::Actual)
            },
            "{ctx}"
        );
        assert_eq!(t.eligibility.inclusion.len(), 5, "{ctx}");
        assert_eq!(t.eligibility.exclusion.len(), 4, "{ctx}");
        assert_eq!(t.sites.len(), 1, "{ctx}");
        assert_eq!(
            t.sites[0].facility.as_deref(),
            Some("Wake Forest Baptist Medical Center")
        );
        assert_eq!(t.sites[0].city.as_deref(), Some("Winston-Salem"));
        assert_eq!(t.sites[0].country_code.as_deref(), Some("US"));
        let collaborators: Vec<&str> = t
            .sponsors
            .collaborators
            .iter()
            .filter_map(|c| c.name.as_deref())
            .collect();
        assert_eq!(
            collaborators,
            ["Guardant Health, Inc.", "National Cancer Institute (NCI)"],
            "{ctx}"
        );
        assert_eq!(
            t.sponsors.lead.as_ref().and_then(|l| l.name.as_deref()),
            Some("Wake Forest University Health Sciences")
        );
        assert_eq!(t.ids.org_study_id.as_deref(), Some("IRB00036520"), "{ctx}");
        assert_eq!(
            t.ids.secondary_ids,
            ["P30CA012197", "CCCWFU 62A15"],
            "{ctx}"
        );
        assert_eq!(t.mesh_terms.len(), 10, "{ctx}: {:?}", t.mesh_terms);
        assert_eq!(t.mesh_terms[0], "Lung Neoplasms");
        assert_eq!(t.references.len(), 25, "{ctx}");
        // The retraction note under a citation belongs to it.
        assert!(t.references[7]
            .citation
            .as_deref()
            .unwrap()
            .contains("Retraction in: Shao ZM"));
        // What the issue found wrong, now right.
        assert!(t
            .description
            .brief_summary
            .as_deref()
            .unwrap()
            .starts_with("The purpose of this research study"));
        assert!(t
            .description
            .detailed_description
            .as_deref()
            .unwrap()
            .ends_with("purify and study the DNA from the tissue sample."));
        assert_eq!(t.contacts.officials.len(), 1);
        assert_eq!(
            t.contacts.officials[0].name.as_deref(),
            Some("Stefan Grant, MD")
        );
        assert_eq!(
            t.contacts.officials[0].affiliation.as_deref(),
            Some("Wake Forest University Health Sciences")
        );
        assert!(t.warnings.is_empty(), "{ctx}: {:?}", t.warnings);
    }
}

/// The real 2018 results tab: the header block, the completion dates, 22 publications, and
/// a warning that the page carries no protocol sections.
#[test]
fn the_real_results_tab_reads_its_header_and_says_it_is_partial() {
    for page in [
        RESULTS_TAB.to_string(),
        RESULTS_TAB.replace(".html", ".copy.txt"),
    ] {
        let t = parsed(&page);
        let ctx = page.as_str();
        assert_eq!(t.ids.nct_id.as_deref(), Some("NCT02422290"), "{ctx}");
        assert_eq!(
            t.titles.brief.as_deref(),
            Some("Ketamine Treatment for Pediatric-Refractory Obsessive-Compulsive Disorder (OCD)"),
            "{ctx}: \"(OCD)\" abbreviates the words before it, so it is not taken for an acronym"
        );
        assert_eq!(t.status.overall, Some(OverallStatus::Completed), "{ctx}");
        assert_eq!(t.status.first_posted.as_deref(), Some("2015-04-21"));
        assert_eq!(t.status.last_updated.as_deref(), Some("2018-08-20"));
        assert_eq!(
            t.status.primary_completion.date.as_deref(),
            Some("2018-01-01")
        );
        assert_eq!(t.status.completion.date.as_deref(), Some("2018-01-01"));
        assert_eq!(
            t.sponsors.lead.as_ref().and_then(|l| l.name.as_deref()),
            Some("New York State Psychiatric Institute")
        );
        let collaborators: Vec<&str> = t
            .sponsors
            .collaborators
            .iter()
            .filter_map(|c| c.name.as_deref())
            .collect();
        assert_eq!(collaborators, ["New York Presbyterian Hospital"], "{ctx}");
        assert_eq!(
            t.sponsors.information_provider.as_deref(),
            Some("Pablo H. Goldberg, New York State Psychiatric Institute")
        );
        assert_eq!(t.references.len(), 22, "{ctx}");
        assert!(t.references.iter().all(|r| !r
            .citation
            .as_deref()
            .unwrap_or("")
            .contains("For Patients")));
        assert_eq!(codes(&t), ["partial-page"], "{ctx}");
        assert!(t.warnings[0].message.contains("protocol sections"));
        assert!(t.conditions.is_empty() && t.eligibility.criteria_text.is_none());
    }
}

/// The results tabs print no "Responsible Party" row: the header block's "Information
/// provided by (Responsible Party):" names the party, so it fills `responsible_party` (its
/// words as printed, nothing split off or typed); a header saying only "Information provided
/// by:" names no party, and the party stays null.
#[test]
fn results_tabs_take_the_responsible_party_from_their_header() {
    for (page, party) in [
        (
            RESULTS_TAB,
            "Pablo H. Goldberg, New York State Psychiatric Institute",
        ),
        (
            "pages/ctgov-classic/NCT03057704.results-submitted.2018.excerpt.html",
            "Wake Forest University Health Sciences",
        ),
    ] {
        for page in [page.to_string(), page.replace(".html", ".copy.txt")] {
            let t = parsed(&page);
            let ctx = page.as_str();
            assert_eq!(
                t.sponsors.responsible_party,
                Some(ResponsibleParty {
                    kind: None,
                    name: Some(party.to_string()),
                    title: None,
                    affiliation: None,
                }),
                "{ctx}"
            );
            assert_eq!(t.sponsors.information_provider.as_deref(), Some(party));
            // The same page whose header does not call the provider the responsible party.
            let plain = text(&page).replace(
                "Information provided by (Responsible Party):",
                "Information provided by:",
            );
            assert_ne!(plain, text(&page), "{ctx}");
            let t = parse(plain.as_bytes(), None).unwrap();
            assert_eq!(t.sponsors.responsible_party, None, "{ctx}");
            assert_eq!(t.sponsors.information_provider.as_deref(), Some(party));
        }
    }
}

/// The modern page marks the party after the provider's name ("Moti Moskovitz, Hadassah
/// Medical Organization (Responsible Party)"): the same words fill `responsible_party` and the
/// provider, without the mark; a provider with no mark names no party.
#[test]
fn modern_pages_take_the_responsible_party_from_the_providers_mark() {
    let party = "Moti Moskovitz, Hadassah Medical Organization";
    for page in [
        "pages/ctgov-modern/NCT00973089.txt",
        "pages/ctgov-modern/NCT00973089.copy.txt",
        "pages/ctgov-modern/NCT00973089.html",
    ] {
        let t = parsed(page);
        let named = t.sponsors.responsible_party.as_ref();
        assert_eq!(named.and_then(|p| p.name.as_deref()), Some(party), "{page}");
        assert_eq!(named.and_then(|p| p.kind.as_ref()), None, "{page}");
        assert_eq!(
            t.sponsors.information_provider.as_deref(),
            Some(party),
            "{page}"
        );
        let plain = text(page).replace(" (Responsible Party)", "");
        assert_ne!(plain, text(page), "{page}");
        let t = parse(plain.as_bytes(), None).unwrap();
        assert_eq!(t.sponsors.responsible_party, None, "{page}");
        assert_eq!(
            t.sponsors.information_provider.as_deref(),
            Some(party),
            "{page}"
        );
    }
}

/// A third real classic page, of the 2017–2018 layout (classes without the later `tr-`
/// prefix): the "Results Submitted" tab, whose status and dates stand in a table.
#[test]
fn the_results_submitted_tab_reads_its_header_block() {
    let t = parsed("pages/ctgov-classic/NCT03057704.results-submitted.2018.excerpt.html");
    assert_eq!(t.ids.nct_id.as_deref(), Some("NCT03057704"));
    assert_eq!(
        t.titles.brief.as_deref(),
        Some("Comparison of Two Techniques of IV Lidocaine on Propofol Injection Pain")
    );
    assert_eq!(t.status.overall, Some(OverallStatus::Completed));
    assert_eq!(t.status.first_posted.as_deref(), Some("2017-02-20"));
    assert_eq!(t.status.last_updated.as_deref(), Some("2017-11-06"));
    assert_eq!(
        t.status.primary_completion.date.as_deref(),
        Some("2017-01-20")
    );
    assert_eq!(t.status.completion.date.as_deref(), Some("2017-01-20"));
    assert_eq!(codes(&t), ["partial-page"]);
}

/// The Tabular View of NCT02699827, written from its legacy XML (the registry's field
/// names as row labels), gives that record's values but for what the tab cannot show.
#[test]
fn the_tabular_view_reads_as_its_record() {
    let page = parsed("pages/ctgov-classic/NCT02699827.tabular-view.html");
    let xml = parsed("corpus/ctgov-xml/NCT02699827.xml");
    let except: Vec<(&str, &str)> = PAGE_VS_STRUCTURED
        .iter()
        .copied()
        .chain([
            ("/source/url", "the page's own address, not the XML's link"),
            ("/sponsors/lead/class", "not printed"),
            (
                "/sponsors/responsible_party",
                "printed as one line, \"Mohamed Sayed Abdelhafez, Mansoura University\"",
            ),
            (
                "/sponsors/information_provider",
                "the status block names the responsible party, the XML its source",
            ),
            (
                "/status/start/type",
                "the XML gives none; an unmarked date reads as actual",
            ),
            ("/sites", "the Tabular View names the sites' countries only"),
            ("/mesh_terms", "the Tabular View lists no MeSH terms"),
            ("/keywords", "not in this Tabular View"),
            ("/warnings", "the partial-page warning, checked below"),
        ])
        .collect();
    assert_matches_structured(&page, &xml, &except);
    assert_eq!(codes(&page), ["partial-page"]);
    assert!(page.warnings[0].message.contains("Egypt"));
    assert_eq!(page.status.first_posted.as_deref(), Some("2016-03-04"));
    assert_eq!(page.interventions[0].other_names, ["Chirocaine"]);
}

/// All criterion texts of a tree, depth first.
fn flat(c: &[Criterion]) -> Vec<String> {
    c.iter()
        .flat_map(|c| std::iter::once(c.text.clone()).chain(flat(&c.children)))
        .collect()
}

/// A browser's text copy of each saved page (`*.copy.txt`, made by `scripts/text_copy.sh`)
/// gives the page's record. A copy loses list markers and indentation, so the criteria text
/// differs and nested criteria may come out flat: the criteria are compared as their texts in
/// order.
#[test]
fn text_copies_give_the_record_of_their_page() {
    let mut compared = 0;
    for dir in ["ctgov-classic", "ctgov-modern", "veeva"] {
        let path = format!("{ROOT}/fixtures/pages/{dir}");
        for entry in std::fs::read_dir(&path).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            let Some(stem) = name.strip_suffix(".copy.txt") else {
                continue;
            };
            let html = parsed(&format!("pages/{dir}/{stem}.html"));
            let copy = parsed(&format!("pages/{dir}/{name}"));
            let strip = |t: &Trial| {
                let mut v = serde_json::to_value(t).unwrap();
                v["source"]["format"] = Value::Null;
                for key in ["criteria_text", "inclusion", "exclusion"] {
                    v["eligibility"][key] = Value::Null;
                }
                v
            };
            assert_eq!(strip(&copy), strip(&html), "{dir}/{name}");
            assert_eq!(
                flat(&copy.eligibility.inclusion),
                flat(&html.eligibility.inclusion)
            );
            assert_eq!(
                flat(&copy.eligibility.exclusion),
                flat(&html.eligibility.exclusion)
            );
            compared += 1;
        }
    }
    assert!(compared >= 10, "only {compared} copies compared");
}

/// The classic site's chrome, as the real pages print it: the glossary panel, the 2017,
/// 2022 and 2023 banners (the last one's first words as the issue quotes them), the skip link, the menus, the breadcrumb and "Save this study" above the
/// record; "To Top" and the footer's links below it.
const CLASSIC_ABOVE: &str = "Hide glossary\nGlossary\n\nStudy record managers: refer to the Data \
Element Definitions if submitting registration or results information.\n\nSearch for terms\n\n x\n\
We're building a better ClinicalTrials.gov. Check it out and tell us what you think!\n\
Try the modernized ClinicalTrials.gov beta website\n\
We updated the design of this site on December 18, 2017. Learn more.\nSkip to Main Content\n\
Find Studies\nNew Search\nAdvanced Search\nSee Studies by Topic\nSee Studies on Map\nHow to Search\n\
How to Use Search Results\nHow to Find Results of Studies\nHow to Read a Study Record\nAbout Studies\n\
Learn About Studies\nOther Sites About Studies\nGlossary of Common Site Terms\nSubmit Studies\n\
Why Should I Register and Submit Results?\nFDAAA 801 and the Final Rule\nResources\nRSS Feeds\n\
About Site\nWhat's New\nTerms and Conditions\nDisclaimer\nHome\nSearch Results\nStudy Record Detail\n\
Saved Studies\n Save this study\n\n";
const CLASSIC_BELOW: &str = "\n\nTo Top\nFor Patients and Families\nFor Researchers\n\
For Study Record Managers\nHome\nRSS Feeds\nSite Map\nTerms and Conditions\nDisclaimer\n\
Customer Support\nCopyright\nPrivacy\nAccessibility\nViewers and Players\n\
Freedom of Information Act\nUSA.gov\nU.S. National Library of Medicine\n\
U.S. National Institutes of Health\nU.S. Department of Health and Human Services\n";

/// ClinicalTrials.Veeva's chrome, in the wording of the seed copy (no other copy of a Veeva
/// page could be found in public sources): its name and menu above, the loading notes of the
/// parts it fills by script between sections, its footer below.
const VEEVA_ABOVE: &str = "Skip to main content\nClinicalTrials.Veeva\n\nMenu\n\n\
Find clinical trialsTrials by location\nLoading...\n\n";
const VEEVA_BELOW: &str = "\n\nData sourced from clinicaltrials.gov\n\nClinical trials\n\n\
Find clinical trialsTrials by location\n© Copyright 2026 Veeva Systems\nMenu\nLoading...\n";

/// The modern site's chrome: the U.S. government banner every USWDS site opens with and the
/// glossary panel, both in their published wording.
const MODERN_ABOVE: &str = "Skip to main content\nAn official website of the United States \
government\nHere's how you know\nOfficial websites use .gov\nA .gov website belongs to an \
official government organization in the United States.\nSecure .gov websites use HTTPS\n\
A lock ( ) or https:// means you've safely connected to the .gov website. Share sensitive \
information only on official, secure websites.\nHide glossary\nGLOSSARY\nStudy record managers: \
refer to the Data Element Definitions if submitting registration or results information.\n\
Search for terms\nAccepts healthy volunteers\nA type of eligibility criteria that indicates \
whether people who do not have the condition/disease being studied can participate in that \
clinical study.\nAllocation\nA method used to assign participants to an arm of a clinical \
study. The types of allocation are randomized allocation and nonrandomized.\nEnrollment\n\
The number of participants in a clinical study.\n\n";

/// Inserts `line` before the first line that starts with `before`.
fn insert_before(text: &str, before: &str, line: &str) -> String {
    let at = text
        .find(&format!("\n{before}"))
        .unwrap_or_else(|| panic!("{before:?} in the page"));
    format!("{}\n{line}{}", &text[..at], &text[at..])
}

/// Each seed, and the modern page's copy, wrapped in its site's chrome above, below and
/// between sections, gives the record of the bare page, whole.
#[test]
fn pages_wrapped_in_site_chrome_give_the_bare_pages_record() {
    let classic = text("seeds/NCT00479934.txt");
    let between = insert_before(
        &classic,
        "Ages Eligible",
        "Layout table for eligibility information",
    );
    let between = insert_before(
        &between,
        "Sponsors and Collaborators",
        "Go to  \nTop of Page Study Description Study Design Arms and Interventions",
    );
    let veeva = text("seeds/NCT06722105.txt");
    let veeva_between = insert_before(&veeva, "Enrollment", "Loading...");
    let modern = text("pages/ctgov-modern/NCT00973089.txt");
    for (bare, wrapped) in [
        (
            classic.clone(),
            format!("{CLASSIC_ABOVE}{between}{CLASSIC_BELOW}"),
        ),
        (
            veeva.clone(),
            format!("{VEEVA_ABOVE}{veeva_between}{VEEVA_BELOW}"),
        ),
        (
            modern.clone(),
            format!("{MODERN_ABOVE}{modern}\n{MODERN_ABOVE}"),
        ),
    ] {
        let a = parse(bare.as_bytes(), None).unwrap();
        let b = parse(wrapped.as_bytes(), None).unwrap();
        assert_eq!(a.source.format, b.source.format);
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            serde_json::to_value(&a).unwrap(),
            "{:?} wrapped in its chrome",
            a.titles.brief
        );
        assert!(a.titles.brief.is_some());
    }
    // The saved HTML seeds, with the real pages' menus and footers around their content.
    let classic_html_above = "<div id=\"skip\"> <a href=\"#main-content\">Skip to Main Content</a> </div>\
        <div class=\"w3-container w3-center\"><div style=\"font-weight:bold;\">We updated the design of \
        this site on December 18, 2017. <a href=\"https://www.nlm.nih.gov/\">Learn more.</a></div></div>\
        <ul class=\"sf-menu sf-vertical\"><li class=\"first\"><a href=\"/ct2/search/index\">Find Studies</a>\
        <ul><li><a href=\"/ct2/home\">New Search</a></li><li><a href=\"/ct2/search/advanced\">Advanced Search</a></li></ul></li>\
        <li><a href=\"/ct2/about-site\">About Site</a></li></ul><div id=\"breadcrumb\"><ul class=\"ct-horz-list\">\
        <li><a href=\"/ct2/home\">Home</a></li><li><a href=\"/ct2/results\">Search Results</a></li>\
        <li>Study Record Detail</li></ul><label for=\"saved\"><input type=\"checkbox\" id=\"saved\"> Save this study </label></div>";
    let classic_html_below = "<div id=\"to-top\"><a href=\"#wrapper\">To Top</a></div><div id=\"for-footer\">\
        <ul class=\"horz-list\"><li><a href=\"/ct2/help/for-patient\">For Patients and Families</a></li>\
        <li><a href=\"/ct2/help/for-researcher\">For Researchers</a></li><li><a href=\"/ct2/help/for-manager\">For \
        Study Record Managers</a></li></ul></div><div id=\"fine-print\"><ul class=\"horz-list\"><li><a \
        href=\"https://www.nlm.nih.gov/copyright.html\">Copyright</a></li><li><a href=\"https://www.nlm.nih.gov/privacy.html\">\
        Privacy</a></li><li><a href=\"https://www.usa.gov/\">USA.gov</a></li></ul></div>";
    let veeva_html_above = "<div><a href=\"#main\">Skip to main content</a><a href=\"/\">ClinicalTrials.Veeva</a>\
        <ul><li><a href=\"/search\">Find clinical trials</a></li><li><a href=\"/locations\">Trials by location</a></li></ul>\
        <p>Loading...</p></div>";
    let veeva_html_below = "<div><p>Data sourced from clinicaltrials.gov</p><ul><li><a href=\"/search\">Find clinical \
        trials</a></li><li><a href=\"/locations\">Trials by location</a></li></ul><p>© Copyright 2026 Veeva Systems</p></div>";
    for (page, above, below) in [
        (
            "pages/ctgov-classic/NCT00479934.seed-tables.html",
            classic_html_above,
            classic_html_below,
        ),
        (
            "pages/ctgov-classic/NCT00479934.seed-tabbed-saved.html",
            classic_html_above,
            classic_html_below,
        ),
        (
            "pages/veeva/NCT06722105.seed-lists.html",
            veeva_html_above,
            veeva_html_below,
        ),
        (
            "pages/veeva/NCT06722105.seed-div-text.html",
            veeva_html_above,
            veeva_html_below,
        ),
    ] {
        let html = text(page);
        let open = html.find("<body").unwrap();
        let open = open + html[open..].find('>').unwrap() + 1;
        let close = html.rfind("</body>").unwrap();
        let wrapped = format!(
            "{}{above}{}{below}{}",
            &html[..open],
            &html[open..close],
            &html[close..]
        );
        let a = parsed(page);
        let b = parse(wrapped.as_bytes(), None).unwrap();
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            serde_json::to_value(&a).unwrap(),
            "{page} wrapped in its site's chrome"
        );
    }
}

/// Runs of blank lines, CRLF line ends, non-breaking spaces and trailing blanks change
/// nothing in a text copy.
#[test]
fn white_space_in_a_copy_changes_nothing() {
    for seed in ["seeds/NCT00479934.txt", "seeds/NCT06722105.txt"] {
        let bare = text(seed);
        let a = parse(bare.as_bytes(), None).unwrap();
        let noisy = bare
            .replace("\n\n", "\n\n\n\n")
            .replace('\n', "  \t\r\n")
            .replace("Inclusion", "\u{a0}Inclusion");
        let b = parse(noisy.as_bytes(), None).unwrap();
        assert_eq!(
            serde_json::to_value(&b).unwrap(),
            serde_json::to_value(&a).unwrap(),
            "{seed}"
        );
        assert!(a.eligibility.criteria_text.is_some());
    }
}

/// Exact field values that are the sites' furniture.
const FURNITURE_VALUES: &[&str] = &[
    "Go to",
    "To Top",
    "Home",
    "Menu",
    "Disclaimer",
    "Investigators",
    "Save this study",
    "Study Details",
    "Tabular View",
    "No Results Posted",
    "Loading...",
];

/// Text no field may contain: captions, skip links, menus, banners, footer links.
const FURNITURE_TEXT: &[&str] = &[
    "Layout table",
    "Skip to",
    "To Top",
    "Top of Page",
    "Hide glossary",
    "Study record managers: refer",
    "For Patients and Families",
    "For Study Record Managers",
    "RSS Feeds",
    "Site Map",
    "Terms and Conditions",
    "Customer Support",
    "Freedom of Information Act",
    "Viewers and Players",
    "We updated the design",
    "We're building a better",
    "Find clinical trials",
    "Copyright 2026",
    "official website of the United States",
    "safety and scientific validity of this study",
    "Choosing to participate in a study",
    "MedlinePlus related topics",
];

fn strings<'a>(v: &'a Value, path: String, out: &mut Vec<(String, &'a str)>) {
    match v {
        Value::String(s) => out.push((path, s)),
        Value::Array(a) => a
            .iter()
            .enumerate()
            .for_each(|(i, x)| strings(x, format!("{path}[{i}]"), out)),
        Value::Object(m) => m
            .iter()
            .for_each(|(k, x)| strings(x, format!("{path}.{k}"), out)),
        _ => {}
    }
}

/// No field of any page fixture (saved pages, copies, seeds) holds the sites' furniture.
#[test]
fn no_field_of_any_page_holds_the_sites_furniture() {
    let mut pages = vec![
        "seeds/NCT00479934.txt".to_string(),
        "seeds/NCT06722105.txt".into(),
    ];
    for dir in ["ctgov-classic", "ctgov-modern", "veeva"] {
        for entry in std::fs::read_dir(format!("{ROOT}/fixtures/pages/{dir}")).unwrap() {
            let name = entry.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".html") || name.ends_with(".txt") {
                pages.push(format!("pages/{dir}/{name}"));
            }
        }
    }
    assert!(pages.len() >= 25, "{}", pages.len());
    for page in &pages {
        let t = parsed(page);
        let mut v = serde_json::to_value(&t).unwrap();
        v["source"] = Value::Null;
        let mut all = Vec::new();
        strings(&v, String::new(), &mut all);
        for (path, s) in all {
            assert!(
                !FURNITURE_VALUES.contains(&s),
                "{page}: {path} is the sites' furniture {s:?}"
            );
            for f in FURNITURE_TEXT {
                assert!(!s.contains(f), "{page}: {path} holds {f:?}: {s:?}");
            }
        }
    }
}

/// A page cut short says which sections it lacks; a whole page says nothing.
#[test]
fn a_page_cut_short_names_what_it_lacks() {
    let page = text(FULL_TEXT_VIEW);
    let cut = &page[..page
        .find("<a id=\"eligibility\">")
        .expect("the eligibility anchor")];
    let t = parse(cut.as_bytes(), Some(Format::CtgovClassicHtml)).unwrap();
    assert_eq!(codes(&t), ["partial-page"]);
    let message = &t.warnings[0].message;
    for section in [
        "Eligibility Criteria",
        "Contacts and Locations",
        "More Information",
    ] {
        assert!(message.contains(section), "{message}");
    }
    assert!(!message.contains("Study Design"), "{message}");
    assert_eq!(
        count(&t, OutcomeKind::Secondary),
        4,
        "what the page does say is kept"
    );

    // A copy that stops short.
    let copy = text(&FULL_TEXT_VIEW.replace(".html", ".copy.txt"));
    let cut = &copy[..copy.find("\nContacts and Locations\n").unwrap()];
    let t = parse(cut.as_bytes(), None).unwrap();
    assert_eq!(codes(&t), ["partial-page"]);
    let message = &t.warnings[0].message;
    assert!(message.contains("Contacts and Locations"), "{message}");
    assert!(!message.contains("Eligibility Criteria"), "{message}");
    assert!(parsed("seeds/NCT00479934.txt").warnings.is_empty());
}

/// A bad date, age, count or enumeration on a page gives the warning the same value gives
/// in the structured formats, never a silent null.
#[test]
fn bad_page_values_warn_as_structured_ones_do() {
    let page = text("seeds/NCT00479934.txt")
        .replace("Study Type: Interventional", "Study Type: Experimental-ish")
        .replace(
            "Study Start Date: December 2007",
            "Study Start Date: sometime soon",
        )
        .replace("18 Years and older", "grown-ups")
        .replace("Enrollment: 28", "Enrollment: many")
        .replace("Volunteers: \u{a0} No", "Volunteers: \u{a0} Perhaps");
    let t = parse(page.as_bytes(), None).unwrap();
    let got: Vec<(&str, Option<&str>)> = t
        .warnings
        .iter()
        .map(|w| (w.code.as_str(), w.path.as_deref()))
        .collect();
    for want in [
        ("unmapped-enum", Some("design.study_type")),
        ("bad-date", Some("status.start")),
        ("bad-age", Some("eligibility.minimum_age")),
        ("bad-number", Some("enrollment.count")),
        ("unmapped-enum", Some("eligibility.healthy_volunteers")),
    ] {
        assert!(got.contains(&want), "{want:?} not in {got:?}");
    }
    assert_eq!(t.design.study_type, None);
    assert_eq!(t.status.start.date, None);
}

/// The modern page's embedded transfer state, where it holds the study (as the API v2
/// record), is read and checked against what the page shows.
#[test]
fn an_embedded_study_record_is_checked_against_the_page() {
    let page = text("pages/ctgov-modern/NCT00973089.html");
    let api = text("pages/ctgov-modern/NCT00973089.api-v2.expected.json");
    // Angular's transfer state as older versions escaped it.
    let state = |json: &str| {
        let escaped = json.replace('&', "&a;").replace('"', "&q;");
        page.replace(
            "{\"__nghData__\":[{}]}",
            &format!("{{&q;study&q;:{{&q;body&q;:{escaped}}}}}"),
        )
    };
    let agreeing = parse(state(&api).as_bytes(), None).unwrap();
    assert!(agreeing.warnings.is_empty(), "{:?}", agreeing.warnings);
    // The sponsor's class is on no page; the embedded record supplies it.
    assert_eq!(
        agreeing.sponsors.lead.as_ref().unwrap().class,
        Some(AgencyClass::Other)
    );
    let changed = api.replace(
        "Alternative Treatment of Deep Carious Lesions Based on Biological Evidences\",\n",
        "A Stale Title\",\n",
    );
    assert_ne!(changed, api);
    let t = parse(state(&changed).as_bytes(), None).unwrap();
    assert_eq!(
        t.titles.brief.as_deref(),
        Some("Alternative Treatment of Deep Carious Lesions Based on Biological Evidences"),
        "the page's own value stands"
    );
    assert_eq!(codes(&t), ["embedded-data-disagrees"]);
    assert_eq!(t.warnings[0].path.as_deref(), Some("titles.brief"));
    assert!(t.warnings[0].message.contains("A Stale Title"));
}

/// A modern page saved before the site's script loaded the study holds none: it is named,
/// not read.
#[test]
fn a_modern_shell_with_no_study_is_named() {
    let shell = "<!DOCTYPE html><html lang=\"en\"><head><title>ClinicalTrials.gov</title>\
        <link rel=\"canonical\" href=\"https://clinicaltrials.gov/study/NCT00973089\"></head>\
        <body><ctg-root></ctg-root><noscript>Please enable JavaScript</noscript>\
        <script src=\"main.js\"></script></body></html>";
    match parse(shell.as_bytes(), Some(Format::CtgovModernHtml)) {
        Err(Error::NotAStudy(why)) => assert!(why.contains("by script"), "{why}"),
        other => panic!("expected NotAStudy, got {other:?}"),
    }
}

/// A classic page of the years when the registry wrote the design values without labels
/// ("Study Design: Treatment, Randomized, …", as the legacy XML of 2007–2010 did) gives the
/// same fields as the labelled lines of the real page it is edited from, and the value no
/// field takes (the kind of control) is a warning, not dropped.
#[test]
fn a_classic_unlabelled_design_line_gives_the_labelled_lines_fields() {
    let page = "pages/ctgov-classic/NCT00479934.seed-tables.copy.txt";
    let labelled = parsed(page);
    let original = text(page);
    let lines: Vec<&str> = original.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.starts_with("Study Design:"))
        .unwrap();
    // The page's own non-breaking spaces.
    assert_eq!(lines[at + 4], "Primary\u{a0}Purpose:\u{a0}Treatment");
    let unlabelled_line = "Study Design:\tTreatment, Randomized, Double Blind (Subject, \
        Caregiver, Investigator, Outcomes Assessor), Placebo Control, Parallel Assignment, \
        Safety/Efficacy Study";
    let edited = [&lines[..at], &[unlabelled_line], &lines[at + 5..]]
        .concat()
        .join("\n");
    let unlabelled = parse(edited.as_bytes(), None).unwrap();
    assert_eq!(unlabelled.design, labelled.design);
    assert_eq!(unlabelled.design.allocation, Some(Allocation::Randomized));
    assert_eq!(
        unlabelled.design.masking.level,
        Some(MaskingLevel::Quadruple)
    );
    let design: Vec<_> = (unlabelled.warnings.iter())
        .filter(|w| w.path.as_deref() == Some("design"))
        .map(|w| w.message.as_str())
        .collect();
    assert_eq!(
        design,
        ["\"Placebo Control\" of the design wording names no design field"]
    );
}
