//! JSONL records: one JSON object per line, fields found by their common names.
//!
//! Crawler exports disagree on names (`body` vs `text` vs `content`), so each field has a list of
//! candidate keys, tried in order; `--field body=story_text` replaces a field's list with one key.
//! Values of the wrong type are reported, not coerced silently — except numbers for `id` and
//! `published`, which exports commonly emit as integers.

use super::byline::split_authors;
use super::split_paragraphs;
use crate::model::{Metadata, ParsedArticle};
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde_json::Value;
use std::borrow::Cow;
use std::fmt;

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
///
/// Only the values of keys some field looks for are decoded, in the same pass that checks the
/// line's syntax; strings without escapes are borrowed from the line, and other members are
/// skipped without building anything.
pub fn parse_line(line: &str, fields: &FieldMap) -> Result<ParsedArticle, String> {
    if !line.trim_start().starts_with('{') {
        // Not an object: decode it whole to say what it is (or what is malformed about it).
        let value: Value =
            serde_json::from_str(line).map_err(|e| format!("malformed JSON: {e}"))?;
        return Err(format!(
            "expected a JSON object, found {}",
            type_name(&value)
        ));
    }
    let mut de = serde_json::Deserializer::from_str(line);
    let obj = Wanted(fields)
        .deserialize(&mut de)
        .and_then(|obj| de.end().map(|()| obj))
        .map_err(|e| format!("malformed JSON: {e}"))?;
    let body = match find(&obj, &fields.body) {
        Some((_, Member::String(s))) => s,
        Some((key, other)) => return Err(wrong_type("body", key, "a string", other.kind())),
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

/// The members of a line's object whose keys a field looks for, in order. A key given twice
/// keeps its last value, as a decoded map would.
struct Object<'a>(Vec<(Str<'a>, Member<'a>)>);

/// A member's value, decoded as far as field extraction needs.
enum Member<'a> {
    Null,
    Bool,
    Number(serde_json::Number),
    String(Cow<'a, str>),
    /// Arrays are decoded whole: only `authors` takes one, and they are short.
    Array(Vec<Value>),
    Object,
}

impl Member<'_> {
    fn kind(&self) -> Kind {
        match self {
            Member::Null => Kind::Null,
            Member::Bool => Kind::Bool,
            Member::Number(_) => Kind::Number,
            Member::String(_) => Kind::String,
            Member::Array(_) => Kind::Array,
            Member::Object => Kind::Object,
        }
    }
}

/// Deserializes a line's object into the members `.0` looks for.
struct Wanted<'f>(&'f FieldMap);

impl FieldMap {
    fn wants(&self, key: &str) -> bool {
        [
            &self.id,
            &self.url,
            &self.title,
            &self.body,
            &self.authors,
            &self.published,
            &self.source,
            &self.section,
        ]
        .iter()
        .any(|keys| keys.iter().any(|k| k == key))
    }
}

impl<'de> DeserializeSeed<'de> for Wanted<'_> {
    type Value = Object<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Object<'de>, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for Wanted<'_> {
    type Value = Object<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Object<'de>, A::Error> {
        let mut members = Vec::new();
        while let Some(key) = map.next_key::<Str<'de>>()? {
            if self.0.wants(&key.0) {
                members.push((key, map.next_value::<Member<'de>>()?));
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok(Object(members))
    }
}

impl<'de> Deserialize<'de> for Member<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Any;
        impl<'de> Visitor<'de> for Any {
            type Value = Member<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON value")
            }
            fn visit_unit<E: de::Error>(self) -> Result<Member<'de>, E> {
                Ok(Member::Null)
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> Result<Member<'de>, E> {
                Ok(Member::Bool)
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Member<'de>, E> {
                Ok(Member::Number(n.into()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Member<'de>, E> {
                Ok(Member::Number(n.into()))
            }
            fn visit_f64<E: de::Error>(self, n: f64) -> Result<Member<'de>, E> {
                // JSON numbers are finite, so this is always `Some`.
                Ok(serde_json::Number::from_f64(n).map_or(Member::Null, Member::Number))
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Member<'de>, E> {
                Ok(Member::String(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Member<'de>, E> {
                Ok(Member::String(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Member<'de>, E> {
                Ok(Member::String(Cow::Owned(s)))
            }
            fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Member<'de>, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element::<Value>()? {
                    items.push(item);
                }
                Ok(Member::Array(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Member<'de>, A::Error> {
                while map
                    .next_entry::<de::IgnoredAny, de::IgnoredAny>()?
                    .is_some()
                {}
                Ok(Member::Object)
            }
        }
        deserializer.deserialize_any(Any)
    }
}

/// A decoded JSON string, borrowed from the line when it has no escapes.
struct Str<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Str<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Text;
        impl<'de> Visitor<'de> for Text {
            type Value = Str<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a string")
            }
            fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Borrowed(s)))
            }
            fn visit_str<E: de::Error>(self, s: &str) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s.to_owned())))
            }
            fn visit_string<E: de::Error>(self, s: String) -> Result<Str<'de>, E> {
                Ok(Str(Cow::Owned(s)))
            }
        }
        deserializer.deserialize_str(Text)
    }
}

/// The JSON type of a value, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Null,
    Bool,
    Number,
    String,
    Array,
    Object,
}

/// The first present, non-null candidate key.
fn find<'o, 'a>(obj: &'o Object<'a>, keys: &'o [String]) -> Option<(&'o str, &'o Member<'a>)> {
    keys.iter().find_map(|k| {
        obj.0
            .iter()
            .rev()
            .find(|(key, _)| key.0 == k.as_str())
            .filter(|(_, value)| !matches!(value, Member::Null))
            .map(|(_, value)| (k.as_str(), value))
    })
}

fn text_field(obj: &Object, keys: &[String], field: &str) -> Result<Option<String>, String> {
    match find(obj, keys) {
        None => Ok(None),
        Some((_, Member::String(s))) => Ok(non_empty(s)),
        Some((key, other)) => Err(wrong_type(field, key, "a string", other.kind())),
    }
}

fn scalar_field(obj: &Object, keys: &[String], field: &str) -> Result<Option<String>, String> {
    match find(obj, keys) {
        None => Ok(None),
        Some((_, Member::String(s))) => Ok(non_empty(s)),
        Some((_, Member::Number(n))) => Ok(Some(n.to_string())),
        Some((key, other)) => Err(wrong_type(field, key, "a string or number", other.kind())),
    }
}

fn authors_field(obj: &Object, keys: &[String]) -> Result<Vec<String>, String> {
    let expected = "a string, an array of strings or of {\"name\": ...} objects";
    match find(obj, keys) {
        None => Ok(Vec::new()),
        Some((_, Member::String(s))) => Ok(split_authors(s)),
        Some((key, Member::Array(items))) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.trim().to_string()),
                Value::Object(o) => match o.get("name") {
                    Some(Value::String(s)) => Ok(s.trim().to_string()),
                    _ => Err(wrong_type("authors", key, expected, value_kind(item))),
                },
                other => Err(wrong_type("authors", key, expected, value_kind(other))),
            })
            .filter(|r| r.as_ref().map_or(true, |s| !s.is_empty()))
            .collect(),
        Some((key, other)) => Err(wrong_type("authors", key, expected, other.kind())),
    }
}

fn non_empty(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn wrong_type(field: &str, key: &str, expected: &str, found: Kind) -> String {
    format!(
        "field `{key}` ({field}) must be {expected}, found {}",
        kind_name(found)
    )
}

fn value_kind(v: &Value) -> Kind {
    match v {
        Value::Null => Kind::Null,
        Value::Bool(_) => Kind::Bool,
        Value::Number(_) => Kind::Number,
        Value::String(_) => Kind::String,
        Value::Array(_) => Kind::Array,
        Value::Object(_) => Kind::Object,
    }
}

fn type_name(v: &Value) -> &'static str {
    kind_name(value_kind(v))
}

fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Null => "null",
        Kind::Bool => "a boolean",
        Kind::Number => "a number",
        Kind::String => "a string",
        Kind::Array => "an array",
        Kind::Object => "an object",
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
    fn values_decode_as_a_full_parse_would() {
        let f = FieldMap::default();
        let a = parse_line(
            r#"{"id": 1.50, "body": "caf\u00e9 \"q\"\n\nnext", "title": "first", "title": " last ", "published": 20261127}"#,
            &f,
        )
        .expect("parses");
        assert_eq!(a.paragraphs, ["café \"q\"", "next"]);
        assert_eq!(a.meta.external_id.as_deref(), Some("1.5"));
        // A key given twice keeps its last value.
        assert_eq!(a.meta.title.as_deref(), Some("last"));
        assert_eq!(a.meta.published.as_deref(), Some("20261127"));
        // Null is absent: the next candidate key is used.
        let b = parse_line(r#"{"body": null, "text": "t"}"#, &f).expect("parses");
        assert_eq!(b.paragraphs, ["t"]);
    }

    #[test]
    fn members_no_field_wants_are_still_checked() {
        let f = FieldMap::default();
        for line in [
            r#"{"body": "x", "extra": [1, }"#,
            r#"{"body": "x", "extra": "\q"}"#,
            r#"{"body": "x"} trailing"#,
            r#"{"body": "x", "body2": tru}"#,
        ] {
            assert!(
                parse_line(line, &f).unwrap_err().contains("malformed JSON"),
                "{line}"
            );
        }
        // Deep nesting in a member nobody reads is skipped; in one a field reads, an error.
        let deep = |key: &str| {
            format!(
                r#"{{"body": "x", "{key}": {}{}}}"#,
                "[".repeat(100_000),
                "]".repeat(100_000)
            )
        };
        assert_eq!(
            parse_line(&deep("extra"), &f).expect("parses").paragraphs,
            ["x"]
        );
        assert!(
            parse_line(&deep("authors"), &f)
                .unwrap_err()
                .contains("malformed JSON")
        );
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
