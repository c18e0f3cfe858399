//! `GET /api/v1/openapi.json`: the OpenAPI 3 document, generated from the handlers'
//! annotations and the shared types' schemas.

use actix_web::HttpResponse;
use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{
    agenda, auth, commitments, consent, erasure, families, family_file, health, invites,
    notifications, organisations, plan_pdf, sections, versions,
};

#[derive(OpenApi)]
#[openapi(
    info(title = "Ons Plan API", description = "Families write their own plan; professionals see only what the family shares."),
    paths(
        health::healthz,
        health::livez,
        sections::plan,
        document,
        auth::register,
        auth::register_confirm,
        auth::login,
        auth::refresh,
        auth::logout,
        auth::me,
        auth::password_reset,
        auth::password_reset_confirm,
        auth::update_locale,
        families::create,
        families::list,
        families::detail,
        family_file::export,
        family_file::import,
        sections::list_shared,
        sections::get_shared,
        sections::save_shared,
        sections::revisions_shared,
        sections::list_mine,
        sections::get_mine,
        sections::save_mine,
        sections::revisions_mine,
        sections::get_private,
        sections::add_comment,
        sections::list_comments,
        families::update_policy,
        families::approve_policy,
        families::decline_policy,
        families::remove_member,
        commitments::take,
        commitments::done,
        commitments::release,
        commitments::assign,
        commitments::list,
        consent::link_professional,
        consent::unlink_professional,
        consent::list_professionals,
        consent::create_grant,
        consent::list_grants,
        consent::approve_grant,
        consent::revoke_grant,
        consent::create_access_request,
        consent::list_access_requests,
        consent::approve_access_request,
        consent::decline_access_request,
        consent::access_log,
        consent::my_families,
        organisations::create_professional,
        organisations::list_professionals,
        organisations::deactivate_professional,
        organisations::activate,
        invites::create,
        invites::list,
        invites::revoke,
        invites::resend,
        invites::lookup,
        invites::accept,
        versions::fix,
        versions::list,
        versions::get,
        versions::endorse,
        versions::withdraw,
        versions::compare,
        agenda::agenda,
        agenda::calendar_status,
        agenda::calendar_enable,
        agenda::calendar_disable,
        agenda::calendar_feed,
        erasure::delete_family,
        erasure::deletion,
        erasure::approve_deletion,
        erasure::cancel_deletion,
        erasure::delete_me,
        notifications::get,
        notifications::update,
        notifications::unsubscribe,
        notifications::unsubscribe_page,
        plan_pdf::export_pdf,
    ),
    modifiers(&BearerAuth, &CommonErrors)
)]
pub struct ApiDoc;

struct BearerAuth;

/// Answers every operation can give besides its own: 401 where a token is required; 400, 413
/// and 415 where a JSON body is read.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content(
                    "application/json",
                    ContentBuilder::new()
                        .schema(Some(Ref::from_schema_name("ApiError")))
                        .build(),
                )
                .build()
        };
        for item in openapi.paths.paths.values_mut() {
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
            ];
            for operation in operations.into_iter().flatten() {
                let mut add = |status: &str, description: &str| {
                    operation
                        .responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| error(description).into());
                };
                if operation.security.is_some() {
                    add("401", "No valid access token");
                }
                if operation.request_body.is_some() {
                    add("400", "The body is not valid JSON for this request");
                    add("413", "The body is too large");
                    add("415", "The body is not application/json");
                }
            }
        }
    }
}

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
