use super::*;
use crate::model::{Metadata, Relation};

fn versions() -> Versions {
    Versions {
        rule_pack: "rp-1".into(),
        fingerprint: "fp-1".into(),
    }
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("a.db"), Access::Write, &versions()).expect("open")
}

fn article(input_id: i64, origin: &str, body: BodyChoice, relation: Relation) -> ArticleWrite {
    ArticleWrite {
        input_id,
        origin: origin.into(),
        meta: Metadata {
            title: Some(format!("title of {origin}")),
            ..Default::default()
        },
        raw_bytes: 100,
        removals: vec![crate::model::Removal::new("copyright", "(c) 2026 X")],
        body,
        relation,
        similarity: 1.0,
    }
}

fn new_body(sha: u8, text: &str) -> BodyChoice {
    BodyChoice::New {
        sha256: [sha; 32],
        simhash: 42,
        text_bytes: text.len(),
        text_zstd: codec::compress(text).expect("compress"),
    }
}

fn input(store: &mut Store, sha: u8) -> i64 {
    let run = store.begin_run().expect("run");
    store
        .add_inputs(run, &[(&[sha; 32], "in.jsonl", 10)])
        .expect("input")[0]
}

#[test]
fn batch_writes_bodies_once_and_clusters_copies() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 9);
    let batch = BatchWrite {
        articles: vec![
            article(
                input_id,
                "a:1",
                new_body(1, "Story one."),
                Relation::Original,
            ),
            article(input_id, "a:2", BodyChoice::SameAs(0), Relation::Exact),
            article(
                input_id,
                "a:3",
                new_body(2, "Story two."),
                Relation::Original,
            ),
        ],
        progress: vec![InputProgress {
            input_id,
            records_done: 3,
            complete: true,
        }],
    };
    let ids = store.write_batch(&batch).expect("write");
    assert_eq!(ids, [1, 2, 3]);
    assert_eq!(store.find_body(&[1; 32]).expect("find"), Some((1, 1)));
    let later = BatchWrite {
        articles: vec![article(
            input_id,
            "b:1",
            BodyChoice::Existing {
                body_id: 1,
                cluster_id: 1,
            },
            Relation::Exact,
        )],
        progress: vec![],
    };
    store.write_batch(&later).expect("write");

    let mut canonical = Vec::new();
    store
        .for_each_article(false, &mut |a| {
            canonical.push(a);
            Ok(())
        })
        .expect("db")
        .expect("io");
    assert_eq!(canonical.len(), 2);
    assert_eq!(
        (canonical[0].id, canonical[0].copies, canonical[0].canonical),
        (1, 3, true)
    );
    assert_eq!(canonical[0].text, "Story one.");
    let mut all = Vec::new();
    store
        .for_each_article(true, &mut |a| {
            all.push(a);
            Ok(())
        })
        .expect("db")
        .expect("io");
    let rows: Vec<(i64, i64, Relation)> = all
        .iter()
        .map(|a| (a.id, a.cluster_id, a.relation))
        .collect();
    assert_eq!(
        rows,
        [
            (1, 1, Relation::Original),
            (2, 1, Relation::Exact),
            (4, 1, Relation::Exact),
            (3, 2, Relation::Original)
        ]
    );
    assert_eq!(store.removals(2).expect("removals")[0].rule, "copyright");

    let stats = store.stats().expect("stats");
    assert_eq!(
        (
            stats.articles,
            stats.bodies,
            stats.clusters,
            stats.duplicated_clusters
        ),
        (4, 2, 2, 1)
    );
    assert!((stats.duplicate_rate - 0.5).abs() < 1e-9);
    assert_eq!(stats.raw_bytes, 400);
    let state = store
        .input_state("in.jsonl", &[9; 32])
        .expect("state")
        .expect("present");
    assert_eq!((state.records_done, state.complete), (3, true));
}

#[test]
fn a_failing_batch_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 9);
    let batch = BatchWrite {
        articles: vec![
            article(
                input_id,
                "a:1",
                new_body(1, "Story one."),
                Relation::Original,
            ),
            // Same SHA again as `New`: violates UNIQUE(sha256) mid-batch.
            article(
                input_id,
                "a:2",
                new_body(1, "Story one."),
                Relation::Original,
            ),
        ],
        progress: vec![InputProgress {
            input_id,
            records_done: 2,
            complete: true,
        }],
    };
    assert!(store.write_batch(&batch).is_err());
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.bodies, stats.clusters), (0, 0, 0));
    assert_eq!(
        store
            .input_state("in.jsonl", &[9; 32])
            .expect("state")
            .expect("row")
            .records_done,
        0
    );
}

#[test]
fn versions_are_recorded_and_a_mismatch_is_refused() {
    let dir = tempfile::tempdir().expect("tmp");
    drop(open(&dir));
    let other = Versions {
        rule_pack: "rp-2".into(),
        fingerprint: "fp-1".into(),
    };
    let err = Store::open(&dir.path().join("a.db"), Access::Write, &other)
        .err()
        .expect("refused");
    assert!(err.to_string().contains("rule pack `rp-1`"), "{err}");
    assert!(Store::open(&dir.path().join("a.db"), Access::Read, &other).is_ok());
}

#[test]
fn readers_need_an_existing_archive() {
    let dir = tempfile::tempdir().expect("tmp");
    let err = Store::open(&dir.path().join("none.db"), Access::Read, &versions())
        .err()
        .expect("missing");
    assert!(matches!(err, StoreError::Missing(_)));
    assert!(!dir.path().join("none.db").exists());
}
