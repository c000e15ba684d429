//! Normalization: turn a parsed article into a clean body by stripping outlet boilerplate.
//!
//! The rule pack ([`rules`]) plus the user's rules file ([`user`]) are compiled once into a
//! [`Normalizer`], which is pure and shared by all worker threads. Every removal is recorded with
//! the rule id that made it, so `show` and `explain` can say what was stripped and why.
//!
//! Rules look at one paragraph at a time. Rejected alternative: rules over the whole text with
//! multi-line regexes — slower by an order of magnitude and far harder to keep from eating story
//! text that happens to sit next to boilerplate.

pub mod fold;
mod memo;
pub mod rules;
pub mod user;

use crate::model::{CleanArticle, ParsedArticle, Removal};
use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, dfa::DFA};
use regex::Regex;
use rules::{Action, BUILTIN_RULES, LEAD_PARAGRAPHS, Scope, Within};
use std::borrow::Cow;
pub use user::UserRules;

/// Rule id credited when a paragraph repeats the one before it (the lede printed twice).
pub const REPEATED_LEDE: &str = "repeated-lede";
/// Rule id credited for a summary paragraph that is not a copy of the lede.
pub const SUMMARY: &str = "summary";
/// Rule id credited when the body opens by repeating the title.
pub const REPEATED_TITLE: &str = "repeated-title";
/// Longest paragraph taken as the name line after a lone "By" line (bytes).
const MAX_BYLINE_NAME_BYTES: usize = 100;
/// Rounds of prefix stripping per paragraph, at most (each round may uncover another prefix).
const MAX_PREFIX_PASSES: usize = 4;

/// A rules file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("rule `{id}`: invalid pattern: {source}")]
    BadPattern {
        id: String,
        #[source]
        source: regex::Error,
    },
    #[error("cannot disable unknown rule `{0}` (built-in rules: {1})")]
    UnknownRule(String, String),
    #[error("rule id `{0}` is used twice")]
    DuplicateId(String),
}

/// Which rules may match a paragraph, by rule index (see [`Normalizer::candidates`]); on the
/// stack for any rule set of up to 32 rules.
type Candidates = smallvec::SmallVec<[bool; 32]>;

/// One compiled rule.
#[derive(Debug, Clone)]
struct Rule {
    id: String,
    action: Action,
    scope: Scope,
    max_bytes: usize,
    needles: &'static [&'static str],
    within: Within,
    regex: Regex,
}

/// The compiled rule set; cheap to share across threads.
#[derive(Debug, Clone)]
pub struct Normalizer {
    rules: Vec<Rule>,
    /// Every rule's needles in one automaton (ASCII case-insensitive), so a paragraph is
    /// scanned once for all of them; pattern `i` belongs to rule `needle_rule[i]`. Walked
    /// byte by byte here ([`Normalizer::candidates`]) rather than through
    /// `AhoCorasick::find_overlapping_iter`: short needles (`ad`, `get`, `:`) match every few
    /// bytes, and the iterator returns to its caller for every match, through the
    /// automaton's dynamic dispatch, where the walk sets a flag and goes on.
    needles: DFA,
    needle_rule: Vec<usize>,
    /// Rules whose needles may sit anywhere in a paragraph and hold no ASCII letter (the two
    /// datelines: `(` and the dashes), each with a substring searcher per needle. They are
    /// looked for apart from the automaton, with memchr's vector search, so that the lead
    /// paragraphs, where these rules apply, are walked by the automaton only in the other
    /// rules' windows rather than whole.
    anywhere: Vec<(usize, Vec<memchr::memmem::Finder<'static>>)>,
    /// Some automaton rule in the lead may match anywhere: lead paragraphs are walked whole.
    lead_scanned_whole: bool,
    /// [`Normalizer::window`] in the lead and after it, by paragraph length: each distinct
    /// length limit of the automaton's rules, ascending, with the window of the rules whose
    /// limit is that or longer.
    windows: [Vec<(usize, Within)>; 2],
    /// The longest paragraph any drop rule looks at: in the lead, and after it.
    longest_droppable: [usize; 2],
    /// Tells this rule set's remembered drop decisions from another's ([`memo`]).
    id: u64,
}

impl Normalizer {
    /// The built-in rule pack alone.
    pub fn builtin() -> Self {
        Self::new(&UserRules::default()).expect("built-in rules compile (checked by tests)")
    }

    /// The built-in pack, minus the user's disabled rules, plus the user's own rules.
    pub fn new(user: &UserRules) -> Result<Self, RuleError> {
        let known: Vec<&str> = BUILTIN_RULES.iter().map(|r| r.id).collect();
        if let Some(unknown) = user.disable.iter().find(|id| !known.contains(&id.as_str())) {
            return Err(RuleError::UnknownRule(unknown.clone(), known.join(", ")));
        }
        let builtin = BUILTIN_RULES
            .iter()
            .filter(|spec| !user.disable.iter().any(|d| d == spec.id))
            .map(|spec| {
                (
                    spec.id,
                    spec.action,
                    spec.scope,
                    spec.max_bytes,
                    spec.pattern,
                    spec.needles,
                    spec.within,
                )
            });
        let custom = user.rules.iter().map(|r| {
            (
                r.id.as_str(),
                r.action,
                r.scope,
                r.max_bytes,
                r.pattern.as_str(),
                &[][..],
                Within::ANYWHERE,
            )
        });
        let mut rules: Vec<Rule> = Vec::new();
        for (id, action, scope, max_bytes, pattern, needles, within) in builtin.chain(custom) {
            if rules.iter().any(|r| r.id == id) {
                return Err(RuleError::DuplicateId(id.to_string()));
            }
            let regex = Regex::new(pattern).map_err(|source| RuleError::BadPattern {
                id: id.to_string(),
                source,
            })?;
            rules.push(Rule {
                id: id.to_string(),
                action,
                scope,
                max_bytes,
                needles,
                within,
                regex,
            });
        }
        let apart: Vec<bool> = rules
            .iter()
            .map(|r| {
                r.within == Within::ANYWHERE
                    && !r.needles.is_empty()
                    && r.needles
                        .iter()
                        .all(|n| !n.bytes().any(|b| b.is_ascii_alphabetic()))
            })
            .collect();
        let anywhere = rules
            .iter()
            .enumerate()
            .filter(|&(i, _)| apart[i])
            .map(|(i, r)| {
                let finders = r
                    .needles
                    .iter()
                    .map(|n| memchr::memmem::Finder::new(n).into_owned())
                    .collect();
                (i, finders)
            })
            .collect();
        let lead_scanned_whole = rules
            .iter()
            .zip(&apart)
            .any(|(r, &apart)| !apart && !r.needles.is_empty() && r.within == Within::ANYWHERE);
        let windows = [true, false].map(|lead| {
            // The rules the automaton walks for, in scope.
            let walked = || {
                rules.iter().zip(&apart).filter_map(move |(r, &apart)| {
                    (!apart && !r.needles.is_empty() && (lead || r.scope == Scope::Any))
                        .then_some(r)
                })
            };
            let mut limits: Vec<usize> = walked().map(|r| r.max_bytes).collect();
            limits.sort_unstable();
            limits.dedup();
            limits
                .into_iter()
                .map(|limit| {
                    let window = walked().filter(|r| r.max_bytes >= limit).fold(
                        Within { head: 0, tail: 0 },
                        |w, r| Within {
                            head: w.head.max(r.within.head),
                            tail: w.tail.max(r.within.tail),
                        },
                    );
                    (limit, window)
                })
                .collect()
        });
        let (needle_rule, patterns): (Vec<usize>, Vec<&str>) = rules
            .iter()
            .enumerate()
            .filter(|&(i, _)| !apart[i])
            .flat_map(|(i, r)| r.needles.iter().map(move |n| (i, *n)))
            .unzip();
        let needles = DFA::builder()
            .ascii_case_insensitive(true)
            .prefilter(false)
            .build(patterns)
            .expect("built-in needles are plain strings");
        let longest = |lead: bool| {
            rules
                .iter()
                .filter(|r| r.action == Action::Drop && (lead || r.scope != Scope::Lead))
                .map(|r| r.max_bytes)
                .max()
                .unwrap_or(0)
        };
        let longest_droppable = [longest(true), longest(false)];
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Ok(Self {
            rules,
            needles,
            needle_rule,
            anywhere,
            lead_scanned_whole,
            windows,
            longest_droppable,
            id: NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        })
    }

    /// Which rules may match `para` (at `position` in the body): those without needles, and
    /// those with a needle in it, where their patterns keep it ([`Within`]). Rules out of
    /// scope at `position`, or whose length limit `para` exceeds, may come out either way:
    /// the caller checks scope and length itself.
    fn candidates(&self, para: &str, position: usize) -> Candidates {
        let mut may = self
            .rules
            .iter()
            .map(|r| r.needles.is_empty())
            .collect::<Candidates>();
        // The automaton ignores ASCII case by itself; the two other characters `(?i)` folds to
        // ASCII letters are mapped first when the paragraph has them (see
        // `rules::needle_form`), which real text almost never does. Mapping them moves byte
        // offsets, so such a paragraph is scanned whole.
        let (form, window) = if rules::has_ascii_foldable(para) {
            (
                std::borrow::Cow::Owned(rules::needle_form(para)),
                Within::ANYWHERE,
            )
        } else {
            (
                std::borrow::Cow::Borrowed(para),
                self.window(para, position),
            )
        };
        let bytes = form.as_bytes();
        let mut spans = spans(&form, window);
        match (spans.next(), spans.next()) {
            (Some(head), Some(tail)) => self.walk(&bytes[head], &bytes[tail], &mut may),
            (Some(whole), None) => self.walk(&bytes[whole], &[], &mut may),
            _ => {}
        }
        for (rule, finders) in &self.anywhere {
            let in_scope = position < LEAD_PARAGRAPHS || self.rules[*rule].scope == Scope::Any;
            if in_scope && !may[*rule] {
                may[*rule] = finders.iter().any(|f| f.find(form.as_bytes()).is_some());
            }
        }
        may
    }

    /// Walk the needle automaton over `first` and `second` (two spans of one paragraph) and
    /// mark the rules of every needle found. Every occurrence of every needle counts,
    /// overlapping ones included: the walk visits a match state at each byte where needles
    /// end, and that state lists them all. A step is a table lookup that waits on the one
    /// before it, so the two spans are walked side by side, each step of one overlapping the
    /// other's.
    fn walk(&self, first: &[u8], second: &[u8], may: &mut [bool]) {
        let start = self
            .needles
            .start_state(Anchored::No)
            .expect("the needle automaton is built for unanchored searches");
        let mark = |state, may: &mut [bool]| {
            for i in 0..self.needles.match_len(state) {
                let needle = self.needles.match_pattern(state, i);
                may[self.needle_rule[needle.as_usize()]] = true;
            }
        };
        let both = first.len().min(second.len());
        let (mut one, mut two) = (start, start);
        for (&a, &b) in first[..both].iter().zip(&second[..both]) {
            one = self.needles.next_state(Anchored::No, one, a);
            two = self.needles.next_state(Anchored::No, two, b);
            if self.needles.is_match(one) {
                mark(one, may);
            }
            if self.needles.is_match(two) {
                mark(two, may);
            }
        }
        let (mut state, rest) = if first.len() > both {
            (one, &first[both..])
        } else {
            (two, &second[both..])
        };
        for &byte in rest {
            state = self.needles.next_state(Anchored::No, state, byte);
            if self.needles.is_match(state) {
                mark(state, may);
            }
        }
    }

    /// Where the automaton's rules that may look at `para` (at `position`) keep their needles:
    /// only where the rules in scope and long enough for it keep theirs (lead paragraphs
    /// whole if one of those may keep them anywhere).
    fn window(&self, para: &str, position: usize) -> Within {
        let lead = position < LEAD_PARAGRAPHS;
        if lead && self.lead_scanned_whole {
            return Within::ANYWHERE;
        }
        self.windows[usize::from(!lead)]
            .iter()
            .find(|&&(max_bytes, _)| para.len() <= max_bytes)
            .map_or(Within { head: 0, tail: 0 }, |&(_, window)| window)
    }

    /// Strip boilerplate from a parsed article and produce its clean body.
    pub fn clean(&self, parsed: ParsedArticle) -> CleanArticle {
        let ParsedArticle {
            meta,
            paragraphs,
            summary,
            mut removals,
        } = parsed;
        // Kept paragraphs go straight into the body, a blank line apart; the first and the
        // last kept are where the repeat checks look.
        let mut text = String::with_capacity(paragraphs.text_len() + 2 * paragraphs.len());
        let (mut kept, mut first, mut last) = (0, 0..0, 0..0);
        let mut after_by_marker = false;
        for raw in paragraphs.iter() {
            let mut para = fold::clean_paragraph_cow(raw);
            if para.is_empty() {
                continue;
            }
            if std::mem::take(&mut after_by_marker) && is_name_line(&para) {
                removals.push(Removal::new("byline", para));
                continue;
            }
            if let Some(rule) = self.apply_rules(&mut para, kept, &mut removals) {
                after_by_marker = rule == "byline-marker";
                continue;
            }
            if para.is_empty() {
                continue;
            }
            let repeats =
                kept > 0 && kept < LEAD_PARAGRAPHS && same_text(&text[last.clone()], &para);
            let repeats_title =
                kept == 0 && meta.title.as_deref().is_some_and(|t| same_text(t, &para));
            if repeats || repeats_title {
                let rule = if repeats {
                    REPEATED_LEDE
                } else {
                    REPEATED_TITLE
                };
                removals.push(Removal::new(rule, para));
                continue;
            }
            if kept > 0 {
                text.push_str("\n\n");
            }
            last = text.len()..text.len() + para.len();
            text.push_str(&para);
            if kept == 0 {
                first = last.clone();
            }
            kept += 1;
        }
        if let Some(summary) = summary {
            let summary = fold::clean_paragraph(&summary);
            let is_lede = kept > 0 && same_text(&text[first], &summary);
            removals.insert(
                0,
                Removal::new(if is_lede { REPEATED_LEDE } else { SUMMARY }, summary),
            );
        }
        CleanArticle {
            meta,
            text,
            removals,
        }
    }

    /// Apply every rule in scope to one paragraph: strip boilerplate prefixes (until none is
    /// left: a paragraph may carry two datelines), then drop it if a drop rule matches.
    /// Returns the id of the rule that dropped it, or `None` if it is kept.
    fn apply_rules<'a>(
        &'a self,
        para: &mut Cow<str>,
        position: usize,
        removals: &mut Vec<Removal>,
    ) -> Option<&'a str> {
        let in_scope = |rule: &Rule| !(rule.scope == Scope::Lead && position >= LEAD_PARAGRAPHS);
        // The needle scan of a prefix pass that stripped nothing still holds for the drop rules.
        let mut scanned = None;
        if position < LEAD_PARAGRAPHS {
            for _ in 0..MAX_PREFIX_PASSES {
                let before = para.len();
                let may = self.candidates(para, position);
                for (rule, _) in self
                    .rules
                    .iter()
                    .zip(&may)
                    .filter(|&(r, &may)| may && r.action == Action::StripPrefix && in_scope(r))
                {
                    if let Some(m) = rule
                        .regex
                        .find(para)
                        .filter(|m| m.start() == 0 && !m.is_empty())
                    {
                        removals.push(Removal::new(rule.id.clone(), m.as_str().trim_end()));
                        let end = m.end();
                        match para {
                            Cow::Borrowed(text) => *text = &text[end..],
                            Cow::Owned(text) => drop(text.drain(..end)),
                        }
                    }
                }
                if para.len() == before {
                    scanned = Some(may);
                    break;
                }
            }
        }
        if para.len() > self.longest_droppable[usize::from(position >= LEAD_PARAGRAPHS)] {
            return None;
        }
        let may = scanned.unwrap_or_else(|| self.candidates(para, position));
        let mut tried = self
            .rules
            .iter()
            .zip(&may)
            .enumerate()
            .filter(|&(_, (r, &may))| {
                may && r.action == Action::Drop && in_scope(r) && para.len() <= r.max_bytes
            });
        // Most paragraphs are decided here, by their needles, without a pattern.
        tried.clone().next()?;
        let lead = position < LEAD_PARAGRAPHS;
        let dropped = memo::dropped(self.id, lead, para, || {
            tried
                .find(|(_, (r, _))| r.regex.is_match(para))
                .map(|(i, _)| i)
        })?;
        let rule = &self.rules[dropped];
        removals.push(Removal::new(rule.id.clone(), std::mem::take(para)));
        Some(&rule.id)
    }
}

/// The byte ranges of `text` a [`Within`] covers: its first `head` and last `tail`
/// characters, or the whole text if those meet.
fn spans(text: &str, within: Within) -> impl Iterator<Item = std::ops::Range<usize>> {
    let len = text.len();
    let ascii = text.is_ascii();
    // Byte offset of the character `n` characters from the start (from the end: `back`).
    let offset = |n: usize, back: bool| {
        if ascii {
            return if back {
                len.saturating_sub(n)
            } else {
                n.min(len)
            };
        }
        if back {
            n.checked_sub(1)
                .and_then(|k| text.char_indices().rev().nth(k))
                .map_or(if n == 0 { len } else { 0 }, |(i, _)| i)
        } else {
            text.char_indices().nth(n).map_or(len, |(i, _)| i)
        }
    };
    let head_end = if within.head >= len {
        len
    } else {
        offset(within.head, false)
    };
    let tail_start = if within.tail >= len {
        0
    } else {
        offset(within.tail, true)
    };
    let parts = if head_end >= tail_start {
        [Some(0..len), None]
    } else {
        [Some(0..head_end), Some(tail_start..len)]
    };
    parts.into_iter().flatten().filter(|r| !r.is_empty())
}

/// Equal once folded (case, quotes, dashes, spacing).
fn same_text(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Folding keeps ASCII words and only lowers their case: ASCII paragraphs whose first
    // words differ cannot fold to the same text.
    if a.is_ascii() && b.is_ascii() {
        let first = |t| crate::fingerprint::words(t).next().unwrap_or("");
        if !first(a).eq_ignore_ascii_case(first(b)) {
            return false;
        }
    }
    fold::fold(a) == fold::fold(b)
}

/// The name line that follows a lone "By": short, and not a sentence.
fn is_name_line(para: &str) -> bool {
    para.len() <= MAX_BYLINE_NAME_BYTES
        && para.chars().next().is_some_and(char::is_uppercase)
        && !para.ends_with(['.', '!', '?', '"', '\u{201D}'])
}

#[cfg(test)]
mod tests;
