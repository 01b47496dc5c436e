//! The constraint extractor against a public gold standard: every numeric comparison
//! annotated in the 200 trials of the Chia development split (`fixtures/criteria/chia-dev/`,
//! CC BY 4.0, README there), scored as `evaluate.py` there scores it (`tests/common/chia.rs`
//! is its port; both give the same match counts). Fails below the floors the README states.
//! `cargo run --example chia_eval` prints the table with every miss and false positive.

use crate::chia;

#[test]
fn chia_dev_split_meets_its_floors() {
    let report = chia::evaluate(&chia::folder());
    println!("{}", report.table());
    assert_eq!(report.trials, 200);
    assert_eq!(report.gold.len(), 618);
    let [a, b, _c] = report.levels;
    assert!(
        a.precision >= 0.95,
        "value+operator precision {:.3}",
        a.precision
    );
    assert!(a.f1 >= 0.93, "value+operator F1 {:.3}", a.f1);
    assert!(b.f1 >= 0.88, "value+operator+unit F1 {:.3}", b.f1);
}

/// The scorer's own parts, on cases whose answers evaluate.py gives.
#[test]
fn units_are_canonical_as_the_reference_scorer_makes_them() {
    for (unit, canon) in [
        ("mL/min/{1.73_m2}", Some("ml/min/1.73m2")),
        ("10*9/L", Some("10^9/l")),
        ("x 10^9/L", Some("10^9/l")),
        ("mm[Hg]", Some("mmhg")),
        ("[lb_av]", Some("lb")),
        ("{copies}/mL", Some("/ml")),
        ("umol/L", Some("umol/l")),
        ("µmol/l", Some("umol/l")),
        ("Cel", Some("cel")),
        ("a", Some("a")),
        ("/min", Some("/min")),
        ("beats/min", Some("/min")),
        ("times the upper limit of normal", Some("xuln")),
        ("points", None),
        ("", None),
    ] {
        assert_eq!(chia::canon_unit(unit).as_deref(), canon, "{unit}");
    }
}
