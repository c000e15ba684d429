//! The archive: one SQLite file. The only module that knows SQL or the body codec.
//!
//! Layout (see `schema`): `inputs` (content hash → what was ingested and how far), `bodies`
//! (each distinct clean body once, with its fingerprints) and `body_texts` (its text,
//! zstd-compressed, with one of the `dictionaries` once the archive has trained one),
//! `articles` (every copy with its metadata, provenance and what normalization removed from
//! it), `clusters` (canonical article), `runs`, `meta` (versions of schema, rule pack and
//! fingerprints).
//!
//! Durability: WAL with `synchronous=NORMAL`; a transaction spans a few batches (held open
//! with [`Batch::hold`]). A crash loses at most the batches since the last commit and never
//! leaves a half-written one; `inputs.records_done` is updated in the same transaction as the
//! articles, so a re-run resumes exactly after the last committed batch. Rejected alternative: `synchronous=OFF` bulk loading — faster, but a power
//! cut could corrupt the archive, and the archive is the product.

mod blocks;
mod checkpoint;
mod clusters;
pub mod codec;
mod dictionaries;
pub mod lock;
mod read;
mod reader;
mod refingerprint;
pub mod schema;
mod text;
mod verify;
mod write;

pub use blocks::{BLOCK_BODIES, BlockChanges, BlockPlan};
pub use checkpoint::Checkpointer;
pub use clusters::{Assignment, Member};
pub use read::{ArchiveStats, Removals, StoredArticle};
pub use reader::Reader;
pub use refingerprint::{BodyUpdate, RefingerprintCounts};
pub use text::{ArchivedBase, StoredText};
pub use write::{
    AnchorSet, ArticleRow, Batch, CanonicalRow, InputProgress, NewArticle, NewBody, RunCounts,
    StoredKey, body_key,
};

use crate::ingest::discover::ContentHashes;
use rusqlite::{Connection, OpenFlags, OptionalExtension, params};
use std::path::{Path, PathBuf};

/// Page size of new archives (bytes).
const PAGE_SIZE: i64 = 16 * 1024;

/// SQLite page cache per connection (KiB).
const PAGE_CACHE_KIB: i64 = 64 * 1024;

/// How long a writer waits for another process's lock on the archive (ms).
const BUSY_TIMEOUT_MS: u64 = 10_000;

/// Archive errors.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error(
        "archive schema version {found} is newer than this newsdedup supports ({supported}); \
         upgrade newsdedup"
    )]
    TooNew { found: i64, supported: i64 },
    #[error(
        "archive was built with {key} `{archive}` but this newsdedup uses `{binary}`; \
         mixing them would silently miss duplicates ({hint})"
    )]
    VersionMismatch {
        key: String,
        archive: String,
        binary: String,
        hint: &'static str,
    },
    #[error(
        "another newsdedup is writing to {path} (waited {:.0} s; raise --wait-timeout to wait longer)",
        waited.as_secs_f64()
    )]
    Busy {
        path: PathBuf,
        waited: std::time::Duration,
    },
    #[error("cannot lock {path}: {reason}")]
    Lock { path: PathBuf, reason: String },
    #[error(
        "archive schema version {found} differs from this newsdedup's ({supported}) and the \
         archive is read-only, so it cannot be migrated"
    )]
    ReadOnlyOld { found: i64, supported: i64 },
    #[error(
        "migrating the archive from schema version {found} would break {broken} more references \
         between its rows; the archive is left as it was"
    )]
    BrokenMigration { found: i64, broken: i64 },
    #[error(
        "archive {path} has schema version {found} and needs upgrading to {supported}, which \
         waits for the newsdedup writing to it now; try again once it has finished"
    )]
    MigrationBusy {
        path: PathBuf,
        found: i64,
        supported: i64,
    },
    #[error("no archive at {0} (run `newsdedup ingest` first, or pass --db)")]
    Missing(PathBuf),
    #[error("stored body {body_id} is unreadable: {reason}")]
    CorruptBody { body_id: i64, reason: String },
    #[error("the removals stored for article {article_id} are unreadable: {reason}")]
    CorruptRemovals { article_id: i64, reason: String },
    #[error("cannot start the checkpoint thread: {0}")]
    Thread(std::io::Error),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Versions an archive records and a writer must match.
#[derive(Debug, Clone)]
pub struct Versions {
    pub rule_pack: String,
    pub fingerprint: String,
}

/// Whether a command writes to the archive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Create if missing, migrate, and check recorded versions against the binary's.
    Write,
    /// Like `Write`, but a different fingerprint version is accepted: for `refingerprint`.
    Refingerprint,
    /// The archive must exist; nothing is checked that a reader does not depend on.
    Read,
}

/// An open archive.
pub struct Store {
    conn: Connection,
}

/// What the archive knows about one input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputState {
    pub id: i64,
    pub path: String,
    pub records_done: u64,
    pub complete: bool,
}

/// What the archive has on record of inputs at a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KnownPath {
    /// Nothing.
    New,
    /// Inputs identified by their BLAKE3 only.
    Known,
    /// Some identified by their SHA-256 (read before schema version 6).
    KnownBySha256,
}

impl Store {
    /// Open (for writers: create) the archive at `path`.
    pub fn open(path: &Path, access: Access, versions: &Versions) -> Result<Self> {
        if access == Access::Read && !path.exists() {
            return Err(StoreError::Missing(path.to_path_buf()));
        }
        let store = match Self::open_read_write(path, access) {
            Ok(store) => store,
            // A reader on read-only media (a mounted snapshot, a backup) still gets to read.
            Err(StoreError::Sqlite(e)) if access == Access::Read && is_read_only(&e) => {
                Self::open_read_only(path)?
            }
            Err(e) => return Err(e),
        };
        store.register_dictionaries()?;
        match access {
            Access::Write => store.check_versions(versions, true)?,
            Access::Refingerprint => store.check_versions(versions, false)?,
            Access::Read => {}
        }
        Ok(store)
    }

    fn open_read_write(path: &Path, access: Access) -> Result<Self> {
        let create = if access == Access::Read {
            OpenFlags::empty()
        } else {
            OpenFlags::SQLITE_OPEN_CREATE
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX | create;
        let mut conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        // 16 KB pages: ~20 % faster inserts than 4 KB (benches/stages.rs, `store`). Only a new
        // archive takes it; an existing one keeps the page size it was created with.
        conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Matching reads canonical rows and bodies all over the file: keep them in memory.
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
        if access == Access::Read {
            // Read-only commands map the file: no `pread` and copy per page (`verify` opts out,
            // see `read_unmapped`). The writer does not: measured slower for ingest.
            conn.pragma_update(None, "mmap_size", reader::READER_MMAP_BYTES)?;
        }
        // Writers hold the writer lock already. A reader that finds the schema old migrates
        // it only under that lock too: never under a writer of an older newsdedup, whose
        // queries the new schema may no longer serve (schema 8 dropped the index by hash its
        // exact-copy lookups used).
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let _migrating = match access {
            Access::Read if found < schema::latest_version() => Some(
                lock::lock_writer(path, std::time::Duration::ZERO, &mut || {}).map_err(
                    |e| match e {
                        StoreError::Busy { .. } => StoreError::MigrationBusy {
                            path: path.to_path_buf(),
                            found,
                            supported: schema::latest_version(),
                        },
                        other => other,
                    },
                )?,
            ),
            _ => None,
        };
        schema::migrate(&mut conn)?;
        Ok(Self { conn })
    }

    /// Read-only media cannot hold WAL's shared-memory file, so the archive is opened as
    /// immutable: SQLite then reads the file as it is, without locks.
    fn open_read_only(path: &Path) -> Result<Self> {
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let uri = format!("file:{}?immutable=1", uri_path(path));
        let conn = Connection::open_with_flags(uri, flags)?;
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
        conn.pragma_update(None, "mmap_size", reader::READER_MMAP_BYTES)?;
        let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if found != schema::latest_version() {
            return Err(StoreError::ReadOnlyOld {
                found,
                supported: schema::latest_version(),
            });
        }
        Ok(Self { conn })
    }

    /// Run `read` on one snapshot of the archive: every query it makes sees the same committed
    /// state, whatever a writer commits meanwhile (WAL lets it). Without it each statement
    /// sees the latest commit, so a long check that reads the archive in several passes, like
    /// `verify` during an ingest, could compare one pass's rows with another's and report
    /// the difference as damage.
    pub fn snapshot<T>(&self, read: impl FnOnce(&Self) -> T) -> Result<T> {
        self.conn.execute_batch("BEGIN DEFERRED")?;
        let out = read(self);
        self.conn.execute_batch("COMMIT")?;
        Ok(out)
    }

    /// Read the archive through system calls from now on, not through a mapping (which
    /// read-only opens use): an I/O error then comes back as an error, not as a signal.
    pub fn read_unmapped(&self) -> Result<()> {
        self.conn.pragma_update(None, "mmap_size", 0)?;
        Ok(())
    }

    /// Record versions in a new archive; refuse an archive built with other ones.
    fn check_versions(&self, versions: &Versions, fingerprint_too: bool) -> Result<()> {
        for (key, ours) in [
            ("rule_pack", &versions.rule_pack),
            ("fingerprint", &versions.fingerprint),
        ] {
            if key == "fingerprint" && !fingerprint_too {
                continue;
            }
            let recorded: Option<String> = self
                .conn
                .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))
                .optional()?;
            match recorded {
                None => {
                    self.conn.execute(
                        "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                        params![key, ours],
                    )?;
                }
                Some(theirs) if &theirs != ours => {
                    return Err(StoreError::VersionMismatch {
                        key: key.replace('_', " "),
                        archive: theirs,
                        binary: ours.clone(),
                        hint: if key == "fingerprint" {
                            "run `newsdedup refingerprint` to bring the archive up to date"
                        } else {
                            "the stored bodies were cleaned by the other rules; ingest into a new archive with --db"
                        },
                    });
                }
                Some(_) => {}
            }
        }
        Ok(())
    }

    /// Start a run; returns its id.
    pub fn begin_run(&mut self) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO runs (started_at) VALUES (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))",
            [],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Close a run with its final status.
    pub fn finish_run(&mut self, run_id: i64, ok: bool, counts: &RunCounts) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET status = ?2, finished_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now'),
             articles_read = ?3, new_bodies = ?4, exact_copies = ?5, near_copies = ?6, skipped = ?7
             WHERE id = ?1",
            params![
                run_id,
                if ok { "done" } else { "failed" },
                counts.articles_read as i64,
                counts.new_bodies as i64,
                counts.exact_copies as i64,
                counts.near_copies as i64,
                counts.skipped as i64
            ],
        )?;
        Ok(())
    }

    /// What the archive knows about the input at `path` (absolute) with this content: a row
    /// registered by the content's BLAKE3 or, if given, by its SHA-256 (see
    /// [`ContentHashes`]).
    pub fn input_state(&self, path: &str, hashes: &ContentHashes) -> Result<Option<InputState>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, path, records_done, complete FROM inputs WHERE path = ?1
             AND ((hash_kind = 'blake3' AND content_hash = ?2)
                  OR (hash_kind = 'sha256' AND content_hash = ?3))",
        )?;
        let sha256 = hashes.sha256.as_ref().map(|h| &h[..]);
        Ok(stmt
            .query_row(params![path, &hashes.blake3[..], sha256], |r| {
                Ok(InputState {
                    id: r.get(0)?,
                    path: r.get(1)?,
                    records_done: r.get::<_, i64>(2)? as u64,
                    complete: r.get(3)?,
                })
            })
            .optional()?)
    }

    /// For each of `paths` (absolute), what the archive has on record of inputs there,
    /// whatever their content was. The lookups share one read transaction: a query
    /// outside a transaction takes and releases the database's read lock (two `fcntl` calls
    /// and a look at the WAL index), which was most of a lookup's time, and a night of
    /// one-article files looks up tens of thousands of paths.
    pub fn knows_input_paths<'a>(
        &self,
        paths: impl IntoIterator<Item = &'a str>,
    ) -> Result<Vec<KnownPath>> {
        let tx = self.conn.unchecked_transaction()?;
        let known = {
            let mut stmt =
                tx.prepare_cached("SELECT max(hash_kind = 'sha256') FROM inputs WHERE path = ?1")?;
            paths
                .into_iter()
                .map(|path| {
                    stmt.query_row([path], |r| {
                        Ok(match r.get::<_, Option<bool>>(0)? {
                            None => KnownPath::New,
                            Some(false) => KnownPath::Known,
                            Some(true) => KnownPath::KnownBySha256,
                        })
                    })
                })
                .collect::<rusqlite::Result<Vec<KnownPath>>>()?
        };
        tx.commit()?;
        Ok(known)
    }

    /// Register new inputs (nothing read yet) in one transaction; returns their ids in order.
    /// Each is `(BLAKE3 of the content, absolute path, size)`, the hash `None` for an input at a path
    /// the archive has never seen: its reader hashes it before reading its records, and the
    /// transaction that commits its first records stores the hash ([`InputProgress`]).
    ///
    /// A registration whose hash never got stored (a run that ended before committing any of
    /// the input's records) holds nothing; the same path's next registration, which comes with
    /// a hash since the path is known by then, replaces it. An input without a hash is at a
    /// path [`Store::knows_input_paths`] found no row for, so there is nothing to replace: not
    /// looking costs a night of 60,000 one-article files 60–70 ms before its first read.
    pub fn add_inputs(
        &mut self,
        run_id: i64,
        inputs: &[(Option<&[u8; 32]>, &str, u64)],
    ) -> Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let mut ids = Vec::with_capacity(inputs.len());
        {
            let mut forget = tx.prepare_cached(
                "DELETE FROM inputs WHERE path = ?1 AND content_hash = x'' AND records_done = 0",
            )?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO inputs (content_hash, hash_kind, path, bytes, run_id)
                 VALUES (?1, 'blake3', ?2, ?3, ?4)",
            )?;
            for (hash, path, bytes) in inputs {
                // A path given without a hash has no row to forget (see above).
                if hash.is_some() {
                    forget.execute([path])?;
                }
                let hash: &[u8] = hash.map_or(&[], |h| &h[..]);
                insert.execute(params![hash, path, *bytes as i64, run_id])?;
                ids.push(tx.last_insert_rowid());
            }
        }
        tx.commit()?;
        Ok(ids)
    }
}

/// A path for a `file:` URI: `%`, `?` and `#` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out
}

/// Errors that mean "this file or file system cannot be written".
fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(
            rusqlite::ErrorCode::ReadOnly
                | rusqlite::ErrorCode::CannotOpen
                | rusqlite::ErrorCode::PermissionDenied
        )
    )
}

#[cfg(test)]
mod tests;
