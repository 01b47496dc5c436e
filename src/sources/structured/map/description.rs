//! Summary, description, conditions, keywords and MeSH terms.

use super::{line, md_lines, md_paragraphs};
use crate::model::Trial;
use crate::sources::structured::wire::api_v2::{Derived, Protocol};

pub(super) fn description(t: &mut Trial, p: &Protocol, d: &Derived) {
    let dm = &p.description_module;
    t.description.brief_summary = md_paragraphs(dm.brief_summary.as_deref());
    t.description.detailed_description = md_paragraphs(dm.detailed_description.as_deref());
    t.conditions = md_lines(&p.conditions_module.conditions);
    t.keywords = md_lines(&p.conditions_module.keywords);
    let meshes = (d.condition_browse_module.meshes.iter())
        .chain(&d.intervention_browse_module.meshes)
        .filter_map(|m| m.term.as_deref());
    for term in meshes {
        // Once each, in source order: terms repeat across the two lists.
        if let Some(v) = line(term) {
            if !t.mesh_terms.contains(&v) {
                t.mesh_terms.push(v);
            }
        }
    }
}
