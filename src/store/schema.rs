//! Schema migrations, applied in order and keyed on `PRAGMA user_version`.
//!
//! Append-only: never edit or remove a migration once released — archives in the field were
//! built by it. A database whose `user_version` is newer than this binary knows is refused
//! rather than guessed at. All migrations run in one exclusive transaction, so a crash
//! mid-migration leaves the old schema intact.

use rusqlite::{Connection, TransactionBehavior};

/// The migrations; `MIGRATIONS[i]` takes the schema from version `i` to `i + 1`.
pub const MIGRATIONS: &[&str] = &[
    // 1: the archive spine.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    ) STRICT;

    CREATE TABLE runs (
        id            INTEGER PRIMARY KEY,
        started_at    TEXT NOT NULL,
        finished_at   TEXT,
        status        TEXT NOT NULL DEFAULT 'running'
                      CHECK (status IN ('running', 'done', 'failed')),
        articles_read INTEGER NOT NULL DEFAULT 0,
        new_bodies    INTEGER NOT NULL DEFAULT 0,
        exact_copies  INTEGER NOT NULL DEFAULT 0,
        near_copies   INTEGER NOT NULL DEFAULT 0,
        skipped       INTEGER NOT NULL DEFAULT 0
    ) STRICT;

    -- One row per input file, keyed by absolute path and content: re-ingesting the same file is
    -- a no-op, a changed file is read again, and records_done lets an interrupted run resume
    -- after the last committed batch. (The same bytes at another path are other copies: a
    -- story republished verbatim by two outlets is two articles.)
    CREATE TABLE inputs (
        id             INTEGER PRIMARY KEY,
        path           TEXT NOT NULL,
        content_sha256 BLOB NOT NULL,
        bytes          INTEGER NOT NULL,
        records_done   INTEGER NOT NULL DEFAULT 0,
        complete       INTEGER NOT NULL DEFAULT 0 CHECK (complete IN (0, 1)),
        run_id         INTEGER NOT NULL REFERENCES runs(id),
        UNIQUE (path, content_sha256)
    ) STRICT;

    CREATE TABLE clusters (
        id                INTEGER PRIMARY KEY,
        canonical_article INTEGER NOT NULL
    ) STRICT;

    -- Each distinct clean body once, in exactly one cluster. relation/similarity say how the
    -- body compares with its cluster's canonical body ('exact' for that body itself). anchors
    -- is set on bodies that are (or were) canonical: they are what the candidate index holds.
    CREATE TABLE bodies (
        id         INTEGER PRIMARY KEY,
        sha256     BLOB NOT NULL UNIQUE,
        simhash    INTEGER NOT NULL,
        words      INTEGER NOT NULL,
        text_bytes INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        relation   TEXT NOT NULL CHECK (relation IN ('exact', 'near', 'contained')),
        similarity REAL NOT NULL,
        anchors    BLOB
    ) STRICT;
    CREATE INDEX bodies_cluster ON bodies(cluster_id);

    -- The compressed texts, apart from the fingerprints: loading the candidate index scans
    -- `bodies`, which stays narrow (about 100 bytes a row) however long the articles are.
    CREATE TABLE body_texts (
        body_id   INTEGER PRIMARY KEY REFERENCES bodies(id),
        text_zstd BLOB NOT NULL
    ) STRICT;

    -- Every copy: its own metadata and provenance, pointing at its body. An article's relation
    -- is derived: 'original' for the canonical article, 'exact' for its body, else the body's.
    CREATE TABLE articles (
        id          INTEGER PRIMARY KEY,
        input_id    INTEGER NOT NULL REFERENCES inputs(id),
        origin      TEXT NOT NULL,
        external_id TEXT,
        url         TEXT,
        title       TEXT,
        authors     TEXT NOT NULL DEFAULT '[]',
        section     TEXT,
        source      TEXT,
        published   TEXT,
        raw_bytes   INTEGER NOT NULL,
        body_id     INTEGER NOT NULL REFERENCES bodies(id)
    ) STRICT;
    CREATE INDEX articles_body ON articles(body_id);
    CREATE INDEX articles_external_id ON articles(external_id);

    -- What normalization removed from each article, in order.
    CREATE TABLE removals (
        article_id INTEGER NOT NULL REFERENCES articles(id),
        seq        INTEGER NOT NULL,
        rule       TEXT NOT NULL,
        text       TEXT NOT NULL,
        PRIMARY KEY (article_id, seq)
    ) STRICT, WITHOUT ROWID;
    "#,
    // 2: no query looks articles up by their external id, and keeping the index up to date
    // cost every article insert a random-key B-tree insert.
    r#"
    DROP INDEX IF EXISTS articles_external_id;
    "#,
    // 3: an article's removals are a column of the article, a JSON array of [rule, text] pairs
    // in order (NULL: nothing removed), instead of one `removals` row each. Articles average
    // about three removals, and each row was a B-tree insert and a foreign-key check on every
    // article stored (~8 % of ingest time).
    r#"
    ALTER TABLE articles ADD COLUMN removals TEXT;
    UPDATE articles SET removals = (
        SELECT json_group_array(json_array(r.rule, r.text) ORDER BY r.seq)
        FROM removals r WHERE r.article_id = articles.id
    ) WHERE id IN (SELECT article_id FROM removals);
    DROP TABLE removals;
    "#,
    // 4: zstd dictionaries trained on the archive's bodies. A frame names its dictionary by
    // zstd's id in its own header, so `body_texts` needs no column: frames written before the
    // archive had a dictionary name none and still decode.
    r#"
    -- New bodies are compressed with the newest (highest id).
    CREATE TABLE dictionaries (
        id      INTEGER PRIMARY KEY,
        zstd_id INTEGER NOT NULL UNIQUE,
        dict    BLOB NOT NULL
    ) STRICT;
    "#,
    // 5: the same check on `bodies.relation`, written as comparisons. SQLite compiles an IN
    // list of three or more values into a temporary B-tree that every insert and relation
    // update opened, filled and closed again: a fifth of the time of storing a body. The
    // constraint is unchanged, so the stored rows keep satisfying it, and SQLite's own
    // procedure for such a change applies: the table's definition is edited in place, this
    // connection rereads it (`RESET`), and `migrate` bumps the schema version so that other
    // connections do too.
    r#"
    PRAGMA writable_schema = ON;
    UPDATE sqlite_schema
    SET sql = replace(
        sql,
        'CHECK (relation IN (''exact'', ''near'', ''contained''))',
        'CHECK (relation = ''exact'' OR relation = ''near'' OR relation = ''contained'')'
    )
    WHERE type = 'table' AND name = 'bodies';
    PRAGMA writable_schema = RESET;
    "#,
    // 6: inputs are identified by the BLAKE3 of their bytes, which hashes 3.5 times as fast
    // as SHA-256 (hashing every new input was half of the reader thread's time). The rows of
    // inputs read before keep their SHA-256, marked by `hash_kind`: a file at such a path is
    // hashed both ways, so an unchanged file is still recognized.
    r#"
    ALTER TABLE inputs RENAME COLUMN content_sha256 TO content_hash;
    ALTER TABLE inputs ADD COLUMN hash_kind TEXT NOT NULL DEFAULT 'sha256'
        CHECK (hash_kind = 'sha256' OR hash_kind = 'blake3');
    "#,
    // 7: a body may be compressed against another body's text (`base_id`) instead of with a
    // dictionary: a near copy of a story then takes a sixth of the bytes. A base is itself
    // never compressed against another. Existing rows have none. The index finds the texts
    // compressed against a body, as deleting one (`refingerprint` merging bodies) must: without
    // it each such delete scanned every text, for its foreign-key check and again for the
    // texts to compress anew. Partial: only texts with a base pay for it.
    r#"
    ALTER TABLE body_texts ADD COLUMN base_id INTEGER REFERENCES bodies(id);
    CREATE INDEX body_texts_base ON body_texts(base_id) WHERE base_id IS NOT NULL;
    "#,
    // 8: `bodies.sha256` loses its UNIQUE index; the run finds archived bodies by hash in
    // memory instead, from the keys the index load reads anyway (`StoredBodies`), and `verify`
    // checks that no two bodies share a hash. The index was the archive's one structure
    // written at random places for every new body: a commit of 9,000 new bodies rewrote most of
    // its pages, so a 100k-article night into a 1M-article archive wrote 1.37 GB for 110 MB of
    // new rows, and the cost of a night grew with the archive. SQLite cannot drop a constraint,
    // so the table is rebuilt, as its documentation describes (foreign keys off meanwhile, see
    // `migrate`), with every row and id kept.
    r#"
    CREATE TABLE bodies_v8 (
        id         INTEGER PRIMARY KEY,
        sha256     BLOB NOT NULL,
        simhash    INTEGER NOT NULL,
        words      INTEGER NOT NULL,
        text_bytes INTEGER NOT NULL,
        cluster_id INTEGER NOT NULL REFERENCES clusters(id),
        relation   TEXT NOT NULL
                   CHECK (relation = 'exact' OR relation = 'near' OR relation = 'contained'),
        similarity REAL NOT NULL,
        anchors    BLOB
    ) STRICT;
    INSERT INTO bodies_v8 (id, sha256, simhash, words, text_bytes, cluster_id, relation,
                           similarity, anchors)
        SELECT id, sha256, simhash, words, text_bytes, cluster_id, relation, similarity, anchors
        FROM bodies ORDER BY id;
    DROP TABLE bodies;
    ALTER TABLE bodies_v8 RENAME TO bodies;
    CREATE INDEX bodies_cluster ON bodies(cluster_id);
    "#,
    // 9: what the index load reads of `bodies`, kept ready in blocks of consecutive body ids
    // (`store::blocks`): a block is read as one value instead of row by row, which was most of
    // the start of a run on a large archive. Whatever changes a body's indexed columns drops
    // its block in the same transaction, and deleting a body (only `refingerprint` does) drops
    // them all; why a new body needs no trigger is said in `store::blocks`. A later migration
    // that rebuilds `bodies` drops the triggers with the table: it must make them again and
    // empty `index_blocks`.
    r#"
    CREATE TABLE index_blocks (
        first_id INTEGER PRIMARY KEY,
        last_id  INTEGER NOT NULL CHECK (last_id >= first_id),
        bodies   INTEGER NOT NULL,
        data     BLOB NOT NULL
    ) STRICT;
    CREATE TRIGGER index_blocks_on_update
    AFTER UPDATE OF id, sha256, simhash, words, cluster_id, anchors ON bodies
    BEGIN
        DELETE FROM index_blocks WHERE last_id >= OLD.id AND first_id =
            (SELECT max(first_id) FROM index_blocks WHERE first_id <= OLD.id);
        DELETE FROM index_blocks WHERE last_id >= NEW.id AND first_id =
            (SELECT max(first_id) FROM index_blocks WHERE first_id <= NEW.id);
    END;
    CREATE TRIGGER index_blocks_on_delete AFTER DELETE ON bodies
    BEGIN
        DELETE FROM index_blocks;
    END;
    "#,
];

/// The schema version this binary writes.
pub fn latest_version() -> i64 {
    MIGRATIONS.len() as i64
}

/// Bring the schema up to date. Returns the version found before migrating.
///
/// Foreign keys are off while migrations run: a migration that rebuilds a table drops the
/// table other tables refer to before its copy takes the name, which SQLite would otherwise
/// take for deleting every row they refer to. Before committing, `foreign_key_check` must find
/// no more broken references than before, or nothing is changed. (Fewer is not asked for: an
/// archive damaged before stays readable, and `verify` says where.)
pub fn migrate(conn: &mut Connection) -> Result<i64, super::StoreError> {
    apply(conn, MIGRATIONS)
}

/// [`migrate`] with `migrations` as the list.
fn apply(conn: &mut Connection, migrations: &[&str]) -> Result<i64, super::StoreError> {
    let latest = migrations.len() as i64;
    let found: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found == latest {
        return Ok(found);
    }
    let enforced: bool = conn.query_row("PRAGMA foreign_keys", [], |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let applied = apply_in_transaction(conn, migrations);
    if enforced {
        conn.pragma_update(None, "foreign_keys", "ON")?;
    }
    applied
}

fn apply_in_transaction(
    conn: &mut Connection,
    migrations: &[&str],
) -> Result<i64, super::StoreError> {
    let latest = migrations.len() as i64;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Exclusive)?;
    // Read again under the lock: another process may have migrated meanwhile.
    let found: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if found > latest {
        return Err(super::StoreError::TooNew {
            found,
            supported: latest,
        });
    }
    if found < latest {
        let broken = |tx: &rusqlite::Transaction| -> rusqlite::Result<i64> {
            tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
        };
        let before = broken(&tx)?;
        for (i, sql) in migrations.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
        }
        let after = broken(&tx)?;
        if after > before {
            return Err(super::StoreError::BrokenMigration {
                found,
                broken: after - before,
            });
        }
        // A migration may have edited `sqlite_schema` directly, which SQLite does not count as
        // a schema change by itself: bump the version so every connection rereads the schema.
        let version: i64 = tx.query_row("PRAGMA schema_version", [], |r| r.get(0))?;
        tx.pragma_update(None, "schema_version", version + 1)?;
    }
    tx.commit()?;
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A connection holding a version `n` archive, built by the first `n` migrations.
    fn at_version(conn: Connection, n: usize) -> Connection {
        for sql in &MIGRATIONS[..n] {
            conn.execute_batch(sql).expect("earlier migrations");
        }
        conn.pragma_update(None, "user_version", n as i64)
            .expect("set");
        conn
    }

    #[test]
    fn migrating_twice_is_a_no_op() {
        let mut conn = Connection::open_in_memory().expect("open");
        assert_eq!(migrate(&mut conn).expect("first"), 0);
        assert_eq!(migrate(&mut conn).expect("second"), latest_version());
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE type = 'table'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(tables, 9);
    }

    #[test]
    fn a_version_1_archive_loses_the_unused_external_id_index() {
        let mut conn = at_version(Connection::open_in_memory().expect("open"), 1);
        let index = |conn: &Connection| -> i64 {
            conn.query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'articles_external_id'",
                [],
                |r| r.get(0),
            )
            .expect("count")
        };
        assert_eq!(index(&conn), 1);
        assert_eq!(migrate(&mut conn).expect("migrate"), 1);
        assert_eq!(index(&conn), 0);
    }

    #[test]
    fn a_version_2_archive_keeps_its_removals_in_order() {
        let mut conn = at_version(Connection::open_in_memory().expect("open"), 2);
        conn.execute_batch(
            "INSERT INTO runs (id, started_at) VALUES (1, 'now');
             INSERT INTO inputs (id, path, content_sha256, bytes, run_id) VALUES (1, 'a', x'00', 1, 1);
             INSERT INTO clusters (id, canonical_article) VALUES (1, 1);
             INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation, similarity)
                 VALUES (1, x'01', 0, 1, 1, 1, 'exact', 1.0);
             INSERT INTO articles (id, input_id, origin, raw_bytes, body_id) VALUES (1, 1, 'a', 1, 1);
             INSERT INTO articles (id, input_id, origin, raw_bytes, body_id) VALUES (2, 1, 'a', 1, 1);
             INSERT INTO removals VALUES (1, 1, 'copyright', 'second \"quoted\"');
             INSERT INTO removals VALUES (1, 0, 'byline', 'By A. Writer');",
        )
        .expect("v2 rows");
        assert_eq!(migrate(&mut conn).expect("migrate"), 2);
        let removals = |id: i64| -> Option<String> {
            conn.query_row("SELECT removals FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .expect("row")
        };
        assert_eq!(
            removals(1).as_deref(),
            Some(r#"[["byline","By A. Writer"],["copyright","second \"quoted\""]]"#)
        );
        assert_eq!(removals(2), None);
    }

    #[test]
    fn the_relation_check_holds_without_a_temporary_table() {
        // A version 4 archive with a body, migrated.
        let mut conn = at_version(Connection::open_in_memory().expect("open"), 4);
        conn.execute_batch(
            "INSERT INTO clusters (id, canonical_article) VALUES (1, 1);
             INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation, similarity)
                 VALUES (1, x'01', 0, 1, 1, 1, 'near', 0.9);",
        )
        .expect("v4 rows");
        let insert = "INSERT INTO bodies (sha256, simhash, words, text_bytes, cluster_id, relation, similarity)
                      VALUES (?1, 0, 1, 1, 1, ?2, 1.0)";
        let opcodes = |conn: &Connection| -> Vec<String> {
            let mut stmt = conn.prepare(&format!("EXPLAIN {insert}")).expect("explain");
            stmt.query_map(rusqlite::params![vec![9u8], "exact"], |r| {
                r.get::<_, String>(1)
            })
            .expect("rows")
            .collect::<Result<_, _>>()
            .expect("opcodes")
        };
        assert!(opcodes(&conn).iter().any(|op| op == "OpenEphemeral"));
        assert_eq!(migrate(&mut conn).expect("migrate"), 4);
        assert!(!opcodes(&conn).iter().any(|op| op == "OpenEphemeral"));
        // The constraint still holds, for the stored row and for new ones.
        for (sha, relation, ok) in [
            (2u8, "exact", true),
            (3, "contained", true),
            (4, "similar", false),
        ] {
            let inserted = conn.execute(insert, rusqlite::params![vec![sha], relation]);
            assert_eq!(inserted.is_ok(), ok, "{relation}");
        }
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .expect("integrity");
        assert_eq!(check, "ok");
        // A fresh archive gets the same definition.
        let mut fresh = Connection::open_in_memory().expect("open");
        migrate(&mut fresh).expect("migrate");
        assert!(!opcodes(&fresh).iter().any(|op| op == "OpenEphemeral"));
        // Another connection, holding the old definition when the migration ran, rereads it.
        let dir = tempfile::tempdir().expect("tmp");
        let path = dir.path().join("a.db");
        let mut writer = at_version(Connection::open(&path).expect("open"), 4);
        let other = Connection::open(&path).expect("open");
        assert!(opcodes(&other).iter().any(|op| op == "OpenEphemeral"));
        migrate(&mut writer).expect("migrate");
        // (Its next statement sees the new schema version and rereads.)
        let _: i64 = other
            .query_row("SELECT count(*) FROM bodies", [], |r| r.get(0))
            .expect("count");
        assert!(!opcodes(&other).iter().any(|op| op == "OpenEphemeral"));
    }

    #[test]
    fn a_version_5_archive_keeps_its_inputs_marked_as_sha256() {
        let mut conn = at_version(Connection::open_in_memory().expect("open"), 5);
        conn.execute_batch(
            "INSERT INTO runs (id, started_at) VALUES (1, 'now');
             INSERT INTO inputs (id, path, content_sha256, bytes, run_id, complete)
                 VALUES (1, 'a', x'0102', 1, 1, 1);",
        )
        .expect("v5 rows");
        assert_eq!(migrate(&mut conn).expect("migrate"), 5);
        let row: (Vec<u8>, String, bool) = conn
            .query_row(
                "SELECT content_hash, hash_kind, complete FROM inputs WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .expect("row");
        assert_eq!(row, (vec![1, 2], "sha256".to_string(), true));
        // The kind is one of the two, and the pair (path, hash) still unique.
        let insert = "INSERT INTO inputs (path, content_hash, hash_kind, bytes, run_id)
                      VALUES (?1, x'0102', ?2, 1, 1)";
        assert!(conn.execute(insert, ["b", "md5"]).is_err());
        assert!(conn.execute(insert, ["a", "blake3"]).is_err());
        assert!(conn.execute(insert, ["b", "blake3"]).is_ok());
    }

    #[test]
    fn a_version_6_archive_keeps_its_texts_with_no_base() {
        let mut conn = at_version(Connection::open_in_memory().expect("open"), 6);
        conn.execute_batch(
            "INSERT INTO clusters (id, canonical_article) VALUES (1, 1);
             INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation,
                                 similarity)
                 VALUES (1, x'01', 0, 1, 1, 1, 'exact', 1.0);
             INSERT INTO body_texts (body_id, text_zstd) VALUES (1, x'28b5');",
        )
        .expect("v6 rows");
        assert_eq!(migrate(&mut conn).expect("migrate"), 6);
        let row: (Vec<u8>, Option<i64>) = conn
            .query_row(
                "SELECT text_zstd, base_id FROM body_texts WHERE body_id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .expect("row");
        assert_eq!(row, (vec![0x28, 0xb5], None));
        // The texts compressed against a body are found through the index.
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT body_id FROM body_texts WHERE base_id = 1",
                [],
                |r| r.get(3),
            )
            .expect("plan");
        assert!(plan.contains("body_texts_base"), "{plan}");
    }

    /// A version 7 archive with foreign keys enforced: two bodies, one compressed against the
    /// other, each with an article.
    fn version_7_with_rows() -> Connection {
        let conn = at_version(Connection::open_in_memory().expect("open"), 7);
        conn.pragma_update(None, "foreign_keys", "ON").expect("on");
        conn.execute_batch(
            "INSERT INTO runs (id, started_at) VALUES (1, 'now');
             INSERT INTO inputs (id, path, content_hash, hash_kind, bytes, run_id)
                 VALUES (1, 'a', x'01', 'blake3', 1, 1);
             INSERT INTO clusters (id, canonical_article) VALUES (4, 1);
             INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation,
                                 similarity, anchors)
                 VALUES (2, x'0a', -5, 10, 60, 4, 'exact', 1.0, x'01000000'),
                        (3, x'0b', 7, 9, 50, 4, 'near', 0.8, NULL);
             INSERT INTO body_texts (body_id, text_zstd, base_id)
                 VALUES (2, x'28b5', NULL), (3, x'28b6', 2);
             INSERT INTO articles (id, input_id, origin, raw_bytes, body_id)
                 VALUES (1, 1, 'a:1', 70, 2), (2, 1, 'a:2', 60, 3);",
        )
        .expect("v7 rows");
        conn
    }

    #[test]
    fn a_version_7_archive_keeps_every_body_and_loses_the_index_by_hash() {
        let mut conn = version_7_with_rows();
        assert_eq!(migrate(&mut conn).expect("migrate"), 7);
        /// `id, sha256, simhash, cluster_id, relation, anchors` of a body.
        type BodyRow = (i64, Vec<u8>, i64, i64, String, Option<Vec<u8>>);
        let rows: Vec<BodyRow> = conn
            .prepare(
                "SELECT id, sha256, simhash, cluster_id, relation, anchors FROM bodies ORDER BY id",
            )
            .expect("prepare")
            .query_map([], |r| {
                Ok((
                    r.get(0)?,
                    r.get(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                    r.get(5)?,
                ))
            })
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("rows");
        assert_eq!(
            rows,
            [
                (2, vec![0x0a], -5, 4, "exact".into(), Some(vec![1, 0, 0, 0])),
                (3, vec![0x0b], 7, 4, "near".into(), None),
            ]
        );
        let indexes: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'bodies'")
            .expect("prepare")
            .query_map([], |r| r.get(0))
            .expect("query")
            .collect::<rusqlite::Result<_>>()
            .expect("names");
        assert_eq!(indexes, ["bodies_cluster"]);
        // A second body with a hash taken is the pipeline's to prevent now (`verify` checks).
        conn.execute(
            "INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation,
                                 similarity)
             VALUES (5, x'0a', 0, 1, 1, 4, 'exact', 1.0)",
            [],
        )
        .expect("no unique index");
        // Foreign keys are enforced again, and every reference found its row in the new table.
        let enforced: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("pragma");
        assert!(enforced);
        let broken: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .expect("check");
        assert_eq!(broken, 0);
        let refused = |sql: &str| {
            let err = conn.execute(sql, []).expect_err("refused");
            assert!(err.to_string().contains("FOREIGN KEY"), "{err}");
        };
        refused("INSERT INTO body_texts (body_id, text_zstd) VALUES (99, x'00')");
        refused(
            "INSERT INTO bodies (sha256, simhash, words, text_bytes, cluster_id, relation,
                                 similarity)
             VALUES (x'0c', 0, 1, 1, 99, 'exact', 1.0)",
        );
        conn.execute(
            "INSERT INTO body_texts (body_id, text_zstd) VALUES (5, x'00')",
            [],
        )
        .expect("a text of an existing body");
    }

    #[test]
    fn a_reference_broken_before_does_not_stop_the_migration() {
        let mut conn = version_7_with_rows();
        conn.pragma_update(None, "foreign_keys", "OFF")
            .expect("off");
        conn.execute("UPDATE articles SET body_id = 77 WHERE id = 2", [])
            .expect("dangling");
        conn.pragma_update(None, "foreign_keys", "ON").expect("on");
        assert_eq!(migrate(&mut conn).expect("migrate"), 7);
        let dangling: i64 = conn
            .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
                r.get(0)
            })
            .expect("check");
        assert_eq!(dangling, 1, "still there, for `verify` to report");
    }

    #[test]
    fn a_migration_that_would_break_a_reference_changes_nothing() {
        let mut conn = version_7_with_rows();
        let breaking: Vec<&str> = MIGRATIONS
            .iter()
            .copied()
            .chain(["DELETE FROM bodies WHERE id = 3;"])
            .collect();
        let err = apply(&mut conn, &breaking).unwrap_err();
        // The article and the text of body 3 would point nowhere.
        assert!(
            matches!(
                err,
                super::super::StoreError::BrokenMigration {
                    found: 7,
                    broken: 2
                }
            ),
            "{err}"
        );
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .expect("version");
        assert_eq!(version, 7);
        let unique: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'sqlite_autoindex_bodies_1'",
                [],
                |r| r.get(0),
            )
            .expect("count");
        assert_eq!(unique, 1, "the old table is kept");
        let enforced: bool = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("pragma");
        assert!(
            enforced,
            "foreign keys are on again after a failed migration"
        );
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().expect("open");
        conn.pragma_update(None, "user_version", latest_version() + 1)
            .expect("set");
        let err = migrate(&mut conn).unwrap_err();
        assert!(
            matches!(err, super::super::StoreError::TooNew { .. }),
            "{err}"
        );
    }

    #[test]
    fn strict_tables_reject_wrong_types() {
        let mut conn = Connection::open_in_memory().expect("open");
        migrate(&mut conn).expect("migrate");
        let err = conn.execute(
            "INSERT INTO clusters (id, canonical_article) VALUES (1, 'x')",
            [],
        );
        assert!(err.is_err());
    }
}
