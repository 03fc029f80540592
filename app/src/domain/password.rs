//! The password policy: at least 8 characters with an upper-case letter, a lower-case letter,
//! a digit and a special character, and not containing the username.

use serde::{Deserialize, Serialize};

pub const MIN_LENGTH: usize = 8;
/// Hashing is deliberately slow; an upper bound keeps a huge "password" from tying up a core.
pub const MAX_LENGTH: usize = 256;

/// One rule a password breaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordRule {
    TooShort,
    TooLong,
    NeedsUppercase,
    NeedsLowercase,
    NeedsDigit,
    NeedsSpecial,
    ContainsUsername,
}

impl PasswordRule {
    /// The Fluent key that explains the rule.
    pub fn message_key(self) -> &'static str {
        match self {
            PasswordRule::TooShort => "password-too-short",
            PasswordRule::TooLong => "password-too-long",
            PasswordRule::NeedsUppercase => "password-needs-uppercase",
            PasswordRule::NeedsLowercase => "password-needs-lowercase",
            PasswordRule::NeedsDigit => "password-needs-digit",
            PasswordRule::NeedsSpecial => "password-needs-special",
            PasswordRule::ContainsUsername => "password-contains-username",
        }
    }

    /// An English sentence for the REST API's `detail`.
    pub fn describe(self) -> &'static str {
        match self {
            PasswordRule::TooShort => "must be at least 8 characters long",
            PasswordRule::TooLong => "must be at most 256 characters long",
            PasswordRule::NeedsUppercase => "must contain an upper-case letter",
            PasswordRule::NeedsLowercase => "must contain a lower-case letter",
            PasswordRule::NeedsDigit => "must contain a digit",
            PasswordRule::NeedsSpecial => "must contain a special character",
            PasswordRule::ContainsUsername => "must not contain the username",
        }
    }
}

/// Every rule `password` breaks for `username`; empty when it is acceptable.
pub fn broken_rules(username: &str, password: &str) -> Vec<PasswordRule> {
    let length = password.chars().count();
    let mut broken = Vec::new();
    if length < MIN_LENGTH {
        broken.push(PasswordRule::TooShort);
    }
    if length > MAX_LENGTH {
        broken.push(PasswordRule::TooLong);
    }
    if !password.chars().any(char::is_uppercase) {
        broken.push(PasswordRule::NeedsUppercase);
    }
    if !password.chars().any(char::is_lowercase) {
        broken.push(PasswordRule::NeedsLowercase);
    }
    if !password.chars().any(|c| c.is_ascii_digit()) {
        broken.push(PasswordRule::NeedsDigit);
    }
    if !password
        .chars()
        .any(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        broken.push(PasswordRule::NeedsSpecial);
    }
    let username = username.trim().to_lowercase();
    if !username.is_empty() && password.to_lowercase().contains(&username) {
        broken.push(PasswordRule::ContainsUsername);
    }
    broken
}

#[cfg(test)]
mod tests {
    use super::*;
    use PasswordRule::*;

    #[test]
    fn a_password_meeting_every_rule_is_accepted() {
        assert!(broken_rules("alice", "Corr3ct-horse").is_empty());
        assert!(broken_rules("josé", "Ñandú#2026x").is_empty());
    }

    #[test]
    fn each_missing_ingredient_is_named() {
        assert_eq!(broken_rules("alice", "Sh0rt!"), vec![TooShort]);
        assert_eq!(broken_rules("alice", "lowercase1!"), vec![NeedsUppercase]);
        assert_eq!(broken_rules("alice", "UPPERCASE1!"), vec![NeedsLowercase]);
        assert_eq!(broken_rules("alice", "NoDigits!!"), vec![NeedsDigit]);
        assert_eq!(broken_rules("alice", "NoSpecial12"), vec![NeedsSpecial]);
        assert_eq!(
            broken_rules("alice", "abc"),
            vec![TooShort, NeedsUppercase, NeedsDigit, NeedsSpecial]
        );
    }

    #[test]
    fn the_username_may_not_hide_in_the_password_whatever_its_case() {
        assert_eq!(broken_rules("Alice", "xxALICE99!"), vec![ContainsUsername]);
        assert_eq!(
            broken_rules("bob", "My-b0b-Pass"),
            Vec::<PasswordRule>::new()
        );
        assert_eq!(broken_rules("bob", "My-bob-Pass1"), vec![ContainsUsername]);
    }

    #[test]
    fn overly_long_passwords_are_refused() {
        let long = format!("Aa1!{}", "x".repeat(MAX_LENGTH));
        assert_eq!(broken_rules("alice", &long), vec![TooLong]);
    }
}
