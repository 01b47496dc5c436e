//! Who may take part: sex, age bounds and groups, healthy volunteers, the criteria text.

use super::{unescaped, vocab, yes_no};
use crate::model::{paths, Trial};
use crate::normalize::{checked, text};
use crate::sources::structured::wire::api_v2::EligibilityModule;

pub(super) fn eligibility(t: &mut Trial, el: EligibilityModule) {
    t.eligibility.sex = t.enum_or_warn(paths::ELIGIBILITY_SEX, el.sex.as_deref());
    t.eligibility.minimum_age =
        checked::age_bound(t, paths::ELIGIBILITY_MINIMUM_AGE, el.minimum_age.as_deref());
    t.eligibility.maximum_age =
        checked::age_bound(t, paths::ELIGIBILITY_MAXIMUM_AGE, el.maximum_age.as_deref());
    for (i, a) in el.std_ages.iter().enumerate() {
        if let Some(v) = vocab(t, || paths::std_age(i), Some(a)) {
            t.eligibility.std_ages.push(v);
        }
    }
    let healthy = el.healthy_volunteers.as_ref();
    t.eligibility.healthy_volunteers =
        yes_no(t, || paths::ELIGIBILITY_HEALTHY_VOLUNTEERS.into(), healthy);
    t.eligibility.criteria_text =
        (el.eligibility_criteria.as_deref()).and_then(|c| text::dedent(&unescaped(c)));
}
