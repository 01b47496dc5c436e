//! Site countries: every spelling ClinicalTrials.gov has used for a current country gets its
//! ISO 3166-1 code; a dissolved country keeps its name, no code, and a warning that says so.
//! Input: `fixtures/field-cases/country-names.json` (36 sites, one per spelling).

use crate::util::*;
use trialnorm::WarningCode;

#[test]
fn every_current_country_spelling_is_coded() {
    let t = one("field-cases/country-names.json");
    assert_eq!(t.sites.len(), 36);
    let code = |name: &str| {
        let site = t.sites.iter().find(|s| s.country.as_deref() == Some(name));
        site.unwrap_or_else(|| panic!("no site in {name}"))
            .country_code
            .as_deref()
    };
    for (name, want) in [
        ("North Macedonia", "MK"),
        ("Virgin Islands (U.S.)", "VI"),
        ("Holy See (Vatican City State)", "VA"),
        ("Bolivia, Plurinational State of", "BO"),
        ("Virgin Islands (British)", "VG"),
        ("Falkland Islands (Malvinas)", "FK"),
        ("Bonaire, Sint Eustatius and Saba", "BQ"),
        ("Congo, The Democratic Republic of the", "CD"),
        ("Congo", "CG"),
        ("Libyan Arab Jamahiriya", "LY"),
        ("Palestinian Territory, occupied", "PS"),
        ("Swaziland", "SZ"),
        ("Türkiye", "TR"),
        ("Cape Verde", "CV"),
        ("Niger", "NE"),
        ("Nigeria", "NG"),
        ("Guinea", "GN"),
        ("Guinea-Bissau", "GW"),
        ("Dominica", "DM"),
        ("Dominican Republic", "DO"),
        ("Virgin Islands, U.S.", "VI"),
    ] {
        assert_eq!(code(name), Some(want), "{name}");
    }
    let uncoded: Vec<&str> = t
        .sites
        .iter()
        .filter(|s| s.country_code.is_none())
        .filter_map(|s| s.country.as_deref())
        .collect();
    assert_eq!(
        uncoded,
        ["Netherlands Antilles", "Former Serbia and Montenegro"]
    );
}

#[test]
fn a_dissolved_country_is_named_as_former_in_its_warning() {
    let t = one("field-cases/country-names.json");
    let warnings: Vec<_> = t
        .warnings
        .iter()
        .filter(|w| w.code == WarningCode::UnknownCountry)
        .collect();
    assert_eq!(warnings.len(), 2, "{warnings:?}");
    assert!(warnings[0].message.contains("former country"));
    assert!(warnings[0].message.contains("AN"));
    assert_eq!(warnings[1].path.as_deref(), Some("sites[30].country_code"));
}
