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
//! Pure and deterministic: candidates come back ordered by shared anchors, then cluster id.

use std::collections::HashMap;

/// Clusters an anchor may point to before it is treated as a stop anchor.
pub const MAX_POSTINGS: usize = 48;

/// Anchor → cluster ids.
#[derive(Debug, Default)]
pub struct AnchorIndex {
    postings: HashMap<u32, Vec<i64>>,
    entries: usize,
}

/// A cluster found through the index, with the number of anchors it shares with the query.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub cluster_id: i64,
    pub shared: u32,
}

impl AnchorIndex {
    pub fn new() -> Self {
        Self::default()
    }

    /// Index a body's anchors under its cluster.
    pub fn insert(&mut self, anchors: &[u32], cluster_id: i64) {
        for &anchor in anchors {
            let list = self.postings.entry(anchor).or_default();
            if list.len() <= MAX_POSTINGS && !list.contains(&cluster_id) {
                list.push(cluster_id);
                self.entries += 1;
            }
        }
    }

    /// Clusters sharing at least one non-stop anchor with `anchors`, most shared first.
    pub fn candidates(&self, anchors: &[u32]) -> Vec<Candidate> {
        let mut ids: Vec<i64> = Vec::new();
        for anchor in anchors {
            if let Some(list) = self.postings.get(anchor)
                && list.len() <= MAX_POSTINGS
            {
                ids.extend_from_slice(list);
            }
        }
        ids.sort_unstable();
        let mut counts: Vec<Candidate> = ids
            .chunk_by(|a, b| a == b)
            .map(|run| Candidate {
                cluster_id: run[0],
                shared: run.len() as u32,
            })
            .collect();
        counts.sort_unstable_by(|a, b| {
            b.shared
                .cmp(&a.shared)
                .then(a.cluster_id.cmp(&b.cluster_id))
        });
        counts
    }

    /// Distinct anchors held.
    pub fn anchors(&self) -> usize {
        self.postings.len()
    }

    /// (anchor, cluster) entries held.
    pub fn entries(&self) -> usize {
        self.entries
    }

    /// Heap memory held, estimated from capacities: the hash table's slots (key, list header
    /// and a control byte each) plus the lists' cluster ids.
    pub fn heap_bytes(&self) -> usize {
        let slot = std::mem::size_of::<(u32, Vec<i64>)>() + 1;
        let lists: usize = self
            .postings
            .values()
            .map(|l| l.capacity() * std::mem::size_of::<i64>())
            .sum();
        self.postings.capacity() * slot + lists
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::{ANCHOR_BUCKETS, anchors};
    use proptest::prelude::*;

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
                    shared: 2
                },
                Candidate {
                    cluster_id: 20,
                    shared: 2
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
    fn reinserting_a_cluster_does_not_duplicate_it() {
        let mut index = AnchorIndex::new();
        index.insert(&[5, 6], 1);
        index.insert(&[5, 7], 1);
        assert_eq!(
            index.candidates(&[5, 6, 7]),
            [Candidate {
                cluster_id: 1,
                shared: 3
            }]
        );
        assert_eq!(index.entries(), 3);
    }

    proptest! {
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
