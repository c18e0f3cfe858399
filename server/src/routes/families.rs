//! Family routes: create, list mine, detail.

use actix_web::{web, HttpResponse};
use onsplan_shared::consent::UpdatePolicyRequest;
use onsplan_shared::family::{CreateFamilyRequest, FamilyDetail, FamilySummary};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::logging::RequestId;
use crate::services::{families, members, policy};
use crate::state::AppState;

#[utoipa::path(post, path = "/api/v1/families", tag = "families", security(("bearer" = [])),
    request_body = CreateFamilyRequest,
    responses((status = 201, body = FamilyDetail), (status = 401, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    body: web::Json<CreateFamilyRequest>,
) -> AppResult<HttpResponse> {
    let family = families::create(&state.db, &user, body.into_inner()).await?;
    Ok(HttpResponse::Created().json(family))
}

#[utoipa::path(get, path = "/api/v1/families", tag = "families", security(("bearer" = [])),
    responses((status = 200, body = Vec<FamilySummary>), (status = 401, body = ApiError)))]
pub async fn list(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(families::list(&state.db, &user).await?))
}

#[utoipa::path(get, path = "/api/v1/families/{family}", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path, description = "The family's id")),
    responses((status = 200, body = FamilyDetail), (status = 401, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn detail(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let detail = families::detail(&state.db, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(detail))
}

/// Switching on applies at once; switching off, with more than one parent, waits for every
/// other parent (`pending_policy_change`).
#[utoipa::path(put, path = "/api/v1/families/{family}/policy", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)), request_body = UpdatePolicyRequest,
    responses((status = 200, body = FamilyDetail), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn update_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
    body: web::Json<UpdatePolicyRequest>,
) -> AppResult<HttpResponse> {
    let family = policy::update(
        &state,
        &user,
        rid.owned(),
        path.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(family))
}

/// A parent approves the waiting switch-off; with every parent's approval it takes effect.
#[utoipa::path(post, path = "/api/v1/families/{family}/policy/approve", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = FamilyDetail), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
pub async fn approve_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let family = policy::approve(&state, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(family))
}

/// A parent removes a relative; any member leaves (their own id). The last parent cannot
/// leave, and nobody removes a parent.
#[utoipa::path(delete, path = "/api/v1/families/{family}/members/{user}", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path), ("user" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn remove_member(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, member) = path.into_inner();
    members::remove(&state, &user, rid.owned(), family, member).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A parent declines the waiting switch-off: the rule stays on.
#[utoipa::path(post, path = "/api/v1/families/{family}/policy/decline", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = FamilyDetail), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
pub async fn decline_policy(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let family = policy::decline(&state, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(family))
}
