//! What every handler shares: storage, token keys, settings and the email outbox. Nothing here holds data
//! another server instance would need.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;
use crate::db::Db;
use crate::email::outbox::Outbox;

pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub settings: Arc<Settings>,
    pub outbox: Outbox,
}
