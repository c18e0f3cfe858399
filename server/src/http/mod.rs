//! HTTP plumbing shared by all routes: body and path extractor settings that turn framework
//! rejections into the JSON error shape, the fallbacks for unknown routes and methods, and
//! request logging.

pub mod forwarded;
pub mod headers;
pub mod logging;
pub mod webapp;

use actix_web::error::{InternalError, JsonPayloadError, PathError, QueryPayloadError};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse};
use onsplan_shared::ErrorCode;

use crate::errors::error_response;
use crate::state::AppState;

/// Largest JSON body accepted. A whole plan section is far smaller.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

pub fn json_config() -> web::JsonConfig {
    web::JsonConfig::default()
        .limit(MAX_BODY_BYTES)
        .error_handler(|err, _req| {
            let response = json_error_response(&err);
            InternalError::from_response(err, response).into()
        })
}

fn json_error_response(err: &JsonPayloadError) -> HttpResponse {
    match err {
        JsonPayloadError::Overflow { .. } | JsonPayloadError::OverflowKnownLength { .. } => {
            error_response(
                StatusCode::PAYLOAD_TOO_LARGE,
                ErrorCode::PayloadTooLarge,
                format!("the body is larger than {MAX_BODY_BYTES} bytes"),
            )
        }
        JsonPayloadError::ContentType => error_response(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::UnsupportedMediaType,
            "send the body as application/json",
        ),
        JsonPayloadError::Deserialize(err) => error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            format!("the body is not valid for this request: {err}"),
        ),
        _ => error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::InvalidJson,
            "the body could not be read as JSON",
        ),
    }
}

/// A path segment that does not parse (a malformed id, an unknown section kind) names
/// nothing that exists: 404.
pub fn path_config() -> web::PathConfig {
    web::PathConfig::default().error_handler(|err: PathError, _req| {
        let response = error_response(StatusCode::NOT_FOUND, ErrorCode::NotFound, "not found");
        InternalError::from_response(err, response).into()
    })
}

pub fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|err: QueryPayloadError, _req| {
        let response = error_response(
            StatusCode::BAD_REQUEST,
            ErrorCode::BadRequest,
            format!("the query string is not valid: {err}"),
        );
        InternalError::from_response(err, response).into()
    })
}

pub async fn route_not_found(_req: HttpRequest) -> HttpResponse {
    error_response(
        StatusCode::NOT_FOUND,
        ErrorCode::RouteNotFound,
        "no such route",
    )
}

pub async fn method_not_allowed() -> HttpResponse {
    error_response(
        StatusCode::METHOD_NOT_ALLOWED,
        ErrorCode::MethodNotAllowed,
        "this route does not accept this method",
    )
}

/// The caller's IP address, the subject of per-IP rate limits: the TCP peer, or the client a
/// trusted proxy forwards for (`ONSPLAN_TRUSTED_PROXIES`, see [`forwarded`]).
pub fn client_ip(req: &HttpRequest) -> Option<String> {
    let peer = req.peer_addr()?.ip();
    let ip = match req.app_data::<web::Data<AppState>>() {
        Some(state) => state.settings.trusted_proxies.client(peer, req.headers()),
        None => peer,
    };
    Some(ip.to_string())
}

/// Who is calling, as far as a refresh token's grace goes: SHA-256 of the IP address and the
/// user agent. Two tabs of one browser give the same value; the hash keeps neither at rest.
pub fn client_fingerprint(req: &HttpRequest) -> String {
    let agent = req
        .headers()
        .get(actix_web::http::header::USER_AGENT)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default();
    let ip = client_ip(req).unwrap_or_default();
    crate::auth::tokens::hash_token(&format!("{ip}\n{agent}"))
}
