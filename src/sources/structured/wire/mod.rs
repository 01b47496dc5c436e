//! The structured exports as each spells itself: serde types and the reading of each
//! format's envelope (a study, a search page, a list of studies). No mapping happens here.

pub mod api_v1;
pub mod api_v1_results;
pub mod api_v2;
pub mod api_v2_results;
pub mod ctgov_xml;
pub mod ctgov_xml_results;
