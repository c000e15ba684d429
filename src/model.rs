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
    pub paragraphs: Paragraphs,
    /// A summary printed between title and byline (often the lede printed twice); never body.
    pub summary: Option<String>,
    /// What the parser itself took away (stamps, byline lines, header fields).
    pub removals: Vec<Removal>,
}

/// The paragraphs of a body, held in one buffer.
///
/// A body is split into some twenty paragraphs, and each `String` of its own was an allocation
/// when parsing and a free after cleaning; one buffer and a span per paragraph are two.
#[derive(Clone, Default)]
pub struct Paragraphs {
    text: String,
    /// Byte range of each paragraph in `text`, in order.
    spans: Vec<std::ops::Range<usize>>,
}

impl Paragraphs {
    /// Room for paragraphs of `bytes` bytes in all.
    pub fn with_capacity(bytes: usize) -> Self {
        Self {
            text: String::with_capacity(bytes),
            spans: Vec::new(),
        }
    }

    /// Append a paragraph.
    pub fn push(&mut self, paragraph: &str) {
        self.push_joined(std::iter::once(paragraph), "");
    }

    /// Append one paragraph made of `parts` with `separator` between them.
    pub fn push_joined<'a>(&mut self, parts: impl IntoIterator<Item = &'a str>, separator: &str) {
        let start = self.text.len();
        for (i, part) in parts.into_iter().enumerate() {
            if i > 0 {
                self.text.push_str(separator);
            }
            self.text.push_str(part);
        }
        self.spans.push(start..self.text.len());
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn get(&self, i: usize) -> Option<&str> {
        self.spans.get(i).map(|span| &self.text[span.clone()])
    }

    pub fn iter(&self) -> impl ExactSizeIterator<Item = &str> + Clone + '_ {
        self.spans.iter().map(|span| &self.text[span.clone()])
    }

    /// Bytes of all paragraphs together.
    pub fn text_len(&self) -> usize {
        self.spans.iter().map(|span| span.len()).sum()
    }

    /// Take the first `n` paragraphs (all if there are fewer) off the front.
    pub fn take_front(&mut self, n: usize) -> Vec<String> {
        let n = n.min(self.spans.len());
        let taken = self.iter().take(n).map(str::to_string).collect();
        self.spans.drain(..n);
        taken
    }
}

impl std::ops::Index<usize> for Paragraphs {
    type Output = str;

    fn index(&self, i: usize) -> &str {
        &self.text[self.spans[i].clone()]
    }
}

impl std::fmt::Debug for Paragraphs {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// Equal paragraphs, however the buffers hold them.
impl PartialEq for Paragraphs {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Paragraphs {}

impl<const N: usize> PartialEq<[&str; N]> for Paragraphs {
    fn eq(&self, other: &[&str; N]) -> bool {
        self.iter().eq(other.iter().copied())
    }
}

impl<S: AsRef<str>> FromIterator<S> for Paragraphs {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        let mut paragraphs = Self::default();
        for p in iter {
            paragraphs.push(p.as_ref());
        }
        paragraphs
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_hold_what_was_pushed_in_order() {
        let mut p = Paragraphs::with_capacity(64);
        p.push("Title");
        p.push_joined(["wrapped line one", "and two"], "\n");
        p.push("");
        p.push("Last.");
        assert_eq!(p.len(), 4);
        assert_eq!(p, ["Title", "wrapped line one\nand two", "", "Last."]);
        assert_eq!(&p[1], "wrapped line one\nand two");
        assert_eq!(p.get(3), Some("Last."));
        assert_eq!(p.get(4), None);
        assert_eq!(p.text_len(), 5 + 24 + 5);
        assert_eq!(
            format!("{p:?}"),
            r#"["Title", "wrapped line one\nand two", "", "Last."]"#
        );
    }

    #[test]
    fn paragraphs_taken_off_the_front_are_gone_and_equality_ignores_the_buffer() {
        let mut p: Paragraphs = ["Section", "Title", "Body one.", "Body two."]
            .into_iter()
            .collect();
        assert_eq!(p.take_front(2), ["Section", "Title"]);
        assert_eq!(p, ["Body one.", "Body two."]);
        assert_eq!(p.text_len(), 18);
        // The same paragraphs in a fresh buffer compare equal; others do not.
        let fresh: Paragraphs = ["Body one.", "Body two."].into_iter().collect();
        let fewer: Paragraphs = ["Body one."].into_iter().collect();
        assert_eq!(p, fresh);
        assert_ne!(p, fewer);
        assert_eq!(p.take_front(5).len(), 2);
        assert!(p.is_empty());
    }
}
