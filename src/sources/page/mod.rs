//! Study pages (text copies and saved HTML) of ClinicalTrials.gov (classic and modern) and
//! ClinicalTrials.Veeva: HTML is rendered to the same [`outline::Outline`] a browser copy
//! gives, and one section reader per site reads that outline.

pub mod ctgov_classic;
pub mod ctgov_modern;
pub mod html;
pub mod outline;
pub mod veeva;
pub mod web_page;
