//! Plain-text article path: `parse_text` → `Normalizer::clean` → `fingerprint::analyze`.
//!
//! Any valid UTF-8 is a possible scraped article, so nothing here may panic. Non-UTF-8 inputs
//! are skipped (the reader rejects them before `parse_text` ever sees them; `jsonl_record`
//! covers that check through `parse_record`).
//!
//! Property, off by default: cleaning the clean text again (split into paragraphs, as a
//! body-only article) gives the same text. It does NOT hold in general (see README.md), so it
//! is only asserted when `NEWSDEDUP_FUZZ_IDEMPOTENT=1` is set, to hunt for counterexamples.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdedup::fingerprint::analyze;
use newsdedup::ingest::split_paragraphs;
use newsdedup::ingest::text::parse_text;
use newsdedup::model::{Metadata, ParsedArticle};
use newsdedup::normalize::Normalizer;
use std::sync::LazyLock;

static NORMALIZER: LazyLock<Normalizer> = LazyLock::new(Normalizer::builtin);
static ASSERT_IDEMPOTENT: LazyLock<bool> =
    LazyLock::new(|| std::env::var_os("NEWSDEDUP_FUZZ_IDEMPOTENT").is_some_and(|v| v == "1"));

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let parsed = parse_text(text);
    let clean = NORMALIZER.clean(parsed);
    let analysis = analyze(&clean.text);
    // Same body, same fingerprint: analysis is a pure function of the text.
    assert_eq!(analyze(&clean.text).fingerprint, analysis.fingerprint);

    // Always exercised (so a panic on the second pass is caught); only compared on request.
    let again = NORMALIZER.clean(ParsedArticle {
        meta: Metadata::default(),
        paragraphs: split_paragraphs(&clean.text),
        summary: None,
        removals: Vec::new(),
    });
    if *ASSERT_IDEMPOTENT {
        assert_eq!(
            again.text, clean.text,
            "cleaning the clean text again changed it; removals on 2nd pass: {:?}",
            again.removals
        );
    }
});
