//! Command line: clap structs (their doc comments are the `--help`), one file per subcommand,
//! and the mapping from outcomes to exit codes (DESIGN.md §8): 0 all good, 1 fatal error
//! (nothing half-written), 2 finished but some records were skipped.
//!
//! Only this module knows clap, indicatif and anyhow, and only it prints.

mod dupes;
mod eval;
mod explain;
mod export;
mod ingest;
mod progress;
mod refingerprint;
mod show;
mod stats;
mod verify;

use anyhow::Context;
use clap::{Parser, Subcommand};
use newsdedup::fingerprint::FINGERPRINT_VERSION;
use newsdedup::normalize::rules::RULE_PACK_VERSION;
use newsdedup::store::{Access, Store, Versions};
use std::path::PathBuf;
use std::process::ExitCode;

/// Deduplicate news article archives.
///
/// newsdedup reads nightly article dumps (plain-text scrapes and JSONL exports, gzip or zstd
/// or not), strips outlet boilerplate (copyright lines, bylines, stamps, datelines, promo
/// lines), stores each distinct clean body once in a SQLite archive, and exports a cleaned,
/// deduplicated dataset.
///
/// Typical night:
///   newsdedup ingest dumps/2026-11-27/
///   newsdedup dupes --min-size 3
///   newsdedup export --out clean.jsonl.zst
///   newsdedup stats
///
/// Exit codes: 0 all good; 1 fatal error (nothing half-written); 2 finished, but some
/// records were skipped (each reported on stderr as path:line: reason).
#[derive(Debug, Parser)]
#[command(
    name = "newsdedup",
    version,
    max_term_width = 100,
    verbatim_doc_comment
)]
pub struct Cli {
    #[command(flatten)]
    global: Global,
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(Debug, clap::Args)]
struct Global {
    /// The archive: a SQLite file, created by the first ingest.
    #[arg(
        long,
        global = true,
        env = "NEWSDEDUP_DB",
        default_value = "newsdedup.db"
    )]
    db: PathBuf,
    /// No progress bars or summaries (problems with input are still reported).
    #[arg(short, long, global = true)]
    quiet: bool,
    /// Also report inputs skipped as already ingested, and resumed inputs.
    #[arg(short, long, global = true)]
    verbose: bool,
}

#[derive(Debug, Subcommand)]
enum Command {
    Ingest(ingest::Args),
    Dupes(dupes::Args),
    Show(show::Args),
    Explain(explain::Args),
    Export(export::Args),
    Stats(stats::Args),
    Eval(eval::Args),
    Refingerprint(refingerprint::Args),
    Verify(verify::Args),
}

/// What a command wants the process to exit with, when it did not fail.
pub enum Outcome {
    Clean,
    Skipped,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Skipped) => ExitCode::from(2),
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsdedup: error: {e:#}");
            ExitCode::from(1)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&cli.global, args),
        Command::Dupes(args) => dupes::run(&cli.global, args),
        Command::Show(args) => show::run(&cli.global, args),
        Command::Explain(args) => explain::run(&cli.global, args),
        Command::Export(args) => export::run(&cli.global, args),
        Command::Stats(args) => stats::run(&cli.global, args),
        Command::Eval(args) => eval::run(&cli.global, args),
        Command::Refingerprint(args) => refingerprint::run(&cli.global, args),
        Command::Verify(args) => verify::run(&cli.global, args),
    }
}

/// The versions this binary writes into an archive.
fn versions() -> Versions {
    Versions {
        rule_pack: RULE_PACK_VERSION.to_string(),
        fingerprint: FINGERPRINT_VERSION.to_string(),
    }
}

/// Open the archive named by `--db`.
fn open_store(global: &Global, access: Access) -> anyhow::Result<Store> {
    Store::open(&global.db, access, &versions())
        .with_context(|| format!("cannot open archive {}", global.db.display()))
}

/// Take the archive's writer lock, waiting up to `wait_seconds` for another writer.
fn lock_writer(
    global: &Global,
    wait_seconds: u64,
) -> anyhow::Result<newsdedup::store::lock::WriterLock> {
    let quiet = global.quiet;
    let db = &global.db;
    let wait = std::time::Duration::from_secs(wait_seconds);
    Ok(newsdedup::store::lock::lock_writer(db, wait, &mut || {
        if !quiet {
            eprintln!(
                "waiting up to {wait_seconds} s for another newsdedup writing to {}",
                db.display()
            );
        }
    })?)
}

/// `newsdedup export | head` closes our stdout early: that is success, not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Bytes in a human unit.
fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 5] = ["B", "KB", "MB", "GB", "TB"];
    let mut value = bytes as f64;
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{bytes} B")
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_valid() {
        Cli::command().debug_assert();
    }

    #[test]
    fn human_bytes_units() {
        assert_eq!(human_bytes(999), "999 B");
        assert_eq!(human_bytes(1_500_000), "1.5 MB");
    }
}
