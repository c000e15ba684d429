//! newsdedup: deduplicate news article archives.
//!
//! Nightly article dumps (plain-text scrapes, JSONL crawler exports, compressed or not) are read,
//! stripped of outlet boilerplate, fingerprinted and matched against the whole archive, which lives
//! in one SQLite file. Every copy keeps its own metadata and provenance; each distinct clean body is
//! stored once, zstd-compressed.
//!
//! # Crate map
//! Data flows one way (see `pipeline`), and imports point upstream only:
//! `cli → pipeline → {ingest, normalize, fingerprint, index, matcher, store, export, eval} → model`.
//!
//! | module          | job                                                                 |
//! |-----------------|---------------------------------------------------------------------|
//! | [`model`]       | the plain data types every stage shares                             |
//! | [`ingest`]      | find inputs, decompress, split into records, parse records          |
//! | [`normalize`]   | rule pack that strips boilerplate; text folding for fingerprints    |
//! | [`fingerprint`] | SHA-256, SimHash, anchors and verification profiles of a clean body |
//! | [`index`]       | in-memory anchor index: near-copy candidates                        |
//! | [`matcher`]     | exact → candidates → verify; canonical policy; explanations         |
//! | [`store`]       | the only code that knows SQL and zstd                               |
//! | [`export`]      | writes the cleaned dataset (the §7 export contract)                 |
//! | [`eval`]        | pairwise precision/recall of clusters against gold labels           |
//! | [`pipeline`]    | wires the stages, batches, threads and transactions                 |
//! | `threads`       | work on threads of its own, the caller doing its share              |
//!
//! The `newsdedup` binary adds `cli` on top (clap, indicatif, anyhow live only there).
//!
//! # Glossary
//! - **article**: one record of input: metadata plus a body. Every article is kept.
//! - **body**: an article's story text after boilerplate is stripped (the *clean body*).
//!   Bodies equal after folding are stored once.
//! - **boilerplate**: text an outlet adds around a story: copyright lines, bylines, stamps,
//!   datelines, newsletter plugs. Removed by *rules*; each removal is recorded.
//! - **fold** / **folded form**: the fingerprint view of a body: NFKC, lower case, quotes and
//!   dashes unified, whitespace collapsed.
//! - **fingerprint**: what is computed from the folded form: SHA-256 (exact identity), SimHash,
//!   and **anchors** (a few MinHash keys that find near-copy candidates).
//! - **shingle**: a run of consecutive words, hashed; the unit SimHash and Jaccard work on.
//! - **copy**: an article whose body matches another article already in the archive: *exact*
//!   (same folded body), *near* (high shingle Jaccard) or *contained* (a trimmed copy).
//! - **cluster**: all copies of one story; a star around its **canonical** article.
//! - **origin**: where an article came from: a path, or `path:line` for a JSONL record.
//! - **input**: one file (or stdin) given to `ingest`, identified by its content hash.

pub mod eval;
pub mod export;
pub mod fingerprint;
pub mod index;
pub mod ingest;
pub mod matcher;
pub mod model;
pub mod normalize;
pub mod pipeline;
pub mod store;
mod threads;
