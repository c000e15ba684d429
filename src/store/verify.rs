//! Integrity checks of the archive's structure, for `newsdedup verify`.
//!
//! SQLite's own checks (page structure, foreign keys) plus the invariants the archive relies
//! on: every article has a body, every body a text, a cluster and a SHA-256 no other body
//! has, every cluster a canonical article that belongs to it, a text compressed against
//! another body's is compressed against one that is not, and every stored index block holds
//! what its bodies do. Checking that each body's text still hashes to its SHA-256 needs the
//! fingerprint code and lives in the pipeline.

use super::{Result, Store};

/// Invariant queries: each returns one row per violation, described by its first column.
const INVARIANTS: &[(&str, &str)] = &[
    (
        "article points to a missing body",
        "SELECT 'article ' || a.id || ' -> body ' || a.body_id FROM articles a
         LEFT JOIN bodies b ON b.id = a.body_id WHERE b.id IS NULL",
    ),
    (
        "article points to a missing input",
        "SELECT 'article ' || a.id || ' -> input ' || a.input_id FROM articles a
         LEFT JOIN inputs i ON i.id = a.input_id WHERE i.id IS NULL",
    ),
    (
        "body has no stored text",
        "SELECT 'body ' || b.id FROM bodies b LEFT JOIN body_texts t ON t.body_id = b.id
         WHERE t.body_id IS NULL",
    ),
    (
        "stored text belongs to no body",
        "SELECT 'text of body ' || t.body_id FROM body_texts t LEFT JOIN bodies b ON b.id = t.body_id
         WHERE b.id IS NULL",
    ),
    (
        "text is compressed against a body without text",
        "SELECT 'body ' || t.body_id || ' -> body ' || t.base_id FROM body_texts t
         LEFT JOIN body_texts bt ON bt.body_id = t.base_id
         WHERE t.base_id IS NOT NULL AND bt.body_id IS NULL",
    ),
    (
        "text is compressed against a body compressed against another",
        "SELECT 'body ' || t.body_id || ' -> body ' || t.base_id || ' -> body ' || bt.base_id
         FROM body_texts t JOIN body_texts bt ON bt.body_id = t.base_id
         WHERE bt.base_id IS NOT NULL",
    ),
    (
        // The archive has no unique index on the hash (schema 8): ingest keeps bodies apart by
        // the keys it holds in memory, and this checks that it did.
        "bodies share one SHA-256",
        "SELECT 'bodies ' || group_concat(id, ', ') FROM bodies GROUP BY sha256
         HAVING count(*) > 1",
    ),
    (
        "body belongs to a missing cluster",
        "SELECT 'body ' || b.id || ' -> cluster ' || b.cluster_id FROM bodies b
         LEFT JOIN clusters c ON c.id = b.cluster_id WHERE c.id IS NULL",
    ),
    (
        "body is used by no article",
        "SELECT 'body ' || b.id FROM bodies b WHERE NOT EXISTS
         (SELECT 1 FROM articles a WHERE a.body_id = b.id)",
    ),
    (
        "cluster's canonical article is missing",
        "SELECT 'cluster ' || c.id || ' -> article ' || c.canonical_article FROM clusters c
         LEFT JOIN articles a ON a.id = c.canonical_article WHERE a.id IS NULL",
    ),
    (
        "cluster's canonical article is in another cluster",
        "SELECT 'cluster ' || c.id || ' -> article ' || a.id || ' (in cluster ' || b.cluster_id || ')'
         FROM clusters c JOIN articles a ON a.id = c.canonical_article
         JOIN bodies b ON b.id = a.body_id WHERE b.cluster_id <> c.id",
    ),
    (
        "article's removals are not a JSON array of [rule, text] pairs",
        "SELECT 'article ' || a.id FROM articles a WHERE a.removals IS NOT NULL AND NOT (
             json_valid(a.removals) AND json_type(a.removals) = 'array'
             AND NOT EXISTS (SELECT 1 FROM json_each(a.removals) p
                 WHERE p.type <> 'array' OR json_array_length(p.value) <> 2
                    OR json_type(p.value, '$[0]') <> 'text' OR json_type(p.value, '$[1]') <> 'text'))",
    ),
];

/// Most violations listed per check; the rest are counted.
const MAX_LISTED: usize = 20;

/// Add the first [`MAX_LISTED`] of one check's `found` to `problems`, and how many more there
/// are.
fn listed(problems: &mut Vec<String>, what: &str, found: Vec<String>) {
    let more = found.len().saturating_sub(MAX_LISTED);
    problems.extend(found.into_iter().take(MAX_LISTED));
    if more > 0 {
        problems.push(format!("{what}: … and {more} more"));
    }
}

impl Store {
    /// SQLite's integrity check, then the archive's invariants. Returns problems found.
    pub fn check_structure(&self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            let line = row?;
            if line != "ok" {
                problems.push(format!("sqlite integrity check: {line}"));
            }
        }
        for (what, sql) in INVARIANTS {
            let mut stmt = self.conn.prepare(sql)?;
            let found: Vec<String> = stmt
                .query_map([], |r| Ok(format!("{what}: {}", r.get::<_, String>(0)?)))?
                .collect::<rusqlite::Result<_>>()?;
            listed(&mut problems, what, found);
        }
        listed(
            &mut problems,
            "index blocks",
            super::blocks::check_blocks(&self.conn)?,
        );
        Ok(problems)
    }

    /// Every body's stored SHA-256, in id order.
    pub fn body_hashes(&self) -> Result<Vec<(i64, Vec<u8>)>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, sha256 FROM bodies ORDER BY id")?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
