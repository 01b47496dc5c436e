//! Label and value helpers every page reader shares: how pages write a label ("Recruitment
//! Status :" with the glossary's space before the colon, "Study Type:" with a tab before the
//! value), list markers, "Type: name" interventions, acronyms after titles, places, contact
//! lines and citations.
//!
//! Values read here go through the same warning helpers as the structured readers' values
//! (`iso_or_warn`, `age_bound`, `yes_no`, `enum_or_warn`), so a bad date, age, count or
//! enumeration on a page gives the warning it gives in the XML, never a silent null.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::{
    Age, Contact, ContactRole, DateType, DatedEvent, InterventionType, Reference, ReferenceType,
    Site, Trial, WarningCode,
};
use crate::normalize::checked;
use crate::normalize::enums::Vocab;
use crate::normalize::scan::is_digit;
use crate::normalize::{age, numbers, text};
use crate::sources::page::outline::Line;

/// A label as a comparison key: lower case, spaces folded, a trailing colon (with or without
/// the glossary's space before it) removed. "Recruitment Status :" and "recruitment  status"
/// give the same key.
pub fn label_key(raw: &str) -> String {
    // `text::line` leaves no white space at either end and single spaces inside.
    let mut key = text::line(raw).unwrap_or_default();
    key.truncate(key.trim_end_matches([':', ' ']).len());
    if !key.is_ascii() {
        return key.to_lowercase();
    }
    key.make_ascii_lowercase();
    key
}

/// A line cut at its first colon into a label and the value after it, both trimmed: how
/// pages print a field on one line ("Study Type :\t Observational"). `None` when the line
/// has no colon or nothing before it.
pub fn split_label(line: &str) -> Option<(&str, &str)> {
    let (label, value) = line.split_once(':')?;
    let label = label.trim();
    (!label.is_empty()).then(|| (label, value.trim()))
}

/// A table's lines cut into cells: a copy of a table row puts a tab between its cells, so
/// "Scleroderma, Systemic`\t`Drug: imatinib mesylate`\t`Phase 2" is three cells. Empty
/// cells are kept where `keep_empty` (a table read by column position).
pub fn cells(lines: &[Line], keep_empty: bool) -> Vec<Line> {
    let mut out = Vec::new();
    for l in lines {
        if !l.text.contains('\t') {
            out.push(l.clone());
            continue;
        }
        for cell in l.text.split('\t') {
            let text = cell.trim();
            if keep_empty || !text.is_empty() {
                out.push(Line {
                    indent: l.indent,
                    text: text.to_string(),
                });
            }
        }
    }
    out
}

/// Phrases (lower case) that lines made of nothing else are ([`phrases_only`]), with the
/// words they are made of, sorted, to turn most lines down at a look-up.
pub struct Phrases<'a> {
    /// The phrases, longest first (the order they are removed in).
    longest_first: Vec<&'a str>,
    words: Vec<&'a str>,
}

impl<'a> Phrases<'a> {
    /// The phrases of `list`.
    pub fn new(list: &'a [&'a str]) -> Phrases<'a> {
        let mut words: Vec<&str> = list.iter().flat_map(|p| p.split(' ')).collect();
        words.sort_unstable();
        words.dedup();
        let mut longest_first = list.to_vec();
        longest_first.sort_by_key(|p| std::cmp::Reverse(p.len()));
        Phrases {
            longest_first,
            words,
        }
    }
}

/// How many of `phrases` a line is made of, when it is made of nothing else: a bar of links
/// copied onto one line ("Disclaimer U.S. National Library of Medicine"). `None` when
/// anything else is left.
pub fn phrases_only(line: &str, phrases: &Phrases<'_>) -> Option<usize> {
    phrases_only_key(&label_key(line), phrases)
}

/// [`phrases_only`] of a line whose [`label_key`] is `key`.
pub fn phrases_only_key(key: &str, phrases: &Phrases<'_>) -> Option<usize> {
    // Removing a phrase takes whole space-separated words out and leaves the others as they
    // were, so a word with anything but spaces and bars in it must be a word of a phrase:
    // most lines fail on their first such word, with no phrase searched for.
    let solid = |w: &&str| {
        w.chars()
            .any(|c| !(c.is_whitespace() || matches!(c, '|' | '•' | '·')))
    };
    let in_a_phrase = |word: &str| phrases.words.binary_search(&word).is_ok();
    let words: Vec<&str> = key.split(' ').collect();
    if !words.iter().copied().filter(solid).all(in_a_phrase) {
        return None;
    }
    remove_phrases(key, &words, &phrases.longest_first)
}

/// `phrases_only` on a line's label key (made of `words`): each phrase removed wherever it
/// stands, in the order given (longest first).
fn remove_phrases(key: &str, words: &[&str], longest_first: &[&str]) -> Option<usize> {
    let mut rest = format!(" {key} ");
    let mut n = 0;
    for p in longest_first {
        // Removing a phrase leaves the other words, so a phrase whose first word is no word
        // of the key is never found: it is passed over without building its needle and
        // searcher (a page's furniture lines tried every phrase, 1.6 M instructions a page).
        if !p
            .split(' ')
            .next()
            .is_some_and(|first| words.contains(&first))
        {
            continue;
        }
        let needle = format!(" {p} ");
        while let Some(at) = rest.find(&needle) {
            rest.replace_range(at..at + needle.len() - 1, "");
            n += 1;
        }
    }
    let left = rest.trim_matches(|c: char| c.is_whitespace() || matches!(c, '|' | '•' | '·'));
    (n > 0 && left.is_empty()).then_some(n)
}

/// The text of a list item without its marker: a bullet ("•", "·", "▪", "*", "-") or a
/// number ("1.", "2)"). `None` for a line that is not a list item.
pub fn strip_marker(line: &str) -> Option<&str> {
    let s = line.trim_start();
    for b in ["•", "·", "▪", "◦", "*", "-"] {
        if let Some(rest) = s.strip_prefix(b) {
            return Some(rest.trim_start());
        }
    }
    number_marker_end(s).map(|end| &s[end..])
}

/// Where a match of `^\d{1,3}[.)]\s+` (Unicode digits and white space) ends in `s`, scanned:
/// the regex's Unicode automaton cost more to build than the lines it was tried on.
fn number_marker_end(s: &str) -> Option<usize> {
    let digits = crate::normalize::scan::skip_digits(s, 0);
    let count = s[..digits].chars().count();
    if !(1..=3).contains(&count) {
        return None;
    }
    let rest = s[digits..].strip_prefix(['.', ')'])?;
    let after = rest.trim_start();
    (after.len() < rest.len()).then(|| s.len() - after.len())
}

/// "Drug: imatinib mesylate" → (DRUG, "imatinib mesylate"); `None` when the part before the
/// colon names no intervention type.
pub fn typed_intervention(s: &str) -> Option<(InterventionType, String)> {
    let (head, name) = s.split_once(':')?;
    let kind = InterventionType::from_words(head)?;
    Some((kind, text::line(name)?))
}

/// "Efficacy of X (ACRONYM)" → ("Efficacy of X", Some("ACRONYM")): both sites print the
/// acronym in parentheses after the brief title. An aside that is not an acronym (lower
/// case words, "(in adults)") stays part of the title.
pub fn split_acronym(title: &str) -> (String, Option<String>) {
    let title = text::line(title).unwrap_or_default();
    match acronym_parts(&title) {
        Some((name, acr)) if !abbreviates(name, acr) => (name.to_string(), Some(acr.to_string())),
        _ => (title, None),
    }
}

/// "Information provided by (Responsible Party)": the information provider, who the page says
/// is the responsible party too. A party already read (the classic page's own row, which may
/// say more) stands; pages without that row state it only here.
pub(super) fn responsible_provider(t: &mut Trial, v: &str) {
    let provider = text::line(v);
    t.sponsors.information_provider = provider.clone();
    if let Some(v) = provider.filter(|_| t.sponsors.responsible_party.is_none()) {
        responsible_party(t, &v);
    }
}

/// The responsible party: older pages "Name / Official title, Organization"; newer ones
/// name the sponsor, or an investigator ("Pablo H. Goldberg, New York State Psychiatric
/// Institute"). The classic page prints it in its own row and in the header's "Information
/// provided by (Responsible Party)"; the modern page after the provider's name.
pub(super) fn responsible_party(t: &mut Trial, v: &str) {
    let (name, rest) = match v.split_once(" / ") {
        Some((n, r)) => (text::line(n), Some(r)),
        None => (text::line(v), None),
    };
    let mut party = crate::model::ResponsibleParty {
        kind: None,
        name,
        title: None,
        affiliation: None,
    };
    if let Some(rest) = rest {
        let sponsors = &t.sponsors;
        let mut orgs = (sponsors.lead.iter().filter_map(|o| o.name.as_deref()))
            .chain(sponsors.information_provider.as_deref());
        match orgs.find_map(|o| rest.rfind(o).filter(|&i| i > 0)) {
            Some(i) => {
                party.title = text::line(rest[..i].trim_end().trim_end_matches(','));
                party.affiliation = text::line(&rest[i..]);
            }
            None => party.title = text::line(rest),
        }
    }
    t.sponsors.responsible_party = Some(party);
}

/// The acronym after a title as the reader first matched it; `acronym_parts` reads it now,
/// and the tests check it against this pattern.
#[cfg(test)]
const ACRONYM: &str = r"^(?P<title>.+?)\s*\((?P<acr>[^\s()]*[A-Z][^\s()]*[A-Z][^\s()]*)\)$";

/// [`ACRONYM`]'s groups (title, acronym) in `t`, scanned: the acronym is what stands between
/// the last "(" and the ")" that ends `t`, with no white space or parenthesis and two
/// capitals at least; the title is what comes before, white space after it left out (at
/// least one character, none a line break, as the lazy `.+?` takes).
fn acronym_parts(t: &str) -> Option<(&str, &str)> {
    let inner = t.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let acr = &inner[open + 1..];
    let plain = !acr.contains(|c: char| c.is_whitespace() || c == '(' || c == ')');
    if !plain || acr.bytes().filter(u8::is_ascii_uppercase).count() < 2 {
        return None;
    }
    let before = &inner[..open];
    let first = before.chars().next()?.len_utf8();
    let name = &before[..before.trim_end().len().max(first)];
    (!name.contains('\n')).then_some((name, acr))
}

/// True when `acr` is the initials of the words just before it ("Obsessive-Compulsive
/// Disorder (OCD)", "Non-Small Cell Lung Cancer (NSCLC)"): the title spelling out a term
/// and its abbreviation, not the study's acronym.
fn abbreviates(before: &str, acr: &str) -> bool {
    let letters: Vec<char> = acr
        .chars()
        .filter(|c| c.is_alphabetic())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let words: Vec<&str> = before
        .split([' ', '-', '/'])
        .filter(|w| !w.is_empty())
        .collect();
    if letters.len() < 2 || words.len() < letters.len() {
        return false;
    }
    let initials: Vec<char> = words[words.len() - letters.len()..]
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    initials == letters
}

/// A yes/no value ("Yes", "No", "Accepts Healthy Volunteers"); anything else is null with
/// the warning the structured readers give.
pub fn yes_no(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<bool> {
    checked::yes_no(t, path, raw)
}

/// An ISO 8601 date, or null with a `bad-date` warning quoting a value that holds none.
pub fn date(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<String> {
    checked::date(t, path, raw)
}

/// A dated event whose type the page states apart from the date (on the label).
pub fn dated(t: &mut Trial, path: &str, raw: Option<&str>, kind: Option<DateType>) -> DatedEvent {
    let date = date(t, path, raw);
    DatedEvent {
        kind: date.as_ref().and(kind),
        date,
    }
}

/// Sets the age bounds from a range as pages print it ("18 Years and older (Adult, Older
/// Adult)", "18 to 70 years old", "Child, Adult"); a range that names no age is warned
/// about as the structured readers warn about an unreadable bound.
pub fn set_ages(t: &mut Trial, raw: Option<&str>) {
    let Some(raw) = raw.map(str::trim).filter(|r| !r.is_empty()) else {
        return;
    };
    // The age groups the page adds in parentheses are derived, not bounds.
    let bounds = raw.split('(').next().unwrap_or(raw).trim();
    let (lo, hi): (Option<Age>, Option<Age>) = age::range(bounds);
    if lo.is_none() && hi.is_none() && !bounds.is_empty() {
        let only = checked::age_bound(t, "eligibility.minimum_age", Some(bounds));
        t.eligibility.minimum_age = only;
        return;
    }
    t.eligibility.minimum_age = lo;
    t.eligibility.maximum_age = hi;
}

/// A participant count ("40 participants", "1,200", "1 500"): the number the value starts
/// with ([`numbers::leading_count`]); a value that holds
/// no count ("many", "1,5", "18-20", "15x") is null with a `bad-number` warning, as it is in
/// structured records.
pub fn count(t: &mut Trial, path: &str, raw: Option<&str>) -> Option<u64> {
    let raw = raw.map(str::trim).filter(|r| !r.is_empty())?;
    let n = numbers::leading_count(raw);
    if n.is_none() {
        t.warn(
            WarningCode::BadNumber,
            path,
            format!("{raw:?} is not a count"),
        );
    }
    n
}

/// One design field of the classic and Tabular View pages ("Allocation", "Masking"), mapped
/// as the legacy XML maps it.
pub fn design_field(t: &mut Trial, key: &str, value: &str) {
    crate::normalize::design::design_field(t, key, value)
}

/// Warns of a line that belongs to a list's item (an arm's, a site's) but stands before the
/// first item of the list.
pub fn before_first(t: &mut Trial, path: &str, item: &str, line: &str) {
    t.warn(
        WarningCode::UnparsedText,
        path,
        format!("text before the first {item}: {line:?}"),
    );
}

/// A design field that the modern and Veeva pages each give under its own label; parsed
/// from that label, which both pages print alike but for case ("Primary Purpose" on one,
/// "Primary purpose" on the other).
#[derive(Debug, Clone, Copy, PartialEq, Eq, strum::EnumString)]
#[strum(ascii_case_insensitive)]
pub enum Design {
    /// Primary purpose.
    #[strum(serialize = "Primary purpose")]
    PrimaryPurpose,
    /// Allocation.
    #[strum(serialize = "Allocation")]
    Allocation,
    /// Intervention model.
    #[strum(serialize = "Interventional model")]
    InterventionModel,
    /// Observational model.
    #[strum(serialize = "Observational model")]
    ObservationalModel,
    /// Time perspective.
    #[strum(serialize = "Time perspective")]
    TimePerspective,
    /// Masking (level and roles, as worded).
    #[strum(serialize = "Masking")]
    Masking,
}

/// Sets one [`Design`] field from the label's first value: the vocabularies read it, a
/// wording they do not know is warned of.
pub fn set_design(t: &mut Trial, field: Design, value: Option<&str>) {
    match field {
        Design::PrimaryPurpose => {
            t.design.primary_purpose = t.enum_or_warn("design.primary_purpose", value)
        }
        Design::Allocation => t.design.allocation = t.enum_or_warn("design.allocation", value),
        Design::InterventionModel => {
            t.design.intervention_model = t.enum_or_warn("design.intervention_model", value)
        }
        Design::ObservationalModel => {
            t.design.observational_model = t.enum_or_warn("design.observational_model", value)
        }
        Design::TimePerspective => {
            t.design.time_perspective = t.enum_or_warn("design.time_perspective", value)
        }
        Design::Masking => {
            if let Some(v) = value {
                t.set_masking(v);
            }
        }
    }
}

/// The study's ClinicalTrials.gov address, as the structured readers write it.
pub fn study_url(nct_id: Option<&str>) -> Option<String> {
    crate::sources::study_url(nct_id)
}

/// A place split into its parts.
pub struct Place {
    /// City.
    pub city: Option<String>,
    /// State or region.
    pub state: Option<String>,
    /// Postal code.
    pub zip: Option<String>,
    /// Country name.
    pub country: Option<String>,
}

impl Place {
    /// A site at this place, with its facility name if the page gives one.
    pub fn into_site(self, facility: Option<&str>) -> Site {
        Site {
            facility: facility.and_then(text::line),
            city: self.city,
            state: self.state,
            zip: self.zip,
            country: self.country,
            ..Site::default()
        }
    }
}

/// "Bordeaux, France, 33076" or "Durham, North Carolina, United States, 27710": the part
/// that names a country splits the city (and state) before it from the postal code after.
pub fn split_place(s: &str) -> Option<Place> {
    let parts: Vec<&str> = s.split(',').map(str::trim).collect();
    if parts.len() < 2 {
        return None;
    }
    let ci = (1..parts.len())
        .rev()
        .find(|&i| crate::normalize::country::code(parts[i]).is_some())?;
    let city = text::line(parts[0]);
    let state = (ci > 1).then(|| parts[1..ci].join(", "));
    let zip = (ci + 1 < parts.len()).then(|| parts[ci + 1..].join(", "));
    Some(Place {
        city,
        state: state.and_then(|s| text::line(&s)),
        zip: zip.and_then(|s| text::line(&s)),
        country: text::line(parts[ci]),
    })
}

static EMAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+").unwrap());
static PHONE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\+?\d[\d\s().-]{5,}\d(?:\s*(?:ext\.?|x)\s*\d+)?").unwrap());

/// "Jane Doe, MD  555-123-4567  jane@example.org" → a contact.
pub fn contact_line(s: &str, role: Option<ContactRole>) -> Contact {
    // Neither regex is compiled for a line that cannot hold a match: an email has an `@`, a
    // phone number two digits or more (most contact lines of a page are names).
    let email = s
        .contains('@')
        .then(|| EMAIL.find(s))
        .flatten()
        .map(|m| m.as_str().to_string());
    let digits = s.chars().filter(|c| is_digit(*c)).take(2).count();
    let phone = (digits == 2)
        .then(|| PHONE.find(s))
        .flatten()
        .and_then(|m| text::line(m.as_str()));
    let mut name = s.to_string();
    for found in [&email, &phone].into_iter().flatten() {
        name = name.replace(found.as_str(), " ");
    }
    Contact {
        name: text::line(&name),
        role,
        phone,
        email,
    }
}

/// True for a line that holds contact details only (a phone number or an email address),
/// which continues the contact named above it.
pub fn is_contact_details(s: &str) -> bool {
    let c = contact_line(s, None);
    (c.phone.is_some() || c.email.is_some())
        && c.name
            .as_deref()
            .is_none_or(|n| n.chars().all(|ch| !ch.is_alphabetic()) || n.len() <= 6)
}

/// A citation and the PubMed id it ends with ("… 2009;360(9):859-73. PubMed 19246357" or
/// "PMID: 19246357"): the id is taken out of the citation text.
pub fn citation(s: &str) -> (Option<String>, Option<String>) {
    static PMID: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\s*\bPubMed\s*:?\s*(\d+)\s*$|\s*\bPMID:\s*(\d+)\.?").unwrap()
    });
    let pmid = PMID
        .captures(s)
        .and_then(|c| c.get(1).or(c.get(2)))
        .map(|m| m.as_str().to_string());
    (text::line(&PMID.replace(s, "")), pmid)
}

/// Adds a citation line to a reference list; PubMed's note on the line below a citation
/// ("Retraction in: …") joins the citation above it, unless the citation already says it.
pub fn add_reference(refs: &mut Vec<Reference>, kind: Option<ReferenceType>, line: &str) {
    if is_citation_note(line) {
        if let Some(last) = refs.last_mut() {
            let note = text::line(line).unwrap_or_default();
            let known = last
                .citation
                .as_deref()
                .is_some_and(|c| text::squash(c).contains(&text::squash(&note)));
            if !known {
                last.citation = text::line(&format!(
                    "{} {note}",
                    last.citation.as_deref().unwrap_or_default()
                ));
            }
            return;
        }
    }
    let (citation, pmid) = citation(line);
    refs.push(Reference {
        citation,
        pmid,
        kind,
    });
}

/// True for a line that annotates the citation above it, as PubMed writes such notes
/// ("Retraction in: …", "Erratum in: …", "Comment in: …", "Update of: …").
pub fn is_citation_note(s: &str) -> bool {
    static NOTE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"^(?:Retraction|Retracted|Erratum|Comment|Update|Republished|Corrected and republished|Expression of concern|Reprint|Summary for patients)\s+(?:in|of|on|for|from)\s*:",
        )
        .unwrap()
    });
    NOTE.is_match(s.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each page's spelling of a design label names the field; a line that only starts with
    /// one names none.
    #[test]
    fn design_labels_of_both_pages() {
        for (modern, veeva, want) in [
            ("Primary Purpose", "Primary purpose", Design::PrimaryPurpose),
            (
                "Interventional Model",
                "Interventional model",
                Design::InterventionModel,
            ),
            (
                "Time Perspective",
                "Time perspective",
                Design::TimePerspective,
            ),
            ("Masking", "Masking", Design::Masking),
        ] {
            assert_eq!(modern.parse::<Design>(), Ok(want));
            assert_eq!(veeva.parse::<Design>(), Ok(want));
        }
        assert!("Masking: None".parse::<Design>().is_err());
    }

    /// `number_marker_end` ends where `^\d{1,3}[.)]\s+` does, on every line of the fixtures
    /// and on edge cases (Unicode digits and white space, four digits, no space).
    #[test]
    fn number_marker_scanner_matches_the_regex() {
        let regex = Regex::new(r"^\d{1,3}[.)]\s+").unwrap();
        let mut lines: Vec<String> = [
            "1. a",
            "12) b",
            "123. c",
            "1234. d",
            "1.",
            "1.x",
            "1.\u{a0}\u{2003}x",
            "\u{661}. x",
            "\u{661}\u{662}\u{663}\u{664}) x",
            ". x",
            "",
            "9)\t\n",
            "1 . x",
            "x1. y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::fixture_files() {
            lines.extend(all.lines().map(|l| l.trim_start().to_string()));
        }
        let mut found = 0;
        for l in &lines {
            let want = regex.find(l).map(|m| m.end());
            assert_eq!(number_marker_end(l), want, "{l:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 100, "{found}");
    }

    /// The `@` and two-digit checks before the regexes leave what they find unchanged.
    #[test]
    fn contact_shortcuts_find_what_the_regexes_do() {
        for line in [
            "Jane Doe, MD  555-123-4567  jane@example.org",
            "Geneviève CHENE, Pr University Hospital, Bordeaux, France",
            "Contact: +33 (0)5 57 82 00 00 ext 12",
            "Contact: \u{661}\u{662}\u{663}\u{664}\u{665}\u{666}\u{667}",
            "x@y",
            "mail: jean.dupont@chu-bordeaux.fr",
            "Room 12",
            "",
        ] {
            let c = contact_line(line, None);
            assert_eq!(
                c.email,
                EMAIL.find(line).map(|m| m.as_str().to_string()),
                "{line}"
            );
            let phone = PHONE.find(line).and_then(|m| text::line(m.as_str()));
            assert_eq!(c.phone, phone, "{line}");
        }
    }

    #[test]
    fn labels_match_with_or_without_the_glossary_space() {
        assert_eq!(label_key("Recruitment Status :"), "recruitment status");
        assert_eq!(label_key("Recruitment  Status:"), "recruitment status");
        assert_eq!(
            split_label("Study Type :\t Observational"),
            Some(("Study Type", "Observational"))
        );
        assert_eq!(split_label(": x"), None);
    }

    /// `label_key` gives what its first form (`to_lowercase` of the trimmed line) gives, on
    /// every line of the fixtures and on edge cases.
    #[test]
    fn label_key_as_first_written() {
        let mut lines: Vec<String> = ["", " : ", "A :", "  Ü  x :: ", "ǅ:", ":a:", "Straße"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        for all in crate::test_texts::fixture_files() {
            lines.extend(all.lines().map(String::from));
        }
        for l in &lines {
            let folded = text::line(l).unwrap_or_default();
            let want = folded.trim_end_matches([':', ' ']).trim().to_lowercase();
            assert_eq!(label_key(l), want, "{l:?}");
        }
    }

    /// `acronym_parts` finds [`ACRONYM`]'s groups, on every line of the fixtures and on
    /// edge cases (white space, line breaks, parentheses, capitals).
    #[test]
    fn acronym_scanner_matches_the_regex() {
        let regex = Regex::new(ACRONYM).unwrap();
        let mut lines: Vec<String> = [
            "A Study (ABC)",
            "(AB)",
            " (AB)",
            "\n (AB)",
            "x\n(AB)",
            "x \n (AB)",
            "x(AB)",
            "x (A B)",
            "x (A(B)",
            "x ((AB)",
            "x (aB)",
            "x (a-B-c-D)",
            "x\u{2003}(ÉAB)",
            "x (AB) ",
            "x (AB))",
            "x ()",
            "x  \u{a0}(AB)",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::fixture_files() {
            lines.extend(all.lines().filter(|l| l.contains('(')).map(String::from));
        }
        let mut found = 0;
        for l in &lines {
            let want = regex.captures(l).map(|c| {
                let g = |n: &str| c.name(n).unwrap().as_str();
                (g("title"), g("acr"))
            });
            found += usize::from(want.is_some());
            assert_eq!(acronym_parts(l), want, "{l:?}");
        }
        assert!(found > 30, "{found}");
    }

    #[test]
    fn link_bars_copied_onto_one_line() {
        let footer = ["disclaimer", "u.s. national library of medicine", "home"];
        let footer = Phrases::new(&footer);
        assert_eq!(
            phrases_only("Disclaimer U.S. National Library of Medicine", &footer),
            Some(2)
        );
        assert_eq!(phrases_only("Disclaimer of liability", &footer), None);
        let row = [Line {
            indent: 0,
            text: "A\t\tB".into(),
        }];
        assert_eq!(cells(&row, true).len(), 3);
        assert_eq!(cells(&row, false).len(), 2);
    }

    /// The word check gives what removing the phrases alone gives, on every line of the seed
    /// pages and on lines made of phrases.
    #[test]
    fn phrases_only_word_check_changes_nothing() {
        let phrases = [
            "skip to main content",
            "go to",
            "top of page",
            "to top",
            "disclaimer",
            "u.s. national library of medicine",
            "|",
        ];
        let mut lines: Vec<String> = [
            "Go to | Top of page",
            "Disclaimer U.S. National Library of Medicine",
            "top of page go",
            "| • ·",
            "",
            "go  to",
            "go to go to",
            "to top to top of page",
            "go go to to",
            "top of page | go to | disclaimer x",
            "é go to",
            "go to é",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for seed in ["NCT00479934", "NCT06722105"] {
            let path = format!("{}/fixtures/seeds/{seed}.txt", env!("CARGO_MANIFEST_DIR"));
            lines.extend(
                std::fs::read_to_string(path)
                    .unwrap()
                    .lines()
                    .map(String::from),
            );
        }
        let list = Phrases::new(&phrases);
        let mut some = 0;
        for l in &lines {
            // Every phrase's words as the key's: no phrase passed over.
            let slow = remove_phrases(&label_key(l), &list.words, &list.longest_first);
            assert_eq!(phrases_only(l, &list), slow, "{l:?}");
            some += usize::from(slow.is_some());
        }
        assert!(some >= 3 && lines.len() > 200, "{some} of {}", lines.len());
    }

    #[test]
    fn markers_bullets_and_numbers() {
        assert_eq!(
            strip_marker("  1. Change in ctDNA"),
            Some("Change in ctDNA")
        );
        assert_eq!(strip_marker("• item"), Some("item"));
        assert_eq!(strip_marker("2010 was a year"), None);
    }

    #[test]
    fn places() {
        let p = split_place("Toulouse, France, 31059 Toulouse Cedex").unwrap();
        assert_eq!(p.city.as_deref(), Some("Toulouse"));
        assert_eq!(p.country.as_deref(), Some("France"));
        assert_eq!(p.zip.as_deref(), Some("31059 Toulouse Cedex"));
        let p = split_place("Durham, North Carolina, United States, 27710").unwrap();
        assert_eq!(p.state.as_deref(), Some("North Carolina"));
        assert!(split_place("Service de Dermatologie - CHG Libourne").is_none());
    }

    #[test]
    fn acronym_after_title() {
        assert_eq!(
            split_acronym("Efficacy and Safety of Imatinib in Scleroderma (SCLEROGLIVEC)"),
            (
                "Efficacy and Safety of Imatinib in Scleroderma".into(),
                Some("SCLEROGLIVEC".into())
            )
        );
        assert_eq!(split_acronym("A study (in adults)").1, None);
        // The title spelling out a term and its abbreviation keeps both.
        assert_eq!(
            split_acronym("Ketamine for Pediatric-Refractory Obsessive-Compulsive Disorder (OCD)"),
            (
                "Ketamine for Pediatric-Refractory Obsessive-Compulsive Disorder (OCD)".into(),
                None
            )
        );
    }

    #[test]
    fn page_counts_read_thousands_and_warn_on_a_decimal_comma() {
        let mut t = Trial::default();
        assert_eq!(
            count(&mut t, "enrollment.count", Some("1,500 participants")),
            Some(1500)
        );
        assert_eq!(count(&mut t, "enrollment.count", Some("40")), Some(40));
        assert!(t.warnings.is_empty());
        assert_eq!(count(&mut t, "enrollment.count", Some("1 500")), Some(1500));
        assert!(t.warnings.is_empty());
        // "1,5" is 1.5 or 15: no count is made up, nor from a range's or a decimal's start.
        assert_eq!(
            count(&mut t, "enrollment.count", Some("1,5 participants")),
            None
        );
        for no_count in ["18-20", "18.5", "1.500 participants", "15x"] {
            assert_eq!(count(&mut t, "enrollment.count", Some(no_count)), None);
        }
        assert_eq!(t.warnings.len(), 5);
        assert_eq!(t.warnings[0].code, WarningCode::BadNumber);
        assert!(t.warnings[0].message.contains("\"1,5 participants\""));
    }

    #[test]
    fn bad_page_values_warn_as_structured_ones_do() {
        let mut t = Trial::default();
        assert_eq!(date(&mut t, "status.first_posted", Some("soon")), None);
        assert_eq!(count(&mut t, "enrollment.count", Some("many")), None);
        set_ages(&mut t, Some("adults only"));
        assert_eq!(
            yes_no(&mut t, "eligibility.healthy_volunteers", Some("maybe")),
            None
        );
        let codes: Vec<WarningCode> = t.warnings.iter().map(|w| w.code).collect();
        assert_eq!(
            codes,
            [
                WarningCode::BadDate,
                WarningCode::BadNumber,
                WarningCode::BadAge,
                WarningCode::UnmappedEnum
            ]
        );
    }

    #[test]
    fn citations_and_their_notes() {
        let (c, pmid) =
            citation("Smith J. A trial. N Engl J Med. 2009;360(9):859-73. PubMed 19246357");
        assert_eq!(pmid.as_deref(), Some("19246357"));
        assert_eq!(
            c.as_deref(),
            Some("Smith J. A trial. N Engl J Med. 2009;360(9):859-73.")
        );
        assert!(is_citation_note(
            "Retraction in: Shao ZM. Clin Cancer Res. 2002"
        ));
        assert!(!is_citation_note("Retraction of a claim is discussed"));
    }
}
