//! The seeds' criteria carry the thresholds their text states (issue 7's facts).

use trialnorm::model::{Constraint, ConstraintKey, Criterion, Operator, ReferenceRange, Trial};

fn parse(name: &str) -> Trial {
    let path = format!("{}/fixtures/seeds/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).expect("seed fixture exists");
    trialnorm::parse(&bytes, None).expect("the seed parses")
}

fn all(c: &[Criterion], out: &mut Vec<Constraint>) {
    for x in c {
        out.extend(x.constraints.iter().cloned());
        all(&x.children, out);
    }
}

/// Every constraint of the record, inclusion then exclusion.
fn constraints(t: &Trial) -> (Vec<Constraint>, Vec<Constraint>) {
    let (mut inc, mut exc) = (Vec::new(), Vec::new());
    all(&t.eligibility.inclusion, &mut inc);
    all(&t.eligibility.exclusion, &mut exc);
    (inc, exc)
}

fn has(cs: &[Constraint], key: &str, op: Operator, value: f64, unit: Option<&str>) -> bool {
    cs.iter().any(|c| {
        c.key.map(ConstraintKey::as_str) == Some(key)
            && c.operator == op
            && (c.value - value).abs() < 1e-9
            && c.unit.as_deref() == unit
    })
}

#[test]
fn veeva_seed_thresholds() {
    let (inc, exc) = constraints(&parse("NCT06722105.txt"));
    assert!(has(&inc, "age", Operator::Ge, 18.0, Some("a")));
    assert!(has(&inc, "age", Operator::Le, 70.0, Some("a")));
    assert!(has(&inc, "mrss", Operator::Ge, 20.0, None));
    assert!(has(&inc, "mrss", Operator::Ge, 15.0, None));
    assert!(has(&inc, "crp", Operator::Gt, 5.0, Some("mg/L")));
    assert!(has(&inc, "hemoglobin", Operator::Lt, 11.0, Some("g/dL")));
    assert!(has(&inc, "spap", Operator::Gt, 35.0, Some("mm[Hg]")));
    assert!(has(&inc, "spap", Operator::Lt, 50.0, Some("mm[Hg]")));
    assert!(has(&exc, "lvef", Operator::Lt, 40.0, Some("%")));
    assert!(has(&exc, "bmi", Operator::Lt, 16.5, Some("kg/m2")));
    assert!(has(&exc, "platelets", Operator::Lt, 50.0, Some("10*9/L")));
    assert!(has(&exc, "egfr", Operator::Lt, 30.0, Some("mL/min")));
    let dlco: Vec<&Constraint> = exc
        .iter()
        .filter(|c| c.key == Some(ConstraintKey::Dlco))
        .collect();
    assert_eq!(dlco.len(), 1);
    assert_eq!(dlco[0].multiple_of, Some(ReferenceRange::Predicted));
    let uln: Vec<&str> = exc
        .iter()
        .filter(|c| c.multiple_of == Some(ReferenceRange::Uln) && c.value == 3.0)
        .filter_map(|c| c.key.map(ConstraintKey::as_str))
        .collect();
    assert_eq!(uln, ["ast", "alt"]);
}

#[test]
fn classic_seed_thresholds() {
    let (inc, exc) = constraints(&parse("NCT00479934.txt"));
    assert!(has(&inc, "age", Operator::Gt, 18.0, Some("a")));
    let rodnan = inc
        .iter()
        .find(|c| c.key == Some(ConstraintKey::Mrss))
        .expect("m-Rodnan");
    assert_eq!(
        (rodnan.operator, rodnan.value, rodnan.out_of),
        (Operator::Gt, 20.0, Some(51.0))
    );
    assert!(has(&inc, "lvef", Operator::Gt, 45.0, Some("%")));
    assert!(has(&exc, "lvef", Operator::Le, 45.0, Some("%")));
    assert!(has(&exc, "platelets", Operator::Lt, 50.0, Some("10*9/L")));
    assert!(has(&exc, "neutrophils", Operator::Lt, 1.0, Some("10*9/L")));
    assert!(has(&exc, "creatinine", Operator::Gt, 1.5, None));
    let surgery = exc
        .iter()
        .find(|c| c.subject == "Major surgery")
        .expect("the surgery window");
    assert!(surgery.time_window);
    assert_eq!(
        (surgery.operator, surgery.value, surgery.unit.as_deref()),
        (Operator::Lt, 2.0, Some("wk"))
    );
}
