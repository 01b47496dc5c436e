//! The `trialnorm` command line.

mod cli;

// mimalloc: glibc's malloc was a quarter of the instructions per record (the readers and
// normalizers allocate many small strings), and its arenas scale worse across parser threads.
// The binary only: the library leaves the allocator to whoever links it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
