//! Central contacts and overall officials; the contact reading sites share.

use super::{moved, opt_line, vocab};
use crate::model::{paths, Contact, ContactRole, Official, Trial};
use crate::sources::structured::wire::api_v2::{self as v2, ContactsModule};

pub(super) fn contacts(t: &mut Trial, cm: ContactsModule) {
    for (i, c) in cm.central_contacts.into_iter().enumerate() {
        let c = contact(t, || paths::central_contact(i), c);
        t.contacts.central.push(c);
    }
    for (i, o) in cm.overall_officials.into_iter().enumerate() {
        let role = vocab(t, || paths::role(&paths::official(i)), o.role.as_deref());
        t.contacts.officials.push(Official {
            name: moved(o.name, opt_line),
            role,
            affiliation: moved(o.affiliation, opt_line),
        });
    }
}

/// A contact person; the phone extension, where given apart, is appended as "ext. N".
/// `path` gives the contact's path, for a warning.
pub(super) fn contact(t: &mut Trial, path: impl FnOnce() -> String, c: v2::Contact) -> Contact {
    let phone = match (moved(c.phone, opt_line), moved(c.phone_ext, opt_line)) {
        (Some(p), Some(e)) => Some(format!("{p} ext. {e}")),
        (p, _) => p,
    };
    Contact {
        name: moved(c.name, opt_line),
        role: vocab::<ContactRole>(t, || paths::role(&path()), c.role.as_deref()),
        phone,
        email: moved(c.email, opt_line),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_extension() {
        let mut t = Trial::default();
        let c = v2::Contact {
            name: Some(" Ann  Lee ".into()),
            role: Some("Contact".into()),
            phone: Some("555-1234".into()),
            phone_ext: Some("12".into()),
            email: None,
        };
        let c = contact(&mut t, || "c".into(), c);
        assert_eq!(c.phone.as_deref(), Some("555-1234 ext. 12"));
        assert_eq!(c.name.as_deref(), Some("Ann Lee"));
        assert_eq!(c.role, Some(ContactRole::Contact));
    }
}
