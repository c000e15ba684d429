//! `newsdedup verify`: check the whole archive.

use super::{Global, Outcome, open_store};
use anyhow::bail;
use newsdedup::pipeline;
use newsdedup::store::Access;

/// Check the whole archive; exit 1 if anything is wrong.
///
/// Runs SQLite's integrity check, then the archive's own invariants: every article points to
/// a body and an input, every body has its text and a cluster and is used by an article,
/// every cluster's canonical article exists and belongs to it. Finally every body is
/// decompressed and must still hash to its recorded SHA-256. Problems are listed on stdout.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the report as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let store = open_store(global, Access::Read)?;
    // A damaged archive is what verify is for: read it through system calls, which return an
    // I/O error to report, where a mapped page would end the process with a signal.
    store.read_unmapped()?;
    // One snapshot, so that a run writing meanwhile is neither seen half nor taken for damage.
    let (stats, report) = store.snapshot(|store| -> anyhow::Result<_> {
        Ok((store.stats()?, pipeline::verify(store)?))
    })??;
    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        for problem in &report.problems {
            println!("{problem}");
        }
        if !global.quiet && report.problems.is_empty() {
            eprintln!(
                "archive {} is sound: {} articles, {} bodies checked, {} clusters",
                global.db.display(),
                stats.articles,
                report.bodies_checked,
                stats.clusters
            );
        }
    }
    if !report.problems.is_empty() {
        bail!(
            "archive {} has {} problems",
            global.db.display(),
            report.problems.len()
        );
    }
    Ok(Outcome::Clean)
}
