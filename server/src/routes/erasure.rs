//! Erasure routes: a parent deletes the family (or asks the other parents), the waiting
//! deletion is seen, approved or cancelled, and a person deletes their own account.

use actix_web::{web, HttpResponse};
use onsplan_shared::erasure::{DeleteAccountRequest, DeleteFamilyRequest, PendingDeletion};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::AppResult;
use crate::http::logging::RequestId;
use crate::routes::auth::ended_refresh_cookie;
use crate::services::{account_deletion, family_deletion};
use crate::state::AppState;

/// Gone at once (204), or, with "every parent must agree" on and other parents, waiting for
/// them (202 with the waiting deletion). The typed name must be the family's (422
/// `confirm_name_mismatch`); a deletion that already waits is 409 `deletion_pending`.
#[utoipa::path(delete, path = "/api/v1/families/{family}", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)), request_body = DeleteFamilyRequest,
    responses((status = 204, description = "The family and everything of it is deleted"),
        (status = 202, body = PendingDeletion), (status = 403, body = ApiError),
        (status = 404, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError)))]
pub async fn delete_family(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
    body: web::Json<DeleteFamilyRequest>,
) -> AppResult<HttpResponse> {
    let family = path.into_inner();
    let outcome =
        family_deletion::delete(&state, &user, rid.owned(), family, body.into_inner()).await?;
    Ok(match outcome {
        None => HttpResponse::NoContent().finish(),
        Some(waiting) => HttpResponse::Accepted().json(waiting),
    })
}

/// The family's deletion that waits for every parent (parents only; 404 when none waits).
#[utoipa::path(get, path = "/api/v1/families/{family}/deletion", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = PendingDeletion), (status = 403, body = ApiError),
        (status = 404, body = ApiError)))]
pub async fn deletion(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let waiting = family_deletion::show(&state, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::Ok().json(waiting))
}

/// A parent approves the waiting deletion: still waiting (200), or the last approval deleted
/// the family (204). 409 when none waits.
#[utoipa::path(post, path = "/api/v1/families/{family}/deletion/approve", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 200, body = PendingDeletion), (status = 204, description = "Every parent approved: the family is deleted"),
        (status = 403, body = ApiError), (status = 404, body = ApiError), (status = 409, body = ApiError)))]
pub async fn approve_deletion(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let outcome = family_deletion::approve(&state, &user, rid.owned(), path.into_inner()).await?;
    Ok(match outcome {
        None => HttpResponse::NoContent().finish(),
        Some(waiting) => HttpResponse::Ok().json(waiting),
    })
}

/// Any parent cancels the waiting deletion; the family stays. 409 when none waits.
#[utoipa::path(delete, path = "/api/v1/families/{family}/deletion", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path)),
    responses((status = 204), (status = 403, body = ApiError), (status = 404, body = ApiError),
        (status = 409, body = ApiError)))]
pub async fn cancel_deletion(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    family_deletion::cancel(&state, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// A person deletes their own account, with their password typed again (422
/// `wrong_password`). The last parent of a family gets 409 `last_parent` listing those
/// families; professional and organisation-admin accounts get 403 `managed_by_organisation`.
/// Every session of the account ends.
#[utoipa::path(delete, path = "/api/v1/me", tag = "auth", security(("bearer" = [])),
    request_body = DeleteAccountRequest,
    responses((status = 204, description = "The account is deleted and every session ended"),
        (status = 403, body = ApiError), (status = 409, body = ApiError), (status = 422, body = ApiError),
        (status = 429, body = ApiError)))]
pub async fn delete_me(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    body: web::Json<DeleteAccountRequest>,
) -> AppResult<HttpResponse> {
    account_deletion::delete(&state, &user, rid.owned(), body.into_inner()).await?;
    Ok(HttpResponse::NoContent()
        .cookie(ended_refresh_cookie(&state))
        .finish())
}
