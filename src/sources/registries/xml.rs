//! What the XML exports of several trials share (the WHO ICTRP export, ISRCTN's
//! `<allTrials>`): the document split into its trials before any is deserialized, so a
//! download cut short, or markup broken in one trial, costs only the trial it spoils; every
//! other trial is read, and the fault is one error of its own that says which trial and where.

use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::Event;

use crate::error::{Error, Places, Position, Result};
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

/// One element [`items`] found: its number among them (from 1), its text (a slice of the
/// document, start tag to end tag) and where it starts.
pub(crate) struct Item<'a> {
    pub number: usize,
    pub text: &'a str,
    pub at: Position,
}

impl<'a> Item<'a> {
    /// Deserializes the item, with an error placed in the whole document and named by the
    /// item ("<Trial> 3").
    pub(crate) fn read<T: serde::Deserialize<'a>>(&self, format: Format, name: &str) -> Result<T> {
        let text: &'a str = self.text;
        let mut de = quick_xml::de::Deserializer::from_str(text);
        T::deserialize(&mut de).map_err(|e| {
            let place = format!("<{name}> {}", self.number);
            xml_error(format, e, text, &de).within_at(self.at, Some(&place))
        })
    }
}

/// The elements named `name` (local name) directly inside the root of `xml`, in order, each
/// an [`Item`]. Other elements inside the root are passed over, as serde passes over members
/// it does not read.
///
/// A fault of the document is an error entry where it is met: ill-formed markup (named by
/// the item it is in, placed where quick-xml found it), after which reading goes on at the
/// next start tag of an item; or the end of the input inside an item ("cut short", placed at
/// the item's start tag; also where the input ends inside a tag or a reference) or before the
/// root's end tag (placed at the end of the input), which is the last entry.
pub(crate) fn items<'a>(format: Format, xml: &'a str, name: &str) -> Vec<Result<Item<'a>>> {
    let mut scan = Scan {
        format,
        xml,
        name,
        out: Vec::new(),
        places: Places::new(xml),
        numbered: 0,
    };
    let mut from = Some(0);
    while let Some(start) = from {
        // After a fault, reading starts again at an item's start tag, inside the root.
        let depth = usize::from(start > 0);
        from = scan
            .from(start, depth)
            .and_then(|fault| next_start_tag(xml, fault, name));
    }
    scan.out
}

/// The reading of one document: what it found so far.
struct Scan<'a, 'n> {
    format: Format,
    xml: &'a str,
    name: &'n str,
    out: Vec<Result<Item<'a>>>,
    places: Places<'a>,
    /// How many items were met (whole, cut or faulty).
    numbered: usize,
}

impl<'a> Scan<'a, '_> {
    /// Reads the document from byte `start`, `depth` elements deep; `Some(offset)` of a fault
    /// in the markup that reading can go on after, `None` at the end.
    fn from(&mut self, start: usize, depth: usize) -> Option<usize> {
        let (xml, name) = (self.xml, self.name);
        let mut reader = quick_xml::Reader::from_str(&xml[start..]);
        // Read again from an item's start tag, the root's end tag closes nothing it opened.
        reader.config_mut().allow_unmatched_ends = depth > 0;
        let mut depth = depth;
        // The byte offset of the open item's start tag.
        let mut open: Option<usize> = None;
        loop {
            let before = start + offset(reader.buffer_position());
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e)
                    if ends_inside(&e) && start + offset(reader.buffer_position()) >= xml.len() =>
                {
                    self.cut_short(open);
                    return None;
                }
                Err(e) => {
                    let at = start + offset(reader.error_position());
                    let err = Error::xml_at(self.format, e.into(), self.places.at(at));
                    self.out.push(Err(match open {
                        Some(_) => err.named(&format!("<{name}> {}", self.numbered)),
                        None => err,
                    }));
                    // Past the fault, and past where this reading started: always forward.
                    return Some(at.max(start + 1));
                }
            };
            let after = start + offset(reader.buffer_position());
            match event {
                Event::Start(e) => {
                    if depth == 1 && e.local_name().into_inner() == name {
                        self.numbered += 1;
                        open = Some(before);
                    }
                    depth += 1;
                }
                Event::Empty(e) if depth == 1 && e.local_name().into_inner() == name => {
                    self.numbered += 1;
                    self.push(before, after);
                }
                Event::End(_) => {
                    depth = depth.saturating_sub(1);
                    if depth == 1 {
                        if let Some(item) = open.take() {
                            self.push(item, after);
                        }
                    } else if depth == 0 {
                        return None;
                    }
                }
                Event::Eof => {
                    if depth > 0 {
                        self.cut_short(open);
                    }
                    return None;
                }
                _ => {}
            }
        }
    }

    fn push(&mut self, start: usize, end: usize) {
        self.out.push(Ok(Item {
            number: self.numbered,
            text: &self.xml[start..end],
            at: self.places.at(start),
        }));
    }

    /// The error of an input that ends inside its root: inside the item whose start tag is
    /// at `open`, or after whole items.
    fn cut_short(&mut self, open: Option<usize>) {
        let (name, n) = (self.name, self.numbered);
        let (reason, at) = match open {
            Some(start) => (
                format!("<{name}> {n} is cut short: the input ends before its </{name}>"),
                start,
            ),
            None => (
                format!(
                    "the input ends before the root element's end tag, after {n} <{name}> \
                     element(s): any that followed are missing"
                ),
                self.xml.len(),
            ),
        };
        self.out.push(Err(Error::Malformed {
            format: self.format,
            reason,
            position: Some(self.places.at(at)),
            source: None,
        }));
    }
}

/// Whether quick-xml's error says the input ended inside markup (a tag, a comment, a
/// reference): a cut, where met at the end of the input, not a fault of the markup.
fn ends_inside(e: &XmlError) -> bool {
    matches!(
        e,
        XmlError::Syntax(_) | XmlError::IllFormed(IllFormedError::UnclosedReference)
    )
}

/// The offset of the first start tag of an element named `name` (with or without a
/// namespace prefix) at or after `from`.
fn next_start_tag(xml: &str, from: usize, name: &str) -> Option<usize> {
    let bytes = xml.as_bytes();
    let mut at = from;
    while let Some(i) = xml.get(at..)?.find(name) {
        let (start, end) = (at + i, at + i + name.len());
        at = end;
        if !matches!(
            bytes.get(end),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
        ) {
            continue;
        }
        // `<name`, or `<prefix:name`.
        let head = &bytes[..start];
        let tag = match head.last() {
            Some(b'<') => start - 1,
            Some(b':') => {
                let prefix = (head[..start - 1].iter().rev())
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
                    .count();
                match start.checked_sub(prefix + 2) {
                    Some(lt) if prefix > 0 && bytes[lt] == b'<' => lt,
                    _ => continue,
                }
            }
            _ => continue,
        };
        if tag >= from {
            return Some(tag);
        }
    }
    None
}

/// A reader position as an index into the text (quick-xml counts in `u64`).
fn offset(position: u64) -> usize {
    usize::try_from(position).unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_start_tag_of_an_item() {
        let xml = "<r><Trial>a</Trial><TrialID>x</TrialID><w:Trial b='1'/><Trials/><Trial>";
        assert_eq!(next_start_tag(xml, 0, "Trial"), Some(3));
        assert_eq!(next_start_tag(xml, 4, "Trial"), Some(39));
        assert_eq!(next_start_tag(xml, 40, "Trial"), Some(64));
        assert_eq!(next_start_tag(xml, 65, "Trial"), None);
        assert_eq!(next_start_tag("<r>Trial <Trial", 0, "Trial"), None);
    }
}
