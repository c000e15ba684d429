//! Bylines: turn "By Dana Whitfield and Omar Reyes, Associated Press" into author names (and,
//! when the byline names the outlet, a source).
//!
//! A byline mixes people and organisations with the same separators, so each comma/"and"
//! separated part is classified on its own: a part that names an organisation or a job title is
//! not an author. Rejected alternative: a name dictionary — it cannot know reporters' names.

/// Words that mark a byline part as an organisation or a role, not a person.
const ORG_WORDS: &[&str] = &[
    "press",
    "news",
    "network",
    "times",
    "post",
    "daily",
    "reuters",
    "cnn",
    "associated",
    "media",
    "journal",
    "herald",
    "tribune",
    "staff",
    "writer",
    "correspondent",
    "reporter",
    "editor",
    "bureau",
    "inc",
    "service",
    "wire",
    "agency",
    "radio",
    "tv",
    "television",
    "gazette",
    "chronicle",
    "courier",
    "ap",
    "afp",
    "upi",
    "bloomberg",
    "magazine",
    "report",
];

/// Authors and (optionally) the outlet named in a byline.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Byline {
    pub authors: Vec<String>,
    pub outlet: Option<String>,
}

/// Parse a byline, with or without its leading "By".
pub fn parse_byline(text: &str) -> Byline {
    let mut rest = text.trim();
    if let Some(stripped) = strip_by(rest) {
        rest = stripped;
    }
    let mut byline = Byline::default();
    // "Laura Jarrett (CNN)": the parenthesised outlet.
    if let Some(open) = rest.rfind('(')
        && rest.ends_with(')')
    {
        let outlet = rest[open + 1..rest.len() - 1].trim();
        if !outlet.is_empty() {
            byline.outlet = Some(outlet.to_string());
        }
        rest = rest[..open].trim_end();
    }
    for part in split_parts(rest) {
        let (name, org) = split_name_and_org(part);
        if let Some(org) = org {
            byline.outlet.get_or_insert_with(|| org.to_string());
        }
        if !name.is_empty() && looks_like_name(name) {
            byline.authors.push(name.to_string());
        }
    }
    byline
}

/// Split an author field that may hold several names ("A and B", "A, B & C").
pub fn split_authors(text: &str) -> Vec<String> {
    let rest = strip_by(text.trim()).unwrap_or(text.trim());
    split_parts(rest)
        .filter(|p| !is_org(p))
        .map(str::to_string)
        .collect()
}

fn strip_by(text: &str) -> Option<&str> {
    let head = text.get(..3)?;
    if head.eq_ignore_ascii_case("by ") || head.eq_ignore_ascii_case("by:") {
        Some(text[3..].trim_start())
    } else {
        None
    }
}

fn split_parts(text: &str) -> impl Iterator<Item = &str> {
    text.split([',', '&', '|', ';', '/'])
        .flat_map(|p| p.split(" and "))
        .map(str::trim)
        .filter(|p| !p.is_empty())
}

/// "JOHN DOE Associated Press" → ("JOHN DOE", Some("Associated Press")): the organisation
/// starts at its first organisation word (or a leading "The").
fn split_name_and_org(part: &str) -> (&str, Option<&str>) {
    let mut offset = 0;
    for word in part.split_whitespace() {
        let start = part[offset..].find(word).map_or(offset, |i| offset + i);
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if bare.eq_ignore_ascii_case("the")
            || ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(bare))
        {
            return (part[..start].trim_end(), Some(part[start..].trim()));
        }
        offset = start + word.len();
    }
    (part, None)
}

fn is_org(part: &str) -> bool {
    part.split(|c: char| !c.is_alphanumeric())
        .any(|w| ORG_WORDS.iter().any(|o| o.eq_ignore_ascii_case(w)))
}

fn looks_like_name(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && (!part.ends_with(['.', '!', '?']) || part.ends_with("Jr."))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_forms() {
        let cases: &[(&str, &[&str], Option<&str>)] = &[
            ("Laura Jarrett (CNN)", &["Laura Jarrett"], Some("CNN")),
            (
                "By Dana Whitfield, Associated Press",
                &["Dana Whitfield"],
                Some("Associated Press"),
            ),
            (
                "By Dana Whitfield and Omar Reyes",
                &["Dana Whitfield", "Omar Reyes"],
                None,
            ),
            (
                "BY MARTA OKAFOR | The Lakeshore Daily",
                &["MARTA OKAFOR"],
                Some("The Lakeshore Daily"),
            ),
            (
                "By Ann Lee, Bo Park & Cy Ng",
                &["Ann Lee", "Bo Park", "Cy Ng"],
                None,
            ),
            ("By Staff Writer", &[], Some("Staff Writer")),
            (
                "By JOHN DOE Associated Press",
                &["JOHN DOE"],
                Some("Associated Press"),
            ),
            ("By The Associated Press", &[], Some("The Associated Press")),
            (
                "By Ann Lee, The Lakeshore Daily",
                &["Ann Lee"],
                Some("The Lakeshore Daily"),
            ),
        ];
        for (text, authors, outlet) in cases {
            let b = parse_byline(text);
            assert_eq!(b.authors, *authors, "{text}");
            assert_eq!(b.outlet.as_deref(), *outlet, "{text}");
        }
    }

    #[test]
    fn author_fields_split_into_names() {
        assert_eq!(
            split_authors("By Ann Lee and Bo Park"),
            ["Ann Lee", "Bo Park"]
        );
        assert_eq!(split_authors("Ann Lee"), ["Ann Lee"]);
        assert!(split_authors("").is_empty());
    }
}
