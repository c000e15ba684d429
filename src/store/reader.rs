//! Extra read connections for the matcher's helpers.
//!
//! Matching a night against a large archive reads, for each candidate, the cluster's canonical
//! row and the canonical body's text; on the writer's connection those reads ran one by one on
//! the matcher's thread while the other cores idled. A [`Reader`] is a second connection that
//! a helper thread owns. Under WAL it sees the archive as of the last commit, which is all a
//! helper is asked for: what the open batch changed, the matcher holds in memory.

use super::{BUSY_TIMEOUT_MS, CanonicalRow, Result, Store, StoreError, write};
use rusqlite::{Connection, OpenFlags};

/// Page cache of a reader connection (KiB).
const READER_CACHE_KIB: i64 = 16 * 1024;

/// Page cache of a scan reader (KiB): a scan reads each page once, and up to four scan at once
/// when the index loads.
const SCAN_CACHE_KIB: i64 = 2 * 1024;

/// How much of the archive file a reader maps into memory instead of reading page by page
/// (SQLite caps it at its compile-time maximum, 2 GiB by default). Candidates' rows are
/// scattered over the whole archive, so most reads miss the page cache; through `pread` each
/// miss was a system call and a 16 KiB copy. (Mapping the writer's connection too measured
/// slower for ingest.)
pub(super) const READER_MMAP_BYTES: i64 = 1 << 40;

/// A read-only connection to the archive, for one thread at a time.
pub struct Reader {
    conn: Connection,
}

impl Store {
    /// A new read connection to this archive, for reads scattered over it (none for an
    /// in-memory database).
    pub fn reader(&self) -> Result<Option<Reader>> {
        self.open_reader(READER_CACHE_KIB, READER_MMAP_BYTES)
    }

    /// A new read connection to this archive for scanning a range of `bodies` and the index
    /// blocks over it, as loading the candidate index does (none for an in-memory database).
    ///
    /// It reads pages with `pread`, not through a memory map. A table's pages are spread over
    /// the whole file, between the other tables' pages written in the same transactions, and
    /// the kernel fills a fault in a mapped file with the pages around it too: scanning the
    /// 89 MB of `bodies` of a 1M-article archive through the map read all of its 1.1 GB from
    /// disk when the archive was not in the page cache, and `pread` 118 MB.
    pub fn scan_reader(&self) -> Result<Option<Reader>> {
        self.open_reader(SCAN_CACHE_KIB, 0)
    }

    fn open_reader(&self, cache_kib: i64, mmap_bytes: i64) -> Result<Option<Reader>> {
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(None);
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(std::time::Duration::from_millis(BUSY_TIMEOUT_MS))?;
        conn.pragma_update(None, "cache_size", -cache_kib)?;
        conn.pragma_update(None, "mmap_size", mmap_bytes)?;
        Ok(Some(Reader { conn }))
    }
}

impl Reader {
    /// Run `f` in one read transaction: its reads see the archive as of one commit, and the
    /// connection takes and releases its WAL read lock once rather than once a query (an
    /// eighth of the fetch helpers' time on a night into a 1M-article archive).
    pub fn in_snapshot<R>(&mut self, f: impl FnOnce(&Reader) -> Result<R>) -> Result<R> {
        self.conn.execute_batch("BEGIN")?;
        let result = f(self);
        // Nothing to commit: ending the transaction lets the snapshot go, whatever `f` did.
        let ended = self.conn.execute_batch("COMMIT");
        let value = result?;
        ended?;
        Ok(value)
    }

    /// The bodies whose ids are in `ids`, read from their rows, as of the last commit.
    #[cfg(test)]
    pub fn for_each_body_in(
        &self,
        ids: impl std::ops::RangeBounds<i64>,
        visit: &mut dyn FnMut(write::StoredKey, Option<write::AnchorSet>),
    ) -> Result<()> {
        write::scan_bodies(&self.conn, ids, visit)
    }

    /// [`Store::for_each_body_with_blocks`] over the bodies whose ids are in `ids`, on this
    /// connection, as of the last commit.
    pub fn for_each_body_with_blocks(
        &self,
        ids: std::ops::RangeInclusive<i64>,
        plan: super::BlockPlan,
        visit: &mut dyn FnMut(write::StoredKey, Option<write::AnchorSet>),
    ) -> Result<super::BlockChanges> {
        super::blocks::scan_with_blocks(&self.conn, ids, plan, visit)
    }

    /// How many bytes of the archive file this connection maps (`PRAGMA mmap_size`).
    #[cfg(test)]
    pub(super) fn mapped_bytes(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA mmap_size", [], |r| r.get(0))?)
    }

    /// [`Store::recent_bases`], as of the last commit.
    pub fn recent_bases(
        &self,
        bytes: usize,
        min_text_bytes: usize,
    ) -> Result<Vec<super::ArchivedBase>> {
        super::text::recent_bases(&self.conn, bytes, min_text_bytes)
    }

    /// [`Store::bodies_bound`], as of the last commit.
    pub fn bodies_bound(&self) -> Result<usize> {
        write::bodies_bound(&self.conn)
    }

    /// The canonical article of a cluster, as of the last commit; `None` if there is no such
    /// cluster (any more: merged away).
    pub fn canonical(&self, cluster_id: i64) -> Result<Option<CanonicalRow>> {
        match write::canonical_row(&self.conn, cluster_id) {
            Err(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            found => found.map(Some),
        }
    }

    /// A body's clean text, as of the last commit; `None` if there is no such body (yet: it
    /// was written by a batch not committed).
    pub fn body_text(&self, body_id: i64) -> Result<Option<String>> {
        match write::body_text(&self.conn, body_id) {
            Err(StoreError::Sqlite(rusqlite::Error::QueryReturnedNoRows)) => Ok(None),
            found => found.map(Some),
        }
    }
}
