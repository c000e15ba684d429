//! Bad input: reported as `path:line: reason`, good records kept, exit code 2; `--strict`
//! stops before writing the failing batch; archives of other versions are refused.

use crate::support::{Run, TestDir, gzip, run};

fn good(id: &str) -> String {
    format!("{{\"id\": \"{id}\", \"body\": \"Story {id} has a body of its own.\"}}\n")
}

#[test]
fn bad_records_are_reported_skipped_and_the_rest_kept() {
    let t = TestDir::new();
    let mut feed = Vec::new();
    feed.extend(good("a").as_bytes());
    feed.extend(b"{\"id\": \"broken\", \"body\": \n");
    feed.extend(b"{\"id\": \"latin1\", \"body\": \"caf\xe9\"}\n");
    feed.extend(b"{\"id\": \"empty\", \"body\": \"   \"}\n");
    feed.extend(b"{\"id\": \"boiler\", \"body\": \"All rights reserved.\"}\n");
    feed.extend(b"{\"id\": \"typed\", \"body\": [\"x\"]}\n");
    feed.extend(b"[1, 2]\n");
    feed.extend(good("b").as_bytes());
    t.write("dump/feed.jsonl", &feed);
    t.write("dump/empty.txt", "");
    t.write("dump/binary.txt", b"\x00\x01\x02ELF\x00");
    let many: String = (0..2000).map(|i| good(&format!("c{i}"))).collect();
    let mut truncated = gzip(many.as_bytes());
    truncated.truncate(truncated.len() / 2);
    t.write("dump/cut.jsonl.gz", &truncated);

    let out = t.run(&["ingest", "dump", "missing.jsonl"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    let expected = [
        "dump/feed.jsonl:2: malformed JSON",
        "dump/feed.jsonl:3: invalid UTF-8 at byte offset",
        "dump/feed.jsonl:4: empty body",
        "dump/feed.jsonl:5: empty body after removing boilerplate",
        "dump/feed.jsonl:6: field `body` (body) must be a string, found an array",
        "dump/feed.jsonl:7: expected a JSON object",
        "dump/empty.txt: empty body",
        "dump/binary.txt: NUL byte at byte offset 0",
        "truncated or corrupt gzip stream",
        "missing.jsonl: No such file or directory",
    ];
    for line in expected {
        assert!(
            out.stderr.contains(line),
            "missing {line:?} in:\n{}",
            out.stderr
        );
    }
    assert!(out.stderr.contains(", 10 skipped"), "{}", out.stderr);
    let rows = t.export(true);
    let ids: Vec<&str> = rows
        .iter()
        .filter_map(|r| r["external_id"].as_str())
        .collect();
    assert!(ids.contains(&"a") && ids.contains(&"b"), "{ids:?}");
    assert!(
        ids.iter().filter(|i| i.starts_with('c')).count() > 100,
        "records before the cut are kept"
    );
}

#[test]
fn strict_stops_at_the_first_bad_record_without_writing_its_batch() {
    let t = TestDir::new();
    let feed = format!("{}{}not json\n{}", good("a"), good("b"), good("c"));
    t.write("feed.jsonl", feed);
    let out = t.run(&["ingest", "--strict", "feed.jsonl"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("feed.jsonl:3: malformed JSON"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--strict"), "{}", out.stderr);
    assert_eq!(t.stats()["articles"], 0);
    // Without --strict the same file goes in, minus the bad line.
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 2);
    assert_eq!(t.stats()["articles"], 3);
}

#[test]
fn strict_keeps_the_batches_before_the_one_it_stops_in() {
    let t = TestDir::new();
    // Batches hold 2,000 records: the first commits, the second has the bad line.
    let mut feed: String = (0..2_100).map(|i| good(&format!("s{i}"))).collect();
    feed.push_str("not json\n");
    feed.extend((2_100..2_110).map(|i| good(&format!("s{i}"))));
    t.write("feed.jsonl", feed);
    let out = t.run(&["ingest", "--strict", "feed.jsonl"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("feed.jsonl:2101: malformed JSON"),
        "{}",
        out.stderr
    );
    assert_eq!(t.stats()["articles"], 2_000);
    // The next run resumes after the committed batch.
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 2);
    assert_eq!(t.stats()["articles"], 2_110);
}

#[test]
fn strict_stops_early_in_a_long_input_instead_of_waiting_on_full_queues() {
    let t = TestDir::new();
    // A bad line in the first batch of 15 batches: more than the reader, the stages and the
    // matcher hold between them, so they are all waiting for room when the run stops. They
    // used to wait for ever.
    let mut feed = format!("{}not json\n", good("s0"));
    feed.extend((1..30_000).map(|i| good(&format!("s{i}"))));
    t.write("feed.jsonl", feed);
    let out = run(t
        .cmd(&["ingest", "--strict", "feed.jsonl"])
        .timeout(std::time::Duration::from_secs(120)));
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("feed.jsonl:2: malformed JSON"),
        "{}",
        out.stderr
    );
    assert_eq!(t.stats()["articles"], 0);
}

#[test]
fn a_new_input_stopped_before_its_first_commit_is_read_whole_next_time() {
    let t = TestDir::new();
    // A new path is hashed as it is read, and the hash stored with its first commit: a run
    // that stops before that commit leaves nothing that the next run could mistake for it.
    let feed = format!("not json\n{}{}", good("a"), good("b"));
    let path = t.write("feed.jsonl", &feed);
    assert_eq!(t.run(&["ingest", "--strict", "feed.jsonl"]).code, 1);
    assert_eq!(t.stats()["articles"], 0);
    let out = t.run(&["ingest", "feed.jsonl"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(t.stats()["articles"], 2);
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    let rows: Vec<(Vec<u8>, String, String, i64, i64)> = conn
        .prepare("SELECT content_hash, hash_kind, path, records_done, complete FROM inputs")
        .expect("prepare")
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let hash = blake3::hash(feed.as_bytes()).as_bytes().to_vec();
    let absolute = std::fs::canonicalize(&path).expect("path");
    let blake3 = "blake3".to_string();
    assert_eq!(rows, [(hash, blake3, absolute.display().to_string(), 3, 1)]);
    // And the input is now known by that hash.
    ingest_again_skips(&t, "feed.jsonl", 2);
}

/// Ingest `file` again: it is reported already ingested and the archive keeps `articles`.
fn ingest_again_skips(t: &TestDir, file: &str, articles: u64) -> Run {
    let again = t.run(&["ingest", file]);
    assert!(
        again.stderr.contains("already ingested"),
        "{}",
        again.stderr
    );
    assert_eq!(t.stats()["articles"], articles);
    again
}

#[test]
fn an_input_an_older_archive_knows_by_its_sha256_is_still_recognized() {
    use sha2::{Digest, Sha256};
    let t = TestDir::new();
    let feed = format!("{}{}", good("a"), good("b"));
    t.write("feed.jsonl", &feed);
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 0);
    // As an archive from before schema version 6 registered it.
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    let sha: [u8; 32] = Sha256::digest(feed.as_bytes()).into();
    let legacy = "UPDATE inputs SET content_hash = ?1, hash_kind = 'sha256'";
    assert_eq!(conn.execute(legacy, [&sha[..]]).expect("update"), 1);
    let again = ingest_again_skips(&t, "feed.jsonl", 2);
    assert_eq!(again.code, 0, "{}", again.stderr);
    // A changed file at that path is read again, and registered by its BLAKE3.
    let changed = format!("{feed}{}", good("c"));
    t.write("feed.jsonl", &changed);
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 0);
    assert_eq!(t.stats()["articles"], 5);
    let kinds: Vec<(String, Vec<u8>)> = conn
        .prepare("SELECT hash_kind, content_hash FROM inputs ORDER BY id")
        .expect("prepare")
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("query")
        .collect::<Result<_, _>>()
        .expect("rows");
    let blake3 = blake3::hash(changed.as_bytes()).as_bytes().to_vec();
    assert_eq!(
        kinds,
        [("sha256".into(), sha.to_vec()), ("blake3".into(), blake3)]
    );
}

#[test]
fn oversized_records_are_skipped_by_the_cap() {
    let t = TestDir::new();
    let big = format!(
        "{{\"id\": \"big\", \"body\": \"{}\"}}\n",
        "word ".repeat(50_000)
    );
    t.write("feed.jsonl", format!("{}{big}{}", good("a"), good("b")));
    let out = t.run(&["ingest", "--max-record-bytes", "64K", "feed.jsonl"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("feed.jsonl:2: record is larger than the limit of 65536 bytes"),
        "{}",
        out.stderr
    );
    assert_eq!(t.stats()["articles"], 2);
}

#[test]
fn archive_built_by_another_rule_pack_is_refused() {
    let t = TestDir::new();
    t.write("feed.jsonl", good("a"));
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 0);
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    conn.execute(
        "UPDATE meta SET value = 'builtin-0' WHERE key = 'rule_pack'",
        [],
    )
    .expect("update");
    drop(conn);
    t.write("more.jsonl", good("b"));
    let out = t.run(&["ingest", "more.jsonl"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("rule pack `builtin-0`"),
        "{}",
        out.stderr
    );
    assert_eq!(t.stats()["articles"], 1, "readers still work");
}

#[test]
fn newer_schema_is_refused() {
    let t = TestDir::new();
    t.write("feed.jsonl", good("a"));
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 0);
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    conn.pragma_update(None, "user_version", 999).expect("bump");
    drop(conn);
    let out = t.run(&["stats"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("newer than this newsdedup supports"),
        "{}",
        out.stderr
    );
}

#[test]
fn unreadable_rules_and_bad_flags_fail_before_touching_the_archive() {
    let t = TestDir::new();
    t.write("feed.jsonl", good("a"));
    let out = t.run(&["ingest", "--rules", "nope.toml", "feed.jsonl"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("cannot read rules file nope.toml"),
        "{}",
        out.stderr
    );
    assert!(!t.db().exists());
    assert_eq!(
        t.run(&["ingest", "--max-record-bytes", "lots", "feed.jsonl"])
            .code,
        2 /* clap usage error */
    );
}

#[test]
fn archive_with_old_fingerprints_is_refused_until_refingerprinted() {
    let t = TestDir::new();
    t.write("feed.jsonl", format!("{}{}", good("a"), good("b")));
    assert_eq!(t.run(&["ingest", "feed.jsonl"]).code, 0);
    let before = t.run(&["export", "--all"]).stdout;
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    conn.execute(
        "UPDATE meta SET value = 'fp0:old' WHERE key = 'fingerprint'",
        [],
    )
    .expect("meta");
    conn.execute(
        "UPDATE bodies SET simhash = 0, sha256 = CAST('stale' || id AS BLOB)",
        [],
    )
    .expect("stale");
    // A second body with the same text as body 1, in a cluster of its own: refingerprint must
    // merge it back.
    conn.execute_batch(
        "INSERT INTO clusters (id, canonical_article) VALUES (99, 99);
         INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation, similarity)
           SELECT 99, CAST('dup' AS BLOB), 0, words, text_bytes, 99, 'exact', 1.0 FROM bodies WHERE id = 1;
         INSERT INTO body_texts (body_id, text_zstd) SELECT 99, text_zstd FROM body_texts WHERE body_id = 1;
         INSERT INTO articles (id, input_id, origin, raw_bytes, body_id) VALUES (99, 1, 'copy', 10, 99);",
    )
    .expect("duplicate body");
    drop(conn);
    t.write("more.jsonl", good("c"));
    let out = t.run(&["ingest", "more.jsonl"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("run `newsdedup refingerprint`"),
        "{}",
        out.stderr
    );

    let out = t.run(&["refingerprint", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let counts: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        (
            counts["bodies"].as_u64(),
            counts["merged_bodies"].as_u64(),
            counts["merged_clusters"].as_u64()
        ),
        (Some(3), Some(1), Some(1))
    );
    assert_eq!(t.stats()["bodies"], 2);
    let after = t.run(&["export", "--all"]).stdout;
    assert_eq!(after.lines().count(), before.lines().count() + 1);
    assert!(after.contains("\"origin\":\"copy\",\"url\":null,\"title\":null,\"authors\":[],\"section\":null,\"source\":null,\"published\":null,\"cluster_id\":1,\"canonical\":false,\"relation\":\"exact\""), "{after}");
    assert_eq!(t.run(&["ingest", "more.jsonl"]).code, 0);
    // The restored fingerprints find exact copies again.
    t.write("again.jsonl", good("a").replace("\"a\"", "\"a2\""));
    let out = t.run(&["ingest", "--json", "again.jsonl"]);
    let summary: serde_json::Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(summary["exact_copies"], 1);
}
