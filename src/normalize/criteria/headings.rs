//! Section headings of criteria texts, and what each does to the section and the tree:
//!
//! - bare headings only switch the section ("Inclusion Criteria:", "KEY EXCLUSION CRITERIA",
//!   "3.1.1.b. Exclusion criteria");
//! - headings that say more are kept as a criterion holding the items under them ("Exclusion
//!   Criteria for Stage 1", "Transplant Inclusion:", "Additional inclusion criteria for the
//!   prospective phase are:", "Subjects who meet any of the following exclusion criteria …");
//! - a heading whose last words are the section's, after the name of a sub-study, cohort or
//!   part ("Eligibility criteria for the secondary randomisation to … lamivudine+abacavir
//!   Inclusion criteria", "3.1.2. Healthy controls 3.1.2.a. Inclusion criteria",
//!   "Polyneuropathy Inclusion Criteria:"), is kept too, and its name scopes the bare heading
//!   of the other section that follows it ("Exclusion criteria"): that heading's items are
//!   held under the same name, not mixed with the main study's.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::lean::Lean;
use crate::normalize::scan;

use super::{marker_match, Section};

/// A bare section heading: "Inclusion Criteria:", "KEY EXCLUSION CRITERIA", "Exclusion".
/// Text after "criteria:" or "criteria -" on the same line is kept as an item. Read by
/// `bare_heading`, which the tests check against this pattern.
#[cfg(test)]
const HEADING_PATTERN: &str = r"(?i)^(?:(?:key|main|major|general|principal|study|eligibility)\s+)?(?P<kind>inclusion|exclusion|non[- ]?inclusion)(?:\s+criteri(?:a|on))?(?:\s*(?:[:\-–]\s*(?P<rest>.*?))?|\s*:?\s*)$";

/// A labelled or qualified heading ("Transplant Inclusion:", "Exclusion Criteria for Stage
/// 1", "Swab exclusion criteria - ...:", "Additional inclusion criteria for the prospective
/// phase are:") or a sentence introducing a list ("Subjects who meet any of the following
/// exclusion criteria ...:"). The section changes and the line is kept, as the words say more
/// than the section.
///
/// One alternation, anchored at both ends, cut into its four branches, tried in its order (a
/// match starts at 0, so the first branch that matches is the one the alternation takes,
/// with the same groups): each branch compiles only for a line that holds what it needs
/// (`NamedForm::may_match`), and the branches with Unicode `\w` repeated cost most of a
/// one-record process's start-up when built as one regex for any line with "clusion".
static NAMED_HEADING: LazyLock<[(NamedForm, Lean); 4]> = LazyLock::new(|| {
    [
        NamedForm::Labelled,
        NamedForm::Qualified,
        NamedForm::Both,
        NamedForm::Intro,
    ]
    .map(|form| (form, Lean::made(form.pattern())))
});

/// The branches of `NAMED_HEADING`.
#[derive(Clone, Copy, PartialEq)]
enum NamedForm {
    Labelled,
    Qualified,
    Both,
    Intro,
}

impl NamedForm {
    /// The branch's pattern, anchored at both ends.
    fn pattern(self) -> String {
        const KIND: &str = "(?P<kind>inclusion|exclusion|non[- ]?inclusion)";
        let body = match self {
            // "Transplant Inclusion:", "Exclusion Criteria (stage 2):": words before the
            // section's (`q`), a colon at the end.
            NamedForm::Labelled => format!(
                r"(?P<q>(?:[\w-]+\s+){{0,3}}){KIND}(?:\s+criteri(?:a|on))?\s*(?:[(\-–].*)?:"
            ),
            // "Exclusion Criteria for Stage 1".
            NamedForm::Qualified => format!(r"{KIND}\s+criteri(?:a|on)\b[^:.;]{{1,40}}:?"),
            // "Additional inclusion criteria for the prospective phase are:".
            NamedForm::Both => {
                format!(r"(?P<q>(?:[\w-]+\s+){{1,3}}){KIND}\s+criteri(?:a|on)\b[^:.;]{{1,40}}:")
            }
            // "Subjects who meet any of the following exclusion criteria ...".
            NamedForm::Intro => format!(r".*\bfollowing\s+{KIND}\s+criteri(?:a|on)\b.*"),
        };
        format!(r"(?i)^(?:{body})\s*$")
    }

    /// False when the branch cannot match `t` (what every match holds: a literal colon, the
    /// start of the section's words, "following"; none of these letters has a non-ASCII case
    /// fold, `named_heading_needs_hold` checks it), so it is not compiled.
    fn may_match(self, t: &str) -> bool {
        match self {
            NamedForm::Labelled | NamedForm::Both => t.contains(':'),
            NamedForm::Qualified => starts_kind(t),
            NamedForm::Intro => t.to_ascii_lowercase().contains("following"),
        }
    }
}

/// A character as `(?i)` compares it with an ASCII letter: lower case, and the two non-ASCII
/// characters that fold to one ("ſ" to s, the Kelvin sign to k; `fold_covers_every_letter`
/// checks there are no others).
pub(super) fn fold(c: char) -> char {
    match c {
        '\u{17F}' => 's',
        '\u{212A}' => 'k',
        _ => c.to_ascii_lowercase(),
    }
}

/// True when `t` starts with what the section's words (`inclusion|exclusion|non[- ]?inclusion`,
/// any case) start with: "incl", "excl" or "non".
fn starts_kind(t: &str) -> bool {
    ["incl", "excl", "non"]
        .iter()
        .any(|w| scan::fold_prefix(t, w).is_some())
}

/// `HEADING`'s match, scanned: the section's words as written (`kind`) and the text after
/// the separator (`rest`, where the pattern's group takes part). Every bare heading of every
/// criteria text goes through here, and the pattern's Unicode build cost more than all of
/// its searching. Its branches, as the backtracking pattern takes them: the optional first
/// word (when it is one, the section's words must follow); the section's words (the three
/// alternatives differ at their first letters; "non" takes "-" or " " when it can); the
/// optional "criteria"/"criterion" after white space (if what follows it cannot end the
/// match, neither can "criteria" itself, as it is no separator); then white space, and either
/// the end or a separator, white space and a `rest` with no line break (`.`). The second
/// ending alternative (`\s*:?\s*$`) only matches what the first does.
fn bare_heading(t: &str) -> Option<(&str, Option<&str>)> {
    const FIRST: &[&str] = &[
        "key",
        "main",
        "major",
        "general",
        "principal",
        "study",
        "eligibility",
    ];
    // Every alternative starts with one of these letters.
    if !t.starts_with(|c: char| matches!(fold(c), 'k' | 'm' | 'g' | 'p' | 's' | 'e' | 'i' | 'n')) {
        return None;
    }
    let start = FIRST
        .iter()
        .find_map(|w| {
            let after = scan::strip_fold_prefix(t, w)?;
            let spaced = after.trim_start();
            (spaced.len() < after.len()).then_some(spaced)
        })
        .unwrap_or(t);
    let after_kind = [
        "inclusion",
        "exclusion",
        "non-inclusion",
        "non inclusion",
        "noninclusion",
    ]
    .iter()
    .find_map(|w| scan::strip_fold_prefix(start, w))?;
    let kind = &start[..start.len() - after_kind.len()];
    let spaced = after_kind.trim_start();
    let criteria = (spaced.len() < after_kind.len())
        .then(|| scan::strip_fold_prefix(spaced, "criteri"))
        .flatten()
        .and_then(|c| scan::strip_fold_prefix(c, "a").or_else(|| scan::strip_fold_prefix(c, "on")));
    let end = |tail: &'_ str| -> Option<Option<usize>> {
        let tail = tail.trim_start();
        if tail.is_empty() {
            return Some(None);
        }
        let rest = tail.strip_prefix([':', '-', '–'])?.trim_start();
        (!rest.contains('\n')).then_some(Some(t.len() - rest.len()))
    };
    let found = criteria.and_then(end).or_else(|| end(after_kind))?;
    Some((kind, found.map(|at| &t[at..])))
}

/// The first branch of `NAMED_HEADING` that matches `t`: which, its words before the
/// section's (if any), and the section's words.
fn named_heading(t: &str) -> Option<(NamedForm, &str, &str)> {
    NAMED_HEADING.iter().find_map(|(form, lean)| {
        if !form.may_match(t) {
            return None;
        }
        let c = lean.captures(t)?;
        let words = c.name("q").map_or("", |m| m.as_str());
        Some((*form, words, c.name("kind")?.as_str()))
    })
}

/// A heading whose last words are the section's, after a name ("… lamivudine+abacavir
/// Inclusion criteria", "3.1.1. TTR mutation gene carriers 3.1.1.a. Inclusion criteria",
/// "Cohort 2, exclusion criteria"). The section words are capitalized, or set off by
/// punctuation, so that a sentence ending on them ("… does not meet inclusion criteria") is
/// not one; `heading` also checks the word before them. The name is 2 to
/// [`FINAL_HEADING_NAME`] characters: the upper bound is checked on the match, since
/// `.{2,200}` in the pattern made its automaton (200 copies of any Unicode character) most
/// of what one record cost to read in a process of its own. The name is the shortest that
/// lets the line match, so a match whose name is longer means no name within the bound does.
static FINAL_HEADING: Lean = Lean::unicode(
    r"^(?P<q>.{2,}?)(?P<sep>\s*[,;:–-]\s*|\s+)(?P<kind>(?i:inclusion|exclusion|non-?inclusion))\s+(?i:criteri(?:a|on))\s*:?$",
);

/// The most characters of the name before a heading's final section words.
const FINAL_HEADING_NAME: usize = 200;

/// A section's outline number before or after a heading's name: "3.1.1.b.", "4.2", "2.a.".
static OUTLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:\d{1,2}\.)+(?:\d{1,2}\.?|[a-zA-Z]\.)?(?:\s|$)").unwrap()
});

/// A section's outline number at the start of a heading ("3.1.1.b. Exclusion criteria").
static LEADING_OUTLINE: Lean = Lean::unicode(LEADING_OUTLINE_PATTERN);

const LEADING_OUTLINE_PATTERN: &str =
    r"^(?:\d{1,2}\.){2,}(?:[a-zA-Z]\.)?\s+|^\d{1,2}\.(?:\d{1,2}\.?|[a-zA-Z]\.)\s+";

/// A sentence's end inside a heading's name: the name is prose, not a name.
static SENTENCE_END: Lean = Lean::unicode(r"[.;!?](?:\s|$)");

/// List markers run into a line ("… years * MMSE …", "… 2. BMI …").
static RUN_OF_ITEMS: Lean = Lean::unicode(r"\s(?:[*•\-–]|\d{1,2}[.)])\s");

/// Words that, right before the section's words, make them the object of a sentence ("does
/// not meet inclusion criteria", "see the exclusion criteria") rather than a heading.
const NOT_A_NAME: &[&str] = &[
    "meet",
    "meets",
    "met",
    "meeting",
    "fulfil",
    "fulfill",
    "fulfils",
    "fulfills",
    "fulfilling",
    "fulfilled",
    "satisfy",
    "satisfies",
    "satisfying",
    "satisfied",
    "the",
    "all",
    "any",
    "these",
    "those",
    "of",
    "no",
    "per",
    "with",
    "by",
    "to",
    "in",
    "on",
    "for",
    "see",
    "under",
    "and",
    "or",
    "are",
    "is",
    "be",
];

/// Names that qualify no sub-study ("Other inclusion criteria", "Additional …"): a heading
/// named so opens no scope.
const GENERIC_NAMES: &[&str] = &[
    "other",
    "additional",
    "further",
    "general",
    "specific",
    "principal",
    "key",
    "main",
    "major",
    "study",
    "trial",
    "eligibility",
    "patient",
    "patients",
    "participant",
    "participants",
    "subject",
    "subjects",
];

/// A section heading inside a line ("… 18 to 26 Exclusion Criteria: * …"): capitalized and
/// with its colon, so that a sentence naming the criteria ("meets the inclusion criteria")
/// is not one.
#[cfg(test)]
const INLINE_HEADING: &str = r"(?:^|\s)(?P<h>(?:(?:Key|KEY|Main|MAIN)\s+)?(?:Inclusion|INCLUSION|Exclusion|EXCLUSION|Non-[Ii]nclusion|NON-INCLUSION)\s+(?:[Cc]riteria|CRITERIA)\s*:)";

/// The matches of [`INLINE_HEADING`] in `s`, leftmost first and not overlapping, as (match
/// start, heading start, end), scanned: every criteria text is searched line by line, and
/// the pattern's Unicode build cost more than the searching. A heading starts at one of its
/// capitals, at the text's start or after white space (the match then starts at that
/// character); the match that starts first is the one whose heading does.
fn inline_headings(s: &str) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    // Every match ends on "criteria" (in one of its cases), white space and a colon: a line
    // with no such colon (most lines) is not scanned letter by letter.
    let ends_one = s.match_indices(':').any(|(i, _)| {
        let before = s[..i].trim_end();
        before.ends_with("riteria") || before.ends_with("RITERIA")
    });
    if !ends_one {
        return out;
    }
    let (b, mut from, mut q) = (s.as_bytes(), 0, 0);
    while q < b.len() {
        if matches!(b[q], b'K' | b'M' | b'I' | b'E' | b'N') {
            let start = match s[..q].chars().next_back() {
                None => Some(0),
                Some(c) => c.is_whitespace().then(|| q - c.len_utf8()),
            };
            if let Some(p) = start.filter(|&p| p >= from) {
                if let Some(end) = inline_at(s, q) {
                    out.push((p, q, end));
                    (from, q) = (end, end);
                    continue;
                }
            }
        }
        q += 1;
    }
    out
}

/// Where [`INLINE_HEADING`]'s heading (its group `h`) starting at `q` ends, if one does: an
/// optional first word and white space (no section's words start as it does, so with the
/// word there, they must follow it), the section's words, white space, "criteria", white
/// space, a colon.
fn inline_at(s: &str, q: usize) -> Option<usize> {
    fn spaced(r: &str) -> Option<&str> {
        let t = r.trim_start();
        (t.len() < r.len()).then_some(t)
    }
    let t = &s[q..];
    let start = ["Key", "KEY", "Main", "MAIN"]
        .iter()
        .find_map(|w| spaced(t.strip_prefix(w)?))
        .unwrap_or(t);
    const KINDS: &[&str] = &[
        "Inclusion",
        "INCLUSION",
        "Exclusion",
        "EXCLUSION",
        "Non-Inclusion",
        "Non-inclusion",
        "NON-INCLUSION",
    ];
    let r = spaced(KINDS.iter().find_map(|k| start.strip_prefix(k))?)?;
    let r = ["Criteria", "criteria", "CRITERIA"]
        .iter()
        .find_map(|w| r.strip_prefix(w))?;
    let r = r.trim_start().strip_prefix(':')?;
    Some(s.len() - r.len())
}

/// What a heading line does.
pub(super) struct Heading<'a> {
    /// The section it opens.
    pub section: Section,
    /// The text it keeps as a criterion holding the items under it (None: a bare heading).
    pub kept: Option<&'a str>,
    /// The sub-study, cohort or part it names before the section's words: a bare heading of
    /// the other section after it holds its items under this name.
    pub scope: Option<&'a str>,
}

fn section_of(kind: &str) -> Section {
    if kind.eq_ignore_ascii_case("inclusion") {
        Section::Inclusion
    } else {
        Section::Exclusion
    }
}

/// The heading a line is, if any. `unmarked`: the line had no list marker, the only place a
/// name before the section's words ("Cohort 2 Inclusion criteria") makes a heading.
pub(super) fn heading(text: &str, unmarked: bool) -> Option<Heading<'_>> {
    let t = text.trim();
    // Cheap checks first: most lines are no heading, and the patterns are not cheap.
    if t.len() > 300 || !t.to_ascii_lowercase().contains("clusion") {
        return None;
    }
    // An outline number starts with a digit; most headings do not.
    let bare = match t.starts_with(crate::normalize::scan::is_digit) {
        true => LEADING_OUTLINE.find(t).map_or(t, |m| &t[m.end()..]),
        false => t,
    };
    if let Some((kind, rest)) = bare_heading(bare) {
        return Some(Heading {
            section: section_of(kind),
            kept: rest.map(str::trim).filter(|r| !r.is_empty()),
            scope: None,
        });
    }
    if let Some((form, words, kind)) = named_heading(t) {
        if !names_the_section(words) {
            return None;
        }
        return Some(Heading {
            section: section_of(kind),
            kept: Some(t),
            scope: (form == NamedForm::Labelled)
                .then(|| scope_name(words))
                .flatten(),
        });
    }
    if !unmarked {
        return None;
    }
    let c = FINAL_HEADING.captures(t)?;
    let group = |g: &str| c.name(g).map_or("", |m| m.as_str());
    let (name, kind) = (group("q"), group("kind"));
    if name.chars().count() > FINAL_HEADING_NAME {
        return None;
    }
    let set_off = !group("sep").trim().is_empty();
    let capital = kind.starts_with(|ch: char| ch.is_uppercase());
    let plain = OUTLINE.replace_all(name, " ");
    if !(capital || set_off)
        || !names_the_section(name)
        || name.split_whitespace().count() > 20
        || SENTENCE_END.is_match(plain.trim())
    {
        return None;
    }
    Some(Heading {
        section: section_of(kind),
        kept: Some(t),
        scope: scope_name(name),
    })
}

/// True when the words before a section's words name what the criteria are for ("Cohort
/// 2", "Transplant") rather than make them a sentence's object ("does not meet").
fn names_the_section(words: &str) -> bool {
    words
        .split_whitespace()
        .last()
        .map(str::to_lowercase)
        .is_none_or(|w| !NOT_A_NAME.contains(&w.as_str()))
}

/// The sub-study a heading names before its section's words, without a trailing outline
/// number or separator ("3.1.2. Healthy controls 3.1.2.a." → "3.1.2. Healthy controls"); none
/// when the words qualify nothing ("Other", "Key").
fn scope_name(words: &str) -> Option<&str> {
    let mut name = words
        .trim()
        .trim_end_matches([',', ';', ':', '-', '–'])
        .trim_end();
    while let Some(m) = OUTLINE.find_iter(name).last() {
        if m.end() < name.len() || m.start() == 0 {
            break;
        }
        name = name[..m.start()].trim_end();
    }
    let generic = name
        .split_whitespace()
        .all(|w| GENERIC_NAMES.contains(&w.to_lowercase().as_str()));
    (!generic).then_some(name)
}

/// A line that is only a named heading ("Polyneuropathy Inclusion Criteria:"): its name
/// stays on its line, rather than being split off as a criterion of the section before.
fn only_a_named_heading(body: &str, heading_start: usize) -> bool {
    let name = body[..heading_start].trim();
    !name.is_empty()
        && name.split_whitespace().count() <= 6
        && name.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
        && !name.ends_with(['.', ';', ',', ':'])
        && !RUN_OF_ITEMS.is_match(name)
        && marker_match(name).is_none()
}

/// Puts every section heading that shares a line with criteria on a line of its own, and
/// the list run after it on the next ("Inclusion Criteria: 1. … Exclusion Criteria: * …").
/// A line that is only a named heading ("Polyneuropathy Inclusion Criteria:") stays whole.
pub(super) fn split_inline_headings(text: &str) -> std::borrow::Cow<'_, str> {
    let named = |l: &str| {
        let body = l.trim();
        match inline_headings(body).as_slice() {
            [(_, h, end)] => *end == body.len() && only_a_named_heading(body, *h),
            _ => false,
        }
    };
    if !text.lines().any(|l| {
        inline_headings(l)
            .iter()
            .any(|&(start, _, end)| start > 0 || l.trim().len() > end - start)
            && !named(l)
    }) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    for line in text.lines() {
        if named(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let body = line.trim_start();
        let pad = &line[..line.len() - body.len()];
        let mut from = 0;
        for (_, h, end) in inline_headings(body) {
            let before = body[from..h].trim();
            if !before.is_empty() {
                out.push_str(pad);
                out.push_str(before);
                out.push('\n');
            }
            out.push_str(pad);
            out.push_str(&body[h..end]);
            out.push('\n');
            from = end;
        }
        let rest = body[from..].trim();
        if from > 0 && !rest.is_empty() && marker_match(rest).is_none() && !out.is_empty() {
            // "Inclusion Criteria: Fulfilling all …": the words stay on the heading's line.
            out.pop();
            out.push(' ');
        } else if !rest.is_empty() || from == 0 {
            out.push_str(if from == 0 { line } else { pad });
        }
        if from > 0 {
            out.push_str(rest);
        }
        out.push('\n');
    }
    std::borrow::Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The alternation `NAMED_HEADING` was cut from, as one regex.
    const WHOLE: &str = r"(?i)^(?:(?P<q>(?:[\w-]+\s+){0,3})(?P<kind>inclusion|exclusion|non[- ]?inclusion)(?:\s+criteri(?:a|on))?\s*(?:[(\-–].*)?:|(?P<qkind>inclusion|exclusion|non[- ]?inclusion)\s+criteri(?:a|on)\b[^:.;]{1,40}:?|(?P<aq>(?:[\w-]+\s+){1,3})(?P<akind>inclusion|exclusion|non[- ]?inclusion)\s+criteri(?:a|on)\b[^:.;]{1,40}:|(?P<intro>.*\bfollowing\s+(?P<ikind>inclusion|exclusion|non[- ]?inclusion)\s+criteri(?:a|on)\b.*))\s*$";

    /// Lines with the section's words: every such line of the fixtures (pages, records,
    /// criteria texts) and variants of them and of typical headings.
    fn lines() -> Vec<String> {
        let mut out = Vec::new();
        for all in crate::test_texts::fixture_files() {
            let lines = all.lines().chain(all.split("\\n"));
            out.extend(
                lines
                    .filter(|l| l.to_ascii_lowercase().contains("clusion"))
                    .filter(|l| l.len() <= 300)
                    .map(|l| l.trim().to_string()),
            );
        }
        out.sort();
        out.dedup();
        let seeds = [
            "Inclusion Criteria:",
            "Transplant Inclusion:",
            "Cohort 2 Exclusion Criteria (part B):",
            "Exclusion Criteria for Stage 1",
            "EXCLUSION CRITERIA FOR STAGE 1:",
            "Exclusion criteria for the extension phase; part 2",
            "Additional inclusion criteria for the prospective phase are:",
            "Subjects who meet any of the following exclusion criteria will be excluded",
            "Patients meeting the following inclusion criteria:",
            "Non-inclusion criteria - other:",
            "non inclusion criterion of the study",
            "Élèves inclusion criteria: ",
            "Ejection fraction ≤ 45 per cent at pre inclusion study",
            "\u{212A}ey inclu\u{17F}ion criteria:",
            "Inclu\u{17F}ion criteria for the rest",
            "the FOLLOWING Inclusion Criteria",
            "one two three four inclusion:",
            "one-two three_x inclusion criteria for a very long qualifier that goes on and on:",
        ];
        for s in seeds {
            out.push(s.to_string());
        }
        let base = out.clone();
        for l in base {
            out.push(format!("{l}:"));
            out.push(format!("Cohort A {l}"));
            out.push(l.replace(':', ""));
        }
        out
    }

    #[test]
    fn named_heading_branches_match_as_the_alternation() {
        let whole = regex::Regex::new(WHOLE).unwrap();
        let lines = lines();
        assert!(lines.len() > 500, "{}", lines.len());
        let mut matched = 0;
        for t in &lines {
            let expected = whole.captures(t).map(|c| {
                let form = if c.name("kind").is_some() {
                    NamedForm::Labelled
                } else if c.name("qkind").is_some() {
                    NamedForm::Qualified
                } else if c.name("akind").is_some() {
                    NamedForm::Both
                } else {
                    NamedForm::Intro
                };
                let words = c
                    .name("q")
                    .or_else(|| c.name("aq"))
                    .map_or("", |m| m.as_str());
                let kind = ["kind", "qkind", "akind", "ikind"]
                    .iter()
                    .find_map(|g| c.name(g))
                    .unwrap()
                    .as_str();
                (form as u8, words, kind)
            });
            let got = named_heading(t).map(|(f, w, k)| (f as u8, w, k));
            assert_eq!(got, expected, "{t:?}");
            matched += usize::from(got.is_some());
        }
        assert!(matched > 50, "{matched}");
    }

    /// `bare_heading` finds what `HEADING` finds (its section's words and `rest`), on every
    /// fixture line with the section's words and on variants: first words, separators,
    /// white space and case folds.
    #[test]
    fn bare_heading_scanner_matches_the_regex() {
        let regex = regex::Regex::new(HEADING_PATTERN).unwrap();
        let mut lines = lines();
        let cases = [
            "Inclusion",
            "EXCLUSION CRITERIA",
            "Key inclusion criteria:",
            "\u{212A}ey Exclusion",
            "Keyinclusion",
            "Study  Non-inclusion criterion - a",
            "non inclusion",
            "noninclusion:",
            "non-  inclusion",
            "Inclusion criterias:",
            "Inclusion-criteria",
            "Exclusion criteria: a\nb",
            "Exclusion criteria:\n",
            "Exclusion criteria \n: x",
            "Exclusion criteria – x ",
            "Exclusion\u{2003}criteria\u{a0}:\u{a0}x",
            "incluſion criteria",
            "Inclusion criterion:",
            "Inclusion criterio",
            "Inclusion criteria for",
            "Inclusion:x",
            "Exclusion : ",
            "Eligibility",
            "General\tExclusion Criteria -",
            "Major: Inclusion",
            "Main exclusion criteria: ≥ 18",
        ];
        lines.extend(cases.iter().map(|c| c.to_string()));
        for l in lines.clone() {
            let unmarked = l.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
            for prefix in ["", "Key ", "\u{212A}EY\u{2003}", "Study  ", "Ma "] {
                lines.push(format!("{prefix}{unmarked}"));
            }
            lines.push(l.replacen('s', "\u{17F}", 1));
        }
        let mut found = 0;
        for t in &lines {
            let want = regex.captures(t).map(|c| {
                (
                    c.name("kind").unwrap().as_str(),
                    c.name("rest").map(|m| m.as_str()),
                )
            });
            assert_eq!(bare_heading(t), want, "{t:?}");
            found += usize::from(want.is_some());
        }
        assert!(found > 100, "{found}");
    }

    /// `inline_headings` finds what [`INLINE_HEADING`]'s `captures_iter` finds (match and
    /// group `h`), on every fixture line with the section's words and on edge cases.
    #[test]
    fn inline_heading_scanner_matches_the_regex() {
        let regex = regex::Regex::new(INLINE_HEADING).unwrap();
        let mut lines = lines();
        let cases = [
            "Inclusion Criteria:",
            " Inclusion Criteria:",
            "\u{2003}Inclusion Criteria : x Exclusion Criteria: y",
            "xInclusion Criteria: Exclusion criteria:",
            "Key  Inclusion Criteria:",
            "KeyInclusion Criteria:",
            "Key Key Inclusion Criteria:",
            "MAIN EXCLUSION CRITERIA\n:",
            "Non-inclusion criteria:Non-Inclusion Criteria:",
            "NON-INCLUSION CRITERIA:",
            "Non inclusion criteria:",
            "Inclusion Criteria",
            "Inclusion  criteria :Inclusion criteria:",
            "a. Inclusion Criteria: 1. x 2. y Exclusion Criteria: * z",
            "Main\u{a0}Exclusion\u{a0}Criteria\u{a0}:",
            "EInclusion Criteria:",
            "",
        ];
        lines.extend(cases.iter().map(|c| c.to_string()));
        let mut found = 0;
        for t in &lines {
            let want: Vec<(usize, usize, usize)> = regex
                .captures_iter(t)
                .map(|c| {
                    (
                        c.get(0).unwrap().start(),
                        c["h"].as_ptr() as usize - t.as_ptr() as usize,
                        c.get(0).unwrap().end(),
                    )
                })
                .collect();
            assert_eq!(inline_headings(t), want, "{t:?}");
            found += want.len();
        }
        assert!(found > 50, "{found}");
    }

    /// Every character `(?i)` matches with an ASCII letter folds to it.
    #[test]
    fn fold_covers_every_letter() {
        use regex_syntax::hir::{Class, HirKind};
        for letter in 'a'..='z' {
            let hir = regex_syntax::Parser::new()
                .parse(&format!("(?i){letter}"))
                .unwrap();
            let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
                panic!("{letter}: {hir:?}");
            };
            for c in class.iter().flat_map(|r| r.start()..=r.end()) {
                assert_eq!(fold(c), letter, "{c:?}");
            }
        }
    }

    /// Where the checks before `LEADING_OUTLINE` and the `Qualified` branch say no, the
    /// patterns (as `regex::Regex` reads them) do not match: on every fixture line
    /// with the section's words, with its list marker taken off, and on variants.
    #[test]
    fn heading_checks_turn_down_no_match() {
        let leading = regex::Regex::new(LEADING_OUTLINE_PATTERN).unwrap();
        let qualified = regex::Regex::new(&NamedForm::Qualified.pattern()).unwrap();
        let mut lines = lines();
        for l in lines.clone() {
            let unmarked = l.trim_start_matches(|c: char| !c.is_alphanumeric()).trim();
            for prefix in [
                "",
                "1.2. ",
                "\u{663}.1 ",
                "Key ",
                "\u{212A}EY\u{2003}",
                "Study  ",
                "Ma ",
            ] {
                lines.push(format!("{prefix}{unmarked}"));
            }
            lines.push(l.replacen('s', "\u{17F}", 1));
        }
        let (mut heads, mut outlines) = (0, 0);
        for t in &lines {
            let t = t.trim();
            if !t.starts_with(crate::normalize::scan::is_digit) {
                assert!(!leading.is_match(t), "{t:?}");
            } else {
                outlines += usize::from(leading.is_match(t));
            }
            if !starts_kind(t) {
                assert!(!qualified.is_match(t), "{t:?}");
            } else {
                heads += usize::from(qualified.is_match(t));
            }
        }
        assert!(heads > 10 && outlines > 20, "{heads} {outlines}");
    }

    /// `FINAL_HEADING` with its name's bound checked on the match finds what the pattern
    /// with the bound in it (`.{2,200}?`) finds: on every fixture line with the section's
    /// words and on names around the bound, in ASCII and in two-byte letters.
    #[test]
    fn final_heading_bound_is_the_patterns() {
        let bounded = regex::Regex::new(
            r"^(?P<q>.{2,200}?)(?P<sep>\s*[,;:–-]\s*|\s+)(?P<kind>(?i:inclusion|exclusion|non-?inclusion))\s+(?i:criteri(?:a|on))\s*:?$",
        )
        .unwrap();
        let mut lines = lines();
        // "Cohort " and n letters: names of 8 to 267 characters, 199 to 201 among them.
        for n in [1, 2, 150, 192, 193, 194, 260] {
            for letter in ["x", "é"] {
                let name = format!("Cohort {}", letter.repeat(n));
                lines.push(format!("{name} Inclusion criteria"));
                lines.push(format!("{name}, exclusion criteria:"));
                lines.push(format!(
                    "{name} - see the inclusion criteria - Exclusion criteria"
                ));
            }
        }
        let (mut found, mut bound) = (0, 0);
        for t in &lines {
            let want = bounded
                .captures(t)
                .map(|c| (c["q"].to_string(), c["kind"].to_string()));
            let got = FINAL_HEADING.captures(t).and_then(|c| {
                let q = &c["q"];
                (q.chars().count() <= FINAL_HEADING_NAME)
                    .then(|| (q.to_string(), c["kind"].to_string()))
            });
            found += usize::from(want.is_some());
            bound += usize::from(want.is_none() && FINAL_HEADING.captures(t).is_some());
            assert_eq!(got, want, "{t:?}");
        }
        assert!(found > 20 && bound >= 6, "{found} {bound}");
        // `heading` applies the bound: a name of 200 characters names the section, 201 not.
        for (n, named) in [(193, true), (194, false)] {
            let line = format!("Cohort {} Inclusion criteria", "x".repeat(n));
            assert_eq!(heading(&line, true).is_some(), named, "{n}");
        }
    }

    /// The checks of `NamedForm::may_match` hold under Unicode case folding: the letters they
    /// look for fold only to ASCII letters.
    #[test]
    fn named_heading_needs_hold() {
        use regex_syntax::hir::{Class, HirKind};
        for letter in "ienfolwg".chars() {
            let hir = regex_syntax::Parser::new()
                .parse(&format!("(?i){letter}"))
                .unwrap();
            let HirKind::Class(Class::Unicode(class)) = hir.kind() else {
                panic!("{letter}: {hir:?}");
            };
            let folds: Vec<char> = class.iter().flat_map(|r| r.start()..=r.end()).collect();
            assert_eq!(
                folds,
                [letter.to_ascii_uppercase(), letter],
                "{letter} folds to {folds:?}"
            );
        }
        assert!(NamedForm::Intro.may_match("THE FOLLOWING"));
        assert!(!NamedForm::Labelled.may_match("Inclusion criteria"));
        assert!(!NamedForm::Qualified.may_match("Key inclusion criteria for"));
    }
}
