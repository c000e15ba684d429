//! Transparent decompression of inputs, chosen by magic bytes (not by file name, which lies).
//!
//! gzip members are read with `MultiGzDecoder` so concatenated `.gz` files are read whole; zstd
//! frames likewise. A truncated or corrupt stream surfaces as an `io::Error` from `read`, which
//! the reader turns into a record error after keeping every complete record before it.

use flate2::bufread::MultiGzDecoder;
use std::io::{self, BufRead, BufReader, Read};

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];
const ZSTD_MAGIC: &[u8] = &[0x28, 0xb5, 0x2f, 0xfd];
/// Read buffer size for inputs (bytes).
const READ_BUFFER_BYTES: usize = 256 * 1024;
/// Read size for decoded streams: small enough that the blocks decoded before a truncation
/// are handed out before the decoder reports it.
const DECODED_BUFFER_BYTES: usize = 32 * 1024;

/// Compression of an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    Zstd,
}

impl Compression {
    /// Identify compression from the first bytes of a stream.
    pub fn sniff(head: &[u8]) -> Self {
        if head.starts_with(GZIP_MAGIC) {
            Self::Gzip
        } else if head.starts_with(ZSTD_MAGIC) {
            Self::Zstd
        } else {
            Self::None
        }
    }

    /// Name used in messages.
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "plain",
            Self::Gzip => "gzip",
            Self::Zstd => "zstd",
        }
    }
}

/// Wrap a raw byte stream so reads return decompressed bytes.
pub fn decoded<R: Read + Send + 'static>(
    raw: R,
) -> io::Result<(Compression, Box<dyn BufRead + Send>)> {
    decoded_buffered(BufReader::with_capacity(READ_BUFFER_BYTES, raw))
}

/// [`decoded`] for a stream that is buffered already (bytes in memory): an uncompressed one
/// is read where it is, without a copy through a buffer of its own.
pub fn decoded_buffered<B: BufRead + Send + 'static>(
    mut buffered: B,
) -> io::Result<(Compression, Box<dyn BufRead + Send>)> {
    let compression = Compression::sniff(buffered.fill_buf()?);
    let reader: Box<dyn BufRead + Send> = match compression {
        Compression::None => Box::new(buffered),
        Compression::Gzip => Box::new(BufReader::with_capacity(
            DECODED_BUFFER_BYTES,
            MultiGzDecoder::new(buffered),
        )),
        Compression::Zstd => Box::new(BufReader::with_capacity(
            DECODED_BUFFER_BYTES,
            zstd::stream::read::Decoder::with_buffer(buffered)?,
        )),
    };
    Ok((compression, reader))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn gzip(data: &[u8]) -> Vec<u8> {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(data).expect("write");
        enc.finish().expect("finish")
    }

    fn read_all(bytes: Vec<u8>) -> (Compression, io::Result<Vec<u8>>) {
        let (c, mut r) = decoded(io::Cursor::new(bytes)).expect("open");
        let mut out = Vec::new();
        let res = r.read_to_end(&mut out).map(|_| out);
        (c, res)
    }

    #[test]
    fn plain_gzip_and_zstd_by_magic() {
        let data = b"{\"body\": \"x\"}\n".repeat(100);
        assert_eq!(read_all(data.clone()).1.expect("plain"), data);
        let (c, out) = read_all(gzip(&data));
        assert_eq!((c, out.expect("gz")), (Compression::Gzip, data.clone()));
        let (c, out) = read_all(zstd::encode_all(&data[..], 3).expect("zstd"));
        assert_eq!((c, out.expect("zst")), (Compression::Zstd, data));
    }

    #[test]
    fn concatenated_gzip_members_are_read_whole() {
        let mut both = gzip(b"one\n");
        both.extend(gzip(b"two\n"));
        assert_eq!(read_all(both).1.expect("gz"), b"one\ntwo\n");
    }

    #[test]
    fn truncated_streams_are_errors() {
        let data = b"some article text ".repeat(1000);
        let mut gz = gzip(&data);
        gz.truncate(gz.len() / 2);
        assert!(read_all(gz).1.is_err());
        let mut zst = zstd::encode_all(&data[..], 3).expect("zstd");
        zst.truncate(zst.len() / 2);
        assert!(read_all(zst).1.is_err());
    }

    #[test]
    fn empty_input_is_plain() {
        assert_eq!(read_all(Vec::new()).0, Compression::None);
    }
}
