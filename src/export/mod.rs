//! Export: write the cleaned, deduplicated dataset.
//!
//! The row shape is a contract (DESIGN.md §7) that users' jobs parse: exactly these fields, in
//! this order — `id, external_id, origin, url, title, authors, section, source, published,
//! cluster_id, canonical, relation, similarity, copies, text`. Add formats, never fields.
//!
//! Writers take any `Write`; [`Output`] adds gzip/zstd by file extension and writes through a
//! temporary file renamed into place on success, so an interrupted export never leaves a
//! truncated file where the previous good one was.

use crate::model::ArchivedArticle;
use crate::store::{Store, StoreError, StoredArticle};
use rayon::prelude::*;
use serde::Serialize;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// One exported row, in contract order.
#[derive(Debug, Serialize)]
pub struct ExportRow<'a> {
    pub id: i64,
    pub external_id: Option<&'a str>,
    pub origin: &'a str,
    pub url: Option<&'a str>,
    pub title: Option<&'a str>,
    pub authors: &'a [String],
    pub section: Option<&'a str>,
    pub source: Option<&'a str>,
    pub published: Option<&'a str>,
    pub cluster_id: i64,
    pub canonical: bool,
    pub relation: &'static str,
    pub similarity: f64,
    pub copies: u64,
    pub text: &'a str,
}

impl<'a> From<&'a ArchivedArticle> for ExportRow<'a> {
    fn from(a: &'a ArchivedArticle) -> Self {
        Self {
            id: a.id,
            external_id: a.meta.external_id.as_deref(),
            origin: &a.origin,
            url: a.meta.url.as_deref(),
            title: a.meta.title.as_deref(),
            authors: &a.meta.authors,
            section: a.meta.section.as_deref(),
            source: a.meta.source.as_deref(),
            published: a.meta.published.as_deref(),
            cluster_id: a.cluster_id,
            canonical: a.canonical,
            relation: a.relation.as_str(),
            similarity: a.similarity,
            copies: a.copies,
            text: &a.text,
        }
    }
}

/// Write one article as a JSON line.
pub fn write_jsonl(out: &mut dyn Write, article: &ArchivedArticle) -> io::Result<()> {
    let mut line = Vec::with_capacity(article.text.len() + 512);
    encode_jsonl(article, &mut line);
    out.write_all(&line)
}

/// Append one article as a JSON line to `line`.
///
/// The text, nearly all of a row's bytes, is escaped by `json_escape_simd`, which scans for
/// the bytes to escape many at a time; serde_json's byte-by-byte loop was a fifth of the
/// export's CPU. Both escape the same way (see the tests): `\"`, `\\`, the short forms of
/// `\b \f \n \r \t`, `\u00xx` for other control characters, everything else as is.
pub fn encode_jsonl(article: &ArchivedArticle, line: &mut Vec<u8>) {
    const EMPTY_TEXT_END: &[u8] = b"\"\"}";
    let row = ExportRow {
        text: "",
        ..ExportRow::from(article)
    };
    serde_json::to_writer(&mut *line, &row).expect("a row always serializes");
    // The row ends `"text":""}`, the last field: the escaped text replaces the empty one.
    debug_assert!(line.ends_with(EMPTY_TEXT_END));
    line.truncate(line.len() - EMPTY_TEXT_END.len());
    json_escape_simd::escape_into(&article.text, line);
    line.extend_from_slice(b"}\n");
}

/// Rows read from the archive per chunk of work for the pool.
const CHUNK_ROWS: usize = 512;

/// Write the exported articles (each cluster's canonical one, or `all` copies) to `out` as
/// JSON lines, in archive order. Returns how many were written.
///
/// Three stages, a chunk of rows apart: this thread reads the archive; an encoder thread has
/// rayon's pool decompress the texts and serialize the rows (about two thirds of the work);
/// a writer thread puts the encoded chunks out in order. The output is the same as one
/// [`write_jsonl`] per article.
pub fn export_jsonl(
    store: &Store,
    all: bool,
    out: &mut (dyn Write + Send),
) -> Result<io::Result<u64>, StoreError> {
    std::thread::scope(|scope| {
        let (chunks, received) = crossbeam_channel::bounded::<Vec<StoredArticle>>(2);
        let (encoded, to_write) = crossbeam_channel::bounded::<Vec<Piece>>(2);
        // Encoding chunk N+1 on the pool while chunk N is written: with both on one thread,
        // the pool idled through every write.
        scope.spawn(move || {
            for chunk in received {
                let pieces = chunk
                    .into_par_iter()
                    .chunks(ROWS_PER_PIECE)
                    .map(encode)
                    .collect();
                // The writer stops receiving only on an error, which it reports.
                if encoded.send(pieces).is_err() {
                    break;
                }
            }
        });
        let writer = scope.spawn(move || -> Result<io::Result<u64>, StoreError> {
            let mut rows = 0;
            for pieces in to_write {
                for piece in pieces {
                    let (lines, count) = piece?;
                    if let Err(e) = out.write_all(&lines) {
                        return Ok(Err(e));
                    }
                    rows += count;
                }
            }
            Ok(Ok(rows))
        });
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        let read = store.for_each_stored(all, &mut |stored| {
            chunk.push(stored);
            if chunk.len() == CHUNK_ROWS {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                // The encoder stops receiving only when the writer stopped on an error, which
                // is reported below.
                chunks
                    .send(full)
                    .map_err(|_| io::Error::other("the export writer stopped"))?;
            }
            Ok(())
        });
        if !chunk.is_empty() {
            let _ = chunks.send(chunk);
        }
        drop(chunks);
        let written = writer
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        // The writer's failure first: reading stops because of it, not the other way round.
        match (written, read) {
            (Ok(Ok(_)), Err(e)) => Err(e),
            (Ok(Ok(_)), Ok(Err(e))) => Ok(Err(e)),
            (written, _) => written,
        }
    })
}

/// Rows a pool task encodes into one buffer: the escaper reserves room for the worst case
/// (every byte escaped) before each text, and a buffer per row paid for that room each time.
const ROWS_PER_PIECE: usize = 32;

/// JSON lines in one buffer, and how many.
type Piece = Result<(Vec<u8>, u64), StoreError>;

/// Stored articles as their JSON lines.
fn encode(rows: Vec<StoredArticle>) -> Piece {
    let mut lines = Vec::new();
    let count = rows.len() as u64;
    for stored in rows {
        encode_jsonl(&stored.decode()?, &mut lines);
    }
    Ok((lines, count))
}

/// Compression of an output file, by its extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputCompression {
    None,
    Gzip,
    Zstd,
}

impl OutputCompression {
    pub fn for_path(path: &Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            Some("gz" | "gzip") => Self::Gzip,
            Some("zst" | "zstd") => Self::Zstd,
            _ => Self::None,
        }
    }
}

/// zstd level for exported files: fast, since export speed is a feature.
const EXPORT_ZSTD_LEVEL: i32 = 3;

enum Sink {
    Plain(BufWriter<tempfile::NamedTempFile>),
    Gzip(flate2::write::GzEncoder<BufWriter<tempfile::NamedTempFile>>),
    Zstd(zstd::stream::write::Encoder<'static, BufWriter<tempfile::NamedTempFile>>),
}

/// An export file written atomically: visible at its path only after [`Output::finish`].
pub struct Output {
    sink: Sink,
    path: PathBuf,
    early: EarlySync,
}

/// Bytes written between requests to start writing the file to disk.
const EARLY_SYNC_BYTES: u64 = 64 << 20;

/// Writes the file's pages to disk on a thread of its own while the export goes on.
///
/// The rename at [`Output::finish`] must follow a full `fsync`, or a crash could leave an
/// empty file where the previous export was. Left to the end, that `fsync` wrote the whole
/// file while nothing else ran: a second of a five-second export of 670 MB. Syncing every
/// [`EARLY_SYNC_BYTES`] in the background leaves the last one little to write.
struct EarlySync {
    /// `None` after the syncing thread stopped on an error (reported by `finish`).
    requests: Option<crossbeam_channel::Sender<()>>,
    thread: Option<std::thread::JoinHandle<io::Result<()>>>,
    unsynced: u64,
}

impl EarlySync {
    fn start(file: std::fs::File) -> io::Result<Self> {
        // One request waiting is enough: a sync writes everything written before it.
        let (requests, received) = crossbeam_channel::bounded::<()>(1);
        let thread = std::thread::Builder::new()
            .name("nd-sync".into())
            .spawn(move || {
                for () in received {
                    file.sync_data()?;
                }
                Ok(())
            })?;
        Ok(Self {
            requests: Some(requests),
            thread: Some(thread),
            unsynced: 0,
        })
    }

    fn wrote(&mut self, bytes: usize) {
        self.unsynced += bytes as u64;
        if self.unsynced >= EARLY_SYNC_BYTES {
            self.unsynced = 0;
            if let Some(requests) = &self.requests
                && let Err(crossbeam_channel::TrySendError::Disconnected(())) =
                    requests.try_send(())
            {
                self.requests = None;
            }
        }
    }

    /// Stop the thread; its error, if it had one.
    fn stop(&mut self) -> io::Result<()> {
        self.requests = None;
        match self.thread.take().map(std::thread::JoinHandle::join) {
            None => Ok(()),
            Some(Ok(result)) => result,
            Some(Err(panic)) => std::panic::resume_unwind(panic),
        }
    }
}

impl Drop for EarlySync {
    fn drop(&mut self) {
        // An abandoned export: the thread's error no longer matters.
        let _ = self.stop();
    }
}

impl Output {
    /// Start writing to a temporary file beside `path`.
    pub fn create(path: &Path) -> io::Result<Self> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let temp = tempfile::NamedTempFile::new_in(dir)?;
        let early = EarlySync::start(temp.as_file().try_clone()?)?;
        let file = BufWriter::with_capacity(1 << 20, temp);
        let sink = match OutputCompression::for_path(path) {
            OutputCompression::None => Sink::Plain(file),
            OutputCompression::Gzip => Sink::Gzip(flate2::write::GzEncoder::new(
                file,
                flate2::Compression::default(),
            )),
            OutputCompression::Zstd => {
                Sink::Zstd(zstd::stream::write::Encoder::new(file, EXPORT_ZSTD_LEVEL)?)
            }
        };
        Ok(Self {
            sink,
            path: path.to_path_buf(),
            early,
        })
    }

    /// Flush, finish compression, and move the file into place.
    pub fn finish(mut self) -> io::Result<()> {
        self.early.stop()?;
        let buffered = match self.sink {
            Sink::Plain(w) => w,
            Sink::Gzip(w) => w.finish()?,
            Sink::Zstd(w) => w.finish()?,
        };
        let temp = buffered.into_inner().map_err(|e| e.into_error())?;
        temp.as_file().sync_all()?;
        temp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for Output {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let written = match &mut self.sink {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
            Sink::Zstd(w) => w.write(buf),
        }?;
        self.early.wrote(written);
        Ok(written)
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Plain(w) => w.flush(),
            Sink::Gzip(w) => w.flush(),
            Sink::Zstd(w) => w.flush(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Metadata, Relation};
    use std::io::Read;

    fn article() -> ArchivedArticle {
        ArchivedArticle {
            id: 3,
            origin: "feeds/a.jsonl:2".into(),
            meta: Metadata {
                external_id: Some("w-1".into()),
                authors: vec!["Ann Lee".into()],
                ..Default::default()
            },
            cluster_id: 1,
            canonical: true,
            relation: Relation::Original,
            similarity: 1.0,
            copies: 2,
            text: "Body.".into(),
        }
    }

    #[test]
    fn jsonl_row_has_exactly_the_contract_fields_in_order() {
        let mut out = Vec::new();
        write_jsonl(&mut out, &article()).expect("write");
        let line = String::from_utf8(out).expect("utf8");
        assert_eq!(
            line,
            "{\"id\":3,\"external_id\":\"w-1\",\"origin\":\"feeds/a.jsonl:2\",\"url\":null,\"title\":null,\
             \"authors\":[\"Ann Lee\"],\"section\":null,\"source\":null,\"published\":null,\"cluster_id\":1,\
             \"canonical\":true,\"relation\":\"original\",\"similarity\":1.0,\"copies\":2,\"text\":\"Body.\"}\n"
        );
    }

    #[test]
    fn text_is_escaped_as_serde_json_escapes_it() {
        let mut a = article();
        for text in [
            "",
            "plain",
            "\"Quoted,\" she said.\n\nA back\\slash, a tab\t, \r\u{8}\u{c}\u{0}\u{1f}\u{7f}",
            "curly \u{201c}quotes\u{201d} \u{2014} and \u{1F600} é \u{2028}",
        ] {
            a.text = text.into();
            let mut line = Vec::new();
            encode_jsonl(&a, &mut line);
            let mut expected = serde_json::to_vec(&ExportRow::from(&a)).expect("json");
            expected.push(b'\n');
            assert_eq!(
                String::from_utf8(line),
                String::from_utf8(expected),
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn any_text_is_escaped_as_serde_json_escapes_it(text in "(\\PC|[\\x00-\\x1f\\x7f\"\\\\]){0,400}") {
            let mut a = article();
            a.text = text;
            let mut line = Vec::new();
            encode_jsonl(&a, &mut line);
            let mut expected = serde_json::to_vec(&ExportRow::from(&a)).expect("json");
            expected.push(b'\n');
            proptest::prop_assert_eq!(line, expected);
        }
    }

    #[test]
    fn outputs_compress_by_extension_and_appear_only_when_finished() {
        let dir = tempfile::tempdir().expect("tmp");
        for name in ["out.jsonl", "out.jsonl.gz", "out.jsonl.zst"] {
            let path = dir.path().join(name);
            let mut out = Output::create(&path).expect("create");
            write_jsonl(&mut out, &article()).expect("write");
            assert!(!path.exists(), "{name} visible before finish");
            out.finish().expect("finish");
            let raw = std::fs::read(&path).expect("read");
            let (_, mut reader) =
                crate::ingest::decompress::decoded(io::Cursor::new(raw)).expect("open");
            let mut text = String::new();
            reader.read_to_string(&mut text).expect("decode");
            assert!(text.starts_with("{\"id\":3,"), "{name}: {text}");
        }
    }
}
