//! Writing: one [`Batch`] is one transaction holding a batch of articles, their new bodies and
//! clusters, canonical changes, and how far each input was read. The matcher reads through the
//! same transaction, so it sees the batch's own earlier articles.

use super::text::{StoredText, base_join, text_columns};
use super::{Result, Store};
use crate::model::{Metadata, Relation, Removal};
use rusqlite::{Connection, OptionalExtension, params};

/// How far an input has been read once this batch commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InputProgress {
    pub input_id: i64,
    pub records_done: u64,
    pub complete: bool,
    /// The BLAKE3 of the input's bytes, when it was registered without one (see
    /// [`Store::add_inputs`](super::Store::add_inputs)).
    pub content_blake3: Option<[u8; 32]>,
}

/// What a run did, recorded when it finishes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    pub articles_read: u64,
    pub new_bodies: u64,
    pub exact_copies: u64,
    pub near_copies: u64,
    /// Clusters found to be the same story as another and merged into it.
    pub merged_clusters: u64,
    pub skipped: u64,
}

impl RunCounts {
    /// Add another batch's counts to these.
    pub fn add(&mut self, counts: &RunCounts) {
        self.articles_read += counts.articles_read;
        self.new_bodies += counts.new_bodies;
        self.exact_copies += counts.exact_copies;
        self.near_copies += counts.near_copies;
        self.merged_clusters += counts.merged_clusters;
        self.skipped += counts.skipped;
    }
}

/// A body to insert.
#[derive(Debug, Clone)]
pub struct NewBody<'a> {
    pub sha256: &'a [u8; 32],
    pub simhash: u64,
    pub words: u32,
    pub text_bytes: usize,
    pub text_zstd: &'a [u8],
    /// The body `text_zstd` is compressed against ([`compress_against`](super::codec::compress_against)), if any.
    pub base_id: Option<i64>,
    pub cluster_id: i64,
    pub relation: Relation,
    pub similarity: f64,
    /// Its anchors, when it enters the candidate index as its cluster's canonical.
    pub anchors: Option<&'a [u32]>,
}

/// An article to insert.
#[derive(Debug, Clone)]
pub struct NewArticle<'a> {
    pub input_id: i64,
    pub raw_bytes: u64,
    /// Its text columns.
    pub row: &'a ArticleRow,
    pub body_id: i64,
}

/// An article's text columns as stored, packed in one buffer: the origin, the metadata, and
/// the authors and removals as JSON. Made where the article is prepared (on the worker pool):
/// the writer's thread reads it long after, out of its cache, and nine strings in nine
/// allocations were nine cache misses an article there (~2 % of an ingest's time in
/// SQLite's copying of them); one buffer is read in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArticleRow {
    text: String,
    /// Where each column is in `text`, by [`Column`]; `None` for NULL.
    spans: [Option<std::ops::Range<usize>>; Column::COUNT],
}

/// The text columns of an [`ArticleRow`].
#[derive(Debug, Clone, Copy)]
enum Column {
    Origin,
    ExternalId,
    Url,
    Title,
    /// An array of names.
    Authors,
    Section,
    Source,
    Published,
    /// An array of `[rule, text]` pairs in order; NULL when nothing was removed.
    Removals,
}

impl Column {
    const COUNT: usize = Column::Removals as usize + 1;
}

impl ArticleRow {
    /// The row of an article read at `origin` (an [`Origin`](crate::model::Origin), written
    /// straight into the row).
    pub fn new(origin: impl std::fmt::Display, meta: &Metadata, removals: &[Removal]) -> Self {
        let mut row = RowBuilder {
            buf: Vec::with_capacity(512),
            spans: Default::default(),
        };
        row.display(Column::Origin, origin);
        row.text(Column::ExternalId, meta.external_id.as_deref());
        row.text(Column::Url, meta.url.as_deref());
        row.text(Column::Title, meta.title.as_deref());
        row.json(Column::Authors, &meta.authors);
        row.text(Column::Section, meta.section.as_deref());
        row.text(Column::Source, meta.source.as_deref());
        row.text(Column::Published, meta.published.as_deref());
        if !removals.is_empty() {
            let pairs: Vec<[&str; 2]> = removals
                .iter()
                .map(|r| [r.rule.as_str(), r.text.as_str()])
                .collect();
            row.json(Column::Removals, &pairs);
        }
        Self {
            text: String::from_utf8(row.buf).expect("strings and JSON are UTF-8"),
            spans: row.spans,
        }
    }

    fn get(&self, column: Column) -> Option<&str> {
        self.spans[column as usize]
            .as_ref()
            .map(|span| &self.text[span.clone()])
    }

    /// Where the article was read ([`Origin`](crate::model::Origin) as text).
    pub fn origin(&self) -> &str {
        self.get(Column::Origin).expect("always set")
    }

    /// The authors as stored: a JSON array of names.
    pub fn authors(&self) -> &str {
        self.get(Column::Authors).expect("always set")
    }

    /// The removals as stored: a JSON array of `[rule, text]` pairs, `None` if there are none.
    pub fn removals(&self) -> Option<&str> {
        self.get(Column::Removals)
    }
}

/// An [`ArticleRow`] being written.
struct RowBuilder {
    buf: Vec<u8>,
    spans: [Option<std::ops::Range<usize>>; Column::COUNT],
}

impl RowBuilder {
    fn text(&mut self, column: Column, value: Option<&str>) {
        if let Some(value) = value {
            let start = self.buf.len();
            self.buf.extend_from_slice(value.as_bytes());
            self.spans[column as usize] = Some(start..self.buf.len());
        }
    }

    fn display(&mut self, column: Column, value: impl std::fmt::Display) {
        let start = self.buf.len();
        std::io::Write::write_fmt(&mut self.buf, format_args!("{value}"))
            .expect("writing to memory does not fail");
        self.spans[column as usize] = Some(start..self.buf.len());
    }

    fn json(&mut self, column: Column, value: &impl serde::Serialize) {
        let start = self.buf.len();
        serde_json::to_writer(&mut self.buf, value).expect("strings serialize");
        self.spans[column as usize] = Some(start..self.buf.len());
    }
}

/// A cluster's canonical article, as matching needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalRow {
    pub article_id: i64,
    pub body_id: i64,
    pub words: u32,
    pub simhash: u64,
    pub published: Option<String>,
}

/// A batch of writes in the archive's open write transaction.
///
/// The transaction ends at [`Batch::commit`], or is rolled back when a batch is dropped
/// uncommitted (an error). [`Batch::hold`] ends the batch but keeps the transaction open for
/// the next one: every random-key B-tree page a batch dirties goes to the WAL in full at each
/// commit, so committing several batches at once writes far less against a large archive.
pub struct Batch<'a> {
    pub(super) tx: &'a Connection,
    /// Committed or held: nothing to roll back on drop.
    ended: bool,
    /// The statements run for most articles, by [`Hot`], once taken from the connection's
    /// statement cache: a lookup there hashes and compares the statement's whole text, which
    /// took 1 % of an ingest's time when done at every use.
    hot: std::cell::RefCell<[Option<rusqlite::CachedStatement<'a>>; Hot::COUNT]>,
}

/// Statements a batch runs for most of its articles.
#[derive(Debug, Clone, Copy)]
enum Hot {
    InsertBody,
    InsertBodyText,
    InsertArticle,
    NewCluster,
    SetProgress,
    SetProgressHashed,
}

impl Hot {
    /// One slot a statement: the last one's index, plus one.
    const COUNT: usize = Hot::SetProgressHashed as usize + 1;

    fn sql(self) -> &'static str {
        match self {
            Hot::InsertBody => {
                "INSERT INTO bodies (sha256, simhash, words, text_bytes, cluster_id, relation, similarity, anchors)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"
            }
            Hot::InsertBodyText => "INSERT INTO body_texts (body_id, text_zstd, base_id) VALUES (?1, ?2, ?3)",
            Hot::InsertArticle => {
                "INSERT INTO articles (input_id, origin, external_id, url, title, authors, section,
                 source, published, raw_bytes, body_id, removals)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"
            }
            Hot::NewCluster => "INSERT INTO clusters (id, canonical_article) VALUES (?1, ?2)",
            Hot::SetProgress => "UPDATE inputs SET records_done = ?2, complete = ?3 WHERE id = ?1",
            Hot::SetProgressHashed => {
                "UPDATE inputs SET records_done = ?2, complete = ?3, content_hash = ?4 WHERE id = ?1"
            }
        }
    }
}

impl Store {
    /// Start a batch, in a new transaction or in the one the last batch held open. Nothing is
    /// visible to other connections until [`Batch::commit`].
    pub fn batch(&mut self) -> Result<Batch<'_>> {
        if self.conn.is_autocommit() {
            self.conn.execute_batch("BEGIN")?;
        }
        Ok(Batch {
            tx: &self.conn,
            ended: false,
            hot: Default::default(),
        })
    }

    /// Roll back batches held open ([`Batch::hold`]) when no batch will commit them: a run that
    /// stops on an error after holding some.
    pub fn roll_back_held(&mut self) -> Result<()> {
        if !self.conn.is_autocommit() {
            self.conn.execute_batch("ROLLBACK")?;
        }
        Ok(())
    }
}

impl Drop for Batch<'_> {
    fn drop(&mut self) {
        if !self.ended && !self.tx.is_autocommit() {
            // Nothing to report to: the error that dropped the batch is on its way up.
            let _ = self.tx.execute_batch("ROLLBACK");
        }
    }
}

impl Batch<'_> {
    /// Run statement `which` with `params`.
    fn execute(&self, which: Hot, params: impl rusqlite::Params) -> Result<usize> {
        let mut hot = self.hot.borrow_mut();
        let slot = &mut hot[which as usize];
        let statement = match slot {
            Some(statement) => statement,
            None => slot.insert(self.tx.prepare_cached(which.sql())?),
        };
        Ok(statement.execute(params)?)
    }

    /// The body with this SHA-256: `(body_id, cluster_id)`. A scan of `bodies`, which has no
    /// index by hash: for tests only.
    #[cfg(test)]
    pub fn find_body(&self, sha256: &[u8; 32]) -> Result<Option<(i64, i64)>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id, cluster_id FROM bodies WHERE sha256 = ?1")?;
        Ok(stmt
            .query_row([&sha256[..]], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }

    /// The canonical article of a cluster.
    pub fn canonical(&self, cluster_id: i64) -> Result<CanonicalRow> {
        canonical_row(self.tx, cluster_id)
    }

    /// A body's clean text.
    pub fn body_text(&self, body_id: i64) -> Result<String> {
        body_text(self.tx, body_id)
    }

    /// Bodies in a cluster, by id.
    pub fn cluster_bodies(&self, cluster_id: i64) -> Result<Vec<i64>> {
        let mut stmt = self
            .tx
            .prepare_cached("SELECT id FROM bodies WHERE cluster_id = ?1 ORDER BY id")?;
        let rows = stmt.query_map([cluster_id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The id the next inserted article will get.
    pub fn next_article_id(&self) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached("SELECT coalesce(max(id), 0) + 1 FROM articles")?
            .query_row([], |r| r.get(0))?)
    }

    /// The id the next new cluster takes: past the highest cluster's, and past every id ever
    /// given out, merged-away clusters' included (see [`Batch::clusters_up_to`]).
    pub fn next_cluster_id(&self) -> Result<i64> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT max((SELECT coalesce(max(id), 0) + 1 FROM clusters),
                            coalesce((SELECT CAST(value AS INTEGER) FROM meta
                                      WHERE key = 'next_cluster_id'), 1))",
            )?
            .query_row([], |r| r.get(0))?)
    }

    /// Record that cluster ids below `next` are taken, so that no later run gives out the id
    /// of a cluster merged away: exported cluster ids stay unambiguous across nights.
    pub fn clusters_up_to(&self, next: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO meta (key, value) VALUES ('next_cluster_id', ?1)
                 ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            )?
            .execute([next.to_string()])?;
        Ok(())
    }

    /// Start cluster `cluster_id`, whose canonical will be `canonical_article` (inserted
    /// next). The caller picks the id: see `pipeline::matching` for why.
    pub fn new_cluster(&self, cluster_id: i64, canonical_article: i64) -> Result<()> {
        self.execute(Hot::NewCluster, [cluster_id, canonical_article])?;
        Ok(())
    }

    pub fn insert_body(&self, b: &NewBody) -> Result<i64> {
        self.execute(
            Hot::InsertBody,
            params![
                &b.sha256[..],
                b.simhash as i64,
                b.words,
                b.text_bytes as i64,
                b.cluster_id,
                b.relation.as_str(),
                b.similarity,
                b.anchors.map(anchor_blob),
            ],
        )?;
        let body_id = self.tx.last_insert_rowid();
        self.execute(
            Hot::InsertBodyText,
            params![body_id, b.text_zstd, b.base_id],
        )?;
        Ok(body_id)
    }

    pub fn insert_article(&self, a: &NewArticle) -> Result<i64> {
        let row = a.row;
        self.execute(
            Hot::InsertArticle,
            params![
                a.input_id,
                row.origin(),
                row.get(Column::ExternalId),
                row.get(Column::Url),
                row.get(Column::Title),
                row.authors(),
                row.get(Column::Section),
                row.get(Column::Source),
                row.get(Column::Published),
                a.raw_bytes as i64,
                a.body_id,
                row.removals(),
            ],
        )?;
        Ok(self.tx.last_insert_rowid())
    }

    /// Make `article_id` its cluster's canonical article.
    pub fn set_canonical(&self, cluster_id: i64, article_id: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE clusters SET canonical_article = ?2 WHERE id = ?1")?
            .execute([cluster_id, article_id])?;
        Ok(())
    }

    /// Move every body of cluster `from` into cluster `into`, and drop `from`.
    pub fn merge_cluster(&self, from: i64, into: i64) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE bodies SET cluster_id = ?2 WHERE cluster_id = ?1")?
            .execute([from, into])?;
        self.tx
            .prepare_cached("DELETE FROM clusters WHERE id = ?1")?
            .execute([from])?;
        Ok(())
    }

    /// Record how a body compares with its cluster's canonical body.
    pub fn set_body_relation(
        &self,
        body_id: i64,
        relation: Relation,
        similarity: f64,
    ) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE bodies SET relation = ?2, similarity = ?3 WHERE id = ?1")?
            .execute(params![body_id, relation.as_str(), similarity])?;
        Ok(())
    }

    /// Put a body's anchors into the persisted candidate index.
    pub fn set_body_anchors(&self, body_id: i64, anchors: &[u32]) -> Result<()> {
        self.tx
            .prepare_cached("UPDATE bodies SET anchors = ?2 WHERE id = ?1")?
            .execute(params![body_id, anchor_blob(anchors)])?;
        Ok(())
    }

    /// Record how far an input is read (and its hash, the first time). One statement either
    /// way: a night of one-article files records each file once, its hash with it.
    pub fn set_progress(&self, p: &InputProgress) -> Result<()> {
        let (id, done) = (p.input_id, p.records_done as i64);
        match &p.content_blake3 {
            None => self.execute(Hot::SetProgress, params![id, done, p.complete])?,
            Some(hash) => self.execute(
                Hot::SetProgressHashed,
                params![id, done, p.complete, &hash[..]],
            )?,
        };
        Ok(())
    }

    /// Commit this batch and the batches held before it.
    pub fn commit(mut self) -> Result<()> {
        self.tx.execute_batch("COMMIT")?;
        self.ended = true;
        Ok(())
    }

    /// End this batch without committing: the next [`Store::batch`] continues its transaction
    /// and that batch's commit makes both durable. Dropping a later batch uncommitted rolls
    /// back every batch held before it.
    pub fn hold(mut self) {
        self.ended = true;
    }
}

/// The canonical article of a cluster, read through `conn`.
pub(super) fn canonical_row(conn: &Connection, cluster_id: i64) -> Result<CanonicalRow> {
    let mut stmt = conn.prepare_cached(
        "SELECT a.id, a.body_id, b.words, a.published, b.simhash FROM clusters c
         JOIN articles a ON a.id = c.canonical_article JOIN bodies b ON b.id = a.body_id
         WHERE c.id = ?1",
    )?;
    Ok(stmt.query_row([cluster_id], |r| {
        Ok(CanonicalRow {
            article_id: r.get(0)?,
            body_id: r.get(1)?,
            words: r.get::<_, i64>(2)? as u32,
            simhash: r.get::<_, i64>(4)? as u64,
            published: r.get(3)?,
        })
    })?)
}

/// A body's clean text, read through `conn`.
pub(super) fn body_text(conn: &Connection, body_id: i64) -> Result<String> {
    let mut stmt = conn.prepare_cached(concat!(
        "SELECT ",
        text_columns!(),
        " FROM bodies b JOIN body_texts t ON t.body_id = b.id ",
        base_join!(),
        " WHERE b.id = ?1"
    ))?;
    let mut rows = stmt.query([body_id])?;
    let row = rows.next()?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    StoredText::read(conn, body_id, row, 0)?.decode()
}

/// Anchors as stored: little-endian u32s.
pub(super) fn anchor_blob(anchors: &[u32]) -> Vec<u8> {
    anchors.iter().flat_map(|a| a.to_le_bytes()).collect()
}

/// The anchors of an [`anchor_blob`].
pub(super) fn blob_anchors(blob: &[u8]) -> impl Iterator<Item = u32> + '_ {
    blob.chunks_exact(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
}

impl Store {
    /// The cluster of body `body_id`, if that body's SHA-256 is `sha256`, as the writer sees
    /// the archive (outside any batch, or with the batches it holds). The archive keeps no
    /// index by hash: the run knows which body may have one ([`StoredKey`]), and this confirms
    /// it through the row id.
    pub fn body_cluster_if(&self, body_id: i64, sha256: &[u8; 32]) -> Result<Option<i64>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT cluster_id FROM bodies WHERE id = ?1 AND sha256 = ?2")?;
        Ok(stmt
            .query_row(params![body_id, &sha256[..]], |r| r.get(0))
            .optional()?)
    }

    /// [`Store::for_each_body_with_blocks`], every body read from its row.
    #[cfg(test)]
    pub fn for_each_body(&self, visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>)) -> Result<()> {
        scan_bodies(&self.conn, .., visit)
    }

    /// Visit every body in id order: its [`StoredKey`], and its anchor set if it is indexed
    /// (the candidate index, persisted). Read from the stored index blocks where there are
    /// some (`store::blocks`); returns the blocks `plan` asks for that had to be scanned and
    /// the stored ones that did not read back, for [`Store::put_index_blocks`].
    pub fn for_each_body_with_blocks(
        &self,
        plan: super::BlockPlan,
        visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>),
    ) -> Result<super::BlockChanges> {
        super::blocks::scan_with_blocks(&self.conn, i64::MIN..=i64::MAX, plan, visit)
    }

    /// Store the index blocks a load scanned, and drop the ones it could not read, in one
    /// transaction: the next run reads them. They must be of the archive as it is: written
    /// before anything else is.
    pub fn put_index_blocks(&mut self, changes: &super::BlockChanges) -> Result<()> {
        super::blocks::put_blocks(&mut self.conn, changes)
    }

    /// The most recently stored canonical bodies compressed against no other, of at least
    /// `min_text_bytes`, with their texts (up to `bytes` of them) and anchors: what the run's
    /// first new bodies may be compressed against.
    pub fn recent_bases(
        &self,
        bytes: usize,
        min_text_bytes: usize,
    ) -> Result<Vec<super::ArchivedBase>> {
        super::text::recent_bases(&self.conn, bytes, min_text_bytes)
    }

    /// At least as many as there are bodies (the largest body id).
    pub fn bodies_bound(&self) -> Result<usize> {
        bodies_bound(&self.conn)
    }
}

/// [`Store::bodies_bound`] on any connection.
pub(super) fn bodies_bound(conn: &Connection) -> Result<usize> {
    let max: Option<i64> = conn.query_row("SELECT max(id) FROM bodies", [], |r| r.get(0))?;
    Ok(usize::try_from(max.unwrap_or(0)).unwrap_or(0))
}

/// An indexed body: its anchors, its cluster, and what the candidate gate needs of it.
#[derive(Debug, Clone, Copy)]
pub struct AnchorSet<'a> {
    pub anchors: &'a [u32],
    pub cluster_id: i64,
    pub simhash: u64,
    pub words: u32,
}

/// A stored body as the run keeps it in memory: its [`body_key`] and its id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredKey {
    pub key: u64,
    pub body_id: i64,
}

/// A body's key in memory: the first 8 bytes of its SHA-256, little-endian. Two bodies share
/// one with probability ~n²/2⁶⁵: a key says a body may be stored, the SHA-256 that it is.
pub fn body_key(sha256: &[u8; 32]) -> u64 {
    let mut prefix = [0u8; 8];
    prefix.copy_from_slice(&sha256[..8]);
    u64::from_le_bytes(prefix)
}

/// Visit the bodies whose ids are in `ids`, in id order, from their rows, on any connection:
/// each one's [`StoredKey`], and its anchor set if it is indexed.
pub(super) fn scan_bodies(
    conn: &Connection,
    ids: impl std::ops::RangeBounds<i64>,
    visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>),
) -> Result<()> {
    use std::ops::Bound;
    let first = match ids.start_bound() {
        Bound::Included(&id) => Some(id),
        Bound::Excluded(&id) => id.checked_add(1),
        Bound::Unbounded => Some(i64::MIN),
    };
    let last = match ids.end_bound() {
        Bound::Included(&id) => Some(id),
        Bound::Excluded(&id) => id.checked_sub(1),
        Bound::Unbounded => Some(i64::MAX),
    };
    let (Some(first), Some(last)) = (first, last) else {
        return Ok(()); // a range past either end of the ids holds none
    };
    // Cached: a load reading index blocks scans each gap between them apart.
    let mut stmt = conn.prepare_cached(
        "SELECT id, sha256, anchors, cluster_id, simhash, words FROM bodies
         WHERE id BETWEEN ?1 AND ?2 ORDER BY id",
    )?;
    let mut rows = stmt.query([first, last])?;
    let mut anchors = Vec::new();
    while let Some(row) = rows.next()? {
        let sha = row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?;
        let key = StoredKey {
            key: <&[u8; 32]>::try_from(sha).map_or(0, body_key),
            body_id: row.get(0)?,
        };
        let Some(blob) = row
            .get_ref(2)?
            .as_blob_or_null()
            .map_err(rusqlite::Error::from)?
        else {
            visit(key, None);
            continue;
        };
        anchors.clear();
        anchors.extend(blob_anchors(blob));
        visit(
            key,
            Some(AnchorSet {
                anchors: &anchors,
                cluster_id: row.get(3)?,
                simhash: row.get::<_, i64>(4)? as u64,
                words: row.get::<_, i64>(5)? as u32,
            }),
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_article_row_holds_each_column_or_null() {
        let meta = Metadata {
            external_id: Some("ap-17".into()),
            url: None,
            title: Some("Ferry \"schedule\" changes".into()),
            authors: vec!["Dana Whitfield".into(), "Omar Reyes".into()],
            section: None,
            source: Some("AP".into()),
            published: Some("2026-11-27".into()),
        };
        let removals = [
            Removal::new("copyright", "(c) 2026 AP"),
            Removal::new("byline", "By \"Dana\""),
        ];
        let row = ArticleRow::new("feed.jsonl:3", &meta, &removals);
        assert_eq!(row.origin(), "feed.jsonl:3");
        assert_eq!(row.get(Column::ExternalId), Some("ap-17"));
        assert_eq!(row.get(Column::Url), None);
        assert_eq!(row.get(Column::Title), Some("Ferry \"schedule\" changes"));
        assert_eq!(row.authors(), r#"["Dana Whitfield","Omar Reyes"]"#);
        assert_eq!(row.get(Column::Section), None);
        assert_eq!(row.get(Column::Source), Some("AP"));
        assert_eq!(row.get(Column::Published), Some("2026-11-27"));
        assert_eq!(
            row.removals(),
            Some(r#"[["copyright","(c) 2026 AP"],["byline","By \"Dana\""]]"#)
        );
        let bare = ArticleRow::new("a.txt", &Metadata::default(), &[]);
        assert_eq!(bare.authors(), "[]");
        assert_eq!(bare.removals(), None);
        assert_eq!(bare.get(Column::Title), None);
    }
}
