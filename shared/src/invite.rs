//! Invitations and password resets on the wire: a parent invites an email address into the
//! family; the invitee looks the link up, then accepts it (creating an account or signing in);
//! a forgotten password is reset through an emailed link.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::auth::{validate_email, validate_password, Locale, SessionResponse, TokenDelivery};
use crate::family::Role;
use crate::validate::{self, Checked, FieldError};

/// Longest personal message in an invitation, in characters.
pub const MAX_INVITE_MESSAGE_CHARS: usize = 1_000;
/// Longest link token accepted in a request (real ones are 43 characters).
pub const MAX_TOKEN_CHARS: usize = 128;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateInviteRequest {
    pub email: String,
    pub role: Role,
    /// A personal message shown in the email, e.g. "Wil je meedenken over ons plan?".
    #[serde(default)]
    pub message: String,
    /// The language of the email.
    #[serde(default)]
    pub locale: Locale,
}

impl CreateInviteRequest {
    pub fn validate(&self) -> Checked {
        validate_email("email", &self.email)?;
        validate::text("message", &self.message, MAX_INVITE_MESSAGE_CHARS)
    }
}

/// A pending invitation, as the family's parents see it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Invite {
    pub id: Uuid,
    pub family_id: Uuid,
    pub email: String,
    pub role: Role,
    pub message: String,
    pub locale: Locale,
    pub invited_by: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A link token presented by its holder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct InviteLookupRequest {
    pub token: String,
}

/// What an invitation link is about. Looking it up changes nothing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct InviteLookup {
    pub family_id: Uuid,
    pub family_name: String,
    pub inviter_name: String,
    /// The invited address: only an account with this email can accept.
    pub email: String,
    pub role: Role,
    pub message: String,
    pub expires_at: DateTime<Utc>,
    /// True when an account with this email exists: sign in first, then accept.
    pub account_exists: bool,
}

/// Accepts an invitation. Without an account for the invited email, `name` and `password`
/// create one; with one, the request must carry that account's bearer token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AcceptInviteRequest {
    pub token: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
    #[serde(default)]
    pub locale: Locale,
    #[serde(default)]
    pub token_delivery: TokenDelivery,
}

impl AcceptInviteRequest {
    /// The rules for creating an account, checked only when one is created.
    pub fn validate_new_account(&self) -> Checked {
        let name = self.name.as_deref().unwrap_or_default();
        validate::name("name", name)?;
        let password = self
            .password
            .as_deref()
            .ok_or_else(|| FieldError::new("password", "must not be empty"))?;
        validate_password("password", password)
    }
}

/// The family joined, and the new session when an account was created.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AcceptInviteResponse {
    pub family_id: Uuid,
    pub role: Role,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub session: Option<SessionResponse>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetRequest {
    pub email: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PasswordResetConfirm {
    pub token: String,
    pub password: String,
}

impl PasswordResetConfirm {
    pub fn validate(&self) -> Checked {
        validate_password("password", &self.password)
    }
}
