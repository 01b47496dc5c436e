//! Normalizers shared by every source: each turns one kind of registry wording into the
//! model's value, so the same trial reads the same whatever it came from.

pub mod age;
pub mod checked;
pub mod constraints;
pub mod country;
pub mod criteria;
pub mod date;
pub mod design;
pub mod duration;
pub mod enums;
pub mod lean;
pub mod links;
pub mod masking;
pub mod numbers;
pub mod registry_ids;
pub mod scan;
pub mod text;
