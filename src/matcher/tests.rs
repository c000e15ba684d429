//! The matcher against an in-memory archive.

use super::*;
use crate::fingerprint::analyze;
use std::collections::HashMap;

/// A toy archive: bodies with their cluster and text, clusters with their canonical.
#[derive(Default)]
struct Fake {
    bodies: Vec<(i64, [u8; 32], String)>,
    canonicals: HashMap<i64, Canonical>,
}

impl Archive for Fake {
    type Error = ();
    fn find_body(&mut self, sha256: &[u8; 32]) -> Result<Option<(i64, i64)>, ()> {
        Ok(self
            .bodies
            .iter()
            .position(|(_, s, _)| s == sha256)
            .map(|i| (i as i64, self.bodies[i].0)))
    }
    fn canonical(&mut self, cluster_id: i64) -> Result<Canonical, ()> {
        self.canonicals.get(&cluster_id).cloned().ok_or(())
    }
    fn body_text(&mut self, body_id: i64) -> Result<String, ()> {
        Ok(self.bodies[body_id as usize].2.clone())
    }
    fn cluster_bodies(&mut self, cluster_id: i64) -> Result<Vec<i64>, ()> {
        Ok((0..self.bodies.len() as i64)
            .filter(|&b| self.bodies[b as usize].0 == cluster_id)
            .collect())
    }
}

/// Place `text` and apply the placement to the fake archive the way the pipeline does.
fn ingest(m: &mut Matcher, archive: &mut Fake, text: &str, published: Option<&str>) -> Placement {
    let a = analyze(text);
    let incoming = Incoming {
        sha256: &a.fingerprint.sha256,
        anchors: &a.anchors,
        profile: &a.profile,
        simhash: a.fingerprint.simhash,
        published,
    };
    let placement = m.place(&incoming, archive).expect("place");
    let article_id = archive.canonicals.len() as i64 * 100 + archive.bodies.len() as i64;
    let canonical = |body_id| Canonical {
        article_id,
        body_id,
        words: a.profile.words,
        simhash: a.fingerprint.simhash,
        published: published.map(String::from),
    };
    match &placement {
        Placement::New => {
            let cluster_id = archive.canonicals.len() as i64 + 1;
            archive
                .bodies
                .push((cluster_id, a.fingerprint.sha256, text.to_string()));
            let c = canonical(archive.bodies.len() as i64 - 1);
            archive.canonicals.insert(cluster_id, c.clone());
            m.set_canonical(cluster_id, c, &a.anchors, Arc::clone(&a.profile));
        }
        Placement::Exact {
            body_id,
            cluster_id,
            takeover,
        } => {
            if takeover.is_some() {
                let c = canonical(*body_id);
                archive.canonicals.insert(*cluster_id, c.clone());
                m.set_canonical(*cluster_id, c, &a.anchors, Arc::clone(&a.profile));
            }
        }
        Placement::Copy {
            cluster_id,
            takeover,
            ..
        } => {
            archive
                .bodies
                .push((*cluster_id, a.fingerprint.sha256, text.to_string()));
            if takeover.is_some() {
                let c = canonical(archive.bodies.len() as i64 - 1);
                archive.canonicals.insert(*cluster_id, c.clone());
                m.set_canonical(*cluster_id, c, &a.anchors, Arc::clone(&a.profile));
            }
        }
    }
    placement
}

/// A story of `n` distinct sentences about `topic`, each with its own number.
fn story(topic: &str, n: usize) -> String {
    (0..n)
        .map(|i| format!("The {topic} committee met for session {i} and heard witness number {} describe plan {topic}{i} in detail.", i * 7 + 3))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn matcher() -> Matcher {
    Matcher::new(
        AnchorIndex::new(),
        CanonicalPolicy::Longest,
        Thresholds::default(),
    )
}

/// A matcher over an archive whose index holds these clusters' anchors.
fn matcher_over(archived: &[(&[u32], i64)]) -> Matcher {
    let pairs = archived
        .iter()
        .flat_map(|&(anchors, cluster)| anchors.iter().map(move |&a| (a, cluster)))
        .collect();
    Matcher::new(
        AnchorIndex::from_pairs(pairs),
        CanonicalPolicy::Longest,
        Thresholds::default(),
    )
}

#[test]
fn exact_near_and_trimmed_copies_join_the_story() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let full = story("harbor", 30);
    assert_eq!(ingest(&mut m, &mut archive, &full, None), Placement::New);
    assert!(matches!(
        ingest(&mut m, &mut archive, &full, None),
        Placement::Exact {
            cluster_id: 1,
            takeover: None,
            ..
        }
    ));
    let edited = full.replacen("heard witness", "listened to witness", 2);
    assert!(matches!(
        ingest(&mut m, &mut archive, &edited, None),
        Placement::Copy {
            cluster_id: 1,
            relation: Relation::Near,
            ..
        }
    ));
    let trimmed: String = full.split("\n\n").take(18).collect::<Vec<_>>().join("\n\n");
    assert!(matches!(
        ingest(&mut m, &mut archive, &trimmed, None),
        Placement::Copy {
            cluster_id: 1,
            relation: Relation::Contained,
            ..
        }
    ));
    assert_eq!(
        ingest(&mut m, &mut archive, &story("orchard", 30), None),
        Placement::New
    );
}

#[test]
fn a_more_complete_version_takes_over_and_the_old_canonical_is_rescored() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let full = story("ferry", 30);
    let trimmed: String = full.split("\n\n").take(20).collect::<Vec<_>>().join("\n\n");
    assert_eq!(ingest(&mut m, &mut archive, &trimmed, None), Placement::New);
    match ingest(&mut m, &mut archive, &full, None) {
        Placement::Copy {
            cluster_id: 1,
            takeover: Some(t),
            ..
        } => {
            assert_eq!(t.rescored.len(), 1);
            let (body, relation, score) = t.rescored[0];
            assert_eq!((body, relation), (0, Relation::Contained));
            assert!(score > 0.95);
        }
        other => panic!("expected a takeover, got {other:?}"),
    }
    // A later trimmed copy verifies against the new, complete canonical.
    let shorter: String = full.split("\n\n").take(16).collect::<Vec<_>>().join("\n\n");
    assert!(matches!(
        ingest(&mut m, &mut archive, &shorter, None),
        Placement::Copy { cluster_id: 1, .. }
    ));
}

#[test]
fn templated_reports_with_other_figures_stay_apart() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let report = |company: &str, a: u32| {
        format!(
            "{company} reported third-quarter net income of ${a}.2 million, or {} cents a share, compared with ${}.9 million a year earlier.\n\n\
             Revenue rose {}.1 percent to ${} million, the company said in a statement on Tuesday.\n\n\
             Analysts surveyed by the research firm had expected earnings of {} cents a share on revenue of ${} million.\n\n\
             Shares of {company} rose {}.5 percent in after-hours trading after the results were released to investors.",
            a + 47,
            a - 4,
            a % 9,
            a * 20,
            a + 40,
            a * 19,
            a % 7
        )
    };
    assert_eq!(
        ingest(&mut m, &mut archive, &report("Harbor Lane Foods", 41), None),
        Placement::New
    );
    assert_eq!(
        ingest(&mut m, &mut archive, &report("Harbor Lane Foods", 57), None),
        Placement::New
    );
    assert_eq!(
        ingest(&mut m, &mut archive, &report("Kestrel Logistics", 63), None),
        Placement::New
    );
}

/// Replace the sentences of `text` whose index satisfies `pick` with unrelated ones.
fn drift(text: &str, salt: usize, pick: impl Fn(usize) -> bool) -> String {
    text.split("\n\n")
        .enumerate()
        .map(|(i, p)| {
            if pick(i) {
                format!(
                    "Unrelated remark {salt} {i} about the weather and {}.",
                    i * salt
                )
            } else {
                p.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[test]
fn clusters_are_stars_not_chains() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let a = story("river", 32);
    let b = drift(&a, 13, |i| i % 4 == 0);
    let c = drift(&b, 31, |i| i % 8 == 2);
    let t = Thresholds::default();
    let verifies = |x: &str, y: &str| {
        let (px, py) = (profile_of(x), profile_of(y));
        matches!(
            verify::decide(&px.compare(&py), px.shingles.len(), py.shingles.len(), &t),
            Verdict::Copy { .. }
        )
    };
    // The chain exists: A~B and B~C, but not A~C.
    assert!(verifies(&b, &a) && verifies(&c, &b) && !verifies(&c, &a));
    assert_eq!(ingest(&mut m, &mut archive, &a, None), Placement::New);
    assert!(matches!(
        ingest(&mut m, &mut archive, &b, None),
        Placement::Copy {
            cluster_id: 1,
            takeover: None,
            ..
        }
    ));
    assert_eq!(
        ingest(&mut m, &mut archive, &c, None),
        Placement::New,
        "C joined A's cluster through B"
    );
}

#[test]
fn a_stored_body_is_placed_from_its_identity_unless_it_takes_over() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let text = story("bridge", 12);
    ingest(&mut m, &mut archive, &text, Some("2026-11-27T10:00:00Z"));
    let id = analyze(&text).identity();
    let mut stored = |m: &mut Matcher, sha256: &[u8; 32], published| {
        m.place_stored(sha256, id.words, published, &mut archive)
            .expect("place")
    };
    // A later copy: the same placement `place` makes.
    assert_eq!(
        stored(&mut m, &id.sha256, Some("2026-11-28T08:00:00Z")),
        Some(Placement::Exact {
            body_id: 0,
            cluster_id: 1,
            takeover: None
        })
    );
    // An earlier copy takes the cluster over, which needs its profile; so does a body not
    // archived after all.
    assert_eq!(
        stored(&mut m, &id.sha256, Some("2026-11-26T08:00:00Z")),
        None
    );
    assert_eq!(stored(&mut m, &[7; 32], None), None);
    assert!(matches!(
        ingest(&mut m, &mut archive, &text, Some("2026-11-26T08:00:00Z")),
        Placement::Exact {
            takeover: Some(_),
            ..
        }
    ));
}

#[test]
fn earlier_exact_copy_becomes_canonical_on_a_tie() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let text = story("bridge", 12);
    assert_eq!(
        ingest(&mut m, &mut archive, &text, Some("2026-11-27T10:00:00Z")),
        Placement::New
    );
    match ingest(&mut m, &mut archive, &text, Some("2026-11-26T08:00:00Z")) {
        Placement::Exact {
            takeover: Some(t), ..
        } => assert_eq!(t.rescored, [(0, Relation::Exact, 1.0)]),
        other => panic!("expected a takeover, got {other:?}"),
    }
    assert!(matches!(
        ingest(&mut m, &mut archive, &text, Some("2026-11-28T08:00:00Z")),
        Placement::Exact { takeover: None, .. }
    ));
}

#[test]
fn a_full_version_links_copies_that_arrived_before_it() {
    let (mut m, mut archive) = (matcher(), Fake::default());
    let full = story("levee", 30);
    let paragraphs: Vec<&str> = full.split("\n\n").collect();
    let trimmed = paragraphs[..12].join("\n\n");
    let mut relede: Vec<String> = paragraphs.iter().map(|p| p.to_string()).collect();
    for (i, p) in relede.iter_mut().take(4).enumerate() {
        *p = format!("New lede {i} written by the affiliate.");
    }
    let relede = relede.join("\n\n");
    assert_eq!(ingest(&mut m, &mut archive, &trimmed, None), Placement::New);
    // The re-leded copy shares too little with the trimmed one: a cluster of its own.
    assert_eq!(ingest(&mut m, &mut archive, &relede, None), Placement::New);
    match ingest(&mut m, &mut archive, &full, None) {
        Placement::Copy {
            cluster_id,
            takeover: Some(_),
            merges,
            ..
        } => {
            let other = if cluster_id == 1 { 2 } else { 1 };
            assert_eq!(merges.len(), 1, "{merges:?}");
            assert_eq!(merges[0].cluster_id, other);
            assert!(
                merges[0]
                    .rescored
                    .iter()
                    .all(|&(_, relation, _)| relation != Relation::Exact)
            );
        }
        other => panic!("expected the full version to take over and merge, got {other:?}"),
    }
}

#[test]
fn generations_turn_over_on_their_weight_budget() {
    // Values weigh what they say; a generation holds at most 10.
    let mut cache: Generations<usize> = Generations::new(10, |&w| w);
    cache.insert(1, 4);
    cache.insert(2, 4);
    assert_eq!(cache.young.len(), 2);
    // 4 + 4 + 4 > 10: the young generation becomes the old one.
    cache.insert(3, 4);
    assert_eq!((cache.young.len(), cache.old.len(), cache.used), (1, 2, 4));
    // A hit in the old generation moves the entry back to the young one, with its weight.
    assert_eq!(cache.get(1), Some(4));
    assert_eq!(cache.used, 8);
    assert!(!cache.old.contains_key(&1));
    // Replacing and removing keep the count of the young generation right.
    cache.insert(1, 2);
    assert_eq!(cache.used, 6);
    cache.remove(3);
    assert_eq!(cache.used, 2);
    // One entry heavier than the budget still goes in, alone.
    cache.insert(9, 50);
    assert_eq!((cache.young.len(), cache.used), (1, 50));
    assert_eq!(cache.peek(1), Some(&2));
    cache.insert(10, 1);
    assert_eq!(cache.peek(1), None);
    assert_eq!(cache.peek(9), Some(&50));
}

fn canonical_with(simhash: u64, words: u32) -> Canonical {
    Canonical {
        article_id: 1,
        body_id: 1,
        words,
        simhash,
        published: None,
    }
}

#[test]
fn a_single_shared_anchor_needs_a_near_simhash_nearer_the_more_alike_the_sizes() {
    let at = |bits: u32| canonical_with(u64::MAX >> (64 - bits), 700); // `bits` away from 0
    let near = canonical_with(0, 700);
    let far = at(25);
    let probe = |words| Probe { simhash: 0, words };
    // Two shared anchors are always worth verifying, whatever the SimHash.
    assert!(worth_verifying(2, probe(700), &at(40)));
    // One shared anchor: within 24 bits it is, beyond it is not...
    assert!(worth_verifying(1, probe(700), &at(24)));
    assert!(worth_verifying(1, probe(700), &near));
    assert!(!worth_verifying(1, probe(700), &far));
    assert!(!worth_verifying(1, probe(500), &far));
    assert!(!worth_verifying(1, probe(490), &far)); // exactly 70 %
    // ...and the smaller one body is against the other, the farther it may be: a trimmed copy
    // sits far from its original in SimHash. At 60 % up to 27 bits.
    assert!(worth_verifying(1, probe(419), &at(27)));
    assert!(!worth_verifying(1, probe(419), &at(28)));
    assert!(
        worth_verifying(1, probe(1_170), &at(27)),
        "either way round"
    );
    assert!(!worth_verifying(1, probe(1_170), &at(28)));
    // At 40 % up to 33 bits, at 10 % up to 42: about anything.
    assert!(worth_verifying(1, probe(279), &at(33)));
    assert!(!worth_verifying(1, probe(279), &at(34)));
    assert!(worth_verifying(1, probe(69), &at(42)));
}

#[test]
fn the_sole_anchor_distance_bound_grows_as_the_size_ratio_falls() {
    assert_eq!(sole_anchor_max_distance(1.0), 24.0);
    assert_eq!(sole_anchor_max_distance(0.7), 24.0);
    let mut last = 24.0;
    for step in (0..70).rev() {
        let bound = sole_anchor_max_distance(f64::from(step) / 100.0);
        assert!(bound > last, "ratio {step} %: {bound} after {last}");
        last = bound;
    }
    assert!((last - 45.0).abs() < 1e-9, "at ratio 0: {last}");
}

#[test]
fn wanted_names_who_asked_through_a_single_anchor() {
    let m = matcher_over(&[(&[1, 2, 3], 10), (&[4], 20)]);
    let probe = Probe {
        simhash: 0,
        words: 700,
    };
    let other = Probe {
        simhash: u64::MAX,
        words: 650,
    };
    let wanted = m.wanted(
        [
            (&[1, 2][..], probe),
            (&[4][..], probe),
            (&[3, 4][..], other),
        ]
        .into_iter(),
    );
    assert_eq!(
        wanted.clusters,
        [
            // Cluster 10 shares two anchors with the first body: its profile is needed.
            WantedCluster {
                cluster_id: 10,
                sole: None
            },
            // Cluster 20 was found through one anchor, by two bodies.
            WantedCluster {
                cluster_id: 20,
                sole: Some(vec![probe, other])
            },
        ]
    );
    // Its canonical's profile is read only if one of them passes the gate.
    let far_from_both = canonical_with(0xFFFF_FFFF, 700);
    assert!(!wanted.clusters[1].needs_profile(&far_from_both));
    assert!(wanted.clusters[1].needs_profile(&canonical_with(0, 700)));
    assert!(wanted.clusters[0].needs_profile(&far_from_both));
}

#[test]
fn archived_clusters_failing_the_gate_are_turned_away_unread() {
    let a = analyze(
        "The harbor authority approved a new ferry schedule on Monday after months of \
         complaints from commuters about late evening crossings.",
    );
    let words = a.profile.words;
    let m = matcher_over(&[(&[4], 20), (&[5], 30)]);
    let mut archived = ArchivedProbes::new();
    // Cluster 20's only indexed body is 64 bits away from the new one, of the same size.
    archived.add(
        20,
        Probe {
            simhash: !a.fingerprint.simhash,
            words,
        },
    );
    archived.add(
        30,
        Probe {
            simhash: a.fingerprint.simhash,
            words,
        },
    );
    let mut m = m.with_archived(archived);
    let probe = Probe {
        simhash: a.fingerprint.simhash,
        words,
    };
    let wanted = m.wanted([(&[4][..], probe), (&[5][..], probe)].into_iter());
    assert_eq!(
        wanted.clusters,
        [WantedCluster {
            cluster_id: 30,
            sole: Some(vec![probe])
        }]
    );
    // The fake archive holds neither cluster: reading one fails the placement.
    let mut empty = Fake::default();
    let incoming = |anchors| Incoming {
        sha256: &a.fingerprint.sha256,
        anchors,
        profile: &a.profile,
        simhash: a.fingerprint.simhash,
        published: None,
    };
    assert_eq!(
        m.place(&incoming(&[4]), &mut empty).expect("not read"),
        Placement::New
    );
    assert!(
        m.place(&incoming(&[5]), &mut empty).is_err(),
        "cluster 30 is read"
    );
    // Once its canonical changes during the run, the loaded view no longer speaks for it.
    assert!(m.turned_away_unread(20, 1, probe));
    m.set_canonical(
        20,
        canonical_with(!a.fingerprint.simhash, words),
        &[4],
        Arc::clone(&a.profile),
    );
    assert!(!m.turned_away_unread(20, 1, probe));
}

#[test]
fn fetched_canonicals_of_clusters_changed_in_the_run_are_refused_even_once_evicted() {
    let a = analyze("The ferry schedule changed on Monday after months of complaints.");
    let mut m = matcher();
    let current = canonical_with(1, 900);
    m.set_canonical(20, current.clone(), &[4], Arc::clone(&a.profile));
    // A reader saw the archive before that change was committed.
    let stale = canonical_with(2, 300);
    m.add_canonicals([(20, stale.clone())]);
    assert_eq!(m.canonicals.peek(20).map(|c| c.words), Some(900));
    // The cache entry is gone (turned over); the stale row still must not come in.
    m.canonicals.remove(20);
    m.add_canonicals([(20, stale.clone()), (30, stale)]);
    assert_eq!(
        m.canonicals.peek(20),
        None,
        "read through the transaction instead"
    );
    assert_eq!(
        m.canonicals.peek(30).map(|c| c.words),
        Some(300),
        "an unchanged cluster's row is taken"
    );
}

#[test]
fn nothing_is_wanted_over_an_empty_archive_until_a_cache_drops_something() {
    let a = analyze(
        "The county opened a second cooling center on Tuesday as forecasters warned that the \
         heat wave would last through the weekend across the valley.",
    );
    let probe = Probe {
        simhash: a.fingerprint.simhash,
        words: a.profile.words,
    };
    let mut m = matcher();
    let canonical = canonical_with(probe.simhash, probe.words);
    m.set_canonical(10, canonical, &a.anchors, a.profile.clone());
    assert_eq!(
        m.wanted([(&a.anchors[..], probe)].into_iter()),
        Wanted::default()
    );
    // A generation of one row: the third row drops the first two, cluster 10's among them.
    m.canonicals = Generations::new(1, |_| 1);
    for cluster_id in [10, 11, 12] {
        m.canonicals.insert(
            cluster_id,
            Arc::new(canonical_with(probe.simhash, probe.words)),
        );
    }
    assert!(m.canonicals.peek(10).is_none());
    assert_eq!(
        m.wanted([(&a.anchors[..], probe)].into_iter()).clusters,
        [WantedCluster {
            cluster_id: 10,
            sole: None
        }]
    );
}

#[test]
fn generations_know_when_they_dropped_an_entry() {
    let mut g: Generations<u32> = Generations::new(2, |_| 1);
    for key in 0..4 {
        g.insert(key, 0);
    }
    // 0 and 1 moved to the old generation, 2 and 3 are young: nothing dropped yet.
    assert!(!g.evicted);
    assert!(g.peek(0).is_some());
    g.insert(4, 0);
    assert!(g.evicted);
    assert!(g.peek(0).is_none());
}
