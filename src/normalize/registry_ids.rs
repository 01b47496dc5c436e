//! Registry numbers recognized by their form: ClinicalTrials.gov, the EU registers and the
//! WHO primary registries. A record's secondary ids are free text ("2004-001234-12 (EudraCT
//! Number)", "EUCTR2021-000037-14-ES", "ISRCTN 12345678"); each number found in one becomes a
//! [`RegistryId`] in one spelling, so records of one trial in several registries join.
//!
//! Normal forms: no spaces; the registry's own prefix as it spells it (`NCT`, `ISRCTN`,
//! `ACTRN`, `ChiCTR`, `jRCT`, `UMIN`, `DRKS`, `KCT`, `NL-OMON`); the namespace prefixes the
//! WHO ICTRP adds to trial ids (`EUCTR…-ES`, `JPRN-`) are taken off, since they name the
//! platform's copy, not the registry's number. Patterns follow each registry's documented
//! number format (WHO ICTRP, "Primary registries" list).

use std::sync::LazyLock;

use crate::model::{IdRegistry, RegistryId};
use crate::normalize::lean::Lean;

/// One alternative per registry, tried left to right at each position: the EU CT number
/// (`YYYY-5NNNNN-NN-NN`) before the EudraCT number it starts like. `\d` is any decimal digit,
/// as it always was ("NCT０１２３４５６７" in full-width digits is found, as written).
const ID_PATTERN: &str = r"(?x)
        \b(?:
            (?-i:NCT)\s?(?P<ctgov>\d{8})
          | (?P<euct>\d{4}-5\d{5}-\d{2}-\d{2})
          | (?:EUCTR)?(?P<eudract>(?:19|20)\d{2}-\d{6}-\d{2})(?:-[A-Z]{2,3})?
          | ISRCTN\s?(?P<isrctn>\d{8})
          | ACTRN\s?(?P<anzctr>\d{14})
          | ChiCTR(?P<chictr>-?(?:[A-Z]{2,4}-)?\d{6,12})
          | (?P<ctri>CTRI/\d{4}/\d{2,3}/\d{6})
          | DRKS\s?(?P<drks>\d{8})
          | (?:JPRN-)?(?P<jprn>jRCT[a-z]?\d{7,10}|UMIN\d{9}|JapicCTI-?\d{6}|JMA-IIA\d{5})
          | (?P<kct>KCT\d{7})
          | (?P<nlomon>NL-OMON\d+)
          | (?P<ntr>NTR\d{1,5}|NL\d{4})
          | (?P<rebec>RBR-[0-9a-z]{6,8})
          | (?P<rpcec>RPCEC\d{8})
          | (?P<pactr>PACTR\d{15})
          | (?P<slctr>SLCTR/\d{4}/\d{3})
          | (?P<tctr>TCTR\d{11})
          | (?P<irct>IRCT\d+N\d+)
          | (?P<lbctr>LBCTR\d{10})
          | (?P<itmctr>ITMCTR\d+)
          | (?P<repec>PER-\d{3}-\d{2})
        )\b";

/// [`ID_PATTERN`] with ASCII digits, for a text whose digits are all ASCII (where it matches
/// as the pattern does): Unicode `\d`, 21 times over, was half of a small record's process.
/// A `Lean`: as a `regex::Regex`, its literal prefilter cost more than the rest.
static ID: LazyLock<Lean> = LazyLock::new(|| Lean::made(ID_PATTERN.replace(r"\d", "[0-9]")));

/// [`ID_PATTERN`] as written, for a text with a digit that is not ASCII.
static ID_ANY_DIGITS: Lean = Lean::new(ID_PATTERN);

/// The regex that finds the numbers in `text`: [`ID`] unless a digit of it is not ASCII.
fn id_regex(text: &str) -> &'static Lean {
    if text
        .chars()
        .any(|c| !c.is_ascii_digit() && super::scan::is_digit(c))
    {
        &ID_ANY_DIGITS
    } else {
        &ID
    }
}

/// The named group of each registry, and the prefix its normal form puts back.
const GROUPS: &[(&str, IdRegistry, &str)] = &[
    ("ctgov", IdRegistry::Ctgov, "NCT"),
    ("euct", IdRegistry::Euct, ""),
    ("eudract", IdRegistry::Eudract, ""),
    ("isrctn", IdRegistry::Isrctn, "ISRCTN"),
    ("anzctr", IdRegistry::Anzctr, "ACTRN"),
    ("chictr", IdRegistry::Chictr, "ChiCTR"),
    ("ctri", IdRegistry::Ctri, ""),
    ("drks", IdRegistry::Drks, "DRKS"),
    ("jprn", IdRegistry::Jprn, ""),
    ("kct", IdRegistry::Kct, ""),
    ("nlomon", IdRegistry::NlOmon, ""),
    ("ntr", IdRegistry::Ntr, ""),
    ("rebec", IdRegistry::Rebec, ""),
    ("rpcec", IdRegistry::Rpcec, ""),
    ("pactr", IdRegistry::Pactr, ""),
    ("slctr", IdRegistry::Slctr, ""),
    ("tctr", IdRegistry::Tctr, ""),
    ("irct", IdRegistry::Irct, ""),
    ("lbctr", IdRegistry::Lbctr, ""),
    ("itmctr", IdRegistry::Itmctr, ""),
    ("repec", IdRegistry::Repec, ""),
];

/// The literal start of each alternative of [`ID`] but the two EU numbers (whose form is
/// digits and dashes): a text with none of them and no digit before a dash holds no number.
/// Most texts (a record's own NCT id, sponsor codes) are settled without compiling the regex.
const STARTS: &[&str] = &[
    "NCT", "ISRCTN", "ACTRN", "ChiCTR", "CTRI/", "DRKS", "jRCT", "UMIN", "JapicCTI", "JMA-IIA",
    "KCT", "NL", "NTR", "RBR-", "RPCEC", "PACTR", "SLCTR/", "TCTR", "IRCT", "LBCTR", "ITMCTR",
    "PER-",
];

/// False when [`ID`] cannot match `text`: no alternative's literal start, and no `\d-`.
fn may_hold_id(text: &str) -> bool {
    STARTS.iter().any(|s| text.contains(s))
        || text.match_indices('-').any(|(i, _)| {
            text[..i]
                .chars()
                .next_back()
                .is_some_and(super::scan::is_digit)
        })
}

/// "NCT" and 8 ASCII digits, the whole text: what [`ID`] finds in it, without the regex.
fn bare_nct(text: &str) -> Option<RegistryId> {
    let digits = text.strip_prefix("NCT")?;
    (digits.len() == 8 && digits.bytes().all(|b| b.is_ascii_digit())).then(|| RegistryId {
        registry: IdRegistry::Ctgov,
        id: text.to_string(),
    })
}

/// Every registry number in `text`, in order, normalized.
pub fn recognize(text: &str) -> Vec<RegistryId> {
    if let Some(id) = bare_nct(text) {
        return vec![id];
    }
    if !may_hold_id(text) {
        return Vec::new();
    }
    by_regex(text)
}

/// [`recognize`] by the regex alone.
fn by_regex(text: &str) -> Vec<RegistryId> {
    id_regex(text)
        .captures_iter(text)
        .filter_map(|c| {
            GROUPS.iter().find_map(|(group, registry, prefix)| {
                let m = c.name(group)?;
                Some(RegistryId {
                    registry: *registry,
                    id: format!("{prefix}{}", m.as_str()),
                })
            })
        })
        .collect()
}

/// The one registry number `text` is, when the whole text is one (an id field rather than
/// a sentence that cites one).
pub fn parse(text: &str) -> Option<RegistryId> {
    let text = text.trim();
    if let Some(id) = bare_nct(text) {
        return Some(id);
    }
    if !may_hold_id(text) {
        return None;
    }
    let m = id_regex(text).find(text)?;
    (m.start() == 0 && m.end() == text.len()).then(|| recognize(text).remove(0))
}

/// The registries whose numbers a record may give bare, naming the registry apart (API
/// v2 `secondaryIdInfos[].domain`, v1 `SecondaryIdDomain`: "24791884" in domain "ISRCTN"),
/// by the squashed domain, with the prefix the number takes.
const DOMAINS: &[(&str, &str)] = &[
    ("isrctn", "ISRCTN"),
    ("isrctnregistry", "ISRCTN"),
    ("drks", "DRKS"),
    ("germanclinicaltrialsregister", "DRKS"),
    ("anzctr", "ACTRN"),
    ("actrn", "ACTRN"),
    ("umin", "UMIN"),
    ("uminctr", "UMIN"),
    ("chictr", "ChiCTR"),
    ("pactr", "PACTR"),
    ("tctr", "TCTR"),
];

/// The registry number an id is, read with the registry its issuer (`domain`) names: a
/// number of that registry's form once its prefix is put back ("24791884" in "ISRCTN" is
/// `ISRCTN24791884`). `None` when the id is recognized by its own form (then `fill` finds
/// it), or the domain names no registry, or the number has not that registry's form.
pub fn with_domain(id: &str, domain: &str) -> Option<RegistryId> {
    let id = id.trim();
    if !recognize(id).is_empty() {
        return None;
    }
    let key = crate::normalize::text::squash(domain);
    let prefix = DOMAINS.iter().find(|(d, _)| *d == key)?.1;
    parse(&format!("{prefix}{id}"))
}

/// Fills `registry_ids`: what the reader put there first (the record's own number in its
/// registry), then the NCT id, the NCT aliases and every number found in the secondary and
/// sponsor ids, each once.
pub fn fill(ids: &mut crate::model::Ids) {
    let mut all = std::mem::take(&mut ids.registry_ids);
    let nct = ids.nct_id.iter().chain(&ids.nct_aliases);
    all.extend(nct.flat_map(|n| recognize(n)));
    let stated = ids.secondary_ids.iter().chain(&ids.org_study_id);
    all.extend(stated.flat_map(|s| recognize(s)));
    let mut seen = std::collections::HashSet::new();
    all.retain(|r| seen.insert(r.clone()));
    ids.registry_ids = all;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The ASCII build of `ID` finds what the Unicode one finds, on every fixture line (ids
    /// cited in criteria, secondary ids, sponsor codes) and on ids in neutral company.
    #[test]
    fn id_builds_agree() {
        let cases = ["EudraCT 2004-001234-12 – ISRCTN 12345678 ≥ NCT01234567"];
        assert!(ID.check_on_fixture_lines(&cases) > 10_000);
    }

    /// A number written with other decimal digits is found as before the ASCII-digit
    /// pattern, as written; with ASCII digits alone the two patterns find the same ids.
    #[test]
    fn ids_in_other_digits_are_found_as_written() {
        assert_eq!(
            one("NCT０１２３４５６７"),
            (IdRegistry::Ctgov, "NCT０１２３４５６７".to_string())
        );
        let both = recognize("see ChiCTR-IPR-１７０１１２３４ and NCT01234567");
        let ids: Vec<&str> = both.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["ChiCTR-IPR-１７０１１２３４", "NCT01234567"]);
        assert_eq!(one("DRKS0001234٥").0, IdRegistry::Drks);
        let mut compared = 0;
        for text in crate::test_texts::with_fixture_lines(&["NCT 01234567, 2004-001234-12-DE"]) {
            if !may_hold_id(&text) || std::ptr::eq(id_regex(&text), &ID_ANY_DIGITS) {
                continue;
            }
            let all = |re: &Lean| -> Vec<Vec<Option<String>>> {
                re.captures_iter(&text)
                    .map(|c| {
                        GROUPS
                            .iter()
                            .map(|(g, _, _)| c.name(g).map(|m| m.as_str().to_string()))
                            .collect()
                    })
                    .collect()
            };
            assert_eq!(all(&ID), all(&ID_ANY_DIGITS), "{text:?}");
            compared += 1;
        }
        assert!(compared > 1000, "{compared}");
    }

    fn one(text: &str) -> (IdRegistry, String) {
        let ids = recognize(text);
        assert_eq!(ids.len(), 1, "{text}: {ids:?}");
        (ids[0].registry, ids[0].id.clone())
    }

    #[test]
    fn bare_numbers_take_the_registry_their_domain_names() {
        let isrctn = with_domain("24791884", "ISRCTN").unwrap();
        assert_eq!(
            (isrctn.registry, isrctn.id.as_str()),
            (IdRegistry::Isrctn, "ISRCTN24791884")
        );
        assert_eq!(with_domain("G0300400", "UK Medical Research Council"), None);
        assert_eq!(
            with_domain("123", "ISRCTN"),
            None,
            "not an ISRCTN number's form"
        );
        assert_eq!(
            with_domain("ISRCTN24791884", "ISRCTN"),
            None,
            "found by its own form"
        );
    }

    #[test]
    fn numbers_of_each_registry_in_their_normal_form() {
        let cases = [
            ("NCT 00479934", IdRegistry::Ctgov, "NCT00479934"),
            (
                "2004-001234-12 (EudraCT Number)",
                IdRegistry::Eudract,
                "2004-001234-12",
            ),
            (
                "EUCTR2021-000037-14-ES",
                IdRegistry::Eudract,
                "2021-000037-14",
            ),
            ("2023-503014-13-00", IdRegistry::Euct, "2023-503014-13-00"),
            ("ISRCTN 12345678", IdRegistry::Isrctn, "ISRCTN12345678"),
            (
                "ACTRN12620000351943",
                IdRegistry::Anzctr,
                "ACTRN12620000351943",
            ),
            ("ChiCTR2000029308", IdRegistry::Chictr, "ChiCTR2000029308"),
            (
                "ChiCTR-IOR-17013245",
                IdRegistry::Chictr,
                "ChiCTR-IOR-17013245",
            ),
            (
                "CTRI/2020/05/025000",
                IdRegistry::Ctri,
                "CTRI/2020/05/025000",
            ),
            ("DRKS00021234", IdRegistry::Drks, "DRKS00021234"),
            ("JPRN-jRCT2031210123", IdRegistry::Jprn, "jRCT2031210123"),
            ("UMIN000012345", IdRegistry::Jprn, "UMIN000012345"),
            ("KCT0005123", IdRegistry::Kct, "KCT0005123"),
            ("NL-OMON51234", IdRegistry::NlOmon, "NL-OMON51234"),
            ("NL7839", IdRegistry::Ntr, "NL7839"),
            ("NTR4567", IdRegistry::Ntr, "NTR4567"),
            ("RBR-2v4bwk", IdRegistry::Rebec, "RBR-2v4bwk"),
            (
                "PACTR202003588789214",
                IdRegistry::Pactr,
                "PACTR202003588789214",
            ),
            ("TCTR20200318002", IdRegistry::Tctr, "TCTR20200318002"),
            (
                "IRCT20200317046797N1",
                IdRegistry::Irct,
                "IRCT20200317046797N1",
            ),
            ("SLCTR/2019/001", IdRegistry::Slctr, "SLCTR/2019/001"),
        ];
        for (text, registry, id) in cases {
            assert_eq!(one(text), (registry, id.to_string()), "{text}");
        }
    }

    #[test]
    fn sponsor_codes_and_near_misses_are_not_registry_numbers() {
        for text in [
            "IRB00036520",
            "P30CA012197",
            "CCCWFU 62A15",
            "NCT1234567",
            "2004-12-31",
            "NL46719.029.13",
        ] {
            assert!(recognize(text).is_empty(), "{text}");
        }
        assert_eq!(parse("EudraCT 2004-001234-12"), None);
        assert_eq!(
            parse(" ISRCTN12345678 ").map(|r| r.id).as_deref(),
            Some("ISRCTN12345678")
        );
    }

    #[test]
    fn the_shortcuts_answer_as_the_regex_does() {
        for text in [
            "NCT00479934",
            "NCT0047993",
            "NCT004799345",
            "NCT0047993\u{661}",
            "NCT\u{661}\u{662}\u{663}\u{664}\u{665}\u{666}\u{667}\u{668}",
            "xNCT00479934",
            "NCT00479934 ",
            "CHUBX 2006/05",
            "2006/017",
            "APHP211026",
            "IRB00036520",
            "2004-001234-12",
            "\u{662}\u{660}\u{660}\u{664}-001234-12",
            "2004\u{2013}001234-12",
            "EUCTR2021-000037-14-ES",
            "NL46719.029.13",
            "study NL7839 and KCT0005123",
            "PER-123-45",
            "",
        ] {
            assert_eq!(recognize(text), by_regex(text), "{text:?}");
            let t = text.trim();
            let whole = ID_ANY_DIGITS
                .find(t)
                .is_some_and(|m| m.start() == 0 && m.end() == t.len());
            assert_eq!(parse(text).is_some(), whole, "{text:?}");
        }
        assert!(!may_hold_id("CHUBX 2006/05") && !may_hold_id("APHP211026"));
    }

    #[test]
    fn the_records_own_number_comes_first_and_each_once() {
        let mut ids = crate::model::Ids {
            nct_id: Some("NCT00081588".into()),
            nct_aliases: vec!["NCT00980226".into()],
            secondary_ids: vec!["2004-001234-12".into(), "EUCTR2004-001234-12-DE".into()],
            ..Default::default()
        };
        fill(&mut ids);
        let got: Vec<&str> = ids.registry_ids.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(got, ["NCT00081588", "NCT00980226", "2004-001234-12"]);
    }
}
