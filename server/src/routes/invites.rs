//! Invitation routes: a family's parents invite, list, revoke and resend; the link's holder
//! looks it up and accepts it (no session needed to create an account).

use actix_web::{web, HttpRequest, HttpResponse};
use onsplan_shared::invite::{
    AcceptInviteRequest, AcceptInviteResponse, CreateInviteRequest, Invite, InviteLookup,
    InviteLookupRequest,
};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::client_ip;
use crate::http::logging::RequestId;
use crate::routes::auth::deliver_session;
use crate::services::invites;
use crate::state::AppState;

#[utoipa::path(post, path = "/api/v1/families/{family}/invites", tag = "invites",
    security(("bearer" = [])), request_body = CreateInviteRequest,
    params(("family" = Uuid, Path, description = "The family's id")),
    responses((status = 201, body = Invite), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError), (status = 422, body = ApiError),
        (status = 429, body = ApiError)))]
pub async fn create(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
    body: web::Json<CreateInviteRequest>,
) -> AppResult<HttpResponse> {
    let invite = invites::create(
        &state,
        &user,
        rid.owned(),
        path.into_inner(),
        body.into_inner(),
    )
    .await?;
    Ok(HttpResponse::Created().json(invite))
}

#[utoipa::path(get, path = "/api/v1/families/{family}/invites", tag = "invites",
    security(("bearer" = [])),
    params(("family" = Uuid, Path, description = "The family's id")),
    responses((status = 200, body = Vec<Invite>), (status = 401, body = ApiError),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn list(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    Ok(
        HttpResponse::Ok()
            .json(invites::list(&state, &user, rid.owned(), path.into_inner()).await?),
    )
}

#[utoipa::path(delete, path = "/api/v1/families/{family}/invites/{invite}", tag = "invites",
    security(("bearer" = [])),
    params(("family" = Uuid, Path, description = "The family's id"),
        ("invite" = Uuid, Path, description = "The invitation's id")),
    responses((status = 204, description = "The invitation is withdrawn; its link no longer works"),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn revoke(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, invite) = path.into_inner();
    invites::revoke(&state, &user, rid.owned(), family, invite).await?;
    Ok(HttpResponse::NoContent().finish())
}

#[utoipa::path(post, path = "/api/v1/families/{family}/invites/{invite}/resend", tag = "invites",
    security(("bearer" = [])),
    params(("family" = Uuid, Path, description = "The family's id"),
        ("invite" = Uuid, Path, description = "The invitation's id")),
    responses((status = 201, body = Invite, description = "The new invitation; the old link no longer works"),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 429, body = ApiError)))]
pub async fn resend(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<(Uuid, Uuid)>,
) -> AppResult<HttpResponse> {
    let (family, invite) = path.into_inner();
    let invite = invites::resend(&state, &user, rid.owned(), family, invite).await?;
    Ok(HttpResponse::Created().json(invite))
}

#[utoipa::path(post, path = "/api/v1/invites/lookup", tag = "invites",
    request_body = InviteLookupRequest,
    responses((status = 200, body = InviteLookup), (status = 404, body = ApiError),
        (status = 410, body = ApiError), (status = 429, body = ApiError)))]
pub async fn lookup(
    state: web::Data<AppState>,
    req: HttpRequest,
    body: web::Json<InviteLookupRequest>,
) -> AppResult<HttpResponse> {
    let found = invites::lookup(&state, &body.token, client_ip(&req)).await?;
    Ok(HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(found))
}

#[utoipa::path(post, path = "/api/v1/invites/accept", tag = "invites",
    request_body = AcceptInviteRequest,
    responses((status = 200, body = AcceptInviteResponse,
            description = "Joined; `session` is present when an account was created"),
        (status = 401, body = ApiError), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError),
        (status = 410, body = ApiError), (status = 422, body = ApiError),
        (status = 429, body = ApiError)))]
pub async fn accept(
    state: web::Data<AppState>,
    req: HttpRequest,
    caller: Option<AuthUser>,
    body: web::Json<AcceptInviteRequest>,
) -> AppResult<HttpResponse> {
    let body = body.into_inner();
    let delivery = body.token_delivery;
    let accepted = invites::accept(&state, body, caller, client_ip(&req)).await?;
    let mut response = HttpResponse::Ok();
    let session = accepted
        .session
        .map(|session| deliver_session(&state, session, delivery, &mut response));
    Ok(response.json(AcceptInviteResponse {
        family_id: accepted.family_id,
        role: accepted.role,
        session,
    }))
}
