//! The router: every path in `onsplan_shared::routes::ROUTES`, each mounted once, with JSON
//! answers for unknown routes and wrong methods. Handlers stay thin: extract, call a service,
//! shape the answer.

pub mod agenda;
pub mod auth;
pub mod commitments;
pub mod consent;
pub mod erasure;
pub mod families;
pub mod family_file;
pub mod health;
pub mod invites;
pub mod notifications;
pub mod openapi;
pub mod organisations;
pub mod plan_pdf;
pub mod sections;
pub mod versions;

use actix_web::{web, Resource};
use onsplan_shared::routes as paths;

use crate::http::method_not_allowed;

fn resource(path: &str) -> Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    use web::{delete, get, post, put};
    cfg.service(resource(paths::HEALTHZ).route(get().to(health::healthz)))
        .service(resource(paths::LIVEZ).route(get().to(health::livez)))
        .service(resource(paths::PLAN).route(get().to(sections::plan)))
        .service(resource(paths::OPENAPI).route(get().to(openapi::document)))
        .service(resource(paths::AUTH_REGISTER).route(post().to(auth::register)))
        .service(resource(paths::AUTH_REGISTER_CONFIRM).route(post().to(auth::register_confirm)))
        .service(resource(paths::AUTH_LOGIN).route(post().to(auth::login)))
        .service(resource(paths::AUTH_REFRESH).route(post().to(auth::refresh)))
        .service(resource(paths::AUTH_LOGOUT).route(post().to(auth::logout)))
        .service(resource(paths::PASSWORD_RESET).route(post().to(auth::password_reset)))
        .service(
            resource(paths::PASSWORD_RESET_CONFIRM).route(post().to(auth::password_reset_confirm)),
        )
        .service(
            resource(paths::ME)
                .route(get().to(auth::me))
                .route(delete().to(erasure::delete_me)),
        )
        .service(resource(paths::ME_LOCALE).route(put().to(auth::update_locale)))
        .service(
            resource(paths::ME_NOTIFICATIONS)
                .route(get().to(notifications::get))
                .route(put().to(notifications::update)),
        )
        .service(
            resource(paths::UNSUBSCRIBE)
                .route(get().to(notifications::unsubscribe_page))
                .route(post().to(notifications::unsubscribe)),
        )
        .service(
            resource(paths::FAMILIES)
                .route(post().to(families::create))
                .route(get().to(families::list)),
        )
        // Before FAMILY, whose `{family}` would take `import` as an id.
        .service(resource(paths::FAMILY_IMPORT).route(post().to(family_file::import)))
        .service(
            resource(paths::FAMILY)
                .route(get().to(families::detail))
                .route(delete().to(erasure::delete_family)),
        )
        .service(resource(paths::FAMILY_EXPORT).route(get().to(family_file::export)))
        .service(
            resource(paths::FAMILY_DELETION)
                .route(get().to(erasure::deletion))
                .route(delete().to(erasure::cancel_deletion)),
        )
        .service(
            resource(paths::FAMILY_DELETION_APPROVE).route(post().to(erasure::approve_deletion)),
        )
        .service(resource(paths::SECTIONS).route(get().to(sections::list_shared)))
        .service(
            resource(paths::SECTION)
                .route(get().to(sections::get_shared))
                .route(put().to(sections::save_shared)),
        )
        .service(resource(paths::SECTION_REVISIONS).route(get().to(sections::revisions_shared)))
        .service(resource(paths::MY_SECTIONS).route(get().to(sections::list_mine)))
        .service(
            resource(paths::MY_SECTION)
                .route(get().to(sections::get_mine))
                .route(put().to(sections::save_mine)),
        )
        .service(resource(paths::MY_SECTION_REVISIONS).route(get().to(sections::revisions_mine)))
        .service(resource(paths::PRIVATE_SECTION).route(get().to(sections::get_private)))
        .service(
            resource(paths::SECTION_COMMENTS)
                .route(post().to(sections::add_comment))
                .route(get().to(sections::list_comments)),
        )
        .service(resource(paths::FAMILY_POLICY).route(put().to(families::update_policy)))
        .service(resource(paths::FAMILY_POLICY_APPROVE).route(post().to(families::approve_policy)))
        .service(resource(paths::FAMILY_POLICY_DECLINE).route(post().to(families::decline_policy)))
        .service(resource(paths::FAMILY_MEMBER).route(delete().to(families::remove_member)))
        .service(resource(paths::AGREEMENT_TAKE).route(post().to(commitments::take)))
        .service(resource(paths::AGREEMENT_DONE).route(post().to(commitments::done)))
        .service(resource(paths::AGREEMENT_RELEASE).route(post().to(commitments::release)))
        .service(resource(paths::AGREEMENT_ASSIGN).route(post().to(commitments::assign)))
        .service(resource(paths::COMMITMENTS).route(get().to(commitments::list)))
        .service(
            resource(paths::PROFESSIONALS)
                .route(post().to(consent::link_professional))
                .route(get().to(consent::list_professionals)),
        )
        .service(resource(paths::PROFESSIONAL).route(delete().to(consent::unlink_professional)))
        .service(
            resource(paths::GRANTS)
                .route(post().to(consent::create_grant))
                .route(get().to(consent::list_grants)),
        )
        .service(resource(paths::GRANT_APPROVE).route(post().to(consent::approve_grant)))
        .service(resource(paths::GRANT_REVOKE).route(post().to(consent::revoke_grant)))
        .service(
            resource(paths::ACCESS_REQUESTS)
                .route(post().to(consent::create_access_request))
                .route(get().to(consent::list_access_requests)),
        )
        .service(
            resource(paths::ACCESS_REQUEST_APPROVE)
                .route(post().to(consent::approve_access_request)),
        )
        .service(
            resource(paths::ACCESS_REQUEST_DECLINE)
                .route(post().to(consent::decline_access_request)),
        )
        .service(resource(paths::ACCESS_LOG).route(get().to(consent::access_log)))
        .service(resource(paths::PROFESSIONAL_FAMILIES).route(get().to(consent::my_families)))
        .service(
            resource(paths::ORG_PROFESSIONALS)
                .route(post().to(organisations::create_professional))
                .route(get().to(organisations::list_professionals)),
        )
        .service(
            resource(paths::ORG_PROFESSIONAL_DEACTIVATE)
                .route(post().to(organisations::deactivate_professional)),
        )
        .service(resource(paths::AUTH_ACTIVATE).route(post().to(organisations::activate)))
        .service(
            resource(paths::INVITES)
                .route(post().to(invites::create))
                .route(get().to(invites::list)),
        )
        .service(resource(paths::INVITE).route(delete().to(invites::revoke)))
        .service(resource(paths::INVITE_RESEND).route(post().to(invites::resend)))
        .service(resource(paths::INVITE_LOOKUP).route(post().to(invites::lookup)))
        .service(resource(paths::INVITE_ACCEPT).route(post().to(invites::accept)))
        .service(
            resource(paths::VERSIONS)
                .route(post().to(versions::fix))
                .route(get().to(versions::list)),
        )
        .service(resource(paths::VERSION).route(get().to(versions::get)))
        .service(
            resource(paths::VERSION_ENDORSEMENT)
                .route(post().to(versions::endorse))
                .route(delete().to(versions::withdraw)),
        )
        .service(resource(paths::VERSION_COMPARE).route(get().to(versions::compare)))
        .service(resource(paths::ME_AGENDA).route(get().to(agenda::agenda)))
        .service(
            resource(paths::ME_CALENDAR)
                .route(get().to(agenda::calendar_status))
                .route(post().to(agenda::calendar_enable))
                .route(delete().to(agenda::calendar_disable)),
        )
        .service(resource(paths::CALENDAR_FEED).route(get().to(agenda::calendar_feed)))
        .service(resource(paths::EXPORT_PDF).route(get().to(plan_pdf::export_pdf)));
}
