//! Profiles and verification measures: exact shingle Jaccard and containment.
//!
//! Candidates are only ever accepted on these exact measures, never on a sketch. Besides word
//! shingles a profile keeps the body's numbers (figures, scores, dates): templated reports
//! (earnings, market closes, results) share most of their wording but few of their numbers,
//! while real copies — even trimmed or lightly edited ones — keep nearly all of theirs.

use twox_hash::XxHash3_64;

/// What verification compares of one body. Computed on demand, never stored.
///
/// Shingles are kept as 32-bit keys (the high half of each 64-bit shingle hash): half the memory
/// of the profile cache and twice the keys per cache line when intersecting. Two distinct
/// shingles of a ~700-shingle pair collide with probability ~700²/2³² ≈ 10⁻⁴, which moves a
/// Jaccard by ~1/700 at worst.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Shingle keys, sorted and deduplicated.
    pub shingles: Vec<u32>,
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
    /// Profile a folded body given its (unsorted) shingle hashes and its word count.
    pub fn new(folded: &str, shingles: &[u64], words: u32) -> Self {
        let mut shingles: Vec<u32> = shingles.iter().map(|&h| (h >> 32) as u32).collect();
        // Hundreds of uniformly spread keys: a radix sort takes a third of a comparison sort's
        // time, whose every comparison of hashes is a coin toss for the branch predictor.
        radsort::sort(&mut shingles);
        shingles.dedup();
        let mut numbers: Vec<u64> = numeric_tokens(folded)
            .map(|t| XxHash3_64::oneshot(t.as_bytes()))
            .collect();
        numbers.sort_unstable();
        numbers.dedup();
        Self {
            shingles,
            numbers,
            words,
        }
    }

    /// Memory the profile takes, its own size included.
    pub fn heap_bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.shingles.capacity() * std::mem::size_of::<u32>()
            + self.numbers.capacity() * std::mem::size_of::<u64>()
    }

    /// Compare two profiles.
    pub fn compare(&self, other: &Profile) -> Similarity {
        self.compare_at_least(other, 0)
            .expect("every pair shares at least 0 shingles")
    }

    /// Compare two profiles, giving up (`None`) as soon as they cannot share `min_shared`
    /// shingles. Unrelated bodies share a few percent of their shingles, so a verifier that
    /// needs most of them shared stops after a fraction of the merge.
    pub fn compare_at_least(&self, other: &Profile, min_shared: usize) -> Option<Similarity> {
        let shared = intersection_at_least(&self.shingles, &other.shingles, min_shared)? as f64;
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
        Some(Similarity {
            jaccard: ratio(shared, a + b - shared),
            a_in_b: ratio(shared, a),
            b_in_a: ratio(shared, b),
            numbers,
        })
    }
}

/// Size of the intersection of two sorted, deduplicated slices.
fn intersection<T: Ord + Copy>(a: &[T], b: &[T]) -> usize {
    intersection_at_least(a, b, 0).unwrap_or(0)
}

/// Steps of the merge between checks of whether `at_least` is still reachable.
const BOUND_CHECK_STEPS: usize = 32;

/// Size of the intersection of two sorted, deduplicated slices, or `None` once it can no
/// longer reach `at_least`. The merge is branch-free: which side advances is data, not a jump
/// the CPU must guess (it guesses wrong half the time on hashes).
fn intersection_at_least<T: Ord + Copy>(a: &[T], b: &[T], at_least: usize) -> Option<usize> {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        if n + (a.len() - i).min(b.len() - j) < at_least {
            return None;
        }
        for _ in 0..BOUND_CHECK_STEPS {
            let (x, y) = (a[i], b[j]);
            i += usize::from(x <= y);
            j += usize::from(y <= x);
            n += usize::from(x == y);
            if i == a.len() || j == b.len() {
                break;
            }
        }
    }
    (n >= at_least).then_some(n)
}

/// Numeric tokens: digit runs with inner `.`/`,` ("41.2", "1,200"), punctuation at either end
/// cut. A token so cut runs from the first digit of its run to the last, so the scan jumps
/// from digit to digit ([`next_digit`]) instead of stopping at every `.` and `,` of the prose.
/// Works on bytes: every byte of a token is ASCII, and no byte of a multi-byte character is.
fn numeric_tokens(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let is_part = |b: u8| b.is_ascii_digit() || b == b'.' || b == b',';
    let mut i = 0;
    std::iter::from_fn(move || {
        let start = next_digit(bytes, i)?;
        let mut last_digit = start;
        i = start + 1;
        while let Some(&b) = bytes.get(i).filter(|&&b| is_part(b)) {
            if b.is_ascii_digit() {
                last_digit = i;
            }
            i += 1;
        }
        std::str::from_utf8(&bytes[start..=last_digit]).ok()
    })
}

/// The first ASCII digit at or after `from`. Prose has a digit every few hundred bytes, so it
/// skips 16-byte blocks holding none with a test the compiler turns into vector instructions.
fn next_digit(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 16;
    let rest = bytes.get(from..)?;
    let blocks = rest.chunks_exact(BLOCK);
    let skipped = blocks
        .take_while(|block| !block.iter().fold(false, |any, b| any | b.is_ascii_digit()))
        .count()
        * BLOCK;
    rest[skipped..]
        .iter()
        .position(u8::is_ascii_digit)
        .map(|p| from + skipped + p)
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
        let words = shingle_hashes(&folded, &mut sh);
        Profile::new(&folded, &sh, words)
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
        fn numeric_tokens_match_the_char_by_char_split(
            text in "[0-9.,a \u{e9}\u{2014}]{0,40}|([a-z .,\u{e9}]{0,40}[0-9.,]{0,3}){0,12}"
        ) {
            let reference: Vec<&str> = text
                .split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ','))
                .map(|t| t.trim_matches(|c: char| c == '.' || c == ','))
                .filter(|t| t.bytes().any(|b| b.is_ascii_digit()))
                .collect();
            prop_assert_eq!(numeric_tokens(&text).collect::<Vec<_>>(), reference);
        }

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
        fn bounded_intersection_agrees_with_the_full_one(
            mut a in proptest::collection::vec(0u32..400, 0..300),
            mut b in proptest::collection::vec(0u32..400, 0..300),
            at_least in 0usize..300,
        ) {
            a.sort_unstable();
            a.dedup();
            b.sort_unstable();
            b.dedup();
            let full = a.iter().filter(|x| b.binary_search(x).is_ok()).count();
            prop_assert_eq!(intersection(&a, &b), full);
            let bounded = intersection_at_least(&a, &b, at_least);
            prop_assert_eq!(bounded, (full >= at_least).then_some(full));
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
