//! The family's file: a parent downloads it (`export.json`), a person makes a new family of
//! one (`import`). The file's layout is `docs/family-file.schema.json`.

use actix_web::http::header;
use actix_web::{web, HttpRequest, HttpResponse};
use futures_util::StreamExt;
use onsplan_shared::family_file::{ImportedFamily, MAX_FILE_BYTES};
use onsplan_shared::ApiError;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::errors::{AppError, AppResult};
use crate::http::logging::RequestId;
use crate::services::family_file::{export, import};
use crate::state::AppState;

/// Everything the family holds as the calling parent may read it (their own private sections,
/// never another parent's), in the versioned format of `docs/family-file.schema.json`. Every
/// export is in the access log; a relative gets 403 (logged), anyone else 404.
#[utoipa::path(get, path = "/api/v1/families/{family}/export.json", tag = "families", security(("bearer" = [])),
    params(("family" = Uuid, Path, description = "The family's id")),
    responses((status = 200, description = "The family's file (`format` \"onsplan-family\", `version` 1)", content_type = "application/json"),
        (status = 403, body = ApiError), (status = 404, body = ApiError)))]
pub async fn export(
    state: web::Data<AppState>,
    user: AuthUser,
    rid: RequestId,
    path: web::Path<Uuid>,
) -> AppResult<HttpResponse> {
    let file = export::export(&state.db, &user, rid.owned(), path.into_inner()).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/json")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .insert_header((
            header::CONTENT_DISPOSITION,
            "attachment; filename=\"ons-plan.json\"",
        ))
        .body(file))
}

/// Makes a new family from a family file (the body, at most 20 MB): the caller becomes its
/// parent; the other members come back as people to invite again; no grant carries over. A
/// file that cannot be imported is refused whole (`family_file_invalid`,
/// `family_file_version_unsupported`, `family_file_damaged`, `family_file_section_invalid`,
/// `payload_too_large`).
#[utoipa::path(post, path = "/api/v1/families/import", tag = "families", security(("bearer" = [])),
    request_body(content = String, description = "A family file", content_type = "application/json"),
    responses((status = 201, body = ImportedFamily), (status = 403, body = ApiError),
        (status = 413, body = ApiError), (status = 422, body = ApiError)))]
pub async fn import(
    state: web::Data<AppState>,
    user: AuthUser,
    request: HttpRequest,
    payload: web::Payload,
) -> AppResult<HttpResponse> {
    let body = read_body(&request, payload, MAX_FILE_BYTES).await?;
    let imported = import::import(&state.db, &user, &body).await?;
    Ok(HttpResponse::Created().json(imported))
}

/// The request body, refused (413) as soon as it is known to be larger than `limit`.
async fn read_body(
    request: &HttpRequest,
    mut payload: web::Payload,
    limit: usize,
) -> AppResult<Vec<u8>> {
    let announced = request
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if announced.is_some_and(|length| length > limit) {
        return Err(AppError::TooLarge { limit });
    }
    let mut body = Vec::with_capacity(announced.unwrap_or(0));
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|err| AppError::BadRequest(format!("the body broke off: {err}")))?;
        if body.len() + chunk.len() > limit {
            return Err(AppError::TooLarge { limit });
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}
