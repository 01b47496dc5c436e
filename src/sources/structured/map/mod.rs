//! The API v2 shape → the model: one file per section of the record, each a few helpers of
//! a screen. The mapper reads only the API v2 shape (the older formats are converted into
//! it first), so every value goes through one reading: Markdown is unescaped here, yes/no,
//! dates, ages, counts and enumerations are read here, whatever the source.
//!
//! Sections are filled in the record's order, so warnings come in that order too.

mod arms;
mod contacts;
mod description;
mod design;
mod eligibility;
mod ids;
mod outcomes;
mod references;
mod results;
mod sites;
mod sponsors;
mod status;

use std::borrow::Cow;

use super::wire::api_v2::{Protocol, Study, YesNo};
use crate::model::Trial;
use crate::normalize::enums::Vocab;
use crate::normalize::text::{is_clean_line, line};
use crate::normalize::{checked, date, text};

/// Fills `t` from one study. The study's sections are taken out of `s` (all but its
/// unread members): their text is moved into `t`, not copied (see [`moved`]).
pub fn study(t: &mut Trial, s: &mut Study) {
    let Protocol {
        identification_module: mut id,
        status_module: mut st,
        sponsor_collaborators_module,
        description_module,
        conditions_module,
        design_module,
        arms_interventions_module,
        outcomes_module,
        eligibility_module,
        contacts_locations_module: mut cm,
        references_module,
    } = s.protocol_section.take().unwrap_or_default();
    let (mut legacy, derived) = (
        std::mem::take(&mut s.legacy),
        std::mem::take(&mut s.derived_section),
    );
    let provider = id.organization.take();
    ids::ids(t, id, legacy.url.take(), &derived);
    // A version of the record history (`trialnorm history --raw`) says which it is; its
    // date and changed modules are in the history list, which `history` reads.
    t.source.version = s.study_version.map(|number| crate::model::RecordVersion {
        number,
        date: None,
        changed_modules: Vec::new(),
    });
    let results_posted = st.results_first_post_date_struct.take();
    status::status(t, st);
    sponsors::sponsors(t, sponsor_collaborators_module, provider);
    description::description(t, description_module, conditions_module, derived);
    design::design(t, design_module, legacy);
    arms::arms(t, arms_interventions_module);
    outcomes::outcomes(t, outcomes_module);
    eligibility::eligibility(t, eligibility_module);
    let locations = std::mem::take(&mut cm.locations);
    contacts::contacts(t, cm);
    sites::sites(t, locations);
    references::references(t, references_module);
    results::results(t, s.results_section.take(), results_posted);
}

/// Markdown text with its escapes undone; borrowed when it has none (most text), so the
/// normalizer reads it without a copy first.
fn unescaped(raw: &str) -> Cow<'_, str> {
    if memchr::memchr(b'\\', raw.as_bytes()).is_some() {
        Cow::Owned(text::unescape_markdown(raw))
    } else {
        Cow::Borrowed(raw)
    }
}

/// [`line`] for an optional value.
fn opt_line(raw: Option<&str>) -> Option<String> {
    raw.and_then(line)
}

/// Markdown text as one line.
fn md_line(raw: Option<&str>) -> Option<String> {
    raw.and_then(|r| line(&unescaped(r)))
}

/// Markdown texts as lines, blank ones dropped; clean ones moved (see [`moved`]).
fn md_lines(raws: Vec<String>) -> Vec<String> {
    (raws.into_iter())
        .filter_map(|r| moved(Some(r), md_line))
        .collect()
}

/// `read` ([`opt_line`], [`md_line`] or [`md_paragraphs`]) of text the caller gives away:
/// one clean line without escapes, which each of them gives back as it is, is moved
/// instead of copied (most registry text is).
fn moved(raw: Option<String>, read: fn(Option<&str>) -> Option<String>) -> Option<String> {
    match raw {
        Some(r) if memchr::memchr(b'\\', r.as_bytes()).is_none() && is_clean_line(&r) => Some(r),
        r => read(r.as_deref()),
    }
}

/// Markdown text as paragraphs: each line the source keeps is one. This is
/// [`text::line_paragraphs`] with clean lines (most lines of the multi-line texts too)
/// copied, not rebuilt.
fn md_paragraphs(raw: Option<&str>) -> Option<String> {
    raw.and_then(|r| {
        let r = unescaped(r);
        if is_clean_line(&r) {
            return Some(r.into_owned());
        }
        // One string for all the paragraphs, not one per line joined afterwards.
        let mut out = String::with_capacity(r.len() + 16);
        for l in r.lines() {
            let mark = out.len();
            if mark > 0 {
                out.push_str("\n\n");
            }
            let start = out.len();
            if is_clean_line(l) {
                out.push_str(l);
            } else {
                text::push_line(&mut out, l);
            }
            if out.len() == start {
                out.truncate(mark);
            }
        }
        (!out.is_empty()).then_some(out)
    })
}

// The warning path of a value is built (`format!`) only when the value gives a warning:
// the readers below take it as a closure, since most values read cleanly and building
// every path cost more than reading the values.

/// A yes/no: v2's boolean as it is; older text read by [`checked::yes_no`].
fn yes_no(t: &mut Trial, path: impl FnOnce() -> String, raw: Option<&YesNo>) -> Option<bool> {
    match raw? {
        YesNo::Bool(b) => Some(*b),
        YesNo::Text(raw) => checked::yes_no(t, &path(), Some(raw)),
    }
}

/// [`Trial::enum_or_warn`], the same reading and warning, with the path built only for a
/// warning.
fn vocab<E: Vocab>(t: &mut Trial, path: impl FnOnce() -> String, raw: Option<&str>) -> Option<E> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    E::from_words(raw).or_else(|| t.enum_or_warn(&path(), Some(raw)))
}

/// [`checked::date`], the same reading and warning, with the path built only for a
/// warning.
fn checked_date(t: &mut Trial, path: impl FnOnce() -> String, raw: Option<&str>) -> Option<String> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    date::iso(raw).or_else(|| checked::date(t, &path(), Some(raw)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::WarningCode;

    #[test]
    fn yes_no_reads_booleans_and_words() {
        let mut t = Trial::default();
        let text = |s: &str| YesNo::Text(s.into());
        let p = || "p".to_string();
        assert_eq!(yes_no(&mut t, p, Some(&YesNo::Bool(false))), Some(false));
        assert_eq!(yes_no(&mut t, p, Some(&text(" Yes "))), Some(true));
        assert_eq!(
            yes_no(&mut t, p, Some(&text("Accepts Healthy Volunteers"))),
            Some(true)
        );
        assert_eq!(yes_no(&mut t, p, Some(&text(""))), None);
        assert!(t.warnings.is_empty());
        assert_eq!(yes_no(&mut t, p, Some(&text("Maybe"))), None);
        assert_eq!(t.warnings[0].code, WarningCode::UnmappedEnum);
        assert_eq!(t.warnings[0].path.as_deref(), Some("p"));
    }

    /// Every warning path built lazily, with an unreadable value at each: the paths are
    /// the ones the eager `format!`s gave (checked against the release before the change).
    #[test]
    fn warning_paths_are_built_for_the_values_that_warn() {
        let json = r#"{"protocolSection":{"identificationModule":{"nctId":"NCT00000001"},
"statusModule":{"overallStatus":"COMPLETED","startDateStruct":{"date":"2020-01","type":"Sometime"},"resultsFirstPostDateStruct":{"date":"2021-02-03"}},
"sponsorCollaboratorsModule":{"leadSponsor":{"name":"A","class":"Bogus"},"collaborators":[{"name":"B","class":"INDUSTRY"},{"name":"C","class":"Bogus"}]},
"armsInterventionsModule":{"armGroups":[{"label":"x","type":"Bogus"}],"interventions":[{"name":"y","type":"Bogus"}]},
"outcomesModule":{"primaryOutcomes":[{"measure":"m","timeFrame":"a \\* b"}]},
"eligibilityModule":{"stdAges":["ADULT","ANCIENT"],"healthyVolunteers":"Perhaps"},
"contactsLocationsModule":{"centralContacts":[{"name":"n","role":"Bogus"}],"overallOfficials":[{"name":"o","role":"Bogus"}],
 "locations":[{"facility":"f","status":"RECRUITING"},{"facility":"g","status":"Bogus","contacts":[{"name":"p","role":"CONTACT"},{"name":"q","role":"Bogus"}]}]},
"referencesModule":{"references":[{"citation":"c","type":"Bogus"}]}},
"resultsSection":{
"baselineCharacteristicsModule":{"measures":[{"title":"t","paramType":"Bogus","dispersionType":"Bogus"}]},
"outcomeMeasuresModule":{"outcomeMeasures":[{"type":"PRIMARY","title":"a"},{"type":"Bogus","title":"b","reportingStatus":"Bogus","anticipatedPostingDate":"someday","paramType":"Bogus","dispersionType":"Bogus",
 "analyses":[{"testedNonInferiority":"Perhaps","nonInferiorityType":"Bogus","ciPctValue":"lots","ciNumSides":"Bogus","dispersionType":"Bogus"}]}]},
"adverseEventsModule":{"frequencyThreshold":"lots","eventGroups":[{"id":"EG000"},{"id":"EG001","deathsNumAffected":"many","seriousNumAtRisk":"many","otherNumAffected":"many"}],
 "seriousEvents":[{"term":"s","assessmentType":"Bogus","stats":[{"groupId":"EG000","numEvents":1},{"groupId":"EG001","numEvents":"many","numAffected":"many","numAtRisk":"many"}]}],
 "otherEvents":[{"term":"o"},{"term":"p","stats":[{"groupId":"EG000","numAffected":"many"}]}]},
"moreInfoModule":{"certainAgreement":{"piSponsorEmployee":"Perhaps","restrictiveAgreement":"Perhaps","restrictionType":"Bogus"}}}}"#;
        let records = crate::sources::structured::read_api_v2(json).unwrap();
        let t = records.into_iter().next().unwrap().unwrap();
        let paths: Vec<_> = (t.warnings.iter())
            .map(|w| w.path.as_deref().unwrap_or(""))
            .collect();
        assert_eq!(
            paths,
            [
                "status.start.type",
                "sponsors.lead.class",
                "sponsors.collaborators[1].class",
                "arms[0].type",
                "interventions[0].type",
                "eligibility.std_ages[1]",
                "eligibility.healthy_volunteers",
                "contacts.central[0].role",
                "contacts.officials[0].role",
                "sites[1].status",
                "sites[1].contacts[1].role",
                "references[0].type",
                "results.baseline.measures[0].param_type",
                "results.baseline.measures[0].dispersion_type",
                "results.outcome_measures[1].kind",
                "results.outcome_measures[1].reporting_status",
                "results.outcome_measures[1].anticipated_posting_date",
                "results.outcome_measures[1].param_type",
                "results.outcome_measures[1].dispersion_type",
                "results.outcome_measures[1].analyses[0].tested_non_inferiority",
                "results.outcome_measures[1].analyses[0].non_inferiority_type",
                "results.outcome_measures[1].analyses[0].ci_percent",
                "results.outcome_measures[1].analyses[0].ci_sides",
                "results.outcome_measures[1].analyses[0].dispersion_type",
                "results.adverse_events.groups[1].deaths.affected",
                "results.adverse_events.groups[1].serious.at_risk",
                "results.adverse_events.groups[1].other.affected",
                "results.adverse_events.serious[0].stats[1].events",
                "results.adverse_events.serious[0].stats[1].affected",
                "results.adverse_events.serious[0].stats[1].at_risk",
                "results.adverse_events.serious[0].assessment_type",
                "results.adverse_events.other[1].stats[0].affected",
                "results.adverse_events.frequency_threshold",
                "results.more_info.certain_agreement.pi_sponsor_employee",
                "results.more_info.certain_agreement.restrictive_agreement",
                "results.more_info.certain_agreement.restriction_type",
            ]
        );
        let message = |path: &str| {
            let w = t.warnings.iter().find(|w| w.path.as_deref() == Some(path));
            w.unwrap().message.clone()
        };
        assert_eq!(
            message("sites[1].contacts[1].role"),
            r#""Bogus" is not a known value for sites[1].contacts[1].role"#
        );
        assert_eq!(
            message("results.adverse_events.serious[0].stats[1].at_risk"),
            r#""many" is not a whole number"#
        );
        assert_eq!(t.outcomes[0].time_frame.as_deref(), Some("a * b"));
    }

    #[test]
    fn lazy_readers_read_and_warn_as_the_checked_ones() {
        use crate::model::OverallStatus;
        let p = || "p".to_string();
        for raw in [
            None,
            Some(""),
            Some("  "),
            Some(" Completed "),
            Some("RECRUITING"),
        ]
        .into_iter()
        .chain([Some(" Bogus "), Some("2020-01-02"), Some(" March 2020 ")])
        {
            let (mut lazy, mut eager) = (Trial::default(), Trial::default());
            let v: Option<OverallStatus> = vocab(&mut lazy, p, raw);
            assert_eq!(v, eager.enum_or_warn("p", raw));
            let d = checked_date(&mut lazy, p, raw);
            assert_eq!(d, checked::date(&mut eager, "p", raw));
            assert_eq!(lazy.warnings, eager.warnings);
        }
    }

    /// The clean-line shortcut gives what the normalizers give, on edge cases and on every
    /// text of the JSON fixtures.
    #[test]
    fn clean_lines_are_what_the_normalizers_give_back() {
        let long = "word ".repeat(30);
        let mut texts: Vec<String> = [
            "",
            " ",
            "a",
            "a b",
            "a  b",
            " a",
            "a ",
            "a\tb",
            "a\nb",
            "a\r\nb",
            "a\u{a0}b",
            "caf\u{e9}",
            "a\u{2003}b",
            "a\u{200b}b",
            "\u{7f}",
            "x\u{1}y",
            "~!\"#",
            "\\*",
        ]
        .map(String::from)
        .into();
        texts.extend([
            long.trim_end().to_string(),
            long.clone(),
            format!("{}\tend", long.trim_end()),
            format!("{} end", long),
        ]);
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures");
        for entry in walkdir::WalkDir::new(fixtures) {
            let path = entry.unwrap().into_path();
            if path.extension().is_some_and(|e| e == "json") {
                let json = std::fs::read_to_string(&path).unwrap();
                if let Ok(v) = serde_json::from_str::<serde_json::Value>(&json) {
                    strings(&v, &mut texts);
                }
            }
        }
        assert!(texts.len() > 10_000, "{} texts", texts.len());
        let mut clean = 0;
        for t in &texts {
            let mut folded = String::new();
            text::push_line(&mut folded, t);
            assert_eq!(line(t), (!folded.is_empty()).then_some(folded), "{t:?}");
            if is_clean_line(t) {
                clean += 1;
                assert_eq!(
                    text::line_paragraphs(t).as_deref(),
                    Some(t.as_str()),
                    "{t:?}"
                );
            }
            let md = Some(t.as_str());
            let paragraphs = text::line_paragraphs(&text::unescape_markdown(t));
            assert_eq!(md_paragraphs(md), paragraphs, "{t:?}");
        }
        // Most are clean (the shortcut is taken), and not all (the normalizers are used).
        assert!(clean > texts.len() / 2 && clean < texts.len(), "{clean}");
    }

    fn strings(v: &serde_json::Value, out: &mut Vec<String>) {
        match v {
            serde_json::Value::String(s) => out.push(s.clone()),
            serde_json::Value::Array(a) => a.iter().for_each(|v| strings(v, out)),
            serde_json::Value::Object(o) => o.values().for_each(|v| strings(v, out)),
            _ => {}
        }
    }
}
