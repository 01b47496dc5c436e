//! The EU registers' investigational products as the WHO export lists them: blocks of
//! "Label: value" pairs ("Product Name: Birtamimab", "INN or Proposed INN: BIRTAMIMAB",
//! "Current Sponsor code: …"), one block per product, separated by line breaks or commas,
//! and the placebo's form and route after the last one.

use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::text;
use crate::sources::structured::convert::escape;
use crate::sources::structured::wire::api_v2 as v2;

/// Labels of a product block; the first two start a product.
const LABELS: &[&str] = &[
    "Trade Name",
    "Product Name",
    "Product Code",
    "Pharmaceutical Form",
    "INN or Proposed INN",
    "CAS Number",
    "Current Sponsor code",
    "Other descriptive name",
    "Concentration unit",
    "Concentration type",
    "Concentration number",
    "Strength",
    "Pharmaceutical form of the placebo",
    "Route of administration of the placebo",
];

static LABEL: LazyLock<Regex> = LazyLock::new(|| {
    let alternatives: Vec<String> = LABELS.iter().map(|l| regex::escape(l)).collect();
    Regex::new(&format!(r"(?m)(?:^|,)\s*({})\s*:", alternatives.join("|"))).expect("valid regex")
});

/// The products of a text of product blocks, each an intervention: named by its product
/// name (else trade name, INN or code), its other names the other ids it has, its
/// description the remaining pairs. A placebo the blocks describe is one more
/// intervention, "Placebo". The type is not stated and stays unset.
pub fn products(text: &str) -> Vec<v2::Intervention> {
    let marks: Vec<(usize, usize, &str)> = LABEL
        .captures_iter(text)
        .filter_map(|c| {
            let whole = c.get(0)?;
            let label = LABELS.iter().find(|l| **l == &c[1])?;
            Some((whole.start(), whole.end(), *label))
        })
        .collect();
    let mut blocks: Vec<Vec<(&str, String)>> = Vec::new();
    let mut placebo: Vec<(&str, String)> = Vec::new();
    for (i, (_, start, label)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(text.len(), |m| m.0);
        let Some(value) = text::line(&text[*start..end]) else {
            continue;
        };
        if label.ends_with("placebo") {
            placebo.push((label, value));
            continue;
        }
        let starts = match (*label, blocks.last()) {
            (_, None) => true,
            ("Trade Name", _) => true,
            ("Product Name", Some(b)) => b.iter().any(|(l, _)| *l != "Trade Name"),
            _ => false,
        };
        if starts {
            blocks.push(Vec::new());
        }
        if let Some(b) = blocks.last_mut() {
            b.push((label, value));
        }
    }
    let mut out: Vec<v2::Intervention> = blocks.iter().filter_map(|b| product(b)).collect();
    if !placebo.is_empty() {
        out.push(v2::Intervention {
            name: Some("Placebo".into()),
            description: Some(escape(pairs(&placebo))),
            ..Default::default()
        });
    }
    out
}

fn product(block: &[(&str, String)]) -> Option<v2::Intervention> {
    let get = |label: &str| block.iter().find(|(l, _)| *l == label).map(|(_, v)| v);
    let name = [
        "Product Name",
        "Trade Name",
        "INN or Proposed INN",
        "Product Code",
    ]
    .into_iter()
    .find_map(get)?
    .clone();
    let mut other_names: Vec<String> = Vec::new();
    let ids = [
        "Trade Name",
        "Product Code",
        "INN or Proposed INN",
        "Current Sponsor code",
        "Other descriptive name",
    ];
    for v in ids.into_iter().filter_map(get) {
        let taken = |n: &String| n.eq_ignore_ascii_case(v);
        if !name.eq_ignore_ascii_case(v) && !other_names.iter().any(taken) {
            other_names.push(v.clone());
        }
    }
    let rest: Vec<(&str, String)> = (block.iter())
        .filter(|(l, _)| !ids.contains(l) && *l != "Product Name")
        .cloned()
        .collect();
    Some(v2::Intervention {
        name: Some(escape(name)),
        description: (!rest.is_empty()).then(|| escape(pairs(&rest))),
        other_names: other_names.into_iter().map(escape).collect(),
        ..Default::default()
    })
}

fn pairs(pairs: &[(&str, String)]) -> String {
    let parts: Vec<String> = pairs.iter().map(|(l, v)| format!("{l}: {v}")).collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_by_line_and_by_comma() {
        let lines = "Product Name: Birtamimab\nProduct Code: Birtamimab\nINN or Proposed INN: \
                     BIRTAMIMAB\nPharmaceutical Form: Powder for solution for infusion\n\
                     Pharmaceutical form of the placebo: Solution for infusion";
        let p = products(lines);
        assert_eq!(p.len(), 2);
        assert_eq!(p[0].name.as_deref(), Some("Birtamimab"));
        assert!(p[0].other_names.is_empty());
        assert_eq!(
            p[0].description.as_deref(),
            Some("Pharmaceutical Form: Powder for solution for infusion")
        );
        assert_eq!(p[1].name.as_deref(), Some("Placebo"));
        let commas = "Product Name: NTLA-2001,Product Code: PRD8425756,Pharmaceutical Form: \
                      LIQUID,Other descriptive name: ,Strength: Cas9 7mg, sgRNA 3.5mg,\
                      Current Sponsor code: NTLA-2001";
        let p = products(commas);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].other_names, ["PRD8425756"]);
        assert_eq!(
            p[0].description.as_deref(),
            Some("Pharmaceutical Form: LIQUID; Strength: Cas9 7mg, sgRNA 3.5mg")
        );
        let two = "Trade Name: Vyndaqel\nProduct Name: Vyndaqel\nProduct Name: Placebo";
        assert_eq!(products(two).len(), 2);
    }
}
