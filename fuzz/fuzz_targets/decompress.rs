//! Magic-byte sniffing and gzip/zstd decoding of arbitrary bytes: `decompress::decoded`, then
//! read at most 1 MiB of output. Corrupt or truncated streams must be `io::Error`s, never panics
//! (and never unbounded work: the read is capped, so a decompression bomb stops at 1 MiB).
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsdedup::ingest::decompress::{Compression, decoded};
use std::io::{Cursor, Read};

/// Most decoded bytes read per input.
const MAX_OUTPUT: u64 = 1 << 20;

fuzz_target!(|data: &[u8]| {
    let sniffed = Compression::sniff(data);
    let Ok((compression, reader)) = decoded(Cursor::new(data.to_vec())) else {
        return;
    };
    assert_eq!(compression, sniffed, "decoded() and sniff() disagree");
    let mut out = Vec::new();
    let result = reader.take(MAX_OUTPUT).read_to_end(&mut out);
    assert!(out.len() as u64 <= MAX_OUTPUT);
    if compression == Compression::None {
        // Plain input passes through unchanged.
        let n = data.len().min(MAX_OUTPUT as usize);
        assert!(result.is_ok(), "reading plain bytes from memory failed: {result:?}");
        assert_eq!(&out[..], &data[..n]);
    }
});
