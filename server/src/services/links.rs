//! Emailed links (invitations and password resets) share one set of rules: the token is
//! 32 random bytes in base64url and only its SHA-256 is stored; a link works once, until it
//! expires, and dies when revoked or replaced by a newer one. Each refusal has its own error
//! code. The endpoints that take tokens are rate limited per IP address.

use crate::auth::tokens;
use crate::db::Db;
use crate::errors::{AppError, AppResult};
use crate::services::rate_limit::{self, Limit};
use onsplan_shared::invite::MAX_TOKEN_CHARS;

/// Link lookups, accepts, activations and reset requests allowed per IP address per minute.
pub const LINK_REQUESTS_PER_IP: Limit = Limit {
    scope: "link-ip",
    max_hits: 30,
    window_ms: 60 * 1000,
};

/// The stored form of a presented token; anything that cannot be a token is
/// [`AppError::LinkInvalid`] without touching the database.
pub fn presented_hash(token: &str) -> AppResult<String> {
    let token = token.trim();
    if token.is_empty() || token.len() > MAX_TOKEN_CHARS {
        return Err(AppError::LinkInvalid);
    }
    Ok(tokens::hash_token(token))
}

/// Where a link is in its life.
pub struct LinkState {
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub superseded_at: Option<i64>,
    pub expires_at: i64,
}

/// Refuses a link that was used, revoked, replaced or has expired, in that order.
pub fn check_live(link: &LinkState, now: i64) -> AppResult<()> {
    if link.used_at.is_some() {
        Err(AppError::LinkUsed)
    } else if link.revoked_at.is_some() {
        Err(AppError::LinkRevoked)
    } else if link.superseded_at.is_some() {
        Err(AppError::LinkSuperseded)
    } else if link.expires_at <= now {
        Err(AppError::LinkExpired)
    } else {
        Ok(())
    }
}

/// Counts one request from `ip` against [`LINK_REQUESTS_PER_IP`], before anything else is
/// done with it.
pub async fn limit_ip(db: &Db, ip: Option<String>) -> AppResult<()> {
    let Some(ip) = ip else {
        return Ok(());
    };
    rate_limit::count(db, vec![(LINK_REQUESTS_PER_IP, ip)]).await?;
    Ok(())
}
