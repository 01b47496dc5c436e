//! Summary, description, conditions, keywords and MeSH terms.

use super::{md_lines, md_paragraphs, moved, opt_line};
use crate::model::Trial;
use crate::sources::structured::wire::api_v2::{ConditionsModule, Derived, DescriptionModule};

pub(super) fn description(t: &mut Trial, dm: DescriptionModule, cm: ConditionsModule, d: Derived) {
    t.description.brief_summary = moved(dm.brief_summary, md_paragraphs);
    t.description.detailed_description = moved(dm.detailed_description, md_paragraphs);
    t.conditions = md_lines(cm.conditions);
    t.keywords = md_lines(cm.keywords);
    let meshes = (d.condition_browse_module.meshes.into_iter())
        .chain(d.intervention_browse_module.meshes)
        .filter_map(|m| moved(m.term, opt_line));
    for v in meshes {
        // Once each, in source order: terms repeat across the two lists.
        if !t.mesh_terms.contains(&v) {
            t.mesh_terms.push(v);
        }
    }
}
