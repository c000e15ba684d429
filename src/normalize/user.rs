//! User rules: a TOML file that adds rules to the built-in pack or disables some of them.
//!
//! ```toml
//! # rules.toml
//! disable = ["social", "share"]        # built-in rule ids to switch off
//!
//! [[rule]]
//! id = "app-promo"                     # shown in `show`/`explain` removals
//! action = "drop"                      # "drop" the paragraph, or "strip-prefix"
//! pattern = "(?i)^download the .* app" # Rust regex syntax
//! scope = "any"                        # "any" paragraph (default) or the "lead" paragraphs
//! max_bytes = 200                      # longer paragraphs are left alone (default 300)
//! ```
//!
//! Parsing and validation happen once, before any input is read, so a typo in a pattern fails
//! the run up front instead of half-way through a night.

use super::rules::{Action, Scope};
use serde::Deserialize;

/// Default paragraph length limit for user rules (bytes).
const DEFAULT_USER_MAX_BYTES: usize = 300;

/// A rule written by the user.
#[derive(Debug, Clone, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UserRule {
    pub id: String,
    pub action: Action,
    pub pattern: String,
    #[serde(default = "default_scope")]
    pub scope: Scope,
    #[serde(default = "default_max_bytes")]
    pub max_bytes: usize,
}

fn default_scope() -> Scope {
    Scope::Any
}

fn default_max_bytes() -> usize {
    DEFAULT_USER_MAX_BYTES
}

/// The contents of a rules file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct UserRules {
    /// Built-in rule ids to switch off.
    #[serde(default)]
    pub disable: Vec<String>,
    /// Extra rules, applied after the built-in ones.
    #[serde(default, rename = "rule")]
    pub rules: Vec<UserRule>,
}

impl UserRules {
    /// Parse a rules file's text.
    pub fn from_toml(text: &str) -> Result<Self, toml::de::Error> {
        toml::from_str(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_disable_and_rules_with_defaults() {
        let rules = UserRules::from_toml(
            r#"
            disable = ["social"]
            [[rule]]
            id = "app-promo"
            action = "drop"
            pattern = "^Download"
            "#,
        )
        .expect("valid rules");
        assert_eq!(rules.disable, vec!["social"]);
        assert_eq!(rules.rules[0].scope, Scope::Any);
        assert_eq!(rules.rules[0].max_bytes, DEFAULT_USER_MAX_BYTES);
        assert_eq!(rules.rules[0].action, Action::Drop);
    }

    #[test]
    fn rejects_unknown_keys_and_actions() {
        assert!(UserRules::from_toml("disabel = []").is_err());
        assert!(UserRules::from_toml("[[rule]]\nid='x'\naction='delete'\npattern='x'").is_err());
    }
}
