//! What every handler shares: storage, token keys, settings, the email outbox and the clock. Nothing here holds data
//! another server instance would need.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::clock::Clock;
use crate::config::Settings;
use crate::db::Db;
use crate::email::outbox::Outbox;

pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub settings: Arc<Settings>,
    pub outbox: Outbox,
    /// The time scheduling and commitments read (movable only in tests).
    pub clock: Clock,
}
