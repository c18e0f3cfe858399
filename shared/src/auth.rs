//! Accounts and sessions on the wire: register, log in, refresh, log out, who am I.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::validate::{self, Checked, FieldError};

/// Shortest password accepted, in characters.
pub const MIN_PASSWORD_CHARS: usize = 10;
/// Longest password accepted, in characters (argon2 takes any length; this bounds the work).
pub const MAX_PASSWORD_CHARS: usize = 200;

/// Where the server puts the refresh token of a new session.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TokenDelivery {
    /// In an HttpOnly, Secure, SameSite=Strict cookie (the web app).
    #[default]
    Cookie,
    /// In the response body (native clients and tests).
    Body,
}

/// The language a person reads the app and emails in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Locale {
    #[default]
    Nl,
    En,
}

impl Locale {
    pub fn as_str(self) -> &'static str {
        match self {
            Locale::Nl => "nl",
            Locale::En => "en",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "nl" => Some(Locale::Nl),
            "en" => Some(Locale::En),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterRequest {
    pub email: String,
    pub name: String,
    pub password: String,
    #[serde(default)]
    pub locale: Locale,
    #[serde(default)]
    pub token_delivery: TokenDelivery,
}

impl RegisterRequest {
    pub fn validate(&self) -> Checked {
        validate_email("email", &self.email)?;
        validate::name("name", &self.name)?;
        validate_password("password", &self.password)
    }
}

/// Makes the account of a registration: the token comes from the link in its email. Answers
/// the new session, as a login does.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RegisterConfirm {
    pub token: String,
    #[serde(default)]
    pub token_delivery: TokenDelivery,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub email: String,
    pub password: String,
    #[serde(default)]
    pub token_delivery: TokenDelivery,
}

/// Asks for a fresh access token. The refresh token comes from this body (native clients) or,
/// when absent, from the session cookie (the web app).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    #[serde(default)]
    pub token_delivery: TokenDelivery,
}

/// Ends a session. The refresh token comes from this body or from the session cookie.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LogoutRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    /// End every session of the account (all devices), not only this one.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub everywhere: bool,
}

/// A new or refreshed session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    /// A short-lived JWT for the `Authorization: Bearer` header.
    pub access_token: String,
    /// Seconds until `access_token` expires.
    pub expires_in: i64,
    /// Present only when `token_delivery` was `body`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
    pub user: Me,
}

/// What kind of account someone has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccountKind {
    /// A parent or relative: registers themselves.
    #[default]
    Person,
    /// A professional: created by their organisation's admin.
    Professional,
    /// Creates and deactivates the professionals of one organisation; sees no family data.
    OrgAdmin,
}

impl AccountKind {
    pub fn as_str(self) -> &'static str {
        match self {
            AccountKind::Person => "person",
            AccountKind::Professional => "professional",
            AccountKind::OrgAdmin => "org_admin",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "person" => Some(AccountKind::Person),
            "professional" => Some(AccountKind::Professional),
            "org_admin" => Some(AccountKind::OrgAdmin),
            _ => None,
        }
    }
}

/// Who the caller is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Me {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub locale: Locale,
    pub kind: AccountKind,
    /// The organisation of a professional or org admin.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
}

/// Changes the language the caller reads the app and emails in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdateLocaleRequest {
    pub locale: Locale,
}

/// Sets the first password of an account created for someone (a professional, an org admin)
/// with the one-time token from their activation link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ActivateAccountRequest {
    pub token: String,
    pub password: String,
}

/// Normalises an email address for storage and comparison: trimmed and lower-cased.
pub fn normalize_email(email: &str) -> String {
    email.trim().to_lowercase()
}

/// Longest email address, in characters.
pub const MAX_EMAIL_CHARS: usize = 254;

/// Accepts one plain address (`naam@voorbeeld.nl`): no display name (`Naam <x@y>`), no
/// spaces, line breaks or other control characters anywhere, no quoting or comments.
/// Surrounding spaces are forgiven (they are trimmed when stored).
pub fn validate_email(field: &str, email: &str) -> Checked {
    let plain = || {
        FieldError::new(
            field,
            "must be one plain email address, like name@example.nl",
        )
    };
    if email.chars().any(char::is_control) {
        return Err(plain());
    }
    let email = email.trim_matches(' ');
    validate::required_text(field, email, MAX_EMAIL_CHARS)?;
    let (local, domain) = email.split_once('@').ok_or_else(plain)?;
    let local_ok = !local.is_empty()
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..")
        && local
            .chars()
            .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let domain_ok = labels.len() >= 2
        && labels.iter().all(|label| {
            !label.is_empty()
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_alphanumeric() || c == '-')
        });
    if local_ok && domain_ok {
        Ok(())
    } else {
        Err(plain())
    }
}

pub fn validate_password(field: &str, password: &str) -> Checked {
    let chars = password.chars().count();
    if chars < MIN_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!("needs at least {MIN_PASSWORD_CHARS} characters"),
        ));
    }
    if chars > MAX_PASSWORD_CHARS {
        return Err(FieldError::new(
            field,
            format!("longer than {MAX_PASSWORD_CHARS} characters"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn emails_are_compared_trimmed_and_lowercased() {
        assert_eq!(normalize_email("  Oma@Example.NL "), "oma@example.nl");
    }

    #[test]
    fn implausible_emails_are_refused() {
        for bad in [
            "",
            "oma",
            "oma@",
            "@example.nl",
            "oma@example",
            "o ma@example.nl",
            "a@b@c.nl",
            "Oma <oma@example.nl>",
            "<oma@example.nl>",
            "oma@example.nl\r\nBcc: x@example.nl",
            "oma@example.nl\n",
            "oma@example.nl\t",
            "\"oma\"@example.nl",
            "oma@example.nl, opa@example.nl",
            "oma.@example.nl",
            "oma@-example.nl",
            "oma@example..nl",
        ] {
            assert!(validate_email("email", bad).is_err(), "{bad}");
        }
        assert!(validate_email("email", "oma@example.nl").is_ok());
        assert!(validate_email("email", " o.ma+plan@sub.example-x.nl ").is_ok());
        assert!(validate_email("email", "zoë@example.nl").is_ok());
    }

    #[test]
    fn short_passwords_are_refused() {
        assert!(validate_password("password", "kort").is_err());
        assert!(validate_password("password", "lang genoeg wachtwoord").is_ok());
    }
}
