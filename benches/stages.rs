//! Micro-benchmarks of the ingest stages, one group per stage, on real article records.
//!
//! ```sh
//! cargo bench --bench stages                      # the bundled sample-data/articles
//! NEWSDEDUP_BENCH_INPUT=/data/corpus/articles/part-01/feed-0001.jsonl cargo bench --bench stages
//! ```
//!
//! Throughput is reported in bytes of the stage's input (raw records for parsing, clean bodies
//! after that), so the figures compare directly with the end-to-end MB/s of `scripts/bench`.

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use newsdedup::fingerprint::{Analysis, analyze};
use newsdedup::index::AnchorIndex;
use newsdedup::ingest::reader::{ReadOptions, read_input};
use newsdedup::ingest::{FieldMap, RawRecord, discover::discover, parse_record};
use newsdedup::matcher::{Thresholds, verify};
use newsdedup::model::{CleanArticle, Relation};
use newsdedup::normalize::Normalizer;
use newsdedup::store::{Access, ArticleRow, NewArticle, NewBody, Store, Versions, codec};
use std::hint::black_box;
use std::sync::Arc;
use std::sync::atomic::AtomicU64;

/// At most this many records are loaded.
const MAX_RECORDS: usize = 4_000;

struct Corpus {
    records: Vec<RawRecord>,
    clean: Vec<CleanArticle>,
    analyses: Vec<Analysis>,
}

fn corpus() -> Corpus {
    let input = std::env::var("NEWSDEDUP_BENCH_INPUT").unwrap_or_else(|_| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/articles").to_string()
    });
    let (inputs, _) = discover(&[input]);
    let mut records = Vec::new();
    let counter = Arc::new(AtomicU64::new(0));
    for input in &inputs {
        read_input(input, &ReadOptions::default(), 0, &counter, &mut |r| {
            if let Ok(r) = r {
                records.push(r);
            }
            records.len() < MAX_RECORDS
        });
    }
    assert!(!records.is_empty(), "no records to benchmark");
    let normalizer = Normalizer::builtin();
    let clean: Vec<CleanArticle> = records
        .iter()
        .filter_map(|r| parse_record(r, &FieldMap::default()).ok())
        .map(|p| normalizer.clean(p))
        .filter(|c| !c.text.is_empty())
        .collect();
    let analyses = clean.iter().map(|c| analyze(&c.text)).collect();
    Corpus {
        records,
        clean,
        analyses,
    }
}

fn clean_bytes(c: &Corpus) -> u64 {
    c.clean.iter().map(|a| a.text.len() as u64).sum()
}

fn stages(crit: &mut Criterion) {
    let c = corpus();
    let fields = FieldMap::default();
    let raw_bytes: u64 = c.records.iter().map(|r| r.bytes.len() as u64).sum();

    let mut g = crit.benchmark_group("parse");
    g.throughput(Throughput::Bytes(raw_bytes));
    g.bench_function("records", |b| {
        b.iter(|| {
            for r in &c.records {
                black_box(parse_record(r, &fields).ok());
            }
        })
    });
    g.finish();

    let normalizer = Normalizer::builtin();
    let parsed: Vec<_> = c
        .records
        .iter()
        .filter_map(|r| parse_record(r, &fields).ok())
        .collect();
    let mut g = crit.benchmark_group("normalize");
    g.throughput(Throughput::Bytes(raw_bytes));
    g.bench_function("clean", |b| {
        b.iter_batched(
            || parsed.clone(),
            |parsed| {
                for p in parsed {
                    black_box(normalizer.clean(p));
                }
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();

    let mut g = crit.benchmark_group("fingerprint");
    g.throughput(Throughput::Bytes(clean_bytes(&c)));
    g.bench_function("analyze", |b| {
        b.iter(|| {
            for a in &c.clean {
                black_box(analyze(&a.text));
            }
        })
    });
    g.finish();

    let mut g = crit.benchmark_group("compression");
    g.throughput(Throughput::Bytes(clean_bytes(&c)));
    g.bench_function("zstd", |b| {
        b.iter(|| {
            for a in &c.clean {
                black_box(codec::compress(&a.text, None).expect("compress"));
            }
        })
    });
    let samples: Vec<&str> = c
        .clean
        .iter()
        .take(1_000)
        .map(|a| a.text.as_str())
        .collect();
    let training = std::time::Instant::now();
    let trained = codec::Dictionary::train(&samples);
    eprintln!(
        "dictionary trained on {} bodies in {:.2} s",
        samples.len(),
        training.elapsed().as_secs_f64()
    );
    if let Ok(dictionary) = trained {
        let unseen = &c.clean[samples.len()..];
        let unseen_bytes: usize = unseen.iter().map(|a| a.text.len()).sum();
        let frames: usize = unseen
            .iter()
            .map(|a| {
                codec::compress(&a.text, Some(&dictionary))
                    .expect("compress")
                    .len()
            })
            .sum();
        eprintln!(
            "zstd with a {}-byte dictionary: {:.2}x",
            dictionary.bytes().len(),
            unseen_bytes as f64 / frames as f64
        );
        g.bench_function("zstd with dictionary", |b| {
            b.iter(|| {
                for a in unseen {
                    black_box(codec::compress(&a.text, Some(&dictionary)).expect("compress"));
                }
            })
        });
    }
    g.finish();

    let mut index = AnchorIndex::new();
    for (i, a) in c.analyses.iter().enumerate() {
        index.insert(&a.anchors, i as i64);
    }
    let mut g = crit.benchmark_group("index");
    g.throughput(Throughput::Elements(c.analyses.len() as u64));
    g.bench_function("query", |b| {
        b.iter(|| {
            for a in &c.analyses {
                black_box(index.candidates(&a.anchors));
            }
        })
    });
    g.finish();

    // Each body against the next one (unrelated, mostly: the early exit) and against itself
    // (a copy: the whole merge).
    let t = Thresholds::default();
    let mut g = crit.benchmark_group("verify");
    g.throughput(Throughput::Elements(c.analyses.len() as u64));
    for (name, offset) in [("unrelated", 1), ("copy", 0)] {
        g.bench_function(name, |b| {
            b.iter(|| {
                for (i, a) in c.analyses.iter().enumerate() {
                    let other = &c.analyses[(i + offset) % c.analyses.len()].profile;
                    let ours = &a.profile;
                    let at_least =
                        verify::min_shared(ours.shingles.len(), other.shingles.len(), &t);
                    if let Some(sim) = ours.compare_at_least(other, at_least) {
                        black_box(verify::decide(
                            &sim,
                            ours.shingles.len(),
                            other.shingles.len(),
                            &t,
                        ));
                    }
                }
            })
        });
    }
    g.finish();

    let frames: Vec<Vec<u8>> = c
        .clean
        .iter()
        .map(|a| codec::compress(&a.text, None).expect("compress"))
        .collect();
    let versions = Versions {
        rule_pack: "bench".into(),
        fingerprint: "bench".into(),
    };
    let mut g = crit.benchmark_group("store");
    g.throughput(Throughput::Elements(c.clean.len() as u64));
    g.sample_size(10);
    g.bench_function("insert new stories", |b| {
        b.iter_batched(
            || {
                let dir = tempfile::tempdir().expect("tempdir");
                let mut store = Store::open(&dir.path().join("bench.db"), Access::Write, &versions)
                    .expect("open");
                let run = store.begin_run().expect("run");
                let input = store
                    .add_inputs(run, &[(Some(&[7; 32]), "bench.jsonl", 1)])
                    .expect("input")[0];
                (dir, store, input)
            },
            |(dir, mut store, input)| {
                let batch = store.batch().expect("batch");
                let mut next_article = batch.next_article_id().expect("id");
                for (i, ((a, an), frame)) in
                    c.clean.iter().zip(&c.analyses).zip(&frames).enumerate()
                {
                    let mut sha = an.fingerprint.sha256;
                    sha[..8].copy_from_slice(&(i as u64).to_le_bytes());
                    let cluster = batch.next_cluster_id().expect("cluster id");
                    batch.new_cluster(cluster, next_article).expect("cluster");
                    let body = batch
                        .insert_body(&NewBody {
                            sha256: &sha,
                            simhash: an.fingerprint.simhash,
                            words: an.profile.words,
                            text_bytes: a.text.len(),
                            text_zstd: frame,
                            base_id: None,
                            cluster_id: cluster,
                            relation: Relation::Exact,
                            similarity: 1.0,
                            anchors: Some(&an.anchors),
                        })
                        .expect("body");
                    next_article = batch
                        .insert_article(&NewArticle {
                            input_id: input,
                            raw_bytes: a.text.len() as u64,
                            row: &ArticleRow::new("bench.jsonl:1", &a.meta, &a.removals),
                            body_id: body,
                        })
                        .expect("article")
                        + 1;
                }
                batch.commit().expect("commit");
                drop(store);
                dir
            },
            BatchSize::PerIteration,
        )
    });
    g.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
