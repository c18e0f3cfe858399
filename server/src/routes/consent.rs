//! Consent routes: linking professionals, grants, access requests, the access log and a
//! professional's own view of their families.

use actix_web::{web, HttpResponse};
use onsplan_shared::access_log::{AccessLogPage, AccessLogQuery};
use onsplan_shared::consent::{
    AccessRequest, ApproveAccessRequest, CreateAccessRequest, CreateGrantRequest,
    DeclineAccessRequest, Grant, LinkProfessionalRequest, LinkedProfessional, ProfessionalFamily,
};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::logging::RequestId;
use crate::services::{access_log as log_service, access_requests, grants, professionals};
use crate::state::AppState;

type FamilyPath = web::Path<Uuid>;
type FamilyItemPath = web::Path<(Uuid, Uuid)>;

#[utoipa::path(post, path = "/api/v1/families/{family}/professionals", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path)), request_body = LinkProfessionalRequest,
    responses((status = 201, body = LinkedProfessional), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn link_professional(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
    body: web::Json<LinkProfessionalRequest>,
) -> AppResult<HttpResponse> {
    let linked = professionals::link(
        &state.db,
        &user,
        rid.owned(),
        family.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(linked))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/professionals", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = Vec<LinkedProfessional>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list_professionals(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .json(professionals::list(&state.db, &user, rid.owned(), family.into_inner()).await?))
}

/// A parent unlinks a professional: their grants end and their open requests are declined.
#[utoipa::path(delete, path = "/api/v1/families/{family}/professionals/{professional}", tag = "consent",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("professional" = Uuid, Path)),
    responses((status = 204, description = "Unlinked"), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn unlink_professional(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: FamilyItemPath,
) -> AppResult<HttpResponse> {
    let (family, professional) = path.into_inner();
    professionals::unlink(&state.db, &user, rid.owned(), family, professional).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/families/{family}/grants", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path)), request_body = CreateGrantRequest,
    responses((status = 201, body = Grant), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn create_grant(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
    body: web::Json<CreateGrantRequest>,
) -> AppResult<HttpResponse> {
    let grant = grants::create(
        &state.db,
        &user,
        rid.owned(),
        family.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(grant))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/grants", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = Vec<Grant>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list_grants(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .json(grants::list(&state.db, &user, rid.owned(), family.into_inner()).await?))
}

#[utoipa::path(post, path = "/api/v1/families/{family}/grants/{grant}/approve", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path), ("grant" = Uuid, Path)),
    responses((status = 200, body = Grant), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
pub async fn approve_grant(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: FamilyItemPath,
) -> AppResult<HttpResponse> {
    let (family, grant) = path.into_inner();
    Ok(HttpResponse::Ok()
        .json(grants::approve(&state.db, &user, rid.owned(), family, grant).await?))
}

#[utoipa::path(post, path = "/api/v1/families/{family}/grants/{grant}/revoke", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path), ("grant" = Uuid, Path)),
    responses((status = 200, body = Grant), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn revoke_grant(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: FamilyItemPath,
) -> AppResult<HttpResponse> {
    let (family, grant) = path.into_inner();
    Ok(
        HttpResponse::Ok()
            .json(grants::revoke(&state.db, &user, rid.owned(), family, grant).await?),
    )
}

#[utoipa::path(post, path = "/api/v1/families/{family}/access-requests", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path)), request_body = CreateAccessRequest,
    responses((status = 201, body = AccessRequest), (status = 404, body = ApiError), (status = 422, body = ApiError)))]
pub async fn create_access_request(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
    body: web::Json<CreateAccessRequest>,
) -> AppResult<HttpResponse> {
    let request = access_requests::create(
        &state,
        &user,
        rid.owned(),
        family.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(request))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/access-requests", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = Vec<AccessRequest>), (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list_access_requests(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok()
        .json(access_requests::list(&state.db, &user, rid.owned(), family.into_inner()).await?))
}

#[utoipa::path(post, path = "/api/v1/families/{family}/access-requests/{request}/approve", tag = "consent",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("request" = Uuid, Path)),
    request_body = ApproveAccessRequest,
    responses((status = 200, body = AccessRequest), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn approve_access_request(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: FamilyItemPath,
    body: web::Json<ApproveAccessRequest>,
) -> AppResult<HttpResponse> {
    let (family, request) = path.into_inner();
    let answered = access_requests::approve(
        &state.db,
        &user,
        rid.owned(),
        family,
        request,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answered))
}

#[utoipa::path(post, path = "/api/v1/families/{family}/access-requests/{request}/decline", tag = "consent",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("request" = Uuid, Path)),
    request_body = DeclineAccessRequest,
    responses((status = 200, body = AccessRequest), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn decline_access_request(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: FamilyItemPath,
    body: web::Json<DeclineAccessRequest>,
) -> AppResult<HttpResponse> {
    let (family, request) = path.into_inner();
    let answered = access_requests::decline(
        &state.db,
        &user,
        rid.owned(),
        family,
        request,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Ok().json(answered))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/access-log", tag = "consent", security(("bearer" = [])),
    params(("family" = Uuid, Path), AccessLogQuery),
    responses((status = 200, body = AccessLogPage), (status = 400, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn access_log(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: FamilyPath,
    query: web::Query<AccessLogQuery>,
) -> AppResult<HttpResponse> {
    let (family, query) = (family.into_inner(), query.into_inner());
    let rows = log_service::read(&state.db, &user, rid.owned(), family, query).await?;
    Ok(HttpResponse::Ok().json(rows))
}

#[utoipa::path(get, path = "/api/v1/professional/families", tag = "consent", security(("bearer" = [])),
    responses((status = 200, body = Vec<ProfessionalFamily>), (status = 403, body = ApiError)))]
pub async fn my_families(state: web::Data<AppState>, user: AuthUser) -> AppResult<HttpResponse> {
    Ok(HttpResponse::Ok().json(professionals::my_families(&state.db, &user).await?))
}
