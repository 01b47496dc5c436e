//! The checked-in schema is the one the types generate.

#[test]
fn checked_in_schema_is_up_to_date() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/schemas/trial.schema.json");
    let on_disk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    assert!(
        on_disk == trialnorm::schema(),
        "schemas/trial.schema.json is out of date; regenerate it with\n    cargo run -- schema > schemas/trial.schema.json"
    );
}

#[test]
fn schema_requires_every_key_and_rejects_free_text_enums() {
    let schema = trialnorm::schema();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let page = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/fixtures/seeds/NCT00479934.txt"
    ))
    .unwrap();
    let record = serde_json::to_value(trialnorm::parse(&page, None).unwrap()).unwrap();
    assert!(validator.is_valid(&record));

    let mut missing = record.clone();
    missing["status"]
        .as_object_mut()
        .unwrap()
        .remove("why_stopped");
    assert!(!validator.is_valid(&missing), "a dropped key must fail");

    let mut free_text = record.clone();
    free_text["design"]["allocation"] = "Randomised, sort of".into();
    assert!(
        !validator.is_valid(&free_text),
        "an enum holding free text must fail"
    );
}
