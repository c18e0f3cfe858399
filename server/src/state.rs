//! What every handler shares: storage, token keys and settings. Nothing here holds data
//! another server instance would need.

use std::sync::Arc;

use crate::auth::jwt::JwtKeys;
use crate::config::Settings;
use crate::db::Db;

pub struct AppState {
    pub db: Db,
    pub jwt: JwtKeys,
    pub settings: Arc<Settings>,
}
