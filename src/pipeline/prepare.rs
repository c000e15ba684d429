//! The pure per-record work, run on the worker pool: parse, normalize, fingerprint.

use super::IngestConfig;
use super::read::Item;
use crate::fingerprint::{Analysis, analyze};
use crate::ingest::{RecordError, parse_record};
use crate::model::CleanArticle;
use crate::store::codec::{self, Dictionary};
use rayon::prelude::*;
use std::collections::HashSet;

/// A record ready to match and store.
pub struct Prepared {
    pub input_id: i64,
    pub origin: String,
    pub raw_bytes: u64,
    pub clean: CleanArticle,
    pub analysis: Analysis,
    /// The first record of its batch with this body (see [`compress_first_copies`]): only
    /// those can be new to the archive.
    pub first: bool,
    /// The clean body, zstd-compressed: set on first records, unless the body is known to be
    /// stored already.
    pub frame: Option<Vec<u8>>,
}

pub fn prepare(item: &Item, config: &IngestConfig) -> Result<Prepared, RecordError> {
    let raw = item.raw.as_ref().map_err(Clone::clone)?;
    let parsed = parse_record(raw, &config.fields)?;
    let paragraphs = parsed.paragraphs.len();
    let clean = config.normalizer.clean(parsed);
    if clean.text.is_empty() {
        let reason = if paragraphs == 0 {
            "empty body".to_string()
        } else {
            let rules: Vec<&str> = clean.removals.iter().map(|r| r.rule.as_str()).collect();
            format!(
                "empty body after removing boilerplate ({})",
                rules.join(", ")
            )
        };
        return Err(RecordError::new(raw.origin.clone(), reason));
    }
    let analysis = analyze(&clean.text);
    Ok(Prepared {
        input_id: item.input_id,
        origin: raw.origin.to_string(),
        raw_bytes: raw.bytes.len() as u64,
        clean,
        analysis,
        first: false,
        frame: None,
    })
}

/// Mark the first record of each distinct body in the batch, and compress its body on the
/// pool unless `stored` knows it is in the archive already. Later records with the same body
/// are exact copies of it and need no frame. Returns the dictionary the batch's bodies are
/// compressed with (see [`Dictionaries`]).
pub fn compress_first_copies(
    prepared: &mut [Result<Prepared, RecordError>],
    stored: &StoredBodies,
    dictionaries: &Dictionaries,
) -> std::io::Result<Option<Dictionary>> {
    let mut seen = HashSet::new();
    let mut firsts: Vec<&mut Prepared> = prepared
        .iter_mut()
        .filter_map(|p| p.as_mut().ok())
        .filter(|p| seen.insert(p.analysis.fingerprint.sha256))
        .collect();
    for p in &mut firsts {
        p.first = true;
    }
    let dictionary = dictionaries.for_batch(firsts.iter().map(|p| p.clean.text.as_str()));
    let unknown = stored.unknown(firsts, |p| &p.analysis.fingerprint.sha256);
    unknown
        .into_par_iter()
        .try_for_each(|p| -> std::io::Result<()> {
            p.frame = Some(codec::compress(&p.clean.text, dictionary.as_ref())?);
            Ok(())
        })?;
    Ok(dictionary)
}

/// Bodies a dictionary is trained on: about 0.4 s of training, once per archive.
pub const TRAINING_SAMPLES: usize = 1_000;

/// The dictionary bodies are compressed with during a run.
///
/// An archive without one collects the distinct bodies of its batches, in input order (after
/// the most recent bodies already stored, see [`Store::recent_bodies`]), and trains one as
/// soon as it has [`TRAINING_SAMPLES`] of them, before compressing the batch that completed
/// them. From then on every batch uses it. Batches reach this stage in input order, so the
/// dictionary and every frame are the same for any number of threads. If training fails (too
/// little text to learn from), the run goes on without a dictionary.
///
/// [`Store::recent_bodies`]: crate::store::Store::recent_bodies
pub struct Dictionaries(std::sync::Mutex<Training>);

enum Training {
    Trained(Option<Dictionary>),
    /// Distinct bodies so far, and the xxh3 of each: a body copied in a later batch, or
    /// stored already, counts once.
    Collecting(Vec<String>, rustc_hash::FxHashSet<u64>),
}

impl Dictionaries {
    /// Use the archive's dictionary.
    pub fn using(current: Dictionary) -> Self {
        Self(std::sync::Mutex::new(Training::Trained(Some(current))))
    }

    /// Collect samples to train one, starting from bodies the archive stores.
    pub fn collecting(stored: Vec<String>) -> Self {
        let seen = stored.iter().map(|s| xxh3(s)).collect();
        Self(std::sync::Mutex::new(Training::Collecting(stored, seen)))
    }

    /// The dictionary for a batch with these distinct bodies, trained first if they complete
    /// the samples.
    pub fn for_batch<'t>(&self, bodies: impl Iterator<Item = &'t str>) -> Option<Dictionary> {
        let mut training = self
            .0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Training::Collecting(samples, seen) = &mut *training {
            for body in bodies {
                if samples.len() >= TRAINING_SAMPLES {
                    break;
                }
                if seen.insert(xxh3(body)) {
                    samples.push(body.to_owned());
                }
            }
            if samples.len() >= TRAINING_SAMPLES {
                let trained = Dictionary::train(samples).ok();
                if let Some(d) = &trained {
                    codec::register(d);
                }
                *training = Training::Trained(trained);
            }
        }
        match &*training {
            Training::Trained(d) => d.clone(),
            Training::Collecting(..) => None,
        }
    }
}

fn xxh3(text: &str) -> u64 {
    twox_hash::XxHash3_64::oneshot(text.as_bytes())
}

/// Bodies this run knows to be stored: inserted by a batch it placed, or found in the archive
/// as exact copies. A body copied again batches later need not be compressed again; in a
/// night, a quarter of the articles are exact copies, most of them of bodies first seen in
/// an earlier batch.
///
/// Kept by the first 8 bytes of the SHA-256, so it stays small (~16 bytes a body). A false
/// "stored" costs nothing but a compression on the matcher's thread: a first record that
/// turns out new without a frame is compressed there (`matching::place`).
#[derive(Default)]
pub struct StoredBodies(std::sync::Mutex<rustc_hash::FxHashSet<u64>>);

impl StoredBodies {
    fn key(sha256: &[u8; 32]) -> u64 {
        let mut prefix = [0u8; 8];
        prefix.copy_from_slice(&sha256[..8]);
        u64::from_le_bytes(prefix)
    }

    fn set(&self) -> std::sync::MutexGuard<'_, rustc_hash::FxHashSet<u64>> {
        // The set is only ever extended: one a panicking thread left is still sound.
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Remember these bodies as stored.
    pub fn add<'a>(&self, sha256s: impl IntoIterator<Item = &'a [u8; 32]>) {
        self.set().extend(sha256s.into_iter().map(Self::key));
    }

    /// The items whose body is not known to be stored, in order.
    pub fn unknown<T>(&self, items: Vec<T>, sha256: impl Fn(&T) -> &[u8; 32]) -> Vec<T> {
        let set = self.set();
        items
            .into_iter()
            .filter(|item| !set.contains(&Self::key(sha256(item))))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dictionary_is_trained_once_enough_bodies_are_seen_and_kept() {
        let bodies = codec::tests::sample_bodies(TRAINING_SAMPLES + 200);
        let texts = |range: std::ops::Range<usize>| bodies[range].iter().map(String::as_str);
        let fresh = Dictionaries::collecting(Vec::new());
        assert_eq!(fresh.for_batch(texts(0..600)), None, "too few yet");
        // Copies of bodies seen before are not samples again.
        assert_eq!(fresh.for_batch(texts(0..600)), None, "still 600");
        let trained = fresh.for_batch(texts(600..1_200)).expect("trained");
        assert_eq!(
            trained,
            Dictionary::train(&bodies[..TRAINING_SAMPLES]).expect("train"),
            "on the first bodies seen, in order"
        );
        assert_eq!(fresh.for_batch(texts(0..0)), Some(trained.clone()));
        // Stored bodies count: enough of them trains before the first batch is compressed.
        let seeded = Dictionaries::collecting(bodies[..TRAINING_SAMPLES].to_vec());
        assert_eq!(seeded.for_batch(texts(0..0)), Some(trained.clone()));
        // An archive's own dictionary is used as it is.
        let other = Dictionary::train(&bodies[200..]).expect("train");
        let kept = Dictionaries::using(other.clone());
        assert_eq!(kept.for_batch(texts(0..1_200)), Some(other));
    }

    #[test]
    fn stored_bodies_know_what_was_added_and_nothing_else() {
        let stored = StoredBodies::default();
        let (a, b) = ([1u8; 32], [2u8; 32]);
        assert_eq!(stored.unknown(vec![a, b], |x| x), [a, b]);
        stored.add([&a]);
        assert_eq!(stored.unknown(vec![a, b, a], |x| x), [b]);
    }
}
