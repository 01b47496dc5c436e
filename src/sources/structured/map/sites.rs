//! Study sites (locations) and their contacts.

use super::contacts::contact;
use super::{opt_line, vocab};
use crate::model::{paths, Site, Trial};
use crate::sources::structured::wire::api_v2::Location;

pub(super) fn sites(t: &mut Trial, locations: &[Location]) {
    for (i, l) in locations.iter().enumerate() {
        let status = vocab(t, || paths::site_status(i), l.status.as_deref());
        let contacts = (l.contacts.iter().enumerate())
            .map(|(j, c)| contact(t, || paths::site_contact(i, j), c))
            .collect();
        t.sites.push(Site {
            facility: opt_line(l.facility.as_deref()),
            status,
            city: opt_line(l.city.as_deref()),
            state: opt_line(l.state.as_deref()),
            zip: opt_line(l.zip.as_deref()),
            country: opt_line(l.country.as_deref()),
            country_code: None,
            contacts,
        });
    }
}
