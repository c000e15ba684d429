//! The `newsdedup` binary: parse arguments, run, turn the outcome into an exit code.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
