//! One writer at a time: an advisory lock on a file beside the archive (`<db>-lock`).
//!
//! SQLite alone would let two ingests interleave their batches (each transaction is atomic,
//! but the runs' matching state is not shared), so writers take this lock for their whole run.
//! Readers never take it: WAL lets `export`, `stats` and `dupes` read while a writer works.
//! The operating system releases the lock when the process ends, however it ends.

use super::{Result, StoreError};
use std::fs::{File, OpenOptions, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How often a waiting writer retries.
const RETRY_EVERY: Duration = Duration::from_millis(200);

/// Held for as long as a writer runs.
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
}

/// The lock file of an archive.
pub fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push("-lock");
    PathBuf::from(name)
}

/// Take the writer lock of the archive at `db`, waiting up to `wait` for another writer to
/// finish; `waiting` is called once if the lock is busy at first.
pub fn lock_writer(db: &Path, wait: Duration, waiting: &mut dyn FnMut()) -> Result<WriterLock> {
    let path = lock_path(db);
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| StoreError::Lock {
            path: path.clone(),
            reason: e.to_string(),
        })?;
    let started = Instant::now();
    let mut told = false;
    loop {
        match file.try_lock() {
            Ok(()) => return Ok(WriterLock { _file: file }),
            Err(TryLockError::WouldBlock) if started.elapsed() < wait => {
                if !std::mem::replace(&mut told, true) {
                    waiting();
                }
                std::thread::sleep(RETRY_EVERY.min(wait.saturating_sub(started.elapsed())));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: db.to_path_buf(),
                    waited: started.elapsed(),
                });
            }
            Err(TryLockError::Error(e)) => {
                return Err(StoreError::Lock {
                    path,
                    reason: e.to_string(),
                });
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_writer_waits_then_fails_and_gets_the_lock_once_free() {
        let dir = tempfile::tempdir().expect("tmp");
        let db = dir.path().join("a.db");
        let first = lock_writer(&db, Duration::ZERO, &mut || {}).expect("first");
        let mut waited = 0;
        let err =
            lock_writer(&db, Duration::from_millis(300), &mut || waited += 1).expect_err("busy");
        assert!(matches!(err, StoreError::Busy { .. }), "{err}");
        assert_eq!(waited, 1);
        drop(first);
        assert!(lock_writer(&db, Duration::ZERO, &mut || {}).is_ok());
        assert!(lock_path(&db).ends_with("a.db-lock"));
    }
}
