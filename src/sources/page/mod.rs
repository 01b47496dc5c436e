//! Study pages (text copies and saved HTML) of ClinicalTrials.gov (classic and modern) and
//! ClinicalTrials.Veeva: HTML is rendered to the same [`outline::Outline`] a browser copy
//! gives, and one section reader per site reads that outline.
//!
//! The layer below the readers is shared: [`outline`] (pages as lines), [`html`] and
//! [`furniture`] (saved HTML to lines, page furniture left out by its structure) and
//! [`labels`] (label forms, list markers, "Type: name", acronyms, places, contacts,
//! citations, and the value helpers that warn as the structured readers do). No reader
//! imports another reader.

pub mod ctgov_classic;
pub mod ctgov_modern;
pub mod embedded;
pub mod furniture;
pub mod html;
pub mod labels;
pub mod outline;
pub mod veeva;
pub mod web_page;
