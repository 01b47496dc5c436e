//! Prints how trialnorm's constraints score against the Chia development split
//! (`fixtures/criteria/chia-dev/`): the table of `evaluate.py`, then every gold tuple missed
//! and every false positive at level (a). `cargo run --example chia_eval` (add `-- --quiet`
//! for the table only).

#[allow(dead_code)]
#[path = "../tests/common/chia.rs"]
mod chia;

fn main() {
    let quiet = std::env::args().any(|a| a == "--quiet");
    let report = chia::evaluate(&chia::folder());
    print!("{}", report.table());
    if !quiet {
        let misses = report.misses();
        println!("misses at (a): {}", misses.len());
        for m in misses {
            println!("  {m}");
        }
        let fps = report.false_positives();
        println!("false positives at (a): {}", fps.len());
        for f in fps {
            println!("  {f}");
        }
    }
}
