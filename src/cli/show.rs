//! `newsdedup show`: one article, its cluster, and what normalization removed.

use super::dupes::truncate;
use super::{Global, Outcome, open_store};
use anyhow::bail;
use newsdedup::store::Access;
use std::io::Write;

/// Show one article: metadata, clean text, what was removed, and its cluster.
///
/// ID is the article id from `export`, `dupes` or `eval` output.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Article id.
    id: i64,
    /// Print as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let store = open_store(global, Access::Read)?;
    let Some(article) = store.article(args.id)? else {
        bail!("no article {} in {}", args.id, global.db.display());
    };
    let removals = store.removals(article.id)?;
    let members = store.members(article.cluster_id)?;
    let mut out = std::io::stdout().lock();
    if args.json {
        let row = newsdedup::export::ExportRow::from(&article);
        let value = serde_json::json!({ "article": row, "removals": removals, "cluster": members });
        writeln!(out, "{value}")?;
        return Ok(Outcome::Clean);
    }
    let m = &article.meta;
    writeln!(out, "article #{}  {}", article.id, article.origin)?;
    for (key, value) in [
        ("title", m.title.clone()),
        (
            "authors",
            (!m.authors.is_empty()).then(|| m.authors.join(", ")),
        ),
        ("source", m.source.clone()),
        ("section", m.section.clone()),
        ("published", m.published.clone()),
        ("url", m.url.clone()),
        ("external id", m.external_id.clone()),
    ] {
        if let Some(v) = value {
            writeln!(out, "  {key:<12} {v}")?;
        }
    }
    writeln!(
        out,
        "  {:<12} {} ({:.3}) in cluster {} of {} articles",
        "relation",
        article.relation.as_str(),
        article.similarity,
        article.cluster_id,
        article.copies
    )?;
    writeln!(out, "\nremoved by normalization ({}):", removals.len())?;
    for r in &removals {
        writeln!(out, "  [{}] {}", r.rule, truncate(&r.text, 100))?;
    }
    writeln!(out, "\ncluster {}:", article.cluster_id)?;
    for c in &members {
        let marker = if c.id == article.id { "*" } else { " " };
        writeln!(
            out,
            " {marker}{:>8}  {:<9} {:.3}  {}",
            format!("#{}", c.id),
            c.relation.as_str(),
            c.similarity,
            c.origin
        )?;
    }
    writeln!(out, "\n{}", article.text)?;
    Ok(Outcome::Clean)
}
