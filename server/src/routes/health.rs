//! `GET /healthz`: the server is up and its database answers.

use actix_web::{web, HttpResponse};
use diesel::RunQueryDsl;
use serde::Serialize;

use crate::errors::{AppError, AppResult};
use crate::state::AppState;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    pub status: &'static str,
    pub database: &'static str,
}

#[utoipa::path(get, path = "/healthz", tag = "health",
    responses((status = 200, body = Health), (status = 503, body = onsplan_shared::ApiError)))]
pub async fn healthz(state: web::Data<AppState>) -> AppResult<HttpResponse> {
    state
        .db
        .read(|conn| {
            diesel::sql_query("SELECT 1")
                .execute(conn)
                .map_err(AppError::from)
        })
        .await?;
    Ok(HttpResponse::Ok().json(Health {
        status: "ok",
        database: state.db.backend(),
    }))
}

#[utoipa::path(get, path = "/livez", tag = "health",
    responses((status = 200, description = "The process answers; touches nothing else", content_type = "text/plain")))]
/// Liveness: answers without touching the database. Also the benchmarks' bare handler.
pub async fn livez() -> HttpResponse {
    HttpResponse::Ok().content_type("text/plain").body("ok")
}
