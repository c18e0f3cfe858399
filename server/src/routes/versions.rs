//! Routes for fixed versions of the plan: fix and list, read one, stand behind one (or take
//! that back), compare two. Thin: the rules and the log live in [`crate::services::versions`].

use actix_web::http::header;
use actix_web::{web, HttpResponse};
use onsplan_shared::version::{
    FixVersionRequest, PlanVersion, VersionComparison, VersionList, VersionSummary,
};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::logging::RequestId;
use crate::services::versions;
use crate::state::AppState;

fn no_store(value: impl serde::Serialize) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(value)
}

#[utoipa::path(post, path = "/api/v1/families/{family}/versions", tag = "versions",
    security(("bearer" = [])), params(("family" = Uuid, Path)),
    request_body = FixVersionRequest,
    responses((status = 201, body = PlanVersion, description = "The plan as it is now, fixed"),
        (status = 403, body = ApiError, description = "Only parents fix a version"),
        (status = 404, body = ApiError), (status = 422, body = ApiError)))]
/// A parent fixes the shared plan as it is now: every shared section, never a private one.
pub async fn fix(
    state: web::Data<AppState>,
    user: AuthUser,
    family: web::Path<Uuid>,
    body: web::Json<FixVersionRequest>,
) -> AppResult<HttpResponse> {
    let version = versions::fix(&state.db, &user, family.into_inner(), body.into_inner()).await?;
    Ok(HttpResponse::Created().json(version))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/versions", tag = "versions",
    security(("bearer" = [])), params(("family" = Uuid, Path)),
    responses((status = 200, body = VersionList), (status = 404, body = ApiError)))]
/// The family's versions, newest first, with who stands behind each.
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    Ok(no_store(
        versions::list(&state.db, &user, rid.owned(), family.into_inner()).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/versions/{version}", tag = "versions",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("version" = Uuid, Path)),
    responses((status = 200, body = PlanVersion,
        description = "The sections the caller may read: all for parents, the network ones for relatives, the granted ones for professionals"),
        (status = 404, body = ApiError)))]
pub async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, version) = path.into_inner();
    Ok(no_store(
        versions::get(&state.db, &user, rid.owned(), family, version).await?,
    ))
}

#[utoipa::path(post, path = "/api/v1/families/{family}/versions/{version}/endorsement", tag = "versions",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("version" = Uuid, Path)),
    responses((status = 200, body = VersionSummary, description = "The caller stands behind the version (once, however often sent)"),
        (status = 403, body = ApiError, description = "Professionals do not endorse"),
        (status = 404, body = ApiError)))]
pub async fn endorse(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, version) = path.into_inner();
    Ok(no_store(
        versions::endorse(&state.db, &user, family, version, true).await?,
    ))
}

#[utoipa::path(delete, path = "/api/v1/families/{family}/versions/{version}/endorsement", tag = "versions",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("version" = Uuid, Path)),
    responses((status = 200, body = VersionSummary, description = "The caller no longer stands behind the version"),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn withdraw(
    state: web::Data<AppState>,
    user: AuthUser,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, version) = path.into_inner();
    Ok(no_store(
        versions::endorse(&state.db, &user, family, version, false).await?,
    ))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/versions/{version}/compare/{other}", tag = "versions",
    security(("bearer" = [])),
    params(("family" = Uuid, Path), ("version" = Uuid, Path, description = "The version compared from (usually the older)"),
        ("other" = Uuid, Path, description = "The version compared to: `added` means in this one only")),
    responses((status = 200, body = VersionComparison,
        description = "Per section kind the caller may read in both: added, removed, changed (with the fields and list items that differ) or unchanged"),
        (status = 404, body = ApiError)))]
pub async fn compare(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, from, to) = path.into_inner();
    Ok(no_store(
        versions::compare(&state.db, &user, rid.owned(), family, from, to).await?,
    ))
}
