//! What the XML exports of several trials share (the WHO ICTRP export, ISRCTN's
//! `<allTrials>`): the document split into its trials before any is deserialized, so a
//! download cut short, or markup broken in one trial, still gives every trial before the fault,
//! and the fault is one error of its own that says which trial and where.

use quick_xml::events::Event;

use crate::error::{Error, Result};
use crate::Format;

/// A serde error of quick-xml as an [`Error`] at its place in `xml`: the start of the
/// markup at fault for a syntax error, else where reading stopped.
pub(crate) fn xml_error<'a>(
    format: Format,
    e: quick_xml::DeError,
    xml: &str,
    de: &quick_xml::de::Deserializer<'a, quick_xml::de::SliceReader<'a>>,
) -> Error {
    let reader = de.get_ref().get_ref();
    let offset = match reader.error_position() {
        0 => reader.buffer_position(),
        at => at,
    };
    Error::xml(
        format,
        e,
        xml,
        usize::try_from(offset).unwrap_or(usize::MAX),
    )
}

/// Deserializes one item that [`items`] gave (`<Trial>…</Trial>`, a slice of `xml`), with
/// an error placed in the whole document and named by the item (`place`, "<Trial> 3").
pub(crate) fn item<'de, T: serde::Deserialize<'de>>(
    format: Format,
    xml: &str,
    item: &'de str,
    place: &str,
) -> Result<T> {
    let mut de = quick_xml::de::Deserializer::from_str(item);
    T::deserialize(&mut de)
        .map_err(|e| xml_error(format, e, item, &de).within(xml, item, Some(place)))
}

/// The elements named `name` (local name) directly inside the root of `xml`, each as its
/// slice of `xml` from its start tag to its end tag, in order. Other elements inside the root
/// are passed over, as serde passes over members it does not read.
///
/// Reading stops at the first fault of the document, which is then the last entry, an
/// error: ill-formed markup (named by the item it is in, placed where quick-xml found it),
/// or the end of the input inside an item ("cut short", placed at the item's start tag; also
/// where the input ends inside a tag or a reference) or before the root's end tag (placed at
/// the end of the input). What follows a fault cannot be
/// told into items, so nothing after it is read.
pub(crate) fn items<'a>(format: Format, xml: &'a str, name: &str) -> Vec<Result<&'a str>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut out = Vec::new();
    // Elements open; the byte offset of the open item's start tag.
    let mut depth = 0usize;
    let mut open: Option<usize> = None;
    let place = |n: usize| format!("<{name}> {n}");
    loop {
        let before = offset(reader.buffer_position());
        let event = match reader.read_event() {
            Ok(event) => event,
            // Markup the input ends in (a tag, a reference) is a cut, not a fault of the markup.
            Err(_) if offset(reader.buffer_position()) >= xml.len() && depth > 0 => {
                out.push(Err(cut_short(format, xml, name, out.len(), open)));
                return out;
            }
            Err(e) => {
                let at = offset(reader.error_position());
                let err = Error::xml(format, e.into(), xml, at);
                let n = out.len() + 1;
                out.push(Err(match open {
                    Some(_) => err.named(&place(n)),
                    None => err,
                }));
                return out;
            }
        };
        let after = offset(reader.buffer_position());
        match event {
            Event::Start(e) => {
                if depth == 1 && e.local_name().into_inner() == name {
                    open = Some(before);
                }
                depth += 1;
            }
            Event::Empty(e) if depth == 1 && e.local_name().into_inner() == name => {
                out.push(Ok(&xml[before..after]));
            }
            Event::End(_) => {
                depth = depth.saturating_sub(1);
                if depth == 1 {
                    if let Some(start) = open.take() {
                        out.push(Ok(&xml[start..after]));
                    }
                } else if depth == 0 {
                    return out;
                }
            }
            Event::Eof => {
                if depth > 0 {
                    out.push(Err(cut_short(format, xml, name, out.len(), open)));
                }
                return out;
            }
            _ => {}
        }
    }
}

/// The error of an input that ends inside its root: inside item `read + 1` (whose start tag
/// is at `open`), or after `read` whole items.
fn cut_short(format: Format, xml: &str, name: &str, read: usize, open: Option<usize>) -> Error {
    let (reason, at) = match open {
        Some(start) => (
            format!(
                "<{name}> {} is cut short: the input ends before its </{name}>",
                read + 1
            ),
            start,
        ),
        None => (
            format!(
                "the input ends before the root element's end tag, after {read} whole <{name}> \
                 element(s): any that followed are missing"
            ),
            xml.len(),
        ),
    };
    Error::Malformed {
        format,
        reason,
        position: Some(crate::error::Position::of_offset(xml, at)),
        source: None,
    }
}

/// A reader position as an index into the text (quick-xml counts in `u64`).
fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}
