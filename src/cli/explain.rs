//! `newsdedup explain`: why two articles are (or are not) duplicates.

use super::dupes::truncate;
use super::{Global, Outcome, open_store};
use anyhow::bail;
use newsdedup::matcher::explain::{Aligned, explain};
use newsdedup::matcher::{Thresholds, Verdict};
use newsdedup::model::ArchivedArticle;
use newsdedup::store::{Access, Store};
use std::io::Write;

/// Explain why two articles are (or are not) duplicates
///
/// Shows their relation in the archive, the measures verification uses (shingle Jaccard,
/// containment of each in the other, agreement of numbers, SimHash distance), the verdict
/// those measures give, what normalization removed from each, and a paragraph alignment:
///   =  the same paragraph in both      ~  an edited paragraph
///   A  only in A                       B  only in B
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// First article id.
    a: i64,
    /// Second article id.
    b: i64,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let store = open_store(global, Access::Read)?;
    let (a, b) = (load(&store, args.a, global)?, load(&store, args.b, global)?);
    let e = explain(&a.text, &b.text, &Thresholds::default());
    let mut out = std::io::stdout().lock();
    for (name, x) in [("A", &a), ("B", &b)] {
        writeln!(
            out,
            "{name}  #{} {} ({})\n   cluster {}, {} ({:.3})",
            x.id,
            x.meta.title.as_deref().unwrap_or("(untitled)"),
            x.origin,
            x.cluster_id,
            x.relation.as_str(),
            x.similarity
        )?;
    }
    let same = a.cluster_id == b.cluster_id;
    writeln!(
        out,
        "\nin the archive: {}",
        if same {
            "same cluster"
        } else {
            "different clusters"
        }
    )?;
    let s = &e.similarity;
    let verdict = match e.verdict {
        Verdict::Copy { relation, score } => format!("{} copy ({score:.3})", relation.as_str()),
        Verdict::Rejected(why) => format!("not duplicates: {why}"),
    };
    writeln!(out, "verdict on the two texts: {verdict}")?;
    let numbers = s.numbers.map_or_else(
        || "- (none in one text)".to_string(),
        |n| format!("{:.3} ({} differ)", n.agree, n.differing),
    );
    writeln!(
        out,
        "jaccard {:.3} · A in B {:.3} · B in A {:.3} · numbers agree {numbers} · simhash distance {}",
        s.jaccard, s.a_in_b, s.b_in_a, e.simhash_distance
    )?;
    for (name, x) in [("A", &a), ("B", &b)] {
        let removals = store.removals(x.id)?;
        writeln!(out, "\nremoved from {name} ({}):", removals.len())?;
        for r in removals {
            writeln!(out, "  [{}] {}", r.rule, truncate(&r.text, 100))?;
        }
    }
    writeln!(out, "\nparagraphs:")?;
    for line in &e.alignment {
        let (mark, text) = match *line {
            Aligned::Same(i, _) => ("=", &e.paragraphs_a[i]),
            Aligned::Edited(i, _) => ("~", &e.paragraphs_a[i]),
            Aligned::OnlyA(i) => ("A", &e.paragraphs_a[i]),
            Aligned::OnlyB(j) => ("B", &e.paragraphs_b[j]),
        };
        writeln!(out, "  {mark}  {}", truncate(text, 110))?;
    }
    Ok(Outcome::Clean)
}

fn load(store: &Store, id: i64, global: &Global) -> anyhow::Result<ArchivedArticle> {
    match store.article(id)? {
        Some(a) => Ok(a),
        None => bail!("no article {id} in {}", global.db.display()),
    }
}
