//! Arms and interventions reference each other by `arms[].label` and `interventions[].name`;
//! sources give one direction, the other or both. This makes the links consistent both ways.

use super::enums::Vocab;
use super::text::squash;
use crate::model::{paths, WarningCode};
use crate::model::{Intervention, InterventionType, Trial};

/// Splits an arm's reference "Drug: imatinib mesylate" into its type and name.
fn split_typed(reference: &str) -> (Option<InterventionType>, &str) {
    if let Some((head, rest)) = reference.split_once(':') {
        if let Some(t) = InterventionType::from_words(head) {
            return (Some(t), rest.trim());
        }
    }
    (None, reference.trim())
}

fn same(a: &str, b: &str) -> bool {
    a == b || squash(a) == squash(b)
}

/// Merges interventions with the same (type, name), resolves every arm ↔ intervention
/// reference to the canonical label and name, and fills the missing direction. An arm's
/// typed reference to an intervention the record does not list adds that intervention; an
/// untyped reference to nothing is dropped with a warning.
pub fn link(trial: &mut Trial) {
    merge_duplicates(trial);
    let mut warnings = Vec::new();
    for ai in 0..trial.arms.len() {
        let refs = std::mem::take(&mut trial.arms[ai].intervention_names);
        let label = trial.arms[ai].label.clone();
        let mut resolved: Vec<String> = Vec::new();
        for r in refs {
            let (kind, name) = split_typed(&r);
            let found = trial.interventions.iter().position(|iv| {
                (same(&iv.name, name) && (kind.is_none() || iv.kind == kind)) || same(&iv.name, &r)
            });
            let idx = match (found, kind) {
                (Some(i), _) => i,
                (None, Some(k)) => {
                    trial.interventions.push(Intervention {
                        kind: Some(k),
                        name: name.to_string(),
                        ..Intervention::default()
                    });
                    trial.interventions.len() - 1
                }
                (None, None) => {
                    warnings.push((
                        paths::arm_intervention_names(ai),
                        format!("arm {label:?} names intervention {r:?}, which the record does not list"),
                    ));
                    continue;
                }
            };
            let iv = &mut trial.interventions[idx];
            if !resolved.contains(&iv.name) {
                resolved.push(iv.name.clone());
            }
            if !iv.arm_labels.iter().any(|l| same(l, &label)) {
                iv.arm_labels.push(label.clone());
            }
        }
        trial.arms[ai].intervention_names = resolved;
    }
    for ii in 0..trial.interventions.len() {
        let labels = std::mem::take(&mut trial.interventions[ii].arm_labels);
        let name = trial.interventions[ii].name.clone();
        let mut resolved: Vec<String> = Vec::new();
        for l in labels {
            match trial.arms.iter_mut().find(|a| same(&a.label, &l)) {
                Some(arm) => {
                    if !resolved.contains(&arm.label) {
                        resolved.push(arm.label.clone());
                    }
                    if !arm.intervention_names.contains(&name) {
                        arm.intervention_names.push(name.clone());
                    }
                }
                None => warnings.push((
                    paths::intervention_arm_labels(ii),
                    format!(
                        "intervention {name:?} names arm {l:?}, which the record does not list"
                    ),
                )),
            }
        }
        trial.interventions[ii].arm_labels = resolved;
    }
    // Sources list the links in whatever order they were entered (the XML and API v1 copies
    // of one study differ); listing them in the order of the other side's list makes one
    // study give one record.
    let arm_order: Vec<String> = trial.arms.iter().map(|a| a.label.clone()).collect();
    let iv_order: Vec<String> = trial.interventions.iter().map(|i| i.name.clone()).collect();
    let rank =
        |order: &[String], x: &String| order.iter().position(|o| o == x).unwrap_or(usize::MAX);
    for iv in &mut trial.interventions {
        iv.arm_labels.sort_by_key(|l| rank(&arm_order, l));
    }
    for arm in &mut trial.arms {
        arm.intervention_names.sort_by_key(|n| rank(&iv_order, n));
    }
    for (path, msg) in warnings {
        trial.warn(WarningCode::DanglingReference, &path, msg);
    }
}

fn merge_duplicates(trial: &mut Trial) {
    let mut merged: Vec<Intervention> = Vec::with_capacity(trial.interventions.len());
    for iv in std::mem::take(&mut trial.interventions) {
        match merged
            .iter_mut()
            .find(|m| m.kind == iv.kind && same(&m.name, &iv.name))
        {
            Some(m) => {
                if m.description.is_none() {
                    m.description = iv.description;
                }
                for n in iv.other_names {
                    if !m.other_names.contains(&n) {
                        m.other_names.push(n);
                    }
                }
                for l in iv.arm_labels {
                    if !m.arm_labels.contains(&l) {
                        m.arm_labels.push(l);
                    }
                }
            }
            None => merged.push(iv),
        }
    }
    trial.interventions = merged;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Arm;

    fn arm(label: &str, names: &[&str]) -> Arm {
        Arm {
            label: label.into(),
            intervention_names: names.iter().map(|s| s.to_string()).collect(),
            ..Arm::default()
        }
    }

    fn iv(kind: InterventionType, name: &str, arms: &[&str]) -> Intervention {
        Intervention {
            kind: Some(kind),
            name: name.into(),
            arm_labels: arms.iter().map(|s| s.to_string()).collect(),
            ..Intervention::default()
        }
    }

    #[test]
    fn typed_arm_references_resolve_and_back_link() {
        let mut t = Trial {
            arms: vec![
                arm("1", &["Drug: imatinib mesylate"]),
                arm("2", &["Drug: Imatinib Mesylate"]),
            ],
            interventions: vec![iv(InterventionType::Drug, "imatinib mesylate", &[])],
            ..Trial::default()
        };
        link(&mut t);
        assert_eq!(t.arms[0].intervention_names, ["imatinib mesylate"]);
        assert_eq!(t.arms[1].intervention_names, ["imatinib mesylate"]);
        assert_eq!(t.interventions[0].arm_labels, ["1", "2"]);
        assert!(t.warnings.is_empty());
    }

    #[test]
    fn links_follow_the_order_of_the_other_list() {
        let mut t = Trial {
            arms: vec![arm("A", &[]), arm("B", &[])],
            interventions: vec![
                iv(InterventionType::Drug, "X", &["B", "A"]),
                iv(InterventionType::Drug, "Y", &["B"]),
            ],
            ..Trial::default()
        };
        link(&mut t);
        assert_eq!(t.interventions[0].arm_labels, ["A", "B"]);
        assert_eq!(t.arms[1].intervention_names, ["X", "Y"]);
    }

    #[test]
    fn intervention_side_links_fill_arms_and_duplicates_merge() {
        let mut t = Trial {
            arms: vec![arm("A", &[]), arm("B", &[])],
            interventions: vec![
                iv(InterventionType::Drug, "X", &["A"]),
                iv(InterventionType::Drug, "X", &["B", "Z"]),
            ],
            ..Trial::default()
        };
        link(&mut t);
        assert_eq!(t.interventions.len(), 1);
        assert_eq!(t.interventions[0].arm_labels, ["A", "B"]);
        assert_eq!(t.arms[1].intervention_names, ["X"]);
        assert_eq!(t.warnings.len(), 1);
        assert_eq!(t.warnings[0].code, WarningCode::DanglingReference);
    }
}
