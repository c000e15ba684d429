//! Matching: decide, for each new article, which cluster it joins and how.
//!
//! Phases run cheap to expensive: exact body identity first (SHA-256 of the folded body, looked
//! up in this batch and then in the whole archive), then — for bodies never seen — near-copy
//! candidates and verification (the near-duplicate stage, not built yet: every unseen body
//! currently starts its own cluster with its article as canonical).
//!
//! Pure: the archive is reached only through the lookup the caller passes in, so the matcher
//! runs unchanged against SQLite, an in-memory map, or a test fixture.

use std::collections::HashMap;

/// Where an article's body was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExactMatch {
    /// Already archived: `(body_id, cluster_id)`.
    Archived { body_id: i64, cluster_id: i64 },
    /// First seen earlier in the same batch, at this index.
    EarlierInBatch(usize),
    /// Never seen: a new body.
    New,
}

/// Exact matching over one batch, in input order.
#[derive(Debug, Default)]
pub struct ExactMatcher {
    first_in_batch: HashMap<[u8; 32], usize>,
}

impl ExactMatcher {
    pub fn new() -> Self {
        Self::default()
    }

    /// Classify the body with hash `sha256`, the `index`-th article of the batch.
    /// `archived` looks a hash up in the archive as it was before this batch.
    pub fn classify<E>(
        &mut self,
        sha256: &[u8; 32],
        index: usize,
        archived: impl FnOnce(&[u8; 32]) -> Result<Option<(i64, i64)>, E>,
    ) -> Result<ExactMatch, E> {
        if let Some(&first) = self.first_in_batch.get(sha256) {
            return Ok(ExactMatch::EarlierInBatch(first));
        }
        if let Some((body_id, cluster_id)) = archived(sha256)? {
            return Ok(ExactMatch::Archived {
                body_id,
                cluster_id,
            });
        }
        self.first_in_batch.insert(*sha256, index);
        Ok(ExactMatch::New)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none(_: &[u8; 32]) -> Result<Option<(i64, i64)>, ()> {
        Ok(None)
    }

    #[test]
    fn first_sighting_is_new_and_repeats_point_back_to_it() {
        let mut m = ExactMatcher::new();
        assert_eq!(m.classify(&[1; 32], 0, none), Ok(ExactMatch::New));
        assert_eq!(m.classify(&[2; 32], 1, none), Ok(ExactMatch::New));
        assert_eq!(
            m.classify(&[1; 32], 2, none),
            Ok(ExactMatch::EarlierInBatch(0))
        );
    }

    #[test]
    fn archived_bodies_win_over_new() {
        let mut m = ExactMatcher::new();
        let found = m.classify(&[3; 32], 0, |_| Ok::<_, ()>(Some((7, 9))));
        assert_eq!(
            found,
            Ok(ExactMatch::Archived {
                body_id: 7,
                cluster_id: 9
            })
        );
    }

    #[test]
    fn lookup_errors_propagate() {
        let mut m = ExactMatcher::new();
        assert_eq!(
            m.classify(&[4; 32], 0, |_| Err::<Option<(i64, i64)>, _>("db")),
            Err("db")
        );
    }
}
