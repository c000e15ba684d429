//! Planning: decide per input whether to read it, skip it, or resume it.
//!
//! An input's identity is its absolute path plus the BLAKE3 of its bytes (or, for inputs an
//! archive read before schema version 6, their SHA-256): the same file again
//! is skipped, a changed file at the same path is read again, and the same bytes at another
//! path are other copies (two outlets' files of one story). An input an earlier run left
//! incomplete resumes after its last committed record.
//!
//! Only inputs at paths the archive already knows are hashed here, before the run: they may be
//! skipped or resumed. An input at a new path is read whatever its hash, so the reader hashes
//! it just before reading it, while the workers are busy with the inputs before it (a nightly
//! dump is all new paths: hashing it up front kept one core idle for about a second per
//! 400 MB), and the hash is stored with the input's first committed records.

use super::{IngestConfig, IngestSummary, PipelineError, Progress, report};
use crate::ingest::RecordError;
use crate::ingest::discover::{ContentHashes, Input};
use crate::model::Origin;
use crate::store::{KnownPath, Store};
use rayon::prelude::*;
use std::collections::HashMap;

/// An input to read.
pub struct Planned {
    pub input: Input,
    pub input_id: i64,
    /// Records already committed by an earlier, interrupted run.
    pub skip: u64,
    /// Registered without its hash: the reader hashes it before reading it.
    pub hash_pending: bool,
}

pub fn plan(
    store: &mut Store,
    run_id: i64,
    inputs: Vec<Input>,
    config: &IngestConfig,
    progress: &dyn Progress,
    summary: &mut IngestSummary,
) -> Result<Vec<Planned>, PipelineError> {
    let known = store.knows_input_paths(inputs.iter().map(|input| input.key.as_str()))?;
    // Inputs in the order given, each with its hashes if its path is known.
    let hashed: Vec<(Input, Option<std::io::Result<ContentHashes>>)> = inputs
        .into_par_iter()
        .zip(known)
        .map(|(input, known)| {
            let hashes = match known {
                KnownPath::New => None,
                KnownPath::Known => Some(input.content_hashes(false)),
                KnownPath::KnownBySha256 => Some(input.content_hashes(true)),
            };
            (input, hashes)
        })
        .collect();
    let mut first_seen: HashMap<(String, Option<[u8; 32]>), String> =
        HashMap::with_capacity(hashed.len());
    let mut given_twice = |input: &Input, hash: Option<[u8; 32]>| {
        let identity = (input.key.clone(), hash);
        if let Some(earlier) = first_seen.get(&identity) {
            progress.note(&format!(
                "{}: given twice (as {earlier}); skipped",
                input.name
            ));
            return true;
        }
        first_seen.insert(identity, input.name.clone());
        false
    };
    let mut planned = Vec::new();
    let mut new = Vec::new();
    for (input, hash) in hashed {
        let hash = match hash {
            // A path given twice names one file: the same bytes, read once.
            None if given_twice(&input, None) => continue,
            None => {
                new.push((input, None));
                continue;
            }
            Some(Ok(hashes)) => hashes,
            Some(Err(e)) => {
                let origin = Origin {
                    path: input.name.clone(),
                    line: None,
                };
                summary.skipped +=
                    report(&[RecordError::new(origin, e.to_string())], config, progress)?;
                continue;
            }
        };
        if given_twice(&input, Some(hash.blake3)) {
            continue;
        }
        match store.input_state(&input.key, &hash)? {
            Some(state) if state.complete => {
                progress.note(&format!("{}: already ingested; skipped", input.name));
                summary.inputs_unchanged += 1;
            }
            Some(state) => {
                progress.note(&format!(
                    "{}: resuming after record {} of an interrupted run",
                    input.name, state.records_done
                ));
                summary.inputs_resumed += 1;
                planned.push(Planned {
                    input,
                    input_id: state.id,
                    skip: state.records_done,
                    hash_pending: false,
                });
            }
            None => new.push((input, Some(hash.blake3))),
        }
    }
    let rows: Vec<(Option<&[u8; 32]>, &str, u64)> = new
        .iter()
        .map(|(i, h)| (h.as_ref(), i.key.as_str(), i.size))
        .collect();
    let ids = store.add_inputs(run_id, &rows)?;
    planned.extend(
        new.into_iter()
            .zip(ids)
            .map(|((input, hash), input_id)| Planned {
                input,
                input_id,
                skip: 0,
                hash_pending: hash.is_none(),
            }),
    );
    Ok(planned)
}
