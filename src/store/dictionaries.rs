//! The archive's compression dictionaries (see [`codec`]): stored in `dictionaries`,
//! registered for decoding when the archive is opened.

use super::text::{StoredText, base_join, text_columns};
use super::{Batch, Result, Store, codec};
use codec::Dictionary;
use rusqlite::{Connection, OptionalExtension};

/// Make every dictionary stored in the archive behind `conn` available to
/// [`codec::decompress`]. A row that is not a dictionary is skipped: the bodies compressed
/// with it then fail to decode, naming it, which `verify` reports.
fn register_all(conn: &Connection) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT dict FROM dictionaries")?;
    let rows = stmt.query_map([], |r| r.get::<_, Vec<u8>>(0))?;
    for bytes in rows {
        if let Ok(dictionary) = Dictionary::from_bytes(bytes?) {
            codec::register(&dictionary);
        }
    }
    Ok(())
}

/// Before decoding `frame`, read through `conn`: if it names a dictionary this process has
/// not registered, register the archive's dictionaries again. Opening an archive registers
/// them, but a reader that opened it before an ingest committed its first dictionary would
/// otherwise take that ingest's new bodies for corrupt. The dictionary is committed with (or
/// before) the first frame naming it, so the frame's snapshot holds it.
pub(super) fn ensure_registered(conn: &Connection, frame: &[u8]) -> Result<()> {
    match codec::frame_dictionary(frame) {
        Some(id) if !codec::is_registered(id) => register_all(conn),
        _ => Ok(()),
    }
}

impl Store {
    /// Make every stored dictionary available to [`codec::decompress`].
    pub(super) fn register_dictionaries(&self) -> Result<()> {
        register_all(&self.conn)
    }

    /// The dictionary new bodies are compressed with: the newest stored, if any (registered
    /// for decoding too).
    pub fn dictionary(&self) -> Result<Option<Dictionary>> {
        let bytes: Option<Vec<u8>> = self
            .conn
            .query_row(
                "SELECT dict FROM dictionaries ORDER BY id DESC LIMIT 1",
                [],
                |r| r.get(0),
            )
            .optional()?;
        let dictionary = bytes.and_then(|b| Dictionary::from_bytes(b).ok());
        if let Some(d) = &dictionary {
            codec::register(d);
        }
        Ok(dictionary)
    }

    /// The clean texts of up to `limit` of the most recently stored bodies, newest first:
    /// samples to train a dictionary on. Bodies that fail to decode are left out.
    pub fn recent_bodies(&self, limit: usize) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(concat!(
            "SELECT b.id, ",
            text_columns!(),
            " FROM bodies b JOIN body_texts t ON t.body_id = b.id ",
            base_join!(),
            " ORDER BY b.id DESC LIMIT ?1"
        ))?;
        let mut rows = stmt.query([limit as i64])?;
        let mut texts = Vec::new();
        while let Some(row) = rows.next()? {
            let text = StoredText::read(&self.conn, row.get(0)?, row, 1)?;
            if let Ok(text) = text.decode() {
                texts.push(text);
            }
        }
        Ok(texts)
    }
}

impl Batch<'_> {
    /// Store `dictionary` (if it is not stored yet) in this batch's transaction, so that it is
    /// committed with the first bodies compressed with it, or before them.
    pub fn insert_dictionary(&self, dictionary: &Dictionary) -> Result<()> {
        self.tx
            .prepare_cached("INSERT OR IGNORE INTO dictionaries (zstd_id, dict) VALUES (?1, ?2)")?
            .execute(rusqlite::params![
                i64::from(dictionary.id()),
                dictionary.bytes()
            ])?;
        Ok(())
    }
}
