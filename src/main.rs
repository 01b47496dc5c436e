//! The `trialnorm` command line.

mod cli;

// mimalloc: glibc's malloc was a quarter of the instructions per record (the readers and
// normalizers allocate many small strings), and its arenas scale worse across parser threads.
// The binary only: the library leaves the allocator to whoever links it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_purge_delay` in the mimalloc 3 this `libmimalloc-sys` builds (its
/// `include/mimalloc.h`); the crate's constants stop before it.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // Freed memory back to the system at once rather than after 10 ms: with the default,
    // a batch over 256 MiB units peaked at twice glibc's resident size (tests/batch_hazards).
    // SAFETY: sets an option by its number, before any other thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0) };
    cli::main()
}
