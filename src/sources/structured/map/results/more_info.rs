//! Limitations and caveats, publication agreements, the results point of contact.

use super::{md_line, md_paragraphs, moved, vocab};
use crate::model::results::{CertainAgreement, MoreInfo, PointOfContact, RestrictionType};
use crate::model::Trial;
use crate::sources::structured::map::{opt_line, yes_no};
use crate::sources::structured::wire::api_v2_results as w;

pub(super) fn more_info(t: &mut Trial, m: w::MoreInfoModule) -> MoreInfo {
    const AT: &str = "results.more_info.certain_agreement";
    let certain_agreement = m.certain_agreement.map(|a| CertainAgreement {
        pi_sponsor_employee: yes_no(
            t,
            || format!("{AT}.pi_sponsor_employee"),
            a.pi_sponsor_employee.as_ref(),
        ),
        restrictive_agreement: yes_no(
            t,
            || format!("{AT}.restrictive_agreement"),
            a.restrictive_agreement.as_ref(),
        ),
        restriction_type: vocab::<RestrictionType>(
            t,
            || format!("{AT}.restriction_type"),
            a.restriction_type.as_deref(),
        ),
        other_details: moved(a.other_details, md_paragraphs),
    });
    let point_of_contact = m.point_of_contact.map(|p| {
        let phone = moved(p.phone, md_line);
        let ext = opt_line(p.phone_ext.as_deref());
        PointOfContact {
            title: moved(p.title, md_line),
            organization: moved(p.organization, md_line),
            email: moved(p.email, md_line),
            phone: match (phone, ext) {
                (Some(p), Some(e)) => Some(format!("{p} ext. {e}")),
                (p, _) => p,
            },
        }
    });
    MoreInfo {
        limitations: (m.limitations_and_caveats).and_then(|l| moved(l.description, md_paragraphs)),
        certain_agreement,
        point_of_contact,
    }
}
