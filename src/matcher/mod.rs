//! Matching: decide, for each new article, which cluster it joins and how.
//!
//! Phases run cheap to expensive, in this order:
//! 1. **exact**: the SHA-256 of the folded body, looked up in the archive (this batch included);
//! 2. **candidates**: clusters whose canonical body shares anchors with the new body
//!    ([`AnchorIndex`]), at most [`MAX_CANDIDATES`] of them, most shared anchors first;
//! 3. **gate**: a candidate found through a single shared anchor goes on only if its canonical's
//!    SimHash is near, nearer the more alike the sizes are ([`worth_verifying`]);
//!    this needs the canonical's row, not its text, and for an archived cluster often not even
//!    that ([`ArchivedProbes`]);
//! 4. **verify**: exact shingle Jaccard, containment and number agreement against each
//!    candidate cluster's *canonical* body ([`verify`]); the best verified cluster wins.
//!
//! Clusters are stars, not chains: an article joins a cluster only by verifying against its
//! canonical, so A~B and B~C never pull C into A's cluster through B. When the newcomer is
//! more complete under the [`CanonicalPolicy`], it takes over as canonical and the cluster's
//! other bodies are rescored against it.
//!
//! Pure: the archive is reached only through the [`Archive`] trait, so the matcher runs the
//! same against SQLite or a test fixture, and it never reads a clock or the environment.

mod archived;
pub mod canonical;
pub mod explain;
pub mod verify;

use crate::fingerprint::Profile;
pub use crate::fingerprint::profile_of;
use crate::index::AnchorIndex;
use crate::model::Relation;
pub use archived::ArchivedProbes;
pub use canonical::{CanonicalPolicy, Standing, published_key};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::Arc;
pub use verify::{Thresholds, Verdict};

/// Candidate clusters verified per new body, at most.
pub const MAX_CANDIDATES: usize = 8;
/// Bytes of body profiles kept in memory per cache generation (two generations, so 512 MiB at
/// most; a 700-word body's profile takes ~2.9 KB). Every profile missing here is read,
/// decompressed and re-profiled from the archive when a new body must be verified against it,
/// which cost ~20 % of ingest CPU with an 8,192-body generation on a 40k-article archive, and
/// still ~4 % with 128 MiB generations on a 250k-article run (about 120k clusters).
const PROFILE_CACHE_BYTES: usize = 256 << 20;
/// Canonical rows kept in memory per cache generation (~100 bytes each). A run that meets
/// more clusters than the two generations hold reads the rest back through SQL: 2^16 a
/// generation cost ~3 % of ingest CPU on a 250k-article run.
const CANONICAL_CACHE_CLUSTERS: usize = 1 << 18;

/// A cluster's canonical article, as the matcher needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Canonical {
    pub article_id: i64,
    pub body_id: i64,
    pub words: u32,
    /// Its body's SimHash.
    pub simhash: u64,
    pub published: Option<String>,
}

/// What the matcher reads from the archive.
pub trait Archive {
    type Error;
    /// The archived body with this SHA-256: `(body_id, cluster_id)`.
    fn find_body(&mut self, sha256: &[u8; 32]) -> Result<Option<(i64, i64)>, Self::Error>;
    fn canonical(&mut self, cluster_id: i64) -> Result<Canonical, Self::Error>;
    fn body_text(&mut self, body_id: i64) -> Result<String, Self::Error>;
    fn cluster_bodies(&mut self, cluster_id: i64) -> Result<Vec<i64>, Self::Error>;
}

/// The new article, as matching sees it.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    pub sha256: &'a [u8; 32],
    pub anchors: &'a [u32],
    pub profile: &'a Profile,
    pub simhash: u64,
    pub published: Option<&'a str>,
}

impl Incoming<'_> {
    fn probe(&self) -> Probe {
        Probe {
            simhash: self.simhash,
            words: self.profile.words,
        }
    }
}

/// What the candidate gate ([`worth_verifying`]) knows of a new body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Probe {
    pub simhash: u64,
    pub words: u32,
}

/// SimHash distance (bits of 64) beyond which a candidate found through a single shared anchor
/// is not verified, when the two bodies are of similar size (see [`sole_anchor_max_distance`]
/// for bodies of different sizes).
pub const SOLE_ANCHOR_MAX_DISTANCE: u32 = 24;
/// Word-count ratio (shorter over longer) under which a single-anchor candidate may sit farther
/// than [`SOLE_ANCHOR_MAX_DISTANCE`] in SimHash: a copy trimmed to a fraction of its canonical
/// is far from it in SimHash and still contained in it.
pub const SOLE_ANCHOR_SIZE_RATIO: f64 = 0.7;
/// Bits of SimHash distance allowed beyond [`SOLE_ANCHOR_MAX_DISTANCE`] per unit of size ratio
/// under [`SOLE_ANCHOR_SIZE_RATIO`]: 3 bits at ratio 0.6, 9 at 0.4, 18 at 0.1 (42 bits in all,
/// past nearly every unrelated pair).
pub const SOLE_ANCHOR_DISTANCE_PER_RATIO: f64 = 30.0;

/// The SimHash distance up to which a candidate sharing a single anchor with a new body is
/// verified, given the two bodies' word-count ratio (shorter over longer).
///
/// The bound follows what a real trimmed copy looks like. Take a shorter body a fraction `r`
/// of the longer's size, with at least 3/4 of its shingles in the longer (what containment
/// verification asks for). Its SimHash differs in 64·arccos(0.75·√r)/π bits on average
/// (SimHash estimates the angle between shingle sets): 19 bits at r = 0.6, 22 at 0.4, 27 at
/// 0.1, with a standard deviation of about 4. The bound sits 2.1 standard deviations above
/// that mean at r = 0.6, 2.9 at 0.4 and 3.8 at 0.1. A copy is lost only if it also shares a
/// single anchor of twelve, itself unlikely unless `r` is small (under 1 % at r = 0.6): about
/// 1.5 copies in 10,000 at worst, by this model. Two unrelated bodies sit 32 ± 4 bits apart, so
/// at ratios near 0.7 most of them are turned away unread.
pub fn sole_anchor_max_distance(ratio: f64) -> f64 {
    f64::from(SOLE_ANCHOR_MAX_DISTANCE)
        + SOLE_ANCHOR_DISTANCE_PER_RATIO * (SOLE_ANCHOR_SIZE_RATIO - ratio).max(0.0)
}

/// Whether a candidate sharing `shared` anchors with a new body is worth verifying.
///
/// Candidates sharing one anchor are most of all candidates and almost never copies, and
/// against a large archive each costs a read, a decompression and a profile of the canonical.
/// Measured on a 100k-article night into a 1M-article archive (generated corpus): 219,381
/// single-anchor candidates, 3,261 of them verified copies.
/// - Among those of similar size (ratio ≥ 0.7), every verified one was within 24 bits of
///   SimHash, and 125,126 of the 216,120 rejected ones were farther: the gate skips those
///   without reading anything but the canonical's row. (A copy of similar size is a near copy,
///   Jaccard ≥ 0.6, whose SimHash differs in ~15 of 64 bits on average.)
/// - Of different sizes, a flat rule (any distance under ratio 0.7) had 61,678 candidates
///   verified beyond 24 bits, for 14 copies, at ratios 0.40–0.61 and distances 25–28.
///   [`sole_anchor_max_distance`] verifies 16,061 of them, the 14 copies included. That made
///   the night 11 % faster, with the same archive.
pub fn worth_verifying(shared: u32, new: Probe, canonical: &Canonical) -> bool {
    passes_gate(
        shared,
        new,
        Probe {
            simhash: canonical.simhash,
            words: canonical.words,
        },
    )
}

/// [`worth_verifying`], given the canonical body's probe.
fn passes_gate(shared: u32, new: Probe, canonical: Probe) -> bool {
    let distance = (new.simhash ^ canonical.simhash).count_ones();
    if shared > 1 || distance <= SOLE_ANCHOR_MAX_DISTANCE {
        return true;
    }
    let (short, long) = if new.words < canonical.words {
        (new.words, canonical.words)
    } else {
        (canonical.words, new.words)
    };
    let ratio = f64::from(short) / f64::from(long.max(1));
    f64::from(distance) <= sole_anchor_max_distance(ratio)
}

/// Bodies of a cluster scored against its (new) canonical: `(body_id, relation, score)`.
pub type Rescored = Vec<(i64, Relation, f64)>;

/// The new article takes over as its cluster's canonical.
#[derive(Debug, Clone, PartialEq)]
pub struct Takeover {
    /// Other bodies of the cluster, rescored against the new canonical body.
    pub rescored: Rescored,
}

/// Another cluster that turns out to be the same story: the newcomer verified against its
/// canonical too, and all its bodies verify against the joined cluster's canonical. Happens
/// when copies arrive before the version that links them (a new-lede copy and a trimmed
/// copy, then the full story).
#[derive(Debug, Clone, PartialEq)]
pub struct Merge {
    pub cluster_id: i64,
    /// Its bodies, rescored against the joined cluster's canonical.
    pub rescored: Rescored,
}

/// The canonical a cluster ends up with after a placement.
struct Head {
    profile: Arc<Profile>,
    standing: Standing,
}

fn standing_of(new: &Incoming) -> Standing {
    Standing {
        words: new.profile.words,
        published: new.published.and_then(published_key),
    }
}

fn standing_of_canonical(canonical: &Canonical) -> Standing {
    Standing {
        words: canonical.words,
        published: canonical.published.as_deref().and_then(published_key),
    }
}

/// Where a new article goes.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Its body is already archived.
    Exact {
        body_id: i64,
        cluster_id: i64,
        takeover: Option<Takeover>,
    },
    /// A new body that verified as a copy of a cluster's canonical.
    Copy {
        cluster_id: i64,
        relation: Relation,
        score: f64,
        takeover: Option<Takeover>,
        merges: Vec<Merge>,
    },
    /// A story not in the archive: a new cluster.
    New,
}

/// A two-generation cache: when the young generation is full it becomes the old one and the
/// previous old one is dropped; a hit in the old generation moves the entry back to the young
/// one. Recently used entries survive a turnover, unlike a cache that is cleared when full.
///
/// Each generation holds at most `budget` units, as `weigh` counts them (entries, or bytes).
struct Generations<V> {
    young: FxHashMap<i64, V>,
    old: FxHashMap<i64, V>,
    /// Units in the young generation.
    used: usize,
    budget: usize,
    weigh: fn(&V) -> usize,
    /// Whether an entry was ever dropped to make room.
    evicted: bool,
}

impl<V: Clone> Generations<V> {
    fn new(budget: usize, weigh: fn(&V) -> usize) -> Self {
        Self {
            young: FxHashMap::default(),
            old: FxHashMap::default(),
            used: 0,
            budget,
            weigh,
            evicted: false,
        }
    }

    fn get(&mut self, key: i64) -> Option<V> {
        if let Some(v) = self.young.get(&key) {
            return Some(v.clone());
        }
        let v = self.old.remove(&key)?;
        self.insert(key, v.clone());
        Some(v)
    }

    fn insert(&mut self, key: i64, value: V) {
        let weight = (self.weigh)(&value);
        if self.used + weight > self.budget && !self.young.is_empty() {
            self.evicted |= !self.old.is_empty();
            self.old = std::mem::take(&mut self.young);
            self.used = 0;
        }
        self.used += weight;
        if let Some(replaced) = self.young.insert(key, value) {
            self.used -= (self.weigh)(&replaced);
        }
    }

    /// The value, without moving it to the young generation.
    fn peek(&self, key: i64) -> Option<&V> {
        self.young.get(&key).or_else(|| self.old.get(&key))
    }

    fn remove(&mut self, key: i64) {
        if let Some(removed) = self.young.remove(&key) {
            self.used -= (self.weigh)(&removed);
        }
        self.old.remove(&key);
    }
}

/// What the matcher would read from the archive for a set of new bodies (see
/// [`Matcher::wanted`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Wanted {
    /// Clusters whose canonical row is not cached, by id (their canonical body's profile is
    /// wanted too, unless the gate turns every body asking for it away).
    pub clusters: Vec<WantedCluster>,
    /// Canonical bodies whose profile is not cached.
    pub bodies: Vec<i64>,
}

/// A cluster [`Matcher::wanted`] asks for, and who asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WantedCluster {
    pub cluster_id: i64,
    /// `None` when a body shares two anchors or more with it: its canonical's profile is
    /// needed whatever the canonical is. Otherwise the bodies that found it through a single
    /// anchor: the profile is needed only if one of them passes [`worth_verifying`].
    pub sole: Option<Vec<Probe>>,
}

impl WantedCluster {
    /// Whether verifying will need the profile of this cluster's canonical, `canonical`.
    pub fn needs_profile(&self, canonical: &Canonical) -> bool {
        self.sole
            .as_ref()
            .is_none_or(|probes| probes.iter().any(|&p| worth_verifying(1, p, canonical)))
    }
}

/// Matching state for a run: the candidate index and cached profiles and canonicals.
pub struct Matcher {
    index: AnchorIndex,
    policy: CanonicalPolicy,
    thresholds: Thresholds,
    profiles: Generations<Arc<Profile>>,
    canonicals: Generations<Arc<Canonical>>,
    /// Clusters merged into others during this run (the index still names the old ids).
    redirect: FxHashMap<i64, i64>,
    /// The gate's view of archived clusters, as loaded with the index.
    archived: ArchivedProbes,
    /// Clusters whose canonical was set during this run: `archived` no longer speaks for them.
    changed: FxHashSet<i64>,
}

impl Matcher {
    pub fn new(index: AnchorIndex, policy: CanonicalPolicy, thresholds: Thresholds) -> Self {
        Self {
            index,
            policy,
            thresholds,
            profiles: Generations::new(PROFILE_CACHE_BYTES, |p| p.heap_bytes()),
            canonicals: Generations::new(CANONICAL_CACHE_CLUSTERS, |_| 1),
            redirect: FxHashMap::default(),
            archived: ArchivedProbes::new(),
            changed: FxHashSet::default(),
        }
    }

    /// Let the gate judge archived clusters from their indexed bodies' probes, loaded with the
    /// index, instead of reading their canonical rows (see [`ArchivedProbes`]).
    pub fn with_archived(mut self, archived: ArchivedProbes) -> Self {
        self.archived = archived;
        self
    }

    /// The candidate index.
    pub fn index(&self) -> &AnchorIndex {
        &self.index
    }

    /// Memory of the candidate index and of the gate's table of archived clusters (estimated).
    pub fn index_heap_bytes(&self) -> usize {
        self.index.heap_bytes() + self.archived.heap_bytes()
    }

    /// Whether a candidate the matcher has not cached fails the gate by what was loaded of its
    /// archived cluster, so that it need not be read (see [`ArchivedProbes`]).
    fn turned_away_unread(&self, cluster_id: i64, shared: u32, new: Probe) -> bool {
        shared == 1
            && !self.changed.contains(&cluster_id)
            && self
                .archived
                .all_fail(cluster_id, |theirs| passes_gate(shared, new, theirs))
    }

    /// Record that `canonical` (a body with these anchors and this profile) is now the
    /// canonical of `cluster_id`: a new cluster, or a takeover once it is stored.
    pub fn set_canonical(
        &mut self,
        cluster_id: i64,
        canonical: Canonical,
        anchors: &[u32],
        profile: Arc<Profile>,
    ) {
        self.index.insert(anchors, cluster_id);
        self.profiles.insert(canonical.body_id, profile);
        self.canonicals.insert(cluster_id, Arc::new(canonical));
        self.changed.insert(cluster_id);
    }

    /// Place an article whose body was known to be stored when it was prepared, from the
    /// body's hash and word count alone: an exact copy that leaves its cluster's canonical
    /// as it is. `None` if the copy would take its cluster over (rescoring the cluster needs
    /// the body's profile), or if the body is not archived after all (a hash key shared with
    /// a stored body): then [`Matcher::place`] it with its full analysis, which decides the
    /// same way.
    pub fn place_stored<A: Archive>(
        &mut self,
        sha256: &[u8; 32],
        words: u32,
        published: Option<&str>,
        archive: &mut A,
    ) -> Result<Option<Placement>, A::Error> {
        let Some((body_id, cluster_id)) = archive.find_body(sha256)? else {
            return Ok(None);
        };
        let cluster_id = self.resolve(cluster_id);
        let canonical = self.canonical(cluster_id, archive)?;
        let ours = Standing {
            words,
            published: published.and_then(published_key),
        };
        if self
            .policy
            .takes_over(&ours, &standing_of_canonical(&canonical))
        {
            return Ok(None);
        }
        Ok(Some(Placement::Exact {
            body_id,
            cluster_id,
            takeover: None,
        }))
    }

    /// Decide where `new` goes.
    pub fn place<A: Archive>(
        &mut self,
        new: &Incoming,
        archive: &mut A,
    ) -> Result<Placement, A::Error> {
        if let Some((body_id, cluster_id)) = archive.find_body(new.sha256)? {
            let cluster_id = self.resolve(cluster_id);
            let canonical = self.canonical(cluster_id, archive)?;
            let takeover = self.takeover(new, &canonical, cluster_id, Some(body_id), archive)?;
            return Ok(Placement::Exact {
                body_id,
                cluster_id,
                takeover,
            });
        }
        let mut verified: Vec<(f64, i64, Relation, Arc<Canonical>)> = Vec::new();
        let mut seen = Vec::new();
        for candidate in self
            .index
            .candidates(new.anchors)
            .into_iter()
            .take(MAX_CANDIDATES)
        {
            let cluster_id = self.resolve(candidate.cluster_id);
            if seen.contains(&cluster_id) {
                continue;
            }
            seen.push(cluster_id);
            if self.canonicals.peek(cluster_id).is_none()
                && self.turned_away_unread(cluster_id, candidate.shared, new.probe())
            {
                continue;
            }
            let canonical = self.canonical(cluster_id, archive)?;
            if !worth_verifying(candidate.shared, new.probe(), &canonical) {
                continue;
            }
            let theirs = self.profile(canonical.body_id, archive)?;
            let (ours_n, theirs_n) = (new.profile.shingles.len(), theirs.shingles.len());
            let at_least = verify::min_shared(ours_n, theirs_n, &self.thresholds);
            let Some(sim) = new.profile.compare_at_least(&theirs, at_least) else {
                continue;
            };
            let verdict = verify::decide(
                &sim,
                new.profile.shingles.len(),
                theirs.shingles.len(),
                &self.thresholds,
            );
            if let Verdict::Copy { relation, score } = verdict {
                verified.push((score, cluster_id, relation, canonical));
            }
        }
        // Best score first; ties go to the older cluster.
        verified.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut verified = verified.into_iter();
        let Some((score, cluster_id, relation, canonical)) = verified.next() else {
            return Ok(Placement::New);
        };
        let takeover = self.takeover(new, &canonical, cluster_id, None, archive)?;
        let head = match &takeover {
            Some(_) => Head {
                profile: Arc::new(new.profile.clone()),
                standing: standing_of(new),
            },
            None => Head {
                profile: self.profile(canonical.body_id, archive)?,
                standing: standing_of_canonical(&canonical),
            },
        };
        let mut merges = Vec::new();
        for (_, other, _, other_canonical) in verified {
            if let Some(rescored) = self.mergeable(other, &other_canonical, &head, archive)? {
                self.redirect.insert(other, cluster_id);
                self.canonicals.remove(other);
                merges.push(Merge {
                    cluster_id: other,
                    rescored,
                });
            }
        }
        Ok(Placement::Copy {
            cluster_id,
            relation,
            score,
            takeover,
            merges,
        })
    }

    /// What [`Matcher::place`] will read from the archive to verify new bodies with these
    /// anchors, because it is not cached: the canonical rows of `clusters`, and the profiles of
    /// the canonical bodies `bodies`. A caller can fetch them on other threads and hand them
    /// over with [`Matcher::add_canonicals`] and [`Matcher::add_profiles`] before placing.
    pub fn wanted<'a>(&self, new_bodies: impl Iterator<Item = (&'a [u32], Probe)>) -> Wanted {
        // Without archived entries in the index, every cluster it names had its canonical row
        // and profile cached when it was made or taken over during this run: while neither
        // cache has dropped anything, nothing can be missing, and the candidates of a whole
        // batch need not be looked up twice (2 % of ingest CPU into an empty archive).
        if !self.index.has_loaded() && !self.canonicals.evicted && !self.profiles.evicted {
            return Wanted::default();
        }
        let mut clusters: FxHashMap<i64, Option<Vec<Probe>>> = FxHashMap::default();
        let mut bodies = Vec::new();
        for (anchors, probe) in new_bodies {
            for candidate in self
                .index
                .candidates(anchors)
                .into_iter()
                .take(MAX_CANDIDATES)
            {
                let cluster_id = self.resolve(candidate.cluster_id);
                match self.canonicals.peek(cluster_id) {
                    None if self.turned_away_unread(cluster_id, candidate.shared, probe) => {}
                    None => {
                        let sole = clusters
                            .entry(cluster_id)
                            .or_insert_with(|| Some(Vec::new()));
                        match sole {
                            Some(probes) if candidate.shared == 1 => probes.push(probe),
                            _ => *sole = None,
                        }
                    }
                    Some(c)
                        if self.profiles.peek(c.body_id).is_none()
                            && worth_verifying(candidate.shared, probe, c) =>
                    {
                        bodies.push(c.body_id);
                    }
                    Some(_) => {}
                }
            }
        }
        let mut clusters: Vec<WantedCluster> = clusters
            .into_iter()
            .map(|(cluster_id, sole)| WantedCluster { cluster_id, sole })
            .collect();
        clusters.sort_unstable_by_key(|c| c.cluster_id);
        bodies.sort_unstable();
        bodies.dedup();
        Wanted { clusters, bodies }
    }

    /// Cache canonical rows fetched elsewhere (see [`Matcher::wanted`]). A cluster whose
    /// canonical the matcher already holds keeps it: the matcher's is never older. A cluster
    /// whose canonical was set during this run is not taken either, even once its cache entry
    /// is gone: the row may have been read before that change was committed, and the matcher
    /// reads it through the open transaction when it needs it.
    pub fn add_canonicals(&mut self, canonicals: impl IntoIterator<Item = (i64, Canonical)>) {
        for (cluster_id, canonical) in canonicals {
            if self.canonicals.peek(cluster_id).is_none() && !self.changed.contains(&cluster_id) {
                self.canonicals.insert(cluster_id, Arc::new(canonical));
            }
        }
    }

    /// Cache the profile of a body just stored as a near copy: a later takeover or merge of its
    /// cluster rescores it without reading and re-profiling its text.
    pub fn add_copy_profile(&mut self, body_id: i64, profile: Arc<Profile>) {
        self.profiles.insert(body_id, profile);
    }

    /// Cache profiles computed elsewhere (see [`Matcher::wanted`]).
    pub fn add_profiles(&mut self, profiles: impl IntoIterator<Item = (i64, Profile)>) {
        for (body_id, profile) in profiles {
            self.profiles.insert(body_id, Arc::new(profile));
        }
    }

    /// A cluster id as it is now, after merges made during this run.
    fn resolve(&self, mut cluster_id: i64) -> i64 {
        while let Some(&into) = self.redirect.get(&cluster_id) {
            cluster_id = into;
        }
        cluster_id
    }

    /// Can `other` fold into the cluster headed by `head`? Only if `head` stays canonical under
    /// the policy and every body of `other` verifies against it (the star holds). Returns the
    /// moved bodies rescored against `head`.
    fn mergeable<A: Archive>(
        &mut self,
        other: i64,
        other_canonical: &Canonical,
        head: &Head,
        archive: &mut A,
    ) -> Result<Option<Rescored>, A::Error> {
        if self
            .policy
            .takes_over(&standing_of_canonical(other_canonical), &head.standing)
        {
            return Ok(None);
        }
        let mut rescored = Vec::new();
        for body_id in archive.cluster_bodies(other)? {
            let profile = self.profile(body_id, archive)?;
            let sim = profile.compare(&head.profile);
            match verify::decide(
                &sim,
                profile.shingles.len(),
                head.profile.shingles.len(),
                &self.thresholds,
            ) {
                Verdict::Copy { relation, score } => rescored.push((body_id, relation, score)),
                Verdict::Rejected(_) => return Ok(None),
            }
        }
        Ok(Some(rescored))
    }

    /// If `new` wins the canonical policy, rescore the cluster's other bodies against it.
    fn takeover<A: Archive>(
        &mut self,
        new: &Incoming,
        current: &Canonical,
        cluster_id: i64,
        new_body: Option<i64>,
        archive: &mut A,
    ) -> Result<Option<Takeover>, A::Error> {
        if !self
            .policy
            .takes_over(&standing_of(new), &standing_of_canonical(current))
        {
            return Ok(None);
        }
        let mut rescored = Vec::new();
        for body_id in archive.cluster_bodies(cluster_id)? {
            if Some(body_id) == new_body {
                rescored.push((body_id, Relation::Exact, 1.0));
                continue;
            }
            let profile = self.profile(body_id, archive)?;
            let sim = profile.compare(new.profile);
            let (relation, score) = verify::relation_to_canonical(
                &sim,
                profile.shingles.len(),
                new.profile.shingles.len(),
                &self.thresholds,
            );
            rescored.push((body_id, relation, score));
        }
        Ok(Some(Takeover { rescored }))
    }

    /// A cluster's canonical, from the cache or the archive.
    fn canonical<A: Archive>(
        &mut self,
        cluster_id: i64,
        archive: &mut A,
    ) -> Result<Arc<Canonical>, A::Error> {
        if let Some(c) = self.canonicals.get(cluster_id) {
            return Ok(c);
        }
        let c = Arc::new(archive.canonical(cluster_id)?);
        self.canonicals.insert(cluster_id, Arc::clone(&c));
        Ok(c)
    }

    /// A body's profile, from the cache or recomputed from its stored text.
    fn profile<A: Archive>(
        &mut self,
        body_id: i64,
        archive: &mut A,
    ) -> Result<Arc<Profile>, A::Error> {
        if let Some(p) = self.profiles.get(body_id) {
            return Ok(p);
        }
        let profile = Arc::new(profile_of(&archive.body_text(body_id)?));
        self.profiles.insert(body_id, Arc::clone(&profile));
        Ok(profile)
    }
}

#[cfg(test)]
mod tests;
