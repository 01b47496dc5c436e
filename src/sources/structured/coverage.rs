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

/// The table, written by reason: `FORMAT, REASON => "path", "path";` declares each path.
macro_rules! not_carried {
    ($($format:ident, $reason:expr => $($path:literal),+;)*) => {
        &[$($(NotCarried { format: $format, path: $path, reason: $reason },)+)*]
    };
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
pub static NOT_CARRIED: &[NotCarried] = not_carried![
    // API v2
    V2, HAS_RESULTS =>
        "hasResults";
    V2, ANNOTATION =>
        "annotationSection";
    V2, DOCUMENTS =>
        "documentSection";
    V2, DERIVED =>
        "derivedSection.conditionBrowseModule.ancestors",
        "derivedSection.conditionBrowseModule.browseBranches",
        "derivedSection.conditionBrowseModule.browseLeaves",
        "derivedSection.conditionBrowseModule.meshes[].id",
        "derivedSection.interventionBrowseModule.ancestors",
        "derivedSection.interventionBrowseModule.browseBranches",
        "derivedSection.interventionBrowseModule.browseLeaves",
        "derivedSection.interventionBrowseModule.meshes[].id",
        "derivedSection.miscInfoModule.modelPredictions";
    V2, COUNTRIES =>
        "derivedSection.miscInfoModule.removedCountries";
    V2, OVERSIGHT =>
        "protocolSection.oversightModule";
    V2, IPD =>
        "protocolSection.ipdSharingStatementModule";
    V2, SECONDARY_ID_TYPE =>
        "protocolSection.identificationModule.secondaryIdInfos[].type",
        "protocolSection.identificationModule.secondaryIdInfos[].link";
    V2, EXPANDED =>
        "protocolSection.statusModule.expandedAccessInfo";
    V2, LAST_KNOWN =>
        "protocolSection.statusModule.lastKnownStatus";
    V2, QC_DATES =>
        "protocolSection.statusModule.studyFirstSubmitQcDate",
        "protocolSection.statusModule.lastUpdateSubmitDate",
        "protocolSection.statusModule.resultsFirstSubmitDate",
        "protocolSection.statusModule.resultsFirstSubmitQcDate";
    V2, DISPOSITION =>
        "protocolSection.statusModule.dispFirstSubmitDate",
        "protocolSection.statusModule.dispFirstSubmitQcDate",
        "protocolSection.statusModule.dispFirstPostDateStruct";
    V2, DESIGN_TEXT =>
        "protocolSection.designModule.designInfo.interventionModelDescription",
        "protocolSection.designModule.designInfo.maskingInfo.maskingDescription",
        "protocolSection.designModule.bioSpec",
        "protocolSection.designModule.targetDuration",
        "protocolSection.designModule.patientRegistry";
    V2, ELIGIBILITY_TEXT =>
        "protocolSection.eligibilityModule.samplingMethod",
        "protocolSection.eligibilityModule.studyPopulation",
        "protocolSection.eligibilityModule.genderBased",
        "protocolSection.eligibilityModule.genderDescription";
    V2, GEO =>
        "protocolSection.contactsLocationsModule.locations[].geoPoint";
    V2, LINKS =>
        "protocolSection.referencesModule.seeAlsoLinks",
        "protocolSection.referencesModule.availIpds";
    // API v1 (paths from the `Study` object; the response around it is `FullStudiesResponse`)
    V1, ENVELOPE =>
        "FullStudiesResponse";
    V1, ANNOTATION =>
        "AnnotationSection";
    V1, DOCUMENTS =>
        "DocumentSection";
    V1, DERIVED =>
        "DerivedSection.ConditionBrowseModule.ConditionAncestorList",
        "DerivedSection.ConditionBrowseModule.ConditionBrowseBranchList",
        "DerivedSection.ConditionBrowseModule.ConditionBrowseLeafList",
        "DerivedSection.ConditionBrowseModule.ConditionMeshList.ConditionMesh[].ConditionMeshId",
        "DerivedSection.InterventionBrowseModule.InterventionAncestorList",
        "DerivedSection.InterventionBrowseModule.InterventionBrowseBranchList",
        "DerivedSection.InterventionBrowseModule.InterventionBrowseLeafList",
        "DerivedSection.InterventionBrowseModule.InterventionMeshList.InterventionMesh[].InterventionMeshId";
    V1, "the response's `DataVrs` dates the copy (`source.record_date`; the per-study `VersionHolder` repeats it); removed countries are derived from the sites, submission tracking dates are outside the model" =>
        "DerivedSection.MiscInfoModule";
    V1, OVERSIGHT =>
        "ProtocolSection.OversightModule";
    V1, IPD =>
        "ProtocolSection.IPDSharingStatementModule";
    V1, SECONDARY_ID_TYPE =>
        "ProtocolSection.IdentificationModule.SecondaryIdInfoList.SecondaryIdInfo[].SecondaryIdType";
    V1, EXPANDED =>
        "ProtocolSection.StatusModule.ExpandedAccessInfo";
    V1, LAST_KNOWN =>
        "ProtocolSection.StatusModule.LastKnownStatus";
    V1, QC_DATES =>
        "ProtocolSection.StatusModule.StudyFirstSubmitQCDate",
        "ProtocolSection.StatusModule.LastUpdateSubmitDate",
        "ProtocolSection.StatusModule.ResultsFirstSubmitDate",
        "ProtocolSection.StatusModule.ResultsFirstSubmitQCDate",
        "ProtocolSection.StatusModule.ResultsFirstPostedQCCommentsDateStruct";
    V1, DESIGN_TEXT =>
        "ProtocolSection.DesignModule.DesignInfo.DesignInterventionModelDescription",
        "ProtocolSection.DesignModule.DesignInfo.DesignMaskingInfo.DesignMaskingDescription",
        "ProtocolSection.DesignModule.BioSpec",
        "ProtocolSection.DesignModule.TargetDuration",
        "ProtocolSection.DesignModule.PatientRegistry";
    V1, ELIGIBILITY_TEXT =>
        "ProtocolSection.EligibilityModule.SamplingMethod",
        "ProtocolSection.EligibilityModule.StudyPopulation",
        "ProtocolSection.EligibilityModule.GenderBased",
        "ProtocolSection.EligibilityModule.GenderDescription";
    V1, LINKS =>
        "ProtocolSection.ReferencesModule.SeeAlsoLinkList",
        "ProtocolSection.ReferencesModule.AvailIPDList";
    V1, CALCULATED =>
        "ResultsSection.BaselineCharacteristicsModule.BaselineMeasureList.BaselineMeasure[].BaselineMeasureCalculatePct";
    // Legacy XML
    XML, "the rank of the study in the search that produced the file" =>
        "@rank";
    XML, OTHER_TEXT =>
        "required_header.link_text";
    XML, OVERSIGHT =>
        "oversight_info",
        "is_fda_regulated",
        "is_section_801";
    XML, IPD =>
        "patient_data";
    XML, DOCUMENTS =>
        "provided_document_section",
        "study_docs";
    XML, LINKS =>
        "link";
    XML, EXPANDED =>
        "has_expanded_access",
        "expanded_access_info";
    XML, LAST_KNOWN =>
        "last_known_status";
    XML, "an end date of the 2007–2010 downloads, given there beside `completion_date` (which is carried); API v2 has no such date" =>
        "end_date";
    XML, QC_DATES =>
        "study_first_submitted_qc",
        "last_update_submitted",
        "last_update_submitted_qc",
        "results_first_submitted",
        "results_first_submitted_qc",
        "firstreceived_results_date";
    XML, DISPOSITION =>
        "firstreceived_results_disposition_date",
        "disposition_first_submitted",
        "disposition_first_submitted_qc",
        "disposition_first_posted";
    XML, PENDING =>
        "pending_results";
    XML, DESIGN_TEXT =>
        "study_design_info.intervention_model_description",
        "study_design_info.masking_description",
        "biospec_retention",
        "biospec_descr",
        "target_duration";
    XML, "the count of `arms`, which are carried" =>
        "number_of_arms";
    XML, "the count of `arms` (groups of an observational study), which are carried" =>
        "number_of_groups";
    XML, ELIGIBILITY_TEXT =>
        "eligibility.sampling_method",
        "eligibility.study_pop",
        "eligibility.gender_based",
        "eligibility.gender_description";
    XML, COUNTRIES =>
        "location_countries",
        "removed_countries";
    XML, SCOPE =>
        "clinical_results.baseline.analyzed_list.analyzed.scope",
        "clinical_results.baseline.measure_list.measure.class_list.class.analyzed_list.analyzed.scope",
        "clinical_results.outcome_list.outcome.measure.analyzed_list.analyzed.scope",
        "clinical_results.outcome_list.outcome.measure.class_list.class.analyzed_list.analyzed.scope";
    XML, RESULT_SAFETY =>
        "clinical_results.outcome_list.outcome.safety_issue";
];
