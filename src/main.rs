//! The `newsdedup` binary: parse arguments, run, turn the outcome into an exit code.

mod cli;

/// mimalloc instead of the system allocator: workers allocate per article and the main thread
/// frees what they allocated, which glibc's arenas make slow. Ingest CPU fell by about a tenth
/// (`bench-results/2026-11-28-performance-5.md`). Built without transparent huge pages, which
/// only added resident memory (~50 MB at the 1M scale test) for no measurable speed.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
