//! `newsdedup export`: write the cleaned, deduplicated dataset.

use super::{Global, Outcome, open_store};
use anyhow::Context;
use newsdedup::export::{Output, export_jsonl};
use newsdedup::store::Access;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// Write the cleaned, deduplicated dataset as JSONL
///
/// One JSON object per article with the fields: id, external_id, origin, url, title,
/// authors, section, source, published, cluster_id, canonical, relation, similarity,
/// copies, text (the clean body). By default only each cluster's canonical article is
/// written; --all writes every copy.
///
/// Output goes to stdout, or to --out FILE, compressed when FILE ends in .gz or .zst.
/// A file is written to a temporary name and renamed when complete.
///
/// Examples:
///   newsdedup export --out clean.jsonl.zst
///   newsdedup export --all | jq -c 'select(.copies > 1)'
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Output file (.gz/.zst compress); stdout if omitted or -.
    #[arg(long, short, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Every copy, not only canonical articles.
    #[arg(long)]
    all: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let store = open_store(global, Access::Read)?;
    match args.out.as_deref().filter(|p| p.as_os_str() != "-") {
        None => {
            let mut out = BufWriter::with_capacity(1 << 20, std::io::stdout());
            export_jsonl(&store, args.all, &mut out)??;
            out.flush().context("cannot write to stdout")?;
        }
        Some(path) => {
            let context = || format!("cannot write {}", path.display());
            let mut out = Output::create(path).with_context(context)?;
            let rows = export_jsonl(&store, args.all, &mut out)?.with_context(context)?;
            out.finish().with_context(context)?;
            if !global.quiet {
                eprintln!("exported {rows} articles to {}", path.display());
            }
        }
    }
    Ok(Outcome::Clean)
}
