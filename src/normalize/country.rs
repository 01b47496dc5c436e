//! Country names to ISO 3166-1 alpha-2 codes.
//!
//! Names are looked up in two maintained tables, `celes` (official long names and common
//! aliases: "Russia", "Türkiye") and `isocountry` (the ISO 3166-1 English short names,
//! including the qualified ones ClinicalTrials.gov prints: "Virgin Islands (U.S.)", "Falkland
//! Islands (Malvinas)", "Bonaire, Sint Eustatius and Saba"). A name is compared by a key that
//! ignores case, accents, punctuation and the word "the", so the registry's "Korea, Republic
//! of" meets ISO's "Korea (Republic of)". A parenthesis that only adds another name ("Holy See
//! (Vatican City State)") is also tried without it. What neither table knows by any spelling
//! (names the registry used before a country was renamed) is listed in [`REGISTRY_NAMES`].

use std::collections::HashMap;
use std::str::FromStr;
use std::sync::LazyLock;

use unicode_normalization::UnicodeNormalization;

/// Names ClinicalTrials.gov has printed that neither table knows by any spelling: older
/// official names of countries that still exist (Libya's until 2011, Palestine's until 2013).
const REGISTRY_NAMES: &[(&str, &str)] = &[
    ("Libyan Arab Jamahiriya", "LY"),
    // ISRCTN lists the United Kingdom's constituent countries as countries.
    ("England", "GB"),
    ("Scotland", "GB"),
    ("Wales", "GB"),
    ("Northern Ireland", "GB"),
    ("Palestinian Territory, occupied", "PS"),
];

/// Countries that no longer exist: their names have no current ISO 3166-1 code (ISO 3166-3
/// lists them as formerly used), so a site there keeps its name and no code.
const FORMER_COUNTRIES: &[(&str, &str)] = &[
    ("Netherlands Antilles", "AN"),
    ("Former Serbia and Montenegro", "CS"),
    ("Serbia and Montenegro", "CS"),
    ("Yugoslavia", "YU"),
    ("Czechoslovakia", "CS"),
    ("USSR", "SU"),
    ("Soviet Union", "SU"),
    ("East Germany", "DD"),
    ("Zaire", "ZR"),
];

/// What a country name is, as far as ISO 3166 goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Country {
    /// A current country: its ISO 3166-1 alpha-2 code.
    Code(&'static str),
    /// A country that no longer exists: the ISO 3166-3 code it used to have.
    Former(&'static str),
    /// A name no table knows.
    Unknown,
}

/// The key a name is looked up by: accents folded, letters and digits only, lowercase, the
/// word "the" left out. Sites repeat the same few names, so this runs tens of times per
/// record: ASCII names skip the decomposition (it would change nothing), and the key is built
/// in one pass.
fn key(name: &str) -> String {
    if name.is_ascii() {
        ascii_key(name)
    } else {
        key_of(name.nfd())
    }
}

/// The words of ASCII letters and digits of `chars`, lowercase, run together, "the" left out.
fn key_of(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut word_start = 0;
    for c in chars.chain(std::iter::once(' ')) {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        if &out[word_start..] == "the" {
            out.truncate(word_start);
        }
        word_start = out.len();
    }
    out
}

/// [`key_of`] for ASCII text, word by word into a string of the right size: every site of
/// a record is looked up.
fn ascii_key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split(|c: char| !c.is_ascii_alphanumeric()) {
        if !word.eq_ignore_ascii_case("the") {
            out.push_str(word);
        }
    }
    out.make_ascii_lowercase();
    out
}

/// [`FORMER_COUNTRIES`] by key, keyed once rather than per lookup.
static FORMER_KEYS: LazyLock<Vec<(String, &'static str)>> = LazyLock::new(|| {
    FORMER_COUNTRIES
        .iter()
        .map(|(n, code)| (key(n), *code))
        .collect()
});

/// Every spelling both tables and [`REGISTRY_NAMES`] know, by key.
static INDEX: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let mut index = HashMap::new();
    for c in celes::Country::get_countries() {
        use celes::LookupTable;
        let names = [c.long_name].into_iter().chain(c.aliases.iter().copied());
        for name in names {
            index.entry(key(name)).or_insert(c.alpha2);
        }
    }
    for c in isocountry::CountryCode::iter() {
        index.entry(key(c.name())).or_insert(c.alpha2());
    }
    for (name, code) in REGISTRY_NAMES {
        index.insert(key(name), *code);
    }
    index
});

/// Looks a country name up: a current code, a former country, or unknown.
pub fn lookup(name: &str) -> Country {
    let k = key(name);
    // Two- and three-letter keys would match codes, not names: a site's country is a name.
    if k.len() < 4 {
        return Country::Unknown;
    }
    if let Some((_, former)) = FORMER_KEYS.iter().find(|(n, _)| *n == k) {
        return Country::Former(former);
    }
    let found = INDEX.get(&k).or_else(|| {
        // "Holy See (Vatican City State)": the name before the parenthesis.
        let (before, _) = name.split_once('(')?;
        INDEX.get(&key(before))
    });
    if let Some(code) = found {
        return Country::Code(code);
    }
    // "Netherlands, The" style inversions.
    name.split_once(',')
        .and_then(|(a, b)| celes::Country::from_str(&key(&format!("{b} {a}"))).ok())
        .map_or(Country::Unknown, |c| Country::Code(c.alpha2))
}

/// The ISO 3166-1 alpha-2 code of a country name ("France" → `FR`, "Korea, Republic of" →
/// `KR`), or `None` for names with no current code ("Former Serbia and Montenegro") and
/// names no table knows.
pub fn code(name: &str) -> Option<String> {
    match lookup(name) {
        Country::Code(c) => Some(c.to_string()),
        Country::Former(_) | Country::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{code, lookup, Country};

    #[test]
    fn ascii_keys_are_the_char_keys() {
        for name in [
            "",
            " the ",
            "The Netherlands",
            "Korea, Republic of",
            "Theta the-the",
            "Bathe THE 2nd",
            "Virgin Islands (U.S.)",
            "the",
        ] {
            assert_eq!(super::ascii_key(name), super::key_of(name.chars()));
        }
    }

    #[test]
    fn corpus_country_names() {
        let cases = [
            ("France", "FR"),
            ("United States", "US"),
            ("Russian Federation", "RU"),
            ("Korea, Republic of", "KR"),
            ("Iran, Islamic Republic of", "IR"),
            ("Czechia", "CZ"),
            ("Czech Republic", "CZ"),
            ("Taiwan", "TW"),
            ("Hong Kong", "HK"),
            ("Puerto Rico", "PR"),
            ("Réunion", "RE"),
            ("Tanzania", "TZ"),
            ("Vietnam", "VN"),
            ("Turkey", "TR"),
            ("United Kingdom", "GB"),
            ("Gambia", "GM"),
            ("San Marino", "SM"),
        ];
        for (name, want) in cases {
            assert_eq!(code(name).as_deref(), Some(want), "{name}");
        }
        assert_eq!(code("Former Serbia and Montenegro"), None);
        assert_eq!(code("in"), None);
    }

    #[test]
    fn qualified_and_inverted_iso_names() {
        let cases = [
            ("Virgin Islands (U.S.)", "VI"),
            ("Virgin Islands, U.S.", "VI"),
            ("Virgin Islands (British)", "VG"),
            ("Falkland Islands (Malvinas)", "FK"),
            ("Holy See (Vatican City State)", "VA"),
            ("Bolivia, Plurinational State of", "BO"),
            ("Venezuela, Bolivarian Republic of", "VE"),
            ("Bonaire, Sint Eustatius and Saba", "BQ"),
            ("Congo, The Democratic Republic of the", "CD"),
            ("Micronesia, Federated States of", "FM"),
            ("Macedonia, The Former Yugoslav Republic of", "MK"),
            ("Saint Martin (French part)", "MF"),
            ("Sint Maarten (Dutch part)", "SX"),
            ("Côte D'Ivoire", "CI"),
            ("Netherlands, The", "NL"),
        ];
        for (name, want) in cases {
            assert_eq!(code(name).as_deref(), Some(want), "{name}");
        }
    }

    #[test]
    fn dissolved_countries_are_former_not_unknown() {
        assert_eq!(lookup("Netherlands Antilles"), Country::Former("AN"));
        assert_eq!(
            lookup("Former Serbia and Montenegro"),
            Country::Former("CS")
        );
        assert_eq!(lookup("Atlantis"), Country::Unknown);
    }
}
