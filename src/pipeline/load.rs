//! Loading the candidate index from the archive at the start of a run: every body's key, and
//! every indexed body's anchors and gate probe, scanned in parts at once.

use super::Loaded;
use super::prepare::KeyMap;
use crate::fingerprint::ANCHOR_BUCKETS;
use crate::index::AnchorPairs;
use crate::matcher::{ArchivedProbes, Probe};
use crate::store::{AnchorSet, BlockChanges, StoreError, StoredKey};
use crate::threads::beside;

/// A scan of the archive's bodies whose ids are in some range, in id order (see
/// `Store::for_each_body_with_blocks`), on a thread of its own.
pub(super) type BodyScan<'a> = Box<
    dyn FnOnce(&mut dyn FnMut(StoredKey, Option<AnchorSet>)) -> Result<BlockChanges, StoreError>
        + Send
        + 'a,
>;

/// Most scans the index load runs at once.
const MAX_INDEX_SCANS: usize = 4;

/// Scans the index load runs at once, each on its own connection and thread, for a pool of
/// `threads` workers.
pub(super) fn index_scans(threads: usize) -> usize {
    threads.clamp(1, MAX_INDEX_SCANS)
}

/// `n` consecutive ranges of body ids that together cover every id: of the ids `1..=bound`,
/// each of the first `n - 1` ranges holds the multiple of `align` just above `bound / n` (so
/// that no range cuts an index block, `k * align + 1 ..= (k + 1) * align`), and the last the
/// rest; the ends reach `i64::MIN` and `i64::MAX`.
pub(super) fn id_ranges(
    bound: usize,
    n: usize,
    align: i64,
) -> impl Iterator<Item = std::ops::RangeInclusive<i64>> {
    let n = i64::try_from(n.max(1)).unwrap_or(1);
    let align = align.max(1);
    let step = (i64::try_from(bound).unwrap_or(i64::MAX) / n)
        .div_euclid(align)
        .saturating_add(1)
        .saturating_mul(align);
    (0..n).map(move |i| {
        let first = if i == 0 {
            i64::MIN
        } else {
            step.saturating_mul(i).saturating_add(1)
        };
        let last = if i == n - 1 {
            i64::MAX
        } else {
            step.saturating_mul(i + 1)
        };
        first..=last
    })
}

/// What one scan of the index load collected: its bodies' keys and anchor pairs, in id order,
/// and the index blocks it scanned to store.
struct Scanned {
    keys: Vec<StoredKey>,
    pairs: AnchorPairs,
    blocks: BlockChanges,
}

/// Run `scan`, with room for the keys and anchor pairs of `room` bodies; each indexed body's
/// probe goes to `probe`.
fn scanned(
    room: usize,
    scan: impl FnOnce(&mut dyn FnMut(StoredKey, Option<AnchorSet>)) -> Result<BlockChanges, StoreError>,
    mut probe: impl FnMut(i64, Probe),
) -> Result<Scanned, StoreError> {
    // Room for every body's anchors up front: grown by doubling, the pairs (7.2M at a million
    // articles) were copied and their pages faulted in twice over: two fifths of the load's
    // time. Room no body fills is never touched, so it costs no memory.
    let mut pairs = AnchorPairs::with_capacity(room.saturating_mul(ANCHOR_BUCKETS));
    let mut keys = Vec::with_capacity(room);
    let blocks = scan(&mut |key, set| {
        keys.push(key);
        let Some(set) = set else { return };
        pairs.add(set.anchors, set.cluster_id);
        let probe_of = Probe {
            simhash: set.simhash,
            words: set.words,
        };
        probe(set.cluster_id, probe_of);
    })?;
    Ok(Scanned {
        keys,
        pairs,
        blocks,
    })
}

/// The candidate index as persisted in the archive, with the gate's view of each indexed
/// cluster, and the keys of the archived bodies (at most `bound` of them), read by `first` on
/// this thread and by each of `others` on a thread of its own, at the same time. The scans
/// cover consecutive ranges of body ids, `first` the lowest: what they read is put together
/// in id order, so the result is the same for any number of scans. They must see one state
/// of the archive, as they do at the start of a run: the run commits nothing before the
/// index is in (`started` joins the load before the first batch is placed), and the
/// archive's lock keeps other writers out.
pub(super) fn load_index(
    bound: usize,
    align: i64,
    first: impl FnOnce(&mut dyn FnMut(StoredKey, Option<AnchorSet>)) -> Result<BlockChanges, StoreError>,
    others: Vec<BodyScan<'_>>,
) -> Result<(Loaded, KeyMap), StoreError> {
    let loading = std::time::Instant::now();
    let scans = others.len() + 1;
    // Enough for any one range of `id_ranges(bound, scans, align)` (the last holds the
    // remainder).
    let share = bound / scans + usize::try_from(align).unwrap_or(0) + scans;
    let scan_other = |scan: BodyScan<'_>| -> Result<(Scanned, Vec<(i64, Probe)>), StoreError> {
        let mut probes = Vec::with_capacity(share);
        let part = scanned(share, scan, |cluster, probe| probes.push((cluster, probe)))?;
        Ok((part, probes))
    };
    let mut archived = ArchivedProbes::new();
    // The first scan's keys and pairs have room for the others', which are added to them.
    let (others, mine) = beside(
        "nd-index-scan",
        others.into_iter().map(|scan| move || scan_other(scan)),
        || scanned(bound, first, |cluster, probe| archived.add(cluster, probe)),
    );
    let Scanned {
        mut keys,
        mut pairs,
        mut blocks,
    } = mine?;
    let mut later_pairs = Vec::with_capacity(others.len());
    let mut later_probes = Vec::with_capacity(others.len());
    for other in others {
        let (part, probes) = other?;
        keys.extend(part.keys);
        blocks.append(part.blocks);
        later_pairs.push(part.pairs);
        later_probes.push(probes);
    }
    // What is left of the load is done in two at once: the keys' map and the gate's probes
    // beside the pairs' index. One after the other, they kept a core idle for a third of the
    // load of a 3M-article archive.
    let (mut beside_index, index) = beside(
        "nd-index-keys",
        [move || {
            for (cluster, probe) in later_probes.into_iter().flatten() {
                archived.add(cluster, probe);
            }
            archived.shrink_to_fit();
            (KeyMap::from(keys), archived)
        }],
        move || {
            for part in later_pairs {
                pairs.append(part);
            }
            pairs.into_index(scans)
        },
    );
    let (keys, archived) = beside_index.pop().expect("one job, one result");
    let loaded = Loaded {
        index,
        archived,
        blocks,
        took: loading.elapsed(),
    };
    Ok((loaded, keys))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_ranges_cover_every_id_once_in_order_and_cut_no_block() {
        for bound in [0, 1, 2, 7, 1_000] {
            for n in 1..=MAX_INDEX_SCANS {
                for align in [1, 3, 64] {
                    let ranges: Vec<_> = id_ranges(bound, n, align).collect();
                    assert_eq!(ranges.len(), n);
                    let holding = |id: i64| -> Vec<usize> {
                        (0..n).filter(|&i| ranges[i].contains(&id)).collect()
                    };
                    for id in -3..=bound as i64 + 3 {
                        assert_eq!(holding(id).len(), 1, "id {id} of {bound} in {n} ranges");
                        // A block's ids, `k * align + 1 ..= (k + 1) * align`, share a range.
                        if id > 0 {
                            let first = (id - 1) / align * align + 1;
                            assert_eq!(holding(id), holding(first), "{id}, {align}");
                        }
                    }
                    assert!(ranges.windows(2).all(|w| w[0].end() < w[1].start()));
                }
            }
        }
    }

    /// Body `id`'s key, and its anchor set if it is indexed (two bodies in three).
    fn archived_body(id: i64) -> (StoredKey, Option<(Vec<u32>, i64, Probe)>) {
        let key = StoredKey {
            key: (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15),
            body_id: id,
        };
        let set = (id % 3 != 0).then(|| {
            let anchors = (0..4u32)
                .map(|k| {
                    (id as u32)
                        .wrapping_mul(2_654_435_761)
                        .wrapping_add(k * 7_919)
                        % 40_000
                })
                .collect();
            let probe = Probe {
                simhash: (id as u64).rotate_left(17),
                words: 100 + (id % 50) as u32,
            };
            (anchors, 1 + id / 4, probe)
        });
        (key, set)
    }

    /// A scan of the bodies `1..=bound` whose ids are in `ids`.
    fn scan_of(bound: i64, ids: std::ops::RangeInclusive<i64>) -> BodyScan<'static> {
        Box::new(move |visit| {
            for id in (1..=bound).filter(|id| ids.contains(id)) {
                let (key, set) = archived_body(id);
                match &set {
                    Some((anchors, cluster_id, probe)) => visit(
                        key,
                        Some(AnchorSet {
                            anchors,
                            cluster_id: *cluster_id,
                            simhash: probe.simhash,
                            words: probe.words,
                        }),
                    ),
                    None => visit(key, None),
                }
            }
            Ok(BlockChanges::default())
        })
    }

    #[test]
    fn the_index_loads_the_same_in_one_scan_or_several() {
        let bound = 5_000;
        let loaded = |n: usize| {
            let mut scans = id_ranges(bound as usize, n, 1)
                .map(|ids| -> BodyScan<'static> { Box::new(scan_of(bound, ids)) });
            let first = scans.next().expect("a scan");
            let (loaded, keys) =
                load_index(bound as usize, 1, first, scans.collect()).expect("load");
            let Loaded {
                index, archived, ..
            } = loaded;
            (format!("{index:?}"), format!("{archived:?}"), keys)
        };
        let one = loaded(1);
        assert_eq!(one.2.len(), bound as usize);
        let keys: Vec<StoredKey> = (1..=bound).map(|id| archived_body(id).0).collect();
        assert!(one.2 == KeyMap::from(keys));
        for n in 2..=MAX_INDEX_SCANS {
            assert!(loaded(n) == one, "{n} scans load another index");
        }
    }

    #[test]
    fn a_failing_scan_fails_the_load() {
        let failing = || -> BodyScan<'static> {
            Box::new(|_| Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery)))
        };
        let invalid = |loaded: Result<_, StoreError>| {
            matches!(
                loaded,
                Err(StoreError::Sqlite(rusqlite::Error::InvalidQuery))
            )
        };
        // A later scan, or the first.
        let first = scan_of(10, i64::MIN..=5);
        assert!(invalid(load_index(10, 1, first, vec![failing()])));
        let later = scan_of(10, 6..=i64::MAX);
        assert!(invalid(load_index(10, 1, failing(), vec![later])));
    }
}
