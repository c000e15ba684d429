//! Planning: decide per input whether to read it, skip it, or resume it.
//!
//! An input's identity is its absolute path plus the SHA-256 of its bytes: the same file again
//! is skipped, a changed file at the same path is read again, and the same bytes at another
//! path are other copies (two outlets' files of one story). An input an earlier run left
//! incomplete resumes after its last committed record.

use super::{IngestConfig, IngestSummary, PipelineError, Progress, report};
use crate::ingest::RecordError;
use crate::ingest::discover::Input;
use crate::model::Origin;
use crate::store::Store;
use rayon::prelude::*;
use std::collections::HashMap;

/// An input to read.
pub struct Planned {
    pub input: Input,
    pub input_id: i64,
    /// Records already committed by an earlier, interrupted run.
    pub skip: u64,
}

pub fn plan(
    store: &mut Store,
    run_id: i64,
    inputs: Vec<Input>,
    config: &IngestConfig,
    progress: &dyn Progress,
    summary: &mut IngestSummary,
) -> Result<Vec<Planned>, PipelineError> {
    let hashed: Vec<(Input, std::io::Result<[u8; 32]>)> = inputs
        .into_par_iter()
        .map(|input| {
            let hash = input.content_hash();
            (input, hash)
        })
        .collect();
    let mut first_seen: HashMap<(String, [u8; 32]), String> = HashMap::new();
    let mut planned = Vec::new();
    let mut new = Vec::new();
    for (input, hash) in hashed {
        let hash = match hash {
            Ok(h) => h,
            Err(e) => {
                let origin = Origin {
                    path: input.name.clone(),
                    line: None,
                };
                summary.skipped +=
                    report(&[RecordError::new(origin, e.to_string())], config, progress)?;
                continue;
            }
        };
        let identity = (input.key.clone(), hash);
        if let Some(earlier) = first_seen.get(&identity) {
            progress.note(&format!(
                "{}: given twice (as {earlier}); skipped",
                input.name
            ));
            continue;
        }
        first_seen.insert(identity, input.name.clone());
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
                });
            }
            None => new.push((input, hash)),
        }
    }
    let rows: Vec<(&[u8; 32], &str, u64)> = new
        .iter()
        .map(|(i, h)| (h, i.key.as_str(), i.size))
        .collect();
    let ids = store.add_inputs(run_id, &rows)?;
    planned.extend(
        new.into_iter()
            .zip(ids)
            .map(|((input, _), input_id)| Planned {
                input,
                input_id,
                skip: 0,
            }),
    );
    Ok(planned)
}
