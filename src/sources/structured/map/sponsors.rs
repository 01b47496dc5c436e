//! Lead sponsor, collaborators, responsible party and information provider.

use super::{moved, opt_line, vocab};
use crate::model::{paths, Organization, ResponsibleParty, Trial};
use crate::sources::structured::wire::api_v2::{self as v2, SponsorModule};

pub(super) fn sponsors(t: &mut Trial, sp: SponsorModule, provider: Option<v2::Organization>) {
    if let Some(l) = sp.lead_sponsor {
        t.sponsors.lead = organization(t, || paths::SPONSORS_LEAD.into(), l);
    }
    for (i, c) in sp.collaborators.into_iter().enumerate() {
        if let Some(o) = organization(t, || paths::collaborator(i), c) {
            t.sponsors.collaborators.push(o);
        }
    }
    if let Some(r) = sp.responsible_party {
        let party = ResponsibleParty {
            kind: t.enum_or_warn(paths::RESPONSIBLE_PARTY_TYPE, r.kind.as_deref()),
            name: moved(r.investigator_full_name.or(r.old_name_title), opt_line),
            title: moved(r.investigator_title, opt_line),
            affiliation: moved(r.investigator_affiliation.or(r.old_organization), opt_line),
        };
        if party != ResponsibleParty::default() {
            t.sponsors.responsible_party = Some(party);
        }
    }
    t.sponsors.information_provider = provider.and_then(|o| moved(o.full_name, opt_line));
}

/// A sponsor from its name and agency class; `path` gives the sponsor's path, for a warning.
fn organization(
    t: &mut Trial,
    path: impl FnOnce() -> String,
    s: v2::Sponsor,
) -> Option<Organization> {
    let name = moved(s.name, opt_line);
    let class = vocab(t, || paths::class(&path()), s.class.as_deref());
    (name.is_some() || class.is_some()).then_some(Organization { name, class })
}
