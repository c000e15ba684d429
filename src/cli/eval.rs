//! `newsdedup eval`: precision and recall of the archive's clusters against gold labels.

use super::{Global, Outcome, open_store};
use anyhow::Context;
use newsdedup::eval::{Assigned, Report, evaluate, parse_labels};
use newsdedup::store::Access;
use std::io::Write;
use std::path::PathBuf;

/// Score the archive's clusters against gold labels
///
/// FILE is JSONL, one line per labeled article: {"id": ..., "cluster": ..., "kind": ...}.
/// id is the article's external id, or its origin (a path; labels may give it relative to
/// the corpus directory). cluster is any label shared by all copies of one story. kind is
/// optional; with it the table breaks recall and false merges down per kind (the benchmark
/// generator writes one per transformation: trimmed, light-edit, template, ...).
///
/// Pairwise precision, recall and F1 count pairs of labeled articles; the adjusted Rand
/// index corrects pair agreement for chance. Unlabeled articles are ignored.
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Labels file (JSONL).
    #[arg(long, value_name = "FILE")]
    gold: PathBuf,
    /// Print the report as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let text = std::fs::read_to_string(&args.gold)
        .with_context(|| format!("cannot read {}", args.gold.display()))?;
    let labels = parse_labels(&text)
        .map_err(anyhow::Error::msg)
        .with_context(|| format!("invalid labels file {}", args.gold.display()))?;
    let store = open_store(global, Access::Read)?;
    let assignments = store.assignments()?;
    let assigned: Vec<Assigned> = assignments
        .iter()
        .map(|a| Assigned {
            external_id: a.external_id.as_deref(),
            origin: &a.origin,
            cluster_id: a.cluster_id,
        })
        .collect();
    let report = evaluate(&labels, &assigned);
    let mut out = std::io::stdout().lock();
    if args.json {
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
    } else {
        print_report(&mut out, &report)?;
    }
    Ok(Outcome::Clean)
}

fn print_report(out: &mut impl Write, r: &Report) -> std::io::Result<()> {
    writeln!(
        out,
        "labeled articles {} ({} labels matched no article)",
        r.articles, r.unmatched_labels
    )?;
    writeln!(
        out,
        "pairs: {} gold, {} predicted, {} both\nprecision {:.4}   recall {:.4}   F1 {:.4}   adjusted Rand {:.4}\n",
        r.gold_pairs,
        r.predicted_pairs,
        r.true_pairs,
        r.precision,
        r.recall,
        r.f1,
        r.adjusted_rand_index
    )?;
    writeln!(
        out,
        "{:<16} {:>8} {:>10} {:>8} {:>12} {:>10}",
        "kind", "articles", "gold pairs", "recall", "false pairs", "precision"
    )?;
    let fmt = |v: Option<f64>| v.map_or_else(|| "-".to_string(), |v| format!("{v:.4}"));
    for k in &r.kinds {
        writeln!(
            out,
            "{:<16} {:>8} {:>10} {:>8} {:>12} {:>10}",
            k.kind,
            k.articles,
            k.gold_pairs,
            fmt(k.recall),
            k.false_pairs,
            fmt(k.precision)
        )?;
    }
    Ok(())
}
