//! The server's error type and how each error becomes an HTTP answer.
//!
//! Policy:
//! - Every non-2xx answer has the JSON body of [`onsplan_shared::ApiError`] with a stable code.
//! - Client mistakes (bad JSON, rule violations, stale versions) are 4xx with a message that
//!   helps fix the request; they are logged at debug level at most.
//! - Anything the caller may not know exists is [`AppError::NotFound`], never 403.
//! - Server-side failures are logged once, here, with their cause chain, and answered with a
//!   generic message: no SQL, paths, tokens or plan content ever reach the client or the log.
//! - A storage timeout is 503 with `Retry-After`, so clients retry instead of giving up.

use actix_web::http::{header, StatusCode};
use actix_web::{HttpResponse, ResponseError};
use onsplan_shared::validate::FieldError;
use onsplan_shared::{ApiError, ErrorCode};

use crate::db::DbError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("{0}")]
    BadRequest(String),
    #[error("{field} {problem}", field = .0.field, problem = .0.problem)]
    Validation(FieldError),
    #[error("authentication required")]
    Unauthorized,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("refresh token is not valid")]
    InvalidRefreshToken,
    #[error("not allowed")]
    Forbidden,
    #[error("not found")]
    NotFound,
    #[error("If-Match with the version this write is based on is required")]
    PreconditionRequired,
    #[error("the section changed since version was read")]
    VersionConflict { current_version: i64 },
    #[error("an account with this email address already exists")]
    EmailTaken,
    #[error("{0}")]
    Conflict(String),
    #[error("too many attempts")]
    RateLimited { retry_after_secs: u64 },
    #[error("this person is already a member of the family")]
    AlreadyMember,
    #[error("this link is not valid")]
    LinkInvalid,
    #[error("this link has expired")]
    LinkExpired,
    #[error("this link was used already")]
    LinkUsed,
    #[error("this invitation was withdrawn")]
    LinkRevoked,
    #[error("a newer link replaced this one")]
    LinkSuperseded,
    #[error("an account with the invited email exists: sign in as it to accept")]
    SignInRequired,
    #[error("signed in with another email address than the one invited")]
    InviteEmailMismatch,
    #[error("this address belongs to a professional or organisation account, which cannot join a family")]
    ProfessionalAccount,
    #[error("you have too many unanswered requests to this family; wait for an answer")]
    TooManyOpenRequests,
    #[error("password is too easy to guess: a common password, or your email address or name")]
    WeakPassword,
    /// A family file that cannot be imported: the code says what is wrong, `field` where.
    #[error("{message}")]
    FamilyFile {
        code: ErrorCode,
        message: String,
        field: Option<String>,
    },
    #[error("the body is larger than {limit} bytes")]
    TooLarge { limit: usize },
    #[error("the name typed is not the family's name")]
    ConfirmNameMismatch,
    #[error("the family's deletion already waits for the other parents")]
    DeletionPending,
    #[error("you are the last parent of a family: delete it, or invite another parent, first")]
    LastParent(Vec<onsplan_shared::erasure::FamilyRef>),
    #[error("this account belongs to an organisation, which deactivates it")]
    ManagedByOrganisation,
    #[error("the password is not this account's password")]
    WrongPassword,
    #[error("storage is busy")]
    Unavailable(#[source] DbError),
    #[error("the server is busy; try again in a moment")]
    Busy,
    #[error("internal error")]
    Internal(#[source] anyhow::Error),
}

impl From<DbError> for AppError {
    fn from(err: DbError) -> Self {
        match err {
            DbError::Pool(_) | DbError::Commit(_) | DbError::Connect(_) | DbError::Dropped => {
                AppError::Unavailable(err)
            }
            DbError::Query(query) => query.into(),
            DbError::Task(_) => AppError::Internal(err.into()),
        }
    }
}

impl From<diesel::result::Error> for AppError {
    fn from(err: diesel::result::Error) -> Self {
        AppError::Internal(err.into())
    }
}

impl From<FieldError> for AppError {
    fn from(err: FieldError) -> Self {
        AppError::Validation(err)
    }
}

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::Validation(_) => ErrorCode::ValidationFailed,
            AppError::Unauthorized => ErrorCode::Unauthorized,
            AppError::InvalidCredentials => ErrorCode::InvalidCredentials,
            AppError::InvalidRefreshToken => ErrorCode::InvalidRefreshToken,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::PreconditionRequired => ErrorCode::PreconditionRequired,
            AppError::VersionConflict { .. } => ErrorCode::VersionConflict,
            AppError::EmailTaken => ErrorCode::EmailTaken,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::AlreadyMember => ErrorCode::AlreadyMember,
            AppError::LinkInvalid => ErrorCode::LinkInvalid,
            AppError::LinkExpired => ErrorCode::LinkExpired,
            AppError::LinkUsed => ErrorCode::LinkUsed,
            AppError::LinkRevoked => ErrorCode::LinkRevoked,
            AppError::LinkSuperseded => ErrorCode::LinkSuperseded,
            AppError::SignInRequired => ErrorCode::SignInRequired,
            AppError::InviteEmailMismatch => ErrorCode::InviteEmailMismatch,
            AppError::ProfessionalAccount => ErrorCode::ProfessionalAccount,
            AppError::TooManyOpenRequests => ErrorCode::TooManyOpenRequests,
            AppError::WeakPassword => ErrorCode::WeakPassword,
            AppError::FamilyFile { code, .. } => *code,
            AppError::TooLarge { .. } => ErrorCode::PayloadTooLarge,
            AppError::ConfirmNameMismatch => ErrorCode::ConfirmNameMismatch,
            AppError::DeletionPending => ErrorCode::DeletionPending,
            AppError::LastParent(_) => ErrorCode::LastParent,
            AppError::ManagedByOrganisation => ErrorCode::ManagedByOrganisation,
            AppError::WrongPassword => ErrorCode::WrongPassword,
            AppError::Unavailable(_) | AppError::Busy => ErrorCode::ServiceUnavailable,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    fn to_wire(&self) -> ApiError {
        let mut wire = ApiError::new(self.code(), self.to_string());
        match self {
            AppError::Validation(field) => wire.field = Some(field.field.clone()),
            AppError::WeakPassword | AppError::WrongPassword => {
                wire.field = Some("password".to_string())
            }
            AppError::FamilyFile { field, .. } => wire.field = field.clone(),
            AppError::ConfirmNameMismatch => wire.field = Some("confirm_name".to_string()),
            AppError::LastParent(families) => wire.families = families.clone(),
            AppError::VersionConflict { current_version } => {
                wire.current_version = Some(*current_version)
            }
            _ => {}
        }
        wire
    }
}

impl ResponseError for AppError {
    fn status_code(&self) -> StatusCode {
        match self {
            AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
            AppError::Validation(_)
            | AppError::WeakPassword
            | AppError::WrongPassword
            | AppError::ConfirmNameMismatch
            | AppError::FamilyFile { .. } => StatusCode::UNPROCESSABLE_ENTITY,
            AppError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            AppError::Unauthorized
            | AppError::InvalidCredentials
            | AppError::InvalidRefreshToken
            | AppError::SignInRequired => StatusCode::UNAUTHORIZED,
            AppError::Forbidden
            | AppError::InviteEmailMismatch
            | AppError::ManagedByOrganisation => StatusCode::FORBIDDEN,
            AppError::NotFound | AppError::LinkInvalid => StatusCode::NOT_FOUND,
            AppError::LinkExpired
            | AppError::LinkUsed
            | AppError::LinkRevoked
            | AppError::LinkSuperseded => StatusCode::GONE,
            AppError::PreconditionRequired => StatusCode::PRECONDITION_REQUIRED,
            AppError::VersionConflict { .. } => StatusCode::PRECONDITION_FAILED,
            AppError::EmailTaken
            | AppError::Conflict(_)
            | AppError::AlreadyMember
            | AppError::ProfessionalAccount
            | AppError::TooManyOpenRequests
            | AppError::DeletionPending
            | AppError::LastParent(_) => StatusCode::CONFLICT,
            AppError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            AppError::Unavailable(_) | AppError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    fn error_response(&self) -> HttpResponse {
        match self {
            AppError::Internal(cause) => tracing::error!(error = ?cause, "request failed"),
            AppError::Unavailable(cause) => tracing::warn!(error = %cause, "storage unavailable"),
            _ => {}
        }
        let mut response = HttpResponse::build(self.status_code());
        match self {
            AppError::RateLimited { retry_after_secs } => {
                response.insert_header((header::RETRY_AFTER, retry_after_secs.to_string()));
            }
            AppError::Unavailable(_) | AppError::Busy => {
                response.insert_header((header::RETRY_AFTER, "1"));
            }
            AppError::VersionConflict { current_version } => {
                response.insert_header((
                    header::ETAG,
                    onsplan_shared::section::etag_for(*current_version),
                ));
            }
            AppError::Unauthorized => {
                response.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            _ => {}
        }
        response.json(self.to_wire())
    }
}

/// An error answer outside [`AppError`] (framework-level rejections).
pub fn error_response(
    status: StatusCode,
    code: ErrorCode,
    message: impl Into<String>,
) -> HttpResponse {
    HttpResponse::build(status).json(ApiError::new(code, message))
}

pub type AppResult<T> = Result<T, AppError>;
