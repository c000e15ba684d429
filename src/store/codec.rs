//! Body compression: zstd, one frame per body, with contexts reused per thread, and a
//! dictionary trained on the archive's own bodies.
//!
//! Creating a compression context per body measured an order of magnitude slower than reusing
//! one, so each thread keeps its own, and loads a dictionary into it once.
//!
//! **Dictionaries.** A body of a few KB shares little with itself but much with the archive:
//! datelines, bylines, agency names, stock phrases. A dictionary trained on 1,000 of the
//! archive's bodies primes every frame with them. On 2,000 generated articles (3.4 KB clean
//! bodies), against level 1 without a dictionary (2.04×, 131 MB/s to compress, 309 MB/s to
//! decompress): level 3 with a 112 KiB dictionary compressed 4.51× at 152 MB/s and
//! decompressed at 456 MB/s; level 1 with it 3.25× at 157 MB/s. Training took 0.2–0.9 s
//! (500–2,000 bodies). Generated text repeats more than real news, so real ratios are lower,
//! but the speed holds.
//!
//! The dictionary is 224 KiB: on 9,000 bodies it was not trained on, it compressed 4.69×
//! against 4.39× at 112 KiB, 3 % faster, trained in the same 0.2 s; 64 and 32 KiB were both
//! slower and worse (more of each body coded as literals). `cargo bench --bench stages --
//! compression` times it.
//!
//! **Against another body.** A near or trimmed copy of a story shares most of its text with
//! the story, which the archive already holds: compressed with the story's clean text as
//! zstd's raw-content dictionary ([`compress_against`]), it takes 3.7 % of its text on the
//! headline benchmark against 22 % with the trained dictionary. Such a frame decodes only
//! with that text, so `body_texts.base_id` names the body, which is itself never compressed
//! against another: one decompression more, never a chain.
//!
//! A frame names its dictionary in its header (zstd's dictionary id, derived from the
//! dictionary's content), so a stored frame is self-describing: frames from before the
//! archive had a dictionary have none and still decode. Dictionaries are looked up in a
//! process-wide registry that opening an archive fills ([`register`]); a frame whose
//! dictionary is missing fails to decode with an error that names it.

use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::io;
use std::sync::{Arc, LazyLock, PoisonError, RwLock};

/// zstd level for bodies compressed without a dictionary.
const PLAIN_LEVEL: i32 = 1;
/// zstd level for bodies compressed with a dictionary: level 3 found most of what the
/// dictionary offers (4.51× against 3.25× at level 1) for the same speed.
const DICTIONARY_LEVEL: i32 = 3;
/// zstd level for a body compressed against a similar body (see [`compress_against`]): the
/// other body supplies most of the text, and on 40,000 pairs of near copies level 3 made
/// frames only 2.5 % smaller than level 1 (5.85 against 6.00 MB of 138 MB) at 0.84 of the
/// speed.
const DELTA_LEVEL: i32 = 1;
/// Largest dictionary trained (bytes).
pub const DICTIONARY_BYTES: usize = 224 * 1024;

/// A compression dictionary for bodies.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dictionary {
    id: u32,
    bytes: Arc<[u8]>,
}

impl Dictionary {
    /// Train a dictionary on sample bodies. Fails when the samples are too few or too alike
    /// to train on (zstd's reason is in the error).
    pub fn train<S: AsRef<[u8]>>(samples: &[S]) -> io::Result<Self> {
        Self::from_bytes(zstd::dict::from_samples(samples, DICTIONARY_BYTES)?)
    }

    /// A dictionary as stored; fails if `bytes` is not a zstd dictionary with an id.
    pub fn from_bytes(bytes: Vec<u8>) -> io::Result<Self> {
        let id = zstd::zstd_safe::get_dict_id_from_dict(&bytes).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                "not a zstd dictionary (no dictionary id)",
            )
        })?;
        Ok(Self {
            id: id.get(),
            bytes: bytes.into(),
        })
    }

    /// The id zstd writes in the header of every frame compressed with this dictionary.
    pub fn id(&self) -> u32 {
        self.id
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }
}

/// Dictionaries frames may name, by id.
static REGISTRY: LazyLock<RwLock<FxHashMap<u32, Dictionary>>> = LazyLock::new(RwLock::default);

/// Make `dictionary` available to [`decompress`] in this process.
pub fn register(dictionary: &Dictionary) {
    REGISTRY
        .write()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(dictionary.id, dictionary.clone());
}

/// Whether dictionary `id` is registered.
pub fn is_registered(id: u32) -> bool {
    registered(id).is_some()
}

fn registered(id: u32) -> Option<Dictionary> {
    REGISTRY
        .read()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&id)
        .cloned()
}

thread_local! {
    /// This thread's compressor and the id of the dictionary loaded in it (0: none).
    static COMPRESSOR: RefCell<Option<(u32, zstd::bulk::Compressor<'static>)>> = const { RefCell::new(None) };
    /// Where this thread's compressor writes a frame before it is copied out at its size.
    static FRAME: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    /// This thread's context for frames compressed against another body.
    static DELTA_COMPRESSOR: RefCell<zstd::zstd_safe::CCtx<'static>> = RefCell::new(zstd::zstd_safe::CCtx::create());
    /// And for decompressing them.
    static DELTA_DECOMPRESSOR: RefCell<zstd::zstd_safe::DCtx<'static>> = RefCell::new(zstd::zstd_safe::DCtx::create());
    /// This thread's decompressors, by dictionary id (0: none).
    static DECOMPRESSORS: RefCell<FxHashMap<u32, zstd::bulk::Decompressor<'static>>> = RefCell::new(FxHashMap::default());
}

/// Compress a clean body for storage, with `dictionary` if given.
pub fn compress(text: &str, dictionary: Option<&Dictionary>) -> io::Result<Vec<u8>> {
    let id = dictionary.map_or(0, Dictionary::id);
    COMPRESSOR.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|(loaded, _)| *loaded != id) {
            let compressor = match dictionary {
                Some(d) => zstd::bulk::Compressor::with_dictionary(DICTIONARY_LEVEL, d.bytes())?,
                None => zstd::bulk::Compressor::new(PLAIN_LEVEL)?,
            };
            *slot = Some((id, compressor));
        }
        let Some((_, compressor)) = slot.as_mut() else {
            unreachable!("set above")
        };
        // Into a buffer the thread keeps warm, then copied out at the frame's size: the
        // compressor's own output vector has room for the worst case, two to three times
        // the frame, for as long as the frame is held.
        FRAME.with(|frame| {
            let mut frame = frame.borrow_mut();
            frame.clear();
            frame.reserve(zstd::zstd_safe::compress_bound(text.len()));
            compressor.compress_to_buffer(text.as_bytes(), &mut *frame)?;
            let out = frame.to_vec();
            if frame.capacity() > FRAME_KEEP_BYTES {
                *frame = Vec::new();
            }
            Ok(out)
        })
    })
}

/// Compress a clean body against `base`, the clean text of a similar stored body: zstd with
/// `base` as raw-content dictionary (a prefix), so that what the two share is coded as
/// references into `base`. A near copy of a story takes a fifth of the bytes it takes with
/// the archive's dictionary: on 40,000 near and contained copies of the generated benchmark,
/// 4.3 % of their text against 22 %. Alone that ran at 700 MB/s against 290; in ingest, where
/// each frame indexes its base anew, out of the cache, about 330 against 250.
///
/// The frame names no dictionary and decodes only with the same `base`
/// ([`decompress_against`]). zstd would take a base that begins with its dictionary magic
/// (`37 A4 30 EC`) for a trained dictionary; no UTF-8 text does (`A4` cannot follow `7`).
pub fn compress_against(text: &str, base: &str) -> io::Result<Vec<u8>> {
    DELTA_COMPRESSOR.with_borrow_mut(|context| {
        FRAME.with_borrow_mut(|frame| {
            frame.clear();
            frame.reserve(zstd::zstd_safe::compress_bound(text.len()));
            context
                .compress_using_dict(&mut *frame, text.as_bytes(), base.as_bytes(), DELTA_LEVEL)
                .map_err(zstd_error)?;
            let out = frame.to_vec();
            if frame.capacity() > FRAME_KEEP_BYTES {
                *frame = Vec::new();
            }
            Ok(out)
        })
    })
}

/// Decompress a frame made by [`compress_against`] with the same `base`; `text_bytes` is the
/// body's recorded length.
pub fn decompress_against(frame: &[u8], text_bytes: usize, base: &str) -> io::Result<String> {
    let mut out = Vec::with_capacity(text_bytes);
    let written = DELTA_DECOMPRESSOR.with_borrow_mut(|context| {
        context
            .decompress_using_dict(&mut out, frame, base.as_bytes())
            .map_err(zstd_error)
    })?;
    if written != text_bytes {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!("text is {written} bytes, {text_bytes} recorded"),
        ));
    }
    String::from_utf8(out).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

fn zstd_error(code: usize) -> io::Error {
    io::Error::other(zstd::zstd_safe::get_error_name(code))
}

/// Capacity above which a thread's frame buffer is given back after use (a huge body's).
const FRAME_KEEP_BYTES: usize = 1 << 20;

/// Decompress a stored body; `text_bytes` is its recorded uncompressed length.
/// Like compression, a decompression context is reused per thread (one per dictionary):
/// matching against a large archive decompresses a stored body for every candidate whose
/// profile is not cached.
pub fn decompress(frame: &[u8], text_bytes: usize) -> io::Result<String> {
    let id = frame_dictionary(frame).unwrap_or(0);
    let bytes = DECOMPRESSORS.with(|cell| {
        let mut contexts = cell.borrow_mut();
        let context = match contexts.entry(id) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(decompressor(id)?),
        };
        context.decompress(frame, text_bytes)
    })?;
    String::from_utf8(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
}

/// A decompression context for frames compressed with dictionary `id` (0: none).
fn decompressor(id: u32) -> io::Result<zstd::bulk::Decompressor<'static>> {
    if id == 0 {
        return zstd::bulk::Decompressor::new();
    }
    let dictionary = registered(id).ok_or_else(|| {
        io::Error::new(
            io::ErrorKind::NotFound,
            format!("compressed with dictionary {id}, which the archive does not hold"),
        )
    })?;
    zstd::bulk::Decompressor::with_dictionary(dictionary.bytes())
}

/// The id of the dictionary a stored frame was compressed with, if any.
pub fn frame_dictionary(frame: &[u8]) -> Option<u32> {
    zstd::zstd_safe::get_dict_id_from_frame(frame).map(|id| id.get())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Bodies alike enough to train on: shared phrasing, different details.
    pub(crate) fn sample_bodies(n: usize) -> Vec<String> {
        const PLACES: [&str; 6] = ["Dunlin", "Harrow", "Marsh Bay", "Oakfield", "Tern", "Weir"];
        (0..n)
            .map(|i| {
                let place = PLACES[i % PLACES.len()];
                format!(
                    "{place} ({i}) — The {place} county council voted {} to {} on Tuesday to \
                     approve a budget of ${i},000 for road repairs, officials said. \
                     \"We have waited {} years for this,\" said council member number {}. \
                     The plan goes before the state board in {} weeks. Residents of {place} \
                     can comment at the public hearing on item {i}.",
                    i % 9,
                    i % 7,
                    i % 13,
                    i * 7 % 101,
                    i % 5 + 2
                )
            })
            .collect()
    }

    #[test]
    fn round_trip() {
        let text = "The council voted on Tuesday. ".repeat(50);
        let frame = compress(&text, None).expect("compress");
        assert!(frame.len() < text.len() / 4);
        assert_eq!(frame_dictionary(&frame), None);
        assert_eq!(decompress(&frame, text.len()).expect("decompress"), text);
        assert_eq!(
            decompress(&compress("", None).expect("c"), 0).expect("d"),
            ""
        );
    }

    #[test]
    fn frames_are_their_size_and_a_huge_body_leaves_nothing_behind() {
        let small = "The council voted on Tuesday. ".repeat(50);
        let on_fresh_thread = std::thread::spawn({
            let small = small.clone();
            move || compress(&small, None).expect("compress")
        })
        .join()
        .expect("thread");
        // Past the buffer the thread keeps: given back after use.
        let huge: String = (0..200_000).map(|i| format!("{i} ")).collect();
        assert!(huge.len() > FRAME_KEEP_BYTES);
        let frame = compress(&huge, None).expect("compress");
        assert_eq!(frame.len(), frame.capacity(), "held at its size");
        assert_eq!(decompress(&frame, huge.len()).expect("decompress"), huge);
        let frame = compress(&small, None).expect("compress");
        assert_eq!(frame, on_fresh_thread);
        assert_eq!(frame.len(), frame.capacity(), "held at its size");
        assert_eq!(decompress(&frame, small.len()).expect("decompress"), small);
    }

    #[test]
    fn corrupt_frames_are_errors() {
        assert!(decompress(b"not zstd", 100).is_err());
    }

    #[test]
    fn a_trained_dictionary_is_deterministic_named_in_frames_and_shrinks_them() {
        let bodies = sample_bodies(600);
        let dictionary = Dictionary::train(&bodies[..500]).expect("train");
        assert_eq!(
            Dictionary::train(&bodies[..500]).expect("again"),
            dictionary
        );
        assert!(dictionary.bytes().len() <= DICTIONARY_BYTES);
        register(&dictionary);
        let (mut plain, mut primed) = (0, 0);
        for body in &bodies[500..] {
            let with = compress(body, Some(&dictionary)).expect("compress");
            assert_eq!(frame_dictionary(&with), Some(dictionary.id()));
            assert_eq!(decompress(&with, body.len()).expect("decompress"), *body);
            let without = compress(body, None).expect("compress");
            assert_eq!(decompress(&without, body.len()).expect("decompress"), *body);
            primed += with.len();
            plain += without.len();
        }
        assert!(primed * 2 < plain, "{primed} bytes with, {plain} without");
    }

    #[test]
    fn a_frame_naming_an_unknown_dictionary_fails_clearly() {
        let mut bodies = sample_bodies(300);
        for b in &mut bodies {
            b.push_str(" A different archive.");
        }
        let dictionary = Dictionary::train(&bodies).expect("train");
        let frame = compress(&bodies[0], Some(&dictionary)).expect("compress");
        let err = decompress(&frame, bodies[0].len()).expect_err("not registered");
        assert!(
            err.to_string()
                .contains(&format!("dictionary {}", dictionary.id())),
            "{err}"
        );
    }

    #[test]
    fn too_few_samples_do_not_train_and_junk_is_no_dictionary() {
        assert!(Dictionary::train(&["one short body"]).is_err());
        assert!(Dictionary::from_bytes(b"not a dictionary".to_vec()).is_err());
    }

    #[test]
    fn a_frame_against_a_base_is_small_and_decodes_only_with_it() {
        let bodies = sample_bodies(3);
        let base = format!("{} {}", bodies[0], bodies[1]);
        let text = format!("An edited lede. {} {}", bodies[0], bodies[1]);
        let frame = compress_against(&text, &base).expect("compress");
        assert_eq!(frame_dictionary(&frame), None, "names no dictionary");
        assert!(
            frame.len() * 4 < compress(&text, None).expect("alone").len(),
            "{} bytes",
            frame.len()
        );
        assert_eq!(
            decompress_against(&frame, text.len(), &base).expect("decode"),
            text
        );
        // Another base, or another length, does not give the text back.
        let other = format!("{} {}", bodies[2], bodies[1]);
        assert_ne!(
            decompress_against(&frame, text.len(), &other).ok(),
            Some(text.clone())
        );
        assert!(decompress_against(&frame, text.len() - 1, &base).is_err());
        assert!(decompress_against(&frame, text.len() + 1, &base).is_err());
        assert!(
            decompress(&frame, text.len()).is_err(),
            "not without its base"
        );
    }
}
