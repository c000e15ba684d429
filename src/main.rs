//! The `newsdedup` binary: parse arguments, run, turn the outcome into an exit code.

mod cli;

/// mimalloc instead of the system allocator: workers allocate per article and the main thread
/// frees what they allocated, which glibc's arenas make slow (see `bench-results/`).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
