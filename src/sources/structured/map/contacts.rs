//! Central contacts and overall officials; the contact reading sites share.

use super::{opt_line, vocab};
use crate::model::{paths, Contact, ContactRole, Official, Trial};
use crate::sources::structured::wire::api_v2::{self as v2, ContactsModule};

pub(super) fn contacts(t: &mut Trial, cm: &ContactsModule) {
    for (i, c) in cm.central_contacts.iter().enumerate() {
        let c = contact(t, || paths::central_contact(i), c);
        t.contacts.central.push(c);
    }
    for (i, o) in cm.overall_officials.iter().enumerate() {
        let role = vocab(t, || paths::role(&paths::official(i)), o.role.as_deref());
        t.contacts.officials.push(Official {
            name: opt_line(o.name.as_deref()),
            role,
            affiliation: opt_line(o.affiliation.as_deref()),
        });
    }
}

/// A contact person; the phone extension, where given apart, is appended as "ext. N".
/// `path` gives the contact's path, for a warning.
pub(super) fn contact(t: &mut Trial, path: impl FnOnce() -> String, c: &v2::Contact) -> Contact {
    let phone = match (
        opt_line(c.phone.as_deref()),
        opt_line(c.phone_ext.as_deref()),
    ) {
        (Some(p), Some(e)) => Some(format!("{p} ext. {e}")),
        (p, _) => p,
    };
    Contact {
        name: opt_line(c.name.as_deref()),
        role: vocab::<ContactRole>(t, || paths::role(&path()), c.role.as_deref()),
        phone,
        email: opt_line(c.email.as_deref()),
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
        let c = contact(&mut t, || "c".into(), &c);
        assert_eq!(c.phone.as_deref(), Some("555-1234 ext. 12"));
        assert_eq!(c.name.as_deref(), Some("Ann Lee"));
        assert_eq!(c.role, Some(ContactRole::Contact));
    }
}
