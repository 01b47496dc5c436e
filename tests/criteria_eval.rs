//! Precision and recall of the constraint extractor against the labelled set in
//! `fixtures/criteria/labels.txt` (real criteria from the seeds and corpus records).
//! Fails below precision 0.95 or recall 0.90. `cargo run --example criteria_eval` prints
//! the same figures with every miss.

#[allow(dead_code)]
#[path = "common/criteria_labels.rs"]
mod labels;

#[test]
fn labelled_set_is_large_enough() {
    let cases = labels::load();
    let report = labels::evaluate(&cases);
    assert!(report.records >= 32, "records: {}", report.records);
    assert!(
        report.total.labels >= 200,
        "labels: {}",
        report.total.labels
    );
}

#[test]
fn extractor_meets_the_bar() {
    let report = labels::evaluate(&labels::load());
    println!("{}", labels::table(&report));
    for m in &report.misses {
        println!("{m}");
    }
    let (p, r) = (report.total.precision(), report.total.recall());
    assert!(p >= 0.95, "precision {p:.3} is below 0.95");
    assert!(r >= 0.90, "recall {r:.3} is below 0.90");
}
