//! Which new passwords are refused beyond their length (checked in `shared`, by the app too):
//! the 10,000 most common passwords, and a password equal to the account's own email address,
//! the part of it before the `@`, or its name. Compared lowercased and with spaces ignored.
//! The list (`common-passwords.txt`, see `common-passwords.LICENSE`) stays on the server.

use std::collections::HashSet;
use std::sync::OnceLock;

use crate::errors::{AppError, AppResult};

const COMMON_PASSWORDS: &str = include_str!("common-passwords.txt");

fn common() -> &'static HashSet<&'static str> {
    static COMMON: OnceLock<HashSet<&'static str>> = OnceLock::new();
    COMMON.get_or_init(|| COMMON_PASSWORDS.lines().collect())
}

/// The form passwords and names are compared in.
fn plain(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// Refuses a new `password` that is easy to guess for the account `email`, `name`.
pub fn check(password: &str, email: &str, name: &str) -> AppResult<()> {
    let candidate = plain(password);
    let email = plain(email);
    let local_part = email.split('@').next().unwrap_or_default();
    let guessable = common().contains(password.trim().to_lowercase().as_str())
        || common().contains(candidate.as_str())
        || candidate == email
        || candidate == local_part
        || candidate == plain(name);
    if guessable {
        Err(AppError::WeakPassword)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_ten_thousand_lowercase_passwords() {
        assert_eq!(common().len(), 10_000);
        assert!(common().contains("1234567890"));
    }

    #[test]
    fn common_passwords_are_refused_in_any_case() {
        for weak in ["1234567890", "Qwertyuiop", "PASSWORD123", "iloveyou12"] {
            assert!(check(weak, "a@example.nl", "Ans").is_err(), "{weak}");
        }
    }

    #[test]
    fn the_own_email_or_name_is_refused() {
        let email = "jan.de.vries@example.nl";
        assert!(check("Jan.de.Vries@Example.nl", email, "Jan").is_err());
        assert!(check("jan.de.vries", email, "Jan").is_err());
        assert!(check("Jan de Vries", "j@example.nl", "Jan de Vries").is_err());
    }

    #[test]
    fn a_sentence_is_fine() {
        assert!(check("een lang genoeg wachtwoord", "a@example.nl", "Ans").is_ok());
    }
}
