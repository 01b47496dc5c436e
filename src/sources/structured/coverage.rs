//! What the structured sources carry that the model does not, with the reason: the one
//! table of elements left out on purpose ([`NOT_CARRIED`]), and the check that names any
//! other element a record holds.
//!
//! An element is *mapped* when the format's wire types read it (`wire/`): the converters
//! move every wire field into the API v2 shape and the mapper maps every field of that
//! shape. Every other element is skipped by serde, and the reader learns its path
//! (`serde_ignored` reports the skipped members as it reads, at no cost for the members it
//! reads). A skipped element that this table declares is left out quietly; any other (an
//! element a future download adds) gives the record one `not-carried` warning naming them
//! all, and `tests/coverage.rs` fails on it until someone maps or declares it.
//!
//! Paths are the format's own spelling, members joined by `.`: API v2 from the study object
//! (`protocolSection.oversightModule`), API v1 from the `Study` object
//! (`ProtocolSection.OversightModule`), `[]` for a list item; the legacy XML from
//! `<clinical_study>` (`oversight_info`, `clinical_results.outcome_list.outcome.safety_issue`),
//! attributes as `@name`, with no `[]` (an XML element repeats without a list level). A
//! declared path covers everything under it.

use crate::model::{Trial, WarningCode};
use crate::Format;

/// An element of a format that the model does not carry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NotCarried {
    /// The format: [`Format::CtgovApiV2Json`], [`Format::CtgovApiV1Json`] or
    /// [`Format::CtgovXml`].
    pub format: Format,
    /// The element's path, as the module documentation says; everything under it is
    /// covered.
    pub path: &'static str,
    /// Why it is not carried.
    pub reason: &'static str,
}

/// The paths a reading skipped, in the order met, each once.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Unread(pub Vec<String>);

impl Unread {
    /// Records a skipped member, as `serde_ignored` reports it.
    pub fn push(&mut self, path: &serde_ignored::Path, list_items: bool) {
        // Room for the usual path, written member by member.
        let mut p = String::with_capacity(96);
        write_path(&mut p, path, list_items);
        self.push_path(p);
    }

    /// Records a skipped path already written in this module's spelling.
    pub fn push_path(&mut self, p: String) {
        if !self.0.contains(&p) {
            self.0.push(p);
        }
    }
}

/// Writes a `serde_ignored` path in this module's spelling: members joined by `.`, list
/// items as `[]` (or nothing, for XML).
fn write_path(out: &mut String, path: &serde_ignored::Path, list_items: bool) {
    use serde_ignored::Path;
    match path {
        Path::Root => {}
        Path::Seq { parent, .. } => {
            write_path(out, parent, list_items);
            if list_items {
                out.push_str("[]");
            }
        }
        Path::Map { parent, key } => {
            write_path(out, parent, list_items);
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(key);
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => write_path(out, parent, list_items),
    }
}

/// Whether `path` is declared not carried for `format`: a declared path or under one.
pub fn is_declared(format: Format, path: &str) -> bool {
    declared(format, path).is_some()
}

/// The declaration covering `path`, if any.
pub fn declared(format: Format, path: &str) -> Option<&'static NotCarried> {
    NOT_CARRIED.iter().find(|n| {
        n.format == format
            && path
                .strip_prefix(n.path)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(['.', '[']))
    })
}

/// Gives `t` one `not-carried` warning naming the skipped paths no declaration covers.
pub fn warn_unread(t: &mut Trial, format: Format, unread: &Unread) {
    let undeclared: Vec<&str> = (unread.0.iter())
        .map(String::as_str)
        .filter(|p| !is_declared(format, p))
        .collect();
    if undeclared.is_empty() {
        return;
    }
    t.warn(
        WarningCode::NotCarried,
        "",
        format!(
            "the record holds elements trialnorm does not read: {}",
            undeclared.join(", ")
        ),
    );
}

const V2: Format = Format::CtgovApiV2Json;
const V1: Format = Format::CtgovApiV1Json;
const XML: Format = Format::CtgovXml;

/// Shorthand for the table.
const fn n(format: Format, path: &'static str, reason: &'static str) -> NotCarried {
    NotCarried {
        format,
        path,
        reason,
    }
}

const DERIVED: &str = "derived by the registry from the record (MeSH tree positions, search relevance, model predictions); the record's own MeSH terms are carried in `mesh_terms`";
const DOCUMENTS: &str = "uploaded documents (protocol, statistical analysis plan, consent form) are files on the registry, not record data";
const OVERSIGHT: &str =
    "FDA oversight flags and data monitoring committee: regulatory facts outside the model";
const IPD: &str = "the individual participant data sharing statement is outside the model";
const ANNOTATION: &str = "registry annotations about unposted results events, not record data";
const QC_DATES: &str = "submission and quality-control dates of the registry's review cycle; the posting dates are carried in `status`";
const EXPANDED: &str =
    "expanded-access flags and the linked expanded-access record are outside the model";
const GEO: &str =
    "coordinates the registry computed from the site's address, not stated by the record";
const LINKS: &str = "web links and IPD links of the record are outside the model (references with citations are carried)";
const DESIGN_TEXT: &str = "free-text design details (model and masking descriptions, biospecimens, target duration, registry flag) are outside the model";
const ELIGIBILITY_TEXT: &str = "sampling method, study population and gender-based eligibility texts of observational studies are outside the model";
const SECONDARY_ID_TYPE: &str = "the kind of a secondary id and its link are outside the model (the ids are carried; registry numbers are typed in `ids.registry_ids`, a bare number with the registry its issuer names)";
const LAST_KNOWN: &str = "the last status before the registry marked the study UNKNOWN is outside the model (`status.overall` carries UNKNOWN)";
const HAS_RESULTS: &str =
    "implied: `results` is null exactly when the record has no results section";
const CALCULATED: &str = "a display setting of the results form (percentages computed, denominator units selected), not a result";
const SCOPE: &str = "implied by where the numbers analyzed stand (overall, measure or class)";
const RESULT_SAFETY: &str = "the legacy results repeat the protocol outcome's safety-issue flag, carried in `outcomes[].safety_issue`";
const ENVELOPE: &str =
    "the search response around the studies (query, counts, ranks, API version), not a record";
const DISPOSITION: &str =
    "dates of a results-delay request (certification or extension), outside the model";
const PENDING: &str =
    "results submitted but not yet posted: submission cycle dates, outside the model";
const COUNTRIES: &str =
    "the registry's list of site countries, derived from the sites (carried in `sites[].country`)";
const OTHER_TEXT: &str = "a version note of the legacy file, not record data";

/// Every element of a structured source that the model does not carry, with the reason.
pub static NOT_CARRIED: &[NotCarried] = &[
    // API v2
    n(V2, "hasResults", HAS_RESULTS),
    n(V2, "annotationSection", ANNOTATION),
    n(V2, "documentSection", DOCUMENTS),
    n(V2, "derivedSection.conditionBrowseModule.ancestors", DERIVED),
    n(V2, "derivedSection.conditionBrowseModule.browseBranches", DERIVED),
    n(V2, "derivedSection.conditionBrowseModule.browseLeaves", DERIVED),
    n(V2, "derivedSection.conditionBrowseModule.meshes[].id", DERIVED),
    n(V2, "derivedSection.interventionBrowseModule.ancestors", DERIVED),
    n(V2, "derivedSection.interventionBrowseModule.browseBranches", DERIVED),
    n(V2, "derivedSection.interventionBrowseModule.browseLeaves", DERIVED),
    n(V2, "derivedSection.interventionBrowseModule.meshes[].id", DERIVED),
    n(V2, "derivedSection.miscInfoModule.modelPredictions", DERIVED),
    n(V2, "derivedSection.miscInfoModule.removedCountries", COUNTRIES),
    n(V2, "protocolSection.oversightModule", OVERSIGHT),
    n(V2, "protocolSection.ipdSharingStatementModule", IPD),
    n(V2, "protocolSection.identificationModule.secondaryIdInfos[].type", SECONDARY_ID_TYPE),
    n(V2, "protocolSection.identificationModule.secondaryIdInfos[].link", SECONDARY_ID_TYPE),
    n(V2, "protocolSection.statusModule.expandedAccessInfo", EXPANDED),
    n(V2, "protocolSection.statusModule.lastKnownStatus", LAST_KNOWN),
    n(V2, "protocolSection.statusModule.studyFirstSubmitQcDate", QC_DATES),
    n(V2, "protocolSection.statusModule.lastUpdateSubmitDate", QC_DATES),
    n(V2, "protocolSection.statusModule.resultsFirstSubmitDate", QC_DATES),
    n(V2, "protocolSection.statusModule.resultsFirstSubmitQcDate", QC_DATES),
    n(V2, "protocolSection.statusModule.dispFirstSubmitDate", DISPOSITION),
    n(V2, "protocolSection.statusModule.dispFirstSubmitQcDate", DISPOSITION),
    n(V2, "protocolSection.statusModule.dispFirstPostDateStruct", DISPOSITION),
    n(V2, "protocolSection.designModule.designInfo.interventionModelDescription", DESIGN_TEXT),
    n(V2, "protocolSection.designModule.designInfo.maskingInfo.maskingDescription", DESIGN_TEXT),
    n(V2, "protocolSection.designModule.bioSpec", DESIGN_TEXT),
    n(V2, "protocolSection.designModule.targetDuration", DESIGN_TEXT),
    n(V2, "protocolSection.designModule.patientRegistry", DESIGN_TEXT),
    n(V2, "protocolSection.eligibilityModule.samplingMethod", ELIGIBILITY_TEXT),
    n(V2, "protocolSection.eligibilityModule.studyPopulation", ELIGIBILITY_TEXT),
    n(V2, "protocolSection.eligibilityModule.genderBased", ELIGIBILITY_TEXT),
    n(V2, "protocolSection.eligibilityModule.genderDescription", ELIGIBILITY_TEXT),
    n(V2, "protocolSection.contactsLocationsModule.locations[].geoPoint", GEO),
    n(V2, "protocolSection.referencesModule.seeAlsoLinks", LINKS),
    n(V2, "protocolSection.referencesModule.availIpds", LINKS),
    // API v1 (paths from the `Study` object; the response around it is `FullStudiesResponse`)
    n(V1, "FullStudiesResponse", ENVELOPE),
    n(V1, "AnnotationSection", ANNOTATION),
    n(V1, "DocumentSection", DOCUMENTS),
    n(V1, "DerivedSection.ConditionBrowseModule.ConditionAncestorList", DERIVED),
    n(V1, "DerivedSection.ConditionBrowseModule.ConditionBrowseBranchList", DERIVED),
    n(V1, "DerivedSection.ConditionBrowseModule.ConditionBrowseLeafList", DERIVED),
    n(V1, "DerivedSection.ConditionBrowseModule.ConditionMeshList.ConditionMesh[].ConditionMeshId", DERIVED),
    n(V1, "DerivedSection.InterventionBrowseModule.InterventionAncestorList", DERIVED),
    n(V1, "DerivedSection.InterventionBrowseModule.InterventionBrowseBranchList", DERIVED),
    n(V1, "DerivedSection.InterventionBrowseModule.InterventionBrowseLeafList", DERIVED),
    n(V1, "DerivedSection.InterventionBrowseModule.InterventionMeshList.InterventionMesh[].InterventionMeshId", DERIVED),
    n(V1, "DerivedSection.MiscInfoModule", "the response's `DataVrs` dates the copy (`source.record_date`; the per-study `VersionHolder` repeats it); removed countries are derived from the sites, submission tracking dates are outside the model"),
    n(V1, "ProtocolSection.OversightModule", OVERSIGHT),
    n(V1, "ProtocolSection.IPDSharingStatementModule", IPD),
    n(V1, "ProtocolSection.IdentificationModule.SecondaryIdInfoList.SecondaryIdInfo[].SecondaryIdType", SECONDARY_ID_TYPE),
    n(V1, "ProtocolSection.StatusModule.ExpandedAccessInfo", EXPANDED),
    n(V1, "ProtocolSection.StatusModule.LastKnownStatus", LAST_KNOWN),
    n(V1, "ProtocolSection.StatusModule.StudyFirstSubmitQCDate", QC_DATES),
    n(V1, "ProtocolSection.StatusModule.LastUpdateSubmitDate", QC_DATES),
    n(V1, "ProtocolSection.StatusModule.ResultsFirstSubmitDate", QC_DATES),
    n(V1, "ProtocolSection.StatusModule.ResultsFirstSubmitQCDate", QC_DATES),
    n(V1, "ProtocolSection.StatusModule.ResultsFirstPostedQCCommentsDateStruct", QC_DATES),
    n(V1, "ProtocolSection.DesignModule.DesignInfo.DesignInterventionModelDescription", DESIGN_TEXT),
    n(V1, "ProtocolSection.DesignModule.DesignInfo.DesignMaskingInfo.DesignMaskingDescription", DESIGN_TEXT),
    n(V1, "ProtocolSection.DesignModule.BioSpec", DESIGN_TEXT),
    n(V1, "ProtocolSection.DesignModule.TargetDuration", DESIGN_TEXT),
    n(V1, "ProtocolSection.DesignModule.PatientRegistry", DESIGN_TEXT),
    n(V1, "ProtocolSection.EligibilityModule.SamplingMethod", ELIGIBILITY_TEXT),
    n(V1, "ProtocolSection.EligibilityModule.StudyPopulation", ELIGIBILITY_TEXT),
    n(V1, "ProtocolSection.EligibilityModule.GenderBased", ELIGIBILITY_TEXT),
    n(V1, "ProtocolSection.EligibilityModule.GenderDescription", ELIGIBILITY_TEXT),
    n(V1, "ProtocolSection.ReferencesModule.SeeAlsoLinkList", LINKS),
    n(V1, "ProtocolSection.ReferencesModule.AvailIPDList", LINKS),
    n(V1, "ResultsSection.BaselineCharacteristicsModule.BaselineMeasureList.BaselineMeasure[].BaselineMeasureCalculatePct", CALCULATED),
    // Legacy XML
    n(XML, "@rank", "the rank of the study in the search that produced the file"),
    n(XML, "required_header.link_text", OTHER_TEXT),
    n(XML, "oversight_info", OVERSIGHT),
    n(XML, "is_fda_regulated", OVERSIGHT),
    n(XML, "is_section_801", OVERSIGHT),
    n(XML, "patient_data", IPD),
    n(XML, "provided_document_section", DOCUMENTS),
    n(XML, "study_docs", DOCUMENTS),
    n(XML, "link", LINKS),
    n(XML, "has_expanded_access", EXPANDED),
    n(XML, "expanded_access_info", EXPANDED),
    n(XML, "last_known_status", LAST_KNOWN),
    n(XML, "end_date", "an end date of the 2007–2010 downloads, given there beside `completion_date` (which is carried); API v2 has no such date"),
    n(XML, "study_first_submitted_qc", QC_DATES),
    n(XML, "last_update_submitted", QC_DATES),
    n(XML, "last_update_submitted_qc", QC_DATES),
    n(XML, "results_first_submitted", QC_DATES),
    n(XML, "results_first_submitted_qc", QC_DATES),
    n(XML, "firstreceived_results_date", QC_DATES),
    n(XML, "firstreceived_results_disposition_date", DISPOSITION),
    n(XML, "disposition_first_submitted", DISPOSITION),
    n(XML, "disposition_first_submitted_qc", DISPOSITION),
    n(XML, "disposition_first_posted", DISPOSITION),
    n(XML, "pending_results", PENDING),
    n(XML, "study_design_info.intervention_model_description", DESIGN_TEXT),
    n(XML, "study_design_info.masking_description", DESIGN_TEXT),
    n(XML, "biospec_retention", DESIGN_TEXT),
    n(XML, "biospec_descr", DESIGN_TEXT),
    n(XML, "target_duration", DESIGN_TEXT),
    n(XML, "number_of_arms", "the count of `arms`, which are carried"),
    n(XML, "number_of_groups", "the count of `arms` (groups of an observational study), which are carried"),
    n(XML, "eligibility.sampling_method", ELIGIBILITY_TEXT),
    n(XML, "eligibility.study_pop", ELIGIBILITY_TEXT),
    n(XML, "eligibility.gender_based", ELIGIBILITY_TEXT),
    n(XML, "eligibility.gender_description", ELIGIBILITY_TEXT),
    n(XML, "location_countries", COUNTRIES),
    n(XML, "removed_countries", COUNTRIES),
    n(XML, "clinical_results.baseline.analyzed_list.analyzed.scope", SCOPE),
    n(XML, "clinical_results.baseline.measure_list.measure.class_list.class.analyzed_list.analyzed.scope", SCOPE),
    n(XML, "clinical_results.outcome_list.outcome.measure.analyzed_list.analyzed.scope", SCOPE),
    n(XML, "clinical_results.outcome_list.outcome.measure.class_list.class.analyzed_list.analyzed.scope", SCOPE),
    n(XML, "clinical_results.outcome_list.outcome.safety_issue", RESULT_SAFETY),
];
