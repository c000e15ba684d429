//! Evaluation: how well the archive's clusters agree with gold labels.
//!
//! Pairwise measures over the labeled articles: a pair is *predicted* when both articles are in
//! one archive cluster and *true* when both carry one gold label. Precision, recall and F1 are
//! over pairs; the adjusted Rand index corrects pair agreement for chance. With a `kind` on the
//! labels (the benchmark writes one per transformation), every pair is also credited to the
//! kinds of its two articles, so the table shows, say, the recall of trimmed copies and the
//! false merges of templated reports on their own.
//!
//! Pure: labels and assignments in, figures out.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One line of a labels file.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
pub struct Label {
    /// An external id, or an origin (a path, matched on whole trailing path components).
    pub id: String,
    pub cluster: String,
    #[serde(default)]
    pub kind: Option<String>,
}

/// Parse a labels file (JSONL); errors carry the line number.
pub fn parse_labels(text: &str) -> Result<Vec<Label>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| serde_json::from_str(l).map_err(|e| format!("line {}: {e}", i + 1)))
        .collect()
}

/// Figures for one kind of article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct KindScore {
    pub kind: String,
    pub articles: u64,
    /// Pairs with the same label involving this kind.
    pub gold_pairs: u64,
    /// Of those, pairs the archive put together.
    pub found_pairs: u64,
    /// Pairs the archive put together that have different labels.
    pub false_pairs: u64,
    pub recall: Option<f64>,
    pub precision: Option<f64>,
}

/// The evaluation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Report {
    pub labels: u64,
    /// Labels that matched no article (not counted anywhere else).
    pub unmatched_labels: u64,
    pub articles: u64,
    pub gold_pairs: u64,
    pub predicted_pairs: u64,
    pub true_pairs: u64,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
    pub adjusted_rand_index: f64,
    pub kinds: Vec<KindScore>,
}

/// An article to evaluate: its identifiers and the cluster the archive gave it.
pub struct Assigned<'a> {
    pub external_id: Option<&'a str>,
    pub origin: &'a str,
    pub cluster_id: i64,
}

/// Evaluate `assigned` articles against `labels`.
pub fn evaluate(labels: &[Label], assigned: &[Assigned]) -> Report {
    let lookup = Lookup::new(assigned);
    let mut items: Vec<(usize, &Label)> = Vec::new();
    let mut unmatched = 0;
    for label in labels {
        match lookup.find(&label.id) {
            Some(i) => items.push((i, label)),
            None => unmatched += 1,
        }
    }
    let mut report = Report {
        labels: labels.len() as u64,
        unmatched_labels: unmatched,
        articles: items.len() as u64,
        ..Default::default()
    };
    let mut kinds: BTreeMap<String, KindScore> = BTreeMap::new();
    for (_, label) in &items {
        kinds.entry(kind_of(label)).or_default().articles += 1;
    }
    let predicted = |i: usize| assigned[items[i].0].cluster_id;
    let by_gold = group(items.len(), |i| items[i].1.cluster.clone());
    let by_predicted = group(items.len(), predicted);
    for members in by_gold.values() {
        for_pairs(members, |x, y| {
            let found = predicted(x) == predicted(y);
            report.gold_pairs += 1;
            report.true_pairs += u64::from(found);
            for k in pair_kinds(&items, x, y) {
                let score = kinds.entry(k).or_default();
                score.gold_pairs += 1;
                score.found_pairs += u64::from(found);
            }
        });
    }
    for members in by_predicted.values() {
        for_pairs(members, |x, y| {
            report.predicted_pairs += 1;
            if items[x].1.cluster != items[y].1.cluster {
                for k in pair_kinds(&items, x, y) {
                    kinds.entry(k).or_default().false_pairs += 1;
                }
            }
        });
    }
    let ratio = |a: u64, b: u64| if b == 0 { 1.0 } else { a as f64 / b as f64 };
    report.precision = ratio(report.true_pairs, report.predicted_pairs);
    report.recall = ratio(report.true_pairs, report.gold_pairs);
    let (p, r) = (report.precision, report.recall);
    report.f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    report.adjusted_rand_index = ari(&report, &by_gold, &by_predicted, items.len());
    report.kinds = kinds
        .into_iter()
        .map(|(kind, mut s)| {
            s.kind = kind;
            s.recall = (s.gold_pairs > 0).then(|| s.found_pairs as f64 / s.gold_pairs as f64);
            let together = s.found_pairs + s.false_pairs;
            s.precision = (together > 0).then(|| s.found_pairs as f64 / together as f64);
            s
        })
        .collect();
    report
}

fn kind_of(label: &Label) -> String {
    label.kind.clone().unwrap_or_else(|| "-".to_string())
}

/// The kinds a pair is credited to: each article's kind, once.
fn pair_kinds(items: &[(usize, &Label)], x: usize, y: usize) -> Vec<String> {
    let (a, b) = (kind_of(items[x].1), kind_of(items[y].1));
    if a == b { vec![a] } else { vec![a, b] }
}

fn group<K: std::hash::Hash + Eq>(n: usize, key: impl Fn(usize) -> K) -> HashMap<K, Vec<usize>> {
    let mut groups: HashMap<K, Vec<usize>> = HashMap::new();
    for i in 0..n {
        groups.entry(key(i)).or_default().push(i);
    }
    groups
}

fn for_pairs(members: &[usize], mut f: impl FnMut(usize, usize)) {
    for (i, &x) in members.iter().enumerate() {
        for &y in &members[i + 1..] {
            f(x, y);
        }
    }
}

/// Adjusted Rand index from pair counts (Hubert and Arabie, 1985).
fn ari<A, B>(
    report: &Report,
    gold: &HashMap<A, Vec<usize>>,
    predicted: &HashMap<B, Vec<usize>>,
    n: usize,
) -> f64 {
    let pairs = |k: usize| (k * k.saturating_sub(1) / 2) as f64;
    let total = pairs(n);
    if total == 0.0 {
        return 1.0;
    }
    let sum_gold: f64 = gold.values().map(|m| pairs(m.len())).sum();
    let sum_pred: f64 = predicted.values().map(|m| pairs(m.len())).sum();
    let expected = sum_gold * sum_pred / total;
    let max = (sum_gold + sum_pred) / 2.0;
    if (max - expected).abs() < f64::EPSILON {
        return 1.0;
    }
    (report.true_pairs as f64 - expected) / (max - expected)
}

/// Finds the article a label names: external id first, then origin, then trailing path
/// components of an origin (labels written relative to a corpus directory).
struct Lookup<'a> {
    by_id: HashMap<&'a str, usize>,
    by_origin_suffix: HashMap<&'a str, usize>,
}

impl<'a> Lookup<'a> {
    fn new(assigned: &'a [Assigned]) -> Self {
        let mut by_id = HashMap::new();
        let mut by_origin_suffix = HashMap::new();
        for (i, a) in assigned.iter().enumerate() {
            if let Some(id) = a.external_id {
                by_id.entry(id).or_insert(i);
            }
            by_origin_suffix.entry(a.origin).or_insert(i);
            for (pos, _) in a.origin.match_indices('/') {
                by_origin_suffix.entry(&a.origin[pos + 1..]).or_insert(i);
            }
        }
        Self {
            by_id,
            by_origin_suffix,
        }
    }

    fn find(&self, id: &str) -> Option<usize> {
        self.by_id
            .get(id)
            .or_else(|| self.by_origin_suffix.get(id.trim_start_matches("./")))
            .copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(id: &str, cluster: &str, kind: &str) -> Label {
        Label {
            id: id.into(),
            cluster: cluster.into(),
            kind: Some(kind.into()),
        }
    }

    fn assigned<'a>(id: &'a str, cluster_id: i64) -> Assigned<'a> {
        Assigned {
            external_id: Some(id),
            origin: "feed.jsonl:1",
            cluster_id,
        }
    }

    #[test]
    fn perfect_clustering_scores_one() {
        let labels = [
            label("a", "x", "original"),
            label("b", "x", "trimmed"),
            label("c", "y", "original"),
        ];
        let got = [assigned("a", 1), assigned("b", 1), assigned("c", 2)];
        let r = evaluate(&labels, &got);
        assert_eq!(
            (r.precision, r.recall, r.f1, r.adjusted_rand_index),
            (1.0, 1.0, 1.0, 1.0)
        );
        assert_eq!(r.gold_pairs, 1);
    }

    #[test]
    fn missed_and_false_pairs_are_counted_per_kind() {
        let labels = [
            label("a", "x", "original"),
            label("b", "x", "trimmed"),
            label("c", "x", "light-edit"),
            label("t1", "t1", "template"),
            label("t2", "t2", "template"),
        ];
        // b found, c missed; the two templates wrongly merged.
        let got = [
            assigned("a", 1),
            assigned("b", 1),
            assigned("c", 2),
            assigned("t1", 3),
            assigned("t2", 3),
        ];
        let r = evaluate(&labels, &got);
        assert_eq!((r.gold_pairs, r.true_pairs, r.predicted_pairs), (3, 1, 2));
        assert!((r.precision - 0.5).abs() < 1e-9);
        assert!((r.recall - 1.0 / 3.0).abs() < 1e-9);
        let kind = |k: &str| r.kinds.iter().find(|s| s.kind == k).expect("kind").clone();
        assert_eq!(kind("trimmed").recall, Some(0.5));
        assert_eq!(kind("light-edit").recall, Some(0.0));
        assert_eq!(kind("template").false_pairs, 1);
        assert_eq!(kind("template").precision, Some(0.0));
        assert!(r.adjusted_rand_index < 0.5);
    }

    #[test]
    fn labels_match_origins_by_trailing_path_components() {
        let labels = [
            label("articles/text/a.txt", "x", "original"),
            label("text/b.txt", "x", "exact"),
            label("nope", "y", "x"),
        ];
        let got = [
            Assigned {
                external_id: None,
                origin: "/tmp/run/articles/text/a.txt",
                cluster_id: 1,
            },
            Assigned {
                external_id: None,
                origin: "/tmp/run/articles/text/b.txt",
                cluster_id: 1,
            },
        ];
        let r = evaluate(&labels, &got);
        assert_eq!((r.articles, r.unmatched_labels, r.true_pairs), (2, 1, 1));
    }

    #[test]
    fn labels_file_errors_name_the_line() {
        assert!(
            parse_labels("{\"id\":\"a\",\"cluster\":\"x\"}\n\nnot json")
                .unwrap_err()
                .starts_with("line 3:")
        );
        assert_eq!(
            parse_labels("{\"id\":\"a\",\"cluster\":\"x\"}").expect("ok")[0].kind,
            None
        );
    }
}
