//! Prints the outline trialnorm reads from an HTML page: `cargo run --example outline FILE`.
fn main() {
    let path = std::env::args().nth(1).expect("usage: outline FILE");
    let html = std::fs::read_to_string(path).expect("readable UTF-8 file");
    match trialnorm::sources::page::html::outline(&html) {
        Ok(o) => print!(
            "{}",
            trialnorm::sources::page::outline::Outline::render(&o.lines)
        ),
        Err(why) => eprintln!("not read: {why}"),
    }
}
