//! The serde_json "limit" on JSON Lines: each line parsed into a `serde_json::Value` and
//! nothing else, the floor under what reading the same bytes into the model can cost.
//! `scripts/instructions.sh` runs it under callgrind beside `trialnorm parse`:
//! `cargo run --release --example json_limit FILE.jsonl`.
use std::io::BufRead;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: json_limit FILE.jsonl");
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("readable file"));
    let mut values = 0usize;
    for line in file.lines() {
        let line = line.expect("UTF-8 lines");
        let value: serde_json::Value = serde_json::from_str(&line).expect("one JSON value a line");
        std::hint::black_box(&value);
        values += 1;
    }
    println!("{values} values");
}
