//! The built-in boilerplate rule pack: a flat table, one entry per kind of outlet boilerplate.
//!
//! Rules work on whole paragraphs, never across them: a rule either drops a paragraph that is
//! nothing but boilerplate, or strips a boilerplate prefix (a dateline) from one. Each rule is a
//! separate `Regex` tried in turn and only on paragraphs short enough to be boilerplate: measured
//! ~4× faster than one `RegexSet` and ~90× faster than one big alternation.
//!
//! Changing what any rule matches changes clean bodies and therefore fingerprints: bump
//! [`RULE_PACK_VERSION`] with it, so archives built by the old pack are not silently mixed.

/// Version of the built-in pack, stored in the archive's `meta` table.
pub const RULE_PACK_VERSION: &str = "builtin-4";

/// What a rule does to a paragraph it matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Action {
    /// Remove the whole paragraph.
    Drop,
    /// Remove the matched text at the start of the paragraph, keep the rest.
    StripPrefix,
}

/// Which paragraphs of a body a rule looks at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Scope {
    /// Every paragraph.
    Any,
    /// Only the first [`LEAD_PARAGRAPHS`] paragraphs (bylines, stamps, datelines).
    Lead,
}

/// How many leading paragraphs a [`Scope::Lead`] rule inspects.
pub const LEAD_PARAGRAPHS: usize = 3;

/// One rule of the pack, as written in the table.
#[derive(Debug, Clone, Copy)]
pub struct RuleSpec {
    pub id: &'static str,
    pub action: Action,
    pub scope: Scope,
    /// Paragraphs longer than this (bytes) are never boilerplate for this rule.
    pub max_bytes: usize,
    pub pattern: &'static str,
    /// Literal text (lower case) of which a paragraph must contain one for the pattern to
    /// match, compared with the paragraph's [`needle_form`]; empty when there is no such list.
    /// A cheap test that spares most paragraphs most patterns: it never changes what a rule
    /// matches, as long as every match of the pattern contains one of the needles (tested).
    pub needles: &'static [&'static str],
    /// Where in a paragraph a match of the pattern holds its needle; only there is the
    /// paragraph scanned for this rule.
    pub within: Within,
}

/// Where a needle lies in every paragraph the rule's pattern matches, counted in characters
/// of the paragraph as the rules see it (whitespace collapsed, ends trimmed): within the first
/// `head` characters, or within the last `tail`. Most rules are anchored at one end of the
/// paragraph, so their needles sit near it, and a long paragraph need not be scanned through
/// for them (the scan steps through every byte it is given at about 2 ns a byte).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Within {
    pub head: usize,
    pub tail: usize,
}

impl Within {
    /// Within the first `n` characters.
    pub const fn head(n: usize) -> Self {
        Self { head: n, tail: 0 }
    }

    /// Within the last `n` characters.
    pub const fn tail(n: usize) -> Self {
        Self { head: 0, tail: n }
    }

    /// Anywhere in the paragraph.
    pub const ANYWHERE: Within = Within {
        head: usize::MAX,
        tail: 0,
    };
}

const fn drop(id: &'static str, max_bytes: usize, pattern: &'static str) -> RuleSpec {
    RuleSpec {
        id,
        action: Action::Drop,
        scope: Scope::Any,
        max_bytes,
        pattern,
        needles: &[],
        within: Within::ANYWHERE,
    }
}

/// The rule's needles, and where they lie in the paragraphs its pattern matches.
const fn needs(needles: &'static [&'static str], within: Within, spec: RuleSpec) -> RuleSpec {
    RuleSpec {
        needles,
        within,
        ..spec
    }
}

/// A paragraph as needles are looked for in it: ASCII letters in lower case, and the two
/// non-ASCII characters that `(?i)` matches to an ASCII letter (KELVIN SIGN for `k`, LONG S for
/// `s`) mapped to it. Everything else is kept as it is, so a lower-case needle occurs in this
/// form wherever a case-insensitive pattern could match it in the paragraph.
pub fn needle_form(para: &str) -> String {
    if para.is_ascii() {
        return para.to_ascii_lowercase();
    }
    para.chars()
        .map(|c| match c {
            '\u{212A}' => 'k',
            '\u{017F}' => 's',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

/// Whether `para` has one of the non-ASCII characters [`needle_form`] maps to an ASCII letter.
/// Their UTF-8 forms are `C5 BF` and `E2 84 AA`: pairs found by their first byte each.
pub fn has_ascii_foldable(para: &str) -> bool {
    let bytes = para.as_bytes();
    !para.is_ascii()
        && memchr::memchr2_iter(0xC5, 0x84, bytes)
            .any(|i| matches!(bytes[i..], [0xC5, 0xBF, ..] | [0x84, 0xAA, ..]))
}

const fn lead(spec: RuleSpec) -> RuleSpec {
    RuleSpec {
        scope: Scope::Lead,
        ..spec
    }
}

/// The built-in pack. Order matters only for which rule id a removal is credited to.
pub const BUILTIN_RULES: &[RuleSpec] = &[
    needs(
        &["copyright", "©", "(c)"],
        Within::head(9),
        drop(
            "copyright",
            400,
            // "Copyright 2026 by ...", "Copyright © Lakeshore Media", "© 2026 ..."; not a sentence
            // that merely starts with the word ("Copyright lawyers said ...").
            r"^(?:(?i:copyright)\s*(?:©|\((?i:c)\))?\s*(?:\d{4}|(?i:by)\b|\p{Lu})|©|\((?i:c)\)\s*\d{4}).{0,300}$",
        ),
    ),
    needs(
        &["all rights reserved"],
        Within::tail(20),
        drop(
            "all-rights-reserved",
            300,
            r"(?i)\ball rights reserved\.?\s*$",
        ),
    ),
    needs(
        &["this material", "the information contained in"],
        Within::head(28),
        drop(
            "wire-notice",
            300,
            r"(?i)^(?:this material|the information contained in)\b.{0,80}\bmay not be (?:published|reproduced)",
        ),
    ),
    lead(needs(
        &["updated", "posted", "published"],
        Within::head(15),
        drop(
            "stamp",
            160,
            // "Posted Updated", "Updated 6:12 AM ET, Fri November 27, 2026", "Published: Nov 27, 2026"
            r"(?i)^(?:(?:last\s+)?updated|posted|published|first published)(?:\s*(?:on|at|:))?(?:\s*$|\s+(?:posted|updated)\b|\s*\d|\s*(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\b|\s*(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d|\s*(?:an?|\d+)\s+(?:hours?|minutes?|days?)\s+ago)",
        ),
    )),
    lead(drop("byline-marker", 8, r"^(?i:by):?$")),
    lead(drop(
        "byline",
        120,
        // "By Dana Whitfield, Associated Press", "By Dana Whitfield and Omar Reyes"; never a
        // sentence ("By Tuesday, officials said the bridge would reopen.").
        r"^(?i:by):?\s+\p{Lu}[\p{L}.'’\-]*(?:\s+(?:\p{Lu}[\p{L}.'’\-]*|de|van|von|da|del|la|le|and|&)){0,5}(?:\s*(?:,|\band\b|&|\||/|-|—)\s*[^.!?]{0,60})?(?:\s*\([^)]{1,40}\))?[^.!?\x22”]$",
    )),
    needs(
        &["sign up", "subscribe", "get", "want"],
        Within::head(9),
        drop(
            "newsletter",
            200,
            r"(?i)^(?:sign up|subscribe|get|want)\b.{0,120}\b(?:newsletter|inbox|alerts)\b",
        ),
    ),
    needs(
        &["follow", "like", "join"],
        Within::head(6),
        drop(
            "social",
            160,
            r"(?i)^(?:follow|like|join)\s+(?:us|me|@?\w+(?:\s+\w+){0,3})\s+on\s+(?:twitter|x|facebook|instagram|tiktok|threads|bluesky|linkedin|youtube)\b",
        ),
    ),
    needs(
        &["share "],
        Within::head(6),
        drop("share", 60, r"(?i)^share (?:this|on|via)\b.{0,40}$"),
    ),
    needs(
        &["ad", "sponsored", "continues"],
        Within::head(17),
        drop(
            "advertisement",
            60,
            r"(?i)^(?:advertisement|advert|ad|sponsored(?: content)?|story continues (?:below|after)(?: (?:this )?advertisement)?|article continues below(?: advertisement)?)\s*[.:]?$",
        ),
    ),
    needs(
        &[":"],
        Within::head(18),
        drop(
            "related",
            240,
            r"(?i)^(?:related(?: (?:stories|coverage|articles?))?|read more|more|see also|also read|recommended|read also|trending|watch|listen)\s*:",
        ),
    ),
    needs(
        &["updated", "corrected", "tip"],
        Within::head(32),
        drop(
            "update-note",
            200,
            r"(?i)^\(?(?:this (?:story|article|report) (?:has been|was|will be) (?:updated|corrected)\b.{0,150}|(?:have|got) a (?:news )?tip\b.{0,150})\)?$",
        ),
    ),
    // "___", "* * *", "——": AP puts "___" before its trailers.
    drop("separator", 40, r"^[\s_*=~\-–—•·#]{3,}$"),
    needs(
        &["photo", "image", "video"],
        Within::head(19),
        drop(
            "photo-credit",
            200,
            // "(AP Photo/Jane Roe)", "(Photo: Crews work at the scene)", "Photos: ...", "FILE PHOTO: ..."
            r"(?i)^\(?(?:(?:AP|Reuters|AFP|Getty|File)\s+)?(?:photos?|images?|video|file photo)\s*(?::|/|\s+by\b|\s+credit\b).{0,180}$",
        ),
    ),
    needs(
        &["click here", "tap here", "download"],
        Within::head(10),
        drop(
            "click-here",
            200,
            r"(?i)^(?:click here|tap here|download (?:our|the) (?:free )?app)\b",
        ),
    ),
    // The bounded repetitions before "contributed" make this the slowest pattern of the pack by
    // far (~5 µs a paragraph without its needles).
    // "Reporting by" and the like open the paragraph; "contributed" is followed by at most 60
    // characters and a parenthesis.
    needs(
        &[
            "reporting by",
            "contributed",
            "writing by",
            "editing by",
            "our standards:",
        ],
        Within { head: 24, tail: 72 },
        drop(
            "wire-trailer",
            240,
            // Reuters "Reporting by X; Editing by Y", AP "... contributed to this report."
            r"(?i)^\(?(?:(?:additional )?reporting by\b.{0,200}|.{0,160}\bcontributed (?:to )?this (?:report|story)\.?|(?:the )?(?:associated press|ap|reuters|cnn)(?:'s)?(?: \w+){0,3} (?:writers?|reporters?|correspondents?)\b.{0,120}\bcontributed\b.{0,60}|writing by\b.{0,120}|editing by\b.{0,120}|our standards:.{0,80})\)?$",
        ),
    ),
    lead(RuleSpec {
        id: "dateline",
        action: Action::StripPrefix,
        scope: Scope::Lead,
        max_bytes: usize::MAX,
        needles: &["("],
        within: Within::ANYWHERE,
        // "MILLBROOK, Ohio (AP) — ", "LONDON, Nov 27 (Reuters) - ", "(CNN) — ", "(CNN)",
        // "New York (CNN Business) — ".
        pattern: r"^(?:\p{Lu}[\p{L}.'’\-]*(?:[ ,]+[\p{L}\d.'’\-]+){0,6}\s*)?\((?:AP|Reuters|AFP|UPI|Bloomberg|dpa|Xinhua|CNN(?: [A-Z][a-z]+)?|[A-Z]{3,5})\)\s*(?:[—–]|--?|:)?\s*",
    }),
    lead(RuleSpec {
        id: "dateline-city",
        action: Action::StripPrefix,
        scope: Scope::Lead,
        max_bytes: usize::MAX,
        needles: &["—", "–", "--"],
        within: Within::ANYWHERE,
        // "HARTFORD, Conn. — " (an all-caps place, then a dash).
        pattern: r"^\p{Lu}[\p{Lu}.'’\-]+(?:\s+\p{Lu}[\p{Lu}.'’\-]+){0,3}(?:,\s*\p{Lu}[\p{L}.]*(?:\s+\p{Lu}[\p{L}.]*)?)?(?:,\s*\d{1,2}\s+(?i:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)?\s+(?:[—–]|--)\s*",
    }),
];
