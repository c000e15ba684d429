//! Canonical policy: which article of a cluster stands for it.
//!
//! Default: the most complete body (most words), then the earliest published, then the first
//! ingested. Publication times are compared only when both parse (ISO 8601 or RFC 2822);
//! an article without a usable time never wins on time.

/// Which article becomes a cluster's canonical.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CanonicalPolicy {
    /// Most words, then earliest published, then first ingested.
    #[default]
    Longest,
    /// Earliest published, then most words, then first ingested.
    Earliest,
    /// First ingested, always.
    First,
}

/// What the policy compares of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    pub words: u32,
    /// Sortable publication time (`YYYY-MM-DDTHH:MM:SS`), if known.
    pub published: Option<String>,
}

impl CanonicalPolicy {
    /// Does a newly ingested article take over from the current canonical?
    pub fn takes_over(self, new: &Standing, current: &Standing) -> bool {
        let earlier = match (&new.published, &current.published) {
            (Some(n), Some(c)) => n.cmp(c).reverse(),
            _ => std::cmp::Ordering::Equal,
        };
        let longer = new.words.cmp(&current.words);
        let order = match self {
            Self::Longest => longer.then(earlier),
            Self::Earliest => earlier.then(longer),
            Self::First => std::cmp::Ordering::Equal,
        };
        // Ties keep the article ingested first.
        order == std::cmp::Ordering::Greater
    }
}

const MONTHS: [&str; 12] = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
];

/// A sortable key for a publication time: ISO 8601 (`2026-11-27`, `2026-11-27T09:40:00Z`)
/// or RFC 2822 (`Fri, 27 Nov 2026 09:40:00 GMT`). Time zones are not converted.
pub fn published_key(text: &str) -> Option<String> {
    let t = text.trim();
    let b = t.as_bytes();
    let iso = b.len() >= 10
        && b[4] == b'-'
        && b[7] == b'-'
        && t[..4]
            .bytes()
            .chain(t[5..7].bytes())
            .chain(t[8..10].bytes())
            .all(|c| c.is_ascii_digit());
    if iso {
        let time = t
            .get(11..19)
            .filter(|s| s.len() == 8 && s.as_bytes()[2] == b':')
            .unwrap_or("00:00:00");
        return Some(format!("{}T{time}", &t[..10]));
    }
    let parts: Vec<&str> = t.split([' ', ',']).filter(|p| !p.is_empty()).collect();
    let start = usize::from(
        parts
            .first()
            .is_some_and(|p| p.chars().all(char::is_alphabetic)),
    );
    let day: u32 = parts.get(start)?.parse().ok()?;
    let month = MONTHS.iter().position(|m| {
        parts
            .get(start + 1)
            .is_some_and(|p| p.to_ascii_lowercase().starts_with(m))
    })? + 1;
    let year: u32 = parts.get(start + 2)?.parse().ok()?;
    let time = parts
        .get(start + 3)
        .filter(|s| s.len() == 8)
        .copied()
        .unwrap_or("00:00:00");
    (1..=31)
        .contains(&day)
        .then(|| format!("{year:04}-{month:02}-{day:02}T{time}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn standing(words: u32, published: Option<&str>) -> Standing {
        Standing {
            words,
            published: published.map(String::from),
        }
    }

    #[test]
    fn longest_then_earliest_then_first() {
        let p = CanonicalPolicy::Longest;
        assert!(p.takes_over(
            &standing(600, None),
            &standing(500, Some("2026-01-01T00:00:00"))
        ));
        assert!(!p.takes_over(
            &standing(400, Some("2020-01-01T00:00:00")),
            &standing(500, None)
        ));
        assert!(p.takes_over(
            &standing(500, Some("2026-01-01T00:00:00")),
            &standing(500, Some("2026-01-02T00:00:00"))
        ));
        assert!(!p.takes_over(&standing(500, None), &standing(500, None)));
    }

    #[test]
    fn earliest_and_first_policies() {
        let early = standing(100, Some("2026-01-01T00:00:00"));
        let late_long = standing(900, Some("2026-02-01T00:00:00"));
        assert!(CanonicalPolicy::Earliest.takes_over(&early, &late_long));
        assert!(!CanonicalPolicy::Earliest.takes_over(&late_long, &early));
        assert!(!CanonicalPolicy::First.takes_over(&late_long, &early));
    }

    #[test]
    fn publication_time_formats() {
        assert_eq!(
            published_key("2026-11-27T09:40:00Z").as_deref(),
            Some("2026-11-27T09:40:00")
        );
        assert_eq!(
            published_key("2026-11-27").as_deref(),
            Some("2026-11-27T00:00:00")
        );
        assert_eq!(
            published_key("Fri, 27 Nov 2026 09:40:00 GMT").as_deref(),
            Some("2026-11-27T09:40:00")
        );
        assert_eq!(
            published_key("27 November 2026").as_deref(),
            Some("2026-11-27T00:00:00")
        );
        assert_eq!(published_key("yesterday"), None);
        assert_eq!(published_key(""), None);
    }
}
