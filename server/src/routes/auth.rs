//! Account and session routes. The refresh token goes to the web app in an HttpOnly, Secure,
//! SameSite=Strict cookie scoped to the auth paths, or to native clients in the body.

use actix_web::cookie::{time::Duration, Cookie, SameSite};
use actix_web::http::StatusCode;
use actix_web::{web, HttpRequest, HttpResponse, HttpResponseBuilder};
use onsplan_shared::auth::{
    LoginRequest, LogoutRequest, Me, RefreshRequest, RegisterConfirm, RegisterRequest,
    SessionResponse, TokenDelivery, UpdateLocaleRequest,
};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};
use onsplan_shared::routes::{AUTH_COOKIE_PATH, REFRESH_COOKIE};
use onsplan_shared::ApiError;

use crate::auth::AuthUser;
use crate::errors::{AppError, AppResult};
use crate::http::{client_fingerprint, client_ip};
use crate::services::accounts::{self, NewSession};
use crate::services::{password_reset, registration};
use crate::state::AppState;

#[utoipa::path(post, path = "/api/v1/auth/register", tag = "auth", request_body = RegisterRequest,
    responses((status = 202, description = "A link to confirm is emailed to a new address, or a note to the owner of an address that has an account; the answer is the same either way"),
        (status = 400, body = ApiError), (status = 422, body = ApiError),
        (status = 429, body = ApiError), (status = 503, body = ApiError)))]
pub async fn register(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RegisterRequest>,
) -> AppResult<HttpResponse> {
    registration::register(&state, body.into_inner(), client_ip(&req)).await?;
    Ok(HttpResponse::Accepted().finish())
}

#[utoipa::path(post, path = "/api/v1/auth/register/confirm", tag = "auth",
    request_body = RegisterConfirm,
    responses((status = 201, body = SessionResponse, description = "The account is made and logged in"),
        (status = 404, body = ApiError), (status = 409, body = ApiError, description = "An account with this address was made meanwhile"),
        (status = 410, body = ApiError), (status = 429, body = ApiError)))]
pub async fn register_confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RegisterConfirm>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let delivery = body.token_delivery;
    let session = registration::confirm(&state, body, client_ip(&req)).await?;
    Ok(session_response(
        &state,
        StatusCode::CREATED,
        session,
        delivery,
    ))
}

#[utoipa::path(post, path = "/api/v1/auth/login", tag = "auth", request_body = LoginRequest,
    responses((status = 200, body = SessionResponse), (status = 401, body = ApiError),
        (status = 429, body = ApiError), (status = 503, body = ApiError)))]
pub async fn login(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LoginRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let delivery = body.token_delivery;
    let session = accounts::login(&state, body, client_ip(&req)).await?;
    Ok(session_response(&state, StatusCode::OK, session, delivery))
}

#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth", request_body = RefreshRequest,
    responses((status = 200, body = SessionResponse), (status = 401, body = ApiError)))]
pub async fn refresh(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<RefreshRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let token =
        presented_refresh_token(&req, body.refresh_token).ok_or(AppError::InvalidRefreshToken)?;
    let session = accounts::refresh(&state, &token, client_fingerprint(&req)).await?;
    Ok(session_response(
        &state,
        StatusCode::OK,
        session,
        body.token_delivery,
    ))
}

#[utoipa::path(post, path = "/api/v1/auth/logout", tag = "auth", request_body = LogoutRequest,
    responses((status = 204, description = "The session is ended (with `everywhere`, every session of the account); access tokens issued before stop working at once")))]
pub async fn logout(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<LogoutRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    if let Some(token) = presented_refresh_token(&req, body.refresh_token) {
        accounts::logout(&state, &token, body.everywhere).await?;
    }
    Ok(HttpResponse::NoContent()
        .cookie(ended_refresh_cookie(&state))
        .finish())
}

/// The cookie that makes the browser forget its refresh token.
pub fn ended_refresh_cookie(state: &AppState) -> Cookie<'static> {
    let mut gone = refresh_cookie(String::new(), state);
    gone.make_removal();
    gone
}

#[utoipa::path(get, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    responses((status = 200, body = Me), (status = 401, body = ApiError)))]
pub async fn me(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(accounts::me(&state, &user.id).await?))
}

#[utoipa::path(post, path = "/api/v1/auth/password-reset", tag = "auth",
    request_body = PasswordResetRequest,
    responses((status = 202, description = "A link is emailed if the account exists; the answer is the same either way"),
        (status = 429, body = ApiError)))]
pub async fn password_reset(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PasswordResetRequest>,
) -> AppResult<HttpResponse> {
    password_reset::request(&state, body.into_inner(), client_ip(&req)).await?;
    Ok(HttpResponse::Accepted().finish())
}

#[utoipa::path(post, path = "/api/v1/auth/password-reset/confirm", tag = "auth",
    request_body = PasswordResetConfirm,
    responses((status = 204, description = "The password is changed and every session ended"),
        (status = 404, body = ApiError), (status = 410, body = ApiError),
        (status = 422, body = ApiError), (status = 429, body = ApiError)))]
pub async fn password_reset_confirm(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<PasswordResetConfirm>,
) -> AppResult<HttpResponse> {
    password_reset::confirm(&state, body.into_inner(), client_ip(&req)).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(put, path = "/api/v1/me/locale", tag = "auth", security(("bearer" = [])),
    request_body = UpdateLocaleRequest,
    responses((status = 200, body = Me), (status = 400, body = ApiError), (status = 401, body = ApiError)))]
pub async fn update_locale(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<UpdateLocaleRequest>,
) -> AppResult<HttpResponse> {
    let me = accounts::set_locale(&state, &user.id, body.into_inner().locale).await?;
    Ok(HttpResponse::Ok().json(me))
}

/// The body's token wins; the web app's cookie is the fallback.
fn presented_refresh_token(req: &HttpRequest, from_body: Option<String>) -> Option<String> {
    from_body
        .or_else(|| req.cookie(REFRESH_COOKIE).map(|c| c.value().to_string()))
        .filter(|token| !token.is_empty() && token.len() <= 128)
}

fn refresh_cookie(value: String, state: &AppState) -> Cookie<'static> {
    Cookie::build(REFRESH_COOKIE, value)
        .path(AUTH_COOKIE_PATH)
        .http_only(true)
        .secure(true)
        .same_site(SameSite::Strict)
        .max_age(Duration::days(state.settings.refresh_token_days))
        .finish()
}

fn session_response(
    state: &AppState,
    status: StatusCode,
    session: NewSession,
    delivery: TokenDelivery,
) -> HttpResponse {
    let mut response = HttpResponse::build(status);
    let body = deliver_session(state, session, delivery, &mut response);
    response.json(body)
}

/// Puts a new session's refresh token where `delivery` asks (a cookie on `response`, or the
/// body) and returns the body. Sessions are never cached.
pub fn deliver_session(
    state: &AppState,
    session: NewSession,
    delivery: TokenDelivery,
    response: &mut HttpResponseBuilder,
) -> SessionResponse {
    response.insert_header(("Cache-Control", "no-store"));
    let body_token = match delivery {
        TokenDelivery::Body => Some(session.refresh_token),
        TokenDelivery::Cookie => {
            response.cookie(refresh_cookie(session.refresh_token, state));
            None
        }
    };
    SessionResponse {
        access_token: session.access_token,
        expires_in: session.expires_in,
        refresh_token: body_token,
        user: session.user,
    }
}
