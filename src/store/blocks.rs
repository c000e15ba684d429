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
//! largest body id there was when they were written, and bodies are inserted without an id, so
//! SQLite gives them a larger one, unless the largest is deleted, which drops every block.
//! (Rejected: a trigger on insert as well. SQLite then wrote a statement journal for every
//! body inserted, eleven times the writes of an ingest.) What is not in a block is scanned,
//! and the load writes the blocks it could have read for the next run ([`scan_with_blocks`]).
//! A block that does not read back as written is scanned instead, dropped, and written again
//! if it is one of the blocks the load writes. `verify` checks every block against its bodies.
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
    visit: &mut Visit,
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
        let set = match at.varint()? {
            0 => None,
            n => Some(indexed(&mut at, n - 1)?),
        };
        let Some(visit) = visit.as_mut() else {
            continue;
        };
        match set {
            None => visit(key, None),
            Some((raw, cluster_id, simhash, words)) => {
                anchors.clear();
                anchors.extend(
                    raw.chunks_exact(4)
                        .map(|a| u32::from_le_bytes(a.try_into().expect("four bytes"))),
                );
                let set = AnchorSet {
                    anchors,
                    cluster_id,
                    simhash,
                    words,
                };
                visit(key, Some(set));
            }
        }
    }
    at.bytes.is_empty().then_some(())
}

/// An indexed body's `anchors` anchors (their bytes), cluster id, SimHash and word count.
fn indexed<'a>(at: &mut Cursor<'a>, anchors: u64) -> Option<(&'a [u8], i64, u64, u32)> {
    let raw = at.take(usize::try_from(anchors).ok()?.checked_mul(4)?)?;
    let cluster_id = unzigzag(at.varint()?);
    let simhash = at.u64()?;
    let words = u32::try_from(at.varint()?).ok()?;
    Some((raw, cluster_id, simhash, words))
}

/// Visit every body whose id is in `ids`, in id order, as [`scan_bodies`] does: from the
/// stored blocks that lie wholly in `ids`, and by scanning the rest, all in one read
/// transaction. Returns the blocks `plan` asks for that were scanned, to be stored, and the
/// stored blocks that did not read back, to be dropped.
pub(super) fn scan_with_blocks(
    conn: &Connection,
    ids: RangeInclusive<i64>,
    plan: BlockPlan,
    visit: &mut Visit,
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
    visit: &mut Visit,
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
    visit: &mut Visit,
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

/// A visited body, owned: what a block and a scan are compared by.
type Owned = (StoredKey, Option<(Vec<u32>, i64, u64, u32)>);

/// A visit that keeps what it is given in `rows`.
fn owned(rows: &mut Vec<Owned>) -> impl FnMut(StoredKey, Option<AnchorSet>) + '_ {
    move |key, set| {
        rows.push((
            key,
            set.map(|s| (s.anchors.to_vec(), s.cluster_id, s.simhash, s.words)),
        ));
    }
}

/// Each stored block checked against the bodies of its range, for `verify`: every problem
/// found.
pub(super) fn check_blocks(conn: &Connection) -> Result<Vec<String>> {
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

#[cfg(test)]
mod tests;
