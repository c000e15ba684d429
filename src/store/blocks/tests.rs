use super::super::write::anchor_blob;
use super::*;

/// An archive's schema with bodies at `ids`: every third not indexed, the others with
/// anchors and clusters of every size (negative and past 32 bits too).
fn archive(ids: impl IntoIterator<Item = i64>) -> Connection {
    let mut conn = Connection::open_in_memory().expect("open");
    super::super::schema::migrate(&mut conn).expect("schema");
    // Bodies alone: their clusters are not what this is about.
    conn.pragma_update(None, "foreign_keys", "OFF")
        .expect("pragma");
    for id in ids {
        let anchors = (id % 3 != 0).then(|| {
            let n = (id % 13) as u32;
            anchor_blob(
                &(0..n)
                    .map(|k| (id as u32).wrapping_mul(2_654_435_761) ^ k)
                    .collect::<Vec<_>>(),
            )
        });
        let cluster = match id % 5 {
            0 => -id,
            1 => id << 33,
            _ => id / 2,
        };
        let mut sha = [0u8; 32];
        sha[..8].copy_from_slice(
            &(id as u64)
                .wrapping_mul(0x9E37_79B9_7F4A_7C15)
                .to_le_bytes(),
        );
        conn.execute(
            "INSERT INTO bodies (id, sha256, simhash, words, text_bytes, cluster_id, relation,
                                 similarity, anchors)
             VALUES (?1, ?2, ?3, ?4, 100, ?5, 'exact', 1.0, ?6)",
            rusqlite::params![
                id,
                &sha[..],
                (id as u64).rotate_left(40) as i64,
                id % 900,
                cluster,
                anchors
            ],
        )
        .expect("body");
    }
    conn
}

fn scanned(conn: &Connection, ids: RangeInclusive<i64>) -> Vec<Owned> {
    let mut seen = Vec::new();
    scan_bodies(conn, ids, &mut owned(&mut seen)).expect("scan");
    seen
}

fn read(
    conn: &Connection,
    ids: RangeInclusive<i64>,
    plan: BlockPlan,
) -> (Vec<Owned>, BlockChanges) {
    let mut seen = Vec::new();
    let built = scan_with_blocks(conn, ids, plan, &mut owned(&mut seen)).expect("scan");
    (seen, built)
}

/// The stored blocks' ranges, in order.
fn stored(conn: &Connection) -> Vec<RangeInclusive<i64>> {
    let mut stmt = conn
        .prepare("SELECT first_id, last_id FROM index_blocks ORDER BY first_id")
        .expect("prepare");
    stmt.query_map([], |r| Ok(r.get::<_, i64>(0)?..=r.get::<_, i64>(1)?))
        .expect("query")
        .collect::<rusqlite::Result<Vec<_>>>()
        .expect("ranges")
}

/// Blocks of 64 bodies, up to `bound`.
fn plan(bound: i64) -> BlockPlan {
    BlockPlan { bodies: 64, bound }
}

#[test]
fn blocks_give_what_the_scan_gives() {
    // Ids with gaps, up to the bound.
    let ids = (1..=1_000).filter(|id| id % 7 != 3 && !(200..260).contains(id));
    let mut conn = archive(ids);
    let all = i64::MIN..=i64::MAX;
    let everything = scanned(&conn, all.clone());
    let (seen, built) = read(&conn, all.clone(), plan(1_000));
    assert_eq!(seen, everything);
    // Every whole block up to the bound, 1..=64 to 897..=960 (the one of 193..=256 holds
    // only 193..=199).
    assert!(built.drop.is_empty());
    let ranges: Vec<_> = built.write.iter().map(|b| b.first_id..=b.last_id).collect();
    assert_eq!(
        ranges,
        (0..15)
            .map(|k| k * 64 + 1..=(k + 1) * 64)
            .collect::<Vec<_>>()
    );
    put_blocks(&mut conn, &built).expect("put");
    assert_eq!(stored(&conn), ranges);
    // Read back, whole or in parts, and nothing left to write.
    let (seen, built) = read(&conn, all, plan(1_000));
    assert_eq!(seen, everything);
    assert!(built.is_empty());
    for parts in [
        vec![i64::MIN..=320, 321..=i64::MAX],
        vec![i64::MIN..=100, 101..=700, 701..=i64::MAX],
    ] {
        let mut seen = Vec::new();
        for part in parts {
            let (part_seen, built) = read(&conn, part.clone(), plan(1_000));
            assert_eq!(part_seen, scanned(&conn, part), "a part reads as it scans");
            assert!(built.is_empty());
            seen.extend(part_seen);
        }
        assert_eq!(seen, everything);
    }
}

#[test]
fn a_damaged_block_is_scanned_and_written_again() {
    let mut conn = archive(1..=300);
    let all = i64::MIN..=i64::MAX;
    let everything = scanned(&conn, all.clone());
    let (_, built) = read(&conn, all.clone(), plan(300));
    put_blocks(&mut conn, &built).expect("put");
    // One byte of the second block's payload changed; the third cut short; one off the
    // grid of blocks this load writes, its checksum right but its bodies cut short.
    let mut damaged = built.write[1].data.clone();
    damaged[HEADER_BYTES + 3] ^= 0x10;
    let mut short = built.write[2].data.clone();
    short.truncate(10);
    for (first, data) in [(65, &damaged), (129, &short)] {
        conn.execute(
            "UPDATE index_blocks SET data = ?2 WHERE first_id = ?1",
            rusqlite::params![first, data],
        )
        .expect("damage");
    }
    let mut off_grid = Writer::new(&(257..=270));
    let mut cut = Vec::new();
    scan_bodies(&conn, 257..=260, &mut |key, set| {
        off_grid.push(key, set);
        cut.push(key);
    })
    .expect("scan");
    off_grid.bodies = 14;
    let off_grid = off_grid.finish();
    put_blocks(
        &mut conn,
        &BlockChanges {
            write: vec![off_grid],
            drop: Vec::new(),
        },
    )
    .expect("put");
    let (seen, rebuilt) = read(&conn, all, plan(300));
    assert_eq!(seen, everything, "nothing of a damaged block is read");
    assert_eq!(rebuilt.write, built.write[1..3].to_vec());
    assert_eq!(rebuilt.drop, [65, 129, 257]);
    // `verify` lists them; and a block that reads but no longer holds what its bodies do
    // (a change the triggers missed).
    let problems = check_blocks(&conn).expect("check");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems[0].contains("65..=128 is damaged"), "{problems:?}");
    put_blocks(&mut conn, &rebuilt).expect("put");
    assert_eq!(stored(&conn).len(), 4);
    assert!(check_blocks(&conn).expect("check").is_empty());
    conn.execute_batch(
        "DROP TRIGGER index_blocks_on_update; UPDATE bodies SET words = 1 WHERE id = 5",
    )
    .expect("missed change");
    let problems = check_blocks(&conn).expect("check");
    assert_eq!(
        problems,
        ["index block of bodies 1..=64 does not hold what the bodies do"]
    );
}

#[test]
fn whatever_changes_a_blocks_bodies_drops_it() {
    let mut conn = archive(1..=300);
    // Blocks 1..=64, 65..=128, 129..=192 and 193..=256 stored afresh.
    let put = |conn: &mut Connection| {
        conn.execute("DELETE FROM index_blocks", []).expect("clear");
        let (_, built) = read(conn, i64::MIN..=i64::MAX, plan(300));
        put_blocks(conn, &built).expect("put");
        assert_eq!(stored(conn).len(), 4);
    };
    let left =
        |conn: &Connection| -> Vec<i64> { stored(conn).iter().map(|r| *r.start()).collect() };
    let change = |conn: &Connection, sql: &str| {
        conn.execute(sql, []).expect(sql);
    };
    put(&mut conn);
    // Columns the load does not read change nothing.
    change(
        &conn,
        "UPDATE bodies SET relation = 'near', similarity = 0.5, text_bytes = 7 WHERE id = 70",
    );
    assert_eq!(left(&conn), [1, 65, 129, 193]);
    // Anchors, a cluster, a hash, a SimHash, a word count.
    change(&conn, "UPDATE bodies SET anchors = NULL WHERE id = 70");
    assert_eq!(left(&conn), [1, 129, 193]);
    put(&mut conn);
    change(
        &conn,
        "UPDATE bodies SET cluster_id = 5 WHERE cluster_id = 64",
    );
    assert_eq!(
        left(&conn),
        [1, 193],
        "bodies 128 and 129 are in cluster 64"
    );
    put(&mut conn);
    change(&conn, "UPDATE bodies SET sha256 = x'00' WHERE id = 3");
    change(&conn, "UPDATE bodies SET simhash = 1 WHERE id = 140");
    change(&conn, "UPDATE bodies SET words = 2 WHERE id = 256");
    assert_eq!(left(&conn), [65]);
    // A body added gets an id after every block; a deleted one drops them all.
    put(&mut conn);
    change(
        &conn,
        "INSERT INTO bodies (sha256, simhash, words, text_bytes, cluster_id, relation, similarity)
         VALUES (x'01', 0, 0, 0, 1, 'exact', 1.0)",
    );
    assert_eq!(conn.last_insert_rowid(), 301);
    assert_eq!(left(&conn), [1, 65, 129, 193]);
    change(&conn, "DELETE FROM bodies WHERE id = 100");
    assert!(left(&conn).is_empty());
    // And an id: the block it leaves is dropped.
    put(&mut conn);
    change(&conn, "UPDATE bodies SET id = 1000 WHERE id = 5");
    assert_eq!(left(&conn), [65, 129, 193]);
    assert!(check_blocks(&conn).expect("check").is_empty());
}
