//! Prints precision and recall of the constraint extractor against the labelled set, per
//! subject, then every miss: `cargo run --example criteria_eval` (add `-- --quiet` for the
//! table only).

#[allow(dead_code)]
#[path = "../tests/common/criteria_labels.rs"]
mod labels;

fn main() {
    let report = labels::evaluate(&labels::load());
    print!("{}", labels::table(&report));
    if !std::env::args().any(|a| a == "--quiet") {
        for m in &report.misses {
            println!("{m}");
        }
    }
}
