//! The structured exports as each spells itself: serde types and the reading of each
//! format's envelope (a study, a search page, a list of studies). No mapping happens here.

/// A list wrapper, named after its items: an object or element that holds nothing but its
/// items under one key (the v1 API's `{"FlowGroup": [...]}`, the legacy XML's
/// `<group_list><group/>…</group_list>`); the key's aliases take other spellings of it.
macro_rules! list {
    ($name:ident, $key:literal $(| $alias:literal)*, $item:ty) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default)]
        pub struct $name {
            #[serde(rename = $key $(, alias = $alias)*)]
            pub items: Vec<$item>,
        }
    };
}

/// The protocol section: the same modules in API v1 and v2, named in the API's case
/// (`IdentificationModule`, `identificationModule`), each of the calling module's own type.
macro_rules! protocol {
    ($case:literal) => {
        #[derive(Debug, Default, Deserialize)]
        #[serde(default, rename_all = $case)]
        pub struct Protocol {
            pub identification_module: Identification,
            pub status_module: StatusModule,
            pub sponsor_collaborators_module: SponsorModule,
            pub description_module: DescriptionModule,
            pub conditions_module: ConditionsModule,
            pub design_module: DesignModule,
            pub arms_interventions_module: ArmsModule,
            pub outcomes_module: OutcomesModule,
            pub eligibility_module: EligibilityModule,
            pub contacts_locations_module: ContactsModule,
            pub references_module: ReferencesModule,
        }
    };
}

/// A JSON format's `fn study(json) -> Result<Study>`: one study object read by `json_study`
/// (the same in API v1 and v2, whose `Study` holds `protocol_section` and `unread`); the
/// two texts name a missing protocol section and a missing NCT id as the format spells them.
macro_rules! json_study_reader {
    ($no_section:literal, $no_id:literal) => {
        /// One study object; one with no protocol section or no NCT id is not a study.
        fn study(json: &str) -> Result<Study> {
            fn nct_id(s: &Study) -> Option<Option<&str>> {
                (s.protocol_section.as_ref()).map(|p| p.identification_module.nct_id.as_deref())
            }
            let (mut s, unread) = super::json_study(json, FORMAT, nct_id, ($no_section, $no_id))?;
            s.unread = unread;
            Ok(s)
        }
    };
}

/// `Deserialize` for an enum of `Text(String)` and scalar variants, read as an untagged
/// enum reads it (text or the listed kinds of value; serde's message for anything else)
/// but from the value itself: serde's untagged enums copy every value into a buffer and try
/// each variant on it in turn, which was a twentieth of reading an API v2 record.
/// `text_or!(Count, "what it expects", visit_u64(u64) => Count::Number)`; text becomes
/// `Text`, or what `|s| expr` makes of it (`s` is a `&str` or a `String`: one that is read
/// as it is deserialized is never copied).
macro_rules! text_or {
    ($name:ident, $expecting:literal, $($visit:ident($t:ty) => $make:expr),+ $(,)?) => {
        text_or!($name, $expecting, |s| $name::Text(s.into()), $($visit($t) => $make),+);
    };
    ($name:ident, $expecting:literal, |$s:ident| $text:expr, $($visit:ident($t:ty) => $make:expr),+ $(,)?) => {
        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D>(d: D) -> std::result::Result<Self, D::Error>
            where
                D: serde::Deserializer<'de>,
            {
                struct Visitor;
                impl serde::de::Visitor<'_> for Visitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str($expecting)
                    }
                    fn visit_str<E: serde::de::Error>(self, $s: &str) -> std::result::Result<$name, E> {
                        Ok($text)
                    }
                    fn visit_string<E: serde::de::Error>(self, $s: String) -> std::result::Result<$name, E> {
                        Ok($text)
                    }
                    $(fn $visit<E: serde::de::Error>(self, v: $t) -> std::result::Result<$name, E> {
                        Ok($make(v))
                    })+
                }
                d.deserialize_any(Visitor)
            }
        }
    };
}

pub mod api_v1;
pub mod api_v1_results;
pub mod api_v2;
pub mod api_v2_results;
pub mod ctgov_xml;
pub mod ctgov_xml_results;

use super::coverage::Unread;

/// Reads one study object of a JSON format, with the members serde skipped (`coverage.rs`):
/// a study needs a protocol section holding an NCT id, and the errors name what is missing as
/// the format names it.
fn json_study<T: serde::de::DeserializeOwned>(
    json: &str,
    format: crate::Format,
    nct_id: fn(&T) -> Option<Option<&str>>,
    (no_section, no_id): (&str, &str),
) -> crate::error::Result<(T, Unread)> {
    use crate::error::Error;
    let mut unread = Unread::default();
    let mut de = serde_json::Deserializer::from_str(json);
    let s: T = serde_ignored::deserialize(&mut de, |p| unread.push(&p, true))
        .and_then(|s| de.end().map(|()| s))
        .map_err(|e| Error::json(format, e))?;
    let Some(id) = nct_id(&s) else {
        return Err(Error::NotAStudy(no_section.into()));
    };
    if crate::normalize::text::opt_line(id).is_none() {
        return Err(Error::NotAStudy(no_id.into()));
    }
    Ok((s, unread))
}

#[cfg(test)]
mod tests {
    use super::api_v2::{Count, YesNo};
    use super::api_v2_results::Scalar;

    fn read<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, String> {
        serde_json::from_str(json).map_err(|e| e.to_string())
    }

    #[test]
    fn text_or_a_scalar_reads_as_an_untagged_enum_would() {
        assert!(matches!(read("63"), Ok(Count::Number(63))));
        assert!(matches!(read(r#""63""#), Ok(Count::Text(t)) if t == "63"));
        assert!(matches!(read(r#""a\"b""#), Ok(Count::Text(t)) if t == "a\"b"));
        assert!(matches!(read("true"), Ok(YesNo::Bool(true))));
        assert!(matches!(read(r#""Yes""#), Ok(YesNo::Text(t)) if t == "Yes"));
        assert_eq!(read::<Scalar>("-4"), Ok(Scalar::Int(-4)));
        assert_eq!(read::<Scalar>("97"), Ok(Scalar::Int(97)));
        assert_eq!(read::<Scalar>("39.9"), Ok(Scalar::Float(39.9)));
        // Past i64, as the untagged enum's last variant took it.
        assert_eq!(
            read::<Scalar>("18446744073709551615"),
            Ok(Scalar::Float(18446744073709551615.0))
        );
        assert_eq!(read::<Scalar>(r#""NA""#), Ok(Scalar::Text("NA".into())));
        assert_eq!(read::<Option<Scalar>>("null"), Ok(None));
    }

    #[test]
    fn text_or_a_scalar_names_what_else_it_got() {
        let err = read::<Count>("-3").unwrap_err();
        assert!(
            err.starts_with("invalid type: integer `-3`, expected a count"),
            "{err}"
        );
        let err = read::<Count>("2.5").unwrap_err();
        assert!(
            err.starts_with("invalid type: floating point `2.5`"),
            "{err}"
        );
        let err = read::<YesNo>("1").unwrap_err();
        assert!(
            err.starts_with("invalid type: integer `1`, expected yes or no"),
            "{err}"
        );
        let err = read::<Scalar>(r#"{"a": 1}"#).unwrap_err();
        assert!(
            err.starts_with("invalid type: map, expected a value"),
            "{err}"
        );
        let err = read::<Scalar>("[1]").unwrap_err();
        assert!(err.starts_with("invalid type: sequence"), "{err}");
    }
}
