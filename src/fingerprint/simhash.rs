//! 64-bit SimHash: each bit is the majority vote of that bit over all shingle hashes.
//!
//! Near-identical texts share most shingles, so most votes agree and few bits differ; the Hamming
//! distance between two SimHashes estimates how much the texts differ.

/// SimHash of a set of shingle hashes; 0 for no shingles.
pub fn simhash(shingles: &[u64]) -> u64 {
    let mut votes = [0i32; 64];
    for &h in shingles {
        for (bit, vote) in votes.iter_mut().enumerate() {
            // +1 for a set bit, -1 for a clear one, without a branch.
            *vote += (((h >> bit) & 1) as i32) * 2 - 1;
        }
    }
    votes
        .iter()
        .enumerate()
        .filter(|&(_, &v)| v > 0)
        .fold(0u64, |acc, (bit, _)| acc | (1 << bit))
}

/// Number of differing bits.
pub fn hamming(a: u64, b: u64) -> u32 {
    (a ^ b).count_ones()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn majority_vote_per_bit() {
        assert_eq!(simhash(&[]), 0);
        assert_eq!(simhash(&[0b1011]), 0b1011);
        assert_eq!(simhash(&[0b1100, 0b1010, 0b1001]), 0b1000);
    }

    proptest! {
        #[test]
        fn hamming_is_a_metric(a: u64, b: u64, c: u64) {
            prop_assert_eq!(hamming(a, b), hamming(b, a));
            prop_assert_eq!(hamming(a, a), 0);
            prop_assert!(hamming(a, c) <= hamming(a, b) + hamming(b, c));
        }

        #[test]
        fn simhash_ignores_order(mut hashes in proptest::collection::vec(any::<u64>(), 0..50)) {
            let before = simhash(&hashes);
            hashes.reverse();
            prop_assert_eq!(simhash(&hashes), before);
        }
    }
}
