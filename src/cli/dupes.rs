//! `newsdedup dupes`: which stories were syndicated, where, and how similar the copies are.

use super::{Global, Outcome, open_store};
use newsdedup::store::{Access, Member};
use serde::Serialize;

/// List clusters of copies, largest first.
///
/// Each cluster shows its canonical article's title, then every member: article id,
/// relation to the canonical (original, exact, near, contained), similarity, source and
/// origin. Use `newsdedup show ID` for one article and `newsdedup explain A B` for a pair.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Only clusters with at least this many articles.
    #[arg(long, default_value_t = 2, value_name = "N")]
    min_size: u64,
    /// At most this many clusters (0: all).
    #[arg(long, default_value_t = 0, value_name = "N")]
    limit: usize,
    /// Print clusters as JSON lines on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Serialize)]
struct ClusterOut<'a> {
    cluster_id: i64,
    copies: usize,
    title: Option<&'a str>,
    members: &'a [Member],
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let store = open_store(global, Access::Read)?;
    let mut clusters = store.clusters_with_copies(args.min_size)?;
    if args.limit > 0 {
        clusters.truncate(args.limit);
    }
    let mut out = std::io::stdout().lock();
    for (cluster_id, members) in &clusters {
        let title = members.first().and_then(|m| m.title.as_deref());
        if args.json {
            let row = ClusterOut {
                cluster_id: *cluster_id,
                copies: members.len(),
                title,
                members,
            };
            serde_json::to_writer(&mut out, &row)?;
            std::io::Write::write_all(&mut out, b"\n")?;
        } else {
            print_cluster(&mut out, *cluster_id, title, members)?;
        }
    }
    if clusters.is_empty() && !args.json && !global.quiet {
        eprintln!("no clusters with {} or more articles", args.min_size);
    }
    Ok(Outcome::Clean)
}

fn print_cluster(
    out: &mut impl std::io::Write,
    id: i64,
    title: Option<&str>,
    members: &[Member],
) -> std::io::Result<()> {
    writeln!(
        out,
        "cluster {id} · {} articles · {}",
        members.len(),
        title.unwrap_or("(untitled)")
    )?;
    for m in members {
        writeln!(
            out,
            "  {:>8}  {:<9} {:.3}  {:<24} {}",
            format!("#{}", m.id),
            m.relation.as_str(),
            m.similarity,
            truncate(m.source.as_deref().unwrap_or("-"), 24),
            m.origin
        )?;
    }
    writeln!(out)
}

/// At most `chars` characters, with an ellipsis when cut.
pub fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(chars.saturating_sub(1)).collect();
    cut.push('…');
    cut
}
