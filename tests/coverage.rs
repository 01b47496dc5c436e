//! Nothing silently dropped: every element of every structured fixture and corpus record
//! (API v2, API v1, legacy XML; copies of the shared corpus are under `fixtures/`) is either
//! read into the model or declared in `coverage::NOT_CARRIED` with its reason, and an
//! element of neither kind (a future download's) gives a `not-carried` warning naming it.
//!
//! The leaf paths are found here independently of the readers (serde_json values, quick-xml
//! events), so the test also says how much is read and checks that every declaration is met
//! by some record (no stale rows).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use serde_json::Value;
use trialnorm::sources::structured::coverage::{declared, NOT_CARRIED};
use trialnorm::{Format, WarningCode};

/// Every structured record file under `fixtures/` (pages, criteria sets and field-case
/// collections of other shapes are detected and skipped).
fn structured_files() -> Vec<(PathBuf, Format)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut out = Vec::new();
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("criteria") {
                    stack.push(path);
                }
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            if let Ok(f @ (Format::CtgovApiV2Json | Format::CtgovApiV1Json | Format::CtgovXml)) =
                trialnorm::detect(&bytes)
            {
                out.push((path, f));
            }
        }
    }
    out.sort();
    out
}

/// Leaf paths of a JSON value, in the module's spelling (`a.b[].c`).
fn json_leaves(v: &Value, path: &str, out: &mut Vec<String>) {
    let join = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Object(map) => map.iter().for_each(|(k, v)| json_leaves(v, &join(k), out)),
        Value::Array(items) => items
            .iter()
            .for_each(|v| json_leaves(v, &format!("{path}[]"), out)),
        Value::Null => {}
        _ => out.push(path.to_string()),
    }
}

/// The studies of a structured JSON file with their leaf paths: API v2 studies from the
/// study object; API v1 studies from `Study`, the response around them under its own path.
fn json_file_leaves(doc: &Value, format: Format) -> Vec<String> {
    let mut out = Vec::new();
    match format {
        Format::CtgovApiV1Json => {
            let mut envelope = doc.clone();
            let studies = envelope["FullStudiesResponse"]["FullStudies"].take();
            for s in studies.as_array().into_iter().flatten() {
                json_leaves(&s["Study"], "", &mut out);
                if let Some(rank) = s.get("Rank") {
                    json_leaves(rank, "FullStudiesResponse.FullStudies[].Rank", &mut out);
                }
            }
            json_leaves(&envelope, "", &mut out);
        }
        _ => match doc {
            Value::Array(studies) => studies.iter().for_each(|s| json_leaves(s, "", &mut out)),
            Value::Object(m) if m.contains_key("studies") => (m["studies"].as_array())
                .into_iter()
                .flatten()
                .for_each(|s| json_leaves(s, "", &mut out)),
            _ => json_leaves(doc, "", &mut out),
        },
    }
    out
}

/// Leaf paths of a `<clinical_study>`: elements with text, attributes as `@name`, from the
/// root (which is not part of the path).
fn xml_leaves(xml: &str) -> Vec<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut stack: Vec<(String, bool)> = Vec::new();
    let mut out = Vec::new();
    let path = |stack: &[(String, bool)]| {
        (stack[1..].iter())
            .map(|(n, _)| n.as_str())
            .collect::<Vec<_>>()
            .join(".")
    };
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) => {
                if let Some(parent) = stack.last_mut() {
                    parent.1 = true;
                }
                stack.push((AsRef::<str>::as_ref(&e.local_name()).to_string(), false));
                attributes(&e, &path(&stack), stack.len() == 1, &mut out);
            }
            Event::Empty(e) => {
                if let Some(parent) = stack.last_mut() {
                    parent.1 = true;
                }
                stack.push((AsRef::<str>::as_ref(&e.local_name()).to_string(), true));
                attributes(&e, &path(&stack), false, &mut out);
                stack.pop();
            }
            Event::Text(t) if !utf8(&*t).trim().is_empty() && stack.len() > 1 => {
                let p = path(&stack);
                if out.last() != Some(&p) {
                    out.push(p);
                }
            }
            Event::End(_) => {
                stack.pop();
            }
            Event::Eof => break,
            _ => {}
        }
    }
    out
}

fn utf8(b: impl AsRef<[u8]>) -> String {
    String::from_utf8_lossy(b.as_ref()).into_owned()
}

fn attributes(e: &quick_xml::events::BytesStart, path: &str, root: bool, out: &mut Vec<String>) {
    for a in e.attributes().flatten() {
        let name = AsRef::<str>::as_ref(&a.key.local_name()).to_string();
        out.push(if root {
            format!("@{name}")
        } else {
            format!("{path}.@{name}")
        });
    }
}

#[test]
fn every_element_of_every_record_is_read_or_declared() {
    let files = structured_files();
    assert!(files.len() >= 80, "{} structured files", files.len());
    let mut met: BTreeSet<(Format, &str)> = BTreeSet::new();
    let mut per_format: BTreeMap<Format, (usize, usize)> = BTreeMap::new();
    for (path, format) in &files {
        let bytes = std::fs::read(path).unwrap();
        // The readers: no record may hold an element neither read nor declared.
        for r in trialnorm::parse_all(&bytes, None).unwrap() {
            let t = r.unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            let not_carried: Vec<_> = (t.warnings.iter())
                .filter(|w| w.code == WarningCode::NotCarried)
                .collect();
            assert!(
                not_carried.is_empty(),
                "{}: {:?}",
                path.display(),
                not_carried
            );
        }
        // The leaves, found independently, each read or declared.
        let text = String::from_utf8_lossy(&bytes);
        let leaves = match format {
            Format::CtgovXml => xml_leaves(&text),
            _ => json_file_leaves(&serde_json::from_str(&text).unwrap(), *format),
        };
        let counts = per_format.entry(*format).or_default();
        for leaf in &leaves {
            match declared(*format, leaf) {
                Some(d) => {
                    met.insert((*format, d.path));
                    counts.1 += 1;
                }
                None => counts.0 += 1,
            }
        }
    }
    // Every declaration is met in some record: the table holds no stale rows.
    let stale: Vec<_> = (NOT_CARRIED.iter())
        .filter(|n| !met.contains(&(n.format, n.path)))
        .map(|n| format!("{} {}", n.format, n.path))
        .collect();
    assert!(
        stale.is_empty(),
        "declared but met in no fixture: {stale:?}"
    );
    for (format, (read, left_out)) in &per_format {
        eprintln!("{format}: {read} leaf values read, {left_out} declared not carried");
        assert!(read > left_out, "{format}");
    }
}

/// A member a future download adds is named in one `not-carried` warning per record, in
/// each format, and declared members are not.
#[test]
fn a_new_element_is_named_in_one_warning() {
    let v2 = String::from_utf8(crate::util::fixture("ctgov-api-v2/NCT00465816.json")).unwrap();
    let v2 = v2.replacen(
        "\"protocolSection\"",
        "\"futureSection\": {\"a\": [{\"b\": 1}]}, \"protocolSection\"",
        1,
    );
    let v2 = v2.replacen(
        "\"identificationModule\": {",
        "\"identificationModule\": {\"newId\": \"X\", \"otherNew\": 2, ",
        1,
    );
    let xml = String::from_utf8(crate::util::fixture("ctgov-xml/NCT03133988.xml")).unwrap();
    let xml = xml.replacen(
        "<brief_title>",
        "<new_element><x>1</x></new_element><brief_title lang=\"en\">",
        1,
    );
    for (input, names) in [
        (
            v2.as_bytes(),
            &[
                "futureSection",
                "protocolSection.identificationModule.newId",
            ][..],
        ),
        (xml.as_bytes(), &["new_element", "brief_title.@lang"][..]),
    ] {
        let t = trialnorm::parse(input, None).unwrap();
        let w: Vec<_> = (t.warnings.iter())
            .filter(|w| w.code == WarningCode::NotCarried)
            .collect();
        assert_eq!(w.len(), 1, "{:?}", t.warnings);
        for name in names {
            assert!(w[0].message.contains(name), "{}", w[0].message);
        }
        // Declared members are not named.
        assert!(!w[0].message.contains("oversight"), "{}", w[0].message);
    }
}
