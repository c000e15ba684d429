//! Text folding: the readable clean form (per paragraph) and the folded fingerprint form.
//!
//! Two views of one body, on purpose: the stored text keeps the outlet's punctuation so people can
//! read it, while the folded form erases what affiliates change without changing the story
//! (Unicode compatibility forms, case, curly quotes, dash styles, line wrapping). Fingerprints are
//! only ever computed from the folded form.
//!
//! NFKC goes through `icu_normalizer`, which measured ~20× faster than `unicode-normalization`
//! with identical output; ASCII text (most of an English archive) skips it entirely.

use icu_normalizer::ComposingNormalizerBorrowed;

const NFKC: ComposingNormalizerBorrowed<'static> = ComposingNormalizerBorrowed::new_nfkc();

/// NFKC-normalize, borrowing when the text is already normalized (always true for ASCII).
pub fn nfkc(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() {
        std::borrow::Cow::Borrowed(text)
    } else {
        NFKC.normalize(text)
    }
}

/// Whitespace as `char::is_whitespace` sees it, for one ASCII byte (U+0009..U+000D, space).
const fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Collapse every whitespace run to one space and trim both ends.
pub fn collapse_whitespace(text: &str) -> String {
    if is_collapsed(text) {
        // Most scraped paragraphs already are: one byte scan and a copy.
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut word_start = 0;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let space_bytes = if !MAY_BE_SPACE[usize::from(b)] {
            0
        } else if b.is_ascii() {
            1
        } else {
            space_at(text, i)
        };
        if space_bytes == 0 {
            i += 1; // the next byte of a multi-byte character is never a space's first
            continue;
        }
        push_word(&mut out, &text[word_start..i]);
        i += space_bytes;
        word_start = i;
    }
    push_word(&mut out, &text[word_start..]);
    out
}

/// Append a word, after a space unless it is the first.
fn push_word(out: &mut String, word: &str) {
    if word.is_empty() {
        return;
    }
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(word);
}

/// Whether text has no whitespace but single spaces between words: no space at either end,
/// no two in a row, no other ASCII whitespace and no non-ASCII whitespace character.
///
/// Bytes are screened 32 at a time for two spaces in a row and for [`odd_space_byte`]s, with
/// tests the compiler turns into vector instructions; only a block holding an odd byte is looked
/// at byte by byte, and a character is decoded only where its first byte could start a
/// non-ASCII space. (A byte loop branching on every space mispredicted at every word, and a
/// substring search for two spaces stops at every space.)
fn is_collapsed(text: &str) -> bool {
    const BLOCK: usize = 32;
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    // Whether bytes `from..to` hold no odd byte and no space followed by a space.
    let exact = |from: usize, to: usize| {
        (from..to).all(|i| {
            let b = bytes[i];
            !(b == b' ' && bytes.get(i + 1) == Some(&b' '))
                && !(odd_space_byte(b) && (b.is_ascii() || space_at(text, i) > 0))
        })
    };
    let blocks = bytes.chunks_exact(BLOCK);
    let tail = blocks.remainder().len();
    for (k, block) in blocks.enumerate() {
        let block: &[u8; BLOCK] = block.try_into().expect("chunks_exact yields whole blocks");
        let (mut odd, mut doubled) = (0u8, 0u8);
        for &b in block {
            odd |= u8::from(odd_space_byte(b));
        }
        for j in 0..BLOCK - 1 {
            doubled |= u8::from(block[j] == b' ') & u8::from(block[j + 1] == b' ');
        }
        let at = k * BLOCK;
        let across = block[BLOCK - 1] == b' ' && bytes.get(at + BLOCK) == Some(&b' ');
        if doubled != 0 || across {
            return false; // two spaces in a row
        }
        if odd != 0 {
            // Curly quotes and dashes start with an odd byte (0xE2) and most blocks of such
            // text hold one: only the odd bytes are looked at, not the block byte by byte.
            let mut odd_at = 0u32;
            for (j, &b) in block.iter().enumerate() {
                odd_at |= u32::from(odd_space_byte(b)) << j;
            }
            while odd_at != 0 {
                let i = at + odd_at.trailing_zeros() as usize;
                if bytes[i].is_ascii() || space_at(text, i) > 0 {
                    return false;
                }
                odd_at &= odd_at - 1;
            }
        }
    }
    exact(bytes.len() - tail, bytes.len())
}

/// [`is_collapsed`] for ASCII text, eight bytes at a time. Most paragraphs are ASCII, and on
/// them the block screen above ran at about 1.4 GB/s, 3 % of an ingest's CPU; word arithmetic
/// is exact per byte here, so a word that passes is decided without a byte loop. A word with
/// a byte below 0x0E (`\t` to `\r`, or a control character) goes to [`is_collapsed`].
fn is_collapsed_ascii(text: &str) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    debug_assert!(text.is_ascii());
    let bytes = text.as_bytes();
    if bytes.first() == Some(&b' ') || bytes.last() == Some(&b' ') {
        return false;
    }
    let mut words = bytes.chunks_exact(8);
    // Whether the byte before the current word is a space.
    let mut after_space = false;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().expect("chunks_exact yields whole words"));
        // High bit of each byte below 0x0E: every byte of `x | HIGH` is at least 0x80, so the
        // subtraction never borrows from the next byte.
        let low = !((x | HIGH) - 0x0E * ONES) & HIGH;
        // High bit of each space: the zero bytes of `x ^ spaces`, without the borrows of the
        // usual zero-byte test (ASCII bytes plus 0x7F never carry into the next byte).
        let y = x ^ (u64::from(b' ') * ONES);
        let spaces = !(((y & LOW7) + LOW7) | y | LOW7);
        if low != 0 {
            return is_collapsed(text);
        }
        // Byte k+1 shifted onto byte k (little-endian): two spaces in a row.
        if spaces & (spaces >> 8) != 0 || (after_space && spaces & 0x80 != 0) {
            return false;
        }
        after_space = spaces >> 63 != 0;
    }
    let mut previous = after_space;
    for &b in words.remainder() {
        if b < 0x0E {
            return is_collapsed(text);
        }
        let space = b == b' ';
        if space && previous {
            return false;
        }
        previous = space;
    }
    true
}

/// A [`MAY_BE_SPACE`] byte other than the space itself, by arithmetic rather than by table
/// so that a block of them is tested at once.
const fn odd_space_byte(b: u8) -> bool {
    (b.wrapping_sub(b'\t') <= b'\r' - b'\t') | (b == 0xC2) | (b.wrapping_sub(0xE1) <= 2)
}

/// Bytes of the whitespace character starting at byte `i`, or 0 if none does. Matched on
/// the UTF-8 forms of the characters `char::is_whitespace` accepts rather than decoded: a
/// paragraph of curly quotes and dashes asks at each of them.
fn space_at(text: &str, i: usize) -> usize {
    match text.as_bytes()[i..] {
        [b' ' | b'\t'..=b'\r', ..] => 1,
        // U+0085, U+00A0
        [0xC2, 0x85 | 0xA0, ..] => 2,
        // U+1680; U+2000..U+200A, U+2028, U+2029, U+202F; U+205F; U+3000
        [0xE1, 0x9A, 0x80, ..]
        | [0xE2, 0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF, ..]
        | [0xE2, 0x81, 0x9F, ..]
        | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// Bytes that are ASCII whitespace or may start a non-ASCII whitespace character: U+0085 and
/// U+00A0 (0xC2), U+1680 (0xE1), U+2000..U+205F (0xE2), U+3000 (0xE3).
static MAY_BE_SPACE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = is_ascii_space(byte) || matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3);
        b += 1;
    }
    table
};

/// The readable clean form of one paragraph: NFKC, whitespace collapsed, punctuation kept.
pub fn clean_paragraph(text: &str) -> String {
    if text.is_ascii() {
        // Nothing to normalize and nothing invisible: ASCII is its own NFKC form.
        return collapse_whitespace(text);
    }
    // Zero-width and BOM characters are invisible noise in scraped text. They go before NFKC:
    // removed after, they could leave a combining mark that a second pass would compose.
    let visible: std::borrow::Cow<str> = if has_invisible(text) {
        std::borrow::Cow::Owned(text.chars().filter(|&c| !is_invisible(c)).collect())
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    collapse_whitespace(&nfkc(&visible))
}

/// [`clean_paragraph`], borrowing the paragraph when it is ASCII and already clean (most of
/// them) instead of copying it.
pub fn clean_paragraph_cow(text: &str) -> std::borrow::Cow<'_, str> {
    if text.is_ascii() && is_collapsed_ascii(text) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(clean_paragraph(text))
}

/// Whether text holds an [`is_invisible`] character. Each starts with byte 0xC2 (U+00AD),
/// 0xE2 (U+200B..U+2060) or 0xEF (U+FEFF); only characters starting so are decoded.
fn has_invisible(text: &str) -> bool {
    text.bytes().enumerate().any(|(i, b)| {
        matches!(b, 0xC2 | 0xE2 | 0xEF) && text[i..].chars().next().is_some_and(is_invisible)
    })
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

/// The folded fingerprint form of a whole body, appended to `out`.
///
/// Lower case, quotes and dashes unified, runs of dashes and all whitespace (paragraph breaks
/// included) collapsed to one character.
pub fn fold_into(text: &str, out: &mut String) {
    fold_nfkc_into(&nfkc(text), out);
}

/// [`fold_into`] for text already in NFKC, such as every body [`Normalizer::clean`] makes:
/// the same result without checking the normalization again (a pass over the whole body,
/// ~1 % of ingest CPU).
///
/// [`Normalizer::clean`]: super::Normalizer::clean
pub fn fold_nfkc_into(text: &str, out: &mut String) {
    debug_assert!(
        text.is_ascii() || NFKC.is_normalized(text),
        "fold_nfkc_into takes NFKC text"
    );
    let bytes = text.as_bytes();
    let from = out.len();
    out.reserve(text.len());
    let mut pending_space = false;
    let mut last = ' ';
    let mut i = 0;
    while i < bytes.len() {
        // Runs of plain ASCII, with single spaces between them, are copied whole; ASCII case is
        // lowered over the whole output at the end.
        let start = i;
        loop {
            while let Some(word) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(word.try_into().expect("eight bytes"));
                if !plain_word(word, i > start) {
                    break;
                }
                i += 8;
            }
            match bytes.get(i) {
                Some(&b) if PLAIN[usize::from(b)] => i += 1,
                Some(b' ')
                    if i > start && bytes.get(i + 1).is_some_and(|&n| PLAIN[usize::from(n)]) =>
                {
                    i += 2;
                }
                _ => break,
            }
        }
        if i > start {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push_str(&text[start..i]);
            last = char::from(bytes[i - 1]);
            continue;
        }
        // Other ASCII is decided on the byte; anything else is decoded and goes through the
        // full mapping.
        let b = bytes[i];
        let c = if b.is_ascii() {
            i += 1;
            if is_ascii_space(b) {
                pending_space = true;
                continue;
            }
            if b == b'`' { '\'' } else { char::from(b) }
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            i += c.len_utf8();
            match fold_char(c) {
                Folded::Dropped => continue,
                Folded::Space => {
                    pending_space = true;
                    continue;
                }
                Folded::Char(c) => c,
            }
        };
        if c == '-' && last == '-' && !pending_space {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if c.is_ascii() || !c.is_uppercase() {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
        last = c;
    }
    out[from..].make_ascii_lowercase();
}

/// What folding makes of one character (before case is lowered and runs are collapsed).
enum Folded {
    /// Invisible: zero-width characters, the BOM, soft hyphens.
    Dropped,
    /// Any whitespace: part of a run that becomes one space.
    Space,
    Char(char),
}

/// The character mapping of the folded form: quotes and dashes unified, invisible characters
/// dropped, whitespace marked.
fn fold_char(c: char) -> Folded {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => {
            Folded::Char('\'')
        }
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => Folded::Char('"'),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Folded::Char('-'),
        '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => Folded::Dropped,
        c if c.is_whitespace() => Folded::Space,
        c => Folded::Char(c),
    }
}

/// Whether eight bytes (little-endian in `word`) continue a run of [`fold_into`]'s: each
/// [`PLAIN`], or a single space between plain bytes (the first may be a space only `inside`
/// a run, the last never is, as the byte after it is not known here). Decided for all eight
/// bytes at once with carry-free byte arithmetic, exactly as the byte loop decides them one by
/// one: prose is mostly such runs, and a branch per byte was most of folding's time.
fn plain_word(word: u64, inside: bool) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    if word & HIGH != 0 {
        return false; // not all ASCII
    }
    // The high bit of each byte that equals `b` (exact per byte: no carry crosses a byte).
    let equal = |b: u8| {
        let x = word ^ (ONES * u64::from(b));
        !(((x & LOW) + LOW) | x) & HIGH
    };
    // ASCII whitespace other than the space (9..=13): 141 - b and 119 + b both have their high
    // bit set exactly for those bytes, and neither carries out of a byte for b < 128.
    let control_space = (ONES * 141 - word) & (word + ONES * 119) & HIGH;
    let spaces = equal(b' ');
    let edge = if inside {
        HIGH << 56
    } else {
        (HIGH << 56) | 0x80
    };
    (control_space | equal(b'`') | equal(b'-') | (spaces & (spaces << 8)) | (spaces & edge)) == 0
}

/// ASCII bytes [`fold_into`] copies as they are (but for case): not whitespace, not the
/// backtick, not the dash (runs of dashes collapse).
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = !is_ascii_space(byte) && byte != b'`' && byte != b'-';
        b += 1;
    }
    table
};

/// The reference form of [`fold_into`]: char by char, as first written. Kept to test the
/// byte-level fast path (run copying, ASCII decided on the byte, case lowered at the end)
/// against.
#[cfg(test)]
fn fold_reference(text: &str) -> String {
    let normalized = nfkc(text);
    let mut out = String::new();
    let mut pending_space = false;
    let mut last = ' ';
    for c in normalized.chars() {
        let mapped = match fold_char(c) {
            Folded::Dropped => continue,
            Folded::Space => {
                pending_space = true;
                continue;
            }
            Folded::Char(c) => c,
        };
        if mapped == '-' && last == '-' && !pending_space {
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        if mapped.is_uppercase() {
            out.extend(mapped.to_lowercase());
        } else {
            out.push(mapped);
        }
        last = mapped;
    }
    out
}

/// The folded form as a new string.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clean_paragraph_keeps_punctuation_and_collapses_space() {
        assert_eq!(
            clean_paragraph("  \u{201C}We\u{2019}re fine,\u{201D}\n she  said\u{00A0}today. "),
            "\u{201C}We\u{2019}re fine,\u{201D} she said today."
        );
    }

    #[test]
    fn clean_paragraph_applies_nfkc_and_drops_invisible_chars() {
        assert_eq!(
            clean_paragraph("of\u{FB01}ce\u{200B} hours\u{2026}"),
            "office hours..."
        );
    }

    #[test]
    fn cleaning_a_clean_paragraph_changes_nothing() {
        // Found by fuzzing: a zero-width space between a letter and a combining mark.
        let once = clean_paragraph("e\u{200B}\u{301} word");
        assert_eq!(once, "\u{E9} word");
        assert_eq!(clean_paragraph(&once), once);
    }

    #[test]
    fn fold_unifies_typography_case_and_wrapping() {
        let curly = "\u{201C}It\u{2019}s over\u{201D} \u{2014} the Mayor said.\n\nNext";
        let straight = "\"it's over\" -- the mayor said. next";
        assert_eq!(fold(curly), fold(straight));
        assert_eq!(fold(straight), "\"it's over\" - the mayor said. next");
    }

    /// Reference forms of the fast paths, char by char.
    fn collapse_reference(text: &str) -> String {
        text.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    proptest::proptest! {
        #[test]
        fn fast_paths_match_the_reference(
            text in "[a-zA-Z0-9 \t\n\r\x0b\x0c\x00\x7f`'\"\\-.,]{0,60}|[a-zA-Z \t\n`\\-\u{2014}\u{201C}\u{00C9}\u{00A0}\u{200B}\u{0301}\u{FB01}\u{2163}\u{0130}\u{0085}\u{1680}\u{2009}\u{2028}\u{3000}\u{FEFF}\u{00AD}\u{2060}]{0,40}"
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_reference(&text));
            proptest::prop_assert_eq!(collapse_whitespace(&text), collapse_reference(&text));
            proptest::prop_assert_eq!(has_invisible(&text), text.contains(is_invisible));
            proptest::prop_assert_eq!(clean_paragraph_cow(&text), clean_paragraph(&text));
            if text.is_ascii() {
                proptest::prop_assert_eq!(clean_paragraph(&text), collapse_reference(&text));
                proptest::prop_assert_eq!(is_collapsed_ascii(&text), is_collapsed(&text));
            }
        }

        /// ASCII text across many eight-byte words, spaces and control bytes anywhere in them
        /// and at their edges.
        #[test]
        fn the_ascii_screen_decides_as_the_general_one(
            text in "([a-z.,'\x22]{0,9}( |  |\t|\n|\x00|\x08|\x0e|\x7f)){0,20}[a-z ]{0,9}"
        ) {
            proptest::prop_assert_eq!(is_collapsed_ascii(&text), is_collapsed(&text));
            let collapsed = collapse_reference(&text);
            proptest::prop_assert!(is_collapsed_ascii(&collapsed));
        }

        /// Words of eight bytes are decided at once: long runs with every kind of byte that
        /// ends one, anywhere in a word.
        #[test]
        fn folding_long_text_matches_the_reference(
            text in "([a-zA-Z0-9.,'\"]{0,11}( |  |\t|\n|-|--|`|\x00|\x7f|\u{2014}|\u{00E9}| \u{201C})){0,24}[a-z ]{0,9}"
        ) {
            proptest::prop_assert_eq!(fold(&text), fold_reference(&text));
        }

        /// Long text crosses the screening blocks, with its whitespace anywhere in them.
        #[test]
        fn collapsing_long_text_matches_the_reference(
            text in "([a-z\u{00E9}\u{2014}]{1,12}( |  |\t|\n|\u{00A0}|\u{2009}|\u{3000}|\u{2028})){0,30}[a-z]{0,3}"
        ) {
            proptest::prop_assert_eq!(collapse_whitespace(&text), collapse_reference(&text));
            let collapsed = collapse_reference(&text);
            proptest::prop_assert!(is_collapsed(&collapsed));
        }
    }

    #[test]
    fn the_ascii_screen_finds_doubled_spaces_and_odd_bytes_at_every_offset() {
        let letters = "abcdefghijklmnopqrstuvwxyz";
        for at in 1..letters.len() - 2 {
            let (head, tail) = letters.split_at(at);
            let single = format!("{head} {tail}");
            assert!(is_collapsed_ascii(&single), "{single:?}");
            for odd in ["  ", "\t", "\n", " \r", "\x0b", "\x0c"] {
                let text = format!("{head}{odd}{tail}");
                assert!(!is_collapsed_ascii(&text), "{text:?}");
                assert_eq!(is_collapsed_ascii(&text), is_collapsed(&text), "{text:?}");
            }
            // A control byte that is not whitespace keeps the text collapsed.
            let control = format!("{head}\x01 {tail}");
            assert!(is_collapsed_ascii(&control), "{control:?}");
        }
        assert!(!is_collapsed_ascii(" abc") && !is_collapsed_ascii("abc "));
        assert!(is_collapsed_ascii("") && is_collapsed_ascii("a"));
    }

    #[test]
    fn space_at_knows_every_whitespace_character_and_nothing_else() {
        for c in (0..=0x10FFFF_u32).filter_map(char::from_u32) {
            let text = format!("{c}x");
            let expected = if c.is_whitespace() { c.len_utf8() } else { 0 };
            assert_eq!(space_at(&text, 0), expected, "{:?}", c);
        }
    }

    #[test]
    fn plain_words_are_what_the_byte_loop_accepts() {
        // Every byte value in every position, beside plain letters and spaces.
        for b in 0..=u8::MAX {
            for at in 0..8 {
                for base in [*b"abcdefgh", *b"ab cd ef", *b"a b c d "] {
                    let mut bytes = base;
                    bytes[at] = b;
                    for inside in [false, true] {
                        let by_byte = (0..8).all(|k| {
                            let c = bytes[k];
                            PLAIN[usize::from(c)]
                                || (c == b' '
                                    && (k > 0 || inside)
                                    && k < 7
                                    && PLAIN[usize::from(bytes[k + 1])])
                        });
                        let word = u64::from_le_bytes(bytes);
                        assert_eq!(plain_word(word, inside), by_byte, "{bytes:?} {inside}");
                    }
                }
            }
        }
    }

    #[test]
    fn odd_space_bytes_are_the_table_but_the_space() {
        for b in 0..=u8::MAX {
            assert_eq!(
                odd_space_byte(b),
                b != b' ' && MAY_BE_SPACE[usize::from(b)],
                "{b:#04x}"
            );
        }
    }

    /// The byte tables that decide where to decode cover every character they stand for.
    #[test]
    fn first_bytes_of_whitespace_and_invisible_characters_are_all_marked() {
        let mut buf = [0u8; 4];
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            let first = c.encode_utf8(&mut buf).as_bytes()[0];
            if c.is_whitespace() {
                assert!(MAY_BE_SPACE[usize::from(first)], "{c:?} would be missed");
            }
            if is_invisible(c) {
                assert!(matches!(first, 0xC2 | 0xE2 | 0xEF), "{c:?} would be missed");
            }
        }
    }

    #[test]
    fn fold_is_idempotent_on_examples() {
        for s in ["A  B\tC", "\u{00C9}T\u{00C9} \u{2013} x", "---a--b", "  "] {
            assert_eq!(fold(&fold(s)), fold(s), "{s:?}");
        }
    }
}
