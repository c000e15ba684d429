//! Plain data shared by every stage: what an article is before and after cleaning.
//!
//! Nothing here does I/O or knows about SQL, JSON or the command line; the types only carry data
//! between stages so each stage can be tested on its own.

use serde::Serialize;

/// Metadata split off an article: everything but the story text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The record's own id field, when the input has one.
    pub external_id: Option<String>,
    pub url: Option<String>,
    pub title: Option<String>,
    pub authors: Vec<String>,
    pub section: Option<String>,
    pub source: Option<String>,
    /// Publication time as the input gave it (not reinterpreted).
    pub published: Option<String>,
}

/// One piece of text taken out of an article, and the rule that took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Removal {
    pub rule: String,
    pub text: String,
}

impl Removal {
    pub fn new(rule: impl Into<String>, text: impl Into<String>) -> Self {
        Self {
            rule: rule.into(),
            text: text.into(),
        }
    }
}

/// Where a record came from: an input file (or stdin) and, for line formats, the line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Origin {
    pub path: String,
    /// 1-based line for JSONL records; `None` for one-article files.
    pub line: Option<u64>,
}

impl std::fmt::Display for Origin {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}", self.path, line),
            None => f.write_str(&self.path),
        }
    }
}

/// An article as parsed from its input: metadata split off, body still in paragraphs and not
/// yet cleaned by the rule pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedArticle {
    pub meta: Metadata,
    pub paragraphs: Vec<String>,
    /// A summary printed between title and byline (often the lede printed twice); never body.
    pub summary: Option<String>,
    /// What the parser itself took away (stamps, byline lines, header fields).
    pub removals: Vec<Removal>,
}

/// An article after normalization: the clean body ready to fingerprint and store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CleanArticle {
    pub meta: Metadata,
    /// Readable clean body: paragraphs joined by a blank line, original punctuation kept.
    pub text: String,
    pub removals: Vec<Removal>,
}

/// The fingerprints of one clean body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fingerprint {
    /// SHA-256 of the folded body: equal hashes mean exact copies.
    pub sha256: [u8; 32],
    /// 64-bit SimHash over word shingles of the folded body.
    pub simhash: u64,
}

/// How an article relates to its cluster's canonical article.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The cluster's canonical article.
    Original,
    /// Same body as the canonical after folding.
    Exact,
    /// A near copy of the canonical.
    Near,
    /// A trimmed copy, contained in the canonical.
    Contained,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Original => "original",
            Self::Exact => "exact",
            Self::Near => "near",
            Self::Contained => "contained",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Original, Self::Exact, Self::Near, Self::Contained]
            .into_iter()
            .find(|r| r.as_str() == s)
    }
}

/// An article as stored in the archive, with its cluster and clean body.
#[derive(Debug, Clone, PartialEq)]
pub struct ArchivedArticle {
    pub id: i64,
    pub origin: String,
    pub meta: Metadata,
    pub cluster_id: i64,
    pub canonical: bool,
    pub relation: Relation,
    pub similarity: f64,
    /// Number of articles in the cluster, this one included.
    pub copies: u64,
    pub text: String,
}
