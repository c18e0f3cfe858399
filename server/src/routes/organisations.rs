//! Organisation admin routes (create, list and deactivate professionals) and account
//! activation with a one-time link.

use actix_web::{web, HttpRequest, HttpResponse};
use onsplan_shared::auth::ActivateAccountRequest;
use onsplan_shared::consent::{CreateProfessionalRequest, ProfessionalAccount};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::client_ip;
use crate::services::organisations;
use crate::state::AppState;

#[utoipa::path(post, path = "/api/v1/org/professionals", tag = "organisations", security(("bearer" = [])),
    request_body = CreateProfessionalRequest,
    responses((status = 201, body = ProfessionalAccount), (status = 403, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_professional(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateProfessionalRequest>,
) -> AppResult<HttpResponse> {
    let created = organisations::create_professional(&state, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(created))
}

#[utoipa::path(get, path = "/api/v1/org/professionals", tag = "organisations", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProfessionalAccount>), (status = 403, body = ApiError)))]
pub async fn list_professionals(
    state: web::Data<AppState>,
    user: AuthUser,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(organisations::list_professionals(&state.db, &user).await?))
}

#[utoipa::path(post, path = "/api/v1/org/professionals/{professional}/deactivate", tag = "organisations",
    security(("bearer" = [])), params(("professional" = Uuid, Path)),
    responses((status = 204, description = "Deactivated"), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn deactivate_professional(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    organisations::deactivate_professional(&state.db, &user, path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/auth/activate", tag = "auth", request_body = ActivateAccountRequest,
    responses((status = 204, description = "The password is set; log in with it"), (status = 422, body = ApiError),
        (status = 429, body = ApiError), (status = 503, body = ApiError)))]
pub async fn activate(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<ActivateAccountRequest>,
) -> AppResult<HttpResponse> {
    organisations::activate(&state.db, body.into_inner(), client_ip(&req)).await?;
    Ok(HttpResponse::NoContent().finish())
}
