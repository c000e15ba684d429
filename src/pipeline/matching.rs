//! Matching and storing one batch: the sequential part of the pipeline.
//!
//! Bodies that are new to the archive are compressed on the pool first (an exact copy needs no
//! compression); then, in one transaction and in input order, each article is placed by the
//! matcher and written, so later articles of the batch match against earlier ones.

use super::PipelineError;
use super::prepare::Prepared;
use crate::matcher::{Archive, Canonical, Incoming, Matcher, Placement, Takeover};
use crate::model::Relation;
use crate::store::{self, Batch, InputProgress, NewArticle, NewBody, RunCounts, Store, StoreError};
use rayon::prelude::*;
use std::collections::HashSet;

/// The archive as the matcher sees it: the open batch transaction.
struct View<'b, 'a>(&'b Batch<'a>);

impl Archive for View<'_, '_> {
    type Error = StoreError;

    fn find_body(&mut self, sha256: &[u8; 32]) -> Result<Option<(i64, i64)>, StoreError> {
        self.0.find_body(sha256)
    }

    fn canonical(&mut self, cluster_id: i64) -> Result<Canonical, StoreError> {
        let row = self.0.canonical(cluster_id)?;
        Ok(Canonical {
            article_id: row.article_id,
            body_id: row.body_id,
            words: row.words,
            published: row.published,
        })
    }

    fn body_text(&mut self, body_id: i64) -> Result<String, StoreError> {
        self.0.body_text(body_id)
    }

    fn cluster_bodies(&mut self, cluster_id: i64) -> Result<Vec<i64>, StoreError> {
        self.0.cluster_bodies(cluster_id)
    }
}

pub fn store_batch(
    store: &mut Store,
    matcher: &mut Matcher,
    pool: &rayon::ThreadPool,
    prepared: Vec<Prepared>,
    progress: &[InputProgress],
    counts: &mut RunCounts,
) -> Result<(), PipelineError> {
    let frames = compress_new_bodies(store, pool, &prepared)?;
    let batch = store.batch()?;
    for (p, frame) in prepared.iter().zip(&frames) {
        place(&batch, matcher, p, frame.as_deref(), counts)?;
    }
    for p in progress {
        batch.set_progress(p)?;
    }
    batch.commit()?;
    Ok(())
}

/// zstd frames for bodies not yet archived (first occurrence in the batch only).
fn compress_new_bodies(
    store: &mut Store,
    pool: &rayon::ThreadPool,
    prepared: &[Prepared],
) -> Result<Vec<Option<Vec<u8>>>, PipelineError> {
    let mut seen = HashSet::new();
    let lookup = store.batch()?;
    let mut needed = Vec::with_capacity(prepared.len());
    for p in prepared {
        let sha = &p.analysis.fingerprint.sha256;
        needed.push(seen.insert(*sha) && lookup.find_body(sha)?.is_none());
    }
    drop(lookup);
    pool.install(|| {
        prepared
            .par_iter()
            .zip(needed)
            .map(|(p, needed)| {
                needed
                    .then(|| store::codec::compress(&p.clean.text))
                    .transpose()
            })
            .collect::<Result<_, _>>()
    })
    .map_err(PipelineError::Compress)
}

fn place(
    batch: &Batch,
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
    let placement = matcher.place(&incoming, &mut View(batch))?;
    counts.articles_read += 1;
    let new_body = |cluster_id, relation, similarity| -> Result<i64, PipelineError> {
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
        };
        Ok(batch.insert_body(&body)?)
    };
    let article = |body_id| NewArticle {
        input_id: p.input_id,
        origin: &p.origin,
        meta: &p.clean.meta,
        raw_bytes: p.raw_bytes,
        removals: &p.clean.removals,
        body_id,
    };
    match placement {
        Placement::New => {
            let cluster_id = batch.new_cluster(batch.next_article_id()?)?;
            let body_id = new_body(cluster_id, Relation::Exact, 1.0)?;
            counts.new_bodies += 1;
            batch.insert_article(&article(body_id))?;
            batch.set_body_anchors(body_id, &a.anchors)?;
            matcher.indexed(&a.anchors, cluster_id);
        }
        Placement::Exact {
            body_id,
            cluster_id,
            takeover,
        } => {
            counts.exact_copies += 1;
            let article_id = batch.insert_article(&article(body_id))?;
            take_over(
                batch, matcher, takeover, cluster_id, article_id, body_id, &a.anchors,
            )?;
        }
        Placement::Copy {
            cluster_id,
            relation,
            score,
            takeover,
            merges,
        } => {
            counts.near_copies += 1;
            let body_id = new_body(cluster_id, relation, score)?;
            counts.new_bodies += 1;
            let article_id = batch.insert_article(&article(body_id))?;
            take_over(
                batch, matcher, takeover, cluster_id, article_id, body_id, &a.anchors,
            )?;
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

/// Apply a change of canonical: the new canonical body is indexed, the others rescored.
fn take_over(
    batch: &Batch,
    matcher: &mut Matcher,
    takeover: Option<Takeover>,
    cluster_id: i64,
    article_id: i64,
    body_id: i64,
    anchors: &[u32],
) -> Result<(), StoreError> {
    let Some(takeover) = takeover else {
        return Ok(());
    };
    batch.set_canonical(cluster_id, article_id)?;
    batch.set_body_relation(body_id, Relation::Exact, 1.0)?;
    for (other, relation, score) in takeover.rescored {
        if other != body_id {
            batch.set_body_relation(other, relation, score)?;
        }
    }
    batch.set_body_anchors(body_id, anchors)?;
    matcher.indexed(anchors, cluster_id);
    Ok(())
}
