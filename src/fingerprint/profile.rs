//! Profiles and verification measures: exact shingle Jaccard and containment.
//!
//! Candidates are only ever accepted on these exact measures, never on a sketch. Besides word
//! shingles a profile keeps the body's numbers (figures, scores, dates): templated reports
//! (earnings, market closes, results) share most of their wording but few of their numbers,
//! while real copies — even trimmed or lightly edited ones — keep nearly all of theirs.

use twox_hash::XxHash3_64;

/// What verification compares of one body. Computed on demand, never stored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Shingle hashes, sorted and deduplicated.
    pub shingles: Vec<u64>,
    /// Hashes of numeric tokens ("41.2", "2026"), sorted and deduplicated.
    pub numbers: Vec<u64>,
    /// Words in the body.
    pub words: u32,
}

/// How two profiles compare.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Similarity {
    /// Shingle Jaccard: shared / union.
    pub jaccard: f64,
    /// Share of A's shingles found in B.
    pub a_in_b: f64,
    /// Share of B's shingles found in A.
    pub b_in_a: f64,
    /// How the numbers of the two bodies agree; `None` when one body has no numbers.
    pub numbers: Option<Numbers>,
}

/// Agreement of two bodies' numbers.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize)]
pub struct Numbers {
    /// Share of the numbers of the body with fewer numbers that the other also has.
    pub agree: f64,
    /// How many of those it does not have.
    pub differing: usize,
}

impl Profile {
    /// Profile a folded body given its (unsorted) shingle hashes.
    pub fn new(folded: &str, mut shingles: Vec<u64>) -> Self {
        shingles.sort_unstable();
        shingles.dedup();
        let mut numbers: Vec<u64> = numeric_tokens(folded)
            .map(|t| XxHash3_64::oneshot(t.as_bytes()))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        Self {
            shingles,
            numbers,
            words: u32::try_from(super::words(folded).count()).unwrap_or(u32::MAX),
        }
    }

    /// Compare two profiles.
    pub fn compare(&self, other: &Profile) -> Similarity {
        let shared = intersection(&self.shingles, &other.shingles) as f64;
        let (a, b) = (self.shingles.len() as f64, other.shingles.len() as f64);
        let ratio = |num: f64, den: f64| if den > 0.0 { num / den } else { 0.0 };
        let (few, many) = if self.numbers.len() <= other.numbers.len() {
            (&self.numbers, &other.numbers)
        } else {
            (&other.numbers, &self.numbers)
        };
        let numbers = (!few.is_empty()).then(|| {
            let shared = intersection(few, many);
            Numbers {
                agree: shared as f64 / few.len() as f64,
                differing: few.len() - shared,
            }
        });
        Similarity {
            jaccard: ratio(shared, a + b - shared),
            a_in_b: ratio(shared, a),
            b_in_a: ratio(shared, b),
            numbers,
        }
    }
}

/// Size of the intersection of two sorted, deduplicated slices.
fn intersection(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Numeric tokens: digit runs with inner `.`/`,` ("41.2", "1,200"), trailing punctuation cut.
fn numeric_tokens(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
        .map(|t| t.trim_matches(|c: char| c == '.' || c == ','))
        .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::shingle_hashes;
    use crate::normalize::fold::fold;
    use proptest::prelude::*;

    fn profile(text: &str) -> Profile {
        let folded = fold(text);
        let mut sh = Vec::new();
        shingle_hashes(&folded, &mut sh);
        Profile::new(&folded, sh)
    }

    #[test]
    fn numbers_are_tokens_with_digits() {
        let found: Vec<&str> =
            numeric_tokens("net income of $41.2 million, or 88 cents, in 2026. 1,200 jobs.")
                .collect();
        assert_eq!(found, ["41.2", "88", "2026", "1,200"]);
    }

    #[test]
    fn trimmed_copy_is_contained() {
        let whole = "one two three four five six seven eight nine ten eleven twelve";
        let half = "one two three four five six seven";
        let s = profile(half).compare(&profile(whole));
        assert_eq!(s.a_in_b, 1.0);
        assert!((s.b_in_a - 4.0 / 9.0).abs() < 1e-9);
        assert!((s.jaccard - 4.0 / 9.0).abs() < 1e-9);
    }

    #[test]
    fn number_agreement() {
        let a = profile("Sales rose 4.1% to $812 million; profit was 41.2 and 88 cents.");
        let b = profile("Sales rose 3.9% to $640 million; profit was 22.5 and 88 cents.");
        assert_eq!(
            a.compare(&b).numbers,
            Some(Numbers {
                agree: 0.25,
                differing: 3
            })
        );
        assert_eq!(
            a.compare(&a).numbers,
            Some(Numbers {
                agree: 1.0,
                differing: 0
            })
        );
        assert_eq!(profile("no digits here").compare(&a).numbers, None);
    }

    proptest! {
        #[test]
        fn measures_are_symmetric_and_bounded(a in "[a-e ]{0,80}", b in "[a-e ]{0,80}") {
            let (pa, pb) = (profile(&a), profile(&b));
            let ab = pa.compare(&pb);
            let ba = pb.compare(&pa);
            prop_assert!((ab.jaccard - ba.jaccard).abs() < 1e-12);
            prop_assert!((ab.a_in_b - ba.b_in_a).abs() < 1e-12);
            prop_assert!((0.0..=1.0).contains(&ab.jaccard));
            prop_assert!(ab.jaccard <= ab.a_in_b.min(ab.b_in_a) + 1e-12);
        }

        #[test]
        fn a_profile_is_fully_similar_to_itself(a in "[a-z ]{1,200}") {
            let p = profile(&a);
            prop_assume!(!p.shingles.is_empty());
            let s = p.compare(&p);
            prop_assert_eq!((s.jaccard, s.a_in_b, s.b_in_a), (1.0, 1.0, 1.0));
        }
    }
}
