//! What the candidate gate knows of archived clusters without reading them.
//!
//! Against a large archive most candidates are old clusters the matcher has not cached, and
//! most of those that share a single anchor with a new body fail the gate
//! ([`super::worth_verifying`]). Deciding that took a read of the cluster's canonical row: a
//! join through three tables, scattered over the archive. The index load already scans every
//! indexed body, so it also keeps each one's SimHash and word count here, by cluster.
//!
//! An archived cluster's canonical body is always indexed (a body gets its anchors when it
//! becomes canonical), so it is among the probes kept for its cluster. When every one of them
//! fails the gate, the canonical fails too and the candidate can be turned away unread, with
//! the same decision as reading it. Bodies indexed earlier (former canonicals, canonicals of
//! clusters merged in) only make the test looser. Clusters whose canonical changes during the
//! run are not judged here (see `Matcher::set_canonical`).

use super::Probe;
use rustc_hash::FxHashMap;

/// The indexed bodies' probes of each archived cluster.
#[derive(Debug, Default)]
pub struct ArchivedProbes {
    /// The first probe of each cluster, by cluster id; [`NONE`] words where there is none.
    /// Cluster ids are the archive's row ids, dense enough for a table.
    first: Vec<Probe>,
    /// Further probes of clusters with more than one indexed body, and clusters whose id is
    /// too far past the table to grow it for.
    more: FxHashMap<i64, Vec<Probe>>,
    clusters: usize,
}

/// Words of an empty slot of the table (no body has this many words).
const NONE: u32 = u32::MAX;

impl ArchivedProbes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Record the probe of an indexed body of `cluster_id`.
    pub fn add(&mut self, cluster_id: i64, probe: Probe) {
        let slot = usize::try_from(cluster_id)
            .ok()
            // Grow the table only while it stays in proportion to what it holds.
            .filter(|&id| id < self.first.len().max(4 * self.clusters + (1 << 20)));
        match slot {
            Some(id) if probe.words != NONE => {
                if id >= self.first.len() {
                    self.first.resize(
                        id + 1,
                        Probe {
                            simhash: 0,
                            words: NONE,
                        },
                    );
                }
                if self.first[id].words == NONE {
                    self.first[id] = probe;
                    self.clusters += 1;
                } else {
                    self.more.entry(cluster_id).or_default().push(probe);
                }
            }
            _ => self.more.entry(cluster_id).or_default().push(probe),
        }
    }

    /// Whether this archive knows `cluster_id`'s indexed bodies and `pass` rejects all of them.
    pub fn all_fail(&self, cluster_id: i64, pass: impl Fn(Probe) -> bool) -> bool {
        let first = usize::try_from(cluster_id)
            .ok()
            .and_then(|id| self.first.get(id))
            .filter(|p| p.words != NONE);
        let more = self.more.get(&cluster_id).map_or(&[][..], Vec::as_slice);
        if first.is_none() && more.is_empty() {
            return false;
        }
        first.into_iter().chain(more).all(|&p| !pass(p))
    }

    /// Give back the table's spare capacity, once everything is added.
    pub fn shrink_to_fit(&mut self) {
        self.first.shrink_to_fit();
        self.more.shrink_to_fit();
    }

    /// Memory held, estimated from capacities.
    pub fn heap_bytes(&self) -> usize {
        let probe = std::mem::size_of::<Probe>();
        self.first.capacity() * probe
            + self.more.capacity() * (std::mem::size_of::<(i64, Vec<Probe>)>() + 1)
            + self
                .more
                .values()
                .map(|v| v.capacity() * probe)
                .sum::<usize>()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn probe(simhash: u64, words: u32) -> Probe {
        Probe { simhash, words }
    }

    #[test]
    fn unknown_clusters_are_never_turned_away() {
        let probes = ArchivedProbes::new();
        assert!(!probes.all_fail(7, |_| false));
        assert!(!probes.all_fail(-1, |_| false));
    }

    #[test]
    fn a_cluster_fails_only_if_every_indexed_body_fails() {
        let mut probes = ArchivedProbes::new();
        probes.add(3, probe(0b01, 100));
        probes.add(3, probe(0b10, 200));
        probes.add(5, probe(0b01, 300));
        assert!(probes.all_fail(3, |p| p.simhash == 0b100));
        assert!(
            !probes.all_fail(3, |p| p.simhash == 0b10),
            "the second body passes"
        );
        assert!(!probes.all_fail(5, |p| p.words == 300));
        assert!(probes.all_fail(5, |p| p.words == 100));
        assert!(!probes.all_fail(4, |_| false), "nothing known of cluster 4");
    }

    #[test]
    fn far_ids_go_to_the_map_and_still_answer() {
        let mut probes = ArchivedProbes::new();
        probes.add(1 << 40, probe(1, 10));
        probes.add(2, probe(2, 20));
        assert!(
            probes.heap_bytes() < 1 << 20,
            "no table grown to the far id"
        );
        assert!(probes.all_fail(1 << 40, |p| p.words != 10));
        assert!(!probes.all_fail(1 << 40, |p| p.words == 10));
        assert!(probes.all_fail(2, |p| p.words != 20));
    }
}
