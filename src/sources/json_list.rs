//! JSON lists of records cut short (a download stopped, a search page copied in part): the
//! records before the cut are still records. A reader parses its list whole first (one pass,
//! the common case); only when that fails at the end of the input does it walk the text
//! again with [`whole_elements`], which keeps every element that ends before the cut, and the
//! error becomes the next element's, named by [`cut_short`].

use std::fmt;

use serde::de::{
    Deserialize, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor,
};
use serde_json::value::RawValue;

use crate::error::Error;
use crate::Format;

/// The elements of the array at `path` in `json` (object members from the top value; an
/// empty path: the top value is the array) that end before the input does, in order, each
/// as its text, and whether the array itself was closed (the input ends after it). No
/// elements when the input ends before the array, or holds none at `path`.
pub(crate) fn whole_elements<'a>(json: &'a str, path: &[&str]) -> Whole<'a> {
    let mut whole = Whole {
        elements: Vec::new(),
        closed: false,
    };
    walk(json, path, Leaf::Elements(&mut whole));
    whole
}

/// The whole elements of a list whose parse failed with `e`, when `e` is the end of the
/// input and some elements end before it; `None` for any other failure, which stays the
/// whole input's.
pub(crate) fn salvage<'a>(
    json: &'a str,
    path: &[&str],
    e: &serde_json::Error,
) -> Option<Whole<'a>> {
    if !e.is_eof() {
        return None;
    }
    Some(whole_elements(json, path)).filter(|w| !w.elements.is_empty())
}

/// What [`whole_elements`] found.
pub(crate) struct Whole<'a> {
    /// The elements that end before the input does.
    pub elements: Vec<&'a RawValue>,
    /// Whether the array's `]` is in the input (the cut is after the list).
    pub closed: bool,
}

/// The value of the member at `path` in `json`, if it ends before the input does (a list's
/// `DataVrs` beside its cut studies).
pub(crate) fn member<'a>(json: &'a str, path: &[&str]) -> Option<&'a RawValue> {
    let mut found = None;
    walk(json, path, Leaf::Value(&mut found));
    found
}

/// The error of a list cut short: serde_json's end-of-input error, named by where the cut
/// falls: in the element after the whole ones ("study 3 of the list, cut short"), or after
/// the list ("cut short after FullStudies, every study of which is read"). `item` names the
/// elements ("study"), `list` the list ("the list", "FullStudies").
pub(crate) fn cut_short(
    format: Format,
    e: serde_json::Error,
    whole: &Whole,
    item: &str,
    list: &str,
) -> Error {
    let place = match whole.closed {
        true => format!("cut short after {list}, every {item} of which is read"),
        false => format!("{item} {} of {list}, cut short", whole.elements.len() + 1),
    };
    Error::json(format, e).named(&place)
}

/// Walks `json` down `path` to `leaf`. The walk ends in an error where the input ends; what
/// the leaf kept before is the answer.
fn walk<'de>(json: &'de str, path: &[&str], leaf: Leaf<'_, 'de>) {
    let mut de = serde_json::Deserializer::from_str(json);
    let _ = Walk { path, leaf }.deserialize(&mut de);
}

/// What a walk keeps where its path ends: an array's elements, or a member's value.
enum Leaf<'w, 'de> {
    Elements(&'w mut Whole<'de>),
    Value(&'w mut Option<&'de RawValue>),
}

/// Walks down `path`, then keeps what `leaf` says.
struct Walk<'p, 'w, 'de> {
    path: &'p [&'p str],
    leaf: Leaf<'w, 'de>,
}

impl<'de> DeserializeSeed<'de> for Walk<'_, '_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        match (self.path.is_empty(), self.leaf) {
            (true, Leaf::Value(found)) => {
                *found = Some(<&'de RawValue>::deserialize(d)?);
                Ok(())
            }
            (true, leaf) => d.deserialize_seq(Walk { path: &[], leaf }),
            (false, leaf) => d.deserialize_map(Walk {
                path: self.path,
                leaf,
            }),
        }
    }
}

impl<'de> Visitor<'de> for Walk<'_, '_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object or an array")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        if let Leaf::Elements(whole) = self.leaf {
            while let Some(element) = seq.next_element::<&'de RawValue>()? {
                whole.elements.push(element);
            }
            whole.closed = true;
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let (first, rest) = self.path.split_first().expect("a member to walk to");
        while let Some(key) = map.next_key::<String>()? {
            if key == *first {
                let leaf = self.leaf;
                return map.next_value_seed(Walk { path: rest, leaf });
            }
            map.next_value::<IgnoredAny>()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(w: Whole<'_>) -> Vec<&str> {
        w.elements.into_iter().map(RawValue::get).collect()
    }

    #[test]
    fn the_elements_that_end_before_the_cut() {
        let json = r#"{"totalCount": 3, "studies": [{"a": 1}, {"b": [2, 3]}, {"c": "4"#;
        assert_eq!(
            texts(whole_elements(json, &["studies"])),
            [r#"{"a": 1}"#, r#"{"b": [2, 3]}"#]
        );
        // Cut after a comma, and in the array's first element.
        assert_eq!(
            texts(whole_elements(r#"[1, {"x": 2},"#, &[])),
            ["1", r#"{"x": 2}"#]
        );
        assert!(whole_elements(r#"[{"x": "#, &[]).elements.is_empty());
        // No array there, or the input ends before it: nothing.
        let none = |json, path: &[&str]| whole_elements(json, path).elements.is_empty();
        assert!(none(r#"{"study": {"protocolSection": {"#, &["studies"]));
        assert!(none(r#"{"studies": 3, "#, &["studies"]));
        // The cut after the list: every element, and the list closed.
        let after = whole_elements(r#"{"studies": [1, 2], "nextPageToken": "ab"#, &["studies"]);
        assert!(after.closed);
        assert_eq!(texts(after), ["1", "2"]);
        assert!(!whole_elements(r#"{"studies": [1, 2"#, &["studies"]).closed);
        // A member with an escape in its name is still a member.
        let json = r#"{"no\"te": [9], "A": {"B": [[1], [2], [3"#;
        assert_eq!(texts(whole_elements(json, &["A", "B"])), ["[1]", "[2]"]);
    }

    #[test]
    fn a_member_beside_the_cut() {
        let json = r#"{"R": {"DataVrs": "2022:12:21", "FullStudies": [{"Rank": 1"#;
        assert_eq!(
            member(json, &["R", "DataVrs"]).map(RawValue::get),
            Some(r#""2022:12:21""#)
        );
        assert!(member(json, &["R", "APIVrs"]).is_none());
        assert!(member(r#"{"R": {"DataVrs": "2022"#, &["R", "DataVrs"]).is_none());
    }
}
