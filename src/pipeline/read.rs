//! The reader thread: streams planned inputs into bounded batches.
//!
//! Batches are cut by record count or bytes, whichever comes first, and carry how far each
//! input has been read, so the transaction that stores a batch also records the resume point.
//! The channel holds two batches: the reader stays one batch ahead of the workers, and memory
//! stays bounded however large the inputs.

use super::plan::Planned;
use super::{BATCH_BYTES, BATCH_RECORDS, PipelineError, Progress};
use crate::ingest::discover::Input;
use crate::ingest::reader::{ReadOptions, read_contents, read_input};
use crate::ingest::{RawRecord, RecordError};
use crate::model::Origin;
use crate::store::InputProgress;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Batches buffered between the reader and the workers.
const QUEUED_BATCHES: usize = 2;

/// Inputs up to this size are read into memory to be hashed, and their records are read from
/// there: one read of the file instead of two.
const HASH_IN_MEMORY_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The BLAKE3 of an input's bytes, and the bytes themselves if there are at most `keep_max`.
fn hashed(input: &Input, keep_max: u64) -> std::io::Result<([u8; 32], Option<Vec<u8>>)> {
    if input.size > keep_max {
        return Ok((input.content_hash()?, None));
    }
    let bytes = std::fs::read(&input.path)?;
    Ok((blake3::hash(&bytes).into(), Some(bytes)))
}

/// One record (or read error) and the input it belongs to.
pub struct Item {
    pub input_id: i64,
    pub raw: Result<RawRecord, RecordError>,
}

/// A unit of work and of commit.
#[derive(Default)]
pub struct Batch {
    pub records: Vec<Item>,
    pub progress: Vec<InputProgress>,
    bytes: usize,
}

/// Read every planned input on a reader thread, run `stage` and then `finish` on each batch on
/// two more threads, and call `each` on the finished batches in order on the calling thread.
/// `stage` runs inside `pool`, so its parallel work uses the pool; `finish` runs on its own
/// thread and uses `pool` itself for what it does in parallel. Reading, the two stages and
/// `each` overlap, one batch apart: while `finish` works on something slow and sequential
/// (training the archive's compression dictionary), `stage` goes on with the next batches on
/// the pool. Returns the raw bytes read.
pub fn with_batches<S: Send, T: Send>(
    plan: &[Planned],
    options: &ReadOptions,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    stage: impl Fn(Batch) -> S + Sync,
    finish: impl Fn(S) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), PipelineError>,
) -> Result<u64, PipelineError> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (raw_tx, raw_rx) = crossbeam_channel::bounded::<Batch>(QUEUED_BATCHES);
    let (staged_tx, staged_rx) = crossbeam_channel::bounded::<S>(QUEUED_BATCHES);
    let (finished_tx, finished_rx) = crossbeam_channel::bounded::<T>(QUEUED_BATCHES);
    std::thread::scope(|scope| {
        let counter = Arc::clone(&bytes_read);
        std::thread::Builder::new()
            .name("nd-read".into())
            .spawn_scoped(scope, move || read_all(plan, options, &counter, &raw_tx))
            .map_err(PipelineError::Spawn)?;
        relay(scope, "nd-stage", Some(pool), &stage, raw_rx, staged_tx)?;
        relay(scope, "nd-finish", None, &finish, staged_rx, finished_tx)?;
        for finished in finished_rx.iter() {
            each(finished)?;
            progress.advance(bytes_read.load(Ordering::Relaxed));
        }
        // Dropping the receivers on error makes the other threads' next send fail, so they
        // stop too.
        Ok::<(), PipelineError>(())
    })?;
    Ok(bytes_read.load(Ordering::Relaxed))
}

/// Start a thread named `name` that passes each item of `rx` through `work` (inside `pool`,
/// if given) on to `tx`, until `rx` ends or `tx`'s receiver is gone.
///
/// Work with a long sequential part belongs outside the pool. A worker of the pool waiting
/// for a task another worker stole runs other jobs meanwhile, the other relay's among them,
/// and the step it was waiting in cannot end before that job does.
fn relay<'scope, A: Send + 'scope, B: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    name: &str,
    pool: Option<&'scope rayon::ThreadPool>,
    work: &'scope (impl Fn(A) -> B + Sync),
    rx: crossbeam_channel::Receiver<A>,
    tx: crossbeam_channel::Sender<B>,
) -> Result<(), PipelineError> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn_scoped(scope, move || {
            for item in rx.iter() {
                let done = match pool {
                    Some(pool) => pool.install(|| work(item)),
                    None => work(item),
                };
                if tx.send(done).is_err() {
                    return;
                }
            }
        })
        .map_err(PipelineError::Spawn)?;
    Ok(())
}

fn read_all(
    plan: &[Planned],
    options: &ReadOptions,
    counter: &Arc<AtomicU64>,
    tx: &crossbeam_channel::Sender<Batch>,
) {
    let mut batch = Batch::default();
    for planned in plan {
        let mut done = planned.skip;
        let mut open = true;
        let (content_blake3, contents) = if planned.hash_pending {
            match hashed(&planned.input, HASH_IN_MEMORY_MAX_BYTES) {
                Ok((hash, contents)) => (Some(hash), contents),
                Err(e) => {
                    // Reported like a file that cannot be opened; nothing of it is stored.
                    let origin = Origin {
                        path: planned.input.name.clone(),
                        line: None,
                    };
                    batch.records.push(Item {
                        input_id: planned.input_id,
                        raw: Err(RecordError::new(origin, e.to_string())),
                    });
                    continue;
                }
            }
        } else {
            (None, None)
        };
        let progress = |records_done, complete| InputProgress {
            input_id: planned.input_id,
            records_done,
            complete,
            content_blake3,
        };
        let mut emit = |raw: Result<RawRecord, RecordError>| {
            done += 1;
            batch.bytes += raw.as_ref().map_or(0, |r| r.bytes.len());
            batch.records.push(Item {
                input_id: planned.input_id,
                raw,
            });
            if batch.records.len() >= BATCH_RECORDS || batch.bytes >= BATCH_BYTES {
                batch.progress.push(progress(done, false));
                open = tx.send(std::mem::take(&mut batch)).is_ok();
            }
            open
        };
        match contents {
            Some(bytes) => read_contents(&planned.input, bytes, options, counter, &mut emit),
            None => read_input(&planned.input, options, planned.skip, counter, &mut emit),
        };
        if !open {
            return;
        }
        batch.progress.push(progress(done, true));
    }
    // A send error means the consumer stopped; nothing left to do either way.
    let _ = tx.send(batch);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stage_runs_in_the_pool_and_finish_outside_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("feed.jsonl");
        let lines: String = (0..5)
            .map(|i| format!("{{\"body\": \"Story {i}.\"}}\n"))
            .collect();
        std::fs::write(&path, lines).expect("write");
        let (inputs, errors) = crate::ingest::discover::discover(&[path.display().to_string()]);
        assert!(errors.is_empty());
        let plan: Vec<Planned> = inputs
            .into_iter()
            .map(|input| Planned {
                input,
                input_id: 1,
                skip: 0,
                hash_pending: false,
            })
            .collect();
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool");
        let mut seen = Vec::new();
        with_batches(
            &plan,
            &ReadOptions::default(),
            &pool,
            &super::super::Silent,
            |batch| (batch.records.len(), rayon::current_thread_index()),
            |(records, stage_thread)| (records, stage_thread, rayon::current_thread_index()),
            |finished| {
                seen.push(finished);
                Ok(())
            },
        )
        .expect("read");
        let records: usize = seen.iter().map(|(n, _, _)| n).sum();
        assert_eq!(records, 5);
        // The stage on one of the pool's workers; the finish on a thread of its own, which
        // a long sequential step there needs (see `relay`).
        assert!(
            seen.iter()
                .all(|&(_, stage, finish)| stage.is_some() && finish.is_none())
        );
    }

    #[test]
    fn an_input_hashes_the_same_kept_in_memory_or_streamed() {
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("feed.jsonl");
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).expect("write");
        let (inputs, errors) = crate::ingest::discover::discover(&[path.display().to_string()]);
        assert!(errors.is_empty());
        let input = &inputs[0];
        let (kept_hash, kept) = hashed(input, 1 << 20).expect("kept");
        let (streamed_hash, streamed) = hashed(input, 1_000).expect("streamed");
        assert_eq!(kept.as_deref(), Some(&bytes[..]));
        assert!(streamed.is_none());
        let expected: [u8; 32] = blake3::hash(&bytes).into();
        assert_eq!((kept_hash, streamed_hash), (expected, expected));
    }
}
