//! The test suite: one integration crate (so the heavy dependencies link once), one module
//! per capability, shared helpers in `util`. Each module's doc says what it pins.

mod util;

#[allow(dead_code)]
#[path = "common/criteria_labels.rs"]
mod criteria_labels;

#[path = "common/local_api.rs"]
mod local_api;

#[allow(dead_code)]
#[path = "common/chia.rs"]
mod chia;

mod bad_input;
mod batch;
#[cfg(unix)]
mod batch_hazards;
mod chia_gold;
mod cli;
mod compare;
mod countries;
mod coverage;
mod criteria_eval;
mod criteria_layouts;
mod criteria_seeds;
mod criteria_split;
mod ctis;
mod diff;
mod export;
mod external;
mod fetch;
mod fixtures;
mod forced_formats;
mod history;
mod html;
mod json_writer;
mod one_tree;
mod pages;
mod registries;
mod results;
mod schema;
mod seeds;
mod source_shape;
mod structured;
mod trial_groups;
