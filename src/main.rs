//! The `trialnorm` command line.

mod cli;

// mimalloc: glibc's malloc was a quarter of the instructions per record (the readers and
// normalizers allocate many small strings), and its arenas scale worse across parser threads.
// The binary only: the library leaves the allocator to whoever links it.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// `mi_option_arena_max_object_size` in the mimalloc 3 this `libmimalloc-sys` builds (its
/// `include/mimalloc.h`); the crate's constants stop before it. In KiB.
const MI_OPTION_ARENA_MAX_OBJECT_SIZE: libmimalloc_sys::mi_option_t = 45;

fn main() -> std::process::ExitCode {
    // Blocks over 1 MiB (a large unit, an inflated archive entry) are mapped from the system
    // and unmapped when freed, while small blocks keep mimalloc's delayed purging: a batch over
    // 256 MiB units stays at one unit's size (tests/batch_hazards), without giving back every
    // empty small page at once, which cost two parser threads 15,000 page faults and their
    // TLB shootdowns per 40,000 API v2 records (two jobs 10 % slower).
    // SAFETY: sets an option by its number, before any other thread is started.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_MAX_OBJECT_SIZE, 1024) };
    cli::main()
}
