//! The classic page's tables and lists, read as tables: the "Condition or disease" table,
//! the arms or groups table, outcome measure lists, locations, investigators, sponsors,
//! study ids and publications. The Tabular View reads its cells with the same readers.

use crate::model::*;
use crate::normalize::enums::Vocab;
use crate::normalize::text;
use crate::sources::page::labels::{
    add_reference, before_first, cells, contact_line, is_contact_details, label_key, split_place,
    strip_marker, typed_intervention,
};
use crate::sources::page::outline::Line;

fn nonblank(lines: &[Line]) -> impl Iterator<Item = &Line> {
    lines.iter().filter(|l| !l.is_blank())
}

/// The conditions table: conditions, then "Type: name" interventions, then phases, cell
/// after cell (a copy runs the columns together; each column's values are told apart by
/// their form).
pub(super) fn conditions(t: &mut Trial, body: &[Line]) {
    let mut phases = Vec::new();
    for l in nonblank(&cells(body, false)) {
        let s = l.text.as_str();
        if let Some((kind, name)) = typed_intervention(s) {
            t.interventions.push(Intervention {
                kind: Some(kind),
                name,
                ..Intervention::default()
            });
        } else if crate::normalize::enums::phases([s]).1.is_empty() {
            phases.push(s.to_string());
        } else if let Some(c) = text::line(s) {
            t.conditions.push(c);
        }
    }
    if !phases.is_empty() {
        t.set_phases(phases.iter().map(String::as_str));
    }
}

/// The arms table ("Experimental: Arm A", its description, then each intervention it
/// assigns as "Drug: X" with its description and other names) or, on observational pages,
/// the groups table, whose groups carry no type.
pub(super) fn arms(t: &mut Trial, body: &[Line]) {
    let body = &cells(body, false);
    let typed = nonblank(body).any(|l| arm_head(&l.text).is_some());
    let rows: Vec<Vec<&Line>> = if typed {
        vec![nonblank(body).collect()]
    } else {
        group_rows(body)
    };
    for row in rows {
        arm_row(t, &row, typed);
    }
}

/// "Experimental: Arm A" → the arm type and label.
fn arm_head(s: &str) -> Option<(ArmType, String)> {
    let (head, label) = s.split_once(':')?;
    Some((ArmType::from_words(head)?, text::line(label)?))
}

/// The rows of a groups table: list items where the groups are listed (the Tabular View);
/// else saved HTML separates rows with a blank line; a copy does not, so there a group
/// starts at a short line after a description's sentence.
fn group_rows(body: &[Line]) -> Vec<Vec<&Line>> {
    let item_indent = nonblank(body)
        .filter(|l| strip_marker(&l.text).is_some())
        .map(|l| l.indent)
        .min();
    if item_indent.is_some() {
        let mut rows: Vec<Vec<&Line>> = Vec::new();
        for l in nonblank(body) {
            if strip_marker(&l.text).is_some() && Some(l.indent) == item_indent || rows.is_empty() {
                rows.push(Vec::new());
            }
            rows.last_mut().expect("pushed").push(l);
        }
        return rows;
    }
    let blocks: Vec<Vec<&Line>> = body
        .split(Line::is_blank)
        .map(|b| b.iter().collect::<Vec<_>>())
        .filter(|b| !b.is_empty())
        .collect();
    if blocks.len() > 1 {
        return blocks;
    }
    let mut rows: Vec<Vec<&Line>> = Vec::new();
    let mut prev_sentence = true;
    for l in nonblank(body) {
        let s = l.text.trim();
        let looks_like_label =
            s.len() <= 120 && !s.ends_with(['.', ';', ':']) && typed_intervention(s).is_none();
        if (prev_sentence && looks_like_label) || rows.is_empty() {
            rows.push(Vec::new());
        }
        prev_sentence = s.ends_with('.') || typed_intervention(s).is_some();
        rows.last_mut().expect("pushed").push(l);
    }
    rows
}

/// An intervention assigned in an arms cell: "Drug: X", or "Intervention: Drug: X" as the
/// Tabular View writes it.
fn assigned(s: &str) -> Option<(InterventionType, String)> {
    let s = strip_marker(s).unwrap_or(s);
    let s = s
        .strip_prefix("Interventions:")
        .or_else(|| s.strip_prefix("Intervention:"))
        .unwrap_or(s);
    typed_intervention(s.trim())
}

/// The Tabular View's intervention cell: each "Type: name" opens an intervention; the lines
/// below it are its description and its other names.
pub(super) fn interventions(t: &mut Trial, value: &str, body: &[Line]) {
    let mut current: Option<usize> = None;
    let mut other_names = false;
    let first = (!value.trim().is_empty()).then(|| value.to_string());
    for s in first
        .into_iter()
        .chain(nonblank(body).map(|l| l.text.clone()))
    {
        if let Some((kind, name)) =
            assigned(&s).filter(|_| !other_names || strip_marker(&s).is_none())
        {
            current = Some(intervention_index(t, kind, name));
            other_names = false;
            continue;
        }
        let Some(i) = current else { continue };
        let names = s
            .trim()
            .strip_prefix("Other Names:")
            .or_else(|| s.trim().strip_prefix("Other Name:"));
        if let Some(names) = names {
            other_names = names.trim().is_empty();
            for n in names.split(';').filter_map(text::line) {
                push_unique(&mut t.interventions[i].other_names, n);
            }
        } else if other_names && strip_marker(&s).is_some() {
            if let Some(n) = strip_marker(&s).and_then(text::line) {
                push_unique(&mut t.interventions[i].other_names, n);
            }
        } else {
            other_names = false;
            append_once(&mut t.interventions[i].description, &s);
        }
    }
}

/// One or more arms: a head line, description lines, interventions with their descriptions
/// and "Other Names:".
fn arm_row(t: &mut Trial, lines: &[&Line], typed: bool) {
    let mut current_iv: Option<usize> = None;
    let mut other_names = false;
    for (i, l) in lines.iter().enumerate() {
        let s = l.text.as_str();
        let head = if typed {
            arm_head(strip_marker(s).unwrap_or(s)).map(|(k, label)| (Some(k), label))
        } else {
            (i == 0).then(|| {
                (
                    None,
                    text::line(strip_marker(s).unwrap_or(s)).unwrap_or_default(),
                )
            })
        };
        if let Some((kind, label)) = head {
            t.arms.push(Arm {
                label,
                kind,
                ..Arm::default()
            });
            current_iv = None;
            other_names = false;
            continue;
        }
        // "Interventions:" heads the list of the arm's interventions.
        if matches!(label_key(s).as_str(), "interventions" | "intervention") {
            continue;
        }
        let Some(arm) = t.arms.last_mut() else {
            before_first(t, "arms", "arm", s);
            continue;
        };
        if let Some((kind, name)) = assigned(s).filter(|_| !other_names) {
            let api = crate::normalize::enums::api_name(&kind);
            arm.intervention_names.push(format!("{api}: {name}"));
            current_iv = Some(intervention_index(t, kind, name));
            continue;
        }
        let names = s
            .strip_prefix("Other Names:")
            .or_else(|| s.strip_prefix("Other Name:"));
        match (current_iv, names) {
            (Some(i), Some(names)) => {
                other_names = names.trim().is_empty();
                for n in names.split(';').filter_map(text::line) {
                    push_unique(&mut t.interventions[i].other_names, n);
                }
            }
            (Some(i), None) if other_names && strip_marker(s).is_some() => {
                if let Some(n) = strip_marker(s).and_then(text::line) {
                    push_unique(&mut t.interventions[i].other_names, n);
                }
            }
            (Some(i), None) => {
                other_names = false;
                append_once(&mut t.interventions[i].description, s);
            }
            (None, _) => append(&mut arm.description, s),
        }
    }
}

/// The intervention named `kind: name`, added if the page has not listed it yet.
fn intervention_index(t: &mut Trial, kind: InterventionType, name: String) -> usize {
    let found = t
        .interventions
        .iter()
        .position(|iv| iv.kind == Some(kind) && text::squash(&iv.name) == text::squash(&name));
    found.unwrap_or_else(|| {
        t.interventions.push(Intervention {
            kind: Some(kind),
            name,
            ..Intervention::default()
        });
        t.interventions.len() - 1
    })
}

fn push_unique(list: &mut Vec<String>, v: String) {
    if !list.contains(&v) {
        list.push(v);
    }
}

fn append(field: &mut Option<String>, s: &str) {
    *field = text::line(&match field.take() {
        Some(d) => format!("{d} {s}"),
        None => s.to_string(),
    });
}

/// Appends to a description the page repeats under each arm, keeping one copy.
fn append_once(field: &mut Option<String>, s: &str) {
    let already = field
        .as_deref()
        .is_some_and(|d| text::squash(d).contains(&text::squash(s)));
    if !already {
        append(field, s);
    }
}

/// An outcome measure item as the reader first matched it; `outcome_parts` reads it now,
/// and the tests check it against this pattern.
#[cfg(test)]
const OUTCOME: &str = r"(?s)^(?P<measure>.*?)\s*(?:\[\s*Time Frame:\s*(?P<tf>[^\]]*)\])?\s*(?:\[\s*Designated as safety issue:\s*(?P<safety>[^\]]*)\])?\s*$";

/// [`OUTCOME`]'s groups in `item`, scanned (the pattern's lazy measure made each search cost
/// as much as its build): the measure, the time frame, the safety issue. The lazy measure
/// leaves the longest tail it can to the blocks, so they are read from the end: white space,
/// a safety block, white space, a time frame block, white space; each block is the earliest
/// "[" after the "]" before its own (its text holds no "]") that opens it with its label.
fn outcome_parts(item: &str) -> (&str, Option<&str>, Option<&str>) {
    let mut end = item.trim_end().len();
    let mut take = |label: &str| {
        let (start, text) = block(item, end, label)?;
        end = item[..start].trim_end().len();
        Some(text)
    };
    let safety = take("Designated as safety issue:");
    let time_frame = take("Time Frame:");
    (&item[..end], time_frame, safety)
}

/// The block `[ label text ]` that ends `s[..end]`: where it starts and its text.
fn block<'a>(s: &'a str, end: usize, label: &str) -> Option<(usize, &'a str)> {
    let head = s[..end].strip_suffix(']')?;
    let from = head.rfind(']').map_or(0, |i| i + 1);
    head[from..].match_indices('[').find_map(|(i, _)| {
        let text = head[from + i + 1..].trim_start().strip_prefix(label)?;
        Some((from + i, text.trim_start()))
    })
}

/// An outcome measure list: each item is "measure [ Time Frame: … ] [ Designated as safety
/// issue: … ]", the lines below an item (not more deeply listed) are its description.
pub(super) fn outcomes(t: &mut Trial, kind: OutcomeKind, value: &str, body: &[Line]) {
    let mut lines: Vec<Line> = Vec::new();
    if !value.trim().is_empty() {
        lines.push(Line {
            indent: 0,
            text: value.to_string(),
        });
    }
    lines.extend(nonblank(body).cloned());
    let item_indent = lines
        .iter()
        .filter(|l| strip_marker(&l.text).is_some())
        .map(|l| l.indent)
        .min();
    // A copy loses the list's bullets and numbers; there each measure is the line that
    // carries its time frame.
    let by_time_frame = item_indent.is_none();
    let mut items: Vec<(String, Vec<String>)> = Vec::new();
    for l in &lines {
        let marker = strip_marker(&l.text)
            .filter(|_| Some(l.indent) == item_indent)
            .or_else(|| (by_time_frame && l.text.contains("Time Frame:")).then_some(&l.text));
        match (marker, items.last_mut()) {
            (Some(item), _) => items.push((item.to_string(), Vec::new())),
            (None, Some(last)) => last.1.push(l.text.clone()),
            (None, None) => items.push((l.text.clone(), Vec::new())),
        }
    }
    for (item, extra) in items {
        let (measure, tf, safety) = outcome_parts(&item);
        let time_frame = tf.and_then(|m| text::line(m.trim_end_matches(',')));
        let safety_issue = safety.and_then(|m| match text::squash(m).as_str() {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        });
        t.outcomes.push(Outcome {
            kind: Some(kind),
            measure: text::line(measure).unwrap_or_default(),
            description: text::line(&extra.join(" ")),
            time_frame,
            time_points: Vec::new(),
            safety_issue,
        });
    }
}

/// Central contacts: "Contact: Jane Doe, MD 555-123-4567 jane@example.org", with phone and
/// email lines that continue the contact above.
pub(super) fn central_contacts(t: &mut Trial, body: &[Line]) {
    for l in nonblank(body) {
        let s = l.text.trim();
        let line = s
            .strip_prefix("Contact:")
            .map(|c| (c, Some(ContactRole::Contact)));
        match (line, t.contacts.central.last_mut()) {
            (Some((c, role)), _) => t.contacts.central.push(contact_line(c, role)),
            (None, Some(last)) if is_contact_details(s) => {
                let c = contact_line(s, None);
                last.phone = last.phone.take().or(c.phone);
                last.email = last.email.take().or(c.email);
            }
            _ => {}
        }
    }
}

/// Sites: an optional "Country, State" group line, the facility, its status, its place
/// "City, [State,] Country[, Zip]", then "Contact:" and investigator lines.
pub(super) fn locations(t: &mut Trial, body: &[Line]) {
    let lines: Vec<&str> = nonblank(body).map(|l| l.text.as_str()).collect();
    let mut i = 0;
    while i < lines.len() {
        let s = lines[i].trim();
        i += 1;
        if let Some(site) = t.sites.last_mut() {
            if let Some(c) = s.strip_prefix("Contact:") {
                site.contacts
                    .push(contact_line(c, Some(ContactRole::Contact)));
                continue;
            }
            if let Some((role, rest)) = site_person(s) {
                site.contacts.push(contact_line(rest, Some(role)));
                continue;
            }
            if let Some(status) = OverallStatus::from_words(s) {
                site.status = Some(status);
                continue;
            }
            if is_contact_details(s) {
                if let Some(last) = site.contacts.last_mut() {
                    let c = contact_line(s, None);
                    last.phone = last.phone.take().or(c.phone);
                    last.email = last.email.take().or(c.email);
                    continue;
                }
            }
        }
        if is_group_heading(s) {
            continue;
        }
        // The facility's status may stand between its name and its place.
        let status = lines
            .get(i)
            .and_then(|n| OverallStatus::from_words(n))
            .filter(|_| lines.get(i + 1).is_some_and(|p| split_place(p).is_some()));
        let place_at = i + usize::from(status.is_some());
        if let Some(place) = lines.get(place_at).and_then(|p| split_place(p)) {
            let mut site = place.into_site(Some(s));
            site.status = status;
            t.sites.push(site);
            i = place_at + 1;
        } else if let Some(place) = split_place(s) {
            t.sites.push(place.into_site(None));
        } else {
            t.warn(
                WarningCode::UnparsedText,
                "sites",
                format!("unrecognized location line {s:?}"),
            );
        }
    }
}

/// "United States, North Carolina" or "France": the heading the page groups sites under.
fn is_group_heading(s: &str) -> bool {
    let first = s.split(',').next().unwrap_or(s);
    crate::normalize::country::code(first.trim()).is_some() && split_place(s).is_none()
}

/// "Principal Investigator: Jane Doe, MD" at a site.
fn site_person(s: &str) -> Option<(ContactRole, &str)> {
    let (head, rest) = s.split_once(':')?;
    let role = match label_key(head).as_str() {
        "principal investigator" => ContactRole::PrincipalInvestigator,
        "sub-investigator" => ContactRole::SubInvestigator,
        "study chair" => ContactRole::StudyChair,
        "study director" => ContactRole::StudyDirector,
        _ => return None,
    };
    Some((role, rest))
}

/// An overall official: "Jane Doe, MD<tab>University" (the investigators table) or the name
/// and affiliation run together (older pages).
pub(super) fn official(t: &mut Trial, role: OfficialRole, value: &str) {
    let mut cells = value.split('\t').filter_map(text::line);
    let name = cells.next();
    if name.is_none() {
        return;
    }
    t.contacts.officials.push(Official {
        name,
        role: Some(role),
        affiliation: cells.next(),
    });
}

/// The lead sponsor and collaborators of the "Sponsors and Collaborators" list; the status
/// block names them too, and where it did, its names stand.
pub(super) fn sponsors(t: &mut Trial, body: &[Line]) {
    let names: Vec<String> = nonblank(body).filter_map(|l| text::line(&l.text)).collect();
    let mut names = names.into_iter();
    let org = |name: String| Organization {
        name: Some(name),
        class: None,
    };
    match &t.sponsors.lead {
        None => t.sponsors.lead = names.next().map(org),
        Some(_) => {
            names.next();
        }
    }
    if t.sponsors.collaborators.is_empty() {
        t.sponsors.collaborators = names.map(org).collect();
    }
}

/// Older pages print an official's affiliation run together with the name; it is split at
/// an organization the page itself names.
pub(super) fn split_official_affiliations(t: &mut Trial) {
    let mut orgs: Vec<String> = t
        .sponsors
        .lead
        .iter()
        .chain(&t.sponsors.collaborators)
        .filter_map(|o| o.name.clone())
        .chain(t.sponsors.information_provider.clone())
        .collect();
    orgs.sort_by_key(|o| std::cmp::Reverse(o.len()));
    for o in &mut t.contacts.officials {
        if o.affiliation.is_some() {
            continue;
        }
        let Some(full) = o.name.clone() else { continue };
        let cut = orgs
            .iter()
            .filter_map(|org| full.find(org.as_str()))
            .filter(|&i| i > 0)
            .min();
        if let Some(i) = cut {
            o.name = text::line(&full[..i]);
            o.affiliation = text::line(&full[i..]);
        }
    }
}

/// `v` split as `\s{2,}|;` splits it (Unicode white space), scanned: at runs of two white
/// space characters or more, whole, and at semicolons.
fn split_ids(v: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut from = 0;
    let mut chars = v.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c == ';' {
            out.push(&v[from..i]);
            from = i + 1;
        } else if c.is_whitespace() {
            let (mut end, mut run) = (i + c.len_utf8(), 1);
            while let Some((j, d)) = chars.next_if(|(_, d)| d.is_whitespace()) {
                (end, run) = (j + d.len_utf8(), run + 1);
            }
            if run >= 2 {
                out.push(&v[from..i]);
                from = end;
            }
        }
    }
    out.push(&v[from..]);
    out
}

/// `part` with the first match of `\s*\([^()]*\)\s*$` removed, scanned: the match is the
/// last parenthesis, when it is the one closed at the end (white space aside) with no
/// parenthesis inside, and the white space before it.
fn without_kind(part: &str) -> &str {
    let Some(inner) = part.trim_end().strip_suffix(')') else {
        return part;
    };
    match inner.rfind(['(', ')']) {
        Some(open) if inner.as_bytes()[open] == b'(' => part[..open].trim_end(),
        _ => part,
    }
}

/// "Other Study ID Numbers": the sponsor's id first, then the others, one a line ("P30CA012197
/// ( U.S. NIH Grant/Contract )", the kind in parentheses left out) or, on older pages, apart
/// by runs of spaces or semicolons.
pub(super) fn other_ids<'a>(t: &mut Trial, values: impl Iterator<Item = &'a str>) {
    let mut ids = Vec::new();
    for v in values {
        for part in split_ids(v) {
            if let Some(id) = text::line(without_kind(part)) {
                ids.push(id);
            }
        }
    }
    let mut ids = ids.into_iter();
    if t.ids.org_study_id.is_none() {
        t.ids.org_study_id = ids.next();
    }
    for id in ids {
        if Some(&id) != t.ids.org_study_id.as_ref() && !t.ids.secondary_ids.contains(&id) {
            t.ids.secondary_ids.push(id);
        }
    }
}

/// A list of citations, one a line; PubMed's notes on the line below a citation ("Retraction
/// in: …") belong to it.
pub(super) fn references(t: &mut Trial, kind: Option<ReferenceType>, body: &[Line]) {
    for l in nonblank(body) {
        add_reference(&mut t.references, kind, l.text.trim());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::page::outline::Outline;

    fn lines(s: &str) -> Vec<Line> {
        Outline::from_text(s).lines
    }

    #[test]
    fn arms_with_interventions_and_their_other_names() {
        let mut t = Trial::default();
        arms(
            &mut t,
            &lines(
                "Experimental: Arm A\nGiven daily.\nDrug: X\nOral X.\nOther Names:\n  • X-1\n  • X-2\n\n\
                 Placebo Comparator: Arm B\tDrug: Placebo\nMatching placebo.\n",
            ),
        );
        let labels: Vec<&str> = t.arms.iter().map(|a| a.label.as_str()).collect();
        assert_eq!(labels, ["Arm A", "Arm B"]);
        assert_eq!(t.arms[0].description.as_deref(), Some("Given daily."));
        assert_eq!(t.arms[1].intervention_names, ["DRUG: Placebo"]);
        assert_eq!(t.interventions[0].other_names, ["X-1", "X-2"]);
        assert_eq!(t.interventions[0].description.as_deref(), Some("Oral X."));
        assert_eq!(
            t.interventions[1].description.as_deref(),
            Some("Matching placebo.")
        );
    }

    #[test]
    fn groups_without_types_by_rows_or_sentences() {
        for body in [
            "Cohort 1\nAdults with X.\n\nCohort 2\nChildren with X.\n",
            "Cohort 1\nAdults with X.\nCohort 2\nChildren with X.\n",
        ] {
            let mut t = Trial::default();
            arms(&mut t, &lines(body));
            let labels: Vec<&str> = t.arms.iter().map(|a| a.label.as_str()).collect();
            assert_eq!(labels, ["Cohort 1", "Cohort 2"], "{body:?}");
            assert_eq!(t.arms[1].description.as_deref(), Some("Children with X."));
        }
    }

    /// `outcome_parts` finds [`OUTCOME`]'s groups, on every fixture line with a "[" and on
    /// edge cases (blocks repeated, out of order, nested brackets, white space).
    #[test]
    fn outcome_scanner_matches_the_regex() {
        let regex = regex::Regex::new(OUTCOME).unwrap();
        let mut texts: Vec<String> = [
            "",
            "x",
            "x [ Time Frame: 6 months ]",
            "x [ Time Frame: 6 months ] [ Designated as safety issue: No ]  ",
            "x [ Designated as safety issue: No ] [ Time Frame: 6 months ]",
            "x [ Time Frame: a ] [ Time Frame: b ]",
            "x [ [ Time Frame: a ]",
            "x [Time Frame: [a] ]",
            "[ Time Frame: a ]",
            "x\n[\u{2003}Time Frame:\u{a0}a\n]\n\u{2003}",
            "x [ Time Frame: a ]y",
            "x [ Designated as safety issue:Yes]",
            "x ] [ Time Frame: a ] ] ",
            "x [ time frame: a ]",
            "x [ Time Frame: ]",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::fixture_files() {
            texts.extend(all.lines().filter(|l| l.contains('[')).map(String::from));
        }
        let mut framed = 0;
        for t in &texts {
            let c = regex.captures(t).unwrap();
            let group = |g: &str| c.name(g).map(|m| m.as_str());
            let want = (group("measure").unwrap(), group("tf"), group("safety"));
            framed += usize::from(want.1.is_some());
            assert_eq!(outcome_parts(t), want, "{t:?}");
        }
        assert!(framed >= 10, "{framed}");
    }

    /// `split_ids` and `without_kind` give what `\s{2,}|;` (split) and `\s*\([^()]*\)\s*$`
    /// (replaced by nothing) give, on every line of the fixtures and on edge cases.
    #[test]
    fn id_scanners_match_the_regexes() {
        let sep = regex::Regex::new(r"\s{2,}|;").unwrap();
        let kind = regex::Regex::new(r"\s*\([^()]*\)\s*$").unwrap();
        let mut texts: Vec<String> = [
            "",
            "a",
            "a  b;c ; d\u{2003}\u{a0}e \tf",
            ";;",
            "  ",
            " a ",
            "P30 ( U.S. NIH Grant/Contract )",
            "P30 ( U.S. NIH )  ",
            "x (a) (b)",
            "x (a (b))",
            "x (a)) ",
            "(a)",
            "x\u{2003}(a\nb)\n",
            "x ()",
            "x )",
            "x (a) y",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for all in crate::test_texts::fixture_files() {
            texts.extend(all.lines().map(String::from));
        }
        let (mut split, mut removed) = (0, 0);
        for t in &texts {
            let want: Vec<&str> = sep.split(t).collect();
            split += usize::from(want.len() > 1);
            assert_eq!(split_ids(t), want, "{t:?}");
            for part in want.iter().copied().chain([t.as_str()]) {
                let want = kind.replace(part, "");
                removed += usize::from(want.len() < part.len());
                assert_eq!(without_kind(part), want, "{part:?}");
            }
        }
        assert!(split > 1_000 && removed > 1_000, "{split} {removed}");
    }

    #[test]
    fn sites_under_their_country_heading_with_status_and_contacts() {
        let mut t = Trial::default();
        locations(
            &mut t,
            &lines(
                "United States, North Carolina\nWake Forest Baptist Medical Center\nRecruiting\n\
                 Winston-Salem, North Carolina, United States, 27157\nContact: Jane Doe 336-555-0100\n\
                 Principal Investigator: John Roe, MD\n",
            ),
        );
        assert_eq!(t.sites.len(), 1);
        let s = &t.sites[0];
        assert_eq!(s.status, Some(OverallStatus::Recruiting));
        assert_eq!(s.city.as_deref(), Some("Winston-Salem"));
        assert_eq!(s.contacts.len(), 2);
        assert_eq!(s.contacts[0].phone.as_deref(), Some("336-555-0100"));
        assert!(t.warnings.is_empty());
    }
}
