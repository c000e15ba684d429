use super::*;

/// A fictional article in the scraped shape: section, title, summary (the lede again), stamps,
/// a lone "By" with the name on the next line, body, copyright footer.
const SCRAPED: &str = "Local News

Millbrook council votes to close Elm Street bridge for repairs

The Millbrook city council voted 7-2 on Tuesday to close the Elm Street bridge for six months, a city spokesperson told reporters.

Posted Updated

By
Dana Whitfield (CNN)

The Millbrook city council voted 7-2 on Tuesday to close the Elm Street bridge for six months, a city spokesperson told reporters.

Engineers found cracked girders during an inspection in October.

Copyright 2026 by Northwind News Network, Inc. All rights reserved.
";

#[test]
fn splits_section_title_summary_and_byline() {
    let parsed = parse_text(SCRAPED);
    assert_eq!(parsed.meta.section.as_deref(), Some("Local News"));
    assert_eq!(
        parsed.meta.title.as_deref(),
        Some("Millbrook council votes to close Elm Street bridge for repairs")
    );
    assert_eq!(parsed.meta.authors, ["Dana Whitfield"]);
    assert_eq!(parsed.meta.source.as_deref(), Some("CNN"));
    assert!(
        parsed
            .summary
            .as_deref()
            .is_some_and(|s| s.starts_with("The Millbrook city council"))
    );
    assert_eq!(&parsed.paragraphs[0], "Posted Updated");
    assert_eq!(&parsed.paragraphs[1], "By");
}

#[test]
fn with_the_rule_pack_the_body_is_the_story_once() {
    let clean = crate::normalize::Normalizer::builtin().clean(parse_text(SCRAPED));
    assert!(clean.text.starts_with("The Millbrook city council voted"));
    assert_eq!(
        clean
            .text
            .matches("The Millbrook city council voted")
            .count(),
        1
    );
    for gone in [
        "Local News",
        "Posted",
        "Updated",
        "By",
        "Dana Whitfield",
        "Copyright",
    ] {
        assert!(!clean.text.contains(gone), "{gone} left in body");
    }
    assert!(clean.text.ends_with("during an inspection in October."));
}

#[test]
fn title_then_body_without_any_header() {
    let parsed =
        parse_text("Storm knocks out power\n\nThousands lost power.\n\nCrews worked overnight.\n");
    assert_eq!(parsed.meta.title.as_deref(), Some("Storm knocks out power"));
    assert_eq!(parsed.meta.section, None);
    assert_eq!(
        parsed.paragraphs,
        ["Thousands lost power.", "Crews worked overnight."]
    );
}

#[test]
fn single_line_byline_with_outlet_and_two_authors() {
    let parsed = parse_text(
        "Business\n\nHarbor Lane profit rises\n\nBy Ann Lee and Bo Park, Associated Press\n\nProfit rose.\n",
    );
    assert_eq!(
        parsed.meta.title.as_deref(),
        Some("Harbor Lane profit rises")
    );
    assert_eq!(parsed.meta.section.as_deref(), Some("Business"));
    assert_eq!(parsed.meta.authors, ["Ann Lee", "Bo Park"]);
    assert_eq!(parsed.meta.source.as_deref(), Some("Associated Press"));
    assert_eq!(parsed.summary, None);
}

#[test]
fn key_value_header_block_is_metadata() {
    let parsed = parse_text(
        "Title: Ferry service resumes\nURL: https://example.org/ferry\nSource: Lakeshore Daily\nDate: 2026-11-27\n\nThe ferry ran again.\n",
    );
    assert_eq!(parsed.meta.title.as_deref(), Some("Ferry service resumes"));
    assert_eq!(
        parsed.meta.url.as_deref(),
        Some("https://example.org/ferry")
    );
    assert_eq!(parsed.meta.source.as_deref(), Some("Lakeshore Daily"));
    assert_eq!(parsed.meta.published.as_deref(), Some("2026-11-27"));
    assert_eq!(parsed.paragraphs, ["The ferry ran again."]);
    assert_eq!(parsed.removals[0].rule, "header-fields");
}

#[test]
fn body_only_text_keeps_everything() {
    let parsed = parse_text("The ferry ran again on Monday.\n\nIt was late.\n");
    assert_eq!(parsed.meta.title, None);
    assert_eq!(parsed.paragraphs.len(), 2);
}

#[test]
fn crlf_and_bom_are_handled() {
    let parsed =
        parse_text("\u{FEFF}Storm knocks out power\r\n\r\nThousands lost power.\r\n\r\nMore.\r\n");
    assert_eq!(parsed.meta.title.as_deref(), Some("Storm knocks out power"));
    assert_eq!(parsed.paragraphs, ["Thousands lost power.", "More."]);
}
