//! The pure per-record work, run on the worker pool: parse, normalize, fingerprint.

use super::IngestConfig;
use super::read::{Item, Room};
use crate::fingerprint::{Analysis, Form, Identity, analyze_unless};
use crate::ingest::{RecordError, parse_record};
use crate::model::CleanArticle;
use crate::store::codec::{self, Dictionary};
use crate::store::{ArchivedBase, ArticleRow, StoreError, StoredKey, body_key};
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::Arc;

/// A record ready to match and store.
pub struct Prepared {
    pub input_id: i64,
    pub raw_bytes: u64,
    pub clean: CleanArticle,
    /// The article's text columns as stored.
    pub row: ArticleRow,
    /// The body's SHA-256 and word count.
    pub identity: Identity,
    /// The rest of the body's analysis; `None` if `StoredBodies` held the body as the batch
    /// was prepared. Such a record is an exact copy of a stored body, which the matcher places
    /// without it, unless the copy takes its cluster over: the matcher's thread analyzes the
    /// body then (a few hundred times in the headline benchmark's 23,000 such bodies).
    pub analysis: Option<Analysis>,
    /// The first record of its batch with this body (see [`compress_first_copies`]): only
    /// those can be new to the archive.
    pub first: bool,
    /// The clean body, zstd-compressed: set on first records, unless the body is known to be
    /// stored already.
    pub frame: Option<Vec<u8>>,
    /// The body `frame` is compressed against, if it is (see [`Bases`]).
    pub base: Option<Arc<Base>>,
}

/// A record parsed and cleaned, its body not yet analyzed.
pub struct Cleaned {
    input_id: i64,
    raw_bytes: u64,
    clean: CleanArticle,
    row: ArticleRow,
    /// xxh3 of the clean text: records of a batch with equal texts are analyzed once.
    text_key: u64,
}

/// Parse and clean one record (the first half of the per-record work).
pub fn clean(item: &Item, config: &IngestConfig) -> Result<Cleaned, RecordError> {
    let raw = item.raw.as_ref().map_err(Clone::clone)?;
    let parsed = parse_record(raw, &config.fields)?;
    let paragraphs = parsed.paragraphs.len();
    let clean = config.normalizer.clean(parsed);
    if clean.text.is_empty() {
        let reason = if paragraphs == 0 {
            "empty body".to_string()
        } else {
            let rules: Vec<&str> = clean.removals.iter().map(|r| r.rule.as_str()).collect();
            format!(
                "empty body after removing boilerplate ({})",
                rules.join(", ")
            )
        };
        return Err(RecordError::new(raw.origin.clone(), reason));
    }
    Ok(Cleaned {
        input_id: item.input_id,
        raw_bytes: raw.bytes.len() as u64,
        text_key: xxh3(&clean.text),
        row: ArticleRow::new(&raw.origin, &clean.meta, &clean.removals),
        clean,
    })
}

/// Records a task of the pool takes at most. A batch's parallel step ends when its last task
/// does, and the pool's other thread may have nothing to do meanwhile. Left to itself, rayon
/// splits a batch into only as many pieces as it sees threads stealing; tasks of 16 records
/// keep the wait at the end of a step short (measured: 1.4 % faster on the headline
/// benchmark's archive part).
pub const RECORDS_PER_TASK: usize = 16;

/// Analyze the bodies of a batch's cleaned records (the second half), on the pool: each
/// distinct clean text once. A wire story is often copied several times within one batch
/// (a sixth of the articles of the headline benchmark), and an analysis is a function of the
/// text alone, so a repeat shares the first one's. A body `stored` holds is only identified
/// (see [`Prepared::analysis`]).
pub fn analyze_batch(
    cleaned: Vec<Result<Cleaned, RecordError>>,
    stored: &StoredBodies,
) -> Vec<Result<Prepared, RecordError>> {
    // For each record, the earlier record with the same text, if any.
    let mut first_with: rustc_hash::FxHashMap<u64, Vec<usize>> = Default::default();
    let mut repeats: Vec<Option<usize>> = vec![None; cleaned.len()];
    for (i, c) in cleaned.iter().enumerate() {
        let Ok(c) = c else { continue };
        let firsts = first_with.entry(c.text_key).or_default();
        let text = |j: usize| cleaned[j].as_ref().map(|c| c.clean.text.as_str()).ok();
        match firsts.iter().find(|&&j| text(j) == Some(&c.clean.text)) {
            Some(&j) => repeats[i] = Some(j),
            None => firsts.push(i),
        }
    }
    let distinct: Vec<(usize, &Cleaned)> = cleaned
        .iter()
        .enumerate()
        .filter(|&(i, _)| repeats[i].is_none())
        .filter_map(|(i, c)| c.as_ref().ok().map(|c| (i, c)))
        .collect();
    let mut analyses: Vec<Option<(Identity, Option<Analysis>)>> = vec![None; cleaned.len()];
    let analyzed: Vec<(usize, (Identity, Option<Analysis>))> = distinct
        .into_par_iter()
        .with_max_len(RECORDS_PER_TASK)
        .map(|(i, c)| {
            (
                i,
                analyze_unless(&c.clean.text, Form::Cleaned, |sha| stored.holds(sha)),
            )
        })
        .collect();
    for (i, analysis) in analyzed {
        analyses[i] = Some(analysis);
    }
    for (i, repeat) in repeats.iter().enumerate() {
        if let Some(j) = *repeat {
            analyses[i] = analyses[j].clone();
        }
    }
    cleaned
        .into_iter()
        .zip(analyses)
        .map(|(c, analysis)| {
            let c = c?;
            let (identity, analysis) =
                analysis.expect("every cleaned record is analyzed or repeats one");
            Ok(Prepared {
                input_id: c.input_id,
                raw_bytes: c.raw_bytes,
                clean: c.clean,
                row: c.row,
                identity,
                analysis,
                first: false,
                frame: None,
                base: None,
            })
        })
        .collect()
}

/// Mark the first record of each distinct body in the batch, and compress its body on `pool`
/// unless `stored` knows it is in the archive already. Later records with the same body are
/// exact copies of it and need no frame. A body much like one compressed shortly before it
/// is compressed against that one ([`Bases`]); the others with the batch's dictionary, which
/// this returns (see [`Dictionaries`]).
///
/// Called from outside `pool`: training the dictionary takes a fifth of a second on one
/// thread, and a worker of the pool that trained it kept a step of the pool's other work from
/// finishing meanwhile. (A worker waiting for a task another worker stole runs other jobs
/// while it waits, this one among them, and the step it waits in ends only when that job
/// does; the other worker sat idle.)
pub fn compress_first_copies(
    prepared: &mut [Result<Prepared, RecordError>],
    stored: &StoredBodies,
    dictionaries: &Dictionaries,
    bases: &Bases,
    pool: &rayon::ThreadPool,
    room: &Room,
) -> std::io::Result<Option<Dictionary>> {
    let mut seen = HashSet::new();
    let mut firsts: Vec<&mut Prepared> = prepared
        .iter_mut()
        .filter_map(|p| p.as_mut().ok())
        .filter(|p| seen.insert(p.identity.sha256))
        .collect();
    for p in &mut firsts {
        p.first = true;
    }
    let dictionary = dictionaries.for_batch(firsts.iter().map(|p| p.clean.text.as_str()), room);
    // Until the archive's keys are in, a body the archive holds would pass for new: it would
    // be compressed for nothing, and become a base for the bodies after it depending on how
    // soon the index loaded. (The matcher waits for the index anyway.)
    stored.wait_for_archive();
    let unknown = stored.unknown(firsts, |p| &p.identity.sha256);
    stored.add_pending(unknown.iter().map(|p| &p.identity.sha256));
    let chosen = bases.choose(&unknown);
    pool.install(|| {
        unknown
            .into_par_iter()
            .zip(chosen)
            .with_max_len(RECORDS_PER_TASK)
            .try_for_each(|(p, base)| -> std::io::Result<()> {
                let text = &p.clean.text;
                let plain = || codec::compress(text, dictionary.as_ref());
                let Some(base) = base else {
                    p.frame = Some(plain()?);
                    return Ok(());
                };
                let delta = codec::compress_against(text, &base.text)?;
                if delta.len() > text.len() / DELTA_WORTH_IT {
                    let plain = plain()?;
                    if plain.len() <= delta.len() {
                        p.frame = Some(plain);
                        return Ok(());
                    }
                }
                p.frame = Some(delta);
                p.base = Some(base);
                Ok(())
            })
    })?;
    Ok(dictionary)
}

/// A frame compressed against a base at most this fraction of its text (one `n`th) is kept
/// without trying the dictionary too. With the dictionary, near copies take about a fifth
/// of their text (22 % on the benchmark) and against a good base under a twentieth; a base
/// that shares less than it seemed to is caught here, and the smaller frame kept.
const DELTA_WORTH_IT: usize = 6;

/// Recent bodies that later bodies may be compressed against: a wire story's copies arrive
/// close together (in the headline benchmark nine in ten near or contained copies came within
/// 5,000 bodies of their cluster's previous body), and a copy compressed against the story's
/// first stored text takes a sixth of the bytes it takes with the dictionary
/// ([`codec::compress_against`]).
///
/// Kept: the archive's latest stories as the run starts ([`Bases::seed`], for late copies of
/// yesterday's wire stories), then the bodies of this run compressed without a base (a base
/// is never itself compressed against another, so one body's text is all it takes to decode
/// any frame), up to [`BASE_WINDOW_BYTES`] of text, and the newest body holding each anchor. A body's base is
/// the one holding most of its anchors, if that is at least [`BASE_MIN_ANCHORS`]: anchors are
/// one-permutation MinHash values, so two bodies share about their shingle Jaccard's share
/// of them, and a stock phrase shared by unrelated stories makes one anchor, not three.
///
/// Batches come here in input order, one at a time, and the choice depends only on the
/// bodies before, so frames are the same for any number of threads.
pub struct Bases {
    window: std::sync::Mutex<Window>,
    /// Signalled once the archive's latest stories are in (see [`Bases::seed`]).
    seeded: std::sync::Condvar,
}

impl Default for Bases {
    /// Bases from the run's own bodies only.
    fn default() -> Self {
        Self::keeping(BASE_WINDOW_BYTES)
    }
}

/// A body others may be compressed against.
pub struct Base {
    pub sha256: [u8; 32],
    pub text: Arc<str>,
    /// Its id, for a body the archive held as the run started (its text as stored).
    pub archived: Option<i64>,
}

struct Window {
    /// Bodies in the order they came, the oldest at the front; `first_seq` is the front's.
    bodies: std::collections::VecDeque<Arc<Base>>,
    first_seq: u64,
    /// Their text, and how much is kept.
    bytes: usize,
    limit: usize,
    /// The newest body with each anchor, by sequence number (possibly one gone since),
    /// direct-mapped by the anchor's low bits: a body displaces what shared its slot. (A hash
    /// map, pruned of bodies gone, took a third longer to choose.)
    by_anchor: Vec<(u32, u64)>,
    /// The archive's bodies are in (see [`Bases::seed`]).
    seeded: bool,
}

/// Slots of [`Window::by_anchor`]: more than the anchors of the bodies the window holds
/// (about 8,000 of 4 KB, 12 anchors each).
const ANCHOR_SLOTS: usize = 1 << 17;

/// Text kept for bases: about 8,000 bodies of 4 KB.
pub const BASE_WINDOW_BYTES: usize = 32 << 20;

/// Text of the archive's latest stories a run starts from (see [`Bases::seed`]): about 2,000
/// stories of 4 KB. Reading and decoding them takes ~20 ms beside the index load.
pub const SEED_BYTES: usize = 8 << 20;

/// Anchors a body must share with its base, of [`ANCHOR_BUCKETS`](crate::fingerprint::ANCHOR_BUCKETS).
pub const BASE_MIN_ANCHORS: usize = 3;

/// A body shorter than this is not kept as a base: it would save next to nothing.
pub const BASE_MIN_BYTES: usize = 256;

impl Bases {
    /// Bases from the run's own bodies only, with up to `bytes` of text.
    pub fn keeping(bytes: usize) -> Self {
        let bases = Self::awaiting(bytes);
        bases.seed(Vec::new());
        bases
    }

    /// Bases that choose nothing until [`Bases::seed`]ed with the archive's latest stories.
    pub fn awaiting_seeds() -> Self {
        Self::awaiting(BASE_WINDOW_BYTES)
    }

    fn awaiting(bytes: usize) -> Self {
        Self {
            window: std::sync::Mutex::new(Window {
                bodies: Default::default(),
                first_seq: 0,
                bytes: 0,
                limit: bytes,
                by_anchor: vec![(0, u64::MAX); ANCHOR_SLOTS],
                seeded: false,
            }),
            seeded: std::sync::Condvar::new(),
        }
    }

    fn window(&self) -> std::sync::MutexGuard<'_, Window> {
        self.window
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Start from bodies the archive holds (newest first): its latest stories, whose late
    /// copies tonight's dump may bring. Bases made [`Bases::awaiting_seeds`] choose nothing
    /// until this is done.
    pub fn seed(&self, archived: Vec<ArchivedBase>) {
        let mut window = self.window();
        window.seeded = true;
        self.seeded.notify_all();
        for base in archived.into_iter().rev() {
            window.add(
                Base {
                    sha256: base.sha256,
                    text: base.text.into(),
                    archived: Some(base.body_id),
                },
                &base.anchors,
            );
        }
    }

    /// [`Bases::seed`] with what `read` returns; with nothing if it fails or panics, and then
    /// what went wrong is returned.
    pub fn seed_from(
        &self,
        read: impl FnOnce() -> Result<Vec<ArchivedBase>, StoreError>,
    ) -> Option<String> {
        let (archived, problem) = match std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        {
            Ok(Ok(archived)) => (archived, None),
            Ok(Err(e)) => (Vec::new(), Some(e.to_string())),
            Err(_) => (Vec::new(), Some("reading them panicked".to_string())),
        };
        self.seed(archived);
        problem
    }

    /// The base for each of `bodies` (new to the archive, in input order), if one fits; bodies
    /// given none become bases for later ones.
    pub fn choose(&self, bodies: &[&mut Prepared]) -> Vec<Option<Arc<Base>>> {
        let mut window = self.window();
        while !window.seeded {
            window = self
                .seeded
                .wait(window)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
        bodies
            .iter()
            .map(|p| {
                let anchors = p.analysis.as_ref().map_or(&[][..], |a| &a.anchors[..]);
                let base = window.best(anchors);
                if base.is_none() && p.clean.text.len() >= BASE_MIN_BYTES {
                    let base = Base {
                        sha256: p.identity.sha256,
                        text: p.clean.text.as_str().into(),
                        archived: None,
                    };
                    window.add(base, anchors);
                }
                base
            })
            .collect()
    }
}

impl Window {
    /// The live body sharing most of `anchors`, with at least [`BASE_MIN_ANCHORS`].
    fn best(&self, anchors: &[u32]) -> Option<Arc<Base>> {
        let mut votes: smallvec::SmallVec<[(u64, usize); 12]> = smallvec::SmallVec::new();
        for &anchor in anchors {
            let (held, seq) = self.by_anchor[anchor as usize % ANCHOR_SLOTS];
            if held != anchor || seq < self.first_seq || seq == u64::MAX {
                continue;
            }
            match votes.iter_mut().find(|(s, _)| *s == seq) {
                Some((_, n)) => *n += 1,
                None => votes.push((seq, 1)),
            }
        }
        // Most anchors; among equals, the newest.
        let (seq, n) = votes.into_iter().max_by_key(|&(seq, n)| (n, seq))?;
        if n < BASE_MIN_ANCHORS {
            return None;
        }
        self.bodies.get((seq - self.first_seq) as usize).cloned()
    }

    fn add(&mut self, base: Base, anchors: &[u32]) {
        let seq = self.first_seq + self.bodies.len() as u64;
        self.bytes += base.text.len();
        self.bodies.push_back(Arc::new(base));
        for &anchor in anchors {
            self.by_anchor[anchor as usize % ANCHOR_SLOTS] = (anchor, seq);
        }
        while self.bytes > self.limit && !self.bodies.is_empty() {
            let gone = self.bodies.pop_front().expect("not empty");
            self.bytes -= gone.text.len();
            self.first_seq += 1;
        }
    }
}

/// Bodies a dictionary is trained on: about 0.4 s of training, once per archive.
pub const TRAINING_SAMPLES: usize = 1_000;

/// The dictionary bodies are compressed with during a run.
///
/// An archive without one collects the distinct bodies of its batches, in input order (after
/// the most recent bodies already stored, see [`Store::recent_bodies`]), and trains one as
/// soon as it has [`TRAINING_SAMPLES`] of them, before compressing the batch that completed
/// them. From then on every batch uses it. Batches reach this stage in input order, so the
/// dictionary and every frame are the same for any number of threads. If training fails (too
/// little text to learn from), the run goes on without a dictionary.
///
/// [`Store::recent_bodies`]: crate::store::Store::recent_bodies
pub struct Dictionaries(std::sync::Mutex<Training>);

enum Training {
    Trained(Option<Dictionary>),
    /// Distinct bodies so far, and the xxh3 of each: a body copied in a later batch, or
    /// stored already, counts once.
    Collecting(Vec<String>, rustc_hash::FxHashSet<u64>),
}

impl Dictionaries {
    /// Use the archive's dictionary.
    pub fn using(current: Dictionary) -> Self {
        Self(std::sync::Mutex::new(Training::Trained(Some(current))))
    }

    /// Collect samples to train one, starting from bodies the archive stores.
    pub fn collecting(stored: Vec<String>) -> Self {
        let seen = stored.iter().map(|s| xxh3(s)).collect();
        Self(std::sync::Mutex::new(Training::Collecting(stored, seen)))
    }

    /// The dictionary for a batch with these distinct bodies, trained first (in room widened
    /// for it) if they complete the samples.
    pub fn for_batch<'t>(
        &self,
        bodies: impl Iterator<Item = &'t str>,
        room: &Room,
    ) -> Option<Dictionary> {
        let mut training = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Training::Collecting(samples, seen) = &mut *training {
            for body in bodies {
                if samples.len() >= TRAINING_SAMPLES {
                    break;
                }
                if seen.insert(xxh3(body)) {
                    samples.push(body.to_owned());
                }
            }
            if samples.len() >= TRAINING_SAMPLES {
                let trained = room.widened(|| Dictionary::train(samples).ok());
                if let Some(d) = &trained {
                    codec::register(d);
                }
                *training = Training::Trained(trained);
            }
        }
        match &*training {
            Training::Trained(d) => d.clone(),
            Training::Collecting(..) => None,
        }
    }
}

fn xxh3(text: &str) -> u64 {
    twox_hash::XxHash3_64::oneshot(text.as_bytes())
}

/// Bodies known to be stored, by [`body_key`], with their ids: the archive's as the run
/// started (once the candidate index has loaded them, [`StoredBodies::add_archive`]), then
/// every body a placed batch inserts and every archived body found as an exact copy.
///
/// Three questions are asked of it. The prepare stage compresses only first records whose body
/// it does not hold, nor compressed for a batch ahead that is not placed yet (`pending`): in
/// the benchmark's 100k night a quarter of the articles are exact copies, and a third of those
/// copy a body first seen in an earlier batch (the rest, one in their own batch). The
/// matcher's thread looks a batch's bodies up in the archive only if it may hold them: once
/// the archive's keys are in, a body it does not hold is not archived, and most bodies of a
/// night are new. And that lookup goes by the ids kept here ([`StoredBodies::ids_of_each`]): the
/// archive has no index by hash, whose random writes made nights slower as it grew (schema
/// 8). A key shared by two bodies costs no more than a compression on the matcher's thread (a
/// first record that turns out new without a frame is compressed there, `matching::place`)
/// or one lookup more.
///
/// About 32 bytes a body.
#[derive(Default)]
pub struct StoredBodies {
    known: std::sync::Mutex<Known>,
    /// Signalled when the archive's keys are in, or will not come.
    archive: std::sync::Condvar,
}

#[derive(Default)]
struct Known {
    /// The stored bodies' keys.
    stored: KeyMap,
    /// The archive's bodies as the run started are in `stored`.
    complete: bool,
    /// Loading them failed: the run ends, and nothing waits for them.
    unavailable: bool,
    /// Bodies compressed for a batch not yet placed: each is stored once its batch is (as a
    /// new body, or found archived after all), and then moves to `stored`. Batches are
    /// compressed in input order a few ahead of the one being placed, and a wire story's
    /// copies often fall a batch or two apart: in the headline benchmark these were two
    /// thirds of the first records that copy an earlier batch's body.
    pending: rustc_hash::FxHashSet<u64>,
}

/// The ids of the stored bodies with one key: almost always one, or none.
pub type Ids = smallvec::SmallVec<[i64; 1]>;

/// Stored bodies' ids by [`body_key`].
#[derive(Debug, Default, PartialEq, Eq)]
pub struct KeyMap {
    /// The id of the first body stored with each key.
    keys: rustc_hash::FxHashMap<u64, i64>,
    /// The ids of later bodies with a key an earlier one has: two SHA-256s share their first
    /// eight bytes with probability ~n²/2⁶⁵, so this stays empty, but both are found if they do.
    shared: rustc_hash::FxHashMap<u64, Vec<i64>>,
}

impl From<Vec<StoredKey>> for KeyMap {
    fn from(keys: Vec<StoredKey>) -> Self {
        let mut map = Self::default();
        map.keys.reserve(keys.len());
        for key in keys {
            map.insert(key);
        }
        map
    }
}

impl KeyMap {
    /// How many bodies it holds.
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.keys.len() + self.shared.values().map(Vec::len).sum::<usize>()
    }

    fn ids(&self, sha256: &[u8; 32]) -> Ids {
        let key = body_key(sha256);
        let mut ids: Ids = self.keys.get(&key).copied().into_iter().collect();
        if let Some(more) = self.shared.get(&key) {
            ids.extend(more.iter().copied());
        }
        ids
    }

    /// Every body it holds.
    fn into_keys(self) -> impl Iterator<Item = StoredKey> {
        let first = self
            .keys
            .into_iter()
            .map(|(key, body_id)| StoredKey { key, body_id });
        let shared = self.shared.into_iter().flat_map(|(key, ids)| {
            ids.into_iter()
                .map(move |body_id| StoredKey { key, body_id })
        });
        first.chain(shared)
    }

    fn contains(&self, key: u64) -> bool {
        self.keys.contains_key(&key)
    }

    fn insert(&mut self, StoredKey { key, body_id }: StoredKey) {
        match self.keys.entry(key) {
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(body_id);
            }
            std::collections::hash_map::Entry::Occupied(first) => {
                if *first.get() != body_id {
                    let more = self.shared.entry(key).or_default();
                    if !more.contains(&body_id) {
                        more.push(body_id);
                    }
                }
            }
        }
    }
}

impl Known {
    fn ids(&self, sha256: &[u8; 32]) -> Ids {
        self.stored.ids(sha256)
    }

    fn holds(&self, key: u64) -> bool {
        self.stored.contains(key) || self.pending.contains(&key)
    }

    fn insert(&mut self, key: StoredKey) {
        self.stored.insert(key);
    }
}

impl StoredBodies {
    fn known(&self) -> std::sync::MutexGuard<'_, Known> {
        // The set is only ever extended: one a panicking thread left is still sound.
        self.known
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Remember these bodies, `(SHA-256, id)`, as stored.
    pub fn add<'a>(&self, bodies: impl IntoIterator<Item = (&'a [u8; 32], i64)>) {
        let mut known = self.known();
        for (sha256, body_id) in bodies {
            let key = body_key(sha256);
            known.pending.remove(&key);
            known.insert(StoredKey { key, body_id });
        }
    }

    /// Remember these bodies as compressed for a batch that will store them.
    pub fn add_pending<'a>(&self, sha256s: impl IntoIterator<Item = &'a [u8; 32]>) {
        self.known()
            .pending
            .extend(sha256s.into_iter().map(body_key));
    }

    /// Remember the keys of every body the archive held as the run started: from now on a
    /// body not known is not archived.
    pub fn add_archive(&self, keys: impl Into<KeyMap>) {
        let mut known = self.known();
        // The archive's bodies come first, then any stored since (none in a run: no batch is
        // placed before the archive's keys are in), so that a key's first id is the oldest.
        let since = std::mem::replace(&mut known.stored, keys.into());
        for key in since.into_keys() {
            known.insert(key);
        }
        known.complete = true;
        self.archive.notify_all();
    }

    /// The archive's keys will not come (loading them failed): stop waiting for them.
    pub fn archive_unavailable(&self) {
        self.known().unavailable = true;
        self.archive.notify_all();
    }

    /// Wait until the archive's keys are in (or will not come).
    pub fn wait_for_archive(&self) {
        let mut known = self.known();
        while !known.complete && !known.unavailable {
            known = self
                .archive
                .wait(known)
                .unwrap_or_else(std::sync::PoisonError::into_inner);
        }
    }

    /// Whether the archive's keys are in.
    pub fn has_archive(&self) -> bool {
        self.known().complete
    }

    /// Whether the body is known to be stored or compressed for a batch ahead.
    pub fn holds(&self, sha256: &[u8; 32]) -> bool {
        self.known().holds(body_key(sha256))
    }

    /// The items whose body is neither known to be stored nor compressed for a batch ahead,
    /// in order.
    pub fn unknown<T>(&self, items: Vec<T>, sha256: impl Fn(&T) -> &[u8; 32]) -> Vec<T> {
        let known = self.known();
        items
            .into_iter()
            .filter(|item| !known.holds(body_key(sha256(item))))
            .collect()
    }

    /// The ids of the stored bodies that may have this SHA-256 (those with its key), first
    /// stored first. None: the body is not stored (once the archive's keys are in).
    #[cfg(test)]
    fn ids(&self, sha256: &[u8; 32]) -> Ids {
        self.known().ids(sha256)
    }

    /// The ids of the stored bodies that may have each of these SHA-256s (those with its key),
    /// first stored first, in order, looked up under one lock (the prepare stage asks
    /// [`StoredBodies::holds`] meanwhile). None: the body is not stored (once the archive's
    /// keys are in).
    pub fn ids_of_each<'a>(&self, sha256s: impl IntoIterator<Item = &'a [u8; 32]>) -> Vec<Ids> {
        let known = self.known();
        sha256s.into_iter().map(|sha| known.ids(sha)).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::analyze;

    #[test]
    fn a_dictionary_is_trained_once_enough_bodies_are_seen_and_kept() {
        let bodies = codec::tests::sample_bodies(TRAINING_SAMPLES + 200);
        let batch = |dictionaries: &Dictionaries, range: std::ops::Range<usize>| {
            let texts = bodies[range].iter().map(String::as_str);
            dictionaries.for_batch(texts, &Room::detached())
        };
        let fresh = Dictionaries::collecting(Vec::new());
        assert_eq!(batch(&fresh, 0..600), None, "too few yet");
        // Copies of bodies seen before are not samples again.
        assert_eq!(batch(&fresh, 0..600), None, "still 600");
        let trained = batch(&fresh, 600..1_200).expect("trained");
        assert_eq!(
            trained,
            Dictionary::train(&bodies[..TRAINING_SAMPLES]).expect("train"),
            "on the first bodies seen, in order"
        );
        assert_eq!(batch(&fresh, 0..0), Some(trained.clone()));
        // Stored bodies count: enough of them trains before the first batch is compressed.
        let seeded = Dictionaries::collecting(bodies[..TRAINING_SAMPLES].to_vec());
        assert_eq!(batch(&seeded, 0..0), Some(trained.clone()));
        // An archive's own dictionary is used as it is.
        let other = Dictionary::train(&bodies[200..]).expect("train");
        let kept = Dictionaries::using(other.clone());
        assert_eq!(batch(&kept, 0..1_200), Some(other));
    }

    fn cleaned(text: &str, text_key: u64) -> Result<Cleaned, RecordError> {
        Ok(Cleaned {
            input_id: 1,
            raw_bytes: text.len() as u64,
            clean: CleanArticle {
                meta: Default::default(),
                text: text.to_string(),
                removals: Vec::new(),
            },
            row: ArticleRow::new(format!("feed.jsonl:{text_key}"), &Default::default(), &[]),
            text_key,
        })
    }

    #[test]
    fn a_batch_analyzes_each_distinct_text_and_repeats_share_it() {
        let (a, b) = (
            "The harbor bridge reopened on Tuesday after three weeks of repairs to its deck.",
            "The county board voted to close the old library branch at the end of the year.",
        );
        let failed = RecordError::new(
            crate::model::Origin {
                path: "feed.jsonl".into(),
                line: Some(3),
            },
            "empty body",
        );
        let batch = vec![
            cleaned(a, xxh3(a)),
            cleaned(b, xxh3(b)),
            Err(failed.clone()),
            cleaned(a, xxh3(a)),
            // The same key with another text (a hash collision) is analyzed on its own.
            cleaned(b, xxh3(a)),
        ];
        let prepared = analyze_batch(batch, &StoredBodies::default());
        assert_eq!(prepared.len(), 5, "one result per record, in order");
        let analysis = |i: usize| {
            let p = prepared[i].as_ref().expect("prepared");
            assert_eq!(
                p.analysis.as_ref().map(Analysis::identity),
                Some(p.identity)
            );
            p.analysis.as_ref().expect("analyzed")
        };
        assert_eq!(*analysis(0), analyze(a));
        assert_eq!(*analysis(1), analyze(b));
        assert_eq!(prepared[2].as_ref().err(), Some(&failed));
        assert_eq!(*analysis(3), analyze(a));
        assert_eq!(*analysis(4), analyze(b));
        assert!(
            std::sync::Arc::ptr_eq(&analysis(0).profile, &analysis(3).profile),
            "a repeat shares the first record's analysis"
        );
        assert!(
            !std::sync::Arc::ptr_eq(&analysis(1).profile, &analysis(4).profile),
            "a text under another's key is analyzed, not matched by key alone"
        );
        let origins: Vec<_> = prepared
            .iter()
            .filter_map(|p| p.as_ref().ok().map(|p| p.row.origin().to_string()))
            .collect();
        assert_eq!(origins.len(), 4);
        assert_eq!(origins[2], format!("feed.jsonl:{}", xxh3(a)));
    }

    #[test]
    fn a_body_known_stored_is_only_identified() {
        let (a, b) = (
            "The harbor bridge reopened on Tuesday after three weeks of repairs to its deck.",
            "Ferry fares rise by a fifth in March, the transit authority said on Friday.",
        );
        let stored = StoredBodies::default();
        stored.add([(&analyze(a).fingerprint.sha256, 1)]);
        let batch = vec![
            cleaned(a, xxh3(a)),
            cleaned(b, xxh3(b)),
            cleaned(a, xxh3(a)),
        ];
        let prepared: Vec<Prepared> = analyze_batch(batch, &stored)
            .into_iter()
            .map(|p| p.expect("prepared"))
            .collect();
        for p in [&prepared[0], &prepared[2]] {
            assert_eq!(
                p.identity,
                analyze(a).identity(),
                "the same hash and word count"
            );
            assert!(p.analysis.is_none());
        }
        assert_eq!(prepared[1].analysis, Some(analyze(b)));
    }

    #[test]
    fn stored_bodies_know_what_was_added_with_its_id_and_nothing_else() {
        let stored = StoredBodies::default();
        let (a, b, c) = ([1u8; 32], [2u8; 32], [3u8; 32]);
        assert_eq!(stored.unknown(vec![a, b], |x| x), [a, b]);
        stored.add([(&a, 10)]);
        assert_eq!(stored.unknown(vec![a, b, a], |x| x), [b]);
        assert!(!stored.has_archive());
        stored.add_archive(vec![StoredKey {
            key: body_key(&c),
            body_id: 3,
        }]);
        assert!(stored.has_archive());
        assert_eq!(stored.unknown(vec![a, b, c], |x| x), [b]);
        assert_eq!(stored.ids(&a).as_slice(), [10]);
        assert_eq!(stored.ids(&c).as_slice(), [3]);
        assert!(stored.ids(&b).is_empty(), "not stored");
        // A body that shares a key with a stored one gets that body's id to check, and a
        // second body with the key is found too.
        let mut twin = c;
        twin[31] = 9;
        assert_eq!(stored.ids(&twin).as_slice(), [3]);
        stored.add([(&twin, 12), (&twin, 12)]);
        assert_eq!(stored.ids(&twin).as_slice(), [3, 12]);
        assert_eq!(stored.ids(&c).as_slice(), [3, 12]);
    }

    #[test]
    fn a_body_compressed_for_a_batch_ahead_is_not_compressed_again_nor_taken_for_archived() {
        let stored = StoredBodies::default();
        stored.add_archive(Vec::new());
        let (a, b) = ([1u8; 32], [2u8; 32]);
        stored.add_pending([&a]);
        assert_eq!(stored.unknown(vec![a, b], |x| x), [b]);
        // Not stored yet: the matcher's thread finds it among the bodies the batch ahead
        // inserted, not in the archive.
        assert!(stored.ids(&a).is_empty());
        stored.add([(&a, 7)]);
        assert_eq!(stored.unknown(vec![a, b], |x| x), [b]);
        assert_eq!(stored.ids(&a).as_slice(), [7]);
        assert!(
            stored.known().pending.is_empty(),
            "stored bodies leave the pending set"
        );
    }

    /// A story of `words` words drawn from a vocabulary by `seed`: stories of different seeds
    /// share no phrasing.
    fn story(seed: u64, words: usize) -> String {
        let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
        (0..words)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                format!("w{}", x % 5_000)
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn base_of(p: &Prepared) -> Option<[u8; 32]> {
        p.base.as_ref().map(|b| b.sha256)
    }

    /// Prepare and compress `texts` as one batch.
    fn compressed(texts: &[&str], bases: &Bases) -> Vec<Prepared> {
        let stored = StoredBodies::default();
        stored.add_archive(Vec::new());
        let batch = texts.iter().map(|t| cleaned(t, xxh3(t))).collect();
        let mut prepared = analyze_batch(batch, &stored);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool");
        let dictionaries = Dictionaries::collecting(Vec::new());
        compress_first_copies(
            &mut prepared,
            &stored,
            &dictionaries,
            bases,
            &pool,
            &Room::detached(),
        )
        .expect("compress");
        prepared.into_iter().map(|p| p.expect("prepared")).collect()
    }

    #[test]
    fn a_near_copy_is_compressed_against_the_story_before_it() {
        let (a, b) = (story(1, 600), story(2, 600));
        // An edited lede and a paragraph added.
        let near = format!("{} {}", story(3, 20), &a[40..]) + " " + &story(4, 40);
        let bases = Bases::default();
        let first = compressed(&[&a, &b], &bases);
        assert!(first.iter().all(|p| p.base.is_none() && p.frame.is_some()));
        let c = story(5, 600);
        let second = compressed(&[&near, &c], &bases);
        assert_eq!(base_of(&second[0]), Some(first[0].identity.sha256));
        assert_eq!(base_of(&second[1]), None, "an unrelated story has no base");
        let frame = second[0].frame.as_deref().expect("frame");
        assert_eq!(
            codec::decompress_against(frame, near.len(), &a).expect("decode"),
            near
        );
        let alone = codec::compress(&near, None).expect("compress");
        assert!(
            frame.len() * 4 < alone.len(),
            "{} bytes against the story, {} alone",
            frame.len(),
            alone.len()
        );
    }

    #[test]
    fn a_body_compressed_against_another_is_no_base_itself() {
        let a = story(1, 600);
        let trimmed = a[..a.len() * 2 / 3].to_string();
        let longer = format!("{a} {}", story(7, 30));
        let batch = compressed(&[&a, &trimmed, &longer], &Bases::default());
        let sha = batch[0].identity.sha256;
        assert_eq!(base_of(&batch[0]), None);
        assert_eq!(base_of(&batch[1]), Some(sha));
        assert_eq!(
            base_of(&batch[2]),
            Some(sha),
            "against the first, not the copy"
        );
    }

    #[test]
    fn bodies_leave_the_window_once_newer_ones_fill_it() {
        let (a, b) = (story(1, 600), story(2, 600));
        let near = format!("{a} {}", story(8, 10));
        // Room for one of them.
        let bases = Bases::keeping(a.len().max(b.len()) + 1);
        compressed(&[&a, &b], &bases);
        assert_eq!(base_of(&compressed(&[&near], &bases)[0]), None);
        let bases = Bases::keeping(a.len() + b.len());
        let first = compressed(&[&a, &b], &bases);
        assert_eq!(
            base_of(&compressed(&[&near], &bases)[0]),
            Some(first[0].identity.sha256)
        );
    }

    #[test]
    fn compressing_waits_for_the_archive_and_an_archived_body_is_no_base() {
        let archived = story(1, 600);
        let near = format!("{archived} {}", story(9, 10));
        let stored = StoredBodies::default();
        let batch = [&archived, &near]
            .iter()
            .map(|t| cleaned(t, xxh3(t)))
            .collect();
        let mut prepared = analyze_batch(batch, &stored);
        let sha = |p: &Result<Prepared, RecordError>| p.as_ref().expect("prepared").identity.sha256;
        let archived_key = StoredKey {
            key: body_key(&sha(&prepared[0])),
            body_id: 1,
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(2)
            .build()
            .expect("pool");
        let dictionaries = Dictionaries::collecting(Vec::new());
        let bases = Bases::default();
        std::thread::scope(|scope| {
            let compressing = scope.spawn(|| {
                compress_first_copies(
                    &mut prepared,
                    &stored,
                    &dictionaries,
                    &bases,
                    &pool,
                    &Room::detached(),
                )
            });
            // The archive's keys come after compressing started: it waits for them. (The
            // pause only gives a compression that did not wait the time to finish first;
            // waiting, the outcome is the same however long it is.)
            std::thread::sleep(std::time::Duration::from_millis(50));
            stored.add_archive(vec![archived_key]);
            compressing.join().expect("thread").expect("compress");
        });
        let prepared: Vec<Prepared> = prepared.into_iter().map(|p| p.expect("p")).collect();
        assert!(prepared[0].frame.is_none(), "archived: nothing to store");
        assert!(prepared[1].frame.is_some());
        assert_eq!(
            base_of(&prepared[1]),
            None,
            "not against a body this run stores not"
        );
    }

    #[test]
    fn compressing_goes_on_when_the_archive_cannot_be_read() {
        let stored = StoredBodies::default();
        stored.archive_unavailable();
        let text = story(1, 100);
        let mut prepared = analyze_batch(vec![cleaned(&text, xxh3(&text))], &stored);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("pool");
        compress_first_copies(
            &mut prepared,
            &stored,
            &Dictionaries::collecting(Vec::new()),
            &Bases::default(),
            &pool,
            &Room::detached(),
        )
        .expect("compress");
        assert!(prepared[0].as_ref().expect("p").frame.is_some());
    }

    #[test]
    fn a_late_copy_of_an_archived_story_is_compressed_against_it_once_seeded() {
        let story_text = story(1, 600);
        let late = format!("{} {}", story(6, 15), &story_text[30..]);
        let archived = analyze(&story_text);
        let bases = Bases::awaiting_seeds();
        let batch = std::thread::scope(|scope| {
            let compressing = scope.spawn(|| compressed(&[&late, &story(2, 600)], &bases));
            // Seeded after choosing started: it waits. (The pause only gives a choice that did
            // not wait the time to be made first; waiting, the outcome is the same.)
            std::thread::sleep(std::time::Duration::from_millis(50));
            bases.seed(vec![ArchivedBase {
                body_id: 41,
                sha256: archived.fingerprint.sha256,
                text: story_text.clone(),
                anchors: archived.anchors.clone(),
            }]);
            compressing.join().expect("thread")
        });
        let base = batch[0].base.as_ref().expect("a base");
        assert_eq!(base.archived, Some(41));
        assert_eq!(&*base.text, story_text.as_str());
        assert!(batch[1].base.is_none());
        let frame = batch[0].frame.as_deref().expect("frame");
        assert_eq!(
            codec::decompress_against(frame, late.len(), &story_text).expect("decode"),
            late
        );
    }

    #[test]
    fn seeds_that_cannot_be_read_are_none_and_say_why() {
        let failed = Bases::awaiting_seeds();
        let problem = failed.seed_from(|| Err(StoreError::Missing("a.db".into())));
        assert!(problem.is_some_and(|p| p.contains("a.db")));
        let panicked = Bases::awaiting_seeds();
        let problem = panicked.seed_from(|| panic!("read failed"));
        assert_eq!(problem.as_deref(), Some("reading them panicked"));
        // Neither waits any more.
        for bases in [&failed, &panicked] {
            let text = story(3, 200);
            assert!(compressed(&[&text], bases)[0].base.is_none());
        }
    }
}
