//! Killing an ingest at any point leaves an archive that the next run completes into exactly
//! what one clean run produces.

use crate::support::{TestDir, records_done, spawn_ingest_with};
use std::fmt::Write as _;
use std::time::Duration;

/// A deterministic dump: `n` articles of pseudo-random words, every fifth an exact copy and
/// every fifth a trimmed copy of the story before it (stored compressed against that story,
/// across the kills too).
fn dump(n: usize) -> String {
    const WORDS: [&str; 16] = [
        "council", "bridge", "voted", "river", "mayor", "storm", "school", "budget", "court",
        "police", "county", "repairs", "winter", "transit", "hospital", "report",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut out = String::new();
    for i in 0..n {
        let story = match i % 5 {
            3 => i - 1,
            4 => i - 2,
            _ => i,
        };
        let words = if i % 5 == 3 { 120 } else { 200 };
        state = state.wrapping_add(story as u64);
        let mut body = String::new();
        let mut s = story as u64 + 1;
        for w in 0..words {
            s = s
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            body.push_str(WORDS[(s >> 60) as usize]);
            body.push_str(if w % 40 == 39 { ".\\n\\n" } else { " " });
        }
        writeln!(
            out,
            "{{\"id\": \"r{i}\", \"title\": \"Story {story}\", \"body\": \"{body}\"}}"
        )
        .expect("write");
    }
    out
}

#[test]
fn killed_ingests_resume_into_the_same_archive_as_one_clean_run() {
    // Commits come every 12,000 records (six batches of 2,000): two commits, then the rest.
    let data = dump(30_000);
    let clean = TestDir::new();
    clean.write("night.jsonl", &data);
    assert_eq!(clean.run(&["ingest", "night.jsonl"]).code, 0);
    let expected = clean.run(&["export", "--all"]).stdout;
    assert_eq!(expected.lines().count(), 30_000);

    let t = TestDir::new();
    t.write("night.jsonl", &data);
    // Index blocks of 500 bodies: each resumed run reads those the run before stored, and
    // stores more, so kills land in those writes too.
    let args = ["--index-block-bodies", "500", "night.jsonl"];
    // Kill once before anything is committed, then twice after some batches are.
    for committed in [0, 12_000, 24_000] {
        let mut child = spawn_ingest_with(&t, &args);
        while committed > 0
            && records_done(&t) < committed
            && child.try_wait().expect("poll").is_none()
        {
            std::thread::sleep(Duration::from_millis(10));
        }
        // SIGKILL: no cleanup of any kind runs in the child.
        child.kill().expect("kill");
        child.wait().expect("reap");
        assert!(
            records_done(&t) < 30_000,
            "the run finished before it was killed"
        );
    }
    let out = t.run(&[&["ingest"][..], &args].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(t.run(&["export", "--all"]).stdout, expected);
    let stats = t.stats();
    assert!(stats["index_blocks"].as_u64() > Some(0), "{stats}");
    assert_eq!(stats["articles"], 30_000);
    assert_eq!(stats["bodies"], clean.stats()["bodies"]);
    assert_eq!(stats["incomplete_inputs"], 0);
    let out = t.run(&["verify"]);
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}
