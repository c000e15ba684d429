//! A body's stored text: its zstd frame, and the frame of the body it is compressed against,
//! if it is ([`codec::compress_against`]). Every query that reads texts selects
//! [`text_columns`] with [`base_join`], so that decoding a body never needs a second query.

use super::{Result, StoreError, codec};
use rusqlite::{Connection, Row};

/// A body's frame and length, then its base's id, frame and length (NULL without a base),
/// from `body_texts t` and `bodies b` of the body, with [`base_join`]. (Macros, to be
/// `concat!`ed into queries.)
macro_rules! text_columns {
    () => {
        "t.text_zstd, b.text_bytes, t.base_id, bt.text_zstd, bb.text_bytes"
    };
}
pub(super) use text_columns;

/// The base's frame and length for [`text_columns`]. (Left: a body without a base has none,
/// and a base missing is an error when the text is decoded, not a row left out.)
macro_rules! base_join {
    () => {
        "LEFT JOIN body_texts bt ON bt.body_id = t.base_id LEFT JOIN bodies bb ON bb.id = t.base_id"
    };
}
pub(super) use base_join;

/// What decoding a body's text needs, as read.
#[derive(Debug)]
pub struct StoredText {
    body_id: i64,
    frame: Vec<u8>,
    text_bytes: usize,
    base: Option<StoredBase>,
}

#[derive(Debug)]
struct StoredBase {
    body_id: i64,
    /// `None` if the base has no text.
    frame: Option<Vec<u8>>,
    text_bytes: usize,
}

impl StoredText {
    /// The text of body `body_id` from [`text_columns`] at `at..at + 5` of `row`, its
    /// dictionaries registered for decoding (through `conn`).
    pub(super) fn read(conn: &Connection, body_id: i64, row: &Row, at: usize) -> Result<Self> {
        let frame: Vec<u8> = row.get(at)?;
        super::dictionaries::ensure_registered(conn, &frame)?;
        let base = match row.get::<_, Option<i64>>(at + 2)? {
            None => None,
            Some(base_id) => {
                let frame: Option<Vec<u8>> = row.get(at + 3)?;
                if let Some(f) = &frame {
                    super::dictionaries::ensure_registered(conn, f)?;
                }
                Some(StoredBase {
                    body_id: base_id,
                    frame,
                    text_bytes: row.get::<_, Option<i64>>(at + 4)?.unwrap_or(0) as usize,
                })
            }
        };
        Ok(Self {
            body_id,
            frame,
            text_bytes: row.get::<_, i64>(at + 1)? as usize,
            base,
        })
    }

    /// The body's recorded length.
    pub fn text_bytes(&self) -> usize {
        self.text_bytes
    }

    /// Decompress the text; an error if it does not decode to its recorded length.
    pub fn decode(&self) -> Result<String> {
        let corrupt = |reason: String| StoreError::CorruptBody {
            body_id: self.body_id,
            reason,
        };
        let text = match &self.base {
            None => codec::decompress(&self.frame, self.text_bytes)
                .map_err(|e| corrupt(e.to_string()))?,
            Some(base) => {
                let Some(base_frame) = &base.frame else {
                    return Err(corrupt(format!(
                        "compressed against body {}, which has no text",
                        base.body_id
                    )));
                };
                let base_text = codec::decompress(base_frame, base.text_bytes).map_err(|e| {
                    corrupt(format!(
                        "compressed against body {}, which does not decode: {e}",
                        base.body_id
                    ))
                })?;
                codec::decompress_against(&self.frame, self.text_bytes, &base_text)
                    .map_err(|e| corrupt(e.to_string()))?
            }
        };
        if text.len() != self.text_bytes {
            return Err(corrupt(format!(
                "text is {} bytes, {} recorded",
                text.len(),
                self.text_bytes
            )));
        }
        Ok(text)
    }
}

/// A body stored before the run, compressed against no other, with its text: one the run's new
/// bodies may be compressed against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchivedBase {
    pub body_id: i64,
    pub sha256: [u8; 32],
    pub text: String,
    pub anchors: Vec<u32>,
}

/// The most recently stored bodies that are (or were) canonical, compressed against no other
/// and of at least `min_text_bytes`, newest first, until their texts reach `bytes`. A text that does not decode is left
/// out (`verify` reports it).
pub(super) fn recent_bases(
    conn: &Connection,
    bytes: usize,
    min_text_bytes: usize,
) -> Result<Vec<ArchivedBase>> {
    let mut stmt = conn.prepare(
        "SELECT b.id, b.sha256, b.anchors, t.text_zstd, b.text_bytes
         FROM bodies b JOIN body_texts t ON t.body_id = b.id
         WHERE b.anchors IS NOT NULL AND t.base_id IS NULL AND b.text_bytes >= ?1
         ORDER BY b.id DESC",
    )?;
    let mut rows = stmt.query([min_text_bytes as i64])?;
    let (mut bases, mut total) = (Vec::new(), 0);
    while total < bytes {
        let Some(row) = rows.next()? else { break };
        let frame = row.get_ref(3)?.as_blob().map_err(rusqlite::Error::from)?;
        super::dictionaries::ensure_registered(conn, frame)?;
        let text_bytes = row.get::<_, i64>(4)? as usize;
        let Ok(text) = codec::decompress(frame, text_bytes) else {
            continue;
        };
        let Ok(sha256) =
            <[u8; 32]>::try_from(row.get_ref(1)?.as_blob().map_err(rusqlite::Error::from)?)
        else {
            continue;
        };
        let anchors =
            super::write::blob_anchors(row.get_ref(2)?.as_blob().map_err(rusqlite::Error::from)?)
                .collect();
        total += text.len();
        bases.push(ArchivedBase {
            body_id: row.get(0)?,
            sha256,
            text,
            anchors,
        });
    }
    Ok(bases)
}
