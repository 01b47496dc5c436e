//! Prints precision and recall of the constraint extractor against the labelled sets of
//! `fixtures/criteria/`, per subject, then every miss: `cargo run --example criteria_eval`
//! (add `-- --quiet` for the tables only).

#[allow(dead_code)]
#[path = "../tests/common/criteria_labels.rs"]
mod labels;

fn main() {
    let quiet = std::env::args().any(|a| a == "--quiet");
    for file in ["labels.txt", "heldout.txt"] {
        let report = labels::evaluate(&labels::load(file));
        println!("== {file}");
        print!("{}", labels::table(&report));
        if !quiet {
            for m in &report.misses {
                println!("{m}");
            }
        }
    }
}
