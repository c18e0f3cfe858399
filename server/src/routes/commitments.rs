//! Commitment routes: take, finish, hand back or assign an agreement, and who has what.

use actix_web::{web, HttpResponse};
use onsplan_shared::commitment::{
    AssignAgreementRequest, CommitmentsResponse, ReleaseAgreementRequest, TakeAgreementRequest,
};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::logging::RequestId;
use crate::services::commitments::{self, Change};
use crate::state::AppState;

async fn answer(
    state: &AppState,
    user: &AuthUser,
    rid: RequestId,
    (family, agreement): (Uuid, String),
    change: Change,
) -> AppResult<HttpResponse> {
    let now = state.clock.now_ms();
    let list =
        commitments::change(&state.db, user, rid.owned(), family, agreement, change, now).await?;
    Ok(HttpResponse::Ok().json(list))
}

/// "Ik doe dit": a member who can see the agreement takes it, by `due` (default `by_when`).
#[utoipa::path(post, path = "/api/v1/families/{family}/agreements/{agreement}/take", tag = "commitments",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("agreement" = String, Path)),
    request_body = TakeAgreementRequest,
    responses((status = 200, body = CommitmentsResponse), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 412, body = ApiError), (status = 422, body = ApiError)))]
pub async fn take(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, String)>,
    body: web::Json<TakeAgreementRequest>,
) -> AppResult<HttpResponse> {
    let change = Change::Take(body.into_inner());
    answer(&state, &user, rid, path.into_inner(), change).await
}

/// The taker marks the agreement done.
#[utoipa::path(post, path = "/api/v1/families/{family}/agreements/{agreement}/done", tag = "commitments",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("agreement" = String, Path)),
    responses((status = 200, body = CommitmentsResponse), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 412, body = ApiError)))]
pub async fn done(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, String)>,
) -> AppResult<HttpResponse> {
    answer(&state, &user, rid, path.into_inner(), Change::Done).await
}

/// The taker hands the agreement back, with an optional word.
#[utoipa::path(post, path = "/api/v1/families/{family}/agreements/{agreement}/release", tag = "commitments",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("agreement" = String, Path)),
    request_body = ReleaseAgreementRequest,
    responses((status = 200, body = CommitmentsResponse), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 412, body = ApiError), (status = 422, body = ApiError)))]
pub async fn release(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, String)>,
    body: web::Json<ReleaseAgreementRequest>,
) -> AppResult<HttpResponse> {
    let change = Change::Release(body.into_inner());
    answer(&state, &user, rid, path.into_inner(), change).await
}

/// A parent gives the agreement to a member of the family.
#[utoipa::path(post, path = "/api/v1/families/{family}/agreements/{agreement}/assign", tag = "commitments",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("agreement" = String, Path)),
    request_body = AssignAgreementRequest,
    responses((status = 200, body = CommitmentsResponse), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 412, body = ApiError), (status = 422, body = ApiError)))]
pub async fn assign(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, String)>,
    body: web::Json<AssignAgreementRequest>,
) -> AppResult<HttpResponse> {
    let change = Change::Assign(body.into_inner());
    answer(&state, &user, rid, path.into_inner(), change).await
}

/// Who has which agreement, due when, done when: what the caller may see, plus their own.
#[utoipa::path(get, path = "/api/v1/families/{family}/commitments", tag = "commitments",
    security(("bearer" = [])), params(("family" = Uuid, Path)),
    responses((status = 200, body = CommitmentsResponse), (status = 404, body = ApiError)))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let list = commitments::list(&state.db, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(list))
}
