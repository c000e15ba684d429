//! The plain-text article shape of scraped dumps: one article per file.
//!
//! ```text
//! Political News                      <- optional section label
//! Council closes Elm Street bridge    <- title
//! The council voted on Tuesday ...    <- optional summary (often the lede printed twice)
//! Posted Updated                      <- stamps
//! By                                  <- byline ("By" + name line, or "By Name, Outlet")
//! Dana Whitfield (CNN)
//! The council voted on Tuesday ...    <- body paragraphs
//! Copyright 2026 by ... All rights reserved.
//! ```
//! Paragraphs are separated by blank lines. The parser only finds where the header ends (the
//! stamps and byline) and what comes before it (section, title, summary); the stamp and byline
//! paragraphs stay at the head of the body so the rule pack removes them and records the removal.
//! An optional `Key: value` block at the very top (Title, URL, Source, Author, Date, Section, Id)
//! is read as metadata, for dumps that carry it.

use super::byline::{parse_byline, split_authors};
use super::split_paragraphs;
use crate::model::{Metadata, Paragraphs, ParsedArticle, Removal};
use regex::Regex;
use std::sync::LazyLock;

/// How far into an article the header (stamps, byline) may reach, in paragraphs.
const MAX_HEADER_PARAGRAPHS: usize = 8;
/// Longest paragraph that can be a title (bytes).
const MAX_TITLE_BYTES: usize = 250;
/// Longest paragraph that can be a section label (bytes).
const MAX_SECTION_BYTES: usize = 40;

static STAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:last\s+)?updated|posted|published|first published)\b").expect("valid")
});
static BYLINE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(?i:by)(?::|\s|$)").expect("valid"));
static FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(title|headline|url|link|source|site|author|authors|byline|date|published|section|category|id)\s*:\s*(.+)$")
        .expect("valid")
});

/// Parse one plain-text article.
pub fn parse_text(text: &str) -> ParsedArticle {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut meta = Metadata::default();
    let mut removals = Vec::new();
    let (fields, rest) = field_block(text);
    if !fields.is_empty() {
        for (key, value) in fields {
            set_field(&mut meta, &key, value);
        }
        removals.push(Removal::new(
            "header-fields",
            text[..text.len() - rest.len()].trim(),
        ));
    }
    let mut paragraphs = split_paragraphs(rest);
    let header_end = paragraphs
        .iter()
        .take(MAX_HEADER_PARAGRAPHS)
        .position(is_marker);
    let lead: Vec<String> = match header_end {
        Some(end) => paragraphs.take_front(end),
        None => take_untagged_header(&mut paragraphs, meta.title.is_some()),
    };
    let summary = assign_header(&mut meta, lead);
    if let Some(end) = header_end.map(|_| marker_span(&paragraphs)) {
        read_byline(&mut meta, paragraphs.iter().take(end));
    }
    ParsedArticle {
        meta,
        paragraphs,
        summary,
        removals,
    }
}

/// A stamp or byline paragraph.
fn is_marker(p: &str) -> bool {
    p.len() <= 160 && (STAMP.is_match(p) || (BYLINE.is_match(p) && !p.trim_end().ends_with('.')))
}

/// How many paragraphs at the head of the body belong to the stamps and byline.
fn marker_span(paragraphs: &Paragraphs) -> usize {
    let mut end = 0;
    while end < paragraphs.len() && is_marker(&paragraphs[end]) {
        // A lone "By" owns the name line after it.
        end += if paragraphs[end].trim().eq_ignore_ascii_case("by") {
            2
        } else {
            1
        };
    }
    end.min(paragraphs.len())
}

fn read_byline<'a>(meta: &mut Metadata, mut markers: impl Iterator<Item = &'a str>) {
    while let Some(p) = markers.next() {
        if !BYLINE.is_match(p) {
            continue;
        }
        let line = if p.trim().eq_ignore_ascii_case("by") {
            markers.next().unwrap_or("")
        } else {
            p
        };
        let byline = parse_byline(line);
        meta.authors.extend(byline.authors);
        if meta.source.is_none() {
            meta.source = byline.outlet;
        }
    }
}

/// Without stamps or a byline: "Section / Title / body" or "Title / body", when they look so.
fn take_untagged_header(paragraphs: &mut Paragraphs, has_title: bool) -> Vec<String> {
    if has_title || paragraphs.len() < 2 {
        return Vec::new();
    }
    let labelled = paragraphs.len() >= 3 && is_label(&paragraphs[0]) && is_title(&paragraphs[1]);
    match (labelled, is_title(&paragraphs[0])) {
        (true, _) => paragraphs.take_front(2),
        (false, true) => paragraphs.take_front(1),
        (false, false) => Vec::new(),
    }
}

/// Give the paragraphs before the header their roles; returns the summary, if any.
fn assign_header(meta: &mut Metadata, mut lead: Vec<String>) -> Option<String> {
    let section = match lead.len() {
        0 | 1 => None,
        2 if !is_label(&lead[0]) || is_summary(&lead[1]) => None,
        _ if is_label(&lead[0]) => Some(lead.remove(0)),
        _ => None,
    };
    let mut lead = lead.into_iter();
    let title = lead.next();
    let summary: Vec<String> = lead.collect();
    if meta.section.is_none() {
        meta.section = section.map(|s| one_line(&s));
    }
    if meta.title.is_none() {
        meta.title = title.map(|t| one_line(&t));
    }
    (!summary.is_empty()).then(|| summary.join("\n\n"))
}

fn is_label(p: &str) -> bool {
    p.len() <= MAX_SECTION_BYTES
        && !p.contains('\n')
        && !ends_sentence(p)
        && p.split_whitespace().count() <= 4
}

fn is_title(p: &str) -> bool {
    p.len() <= MAX_TITLE_BYTES && !p.contains('\n') && !p.trim_end().ends_with('.')
}

fn is_summary(p: &str) -> bool {
    p.len() > 80 && ends_sentence(p)
}

fn ends_sentence(p: &str) -> bool {
    p.trim_end().ends_with(['.', '!', '?', '"', '\u{201D}'])
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A leading block of `Key: value` lines ended by a blank line (or the end), and the text
/// after it. No block: no fields and the whole text.
fn field_block(text: &str) -> (Vec<(String, String)>, &str) {
    let mut fields = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            return (fields, &text[offset..]);
        }
        match FIELD.captures(line.trim()) {
            Some(caps) => fields.push((caps[1].to_ascii_lowercase(), caps[2].trim().to_string())),
            None => return (Vec::new(), text),
        }
        offset += line.len();
    }
    (fields, &text[offset..])
}

fn set_field(meta: &mut Metadata, key: &str, value: String) {
    match key {
        "title" | "headline" => meta.title = Some(value),
        "url" | "link" => meta.url = Some(value),
        "source" | "site" => meta.source = Some(value),
        "author" | "authors" | "byline" => meta.authors = split_authors(&value),
        "date" | "published" => meta.published = Some(value),
        "section" | "category" => meta.section = Some(value),
        "id" => meta.external_id = Some(value),
        _ => {}
    }
}

#[cfg(test)]
mod tests;
