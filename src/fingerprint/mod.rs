//! Fingerprints of a clean body: SHA-256 for exact identity, SimHash, anchors for finding
//! near-copy candidates, and the [`Profile`] that verification compares.
//!
//! All are computed from the folded form only (see `normalize::fold`), so typography, case and
//! line wrapping never make two copies of a story look different. Word shingles are hashed with
//! xxh3 (one hash per word, mixed per shingle) rather than hashing each shingle's text: a shingle
//! of k words would otherwise rehash every word k times.
//!
//! Persisted: these values live in the archive, so any change to folding, tokenizing, shingle
//! width or hash functions must bump [`FINGERPRINT_VERSION`].

mod anchors;
mod profile;
mod simhash;

pub use anchors::{ANCHOR_BUCKETS, anchors};
pub use profile::{Numbers, Profile, Similarity};
pub use simhash::{hamming, simhash};

use crate::model::Fingerprint;
use crate::normalize::fold;
use sha2::{Digest, Sha256};
use twox_hash::XxHash3_64;

/// Version of fingerprint parameters, stored in the archive's `meta` table.
pub const FINGERPRINT_VERSION: &str = "fp2:fold1,words4,xxh3,simhash64,oph12";

/// Words per shingle.
pub const SHINGLE_WORDS: usize = 4;

/// Everything computed from one clean body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub fingerprint: Fingerprint,
    /// Index keys for near-copy candidates (see [`anchors`]).
    pub anchors: Vec<u32>,
    /// Shared: the matcher caches the profile of every new body without copying it.
    pub profile: std::sync::Arc<Profile>,
}

/// Fingerprint a clean body and profile it for verification.
pub fn analyze(clean_text: &str) -> Analysis {
    analyze_unless(clean_text, Form::Any, |_| false)
        .1
        .expect("a body not known is analyzed")
}

/// Whether a body handed to [`analyze_unless`] is known to be in NFKC.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// Straight from [`Normalizer::clean`](crate::normalize::Normalizer::clean), which leaves
    /// every body in NFKC (a property test holds it to that).
    Cleaned,
    /// From anywhere else: normalized before folding.
    Any,
}

/// [`analyze`] a clean body, unless `known` says its SHA-256 is of a body stored already:
/// then only its [`Identity`] is computed. Folding and hashing are the same either way; the
/// word and shingle hashes, the SimHash, the anchors and the profile are skipped.
pub fn analyze_unless(
    clean_text: &str,
    form: Form,
    known: impl FnOnce(&[u8; 32]) -> bool,
) -> (Identity, Option<Analysis>) {
    with_scratch(|scratch| {
        scratch.folded.clear();
        match form {
            Form::Cleaned => fold::fold_nfkc_into(clean_text, &mut scratch.folded),
            Form::Any => fold::fold_into(clean_text, &mut scratch.folded),
        }
        let Scratch {
            folded,
            words: word_hashes,
            shingles,
            masks,
        } = scratch;
        let sha256: [u8; 32] = Sha256::digest(folded.as_bytes()).into();
        if known(&sha256) {
            let mut words = 0u32;
            for_each_word(folded, masks, |_| words = words.saturating_add(1));
            return (Identity { sha256, words }, None);
        }
        shingles.clear();
        let words = shingles_into(folded, word_hashes, masks, shingles);
        let analysis = Analysis {
            fingerprint: Fingerprint {
                sha256,
                simhash: simhash(shingles),
            },
            anchors: anchors(shingles),
            profile: std::sync::Arc::new(Profile::new(folded, shingles, words)),
        };
        (analysis.identity(), Some(analysis))
    })
}

/// What identifies a clean body: enough to place an exact copy of a stored body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Identity {
    /// As in [`Fingerprint::sha256`].
    pub sha256: [u8; 32],
    /// Words in the body, as in [`Profile::words`].
    pub words: u32,
}

impl Analysis {
    pub fn identity(&self) -> Identity {
        Identity {
            sha256: self.fingerprint.sha256,
            words: self.profile.words,
        }
    }
}

/// Profile a clean body for verification: [`analyze`]'s profile alone.
pub fn profile_of(clean_text: &str) -> Profile {
    with_shingles(clean_text, Profile::new)
}

/// Buffers a thread reuses for every body it folds and shingles. Fresh ones for each body
/// were four allocations of the body's size or more, each handed memory last written batches
/// earlier: a cache miss to take the block, and misses again to fill it.
#[derive(Default)]
struct Scratch {
    folded: String,
    /// Hashes of the words, then of the shingles.
    words: Vec<u64>,
    shingles: Vec<u64>,
    /// The word mask of [`for_each_word`].
    masks: Vec<u64>,
}

/// Capacity in bytes above which a thread's [`Scratch`] is given back after use, so one huge
/// article does not keep its buffers for the rest of the run.
const SCRATCH_KEEP_BYTES: usize = 1 << 20;

impl Scratch {
    fn bytes(&self) -> usize {
        self.folded.capacity()
            + 8 * (self.words.capacity() + self.shingles.capacity() + self.masks.capacity())
    }
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::default();
}

/// Fold a clean body and hash its shingles in this thread's buffers, then call `f` with the
/// folded text, the shingle hashes (in text order) and the number of words.
fn with_shingles<R>(clean_text: &str, f: impl FnOnce(&str, &[u64], u32) -> R) -> R {
    with_scratch(|scratch| {
        scratch.folded.clear();
        fold::fold_into(clean_text, &mut scratch.folded);
        scratch.shingles.clear();
        let words = shingles_into(
            &scratch.folded,
            &mut scratch.words,
            &mut scratch.masks,
            &mut scratch.shingles,
        );
        f(&scratch.folded, &scratch.shingles, words)
    })
}

/// Call `f` with this thread's [`Scratch`]; give its buffers back afterwards if they grew
/// past [`SCRATCH_KEEP_BYTES`].
fn with_scratch<R>(f: impl FnOnce(&mut Scratch) -> R) -> R {
    SCRATCH.with(|cell| {
        // A call from within `f` (none today) gets buffers of its own.
        let mut fresh = Scratch::default();
        let mut borrowed = cell.try_borrow_mut();
        let scratch = match borrowed.as_deref_mut() {
            Ok(s) => s,
            Err(_) => &mut fresh,
        };
        let result = f(scratch);
        if scratch.bytes() > SCRATCH_KEEP_BYTES {
            *scratch = Scratch::default();
        }
        result
    })
}

/// The fingerprints of a clean body.
pub fn fingerprint(clean_text: &str) -> Fingerprint {
    analyze(clean_text).fingerprint
}

/// The words of a folded text: maximal runs of alphanumeric characters.
pub fn words(folded: &str) -> Words<'_> {
    Words {
        text: folded,
        at: 0,
        ascii: folded.is_ascii(),
    }
}

/// Iterator over the words of a text (see [`words`]). ASCII bytes are classified on the byte;
/// other characters are decoded and asked `char::is_alphanumeric`.
pub struct Words<'a> {
    text: &'a str,
    at: usize,
    /// The whole text is ASCII: every byte is decided by the table.
    ascii: bool,
}

impl<'a> Words<'a> {
    /// The first byte at or after `i` whose character is (`want` = true) or is not
    /// alphanumeric, or the end. ASCII is decided by table; other characters are decoded.
    #[inline(always)]
    fn seek(&self, mut i: usize, want: bool) -> usize {
        let bytes = self.text.as_bytes();
        if self.ascii {
            return bytes[i.min(bytes.len())..]
                .iter()
                .position(|&b| ASCII_ALNUM[usize::from(b)] == want)
                .map_or(bytes.len(), |p| i + p);
        }
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii() {
                if ASCII_ALNUM[usize::from(b)] == want {
                    return i;
                }
                i += 1;
            } else {
                let Some(c) = self.text[i..].chars().next() else {
                    break;
                };
                if c.is_alphanumeric() == want {
                    return i;
                }
                i += c.len_utf8();
            }
        }
        bytes.len()
    }
}

/// `u8::is_ascii_alphanumeric` as a table.
static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.seek(self.at, true);
        if start >= self.text.len() {
            self.at = start;
            return None;
        }
        self.at = self.seek(start, false);
        Some(&self.text[start..self.at])
    }
}

/// Hashes of the overlapping [`SHINGLE_WORDS`]-word shingles of a folded text, appended to `out`.
/// A text shorter than one shingle yields a single shingle of all its words. Returns the number
/// of words.
pub fn shingle_hashes(folded: &str, out: &mut Vec<u64>) -> u32 {
    shingles_into(folded, &mut Vec::new(), &mut Vec::new(), out)
}

/// [`shingle_hashes`] with the word hashes and the word mask kept in buffers of the caller's.
fn shingles_into(
    folded: &str,
    word_hashes: &mut Vec<u64>,
    masks: &mut Vec<u64>,
    out: &mut Vec<u64>,
) -> u32 {
    word_hashes.clear();
    for_each_word(folded, masks, |w| {
        word_hashes.push(XxHash3_64::oneshot(w.as_bytes()))
    });
    if word_hashes.is_empty() {
        return 0;
    }
    let width = SHINGLE_WORDS.min(word_hashes.len());
    out.extend(word_hashes.windows(width).map(mix_shingle));
    u32::try_from(word_hashes.len()).unwrap_or(u32::MAX)
}

/// Call `visit` on each word of `text`, as [`words`] yields them, found without a branch per
/// byte: a bit mask of the bytes that belong to words is built 64 bytes at a time, and the
/// words are read off the mask's edges. Byte-by-byte scanning costs two mispredicted
/// branches a word, at each of its ends; this is most of the tokenizer's time on prose.
fn for_each_word<'a>(text: &'a str, masks: &mut Vec<u64>, mut visit: impl FnMut(&'a str)) {
    let bytes = text.as_bytes();
    masks.clear();
    masks.extend(bytes.chunks(64).map(|block| {
        let words = block.chunks_exact(8);
        let tail = words.remainder();
        let mask = words.enumerate().fold(0u64, |mask, (k, word)| {
            let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
            mask | (u64::from(ascii_alnum_bits(word)) << (8 * k))
        });
        let at = block.len() - tail.len();
        tail.iter().enumerate().fold(mask, |mask, (j, &b)| {
            mask | (u64::from(ASCII_ALNUM[usize::from(b)]) << (at + j))
        })
    }));
    if !text.is_ascii() {
        // Every byte of a letter or digit outside ASCII belongs to its word.
        for (at, c) in text.char_indices().filter(|(_, c)| !c.is_ascii()) {
            if c.is_alphanumeric() {
                for i in at..at + c.len_utf8() {
                    masks[i / 64] |= 1 << (i % 64);
                }
            }
        }
    }
    let mut start = None;
    for (k, &mask) in masks.iter().enumerate() {
        // Bits where a word starts (a set bit after a clear one) or ends (the reverse).
        let before = (mask << 1) | u64::from(start.is_some());
        let mut edges = mask ^ before;
        while edges != 0 {
            let at = 64 * k + edges.trailing_zeros() as usize;
            edges &= edges - 1;
            match start.take() {
                None => start = Some(at),
                Some(from) => visit(&text[from..at]),
            }
        }
    }
    if let Some(from) = start {
        visit(&text[from..]);
    }
}

/// [`ASCII_ALNUM`] of eight bytes at once (the first byte in the lowest bit), by arithmetic on
/// the word instead of eight table lookups shifted into place one by one: building the mask
/// was a fifth of the tokenizer's time.
#[inline(always)]
fn ascii_alnum_bits(word: u64) -> u8 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    // Sets the high bit of each byte of `x` (all below 0x80) that lies in `lo..=hi`: adding
    // `0x80 - lo` carries into it from `lo` up, adding `0x7f - hi` from above `hi` on, and
    // neither sum carries out of its byte.
    let within =
        |x: u64, lo: u64, hi: u64| (x + (0x80 - lo) * ONES) & !(x + (0x7f - hi) * ONES) & HIGH;
    let low = word & !HIGH;
    // Setting bit 5 maps capitals onto small letters and nothing else onto them.
    let alnum = (within(low, 0x30, 0x39) | within(low | (0x20 * ONES), 0x61, 0x7a)) & !word;
    // Gather the eight high bits into one byte: the multiplier moves byte i's bit to bit 56 + i
    // and everything else below bit 56 or past bit 63.
    ((alnum >> 7).wrapping_mul(0x0102_0408_1020_4080) >> 56) as u8
}

/// Order-sensitive mix of a shingle's word hashes.
fn mix_shingle(words: &[u64]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    words
        .iter()
        .fold(0u64, |h, &w| (h.rotate_left(23) ^ w).wrapping_mul(K))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_matches_a_known_vector() {
        // Folded "abc" is "abc"; SHA-256("abc") is the FIPS 180-2 test vector.
        let fp = fingerprint("ABC");
        let hex: String = fp.sha256.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(
            hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn typography_and_wrapping_do_not_change_fingerprints() {
        let a =
            fingerprint("\u{201C}It\u{2019}s over,\u{201D} she said.\n\nThe End \u{2014} really.");
        let b = fingerprint("\"It's over,\" she said. The end -- really.");
        assert_eq!(a, b);
    }

    #[test]
    fn reused_buffers_leave_no_trace_between_bodies() {
        let short = "The ferry schedule changed on Monday after months of complaints.";
        let long = "Crews worked through the night to clear the storm drains. ".repeat(40);
        let huge: String = (0..150_000).map(|i| format!("word{i} ")).collect();
        assert!(huge.len() > SCRATCH_KEEP_BYTES);
        let fresh = |text: String| {
            std::thread::spawn(move || (analyze(&text), profile_of(&text)))
                .join()
                .expect("thread")
        };
        let (short_alone, long_alone) = (fresh(short.to_string()), fresh(long.clone()));
        // One thread, bodies of every size in turn: each comes out as on a thread of its own.
        for text in [long.as_str(), short, huge.as_str(), short, long.as_str()] {
            let got = (analyze(text), profile_of(text));
            if text == short {
                assert_eq!(got, short_alone);
            } else if text == long {
                assert_eq!(got, long_alone);
            } else {
                assert_eq!(got.1.words, 150_000);
            }
        }
    }

    #[test]
    fn a_known_body_is_identified_as_analyzing_it_would() {
        for text in [
            "The ferry schedule changed on Monday after months of complaints.",
            "Caf\u{e9} owners in Z\u{fc}rich \u{2014} 12 of them \u{2014} met na\u{ef}vely.",
            "short",
            "",
        ] {
            let (identity, analysis) = analyze_unless(text, Form::Any, |_| true);
            assert!(analysis.is_none());
            assert_eq!(identity, analyze(text).identity(), "{text}");
            let (identity, analysis) = analyze_unless(text, Form::Any, |_| false);
            assert_eq!(analysis, Some(analyze(text)));
            assert_eq!(identity, analyze(text).identity());
        }
    }

    #[test]
    fn different_words_change_the_sha() {
        assert_ne!(
            fingerprint("the bridge closed").sha256,
            fingerprint("the bridge opened").sha256
        );
    }

    #[test]
    fn shingles_are_order_sensitive_and_cover_short_texts() {
        let mut a = Vec::new();
        shingle_hashes("a b c d e", &mut a);
        assert_eq!(a.len(), 2);
        let mut b = Vec::new();
        shingle_hashes("b a c d e", &mut b);
        assert_ne!(a[0], b[0]);
        let mut short = Vec::new();
        shingle_hashes("two words", &mut short);
        assert_eq!(short.len(), 1);
        let mut none = Vec::new();
        shingle_hashes(" ... ", &mut none);
        assert!(none.is_empty());
    }

    #[test]
    fn words_split_on_everything_but_letters_and_digits() {
        let text = "it's 41.2% of the caf\u{e9}'s \u{2163}-x\u{301}y \u{fb01}";
        let reference: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        assert_eq!(words(text).collect::<Vec<_>>(), reference);
        assert_eq!(words("").count(), 0);
        assert_eq!(words(" -- ").count(), 0);
    }

    #[test]
    fn eight_bytes_at_once_classify_every_byte_as_the_table_does() {
        // Every byte value at every position, among neighbours of every kind.
        let fill = [
            0u8, b'a', b'Z', b'5', b' ', 0x7f, 0x80, 0xff, b'@', b'[', b'`', b'{',
        ];
        for b in 0..=255u8 {
            for at in 0..8 {
                for &f in &fill {
                    let mut bytes = [f; 8];
                    bytes[at] = b;
                    let expected = bytes.iter().enumerate().fold(0u8, |m, (j, &x)| {
                        m | (u8::from(ASCII_ALNUM[usize::from(x)]) << j)
                    });
                    assert_eq!(
                        ascii_alnum_bits(u64::from_le_bytes(bytes)),
                        expected,
                        "{bytes:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// The mask scan finds the words the iterator does, across 64-byte blocks and in and
        /// out of ASCII.
        #[test]
        fn the_word_mask_finds_the_words_of_the_iterator(
            text in "([a-z0-9]{0,9}[ .,'\u{e9}\u{2014}\u{fb01}\u{301}\u{2163}\u{1F600}]{0,3}){0,60}"
        ) {
            let mut found = Vec::new();
            for_each_word(&text, &mut Vec::new(), |w| found.push(w));
            proptest::prop_assert_eq!(found, words(&text).collect::<Vec<_>>());
        }
    }

    #[test]
    fn fingerprints_are_stable_across_releases() {
        // A change here means archives need re-fingerprinting: bump FINGERPRINT_VERSION.
        let fp = fingerprint("The council voted on Tuesday to close the Elm Street bridge.");
        assert_eq!(
            fp.simhash, STABLE_SIMHASH,
            "simhash was {:#018x}",
            fp.simhash
        );
    }

    const STABLE_SIMHASH: u64 = 0xd035_69a4_d47c_e09c;
}
