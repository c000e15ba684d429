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
    serde_json::to_writer(&mut *out, &ExportRow::from(article))?;
    out.write_all(b"\n")
}

/// Rows read from the archive per chunk of work for the pool.
const CHUNK_ROWS: usize = 512;

/// Write the exported articles (each cluster's canonical one, or `all` copies) to `out` as
/// JSON lines, in archive order. Returns how many were written.
///
/// Reading the archive stays on this thread; decompressing the texts and serializing the rows,
/// about two thirds of the work, run on rayon's pool one chunk of rows while this thread reads
/// the next, and a writer thread puts the chunks out in order. The output is the same as one
/// [`write_jsonl`] per article.
pub fn export_jsonl(
    store: &Store,
    all: bool,
    out: &mut (dyn Write + Send),
) -> Result<io::Result<u64>, StoreError> {
    std::thread::scope(|scope| {
        let (chunks, received) = crossbeam_channel::bounded::<Vec<StoredArticle>>(2);
        let writer = scope.spawn(move || -> Result<io::Result<u64>, StoreError> {
            let mut rows = 0;
            for chunk in received {
                let lines: Vec<Result<Vec<u8>, StoreError>> =
                    chunk.into_par_iter().map(encode).collect();
                for line in lines {
                    if let Err(e) = out.write_all(&line?) {
                        return Ok(Err(e));
                    }
                    rows += 1;
                }
            }
            Ok(Ok(rows))
        });
        let mut chunk = Vec::with_capacity(CHUNK_ROWS);
        let read = store.for_each_stored(all, &mut |stored| {
            chunk.push(stored);
            if chunk.len() == CHUNK_ROWS {
                let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK_ROWS));
                // The writer stops receiving only on an error, which it reports below.
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

/// One stored article as its JSON line.
fn encode(stored: StoredArticle) -> Result<Vec<u8>, StoreError> {
    let article = stored.decode()?;
    let mut line = Vec::with_capacity(article.text.len() + 512);
    write_jsonl(&mut line, &article).expect("writing to memory cannot fail");
    Ok(line)
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
}

impl Output {
    /// Start writing to a temporary file beside `path`.
    pub fn create(path: &Path) -> io::Result<Self> {
        let dir = path
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let file = BufWriter::with_capacity(1 << 20, tempfile::NamedTempFile::new_in(dir)?);
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
        })
    }

    /// Flush, finish compression, and move the file into place.
    pub fn finish(self) -> io::Result<()> {
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
        match &mut self.sink {
            Sink::Plain(w) => w.write(buf),
            Sink::Gzip(w) => w.write(buf),
            Sink::Zstd(w) => w.write(buf),
        }
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
