//! Emailed links (invitations and password resets) share one set of rules: the token is
//! 32 random bytes in base64url and only its SHA-256 is stored; a link works once, until it
//! expires, and dies when revoked or replaced by a newer one. Each refusal has its own error
//! code. The endpoints that take tokens are rate limited per IP address.

use crate::auth::tokens;
use crate::db::models::LoginFailureRow;
use crate::db::{login_failures, new_id, now_ms, Db};
use crate::errors::{AppError, AppResult};
use onsplan_shared::invite::MAX_TOKEN_CHARS;

/// Link lookups, accepts and reset requests allowed per IP address per window.
pub const MAX_LINK_REQUESTS_PER_IP: i64 = 30;
/// The window of [`MAX_LINK_REQUESTS_PER_IP`].
pub const LINK_WINDOW_MS: i64 = 60 * 1000;

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

/// Counts one request from `ip` against [`MAX_LINK_REQUESTS_PER_IP`], in the database so all
/// instances agree (the login rate limit's table, under a subject of its own).
pub async fn limit_ip(db: &Db, ip: Option<String>) -> AppResult<()> {
    let Some(ip) = ip else {
        return Ok(());
    };
    let subject = format!("link-ip:{ip}");
    db.write(move |conn| -> AppResult<()> {
        let now = now_ms();
        let since = now - LINK_WINDOW_MS;
        if login_failures::count_since(conn, &subject, since)? >= MAX_LINK_REQUESTS_PER_IP {
            return Err(AppError::RateLimited {
                retry_after_secs: (LINK_WINDOW_MS / 1000) as u64,
            });
        }
        let row = LoginFailureRow {
            id: new_id(),
            subject,
            failed_at: now,
        };
        login_failures::record(conn, &row, since)?;
        Ok(())
    })
    .await
}
