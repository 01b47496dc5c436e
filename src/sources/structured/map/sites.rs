//! Study sites (locations) and their contacts.

use super::contacts::contact;
use super::{moved, opt_line, vocab};
use crate::model::{paths, Site, Trial};
use crate::sources::structured::wire::api_v2::Location;

pub(super) fn sites(t: &mut Trial, locations: Vec<Location>) {
    // Sites are large: growing the list one push at a time moved them again and again.
    t.sites.reserve(locations.len());
    for (i, l) in locations.into_iter().enumerate() {
        let status = vocab(t, || paths::site_status(i), l.status.as_deref());
        let contacts = (l.contacts.into_iter().enumerate())
            .map(|(j, c)| contact(t, || paths::site_contact(i, j), c))
            .collect();
        t.sites.push(Site {
            facility: moved(l.facility, opt_line),
            status,
            city: moved(l.city, opt_line),
            state: moved(l.state, opt_line),
            zip: moved(l.zip, opt_line),
            country: moved(l.country, opt_line),
            country_code: None,
            contacts,
        });
    }
}
