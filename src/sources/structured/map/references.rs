//! Publications and other references.

use super::{md_line, opt_line, vocab};
use crate::model::{paths, Reference, Trial};
use crate::sources::structured::wire::api_v2::ReferencesModule;

pub(super) fn references(t: &mut Trial, rm: &ReferencesModule) {
    for (i, r) in rm.references.iter().enumerate() {
        let kind = vocab(t, || paths::kind(&paths::reference(i)), r.kind.as_deref());
        t.references.push(Reference {
            citation: md_line(r.citation.as_deref()),
            pmid: opt_line(r.pmid.as_deref()),
            kind,
        });
    }
}
