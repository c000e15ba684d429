//! The in-memory candidate index: anchor → clusters whose canonical body has that anchor.
//!
//! Only canonical bodies are indexed (plus bodies that were canonical before a more complete
//! version took over): matching verifies against a cluster's canonical anyway, and indexing
//! one body per cluster keeps a story syndicated 500 times from flooding its anchors.
//!
//! An anchor shared by more than [`MAX_POSTINGS`] clusters is a stock phrase or a template's
//! boilerplate, not evidence of copying: it stops growing and is ignored by queries (a real copy
//! still shares its other anchors).
//!
//! Layout: the index loaded from the archive is two sorted parallel arrays, anchors and cluster
//! ids (12 bytes an entry), and what a run adds goes to a small hash map beside them. An
//! anchor's entries are found through a directory on the anchor's top bits (one slot for about
//! every two entries, 2 bytes an entry): a binary search of 2M anchors missed the cache at
//! most of its 21 steps, and took a fifth of the matcher's thread on a night into a
//! 1M-article archive. A hash map of lists for everything took ~60 bytes an entry, ~2 s to build
//! for a 1M-article archive, and a noticeable pause to free at the end of the run. Where the
//! recently looked-up anchors' entries are is remembered: on a 100k-article night into a
//! 1M-article archive, 2.58M lookups of loaded entries went to the arrays 202,060 times.
//!
//! Pure and deterministic: candidates come back ordered by shared anchors, then cluster id.

use rustc_hash::FxHashMap;

/// Clusters an anchor may point to before it is treated as a stop anchor.
pub const MAX_POSTINGS: usize = 48;

/// Clusters an anchor may point to and still make a candidate on its own. Measured on the
/// generated benchmark (40k articles): candidates sharing a single anchor were 65 % of all
/// verifications and 0.4 % of the verified copies, and every verified one but 1 of 47 shared
/// an anchor of at most 7 clusters, while the rejected ones spread evenly up to 48.
pub const MAX_SOLE_POSTINGS: u32 = 8;

/// Anchor → cluster ids.
#[derive(Debug, Default)]
pub struct AnchorIndex {
    /// Loaded entries sorted by (anchor, cluster): `anchors[i]` points to `clusters[i]`.
    /// Anchors with more than `MAX_POSTINGS + 1` clusters keep only that many (they are stop
    /// anchors either way).
    anchors: Vec<u32>,
    clusters: Vec<i64>,
    /// `directory[k]..directory[k + 1]` are the loaded entries whose anchor's top
    /// `directory_bits` bits are `k`.
    directory: Vec<u32>,
    directory_bits: u32,
    /// Entries added since loading. Most anchors of a run's new bodies point to one or two
    /// clusters, held in the map's slot: a list on the heap was a second cache miss for
    /// every anchor looked up (three lookups a new body's anchor in an empty archive).
    added: FxHashMap<u32, AddedList>,
    entries: usize,
    /// Where recent anchors' loaded entries are (see [`Self::loaded`]).
    recent: std::cell::RefCell<Recent>,
    /// [`Self::candidates`]' tally, kept between queries.
    tally: std::cell::RefCell<FxHashMap<i64, Tally>>,
}

/// `(anchor, cluster)` pairs collected to build an [`AnchorIndex`]: eight bytes a pair while
/// every cluster id fits in 32 bits (it takes four billion clusters not to), sixteen after.
/// At a million archived articles the pairs are 7.2M: packed, they take half the memory, and
/// a radix sort orders them in a fraction of a comparison sort's time.
#[derive(Debug)]
pub enum AnchorPairs {
    /// `anchor << 32 | cluster`, kept apart by the anchor's top `PAIR_BUCKET_BITS` bits as
    /// they come: sorting each bucket and taking the buckets in order sorts the pairs. A
    /// bucket of a million-article archive (28,000 pairs, 225 KB) is sorted within the CPU's
    /// cache, where the whole array (58 MB) went through memory once a digit: the sort fell
    /// from 18 % to 10 % of the index load's samples, and the start of a run on that archive
    /// from 0.44–0.48 s to 0.42–0.43 s.
    Packed(Vec<Vec<u64>>),
    Wide(Vec<(u32, i64)>),
}

/// Bits of the anchor that choose a pair's bucket in [`AnchorPairs::Packed`].
const PAIR_BUCKET_BITS: u32 = 8;

impl AnchorPairs {
    /// Room for `n` pairs. Anchors are uniform hashes, so each bucket is given its share and
    /// an eighth more.
    pub fn with_capacity(n: usize) -> Self {
        let buckets = 1usize << PAIR_BUCKET_BITS;
        let share = n / buckets;
        Self::Packed(
            (0..buckets)
                .map(|_| Vec::with_capacity(share + share / 8))
                .collect(),
        )
    }

    /// Add cluster `cluster_id` under each of `anchors`.
    pub fn add(&mut self, anchors: &[u32], cluster_id: i64) {
        match self {
            Self::Packed(buckets) => match u32::try_from(cluster_id) {
                Ok(c) => {
                    for &a in anchors {
                        buckets[(a >> (32 - PAIR_BUCKET_BITS)) as usize]
                            .push((u64::from(a) << 32) | u64::from(c));
                    }
                }
                Err(_) => self
                    .widen()
                    .extend(anchors.iter().map(|&a| (a, cluster_id))),
            },
            Self::Wide(wide) => wide.extend(anchors.iter().map(|&a| (a, cluster_id))),
        }
    }

    /// The pairs in the wide form, which they are switched to first if packed.
    fn widen(&mut self) -> &mut Vec<(u32, i64)> {
        if let Self::Packed(_) = self {
            let packed = std::mem::replace(self, Self::Wide(Vec::new()));
            *self = Self::Wide(packed.into_wide());
        }
        match self {
            Self::Wide(wide) => wide,
            Self::Packed(_) => unreachable!("switched to the wide form above"),
        }
    }

    fn into_wide(self) -> Vec<(u32, i64)> {
        match self {
            Self::Packed(buckets) => buckets.into_iter().flatten().map(unpack).collect(),
            Self::Wide(wide) => wide,
        }
    }

    /// Add `other`'s pairs to these (collected apart, by scans running at once).
    pub fn append(&mut self, other: AnchorPairs) {
        match (&mut *self, other) {
            (Self::Packed(mine), Self::Packed(theirs)) => {
                // Each of their buckets is freed as soon as it is copied.
                for (mine, theirs) in mine.iter_mut().zip(theirs) {
                    mine.extend(theirs);
                }
            }
            (_, other) => self.widen().extend(other.into_wide()),
        }
    }

    /// The index of these pairs, sorted on `threads` threads.
    pub fn into_index(self, threads: usize) -> AnchorIndex {
        match self {
            Self::Packed(mut buckets) => {
                sort_buckets(buckets.iter_mut().collect(), threads);
                AnchorIndex::from_sorted(|| buckets.iter().flatten().map(|&p| unpack(p)))
            }
            Self::Wide(mut wide) => {
                wide.sort_unstable();
                wide.dedup();
                AnchorIndex::from_sorted(|| wide.iter().copied())
            }
        }
    }
}

/// Sort and deduplicate `buckets`, shared among `threads` threads (this one and others it
/// starts; a share whose thread cannot be started is sorted here).
fn sort_buckets(mut buckets: Vec<&mut Vec<u64>>, threads: usize) {
    let sort = |buckets: &mut [&mut Vec<u64>]| {
        for bucket in buckets {
            radsort::sort(bucket);
            bucket.dedup();
        }
    };
    let share = buckets.len().div_ceil(threads.max(1)).max(1);
    let mut shares = buckets.chunks_mut(share);
    let mine = shares.next();
    crate::threads::beside("nd-index-sort", shares.map(|s| move || sort(s)), || {
        if let Some(mine) = mine {
            sort(mine);
        }
    });
}

fn unpack(pair: u64) -> (u32, i64) {
    ((pair >> 32) as u32, i64::from(pair as u32))
}

/// The clusters added under one anchor.
type AddedList = smallvec::SmallVec<[i64; 2]>;

/// An anchor's loaded and added clusters, and how many they are.
type Postings<'a> = (&'a [i64], &'a [i64], u32);

/// Words of the bitmaps [`AnchorIndex::candidates`] marks its hits in: 4,096 bits, for the few
/// hundred hits of a query.
const HIT_WORDS: usize = 64;

/// A cluster's word and bit in those bitmaps.
fn hit_slot(cluster_id: i64) -> (usize, u64) {
    let h = (cluster_id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52;
    ((h >> 6) as usize, 1 << (h & 63))
}

/// What one query found of one cluster: the anchors it shares, and the fewest clusters any of
/// them points to.
#[derive(Debug, Clone, Copy)]
struct Tally {
    shared: u32,
    rarest: u32,
}

/// Where the loaded entries of recently looked-up anchors are: `(start, len)` in the arrays,
/// in two generations of at most [`RECENT_ANCHORS`] each.
///
/// Each new body's anchors are looked up three times: when the matcher asks what to fetch for
/// its batch, when the body is placed (a batch later), and when it is indexed. In the loaded
/// arrays a lookup is three dependent cache misses (directory, anchors, clusters), a fifth of
/// a microsecond; here it is a probe of a table that stays in cache.
#[derive(Debug, Default)]
struct Recent {
    young: FxHashMap<u32, (u32, u32)>,
    old: FxHashMap<u32, (u32, u32)>,
}

/// Anchors a generation of [`Recent`] holds. Lookups repeat soon: a body's anchors are looked
/// up three times within two batches, and the copies of a story share most of theirs. On a
/// 100k-article night into a 1M-article archive, 2.58M lookups reached the arrays 202,060
/// times with 16,384 anchors a generation (126,506 with 65,536, for 4× the memory).
const RECENT_ANCHORS: usize = 1 << 14;

/// A cluster found through the index, with the number of anchors it shares with the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub cluster_id: i64,
    pub shared: u32,
    /// The fewest clusters any of the shared anchors points to (1: only this one).
    pub rarest: u32,
}

impl AnchorIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Build an index from `(anchor, cluster)` pairs in any order (duplicates allowed).
    pub fn from_pairs(pairs: Vec<(u32, i64)>) -> Self {
        AnchorPairs::Wide(pairs).into_index(1)
    }

    /// Build an index from pairs sorted by (anchor, cluster), without duplicates, as
    /// `pairs()` yields them (twice: once to count the entries kept, once to keep them).
    fn from_sorted<I: Iterator<Item = (u32, i64)>>(pairs: impl Fn() -> I) -> Self {
        // Anchors with more than `MAX_POSTINGS + 1` clusters keep that many.
        let kept = |pairs: I| {
            let mut run: Option<(u32, usize)> = None;
            pairs.filter(move |&(anchor, _)| {
                let n = match run {
                    Some((a, n)) if a == anchor => n + 1,
                    _ => 1,
                };
                run = Some((anchor, n));
                n <= MAX_POSTINGS + 1
            })
        };
        let n = kept(pairs()).count();
        let mut anchors = Vec::with_capacity(n);
        let mut clusters = Vec::with_capacity(n);
        for (anchor, cluster) in kept(pairs()) {
            anchors.push(anchor);
            clusters.push(cluster);
        }
        // About two entries a slot; anchors are uniform hashes, so slots stay short.
        let directory_bits = (anchors.len() / 2).max(1).ilog2().min(30);
        let mut directory = Vec::with_capacity((1 << directory_bits) + 1);
        let mut at = 0;
        for slot in 0..=1u64 << directory_bits {
            while at < anchors.len() && slot_of(anchors[at], directory_bits) < slot {
                at += 1;
            }
            directory.push(at as u32);
        }
        Self {
            entries: anchors.len(),
            anchors,
            clusters,
            directory,
            directory_bits,
            added: FxHashMap::default(),
            recent: Default::default(),
            tally: Default::default(),
        }
    }

    /// The loaded clusters of one anchor.
    fn loaded(&self, anchor: u32) -> &[i64] {
        if self.anchors.is_empty() {
            // Nothing loaded (a new archive): nothing to look up, nothing worth remembering.
            return &[];
        }
        let mut recent = self.recent.borrow_mut();
        let known = recent
            .young
            .get(&anchor)
            .or_else(|| recent.old.get(&anchor))
            .copied();
        let (start, len) = match known {
            Some(found) => found,
            None => {
                let found = self.find_loaded(anchor);
                if recent.young.len() >= RECENT_ANCHORS {
                    recent.old = std::mem::take(&mut recent.young);
                }
                recent.young.insert(anchor, found);
                found
            }
        };
        &self.clusters[start as usize..(start + len) as usize]
    }

    /// Where the loaded entries of one anchor are: `(start, len)`.
    fn find_loaded(&self, anchor: u32) -> (u32, u32) {
        let Some(range) = self.directory_range(anchor) else {
            return (0, 0);
        };
        let slot = &self.anchors[range.clone()];
        let start = slot.partition_point(|&a| a < anchor);
        let len = slot[start..].iter().take_while(|&&a| a == anchor).count();
        ((range.start + start) as u32, len as u32)
    }

    /// The loaded entries in `anchor`'s directory slot (`None` before anything is loaded).
    fn directory_range(&self, anchor: u32) -> Option<std::ops::Range<usize>> {
        let slot = slot_of(anchor, self.directory_bits) as usize;
        let start = *self.directory.get(slot)? as usize;
        let end = *self.directory.get(slot + 1)? as usize;
        Some(start..end)
    }

    /// Index a body's anchors under its cluster.
    pub fn insert(&mut self, anchors: &[u32], cluster_id: i64) {
        for &anchor in anchors {
            let loaded_len = {
                let loaded = self.loaded(anchor);
                if loaded.contains(&cluster_id) {
                    continue;
                }
                loaded.len()
            };
            let added = self.added.entry(anchor).or_default();
            if loaded_len + added.len() <= MAX_POSTINGS && !added.contains(&cluster_id) {
                added.push(cluster_id);
                self.entries += 1;
            }
        }
    }

    /// Clusters sharing at least one non-stop anchor with `anchors`, most shared first; a
    /// cluster sharing a single anchor only if that anchor is rare (see [`MAX_SOLE_POSTINGS`]).
    pub fn candidates(&self, anchors: &[u32]) -> Vec<Candidate> {
        // Tallied per cluster rather than sorting every (cluster, anchor) hit: a query meets a
        // few hundred hits, mostly of common anchors whose clusters share nothing else and are
        // dropped, and the sort of them all was most of the query's time.
        let lists: smallvec::SmallVec<[Postings; 16]> = anchors
            .iter()
            .map(|&anchor| {
                let loaded = self.loaded(anchor);
                let added = self.added.get(&anchor).map_or(&[][..], AddedList::as_slice);
                (loaded, added, (loaded.len() + added.len()) as u32)
            })
            .filter(|&(_, _, len)| len as usize <= MAX_POSTINGS)
            .collect();
        // Most hits are of common anchors' clusters that share nothing else with the query and
        // are dropped. Two bitmaps keyed by a hash of the cluster id find the clusters hit
        // twice or more first, so that only theirs and rare anchors' hits are tallied; a hash
        // collision only lets a cluster into the tally, where the filter below drops it.
        let mut seen = [0u64; HIT_WORDS];
        let mut twice = [0u64; HIT_WORDS];
        for &(loaded, added, _) in &lists {
            for &id in loaded.iter().chain(added) {
                let (word, bit) = hit_slot(id);
                twice[word] |= seen[word] & bit;
                seen[word] |= bit;
            }
        }
        let mut tally = self.tally.borrow_mut();
        tally.clear();
        for &(loaded, added, len) in &lists {
            let sole = len <= MAX_SOLE_POSTINGS;
            for &id in loaded.iter().chain(added) {
                let (word, bit) = hit_slot(id);
                if !sole && twice[word] & bit == 0 {
                    continue;
                }
                let t = tally.entry(id).or_insert(Tally {
                    shared: 0,
                    rarest: len,
                });
                t.shared += 1;
                t.rarest = t.rarest.min(len);
            }
        }
        let mut counts: Vec<Candidate> = tally
            .iter()
            .filter(|(_, t)| t.shared > 1 || t.rarest <= MAX_SOLE_POSTINGS)
            .map(|(&cluster_id, t)| Candidate {
                cluster_id,
                shared: t.shared,
                rarest: t.rarest,
            })
            .collect();
        counts.sort_unstable_by(|a, b| {
            b.shared
                .cmp(&a.shared)
                .then(a.cluster_id.cmp(&b.cluster_id))
        });
        counts
    }

    /// Whether any entries were loaded (rather than all added since).
    pub fn has_loaded(&self) -> bool {
        !self.anchors.is_empty()
    }

    /// (anchor, cluster) entries held.
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// Heap memory held, estimated from capacities: the loaded arrays, plus the added map's
    /// slots (key, list header and a control byte each) and lists, plus the recent lookups.
    pub fn heap_bytes(&self) -> usize {
        let slot = std::mem::size_of::<(u32, AddedList)>() + 1;
        let recent = self.recent.borrow();
        let recent_slot = std::mem::size_of::<(u32, (u32, u32))>() + 1;
        let recent_bytes = (recent.young.capacity() + recent.old.capacity()) * recent_slot;
        let lists: usize = self
            .added
            .values()
            .filter(|l| l.spilled())
            .map(|l| l.capacity() * std::mem::size_of::<i64>())
            .sum();
        self.anchors.capacity() * std::mem::size_of::<u32>()
            + self.clusters.capacity() * std::mem::size_of::<i64>()
            + self.directory.capacity() * std::mem::size_of::<u32>()
            + self.added.capacity() * slot
            + lists
            + recent_bytes
    }
}

/// An anchor's directory slot: its top `bits` bits.
fn slot_of(anchor: u32, bits: u32) -> u64 {
    u64::from(anchor) >> (32 - bits)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::{ANCHOR_BUCKETS, anchors};
    use proptest::prelude::*;

    /// The loaded arrays of an index, to compare two.
    fn parts(index: &AnchorIndex) -> (Vec<u32>, Vec<i64>, Vec<u32>) {
        (
            index.anchors.clone(),
            index.clusters.clone(),
            index.directory.clone(),
        )
    }

    #[test]
    fn candidates_are_ranked_by_shared_anchors() {
        let mut index = AnchorIndex::new();
        index.insert(&[1, 2, 3], 10);
        index.insert(&[3, 4], 20);
        index.insert(&[9], 30);
        let found = index.candidates(&[2, 3, 4]);
        assert_eq!(
            found,
            [
                Candidate {
                    cluster_id: 10,
                    shared: 2,
                    rarest: 1
                },
                Candidate {
                    cluster_id: 20,
                    shared: 2,
                    rarest: 1
                }
            ]
        );
        assert!(index.candidates(&[7]).is_empty());
    }

    #[test]
    fn stop_anchors_are_ignored() {
        let mut index = AnchorIndex::new();
        for cluster in 0..=MAX_POSTINGS as i64 + 5 {
            index.insert(&[42, 1000 + cluster as u32], cluster);
        }
        assert!(index.candidates(&[42]).is_empty());
        assert_eq!(index.candidates(&[42, 1003])[0].cluster_id, 3);
    }

    #[test]
    fn a_lone_shared_anchor_must_be_rare() {
        let mut index = AnchorIndex::new();
        for cluster in 0..MAX_SOLE_POSTINGS as i64 + 1 {
            index.insert(&[7, 100 + cluster as u32], cluster);
        }
        // Anchor 7 points to 9 clusters: alone it finds none of them...
        assert!(index.candidates(&[7]).is_empty());
        // ...but with a second shared anchor the cluster is a candidate.
        assert_eq!(index.candidates(&[7, 103])[0].cluster_id, 3);
        // A rare anchor is enough on its own.
        assert_eq!(index.candidates(&[105])[0].cluster_id, 5);
    }

    #[test]
    fn packed_and_wide_pairs_build_the_same_index() {
        // Twelve anchors a cluster, one of them shared by all: a stop anchor, cut short.
        // Anchors spread over every bucket, and many shared (5,000 values for 33,000 pairs).
        let sets: Vec<(Vec<u32>, i64)> = (0..3_000u32)
            .map(|c| {
                let mut anchors: Vec<u32> = (1..12u32)
                    .map(|k| {
                        (c.wrapping_mul(2_654_435_761).wrapping_add(k * 40_503) % 5_000)
                            .wrapping_mul(858_993)
                    })
                    .collect();
                anchors.push(42);
                (anchors, i64::from(c % 1_700) + 1)
            })
            .collect();
        let mut packed = AnchorPairs::with_capacity(0);
        let mut wide = Vec::new();
        for (anchors, c) in &sets {
            packed.add(anchors, *c);
            wide.extend(anchors.iter().map(|&a| (a, *c)));
        }
        let AnchorPairs::Packed(buckets) = &packed else {
            panic!("32-bit cluster ids stay packed");
        };
        assert!(buckets.iter().filter(|b| !b.is_empty()).count() > 200);
        let index = packed.into_index(3);
        assert_eq!(parts(&index), parts(&AnchorIndex::from_pairs(wide.clone())));
        let expected: Vec<i64> = (1..=MAX_POSTINGS as i64 + 1).collect();
        assert_eq!(
            index.loaded(42),
            expected,
            "the smallest cluster ids are kept"
        );
        // A cluster id past 32 bits turns the pairs wide, keeping those added before it.
        let mut switched = AnchorPairs::with_capacity(0);
        for (anchors, c) in &sets {
            switched.add(anchors, *c);
        }
        let big = i64::from(u32::MAX) + 5;
        switched.add(&[7, 4_999], big);
        assert!(matches!(switched, AnchorPairs::Wide(_)));
        wide.extend([(7, big), (4_999, big)]);
        assert_eq!(
            parts(&switched.into_index(2)),
            parts(&AnchorIndex::from_pairs(wide))
        );
    }

    #[test]
    fn pairs_collected_apart_index_like_pairs_collected_together() {
        let sets: Vec<(Vec<u32>, i64)> = (0..3_000u32)
            .map(|c| {
                let anchors = (0..6u32)
                    .map(|k| {
                        c.wrapping_mul(2_654_435_761)
                            .wrapping_add(k.wrapping_mul(97))
                    })
                    .collect();
                (anchors, i64::from(c % 900) + 1)
            })
            .collect();
        let pairs_of = |sets: &[(Vec<u32>, i64)]| -> Vec<(u32, i64)> {
            sets.iter()
                .flat_map(|(anchors, c)| anchors.iter().map(move |&a| (a, *c)))
                .collect()
        };
        let collected = |sets: &[(Vec<u32>, i64)]| {
            let mut pairs = AnchorPairs::with_capacity(sets.len() * 6);
            for (anchors, c) in sets {
                pairs.add(anchors, *c);
            }
            pairs
        };
        let expected = parts(&AnchorIndex::from_pairs(pairs_of(&sets)));
        // Three parts, the first two sharing some pairs, sorted on any number of threads.
        for threads in [1, 2, 5] {
            let [mut a, b, c] =
                [&sets[..1_500], &sets[1_200..2_000], &sets[2_000..]].map(collected);
            a.append(b);
            a.append(c);
            assert_eq!(parts(&a.into_index(threads)), expected);
        }
        // A part gone wide makes them all wide, and loses none.
        let big = i64::from(u32::MAX) + 9;
        let mut wide = collected(&sets[1_234..]);
        wide.add(&[5], big);
        assert!(matches!(wide, AnchorPairs::Wide(_)));
        let mut with_big = pairs_of(&sets);
        with_big.push((5, big));
        let mut pairs = collected(&sets[..1_234]);
        pairs.append(wide);
        assert!(matches!(pairs, AnchorPairs::Wide(_)));
        assert_eq!(
            parts(&pairs.into_index(2)),
            parts(&AnchorIndex::from_pairs(with_big))
        );
        // And wide pairs take packed ones.
        let mut pairs = AnchorPairs::Wide(Vec::new());
        pairs.append(collected(&sets));
        assert_eq!(parts(&pairs.into_index(1)), expected);
    }

    #[test]
    fn recent_lookups_answer_like_the_arrays_across_generations() {
        let pairs: Vec<(u32, i64)> = (0..300_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761), i64::from(i % 1_000)))
            .collect();
        let index = AnchorIndex::from_pairs(pairs.clone());
        // Three generations' worth of lookups, then the first ones again.
        for &(anchor, _) in pairs.iter().take(3 * RECENT_ANCHORS) {
            let (start, len) = index.find_loaded(anchor);
            assert_eq!(
                index.loaded(anchor),
                &index.clusters[start as usize..(start + len) as usize]
            );
        }
        for &(anchor, cluster) in pairs.iter().take(1_000) {
            assert_eq!(index.loaded(anchor), [cluster]);
            assert_eq!(index.loaded(anchor), [cluster], "as remembered");
        }
    }

    #[test]
    fn loaded_and_added_entries_answer_like_one_index() {
        let pairs: Vec<(u32, i64)> = (0..200u32)
            .flat_map(|c| (0..12u32).map(move |k| ((c * 7 + k * 13) % 97, i64::from(c))))
            .collect();
        let mut inserted = AnchorIndex::new();
        for chunk in pairs.chunks(12) {
            let anchors: Vec<u32> = chunk.iter().map(|p| p.0).collect();
            inserted.insert(&anchors, chunk[0].1);
        }
        let (first, rest) = pairs.split_at(600);
        let mut loaded = AnchorIndex::from_pairs(first.to_vec());
        for chunk in rest.chunks(12) {
            let anchors: Vec<u32> = chunk.iter().map(|p| p.0).collect();
            loaded.insert(&anchors, chunk[0].1);
        }
        for q in 0..97u32 {
            let query = [q, (q * 5) % 97, (q * 11) % 97];
            assert_eq!(
                loaded.candidates(&query),
                inserted.candidates(&query),
                "{query:?}"
            );
        }
    }

    #[test]
    fn reinserting_a_cluster_does_not_duplicate_it() {
        let mut index = AnchorIndex::new();
        index.insert(&[5, 6], 1);
        index.insert(&[5, 7], 1);
        assert_eq!(
            index.candidates(&[5, 6, 7]),
            [Candidate {
                cluster_id: 1,
                shared: 3,
                rarest: 1
            }]
        );
        assert_eq!(index.entries(), 3);
    }

    /// [`AnchorIndex::candidates`] by sorting every (cluster, anchor) hit: the reference.
    fn candidates_by_sorting(index: &AnchorIndex, anchors: &[u32]) -> Vec<Candidate> {
        let mut ids: Vec<(i64, u32)> = Vec::new();
        for &anchor in anchors {
            let loaded = index.loaded(anchor);
            let added = index
                .added
                .get(&anchor)
                .map_or(&[][..], AddedList::as_slice);
            let len = loaded.len() + added.len();
            if len <= MAX_POSTINGS {
                ids.extend(loaded.iter().chain(added).map(|&id| (id, len as u32)));
            }
        }
        ids.sort_unstable();
        let mut counts: Vec<Candidate> = ids
            .chunk_by(|a, b| a.0 == b.0)
            .map(|run| Candidate {
                cluster_id: run[0].0,
                shared: run.len() as u32,
                rarest: run.iter().map(|&(_, n)| n).min().unwrap_or(0),
            })
            .filter(|c| c.shared > 1 || c.rarest <= MAX_SOLE_POSTINGS)
            .collect();
        counts.sort_by(|a, b| {
            b.shared
                .cmp(&a.shared)
                .then(a.cluster_id.cmp(&b.cluster_id))
        });
        counts
    }

    #[test]
    fn clusters_sharing_a_hit_slot_are_still_tallied_exactly() {
        // Cluster `b` is hit through both common anchors, `a` through one of them only; they
        // share a bit in the hit bitmaps, which lets `a` into the tally, and the filter must
        // still drop it.
        let b = 5_i64;
        let a = (6..)
            .find(|&id| hit_slot(id) == hit_slot(b))
            .expect("some id shares its slot");
        let mut pairs = vec![(1, a), (1, b), (2, b)];
        for filler in 0..10 {
            pairs.push((1, 1_000_000 + filler));
            pairs.push((2, 2_000_000 + filler));
        }
        let index = AnchorIndex::from_pairs(pairs);
        let found = index.candidates(&[1, 2]);
        assert_eq!(found, candidates_by_sorting(&index, &[1, 2]));
        assert_eq!(
            found
                .iter()
                .map(|c| (c.cluster_id, c.shared))
                .collect::<Vec<_>>(),
            [(b, 2)]
        );
    }

    proptest! {
        /// The directory finds every loaded entry of an anchor, wherever its top bits put it.
        #[test]
        fn loaded_entries_are_found_through_the_directory(
            mut anchors in proptest::collection::vec(
                prop_oneof![any::<u32>(), 0u32..4, (u32::MAX - 3)..=u32::MAX],
                0..400,
            ),
        ) {
            anchors.extend_from_slice(&anchors.clone());
            let pairs: Vec<(u32, i64)> =
                anchors.iter().enumerate().map(|(i, &a)| (a, (i % 7) as i64)).collect();
            let index = AnchorIndex::from_pairs(pairs.clone());
            for &(anchor, _) in pairs.iter().chain(&[(0, 0), (u32::MAX, 0), (1 << 31, 0)]) {
                let mut expected: Vec<i64> =
                    pairs.iter().filter(|p| p.0 == anchor).map(|p| p.1).collect();
                expected.sort_unstable();
                expected.dedup();
                expected.truncate(MAX_POSTINGS + 1);
                prop_assert_eq!(index.loaded(anchor), expected.as_slice());
            }
        }

        /// The tally finds what sorting every hit finds: the same clusters, counts and order,
        /// over loaded and added entries, stop anchors, rare anchors and repeated anchors.
        #[test]
        fn candidates_are_those_of_sorting_every_hit(
            loaded in proptest::collection::vec((0u32..12, 0i64..80), 0..700),
            added in proptest::collection::vec((0u32..12, 0i64..80), 0..200),
            query in proptest::collection::vec(0u32..14, 0..14),
        ) {
            let mut index = AnchorIndex::from_pairs(loaded);
            for (anchor, cluster) in added {
                index.insert(&[anchor], cluster);
            }
            prop_assert_eq!(index.candidates(&query), candidates_by_sorting(&index, &query));
        }

        /// Recall: a body that keeps enough of an indexed body's shingles is always found.
        #[test]
        fn copies_keeping_most_shingles_are_found(
            n in 200usize..800,
            keep_percent in 70usize..=100,
            seed: u64,
        ) {
            let shingles: Vec<u64> = (0..n as u64)
                .map(|i| (i ^ seed).wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17))
                .collect();
            let mut index = AnchorIndex::new();
            index.insert(&anchors(&shingles), 1);
            let copy = &shingles[..n * keep_percent / 100];
            let found = index.candidates(&anchors(copy));
            prop_assert_eq!(found.first().map(|c| c.cluster_id), Some(1));
            prop_assert!(found[0].shared as usize <= ANCHOR_BUCKETS);
        }
    }
}
