//! WAL checkpoints on a thread of their own during a long ingest.
//!
//! SQLite's automatic checkpoint runs inside the commit that crosses the WAL size limit, on the
//! committing thread: during an ingest that is the matcher's thread, the one every batch waits
//! for, and each checkpoint (copying the WAL into the database file, then an fsync) took ~80 ms
//! a batch, a fifth of the matcher's time. Here a second connection checkpoints in the
//! background instead (`PASSIVE`: it never blocks the writer), and the writer's automatic
//! checkpoints are switched off until the [`Checkpointer`] is dropped.
//!
//! Durability is unchanged: checkpointing only moves committed pages from the WAL into the
//! database file, whenever and by whichever connection it runs.

use super::{BUSY_TIMEOUT_MS, Result, Store};
use rusqlite::{Connection, OpenFlags};
use std::time::Duration;

/// How often the background connection checkpoints.
const INTERVAL: Duration = Duration::from_millis(100);
/// SQLite's default automatic checkpoint size (pages), restored afterwards.
const AUTO_CHECKPOINT_PAGES: i64 = 1000;

/// Checkpoints the WAL until dropped.
pub struct Checkpointer {
    stop: Option<crossbeam_channel::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Store {
    /// Move WAL checkpoints to a background thread until the returned guard is dropped; then
    /// call [`Store::automatic_checkpoints`] to hand them back to the writer.
    pub fn background_checkpoints(&self) -> Result<Checkpointer> {
        let mut guard = Checkpointer {
            stop: None,
            thread: None,
        };
        let Some(path) = self.conn.path().filter(|p| !p.is_empty()) else {
            return Ok(guard); // an in-memory database has no WAL
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(Duration::from_millis(BUSY_TIMEOUT_MS))?;
        self.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        let (stop, stopped) = crossbeam_channel::bounded::<()>(0);
        let thread = std::thread::Builder::new()
            .name("nd-checkpoint".into())
            .spawn(move || {
                while let Err(crossbeam_channel::RecvTimeoutError::Timeout) =
                    stopped.recv_timeout(INTERVAL)
                {
                    // A failed checkpoint is retried on the next tick; the WAL only grows.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .map_err(super::StoreError::Thread)?;
        guard.stop = Some(stop);
        guard.thread = Some(thread);
        Ok(guard)
    }

    /// Checkpoint automatically on commit again (SQLite's default): the next commit over the
    /// limit checkpoints what the background thread left.
    pub fn automatic_checkpoints(&self) -> Result<()> {
        self.conn
            .pragma_update(None, "wal_autocheckpoint", AUTO_CHECKPOINT_PAGES)?;
        Ok(())
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        drop(self.stop.take());
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{Access, Versions};

    #[test]
    fn checkpoints_run_while_the_guard_lives_and_autocheckpoint_returns() {
        let dir = tempfile::tempdir().expect("tempdir");
        let versions = Versions {
            rule_pack: "r".into(),
            fingerprint: "f".into(),
        };
        let store = Store::open(&dir.path().join("a.db"), Access::Write, &versions).expect("open");
        let auto = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                .expect("pragma")
        };
        {
            let _guard = store.background_checkpoints().expect("checkpointer");
            assert_eq!(auto(&store), 0);
            store
                .conn
                .execute_batch("CREATE TABLE t (x BLOB); INSERT INTO t VALUES (zeroblob(100000));")
                .expect("write");
            std::thread::sleep(INTERVAL * 3);
        }
        store.automatic_checkpoints().expect("restore");
        assert_eq!(auto(&store), AUTO_CHECKPOINT_PAGES);
        // The background connection checkpointed the write: the database file holds it.
        let size = std::fs::metadata(dir.path().join("a.db"))
            .expect("db")
            .len();
        assert!(size > 100_000, "database file is {size} bytes");
    }
}
