//! One JSONL record as raw bytes: `parse_record(Format::Jsonl)` (UTF-8 and NUL checks, then
//! serde_json and field mapping) → `Normalizer::clean` → `fingerprint::analyze` on success.
//!
//! Errors are expected for most inputs; panics never are.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdedup::fingerprint::analyze;
use newsdedup::ingest::{FieldMap, Format, RawRecord, parse_record};
use newsdedup::model::Origin;
use newsdedup::normalize::Normalizer;
use std::sync::LazyLock;

static NORMALIZER: LazyLock<Normalizer> = LazyLock::new(Normalizer::builtin);
static FIELDS: LazyLock<FieldMap> = LazyLock::new(FieldMap::default);

fuzz_target!(|data: &[u8]| {
    let record = RawRecord {
        origin: Origin {
            path: "fuzz".into(),
            line: Some(1),
        },
        format: Format::Jsonl,
        bytes: data.to_vec(),
    };
    match parse_record(&record, &FIELDS) {
        Ok(parsed) => {
            let clean = NORMALIZER.clean(parsed);
            let _ = analyze(&clean.text);
        }
        Err(err) => {
            // The error names its record.
            assert_eq!(err.origin, record.origin);
            let _ = err.to_string();
        }
    }
});
