//! Reliability: `verify`, concurrent jobs, and a corpus of hostile inputs.

use crate::support::{TestDir, gzip, records_done, run, sample_articles, spawn_ingest};
use std::io::Write;
use std::time::Duration;

fn good(id: &str) -> String {
    format!(
        "{{\"id\": \"{id}\", \"body\": \"Story {id} has a body of its own, long enough to keep.\"}}\n"
    )
}

fn ingested_sample() -> TestDir {
    let t = TestDir::new();
    assert_eq!(
        t.run(&["ingest", sample_articles().to_str().expect("path")])
            .code,
        0
    );
    t
}

#[test]
fn verify_passes_a_sound_archive_and_lists_what_is_broken() {
    let t = ingested_sample();
    let ok = t.run(&["verify"]);
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    assert!(
        ok.stderr
            .contains("is sound: 49 articles, 30 bodies checked"),
        "{}",
        ok.stderr
    );

    let conn = rusqlite::Connection::open(t.db()).expect("open");
    conn.execute_batch(
        "UPDATE body_texts SET text_zstd = x'28b52ffd0000' WHERE body_id = 3;
         UPDATE bodies SET sha256 = zeroblob(32) WHERE id = 4;
         UPDATE clusters SET canonical_article = 9999 WHERE id = 5;
         UPDATE articles SET removals = '[[\"byline\"]]' WHERE id = 7;
         PRAGMA foreign_keys = OFF;
         DELETE FROM body_texts WHERE body_id = 6;",
    )
    .expect("corrupt");
    drop(conn);
    let bad = t.run(&["verify"]);
    assert_eq!(bad.code, 1);
    for expected in [
        "stored body 3 is unreadable",
        "body 4: text does not hash to its recorded SHA-256",
        "cluster's canonical article is missing: cluster 5 -> article 9999",
        "body has no stored text: body 6",
        "article's removals are not a JSON array of [rule, text] pairs: article 7",
        // Bodies compressed against a broken body are broken with it, and say why.
        "text is compressed against a body without text: body 23 -> body 6",
        "stored body 23 is unreadable: compressed against body 6, which has no text",
        "stored body 28 is unreadable: compressed against body 3, which does not decode",
    ] {
        assert!(
            bad.stdout.contains(expected),
            "{expected:?} missing from:\n{}",
            bad.stdout
        );
    }
    assert!(bad.stderr.contains("has 8 problems"), "{}", bad.stderr);
    let json = t.run(&["verify", "--json"]);
    let report: serde_json::Value = serde_json::from_str(&json.stdout).expect("json");
    assert_eq!(report["problems"].as_array().map(Vec::len), Some(8));
    // `show` names the broken removals instead of printing none.
    let show = t.run(&["show", "7"]);
    assert_eq!(show.code, 1);
    assert!(
        show.stderr
            .contains("the removals stored for article 7 are unreadable"),
        "{}",
        show.stderr
    );
}

/// A dump large enough that ingesting it takes a while in a test build.
fn big_dump(n: usize) -> String {
    (0..n)
        .map(|i| {
            let words: String = (0..150)
                .map(|w| format!("w{}x{} ", (i * 31 + w * 7) % 5000, w % 13))
                .collect();
            format!("{{\"id\": \"r{i}\", \"body\": \"{words}\"}}\n")
        })
        .collect()
}

#[test]
fn a_second_writer_waits_or_fails_clearly_and_readers_work_during_a_write() {
    let t = TestDir::new();
    t.write("first.jsonl", good("seed"));
    assert_eq!(t.run(&["ingest", "first.jsonl"]).code, 0);
    t.write("big.jsonl", big_dump(30_000));
    t.write("other.jsonl", good("other"));
    let mut writer = spawn_ingest(&t, "big.jsonl");
    while records_done(&t) < 2_000 && writer.try_wait().expect("poll").is_none() {
        std::thread::sleep(Duration::from_millis(10));
    }
    assert!(
        writer.try_wait().expect("poll").is_none(),
        "the writer finished too early for this test"
    );

    let busy = t.run(&["ingest", "--wait-timeout", "0", "other.jsonl"]);
    assert_eq!(busy.code, 1, "{}", busy.stderr);
    assert!(
        busy.stderr.contains("another newsdedup is writing to"),
        "{}",
        busy.stderr
    );
    assert!(busy.stderr.contains("--wait-timeout"), "{}", busy.stderr);
    // Readers are not blocked by the writer.
    let stats = t.run(&["stats", "--json"]);
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    assert_eq!(t.run(&["export", "--all"]).code, 0);
    assert_eq!(t.run(&["dupes"]).code, 0);

    // A writer that may wait does, says so, and goes in once the first is done.
    let waiting = run(t
        .cmd(&["ingest", "--wait-timeout", "600", "other.jsonl"])
        .timeout(Duration::from_secs(600)));
    assert_eq!(waiting.code, 0, "{}", waiting.stderr);
    assert!(writer.wait().expect("wait").success());
    if waiting.stderr.contains("waiting up to 600 s") {
        assert!(
            waiting.stderr.contains("ingested 1 articles"),
            "{}",
            waiting.stderr
        );
    }
    assert_eq!(t.stats()["articles"], 30_002);
}

#[test]
fn hostile_inputs_are_reported_and_the_good_records_around_them_kept() {
    let t = TestDir::new();
    // cp1252 smart quotes in JSON and in a text article.
    t.write(
        "in/cp1252.jsonl",
        [
            good("a").as_bytes(),
            b"{\"id\": \"w\", \"body\": \"\x93Quoted\x94\"}\n",
            good("b").as_bytes(),
        ]
        .concat(),
    );
    t.write(
        "in/cp1252.txt",
        b"Title here\n\nA caf\xe9 opened on Main Street.\n",
    );
    // A 50 MB article between two good ones.
    let huge = format!(
        "{{\"id\": \"huge\", \"body\": \"{}\"}}\n",
        "word ".repeat(10 * 1024 * 1024)
    );
    t.write("in/huge.jsonl", format!("{}{huge}{}", good("c"), good("d")));
    // Deeply nested JSON.
    t.write(
        "in/nested.jsonl",
        format!("{}{}\n{}", good("e"), "[".repeat(200_000), good("f")),
    );
    // A binary file with an article extension.
    t.write(
        "in/binary.txt",
        (0..=255u8).cycle().take(4096).collect::<Vec<u8>>(),
    );
    // Truncated zstd.
    let many: String = (0..5000).map(|i| good(&format!("g{i}"))).collect();
    let mut zst = zstd::encode_all(many.as_bytes(), 3).expect("zstd");
    zst.truncate(zst.len() / 2);
    t.write("in/cut.jsonl.zst", zst);
    // Odd file names.
    t.write("in/dir with space/ünïcødé \"quoted\" 'x'.jsonl", good("h"));
    t.write("in/new\nline.jsonl", good("i"));
    // A symlink loop.
    std::os::unix::fs::symlink(t.path().join("in"), t.path().join("in/loop")).expect("symlink");

    // A dangling symlink, and a path that cannot be opened (running as root, permissions
    // cannot make a file unreadable, so a path through a file stands in for one).
    std::os::unix::fs::symlink(
        t.path().join("gone.jsonl"),
        t.path().join("in/dangling.jsonl"),
    )
    .expect("symlink");

    let out = t.run(&["ingest", "in", "in/cp1252.txt/inner.jsonl"]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    for expected in [
        "in/cp1252.jsonl:2: invalid UTF-8 at byte offset",
        "in/cp1252.txt: invalid UTF-8 at byte offset 17",
        "in/huge.jsonl:2: record is larger than the limit of 16777216 bytes",
        "in/nested.jsonl:2: malformed JSON: recursion limit exceeded",
        "in/binary.txt: NUL byte at byte offset 0",
        "in/cut.jsonl.zst:",
        "truncated or corrupt zstd stream",
        "symlink loop",
        "in/dangling.jsonl: No such file or directory",
        "in/cp1252.txt/inner.jsonl: Not a directory",
    ] {
        assert!(
            out.stderr.contains(expected),
            "{expected:?} missing from:\n{}",
            out.stderr
        );
    }
    let ids: Vec<String> = t
        .export(true)
        .iter()
        .filter_map(|r| r["external_id"].as_str().map(String::from))
        .collect();
    let kept = ids.iter().filter(|x| x.starts_with('g')).count();
    assert!(kept > 1000, "only {kept} records before the zstd cut kept");
    for id in ["a", "b", "c", "d", "e", "f", "h", "i"] {
        assert!(
            ids.iter().any(|x| x == id),
            "good record {id} lost: {ids:?}"
        );
    }
    let origins: Vec<String> = t
        .export(true)
        .iter()
        .filter_map(|r| r["origin"].as_str().map(String::from))
        .collect();
    assert!(
        origins
            .iter()
            .any(|o| o.ends_with("ünïcødé \"quoted\" 'x'.jsonl:1")),
        "{origins:?}"
    );
    assert_eq!(t.run(&["verify"]).code, 0);
}

#[test]
fn compression_bombs_cost_one_capped_record() {
    let t = TestDir::new();
    let spaces = vec![b' '; 256 * 1024 * 1024];
    let mut line = Vec::from(&b"{\"id\": \"bomb\", \"body\": \""[..]);
    line.extend_from_slice(&spaces);
    line.extend_from_slice(b"\"}\n");
    line.extend_from_slice(good("after").as_bytes());
    t.write("bomb.jsonl.gz", gzip(&line));
    t.write(
        "bomb.jsonl.zst",
        zstd::encode_all(&line[..], 19).expect("zstd"),
    );
    t.write("bomb.txt.gz", gzip(&spaces));
    drop((spaces, line));
    let out = t.run(&[
        "ingest",
        "--max-record-bytes",
        "1M",
        "bomb.jsonl.gz",
        "bomb.jsonl.zst",
        "bomb.txt.gz",
    ]);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("bomb.jsonl.gz:1: record is larger than the limit of 1048576 bytes"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("bomb.jsonl.zst:1: record is larger"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("bomb.txt.gz: record is larger"),
        "{}",
        out.stderr
    );
    // The record after each bomb is read (and the second is an exact copy of the first).
    let stats = t.stats();
    assert_eq!(
        (stats["articles"].as_u64(), stats["bodies"].as_u64()),
        (Some(2), Some(1))
    );
}

#[test]
fn a_million_empty_bodies_are_counted_not_printed() {
    let t = TestDir::new();
    let mut file = std::fs::File::create(t.path().join("empty.jsonl")).expect("create");
    let chunk = "{\"body\": \"\"}\n".repeat(10_000);
    for _ in 0..100 {
        file.write_all(chunk.as_bytes()).expect("write");
    }
    file.write_all(good("last").as_bytes()).expect("write");
    drop(file);
    let out = t.run(&["ingest", "empty.jsonl"]);
    assert_eq!(out.code, 2);
    assert!(
        out.stderr.contains("empty.jsonl:1: empty body"),
        "{}",
        &out.stderr[..200]
    );
    assert!(
        out.stderr.contains("… and 999000 more problems not shown"),
        "{}",
        &out.stderr[out.stderr.len() - 300..]
    );
    assert!(out.stderr.lines().count() < 1_100);
    assert!(
        out.stderr.contains("1000000 skipped"),
        "{}",
        &out.stderr[out.stderr.len() - 300..]
    );
    assert_eq!(t.stats()["articles"], 1);
}

/// A tmpfs of a few megabytes, unmounted on drop. Needs root (or CAP_SYS_ADMIN).
struct SmallDisk(std::path::PathBuf);

impl SmallDisk {
    fn mount(dir: &std::path::Path, size: &str) -> Option<Self> {
        std::fs::create_dir_all(dir).ok()?;
        let status = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(dir)
            .stderr(std::process::Stdio::null())
            .status()
            .ok()?;
        status.success().then(|| Self(dir.to_path_buf()))
    }

    fn grow(&self, size: &str) {
        self.remount(&format!("remount,size={size}"));
    }

    fn remount(&self, options: &str) {
        let status = std::process::Command::new("mount")
            .args(["-o", options])
            .arg(&self.0)
            .status()
            .expect("remount");
        assert!(status.success());
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_fails_cleanly_and_the_run_resumes_once_there_is_room() {
    let t = TestDir::new();
    let Some(disk) = SmallDisk::mount(&t.path().join("disk"), "1M") else {
        eprintln!("cannot mount a tmpfs here (not root?): full-disk behaviour not tested");
        return;
    };
    t.write("night.jsonl", big_dump(3_000));
    let db = disk.0.join("archive.db");
    let ingest = |extra: &[&str]| {
        let mut cmd = assert_cmd::Command::cargo_bin("newsdedup").expect("bin");
        cmd.current_dir(t.path())
            .arg("--db")
            .arg(&db)
            .args(["ingest", "night.jsonl"])
            .args(extra);
        run(&mut cmd)
    };
    let full = ingest(&[]);
    assert_eq!(full.code, 1, "{}", full.stderr);
    assert!(full.stderr.contains("disk is full"), "{}", full.stderr);
    disk.grow("64M");
    let verify = run(assert_cmd::Command::cargo_bin("newsdedup")
        .expect("bin")
        .arg("--db")
        .arg(&db)
        .arg("verify"));
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
    let again = ingest(&["--json"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    let stats = run(assert_cmd::Command::cargo_bin("newsdedup")
        .expect("bin")
        .arg("--db")
        .arg(&db)
        .args(["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_str(&stats.stdout).expect("json");
    assert_eq!(stats["articles"], 3_000);
}

#[test]
fn read_only_media_refuse_writers_clearly_and_serve_readers() {
    let t = TestDir::new();
    let Some(disk) = SmallDisk::mount(&t.path().join("disk"), "8M") else {
        eprintln!("cannot mount a tmpfs here (not root?): read-only media not tested");
        return;
    };
    let db = disk.0.join("archive.db");
    let newsdedup = |args: &[&str]| {
        let mut cmd = assert_cmd::Command::cargo_bin("newsdedup").expect("bin");
        cmd.current_dir(t.path()).arg("--db").arg(&db).args(args);
        run(&mut cmd)
    };
    t.write("a.jsonl", good("a"));
    t.write("b.jsonl", good("b"));
    assert_eq!(newsdedup(&["ingest", "a.jsonl"]).code, 0);
    disk.remount("remount,ro");
    let refused = newsdedup(&["ingest", "b.jsonl"]);
    assert_eq!(refused.code, 1);
    assert!(
        refused.stderr.contains("Read-only file system"),
        "{}",
        refused.stderr
    );
    let stats = newsdedup(&["stats", "--json"]);
    assert_eq!(stats.code, 0, "{}", stats.stderr);
    assert!(stats.stdout.contains("\"articles\":1"), "{}", stats.stdout);
    assert_eq!(newsdedup(&["verify"]).code, 0);
    assert_eq!(newsdedup(&["export"]).stdout.lines().count(), 1);
}

/// A body copied again batches after its first copy is stored once and reads back whole: later
/// batches do not compress again what an earlier one stored, and what they skip must never be
/// a body the archive lacks.
#[test]
fn copies_batches_apart_share_one_stored_body() {
    let t = TestDir::new();
    let stories: Vec<String> = (0..3)
        .map(|s| {
            format!(
                "Story {s} is the wire copy that every affiliate reprints. \
                 It runs to three sentences so that it is a real body. Officials said {s}00 people came."
            )
        })
        .collect();
    // Ten batches of 2,000 records; batch k opens with story k % 3, so each story recurs
    // three batches after its last copy.
    let feed: String = (0..20_000)
        .map(|i| {
            let body = if i % 2_000 == 0 {
                stories[(i / 2_000) % 3].clone()
            } else {
                format!("Filler {i} has a body of its own, long enough to keep.")
            };
            format!("{{\"id\": \"r{i}\", \"body\": \"{body}\"}}\n")
        })
        .collect();
    t.write("night.jsonl", feed);
    let out = t.run(&["ingest", "night.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stats = t.stats();
    assert_eq!(stats["articles"], 20_000);
    assert_eq!(stats["bodies"], 19_990 + 3);
    let rows = t.export(true);
    for k in 0..10 {
        let id = format!("r{}", k * 2_000);
        let row = rows
            .iter()
            .find(|r| r["external_id"] == id.as_str())
            .unwrap_or_else(|| panic!("no article {id}"));
        assert_eq!(row["text"], stories[k % 3].as_str(), "{id}");
    }
    let out = t.run(&["verify"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

/// Affiliates reprint a story with other quotes or paragraph breaks: the same body to the
/// fingerprint, another clean text. A copy compressed against tonight's text of such a story,
/// which the archive already holds in last night's text, must not be stored as if compressed
/// against last night's.
#[test]
fn an_archive_from_schema_7_is_upgraded_and_finds_its_bodies_without_the_hash_index() {
    let t = TestDir::new();
    let story = |s: usize| {
        format!(
            "Story {s} is the wire copy that every affiliate reprints. It runs to three \
             sentences so that it is a real body. Officials said {s}00 people came."
        )
    };
    let night = |name: &str, from: usize| {
        let feed: String = (from..from + 50)
            .map(|s| format!("{{\"id\": \"{name}-{s}\", \"body\": \"{}\"}}\n", story(s)))
            .collect();
        t.write(&format!("{name}.jsonl"), feed);
    };
    night("first", 0);
    let out = t.run(&["ingest", "first.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // Put the archive back as schema 7 left it: `bodies` with its unique index by hash, and no
    // index blocks.
    {
        let conn = rusqlite::Connection::open(t.db()).expect("open");
        conn.pragma_update(None, "foreign_keys", "OFF")
            .expect("off");
        conn.execute_batch(
            "BEGIN;
             CREATE TABLE bodies_v7 (
                 id         INTEGER PRIMARY KEY,
                 sha256     BLOB NOT NULL UNIQUE,
                 simhash    INTEGER NOT NULL,
                 words      INTEGER NOT NULL,
                 text_bytes INTEGER NOT NULL,
                 cluster_id INTEGER NOT NULL REFERENCES clusters(id),
                 relation   TEXT NOT NULL
                            CHECK (relation = 'exact' OR relation = 'near' OR relation = 'contained'),
                 similarity REAL NOT NULL,
                 anchors    BLOB
             ) STRICT;
             INSERT INTO bodies_v7 SELECT * FROM bodies;
             DROP TABLE bodies;
             ALTER TABLE bodies_v7 RENAME TO bodies;
             CREATE INDEX bodies_cluster ON bodies(cluster_id);
             DROP TABLE index_blocks;
             PRAGMA user_version = 7;
             COMMIT;",
        )
        .expect("schema 7");
    }
    // The next night copies half of the first night's stories and brings new ones.
    night("second", 25);
    let out = t.run(&["ingest", "second.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    let (version, unique): (i64, i64) = conn
        .query_row(
            "SELECT (SELECT user_version FROM pragma_user_version),
                    (SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_bodies_1')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("schema");
    assert_eq!((version, unique), (9, 0));
    // The 25 copies were found in the archive by id: one body each, both articles on it.
    let stats = t.stats();
    assert_eq!(stats["articles"], 100);
    assert_eq!(stats["bodies"], 75);
    let out = t.run(&["verify"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn a_copy_is_never_stored_against_another_text_of_the_same_body() {
    let t = TestDir::new();
    let paragraphs = [
        "The Marlow county water board voted on Thursday to replace the pumps at the Alder Creek \
         station, the oldest in the district, after two failures this summer left the east side \
         without pressure for most of a weekend.",
        "“We cannot keep patching equipment that was installed before most of our staff were \
         born,” said board chair Renata Oduya. The new pumps will cost $4.2 million, drawn from \
         a reserve the board set aside in 2023 for exactly this kind of repair.",
        "Work is to begin in March and take about eleven weeks. During that time the district \
         will run a temporary line from the Birch Road reservoir, and residents may notice lower \
         pressure in the early morning hours.",
        "The board also approved a study of the station's intake, which engineers say draws \
         more silt each year as the creek bed shifts downstream of the old mill dam.",
    ];
    let curly = paragraphs.join("\n\n");
    let straight = curly.replace(['“', '”'], "\"").replace('’', "'");
    let longer = format!(
        "{straight}\n\nResidents can comment on the plan at the board's meeting on the second \
         Tuesday of January, held at the district office on Quarry Lane."
    );
    let line = |id: &str, body: &str| serde_json::json!({"id": id, "body": body}).to_string();
    t.write("night1.jsonl", line("wire-1", &curly) + "\n");
    assert_eq!(t.run(&["ingest", "night1.jsonl"]).code, 0);
    t.write(
        "night2.jsonl",
        [line("affiliate-1", &straight), line("affiliate-2", &longer)].join("\n") + "\n",
    );
    let out = t.run(&["ingest", "night2.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let stats = t.stats();
    assert_eq!(
        stats["bodies"], 2,
        "the straight-quoted reprint is an exact copy"
    );
    let out = t.run(&["verify"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    let rows = t.export(true);
    let text = |id: &str| {
        rows.iter()
            .find(|r| r["external_id"] == id)
            .unwrap_or_else(|| panic!("no article {id}"))["text"]
            .as_str()
            .expect("text")
            .to_string()
    };
    assert_eq!(text("affiliate-2"), longer);
    assert_eq!(text("wire-1"), curly);
}
