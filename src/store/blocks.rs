//! What the index load reads of `bodies`, kept ready in blocks of consecutive body ids.
//!
//! The start of a run reads every body's key, and every indexed body's anchors, cluster and
//! gate probe. Row by row through SQLite that was about 0.4 µs a body, most of the start of a
//! run on a large archive. A block holds the same for a range of ids as one value, read in a
//! fraction of that time, and gives the load exactly what scanning its range gives.
//!
//! Blocks are a cache of `bodies` that the archive keeps exact by itself: triggers (schema 9)
//! drop a block in the same transaction as any change to one of its bodies' indexed columns,
//! and every block when any body is deleted. A new body is never in a block: blocks end at the
//! largest body id there was when they were written, and bodies are inserted without an id
//! (SQLite gives them a larger one; see schema 9). What is not in a block is scanned, and the
//! load writes the blocks it could have read for the next run ([`scan_with_blocks`]). A block
//! that does not read back as written is scanned instead, dropped, and written again if it
//! is one of the blocks the load writes. `verify` checks every block against its bodies.
//!
//! Layout: a header (magic, body count, an XXH3 of the ids covered and the payload), then per
//! body its id as the step from the one before (LEB128), its key (8 bytes), and either 0 or
//! 1 + its anchor count, followed by the anchors (4 bytes each), its cluster id (zigzag
//! LEB128), SimHash (8 bytes) and word count (LEB128). A million bodies take about 60 MB.

use super::Result;
use super::write::{AnchorSet, StoredKey, scan_bodies};
use rusqlite::Connection;
use std::ops::RangeInclusive;
use twox_hash::XxHash3_64;

/// Bodies in a block the index load writes: ids `k * BLOCK_BODIES + 1 ..= (k + 1) *
/// BLOCK_BODIES`. About a megabyte each.
pub const BLOCK_BODIES: i64 = 16_384;

const MAGIC: &[u8; 4] = b"NDB1";
/// Most problems `verify` lists of the blocks; the rest are counted.
const MAX_LISTED: usize = 20;
const HEADER_BYTES: usize = 16;

/// A block ready to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexBlock {
    pub first_id: i64,
    pub last_id: i64,
    pub bodies: u32,
    pub data: Vec<u8>,
}

/// What a load found to change in the stored blocks: blocks it scanned, to write, and stored
/// blocks that did not read back, to drop (they are written again if they are among the
/// former).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct BlockChanges {
    pub write: Vec<IndexBlock>,
    pub drop: Vec<i64>,
}

impl BlockChanges {
    /// Add `other`'s changes, of ids after these.
    pub fn append(&mut self, other: BlockChanges) {
        self.write.extend(other.write);
        self.drop.extend(other.drop);
    }

    pub fn is_empty(&self) -> bool {
        self.write.is_empty() && self.drop.is_empty()
    }
}

/// Which blocks a load writes: those of `bodies` ids each, up to the largest body id, `bound`.
/// No block is written past it: a body added later gets a larger id, outside every block.
#[derive(Debug, Clone, Copy)]
pub struct BlockPlan {
    pub bodies: i64,
    pub bound: i64,
}

impl BlockPlan {
    /// The blocks to write that lie wholly in `first..=last`.
    fn within(&self, first: i64, last: i64) -> impl Iterator<Item = RangeInclusive<i64>> {
        let n = self.bodies.max(1);
        let first = first.max(1);
        let last = last.min(self.bound);
        // The first block starting at or after `first`.
        let k = (first - 1 + n - 1) / n;
        (k..)
            .map(move |k| k * n + 1..=(k + 1) * n)
            .take_while(move |b| *b.end() <= last)
    }
}

/// Encodes a block's bodies, in id order.
struct Writer {
    first_id: i64,
    last_id: i64,
    bodies: u32,
    previous: i64,
    payload: Vec<u8>,
}

impl Writer {
    fn new(ids: &RangeInclusive<i64>) -> Self {
        Self {
            first_id: *ids.start(),
            last_id: *ids.end(),
            bodies: 0,
            previous: ids.start() - 1,
            payload: Vec::new(),
        }
    }

    fn push(&mut self, key: StoredKey, set: Option<AnchorSet>) {
        put_varint(&mut self.payload, (key.body_id - self.previous) as u64);
        self.previous = key.body_id;
        self.payload.extend_from_slice(&key.key.to_le_bytes());
        match set {
            None => self.payload.push(0),
            Some(set) => {
                put_varint(&mut self.payload, set.anchors.len() as u64 + 1);
                for a in set.anchors {
                    self.payload.extend_from_slice(&a.to_le_bytes());
                }
                put_varint(&mut self.payload, zigzag(set.cluster_id));
                self.payload.extend_from_slice(&set.simhash.to_le_bytes());
                put_varint(&mut self.payload, u64::from(set.words));
            }
        }
        self.bodies += 1;
    }

    fn finish(self) -> IndexBlock {
        let mut data = Vec::with_capacity(HEADER_BYTES + self.payload.len());
        data.extend_from_slice(MAGIC);
        data.extend_from_slice(&self.bodies.to_le_bytes());
        let sum = checksum(self.first_id, self.last_id, self.bodies, &self.payload);
        data.extend_from_slice(&sum.to_le_bytes());
        data.extend_from_slice(&self.payload);
        IndexBlock {
            first_id: self.first_id,
            last_id: self.last_id,
            bodies: self.bodies,
            data,
        }
    }
}

fn checksum(first_id: i64, last_id: i64, bodies: u32, payload: &[u8]) -> u64 {
    use std::hash::Hasher;
    let mut h = XxHash3_64::with_seed(0);
    h.write(&first_id.to_le_bytes());
    h.write(&last_id.to_le_bytes());
    h.write(&bodies.to_le_bytes());
    h.write(payload);
    h.finish()
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push(v as u8 | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn zigzag(v: i64) -> u64 {
    ((v << 1) ^ (v >> 63)) as u64
}

fn unzigzag(v: u64) -> i64 {
    (v >> 1) as i64 ^ -((v & 1) as i64)
}

/// Reads one block's bodies.
struct Cursor<'a> {
    bytes: &'a [u8],
}

impl<'a> Cursor<'a> {
    fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let (head, rest) = self.bytes.split_at_checked(n)?;
        self.bytes = rest;
        Some(head)
    }

    fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }

    fn varint(&mut self) -> Option<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let (&b, rest) = self.bytes.split_first()?;
            self.bytes = rest;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Some(v);
            }
        }
        None
    }
}

/// What a load does with each body it reads.
type Visit<'v> = dyn FnMut(StoredKey, Option<AnchorSet>) + 'v;

/// Visit a stored block's bodies in id order; `false`, having visited none, if the block is
/// not what was written (its checksum does not hold, or it does not parse).
fn read_block(
    first_id: i64,
    last_id: i64,
    data: &[u8],
    anchors: &mut Vec<u32>,
    visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>),
) -> bool {
    let Some((header, payload)) = data.split_at_checked(HEADER_BYTES) else {
        return false;
    };
    let bodies = u32::from_le_bytes(header[4..8].try_into().expect("four bytes"));
    let sum = u64::from_le_bytes(header[8..16].try_into().expect("eight bytes"));
    if &header[..4] != MAGIC || sum != checksum(first_id, last_id, bodies, payload) {
        return false;
    }
    // Walked once to check it whole, then to visit: nothing is visited of a block that
    // turns out unreadable half-way, so its range can be scanned instead.
    let walk = |visit: Option<&mut Visit>, anchors: &mut Vec<u32>| {
        walk_block(first_id, last_id, bodies, payload, anchors, visit)
    };
    walk(None, anchors).is_some() && walk(Some(visit), anchors).is_some()
}

fn walk_block(
    first_id: i64,
    last_id: i64,
    bodies: u32,
    payload: &[u8],
    anchors: &mut Vec<u32>,
    mut visit: Option<&mut Visit>,
) -> Option<()> {
    let mut at = Cursor { bytes: payload };
    let mut previous = first_id.checked_sub(1)?;
    for _ in 0..bodies {
        let step = i64::try_from(at.varint()?).ok().filter(|&s| s > 0)?;
        let body_id = previous.checked_add(step).filter(|&id| id <= last_id)?;
        previous = body_id;
        let key = StoredKey {
            key: at.u64()?,
            body_id,
        };
        match at.varint()? {
            0 => {
                if let Some(visit) = visit.as_mut() {
                    visit(key, None);
                }
            }
            n => {
                let raw = at.take(usize::try_from(n - 1).ok()?.checked_mul(4)?)?;
                let cluster_id = unzigzag(at.varint()?);
                let simhash = at.u64()?;
                let words = u32::try_from(at.varint()?).ok()?;
                if let Some(visit) = visit.as_mut() {
                    anchors.clear();
                    anchors.extend(
                        raw.chunks_exact(4)
                            .map(|a| u32::from_le_bytes(a.try_into().expect("four bytes"))),
                    );
                    visit(
                        key,
                        Some(AnchorSet {
                            anchors,
                            cluster_id,
                            simhash,
                            words,
                        }),
                    );
                }
            }
        }
    }
    at.bytes.is_empty().then_some(())
}

/// Visit every body whose id is in `ids`, in id order, as [`scan_bodies`] does: from the
/// stored blocks that lie wholly in `ids`, and by scanning the rest, all in one read
/// transaction. Returns the blocks `plan` asks for that were scanned, to be stored, and the
/// stored blocks that did not read back, to be dropped.
pub(super) fn scan_with_blocks(
    conn: &Connection,
    ids: RangeInclusive<i64>,
    plan: BlockPlan,
    visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>),
) -> Result<BlockChanges> {
    let snapshot = conn.unchecked_transaction()?;
    let changes = scan_in(&snapshot, ids, plan, visit)?;
    snapshot.commit()?;
    Ok(changes)
}

fn scan_in(
    conn: &Connection,
    ids: RangeInclusive<i64>,
    plan: BlockPlan,
    visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>),
) -> Result<BlockChanges> {
    let (lo, hi) = (*ids.start(), *ids.end());
    let mut changes = BlockChanges::default();
    let built = &mut changes.write;
    let mut next = Some(lo);
    let mut anchors = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT first_id, last_id, data FROM index_blocks
         WHERE first_id BETWEEN ?1 AND ?2 ORDER BY first_id",
    )?;
    let mut rows = stmt.query([lo, hi])?;
    while let Some(row) = rows.next()? {
        let (first, last): (i64, i64) = (row.get(0)?, row.get(1)?);
        let Some(from) = next.filter(|&from| from <= first && last <= hi) else {
            continue; // overlaps what is covered already, or reaches past `ids`: scanned
        };
        scan_gap(conn, from, first - 1, plan, visit, built)?;
        let data = row.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
        if !read_block(first, last, data, &mut anchors, visit) {
            changes.drop.push(first);
            scan_gap(conn, first, last, plan, visit, built)?;
        }
        next = last.checked_add(1);
    }
    if let Some(from) = next {
        scan_gap(conn, from, hi, plan, visit, built)?;
    }
    Ok(changes)
}

/// Scan the bodies of `first..=last`, writing the blocks `plan` asks for that lie wholly in it.
fn scan_gap(
    conn: &Connection,
    first: i64,
    last: i64,
    plan: BlockPlan,
    visit: &mut dyn FnMut(StoredKey, Option<AnchorSet>),
    built: &mut Vec<IndexBlock>,
) -> Result<()> {
    if first > last {
        return Ok(());
    }
    let mut from = first;
    for block in plan.within(first, last) {
        scan_bodies(conn, from..*block.start(), visit)?;
        let mut writer = Writer::new(&block);
        scan_bodies(conn, block.clone(), &mut |key, set| {
            writer.push(key, set);
            visit(key, set);
        })?;
        built.push(writer.finish());
        from = block.end() + 1;
    }
    scan_bodies(conn, from..=last, visit)
}

/// Each stored block checked against the bodies of its range, for `verify`: problems found.
pub(super) fn check_blocks(conn: &Connection) -> Result<Vec<String>> {
    type Row = (StoredKey, Option<(Vec<u32>, i64, u64, u32)>);
    fn owned(rows: &mut Vec<Row>) -> impl FnMut(StoredKey, Option<AnchorSet>) + '_ {
        move |key, set| {
            rows.push((
                key,
                set.map(|s| (s.anchors.to_vec(), s.cluster_id, s.simhash, s.words)),
            ));
        }
    }
    let mut problems = Vec::new();
    let mut stmt =
        conn.prepare("SELECT first_id, last_id, data FROM index_blocks ORDER BY first_id")?;
    let mut rows = stmt.query([])?;
    let mut anchors = Vec::new();
    while let Some(row) = rows.next()? {
        let (first, last): (i64, i64) = (row.get(0)?, row.get(1)?);
        let data = row.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?;
        let (mut stored, mut scanned) = (Vec::new(), Vec::new());
        if !read_block(first, last, data, &mut anchors, &mut owned(&mut stored)) {
            problems.push(format!(
                "index block of bodies {first}..={last} is damaged (the next run scans its \
                 bodies instead and drops it)"
            ));
            continue;
        }
        scan_bodies(conn, first..=last, &mut owned(&mut scanned))?;
        if stored != scanned {
            problems.push(format!(
                "index block of bodies {first}..={last} does not hold what the bodies do"
            ));
        }
    }
    if problems.len() > MAX_LISTED {
        let more = problems.len() - MAX_LISTED;
        problems.truncate(MAX_LISTED);
        problems.push(format!("index blocks: … and {more} more"));
    }
    Ok(problems)
}

/// Make `changes` in one transaction: drop the blocks to drop, and store the blocks to write,
/// replacing any block they overlap.
pub(super) fn put_blocks(conn: &mut Connection, changes: &BlockChanges) -> Result<()> {
    if changes.is_empty() {
        return Ok(());
    }
    let tx = conn.transaction()?;
    {
        let mut drop = tx.prepare_cached("DELETE FROM index_blocks WHERE first_id = ?1")?;
        for first in &changes.drop {
            drop.execute([first])?;
        }
        let mut clear =
            tx.prepare_cached("DELETE FROM index_blocks WHERE first_id <= ?2 AND last_id >= ?1")?;
        let mut insert = tx.prepare_cached(
            "INSERT INTO index_blocks (first_id, last_id, bodies, data) VALUES (?1, ?2, ?3, ?4)",
        )?;
        for b in &changes.write {
            clear.execute([b.first_id, b.last_id])?;
            insert.execute(rusqlite::params![b.first_id, b.last_id, b.bodies, b.data])?;
        }
    }
    tx.commit()?;
    Ok(())
}

/// The stored blocks' ranges, in order.
pub(super) fn block_ranges(conn: &Connection) -> Result<Vec<RangeInclusive<i64>>> {
    let mut stmt = conn.prepare("SELECT first_id, last_id FROM index_blocks ORDER BY first_id")?;
    let ranges = stmt
        .query_map([], |r| Ok(r.get::<_, i64>(0)?..=r.get::<_, i64>(1)?))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(ranges)
}

#[cfg(test)]
mod tests {
    use super::super::write::anchor_blob;
    use super::*;

    type Seen = (StoredKey, Option<(Vec<u32>, i64, u64, u32)>);

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

    fn scanned(conn: &Connection, ids: RangeInclusive<i64>) -> Vec<Seen> {
        let mut seen = Vec::new();
        scan_bodies(conn, ids, &mut |key, set| {
            seen.push((
                key,
                set.map(|s| (s.anchors.to_vec(), s.cluster_id, s.simhash, s.words)),
            ));
        })
        .expect("scan");
        seen
    }

    fn read(
        conn: &Connection,
        ids: RangeInclusive<i64>,
        plan: BlockPlan,
    ) -> (Vec<Seen>, BlockChanges) {
        let mut seen = Vec::new();
        let built = scan_with_blocks(conn, ids, plan, &mut |key, set| {
            seen.push((
                key,
                set.map(|s| (s.anchors.to_vec(), s.cluster_id, s.simhash, s.words)),
            ));
        })
        .expect("scan");
        (seen, built)
    }

    fn stored(conn: &Connection) -> Vec<RangeInclusive<i64>> {
        block_ranges(conn).expect("ranges")
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
}
