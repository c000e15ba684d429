//! `newsdedup ingest`: read dumps into the archive.

use super::progress::Bar;
use super::{Global, Outcome, human_bytes, open_store};
use anyhow::{Context, bail};
use newsdedup::ingest::reader::ReadOptions;
use newsdedup::ingest::{FieldMap, Format};
use newsdedup::matcher::{CanonicalPolicy, Thresholds};
use newsdedup::normalize::{Normalizer, UserRules};
use newsdedup::pipeline::{self, IngestConfig, IngestSummary};
use newsdedup::store::Access;
use std::path::PathBuf;
use std::time::Instant;

/// Read article dumps into the archive
///
/// Inputs are files, directories (walked recursively for *.txt, *.jsonl, *.ndjson, *.json,
/// optionally .gz/.zst), globs, or - for stdin. gzip and zstd are detected by magic bytes.
/// Formats: plain-text articles (one per file: section, title, summary, stamps, byline, body,
/// footer) and JSONL (one object per line; body in body|text|content|article).
///
/// Each article's boilerplate is stripped and recorded; each distinct clean body is stored
/// once. Every article is matched against the whole archive: it joins the cluster of the
/// story it copies (an exact, near or trimmed copy, verified against the cluster's canonical
/// article) or starts a new one. An input already ingested (same path, same content) is
/// skipped, so re-running a night is a no-op; an interrupted run resumes after its last
/// committed batch. One ingest writes to an archive at a time (see --wait-timeout).
///
/// Bad records (malformed JSON, invalid UTF-8, empty body, truncated .gz/.zst, too large) are
/// reported as path:line: reason and skipped; the exit code is then 2. With --strict the first
/// one stops the run (exit 1) before its batch is written.
///
/// Examples:
///   newsdedup ingest dumps/2026-11-27/
///   newsdedup ingest 'feeds/*.jsonl.gz' --field body=story_text --field id=guid
///   zcat night.jsonl.gz | newsdedup ingest -
#[derive(Debug, clap::Args)]
#[command(verbatim_doc_comment)]
pub struct Args {
    /// Files, directories, globs, or - for stdin.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<String>,
    /// Input format; auto decides per file by extension, then by content.
    #[arg(long, value_enum, default_value_t = FormatArg::Auto)]
    format: FormatArg,
    /// Map an article field to a JSON key: NAME=KEY, NAME one of id, url, title, body,
    /// authors, published, source, section. Repeatable.
    #[arg(long = "field", value_name = "NAME=KEY")]
    fields: Vec<String>,
    /// A TOML rules file adding boilerplate rules or disabling built-in ones.
    #[arg(long, value_name = "FILE")]
    rules: Option<PathBuf>,
    /// Stop at the first bad record instead of skipping it.
    #[arg(long)]
    strict: bool,
    /// Largest record accepted, decompressed (bytes; K, M, G suffixes allowed).
    #[arg(long, value_name = "SIZE", default_value = "16M", value_parser = parse_size)]
    max_record_bytes: usize,
    /// Which article stands for its cluster: longest (most complete body, then earliest
    /// published, then first ingested), earliest (published), or first (ingested).
    #[arg(long, value_enum, default_value_t = PolicyArg::Longest)]
    canonical: PolicyArg,
    /// Worker threads (0: one per core). The archive is the same for any value.
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Bodies in each block of the index load's rows the run stores for the next run to read
    /// (`store::blocks`). Not for everyday use: tests set it low to make blocks of a few
    /// articles. Articles, bodies and clusters are the same for any value.
    #[arg(long, hide = true, default_value_t = newsdedup::store::BLOCK_BODIES,
          value_parser = clap::value_parser!(i64).range(1..=1 << 20))]
    index_block_bodies: i64,
    /// Seconds to wait for another ingest on the same archive to finish before giving up.
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    wait_timeout: u64,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum PolicyArg {
    Longest,
    Earliest,
    First,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Auto,
    Text,
    Jsonl,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let config = config(&args)?;
    let _lock = super::lock_writer(global, args.wait_timeout)?;
    let mut store = open_store(global, Access::Write)?;
    let bar = Bar::new(global.quiet, global.verbose);
    let started = Instant::now();
    let result = pipeline::ingest(&mut store, &args.paths, &config, &bar);
    bar.finish();
    let summary = result.context("ingest failed")?;
    let seconds = started.elapsed().as_secs_f64();
    if args.json {
        let mut value = serde_json::to_value(&summary)?;
        value["seconds"] = serde_json::json!((seconds * 1000.0).round() / 1000.0);
        println!("{value}");
    } else if !global.quiet {
        eprintln!("{}", describe(&summary, seconds));
    }
    Ok(if summary.skipped > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

fn config(args: &Args) -> anyhow::Result<IngestConfig> {
    let mut fields = FieldMap::default();
    for mapping in &args.fields {
        let Some((name, key)) = mapping.split_once('=') else {
            bail!("--field {mapping}: expected NAME=KEY, e.g. --field body=story_text");
        };
        fields
            .set(name.trim(), key.trim())
            .map_err(|e| anyhow::anyhow!("--field {mapping}: {e}"))?;
    }
    let user_rules = match &args.rules {
        None => UserRules::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read rules file {}", path.display()))?;
            UserRules::from_toml(&text)
                .with_context(|| format!("invalid rules file {}", path.display()))?
        }
    };
    let normalizer = Normalizer::new(&user_rules).with_context(|| {
        format!(
            "invalid rules file {}",
            args.rules
                .as_deref()
                .unwrap_or_else(|| "".as_ref())
                .display()
        )
    })?;
    let format = match args.format {
        FormatArg::Auto => None,
        FormatArg::Text => Some(Format::Text),
        FormatArg::Jsonl => Some(Format::Jsonl),
    };
    Ok(IngestConfig {
        read: ReadOptions {
            max_record_bytes: args.max_record_bytes,
            format,
        },
        fields,
        normalizer,
        strict: args.strict,
        threads: args.threads,
        policy: match args.canonical {
            PolicyArg::Longest => CanonicalPolicy::Longest,
            PolicyArg::Earliest => CanonicalPolicy::Earliest,
            PolicyArg::First => CanonicalPolicy::First,
        },
        thresholds: Thresholds::default(),
        index_block_bodies: args.index_block_bodies,
    })
}

/// "16M" → 16 MiB.
fn parse_size(text: &str) -> Result<usize, String> {
    let t = text.trim();
    let (digits, scale) = match t.chars().last().map(|c| c.to_ascii_uppercase()) {
        Some('K') => (&t[..t.len() - 1], 1 << 10),
        Some('M') => (&t[..t.len() - 1], 1 << 20),
        Some('G') => (&t[..t.len() - 1], 1 << 30),
        _ => (t, 1),
    };
    let n: usize = digits
        .trim()
        .parse()
        .map_err(|_| format!("invalid size `{text}` (e.g. 16M)"))?;
    n.checked_mul(scale)
        .filter(|&v| v > 0)
        .ok_or_else(|| format!("invalid size `{text}`"))
}

fn describe(s: &IngestSummary, seconds: f64) -> String {
    let rate = if seconds > 0.0 {
        s.bytes_read as f64 / seconds
    } else {
        0.0
    };
    let mut line = format!(
        "ingested {} articles from {} inputs: {} new stories, {} exact copies, {} near copies, {} skipped",
        s.articles_read, s.inputs, s.new_stories, s.exact_copies, s.near_copies, s.skipped
    );
    if s.inputs_unchanged > 0 {
        line += &format!(", {} inputs already ingested", s.inputs_unchanged);
    }
    if s.inputs_resumed > 0 {
        line += &format!(", {} inputs resumed", s.inputs_resumed);
    }
    line + &format!(
        " ({} in {seconds:.2} s, {}/s)",
        human_bytes(s.bytes_read),
        human_bytes(rate as u64)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_with_suffixes() {
        assert_eq!(parse_size("16M"), Ok(16 << 20));
        assert_eq!(parse_size("512k"), Ok(512 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert_eq!(
            parse_size("16M"),
            Ok(newsdedup::ingest::reader::DEFAULT_MAX_RECORD_BYTES)
        );
    }
}
