//! JSONL records: one JSON object per line, fields found by their common names.
//!
//! Crawler exports disagree on names (`body` vs `text` vs `content`), so each field has a list of
//! candidate keys, tried in order; `--field body=story_text` replaces a field's list with one key.
//! Values of the wrong type are reported, not coerced silently — except numbers for `id` and
//! `published`, which exports commonly emit as integers.

use super::byline::split_authors;
use super::split_paragraphs;
use crate::model::{Metadata, ParsedArticle};
use serde_json::{Map, Value};

/// Which JSON keys hold which article field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldMap {
    pub id: Vec<String>,
    pub url: Vec<String>,
    pub title: Vec<String>,
    pub body: Vec<String>,
    pub authors: Vec<String>,
    pub published: Vec<String>,
    pub source: Vec<String>,
    pub section: Vec<String>,
}

fn names(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldMap {
    fn default() -> Self {
        Self {
            id: names(&["id", "_id", "uuid", "guid"]),
            url: names(&["url", "link", "canonical_url"]),
            title: names(&["title", "headline"]),
            body: names(&["body", "text", "content", "article", "maintext"]),
            authors: names(&["authors", "author", "byline"]),
            published: names(&[
                "published",
                "date",
                "published_at",
                "date_publish",
                "pubdate",
            ]),
            source: names(&["source", "site", "domain", "source_domain", "publisher"]),
            section: names(&["section", "category"]),
        }
    }
}

/// The field names `--field NAME=KEY` accepts.
pub const FIELD_NAMES: &[&str] = &[
    "id",
    "url",
    "title",
    "body",
    "authors",
    "published",
    "source",
    "section",
];

impl FieldMap {
    /// Make `key` the only JSON key for `field`.
    pub fn set(&mut self, field: &str, key: &str) -> Result<(), String> {
        let slot = match field {
            "id" => &mut self.id,
            "url" => &mut self.url,
            "title" => &mut self.title,
            "body" => &mut self.body,
            "authors" => &mut self.authors,
            "published" => &mut self.published,
            "source" => &mut self.source,
            "section" => &mut self.section,
            other => {
                return Err(format!(
                    "unknown field `{other}` (expected one of: {})",
                    FIELD_NAMES.join(", ")
                ));
            }
        };
        *slot = vec![key.to_string()];
        Ok(())
    }
}

/// Parse one JSONL line.
pub fn parse_line(line: &str, fields: &FieldMap) -> Result<ParsedArticle, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
    let Value::Object(obj) = value else {
        return Err(format!(
            "expected a JSON object, found {}",
            type_name(&value)
        ));
    };
    let body = match find(&obj, &fields.body) {
        Some((_, Value::String(s))) => s.as_str(),
        Some((key, other)) => return Err(wrong_type("body", key, "a string", other)),
        None => {
            return Err(format!(
                "no body field (looked for: {})",
                fields.body.join(", ")
            ));
        }
    };
    let meta = Metadata {
        external_id: scalar_field(&obj, &fields.id, "id")?,
        url: text_field(&obj, &fields.url, "url")?,
        title: text_field(&obj, &fields.title, "title")?,
        authors: authors_field(&obj, &fields.authors)?,
        section: text_field(&obj, &fields.section, "section")?,
        source: text_field(&obj, &fields.source, "source")?,
        published: scalar_field(&obj, &fields.published, "published")?,
    };
    Ok(ParsedArticle {
        meta,
        paragraphs: split_paragraphs(body),
        summary: None,
        removals: Vec::new(),
    })
}

/// The first present, non-null candidate key.
fn find<'a>(obj: &'a Map<String, Value>, keys: &'a [String]) -> Option<(&'a str, &'a Value)> {
    keys.iter()
        .find_map(|k| obj.get(k).filter(|v| !v.is_null()).map(|v| (k.as_str(), v)))
}

fn text_field(
    obj: &Map<String, Value>,
    keys: &[String],
    field: &str,
) -> Result<Option<String>, String> {
    match find(obj, keys) {
        None => Ok(None),
        Some((_, Value::String(s))) => Ok(non_empty(s)),
        Some((key, other)) => Err(wrong_type(field, key, "a string", other)),
    }
}

fn scalar_field(
    obj: &Map<String, Value>,
    keys: &[String],
    field: &str,
) -> Result<Option<String>, String> {
    match find(obj, keys) {
        None => Ok(None),
        Some((_, Value::String(s))) => Ok(non_empty(s)),
        Some((_, Value::Number(n))) => Ok(Some(n.to_string())),
        Some((key, other)) => Err(wrong_type(field, key, "a string or number", other)),
    }
}

fn authors_field(obj: &Map<String, Value>, keys: &[String]) -> Result<Vec<String>, String> {
    let expected = "a string, an array of strings or of {\"name\": ...} objects";
    match find(obj, keys) {
        None => Ok(Vec::new()),
        Some((_, Value::String(s))) => Ok(split_authors(s)),
        Some((key, Value::Array(items))) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.trim().to_string()),
                Value::Object(o) => match o.get("name") {
                    Some(Value::String(s)) => Ok(s.trim().to_string()),
                    _ => Err(wrong_type("authors", key, expected, item)),
                },
                other => Err(wrong_type("authors", key, expected, other)),
            })
            .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
            .collect(),
        Some((key, other)) => Err(wrong_type("authors", key, expected, other)),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn wrong_type(field: &str, key: &str, expected: &str, found: &Value) -> String {
    format!(
        "field `{key}` ({field}) must be {expected}, found {}",
        type_name(found)
    )
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_field_names_are_found() {
        let a = parse_line(
            r#"{"id": 7, "url": "https://x.test/a", "headline": "T", "text": "P1\n\nP2", "author": "By Ann Lee and Bo Park", "date": "2026-11-27", "site": "x.test", "category": "Local"}"#,
            &FieldMap::default(),
        )
        .expect("parses");
        assert_eq!(a.meta.external_id.as_deref(), Some("7"));
        assert_eq!(a.meta.title.as_deref(), Some("T"));
        assert_eq!(a.meta.authors, ["Ann Lee", "Bo Park"]);
        assert_eq!(a.meta.published.as_deref(), Some("2026-11-27"));
        assert_eq!(a.meta.source.as_deref(), Some("x.test"));
        assert_eq!(a.meta.section.as_deref(), Some("Local"));
        assert_eq!(a.paragraphs, ["P1", "P2"]);
    }

    #[test]
    fn authors_as_arrays_of_strings_or_objects() {
        let f = FieldMap::default();
        let a = parse_line(
            r#"{"body": "x", "authors": ["Ann Lee", {"name": "Bo Park"}]}"#,
            &f,
        )
        .expect("ok");
        assert_eq!(a.meta.authors, ["Ann Lee", "Bo Park"]);
    }

    #[test]
    fn mapped_field_names_replace_the_defaults() {
        let mut f = FieldMap::default();
        f.set("body", "story").expect("known field");
        assert!(
            parse_line(r#"{"body": "x"}"#, &f)
                .unwrap_err()
                .contains("looked for: story")
        );
        assert_eq!(
            parse_line(r#"{"story": "x"}"#, &f).expect("ok").paragraphs,
            ["x"]
        );
        assert!(
            f.set("bdy", "x")
                .unwrap_err()
                .contains("unknown field `bdy`")
        );
    }

    #[test]
    fn errors_say_what_is_wrong() {
        let f = FieldMap::default();
        let cases = [
            (r#"{"body": "x""#, "malformed JSON"),
            ("[1,2]", "expected a JSON object, found an array"),
            (r#"{"title": "t"}"#, "no body field"),
            (
                r#"{"body": 5}"#,
                "field `body` (body) must be a string, found a number",
            ),
            (
                r#"{"body": "x", "title": {"a": 1}}"#,
                "field `title` (title) must be a string, found an object",
            ),
            (
                r#"{"body": "x", "authors": [1]}"#,
                "field `authors` (authors) must be a string, an array",
            ),
        ];
        for (line, expected) in cases {
            let err = parse_line(line, &f).unwrap_err();
            assert!(err.contains(expected), "{line}: {err}");
        }
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_crash() {
        let line = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(
            parse_line(&line, &FieldMap::default())
                .unwrap_err()
                .contains("malformed JSON")
        );
    }
}
