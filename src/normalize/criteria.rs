//! The criteria reader: eligibility text, in any registry's style, to ordered inclusion and
//! exclusion trees. Every source (pages, XML, API JSON) goes through this one reader.
//!
//! Structure comes from headings ("Inclusion Criteria:", "EXCLUSION CRITERIA"), list markers
//! (`•`, `*`, `-`, `o`, "1.", "1)", "a.", "i.") and indentation. Text before any heading is
//! inclusion. A line with no marker continues the item above when it is indented under that
//! item's text, and is an item of its own otherwise.

use std::sync::LazyLock;

use regex::Regex;

use crate::model::Criterion;

/// Inclusion and exclusion criteria, as trees in source order.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Criteria {
    /// Inclusion criteria.
    pub inclusion: Vec<Criterion>,
    /// Exclusion criteria.
    pub exclusion: Vec<Criterion>,
}

/// The deepest nesting the reader builds.
pub const MAX_DEPTH: usize = 12;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Marker {
    /// A heading kept as a criterion: it holds every item after it.
    Heading,
    None,
    Bullet,
    Number,
    Letter,
    Roman,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Section {
    Inclusion,
    Exclusion,
}

static MARKER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)^(?:
          (?P<bullet>[•*\-–—·▪◦●○■□➢►✓]|o\s)
        | \(?(?P<num>\d{1,2})[.)](?:\s|$)
        | \(?(?P<roman>(?:i{1,3}|iv|v|vi{1,3}|ix|x))[.)]\s
        | \(?(?P<letter>[a-zA-Z])[.)]\s
        )\s*",
    )
    .unwrap()
});

/// A bare section heading: "Inclusion Criteria:", "KEY EXCLUSION CRITERIA", "Exclusion".
/// Text after "criteria:" or "criteria -" on the same line is kept as an item.
static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:key|main|major|general|principal|study|eligibility)\s+)?(?P<kind>inclusion|exclusion|non[- ]?inclusion)(?:\s+criteri(?:a|on))?(?:\s*(?:[:\-–]\s*(?P<rest>.*?))?|\s*:?\s*)$",
    )
    .unwrap()
});

/// A labelled or qualified heading ("Transplant Inclusion:", "Exclusion Criteria for Stage
/// 1", "Swab exclusion criteria - ...:") or a sentence
/// introducing a list ("Subjects who meet any of the following exclusion criteria ...:").
/// The section changes and the line is kept, as the words say more than the section.
static NAMED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:[\w-]+\s+){0,3}(?P<kind>inclusion|exclusion|non[- ]?inclusion)(?:\s+criteri(?:a|on))?\s*(?:[(\-–].*)?:|(?P<qkind>inclusion|exclusion|non[- ]?inclusion)\s+criteri(?:a|on)\b[^:.;]{1,40}:?|(?P<intro>.*\bfollowing\s+(?P<ikind>inclusion|exclusion|non[- ]?inclusion)\s+criteri(?:a|on)\b.*))\s*$",
    )
    .unwrap()
});

fn section_of(kind: &str) -> Section {
    if kind.eq_ignore_ascii_case("inclusion") {
        Section::Inclusion
    } else {
        Section::Exclusion
    }
}

/// What a heading line does: the section it opens and the text it keeps as an item.
fn heading(text: &str) -> Option<(Section, Option<&str>)> {
    let t = text.trim();
    // Cheap checks first: most lines are no heading, and the patterns are not cheap.
    if t.len() > 300 || !t.to_ascii_lowercase().contains("clusion") {
        return None;
    }
    if let Some(c) = HEADING.captures(t) {
        let rest = c
            .name("rest")
            .map(|m| m.as_str().trim())
            .filter(|r| !r.is_empty());
        return Some((section_of(&c["kind"]), rest));
    }
    let c = NAMED_HEADING.captures(t)?;
    let kind = c
        .name("kind")
        .or_else(|| c.name("qkind"))
        .or_else(|| c.name("ikind"))?
        .as_str();
    Some((section_of(kind), Some(t)))
}

/// A short label line that announces the items under it ("Group 1", "Part A:", "For
/// cohort 2").
fn is_label(text: &str) -> bool {
    let t = text.trim();
    t.ends_with(':')
        || (t.split_whitespace().count() <= 5
            && !t.ends_with(['.', ';', ','])
            && t.chars().next().is_some_and(char::is_uppercase))
}

struct Item {
    section: Section,
    depth: usize,
    text: String,
}

/// Splits criteria text into inclusion and exclusion trees, and reads each criterion's
/// constraints (`normalize::constraints`).
pub fn split(text: &str) -> Criteria {
    // API v2 Markdown escapes ("\>=") are undone here too, whoever calls.
    let text = if text.contains('\\') {
        std::borrow::Cow::Owned(crate::normalize::text::unescape_markdown(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let items = read_items(&text);
    let mut out = Criteria::default();
    for section in [Section::Inclusion, Section::Exclusion] {
        let flat: Vec<(usize, String)> = items
            .iter()
            .filter(|i| i.section == section)
            .map(|i| (i.depth, i.text.clone()))
            .collect();
        let mut tree = build_tree(&flat);
        crate::normalize::constraints::fill(&mut tree);
        match section {
            Section::Inclusion => out.inclusion = tree,
            Section::Exclusion => out.exclusion = tree,
        }
    }
    out
}

/// A line's indent (a tab counts 4) and its text without surrounding space. Indents can be
/// thousands of columns in odd input, so ASCII space is skipped as bytes first.
fn indent_and_text(line: &str) -> (usize, &str) {
    let rest = line.trim_ascii_start().trim_start();
    let ws = &line[..line.len() - rest.len()];
    let columns = if ws.is_ascii() {
        ws.len()
    } else {
        ws.chars().count()
    };
    (columns + 3 * ws.matches('\t').count(), rest.trim_end())
}

/// Legacy XML textblocks are indented and hard-wrapped near 80-100 columns: a line that
/// reached the wrap width continues on the next one. (API v1 texts put one item per line,
/// of any width, all flush left.)
fn hard_wrapped(text: &str) -> bool {
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    let widths: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    lines.iter().any(|l| l.starts_with(char::is_whitespace))
        && widths.iter().all(|&w| w <= 100)
        && widths.iter().filter(|&&w| w >= 70).count() >= 2
}

fn read_items(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut section = Section::Inclusion;
    // Open levels: (indent of the marker, marker kind, column where the item's text starts).
    let mut stack: Vec<(usize, Marker, usize)> = Vec::new();
    let mut blank_before = false;
    let wrapped = hard_wrapped(text);
    // Width of the previous line and indent of the previous item's first line.
    let mut prev_width = 0;
    let mut prev_indent = 0;
    for raw_line in text.lines() {
        let line = raw_line.replace('\u{a0}', " ");
        let (indent, trimmed) = indent_and_text(&line);
        if trimmed.is_empty() {
            blank_before = true;
            prev_width = 0;
            continue;
        }
        let width = line.chars().count();
        let (marker, body, text_col) = match MARKER.captures(trimmed) {
            Some(c) => {
                let kind = if c.name("bullet").is_some() {
                    Marker::Bullet
                } else if c.name("num").is_some() {
                    Marker::Number
                } else if c.name("roman").is_some() {
                    Marker::Roman
                } else {
                    Marker::Letter
                };
                let len = c.get(0).map_or(0, |m| m.end());
                (kind, trimmed[len..].trim(), indent + len)
            }
            None => (Marker::None, trimmed, indent),
        };
        // A wrapped line: no marker, no blank line, indented under the open item's text.
        let same_section = items.last().is_some_and(|i| i.section == section);
        let under_text = stack.last().is_some_and(|&(_, m, col)| {
            !matches!(m, Marker::None | Marker::Heading) && indent >= col.saturating_sub(1)
        });
        // In hard-wrapped text, a line after one that reached the wrap width goes on.
        let filled = wrapped && prev_width >= 60 && indent >= prev_indent;
        let continues =
            marker == Marker::None && !blank_before && same_section && (under_text || filled);
        blank_before = false;
        prev_width = width;
        if continues {
            let last = items.last_mut().expect("checked above");
            last.text.push(' ');
            last.text.push_str(body);
            continue;
        }
        if let Some((s, kept)) = heading(body) {
            section = s;
            stack.clear();
            if let Some(kept) = kept {
                // Everything under a kept heading, up to the next one, is its children.
                stack.push((indent, Marker::Heading, text_col));
                prev_indent = indent;
                items.push(Item {
                    section,
                    depth: 0,
                    text: kept.to_string(),
                });
            }
            continue;
        }
        if body.is_empty() {
            continue;
        }
        prev_indent = indent;
        // Real lists nest a few levels; past MAX_DEPTH items stay at the deepest level, so
        // hostile input cannot make the tree (and its recursive readers) arbitrarily deep.
        let depth = place(&mut stack, indent, marker, text_col, items.last()).min(MAX_DEPTH);
        items.push(Item {
            section,
            depth,
            text: body.to_string(),
        });
    }
    for item in &mut items {
        item.text = crate::normalize::text::line(&item.text).unwrap_or_default();
    }
    items
}

/// Finds the depth of a new item and updates the open levels.
fn place(
    stack: &mut Vec<(usize, Marker, usize)>,
    indent: usize,
    marker: Marker,
    text_col: usize,
    previous: Option<&Item>,
) -> usize {
    let mut first = true;
    while let Some(&(top_indent, top_marker, _)) = stack.last() {
        if indent > top_indent || top_marker == Marker::Heading {
            break;
        }
        if indent == top_indent {
            if top_marker == marker {
                stack.pop();
                break;
            }
            // Same column, another marker: a child of the item just before when that item
            // announces a list ("Severe disease with either:", "Group 1") or when the
            // numbering goes one level down ("1." then "a."); otherwise the level closes.
            let announces = first
                && previous.is_some_and(|p| {
                    p.text.trim_end().ends_with(':')
                        || (top_marker == Marker::None && is_label(&p.text))
                });
            let lower = rank(marker) > rank(top_marker) && rank(top_marker) > 0;
            if marker != Marker::None && (announces || (first && lower)) {
                break;
            }
            stack.pop();
            first = false;
            continue;
        }
        stack.pop();
        first = false;
    }
    // Trees deeper than any real list come from odd input; keep them flat from here so
    // that building and reading the tree stays within bounds.
    if stack.len() >= MAX_DEPTH {
        stack.pop();
    }
    stack.push((indent, marker, text_col));
    stack.len() - 1
}

/// Depth of a numbering style: "1." above "a." above "i.".
fn rank(marker: Marker) -> u8 {
    match marker {
        Marker::Number => 1,
        Marker::Letter => 2,
        Marker::Roman => 3,
        Marker::None | Marker::Bullet | Marker::Heading => 0,
    }
}

fn build_tree(flat: &[(usize, String)]) -> Vec<Criterion> {
    fn take(flat: &[(usize, String)], pos: &mut usize, depth: usize) -> Vec<Criterion> {
        let mut out = Vec::new();
        while *pos < flat.len() {
            let (d, ref text) = flat[*pos];
            if d < depth {
                break;
            }
            // Deeper than expected without a parent at this depth: attach as a child anyway.
            *pos += 1;
            let children = take(flat, pos, d + 1);
            out.push(Criterion {
                text: text.clone(),
                children,
                constraints: Vec::new(),
            });
        }
        out
    }
    let mut pos = 0;
    let min_depth = flat.iter().map(|(d, _)| *d).min().unwrap_or(0);
    take(flat, &mut pos, min_depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(c: &[Criterion]) -> Vec<&str> {
        c.iter().map(|c| c.text.as_str()).collect()
    }

    #[test]
    fn bullets_under_headings() {
        let c = split(
            "Inclusion Criteria:\n\n  • More than 18 years old\n  • Signed consent\n\nExclusion Criteria:\n\n  • Pregnancy\n",
        );
        assert_eq!(
            texts(&c.inclusion),
            ["More than 18 years old", "Signed consent"]
        );
        assert_eq!(texts(&c.exclusion), ["Pregnancy"]);
    }

    #[test]
    fn wrapped_xml_items_and_nesting() {
        let raw = "        Inclusion Criteria:\n\n          -  Women with systemic autoimmune disease,\n             including:\n\n               -  Lupus\n\n               -  Vasculitis\n\n          -  Able to consent\n\n        Exclusion Criteria:\n\n          -  Unable to speak English\n";
        let c = split(raw);
        assert_eq!(
            texts(&c.inclusion),
            [
                "Women with systemic autoimmune disease, including:",
                "Able to consent"
            ]
        );
        assert_eq!(texts(&c.inclusion[0].children), ["Lupus", "Vasculitis"]);
        assert_eq!(texts(&c.exclusion), ["Unable to speak English"]);
    }

    #[test]
    fn markdown_numbers_and_sub_bullets() {
        let raw = "Inclusion Criteria:\n\n* Adults\n* Severe disease:\n  * mRSS >= 20\n  * or organ involvement:\n    1. lung\n    2. heart\n\nExclusion Criteria:\n\n1. Age < 18\n2. Pregnancy";
        let c = split(raw);
        assert_eq!(texts(&c.inclusion), ["Adults", "Severe disease:"]);
        assert_eq!(
            texts(&c.inclusion[1].children[1].children),
            ["lung", "heart"]
        );
        assert_eq!(texts(&c.exclusion), ["Age < 18", "Pregnancy"]);
    }

    #[test]
    fn letters_nest_under_numbers_and_escapes_are_undone() {
        let c = split("1. Severe disease\na. mRSS \\>= 20\nb. CRP > 5 mg/l\n2. Consent");
        assert_eq!(texts(&c.inclusion), ["Severe disease", "Consent"]);
        assert_eq!(
            texts(&c.inclusion[0].children),
            ["mRSS >= 20", "CRP > 5 mg/l"]
        );
        assert_eq!(c.inclusion[0].children[0].constraints[0].value, 20.0);
    }

    #[test]
    fn headings_inline_labelled_and_hidden_in_a_list() {
        let c = split(
            "Inclusion Criteria:Fulfilling all the following criteria\n- Adults\n- EXCLUSION CRITERIA:\n- Pregnancy",
        );
        assert_eq!(
            texts(&c.inclusion),
            ["Fulfilling all the following criteria"]
        );
        assert_eq!(texts(&c.inclusion[0].children), ["Adults"]);
        assert_eq!(texts(&c.exclusion), ["Pregnancy"]);
        let c = split("Part A:\n- age 18 to 65 years\nFor cohort 2\n- BMI < 30 kg/m2");
        assert_eq!(texts(&c.inclusion), ["Part A:", "For cohort 2"]);
        assert_eq!(texts(&c.inclusion[1].children), ["BMI < 30 kg/m2"]);
        // A criterion that names the criteria is not a heading.
        let c = split("Exclusion Criteria:\n- Does not meet inclusion criteria");
        assert_eq!(texts(&c.exclusion), ["Does not meet inclusion criteria"]);
    }

    #[test]
    fn odd_input_never_panics() {
        let deep: String = (0..500)
            .map(|i| format!("{}- x\n", " ".repeat(i)))
            .collect();
        for raw in [
            "",
            "≥",
            "1.",
            "- ≥ 5 x",
            "(((",
            ">",
            "10^9/L",
            "× ULN",
            "é 5 é",
            "a-",
            "\\",
            &deep,
        ] {
            let c = split(raw);
            let _ = crate::normalize::constraints::extract(raw);
            assert!(c.inclusion.len() + c.exclusion.len() <= 500);
        }
        fn depth(c: &[Criterion]) -> usize {
            c.iter().map(|x| 1 + depth(&x.children)).max().unwrap_or(0)
        }
        let c = split(&deep);
        assert_eq!(depth(&c.inclusion), MAX_DEPTH);
    }

    #[test]
    fn no_heading_is_inclusion() {
        let c = split("- a\n- b");
        assert_eq!(texts(&c.inclusion), ["a", "b"]);
        assert!(c.exclusion.is_empty());
    }
}
