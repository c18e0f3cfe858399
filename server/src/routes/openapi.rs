//! `GET /api/v1/openapi.json`: the OpenAPI 3 document, generated from the handlers'
//! annotations and the shared types' schemas.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{auth, families, health, invites, sections};

#[derive(OpenApi)]
#[openapi(
    info(title = "Ons Plan API", description = "Families write their own plan; professionals see only what the family shares."),
    paths(
        health::healthz,
        document,
        auth::register,
        auth::login,
        auth::refresh,
        auth::logout,
        auth::me,
        auth::password_reset,
        auth::password_reset_confirm,
        families::create,
        families::list,
        families::detail,
        sections::list_shared,
        sections::get_shared,
        sections::save_shared,
        sections::revisions_shared,
        sections::list_mine,
        sections::get_mine,
        sections::save_mine,
        sections::revisions_mine,
        invites::create,
        invites::list,
        invites::revoke,
        invites::resend,
        invites::lookup,
        invites::accept,
    ),
    modifiers(&BearerAuth)
)]
pub struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(
                HttpBuilder::new()
                    .scheme(HttpAuthScheme::Bearer)
                    .bearer_format("JWT")
                    .build(),
            ),
        );
    }
}

#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "This document", content_type = "application/json")))]
pub async fn document() -> HttpResponse {
    HttpResponse::Ok().json(ApiDoc::openapi())
}
