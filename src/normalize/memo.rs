//! What the drop rules decided for paragraphs seen recently on this thread.
//!
//! Boilerplate is the text that repeats: the same copyright line, wire credit or newsletter
//! plug closes thousands of articles from one outlet. Deciding such a paragraph again costs a
//! regex call, and regex calls are costly here out of all proportion to their work: by the
//! time a worker gets back to a rule, the article's other stages have pushed the rule's
//! automaton out of the CPU caches, and a call that takes 0.3 µs in a loop took 4–20 µs in
//! ingest. Looking the paragraph up costs a hash and a comparison.
//!
//! The decision is a function of the paragraph's text, whether it is in the lead, and the
//! rule set, so a hit gives exactly the answer the rules would. Entries belong to one
//! [`Normalizer`](super::Normalizer) (by id): a thread that switches rule sets starts over.

use std::cell::RefCell;
use twox_hash::XxHash3_64;

/// Slots per thread, direct-mapped by hash: a paragraph displaces whatever shared its slot.
const SLOTS: usize = 4096;

/// Paragraphs longer than this are not kept: drop rules look at short paragraphs, and the
/// slots stay small.
pub const MAX_REMEMBERED_BYTES: usize = 512;

struct Slot {
    lead: bool,
    text: Box<str>,
    /// Index of the rule that drops the paragraph, if one does.
    dropped: Option<usize>,
}

struct Memo {
    owner: u64,
    slots: Vec<Option<Slot>>,
}

thread_local! {
    static MEMO: RefCell<Memo> = const {
        RefCell::new(Memo {
            owner: 0,
            slots: Vec::new(),
        })
    };
}

/// The drop decision for `para` (in the lead or not) under rule set `owner`: remembered, or
/// made by `decide` (which runs patterns: the caller asks only then) and remembered.
pub fn dropped(
    owner: u64,
    lead: bool,
    para: &str,
    decide: impl FnOnce() -> Option<usize>,
) -> Option<usize> {
    if para.len() > MAX_REMEMBERED_BYTES {
        return decide();
    }
    let at = (XxHash3_64::oneshot(para.as_bytes()) as usize ^ usize::from(lead)) % SLOTS;
    let known = MEMO.with_borrow(|memo| {
        memo.slots
            .get(at)
            .and_then(Option::as_ref)
            .filter(|s| memo.owner == owner && s.lead == lead && *s.text == *para)
            .map(|s| s.dropped)
    });
    if let Some(dropped) = known {
        return dropped;
    }
    let dropped = decide();
    MEMO.with_borrow_mut(|memo| {
        if memo.owner != owner || memo.slots.is_empty() {
            memo.owner = owner;
            memo.slots.clear();
            memo.slots.resize_with(SLOTS, || None);
        }
        memo.slots[at] = Some(Slot {
            lead,
            text: para.into(),
            dropped,
        });
    });
    dropped
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    #[test]
    fn a_decision_is_made_once_per_paragraph_lead_and_owner() {
        let counter = Cell::new(0);
        let calls = &counter;
        let decide = |answer| {
            move || {
                calls.set(calls.get() + 1);
                answer
            }
        };
        assert_eq!(
            dropped(7, false, "Follow us on X.", decide(Some(3))),
            Some(3)
        );
        assert_eq!(dropped(7, false, "Follow us on X.", decide(None)), Some(3));
        assert_eq!(calls.get(), 1);
        // Another place, another text or another rule set is decided afresh.
        assert_eq!(dropped(7, true, "Follow us on X.", decide(None)), None);
        assert_eq!(dropped(7, false, "Follow us on Y.", decide(None)), None);
        assert_eq!(
            dropped(8, false, "Follow us on X.", decide(Some(1))),
            Some(1)
        );
        assert_eq!(calls.get(), 4);
        // A new owner cleared the old one's decisions.
        assert_eq!(dropped(7, false, "Follow us on X.", decide(None)), None);
        assert_eq!(calls.get(), 5);
    }

    #[test]
    fn long_paragraphs_are_not_kept() {
        let counter = Cell::new(0);
        let decide = || {
            counter.set(counter.get() + 1);
            None
        };
        let long = "x".repeat(MAX_REMEMBERED_BYTES + 1);
        dropped(9, false, &long, decide);
        dropped(9, false, &long, decide);
        assert_eq!(counter.get(), 2);
    }
}
