//! Publications and other references.

use super::{md_line, moved, opt_line, vocab};
use crate::model::{paths, Reference, Trial};
use crate::sources::structured::wire::api_v2::ReferencesModule;

pub(super) fn references(t: &mut Trial, rm: ReferencesModule) {
    for (i, r) in rm.references.into_iter().enumerate() {
        let kind = vocab(t, || paths::kind(&paths::reference(i)), r.kind.as_deref());
        t.references.push(Reference {
            citation: moved(r.citation, md_line),
            pmid: moved(r.pmid, opt_line),
            kind,
        });
    }
}
