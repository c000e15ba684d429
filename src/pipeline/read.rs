//! The reader thread: streams planned inputs into bounded batches.
//!
//! Batches are cut by record count or bytes, whichever comes first, and carry how far each
//! input has been read, so the transaction that stores a batch also records the resume point.
//! The reader's and the finishing stage's channels hold two batches each, and the stage
//! threads hold at most [`STAGED_AHEAD`] batches not yet handed on in order (twice that while
//! the finishing stage trains the compression dictionary, [`Room::widened`]): the reader stays
//! a batch or two ahead of the workers, and memory stays bounded however large the inputs.
//! New inputs small enough are read and hashed ahead of the reader by a few threads of their
//! own, within a bounded window ([`ReadAhead`]).

use super::plan::Planned;
use super::{BATCH_BYTES, BATCH_RECORDS, PipelineError, Progress};
use crate::ingest::discover::Input;
use crate::ingest::reader::{ReadOptions, read_contents, read_input};
use crate::ingest::{RawRecord, RecordError};
use crate::model::Origin;
use crate::store::InputProgress;
use std::io::Read as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Batches buffered between the reader and the workers.
const QUEUED_BATCHES: usize = 2;

/// In a run of at least [`TAIL_MIN_RUN`] bytes, batches are cut [`TAIL_SPLIT`] times smaller
/// once less than this is left to read. The workers finish the last batch before the matcher
/// can place it, and the matcher places it alone, so the run ends sooner after its last read
/// when that batch is small.
const TAIL_BYTES: u64 = 16 * 1024 * 1024;
const TAIL_SPLIT: usize = 4;
/// A smaller run keeps whole batches throughout: an archive's first batches complete the
/// samples its compression dictionary is trained on, and bodies of batches before that are
/// stored without one.
const TAIL_MIN_RUN: u64 = 4 * TAIL_BYTES;

/// The records and bytes at which a batch is cut, in a run of `total` bytes with `read` read.
fn batch_limits(total: u64, read: u64) -> (usize, usize) {
    if total >= TAIL_MIN_RUN && total.saturating_sub(read) < TAIL_BYTES {
        (BATCH_RECORDS / TAIL_SPLIT, BATCH_BYTES / TAIL_SPLIT)
    } else {
        (BATCH_RECORDS, BATCH_BYTES)
    }
}

/// Inputs up to this size are read into memory to be hashed, and their records are read from
/// there: one read of the file instead of two.
const HASH_IN_MEMORY_MAX_BYTES: u64 = 64 * 1024 * 1024;

/// The BLAKE3 of an input's bytes, and the bytes themselves if there are at most `keep_max`.
fn hashed(input: &Input, keep_max: u64) -> std::io::Result<([u8; 32], Option<Vec<u8>>)> {
    if input.size > keep_max {
        return Ok((input.content_hash()?, None));
    }
    // Sized as the walk found the file, and read to its end whatever its size now. `fs::read`
    // and `File::read_to_end` ask the file's size again: a `stat` more for every file of a
    // dump of one file per article. Through `take`, reading goes by the room given.
    let mut bytes = Vec::with_capacity(usize::try_from(input.size).unwrap_or(0));
    std::fs::File::open(&input.path)?
        .take(u64::MAX)
        .read_to_end(&mut bytes)?;
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

/// Read every planned input on a reader thread, run `stage` and then `finish` on each batch,
/// and call `each` on the finished batches in order on the calling thread. `stage` runs
/// inside `pool`, so its parallel work uses the pool, on up to [`STAGE_THREADS`] batches at
/// once;
/// `finish` runs on a thread of its own, on the staged batches in input order, and uses
/// `pool` itself for what it does in parallel. Reading, the two stages and `each` overlap, a
/// batch or two apart: while `finish` works on something slow and sequential (training the
/// archive's compression dictionary, in [`Room::widened`]), `stage` goes on with the next
/// batches on the pool. Returns the raw bytes read.
pub fn with_batches<S: Send, T: Send>(
    plan: &[Planned],
    options: &ReadOptions,
    pool: &rayon::ThreadPool,
    progress: &dyn Progress,
    stage: impl Fn(Batch) -> S + Sync,
    finish: impl Fn(S, &Room) -> T + Sync,
    mut each: impl FnMut(T) -> Result<(), PipelineError>,
) -> Result<u64, PipelineError> {
    let bytes_read = Arc::new(AtomicU64::new(0));
    let (raw_tx, raw_rx) = crossbeam_channel::bounded::<Batch>(QUEUED_BATCHES);
    // The stage window bounds the staged batches; this queue holds as many as it lets in
    // while widened (see `Room::widened`), so that it never stops the stage threads first.
    let (staged_tx, staged_rx) = crossbeam_channel::bounded::<(u64, S)>(2 * STAGED_AHEAD);
    let (finished_tx, finished_rx) = crossbeam_channel::bounded::<T>(QUEUED_BATCHES);
    // Shared by the stage threads, and dropped with the last of them: the reader's next send
    // then fails, and it stops too.
    let raw = Arc::new(std::sync::Mutex::new(Numbered::from(raw_rx)));
    // Whether the calling thread is waiting for a finished batch.
    let hunger = Hunger::default();
    let window = StageWindow::new(STAGED_AHEAD);
    let finish = |staged| finish(staged, &Room(Some(&window)));
    std::thread::scope(|scope| {
        let counter = Arc::clone(&bytes_read);
        std::thread::Builder::new()
            .name("nd-read".into())
            .spawn_scoped(scope, move || read_all(plan, options, &counter, &raw_tx))
            .map_err(PipelineError::Spawn)?;
        // However this closure ends, even before the loop below (a thread that cannot be
        // started), a stage thread waiting for hunger goes on, and stops at its next step (a
        // closed window, the reader's end, or a send that fails).
        let _hungry_at_end = HungryAtEnd(&hunger);
        for k in 0..STAGE_THREADS {
            let (raw, stage, staged_tx) = (Arc::clone(&raw), &stage, staged_tx.clone());
            let (hunger, window) = (&hunger, &window);
            std::thread::Builder::new()
                .name(format!("nd-stage-{k}"))
                .spawn_scoped(scope, move || {
                    let _stop = StopAllOnPanic(&raw, window);
                    loop {
                        // The first stage thread stages every batch it can; the others only
                        // while the calling thread waits for batches (see STAGE_THREADS).
                        if k > 0 {
                            hunger.wait();
                        }
                        if !window.enter() {
                            return;
                        }
                        let Some((at, batch)) = Numbered::next(&raw) else {
                            return;
                        };
                        let staged = pool.install(|| stage(batch));
                        if staged_tx.send((at, staged)).is_err() {
                            return;
                        }
                    }
                })
                .map_err(PipelineError::Spawn)?;
        }
        drop((raw, staged_tx));
        relay(
            scope,
            "nd-finish",
            &finish,
            InOrder::new(staged_rx, &window),
            finished_tx,
        )?;
        // Owned here, so that it is dropped as soon as this returns (see below). Borrowed,
        // it outlived an error from `each` until every thread had ended, and the finishing
        // thread never did: it waited for room in its full queue, the stages in theirs, and
        // the reader in its. An input longer than the queues hold hung there for ever.
        let finished_rx = finished_rx;
        loop {
            let finished = match finished_rx.try_recv() {
                Ok(finished) => finished,
                Err(crossbeam_channel::TryRecvError::Disconnected) => break,
                Err(crossbeam_channel::TryRecvError::Empty) => {
                    hunger.set(true);
                    let received = finished_rx.recv();
                    hunger.set(false);
                    let Ok(finished) = received else {
                        break;
                    };
                    finished
                }
            };
            each(finished)?;
            progress.advance(bytes_read.load(Ordering::Relaxed));
        }
        // Dropping the receivers on error makes the other threads' next send fail, so they
        // stop too.
        Ok::<(), PipelineError>(())
    })?;
    Ok(bytes_read.load(Ordering::Relaxed))
}

/// Batches staged at once, each by a thread of its own that hands the batch's work to the
/// pool. A batch's stage has sequential steps between its parallel ones, and the pool's other
/// worker had nothing to do during them unless the finish stage happened to have work for
/// it. Into an empty archive, where staging is the slowest step, the cores were busy 91 % of
/// the run with one batch staged at a time; with a second stage thread the run takes 3 % less
/// time for the same CPU.
///
/// Only the first stage thread stages every batch it can. The others go for one only when
/// the calling thread (matching and storing) finds no finished batch and waits for one
/// ([`Hunger`]; having gone, such a thread takes the next batch the reader gives, waiting or
/// not): into a large archive that thread is the slowest step, and a second batch staged
/// beside the first there only took CPU from it (nights into archives of 300k and 1M
/// articles were 2–4 % slower, user time +2.5 %, when both threads staged all the time).
pub const STAGE_THREADS: usize = 2;

/// Batches the stage threads may hold between taking them and their being handed on in
/// order: one on each thread and a queue's worth, twice as many during a [`Room::widened`]
/// step. A batch staged out of order waits for the ones before it, and without this limit a
/// batch slow to stage (a worker of the pool can run the other thread's batch nested inside
/// one of its steps) let the other thread stage batch after batch meanwhile, all held in
/// memory.
pub const STAGED_AHEAD: usize = STAGE_THREADS + QUEUED_BATCHES;

/// Room for [`STAGED_AHEAD`] batches (more while a [`Widened`] lasts): a stage thread enters
/// before it takes a batch, and the batch leaves when it is handed on in order ([`InOrder`]).
/// Closed when the handing on stops or a stage thread fails, which lets every waiting thread
/// go.
struct StageWindow {
    /// The room left (below zero while batches staged in widened room are still in), and
    /// whether the window is closed.
    state: std::sync::Mutex<(isize, bool)>,
    changed: std::sync::Condvar,
}

impl StageWindow {
    fn new(room: usize) -> Self {
        Self {
            state: std::sync::Mutex::new((room as isize, false)),
            changed: std::sync::Condvar::new(),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, (isize, bool)> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Room for `by` more batches until the guard returned is dropped.
    fn widen(&self, by: usize) -> Widened<'_> {
        self.resize(by as isize);
        Widened(self, by)
    }

    fn resize(&self, by: isize) {
        self.lock().0 += by;
        self.changed.notify_all();
    }

    /// Wait for room and take it; `false` once the window is closed.
    fn enter(&self) -> bool {
        let mut state = self.lock();
        while state.0 <= 0 && !state.1 {
            state = self
                .changed
                .wait(state)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        if state.1 {
            return false;
        }
        state.0 -= 1;
        true
    }

    fn leave(&self) {
        self.lock().0 += 1;
        self.changed.notify_one();
    }

    fn close(&self) {
        self.lock().1 = true;
        self.changed.notify_all();
    }
}

/// Extra room in a [`StageWindow`], taken back when dropped (also if what it was made for
/// panics).
struct Widened<'w>(&'w StageWindow, usize);

impl Drop for Widened<'_> {
    fn drop(&mut self) {
        self.0.resize(-(self.1 as isize));
    }
}

/// What `finish` is given of the stage window (see [`with_batches`]).
pub struct Room<'w>(Option<&'w StageWindow>);

impl Room<'_> {
    /// Run `slow`, a sequential step of `finish` that holds up every batch behind it, with
    /// room for [`STAGED_AHEAD`] more batches meanwhile, so that the stage threads go on
    /// staging instead of waiting for the window. As many again as the window holds: the
    /// step this is for (training the dictionary, a fifth to a quarter of a second here, in
    /// which the pool stages two or three batches) is longer on a slower machine, and it
    /// comes at the start of a run, when little else is in memory. The room is taken back
    /// when `slow` ends; the batches staged in it still leave one by one, and no stage thread
    /// enters until they have. One step at a time: the staged queue holds what the window
    /// lets in widened once.
    pub fn widened<R>(&self, slow: impl FnOnce() -> R) -> R {
        let _room = self.0.map(|window| window.widen(STAGED_AHEAD));
        slow()
    }

    /// Room of no window, for tests of what `finish` calls.
    #[cfg(test)]
    pub fn detached() -> Self {
        Self(None)
    }
}

/// Whether the calling thread is waiting for a finished batch, for the stage threads beyond
/// the first to wait on (see [`STAGE_THREADS`]). They sleep until it waits, rather than
/// checking from time to time: parked through a night ruled by the matcher, they cost nothing.
#[derive(Default)]
struct Hunger {
    waiting: std::sync::Mutex<bool>,
    changed: std::sync::Condvar,
}

impl Hunger {
    fn lock(&self) -> std::sync::MutexGuard<'_, bool> {
        self.waiting
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn set(&self, waiting: bool) {
        *self.lock() = waiting;
        if waiting {
            self.changed.notify_all();
        }
    }

    /// Return once the calling thread waits (at once if it does now).
    fn wait(&self) {
        let mut waiting = self.lock();
        while !*waiting {
            waiting = self
                .changed
                .wait(waiting)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }
}

/// Marks the calling thread as waiting for good when dropped: a stage thread waiting for it to
/// wait goes on (to find the end, or a send that fails).
struct HungryAtEnd<'a>(&'a Hunger);

impl Drop for HungryAtEnd<'_> {
    fn drop(&mut self) {
        self.0.set(true);
    }
}

/// The reader's batches, numbered in the order they are taken, for the stage threads to take
/// turns on.
struct Numbered {
    rx: crossbeam_channel::Receiver<Batch>,
    taken: u64,
}

impl From<crossbeam_channel::Receiver<Batch>> for Numbered {
    fn from(rx: crossbeam_channel::Receiver<Batch>) -> Self {
        Self { rx, taken: 0 }
    }
}

impl Numbered {
    /// The next batch and its number, or `None` once the reader is done. Waiting for the
    /// batch and numbering it happen under one lock, so numbers follow the reader's order.
    fn next(shared: &std::sync::Mutex<Self>) -> Option<(u64, Batch)> {
        let mut this = shared
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let batch = this.rx.recv().ok()?;
        this.taken += 1;
        Some((this.taken - 1, batch))
    }
}

/// Stops every stage thread if the one holding it unwinds: the window is closed and the
/// reader's channel too, so the others stop at their next batch and the reader at its next
/// send. Without it the others would fill the window with batches for an order that cannot
/// complete, and then wait for room for ever.
struct StopAllOnPanic<'a>(&'a std::sync::Mutex<Numbered>, &'a StageWindow);

impl Drop for StopAllOnPanic<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            self.1.close();
            let mut this = self
                .0
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            // A receiver whose sender is gone: every `recv` fails at once.
            this.rx = crossbeam_channel::bounded(0).1;
        }
    }
}

/// Numbered items from threads that finish them out of order, given back in order: an item
/// that arrives early waits until the ones before it have been given. Each item given back
/// leaves the [`StageWindow`]. Ends when the senders are gone; an item missing then (its thread
/// failed) ends it there too. Dropped, it closes the window: nothing more will leave it.
struct InOrder<'a, T> {
    rx: crossbeam_channel::Receiver<(u64, T)>,
    window: &'a StageWindow,
    next: u64,
    early: std::collections::BTreeMap<u64, T>,
}

impl<'a, T> InOrder<'a, T> {
    fn new(rx: crossbeam_channel::Receiver<(u64, T)>, window: &'a StageWindow) -> Self {
        Self {
            rx,
            window,
            next: 0,
            early: std::collections::BTreeMap::new(),
        }
    }
}

impl<T> Iterator for InOrder<'_, T> {
    type Item = T;

    fn next(&mut self) -> Option<T> {
        loop {
            if let Some(item) = self.early.remove(&self.next) {
                self.next += 1;
                self.window.leave();
                return Some(item);
            }
            let (at, item) = self.rx.recv().ok()?;
            self.early.insert(at, item);
        }
    }
}

impl<T> Drop for InOrder<'_, T> {
    fn drop(&mut self) {
        self.window.close();
    }
}

/// Start a thread named `name` that passes each item of `items` through `work` on to `tx`,
/// until `items` ends or `tx`'s receiver is gone.
///
/// The thread is outside the pool: work with a long sequential part belongs there. A worker
/// of the pool waiting for a task another worker stole runs other jobs meanwhile, a stage's
/// among them, and the step it was waiting in cannot end before that job does. (The same
/// holds between the two stage threads: one batch's stage can wait on the other's, run
/// nested on its worker. That is one way batches come out of order.)
fn relay<'scope, A: 'scope, B: Send + 'scope>(
    scope: &'scope std::thread::Scope<'scope, '_>,
    name: &str,
    work: &'scope (impl Fn(A) -> B + Sync),
    items: impl Iterator<Item = A> + Send + 'scope,
    tx: crossbeam_channel::Sender<B>,
) -> Result<(), PipelineError> {
    std::thread::Builder::new()
        .name(name.to_string())
        .spawn_scoped(scope, move || {
            for item in items {
                if tx.send(work(item)).is_err() {
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
    std::thread::scope(|scope| {
        let mut ahead = ReadAhead::start(scope, plan, READ_AHEAD);
        read_planned(plan, options, counter, tx, &mut ahead);
    });
}

fn read_planned(
    plan: &[Planned],
    options: &ReadOptions,
    counter: &Arc<AtomicU64>,
    tx: &crossbeam_channel::Sender<Batch>,
    ahead: &mut ReadAhead,
) {
    let mut batch = Batch::default();
    let total: u64 = plan.iter().map(|p| p.input.size).sum();
    for (at, planned) in plan.iter().enumerate() {
        let mut done = planned.skip;
        let mut open = true;
        let (content_blake3, contents) = if planned.hash_pending {
            let read = match ahead.take(at) {
                Some(read) => read,
                None => hashed(&planned.input, HASH_IN_MEMORY_MAX_BYTES),
            };
            match read {
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
            let (records, bytes) = batch_limits(total, counter.load(Ordering::Relaxed));
            if batch.records.len() >= records || batch.bytes >= bytes {
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

/// How far inputs are read ahead of the reader, and by how many threads.
#[derive(Debug, Clone, Copy)]
struct Window {
    threads: usize,
    /// Inputs read and not yet taken, at most.
    inputs: usize,
    /// Their bytes, at most; one input larger than this is read by the reader itself.
    bytes: u64,
}

/// Archives of articles as files are thousands of small reads, and on a cold page cache each
/// waits for the disk: read one after another, the reader stalled on them while the workers
/// ran dry. On 25,000 text files just dropped from the cache, reading them one at a time took
/// 1.8 s, and 0.66 s eight at a time.
const READ_AHEAD: Window = Window {
    threads: 4,
    inputs: 64,
    bytes: 16 * 1024 * 1024,
};

/// Read the next new inputs, hashed and whole, on threads of their own while the reader
/// works through the ones before them: their disk reads overlap one another and the
/// reader's work. Only inputs read whole and no larger than the window's bytes are read
/// ahead; results are taken in plan order.
struct ReadAhead<'p> {
    plan: &'p [Planned],
    window: Window,
    /// Indices into `plan` for the threads; dropped (closing the channel) when done.
    jobs: Option<crossbeam_channel::Sender<usize>>,
    results: crossbeam_channel::Receiver<(usize, Hashed)>,
    /// Results that came in before the ones the reader is waiting for.
    early: std::collections::HashMap<usize, Hashed>,
    /// The next index of `plan` to consider sending.
    next: usize,
    /// Inputs sent and not yet taken, in plan order, and their bytes.
    sent: std::collections::VecDeque<usize>,
    sent_bytes: u64,
}

type Hashed = std::io::Result<([u8; 32], Option<Vec<u8>>)>;

impl<'p> ReadAhead<'p> {
    fn start<'scope>(
        scope: &'scope std::thread::Scope<'scope, '_>,
        plan: &'p [Planned],
        window: Window,
    ) -> Self
    where
        'p: 'scope,
    {
        let (jobs, job_rx) = crossbeam_channel::unbounded::<usize>();
        let (result_tx, results) = crossbeam_channel::unbounded();
        for i in 0..window.threads {
            let (job_rx, result_tx) = (job_rx.clone(), result_tx.clone());
            let spawned = std::thread::Builder::new()
                .name(format!("nd-read-{i}"))
                .spawn_scoped(scope, move || {
                    for at in job_rx.iter() {
                        let read = hashed(&plan[at].input, HASH_IN_MEMORY_MAX_BYTES);
                        if result_tx.send((at, read)).is_err() {
                            return;
                        }
                    }
                });
            // Without its threads, the reader reads every input itself.
            if spawned.is_err() {
                break;
            }
        }
        let mut ahead = Self {
            plan,
            window,
            jobs: Some(jobs),
            results,
            early: std::collections::HashMap::new(),
            next: 0,
            sent: std::collections::VecDeque::new(),
            sent_bytes: 0,
        };
        ahead.fill();
        ahead
    }

    fn read_ahead(&self, planned: &Planned) -> bool {
        planned.hash_pending && planned.input.size <= self.window.bytes
    }

    /// Send inputs to the threads while the window has room.
    fn fill(&mut self) {
        let Some(jobs) = &self.jobs else { return };
        while self.next < self.plan.len() {
            let planned = &self.plan[self.next];
            if self.read_ahead(planned) {
                let room = self.sent.len() < self.window.inputs
                    && self.sent_bytes + planned.input.size <= self.window.bytes;
                if !room || jobs.send(self.next).is_err() {
                    return;
                }
                self.sent.push_back(self.next);
                self.sent_bytes += planned.input.size;
            }
            self.next += 1;
        }
    }

    /// The read of input `at`, if it was read ahead; `None` if the reader is to read it.
    /// The reader takes its inputs in plan order, so the one it asks for is the first sent.
    fn take(&mut self, at: usize) -> Option<Hashed> {
        let Some(position) = self.sent.iter().position(|&sent| sent == at) else {
            // Not sent: the reader reads it, and the window moves past it.
            self.next = self.next.max(at + 1);
            self.fill();
            return None;
        };
        let read = match self.early.remove(&at) {
            Some(read) => read,
            None => loop {
                // The input was sent, so a thread answers unless all of them are gone.
                let (done, read) = self.results.recv().ok()?;
                if done == at {
                    break read;
                }
                self.early.insert(done, read);
            },
        };
        self.sent.remove(position);
        self.sent_bytes -= self.plan[at].input.size;
        self.fill();
        Some(read)
    }
}

impl Drop for ReadAhead<'_> {
    /// Let the threads end after the read in hand, when the reader stops early.
    fn drop(&mut self) {
        self.jobs = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSONL record of story `n` of [`feed_plan`]'s feed (without its newline).
    fn story(n: usize) -> String {
        format!("{{\"body\": \"Story {n}.\"}}")
    }

    /// [`with_batches`] over `plan` with default read options and no progress display.
    fn batches<S: Send, T: Send>(
        plan: &[Planned],
        pool: &rayon::ThreadPool,
        stage: impl Fn(Batch) -> S + Sync,
        finish: impl Fn(S) -> T + Sync,
        each: impl FnMut(T) -> Result<(), PipelineError>,
    ) -> Result<u64, PipelineError> {
        with_batches(
            plan,
            &ReadOptions::default(),
            pool,
            &super::super::Silent,
            stage,
            |staged, _| finish(staged),
            each,
        )
    }

    /// A plan of one JSONL feed of `records` short stories in `dir`.
    fn feed_plan(dir: &std::path::Path, records: usize, hash_pending: bool) -> Vec<Planned> {
        let path = dir.join("feed.jsonl");
        let lines: String = (0..records).map(|i| story(i) + "\n").collect();
        std::fs::write(&path, lines).expect("write");
        let (inputs, errors) = crate::ingest::discover::discover(&[path.display().to_string()]);
        assert!(errors.is_empty());
        inputs
            .into_iter()
            .map(|input| Planned {
                input,
                input_id: 1,
                skip: 0,
                hash_pending,
            })
            .collect()
    }

    fn pool(threads: usize) -> rayon::ThreadPool {
        rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("pool")
    }

    #[test]
    fn stage_runs_in_the_pool_and_finish_outside_it() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 5, false);
        let pool = pool(2);
        let mut seen = Vec::new();
        batches(
            &plan,
            &pool,
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

    /// The text of a batch's first record, if it has one (the last batch may carry only how
    /// far its inputs were read).
    fn first_record(batch: &Batch) -> Option<String> {
        let first = batch.records.first()?.raw.as_ref().expect("a record");
        Some(String::from_utf8(first.bytes.clone()).expect("text"))
    }

    #[test]
    fn batches_staged_at_once_are_finished_and_handed_on_in_input_order() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 5 * BATCH_RECORDS, false);
        let pool = pool(2);
        let (staged, finished) = (
            std::sync::Mutex::new(Vec::new()),
            std::sync::Mutex::new(Vec::new()),
        );
        let mut handed = Vec::new();
        batches(
            &plan,
            &pool,
            |batch| {
                let first = first_record(&batch);
                // The first and third batches take longer: the batch after each is staged
                // first.
                if [story(0), story(2 * BATCH_RECORDS)]
                    .iter()
                    .any(|s| first.as_ref() == Some(s))
                {
                    std::thread::sleep(std::time::Duration::from_millis(300));
                }
                staged.lock().expect("lock").extend(first.clone());
                first
            },
            |first| {
                finished.lock().expect("lock").extend(first.clone());
                first
            },
            |first| {
                handed.extend(first);
                Ok(())
            },
        )
        .expect("read");
        let expected: Vec<String> = (0..5).map(|b| story(b * BATCH_RECORDS)).collect();
        // Staged out of order (the second batch before the first)...
        let staged = staged.into_inner().expect("lock");
        assert_ne!(staged, expected);
        assert_eq!(staged.len(), expected.len());
        // ...and handed on in order.
        assert_eq!(finished.into_inner().expect("lock"), expected);
        assert_eq!(handed, expected);
    }

    /// Run [`batches`] over 12 batches on a thread of its own, with stages that do nothing and
    /// a caller slower than them: `each` is given each batch's records 10 ms after it
    /// arrives. Once the first batch is in, batches queue up, the caller finds one whenever it
    /// asks, and the second stage thread waits for it to wait. A stage thread left waiting
    /// would keep the run from ending, so the result must come within 60 s.
    fn with_a_busy_caller(
        mut each: impl FnMut(usize) -> Result<(), PipelineError> + Send + 'static,
    ) -> Result<u64, PipelineError> {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 12 * BATCH_RECORDS, false);
        let (done_tx, done_rx) = crossbeam_channel::bounded(1);
        std::thread::spawn(move || {
            let pool = pool(2);
            let read = batches(
                &plan,
                &pool,
                |batch| batch.records.len(),
                |records| records,
                |records| {
                    std::thread::sleep(std::time::Duration::from_millis(10));
                    each(records)
                },
            );
            let _ = done_tx.send(read);
        });
        done_rx
            .recv_timeout(std::time::Duration::from_secs(60))
            .expect("the run ends")
    }

    #[test]
    fn a_stage_thread_parked_while_the_caller_is_busy_is_woken_to_end() {
        let handed = Arc::new(AtomicU64::new(0));
        let counted = Arc::clone(&handed);
        with_a_busy_caller(move |records| {
            counted.fetch_add(records as u64, Ordering::SeqCst);
            Ok(())
        })
        .expect("read");
        assert_eq!(handed.load(Ordering::SeqCst), 12 * BATCH_RECORDS as u64);
    }

    #[test]
    fn a_stage_thread_parked_while_the_caller_is_busy_is_woken_by_its_error() {
        // The run ends through the error, never waiting on an empty queue again.
        let mut handed = 0;
        let read = with_a_busy_caller(move |_| {
            handed += 1;
            if handed == 6 {
                return Err(PipelineError::ArchiveNotLoaded);
            }
            Ok(())
        });
        assert!(matches!(read, Err(PipelineError::ArchiveNotLoaded)));
    }

    #[test]
    fn a_batch_slow_to_stage_holds_back_the_others_within_the_window() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 12 * BATCH_RECORDS, false);
        let pool = pool(2);
        let first = story(0);
        let staged = std::sync::atomic::AtomicUsize::new(0);
        let mut ahead_of_first = None;
        batches(
            &plan,
            &pool,
            |batch| {
                if first_record(&batch).as_ref() == Some(&first) {
                    // Long enough for the other stage thread to stage every other batch,
                    // were it let.
                    std::thread::sleep(std::time::Duration::from_millis(300));
                    return Some(staged.load(Ordering::SeqCst));
                }
                staged.fetch_add(1, Ordering::SeqCst);
                None
            },
            |ahead| ahead,
            |ahead| {
                ahead_of_first = ahead_of_first.or(ahead);
                Ok(())
            },
        )
        .expect("read");
        // The window holds the first batch and at most STAGED_AHEAD - 1 after it.
        let ahead = ahead_of_first.expect("the first batch was handed on");
        assert!(ahead >= 1, "the other thread staged meanwhile");
        assert!(
            ahead < STAGED_AHEAD,
            "{ahead} batches staged ahead of the first"
        );
    }

    #[test]
    fn widened_room_is_taken_back_when_its_step_ends_or_panics() {
        let window = StageWindow::new(2);
        let room = Room(Some(&window));
        let entered = room.widened(|| (0..4).all(|_| window.enter()));
        assert!(
            entered,
            "four batches entered a window of two, widened by four"
        );
        assert_eq!(
            window.lock().0,
            2 - 4,
            "two more must leave before the next enters"
        );
        let panicked = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            room.widened(|| panic!("training failed"))
        }));
        assert!(panicked.is_err());
        assert_eq!(window.lock().0, -2, "taken back after the panic too");
        for _ in 0..4 {
            window.leave();
        }
        assert_eq!(window.lock().0, 2);
    }

    #[test]
    fn a_slow_finishing_step_widens_the_window_while_it_lasts() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 12 * BATCH_RECORDS, false);
        let pool = pool(2);
        let staged = (std::sync::Mutex::new(0usize), std::sync::Condvar::new());
        // All the widened window holds: the first batch, which has left it, and twice
        // STAGED_AHEAD more. (With the staged queue as short as the reader's, at most
        // STAGED_AHEAD - 1 more in the finishing stage's hands, two queued and one on each
        // stage thread.)
        let wanted = 2 * STAGED_AHEAD + 1;
        let mut handed = Vec::new();
        with_batches(
            &plan,
            &ReadOptions::default(),
            &pool,
            &super::super::Silent,
            |batch| {
                *staged.0.lock().expect("lock") += 1;
                staged.1.notify_all();
                first_record(&batch)
            },
            |first, room| {
                if first.as_deref() != Some(story(0).as_str()) {
                    return (first, None);
                }
                let seen = room.widened(|| {
                    let (count, _) = staged
                        .1
                        .wait_timeout_while(
                            staged.0.lock().expect("lock"),
                            std::time::Duration::from_secs(30),
                            |count| *count < wanted,
                        )
                        .expect("lock");
                    *count
                });
                (first, Some(seen))
            },
            |finished| {
                handed.push(finished);
                Ok(())
            },
        )
        .expect("read");
        let seen = handed[0].1.expect("the first batch took the slow step");
        assert!(seen >= wanted, "only {seen} batches staged meanwhile");
        // Every batch was handed on, in order (and the reader's last, with no record, after
        // them).
        let firsts: Vec<_> = handed.into_iter().filter_map(|(first, _)| first).collect();
        let expected: Vec<_> = (0..12).map(|b| story(b * BATCH_RECORDS)).collect();
        assert_eq!(firsts, expected);
    }

    #[test]
    fn a_stage_that_panics_stops_the_other_stages() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 12 * BATCH_RECORDS, false);
        let pool = pool(2);
        let staged = std::sync::atomic::AtomicUsize::new(0);
        let second = story(BATCH_RECORDS);
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            batches(
                &plan,
                &pool,
                |batch| {
                    if first_record(&batch).as_ref() == Some(&second) {
                        panic!("stage failed");
                    }
                    // Much slower than failing (the panic hook's backtrace included): the
                    // other stage thread is still on its first batches when the second
                    // batch fails.
                    std::thread::sleep(std::time::Duration::from_millis(200));
                    staged.fetch_add(1, Ordering::Relaxed);
                },
                |()| (),
                |()| Ok(()),
            )
        }));
        assert!(result.is_err(), "the panic reaches the caller");
        // The batches the other stage thread was on before the panic got to stop it, and
        // none after. (Without the stop it would fill the window and wait for room that
        // never comes, with the reader and the caller waiting on it.)
        let staged = staged.load(Ordering::Relaxed);
        assert!(staged <= 5, "{staged} of 12 batches staged");
    }

    #[test]
    fn an_error_handing_a_batch_on_stops_the_reader_and_every_stage() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 20 * BATCH_RECORDS, false);
        let pool = pool(2);
        let staged = std::sync::atomic::AtomicUsize::new(0);
        let mut handed = 0;
        let result = batches(
            &plan,
            &pool,
            |batch| {
                staged.fetch_add(1, Ordering::Relaxed);
                batch.records.len()
            },
            |records| records,
            |_| {
                handed += 1;
                Err(PipelineError::ArchiveNotLoaded)
            },
        );
        assert!(matches!(result, Err(PipelineError::ArchiveNotLoaded)));
        assert_eq!(handed, 1);
        // Stopped with the queues (about ten batches between them): not every batch was
        // read and staged.
        assert!(staged.load(Ordering::Relaxed) < 20, "{staged:?}");
    }

    #[test]
    fn a_small_run_keeps_whole_batches() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = feed_plan(dir.path(), 1_200, true);
        let pool = pool(1);
        let mut sizes = Vec::new();
        batches(
            &plan,
            &pool,
            |batch| batch.records.len(),
            |records| records,
            |records| {
                sizes.push(records);
                Ok(())
            },
        )
        .expect("read");
        // A small run is one batch, which would complete a new archive's dictionary samples.
        assert_eq!(sizes, [1_200]);
    }

    #[test]
    fn only_the_tail_of_a_large_run_is_cut_smaller() {
        const MB: u64 = 1 << 20;
        let whole = (BATCH_RECORDS, BATCH_BYTES);
        let quarter = (BATCH_RECORDS / 4, BATCH_BYTES / 4);
        assert_eq!(batch_limits(100 * MB, 0), whole);
        assert_eq!(batch_limits(100 * MB, 84 * MB), whole);
        assert_eq!(batch_limits(100 * MB, 85 * MB), quarter);
        // More read than planned (an input grew since it was planned): still the tail.
        assert_eq!(batch_limits(100 * MB, 120 * MB), quarter);
        assert_eq!(batch_limits(63 * MB, 60 * MB), whole);
    }

    /// A plan of new inputs: files of these sizes (`None`: a file that is gone by the time it
    /// is read).
    fn new_inputs(dir: &std::path::Path, sizes: &[Option<usize>]) -> Vec<Planned> {
        sizes
            .iter()
            .enumerate()
            .map(|(i, size)| {
                let path = dir.join(format!("{i}.txt"));
                let bytes: Vec<u8> = (0..size.unwrap_or(10))
                    .map(|b| (b * i % 251) as u8)
                    .collect();
                std::fs::write(&path, bytes).expect("write");
                let (mut inputs, errors) =
                    crate::ingest::discover::discover(&[path.display().to_string()]);
                assert!(errors.is_empty());
                if size.is_none() {
                    std::fs::remove_file(&path).expect("remove");
                }
                Planned {
                    input: inputs.remove(0),
                    input_id: i as i64 + 1,
                    skip: 0,
                    hash_pending: true,
                }
            })
            .collect()
    }

    fn outcome(read: &Hashed) -> Result<([u8; 32], Option<Vec<u8>>), std::io::ErrorKind> {
        match read {
            Ok(read) => Ok(read.clone()),
            Err(e) => Err(e.kind()),
        }
    }

    #[test]
    fn read_ahead_gives_what_the_reader_would_read_in_order() {
        let dir = tempfile::tempdir().expect("tmp");
        let sizes = [Some(100), None, Some(5_000), Some(40_000), Some(0), Some(7)];
        let plan = new_inputs(dir.path(), &sizes);
        let window = Window {
            threads: 3,
            inputs: 2,
            bytes: 10_000,
        };
        std::thread::scope(|scope| {
            let mut ahead = ReadAhead::start(scope, &plan, window);
            // The first two inputs are out at once, no more.
            assert_eq!((ahead.sent.len(), ahead.next), (2, 2));
            for (at, planned) in plan.iter().enumerate() {
                let direct = hashed(&planned.input, HASH_IN_MEMORY_MAX_BYTES);
                match ahead.take(at) {
                    // Larger than the window: left to the reader.
                    None => assert_eq!(sizes[at], Some(40_000)),
                    Some(read) => assert_eq!(outcome(&read), outcome(&direct), "input {at}"),
                }
                assert!(ahead.sent.len() <= 2 && ahead.sent_bytes <= 10_000);
            }
            assert_eq!((ahead.sent.len(), ahead.early.len()), (0, 0));
        });
    }

    #[test]
    fn read_ahead_without_threads_or_stopped_early_leaves_reading_to_the_reader() {
        let dir = tempfile::tempdir().expect("tmp");
        let plan = new_inputs(dir.path(), &[Some(10); 20]);
        let none = Window {
            threads: 0,
            inputs: 4,
            bytes: 1 << 20,
        };
        std::thread::scope(|scope| {
            let mut ahead = ReadAhead::start(scope, &plan, none);
            assert!((0..plan.len()).all(|at| ahead.take(at).is_none()));
        });
        // Dropped after one input, with others read or waiting: the threads end and the
        // scope returns.
        std::thread::scope(|scope| {
            let mut ahead = ReadAhead::start(scope, &plan, READ_AHEAD);
            assert!(matches!(ahead.take(0), Some(Ok(_))));
        });
        // Taken out of order: an input not sent is the reader's and the window moves past
        // it; one sent still comes back, and the window refills.
        std::thread::scope(|scope| {
            let two = Window {
                threads: 1,
                inputs: 2,
                bytes: 1 << 20,
            };
            let mut ahead = ReadAhead::start(scope, &plan, two);
            assert!(ahead.take(5).is_none());
            assert!(ahead.take(3).is_none());
            assert_eq!(ahead.next, 6);
            assert!(matches!(ahead.take(1), Some(Ok(_))));
            assert_eq!(ahead.sent, [0, 6]);
            assert!(matches!(ahead.take(0), Some(Ok(_))));
            assert!(matches!(ahead.take(6), Some(Ok(_))));
        });
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
