//! `newsdedup stats`: how big the archive is and how much of it is duplicated.

use super::{Global, Outcome, human_bytes, open_store};
use newsdedup::store::{Access, ArchiveStats};

/// Show archive size, duplicate rate and compression.
///
/// Articles are every copy ingested; bodies are the distinct clean texts stored once;
/// clusters group the copies of one story. Raw bytes are the records as read; stored bytes
/// the compressed bodies.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Print the figures as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let stats = open_store(global, Access::Read)?.stats()?;
    if args.json {
        println!("{}", serde_json::to_string(&stats)?);
    } else {
        print!("{}", table(&global.db.display().to_string(), &stats));
    }
    Ok(Outcome::Clean)
}

fn table(db: &str, s: &ArchiveStats) -> String {
    let ratio = |a: u64, b: u64| if b == 0 { 0.0 } else { a as f64 / b as f64 };
    format!(
        "archive            {db}\n\
         articles           {}\n\
         distinct bodies    {}\n\
         clusters           {} ({} with copies)\n\
         duplicate rate     {:.1} %\n\
         inputs             {} ({} incomplete)\n\
         runs               {}\n\
         raw bytes          {}\n\
         clean body bytes   {}\n\
         stored body bytes  {} (raw/stored {:.1}x)\n\
         index blocks       {} ({}, {} bodies)\n\
         database file      {}\n",
        s.articles,
        s.bodies,
        s.clusters,
        s.duplicated_clusters,
        s.duplicate_rate * 100.0,
        s.inputs,
        s.incomplete_inputs,
        s.runs,
        human_bytes(s.raw_bytes),
        human_bytes(s.body_bytes),
        human_bytes(s.stored_body_bytes),
        ratio(s.raw_bytes, s.stored_body_bytes),
        s.index_blocks,
        human_bytes(s.index_block_bytes),
        s.index_block_bodies,
        human_bytes(s.file_bytes),
    )
}
