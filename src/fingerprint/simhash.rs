//! 64-bit SimHash: each bit is the majority vote of that bit over all shingle hashes.
//!
//! Near-identical texts share most shingles, so most votes agree and few bits differ; the Hamming
//! distance between two SimHashes estimates how much the texts differ.

/// SimHash of a set of shingle hashes; 0 for no shingles.
///
/// Votes are counted eight bits at a time: lane `j` of accumulator word `k` counts bit
/// `8j + k` of the hashes, so one shift, mask and add per accumulator counts eight bits at once
/// (byte lanes hold up to 255 votes, then spill into the wide counters). About 5× fewer
/// operations than counting bit by bit, with identical results (a bit is set when more than
/// half of the hashes have it).
pub fn simhash(shingles: &[u64]) -> u64 {
    const LANES: u64 = 0x0101_0101_0101_0101;
    let mut ones = [0u32; 64];
    for chunk in shingles.chunks(255) {
        let mut lanes = [0u64; 8];
        for &h in chunk {
            for (k, lane) in lanes.iter_mut().enumerate() {
                *lane += (h >> k) & LANES;
            }
        }
        for (k, lane) in lanes.iter().enumerate() {
            for j in 0..8 {
                ones[8 * j + k] += ((lane >> (8 * j)) & 0xFF) as u32;
            }
        }
    }
    let n = shingles.len() as u64;
    ones.iter()
        .enumerate()
        .filter(|&(_, &count)| 2 * u64::from(count) > n)
        .fold(0u64, |acc, (bit, _)| acc | (1 << bit))
}

/// The bit-by-bit form of [`simhash`], to test it against.
#[cfg(test)]
fn simhash_reference(shingles: &[u64]) -> u64 {
    let mut votes = [0i64; 64];
    for &h in shingles {
        for (bit, vote) in votes.iter_mut().enumerate() {
            *vote += (((h >> bit) & 1) as i64) * 2 - 1;
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
        fn lane_counting_matches_bit_by_bit(
            hashes in proptest::collection::vec(any::<u64>(), 0..700),
            biased in any::<u64>(),
        ) {
            // Half the hashes share bits, so votes are close and ties happen.
            let mixed: Vec<u64> = hashes
                .iter()
                .enumerate()
                .map(|(i, &h)| if i % 2 == 0 { h } else { h | biased })
                .collect();
            prop_assert_eq!(simhash(&mixed), simhash_reference(&mixed));
        }

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
