//! Reading the archive: export rows, statistics, removals.

use super::text::{StoredText, base_join, text_columns};
use super::{Result, Store, StoreError};
use crate::model::{ArchivedArticle, Metadata, Relation, Removal};
use rusqlite::{OptionalExtension, Row};
use serde::Serialize;

/// Archive-wide figures for `stats`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ArchiveStats {
    pub articles: u64,
    pub bodies: u64,
    pub clusters: u64,
    /// Clusters with more than one article.
    pub duplicated_clusters: u64,
    /// Share of articles that are copies of another: `1 - clusters/articles`.
    pub duplicate_rate: f64,
    pub inputs: u64,
    pub incomplete_inputs: u64,
    pub runs: u64,
    /// Bytes of the articles as read (decompressed input records).
    pub raw_bytes: u64,
    /// Bytes of distinct clean bodies, uncompressed.
    pub body_bytes: u64,
    /// Bytes of distinct clean bodies as stored (zstd).
    pub stored_body_bytes: u64,
    /// Size of the database file and its WAL on disk.
    pub file_bytes: u64,
    /// Index blocks stored for the start of the next run (`store::blocks`), the bodies they
    /// hold, and their bytes.
    pub index_blocks: u64,
    pub index_block_bodies: u64,
    pub index_block_bytes: u64,
}

/// Removals per article, for `show`.
pub type Removals = Vec<Removal>;

/// An article's derived relation and similarity. The canonical article is `original`, other
/// articles with the canonical body `exact`, the rest take their body's. `$canonical_body` is
/// the canonical article's body id; the rest needs `a`, `b` and `c` of [`EXPORT_JOINS`].
macro_rules! relation_columns {
    ($canonical_body:literal) => {
        concat!(
            "CASE WHEN c.canonical_article = a.id THEN 'original'
                  WHEN b.id = ",
            $canonical_body,
            " THEN 'exact' ELSE b.relation END,
             CASE WHEN b.id = ",
            $canonical_body,
            " THEN 1.0 ELSE b.similarity END"
        )
    };
}
pub(super) use relation_columns;

/// Columns of an exported article (see [`stored`]), given the canonical article's body id and
/// the cluster's size. The text comes from [`TEXT_JOIN`].
macro_rules! export_columns {
    ($canonical_body:literal) => {
        export_columns!(
            $canonical_body,
            "(SELECT count(*) FROM bodies b2 JOIN articles a2 ON a2.body_id = b2.id
              WHERE b2.cluster_id = b.cluster_id)"
        )
    };
    ($canonical_body:literal, $cluster_size:literal) => {
        concat!(
            "a.id, a.origin, a.external_id, a.url, a.title, a.authors, a.section,
             a.source, a.published, b.cluster_id, c.canonical_article = a.id, ",
            relation_columns!($canonical_body),
            ", ",
            $cluster_size,
            ", b.id, ",
            text_columns!()
        )
    };
}

/// Columns of any exported article, with [`EXPORT_JOINS`] and [`TEXT_JOIN`].
const EXPORT_COLUMNS: &str = export_columns!("ca.body_id");

/// Every cluster's size, for exporting every copy: counted once per cluster rather than once
/// per copy, which made `export --all` quadratic in the size of a cluster (20,000 copies of
/// one template took two minutes). Joined last (`CROSS JOIN` keeps SQLite from reordering
/// the joins), so the rows still come in cluster order from the `bodies_cluster` index.
const CLUSTER_SIZES_JOIN: &str = "CROSS JOIN (SELECT b2.cluster_id AS cid, count(*) AS n
    FROM articles a2 JOIN bodies b2 ON b2.id = a2.body_id GROUP BY b2.cluster_id) sz
    ON sz.cid = b.cluster_id";

/// Joins that [`relation_columns`] needs, from `articles a`.
pub(super) const EXPORT_JOINS: &str =
    "JOIN bodies b ON b.id = a.body_id JOIN clusters c ON c.id = b.cluster_id
    JOIN articles ca ON ca.id = c.canonical_article";

/// The compressed text of body `b`. A join rather than a subquery in the columns: the blob is
/// then read where it lies instead of copied into a result first. (Left: a missing text is
/// an error when the row is read, not a row silently left out.)
const TEXT_JOIN: &str = concat!("LEFT JOIN body_texts t ON t.body_id = b.id ", base_join!());

/// An exported article as read from the archive, its text still compressed: decoding is
/// left to [`StoredArticle::decode`], so that a caller can run it on other threads.
#[derive(Debug)]
pub struct StoredArticle {
    /// The article, its text still empty.
    article: ArchivedArticle,
    text: StoredText,
}

impl StoredArticle {
    /// Decompress the text.
    pub fn decode(self) -> Result<ArchivedArticle> {
        let Self { mut article, text } = self;
        article.text = text.decode()?;
        Ok(article)
    }
}

impl Store {
    /// Visit exported articles in cluster order, canonical ones only or every copy, with their
    /// texts still compressed.
    pub fn for_each_stored(
        &self,
        all: bool,
        visit: &mut dyn FnMut(StoredArticle) -> std::io::Result<()>,
    ) -> Result<std::io::Result<()>> {
        let sql = if all {
            format!(
                "SELECT {} FROM articles a {EXPORT_JOINS} {TEXT_JOIN} {CLUSTER_SIZES_JOIN}
                 ORDER BY b.cluster_id, a.id",
                export_columns!("ca.body_id", "sz.n")
            )
        } else {
            // Driven from the clusters: one row each, no scan of every copy. The canonical
            // article is `a` itself, so its body id needs no second lookup.
            format!(
                "SELECT {} FROM clusters c JOIN articles a ON a.id = c.canonical_article
                 JOIN bodies b ON b.id = a.body_id {TEXT_JOIN}
                 ORDER BY c.id",
                export_columns!("a.body_id")
            )
        };
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            if let Err(e) = visit(stored(&self.conn, row)?) {
                return Ok(Err(e));
            }
        }
        Ok(Ok(()))
    }

    /// One article by id.
    pub fn article(&self, id: i64) -> Result<Option<ArchivedArticle>> {
        let sql = format!(
            "SELECT {EXPORT_COLUMNS} FROM articles a {EXPORT_JOINS} {TEXT_JOIN} WHERE a.id = ?1"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query([id])?;
        rows.next()?
            .map(|row| stored(&self.conn, row)?.decode())
            .transpose()
    }

    /// What normalization removed from an article, in order.
    pub fn removals(&self, article_id: i64) -> Result<Removals> {
        let json: Option<String> = self
            .conn
            .prepare_cached("SELECT removals FROM articles WHERE id = ?1")?
            .query_row([article_id], |r| r.get(0))
            .optional()?
            .flatten();
        let Some(json) = json else {
            return Ok(Vec::new());
        };
        let pairs: Vec<(String, String)> =
            serde_json::from_str(&json).map_err(|e| StoreError::CorruptRemovals {
                article_id,
                reason: e.to_string(),
            })?;
        Ok(pairs
            .into_iter()
            .map(|(rule, text)| Removal::new(rule, text))
            .collect())
    }

    /// Archive-wide statistics.
    pub fn stats(&self) -> Result<ArchiveStats> {
        let count = |sql: &str| -> Result<u64> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as u64)
        };
        let articles = count("SELECT count(*) FROM articles")?;
        let bodies = count("SELECT count(*) FROM bodies")?;
        let clusters = count("SELECT count(*) FROM clusters")?;
        let file_bytes = self.file_bytes()?;
        Ok(ArchiveStats {
            articles,
            bodies,
            clusters,
            duplicated_clusters: count(
                "SELECT count(*) FROM (SELECT b.cluster_id FROM articles a JOIN bodies b ON b.id = a.body_id
                 GROUP BY b.cluster_id HAVING count(*) > 1)",
            )?,
            duplicate_rate: if articles == 0 { 0.0 } else { 1.0 - clusters as f64 / articles as f64 },
            inputs: count("SELECT count(*) FROM inputs")?,
            incomplete_inputs: count("SELECT count(*) FROM inputs WHERE complete = 0")?,
            runs: count("SELECT count(*) FROM runs")?,
            raw_bytes: count("SELECT coalesce(sum(raw_bytes), 0) FROM articles")?,
            body_bytes: count("SELECT coalesce(sum(text_bytes), 0) FROM bodies")?,
            stored_body_bytes: count("SELECT coalesce(sum(length(text_zstd)), 0) FROM body_texts")?,
            file_bytes,
            index_blocks: count("SELECT count(*) FROM index_blocks")?,
            index_block_bodies: count("SELECT coalesce(sum(bodies), 0) FROM index_blocks")?,
            index_block_bytes: count("SELECT coalesce(sum(length(data)), 0) FROM index_blocks")?,
        })
    }

    fn file_bytes(&self) -> Result<u64> {
        let path: String = self
            .conn
            .query_row("PRAGMA database_list", [], |r| r.get(2))?;
        let size = |p: String| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        Ok(size(path.clone()) + size(format!("{path}-wal")))
    }
}

/// An exported row, its text still compressed; read through `conn`.
fn stored(conn: &rusqlite::Connection, row: &Row) -> Result<StoredArticle> {
    let authors: String = row.get(5)?;
    let relation: String = row.get(11)?;
    let body_id: i64 = row.get(14)?;
    let text = StoredText::read(conn, body_id, row, 15)?;
    let corrupt = |reason: String| StoreError::CorruptBody { body_id, reason };
    let article = ArchivedArticle {
        id: row.get(0)?,
        origin: row.get(1)?,
        meta: Metadata {
            external_id: row.get(2)?,
            url: row.get(3)?,
            title: row.get(4)?,
            authors: serde_json::from_str(&authors).unwrap_or_default(),
            section: row.get(6)?,
            source: row.get(7)?,
            published: row.get(8)?,
        },
        cluster_id: row.get(9)?,
        canonical: row.get(10)?,
        relation: Relation::parse(&relation)
            .ok_or_else(|| corrupt(format!("unknown relation {relation}")))?,
        similarity: row.get(12)?,
        copies: row.get::<_, i64>(13)? as u64,
        text: String::new(),
    };
    Ok(StoredArticle { article, text })
}
