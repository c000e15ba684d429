//! Explaining a pair: every measure verification uses, the verdict, and a paragraph-level
//! alignment of the two clean bodies (shared, changed, only in one) for people to read.

use super::profile_of;
use super::verify::{self, Thresholds, Verdict};
use crate::fingerprint::{Similarity, fingerprint, hamming};

/// Paragraphs this similar (shingle Jaccard) count as the same paragraph, edited.
const EDITED_PARAGRAPH: f64 = 0.5;

/// How one paragraph lines up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Aligned {
    /// The same paragraph in both (after folding): A's index, B's index.
    Same(usize, usize),
    /// An edited paragraph: similar, not equal.
    Edited(usize, usize),
    OnlyA(usize),
    OnlyB(usize),
}

/// Everything `explain` shows about two bodies.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    pub similarity: Similarity,
    pub simhash_distance: u32,
    /// The verdict with the shorter body as the newcomer and the longer as canonical.
    pub verdict: Verdict,
    pub paragraphs_a: Vec<String>,
    pub paragraphs_b: Vec<String>,
    pub alignment: Vec<Aligned>,
}

/// Compare two clean bodies.
pub fn explain(a: &str, b: &str, thresholds: &Thresholds) -> Explanation {
    let (pa, pb) = (profile_of(a), profile_of(b));
    let similarity = pa.compare(&pb);
    let verdict = if pa.shingles.len() <= pb.shingles.len() {
        verify::decide(
            &similarity,
            pa.shingles.len(),
            pb.shingles.len(),
            thresholds,
        )
    } else {
        verify::decide(
            &pb.compare(&pa),
            pb.shingles.len(),
            pa.shingles.len(),
            thresholds,
        )
    };
    let paragraphs_a: Vec<String> = a.split("\n\n").map(str::to_string).collect();
    let paragraphs_b: Vec<String> = b.split("\n\n").map(str::to_string).collect();
    let alignment = align(&paragraphs_a, &paragraphs_b);
    Explanation {
        similarity,
        simhash_distance: hamming(fingerprint(a).simhash, fingerprint(b).simhash),
        verdict,
        paragraphs_a,
        paragraphs_b,
        alignment,
    }
}

/// Longest common subsequence of paragraphs, "common" meaning equal or similar.
fn align(a: &[String], b: &[String]) -> Vec<Aligned> {
    let (fa, fb): (Vec<_>, Vec<_>) = (
        a.iter().map(|p| profile_of(p)).collect(),
        b.iter().map(|p| profile_of(p)).collect(),
    );
    let relate = |i: usize, j: usize| -> Option<bool> {
        if fa[i].shingles == fb[j].shingles {
            Some(true)
        } else {
            (fa[i].compare(&fb[j]).jaccard >= EDITED_PARAGRAPH).then_some(false)
        }
    };
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = match relate(i, j) {
                Some(_) => lcs[i + 1][j + 1] + 1,
                None => lcs[i + 1][j].max(lcs[i][j + 1]),
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        match (i < n && j < m).then(|| relate(i, j)).flatten() {
            Some(same) if lcs[i][j] == lcs[i + 1][j + 1] + 1 => {
                out.push(if same {
                    Aligned::Same(i, j)
                } else {
                    Aligned::Edited(i, j)
                });
                i += 1;
                j += 1;
            }
            _ if j >= m || (i < n && lcs[i + 1][j] >= lcs[i][j + 1]) => {
                out.push(Aligned::OnlyA(i));
                i += 1;
            }
            _ => {
                out.push(Aligned::OnlyB(j));
                j += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Relation;

    #[test]
    fn trimmed_copy_is_explained_paragraph_by_paragraph() {
        let paras: Vec<String> = (0..12)
            .map(|i| {
                format!(
                    "Paragraph {i} tells the council story in its own words, with figure {} and the \
                     detail that residents of ward {} asked the planning board about repairs.",
                    i * 11,
                    i + 40
                )
            })
            .collect();
        let a = paras.join("\n\n");
        let mut b_paras = paras[..8].to_vec();
        b_paras[2] = b_paras[2].replace("tells", "relates");
        b_paras.insert(
            5,
            "Advertisement for a local bakery opening soon downtown.".to_string(),
        );
        let b = b_paras.join("\n\n");
        let e = explain(&a, &b, &Thresholds::default());
        assert!(
            matches!(
                e.verdict,
                Verdict::Copy {
                    relation: Relation::Contained,
                    ..
                }
            ),
            "{:?}",
            e.verdict
        );
        assert!(e.similarity.b_in_a > 0.8 && e.similarity.a_in_b < 0.8);
        assert_eq!(e.alignment[0], Aligned::Same(0, 0));
        assert_eq!(e.alignment[2], Aligned::Edited(2, 2));
        assert!(e.alignment.contains(&Aligned::OnlyB(5)));
        assert_eq!(
            e.alignment
                .iter()
                .filter(|x| matches!(x, Aligned::OnlyA(_)))
                .count(),
            4
        );
    }

    #[test]
    fn unrelated_bodies_are_rejected_with_a_reason() {
        let e = explain(
            "The harbor froze over early this year, officials said on Monday morning.",
            "A new bakery opened on Main Street with a line around the block all day.",
            &Thresholds::default(),
        );
        assert!(matches!(e.verdict, Verdict::Rejected(_)));
        assert_eq!(e.alignment.len(), 2);
    }
}
