//! What the XML exports of several trials share (the WHO ICTRP export, ISRCTN's
//! `<allTrials>`): the document split into its trials before any is deserialized, so a
//! download cut short, or markup broken in one trial, costs only the trial it spoils; every
//! other trial is read, and the fault is one error of its own that says which trial and where.

use quick_xml::errors::{Error as XmlError, IllFormedError};
use quick_xml::events::Event;

use crate::error::{Error, Places, Position, Result};
use crate::Format;

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
        let text = self.text;
        let mut de = quick_xml::de::Deserializer::from_str(text);
        T::deserialize(&mut de).map_err(|e| {
            let place = format!("<{name}> {}", self.number);
            Error::xml_read(format, e, text, &de).within_at(self.at, Some(&place))
        })
    }
}

/// The elements named `name` (local name) directly inside the root of `xml` (named `root`,
/// as the caller found it), in order, each an [`Item`]. Other elements inside the root are
/// passed over, as serde passes over members it does not read.
///
/// A fault of the document is an error entry where it is met: ill-formed markup (named by
/// the item it is in, placed where quick-xml found it), after which reading goes on at the
/// next start tag of an item; or the end of the input inside an item ("cut short", placed at
/// the item's start tag; also where the input ends inside a tag or a reference) or before the
/// root's end tag (placed at the end of the input), which is the last entry.
pub(crate) fn items<'a>(
    format: Format,
    xml: &'a str,
    root: &str,
    name: &str,
) -> Vec<Result<Item<'a>>> {
    let mut scan = Scan {
        format,
        xml,
        name,
        root,
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
    /// The root element's local name: read again after a fault, only its end tag ends it.
    root: &'n str,
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
                Err(e) => {
                    let at = start + offset(reader.error_position());
                    // Markup left open at the end of the input is a cut, unless an item starts
                    // after it (an unclosed quote or comment that swallowed the rest).
                    let at_end = start + offset(reader.buffer_position()) >= xml.len();
                    if ends_inside(&e) && at_end && next_start_tag(xml, at + 1, name).is_none() {
                        self.cut_short(open);
                        return None;
                    }
                    // The markup at fault may be an item's start tag: that item's fault.
                    let bytes = xml.as_bytes();
                    let starts_item = depth == 1
                        && open.is_none()
                        && bytes.get(at) == Some(&b'<')
                        && is_start_tag(&bytes[at + 1..], name);
                    self.numbered += usize::from(starts_item);
                    let err = Error::xml_at(self.format, e.into(), self.places.at(at));
                    self.fault(err, open.is_some() || starts_item);
                    // Past the markup at fault, and past where this reading started.
                    return Some((at + 1).max(start + 1));
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
                Event::End(e) => {
                    if depth == 1 && e.local_name().into_inner() != self.root {
                        // Read again after a fault, an end tag that is not the root's closes
                        // nothing this reading opened: a fault, as quick-xml words it.
                        let reason = format!(
                            "ill-formed document: expected `</{}>`, but `</{}>` was found",
                            self.root,
                            e.local_name().into_inner()
                        );
                        let err = Error::malformed_at(self.format, reason, self.places.at(before));
                        self.fault(err, false);
                        return Some(before + 1);
                    }
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

    /// A fault of the markup, named by the item it is in (`in_item`).
    fn fault(&mut self, err: Error, in_item: bool) {
        self.out.push(Err(match in_item {
            true => err.named(&format!("<{}> {}", self.name, self.numbered)),
            false => err,
        }));
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
        let err = Error::malformed_at(self.format, reason, self.places.at(at));
        self.out.push(Err(err));
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
/// namespace prefix) at or after `from`, passing over comments, CDATA sections and
/// processing instructions (whose text is no markup).
fn next_start_tag(xml: &str, from: usize, name: &str) -> Option<usize> {
    const SKIPPED: [(&str, &str); 3] = [("<!--", "-->"), ("<![CDATA[", "]]>"), ("<?", "?>")];
    let bytes = xml.as_bytes();
    let mut at = from;
    while let Some(i) = memchr::memchr(b'<', bytes.get(at..)?) {
        let lt = at + i;
        let rest = &xml[lt..];
        let skipped = (SKIPPED.iter())
            .find(|(open, _)| rest.starts_with(open))
            .map(|(open, close)| {
                let body = &rest[open.len()..];
                body.find(close).map(|j| open.len() + j + close.len())
            });
        match skipped {
            Some(Some(len)) => at = lt + len,
            // Never closed: no markup after it.
            Some(None) => return None,
            None if is_start_tag(&bytes[lt + 1..], name) => return Some(lt),
            None => at = lt + 1,
        }
    }
    None
}

/// Whether `tag` (the bytes after a `<`) starts a start tag named `name`: `name` or
/// `prefix:name`, then `>`, `/` or white space.
fn is_start_tag(tag: &[u8], name: &str) -> bool {
    let prefix = (tag.iter())
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        .count();
    let local = match tag.get(prefix) {
        Some(b':') if prefix > 0 => &tag[prefix + 1..],
        _ => tag,
    };
    local.starts_with(name.as_bytes())
        && matches!(
            local.get(name.len()),
            Some(b'>' | b'/' | b' ' | b'\t' | b'\r' | b'\n')
        )
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
        // Comments, CDATA and processing instructions hold no start tag.
        let xml = "<!-- <Trial> --><![CDATA[ <Trial> ]]><?pi <Trial>?></Trial><Trial >";
        assert_eq!(next_start_tag(xml, 0, "Trial"), Some(xml.len() - 8));
        assert_eq!(next_start_tag("<!-- <Trial>", 0, "Trial"), None);
        assert_eq!(next_start_tag("<a:b:Trial>", 0, "Trial"), None);
    }
}
