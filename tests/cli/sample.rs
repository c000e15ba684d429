//! The bundled corpus end to end: ingest, export, stats, idempotency, flags.

use crate::support::{TestDir, run, sample_articles, sample_labels};
use serde_json::Value;
use std::collections::{BTreeSet, HashMap};

const CONTRACT_FIELDS: [&str; 15] = [
    "id",
    "external_id",
    "origin",
    "url",
    "title",
    "authors",
    "section",
    "source",
    "published",
    "cluster_id",
    "canonical",
    "relation",
    "similarity",
    "copies",
    "text",
];

fn ingested() -> TestDir {
    let t = TestDir::new();
    let out = t.run(&["ingest", sample_articles().to_str().expect("utf8 path")]);
    assert_eq!(out.code, 0, "ingest failed: {}", out.stderr);
    t
}

/// A gold label's id is a JSONL record's id, or a text file's path under sample-data/.
fn row_for<'a>(rows: &'a [Value], id: &str) -> &'a Value {
    rows.iter()
        .find(|r| r["external_id"] == id || r["origin"].as_str().is_some_and(|o| o.ends_with(id)))
        .unwrap_or_else(|| panic!("no exported row for {id}"))
}

/// Clusters of the exported rows, keyed by gold story label.
fn clusters_by_label(rows: &[Value]) -> HashMap<String, BTreeSet<i64>> {
    let labels = std::fs::read_to_string(sample_labels()).expect("labels");
    let mut found: HashMap<String, BTreeSet<i64>> = HashMap::new();
    for line in labels.lines() {
        let label: Value = serde_json::from_str(line).expect("label json");
        let id = label["id"].as_str().expect("id");
        let cluster = row_for(rows, id)["cluster_id"]
            .as_i64()
            .expect("cluster id");
        found
            .entry(label["cluster"].as_str().expect("cluster").to_string())
            .or_default()
            .insert(cluster);
    }
    found
}

#[test]
fn sample_corpus_ingests_into_exactly_the_expected_clusters() {
    let t = ingested();
    let stats = t.stats();
    assert_eq!(stats["articles"], 49);
    assert_eq!(stats["bodies"], 30);
    assert_eq!(stats["clusters"], 21);
    assert!(stats["stored_body_bytes"].as_u64() < stats["body_bytes"].as_u64());

    let rows = t.export(true);
    assert_eq!(rows.len(), 49);
    // Every story's copies — boilerplate, exact, trimmed, edited — in one cluster; the
    // templated reports (earnings briefs, forecasts) each in their own.
    let found = clusters_by_label(&rows);
    assert_eq!(found.len(), 21);
    for (story, clusters) in &found {
        assert_eq!(
            clusters.len(),
            1,
            "{story} split over clusters {clusters:?}"
        );
    }
    let distinct: BTreeSet<i64> = found.values().flatten().copied().collect();
    assert_eq!(distinct.len(), 21, "two stories merged into one cluster");
    // Trimmed copies are contained in their canonical.
    let labels = std::fs::read_to_string(sample_labels()).expect("labels");
    for line in labels.lines() {
        let label: Value = serde_json::from_str(line).expect("label");
        let row = row_for(&rows, label["id"].as_str().expect("id"));
        if label["kind"] == "trimmed" {
            assert_eq!(row["relation"], "contained", "{label}");
        }
    }
}

#[test]
fn export_rows_carry_exactly_the_contract_fields() {
    let t = ingested();
    let rows = t.export(false);
    assert_eq!(rows.len(), 21);
    for row in &rows {
        let keys: Vec<&str> = row
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        let mut expected = CONTRACT_FIELDS.to_vec();
        expected.sort_unstable();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, expected);
        assert_eq!(row["canonical"], true);
        assert_eq!(row["relation"], "original");
        assert!(!row["text"].as_str().expect("text").is_empty());
    }
    // Field order is part of the contract too.
    let out = t.run(&["export"]);
    let first = out.stdout.lines().next().expect("a row");
    let positions: Vec<usize> = CONTRACT_FIELDS
        .iter()
        .map(|f| first.find(&format!("\"{f}\":")).expect("field"))
        .collect();
    assert!(
        positions.windows(2).all(|w| w[0] < w[1]),
        "fields out of order: {first}"
    );
    let copies: u64 = rows
        .iter()
        .map(|r| r["copies"].as_u64().expect("copies"))
        .sum();
    assert_eq!(copies, 49);
}

#[test]
fn boilerplate_is_gone_from_exported_text() {
    let t = ingested();
    for row in t.export(true) {
        let text = row["text"].as_str().expect("text");
        for marker in [
            "All rights reserved",
            "Posted Updated",
            "(CNN)",
            "(AP)",
            "Advertisement",
            "Sign up for",
        ] {
            assert!(
                !text.contains(marker),
                "{marker:?} left in {}",
                row["origin"]
            );
        }
        assert!(!text.starts_with("By "), "byline left in {}", row["origin"]);
    }
}

#[test]
fn reingesting_is_a_no_op() {
    let t = ingested();
    let before = t.run(&["export", "--all"]).stdout;
    let again = t.run(&["ingest", sample_articles().to_str().expect("path")]);
    assert_eq!(again.code, 0);
    assert!(
        again.stderr.contains("ingested 0 articles"),
        "{}",
        again.stderr
    );
    assert!(
        again.stderr.contains("26 inputs already ingested"),
        "{}",
        again.stderr
    );
    assert_eq!(t.stats()["articles"], 49);
    assert_eq!(t.run(&["export", "--all"]).stdout, before);
}

#[test]
fn changed_file_at_the_same_path_is_read_again() {
    let t = TestDir::new();
    let path = t.write(
        "feed.jsonl",
        "{\"id\": \"a\", \"body\": \"First story text.\"}\n",
    );
    assert_eq!(t.run(&["ingest", path.to_str().expect("p")]).code, 0);
    t.write("feed.jsonl", "{\"id\": \"a\", \"body\": \"First story text.\"}\n{\"id\": \"b\", \"body\": \"Second.\"}\n");
    assert_eq!(t.run(&["ingest", path.to_str().expect("p")]).code, 0);
    let stats = t.stats();
    assert_eq!(
        (stats["articles"].as_u64(), stats["bodies"].as_u64()),
        (Some(3), Some(2))
    );
}

#[test]
fn same_archive_for_any_thread_count() {
    let one = TestDir::new();
    let two = TestDir::new();
    let src = sample_articles();
    let src = src.to_str().expect("path");
    assert_eq!(one.run(&["ingest", "--threads", "1", src]).code, 0);
    assert_eq!(two.run(&["ingest", "--threads", "2", src]).code, 0);
    assert_eq!(
        one.run(&["export", "--all"]).stdout,
        two.run(&["export", "--all"]).stdout
    );
}

/// `n` articles over several batches: stories of pseudo-random sentences, and 2,500 articles
/// later (a later batch) a trimmed copy, an edited copy and a longer version of some of them,
/// so matching, takeovers and profile fetching all cross batch boundaries.
fn syndicated_dump(n: usize) -> String {
    const WORDS: [&str; 24] = [
        "council", "bridge", "voted", "river", "mayor", "storm", "school", "budget", "court",
        "police", "county", "repairs", "winter", "transit", "hospital", "report", "harbor",
        "union", "strike", "ferry", "museum", "grant", "flood", "zoning",
    ];
    let paragraph = |story: usize, p: usize| {
        let mut s = (story * 31 + p) as u64 + 7;
        (0..30)
            .map(|_| {
                s = s
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                WORDS[(s >> 59) as usize % WORDS.len()]
            })
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut out = String::new();
    for i in 0..n {
        let (story, paragraphs): (usize, Vec<String>) = match (i >= 2_500, i % 4) {
            (true, 1) => (i - 2_500, (0..5).map(|p| paragraph(i - 2_500, p)).collect()),
            (true, 2) => {
                let mut ps: Vec<String> = (0..8).map(|p| paragraph(i - 2_500, p)).collect();
                ps[3] = ps[3].replacen("council", "board", 1);
                (i - 2_500, ps)
            }
            (true, 3) => (
                i - 2_500,
                (0..10).map(|p| paragraph(i - 2_500, p)).collect(),
            ),
            _ => (i, (0..8).map(|p| paragraph(i, p)).collect()),
        };
        let body = paragraphs.join("\\n\\n");
        out.push_str(&format!(
            "{{\"id\": \"r{i}\", \"title\": \"Story {story}\", \"body\": \"{body}\"}}\n"
        ));
    }
    out
}

#[test]
fn same_archive_for_any_thread_count_across_batches() {
    let dump = syndicated_dump(6_000);
    let lines: Vec<&str> = dump.lines().collect();
    // Two nights: the second's copies of the first's stories are matched against the archive,
    // while its first batches are prepared as the archive's index loads.
    let (first, second) = (lines[..1_000].join("\n"), lines[1_000..].join("\n"));
    let (exports, frames): (Vec<String>, Vec<Vec<Frame>>) = ["1", "2", "3"]
        .iter()
        .map(|threads| {
            let t = TestDir::new();
            for (name, night) in [("first.jsonl", &first), ("second.jsonl", &second)] {
                let path = t.write(name, night);
                let path = path.to_str().expect("path");
                assert_eq!(t.run(&["ingest", "--threads", threads, path]).code, 0);
            }
            // Origins name the file: compare without each run's own directory.
            let dir = t.path().to_str().expect("dir").to_string();
            (
                t.run(&["export", "--all"]).stdout.replace(&dir, "DIR"),
                frames(&t),
            )
        })
        .unzip();
    assert_eq!(exports[0], exports[1]);
    assert_eq!(exports[0], exports[2]);
    // The stored frames too: the dictionary is trained on the same bodies whatever the
    // thread count.
    assert!(
        frames[0].iter().any(|(_, id, _)| *id != 0),
        "a dictionary was trained and used"
    );
    assert!(
        frames[0].iter().any(|(_, _, base)| base.is_some()),
        "copies were compressed against other bodies"
    );
    assert_eq!(frames[0], frames[1]);
    assert_eq!(frames[0], frames[2]);
    // The copies did cross batches: far fewer clusters than articles.
    let canonical = exports[0]
        .lines()
        .filter(|l| l.contains("\"relation\":\"original\""))
        .count();
    assert!(canonical < 5_000, "{canonical} clusters for 6000 articles");
}

#[test]
fn same_archive_whether_the_index_loads_from_blocks_or_rows() {
    // Four nights; the later ones hold copies and longer versions of earlier stories, so the
    // runs change bodies inside stored blocks (and the blocks are dropped and written again).
    let dump = syndicated_dump(6_000);
    let lines: Vec<&str> = dump.lines().collect();
    let nights = [
        &lines[..1_000],
        &lines[1_000..2_600],
        &lines[2_600..4_000],
        &lines[4_000..],
    ];
    let runs: Vec<(String, Vec<Frame>, Vec<u64>)> = ["16384", "7", "300"]
        .iter()
        .map(|block| {
            let t = TestDir::new();
            let mut written = Vec::new();
            for (i, night) in nights.iter().enumerate() {
                let name = format!("night-{i}.jsonl");
                let path = t.write(&name, night.join("\n"));
                let path = path.to_str().expect("path");
                // Four scans at once, whatever the machine.
                let out = t.run(&[
                    "ingest",
                    "--json",
                    "--threads",
                    "4",
                    "--index-block-bodies",
                    block,
                    path,
                ]);
                assert_eq!(out.code, 0, "{}", out.stderr);
                let summary: serde_json::Value =
                    serde_json::from_str(out.stdout.trim()).expect("summary");
                written.push(summary["index_blocks_written"].as_u64().expect("blocks"));
                if i == 1 {
                    // Rewrites every body's fingerprints: every block is dropped.
                    let out = t.run(&["refingerprint"]);
                    assert_eq!(out.code, 0, "{}", out.stderr);
                    let conn = rusqlite::Connection::open(t.db()).expect("open");
                    let blocks: i64 = conn
                        .query_row("SELECT count(*) FROM index_blocks", [], |r| r.get(0))
                        .expect("count");
                    assert_eq!(blocks, 0);
                }
            }
            let verify = t.run(&["verify"]);
            assert_eq!(verify.code, 0, "{}", verify.stderr);
            // `stats` counts the blocks, and the bodies they hold.
            let stats = t.stats();
            let stored = stats["index_blocks"].as_u64().expect("blocks");
            let held = stats["index_block_bodies"].as_u64().expect("bodies");
            assert_eq!(stored > 0, written.iter().sum::<u64>() > 0, "{stats}");
            assert_eq!(
                stats["index_block_bytes"].as_u64().expect("bytes") > 0,
                stored > 0
            );
            assert!(held <= stats["bodies"].as_u64().expect("bodies"), "{stats}");
            assert!(stored == 0 || held > 0, "{stats}");
            let dir = t.path().to_str().expect("dir").to_string();
            (
                t.run(&["export", "--all"]).stdout.replace(&dir, "DIR"),
                frames(&t),
                written,
            )
        })
        .collect();
    // Nothing to write into an empty archive, nor in blocks larger than it.
    assert_eq!(runs[0].2, [0, 0, 0, 0]);
    assert_eq!(runs[1].2[0], 0);
    assert!(runs[1].2[1..].iter().all(|&n| n > 0), "{:?}", runs[1].2);
    assert!(runs[2].2.iter().sum::<u64>() > 0, "{:?}", runs[2].2);
    for run in &runs[1..] {
        assert!(run.0 == runs[0].0, "another export");
        assert!(run.1 == runs[0].1, "other frames");
    }
}

/// The texts of every article an export holds, sorted: what an archive reads back, whatever
/// the order and the way its bodies were stored.
fn sorted_texts(t: &TestDir) -> Vec<String> {
    let mut texts: Vec<String> = t
        .export(true)
        .iter()
        .map(|a| a["text"].as_str().expect("text").to_string())
        .collect();
    texts.sort();
    texts
}

/// `t`'s archive verifies, and reads back the texts one run of the whole `dump` stores,
/// however its bodies were compressed.
fn assert_sound_and_as_one_run(t: &TestDir, dump: &str) {
    let verify = t.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}", verify.stderr);
    let whole = TestDir::new();
    whole.write("all.jsonl", dump);
    assert_eq!(whole.run(&["ingest", "all.jsonl"]).code, 0);
    assert_eq!(sorted_texts(t), sorted_texts(&whole));
}

/// A stored body's frame, the zstd dictionary id in its header (0: none), and the body it is
/// compressed against, if any.
type Frame = (Vec<u8>, u32, Option<i64>);

/// Every stored frame, in body order.
fn frames(t: &TestDir) -> Vec<Frame> {
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    let mut stmt = conn
        .prepare("SELECT text_zstd, base_id FROM body_texts ORDER BY body_id")
        .expect("prepare");
    stmt.query_map([], |r| {
        Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, Option<i64>>(1)?))
    })
    .expect("query")
    .map(|row| {
        let (f, base) = row.expect("row");
        let id = zstd::zstd_safe::get_dict_id_from_frame(&f).map_or(0, |id| id.get());
        (f, id, base)
    })
    .collect()
}

/// The zstd ids of the archive's dictionaries, oldest first.
fn dictionaries(t: &TestDir) -> Vec<u32> {
    let conn = rusqlite::Connection::open(t.db()).expect("open");
    let mut stmt = conn
        .prepare("SELECT zstd_id FROM dictionaries ORDER BY id")
        .expect("prepare");
    stmt.query_map([], |r| r.get::<_, u32>(0))
        .expect("query")
        .map(|id| id.expect("row"))
        .collect()
}

#[test]
fn a_dictionary_is_trained_once_and_bodies_stored_before_it_still_read() {
    let t = TestDir::new();
    let dump = syndicated_dump(6_000);
    let lines: Vec<&str> = dump.lines().collect();
    // A first night too small to train on: plain frames.
    t.write("first.jsonl", lines[..400].join("\n"));
    assert_eq!(t.run(&["ingest", "first.jsonl"]).code, 0);
    assert!(dictionaries(&t).is_empty());
    let first = frames(&t);
    assert_eq!(first.len(), 400);
    assert!(first.iter().all(|(_, id, _)| *id == 0));

    // The second night trains one, on the stored bodies and its own, and uses it.
    t.write("second.jsonl", lines[400..3_000].join("\n"));
    assert_eq!(t.run(&["ingest", "second.jsonl"]).code, 0);
    let trained = dictionaries(&t);
    assert_eq!(trained.len(), 1);
    let second = frames(&t);
    assert_eq!(second[..400], first[..], "stored frames are not rewritten");
    // Every new body uses it, but those compressed against another body (which name no
    // dictionary).
    let new = &second[400..];
    let primed = new.iter().filter(|(_, id, _)| *id == trained[0]).count();
    let against = new
        .iter()
        .filter(|(_, id, base)| *id == 0 && base.is_some())
        .count();
    assert!(
        primed > 0 && against > 0,
        "{primed} with it, {against} against a body"
    );
    assert_eq!(primed + against, new.len(), "every new body uses it");

    // Later nights keep it.
    t.write("third.jsonl", lines[3_000..].join("\n"));
    assert_eq!(t.run(&["ingest", "third.jsonl"]).code, 0);
    assert_eq!(dictionaries(&t), trained);
    let third = frames(&t);
    assert!(
        third[second.len()..]
            .iter()
            .all(|(_, id, base)| *id == trained[0] || base.is_some())
    );

    // Bodies read back the same either way: as one run of the whole dump stores them.
    assert_sound_and_as_one_run(&t, &dump);

    // Without its dictionary, a body is reported unreadable, naming the dictionary.
    rusqlite::Connection::open(t.db())
        .and_then(|c| c.execute("DELETE FROM dictionaries", []))
        .expect("delete");
    let bad = t.run(&["verify"]);
    assert_eq!(bad.code, 1, "{}", bad.stderr);
    let missing = format!("compressed with dictionary {}", trained[0]);
    assert!(bad.stdout.contains(&missing), "{}", bad.stdout);
}

#[test]
fn json_summary_and_stats() {
    let t = TestDir::new();
    let out = t.run(&[
        "ingest",
        "--json",
        sample_articles().to_str().expect("path"),
    ]);
    let summary: Value = serde_json::from_str(&out.stdout).expect("summary json");
    assert_eq!(summary["articles_read"], 49);
    assert_eq!(summary["new_bodies"], 30);
    assert_eq!(summary["new_stories"], 21);
    assert_eq!(summary["exact_copies"], 19);
    assert_eq!(summary["near_copies"], 9);
    assert_eq!(summary["skipped"], 0);
    assert_eq!(summary["inputs"], 26);
    let table = t.run(&["stats"]).stdout;
    assert!(table.contains("articles           49"), "{table}");
}

#[test]
fn export_to_compressed_files() {
    let t = ingested();
    for name in ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"] {
        let out = t.run(&["export", "--out", name]);
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stderr.contains("exported 21 articles"),
            "{}",
            out.stderr
        );
        // Read it back through ingest's own decompression: same 21 rows.
        let check = TestDir::new();
        let back = check.run(&["ingest", "--json", t.path().join(name).to_str().expect("p")]);
        let summary: Value = serde_json::from_str(&back.stdout).expect("json");
        assert_eq!(summary["articles_read"], 21, "{name}: {}", back.stderr);
    }
}

#[test]
fn export_into_a_closed_pipe_is_not_an_error() {
    use std::io::{BufRead, BufReader};
    let t = ingested();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdedup"))
        .args(["--db", t.db().to_str().expect("p"), "export", "--all"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut first = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut first)
        .expect("line");
    assert!(first.starts_with("{\"id\":"));
    let status = child.wait().expect("wait");
    assert!(status.success(), "{status:?}");
}

#[test]
fn stdin_is_an_input() {
    let t = TestDir::new();
    let feed = "{\"id\": \"s1\", \"body\": \"A story read from stdin.\"}\n";
    let out = run(t.cmd(&["ingest", "-", "--json"]).write_stdin(feed));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows = t.export(false);
    assert_eq!(rows[0]["origin"], "<stdin>:1");
    assert_eq!(rows[0]["external_id"], "s1");
}

#[test]
fn field_flags_map_other_json_names() {
    let t = TestDir::new();
    let feed = t.write(
        "f.jsonl",
        "{\"guid\": \"g1\", \"story\": \"Mapped body.\", \"head\": \"Mapped title\"}\n",
    );
    let out = t.run(&[
        "ingest",
        "--field",
        "body=story",
        "--field",
        "title=head",
        "--field",
        "id=guid",
        feed.to_str().expect("p"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let row = &t.export(false)[0];
    assert_eq!(
        (row["title"].as_str(), row["external_id"].as_str()),
        (Some("Mapped title"), Some("g1"))
    );
    let bad = t.run(&[
        "ingest",
        "--field",
        "bodyy=story",
        feed.to_str().expect("p"),
    ]);
    assert_eq!(bad.code, 1);
    assert!(
        bad.stderr.contains("unknown field `bodyy`"),
        "{}",
        bad.stderr
    );
}

#[test]
fn rules_file_adds_and_disables_rules() {
    let t = TestDir::new();
    let feed = t.write(
        "f.jsonl",
        "{\"id\": \"1\", \"body\": \"Story paragraph.\\n\\nAdvertisement\\n\\nDownload the Lakeshore app today\"}\n",
    );
    let rules = t.write("rules.toml", "disable = [\"advertisement\"]\n[[rule]]\nid = \"app\"\naction = \"drop\"\npattern = \"^Download the Lakeshore app\"\n");
    let out = t.run(&[
        "ingest",
        "--rules",
        rules.to_str().expect("p"),
        feed.to_str().expect("p"),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        t.export(false)[0]["text"],
        "Story paragraph.\n\nAdvertisement"
    );
    let broken = t.write(
        "broken.toml",
        "[[rule]]\nid = \"x\"\naction = \"drop\"\npattern = \"(\"\n",
    );
    let out = t.run(&[
        "ingest",
        "--rules",
        broken.to_str().expect("p"),
        feed.to_str().expect("p"),
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("rule `x`: invalid pattern"),
        "{}",
        out.stderr
    );
}

#[test]
fn db_from_environment() {
    let t = TestDir::new();
    let feed = t.write("f.jsonl", "{\"body\": \"Env body.\"}\n");
    let mut cmd = assert_cmd::Command::cargo_bin("newsdedup").expect("bin");
    cmd.current_dir(t.path())
        .env("NEWSDEDUP_DB", t.path().join("env.db"))
        .args(["ingest", feed.to_str().expect("p")]);
    assert_eq!(run(&mut cmd).code, 0);
    assert!(t.path().join("env.db").exists());
}

#[test]
fn readers_on_a_missing_archive_fail_clearly() {
    let t = TestDir::new();
    let out = t.run(&["stats"]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no archive at"), "{}", out.stderr);
    assert!(!t.db().exists());
}

#[test]
fn help_teaches_the_commands() {
    let t = TestDir::new();
    let help = t.run(&["--help"]).stdout;
    for needle in ["ingest", "export", "stats", "--db", "Exit codes"] {
        assert!(help.contains(needle), "{needle} missing from --help");
    }
    let ingest = t.run(&["ingest", "--help"]).stdout;
    for needle in [
        "--strict",
        "--field",
        "--rules",
        "--max-record-bytes",
        "path:line: reason",
    ] {
        assert!(
            ingest.contains(needle),
            "{needle} missing from ingest --help"
        );
    }
}

/// The scraped article the format was designed from, when the shared examples are beside
/// the checkout (they are not part of the repository).
#[test]
fn seed_article_parses_as_designed_when_present() {
    let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/examples/seed-article.txt");
    if !seed.exists() {
        eprintln!("seed article not present; skipped");
        return;
    }
    let t = TestDir::new();
    assert_eq!(t.run(&["ingest", seed.to_str().expect("p")]).code, 0);
    let row = &t.export(false)[0];
    assert_eq!(
        row["title"],
        "Sessions receives message of support from Trump after new report of past turmoil"
    );
    assert_eq!(row["authors"][0], "Laura Jarrett");
    let text = row["text"].as_str().expect("text");
    assert!(text.starts_with("Attorney General Jeff Sessions received"));
    assert_eq!(
        text.matches("Attorney General Jeff Sessions received a message")
            .count(),
        1
    );
    for gone in ["Political News", "Posted", "Updated", "By", "Copyright"] {
        assert!(!text.contains(gone), "{gone} in body");
    }
}

/// Paragraph `p` of story `story`: 40 pseudo-random words, different for every story.
fn story_paragraph(story: u64, p: u64) -> String {
    const WORDS: [&str; 32] = [
        "council", "bridge", "voted", "river", "mayor", "storm", "school", "budget", "court",
        "police", "county", "repairs", "winter", "transit", "hospital", "report", "harbor",
        "union", "strike", "ferry", "museum", "grant", "flood", "zoning", "senate", "airport",
        "library", "tariff", "drought", "census", "pension", "stadium",
    ];
    let mut s = story * 1_000 + p + 17;
    (0..40)
        .map(|_| {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            WORDS[(s >> 59) as usize]
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Paragraphs `ps` of story `n`, as a JSON-escaped body.
fn story(n: u64, ps: std::ops::Range<u64>) -> String {
    ps.map(|p| story_paragraph(n, p))
        .collect::<Vec<_>>()
        .join("\\n\\n")
}

/// A JSONL dump of `(id, body)` records.
fn dump_of(records: &[(&str, String)]) -> String {
    records
        .iter()
        .map(|(id, body)| format!("{{\"id\": \"{id}\", \"body\": \"{body}\"}}\n"))
        .collect()
}

/// Cluster ids by external id, from `export --all`.
fn clusters_by_id(t: &TestDir) -> HashMap<String, u64> {
    t.export(true)
        .iter()
        .map(|a| {
            (
                a["external_id"].as_str().expect("id").to_string(),
                a["cluster_id"].as_u64().expect("cluster"),
            )
        })
        .collect()
}

#[test]
fn a_cluster_merged_away_does_not_capture_the_next_new_story() {
    let mut edited = story(2, 0..8);
    edited = edited.replacen("council", "commission", 1);
    let records = [
        // Two halves of story 1 arrive first: two clusters, 1 and 2.
        ("first-half", story(1, 0..4)),
        ("second-half", story(1, 4..8)),
        // The whole story contains both: cluster 2 is merged into 1 and dropped.
        ("whole", story(1, 0..8)),
        // A new story: a new cluster, which must not take the dropped cluster's place...
        ("other", story(2, 0..8)),
        // ...or its copies would be sent to the cluster 2 was merged into.
        ("other-edited", edited),
    ];
    let t = TestDir::new();
    t.write("night.jsonl", dump_of(&records));
    let out = t.run(&["ingest", "night.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let cluster = clusters_by_id(&t);
    assert_eq!(cluster["first-half"], cluster["whole"], "{cluster:?}");
    assert_eq!(cluster["second-half"], cluster["whole"], "{cluster:?}");
    assert_ne!(cluster["other"], cluster["whole"], "{cluster:?}");
    assert_eq!(cluster["other-edited"], cluster["other"], "{cluster:?}");
    let verify = t.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
}

#[test]
fn an_exact_copy_taking_over_after_a_merge_stays_in_its_own_cluster() {
    let line = |id: &str, body: String, published: &str| {
        format!("{{\"id\": \"{id}\", \"body\": \"{body}\", \"published\": \"{published}\"}}\n")
    };
    let night = [
        // Clusters 1 and 2, then 2 merged into 1 by the whole story.
        line("first-half", story(1, 0..4), "2026-11-27T10:00:00Z"),
        line("second-half", story(1, 4..8), "2026-11-27T10:00:00Z"),
        line("whole", story(1, 0..8), "2026-11-27T10:00:00Z"),
        // A new story, and an exact copy of it published earlier: the copy takes over as its
        // canonical. Were the merged-away id given to the new story, the copy would be sent
        // to the cluster that id was merged into and become its canonical there, with a body
        // in another cluster.
        line("other", story(2, 0..8), "2026-11-27T12:00:00Z"),
        line("other-copy", story(2, 0..8), "2026-11-27T08:00:00Z"),
    ]
    .concat();
    let t = TestDir::new();
    t.write("night.jsonl", night);
    let out = t.run(&["ingest", "night.jsonl"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let cluster = clusters_by_id(&t);
    assert_eq!(cluster["second-half"], cluster["whole"], "{cluster:?}");
    assert_eq!(cluster["other-copy"], cluster["other"], "{cluster:?}");
    assert_ne!(cluster["other"], cluster["whole"], "{cluster:?}");
    let canonical: HashMap<u64, String> = t
        .export(false)
        .iter()
        .map(|a| {
            let id = a["external_id"].as_str().expect("id").to_string();
            (a["cluster_id"].as_u64().expect("cluster"), id)
        })
        .collect();
    assert_eq!(canonical.len(), 2, "{canonical:?}");
    assert_eq!(canonical[&cluster["other"]], "other-copy", "{canonical:?}");
    assert_ne!(canonical[&cluster["whole"]], "other-copy", "{canonical:?}");
    let verify = t.run(&["verify"]);
    assert_eq!(verify.code, 0, "{}{}", verify.stdout, verify.stderr);
}

#[test]
fn a_merged_away_cluster_id_is_not_given_out_again_in_a_later_run() {
    let t = TestDir::new();
    t.write(
        "monday.jsonl",
        dump_of(&[
            ("first-half", story(1, 0..4)),
            ("second-half", story(1, 4..8)),
            ("whole", story(1, 0..8)),
        ]),
    );
    assert_eq!(t.run(&["ingest", "monday.jsonl"]).code, 0);
    let monday = clusters_by_id(&t);
    assert_eq!(monday["second-half"], monday["whole"], "merged: {monday:?}");
    assert_eq!(t.stats()["clusters"], 1);
    // Clusters 1 and 2 were given out on Monday; 2 was merged away.
    t.write("tuesday.jsonl", dump_of(&[("other", story(2, 0..8))]));
    assert_eq!(t.run(&["ingest", "tuesday.jsonl"]).code, 0);
    let tuesday = clusters_by_id(&t);
    assert_eq!(tuesday["other"], 3, "{tuesday:?}");
}

/// Copies of last night's stories that come tonight are compressed against the archived
/// stories, and read back as one run of both nights stores them.
#[test]
fn late_copies_are_compressed_against_the_archived_story() {
    let dump = syndicated_dump(5_000);
    let lines: Vec<&str> = dump.lines().collect();
    // The copies come 2,500 articles after their story: all of them in the second night.
    let t = TestDir::new();
    t.write("first.jsonl", lines[..2_500].join("\n"));
    assert_eq!(t.run(&["ingest", "first.jsonl"]).code, 0);
    let archived = t.stats()["bodies"].as_i64().expect("bodies");
    t.write("second.jsonl", lines[2_500..].join("\n"));
    assert_eq!(t.run(&["ingest", "second.jsonl"]).code, 0);
    let against_archived = frames(&t)
        .iter()
        .skip(archived as usize)
        .filter(|(_, _, base)| base.is_some_and(|b| b <= archived))
        .count();
    assert!(
        against_archived > 1_000,
        "{against_archived} of tonight's bodies compressed against an archived story"
    );
    assert_sound_and_as_one_run(&t, &dump);
}
