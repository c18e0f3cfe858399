//! Email settings routes: the caller's on/off switch per kind of message, and the one-click
//! unsubscribe that works without logging in (RFC 8058: mail clients `POST` to the address in
//! `List-Unsubscribe`; a person who opens that address gets a small page with one button).

use actix_web::http::header::{self, ContentType};
use actix_web::{web, HttpRequest, HttpResponse};
use onsplan_shared::notification::{NotificationSettings, UnsubscribeResponse};
use onsplan_shared::ApiError;

use crate::auth::AuthUser;
use crate::email::catalogue::escape_html;
use crate::errors::{AppError, AppResult};
use crate::services::notifications;
use crate::state::AppState;

#[utoipa::path(get, path = "/api/v1/me/notifications", tag = "notifications",
    security(("bearer" = [])),
    responses((status = 200, body = NotificationSettings)))]
pub async fn get(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    let settings = notifications::get(&state.db, &user.id).await?;
    Ok(HttpResponse::Ok().json(settings))
}

#[utoipa::path(put, path = "/api/v1/me/notifications", tag = "notifications",
    security(("bearer" = [])), request_body = NotificationSettings,
    responses((status = 200, body = NotificationSettings), (status = 422, body = ApiError)))]
pub async fn update(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<NotificationSettings>,
) -> AppResult<HttpResponse> {
    let settings = notifications::update(&state.db, &user.id, body.into_inner()).await?;
    Ok(HttpResponse::Ok().json(settings))
}

/// Whether the caller is a person's browser (a form on the page below) rather than a mail
/// client or the app.
fn wants_html(req: &HttpRequest) -> bool {
    req.headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|accept| accept.contains("text/html"))
}

#[utoipa::path(post, path = "/api/v1/unsubscribe/{token}", tag = "notifications",
    params(("token" = String, Path)),
    responses((status = 200, body = UnsubscribeResponse), (status = 404, body = ApiError),
        (status = 410, body = ApiError)))]
pub async fn unsubscribe(
    state: web::Data<AppState>,
    req: HttpRequest,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let outcome = notifications::unsubscribe(&state.db, &token).await;
    if !wants_html(&req) {
        return Ok(HttpResponse::Ok().json(outcome?));
    }
    let (status, text) = match outcome {
        Ok(_) => (
            actix_web::http::StatusCode::OK,
            "Je krijgt deze berichten niet meer. Je kunt ze in de app weer aanzetten bij Berichten. / You will not get these messages any more. You can switch them on again in the app under Messages.",
        ),
        Err(AppError::LinkUsed) => (
            actix_web::http::StatusCode::GONE,
            "Deze link is al gebruikt. De berichten staan al uit. / This link was used already; the messages are off.",
        ),
        Err(AppError::LinkInvalid) => (
            actix_web::http::StatusCode::NOT_FOUND,
            "Deze link werkt niet. Zet berichten uit in de app bij Berichten. / This link does not work. Switch messages off in the app under Messages.",
        ),
        Err(other) => return Err(other),
    };
    Ok(HttpResponse::build(status)
        .content_type(ContentType::html())
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
        .body(page(&format!("<p>{}</p>", escape_html(text)))))
}

/// The page behind the link in the email: a button that unsubscribes (opening a link never
/// changes anything by itself, so link checkers in mail servers cannot unsubscribe anyone).
#[utoipa::path(get, path = "/api/v1/unsubscribe/{token}", tag = "notifications",
    params(("token" = String, Path)),
    responses((status = 200, description = "A page with one button", content_type = "text/html")))]
pub async fn unsubscribe_page(token: web::Path<String>) -> HttpResponse {
    let action = escape_html(&onsplan_shared::routes::fill(
        onsplan_shared::routes::UNSUBSCRIBE,
        &[&urlencode(&token)],
    ));
    HttpResponse::Ok()
        .content_type(ContentType::html())
        .insert_header((header::CONTENT_SECURITY_POLICY, PAGE_POLICY))
        .body(page(&format!(
            "<p>Wil je deze berichten niet meer krijgen? / Stop these messages?</p>\
         <form method=\"post\" action=\"{action}\">\
         <button type=\"submit\" style=\"min-height:44px\">Zet uit / Switch off</button></form>"
        )))
}

/// Keeps a token to the characters it is made of (base64url); anything else is dropped.
fn urlencode(token: &str) -> String {
    token
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

/// The unsubscribe page loads nothing; its inline style and its one form are all it has.
const PAGE_POLICY: &str =
    "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'";

fn page(body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"nl\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>Ons Plan</title></head>\
         <body style=\"font-family:sans-serif;font-size:16px;line-height:1.5;padding:16px\">{body}</body></html>\n"
    )
}
