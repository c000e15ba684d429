//! The pure per-record work, run on the worker pool: parse, normalize, fingerprint.

use super::IngestConfig;
use super::read::Item;
use crate::fingerprint::{Analysis, analyze};
use crate::ingest::{RecordError, parse_record};
use crate::model::CleanArticle;
use crate::store::codec;
use rayon::prelude::*;
use std::collections::HashSet;

/// A record ready to match and store.
pub struct Prepared {
    pub input_id: i64,
    pub origin: String,
    pub raw_bytes: u64,
    pub clean: CleanArticle,
    pub analysis: Analysis,
    /// The clean body, zstd-compressed: set on the first record of a batch with this body
    /// (see [`compress_first_copies`]); only those can be new to the archive.
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
        frame: None,
    })
}

/// Compress the body of the first record of each distinct body in the batch, on the pool.
/// Later records with the same body are exact copies of it and need no frame.
pub fn compress_first_copies(
    prepared: &mut [Result<Prepared, RecordError>],
) -> std::io::Result<()> {
    let mut seen = HashSet::new();
    let firsts: Vec<&mut Prepared> = prepared
        .iter_mut()
        .filter_map(|p| p.as_mut().ok())
        .filter(|p| seen.insert(p.analysis.fingerprint.sha256))
        .collect();
    firsts.into_par_iter().try_for_each(|p| {
        p.frame = Some(codec::compress(&p.clean.text)?);
        Ok(())
    })
}
