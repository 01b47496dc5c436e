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

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Marker {
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

static HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:key\s+|main\s+|major\s+|general\s+)?(?P<kind>inclusion|exclusion|non[- ]?inclusion)\s+criteria\b[^:]{0,40}:?\s*$",
    )
    .unwrap()
});

/// A heading line's section, if the line is one.
fn heading(text: &str) -> Option<Section> {
    let c = HEADING.captures(text.trim())?;
    Some(if c["kind"].eq_ignore_ascii_case("inclusion") {
        Section::Inclusion
    } else {
        Section::Exclusion
    })
}

struct Item {
    section: Section,
    depth: usize,
    text: String,
}

/// Splits criteria text into inclusion and exclusion trees.
pub fn split(text: &str) -> Criteria {
    let items = read_items(text);
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

fn indent_of(line: &str) -> usize {
    line.chars()
        .take_while(|c| c.is_whitespace())
        .map(|c| if c == '\t' { 4 } else { 1 })
        .sum()
}

fn read_items(text: &str) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut section = Section::Inclusion;
    // Open levels: (indent of the marker, marker kind, column where the item's text starts).
    let mut stack: Vec<(usize, Marker, usize)> = Vec::new();
    let mut blank_before = false;
    for raw_line in text.lines() {
        let line = raw_line.replace('\u{a0}', " ");
        let trimmed = line.trim();
        if trimmed.is_empty() {
            blank_before = true;
            continue;
        }
        let indent = indent_of(&line);
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
        if let Some(s) = heading(body) {
            section = s;
            stack.clear();
            blank_before = false;
            continue;
        }
        if body.is_empty() {
            continue;
        }
        // A wrapped line: no marker, no blank line, indented under the open item's text.
        let continues = marker == Marker::None
            && !blank_before
            && items.last().is_some_and(|i| i.section == section)
            && stack
                .last()
                .is_some_and(|&(_, m, col)| m != Marker::None && indent >= col.saturating_sub(1));
        blank_before = false;
        if continues {
            let last = items.last_mut().expect("checked above");
            last.text.push(' ');
            last.text.push_str(body);
            continue;
        }
        let depth = place(&mut stack, indent, marker, text_col, items.last());
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
    while let Some(&(top_indent, top_marker, _)) = stack.last() {
        if indent > top_indent {
            break;
        }
        if indent == top_indent {
            // Same column: a sibling, unless a different marker follows an item that
            // announces a list ("Severe disease with either:").
            let announces = previous.is_some_and(|p| p.text.trim_end().ends_with(':'));
            if top_marker != marker && marker != Marker::None && announces {
                break;
            }
            stack.pop();
            break;
        }
        stack.pop();
    }
    stack.push((indent, marker, text_col));
    stack.len() - 1
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
    fn no_heading_is_inclusion() {
        let c = split("- a\n- b");
        assert_eq!(texts(&c.inclusion), ["a", "b"]);
        assert!(c.exclusion.is_empty());
    }
}
