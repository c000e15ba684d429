//! Matching and storing batches: the sequential part of the pipeline.
//!
//! Bodies arrive compressed from the prepare stage, but for those it was told are stored
//! already ([`StoredBodies`]). A batch's articles are placed by the matcher and written in
//! input order, so later articles of the batch match against earlier ones; every
//! [`BATCHES_PER_COMMIT`] batches are one transaction. A batch's exact copies of archived
//! bodies are looked up once, and reader threads fetch what the matcher will need from the
//! archive and does not hold while the batch before it is being placed ([`Sequencer`]).

use super::PipelineError;
use super::prepare::{Base, Prepared, StoredBodies};
use crate::fingerprint::{Analysis, Identity, Profile, analyze};
use crate::matcher::{
    Archive, Canonical, Incoming, Matcher, Placement, Probe, Takeover, Wanted, profile_of,
};
use crate::model::Relation;
use crate::store::codec::Dictionary;
use crate::store::{
    Batch, CanonicalRow, InputProgress, NewArticle, NewBody, Reader, RunCounts, Store, StoreError,
    codec,
};
use rustc_hash::FxHashMap;
use std::sync::Arc;

/// Batches placed per commit: the transaction is held open across them ([`Batch::hold`]).
/// Against a large archive each commit writes every B-tree page its batches dirtied to the
/// WAL, and an index with random keys puts those pages all over the file: with the unique
/// index on `bodies.sha256` that schema 8 dropped, a 100k-article night into a 1M-article
/// archive wrote 4.4 GB committing every batch of 2,000, 1.45 GB every three and 1.0 GB
/// every six (1.37 GB with delta frames). Each commit also makes the reader connections drop
/// the pages they had mapped. Six made that night 8–14 % faster than three; ten wrote less
/// still (0.75 GB) but was no faster, and held more mapped pages at once. Without that index
/// the night writes 0.5 GB at six.
///
/// What a crash costs is re-reading the batches since the last commit (12,000 records).
/// Correctness does not depend on this number: reader connections see only committed rows,
/// and the matcher refuses fetched canonicals of clusters it changed during the run
/// ([`Matcher::add_canonicals`]), reading those through the open transaction instead.
const BATCHES_PER_COMMIT: usize = 6;

/// Bodies by SHA-256: `(body_id, cluster_id)`.
type BodiesBySha = FxHashMap<[u8; 32], (i64, i64)>;

/// The archive as the matcher sees it: the open batch transaction, with exact-copy lookups
/// answered from memory (the archive's answers were fetched before the batch, in one pass).
struct View<'b, 'a> {
    batch: &'b Batch<'a>,
    /// Bodies of this batch's hashes that were archived before the batch.
    archived: &'b BodiesBySha,
    /// Bodies inserted by this batch so far.
    inserted: &'b BodiesBySha,
}

impl Archive for View<'_, '_> {
    type Error = StoreError;

    fn find_body(&mut self, sha256: &[u8; 32]) -> Result<Option<(i64, i64)>, StoreError> {
        Ok(self
            .inserted
            .get(sha256)
            .or_else(|| self.archived.get(sha256))
            .copied())
    }

    fn canonical(&mut self, cluster_id: i64) -> Result<Canonical, StoreError> {
        Ok(canonical_of(self.batch.canonical(cluster_id)?))
    }

    fn body_text(&mut self, body_id: i64) -> Result<String, StoreError> {
        self.batch.body_text(body_id)
    }

    fn cluster_bodies(&mut self, cluster_id: i64) -> Result<Vec<i64>, StoreError> {
        self.batch.cluster_bodies(cluster_id)
    }
}

/// What placing one batch keeps track of between articles.
struct BatchState {
    archived: BodiesBySha,
    inserted: BodiesBySha,
    next_article_id: i64,
    /// The id the next new cluster takes (see [`Carried::next_cluster_id`]).
    next_cluster_id: i64,
    /// What the batch's bodies are compressed with.
    dictionary: Option<Dictionary>,
    /// Bodies stored without a base (see [`Carried::full_texts`]).
    full_texts: FullTexts,
}

/// The bodies this run stored compressed against no other, by SHA-256, with the length of
/// the text stored: the bases the prepare stage compresses bodies against
/// ([`Bases`](super::prepare::Bases)).
///
/// Only this run's: a base must be stored with the very text the frame was compressed
/// against, and the SHA-256 is of the folded text, the same for reprints with other quotes,
/// case or paragraph breaks. A base is a body the prepare stage took for new once the
/// archive's keys were in, so this run stores it, with its own text (a later body with its
/// SHA-256 is an exact copy of it). Should a base be missing all the same, its copies are
/// compressed with the dictionary here rather than stored against another text. Bounded, the
/// oldest forgotten first (a forgotten base costs a copy its smaller frame, nothing else).
#[derive(Default)]
struct FullTexts {
    ids: FxHashMap<[u8; 32], (i64, usize)>,
    order: std::collections::VecDeque<[u8; 32]>,
}

/// Bodies [`FullTexts`] keeps.
const FULL_TEXTS_KEPT: usize = 1 << 18;

impl FullTexts {
    fn add(&mut self, sha256: [u8; 32], body_id: i64, text_bytes: usize) {
        if self.ids.insert(sha256, (body_id, text_bytes)).is_none() {
            self.order.push_back(sha256);
        }
        while self.order.len() > FULL_TEXTS_KEPT {
            let gone = self.order.pop_front().expect("not empty");
            self.ids.remove(&gone);
        }
    }

    /// The body this run stored without a base for `base`, if any (and of its length).
    fn find(&self, base: &Base) -> Option<i64> {
        self.ids
            .get(&base.sha256)
            .filter(|(_, bytes)| *bytes == base.text.len())
            .map(|&(id, _)| id)
    }
}

/// What a placed batch hands on to the next one.
#[derive(Default)]
struct Carried {
    /// Bodies the batch inserted.
    last_inserted: BodiesBySha,
    /// Bodies the run stored without a base.
    full_texts: FullTexts,
    /// The id the run's next new cluster takes; `None` before the first batch, which asks the
    /// archive ([`Batch::next_cluster_id`]). Ids only grow, within a run and across runs: a
    /// cluster merged away is deleted, and if the next new cluster took its id (SQLite's
    /// default for the highest rowid), the matcher, which redirects the merged id to the
    /// cluster it joined, would send the new story's copies there, and exports of two nights
    /// would give one id to two stories.
    next_cluster_id: Option<i64>,
}

/// A prepared batch waiting for its turn in [`Sequencer`].
pub struct Queued {
    pub prepared: Vec<Prepared>,
    /// How far each input is read once the batch commits.
    pub progress: Vec<InputProgress>,
    /// What preparing the batch already counted (skipped records).
    pub counts: RunCounts,
    /// The dictionary the batch's bodies are compressed with, stored with the batch.
    pub dictionary: Option<Dictionary>,
}

/// The sequential stage, one batch ahead: while batch N is placed and written on this thread,
/// reader threads fetch and profile what batch N+1 will be verified against.
///
/// What N+1 needs is worked out before N is placed, from the archive as committed and the
/// matcher's caches. That is safe: whatever N changes (new clusters, takeovers, merges) the
/// matcher holds in memory or, once evicted, reads through the open transaction; a fetched
/// canonical never replaces one it holds nor one of a cluster it changed (see
/// [`Matcher::add_canonicals`]); a body's profile never changes. N+1's exact copies are looked
/// up at the same time, and N's own new bodies added to them when N+1's turn comes.
pub struct Sequencer<'p> {
    readers: Vec<Reader>,
    /// Where placed batches are freed: dropping a batch's strings and vectors is not the
    /// matcher's thread's work.
    pool: &'p rayon::ThreadPool,
    /// Told which bodies are stored, so that the prepare stage need not compress them again.
    stored: &'p StoredBodies,
    queued: Option<(Queued, BodiesBySha)>,
    /// What the batch placed last hands on to the next.
    carried: Carried,
    /// Batches placed since the last commit, and what they counted.
    held: usize,
    uncommitted: RunCounts,
}

impl<'p> Sequencer<'p> {
    pub fn new(
        readers: Vec<Reader>,
        pool: &'p rayon::ThreadPool,
        stored: &'p StoredBodies,
    ) -> Self {
        Self {
            readers,
            pool,
            stored,
            queued: None,
            carried: Carried::default(),
            held: 0,
            uncommitted: RunCounts::default(),
        }
    }

    /// Queue `next`; place the batch queued before it, if any, while `next`'s candidates are
    /// fetched, and commit it with the batches held before it every [`BATCHES_PER_COMMIT`].
    /// Returns what the committed batches counted, if this call committed.
    pub fn push(
        &mut self,
        store: &mut Store,
        matcher: &mut Matcher,
        next: Queued,
    ) -> Result<Option<RunCounts>, PipelineError> {
        let archived = archived_bodies(store, self.stored, &next.prepared)?;
        self.stored.add(ids_of(&archived));
        let wanted = wanted(matcher, &archived, &next.prepared);
        let previous = self.queued.replace((next, archived));
        let readers = &mut self.readers;
        let carried = &mut self.carried;
        let pool = self.pool;
        let commit = self.held + 1 >= BATCHES_PER_COMMIT;
        let (fetched, placed) = std::thread::scope(|scope| {
            let helpers = spawn_fetch(scope, readers, &wanted);
            let placed = previous
                .map(|(queued, archived)| {
                    let archived =
                        with_inserted(archived, &carried.last_inserted, &queued.prepared);
                    place_batch(store, matcher, queued, archived, carried, pool, commit)
                })
                .transpose();
            (join_fetch(helpers), placed)
        });
        let placed = placed?;
        self.stored.add(ids_of(&self.carried.last_inserted));
        add_fetched(matcher, fetched?);
        Ok(placed.and_then(|counts| self.account(counts, commit)))
    }

    /// Add a placed batch's counts to those not yet committed; after a commit, take them all.
    fn account(&mut self, counts: RunCounts, committed: bool) -> Option<RunCounts> {
        self.uncommitted.add(&counts);
        if !committed {
            self.held += 1;
            return None;
        }
        self.held = 0;
        Some(std::mem::take(&mut self.uncommitted))
    }

    /// Place the last queued batch and commit it with the batches held before it. Returns what
    /// they counted. (After an error, [`Store::roll_back_held`] ends what was held instead.)
    pub fn finish(
        &mut self,
        store: &mut Store,
        matcher: &mut Matcher,
    ) -> Result<Option<RunCounts>, PipelineError> {
        let Some((queued, archived)) = self.queued.take() else {
            // A batch is held only by a push that queued the next one.
            debug_assert_eq!(self.held, 0, "held batches without a queued one");
            return Ok(None);
        };
        let archived = with_inserted(archived, &self.carried.last_inserted, &queued.prepared);
        let counts = place_batch(
            store,
            matcher,
            queued,
            archived,
            &mut self.carried,
            self.pool,
            true,
        )?;
        Ok(self.account(counts, true))
    }
}

/// Place a batch's articles in input order and record its inputs' progress; then commit the
/// transaction (`commit`) or hold it open for the next batch.
fn place_batch(
    store: &mut Store,
    matcher: &mut Matcher,
    queued: Queued,
    archived: BodiesBySha,
    carried: &mut Carried,
    pool: &rayon::ThreadPool,
    commit: bool,
) -> Result<RunCounts, PipelineError> {
    let Queued {
        prepared,
        progress,
        mut counts,
        dictionary,
    } = queued;
    let batch = store.batch()?;
    if let Some(d) = &dictionary {
        batch.insert_dictionary(d)?;
    }
    let mut state = BatchState {
        archived,
        inserted: FxHashMap::default(),
        next_article_id: batch.next_article_id()?,
        next_cluster_id: match carried.next_cluster_id {
            Some(id) => id,
            None => batch.next_cluster_id()?,
        },
        dictionary,
        full_texts: std::mem::take(&mut carried.full_texts),
    };
    for p in &prepared {
        place(&batch, &mut state, matcher, p, &mut counts)?;
    }
    for p in &progress {
        batch.set_progress(p)?;
    }
    if carried.next_cluster_id != Some(state.next_cluster_id) {
        batch.clusters_up_to(state.next_cluster_id)?;
    }
    if commit {
        batch.commit()?;
    } else {
        batch.hold();
    }
    carried.last_inserted = state.inserted;
    carried.full_texts = state.full_texts;
    carried.next_cluster_id = Some(state.next_cluster_id);
    pool.spawn(move || drop(prepared));
    Ok(counts)
}

/// The archive's exact-copy answers for a batch as looked up before the batch placed just
/// ahead of it, completed with the bodies that batch inserted.
fn with_inserted(
    mut archived: BodiesBySha,
    last_inserted: &BodiesBySha,
    prepared: &[Prepared],
) -> BodiesBySha {
    for p in prepared.iter().filter(|p| p.first) {
        let sha = &p.identity.sha256;
        if let Some(&ids) = last_inserted.get(sha) {
            archived.insert(*sha, ids);
        }
    }
    archived
}

/// What the matcher will want from the archive to verify a batch's new bodies: the canonicals
/// of their candidates that it does not hold (stories older than its caches). A body prepared
/// as stored is an exact copy, verified against nothing.
fn wanted(matcher: &Matcher, archived: &BodiesBySha, prepared: &[Prepared]) -> Wanted {
    let new_bodies = prepared
        .iter()
        .filter(|p| p.first && !archived.contains_key(&p.identity.sha256))
        .filter_map(|p| p.analysis.as_ref());
    matcher.wanted(new_bodies.map(|a| {
        let probe = Probe {
            simhash: a.fingerprint.simhash,
            words: a.profile.words,
        };
        (a.anchors.as_slice(), probe)
    }))
}

type Helper<'scope> = std::thread::ScopedJoinHandle<'scope, Result<Fetched, StoreError>>;

/// Start one helper per reader; each takes every n-th cluster and body of `wanted`.
fn spawn_fetch<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    readers: &'env mut [Reader],
    wanted: &'env Wanted,
) -> Vec<Helper<'scope>> {
    if wanted.clusters.is_empty() && wanted.bodies.is_empty() {
        return Vec::new();
    }
    let n = readers.len();
    readers
        .iter_mut()
        .enumerate()
        .map(|(k, reader)| {
            scope.spawn(move || -> Result<Fetched, StoreError> {
                reader.in_snapshot(|reader| {
                    let mut out = Fetched::default();
                    for wanted in wanted.clusters.iter().skip(k).step_by(n) {
                        // A cluster merged away by the batch being placed meanwhile is gone;
                        // the matcher never asks for it again. (One merged after the snapshot
                        // was taken is still found: the matcher refuses canonicals of clusters
                        // it changed, see `Matcher::add_canonicals`.)
                        let Some(row) = reader.canonical(wanted.cluster_id)? else {
                            continue;
                        };
                        let canonical = canonical_of(row);
                        // The row alone lets the matcher turn away the bodies that asked for it.
                        if wanted.needs_profile(&canonical)
                            && let Some(text) = reader.body_text(canonical.body_id)?
                        {
                            out.profiles.push((canonical.body_id, profile_of(&text)));
                        }
                        out.canonicals.push((wanted.cluster_id, canonical));
                    }
                    // A body written by a batch not yet committed is not visible here; the
                    // matcher then reads it through the open transaction itself.
                    for &body_id in wanted.bodies.iter().skip(k).step_by(n) {
                        if let Some(text) = reader.body_text(body_id)? {
                            out.profiles.push((body_id, profile_of(&text)));
                        }
                    }
                    Ok(out)
                })
            })
        })
        .collect()
}

fn join_fetch(helpers: Vec<Helper<'_>>) -> Result<Vec<Fetched>, StoreError> {
    helpers
        .into_iter()
        .map(|h| {
            h.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
        .collect()
}

fn add_fetched(matcher: &mut Matcher, fetched: Vec<Fetched>) {
    for f in fetched {
        matcher.add_canonicals(f.canonicals);
        matcher.add_profiles(f.profiles);
    }
}

/// What one reader thread fetched.
#[derive(Default)]
struct Fetched {
    canonicals: Vec<(i64, Canonical)>,
    profiles: Vec<(i64, Profile)>,
}

fn canonical_of(row: CanonicalRow) -> Canonical {
    Canonical {
        article_id: row.article_id,
        body_id: row.body_id,
        words: row.words,
        simhash: row.simhash,
        published: row.published,
    }
}

/// The batch's bodies that are archived: each first record's, looked up (outside any batch)
/// by the ids `stored` has for its key.
fn archived_bodies(
    store: &Store,
    stored: &StoredBodies,
    prepared: &[Prepared],
) -> Result<BodiesBySha, PipelineError> {
    // Placing starts once the index has loaded, and the keys with it; without them, any body
    // would pass for new.
    stored.wait_for_archive();
    if !stored.has_archive() {
        return Err(PipelineError::ArchiveNotLoaded);
    }
    let mut archived = FxHashMap::default();
    let firsts: Vec<&Prepared> = prepared.iter().filter(|p| p.first).collect();
    let ids = stored.ids_of_each(firsts.iter().map(|p| &p.identity.sha256));
    for (p, ids) in firsts.into_iter().zip(ids) {
        let sha = &p.identity.sha256;
        for body_id in ids {
            if let Some(cluster_id) = store.body_cluster_if(body_id, sha)? {
                archived.insert(*sha, (body_id, cluster_id));
                break;
            }
        }
    }
    Ok(archived)
}

/// `(SHA-256, body id)` of each body of `bodies`.
fn ids_of(bodies: &BodiesBySha) -> impl Iterator<Item = (&[u8; 32], i64)> {
    bodies.iter().map(|(sha, &(body_id, _))| (sha, body_id))
}

fn place(
    batch: &Batch,
    state: &mut BatchState,
    matcher: &mut Matcher,
    p: &Prepared,
    counts: &mut RunCounts,
) -> Result<(), PipelineError> {
    let published = p.clean.meta.published.as_deref();
    let mut view = View {
        batch,
        archived: &state.archived,
        inserted: &state.inserted,
    };
    counts.articles_read += 1;
    let analyzed;
    let a = match &p.analysis {
        Some(a) => a,
        None => {
            let Identity { sha256, words } = &p.identity;
            if let Some(Placement::Exact { body_id, .. }) =
                matcher.place_stored(sha256, *words, published, &mut view)?
            {
                counts.exact_copies += 1;
                insert_article(batch, state, p, body_id)?;
                return Ok(());
            }
            analyzed = analyze(&p.clean.text);
            &analyzed
        }
    };
    let incoming = Incoming {
        sha256: &a.fingerprint.sha256,
        anchors: &a.anchors,
        profile: &a.profile,
        simhash: a.fingerprint.simhash,
        published,
    };
    let placement = matcher.place(&incoming, &mut view)?;
    let new_body = |state: &mut BatchState,
                    cluster_id,
                    relation,
                    similarity,
                    anchors|
     -> Result<i64, PipelineError> {
        // A frame compressed against a base is kept if the base is stored with that very text,
        // without a base of its own: read so from the archive, or stored so by this run (see
        // `FullTexts`).
        let base_id = match &p.base {
            Some(base) if p.frame.is_some() => {
                base.archived.or_else(|| state.full_texts.find(base))
            }
            _ => None,
        };
        // Only a body the prepare stage took for stored comes without its frame (see
        // `StoredBodies`): compressed here, like one whose base cannot be used.
        let compressed;
        let text_zstd = match p.frame.as_deref() {
            Some(frame) if p.base.is_none() || base_id.is_some() => frame,
            _ => {
                compressed = codec::compress(&p.clean.text, state.dictionary.as_ref())
                    .map_err(PipelineError::Compress)?;
                &compressed[..]
            }
        };
        let body = NewBody {
            base_id,
            sha256: &a.fingerprint.sha256,
            simhash: a.fingerprint.simhash,
            words: a.profile.words,
            text_bytes: p.clean.text.len(),
            text_zstd,
            cluster_id,
            relation,
            similarity,
            anchors,
        };
        let body_id = batch.insert_body(&body)?;
        if base_id.is_none() {
            state
                .full_texts
                .add(a.fingerprint.sha256, body_id, p.clean.text.len());
        }
        state
            .inserted
            .insert(a.fingerprint.sha256, (body_id, cluster_id));
        Ok(body_id)
    };
    let insert_article = |state: &mut BatchState, body_id| insert_article(batch, state, p, body_id);
    match placement {
        Placement::New => {
            let cluster_id = state.next_cluster_id;
            batch.new_cluster(cluster_id, state.next_article_id)?;
            state.next_cluster_id += 1;
            let body_id = new_body(state, cluster_id, Relation::Exact, 1.0, Some(&a.anchors))?;
            counts.new_bodies += 1;
            let article_id = insert_article(state, body_id)?;
            let profile = Arc::clone(&a.profile);
            matcher.set_canonical(
                cluster_id,
                canonical_for(p, a, article_id, body_id),
                &a.anchors,
                profile,
            );
        }
        Placement::Exact {
            body_id,
            cluster_id,
            takeover,
        } => {
            counts.exact_copies += 1;
            let article_id = insert_article(state, body_id)?;
            if let Some(takeover) = takeover {
                let canonical = canonical_for(p, a, article_id, body_id);
                take_over(batch, matcher, takeover, cluster_id, canonical, a)?;
            }
        }
        Placement::Copy {
            cluster_id,
            relation,
            score,
            takeover,
            merges,
        } => {
            counts.near_copies += 1;
            let body_id = new_body(state, cluster_id, relation, score, None)?;
            counts.new_bodies += 1;
            matcher.add_copy_profile(body_id, Arc::clone(&a.profile));
            let article_id = insert_article(state, body_id)?;
            if let Some(takeover) = takeover {
                let canonical = canonical_for(p, a, article_id, body_id);
                take_over(batch, matcher, takeover, cluster_id, canonical, a)?;
            }
            for merge in merges {
                batch.merge_cluster(merge.cluster_id, cluster_id)?;
                for (body, relation, score) in merge.rescored {
                    batch.set_body_relation(body, relation, score)?;
                }
                counts.merged_clusters += 1;
            }
        }
    }
    Ok(())
}

/// Store record `p` as an article with body `body_id`.
fn insert_article(
    batch: &Batch,
    state: &mut BatchState,
    p: &Prepared,
    body_id: i64,
) -> Result<i64, StoreError> {
    let article_id = batch.insert_article(&NewArticle {
        input_id: p.input_id,
        raw_bytes: p.raw_bytes,
        row: &p.row,
        body_id,
    })?;
    state.next_article_id = article_id + 1;
    Ok(article_id)
}

/// Apply a change of canonical: the new canonical (with body analysis `a`) is indexed, the
/// cluster's other bodies rescored.
fn take_over(
    batch: &Batch,
    matcher: &mut Matcher,
    takeover: Takeover,
    cluster_id: i64,
    canonical: Canonical,
    a: &Analysis,
) -> Result<(), StoreError> {
    let body_id = canonical.body_id;
    batch.set_canonical(cluster_id, canonical.article_id)?;
    batch.set_body_relation(body_id, Relation::Exact, 1.0)?;
    for (other, relation, score) in takeover.rescored {
        if other != body_id {
            batch.set_body_relation(other, relation, score)?;
        }
    }
    batch.set_body_anchors(body_id, &a.anchors)?;
    matcher.set_canonical(cluster_id, canonical, &a.anchors, Arc::clone(&a.profile));
    Ok(())
}

/// The canonical row a new or taken-over canonical article makes.
fn canonical_for(p: &Prepared, a: &Analysis, article_id: i64, body_id: i64) -> Canonical {
    Canonical {
        article_id,
        body_id,
        words: a.profile.words,
        simhash: a.fingerprint.simhash,
        published: p.clean.meta.published.clone(),
    }
}
