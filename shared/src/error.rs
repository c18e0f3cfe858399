//! The one JSON error shape every endpoint answers with, and its stable codes.
//!
//! `code` is for programs (the app maps it to a text in its message catalogue); `message` is a
//! short English explanation for developers and logs. Neither ever carries plan content.

use serde::{Deserialize, Serialize};

/// A stable, machine-readable error code. New codes may be added; existing ones never change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The body is not valid JSON, has unknown fields or the wrong types.
    InvalidJson,
    /// A query string or header could not be understood.
    BadRequest,
    /// The JSON is well-formed but a value breaks a rule (see `field`).
    ValidationFailed,
    /// The body is larger than the server accepts.
    PayloadTooLarge,
    /// The body is not `application/json`.
    UnsupportedMediaType,
    /// No valid access token was presented.
    Unauthorized,
    /// Email or password is wrong (the same answer whether or not the account exists).
    InvalidCredentials,
    /// The refresh token is unknown, expired, used or revoked.
    InvalidRefreshToken,
    /// The caller knows the resource exists but may not do this to it.
    Forbidden,
    /// The resource does not exist, or the caller may not know it exists.
    NotFound,
    /// No route has this path.
    RouteNotFound,
    /// The route exists but not with this method.
    MethodNotAllowed,
    /// A write must carry `If-Match` with the version it was based on.
    PreconditionRequired,
    /// The write was based on an old version; nothing was written (see `current_version`).
    VersionConflict,
    /// An account with this email address already exists.
    EmailTaken,
    /// The request clashes with the current state (e.g. a request that was already decided).
    Conflict,
    /// Too many attempts; try again later.
    RateLimited,
    /// The person is already a member of this family.
    AlreadyMember,
    /// The link's token is unknown (mistyped or never issued).
    LinkInvalid,
    /// The link is past its expiry date; ask for a new one.
    LinkExpired,
    /// The link was used already; each link works once.
    LinkUsed,
    /// A parent withdrew the invitation.
    LinkRevoked,
    /// A newer link replaced this one (the invitation or reset was sent again).
    LinkSuperseded,
    /// An account with the invited email exists: sign in as it, then accept.
    SignInRequired,
    /// Signed in with another email address than the one invited.
    InviteEmailMismatch,
    /// The address belongs to a professional or organisation-admin account, which never
    /// becomes a member of a family (link them as a professional instead).
    ProfessionalAccount,
    /// The professional already has as many unanswered requests to this family as allowed;
    /// wait until the parents answer one.
    TooManyOpenRequests,
    /// The new password is too easy to guess: one of the most common passwords, or the
    /// account's own email address or name (`field` is the password).
    WeakPassword,
    /// An import is not a whole Ons Plan family file (not JSON, cut short, another kind of
    /// file, a missing part or a reference to nobody in it; see `field`). Nothing was imported.
    FamilyFileInvalid,
    /// The family file is of a format version this server does not read.
    FamilyFileVersionUnsupported,
    /// The family file's content does not match its digest: it was damaged or edited.
    FamilyFileDamaged,
    /// A section in the family file does not read as its kind (`field` names it).
    FamilyFileSectionInvalid,
    /// The name typed to confirm a family's deletion is not the family's name.
    ConfirmNameMismatch,
    /// The family's deletion already waits for the other parents (approve or cancel it).
    DeletionPending,
    /// The account is the last parent of families (listed in `families`): delete each of
    /// them, or invite another parent, before deleting the account.
    LastParent,
    /// A professional's or organisation admin's account is deactivated by the organisation,
    /// never deleted by its holder.
    ManagedByOrganisation,
    /// The password given to confirm is not the account's password (`field` is the password).
    WrongPassword,
    /// The server could not finish the request; nothing was half-written.
    ServiceUnavailable,
    /// Something went wrong on the server.
    Internal,
}

/// The body of every non-2xx answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    /// The offending field, as a dotted path, for `validation_failed`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The version now stored, for `version_conflict`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_version: Option<i64>,
    /// The families in the way, for `last_parent`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub families: Vec<crate::erasure::FamilyRef>,
}

impl ApiError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
            field: None,
            current_version: None,
            families: Vec::new(),
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}: {}", self.code, self.message)
    }
}
