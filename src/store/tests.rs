use super::*;
use crate::model::{Metadata, Relation, Removal};

fn versions() -> Versions {
    Versions {
        rule_pack: "rp-1".into(),
        fingerprint: "fp-1".into(),
    }
}

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("a.db"), Access::Write, &versions()).expect("open")
}

fn input(store: &mut Store, sha: u8) -> i64 {
    let run = store.begin_run().expect("run");
    store
        .add_inputs(run, &[(Some(&[sha; 32]), "in.jsonl", 10)])
        .expect("input")[0]
}

/// Insert a new story (cluster + body + article) the way the pipeline does.
fn new_story(
    batch: &Batch,
    input_id: i64,
    sha: u8,
    text: &str,
    meta: &Metadata,
) -> (i64, i64, i64) {
    let cluster = batch.next_cluster_id().expect("cluster id");
    batch
        .new_cluster(cluster, batch.next_article_id().expect("id"))
        .expect("cluster");
    let body = add_body(batch, sha, text, cluster, Relation::Exact, 1.0);
    let article = add_article(batch, input_id, body, meta);
    (cluster, body, article)
}

fn add_body(
    batch: &Batch,
    sha: u8,
    text: &str,
    cluster_id: i64,
    relation: Relation,
    similarity: f64,
) -> i64 {
    add_body_sha(batch, &[sha; 32], text, cluster_id, relation, similarity)
}

fn add_body_sha(
    batch: &Batch,
    sha256: &[u8; 32],
    text: &str,
    cluster_id: i64,
    relation: Relation,
    similarity: f64,
) -> i64 {
    let frame = codec::compress(text, None).expect("compress");
    let body = NewBody {
        sha256,
        simhash: 42,
        words: text.split_whitespace().count() as u32,
        text_bytes: text.len(),
        text_zstd: &frame,
        base_id: None,
        cluster_id,
        relation,
        similarity,
        anchors: None,
    };
    batch.insert_body(&body).expect("body")
}

/// Insert body `text` compressed against `base` (its id and text) if given, else on its own,
/// with `anchors` if it is in the candidate index.
fn add_stored_body(
    batch: &Batch,
    sha: u8,
    text: &str,
    base: Option<(i64, &str)>,
    cluster_id: i64,
    relation: Relation,
    anchors: Option<&[u32]>,
) -> i64 {
    let frame = match base {
        Some((_, base_text)) => codec::compress_against(text, base_text),
        None => codec::compress(text, None),
    }
    .expect("compress");
    batch
        .insert_body(&NewBody {
            sha256: &[sha; 32],
            simhash: 42,
            words: text.split_whitespace().count() as u32,
            text_bytes: text.len(),
            text_zstd: &frame,
            base_id: base.map(|(id, _)| id),
            cluster_id,
            relation,
            similarity: if relation == Relation::Exact {
                1.0
            } else {
                0.9
            },
            anchors,
        })
        .expect("body")
}

fn add_article(batch: &Batch, input_id: i64, body_id: i64, meta: &Metadata) -> i64 {
    let removals = [Removal::new("copyright", "(c) 2026 X")];
    let article = NewArticle {
        input_id,
        raw_bytes: 100,
        row: &ArticleRow::new("in.jsonl:1", meta, &removals),
        body_id,
    };
    batch.insert_article(&article).expect("article")
}

fn export(store: &Store, all: bool) -> Vec<crate::model::ArchivedArticle> {
    let mut rows = Vec::new();
    store
        .for_each_stored(all, &mut |stored| {
            rows.push(stored);
            Ok(())
        })
        .expect("db")
        .expect("io");
    rows.into_iter()
        .map(|stored| stored.decode().expect("decode"))
        .collect()
}

#[test]
fn clusters_bodies_and_derived_relations() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 9);
    let meta = Metadata {
        title: Some("t".into()),
        authors: vec!["Ann Lee".into()],
        ..Default::default()
    };
    let batch = store.batch().expect("batch");
    let (cluster, body, first) = new_story(&batch, input_id, 1, "Story one, complete.", &meta);
    assert_eq!((cluster, body, first), (1, 1, 1));
    let exact = add_article(&batch, input_id, body, &meta);
    let near_body = add_body(
        &batch,
        2,
        "Story one, edited.",
        cluster,
        Relation::Near,
        0.8,
    );
    let near = add_article(&batch, input_id, near_body, &meta);
    new_story(&batch, input_id, 3, "Story two.", &meta);
    assert_eq!(
        batch.find_body(&[2; 32]).expect("find"),
        Some((near_body, cluster))
    );
    assert_eq!(
        batch.cluster_bodies(cluster).expect("bodies"),
        [body, near_body]
    );
    assert_eq!(
        batch.body_text(near_body).expect("text"),
        "Story one, edited."
    );
    assert_eq!(
        batch.canonical(cluster).expect("canonical").article_id,
        first
    );
    batch
        .set_progress(&InputProgress {
            input_id,
            records_done: 4,
            complete: true,
            content_blake3: None,
        })
        .expect("progress");
    batch.commit().expect("commit");

    let rows = export(&store, true);
    let got: Vec<(i64, i64, Relation, u64)> = rows
        .iter()
        .map(|a| (a.id, a.cluster_id, a.relation, a.copies))
        .collect();
    assert_eq!(
        got,
        [
            (first, 1, Relation::Original, 3),
            (exact, 1, Relation::Exact, 3),
            (near, 1, Relation::Near, 3),
            (4, 2, Relation::Original, 1)
        ]
    );
    assert_eq!(rows[2].similarity, 0.8);
    assert_eq!(rows[0].meta.authors, ["Ann Lee"]);
    assert_eq!(export(&store, false).len(), 2);
    assert_eq!(store.removals(near).expect("removals")[0].rule, "copyright");
    let stats = store.stats().expect("stats");
    assert_eq!(
        (
            stats.articles,
            stats.bodies,
            stats.clusters,
            stats.duplicated_clusters
        ),
        (4, 3, 2, 1)
    );
    assert!((stats.duplicate_rate - 0.5).abs() < 1e-9);
    let state = store
        .input_state("in.jsonl", &blake3_only([9; 32]))
        .expect("state")
        .expect("present");
    assert_eq!((state.records_done, state.complete), (4, true));
}

#[test]
fn moving_the_canonical_changes_derived_relations() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 9);
    let meta = Metadata::default();
    let batch = store.batch().expect("batch");
    let (cluster, short_body, short) = new_story(&batch, input_id, 1, "Short.", &meta);
    let long_body = add_body(
        &batch,
        2,
        "Short. And longer.",
        cluster,
        Relation::Exact,
        1.0,
    );
    let long = add_article(&batch, input_id, long_body, &meta);
    batch.set_canonical(cluster, long).expect("canonical");
    batch
        .set_body_relation(short_body, Relation::Contained, 0.97)
        .expect("relation");
    batch.set_body_anchors(long_body, &[7, 8]).expect("anchors");
    batch.commit().expect("commit");
    let rows = export(&store, true);
    assert_eq!(
        (rows[0].id, rows[0].relation, rows[0].similarity),
        (short, Relation::Contained, 0.97)
    );
    assert_eq!(
        (rows[1].id, rows[1].relation, rows[1].canonical),
        (long, Relation::Original, true)
    );
    let (mut anchors, mut keys) = (Vec::new(), 0);
    store
        .for_each_body(&mut |_, set| {
            keys += 1;
            anchors.extend(set.map(|s| (s.anchors.to_vec(), s.cluster_id)));
        })
        .expect("anchors");
    assert_eq!(
        anchors,
        [(vec![7, 8], cluster)],
        "only indexed bodies have anchors"
    );
    assert_eq!(keys, 2, "every body has a key");
}

#[test]
fn an_uncommitted_batch_writes_nothing() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 9);
    {
        let batch = store.batch().expect("batch");
        new_story(&batch, input_id, 1, "Story one.", &Metadata::default());
        batch
            .set_progress(&InputProgress {
                input_id,
                records_done: 1,
                complete: true,
                content_blake3: None,
            })
            .expect("progress");
        // Dropped without commit, as when a later article of the batch fails.
    }
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.bodies, stats.clusters), (0, 0, 0));
    assert_eq!(
        store
            .input_state("in.jsonl", &blake3_only([9; 32]))
            .expect("state")
            .expect("row")
            .records_done,
        0
    );
}

#[test]
fn held_batches_are_committed_or_rolled_back_together() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 9);
    let reader = store.reader().expect("reader").expect("a file archive");
    let meta = Metadata::default();
    let batch = store.batch().expect("batch");
    let (_, held_body, _) = new_story(&batch, input_id, 1, "Story one.", &meta);
    batch.hold();
    // Held: other connections do not see it yet, the writer's next batch does.
    assert_eq!(reader.body_text(held_body).expect("read"), None);
    let batch = store.batch().expect("batch");
    assert_eq!(batch.find_body(&[1; 32]).expect("find"), Some((1, 1)));
    new_story(&batch, input_id, 2, "Story two.", &meta);
    batch.commit().expect("commit");
    assert_eq!(
        reader.body_text(held_body).expect("read").as_deref(),
        Some("Story one.")
    );
    assert_eq!(store.stats().expect("stats").articles, 2);
    // A batch dropped uncommitted takes the batches held before it with it.
    let batch = store.batch().expect("batch");
    new_story(&batch, input_id, 3, "Story three.", &meta);
    batch.hold();
    let batch = store.batch().expect("batch");
    new_story(&batch, input_id, 4, "Story four.", &meta);
    drop(batch);
    let stats = store.stats().expect("stats");
    assert_eq!((stats.articles, stats.bodies, stats.clusters), (2, 2, 2));
    // So does a run that stops after holding one.
    let batch = store.batch().expect("batch");
    new_story(&batch, input_id, 5, "Story five.", &meta);
    batch.hold();
    store.roll_back_held().expect("roll back");
    assert_eq!(store.stats().expect("stats").articles, 2);
    // And the archive takes new batches afterwards.
    let batch = store.batch().expect("batch");
    new_story(&batch, input_id, 6, "Story six.", &meta);
    batch.commit().expect("commit");
    assert_eq!(store.stats().expect("stats").articles, 3);
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
fn a_scan_reader_reads_what_a_reader_reads_without_mapping_the_file() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 1);
    let meta = Metadata::default();
    let batch = store.batch().expect("batch");
    for i in 1u8..=3 {
        new_story(&batch, input_id, i, &format!("Story {i}."), &meta);
    }
    batch.commit().expect("commit");
    let bodies_in = |reader: &super::Reader, ids: std::ops::RangeInclusive<i64>| {
        let mut keys = Vec::new();
        reader
            .for_each_body_in(ids, &mut |key, _| keys.push(key))
            .expect("scan");
        keys
    };
    let bodies = |reader: &super::Reader| bodies_in(reader, i64::MIN..=i64::MAX);
    let scan = store
        .scan_reader()
        .expect("reader")
        .expect("a file archive");
    let mapped = store.reader().expect("reader").expect("a file archive");
    assert_eq!(bodies(&scan).len(), 3);
    assert_eq!(bodies(&scan), bodies(&mapped));
    let mut keys = Vec::new();
    store
        .for_each_body(&mut |key, _| keys.push(key))
        .expect("scan");
    assert_eq!(bodies(&scan), keys);
    // Ranges of ids scan their bodies only, in order.
    let ids = |keys: Vec<super::StoredKey>| keys.iter().map(|k| k.body_id).collect::<Vec<_>>();
    assert_eq!(ids(bodies_in(&scan, 2..=3)), [2, 3]);
    assert_eq!(ids(bodies_in(&scan, i64::MIN..=1)), [1]);
    assert_eq!(ids(bodies_in(&scan, 4..=i64::MAX)), Vec::<i64>::new());
    assert_eq!(scan.mapped_bytes().expect("pragma"), 0);
    assert!(mapped.mapped_bytes().expect("pragma") > 0);
}

#[test]
fn a_body_is_found_by_id_only_with_its_own_hash() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 1);
    let meta = Metadata::default();
    let batch = store.batch().expect("batch");
    let (cluster, body, _) = new_story(&batch, input_id, 7, "Story seven.", &meta);
    batch.commit().expect("commit");
    assert_eq!(
        store.body_cluster_if(body, &[7; 32]).expect("read"),
        Some(cluster)
    );
    // Another body whose hash shares the first bytes (the run's key) is not this one.
    let mut twin = [7u8; 32];
    twin[31] = 8;
    assert_eq!(store.body_cluster_if(body, &twin).expect("read"), None);
    assert_eq!(
        store.body_cluster_if(body + 1, &[7; 32]).expect("read"),
        None
    );
}

#[test]
fn a_reader_upgrades_an_old_archive_only_while_no_writer_runs() {
    let dir = tempfile::tempdir().expect("tmp");
    let path = dir.path().join("a.db");
    let version = || -> i64 {
        Connection::open(&path)
            .expect("open")
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version")
    };
    {
        let conn = Connection::open(&path).expect("create");
        for sql in &schema::MIGRATIONS[..7] {
            conn.execute_batch(sql).expect("earlier migrations");
        }
        conn.pragma_update(None, "user_version", 7).expect("set");
    }
    let writer = lock::lock_writer(&path, std::time::Duration::ZERO, &mut || {}).expect("lock");
    let err = Store::open(&path, Access::Read, &versions())
        .err()
        .expect("a writer runs");
    assert!(
        matches!(err, StoreError::MigrationBusy { found: 7, .. }),
        "{err}"
    );
    assert_eq!(version(), 7, "not migrated under the writer");
    drop(writer);
    Store::open(&path, Access::Read, &versions()).expect("open");
    assert_eq!(version(), schema::latest_version());
    // Up to date, a reader opens whoever writes.
    let _writer = lock::lock_writer(&path, std::time::Duration::ZERO, &mut || {}).expect("lock");
    Store::open(&path, Access::Read, &versions()).expect("open beside a writer");
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

#[test]
fn parallel_export_writes_what_one_article_at_a_time_writes() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let input_id = input(&mut store, 1);
    let batch = store.batch().expect("batch");
    // More rows than one chunk of the parallel export, some clusters with copies.
    for i in 0u32..1_300 {
        let text = format!("Story number {i} with a body of its own.");
        let mut sha = [0u8; 32];
        sha[..4].copy_from_slice(&i.to_le_bytes());
        let cluster = batch.next_cluster_id().expect("cluster id");
        batch
            .new_cluster(cluster, batch.next_article_id().expect("id"))
            .expect("cluster");
        let body = add_body_sha(&batch, &sha, &text, cluster, Relation::Exact, 1.0);
        let meta = Metadata {
            title: Some(format!("Title \"{i}\"")),
            ..Default::default()
        };
        for _ in 0..=(i % 3) {
            add_article(&batch, input_id, body, &meta);
        }
    }
    batch.commit().expect("commit");
    for all in [false, true] {
        let mut expected = Vec::new();
        for a in export(&store, all) {
            crate::export::write_jsonl(&mut expected, &a).expect("write");
        }
        let mut got = Vec::new();
        let rows = crate::export::export_jsonl(&store, all, &mut got)
            .expect("db")
            .expect("io");
        assert_eq!(rows, if all { 2_599 } else { 1_300 });
        assert!(got == expected, "export --all={all} differs");
    }
    // An unreadable body ends the export with its error.
    store
        .conn
        .execute(
            "UPDATE body_texts SET text_zstd = x'28b52ffd0000' WHERE body_id = 900",
            [],
        )
        .expect("corrupt");
    let err = crate::export::export_jsonl(&store, false, &mut Vec::new()).unwrap_err();
    assert!(
        matches!(err, StoreError::CorruptBody { body_id: 900, .. }),
        "{err}"
    );
}

#[test]
fn a_dictionary_committed_after_a_reader_opened_is_found_when_a_frame_names_it() {
    let dir = tempfile::tempdir().expect("dir");
    let mut writer = open(&dir);
    let input_id = input(&mut writer, 1);
    let reader = Store::open(&dir.path().join("a.db"), Access::Read, &versions()).expect("read");
    // Trained here and not registered: as if another process had trained it.
    let mut samples = codec::tests::sample_bodies(400);
    for s in &mut samples {
        s.push_str(" Registered late.");
    }
    let dictionary = codec::Dictionary::train(&samples).expect("train");
    assert!(!codec::is_registered(dictionary.id()));
    let text = samples[7].as_str();
    let frame = codec::compress(text, Some(&dictionary)).expect("compress");
    let article = {
        let batch = writer.batch().expect("batch");
        batch.insert_dictionary(&dictionary).expect("dictionary");
        let cluster = batch.next_cluster_id().expect("cluster id");
        let article_id = batch.next_article_id().expect("id");
        batch.new_cluster(cluster, article_id).expect("cluster");
        let body = batch
            .insert_body(&NewBody {
                sha256: &[9; 32],
                simhash: 1,
                words: 40,
                text_bytes: text.len(),
                text_zstd: &frame,
                base_id: None,
                cluster_id: cluster,
                relation: Relation::Exact,
                similarity: 1.0,
                anchors: None,
            })
            .expect("body");
        let article = add_article(&batch, input_id, body, &Metadata::default());
        batch.commit().expect("commit");
        article
    };
    let read = reader.article(article).expect("read").expect("found");
    assert_eq!(read.text, text);
    assert!(codec::is_registered(dictionary.id()));
}

#[test]
fn a_snapshot_sees_one_committed_state_while_a_writer_commits() {
    let dir = tempfile::tempdir().expect("dir");
    let mut writer = open(&dir);
    let input_id = input(&mut writer, 1);
    let mut commit_story = |sha: u8, text: &str| {
        let batch = writer.batch().expect("batch");
        new_story(&batch, input_id, sha, text, &Metadata::default());
        batch.commit().expect("commit");
    };
    commit_story(1, "The first story.");
    let reader = Store::open(&dir.path().join("a.db"), Access::Read, &versions()).expect("read");
    let (before, during) = reader
        .snapshot(|r| {
            let before = r.stats().expect("stats").articles;
            commit_story(2, "The second story.");
            (before, r.stats().expect("stats").articles)
        })
        .expect("snapshot");
    assert_eq!((before, during), (1, 1), "the commit is not seen inside");
    assert_eq!(reader.stats().expect("stats").articles, 2, "and is after");
}

#[test]
fn an_input_registered_unhashed_is_known_by_the_hash_its_first_commit_stores() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let run = store.begin_run().expect("run");
    let register = |store: &mut Store, hash: Option<&[u8; 32]>| {
        store.add_inputs(run, &[(hash, "in.jsonl", 10)])
    };
    register(&mut store, None).expect("input");
    assert_eq!(
        store
            .knows_input_paths(["in.jsonl", "other.jsonl"])
            .expect("known"),
        [KnownPath::Known, KnownPath::New]
    );
    // Registered again before anything of it was committed (a later run, which finds the
    // path known and so hashes it first): the new row replaces the old.
    register(&mut store, Some(&[4; 32])).expect("input");
    assert_eq!(store.stats().expect("stats").inputs, 1);
    // A path new to the archive, registered unhashed, is hashed by its reader, and its first
    // commit stores the hash.
    let id = store
        .add_inputs(run, &[(None, "next.jsonl", 10)])
        .expect("input")[0];
    assert_eq!(store.stats().expect("stats").inputs, 2);
    let batch = store.batch().expect("batch");
    batch
        .set_progress(&InputProgress {
            input_id: id,
            records_done: 2,
            complete: false,
            content_blake3: Some([5; 32]),
        })
        .expect("progress");
    batch.commit().expect("commit");
    let state = store
        .input_state("next.jsonl", &blake3_only([5; 32]))
        .expect("state")
        .expect("present");
    assert_eq!(
        (state.id, state.records_done, state.complete),
        (id, 2, false)
    );
    // Once it holds records it is never replaced, only superseded by another hash.
    let changed = store
        .add_inputs(run, &[(Some(&[6; 32]), "next.jsonl", 12)])
        .expect("input")[0];
    assert_eq!(store.stats().expect("stats").inputs, 3);
    assert_ne!(changed, id);
}

fn blake3_only(blake3: [u8; 32]) -> ContentHashes {
    ContentHashes {
        blake3,
        sha256: None,
    }
}

#[test]
fn inputs_registered_by_sha256_are_found_by_it_and_only_by_it() {
    let dir = tempfile::tempdir().expect("tmp");
    let mut store = open(&dir);
    let run = store.begin_run().expect("run");
    let ids = store
        .add_inputs(
            run,
            &[
                (Some(&[1; 32]), "old.jsonl", 10),
                (Some(&[2; 32]), "new.jsonl", 10),
            ],
        )
        .expect("inputs");
    // The first as an archive from before schema version 6 registered it.
    store
        .conn
        .execute(
            "UPDATE inputs SET hash_kind = 'sha256' WHERE id = ?1",
            [ids[0]],
        )
        .expect("legacy");
    assert_eq!(
        store
            .knows_input_paths(["old.jsonl", "new.jsonl", "none.jsonl"])
            .expect("known"),
        [KnownPath::KnownBySha256, KnownPath::Known, KnownPath::New]
    );
    let state = |path: &str, hashes: ContentHashes| {
        store
            .input_state(path, &hashes)
            .expect("state")
            .map(|s| s.id)
    };
    let both = |blake3: u8, sha256: u8| ContentHashes {
        blake3: [blake3; 32],
        sha256: Some([sha256; 32]),
    };
    assert_eq!(state("old.jsonl", both(9, 1)), Some(ids[0]));
    // A legacy row's hash is not taken for a BLAKE3, nor a BLAKE3 row's for a SHA-256.
    assert_eq!(state("old.jsonl", blake3_only([1; 32])), None);
    assert_eq!(state("new.jsonl", both(9, 2)), None);
    assert_eq!(state("new.jsonl", both(2, 9)), Some(ids[1]));
    // Nor is either found at another path.
    assert_eq!(state("new.jsonl", both(1, 1)), None);
}

#[test]
fn a_body_stored_against_another_reads_back_wherever_texts_are_read() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let input_id = input(&mut store, 1);
    let base_text = codec::tests::sample_bodies(2).join(" ");
    let copy_text = format!("{base_text} An added paragraph.");
    let (base, copy, copy_article) = {
        let batch = store.batch().expect("batch");
        let (cluster, base, _) = new_story(&batch, input_id, 1, &base_text, &Metadata::default());
        let against = Some((base, base_text.as_str()));
        let copy = add_stored_body(
            &batch,
            2,
            &copy_text,
            against,
            cluster,
            Relation::Near,
            None,
        );
        let article = add_article(&batch, input_id, copy, &Metadata::default());
        assert_eq!(batch.body_text(copy).expect("text"), copy_text);
        batch.commit().expect("commit");
        (base, copy, article)
    };
    assert_eq!(
        store
            .article(copy_article)
            .expect("read")
            .expect("found")
            .text,
        copy_text
    );
    let all: Vec<String> = export(&store, true).into_iter().map(|a| a.text).collect();
    assert!(all.contains(&copy_text) && all.contains(&base_text));
    let mut chunks = Vec::new();
    store
        .for_each_body_chunk(&mut |chunk| chunks.extend(chunk))
        .expect("scan");
    let texts: Vec<(i64, String)> = chunks
        .into_iter()
        .map(|(id, text)| (id, text.expect("decodes")))
        .collect();
    assert_eq!(
        texts,
        [(base, base_text.clone()), (copy, copy_text.clone())]
    );
    assert_eq!(
        store.recent_bodies(10).expect("recent"),
        [copy_text.clone(), base_text.clone()]
    );
    assert!(store.check_structure().expect("check").is_empty());

    // A text compressed against a copy compressed against another is a broken archive.
    store
        .conn
        .execute(
            "UPDATE body_texts SET base_id = ?1 WHERE body_id = ?2",
            [copy, base],
        )
        .expect("chain");
    let problems = store.check_structure().expect("check");
    assert!(
        problems
            .iter()
            .any(|p| p
                .starts_with("text is compressed against a body compressed against another: body")),
        "{problems:?}"
    );

    // Two bodies with one hash: nothing but the pipeline keeps them apart, and this checks it.
    store
        .conn
        .execute(
            "UPDATE bodies SET sha256 = (SELECT sha256 FROM bodies WHERE id = ?1) WHERE id = ?2",
            [base, copy],
        )
        .expect("same hash");
    let problems = store.check_structure().expect("check");
    assert!(
        problems.iter().any(
            |p| p == &format!("bodies share one SHA-256: bodies {base}, {copy}")
                || p == &format!("bodies share one SHA-256: bodies {copy}, {base}")
        ),
        "{problems:?}"
    );
}

#[test]
fn a_body_merged_away_by_refingerprinting_leaves_the_texts_compressed_against_it_whole() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let input_id = input(&mut store, 1);
    let text = codec::tests::sample_bodies(2).join(" ");
    // The same body to the new fingerprints, printed with other quotes.
    let reprint = text.replace('"', "“");
    let copy_text = format!("{reprint} An added paragraph.");
    let (first, reprinted, copy) = {
        let batch = store.batch().expect("batch");
        let (cluster, first, _) = new_story(&batch, input_id, 1, &text, &Metadata::default());
        let reprinted = add_body(&batch, 2, &reprint, cluster, Relation::Near, 0.99);
        add_article(&batch, input_id, reprinted, &Metadata::default());
        let against = Some((reprinted, reprint.as_str()));
        let copy = add_stored_body(
            &batch,
            3,
            &copy_text,
            against,
            cluster,
            Relation::Near,
            None,
        );
        add_article(&batch, input_id, copy, &Metadata::default());
        batch.commit().expect("commit");
        (first, reprinted, copy)
    };
    let update = |body_id, sha| BodyUpdate {
        body_id,
        sha256: [sha; 32],
        simhash: 1,
        words: 10,
        anchors: Vec::new(),
    };
    let counts = store
        .apply_refingerprint(
            &[update(first, 7), update(reprinted, 7), update(copy, 8)],
            "fp-2",
        )
        .expect("refingerprint");
    assert_eq!(counts.merged_bodies, 1);
    let base: Option<i64> = store
        .conn
        .query_row(
            "SELECT base_id FROM body_texts WHERE body_id = ?1",
            [copy],
            |r| r.get(0),
        )
        .expect("row");
    assert_eq!(base, None);
    let mut texts = Vec::new();
    store
        .for_each_body_chunk(&mut |chunk| texts.extend(chunk))
        .expect("scan");
    let texts: Vec<(i64, String)> = texts
        .into_iter()
        .map(|(id, t)| (id, t.expect("decodes")))
        .collect();
    assert_eq!(texts, [(first, text), (copy, copy_text)]);
    assert!(store.check_structure().expect("check").is_empty());
}

#[test]
fn recent_bases_are_the_latest_canonical_texts_stored_on_their_own() {
    let dir = tempfile::tempdir().expect("dir");
    let mut store = open(&dir);
    let input_id = input(&mut store, 1);
    let texts: Vec<String> = codec::tests::sample_bodies(4);
    let body = |batch: &Batch, n: usize, base: Option<(i64, &str)>, anchors: Option<&[u32]>| {
        let cluster = batch.next_cluster_id().expect("cluster id");
        batch
            .new_cluster(cluster, batch.next_article_id().expect("id"))
            .expect("cluster");
        let sha = n as u8 + 1;
        let id = add_stored_body(
            batch,
            sha,
            &texts[n],
            base,
            cluster,
            Relation::Exact,
            anchors,
        );
        add_article(batch, input_id, id, &Metadata::default());
        id
    };
    let (first, last) = {
        let batch = store.batch().expect("batch");
        let first = body(&batch, 0, None, Some(&[1, 2, 3]));
        body(&batch, 1, None, None); // never canonical: no anchors
        body(&batch, 2, Some((first, &texts[0])), Some(&[4])); // compressed against another
        let last = body(&batch, 3, None, Some(&[5, 6]));
        batch.commit().expect("commit");
        (first, last)
    };
    let all = store.recent_bases(1 << 20, 0).expect("bases");
    let ids: Vec<i64> = all.iter().map(|b| b.body_id).collect();
    assert_eq!(ids, [last, first], "newest first");
    assert_eq!(all[0].text, texts[3]);
    assert_eq!(all[0].sha256, [4; 32]);
    assert_eq!(all[0].anchors, [5, 6]);
    assert_eq!(all[1].anchors, [1, 2, 3]);
    let some = store.recent_bases(texts[3].len(), 0).expect("bases");
    assert_eq!(
        some.len(),
        1,
        "stops once the texts reach the bytes asked for"
    );
    // Shorter texts are left out.
    let longer_than_last = store
        .recent_bases(1 << 20, texts[3].len() + 1)
        .expect("bases");
    assert!(longer_than_last.iter().all(|b| b.body_id != last));
}
