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

use super::{Section, MARKER};

/// A bare section heading: "Inclusion Criteria:", "KEY EXCLUSION CRITERIA", "Exclusion".
/// Text after "criteria:" or "criteria -" on the same line is kept as an item.
static HEADING: LazyLock<Lean> = LazyLock::new(|| {
    Lean::unicode(
        r"(?i)^(?:(?:key|main|major|general|principal|study|eligibility)\s+)?(?P<kind>inclusion|exclusion|non[- ]?inclusion)(?:\s+criteri(?:a|on))?(?:\s*(?:[:\-–]\s*(?P<rest>.*?))?|\s*:?\s*)$",
    )
});

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
    const KIND: &str = "(?P<kind>inclusion|exclusion|non[- ]?inclusion)";
    let branch = |form: NamedForm, body: String| (form, Lean::new(format!(r"(?i)^(?:{body})\s*$")));
    [
        // "Transplant Inclusion:", "Exclusion Criteria (stage 2):": words before the
        // section's (`q`), a colon at the end.
        branch(
            NamedForm::Labelled,
            format!(r"(?P<q>(?:[\w-]+\s+){{0,3}}){KIND}(?:\s+criteri(?:a|on))?\s*(?:[(\-–].*)?:"),
        ),
        // "Exclusion Criteria for Stage 1".
        branch(
            NamedForm::Qualified,
            format!(r"{KIND}\s+criteri(?:a|on)\b[^:.;]{{1,40}}:?"),
        ),
        // "Additional inclusion criteria for the prospective phase are:".
        branch(
            NamedForm::Both,
            format!(r"(?P<q>(?:[\w-]+\s+){{1,3}}){KIND}\s+criteri(?:a|on)\b[^:.;]{{1,40}}:"),
        ),
        // "Subjects who meet any of the following exclusion criteria ...".
        branch(
            NamedForm::Intro,
            format!(r".*\bfollowing\s+{KIND}\s+criteri(?:a|on)\b.*"),
        ),
    ]
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
    /// False when the branch cannot match `t` (what every match holds: a literal colon, a
    /// first letter of the section's words, "following"; none of these letters has a
    /// non-ASCII case fold, `named_heading_needs_hold` checks it), so it is not compiled.
    fn may_match(self, t: &str) -> bool {
        match self {
            NamedForm::Labelled | NamedForm::Both => t.contains(':'),
            NamedForm::Qualified => t.starts_with(['i', 'I', 'e', 'E', 'n', 'N']),
            NamedForm::Intro => t.to_ascii_lowercase().contains("following"),
        }
    }
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
/// not one; `heading` also checks the word before them.
static FINAL_HEADING: LazyLock<Lean> = LazyLock::new(|| {
    Lean::unicode(
        r"^(?P<q>.{2,200}?)(?P<sep>\s*[,;:–-]\s*|\s+)(?P<kind>(?i:inclusion|exclusion|non-?inclusion))\s+(?i:criteri(?:a|on))\s*:?$",
    )
});

/// A section's outline number before or after a heading's name: "3.1.1.b.", "4.2", "2.a.".
static OUTLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|\s)(?:\d{1,2}\.)+(?:\d{1,2}\.?|[a-zA-Z]\.)?(?:\s|$)").unwrap()
});

/// A section's outline number at the start of a heading ("3.1.1.b. Exclusion criteria").
static LEADING_OUTLINE: LazyLock<Lean> = LazyLock::new(|| {
    Lean::unicode(r"^(?:\d{1,2}\.){2,}(?:[a-zA-Z]\.)?\s+|^\d{1,2}\.(?:\d{1,2}\.?|[a-zA-Z]\.)\s+")
});

/// A sentence's end inside a heading's name: the name is prose, not a name.
static SENTENCE_END: LazyLock<Lean> = LazyLock::new(|| Lean::unicode(r"[.;!?](?:\s|$)"));

/// List markers run into a line ("… years * MMSE …", "… 2. BMI …").
static RUN_OF_ITEMS: LazyLock<Lean> =
    LazyLock::new(|| Lean::unicode(r"\s(?:[*•\-–]|\d{1,2}[.)])\s"));

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
static INLINE_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:^|\s)(?P<h>(?:(?:Key|KEY|Main|MAIN)\s+)?(?:Inclusion|INCLUSION|Exclusion|EXCLUSION|Non-[Ii]nclusion|NON-INCLUSION)\s+(?:[Cc]riteria|CRITERIA)\s*:)",
    )
    .unwrap()
});

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
    let bare = LEADING_OUTLINE.find(t).map_or(t, |m| &t[m.end()..]);
    if let Some(c) = HEADING.captures(bare) {
        let rest = c
            .name("rest")
            .map(|m| m.as_str().trim())
            .filter(|r| !r.is_empty());
        return Some(Heading {
            section: section_of(&c["kind"]),
            kept: rest,
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
        && !MARKER.is_match(name)
}

/// Puts every section heading that shares a line with criteria on a line of its own, and
/// the list run after it on the next ("Inclusion Criteria: 1. … Exclusion Criteria: * …").
/// A line that is only a named heading ("Polyneuropathy Inclusion Criteria:") stays whole.
pub(super) fn split_inline_headings(text: &str) -> std::borrow::Cow<'_, str> {
    let named = |l: &str| {
        let body = l.trim();
        let mut found = INLINE_HEADING.captures_iter(body);
        match (found.next(), found.next()) {
            (Some(c), None) => {
                let h = c.name("h").expect("group h always takes part");
                h.end() == body.len() && only_a_named_heading(body, h.start())
            }
            _ => false,
        }
    };
    if !text.lines().any(|l| {
        INLINE_HEADING
            .find_iter(l)
            .any(|m| m.start() > 0 || l.trim().len() > m.len())
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
        for c in INLINE_HEADING.captures_iter(body) {
            let h = c.name("h").expect("group h always takes part");
            let before = body[from..h.start()].trim();
            if !before.is_empty() {
                out.push_str(pad);
                out.push_str(before);
                out.push('\n');
            }
            out.push_str(pad);
            out.push_str(h.as_str());
            out.push('\n');
            from = h.end();
        }
        let rest = body[from..].trim();
        if from > 0 && !rest.is_empty() && !MARKER.is_match(rest) && !out.is_empty() {
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
        let mut stack = vec![std::path::PathBuf::from(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures"
        ))];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if let Ok(all) = std::fs::read_to_string(&path) {
                    let lines = all.lines().chain(all.split("\\n"));
                    out.extend(
                        lines
                            .filter(|l| l.to_ascii_lowercase().contains("clusion"))
                            .filter(|l| l.len() <= 300)
                            .map(|l| l.trim().to_string()),
                    );
                }
            }
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
