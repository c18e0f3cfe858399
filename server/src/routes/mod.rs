//! The router: every path in `onsplan_shared::routes::ROUTES`, each mounted once, with JSON
//! answers for unknown routes and wrong methods. Handlers stay thin: extract, call a service,
//! shape the answer.

pub mod auth;
pub mod families;
pub mod health;
pub mod invites;
pub mod openapi;
pub mod sections;

use actix_web::{web, Resource};
use onsplan_shared::routes as paths;

use crate::http::method_not_allowed;

fn resource(path: &str) -> Resource {
    web::resource(path).default_service(web::to(method_not_allowed))
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    use web::{delete, get, post, put};
    cfg.service(resource(paths::HEALTHZ).route(get().to(health::healthz)))
        .service(resource(paths::OPENAPI).route(get().to(openapi::document)))
        .service(resource(paths::AUTH_REGISTER).route(post().to(auth::register)))
        .service(resource(paths::AUTH_LOGIN).route(post().to(auth::login)))
        .service(resource(paths::AUTH_REFRESH).route(post().to(auth::refresh)))
        .service(resource(paths::AUTH_LOGOUT).route(post().to(auth::logout)))
        .service(resource(paths::PASSWORD_RESET).route(post().to(auth::password_reset)))
        .service(
            resource(paths::PASSWORD_RESET_CONFIRM).route(post().to(auth::password_reset_confirm)),
        )
        .service(resource(paths::ME).route(get().to(auth::me)))
        .service(
            resource(paths::FAMILIES)
                .route(post().to(families::create))
                .route(get().to(families::list)),
        )
        .service(resource(paths::FAMILY).route(get().to(families::detail)))
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
        .service(
            resource(paths::INVITES)
                .route(post().to(invites::create))
                .route(get().to(invites::list)),
        )
        .service(resource(paths::INVITE).route(delete().to(invites::revoke)))
        .service(resource(paths::INVITE_RESEND).route(post().to(invites::resend)))
        .service(resource(paths::INVITE_LOOKUP).route(post().to(invites::lookup)))
        .service(resource(paths::INVITE_ACCEPT).route(post().to(invites::accept)));
}
