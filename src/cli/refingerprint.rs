//! `newsdedup refingerprint`: bring an archive up to this version's fingerprints.

use super::{Global, Outcome, versions};
use anyhow::Context;
use newsdedup::pipeline;
use newsdedup::store::{Access, Store};

/// Recompute every body's fingerprints with this version of newsdedup.
///
/// Needed when `ingest` refuses an archive because it was built with another fingerprint
/// version. Bodies are read back from the archive (no input is needed), re-fingerprinted,
/// and written in one transaction; bodies that become identical are merged, with their
/// clusters. Clusters are otherwise kept as they are.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Seconds to wait for a running ingest to finish before giving up.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    wait_timeout: u64,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let _lock = super::lock_writer(global, args.wait_timeout)?;
    let mut store = Store::open(&global.db, Access::Refingerprint, &versions())
        .with_context(|| format!("cannot open archive {}", global.db.display()))?;
    let counts = pipeline::refingerprint(&mut store).context("refingerprint failed")?;
    if args.json {
        println!("{}", serde_json::to_string(&counts)?);
    } else if !global.quiet {
        eprintln!(
            "re-fingerprinted {} bodies: {} merged into identical bodies, {} clusters merged",
            counts.bodies, counts.merged_bodies, counts.merged_clusters
        );
    }
    Ok(Outcome::Clean)
}
