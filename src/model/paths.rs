//! The JSON paths that warnings name ([`Warning::path`](super::Warning::path)), written once:
//! dotted keys with `[i]` for a list item (`sites[3].contacts[0].role`), the keys of the
//! record's JSON. A test walks every path here in a serialized record.

/// `ids.nct_id`
pub const IDS_NCT_ID: &str = "ids.nct_id";
/// `status.overall`
pub const STATUS_OVERALL: &str = "status.overall";
/// `status.start`
pub const STATUS_START: &str = "status.start";
/// `status.primary_completion`
pub const STATUS_PRIMARY_COMPLETION: &str = "status.primary_completion";
/// `status.completion`
pub const STATUS_COMPLETION: &str = "status.completion";
/// `status.first_submitted`
pub const STATUS_FIRST_SUBMITTED: &str = "status.first_submitted";
/// `status.first_posted`
pub const STATUS_FIRST_POSTED: &str = "status.first_posted";
/// `status.last_updated`
pub const STATUS_LAST_UPDATED: &str = "status.last_updated";
/// `status.verified`
pub const STATUS_VERIFIED: &str = "status.verified";
/// `sponsors.lead`
pub const SPONSORS_LEAD: &str = "sponsors.lead";
/// `sponsors.responsible_party.type`
pub const RESPONSIBLE_PARTY_TYPE: &str = "sponsors.responsible_party.type";
/// `design.study_type`
pub const DESIGN_STUDY_TYPE: &str = "design.study_type";
/// `design.phases`
pub const DESIGN_PHASES: &str = "design.phases";
/// `design.allocation`
pub const DESIGN_ALLOCATION: &str = "design.allocation";
/// `design.intervention_model`
pub const DESIGN_INTERVENTION_MODEL: &str = "design.intervention_model";
/// `design.observational_model`
pub const DESIGN_OBSERVATIONAL_MODEL: &str = "design.observational_model";
/// `design.time_perspective`
pub const DESIGN_TIME_PERSPECTIVE: &str = "design.time_perspective";
/// `design.primary_purpose`
pub const DESIGN_PRIMARY_PURPOSE: &str = "design.primary_purpose";
/// `design.masking`
pub const DESIGN_MASKING: &str = "design.masking";
/// `enrollment.count`
pub const ENROLLMENT_COUNT: &str = "enrollment.count";
/// `enrollment.type`
pub const ENROLLMENT_TYPE: &str = "enrollment.type";
/// `eligibility.sex`
pub const ELIGIBILITY_SEX: &str = "eligibility.sex";
/// `eligibility.minimum_age`
pub const ELIGIBILITY_MINIMUM_AGE: &str = "eligibility.minimum_age";
/// `eligibility.maximum_age`
pub const ELIGIBILITY_MAXIMUM_AGE: &str = "eligibility.maximum_age";
/// `eligibility.std_ages`
pub const ELIGIBILITY_STD_AGES: &str = "eligibility.std_ages";
/// `eligibility.healthy_volunteers`
pub const ELIGIBILITY_HEALTHY_VOLUNTEERS: &str = "eligibility.healthy_volunteers";
/// `eligibility.criteria_text`
pub const ELIGIBILITY_CRITERIA_TEXT: &str = "eligibility.criteria_text";

/// `<path>.type`: the ACTUAL/ESTIMATED type of a dated event, the type of an item.
pub fn kind(path: &str) -> String {
    format!("{path}.type")
}

/// `<path>.class`: an organization's agency class.
pub fn class(path: &str) -> String {
    format!("{path}.class")
}

/// `<path>.role`: a contact's or an official's role.
pub fn role(path: &str) -> String {
    format!("{path}.role")
}

/// `sponsors.collaborators[i]`
pub fn collaborator(i: usize) -> String {
    format!("sponsors.collaborators[{i}]")
}

/// `arms[i]`
pub fn arm(i: usize) -> String {
    format!("arms[{i}]")
}

/// `arms[i].intervention_names`
pub fn arm_intervention_names(i: usize) -> String {
    format!("arms[{i}].intervention_names")
}

/// `interventions[i]`
pub fn intervention(i: usize) -> String {
    format!("interventions[{i}]")
}

/// `interventions[i].arm_labels`
pub fn intervention_arm_labels(i: usize) -> String {
    format!("interventions[{i}].arm_labels")
}

/// `outcomes[i].safety_issue`
pub fn outcome_safety_issue(i: usize) -> String {
    format!("outcomes[{i}].safety_issue")
}

/// `eligibility.std_ages[i]`
pub fn std_age(i: usize) -> String {
    format!("eligibility.std_ages[{i}]")
}

/// `contacts.central[i]`
pub fn central_contact(i: usize) -> String {
    format!("contacts.central[{i}]")
}

/// `contacts.officials[i]`
pub fn official(i: usize) -> String {
    format!("contacts.officials[{i}]")
}

/// `sites[i].status`
pub fn site_status(i: usize) -> String {
    format!("sites[{i}].status")
}

/// `sites[i].country_code`
pub fn site_country_code(i: usize) -> String {
    format!("sites[{i}].country_code")
}

/// `sites[i].contacts[j]`
pub fn site_contact(i: usize, j: usize) -> String {
    format!("sites[{i}].contacts[{j}]")
}

/// `references[i]`
pub fn reference(i: usize) -> String {
    format!("references[{i}]")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    /// `a.b[0].c` as the JSON pointer `/a/b/0/c`.
    fn pointer(path: &str) -> String {
        path.split('.')
            .flat_map(|part| part.split(['[', ']']).filter(|s| !s.is_empty()))
            .map(|s| format!("/{s}"))
            .collect()
    }

    #[test]
    fn every_path_names_a_key_of_the_record() {
        let mut t = Trial::default();
        t.sponsors.responsible_party = Some(ResponsibleParty::default());
        t.sponsors.lead = Some(Organization::default());
        t.sponsors.collaborators = vec![Organization::default()];
        t.arms = vec![Arm::default()];
        t.interventions = vec![Intervention::default()];
        t.outcomes = vec![Outcome::default()];
        t.eligibility.std_ages = vec![StdAge::Adult];
        t.contacts.central = vec![Contact::default()];
        t.contacts.officials = vec![Official::default()];
        t.sites = vec![Site {
            contacts: vec![Contact::default()],
            ..Site::default()
        }];
        t.references = vec![Reference::default()];
        let json = serde_json::to_value(&t).unwrap();
        let paths = [
            STATUS_OVERALL,
            &kind(STATUS_START),
            &kind(STATUS_PRIMARY_COMPLETION),
            &kind(STATUS_COMPLETION),
            STATUS_FIRST_SUBMITTED,
            STATUS_FIRST_POSTED,
            STATUS_LAST_UPDATED,
            STATUS_VERIFIED,
            &class(SPONSORS_LEAD),
            &class(&collaborator(0)),
            RESPONSIBLE_PARTY_TYPE,
            DESIGN_STUDY_TYPE,
            DESIGN_PHASES,
            DESIGN_ALLOCATION,
            DESIGN_INTERVENTION_MODEL,
            DESIGN_OBSERVATIONAL_MODEL,
            DESIGN_TIME_PERSPECTIVE,
            DESIGN_PRIMARY_PURPOSE,
            DESIGN_MASKING,
            ENROLLMENT_COUNT,
            ENROLLMENT_TYPE,
            &kind(&arm(0)),
            &arm_intervention_names(0),
            &kind(&intervention(0)),
            &intervention_arm_labels(0),
            &outcome_safety_issue(0),
            ELIGIBILITY_SEX,
            ELIGIBILITY_MINIMUM_AGE,
            ELIGIBILITY_MAXIMUM_AGE,
            &std_age(0),
            ELIGIBILITY_HEALTHY_VOLUNTEERS,
            ELIGIBILITY_CRITERIA_TEXT,
            &role(&central_contact(0)),
            &role(&official(0)),
            &site_status(0),
            &site_country_code(0),
            &role(&site_contact(0, 0)),
            &kind(&reference(0)),
        ];
        for p in paths {
            assert!(
                json.pointer(&pointer(p)).is_some(),
                "{p} is not in the JSON"
            );
        }
        assert_eq!(
            pointer("sites[3].contacts[0].role"),
            "/sites/3/contacts/0/role"
        );
    }
}
