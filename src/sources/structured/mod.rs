//! ClinicalTrials.gov's structured exports: API v2 JSON, the retired API v1 JSON and the
//! legacy XML.

pub mod ctgov_api_v1;
pub mod ctgov_api_v2;
pub mod ctgov_common;
pub mod ctgov_xml;
