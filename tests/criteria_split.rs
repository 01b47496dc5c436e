//! The criteria reader keeps every criterion's exact text, nothing dropped or duplicated,
//! across the real styles in `fixtures/criteria/texts/` and the seeds: every item's text is
//! found in the source, in order, and what is left of the source once the items are taken
//! out is only headings and list markers.

use trialnorm::model::Criterion;
use trialnorm::normalize::criteria::split;
use trialnorm::normalize::text::{line, unescape_markdown};

fn preorder<'a>(c: &'a [Criterion], out: &mut Vec<&'a Criterion>) {
    for x in c {
        out.push(x);
        preorder(&x.children, out);
    }
}

/// Words that may be left over: section headings and list markers.
fn structural(word: &str) -> bool {
    let w = word.to_lowercase();
    matches!(
        w.as_str(),
        "inclusion" | "exclusion" | "criteria" | "criterion" | "key" | "study"
    ) || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()))
        || (w.len() <= 4 && w.chars().all(|c| "ivx".contains(c)))
        || (w.len() == 1 && w.chars().all(|c| c.is_ascii_alphabetic()))
}

fn check(name: &str, raw: &str) {
    let c = split(raw);
    let mut items = Vec::new();
    preorder(&c.inclusion, &mut items);
    preorder(&c.exclusion, &mut items);
    assert!(!items.is_empty(), "{name}: no criteria");
    let source = line(&unescape_markdown(raw)).unwrap_or_default();
    // Sections interleave in the source ("Swab inclusion criteria" after the exclusions), so
    // each item takes the first place of its text not taken by another item.
    let mut taken: Vec<(usize, usize)> = Vec::new();
    for (n, c) in items.iter().enumerate() {
        let item = c.text.as_str();
        let free = source
            .match_indices(item)
            .map(|(i, _)| (i, i + item.len()))
            .find(|&(s, e)| taken.iter().all(|&(ts, te)| e <= ts || s >= te));
        // A sub-study's name ("Eligibility criteria for the secondary randomisation to …")
        // holds the other section's items under it too: its second use repeats the heading
        // of the first.
        let scoped = !c.children.is_empty()
            && items[..n]
                .iter()
                .any(|h| !h.children.is_empty() && h.text.starts_with(item));
        match free {
            Some(at) => taken.push(at),
            None if scoped => {}
            None => panic!("{name}: item not found (or found twice): {item}"),
        }
    }
    taken.sort();
    let mut rest = String::new();
    let mut pos = 0;
    for (s, e) in taken {
        rest.push_str(&source[pos..s]);
        rest.push(' ');
        pos = e;
    }
    rest.push_str(&source[pos..]);
    let left: Vec<&str> = rest
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !structural(w))
        .collect();
    assert!(left.is_empty(), "{name}: text dropped: {left:?}");
}

#[test]
fn corpus_texts_keep_every_word_once() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/criteria/texts");
    let mut n = 0;
    for entry in std::fs::read_dir(dir).expect("texts folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "txt") {
            let raw = std::fs::read_to_string(&path).expect("text");
            check(&path.display().to_string(), &raw);
            // The XML reader dedents textblocks before the criteria reader sees them.
            let dedented = trialnorm::normalize::text::dedent(&raw).expect("text");
            check(&path.display().to_string(), &dedented);
            let (a, b) = (split(&raw), split(&dedented));
            assert_eq!(a.inclusion, b.inclusion, "{}", path.display());
            assert_eq!(a.exclusion, b.exclusion, "{}", path.display());
            n += 1;
        }
    }
    assert!(n >= 10);
}

#[test]
fn sub_headings_hold_their_items() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/criteria/texts/NCT01220531.xml.txt"
    ))
    .expect("text");
    let c = split(&raw);
    // "Transplant Inclusion:" is kept and holds everything up to "Transplant Exclusion:".
    assert_eq!(c.inclusion.len(), 1);
    assert_eq!(c.inclusion[0].text, "Transplant Inclusion:");
    let groups: Vec<&str> = c.inclusion[0]
        .children
        .iter()
        .filter(|g| g.text.starts_with("Group"))
        .map(|g| g.text.as_str())
        .collect();
    assert_eq!(groups, ["Group 1", "Group 2", "Group 3", "Group 4"]);
    let group2 = &c.inclusion[0]
        .children
        .iter()
        .find(|g| g.text == "Group 2")
        .unwrap();
    // The bullet wrapped over two lines is one criterion.
    assert_eq!(
        group2.children[0].text,
        "Typical cDGA whose T cells have a PHA response >5,000 cpm and <50,000 cpm and >20 fold PHA response"
    );
    assert_eq!(c.exclusion[0].text, "Transplant Exclusion:");
    assert_eq!(
        c.exclusion[0].children[0].text,
        "Heart surgery <4 wks pre-transplantation"
    );
}

#[test]
fn wrapped_plain_lines_and_intro_sentences() {
    let raw = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/criteria/texts/NCT01841593.xml.txt"
    ))
    .expect("text");
    let c = split(&raw);
    // The intro sentence, wrapped over two lines, holds the list it announces.
    assert_eq!(
        c.exclusion[0].text,
        "Subjects who meet any of the following exclusion criteria are not to be enrolled in this study."
    );
    assert!(c.exclusion[0].children.len() > 5);
    assert!(c.inclusion[0]
        .text
        .starts_with("Subjects must meet all of the following inclusion criteria"));
}
