//! Section routes for the shared plan (`sections`) and a parent's private sections
//! (`my-sections`): both scopes share one implementation and differ only in [`Scope`].
//! Reads send the version as a strong `ETag`; saves require `If-Match`.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use onsplan_shared::section::{
    etag_for, parse_if_match, Comment, CommentThread, CreateCommentRequest, Revision,
    SaveSectionRequest, SectionKind, SectionResponse, SectionSummary,
};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::{AppError, AppResult};
use crate::http::logging::RequestId;
use crate::services::comments;
use crate::services::sections::{self, Scope};
use crate::services::{revisions, section_save};
use crate::state::AppState;

type SectionPath = web::Path<(Uuid, SectionKind)>;

async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: Uuid,
    scope: Scope,
) -> AppResult<HttpResponse> {
    let sections = sections::list(&state.db, &user, rid.owned(), family, scope).await?;
    Ok(HttpResponse::Ok().json(sections))
}

async fn get(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
    scope: Scope,
) -> AppResult<HttpResponse> {
    let (family, kind) = path.into_inner();
    let section = sections::get(&state.db, &user, rid.owned(), family, scope, kind).await?;
    Ok(with_etag(section))
}

async fn save(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    req: HttpRequest,
    path: SectionPath,
    body: web::Json<SaveSectionRequest>,
    scope: Scope,
) -> AppResult<HttpResponse> {
    let (family, kind) = path.into_inner();
    let based_on = if_match(&req)?;
    let section = section_save::save(
        &state.db,
        &user,
        rid.owned(),
        family,
        scope,
        kind,
        based_on,
        body.into_inner(),
    )
    .await?;
    Ok(with_etag(section))
}

async fn revisions(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
    scope: Scope,
) -> AppResult<HttpResponse> {
    let (family, kind) = path.into_inner();
    let revisions =
        revisions::revisions(&state.db, &user, rid.owned(), family, scope, kind).await?;
    Ok(HttpResponse::Ok().json(revisions))
}

/// The version in `If-Match`: absent is `None` (the service answers 428 once it knows the
/// caller may write); present but not a single strong tag is 400.
fn if_match(req: &HttpRequest) -> AppResult<Option<i64>> {
    match req.headers().get(header::IF_MATCH) {
        None => Ok(None),
        Some(value) => value
            .to_str()
            .ok()
            .and_then(parse_if_match)
            .map(Some)
            .ok_or_else(|| {
                AppError::BadRequest("If-Match must be one strong entity tag such as \"3\"".into())
            }),
    }
}

fn with_etag(section: SectionResponse) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header((header::ETAG, etag_for(section.version)))
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(section)
}

#[utoipa::path(get, path = "/api/v1/families/{family}/sections", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path)),
    responses((status = 200, body = Vec<SectionSummary>), (status = 404, body = ApiError)))]
pub async fn list_shared(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    list(state, user, rid, family.into_inner(), Scope::Shared).await
}

#[utoipa::path(get, path = "/api/v1/families/{family}/sections/{kind}", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("kind" = SectionKind, Path)),
    responses((status = 200, body = SectionResponse, headers(("ETag" = String))),
        (status = 404, body = ApiError)))]
pub async fn get_shared(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
) -> AppResult<HttpResponse> {
    get(state, user, rid, path, Scope::Shared).await
}

#[utoipa::path(put, path = "/api/v1/families/{family}/sections/{kind}", tag = "sections",
    security(("bearer" = [])), request_body = SaveSectionRequest,
    params(("family" = Uuid, Path), ("kind" = SectionKind, Path),
        ("If-Match" = String, Header, description = "The version this save is based on, e.g. \"3\"")),
    responses((status = 200, body = SectionResponse, headers(("ETag" = String))),
        (status = 400, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 412, body = ApiError),
        (status = 413, body = ApiError), (status = 422, body = ApiError),
        (status = 428, body = ApiError)))]
pub async fn save_shared(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    req: HttpRequest,
    path: SectionPath,
    body: web::Json<SaveSectionRequest>,
) -> AppResult<HttpResponse> {
    save(state, user, rid, req, path, body, Scope::Shared).await
}

#[utoipa::path(get, path = "/api/v1/families/{family}/sections/{kind}/revisions", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("kind" = SectionKind, Path)),
    responses((status = 200, body = Vec<Revision>), (status = 404, body = ApiError)))]
pub async fn revisions_shared(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
) -> AppResult<HttpResponse> {
    revisions(state, user, rid, path, Scope::Shared).await
}

#[utoipa::path(get, path = "/api/v1/families/{family}/my-sections", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path)),
    responses((status = 200, body = Vec<SectionSummary>), (status = 403, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn list_mine(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    list(state, user, rid, family.into_inner(), Scope::Mine).await
}

#[utoipa::path(get, path = "/api/v1/families/{family}/my-sections/{kind}", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("kind" = SectionKind, Path)),
    responses((status = 200, body = SectionResponse, headers(("ETag" = String))),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn get_mine(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
) -> AppResult<HttpResponse> {
    get(state, user, rid, path, Scope::Mine).await
}

#[utoipa::path(put, path = "/api/v1/families/{family}/my-sections/{kind}", tag = "sections",
    security(("bearer" = [])), request_body = SaveSectionRequest,
    params(("family" = Uuid, Path), ("kind" = SectionKind, Path),
        ("If-Match" = String, Header, description = "The version this save is based on; \"0\" creates")),
    responses((status = 200, body = SectionResponse, headers(("ETag" = String))),
        (status = 400, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 412, body = ApiError),
        (status = 413, body = ApiError), (status = 422, body = ApiError),
        (status = 428, body = ApiError)))]
pub async fn save_mine(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    req: HttpRequest,
    path: SectionPath,
    body: web::Json<SaveSectionRequest>,
) -> AppResult<HttpResponse> {
    save(state, user, rid, req, path, body, Scope::Mine).await
}

#[utoipa::path(get, path = "/api/v1/families/{family}/my-sections/{kind}/revisions", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("kind" = SectionKind, Path)),
    responses((status = 200, body = Vec<Revision>), (status = 403, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn revisions_mine(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
) -> AppResult<HttpResponse> {
    revisions(state, user, rid, path, Scope::Mine).await
}

#[utoipa::path(get, path = "/api/v1/families/{family}/private-sections/{owner}/{kind}", tag = "sections",
    security(("bearer" = [])),
    params(("family" = Uuid, Path), ("owner" = Uuid, Path, description = "The parent who owns the private section"),
        ("kind" = SectionKind, Path)),
    responses((status = 200, body = SectionResponse, headers(("ETag" = String))),
        (status = 404, body = ApiError)))]
/// A parent's private section, for a professional that parent granted it to. Everyone else,
/// the other parent included, gets 404.
pub async fn get_private(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, Uuid, SectionKind)>,
) -> AppResult<HttpResponse> {
    let (family, owner, kind) = path.into_inner();
    let section = sections::get_private(&state.db, &user, rid.owned(), family, owner, kind).await?;
    Ok(with_etag(section))
}

#[utoipa::path(post, path = "/api/v1/families/{family}/sections/{kind}/comments", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("kind" = SectionKind, Path)),
    request_body = CreateCommentRequest,
    responses((status = 201, body = Comment), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 422, body = ApiError)))]
pub async fn add_comment(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
    body: web::Json<CreateCommentRequest>,
) -> AppResult<HttpResponse> {
    let (family, kind) = path.into_inner();
    let comment = comments::add(
        &state.db,
        &user,
        rid.owned(),
        family,
        kind,
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(comment))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/sections/{kind}/comments", tag = "sections",
    security(("bearer" = [])), params(("family" = Uuid, Path), ("kind" = SectionKind, Path)),
    responses((status = 200, body = CommentThread), (status = 404, body = ApiError)))]
pub async fn list_comments(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: SectionPath,
) -> AppResult<HttpResponse> {
    let (family, kind) = path.into_inner();
    Ok(HttpResponse::Ok().json(comments::list(&state.db, &user, rid.owned(), family, kind).await?))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/plan", tag = "sections", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = Vec<SectionResponse>), (status = 404, body = ApiError)))]
/// The whole shared plan the caller may see, with content, in one round trip.
pub async fn plan(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    family: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let plan = sections::plan(&state.db, &user, rid.owned(), family.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .json(plan))
}
