//! Writing one batch: articles, new bodies and clusters, removals, input progress and run
//! counters, all in one transaction.

use super::{Result, Store};
use crate::model::{Metadata, Relation, Removal};
use rusqlite::{Transaction, params};

/// Where an article's body comes from.
#[derive(Debug, Clone)]
pub enum BodyChoice {
    /// A body already in the archive.
    Existing { body_id: i64, cluster_id: i64 },
    /// A body first seen in this batch; it starts a new cluster with this article canonical.
    New {
        sha256: [u8; 32],
        simhash: u64,
        text_bytes: usize,
        text_zstd: Vec<u8>,
    },
    /// The same body as the article at this index of the batch (which is `New`).
    SameAs(usize),
}

/// One article to write.
#[derive(Debug, Clone)]
pub struct ArticleWrite {
    pub input_id: i64,
    pub origin: String,
    pub meta: Metadata,
    pub raw_bytes: u64,
    pub removals: Vec<Removal>,
    pub body: BodyChoice,
    pub relation: Relation,
    pub similarity: f64,
}

/// How far an input has been read once this batch commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputProgress {
    pub input_id: i64,
    pub records_done: u64,
    pub complete: bool,
}

/// What a run did, recorded when it finishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub articles_read: u64,
    pub new_bodies: u64,
    pub exact_copies: u64,
    pub skipped: u64,
}

/// Everything one transaction writes.
#[derive(Debug, Clone, Default)]
pub struct BatchWrite {
    pub articles: Vec<ArticleWrite>,
    pub progress: Vec<InputProgress>,
}

impl Store {
    /// Write a batch atomically. Returns the new article ids, in batch order.
    pub fn write_batch(&mut self, batch: &BatchWrite) -> Result<Vec<i64>> {
        let tx = self.conn.transaction()?;
        let mut placed: Vec<(i64, i64)> = Vec::with_capacity(batch.articles.len());
        let mut ids = Vec::with_capacity(batch.articles.len());
        for article in &batch.articles {
            let (article_id, body_id, cluster_id) = insert_article(&tx, article, &placed)?;
            placed.push((body_id, cluster_id));
            ids.push(article_id);
        }
        for p in &batch.progress {
            tx.prepare_cached("UPDATE inputs SET records_done = ?2, complete = ?3 WHERE id = ?1")?
                .execute(params![p.input_id, p.records_done as i64, p.complete])?;
        }
        tx.commit()?;
        Ok(ids)
    }
}

/// Insert one article (and its body and cluster when new). Returns (article, body, cluster).
fn insert_article(
    tx: &Transaction,
    a: &ArticleWrite,
    placed: &[(i64, i64)],
) -> Result<(i64, i64, i64)> {
    let article_id = next_id(tx, "articles")?;
    let (body_id, cluster_id) = match &a.body {
        BodyChoice::Existing {
            body_id,
            cluster_id,
        } => (*body_id, *cluster_id),
        BodyChoice::SameAs(i) => placed[*i],
        BodyChoice::New {
            sha256,
            simhash,
            text_bytes,
            text_zstd,
        } => {
            tx.prepare_cached("INSERT INTO clusters (canonical_article) VALUES (?1)")?
                .execute([article_id])?;
            let cluster_id = tx.last_insert_rowid();
            tx.prepare_cached(
                "INSERT INTO bodies (sha256, simhash, text_bytes, text_zstd, cluster_id)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?
            .execute(params![
                &sha256[..],
                *simhash as i64,
                *text_bytes as i64,
                text_zstd,
                cluster_id
            ])?;
            (tx.last_insert_rowid(), cluster_id)
        }
    };
    let m = &a.meta;
    let authors = serde_json::to_string(&m.authors).unwrap_or_else(|_| "[]".into());
    tx.prepare_cached(
        "INSERT INTO articles (id, input_id, origin, external_id, url, title, authors, section,
         source, published, raw_bytes, body_id, relation, similarity)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?
    .execute(params![
        article_id,
        a.input_id,
        a.origin,
        m.external_id,
        m.url,
        m.title,
        authors,
        m.section,
        m.source,
        m.published,
        a.raw_bytes as i64,
        body_id,
        a.relation.as_str(),
        a.similarity
    ])?;
    let mut removal = tx.prepare_cached(
        "INSERT INTO removals (article_id, seq, rule, text) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for (seq, r) in a.removals.iter().enumerate() {
        removal.execute(params![article_id, seq as i64, r.rule, r.text])?;
    }
    Ok((article_id, body_id, cluster_id))
}

/// The id the next row of `table` will get; the cluster row needs its canonical article's id
/// before that article is inserted.
fn next_id(tx: &Transaction, table: &str) -> Result<i64> {
    let sql = format!("SELECT coalesce(max(id), 0) + 1 FROM {table}");
    Ok(tx.prepare_cached(&sql)?.query_row([], |r| r.get(0))?)
}
