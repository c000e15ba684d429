//! Re-fingerprinting: recompute every body's fingerprints after the fingerprint version
//! changed, in one transaction.
//!
//! Bodies that become identical under the new fingerprints are merged (their articles move to
//! the surviving body, and their clusters into its cluster), so "each distinct body once" holds
//! again. Relations of bodies in merged clusters keep their old scores until a canonical change
//! rescores them. Texts compressed against a body merged away are compressed again with the
//! archive's dictionary first.

use super::codec::{self, Dictionary};
use super::text::{StoredText, base_join, text_columns};
use super::{Result, Store, StoreError};
use rusqlite::{Connection, params};
use std::collections::HashMap;

/// New fingerprints for one body.
#[derive(Debug, Clone)]
pub struct BodyUpdate {
    pub body_id: i64,
    pub sha256: [u8; 32],
    pub simhash: u64,
    pub words: u32,
    /// New anchors, for bodies that are in the candidate index.
    pub anchors: Vec<u32>,
}

/// What re-fingerprinting changed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct RefingerprintCounts {
    pub bodies: u64,
    pub merged_bodies: u64,
    pub merged_clusters: u64,
}

/// Bodies read per chunk.
const CHUNK_BODIES: usize = 4096;

impl Store {
    /// Visit all bodies' clean texts in id order, in chunks of `(body_id, text)`; a body whose
    /// text cannot be decoded (or has the wrong length) comes with the error instead.
    pub fn for_each_body_chunk(
        &self,
        visit: &mut dyn FnMut(Vec<(i64, Result<String>)>),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT b.id, ",
            text_columns!(),
            " FROM bodies b JOIN body_texts t ON t.body_id = b.id ",
            base_join!(),
            " ORDER BY b.id"
        ))?;
        let mut rows = stmt.query([])?;
        let mut chunk = Vec::with_capacity(CHUNK_BODIES);
        while let Some(row) = rows.next()? {
            let body_id: i64 = row.get(0)?;
            let text = StoredText::read(&self.conn, body_id, row, 1)?.decode();
            chunk.push((body_id, text));
            if chunk.len() == CHUNK_BODIES {
                visit(std::mem::take(&mut chunk));
            }
        }
        if !chunk.is_empty() {
            visit(chunk);
        }
        Ok(())
    }

    /// Write new fingerprints for every body (in id order), merge bodies that became equal,
    /// and record the new fingerprint version.
    pub fn apply_refingerprint(
        &mut self,
        updates: &[BodyUpdate],
        version: &str,
    ) -> Result<RefingerprintCounts> {
        let dictionary = self.dictionary()?;
        let tx = self.conn.transaction()?;
        let mut counts = RefingerprintCounts {
            bodies: updates.len() as u64,
            ..Default::default()
        };
        let mut survivors: HashMap<[u8; 32], (i64, i64)> = HashMap::new();
        for u in updates {
            let cluster: i64 = tx.query_row(
                "SELECT cluster_id FROM bodies WHERE id = ?1",
                [u.body_id],
                |r| r.get(0),
            )?;
            if let Some(&(survivor, survivor_cluster)) = survivors.get(&u.sha256) {
                tx.execute(
                    "UPDATE articles SET body_id = ?2 WHERE body_id = ?1",
                    [u.body_id, survivor],
                )?;
                store_apart_from(&tx, u.body_id, dictionary.as_ref())?;
                tx.execute("DELETE FROM body_texts WHERE body_id = ?1", [u.body_id])?;
                tx.execute("DELETE FROM bodies WHERE id = ?1", [u.body_id])?;
                counts.merged_bodies += 1;
                if cluster != survivor_cluster {
                    tx.execute(
                        "UPDATE bodies SET cluster_id = ?2 WHERE cluster_id = ?1",
                        [cluster, survivor_cluster],
                    )?;
                    tx.execute("DELETE FROM clusters WHERE id = ?1", [cluster])?;
                    counts.merged_clusters += 1;
                    for entry in survivors.values_mut().filter(|e| e.1 == cluster) {
                        entry.1 = survivor_cluster;
                    }
                }
                continue;
            }
            survivors.insert(u.sha256, (u.body_id, cluster));
            let anchors: Vec<u8> = u.anchors.iter().flat_map(|a| a.to_le_bytes()).collect();
            tx.execute(
                "UPDATE bodies SET sha256 = ?2, simhash = ?3, words = ?4,
                 anchors = CASE WHEN anchors IS NULL THEN NULL ELSE ?5 END WHERE id = ?1",
                params![u.body_id, &u.sha256[..], u.simhash as i64, u.words, anchors],
            )?;
        }
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('fingerprint', ?1)",
            [version],
        )?;
        tx.commit()?;
        Ok(counts)
    }
}

/// Compress every text compressed against `body_id` again, with `dictionary`, so that the body
/// can be deleted. (The body merged into keeps its own text, which may differ from this one in
/// what fingerprints ignore: quotes, case, paragraph breaks.)
fn store_apart_from(
    conn: &Connection,
    body_id: i64,
    dictionary: Option<&Dictionary>,
) -> Result<()> {
    let dependents: Vec<i64> = conn
        .prepare("SELECT body_id FROM body_texts WHERE base_id = ?1")?
        .query_map([body_id], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    for dependent in dependents {
        let text = super::write::body_text(conn, dependent)?;
        let frame = codec::compress(&text, dictionary).map_err(|e| StoreError::CorruptBody {
            body_id: dependent,
            reason: format!("cannot compress it again: {e}"),
        })?;
        conn.execute(
            "UPDATE body_texts SET text_zstd = ?2, base_id = NULL WHERE body_id = ?1",
            params![dependent, frame],
        )?;
    }
    Ok(())
}
