//! Discover inputs: expand the paths given to `ingest` into a sorted list of files.
//!
//! - a file is taken as given, whatever its name;
//! - a directory is walked recursively (symlinks followed, loops reported), taking files with an
//!   article extension (`.txt`, `.jsonl`, `.ndjson`, `.json`, optionally `.gz`/`.zst`) and
//!   skipping hidden entries, so a README or `.DS_Store` beside the dumps is not an input;
//! - a path that does not exist but contains `*`, `?` or `[` is a glob (for shells that don't
//!   expand, and for quoting in cron lines);
//! - `-` is stdin, spooled to a temporary file first: every input then has a size for the
//!   progress bar and a content hash for idempotent re-runs.

use super::RecordError;
use crate::model::Origin;
use rayon::prelude::*;
use sha2::{Digest, Sha256};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// How stdin is named in origins and messages.
pub const STDIN_NAME: &str = "<stdin>";

/// File extensions (before any compression suffix) taken from directories.
const ARTICLE_EXTENSIONS: &[&str] = &["txt", "text", "jsonl", "ndjson", "json"];
const COMPRESSION_EXTENSIONS: &[&str] = &["gz", "gzip", "zst", "zstd"];

/// One input file.
#[derive(Debug, Clone)]
pub struct Input {
    /// Where to read it from.
    pub path: PathBuf,
    /// How it is named in origins and messages (the path as given, or `<stdin>`).
    pub name: String,
    /// Size on disk (compressed size for compressed inputs).
    pub size: u64,
    /// Stable identity across runs: the absolute path (or `<stdin>`).
    pub key: String,
    /// Keeps a stdin spool file alive as long as the input is.
    _spool: Option<Arc<tempfile::NamedTempFile>>,
}

impl Input {
    /// The BLAKE3 of the raw bytes: an input's identity across runs (see [`ContentHashes`]).
    pub fn content_hash(&self) -> io::Result<[u8; 32]> {
        Ok(self.content_hashes(false)?.blake3)
    }

    /// The input's content hashes, in one read of it: BLAKE3, and SHA-256 as well if
    /// `legacy` (the archive identified inputs at this path by SHA-256).
    pub fn content_hashes(&self, legacy: bool) -> io::Result<ContentHashes> {
        let mut file = std::fs::File::open(&self.path)?;
        let mut blake3 = blake3::Hasher::new();
        let mut sha256 = legacy.then(Sha256::new);
        let mut buf = vec![0u8; 1 << 16];
        loop {
            let n = file.read(&mut buf)?;
            if n == 0 {
                return Ok(ContentHashes {
                    blake3: blake3.finalize().into(),
                    sha256: sha256.map(|h| h.finalize().into()),
                });
            }
            blake3.update(&buf[..n]);
            if let Some(h) = sha256.as_mut() {
                h.update(&buf[..n]);
            }
        }
    }
}

/// What identifies an input's content across runs. Inputs are registered by their BLAKE3
/// (3.5 times the speed of SHA-256 here, and as collision-resistant); archives built before
/// schema version 6 identified the inputs they had read by SHA-256, which is computed too
/// for a file at such a path, so that it is still recognized.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ContentHashes {
    pub blake3: [u8; 32],
    pub sha256: Option<[u8; 32]>,
}

/// Expand command-line paths into inputs; problems come back as errors beside them.
pub fn discover(args: &[String]) -> (Vec<Input>, Vec<RecordError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        if arg == "-" {
            match spool_stdin() {
                Ok(input) => inputs.push(input),
                Err(e) => errors.push(error(STDIN_NAME, format!("cannot read stdin: {e}"))),
            }
            continue;
        }
        let path = Path::new(arg);
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => walk(path, &mut inputs, &mut errors),
            Ok(meta) if meta.is_file() => {
                inputs.push(file_input(
                    path.to_path_buf(),
                    arg.clone(),
                    meta.len(),
                    None,
                ));
            }
            // A pipe (`<(zcat night.gz)`) or device can be read only once: spool it like stdin.
            Ok(_) => match std::fs::File::open(path).and_then(|f| spool(f, arg)) {
                Ok(input) => inputs.push(input),
                Err(e) => errors.push(error(arg, format!("cannot read: {e}"))),
            },
            Err(_) if arg.contains(['*', '?', '[']) => expand_glob(arg, &mut inputs, &mut errors),
            Err(e) => errors.push(error(arg, e.to_string())),
        }
    }
    (inputs, errors)
}

fn error(path: &str, reason: String) -> RecordError {
    RecordError::new(
        Origin {
            path: path.to_string(),
            line: None,
        },
        reason,
    )
}

/// An input at `path`, keyed by its canonical path: `key` if the caller knows it already.
fn file_input(path: PathBuf, name: String, size: u64, key: Option<String>) -> Input {
    let key = key.unwrap_or_else(|| {
        std::fs::canonicalize(&path).map_or_else(|_| name.clone(), |p| p.display().to_string())
    });
    Input {
        path,
        name,
        size,
        key,
        _spool: None,
    }
}

fn walk(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<RecordError>) {
    let walker = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    let mut directory = None;
    // Files found, each with its key if known, sized below.
    let mut found = Vec::new();
    for entry in walker {
        match entry {
            Ok(e) if e.file_type().is_file() && has_article_extension(e.path()) => {
                let key = (!e.path_is_symlink())
                    .then(|| key_in_directory(e.path(), &mut directory))
                    .flatten();
                found.push((e.into_path(), key));
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().unwrap_or(dir).display().to_string();
                let reason = match e.loop_ancestor() {
                    Some(a) => format!("symlink loop back to {}", a.display()),
                    None => e
                        .io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string()),
                };
                errors.push(error(&at, reason));
            }
        }
    }
    // Each size is a `stat` of the file's whole path; a plain-text dump is tens of thousands
    // of files, so they are taken in parallel (on the pool of the caller, if any).
    inputs.par_extend(found.into_par_iter().map(|(path, key)| {
        let size = std::fs::metadata(&path).map_or(0, |m| m.len());
        let name = path.display().to_string();
        file_input(path, name, size, key)
    }));
}

/// The canonical path of a walked file that is not a symlink: its directory's canonical path
/// and its own name. The directory is canonicalized once, not once per file (`last` holds the
/// one met last): a plain-text dump is often one file an article, and canonicalizing reads
/// every component's link.
fn key_in_directory(path: &Path, last: &mut Option<(PathBuf, Option<PathBuf>)>) -> Option<String> {
    let (parent, name) = (path.parent()?, path.file_name()?);
    if last.as_ref().is_none_or(|(d, _)| d != parent) {
        *last = Some((parent.to_path_buf(), std::fs::canonicalize(parent).ok()));
    }
    let canonical = last.as_ref()?.1.as_ref()?;
    Some(canonical.join(name).display().to_string())
}

/// Does a file name look like an article dump (`a.jsonl`, `b.txt.gz`, `c.ndjson.zst`)?
pub fn has_article_extension(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let mut parts = name.rsplit('.');
    let mut ext = parts.next().unwrap_or("");
    if COMPRESSION_EXTENSIONS.contains(&ext) {
        ext = parts.next().unwrap_or("");
    }
    name.contains('.') && ARTICLE_EXTENSIONS.contains(&ext)
}

fn expand_glob(pattern: &str, inputs: &mut Vec<Input>, errors: &mut Vec<RecordError>) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(e) => return errors.push(error(pattern, format!("invalid glob: {e}"))),
    };
    let before = inputs.len();
    for entry in paths {
        match entry {
            Ok(p) if p.is_dir() => walk(&p, inputs, errors),
            Ok(p) => {
                let size = std::fs::metadata(&p).map(|m| m.len()).unwrap_or(0);
                let name = p.display().to_string();
                inputs.push(file_input(p, name, size, None));
            }
            Err(e) => errors.push(error(
                &e.path().display().to_string(),
                e.error().to_string(),
            )),
        }
    }
    if inputs.len() == before {
        errors.push(error(pattern, "glob matched no files".to_string()));
    }
}

fn spool_stdin() -> io::Result<Input> {
    spool(io::stdin().lock(), STDIN_NAME)
}

/// Copy a stream that can be read only once into a temporary file.
fn spool(mut source: impl Read, name: &str) -> io::Result<Input> {
    let mut spool = tempfile::NamedTempFile::new()?;
    let size = io::copy(&mut source, spool.as_file_mut())?;
    Ok(Input {
        path: spool.path().to_path_buf(),
        name: name.to_string(),
        size,
        key: name.to_string(),
        _spool: Some(Arc::new(spool)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_extensions() {
        for yes in ["a.txt", "b.jsonl", "c.ndjson.gz", "d.TXT.ZST", "e.json"] {
            assert!(has_article_extension(Path::new(yes)), "{yes}");
        }
        for no in ["README.md", "a.gz", "txt", "notes.csv", "x.parquet"] {
            assert!(!has_article_extension(Path::new(no)), "{no}");
        }
    }

    #[test]
    fn directories_are_walked_sorted_skipping_hidden_and_other_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("b/.cache")).expect("mkdir");
        for f in [
            "b/2.txt",
            "a.jsonl",
            "README.md",
            "b/.cache/x.txt",
            ".hidden.txt",
            "b/1.txt.gz",
        ] {
            std::fs::write(root.join(f), "x").expect("write");
        }
        let (inputs, errors) = discover(&[root.display().to_string()]);
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<String> = inputs
            .iter()
            .map(|i| {
                i.path
                    .strip_prefix(root)
                    .expect("under root")
                    .display()
                    .to_string()
            })
            .collect();
        assert_eq!(names, ["a.jsonl", "b/1.txt.gz", "b/2.txt"]);
    }

    #[test]
    fn a_walked_file_is_keyed_by_its_canonical_path_through_symlinks_too() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path();
        std::fs::create_dir_all(root.join("real/sub")).expect("mkdir");
        std::fs::create_dir_all(root.join("feed")).expect("mkdir");
        std::fs::write(root.join("real/a.jsonl"), "{}").expect("write");
        std::fs::write(root.join("real/sub/b.txt"), "x").expect("write");
        std::fs::write(root.join("feed/c.txt"), "x").expect("write");
        // A linked file, a linked directory, and the feed walked through a linked path.
        std::os::unix::fs::symlink(root.join("real/a.jsonl"), root.join("feed/link.jsonl"))
            .expect("symlink");
        std::os::unix::fs::symlink(root.join("real/sub"), root.join("feed/linked-dir"))
            .expect("symlink");
        std::os::unix::fs::symlink(root.join("feed"), root.join("via")).expect("symlink");
        let (inputs, errors) = discover(&[root.join("via").display().to_string()]);
        assert!(errors.is_empty(), "{errors:?}");
        let keys: Vec<(String, String)> = inputs
            .iter()
            .map(|i| (i.name.clone(), i.key.clone()))
            .collect();
        let canonical = |p: &str| {
            std::fs::canonicalize(root.join(p))
                .expect("canonicalize")
                .display()
                .to_string()
        };
        let via = |p: &str| root.join("via").join(p).display().to_string();
        assert_eq!(
            keys,
            [
                (via("c.txt"), canonical("feed/c.txt")),
                (via("link.jsonl"), canonical("real/a.jsonl")),
                (via("linked-dir/b.txt"), canonical("real/sub/b.txt")),
            ]
        );
    }

    #[test]
    fn missing_paths_and_empty_globs_are_errors() {
        let (inputs, errors) = discover(&["/no/such/file.txt".into(), "/no/such/*.jsonl".into()]);
        assert!(inputs.is_empty());
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().starts_with("/no/such/file.txt: "));
        assert!(errors[1].reason.contains("glob matched no files"));
    }

    #[test]
    fn pipes_are_spooled_and_read_once() {
        let dir = tempfile::tempdir().expect("tempdir");
        let fifo = dir.path().join("feed.jsonl");
        assert!(
            std::process::Command::new("mkfifo")
                .arg(&fifo)
                .status()
                .expect("mkfifo")
                .success()
        );
        let writer_path = fifo.clone();
        let writer = std::thread::spawn(move || std::fs::write(writer_path, "{\"body\": \"x\"}\n"));
        let (inputs, errors) = discover(&[fifo.display().to_string()]);
        writer.join().expect("join").expect("write");
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(inputs[0].size, 14);
        assert_eq!(inputs[0].name, fifo.display().to_string());
        assert_eq!(std::fs::read(&inputs[0].path).expect("spooled").len(), 14);
    }

    #[test]
    fn globs_expand() {
        let dir = tempfile::tempdir().expect("tempdir");
        for f in ["x1.jsonl", "x2.jsonl", "y.jsonl"] {
            std::fs::write(dir.path().join(f), "x").expect("write");
        }
        let (inputs, errors) = discover(&[format!("{}/x*.jsonl", dir.path().display())]);
        assert!(errors.is_empty());
        assert_eq!(inputs.len(), 2);
    }
}
