//! Matching and storing one batch: the sequential part of the pipeline.
//!
//! Bodies arrive compressed from the prepare stage. In one transaction: the batch's exact
//! copies of archived bodies are looked up once, reader threads fetch what the matcher will
//! need from the archive and does not hold ([`prefetch`]), then each article is placed by the
//! matcher and written in input order, so later articles of the batch match against earlier
//! ones.

use super::PipelineError;
use super::prepare::Prepared;
use crate::fingerprint::Profile;
use crate::matcher::{Archive, Canonical, Incoming, Matcher, Placement, Takeover, profile_of};
use crate::model::Relation;
use crate::store::{
    Batch, CanonicalRow, InputProgress, NewArticle, NewBody, Reader, RunCounts, Store, StoreError,
};
use rustc_hash::FxHashMap;
use std::sync::Arc;

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
}

pub fn store_batch(
    store: &mut Store,
    matcher: &mut Matcher,
    readers: &mut [Reader],
    prepared: Vec<Prepared>,
    progress: &[InputProgress],
    counts: &mut RunCounts,
) -> Result<(), PipelineError> {
    let batch = store.batch()?;
    let mut state = BatchState {
        archived: archived_bodies(&batch, &prepared)?,
        inserted: FxHashMap::default(),
        next_article_id: batch.next_article_id()?,
    };
    prefetch(readers, &state, matcher, &prepared)?;
    for p in &prepared {
        place(&batch, &mut state, matcher, p, p.frame.as_deref(), counts)?;
    }
    for p in progress {
        batch.set_progress(p)?;
    }
    batch.commit()?;
    Ok(())
}

/// Fetch and profile, on the reader threads, the archived canonicals that the batch's new
/// bodies will be verified against and that the matcher does not hold (stories older than its
/// caches). The matcher would otherwise read and profile them one by one on its own thread.
fn prefetch(
    readers: &mut [Reader],
    state: &BatchState,
    matcher: &mut Matcher,
    prepared: &[Prepared],
) -> Result<(), StoreError> {
    if readers.is_empty() {
        return Ok(());
    }
    let new_bodies = prepared.iter().filter(|p| {
        p.frame.is_some() && !state.archived.contains_key(&p.analysis.fingerprint.sha256)
    });
    let wanted = matcher.wanted(new_bodies.map(|p| p.analysis.anchors.as_slice()));
    if wanted.clusters.is_empty() && wanted.bodies.is_empty() {
        return Ok(());
    }
    // Each reader takes every n-th cluster and body.
    let n = readers.len();
    let fetched = std::thread::scope(|scope| {
        let helpers: Vec<_> = readers
            .iter_mut()
            .enumerate()
            .map(|(k, reader)| {
                let wanted = &wanted;
                scope.spawn(move || -> Result<Fetched, StoreError> {
                    let mut out = Fetched::default();
                    for &cluster_id in wanted.clusters.iter().skip(k).step_by(n) {
                        let row = reader.canonical(cluster_id)?;
                        let profile = profile_of(&reader.body_text(row.body_id)?);
                        out.profiles.push((row.body_id, profile));
                        out.canonicals.push((cluster_id, canonical_of(row)));
                    }
                    for &body_id in wanted.bodies.iter().skip(k).step_by(n) {
                        out.profiles
                            .push((body_id, profile_of(&reader.body_text(body_id)?)));
                    }
                    Ok(out)
                })
            })
            .collect();
        helpers
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect::<Result<Vec<_>, _>>()
    })?;
    for f in fetched {
        matcher.add_canonicals(f.canonicals);
        matcher.add_profiles(f.profiles);
    }
    Ok(())
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
        published: row.published,
    }
}

/// The batch's bodies that were archived before it, looked up once per distinct hash.
fn archived_bodies(batch: &Batch, prepared: &[Prepared]) -> Result<BodiesBySha, StoreError> {
    let mut archived = FxHashMap::default();
    for p in prepared.iter().filter(|p| p.frame.is_some()) {
        let sha = &p.analysis.fingerprint.sha256;
        if let Some(ids) = batch.find_body(sha)? {
            archived.insert(*sha, ids);
        }
    }
    Ok(archived)
}

fn place(
    batch: &Batch,
    state: &mut BatchState,
    matcher: &mut Matcher,
    p: &Prepared,
    frame: Option<&[u8]>,
    counts: &mut RunCounts,
) -> Result<(), PipelineError> {
    let a = &p.analysis;
    let incoming = Incoming {
        sha256: &a.fingerprint.sha256,
        anchors: &a.anchors,
        profile: &a.profile,
        published: p.clean.meta.published.as_deref(),
    };
    let mut view = View {
        batch,
        archived: &state.archived,
        inserted: &state.inserted,
    };
    let placement = matcher.place(&incoming, &mut view)?;
    counts.articles_read += 1;
    let new_body = |state: &mut BatchState,
                    cluster_id,
                    relation,
                    similarity,
                    anchors|
     -> Result<i64, PipelineError> {
        let text_zstd = frame.ok_or_else(|| StoreError::CorruptBody {
            body_id: 0,
            reason: "a new body arrived without its compressed text".into(),
        })?;
        let body = NewBody {
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
        state
            .inserted
            .insert(a.fingerprint.sha256, (body_id, cluster_id));
        Ok(body_id)
    };
    let insert_article = |state: &mut BatchState, body_id| -> Result<i64, StoreError> {
        let article_id = batch.insert_article(&NewArticle {
            input_id: p.input_id,
            origin: &p.origin,
            meta: &p.clean.meta,
            raw_bytes: p.raw_bytes,
            removals: &p.clean.removals,
            body_id,
        })?;
        state.next_article_id = article_id + 1;
        Ok(article_id)
    };
    match placement {
        Placement::New => {
            let cluster_id = batch.new_cluster(state.next_article_id)?;
            let body_id = new_body(state, cluster_id, Relation::Exact, 1.0, Some(&a.anchors))?;
            counts.new_bodies += 1;
            let article_id = insert_article(state, body_id)?;
            let profile = Arc::new(a.profile.clone());
            matcher.set_canonical(
                cluster_id,
                canonical_for(p, article_id, body_id),
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
            take_over(batch, matcher, takeover, cluster_id, article_id, body_id, p)?;
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
            matcher.add_copy_profile(body_id, Arc::new(a.profile.clone()));
            let article_id = insert_article(state, body_id)?;
            take_over(batch, matcher, takeover, cluster_id, article_id, body_id, p)?;
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

/// Apply a change of canonical, if the placement made one: the new canonical (article
/// `article_id`, body `body_id`) is indexed, the cluster's other bodies rescored.
fn take_over(
    batch: &Batch,
    matcher: &mut Matcher,
    takeover: Option<Takeover>,
    cluster_id: i64,
    article_id: i64,
    body_id: i64,
    p: &Prepared,
) -> Result<(), StoreError> {
    let Some(takeover) = takeover else {
        return Ok(());
    };
    let a = &p.analysis;
    batch.set_canonical(cluster_id, article_id)?;
    batch.set_body_relation(body_id, Relation::Exact, 1.0)?;
    for (other, relation, score) in takeover.rescored {
        if other != body_id {
            batch.set_body_relation(other, relation, score)?;
        }
    }
    batch.set_body_anchors(body_id, &a.anchors)?;
    matcher.set_canonical(
        cluster_id,
        canonical_for(p, article_id, body_id),
        &a.anchors,
        Arc::new(a.profile.clone()),
    );
    Ok(())
}

/// The canonical row a new or taken-over canonical article makes.
fn canonical_for(p: &Prepared, article_id: i64, body_id: i64) -> Canonical {
    Canonical {
        article_id,
        body_id,
        words: p.analysis.profile.words,
        published: p.clean.meta.published.clone(),
    }
}
