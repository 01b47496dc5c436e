//! One reader per input format, each turning text into [`Trial`] records, and the finishing
//! pass every record goes through (the shared normalizers), whatever its source.

mod json_list;
pub mod page;
pub mod registries;
pub mod structured;

use crate::model::{paths, WarningCode};
use page::{ctgov_classic, ctgov_modern, veeva, web_page};

use crate::error::{Error, Result};
use crate::model::Trial;
use crate::normalize::{age, constraints, country, criteria, duration, links, registry_ids};
use crate::Format;

/// What a reader gives for one input: the whole input failed, or a record (or an error) per
/// study it holds, in order.
pub type Records = Vec<Result<Trial>>;

/// Reads `text` as `format`, then finishes every record.
pub fn read(format: Format, text: &str) -> Result<Records> {
    let records = match format {
        Format::CtgovClassicText => vec![ctgov_classic::read(text)],
        Format::VeevaText => vec![veeva::read(text)],
        Format::CtgovModernText => vec![ctgov_modern::read(text)],
        Format::CtgovClassicHtml | Format::CtgovModernHtml | Format::VeevaHtml => {
            vec![saved_page(format, text)]
        }
        Format::CtgovApiV2Json => structured::read_api_v2(text)?,
        Format::CtgovApiV1Json => structured::read_api_v1(text)?,
        Format::CtgovXml => structured::read_ctgov_xml(text)?,
        Format::WhoIctrpXml => registries::ictrp::read(text)?,
        Format::EuctrText => registries::euctr::read(text)?,
        Format::CtisJson => registries::ctis::read(text)?,
        Format::IsrctnXml => registries::isrctn::read(text)?,
    };
    Ok(records.into_iter().map(|r| r.map(finish)).collect())
}

/// A saved page: its visible text read by the site's reader, then checked against the study
/// records it embeds, read with the API v2 reader (see [`page::embedded`]).
fn saved_page(format: Format, text: &str) -> Result<Trial> {
    let saved = web_page::read(format, text)?;
    let mut t = saved.trial;
    for json in &saved.embedded_studies {
        let Ok(records) = structured::read_api_v2(json) else {
            continue;
        };
        for data in records.into_iter().flatten() {
            page::embedded::reconcile(&mut t, &data);
        }
    }
    Ok(t)
}

/// The shared normalization every record gets: links, derived values and checks, so that
/// readers only transcribe what their source says.
pub fn finish(mut t: Trial) -> Trial {
    links::link(&mut t);
    // Results repeat the protocol's outcomes, time frames and all: a time frame read here
    // for an outcome is not read again for a results measure.
    let mut read_here = Vec::new();
    for (i, o) in t.outcomes.iter_mut().enumerate() {
        if o.time_points.is_empty() {
            if let Some(tf) = &o.time_frame {
                o.time_points = duration::time_points(tf);
                read_here.push(i);
            }
        }
    }
    for o in t.results.iter_mut().flat_map(|r| &mut r.outcome_measures) {
        if o.time_points.is_empty() {
            if let Some(tf) = &o.time_frame {
                let same = (read_here.iter().map(|&i| &t.outcomes[i]))
                    .find(|p| p.time_frame.as_ref() == Some(tf));
                o.time_points = match same {
                    Some(p) => p.time_points.clone(),
                    None => duration::time_points(tf),
                };
            }
        }
    }
    let e = &mut t.eligibility;
    if e.std_ages.is_empty() && (e.minimum_age.is_some() || e.maximum_age.is_some()) {
        e.std_ages = age::std_ages(e.minimum_age.as_ref(), e.maximum_age.as_ref());
    }
    if let Some(message) = age::reversed(e.minimum_age.as_ref(), e.maximum_age.as_ref()) {
        t.warn(
            WarningCode::ContradictoryValues,
            paths::ELIGIBILITY_MINIMUM_AGE,
            message,
        );
    }
    let e = &mut t.eligibility;
    if e.inclusion.is_empty() && e.exclusion.is_empty() {
        // `split` fills the constraints of the trees it builds: a criterion with none would
        // only be read again.
        if let Some(text) = &e.criteria_text {
            let c = criteria::split(text);
            e.inclusion = c.inclusion;
            e.exclusion = c.exclusion;
        }
    } else {
        // Readers that build their own trees get constraints too.
        constraints::fill(&mut e.inclusion);
        constraints::fill(&mut e.exclusion);
    }
    if t.source.format == Some(Format::WhoIctrpXml) {
        drop_lost_signs(&mut t);
    }
    code_countries(&mut t);
    registry_ids::fill(&mut t.ids);
    t.design.phases.sort();
    t.design.phases.dedup();
    t
}

/// WHO ICTRP's export writes "≥" and "≤" as "=" ("Aged =18 years", "presence of =1 of the
/// following"; it holds no "≥" at all): an equality read from it is a comparison whose
/// direction was lost, so it is left out, and one `unparsed-text` warning quotes them.
fn drop_lost_signs(t: &mut Trial) {
    fn drop(items: &mut [crate::model::Criterion], lost: &mut Vec<String>) {
        for c in items {
            c.constraints.retain(|k| {
                let equal = k.operator == crate::model::Operator::Eq;
                if equal {
                    lost.push(k.text.clone());
                }
                !equal
            });
            drop(&mut c.children, lost);
        }
    }
    let mut lost = Vec::new();
    drop(&mut t.eligibility.inclusion, &mut lost);
    drop(&mut t.eligibility.exclusion, &mut lost);
    if lost.is_empty() {
        return;
    }
    let quoted: Vec<String> = lost.iter().take(3).map(|s| format!("\"{s}\"")).collect();
    let more = if lost.len() > 3 { ", …" } else { "" };
    let message = format!(
        "{} written with \"=\" not read, as the WHO ICTRP export writes ≥ and ≤ as \"=\": \
         {}{more}",
        crate::words::counted(lost.len() as u64, "comparison", "comparisons"),
        quoted.join(", "),
    );
    t.warn(
        WarningCode::UnparsedText,
        paths::ELIGIBILITY_CRITERIA_TEXT,
        message,
    );
}

/// Fills each site's `country_code` from its country name; a name with no current code gets
/// an `unknown-country` warning saying whether it is a former country or an unknown name.
fn code_countries(t: &mut Trial) {
    let mut uncoded = Vec::new();
    // The last name looked up and what it is: a record's sites come country by country.
    let mut last: Option<(String, country::Country)> = None;
    for (i, s) in t.sites.iter_mut().enumerate() {
        let Some(name) = s.country.as_deref().filter(|_| s.country_code.is_none()) else {
            continue;
        };
        let found = match &last {
            Some((n, c)) if n == name => *c,
            _ => last.insert((name.to_owned(), country::lookup(name))).1,
        };
        match found {
            country::Country::Code(code) => s.country_code = Some(code.to_string()),
            country::Country::Former(old) => uncoded.push((
                i,
                format!("{name:?} is a former country (ISO 3166-3 {old}); it has no current code"),
            )),
            country::Country::Unknown => {
                uncoded.push((i, format!("{name:?} is not a country name trialnorm knows")))
            }
        }
    }
    for (i, message) in uncoded {
        t.warn(
            WarningCode::UnknownCountry,
            &paths::site_country_code(i),
            message,
        );
    }
}

/// A page reader's last check: a page that names no NCT id is not a study record, whatever
/// else it holds (`site` names the page kind in the error).
pub fn require_nct_id(t: Trial, site: &str) -> Result<Trial> {
    if t.ids.nct_id.is_none() {
        return Err(Error::NotAStudy(format!(
            "a {site} page with no NCT identifier"
        )));
    }
    Ok(t)
}

/// A page reader's last check for a site that lists trials of several registries
/// (ClinicalTrials.Veeva): a page that names no registry number at all is not a study
/// record; one with an EU CT, EudraCT, ISRCTN or other registry number and no NCT id is.
pub fn require_registry_id(t: Trial, site: &str) -> Result<Trial> {
    if t.ids.nct_id.is_none() && t.ids.registry_ids.is_empty() {
        return Err(Error::NotAStudy(format!(
            "a {site} page with no registry identifier"
        )));
    }
    Ok(t)
}

/// The canonical link of a study on ClinicalTrials.gov, built from its NCT id, for the
/// sources that carry no link of their own.
pub fn study_url(nct_id: Option<&str>) -> Option<String> {
    nct_id.map(|id| format!("https://clinicaltrials.gov/study/{id}"))
}

/// The first NCT id in `text` (`NCT` and 8 digits): the leftmost match of `\bNCT\d{8}\b`
/// (Unicode digits and word boundaries, as the regex reads them), scanned rather than matched:
/// the regex's Unicode automaton cost more to build than a page's whole reading.
pub fn find_nct_id(text: &str) -> Option<String> {
    let is_word = crate::normalize::scan::is_word_char;
    let mut from = 0;
    while let Some(i) = text[from..].find("NCT").map(|i| i + from) {
        from = i + 3;
        if text[..i].chars().next_back().is_some_and(is_word) {
            continue;
        }
        let (mut end, mut digits) = (from, 0);
        for c in text[from..].chars().take(8) {
            if !crate::normalize::scan::is_digit(c) {
                break;
            }
            end += c.len_utf8();
            digits += 1;
        }
        if digits < 8 || text[end..].chars().next().is_some_and(is_word) {
            continue;
        }
        return Some(text[i..end].to_string());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::find_nct_id;

    /// The scanner finds what `\bNCT\d{8}\b` finds, on every fixture file and on edge cases
    /// (word characters and Unicode digits around the id, ids run together).
    #[test]
    fn nct_id_scanner_matches_the_regex() {
        let regex = regex::Regex::new(r"\bNCT\d{8}\b").unwrap();
        let mut texts: Vec<String> = [
            "NCT01234567",
            "xNCT01234567",
            "NCT012345678",
            "NCT0123456",
            "(NCT01234567)",
            "NCTNCT01234567 NCT07654321",
            "éNCT01234567",
            "NCT01234567é",
            "NCT0123456\u{663}",
            "NCT\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}\u{667}\u{668}.",
            "NCT\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}\u{667}\u{668}\u{669}",
            "_NCT01234567",
            "NCT01234567_",
            "\u{a0}NCT01234567\u{a0}",
            "NCT 01234567 NCT0123456 NCT01234567",
            "ŃNCT01234567 NCT11111111",
            "NCT",
            "",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::fixture_files() {
            texts.extend(all.lines().filter(|l| l.contains("NCT")).map(String::from));
            texts.push(all.clone());
        }
        let mut found = 0;
        for t in &texts {
            let want = regex.find(t).map(|m| m.as_str().to_string());
            assert_eq!(find_nct_id(t), want, "{t:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 100, "{found}");
    }
}
