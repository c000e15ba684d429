//! Verification: is a candidate really a copy, and of which kind?
//!
//! Always decided on exact measures between the new body and the cluster's canonical body:
//! word-shingle Jaccard for near copies, containment of the shorter in the longer for trimmed
//! copies, and agreement of the numbers for templated reports — which share most of their
//! wording (earnings briefs, market closes, results) but differ in nearly every figure.

use crate::fingerprint::Similarity;
use crate::model::Relation;

/// Thresholds of verification. Chosen on the generated benchmark (see scripts/eval-bench).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Thresholds {
    /// Shingle Jaccard at or above which a body is a near copy.
    pub near_jaccard: f64,
    /// Share of the shorter body's shingles found in the longer for a containment match.
    pub contained: f64,
    /// The shorter body's length over the longer's, at least (a short brief quoted inside a
    /// long roundup is not a trimmed copy of it).
    pub contained_min_ratio: f64,
    /// Containment required instead of `contained` when the shorter body is under
    /// `short_ratio` of the longer: the shorter the copy, the more of it must match.
    pub short_contained: f64,
    pub short_ratio: f64,
    /// Fewest shingles the shorter body needs for a containment match.
    pub contained_min_shingles: usize,
    /// Share of numbers that must agree, when both bodies have enough numbers.
    pub numbers_agree: f64,
    /// ...and only when at least this many of them differ (an updated toll or one corrected
    /// figure is not a different story).
    pub numbers_min_differing: usize,
    /// Jaccard above which number disagreement is overruled (a copy that fixed its figures).
    pub numbers_overruled: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Self {
            near_jaccard: 0.6,
            contained: 0.75,
            contained_min_ratio: 0.2,
            short_contained: 0.9,
            short_ratio: 0.35,
            contained_min_shingles: 30,
            numbers_agree: 0.5,
            numbers_min_differing: 3,
            numbers_overruled: 0.9,
        }
    }
}

/// A copy this much shorter than the canonical (in shingles), and contained in it, is a
/// trimmed copy (`contained`) even when its Jaccard would also make it a near copy.
const TRIMMED_AT_MOST: f64 = 0.9;

/// The verdict on one (new body, canonical body) pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// A copy: how the new body relates to the canonical, and the score.
    Copy { relation: Relation, score: f64 },
    /// Not a copy, and why.
    Rejected(&'static str),
}

/// Decide from the measures; `new_shingles` and `canonical_shingles` are the set sizes.
pub fn decide(
    sim: &Similarity,
    new_shingles: usize,
    canonical_shingles: usize,
    t: &Thresholds,
) -> Verdict {
    let verdict = decide_on_text(sim, new_shingles, canonical_shingles, t);
    let numbers_differ = sim
        .numbers
        .is_some_and(|n| n.agree < t.numbers_agree && n.differing >= t.numbers_min_differing);
    match verdict {
        Verdict::Copy { .. } if numbers_differ && sim.jaccard < t.numbers_overruled => {
            Verdict::Rejected(
                "the wording matches but the numbers differ (a templated report about other facts?)",
            )
        }
        _ => verdict,
    }
}

/// Fewest shared shingles with which two bodies of `a` and `b` shingles can still be copies:
/// a near copy needs Jaccard `s / (a + b - s) ≥ near_jaccard`, a contained one
/// `s / min(a, b) ≥ contained`. One less than the exact bound, so that float rounding in
/// [`decide`] can never accept a pair this bound let go.
pub fn min_shared(a: usize, b: usize, t: &Thresholds) -> usize {
    let near = t.near_jaccard * (a + b) as f64 / (1.0 + t.near_jaccard);
    let contained = t.contained.min(t.short_contained) * a.min(b) as f64;
    (near.min(contained).floor() as usize).saturating_sub(1)
}

/// The verdict from shingles alone.
fn decide_on_text(
    sim: &Similarity,
    new_shingles: usize,
    canonical_shingles: usize,
    t: &Thresholds,
) -> Verdict {
    let trimmed = (new_shingles as f64) < TRIMMED_AT_MOST * canonical_shingles as f64;
    if sim.jaccard >= t.near_jaccard && !(trimmed && sim.a_in_b >= t.contained) {
        return Verdict::Copy {
            relation: Relation::Near,
            score: sim.jaccard,
        };
    }
    let (shorter, longer) = (
        new_shingles.min(canonical_shingles),
        new_shingles.max(canonical_shingles),
    );
    if sim.a_in_b.max(sim.b_in_a) < t.contained {
        return Verdict::Rejected("too little in common");
    }
    if shorter < t.contained_min_shingles {
        return Verdict::Rejected("too little text in common for a trimmed copy");
    }
    if (shorter as f64) < t.contained_min_ratio * longer as f64 {
        return Verdict::Rejected("one body is far shorter than the other");
    }
    if new_shingles <= canonical_shingles && sim.a_in_b >= t.contained {
        return Verdict::Copy {
            relation: Relation::Contained,
            score: sim.a_in_b,
        };
    }
    if new_shingles > canonical_shingles && sim.b_in_a >= t.contained {
        // The canonical is a trimmed copy of the new body: a more complete version.
        return Verdict::Copy {
            relation: Relation::Near,
            score: sim.b_in_a,
        };
    }
    Verdict::Rejected("too little in common")
}

/// How a body relates to a (new) canonical body, for rescoring after the canonical moves:
/// the verdict's relation when it is a copy, otherwise the closer of near/contained by score.
pub fn relation_to_canonical(
    sim: &Similarity,
    shingles: usize,
    canonical_shingles: usize,
    t: &Thresholds,
) -> (Relation, f64) {
    match decide(sim, shingles, canonical_shingles, t) {
        Verdict::Copy { relation, score } => (relation, score),
        Verdict::Rejected(_) if sim.a_in_b > sim.jaccard => (Relation::Contained, sim.a_in_b),
        Verdict::Rejected(_) => (Relation::Near, sim.jaccard),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fingerprint::Numbers;

    fn sim(jaccard: f64, a_in_b: f64, b_in_a: f64, numbers: Option<f64>) -> Similarity {
        // Ten numbers in the body with fewer of them.
        let numbers = numbers.map(|agree| Numbers {
            agree,
            differing: ((1.0 - agree) * 10.0).round() as usize,
        });
        Similarity {
            jaccard,
            a_in_b,
            b_in_a,
            numbers,
        }
    }

    #[test]
    fn min_shared_is_below_every_accepting_pair() {
        let t = Thresholds::default();
        for (a, b) in [
            (700, 700),
            (100, 700),
            (31, 400),
            (5, 5),
            (0, 50),
            (1000, 990),
        ] {
            let bound = min_shared(a, b, &t);
            for shared in 0..=a.min(b) {
                let (fa, fb, fs) = (a as f64, b as f64, shared as f64);
                let ratio = |n: f64, d: f64| if d > 0.0 { n / d } else { 0.0 };
                let sim = Similarity {
                    jaccard: ratio(fs, fa + fb - fs),
                    a_in_b: ratio(fs, fa),
                    b_in_a: ratio(fs, fb),
                    numbers: None,
                };
                if matches!(decide(&sim, a, b, &t), Verdict::Copy { .. }) {
                    assert!(
                        shared >= bound,
                        "{a}/{b}: {shared} shared verified, bound {bound}"
                    );
                }
            }
        }
        // And it prunes: two 700-shingle bodies need 525 shared.
        assert_eq!(min_shared(700, 700, &t), 524);
    }

    #[test]
    fn verdicts() {
        let t = Thresholds::default();
        let copy = |relation, score| Verdict::Copy { relation, score };
        let cases = [
            (
                sim(0.85, 0.9, 0.9, Some(1.0)),
                500,
                500,
                copy(Relation::Near, 0.85),
            ),
            (
                sim(0.5, 0.98, 0.5, Some(1.0)),
                250,
                500,
                copy(Relation::Contained, 0.98),
            ),
            (
                sim(0.75, 0.99, 0.75, Some(1.0)),
                375,
                500,
                copy(Relation::Contained, 0.99),
            ),
            (
                sim(0.5, 0.5, 0.98, None),
                500,
                250,
                copy(Relation::Near, 0.98),
            ),
            (
                sim(0.7, 0.8, 0.8, Some(0.2)),
                500,
                500,
                Verdict::Rejected(
                    "the wording matches but the numbers differ (a templated report about other facts?)",
                ),
            ),
            (
                sim(0.95, 0.97, 0.97, Some(0.2)),
                500,
                500,
                copy(Relation::Near, 0.95),
            ),
            (
                sim(0.1, 1.0, 0.1, None),
                50,
                500,
                Verdict::Rejected("one body is far shorter than the other"),
            ),
            (
                sim(0.2, 1.0, 0.2, None),
                10,
                50,
                Verdict::Rejected("too little text in common for a trimmed copy"),
            ),
            (
                sim(0.3, 0.5, 0.5, None),
                500,
                500,
                Verdict::Rejected("too little in common"),
            ),
        ];
        for (s, new, canonical, expected) in cases {
            assert_eq!(
                decide(&s, new, canonical, &t),
                expected,
                "{s:?} {new} {canonical}"
            );
        }
    }
}
