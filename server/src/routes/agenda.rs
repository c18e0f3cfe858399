//! What is due, and the calendar address: the caller's agenda, switching their private calendar
//! address on, renewing or off, and the `.ics` feed itself (no login; its token is the key).
//! Thin: the rules live in [`crate::services::agenda`] and [`crate::services::calendar`]. The
//! moment every answer is computed at comes from here, so the clock is chosen in one place.

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use onsplan_shared::agenda::{Agenda, CalendarFeed};
use onsplan_shared::ApiError;

use crate::auth::AuthUser;
use crate::db::now_ms;
use crate::errors::AppResult;
use crate::services::{agenda, calendar};
use crate::state::AppState;

fn no_store(value: impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(value)
}

#[utoipa::path(get, path = "/api/v1/me/agenda", tag = "agenda",
    security(("bearer" = [])),
    responses((status = 200, body = Agenda,
        description = "Overdue first, then this week's, across the caller's families; at most 50 items, `total` counts all")))]
/// What is due for the caller this week and what is overdue.
pub async fn agenda(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    Ok(no_store(agenda::agenda(&state.db, &user, now_ms()).await?))
}

#[utoipa::path(get, path = "/api/v1/me/calendar", tag = "agenda",
    security(("bearer" = [])),
    responses((status = 200, body = CalendarFeed, description = "Whether the calendar address is on; never the address")))]
pub async fn calendar_status(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    Ok(no_store(calendar::get(&state.db, &user).await?))
}

#[utoipa::path(post, path = "/api/v1/me/calendar", tag = "agenda",
    security(("bearer" = [])),
    responses((status = 200, body = CalendarFeed,
        description = "The address is on, with a new token (shown this once); an earlier address stops at once")))]
/// Switches the calendar address on, or renews it.
pub async fn calendar_enable(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    let feed = calendar::enable(&state.db, &user, &state.settings.public_url, now_ms()).await?;
    Ok(no_store(feed))
}

#[utoipa::path(delete, path = "/api/v1/me/calendar", tag = "agenda",
    security(("bearer" = [])),
    responses((status = 200, body = CalendarFeed, description = "The address is off")))]
pub async fn calendar_disable(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    Ok(no_store(calendar::disable(&state.db, &user).await?))
}

#[utoipa::path(get, path = "/api/v1/calendar/{token}.ics", tag = "agenda",
    params(("token" = String, Path, description = "The secret of the calendar address")),
    responses((status = 200, content_type = "text/calendar",
        description = "RFC 5545: the member's commitments and their families' review dates"),
        (status = 404, body = ApiError, description = "No calendar address with this token")))]
/// The calendar feed a phone subscribes to.
pub async fn calendar_feed(
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> AppResult<HttpResponse> {
    let text = calendar::feed(&state.db, token.into_inner(), now_ms()).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/calendar; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((header::REFERRER_POLICY, "no-referrer"))
        .body(text))
}
