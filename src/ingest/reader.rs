//! Stream one input as raw records: a JSONL line each, or the whole file for a text article.
//!
//! Memory stays bounded whatever the input: records longer than the cap are skipped while being
//! read (never buffered whole), so a 50 MB article or a decompression bomb costs one capped
//! buffer. Every item the reader yields, good or bad, counts as one *record* of the input; resume
//! after a crash skips the records already committed, which works because reading is
//! deterministic for the same content.

use super::decompress::{self, Compression};
use super::discover::Input;
use super::{Format, RawRecord, RecordError};
use crate::model::Origin;
use std::io::{self, BufRead, Read};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

/// Default cap on one record's decompressed size (bytes).
pub const DEFAULT_MAX_RECORD_BYTES: usize = 16 * 1024 * 1024;

/// How inputs are read.
#[derive(Debug, Clone)]
pub struct ReadOptions {
    /// Records larger than this (decompressed bytes) are skipped with an error.
    pub max_record_bytes: usize,
    /// Force a format instead of deciding per input.
    pub format: Option<Format>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        Self {
            max_record_bytes: DEFAULT_MAX_RECORD_BYTES,
            format: None,
        }
    }
}

/// Counts raw (compressed) bytes read, for progress.
struct Counting<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Passes records on, after skipping the ones an earlier run already committed.
struct Sink<'a> {
    skip: u64,
    seen: u64,
    emit: &'a mut dyn FnMut(Result<RawRecord, RecordError>) -> bool,
}

impl Sink<'_> {
    /// Returns `false` when the consumer wants no more.
    fn push(&mut self, item: Result<RawRecord, RecordError>) -> bool {
        self.seen += 1;
        self.seen <= self.skip || (self.emit)(item)
    }
}

/// Read `input`, skipping its first `skip` records, passing each record (or error) to `emit`.
/// `emit` returns `false` to stop early. Returns the number of records seen, skipped ones
/// included.
pub fn read_input(
    input: &Input,
    options: &ReadOptions,
    skip: u64,
    bytes_read: &Arc<AtomicU64>,
    emit: &mut dyn FnMut(Result<RawRecord, RecordError>) -> bool,
) -> u64 {
    let opened = std::fs::File::open(&input.path)
        .map_err(|e| RecordError::new(origin(input, None), e.to_string()))
        .and_then(|file| {
            let counting = Counting {
                inner: file,
                counter: Arc::clone(bytes_read),
            };
            let decoded = decompress::decoded(counting);
            open(input, decoded, options)
        });
    read_from(opened, skip, emit)
}

/// [`read_input`] from the input's bytes, already read into memory (no record skipped).
pub fn read_contents(
    input: &Input,
    contents: Vec<u8>,
    options: &ReadOptions,
    bytes_read: &Arc<AtomicU64>,
    emit: &mut dyn FnMut(Result<RawRecord, RecordError>) -> bool,
) -> u64 {
    // Read already: counted whole, and read from where they are.
    bytes_read.fetch_add(contents.len() as u64, Ordering::Relaxed);
    let plain = Compression::sniff(&contents) == Compression::None;
    let format = options
        .format
        .or_else(|| format_by_name(&input.name))
        .unwrap_or_else(|| sniffed_format(&contents));
    if plain && format == Format::Text {
        // A plain text article is the whole of its contents: handed on as read. Copied
        // through a reader, each file's bytes went to a buffer grown by doubling, whose
        // reallocations and fresh pages cost more than the copy itself.
        let mut sink = Sink {
            skip: 0,
            seen: 0,
            emit,
        };
        let max = options.max_record_bytes;
        let item = if contents.len() > max {
            Err(too_large(contents.len(), max))
        } else {
            Ok(RawRecord {
                origin: origin(input, None),
                format: Format::Text,
                bytes: contents,
            })
        };
        sink.push(item.map_err(|reason| RecordError::new(origin(input, None), reason)));
        return sink.seen;
    }
    let decoded = decompress::decoded_buffered(io::Cursor::new(contents));
    read_from(open(input, decoded, options), 0, emit)
}

fn read_from(
    opened: Result<Opened<'_>, RecordError>,
    skip: u64,
    emit: &mut dyn FnMut(Result<RawRecord, RecordError>) -> bool,
) -> u64 {
    let mut sink = Sink {
        skip,
        seen: 0,
        emit,
    };
    match opened {
        Err(e) => {
            sink.push(Err(e));
        }
        Ok(Opened {
            input,
            compression,
            format: Format::Text,
            reader,
            max,
        }) => read_text(input, compression, reader, max, &mut sink),
        Ok(Opened {
            input,
            compression,
            format: Format::Jsonl,
            reader,
            max,
        }) => read_lines(input, compression, reader, max, &mut sink),
    }
    sink.seen
}

/// An input ready to read records from.
struct Opened<'a> {
    input: &'a Input,
    compression: Compression,
    format: Format,
    reader: Box<dyn BufRead + Send>,
    /// The record size limit.
    max: usize,
}

/// Find an input's format, given its byte stream as [`decompress`] decoded it.
fn open<'a>(
    input: &'a Input,
    decoded: io::Result<(Compression, Box<dyn BufRead + Send>)>,
    options: &ReadOptions,
) -> Result<Opened<'a>, RecordError> {
    let whole = |reason: String| RecordError::new(origin(input, None), reason);
    let (compression, mut reader) = decoded.map_err(|e| whole(format!("cannot read: {e}")))?;
    let format = match options.format.or_else(|| format_by_name(&input.name)) {
        Some(f) => f,
        None => sniff_format(&mut reader).map_err(|e| whole(stream_error(compression, &e)))?,
    };
    Ok(Opened {
        input,
        compression,
        format,
        reader,
        max: options.max_record_bytes,
    })
}

fn origin(input: &Input, line: Option<u64>) -> Origin {
    Origin {
        path: input.name.clone(),
        line,
    }
}

/// Format from the file name, ignoring a compression suffix.
fn format_by_name(name: &str) -> Option<Format> {
    let lower = name.to_ascii_lowercase();
    let stem = ["gz", "gzip", "zst", "zstd"]
        .iter()
        .find_map(|ext| lower.strip_suffix(&format!(".{ext}")))
        .unwrap_or(&lower);
    let ext = stem.rsplit_once('.')?.1;
    match ext {
        "jsonl" | "ndjson" | "json" => Some(Format::Jsonl),
        "txt" | "text" => Some(Format::Text),
        _ => None,
    }
}

/// [`sniffed_format`] of the reader's first buffer.
fn sniff_format(reader: &mut Box<dyn BufRead + Send>) -> io::Result<Format> {
    Ok(sniffed_format(reader.fill_buf()?))
}

/// JSONL if the first non-blank byte of `head` opens an object, else a text article.
fn sniffed_format(head: &[u8]) -> Format {
    let head = head.strip_prefix("\u{FEFF}".as_bytes()).unwrap_or(head);
    let first = head.iter().find(|b| !b.is_ascii_whitespace());
    if first == Some(&b'{') {
        Format::Jsonl
    } else {
        Format::Text
    }
}

fn stream_error(compression: Compression, e: &io::Error) -> String {
    match compression {
        Compression::None => format!("read error: {e}"),
        c => format!("truncated or corrupt {} stream: {e}", c.name()),
    }
}

fn too_large(bytes: usize, max: usize) -> String {
    format!(
        "record is larger than the limit of {max} bytes (at least {bytes} bytes; raise --max-record-bytes)"
    )
}

fn read_text(
    input: &Input,
    compression: Compression,
    reader: Box<dyn BufRead + Send>,
    max: usize,
    sink: &mut Sink,
) {
    let mut bytes = Vec::new();
    let limit = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    let item = match reader.take(limit).read_to_end(&mut bytes) {
        Err(e) => Err(stream_error(compression, &e)),
        Ok(_) if bytes.len() > max => Err(too_large(bytes.len(), max)),
        Ok(_) => Ok(RawRecord {
            origin: origin(input, None),
            format: Format::Text,
            bytes,
        }),
    };
    sink.push(item.map_err(|reason| RecordError::new(origin(input, None), reason)));
}

/// One line read with a cap.
enum Line {
    /// A complete line (without its newline) is in the buffer.
    Ok,
    /// The line was longer than the cap; it was consumed but not kept.
    TooLong(usize),
    Eof,
}

fn read_lines(
    input: &Input,
    compression: Compression,
    mut reader: Box<dyn BufRead + Send>,
    max: usize,
    sink: &mut Sink,
) {
    let mut buf = Vec::new();
    let mut line_no = 0u64;
    loop {
        line_no += 1;
        let at = origin(input, Some(line_no));
        let item = match next_line(&mut reader, &mut buf, max) {
            Ok(Line::Eof) => return,
            Ok(Line::Ok) if buf.iter().all(u8::is_ascii_whitespace) => continue,
            Ok(Line::Ok) => Ok(RawRecord {
                origin: at,
                format: Format::Jsonl,
                bytes: std::mem::take(&mut buf),
            }),
            Ok(Line::TooLong(n)) => Err(RecordError::new(at, too_large(n, max))),
            Err(e) => {
                sink.push(Err(RecordError::new(at, stream_error(compression, &e))));
                return;
            }
        };
        if !sink.push(item) {
            return;
        }
    }
}

/// Read the next line into `buf` (cleared first), keeping at most `max` bytes of it.
fn next_line(reader: &mut dyn BufRead, buf: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buf.clear();
    let mut total = 0usize;
    let mut any = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(match (any, total > max) {
                (false, _) => Line::Eof,
                (true, true) => Line::TooLong(total),
                (true, false) => Line::Ok,
            });
        }
        any = true;
        let (piece, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (&chunk[..i], Some(i + 1)),
            None => (chunk, None),
        };
        total += piece.len();
        if total <= max {
            // A record handed on leaves `buf` empty, without capacity: a line found whole in
            // the chunk (the common case) gets one allocation of its size, not a doubling
            // series of copies.
            if buf.is_empty() {
                buf.reserve_exact(piece.len());
            }
            buf.extend_from_slice(piece);
        } else {
            buf.clear();
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        if done.is_some() {
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            return Ok(if total > max {
                Line::TooLong(total)
            } else {
                Line::Ok
            });
        }
    }
}

#[cfg(test)]
mod tests;
