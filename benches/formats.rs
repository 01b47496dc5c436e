//! Parse speed per format, beside "limit" benches on the same bytes: what the format's bare
//! parser costs with no model built (serde_json into `IgnoredAny`, a quick-xml event loop).
//! Throughput is in bytes, so criterion prints MB/s; one iteration is one record, so
//! records/s is 1 / time. `scripts/bench.sh` reads the medians and prints the ratios.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use std::hint::black_box;

/// (format, fixture): one record per file.
const SAMPLES: &[(&str, &str)] = &[
    (
        "ctgov-api-v2-json",
        "fixtures/ctgov-api-v2/NCT03475563.json",
    ),
    (
        "ctgov-api-v2-json",
        "fixtures/ctgov-api-v2/NCT02278341.json",
    ),
    (
        "ctgov-api-v1-json",
        "fixtures/ctgov-api-v1/NCT00023673.json",
    ),
    ("ctgov-xml", "fixtures/ctgov-xml/NCT03133988.xml"),
    ("ctgov-xml", "fixtures/ctgov-xml/NCT00023673.xml"),
    ("ctgov-classic-text", "fixtures/seeds/NCT00479934.txt"),
    ("veeva-text", "fixtures/seeds/NCT06722105.txt"),
    (
        "ctgov-modern-text",
        "fixtures/pages/ctgov-modern/NCT00973089.txt",
    ),
    (
        "ctgov-classic-html",
        "fixtures/pages/ctgov-classic/NCT00479934.seed-tables.html",
    ),
    (
        "ctgov-modern-html",
        "fixtures/pages/ctgov-modern/NCT00973089.html",
    ),
    (
        "veeva-html",
        "fixtures/pages/veeva/NCT06722105.seed-lists.html",
    ),
];

fn quick_xml_events(bytes: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(bytes);
    let mut buf = Vec::new();
    let mut events = 0;
    loop {
        match reader.read_event_into(&mut buf) {
            Ok(quick_xml::events::Event::Eof) | Err(_) => return events,
            Ok(e) => {
                black_box(&e);
                events += 1;
            }
        }
        buf.clear();
    }
}

fn formats(c: &mut Criterion) {
    for (format, path) in SAMPLES {
        let bytes = std::fs::read(path).unwrap();
        let file = path.rsplit('/').next().unwrap();
        let mut group = c.benchmark_group(*format);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_with_input(BenchmarkId::new("parse", file), &bytes, |b, bytes| {
            b.iter(|| trialnorm::parse(black_box(bytes), None).unwrap())
        });
        if format.ends_with("-json") {
            group.bench_with_input(
                BenchmarkId::new("limit-serde_json", file),
                &bytes,
                |b, bytes| {
                    b.iter(|| {
                        serde_json::from_slice::<serde::de::IgnoredAny>(black_box(bytes)).unwrap()
                    })
                },
            );
        }
        if *format == "ctgov-xml" {
            group.bench_with_input(
                BenchmarkId::new("limit-quick_xml", file),
                &bytes,
                |b, bytes| b.iter(|| quick_xml_events(black_box(bytes))),
            );
        }
        if format.ends_with("-html") {
            group.bench_with_input(
                BenchmarkId::new("limit-html5ever", file),
                &bytes,
                |b, bytes| {
                    let text = std::str::from_utf8(bytes).unwrap();
                    b.iter(|| scraper::Html::parse_document(black_box(text)))
                },
            );
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(std::time::Duration::from_millis(500))
        .measurement_time(std::time::Duration::from_secs(2));
    targets = formats
}
criterion_main!(benches);
