//! Table-driven tests of the rule pack: one case per rule, plus the cases a rule must leave alone.

use super::*;
use crate::model::Metadata;

const STORY: &str = "The council voted 7-2 on Tuesday to close the Elm Street bridge for repairs.";

fn parsed(paragraphs: &[&str]) -> ParsedArticle {
    ParsedArticle {
        meta: Metadata::default(),
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
        summary: None,
        removals: Vec::new(),
    }
}

/// (boilerplate paragraph placed before the story, rule id expected to remove it)
const DROP_CASES: &[(&str, &str)] = &[
    (
        "Copyright 2026 by Northwind News Network, Inc. All rights reserved.",
        "copyright",
    ),
    (
        "© 2026 The Associated Press. All rights reserved.",
        "copyright",
    ),
    ("(c) 2026 Lakeshore Media", "copyright"),
    ("Copyright © Lakeshore Media Group", "copyright"),
    (
        "Lakeshore Daily Media Group. All rights reserved.",
        "all-rights-reserved",
    ),
    (
        "This material may not be published, broadcast, rewritten or redistributed.",
        "wire-notice",
    ),
    ("Posted Updated", "stamp"),
    ("Updated 6:12 AM ET, Fri November 27, 2026", "stamp"),
    ("Published: Nov 27, 2026 at 9:40 a.m.", "stamp"),
    ("Last updated: 2026-11-27 10:02", "stamp"),
    ("Posted 3 hours ago", "stamp"),
    ("By", "byline-marker"),
    ("By Dana Whitfield, Associated Press", "byline"),
    ("By Dana Whitfield and Omar Reyes", "byline"),
    ("BY MARTA OKAFOR | The Lakeshore Daily", "byline"),
    ("Sign up for our morning newsletter here.", "newsletter"),
    (
        "Get breaking news alerts delivered to your inbox",
        "newsletter",
    ),
    ("Follow us on Twitter @LakeshoreDaily", "social"),
    ("Like Lakeshore Daily on Facebook", "social"),
    ("Share this article", "share"),
    ("Advertisement", "advertisement"),
    ("Story continues below advertisement", "advertisement"),
    (
        "Related: Storm closes three schools in Millbrook",
        "related",
    ),
    ("Read more: Why the bridge failed its inspection", "related"),
    ("Click here to get the app.", "click-here"),
    ("(AP Photo/Jane Roe)", "photo-credit"),
    (
        "This story has been updated with additional details.",
        "update-note",
    ),
    (
        "Have a news tip? Email us at tips@lakeshore.example.",
        "update-note",
    ),
    ("___", "separator"),
    ("* * *", "separator"),
    (
        "Associated Press writer Jane Roe in Dayton contributed.",
        "wire-trailer",
    ),
    (
        "AP reporters Ann Lee and Bo Park contributed to this story.",
        "wire-trailer",
    ),
    (
        "(Photo: Crews work at the scene on Saturday)",
        "photo-credit",
    ),
    ("Photos: Flooding along the Tamsin River", "photo-credit"),
    ("FILE PHOTO: The Elm Street bridge in 2019.", "photo-credit"),
    ("Reporting by Ann Lee; Editing by Tom Burke", "wire-trailer"),
    (
        "The Associated Press contributed to this report.",
        "wire-trailer",
    ),
    (
        "Our Standards: The Thomson Reuters Trust Principles.",
        "wire-trailer",
    ),
];

#[test]
fn each_drop_rule_removes_its_boilerplate_and_keeps_the_story() {
    let normalizer = Normalizer::builtin();
    for (boilerplate, rule) in DROP_CASES {
        let clean = normalizer.clean(parsed(&[boilerplate, STORY]));
        assert_eq!(clean.text, STORY, "case {boilerplate:?}");
        assert_eq!(
            clean.removals.len(),
            1,
            "case {boilerplate:?}: {:?}",
            clean.removals
        );
        assert_eq!(clean.removals[0].rule, *rule, "case {boilerplate:?}");
        assert_eq!(clean.removals[0].text, *boilerplate);
    }
}

#[test]
fn needles_early_in_the_tail_window_are_found() {
    // 108 bytes: the automaton walks the first 32 and the last 72 side by side, and
    // "contributed" ends 50 bytes in, where both walks are still going.
    let trailer = "Associated Press writer Dana Whitfield contributed reporting from the statehouse \
                   in Capitol City, Ohio, too.";
    assert_eq!(trailer.len(), 108);
    let clean = Normalizer::builtin().clean(parsed(&[STORY, "Second paragraph.", trailer]));
    assert_eq!(clean.removals.len(), 1, "{:?}", clean.removals);
    assert_eq!(clean.removals[0].rule, "wire-trailer");
}

#[test]
fn footer_rules_apply_after_the_story_too() {
    let clean = Normalizer::builtin().clean(parsed(&[
        STORY,
        "Advertisement",
        "Second paragraph of the story.",
        "Copyright 2026 by Northwind News Network, Inc. All rights reserved.",
    ]));
    assert_eq!(
        clean.text,
        format!("{STORY}\n\nSecond paragraph of the story.")
    );
}

/// (first paragraph with a dateline, rule id, stripped prefix)
const DATELINE_CASES: &[(&str, &str, &str)] = &[
    (
        "MILLBROOK, Ohio (AP) — ",
        "dateline",
        "MILLBROOK, Ohio (AP) —",
    ),
    (
        "LONDON, Nov 27 (Reuters) - ",
        "dateline",
        "LONDON, Nov 27 (Reuters) -",
    ),
    ("(CNN) — ", "dateline", "(CNN) —"),
    ("(CNN)", "dateline", "(CNN)"),
    (
        "New York (CNN Business) — ",
        "dateline",
        "New York (CNN Business) —",
    ),
    ("HARTFORD, Conn. — ", "dateline-city", "HARTFORD, Conn. —"),
    ("ST. PAUL, Minn. -- ", "dateline-city", "ST. PAUL, Minn. --"),
];

#[test]
fn each_dateline_form_is_stripped_from_the_lede() {
    let normalizer = Normalizer::builtin();
    for (prefix, rule, removed) in DATELINE_CASES {
        let clean = normalizer.clean(parsed(&[&format!("{prefix}{STORY}")]));
        assert_eq!(clean.text, STORY, "case {prefix:?}");
        assert_eq!(
            clean.removals,
            vec![Removal::new(*rule, *removed)],
            "case {prefix:?}"
        );
    }
}

#[test]
fn stacked_datelines_are_all_stripped_in_one_pass() {
    // Found by fuzzing: each pass used to strip one prefix only.
    let normalizer = Normalizer::builtin();
    for text in ["(AP)(AP) v", "BOSTON \u{2014} (AP) \u{2014} Body here"] {
        let once = normalizer.clean(parsed(&["x", text])).text;
        let again = normalizer
            .clean(parsed(&once.split("\n\n").collect::<Vec<_>>()))
            .text;
        assert_eq!(once, again, "{text:?}");
    }
    assert_eq!(normalizer.clean(parsed(&["(AP)(AP) v"])).text, "v");
}

#[test]
fn lede_printed_twice_is_kept_once() {
    let clean = Normalizer::builtin().clean(parsed(&[STORY, STORY, "More."]));
    assert_eq!(clean.text, format!("{STORY}\n\nMore."));
    assert_eq!(clean.removals[0].rule, REPEATED_LEDE);
}

#[test]
fn summary_equal_to_the_lede_is_a_repeated_lede_even_with_a_dateline() {
    let mut article = parsed(&[&format!("MILLBROOK, Ohio (AP) — {STORY}")]);
    article.summary = Some(STORY.replace('-', "–"));
    let clean = Normalizer::builtin().clean(article);
    assert_eq!(clean.text, STORY);
    assert_eq!(clean.removals[0].rule, REPEATED_LEDE);
    let mut other = parsed(&[STORY]);
    other.summary = Some("A different standfirst.".into());
    assert_eq!(Normalizer::builtin().clean(other).removals[0].rule, SUMMARY);
}

#[test]
fn body_opening_with_the_title_drops_it() {
    let mut article = parsed(&["Bridge to close", STORY]);
    article.meta.title = Some("Bridge To Close".into());
    let clean = Normalizer::builtin().clean(article);
    assert_eq!(clean.text, STORY);
    assert_eq!(clean.removals[0].rule, REPEATED_TITLE);
}

#[test]
fn lone_by_takes_the_name_line_after_it() {
    let clean = Normalizer::builtin().clean(parsed(&["By", "Dana Whitfield (CNN)", STORY]));
    assert_eq!(clean.text, STORY);
    let rules: Vec<&str> = clean.removals.iter().map(|r| r.rule.as_str()).collect();
    assert_eq!(rules, ["byline-marker", "byline"]);
}

/// Story paragraphs that look a little like boilerplate and must be kept.
const KEEP_CASES: &[&str] = &[
    "By Tuesday, officials said the bridge would reopen.",
    "By the end of the day, 40 families had left.",
    "Updated figures released Friday show the deficit narrowed to $4 million.",
    "Posted signs warned drivers of the detour for weeks before the closure.",
    "Copyright lawyers for the band said they would appeal the ruling.",
    "Follow-up inspections found three more cracked girders.",
    "More than 300 people attended the meeting at the Grange hall.",
    "The Associated Press reported the figure first.",
    "Share prices fell 4% after the announcement.",
    "Mayor Ellen Sato (D) said the vote was overdue.",
    "Photographs of the damage were shared widely on Monday.",
    "Dozens of volunteers contributed.",
    "This story began, as so many do, with a phone call.",
    "Video shows the truck sliding off the bridge before dawn.",
];

#[test]
fn story_paragraphs_that_resemble_boilerplate_are_kept() {
    let normalizer = Normalizer::builtin();
    for story in KEEP_CASES {
        let clean = normalizer.clean(parsed(&[story, STORY]));
        assert_eq!(clean.text, format!("{story}\n\n{STORY}"), "case {story:?}");
        assert!(
            clean.removals.is_empty(),
            "case {story:?}: {:?}",
            clean.removals
        );
    }
}

#[test]
fn lead_rules_do_not_fire_deep_in_the_body() {
    let paragraphs = [
        "One.",
        "Two.",
        "Three.",
        "Posted Updated",
        "By Dana Whitfield",
    ];
    let clean = Normalizer::builtin().clean(parsed(&paragraphs));
    assert!(clean.text.ends_with("By Dana Whitfield"));
}

#[test]
fn user_rules_add_and_disable() {
    let user = UserRules::from_toml(
        r#"
        disable = ["advertisement"]
        [[rule]]
        id = "app-promo"
        action = "drop"
        pattern = "(?i)^download the lakeshore app"
        "#,
    )
    .expect("valid");
    let normalizer = Normalizer::new(&user).expect("compiles");
    let clean = normalizer.clean(parsed(&[
        STORY,
        "Advertisement",
        "Download the Lakeshore app!",
    ]));
    assert_eq!(clean.text, format!("{STORY}\n\nAdvertisement"));
    assert_eq!(clean.removals[0].rule, "app-promo");
}

#[test]
fn remembered_decisions_are_the_rules_own_and_stay_with_their_rule_set() {
    // The same thread cleans with two rule sets, one without `copyright`, back and forth: each
    // must decide by its own rules however the other decided the same paragraph before.
    let builtin = Normalizer::builtin();
    let without = Normalizer::new(&UserRules {
        disable: vec!["copyright".into()],
        rules: vec![],
    })
    .expect("compiles");
    let line = "Copyright © Lakeshore Media Group";
    let article = || parsed(&[STORY, line]);
    for _ in 0..2 {
        let dropped = builtin.clean(article());
        assert_eq!(dropped.text, STORY);
        assert_eq!(dropped.removals[0].rule, "copyright");
        let kept = without.clean(article());
        assert!(kept.text.ends_with(line), "{}", kept.text);
        // In the lead or not is part of the decision too: a stamp goes only from the lead.
        let stamp = "Posted Updated";
        let deep = builtin.clean(parsed(&["One.", "Two.", "Three.", stamp]));
        assert!(deep.text.ends_with(stamp), "{}", deep.text);
        let lead = builtin.clean(parsed(&[stamp, STORY]));
        assert_eq!(lead.text, STORY);
    }
    // A clone is the same rule set and decides the same.
    assert_eq!(builtin.clone().clean(article()), builtin.clean(article()));
}

#[test]
fn bad_user_rules_are_refused_with_the_rule_named() {
    let unknown = UserRules {
        disable: vec!["nope".into()],
        rules: vec![],
    };
    assert!(
        matches!(Normalizer::new(&unknown), Err(RuleError::UnknownRule(id, _)) if id == "nope")
    );
    let bad = UserRules::from_toml("[[rule]]\nid='x'\naction='drop'\npattern='('").expect("toml");
    assert!(matches!(Normalizer::new(&bad), Err(RuleError::BadPattern { id, .. }) if id == "x"));
    let dup =
        UserRules::from_toml("[[rule]]\nid='copyright'\naction='drop'\npattern='x'").expect("toml");
    assert!(matches!(
        Normalizer::new(&dup),
        Err(RuleError::DuplicateId(_))
    ));
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cleaning_is_idempotent(paras in proptest::collection::vec("[A-Za-z ,.()—-]{0,60}", 0..6)) {
            let normalizer = Normalizer::builtin();
            let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
            let once = normalizer.clean(parsed(&refs)).text;
            let twice_input: Vec<&str> = once.split("\n\n").collect();
            let twice = normalizer.clean(parsed(&twice_input)).text;
            prop_assert_eq!(once, twice);
        }

        /// Every clean body is in NFKC, whatever the paragraphs held (compatibility and
        /// combining characters, odd spaces, invisible ones, Hangul jamo) and whatever the
        /// rules cut off: the fingerprint folds clean bodies without normalizing them again.
        #[test]
        fn clean_bodies_are_in_nfkc(
            paras in proptest::collection::vec(
                (
                    prop_oneof![
                        Just(""),
                        Just("LONDON (Reuters) \u{2014} "),
                        Just("By "),
                        Just("Copyright 2026 "),
                        Just("(AP) \u{2014}\u{0301}"),
                    ],
                    "[A-Za-z ,.()e\u{0301}\u{0323}\u{0307}\u{FB01}\u{2460}\u{00BD}\u{FF21}\u{00A0}\u{2003}\u{2028}\u{200B}\u{00AD}\u{FEFF}\u{1100}\u{1161}\u{11A8}\u{212A}\u{2019}\u{201C}]{0,40}",
                ),
                0..6,
            ),
        ) {
            let normalizer = Normalizer::builtin();
            let joined: Vec<String> = paras.iter().map(|(head, rest)| format!("{head}{rest}")).collect();
            let refs: Vec<&str> = joined.iter().map(String::as_str).collect();
            let text = normalizer.clean(parsed(&refs)).text;
            prop_assert!(
                icu_normalizer::ComposingNormalizerBorrowed::new_nfkc().is_normalized(&text),
                "{:?}",
                text
            );
        }
    }
}

mod needles {
    use super::*;
    use crate::normalize::rules::BUILTIN_RULES;
    use proptest::prelude::*;

    /// The windows looked up by length are those of the rules themselves: the widest head and
    /// tail of the automaton's rules in scope whose length limit the paragraph keeps.
    #[test]
    fn windows_by_length_are_the_rules_own() {
        let n = Normalizer::builtin();
        for lead in [true, false] {
            let position = if lead { 0 } else { LEAD_PARAGRAPHS };
            for len in 0..=600 {
                let expected = n
                    .rules
                    .iter()
                    .filter(|r| {
                        let apart = r.within == Within::ANYWHERE
                            && r.needles
                                .iter()
                                .all(|x| !x.bytes().any(|b| b.is_ascii_alphabetic()));
                        !r.needles.is_empty()
                            && !apart
                            && (lead || r.scope == Scope::Any)
                            && len <= r.max_bytes
                    })
                    .fold(Within { head: 0, tail: 0 }, |w, r| Within {
                        head: w.head.max(r.within.head),
                        tail: w.tail.max(r.within.tail),
                    });
                let para = "x".repeat(len);
                assert_eq!(
                    n.window(&para, position),
                    expected,
                    "lead {lead}, {len} bytes"
                );
            }
        }
    }

    /// Words from the patterns' own vocabulary, so random paragraphs do match now and then.
    const WORDS: &[&str] = &[
        "Reporting",
        "by",
        "The",
        "Associated",
        "Press",
        "AP",
        "writer",
        "reporters",
        "contributed",
        "to",
        "this",
        "report.",
        "story",
        "Editing",
        "Writing",
        "Our",
        "Standards:",
        "Jane",
        "Roe",
        "and",
        "in",
        "Ohio",
        "(",
        ")",
        "Reuters",
        "CNN's",
        "said",
        "additional",
        "REPORTING BY",
    ];

    proptest! {
        /// A rule's needles never hide a paragraph its pattern matches.
        #[test]
        fn a_rule_matches_only_paragraphs_with_one_of_its_needles(
            picks in proptest::collection::vec(0..WORDS.len(), 1..14),
        ) {
            let para = picks.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
            let form = crate::normalize::rules::needle_form(&para);
            for spec in BUILTIN_RULES.iter().filter(|r| !r.needles.is_empty()) {
                let regex = regex::Regex::new(spec.pattern).expect("pattern");
                if regex.is_match(&para) {
                    prop_assert!(
                        spec.needles.iter().any(|n| form.contains(n)),
                        "{} matched {:?} without a needle", spec.id, para
                    );
                }
            }
        }
    }

    /// `needle_form` maps exactly the characters that `(?i)` matches to an ASCII letter.
    #[test]
    fn only_kelvin_and_long_s_fold_to_ascii_letters() {
        let letter = regex::Regex::new("(?i)^[a-z]$").expect("regex");
        let folding: Vec<char> = (0x80..=0x10FFFF_u32)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(folding, ['\u{017F}', '\u{212A}']);
        assert_eq!(
            crate::normalize::rules::needle_form("ALL \u{212A}\u{017F} \u{C9}"),
            "all ks \u{C9}"
        );
    }

    #[test]
    fn a_kelvin_sign_still_reads_as_k_to_the_needles() {
        // `(?i)like` matches "Li\u{212A}e", so its needle must be found there too (NFKC turns
        // the sign into a K before the rules look; the needle scan maps it in any case).
        let clean = Normalizer::builtin().clean(parsed(&[
            "The council voted on the bridge.",
            "Li\u{212A}e us on Facebook",
        ]));
        assert_eq!(clean.text, "The council voted on the bridge.");
        assert_eq!(
            clean.removals.last().map(|r| r.rule.as_str()),
            Some("social")
        );
    }

    #[test]
    fn needled_rules_still_drop_their_boilerplate() {
        let normalizer = Normalizer::builtin();
        for line in [
            "Reporting by Jane Roe; Editing by Omar Reyes",
            "Associated Press writer Dana Whitfield in Columbus contributed to this report.",
            "(EDITING BY SAM LEE)",
            // Outside ASCII, case is still ignored.
            "(EDITING BY JOSÉ MÜLLER)",
        ] {
            let clean = normalizer.clean(parsed(&["The council voted on the bridge.", line]));
            assert_eq!(clean.text, "The council voted on the bridge.", "{line}");
            assert_eq!(
                clean.removals.last().map(|r| r.rule.as_str()),
                Some("wire-trailer")
            );
        }
    }
}

mod windows {
    use super::*;
    use crate::normalize::rules::BUILTIN_RULES;
    use proptest::prelude::*;

    /// Words to put before and after the boilerplate: prose, and boilerplate's own words.
    const FILLER: &[&str] = &[
        "The",
        "council",
        "voted",
        "said",
        "(AP)",
        "—",
        "reserved.",
        "contributed",
        "report.",
        "story",
        "by",
        "Reporting",
        "photo",
        "updated",
        "ad",
        ":",
        "Copyright",
        "©",
        "(c)",
        "all",
        "rights",
        "this",
        "tip",
        "follow",
        "Jos\u{e9}",
        "M\u{fc}ller",
        "\u{201C}quoted\u{201D}",
    ];

    /// Every template: the cases each rule must remove or strip, and the ones it must keep.
    fn templates() -> Vec<&'static str> {
        DROP_CASES
            .iter()
            .map(|(text, _)| *text)
            .chain(DATELINE_CASES.iter().map(|(text, _, _)| *text))
            .chain(KEEP_CASES.iter().copied())
            .collect()
    }

    proptest! {
        /// Looking for needles only where a rule keeps them never hides a paragraph from a rule
        /// whose pattern matches it: boilerplate with words before or after it, in any case,
        /// in the lead and after it.
        #[test]
        fn windows_never_hide_a_matching_paragraph(
            template in 0..templates().len(),
            before in proptest::collection::vec(0..FILLER.len(), 0..3),
            after in proptest::collection::vec(0..FILLER.len(), 0..12),
            upper in any::<bool>(),
        ) {
            let normalizer = Normalizer::builtin();
            let words = |picks: &[usize]| picks.iter().map(|&i| FILLER[i]).collect::<Vec<_>>();
            let template = templates()[template];
            let template = if upper { template.to_uppercase() } else { template.to_string() };
            let text = [words(&before), vec![template.as_str()], words(&after)].concat().join(" ");
            let para = fold::collapse_whitespace(&text);
            for position in [0, LEAD_PARAGRAPHS] {
                let may = normalizer.candidates(&para, position);
                for (i, rule) in normalizer.rules.iter().enumerate() {
                    let in_scope = rule.scope == Scope::Any || position < LEAD_PARAGRAPHS;
                    let matches = match rule.action {
                        Action::Drop => para.len() <= rule.max_bytes && rule.regex.is_match(&para),
                        Action::StripPrefix => rule.regex.find(&para).is_some_and(|m| m.start() == 0 && !m.is_empty()),
                    };
                    prop_assert!(
                        !(in_scope && matches) || may[i],
                        "{} matches {:?} at {} but was not a candidate", rule.id, para, position
                    );
                    // And each rule's own window holds a needle, whatever the other rules'
                    // windows add to the scan.
                    let form = rules::needle_form(&para);
                    let own = spans(&para, rule.within)
                        .any(|span| rule.needles.iter().any(|n| form[span.clone()].contains(n)));
                    prop_assert!(
                        !matches || rule.needles.is_empty() || own,
                        "{} matches {:?} without a needle in its window", rule.id, para
                    );
                }
            }
        }
    }

    #[test]
    fn lead_paragraphs_are_searched_whole_only_for_the_datelines_needles() {
        let normalizer = Normalizer::builtin();
        let apart: Vec<&str> = normalizer
            .anywhere
            .iter()
            .map(|(i, _)| normalizer.rules[*i].id.as_str())
            .collect();
        assert_eq!(apart, ["dateline", "dateline-city"]);
        assert!(!normalizer.lead_scanned_whole);
        let rule = |id: &str| {
            normalizer
                .rules
                .iter()
                .position(|r| r.id == id)
                .expect("built-in rule")
        };
        // Needles far from both ends of a long lead paragraph: the datelines' are found, the
        // others lie outside every window and need not be.
        let prose = "the council voted on the harbor plan and adjourned ".repeat(20);
        for (needle, id) in [
            ("(", "dateline"),
            ("\u{2014}", "dateline-city"),
            ("--", "dateline-city"),
        ] {
            let para = format!("{prose}{needle} {prose}");
            assert!(
                normalizer.candidates(&para, 0)[rule(id)],
                "{needle} in the lead"
            );
            assert!(!normalizer.candidates(&prose, 0)[rule(id)], "no {needle}");
        }
        // A paragraph short enough for the copyright rule is searched for its needle only at
        // its head, where the rule's pattern keeps it.
        let short = "the council voted on the harbor plan and adjourned ".repeat(3);
        let para = format!("{short}copyright {short}");
        assert!(!normalizer.candidates(&para, 0)[rule("copyright")]);
        let para = format!("Copyright {short}");
        assert!(normalizer.candidates(&para, 0)[rule("copyright")]);
    }

    #[test]
    fn every_needled_rule_has_a_template_it_matches() {
        let templates = templates();
        for spec in BUILTIN_RULES.iter().filter(|r| !r.needles.is_empty()) {
            let regex = regex::Regex::new(spec.pattern).expect("pattern");
            assert!(
                templates.iter().any(|t| regex.is_match(t)),
                "no template for {}",
                spec.id
            );
        }
    }

    #[test]
    fn spans_cover_the_first_and_last_characters() {
        let head_tail = |head, tail| Within { head, tail };
        let spans = |text: &str, w| spans(text, w).collect::<Vec<_>>();
        assert_eq!(spans("abcdefghij", head_tail(3, 2)), [0..3, 8..10]);
        assert_eq!(spans("abcdefghij", head_tail(6, 5)), vec![0..10]);
        assert_eq!(
            spans("abcdefghij", head_tail(0, 0)),
            Vec::<std::ops::Range<usize>>::new()
        );
        assert_eq!(spans("abcdefghij", Within::ANYWHERE), vec![0..10]);
        // Characters, not bytes: "é" is two bytes, "—" three.
        assert_eq!(spans("éé—abcd——", head_tail(3, 2)), [0..7, 11..17]);
    }
}
