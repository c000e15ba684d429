//! `TestDir`: a temporary directory with an archive in it, and helpers to run the binary there.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// The repository's bundled corpus.
pub fn sample_articles() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/articles")
}

pub fn sample_labels() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/expected-clusters.jsonl")
}

pub struct TestDir {
    dir: tempfile::TempDir,
}

/// What a finished command left behind.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl TestDir {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("tempdir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("archive.db")
    }

    /// Write a file (creating parent directories) and return its path.
    pub fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(&path, bytes).expect("write");
        path
    }

    /// `newsdedup --db <archive> ARGS...`, run in this directory.
    pub fn cmd(&self, args: &[&str]) -> Command {
        let mut cmd = Command::cargo_bin("newsdedup").expect("binary");
        cmd.current_dir(self.dir.path())
            .env_remove("NEWSDEDUP_DB")
            .arg("--db")
            .arg(self.db())
            .args(args);
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        run(&mut self.cmd(args))
    }

    /// Export every copy (or canonical rows only) as parsed JSON rows.
    pub fn export(&self, all: bool) -> Vec<Value> {
        let args: &[&str] = if all {
            &["export", "--all"]
        } else {
            &["export"]
        };
        let out = self.run(args);
        assert_eq!(out.code, 0, "export failed: {}", out.stderr);
        out.stdout
            .lines()
            .map(|l| serde_json::from_str(l).expect("json row"))
            .collect()
    }

    /// `stats --json`, parsed; and the archive has no two bodies with one SHA-256 (the
    /// archive has no unique index on it: the pipeline keeps bodies apart, and every test
    /// that looks at the stats checks that it did).
    pub fn stats(&self) -> Value {
        let out = self.run(&["stats", "--json"]);
        assert_eq!(out.code, 0, "stats failed: {}", out.stderr);
        let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
        let conn = rusqlite::Connection::open_with_flags(self.db(), flags).expect("open");
        let shared: i64 = conn
            .query_row(
                "SELECT count(*) FROM (SELECT 1 FROM bodies GROUP BY sha256 HAVING count(*) > 1)",
                [],
                |r| r.get(0),
            )
            .expect("duplicate hashes");
        assert_eq!(shared, 0, "bodies share a SHA-256");
        serde_json::from_str(&out.stdout).expect("stats json")
    }
}

pub fn run(cmd: &mut Command) -> Run {
    let out = cmd.output().expect("run newsdedup");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

/// Records of the inputs committed so far, read as another process would (0 before the
/// archive exists; never creates it).
pub fn records_done(t: &TestDir) -> u64 {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    rusqlite::Connection::open_with_flags(t.db(), flags)
        .and_then(|c| {
            c.query_row(
                "SELECT coalesce(max(records_done), 0) FROM inputs",
                [],
                |r| r.get::<_, i64>(0),
            )
        })
        .map_or(0, |n| n as u64)
}

/// `newsdedup --db <archive> -q ingest FILE`, started in the background.
pub fn spawn_ingest(t: &TestDir, file: &str) -> std::process::Child {
    spawn_ingest_with(t, &[file])
}

/// [`spawn_ingest`] with more arguments to `ingest`.
pub fn spawn_ingest_with(t: &TestDir, args: &[&str]) -> std::process::Child {
    std::process::Command::new(assert_cmd::cargo::cargo_bin("newsdedup"))
        .current_dir(t.path())
        .arg("--db")
        .arg(t.db())
        .args(["-q", "ingest"])
        .args(args)
        .spawn()
        .expect("spawn newsdedup")
}
