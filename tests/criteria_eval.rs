//! Precision and recall of the constraint extractor against the labelled sets in
//! `fixtures/criteria/` (real criteria from the seeds and corpus records): `labels.txt`, the
//! set the extractor was developed on, and `heldout.txt`, labelled afterwards from records
//! the first set does not use. Fails below precision 0.95 or recall 0.90 on either.
//! `cargo run --example criteria_eval` prints the same figures with every miss.

use crate::criteria_labels as labels;

#[test]
fn labelled_set_is_large_enough() {
    let report = labels::evaluate(&labels::load("labels.txt"));
    assert!(report.records >= 32, "records: {}", report.records);
    assert!(
        report.total.labels >= 200,
        "labels: {}",
        report.total.labels
    );
}

fn meets_the_bar(file: &str) {
    let report = labels::evaluate(&labels::load(file));
    println!("{file}\n{}", labels::table(&report));
    for m in &report.misses {
        println!("{m}");
    }
    let (p, r) = (report.total.precision(), report.total.recall());
    assert!(p >= 0.95, "{file}: precision {p:.3} is below 0.95");
    assert!(r >= 0.90, "{file}: recall {r:.3} is below 0.90");
}

#[test]
fn extractor_meets_the_bar_on_the_development_set() {
    meets_the_bar("labels.txt");
}

#[test]
fn extractor_meets_the_bar_on_the_held_out_set() {
    meets_the_bar("heldout.txt");
}
