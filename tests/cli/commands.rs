//! `dupes`, `show`, `explain` and `eval` on the bundled corpus.

use crate::support::{TestDir, sample_articles, sample_labels};
use serde_json::Value;

fn ingested() -> TestDir {
    let t = TestDir::new();
    let out = t.run(&["ingest", sample_articles().to_str().expect("path")]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    t
}

fn id_of(t: &TestDir, external_id: &str) -> i64 {
    t.export(true)
        .iter()
        .find(|r| {
            r["external_id"] == external_id
                || r["origin"]
                    .as_str()
                    .is_some_and(|o| o.ends_with(external_id))
        })
        .and_then(|r| r["id"].as_i64())
        .unwrap_or_else(|| panic!("no article {external_id}"))
}

#[test]
fn eval_on_the_sample_corpus_is_perfect() {
    let t = ingested();
    let out = t.run(&[
        "eval",
        "--gold",
        sample_labels().to_str().expect("path"),
        "--json",
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let r: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(r["articles"], 49);
    assert_eq!(r["unmatched_labels"], 0);
    assert_eq!(r["gold_pairs"], 52);
    assert_eq!(
        (r["precision"].as_f64(), r["recall"].as_f64()),
        (Some(1.0), Some(1.0))
    );
    assert_eq!(r["adjusted_rand_index"].as_f64(), Some(1.0));
    let kinds: Vec<&str> = r["kinds"]
        .as_array()
        .expect("kinds")
        .iter()
        .filter_map(|k| k["kind"].as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "boilerplate",
            "edited",
            "exact",
            "original",
            "singleton",
            "template",
            "trimmed"
        ]
    );
    let table = t
        .run(&["eval", "--gold", sample_labels().to_str().expect("path")])
        .stdout;
    assert!(
        table.contains("precision 1.0000   recall 1.0000"),
        "{table}"
    );
}

#[test]
fn eval_counts_what_the_labels_disagree_with() {
    let t = ingested();
    // Claim the two weather forecasts are one story: the archive keeps them apart.
    let mut labels = std::fs::read_to_string(sample_labels()).expect("labels");
    labels = labels.replace(
        "\"cluster\": \"lakeshore-weather-2026-11-25\"",
        "\"cluster\": \"lakeshore-weather-2026-11-24\"",
    );
    labels.push_str("{\"id\": \"no-such-article\", \"cluster\": \"x\"}\n");
    let gold = t.write("gold.jsonl", labels);
    let out = t.run(&["eval", "--gold", gold.to_str().expect("p"), "--json"]);
    let r: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(r["unmatched_labels"], 1);
    assert_eq!(r["gold_pairs"], 53);
    assert_eq!(r["true_pairs"], 52);
    assert_eq!(r["precision"].as_f64(), Some(1.0));
    assert!(r["recall"].as_f64().expect("recall") < 1.0);
    let bad = t.write("bad.jsonl", "{\"id\": 1}\n");
    let out = t.run(&["eval", "--gold", bad.to_str().expect("p")]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("line 1"), "{}", out.stderr);
}

#[test]
fn dupes_lists_clusters_largest_first() {
    let t = ingested();
    let out = t.run(&["dupes", "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let clusters: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect();
    // 21 stories, of which 4 singletons and 5 templated reports have no copies.
    assert_eq!(clusters.len(), 12);
    let sizes: Vec<u64> = clusters
        .iter()
        .map(|c| c["copies"].as_u64().expect("copies"))
        .collect();
    assert!(sizes.windows(2).all(|w| w[0] >= w[1]), "{sizes:?}");
    assert_eq!(sizes.iter().sum::<u64>(), 49 - 9);
    for c in &clusters {
        let members = c["members"].as_array().expect("members");
        assert_eq!(members[0]["relation"], "original");
        assert_eq!(members.iter().filter(|m| m["canonical"] == true).count(), 1);
    }
    let human = t.run(&["dupes", "--min-size", "5"]).stdout;
    assert!(
        human.contains("cluster ") && human.contains("5 articles"),
        "{human}"
    );
    assert_eq!(t.run(&["dupes", "--min-size", "100"]).code, 0);
}

#[test]
fn show_gives_metadata_removals_and_cluster() {
    let t = ingested();
    let id = id_of(
        &t,
        "articles/text/northwind-news/dorrance-county-measles.txt",
    );
    let out = t.run(&["show", &id.to_string(), "--json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let v: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(v["article"]["id"], id);
    let rules: Vec<&str> = v["removals"]
        .as_array()
        .expect("removals")
        .iter()
        .filter_map(|r| r["rule"].as_str())
        .collect();
    for rule in [
        "repeated-lede",
        "stamp",
        "byline-marker",
        "byline",
        "copyright",
    ] {
        assert!(rules.contains(&rule), "{rule} not in {rules:?}");
    }
    assert_eq!(v["cluster"].as_array().expect("cluster").len(), 4);
    let human = t.run(&["show", &id.to_string()]).stdout;
    assert!(
        human.contains("removed by normalization") && human.contains("[stamp] Posted Updated"),
        "{human}"
    );
    let missing = t.run(&["show", "99999"]);
    assert_eq!(missing.code, 1);
    assert!(
        missing.stderr.contains("no article 99999"),
        "{}",
        missing.stderr
    );
}

#[test]
fn explain_a_trimmed_copy_and_a_templated_report() {
    let t = ingested();
    let rows = t.export(true);
    let trimmed = rows
        .iter()
        .find(|r| r["relation"] == "contained")
        .expect("a contained copy");
    let canonical = rows
        .iter()
        .find(|r| r["cluster_id"] == trimmed["cluster_id"] && r["canonical"] == true)
        .expect("its canonical");
    let out = t.run(&[
        "explain",
        &canonical["id"].to_string(),
        &trimmed["id"].to_string(),
    ]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("in the archive: same cluster"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("verdict on the two texts: contained copy"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\n  =  "),
        "no shared paragraph: {}",
        out.stdout
    );
    assert!(
        out.stdout.contains("\n  A  "),
        "no paragraph only in the full version: {}",
        out.stdout
    );

    // Two earnings briefs from one template, about different companies and figures.
    let (harbor, kestrel) = (id_of(&t, "reg-f08972c8a9"), id_of(&t, "reg-b937d9aabe"));
    let out = t.run(&["explain", &harbor.to_string(), &kestrel.to_string()]);
    assert!(
        out.stdout.contains("in the archive: different clusters"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("not duplicates"), "{}", out.stdout);
}

#[test]
fn matching_across_nights_finds_the_same_clusters_as_one_run() {
    let t = TestDir::new();
    let articles = sample_articles();
    // Night one: the text scrapes; night two: the feeds, matched against night one's archive.
    for night in ["text", "feeds"] {
        let out = t.run(&["ingest", articles.join(night).to_str().expect("path")]);
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let out = t.run(&[
        "eval",
        "--gold",
        sample_labels().to_str().expect("path"),
        "--json",
    ]);
    let r: Value = serde_json::from_str(&out.stdout).expect("json");
    assert_eq!(
        (r["precision"].as_f64(), r["recall"].as_f64()),
        (Some(1.0), Some(1.0)),
        "{r}"
    );
    assert_eq!(t.stats()["clusters"], 21);
}
