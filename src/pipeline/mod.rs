//! The pipeline: the only place that wires stages, batches, threads and transactions.
//!
//! ```text
//! discover ─▶ plan ─▶ read ─▶ parse ─▶ normalize ─▶ fingerprint ─▶ compress ─▶ match ─▶ store
//!  (paths)  (hash,   (reader  └──────── worker pool, order kept ───────────┘ (in input (one txn
//!           resume)   thread)                                                order)  per 6 batches)
//! ```
//! One reader thread streams records into bounded batches; the worker pool prepares a batch
//! (pure work, including compressing the first copy of each body) while the reader fills the
//! next; matching and writing run on the calling thread in input order, so the archive is
//! identical for any thread count. Beside them: reader connections fetch what matching of the
//! next batch needs from the archive on helper threads while the current batch is placed, and
//! a connection of its own checkpoints the WAL.
//!
//! Nothing here prints: progress and per-record problems go to a [`Progress`] the caller
//! provides, so the CLI owns the terminal and tests can collect messages.

mod load;
mod matching;
mod plan;
mod prepare;
mod read;

use crate::index::AnchorIndex;
use crate::ingest::{FieldMap, RecordError, discover, reader::ReadOptions};
use crate::matcher::{ArchivedProbes, CanonicalPolicy, Matcher, Thresholds};
use crate::normalize::Normalizer;
use crate::store::codec::Dictionary;
use crate::store::{
    BlockChanges, BlockPlan, BodyUpdate, InputProgress, RefingerprintCounts, RunCounts, Store,
    StoreError,
};
use load::{BodyScan, id_ranges, index_scans, load_index};
use prepare::Prepared;
use rayon::prelude::*;

/// Records per batch (six batches a transaction, see `matching::BATCHES_PER_COMMIT`).
pub const BATCH_RECORDS: usize = 2_000;
/// Raw bytes per batch, whichever limit comes first.
pub const BATCH_BYTES: usize = 16 * 1024 * 1024;

/// Everything an ingest run needs besides the archive and the paths.
#[derive(Debug, Clone)]
pub struct IngestConfig {
    pub read: ReadOptions,
    pub fields: FieldMap,
    pub normalizer: Normalizer,
    /// Stop at the first bad record instead of skipping it.
    pub strict: bool,
    /// Worker threads; 0 means one per core.
    pub threads: usize,
    /// Which article of a cluster is canonical.
    pub policy: CanonicalPolicy,
    pub thresholds: Thresholds,
    /// Bodies in each block of the index load's rows that a run stores for the next
    /// ([`crate::store::BLOCK_BODIES`]).
    pub index_block_bodies: i64,
}

/// Where the pipeline reports what happens.
pub trait Progress: Sync {
    /// Reading starts: `total_bytes` of input in `inputs` files.
    fn start(&self, _inputs: usize, _total_bytes: u64) {}
    /// Raw input bytes read so far.
    fn advance(&self, _bytes_read: u64) {}
    /// A record (or input) was skipped.
    fn problem(&self, _error: &RecordError) {}
    /// Something worth telling at verbose level (an input already ingested, a resume).
    fn note(&self, _message: &str) {}
}

/// A progress sink that ignores everything.
pub struct Silent;
impl Progress for Silent {}

/// What an ingest run did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct IngestSummary {
    /// Inputs found on the command line.
    pub inputs: u64,
    /// Inputs skipped because the archive already holds their content.
    pub inputs_unchanged: u64,
    /// Inputs picked up after an interrupted run.
    pub inputs_resumed: u64,
    pub articles_read: u64,
    /// Articles that started a new cluster (a story not seen before).
    pub new_stories: u64,
    /// Distinct clean bodies added.
    pub new_bodies: u64,
    /// Articles whose body was already archived.
    pub exact_copies: u64,
    /// Articles with a new body that verified as a near or contained copy.
    pub near_copies: u64,
    /// Clusters merged into another once an article linked them.
    pub merged_clusters: u64,
    /// Records and inputs skipped for errors.
    pub skipped: u64,
    pub bytes_read: u64,
    /// Time to load the candidate index from the archive at the start of the run.
    pub index_load_ms: u64,
    /// Blocks of the index load's rows stored for the next run (`store::blocks`).
    pub index_blocks_written: u64,
    /// (anchor, cluster) entries in the candidate index at the end of the run.
    pub index_entries: u64,
    /// Heap memory of the candidate index, with the gate's table of archived clusters, at the
    /// end of the run (estimated).
    pub index_bytes: u64,
}

/// A run that could not finish.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("{0} (stopped by --strict; nothing from the failing batch was written)")]
    Strict(RecordError),
    #[error("cannot compress a body: {0}")]
    Compress(std::io::Error),
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
    #[error("cannot start a thread: {0}")]
    Spawn(std::io::Error),
    #[error("the archive's bodies were not loaded, so copies of them cannot be told apart")]
    ArchiveNotLoaded,
}

impl IngestSummary {
    fn add(&mut self, counts: &RunCounts) {
        self.articles_read += counts.articles_read;
        self.new_bodies += counts.new_bodies;
        self.exact_copies += counts.exact_copies;
        self.near_copies += counts.near_copies;
        self.merged_clusters += counts.merged_clusters;
        self.skipped += counts.skipped;
        self.new_stories += counts.articles_read - counts.exact_copies - counts.near_copies;
    }

    fn counts(&self) -> RunCounts {
        RunCounts {
            articles_read: self.articles_read,
            new_bodies: self.new_bodies,
            exact_copies: self.exact_copies,
            near_copies: self.near_copies,
            merged_clusters: self.merged_clusters,
            skipped: self.skipped,
        }
    }
}

/// Ingest `paths` into `store`.
pub fn ingest(
    store: &mut Store,
    paths: &[String],
    config: &IngestConfig,
    progress: &dyn Progress,
) -> Result<IngestSummary, PipelineError> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .thread_name(|i| format!("nd-worker-{i}"))
        .build()?;
    let run_id = store.begin_run()?;
    let mut summary = IngestSummary::default();
    let checkpoints = store.background_checkpoints()?;
    let result = run(store, &pool, run_id, paths, config, progress, &mut summary);
    if result.is_err() {
        store.roll_back_held()?;
    }
    drop(checkpoints);
    store.automatic_checkpoints()?;
    store.finish_run(run_id, result.is_ok(), &summary.counts())?;
    result.map(|()| summary)
}

/// Helper threads that fetch a batch's candidates from the archive (each with a read
/// connection of its own) for a pool of `threads` workers: one for every two.
///
/// Each helper's connection maps the archive file, and every page it touches stays resident
/// while the connection is open; the kernel maps the cached pages around a touched one too.
/// In a 100k night into a 1M-article archive on two cores, two helpers mapped ~365 MiB each
/// (peak RSS 1,490 MiB); one alone mapped about as much as one of them did, and the night
/// took no longer (5.04 s against 5.16 s, 3 pairs; peak RSS 1,190 MiB). The helpers run
/// beside the workers, which keep the cores busy: a second helper on two cores did not fetch
/// sooner.
fn fetch_helpers(threads: usize) -> usize {
    (threads / 2).max(1)
}

fn run(
    store: &mut Store,
    pool: &rayon::ThreadPool,
    run_id: i64,
    paths: &[String],
    config: &IngestConfig,
    progress: &dyn Progress,
    summary: &mut IngestSummary,
) -> Result<(), PipelineError> {
    let (inputs, problems) = pool.install(|| discover::discover(paths));
    summary.inputs = inputs.len() as u64;
    summary.skipped += report(&problems, config, progress)?;
    let plan = plan::plan(store, run_id, inputs, config, progress, summary)?;
    // Read connections for fetching what matching needs from the archive.
    let readers: Vec<_> = (0..fetch_helpers(pool.current_num_threads()))
        .map(|_| store.reader())
        .collect::<Result<Option<Vec<_>>, _>>()?
        .unwrap_or_default();
    let stored = prepare::StoredBodies::default();
    let dictionaries = match store.dictionary()? {
        Some(current) => prepare::Dictionaries::using(current),
        None => prepare::Dictionaries::collecting(store.recent_bodies(prepare::TRAINING_SAMPLES)?),
    };
    let bases = &prepare::Bases::awaiting_seeds();
    let mut sequencer = matching::Sequencer::new(readers, pool, &stored);
    // The index loads on connections of its own while the first batches are read and
    // prepared: at a million archived articles, a second the workers used to wait through.
    // (They are compressed once it has loaded: see `compress_first_copies`.) It scans the
    // archive in as many parts at once as there are workers, up to four: into a 3M-article
    // archive the load took 1.3 s on one thread, most of it after the first batches were
    // prepared, while every other thread waited for it.
    let index_readers = (0..index_scans(pool.current_num_threads()))
        .map(|_| store.scan_reader())
        .collect::<Result<Option<Vec<_>>, _>>()?;
    let bases_reader = store.reader()?;
    // The index blocks a load writes, for an archive whose largest body id is `bound`.
    let block_plan = |bound: usize| BlockPlan {
        bodies: config.index_block_bodies,
        bound: bound as i64,
    };
    std::thread::scope(|scope| {
        let stored = &stored;
        let mut index = match index_readers {
            Some(readers) => PendingIndex::Loading(
                std::thread::Builder::new()
                    .name("nd-index".into())
                    .spawn_scoped(scope, move || {
                        announced(stored, || {
                            let bound = readers[0].bodies_bound()?;
                            let plan = block_plan(bound);
                            let ranges = id_ranges(bound, readers.len(), plan.bodies);
                            let mut scans =
                                ranges.zip(readers).map(|(ids, reader)| -> BodyScan<'_> {
                                    Box::new(move |visit| {
                                        reader.for_each_body_with_blocks(ids, plan, visit)
                                    })
                                });
                            let first = scans.next().expect("one scan at least");
                            load_index(bound, plan.bodies, first, scans.collect())
                        })
                    })
                    .map_err(PipelineError::Spawn)?,
            ),
            None => PendingIndex::Loaded(Box::new(announced(stored, || {
                let bound = store.bodies_bound()?;
                let plan = block_plan(bound);
                load_index(
                    bound,
                    plan.bodies,
                    |visit| store.for_each_body_with_blocks(plan, visit),
                    Vec::new(),
                )
            }))),
        };
        // The archive's latest stories, for the first new bodies to be compressed against:
        // read beside the index, on a connection of their own.
        match bases_reader {
            Some(reader) => {
                std::thread::Builder::new()
                    .name("nd-bases".into())
                    .spawn_scoped(scope, move || {
                        let problem = bases.seed_from(|| {
                            reader.recent_bases(prepare::SEED_BYTES, prepare::BASE_MIN_BYTES)
                        });
                        if let Some(problem) = problem {
                            progress.note(&unseeded(&problem));
                        }
                    })
                    .map_err(PipelineError::Spawn)?;
            }
            None => {
                if let Some(problem) = bases
                    .seed_from(|| store.recent_bases(prepare::SEED_BYTES, prepare::BASE_MIN_BYTES))
                {
                    progress.note(&unseeded(&problem));
                }
            }
        }
        let mut created = None;
        progress.start(plan.len(), plan.iter().map(|p| p.input.size).sum());
        let stage = |batch: read::Batch| {
            let cleaned: Vec<_> = batch
                .records
                .par_iter()
                .with_max_len(prepare::RECORDS_PER_TASK)
                .map(|r| prepare::clean(r, config))
                .collect();
            (prepare::analyze_batch(cleaned, stored), batch.progress)
        };
        // Compressing is a stage of its own, run from a thread outside the pool: the batch
        // that completes the dictionary's samples waits here while it trains (about a fifth
        // of a second, on that thread), and the pool prepares the next batches meanwhile, in
        // room widened for it.
        let finish = |(mut prepared, inputs): (Vec<_>, Vec<InputProgress>), room: &read::Room| {
            let compressed = prepare::compress_first_copies(
                &mut prepared,
                stored,
                &dictionaries,
                bases,
                pool,
                room,
            );
            (prepared, inputs, compressed)
        };
        let bytes_read = read::with_batches(
            &plan,
            &config.read,
            pool,
            progress,
            stage,
            finish,
            |(prepared, inputs, compressed)| {
                let matcher = started(&mut created, &mut index, store, config, summary)?;
                // A batch that cannot be queued ends the run, but the one queued before it is
                // committed first, as it would have been without the lookahead.
                let queued = queue(prepared, inputs, compressed, config, progress);
                let committed = match queued {
                    Ok(queued) => sequencer.push(store, matcher, queued)?,
                    Err(e) => {
                        if let Some(counts) = sequencer.finish(store, matcher)? {
                            summary.add(&counts);
                        }
                        return Err(e);
                    }
                };
                if let Some(counts) = committed {
                    summary.add(&counts);
                }
                Ok(())
            },
        )?;
        let matcher = started(&mut created, &mut index, store, config, summary)?;
        // The last batch. (After a failure nothing queued is committed: a batch that failed to
        // commit may be the one before it.)
        if let Some(counts) = sequencer.finish(store, matcher)? {
            summary.add(&counts);
        }
        summary.bytes_read = bytes_read;
        summary.index_entries = matcher.index().entries() as u64;
        summary.index_bytes = matcher.index_heap_bytes() as u64;
        // Freeing the index and caches (tens of milliseconds at a million articles) need not
        // hold up the end of the run: the pool does it while the run is recorded and the
        // archive closed.
        if let Some(matcher) = created.take() {
            pool.spawn(move || drop(matcher));
        }
        Ok(())
    })
}

/// A loaded candidate index and gate table, the index blocks to store that the load scanned,
/// and how long loading took.
struct Loaded {
    index: AnchorIndex,
    archived: ArchivedProbes,
    blocks: BlockChanges,
    took: std::time::Duration,
}
type LoadedIndex = Result<Loaded, StoreError>;

/// The candidate index while it loads.
enum PendingIndex<'scope> {
    Loading(std::thread::ScopedJoinHandle<'scope, LoadedIndex>),
    Loaded(Box<LoadedIndex>),
    /// Handed to the matcher (or its error returned).
    Taken,
}

/// The matcher, created once the index has loaded; the load time goes in the summary. No
/// batch is placed, so nothing is committed, before this: the index load's scans, on
/// connections of their own, rely on that to see one state of the archive
/// (`load::load_index`).
fn started<'m>(
    matcher: &'m mut Option<Matcher>,
    index: &mut PendingIndex,
    store: &mut Store,
    config: &IngestConfig,
    summary: &mut IngestSummary,
) -> Result<&'m mut Matcher, PipelineError> {
    if matcher.is_none() {
        let loaded = match std::mem::replace(index, PendingIndex::Taken) {
            PendingIndex::Loading(thread) => thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            PendingIndex::Loaded(loaded) => *loaded,
            PendingIndex::Taken => unreachable!("a failed load ends the run"),
        };
        let Loaded {
            index,
            archived,
            blocks,
            took,
        } = loaded?;
        summary.index_load_ms = took.as_millis() as u64;
        // The blocks are of the archive as the load saw it, which nothing has changed yet:
        // stored before the first batch, for the next run to read. They are a cache, but an
        // archive that cannot take this write cannot take the first batch either.
        store.put_index_blocks(&blocks)?;
        summary.index_blocks_written = blocks.write.len() as u64;
        *matcher =
            Some(Matcher::new(index, config.policy, config.thresholds).with_archived(archived));
    }
    Ok(matcher.as_mut().expect("created above"))
}

/// A prepared batch as the sequential stage takes it: its records that failed are reported
/// (under `--strict` the first one ends the run) and counted as skipped.
fn queue(
    prepared: Vec<Result<Prepared, RecordError>>,
    progress_of_inputs: Vec<InputProgress>,
    compressed: std::io::Result<Option<Dictionary>>,
    config: &IngestConfig,
    progress: &dyn Progress,
) -> Result<matching::Queued, PipelineError> {
    let dictionary = compressed.map_err(PipelineError::Compress)?;
    let mut counts = RunCounts::default();
    let mut good = Vec::with_capacity(prepared.len());
    for item in prepared {
        match item {
            Ok(p) => good.push(p),
            Err(e) => counts.skipped += report(std::slice::from_ref(&e), config, progress)?,
        }
    }
    Ok(matching::Queued {
        prepared: good,
        progress: progress_of_inputs,
        counts,
        dictionary,
    })
}

/// Report problems; under `--strict` the first one ends the run. Returns how many were skipped.
fn report(
    problems: &[RecordError],
    config: &IngestConfig,
    progress: &dyn Progress,
) -> Result<u64, PipelineError> {
    if let (true, Some(first)) = (config.strict, problems.first()) {
        return Err(PipelineError::Strict(first.clone()));
    }
    for p in problems {
        progress.problem(p);
    }
    Ok(problems.len() as u64)
}

/// What to say when the archive's latest stories could not be read as bases.
fn unseeded(problem: &str) -> String {
    format!("the archive's latest stories were not read as bases ({problem}); starting without")
}

/// The index `load` loads, the keys of the archive's bodies handed to `stored` as soon as they
/// are in (the prepare stage waits for them). If loading fails, or panics, `stored` is told
/// none will come.
fn announced(
    stored: &prepare::StoredBodies,
    load: impl FnOnce() -> Result<(Loaded, prepare::KeyMap), StoreError>,
) -> LoadedIndex {
    struct Unavailable<'s>(Option<&'s prepare::StoredBodies>);
    impl Drop for Unavailable<'_> {
        fn drop(&mut self) {
            if let Some(stored) = self.0 {
                stored.archive_unavailable();
            }
        }
    }
    let mut unavailable = Unavailable(Some(stored));
    let (loaded, keys) = load()?;
    stored.add_archive(keys);
    unavailable.0 = None;
    Ok(loaded)
}

/// Recompute every body's fingerprints with this binary's fingerprint version.
pub fn refingerprint(store: &mut Store) -> Result<RefingerprintCounts, PipelineError> {
    let mut updates: Vec<BodyUpdate> = Vec::new();
    let mut failure = None;
    store.for_each_body_chunk(&mut |chunk| {
        let analyzed: Vec<Result<BodyUpdate, StoreError>> = chunk
            .into_par_iter()
            .map(|(body_id, text)| {
                let a = crate::fingerprint::analyze(&text?);
                Ok(BodyUpdate {
                    body_id,
                    sha256: a.fingerprint.sha256,
                    simhash: a.fingerprint.simhash,
                    words: a.profile.words,
                    anchors: a.anchors,
                })
            })
            .collect();
        for item in analyzed {
            match item {
                Ok(u) => updates.push(u),
                Err(e) => failure = failure.take().or(Some(e)),
            }
        }
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    Ok(store.apply_refingerprint(&updates, crate::fingerprint::FINGERPRINT_VERSION)?)
}

/// What `verify` found.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct VerifyReport {
    pub bodies_checked: u64,
    pub problems: Vec<String>,
}

/// Check the whole archive: SQLite's integrity, the archive's invariants, and that every body
/// decompresses and still hashes to its recorded SHA-256.
pub fn verify(store: &Store) -> Result<VerifyReport, PipelineError> {
    let mut report = VerifyReport {
        problems: store.check_structure()?,
        ..Default::default()
    };
    let recorded: std::collections::HashMap<i64, Vec<u8>> =
        store.body_hashes()?.into_iter().collect();
    store.for_each_body_chunk(&mut |chunk| {
        report.bodies_checked += chunk.len() as u64;
        let found: Vec<Option<String>> = chunk
            .into_par_iter()
            .map(|(body_id, text)| match text {
                Err(e) => Some(e.to_string()),
                Ok(text) => {
                    let sha = crate::fingerprint::fingerprint(&text).sha256;
                    (recorded.get(&body_id).map(Vec::as_slice) != Some(&sha[..])).then(|| {
                        format!("body {body_id}: text does not hash to its recorded SHA-256")
                    })
                }
            })
            .collect();
        report.problems.extend(found.into_iter().flatten());
    })?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    #[test]
    fn one_fetch_helper_for_every_two_workers() {
        assert_eq!([1, 2, 3, 4, 8].map(super::fetch_helpers), [1, 1, 1, 2, 4]);
    }
}
